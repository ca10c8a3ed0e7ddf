/* Stage tables: the rows of a table (bang), however they are stored.
 *
 * Takes: a vb_table of the model — rows given inline, or the name of a CSV/TSV (csv.h), XLSX
 * or ODS (sheet.h) file with a sheet and a range. Gives: the rows one at a time
 * (table_rows.h), header rows, spans and automatic STT resolved, numbers in the Vietnamese
 * format (numfmt.h); a 100 000-row file is streamed, never held whole. Used by check (to
 * look at every row) and by compose (to lay them out). */
#ifndef VB_TABLES_H
#define VB_TABLES_H

#include "csv.h"
#include "numfmt.h"
#include "sheet.h"
#include "table_rows.h"

#endif
