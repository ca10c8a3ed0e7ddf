/* Raw DEFLATE on a second thread (see deflate_stream.h).
 *
 * The producer fills fixed-size blocks and queues them; a worker thread takes them in order,
 * updates the CRC-32 and feeds them to zlib, and writes what zlib gives back into a spool. At
 * most QUEUED blocks wait in the queue, so memory stays bounded however long the stream is,
 * and a producer faster than zlib waits for it. Finishing hands the last block over without
 * waiting: the caller goes on with the next part and waits only when it needs the result.
 * A stream that ends within a few KiB starts no thread: it is compressed in the caller.
 *
 * The compressed bytes depend only on the bytes written, never on timing: blocks are handed
 * to zlib whole and in order, and zlib's output with Z_NO_FLUSH does not depend on how its
 * input is cut. */
#include "deflate_stream.h"

#include <errno.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include <zlib.h>

#include "model.h"
#include "spool.h"

/* Small blocks start the worker early, so little is left to compress when the part ends. */
#define BLOCK_SIZE (32u * 1024u)
#define QUEUED 8u
/* A part that ends smaller than this is compressed in the caller: a thread costs more. */
#define INLINE_LIMIT (4u * 1024u)
/* Blocks in use at once: the queued ones, the one being compressed, the one being filled. */
#define BLOCKS (QUEUED + 2u)

typedef struct {
    unsigned char *data;
    size_t len;
} block;

struct vb_deflate_stream {
    /* The producer's side. */
    block filling;
    bool thread_started;
    bool finished;
    pthread_t thread;

    /* Shared, under `lock`. */
    pthread_mutex_t lock;
    pthread_cond_t changed;
    block queue[QUEUED];    /* a ring: `count` blocks from `head` */
    size_t head, count;
    unsigned char *spare[BLOCKS]; /* compressed blocks back for reuse */
    size_t spare_count;
    size_t allocated;       /* blocks malloc'ed so far, at most BLOCKS */
    bool closing;           /* no more blocks will come */
    int error;              /* errno of the first failure, 0 if none */

    /* The compressor's side (the worker thread, or the caller when no thread started). */
    z_stream z;
    bool z_ready;
    uint32_t crc;
    uint64_t size;
    vb_spool *out;
    unsigned char zout[64 * 1024];
};

vb_deflate_stream *vb_deflate_stream_new(int level)
{
    vb_deflate_stream *s = vb_xcalloc(1, sizeof *s);
    pthread_mutex_init(&s->lock, NULL);
    pthread_cond_init(&s->changed, NULL);
    s->out = vb_spool_new();
    s->crc = (uint32_t)crc32_z(0, NULL, 0);
    /* Raw deflate (negative window bits): a zip entry has its own header and CRC. */
    if (deflateInit2(&s->z, level, Z_DEFLATED, -MAX_WBITS, 8, Z_DEFAULT_STRATEGY) == Z_OK)
        s->z_ready = true;
    else
        s->error = ENOMEM;
    return s;
}

static void set_error(vb_deflate_stream *s, int error)
{
    pthread_mutex_lock(&s->lock);
    if (!s->error)
        s->error = error ? error : EIO;
    pthread_cond_broadcast(&s->changed);
    pthread_mutex_unlock(&s->lock);
}

static bool failed(vb_deflate_stream *s)
{
    pthread_mutex_lock(&s->lock);
    bool result = s->error != 0;
    pthread_mutex_unlock(&s->lock);
    return result;
}

/* Compresses `len` bytes (Z_NO_FLUSH) or ends the stream (Z_FINISH); the compressor side. */
static void compress_bytes(vb_deflate_stream *s, const unsigned char *data, size_t len, int flush)
{
    if (len > 0) /* crc32_z(crc, NULL, 0) is not crc but the initial value */
        s->crc = (uint32_t)crc32_z(s->crc, data, len);
    s->size += len;
    s->z.next_in = (Bytef *)data;
    s->z.avail_in = (uInt)len;
    for (;;) {
        s->z.next_out = s->zout;
        s->z.avail_out = sizeof s->zout;
        int rc = deflate(&s->z, flush);
        if (rc == Z_STREAM_ERROR) {
            set_error(s, EIO);
            return;
        }
        size_t made = sizeof s->zout - s->z.avail_out;
        if (made > 0 && vb_spool_write(s->out, s->zout, made) < 0) {
            set_error(s, errno);
            return;
        }
        if (flush == Z_FINISH ? rc == Z_STREAM_END : s->z.avail_out != 0)
            return;
    }
}

static void *worker(void *arg)
{
    vb_deflate_stream *s = arg;
    pthread_mutex_lock(&s->lock);
    for (;;) {
        while (s->count == 0 && !s->closing)
            pthread_cond_wait(&s->changed, &s->lock);
        if (s->count == 0)
            break;
        block b = s->queue[s->head];
        s->head = (s->head + 1) % QUEUED;
        s->count--;
        bool skip = s->error != 0; /* after a failure, only give the blocks back */
        pthread_mutex_unlock(&s->lock);
        if (!skip)
            compress_bytes(s, b.data, b.len, Z_NO_FLUSH);
        pthread_mutex_lock(&s->lock);
        s->spare[s->spare_count++] = b.data;
        pthread_cond_broadcast(&s->changed);
    }
    bool skip = s->error != 0;
    pthread_mutex_unlock(&s->lock);
    if (!skip)
        compress_bytes(s, NULL, 0, Z_FINISH);
    return NULL;
}

/* A block to fill: a spare one, a new one while fewer than BLOCKS exist, or the next one
 * the worker gives back. NULL after a failure. */
static unsigned char *take_block(vb_deflate_stream *s)
{
    unsigned char *data = NULL;
    pthread_mutex_lock(&s->lock);
    while (!s->error && s->spare_count == 0 && s->allocated == BLOCKS)
        pthread_cond_wait(&s->changed, &s->lock);
    if (!s->error) {
        if (s->spare_count > 0) {
            data = s->spare[--s->spare_count];
        } else {
            data = vb_xmalloc(BLOCK_SIZE);
            s->allocated++;
        }
    }
    pthread_mutex_unlock(&s->lock);
    return data;
}

/* Starts the worker, or compresses what is pending here when no thread can be had.
 * Returns 0 when the worker runs. */
static int start_worker(vb_deflate_stream *s)
{
    if (pthread_create(&s->thread, NULL, worker, s) != 0)
        return -1;
    s->thread_started = true;
    return 0;
}

/* Hands the block being filled to the worker (waiting while the queue is full). */
static int enqueue(vb_deflate_stream *s)
{
    pthread_mutex_lock(&s->lock);
    while (!s->error && s->count == QUEUED)
        pthread_cond_wait(&s->changed, &s->lock);
    bool ok = !s->error;
    if (ok) {
        s->queue[(s->head + s->count) % QUEUED] = s->filling;
        s->count++;
        s->filling.data = NULL;
        s->filling.len = 0;
        pthread_cond_broadcast(&s->changed);
    }
    pthread_mutex_unlock(&s->lock);
    return ok ? 0 : -1;
}

/* Queues the full block being filled for the worker, starting the worker on the first. */
static int submit(vb_deflate_stream *s)
{
    if (!s->thread_started && start_worker(s) != 0) {
        /* No second thread to be had: compress here, as the worker would. */
        compress_bytes(s, s->filling.data, s->filling.len, Z_NO_FLUSH);
        s->filling.len = 0;
        return failed(s) ? -1 : 0;
    }
    if (enqueue(s) < 0)
        return -1;
    s->filling.data = take_block(s);
    return s->filling.data ? 0 : -1;
}

int vb_deflate_stream_write(vb_deflate_stream *s, const void *data, size_t size)
{
    const unsigned char *from = data;
    if (s->finished || failed(s))
        return -1;
    if (!s->filling.data && size > 0 && !(s->filling.data = take_block(s)))
        return -1;
    while (size > 0) {
        size_t room = BLOCK_SIZE - s->filling.len;
        size_t n = size < room ? size : room;
        memcpy(s->filling.data + s->filling.len, from, n);
        s->filling.len += n;
        from += n;
        size -= n;
        if (s->filling.len == BLOCK_SIZE && submit(s) < 0)
            return -1;
    }
    return 0;
}

/* Tells the worker no more blocks come and waits for it. */
static void stop_worker(vb_deflate_stream *s)
{
    if (!s->thread_started)
        return;
    pthread_mutex_lock(&s->lock);
    s->closing = true;
    pthread_cond_broadcast(&s->changed);
    pthread_mutex_unlock(&s->lock);
    pthread_join(s->thread, NULL);
    s->thread_started = false;
}

int vb_deflate_stream_finish(vb_deflate_stream *s)
{
    if (s->finished)
        return failed(s) ? -1 : 0;
    s->finished = true;
    if (failed(s))
        return -1;
    bool small = !s->thread_started && s->filling.len < INLINE_LIMIT;
    if (small || (!s->thread_started && start_worker(s) != 0)) {
        compress_bytes(s, s->filling.data, s->filling.len, Z_FINISH);
        s->filling.len = 0;
        return failed(s) ? -1 : 0;
    }
    /* The worker compresses the last block and ends the stream while the caller goes on. */
    if (s->filling.len > 0 && enqueue(s) < 0)
        return -1;
    pthread_mutex_lock(&s->lock);
    s->closing = true;
    pthread_cond_broadcast(&s->changed);
    pthread_mutex_unlock(&s->lock);
    return 0;
}

int vb_deflate_stream_wait(vb_deflate_stream *s)
{
    stop_worker(s);
    return failed(s) ? -1 : 0;
}

const char *vb_deflate_stream_error(const vb_deflate_stream *s)
{
    vb_deflate_stream *mut = (vb_deflate_stream *)s;
    pthread_mutex_lock(&mut->lock);
    int error = s->error;
    pthread_mutex_unlock(&mut->lock);
    return error ? strerror(error) : NULL;
}

uint32_t vb_deflate_stream_crc(vb_deflate_stream *s)
{
    stop_worker(s);
    return s->crc;
}

uint64_t vb_deflate_stream_size(vb_deflate_stream *s)
{
    stop_worker(s);
    return s->size;
}

vb_spool *vb_deflate_stream_take(vb_deflate_stream *s)
{
    stop_worker(s);
    vb_spool *out = s->out;
    s->out = NULL;
    return out;
}

void vb_deflate_stream_free(vb_deflate_stream *s)
{
    if (!s)
        return;
    if (s->thread_started) {
        set_error(s, ECANCELED); /* the worker only drains what is queued, then stops */
        stop_worker(s);
    }
    if (s->z_ready)
        deflateEnd(&s->z);
    free(s->filling.data); /* the queue is empty: only a running worker holds blocks, and it
                            * has given them all back once stopped */
    for (size_t i = 0; i < s->spare_count; i++)
        free(s->spare[i]);
    vb_spool_free(s->out);
    pthread_cond_destroy(&s->changed);
    pthread_mutex_destroy(&s->lock);
    free(s);
}
