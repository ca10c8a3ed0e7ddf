/* The ODT writer (OpenDocument 1.3): one function per generated part and the packager.
 * Reads only the model and the layout table, through the same composition as DOCX. */
#ifndef VB_ODT_H
#define VB_ODT_H

#include <stddef.h>

#include "layout/layout.h"
#include "model/model.h"
#include "package/part.h"
#include "package/templates.h"
#include "package/xmlw.h"

#define VB_ODF_OFFICE "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
#define VB_ODF_STYLE "urn:oasis:names:tc:opendocument:xmlns:style:1.0"
#define VB_ODF_TEXT "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
#define VB_ODF_TABLE "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
#define VB_ODF_FO "urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0"
#define VB_ODF_SVG "urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0"
#define VB_ODF_DRAW "urn:oasis:names:tc:opendocument:xmlns:drawing:1.0"
#define VB_ODF_META "urn:oasis:names:tc:opendocument:xmlns:meta:1.0"
#define VB_ODF_DC "http://purl.org/dc/elements/1.1/"
#define VB_ODF_VERSION "1.3"

/* Name of the master page of page 1 (no page number) and of the others. */
#define VB_ODF_FIRST_PAGE "First_20_Page"
#define VB_ODF_OTHER_PAGES "Standard"
/* … and of landscape sections (a first page without a number, then the others). */
#define VB_ODF_LANDSCAPE "VbLandscape"
#define VB_ODF_LANDSCAPE_FIRST "VbLandscapeFirst"

/* A length in points from twips, "14.15pt" (C locale, two decimals). */
void vb_odf_length(char *buf, size_t size, long twips);
void vb_odf_attr_length(vb_xml *x, const char *name, long twips);

/* Text with ODF's white-space rules spelled out: runs of spaces as text:s, '\n' as
 * text:line-break, tabs as text:tab. */
void vb_odf_text(vb_xml *x, const char *text);

/* The fo:text-align value of an alignment. */
const char *vb_odf_align_value(vb_align align);


/* The paragraph and text properties of a layout element (shared by styles.xml). */
void vb_odf_paragraph_properties(vb_xml *x, const vb_layout *layout, vb_element element);
void vb_odf_text_properties(vb_xml *x, const vb_layout *layout, vb_element element);

/* content.xml (spooled). Returns 0, or -1 with `err` (a table's file failed). */
int vb_odt_content_xml(const vb_document *doc, const vb_layout *layout, vb_part *out, char *err,
                       size_t err_size);
/* styles.xml: every element's style (`doc` NULL), or those `doc` uses (vb_compose_uses). */
int vb_odt_styles_xml(const vb_layout *layout, const vb_document *doc, vb_part *out);
int vb_odt_meta_xml(const vb_document *doc, long long epoch, vb_part *out);

int vb_odt_write(const vb_document *doc, const vb_layout *layout, const vb_template_store *templates,
                 long long epoch, const char *path, char *err, size_t err_size);

#endif
