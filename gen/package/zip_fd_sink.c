/* A libzip source that is the archive file itself, open as a file descriptor we own.
 *
 * zip_open() on a path makes libzip build the archive in a temporary file of its own (named
 * with OpenSSL's random generator, whose start-up costs more than writing a short document)
 * and rename it over the path. vb_package already writes into a temporary file it created
 * itself and renames that into place, so libzip is given that file to write into directly:
 * one file, one rename, no random names. The archive always starts empty (vb_package never
 * updates an existing archive), so reading it back is never needed.
 *
 * libzip writes each entry in small pieces (its local header, the data, then a seek back to
 * finish the header and a seek on to the end) and asks for the position often. The bytes
 * since the last write to the file are held in a window of at most WINDOW_MAX bytes, where
 * those seeks cost nothing: a short document's archive reaches the file in one write at the
 * end. A stdio stream made about 60 system calls for one (it flushes at every seek), which
 * cost a batch of short documents a fifth of its time. */
#include "zip_fd_sink.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <unistd.h>

#define WINDOW_MAX (1u << 20)

typedef struct {
    int fd;              /* borrowed: vb_package closes it */
    unsigned char *held; /* the window: file bytes [base, base + len) not yet written */
    size_t len, cap;
    off_t base;
    off_t pos;           /* where the next write goes */
    off_t end;           /* the archive's length so far */
    zip_error_t error;   /* the last failure, for ZIP_SOURCE_ERROR */
} fd_sink;

static zip_int64_t fail(fd_sink *sink, int zip_code, int sys_errno)
{
    zip_error_set(&sink->error, zip_code, sys_errno);
    return -1;
}

static int pwrite_all(int fd, const unsigned char *p, size_t n, off_t at)
{
    while (n > 0) {
        ssize_t done = pwrite(fd, p, n, at);
        if (done < 0 && errno == EINTR)
            continue;
        if (done <= 0)
            return -1;
        p += done;
        n -= (size_t)done;
        at += done;
    }
    return 0;
}

/* Writes the window to the file and empties it. */
static int flush_window(fd_sink *sink)
{
    if (sink->len > 0 && pwrite_all(sink->fd, sink->held, sink->len, sink->base) != 0)
        return -1;
    sink->len = 0;
    return 0;
}

static int sink_write(fd_sink *sink, const unsigned char *data, size_t n)
{
    size_t from = (size_t)(sink->pos - sink->base);
    int fits = sink->pos >= sink->base && from <= sink->len && n <= WINDOW_MAX - from;
    if (!fits) { /* elsewhere in the file, or past the window: a new window starts here */
        if (flush_window(sink) != 0)
            return -1;
        sink->base = sink->pos;
        from = 0;
        if (n > WINDOW_MAX) {
            if (pwrite_all(sink->fd, data, n, sink->pos) != 0)
                return -1;
            sink->base = sink->pos + (off_t)n;
            n = 0;
        }
    }
    if (n > 0) {
        if (from + n > sink->cap) {
            size_t cap = sink->cap ? sink->cap : 64 * 1024;
            while (cap < from + n)
                cap *= 2;
            unsigned char *grown = realloc(sink->held, cap);
            if (grown == NULL) {
                errno = ENOMEM;
                return -1;
            }
            sink->held = grown;
            sink->cap = cap;
        }
        memcpy(sink->held + from, data, n);
        if (from + n > sink->len)
            sink->len = from + n;
    }
    return 0;
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

    /* Writing: through the window into the file, which libzip seeks back in to finish headers. */
    case ZIP_SOURCE_BEGIN_WRITE:
    case ZIP_SOURCE_ROLLBACK_WRITE:
    case ZIP_SOURCE_REMOVE:
        sink->len = 0;
        sink->base = sink->pos = sink->end = 0;
        if (ftruncate(sink->fd, 0) != 0)
            return fail(sink, ZIP_ER_WRITE, errno);
        return 0;
    case ZIP_SOURCE_WRITE:
        if (sink_write(sink, data, len) != 0)
            return fail(sink, ZIP_ER_WRITE, errno);
        sink->pos += (off_t)len;
        if (sink->pos > sink->end)
            sink->end = sink->pos;
        return (zip_int64_t)len;
    case ZIP_SOURCE_SEEK_WRITE: {
        zip_source_args_seek_t *seek =
            ZIP_SOURCE_GET_ARGS(zip_source_args_seek_t, data, len, &sink->error);
        if (seek == NULL)
            return -1;
        off_t from = seek->whence == SEEK_SET   ? 0
                     : seek->whence == SEEK_CUR ? sink->pos
                     : seek->whence == SEEK_END ? sink->end
                                                : -1;
        if (from < 0 || (seek->offset < 0 && -seek->offset > from))
            return fail(sink, ZIP_ER_SEEK, EINVAL);
        sink->pos = from + (off_t)seek->offset;
        return 0;
    }
    case ZIP_SOURCE_TELL_WRITE:
        return (zip_int64_t)sink->pos;
    case ZIP_SOURCE_COMMIT_WRITE:
        /* Everything in the file before vb_package syncs and renames it. */
        if (flush_window(sink) != 0)
            return fail(sink, ZIP_ER_WRITE, errno);
        return 0;

    case ZIP_SOURCE_ERROR:
        return zip_error_to_data(&sink->error, data, len);
    case ZIP_SOURCE_FREE:
        free(sink->held);
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
