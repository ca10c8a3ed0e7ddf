/* A libzip source that is the archive file itself, open as a file descriptor we own.
 *
 * zip_open() on a path makes libzip build the archive in a temporary file of its own (named
 * with OpenSSL's random generator, whose start-up costs more than writing a short document)
 * and rename it over the path. vb_package already writes into a temporary file it created
 * itself and renames that into place, so libzip is given that file to write into directly:
 * one file, one rename, no random names. The archive always starts empty (vb_package never
 * updates an existing archive), so reading it back is never needed.
 *
 * libzip writes an entry in many small pieces, asks for the position often and seeks back to
 * finish each local header once the entry's sizes are known. The sink keeps the last bytes
 * of the file (up to WINDOW) in memory: writes and seeks inside them are copies, and a whole
 * document of ordinary size reaches the file in one write when the archive is committed.
 * Bytes before the window are on the file already; a header there is rewritten in place. */
#include "zip_fd_sink.h"

#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* Bounded, so a table of any size needs no more memory than this. */
#define WINDOW (1024u * 1024u)

typedef struct {
    int fd;              /* borrowed: vb_package closes it */
    unsigned char *kept; /* the file's bytes [base, base + kept_len), not written yet */
    size_t kept_len, kept_cap;
    uint64_t base;
    uint64_t pos, size;  /* where the next write goes; the file's length so far */
    zip_error_t error;   /* the last failure, for ZIP_SOURCE_ERROR */
} fd_sink;

static zip_int64_t fail(fd_sink *sink, int zip_code)
{
    zip_error_set(&sink->error, zip_code, errno);
    return -1;
}

/* Writes all of data[0, n) at `at` in the file. */
static int write_at(int fd, const unsigned char *data, size_t n, uint64_t at)
{
    while (n > 0) {
        ssize_t done = pwrite(fd, data, n, (off_t)at);
        if (done < 0 && errno == EINTR)
            continue;
        if (done <= 0) {
            if (done == 0)
                errno = EIO;
            return -1;
        }
        data += done;
        n -= (size_t)done;
        at += (uint64_t)done;
    }
    return 0;
}

/* Writes the kept bytes to the file; the window then starts at `next`. */
static int flush_kept(fd_sink *sink, uint64_t next)
{
    if (sink->kept_len > 0 && write_at(sink->fd, sink->kept, sink->kept_len, sink->base) < 0)
        return -1;
    sink->kept_len = 0;
    sink->base = next;
    return 0;
}

static void advance(fd_sink *sink, size_t n)
{
    sink->pos += n;
    if (sink->pos > sink->size)
        sink->size = sink->pos;
}

/* Keeps data[0, n) at the window's position pos - base, growing the buffer as needed. */
static int keep(fd_sink *sink, const unsigned char *data, size_t n)
{
    size_t at = (size_t)(sink->pos - sink->base);
    if (at + n > sink->kept_cap) {
        size_t cap = sink->kept_cap ? sink->kept_cap : 64u * 1024u;
        while (cap < at + n)
            cap *= 2;
        if (cap > WINDOW)
            cap = WINDOW;
        unsigned char *grown = realloc(sink->kept, cap);
        if (grown == NULL) {
            errno = ENOMEM;
            return -1;
        }
        sink->kept = grown;
        sink->kept_cap = cap;
    }
    memcpy(sink->kept + at, data, n);
    if (at + n > sink->kept_len)
        sink->kept_len = at + n;
    advance(sink, n);
    return 0;
}

static int sink_write(fd_sink *sink, const unsigned char *data, size_t n)
{
    if (sink->pos < sink->base) {
        /* Behind the window, on the file already: a header being finished. */
        uint64_t room = sink->base - sink->pos;
        size_t part = n < room ? n : (size_t)room;
        if (write_at(sink->fd, data, part, sink->pos) < 0)
            return -1;
        advance(sink, part);
        data += part;
        n -= part;
        if (n == 0)
            return 0;
    }
    if (sink->pos > sink->base + sink->kept_len || sink->pos + n - sink->base > WINDOW) {
        /* Past the kept bytes, or more than the window holds: a new window starts here. */
        if (flush_kept(sink, sink->pos) < 0)
            return -1;
        if (n > WINDOW) {
            if (write_at(sink->fd, data, n, sink->pos) < 0)
                return -1;
            advance(sink, n);
            sink->base = sink->pos;
            return 0;
        }
    }
    return keep(sink, data, n);
}

static zip_int64_t sink_callback(void *state, void *data, zip_uint64_t len, zip_source_cmd_t cmd)
{
    fd_sink *sink = state;

    switch (cmd) {
    /* Reading: the archive as it was when opened, which is always empty. */
    case ZIP_SOURCE_OPEN:
    case ZIP_SOURCE_CLOSE:
        return 0;
    case ZIP_SOURCE_READ:
        return 0;
    case ZIP_SOURCE_SEEK:
        return 0;
    case ZIP_SOURCE_TELL:
        return 0;
    case ZIP_SOURCE_STAT: {
        zip_stat_t *st = ZIP_SOURCE_GET_ARGS(zip_stat_t, data, len, &sink->error);
        if (st == NULL)
            return -1;
        zip_stat_init(st);
        st->valid = ZIP_STAT_SIZE;
        st->size = 0;
        return sizeof *st;
    }

    /* Writing: into the file, which libzip may seek back in to finish headers. */
    case ZIP_SOURCE_BEGIN_WRITE:
    case ZIP_SOURCE_ROLLBACK_WRITE:
    case ZIP_SOURCE_REMOVE:
        sink->kept_len = 0;
        sink->base = sink->pos = sink->size = 0;
        if (ftruncate(sink->fd, 0) != 0)
            return fail(sink, ZIP_ER_WRITE);
        return 0;
    case ZIP_SOURCE_WRITE:
        if (sink_write(sink, data, (size_t)len) < 0)
            return fail(sink, ZIP_ER_WRITE);
        return (zip_int64_t)len;
    case ZIP_SOURCE_SEEK_WRITE: {
        zip_source_args_seek_t *seek =
            ZIP_SOURCE_GET_ARGS(zip_source_args_seek_t, data, len, &sink->error);
        if (seek == NULL)
            return -1;
        int64_t from = seek->whence == SEEK_SET   ? 0
                       : seek->whence == SEEK_CUR ? (int64_t)sink->pos
                       : seek->whence == SEEK_END ? (int64_t)sink->size
                                                  : -1;
        if (from < 0 || (seek->offset < 0 && -seek->offset > from)) {
            zip_error_set(&sink->error, ZIP_ER_INVAL, 0);
            return -1;
        }
        sink->pos = (uint64_t)(from + seek->offset);
        return 0;
    }
    case ZIP_SOURCE_TELL_WRITE:
        return (zip_int64_t)sink->pos;
    case ZIP_SOURCE_COMMIT_WRITE:
        /* Everything on disk before vb_package syncs and renames the file. */
        if (flush_kept(sink, sink->size) < 0)
            return fail(sink, ZIP_ER_WRITE);
        return 0;

    case ZIP_SOURCE_ERROR:
        return zip_error_to_data(&sink->error, data, len);
    case ZIP_SOURCE_FREE:
        free(sink->kept);
        zip_error_fini(&sink->error);
        free(sink);
        return 0;
    case ZIP_SOURCE_SUPPORTS:
        return ZIP_SOURCE_SUPPORTS_WRITABLE;
    default:
        zip_error_set(&sink->error, ZIP_ER_OPNOTSUPP, 0);
        return -1;
    }
}

zip_source_t *vb_zip_fd_sink(int fd, zip_error_t *error)
{
    fd_sink *sink = calloc(1, sizeof *sink);
    if (sink == NULL) {
        zip_error_set(error, ZIP_ER_MEMORY, 0);
        return NULL;
    }
    sink->fd = fd;
    zip_error_init(&sink->error);
    zip_source_t *source = zip_source_function_create(sink_callback, sink, error);
    if (source == NULL) {
        zip_error_fini(&sink->error);
        free(sink);
    }
    return source;
}
