/* word/footnotes.xml: the two separators Word expects (ids -1 and 0, named in settings.xml)
 * and the notes document.xml refers to. */
#include "docx.h"

#include "wml.h"

static void separator(vb_xml *x, const char *type, int id, const char *mark)
{
    vb_xml_start(x, "w:footnote");
    vb_xml_attr(x, "w:type", type);
    vb_xml_attr_int(x, "w:id", id);
    vb_xml_start(x, "w:p");
    vb_xml_start(x, "w:pPr");
    vb_xml_start(x, "w:spacing");
    vb_xml_attr(x, "w:after", "0");
    vb_xml_attr(x, "w:line", "240");
    vb_xml_attr(x, "w:lineRule", "auto");
    vb_xml_end(x);
    vb_xml_end(x);
    vb_xml_start(x, "w:r");
    vb_xml_empty(x, mark, NULL, NULL);
    vb_xml_end(x);
    vb_xml_end(x);
    vb_xml_end(x);
}

int vb_docx_footnotes_xml(const vb_docx_notes *notes, vb_part *out)
{
    vb_xml *x = vb_xml_new_deflating(1); /* notes can be long: compressed in the background */
    vb_xml_start(x, "w:footnotes");
    vb_xml_attr(x, "xmlns:w", VB_WML_NS);
    separator(x, "separator", -1, "w:separator");
    separator(x, "continuationSeparator", 0, "w:continuationSeparator");
    for (size_t i = 0; i < vb_docx_notes_count(notes); i++) {
        vb_xml_start(x, "w:footnote");
        vb_xml_attr_int(x, "w:id", vb_docx_note_id(i));
        vb_wml_start_paragraph(x, VB_EL_FOOTNOTE, NULL);
        vb_xml_start(x, "w:r");
        vb_xml_start(x, "w:rPr");
        vb_xml_empty(x, "w:rStyle", "w:val", VB_DOCX_NOTE_REFERENCE_STYLE);
        vb_xml_empty(x, "w:vertAlign", "w:val", "superscript");
        vb_xml_end(x);
        vb_xml_empty(x, "w:footnoteRef", NULL, NULL);
        vb_xml_end(x);
        vb_wml_run(x, " ", 0);
        vb_wml_run(x, vb_docx_note_text(notes, i), 0);
        vb_wml_end_paragraph(x);
        vb_xml_end(x);
    }
    vb_xml_end(x);
    return vb_part_take_deflated(out, "word/footnotes.xml", x, NULL, 0);
}
