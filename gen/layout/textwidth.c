/* Text widths as the sum of Liberation Serif advance widths (fonts/liberation_serif_metrics.c).
 * No kerning and no shaping: that is what Word lays out by default, and it is enough for
 * sizing rules and columns. */
#include "textwidth.h"

#include <limits.h>
#include <stdatomic.h>
#include <math.h>
#include <stdint.h>

#include "liberation_serif_metrics.h"

/* U+0300..U+036F overlay the previous letter. The generated tables already record them
 * as 0; checking the range as well keeps the header's promise independent of the data. */
static int is_combining_mark(unsigned codepoint)
{
    return codepoint >= 0x0300 && codepoint <= 0x036F;
}

static const vb_face_metrics *metrics_for_face(vb_face face)
{
    switch (face) {
    case VB_FACE_BOLD:
        return &vb_liberation_serif_bold;
    case VB_FACE_ITALIC:
        return &vb_liberation_serif_italic;
    case VB_FACE_BOLD_ITALIC:
        return &vb_liberation_serif_bold_italic;
    case VB_FACE_REGULAR:
        break;
    }
    return &vb_liberation_serif_regular; /* also for an out-of-range value: no crash */
}

static int face_advance(const vb_face_metrics *metrics, unsigned codepoint)
{
    if (is_combining_mark(codepoint))
        return 0;
    /* Most text is ASCII, which the tables hold without gaps from their first entry: look
     * there first, and search only when that guess misses. */
    if (codepoint < 0x80 && metrics->entry_count > 0 && codepoint >= metrics->entries[0].codepoint) {
        size_t guess = codepoint - metrics->entries[0].codepoint;
        if (guess < metrics->entry_count && metrics->entries[guess].codepoint == codepoint)
            return metrics->entries[guess].advance;
    }
    size_t low = 0;
    size_t high = metrics->entry_count; /* search [low, high) */
    while (low < high) {
        size_t mid = low + (high - low) / 2;
        unsigned mid_codepoint = metrics->entries[mid].codepoint;
        if (mid_codepoint == codepoint)
            return metrics->entries[mid].advance;
        if (mid_codepoint < codepoint)
            low = mid + 1;
        else
            high = mid;
    }
    return metrics->default_advance;
}

/* Vietnamese text is nearly all below U+0250 or in U+1EA0..U+1EF9, and a table search for
 * each of its letters was most of measuring a column: those advances are looked up once per
 * face and remembered, as advance + 1 (0: not yet). Threads may store the same value into an
 * entry at once, hence relaxed atomics. */
#define LATIN_END 0x250u
#define VIET_FIRST 0x1EA0u
#define VIET_END 0x1EFAu
#define FACES (VB_FACE_BOLD_ITALIC + 1)
static _Atomic uint16_t remembered[FACES][LATIN_END + (VIET_END - VIET_FIRST)];

static int advance_of(vb_face face, const vb_face_metrics *metrics, unsigned codepoint)
{
    unsigned slot;
    if (codepoint < 0x80 || (unsigned)face >= FACES)
        return face_advance(metrics, codepoint); /* ASCII: found at once anyway */
    if (codepoint < LATIN_END)
        slot = codepoint;
    else if (codepoint >= VIET_FIRST && codepoint < VIET_END)
        slot = LATIN_END + codepoint - VIET_FIRST;
    else
        return face_advance(metrics, codepoint);
    unsigned known = atomic_load_explicit(&remembered[face][slot], memory_order_relaxed);
    if (known)
        return (int)known - 1;
    int advance = face_advance(metrics, codepoint);
    if (advance >= 0 && advance < UINT16_MAX)
        atomic_store_explicit(&remembered[face][slot], (uint16_t)(advance + 1), memory_order_relaxed);
    return advance;
}

int vb_glyph_advance(unsigned codepoint, vb_face face)
{
    return advance_of(face, metrics_for_face(face), codepoint);
}

int vb_font_units_per_em(void)
{
    /* All four faces share it; the generator refuses fonts that disagree. */
    return vb_liberation_serif_regular.units_per_em;
}

/* Decodes one well-formed UTF-8 sequence at s[0..available). Returns its length in bytes
 * and stores the code point, or returns 0 if the sequence is malformed: bad lead byte,
 * missing or bad continuation byte, overlong form, surrogate, or beyond U+10FFFF. */
static size_t decode_utf8(const unsigned char *s, size_t available, unsigned *codepoint)
{
    unsigned lead = s[0];
    size_t length;
    unsigned minimum; /* smallest code point that needs this length: rejects overlongs */

    if (lead < 0x80) {
        *codepoint = lead;
        return 1;
    }
    if (lead >= 0xC2 && lead <= 0xDF) {
        length = 2;
        minimum = 0x80;
    } else if (lead >= 0xE0 && lead <= 0xEF) {
        length = 3;
        minimum = 0x800;
    } else if (lead >= 0xF0 && lead <= 0xF4) {
        length = 4;
        minimum = 0x10000;
    } else {
        return 0; /* continuation byte, C0/C1 (always overlong) or F5..FF */
    }
    unsigned value = lead & (0x7Fu >> length); /* payload bits of the lead byte */
    if (length > available)
        return 0;
    for (size_t i = 1; i < length; i++) {
        if ((s[i] & 0xC0) != 0x80)
            return 0;
        value = (value << 6) | (s[i] & 0x3Fu);
    }
    if (value < minimum || value > 0x10FFFF || (value >= 0xD800 && value <= 0xDFFF))
        return 0;
    *codepoint = value;
    return length;
}

/* Rounds half away from zero without libm's lround (so no -lm is needed), clamped to
 * the range of long; NaN gives 0. */
static long round_to_long(double value)
{
    if (isnan(value))
        return 0;
    if (value >= (double)LONG_MAX)
        return LONG_MAX;
    if (value <= (double)LONG_MIN)
        return LONG_MIN;
    return value < 0 ? -(long)(-value + 0.5) : (long)(value + 0.5);
}

long vb_text_width_twips(const char *s, size_t len, vb_face face, double size_pt)
{
    if (s == NULL)
        return 0;
    const vb_face_metrics *metrics = metrics_for_face(face);
    const unsigned char *bytes = (const unsigned char *)s;

    /* Sum in font units (exact integers) and scale once, so rounding happens only once. */
    uint64_t total_units = 0;
    size_t pos = 0;
    while (pos < len) {
        unsigned codepoint = 0;
        size_t consumed = decode_utf8(bytes + pos, len - pos, &codepoint);
        if (consumed == 0) {
            total_units += metrics->default_advance; /* one default advance per bad byte */
            pos += 1;
        } else {
            total_units += (uint64_t)advance_of(face, metrics, codepoint);
            pos += consumed;
        }
    }

    /* twips = units * size_pt * 20 / units_per_em. With a units-per-em of 2048 and sizes in
     * whole or half points the quotient is exact in binary, so halves round correctly. */
    double twips = (double)total_units * size_pt * 20.0 / (double)metrics->units_per_em;
    return round_to_long(twips);
}
