/* A libzip source that is the archive file itself, open as a file descriptor we own.
 *
 * zip_open() on a path makes libzip build the archive in a temporary file of its own (named
 * with OpenSSL's random generator, whose start-up costs more than writing a short document)
 * and rename it over the path. vb_package already writes into a temporary file it created
 * itself and renames that into place, so libzip is given that file to write into directly:
 * one file, one rename, no random names. The archive always starts empty (vb_package never
 * updates an existing archive), so reading it back is never needed. libzip writes an entry
 * in many small pieces and asks for the position often: the writes go through a stdio
 * stream on a duplicate of the descriptor, so they cost a copy, not a system call each. */
#include "zip_fd_sink.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

typedef struct {
    int fd;            /* borrowed: vb_package closes it */
    FILE *out;         /* on a duplicate of fd; owned */
    zip_error_t error; /* the last failure, for ZIP_SOURCE_ERROR */
} fd_sink;

static zip_int64_t fail(fd_sink *sink, int zip_code)
{
    zip_error_set(&sink->error, zip_code, errno);
    return -1;
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

    /* Writing: straight into the file, which libzip may seek back in to finish headers. */
    case ZIP_SOURCE_BEGIN_WRITE:
    case ZIP_SOURCE_ROLLBACK_WRITE:
    case ZIP_SOURCE_REMOVE:
        if (fflush(sink->out) != 0 || ftruncate(sink->fd, 0) != 0 ||
            fseeko(sink->out, 0, SEEK_SET) != 0)
            return fail(sink, ZIP_ER_WRITE);
        return 0;
    case ZIP_SOURCE_WRITE:
        if (fwrite(data, 1, len, sink->out) != len)
            return fail(sink, ZIP_ER_WRITE);
        return (zip_int64_t)len;
    case ZIP_SOURCE_SEEK_WRITE: {
        zip_source_args_seek_t *seek =
            ZIP_SOURCE_GET_ARGS(zip_source_args_seek_t, data, len, &sink->error);
        if (seek == NULL)
            return -1;
        if (fseeko(sink->out, (off_t)seek->offset, seek->whence) != 0)
            return fail(sink, ZIP_ER_SEEK);
        return 0;
    }
    case ZIP_SOURCE_TELL_WRITE: {
        off_t at = ftello(sink->out);
        if (at < 0)
            return fail(sink, ZIP_ER_TELL);
        return (zip_int64_t)at;
    }
    case ZIP_SOURCE_COMMIT_WRITE:
        /* Everything on disk before vb_package syncs and renames the file. */
        if (fflush(sink->out) != 0)
            return fail(sink, ZIP_ER_WRITE);
        return 0;

    case ZIP_SOURCE_ERROR:
        return zip_error_to_data(&sink->error, data, len);
    case ZIP_SOURCE_FREE:
        fclose(sink->out);
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
    int copy = dup(fd);
    sink->out = copy >= 0 ? fdopen(copy, "w+b") : NULL;
    if (sink->out == NULL) {
        zip_error_set(error, ZIP_ER_OPEN, errno);
        if (copy >= 0)
            close(copy);
        free(sink);
        return NULL;
    }
    zip_error_init(&sink->error);
    zip_source_t *source = zip_source_function_create(sink_callback, sink, error);
    if (source == NULL) {
        fclose(sink->out);
        zip_error_fini(&sink->error);
        free(sink);
    }
    return source;
}
