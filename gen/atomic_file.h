/* Writing a whole file atomically: a temporary file beside it, flushed, then renamed over
 * it. A failure leaves the old file as it was. */
#ifndef VB_ATOMIC_FILE_H
#define VB_ATOMIC_FILE_H

#include <stddef.h>

/* Writes `len` bytes to `path` ("-": standard output). Returns 0, or -1 with `err`. A new
 * file gets the permissions the umask gives; an existing one keeps its own. */
int vb_write_file_atomic(const char *path, const char *data, size_t len, char *err, size_t err_size);

#endif
