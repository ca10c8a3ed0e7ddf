/* One YAML scalar, quoted and escaped by libyaml's emitter: the YAML writer lays out the
 * document (keys, indentation, comments) and asks this for every text it writes. */
#ifndef VB_YAML_SCALAR_H
#define VB_YAML_SCALAR_H

#include "layout/format.h"

typedef enum {
    VB_SCALAR_BLOCK, /* a block mapping value or block sequence item: `key: X`, `- X` */
    VB_SCALAR_FLOW,  /* an item of a flow collection: `[X, Y]`, `{noi_dung: X}` */
} vb_scalar_context;

/* libyaml's emitters, kept open for the scalars of one document (one writer at a time). */
typedef struct vb_scalar_emitter vb_scalar_emitter;

vb_scalar_emitter *vb_scalar_emitter_new(void);
void vb_scalar_emitter_free(vb_scalar_emitter *e);

/* Appends `text` (made NFC) as a YAML scalar that reads back as exactly that text (a
 * string, never a number, boolean, date or null): plain when YAML allows it, else quoted; a
 * text of several lines in a block context becomes a literal block (`|-`) whose lines are
 * indented by `indent` spaces. Only the first line of what is appended can take a comment. */
void vb_yaml_scalar(vb_scalar_emitter *e, vb_buf *out, const char *text, vb_scalar_context context,
                    int indent);

/* Whether a plain scalar `text` would be read as something other than a string by a YAML
 * 1.1 or 1.2 reader (null, true, 05, 1.5, 2024-01-05, ...). */
int vb_yaml_plain_is_typed(const char *text);

/* A copy of `text` with each byte that is not UTF-8 replaced by U+FFFD, in NFC (caller
 * frees): the model's texts are NFC UTF-8, but a writer must not fail on one that is not. */
char *vb_yaml_text_repaired(const char *text);

#endif
