#include "fixit.h"

#include <stdlib.h>
#include <string.h>

#include "layout/format.h" /* vb_buf */

/* Characters (code points) in the UTF-8 bytes [s, s + n): columns count characters. */
static unsigned characters(const char *s, size_t n)
{
    unsigned count = 0;
    for (size_t i = 0; i < n; i++)
        count += ((unsigned char)s[i] & 0xC0) != 0x80;
    return count;
}

/* The byte offset in the source of (line, column), or -1 when it is not there. */
static long source_offset(const vb_diagnostics *d, unsigned line, unsigned column)
{
    const char *s = d->source, *end = d->source + d->source_len;
    for (unsigned l = 1; l < line; l++) {
        const char *nl = memchr(s, '\n', (size_t)(end - s));
        if (!nl)
            return -1;
        s = nl + 1;
    }
    for (unsigned c = 1; c < column; c++) {
        if (s >= end || *s == '\n')
            return -1;
        s++;
        while (s < end && ((unsigned char)*s & 0xC0) == 0x80)
            s++;
    }
    return (long)(s - d->source);
}

/* Whether `text` reads back as the same plain scalar: nothing YAML would take for a key, a
 * comment, a flow indicator or a node property. */
static int plain_safe(const char *text, int in_flow)
{
    if (!text[0] || strchr("-?:,[]{}#&*!|>'\"%@`", text[0]) || text[0] == ' ')
        return 0;
    size_t n = strlen(text);
    if (text[n - 1] == ' ' || text[n - 1] == ':')
        return 0;
    if (strstr(text, ": ") || strstr(text, " #") || strchr(text, '\n') || strchr(text, '\t'))
        return 0;
    return !in_flow || strpbrk(text, ",[]{}") == NULL;
}

/* Whether `text` may stand between the quotes `quote` as it is. */
static int quoted_safe(const char *text, char quote)
{
    for (const unsigned char *p = (const unsigned char *)text; *p; p++)
        if (*p == (unsigned char)quote || *p == '\n' || *p < 0x20 || (quote == '"' && *p == '\\'))
            return 0;
    return 1;
}

/* Whether the plain scalar at `at` sits in a flow collection ([…] or {…}) on its line. */
static int in_flow(const vb_diagnostics *d, long at)
{
    long line_start = at;
    while (line_start > 0 && d->source[line_start - 1] != '\n')
        line_start--;
    for (long i = line_start; i < at; i++)
        if (d->source[i] == '[' || d->source[i] == '{')
            return 1;
    return 0;
}

int vb_fix_in_scalar(vb_diagnostics *d, vb_pos pos, const char *value, size_t offset,
                     size_t old_len, const char *replacement)
{
    if (!d->source || !value || !pos.line || !pos.column || offset + old_len > strlen(value))
        return 0;
    long start = source_offset(d, pos.line, pos.column);
    if (start < 0)
        return 0;
    char quote = d->source[start];
    int quoted = quote == '"' || quote == '\'';
    if (!quoted && strchr("|>&*!", quote))
        return 0; /* a block scalar, an anchor or a tag: the text is elsewhere */
    size_t text_at = (size_t)start + (quoted ? 1 : 0);
    size_t through = offset + old_len;
    /* The value's bytes are the source's, up to the end of the change, on one line. */
    if (text_at + through > d->source_len || memcmp(d->source + text_at, value, through) != 0 ||
        memchr(value, '\n', through) || (quote == '"' && memchr(value, '\\', through)))
        return 0;

    vb_buf changed = {0};
    vb_buf_addn(&changed, value, offset);
    vb_buf_add(&changed, replacement);
    vb_buf_add(&changed, value + through);
    const char *after = changed.data ? changed.data : "";
    unsigned column = pos.column + (quoted ? 1u : 0u) + characters(value, offset);
    unsigned end_column = column + characters(value + offset, old_len);
    int given = 0;
    if (quoted ? quoted_safe(replacement, quote) : plain_safe(after, in_flow(d, start))) {
        vb_diag_fix(d, pos.line, column, pos.line, end_column, replacement);
        given = 1;
    } else if (!quoted && quoted_safe(after, '"')) {
        /* The plain scalar changed would read as something else ("Lưu: VT" as a key):
         * the whole of it, quoted. The source must then hold the whole value on its line. */
        size_t len = strlen(value);
        if (text_at + len <= d->source_len && memcmp(d->source + text_at, value, len) == 0 &&
            !memchr(value, '\n', len) &&
            (text_at + len == d->source_len || strchr("\r\n #", d->source[text_at + len]))) {
            vb_buf whole = {0};
            vb_buf_add(&whole, "\"");
            vb_buf_add(&whole, after);
            vb_buf_add(&whole, "\"");
            vb_diag_fix(d, pos.line, pos.column, pos.line, pos.column + characters(value, len),
                        whole.data);
            vb_buf_free(&whole);
            given = 1;
        }
    }
    vb_buf_free(&changed);
    return given;
}
