#include "txt_writer.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../atomic_file.h"
#include "../compose.h"
#include "../format.h"
#include "../geometry.h"

static void on_paragraph(void *ctx, vb_element el, const vb_para_props *props,
                         const vb_span *spans, size_t count)
{
    vb_buf *out = ctx;
    (void)props;
    if (el == VB_EL_RULE)
        return;
    size_t before = out->len;
    for (size_t i = 0; i < count; i++) {
        /* A line break inside a title is a space in running text. */
        for (const char *p = spans[i].text; *p; p++)
            vb_buf_addn(out, *p == '\n' ? " " : p, 1);
    }
    if (out->len > before || count > 0)
        vb_buf_add(out, "\n");
}

static void on_rule(void *ctx, int width, int length, int space_after)
{
    (void)ctx, (void)width, (void)length, (void)space_after;
}
static void on_table_begin(void *ctx, const int *widths, int columns)
{
    (void)ctx, (void)widths, (void)columns;
}
static void on_nothing(void *ctx)
{
    (void)ctx;
}
static void on_cell_begin(void *ctx, int column, int width)
{
    (void)ctx, (void)column, (void)width;
}

static const vb_sink txt_sink = {
    .paragraph = on_paragraph,
    .rule = on_rule,
    .table_begin = on_table_begin,
    .row_begin = on_nothing,
    .cell_begin = on_cell_begin,
    .cell_end = on_nothing,
    .row_end = on_nothing,
    .table_end = on_nothing,
};

int vb_txt_write(const vb_document *doc, const vb_layout *layout, const char *path, char *err,
                 size_t err_size)
{
    vb_geometry geo;
    vb_geometry_compute(layout, doc, &geo);
    vb_buf out = {0};
    vb_compose(doc, layout, &geo, &txt_sink, &out);
    int rc = vb_write_file_atomic(path, out.data ? out.data : "", out.len, err, err_size);
    vb_buf_free(&out);
    return rc;
}
