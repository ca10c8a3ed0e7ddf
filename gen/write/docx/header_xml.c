/* word/header1.xml (page number, pages 2+) and word/header2.xml (empty, page 1). */
#include "docx.h"

#include "wml.h"

int vb_docx_header_xml(const vb_layout *layout, int with_page_number, const char *name, vb_part *out)
{
    (void)layout;
    vb_xml *x = vb_xml_new(1);
    vb_xml_start(x, "w:hdr");
    vb_xml_attr(x, "xmlns:w", VB_WML_NS);
    vb_xml_attr(x, "xmlns:r", VB_REL_NS);
    vb_wml_start_paragraph(x, VB_EL_PAGE_NUMBER, NULL);
    if (with_page_number) {
        /* NĐ30 §I: Arabic page number centred in the top margin. */
        vb_xml_start(x, "w:fldSimple");
        vb_xml_attr(x, "w:instr", " PAGE ");
        vb_wml_run(x, "2", 0);
        vb_xml_end(x);
    }
    vb_wml_end_paragraph(x);
    vb_xml_end(x);
    return vb_part_take(out, name, x);
}
