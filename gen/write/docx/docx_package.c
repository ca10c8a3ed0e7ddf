/* The DOCX package: static parts from the template store and generated parts, in a fixed
 * order, zipped deterministically and renamed into place. */
#include "docx.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>


enum { PART_DOCUMENT, PART_FOOTNOTES, PART_STYLES, PART_HEADER_PAGES, PART_HEADER_FIRST, PART_CORE, PART_COUNT };

int vb_docx_write(const vb_document *doc, const vb_layout *layout, const vb_template_store *templates,
                  long long epoch, const char *path, char *err, size_t err_size)
{
    vb_part parts[PART_COUNT];
    memset(parts, 0, sizeof parts);
    int rc = -1;
    vb_docx_notes *notes = vb_docx_notes_new();

    if (vb_docx_document_xml(doc, layout, &parts[PART_DOCUMENT], notes, err, err_size) < 0)
        goto done;
    if (vb_docx_footnotes_xml(notes, &parts[PART_FOOTNOTES]) < 0 ||
        vb_docx_styles_xml(layout, doc, &parts[PART_STYLES]) < 0 ||
        vb_docx_header_xml(layout, 1, "word/header1.xml", &parts[PART_HEADER_PAGES]) < 0 ||
        vb_docx_header_xml(layout, 0, "word/header2.xml", &parts[PART_HEADER_FIRST]) < 0 ||
        vb_docx_core_xml(doc, epoch, &parts[PART_CORE]) < 0) {
        snprintf(err, err_size, "internal error while writing the XML of %s", path);
        goto done;
    }

    rc = vb_write_package(path, templates, parts, PART_COUNT, err, err_size);
done:
    vb_docx_notes_free(notes);
    for (int i = 0; i < PART_COUNT; i++)
        vb_part_free(&parts[i]);
    return rc;
}
