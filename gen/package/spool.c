#include "spool.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "model/model.h"

/* Parts below this stay in memory: every ordinary document, and no file is created. */
#define MEMORY_LIMIT (8u * 1024u * 1024u)

struct vb_spool {
    char *data;
    size_t len, cap;
    FILE *file;
    size_t file_size;
    int err;     /* errno of the first failure, 0 if none */
};

vb_spool *vb_spool_new(void)
{
    return vb_xcalloc(1, sizeof(vb_spool));
}

void vb_spool_free(vb_spool *s)
{
    if (!s)
        return;
    if (s->file)
        fclose(s->file);
    free(s->data);
    free(s);
}

static int spill(vb_spool *s)
{
    /* tmpfile(): created unlinked, so nothing is left behind whatever happens. */
    s->file = tmpfile();
    if (!s->file || (s->len && fwrite(s->data, 1, s->len, s->file) != s->len)) {
        s->err = errno ? errno : EIO;
        return -1;
    }
    s->file_size = s->len;
    free(s->data);
    s->data = NULL;
    s->len = s->cap = 0;
    return 0;
}

int vb_spool_write(vb_spool *s, const void *data, size_t size)
{
    if (s->err)
        return -1;
    if (!s->file && s->len + size > MEMORY_LIMIT && spill(s) < 0)
        return -1;
    if (s->file) {
        if (fwrite(data, 1, size, s->file) != size) {
            s->err = errno ? errno : EIO;
            return -1;
        }
        s->file_size += size;
        return 0;
    }
    if (s->len + size > s->cap) {
        size_t cap = s->cap ? s->cap : 64 * 1024;
        while (cap < s->len + size)
            cap *= 2;
        s->data = vb_xrealloc(s->data, cap);
        s->cap = cap;
    }
    memcpy(s->data + s->len, data, size);
    s->len += size;
    return 0;
}

const char *vb_spool_take(vb_spool *s, size_t *size, FILE **file)
{
    *file = NULL;
    if (!s->file) {
        *size = s->len;
        return s->data ? s->data : "";
    }
    if (fflush(s->file) != 0 || fseek(s->file, 0, SEEK_SET) != 0) {
        s->err = errno ? errno : EIO;
        *size = 0;
        return NULL;
    }
    *size = s->file_size;
    *file = s->file;
    s->file = NULL;
    return NULL;
}

const char *vb_spool_error(const vb_spool *s)
{
    return s->err ? strerror(s->err) : NULL;
}
