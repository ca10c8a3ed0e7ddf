/* A generated package part: its name in the package and its bytes. */
#ifndef VB_PART_H
#define VB_PART_H

#include <stddef.h>

#include "xmlw.h"

struct vb_deflate_stream;

typedef struct {
    const char *name;
    char *data; /* owned */
    size_t size;
    struct vb_deflate_stream *deflated; /* owned; instead of data, for a part that may be large */
} vb_part;

/* Finishes the XML in `x` into `out` and frees `x`. Returns 0, or -1 on an XML error. */
int vb_part_take(vb_part *out, const char *name, vb_xml *x);
/* As vb_part_take, for a writer made with vb_xml_new_deflating; on failure `err` says why
 * ("cannot write word/document.xml: No space left on device"). */
int vb_part_take_deflated(vb_part *out, const char *name, vb_xml *x, char *err, size_t err_size);
void vb_part_free(vb_part *part);

struct vb_template_store;

/* Writes a package to `path` atomically: the template store's static parts in their order
 * (an entry named "mimetype" is stored uncompressed and must come first, as ODF requires),
 * then `parts` (whose compressed bytes it takes). Returns 0, or -1 with `err`. */
int vb_write_package(const char *path, const struct vb_template_store *templates, vb_part *parts,
                     size_t count, char *err, size_t err_size);

#endif
