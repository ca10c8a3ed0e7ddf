/* word/styles.xml: one named paragraph style per layout element, straight from the table. */
#include "docx.h"

#include <stdio.h>

#include "compose/compose.h"
#include "wml.h"

static void write_fonts(vb_xml *x, const char *font)
{
    vb_xml_start(x, "w:rFonts");
    vb_xml_attr(x, "w:ascii", font);
    vb_xml_attr(x, "w:hAnsi", font);
    vb_xml_attr(x, "w:eastAsia", font);
    vb_xml_attr(x, "w:cs", font);
    vb_xml_end(x);
}

static void write_size(vb_xml *x, double pt)
{
    long half_points = (long)(pt * 2 + 0.5);
    vb_xml_empty_int(x, "w:sz", "w:val", half_points);
    vb_xml_empty_int(x, "w:szCs", "w:val", half_points);
}

static void write_paragraph_style(vb_xml *x, const vb_layout *layout, vb_element el)
{
    const vb_text_style *s = &layout->styles[el];
    vb_xml_start(x, "w:style");
    vb_xml_attr(x, "w:type", "paragraph");
    vb_xml_attr(x, "w:customStyle", "1");
    vb_xml_attr(x, "w:styleId", vb_element_style_id(el));
    vb_xml_empty(x, "w:name", "w:val", layout->style_names[el]);
    vb_xml_empty(x, "w:basedOn", "w:val", "Normal");
    vb_xml_empty(x, "w:qFormat", NULL, NULL);

    vb_xml_start(x, "w:pPr");
    if (s->keep_with_next)
        vb_xml_empty(x, "w:keepNext", NULL, NULL);
    vb_xml_start(x, "w:spacing");
    vb_xml_attr_int(x, "w:before", s->space_before_twips);
    vb_xml_attr_int(x, "w:after", s->space_after_twips);
    if (el == VB_EL_RULE) {
        /* A rule paragraph is only as tall as its line. */
        vb_xml_attr_int(x, "w:line", layout->rule_gap_twips);
        vb_xml_attr(x, "w:lineRule", "exact");
    } else {
        vb_xml_attr_int(x, "w:line", s->line_240ths);
        vb_xml_attr(x, "w:lineRule", "auto");
    }
    vb_xml_end(x);
    vb_xml_start(x, "w:ind");
    vb_xml_attr(x, "w:left", "0");
    vb_xml_attr(x, "w:right", "0");
    vb_xml_attr_int(x, "w:firstLine", s->first_line_twips);
    vb_xml_end(x);
    vb_xml_empty(x, "w:jc", "w:val", vb_wml_jc_value(s->align));
    vb_xml_end(x);

    /* CT_RPr order: rFonts, b, bCs, i, iCs, color, sz, szCs, u */
    vb_xml_start(x, "w:rPr");
    write_fonts(x, layout->font);
    vb_xml_empty(x, "w:b", "w:val", s->bold ? "1" : "0");
    vb_xml_empty(x, "w:bCs", "w:val", s->bold ? "1" : "0");
    vb_xml_empty(x, "w:i", "w:val", s->italic ? "1" : "0");
    vb_xml_empty(x, "w:iCs", "w:val", s->italic ? "1" : "0");
    vb_xml_empty(x, "w:color", "w:val", s->color ? s->color : "000000");
    write_size(x, s->size_pt);
    if (s->underline)
        vb_xml_empty(x, "w:u", "w:val", "single");
    vb_xml_end(x);
    vb_xml_end(x);
}

int vb_docx_styles_xml(const vb_layout *layout, const vb_document *doc, vb_part *out)
{
    /* Some 20 KiB: compressed in the background while the other parts are written. */
    vb_xml *x = vb_xml_new_deflating(1);
    vb_xml_start(x, "w:styles");
    vb_xml_attr(x, "xmlns:w", VB_WML_NS);

    /* Defaults: Times New Roman, black, body size, Vietnamese; no spacing. */
    vb_xml_start(x, "w:docDefaults");
    vb_xml_start(x, "w:rPrDefault");
    vb_xml_start(x, "w:rPr");
    write_fonts(x, layout->font);
    vb_xml_empty(x, "w:color", "w:val", "000000");
    write_size(x, layout->styles[VB_EL_BODY].size_pt);
    vb_xml_start(x, "w:lang");
    vb_xml_attr(x, "w:val", "vi-VN");
    vb_xml_attr(x, "w:eastAsia", "vi-VN");
    vb_xml_attr(x, "w:bidi", "ar-SA");
    vb_xml_end(x);
    vb_xml_end(x);
    vb_xml_end(x);
    vb_xml_start(x, "w:pPrDefault");
    vb_xml_start(x, "w:pPr");
    vb_xml_start(x, "w:spacing");
    vb_xml_attr(x, "w:after", "0");
    vb_xml_attr(x, "w:line", "240");
    vb_xml_attr(x, "w:lineRule", "auto");
    vb_xml_end(x);
    vb_xml_end(x);
    vb_xml_end(x);
    vb_xml_end(x); /* w:docDefaults */

    vb_xml_start(x, "w:style");
    vb_xml_attr(x, "w:type", "paragraph");
    vb_xml_attr(x, "w:default", "1");
    vb_xml_attr(x, "w:styleId", "Normal");
    vb_xml_empty(x, "w:name", "w:val", "Normal");
    vb_xml_empty(x, "w:qFormat", NULL, NULL);
    vb_xml_start(x, "w:rPr");
    write_fonts(x, layout->font);
    vb_xml_empty(x, "w:color", "w:val", "000000");
    write_size(x, layout->styles[VB_EL_BODY].size_pt);
    vb_xml_end(x);
    vb_xml_end(x);

    vb_xml_start(x, "w:style");
    vb_xml_attr(x, "w:type", "table");
    vb_xml_attr(x, "w:default", "1");
    vb_xml_attr(x, "w:styleId", "TableNormal");
    vb_xml_empty(x, "w:name", "w:val", "Normal Table");
    vb_xml_start(x, "w:tblPr");
    vb_xml_start(x, "w:tblCellMar");
    const char *sides[] = {"w:top", "w:left", "w:bottom", "w:right"};
    for (int i = 0; i < 4; i++) {
        vb_xml_start(x, sides[i]);
        vb_xml_attr(x, "w:w", "0");
        vb_xml_attr(x, "w:type", "dxa");
        vb_xml_end(x);
    }
    vb_xml_end(x);
    vb_xml_end(x);
    vb_xml_end(x);

    for (int el = 0; el < VB_EL_COUNT; el++)
        if (!doc || vb_compose_uses(doc, (vb_element)el))
            write_paragraph_style(x, layout, (vb_element)el);

    /* Word's own "footnote reference": the mark raised, in the body and before the note.
     * LibreOffice sets the note's number with this style, not with the run's properties. */
    vb_xml_start(x, "w:style");
    vb_xml_attr(x, "w:type", "character");
    vb_xml_attr(x, "w:styleId", VB_DOCX_NOTE_REFERENCE_STYLE);
    vb_xml_empty(x, "w:name", "w:val", "footnote reference");
    vb_xml_start(x, "w:rPr");
    vb_xml_empty(x, "w:vertAlign", "w:val", "superscript");
    vb_xml_end(x);
    vb_xml_end(x);

    /* The paragraph that ends the text (document_xml.c): hidden, 1 pt. Said in a style as
     * well as on the paragraph: AbiWord sizes an empty paragraph by its style's font. */
    vb_xml_start(x, "w:style");
    vb_xml_attr(x, "w:type", "paragraph");
    vb_xml_attr(x, "w:styleId", VB_DOCX_END_STYLE);
    vb_xml_empty(x, "w:name", "w:val", "VB End of text");
    vb_xml_start(x, "w:pPr");
    vb_xml_start(x, "w:spacing");
    vb_xml_attr(x, "w:before", "0");
    vb_xml_attr(x, "w:after", "0");
    vb_xml_attr(x, "w:line", "20");
    vb_xml_attr(x, "w:lineRule", "exact");
    vb_xml_end(x);
    vb_xml_end(x);
    vb_xml_start(x, "w:rPr");
    write_fonts(x, layout->font);
    vb_xml_empty(x, "w:vanish", NULL, NULL);
    write_size(x, 1);
    vb_xml_end(x);
    vb_xml_end(x);

    vb_xml_end(x);
    return vb_part_take_deflated(out, "word/styles.xml", x, NULL, 0);
}
