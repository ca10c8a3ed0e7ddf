#include "markup.h"

#include <cmark.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Emphasis state is the set of enclosing EMPH/STRONG nodes. */
static unsigned style_of(cmark_node *node, cmark_node *stop)
{
    unsigned style = 0;
    for (cmark_node *n = cmark_node_parent(node); n && n != stop; n = cmark_node_parent(n)) {
        if (cmark_node_get_type(n) == CMARK_NODE_STRONG)
            style |= VB_RUN_BOLD;
        else if (cmark_node_get_type(n) == CMARK_NODE_EMPH)
            style |= VB_RUN_ITALIC;
    }
    return style;
}

/* Appends the inline content of a leaf block (paragraph, heading) to `out`. */
static void collect_inlines(vb_inline *out, cmark_node *block)
{
    cmark_iter *iter = cmark_iter_new(block);
    cmark_event_type ev;
    while ((ev = cmark_iter_next(iter)) != CMARK_EVENT_DONE) {
        cmark_node *n = cmark_iter_get_node(iter);
        if (ev != CMARK_EVENT_ENTER)
            continue;
        switch (cmark_node_get_type(n)) {
        case CMARK_NODE_TEXT:
        case CMARK_NODE_CODE:
        case CMARK_NODE_HTML_INLINE: {
            const char *lit = cmark_node_get_literal(n);
            if (lit)
                vb_inline_append(out, lit, strlen(lit), style_of(n, block));
            break;
        }
        case CMARK_NODE_SOFTBREAK:
        case CMARK_NODE_LINEBREAK:
            /* Lines of one paragraph join: the page, not the YAML, decides line breaks. */
            vb_inline_append(out, " ", 1, style_of(n, block));
            break;
        default:
            break;
        }
    }
    cmark_iter_free(iter);
}

/* Footnotes are written inline, "…năm 2024^[Theo Quyết định số 12/QĐ-UBND.] và …" (pandoc's
 * inline-note syntax; CommonMark leaves it as text). The runs are rebuilt with each note as
 * a run of its own; a note's emphasis is dropped (notes are set in one style). An "^[" that
 * never closes stays text. */
static void extract_notes(vb_inline *in)
{
    int found = 0;
    for (size_t i = 0; i < in->count && !found; i++)
        found = strstr(in->runs[i].text, "^[") != NULL;
    if (!found)
        return;
    vb_inline out = {0};
    vb_inline note = {0};
    int depth = 0;               /* inside a note: bracket nesting */
    vb_inline pending = {0};     /* the note's text so far, in case it never closes */
    for (size_t i = 0; i < in->count; i++) {
        const char *t = in->runs[i].text;
        unsigned style = in->runs[i].style;
        size_t start = 0, n = strlen(t);
        for (size_t j = 0; j < n; j++) {
            if (!depth && t[j] == '^' && j + 1 < n && t[j + 1] == '[') {
                vb_inline_append(&out, t + start, j - start, style);
                vb_inline_append(&pending, "^[", 2, style);
                depth = 1;
                start = j + 2;
                j++;
                continue;
            }
            if (!depth)
                continue;
            if (t[j] == '[') {
                depth++;
            } else if (t[j] == ']' && --depth == 0) {
                vb_inline_append(&note, t + start, j - start, 0);
                char *text = vb_inline_plain(&note);
                /* Each note its own run: never merged with the next one. */
                vb_inline_append(&out, text, strlen(text), VB_RUN_NOTE);
                free(text);
                vb_inline_free(&note);
                vb_inline_free(&pending);
                start = j + 1;
                continue;
            }
        }
        if (depth) {
            vb_inline_append(&note, t + start, n - start, 0);
            vb_inline_append(&pending, t + start, n - start, style);
        } else {
            vb_inline_append(&out, t + start, n - start, style);
        }
    }
    for (size_t i = 0; depth && i < pending.count; i++)
        vb_inline_append(&out, pending.runs[i].text, strlen(pending.runs[i].text), pending.runs[i].style);
    vb_inline_free(&note);
    vb_inline_free(&pending);
    vb_inline_free(in);
    *in = out;
}

/* Where the blocks come from: the text cmark parsed and its position in the YAML. */
typedef struct {
    const char *text;
    size_t len;
    vb_pos pos;
    int first_line_offset;
} source;

static vb_pos block_pos(const source *src, cmark_node *block)
{
    int line = cmark_node_get_start_line(block);
    vb_pos at = src->pos;
    if (at.line && line > 0)
        at.line += (unsigned)(line - 1 + src->first_line_offset);
    return at;
}

static void add_paragraph(vb_node *parent, cmark_node *block, const source *src,
                          int bullet_level, const char *prefix)
{
    vb_node *para = vb_node_new(VB_NODE_PARAGRAPH, block_pos(src, block));
    para->bullet_level = bullet_level;
    if (prefix)
        vb_inline_append(&para->content, prefix, strlen(prefix), 0);
    collect_inlines(&para->content, block);
    extract_notes(&para->content);
    vb_node_append(parent, para);
}

/* The list marker of an item exactly as typed ("3.", "01)"), read from the source text:
 * cmark only keeps the first item's number, and a legal text must not be renumbered. */
static void typed_marker(const source *src, cmark_node *item, char *buf, size_t size)
{
    int line = cmark_node_get_start_line(item), column = cmark_node_get_start_column(item);
    const char *p = src->text, *end = src->text + src->len;
    for (int l = 1; l < line && p < end; l++) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        p = nl ? nl + 1 : end;
    }
    p += column > 0 ? column - 1 : 0;
    size_t n = 0;
    while (p + n < end && n + 2 < size && p[n] >= '0' && p[n] <= '9')
        n++;
    if (n == 0 || p + n >= end || (p[n] != '.' && p[n] != ')')) {
        snprintf(buf, size, "%d. ", cmark_node_get_list_start(cmark_node_parent(item)));
        return;
    }
    snprintf(buf, size, "%.*s%c ", (int)n, p, p[n]);
}

static void walk_blocks(vb_node *parent, cmark_node *first, const source *src, int bullet_level);

static void walk_list(vb_node *parent, cmark_node *list, const source *src, int bullet_level)
{
    int ordered = cmark_node_get_list_type(list) == CMARK_ORDERED_LIST;
    for (cmark_node *item = cmark_node_first_child(list); item; item = cmark_node_next(item)) {
        cmark_node *first = cmark_node_first_child(item);
        if (!ordered) {
            /* Bullets nest: "-" at level 1, "+" at level 2, ... */
            walk_blocks(parent, first, src, bullet_level + 1);
            continue;
        }
        char prefix[32];
        typed_marker(src, item, prefix, sizeof prefix);
        if (first && cmark_node_get_type(first) == CMARK_NODE_PARAGRAPH) {
            add_paragraph(parent, first, src, bullet_level, prefix);
            first = cmark_node_next(first);
        }
        walk_blocks(parent, first, src, bullet_level);
    }
}

static void walk_blocks(vb_node *parent, cmark_node *first, const source *src, int bullet_level)
{
    for (cmark_node *b = first; b; b = cmark_node_next(b)) {
        switch (cmark_node_get_type(b)) {
        case CMARK_NODE_PARAGRAPH:
        case CMARK_NODE_HEADING:
            add_paragraph(parent, b, src, bullet_level, NULL);
            break;
        case CMARK_NODE_LIST:
            walk_list(parent, b, src, bullet_level);
            break;
        case CMARK_NODE_BLOCK_QUOTE:
            walk_blocks(parent, cmark_node_first_child(b), src, bullet_level);
            break;
        case CMARK_NODE_CODE_BLOCK:
        case CMARK_NODE_HTML_BLOCK: {
            /* Not Markdown a drafter means: keep the literal text as a paragraph. */
            const char *lit = cmark_node_get_literal(b);
            vb_node *para = vb_node_new(VB_NODE_PARAGRAPH, block_pos(src, b));
            para->bullet_level = bullet_level;
            if (lit) {
                size_t n = strlen(lit);
                while (n && (lit[n - 1] == '\n' || lit[n - 1] == ' '))
                    n--;
                vb_inline_append(&para->content, lit, n, 0);
            }
            vb_node_append(parent, para);
            break;
        }
        default:
            break;
        }
    }
}

/* Whether the line at text[i..end) is a row of one of "-*_=~" (spaces between allowed), long
 * enough to be a thematic break, a setext underline or a code fence in CommonMark (one "=",
 * two of "-*_", three "~"). */
static int is_rule_line(const char *text, size_t i, size_t end)
{
    char mark = 0;
    size_t count = 0;
    for (; i < end; i++) {
        if (text[i] == ' ' || text[i] == '\t')
            continue;
        if (!strchr("-*_=~", text[i]) || (mark && text[i] != mark))
            return 0;
        mark = text[i];
        count++;
    }
    return count >= (mark == '=' ? 1u : mark == '~' ? 3u : 2u);
}

/* `text` with a backslash before every character that would make CommonMark do more than the
 * markup vanban reads (bold, italic, bullet and numbered lists; docs/format.md): a line
 * opening with ">" (a quote) or "#" (a heading), a row of dashes, stars, "=" or "~" (a rule,
 * an underline, a fence), and "[", "`", "<" and "&" anywhere (a link, a code span, HTML or an
 * autolink, an entity). Each of those would drop what was typed ("> 90%" read as "90%", a
 * link's address lost); escaped, they stay text. A character the writer escaped already is
 * left as it is. Inserts no line, so cmark's lines are the text's. Caller frees. */
static char *escape_unread_markup(const char *text, size_t len, size_t *out_len)
{
    char *out = vb_xmalloc(2 * len + 1);
    size_t n = 0;
    int line_start = 1;
    for (size_t i = 0; i < len; i++) {
        char c = text[i];
        if (c == '\\' && i + 1 < len && text[i + 1] != '\n') {
            out[n++] = c;
            out[n++] = text[++i];
            line_start = 0;
            continue;
        }
        if (line_start && c != ' ' && c != '\t') {
            const char *nl = memchr(text + i, '\n', len - i);
            size_t end = nl ? (size_t)(nl - text) : len;
            if (c == '>' || c == '#' || is_rule_line(text, i, end))
                out[n++] = '\\';
            line_start = 0;
        }
        if (c == '[' || c == '`' || c == '<' || c == '&')
            out[n++] = '\\';
        out[n++] = c;
        if (c == '\n')
            line_start = 1;
    }
    out[n] = '\0';
    *out_len = n;
    return out;
}

void vb_markup_parse_blocks(vb_node *parent, const char *text, size_t len, vb_pos pos,
                            int first_line_offset)
{
    size_t escaped_len = 0;
    char *escaped = escape_unread_markup(text, len, &escaped_len);
    source src = {escaped, escaped_len, pos, first_line_offset};
    cmark_node *doc = cmark_parse_document(escaped, escaped_len, CMARK_OPT_DEFAULT);
    walk_blocks(parent, cmark_node_first_child(doc), &src, 0);
    cmark_node_free(doc);
    free(escaped);
}

/* Whether CommonMark reads `text` as one paragraph holding exactly `text`: one line, no
 * character that could open a block at its start, no inline markup, no white space at its
 * ends. Most paragraphs of a document are such, and this look is far cheaper than a parse.
 * Digits followed by '.' or ')' may open an ordered list; '[' also opens a note ("^["). */
static int is_plain_paragraph(const char *text, size_t len)
{
    static const char block_openers[] = "#>-+*=_~`<|";
    if (len == 0 || text[0] == ' ' || text[0] == '\t' || text[len - 1] == ' ' ||
        text[len - 1] == '\t' || memchr(block_openers, text[0], sizeof block_openers - 1))
        return 0;
    size_t digits = 0;
    while (digits < len && text[digits] >= '0' && text[digits] <= '9')
        digits++;
    if (digits > 0 && digits < len && (text[digits] == '.' || text[digits] == ')'))
        return 0;
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)text[i];
        if ((c < 0x20 && c != '\t') || c == '\\' || c == '`' || c == '*' || c == '_' || c == '[' ||
            c == ']' || c == '!' || c == '<' || c == '&')
            return 0;
    }
    return 1;
}

void vb_markup_append_blocks(vb_node *parent, const char *text, size_t len, vb_pos pos,
                             int first_line_offset)
{
    if (!is_plain_paragraph(text, len)) {
        vb_markup_parse_blocks(parent, text, len, pos, first_line_offset);
        return;
    }
    /* What the parse would make: the paragraph of line 1, one unstyled run. */
    if (pos.line)
        pos.line += (unsigned)first_line_offset;
    vb_node *para = vb_node_new(VB_NODE_PARAGRAPH, pos);
    vb_inline_append(&para->content, text, len, 0);
    vb_node_append(parent, para);
}

/* Characters that would start a block in CommonMark when they open a line. */
static size_t block_marker_length(const char *s, size_t len)
{
    size_t i = 0;
    while (i < len && s[i] >= '0' && s[i] <= '9')
        i++;
    if (i > 0 && i < len && (s[i] == '.' || s[i] == ')'))
        return i; /* escape the '.' or ')' */
    if (len > 0 && strchr("-+*#>=_~`", s[0]))
        return 0; /* escape the first character */
    return (size_t)-1;
}

void vb_markup_inline(vb_inline *out, const char *text, size_t len)
{
    size_t at = block_marker_length(text, len);
    char *marked = vb_xmalloc(len + 2);
    if (at != (size_t)-1) {
        memcpy(marked, text, at);
        marked[at] = '\\';
        memcpy(marked + at + 1, text + at, len - at);
        len++;
    } else {
        memcpy(marked, text, len);
    }
    char *buf = escape_unread_markup(marked, len, &len);
    free(marked);
    cmark_node *doc = cmark_parse_document(buf, len, CMARK_OPT_DEFAULT);
    for (cmark_node *b = cmark_node_first_child(doc); b; b = cmark_node_next(b)) {
        if (b != cmark_node_first_child(doc))
            vb_inline_append(out, " ", 1, 0);
        collect_inlines(out, b);
    }
    extract_notes(out);
    cmark_node_free(doc);
    free(buf);
}
