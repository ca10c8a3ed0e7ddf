#include "recognise_parts.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "layout/layout.h"
#include "recognise_rules.h"
#include "viet/text.h"

/* ---- ô 13 ---- */

static int is_contact(const of_para *p)
{
    if (!p->text || p->in_note)
        return 0;
    if (p->style_id && strcmp(p->style_id, vb_element_style_id(VB_EL_CONTACT)) == 0)
        return 1;
    const char *t = p->text + strspn(p->text, " \t\n");
    /* Only a paragraph that starts with a contact label goes through the rules: a table of
     * 100,000 rows is read without upper-casing each cell. */
    size_t len;
    if (vb_contact_label_at(t, &len) < 0)
        return 0;
    vb_recognised rec;
    vb_recognise_text(t, 0, &rec);
    return rec.rule && rec.rule->element == VB_EL_CONTACT;
}

vb_found_contact vb_take_contact(vb_office_source *src)
{
    vb_found_contact found = {NULL, 0};
    for (size_t i = 0; i < src->count && !found.text; i++) {
        of_para *p = &src->items[i].u.para;
        if (src->items[i].kind != OF_PARA || !is_contact(p))
            continue;
        found.text = p->text;
        found.number = p->number;
        /* Left in place as an empty paragraph: the numbers of the others stay. */
        for (size_t r = 0; r < p->run_count; r++) {
            free(p->runs[r].text);
            free(p->runs[r].font);
        }
        p->run_count = 0;
        p->text = vb_strdup("");
    }
    return found;
}

/* Where the next label starts after a separator, or the end of `s`. */
static const char *next_label(const char *s, const char **value_end)
{
    for (const char *p = s; *p; p++) {
        if (*p != ';' && *p != '-' && *p != '|' && *p != '\n' && *p != '\t')
            continue;
        const char *q = p + 1;
        while (*q == ' ' || *q == '\t' || *q == '\n')
            q++;
        size_t len;
        if (vb_contact_label_at(q, &len) >= 0) {
            *value_end = p;
            return q;
        }
    }
    *value_end = s + strlen(s);
    return *value_end;
}

void vb_apply_contact(vb_document *doc, vb_found_contact *found)
{
    if (!found->text)
        return;
    char *text = vb_nfc(found->text, strlen(found->text));
    free(found->text);
    found->text = NULL;
    if (!text)
        return;
    vb_contact *c = &doc->contact;
    vb_text *slots[] = {&c->address, &c->phone, &c->fax, &c->email, &c->website};
    c->pos = (vb_pos){doc->source_name, found->number, 1};
    doc->has_contact = 1;
    const char *p = text + strspn(text, " \t\n");
    while (*p) {
        size_t len = 0;
        int field = vb_contact_label_at(p, &len);
        const char *end = NULL, *next = next_label(p + len, &end);
        if (field >= 0 && !slots[field]->text) {
            const char *v = p + len;
            while (end > v && (end[-1] == ' ' || end[-1] == '\t' || end[-1] == '\n' || end[-1] == ';' ||
                               end[-1] == ','))
                end--;
            if (end > v) {
                char *value = vb_xmalloc((size_t)(end - v) + 1);
                memcpy(value, v, (size_t)(end - v));
                value[end - v] = '\0';
                slots[field]->text = value;
                slots[field]->pos = (vb_pos){doc->source_name, found->number,
                                             (unsigned)vb_utf8_count(text, (size_t)(v - text)) + 1};
            }
        }
        p = next;
    }
    free(text);
}

/* ---- ô 12 ---- */

/* "PL" in "Lưu: VT, KGVX. PL.(300)": capital letters (and digits), no blank, no comma. */
static int is_mark(const char *s, size_t n)
{
    if (n == 0 || n > 24)
        return 0;
    char *copy = vb_xmalloc(n + 1);
    memcpy(copy, s, n);
    copy[n] = '\0';
    char *upper = vb_upper_vi(copy);
    int ok = strcmp(upper, copy) == 0 && !strpbrk(copy, " ,;:()");
    free(upper);
    free(copy);
    return ok;
}

void vb_recognise_drafter(vb_document *doc)
{
    if (doc->recipients.count == 0 || doc->drafter.text || doc->copies)
        return;
    vb_text *last = &doc->recipients.items[doc->recipients.count - 1];
    if (!last->text || strncmp(last->text, "Lưu", strlen("Lưu")) != 0)
        return;
    /* The mark comes after the Lưu line's full stop: ". PL.(300)" or ". PL". */
    const char *dot = NULL;
    for (const char *p = last->text; (p = strstr(p, ". ")); p++)
        dot = p;
    if (!dot)
        return;
    const char *tail = dot + 2;
    /* The layout's form, "%s.(%d)": what stands between the mark and the number, and after. */
    const char *format = vb_layout_for(doc->format)->drafter_copies_format;
    const char *s_at = strstr(format, "%s"), *d_at = strstr(format, "%d");
    if (!s_at || !d_at || d_at < s_at)
        return;
    char mid[16];
    size_t mid_len = (size_t)(d_at - s_at - 2);
    if (mid_len == 0 || mid_len >= sizeof mid)
        return;
    memcpy(mid, s_at + 2, mid_len);
    mid[mid_len] = '\0';
    const char *after = d_at + 2;
    const char *m = NULL;
    for (const char *p = tail; (p = strstr(p, mid)); p++)
        m = p;
    int copies = 0;
    size_t mark_len = strlen(tail);
    if (m) {
        const char *n = m + mid_len;
        char *num_end = NULL;
        long v = strtol(n, &num_end, 10);
        if (isdigit((unsigned char)*n) && v > 0 && v <= 1000000 && strcmp(num_end, after) == 0) {
            copies = (int)v;
            mark_len = (size_t)(m - tail);
        }
    }
    /* A mark alone must look like one; with the copies it may be left out. */
    if (mark_len ? !is_mark(tail, mark_len) : !copies)
        return;
    if (mark_len) {
        char *mark = vb_xmalloc(mark_len + 1);
        memcpy(mark, tail, mark_len);
        mark[mark_len] = '\0';
        doc->drafter.text = mark;
        doc->drafter.pos = last->pos;
        if (!copies)
            vb_document_add_note(doc, last->pos, "chữ in hoa sau dòng Lưu: đọc là ký hiệu người soạn thảo (ô 12)");
    }
    doc->copies = copies;
    /* The Lưu line itself ends where the mark begins (its full stop is the layout's). */
    last->text[dot - last->text] = '\0';
}
