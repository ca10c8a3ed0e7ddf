/* Where an output file goes, and how it gets there without harm (docs/limits.md, "Outputs").
 *
 * A regular file (or a name that does not exist yet) is replaced atomically: the bytes go
 * into a temporary file in the same directory, renamed over the name only once complete.
 * The temporary file has no name while it is written (O_TMPFILE, where the file system has
 * it): a run killed with SIGKILL leaves nothing. Elsewhere it is named
 * ".NAME.vanban-tmp-XXXXXX" and locked (flock) while its writer lives; the next output
 * into that directory removes such files that are ours (our user), unlocked and over a
 * minute old — what a killed run left.
 *
 * Standard output ("-"), a character device (/dev/null, a terminal) and a FIFO are written
 * to directly, as a shell redirection would: renaming over them would replace the node with
 * a regular file. A block device, a socket and a directory are refused.
 *
 * Outputs under a directory given with vb_output_confine() never follow a symbolic link
 * inside it: each directory below it is opened with O_NOFOLLOW, and made when missing. */
#ifndef VB_OUTPUT_FILE_H
#define VB_OUTPUT_FILE_H

#include <stddef.h>

typedef struct vb_output vb_output;

/* Opens the way to `path` ("-": standard output). Returns NULL with `err` ("path: reason")
 * when it cannot be written. */
vb_output *vb_output_open(const char *path, char *err, size_t err_size);

/* The finished file gets the permissions a new file gets (0666 & ~umask) even when it
 * replaces one with others; by default it keeps the replaced file's. */
void vb_output_use_new_file_mode(vb_output *out);

/* The descriptor to write to: the temporary file (readable and seekable), or the
 * destination itself when vb_output_is_direct(). */
int vb_output_fd(const vb_output *out);
/* 1: the destination is written as the bytes come (standard output, a device, a FIFO):
 * it may not seek, and a failure cannot be undone. */
int vb_output_is_direct(const vb_output *out);
/* The name to show in messages ("standard output" for "-"). */
const char *vb_output_name(const vb_output *out);

/* Puts the finished file in place (rename, with --fsync on the disk first). Frees `out`.
 * Returns 0, or -1 with `err`; the destination is then untouched. */
int vb_output_commit(vb_output *out, char *err, size_t err_size);
/* Drops the temporary file; frees `out`. NULL-safe. */
void vb_output_abort(vb_output *out);

/* Writes all of data[0, len) to `fd`. Returns 0, or -1 with errno. */
int vb_write_all(int fd, const void *data, size_t len);

/* Outputs of the calling thread whose path starts with `root` + "/" stay inside `root`:
 * the directories below it are made and opened without following symbolic links, and a
 * link there is refused ("... is a symbolic link inside ROOT"). `root` itself is opened as
 * given. NULL ends the confinement. The string must outlive it. */
void vb_output_confine(const char *root);

/* Removes the stale temporary files ours in the directory `dir_fd` (see above); done once
 * per directory and process by vb_output_open. Returns how many were removed. */
int vb_output_clean_stale(int dir_fd);

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
