/* Legacy Word (.doc) and RTF files: converted to DOCX by LibreOffice when it is installed,
 * so they can be read at all (the user is told to save them as .docx). */
#ifndef VB_LEGACY_CONVERT_H
#define VB_LEGACY_CONVERT_H

#include <stddef.h>

/* Converts `source` to a DOCX in a new directory; on success returns 0 with the directory in
 * `workdir` and the DOCX in `docx` (remove with vb_legacy_cleanup). -1 with `err` when
 * LibreOffice is missing (err empty) or fails. */
int vb_legacy_to_docx(const char *source, char *workdir, size_t workdir_size, char *docx,
                      size_t docx_size, char *err, size_t err_size);
void vb_legacy_cleanup(const char *workdir);

#endif
