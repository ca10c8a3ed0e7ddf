/* The CSV/TSV reader over any bytes, read to the end or the first error. */
#include <stdint.h>

#include "tables/csv.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char separator = size && (data[0] & 1) ? '\t' : ',';
    vb_csv *csv = vb_csv_open_memory("fuzz.csv", (const char *)data, size, separator);
    vb_csv_set_vietnamese(csv, size && (data[0] & 2));
    vb_csv_row row;
    char err[512];
    size_t cells = 0;
    while (vb_csv_next(csv, &row, err, sizeof err) > 0)
        for (size_t i = 0; i < row.count; i++)
            cells += row.lengths[i] > 0; /* touch every cell */
    vb_csv_close(csv);
    return cells == (size_t)-1;
}
