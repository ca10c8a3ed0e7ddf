#include "office_compare.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check/validate.h"
#include "layout/layout.h"
#include "tables/table_rows.h"
#include "viet/text.h"

typedef struct {
    int differences;
    const vb_document *a, *b;
} cmp;

static void differ(cmp *c, const char *what, vb_pos pa, vb_pos pb, const char *va, const char *vb)
{
    c->differences++;
    if (c->differences > 40)
        return;
    fprintf(stderr, "  %s: expected \"%s\" (%s:%u:%u), read \"%s\" (%s:%u:%u)\n", what, va ? va : "(none)",
            pa.file ? pa.file : "", pa.line, pa.column, vb ? vb : "(none)", pb.file ? pb.file : "", pb.line,
            pb.column);
}

/* Blanks squeezed, ends trimmed; upper-cased when the page prints it so. */
static char *shown(const char *s, int upper)
{
    if (!s)
        return NULL;
    char *u = upper ? vb_upper_vi(s) : vb_strdup(s);
    char *o = u;
    int blank = 1;
    for (const char *p = u; *p; p++) {
        int b = *p == ' ' || *p == '\n' || *p == '\t';
        if (b && blank)
            continue;
        *o++ = b ? ' ' : *p;
        blank = b;
    }
    while (o > u && o[-1] == ' ')
        o--;
    *o = '\0';
    return u;
}

/* The end mark "./." is the layout's: it compares as the full stop it follows. */
static void end_mark_as_stop(char *s)
{
    size_t n = s ? strlen(s) : 0;
    if (n >= 3 && !strcmp(s + n - 3, "./."))
        s[n - 2] = '\0';
}

static void text_eq(cmp *c, const char *what, const char *a, vb_pos pa, const char *b, vb_pos pb, int upper)
{
    char *x = shown(a, upper), *y = shown(b, upper);
    end_mark_as_stop(x);
    end_mark_as_stop(y);
    int same = (!x && !y) || (x && y && !strcmp(x, y));
    if (!same)
        differ(c, what, pa, pb, x, y);
    free(x);
    free(y);
}

static void int_eq(cmp *c, const char *what, long a, vb_pos pa, long b, vb_pos pb)
{
    if (a == b)
        return;
    char x[32], y[32];
    snprintf(x, sizeof x, "%ld", a);
    snprintf(y, sizeof y, "%ld", b);
    differ(c, what, pa, pb, x, y);
}

static void lines_eq(cmp *c, const char *what, const vb_lines *a, const vb_lines *b, int upper)
{
    /* Lines are compared joined: a balanced two-line name is one name. */
    char *x = NULL, *y = NULL;
    size_t nx = 0, ny = 0;
    for (size_t i = 0; i < a->count; i++) {
        size_t n = strlen(a->items[i].text);
        x = realloc(x, nx + n + 2);
        memcpy(x + nx, a->items[i].text, n);
        nx += n;
        x[nx++] = '\x1f';
        x[nx] = '\0';
    }
    for (size_t i = 0; i < b->count; i++) {
        size_t n = strlen(b->items[i].text);
        y = realloc(y, ny + n + 2);
        memcpy(y + ny, b->items[i].text, n);
        ny += n;
        y[ny++] = '\x1f';
        y[ny] = '\0';
    }
    text_eq(c, what, x, a->count ? a->items[0].pos : a->pos, y, b->count ? b->items[0].pos : b->pos, upper);
    free(x);
    free(y);
}

static void inline_eq(cmp *c, const char *what, const vb_inline *a, vb_pos pa, const vb_inline *b, vb_pos pb,
                      int upper)
{
    /* Runs as "[style]text" strings: emphasis and notes count. */
    char *x = NULL, *y = NULL;
    for (int side = 0; side < 2; side++) {
        const vb_inline *in = side ? b : a;
        size_t len = 0;
        char *out = NULL;
        for (size_t i = 0; i < in->count; i++) {
            size_t n = strlen(in->runs[i].text);
            out = realloc(out, len + n + 8);
            len += (size_t)sprintf(out + len, "[%u]", in->runs[i].style);
            memcpy(out + len, in->runs[i].text, n + 1);
            len += n;
        }
        if (side)
            y = out;
        else
            x = out;
    }
    text_eq(c, what, x, pa, y, pb, upper);
    free(x);
    free(y);
}

static void date_eq(cmp *c, const char *what, const vb_date *a, const vb_date *b)
{
    char x[48], y[48];
    snprintf(x, sizeof x, "%d %04d-%02d-%02d", a->present, a->year, a->month, a->day);
    snprintf(y, sizeof y, "%d %04d-%02d-%02d", b->present, b->year, b->month, b->day);
    if (strcmp(x, y))
        differ(c, what, a->pos, b->pos, x, y);
}

static void deadline_eq(cmp *c, const vb_deadline *a, const vb_deadline *b)
{
    char x[160], y[160];
    snprintf(x, sizeof x, "kind %d %04d-%02d-%02d..%04d-%02d-%02d q%d every %d \"%s\"", (int)a->kind,
             a->start.year, a->start.month, a->start.day, a->end.year, a->end.month, a->end.day,
             a->quarter, (int)a->every, a->text.text ? a->text.text : "");
    snprintf(y, sizeof y, "kind %d %04d-%02d-%02d..%04d-%02d-%02d q%d every %d \"%s\"", (int)b->kind,
             b->start.year, b->start.month, b->start.day, b->end.year, b->end.month, b->end.day,
             b->quarter, (int)b->every, b->text.text ? b->text.text : "");
    if (strcmp(x, y))
        differ(c, "task deadline", a->pos, b->pos, x, y);
}

static void table_eq(cmp *c, const vb_table *a, vb_pos pa, const vb_table *b, vb_pos pb)
{
    vb_pos pos;
    char msg[256];
    vb_table_rows *ra = vb_table_rows_open(a, 1, &pos, msg, sizeof msg);
    vb_table_rows *rb = vb_table_rows_open(b, 1, &pos, msg, sizeof msg);
    if (!ra || !rb) {
        differ(c, "table opens", pa, pb, ra ? "ok" : msg, rb ? "ok" : msg);
        vb_table_rows_close(ra);
        vb_table_rows_close(rb);
        return;
    }
    int_eq(c, "table landscape", a->landscape, pa, b->landscape, pb);
    for (int row = 1;; row++) {
        vb_grid_row ga, gb;
        int ka = vb_table_rows_next(ra, &ga, &pos, msg, sizeof msg);
        /* The grid of the first reader is overwritten by its next call: keep its texts. */
        char *xa = NULL;
        size_t la = 0;
        if (ka > 0) {
            for (size_t i = 0; i < ga.count; i++) {
                size_t n = strlen(ga.cells[i].text);
                xa = realloc(xa, la + n + 40);
                la += (size_t)sprintf(xa + la, "|%u,%u,%d:", ga.cells[i].colspan, ga.cells[i].rowspan,
                                      (int)ga.cells[i].cover);
                memcpy(xa + la, ga.cells[i].text, n + 1);
                la += n;
            }
            char kind[16];
            snprintf(kind, sizeof kind, "#%d", (int)ga.kind);
            xa = realloc(xa, la + 16);
            strcpy(xa + la, kind);
        }
        int kb = vb_table_rows_next(rb, &gb, &pos, msg, sizeof msg);
        char *xb = NULL;
        size_t lb = 0;
        if (kb > 0) {
            for (size_t i = 0; i < gb.count; i++) {
                size_t n = strlen(gb.cells[i].text);
                xb = realloc(xb, lb + n + 40);
                lb += (size_t)sprintf(xb + lb, "|%u,%u,%d:", gb.cells[i].colspan, gb.cells[i].rowspan,
                                      (int)gb.cells[i].cover);
                memcpy(xb + lb, gb.cells[i].text, n + 1);
                lb += n;
            }
            char kind[16];
            snprintf(kind, sizeof kind, "#%d", (int)gb.kind);
            xb = realloc(xb, lb + 16);
            strcpy(xb + lb, kind);
        }
        char what[48];
        snprintf(what, sizeof what, "table row %d", row);
        if (ka <= 0 || kb <= 0) {
            if (ka != kb)
                differ(c, what, pa, pb, ka > 0 ? xa : "(end)", kb > 0 ? xb : "(end)");
            free(xa);
            free(xb);
            break;
        }
        text_eq(c, what, xa, ga.pos, xb, gb.pos, 0);
        free(xa);
        free(xb);
    }
    vb_table_rows_close(ra);
    vb_table_rows_close(rb);
}

static int title_upper(const vb_document *d, const vb_node *n)
{
    const vb_layout *l = vb_layout_for(d->format);
    if (n->level == VB_LEVEL_PHAN || n->level == VB_LEVEL_CHUONG)
        return 1;
    return l->styles[vb_section_element(l, n->level)].upper;
}

static const char *kind_name(vb_node_kind k)
{
    static const char *const names[] = {"section", "paragraph", "tasks", "agency", "task", "table"};
    return names[k];
}

static void nodes_eq(cmp *c, const vb_node *a, const vb_node *b)
{
    const vb_node *x = a->first_child, *y = b->first_child;
    for (; x || y; x = x ? x->next : NULL, y = y ? y->next : NULL) {
        if (!x || !y) {
            differ(c, "body node", x ? x->pos : a->pos, y ? y->pos : b->pos, x ? kind_name(x->kind) : "(none)",
                   y ? kind_name(y->kind) : "(none)");
            return;
        }
        if (x->kind != y->kind) {
            differ(c, "node kind", x->pos, y->pos, kind_name(x->kind), kind_name(y->kind));
            return;
        }
        switch (x->kind) {
        case VB_NODE_SECTION:
        case VB_NODE_AGENCY:
            int_eq(c, "section level", x->level, x->pos, y->level, y->pos);
            int_eq(c, "section depth", x->depth, x->pos, y->depth, y->pos);
            int_eq(c, "section ordinal", x->ordinal, x->pos, y->ordinal, y->pos);
            inline_eq(c, "section title", &x->title, x->pos, &y->title, y->pos, title_upper(c->a, x));
            if (x->kind == VB_NODE_SECTION)
                int_eq(c, "section roles", vb_section_roles(x), x->pos, vb_section_roles(y), y->pos);
            else
                text_eq(c, "agency", x->agency.agency.text, x->pos, y->agency.agency.text, y->pos, 0);
            break;
        case VB_NODE_PARAGRAPH:
            int_eq(c, "bullet level", x->bullet_level, x->pos, y->bullet_level, y->pos);
            inline_eq(c, "paragraph", &x->content, x->pos, &y->content, y->pos, 0);
            break;
        case VB_NODE_TASK:
            text_eq(c, "task action", x->task.action.text, x->pos, y->task.action.text, y->pos, 0);
            text_eq(c, "task coordinator", x->task.coordinator.text, x->pos, y->task.coordinator.text, y->pos, 0);
            text_eq(c, "task product", x->task.product.text, x->pos, y->task.product.text, y->pos, 0);
            deadline_eq(c, &x->task.deadline, &y->task.deadline);
            break;
        case VB_NODE_TASKS:
            int_eq(c, "tasks layout", x->tasks.layout, x->pos, y->tasks.layout, y->pos);
            int_eq(c, "tasks landscape", x->tasks.landscape, x->pos, y->tasks.landscape, y->pos);
            text_eq(c, "tasks appendix title", x->tasks.appendix_title.text, x->pos,
                    y->tasks.appendix_title.text, y->pos, 1);
            if (x->tasks.layout == VB_TASKS_APPENDIX)
                int_eq(c, "tasks appendix", x->tasks.appendix_index, x->pos, y->tasks.appendix_index, y->pos);
            break;
        case VB_NODE_TABLE:
            table_eq(c, x->table, x->pos, y->table, y->pos);
            break;
        default:
            break;
        }
        nodes_eq(c, x, y);
    }
}

int vb_test_compare_documents(const vb_document *a, const vb_document *b)
{
    cmp c = {0, a, b};
    vb_pos pa = a->root_pos, pb = b->root_pos;
    int_eq(&c, "format", a->format, pa, b->format, pb);
    text_eq(&c, "loai", a->type_code.text, a->type_code.pos, b->type_code.text, b->type_code.pos, 0);
    lines_eq(&c, "ten_loai", &a->type_name, &b->type_name, 1);
    int_eq(&c, "draft", a->is_draft, pa, b->is_draft, pb);
    lines_eq(&c, "co_quan_chu_quan", &a->parent_body, &b->parent_body, 1);
    lines_eq(&c, "co_quan", &a->issuer, &b->issuer, 1);
    int_eq(&c, "so", a->number, a->number_pos, b->number, b->number_pos);
    text_eq(&c, "ky_hieu", a->code.text, a->code.pos, b->code.text, b->code.pos, 0);
    text_eq(&c, "dia_danh", a->place.text, a->place.pos, b->place.text, b->place.pos, 0);
    date_eq(&c, "ngay", &a->date, &b->date);
    /* A công văn's "V/v" is printed whether the drafter typed it or not. */
    const char *sa = a->subject.text, *sb = b->subject.text;
    if (sa && !strncmp(sa, "V/v ", 4))
        sa += 4;
    if (sb && !strncmp(sb, "V/v ", 4))
        sb += 4;
    text_eq(&c, "trich_yeu", sa, a->subject.pos, sb, b->subject.pos, 0);
    int_eq(&c, "do_mat", a->secrecy, pa, b->secrecy, pb);
    int_eq(&c, "do_khan", a->urgency, pa, b->urgency, pb);
    lines_eq(&c, "kinh_gui", &a->addressees, &b->addressees, 0);
    text_eq(&c, "tham_quyen", a->authority_line.text, a->authority_line.pos, b->authority_line.text,
            b->authority_line.pos, 1);
    lines_eq(&c, "can_cu", &a->legal_bases, &b->legal_bases, 0);
    text_eq(&c, "mo_dau", a->preamble_close.text, a->preamble_close.pos, b->preamble_close.text,
            b->preamble_close.pos, 1);
    nodes_eq(&c, a->body, b->body);
    lines_eq(&c, "noi_nhan", &a->recipients, &b->recipients, 0);
    int_eq(&c, "signers", (long)a->signer_count, a->signers_pos, (long)b->signer_count, b->signers_pos);
    for (size_t i = 0; i < a->signer_count && i < b->signer_count; i++) {
        const vb_signer *x = &a->signers[i], *y = &b->signers[i];
        lines_eq(&c, "quyen_han", &x->authority, &y->authority, 1);
        text_eq(&c, "chuc_vu", x->title.text, x->title.pos, y->title.text, y->title.pos, 1);
        text_eq(&c, "ho_ten", x->name.text, x->name.pos, y->name.text, y->name.pos, 0);
    }
    /* ô 11, ô 12, ô 13 and the draft round */
    text_eq(&c, "pham_vi_luu_hanh", a->circulation.text, a->circulation.pos, b->circulation.text,
            b->circulation.pos, 1);
    text_eq(&c, "ky_hieu_nguoi_soan_thao", a->drafter.text, a->drafter.pos, b->drafter.text, b->drafter.pos, 1);
    int_eq(&c, "so_luong_ban", a->copies, pa, b->copies, pb);
    int_eq(&c, "lan_du_thao", a->draft_round, pa, b->draft_round, pb);
    int_eq(&c, "lien_he", a->has_contact, a->contact.pos, b->has_contact, b->contact.pos);
    const vb_text *ca[] = {&a->contact.address, &a->contact.phone, &a->contact.fax, &a->contact.email,
                           &a->contact.website};
    const vb_text *cb[] = {&b->contact.address, &b->contact.phone, &b->contact.fax, &b->contact.email,
                           &b->contact.website};
    static const char *const contact_keys[] = {"lien_he.dia_chi", "lien_he.dien_thoai", "lien_he.fax",
                                               "lien_he.thu_dien_tu", "lien_he.trang_thong_tin_dien_tu"};
    for (int i = 0; i < 5; i++)
        text_eq(&c, contact_keys[i], ca[i]->text, ca[i]->pos, cb[i]->text, cb[i]->pos, 0);
    /* A joint header: every body with its superior body. (co_quan_in_thuong is printed only
     * in a Kèm theo line, which compares as that line.) */
    int_eq(&c, "co_quan_lien_tich", (long)a->joint_issuer_count, pa, (long)b->joint_issuer_count, pb);
    for (size_t i = 0; i < a->joint_issuer_count && i < b->joint_issuer_count; i++) {
        static const vb_lines none = {0};
        lines_eq(&c, "co_quan_lien_tich.co_quan", &a->joint_issuers[i], &b->joint_issuers[i], 1);
        lines_eq(&c, "co_quan_lien_tich.co_quan_chu_quan",
                 a->joint_parent_bodies ? &a->joint_parent_bodies[i] : &none,
                 b->joint_parent_bodies ? &b->joint_parent_bodies[i] : &none, 1);
    }
    /* The documents issued with this one. */
    int_eq(&c, "van_ban_kem_theo", (long)a->attachment_count, a->attachments_pos, (long)b->attachment_count,
           b->attachments_pos);
    for (size_t i = 0; i < a->attachment_count && i < b->attachment_count; i++) {
        const vb_attachment *x = &a->attachments[i], *y = &b->attachments[i];
        text_eq(&c, "van_ban_kem_theo.loai", x->type_code.text, x->pos, y->type_code.text, y->pos, 0);
        lines_eq(&c, "van_ban_kem_theo.ten_loai", &x->type_name, &y->type_name, 1);
        text_eq(&c, "van_ban_kem_theo.trich_yeu", x->subject.text, x->pos, y->subject.text, y->pos, 0);
        text_eq(&c, "van_ban_kem_theo.kem_theo", x->attached_line.text, x->pos, y->attached_line.text, y->pos, 0);
        int_eq(&c, "van_ban_kem_theo.ky", x->has_signer, x->pos, y->has_signer, y->pos);
        if (x->has_signer && y->has_signer) {
            lines_eq(&c, "van_ban_kem_theo.ky.quyen_han", &x->signer.authority, &y->signer.authority, 1);
            text_eq(&c, "van_ban_kem_theo.ky.chuc_vu", x->signer.title.text, x->pos, y->signer.title.text, y->pos, 1);
            text_eq(&c, "van_ban_kem_theo.ky.ho_ten", x->signer.name.text, x->pos, y->signer.name.text, y->pos, 0);
        }
        nodes_eq(&c, x->body, y->body);
    }
    int_eq(&c, "appendices", (long)a->appendix_count, a->appendices_pos, (long)b->appendix_count, b->appendices_pos);
    for (size_t i = 0; i < a->appendix_count && i < b->appendix_count; i++) {
        const vb_appendix *x = &a->appendices[i], *y = &b->appendices[i];
        text_eq(&c, "phu_luc title", x->title.text, x->title.pos, y->title.text, y->title.pos, 1);
        text_eq(&c, "phu_luc kem_theo", x->attached_line.text, x->pos, y->attached_line.text, y->pos, 0);
        int_eq(&c, "phu_luc landscape", x->landscape, x->pos, y->landscape, y->pos);
        int_eq(&c, "phu_luc of tasks", x->tasks != NULL, x->pos, y->tasks != NULL, y->pos);
        nodes_eq(&c, x->body, y->body);
    }
    return c.differences;
}
