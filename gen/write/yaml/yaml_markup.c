/* Runs → CommonMark. The text is laid out as bytes each with its style, notes between
 * them; emphasis is written as nested spans, bold outside italic or the other way round,
 * with `*` or `_`. Each way is checked by parsing it again with the reader's own parser
 * (read/markup.h), and the first that gives back the runs is kept: CommonMark's rules for
 * where emphasis may open and close (after punctuation, before a letter, ...) are for the
 * parser to judge, not for a second copy of them here. */
#include "yaml_markup.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "model/markup.h"

typedef struct {
    size_t at;        /* the note stands before byte `at` */
    const char *text;
} note_ref;

/* A paragraph flattened: its bytes, the style of each, and its notes. */
typedef struct {
    char *bytes;
    unsigned char *styles;
    size_t len;
    note_ref *notes;
    size_t note_count;
} flat;

static void flat_free(flat *f)
{
    free(f->bytes);
    free(f->styles);
    free(f->notes);
}

static size_t space_length(const char *s, size_t i, size_t len)
{
    if (s[i] == ' ' || s[i] == '\t')
        return 1;
    if (i + 1 < len && (unsigned char)s[i] == 0xC2 && (unsigned char)s[i + 1] == 0xA0)
        return 2; /* no-break space: white space to CommonMark too */
    return 0;
}

static size_t space_length_before(const char *s, size_t end)
{
    if (end >= 1 && (s[end - 1] == ' ' || s[end - 1] == '\t'))
        return 1;
    if (end >= 2 && (unsigned char)s[end - 2] == 0xC2 && (unsigned char)s[end - 1] == 0xA0)
        return 2;
    return 0;
}

/* The runs as the reader would give them back: line breaks as spaces, white space trimmed
 * at both ends and at the ends of every bold or italic stretch. */
static void flatten(const vb_inline *in, flat *f)
{
    size_t total = 0;
    for (size_t i = 0; i < in->count; i++)
        total += in->runs[i].style & VB_RUN_NOTE ? 0 : strlen(in->runs[i].text);
    memset(f, 0, sizeof *f);
    f->bytes = vb_xmalloc(total + 1);
    f->styles = vb_xmalloc(total + 1);
    f->notes = vb_xcalloc(in->count, sizeof *f->notes);
    for (size_t i = 0; i < in->count; i++) {
        const vb_run *run = &in->runs[i];
        if (run->style & VB_RUN_NOTE) {
            f->notes[f->note_count].at = f->len;
            f->notes[f->note_count++].text = run->text;
            continue;
        }
        for (const char *p = run->text; *p; p++) {
            f->bytes[f->len] = *p == '\n' || *p == '\r' ? ' ' : *p;
            f->styles[f->len++] = (unsigned char)(run->style & (VB_RUN_BOLD | VB_RUN_ITALIC));
        }
    }
    f->bytes[f->len] = '\0';
    /* Emphasis never starts or ends on white space. */
    for (unsigned attr = VB_RUN_BOLD; attr <= VB_RUN_ITALIC; attr <<= 1) {
        size_t i = 0;
        while (i < f->len) {
            if (!(f->styles[i] & attr)) {
                i++;
                continue;
            }
            size_t start = i;
            while (i < f->len && (f->styles[i] & attr))
                i++;
            size_t end = i, n;
            while (start < end && (n = space_length(f->bytes, start, end)) > 0)
                for (size_t k = 0; k < n; k++)
                    f->styles[start++] &= (unsigned char)~attr;
            while (end > start && (n = space_length_before(f->bytes, end)) > 0)
                for (size_t k = 0; k < n; k++)
                    f->styles[--end] &= (unsigned char)~attr;
        }
    }
}

/* The part of the text a YAML scalar keeps: white space off both ends, but not past a
 * note ("^[…]" ends or starts the scalar then). */
static void kept_bounds(const flat *f, size_t *start, size_t *end)
{
    size_t first_note = f->note_count ? f->notes[0].at : f->len;
    size_t last_note = f->note_count ? f->notes[f->note_count - 1].at : 0;
    *start = 0;
    *end = f->len;
    while (*start < *end && *start < first_note && isspace((unsigned char)f->bytes[*start]))
        (*start)++;
    while (*end > *start && *end > last_note && isspace((unsigned char)f->bytes[*end - 1]))
        (*end)--;
}

/* The runs a flattened paragraph stands for, trimmed at its ends as a YAML text is. */
static void flat_runs(const flat *f, vb_inline *out)
{
    size_t start, end, note = 0, i;
    kept_bounds(f, &start, &end);
    for (i = start;;) {
        for (; note < f->note_count && f->notes[note].at <= i; note++)
            vb_inline_append(out, f->notes[note].text, strlen(f->notes[note].text), VB_RUN_NOTE);
        if (i >= end)
            break;
        size_t j = i + 1;
        while (j < end && f->styles[j] == f->styles[i] &&
               !(note < f->note_count && f->notes[note].at <= j))
            j++;
        vb_inline_append(out, f->bytes + i, j - i, f->styles[i]);
        i = j;
    }
    for (; note < f->note_count; note++)
        vb_inline_append(out, f->notes[note].text, strlen(f->notes[note].text), VB_RUN_NOTE);
}

static int runs_equal(const vb_inline *a, const vb_inline *b)
{
    if (a->count != b->count)
        return 0;
    for (size_t i = 0; i < a->count; i++)
        if (a->runs[i].style != b->runs[i].style || strcmp(a->runs[i].text, b->runs[i].text) != 0)
            return 0;
    return 1;
}

/* One way of writing emphasis. */
typedef struct {
    unsigned outer;          /* the attribute whose spans hold the other's */
    const char *bold, *italic;
    int escape_block_start;  /* "1. Nội dung" → "1\. Nội dung" */
    int no_emphasis;
} way;

static void add_escaped(vb_buf *out, char c)
{
    if (strchr("\\`*_[]<&", c))
        vb_buf_addn(out, "\\", 1);
    vb_buf_addn(out, &c, 1);
}

/* Markers that open a block when they start a line. */
static int opens_block(const flat *f, size_t i)
{
    if (strchr("#>-+=~|", f->bytes[i]))
        return 1;
    return 0;
}

static void write_delims(vb_buf *out, unsigned from, unsigned to, const way *w)
{
    unsigned inner = w->outer == VB_RUN_BOLD ? VB_RUN_ITALIC : VB_RUN_BOLD;
    const char *outer_d = w->outer == VB_RUN_BOLD ? w->bold : w->italic;
    const char *inner_d = w->outer == VB_RUN_BOLD ? w->italic : w->bold;
    int outer_changes = (from & w->outer) != (to & w->outer);
    /* Close: the inner span first, then the outer one. */
    if ((from & inner) && (!(to & inner) || outer_changes))
        vb_buf_add(out, inner_d);
    if ((from & w->outer) && !(to & w->outer))
        vb_buf_add(out, outer_d);
    /* Open: the outer span first. */
    if (!(from & w->outer) && (to & w->outer))
        vb_buf_add(out, outer_d);
    if ((to & inner) && (!(from & inner) || outer_changes))
        vb_buf_add(out, inner_d);
}

/* White space off the edges of a stretch of `attr` in styles[from, to). */
static void trim_span_edges(const flat *f, unsigned char *styles, unsigned attr, size_t from, size_t to)
{
    size_t i = from;
    while (i < to) {
        if (!(styles[i] & attr)) {
            i++;
            continue;
        }
        size_t start = i;
        while (i < to && (styles[i] & attr))
            i++;
        size_t end = i, n;
        while (start < end && (n = space_length(f->bytes, start, end)) > 0)
            for (size_t k = 0; k < n; k++)
                styles[start++] &= (unsigned char)~attr;
        while (end > start && (n = space_length_before(f->bytes, end)) > 0)
            for (size_t k = 0; k < n; k++)
                styles[--end] &= (unsigned char)~attr;
    }
}

/* The styles as way `w` can write them: the inner attribute's stretches are cut where the
 * outer one starts or ends, and the pieces must not start or end on white space either
 * ("*nghiêng **cả hai*** **đậm**": the space between loses its bold). */
static void styles_for_way(const flat *f, const way *w, unsigned char *styles)
{
    unsigned inner = w->outer == VB_RUN_BOLD ? VB_RUN_ITALIC : VB_RUN_BOLD;
    memcpy(styles, f->styles, f->len);
    if (w->no_emphasis) {
        memset(styles, 0, f->len);
        return;
    }
    for (size_t i = 0; i < f->len;) {
        size_t j = i;
        while (j < f->len && (styles[j] & w->outer) == (styles[i] & w->outer))
            j++;
        trim_span_edges(f, styles, inner, i, j);
        i = j;
    }
}

static void write_way(vb_buf *out, const flat *f, const way *w)
{
    size_t start, end;
    kept_bounds(f, &start, &end);
    size_t begin = out->len;
    unsigned state = 0;
    size_t note = 0;
    for (size_t i = start; i <= end; i++) {
        unsigned next = i < end ? f->styles[i] : 0;
        if (note < f->note_count && (f->notes[note].at <= i || i == end)) {
            /* Close what the next text does not have before the note; open after it. */
            write_delims(out, state, state & next, w);
            state &= next;
            for (; note < f->note_count && (f->notes[note].at <= i || i == end); note++) {
                vb_buf_add(out, "^[");
                for (const char *p = f->notes[note].text; *p; p++)
                    add_escaped(out, *p == '\n' ? ' ' : *p);
                vb_buf_add(out, "]");
            }
        }
        write_delims(out, state, next, w);
        state = next;
        if (i == end)
            break;
        if (out->len == begin && w->escape_block_start && opens_block(f, i))
            vb_buf_add(out, "\\");
        if (out->len == begin && w->escape_block_start && isdigit((unsigned char)f->bytes[i])) {
            size_t j = i;
            while (j < end && isdigit((unsigned char)f->bytes[j]))
                j++;
            if (j < end && (f->bytes[j] == '.' || f->bytes[j] == ')')) {
                vb_buf_addn(out, f->bytes + i, j - i);
                vb_buf_add(out, "\\");
                i = j - 1;
                continue;
            }
        }
        add_escaped(out, f->bytes[i]);
    }
}

static const way ways[] = {
    {VB_RUN_BOLD, "**", "*", 0, 0},   {VB_RUN_ITALIC, "**", "*", 0, 0},
    {VB_RUN_BOLD, "__", "*", 0, 0},   {VB_RUN_BOLD, "**", "_", 0, 0},
    {VB_RUN_BOLD, "**", "*", 1, 0},   {VB_RUN_ITALIC, "**", "*", 1, 0},
    {VB_RUN_BOLD, "__", "*", 1, 0},   {VB_RUN_BOLD, "**", "_", 1, 0},
};
static const way plain_way = {VB_RUN_BOLD, "**", "*", 1, 1};

typedef enum { AS_PARAGRAPH, AS_TITLE } place;

static int has_emphasis(const unsigned char *styles, size_t len)
{
    for (size_t i = 0; i < len; i++)
        if (styles[i])
            return 1;
    return 0;
}

static int reads_back(const char *text, size_t len, place where, const vb_inline *want)
{
    int same = 0;
    if (where == AS_TITLE) {
        vb_inline got = {0};
        vb_markup_inline(&got, text, len);
        same = runs_equal(&got, want);
        vb_inline_free(&got);
        return same;
    }
    vb_node *root = vb_node_new(VB_NODE_SECTION, (vb_pos){0});
    vb_markup_append_blocks(root, text, len, (vb_pos){0}, 0);
    const vb_node *p = root->first_child;
    same = p && !p->next && p->kind == VB_NODE_PARAGRAPH && p->bullet_level == 0 &&
           runs_equal(&p->content, want);
    vb_node_free_tree(root);
    return same;
}

/* Writes `in`; `read_as`, when given, gets the runs the text reads back as. */
static vb_markup_result write_checked(vb_buf *out, const vb_inline *in, place where, vb_inline *read_as)
{
    flat f;
    flatten(in, &f);
    unsigned char *given = f.styles;
    unsigned char *styles = vb_xmalloc(f.len + 1);
    vb_markup_result result = VB_MARKUP_INEXACT;
    vb_buf attempt = {0};
    size_t count = sizeof ways / sizeof *ways;
    /* First the ways that keep every style as given, then those that move white space out
     * of emphasis, then the text without emphasis. */
    for (size_t k = 0; k <= 2 * count && result == VB_MARKUP_INEXACT; k++) {
        const way *w = k < 2 * count ? &ways[k % count] : &plain_way;
        if (where == AS_TITLE && w->escape_block_start && !w->no_emphasis)
            continue; /* the title reader escapes a leading marker itself */
        f.styles = given;
        styles_for_way(&f, w, styles);
        f.styles = styles;
        if (k < count && memcmp(styles, given, f.len) != 0)
            continue;
        vb_inline want = {0};
        flat_runs(&f, &want);
        attempt.len = 0;
        write_way(&attempt, &f, w);
        if (reads_back(attempt.data ? attempt.data : "", attempt.len, where, &want)) {
            result = w->no_emphasis && has_emphasis(given, f.len) ? VB_MARKUP_NO_EMPHASIS : VB_MARKUP_EXACT;
            if (read_as) {
                *read_as = want;
                want = (vb_inline){0};
            }
        }
        vb_inline_free(&want);
    }
    if (result == VB_MARKUP_INEXACT) {
        /* Nothing reads back (a "^[" typed as text): the first way, said so. */
        f.styles = given;
        styles_for_way(&f, &ways[0], styles);
        f.styles = styles;
        attempt.len = 0;
        write_way(&attempt, &f, &ways[0]);
    }
    if (attempt.data)
        vb_buf_addn(out, attempt.data, attempt.len);
    vb_buf_free(&attempt);
    f.styles = given;
    free(styles);
    flat_free(&f);
    return result;
}

vb_markup_result vb_yaml_markup_paragraph(vb_buf *out, const vb_inline *in)
{
    return write_checked(out, in, AS_PARAGRAPH, NULL);
}

vb_markup_result vb_yaml_markup_title(vb_buf *out, const vb_inline *in)
{
    return write_checked(out, in, AS_TITLE, NULL);
}

vb_markup_result vb_yaml_markup_bullets(vb_buf *out, const vb_node *const *paragraphs, size_t count)
{
    vb_markup_result worst = VB_MARKUP_EXACT;
    vb_inline *read_as = vb_xcalloc(count, sizeof *read_as);
    size_t begin = out->len;
    int previous = 0; /* the level of the line before */
    for (size_t i = 0; i < count; i++) {
        int level = paragraphs[i]->bullet_level;
        /* A level with no item above it hangs from empty items ("-" alone on its line). */
        for (int missing = previous + 1; missing < level; missing++)
            vb_buf_printf(out, "%*s%s\n", 2 * (missing - 1), "", missing % 2 ? "-" : "+");
        vb_buf_printf(out, "%*s%s ", 2 * (level - 1), "", level % 2 ? "-" : "+");
        vb_markup_result r = write_checked(out, &paragraphs[i]->content, AS_PARAGRAPH, &read_as[i]);
        if (r > worst)
            worst = r;
        vb_buf_add(out, "\n");
        previous = level;
    }
    if (out->len > begin && out->data[out->len - 1] == '\n')
        out->data[--out->len] = '\0';
    /* The lines together must give the same paragraphs at the same levels. */
    vb_node *root = vb_node_new(VB_NODE_SECTION, (vb_pos){0});
    vb_markup_append_blocks(root, out->data + begin, out->len - begin, (vb_pos){0}, 0);
    size_t i = 0;
    for (const vb_node *p = root->first_child; p; p = p->next, i++) {
        if (i >= count || p->bullet_level != paragraphs[i]->bullet_level ||
            (worst != VB_MARKUP_INEXACT && !runs_equal(&p->content, &read_as[i]))) {
            worst = VB_MARKUP_INEXACT;
            break;
        }
    }
    if (i != count)
        worst = VB_MARKUP_INEXACT;
    vb_node_free_tree(root);
    for (size_t k = 0; k < count; k++)
        vb_inline_free(&read_as[k]);
    free(read_as);
    return worst;
}
