#define _XOPEN_SOURCE 700 /* pread */
#include "read_window.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "model.h"

#define READ_CHUNK (64u * 1024u)

void vb_read_window_reset(vb_read_window *w, int fd, uint64_t from, uint64_t end)
{
    w->fd = fd;
    w->pos = from;
    w->end = end;
    w->start = w->len = 0;
}

int vb_read_window_need(vb_read_window *w, size_t n)
{
    if (w->len - w->start >= n)
        return 0;
    if (w->start) {
        memmove(w->buf, w->buf + w->start, w->len - w->start);
        w->len -= w->start;
        w->start = 0;
    }
    if (w->cap < n || w->cap < READ_CHUNK) {
        w->cap = n > READ_CHUNK ? n : READ_CHUNK;
        w->buf = vb_xrealloc(w->buf, w->cap);
    }
    while (w->len < n) {
        uint64_t left = w->end - w->pos;
        size_t want = w->cap - w->len < left ? w->cap - w->len : (size_t)left;
        ssize_t got = want ? pread(w->fd, w->buf + w->len, want, (off_t)w->pos) : 0;
        if (got < 0 && errno == EINTR)
            continue;
        if (got <= 0) {
            if (got == 0)
                errno = EIO;
            return -1;
        }
        w->len += (size_t)got;
        w->pos += (uint64_t)got;
    }
    return 0;
}

void vb_read_window_free(vb_read_window *w)
{
    free(w->buf);
    w->buf = NULL;
    w->start = w->len = w->cap = 0;
}
