/* The DOCX writer: one function per generated part, and the packager that puts them in
 * order with the static parts from templates/docx/. */
#ifndef VB_DOCX_H
#define VB_DOCX_H

#include <stddef.h>

#include "../layout.h"
#include "../model.h"
#include "../part.h"
#include "../templates.h"
#include "../xmlw.h"

/* Relationship ids fixed by templates/docx/word/_rels/document.xml.rels. */
#define VB_DOCX_REL_HEADER_PAGES "rId4"
#define VB_DOCX_REL_HEADER_FIRST "rId5"

int vb_docx_document_xml(const vb_document *doc, const vb_layout *layout, vb_part *out);
int vb_docx_styles_xml(const vb_layout *layout, vb_part *out);
int vb_docx_header_xml(const vb_layout *layout, int with_page_number, const char *name, vb_part *out);
/* docProps/core.xml; `epoch` is SOURCE_DATE_EPOCH, or -1 to use the document's date. */
int vb_docx_core_xml(const vb_document *doc, long long epoch, vb_part *out);

/* Writes the whole package to `path` ("-" for stdout), atomically. Returns 0, or -1 with a
 * message in `err`. */
int vb_docx_write(const vb_document *doc, const vb_layout *layout, const vb_template_store *templates,
                  long long epoch, const char *path, char *err, size_t err_size);

#endif
