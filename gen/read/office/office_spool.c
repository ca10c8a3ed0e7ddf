#include "office_spool.h"

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "model/model.h"
#include "model/read_window.h"

/* On file, an item is its kind (one byte), then:
 *   OF_ROW_BEGIN: whether what came before is forgotten here, then as OF_CELL_BEGIN;
 *   OF_CELL_BEGIN: the five fields of of_struct;
 *   OF_PARA: number, flags, list level, section, the formatting (or which of those seen
 *     before), the text, style id, style name and label, then the runs (text, flags, size,
 *     font);
 *   OF_CELL_END, OF_ROW_END: nothing.
 * Numbers are variable-length (7 bits a byte). The cells of a table repeat their style,
 * formatting and font: each is written once, then as "the same as before". That memory
 * starts afresh with the first row of each OF_SPOOLED item and with every marked row, where
 * of_spool_paragraph may start reading. The file lives and dies with this process:
 * formatting is kept as its bytes. */

#define WRITE_BUFFER (64u * 1024u)
#define ROWS_PER_MARK 64u /* how far of_spool_paragraph reads at most, in rows */

enum { SLOT_STYLE_ID, SLOT_STYLE_NAME, SLOT_LABEL, SLOT_FONT, SLOT_COUNT };
enum { PARA_IN_NOTE = 1u, PARA_IN_TEXTBOX = 2u, PARA_DRAWN_RULE = 4u, PARA_PAGE_BREAK = 8u };
/* A string: 0 none; 1 the same as the one before (or, for a run, the paragraph's text);
 * else its length + 2, then its bytes. */
enum { STR_NONE = 0, STR_SAME = 1, STR_BYTES = 2 };
#define FORMATS_KEPT 8 /* paragraph formattings remembered (a table's columns differ in theirs) */

typedef struct {
    unsigned long long offset; /* a row's first byte */
    unsigned first_paragraph;  /* the number of its first paragraph */
} row_mark;

typedef struct {
    unsigned char *data;
    size_t len, cap;
} bytes;

/* What was written since the last fresh row, which later items refer to. */
typedef struct {
    bytes before[SLOT_COUNT]; /* the value before, per slot (no NUL) */
    int has_before[SLOT_COUNT];
    of_para_format formats[FORMATS_KEPT];
    int format_count;
    double size;
    int has_size;
} context;

struct of_spool {
    FILE *file;
    unsigned long long size; /* bytes written */
    int err;                 /* errno of the first failure, 0 if none */
    bytes row;               /* the row being encoded */
    context written;
    int fresh_next;          /* the next row starts an OF_SPOOLED item */
    size_t rows_since_mark;
    row_mark *marks;
    size_t mark_count, mark_cap;
    of_spool_cursor *lookup; /* of_spool_paragraph's */
};

struct of_spool_cursor {
    of_spool *spool;
    vb_read_window win;          /* over the range being read */
    int failed;
    of_item item;
    bytes texts;                 /* the paragraph's strings, each NUL-terminated */
    size_t text_at, slot_at[SLOT_COUNT - 1];
    of_run *runs;
    size_t run_cap;
    size_t *run_text_at, *run_font_at;
    context read;
};

#define NO_STRING ((size_t)-1)

static void bytes_reserve(bytes *b, size_t n)
{
    if (b->len + n > b->cap) {
        b->cap = (b->len + n) * 2 + 64;
        b->data = vb_xrealloc(b->data, b->cap);
    }
}

static void bytes_add(bytes *b, const void *data, size_t n)
{
    if (n == 0)
        return;
    bytes_reserve(b, n);
    memcpy(b->data + b->len, data, n);
    b->len += n;
}

static void context_reset(context *x)
{
    memset(x->has_before, 0, sizeof x->has_before);
    x->format_count = 0;
    x->has_size = 0;
}

static void context_free(context *x)
{
    for (int k = 0; k < SLOT_COUNT; k++)
        free(x->before[k].data);
}

static void context_remember(context *x, int slot, const char *s, size_t len)
{
    x->before[slot].len = 0;
    bytes_add(&x->before[slot], s, len);
    x->has_before[slot] = 1;
}

static int context_same(const context *x, int slot, const char *s)
{
    size_t n = strlen(s);
    return x->has_before[slot] && x->before[slot].len == n && memcmp(x->before[slot].data, s, n) == 0;
}

of_spool *of_spool_new(void)
{
    /* tmpfile(): created unlinked, so nothing is left behind whatever happens. */
    FILE *f = tmpfile();
    if (!f)
        return NULL;
    of_spool *s = vb_xcalloc(1, sizeof *s);
    s->file = f;
    setvbuf(f, NULL, _IOFBF, WRITE_BUFFER);
    s->rows_since_mark = ROWS_PER_MARK;
    s->fresh_next = 1;
    return s;
}

void of_spool_free(of_spool *s)
{
    if (!s)
        return;
    of_spool_close(s->lookup);
    fclose(s->file);
    free(s->row.data);
    context_free(&s->written);
    free(s->marks);
    free(s);
}

const char *of_spool_error(const of_spool *s)
{
    return s && s->err ? strerror(s->err) : NULL;
}

int of_spool_flush(of_spool *s)
{
    if (!s->err && fflush(s->file) != 0)
        s->err = errno ? errno : EIO;
    return s->err ? -1 : 0;
}

/* ---- writing ---- */

static void put_number(bytes *b, unsigned long long v)
{
    unsigned char out[10];
    size_t n = 0;
    do {
        out[n] = (unsigned char)(v & 0x7f);
        v >>= 7;
        if (v)
            out[n] |= 0x80;
        n++;
    } while (v);
    bytes_add(b, out, n);
}

static void put_int(bytes *b, long long v)
{
    put_number(b, v < 0 ? ((unsigned long long)(-(v + 1)) << 1) | 1u : (unsigned long long)v << 1);
}

/* `s`, or "the same" when it equals `same` (a run's text: the paragraph's). */
static void put_string(bytes *b, const char *s, const char *same)
{
    if (!s) {
        put_number(b, STR_NONE);
    } else if (same && strcmp(s, same) == 0) {
        put_number(b, STR_SAME);
    } else {
        size_t n = strlen(s);
        put_number(b, n + STR_BYTES);
        bytes_add(b, s, n);
    }
}

/* `s` in `slot`, or "the same" as the value before in that slot. */
static void put_slot(bytes *b, context *x, int slot, const char *s)
{
    if (!s) {
        put_number(b, STR_NONE);
        x->has_before[slot] = 0;
    } else if (context_same(x, slot, s)) {
        put_number(b, STR_SAME);
    } else {
        size_t n = strlen(s);
        put_number(b, n + STR_BYTES);
        bytes_add(b, s, n);
        context_remember(x, slot, s, n);
    }
}

static int same_format(const of_para_format *a, const of_para_format *b)
{
    return a->align == b->align && a->indent_left == b->indent_left && a->indent_right == b->indent_right &&
           a->indent_first == b->indent_first && a->space_before == b->space_before &&
           a->space_after == b->space_after && a->line_240ths == b->line_240ths &&
           a->border_bottom == b->border_bottom && a->border_box == b->border_box &&
           a->keep_next == b->keep_next && a->tab_stops == b->tab_stops &&
           a->outline_level == b->outline_level && a->style_flags == b->style_flags &&
           a->style_size_pt == b->style_size_pt;
}

static void put_para(bytes *b, const of_para *p, context *x)
{
    put_number(b, p->number);
    put_number(b, (p->in_note ? PARA_IN_NOTE : 0) | (p->in_textbox ? PARA_IN_TEXTBOX : 0) |
                      (p->drawn_rule ? PARA_DRAWN_RULE : 0) | (p->page_break_before ? PARA_PAGE_BREAK : 0));
    put_int(b, p->list_level);
    put_int(b, p->section);
    /* 0: a new formatting follows; k: the k-th one kept. */
    int known = 0;
    while (known < x->format_count && !same_format(&x->formats[known], &p->fmt))
        known++;
    if (known < x->format_count) {
        put_number(b, (unsigned)known + 1);
    } else {
        put_number(b, 0);
        bytes_add(b, &p->fmt, sizeof p->fmt);
        if (x->format_count < FORMATS_KEPT)
            x->formats[x->format_count++] = p->fmt;
    }
    put_string(b, p->text, NULL);
    put_slot(b, x, SLOT_STYLE_ID, p->style_id);
    put_slot(b, x, SLOT_STYLE_NAME, p->style_name);
    put_slot(b, x, SLOT_LABEL, p->label);
    put_number(b, p->run_count);
    for (size_t i = 0; i < p->run_count; i++) {
        const of_run *r = &p->runs[i];
        put_string(b, r->text, p->text);
        put_number(b, r->flags);
        if (x->has_size && x->size == r->size_pt) {
            put_number(b, 0);
        } else {
            put_number(b, 1);
            bytes_add(b, &r->size_pt, sizeof r->size_pt);
            x->size = r->size_pt;
            x->has_size = 1;
        }
        put_slot(b, x, SLOT_FONT, r->font);
    }
}

void of_spool_start(of_spool *s, of_spooled *into)
{
    memset(into, 0, sizeof *into);
    into->offset = s->size;
    s->fresh_next = 1;
}

int of_spool_continues(const of_spool *s, const of_spooled *into)
{
    return into->offset + into->size == s->size;
}

int of_spool_add_row(of_spool *s, const of_item *items, size_t count, of_spooled *into)
{
    bytes *b = &s->row;
    b->len = 0;
    /* A fresh row where a new item starts and where the next mark may go. */
    int fresh = s->fresh_next || s->rows_since_mark >= ROWS_PER_MARK;
    if (fresh)
        context_reset(&s->written);
    s->fresh_next = 0;
    unsigned first = 0, last = 0;
    for (size_t i = 0; i < count; i++) {
        const of_item *it = &items[i];
        unsigned char kind = (unsigned char)it->kind;
        bytes_add(b, &kind, 1);
        if (it->kind == OF_ROW_BEGIN)
            put_number(b, i == 0 && fresh);
        if (it->kind == OF_ROW_BEGIN || it->kind == OF_CELL_BEGIN) {
            const of_struct *t = &it->u.s;
            put_number(b, t->colspan);
            put_int(b, t->vmerge);
            put_int(b, t->header);
            put_int(b, t->bordered);
            put_int(b, t->columns);
        } else if (it->kind == OF_PARA) {
            put_para(b, &it->u.para, &s->written);
            if (!first)
                first = it->u.para.number;
            last = it->u.para.number;
        }
    }
    if (first && fresh && s->rows_since_mark >= ROWS_PER_MARK) {
        if (s->mark_count == s->mark_cap) {
            s->mark_cap = s->mark_cap ? 2 * s->mark_cap : 64;
            s->marks = vb_xrealloc(s->marks, s->mark_cap * sizeof *s->marks);
        }
        s->marks[s->mark_count++] = (row_mark){s->size, first};
        s->rows_since_mark = 0;
    }
    s->rows_since_mark++;
    if (!s->err && fwrite(b->data, 1, b->len, s->file) != b->len)
        s->err = errno ? errno : EIO;
    if (s->err)
        return -1;
    s->size += b->len;
    into->size += b->len;
    into->rows++;
    if (first) {
        if (!into->first_paragraph)
            into->first_paragraph = first;
        into->last_paragraph = last;
    }
    return 0;
}

/* ---- reading ---- */

static void cursor_reset(of_spool_cursor *c, unsigned long long from, unsigned long long end)
{
    vb_read_window_reset(&c->win, fileno(c->spool->file), from, end);
    c->failed = 0;
    context_reset(&c->read);
}

of_spool_cursor *of_spool_open(of_spool *s, const of_spooled *what)
{
    if (of_spool_flush(s) < 0)
        return NULL;
    of_spool_cursor *c = vb_xcalloc(1, sizeof *c);
    c->spool = s;
    cursor_reset(c, what->offset, what->offset + what->size);
    return c;
}

void of_spool_close(of_spool_cursor *c)
{
    if (!c)
        return;
    vb_read_window_free(&c->win);
    free(c->texts.data);
    free(c->runs);
    free(c->run_text_at);
    free(c->run_font_at);
    context_free(&c->read);
    free(c);
}

/* Makes `n` bytes available at win.buf + win.start; -1 when the range or the file ends
 * first. */
static int need(of_spool_cursor *c, size_t n)
{
    if (vb_read_window_need(&c->win, n) < 0) {
        if (!c->spool->err)
            c->spool->err = errno ? errno : EIO;
        c->failed = 1;
        return -1;
    }
    return 0;
}

static unsigned long long take_number(of_spool_cursor *c)
{
    unsigned long long v = 0;
    for (int shift = 0; shift < 64; shift += 7) {
        if (need(c, 1) < 0)
            return 0;
        unsigned char byte = c->win.buf[c->win.start++];
        v |= (unsigned long long)(byte & 0x7f) << shift;
        if (!(byte & 0x80))
            return v;
    }
    c->failed = 1;
    return 0;
}

static long long take_int(of_spool_cursor *c)
{
    unsigned long long v = take_number(c);
    return v & 1u ? -(long long)(v >> 1) - 1 : (long long)(v >> 1);
}

static void take_raw(of_spool_cursor *c, void *out, size_t n)
{
    if (need(c, n) < 0) {
        memset(out, 0, n);
        return;
    }
    memcpy(out, c->win.buf + c->win.start, n);
    c->win.start += n;
}

/* A string into c->texts (its offset, or NO_STRING); "the same" is `same_at` in c->texts,
 * or the slot's value before when `slot` ≥ 0. */
static size_t take_string(of_spool_cursor *c, int slot, size_t same_at)
{
    unsigned long long code = take_number(c);
    size_t at = c->texts.len;
    if (code == STR_NONE) {
        if (slot >= 0)
            c->read.has_before[slot] = 0;
        return NO_STRING;
    }
    if (code == STR_SAME) {
        if (slot >= 0 && c->read.has_before[slot]) {
            bytes_add(&c->texts, c->read.before[slot].data, c->read.before[slot].len);
        } else if (slot < 0 && same_at != NO_STRING) {
            /* A copy within the buffer: room first, as growing it moves the source. */
            size_t n = strlen((const char *)c->texts.data + same_at);
            bytes_reserve(&c->texts, n);
            memcpy(c->texts.data + c->texts.len, c->texts.data + same_at, n);
            c->texts.len += n;
        } else {
            c->failed = 1;
        }
    } else {
        size_t n = (size_t)(code - STR_BYTES);
        if (need(c, n) < 0)
            return NO_STRING;
        bytes_add(&c->texts, c->win.buf + c->win.start, n);
        c->win.start += n;
    }
    bytes_add(&c->texts, "", 1);
    if (slot >= 0)
        context_remember(&c->read, slot, (const char *)c->texts.data + at, c->texts.len - at - 1);
    return at;
}

static char *string_at(of_spool_cursor *c, size_t at)
{
    return at == NO_STRING ? NULL : (char *)c->texts.data + at;
}

static void take_para(of_spool_cursor *c, of_para *p)
{
    c->texts.len = 0;
    memset(p, 0, sizeof *p);
    p->number = (unsigned)take_number(c);
    unsigned flags = (unsigned)take_number(c);
    p->in_note = (flags & PARA_IN_NOTE) != 0;
    p->in_textbox = (flags & PARA_IN_TEXTBOX) != 0;
    p->drawn_rule = (flags & PARA_DRAWN_RULE) != 0;
    p->page_break_before = (flags & PARA_PAGE_BREAK) != 0;
    p->list_level = (int)take_int(c);
    p->section = (int)take_int(c);
    size_t known = (size_t)take_number(c);
    context *x = &c->read;
    if (known == 0) {
        take_raw(c, &p->fmt, sizeof p->fmt);
        if (x->format_count < FORMATS_KEPT)
            x->formats[x->format_count++] = p->fmt;
    } else if (known <= (size_t)x->format_count) {
        p->fmt = x->formats[known - 1];
    } else {
        c->failed = 1;
        return;
    }
    size_t text_at = take_string(c, -1, NO_STRING);
    size_t slot_at[SLOT_COUNT - 1];
    for (int k = 0; k < SLOT_COUNT - 1; k++)
        slot_at[k] = take_string(c, k, NO_STRING);
    size_t runs = (size_t)take_number(c);
    if (c->failed)
        return;
    if (runs > c->run_cap) {
        c->run_cap = runs;
        c->runs = vb_xrealloc(c->runs, runs * sizeof *c->runs);
        c->run_text_at = vb_xrealloc(c->run_text_at, runs * sizeof *c->run_text_at);
        c->run_font_at = vb_xrealloc(c->run_font_at, runs * sizeof *c->run_font_at);
    }
    for (size_t i = 0; i < runs && !c->failed; i++) {
        c->run_text_at[i] = take_string(c, -1, text_at);
        c->runs[i].flags = (unsigned)take_number(c);
        if (take_number(c)) {
            take_raw(c, &x->size, sizeof x->size);
            x->has_size = 1;
        }
        c->runs[i].size_pt = x->size;
        c->run_font_at[i] = take_string(c, SLOT_FONT, NO_STRING);
    }
    if (c->failed)
        return;
    /* The strings have stopped moving: point at them. */
    p->text = string_at(c, text_at);
    p->style_id = string_at(c, slot_at[SLOT_STYLE_ID]);
    p->style_name = string_at(c, slot_at[SLOT_STYLE_NAME]);
    p->label = string_at(c, slot_at[SLOT_LABEL]);
    for (size_t i = 0; i < runs; i++) {
        c->runs[i].text = string_at(c, c->run_text_at[i]);
        c->runs[i].font = string_at(c, c->run_font_at[i]);
    }
    p->runs = runs ? c->runs : NULL;
    p->run_count = p->run_cap = runs;
}

const of_item *of_spool_next(of_spool_cursor *c)
{
    if (c->failed || (c->win.start == c->win.len && c->win.pos >= c->win.end))
        return NULL;
    unsigned char kind;
    take_raw(c, &kind, 1);
    of_item *it = &c->item;
    it->kind = (of_kind)kind;
    switch (it->kind) {
    case OF_ROW_BEGIN:
    case OF_CELL_BEGIN:
        if (it->kind == OF_ROW_BEGIN && take_number(c))
            context_reset(&c->read);
        memset(&it->u.s, 0, sizeof it->u.s);
        it->u.s.colspan = (unsigned)take_number(c);
        it->u.s.vmerge = (int)take_int(c);
        it->u.s.header = (int)take_int(c);
        it->u.s.bordered = (int)take_int(c);
        it->u.s.columns = (int)take_int(c);
        break;
    case OF_PARA:
        take_para(c, &it->u.para);
        break;
    case OF_CELL_END:
    case OF_ROW_END:
        break;
    default:
        c->failed = 1;
        break;
    }
    if (c->failed) {
        if (!c->spool->err)
            c->spool->err = EIO;
        return NULL;
    }
    return it;
}

const of_para *of_spool_paragraph(of_spool *s, const of_spooled *what, unsigned number)
{
    if (!s || number < what->first_paragraph || number > what->last_paragraph || of_spool_flush(s) < 0)
        return NULL;
    /* From the last marked row of `what` that starts at or before the paragraph. */
    unsigned long long from = what->offset, end = what->offset + what->size;
    size_t lo = 0, hi = s->mark_count;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (s->marks[mid].first_paragraph <= number)
            lo = mid + 1;
        else
            hi = mid;
    }
    if (lo > 0 && s->marks[lo - 1].offset >= what->offset && s->marks[lo - 1].offset < end)
        from = s->marks[lo - 1].offset;
    if (!s->lookup)
        s->lookup = of_spool_open(s, what);
    if (!s->lookup)
        return NULL;
    cursor_reset(s->lookup, from, end);
    const of_item *it;
    while ((it = of_spool_next(s->lookup))) {
        if (it->kind != OF_PARA)
            continue;
        if (it->u.para.number == number)
            return &it->u.para;
        if (it->u.para.number > number)
            break;
    }
    return NULL;
}
