/* The XLSX or ODS reader (FUZZ_SHEET_EXT, set by the build) over any bytes as a file: the
 * zip, the parts' XML, shared strings, styles and number formats, merges, every row. */
#include <stdint.h>

#include "tables/sheet.h"

#include "fuzz_support.h"

#ifndef FUZZ_SHEET_EXT
#error "FUZZ_SHEET_EXT: xlsx or ods"
#endif

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *path = vb_fuzz_write("sheet." FUZZ_SHEET_EXT, data, size);
    char err[1024];
    /* The first sheet's used area, then a named sheet and a range, as `trang_tinh`/`vung` do. */
    static const char *const sheets[] = {NULL, "Sheet1", NULL};
    static const char *const ranges[] = {NULL, NULL, "B2:D9"};
    for (int pass = 0; pass < 3; pass++) {
        vb_sheet *sheet = vb_sheet_open(path, sheets[pass], ranges[pass], err, sizeof err);
        if (!sheet)
            continue;
        vb_sheet_row row;
        size_t text = 0;
        while (vb_sheet_next(sheet, &row, err, sizeof err) > 0)
            for (size_t i = 0; i < row.count; i++)
                text += row.cells[i].length;
        vb_sheet_close(sheet);
        if (text == (size_t)-1)
            return 1;
    }
    return 0;
}
