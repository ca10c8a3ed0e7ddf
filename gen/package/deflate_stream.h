/* Raw DEFLATE of a byte stream, compressed in chunks by a worker thread of its own while the
 * caller goes on producing the bytes, and by the caller too whenever it would otherwise wait
 * (see deflate_stream.c). For the zip entries that may be large: the time of a part becomes the
 * longer of making it and compressing it, not their sum, and both cores compress once it is
 * made. */
#ifndef VB_DEFLATE_STREAM_H
#define VB_DEFLATE_STREAM_H

#include <stddef.h>
#include <stdint.h>

struct vb_spool;
typedef struct vb_deflate_stream vb_deflate_stream;

/* A stream compressed at zlib `level` (1-9). Never NULL: out of memory aborts, as vb_xmalloc. */
vb_deflate_stream *vb_deflate_stream_new(int level);

/* Appends bytes. Returns 0, or -1 once compressing or storing the result failed. */
int vb_deflate_stream_write(vb_deflate_stream *s, const void *data, size_t size);

/* Ends the stream; the compression of its last bytes may still run. Returns 0, or -1 when
 * it already failed. */
int vb_deflate_stream_finish(vb_deflate_stream *s);

/* Waits for the compression of a finished stream to end. Returns 0, or -1 when it failed. */
int vb_deflate_stream_wait(vb_deflate_stream *s);

/* The failure behind a -1 ("No space left on device"), or NULL. */
const char *vb_deflate_stream_error(vb_deflate_stream *s);

/* After a successful wait (each waits itself): the CRC-32 and length of the bytes written,
 * and the compressed bytes (a raw DEFLATE stream, as a zip entry holds it), handed over to
 * the caller. */
uint32_t vb_deflate_stream_crc(vb_deflate_stream *s);
uint64_t vb_deflate_stream_size(vb_deflate_stream *s);
struct vb_spool *vb_deflate_stream_take(vb_deflate_stream *s);

/* Stops the compression if it still runs and frees everything. NULL-safe. */
void vb_deflate_stream_free(vb_deflate_stream *s);

#endif
