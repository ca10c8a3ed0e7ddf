/* Inline Markdown in body text (cmark): **bold**, *italic*, "- " and "+ " bullet lists — the
 * written form of the model's runs, read wherever text arrives: YAML texts (read/), table cells
 * streamed from their files (compose/), and the YAML writer checking what it writes. */
#ifndef VB_MARKUP_H
#define VB_MARKUP_H

#include <stddef.h>

#include "model/model.h"

/* Parses `text` (NFC UTF-8) into paragraph nodes (plain or bullets) appended to `parent`.
 * Each node gets position `pos` advanced by the block's line inside the text. */
void vb_markup_append_blocks(vb_node *parent, const char *text, size_t len, vb_pos pos,
                             int first_line_offset);

/* The same, always through the parser (vb_markup_append_blocks skips it for text without
 * any markup, which it reads the same way): for tests comparing the two. */
void vb_markup_parse_blocks(vb_node *parent, const char *text, size_t len, vb_pos pos,
                            int first_line_offset);

/* Parses a one-line title: inline emphasis only; block markers ("1.", "- ") stay text. */
void vb_markup_inline(vb_inline *out, const char *text, size_t len);

#endif
