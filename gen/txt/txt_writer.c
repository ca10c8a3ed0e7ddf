#include "txt_writer.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

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
    int rc = 0;
    if (strcmp(path, "-") == 0) {
        if (out.len && fwrite(out.data, 1, out.len, stdout) != out.len)
            rc = -1;
        if (fflush(stdout) != 0)
            rc = -1;
        if (rc)
            snprintf(err, err_size, "writing to standard output: %s", strerror(errno));
        vb_buf_free(&out);
        return rc;
    }
    /* Atomic like the packages: a temporary file beside the destination, then rename. */
    size_t n = strlen(path) + 16;
    char *tmp = vb_xmalloc(n);
    snprintf(tmp, n, "%s.tmp-XXXXXX", path);
    int fd = mkstemp(tmp);
    FILE *f = fd >= 0 ? fdopen(fd, "wb") : NULL;
    if (!f) {
        snprintf(err, err_size, "%s: %s", path, strerror(errno));
        if (fd >= 0) {
            close(fd);
            unlink(tmp);
        }
        rc = -1;
    } else {
        int ok = (out.len == 0 || fwrite(out.data, 1, out.len, f) == out.len);
        ok &= fflush(f) == 0 && fsync(fileno(f)) == 0;
        ok &= fclose(f) == 0;
        if (!ok || rename(tmp, path) != 0) {
            snprintf(err, err_size, "%s: %s", path, strerror(errno));
            unlink(tmp);
            rc = -1;
        }
    }
    free(tmp);
    vb_buf_free(&out);
    return rc;
}
