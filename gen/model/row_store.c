#define _XOPEN_SOURCE 700 /* pread, pwrite */
#include "row_store.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "read_window.h"

/* A row on file: flags (1 group, 2 total), line, column, cell count; then per cell: text
 * length, text, colspan, rowspan, line, column, typed_number. All uint32_t in the machine's
 * order: the file lives and dies with this process. */
enum { ROW_GROUP = 1u, ROW_TOTAL = 2u };
#define CELL_FIELDS_AFTER_TEXT 5u
#define WRITE_BUFFER (64u * 1024u)

struct vb_row_store {
    FILE *file;
    unsigned char *row;   /* the row being encoded */
    size_t row_len, row_cap;
    const char *name; /* the positions' file */
    uint64_t size;    /* bytes written */
    size_t count;
    int err;          /* errno of the first failure, 0 if none */
};

struct vb_row_cursor {
    vb_row_store *store;
    size_t next_row;
    vb_read_window win;
    vb_table_row row;
    size_t cell_cap;
    size_t *text_at;      /* where each cell's text starts in `texts` */
    char *texts;          /* the row's texts, each NUL-terminated */
    size_t texts_cap;
};

vb_row_store *vb_row_store_new(const char *file)
{
    /* tmpfile(): created unlinked, so nothing is left behind whatever happens. */
    FILE *f = tmpfile();
    if (!f)
        return NULL;
    vb_row_store *s = vb_xcalloc(1, sizeof *s);
    s->file = f;
    setvbuf(f, NULL, _IOFBF, WRITE_BUFFER);
    s->name = file;
    return s;
}

void vb_row_store_free(vb_row_store *s)
{
    if (!s)
        return;
    fclose(s->file);
    free(s->row);
    free(s);
}

static void put(vb_row_store *s, const void *data, size_t size)
{
    if (s->row_len + size > s->row_cap) {
        s->row_cap = (s->row_len + size) * 2;
        s->row = vb_xrealloc(s->row, s->row_cap);
    }
    memcpy(s->row + s->row_len, data, size);
    s->row_len += size;
}

static void put_u32(vb_row_store *s, uint32_t v)
{
    put(s, &v, sizeof v);
}

int vb_row_store_add(vb_row_store *s, const vb_table_row *row, uint64_t *rowspan_at)
{
    if (s->err)
        return -1;
    s->row_len = 0;
    put_u32(s, (row->is_group ? ROW_GROUP : 0) | (row->is_total ? ROW_TOTAL : 0));
    put_u32(s, row->pos.line);
    put_u32(s, row->pos.column);
    put_u32(s, (uint32_t)row->count);
    for (size_t i = 0; i < row->count; i++) {
        const vb_table_cell *c = &row->cells[i];
        size_t len = strlen(c->text);
        put_u32(s, (uint32_t)len);
        put(s, c->text, len);
        put_u32(s, c->colspan);
        if (rowspan_at)
            rowspan_at[i] = s->size + s->row_len;
        put_u32(s, c->rowspan);
        put_u32(s, c->pos.line);
        put_u32(s, c->pos.column);
        put_u32(s, (uint32_t)c->typed_number);
    }
    if (fwrite(s->row, 1, s->row_len, s->file) != s->row_len) {
        s->err = errno ? errno : EIO;
        return -1;
    }
    s->size += s->row_len;
    s->count++;
    return 0;
}

int vb_row_store_add_rowspan(vb_row_store *s, uint64_t at)
{
    uint32_t v;
    if (s->err)
        return -1;
    if (fflush(s->file) != 0 || pread(fileno(s->file), &v, sizeof v, (off_t)at) != (ssize_t)sizeof v) {
        s->err = errno ? errno : EIO;
        return -1;
    }
    v++;
    if (pwrite(fileno(s->file), &v, sizeof v, (off_t)at) != (ssize_t)sizeof v) {
        s->err = errno ? errno : EIO;
        return -1;
    }
    return 0;
}

size_t vb_row_store_count(const vb_row_store *s)
{
    return s->count;
}

const char *vb_row_store_error(const vb_row_store *s)
{
    return s->err ? strerror(s->err) : NULL;
}

vb_row_cursor *vb_row_cursor_open(vb_row_store *s)
{
    if (s->err)
        return NULL;
    if (fflush(s->file) != 0) {
        s->err = errno ? errno : EIO;
        return NULL;
    }
    vb_row_cursor *c = vb_xcalloc(1, sizeof *c);
    c->store = s;
    vb_read_window_reset(&c->win, fileno(s->file), 0, s->size);
    return c;
}

void vb_row_cursor_close(vb_row_cursor *c)
{
    if (!c)
        return;
    vb_read_window_free(&c->win);
    free(c->row.cells);
    free(c->text_at);
    free(c->texts);
    free(c);
}

/* Makes `n` bytes available at win.buf + win.start. */
static int need(vb_row_cursor *c, size_t n)
{
    if (vb_read_window_need(&c->win, n) < 0) {
        c->store->err = errno ? errno : EIO;
        return -1;
    }
    return 0;
}

static int take_u32(vb_row_cursor *c, uint32_t *v)
{
    if (need(c, sizeof *v) < 0)
        return -1;
    memcpy(v, c->win.buf + c->win.start, sizeof *v);
    c->win.start += sizeof *v;
    return 0;
}

int vb_row_cursor_next(vb_row_cursor *c, const vb_table_row **out)
{
    if (c->next_row >= c->store->count)
        return 0;
    uint32_t flags, line, column, count;
    if (take_u32(c, &flags) < 0 || take_u32(c, &line) < 0 || take_u32(c, &column) < 0 ||
        take_u32(c, &count) < 0)
        return -1;
    vb_table_row *row = &c->row;
    if (count > c->cell_cap) {
        c->cell_cap = count;
        row->cells = vb_xrealloc(row->cells, c->cell_cap * sizeof *row->cells);
        c->text_at = vb_xrealloc(c->text_at, c->cell_cap * sizeof *c->text_at);
    }
    row->is_group = (flags & ROW_GROUP) != 0;
    row->is_total = (flags & ROW_TOTAL) != 0;
    row->pos = (vb_pos){c->store->name, line, column};
    row->count = count;
    size_t used = 0;
    for (size_t i = 0; i < count; i++) {
        uint32_t len, fields[CELL_FIELDS_AFTER_TEXT];
        if (take_u32(c, &len) < 0 || need(c, len) < 0)
            return -1;
        if (used + len + 1 > c->texts_cap) {
            c->texts_cap = (used + len + 1) * 2;
            c->texts = vb_xrealloc(c->texts, c->texts_cap);
        }
        if (len)
            memcpy(c->texts + used, c->win.buf + c->win.start, len);
        c->texts[used + len] = '\0';
        c->win.start += len;
        for (size_t k = 0; k < CELL_FIELDS_AFTER_TEXT; k++)
            if (take_u32(c, &fields[k]) < 0)
                return -1;
        vb_table_cell *cell = &row->cells[i];
        c->text_at[i] = used;
        cell->colspan = fields[0];
        cell->rowspan = fields[1];
        cell->pos = (vb_pos){c->store->name, fields[2], fields[3]};
        cell->typed_number = (int)fields[4];
        used += len + 1;
    }
    for (size_t i = 0; i < count; i++)
        row->cells[i].text = c->texts + c->text_at[i];
    c->next_row++;
    *out = row;
    return 1;
}
