/* The document model written as vanban's YAML input (docs/format.md): what `vanban import`
 * writes. Reading the text back with the YAML reader gives the same model; a reader's
 * guesses (vb_note) become comments beside the values they explain. */
#ifndef VB_YAML_WRITER_H
#define VB_YAML_WRITER_H

#include <stddef.h>

#include "model/model.h"

/* The YAML text of `doc` (NFC UTF-8, block style, the keys in the order of docs/format.md),
 * `*len` bytes; the caller frees it. The same document always gives the same bytes. NULL
 * when the rows of a table kept in a temporary file (row_store.h) cannot be read back. */
char *vb_yaml_write(const vb_document *doc, size_t *len);

/* Writes it to `path` atomically ("-": standard output). Returns 0, or -1 with `err`. */
int vb_yaml_write_file(const vb_document *doc, const char *path, char *err, size_t err_size);

#endif
