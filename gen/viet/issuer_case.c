#include "issuer_case.h"

#include <stdlib.h>
#include <string.h>

#include "model/model.h"
#include "text.h"

/* Kinds of body, lower case, longest first where one begins another. */
static const char *const kinds[] = {
    "ủy ban nhân dân", "hội đồng nhân dân", "ủy ban mặt trận tổ quốc", "bảo hiểm xã hội",
    "kho bạc nhà nước", "văn phòng", "thanh tra", "trung tâm", "tổng cục", "chi cục", "công an",
    "ban quản lý", "sở", "bộ", "cục", "vụ", "phòng", "ban", "viện", "hội", "đài", "trường",
    "bệnh viện", "ủy ban", "hội đồng", "liên đoàn", "đoàn", NULL};
/* Administrative units: lower case, and the words after them are a place name. */
static const char *const units[] = {"tỉnh", "thành phố", "huyện", "quận", "thị xã", "xã",
                                    "phường", "thị trấn", NULL};

typedef struct {
    char **words;
    size_t count;
} words;

static void split(const char *s, words *w)
{
    char *copy = vb_strdup(s);
    for (char *tok = strtok(copy, " \n\t"); tok; tok = strtok(NULL, " \n\t")) {
        w->words = vb_xrealloc(w->words, (w->count + 1) * sizeof *w->words);
        w->words[w->count++] = vb_strdup(tok);
    }
    free(copy);
}

static void words_free(words *w)
{
    for (size_t i = 0; i < w->count; i++)
        free(w->words[i]);
    free(w->words);
}

/* How many words of `w` from `at` a phrase of the list matches (0: none). */
static size_t match(const words *w, size_t at, const char *const *list)
{
    for (size_t k = 0; list[k]; k++) {
        char *phrase = vb_strdup(list[k]);
        size_t n = 0;
        int ok = 1;
        for (char *tok = strtok(phrase, " "); tok; tok = strtok(NULL, " "), n++)
            if (at + n >= w->count || strcmp(w->words[at + n], tok) != 0)
                ok = 0;
        free(phrase);
        if (ok)
            return n;
    }
    return 0;
}

static int is_vowel_start(const char *s)
{
    /* The vowel letters' first bytes: plain a e i o u y, or the two-byte Latin-1/Latin-A
     * and three-byte Latin Extended Additional forms (all carry a vowel). */
    unsigned char c = (unsigned char)*s;
    if (c == 0xc4)
        return (unsigned char)s[1] != 0x91; /* đ is a consonant */
    return (*s && strchr("aeiouy", *s)) || c == 0xc3 || c == 0xc5 || c == 0xc6 || c == 0xe1;
}

/* Whether a lower-cased word can be a Vietnamese syllable: an onset, vowels, a coda. An
 * upper-case word that cannot (PTNT, UBND, KT-XH) is an abbreviation and keeps its capitals. */
static int is_syllable(const char *w)
{
    static const char *const onsets[] = {"ngh", "ng", "nh", "ch", "gh", "gi", "kh", "ph", "qu",
                                         "th", "tr", "b", "c", "d", "đ", "g", "h", "k", "l",
                                         "m", "n", "p", "r", "s", "t", "v", "x", ""};
    static const char *const codas[] = {"ng", "nh", "ch", "c", "m", "n", "p", "t", ""};
    for (size_t o = 0; o < sizeof onsets / sizeof *onsets; o++) {
        size_t n = strlen(onsets[o]);
        if (strncmp(w, onsets[o], n) != 0)
            continue;
        const char *p = w + n;
        if (!*p || !is_vowel_start(p))
            continue;
        while (*p && is_vowel_start(p)) {
            p++;
            while (((unsigned char)*p & 0xc0) == 0x80)
                p++;
        }
        for (size_t c = 0; c < sizeof codas / sizeof *codas; c++)
            if (strcmp(p, codas[c]) == 0)
                return 1;
    }
    return 0;
}

/* The word with its first letter in capitals. */
static char *capitalised(const char *w)
{
    size_t first = 1;
    while (w[first] && ((unsigned char)w[first] & 0xc0) == 0x80)
        first++;
    char head[8] = {0};
    memcpy(head, w, first < sizeof head ? first : sizeof head - 1);
    char *up = vb_upper_vi(head);
    size_t n = strlen(up) + strlen(w + first) + 1;
    char *out = vb_xmalloc(n);
    strcpy(out, up);
    strcat(out, w + first);
    free(up);
    return out;
}

char *vb_issuer_running_case(const char *name)
{
    if (!name || !*name)
        return NULL;
    words upper = {0}, lower = {0};
    split(name, &upper);
    char *low = vb_lower_vi(name);
    split(low, &lower);
    free(low);
    size_t kind = lower.count == upper.count ? match(&lower, 0, kinds) : 0;
    if (!kind) {
        words_free(&upper);
        words_free(&lower);
        return NULL;
    }
    /* What each word becomes: 0 lower case, 1 capitalised, 2 as typed (an abbreviation). */
    int *form = vb_xcalloc(lower.count, sizeof *form);
    form[0] = 1;
    int field_start = 1, in_place = 0;
    for (size_t i = kind; i < lower.count; i++) {
        size_t unit = match(&lower, i, units);
        if (unit && i + unit < lower.count) {
            i += unit - 1; /* the unit's words stay lower case; a place follows */
            in_place = 1;
            field_start = 0;
            continue;
        }
        if (unit) { /* "Công an tỉnh": a unit that ends the name stays lower case */
            i += unit - 1;
            continue;
        }
        if (!is_syllable(lower.words[i])) {
            form[i] = 2;
            field_start = 0;
            continue;
        }
        if (in_place || field_start)
            form[i] = 1;
        field_start = strcmp(lower.words[i], "và") == 0;
    }
    size_t cap = 1;
    for (size_t i = 0; i < upper.count; i++)
        cap += strlen(upper.words[i]) + strlen(lower.words[i]) + 8;
    char *out = vb_xcalloc(cap, 1);
    for (size_t i = 0; i < lower.count; i++) {
        if (i)
            strcat(out, " ");
        if (form[i] == 2) {
            strcat(out, upper.words[i]);
        } else if (form[i] == 1) {
            char *c = capitalised(lower.words[i]);
            strcat(out, c);
            free(c);
        } else {
            strcat(out, lower.words[i]);
        }
    }
    free(form);
    words_free(&upper);
    words_free(&lower);
    return out;
}
