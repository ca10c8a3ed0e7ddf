/* Reading DOCX and ODT files into the document model (see docs/reading-word.md).
 *
 * Takes: a .docx/.docm (WordprocessingML) or .odt (OpenDocument text) file.
 * Gives: the same vb_document the YAML reader gives, every value positioned as
 * FILE:PARAGRAPH:CHARACTER (paragraphs counted in reading order: the body, tables in place,
 * footnotes after), with the reader's guesses as vb_note, and problems as diagnostics. */
#ifndef VB_OFFICE_READER_H
#define VB_OFFICE_READER_H

#include "model/diag.h"
#include "model/model.h"

/* Whether `path` names a file this reader takes, by its name (.docx, .docm, .odt; .doc and
 * .rtf through LibreOffice when it is installed). */
int vb_office_path_is_office(const char *path);

/* Reads the file at `path`; NULL when it cannot be read at all (diagnostics say why, with
 * a position). The document may lack parts: `check` reports what is missing. */
vb_document *vb_office_read(const char *path, vb_diagnostics *diags);

/* The neutral list the document was recognised from (office_source.h), for the layout
 * rules checked on the file itself and for the text of a paragraph shown with a message. */
typedef struct vb_office_source vb_office_source;

/* As vb_office_read, also giving the list (*source, free with vb_office_source_free) and
 * the element recognised for each paragraph number (*elements, free(); -1: none). Either
 * pointer may be NULL. */
vb_document *vb_office_read_source(const char *path, vb_diagnostics *diags,
                                   vb_office_source **source, int **elements);
void vb_office_source_free(vb_office_source *src);
/* The text of paragraph `number` (1-based, reading order), or NULL. */
const char *vb_office_paragraph_text(const vb_office_source *src, unsigned number);
/* Gives each diagnostic about `src`'s file the text of its paragraph as a snippet. */
void vb_office_attach_snippets(vb_diagnostics *diags, const vb_office_source *src);

#endif
