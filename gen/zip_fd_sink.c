/* A libzip source that is the archive file itself, open as a file descriptor we own.
 *
 * zip_open() on a path makes libzip build the archive in a temporary file of its own (named
 * with OpenSSL's random generator, whose start-up costs more than writing a short document)
 * and rename it over the path. vb_package already writes into a temporary file it created
 * itself and renames that into place, so libzip is given that file to write into directly:
 * one file, one rename, no random names. The archive always starts empty (vb_package never
 * updates an existing archive), so reading it back is never needed. */
#include "zip_fd_sink.h"

#include <errno.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

typedef struct {
    int fd;            /* borrowed: vb_package closes it */
    zip_error_t error; /* the last failure, for ZIP_SOURCE_ERROR */
} fd_sink;

static zip_int64_t fail(fd_sink *sink, int zip_code)
{
    zip_error_set(&sink->error, zip_code, errno);
    return -1;
}

static int write_all(int fd, const char *data, size_t size)
{
    while (size > 0) {
        ssize_t put = write(fd, data, size);
        if (put < 0 && errno == EINTR)
            continue;
        if (put < 0)
            return -1;
        data += put;
        size -= (size_t)put;
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

    /* Writing: straight into the file, which libzip may seek back in to finish headers. */
    case ZIP_SOURCE_BEGIN_WRITE:
    case ZIP_SOURCE_ROLLBACK_WRITE:
    case ZIP_SOURCE_REMOVE:
        if (ftruncate(sink->fd, 0) != 0 || lseek(sink->fd, 0, SEEK_SET) != 0)
            return fail(sink, ZIP_ER_WRITE);
        return 0;
    case ZIP_SOURCE_WRITE:
        if (write_all(sink->fd, data, len) != 0)
            return fail(sink, ZIP_ER_WRITE);
        return (zip_int64_t)len;
    case ZIP_SOURCE_SEEK_WRITE: {
        zip_source_args_seek_t *seek =
            ZIP_SOURCE_GET_ARGS(zip_source_args_seek_t, data, len, &sink->error);
        if (seek == NULL)
            return -1;
        if (lseek(sink->fd, (off_t)seek->offset, seek->whence) < 0)
            return fail(sink, ZIP_ER_SEEK);
        return 0;
    }
    case ZIP_SOURCE_TELL_WRITE: {
        off_t at = lseek(sink->fd, 0, SEEK_CUR);
        if (at < 0)
            return fail(sink, ZIP_ER_TELL);
        return (zip_int64_t)at;
    }
    case ZIP_SOURCE_COMMIT_WRITE:
        return 0; /* vb_package syncs and renames the file itself */

    case ZIP_SOURCE_ERROR:
        return zip_error_to_data(&sink->error, data, len);
    case ZIP_SOURCE_FREE:
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
