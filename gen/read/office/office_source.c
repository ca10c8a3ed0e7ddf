#define _GNU_SOURCE /* memmem */
#include "office_source.h"

#include <stdlib.h>
#include <string.h>

#include "model/model.h"

of_item *of_source_add(vb_office_source *src, of_kind kind)
{
    if (src->count == src->cap) {
        src->cap = src->cap ? src->cap * 2 : 256;
        src->items = vb_xrealloc(src->items, src->cap * sizeof *src->items);
    }
    of_item *item = &src->items[src->count++];
    memset(item, 0, sizeof *item);
    item->kind = kind;
    if (kind == OF_PARA) {
        of_para *p = &item->u.para;
        p->number = ++src->paragraphs;
        p->list_level = -1;
        p->section = src->section_count ? (int)src->section_count - 1 : 0;
        of_para_format f = {-1, -1, -1, -1, -1, -1, -1, 0, 0, 0, 0, 0, 0, 0};
        p->fmt = f;
    } else if (kind == OF_CELL_BEGIN) {
        item->u.s.colspan = 1;
    }
    return item;
}

static int same_font(const char *a, const char *b)
{
    return (!a && !b) || (a && b && strcmp(a, b) == 0);
}

void of_para_add_text(of_para *p, const char *text, size_t len, unsigned flags, double size_pt,
                      const char *font)
{
    if (len == 0)
        return;
    /* A non-breaking hyphen (U+2011, which vanban itself writes between the numbers of a
     * range) is the hyphen the page shows. */
    const char *nb = memmem(text, len, "\xe2\x80\x91", 3);
    if (nb) {
        char *plain = vb_xmalloc(len);
        size_t n = 0;
        for (size_t i = 0; i < len;) {
            if (i + 3 <= len && memcmp(text + i, "\xe2\x80\x91", 3) == 0) {
                plain[n++] = '-';
                i += 3;
            } else {
                plain[n++] = text[i++];
            }
        }
        of_para_add_text(p, plain, n, flags, size_pt, font);
        free(plain);
        return;
    }
    if (!(flags & OF_NOTE)) {
        size_t old = p->text ? strlen(p->text) : 0;
        p->text = vb_xrealloc(p->text, old + len + 1);
        memcpy(p->text + old, text, len);
        p->text[old + len] = '\0';
    }
    if (p->run_count && !(flags & OF_NOTE)) {
        of_run *last = &p->runs[p->run_count - 1];
        if (last->flags == flags && last->size_pt == size_pt && same_font(last->font, font)) {
            size_t old = strlen(last->text);
            last->text = vb_xrealloc(last->text, old + len + 1);
            memcpy(last->text + old, text, len);
            last->text[old + len] = '\0';
            return;
        }
    }
    if (p->run_count == p->run_cap) {
        p->run_cap = p->run_cap ? p->run_cap * 2 : 1; /* most paragraphs are one run */
        p->runs = vb_xrealloc(p->runs, p->run_cap * sizeof *p->runs);
    }
    of_run *r = &p->runs[p->run_count++];
    r->text = vb_xmalloc(len + 1);
    memcpy(r->text, text, len);
    r->text[len] = '\0';
    r->flags = flags;
    r->size_pt = size_pt;
    r->font = font ? vb_strdup(font) : NULL;
}

of_section *of_source_add_section(vb_office_source *src)
{
    src->sections = vb_xrealloc(src->sections, (src->section_count + 1) * sizeof *src->sections);
    of_section *s = &src->sections[src->section_count++];
    memset(s, 0, sizeof *s);
    s->first_paragraph = src->paragraphs + 1;
    return s;
}

void of_source_free(vb_office_source *src)
{
    if (!src)
        return;
    for (size_t i = 0; i < src->count; i++) {
        if (src->items[i].kind != OF_PARA)
            continue;
        of_para *p = &src->items[i].u.para;
        for (size_t r = 0; r < p->run_count; r++) {
            free(p->runs[r].text);
            free(p->runs[r].font);
        }
        free(p->runs);
        free(p->text);
        free(p->style_id);
        free(p->style_name);
        free(p->label);
    }
    free(src->items);
    free(src->sections);
    free(src->default_font);
    free(src->path);
    free(src);
}

const of_para *of_source_paragraph(const vb_office_source *src, unsigned number)
{
    /* Paragraph numbers grow with the item index: a binary search over items. */
    size_t lo = 0, hi = src->count;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        size_t k = mid;
        while (k < hi && src->items[k].kind != OF_PARA)
            k++;
        if (k == hi) {
            hi = mid;
            continue;
        }
        unsigned n = src->items[k].u.para.number;
        if (n == number)
            return &src->items[k].u.para;
        if (n < number)
            lo = k + 1;
        else
            hi = mid;
    }
    return NULL;
}
