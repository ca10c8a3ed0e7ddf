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

/* Whether `path` names a file this reader takes, by its name (.docx, .docm, .odt). */
int vb_office_path_is_office(const char *path);

/* Reads the file at `path`; NULL when it cannot be read at all (diagnostics say why, with
 * a position). The document may lack parts: `check` reports what is missing. */
vb_document *vb_office_read(const char *path, vb_diagnostics *diags);

#endif
