#include "layout_rules.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "layout/layout.h"
#include "read/office/office_spool.h"
#include "viet/text.h"

#define MM(x) ((int)((x)*1440.0 / 25.4 + 0.5))

static vb_pos at(const vb_document *doc, unsigned paragraph)
{
    vb_pos p = {doc->source_name, paragraph ? paragraph : 1, 1};
    return p;
}

static int visible(const of_run *r)
{
    if (r->flags & OF_NOTE)
        return 0;
    for (const char *c = r->text; *c; c++)
        if (*c != ' ' && *c != '\t' && *c != '\n')
            return 1;
    return 0;
}

static void check_pages(const vb_office_source *src, const vb_document *doc, vb_diagnostics *diags)
{
    const vb_layout *l = vb_layout_for(doc->format);
    for (size_t i = 0; i < src->section_count; i++) {
        const of_section *s = &src->sections[i];
        if (!s->page_width || !s->page_height)
            continue;
        int w = s->page_width < s->page_height ? s->page_width : s->page_height;
        int h = s->page_width < s->page_height ? s->page_height : s->page_width;
        vb_pos p = at(doc, s->first_paragraph);
        if (abs(w - l->page_width_twips) > MM(1) || abs(h - l->page_height_twips) > MM(1))
            vb_diag(diags, VB_SEV_ERROR, p, "LAYOUT-PAGE", "khổ giấy %.0f × %.0f mm, không phải A4 (210 × 297 mm)",
                    "the paper is %.0f × %.0f mm, not A4 (210 × 297 mm)", w * 25.4 / 1440, h * 25.4 / 1440);
        /* Landscape pages turn the margins with the paper: check the portrait ones. */
        if (s->landscape)
            continue;
        struct {
            int value, lo, hi;
            const char *vi, *en;
        } m[] = {
            {s->margin_top, MM(20), MM(25), "trên", "top"},
            {s->margin_bottom, MM(20), MM(25), "dưới", "bottom"},
            {s->margin_left, MM(30), MM(35), "trái", "left"},
            {s->margin_right, MM(15), MM(20), "phải", "right"},
        };
        for (size_t k = 0; k < 4; k++)
            if (m[k].value < m[k].lo - MM(0.5) || m[k].value > m[k].hi + MM(0.5))
                vb_diag(diags, VB_SEV_WARNING, p, "LAYOUT-MARGIN", "lề %s %.1f mm, ngoài khoảng %.0f–%.0f mm",
                        "the %s margin is %.1f mm, outside %.0f–%.0f mm",
                        diags->lang == VB_LANG_EN ? m[k].en : m[k].vi, m[k].value * 25.4 / 1440,
                        m[k].lo * 25.4 / 1440, m[k].hi * 25.4 / 1440);
        /* NĐ30 §I.7: numbered from page 2, none on the first page. */
        if (i == 0 && s->number_on_first)
            vb_diag(diags, VB_SEV_WARNING, p, "LAYOUT-PAGENUM", "trang đầu có số trang (chỉ đánh số từ trang 2)",
                    "the first page shows a page number (numbers start on page 2)");
    }
}

/* One warning per rule and element kind: a template's whole set of lines shares one cause. */
typedef struct {
    unsigned char reported[VB_EL_COUNT][4];
} once;

static int first_time(once *o, int el, int what)
{
    if (o->reported[el][what])
        return 0;
    o->reported[el][what] = 1;
    return 1;
}

static const char *element_name(const vb_layout *l, int el)
{
    return l->style_names[el] ? l->style_names[el] + 3 : "?"; /* "VB Quốc hiệu" → "Quốc hiệu" */
}

static void check_paragraph(const of_para *p, int el, const vb_layout *l, const vb_document *doc,
                            vb_diagnostics *diags, once *o, int *font_reported)
{
    const vb_text_style *st = &l->styles[el];
    unsigned all = 0;
    double size = 0;
    int seen = 0;
    /* The look of most of the text: a superscript note number does not make a bold line
     * regular. */
    size_t total = 0, with[5] = {0};
    for (size_t i = 0; i < p->run_count; i++) {
        const of_run *r = &p->runs[i];
        if (!visible(r))
            continue;
        size_t n = strlen(r->text);
        total += n;
        for (int b = 0; b < 5; b++)
            if (r->flags & (1u << b))
                with[b] += n;
    }
    for (int b = 0; b < 5; b++)
        if (total && with[b] * 2 > total)
            all |= 1u << b;
    for (size_t i = 0; i < p->run_count; i++) {
        const of_run *r = &p->runs[i];
        if (!visible(r))
            continue;
        seen = 1;
        if (!size)
            size = r->size_pt;
        if (!*font_reported && r->font && strcasecmp(r->font, l->font) != 0) {
            vb_diag(diags, VB_SEV_ERROR, at(doc, p->number), "LAYOUT-FONT", "phông chữ \"%s\", không phải %s",
                    "the font is \"%s\", not %s", r->font, l->font);
            *font_reported = 1;
        }
    }
    if (!seen)
        return;
    const char *name = element_name(l, el);
    /* NĐ30 gives most sizes as a range of one point around the layout's choice. */
    if (size && fabs(size - st->size_pt) > 1.01 && first_time(o, el, 0))
        vb_diag(diags, VB_SEV_WARNING, at(doc, p->number), "LAYOUT-SIZE", "%s cỡ chữ %.1f, quy định %.0f",
                "%s is set in %.1f pt, the rule says %.0f", name, size, st->size_pt);
    int bold = (all & OF_BOLD) != 0, italic = (all & OF_ITALIC) != 0;
    if ((bold != st->bold || italic != st->italic) && first_time(o, el, 1))
        vb_diag(diags, VB_SEV_WARNING, at(doc, p->number), "LAYOUT-STYLE", "%s phải là chữ %s%s, không phải %s%s",
                "%s must be %s%s, not %s%s", name,
                st->bold ? (diags->lang == VB_LANG_EN ? "bold " : "đậm ") : (diags->lang == VB_LANG_EN ? "regular " : "thường "),
                st->italic ? (diags->lang == VB_LANG_EN ? "italic" : "nghiêng") : (diags->lang == VB_LANG_EN ? "upright" : "đứng"),
                bold ? (diags->lang == VB_LANG_EN ? "bold " : "đậm ") : (diags->lang == VB_LANG_EN ? "regular " : "thường "),
                italic ? (diags->lang == VB_LANG_EN ? "italic" : "nghiêng") : (diags->lang == VB_LANG_EN ? "upright" : "đứng"));
    if (st->upper && p->text && !strchr(p->text, '\t') && !(all & OF_CAPS)) {
        char *u = vb_upper_vi(p->text);
        int same = strcmp(u, p->text) == 0;
        free(u);
        if (!same && first_time(o, el, 2))
            vb_diag(diags, VB_SEV_WARNING, at(doc, p->number), "LAYOUT-STYLE", "%s phải in hoa",
                    "%s must be in capitals", name);
    }
    if ((el == VB_EL_BODY || el == VB_EL_LEGAL_BASIS) && !p->in_textbox && first_time(o, el, 3)) {
        int first = p->fmt.indent_first;
        int ok_indent = first >= MM(9.5) && first <= MM(13);
        int ok_align = p->fmt.align == VB_ALIGN_JUSTIFY;
        if (!ok_indent || !ok_align)
            vb_diag(diags, VB_SEV_WARNING, at(doc, p->number), "LAYOUT-BODY",
                    "đoạn nội dung phải canh đều hai lề và lùi đầu dòng 1–1,27 cm (ở đây: %s, lùi %.2f cm)",
                    "body paragraphs are justified with a 1–1.27 cm first-line indent (here: %s, %.2f cm)",
                    ok_align ? (diags->lang == VB_LANG_EN ? "justified" : "canh đều")
                             : (diags->lang == VB_LANG_EN ? "not justified" : "không canh đều"),
                    first > 0 ? first * 2.54 / 1440 : 0.0);
        else
            o->reported[el][3] = 1;
    }
}

/* A rule under `p`: its bottom border, a drawn line, underscores or an empty paragraph with a
 * border right after it. */
static int has_rule_after(const vb_office_source *src, size_t index)
{
    const of_para *p = &src->items[index].u.para;
    if (p->fmt.border_bottom || p->drawn_rule)
        return 1;
    for (size_t k = index + 1; k < src->count && k < index + 4; k++) {
        const of_item *it = &src->items[k];
        if (it->kind != OF_PARA)
            continue;
        const of_para *q = &it->u.para;
        if (q->fmt.border_bottom || q->drawn_rule)
            return 1;
        if (q->text && (strstr(q->text, "___") || strstr(q->text, "---") || strstr(q->text, "———")))
            return 1;
        int empty = !q->text || strspn(q->text, " \t") == strlen(q->text);
        if (!empty)
            return 0;
    }
    return 0;
}

/* The paragraphs of the rows a long table keeps in the spool (cells: nothing comes after
 * them that has_rule_after would look for). */
static void check_spooled(const vb_office_source *src, const of_spooled *what, const int *elements,
                          const vb_layout *l, const vb_document *doc, vb_diagnostics *diags, once *o,
                          int *font_reported)
{
    of_spool_cursor *cursor = of_spool_open(src->spool, what);
    const of_item *it;
    while (cursor && (it = of_spool_next(cursor))) {
        if (it->kind != OF_PARA)
            continue;
        int el = elements ? elements[it->u.para.number] : -1;
        if (el >= 0 && !it->u.para.in_note)
            check_paragraph(&it->u.para, el, l, doc, diags, o, font_reported);
    }
    of_spool_close(cursor);
}

void vb_check_office_layout(const vb_office_source *src, const int *elements, const vb_document *doc,
                            vb_diagnostics *diags)
{
    if (!src || !doc)
        return;
    const vb_layout *l = vb_layout_for(doc->format);
    check_pages(src, doc, diags);
    once o;
    memset(&o, 0, sizeof o);
    int font_reported = 0;
    size_t last_issuer = (size_t)-1, motto = (size_t)-1, subject = (size_t)-1;
    for (size_t i = 0; i < src->count; i++) {
        if (src->items[i].kind == OF_SPOOLED)
            check_spooled(src, &src->items[i].u.spooled, elements, l, doc, diags, &o, &font_reported);
        if (src->items[i].kind != OF_PARA)
            continue;
        const of_para *p = &src->items[i].u.para;
        int el = elements ? elements[p->number] : -1;
        if (el < 0 || p->in_note)
            continue;
        check_paragraph(p, el, l, doc, diags, &o, &font_reported);
        if (el == VB_EL_ISSUER)
            last_issuer = i;
        else if (el == VB_EL_MOTTO)
            motto = i;
        else if (el == VB_EL_SUBJECT)
            subject = i;
    }
    /* NĐ30 §II.1, §II.2, §II.5: solid rules under the Tiêu ngữ, the issuer, the trích yếu. */
    if (doc->format == VB_FORMAT_STATE) {
        size_t under[3] = {motto, last_issuer, subject};
        static const char *const vi[3] = {"Tiêu ngữ", "tên cơ quan ban hành", "trích yếu"};
        static const char *const en[3] = {"the Tiêu ngữ", "the issuing body", "the trích yếu"};
        for (int k = 0; k < 3; k++)
            if (under[k] != (size_t)-1 && !has_rule_after(src, under[k]))
                vb_diag(diags, VB_SEV_WARNING, at(doc, src->items[under[k]].u.para.number), "LAYOUT-RULE",
                        "thiếu đường kẻ dưới %s", "no rule under %s", diags->lang == VB_LANG_EN ? en[k] : vi[k]);
    }
}
