/* Legacy Vietnamese encodings ↔ Unicode, and legacy text pasted into UTF-8, detected.
 *
 * Everything goes through code points: a decoder turns bytes into code points, which leave
 * as NFC UTF-8 (ICU's NFC); an encoder takes the NFC code points of its input. The tables
 * below are written from the standards (TCVN 5712:1993 table VN3 "ABC"; the VNI-Windows
 * base letter + mark layout; RFC 1456 VIQR); CP1258 is ICU's "windows-1258" converter.
 *
 * A Vietnamese vowel letter is (vowel form, tone, case): 12 forms a ă â e ê i o ô ơ u ư y ×
 * 6 tones (none, huyền, sắc, hỏi, ngã, nặng) × 2 cases; with đ/Đ that is the 134 marked
 * letters and the 12 plain vowels.
 *
 * Bytes the legacy 8-bit charsets do not assign are read as Windows-1252 (0x80-0x9F: the
 * text came from Windows documents, where such a byte is the Windows-1252 character) and
 * as Latin-1 above 0x9F, and written back the same way, so text round-trips.
 *
 * No mutable globals: the tables are const, the ICU converter is opened per call and ICU's
 * NFC instance is its own thread-safe singleton. */
#include "legacy.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <unicode/uchar.h>
#include <unicode/ucnv.h>
#include <unicode/unorm2.h>
#include <unicode/ustring.h>
#include <unicode/utf16.h>

#include "model/model.h"

/* ==== growing buffers ====================================================================== */

typedef struct {
    uint32_t *v;
    size_t n, cap;
} cpbuf;

typedef struct {
    unsigned char *v;
    size_t n, cap;
} bytebuf;

static void cp_push(cpbuf *b, uint32_t c)
{
    if (b->n == b->cap) {
        b->cap = b->cap ? b->cap * 2 : 64;
        b->v = vb_xrealloc(b->v, b->cap * sizeof *b->v);
    }
    b->v[b->n++] = c;
}

static void byte_push(bytebuf *b, unsigned char c)
{
    if (b->n == b->cap) {
        b->cap = b->cap ? b->cap * 2 : 64;
        b->v = vb_xrealloc(b->v, b->cap);
    }
    b->v[b->n++] = c;
}

/* Writes the UTF-8 of `c` (at most 4 bytes) at `d`; returns the length. */
static size_t utf8_put(unsigned char *d, uint32_t c)
{
    if (c < 0x80) {
        d[0] = (unsigned char)c;
        return 1;
    }
    if (c < 0x800) {
        d[0] = (unsigned char)(0xC0 | (c >> 6));
        d[1] = (unsigned char)(0x80 | (c & 0x3F));
        return 2;
    }
    if (c < 0x10000) {
        d[0] = (unsigned char)(0xE0 | (c >> 12));
        d[1] = (unsigned char)(0x80 | ((c >> 6) & 0x3F));
        d[2] = (unsigned char)(0x80 | (c & 0x3F));
        return 3;
    }
    d[0] = (unsigned char)(0xF0 | (c >> 18));
    d[1] = (unsigned char)(0x80 | ((c >> 12) & 0x3F));
    d[2] = (unsigned char)(0x80 | ((c >> 6) & 0x3F));
    d[3] = (unsigned char)(0x80 | (c & 0x3F));
    return 4;
}

static void utf8_push(bytebuf *b, uint32_t c)
{
    unsigned char d[4];
    size_t n = utf8_put(d, c);
    for (size_t i = 0; i < n; i++)
        byte_push(b, d[i]);
}

/* The buffer as a NUL-terminated string (the buffer is consumed). */
static char *bytebuf_finish(bytebuf *b, size_t *len)
{
    byte_push(b, 0);
    if (len)
        *len = b->n - 1;
    return (char *)b->v;
}

/* ==== UTF-8 in ============================================================================= */

/* Reads one code point at s[i]; an ill-formed sequence gives U+FFFD for its first byte and
 * sets *bad. Returns the bytes used. */
static size_t utf8_next(const unsigned char *s, size_t len, size_t i, uint32_t *cp, int *bad)
{
    unsigned c = s[i];
    *bad = 0;
    if (c < 0x80) {
        *cp = c;
        return 1;
    }
    size_t need;
    uint32_t v, min;
    if (c >= 0xC2 && c <= 0xDF) {
        need = 1, v = c & 0x1F, min = 0x80;
    } else if (c >= 0xE0 && c <= 0xEF) {
        need = 2, v = c & 0x0F, min = 0x800;
    } else if (c >= 0xF0 && c <= 0xF4) {
        need = 3, v = c & 0x07, min = 0x10000;
    } else {
        goto invalid;
    }
    if (len - i - 1 < need)
        goto invalid;
    for (size_t k = 1; k <= need; k++) {
        unsigned b = s[i + k];
        if ((b & 0xC0) != 0x80)
            goto invalid;
        v = (v << 6) | (b & 0x3F);
    }
    if (v < min || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF))
        goto invalid;
    *cp = v;
    return need + 1;
invalid:
    *cp = 0xFFFD;
    *bad = 1;
    return 1;
}

static int utf8_valid(const unsigned char *s, size_t len)
{
    for (size_t i = 0; i < len;) {
        uint32_t cp;
        int bad;
        i += utf8_next(s, len, i, &cp, &bad);
        if (bad)
            return 0;
    }
    return 1;
}

/* UTF-8 → code points; `offs` (optional) gets the byte offset of each, plus offs[n] = len. */
static void utf8_decode(const char *text, size_t len, cpbuf *out, size_t **offs, size_t *bad_count)
{
    const unsigned char *s = (const unsigned char *)text;
    size_t *o = NULL;
    if (offs)
        o = vb_xmalloc((len + 1) * sizeof *o);
    size_t bad_n = 0;
    for (size_t i = 0; i < len;) {
        uint32_t cp;
        int bad;
        size_t step = utf8_next(s, len, i, &cp, &bad);
        if (o)
            o[out->n] = i;
        cp_push(out, cp);
        bad_n += (size_t)bad;
        i += step;
    }
    if (o) {
        o[out->n] = len;
        *offs = o;
    }
    if (bad_count)
        *bad_count = bad_n;
}

/* ==== NFC through ICU ====================================================================== */

#define NFC_CHUNK 65536u

/* Appends the NFC form of cps[0..n) to `out`. Works in chunks cut where NFC allows it, so
 * ICU's int32_t lengths are never exceeded. Without ICU's data the text is left as it is. */
static void nfc_append(const uint32_t *cps, size_t n, cpbuf *out)
{
    UErrorCode st = U_ZERO_ERROR;
    const UNormalizer2 *nfc = unorm2_getNFCInstance(&st);
    if (U_FAILURE(st))
        nfc = NULL;
    UChar *src = NULL, *dst = NULL;
    size_t src_cap = 0, dst_cap = 0;
    for (size_t i = 0; i < n;) {
        size_t j = n;
        if (n - i > NFC_CHUNK) {
            j = i + NFC_CHUNK;
            while (j < n && nfc && !unorm2_hasBoundaryBefore(nfc, (UChar32)cps[j]) && j - i < 4 * NFC_CHUNK)
                j++;
        }
        if (!nfc) {
            for (size_t k = i; k < j; k++)
                cp_push(out, cps[k]);
            i = j;
            continue;
        }
        size_t need = 2 * (j - i) + 1;
        if (need > src_cap) {
            src_cap = need;
            src = vb_xrealloc(src, src_cap * sizeof *src);
        }
        int32_t sl = 0;
        for (size_t k = i; k < j; k++) {
            uint32_t c = cps[k];
            if (c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF))
                c = 0xFFFD;
            if (c < 0x10000) {
                src[sl++] = (UChar)c;
            } else {
                src[sl++] = U16_LEAD(c);
                src[sl++] = U16_TRAIL(c);
            }
        }
        int32_t dl;
        for (;;) {
            st = U_ZERO_ERROR;
            dl = unorm2_normalize(nfc, src, sl, dst, (int32_t)dst_cap, &st);
            if (st == U_BUFFER_OVERFLOW_ERROR || (U_SUCCESS(st) && dl > (int32_t)dst_cap)) {
                dst_cap = (size_t)dl + 16;
                dst = vb_xrealloc(dst, dst_cap * sizeof *dst);
                continue;
            }
            break;
        }
        if (U_FAILURE(st)) { /* keep the text un-normalised rather than lose it */
            for (size_t k = i; k < j; k++)
                cp_push(out, cps[k]);
        } else {
            for (int32_t k = 0; k < dl;) {
                UChar32 c;
                U16_NEXT(dst, k, dl, c);
                cp_push(out, (uint32_t)c);
            }
        }
        i = j;
    }
    free(src);
    free(dst);
}

static char *nfc_utf8(const uint32_t *cps, size_t n, size_t *len)
{
    cpbuf norm = {0};
    nfc_append(cps, n, &norm);
    bytebuf b = {0};
    for (size_t i = 0; i < norm.n; i++)
        utf8_push(&b, norm.v[i]);
    free(norm.v);
    return bytebuf_finish(&b, len);
}

/* ==== Vietnamese letters =================================================================== */

enum { V_A, V_AW, V_AA, V_E, V_EE, V_I, V_O, V_OO, V_OW, V_U, V_UW, V_Y, V_COUNT };
enum { T_NONE, T_GRAVE, T_ACUTE, T_HOOK, T_TILDE, T_DOT, T_COUNT };
enum { M_NONE, M_BREVE, M_CIRC, M_HORN };

/* Lowercase letters: [vowel form][tone]. */
static const uint16_t VN_LOWER[V_COUNT][T_COUNT] = {
    {0x0061, 0x00E0, 0x00E1, 0x1EA3, 0x00E3, 0x1EA1}, /* a */
    {0x0103, 0x1EB1, 0x1EAF, 0x1EB3, 0x1EB5, 0x1EB7}, /* ă */
    {0x00E2, 0x1EA7, 0x1EA5, 0x1EA9, 0x1EAB, 0x1EAD}, /* â */
    {0x0065, 0x00E8, 0x00E9, 0x1EBB, 0x1EBD, 0x1EB9}, /* e */
    {0x00EA, 0x1EC1, 0x1EBF, 0x1EC3, 0x1EC5, 0x1EC7}, /* ê */
    {0x0069, 0x00EC, 0x00ED, 0x1EC9, 0x0129, 0x1ECB}, /* i */
    {0x006F, 0x00F2, 0x00F3, 0x1ECF, 0x00F5, 0x1ECD}, /* o */
    {0x00F4, 0x1ED3, 0x1ED1, 0x1ED5, 0x1ED7, 0x1ED9}, /* ô */
    {0x01A1, 0x1EDD, 0x1EDB, 0x1EDF, 0x1EE1, 0x1EE3}, /* ơ */
    {0x0075, 0x00F9, 0x00FA, 0x1EE7, 0x0169, 0x1EE5}, /* u */
    {0x01B0, 0x1EEB, 0x1EE9, 0x1EED, 0x1EEF, 0x1EF1}, /* ư */
    {0x0079, 0x1EF3, 0x00FD, 0x1EF7, 0x1EF9, 0x1EF5}, /* y */
};
static const char VOWEL_BASE[V_COUNT] = {'a', 'a', 'a', 'e', 'e', 'i', 'o', 'o', 'o', 'u', 'u', 'y'};
static const unsigned char VOWEL_MOD[V_COUNT] = {M_NONE, M_BREVE, M_CIRC, M_NONE, M_CIRC, M_NONE,
                                                 M_NONE, M_CIRC,  M_HORN, M_NONE, M_HORN, M_NONE};

#define CP_D_STROKE_UPPER 0x0110u
#define CP_D_STROKE_LOWER 0x0111u

static uint32_t vn_upper(uint32_t c)
{
    if (c >= 'a' && c <= 'z')
        return c - 32;
    if (c >= 0xE0 && c <= 0xFE && c != 0xF7)
        return c - 32;
    if (c >= 0x1EA0 && c <= 0x1EF9)
        return c & ~1u;
    switch (c) {
    case 0x0103: case 0x0111: case 0x0129: case 0x0169: case 0x01A1: case 0x01B0:
        return c - 1;
    default:
        return c;
    }
}

static uint32_t vn_lower(uint32_t c)
{
    if (c >= 'A' && c <= 'Z')
        return c + 32;
    if (c >= 0xC0 && c <= 0xDE && c != 0xD7)
        return c + 32;
    if (c >= 0x1EA0 && c <= 0x1EF9)
        return c | 1u;
    switch (c) {
    case 0x0102: case 0x0110: case 0x0128: case 0x0168: case 0x01A0: case 0x01AF:
        return c + 1;
    default:
        return c;
    }
}

/* A Vietnamese vowel letter (plain or marked, either case): its form, tone and case. */
static int vn_vowel(uint32_t c, int *v, int *t, int *up)
{
    uint32_t lc = vn_lower(c);
    if (!(lc < 0x80 || (lc >= 0xE0 && lc <= 0x1B0) || (lc >= 0x1EA1 && lc <= 0x1EF9)))
        return 0;
    for (int i = 0; i < V_COUNT; i++)
        for (int k = 0; k < T_COUNT; k++)
            if (VN_LOWER[i][k] == lc) {
                *v = i, *t = k, *up = lc != c;
                return 1;
            }
    return 0;
}

static uint32_t vn_letter(int v, int t, int up)
{
    uint32_t c = VN_LOWER[v][t];
    return up ? vn_upper(c) : c;
}

/* The form a modifier gives a plain vowel (a, e, o, u), or -1. */
static int vn_apply_mod(int v, int mod)
{
    switch (mod) {
    case M_BREVE: return v == V_A ? V_AW : -1;
    case M_CIRC: return v == V_A ? V_AA : v == V_E ? V_EE : v == V_O ? V_OO : -1;
    case M_HORN: return v == V_O ? V_OW : v == V_U ? V_UW : -1;
    default: return v;
    }
}

static int is_ascii_letter(uint32_t c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static int is_ascii_vowel(uint32_t c)
{
    return c < 0x80 && c && strchr("aeiouyAEIOUY", (int)c) != NULL;
}

/* A letter of the Vietnamese alphabet (or any ASCII letter). */
static int vn_is_letter(uint32_t c)
{
    int v, t, up;
    return is_ascii_letter(c) || c == CP_D_STROKE_LOWER || c == CP_D_STROKE_UPPER || vn_vowel(c, &v, &t, &up);
}

/* ==== Vietnamese syllables ================================================================= */

/* Onsets, longest first ("" last), and the rhymes (vần) without tone. */
static const char *const ONSETS[] = {"ngh", "ng", "nh", "ch", "gh", "gi", "kh", "ph", "th", "tr",
                                     "qu",  "b",  "c",  "d",  "đ",  "g",  "h",  "k",  "l",  "m",
                                     "n",   "p",  "r",  "s",  "t",  "v",  "x",  ""};
static const char *const RHYMES[] = {
    "a", "ac", "ach", "ai", "am", "an", "ang", "anh", "ao", "ap", "at", "au", "ay",
    "ăc", "ăm", "ăn", "ăng", "ăp", "ăt",
    "âc", "âm", "ân", "âng", "âp", "ât", "âu", "ây",
    "e", "ec", "em", "en", "eng", "eo", "ep", "et",
    "ê", "êch", "êm", "ên", "ênh", "êp", "êt", "êu",
    "i", "ia", "ich", "im", "in", "inh", "ip", "it", "iu",
    "iêc", "iêm", "iên", "iêng", "iêp", "iêt", "iêu",
    "o", "oa", "oac", "oach", "oai", "oam", "oan", "oang", "oanh", "oao", "oap", "oat", "oay",
    "oăc", "oăm", "oăn", "oăng", "oăt",
    "oc", "oe", "oen", "oeo", "oet", "oi", "om", "on", "ong", "oong", "ooc", "op", "ot",
    "ô", "ôc", "ôi", "ôm", "ôn", "ông", "ôp", "ôt",
    "ơ", "ơi", "ơm", "ơn", "ơp", "ơt",
    "u", "ua", "uân", "uâng", "uât", "uây", "uc", "uê", "uêch", "uênh", "ui", "um", "un", "ung",
    "up", "ut", "uy", "uya", "uych", "uyên", "uyêt", "uyn", "uynh", "uyp", "uyt", "uyu", "uơ",
    "uôc", "uôi", "uôm", "uôn", "uông", "uôt",
    "ư", "ưa", "ưc", "ưi", "ưm", "ưn", "ưng", "ưt", "ưu",
    "ươc", "ươi", "ươm", "ươn", "ương", "ươp", "ươt", "ươu",
    "y", "yêm", "yên", "yêng", "yêt", "yêu",
};
/* Finals after a vowel cluster, for the looser structural check (VIQR with modifiers). */
static const char *const FINALS[] = {"", "c", "ch", "m", "n", "ng", "nh", "p", "t"};

#define ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))

static int rhyme_known(const char *r)
{
    for (size_t i = 0; i < ARRAY_LEN(RHYMES); i++)
        if (strcmp(RHYMES[i], r) == 0)
            return 1;
    return 0;
}

static size_t utf8_count(const char *s)
{
    size_t n = 0;
    for (; *s; s++)
        n += ((unsigned char)*s & 0xC0) != 0x80;
    return n;
}

static int base_is_vowel(uint32_t c)
{
    int v, t, up;
    return vn_vowel(c, &v, &t, &up);
}

/* The spelling rules between onset and rhyme: k gh ngh before i e ê y, c g ng elsewhere
 * ("ke", "ghi", "nghe", "ca", "ga", "nga"). */
static int orthography_ok(const char *onset, uint32_t first)
{
    int front = first == 'i' || first == 'e' || first == 0x00EA || first == 'y';
    if (!strcmp(onset, "k") || !strcmp(onset, "gh") || !strcmp(onset, "ngh"))
        return front;
    if (!strcmp(onset, "c") || !strcmp(onset, "ng"))
        return !front;
    if (!strcmp(onset, "g"))
        return first != 'e' && first != 0x00EA;
    return 1;
}

/* Is `w` one Vietnamese syllable? Strict (SYL_RHYMES): onset + a known rhyme. Loose: onset
 * + 1-3 vowels + a final consonant. Both: the spelling rules; at most one tone; -c -ch -p
 * -t take only sắc or nặng; no tone on the final glide i/y/o/u of a rhyme ("đâủ", "xaõ"),
 * except in "uy". */
enum {
    SYL_RHYMES = 1, /* strict: onset + a known rhyme (else: onset + 1-3 vowels + final) */
    SYL_NATIVE = 2, /* no loanword spelling: a bare p onset ("pin", "pô") is refused */
};

static int syllable_check(const uint32_t *w, size_t n, unsigned flags)
{
    int strict = (flags & SYL_RHYMES) != 0;
    uint32_t L[12];
    char key[64];
    size_t kl = 0, nl = 0, tone_at = 0;
    int tone = T_NONE;
    for (size_t i = 0; i < n; i++) {
        uint32_t c = w[i], base;
        int v, t, up;
        if (vn_vowel(c, &v, &t, &up)) {
            base = VN_LOWER[v][T_NONE];
            if (t != T_NONE) {
                if (tone != T_NONE)
                    return 0;
                tone = t, tone_at = nl;
            }
        } else if (c == CP_D_STROKE_LOWER || c == CP_D_STROKE_UPPER) {
            base = CP_D_STROKE_LOWER;
        } else if (is_ascii_letter(c)) {
            base = vn_lower(c);
            if (strchr("fjwz", (int)base))
                return 0;
        } else {
            return 0;
        }
        if (nl == ARRAY_LEN(L))
            return 0;
        L[nl++] = base;
        kl += utf8_put((unsigned char *)key + kl, base); /* 12 letters of at most 4 bytes fit */
    }
    key[kl] = 0;
    if (nl == 0)
        return 0;
    for (size_t o = 0; o < ARRAY_LEN(ONSETS); o++) {
        size_t ol = strlen(ONSETS[o]);
        if (strncmp(key, ONSETS[o], ol) != 0)
            continue;
        size_t oc = utf8_count(ONSETS[o]);
        const char *rest = key + ol;
        if (!*rest || oc >= nl || (tone != T_NONE && tone_at < oc))
            continue;
        const uint32_t *R = L + oc;
        size_t m = nl - oc;
        if (!orthography_ok(ONSETS[o], R[0]) || ((flags & SYL_NATIVE) && !strcmp(ONSETS[o], "p")))
            continue;
        int ok;
        if (strict) {
            ok = rhyme_known(rest);
            if (!ok && strcmp(ONSETS[o], "qu") == 0 && rest[0] == 'y') {
                char alt[64];
                snprintf(alt, sizeof alt, "i%s", rest + 1);
                ok = rhyme_known(alt);
            }
        } else {
            size_t nv = 0;
            while (nv < m && base_is_vowel(R[nv]))
                nv++;
            ok = nv >= 1 && nv <= 3;
            if (ok) {
                char fin[ARRAY_LEN(L) + 1];
                size_t fl = 0;
                for (size_t k = oc + nv; k < nl && k < ARRAY_LEN(L); k++) {
                    if (L[k] >= 0x80) {
                        ok = 0;
                        break;
                    }
                    fin[fl++] = (char)L[k];
                }
                fin[fl] = 0;
                if (ok) {
                    ok = 0;
                    for (size_t f = 0; f < ARRAY_LEN(FINALS); f++)
                        if (strcmp(FINALS[f], fin) == 0)
                            ok = 1;
                }
            }
        }
        if (!ok)
            continue;
        uint32_t last = R[m - 1];
        int stop = last == 'c' || last == 'p' || last == 't' || (last == 'h' && m >= 2 && R[m - 2] == 'c');
        if (stop && tone != T_ACUTE && tone != T_DOT)
            continue;
        if (tone != T_NONE && tone_at == nl - 1 && m >= 2 && strchr("iyou", (int)(last < 0x80 ? last : 1)) &&
            base_is_vowel(R[m - 2]) && !(m == 2 && R[0] == 'u' && R[1] == 'y'))
            continue;
        return 1;
    }
    return 0;
}

/* ==== Windows-1252 / Latin-1 bytes ========================================================= */

/* Windows-1252 0x80-0x9F; the five bytes it leaves unassigned stay C1 controls. */
static const uint16_t CP1252_HIGH[32] = {
    0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
    0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x008D, 0x017D, 0x008F,
    0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
    0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178,
};

static uint32_t cp1252_byte(unsigned b)
{
    return b >= 0x80 && b < 0xA0 ? CP1252_HIGH[b - 0x80] : b;
}

/* The byte a character came from when a legacy byte string was read as Windows-1252 (or
 * as Latin-1, for the C1 controls); -1 when none. */
static int byte_of_cp1252(uint32_t c)
{
    if (c < 0x100)
        return (int)c;
    for (int i = 0; i < 32; i++)
        if (CP1252_HIGH[i] == c)
            return 0x80 + i;
    return -1;
}

/* ==== TCVN3 (TCVN 5712:1993 VN3, "ABC") ==================================================== */

/* Lowercase letters: [vowel form][tone]; toned capitals have no code of their own. */
static const unsigned char TCVN3_VOWEL[V_COUNT][T_COUNT] = {
    {0x61, 0xB5, 0xB8, 0xB6, 0xB7, 0xB9}, /* a */
    {0xA8, 0xBB, 0xBE, 0xBC, 0xBD, 0xC6}, /* ă */
    {0xA9, 0xC7, 0xCA, 0xC8, 0xC9, 0xCB}, /* â */
    {0x65, 0xCC, 0xD0, 0xCE, 0xCF, 0xD1}, /* e */
    {0xAA, 0xD2, 0xD5, 0xD3, 0xD4, 0xD6}, /* ê */
    {0x69, 0xD7, 0xDD, 0xD8, 0xDC, 0xDE}, /* i */
    {0x6F, 0xDF, 0xE3, 0xE1, 0xE2, 0xE4}, /* o */
    {0xAB, 0xE5, 0xE8, 0xE6, 0xE7, 0xE9}, /* ô */
    {0xAC, 0xEA, 0xED, 0xEB, 0xEC, 0xEE}, /* ơ */
    {0x75, 0xEF, 0xF3, 0xF1, 0xF2, 0xF4}, /* u */
    {0xAD, 0xF5, 0xF8, 0xF6, 0xF7, 0xF9}, /* ư */
    {0x79, 0xFA, 0xFD, 0xFB, 0xFC, 0xFE}, /* y */
};
/* The untoned capitals VN3 has: Ă Â Ê Ô Ơ Ư at 0xA1-0xA6, Đ 0xA7 (đ is 0xAE). */
static const unsigned char TCVN3_CAPITAL_FORMS[6] = {V_AW, V_AA, V_EE, V_OO, V_OW, V_UW};
#define TCVN3_D_UPPER 0xA7
#define TCVN3_D_LOWER 0xAE

/* Byte → code point. `capitals`: an all-caps (.VnTimeH) font, where the lowercase bytes
 * (ASCII letters and VN3 letters) show capitals; other bytes are unchanged. */
static void tcvn3_map(uint32_t map[256], int capitals)
{
    for (unsigned b = 0; b < 256; b++)
        map[b] = cp1252_byte(b);
    if (capitals)
        for (unsigned b = 'a'; b <= 'z'; b++)
            map[b] = b - 32;
    for (int v = 0; v < V_COUNT; v++)
        for (int t = 0; t < T_COUNT; t++) {
            unsigned b = TCVN3_VOWEL[v][t];
            if (b >= 0x80)
                map[b] = vn_letter(v, t, capitals);
        }
    for (int i = 0; i < 6; i++)
        map[0xA1 + i] = vn_letter(TCVN3_CAPITAL_FORMS[i], T_NONE, 1);
    map[TCVN3_D_UPPER] = CP_D_STROKE_UPPER;
    map[TCVN3_D_LOWER] = capitals ? CP_D_STROKE_UPPER : CP_D_STROKE_LOWER;
}

static int tcvn3_is_letter_byte(unsigned b)
{
    if (b >= 0xA1 && b <= 0xA7)
        return 1;
    if (b == TCVN3_D_LOWER)
        return 1;
    for (int v = 0; v < V_COUNT; v++)
        for (int t = 0; t < T_COUNT; t++)
            if (TCVN3_VOWEL[v][t] == b)
                return 1;
    return 0;
}

static void tcvn3_decode(const unsigned char *s, size_t n, int capitals, cpbuf *out)
{
    uint32_t map[256];
    tcvn3_map(map, capitals);
    for (size_t i = 0; i < n; i++)
        cp_push(out, map[s[i]]);
}

/* A character that is not a Vietnamese letter, written as the byte that reads back as it
 * (ASCII, Windows-1252, Latin-1 not taken by a letter); -1 when there is none. */
static int other_byte(uint32_t c, const uint32_t map[256], int (*taken)(unsigned))
{
    if (c < 0x80)
        return (int)c;
    int b = byte_of_cp1252(c);
    if (b < 0 || taken((unsigned)b) || map[b] != c)
        return -1;
    return b;
}

static void tcvn3_encode(const uint32_t *cps, size_t n, bytebuf *out, size_t *lost)
{
    uint32_t map[256];
    tcvn3_map(map, 0);
    for (size_t i = 0; i < n; i++) {
        uint32_t c = cps[i];
        int v, t, up;
        if (vn_vowel(c, &v, &t, &up)) {
            if (!up) {
                byte_push(out, TCVN3_VOWEL[v][t]);
            } else if (t != T_NONE) { /* no code: the lowercase byte, shown as a capital by an *H font */
                byte_push(out, TCVN3_VOWEL[v][t]);
                (*lost)++;
            } else if (VOWEL_MOD[v] == M_NONE) {
                byte_push(out, (unsigned char)(VOWEL_BASE[v] - 32));
            } else {
                for (int k = 0; k < 6; k++)
                    if (TCVN3_CAPITAL_FORMS[k] == v)
                        byte_push(out, (unsigned char)(0xA1 + k));
            }
        } else if (c == CP_D_STROKE_LOWER) {
            byte_push(out, TCVN3_D_LOWER);
        } else if (c == CP_D_STROKE_UPPER) {
            byte_push(out, TCVN3_D_UPPER);
        } else {
            int b = other_byte(c, map, tcvn3_is_letter_byte);
            if (b < 0) {
                b = '?';
                (*lost)++;
            }
            byte_push(out, (unsigned char)b);
        }
    }
}

/* ==== VNI-Windows ========================================================================== */

/* Mark bytes (the lowercase set; the uppercase set is 0x20 lower): [tone] for a vowel
 * without modifier, with circumflex, with breve. The horn is in the 1-byte ơ/ư. */
static const unsigned char VNI_MARK_PLAIN[T_COUNT] = {0x00, 0xF8, 0xF9, 0xFB, 0xF5, 0xEF};
static const unsigned char VNI_MARK_CIRC[T_COUNT] = {0xE2, 0xE0, 0xE1, 0xE5, 0xE3, 0xE4};
static const unsigned char VNI_MARK_BREVE[T_COUNT] = {0xEA, 0xE8, 0xE9, 0xFA, 0xFC, 0xEB};
/* 1-byte letters (lowercase; uppercase is 0x20 lower): i with tones, ỵ, ơ, ư, đ. */
static const unsigned char VNI_I_TONED[T_COUNT] = {0x00, 0xEC, 0xED, 0xE6, 0xF3, 0xF2};
#define VNI_Y_DOT 0xEE
#define VNI_O_HORN 0xF4
#define VNI_U_HORN 0xF6
#define VNI_D_STROKE 0xF1

/* A mark byte of either case: its modifier and tone. */
static int vni_mark(unsigned b, int *mod, int *tone)
{
    if (b >= 0xC0 && b < 0xE0)
        b += 0x20;
    for (int t = 0; t < T_COUNT; t++) {
        if (t != T_NONE && VNI_MARK_PLAIN[t] == b) {
            *mod = M_NONE, *tone = t;
            return 1;
        }
        if (VNI_MARK_CIRC[t] == b) {
            *mod = M_CIRC, *tone = t;
            return 1;
        }
        if (VNI_MARK_BREVE[t] == b) {
            *mod = M_BREVE, *tone = t;
            return 1;
        }
    }
    return 0;
}

/* A byte a mark can follow: the ASCII vowels but i (whose toned forms are 1-byte letters),
 * and the 1-byte ơ ư. */
static int vni_base(unsigned b, int *v, int *up)
{
    int t;
    if (b < 0x80 && is_ascii_vowel(b) && (b | 0x20) != 'i')
        return vn_vowel(b, v, &t, up);
    if ((b | 0x20) == VNI_O_HORN || (b | 0x20) == VNI_U_HORN) {
        *v = (b | 0x20) == VNI_O_HORN ? V_OW : V_UW;
        *up = !(b & 0x20);
        return 1;
    }
    return 0;
}

/* Byte → code point for bytes standing alone. Mark bytes alone (not after a vowel) read
 * as Latin-1, as in any other font. */
static void vni_map(uint32_t map[256])
{
    for (unsigned b = 0; b < 256; b++)
        map[b] = cp1252_byte(b);
    for (int t = T_GRAVE; t < T_COUNT; t++) {
        map[VNI_I_TONED[t]] = vn_letter(V_I, t, 0);
        map[VNI_I_TONED[t] - 0x20] = vn_letter(V_I, t, 1);
    }
    map[VNI_Y_DOT] = vn_letter(V_Y, T_DOT, 0);
    map[VNI_Y_DOT - 0x20] = vn_letter(V_Y, T_DOT, 1);
    map[VNI_O_HORN] = vn_letter(V_OW, T_NONE, 0);
    map[VNI_O_HORN - 0x20] = vn_letter(V_OW, T_NONE, 1);
    map[VNI_U_HORN] = vn_letter(V_UW, T_NONE, 0);
    map[VNI_U_HORN - 0x20] = vn_letter(V_UW, T_NONE, 1);
    map[VNI_D_STROKE] = CP_D_STROKE_LOWER;
    map[VNI_D_STROKE - 0x20] = CP_D_STROKE_UPPER;
}

static int vni_is_taken_byte(unsigned b)
{
    int mod, tone;
    if (vni_mark(b, &mod, &tone))
        return 1;
    unsigned lb = b >= 0xC0 && b < 0xE0 ? b + 0x20 : b;
    if (lb == VNI_Y_DOT || lb == VNI_O_HORN || lb == VNI_U_HORN || lb == VNI_D_STROKE)
        return 1;
    for (int t = T_GRAVE; t < T_COUNT; t++)
        if (VNI_I_TONED[t] == lb)
            return 1;
    return 0;
}

/* A mark applies to the vowel before it when VNI writes that letter so (not i, not ỵ: those
 * are 1-byte letters); the case of the letter is the base's (a mark byte of the other case
 * is accepted). A modifier mark may be followed by a tone-only mark ("o" + "â" + "ù"). */
static void vni_decode(const unsigned char *s, size_t n, cpbuf *out, size_t *combined)
{
    uint32_t map[256];
    vni_map(map);
    for (size_t i = 0; i < n;) {
        int v, up, mod, tone;
        if (vni_base(s[i], &v, &up) && i + 1 < n && vni_mark(s[i + 1], &mod, &tone)) {
            int nv = mod == M_NONE ? v : vn_apply_mod(v, mod);
            if (nv == V_Y && tone == T_DOT) /* ỵ is the 1-byte 0xEE */
                nv = -1;
            if (nv >= 0) {
                size_t j = i + 2;
                int mod2, tone2;
                if (mod != M_NONE && tone == T_NONE && j < n && vni_mark(s[j], &mod2, &tone2) && mod2 == M_NONE) {
                    tone = tone2;
                    j++;
                }
                cp_push(out, vn_letter(nv, tone, up));
                if (combined)
                    (*combined)++;
                i = j;
                continue;
            }
        }
        cp_push(out, map[s[i]]);
        i++;
    }
}

static void vni_encode(const uint32_t *cps, size_t n, bytebuf *out, size_t *lost)
{
    uint32_t map[256];
    vni_map(map);
    for (size_t i = 0; i < n; i++) {
        uint32_t c = cps[i];
        int v, t, up;
        unsigned caseshift;
        if (vn_vowel(c, &v, &t, &up)) {
            caseshift = up ? 0x20 : 0;
            if (v == V_I && t != T_NONE) {
                byte_push(out, (unsigned char)(VNI_I_TONED[t] - caseshift));
                continue;
            }
            if (v == V_Y && t == T_DOT) {
                byte_push(out, (unsigned char)(VNI_Y_DOT - caseshift));
                continue;
            }
            unsigned char mark = 0;
            if (v == V_OW || v == V_UW) {
                byte_push(out, (unsigned char)((v == V_OW ? VNI_O_HORN : VNI_U_HORN) - caseshift));
                mark = VNI_MARK_PLAIN[t];
            } else {
                byte_push(out, (unsigned char)(VOWEL_BASE[v] - (int)caseshift));
                mark = VOWEL_MOD[v] == M_CIRC    ? VNI_MARK_CIRC[t]
                       : VOWEL_MOD[v] == M_BREVE ? VNI_MARK_BREVE[t]
                                                 : VNI_MARK_PLAIN[t];
            }
            if (mark)
                byte_push(out, (unsigned char)(mark - caseshift));
        } else if (c == CP_D_STROKE_LOWER || c == CP_D_STROKE_UPPER) {
            byte_push(out, (unsigned char)(c == CP_D_STROKE_LOWER ? VNI_D_STROKE : VNI_D_STROKE - 0x20));
        } else {
            int b = other_byte(c, map, vni_is_taken_byte);
            if (b < 0) {
                b = '?';
                (*lost)++;
            }
            byte_push(out, (unsigned char)b);
        }
    }
}

/* ==== VIQR (RFC 1456) ====================================================================== */

/* Tone mnemonics, indexed by tone (T_NONE unused). */
static const char VIQR_TONE[T_COUNT] = {0, '`', '\'', '?', '~', '.'};

static int viqr_tone(uint32_t c)
{
    for (int t = T_GRAVE; t < T_COUNT; t++)
        if ((uint32_t)VIQR_TONE[t] == c)
            return t;
    return T_NONE;
}

static int viqr_mod(uint32_t c)
{
    return c == '(' ? M_BREVE : c == '^' ? M_CIRC : c == '+' ? M_HORN : M_NONE;
}

static int viqr_escapable(uint32_t c)
{
    return viqr_tone(c) != T_NONE || viqr_mod(c) != M_NONE || c == '\\';
}

static int is_d(uint32_t c)
{
    return c == 'd' || c == 'D';
}

static int is_ascii_digit(uint32_t c)
{
    return c >= '0' && c <= '9';
}

/* An all-capitals abbreviation without vowels, where "DD" is Đ ("QDD" QĐ, "HDDND" HĐND,
 * "DDHQG" ĐHQG): [start, *end) ASCII letters, at least 3, holding "DD". */
static int viqr_dd_abbreviation(const uint32_t *in, size_t n, size_t start, size_t *end)
{
    size_t e = start;
    int dd = 0;
    while (e < n && is_ascii_letter(in[e])) {
        if (!(in[e] >= 'A' && in[e] <= 'Z') || is_ascii_vowel(in[e]))
            return 0;
        if (e > start && in[e] == 'D' && in[e - 1] == 'D')
            dd = 1;
        e++;
    }
    if (e - start < 3 || !dd || (e < n && vn_is_letter(in[e])))
        return 0;
    *end = e;
    return 1;
}

/* Parses one word at in[start] without going past `limit`: letters, and the mnemonics that
 * apply to the vowel before them. Appends the decoded letters to `w`; returns the end and
 * tells how many mnemonics were used, whether any was a modifier or "dd", and whether the
 * last character used was a mnemonic. */
static size_t viqr_parse_word(const uint32_t *in, size_t n, size_t start, size_t limit, cpbuf *w,
                              int *mnemonics, int *strong, int *ends_with_mnemonic)
{
    size_t j = start;
    *mnemonics = 0, *strong = 0, *ends_with_mnemonic = 0;
    if (j + 1 < limit && is_d(in[j]) && is_d(in[j + 1]) && !(in[j] == 'd' && in[j + 1] == 'D') &&
        j + 2 < limit && base_is_vowel(in[j + 2])) {
        cp_push(w, in[j] == 'd' ? CP_D_STROKE_LOWER : CP_D_STROKE_UPPER);
        j += 2;
        (*mnemonics)++, *strong = 1;
    }
    while (j < limit && vn_is_letter(in[j])) {
        int v, t, up;
        uint32_t c = in[j++];
        *ends_with_mnemonic = 0;
        if (!vn_vowel(c, &v, &t, &up)) {
            cp_push(w, c);
            continue;
        }
        if (t == T_NONE && VOWEL_MOD[v] == M_NONE && j < limit && viqr_mod(in[j]) != M_NONE &&
            vn_apply_mod(v, viqr_mod(in[j])) >= 0) {
            v = vn_apply_mod(v, viqr_mod(in[j]));
            j++;
            (*mnemonics)++, *strong = 1, *ends_with_mnemonic = 1;
        }
        if (t == T_NONE && j < limit && viqr_tone(in[j]) != T_NONE) {
            int tone = viqr_tone(in[j]);
            /* "ra..." is an ellipsis, not "rạ.."; "I'm" is English. */
            int ellipsis = in[j] == '.' && j + 2 < n && in[j + 1] == '.' && in[j + 2] == '.' &&
                           !(j + 3 < n && in[j + 3] == '.');
            int im = in[j] == '\'' && c == 'I' && j == start + 1 && j + 1 < n && in[j + 1] == 'm' &&
                     !(j + 2 < n && vn_is_letter(in[j + 2]));
            if (!ellipsis && !im) {
                t = tone;
                j++;
                (*mnemonics)++, *ends_with_mnemonic = 1;
            }
        }
        cp_push(w, vn_letter(v, t, up));
    }
    return j;
}

/* Decodes the word at in[start]; returns its end. The mnemonics are taken only when the
 * result is a Vietnamese syllable (checked strictly when only tones were used: "Hello?",
 * "you're", "i.e." stay; loosely when a modifier or "dd" shows VIQR: "ươ", "ă"); failing
 * that, a word-final mnemonic is left as punctuation ("đâu?"), else the word stays as typed. */
static size_t viqr_word(const uint32_t *in, size_t n, size_t start, cpbuf *out)
{
    size_t end;
    if (viqr_dd_abbreviation(in, n, start, &end)) {
        for (size_t k = start; k < end; k++) {
            if (in[k] == 'D' && k + 1 < end && in[k + 1] == 'D') {
                cp_push(out, CP_D_STROKE_UPPER);
                k++;
            } else {
                cp_push(out, in[k]);
            }
        }
        return end;
    }
    /* "dd" alone: đ (the currency "100.000 dd", "DD/c") */
    if (start + 1 < n && is_d(in[start]) && is_d(in[start + 1]) && !(in[start] == 'd' && in[start + 1] == 'D') &&
        !(start + 2 < n && (vn_is_letter(in[start + 2]) || is_ascii_digit(in[start + 2])))) {
        cp_push(out, in[start] == 'd' ? CP_D_STROKE_LOWER : CP_D_STROKE_UPPER);
        return start + 2;
    }
    size_t limit = n;
    cpbuf w = {0};
    for (;;) {
        int mnemonics, strong, ends_mn;
        w.n = 0;
        end = viqr_parse_word(in, n, start, limit, &w, &mnemonics, &strong, &ends_mn);
        if (mnemonics == 0)
            break;
        if (syllable_check(w.v, w.n, SYL_RHYMES) || (strong && syllable_check(w.v, w.n, 0))) {
            for (size_t k = 0; k < w.n; k++)
                cp_push(out, w.v[k]);
            free(w.v);
            return end;
        }
        if (!ends_mn)
            break;
        limit = end - 1; /* leave the word-final mnemonic as punctuation and try again */
    }
    free(w.v);
    for (size_t k = start; k < end; k++)
        cp_push(out, in[k]);
    return end;
}

static void viqr_decode(const uint32_t *in, size_t n, cpbuf *out)
{
    for (size_t i = 0; i < n;) {
        uint32_t c = in[i];
        if (c == '\\' && i + 1 < n && out->n > 0) {
            uint32_t prev = out->v[out->n - 1], next = in[i + 1];
            if ((vn_is_letter(prev) && viqr_escapable(next)) || (is_d(prev) && is_d(next))) {
                cp_push(out, next);
                i += 2;
                continue;
            }
        }
        if (vn_is_letter(c) && i > 0 && is_ascii_digit(in[i - 1])) { /* "H2O.", "2a'": a code, as typed */
            while (i < n && (vn_is_letter(in[i]) || is_ascii_digit(in[i])))
                cp_push(out, in[i++]);
            continue;
        }
        if (vn_is_letter(c)) {
            i = viqr_word(in, n, i, out);
            continue;
        }
        cp_push(out, c);
        i++;
    }
}

static int word_start_at(const uint32_t *cps, size_t i)
{
    return i == 0 || !(vn_is_letter(cps[i - 1]) || is_ascii_digit(cps[i - 1]));
}

/* A "dd" the decoder would read as đ, from the d at `i` (the second d of the pair). */
static int viqr_dd_would_join(const uint32_t *cps, size_t n, size_t i)
{
    if (i == 0 || !is_d(cps[i]) || !is_d(cps[i - 1]))
        return 0;
    if (word_start_at(cps, i - 1))
        return 1;
    size_t s = i - 1;
    while (s > 0 && is_ascii_letter(cps[s - 1]))
        s--;
    size_t end;
    return word_start_at(cps, s) && viqr_dd_abbreviation(cps, n, s, &end);
}

static void viqr_encode(const uint32_t *cps, size_t n, bytebuf *out, size_t *lost)
{
    for (size_t i = 0; i < n; i++) {
        uint32_t c = cps[i], prev = i ? cps[i - 1] : 0;
        int v, t, up;
        if (vn_vowel(c, &v, &t, &up)) {
            byte_push(out, (unsigned char)(up ? VOWEL_BASE[v] - 32 : VOWEL_BASE[v]));
            if (VOWEL_MOD[v] != M_NONE)
                byte_push(out, VOWEL_MOD[v] == M_BREVE ? '(' : VOWEL_MOD[v] == M_CIRC ? '^' : '+');
            if (t != T_NONE)
                byte_push(out, (unsigned char)VIQR_TONE[t]);
        } else if (c == CP_D_STROKE_LOWER || c == CP_D_STROKE_UPPER) {
            byte_push(out, c == CP_D_STROKE_LOWER ? 'd' : 'D');
            byte_push(out, c == CP_D_STROKE_LOWER ? 'd' : 'D');
        } else if (c < 0x80) {
            /* escape what the decoder would take for a mnemonic or a "dd" */
            int esc = 0;
            if (c == '\\')
                esc = i + 1 < n && ((vn_is_letter(prev) && viqr_escapable(cps[i + 1])) ||
                                    (is_d(prev) && is_d(cps[i + 1])));
            else if (viqr_escapable(c))
                esc = base_is_vowel(prev);
            else if (is_d(c))
                esc = viqr_dd_would_join(cps, n, i);
            if (esc)
                byte_push(out, '\\');
            byte_push(out, (unsigned char)c);
        } else {
            /* other characters: the Windows-1252 byte, as for the 8-bit charsets */
            int b = byte_of_cp1252(c);
            if (b < 0xA0 && !(b >= 0x80 && CP1252_HIGH[b - 0x80] == c))
                b = -1;
            if (b < 0) {
                b = '?';
                (*lost)++;
            }
            byte_push(out, (unsigned char)b);
        }
    }
}

/* ==== CP1258 through ICU =================================================================== */

static UConverter *cp1258_open(char *err, size_t err_size)
{
    UErrorCode st = U_ZERO_ERROR;
    UConverter *cv = ucnv_open("windows-1258", &st);
    if (U_FAILURE(st)) {
        if (err && err_size)
            snprintf(err, err_size, "ICU has no windows-1258 converter (%s)", u_errorName(st));
        return NULL;
    }
    return cv;
}

static int cp1258_decode(const unsigned char *s, size_t n, cpbuf *out, char *err, size_t err_size)
{
    UConverter *cv = cp1258_open(err, err_size);
    if (!cv)
        return -1;
    UChar buf[1024];
    for (size_t i = 0; i < n;) {
        size_t chunk = n - i < sizeof buf / sizeof buf[0] ? n - i : sizeof buf / sizeof buf[0];
        UErrorCode st = U_ZERO_ERROR;
        /* a single-byte charset: one byte, one BMP character */
        int32_t ul = ucnv_toUChars(cv, buf, (int32_t)(sizeof buf / sizeof buf[0]), (const char *)s + i,
                                   (int32_t)chunk, &st);
        if (U_FAILURE(st) && st != U_STRING_NOT_TERMINATED_WARNING) {
            if (err && err_size)
                snprintf(err, err_size, "windows-1258 conversion failed (%s)", u_errorName(st));
            ucnv_close(cv);
            return -1;
        }
        for (int32_t k = 0; k < ul;) {
            UChar32 c;
            U16_NEXT(buf, k, ul, c);
            cp_push(out, (uint32_t)c);
        }
        i += chunk;
    }
    ucnv_close(cv);
    return 0;
}

/* Writes `us` through the converter; 0 when every character has a code. */
static int cp1258_put(UConverter *cv, const UChar *us, int32_t ul, bytebuf *out)
{
    char buf[32];
    UErrorCode st = U_ZERO_ERROR;
    int32_t bl = ucnv_fromUChars(cv, buf, (int32_t)sizeof buf, us, ul, &st);
    if (U_FAILURE(st) || st == U_USING_FALLBACK_WARNING)
        return -1;
    for (int32_t k = 0; k < bl; k++)
        byte_push(out, (unsigned char)buf[k]);
    return 0;
}

static const UChar TONE_COMBINING[T_COUNT] = {0, 0x0300, 0x0301, 0x0309, 0x0303, 0x0323};

/* Vietnamese letters with a tone are written base + tone byte (as Windows' Vietnamese
 * keyboard types them); others take ICU's code, or their canonical decomposition. */
static int cp1258_encode(const uint32_t *cps, size_t n, bytebuf *out, size_t *lost)
{
    UConverter *cv = cp1258_open(NULL, 0);
    if (!cv)
        return -1;
    UErrorCode st = U_ZERO_ERROR;
    ucnv_setFromUCallBack(cv, UCNV_FROM_U_CALLBACK_STOP, NULL, NULL, NULL, &st);
    const UNormalizer2 *nfd = unorm2_getNFDInstance(&st);
    if (U_FAILURE(st))
        nfd = NULL;
    for (size_t i = 0; i < n; i++) {
        uint32_t c = cps[i];
        UChar us[8];
        int32_t ul = 0;
        int v, t, up;
        if (vn_vowel(c, &v, &t, &up) && t != T_NONE) {
            us[ul++] = (UChar)vn_letter(v, T_NONE, up);
            us[ul++] = TONE_COMBINING[t];
            if (cp1258_put(cv, us, ul, out) == 0)
                continue;
        } else if (c < 0x10000 && !(c >= 0xD800 && c <= 0xDFFF)) {
            us[0] = (UChar)c;
            if (cp1258_put(cv, us, 1, out) == 0)
                continue;
            if (nfd) {
                UChar d[8];
                UErrorCode ds = U_ZERO_ERROR;
                int32_t dl = unorm2_normalize(nfd, us, 1, d, 8, &ds);
                if (U_SUCCESS(ds) && dl > 1 && cp1258_put(cv, d, dl, out) == 0)
                    continue;
            }
        }
        byte_push(out, '?');
        (*lost)++;
    }
    ucnv_close(cv);
    return 0;
}

/* ==== public: names ======================================================================== */

int vb_encoding_parse(const char *name, vb_encoding *out)
{
    static const struct {
        const char *name;
        vb_encoding enc;
    } names[] = {
        {"utf8", VB_ENC_UTF8},       {"unicode", VB_ENC_UTF8},     {"tcvn3", VB_ENC_TCVN3},
        {"abc", VB_ENC_TCVN3},       {"vn3", VB_ENC_TCVN3},        {"vni", VB_ENC_VNI},
        {"vniwindows", VB_ENC_VNI},  {"vniwin", VB_ENC_VNI},       {"viqr", VB_ENC_VIQR},
        {"cp1258", VB_ENC_CP1258},   {"windows1258", VB_ENC_CP1258}, {"win1258", VB_ENC_CP1258},
    };
    if (!name)
        return -1;
    char key[32];
    size_t k = 0;
    for (const char *p = name; *p; p++) {
        char c = *p;
        if (c == '-' || c == '_' || c == ' ')
            continue;
        if (k + 1 >= sizeof key)
            return -1;
        key[k++] = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
    }
    key[k] = 0;
    for (size_t i = 0; i < ARRAY_LEN(names); i++)
        if (strcmp(names[i].name, key) == 0) {
            if (out)
                *out = names[i].enc;
            return 0;
        }
    return -1;
}

const char *vb_encoding_name(vb_encoding enc)
{
    switch (enc) {
    case VB_ENC_UTF8: return "utf-8";
    case VB_ENC_TCVN3: return "tcvn3";
    case VB_ENC_VNI: return "vni";
    case VB_ENC_VIQR: return "viqr";
    case VB_ENC_CP1258: return "cp1258";
    }
    return "unknown";
}

/* ==== public: decode and encode ============================================================ */

char *vb_legacy_decode(const char *bytes, size_t len, vb_encoding enc, int capitals, char *err,
                       size_t err_size)
{
    if (err && err_size)
        err[0] = 0;
    if (!bytes)
        len = 0;
    const unsigned char *s = (const unsigned char *)(bytes ? bytes : "");
    cpbuf cps = {0};
    switch (enc) {
    case VB_ENC_UTF8:
        utf8_decode((const char *)s, len, &cps, NULL, NULL);
        break;
    case VB_ENC_TCVN3:
        tcvn3_decode(s, len, capitals, &cps);
        break;
    case VB_ENC_VNI:
        vni_decode(s, len, &cps, NULL);
        break;
    case VB_ENC_VIQR: {
        /* the mnemonics are ASCII; other bytes are UTF-8 when the whole input is, or else
         * Windows-1252 as for the 8-bit charsets */
        cpbuf in = {0};
        if (utf8_valid(s, len))
            utf8_decode((const char *)s, len, &in, NULL, NULL);
        else
            for (size_t i = 0; i < len; i++)
                cp_push(&in, cp1252_byte(s[i]));
        viqr_decode(in.v, in.n, &cps);
        free(in.v);
        break;
    }
    case VB_ENC_CP1258:
        if (cp1258_decode(s, len, &cps, err, err_size) != 0) {
            free(cps.v);
            return NULL;
        }
        break;
    default:
        if (err && err_size)
            snprintf(err, err_size, "unknown encoding %d", (int)enc);
        free(cps.v);
        return NULL;
    }
    char *res = nfc_utf8(cps.v, cps.n, NULL);
    free(cps.v);
    return res;
}

char *vb_legacy_encode(const char *utf8, size_t len, vb_encoding enc, size_t *out_len, size_t *lost)
{
    size_t lost_n = 0;
    if (!utf8)
        len = 0;
    cpbuf raw = {0}, cps = {0};
    utf8_decode(utf8 ? utf8 : "", len, &raw, NULL, &lost_n); /* ill-formed bytes: U+FFFD, lost */
    nfc_append(raw.v, raw.n, &cps);
    free(raw.v);
    bytebuf out = {0};
    switch (enc) {
    case VB_ENC_UTF8:
        for (size_t i = 0; i < cps.n; i++)
            utf8_push(&out, cps.v[i]);
        break;
    case VB_ENC_TCVN3:
        tcvn3_encode(cps.v, cps.n, &out, &lost_n);
        break;
    case VB_ENC_VNI:
        vni_encode(cps.v, cps.n, &out, &lost_n);
        break;
    case VB_ENC_VIQR:
        viqr_encode(cps.v, cps.n, &out, &lost_n);
        break;
    case VB_ENC_CP1258:
        if (cp1258_encode(cps.v, cps.n, &out, &lost_n) != 0) { /* no converter: nothing is written */
            out.n = 0;
            lost_n = cps.n;
        }
        break;
    default:
        lost_n = cps.n;
        break;
    }
    free(cps.v);
    if (lost)
        *lost = lost_n;
    return bytebuf_finish(&out, out_len);
}

/* ==== public: detection ==================================================================== */

/* The text is cut into words: runs of characters that are letters once the text is taken
 * back to bytes (Windows-1252/Latin-1 → byte: ASCII letters and bytes 0xA1-0xFF), numbers,
 * and "foreign" words holding a character no such byte gives (ộ, ư, đ …: real Unicode). Each
 * word is decoded as TCVN3 and as VNI and judged (syllables here follow the native
 * spelling rules, so "på" as TCVN3 "pồ" or "kön" as "kửn" are not syllables):
 *   ASCII      no byte above 0x7F: says nothing
 *   same       decodes to itself, a Vietnamese syllable ("là"): says nothing
 *   ambiguous  decodes to a syllable but already is one ("Céng"/"Cộng", "các"/"cỏc"; an
 *              accented capital after a small letter, "vÝ", is not one): nothing
 *   positive   decodes to a syllable and is not one ("hßa" → "hòa"). Strong, +3, when it
 *              shows what other languages' text does not: for TCVN3 a character of
 *              0xA1-0xBF or × ÷ ("x·", "®·", "Hµ"), or an accented capital after a small
 *              letter ("nghÜa", "ViÖt"); for VNI a vowel + mark byte pair ("Coäng").
 *              Otherwise weak, +1 ("gång" → "gồng"); a lone symbol ("·", "«") scores 0
 *   abbreviation  decodes to letters with Đ or đ, consonants only or all capitals
 *              ("H§ND" HĐND, "®/c" đ/c, "TCTTK§A"): nothing
 *   negative   does not decode to a syllable ("élève", "señor"; "Chính" as TCVN3 "Chớnh"):
 *              breaks the run
 * ASCII words that are not syllables ("att", "the"; all-capital abbreviations aside) are
 * "foreign ASCII".
 * A run is a stretch of words without negative or foreign words, characters no byte gives
 * (like "→") or three foreign ASCII words in a row. It is reported when its score reaches
 * 4 with a strong word and two different positive words, and it has no more foreign ASCII
 * words than positive and ambiguous ones. It spans its first to last positive or ambiguous
 * word, widened on the same line over the abbreviations before it ("Q§-UBND") and over the
 * words after it that read the same in both ("ViÖt Nam", "n¨m 2015"), foreign ASCII words
 * aside. When TCVN3 and VNI runs overlap, the higher score wins. */

enum { EV_ASCII, EV_SAME, EV_ABBR, EV_AMBIG, EV_POS, EV_NEG };

typedef struct {
    size_t s, e;     /* code point indices */
    int foreign;     /* holds a character no byte gives: a hard break */
    int hard;        /* not a word: a character no byte gives (→, ™ is fine) */
    int ascii_letters, upper, lower, nonascii, symbol;
    int foreign_ascii; /* ASCII, not all capitals, not a Vietnamese syllable: "the", "och" */
    int ev[2], score[2], strong[2];
} det_word;

typedef struct {
    size_t first, last; /* word indices */
    int enc_i, score, dropped;
} det_run;

static int det_byte(uint32_t c)
{
    return byte_of_cp1252(c);
}


/* Signs of TCVN3 that other languages' text does not show: a character of 0xA1-0xBF (the
 * VN3 letters ă â ê ô ơ ư đ à ả ã á ạ ằ ẳ ẵ ắ land there: "®·", "x·", "Hµ") or × ÷, or an
 * accented capital after a small letter ("nghÜa", "ViÖt"). */
static int det_mid_capital(const uint32_t *cps, size_t s, size_t e)
{
    for (size_t k = s + 1; k < e; k++)
        if (cps[k] >= 0xC0 && vn_lower(cps[k]) != cps[k] && vn_lower(cps[k - 1]) == cps[k - 1] &&
            u_isalpha((UChar32)cps[k - 1]))
            return 1;
    return 0;
}

static int det_tcvn3_strong(const uint32_t *cps, size_t s, size_t e)
{
    for (size_t k = s; k < e; k++)
        if ((cps[k] >= 0xA1 && cps[k] < 0xC0) || cps[k] == 0xD7 || cps[k] == 0xF7)
            return 1;
    return det_mid_capital(cps, s, e);
}

static void det_eval(det_word *w, const uint32_t *cps, int enc_i, bytebuf *tmp, cpbuf *dec)
{
    if (!w->nonascii) {
        w->ev[enc_i] = EV_ASCII;
        return;
    }
    tmp->n = 0;
    dec->n = 0;
    for (size_t k = w->s; k < w->e; k++)
        byte_push(tmp, (unsigned char)det_byte(cps[k]));
    size_t combined = 0; /* VNI: vowel + mark byte pairs, the sign of VNI */
    if (enc_i == 0)
        tcvn3_decode(tmp->v, tmp->n, 0, dec);
    else
        vni_decode(tmp->v, tmp->n, dec, &combined);
    if (!syllable_check(dec->v, dec->n, SYL_RHYMES | SYL_NATIVE)) {
        /* consonants only: an abbreviation with Đ ("H§ND" HĐND, "Q§" QĐ, "®/c" đ/c) */
        int letters = 1, vowels = 0, lower = 0, d = 0;
        for (size_t k = 0; k < dec->n; k++) {
            uint32_t c = dec->v[k];
            int v, t, up;
            if (c == CP_D_STROKE_LOWER || c == CP_D_STROKE_UPPER)
                d = 1, lower |= c == CP_D_STROKE_LOWER;
            else if (vn_vowel(c, &v, &t, &up))
                vowels = 1, lower |= !up;
            else if (is_ascii_letter(c))
                lower |= c >= 'a';
            else
                letters = 0;
        }
        w->ev[enc_i] = letters && d && (!vowels || !lower) ? EV_ABBR : EV_NEG;
        return;
    }
    int same = dec->n == w->e - w->s && memcmp(dec->v, cps + w->s, dec->n * sizeof *dec->v) == 0;
    if (same) {
        w->ev[enc_i] = EV_SAME;
    } else if (!det_mid_capital(cps, w->s, w->e) && syllable_check(cps + w->s, w->e - w->s, SYL_RHYMES | SYL_NATIVE)) {
        w->ev[enc_i] = EV_AMBIG;
    } else {
        w->ev[enc_i] = EV_POS;
        if (w->e - w->s == 1) /* a lone letter ("ë" → "ở") is weak; a lone symbol says nothing */
            w->score[enc_i] = w->symbol ? 0 : 1;
        else if (enc_i == 0 ? det_tcvn3_strong(cps, w->s, w->e) : combined > 0)
            w->strong[enc_i] = 1, w->score[enc_i] = 3;
        else
            w->score[enc_i] = 1;
    }
}

/* The same word but for case. */
static int det_same_word(const uint32_t *cps, const det_word *a, const det_word *b)
{
    if (a->e - a->s != b->e - b->s)
        return 0;
    for (size_t k = 0; k < a->e - a->s; k++)
        if (vn_lower(cps[a->s + k]) != vn_lower(cps[b->s + k]))
            return 0;
    return 1;
}

static int det_same_line(const uint32_t *cps, size_t from, size_t to)
{
    for (size_t k = from; k < to; k++)
        if (cps[k] == '\n' || cps[k] == '\r')
            return 0;
    return 1;
}

/* An all-capitals word: ASCII letters and no lowercase one (1 = one letter, 2 = more). */
static int det_caps(const det_word *w)
{
    if (w->hard || w->lower || !w->upper)
        return 0;
    return w->upper >= 2 ? 2 : 1;
}

/* TCVN3 in an all-caps font shows its lowercase bytes as capitals; typed with caps lock
 * the ASCII letters are capitals: such words ("CéNG", "HßA") are read as capitals, and so
 * are words with one capital or none ("X·") between such words. */
static int det_word_capitals(const det_word *words, size_t nw, size_t i)
{
    int c = det_caps(&words[i]);
    if (c == 2)
        return 1;
    if (words[i].lower)
        return 0;
    int before = 0, after = 0; /* 0 none, 1 caps, -1 lowercase */
    for (size_t k = i; k-- > 0;) {
        if (words[k].hard)
            break;
        if (words[k].ascii_letters) {
            before = det_caps(&words[k]) == 2 ? 1 : -1;
            break;
        }
    }
    for (size_t k = i + 1; k < nw; k++) {
        if (words[k].hard)
            break;
        if (words[k].ascii_letters) {
            after = det_caps(&words[k]) == 2 ? 1 : -1;
            break;
        }
    }
    return (before == 1 || after == 1) && before != -1 && after != -1;
}

static char *det_convert(const det_word *words, size_t nw, const det_run *r, const uint32_t *cps)
{
    size_t s = words[r->first].s, e = words[r->last].e;
    cpbuf out = {0};
    if (r->enc_i == 0) {
        uint32_t lower[256], upper[256];
        tcvn3_map(lower, 0);
        tcvn3_map(upper, 1);
        size_t wi = r->first;
        for (size_t k = s; k < e; k++) {
            while (wi <= r->last && words[wi].e <= k)
                wi++;
            int in_word = wi <= r->last && words[wi].s <= k && !words[wi].hard;
            const uint32_t *map = in_word && det_word_capitals(words, nw, wi) ? upper : lower;
            cp_push(&out, map[det_byte(cps[k])]);
        }
    } else {
        bytebuf b = {0};
        for (size_t k = s; k < e; k++)
            byte_push(&b, (unsigned char)det_byte(cps[k]));
        vni_decode(b.v, b.n, &out, NULL);
        free(b.v);
    }
    char *res = nfc_utf8(out.v, out.n, NULL);
    free(out.v);
    return res;
}

/* Latin-1 characters that Vietnamese never uses but TCVN3 and VNI bytes read as
 * Windows-1252/Latin-1 always produce (¸ µ · ß Ü ø ö ä …). Text without one of them
 * cannot hold mojibake, and most text has none: the word analysis is skipped. */
static int may_hold_mojibake(const char *utf8, size_t len)
{
    for (size_t i = 0; i + 1 < len; i++) {
        unsigned char b = (unsigned char)utf8[i];
        if (b != 0xC2 && b != 0xC3)
            continue;
        unsigned cp = ((b & 0x1Fu) << 6) | ((unsigned char)utf8[i + 1] & 0x3Fu);
        switch (cp) {
        /* the Latin-1 letters of Vietnamese itself */
        case 0xC0: case 0xC1: case 0xC2: case 0xC3: case 0xC8: case 0xC9: case 0xCA:
        case 0xCC: case 0xCD: case 0xD2: case 0xD3: case 0xD4: case 0xD5: case 0xD9:
        case 0xDA: case 0xDD: case 0xE0: case 0xE1: case 0xE2: case 0xE3: case 0xE8:
        case 0xE9: case 0xEA: case 0xEC: case 0xED: case 0xF2: case 0xF3: case 0xF4:
        case 0xF5: case 0xF9: case 0xFA: case 0xFD:
        /* NBSP and the signs a Vietnamese text may use: « » ° ± § © ® · × … */
        case 0xA0: case 0xAB: case 0xBB: case 0xB0: case 0xB1:
            continue;
        default:
            if (cp >= 0xA0)
                return 1;
        }
    }
    return 0;
}

size_t vb_legacy_detect(const char *utf8, size_t len, vb_legacy_run **runs)
{
    if (runs)
        *runs = NULL;
    if (!utf8 || !runs || !may_hold_mojibake(utf8, len))
        return 0;
    cpbuf cps = {0};
    size_t *offs = NULL;
    utf8_decode(utf8, len, &cps, &offs, NULL);

    /* words, and hard breaks as word entries of their own */
    det_word *words = NULL;
    size_t nw = 0, wcap = 0;
    for (size_t i = 0; i < cps.n;) {
        uint32_t c = cps.v[i];
        int b = det_byte(c);
        int repr_letter = b >= 0 && (is_ascii_letter((uint32_t)b) || b >= 0xA1);
        int foreign_letter = b < 0 && (u_isalpha((UChar32)c) || (U_GET_GC_MASK((UChar32)c) & U_GC_M_MASK));
        int digit = is_ascii_digit(c);
        if (!repr_letter && !foreign_letter && !digit && b >= 0) { /* a separator that is a byte: soft */
            i++;
            continue;
        }
        if (nw == wcap) {
            wcap = wcap ? wcap * 2 : 64;
            words = vb_xrealloc(words, wcap * sizeof *words);
        }
        det_word *w = &words[nw++];
        memset(w, 0, sizeof *w);
        w->s = i;
        if (digit) { /* a number: a word of its own, ASCII */
            while (i < cps.n && is_ascii_digit(cps.v[i]))
                i++;
            w->e = i;
            continue;
        }
        if (!repr_letter && !foreign_letter) { /* a character no byte gives */
            w->hard = 1;
            w->e = ++i;
            continue;
        }
        while (i < cps.n) {
            c = cps.v[i];
            b = det_byte(c);
            if (b >= 0 && (is_ascii_letter((uint32_t)b) || b >= 0xA1)) {
                if (b < 0x80) {
                    w->ascii_letters++;
                    if (b >= 'a')
                        w->lower++;
                    else
                        w->upper++;
                } else {
                    w->nonascii++;
                    if (!u_isalpha((UChar32)c))
                        w->symbol = 1;
                }
            } else if (b < 0 && (u_isalpha((UChar32)c) || (U_GET_GC_MASK((UChar32)c) & U_GC_M_MASK))) {
                w->foreign = 1;
            } else {
                break;
            }
            i++;
        }
        w->e = i;
        w->foreign_ascii = !w->foreign && !w->nonascii && w->lower && w->ascii_letters >= 2 &&
                           !syllable_check(cps.v + w->s, w->e - w->s, SYL_RHYMES);
    }

    bytebuf tmp = {0};
    cpbuf dec = {0};
    det_run *found = NULL;
    size_t nfound = 0, fcap = 0;
    for (int enc_i = 0; enc_i < 2; enc_i++) {
        size_t stretch = 0;  /* first word of the current stretch */
        long first = -1, last = -1;
        int score = 0, strong = 0;
        long distinct[2] = {-1, -1}; /* two positive words that differ ("µm … µm" is one) */
        int streak = 0;               /* foreign ASCII words in a row */
        for (size_t k = 0; k <= nw; k++) {
            int brk = k == nw;
            if (!brk) {
                det_word *w = &words[k];
                streak = w->foreign_ascii ? streak + 1 : 0;
                if (w->hard || w->foreign || streak >= 3) { /* 3 foreign words: another language */
                    brk = 1;
                } else {
                    det_eval(w, cps.v, enc_i, &tmp, &dec);
                    int ev = w->ev[enc_i];
                    if (ev == EV_NEG) {
                        brk = 1;
                    } else if (ev == EV_AMBIG || ev == EV_POS) {
                        if (first < 0)
                            first = (long)k;
                        last = (long)k;
                        if (ev == EV_POS) {
                            score += w->score[enc_i];
                            strong |= w->strong[enc_i];
                            if (distinct[0] < 0)
                                distinct[0] = (long)k;
                            else if (distinct[1] < 0 && !det_same_word(cps.v, &words[distinct[0]], w))
                                distinct[1] = (long)k;
                        }
                    }
                }
            }
            if (!brk)
                continue;
            size_t marked = 0, foreign_n = 0; /* positive and ambiguous words; foreign ASCII words */
            for (long q = first; q >= 0 && q <= last; q++) {
                marked += words[q].ev[enc_i] == EV_POS || words[q].ev[enc_i] == EV_AMBIG;
                foreign_n += (size_t)words[q].foreign_ascii;
            }
            if (first >= 0 && score >= 4 && strong && distinct[1] >= 0 && foreign_n <= marked) {
                size_t f = (size_t)first, l = (size_t)last;
                while (f > stretch && words[f - 1].ev[enc_i] == EV_ABBR &&
                       det_same_line(cps.v, words[f - 1].e, words[f].s))
                    f--;
                while (l + 1 < k && words[l + 1].ev[enc_i] <= EV_ABBR && !words[l + 1].foreign_ascii &&
                       det_same_line(cps.v, words[l].e, words[l + 1].s))
                    l++;
                if (nfound == fcap) {
                    fcap = fcap ? fcap * 2 : 8;
                    found = vb_xrealloc(found, fcap * sizeof *found);
                }
                found[nfound++] = (det_run){f, l, enc_i, score, 0};
            }
            first = last = -1;
            score = 0, strong = 0, streak = 0;
            distinct[0] = distinct[1] = -1;
            stretch = k + 1;
        }
    }
    free(tmp.v);
    free(dec.v);

    /* overlapping TCVN3 and VNI runs: the higher score wins (TCVN3 on a tie) */
    for (size_t a = 0; a < nfound; a++)
        for (size_t b = a + 1; b < nfound; b++) {
            det_run *x = &found[a], *y = &found[b];
            if (x->dropped || y->dropped || x->last < y->first || y->last < x->first)
                continue;
            if (y->score > x->score)
                x->dropped = 1;
            else
                y->dropped = 1;
        }
    size_t count = 0;
    for (size_t a = 0; a < nfound; a++)
        count += !found[a].dropped;
    vb_legacy_run *res = NULL;
    if (count) {
        res = vb_xmalloc(count * sizeof *res);
        size_t k = 0;
        for (size_t a = 0; a < nfound; a++) {
            if (found[a].dropped)
                continue;
            /* in text order: insertion by offset */
            size_t at = k;
            size_t off = offs[words[found[a].first].s];
            while (at > 0 && res[at - 1].offset > off) {
                res[at] = res[at - 1];
                at--;
            }
            res[at].offset = off;
            res[at].length = offs[words[found[a].last].e] - off;
            res[at].encoding = found[a].enc_i == 0 ? VB_ENC_TCVN3 : VB_ENC_VNI;
            res[at].converted = det_convert(words, nw, &found[a], cps.v);
            k++;
        }
    }
    free(found);
    free(words);
    free(offs);
    free(cps.v);
    *runs = res;
    return count;
}

void vb_legacy_runs_free(vb_legacy_run *runs, size_t count)
{
    if (!runs)
        return;
    for (size_t i = 0; i < count; i++)
        free(runs[i].converted);
    free(runs);
}
