#define _GNU_SOURCE /* memmem */
#include "wml.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "layout/geometry.h"
#include "model/model.h"

const vb_wml_para VB_WML_PLAIN = {-1, -1, -1, 0, 0, -1, -1, 0, 0, -1, 0, 0, 0, 0, 0, 0};

const char *vb_wml_jc_value(vb_align a)
{
    switch (a) {
    case VB_ALIGN_CENTER:
        return "center";
    case VB_ALIGN_RIGHT:
        return "right";
    case VB_ALIGN_JUSTIFY:
        return "both";
    default:
        return "left";
    }
}

void vb_wml_start_paragraph(vb_xml *x, vb_element element, const vb_wml_para *p)
{
    if (!p)
        p = &VB_WML_PLAIN;
    vb_xml_start(x, "w:p");
    vb_xml_start(x, "w:pPr");
    /* CT_PPrBase order: pStyle, keepNext, pageBreakBefore, pBdr, spacing, ind, jc. */
    vb_xml_empty(x, "w:pStyle", "w:val", vb_element_style_id(element));
    if (p->keep_with_next)
        vb_xml_empty(x, "w:keepNext", NULL, NULL);
    if (p->page_break_before)
        vb_xml_empty(x, "w:pageBreakBefore", NULL, NULL);
    if (p->frame_width > 0) {
        /* Out of the flow at a fixed place of the page; text goes above and below it. */
        vb_xml_start(x, "w:framePr");
        vb_xml_attr_int(x, "w:w", p->frame_width);
        vb_xml_attr_int(x, "w:h", p->frame_height);
        vb_xml_attr(x, "w:hRule", "exact");
        vb_xml_attr(x, "w:wrap", "notBeside");
        vb_xml_attr(x, "w:vAnchor", "page");
        vb_xml_attr(x, "w:hAnchor", "page");
        vb_xml_attr_int(x, "w:x", p->frame_x);
        vb_xml_attr_int(x, "w:y", p->frame_y);
        vb_xml_end(x);
    }
    if (p->rule_below || p->box_height > 0 || p->rule_above) {
        /* CT_PBdr order: top, left, bottom, right */
        static const char *const sides[] = {"w:top", "w:left", "w:bottom", "w:right"};
        vb_xml_start(x, "w:pBdr");
        for (int i = 0; i < 4; i++) {
            if (p->box_height <= 0 && !(i == 2 && p->rule_below) && !(i == 0 && p->rule_above))
                continue;
            vb_xml_start(x, sides[i]);
            vb_xml_attr(x, "w:val", "single");
            vb_xml_attr_int(x, "w:sz", (long)(p->rule_pt * 8 + 0.5)); /* eighths of a point */
            vb_xml_attr(x, "w:space", "0");
            vb_xml_attr(x, "w:color", "000000");
            vb_xml_end(x);
        }
        vb_xml_end(x);
    }
    if (p->space_before >= 0 || p->space_after >= 0 || p->box_height > 0) {
        vb_xml_start(x, "w:spacing");
        if (p->space_before >= 0)
            vb_xml_attr_int(x, "w:before", p->space_before);
        if (p->space_after >= 0)
            vb_xml_attr_int(x, "w:after", p->space_after);
        if (p->box_height > 0) {
            /* The box is one line of exactly its height. */
            vb_xml_attr_int(x, "w:line", p->box_height);
            vb_xml_attr(x, "w:lineRule", "exact");
        }
        vb_xml_end(x);
    }
    if (p->indent_left >= 0 || p->indent_right >= 0 || p->indent_first >= 0) {
        vb_xml_start(x, "w:ind");
        if (p->indent_left >= 0)
            vb_xml_attr_int(x, "w:left", p->indent_left);
        if (p->indent_right >= 0)
            vb_xml_attr_int(x, "w:right", p->indent_right);
        if (p->indent_first >= 0)
            vb_xml_attr_int(x, "w:firstLine", p->indent_first);
        vb_xml_end(x);
    }
    if (p->align >= 0)
        vb_xml_empty(x, "w:jc", "w:val", vb_wml_jc_value((vb_align)p->align));
    vb_xml_end(x); /* w:pPr */
}

void vb_wml_end_paragraph(vb_xml *x)
{
    vb_xml_end(x);
}

/* Whether a w:t needs xml:space="preserve": without it a reader may drop spaces at either
 * end and fold runs of them (XML's default white-space handling). Most text has neither. */
static int needs_preserve(const char *text, size_t len)
{
    if (len == 0)
        return 0;
    if (text[0] == ' ' || text[0] == '\t' || text[len - 1] == ' ' || text[len - 1] == '\t')
        return 1;
    /* Two blanks in a row: any pair with a tab is found by looking for the tab. */
    return memchr(text, '\t', len) != NULL || memmem(text, len, "  ", 2) != NULL;
}

static void write_t(vb_xml *x, const char *text, size_t len)
{
    char *copy = vb_xmalloc(len + 1);
    memcpy(copy, text, len);
    copy[len] = '\0';
    vb_xml_start(x, "w:t");
    if (needs_preserve(copy, len))
        vb_xml_attr(x, "xml:space", "preserve");
    vb_xml_text(x, copy);
    vb_xml_end(x);
    free(copy);
}

/* The text of one line: a hyphen between two digits ("9-10/2025", "2021-2025") is Word's
 * non-breaking hyphen, so no line ends inside a date or a range. */
static void write_text(vb_xml *x, const char *text, size_t len)
{
    size_t start = 0;
    for (size_t i = 1; i + 1 < len; i++) {
        if (text[i] == '-' && text[i - 1] >= '0' && text[i - 1] <= '9' && text[i + 1] >= '0' &&
            text[i + 1] <= '9') {
            write_t(x, text + start, i - start);
            vb_xml_empty(x, "w:noBreakHyphen", NULL, NULL);
            start = i + 1;
        }
    }
    write_t(x, text + start, len - start);
}

void vb_wml_run(vb_xml *x, const char *text, unsigned style)
{
    vb_xml_start(x, "w:r");
    if (style) {
        vb_xml_start(x, "w:rPr");
        if (style & VB_RUN_BOLD)
            vb_xml_empty(x, "w:b", NULL, NULL);
        if (style & VB_RUN_ITALIC)
            vb_xml_empty(x, "w:i", NULL, NULL);
        vb_xml_end(x);
    }
    /* A '\n' in the text is a line break inside the paragraph (balanced titles). */
    const char *line = text;
    for (;;) {
        const char *nl = strchr(line, '\n');
        size_t len = nl ? (size_t)(nl - line) : strlen(line);
        if (len > 0) {
            char *part = NULL; /* the last line is used as it is; others are copied out */
            if (nl) {
                part = vb_xmalloc(len + 1);
                memcpy(part, line, len);
                part[len] = '\0';
            }
            write_text(x, part ? part : line, len);
            free(part);
        }
        if (!nl)
            break;
        vb_xml_empty(x, "w:br", NULL, NULL);
        line = nl + 1;
    }
    vb_xml_end(x);
}

void vb_wml_paragraph(vb_xml *x, vb_element element, const char *text)
{
    vb_wml_start_paragraph(x, element, NULL);
    if (text && *text)
        vb_wml_run(x, text, 0);
    vb_wml_end_paragraph(x);
}

void vb_wml_rule(vb_xml *x, const vb_layout *layout, int width, int length, int space_after)
{
    vb_wml_para p = VB_WML_PLAIN;
    p.space_after = space_after;
    p.indent_left = vb_rule_indent(width, length);
    p.indent_right = vb_rule_indent_right(width, length);
    p.indent_first = 0;
    p.rule_below = 1;
    p.rule_pt = layout->rule_thickness_pt;
    vb_wml_start_paragraph(x, VB_EL_RULE, &p);
    vb_wml_end_paragraph(x);
}

static void border(vb_xml *x, const char *side, double pt)
{
    vb_xml_start(x, side);
    vb_xml_attr(x, "w:val", "single");
    vb_xml_attr_int(x, "w:sz", (long)(pt * 8 + 0.5)); /* eighths of a point */
    vb_xml_attr(x, "w:space", "0");
    vb_xml_attr(x, "w:color", "000000");
    vb_xml_end(x);
}

static void cell_margin(vb_xml *x, const char *side, int twips)
{
    vb_xml_start(x, side);
    vb_xml_attr_int(x, "w:w", twips);
    vb_xml_attr(x, "w:type", "dxa");
    vb_xml_end(x);
}

void vb_wml_start_table(vb_xml *x, const int *widths, int columns, double border_pt, int cell_air)
{
    int total = 0;
    for (int i = 0; i < columns; i++)
        total += widths[i];
    vb_xml_start(x, "w:tbl");
    vb_xml_start(x, "w:tblPr");
    vb_xml_start(x, "w:tblW");
    vb_xml_attr_int(x, "w:w", total);
    vb_xml_attr(x, "w:type", "dxa");
    vb_xml_end(x);
    vb_xml_empty(x, "w:jc", "w:val", "center");
    /* A layout table says no borders at all: its style (TableNormal, styles.xml) has none.
     * Spelling them out as w:val="nil" means the same to Word and LibreOffice, but AbiWord
     * draws a single line for every w:val of a table border but "dashed". */
    if (border_pt > 0) {
        vb_xml_start(x, "w:tblBorders");
        static const char *const sides[] = {"w:top", "w:left", "w:bottom", "w:right", "w:insideH", "w:insideV"};
        for (int i = 0; i < 6; i++)
            border(x, sides[i], border_pt);
        vb_xml_end(x);
    }
    vb_xml_empty(x, "w:tblLayout", "w:type", "fixed");
    /* Layout tables have no padding, so computed widths and rule lengths are the real ones;
     * data tables keep a little air between text and border. */
    vb_xml_start(x, "w:tblCellMar");
    cell_margin(x, "w:left", cell_air);
    cell_margin(x, "w:right", cell_air);
    vb_xml_end(x);
    vb_xml_empty(x, "w:tblLook", "w:val", "0000");
    vb_xml_end(x); /* w:tblPr */
    vb_xml_start(x, "w:tblGrid");
    for (int i = 0; i < columns; i++)
        vb_xml_empty_int(x, "w:gridCol", "w:w", widths[i]);
    vb_xml_end(x);
}

void vb_wml_start_row(vb_xml *x, int header)
{
    vb_xml_start(x, "w:tr");
    vb_xml_start(x, "w:trPr");
    /* A repeated header row marked cantSplit makes LibreOffice push the whole table to the
     * next page; header rows are short and never split anyway. */
    if (header)
        vb_xml_empty(x, "w:tblHeader", NULL, NULL);
    else
        vb_xml_empty(x, "w:cantSplit", NULL, NULL);
    vb_xml_end(x);
}

void vb_wml_start_cell(vb_xml *x, int width, unsigned colspan, int vmerge)
{
    vb_xml_start(x, "w:tc");
    if (width <= 0 && colspan <= 1 && vmerge == 0)
        return; /* nothing to say: no w:tcPr */
    vb_xml_start(x, "w:tcPr");
    if (width > 0) {
        vb_xml_start(x, "w:tcW");
        vb_xml_attr_int(x, "w:w", width);
        vb_xml_attr(x, "w:type", "dxa");
        vb_xml_end(x);
    }
    if (colspan > 1)
        vb_xml_empty_int(x, "w:gridSpan", "w:val", colspan);
    if (vmerge == 1)
        vb_xml_empty(x, "w:vMerge", "w:val", "restart");
    else if (vmerge == 2)
        vb_xml_empty(x, "w:vMerge", NULL, NULL);
    vb_xml_end(x);
}

void vb_wml_end_cell(vb_xml *x)
{
    vb_xml_end(x);
}

void vb_wml_note_reference(vb_xml *x, int id)
{
    vb_xml_start(x, "w:r");
    vb_xml_start(x, "w:rPr");
    vb_xml_empty(x, "w:rStyle", "w:val", VB_DOCX_NOTE_REFERENCE_STYLE);
    vb_xml_empty(x, "w:vertAlign", "w:val", "superscript");
    vb_xml_end(x);
    vb_xml_empty_int(x, "w:footnoteReference", "w:id", id);
    vb_xml_end(x);
}
