/* Vietnamese words for line breaking: which two syllables make one word (from a dictionary,
 * gen/viet/vi_words_data.c), and how good a place for a line break the space between two
 * words of a title is, as a văn thư breaks a trích yếu by hand. */
#ifndef VB_VIET_WORDS_H
#define VB_VIET_WORDS_H

#include <stddef.h>

/* Whether syllables `a` and `b` (UTF-8, any case, either tone placement, punctuation around
 * them ignored) make one word in the dictionary: "cán bộ", "công chức", "Bắc Giang". */
int vb_vi_joined(const char *a, size_t a_len, const char *b, size_t b_len);

/* Which spaces of a text fall inside a word: words[i] and words[i + 1] are joined when
 * inside[i] is 3 (count - 1 entries; 1 or 2 when only one of two tied readings joins them). The words of two syllables are chosen to cover the
 * most syllables ("kết quả | thực hiện", not "kết | quả thực | hiện"); when two ways tie,
 * the spaces inside the words of both are marked. A word ending in punctuation ends there. */
void vb_vi_segment(const char *const *words, const size_t *lens, size_t count, unsigned char *inside);

typedef enum {
    VB_BREAK_NEVER,   /* inside a word of two syllables, or inside a proper name */
    VB_BREAK_AVOID,   /* before a number (it belongs to its word: "năm / 2025"), at a lone dash,
                         inside a word of one of two readings ("ĐẢNG ỦY / ỦY BAN") */
    VB_BREAK_NEUTRAL, /* between two words */
    VB_BREAK_GOOD,    /* before a phrase: "của", "về", "và", "trên", "giai đoạn", "năm" … */
    VB_BREAK_BEST,    /* after a comma, semicolon or colon */
} vb_break_quality;

/* The quality of a line break between words[i] and words[i + 1] of a title, `count` words
 * as typed (the case tells names apart unless the whole title is in capitals: `all_caps`);
 * `inside` from vb_vi_segment. */
vb_break_quality vb_vi_break_quality(const char *const *words, const size_t *lens, size_t count,
                                     size_t i, int all_caps, const unsigned char *inside);

/* Whether the text has no lower-case letter (then its capitals say nothing of names). */
int vb_vi_all_caps(const char *text);

#endif
