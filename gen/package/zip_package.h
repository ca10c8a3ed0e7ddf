/* A deterministic zip package (OPC for DOCX, ODF for ODT) written atomically.
 *
 * Entries are stored in the order they are added, every one with the same fixed timestamp
 * (1980-01-01 00:00, as Office does), so the same input gives the same bytes. The archive is
 * built in a temporary file beside the destination and renamed over it only on success:
 * an error never leaves a half-written or clobbered file. */
#ifndef VB_ZIP_PACKAGE_H
#define VB_ZIP_PACKAGE_H

#include <stddef.h>
#include <stdint.h>

typedef struct vb_package vb_package;

/* The deflate level of every compressed entry: zlib's default, the one Office and
 * LibreOffice write their packages with. Entries deflated beforehand use it too. */
#define VB_PACKAGE_DEFLATE_LEVEL 6

/* Start a package that will end up at `dest_path` ("-" means standard output).
 * Returns NULL and fills `err` (a message for the user, including the path and strerror)
 * when the temporary file cannot be created. The caller frees the package with
 * vb_package_commit() or vb_package_abort(). */
vb_package *vb_package_open(const char *dest_path, char *err, size_t err_size);

/* Add one entry. `compress`: 0 stores it (ODF's mimetype must be stored), 1 deflates it
 * now (through deflate_stream.c) into a pre-deflated entry. The data is copied or
 * compressed; the caller keeps ownership of `data`. Returns 0, or -1 with `err`. */
int vb_package_add(vb_package *pkg, const char *name, const void *data, size_t size,
                   int compress, char *err, size_t err_size);

struct vb_spool;
/* Add one entry already compressed: `deflated` holds a raw DEFLATE stream (taken over and
 * freed, on success and on failure) of `size` bytes whose CRC-32 is `crc`. libzip copies it
 * into the archive as it is. Returns 0, or -1 with `err`. */
int vb_package_add_deflated(vb_package *pkg, const char *name, struct vb_spool *deflated,
                            uint64_t size, uint32_t crc, char *err, size_t err_size);

/* Write the archive and rename it into place (or copy it to stdout). Frees `pkg`.
 * Returns 0, or -1 with `err`; on error the destination is untouched. */
int vb_package_commit(vb_package *pkg, char *err, size_t err_size);

/* Drop everything, remove the temporary file, free `pkg`. NULL-safe. */
void vb_package_abort(vb_package *pkg);

#endif
