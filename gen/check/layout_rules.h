/* The layout of a Word or OpenDocument draft, checked on the file itself: page size and
 * margins, the font, the size and look of each recognised part against gen/layout/layout.c,
 * the rules under the header lines and the trích yếu, body paragraphs, page numbers. */
#ifndef VB_LAYOUT_RULES_H
#define VB_LAYOUT_RULES_H

#include "model/diag.h"
#include "model/model.h"
#include "read/office/office_source.h"

/* `elements`: per paragraph number, the element the recogniser found (-1 none). */
void vb_check_office_layout(const vb_office_source *src, const int *elements, const vb_document *doc,
                            vb_diagnostics *diags);

#endif
