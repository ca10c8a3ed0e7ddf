/* The printed rows of a table, from any source (see table_rows.h).
 *
 * Each source yields rows of cells with their spans; one loop then lays every row onto the
 * grid of the table's columns, keeping track of the cells that span down from rows above.
 * Inline rows leave out the positions a span covers (as HTML does); spreadsheets keep them
 * as placeholders, which are skipped. */
#include "table_rows.h"

#include "viet/text.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "layout/layout.h"
#include "model/row_store.h"
#include "csv.h"
#include "numfmt.h"
#include "sheet.h"

typedef enum { SOURCE_INLINE, SOURCE_CSV, SOURCE_SHEET } source_kind;

/* A row as its source gives it. */
typedef struct {
    const vb_sheet_cell *cells;
    size_t count;
    int is_group;          /* inline {nhom: …} */
    int is_total;          /* inline {tong_cong: […]} / {cong: […]} */
    int is_header;
    vb_pos pos;
} source_row;

struct vb_table_rows {
    const vb_table *table;
    int english;
    source_kind kind;
    vb_csv *csv;
    vb_sheet *sheet;
    unsigned rows_read;    /* from the file */
    unsigned header_rows;  /* of the file */
    unsigned skip_rows;    /* the file's own header rows, left out for the `cot` names */
    uint64_t rows_laid, cells_laid; /* of the table so far, against the limits */
    unsigned sheet_row;    /* the sheet's row number of the last row read from a sheet */

    int names_row_pending; /* the `cot` names as a header row, still to give */

    /* inline: where we are */
    size_t head_next, row_next;
    vb_row_cursor *more_rows;  /* over table->more_rows, once the inline rows are done */
    vb_sheet_cell *inline_cells;
    size_t inline_capacity;

    size_t columns;
    int stt_column;
    unsigned stt_counter, group_counter;

    vb_grid_cell *grid;
    unsigned *above_remaining; /* rows a span from above still covers, per column */
    unsigned *above_span;      /* its width, at its first column (0 elsewhere) */
    unsigned *pending_remaining, *pending_span;
    char stt_text[24];
    char group_text[24];
    char (*number_text)[160]; /* per column: a number written in the column's format */
};

static void set_msg(char *msg, size_t size, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, size, fmt, ap);
    va_end(ap);
}

#define MSG(r, vi, en) ((r)->english ? (en) : (vi))

/* Whether `t` is a number with `group` between its thousands (in threes) and `decimal`
 * before its decimals, perhaps signed, perhaps a percentage. */
static int is_number_written(const char *t, char group, char decimal)
{
    const char *p = t;
    if (*p == '-' || *p == '+')
        p++;
    if (!isdigit((unsigned char)*p))
        return 0;
    size_t lead = 0;
    while (isdigit((unsigned char)p[lead]))
        lead++;
    p += lead;
    if (*p == group) {
        if (lead > 3)
            return 0;
        while (*p == group) {
            if (!isdigit((unsigned char)p[1]) || !isdigit((unsigned char)p[2]) ||
                !isdigit((unsigned char)p[3]) || isdigit((unsigned char)p[4]))
                return 0;
            p += 4;
        }
    }
    if (*p == decimal) {
        p++;
        if (!isdigit((unsigned char)*p))
            return 0;
        while (isdigit((unsigned char)*p))
            p++;
    }
    if (*p == '%')
        p++;
    return *p == '\0';
}

int vb_text_is_number(const char *t)
{
    /* Thousands with "." in groups of three, or plain digits; decimals after ","; "%". */
    return is_number_written(t, '.', ',');
}

static int is_roman(const char *t)
{
    if (!*t)
        return 0;
    for (const char *p = t; *p; p++)
        if (!strchr("IVXLC", *p))
            return 0;
    return strlen(t) <= 8;
}

static int all_columns_named(const vb_table *t)
{
    for (size_t i = 0; i < t->column_count; i++)
        if (!t->columns[i].name.text)
            return 0;
    return t->column_count > 0;
}

static int has_column_names(const vb_table *t)
{
    for (size_t i = 0; i < t->column_count; i++)
        if (t->columns[i].name.text)
            return 1;
    return 0;
}

/* ---- sources ---- */

static void inline_cells_from(vb_table_rows *r, const vb_table_row *row)
{
    if (r->inline_capacity < row->count + 1) {
        r->inline_capacity = row->count + 1;
        r->inline_cells = vb_xrealloc(r->inline_cells, r->inline_capacity * sizeof *r->inline_cells);
    }
    for (size_t i = 0; i < row->count; i++) {
        vb_sheet_cell *c = &r->inline_cells[i];
        c->text = row->cells[i].text;
        c->length = strlen(c->text);
        c->colspan = row->cells[i].colspan ? row->cells[i].colspan : 1;
        c->rowspan = row->cells[i].rowspan ? row->cells[i].rowspan : 1;
        c->covered = 0;
        c->typed_number = row->cells[i].typed_number;
        c->numeric = c->typed_number || vb_text_is_number(c->text);
    }
}

/* A row of the model, inline or back from the row store, as the next source row. */
static int row_out(vb_table_rows *r, const vb_table_row *row, source_row *out)
{
    inline_cells_from(r, row);
    out->cells = r->inline_cells;
    out->count = row->count;
    out->is_group = row->is_group;
    out->is_total = row->is_total;
    out->pos = row->pos;
    return 1;
}

/* The `cot` names as the table's header row. */
static int names_row(vb_table_rows *r, source_row *out)
{
    const vb_table *t = r->table;
    memset(out, 0, sizeof *out);
    r->names_row_pending = 0;
    if (r->inline_capacity < t->column_count) {
        r->inline_capacity = t->column_count;
        r->inline_cells = vb_xrealloc(r->inline_cells, r->inline_capacity * sizeof *r->inline_cells);
    }
    for (size_t i = 0; i < t->column_count; i++) {
        const char *name = t->columns[i].name.text ? t->columns[i].name.text : "";
        r->inline_cells[i] = (vb_sheet_cell){name, strlen(name), 1, 1, 0, 0, 0};
    }
    out->cells = r->inline_cells;
    out->count = t->column_count;
    out->is_header = 1;
    out->pos = t->columns_pos;
    return 1;
}

static int inline_next(vb_table_rows *r, source_row *out, vb_pos *pos, char *msg, size_t size)
{
    const vb_table *t = r->table;
    memset(out, 0, sizeof *out);
    if (r->head_next < t->head_count) {
        const vb_table_row *row = &t->head[r->head_next++];
        inline_cells_from(r, row);
        out->cells = r->inline_cells;
        out->count = row->count;
        out->is_header = 1;
        out->pos = row->pos;
        return 1;
    }
    if (r->names_row_pending)
        return names_row(r, out);
    if (r->row_next < t->row_count) {
        return row_out(r, &t->rows[r->row_next++], out);
    }
    if (!t->more_rows)
        return 0;
    const vb_table_row *row = NULL;
    if (!r->more_rows)
        r->more_rows = vb_row_cursor_open(t->more_rows);
    int rc = r->more_rows ? vb_row_cursor_next(r->more_rows, &row) : -1;
    if (rc < 0) {
        const char *why = vb_row_store_error(t->more_rows);
        *pos = t->pos;
        set_msg(msg, size, MSG(r, "không đọc lại được các dòng của bảng từ tệp tạm: %s",
                               "cannot read the table's rows back from the temporary file: %s"),
                why ? why : "?");
        return -1;
    }
    if (rc == 0)
        return 0;
    return row_out(r, row, out);
}

static int csv_next(vb_table_rows *r, source_row *out, vb_pos *pos, char *msg, size_t size)
{
    vb_csv_row row;
    char err[512];
    memset(out, 0, sizeof *out);
    int rc = vb_csv_next(r->csv, &row, err, sizeof err);
    if (rc < 0) {
        /* err is "file:line:col: reason": keep the position apart for the diagnostic. */
        unsigned line = 0, col = 0;
        const char *rest = err;
        size_t plen = strlen(r->table->file_path);
        if (strncmp(err, r->table->file_path, plen) == 0 &&
            sscanf(err + plen, ":%u:%u: ", &line, &col) == 2) {
            rest = strstr(err + plen + 1, ": ");
            rest = rest ? rest + 2 : err;
        }
        *pos = (vb_pos){r->table->file_path, line, col};
        set_msg(msg, size, "%s", rest);
        return -1;
    }
    if (rc == 0)
        return 0;
    if (r->inline_capacity < row.count + 1) {
        r->inline_capacity = row.count + 1;
        r->inline_cells = vb_xrealloc(r->inline_cells, r->inline_capacity * sizeof *r->inline_cells);
    }
    for (size_t i = 0; i < row.count; i++) {
        r->inline_cells[i] = (vb_sheet_cell){row.cells[i], row.lengths[i], 1, 1, 0, 0, 0};
        r->inline_cells[i].numeric = vb_text_is_number(row.cells[i]);
    }
    out->cells = r->inline_cells;
    out->count = row.count;
    out->pos = (vb_pos){r->table->file_path, row.line, 1};
    out->is_header = r->rows_read++ < r->header_rows;
    return 1;
}

static int sheet_next(vb_table_rows *r, source_row *out, vb_pos *pos, char *msg, size_t size)
{
    vb_sheet_row row;
    char err[512];
    memset(out, 0, sizeof *out);
    int rc;
    /* Blank rows in a spreadsheet separate nothing in a printed table. */
    do
        rc = vb_sheet_next(r->sheet, &row, err, sizeof err);
    while (rc > 0 && row.count == 0);
    if (rc < 0) {
        /* A sheet has no lines: the error is placed at the tep: value that names the file,
         * and says the file, the sheet and the cell or row itself. */
        *pos = r->table->file.pos;
        set_msg(msg, size, "%s", err);
        return -1;
    }
    if (rc == 0)
        return 0;
    r->sheet_row = row.row;
    out->cells = row.cells;
    out->count = row.count;
    out->pos = r->table->file.pos; /* the reader names cells; a row's error adds its number */
    out->is_header = r->rows_read++ < r->header_rows;
    return 1;
}

/* ---- open / close ---- */

vb_table_rows *vb_table_rows_open(const vb_table *t, int english, vb_pos *pos, char *msg,
                                  size_t msg_size)
{
    vb_table_rows *r = vb_xcalloc(1, sizeof *r);
    r->table = t;
    r->english = english;
    r->stt_column = -1;
    for (size_t i = 0; i < t->column_count; i++)
        if (t->columns[i].is_stt)
            r->stt_column = (int)i;

    if (!t->file_path) {
        r->kind = SOURCE_INLINE;
        r->names_row_pending = t->head_count == 0 && has_column_names(t);
    } else {
        r->header_rows = t->header_rows >= 0 ? (unsigned)t->header_rows : 1;
        /* Names written in `cot` are the header a drafter chose ("Diện tích (m²)" over the
         * file's "Diện tích"): the file's one header row is read and left out. A file of
         * several header rows (merged titles) keeps its own. */
        if (t->head_count == 0 && all_columns_named(t) && r->header_rows <= 1) {
            r->names_row_pending = 1;
            r->skip_rows = r->header_rows;
            r->header_rows = 0;
        }
        vb_lang lang = english ? VB_LANG_EN : VB_LANG_VI;
        char err[512];
        if (vb_sheet_path_is_spreadsheet(t->file_path)) {
            r->kind = SOURCE_SHEET;
            r->sheet = vb_sheet_open_in(t->file_path, t->sheet.text, t->range.text, lang, err,
                                        sizeof err);
        } else {
            r->kind = SOURCE_CSV;
            r->csv = vb_csv_open_in(t->file_path, 0, lang, err, sizeof err);
        }
        if (!r->sheet && !r->csv) {
            *pos = t->file.pos;
            set_msg(msg, msg_size, MSG(r, "không đọc được bảng: %s", "cannot read the table: %s"), err);
            vb_table_rows_close(r);
            return NULL;
        }
    }
    r->columns = t->column_count;
    return r;
}

void vb_table_rows_close(vb_table_rows *r)
{
    if (!r)
        return;
    vb_csv_close(r->csv);
    vb_sheet_close(r->sheet);
    vb_row_cursor_close(r->more_rows);
    free(r->inline_cells);
    free(r->grid);
    free(r->above_remaining);
    free(r->above_span);
    free(r->pending_remaining);
    free(r->pending_span);
    free(r->number_text);
    free(r);
}

size_t vb_table_rows_columns(const vb_table_rows *r)
{
    return r->columns;
}

int vb_table_rows_stt_column(const vb_table_rows *r)
{
    return r->stt_column;
}

/* The grid width a source row covers, given the spans still running from above. */
static size_t row_width(const vb_table_rows *r, const source_row *row)
{
    size_t w = 0;
    for (size_t i = 0; i < row->count; i++)
        if (!row->cells[i].covered)
            w += row->cells[i].colspan ? row->cells[i].colspan : 1;
    for (size_t c = 0; c < r->columns; c++)
        w += r->above_remaining[c] > 0;
    return w;
}

static void allocate_grid(vb_table_rows *r, size_t columns)
{
    r->columns = columns;
    r->grid = vb_xcalloc(columns, sizeof *r->grid);
    r->above_remaining = vb_xcalloc(columns, sizeof *r->above_remaining);
    r->above_span = vb_xcalloc(columns, sizeof *r->above_span);
    r->pending_remaining = vb_xcalloc(columns, sizeof *r->pending_remaining);
    r->pending_span = vb_xcalloc(columns, sizeof *r->pending_span);
    r->number_text = vb_xcalloc(columns, sizeof *r->number_text);
}

static void own(vb_grid_cell *g, const char *text, unsigned colspan, unsigned rowspan, int numeric)
{
    *g = (vb_grid_cell){text, colspan, rowspan, VB_CELL_OWN, numeric};
}

/* A group row: the Roman number in the STT column, the text across the columns after it. */
static void lay_group(vb_table_rows *r, const char *number, const char *text)
{
    size_t s = r->stt_column >= 0 ? (size_t)r->stt_column : 0;
    for (size_t c = 0; c < s; c++)
        own(&r->grid[c], "", 1, 1, 0);
    if (r->stt_column < 0) {
        own(&r->grid[0], text, (unsigned)r->columns, 1, 0);
        for (size_t c = 1; c < r->columns; c++)
            r->grid[c] = (vb_grid_cell){"", 1, 1, VB_CELL_SPANNED_LEFT, 0};
        return;
    }
    own(&r->grid[s], number, 1, 1, 0);
    if (s + 1 < r->columns) {
        own(&r->grid[s + 1], text, (unsigned)(r->columns - s - 1), 1, 0);
        for (size_t c = s + 2; c < r->columns; c++)
            r->grid[c] = (vb_grid_cell){"", 1, 1, VB_CELL_SPANNED_LEFT, 0};
    }
}

/* Whether a header cell names the STT column: "STT", "TT", "Số TT", "Số thứ tự", in any
 * case, with or without dots and spaces. */
static int names_stt(const char *text)
{
    if (!text || strlen(text) > 40)
        return 0;
    char *lower = vb_lower_vi(text);
    char bare[64];
    size_t n = 0;
    for (const char *p = lower; *p && n + 1 < sizeof bare; p++)
        if (*p != ' ' && *p != '.')
            bare[n++] = *p;
    bare[n] = '\0';
    free(lower);
    return strcmp(bare, "stt") == 0 || strcmp(bare, "tt") == 0 ||
           strcmp(bare, "s\xe1\xbb\x91tt") == 0 ||                     /* sốtt */
           strcmp(bare, "s\xe1\xbb\x91th\xe1\xbb\xa9t\xe1\xbb\xb1") == 0; /* sốthứtự */
}

/* With no `stt: true` column, a header cell named STT makes its column the STT column: a
 * spreadsheet's or a plain `cot: [STT, …]` table gets its numbering, centring and group
 * rows as the YAML form would. */
static void find_stt_by_name(vb_table_rows *r)
{
    for (size_t c = 0; c < r->columns; c++)
        if (r->grid[c].cover == VB_CELL_OWN && r->grid[c].colspan == 1 &&
            names_stt(r->grid[c].text)) {
            r->stt_column = (int)c;
            return;
        }
}

static int table_rows_next(vb_table_rows *r, vb_grid_row *out, vb_pos *pos, char *msg, size_t msg_size);

static int is_total_row(const vb_table_rows *r);

int vb_text_names_total(const char *text)
{
    if (!text || strlen(text) > 40)
        return 0;
    char *lower = vb_lower_vi(text);
    char bare[64];
    size_t n = 0;
    for (const char *p = lower; *p && n + 1 < sizeof bare; p++)
        if (*p != '*' && *p != ':')
            bare[n++] = *p;
    while (n > 0 && bare[n - 1] == ' ')
        n--;
    bare[n] = '\0';
    free(lower);
    static const char *const names[] = {"t\xe1\xbb\x95ng c\xe1\xbb\x99ng", /* tổng cộng */
                                        "t\xe1\xbb\x95ng s\xe1\xbb\x91",      /* tổng số */
                                        "t\xe1\xbb\x95ng",                      /* tổng */
                                        "c\xe1\xbb\x99ng",                      /* cộng */
                                        NULL};
    for (size_t i = 0; names[i]; i++)
        if (strcmp(bare, names[i]) == 0)
            return 1;
    return 0;
}

/* A data row whose STT cell is empty (or taken by its label) and whose first text names a
 * total: "Tổng cộng" is not numbered. */
static int is_total_row(const vb_table_rows *r)
{
    size_t first = 0;
    if (r->stt_column >= 0) {
        const vb_grid_cell *stt = &r->grid[r->stt_column];
        if (stt->cover == VB_CELL_OWN && stt->colspan == 1 && stt->text[0])
            return 0;
        if (stt->cover == VB_CELL_OWN && stt->colspan > 1)
            return vb_text_names_total(stt->text);
        first = (size_t)r->stt_column + 1;
    }
    for (size_t c = first; c < r->columns; c++)
        if (r->grid[c].cover == VB_CELL_OWN && r->grid[c].text[0])
            return vb_text_names_total(r->grid[c].text);
    return 0;
}

/* Whether `t` is a number written with a decimal point and comma thousands, as a
 * spreadsheet in English exports it ("1250.5", "1,250.5", "0.25", "1,250,000"). Asked only
 * of a text that is no number the Vietnamese way ("4.500" stays four thousand five hundred,
 * "1,25" one and a quarter), in a column whose dinh_dang says it holds numbers. */
static int is_point_decimal(const char *t)
{
    return is_number_written(t, ',', '.');
}

/* The value of `t`, a number written with `group` between its thousands and `decimal` before
 * its decimals (see is_number_written); *percent when it ends with "%". */
static double value_written(const char *t, char group, char decimal, int *percent)
{
    char plain[96];
    size_t n = 0;
    for (const char *p = t; *p && n + 1 < sizeof plain; p++) {
        if (*p == '%')
            *percent = 1;
        else if (*p != group)
            plain[n++] = *p == decimal ? '.' : *p;
    }
    plain[n] = '\0';
    return strtod(plain, NULL);
}

/* A number as its source wrote it: a YAML number ("1500.25"), the Vietnamese way
 * ("1.500,25", "34,6%": the number before the "%"), or, where `point_decimal` allows, with a
 * decimal point (is_point_decimal). */
static int parse_number(const vb_sheet_cell *cell, int point_decimal, double *value, int *percent)
{
    *percent = 0;
    if (cell->typed_number) {
        char *end = NULL;
        *value = strtod(cell->text, &end);
        return end && *end == '\0';
    }
    if (vb_text_is_number(cell->text))
        *value = value_written(cell->text, '.', ',', percent);
    else if (point_decimal && is_point_decimal(cell->text))
        *value = value_written(cell->text, ',', '.', percent);
    else
        return 0;
    return 1;
}

static int has_number_format(const vb_table_rows *r, size_t column)
{
    const vb_table *t = r->table;
    return column < t->column_count && t->columns[column].number_format.text;
}

/* The text a number cell prints: in its column's `dinh_dang`, or, for a plain YAML number
 * in a column without one, the way a spreadsheet's General format writes it (1.500; 0,25).
 * NULL: the text as it is. */
static const char *number_text(vb_table_rows *r, size_t column, const vb_sheet_cell *cell)
{
    const vb_table *t = r->table;
    const vb_table_column *col = column < t->column_count ? &t->columns[column] : NULL;
    int formatted = col && col->number_format.text;
    if (!formatted && !cell->typed_number)
        return NULL;
    double value = 0;
    int percent = 0;
    if (!parse_number(cell, formatted, &value, &percent))
        return NULL;
    vb_numfmt fmt;
    if (!formatted) {
        vb_numfmt_general(&fmt);
    } else {
        if (percent && !col->format_percent)
            return NULL; /* a percentage stays one */
        char code[32];
        snprintf(code, sizeof code, "%s%s%.*s%s", col->format_grouping ? "#,##0" : "0",
                 col->format_decimals ? "." : "", col->format_decimals, "000000",
                 col->format_percent ? "%" : "");
        vb_numfmt_from_code(code, &fmt);
        /* In a percentage column the number typed is the percentage: 34,6 → 34,6%. */
        if (col->format_percent)
            value /= 100;
    }
    vb_numfmt_format(value, &fmt, VB_EPOCH_1899, r->number_text[column], sizeof r->number_text[column]);
    return r->number_text[column];
}

int vb_table_rows_next(vb_table_rows *r, vb_grid_row *out, vb_pos *pos, char *msg, size_t msg_size)
{
    r->sheet_row = 0;
    int rc = table_rows_next(r, out, pos, msg, msg_size);
    if (rc < 0 && r->kind == SOURCE_SHEET && r->sheet_row > 0 && msg && msg_size) {
        /* A row the sheet gave but the table cannot lay out: which one, in the sheet. */
        size_t used = strlen(msg);
        snprintf(msg + used, msg_size - used, MSG(r, " (%s, dòng %u của trang tính)", " (%s, sheet row %u)"),
                 r->table->file_path, r->sheet_row);
    }
    return rc;
}

static int source_next(vb_table_rows *r, source_row *row, vb_pos *pos, char *msg, size_t msg_size)
{
    return r->kind == SOURCE_INLINE ? inline_next(r, row, pos, msg, msg_size)
           : r->kind == SOURCE_CSV  ? csv_next(r, row, pos, msg, msg_size)
                                    : sheet_next(r, row, pos, msg, msg_size);
}

static int table_rows_next(vb_table_rows *r, vb_grid_row *out, vb_pos *pos, char *msg, size_t msg_size)
{
    source_row row;
    int rc;
    if (r->kind != SOURCE_INLINE && r->names_row_pending) {
        rc = names_row(r, &row); /* an inline table gives it after its dau_bang rows */
    } else {
        rc = source_next(r, &row, pos, msg, msg_size);
        /* The file's own header rows, which the `cot` names stand for. */
        for (; rc > 0 && r->skip_rows > 0; r->skip_rows--)
            rc = source_next(r, &row, pos, msg, msg_size);
    }
    if (rc <= 0)
        return rc;
    if (!r->grid) {
        /* No `cot`: the first row says how many columns there are. */
        size_t w = 0;
        for (size_t i = 0; i < row.count; i++)
            w += row.cells[i].covered ? 1 : (row.cells[i].colspan ? row.cells[i].colspan : 1);
        if (r->columns == 0)
            r->columns = w ? w : 1;
        allocate_grid(r, r->columns);
    }
    *pos = row.pos;
    /* Time and output size follow the rows: a table is bounded whatever its source. */
    r->rows_laid++;
    r->cells_laid += r->columns;
    if (r->rows_laid > VB_TABLE_MAX_ROWS || r->cells_laid > VB_TABLE_MAX_CELLS) {
        set_msg(msg, msg_size, MSG(r, "bảng vượt giới hạn %u dòng, %u ô (docs/limits.md)",
                                   "the table passes the limit of %u rows, %u cells (docs/limits.md)"),
                (unsigned)VB_TABLE_MAX_ROWS, (unsigned)VB_TABLE_MAX_CELLS);
        return -1;
    }
    out->pos = row.pos;
    out->cells = r->grid;
    out->count = r->columns;
    out->kind = row.is_header ? VB_ROW_HEADER : VB_ROW_DATA;

    if (row.is_group) {
        for (size_t c = 0; c < r->columns; c++)
            if (r->above_remaining[c]) {
                set_msg(msg, msg_size, MSG(r, "một ô gộp dòng ở trên chạy vào dòng nhóm",
                                           "a cell merged from a row above runs into this group row"));
                return -1;
            }
        r->stt_counter = 0;
        vb_roman((int)++r->group_counter, r->group_text, sizeof r->group_text);
        lay_group(r, r->group_text, row.count ? row.cells[0].text : "");
        out->kind = VB_ROW_GROUP;
        return 1;
    }

    /* Inline data rows may leave the STT cell out. */
    int insert_stt = r->kind == SOURCE_INLINE && !row.is_header && r->stt_column >= 0 &&
                     row_width(r, &row) + 1 == r->columns &&
                     r->above_remaining[r->stt_column] == 0;
    int has_placeholders = r->kind == SOURCE_SHEET;
    size_t si = 0;
    memset(r->pending_remaining, 0, r->columns * sizeof *r->pending_remaining);
    memset(r->pending_span, 0, r->columns * sizeof *r->pending_span);
    unsigned widen = 0; /* a total row's label takes the STT column too */
    for (size_t c = 0; c < r->columns;) {
        if (r->above_remaining[c]) {
            r->grid[c] = (vb_grid_cell){"", r->above_span[c] ? r->above_span[c] : 1, 1,
                                        r->above_span[c] ? VB_CELL_SPANNED_ABOVE : VB_CELL_SPANNED_LEFT, 0};
            if (has_placeholders && si < row.count && row.cells[si].covered)
                si++;
            c++;
            continue;
        }
        if (insert_stt && (int)c == r->stt_column && !widen) {
            if (row.is_total && (size_t)c + 1 < r->columns && si < row.count) {
                widen = 1;
            } else {
                own(&r->grid[c], "", 1, 1, 0);
                c++;
                continue;
            }
        }
        if (si >= row.count) {
            /* A row of YAML or CSV has a cell for each column (a CSV's own rows agree with
             * each other, but may be narrower than `cot`); a spreadsheet leaves out trailing
             * empty cells. */
            if (r->kind != SOURCE_SHEET) {
                set_msg(msg, msg_size,
                        MSG(r, "dòng có ít ô hơn số cột của bảng (%zu)",
                            "the row has fewer cells than the table has columns (%zu)"),
                        r->columns);
                return -1;
            }
            own(&r->grid[c], "", 1, 1, 0); /* a spreadsheet's empty trailing cells */
            c++;
            continue;
        }
        const vb_sheet_cell *cell = &row.cells[si++];
        unsigned cs = cell->covered ? 1 : (cell->colspan ? cell->colspan : 1);
        unsigned rs = cell->covered ? 1 : (cell->rowspan ? cell->rowspan : 1);
        if (widen == 1) {
            cs++;
            widen = 2;
        }
        if (c + cs > r->columns) {
            set_msg(msg, msg_size,
                    MSG(r, "ô ở cột %zu gộp %u cột, vượt quá cột cuối của bảng (%zu cột)",
                        "the cell in column %zu spans %u columns, past the table's last column (%zu columns)"),
                    c + 1, cs, r->columns);
            return -1;
        }
        const char *text = cell->covered ? "" : cell->text;
        int numeric = cell->numeric;
        if (!row.is_header && !cell->covered && (numeric || has_number_format(r, c))) {
            const char *formatted = number_text(r, c, cell);
            if (formatted) {
                text = formatted;
                numeric = 1; /* "1250.5" read in a dinh_dang column: a number now */
            }
        }
        own(&r->grid[c], text, cs, rs, numeric);
        for (unsigned k = 1; k < cs; k++) {
            if (r->above_remaining[c + k]) {
                set_msg(msg, msg_size, MSG(r, "hai ô gộp chồng lên nhau ở cột %zu",
                                           "two merged cells overlap in column %zu"),
                        c + k + 1);
                return -1;
            }
            r->grid[c + k] = (vb_grid_cell){"", 1, 1, VB_CELL_SPANNED_LEFT, 0};
            /* A spreadsheet lists the cells a merge covers. */
            if (has_placeholders && si < row.count && row.cells[si].covered)
                si++;
        }
        if (rs > 1) {
            for (unsigned k = 0; k < cs; k++)
                r->pending_remaining[c + k] = rs - 1;
            r->pending_span[c] = cs;
        }
        c += cs;
    }
    for (; si < row.count; si++)
        if (!row.cells[si].covered && row.cells[si].text[0]) {
            set_msg(msg, msg_size,
                    MSG(r, "dòng có nhiều ô hơn số cột của bảng (%zu)",
                        "the row has more cells than the table has columns (%zu)"),
                    r->columns);
            return -1;
        }
    for (size_t c = 0; c < r->columns; c++) {
        if (r->above_remaining[c] && --r->above_remaining[c] == 0)
            r->above_span[c] = 0;
        if (r->pending_remaining[c]) {
            r->above_remaining[c] = r->pending_remaining[c];
            r->above_span[c] = r->pending_span[c];
        }
    }
    if (out->kind == VB_ROW_HEADER && r->stt_column < 0)
        find_stt_by_name(r);
    if (out->kind == VB_ROW_HEADER)
        return 1;
    if (row.is_total || is_total_row(r)) {
        out->kind = VB_ROW_TOTAL;
        return 1;
    }
    if (r->stt_column < 0)
        return 1;

    vb_grid_cell *stt = &r->grid[r->stt_column];
    if (stt->cover == VB_CELL_OWN && is_roman(stt->text)) {
        /* A spreadsheet's group row: "II | Kế hoạch | | …". */
        const char *text = "";
        for (size_t c = (size_t)r->stt_column + 1; c < r->columns && !*text; c++)
            if (r->grid[c].cover == VB_CELL_OWN)
                text = r->grid[c].text;
        snprintf(r->group_text, sizeof r->group_text, "%s", stt->text);
        r->group_counter++;
        r->stt_counter = 0;
        lay_group(r, r->group_text, text);
        out->kind = VB_ROW_GROUP;
        return 1;
    }
    r->stt_counter++;
    if (stt->cover == VB_CELL_OWN && !stt->text[0]) {
        snprintf(r->stt_text, sizeof r->stt_text, "%u", r->stt_counter);
        stt->text = r->stt_text;
    }
    stt->numeric = 0; /* centred, not right-aligned */
    return 1;
}
