/* The parts of a document that not every document has: the header of a joint document
 * (liên tịch), ô 11 and the draft mark in the top margin, ô 12 after the Lưu line, ô 13 at
 * the foot of page 1, and the documents issued with this one (văn bản kèm theo). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "compose_internal.h"
#include "layout/format.h"
#include "layout/textwidth.h"
#include "model/doctypes.h"
#include "viet/text.h"

int vb_compose_uses(const vb_document *doc, vb_element element)
{
    switch (element) {
    case VB_EL_CIRCULATION:
        return doc->circulation.text != NULL;
    case VB_EL_DRAFT_MARK:
        return doc->is_draft;
    case VB_EL_CONTACT:
        return doc->has_contact;
    default:
        return 1;
    }
}

/* ---- the header of a joint document ---- */

/* The lines a body's superior body takes in a column `width` wide, as title_paragraph sets them. */
static int parent_lines(const composer *c, const vb_lines *parent, int width)
{
    int lines = 0;
    for (size_t i = 0; parent && i < parent->count; i++) {
        char *set = vb_balanced_title(c->layout, VB_EL_PARENT_BODY, parent->items[i].text, width);
        lines++;
        for (const char *p = set; *p; p++)
            lines += *p == '\n';
        free(set);
    }
    return lines;
}

/* ô 2 of one body: its superior body upright, its own name bold (the layout's styles), then
 * its rule (state) or "*" (Party). `pad` empty lines come first, so that the names of bodies
 * whose superior bodies take fewer lines (or none) stand on the same line as the others'. */
static void issuer_cell(composer *c, const vb_lines *parent, const vb_lines *issuer, int width, int pad)
{
    const vb_layout *l = c->layout;
    for (int i = 0; i < pad; i++)
        text_paragraph(c, VB_EL_PARENT_BODY, NULL, "");
    for (size_t i = 0; parent && i < parent->count; i++)
        title_paragraph(c, VB_EL_PARENT_BODY, NULL, parent->items[i].text, width);
    int widest = 0;
    for (size_t i = 0; i < issuer->count; i++) {
        title_paragraph(c, VB_EL_ISSUER, NULL, issuer->items[i].text, width);
        int w = vb_widest_line(l, VB_EL_ISSUER, issuer->items[i].text, width);
        if (w > widest)
            widest = w;
    }
    if (l->issuer_mark)
        text_paragraph(c, VB_EL_ISSUER_MARK, NULL, l->issuer_mark);
    else if (l->issuer_rule_fraction > 0)
        c->sink->rule(c->ctx, width, (int)(l->issuer_rule_fraction * widest), -1);
}

/* ô 1: Quốc hiệu and Tiêu ngữ (state) / ĐẢNG CỘNG SẢN VIỆT NAM (Party), with its rule. */
static void national_cell(composer *c, int width)
{
    const vb_layout *l = c->layout;
    text_paragraph(c, VB_EL_NATIONAL_TITLE, NULL, l->national_title);
    if (l->motto)
        text_paragraph(c, VB_EL_MOTTO, NULL, l->motto);
    c->sink->rule(c->ctx, width, c->geo->national_rule, -1);
}

void vb_compose_joint_header(composer *c)
{
    const vb_sink *k = c->sink;
    const vb_document *doc = c->doc;
    int n = doc->joint_issuer_count > 4 ? 4 : (int)doc->joint_issuer_count;
    int right = c->geo->header_right_width;
    int left = c->geo->text_width - right;
    int widths[5];
    for (int i = 0; i < n; i++)
        widths[i] = left / n;
    widths[n - 1] = left - (n - 1) * (left / n);
    widths[n] = right;
    int lines[4], most = 0;
    for (int i = 0; i < n; i++) {
        lines[i] = parent_lines(c, doc->joint_parent_bodies ? &doc->joint_parent_bodies[i] : NULL, widths[i]);
        if (lines[i] > most)
            most = lines[i];
    }
    k->table_begin(c->ctx, widths, n + 1, NULL);
    k->row_begin(c->ctx, 0);
    for (int i = 0; i < n; i++) {
        k->cell_begin(c->ctx, i, widths[i], NULL);
        issuer_cell(c, doc->joint_parent_bodies ? &doc->joint_parent_bodies[i] : NULL,
                    &doc->joint_issuers[i], widths[i], most - lines[i]);
        k->cell_end(c->ctx);
    }
    k->cell_begin(c->ctx, n, right, NULL);
    national_cell(c, right);
    k->cell_end(c->ctx);
    k->row_end(c->ctx);
    /* One number for the joint document, across the bodies' columns (ô 3), beside ô 4. */
    k->row_begin(c->ctx, 0);
    vb_cell_span span = {(unsigned)n, 1, 0};
    k->cell_begin(c->ctx, 0, left, &span);
    char *number = vb_format_number_line(c->layout, doc);
    text_paragraph(c, VB_EL_NUMBER, NULL, number);
    free(number);
    compose_cong_van_subject(c, left); /* ô 5b of a công văn, under the number */
    k->cell_end(c->ctx);
    k->cell_begin(c->ctx, n, right, NULL);
    compose_date_line(c);
    k->cell_end(c->ctx);
    k->row_end(c->ctx);
    k->table_end(c->ctx);
}

/* ---- ô 11, the draft mark, ô 13 ---- */

static void frame_paragraph(composer *c, const vb_frame_props *f, vb_element el,
                            const vb_para_props *p, const char *text)
{
    vb_span span = {text, 0};
    c->sink->frame(c->ctx, f, el, p, &span, 1);
}

/* Lines `text` takes in `width` when broken at spaces. */
static int line_count(const vb_layout *l, vb_element el, const char *text, int width)
{
    const vb_text_style *st = &l->styles[el];
    vb_face face = (vb_face)((st->bold ? VB_FACE_BOLD : 0) | (st->italic ? VB_FACE_ITALIC : 0));
    int lines = 1;
    long used = 0, space = vb_text_width_twips(" ", 1, face, st->size_pt);
    for (const char *p = text; *p;) {
        while (*p == ' ')
            p++;
        const char *e = p;
        while (*e && *e != ' ')
            e++;
        if (e == p)
            break;
        long w = vb_text_width_twips(p, (size_t)(e - p), face, st->size_pt);
        if (used > 0 && used + space + w > width) {
            lines++;
            used = w;
        } else {
            used += (used > 0 ? space : 0) + w;
        }
        p = e;
    }
    return lines;
}

static char *contact_text(const vb_layout *l, const vb_contact *ct)
{
    const vb_text *parts[5] = {&ct->address, &ct->phone, &ct->fax, &ct->email, &ct->website};
    vb_buf b = {0};
    for (int i = 0; i < 5; i++) {
        if (!parts[i]->text)
            continue;
        if (b.data && b.data[0])
            vb_buf_add(&b, l->contact_separator);
        vb_buf_printf(&b, "%s%s", l->contact_labels[i], parts[i]->text);
    }
    return b.data ? b.data : vb_strdup("");
}

void vb_compose_page_one_frames(composer *c)
{
    const vb_layout *l = c->layout;
    const vb_document *doc = c->doc;
    if (!c->sink->frame)
        return;
    /* ô 11 and the draft mark: boxes fitting their text, centred over the ô 1 column. */
    const char *marks[2] = {NULL, NULL};
    vb_element elements[2] = {VB_EL_CIRCULATION, VB_EL_DRAFT_MARK};
    char draft[64];
    if (doc->circulation.text)
        marks[0] = doc->circulation.text;
    if (doc->is_draft) {
        if (doc->draft_round > 0)
            snprintf(draft, sizeof draft, l->draft_round_format, doc->draft_round);
        else
            snprintf(draft, sizeof draft, "%s", l->draft_mark);
        marks[1] = draft;
    }
    int widths[2] = {0, 0}, total = 0, count = 0;
    for (int i = 0; i < 2; i++) {
        if (!marks[i])
            continue;
        widths[i] = vb_widest_line(l, elements[i], marks[i], c->geo->text_width) + 2 * l->margin_box_air_twips;
        total += widths[i] + (count++ ? l->margin_box_gap_twips : 0);
    }
    int centre = l->margin_left_twips + c->geo->header_left_width + c->geo->header_right_width / 2;
    int x = centre - total / 2;
    if (x + total > l->page_width_twips - l->margin_right_twips)
        x = l->page_width_twips - l->margin_right_twips - total;
    for (int i = 0; i < 2; i++) {
        if (!marks[i])
            continue;
        vb_frame_props f = {x, l->margin_box_top_twips, widths[i], l->margin_box_height_twips};
        vb_para_props p = VB_PARA_DEFAULT;
        p.box_width = widths[i];
        p.box_height = l->margin_box_height_twips;
        p.indent_left = p.indent_right = p.indent_first = 0;
        p.space_before = p.space_after = 0;
        frame_paragraph(c, &f, elements[i], &p, marks[i]);
        x += widths[i] + l->margin_box_gap_twips;
    }
    /* ô 13: under a rule the width of the text area, its last line on the text area's last
     * line (PL I §III.4). */
    if (doc->has_contact) {
        char *text = contact_text(l, &doc->contact);
        const vb_text_style *st = &l->styles[VB_EL_CONTACT];
        int line = (int)(st->size_pt * 20 * 1.15 + 0.5) + 1; /* one line of the style */
        int gap = l->rule_gap_twips;
        int height = gap + line * line_count(l, VB_EL_CONTACT, text, c->geo->text_width);
        vb_frame_props f = {l->margin_left_twips, l->page_height_twips - l->margin_bottom_twips - height,
                            c->geo->text_width, height};
        vb_para_props p = VB_PARA_DEFAULT;
        p.rule_above = 1;
        p.space_before = gap;
        p.space_after = 0;
        p.indent_left = p.indent_right = p.indent_first = 0;
        frame_paragraph(c, &f, VB_EL_CONTACT, &p, text);
        free(text);
    }
}

/* ---- ô 12 ---- */

char *vb_compose_with_drafter(composer *c, const char *line)
{
    const vb_document *doc = c->doc;
    vb_buf b = {0};
    vb_buf_add(&b, line);
    if (doc->drafter.text || doc->copies > 0) {
        /* NĐ30 PL I §III.3: the drafter's mark in capitals, the copies in Arabic numerals. */
        char *mark = doc->drafter.text ? vb_upper_vi(doc->drafter.text) : vb_strdup("");
        vb_buf_add(&b, " ");
        if (doc->copies > 0)
            vb_buf_printf(&b, c->layout->drafter_copies_format, mark, doc->copies);
        else
            vb_buf_add(&b, mark);
        vb_buf_add(&b, ".");
        free(mark);
    }
    return b.data;
}

/* ---- văn bản kèm theo ---- */

static const vb_signer *attachment_signer(const vb_document *doc, const vb_attachment *a)
{
    if (a->has_signer)
        return &a->signer;
    /* A Quy chế or Quy định ends with the signature of the decision that issues it, as the
     * provinces print them; a plan or a list does not. */
    const char *code = a->type_code.text ? a->type_code.text : "";
    int rules = strcmp(code, "QC") == 0 || strcmp(code, "QyĐ") == 0 || strcmp(code, "QĐi") == 0;
    return rules && doc->signer_count > 0 ? &doc->signers[0] : NULL;
}

static void compose_attachment(composer *c, const vb_attachment *a)
{
    const vb_layout *l = c->layout;
    const vb_document *doc = c->doc;
    const vb_sink *k = c->sink;
    section_break(c, 0, 1);
    /* The header of Mẫu 1.3's attached document: ô 2 and ô 1, no number, no date. */
    int widths[2] = {c->geo->header_left_width, c->geo->header_right_width};
    k->table_begin(c->ctx, widths, 2, NULL);
    k->row_begin(c->ctx, 0);
    k->cell_begin(c->ctx, 0, widths[0], NULL);
    issuer_cell(c, &doc->parent_body, &doc->issuer, widths[0], 0);
    k->cell_end(c->ctx);
    k->cell_begin(c->ctx, 1, widths[1], NULL);
    national_cell(c, widths[1]);
    k->cell_end(c->ctx);
    k->row_end(c->ctx);
    k->table_end(c->ctx);

    /* Tên loại, trích yếu, "(Ban hành kèm theo …)", a short rule. */
    const vb_doctype *type = a->type_code.text ? vb_doctype_find(a->type_code.text, doc->format) : NULL;
    vb_para_props keep = VB_PARA_DEFAULT;
    keep.keep_with_next = 1;
    if (a->type_name.count) {
        for (size_t i = 0; i < a->type_name.count; i++)
            title_paragraph(c, VB_EL_TYPE_NAME, &keep, a->type_name.items[i].text, c->text_width);
    } else if (type) {
        title_paragraph(c, VB_EL_TYPE_NAME, &keep, type->name, c->text_width);
    }
    if (a->subject.text)
        title_paragraph(c, VB_EL_SUBJECT, &keep, a->subject.text, c->text_width);
    char *note = a->attached_line.text ? vb_strdup(a->attached_line.text)
                                       : vb_format_issued_with_line(l, doc);
    title_paragraph(c, VB_EL_APPENDIX_NOTE, &keep, note, c->text_width);
    free(note);
    int rule = (int)(vb_widest_line(l, VB_EL_SUBJECT, a->subject.text ? a->subject.text : "",
                                    c->text_width) * l->appendix_rule_fraction);
    if (rule > l->appendix_rule_max_twips || rule <= 0)
        rule = l->appendix_rule_max_twips;
    k->rule(c->ctx, c->text_width, rule, l->after_title_twips);

    c->last_text_node = find_last_text_node(a->body);
    compose_children_from(c, a->body->first_child);
    const vb_signer *s = attachment_signer(doc, a);
    if (!s)
        return;
    /* The signature at its end, in the right column as in the decision (ô 7). */
    vb_para_props gap = VB_PARA_DEFAULT;
    gap.keep_with_next = 1;
    text_paragraph(c, VB_EL_BODY, &gap, NULL);
    int sig[2] = {c->geo->recipients_width, c->geo->signature_width};
    k->table_begin(c->ctx, sig, 2, NULL);
    k->row_begin(c->ctx, 0);
    k->cell_begin(c->ctx, 0, sig[0], NULL);
    text_paragraph(c, VB_EL_BODY, NULL, NULL);
    k->cell_end(c->ctx);
    k->cell_begin(c->ctx, 1, sig[1], NULL);
    compose_signer(c, s, sig[1]);
    k->cell_end(c->ctx);
    k->row_end(c->ctx);
    k->table_end(c->ctx);
}

void vb_compose_attachments(composer *c)
{
    for (size_t i = 0; i < c->doc->attachment_count && !c->failed; i++)
        compose_attachment(c, &c->doc->attachments[i]);
}
