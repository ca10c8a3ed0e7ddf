/* Where a YAML file's scalars are: what the text checks (normalize.h) need of a parse. Taken
 * from libyaml's events, or from the document tree the reader has loaded anyway, so that
 * `render` parses its input once. Both give the same list. */
#ifndef VB_YAML_SCALARS_H
#define VB_YAML_SCALARS_H

#include <stddef.h>

struct yaml_document_s;
struct yaml_event_s;

typedef struct {
    size_t start, end; /* character indexes of libyaml's marks: indicators and quotes included */
    int style;         /* yaml_scalar_style_t */
    int is_key;        /* written as a mapping key */
} vb_yaml_scalar;

typedef struct {
    vb_yaml_scalar *items; /* in the order of the file */
    size_t count, cap;
    char *tone_name;       /* the root mapping's scalar dau_thanh, or NULL */
} vb_yaml_scalars;

/* Collects the scalars of every document in `data`, calling `each_event` (when non-NULL)
 * with every event in turn. Returns 1, or 0 when the text is not valid YAML. */
int vb_yaml_scalars_of_text(const char *data, size_t len, vb_yaml_scalars *out,
                            void (*each_event)(void *context, const struct yaml_event_s *event),
                            void *context);

/* Collects the scalars of a loaded document. An alias is no scalar of its own: a node counts
 * once, where it is written. */
void vb_yaml_scalars_of_document(struct yaml_document_s *document, vb_yaml_scalars *out);

void vb_yaml_scalars_free(vb_yaml_scalars *scalars); /* frees the contents */

#endif
