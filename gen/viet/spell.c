#include "spell.h"

#include <hunspell/hunspell.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include "model/model.h"
#include "tone.h"

struct vb_speller {
    Hunhandle *handle;
};

vb_speller *vb_speller_open(char *err, size_t err_size)
{
    const char *dir = getenv("VANBAN_HUNSPELL_DIR");
    if (!dir || !*dir)
        dir = "/usr/share/hunspell";
    char aff[4096], dic[4096];
    snprintf(aff, sizeof aff, "%s/vi_VN.aff", dir);
    snprintf(dic, sizeof dic, "%s/vi_VN.dic", dir);
    FILE *probe = fopen(dic, "r");
    if (!probe) {
        snprintf(err, err_size, "the Vietnamese dictionary %s is not installed "
                                "(Debian: apt-get install hunspell-vi)", dic);
        return NULL;
    }
    fclose(probe);
    vb_speller *s = vb_xcalloc(1, sizeof *s);
    s->handle = Hunspell_create(aff, dic);
    if (!s->handle) {
        snprintf(err, err_size, "hunspell could not load %s", dic);
        free(s);
        return NULL;
    }
    return s;
}

void vb_speller_close(vb_speller *s)
{
    if (!s)
        return;
    Hunspell_destroy(s->handle);
    free(s);
}

static int worth_checking(const char *word, size_t len)
{
    int32_t i = 0, n = (int32_t)len, letters = 0, lower = 0;
    while (i < n) {
        UChar32 c;
        U8_NEXT((const uint8_t *)word, i, n, c);
        if (c < 0 || u_isdigit(c))
            return 0;
        if (u_isalpha(c)) {
            letters++;
            lower += u_islower(c) != 0;
        }
    }
    /* UBND, CNTT: abbreviations are not syllables; one letter is not a word to check. */
    return letters > 1 && lower > 0;
}

size_t vb_spell_check(vb_speller *s, const char *text, size_t len, vb_spell_finding **findings)
{
    size_t count = 0, cap = 0;
    *findings = NULL;
    int32_t i = 0, n = (int32_t)len;
    char word[256];
    while (i < n) {
        int32_t start = i;
        UChar32 c;
        U8_NEXT((const uint8_t *)text, i, n, c);
        if (c < 0 || !(u_isalpha(c) || u_getCombiningClass(c) > 0))
            continue;
        int32_t end = i;
        /* A word: letters, combining marks, and digits glued to them (IPv6, 5G). */
        while (end < n) {
            int32_t next = end;
            UChar32 d;
            U8_NEXT((const uint8_t *)text, next, n, d);
            if (d < 0 || !(u_isalpha(d) || u_isdigit(d) || u_getCombiningClass(d) > 0))
                break;
            end = next;
        }
        size_t wlen = (size_t)(end - start);
        i = end;
        /* nha_nuoc, du_thao: identifiers, not words. */
        int identifier = (start > 0 && text[start - 1] == '_') || (end < n && text[end] == '_');
        if (identifier || wlen >= sizeof word || !worth_checking(text + start, wlen))
            continue;
        memcpy(word, text + start, wlen);
        word[wlen] = '\0';
        if (Hunspell_spell(s->handle, word))
            continue;
        /* hunspell-vi lists one tone placement (hoá, Uỷ); either is a known syllable. */
        char *other = vb_tone_apply(word, wlen, VB_TONE_MODERN, NULL, NULL);
        int known = strcmp(other, word) != 0 && Hunspell_spell(s->handle, other);
        free(other);
        if (known)
            continue;
        if (count == cap) {
            cap = cap ? cap * 2 : 8;
            *findings = vb_xrealloc(*findings, cap * sizeof **findings);
        }
        (*findings)[count].offset = (size_t)start;
        (*findings)[count].length = wlen;
        count++;
    }
    return count;
}
