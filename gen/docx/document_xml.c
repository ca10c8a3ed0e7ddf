/* word/document.xml: the document itself, read from the model and the layout table. */
#include "docx.h"

#include <stdlib.h>
#include <string.h>

#include "../doctypes.h"
#include "../format.h"
#include "../geometry.h"
#include "../text.h"
#include "wml.h"

typedef struct {
    vb_xml *x;
    const vb_document *doc;
    const vb_layout *layout;
    vb_geometry geo;
    const vb_node *last_text_node; /* gets the "./." end mark */
} writer;

static char *styled_text(const writer *w, vb_element el, const char *text)
{
    return w->layout->styles[el].upper ? vb_upper_vi(text) : vb_strdup(text);
}

static void plain_paragraph(writer *w, vb_element el, const char *text)
{
    char *t = styled_text(w, el, text);
    vb_wml_paragraph(w->x, el, t);
    free(t);
}

/* ---- ô 1–4: the two-column header ---- */

/* A centred title, its lines balanced to fit `width`. */
static void title_paragraph(writer *w, vb_element el, const char *text, int width)
{
    char *t = vb_balanced_title(w->layout, el, text, width);
    vb_wml_paragraph(w->x, el, t);
    free(t);
}

static void write_lines(writer *w, vb_element el, const vb_lines *lines, int width)
{
    for (size_t i = 0; i < lines->count; i++)
        title_paragraph(w, el, lines->items[i].text, width);
}

static int is_cong_van(const vb_document *doc)
{
    const vb_doctype *t = vb_doctype_find(doc->type_code.text, doc->format);
    return t && !t->has_type_name && doc->type_name.count == 0;
}

static void write_header(writer *w)
{
    vb_xml *x = w->x;
    const vb_layout *l = w->layout;
    int widths[2] = {w->geo.header_left_width, w->geo.header_right_width};
    vb_wml_start_table(x, widths, 2);

    vb_xml_start(x, "w:tr");
    /* ô 2: parent body, issuing body, then its rule (state) or "*" (Party) */
    vb_wml_start_cell(x, widths[0]);
    write_lines(w, VB_EL_PARENT_BODY, &w->doc->parent_body, widths[0]);
    write_lines(w, VB_EL_ISSUER, &w->doc->issuer, widths[0]);
    if (l->issuer_mark)
        vb_wml_paragraph(x, VB_EL_ISSUER_MARK, l->issuer_mark);
    else if (w->geo.issuer_rule > 0)
        vb_wml_rule(x, l, widths[0], w->geo.issuer_rule, -1);
    vb_wml_end_cell(x);
    /* ô 1: Quốc hiệu and Tiêu ngữ (state) / ĐẢNG CỘNG SẢN VIỆT NAM (Party), with the rule
     * exactly as long as the last line */
    vb_wml_start_cell(x, widths[1]);
    plain_paragraph(w, VB_EL_NATIONAL_TITLE, l->national_title);
    if (l->motto)
        plain_paragraph(w, VB_EL_MOTTO, l->motto);
    vb_wml_rule(x, l, widths[1], w->geo.national_rule, -1);
    vb_wml_end_cell(x);
    vb_xml_end(x); /* w:tr */

    vb_xml_start(x, "w:tr");
    /* ô 3 (and ô 5b for a công văn) on the same row as ô 4 */
    vb_wml_start_cell(x, widths[0]);
    char *number = vb_format_number_line(l, w->doc);
    vb_wml_paragraph(x, VB_EL_NUMBER, number);
    free(number);
    if (is_cong_van(w->doc) && w->doc->subject.text) {
        vb_buf b = {0};
        vb_buf_add(&b, l->cong_van_subject_prefix);
        const char *s = w->doc->subject.text;
        /* The drafter may have typed "V/v" already. */
        if (strncmp(s, "V/v ", 4) == 0 && strcmp(l->cong_van_subject_prefix, "V/v ") == 0)
            s += 4;
        vb_buf_add(&b, s);
        vb_wml_paragraph(x, VB_EL_CONG_VAN_SUBJECT, b.data);
        vb_buf_free(&b);
    }
    vb_wml_end_cell(x);
    vb_wml_start_cell(x, widths[1]);
    char *date = vb_format_date_line(l, w->doc);
    vb_wml_paragraph(x, VB_EL_DATE_LINE, date);
    free(date);
    vb_wml_end_cell(x);
    vb_xml_end(x); /* w:tr */

    vb_xml_end(x); /* w:tbl */
}

/* ---- ô 5a, 9a and the opening of the body ---- */

static void write_title(writer *w)
{
    char *lines[8];
    size_t n = vb_type_name_lines(w->doc, lines, 8);
    for (size_t i = 0; i < n; i++) {
        vb_wml_para p = VB_WML_PLAIN;
        if (i > 0)
            p.space_before = 0;
        char *balanced = vb_balanced_title(w->layout, VB_EL_TYPE_NAME, lines[i], w->geo.text_width);
        vb_wml_start_paragraph(w->x, VB_EL_TYPE_NAME, &p);
        vb_wml_run(w->x, balanced, 0);
        vb_wml_end_paragraph(w->x);
        free(balanced);
        free(lines[i]);
    }
    if (n > 0 && w->doc->subject.text) {
        title_paragraph(w, VB_EL_SUBJECT, w->doc->subject.text, w->geo.text_width);
        if (w->layout->subject_mark) {
            vb_wml_para p = VB_WML_PLAIN;
            p.space_after = w->layout->after_title_twips;
            vb_wml_start_paragraph(w->x, VB_EL_SUBJECT_MARK, &p);
            vb_wml_run(w->x, w->layout->subject_mark, 0);
            vb_wml_end_paragraph(w->x);
        } else if (w->geo.subject_rule > 0) {
            vb_wml_rule(w->x, w->layout, w->geo.text_width, w->geo.subject_rule,
                        w->layout->after_title_twips);
        }
    }
}

static void write_addressees(writer *w)
{
    const vb_lines *a = &w->doc->addressees;
    if (a->count == 0)
        return;
    const vb_layout *l = w->layout;
    vb_wml_para p = VB_WML_PLAIN;
    p.indent_first = 0;
    if (a->count == 1) {
        /* One addressee: on the same line, "Kính gửi: Bộ Nội vụ." */
        vb_buf b = {0};
        vb_buf_printf(&b, "%s %s", l->addressee_label, a->items[0].text);
        vb_wml_start_paragraph(w->x, VB_EL_ADDRESSEE, &p);
        vb_wml_run(w->x, b.data, 0);
        vb_wml_end_paragraph(w->x);
        vb_buf_free(&b);
        return;
    }
    p.indent_left = w->geo.addressee_indent;
    vb_wml_start_paragraph(w->x, VB_EL_ADDRESSEE, &p);
    vb_wml_run(w->x, l->addressee_label, 0);
    vb_wml_end_paragraph(w->x);
    p.indent_left = w->geo.addressee_item_indent;
    p.space_before = 0;
    for (size_t i = 0; i < a->count; i++) {
        char *line = vb_format_addressee(l, a, i);
        vb_wml_start_paragraph(w->x, VB_EL_ADDRESSEE, &p);
        vb_wml_run(w->x, line, 0);
        vb_wml_end_paragraph(w->x);
        free(line);
    }
}

static void write_preamble(writer *w)
{
    if (w->doc->authority_line.text)
        plain_paragraph(w, VB_EL_AUTHORITY_LINE, w->doc->authority_line.text);
    for (size_t i = 0; i < w->doc->legal_bases.count; i++) {
        plain_paragraph(w, VB_EL_LEGAL_BASIS, w->doc->legal_bases.items[i].text);
    }
    const char *close = w->doc->preamble_close.text;
    if (!close) {
        const vb_doctype *t = vb_doctype_find(w->doc->type_code.text, w->doc->format);
        if (t)
            close = w->doc->format == VB_FORMAT_PARTY ? t->party_preamble_close : t->state_preamble_close;
    }
    if (close)
        plain_paragraph(w, VB_EL_PREAMBLE_CLOSE, close);
}

/* ---- ô 6: the body ---- */

/* The end mark "./." closes the text: after a final "." only "/." is added. */
static void end_mark(writer *w, const char *last_text)
{
    const char *mark = w->layout->end_mark;
    size_t n = strlen(last_text);
    size_t m = strlen(mark);
    if (n >= m && strcmp(last_text + n - m, mark) == 0)
        return;
    vb_wml_run(w->x, n > 0 && last_text[n - 1] == '.' ? mark + 1 : mark, 0);
}

static void write_inline(writer *w, const vb_inline *in, int upper)
{
    for (size_t i = 0; i < in->count; i++) {
        char *t = upper ? vb_upper_vi(in->runs[i].text) : vb_strdup(in->runs[i].text);
        vb_wml_run(w->x, t, in->runs[i].style);
        free(t);
    }
}

static const char *inline_last_text(const vb_inline *in)
{
    return in->count ? in->runs[in->count - 1].text : "";
}

static void write_paragraph_node(writer *w, const vb_node *n, const char *run_in_label)
{
    const vb_layout *l = w->layout;
    vb_element el = n->bullet_level > 0 ? VB_EL_BULLET : VB_EL_BODY;
    vb_wml_start_paragraph(w->x, el, NULL);
    if (run_in_label) {
        vb_wml_run(w->x, run_in_label, 0);
        vb_wml_run(w->x, " ", 0);
    }
    if (n->bullet_level > 0) {
        int level = n->bullet_level > 2 ? 2 : n->bullet_level;
        vb_buf b = {0};
        vb_buf_printf(&b, "%s ", l->bullets[level - 1]);
        vb_wml_run(w->x, b.data, 0);
        vb_buf_free(&b);
    }
    write_inline(w, &n->content, 0);
    if (n == w->last_text_node)
        end_mark(w, inline_last_text(&n->content));
    vb_wml_end_paragraph(w->x);
}

static void write_task(writer *w, const vb_node *task, int as_bullet, const char *run_in_label)
{
    char *sentence = vb_format_task(task);
    vb_wml_start_paragraph(w->x, as_bullet ? VB_EL_BULLET : VB_EL_BODY, NULL);
    if (run_in_label) {
        vb_wml_run(w->x, run_in_label, 0);
        vb_wml_run(w->x, " ", 0);
    }
    if (as_bullet) {
        vb_buf b = {0};
        vb_buf_printf(&b, "%s ", w->layout->bullets[0]);
        vb_wml_run(w->x, b.data, 0);
        vb_buf_free(&b);
    }
    vb_wml_run(w->x, sentence, 0);
    if (task == w->last_text_node)
        end_mark(w, sentence);
    vb_wml_end_paragraph(w->x);
    free(sentence);
}

static void write_node(writer *w, const vb_node *n);

static void write_children_from(writer *w, const vb_node *first)
{
    for (const vb_node *c = first; c; c = c->next)
        write_node(w, c);
}

/* A heading line: "I. TITLE", "1.1. Title", "a) Sở …". */
static void write_heading(writer *w, const vb_node *n, const char *label, const vb_inline *title)
{
    vb_element el = w->layout->numbering[n->level].element;
    vb_wml_para p = VB_WML_PLAIN;
    p.keep_with_next = 1;
    vb_wml_start_paragraph(w->x, el, &p);
    vb_wml_run(w->x, label, 0);
    vb_wml_run(w->x, " ", 0);
    write_inline(w, title, w->layout->styles[el].upper);
    if (n == w->last_text_node)
        end_mark(w, inline_last_text(title));
    vb_wml_end_paragraph(w->x);
}

static void write_section(writer *w, const vb_node *n)
{
    const vb_layout *l = w->layout;
    const vb_numbering *num = &l->numbering[n->level];
    char label[96];
    vb_section_label(l, n, label, sizeof label);

    if (num->own_line) {
        /* Phần I / Chương I on their own line, the title IN HOA on the next. */
        vb_wml_para p = VB_WML_PLAIN;
        p.keep_with_next = 1;
        vb_wml_start_paragraph(w->x, num->element, &p);
        vb_wml_run(w->x, label, 0);
        vb_wml_end_paragraph(w->x);
        if (n->title.count) {
            vb_wml_start_paragraph(w->x, VB_EL_PART_TITLE, &p);
            write_inline(w, &n->title, 1);
            vb_wml_end_paragraph(w->x);
        }
        write_children_from(w, n->first_child);
        return;
    }
    const vb_node *first = n->first_child;
    if (n->title.count == 0 && first && first->kind == VB_NODE_PARAGRAPH) {
        /* "2. Bên cạnh …": the number runs into the first paragraph. */
        write_paragraph_node(w, first, label);
        write_children_from(w, first->next);
        return;
    }
    write_heading(w, n, label, &n->title);
    write_children_from(w, first);
}

/* An agency of a nhiem_vu block: numbered like a section; one task is a paragraph, several
 * are "-" lines. */
static void write_agency(writer *w, const vb_node *n)
{
    char label[96];
    vb_section_label(w->layout, n, label, sizeof label);
    write_heading(w, n, label, &n->title);
    int several = n->first_child && n->first_child->next;
    for (const vb_node *t = n->first_child; t; t = t->next)
        write_task(w, t, several, NULL);
}

static void write_node(writer *w, const vb_node *n)
{
    switch (n->kind) {
    case VB_NODE_PARAGRAPH:
        write_paragraph_node(w, n, NULL);
        break;
    case VB_NODE_SECTION:
        write_section(w, n);
        break;
    case VB_NODE_TASKS:
        write_children_from(w, n->first_child);
        break;
    case VB_NODE_AGENCY:
        write_agency(w, n);
        break;
    case VB_NODE_TASK:
        write_task(w, n, 0, NULL);
        break;
    }
}

static const vb_node *find_last_text_node(const vb_node *root)
{
    const vb_node *last = NULL;
    for (const vb_node *n = root->first_child ? root->first_child : NULL; n;
         n = vb_node_next_preorder(n, root)) {
        if (n->kind == VB_NODE_PARAGRAPH || n->kind == VB_NODE_TASK ||
            ((n->kind == VB_NODE_SECTION || n->kind == VB_NODE_AGENCY) && n->title.count))
            last = n;
    }
    return last;
}

/* ---- ô 7, 9b: Nơi nhận beside the signature ---- */

static void write_recipients(writer *w)
{
    const vb_layout *l = w->layout;
    const vb_lines *r = &w->doc->recipients;
    vb_wml_paragraph(w->x, VB_EL_RECIPIENTS_HEADING, l->recipients_heading);
    for (size_t i = 0; i < r->count; i++) {
        char *line = vb_format_recipient(l, r, i);
        vb_wml_paragraph(w->x, VB_EL_RECIPIENT, line);
        free(line);
    }
}

static void write_signer(writer *w, const vb_signer *s)
{
    for (size_t i = 0; i < s->authority.count; i++)
        plain_paragraph(w, VB_EL_SIGNER_AUTHORITY, s->authority.items[i].text);
    if (s->title.text)
        plain_paragraph(w, VB_EL_SIGNER_TITLE, s->title.text);
    /* ô 7c and ô 8: room for the hand signature and the seal above the name. */
    vb_wml_para p = VB_WML_PLAIN;
    p.space_before = w->layout->signature_space_twips;
    vb_wml_start_paragraph(w->x, VB_EL_SIGNER_NAME, &p);
    if (s->name.text)
        vb_wml_run(w->x, s->name.text, 0);
    vb_wml_end_paragraph(w->x);
}

static void write_signature_block(writer *w)
{
    vb_xml *x = w->x;
    /* An empty paragraph keeps the table from touching the last line of the body. */
    vb_wml_paragraph(x, VB_EL_BODY, NULL);
    if (w->doc->signer_count <= 1) {
        int widths[2] = {w->geo.recipients_width, w->geo.signature_width};
        vb_wml_start_table(x, widths, 2);
        vb_xml_start(x, "w:tr");
        vb_xml_start(x, "w:trPr");
        vb_xml_empty(x, "w:cantSplit", NULL, NULL);
        vb_xml_end(x);
        vb_wml_start_cell(x, widths[0]);
        write_recipients(w);
        vb_wml_end_cell(x);
        vb_wml_start_cell(x, widths[1]);
        if (w->doc->signer_count == 1)
            write_signer(w, &w->doc->signers[0]);
        else
            vb_wml_paragraph(x, VB_EL_SIGNER_NAME, NULL);
        vb_wml_end_cell(x);
        vb_xml_end(x);
        vb_xml_end(x);
        return;
    }
    /* Joint documents: the signers side by side, the Nơi nhận under them on the left. */
    int n = (int)w->doc->signer_count;
    int widths[8];
    if (n > 8)
        n = 8;
    for (int i = 0; i < n; i++)
        widths[i] = w->geo.text_width / n;
    widths[n - 1] = w->geo.text_width - (n - 1) * (w->geo.text_width / n);
    vb_wml_start_table(x, widths, n);
    vb_xml_start(x, "w:tr");
    vb_xml_start(x, "w:trPr");
    vb_xml_empty(x, "w:cantSplit", NULL, NULL);
    vb_xml_end(x);
    for (int i = 0; i < n; i++) {
        vb_wml_start_cell(x, widths[i]);
        write_signer(w, &w->doc->signers[i]);
        vb_wml_end_cell(x);
    }
    vb_xml_end(x);
    vb_xml_end(x);
    vb_wml_paragraph(x, VB_EL_BODY, NULL);
    write_recipients(w);
}

/* ---- section properties: A4, margins, page numbers from page 2 ---- */

static void write_section_properties(writer *w)
{
    vb_xml *x = w->x;
    const vb_layout *l = w->layout;
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
    writer w = {0};
    w.x = vb_xml_new(1);
    w.doc = doc;
    w.layout = layout;
    vb_geometry_compute(layout, doc, &w.geo);
    w.last_text_node = find_last_text_node(doc->body);

    vb_xml *x = w.x;
    vb_xml_start(x, "w:document");
    vb_xml_attr(x, "xmlns:w", VB_WML_NS);
    vb_xml_attr(x, "xmlns:r", VB_REL_NS);
    vb_xml_start(x, "w:body");
    write_header(&w);
    write_title(&w);
    write_addressees(&w);
    write_preamble(&w);
    write_children_from(&w, doc->body->first_child);
    write_signature_block(&w);
    write_section_properties(&w);
    vb_xml_end(x);
    vb_xml_end(x);
    return vb_part_take(out, "word/document.xml", x);
}
