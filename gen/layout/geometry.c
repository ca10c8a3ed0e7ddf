#include "geometry.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "format.h"
#include "model/doctypes.h"
#include "viet/text.h"
#include "viet/words.h"
#include "textwidth.h"

static int greedy_lines(const long *words, size_t n, long space, long width, size_t *breaks);

static vb_face face_of(const vb_text_style *s)
{
    return (vb_face)((s->bold ? VB_FACE_BOLD : 0) | (s->italic ? VB_FACE_ITALIC : 0));
}

static long width_of(const vb_text_style *s, const char *text, size_t len)
{
    return vb_text_width_twips(text, len, face_of(s), s->size_pt);
}

int vb_widest_line(const vb_layout *layout, vb_element element, const char *text, int max_width)
{
    const vb_text_style *style = &layout->styles[element];
    char *owned = style->upper ? vb_upper_vi(text) : vb_strdup(text);
    long widest = 0, line = 0;
    long space = width_of(style, " ", 1);
    const char *p = owned;
    while (*p) {
        while (*p == ' ')
            p++;
        const char *end = p;
        while (*end && *end != ' ')
            end++;
        if (end == p)
            break;
        long word = width_of(style, p, (size_t)(end - p));
        if (line > 0 && line + space + word > max_width) {
            if (line > widest)
                widest = line;
            line = word;
        } else {
            line += (line > 0 ? space : 0) + word;
        }
        p = end;
    }
    if (line > widest)
        widest = line;
    free(owned);
    return (int)(widest < max_width ? widest : max_width);
}

/* Greedy line count of the words at `width`; fills `breaks` (word indexes starting a line). */
static int greedy_lines(const long *words, size_t n, long space, long width, size_t *breaks)
{
    int lines = 1;
    long line = 0;
    for (size_t i = 0; i < n; i++) {
        if (line > 0 && line + space + words[i] > width) {
            if (breaks)
                breaks[lines - 1] = i;
            lines++;
            line = words[i];
        } else {
            line += (line > 0 ? space : 0) + words[i];
        }
    }
    return lines;
}

/* What a break costs, by its quality, against the lines' evenness (see line_cost): a break
 * inside a word costs more than any unevenness; a phrase boundary is worth lines about
 * 20-25% uneven. */
static long break_cost(vb_break_quality q)
{
    switch (q) {
    case VB_BREAK_NEVER: return 100000;
    case VB_BREAK_AVOID: return 2000;
    case VB_BREAK_GOOD: return -200;
    case VB_BREAK_BEST: return -300;
    default: return 0;
    }
}

/* Unevenness of a line: the square of its distance from the mean, in percent, quartered. */
static long line_cost(long width, long mean)
{
    long pct = mean > 0 ? (width - mean) * 100 / mean : 0;
    return pct * pct / 4;
}

#define NO_FIT LONG_MAX

/* The cheapest way to set n words in exactly `lines` lines no wider than `limit`: fills
 * breaks (word indexes starting lines 2..) and returns the cost, or NO_FIT. */
static long best_breaks(const long *widths, const long *gap_cost, size_t n, long space,
                        long limit, int lines, size_t *breaks)
{
    long total = 0;
    for (size_t i = 0; i < n; i++)
        total += widths[i] + (i ? space : 0);
    long mean = (total - (lines - 1) * space) / lines;
    /* cost[l][j]: the first j words in l lines; from[l][j]: where the l-th line starts */
    size_t stride = n + 1;
    long *cost = vb_xmalloc((size_t)(lines + 1) * stride * sizeof *cost);
    size_t *from = vb_xmalloc((size_t)(lines + 1) * stride * sizeof *from);
    const long none = NO_FIT;
    for (size_t k = 0; k < (size_t)(lines + 1) * stride; k++)
        cost[k] = none;
    cost[0] = 0;
    for (int l = 1; l <= lines; l++) {
        for (size_t j = 1; j <= n; j++) {
            long width = -space;
            for (size_t i = j; i-- > 0;) {
                width += widths[i] + space;
                if (width > limit)
                    break;
                long before = cost[(size_t)(l - 1) * stride + i];
                if (before == none || (i == 0) != (l == 1))
                    continue;
                long c = before + line_cost(width, mean) + (i > 0 ? gap_cost[i - 1] : 0);
                long *here = &cost[(size_t)l * stride + j];
                if (*here == none || c < *here) {
                    *here = c;
                    from[(size_t)l * stride + j] = i;
                }
            }
        }
    }
    long result = cost[(size_t)lines * stride + n];
    if (result != none && breaks) {
        size_t j = n;
        for (int l = lines; l > 1; l--) {
            j = from[(size_t)l * stride + j];
            breaks[l - 2] = j;
        }
    }
    free(cost);
    free(from);
    return result;
}

char *vb_balanced_title(const vb_layout *layout, vb_element element, const char *text, int max_width)
{
    const vb_text_style *style = &layout->styles[element];
    char *out = style->upper ? vb_upper_vi(text) : vb_strdup(text);
    size_t n = 0, cap = 16;
    long *widths = vb_xmalloc(cap * sizeof *widths);
    char **starts = vb_xmalloc(cap * sizeof *starts);
    for (char *p = out; *p;) {
        while (*p == ' ')
            p++;
        char *end = p;
        while (*end && *end != ' ' && *end != '\n')
            end++;
        if (end == p)
            break;
        if (n == cap) {
            cap *= 2;
            widths = vb_xrealloc(widths, cap * sizeof *widths);
            starts = vb_xrealloc(starts, cap * sizeof *starts);
        }
        widths[n] = width_of(style, p, (size_t)(end - p));
        starts[n++] = p;
        p = end;
        if (*p == '\n') /* the drafter broke the line already: keep it as typed */
            goto done;
    }
    long space = width_of(style, " ", 1);
    int lines = n ? greedy_lines(widths, n, space, max_width, NULL) : 1;
    if (lines > 1) {
        /* Where a break may go, judged on the text as typed: its capitals tell names apart
         * (upper-casing keeps the words and the spaces between them). */
        const char **typed = vb_xmalloc(n * sizeof *typed);
        size_t *typed_lens = vb_xmalloc(n * sizeof *typed_lens);
        size_t m = 0;
        for (const char *p = text; *p && m < n;) {
            while (*p == ' ')
                p++;
            const char *end = p;
            while (*end && *end != ' ')
                end++;
            if (end == p)
                break;
            typed[m] = p;
            typed_lens[m++] = (size_t)(end - p);
            p = end;
        }
        long *gap_cost = vb_xcalloc(n, sizeof *gap_cost);
        unsigned char *inside = vb_xcalloc(n, 1);
        int all_caps = vb_vi_all_caps(text);
        if (m == n)
            vb_vi_segment(typed, typed_lens, n, inside);
        for (size_t i = 0; m == n && i + 1 < n; i++)
            gap_cost[i] = break_cost(vb_vi_break_quality(typed, typed_lens, n, i, all_caps, inside));
        /* Leave 2% for the renderer's own measurement, or it breaks the line by itself; one
         * line more than the fewest when that keeps a word whole. */
        long limit = (long)max_width * 98 / 100;
        size_t *breaks = vb_xmalloc((size_t)(lines + 1) * sizeof *breaks);
        size_t *more = vb_xmalloc((size_t)(lines + 1) * sizeof *more);
        /* The fewest lines that fit within the limit, or one more when that is cheaper by
         * more than a line's worth: a word kept whole. */
        int got = 0;
        size_t *use = NULL;
        long c1 = NO_FIT;
        for (int k = lines; k <= (int)n && c1 == NO_FIT; k++) {
            breaks = vb_xrealloc(breaks, (size_t)(k + 1) * sizeof *breaks);
            c1 = best_breaks(widths, gap_cost, n, space, limit, k, breaks);
            got = k;
        }
        if (c1 != NO_FIT) {
            use = breaks;
            more = vb_xrealloc(more, (size_t)(got + 2) * sizeof *more);
            long c2 = got + 1 <= (int)n ? best_breaks(widths, gap_cost, n, space, limit, got + 1, more)
                                        : NO_FIT;
            if (c2 != NO_FIT && c2 + 3000 < c1) {
                use = more;
                got++;
                c1 = c2;
            }
        }
        /* Every way breaks a word: the renderer, which measures a little differently, may
         * still fit the text; leave it to it. */
        if (use && c1 >= break_cost(VB_BREAK_NEVER) / 2)
            use = NULL;
        for (int i = 0; use && i + 1 < got; i++)
            starts[use[i]][-1] = '\n';
        free(breaks);
        free(more);
        free(gap_cost);
        free(inside);
        free(typed);
        free(typed_lens);
    }
done:
    free(widths);
    free(starts);
    return out;
}

int vb_rule_indent(int cell_width, int length)
{
    int indent = (cell_width - length) / 2;
    return indent > 0 ? indent : 0;
}

int vb_rule_indent_right(int cell_width, int length)
{
    int right = cell_width - length - vb_rule_indent(cell_width, length);
    return right > 0 ? right : 0;
}

/* The widest line of a title as it is printed: balanced, then each line measured. */
static int widest_printed_line(const vb_layout *layout, vb_element el, const char *text, int max)
{
    char *balanced = vb_balanced_title(layout, el, text, max);
    int widest = 0;
    char *save = NULL;
    for (char *line = strtok_r(balanced, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
        int w = vb_widest_line(layout, el, line, max);
        if (w > widest)
            widest = w;
    }
    free(balanced);
    return widest;
}

static int widest_of_lines(const vb_layout *layout, vb_element el, const vb_lines *lines, int max)
{
    int widest = 0;
    for (size_t i = 0; i < lines->count; i++) {
        int w = widest_printed_line(layout, el, lines->items[i].text, max);
        if (w > widest)
            widest = w;
    }
    return widest;
}

void vb_geometry_compute(const vb_layout *layout, const vb_document *doc, vb_geometry *g)
{
    memset(g, 0, sizeof *g);
    g->text_width = vb_layout_text_width(layout);
    int unbounded = g->text_width * 4;

    /* The right column holds ô 1 and ô 4 on one line each; a little air on both sides. */
    int right = vb_widest_line(layout, VB_EL_NATIONAL_TITLE, layout->national_title, unbounded);
    if (layout->motto) {
        int motto = vb_widest_line(layout, VB_EL_MOTTO, layout->motto, unbounded);
        if (motto > right)
            right = motto;
    }
    if (vb_doctype_dated(doc)) {
        char *date = vb_format_date_line(layout, doc);
        int date_width = vb_widest_line(layout, VB_EL_DATE_LINE, date, unbounded);
        free(date);
        if (date_width > right)
            right = date_width;
    }
    right += 2 * layout->header_air_twips;
    if (right < layout->header_right_min_twips)
        right = layout->header_right_min_twips;
    if (right > g->text_width - layout->header_left_min_twips)
        right = g->text_width - layout->header_left_min_twips;
    g->header_right_width = right;
    g->header_left_width = g->text_width - right;

    /* ô 1: the rule under Tiêu ngữ (or the Party title) is exactly as long as that text. */
    if (layout->motto)
        g->national_rule = vb_widest_line(layout, VB_EL_MOTTO, layout->motto, right);
    else
        g->national_rule = vb_widest_line(layout, VB_EL_NATIONAL_TITLE, layout->national_title, right);

    /* ô 2 and ô 5a: rules of 1/3–1/2 of the text line, centred. */
    if (layout->issuer_rule_fraction > 0)
        g->issuer_rule = (int)(layout->issuer_rule_fraction *
                               widest_of_lines(layout, VB_EL_ISSUER, &doc->issuer, g->header_left_width));
    if (layout->subject_rule_fraction > 0 && doc->subject.text) {
        g->subject_rule = (int)(layout->subject_rule_fraction *
                                widest_printed_line(layout, VB_EL_SUBJECT, doc->subject.text, g->text_width));
    } else if (layout->subject_rule_fraction > 0) {
        /* No trích yếu (giấy giới thiệu): the rule measures the tên loại. */
        char *lines[8];
        size_t n = vb_type_name_lines(doc, lines, 8);
        int widest = 0;
        for (size_t i = 0; i < n; i++) {
            int w = widest_printed_line(layout, VB_EL_TYPE_NAME, lines[i], g->text_width);
            widest = w > widest ? w : widest;
            free(lines[i]);
        }
        g->subject_rule = (int)(layout->subject_rule_fraction * widest);
    }

    /* ô 9a: "Kính gửi:" then the addressees, their dashes lined up under the colon
     * (NĐ30 PL I §II.9.a); the block is centred on the page as a whole. */
    if (doc->addressees.count > 0) {
        size_t label_len = strlen(layout->addressee_label);
        char *before_colon = vb_strdup(layout->addressee_label);
        if (label_len && before_colon[label_len - 1] == ':')
            before_colon[label_len - 1] = '\0';
        int label = vb_widest_line(layout, VB_EL_ADDRESSEE, before_colon, unbounded);
        free(before_colon);
        int widest = label;
        for (size_t i = 0; i < doc->addressees.count; i++) {
            int w = label + vb_widest_line(layout, VB_EL_ADDRESSEE, doc->addressees.items[i].text,
                                           unbounded) + 200;
            if (w > widest)
                widest = w;
        }
        if (widest > g->text_width)
            widest = g->text_width;
        g->addressee_indent = (g->text_width - widest) / 2;
        g->addressee_item_indent = g->addressee_indent + label;
    }

    g->recipients_width = (int)(g->text_width * layout->recipients_column_fraction);
    g->signature_width = g->text_width - g->recipients_width;
}
