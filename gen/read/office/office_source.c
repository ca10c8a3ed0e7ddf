#define _GNU_SOURCE /* memmem */
#include "office_source.h"

#include <stdlib.h>
#include <string.h>

#include "model/model.h"
#include "office_spool.h"

of_item *of_source_add(vb_office_source *src, of_kind kind)
{
    if (src->count == src->cap) {
        src->cap = src->cap ? src->cap * 2 : 256;
        src->items = vb_xrealloc(src->items, src->cap * sizeof *src->items);
    }
    of_item *item = &src->items[src->count++];
    memset(item, 0, sizeof *item);
    item->kind = kind;
    /* Where the open top-level table and its open row are, for of_source_end_row. */
    if (kind == OF_TABLE_BEGIN && src->table_depth++ == 0) {
        src->table_begin = src->count - 1;
        src->table_rows = 0;
    } else if (kind == OF_TABLE_END && src->table_depth > 0) {
        src->table_depth--;
    } else if (kind == OF_ROW_BEGIN && src->table_depth == 1) {
        src->row_begin = src->count - 1;
    }
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

static void para_clear(of_para *p)
{
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

/* A row whose items the spool can hold and the recogniser reads as cells of a data table. */
static int plain_row(const of_item *items, size_t count)
{
    for (size_t i = 0; i < count; i++) {
        const of_item *it = &items[i];
        if (it->kind == OF_PARA) {
            const of_para *p = &it->u.para;
            if (p->in_note || p->in_textbox || p->drawn_rule || p->page_break_before || p->fmt.border_box)
                return 0;
        } else if (it->kind != OF_ROW_BEGIN && it->kind != OF_CELL_BEGIN && it->kind != OF_CELL_END &&
                   it->kind != OF_ROW_END) {
            return 0;
        }
    }
    return count >= 2 && items[0].kind == OF_ROW_BEGIN;
}

void of_source_end_row(vb_office_source *src, int may_move)
{
    of_source_add(src, OF_ROW_END);
    if (src->table_depth != 1)
        return;
    src->table_rows++;
    size_t begin = src->row_begin, count = src->count - begin;
    if (!may_move || src->table_rows <= OF_ROWS_IN_MEMORY || src->spool_failed ||
        !src->items[src->table_begin].u.s.bordered || !plain_row(&src->items[begin], count))
        return;
    if (!src->spool && !(src->spool = of_spool_new())) {
        src->spool_failed = 1;
        return;
    }
    /* The row joins the OF_SPOOLED item just before it, or starts one in its place. */
    of_item *before = begin > 0 ? &src->items[begin - 1] : NULL;
    of_spooled into;
    if (before && before->kind == OF_SPOOLED && of_spool_continues(src->spool, &before->u.spooled))
        into = before->u.spooled;
    else {
        of_spool_start(src->spool, &into);
        before = NULL;
    }
    /* A failed write is reported when the extraction ends (of_spool_flush). */
    if (of_spool_add_row(src->spool, &src->items[begin], count, &into) < 0)
        src->spool_failed = 1;
    for (size_t i = begin; i < src->count; i++)
        if (src->items[i].kind == OF_PARA)
            para_clear(&src->items[i].u.para);
    src->count = begin;
    if (before) {
        before->u.spooled = into;
    } else {
        of_item *it = of_source_add(src, OF_SPOOLED);
        it->u.spooled = into;
    }
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
        para_clear(&src->items[i].u.para);
    }
    of_spool_free(src->spool);
    free(src->items);
    free(src->sections);
    free(src->default_font);
    free(src->path);
    free(src);
}

/* The paragraph numbers an item holds: [*first, *last]; 0 when it holds none. */
static int paragraph_range(const of_item *it, unsigned *first, unsigned *last)
{
    if (it->kind == OF_PARA) {
        *first = *last = it->u.para.number;
        return 1;
    }
    if (it->kind == OF_SPOOLED && it->u.spooled.first_paragraph) {
        *first = it->u.spooled.first_paragraph;
        *last = it->u.spooled.last_paragraph;
        return 1;
    }
    return 0;
}

const of_para *of_source_paragraph(const vb_office_source *src, unsigned number)
{
    /* Paragraph numbers grow with the item index: a binary search over items. */
    size_t lo = 0, hi = src->count;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        size_t k = mid;
        unsigned first = 0, last = 0;
        while (k < hi && !paragraph_range(&src->items[k], &first, &last))
            k++;
        if (k == hi) {
            hi = mid;
            continue;
        }
        if (number >= first && number <= last)
            return src->items[k].kind == OF_PARA ? &src->items[k].u.para
                                                 : of_spool_paragraph(src->spool, &src->items[k].u.spooled, number);
        if (last < number)
            lo = k + 1;
        else
            hi = mid;
    }
    return NULL;
}
