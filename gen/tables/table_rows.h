/* The rows of a table (bang) as they will be printed, whatever their source: inline YAML,
 * CSV/TSV, XLSX or ODS. Each row comes out as a full grid of the table's columns, with the
 * automatic STT filled in, group rows recognised, and merged cells resolved into which
 * grid position is spanned from where. Rows are read one at a time from files, so a table
 * of any length goes through in constant memory. */
#ifndef VB_TABLES_TABLE_ROWS_H
#define VB_TABLES_TABLE_ROWS_H

#include <stddef.h>

#include "model/model.h"

/* A table's rows and cells (rows × columns), whatever the source: Excel's own row limit,
 * and the cells of a sheet (docs/limits.md). Past either, the next row is an error. */
#define VB_TABLE_MAX_ROWS 1048576u
#define VB_TABLE_MAX_CELLS (16u * 1024u * 1024u)

/* VB_ROW_TOTAL: a total or subtotal row ("Tổng cộng", "Cộng"): bold, no STT. */
typedef enum { VB_ROW_HEADER, VB_ROW_GROUP, VB_ROW_DATA, VB_ROW_TOTAL } vb_row_kind;

typedef enum {
    VB_CELL_OWN,           /* a cell's top-left position: it holds the text */
    VB_CELL_SPANNED_LEFT,  /* covered by a cell to its left in the same row */
    VB_CELL_SPANNED_ABOVE, /* covered by a cell of a row above (the first column of that
                              cell's span; the rest of its span is SPANNED_LEFT) */
} vb_cell_cover;

typedef struct {
    const char *text;      /* "" when empty or covered */
    unsigned colspan;      /* OWN and SPANNED_ABOVE: columns of the span (≥ 1) */
    unsigned rowspan;      /* OWN: rows of the span (≥ 1) */
    vb_cell_cover cover;
    int numeric;           /* a number, percentage or date (right-aligned by default) */
} vb_grid_cell;

typedef struct {
    vb_row_kind kind;
    const vb_grid_cell *cells; /* column_count of them; owned by the reader until the next call */
    size_t count;
    vb_pos pos;            /* where the row is: the YAML, or the file with its line / sheet row */
} vb_grid_row;

typedef struct vb_table_rows vb_table_rows;

/* Opens the rows of `table`. Returns NULL with a positioned error in *pos / msg when the
 * file cannot be opened (msg in the diagnostics' language: `english`). */
vb_table_rows *vb_table_rows_open(const vb_table *table, int english, vb_pos *pos, char *msg,
                                  size_t msg_size);
void vb_table_rows_close(vb_table_rows *rows);

/* Columns of the grid (from `cot`, else the first row). Known after open. */
size_t vb_table_rows_columns(const vb_table_rows *rows);
/* The index of the STT column, or -1. */
int vb_table_rows_stt_column(const vb_table_rows *rows);

/* The next row: 1, 0 at the end, -1 on an error with its position and message (a row wider
 * than the table, a span past its edge, a file error). */
int vb_table_rows_next(vb_table_rows *rows, vb_grid_row *row, vb_pos *pos, char *msg,
                       size_t msg_size);

/* "1.879", "34,6%", "-2,5": a number as Vietnamese write it. */
int vb_text_is_number(const char *text);

/* Whether a cell's text names a total row: "Tổng cộng", "Tổng số", "Tổng", "Cộng" (any case,
 * with or without a colon or bold markers). */
int vb_text_names_total(const char *text);

#endif
