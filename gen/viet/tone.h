/* Vietnamese syllables and tone marks: one placement style per document, misplaced marks
 * repaired, syllables that cannot be Vietnamese found (and never changed).
 *
 * Styles differ only for the nuclei oa, oe, uy in open syllables: traditional "hòa, khỏe,
 * thủy" (NĐ30's own text: "CỘNG HÒA") and the style of QĐ 1989/QĐ-BGDĐT "hoà, khoẻ, thuỷ".
 * Everything else (hoàng, ngoài, quý, giá, thuở, khuỷu, được, thuyền …) is the same in both.
 * "qu" and "gi" are onsets: their u/i is not part of the nucleus. */
#ifndef VB_VIET_TONE_H
#define VB_VIET_TONE_H

#include <stddef.h>

typedef enum {
    VB_TONE_TRADITIONAL, /* "cu": hòa, khỏe, thủy (default, as NĐ30) */
    VB_TONE_MODERN,      /* "moi": hoà, khoẻ, thuỷ */
    VB_TONE_KEEP,        /* "giu_nguyen": placement as typed; misplacements still repaired */
} vb_tone_style;

/* What happened to one syllable. */
typedef enum {
    VB_SYLLABLE_UNCHANGED,
    VB_SYLLABLE_RESTYLED,   /* moved between the two accepted placements (hòa ↔ hoà) */
    VB_SYLLABLE_REPAIRED,   /* a misplaced mark put back ("NGHIÃ" → "NGHĨA", "nghìên" → "nghiền") */
    VB_SYLLABLE_INVALID,    /* a word with Vietnamese marks that is not a Vietnamese syllable: left as is */
} vb_syllable_change;

/* One change or finding, with the byte range of the syllable in the INPUT text. */
typedef struct {
    size_t offset, length;
    vb_syllable_change kind;
    char before[64], after[64]; /* NFC UTF-8 of the syllable (after == before when invalid) */
} vb_tone_finding;

/* Applies `style` to every syllable of NFC UTF-8 `text` (len bytes). Returns the new text
 * (caller frees; NFC). When `findings` is non-NULL it receives a malloc'd array (caller
 * frees) of every syllable that was restyled, repaired or found invalid, in order, and
 * `*count` its length. Words without Vietnamese marks (ASCII words, numbers, codes like
 * "BC-UBND", foreign names) are never reported invalid and never changed. Case is kept:
 * "CỘNG HOÀ" → "CỘNG HÒA", "Thuỷ" → "Thủy". Letters outside the Vietnamese alphabet
 * (f, j, w, z) in an otherwise marked word make it invalid. */
char *vb_tone_apply(const char *text, size_t len, vb_tone_style style, vb_tone_finding **findings,
                    size_t *count);

/* What was made of the words seen, kept to answer repeated words at once: one per document
 * (or per run of texts) and per thread, sized to the bytes of text it will be asked about
 * (a guess is fine: it only sets how many words it can hold). */
typedef struct vb_tone_cache vb_tone_cache;
vb_tone_cache *vb_tone_cache_new(size_t text_bytes);
void vb_tone_cache_free(vb_tone_cache *cache); /* NULL-safe */

/* vb_tone_apply with a cache (NULL: none), for callers that style many texts. */
char *vb_tone_apply_cached(vb_tone_cache *cache, const char *text, size_t len, vb_tone_style style,
                           vb_tone_finding **findings, size_t *count);

/* Parses a style name: "cu", "moi", "giu_nguyen". Returns 0, or -1 when unknown. */
int vb_tone_style_parse(const char *name, vb_tone_style *out);

#endif
