/* content.xml: the composition (compose.c) spelled in OpenDocument. Paragraphs that differ
 * from their element style (indents, rules, spacing) need automatic styles declared before
 * the body, so the composition runs twice: once to collect them, once to write. */
#include "odt.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "compose/compose.h"
#include "layout/geometry.h"

/* Where a section break sends the next paragraph or table: a master page, and whether the
 * page numbers start again. */
typedef struct {
    const char *master; /* NULL: stays on the current page sequence */
    int restart;
} page_start;

typedef struct {
    vb_element element;
    vb_para_props props;
    int rule_length, rule_width; /* a rule paragraph when rule_length > 0 */
    page_start page;
} para_style;

typedef struct {
    int *widths;
    int columns;
    int bordered;
    page_start page;
} table_style;

typedef struct {
    const vb_layout *layout;
    vb_xml *x; /* NULL while collecting */
    para_style *paras;
    size_t para_count;
    table_style *tables;
    size_t table_count, table_cap, tables_written;
    int column;
    page_start pending;      /* for the next paragraph or table */
    int first_element_done;  /* page 1 opens with the first element */
    int in_header_rows;      /* inside table:table-header-rows */
    int table_bordered;      /* the table being written */
    unsigned pending_covered;/* covered cells to write after the current cell */
    int row_index;           /* of the current row in its table, from 0 */
    unsigned note_count;
    unsigned frame_count;    /* frames met (ô 11, the draft mark, ô 13): graphic styles Fr<n> */
    int frame_in_margin[4];  /* of each frame, from the first pass: wholly in the top margin */
    struct pending_frame {   /* frames waiting for the next paragraph, which anchors them */
        vb_frame_props frame;
        char style[64];
        char *text;
        unsigned index;
    } pending_frames[4];
    size_t pending_frame_count;
} odt_sink;

/* The first element of the document opens page 1, which shows no number. */
static page_start take_page_start(odt_sink *s)
{
    page_start p = s->pending;
    if (!s->first_element_done) {
        s->first_element_done = 1;
        if (!p.master)
            p.master = VB_ODF_FIRST_PAGE;
    }
    s->pending.master = NULL;
    s->pending.restart = 0;
    return p;
}

static int para_style_equal(const para_style *a, const para_style *b)
{
    return a->element == b->element && a->rule_length == b->rule_length &&
           a->page.master == b->page.master && a->page.restart == b->page.restart &&
           a->rule_width == b->rule_width &&
           a->props.indent_left == b->props.indent_left &&
           a->props.indent_right == b->props.indent_right &&
           a->props.indent_first == b->props.indent_first &&
           a->props.space_before == b->props.space_before &&
           a->props.space_after == b->props.space_after &&
           a->props.keep_with_next == b->props.keep_with_next && a->props.align == b->props.align &&
           a->props.box_width == b->props.box_width && a->props.box_height == b->props.box_height &&
           a->props.rule_above == b->props.rule_above;
}

static int is_plain(const para_style *p)
{
    return p->rule_length == 0 && !p->page.master && p->props.indent_left < 0 && p->props.indent_right < 0 &&
           p->props.indent_first < 0 && p->props.space_before < 0 && p->props.space_after < 0 &&
           !p->props.keep_with_next && p->props.align < 0 && p->props.box_width == 0 &&
           !p->props.rule_above;
}

/* The style name a paragraph uses: its element style, or an automatic "P<n>". */
static void para_style_name(odt_sink *s, const para_style *p, char *buf, size_t size)
{
    if (is_plain(p)) {
        snprintf(buf, size, "%s", vb_element_style_id(p->element));
        return;
    }
    for (size_t i = 0; i < s->para_count; i++) {
        if (para_style_equal(&s->paras[i], p)) {
            snprintf(buf, size, "P%zu", i + 1);
            return;
        }
    }
    s->paras = vb_xrealloc(s->paras, (s->para_count + 1) * sizeof *s->paras);
    s->paras[s->para_count++] = *p;
    snprintf(buf, size, "P%zu", s->para_count);
}

static void write_note(odt_sink *s, const char *text)
{
    vb_xml *x = s->x;
    char id[32], citation[16];
    s->note_count++;
    snprintf(id, sizeof id, "ftn%u", s->note_count);
    snprintf(citation, sizeof citation, "%u", s->note_count);
    vb_xml_start(x, "text:note");
    vb_xml_attr(x, "text:id", id);
    vb_xml_attr(x, "text:note-class", "footnote");
    vb_xml_start(x, "text:note-citation");
    vb_xml_text(x, citation);
    vb_xml_end(x);
    vb_xml_start(x, "text:note-body");
    vb_xml_start(x, "text:p");
    vb_xml_attr(x, "text:style-name", vb_element_style_id(VB_EL_FOOTNOTE));
    /* "¹ Công văn …": a space after the raised number, as the DOCX has. */
    vb_xml_empty(x, "text:s", NULL, NULL);
    vb_odf_text(x, text);
    vb_xml_end(x);
    vb_xml_end(x);
    vb_xml_end(x);
}

static void write_spans(odt_sink *s, const vb_span *spans, size_t count)
{
    static const char *const span_styles[] = {NULL, "VbB", "VbI", "VbBI"};
    vb_xml *x = s->x;
    for (size_t i = 0; i < count; i++) {
        if (spans[i].style & VB_RUN_NOTE) {
            write_note(s, spans[i].text);
            continue;
        }
        unsigned style = spans[i].style & (VB_RUN_BOLD | VB_RUN_ITALIC);
        if (style) {
            vb_xml_start(x, "text:span");
            vb_xml_attr(x, "text:style-name", span_styles[style]);
        }
        vb_odf_text(x, spans[i].text);
        if (style)
            vb_xml_end(x);
    }
}

static void write_pending_frames(odt_sink *s);

static void on_paragraph(void *ctx, vb_element el, const vb_para_props *props,
                         const vb_span *spans, size_t count)
{
    odt_sink *s = ctx;
    para_style p = {el, *props, 0, 0, take_page_start(s)};
    char name[64];
    para_style_name(s, &p, name, sizeof name);
    if (!s->x)
        return;
    vb_xml_start(s->x, "text:p");
    vb_xml_attr(s->x, "text:style-name", name);
    write_pending_frames(s);
    write_spans(s, spans, count);
    vb_xml_end(s->x);
}

static void write_pending_frames(odt_sink *s);

/* A frame on page 1 (ô 11, the draft mark, ô 13); the text goes above and below it. */
static void on_frame(void *ctx, const vb_frame_props *f, vb_element el, const vb_para_props *props,
                     const vb_span *spans, size_t count)
{
    odt_sink *s = ctx;
    para_style p = {el, *props, 0, 0, {NULL, 0}};
    char name[64];
    para_style_name(s, &p, name, sizeof name);
    if (s->frame_count < sizeof s->frame_in_margin / sizeof *s->frame_in_margin)
        s->frame_in_margin[s->frame_count] = f->y + f->height <= s->layout->margin_top_twips;
    s->frame_count++;
    /* Written inside the next paragraph (on page 1), anchored to page 1 and placed from
     * its corner. Anchored to that paragraph, AbiWord places it from the paragraph, not from
     * the page the style names; written before the header table, at the start of the text,
     * AbiWord puts its text into the table's first cell. */
    if (s->pending_frame_count == sizeof s->pending_frames / sizeof *s->pending_frames)
        return;
    if (!s->x)
        return;
    struct pending_frame *pf = &s->pending_frames[s->pending_frame_count++];
    pf->frame = *f;
    snprintf(pf->style, sizeof pf->style, "%s", name);
    size_t n = 1;
    for (size_t i = 0; i < count; i++)
        n += strlen(spans[i].text);
    pf->text = vb_xcalloc(n, 1);
    for (size_t i = 0; i < count; i++)
        strcat(pf->text, spans[i].text);
    pf->index = s->frame_count;
}

static void write_pending_frames(odt_sink *s)
{
    vb_xml *x = s->x;
    for (size_t i = 0; i < s->pending_frame_count; i++) {
        struct pending_frame *pf = &s->pending_frames[i];
        char frame[32], style[32];
        snprintf(frame, sizeof frame, "Frame%u", pf->index);
        snprintf(style, sizeof style, "Fr%u", pf->index);
        vb_xml_start(x, "draw:frame");
        vb_xml_attr(x, "xmlns:draw", VB_ODF_DRAW);
        vb_xml_attr(x, "xmlns:svg", VB_ODF_SVG);
        vb_xml_attr(x, "draw:style-name", style);
        vb_xml_attr(x, "draw:name", frame);
        vb_xml_attr(x, "text:anchor-type", "page");
        vb_xml_attr(x, "text:anchor-page-number", "1");
        vb_odf_attr_length(x, "svg:x", pf->frame.x);
        vb_odf_attr_length(x, "svg:y", pf->frame.y);
        vb_odf_attr_length(x, "svg:width", pf->frame.width);
        vb_odf_attr_length(x, "svg:height", pf->frame.height);
        vb_xml_start(x, "draw:text-box");
        vb_xml_start(x, "text:p");
        vb_xml_attr(x, "text:style-name", pf->style);
        vb_odf_text(x, pf->text);
        vb_xml_end(x);
        vb_xml_end(x);
        vb_xml_end(x);
        free(pf->text);
    }
    s->pending_frame_count = 0;
}

static void write_frame_styles(vb_xml *x, const odt_sink *s, unsigned count)
{
    for (unsigned i = 1; i <= count; i++) {
        char name[32];
        snprintf(name, sizeof name, "Fr%u", i);
        vb_xml_start(x, "style:style");
        vb_xml_attr(x, "style:name", name);
        vb_xml_attr(x, "style:family", "graphic");
        /* A frame style derives from "Frame", or LibreOffice reads it as a drawing shape */
        vb_xml_attr(x, "style:parent-style-name", "Frame");
        vb_xml_attr(x, "xmlns:draw", VB_ODF_DRAW);
        vb_xml_start(x, "style:graphic-properties");
        vb_xml_attr(x, "draw:fill", "none");
        vb_xml_attr(x, "fo:background-color", "transparent");
        vb_odf_attr_length(x, "fo:padding", 0);
        /* Side by side, not fo:border: AbiWord reads a frame's borders only that way and
         * draws the ones it does not find. */
        static const char *const sides[] = {"fo:border-top", "fo:border-bottom", "fo:border-left",
                                            "fo:border-right"};
        for (size_t side = 0; side < 4; side++)
            vb_xml_attr(x, sides[side], "none");
        /* A frame in the top margin shares no line with the text: nothing to wrap, and with
         * "none" LibreOffice pushes the page's first table down by a few points when the
         * frame is anchored to the page. The text goes above and below any other. */
        int in_margin = i <= sizeof s->frame_in_margin / sizeof *s->frame_in_margin &&
                        s->frame_in_margin[i - 1];
        vb_xml_attr(x, "style:wrap", in_margin ? "run-through" : "none");
        vb_xml_attr(x, "style:vertical-pos", "from-top");
        vb_xml_attr(x, "style:vertical-rel", "page");
        vb_xml_attr(x, "style:horizontal-pos", "from-left");
        vb_xml_attr(x, "style:horizontal-rel", "page");
        vb_xml_end(x);
        vb_xml_end(x);
    }
}

static void on_rule(void *ctx, int width, int length, int space_after)
{
    odt_sink *s = ctx;
    para_style p = {VB_EL_RULE, VB_PARA_DEFAULT, length, width, take_page_start(s)};
    p.props.space_after = space_after;
    char name[64];
    para_style_name(s, &p, name, sizeof name);
    if (!s->x)
        return;
    vb_xml_start(s->x, "text:p");
    vb_xml_attr(s->x, "text:style-name", name);
    vb_xml_end(s->x);
}

static void on_table_begin(void *ctx, const int *widths, int columns, const vb_table_props *props)
{
    odt_sink *s = ctx;
    page_start page = take_page_start(s);
    s->table_bordered = props && props->bordered;
    s->row_index = -1;
    if (!s->x) {
        if (s->table_count == s->table_cap) {
            s->table_cap = s->table_cap ? s->table_cap * 2 : 4;
            s->tables = vb_xrealloc(s->tables, s->table_cap * sizeof *s->tables);
        }
        table_style *t = &s->tables[s->table_count++];
        t->widths = vb_xmalloc((size_t)columns * sizeof *widths);
        memcpy(t->widths, widths, (size_t)columns * sizeof *widths);
        t->columns = columns;
        t->bordered = s->table_bordered;
        t->page = page;
        return;
    }
    size_t index = ++s->tables_written;
    char name[64];
    snprintf(name, sizeof name, "Tbl%zu", index);
    vb_xml_start(s->x, "table:table");
    vb_xml_attr(s->x, "table:name", name);
    vb_xml_attr(s->x, "table:style-name", name);
    for (int i = 0; i < columns; i++) {
        char column[80];
        snprintf(column, sizeof column, "Tbl%zu.C%d", index, i + 1);
        vb_xml_start(s->x, "table:table-column");
        vb_xml_attr(s->x, "table:style-name", column);
        vb_xml_end(s->x);
    }
}

static void on_row_begin(void *ctx, int header)
{
    odt_sink *s = ctx;
    s->row_index++;
    if (!s->x)
        return;
    /* Header rows come first, inside table:table-header-rows: they repeat on every page. */
    if (header && !s->in_header_rows) {
        vb_xml_start(s->x, "table:table-header-rows");
        s->in_header_rows = 1;
    } else if (!header && s->in_header_rows) {
        vb_xml_end(s->x);
        s->in_header_rows = 0;
    }
    vb_xml_start(s->x, "table:table-row");
    vb_xml_attr(s->x, "table:style-name", "VbRow");
}

static void on_cell_begin(void *ctx, int column, int width, const vb_cell_span *span)
{
    odt_sink *s = ctx;
    (void)width;
    s->column = column;
    if (!s->x)
        return;
    unsigned colspan = span && span->colspan > 1 ? span->colspan : 1;
    s->pending_covered = colspan - 1;
    if (span && span->continued) {
        /* The lower part of a cell spanning down: covered, with what it spans across. */
        vb_xml_start(s->x, "table:covered-table-cell");
        return;
    }
    vb_xml_start(s->x, "table:table-cell");
    /* Each rule drawn once, as Word draws a table's (LibreOffice draws both cells' borders
     * side by side): the top only on the first row, the left only on the first column. */
    static const char *const bordered[2][2] = {{"VbCellRB", "VbCellLRB"}, {"VbCellTRB", "VbCellBorder"}};
    vb_xml_attr(s->x, "table:style-name",
                s->table_bordered ? bordered[s->row_index == 0][column == 0] : "VbCell");
    if (colspan > 1)
        vb_xml_attr_int(s->x, "table:number-columns-spanned", colspan);
    if (span && span->rowspan > 1)
        vb_xml_attr_int(s->x, "table:number-rows-spanned", span->rowspan);
    vb_xml_attr(s->x, "office:value-type", "string");
}

static void on_cell_end(void *ctx)
{
    odt_sink *s = ctx;
    if (!s->x)
        return;
    vb_xml_end(s->x);
    for (; s->pending_covered > 0; s->pending_covered--)
        vb_xml_empty(s->x, "table:covered-table-cell", NULL, NULL);
}

static void on_table_end(void *ctx)
{
    odt_sink *s = ctx;
    if (!s->x)
        return;
    if (s->in_header_rows) {
        vb_xml_end(s->x);
        s->in_header_rows = 0;
    }
    vb_xml_end(s->x);
}

static void on_end(void *ctx)
{
    odt_sink *s = ctx;
    if (s->x)
        vb_xml_end(s->x);
}

/* The next paragraph or table opens the section: on a master page of its orientation
 * (without a number on its first page when asked), with numbers from 1 when asked. */
static void on_section_break(void *ctx, const vb_section_props *next)
{
    odt_sink *s = ctx;
    if (next->landscape)
        s->pending.master = next->first_page_unnumbered ? VB_ODF_LANDSCAPE_FIRST : VB_ODF_LANDSCAPE;
    else
        s->pending.master = next->first_page_unnumbered ? VB_ODF_FIRST_PAGE : VB_ODF_OTHER_PAGES;
    s->pending.restart = next->restart_numbering;
}

static const vb_sink odt_content_sink = {
    .paragraph = on_paragraph,
    .rule = on_rule,
    .table_begin = on_table_begin,
    .row_begin = on_row_begin,
    .cell_begin = on_cell_begin,
    .cell_end = on_cell_end,
    .row_end = on_end,
    .table_end = on_table_end,
    .section_break = on_section_break,
    .frame = on_frame,
};

static void attr_page_start(vb_xml *x, const page_start *p)
{
    if (!p->master)
        return;
    vb_xml_attr(x, "style:master-page-name", p->master);
}

static void attr_page_number(vb_xml *x, const page_start *p)
{
    if (p->master)
        vb_xml_attr(x, "style:page-number", p->restart ? "1" : "auto");
}

static void write_paragraph_style(vb_xml *x, const vb_layout *layout, const para_style *p, size_t index)
{
    char name[32];
    snprintf(name, sizeof name, "P%zu", index);
    vb_xml_start(x, "style:style");
    vb_xml_attr(x, "style:name", name);
    vb_xml_attr(x, "style:family", "paragraph");
    vb_xml_attr(x, "style:parent-style-name", vb_element_style_id(p->element));
    attr_page_start(x, &p->page);
    vb_xml_start(x, "style:paragraph-properties");
    attr_page_number(x, &p->page);
    int left = p->props.indent_left, right = p->props.indent_right;
    if (p->rule_length > 0) {
        /* The rule is the paragraph's bottom border, as wide as the space between its
         * margins: centre it in the cell. */
        left = vb_rule_indent(p->rule_width, p->rule_length);
        right = vb_rule_indent_right(p->rule_width, p->rule_length);
    }
    /* A rule above (ô 13) is drawn above the space before, as Word draws it: that space
     * is padding under the border. */
    if (p->props.space_before >= 0)
        vb_odf_attr_length(x, "fo:margin-top", p->props.rule_above ? 0 : p->props.space_before);
    if (p->props.space_after >= 0)
        vb_odf_attr_length(x, "fo:margin-bottom", p->props.space_after);
    if (left >= 0)
        vb_odf_attr_length(x, "fo:margin-left", left);
    if (right >= 0)
        vb_odf_attr_length(x, "fo:margin-right", right);
    if (p->props.indent_first >= 0)
        vb_odf_attr_length(x, "fo:text-indent", p->props.indent_first);
    if (p->props.keep_with_next)
        vb_xml_attr(x, "fo:keep-with-next", "always");
    if (p->props.align >= 0)
        vb_xml_attr(x, "fo:text-align", vb_odf_align_value((vb_align)p->props.align));
    if (p->props.box_width > 0) {
        /* A single-line box of the given size: borders all round, one line of its height. */
        vb_odf_attr_length(x, "fo:line-height", p->props.box_height);
        vb_odf_attr_length(x, "fo:padding", 0);
        char border[64];
        snprintf(border, sizeof border, "%.2fpt solid #000000", layout->rule_thickness_pt);
        vb_xml_attr(x, "fo:border", border);
        vb_xml_attr(x, "style:join-border", "false");
    }
    if (p->props.rule_above) {
        char border[64];
        snprintf(border, sizeof border, "%.2fpt solid #000000", layout->rule_thickness_pt);
        vb_odf_attr_length(x, "fo:padding", 0);
        vb_odf_attr_length(x, "fo:padding-top", p->props.space_before > 0 ? p->props.space_before : 0);
        vb_xml_attr(x, "fo:border-top", border);
        vb_xml_attr(x, "style:join-border", "false");
    }
    if (p->rule_length > 0) {
        char border[64];
        snprintf(border, sizeof border, "%.2fpt solid #000000", layout->rule_thickness_pt);
        vb_odf_attr_length(x, "fo:padding", 0);
        vb_xml_attr(x, "fo:border-bottom", border);
        vb_xml_attr(x, "style:join-border", "false");
    }
    vb_xml_end(x);
    vb_xml_end(x);
}

static void write_table_styles(vb_xml *x, const odt_sink *s)
{
    for (size_t i = 0; i < s->table_count; i++) {
        const table_style *t = &s->tables[i];
        int total = 0;
        for (int c = 0; c < t->columns; c++)
            total += t->widths[c];
        char name[64];
        snprintf(name, sizeof name, "Tbl%zu", i + 1);
        vb_xml_start(x, "style:style");
        vb_xml_attr(x, "style:name", name);
        vb_xml_attr(x, "style:family", "table");
        attr_page_start(x, &t->page);
        vb_xml_start(x, "style:table-properties");
        attr_page_number(x, &t->page);
        vb_odf_attr_length(x, "style:width", total);
        vb_xml_attr(x, "table:align", "center");
        /* A layout table (header, signature) stays on one page; a data table flows on. */
        vb_xml_attr(x, "style:may-break-between-rows", t->bordered ? "true" : "false");
        vb_xml_end(x);
        vb_xml_end(x);
        for (int c = 0; c < t->columns; c++) {
            char column[80];
            snprintf(column, sizeof column, "Tbl%zu.C%d", i + 1, c + 1);
            vb_xml_start(x, "style:style");
            vb_xml_attr(x, "style:name", column);
            vb_xml_attr(x, "style:family", "table-column");
            vb_xml_start(x, "style:table-column-properties");
            vb_odf_attr_length(x, "style:column-width", t->widths[c]);
            vb_xml_end(x);
            vb_xml_end(x);
        }
    }
    vb_xml_start(x, "style:style");
    vb_xml_attr(x, "style:name", "VbRow");
    vb_xml_attr(x, "style:family", "table-row");
    vb_xml_start(x, "style:table-row-properties");
    vb_xml_attr(x, "fo:keep-together", "always");
    vb_xml_end(x);
    vb_xml_end(x);
    vb_xml_start(x, "style:style");
    vb_xml_attr(x, "style:name", "VbCell");
    vb_xml_attr(x, "style:family", "table-cell");
    vb_xml_start(x, "style:table-cell-properties");
    vb_odf_attr_length(x, "fo:padding", 0);
    vb_xml_attr(x, "fo:border", "none");
    vb_xml_end(x);
    vb_xml_end(x);
    /* Data tables: single lines, a little air left and right; each rule once (see
     * on_cell_begin). */
    const vb_layout *l = s->layout;
    char border[64];
    snprintf(border, sizeof border, "%.2fpt solid #000000", l->table_border_pt);
    static const struct {
        const char *name;
        int top, left;
    } cells[] = {{"VbCellBorder", 1, 1}, {"VbCellTRB", 1, 0}, {"VbCellLRB", 0, 1}, {"VbCellRB", 0, 0}};
    for (size_t i = 0; i < sizeof cells / sizeof *cells; i++) {
        vb_xml_start(x, "style:style");
        vb_xml_attr(x, "style:name", cells[i].name);
        vb_xml_attr(x, "style:family", "table-cell");
        vb_xml_start(x, "style:table-cell-properties");
        vb_odf_attr_length(x, "fo:padding-top", 0);
        vb_odf_attr_length(x, "fo:padding-bottom", 0);
        vb_odf_attr_length(x, "fo:padding-left", l->table_cell_air_twips);
        vb_odf_attr_length(x, "fo:padding-right", l->table_cell_air_twips);
        vb_xml_attr(x, "fo:border-top", cells[i].top ? border : "none");
        vb_xml_attr(x, "fo:border-left", cells[i].left ? border : "none");
        vb_xml_attr(x, "fo:border-right", border);
        vb_xml_attr(x, "fo:border-bottom", border);
        vb_xml_end(x);
        vb_xml_end(x);
    }
}

static void write_span_styles(vb_xml *x)
{
    static const struct {
        const char *name;
        int bold, italic;
    } spans[] = {{"VbB", 1, 0}, {"VbI", 0, 1}, {"VbBI", 1, 1}};
    for (size_t i = 0; i < 3; i++) {
        vb_xml_start(x, "style:style");
        vb_xml_attr(x, "style:name", spans[i].name);
        vb_xml_attr(x, "style:family", "text");
        vb_xml_start(x, "style:text-properties");
        if (spans[i].bold)
            vb_xml_attr(x, "fo:font-weight", "bold");
        if (spans[i].italic)
            vb_xml_attr(x, "fo:font-style", "italic");
        vb_xml_end(x);
        vb_xml_end(x);
    }
}

/* The paragraph that ends the text: LibreOffice adds one after a table that ends the
 * document, of the default style, which makes a page of its own when the table ends near the
 * bottom margin. Ours takes no room: its one space hidden, 1 pt high, of a 1 pt font. */
#define END_STYLE "VbEnd"

static void write_end_style(vb_xml *x)
{
    vb_xml_start(x, "style:style");
    vb_xml_attr(x, "style:name", END_STYLE);
    vb_xml_attr(x, "style:family", "paragraph");
    vb_xml_start(x, "style:paragraph-properties");
    vb_odf_attr_length(x, "fo:margin-top", 0);
    vb_odf_attr_length(x, "fo:margin-bottom", 0);
    vb_odf_attr_length(x, "fo:line-height", 20);
    vb_xml_end(x);
    vb_xml_start(x, "style:text-properties");
    vb_xml_attr(x, "fo:font-size", "1pt");
    vb_xml_attr(x, "text:display", "none");
    vb_xml_end(x);
    vb_xml_end(x);
}

static void free_tables(odt_sink *s)
{
    for (size_t i = 0; i < s->table_count; i++)
        free(s->tables[i].widths);
    free(s->tables);
    free(s->paras);
}

int vb_odt_content_xml(const vb_document *doc, const vb_layout *layout, vb_part *out, char *err,
                       size_t err_size)
{
    vb_geometry geo;
    vb_geometry_compute(layout, doc, &geo);
    odt_sink s;
    memset(&s, 0, sizeof s);
    s.layout = layout;
    /* collect the automatic styles */
    if (vb_compose(doc, layout, &geo, &odt_content_sink, &s, err, err_size) < 0) {
        free_tables(&s);
        for (size_t i = 0; i < s.pending_frame_count; i++)
            free(s.pending_frames[i].text);
        return -1;
    }

    vb_xml *x = vb_xml_new_deflating(0);
    s.x = x;
    s.first_element_done = 0;
    unsigned frames = s.frame_count;
    s.frame_count = 0;
    s.pending.master = NULL;
    s.pending.restart = 0;
    vb_xml_start(x, "office:document-content");
    vb_xml_attr(x, "xmlns:office", VB_ODF_OFFICE);
    vb_xml_attr(x, "xmlns:style", VB_ODF_STYLE);
    vb_xml_attr(x, "xmlns:text", VB_ODF_TEXT);
    vb_xml_attr(x, "xmlns:table", VB_ODF_TABLE);
    vb_xml_attr(x, "xmlns:fo", VB_ODF_FO);
    vb_xml_attr(x, "office:version", VB_ODF_VERSION);
    vb_xml_start(x, "office:automatic-styles");
    write_table_styles(x, &s);
    write_span_styles(x);
    write_frame_styles(x, &s, frames);
    write_end_style(x);
    for (size_t i = 0; i < s.para_count; i++)
        write_paragraph_style(x, layout, &s.paras[i], i + 1);
    vb_xml_end(x);
    vb_xml_start(x, "office:body");
    vb_xml_start(x, "office:text");
    size_t collected = s.para_count;
    int rc = vb_compose(doc, layout, &geo, &odt_content_sink, &s, err, err_size);
    vb_xml_start(x, "text:p");
    vb_xml_attr(x, "text:style-name", END_STYLE);
    vb_xml_empty(x, "text:s", NULL, NULL); /* a paragraph whose only text is hidden is hidden */
    vb_xml_end(x);
    vb_xml_end(x);
    vb_xml_end(x);
    vb_xml_end(x);
    free_tables(&s);
    for (size_t i = 0; i < s.pending_frame_count; i++)
        free(s.pending_frames[i].text);
    if (rc < 0) {
        vb_xml_free(x);
        return -1;
    }
    if (s.para_count != collected) {
        vb_xml_free(x);
        snprintf(err, err_size, "internal error: the two passes over content.xml disagree");
        return -1; /* a bug, never a silently wrong file */
    }
    if (vb_part_take_deflated(out, "content.xml", x, err, err_size) < 0)
        return -1;
    return 0;
}
