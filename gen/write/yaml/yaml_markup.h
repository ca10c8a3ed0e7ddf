/* Inline text with emphasis and footnotes (vb_inline) written back as the CommonMark the
 * YAML reader parses (gen/read/markup.c): **bold**, *italic*, ^[footnote], escapes. */
#ifndef VB_YAML_MARKUP_H
#define VB_YAML_MARKUP_H

#include "layout/format.h"
#include "model/model.h"

typedef enum {
    VB_MARKUP_EXACT,       /* reads back as the same runs */
    VB_MARKUP_NO_EMPHASIS, /* bold/italic cannot be written here: the text is, without them */
    VB_MARKUP_INEXACT,     /* the text itself does not read back the same ("^[" typed as text) */
} vb_markup_result;

/* A body paragraph (read with vb_markup_append_blocks). Emphasis that starts or ends on white
 * space is moved inside it (CommonMark cannot open or close there; nothing visible changes),
 * and line breaks become spaces as the reader makes them. */
vb_markup_result vb_yaml_markup_paragraph(vb_buf *out, const vb_inline *in);

/* A section's title (read with vb_markup_inline). */
vb_markup_result vb_yaml_markup_title(vb_buf *out, const vb_inline *in);

/* Consecutive bullet paragraphs (bullet_level ≥ 1) as one block of "- " / "  + " lines, the
 * text of one YAML literal block. `paragraphs` are the nodes, `count` of them. */
vb_markup_result vb_yaml_markup_bullets(vb_buf *out, const vb_node *const *paragraphs, size_t count);

#endif
