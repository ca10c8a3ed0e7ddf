/* Plain text in reading order: every paragraph of the composition on its own line, table
 * cells one after the other. For diffs, for search, and as the text an independent reader
 * of the DOCX or ODT must find. */
#ifndef VB_TXT_WRITER_H
#define VB_TXT_WRITER_H

#include <stddef.h>

#include "layout/layout.h"
#include "model/model.h"

int vb_txt_write(const vb_document *doc, const vb_layout *layout, const char *path, char *err,
                 size_t err_size);

#endif
