#include "data_rows.h"

#include <stdlib.h>

#include "model/model.h"
#include "tables/csv.h"
#include "tables/sheet.h"

struct cli_data_rows {
    vb_csv *csv;
    vb_sheet *sheet;
    const char **cells; /* a sheet row's texts and lengths, as the CSV reader gives them */
    size_t *lengths;
    size_t cap;
};

cli_data_rows *cli_data_rows_open(const char *path, int vietnamese, char *err, size_t err_size)
{
    cli_data_rows *rows = vb_xcalloc(1, sizeof *rows);
    if (vb_sheet_path_is_spreadsheet(path)) {
        rows->sheet = vb_sheet_open_in(path, NULL, NULL, vietnamese ? VB_LANG_VI : VB_LANG_EN,
                                       err, err_size);
        if (!rows->sheet) {
            free(rows);
            return NULL;
        }
        return rows;
    }
    rows->csv = vb_csv_open_in(path, 0, vietnamese ? VB_LANG_VI : VB_LANG_EN, err, err_size);
    if (!rows->csv) {
        free(rows);
        return NULL;
    }
    return rows;
}

int cli_data_rows_next(cli_data_rows *rows, cli_data_row *row, int *positioned, char *err,
                       size_t err_size)
{
    if (rows->csv) {
        *positioned = 1;
        vb_csv_row r;
        int rc = vb_csv_next(rows->csv, &r, err, err_size);
        if (rc > 0) {
            row->cells = (const char *const *)r.cells;
            row->lengths = r.lengths;
            row->count = r.count;
            row->line = r.line;
        }
        return rc;
    }
    *positioned = 0;
    vb_sheet_row r;
    int rc = vb_sheet_next(rows->sheet, &r, err, err_size);
    if (rc <= 0)
        return rc;
    if (r.count > rows->cap) {
        rows->cap = r.count;
        rows->cells = vb_xrealloc(rows->cells, rows->cap * sizeof *rows->cells);
        rows->lengths = vb_xrealloc(rows->lengths, rows->cap * sizeof *rows->lengths);
    }
    for (size_t i = 0; i < r.count; i++) {
        rows->cells[i] = r.cells[i].text;
        rows->lengths[i] = r.cells[i].length;
    }
    row->cells = rows->cells;
    row->lengths = rows->lengths;
    row->count = r.count;
    row->line = r.row;
    return 1;
}

void cli_data_rows_close(cli_data_rows *rows)
{
    if (!rows)
        return;
    vb_csv_close(rows->csv);
    vb_sheet_close(rows->sheet);
    free(rows->cells);
    free(rows->lengths);
    free(rows);
}
