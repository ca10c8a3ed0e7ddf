/* word/document.xml: the composition (compose.c) spelled in WordprocessingML. */
#include "docx.h"

#include "../compose.h"
#include "../geometry.h"
#include "wml.h"

typedef struct {
    vb_xml *x;
    const vb_layout *layout;
} docx_sink;

static void on_paragraph(void *ctx, vb_element el, const vb_para_props *props,
                         const vb_span *spans, size_t count)
{
    docx_sink *d = ctx;
    vb_wml_para p = VB_WML_PLAIN;
    p.indent_left = props->indent_left;
    p.indent_right = props->indent_right;
    p.indent_first = props->indent_first;
    p.space_before = props->space_before;
    p.space_after = props->space_after;
    p.keep_with_next = props->keep_with_next;
    p.align = props->align;
    p.box_height = props->box_width > 0 ? props->box_height : 0;
    p.rule_pt = d->layout->rule_thickness_pt;
    vb_wml_start_paragraph(d->x, el, &p);
    for (size_t i = 0; i < count; i++)
        vb_wml_run(d->x, spans[i].text, spans[i].style);
    vb_wml_end_paragraph(d->x);
}

static void on_rule(void *ctx, int width, int length, int space_after)
{
    docx_sink *d = ctx;
    vb_wml_rule(d->x, d->layout, width, length, space_after);
}

static void on_table_begin(void *ctx, const int *widths, int columns)
{
    docx_sink *d = ctx;
    vb_wml_start_table(d->x, widths, columns);
}

static void on_row_begin(void *ctx)
{
    docx_sink *d = ctx;
    vb_xml_start(d->x, "w:tr");
    vb_xml_start(d->x, "w:trPr");
    vb_xml_empty(d->x, "w:cantSplit", NULL, NULL);
    vb_xml_end(d->x);
}

static void on_cell_begin(void *ctx, int column, int width)
{
    docx_sink *d = ctx;
    (void)column;
    vb_wml_start_cell(d->x, width);
}

static void on_end(void *ctx)
{
    docx_sink *d = ctx;
    vb_xml_end(d->x);
}

static const vb_sink docx_document_sink = {
    .paragraph = on_paragraph,
    .rule = on_rule,
    .table_begin = on_table_begin,
    .row_begin = on_row_begin,
    .cell_begin = on_cell_begin,
    .cell_end = on_end,
    .row_end = on_end,
    .table_end = on_end,
};

/* Section properties: A4, margins, page numbers from page 2. */
static void write_section_properties(vb_xml *x, const vb_layout *l)
{
    vb_xml_start(x, "w:sectPr");
    vb_xml_start(x, "w:headerReference");
    vb_xml_attr(x, "w:type", "default");
    vb_xml_attr(x, "r:id", VB_DOCX_REL_HEADER_PAGES);
    vb_xml_end(x);
    vb_xml_start(x, "w:headerReference");
    vb_xml_attr(x, "w:type", "first");
    vb_xml_attr(x, "r:id", VB_DOCX_REL_HEADER_FIRST);
    vb_xml_end(x);
    vb_xml_start(x, "w:pgSz");
    vb_xml_attr_int(x, "w:w", l->page_width_twips);
    vb_xml_attr_int(x, "w:h", l->page_height_twips);
    vb_xml_end(x);
    vb_xml_start(x, "w:pgMar");
    vb_xml_attr_int(x, "w:top", l->margin_top_twips);
    vb_xml_attr_int(x, "w:right", l->margin_right_twips);
    vb_xml_attr_int(x, "w:bottom", l->margin_bottom_twips);
    vb_xml_attr_int(x, "w:left", l->margin_left_twips);
    vb_xml_attr_int(x, "w:header", l->header_distance_twips);
    vb_xml_attr_int(x, "w:footer", l->footer_distance_twips);
    vb_xml_attr(x, "w:gutter", "0");
    vb_xml_end(x);
    vb_xml_empty(x, "w:pgNumType", "w:start", "1");
    vb_xml_empty(x, "w:cols", "w:space", "720");
    /* No page number on page 1 (NĐ30 Phụ lục I §I): a distinct, empty first-page header. */
    vb_xml_empty(x, "w:titlePg", NULL, NULL);
    vb_xml_end(x);
}

int vb_docx_document_xml(const vb_document *doc, const vb_layout *layout, vb_part *out)
{
    vb_geometry geo;
    vb_geometry_compute(layout, doc, &geo);
    docx_sink d = {vb_xml_new(1), layout};
    vb_xml_start(d.x, "w:document");
    vb_xml_attr(d.x, "xmlns:w", VB_WML_NS);
    vb_xml_attr(d.x, "xmlns:r", VB_REL_NS);
    vb_xml_start(d.x, "w:body");
    vb_compose(doc, layout, &geo, &docx_document_sink, &d);
    write_section_properties(d.x, layout);
    vb_xml_end(d.x);
    vb_xml_end(d.x);
    return vb_part_take(out, "word/document.xml", d.x);
}
