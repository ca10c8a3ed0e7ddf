/* Scalars through libyaml's emitter. Two emitters stay open for a whole document, each in
 * the middle of a one-level sequence: a block one ("- X") and a flow one ("[X, Y"). Each
 * scalar is emitted as the next item of the sequence its place is like, and what the
 * emitter writes for it is cut out: libyaml chooses plain or quoted and escapes; this file
 * only moves the lines of a literal block to the indentation of the place they go. (One
 * emitter per scalar would do too, but its buffers cost more than the scalar.) */
#include "yaml_scalar.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <yaml.h>

#include "model/model.h"
#include "viet/text.h"

typedef struct {
    yaml_emitter_t emitter;
    vb_buf written; /* what the emitter wrote since the last scalar */
} open_sequence;

struct vb_scalar_emitter {
    open_sequence block, flow;
};

static int write_to_buf(void *data, unsigned char *bytes, size_t size)
{
    vb_buf_addn(data, (const char *)bytes, size);
    return 1;
}

static void emit(yaml_emitter_t *e, yaml_event_t *ev)
{
    /* The events are well formed, the text valid UTF-8 and the output memory: an error is a
     * bug. */
    if (!yaml_emitter_emit(e, ev) || !yaml_emitter_flush(e)) {
        fprintf(stderr, "vanban: libyaml emitter: %s\n", e->problem ? e->problem : "error");
        abort();
    }
}

static void emit_scalar(open_sequence *s, const char *text, yaml_scalar_style_t style)
{
    yaml_event_t ev;
    /* No tag, and plain not implicit for a text that would read as a number: libyaml
     * quotes it. */
    if (!yaml_scalar_event_initialize(&ev, NULL, NULL, (yaml_char_t *)text, (int)strlen(text),
                                      !vb_yaml_plain_is_typed(text), 1, style)) {
        fputs("vanban: out of memory\n", stderr);
        abort();
    }
    emit(&s->emitter, &ev);
}

static void open_sequence_init(open_sequence *s, yaml_sequence_style_t style)
{
    yaml_event_t ev;
    memset(s, 0, sizeof *s);
    yaml_emitter_initialize(&s->emitter);
    yaml_emitter_set_output(&s->emitter, write_to_buf, &s->written);
    yaml_emitter_set_unicode(&s->emitter, 1);
    yaml_emitter_set_width(&s->emitter, -1);
    yaml_emitter_set_indent(&s->emitter, 2);
    yaml_emitter_set_break(&s->emitter, YAML_LN_BREAK);
    yaml_stream_start_event_initialize(&ev, YAML_UTF8_ENCODING);
    emit(&s->emitter, &ev);
    yaml_document_start_event_initialize(&ev, NULL, NULL, NULL, 1);
    emit(&s->emitter, &ev);
    yaml_sequence_start_event_initialize(&ev, NULL, NULL, 1, style);
    emit(&s->emitter, &ev);
    /* The emitter holds a sequence's start until it has seen two items (to know whether the
     * sequence is empty): two items, and every later one is written as soon as it comes. */
    emit_scalar(s, "a", YAML_PLAIN_SCALAR_STYLE);
    emit_scalar(s, "b", YAML_PLAIN_SCALAR_STYLE);
    s->written.len = 0;
}

vb_scalar_emitter *vb_scalar_emitter_new(void)
{
    vb_scalar_emitter *e = vb_xcalloc(1, sizeof *e);
    open_sequence_init(&e->block, YAML_BLOCK_SEQUENCE_STYLE);
    open_sequence_init(&e->flow, YAML_FLOW_SEQUENCE_STYLE);
    return e;
}

void vb_scalar_emitter_free(vb_scalar_emitter *e)
{
    if (!e)
        return;
    /* The documents stay unfinished: nothing more is wanted from them. */
    yaml_emitter_delete(&e->block.emitter);
    yaml_emitter_delete(&e->flow.emitter);
    vb_buf_free(&e->block.written);
    vb_buf_free(&e->flow.written);
    free(e);
}

/* A YAML 1.1 resolver would read these plain as booleans or null. */
static const char *const typed_words[] = {
    "", "~", "null", "y", "n", "yes", "no", "on", "off", "true", "false",
    ".inf", "+.inf", "-.inf", ".nan", "<<", "=", NULL,
};

int vb_yaml_plain_is_typed(const char *text)
{
    if (strlen(text) <= 5)
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

char *vb_yaml_text_repaired(const char *text)
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
    char *nfc = vb_nfc(b.data ? b.data : "", b.len);
    vb_buf_free(&b);
    return nfc;
}

static void unexpected(void)
{
    fprintf(stderr, "vanban: libyaml emitter: unexpected output\n");
    abort();
}

void vb_yaml_scalar(vb_scalar_emitter *e, vb_buf *out, const char *text, vb_scalar_context context,
                    int indent)
{
    char *valid = vb_yaml_text_repaired(text);
    int multiline = strchr(valid, '\n') != NULL;
    if (context == VB_SCALAR_FLOW) {
        /* ", X": line breaks are escaped in a double-quoted scalar, so it is one line. */
        open_sequence *s = &e->flow;
        s->written.len = 0;
        emit_scalar(s, valid, multiline ? YAML_DOUBLE_QUOTED_SCALAR_STYLE : YAML_PLAIN_SCALAR_STYLE);
        if (s->written.len < 2 || memcmp(s->written.data, ", ", 2) != 0 ||
            memchr(s->written.data, '\n', s->written.len))
            unexpected();
        vb_buf_addn(out, s->written.data + 2, s->written.len - 2);
        free(valid);
        return;
    }
    /* "\n- X", and for a literal block "\n- |-\n  line\n  line": the lines after the first
     * are indented by two for the sequence; they move to `indent`. */
    open_sequence *s = &e->block;
    s->written.len = 0;
    emit_scalar(s, valid, multiline ? YAML_LITERAL_SCALAR_STYLE : YAML_PLAIN_SCALAR_STYLE);
    free(valid);
    const char *p = s->written.data, *end = p + s->written.len;
    if (end - p < 3 || memcmp(p, "\n- ", 3) != 0)
        unexpected();
    p += 3;
    const char *nl = memchr(p, '\n', (size_t)(end - p));
    vb_buf_addn(out, p, (size_t)((nl ? nl : end) - p));
    while (nl) {
        p = nl + 1;
        nl = memchr(p, '\n', (size_t)(end - p));
        const char *line_end = nl ? nl : end;
        vb_buf_add(out, "\n");
        if (line_end == p)
            continue; /* an empty line of a literal block stays empty: no trailing spaces */
        if (line_end - p < 2 || p[0] != ' ' || p[1] != ' ')
            unexpected();
        vb_buf_printf(out, "%*s", indent, "");
        vb_buf_addn(out, p + 2, (size_t)(line_end - p - 2));
    }
}
