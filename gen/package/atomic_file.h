/* Writing a whole file atomically: a temporary file beside it, then renamed over it. A
 * failure leaves the old file as it was. What is replaced and how: output_file.h. */
#ifndef VB_ATOMIC_FILE_H
#define VB_ATOMIC_FILE_H

#include <stddef.h>

/* Writes `len` bytes to `path` ("-": standard output; a device or FIFO directly). Returns 0,
 * or -1 with `err`. A new file gets the permissions the umask gives; an existing one keeps
 * its own. */
int vb_write_file_atomic(const char *path, const char *data, size_t len, char *err, size_t err_size);

/* Whether a finished file is forced to the disk (fsync) before it replaces the old one, and
 * its directory after. Off by default, as with compilers and cp: the rename alone means
 * nobody ever sees a half-written file, and an output can be rendered again from its input.
 * `--fsync` turns it on for when a power cut just after writing must not lose the file
 * (media about to be removed, say). Set once, before any thread writes. */
void vb_output_set_durable(int durable);
int vb_output_durable(void);

/* fsync of a file's directory, so its rename is on the disk too. Best effort: some file
 * systems refuse fsync on a directory, and the file is already in place. */
void vb_sync_parent_dir(const char *path);

#endif
