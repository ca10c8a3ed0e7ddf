/* The template store: the built-in parts, each optionally replaced by a file of the same
 * name under an override directory (`--template DIR`). */
#include "templates.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "templates_builtin.h"

struct vb_template_store {
    vb_template_part *parts; /* `count` parts in package order; names are the built-in ones */
    unsigned char **owned;   /* per part: the buffer read from the override dir, or NULL */
    size_t count;
};

typedef struct {
    const char *format;
    const vb_template_part *parts;
    const size_t *count;
} builtin_format;

/* Pointers to the counts, not values: the counts live in another translation unit. */
static const builtin_format builtin_formats[] = {
    {"docx", vb_builtin_docx_parts, &vb_builtin_docx_part_count},
    {"odt", vb_builtin_odt_parts, &vb_builtin_odt_part_count},
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

static const builtin_format *find_format(const char *format)
{
    for (size_t i = 0; i < sizeof builtin_formats / sizeof builtin_formats[0]; i++) {
        if (strcmp(builtin_formats[i].format, format) == 0)
            return &builtin_formats[i];
    }
    return NULL;
}

/* Read the whole of `path` into a new NUL-terminated buffer (`*out`, owned by the caller).
 * Returns 1 when read, 0 when the file does not exist (the caller falls back to the built-in
 * part), -1 with `err` on any other error. */
static int read_override(const char *path, unsigned char **out, size_t *out_size, char *err,
                         size_t err_size)
{
    FILE *file = NULL;
    unsigned char *buf = NULL;
    size_t size = 0;
    size_t capacity = 4096;
    int result = -1;

    *out = NULL;
    *out_size = 0;
    file = fopen(path, "rb");
    if (file == NULL) {
        if (errno == ENOENT) {
            result = 0;
            goto cleanup;
        }
        set_err(err, err_size, "cannot open template file %s: %s", path, strerror(errno));
        goto cleanup;
    }
    buf = malloc(capacity);
    if (buf == NULL) {
        set_err(err, err_size, "cannot read template file %s: %s", path, strerror(ENOMEM));
        goto cleanup;
    }
    for (;;) {
        /* Keep one byte spare for the terminating NUL. */
        if (capacity - size < 2) {
            unsigned char *bigger = realloc(buf, capacity * 2);
            if (bigger == NULL) {
                set_err(err, err_size, "cannot read template file %s: %s", path,
                        strerror(ENOMEM));
                goto cleanup;
            }
            buf = bigger;
            capacity *= 2;
        }
        size_t got = fread(buf + size, 1, capacity - size - 1, file);
        size += got;
        if (got == 0) {
            if (ferror(file)) {
                /* e.g. EISDIR when a directory stands where the part should be */
                set_err(err, err_size, "cannot read template file %s: %s", path,
                        strerror(errno));
                goto cleanup;
            }
            break;
        }
    }
    buf[size] = '\0';
    *out = buf;
    *out_size = size;
    buf = NULL;
    result = 1;

cleanup:
    free(buf);
    if (file != NULL)
        fclose(file);
    return result;
}

vb_template_store *vb_template_store_load(const char *format, const char *override_dir,
                                          char *err, size_t err_size)
{
    const builtin_format *builtin = NULL;
    vb_template_store *store = NULL;
    vb_template_store *result = NULL;
    char *path = NULL;

    if (format == NULL || (builtin = find_format(format)) == NULL) {
        set_err(err, err_size, "unknown template format '%s' (known: docx, odt)",
                format != NULL ? format : "(null)");
        goto cleanup;
    }
    if (override_dir != NULL) {
        /* A mistyped --template DIR must not silently render with the built-in parts. */
        struct stat st;
        if (stat(override_dir, &st) != 0) {
            set_err(err, err_size, "template directory %s: %s", override_dir, strerror(errno));
            goto cleanup;
        }
        if (!S_ISDIR(st.st_mode)) {
            set_err(err, err_size, "template directory %s: %s", override_dir,
                    strerror(ENOTDIR));
            goto cleanup;
        }
    }

    store = calloc(1, sizeof *store);
    if (store != NULL) {
        store->count = *builtin->count;
        store->parts = calloc(store->count, sizeof *store->parts);
        store->owned = calloc(store->count, sizeof *store->owned);
    }
    if (store == NULL || store->parts == NULL || store->owned == NULL) {
        set_err(err, err_size, "cannot load the %s templates: %s", format, strerror(ENOMEM));
        goto cleanup;
    }

    for (size_t i = 0; i < store->count; i++) {
        const vb_template_part *part = &builtin->parts[i];

        store->parts[i] = *part;
        if (override_dir == NULL)
            continue;

        size_t path_size = strlen(override_dir) + 1 + strlen(part->name) + 1;
        free(path);
        path = malloc(path_size);
        if (path == NULL) {
            set_err(err, err_size, "cannot load the %s templates: %s", format, strerror(ENOMEM));
            goto cleanup;
        }
        snprintf(path, path_size, "%s/%s", override_dir, part->name);

        unsigned char *data = NULL;
        size_t size = 0;
        int found = read_override(path, &data, &size, err, err_size);
        if (found < 0)
            goto cleanup;
        if (found > 0) {
            store->owned[i] = data;
            store->parts[i].data = data;
            store->parts[i].size = size;
        }
    }
    result = store;
    store = NULL;

cleanup:
    free(path);
    vb_template_store_free(store);
    return result;
}

void vb_template_store_free(vb_template_store *store)
{
    if (store == NULL)
        return;
    if (store->owned != NULL) {
        for (size_t i = 0; i < store->count; i++)
            free(store->owned[i]);
    }
    free(store->owned);
    free(store->parts);
    free(store);
}

const vb_template_part *vb_template_store_parts(const vb_template_store *store, size_t *count)
{
    if (store == NULL) {
        if (count != NULL)
            *count = 0;
        return NULL;
    }
    if (count != NULL)
        *count = store->count;
    return store->parts;
}

const vb_template_part *vb_template_store_find(const vb_template_store *store, const char *name)
{
    if (store == NULL || name == NULL)
        return NULL;
    for (size_t i = 0; i < store->count; i++) {
        if (strcmp(store->parts[i].name, name) == 0)
            return &store->parts[i];
    }
    return NULL;
}
