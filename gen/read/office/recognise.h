/* The recogniser: the neutral list of a DOCX or an ODT → the document model. */
#ifndef VB_RECOGNISE_H
#define VB_RECOGNISE_H

#include "model/diag.h"
#include "model/model.h"
#include "office_source.h"

/* Builds the document `shown` from `src`. `elements` (optional, src->paragraphs + 1 ints):
 * filled with the vb_element each paragraph was recognised as, -1 for none. */
vb_document *vb_recognise(const vb_office_source *src, const char *shown, vb_diagnostics *diags,
                          int *elements);

#endif
