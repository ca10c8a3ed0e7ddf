/* Typography of Vietnamese administrative text: problems found with their byte ranges, and
 * the safe fixes applied. Unsafe things (a "1,879" that may be thousands) are only reported. */
#ifndef VB_VIET_TYPOGRAPHY_H
#define VB_VIET_TYPOGRAPHY_H

#include <stddef.h>

typedef enum {
    VB_TYPO_DOUBLE_SPACE,        /* "a  b" → "a b" (fixed) */
    VB_TYPO_SPACE_BEFORE_PUNCT,  /* "a , b" → "a, b"; before , ; : . ! ? … ) (fixed) */
    VB_TYPO_NO_SPACE_AFTER,      /* "a,b" → "a, b" — not inside numbers 1.879, 34,6, 11/6/2021,
                                    times 8:30, URLs, "./." or codes like "BC-UBND" (fixed) */
    VB_TYPO_STRAIGHT_QUOTES,     /* "x" → “x” in pairs; an unpaired " is only reported */
    VB_TYPO_ELLIPSIS,            /* "..." → "…" (fixed) */
    VB_TYPO_INVISIBLE,           /* zero-width space/joiners, soft hyphen, BOM inside text (removed) */
    VB_TYPO_NBSP,                /* NBSP where a plain space belongs (replaced) */
    VB_TYPO_NOT_NFC,             /* decomposed (NFD) or mixed forms (fixed: NFC) */
    VB_TYPO_THOUSANDS_COMMA,     /* "1,879" as thousands: Vietnamese writes 1.879 (reported only) */
    VB_TYPO_DECIMAL_POINT,       /* "34.6%" as a decimal: Vietnamese writes 34,6% (reported only) */
    VB_TYPO_TRAILING_SPACE,      /* space at the end of a line (fixed) */
    VB_TYPO_KIND_COUNT
} vb_typo_kind;

typedef struct {
    vb_typo_kind kind;
    size_t offset, length; /* byte range in the INPUT text */
    int fixed;             /* 1 when the returned text has it fixed */
} vb_typo_finding;

/* Checks NFC-or-not UTF-8 `text` and returns it with the safe fixes applied (caller frees).
 * `findings` (may be NULL) receives a malloc'd array (caller frees), `*count` its length.
 * With `fix` = 0 the text comes back unchanged and every finding has fixed = 0. */
char *vb_typography(const char *text, size_t len, int fix, vb_typo_finding **findings, size_t *count);

/* A short description of a kind, Vietnamese or English. */
const char *vb_typo_describe(vb_typo_kind kind, int english);

#endif
