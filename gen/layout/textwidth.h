/* Text widths from the advance-width metrics in fonts/ (Liberation Serif, metric-compatible
 * with Times New Roman), so rule lengths and column widths are computed, not guessed. */
#ifndef VB_TEXTWIDTH_H
#define VB_TEXTWIDTH_H

#include <stddef.h>

typedef enum {
    VB_FACE_REGULAR = 0,
    VB_FACE_BOLD = 1,
    VB_FACE_ITALIC = 2,
    VB_FACE_BOLD_ITALIC = 3,
} vb_face;

/* Width of the UTF-8 text `s` (length `len` bytes) set in `face` at `size_pt` points,
 * in twentieths of a point (twips). Code points the font lacks count as the font's
 * default advance (that of U+FFFD / .notdef). Combining marks (NFD input) have zero width.
 * Invalid UTF-8 bytes count as one default advance each. */
long vb_text_width_twips(const char *s, size_t len, vb_face face, double size_pt);

/* Advance of one code point in font units (units per em = vb_font_units_per_em()). */
int vb_glyph_advance(unsigned codepoint, vb_face face);
int vb_font_units_per_em(void);

#endif
