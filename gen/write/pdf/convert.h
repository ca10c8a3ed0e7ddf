/* Conversions by external programs: PDF through LibreOffice headless, PNG pages through
 * pdftoppm. Each run gets its own LibreOffice profile directory and a time limit. */
#ifndef VB_CONVERT_H
#define VB_CONVERT_H

#include <stddef.h>

/* Converts `source` (an ODT or DOCX) to PDF written at `dest` ("-" for stdout), atomically.
 * Returns 0, or -1 with a message in `err` (LibreOffice missing, timed out, failed). */
int vb_convert_to_pdf(const char *source, const char *dest, int timeout_seconds, char *err,
                      size_t err_size);

/* Writes one PNG per page of `pdf` as `<prefix>-<n>.png` at `dpi`. Returns 0, or -1 with
 * `err`. */
int vb_pdf_to_png(const char *pdf, const char *prefix, int dpi, int timeout_seconds, char *err,
                  size_t err_size);

#endif
