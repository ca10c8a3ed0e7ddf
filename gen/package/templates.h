/* The static parts of the output packages (templates/docx/...), built into the binary so
 * vanban works from any directory; `--template DIR` reads them from DIR instead. */
#ifndef VB_TEMPLATES_H
#define VB_TEMPLATES_H

#include <stddef.h>

typedef struct {
    const char *name;           /* path inside the package, e.g. "word/fontTable.xml" */
    const unsigned char *data;  /* owned by the store */
    size_t size;
} vb_template_part;

typedef struct vb_template_store vb_template_store;

/* `format` is "docx" (later "odt"). `override_dir` NULL uses the built-in copy; otherwise
 * every built-in part name is read from override_dir/<name> (a part missing there falls back
 * to the built-in one). Returns NULL with `err` filled on an I/O error.
 * Free with vb_template_store_free(). */
vb_template_store *vb_template_store_load(const char *format, const char *override_dir,
                                          char *err, size_t err_size);
void vb_template_store_free(vb_template_store *store);

/* The parts in their fixed package order; `*count` receives how many. */
const vb_template_part *vb_template_store_parts(const vb_template_store *store, size_t *count);
/* One part by name, or NULL. */
const vb_template_part *vb_template_store_find(const vb_template_store *store, const char *name);

#endif
