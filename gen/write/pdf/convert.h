/* Page images of a PDF: pdftoppm renders each page, libpng writes it as PNG. (pdftoppm's own
 * PNG output spends nine tenths of its time compressing: 1.7 s for five pages at 150 dpi.) */
#ifndef VB_CONVERT_H
#define VB_CONVERT_H

#include <stddef.h>

#include "model/diag.h"

/* Writes each page of `pdf` as `<prefix>-<n>.png` at `dpi`, atomically; n counts from 1,
 * zero-padded to the width of the page count as pdftoppm does (x-01.png … x-12.png). Returns
 * the number of pages, with the names written in *names (a malloc'd array of malloc'd
 * strings, see vb_free_names); or -1 with `err`. */
int vb_pdf_to_png(const char *pdf, const char *prefix, int dpi, long timeout_ms, vb_lang lang,
                  char ***names, char *err, size_t err_size);

void vb_free_names(char **names, int count);

#endif
