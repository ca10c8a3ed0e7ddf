/* Reads one YAML document (libyaml) into the document model. */
#ifndef VB_YAML_READER_H
#define VB_YAML_READER_H

#include <stddef.h>

#include "diag.h"
#include "model.h"

/* Parses `data` (the bytes of a file called `name`). Returns the document, or NULL when
 * there were errors, which are added to `diags` with their positions. The caller frees the
 * document with vb_document_free(). */
vb_document *vb_yaml_read(const char *name, const char *data, size_t len, vb_diagnostics *diags);

/* As vb_yaml_read, with `restyle` = 0 keeping the texts' tone marks as typed (NFC only):
 * for checking, where the text checks report the marks instead. */
vb_document *vb_yaml_read_with(const char *name, const char *data, size_t len, vb_diagnostics *diags,
                               int restyle);

/* Flow nesting ("[[[[…") or block nesting deeper than any document needs makes libyaml
 * quadratic: this scan finds it first. Returns 1 when the nesting is reasonable, else 0 with
 * the 1-based line and column where the limit is passed. */
int vb_yaml_nesting_ok(const char *data, size_t len, unsigned *line, unsigned *column);

#endif
