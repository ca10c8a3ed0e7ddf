/* The two extractors: a DOCX's or an ODT's parts → the neutral list (office_source.h). */
#ifndef VB_OFFICE_EXTRACT_H
#define VB_OFFICE_EXTRACT_H

#include "office_package.h"
#include "office_source.h"

/* Each returns 0, or -1 when the file cannot be read (reported on pkg->diags). */
int vb_docx_extract(of_package *pkg, vb_office_source *src);
int vb_odt_extract(of_package *pkg, vb_office_source *src);

#endif
