#include "txt_writer.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "package/atomic_file.h"
#include "compose/compose.h"
#include "layout/format.h"
#include "layout/geometry.h"

/* The text in reading order: a line per paragraph; a table row on one line, its cells
 * separated by tabs; a footnote's mark "[N]" where it stands and its text on a line of its
 * own after the paragraph. The frames of page 1 go where the page shows them: ô 11 and the
 * draft mark from the top margin first, before the header; ô 13 from the foot of page 1
 * after the text of the first section (the document before its attached documents and
 * appendices, or before its first landscape pages). */
typedef struct {
    vb_buf out;
    vb_buf top;       /* ô 11 and the draft mark: the first lines */
    vb_buf foot;      /* ô 13: after the first section */
    int first_section_done;
    vb_buf notes;     /* of the current paragraph */
    unsigned note_count;
    int bordered;     /* inside a data table, whose rows are lines */
    int in_row;       /* 1 inside a data table's row; cells join with tabs */
    int cells_in_row;
} txt_out;

/* The notes of the line just ended, each on a line of its own. */
static void flush_notes(txt_out *t)
{
    if (!t->notes.len)
        return;
    vb_buf_add(&t->out, t->notes.data);
    t->notes.len = 0;
    t->notes.data[0] = '\0';
}

static void on_paragraph(void *ctx, vb_element el, const vb_para_props *props,
                         const vb_span *spans, size_t count)
{
    txt_out *t = ctx;
    (void)props;
    if (el == VB_EL_RULE)
        return;
    size_t before = t->out.len;
    for (size_t i = 0; i < count; i++) {
        if (spans[i].style & VB_RUN_NOTE) {
            t->note_count++;
            vb_buf_printf(&t->out, "[%u]", t->note_count);
            vb_buf_printf(&t->notes, "[%u] %s\n", t->note_count, spans[i].text);
            continue;
        }
        /* A line break inside a title is a space in running text. */
        for (const char *p = spans[i].text; *p; p++)
            vb_buf_addn(&t->out, *p == '\n' ? " " : p, 1);
    }
    if (t->in_row)
        return;
    if (t->out.len > before || count > 0)
        vb_buf_add(&t->out, "\n");
    flush_notes(t);
}

static void on_rule(void *ctx, int width, int length, int space_after)
{
    (void)ctx, (void)width, (void)length, (void)space_after;
}
/* A layout table (header, signature) reads as its cells' lines, one after the other. */
static void on_table_begin(void *ctx, const int *widths, int columns, const vb_table_props *props)
{
    txt_out *t = ctx;
    (void)widths, (void)columns;
    t->bordered = props && props->bordered;
}
static void on_row_begin(void *ctx, int header)
{
    txt_out *t = ctx;
    (void)header;
    t->in_row = t->bordered;
    t->cells_in_row = 0;
}
static void on_cell_begin(void *ctx, int column, int width, const vb_cell_span *span)
{
    txt_out *t = ctx;
    (void)column, (void)width, (void)span;
    if (t->in_row && t->cells_in_row++ > 0)
        vb_buf_add(&t->out, "\t");
}
static void on_row_end(void *ctx)
{
    txt_out *t = ctx;
    if (!t->in_row)
        return;
    t->in_row = 0;
    vb_buf_add(&t->out, "\n");
    flush_notes(t);
}
static void on_nothing(void *ctx)
{
    (void)ctx;
}
static void on_table_end(void *ctx)
{
    txt_out *t = ctx;
    t->bordered = 0;
}
/* ô 13 after the text of the first section, once. */
static void flush_foot(txt_out *t)
{
    if (t->first_section_done)
        return;
    t->first_section_done = 1;
    if (t->foot.len)
        vb_buf_add(&t->out, t->foot.data);
}

static void on_section_break(void *ctx, const vb_section_props *next)
{
    (void)next;
    flush_foot(ctx);
}

/* A frame's text on a line of its own, in the top margin's lines or the foot's. */
static void on_frame(void *ctx, const vb_frame_props *frame, vb_element el, const vb_para_props *props,
                     const vb_span *spans, size_t count)
{
    txt_out *t = ctx;
    (void)frame, (void)props;
    vb_buf *to = el == VB_EL_CONTACT ? &t->foot : &t->top;
    for (size_t i = 0; i < count; i++)
        for (const char *p = spans[i].text; *p; p++)
            vb_buf_addn(to, *p == '\n' ? " " : p, 1);
    vb_buf_add(to, "\n");
}

static const vb_sink txt_sink = {
    .paragraph = on_paragraph,
    .rule = on_rule,
    .table_begin = on_table_begin,
    .row_begin = on_row_begin,
    .cell_begin = on_cell_begin,
    .cell_end = on_nothing,
    .row_end = on_row_end,
    .table_end = on_table_end,
    .section_break = on_section_break,
    .frame = on_frame,
};

int vb_txt_write(const vb_document *doc, const vb_layout *layout, const char *path, char *err,
                 size_t err_size)
{
    vb_geometry geo;
    vb_geometry_compute(layout, doc, &geo);
    txt_out t;
    memset(&t, 0, sizeof t);
    int rc = vb_compose(doc, layout, &geo, &txt_sink, &t, err, err_size);
    flush_foot(&t);
    if (t.top.len) {
        vb_buf_add(&t.top, t.out.data ? t.out.data : "");
        vb_buf tmp = t.out;
        t.out = t.top;
        t.top = tmp;
    }
    if (rc == 0)
        rc = vb_write_file_atomic(path, t.out.data ? t.out.data : "", t.out.len, err, err_size);
    vb_buf_free(&t.out);
    vb_buf_free(&t.top);
    vb_buf_free(&t.foot);
    vb_buf_free(&t.notes);
    return rc;
}
