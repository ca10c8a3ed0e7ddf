#include "compose.h"
#include "compose_internal.h"
#include "compose_table.h"
#include "compose_tasks.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/doctypes.h"
#include "layout/format.h"
#include "tables/table_rows.h"
#include "viet/text.h"
#include "layout/textwidth.h"

const vb_para_props VB_PARA_DEFAULT = {-1, -1, -1, -1, -1, 0, -1, 0, 0, 0};

/* The spans of one paragraph; texts are owned so callers can pass temporaries. */
typedef struct {
    vb_span *spans;
    char **owned;
    size_t count, cap;
} spans;


static void spans_add(spans *s, const char *text, unsigned style)
{
    if (s->count == s->cap) {
        s->cap = s->cap ? s->cap * 2 : 8;
        s->spans = vb_xrealloc(s->spans, s->cap * sizeof *s->spans);
        s->owned = vb_xrealloc(s->owned, s->cap * sizeof *s->owned);
    }
    s->owned[s->count] = vb_strdup(text);
    s->spans[s->count].text = s->owned[s->count];
    s->spans[s->count].style = style;
    s->count++;
}

static void spans_add_inline(spans *s, const vb_inline *in, int upper)
{
    for (size_t i = 0; i < in->count; i++) {
        if (upper) {
            char *t = vb_upper_vi(in->runs[i].text);
            spans_add(s, t, in->runs[i].style);
            free(t);
        } else {
            spans_add(s, in->runs[i].text, in->runs[i].style);
        }
    }
}

static void emit(composer *c, vb_element el, const vb_para_props *props, spans *s)
{
    c->sink->paragraph(c->ctx, el, props ? props : &VB_PARA_DEFAULT, s->spans, s->count);
    for (size_t i = 0; i < s->count; i++)
        free(s->owned[i]);
    free(s->owned);
    free(s->spans);
    memset(s, 0, sizeof *s);
}

/* A paragraph of one text, upper-cased when the element's style says so. */
void text_paragraph(composer *c, vb_element el, const vb_para_props *props, const char *text)
{
    spans s = {0};
    if (text && *text) {
        if (c->layout->styles[el].upper) {
            char *t = vb_upper_vi(text);
            spans_add(&s, t, 0);
            free(t);
        } else {
            spans_add(&s, text, 0);
        }
    }
    emit(c, el, props, &s);
}

/* A centred title whose lines are balanced to fit `width` (already upper-cased). */
void title_paragraph(composer *c, vb_element el, const vb_para_props *props,
                            const char *text, int width)
{
    spans s = {0};
    char *t = vb_balanced_title(c->layout, el, text, width);
    spans_add(&s, t, 0);
    free(t);
    emit(c, el, props, &s);
}

/* A boxed mark (độ mật, độ khẩn): `box_width` 0 sizes the box to the text. */
static void mark_paragraph(composer *c, vb_element el, const char *text, int box_width, int cell_width)
{
    vb_para_props p = VB_PARA_DEFAULT;
    if (!box_width)
        box_width = vb_widest_line(c->layout, el, text, cell_width) + 2 * c->layout->mark_box_air_twips;
    p.box_width = box_width < cell_width ? box_width : cell_width;
    p.box_height = c->layout->mark_box_height_twips;
    p.indent_left = (cell_width - p.box_width) / 2;
    p.indent_right = cell_width - p.box_width - p.indent_left;
    p.indent_first = 0;
    text_paragraph(c, el, &p, text);
}

/* ---- ô 1–4: the two-column header ---- */

static int is_cong_van(const vb_document *doc)
{
    const vb_doctype *t = doc->type_code.text ? vb_doctype_find(doc->type_code.text, doc->format) : NULL;
    return t && !t->has_type_name && doc->type_name.count == 0;
}

void compose_date_line(composer *c)
{
    if (!vb_doctype_dated(c->doc))
        return;
    char *date = vb_format_date_line(c->layout, c->doc);
    text_paragraph(c, VB_EL_DATE_LINE, NULL, date);
    free(date);
}

void compose_cong_van_subject(composer *c, int width)
{
    const vb_document *doc = c->doc;
    if (!is_cong_van(doc) || !doc->subject.text)
        return;
    const char *prefix = c->layout->cong_van_subject_prefix, *s = doc->subject.text;
    if (*prefix) /* the drafter may have typed it already, or spelt it out */
        s = vb_format_cong_van_subject(s);
    vb_buf b = {0};
    vb_buf_printf(&b, "%s%s", prefix, s);
    title_paragraph(c, VB_EL_CONG_VAN_SUBJECT, NULL, b.data, width);
    vb_buf_free(&b);
}

static void compose_header(composer *c)
{
    const vb_sink *k = c->sink;
    const vb_layout *l = c->layout;
    const vb_document *doc = c->doc;
    if (doc->joint_issuer_count >= 2) {
        vb_compose_joint_header(c);
        return;
    }
    int widths[2] = {c->geo->header_left_width, c->geo->header_right_width};
    k->table_begin(c->ctx, widths, 2, NULL);

    k->row_begin(c->ctx, 0);
    /* ô 2: parent body, issuing body, then its rule (state) or "*" (Party) */
    k->cell_begin(c->ctx, 0, widths[0], NULL);
    for (size_t i = 0; i < doc->parent_body.count; i++)
        title_paragraph(c, VB_EL_PARENT_BODY, NULL, doc->parent_body.items[i].text, widths[0]);
    for (size_t i = 0; i < doc->issuer.count; i++)
        title_paragraph(c, VB_EL_ISSUER, NULL, doc->issuer.items[i].text, widths[0]);
    if (l->issuer_mark)
        text_paragraph(c, VB_EL_ISSUER_MARK, NULL, l->issuer_mark);
    else if (c->geo->issuer_rule > 0)
        k->rule(c->ctx, widths[0], c->geo->issuer_rule, -1);
    k->cell_end(c->ctx);
    /* ô 1: Quốc hiệu and Tiêu ngữ (state) / ĐẢNG CỘNG SẢN VIỆT NAM (Party), with a rule
     * exactly as long as the last line */
    k->cell_begin(c->ctx, 1, widths[1], NULL);
    text_paragraph(c, VB_EL_NATIONAL_TITLE, NULL, l->national_title);
    if (l->motto)
        text_paragraph(c, VB_EL_MOTTO, NULL, l->motto);
    k->rule(c->ctx, widths[1], c->geo->national_rule, -1);
    k->cell_end(c->ctx);
    k->row_end(c->ctx);

    k->row_begin(c->ctx, 0);
    /* ô 3 (and ô 5b for a công văn) on the same row as ô 4 */
    k->cell_begin(c->ctx, 0, widths[0], NULL);
    char *number = vb_format_number_line(l, doc);
    text_paragraph(c, VB_EL_NUMBER, NULL, number);
    free(number);
    compose_cong_van_subject(c, widths[0]);
    /* ô 10a above ô 10b, under the number: the marks in their boxes. */
    if (doc->secrecy > 0 && doc->secrecy <= 3)
        mark_paragraph(c, VB_EL_SECRECY, l->secrecy_marks[doc->secrecy - 1], 0, widths[0]);
    if (doc->urgency > 0 && doc->urgency <= 3)
        mark_paragraph(c, VB_EL_URGENCY, l->urgency_marks[doc->urgency - 1],
                       l->urgency_box_twips[doc->urgency - 1], widths[0]);
    k->cell_end(c->ctx);
    k->cell_begin(c->ctx, 1, widths[1], NULL);
    compose_date_line(c);
    k->cell_end(c->ctx);
    k->row_end(c->ctx);

    k->table_end(c->ctx);
}

/* ---- ô 5a, ô 9a and the opening of the body ---- */

static void compose_title(composer *c)
{
    const vb_layout *l = c->layout;
    char *lines[8];
    size_t n = vb_type_name_lines(c->doc, lines, 8);
    for (size_t i = 0; i < n; i++) {
        vb_para_props p = VB_PARA_DEFAULT;
        if (i > 0)
            p.space_before = 0;
        title_paragraph(c, VB_EL_TYPE_NAME, &p, lines[i], c->geo->text_width);
        free(lines[i]);
    }
    if (n > 0 && !c->doc->subject.text) {
        /* Mẫu 1.8, 1.10: no trích yếu, the rule goes right under the tên loại. */
        if (c->geo->subject_rule > 0)
            c->sink->rule(c->ctx, c->geo->text_width, c->geo->subject_rule, l->after_title_twips);
        return;
    }
    if (n == 0)
        return;
    title_paragraph(c, VB_EL_SUBJECT, NULL, c->doc->subject.text, c->geo->text_width);
    if (l->subject_mark) {
        vb_para_props p = VB_PARA_DEFAULT;
        p.space_after = l->after_title_twips;
        text_paragraph(c, VB_EL_SUBJECT_MARK, &p, l->subject_mark);
    } else if (c->geo->subject_rule > 0) {
        c->sink->rule(c->ctx, c->geo->text_width, c->geo->subject_rule, l->after_title_twips);
    }
}

static void compose_addressees(composer *c)
{
    const vb_lines *a = &c->doc->addressees;
    const vb_layout *l = c->layout;
    if (a->count == 0)
        return;
    vb_para_props p = VB_PARA_DEFAULT;
    p.indent_first = 0;
    p.space_before = l->addressee_space_before_twips;
    if (a->count == 1) {
        /* One addressee: on the same line, "Kính gửi: Bộ Nội vụ." */
        vb_buf b = {0};
        vb_buf_printf(&b, "%s %s", l->addressee_label, a->items[0].text);
        p.space_after = l->addressee_space_after_twips;
        text_paragraph(c, VB_EL_ADDRESSEE, &p, b.data);
        vb_buf_free(&b);
        return;
    }
    /* Several: one "- X;" line each, the dashes under the end of "Kính gửi:". */
    p.align = VB_ALIGN_LEFT;
    p.indent_left = c->geo->addressee_indent;
    text_paragraph(c, VB_EL_ADDRESSEE, &p, l->addressee_label);
    p.indent_left = c->geo->addressee_item_indent;
    p.space_before = 0;
    for (size_t i = 0; i < a->count; i++) {
        char *line = vb_format_addressee(l, a, i);
        if (i + 1 == a->count)
            p.space_after = l->addressee_space_after_twips;
        text_paragraph(c, VB_EL_ADDRESSEE, &p, line);
        free(line);
    }
}

static void compose_preamble(composer *c)
{
    const vb_document *doc = c->doc;
    if (doc->authority_line.text)
        title_paragraph(c, VB_EL_AUTHORITY_LINE, NULL, doc->authority_line.text, c->geo->text_width);
    for (size_t i = 0; i < doc->legal_bases.count; i++)
        text_paragraph(c, VB_EL_LEGAL_BASIS, NULL, doc->legal_bases.items[i].text);
    const char *close = doc->preamble_close.text;
    if (!close && doc->type_code.text) {
        const vb_doctype *t = vb_doctype_find(doc->type_code.text, doc->format);
        if (t)
            close = doc->format == VB_FORMAT_PARTY ? t->party_preamble_close : t->state_preamble_close;
    }
    if (close)
        text_paragraph(c, VB_EL_PREAMBLE_CLOSE, NULL, close);
}

/* ---- ô 6: the body ---- */

/* The end mark "./." closes the text: after a final "." only "/." is added. */
static void add_end_mark(composer *c, spans *s, const char *last_text)
{
    const char *mark = c->layout->end_mark;
    size_t n = strlen(last_text), m = strlen(mark);
    if (n >= m && strcmp(last_text + n - m, mark) == 0)
        return;
    spans_add(s, n > 0 && last_text[n - 1] == '.' ? mark + 1 : mark, 0);
}

static const char *inline_last_text(const vb_inline *in)
{
    for (size_t i = in->count; i-- > 0;)
        if (!(in->runs[i].style & VB_RUN_NOTE))
            return in->runs[i].text;
    return "";
}

static void add_label(spans *s, const char *label, unsigned style)
{
    if (!label)
        return;
    vb_buf b = {0};
    vb_buf_printf(&b, "%s ", label);
    spans_add(s, b.data, style);
    vb_buf_free(&b);
}

static void add_bullet(composer *c, spans *s, int level)
{
    if (level <= 0)
        return;
    add_label(s, c->layout->bullets[level > 2 ? 1 : level - 1], 0);
}

/* The last paragraph of the body stays on the page of the signature. */
static const vb_para_props *closing_props(composer *c, const vb_node *n, vb_para_props *p)
{
    if (n != c->last_text_node)
        return NULL;
    *p = VB_PARA_DEFAULT;
    p->keep_with_next = 1;
    return p;
}

static void compose_paragraph(composer *c, const vb_node *n, const char *run_in_label,
                              unsigned label_style)
{
    spans s = {0};
    vb_para_props p;
    add_label(&s, run_in_label, label_style);
    add_bullet(c, &s, n->bullet_level);
    spans_add_inline(&s, &n->content, 0);
    if (n == c->last_text_node)
        add_end_mark(c, &s, inline_last_text(&n->content));
    emit(c, n->bullet_level > 0 ? VB_EL_BULLET : VB_EL_BODY, closing_props(c, n, &p), &s);
}

static void compose_task(composer *c, const vb_node *task, int as_bullet)
{
    spans s = {0};
    vb_para_props p;
    char *sentence = vb_format_task(task);
    add_bullet(c, &s, as_bullet ? 1 : 0);
    spans_add(&s, sentence, 0);
    if (task == c->last_text_node)
        add_end_mark(c, &s, sentence);
    free(sentence);
    emit(c, as_bullet ? VB_EL_BULLET : VB_EL_BODY, closing_props(c, task, &p), &s);
}

static void compose_node(composer *c, const vb_node *n);
static void compose_table(composer *c, const vb_table *table);

void compose_children_from(composer *c, const vb_node *first)
{
    for (const vb_node *n = first; n && !c->failed; n = n->next)
        compose_node(c, n);
}

void section_break(composer *c, int landscape, int restart);

/* A table; a landscape one in a portrait section gets landscape pages of its own, and the
 * page numbers carry on through them. */
static void compose_table(composer *c, const vb_table *table)
{
    int turn = table->landscape && !c->landscape;
    if (turn)
        section_break(c, 1, 0);
    if (vb_compose_table(table, c->layout, c->sink, c->ctx, c->text_width, c->err, c->err_size) < 0)
        c->failed = 1;
    if (turn)
        section_break(c, 0, 0);
}

/* A heading line: "I. TITLE", "1.1. Title", "a) Sở …"; it stays with what follows. */
static void compose_heading(composer *c, const vb_node *n, const char *label)
{
    vb_element el = vb_section_element(c->layout, n->level);
    vb_para_props p = VB_PARA_DEFAULT;
    p.keep_with_next = 1;
    spans s = {0};
    add_label(&s, label, 0);
    spans_add_inline(&s, &n->title, c->layout->styles[el].upper);
    if (n == c->last_text_node)
        add_end_mark(c, &s, inline_last_text(&n->title));
    emit(c, el, &p, &s);
}

static void compose_section(composer *c, const vb_node *n)
{
    const vb_numbering *num = &c->layout->numbering[n->level];
    char label[96];
    vb_section_label(c->layout, n, label, sizeof label);

    if (num->own_line) {
        /* Phần I / Chương I on their own line, the title IN HOA on the next. */
        vb_para_props p = VB_PARA_DEFAULT;
        p.keep_with_next = 1;
        text_paragraph(c, num->element, &p, label);
        if (n->title.count) {
            spans s = {0};
            spans_add_inline(&s, &n->title, 1);
            emit(c, VB_EL_PART_TITLE, &p, &s);
        }
        compose_children_from(c, n->first_child);
        return;
    }
    const vb_node *first = n->first_child;
    if (n->title.count == 0 && first && first->kind == VB_NODE_PARAGRAPH) {
        /* "2. Bên cạnh …": the number runs into the first paragraph. */
        compose_paragraph(c, first, label, num->run_in_bold ? VB_RUN_BOLD : 0);
        compose_children_from(c, first->next);
        return;
    }
    compose_heading(c, n, label);
    compose_children_from(c, first);
}

/* An agency of a nhiem_vu block: numbered like a section; one task is a paragraph, several
 * are "-" lines. */
static void compose_agency(composer *c, const vb_node *n)
{
    char label[96];
    vb_section_label(c->layout, n, label, sizeof label);
    compose_heading(c, n, label);
    int several = n->first_child && n->first_child->next;
    for (const vb_node *t = n->first_child; t; t = t->next)
        compose_task(c, t, several);
}

/* A nhiem_vu block: grouped prose (its agencies), a table where it stands, or the line that
 * sends the reader to its Phụ lục. */
static void compose_tasks(composer *c, const vb_node *n)
{
    switch (n->tasks.layout) {
    case VB_TASKS_PROSE:
        compose_children_from(c, n->first_child);
        break;
    case VB_TASKS_TABLE: {
        vb_table *table = vb_tasks_table(n);
        compose_table(c, table);
        vb_table_free(table);
        break;
    }
    case VB_TASKS_APPENDIX: {
        spans s = {0};
        vb_para_props p;
        char *line = vb_format_tasks_reference(c->layout, c->doc, n->tasks.appendix_index);
        spans_add(&s, line, 0);
        if (n == c->last_text_node)
            add_end_mark(c, &s, line);
        free(line);
        emit(c, VB_EL_BODY, closing_props(c, n, &p), &s);
        break;
    }
    }
}

static void compose_node(composer *c, const vb_node *n)
{
    switch (n->kind) {
    case VB_NODE_PARAGRAPH:
        compose_paragraph(c, n, NULL, 0);
        break;
    case VB_NODE_SECTION:
        compose_section(c, n);
        break;
    case VB_NODE_TASKS:
        compose_tasks(c, n);
        break;
    case VB_NODE_AGENCY:
        compose_agency(c, n);
        break;
    case VB_NODE_TASK:
        compose_task(c, n, 0);
        break;
    case VB_NODE_TABLE:
        compose_table(c, n->table);
        break;
    }
}

/* The node after `n` and all it holds, in document order under `root`. */
static const vb_node *next_after_subtree(const vb_node *n, const vb_node *root)
{
    while (n && n != root) {
        if (n->next)
            return n->next;
        n = n->parent;
    }
    return NULL;
}

/* The text that ends with "./.": none when a table ends the content. */
const vb_node *find_last_text_node(const vb_node *root)
{
    const vb_node *last = NULL;
    for (const vb_node *n = root->first_child; n;) {
        if (n->kind == VB_NODE_TASKS && n->tasks.layout != VB_TASKS_PROSE) {
            /* A task table ends the text like any table; a Phụ lục's line is text. */
            last = n->tasks.layout == VB_TASKS_APPENDIX ? n : NULL;
            n = next_after_subtree(n, root);
            continue;
        }
        if (n->kind == VB_NODE_PARAGRAPH || n->kind == VB_NODE_TASK ||
            ((n->kind == VB_NODE_SECTION || n->kind == VB_NODE_AGENCY) && n->title.count))
            last = n;
        else if (n->kind == VB_NODE_TABLE)
            last = NULL;
        n = vb_node_next_preorder(n, root);
    }
    return last;
}

/* ---- ô 7, ô 9b: Nơi nhận beside the signature ---- */

/* Recipients [from, to) of ô 9b, each with `props` (NULL: as the style says). */
static void recipient_lines(composer *c, size_t from, size_t to, const vb_para_props *props)
{
    const vb_lines *r = &c->doc->recipients;
    for (size_t i = from; i < to; i++) {
        char *line = vb_format_recipient(c->layout, r, i);
        if (i + 1 == r->count && (c->doc->drafter.text || c->doc->copies > 0)) {
            char *with = vb_compose_with_drafter(c, line); /* ô 12 after the Lưu line */
            free(line);
            line = with;
        }
        text_paragraph(c, VB_EL_RECIPIENT, props, line);
        free(line);
    }
}

void compose_recipients(composer *c)
{
    text_paragraph(c, VB_EL_RECIPIENTS_HEADING, NULL, c->layout->recipients_heading);
    recipient_lines(c, 0, c->doc->recipients.count, NULL);
}

void compose_signer(composer *c, const vb_signer *s, int width)
{
    for (size_t i = 0; i < s->authority.count; i++)
        title_paragraph(c, VB_EL_SIGNER_AUTHORITY, NULL, s->authority.items[i].text, width);
    if (s->title.text)
        title_paragraph(c, VB_EL_SIGNER_TITLE, NULL, s->title.text, width);
    /* ô 7c and ô 8: room for the hand signature and the seal above the name. */
    vb_para_props p = VB_PARA_DEFAULT;
    p.space_before = c->layout->signature_space_twips;
    text_paragraph(c, VB_EL_SIGNER_NAME, &p, s->name.text);
}

static void compose_signature_block(composer *c)
{
    const vb_sink *k = c->sink;
    const vb_document *doc = c->doc;
    /* An empty line keeps the table off the last line of the body, and with it. */
    vb_para_props keep = VB_PARA_DEFAULT;
    keep.keep_with_next = 1;
    text_paragraph(c, VB_EL_BODY, &keep, NULL);
    if (doc->signer_count <= 1) {
        int widths[2] = {c->geo->recipients_width, c->geo->signature_width};
        k->table_begin(c->ctx, widths, 2, NULL);
        k->row_begin(c->ctx, 0);
        k->cell_begin(c->ctx, 0, widths[0], NULL);
        size_t count = doc->recipients.count, beside = (size_t)c->layout->recipients_beside_signature;
        if (count < beside + (size_t)c->layout->recipients_fewest_under)
            beside = count;
        text_paragraph(c, VB_EL_RECIPIENTS_HEADING, NULL, c->layout->recipients_heading);
        recipient_lines(c, 0, beside, NULL);
        k->cell_end(c->ctx);
        k->cell_begin(c->ctx, 1, widths[1], NULL);
        if (doc->signer_count == 1)
            compose_signer(c, &doc->signers[0], widths[1]);
        else
            text_paragraph(c, VB_EL_SIGNER_NAME, NULL, NULL);
        k->cell_end(c->ctx);
        k->row_end(c->ctx);
        k->table_end(c->ctx);
        /* The rest of a long list under the signature, in the Nơi nhận column's width. */
        vb_para_props rest = VB_PARA_DEFAULT;
        rest.indent_right = c->geo->text_width - widths[0];
        recipient_lines(c, beside, count, &rest);
        return;
    }
    /* Joint documents: the signers side by side, the Nơi nhận under them on the left. */
    int n = doc->signer_count > 8 ? 8 : (int)doc->signer_count;
    int widths[8];
    for (int i = 0; i < n; i++)
        widths[i] = c->geo->text_width / n;
    widths[n - 1] = c->geo->text_width - (n - 1) * (c->geo->text_width / n);
    k->table_begin(c->ctx, widths, n, NULL);
    k->row_begin(c->ctx, 0);
    for (int i = 0; i < n; i++) {
        k->cell_begin(c->ctx, i, widths[i], NULL);
        compose_signer(c, &doc->signers[i], widths[i]);
        k->cell_end(c->ctx);
    }
    k->row_end(c->ctx);
    k->table_end(c->ctx);
    text_paragraph(c, VB_EL_BODY, NULL, NULL);
    compose_recipients(c);
}

/* ---- Phụ lục (PL I §III.1, Mẫu 2.1) ---- */

void section_break(composer *c, int landscape, int restart)
{
    vb_section_props p = {landscape, restart, restart};
    c->sink->section_break(c->ctx, &p);
    c->landscape = landscape;
    c->text_width = vb_layout_text_width_oriented(c->layout, landscape);
}

static void compose_appendix(composer *c, const vb_appendix *a, size_t index)
{
    const vb_layout *l = c->layout;
    section_break(c, a->landscape, l->appendix_numbers_restart);
    /* One appendix is just "Phụ lục"; two or more are numbered I, II, … (§III.1.a). */
    char label[64], number[16];
    if (c->doc->appendix_count >= 2) {
        vb_roman((int)index + 1, number, sizeof number);
        snprintf(label, sizeof label, "%s %s", l->appendix_word, number);
    } else {
        snprintf(label, sizeof label, "%s", l->appendix_word);
    }
    vb_para_props keep = VB_PARA_DEFAULT;
    keep.keep_with_next = 1;
    text_paragraph(c, VB_EL_APPENDIX_LABEL, &keep, label);
    title_paragraph(c, VB_EL_APPENDIX_TITLE, &keep, a->title.text, c->text_width);
    char *note = a->attached_line.text ? vb_strdup(a->attached_line.text)
                                       : vb_format_attached_line(l, c->doc);
    title_paragraph(c, VB_EL_APPENDIX_NOTE, &keep, note, c->text_width);
    free(note);
    int rule = (int)(vb_widest_line(l, VB_EL_APPENDIX_TITLE, a->title.text, c->text_width) *
                     l->appendix_rule_fraction);
    if (rule > l->appendix_rule_max_twips)
        rule = l->appendix_rule_max_twips;
    c->sink->rule(c->ctx, c->text_width, rule, l->after_title_twips);
    if (a->tasks) {
        /* The tasks of a nhiem_vu block of the body, as a table across the page. */
        vb_table *table = vb_tasks_table(a->tasks);
        table->landscape = 0;
        compose_table(c, table);
        vb_table_free(table);
        return;
    }
    c->last_text_node = find_last_text_node(a->body);
    compose_children_from(c, a->body->first_child);
}

int vb_compose(const vb_document *doc, const vb_layout *layout, const vb_geometry *geo,
               const vb_sink *sink, void *ctx, char *err, size_t err_size)
{
    composer c = {doc, layout, geo, sink, ctx, find_last_text_node(doc->body),
                  geo->text_width, 0, err, err_size, 0};
    if (err && err_size)
        err[0] = '\0';
    compose_header(&c);
    vb_compose_page_one_frames(&c);
    compose_title(&c);
    compose_addressees(&c);
    compose_preamble(&c);
    compose_children_from(&c, doc->body->first_child);
    compose_signature_block(&c);
    vb_compose_attachments(&c);
    for (size_t i = 0; i < doc->appendix_count && !c.failed; i++)
        compose_appendix(&c, &doc->appendices[i], i);
    return c.failed ? -1 : 0;
}
