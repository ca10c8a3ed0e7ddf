/* A window over a range of a temporary file, read with pread: the next bytes a decoder takes,
 * fetched a chunk at a time. The row store (row_store.c) and the Word reader's spool
 * (read/office/office_spool.c) decode their records through it. */
#ifndef VB_READ_WINDOW_H
#define VB_READ_WINDOW_H

#include <stddef.h>
#include <stdint.h>

typedef struct {
    int fd;
    uint64_t pos, end;    /* the next byte to fetch from the file; the range's end */
    unsigned char *buf;   /* the bytes fetched; the unread ones from buf[start] to buf[len] */
    size_t start, len, cap;
} vb_read_window;

/* Points the window at bytes [from, end) of `fd`, dropping what it held (its buffer stays). */
void vb_read_window_reset(vb_read_window *w, int fd, uint64_t from, uint64_t end);

/* Makes `n` bytes available at buf[start]. Returns -1 with errno set (EIO when the range or
 * the file ends first). */
int vb_read_window_need(vb_read_window *w, size_t n);

void vb_read_window_free(vb_read_window *w);

#endif
