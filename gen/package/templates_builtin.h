/* The template parts compiled into the binary. The definitions are generated at build time by
 * tools/embed_files.py from templates/<format>/ (see meson.build); templates.c is the only
 * user. Each `data` array is followed by a NUL that `size` does not count. */
#ifndef VB_TEMPLATES_BUILTIN_H
#define VB_TEMPLATES_BUILTIN_H

#include <stddef.h>

#include "templates.h"

/* templates/docx/, in package order. */
extern const vb_template_part vb_builtin_docx_parts[];
extern const size_t vb_builtin_docx_part_count;

/* templates/odt/, in package order (mimetype first: ODF requires it, stored). */
extern const vb_template_part vb_builtin_odt_parts[];
extern const size_t vb_builtin_odt_part_count;

#endif
