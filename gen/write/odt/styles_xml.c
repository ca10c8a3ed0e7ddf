/* styles.xml: fonts, the element styles from the layout table, the A4 page with its
 * margins, and the two master pages (page 1 without a number, the others with one). */
#include "odt.h"

#include <stdio.h>

#include "compose/compose.h"

static void write_root(vb_xml *x, const char *name)
{
    vb_xml_start(x, name);
    vb_xml_attr(x, "xmlns:office", VB_ODF_OFFICE);
    vb_xml_attr(x, "xmlns:style", VB_ODF_STYLE);
    vb_xml_attr(x, "xmlns:text", VB_ODF_TEXT);
    vb_xml_attr(x, "xmlns:table", VB_ODF_TABLE);
    vb_xml_attr(x, "xmlns:fo", VB_ODF_FO);
    vb_xml_attr(x, "xmlns:svg", VB_ODF_SVG);
    vb_xml_attr(x, "office:version", VB_ODF_VERSION);
}

static void write_font_faces(vb_xml *x, const vb_layout *layout)
{
    char family[128];
    snprintf(family, sizeof family, "'%s'", layout->font);
    vb_xml_start(x, "office:font-face-decls");
    vb_xml_start(x, "style:font-face");
    vb_xml_attr(x, "style:name", layout->font);
    vb_xml_attr(x, "svg:font-family", family);
    vb_xml_attr(x, "style:font-family-generic", "roman");
    vb_xml_attr(x, "style:font-pitch", "variable");
    vb_xml_end(x);
    vb_xml_end(x);
}

static void write_default_style(vb_xml *x, const vb_layout *layout)
{
    char size[32];
    snprintf(size, sizeof size, "%gpt", layout->styles[VB_EL_BODY].size_pt);
    vb_xml_start(x, "style:default-style");
    vb_xml_attr(x, "style:family", "paragraph");
    vb_xml_start(x, "style:paragraph-properties");
    vb_xml_attr(x, "fo:orphans", "2");
    vb_xml_attr(x, "fo:widows", "2");
    vb_xml_attr(x, "style:writing-mode", "lr-tb");
    vb_xml_end(x);
    vb_xml_start(x, "style:text-properties");
    vb_xml_attr(x, "style:font-name", layout->font);
    vb_xml_attr(x, "fo:font-size", size);
    vb_xml_attr(x, "fo:color", "#000000");
    vb_xml_attr(x, "fo:language", "vi");
    vb_xml_attr(x, "fo:country", "VN");
    /* Widths are computed without kerning, as Word sets text by default. */
    vb_xml_attr(x, "style:letter-kerning", "false");
    vb_xml_end(x);
    vb_xml_end(x);

    vb_xml_start(x, "style:style");
    vb_xml_attr(x, "style:name", "Standard");
    vb_xml_attr(x, "style:family", "paragraph");
    vb_xml_attr(x, "style:class", "text");
    vb_xml_end(x);
}

static void write_element_style(vb_xml *x, const vb_layout *layout, vb_element el)
{
    vb_xml_start(x, "style:style");
    vb_xml_attr(x, "style:name", vb_element_style_id(el));
    vb_xml_attr(x, "style:display-name", layout->style_names[el]);
    vb_xml_attr(x, "style:family", "paragraph");
    vb_xml_attr(x, "style:parent-style-name", "Standard");
    vb_xml_attr(x, "style:class", "text");
    vb_odf_paragraph_properties(x, layout, el);
    vb_odf_text_properties(x, layout, el);
    vb_xml_end(x);
}

/* The A4 page, upright ("VbPage") or turned ("VbPageLandscape", the same margins). */
static void write_page_layout(vb_xml *x, const vb_layout *l, int landscape)
{
    vb_xml_start(x, "style:page-layout");
    vb_xml_attr(x, "style:name", landscape ? "VbPageLandscape" : "VbPage");
    vb_xml_start(x, "style:page-layout-properties");
    vb_odf_attr_length(x, "fo:page-width", landscape ? l->page_height_twips : l->page_width_twips);
    vb_odf_attr_length(x, "fo:page-height", landscape ? l->page_width_twips : l->page_height_twips);
    vb_xml_attr(x, "style:num-format", "1");
    vb_xml_attr(x, "style:print-orientation", landscape ? "landscape" : "portrait");
    /* The header sits between the page edge + header distance and the top margin, as in
     * Word: the page margin is the header distance and the header fills the rest. */
    vb_odf_attr_length(x, "fo:margin-top", l->header_distance_twips);
    vb_odf_attr_length(x, "fo:margin-bottom", l->margin_bottom_twips);
    vb_odf_attr_length(x, "fo:margin-left", l->margin_left_twips);
    vb_odf_attr_length(x, "fo:margin-right", l->margin_right_twips);
    vb_xml_attr(x, "style:writing-mode", "lr-tb");
    vb_xml_end(x);
    vb_xml_start(x, "style:header-style");
    vb_xml_start(x, "style:header-footer-properties");
    vb_odf_attr_length(x, "fo:min-height", l->margin_top_twips - l->header_distance_twips);
    vb_odf_attr_length(x, "fo:margin-left", 0);
    vb_odf_attr_length(x, "fo:margin-right", 0);
    vb_odf_attr_length(x, "fo:margin-bottom", 0);
    vb_xml_attr(x, "style:dynamic-spacing", "false");
    vb_xml_end(x);
    vb_xml_end(x);
    vb_xml_end(x);
}

static void write_master_page(vb_xml *x, const char *name, const char *display, const char *next,
                              int with_page_number, int landscape)
{
    vb_xml_start(x, "style:master-page");
    vb_xml_attr(x, "style:name", name);
    if (display)
        vb_xml_attr(x, "style:display-name", display);
    vb_xml_attr(x, "style:page-layout-name", landscape ? "VbPageLandscape" : "VbPage");
    if (next)
        vb_xml_attr(x, "style:next-style-name", next);
    vb_xml_start(x, "style:header");
    vb_xml_start(x, "text:p");
    vb_xml_attr(x, "text:style-name", vb_element_style_id(VB_EL_PAGE_NUMBER));
    if (with_page_number) {
        /* NĐ30 §I: Arabic page number centred in the top margin, from page 2. */
        vb_xml_start(x, "text:page-number");
        vb_xml_attr(x, "text:select-page", "current");
        vb_xml_text(x, "2");
        vb_xml_end(x);
    }
    vb_xml_end(x);
    vb_xml_end(x);
    vb_xml_end(x);
}

/* Footnote marks raised, in the body and before the note, as Word sets them. LibreOffice
 * takes them from its own character styles, found by name: "Footnote anchor" in the text
 * and "Footnote Symbol" before the note, whose default is full size (the note read
 * "1Công văn …"). */
static void write_note_mark_styles(vb_xml *x)
{
    static const char *const styles[][2] = {{"Footnote_20_anchor", "Footnote anchor"},
                                            {"Footnote_20_Symbol", "Footnote Symbol"}};
    for (size_t i = 0; i < 2; i++) {
        vb_xml_start(x, "style:style");
        vb_xml_attr(x, "style:name", styles[i][0]);
        vb_xml_attr(x, "style:display-name", styles[i][1]);
        vb_xml_attr(x, "style:family", "text");
        vb_xml_start(x, "style:text-properties");
        vb_xml_attr(x, "style:text-position", "super 58%");
        vb_xml_end(x);
        vb_xml_end(x);
    }
}

int vb_odt_styles_xml(const vb_layout *layout, const vb_document *doc, vb_part *out)
{
    /* Some 20 KiB: compressed in the background while the other parts are written. */
    vb_xml *x = vb_xml_new_deflating(0);
    write_root(x, "office:document-styles");
    write_font_faces(x, layout);
    vb_xml_start(x, "office:styles");
    write_default_style(x, layout);
    for (int el = 0; el < VB_EL_COUNT; el++)
        if (!doc || vb_compose_uses(doc, (vb_element)el))
            write_element_style(x, layout, (vb_element)el);
    if (doc && (vb_compose_uses(doc, VB_EL_CIRCULATION) || vb_compose_uses(doc, VB_EL_DRAFT_MARK) ||
                vb_compose_uses(doc, VB_EL_CONTACT))) {
        /* The parent of the frames of ô 11, the draft mark and ô 13 (content.xml). */
        vb_xml_start(x, "style:style");
        vb_xml_attr(x, "style:name", "Frame");
        vb_xml_attr(x, "style:family", "graphic");
        vb_xml_end(x);
    }
    write_note_mark_styles(x);
    vb_xml_end(x);
    vb_xml_start(x, "office:automatic-styles");
    write_page_layout(x, layout, 0);
    write_page_layout(x, layout, 1);
    vb_xml_end(x);
    vb_xml_start(x, "office:master-styles");
    write_master_page(x, VB_ODF_OTHER_PAGES, NULL, NULL, 1, 0);
    write_master_page(x, VB_ODF_FIRST_PAGE, "First Page", VB_ODF_OTHER_PAGES, 0, 0);
    write_master_page(x, VB_ODF_LANDSCAPE, "Landscape", NULL, 1, 1);
    write_master_page(x, VB_ODF_LANDSCAPE_FIRST, "Landscape First Page", VB_ODF_LANDSCAPE, 0, 1);
    vb_xml_end(x);
    vb_xml_end(x);
    return vb_part_take_deflated(out, "styles.xml", x, NULL, 0);
}
