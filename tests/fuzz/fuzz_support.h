/* What the fuzz targets share: one private temporary directory per process (removed at
 * exit), and writing an input into a file there for the readers that take a path. */
#ifndef VB_FUZZ_SUPPORT_H
#define VB_FUZZ_SUPPORT_H

#include <stddef.h>
#include <stdint.h>

/* The directory, made on first use under $TMPDIR (or /tmp). Aborts when it cannot be made:
 * a fuzz run without it would test nothing. */
const char *vb_fuzz_dir(void);

/* "dir/name" in that directory. Returns a static buffer, valid until the next call. */
const char *vb_fuzz_path(const char *name);

/* Writes `data` to vb_fuzz_path(name), replacing it; returns the path. */
const char *vb_fuzz_write(const char *name, const uint8_t *data, size_t size);

#endif
