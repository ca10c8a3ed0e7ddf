/* A table's rows (vb_table_row) kept in an unlinked temporary file instead of memory: what a
 * reader does with the body of a table too long to hold cell by cell (a 100 000-row table in
 * a Word file). Rows are appended in order and read back in order, as often as needed, by
 * cursors that each hold one row at a time. The table that owns the store frees it. */
#ifndef VB_ROW_STORE_H
#define VB_ROW_STORE_H

#include <stddef.h>
#include <stdint.h>

#include "model.h"

typedef struct vb_row_store vb_row_store;
typedef struct vb_row_cursor vb_row_cursor;

/* A new empty store whose rows' positions name `file` (owned by the document); NULL when no
 * temporary file can be made (errno says why). */
vb_row_store *vb_row_store_new(const char *file);
void vb_row_store_free(vb_row_store *store);

/* Appends a copy of `row`. When `rowspan_at` is given, it receives for each cell where its
 * rowspan is kept, for vb_row_store_add_rowspan. Returns 0, or -1 once writing failed. */
int vb_row_store_add(vb_row_store *store, const vb_table_row *row, uint64_t *rowspan_at);
/* Makes the rowspan kept at `at` one longer (a vertical merge found to go on below). */
int vb_row_store_add_rowspan(vb_row_store *store, uint64_t at);

size_t vb_row_store_count(const vb_row_store *store);
/* The error of the first failed write or read ("No space left on device"), or NULL. */
const char *vb_row_store_error(const vb_row_store *store);

/* Reads the rows from the first. NULL when the store cannot be read (see the error). */
vb_row_cursor *vb_row_cursor_open(vb_row_store *store);
/* The next row (valid until the next call or close): 1, 0 at the end, -1 on a read error. */
int vb_row_cursor_next(vb_row_cursor *cursor, const vb_table_row **row);
void vb_row_cursor_close(vb_row_cursor *cursor);

#endif
