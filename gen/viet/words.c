#include "words.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unicode/uchar.h>
#include <unicode/unorm2.h>
#include <unicode/ustring.h>
#include <unicode/utf8.h>

#include "model/model.h"
#include "vi_words_data.h"

#define KEY_MAX 64

/* Combining tone marks and their digits, as tools/gen_vi_words.py numbers them. */
static int tone_digit(UChar32 c)
{
    switch (c) {
    case 0x0301: return 1; /* sắc */
    case 0x0300: return 2; /* huyền */
    case 0x0309: return 3; /* hỏi */
    case 0x0303: return 4; /* ngã */
    case 0x0323: return 5; /* nặng */
    default: return 0;
    }
}

/* The dictionary key of one syllable: lower case, tone removed, tone digit appended.
 * Returns 0 when it is not made of letters (numbers, codes, "V/v"). */
static int syllable_key(const char *s, size_t len, char *key)
{
    /* Punctuation around the word: "(báo", "số,", "“Ngày". */
    if (len > KEY_MAX * 4)
        return 0;
    int32_t start = 0, end = (int32_t)len;
    while (start < end) {
        UChar32 c;
        int32_t i = start;
        U8_NEXT(s, i, end, c);
        if (c < 0 || u_isalpha(c))
            break;
        start = i;
    }
    while (end > start) {
        UChar32 c;
        int32_t i = end;
        U8_PREV(s, start, i, c);
        if (c < 0 || u_isalpha(c))
            break;
        end = i;
    }
    if (end == start || end - start > KEY_MAX / 2)
        return 0;
    UErrorCode st = U_ZERO_ERROR;
    UChar in[KEY_MAX], lower[KEY_MAX], nfd[KEY_MAX * 2], base[KEY_MAX * 2], nfc[KEY_MAX * 2];
    int32_t n = 0;
    u_strFromUTF8(in, KEY_MAX, &n, s + start, (int32_t)(end - start), &st);
    n = u_strToLower(lower, KEY_MAX, in, n, "vi", &st);
    const UNormalizer2 *d = unorm2_getNFDInstance(&st);
    const UNormalizer2 *c = unorm2_getNFCInstance(&st);
    if (U_FAILURE(st))
        return 0;
    n = unorm2_normalize(d, lower, n, nfd, KEY_MAX * 2, &st);
    if (U_FAILURE(st))
        return 0;
    int tone = 0, m = 0;
    for (int32_t i = 0; i < n; i++) {
        int t = tone_digit(nfd[i]);
        if (t) {
            tone = t;
            continue;
        }
        if (!u_isalpha(nfd[i]) && !(u_getCombiningClass(nfd[i]) > 0))
            return 0; /* "V/v", "2024-2025", "BC-UBND" */
        base[m++] = nfd[i];
    }
    n = unorm2_normalize(c, base, m, nfc, KEY_MAX * 2, &st);
    int32_t out = 0;
    u_strToUTF8(key, KEY_MAX - 2, &out, nfc, n, &st);
    if (U_FAILURE(st) || out <= 0)
        return 0;
    key[out] = (char)('0' + tone);
    key[out + 1] = '\0';
    return 1;
}

static int syllable_index(const char *key)
{
    size_t lo = 0, hi = vb_vi_syllable_count;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        int cmp = strcmp(vb_vi_syllable_text + vb_vi_syllable_offsets[mid], key);
        if (cmp == 0)
            return (int)mid;
        if (cmp < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return -1;
}

static int find_pair(const uint32_t *pairs, size_t count, uint32_t pair)
{
    size_t lo = 0, hi = count;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (pairs[mid] == pair)
            return 1;
        if (pairs[mid] < pair)
            lo = mid + 1;
        else
            hi = mid;
    }
    return 0;
}

/* The dictionary's number of one syllable as typed, or -1 when it has none.
 *
 * Working out a key costs ICU a lower-casing, an NFD and an NFC (about 2,700 instructions),
 * and a document asks for the same few hundred words thousands of times: every table cell is
 * segmented to measure its column. Answers are remembered per thread, by the bytes as typed,
 * in a small direct-mapped table (a later word overwrites an earlier one in its slot). */
enum { REMEMBERED_WORDS = 1024, REMEMBERED_BYTES = 23 };
typedef struct {
    unsigned char len; /* 0: empty */
    char bytes[REMEMBERED_BYTES];
    int index;
} remembered_word;
static _Thread_local remembered_word remembered[REMEMBERED_WORDS];

static int word_index(const char *w, size_t len)
{
    remembered_word *slot = NULL;
    if (len > 0 && len <= REMEMBERED_BYTES) {
        uint32_t h = 2166136261u; /* FNV-1a */
        for (size_t i = 0; i < len; i++)
            h = (h ^ (unsigned char)w[i]) * 16777619u;
        slot = &remembered[h % REMEMBERED_WORDS];
        if (slot->len == len && memcmp(slot->bytes, w, len) == 0)
            return slot->index;
    }
    char key[KEY_MAX];
    int index = syllable_key(w, len, key) ? syllable_index(key) : -1;
    if (slot) {
        slot->len = (unsigned char)len;
        memcpy(slot->bytes, w, len);
        slot->index = index;
    }
    return index;
}

/* 0: apart; 1: a word of the dictionary; 2: one of the administrative words too. */
static int pair_strength(int ia, int ib)
{
    if (ia < 0 || ib < 0)
        return 0;
    uint32_t pair = (uint32_t)ia << 16 | (uint32_t)ib;
    if (!find_pair(vb_vi_pairs, vb_vi_pair_count, pair))
        return 0;
    return find_pair(vb_vi_strong_pairs, vb_vi_strong_pair_count, pair) ? 2 : 1;
}

int vb_vi_joined(const char *a, size_t a_len, const char *b, size_t b_len)
{
    return pair_strength(word_index(a, a_len), word_index(b, b_len)) > 0;
}

static int ends_with_any(const char *w, size_t len, const char *chars)
{
    return len > 0 && strchr(chars, w[len - 1]) != NULL;
}

int vb_vi_all_caps(const char *text)
{
    size_t i = 0, n = strlen(text);
    while (i < n) {
        UChar32 c;
        U8_NEXT(text, i, n, c);
        if (c > 0 && u_islower(c))
            return 0;
    }
    return 1;
}

/* A word that starts with a capital and goes on in small letters: "Bắc", "Giang", "Ngày". */
static int capitalised(const char *w, size_t len)
{
    size_t i = 0;
    UChar32 c;
    U8_NEXT(w, i, len, c);
    if (c < 0 || !u_isupper(c))
        return 0;
    int lower = 0;
    while (i < len) {
        U8_NEXT(w, i, len, c);
        if (c > 0 && u_isupper(c))
            return 0; /* "UBND", "HĐND": an abbreviation, not a name's word */
        if (c > 0 && u_islower(c))
            lower = 1;
    }
    return lower;
}

/* Whether a syllable of the dictionary is `word` (compared in lower case and tone-neutral, as
 * keys are: titles come typed either way). Every word asked for here is in the dictionary. */
static int is_word(int index, const char *word)
{
    return index >= 0 && index == word_index(word, strlen(word));
}

/* Words a phrase starts with, that a văn thư breaks before. */
static const char *const PHRASE_STARTS[] = {"của", "về", "và", "trên", "năm", "đến", "cho", "với",
                                            "tại", "theo", "trong", "nhằm", "để", "thuộc"};

void vb_vi_segment(const char *const *words, const size_t *lens, size_t count, unsigned char *inside)
{
    if (count < 2)
        return;
    memset(inside, 0, count - 1);
    /* joined[i]: words i and i + 1 may make a word; covered[i]: the best score of words[i..].
     * The segmentation covering the most syllables wins ("kết quả | thực hiện", not
     * "kết | quả thực | hiện"), then the one with more administrative words ("ĐẢNG | ỦY BAN",
     * "HÀNH CHÍNH | CÔNG"); when two still tie, the spaces inside the words of both are
     * marked. */
    unsigned char *joined = vb_xcalloc(count, 1);
    size_t *covered = vb_xcalloc(count + 2, sizeof *covered);
    int *index = vb_xcalloc(count, sizeof *index); /* each word looked up once */
    for (size_t i = 0; i < count; i++)
        index[i] = word_index(words[i], lens[i]);
    for (size_t i = 0; i + 1 < count; i++)
        joined[i] = ends_with_any(words[i], lens[i], ",;:.)\"")
                        ? 0
                        : (unsigned char)pair_strength(index[i], index[i + 1]);
    free(index);
    /* A word scores 4 a syllable, 1 more when it is an administrative word. */
    for (size_t i = count; i-- > 0;) {
        size_t skip = covered[i + 1];
        size_t take = joined[i] ? 8 + (joined[i] == 2) + covered[i + 2] : 0;
        covered[i] = take > skip ? take : skip;
    }
    /* Both best segmentations when two tie: the one taking words from the left and the one
     * leaving them to the right; a space inside a word of either is kept. */
    for (int prefer_left = 0; prefer_left <= 1; prefer_left++) {
        for (size_t i = 0; i + 1 < count;) {
            size_t take = joined[i] ? 8 + (joined[i] == 2) + covered[i + 2] : 0, skip = covered[i + 1];
            if (joined[i] && (take > skip || (prefer_left && take == skip))) {
                inside[i] |= (unsigned char)(prefer_left ? 1 : 2);
                i += 2;
            } else {
                i++;
            }
        }
    }
    free(joined);
    free(covered);
}

vb_break_quality vb_vi_break_quality(const char *const *words, const size_t *lens, size_t count,
                                     size_t i, int all_caps, const unsigned char *inside)
{
    const char *a = words[i], *b = words[i + 1];
    size_t al = lens[i], bl = lens[i + 1];
    if (ends_with_any(a, al, ",;:"))
        return VB_BREAK_BEST;
    if (inside[i] == 3)
        return VB_BREAK_NEVER;
    if (inside[i]) /* one of two readings: only where nothing better fits */
        return VB_BREAK_AVOID;
    if (!all_caps && capitalised(a, al) && capitalised(b, bl) && !ends_with_any(a, al, ".)\""))
        return VB_BREAK_NEVER;
    if ((bl > 0 && b[0] >= '0' && b[0] <= '9') || (bl == 1 && b[0] == '-') ||
        (al == 1 && a[0] == '-') || (bl == 3 && memcmp(b, "\xe2\x80\x93", 3) == 0))
        return VB_BREAK_AVOID;
    int ib = word_index(b, bl);
    if (ib < 0)
        return VB_BREAK_NEUTRAL;
    if (i + 2 < count && is_word(ib, "giai") && is_word(word_index(words[i + 2], lens[i + 2]), "đoạn"))
        return VB_BREAK_GOOD;
    for (size_t k = 0; k < sizeof PHRASE_STARTS / sizeof *PHRASE_STARTS; k++)
        if (is_word(ib, PHRASE_STARTS[k]))
            return VB_BREAK_GOOD;
    return VB_BREAK_NEUTRAL;
}
