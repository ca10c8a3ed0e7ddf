/* The two spreadsheet readers, called by sheet.c only: each opens its package's metadata,
 * chooses the sheet and gets ready to scan. They use the helpers of sheet_internal.h
 * (sheet_parts.c), never sheet.c itself. */
#ifndef VB_SHEET_READERS_H
#define VB_SHEET_READERS_H

#include "sheet_internal.h"

int vb_xlsx_open(vb_sheet *s, const char *sheet_name);
int vb_ods_open(vb_sheet *s, const char *sheet_name);

#endif
