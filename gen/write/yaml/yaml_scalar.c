/* Scalars through libyaml's emitter: each one is emitted as the only item of a one-item
 * sequence (block or flow, as the scalar's place in the document), and the item is cut out
 * of what the emitter wrote. libyaml chooses plain or quoted and escapes; this file only
 * moves the lines of a literal block to the indentation of the place they go. */
#include "yaml_scalar.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <yaml.h>

#include "model/model.h"
#include "viet/text.h"

static int write_to_buf(void *data, unsigned char *bytes, size_t size)
{
    vb_buf_addn(data, (const char *)bytes, size);
    return 1;
}

/* A YAML 1.1 resolver would read these plain as booleans or null. */
static const char *const typed_words[] = {
    "", "~", "null", "y", "n", "yes", "no", "on", "off", "true", "false",
    ".inf", "+.inf", "-.inf", ".nan", "<<", "=", NULL,
};

int vb_yaml_plain_is_typed(const char *text)
{
    for (size_t i = 0; typed_words[i]; i++)
        if (strcasecmp(text, typed_words[i]) == 0)
            return 1;
    /* Numbers (05, 1.5, 1e3, 0x1F, 1_000, 1:20) and dates or times (2024-01-05, 12:30):
     * digits with only number punctuation around them. */
    if (!isdigit((unsigned char)text[0]) && !strchr("+-.", text[0]))
        return 0;
    int digits = 0;
    for (const char *p = text; *p; p++) {
        if (isdigit((unsigned char)*p))
            digits++;
        else if (!isxdigit((unsigned char)*p) && !strchr("+-._: xXoO", *p))
            return 0;
    }
    return digits > 0;
}

static void emit(yaml_emitter_t *e, yaml_event_t *ev)
{
    /* The events are well formed and the output is memory: an error is a bug. */
    if (!yaml_emitter_emit(e, ev)) {
        fprintf(stderr, "vanban: libyaml emitter: %s\n", e->problem ? e->problem : "error");
        abort();
    }
}

static void emit_one(vb_buf *raw, const char *text, vb_scalar_context context)
{
    yaml_emitter_t e;
    yaml_event_t ev;
    yaml_emitter_initialize(&e);
    yaml_emitter_set_output(&e, write_to_buf, raw);
    yaml_emitter_set_unicode(&e, 1);
    yaml_emitter_set_width(&e, -1);
    yaml_emitter_set_indent(&e, 2);
    yaml_emitter_set_break(&e, YAML_LN_BREAK);

    yaml_stream_start_event_initialize(&ev, YAML_UTF8_ENCODING);
    emit(&e, &ev);
    yaml_document_start_event_initialize(&ev, NULL, NULL, NULL, 1);
    emit(&e, &ev);
    yaml_sequence_start_event_initialize(&ev, NULL, NULL, 1,
                                         context == VB_SCALAR_FLOW ? YAML_FLOW_SEQUENCE_STYLE
                                                                   : YAML_BLOCK_SEQUENCE_STYLE);
    emit(&e, &ev);
    int multiline = strchr(text, '\n') != NULL;
    int typed = vb_yaml_plain_is_typed(text);
    yaml_scalar_style_t style = YAML_PLAIN_SCALAR_STYLE;
    if (multiline)
        style = context == VB_SCALAR_FLOW ? YAML_DOUBLE_QUOTED_SCALAR_STYLE : YAML_LITERAL_SCALAR_STYLE;
    /* No tag, and plain not implicit for a text that would read as a number: libyaml
     * quotes it. */
    yaml_scalar_event_initialize(&ev, NULL, NULL, (yaml_char_t *)text, (int)strlen(text),
                                 !typed, 1, style);
    emit(&e, &ev);
    yaml_sequence_end_event_initialize(&ev);
    emit(&e, &ev);
    yaml_document_end_event_initialize(&ev, 1);
    emit(&e, &ev);
    yaml_stream_end_event_initialize(&ev);
    emit(&e, &ev);
    yaml_emitter_delete(&e);
}

char *vb_yaml_utf8_repaired(const char *text)
{
    vb_buf b = {0};
    size_t len = strlen(text);
    long bad;
    while ((bad = vb_utf8_invalid_offset(text, len)) >= 0) {
        vb_buf_addn(&b, text, (size_t)bad);
        vb_buf_add(&b, "\xEF\xBF\xBD"); /* U+FFFD */
        text += bad + 1;
        len -= (size_t)bad + 1;
    }
    vb_buf_addn(&b, text, len);
    return b.data ? b.data : vb_strdup("");
}

void vb_yaml_scalar(vb_buf *out, const char *text, vb_scalar_context context, int indent)
{
    vb_buf raw = {0};
    char *repaired = NULL;
    if (vb_utf8_invalid_offset(text, strlen(text)) >= 0)
        text = repaired = vb_yaml_utf8_repaired(text);
    emit_one(&raw, text, context);
    free(repaired);
    const char *s = raw.data ? raw.data : "";
    size_t n = raw.len;
    /* The emitter ends an open-ended document with "...": not part of the scalar. */
    if (n >= 5 && memcmp(s + n - 5, "\n...\n", 5) == 0)
        n -= 4;
    while (n && s[n - 1] == '\n')
        n--;
    if (context == VB_SCALAR_FLOW) {
        /* "[X]": the scalar is between the brackets, on one line (line breaks escaped). */
        if (n < 2 || s[0] != '[' || s[n - 1] != ']' || memchr(s, '\n', n)) {
            fprintf(stderr, "vanban: libyaml emitter: unexpected output\n");
            abort();
        }
        vb_buf_addn(out, s + 1, n - 2);
        vb_buf_free(&raw);
        return;
    }
    /* "- X", and for a literal block "- |-\n  line\n  line": lines after the first are
     * indented by two for the sequence; they move to `indent`. */
    if (n < 2 || s[0] != '-' || s[1] != ' ') {
        fprintf(stderr, "vanban: libyaml emitter: unexpected output\n");
        abort();
    }
    const char *p = s + 2, *end = s + n;
    const char *nl = memchr(p, '\n', (size_t)(end - p));
    vb_buf_addn(out, p, (size_t)((nl ? nl : end) - p));
    while (nl) {
        p = nl + 1;
        nl = memchr(p, '\n', (size_t)(end - p));
        const char *line_end = nl ? nl : end;
        vb_buf_add(out, "\n");
        if (line_end == p)
            continue; /* an empty line of a literal block stays empty: no trailing spaces */
        if (line_end - p < 2 || p[0] != ' ' || p[1] != ' ') {
            fprintf(stderr, "vanban: libyaml emitter: unexpected output\n");
            abort();
        }
        vb_buf_printf(out, "%*s", indent, "");
        vb_buf_addn(out, p + 2, (size_t)(line_end - p - 2));
    }
    vb_buf_free(&raw);
}
