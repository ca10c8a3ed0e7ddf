/* The DOCX writer: one function per generated part, and the packager that puts them in
 * order with the static parts from templates/docx/. */
#ifndef VB_DOCX_H
#define VB_DOCX_H

#include <stddef.h>

#include "layout/layout.h"
#include "model/model.h"
#include "package/part.h"
#include "package/templates.h"
#include "package/xmlw.h"

/* Relationship ids fixed by templates/docx/word/_rels/document.xml.rels. */
#define VB_DOCX_REL_HEADER_PAGES "rId4"
#define VB_DOCX_REL_HEADER_FIRST "rId5"
#define VB_DOCX_REL_FOOTNOTES "rId6"

/* The footnotes met while writing document.xml, for footnotes.xml. */
typedef struct vb_docx_notes vb_docx_notes;
vb_docx_notes *vb_docx_notes_new(void);
void vb_docx_notes_free(vb_docx_notes *notes);
size_t vb_docx_notes_count(const vb_docx_notes *notes);
const char *vb_docx_note_text(const vb_docx_notes *notes, size_t index);
int vb_docx_note_id(size_t index);

/* word/document.xml (spooled). Returns 0, or -1 with `err` (a table's file failed). */
int vb_docx_document_xml(const vb_document *doc, const vb_layout *layout, vb_part *out,
                         vb_docx_notes *notes, char *err, size_t err_size);
/* word/footnotes.xml: the separators and the notes. */
int vb_docx_footnotes_xml(const vb_docx_notes *notes, vb_part *out);
/* word/styles.xml: every element's style (`doc` NULL), or those `doc` uses (vb_compose_uses). */
int vb_docx_styles_xml(const vb_layout *layout, const vb_document *doc, vb_part *out);
int vb_docx_header_xml(const vb_layout *layout, int with_page_number, const char *name, vb_part *out);
/* docProps/core.xml; `epoch` is SOURCE_DATE_EPOCH, or -1 to use the document's date. */
int vb_docx_core_xml(const vb_document *doc, long long epoch, vb_part *out);

/* Writes the whole package to `path` ("-" for stdout), atomically. Returns 0, or -1 with a
 * message in `err`. */
int vb_docx_write(const vb_document *doc, const vb_layout *layout, const vb_template_store *templates,
                  long long epoch, const char *path, char *err, size_t err_size);

#endif
