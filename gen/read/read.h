/* Stage read: input files into the document model.
 *
 * Takes: a YAML file (yaml_reader.h; libyaml), or a DOCX/ODT file (office/office_reader.h).
 * Gives: a vb_document (model/model.h) whose every value carries the position it came from
 * (YAML: line and column; DOCX/ODT: paragraph and character), problems as diagnostics
 * (model/diag.h), or NULL when nothing usable could be read. Texts are NFC, in the
 * document's tone-mark style, with inline emphasis parsed (model/markup.h).
 *
 * Also here, because it works on the YAML source itself rather than on the model:
 * normalize.h, which rewrites a YAML file's texts in place (NFC, tone marks, typography),
 * and finds where to from yaml_scalars.h: the YAML reader fills the same list from its own
 * parse, so `render` checks a file's text without parsing it again.
 *
 * A new input format is one new reader that fills the same model; nothing after this
 * stage changes. */
#ifndef VB_READ_H
#define VB_READ_H

#include "normalize.h"
#include "office/office_reader.h"
#include "yaml_reader.h"
#include "yaml_scalars.h"

#endif
