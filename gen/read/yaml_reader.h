/* Reads one YAML document (libyaml) into the document model. */
#ifndef VB_YAML_READER_H
#define VB_YAML_READER_H

#include <stddef.h>

#include "model/diag.h"
#include "model/model.h"
#include "yaml_scalars.h"

/* The text aliases may add to a document beyond the file's own, in bytes: every scalar
 * read counts its length each time an alias brings it back (docs/limits.md). */
#define VB_ALIAS_EXTRA_TEXT ((size_t)16 << 20)

/* Parses `data` (the bytes of a file called `name`). Returns the document, or NULL when
 * there were errors, which are added to `diags` with their positions. The caller frees the
 * document with vb_document_free(). */
vb_document *vb_yaml_read(const char *name, const char *data, size_t len, vb_diagnostics *diags);

/* As vb_yaml_read, with `restyle` = 0 keeping the texts' tone marks as typed (NFC only):
 * for checking, where the text checks report the marks instead. */
vb_document *vb_yaml_read_with(const char *name, const char *data, size_t len, vb_diagnostics *diags,
                               int restyle);

/* Values for the {{name}} placeholders of a template (render --data): one data row. */
typedef struct {
    const char *const *names;
    const char *const *values;
    size_t count;
} vb_vars;

/* As vb_yaml_read_with, filling every {{name}} inside the texts with its value. The values
 * go into the parsed texts, never into the YAML source, so no value can change the
 * document's structure. An unknown name is an error at the text that holds it. */
vb_document *vb_yaml_read_template(const char *name, const char *data, size_t len,
                                   vb_diagnostics *diags, const vb_vars *vars);

/* How to read: what vb_yaml_read_with and vb_yaml_read_template choose. */
typedef struct {
    int restyle;          /* 0: tone marks as typed (NFC only) */
    const vb_vars *vars;  /* placeholder values, or NULL */
    /* When non-NULL: receives where the file's scalars are (the caller frees the list),
     * so that the text checks (normalize.h) need not parse the file again. */
    vb_yaml_scalars *scalars;
} vb_read_options;

/* Reads as `options` says. */
vb_document *vb_yaml_read_opts(const char *name, const char *data, size_t len, vb_diagnostics *diags,
                               const vb_read_options *options);

/* Flow nesting ("[[[[…") or block nesting deeper than any document needs makes libyaml
 * quadratic: this scan finds it first. Returns 1 when the nesting is reasonable, else 0 with
 * the 1-based line and column where the limit is passed. */
int vb_yaml_nesting_ok(const char *data, size_t len, unsigned *line, unsigned *column);

#endif
