/* A byte stream held in memory while it is small and moved to an unlinked temporary file
 * when it grows, so a generated part of any size (a 100 000-row table) costs a bounded
 * amount of memory on its way into the zip. */
#ifndef VB_SPOOL_H
#define VB_SPOOL_H

#include <stddef.h>
#include <stdio.h>

typedef struct vb_spool vb_spool;

vb_spool *vb_spool_new(void);
void vb_spool_free(vb_spool *spool);

/* Appends bytes. Returns 0, or -1 once a write to the temporary file failed (errno kept). */
int vb_spool_write(vb_spool *spool, const void *data, size_t size);

/* Where the bytes are now: in memory (returns them, *file NULL) or in a file (returns NULL,
 * *file rewound and handed over to the caller, who closes it). */
const char *vb_spool_take(vb_spool *spool, size_t *size, FILE **file);

/* The error of a failed write ("No space left on device"), or NULL. */
const char *vb_spool_error(const vb_spool *spool);

#endif
