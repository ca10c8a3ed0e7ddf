/* The neutral list → the document model. One pass per zone of the page, in the order NĐ30
 * lays them out: the header (ô 1–4, ô 10), the tên loại and trích yếu (ô 5), Kính gửi
 * (ô 9a), the preamble, the body (ô 6) with its headings, Nơi nhận and the signature
 * (ô 7, ô 9b), then the appendices. What a paragraph is comes from recognise_rules.c, or
 * from the style vanban itself gives each element. */
#include "recognise.h"

#include <ctype.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "layout/format.h"
#include "layout/layout.h"
#include "model/doctypes.h"
#include "model/row_store.h"
#include "read/section_roles.h"
#include "tables/table_rows.h"
#include "read/deadline.h"
#include "recognise_rules.h"
#include "office_spool.h"
#include "recognise_tasks.h"
#include "viet/text.h"

#define MAX_OPEN 64

typedef struct {
    const vb_office_source *src;
    vb_document *doc;
    vb_diagnostics *diags;
    int *elements;        /* per paragraph number: the element recognised, -1 none */
    size_t i;             /* cursor over src->items */
    int has_header;
} rz;

/* ---- small text helpers ---- */

static vb_pos pos_of(rz *r, const of_para *p, unsigned column)
{
    vb_pos pos = {r->doc->source_name, p ? p->number : 1, column ? column : 1};
    return pos;
}

static int blank_text(const char *s)
{
    if (!s)
        return 1;
    for (; *s; s++)
        if (*s != ' ' && *s != '\t' && *s != '\n' && *s != '\r')
            return 0;
    return 1;
}

/* A copy with line breaks and tabs as spaces, blanks squeezed, trimmed, NFC. */
static char *clean_text(const char *s, size_t len)
{
    char *tmp = vb_xmalloc(len + 1);
    size_t o = 0;
    int blank = 1;
    for (size_t i = 0; i < len; i++) {
        char c = s[i];
        int b = c == ' ' || c == '\t' || c == '\n' || c == '\r';
        if (b && blank)
            continue;
        tmp[o++] = b ? ' ' : c;
        blank = b;
    }
    while (o && tmp[o - 1] == ' ')
        o--;
    tmp[o] = '\0';
    char *n = vb_nfc(tmp, o);
    free(tmp);
    return n ? n : vb_strdup("");
}

static char *para_clean(const of_para *p)
{
    return p->text ? clean_text(p->text, strlen(p->text)) : vb_strdup("");
}

static int is_upper_text(const char *s)
{
    char *u = vb_upper_vi(s);
    int same = strcmp(u, s) == 0;
    free(u);
    int letter = 0;
    for (const char *p = s; *p; p++)
        if (isalpha((unsigned char)*p) || (unsigned char)*p >= 0xC3)
            letter = 1;
    return same && letter;
}

/* Flags most of the paragraph's visible text has (notes aside): a superscript note number
 * typed after a bold name does not make the name regular. */
static unsigned common_flags(const of_para *p)
{
    size_t total = 0, with[5] = {0};
    for (size_t i = 0; i < p->run_count; i++) {
        if ((p->runs[i].flags & OF_NOTE) || blank_text(p->runs[i].text))
            continue;
        size_t n = strlen(p->runs[i].text);
        total += n;
        for (int b = 0; b < 5; b++)
            if (p->runs[i].flags & (1u << b))
                with[b] += n;
    }
    unsigned flags = 0;
    for (int b = 0; b < 5; b++)
        if (total && with[b] * 2 > total)
            flags |= 1u << b;
    return flags;
}

/* The element vanban's own style names, or -1. */
static int style_element(const of_para *p)
{
    /* vanban's style ids all start "Vb"; a table's cells share one, so the last is kept. */
    static _Thread_local char last_id[64];
    static _Thread_local int last_element = -1;
    if (!p->style_id || p->style_id[0] != 'V' || p->style_id[1] != 'b')
        return -1;
    if (!strcmp(p->style_id, last_id))
        return last_element;
    snprintf(last_id, sizeof last_id, "%s", p->style_id);
    last_element = -1;
    for (int e = 0; e < VB_EL_COUNT; e++)
        if (strcmp(p->style_id, vb_element_style_id((vb_element)e)) == 0)
            return last_element = e;
    return -1;
}

static void mark(rz *r, const of_para *p, vb_element el)
{
    if (r->elements && p)
        r->elements[p->number] = (int)el;
}

/* A "(Kèm theo …)" line (VB_EL_APPENDIX_NOTE): kept in `out` only when it is not the line
 * vanban writes itself (`standard`, which is freed), so a document read back renders the
 * same line either way. */
static void keep_unless_standard(rz *r, const of_para *p, char *standard, vb_text *out)
{
    char *t = para_clean(p);
    char *clean = clean_text(standard, strlen(standard));
    free(standard);
    if (!vb_recognise_same_text(clean, t)) {
        out->text = t;
        out->pos = pos_of(r, p, 1);
    } else {
        free(t);
    }
    free(clean);
    mark(r, p, VB_EL_APPENDIX_NOTE);
}

static void note(rz *r, const of_para *p, const char *vi)
{
    vb_document_add_note(r->doc, pos_of(r, p, 1), vi);
}

/* Text without the punctuation a list adds ("- X;" → "X"), keeping "./.". */
static char *list_item_text(const char *text)
{
    const char *t = text;
    if ((t[0] == '-' || t[0] == '+') && t[1] == ' ')
        t += 2;
    else if (strncmp(t, "–", strlen("–")) == 0 || strncmp(t, "•", strlen("•")) == 0)
        t += strlen("–");
    while (*t == ' ')
        t++;
    size_t n = strlen(t);
    while (n && (t[n - 1] == ';' || t[n - 1] == ',' || t[n - 1] == ' ' ||
                 (t[n - 1] == '.' && !(n >= 3 && t[n - 2] == '/'))))
        n--;
    char *out = vb_xmalloc(n + 1);
    memcpy(out, t, n);
    out[n] = '\0';
    return out;
}

/* ---- items ---- */

static const of_item *item(rz *r, size_t i)
{
    return i < r->src->count ? &r->src->items[i] : NULL;
}

static size_t table_end(rz *r, size_t begin)
{
    int depth = 0;
    for (size_t i = begin; i < r->src->count; i++) {
        if (r->src->items[i].kind == OF_TABLE_BEGIN)
            depth++;
        else if (r->src->items[i].kind == OF_TABLE_END && --depth == 0)
            return i;
    }
    return r->src->count ? r->src->count - 1 : 0;
}

/* ---- runs → inline ---- */

/* The paragraph's runs as model runs, from byte `skip` of its text on; emphasis is what the
 * runs have beyond `base` (the style's, or a heading's own look). */
static void para_inline(const of_para *p, size_t skip, unsigned base, vb_inline *out, int clean)
{
    size_t at = 0;
    for (size_t i = 0; i < p->run_count; i++) {
        const of_run *run = &p->runs[i];
        if (run->flags & OF_NOTE) {
            char *t = clean_text(run->text, strlen(run->text));
            vb_inline_append(out, t, strlen(t), VB_RUN_NOTE);
            free(t);
            continue;
        }
        size_t n = strlen(run->text);
        size_t from = at >= skip ? 0 : (skip - at < n ? skip - at : n);
        at += n;
        if (from >= n)
            continue;
        unsigned style = ((run->flags & OF_BOLD) && !(base & OF_BOLD) ? VB_RUN_BOLD : 0) |
                         ((run->flags & OF_ITALIC) && !(base & OF_ITALIC) ? VB_RUN_ITALIC : 0);
        char *t = vb_nfc(run->text + from, n - from);
        if (clean) {
            for (char *c = t; *c; c++)
                if (*c == '\n' || *c == '\t')
                    *c = ' ';
        }
        vb_inline_append(out, t, strlen(t), style);
        free(t);
    }
    /* Blanks at the ends belong to no one. */
    while (out->count && !(out->runs[0].style & VB_RUN_NOTE) &&
           (out->runs[0].text[0] == ' ' || out->runs[0].text[0] == '\t')) {
        memmove(out->runs[0].text, out->runs[0].text + 1, strlen(out->runs[0].text));
        if (!out->runs[0].text[0]) {
            free(out->runs[0].text);
            memmove(out->runs, out->runs + 1, (out->count - 1) * sizeof *out->runs);
            out->count--;
        }
    }
    while (out->count) {
        vb_run *last = &out->runs[out->count - 1];
        if (last->style & VB_RUN_NOTE)
            break;
        size_t n = strlen(last->text);
        while (n && (last->text[n - 1] == ' ' || last->text[n - 1] == '\t' || last->text[n - 1] == '\n'))
            last->text[--n] = '\0';
        if (n)
            break;
        free(last->text);
        out->count--;
    }
}

/* ---- the header: ô 1–4, ô 5b, ô 10 ---- */

typedef struct {
    char *text;
    const of_para *p;
    int bold;
    int element; /* vanban's style, or -1 */
    int cell;    /* the cell of the header table's first row it stands in, or -1 */
} candidate;

static void parse_number_line(rz *r, const of_para *p, const char *text)
{
    vb_document *doc = r->doc;
    const char *s = text + strlen("Số");
    int colon = *s == ':';
    if (colon)
        s++;
    while (*s == ' ' || *s == '\t')
        s++;
    long n = 0;
    int digits = 0;
    while (isdigit((unsigned char)*s) && digits < 7) {
        n = n * 10 + (*s - '0');
        s++;
        digits++;
    }
    while (*s && *s != '/' && *s != '-')
        s++;
    doc->number_pos = pos_of(r, p, 1);
    if (digits && n > 0) {
        doc->number = (int)n;
    } else {
        doc->number = 0;
        doc->is_draft = 1;
        doc->draft_pos = doc->number_pos;
        note(r, p, "số để trống: dự thảo");
    }
    if (*s == '/' || *s == '-') {
        char sep = *s++;
        if (!colon && sep == '-')
            doc->format = VB_FORMAT_PARTY;
        char *code = clean_text(s, strlen(s));
        if (*code) {
            doc->code.text = code;
            doc->code.pos = pos_of(r, p, (unsigned)vb_utf8_count(text, (size_t)(s - text)) + 1);
        } else {
            free(code);
        }
    }
}

static int blank_field(const char *s, const char *end)
{
    for (; s < end; s++)
        if (isdigit((unsigned char)*s))
            return 0;
    return 1;
}

static void parse_date_line(rz *r, const of_para *p, const char *text)
{
    vb_document *doc = r->doc;
    const char *ngay = strstr(text, "ngày");
    const char *comma = NULL;
    for (const char *c = text; c < ngay; c++)
        if (*c == ',')
            comma = c;
    if (comma && comma > text) {
        char *place = clean_text(text, (size_t)(comma - text));
        if (*place) {
            doc->place.text = place;
            doc->place.pos = pos_of(r, p, 1);
        } else {
            free(place);
        }
    }
    const char *thang = strstr(ngay, "tháng");
    const char *nam = strstr(thang, "năm");
    const char *d0 = ngay + strlen("ngày"), *m0 = thang + strlen("tháng"), *y0 = nam + strlen("năm");
    doc->date.present = 1;
    doc->date.pos = pos_of(r, p, (unsigned)vb_utf8_count(text, (size_t)(ngay - text)) + 1);
    doc->date.day = blank_field(d0, thang) ? 0 : atoi(d0 + strspn(d0, " \t"));
    doc->date.month = blank_field(m0, nam) ? 0 : atoi(m0 + strspn(m0, " \t"));
    doc->date.year = blank_field(y0, y0 + strlen(y0)) ? 0 : atoi(y0 + strspn(y0, " \t"));
    if (!doc->date.day || !doc->date.month) {
        doc->is_draft = 1;
        doc->draft_pos = doc->date.pos;
        note(r, p, "ngày hoặc tháng để trống: dự thảo");
    }
}

static int is_rule_para(const of_para *p);

/* Where the header ends: after the table holding ô 1 / ô 3 / ô 4, or after the last of them
 * among the first paragraphs. Returns the item index after the header (0: none found). */
static size_t find_header_end(rz *r)
{
    size_t last = 0, paragraphs = 0;
    int found = 0;
    size_t top_table = (size_t)-1;
    int depth = 0;
    for (size_t i = 0; i < r->src->count && paragraphs < 40; i++) {
        const of_item *it = item(r, i);
        if (it->kind == OF_TABLE_BEGIN && depth++ == 0)
            top_table = i;
        else if (it->kind == OF_TABLE_END && --depth == 0)
            top_table = (size_t)-1;
        if (it->kind != OF_PARA || it->u.para.in_note)
            continue;
        paragraphs++;
        const of_para *p = &it->u.para;
        if (blank_text(p->text) || is_rule_para(p))
            continue;
        int el = style_element(p);
        char *t = para_clean(p);
        int hit = 0;
        if (el == VB_EL_NATIONAL_TITLE || el == VB_EL_NUMBER || el == VB_EL_DATE_LINE || el == VB_EL_MOTTO) {
            hit = 1;
        } else {
            /* Tab-aligned headers hold two components on one line: look at each piece. */
            char *save = NULL;
            char *copy = vb_strdup(p->text);
            for (char *seg = strtok_r(copy, "\t\n", &save); seg; seg = strtok_r(NULL, "\t\n", &save)) {
                char *c = clean_text(seg, strlen(seg));
                vb_recognised rec;
                vb_recognise_text(c, 1, &rec);
                if (rec.rule && (rec.rule->element == VB_EL_NATIONAL_TITLE || rec.rule->element == VB_EL_NUMBER ||
                                 rec.rule->element == VB_EL_DATE_LINE || rec.rule->element == VB_EL_MOTTO))
                    hit = 1;
                free(c);
            }
            free(copy);
        }
        free(t);
        if (hit) {
            found = 1;
            last = top_table != (size_t)-1 ? table_end(r, top_table) : i;
            if (top_table != (size_t)-1) {
                i = last;
                depth = 0;
                top_table = (size_t)-1;
            }
        } else if (found && depth == 0) {
            /* The first paragraph after the header that is none of it ends the search. */
            vb_recognised rec;
            char *c = para_clean(p);
            vb_recognise_text(c, 1, &rec);
            free(c);
            if (!rec.rule || !rec.rule->header_only)
                break;
            last = i;
        }
    }
    return found ? last + 1 : 0;
}

/* Whether candidate k is an issuing body's name rather than its superior body's: vanban's
 * style says, else bold type (NĐ30 PL I §II.2), else the last line of its group. */
static int is_issuer_line(const candidate *c, size_t k, size_t first, size_t count, int styled)
{
    if (styled)
        return c[k].element == VB_EL_ISSUER;
    int any_bold = 0;
    for (size_t j = first; j < first + count; j++)
        any_bold |= c[j].bold;
    return any_bold ? c[k].bold : k + 1 == first + count;
}

/* A joint header (liên tịch): issuing bodies in two or more cells of the header table's
 * first row, side by side; each cell's lines are that body's superior body and name. Returns
 * 1 when it is one, the candidates' texts then owned by the document. */
static int read_joint_header(rz *r, candidate *cands, size_t ncand, int styled)
{
    vb_document *doc = r->doc;
    int cells[4], ncells = 0;
    for (size_t k = 0; k < ncand; k++) {
        if (cands[k].cell < 0)
            return 0;
        if (ncells == 0 || cells[ncells - 1] != cands[k].cell) {
            if (ncells == 4)
                return 0;
            cells[ncells++] = cands[k].cell;
        }
    }
    if (ncells < 2)
        return 0;
    /* Every cell has an issuing body of its own. */
    size_t first = 0;
    for (int c = 0; c < ncells; c++) {
        size_t count = 0, issuers = 0;
        while (first + count < ncand && cands[first + count].cell == cells[c])
            count++;
        for (size_t k = first; k < first + count; k++)
            issuers += (size_t)is_issuer_line(cands, k, first, count, styled);
        if (!issuers)
            return 0;
        first += count;
    }
    doc->joint_issuers = vb_xcalloc((size_t)ncells, sizeof *doc->joint_issuers);
    doc->joint_parent_bodies = vb_xcalloc((size_t)ncells, sizeof *doc->joint_parent_bodies);
    doc->joint_issuer_count = (size_t)ncells;
    first = 0;
    for (int c = 0; c < ncells; c++) {
        size_t count = 0;
        while (first + count < ncand && cands[first + count].cell == cells[c])
            count++;
        for (size_t k = first; k < first + count; k++) {
            int issuer = is_issuer_line(cands, k, first, count, styled);
            vb_lines *target = issuer ? &doc->joint_issuers[c] : &doc->joint_parent_bodies[c];
            vb_pos at = pos_of(r, cands[k].p, 1);
            if (!target->count)
                target->pos = at;
            vb_lines_append(target, cands[k].text, at);
            mark(r, cands[k].p, issuer ? VB_EL_ISSUER : VB_EL_PARENT_BODY);
        }
        first += count;
    }
    /* The first body stands for the issuer, as the YAML reader makes it. */
    for (int k = 0; k < 2; k++) {
        const vb_lines *from = k ? &doc->joint_parent_bodies[0] : &doc->joint_issuers[0];
        vb_lines *to = k ? &doc->parent_body : &doc->issuer;
        for (size_t j = 0; j < from->count; j++)
            vb_lines_append(to, vb_strdup(from->items[j].text), from->items[j].pos);
        to->pos = from->pos;
    }
    return 1;
}

static void read_header(rz *r, size_t end)
{
    vb_document *doc = r->doc;
    candidate cands[32];
    size_t ncand = 0;
    int number_seen = 0, in_subject = 0;
    vb_buf subject = {0};
    const of_para *subject_p = NULL;
    /* Where we are in the header table: a joint header has a cell per issuing body. */
    int depth = 0, row = -1, cell = -1;
    for (size_t i = 0; i < end; i++) {
        const of_item *it = item(r, i);
        if (it->kind == OF_TABLE_BEGIN && depth++ == 0)
            row = -1;
        else if (it->kind == OF_TABLE_END)
            depth--;
        else if (it->kind == OF_ROW_BEGIN && depth == 1)
            row++, cell = -1;
        else if (it->kind == OF_CELL_BEGIN && depth == 1)
            cell++;
        if (it->kind != OF_PARA || it->u.para.in_note)
            continue;
        const of_para *p = &it->u.para;
        if (blank_text(p->text))
            continue;
        int el = style_element(p);
        char *copy = vb_strdup(p->text);
        /* vanban's own lines are whole paragraphs; others may hold tab-separated pieces. */
        const char *delims = el >= 0 ? "" : "\t";
        char *save = NULL;
        for (char *seg = *delims ? strtok_r(copy, delims, &save) : copy; seg;
             seg = *delims ? strtok_r(NULL, delims, &save) : NULL) {
            char *t = clean_text(seg, strlen(seg));
            if (!*t) {
                free(t);
                continue;
            }
            vb_recognised rec;
            vb_recognise_text(t, 1, &rec);
            int kind = el >= 0 ? el : rec.rule ? (int)rec.rule->element : -1;
            if (el == VB_EL_CONG_VAN_SUBJECT || el == VB_EL_PARENT_BODY || el == VB_EL_ISSUER)
                kind = el;
            switch (kind) {
            case VB_EL_NATIONAL_TITLE:
                if (strstr(t, "ĐẢNG"))
                    doc->format = VB_FORMAT_PARTY;
                doc->format_pos = pos_of(r, p, 1);
                mark(r, p, VB_EL_NATIONAL_TITLE);
                in_subject = 0;
                break;
            case VB_EL_MOTTO:
                mark(r, p, VB_EL_MOTTO);
                in_subject = 0;
                break;
            case VB_EL_NUMBER:
                parse_number_line(r, p, t);
                number_seen = 1;
                mark(r, p, VB_EL_NUMBER);
                in_subject = 0;
                break;
            case VB_EL_DATE_LINE:
                if (strstr(t, "ngày") && strstr(t, "tháng") && strstr(t, "năm"))
                    parse_date_line(r, p, t);
                mark(r, p, VB_EL_DATE_LINE);
                in_subject = 0;
                break;
            case VB_EL_CONG_VAN_SUBJECT: {
                vb_buf_add(&subject, vb_format_cong_van_subject(t));
                subject_p = p;
                in_subject = 1;
                mark(r, p, VB_EL_CONG_VAN_SUBJECT);
                break;
            }
            case VB_EL_SECRECY:
            case VB_EL_URGENCY: {
                const vb_layout *l = vb_layout_for(doc->format);
                const char *const *marks = kind == VB_EL_SECRECY ? l->secrecy_marks : l->urgency_marks;
                char *u = vb_upper_vi(t);
                for (int k = 0; k < 3; k++)
                    if (!strcmp(u, marks[k]) || (k == 2 && !strcmp(u, "HOẢ TỐC")))
                        *(kind == VB_EL_SECRECY ? &doc->secrecy : &doc->urgency) = k + 1;
                free(u);
                mark(r, p, (vb_element)kind);
                break;
            }
            case VB_EL_ISSUER_MARK:
                mark(r, p, VB_EL_ISSUER_MARK);
                break;
            default:
                if (in_subject && !is_upper_text(t)) {
                    vb_buf_add(&subject, " ");
                    vb_buf_add(&subject, t);
                } else if (!number_seen && is_upper_text(t) && ncand < 32) {
                    cands[ncand].text = vb_strdup(t);
                    cands[ncand].p = p;
                    cands[ncand].bold = (common_flags(p) & OF_BOLD) != 0;
                    cands[ncand].element = el;
                    cands[ncand].cell = depth >= 1 && row == 0 ? cell : -1;
                    ncand++;
                }
            }
            free(t);
        }
        free(copy);
    }
    if (subject.data) {
        doc->subject.text = clean_text(subject.data, subject.len);
        doc->subject.pos = pos_of(r, subject_p, 1);
        vb_buf_free(&subject);
    }
    /* ô 2: the parent body is not bold, the issuer is (NĐ30 PL I §II.2). */
    int styled = 0, any_bold = 0;
    for (size_t k = 0; k < ncand; k++) {
        styled |= cands[k].element == VB_EL_PARENT_BODY || cands[k].element == VB_EL_ISSUER;
        any_bold |= cands[k].bold;
    }
    if (read_joint_header(r, cands, ncand, styled))
        return;
    for (size_t k = 0; k < ncand; k++) {
        int issuer = styled ? cands[k].element == VB_EL_ISSUER
                            : any_bold ? cands[k].bold : k + 1 == ncand;
        vb_lines *target = issuer ? &doc->issuer : &doc->parent_body;
        if (!target->count)
            target->pos = pos_of(r, cands[k].p, 1);
        vb_lines_append(target, cands[k].text, pos_of(r, cands[k].p, 1));
        mark(r, cands[k].p, issuer ? VB_EL_ISSUER : VB_EL_PARENT_BODY);
        if (!styled && !any_bold && ncand > 1)
            note(r, cands[k].p, "cơ quan ban hành đoán theo vị trí (không có dòng in đậm)");
    }
}

/* ---- ô 5: tên loại, trích yếu ---- */

static const vb_doctype *type_by_name(const char *upper_name, vb_format format, const char *code)
{
    size_t n = 0;
    const vb_doctype *all = vb_doctypes_all(&n), *found = NULL;
    for (size_t i = 0; i < n; i++) {
        if (!(all[i].formats & (format == VB_FORMAT_PARTY ? VB_TYPE_PARTY : VB_TYPE_STATE)))
            continue;
        char *u = vb_upper_vi(all[i].name);
        int same = strcmp(u, upper_name) == 0;
        free(u);
        if (!same)
            continue;
        /* Several types can share a name: the ký hiệu's abbreviation decides. */
        if (!found || (code && !strncmp(code, all[i].code, strlen(all[i].code))))
            found = &all[i];
    }
    return found;
}

static const vb_doctype *type_by_name_prefix(const char *upper_name, vb_format format)
{
    size_t n = 0, best = 0;
    const vb_doctype *all = vb_doctypes_all(&n), *found = NULL;
    for (size_t i = 0; i < n; i++) {
        if (!(all[i].formats & (format == VB_FORMAT_PARTY ? VB_TYPE_PARTY : VB_TYPE_STATE)))
            continue;
        char *u = vb_upper_vi(all[i].name);
        size_t len = strlen(u);
        if (len > best && !strncmp(upper_name, u, len) && upper_name[len] == ' ') {
            best = len;
            found = &all[i];
        }
        free(u);
    }
    return found;
}

/* The type's abbreviation at the start of the ký hiệu ("BC-UBND", "NQ/TU"). */
static const vb_doctype *type_by_code(const vb_document *doc)
{
    if (!doc->code.text)
        return NULL;
    char head[32];
    size_t n = strcspn(doc->code.text, "-/");
    if (n == 0 || n >= sizeof head)
        return NULL;
    memcpy(head, doc->code.text, n);
    head[n] = '\0';
    return vb_doctype_find(head, doc->format);
}

static int is_rule_para(const of_para *p)
{
    return blank_text(p->text) || (p->text && strspn(p->text, "-_ ") == strlen(p->text));
}

static void read_title(rz *r)
{
    vb_document *doc = r->doc;
    vb_buf name = {0};
    const of_para *name_p = NULL;
    char *lines[8];
    const of_para *line_p[8];
    size_t nlines = 0;
    /* tên loại: IN HOA, đậm, centred */
    while (r->i < r->src->count) {
        const of_item *it = item(r, r->i);
        if (it->kind != OF_PARA) {
            if (it->kind == OF_SECTION_END) {
                r->i++;
                continue;
            }
            break;
        }
        const of_para *p = &it->u.para;
        if (p->in_note || is_rule_para(p)) {
            r->i++;
            continue;
        }
        int el = style_element(p);
        char *t = para_clean(p);
        vb_recognised rec;
        vb_recognise_text(t, 0, &rec);
        int looks = el == VB_EL_TYPE_NAME ||
                    (el < 0 && !rec.rule && is_upper_text(t) && (common_flags(p) & OF_BOLD) &&
                     p->fmt.align == VB_ALIGN_CENTER && strlen(t) < 120);
        if (!looks || nlines == 8) {
            free(t);
            break;
        }
        lines[nlines] = t;
        line_p[nlines++] = p;
        if (!name_p)
            name_p = p;
        if (name.len)
            vb_buf_add(&name, " ");
        vb_buf_add(&name, t);
        mark(r, p, VB_EL_TYPE_NAME);
        r->i++;
    }
    const vb_doctype *by_code = type_by_code(doc);
    const vb_doctype *type = NULL;
    if (nlines) {
        type = type_by_name(name.data, doc->format, doc->code.text);
        if (!type) {
            /* A name of its own (ten_loai): the type from the ký hiệu, or the type whose
             * name it starts with ("KẾ HOẠCH LIÊN TỊCH" is a Kế hoạch). */
            type = by_code ? by_code : type_by_name_prefix(name.data, doc->format);
            for (size_t k = 0; k < nlines; k++)
                vb_lines_append(&doc->type_name, vb_strdup(lines[k]), pos_of(r, line_p[k], 1));
            doc->type_name.pos = pos_of(r, name_p, 1);
        }
    } else if (doc->subject.text) {
        /* No tên loại and a "V/v" under the number: a công văn (Mẫu 1.5). */
        type = vb_doctype_find("CV", doc->format);
    } else {
        type = by_code;
    }
    for (size_t k = 0; k < nlines; k++)
        free(lines[k]);
    vb_buf_free(&name);
    if (type) {
        doc->type_code.text = vb_strdup(type->code);
        doc->type_code.pos = name_p ? pos_of(r, name_p, 1) : doc->code.pos.line ? doc->code.pos : pos_of(r, NULL, 1);
    }
    if (!nlines)
        return;
    /* trích yếu: đậm, centred, under the tên loại; several lines join */
    vb_buf subject = {0};
    const of_para *subject_p = NULL;
    while (r->i < r->src->count) {
        const of_item *it = item(r, r->i);
        if (it->kind != OF_PARA)
            break;
        const of_para *p = &it->u.para;
        if (p->in_note) {
            r->i++;
            continue;
        }
        int el = style_element(p);
        if (is_rule_para(p) || el == VB_EL_SUBJECT_MARK) {
            if (subject_p || !blank_text(p->text)) {
                r->i++;
                if (subject_p)
                    break;
                continue;
            }
            r->i++;
            continue;
        }
        char *t = para_clean(p);
        vb_recognised rec;
        vb_recognise_text(t, 0, &rec);
        int looks = el == VB_EL_SUBJECT ||
                    (el < 0 && (!rec.rule || rec.rule->element == VB_EL_CONG_VAN_SUBJECT) &&
                     (common_flags(p) & OF_BOLD) && p->fmt.align == VB_ALIGN_CENTER);
        if (!looks) {
            free(t);
            break;
        }
        if (subject.len)
            vb_buf_add(&subject, " ");
        vb_buf_add(&subject, t);
        free(t);
        if (!subject_p)
            subject_p = p;
        mark(r, p, VB_EL_SUBJECT);
        r->i++;
    }
    if (subject.data) {
        free(doc->subject.text);
        doc->subject.text = clean_text(subject.data, subject.len);
        doc->subject.pos = pos_of(r, subject_p, 1);
    }
    vb_buf_free(&subject);
}

/* ---- ô 9a and the preamble ---- */

static const of_para *next_para(rz *r)
{
    while (r->i < r->src->count) {
        const of_item *it = item(r, r->i);
        if (it->kind == OF_SECTION_END) {
            r->i++;
            continue;
        }
        if (it->kind != OF_PARA)
            return NULL;
        if (it->u.para.in_note || blank_text(it->u.para.text) || is_rule_para(&it->u.para)) {
            r->i++;
            continue;
        }
        return &it->u.para;
    }
    return NULL;
}

static int para_kind(const of_para *p, vb_recognised *rec)
{
    char *t = para_clean(p);
    vb_recognise_text(t, 0, rec);
    free(t);
    int el = style_element(p);
    if (el >= 0)
        return el;
    return rec->rule ? (int)rec->rule->element : -1;
}

static void read_addressees(rz *r)
{
    const of_para *p = next_para(r);
    vb_recognised rec;
    if (!p || para_kind(p, &rec) != VB_EL_ADDRESSEE)
        return;
    vb_document *doc = r->doc;
    char *t = para_clean(p);
    const char *rest = t + strlen("Kính gửi");
    if (*rest == ':')
        rest++;
    while (*rest == ' ')
        rest++;
    doc->addressees.pos = pos_of(r, p, 1);
    mark(r, p, VB_EL_ADDRESSEE);
    r->i++;
    if (*rest) {
        vb_lines_append(&doc->addressees, vb_strdup(rest), pos_of(r, p, (unsigned)vb_utf8_count(t, (size_t)(rest - t)) + 1));
        free(t);
        return;
    }
    free(t);
    while ((p = next_para(r))) {
        char *line = para_clean(p);
        if (line[0] != '-' && strncmp(line, "–", strlen("–")) != 0 && strncmp(line, "•", strlen("•")) != 0) {
            free(line);
            break;
        }
        vb_lines_append(&doc->addressees, list_item_text(line), pos_of(r, p, 1));
        free(line);
        mark(r, p, VB_EL_ADDRESSEE);
        r->i++;
    }
}

static void read_preamble(rz *r)
{
    vb_document *doc = r->doc;
    const of_para *p;
    vb_recognised rec;
    /* The thẩm quyền line (Mẫu 1.2, 1.3): centred IN HOA đậm, right before the căn cứ. */
    if ((p = next_para(r))) {
        int kind = para_kind(p, &rec);
        if (kind == VB_EL_AUTHORITY_LINE ||
            (kind < 0 && p->fmt.align == VB_ALIGN_CENTER && (common_flags(p) & OF_BOLD))) {
            char *t = para_clean(p);
            size_t save = r->i;
            r->i++;
            const of_para *q = next_para(r);
            vb_recognised rec2;
            if (kind == VB_EL_AUTHORITY_LINE || (q && para_kind(q, &rec2) == VB_EL_LEGAL_BASIS && is_upper_text(t))) {
                doc->authority_line.text = t;
                doc->authority_line.pos = pos_of(r, p, 1);
                mark(r, p, VB_EL_AUTHORITY_LINE);
            } else {
                free(t);
                r->i = save;
            }
        }
    }
    while ((p = next_para(r)) && para_kind(p, &rec) == VB_EL_LEGAL_BASIS) {
        if (!doc->legal_bases.count)
            doc->legal_bases.pos = pos_of(r, p, 1);
        vb_lines_append(&doc->legal_bases, para_clean(p), pos_of(r, p, 1));
        mark(r, p, VB_EL_LEGAL_BASIS);
        r->i++;
    }
    if ((p = next_para(r)) && para_kind(p, &rec) == VB_EL_PREAMBLE_CLOSE) {
        char *t = para_clean(p);
        const vb_doctype *type = doc->type_code.text ? vb_doctype_find(doc->type_code.text, doc->format) : NULL;
        const char *standard = type ? (doc->format == VB_FORMAT_PARTY ? type->party_preamble_close
                                                                      : type->state_preamble_close)
                                    : NULL;
        if (standard && !strcmp(standard, t)) {
            free(t);
        } else {
            doc->preamble_close.text = t;
            doc->preamble_close.pos = pos_of(r, p, 1);
        }
        mark(r, p, VB_EL_PREAMBLE_CLOSE);
        r->i++;
    }
}

/* ---- tables (bang) ---- */

static void cell_append(vb_table_cell *c, const char *text)
{
    size_t old = strlen(c->text), n = strlen(text);
    c->text = vb_xrealloc(c->text, old + n + 2);
    if (old)
        c->text[old++] = '\n';
    memcpy(c->text + old, text, n + 1);
}

/* Where the vertical merge running down a grid column started. */
typedef enum { ORIGIN_NONE, ORIGIN_HEAD, ORIGIN_ROWS, ORIGIN_PENDING, ORIGIN_STORED } origin_place;

typedef struct {
    origin_place place;
    long row, cell;     /* HEAD, ROWS: that row and cell; PENDING: the cell */
    uint64_t stored_at; /* STORED: where the row store keeps the cell's rowspan */
} merge_origin;

/* A bordered table read item by item into the model. The rows of a long table that the
 * extractor spooled (OF_SPOOLED), and every row after them, go one at a time through
 * `pending` to the table's row store (model/row_store.h) instead of memory. */
typedef struct {
    rz *r;
    vb_table *t;
    vb_node *node;
    vb_table_row *row;      /* the row being read: in t->head, t->rows, or `pending` */
    vb_table_cell *cell;
    vb_table_row pending;
    int pending_open;
    int row_is_head, row_group, depth, skip_cell;
    unsigned grid_col;
    merge_origin *origins;  /* per grid column */
    size_t origin_cap;
    uint64_t *rowspan_at;   /* per cell of the pending row */
    size_t rowspan_cap;
    int store_reported;
} table_reader;

static void store_problem(table_reader *tr, const char *vi, const char *en, const char *why)
{
    if (tr->store_reported++)
        return;
    vb_diag(tr->r->diags, VB_SEV_ERROR, tr->t->pos, "OFFICE-READ", vi, en, why ? why : "?");
}

static void store_pending(table_reader *tr)
{
    vb_table_row *p = &tr->pending;
    if (!tr->pending_open)
        return;
    tr->pending_open = 0;
    if (p->count > tr->rowspan_cap) {
        tr->rowspan_cap = p->count;
        tr->rowspan_at = vb_xrealloc(tr->rowspan_at, tr->rowspan_cap * sizeof *tr->rowspan_at);
    }
    if (vb_row_store_add(tr->t->more_rows, p, tr->rowspan_at) < 0)
        store_problem(tr, "không ghi được tệp tạm giữ các dòng của bảng: %s",
                      "cannot write the temporary file holding the table's rows: %s",
                      vb_row_store_error(tr->t->more_rows));
    for (size_t k = 0; k < tr->origin_cap; k++) {
        merge_origin *o = &tr->origins[k];
        if (o->place != ORIGIN_PENDING)
            continue;
        /* A group row keeps one cell of two: a merge from the one dropped goes nowhere. */
        if (o->cell >= 0 && (size_t)o->cell < p->count)
            *o = (merge_origin){ORIGIN_STORED, 0, 0, tr->rowspan_at[o->cell]};
        else
            o->place = ORIGIN_NONE;
    }
    for (size_t i = 0; i < p->count; i++)
        free(p->cells[i].text);
    p->count = 0;
    tr->cell = NULL;
}

static void table_item(table_reader *tr, const of_item *it);

/* The rows the extractor spooled, read in their place. */
static void table_spooled(table_reader *tr, const of_spooled *what)
{
    rz *r = tr->r;
    if (!tr->t->more_rows)
        tr->t->more_rows = vb_row_store_new(r->doc->source_name);
    /* No temporary file for the model: the rows stay in memory, as for a short table. */
    of_spool_cursor *cursor = of_spool_open(r->src->spool, what);
    const of_item *it;
    while (cursor && (it = of_spool_next(cursor)))
        table_item(tr, it);
    of_spool_close(cursor);
    if (of_spool_error(r->src->spool))
        store_problem(tr, "không đọc lại được tệp tạm giữ các dòng của bảng: %s",
                      "cannot read back the temporary file holding the table's rows: %s",
                      of_spool_error(r->src->spool));
}

static void table_item(table_reader *tr, const of_item *it)
{
    rz *r = tr->r;
    vb_table *t = tr->t;
    switch (it->kind) {
    case OF_TABLE_BEGIN:
        tr->depth++;
        break;
    case OF_TABLE_END:
        tr->depth--;
        break;
    case OF_SPOOLED:
        if (tr->depth == 1)
            table_spooled(tr, &it->u.spooled);
        break;
    case OF_ROW_BEGIN:
        if (tr->depth != 1)
            break;
        store_pending(tr);
        tr->row_is_head = it->u.s.header;
        tr->row_group = 0;
        if (tr->row_is_head) {
            t->head = vb_xrealloc(t->head, (t->head_count + 1) * sizeof *t->head);
            tr->row = &t->head[t->head_count++];
            memset(tr->row, 0, sizeof *tr->row);
        } else if (t->more_rows) {
            tr->row = &tr->pending;
            tr->row->is_group = tr->row->is_total = 0;
            tr->row->pos = (vb_pos){0};
            tr->pending_open = 1;
        } else {
            t->rows = vb_xrealloc(t->rows, (t->row_count + 1) * sizeof *t->rows);
            tr->row = &t->rows[t->row_count++];
            memset(tr->row, 0, sizeof *tr->row);
        }
        tr->grid_col = 0;
        break;
    case OF_CELL_BEGIN: {
        vb_table_row *row = tr->row;
        if (tr->depth != 1 || !row || (row == &tr->pending && !tr->pending_open))
            break;
        unsigned span = it->u.s.colspan ? it->u.s.colspan : 1;
        if (tr->grid_col + span > tr->origin_cap) {
            size_t old = tr->origin_cap;
            while (tr->grid_col + span > tr->origin_cap)
                tr->origin_cap *= 2;
            tr->origins = vb_xrealloc(tr->origins, tr->origin_cap * sizeof *tr->origins);
            memset(tr->origins + old, 0, (tr->origin_cap - old) * sizeof *tr->origins);
        }
        merge_origin *o = &tr->origins[tr->grid_col];
        if (it->u.s.vmerge == 2 && o->place != ORIGIN_NONE) {
            if (o->place == ORIGIN_HEAD || o->place == ORIGIN_ROWS) {
                vb_table_row *rows = o->place == ORIGIN_HEAD ? t->head : t->rows;
                rows[o->row].cells[o->cell].rowspan++;
            } else if (o->place == ORIGIN_PENDING) {
                if ((size_t)o->cell < tr->pending.count)
                    tr->pending.cells[o->cell].rowspan++;
            } else if (vb_row_store_add_rowspan(t->more_rows, o->stored_at) < 0) {
                store_problem(tr, "không ghi được tệp tạm giữ các dòng của bảng: %s",
                              "cannot write the temporary file holding the table's rows: %s",
                              vb_row_store_error(t->more_rows));
            }
            tr->skip_cell = 1;
            tr->cell = NULL;
        } else {
            tr->skip_cell = 0;
            row->cells = vb_xrealloc(row->cells, (row->count + 1) * sizeof *row->cells);
            tr->cell = &row->cells[row->count++];
            memset(tr->cell, 0, sizeof *tr->cell);
            tr->cell->text = vb_strdup("");
            tr->cell->colspan = span;
            tr->cell->rowspan = 1;
            long cell = (long)row->count - 1;
            if (it->u.s.vmerge != 1)
                *o = (merge_origin){ORIGIN_NONE, 0, 0, 0};
            else if (row == &tr->pending)
                *o = (merge_origin){ORIGIN_PENDING, 0, cell, 0};
            else
                *o = (merge_origin){tr->row_is_head ? ORIGIN_HEAD : ORIGIN_ROWS,
                                    (long)(tr->row_is_head ? t->head_count : t->row_count) - 1, cell, 0};
        }
        tr->grid_col += span;
        break;
    }
    case OF_PARA: {
        const of_para *p = &it->u.para;
        vb_table_row *row = tr->row;
        if (p->in_note || !row)
            break;
        if (!tr->node) {
            tr->node = vb_node_new(VB_NODE_TABLE, pos_of(r, p, 1));
            t->pos = tr->node->pos;
            t->columns_pos = tr->node->pos;
        }
        if (!row->pos.line)
            row->pos = pos_of(r, p, 1);
        int el = style_element(p);
        if (el == VB_EL_TABLE_GROUP)
            tr->row_group = 1;
        mark(r, p, tr->row_is_head ? VB_EL_TABLE_HEAD : tr->row_group ? VB_EL_TABLE_GROUP : VB_EL_TABLE_CELL);
        vb_table_cell *cell = tr->cell;
        if (cell && !tr->skip_cell && !blank_text(p->text)) {
            char *text = vb_nfc(p->text, strlen(p->text));
            cell_append(cell, text);
            free(text);
            if (!cell->pos.line)
                cell->pos = pos_of(r, p, 1);
        }
        break;
    }
    case OF_ROW_END: {
        vb_table_row *row = tr->row;
        if (tr->depth == 1 && row && tr->row_group && !tr->row_is_head) {
            /* The group style is also a total row's ("Tổng cộng | 1.630 | 6.171", its label
             * perhaps merged over STT): a row naming a total is one, its cells kept; a row of
             * more than a number and a title is otherwise a plain row. */
            size_t label_cells = row->count > 2 ? row->count : row->count == 2 ? 1 : 0;
            int total = 0; /* the label: a two-cell row's first (merged over STT), any of a wider */
            for (size_t c = 0; c < label_cells && !total; c++)
                total = vb_text_names_total(row->cells[c].text);
            if (total) {
                row->is_total = 1;
            } else if (row->count <= 2) {
                /* A group row prints its Roman number before its title: the title is the
                 * model's. */
                row->is_group = 1;
                if (row->count == 2) {
                    free(row->cells[0].text);
                    row->cells[0] = row->cells[1];
                    row->count = 1;
                }
            }
        }
        if (tr->depth == 1 && row == &tr->pending)
            store_pending(tr);
        break;
    }
    default:
        break;
    }
}

static vb_node *read_data_table(rz *r, size_t begin, size_t end)
{
    vb_table *t = vb_xcalloc(1, sizeof *t);
    t->header_rows = -1;
    t->landscape = 0;
    table_reader tr = {.r = r, .t = t, .origin_cap = 64};
    tr.origins = vb_xcalloc(tr.origin_cap, sizeof *tr.origins);
    for (size_t i = begin; i <= end; i++)
        table_item(&tr, item(r, i));
    store_pending(&tr);
    free(tr.pending.cells);
    free(tr.origins);
    free(tr.rowspan_at);
    vb_node *node = tr.node;
    if (!node)
        node = vb_node_new(VB_NODE_TABLE, pos_of(r, NULL, 1));
    node->table = t;
    return node;
}

/* ---- ô 6: the body ---- */

typedef struct {
    vb_node *node;
    int rank;
} open_section;

static int level_rank(vb_section_level level, int depth)
{
    switch (level) {
    case VB_LEVEL_PHAN: return 0;
    case VB_LEVEL_CHUONG: return 1;
    case VB_LEVEL_MUC: return 2;
    case VB_LEVEL_DIEU: return 3;
    case VB_LEVEL_KHOAN: return 4 + (depth > 20 ? 20 : depth);
    default: return 30;
    }
}

typedef struct {
    open_section stack[MAX_OPEN];
    int top;
    vb_node *root;
} body_builder;

static vb_node *body_parent(body_builder *b)
{
    return b->top ? b->stack[b->top - 1].node : b->root;
}

static vb_node *open_heading(body_builder *b, vb_section_level level, int depth, vb_pos pos)
{
    int rank = level_rank(level, depth);
    while (b->top && b->stack[b->top - 1].rank >= rank)
        b->top--;
    vb_node *s = vb_node_new(VB_NODE_SECTION, pos);
    s->level = level;
    vb_node_append(body_parent(b), s);
    if (b->top < MAX_OPEN)
        b->stack[b->top++] = (open_section){s, rank};
    return s;
}

static vb_section_level level_of(const vb_recognise_rule *rule, const char *text)
{
    switch (rule->element) {
    case VB_EL_PART:
        return (!strncmp(text, "Chương", strlen("Chương")) || !strncmp(text, "CHƯƠNG", strlen("CHƯƠNG")))
                   ? VB_LEVEL_CHUONG : VB_LEVEL_PHAN;
    case VB_EL_ARTICLE: return VB_LEVEL_DIEU;
    case VB_EL_SECTION: return VB_LEVEL_MUC;
    case VB_EL_CLAUSE: return VB_LEVEL_KHOAN;
    default: return VB_LEVEL_DIEM;
    }
}

static void add_paragraph(rz *r, body_builder *b, const of_para *p, size_t skip, int bullet, int el)
{
    vb_node *n = vb_node_new(VB_NODE_PARAGRAPH, pos_of(r, p, 1));
    n->bullet_level = bullet;
    para_inline(p, skip, p->fmt.style_flags, &n->content, 0);
    if (!n->content.count) {
        vb_node_free_tree(n);
        return;
    }
    vb_node_append(body_parent(b), n);
    mark(r, p, bullet ? VB_EL_BULLET : (vb_element)(el == VB_EL_LEGAL_BASIS ? el : VB_EL_BODY));
}

/* Reads body items [r->i, end) into `root`. */
static void read_blocks(rz *r, vb_node *root, size_t end)
{
    body_builder b = {.root = root};
    while (r->i < end) {
        const of_item *it = item(r, r->i);
        if (it->kind == OF_TABLE_BEGIN) {
            size_t te = table_end(r, r->i);
            if (it->u.s.bordered) {
                vb_node *t = read_data_table(r, r->i, te);
                const of_para *first = NULL;
                for (size_t k = r->i; k <= te && !first; k++)
                    if (item(r, k)->kind == OF_PARA)
                        first = &item(r, k)->u.para;
                if (first && first->section < (int)r->src->section_count &&
                    r->src->sections[first->section].landscape)
                    t->table->landscape = 1;
                vb_node_append(body_parent(&b), t);
                r->i = te + 1;
                continue;
            }
            r->i++; /* a layout table in the body: its paragraphs are read in place */
            continue;
        }
        if (it->kind != OF_PARA || it->u.para.in_note || blank_text(it->u.para.text)) {
            r->i++;
            continue;
        }
        const of_para *p = &it->u.para;
        r->i++;
        int el = style_element(p);
        char *text = para_clean(p);
        char *with_label = NULL;
        if (p->label) {
            size_t n = strlen(p->label) + strlen(text) + 2;
            with_label = vb_xmalloc(n);
            snprintf(with_label, n, "%s %s", p->label, text);
        }
        vb_recognised rec;
        vb_recognise_text(with_label ? with_label : text, 0, &rec);
        /* The label's bytes in the paragraph's own text (none when numbering.xml drew it). */
        size_t skip = with_label ? (rec.label_len > strlen(p->label) + 1 ? rec.label_len - strlen(p->label) - 1 : 0)
                                 : rec.label_len;
        /* para_clean squeezed blanks: find the label in the raw text by its first bytes. */
        if (!with_label && skip && p->text) {
            size_t lead = strspn(p->text, " \t");
            skip += lead;
        }
        int kind = rec.rule ? (int)rec.rule->element : -1;
        if (el == VB_EL_BODY || el == VB_EL_LEGAL_BASIS || el == VB_EL_TABLE_CELL)
            kind = (kind == VB_EL_SECTION || kind == VB_EL_CLAUSE || kind == VB_EL_POINT ||
                    kind == VB_EL_ARTICLE) ? kind | 0x100 : -1; /* run-in label in a body paragraph */
        if (el == VB_EL_BULLET)
            kind = VB_EL_BULLET;
        int run_in = (kind & 0x100) != 0;
        kind &= 0xff;
        if (kind == 0xff)
            kind = -1;
        if (kind == VB_EL_RECIPIENTS_HEADING || kind == VB_EL_APPENDIX_LABEL ||
            kind == VB_EL_APPENDIX_NOTE || kind == VB_EL_ADDRESSEE || kind == VB_EL_PREAMBLE_CLOSE)
            kind = -1;
        if (kind == VB_EL_LEGAL_BASIS || kind == VB_EL_CONTACT)
            kind = -1;
        if (!with_label && rec.rule && kind >= 0 && kind != VB_EL_BULLET && el < 0)
            note(r, p, "số thứ tự gõ tay");
        else if (with_label && kind >= 0 && kind != VB_EL_BULLET)
            note(r, p, "số thứ tự do Word tự đánh (numbering.xml)");
        if (kind == VB_EL_BULLET) {
            add_paragraph(r, &b, p, skip, rec.bullet_level ? rec.bullet_level : 1, el);
        } else if (kind == VB_EL_PART || kind == VB_EL_ARTICLE || kind == VB_EL_SECTION ||
                   kind == VB_EL_CLAUSE || kind == VB_EL_POINT) {
            vb_section_level level = level_of(rec.rule, with_label ? with_label : text);
            vb_node *s = open_heading(&b, level, rec.depth, pos_of(r, p, 1));
            unsigned look = p->fmt.style_flags | common_flags(p);
            if (rec.own_line && kind == VB_EL_PART) {
                mark(r, p, VB_EL_PART);
                /* The title IN HOA on the next line. */
                const of_para *q = NULL;
                size_t save = r->i;
                while (r->i < end && item(r, r->i)->kind == OF_PARA &&
                       blank_text(item(r, r->i)->u.para.text))
                    r->i++;
                if (r->i < end && item(r, r->i)->kind == OF_PARA)
                    q = &item(r, r->i)->u.para;
                vb_recognised rq;
                if (q && (style_element(q) == VB_EL_PART_TITLE ||
                          (style_element(q) < 0 && para_kind(q, &rq) < 0 && is_upper_text(q->text)))) {
                    para_inline(q, 0, q->fmt.style_flags | common_flags(q), &s->title, 1);
                    mark(r, q, VB_EL_PART_TITLE);
                    r->i++;
                } else {
                    r->i = save;
                }
            } else if (!run_in && (el == (int)vb_section_element(vb_layout_for(r->doc->format), level) ||
                                   (el < 0 && ((look & OF_BOLD) || p->fmt.outline_level)) ||
                                   (el >= 0 && el != VB_EL_BODY))) {
                para_inline(p, skip, look, &s->title, 1);
                mark(r, p, (vb_element)kind);
            } else {
                /* "2. Bên cạnh …": the number runs into its first paragraph. */
                vb_node *n = vb_node_new(VB_NODE_PARAGRAPH, pos_of(r, p, 1));
                unsigned base = p->fmt.style_flags;
                para_inline(p, skip, base, &n->content, 0);
                /* The run-in label is bold by the layout ("Điều 1."): its look, not emphasis. */
                vb_node_append(s, n);
                mark(r, p, VB_EL_BODY);
            }
        } else {
            add_paragraph(r, &b, p, 0, 0, el);
        }
        free(text);
        free(with_label);
    }
}

/* The "./." that ends the text (NĐ30 PL I §II.6): vanban adds it, so a reader takes it off. */
static void strip_end_mark(vb_node *root)
{
    vb_node *last = NULL;
    for (const vb_node *n = root->first_child; n; n = vb_node_next_preorder(n, root)) {
        if (n->kind == VB_NODE_PARAGRAPH || ((n->kind == VB_NODE_SECTION) && n->title.count))
            last = (vb_node *)n;
        else if (n->kind == VB_NODE_TABLE)
            last = NULL;
    }
    if (!last)
        return;
    vb_inline *in = last->kind == VB_NODE_PARAGRAPH ? &last->content : &last->title;
    for (size_t i = in->count; i-- > 0;) {
        if (in->runs[i].style & VB_RUN_NOTE)
            continue;
        char *t = in->runs[i].text;
        size_t n = strlen(t);
        if (n >= 3 && !strcmp(t + n - 3, "./.")) {
            /* After a full stop only "/." was added; a heading had none. */
            t[n - (last->kind == VB_NODE_PARAGRAPH ? 2 : 3)] = '\0';
            while (strlen(t) && t[strlen(t) - 1] == ' ')
                t[strlen(t) - 1] = '\0';
        }
        break;
    }
}

/* ---- nhiem_vu: an agency heading over task sentences ---- */

/* The deadline at the end of a task sentence, as vb_format_deadline writes it (" trước ngày
 * 31/3/2025", " trong quý III/2025", ", thực hiện hằng năm", ", thời hạn: …"): the longest
 * tail that reads as a deadline and is written back the same. Returns where the deadline
 * begins in `s`, or strlen(s) when it ends with none. Only the last bytes are looked at:
 * a deadline is short, and a long sentence must not cost a square of its length. A year
 * alone (" trong năm 2025") is left in the action: drafters end many actions with those
 * words, and a task of a whole year is rare. */
static size_t split_deadline(const char *s, vb_deadline *out)
{
    static const char *const connectors[] = {", thời hạn: ", ", thực hiện ", " trong ", " "};
    size_t n = strlen(s);
    for (size_t i = n > 160 ? n - 160 : 0; i < n; i++) {
        if (s[i] != ' ' && s[i] != ',')
            continue;
        for (size_t c = 0; c < sizeof connectors / sizeof *connectors; c++) {
            size_t len = strlen(connectors[c]);
            if (strncmp(s + i, connectors[c], len) != 0 || !s[i + len])
                continue;
            vb_deadline d = {0};
            if (c == 0) {
                d.kind = VB_DEADLINE_TEXT;
                d.text.text = vb_strdup(s + i + len);
            } else if (vb_deadline_parse(s + i + len, &d) != 1 || d.kind == VB_DEADLINE_YEAR) {
                continue;
            }
            char *again = vb_format_deadline(&d, 0);
            int same = vb_recognise_same_text(again, s + i);
            free(again);
            if (same) {
                *out = d;
                return i;
            }
            free(d.text.text);
        }
    }
    return n;
}

/* Splits "<noi_dung>[ <deadline>][; phối hợp: Y][; sản phẩm: Z]." into a task; 0 when the sentence has none of the marked parts. */
static int parse_task(const char *sentence, vb_task_data *t, vb_pos pos)
{
    size_t n = strlen(sentence);
    if (n < 2 || sentence[n - 1] != '.')
        return 0;
    char *s = vb_xmalloc(n);
    memcpy(s, sentence, n - 1);
    s[n - 1] = '\0';
    int marked = 0;
    char *p;
    if ((p = strstr(s, "; sản phẩm: "))) {
        t->product.text = vb_strdup(p + strlen("; sản phẩm: "));
        t->product.pos = pos;
        *p = '\0';
        marked = 1;
    }
    if ((p = strstr(s, "; phối hợp: "))) {
        t->coordinator.text = vb_strdup(p + strlen("; phối hợp: "));
        t->coordinator.pos = pos;
        *p = '\0';
        marked = 1;
    }
    size_t at = split_deadline(s, &t->deadline);
    if (s[at]) {
        t->deadline.pos = pos;
        t->deadline.text.pos = pos;
        s[at] = '\0';
        marked = 1;
    }
    t->action.text = s;
    t->action.pos = pos;
    return marked;
}

static void free_task(vb_task_data *t)
{
    free(t->action.text);
    free(t->coordinator.text);
    free(t->product.text);
    free(t->deadline.text.text);
    memset(t, 0, sizeof *t);
}

/* Whether a section reads as an agency of a nhiem_vu block: a heading over task sentences
 * (one, or "-" lines). *marked: one of them has a deadline, a coordinator or a product. */
static int agency_like(const vb_node *s, int *marked)
{
    *marked = 0;
    if (s->kind != VB_NODE_SECTION || !s->title.count || !s->first_child ||
        s->level == VB_LEVEL_PHAN || s->level == VB_LEVEL_CHUONG || s->level == VB_LEVEL_DIEU)
        return 0;
    /* A heading that names a part of the document ("Mục đích, yêu cầu", "Tổ chức thực
     * hiện") is no agency, whatever its sentence ends with ("… trước ngày 30/9/2025."). */
    if (vb_section_roles(s))
        return 0;
    int several = s->first_child->next != NULL;
    for (const vb_node *c = s->first_child; c; c = c->next) {
        if (c->kind != VB_NODE_PARAGRAPH || c->bullet_level != (several ? 1 : 0) || c->content.count != 1 ||
            c->content.runs[0].style)
            return 0;
        vb_task_data t = {0};
        *marked |= parse_task(c->content.runs[0].text, &t, c->pos);
        int ok = t.action.text && *t.action.text;
        free_task(&t);
        if (!ok)
            return 0;
    }
    return 1;
}

static void make_agency(vb_node *s)
{
    s->kind = VB_NODE_AGENCY;
    s->agency.agency.text = vb_inline_plain(&s->title);
    s->agency.agency.pos = s->pos;
    for (vb_node *c = s->first_child; c; c = c->next) {
        c->kind = VB_NODE_TASK;
        parse_task(c->content.runs[0].text, &c->task, c->pos);
        vb_inline_free(&c->content);
        c->bullet_level = 0;
    }
}

/* Runs of sibling sections that read as agencies, one of them at least with a marked
 * task, are a nhiem_vu block: agencies of one level, numbered on. */
static void find_tasks(vb_node *parent)
{
    for (vb_node *c = parent->first_child; c;) {
        int marked = 0, any = 0;
        vb_node *last = c;
        if (agency_like(c, &marked)) {
            any = marked;
            while (last->next && last->next->kind == VB_NODE_SECTION && last->next->level == c->level &&
                   agency_like(last->next, &marked)) {
                last = last->next;
                any |= marked;
            }
        }
        /* Unmarked agencies lead the block only after a sentence announcing it ("… yêu cầu:");
         * otherwise they are sections of their own ("1. Nhiệm vụ chung"). */
        vb_node *before = NULL;
        for (vb_node *k = parent->first_child; k && k != c; k = k->next)
            before = k;
        int announced = before && before->kind == VB_NODE_PARAGRAPH && before->content.count &&
                        before->content.runs[before->content.count - 1].text[0] &&
                        before->content.runs[before->content.count - 1]
                                .text[strlen(before->content.runs[before->content.count - 1].text) - 1] == ':';
        if (any && !announced && c != last) {
            int first_marked = 0;
            agency_like(c, &first_marked);
            if (!first_marked) {
                find_tasks(c);
                c = c->next;
                continue;
            }
        }
        if (!any) {
            if (c->kind == VB_NODE_SECTION)
                find_tasks(c);
            c = c->next;
            continue;
        }
        vb_node *stop = last->next;
        for (vb_node *a = c; a != stop; a = a->next)
            make_agency(a);
        /* Wrap c..last in a TASKS node. */
        vb_node *block = vb_node_new(VB_NODE_TASKS, c->pos);
        block->parent = parent;
        vb_node *prev = NULL;
        for (vb_node *k = parent->first_child; k && k != c; k = k->next)
            prev = k;
        if (prev)
            prev->next = block;
        else
            parent->first_child = block;
        block->next = stop;
        last->next = NULL;
        block->first_child = c;
        block->last_child = last;
        for (vb_node *a = c; a; a = a->next)
            a->parent = block;
        if (parent->last_child == last)
            parent->last_child = block;
        c = stop;
    }
}

/* The paragraph that ends the text, after other content of its section, closes the whole
 * document ("… trân trọng báo cáo."): it belongs to the top level. */
static void lift_closing_paragraph(rz *r, vb_node *root)
{
    vb_node *last = root;
    while (last->last_child)
        last = last->last_child;
    if (last == root || last->kind != VB_NODE_PARAGRAPH || last->bullet_level || last->parent == root)
        return;
    vb_node *parent = last->parent;
    /* An article holds its paragraphs to the end ("Điều 3. … thi hành."). */
    if (parent->first_child == last || parent->kind != VB_NODE_SECTION || parent->level == VB_LEVEL_DIEU)
        return;
    vb_node *prev = parent->first_child;
    while (prev->next != last)
        prev = prev->next;
    prev->next = NULL;
    parent->last_child = prev;
    last->next = NULL;
    vb_node_append(root, last);
    vb_document_add_note(r->doc, last->pos, "đoạn kết của văn bản: đặt ở cấp cao nhất");
}

/* ---- ô 7, ô 9b: Nơi nhận and the signature ---- */

static int is_signature_table(rz *r, size_t begin)
{
    size_t end = table_end(r, begin);
    if (item(r, begin)->u.s.bordered)
        return 0;
    for (size_t i = begin; i <= end; i++) {
        const of_item *it = item(r, i);
        if (it->kind != OF_PARA || blank_text(it->u.para.text))
            continue;
        int el = style_element(&it->u.para);
        if (el == VB_EL_RECIPIENTS_HEADING || el == VB_EL_SIGNER_NAME || el == VB_EL_SIGNER_TITLE ||
            el == VB_EL_SIGNER_AUTHORITY)
            return 1;
        vb_recognised rec;
        if (para_kind(&it->u.para, &rec) == VB_EL_RECIPIENTS_HEADING)
            return 1;
    }
    return 0;
}

/* Where the body ends: the Nơi nhận or the signature table. */
static size_t find_body_end(rz *r, size_t from)
{
    for (size_t i = from; i < r->src->count; i++) {
        const of_item *it = item(r, i);
        if (it->kind == OF_TABLE_BEGIN) {
            if (is_signature_table(r, i))
                return i;
            i = table_end(r, i);
            continue;
        }
        if (it->kind != OF_PARA || blank_text(it->u.para.text))
            continue;
        vb_recognised rec;
        int k = para_kind(&it->u.para, &rec);
        if (k == VB_EL_RECIPIENTS_HEADING || k == VB_EL_APPENDIX_LABEL || k == VB_EL_SIGNER_AUTHORITY ||
            k == VB_EL_SIGNER_TITLE || k == VB_EL_SIGNER_NAME)
            return i;
    }
    return r->src->count;
}

static int is_signer_prefix(const char *t)
{
    static const char *const prefixes[] = {"TM.", "T.M.", "T/M", "KT.", "K.T.", "K/T", "TL.", "T.L.", "T/L",
                                           "TUQ.", "Q.", "TM ", "KT ", NULL};
    for (int i = 0; prefixes[i]; i++)
        if (!strncmp(t, prefixes[i], strlen(prefixes[i])))
            return 1;
    return 0;
}

typedef struct {
    const of_para *p[32];
    size_t n;
} para_list;

static void read_signer_paras(rz *r, const para_list *l)
{
    vb_document *doc = r->doc;
    if (!l->n)
        return;
    doc->signers = vb_xrealloc(doc->signers, (doc->signer_count + 1) * sizeof *doc->signers);
    vb_signer *s = &doc->signers[doc->signer_count++];
    memset(s, 0, sizeof *s);
    s->pos = pos_of(r, l->p[0], 1);
    if (!doc->signers_pos.line)
        doc->signers_pos = s->pos;
    int styled = 0;
    for (size_t k = 0; k < l->n; k++) {
        int el = style_element(l->p[k]);
        styled |= el == VB_EL_SIGNER_AUTHORITY || el == VB_EL_SIGNER_TITLE || el == VB_EL_SIGNER_NAME;
    }
    size_t upper[32], nu = 0;
    int in_parentheses = 0;
    for (size_t k = 0; k < l->n; k++) {
        const of_para *p = l->p[k];
        char *t = para_clean(p);
        int el = style_element(p);
        if (styled) {
            if (el == VB_EL_SIGNER_AUTHORITY) {
                if (!s->authority.count)
                    s->authority.pos = pos_of(r, p, 1);
                vb_lines_append(&s->authority, t, pos_of(r, p, 1));
                t = NULL;
            } else if (el == VB_EL_SIGNER_TITLE && !s->title.text) {
                s->title.text = t, s->title.pos = pos_of(r, p, 1), t = NULL;
            } else if (el == VB_EL_SIGNER_NAME && !s->name.text && *t) {
                s->name.text = t, s->name.pos = pos_of(r, p, 1), t = NULL;
            }
            if (el >= 0)
                mark(r, p, (vb_element)el);
        } else if (t[0] == '(' || t[0] == '[' || in_parentheses) {
            /* "(Chữ ký của người có thẩm quyền, / dấu …)": room for the hand signature, over
             * one line or several. */
            in_parentheses = !strchr(t, ')') && !strchr(t, ']');
        } else if (is_upper_text(t)) {
            if (nu < 32)
                upper[nu++] = k;
        } else {
            /* The name is the last line under the signature. */
            free(s->name.text);
            s->name.text = t, s->name.pos = pos_of(r, p, 1), t = NULL;
            mark(r, p, VB_EL_SIGNER_NAME);
        }
        free(t);
    }
    if (!styled) {
        for (size_t u = 0; u < nu; u++) {
            const of_para *p = l->p[upper[u]];
            char *t = para_clean(p);
            int authority = u + 1 < nu || (nu == 1 && is_signer_prefix(t));
            if (authority) {
                if (!s->authority.count)
                    s->authority.pos = pos_of(r, p, 1);
                vb_lines_append(&s->authority, t, pos_of(r, p, 1));
                mark(r, p, VB_EL_SIGNER_AUTHORITY);
            } else {
                s->title.text = t;
                s->title.pos = pos_of(r, p, 1);
                mark(r, p, VB_EL_SIGNER_TITLE);
            }
        }
    }
    if (!s->name.text && !s->title.text && !s->authority.count) {
        vb_lines_free(&s->authority);
        doc->signer_count--;
    }
}

/* Reads recipients from paragraphs; returns 1 when the heading was one of them. */
static int read_recipients(rz *r, const para_list *l)
{
    vb_document *doc = r->doc;
    int in = 0;
    for (size_t k = 0; k < l->n; k++) {
        const of_para *p = l->p[k];
        vb_recognised rec;
        if (!in) {
            if (para_kind(p, &rec) == VB_EL_RECIPIENTS_HEADING) {
                in = 1;
                doc->recipients.pos = pos_of(r, p, 1);
                mark(r, p, VB_EL_RECIPIENTS_HEADING);
                /* "Nơi nhận: - Như trên;" on one line */
                char *t = para_clean(p);
                const char *colon = strchr(t, ':');
                if (colon && colon[1]) {
                    char *rest = list_item_text(colon + 1 + strspn(colon + 1, " "));
                    if (*rest)
                        vb_lines_append(&doc->recipients, rest, pos_of(r, p, 1));
                    else
                        free(rest);
                }
                free(t);
            }
            continue;
        }
        char *t = para_clean(p);
        char *line = list_item_text(t);
        free(t);
        if (*line) {
            vb_lines_append(&doc->recipients, line, pos_of(r, p, 1));
            mark(r, p, VB_EL_RECIPIENT);
        } else {
            free(line);
        }
    }
    return in;
}

static void collect(rz *r, size_t from, size_t to, para_list *l)
{
    l->n = 0;
    for (size_t i = from; i <= to && i < r->src->count; i++) {
        const of_item *it = item(r, i);
        if (it->kind == OF_PARA && !it->u.para.in_note && !blank_text(it->u.para.text) && l->n < 32)
            l->p[l->n++] = &it->u.para;
    }
}

static void read_signature(rz *r)
{
    if (r->i >= r->src->count)
        return;
    const of_item *it = item(r, r->i);
    if (it->kind == OF_TABLE_BEGIN) {
        size_t end = table_end(r, r->i);
        /* Cell by cell: the one with "Nơi nhận:" is ô 9b, the others are signers. */
        size_t cell_start = 0;
        int depth = 0;
        for (size_t i = r->i; i <= end; i++) {
            const of_item *c = item(r, i);
            if (c->kind == OF_TABLE_BEGIN)
                depth++;
            else if (c->kind == OF_TABLE_END)
                depth--;
            else if (c->kind == OF_CELL_BEGIN && depth == 1)
                cell_start = i;
            else if (c->kind == OF_CELL_END && depth == 1) {
                para_list l;
                collect(r, cell_start, i, &l);
                if (!read_recipients(r, &l))
                    read_signer_paras(r, &l);
            }
        }
        r->i = end + 1;
        /* Joint documents: the Nơi nhận under the signers. */
        if (!r->doc->recipients.count) {
            const of_para *p;
            vb_recognised rec;
            if ((p = next_para(r)) && para_kind(p, &rec) == VB_EL_RECIPIENTS_HEADING) {
                size_t from = r->i, to = from;
                while (to + 1 < r->src->count && item(r, to + 1)->kind == OF_PARA) {
                    vb_recognised rr;
                    const of_para *q = &item(r, to + 1)->u.para;
                    if (!blank_text(q->text) && para_kind(q, &rr) == VB_EL_APPENDIX_LABEL)
                        break;
                    to++;
                }
                para_list l;
                collect(r, from, to, &l);
                read_recipients(r, &l);
                r->i = to + 1;
            }
        }
        return;
    }
    /* Paragraphs: Nơi nhận and its items, the signer's lines before or after them. */
    size_t from = r->i, to = from;
    while (to < r->src->count) {
        const of_item *c = item(r, to);
        if (c->kind == OF_SECTION_END || c->kind == OF_TABLE_BEGIN)
            break;
        if (c->kind == OF_PARA && !blank_text(c->u.para.text)) {
            vb_recognised rec;
            if (para_kind(&c->u.para, &rec) == VB_EL_APPENDIX_LABEL)
                break;
        }
        to++;
    }
    para_list all, recipients = {{0}, 0}, signer = {{0}, 0};
    collect(r, from, to ? to - 1 : 0, &all);
    int in = 0;
    for (size_t k = 0; k < all.n; k++) {
        vb_recognised rec;
        int kind = para_kind(all.p[k], &rec);
        if (kind == VB_EL_RECIPIENTS_HEADING)
            in = 1;
        else if (in && all.p[k]->text[0] != '-' && all.p[k]->fmt.align == VB_ALIGN_CENTER)
            in = 0;
        if (in)
            recipients.p[recipients.n++] = all.p[k];
        else
            signer.p[signer.n++] = all.p[k];
    }
    read_recipients(r, &recipients);
    read_signer_paras(r, &signer);
    r->i = to;
}

/* ---- Phụ lục ---- */

static void read_appendices(rz *r)
{
    vb_document *doc = r->doc;
    const vb_layout *l = vb_layout_for(doc->format);
    while (r->i < r->src->count) {
        const of_para *p = next_para(r);
        if (!p) {
            r->i++;
            continue;
        }
        vb_recognised rec;
        if (para_kind(p, &rec) != VB_EL_APPENDIX_LABEL) {
            r->i++;
            continue;
        }
        doc->appendices = vb_xrealloc(doc->appendices, (doc->appendix_count + 1) * sizeof *doc->appendices);
        vb_appendix *a = &doc->appendices[doc->appendix_count++];
        memset(a, 0, sizeof *a);
        a->pos = pos_of(r, p, 1);
        if (!doc->appendices_pos.line)
            doc->appendices_pos = a->pos;
        a->landscape = p->section < (int)r->src->section_count && r->src->sections[p->section].landscape;
        a->body = vb_node_new(VB_NODE_SECTION, a->pos);
        mark(r, p, VB_EL_APPENDIX_LABEL);
        r->i++;
        /* the title: IN HOA đậm, centred */
        vb_buf title = {0};
        const of_para *q;
        while ((q = next_para(r))) {
            int kind = para_kind(q, &rec);
            if (kind == VB_EL_APPENDIX_NOTE || kind == VB_EL_APPENDIX_LABEL)
                break;
            if (!(kind == VB_EL_APPENDIX_TITLE || (kind < 0 && q->fmt.align == VB_ALIGN_CENTER &&
                                                  (common_flags(q) & OF_BOLD))))
                break;
            char *t = para_clean(q);
            if (!title.len)
                a->title.pos = pos_of(r, q, 1);
            else
                vb_buf_add(&title, " ");
            vb_buf_add(&title, t);
            free(t);
            mark(r, q, VB_EL_APPENDIX_TITLE);
            r->i++;
        }
        a->title.text = title.data ? clean_text(title.data, title.len) : NULL;
        vb_buf_free(&title);
        if ((q = next_para(r)) && para_kind(q, &rec) == VB_EL_APPENDIX_NOTE) {
            keep_unless_standard(r, q, vb_format_attached_line(l, doc), &a->attached_line);
            r->i++;
        }
        /* its body: to the next Phụ lục */
        size_t end = r->i;
        while (end < r->src->count) {
            const of_item *it = item(r, end);
            if (it->kind == OF_PARA && !blank_text(it->u.para.text) && !it->u.para.in_note &&
                para_kind(&it->u.para, &rec) == VB_EL_APPENDIX_LABEL)
                break;
            end++;
        }
        read_blocks(r, a->body, end);
        strip_end_mark(a->body);
        lift_closing_paragraph(r, a->body);
        find_tasks(a->body);
        r->i = end;
    }
}

/* ---- văn bản kèm theo (PL III Mẫu 1.3) ---- */

/* Whether paragraph p is the "(Ban hành kèm theo …)" line of an attached document. */
static int is_issued_with_note(const of_para *p)
{
    vb_recognised rec;
    char *t = para_clean(p);
    vb_recognise_text(t, 0, &rec);
    /* The table's row for it (recognise_rules.c), not a Phụ lục's "(Kèm theo …)". */
    int yes = rec.rule && rec.rule->element == VB_EL_APPENDIX_NOTE &&
              strncmp(rec.rule->component, "Văn bản kèm theo", strlen("Văn bản kèm theo")) == 0;
    free(t);
    return yes;
}

/* An attached document starts with its own header table (ô 2, ô 1), then its tên loại,
 * trích yếu and the "(Ban hành kèm theo …)" line within a few paragraphs. Returns the
 * index of that line's item, or 0. */
static size_t attachment_start(rz *r, size_t at)
{
    const of_item *it = item(r, at);
    if (!it || it->kind != OF_TABLE_BEGIN || it->u.s.bordered)
        return 0;
    size_t te = table_end(r, at);
    int national = 0;
    for (size_t k = at; k <= te; k++) {
        const of_item *c = item(r, k);
        if (c->kind != OF_PARA || blank_text(c->u.para.text))
            continue;
        vb_recognised rec;
        int kind = style_element(&c->u.para);
        if (kind < 0) {
            char *t = para_clean(&c->u.para);
            vb_recognise_text(t, 1, &rec);
            kind = rec.rule ? (int)rec.rule->element : -1;
            free(t);
        }
        national |= kind == VB_EL_NATIONAL_TITLE;
    }
    if (!national)
        return 0;
    int seen = 0;
    for (size_t k = te + 1; k < r->src->count && seen < 12; k++) {
        const of_item *c = item(r, k);
        if (c->kind != OF_PARA)
            return 0;
        if (blank_text(c->u.para.text) || c->u.para.in_note)
            continue;
        seen++;
        if (is_issued_with_note(&c->u.para))
            return k;
    }
    return 0;
}

/* The item after the last blank paragraph or section end from `i`. */
static size_t skip_blank(rz *r, size_t i)
{
    while (i < r->src->count) {
        const of_item *it = item(r, i);
        if (it->kind == OF_SECTION_END || (it->kind == OF_PARA && (blank_text(it->u.para.text) || it->u.para.in_note)))
            i++;
        else
            break;
    }
    return i;
}

static int same_signer(const vb_signer *a, const vb_signer *b)
{
    if (a->authority.count != b->authority.count)
        return 0;
    for (size_t i = 0; i < a->authority.count; i++)
        if (strcmp(a->authority.items[i].text, b->authority.items[i].text))
            return 0;
    return a->title.text && b->title.text && !strcmp(a->title.text, b->title.text) && a->name.text &&
           b->name.text && !strcmp(a->name.text, b->name.text);
}

static void read_attachment(rz *r, size_t note_at)
{
    vb_document *doc = r->doc;
    const vb_layout *l = vb_layout_for(doc->format);
    size_t te = table_end(r, r->i);
    doc->attachments = vb_xrealloc(doc->attachments, (doc->attachment_count + 1) * sizeof *doc->attachments);
    vb_attachment *a = &doc->attachments[doc->attachment_count++];
    memset(a, 0, sizeof *a);
    /* Its header repeats the decision's bodies: nothing of its own. */
    for (size_t k = r->i; k <= te; k++) {
        const of_item *c = item(r, k);
        if (c->kind == OF_PARA && !blank_text(c->u.para.text)) {
            int el = style_element(&c->u.para);
            if (el >= 0)
                mark(r, &c->u.para, (vb_element)el);
        }
    }
    /* tên loại (IN HOA), then trích yếu, up to the note */
    vb_buf name = {0}, subject = {0};
    const of_para *name_p = NULL, *subject_p = NULL;
    char *lines[8];
    const of_para *line_p[8];
    size_t nlines = 0;
    for (size_t k = te + 1; k < note_at; k++) {
        const of_item *c = item(r, k);
        if (c->kind != OF_PARA || blank_text(c->u.para.text) || c->u.para.in_note)
            continue;
        const of_para *p = &c->u.para;
        char *t = para_clean(p);
        int el = style_element(p);
        int type_line = el == VB_EL_TYPE_NAME || (el < 0 && !subject_p && is_upper_text(t));
        if (type_line && nlines < 8) {
            if (!name_p)
                name_p = p;
            if (name.len)
                vb_buf_add(&name, " ");
            vb_buf_add(&name, t);
            lines[nlines] = t;
            line_p[nlines++] = p;
            continue;
        }
        if (!subject_p)
            subject_p = p;
        if (subject.len)
            vb_buf_add(&subject, " ");
        vb_buf_add(&subject, t);
        free(t);
    }
    /* Its tên loại and trích yếu are left unmarked: the layout rules of ô 5 (a rule right
     * under the trích yếu) are the decision's; here the rule comes after the note. */
    a->pos = pos_of(r, name_p ? name_p : &item(r, note_at)->u.para, 1);
    const vb_doctype *type = name.data ? type_by_name(name.data, doc->format, NULL) : NULL;
    if (!type && name.data) {
        type = type_by_name_prefix(name.data, doc->format);
        for (size_t k = 0; k < nlines; k++)
            vb_lines_append(&a->type_name, vb_strdup(lines[k]), pos_of(r, line_p[k], 1));
        a->type_name.pos = a->pos;
    }
    for (size_t k = 0; k < nlines; k++)
        free(lines[k]);
    vb_buf_free(&name);
    if (type) {
        a->type_code.text = vb_strdup(type->code);
        a->type_code.pos = a->pos;
    }
    if (subject.data) {
        a->subject.text = clean_text(subject.data, subject.len);
        a->subject.pos = pos_of(r, subject_p, 1);
    }
    vb_buf_free(&subject);
    /* The note: kept only when it is not the one vanban makes from the decision. */
    const of_para *note_p = &item(r, note_at)->u.para;
    keep_unless_standard(r, note_p, vb_format_issued_with_line(l, doc), &a->attached_line);
    /* Its body: to its signature table, the next attached document, a Phụ lục or the end. */
    size_t end = note_at + 1, signature = 0;
    while (end < r->src->count) {
        const of_item *it = item(r, end);
        if (it->kind == OF_TABLE_BEGIN) {
            if (attachment_start(r, end))
                break;
            if (is_signature_table(r, end)) {
                signature = end;
                break;
            }
            end = table_end(r, end) + 1;
            continue;
        }
        vb_recognised rec;
        if (it->kind == OF_PARA && !blank_text(it->u.para.text) && !it->u.para.in_note &&
            para_kind(&it->u.para, &rec) == VB_EL_APPENDIX_LABEL)
            break;
        end++;
    }
    a->body = vb_node_new(VB_NODE_SECTION, pos_of(r, note_p, 1));
    r->i = note_at + 1;
    read_blocks(r, a->body, end);
    strip_end_mark(a->body);
    lift_closing_paragraph(r, a->body);
    find_tasks(a->body);
    r->i = end;
    if (!signature)
        return;
    /* The signature at its end: read as the document's, then moved to the attachment. */
    size_t before = doc->signer_count;
    vb_pos signers_pos = doc->signers_pos;
    read_signature(r);
    if (doc->signer_count > before) {
        vb_signer s = doc->signers[before];
        doc->signer_count = before;
        doc->signers_pos = signers_pos;
        const char *code = a->type_code.text ? a->type_code.text : "";
        int implied = (!strcmp(code, "QC") || !strcmp(code, "QyĐ") || !strcmp(code, "QĐi")) &&
                      doc->signer_count > 0 && same_signer(&s, &doc->signers[0]);
        if (implied) {
            vb_lines_free(&s.authority);
            free(s.title.text);
            free(s.name.text);
        } else {
            a->signer = s;
            a->has_signer = 1;
        }
    }
}

static void read_attachments(rz *r)
{
    vb_document *doc = r->doc;
    for (;;) {
        size_t at = skip_blank(r, r->i);
        size_t note_at = at < r->src->count ? attachment_start(r, at) : 0;
        if (!note_at)
            return;
        if (!doc->attachment_count)
            doc->attachments_pos = pos_of(r, &item(r, note_at)->u.para, 1);
        r->i = at;
        read_attachment(r, note_at);
    }
}

/* ---- the whole ---- */

vb_document *vb_recognise(const vb_office_source *src, const char *shown, vb_diagnostics *diags,
                          int *elements)
{
    vb_document *doc = vb_document_new(shown);
    rz r = {src, doc, diags, elements, 0, 0};
    if (elements)
        for (unsigned k = 0; k <= src->paragraphs; k++)
            elements[k] = -1;
    doc->root_pos = pos_of(&r, NULL, 1);
    doc->number_pos = doc->root_pos;
    doc->format = VB_FORMAT_STATE;
    doc->tone_style = 0;

    size_t header_end = find_header_end(&r);
    r.has_header = header_end > 0;
    read_header(&r, header_end);
    r.i = header_end;
    read_title(&r);
    read_addressees(&r);
    read_preamble(&r);

    size_t body_end = find_body_end(&r, r.i);
    const of_para *first = next_para(&r);
    doc->body_pos = first ? pos_of(&r, first, 1) : doc->root_pos;
    doc->body->pos = doc->body_pos;
    read_blocks(&r, doc->body, body_end);
    strip_end_mark(doc->body);
    lift_closing_paragraph(&r, doc->body);
    find_tasks(doc->body);
    r.i = body_end;
    read_signature(&r);
    read_attachments(&r);
    read_appendices(&r);
    vb_recognise_task_tables(doc);
    if (!r.has_header)
        note(&r, NULL, "không nhận ra phần đầu văn bản (quốc hiệu, số, ngày)");
    vb_document_number_sections(doc);
    return doc;
}
