/* CSV and TSV tables (RFC 4180): the rows of an appendix table kept in a spreadsheet.
 * Rows are read one at a time, so a table of any length is read in constant memory. */
#ifndef VB_TABLES_CSV_H
#define VB_TABLES_CSV_H

#include <stddef.h>
#include <stdio.h>

#include "model/diag.h"

typedef struct vb_csv vb_csv;

/* One row: its cells (NUL-terminated UTF-8, owned by the reader until the next call) and
 * where it starts in the file (1-based line; a quoted cell may span several lines). */
typedef struct {
    const char *const *cells;
    const size_t *lengths;
    size_t count;
    unsigned line;
} vb_csv_row;

/* Opens `path` for reading; `separator` is ',' (CSV), '\t' (TSV), or 0 to choose from the
 * name (.tsv, .tab → tab) and else ','. A UTF-8 BOM is skipped. Returns NULL with `err`
 * ("path: reason") when the file cannot be opened. Free with vb_csv_close(). */
vb_csv *vb_csv_open(const char *path, char separator, char *err, size_t err_size);
/* The same, with every message in `lang` (vb_csv_open's are English until
 * vb_csv_set_vietnamese). */
vb_csv *vb_csv_open_in(const char *path, char separator, vb_lang lang, char *err, size_t err_size);
/* The same over a memory buffer (not copied; it must outlive the reader). */
vb_csv *vb_csv_open_memory(const char *name, const char *data, size_t len, char separator);
void vb_csv_close(vb_csv *csv);

/* The language of the reader's messages: English (the default) or Vietnamese. */
void vb_csv_set_vietnamese(vb_csv *csv, int vietnamese);

/* Reads the next row into *row. Returns 1 for a row, 0 at the end, -1 on an error with
 * `err` = "file:line:col: reason": invalid UTF-8, a quote that never closes, a character
 * after a closing quote, a row with a different number of cells from the first row
 * (ragged rows are errors: a table's columns must line up), a cell over 1 MiB, a NUL byte
 * (a UTF-16 export), more than 16 384 cells in a row, an I/O error. CRLF and LF line ends are both accepted; empty lines at the end are ignored. */
int vb_csv_next(vb_csv *csv, vb_csv_row *row, char *err, size_t err_size);

#endif
