/* Vietnamese syllables and tone marks (see tone.h).
 *
 * Each word (a letter followed by letters and combining marks) is decomposed with ICU (NFD)
 * into base letters, vowel modifiers (circumflex, breve, horn) and at most one tone mark.
 * Words carrying no Vietnamese tone or modifier are copied as they are (NFC). The others are
 * parsed as onset + nucleus + coda following Vietnamese orthography; a word that does not
 * parse is reported INVALID and copied unchanged. In a valid syllable the tone is put where
 * the chosen style wants it and the word is recomposed (NFC), each letter keeping its case.
 *
 * The tables below are written from the rules of the orthography (vowel nuclei with their
 * semi-vowel glides, the main vowel of each, spelling constraints c/k, g/gh, ng/ngh, qu, gi),
 * not taken from any input method. No state outside the call: safe from several threads. */
#include "tone.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unicode/uchar.h>
#include <unicode/unorm2.h>
#include <unicode/uscript.h>
#include <unicode/ustring.h>
#include <unicode/utf16.h>
#include <unicode/utf8.h>

#include "model/model.h"

/* ==== output buffers ======================================================================= */

typedef struct {
    char *p;
    size_t len, cap;
} outbuf;

static void out_add(outbuf *b, const char *s, size_t n)
{
    if (b->len + n + 1 > b->cap) {
        size_t cap = b->cap ? b->cap : 64;
        while (b->len + n + 1 > cap)
            cap *= 2;
        b->p = vb_xrealloc(b->p, cap);
        b->cap = cap;
    }
    memcpy(b->p + b->len, s, n);
    b->len += n;
    b->p[b->len] = '\0';
}

typedef struct {
    vb_tone_finding *items;
    size_t count, cap;
} findings;

static void finding_add(findings *f, size_t offset, size_t length, vb_syllable_change kind,
                        const char *before, const char *after)
{
    if (f->count == f->cap) {
        f->cap = f->cap ? f->cap * 2 : 8;
        f->items = vb_xrealloc(f->items, f->cap * sizeof *f->items);
    }
    vb_tone_finding *x = &f->items[f->count++];
    memset(x, 0, sizeof *x);
    x->offset = offset;
    x->length = length;
    x->kind = kind;
    /* Callers guarantee both fit (at most 63 bytes); copy bounded all the same. */
    strncpy(x->before, before, sizeof x->before - 1);
    strncpy(x->after, after, sizeof x->after - 1);
}

/* ==== NFC of arbitrary text ================================================================ */

/* Appends the NFC form of a run of well-formed UTF-8. */
static void add_nfc_run(outbuf *out, const char *s, size_t n)
{
    if (n > (size_t)INT32_MAX / 4) { /* far beyond any document; keep the bytes */
        out_add(out, s, n);
        return;
    }
    UErrorCode st = U_ZERO_ERROR;
    const UNormalizer2 *nfc = unorm2_getNFCInstance(&st);
    if (U_FAILURE(st)) {
        out_add(out, s, n);
        return;
    }
    int32_t ulen = 0;
    u_strFromUTF8(NULL, 0, &ulen, s, (int32_t)n, &st);
    if (st != U_BUFFER_OVERFLOW_ERROR && U_FAILURE(st)) {
        out_add(out, s, n);
        return;
    }
    st = U_ZERO_ERROR;
    UChar *src = vb_xmalloc(((size_t)ulen + 1) * sizeof(UChar));
    u_strFromUTF8(src, ulen + 1, &ulen, s, (int32_t)n, &st);
    if (U_FAILURE(st) || (unorm2_isNormalized(nfc, src, ulen, &st) && U_SUCCESS(st))) {
        free(src);
        out_add(out, s, n);
        return;
    }
    st = U_ZERO_ERROR;
    int32_t dlen = unorm2_normalize(nfc, src, ulen, NULL, 0, &st);
    if (st != U_BUFFER_OVERFLOW_ERROR && U_FAILURE(st)) {
        free(src);
        out_add(out, s, n);
        return;
    }
    st = U_ZERO_ERROR;
    UChar *dst = vb_xmalloc(((size_t)dlen + 1) * sizeof(UChar));
    dlen = unorm2_normalize(nfc, src, ulen, dst, dlen + 1, &st);
    int32_t blen = 0;
    if (U_SUCCESS(st)) {
        u_strToUTF8(NULL, 0, &blen, dst, dlen, &st);
        st = U_ZERO_ERROR;
        char *bytes = vb_xmalloc((size_t)blen + 1);
        u_strToUTF8(bytes, blen + 1, &blen, dst, dlen, &st);
        if (U_SUCCESS(st))
            out_add(out, bytes, (size_t)blen);
        else
            out_add(out, s, n);
        free(bytes);
    } else {
        out_add(out, s, n);
    }
    free(src);
    free(dst);
}

/* Appends `s` in NFC; ill-formed bytes are copied as they are (they cannot be normalised). */
static void add_nfc(outbuf *out, const char *s, size_t n)
{
    const uint8_t *u = (const uint8_t *)s;
    size_t i = 0;
    while (i < n && u[i] < 0x80) /* spaces and punctuation between words: nearly always ASCII */
        i++;
    if (i == n) {
        out_add(out, s, n);
        return;
    }
    i = 0;
    while (i < n) {
        size_t start = i;
        int ascii = 1;
        while (i < n) {
            size_t at = i;
            UChar32 c;
            U8_NEXT(u, i, n, c);
            if (c < 0) {
                i = at;
                break;
            }
            if (c >= 0x80)
                ascii = 0;
        }
        if (i > start) {
            if (ascii)
                out_add(out, s + start, i - start);
            else
                add_nfc_run(out, s + start, i - start);
        }
        if (i < n) {
            size_t at = i;
            UChar32 c;
            U8_NEXT(u, i, n, c);
            (void)c;
            out_add(out, s + at, i - at);
        }
    }
}

/* ==== letters ============================================================================== */

enum { MOD_CIRC = 1u, MOD_BREVE = 2u, MOD_HORN = 4u };

enum { TONE_NGANG, TONE_HUYEN, TONE_SAC, TONE_HOI, TONE_NGA, TONE_NANG };

/* Combining marks of each tone, indexed by the enum above. */
static const UChar32 tone_mark[] = {0, 0x0300, 0x0301, 0x0309, 0x0303, 0x0323};

#define MAX_LETTERS 64
#define WORD_MAX 63 /* bytes of a syllable we analyse (vb_tone_finding.before/after) */

typedef struct {
    UChar32 cp;     /* base code point as written (its case kept) */
    char ch;        /* lower-case a..z, 'D' for đ, 0 for any other letter */
    unsigned mods;  /* MOD_* */
} letter;

typedef struct {
    letter l[MAX_LETTERS];
    int n;
    int tone;       /* TONE_* */
    int tone_at;    /* letter carrying the tone, -1 without one */
    int bad;        /* a letter or mark outside the Vietnamese alphabet, or two tones */
    int foreign;    /* letters of another script: not Vietnamese text at all */
    int marked;     /* carries a Vietnamese tone or modifier */
    int all_upper;
} word;

static int is_vowel(char ch)
{
    return ch == 'a' || ch == 'e' || ch == 'i' || ch == 'o' || ch == 'u' || ch == 'y';
}

/* The NFC spelling of a lower-case vowel with its modifier, NULL when no such letter. */
static const char *vowel_spelling(char ch, unsigned mods)
{
    switch (ch) {
    case 'a':
        return mods == 0 ? "a" : mods == MOD_BREVE ? "ă" : mods == MOD_CIRC ? "â" : NULL;
    case 'e':
        return mods == 0 ? "e" : mods == MOD_CIRC ? "ê" : NULL;
    case 'o':
        return mods == 0 ? "o" : mods == MOD_CIRC ? "ô" : mods == MOD_HORN ? "ơ" : NULL;
    case 'u':
        return mods == 0 ? "u" : mods == MOD_HORN ? "ư" : NULL;
    case 'i':
        return mods == 0 ? "i" : NULL;
    case 'y':
        return mods == 0 ? "y" : NULL;
    default:
        return NULL;
    }
}

/* Fills `w` from the NFD UTF-16 of one word. */
static void read_letters(const UChar *s, int32_t n, word *w)
{
    memset(w, 0, sizeof *w);
    w->tone_at = -1;
    w->all_upper = 1;
    int32_t i = 0;
    while (i < n) {
        UChar32 c;
        U16_NEXT(s, i, n, c);
        if (U_GET_GC_MASK(c) & U_GC_M_MASK) {
            if (w->n == 0) {
                w->bad = 1;
                continue;
            }
            letter *l = &w->l[w->n - 1];
            unsigned mod = 0;
            int tone = 0;
            switch (c) {
            case 0x0300: tone = TONE_HUYEN; break;
            case 0x0301: tone = TONE_SAC; break;
            case 0x0309: tone = TONE_HOI; break;
            case 0x0303: tone = TONE_NGA; break;
            case 0x0323: tone = TONE_NANG; break;
            case 0x0302: mod = MOD_CIRC; break;
            case 0x0306: mod = MOD_BREVE; break;
            case 0x031B: mod = MOD_HORN; break;
            default: w->bad = 1; break; /* diaeresis, caron, cedilla, ring …: not Vietnamese */
            }
            if (tone) {
                w->marked = 1;
                if (w->tone_at >= 0)
                    w->bad = 1; /* two tones in one syllable */
                w->tone = tone;
                w->tone_at = w->n - 1;
            } else if (mod) {
                w->marked = 1;
                if (l->mods & mod)
                    w->bad = 1;
                l->mods |= mod;
            }
            continue;
        }
        if (w->n == MAX_LETTERS) {
            w->bad = 1;
            continue;
        }
        letter *l = &w->l[w->n++];
        l->cp = c;
        UChar32 lower = u_tolower(c);
        if (u_toupper(c) != c || !u_isUAlphabetic(c))
            w->all_upper = 0;
        if (lower >= 'a' && lower <= 'z') {
            l->ch = (char)lower;
            if (lower == 'f' || lower == 'j' || lower == 'w' || lower == 'z')
                w->bad = 1;
        } else if (lower == 0x0111) {
            l->ch = 'D';
        } else {
            UErrorCode st = U_ZERO_ERROR;
            UScriptCode script = uscript_getScript(c, &st);
            if (U_FAILURE(st) || script != USCRIPT_LATIN)
                w->foreign = 1;
            else
                w->bad = 1; /* ø, ß, ł …: Latin, but not Vietnamese */
        }
    }
}

/* ==== syllable structure =================================================================== */

/* A vowel nucleus, semi-vowel glides included (the i/y/o/u that end "ai", "ao", "uôi" …).
 * Positions are the index in the nucleus of the vowel carrying the tone; -1 when the nucleus
 * cannot end (open) or cannot be followed by a consonant (closed). The main vowel takes the
 * tone: the modified vowel when there is one, the first vowel before a glide (mái, múa,
 * mía), the second after the medial o/u (hoàng, thuyền). Only open oa, oe, uy differ between
 * the styles: traditional on the medial (hòa), QĐ 1989 on the main vowel (hoà). */
enum {
    ONSET_REQUIRED = 1u, /* iê, iêu: written yê, yêu without an onset */
    ONSET_NONE_OR_QU = 2u, /* yê, yêu: only alone or after qu (the medial u of uyê is part of the nucleus) */
    ONSET_NONE = 4u,       /* ă, â ending a syllable: only the letter names */
};

typedef struct {
    const char *spelling;
    signed char open_trad, open_modern, closed;
    unsigned flags;
} nucleus;

static const nucleus nuclei[] = {
    /* single vowels */
    {"a", 0, 0, 0, 0},
    {"ă", 0, 0, 0, ONSET_NONE},
    {"â", 0, 0, 0, ONSET_NONE},
    {"e", 0, 0, 0, 0},
    {"ê", 0, 0, 0, 0},
    {"i", 0, 0, 0, 0},
    {"o", 0, 0, 0, 0},
    {"ô", 0, 0, 0, 0},
    {"ơ", 0, 0, 0, 0},
    {"u", 0, 0, 0, 0},
    {"ư", 0, 0, 0, 0},
    {"y", 0, 0, 0, 0},
    /* main vowel + glide: open only, tone on the first */
    {"ai", 0, 0, -1, 0},
    {"ao", 0, 0, -1, 0},
    {"au", 0, 0, -1, 0},
    {"ay", 0, 0, -1, 0},
    {"âu", 0, 0, -1, 0},
    {"ây", 0, 0, -1, 0},
    {"eo", 0, 0, -1, 0},
    {"êu", 0, 0, -1, 0},
    {"iu", 0, 0, -1, 0},
    {"oi", 0, 0, -1, 0},
    {"ôi", 0, 0, -1, 0},
    {"ơi", 0, 0, -1, 0},
    {"ui", 0, 0, -1, 0},
    {"ưi", 0, 0, -1, 0},
    {"ưu", 0, 0, -1, 0},
    /* the diphthongs iê, uô, ươ written ia, ua, ưa when open: tone on the first letter */
    {"ia", 0, 0, -1, 0},
    {"ua", 0, 0, -1, 0},
    {"ưa", 0, 0, -1, 0},
    /* … and iê, yê, uô, ươ when closed: tone on the second (modified) letter */
    {"iê", -1, -1, 1, ONSET_REQUIRED},
    {"yê", -1, -1, 1, ONSET_NONE_OR_QU},
    {"uô", -1, -1, 1, 0},
    {"ươ", -1, -1, 1, 0},
    /* medial o/u + main vowel: tone on the main vowel, except open oa/oe/uy (traditional) */
    {"oa", 0, 1, 1, 0},
    {"oe", 0, 1, 1, 0},
    {"uy", 0, 1, 1, 0},
    {"oă", -1, -1, 1, 0},
    {"uâ", -1, -1, 1, 0},
    {"uê", 1, 1, 1, 0},
    {"uơ", 1, 1, -1, 0}, /* thuở, huơ; closed it is a mistyped ươ */
    /* loanwords with a long o: xoong, boong, soóc, moóc */
    {"oo", -1, -1, 1, 0},
    /* three letters: the middle one is the main vowel */
    {"iêu", 1, 1, -1, ONSET_REQUIRED},
    {"yêu", 1, 1, -1, ONSET_NONE_OR_QU},
    {"oai", 1, 1, -1, 0},
    {"oao", 1, 1, -1, 0},
    {"oay", 1, 1, -1, 0},
    {"oeo", 1, 1, -1, 0},
    {"uây", 1, 1, -1, 0},
    {"uôi", 1, 1, -1, 0},
    {"ươi", 1, 1, -1, 0},
    {"ươu", 1, 1, -1, 0},
    {"uya", 1, 1, -1, 0},
    {"uyu", 1, 1, -1, 0},
    {"uyê", -1, -1, 2, 0},
};

static const char *const onsets[] = {
    "",  "b",  "c", "ch", "d", "D",  "g",  "gh", "gi", "h",  "k",  "kh", "l",  "m",
    "n", "ng", "ngh", "nh", "p", "ph", "qu", "r", "s", "t", "th", "tr", "v", "x",
};

/* Codas. "k" is not Vietnamese spelling, but the official names of the Central Highlands
 * write it (Đắk Lắk, Krông Búk); it is accepted like "c". */
static const char *const codas[] = {"", "c", "ch", "m", "n", "ng", "nh", "p", "t", "k"};

static int in_list(const char *s, const char *const *list, size_t count)
{
    for (size_t i = 0; i < count; i++)
        if (strcmp(s, list[i]) == 0)
            return 1;
    return 0;
}

typedef struct {
    int trad, modern; /* letter indices for the tone in each style */
} placement;

/* Parses the letters of `w` as onset + nucleus + coda. Returns 1 and the tone positions for
 * a Vietnamese syllable, 0 otherwise. */
static int parse_syllable(const word *w, placement *pl)
{
    const letter *L = w->l;
    int n = w->n;
    for (int k = 0; k < n; k++) {
        if (L[k].ch == 0)
            return 0;
        if (is_vowel(L[k].ch) ? !vowel_spelling(L[k].ch, L[k].mods) : L[k].mods != 0)
            return 0;
    }

    /* onset */
    char onset[8] = "";
    int i = 0, gi_merged = 0;
    if (n >= 2 && L[0].ch == 'q' && L[1].ch == 'u' && L[1].mods == 0) {
        strcpy(onset, "qu");
        i = 2;
    } else if (n >= 2 && L[0].ch == 'g' && L[1].ch == 'i') {
        if (n >= 3 && is_vowel(L[2].ch)) {
            strcpy(onset, "gi"); /* già, giữ, giường */
            i = 2;
        } else {
            strcpy(onset, "g"); /* gì, gìn: the i of gi is also the vowel */
            i = 1;
            gi_merged = 1;
        }
    } else {
        while (i < n && !is_vowel(L[i].ch)) {
            if (i >= 3)
                return 0;
            onset[i] = L[i].ch;
            i++;
        }
        onset[i] = '\0';
    }
    if (!in_list(onset, onsets, sizeof onsets / sizeof *onsets))
        return 0;

    /* nucleus */
    int ns = i;
    char key[16] = "";
    size_t klen = 0;
    while (i < n && is_vowel(L[i].ch)) {
        if (i - ns >= 3)
            return 0;
        const char *v = vowel_spelling(L[i].ch, L[i].mods);
        size_t vl = strlen(v);
        memcpy(key + klen, v, vl);
        klen += vl;
        key[klen] = '\0';
        i++;
    }
    if (i == ns)
        return 0;
    const nucleus *nu = NULL;
    for (size_t k = 0; k < sizeof nuclei / sizeof *nuclei && !nu; k++)
        if (strcmp(key, nuclei[k].spelling) == 0)
            nu = &nuclei[k];
    if (!nu)
        return 0;
    int ne = i;

    /* coda */
    char coda[8];
    int cl = 0;
    for (; i < n; i++) {
        if (is_vowel(L[i].ch) || cl >= 2)
            return 0;
        coda[cl++] = L[i].ch;
    }
    coda[cl] = '\0';
    if (!in_list(coda, codas, sizeof codas / sizeof *codas))
        return 0;
    int closed = cl > 0;
    if (closed ? nu->closed < 0 : nu->open_trad < 0)
        return 0;

    /* spelling constraints */
    const letter *first = &L[ns], *last = &L[ne - 1];
    int front = first->ch == 'e' || first->ch == 'i' || first->ch == 'y';
    if (!gi_merged) {
        if ((strcmp(onset, "c") == 0 || strcmp(onset, "g") == 0 || strcmp(onset, "ng") == 0) && front)
            return 0; /* ke, ghe, nghe — not "ce", "ge", "ngiã" */
        if ((strcmp(onset, "gh") == 0 || strcmp(onset, "ngh") == 0) && !front)
            return 0; /* ga, nga — not "gha", "ngha" */
    }
    if (strcmp(onset, "qu") == 0 && (first->ch == 'u' || (first->ch == 'o' && first->mods == 0)))
        return 0;
    if ((nu->flags & ONSET_REQUIRED) && (onset[0] == '\0' || strcmp(onset, "qu") == 0))
        return 0;
    if ((nu->flags & ONSET_NONE_OR_QU) && onset[0] != '\0' && strcmp(onset, "qu") != 0)
        return 0;
    if ((nu->flags & ONSET_NONE) && !closed && onset[0] != '\0')
        return 0;
    if ((strcmp(coda, "ch") == 0 || strcmp(coda, "nh") == 0) &&
        !((last->ch == 'a' && last->mods == 0) || (last->ch == 'e' && last->mods == MOD_CIRC) ||
          last->ch == 'i' || last->ch == 'y'))
        return 0; /* anh, ênh, inh, uynh — not "ônh", "ưch" */
    int stop = strcmp(coda, "c") == 0 || strcmp(coda, "ch") == 0 || strcmp(coda, "p") == 0 ||
               strcmp(coda, "t") == 0 || strcmp(coda, "k") == 0;
    if (stop && w->tone != TONE_SAC && w->tone != TONE_NANG)
        return 0; /* checked syllables take only sắc or nặng */

    if (closed) {
        pl->trad = pl->modern = ns + nu->closed;
    } else {
        pl->trad = ns + nu->open_trad;
        pl->modern = ns + nu->open_modern;
    }
    return 1;
}

/* ==== one word ============================================================================= */

/* NFC UTF-8 of UTF-16 `s` into out[64]; 0 when it does not fit in 63 bytes. */
static int nfc_utf8_64(const UChar *s, int32_t n, char out[64])
{
    UErrorCode st = U_ZERO_ERROR;
    const UNormalizer2 *nfc = unorm2_getNFCInstance(&st);
    UChar buf[256];
    int32_t m = U_SUCCESS(st) ? unorm2_normalize(nfc, s, n, buf, 256, &st) : 0;
    if (U_FAILURE(st))
        return 0;
    int32_t blen = 0;
    u_strToUTF8(out, 64, &blen, buf, m, &st);
    if (U_FAILURE(st) || st == U_STRING_NOT_TERMINATED_WARNING || blen > WORD_MAX)
        return 0;
    out[blen] = '\0';
    return 1;
}

static void do_word_uncached(const char *s, size_t n, size_t offset, vb_tone_style style,
                             outbuf *out, findings *found)
{
    if (n > WORD_MAX) {
        add_nfc(out, s, n);
        return;
    }
    /* A word of plain ASCII letters carries no mark to place: most codes, numbers, English. */
    size_t ascii = 0;
    while (ascii < n && (unsigned char)s[ascii] < 0x80)
        ascii++;
    if (ascii == n) {
        out_add(out, s, n);
        return;
    }
    UErrorCode st = U_ZERO_ERROR;
    const UNormalizer2 *nfd = unorm2_getNFDInstance(&st);
    UChar u16[WORD_MAX + 1], dec[256];
    int32_t ulen = 0, dlen = 0;
    if (U_SUCCESS(st))
        u_strFromUTF8(u16, WORD_MAX + 1, &ulen, s, (int32_t)n, &st);
    if (U_SUCCESS(st))
        dlen = unorm2_normalize(nfd, u16, ulen, dec, 256, &st);
    char before[64];
    if (U_FAILURE(st) || !nfc_utf8_64(u16, ulen, before)) {
        add_nfc(out, s, n);
        return;
    }

    word w;
    read_letters(dec, dlen, &w);
    if (w.foreign || !w.marked) {
        out_add(out, before, strlen(before));
        return;
    }
    placement pl = {-1, -1};
    if (w.bad || !parse_syllable(&w, &pl)) {
        out_add(out, before, strlen(before));
        /* Capitals with only modifier letters are abbreviations (UBTƯMTTQVN), not syllables. */
        int abbreviation = w.tone == TONE_NGANG && w.all_upper && w.n >= 2;
        if (found && !abbreviation)
            finding_add(found, offset, n, VB_SYLLABLE_INVALID, before, before);
        return;
    }
    if (w.tone == TONE_NGANG) {
        out_add(out, before, strlen(before));
        return;
    }
    int cur = w.tone_at, target;
    int accepted = cur == pl.trad || cur == pl.modern;
    switch (style) {
    case VB_TONE_MODERN:
        target = pl.modern;
        break;
    case VB_TONE_KEEP:
        target = accepted ? cur : pl.trad;
        break;
    case VB_TONE_TRADITIONAL:
    default:
        target = pl.trad;
        break;
    }
    if (target == cur) {
        out_add(out, before, strlen(before));
        return;
    }

    /* Recompose with the tone moved: base letters as written, modifiers, the tone. */
    UChar rebuilt[256];
    int32_t rl = 0;
    UBool err = 0;
    for (int k = 0; k < w.n; k++) {
        U16_APPEND(rebuilt, rl, 256, w.l[k].cp, err);
        if (w.l[k].mods & MOD_CIRC)
            U16_APPEND(rebuilt, rl, 256, 0x0302, err);
        if (w.l[k].mods & MOD_BREVE)
            U16_APPEND(rebuilt, rl, 256, 0x0306, err);
        if (w.l[k].mods & MOD_HORN)
            U16_APPEND(rebuilt, rl, 256, 0x031B, err);
        if (k == target)
            U16_APPEND(rebuilt, rl, 256, tone_mark[w.tone], err);
    }
    char after[64];
    if (err || !nfc_utf8_64(rebuilt, rl, after)) {
        out_add(out, before, strlen(before));
        return;
    }
    out_add(out, after, strlen(after));
    if (found)
        finding_add(found, offset, n, accepted ? VB_SYLLABLE_RESTYLED : VB_SYLLABLE_REPAIRED, before,
                    after);
}

/* Documents repeat a few thousand syllables: a cache remembers what was made of the words
 * seen (per style), so a repeated word costs a hash and a copy. Each caller owns its cache
 * (one per document read), so threads never share one. Slots are small (a Vietnamese
 * syllable is at most 9 bytes of UTF-8; longer words are not cached), and the cache is sized
 * to the text it will see, from 2 pages to 32: every fresh page costs a fault (about 10 µs on
 * a virtual machine), and a short letter has a few hundred words in all. */
#define WORD_CACHE_MIN_SLOTS 256
#define WORD_CACHE_MAX_SLOTS 4096
#define TEXT_BYTES_PER_SLOT 32
#define CACHED_BYTES 14
typedef struct {
    unsigned char in_len;  /* 0: an empty slot */
    unsigned char out_len, style, kind;
    char in[CACHED_BYTES], out[CACHED_BYTES];
} cached_word;
struct vb_tone_cache {
    size_t slot_count; /* a power of two */
    cached_word slots[];
};

vb_tone_cache *vb_tone_cache_new(size_t text_bytes)
{
    size_t slots = WORD_CACHE_MIN_SLOTS;
    while (slots < WORD_CACHE_MAX_SLOTS && slots * TEXT_BYTES_PER_SLOT < text_bytes)
        slots *= 2;
    /* Written now rather than calloc'ed: a zero page read and then written faults twice. */
    size_t size = sizeof(vb_tone_cache) + slots * sizeof(cached_word);
    vb_tone_cache *cache = vb_xmalloc(size);
    memset(cache, 0, size);
    cache->slot_count = slots;
    return cache;
}

void vb_tone_cache_free(vb_tone_cache *cache)
{
    free(cache);
}

static void do_word(vb_tone_cache *cache, const char *s, size_t n, size_t offset,
                    vb_tone_style style, outbuf *out, findings *found)
{
    if (!cache || n > CACHED_BYTES) {
        do_word_uncached(s, n, offset, style, out, found);
        return;
    }
    uint32_t h = 2166136261u ^ (uint32_t)style;
    unsigned char high = 0;
    for (size_t i = 0; i < n; i++) {
        high |= (unsigned char)s[i];
        h = (h ^ (unsigned char)s[i]) * 16777619u;
    }
    if (high < 0x80) { /* plain ASCII: nothing to place, nothing to remember */
        out_add(out, s, n);
        return;
    }
    /* Two slots per hash, the latest first: with one, two common words that share a slot
     * ("và", "Kết") would push each other out all through a document. */
    cached_word *pair = &cache->slots[h & (cache->slot_count - 2)];
    cached_word *slot = pair;
    if (!(slot->in_len == n && slot->style == style && memcmp(slot->in, s, n) == 0))
        slot = pair + 1;
    if (slot->in_len == n && slot->style == style && memcmp(slot->in, s, n) == 0) {
        out_add(out, slot->out, slot->out_len);
        if (found && slot->kind != VB_SYLLABLE_UNCHANGED) {
            /* A word with a finding is rare: work it out again for the finding's texts. */
            findings probe = {0};
            outbuf scratch = {0};
            do_word_uncached(s, n, offset, style, &scratch, &probe);
            if (probe.count)
                finding_add(found, offset, n, probe.items[0].kind, probe.items[0].before,
                            probe.items[0].after);
            free(probe.items);
            free(scratch.p);
        }
        return;
    }
    size_t out_before = out->len;
    size_t found_before = found ? found->count : 0;
    findings local = {0};
    findings *sink = found ? found : &local;
    do_word_uncached(s, n, offset, style, out, sink);
    size_t made = out->len - out_before;
    if (made <= CACHED_BYTES) {
        pair[1] = pair[0];
        slot = pair;
        slot->in_len = (unsigned char)n;
        slot->style = (unsigned char)style;
        memcpy(slot->in, s, n);
        slot->out_len = (unsigned char)made;
        memcpy(slot->out, out->p + out_before, made);
        slot->kind = sink->count > (found ? found_before : 0) ? (unsigned char)sink->items[sink->count - 1].kind
                                                            : VB_SYLLABLE_UNCHANGED;
    }
    free(local.items);
}

/* ==== the text ============================================================================= */

/* ASCII, most of every text, is answered without asking ICU. */
static int is_letter(UChar32 c)
{
    if (c >= 0 && c < 0x80)
        return (c | 0x20) >= 'a' && (c | 0x20) <= 'z';
    /* Latin-1's letters, Latin Extended-A and -B and the Vietnamese letters U+1EA0..U+1EF9
     * are letters all: Vietnamese text is answered without a lookup. */
    if ((c >= 0xC0 && c <= 0x24F && c != 0xD7 && c != 0xF7) || (c >= 0x1EA0 && c <= 0x1EF9))
        return 1;
    return c >= 0 && (U_GET_GC_MASK(c) & U_GC_L_MASK);
}

static int is_mark(UChar32 c)
{
    return c >= 0x80 && (U_GET_GC_MASK(c) & U_GC_M_MASK);
}

/* Classes of ASCII bytes: not a letter, a consonant, a vowel. */
enum { NOT_LETTER, CONSONANT, VOWEL };
static const unsigned char ascii_class[128] = {
    ['A'] = VOWEL, ['E'] = VOWEL, ['I'] = VOWEL, ['O'] = VOWEL, ['U'] = VOWEL, ['Y'] = VOWEL,
    ['a'] = VOWEL, ['e'] = VOWEL, ['i'] = VOWEL, ['o'] = VOWEL, ['u'] = VOWEL, ['y'] = VOWEL,
    ['B'] = CONSONANT, ['C'] = CONSONANT, ['D'] = CONSONANT, ['F'] = CONSONANT, ['G'] = CONSONANT,
    ['H'] = CONSONANT, ['J'] = CONSONANT, ['K'] = CONSONANT, ['L'] = CONSONANT, ['M'] = CONSONANT,
    ['N'] = CONSONANT, ['P'] = CONSONANT, ['Q'] = CONSONANT, ['R'] = CONSONANT, ['S'] = CONSONANT,
    ['T'] = CONSONANT, ['V'] = CONSONANT, ['W'] = CONSONANT, ['X'] = CONSONANT, ['Z'] = CONSONANT,
    ['b'] = CONSONANT, ['c'] = CONSONANT, ['d'] = CONSONANT, ['f'] = CONSONANT, ['g'] = CONSONANT,
    ['h'] = CONSONANT, ['j'] = CONSONANT, ['k'] = CONSONANT, ['l'] = CONSONANT, ['m'] = CONSONANT,
    ['n'] = CONSONANT, ['p'] = CONSONANT, ['q'] = CONSONANT, ['r'] = CONSONANT, ['s'] = CONSONANT,
    ['t'] = CONSONANT, ['v'] = CONSONANT, ['w'] = CONSONANT, ['x'] = CONSONANT, ['z'] = CONSONANT,
};

/* Reads the word that starts at text[start], a letter: it and the letters and combining
 * marks after it. Returns where it ends. *certain tells whether the word must come out as it
 * went in whatever the style: it has no tone mark, or its tone is on its only vowel. Only
 * ASCII and the precomposed Vietnamese letters are judged; a word holding anything else (a
 * combining mark, another script) is worked out in full. Most words of a text are certain,
 * and working one out costs an NFD, an NFC and a parse. */
static size_t read_word(const uint8_t *u, size_t start, size_t len, int *certain)
{
    /* U+00C0..U+00FF by their low five bits: which are Vietnamese vowels (À Á Â Ã È É Ê Ì Í
     * Ò Ó Ô Õ Ù Ú Ý, and their small letters) and which of those carry a tone. */
    static const char latin1_vowel[] = "AAAA....EEE.II....OOOO...UU..Y..";
    static const char latin1_tone[] = "TT.T....TT..TT....TT.T...TT..T..";
    int vowels = 0, toned = 0, judged = 1;
    size_t end = start;
    while (end < len) {
        unsigned x = u[end];
        if (x < 0x80) {
            unsigned k = ascii_class[x];
            if (k == NOT_LETTER)
                break;
            vowels += k == VOWEL;
            end++;
            continue;
        }
        if (x == 0xE1 && end + 2 < len && (u[end + 1] == 0xBA || u[end + 1] == 0xBB) &&
            (u[end + 2] & 0xC0) == 0x80) {
            unsigned cp = 0x1000u | (u[end + 1] & 0x3Fu) << 6 | (u[end + 2] & 0x3Fu);
            if (cp >= 0x1EA0 && cp <= 0x1EF9) { /* Ạ … ỹ: every one a vowel with a tone */
                vowels++;
                toned++;
                end += 3;
                continue;
            }
        }
        if (x >= 0xC3 && x <= 0xC6 && end + 1 < len && (u[end + 1] & 0xC0) == 0x80) {
            unsigned cp = (x & 0x1Fu) << 6 | (u[end + 1] & 0x3Fu); /* U+00C0..U+01BF */
            if (cp == 0xD7 || cp == 0xF7) /* × ÷ */
                break;
            end += 2;
            if (cp <= 0xFF) {
                if (latin1_vowel[cp & 0x1F] == '.') {
                    judged = 0;
                } else {
                    vowels++;
                    toned += latin1_tone[cp & 0x1F] == 'T';
                }
            } else if (cp == 0x102 || cp == 0x103 || cp == 0x1A0 || cp == 0x1A1 || cp == 0x1AF ||
                       cp == 0x1B0) { /* Ă ă Ơ ơ Ư ư */
                vowels++;
            } else if (cp == 0x128 || cp == 0x129 || cp == 0x168 || cp == 0x169) { /* Ĩ ĩ Ũ ũ */
                vowels++;
                toned++;
            } else if (cp != 0x110 && cp != 0x111) { /* not Đ đ */
                judged = 0;
            }
            continue;
        }
        size_t next = end;
        UChar32 c;
        U8_NEXT(u, next, len, c);
        if (!is_letter(c) && !is_mark(c))
            break;
        judged = 0;
        end = next;
    }
    *certain = judged && (toned == 0 || vowels == 1);
    return end;
}

char *vb_tone_apply(const char *text, size_t len, vb_tone_style style, vb_tone_finding **findings_out,
                    size_t *count)
{
    return vb_tone_apply_cached(NULL, text, len, style, findings_out, count);
}

/* Styles `text` into `out`; with `sink`, collects findings. */
static void style_text(vb_tone_cache *cache, const char *text, size_t len, vb_tone_style style,
                       findings *sink, outbuf *out_buf)
{
    outbuf out = *out_buf;
    const uint8_t *u = (const uint8_t *)text;
    /* text[pending, plain) goes out as it is and is not copied yet; text[plain, i) is the
     * run since, only ASCII while gap_ascii. Without findings to report, a word that cannot
     * change after an ASCII run just lengthens what goes out as it is: most of a text is
     * copied in a few pieces, not word by word. */
    size_t i = 0, plain = 0, pending = 0;
    int gap_ascii = 1;
    while (text && i < len) {
        size_t start = i;
        if (u[i] < 0x80) { /* ASCII is told apart without decoding */
            if (ascii_class[u[i]] == NOT_LETTER) {
                i++;
                continue;
            }
        } else {
            UChar32 c;
            U8_NEXT(u, i, len, c);
            if (!is_letter(c)) {
                gap_ascii = 0;
                continue;
            }
            i = start;
        }
        int certain;
        size_t end = read_word(u, start, len, &certain);
        /* Without findings to report, a word that cannot change needs no look at all (with
         * them, it may still be no Vietnamese syllable). */
        int unchanged = !sink && certain;
        if (unchanged && gap_ascii) {
            plain = i = end;
            continue;
        }
        out_add(&out, text + pending, plain - pending);
        if (start > plain)
            add_nfc(&out, text + plain, start - plain);
        if (unchanged)
            out_add(&out, text + start, end - start);
        else
            do_word(cache, text + start, end - start, start, style, &out, sink);
        pending = plain = i = end;
        gap_ascii = 1;
    }
    if (text) {
        if (gap_ascii)
            plain = len;
        out_add(&out, text + pending, plain - pending);
        if (len > plain)
            add_nfc(&out, text + plain, len - plain);
    }
    *out_buf = out;
}

char *vb_tone_apply_cached(vb_tone_cache *cache, const char *text, size_t len, vb_tone_style style,
                           vb_tone_finding **findings_out, size_t *count)
{
    outbuf out = {0};
    findings found = {0};
    out_add(&out, "", 0);
    style_text(cache, text, len, style, findings_out ? &found : NULL, &out);

    if (findings_out) {
        if (!found.items)
            found.items = vb_xmalloc(sizeof *found.items); /* an array, even when empty */
        *findings_out = found.items;
        if (count)
            *count = found.count;
    } else {
        free(found.items);
        if (count)
            *count = 0;
    }
    return out.p;
}

int vb_tone_style_parse(const char *name, vb_tone_style *out)
{
    static const struct {
        const char *name;
        vb_tone_style style;
    } names[] = {
        {"cu", VB_TONE_TRADITIONAL},
        {"moi", VB_TONE_MODERN},
        {"giu_nguyen", VB_TONE_KEEP},
    };
    if (!name)
        return -1;
    for (size_t i = 0; i < sizeof names / sizeof *names; i++)
        if (strcmp(name, names[i].name) == 0) {
            if (out)
                *out = names[i].style;
            return 0;
        }
    return -1;
}
