/* Raw DEFLATE of byte streams, compressed beside their making (see deflate_stream.h).
 *
 * A stream is cut into chunks of CHUNK_SIZE bytes at fixed offsets. Each chunk is compressed
 * on its own, primed with the 32 KiB before it as a dictionary and ended with a sync flush
 * (the last one with Z_FINISH), so the compressed chunks put end to end are one DEFLATE
 * stream that refers back across chunk boundaries as a single pass would (the way pigz
 * works). Chunks being independent, either of two threads can compress any of them:
 *   - a stream that fills all its SLOTS (256 KiB) gets a worker thread of its own, which
 *     compresses its queued chunks in order while the caller goes on making bytes; a shorter
 *     one is compressed by the caller when it ends, because a thread costs it more than it
 *     saves (the 004 report, whose document.xml is 166 KB, renders 1.4 ms faster without);
 *   - a caller that would otherwise wait (all slots busy, or waiting for the result)
 *     compresses queued chunks itself, so both cores work once the part is made.
 * Finished chunks are stored into the stream's spool strictly in order, whoever finished
 * them.
 *
 * At most SLOTS chunks of a stream exist at once (being filled, queued, compressed or
 * waiting for an earlier one), so memory stays bounded however long the stream is.
 *
 * The compressed bytes depend only on the bytes written, never on timing or on how the
 * writes were cut: chunk boundaries are fixed offsets, and each chunk's output is a function
 * of its bytes and the 32 KiB before them. */
#include "deflate_stream.h"

#include <errno.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include <zlib.h>

#include "model/model.h"
#include "spool.h"

/* Big enough that priming each chunk with a dictionary costs little, small enough that a
 * long part's worker starts early and the chunks left at its end are short. Measured when
 * every stream of two chunks had a worker: the 004 report (document.xml 164 KB) rendered
 * 0.8 ms faster than with 64 KiB and 1 ms faster than with 16 KiB; a 10 000-row table in
 * the same time, 1.3% larger. */
#define CHUNK_SIZE (32u * 1024u)
#define DICT_SIZE (32u * 1024u) /* DEFLATE's window */
#define SLOTS 8u
/* zlib states kept for reuse across streams (see compressor_take). */
#define POOL_KEPT 4

typedef enum { SLOT_FREE, SLOT_FILLING, SLOT_QUEUED, SLOT_RUNNING, SLOT_DONE } slot_state;

typedef struct {
    slot_state state;
    uint64_t index;      /* the chunk's place in the stream */
    unsigned char *in;   /* DICT_SIZE bytes for the dictionary, then the chunk's bytes */
    size_t dict_len;     /* dictionary bytes just before in + DICT_SIZE */
    size_t len;          /* the chunk's bytes */
    bool last;           /* ends the stream: Z_FINISH */
    unsigned char *out;  /* its compressed bytes */
    size_t out_len, out_cap;
    uint32_t crc;        /* of its bytes alone */
} chunk;

/* A zlib state, taken from the pool for one chunk at a time. */
typedef struct {
    z_stream z;
    bool ready;
    int level;
} compressor;

struct vb_deflate_stream {
    int level;

    /* The caller's side. */
    chunk *filling;      /* the chunk being filled, or NULL */
    uint64_t produced;   /* chunks handed over (queued) so far */
    bool finished;
    bool has_worker;
    pthread_t worker;

    /* Shared with the worker, under `lock`. */
    pthread_mutex_t lock;
    pthread_cond_t changed;
    chunk slots[SLOTS];  /* chunk i lives in slots[i % SLOTS] */
    uint64_t stored;     /* chunks written to `out` so far, in order */
    bool stopping;       /* the worker leaves once nothing is queued */
    int error;           /* errno of the first failure, 0 if none */
    uint32_t crc;
    uint64_t size;
    vb_spool *out;
};

/* ==== zlib states, reused across streams ================================================== */

/* A fresh zlib state is 256 KiB, every page of which faults on first use (about 2 µs each
 * here): the few in use are kept for the next chunk, part and document of the process. */
static pthread_mutex_t pool_lock = PTHREAD_MUTEX_INITIALIZER;
static compressor *pool[POOL_KEPT];
static size_t pool_count;

static compressor *compressor_take(void)
{
    pthread_mutex_lock(&pool_lock);
    compressor *c = pool_count > 0 ? pool[--pool_count] : NULL;
    pthread_mutex_unlock(&pool_lock);
    return c ? c : vb_xcalloc(1, sizeof(compressor));
}

static void compressor_give(compressor *c)
{
    pthread_mutex_lock(&pool_lock);
    bool kept = pool_count < POOL_KEPT;
    if (kept)
        pool[pool_count++] = c;
    pthread_mutex_unlock(&pool_lock);
    if (!kept) {
        if (c->ready)
            deflateEnd(&c->z);
        free(c);
    }
}

/* ==== one chunk ============================================================================ */

/* Compresses one chunk into its own output buffer; no lock held. Returns 0 or an errno. */
static int compress_chunk(int level, compressor *c, chunk *k)
{
    if (c->ready && c->level != level) {
        deflateEnd(&c->z);
        c->ready = false;
    }
    if (!c->ready) {
        /* Raw deflate (negative window bits): a zip entry has its own header and CRC. */
        if (deflateInit2(&c->z, level, Z_DEFLATED, -MAX_WBITS, 8, Z_DEFAULT_STRATEGY) != Z_OK)
            return ENOMEM;
        c->ready = true;
        c->level = level;
    } else if (deflateReset(&c->z) != Z_OK) {
        return EIO;
    }
    /* Tuned for XML, after each reset (which restores the level's own settings): markup
     * repeats long runs, so a match of the longest length ends the search at once
     * (nice 258), and short chains find most of what long ones do. Measured against plain
     * level 6: a report's document.xml 8% larger in 63% less time; a 10 000-row table 3%
     * larger. The last chunks of a part are compressed while the caller waits for them:
     * their time is the render's. */
    if (level >= 4 && deflateTune(&c->z, 4, 16, 258, 16) != Z_OK)
        return EIO;
    unsigned char *data = k->in + DICT_SIZE;
    if (k->dict_len > 0 &&
        deflateSetDictionary(&c->z, data - k->dict_len, (uInt)k->dict_len) != Z_OK)
        return EIO;
    k->crc = k->len > 0 ? (uint32_t)crc32_z(crc32_z(0, NULL, 0), data, k->len)
                        : (uint32_t)crc32_z(0, NULL, 0);
    /* Room for the worst case and the sync-flush marker: one call does it all. */
    size_t need = deflateBound(&c->z, (uLong)k->len) + 64;
    if (k->out_cap < need) {
        free(k->out);
        k->out = vb_xmalloc(need);
        k->out_cap = need;
    }
    c->z.next_in = data;
    c->z.avail_in = (uInt)k->len;
    c->z.next_out = k->out;
    c->z.avail_out = (uInt)k->out_cap;
    int rc = deflate(&c->z, k->last ? Z_FINISH : Z_SYNC_FLUSH);
    bool complete = k->last ? rc == Z_STREAM_END : rc == Z_OK && c->z.avail_out > 0;
    if (!complete || c->z.avail_in != 0)
        return EIO;
    k->out_len = k->out_cap - c->z.avail_out;
    return 0;
}

/* Under the lock. */
static void fail_locked(vb_deflate_stream *s, int error)
{
    if (!s->error)
        s->error = error ? error : EIO;
    pthread_cond_broadcast(&s->changed);
}

/* Under the lock: stores the finished chunks that come next, in order, and frees their
 * slots. */
static void store_ready_locked(vb_deflate_stream *s)
{
    for (;;) {
        chunk *k = &s->slots[s->stored % SLOTS];
        if (k->state != SLOT_DONE || k->index != s->stored)
            return;
        if (!s->error) {
            if (k->out_len > 0 && vb_spool_write(s->out, k->out, k->out_len) < 0)
                fail_locked(s, errno);
            s->crc = (uint32_t)crc32_combine(s->crc, k->crc, (z_off_t)k->len);
            s->size += k->len;
        }
        k->state = SLOT_FREE;
        s->stored++;
    }
}

/* Under the lock: the stream's oldest queued chunk, or NULL. */
static chunk *oldest_queued_locked(vb_deflate_stream *s)
{
    for (uint64_t i = s->stored; i < s->stored + SLOTS; i++) {
        chunk *k = &s->slots[i % SLOTS];
        if (k->state == SLOT_QUEUED && k->index == i)
            return k;
    }
    return NULL;
}

/* Under the lock, which it drops while compressing: compresses queued chunk `k` and stores
 * what is ready. After a failure the chunk is only given back. */
static void run_chunk_locked(vb_deflate_stream *s, chunk *k)
{
    k->state = SLOT_RUNNING;
    bool skip = s->error != 0;
    int level = s->level;
    pthread_mutex_unlock(&s->lock);
    int error = 0;
    if (!skip) {
        compressor *c = compressor_take();
        error = compress_chunk(level, c, k);
        compressor_give(c);
    }
    pthread_mutex_lock(&s->lock);
    if (error)
        fail_locked(s, error);
    if (s->error)
        k->out_len = 0;
    k->state = SLOT_DONE;
    store_ready_locked(s);
    pthread_cond_broadcast(&s->changed);
}

static void *worker(void *arg)
{
    vb_deflate_stream *s = arg;
    pthread_mutex_lock(&s->lock);
    for (;;) {
        chunk *k = oldest_queued_locked(s);
        if (k)
            run_chunk_locked(s, k);
        else if (s->stopping)
            break;
        else
            pthread_cond_wait(&s->changed, &s->lock);
    }
    pthread_mutex_unlock(&s->lock);
    return NULL;
}

/* ==== a stream ============================================================================= */

vb_deflate_stream *vb_deflate_stream_new(int level)
{
    vb_deflate_stream *s = vb_xcalloc(1, sizeof *s);
    s->level = level;
    s->out = vb_spool_new();
    s->crc = (uint32_t)crc32_z(0, NULL, 0);
    pthread_mutex_init(&s->lock, NULL);
    pthread_cond_init(&s->changed, NULL);
    return s;
}

static bool failed(vb_deflate_stream *s)
{
    pthread_mutex_lock(&s->lock);
    bool result = s->error != 0;
    pthread_mutex_unlock(&s->lock);
    return result;
}

/* Under the lock: the caller compresses queued chunks until `done` holds, and waits only
 * while the worker has every one of them in hand. */
static void help_until_locked(vb_deflate_stream *s, bool (*done)(vb_deflate_stream *))
{
    while (!done(s)) {
        chunk *k = oldest_queued_locked(s);
        if (k)
            run_chunk_locked(s, k);
        else
            pthread_cond_wait(&s->changed, &s->lock);
    }
}

static bool next_slot_free(vb_deflate_stream *s)
{
    return s->error || s->slots[s->produced % SLOTS].state == SLOT_FREE;
}

static bool all_stored(vb_deflate_stream *s)
{
    if (s->error) { /* nothing more is stored: only wait for the chunks in other hands */
        for (size_t i = 0; i < SLOTS; i++)
            if (s->slots[i].state == SLOT_RUNNING || s->slots[i].state == SLOT_QUEUED)
                return false;
        return true;
    }
    return s->stored == s->produced;
}

/* Makes the next chunk to fill, its dictionary copied from the end of the chunk before
 * (which stays untouched until its slot comes round again, SLOTS chunks later). */
static int open_chunk(vb_deflate_stream *s)
{
    pthread_mutex_lock(&s->lock);
    help_until_locked(s, next_slot_free);
    int error = s->error;
    chunk *k = &s->slots[s->produced % SLOTS];
    if (!error)
        k->state = SLOT_FILLING;
    pthread_mutex_unlock(&s->lock);
    if (error)
        return -1;
    if (!k->in)
        k->in = vb_xmalloc(DICT_SIZE + CHUNK_SIZE);
    k->index = s->produced;
    k->len = 0;
    k->last = false;
    k->dict_len = 0;
    if (s->produced > 0) {
        const chunk *before = &s->slots[(s->produced - 1) % SLOTS];
        size_t n = before->len < DICT_SIZE ? before->len : DICT_SIZE;
        memcpy(k->in + DICT_SIZE - n, before->in + DICT_SIZE + before->len - n, n);
        k->dict_len = n;
    }
    s->filling = k;
    return 0;
}

/* Queues the chunk being filled. The chunk that takes the last free slot starts the
 * stream's worker; without one (a shorter stream, or no thread to be had) the caller
 * compresses everything itself when it waits. */
static void queue_chunk(vb_deflate_stream *s, bool last)
{
    chunk *k = s->filling;
    s->filling = NULL;
    k->last = last;
    pthread_mutex_lock(&s->lock);
    k->state = SLOT_QUEUED;
    s->produced++;
    pthread_cond_broadcast(&s->changed);
    pthread_mutex_unlock(&s->lock);
    if (!last && !s->has_worker && s->produced >= SLOTS)
        s->has_worker = pthread_create(&s->worker, NULL, worker, s) == 0;
}

int vb_deflate_stream_write(vb_deflate_stream *s, const void *data, size_t size)
{
    const unsigned char *from = data;
    if (s->finished || failed(s))
        return -1;
    while (size > 0) {
        if (!s->filling && open_chunk(s) < 0)
            return -1;
        chunk *k = s->filling;
        size_t room = CHUNK_SIZE - k->len;
        size_t n = size < room ? size : room;
        memcpy(k->in + DICT_SIZE + k->len, from, n);
        k->len += n;
        from += n;
        size -= n;
        if (k->len == CHUNK_SIZE)
            queue_chunk(s, false);
    }
    return 0;
}

/* Helps with what is queued, waits for the rest and lets the worker go: afterwards no other
 * thread touches the stream. */
static void complete(vb_deflate_stream *s)
{
    pthread_mutex_lock(&s->lock);
    help_until_locked(s, all_stored);
    s->stopping = true;
    pthread_cond_broadcast(&s->changed);
    pthread_mutex_unlock(&s->lock);
    if (s->has_worker) {
        pthread_join(s->worker, NULL);
        s->has_worker = false;
    }
}

int vb_deflate_stream_finish(vb_deflate_stream *s)
{
    if (s->finished)
        return failed(s) ? -1 : 0;
    s->finished = true;
    /* The last chunk, empty when the stream ended on a chunk boundary (or is empty): its
     * Z_FINISH ends the DEFLATE stream. */
    if (!s->filling && open_chunk(s) < 0)
        return -1;
    queue_chunk(s, true);
    if (!s->has_worker)
        return vb_deflate_stream_wait(s);
    /* The worker compresses what is left while the caller goes on. */
    return failed(s) ? -1 : 0;
}

int vb_deflate_stream_wait(vb_deflate_stream *s)
{
    complete(s);
    return failed(s) ? -1 : 0;
}

const char *vb_deflate_stream_error(vb_deflate_stream *s)
{
    pthread_mutex_lock(&s->lock);
    int error = s->error;
    pthread_mutex_unlock(&s->lock);
    return error ? strerror(error) : NULL;
}

uint32_t vb_deflate_stream_crc(vb_deflate_stream *s)
{
    complete(s);
    return s->crc;
}

uint64_t vb_deflate_stream_size(vb_deflate_stream *s)
{
    complete(s);
    return s->size;
}

vb_spool *vb_deflate_stream_take(vb_deflate_stream *s)
{
    complete(s);
    vb_spool *out = s->out;
    s->out = NULL;
    return out;
}

void vb_deflate_stream_free(vb_deflate_stream *s)
{
    if (!s)
        return;
    /* Abandoned or not, the worker must be done with it: chunks still queued are given
     * back uncompressed. */
    pthread_mutex_lock(&s->lock);
    if (s->stored != s->produced)
        fail_locked(s, ECANCELED);
    pthread_mutex_unlock(&s->lock);
    complete(s);
    for (size_t i = 0; i < SLOTS; i++) {
        free(s->slots[i].in);
        free(s->slots[i].out);
    }
    pthread_cond_destroy(&s->changed);
    pthread_mutex_destroy(&s->lock);
    vb_spool_free(s->out);
    free(s);
}
