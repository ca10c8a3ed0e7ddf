/* Composition of a data table (bang): column widths from the content, then the rows,
 * streamed from their source one at a time into the sink. */
#include "compose_table.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "layout/format.h"
#include "layout/geometry.h"
#include "layout/textwidth.h"
#include "model/markup.h"
#include "tables/table_rows.h"
#include "viet/words.h"

typedef struct {
    long natural; /* the widest line of any cell, unbroken */
    long word;    /* the longest word: narrower, and it would be cut */
    int numeric;  /* every data cell is a number */
    int has_data;
} column_measure;

static vb_face face_of(const vb_text_style *st)
{
    return (vb_face)((st->bold ? VB_FACE_BOLD : 0) | (st->italic ? VB_FACE_ITALIC : 0));
}

/* Whether a cell's text may hold CommonMark emphasis (**bold**, *italic*). */
static int has_markup(const char *text)
{
    return strpbrk(text, "*_") != NULL;
}

/* A cell's text as spans: each line parsed for emphasis on its own, so the cell's line
 * breaks stay. Returns the count; the texts are owned by `lines` (free with vb_inline_free). */
static size_t cell_spans(const char *text, vb_inline *runs, vb_span **spans)
{
    const char *line = text;
    for (;;) {
        const char *end = strchr(line, '\n');
        size_t n = end ? (size_t)(end - line) : strlen(line);
        vb_markup_inline(runs, line, n);
        if (!end)
            break;
        vb_inline_append(runs, "\n", 1, 0);
        line = end + 1;
    }
    *spans = vb_xcalloc(runs->count ? runs->count : 1, sizeof **spans);
    for (size_t i = 0; i < runs->count; i++)
        (*spans)[i] = (vb_span){runs->runs[i].text, runs->runs[i].style & ~VB_RUN_NOTE};
    return runs->count;
}

/* The widest line of `text` unbroken, and its widest word: a Vietnamese word of two
 * syllables ("Kế hoạch", "Ghi chú") counts as one, so a column is never so narrow that it
 * splits one while another column is wide. */
static void measure_text(const char *text, const vb_text_style *st, long *natural, long *word)
{
    vb_face face = face_of(st);
    char *plain = NULL;
    if (has_markup(text)) {
        /* Measured without the markers, in bold when any of it is bold. */
        vb_inline runs = {0};
        vb_span *spans = NULL;
        size_t n = cell_spans(text, &runs, &spans);
        for (size_t i = 0; i < n; i++)
            if (spans[i].style & VB_RUN_BOLD)
                face = (vb_face)(face | VB_FACE_BOLD);
        vb_buf b = {0};
        for (size_t i = 0; i < n; i++)
            vb_buf_add(&b, spans[i].text);
        plain = b.data ? b.data : vb_strdup("");
        text = plain;
        free(spans);
        vb_inline_free(&runs);
    }
    const char *line = text;
    while (*line) {
        const char *end = strchr(line, '\n');
        size_t n = end ? (size_t)(end - line) : strlen(line);
        long w = vb_text_width_twips(line, n, face, st->size_pt);
        if (w > *natural)
            *natural = w;
        const char *words[64];
        size_t lens[64], count = 0;
        for (size_t i = 0; i < n && count < 64;) {
            while (i < n && line[i] == ' ')
                i++;
            size_t j = i;
            while (j < n && line[j] != ' ')
                j++;
            if (j > i) {
                words[count] = line + i;
                lens[count++] = j - i;
            }
            i = j;
        }
        unsigned char inside[64] = {0};
        vb_vi_segment(words, lens, count, inside);
        for (size_t k = 0; k < count; k++) {
            size_t last = k;
            while (last + 1 < count && inside[last] == 3)
                last++;
            size_t len = (size_t)(words[last] + lens[last] - words[k]);
            long ww = vb_text_width_twips(words[k], len, face, st->size_pt);
            if (ww > *word)
                *word = ww;
            k = last;
        }
        line = end ? end + 1 : line + n;
    }
    free(plain);
}

/* Widths: given ones first; the rest share what is left, each at least its longest word,
 * growing towards its widest line. A table always spans the text width. */
static void compute_widths(const vb_layout *l, const vb_table *t, const column_measure *m,
                           size_t columns, int stt_column, int total, int *widths)
{
    long fixed = 0, min_sum = 0, max_sum = 0;
    long *min = vb_xcalloc(columns, sizeof *min), *max = vb_xcalloc(columns, sizeof *max);
    int *is_auto = vb_xcalloc(columns, sizeof *is_auto);
    /* The air each side, the borders, and the layout's slack. */
    long air = 2L * l->table_cell_air_twips + (long)(2 * 20 * l->table_border_pt + 0.5) +
               l->table_width_slack_twips;
    for (size_t i = 0; i < columns; i++) {
        const vb_table_column *col = i < t->column_count ? &t->columns[i] : NULL;
        if (col && col->width_kind == VB_WIDTH_TWIPS) {
            widths[i] = col->width;
        } else if (col && col->width_kind == VB_WIDTH_PERCENT) {
            widths[i] = (int)((long)total * col->width / 10000);
            if (col->widen_to_word && widths[i] < m[i].word + air)
                widths[i] = (int)(m[i].word + air);
        } else {
            is_auto[i] = 1;
            min[i] = m[i].word + air;
            max[i] = m[i].natural + air;
            if (min[i] < l->table_column_min_twips)
                min[i] = l->table_column_min_twips;
            if (max[i] < min[i])
                max[i] = min[i];
            min_sum += min[i];
            max_sum += max[i];
            continue;
        }
        fixed += widths[i];
    }
    long left = total - fixed;
    if (left < 0)
        left = 0;
    /* Extra room goes to the text columns; when every text column has its width set, to the
     * number columns; to STT only when nothing else may grow. */
    long text_max = 0, number_max = 0;
    for (size_t i = 0; i < columns; i++) {
        if (is_auto[i] && (int)i != stt_column && !m[i].numeric)
            text_max += max[i];
        if (is_auto[i] && (int)i != stt_column && m[i].numeric)
            number_max += max[i];
    }
    int numbers_grow = text_max == 0 && number_max > 0;
    if (numbers_grow)
        text_max = number_max;
    /* Between the longest words and the widest lines, the room is shared as water fills:
     * every column gets the same extra, and one that needs less gets all it needs, so a
     * short column never wraps while a long one takes the room it could have had. */
    long deficit_level = 0;
    if (min_sum < left && left < max_sum) {
        long lo = 0, hi = 0;
        for (size_t i = 0; i < columns; i++)
            if (is_auto[i] && max[i] - min[i] > hi)
                hi = max[i] - min[i];
        while (lo < hi) {
            long mid = lo + (hi - lo + 1) / 2, used = 0;
            for (size_t i = 0; i < columns; i++)
                if (is_auto[i])
                    used += max[i] - min[i] < mid ? max[i] - min[i] : mid;
            if (used <= left - min_sum)
                lo = mid;
            else
                hi = mid - 1;
        }
        deficit_level = lo;
    }
    long given = 0;
    int last_auto = -1;
    for (size_t i = 0; i < columns; i++) {
        if (!is_auto[i])
            continue;
        long w;
        if (max_sum <= left) {
            long extra = left - max_sum;
            int grows = (int)i != stt_column && m[i].numeric == numbers_grow;
            w = max[i] + (text_max > 0 ? (grows ? extra * max[i] / text_max : 0)
                                       : extra * max[i] / (max_sum ? max_sum : 1));
        } else if (min_sum >= left) {
            w = min_sum ? min[i] * left / min_sum : 0;
        } else {
            w = min[i] + (deficit_level < max[i] - min[i] ? deficit_level : max[i] - min[i]);
        }
        widths[i] = (int)w;
        given += w;
        /* The rounding goes to a column still short of its widest line, if any. */
        if (last_auto < 0 || w < max[i] || widths[last_auto] >= max[last_auto])
            last_auto = (int)i;
    }
    if (last_auto >= 0)
        widths[last_auto] += (int)(left - given); /* the rounding */
    free(min);
    free(max);
    free(is_auto);
}

static void report(char *err, size_t err_size, vb_pos pos, const char *msg)
{
    if (pos.line)
        snprintf(err, err_size, "%s:%u:%u: %s", pos.file ? pos.file : "", pos.line, pos.column, msg);
    else
        snprintf(err, err_size, "%s: %s", pos.file ? pos.file : "", msg);
}

/* Header rows bold and centred; group, total and subtotal rows bold. */
static vb_element row_element(vb_row_kind kind)
{
    return kind == VB_ROW_HEADER                             ? VB_EL_TABLE_HEAD
           : kind == VB_ROW_GROUP || kind == VB_ROW_TOTAL ? VB_EL_TABLE_GROUP
                                                             : VB_EL_TABLE_CELL;
}

/* Measures the first rows of the table: widths and which columns hold numbers. */
static int measure(const vb_layout *l, const vb_table *t, column_measure **out, size_t *columns,
                   int *stt_column, char *err, size_t err_size)
{
    vb_pos pos;
    char msg[512];
    vb_table_rows *rows = vb_table_rows_open(t, 0, &pos, msg, sizeof msg);
    if (!rows) {
        report(err, err_size, pos, msg);
        return -1;
    }
    column_measure *m = NULL;
    vb_grid_row row;
    int rc = 0, sampled = 0;
    while (sampled < l->table_width_sample_rows &&
           (rc = vb_table_rows_next(rows, &row, &pos, msg, sizeof msg)) > 0) {
        if (!m) {
            *columns = row.count;
            m = vb_xcalloc(row.count, sizeof *m);
            for (size_t i = 0; i < row.count; i++)
                m[i].numeric = 1;
        }
        const vb_text_style *st = &l->styles[row_element(row.kind)];
        for (size_t i = 0; i < row.count; i++) {
            const vb_grid_cell *cell = &row.cells[i];
            if (cell->cover != VB_CELL_OWN)
                continue;
            long natural = 0, word = 0;
            measure_text(cell->text, st, &natural, &word);
            if (word > m[i].word)
                m[i].word = word;
            /* A spanning cell or a group title sets no column's width. */
            if (cell->colspan == 1 && row.kind != VB_ROW_GROUP && natural > m[i].natural)
                m[i].natural = natural;
            if (row.kind == VB_ROW_DATA && cell->text[0]) {
                m[i].has_data = 1;
                if (!cell->numeric)
                    m[i].numeric = 0;
            }
        }
        sampled++;
    }
    *stt_column = vb_table_rows_stt_column(rows);
    vb_table_rows_close(rows);
    if (rc < 0) {
        free(m);
        report(err, err_size, pos, msg);
        return -1;
    }
    if (!m) {
        *columns = t->column_count ? t->column_count : 1;
        m = vb_xcalloc(*columns, sizeof *m);
    }
    for (size_t i = 0; i < *columns; i++)
        if (!m[i].has_data)
            m[i].numeric = 0;
    *out = m;
    return 0;
}

static int align_of(const vb_table *t, const column_measure *m, size_t column, int stt_column)
{
    vb_cell_align a = column < t->column_count ? t->columns[column].align : VB_CELL_ALIGN_AUTO;
    switch (a) {
    case VB_CELL_ALIGN_LEFT:
        return VB_ALIGN_LEFT;
    case VB_CELL_ALIGN_CENTER:
        return VB_ALIGN_CENTER;
    case VB_CELL_ALIGN_RIGHT:
        return VB_ALIGN_RIGHT;
    case VB_CELL_ALIGN_JUSTIFY:
        return VB_ALIGN_JUSTIFY;
    default:
        if ((int)column == stt_column)
            return VB_ALIGN_CENTER;
        return m[column].numeric ? VB_ALIGN_RIGHT : VB_ALIGN_LEFT;
    }
}

static void cell_paragraph(const vb_layout *l, const vb_sink *sink, void *ctx, vb_element el,
                           int align, const char *text)
{
    vb_para_props p = VB_PARA_DEFAULT;
    /* The style's own alignment is left unsaid: a long table repeats it in every cell. */
    p.align = align == (int)l->styles[el].align ? -1 : align;
    if (has_markup(text)) {
        vb_inline runs = {0};
        vb_span *spans = NULL;
        size_t n = cell_spans(text, &runs, &spans);
        sink->paragraph(ctx, el, &p, spans, n);
        free(spans);
        vb_inline_free(&runs);
        return;
    }
    vb_span span = {text, 0};
    sink->paragraph(ctx, el, &p, &span, text[0] ? 1 : 0);
}

int vb_compose_table(const vb_table *t, const vb_layout *l, const vb_sink *sink, void *ctx,
                     int text_width, char *err, size_t err_size)
{
    column_measure *m = NULL;
    size_t columns = 0;
    int stt_column = -1;
    if (measure(l, t, &m, &columns, &stt_column, err, err_size) < 0)
        return -1;
    int *widths = vb_xcalloc(columns, sizeof *widths);
    int *aligns = vb_xcalloc(columns, sizeof *aligns);
    compute_widths(l, t, m, columns, stt_column, text_width, widths);
    for (size_t i = 0; i < columns; i++)
        aligns[i] = align_of(t, m, i, stt_column);

    vb_pos pos;
    char msg[512];
    int rc = -1;
    vb_table_rows *rows = vb_table_rows_open(t, 0, &pos, msg, sizeof msg);
    if (!rows) {
        report(err, err_size, pos, msg);
        goto done;
    }
    vb_table_props props = {1};
    sink->table_begin(ctx, widths, (int)columns, &props);
    vb_grid_row row;
    while ((rc = vb_table_rows_next(rows, &row, &pos, msg, sizeof msg)) > 0) {
        sink->row_begin(ctx, row.kind == VB_ROW_HEADER);
        for (size_t i = 0; i < row.count; i++) {
            const vb_grid_cell *cell = &row.cells[i];
            if (cell->cover == VB_CELL_SPANNED_LEFT)
                continue;
            int width = 0;
            for (size_t k = 0; k < cell->colspan && i + k < columns; k++)
                width += widths[i + k];
            vb_cell_span span = {cell->colspan, cell->cover == VB_CELL_OWN ? cell->rowspan : 1,
                                 cell->cover == VB_CELL_SPANNED_ABOVE};
            sink->cell_begin(ctx, (int)i, width, &span);
            vb_element el = row_element(row.kind);
            int align = row.kind == VB_ROW_HEADER ? VB_ALIGN_CENTER
                        : row.kind == VB_ROW_GROUP ? ((int)i == stt_column ? VB_ALIGN_CENTER : VB_ALIGN_LEFT)
                        /* "Tổng cộng" across the STT column is centred */
                        : row.kind == VB_ROW_TOTAL && (int)i == stt_column ? VB_ALIGN_CENTER
                                                                           : aligns[i];
            if (row.kind == VB_ROW_HEADER && cell->text[0]) {
                /* A header that wraps breaks at a phrase, as a centred title does. */
                int inner = width - 2 * l->table_cell_air_twips - (int)(2 * 20 * l->table_border_pt + 0.5) -
                            l->table_width_slack_twips;
                char *balanced = vb_balanced_title(l, el, cell->text, inner > 0 ? inner : width);
                cell_paragraph(l, sink, ctx, el, align, balanced);
                free(balanced);
            } else {
                cell_paragraph(l, sink, ctx, el, align, cell->text);
            }
            sink->cell_end(ctx);
        }
        sink->row_end(ctx);
    }
    sink->table_end(ctx);
    if (rc < 0)
        report(err, err_size, pos, msg);
    vb_table_rows_close(rows);
    rc = rc < 0 ? -1 : 0;
done:
    free(widths);
    free(aligns);
    free(m);
    return rc;
}
