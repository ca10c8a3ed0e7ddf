/* A deterministic zip package written atomically (see zip_package.h).
 *
 * libzip writes the archive at zip_close() time, into the temporary file of the output
 * (output_file.h: beside the destination, so the final rename stays on one file system)
 * through vb_zip_fd_sink; it is put in place only once zip_close() has succeeded. An output
 * written directly (standard output, a device, a FIFO) cannot seek: the archive is built in
 * an unlinked temporary file and copied out. */
#include "zip_package.h"

#include "atomic_file.h"
#include "output_file.h"
#include "deflate_stream.h"
#include "spool.h"
#include "zip_fd_sink.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdbool.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <zip.h>

/* Every entry is a regular file, rw-r--r--, "made by" Unix. */
#define ENTRY_UNIX_MODE 0100644u

struct vb_package {
    vb_output *out;   /* the destination */
    int fd;           /* the archive being built: the output's temporary file, or (for a
                         direct output) an unlinked file of ours; libzip writes into it */
    bool own_fd;      /* fd is ours to close (a direct output's archive) */
    zip_t *zip;       /* writing into fd until commit or abort */
    /* Copies of the entries' data. libzip only reads them at zip_close(), so they live until
     * the archive is closed or discarded; owning them here (not freep = 1) keeps one owner
     * on every path, including libzip's own failures. */
    void **buffers;
    size_t buffer_count;
    size_t buffer_capacity;
};

static void set_err(char *err, size_t err_size, const char *fmt, ...)
{
    va_list ap;

    if (err == NULL || err_size == 0)
        return;
    va_start(ap, fmt);
    vsnprintf(err, err_size, fmt, ap);
    va_end(ap);
}

static const char *display_name(const vb_package *pkg)
{
    return vb_output_name(pkg->out);
}

/* A file for the archive of a direct output, unlinked at once: nothing is left behind even
 * when a closed pipe kills the process while the archive is copied out. */
static int anonymous_temp(void)
{
    const char *dir = getenv("TMPDIR");
    if (dir == NULL || *dir == '\0')
        dir = "/tmp";
    size_t size = strlen(dir) + sizeof "/.vanban-package.XXXXXX";
    char *path = malloc(size);
    if (path == NULL) {
        errno = ENOMEM;
        return -1;
    }
    snprintf(path, size, "%s/.vanban-package.XXXXXX", dir);
    int fd = mkstemp(path);
    if (fd >= 0)
        (void)unlink(path);
    int saved = errno;
    free(path);
    errno = saved;
    return fd;
}

/* 1980-01-01 00:00, the earliest DOS date, as Office writes. libzip converts a time_t to the
 * DOS date and time with localtime(), so build it with mktime() from local time too: the
 * stored fields are then the same in every time zone. */
/* 1980-01-01 00:00 in local time, as libzip turns it back with localtime. mktime re-reads
 * the time zone each call; one call at a time keeps batch rendering's threads apart. */
static pthread_mutex_t dos_epoch_lock = PTHREAD_MUTEX_INITIALIZER;

static time_t dos_epoch(void)
{
    struct tm tm = {0};
    tm.tm_year = 80;
    tm.tm_mon = 0;
    tm.tm_mday = 1;
    tm.tm_isdst = -1;
    pthread_mutex_lock(&dos_epoch_lock);
    time_t t = mktime(&tm);
    pthread_mutex_unlock(&dos_epoch_lock);
    return t;
}

vb_package *vb_package_open(const char *dest_path, char *err, size_t err_size)
{
    vb_package *pkg = NULL;
    vb_package *result = NULL;

    if (dest_path == NULL || *dest_path == '\0') {
        set_err(err, err_size, "no output file name given");
        goto cleanup;
    }
    if (dest_path[strlen(dest_path) - 1] == '/') {
        set_err(err, err_size, "cannot create %s: %s", dest_path, strerror(EISDIR));
        goto cleanup;
    }
    pkg = calloc(1, sizeof *pkg);
    if (pkg == NULL) {
        set_err(err, err_size, "cannot create %s: %s", dest_path, strerror(ENOMEM));
        goto cleanup;
    }
    pkg->fd = -1;
    char reason[1024];
    pkg->out = vb_output_open(dest_path, reason, sizeof reason);
    if (pkg->out == NULL) {
        set_err(err, err_size, "cannot create %s", reason);
        goto cleanup;
    }
    /* A package is a new file each time: it gets the permissions the umask gives. */
    vb_output_use_new_file_mode(pkg->out);
    if (vb_output_is_direct(pkg->out)) {
        pkg->fd = anonymous_temp();
        pkg->own_fd = true;
        if (pkg->fd < 0) {
            set_err(err, err_size, "cannot create %s: a temporary file: %s", display_name(pkg),
                    strerror(errno));
            goto cleanup;
        }
    } else {
        pkg->fd = vb_output_fd(pkg->out);
    }

    zip_error_t zip_err;
    zip_error_init(&zip_err);
    zip_source_t *sink = vb_zip_fd_sink(pkg->fd, &zip_err);
    if (sink != NULL) {
        pkg->zip = zip_open_from_source(sink, ZIP_CREATE | ZIP_TRUNCATE, &zip_err);
        if (pkg->zip == NULL)
            zip_source_free(sink);
    }
    if (pkg->zip == NULL) {
        set_err(err, err_size, "cannot create %s: %s", display_name(pkg),
                zip_error_strerror(&zip_err));
        zip_error_fini(&zip_err);
        goto cleanup;
    }
    zip_error_fini(&zip_err);
    result = pkg;
    pkg = NULL;

cleanup:
    vb_package_abort(pkg);
    return result;
}

static void set_add_err(const vb_package *pkg, const char *name, const char *reason, char *err,
                        size_t err_size)
{
    set_err(err, err_size, "%s: cannot add %s: %s", display_name(pkg), name, reason);
}

/* How an entry's bytes are stored. */
typedef enum {
    ENTRY_STORED,     /* as they are (ODF's mimetype) */
    ENTRY_PRE_DEFLATED /* the source already gives them deflated; libzip copies them */
} entry_storage;

/* Adds `source` (taken over, freed on failure) as entry `name`, with everything that would
 * otherwise vary between runs or machines fixed. */
static int add_source(vb_package *pkg, const char *name, zip_source_t *source,
                      entry_storage storage, char *err, size_t err_size)
{
    zip_int64_t index = zip_file_add(pkg->zip, name, source, ZIP_FL_ENC_UTF_8);
    if (index < 0) {
        set_add_err(pkg, name, zip_strerror(pkg->zip), err, err_size);
        zip_source_free(source);
        return -1;
    }
    zip_uint64_t entry = (zip_uint64_t)index;
    /* A pre-deflated entry keeps libzip's default method, which takes the source's own. */
    if ((storage == ENTRY_STORED && zip_set_file_compression(pkg->zip, entry, ZIP_CM_STORE, 0) != 0) ||
        zip_file_set_mtime(pkg->zip, entry, dos_epoch(), 0) != 0 ||
        zip_file_set_external_attributes(pkg->zip, entry, 0, ZIP_OPSYS_UNIX,
                                         ENTRY_UNIX_MODE << 16) != 0 ||
        zip_file_extra_field_delete(pkg->zip, entry, ZIP_EXTRA_FIELD_ALL,
                                    ZIP_FL_CENTRAL | ZIP_FL_LOCAL) != 0) {
        set_add_err(pkg, name, zip_strerror(pkg->zip), err, err_size);
        zip_delete(pkg->zip, entry); /* leave no half-configured entry */
        return -1;
    }
    return 0;
}

/* Deflates bytes with the pooled zlib states of deflate_stream.c and adds them as a
 * pre-deflated entry. libzip would start a fresh 256 KiB zlib state for every entry, and
 * the small parts of a package made most of the time of writing it. */
static int add_compressed(vb_package *pkg, const char *name, const void *data, size_t size,
                          char *err, size_t err_size)
{
    vb_deflate_stream *stream = vb_deflate_stream_new(VB_PACKAGE_DEFLATE_LEVEL);
    if (vb_deflate_stream_write(stream, data, size) < 0 || vb_deflate_stream_finish(stream) < 0 ||
        vb_deflate_stream_wait(stream) < 0) {
        const char *why = vb_deflate_stream_error(stream);
        set_add_err(pkg, name, why ? why : "compression failed", err, err_size);
        vb_deflate_stream_free(stream);
        return -1;
    }
    uint32_t crc = vb_deflate_stream_crc(stream);
    uint64_t length = vb_deflate_stream_size(stream);
    int result = vb_package_add_deflated(pkg, name, vb_deflate_stream_take(stream), length, crc,
                                         err, err_size);
    vb_deflate_stream_free(stream);
    return result;
}

int vb_package_add(vb_package *pkg, const char *name, const void *data, size_t size,
                   int compress, char *err, size_t err_size)
{
    void *copy = NULL;
    zip_source_t *source = NULL;
    int result = -1;

    if (pkg == NULL || pkg->zip == NULL || name == NULL || *name == '\0' ||
        (data == NULL && size > 0)) {
        set_err(err, err_size, "invalid zip entry %s", name != NULL ? name : "(null)");
        goto cleanup;
    }
    if (compress)
        return add_compressed(pkg, name, data, size, err, err_size);
    if (pkg->buffer_count == pkg->buffer_capacity) {
        size_t capacity = pkg->buffer_capacity > 0 ? pkg->buffer_capacity * 2 : 16;
        void **bigger = realloc(pkg->buffers, capacity * sizeof *bigger);
        if (bigger == NULL) {
            set_add_err(pkg, name, strerror(ENOMEM), err, err_size);
            goto cleanup;
        }
        pkg->buffers = bigger;
        pkg->buffer_capacity = capacity;
    }
    if (size > 0) {
        copy = malloc(size);
        if (copy == NULL) {
            set_add_err(pkg, name, strerror(ENOMEM), err, err_size);
            goto cleanup;
        }
        memcpy(copy, data, size);
        pkg->buffers[pkg->buffer_count++] = copy;
    }

    source = zip_source_buffer(pkg->zip, copy, size, 0);
    if (source == NULL) {
        set_add_err(pkg, name, zip_strerror(pkg->zip), err, err_size);
        goto cleanup;
    }

    result = add_source(pkg, name, source, ENTRY_STORED, err, err_size);
    source = NULL;

cleanup:
    zip_source_free(source); /* copy stays in pkg->buffers until close or discard */
    return result;
}

/* A libzip source over bytes deflated beforehand: its stat tells libzip they are deflated
 * already (with their length and CRC), so libzip copies them instead of compressing. */
typedef struct {
    vb_spool *spool;    /* owned */
    const char *data;   /* the bytes in memory, or */
    FILE *file;         /* in the spool's file (owned) */
    size_t comp_size;
    size_t read_at;     /* for data */
    uint64_t size;
    uint32_t crc;
    zip_error_t error;
} deflated_source;

static zip_int64_t deflated_callback(void *state, void *data, zip_uint64_t len,
                                     zip_source_cmd_t cmd)
{
    deflated_source *src = state;

    switch (cmd) {
    case ZIP_SOURCE_OPEN:
        src->read_at = 0;
        if (src->file && fseek(src->file, 0, SEEK_SET) != 0) {
            zip_error_set(&src->error, ZIP_ER_SEEK, errno);
            return -1;
        }
        return 0;
    case ZIP_SOURCE_READ:
        if (src->file) {
            size_t got = fread(data, 1, len, src->file);
            if (got < len && ferror(src->file)) {
                zip_error_set(&src->error, ZIP_ER_READ, errno);
                return -1;
            }
            return (zip_int64_t)got;
        } else {
            size_t left = src->comp_size - src->read_at;
            size_t n = len < left ? (size_t)len : left;
            memcpy(data, src->data + src->read_at, n);
            src->read_at += n;
            return (zip_int64_t)n;
        }
    case ZIP_SOURCE_CLOSE:
        return 0;
    case ZIP_SOURCE_STAT: {
        zip_stat_t *st = ZIP_SOURCE_GET_ARGS(zip_stat_t, data, len, &src->error);
        if (st == NULL)
            return -1;
        zip_stat_init(st);
        st->valid = ZIP_STAT_SIZE | ZIP_STAT_COMP_SIZE | ZIP_STAT_COMP_METHOD | ZIP_STAT_CRC |
                    ZIP_STAT_ENCRYPTION_METHOD;
        st->size = src->size;
        st->comp_size = src->comp_size;
        st->comp_method = ZIP_CM_DEFLATE;
        st->crc = src->crc;
        st->encryption_method = ZIP_EM_NONE;
        return sizeof *st;
    }
    case ZIP_SOURCE_ERROR:
        return zip_error_to_data(&src->error, data, len);
    case ZIP_SOURCE_FREE:
        if (src->file)
            fclose(src->file);
        vb_spool_free(src->spool);
        zip_error_fini(&src->error);
        free(src);
        return 0;
    case ZIP_SOURCE_SUPPORTS:
        return ZIP_SOURCE_SUPPORTS_READABLE;
    default:
        zip_error_set(&src->error, ZIP_ER_OPNOTSUPP, 0);
        return -1;
    }
}

int vb_package_add_deflated(vb_package *pkg, const char *name, vb_spool *deflated,
                            uint64_t size, uint32_t crc, char *err, size_t err_size)
{
    deflated_source *state = NULL;
    zip_source_t *source = NULL;
    zip_error_t zip_err;

    zip_error_init(&zip_err);
    if (pkg == NULL || pkg->zip == NULL || name == NULL || *name == '\0' || deflated == NULL) {
        set_err(err, err_size, "invalid zip entry %s", name != NULL ? name : "(null)");
        goto fail;
    }
    state = calloc(1, sizeof *state);
    if (state == NULL) {
        set_add_err(pkg, name, strerror(ENOMEM), err, err_size);
        goto fail;
    }
    zip_error_init(&state->error);
    state->spool = deflated;
    deflated = NULL;
    state->size = size;
    state->crc = crc;
    state->data = vb_spool_take(state->spool, &state->comp_size, &state->file);
    if (state->data == NULL && state->file == NULL) {
        const char *why = vb_spool_error(state->spool);
        set_add_err(pkg, name, why ? why : "I/O error", err, err_size);
        goto fail;
    }
    source = zip_source_function_create(deflated_callback, state, &zip_err);
    if (source == NULL) {
        set_add_err(pkg, name, zip_error_strerror(&zip_err), err, err_size);
        goto fail;
    }
    zip_error_fini(&zip_err);
    return add_source(pkg, name, source, ENTRY_PRE_DEFLATED, err, err_size);

fail:
    if (state != NULL) {
        if (state->file)
            fclose(state->file);
        vb_spool_free(state->spool);
        zip_error_fini(&state->error);
        free(state);
    }
    vb_spool_free(deflated);
    zip_error_fini(&zip_err);
    return -1;
}

/* Copies the finished archive from `fd` to the direct output. */
static int copy_out(int fd, vb_output *out, char *err, size_t err_size)
{
    unsigned char buf[65536];

    if (lseek(fd, 0, SEEK_SET) != 0) {
        set_err(err, err_size, "cannot read the archive back: %s", strerror(errno));
        return -1;
    }
    for (;;) {
        ssize_t got = read(fd, buf, sizeof buf);
        if (got < 0 && errno == EINTR)
            continue;
        if (got < 0) {
            set_err(err, err_size, "cannot read the archive back: %s", strerror(errno));
            return -1;
        }
        if (got == 0)
            break;
        if (vb_write_all(vb_output_fd(out), buf, (size_t)got) != 0) {
            set_err(err, err_size, "cannot write to %s: %s", vb_output_name(out), strerror(errno));
            return -1;
        }
    }
    return 0;
}

int vb_package_commit(vb_package *pkg, char *err, size_t err_size)
{
    int result = -1;

    if (pkg == NULL || pkg->zip == NULL) {
        set_err(err, err_size, "no package to write");
        goto cleanup;
    }
    /* libzip deletes the file of an archive closed with no entries: refuse that clearly. */
    if (zip_get_num_entries(pkg->zip, 0) <= 0) {
        set_err(err, err_size, "cannot write %s: the package has no entries", display_name(pkg));
        goto cleanup;
    }
    if (zip_close(pkg->zip) != 0) {
        /* the archive stays open; vb_package_abort() below discards it */
        set_err(err, err_size, "cannot write %s: %s", display_name(pkg), zip_strerror(pkg->zip));
        goto cleanup;
    }
    pkg->zip = NULL;

    if (vb_output_is_direct(pkg->out)) {
        if (fflush(stdout) != 0 || copy_out(pkg->fd, pkg->out, err, err_size) != 0)
            goto cleanup;
    }
    vb_output *out = pkg->out;
    pkg->out = NULL;
    char reason[1024];
    if (vb_output_commit(out, reason, sizeof reason) != 0) {
        set_err(err, err_size, "cannot write %s", reason);
        goto cleanup;
    }
    if (!pkg->own_fd)
        pkg->fd = -1; /* closed by the output */
    result = 0;

cleanup:
    vb_package_abort(pkg); /* frees pkg; removes the temporary file unless it was renamed */
    return result;
}

void vb_package_abort(vb_package *pkg)
{
    if (pkg == NULL)
        return;
    if (pkg->zip != NULL)
        zip_discard(pkg->zip); /* frees the sink too; the descriptor stays ours */
    if (pkg->own_fd && pkg->fd >= 0)
        close(pkg->fd);
    vb_output_abort(pkg->out); /* removes the temporary file unless it was put in place */
    for (size_t i = 0; i < pkg->buffer_count; i++)
        free(pkg->buffers[i]);
    free(pkg->buffers);
    free(pkg);
}
