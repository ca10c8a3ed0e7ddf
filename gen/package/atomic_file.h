/* Writing a whole file atomically: a temporary file beside it, then renamed over it. A
 * failure leaves the old file as it was. What is replaced and how: output_file.h. */
#ifndef VB_ATOMIC_FILE_H
#define VB_ATOMIC_FILE_H

#include <stddef.h>

#include "output_file.h"

/* Writes `len` bytes to `path` ("-": standard output; a device or FIFO directly). Returns 0,
 * or -1 with `err`. A new file gets the permissions the umask gives; an existing one keeps
 * its own. */
int vb_write_file_atomic(const char *path, const char *data, size_t len, char *err, size_t err_size);

#endif
