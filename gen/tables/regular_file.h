/* Opening a table file (tep:) for reading: only a regular file. A FIFO would block the read
 * forever and a device never ends; they are refused before a byte is read. */
#ifndef VB_TABLES_REGULAR_FILE_H
#define VB_TABLES_REGULAR_FILE_H

#include <stddef.h>

#include "model/diag.h"

/* Opens `path` read-only (without blocking on a FIFO) and checks what it is. Returns the
 * descriptor, or -1 with `err` = "path: reason" in `lang`. */
int vb_open_regular_file(const char *path, vb_lang lang, char *err, size_t err_size);

#endif
