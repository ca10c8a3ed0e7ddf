/* The rows of `render --data`: a CSV/TSV text or an XLSX/ODS sheet (the first sheet, its
 * used area), as texts, whatever the source — the same readers `bang: {tep: …}` uses. */
#ifndef VB_CLI_DATA_ROWS_H
#define VB_CLI_DATA_ROWS_H

#include <stddef.h>

typedef struct cli_data_rows cli_data_rows;

typedef struct {
    const char *const *cells; /* NUL-terminated UTF-8, owned by the reader until the next call */
    const size_t *lengths;
    size_t count;
    unsigned line; /* the CSV line, or the sheet's row number */
} cli_data_row;

/* Opens `path`: a spreadsheet by its name (.xlsx, .ods), else CSV/TSV. Returns NULL with
 * `err` ("path: reason", in the language asked for) when it cannot be opened. */
cli_data_rows *cli_data_rows_open(const char *path, int vietnamese, char *err, size_t err_size);
/* 1 a row, 0 the end, -1 an error, in the language asked for: `err` is "path:line:col:
 * reason" for a CSV, "path: sheet!A12: reason" for a sheet; *positioned says which. */
int cli_data_rows_next(cli_data_rows *rows, cli_data_row *row, int *positioned, char *err,
                       size_t err_size);
void cli_data_rows_close(cli_data_rows *rows);

#endif
