/* word/document.xml: the composition (compose.c) spelled in WordprocessingML. It is written
 * into a spool, so a table of any length streams through in bounded memory; footnotes are
 * collected for word/footnotes.xml. */
#include "docx.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "compose/compose.h"
#include "layout/geometry.h"
#include "wml.h"

struct vb_docx_notes {
    char **texts;
    size_t count, cap;
};

typedef struct {
    vb_xml *x;
    const vb_layout *layout;
    vb_section_props section; /* of the section being written */
    vb_docx_notes *notes;
    int in_data_table;
} docx_sink;

/* Footnote ids -1 and 0 are the separators of footnotes.xml (as Word numbers them); notes start at 1. */
#define FIRST_NOTE_ID 1

static void write_paragraph(docx_sink *d, vb_element el, const vb_para_props *props,
                            const vb_frame_props *frame, const vb_span *spans, size_t count);

static void on_paragraph(void *ctx, vb_element el, const vb_para_props *props,
                         const vb_span *spans, size_t count)
{
    write_paragraph(ctx, el, props, NULL, spans, count);
}

static void on_frame(void *ctx, const vb_frame_props *frame, vb_element el,
                     const vb_para_props *props, const vb_span *spans, size_t count)
{
    write_paragraph(ctx, el, props, frame, spans, count);
}

static void write_paragraph(docx_sink *d, vb_element el, const vb_para_props *props,
                            const vb_frame_props *frame, const vb_span *spans, size_t count)
{
    vb_wml_para p = VB_WML_PLAIN;
    if (frame) {
        p.frame_x = frame->x;
        p.frame_y = frame->y;
        p.frame_width = frame->width;
        p.frame_height = frame->height;
    }
    p.rule_above = props->rule_above;
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
    for (size_t i = 0; i < count; i++) {
        if (spans[i].style & VB_RUN_NOTE) {
            vb_docx_notes *n = d->notes;
            if (n->count == n->cap) {
                n->cap = n->cap ? n->cap * 2 : 16;
                n->texts = vb_xrealloc(n->texts, n->cap * sizeof *n->texts);
            }
            n->texts[n->count] = vb_strdup(spans[i].text);
            vb_wml_note_reference(d->x, (int)n->count + FIRST_NOTE_ID);
            n->count++;
            continue;
        }
        vb_wml_run(d->x, spans[i].text, spans[i].style);
    }
    vb_wml_end_paragraph(d->x);
}

static void on_rule(void *ctx, int width, int length, int space_after)
{
    docx_sink *d = ctx;
    vb_wml_rule(d->x, d->layout, width, length, space_after);
}

static void on_table_begin(void *ctx, const int *widths, int columns, const vb_table_props *props)
{
    docx_sink *d = ctx;
    int bordered = props && props->bordered;
    vb_wml_start_table(d->x, widths, columns, bordered ? d->layout->table_border_pt : 0,
                       bordered ? d->layout->table_cell_air_twips : 0);
    d->in_data_table = bordered;
}

static void on_row_begin(void *ctx, int header)
{
    docx_sink *d = ctx;
    vb_wml_start_row(d->x, header);
}

static void on_cell_begin(void *ctx, int column, int width, const vb_cell_span *span)
{
    docx_sink *d = ctx;
    (void)column;
    int vmerge = !span ? 0 : span->continued ? 2 : span->rowspan > 1 ? 1 : 0;
    /* A data table's cells take their widths from its grid; layout tables say them. */
    vb_wml_start_cell(d->x, d->in_data_table ? 0 : width, span ? span->colspan : 1, vmerge);
}

static void on_end(void *ctx)
{
    docx_sink *d = ctx;
    vb_xml_end(d->x);
}

/* Section properties: A4 (turned for landscape), margins, page numbers in the header. */
static void write_section_properties(vb_xml *x, const vb_layout *l, const vb_section_props *s)
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
    vb_xml_empty(x, "w:type", "w:val", "nextPage");
    vb_xml_start(x, "w:pgSz");
    vb_xml_attr_int(x, "w:w", s->landscape ? l->page_height_twips : l->page_width_twips);
    vb_xml_attr_int(x, "w:h", s->landscape ? l->page_width_twips : l->page_height_twips);
    if (s->landscape)
        vb_xml_attr(x, "w:orient", "landscape");
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
    /* Without a start the numbers carry on from the section before. */
    if (s->restart_numbering)
        vb_xml_empty(x, "w:pgNumType", "w:start", "1");
    vb_xml_empty(x, "w:cols", "w:space", "720");
    /* No page number on a first page (NĐ30 Phụ lục I §I.7): the empty first-page header. */
    if (s->first_page_unnumbered)
        vb_xml_empty(x, "w:titlePg", NULL, NULL);
    vb_xml_end(x);
}

/* A paragraph that takes no room: hidden, 1 pt high, of a 1 pt font. Word ends a section
 * with the paragraph that carries its properties, and always adds a paragraph after a table
 * that ends the document (LibreOffice does too); a paragraph of the body's height there
 * makes a page of its own when the table ends near the bottom margin. `section`: the
 * properties of the section it ends, or NULL for the document's last paragraph (the body's
 * own w:sectPr follows it). */
static void write_empty_end_paragraph(vb_xml *x, const vb_layout *layout,
                                      const vb_section_props *section)
{
    vb_xml_start(x, "w:p");
    vb_xml_start(x, "w:pPr");
    vb_xml_empty(x, "w:pStyle", "w:val", VB_DOCX_END_STYLE);
    vb_xml_start(x, "w:spacing");
    vb_xml_attr(x, "w:before", "0");
    vb_xml_attr(x, "w:after", "0");
    vb_xml_attr(x, "w:line", "20");
    vb_xml_attr(x, "w:lineRule", "exact");
    vb_xml_end(x);
    /* CT_PPr: the paragraph mark's run properties, then the section's. */
    vb_xml_start(x, "w:rPr");
    vb_xml_empty(x, "w:vanish", NULL, NULL);
    vb_xml_empty(x, "w:sz", "w:val", "2");
    vb_xml_empty(x, "w:szCs", "w:val", "2");
    vb_xml_end(x);
    if (section)
        write_section_properties(x, layout, section);
    vb_xml_end(x); /* w:pPr */
    /* LibreOffice drops the mark's properties of an empty paragraph but hides a paragraph
     * whose only text is hidden: one hidden space. */
    vb_xml_start(x, "w:r");
    vb_xml_start(x, "w:rPr");
    vb_xml_empty(x, "w:vanish", NULL, NULL);
    vb_xml_end(x);
    vb_xml_start(x, "w:t");
    vb_xml_attr(x, "xml:space", "preserve");
    vb_xml_text(x, " ");
    vb_xml_end(x);
    vb_xml_end(x); /* w:r */
    vb_xml_end(x); /* w:p */
}

static void on_section_break(void *ctx, const vb_section_props *next)
{
    docx_sink *d = ctx;
    write_empty_end_paragraph(d->x, d->layout, &d->section);
    d->section = *next;
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
    .section_break = on_section_break,
    .frame = on_frame,
};

vb_docx_notes *vb_docx_notes_new(void)
{
    return vb_xcalloc(1, sizeof(vb_docx_notes));
}

void vb_docx_notes_free(vb_docx_notes *n)
{
    if (!n)
        return;
    for (size_t i = 0; i < n->count; i++)
        free(n->texts[i]);
    free(n->texts);
    free(n);
}

size_t vb_docx_notes_count(const vb_docx_notes *n)
{
    return n->count;
}

const char *vb_docx_note_text(const vb_docx_notes *n, size_t i)
{
    return n->texts[i];
}

int vb_docx_note_id(size_t i)
{
    return (int)i + FIRST_NOTE_ID;
}

int vb_docx_document_xml(const vb_document *doc, const vb_layout *layout, vb_part *out,
                         vb_docx_notes *notes, char *err, size_t err_size)
{
    vb_geometry geo;
    vb_geometry_compute(layout, doc, &geo);
    docx_sink d = {vb_xml_new_deflating(1), layout, {0, 1, 1}, notes, 0};
    vb_xml_start(d.x, "w:document");
    vb_xml_attr(d.x, "xmlns:w", VB_WML_NS);
    vb_xml_attr(d.x, "xmlns:r", VB_REL_NS);
    vb_xml_start(d.x, "w:body");
    if (vb_compose(doc, layout, &geo, &docx_document_sink, &d, err, err_size) < 0) {
        vb_xml_free(d.x);
        return -1;
    }
    write_empty_end_paragraph(d.x, layout, NULL);
    write_section_properties(d.x, layout, &d.section);
    vb_xml_end(d.x);
    vb_xml_end(d.x);
    if (vb_part_take_deflated(out, "word/document.xml", d.x, err, err_size) < 0)
        return -1;
    return 0;
}
