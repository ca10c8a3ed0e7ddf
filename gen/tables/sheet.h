/* Spreadsheets (XLSX, ODS) read as tables: one sheet, or a range of it, row by row.
 *
 * The sheet's XML is streamed out of the zip (libzip + libxml2's xmlTextReader), so a sheet
 * of any length is read in memory that follows the widest row, never the number of rows.
 * What must be held whole (XLSX shared strings, merges) is bounded, and a package whose
 * parts inflate beyond the limits (a zip bomb) is refused with a clear message. */
#ifndef VB_TABLES_SHEET_H
#define VB_TABLES_SHEET_H

#include <stddef.h>

#include "model/diag.h"

typedef struct vb_sheet vb_sheet;

/* One cell as a reader of the printed table sees it. */
typedef struct {
    const char *text;   /* NUL-terminated UTF-8: strings as typed; numbers and dates already
                           written the Vietnamese way (1.879; 34,6%; 0,5; 05/01/2024) */
    size_t length;
    unsigned colspan;   /* ≥ 1: columns this cell spans (a merge's top-left cell) */
    unsigned rowspan;   /* ≥ 1: rows this cell spans */
    int covered;        /* 1: hidden under a merge that starts elsewhere (text is "") */
    int numeric;        /* 1: the value is a number, a percentage or a date */
    int typed_number;   /* 1: a plain YAML number, "1500.25" (inline tables only) */
} vb_sheet_cell;

/* One row: cells from the first column of the range up to its last non-empty or merged
 * cell (trailing empty cells are not returned; `count` may be 0 for an empty row). */
typedef struct {
    const vb_sheet_cell *cells; /* owned by the reader until the next call */
    size_t count;
    unsigned row;               /* the 1-based row number in the sheet */
} vb_sheet_row;

/* Whether `path` names a spreadsheet this reads (.xlsx, .xlsm, .ods; any case). */
int vb_sheet_path_is_spreadsheet(const char *path);

/* Opens `path` (.xlsx or .ods, chosen by the name). `sheet`: a sheet's name, or NULL for the
 * first. `range`: "A3:D40", or NULL for the used area. Returns NULL with `err` = "path: reason"
 * (no such sheet, with the names there are; not a spreadsheet; a bad range; a part over the
 * limits). Free with vb_sheet_close(). */
vb_sheet *vb_sheet_open(const char *path, const char *sheet, const char *range, char *err,
                        size_t err_size);
/* The same, with the messages in `lang` (vb_sheet_open's are English). */
vb_sheet *vb_sheet_open_in(const char *path, const char *sheet, const char *range, vb_lang lang,
                           char *err, size_t err_size);
void vb_sheet_close(vb_sheet *sheet);

/* Reads the next row into *row. Returns 1 for a row, 0 at the end (empty rows at the end of
 * the sheet are not returned), -1 on an error with `err` = "path: sheet!A12: reason". */
int vb_sheet_next(vb_sheet *sheet, vb_sheet_row *row, char *err, size_t err_size);

#endif
