#include "normalize.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <yaml.h>

#include "layout/format.h"
#include "yaml_reader.h"
#include "yaml_scalars.h"
#include "viet/text.h"
#include "viet/legacy.h"
#include "viet/spell.h"
#include "viet/typography.h"

#define VI_EN(vi, en) vi, en

/* One scalar of the document, with its place in the bytes. */
typedef struct {
    size_t start, end;           /* bytes of the whole scalar, indicators and quotes included */
    size_t inner_start, inner_end; /* bytes of its text */
    yaml_scalar_style_t style;
    int is_key;
    char *replacement;           /* new inner text, or NULL when unchanged */
} scalar_span;

typedef struct {
    scalar_span *items;
    size_t count, cap;
} scalar_list;

/* libyaml counts characters; the edit needs bytes. Marks arrive in order, so one cursor
 * walking forward converts them all in linear time. */
typedef struct {
    const char *data;
    size_t len, index, byte;
} char_cursor;

static size_t byte_at(char_cursor *c, size_t index)
{
    while (c->index < index && c->byte < c->len) {
        unsigned char b = (unsigned char)c->data[c->byte];
        c->byte += b < 0x80 ? 1 : b < 0xE0 ? 2 : b < 0xF0 ? 3 : 4;
        c->index++;
    }
    return c->byte > c->len ? c->len : c->byte;
}

/* The shape of a document: event types, scalar styles, and the keys' text. Two documents
 * with the same shape have the same structure. Built event by event, so the parse that
 * collects the scalars also gives the shape of the original. */
enum { SHAPE_MAX_NEST = 256 };
typedef struct {
    vb_buf text;
    /* Which collections are open: for each, whether it is a mapping and whether its next
     * node is a key. Deeper nesting than this is compared without the key texts. */
    unsigned char is_map[SHAPE_MAX_NEST], key_next[SHAPE_MAX_NEST];
    int depth;
} shape;

static void shape_add(shape *sh, const yaml_event_t *event)
{
    vb_buf_printf(&sh->text, "%d", (int)event->type);
    int starts_node = event->type == YAML_SCALAR_EVENT || event->type == YAML_ALIAS_EVENT ||
                      event->type == YAML_SEQUENCE_START_EVENT || event->type == YAML_MAPPING_START_EVENT;
    int is_key = 0;
    if (starts_node && sh->depth > 0 && sh->depth <= SHAPE_MAX_NEST && sh->is_map[sh->depth - 1]) {
        is_key = sh->key_next[sh->depth - 1];
        sh->key_next[sh->depth - 1] = !sh->key_next[sh->depth - 1];
    }
    if (event->type == YAML_SCALAR_EVENT) {
        vb_buf_printf(&sh->text, ":%d", (int)event->data.scalar.style);
        /* Keys are names; their text must not move. Values may change, a one-word value
         * ("hòa" → "hoà") as much as a sentence. */
        if (is_key)
            vb_buf_printf(&sh->text, "=%s", (const char *)event->data.scalar.value);
    } else if (event->type == YAML_SEQUENCE_START_EVENT || event->type == YAML_MAPPING_START_EVENT) {
        if (sh->depth < SHAPE_MAX_NEST) {
            sh->is_map[sh->depth] = event->type == YAML_MAPPING_START_EVENT;
            sh->key_next[sh->depth] = 1;
        }
        sh->depth++;
    } else if (event->type == YAML_SEQUENCE_END_EVENT || event->type == YAML_MAPPING_END_EVENT) {
        sh->depth--;
    }
    vb_buf_add(&sh->text, ";");
}

/* The shape as a string (caller frees), or NULL when the text is not valid YAML. */
static char *shape_take(shape *sh)
{
    return sh->text.data ? sh->text.data : vb_strdup("");
}

static void add_to_shape(void *sh, const yaml_event_t *event)
{
    shape_add(sh, event);
}

/* The scalars' byte ranges, from their marks (in order). */
static void locate_scalars(const char *data, size_t len, const vb_yaml_scalars *marks,
                           scalar_list *out)
{
    char_cursor cursor = {data, len, 0, 0};
    out->items = vb_xmalloc((marks->count ? marks->count : 1) * sizeof *out->items);
    out->count = out->cap = marks->count;
    for (size_t i = 0; i < marks->count; i++) {
        const vb_yaml_scalar *m = &marks->items[i];
        scalar_span *s = &out->items[i];
        memset(s, 0, sizeof *s);
        s->start = byte_at(&cursor, m->start);
        s->end = byte_at(&cursor, m->end);
        /* A scalar's marks take in its anchor and tag ("&v hoà", "!!str 'x'"), which are
         * no text of it; neither holds white space, and no scalar starts with '&' or '!'. */
        while (s->start < s->end && (data[s->start] == '&' || data[s->start] == '!')) {
            while (s->start < s->end && !isspace((unsigned char)data[s->start]))
                s->start++;
            while (s->start < s->end && isspace((unsigned char)data[s->start]))
                s->start++;
        }
        s->style = (yaml_scalar_style_t)m->style;
        s->is_key = m->is_key;
        s->inner_start = s->start;
        s->inner_end = s->end;
        if (s->style == YAML_SINGLE_QUOTED_SCALAR_STYLE || s->style == YAML_DOUBLE_QUOTED_SCALAR_STYLE) {
            if (s->end - s->start >= 2) {
                s->inner_start = s->start + 1;
                s->inner_end = s->end - 1;
            }
        } else if (s->style == YAML_LITERAL_SCALAR_STYLE || s->style == YAML_FOLDED_SCALAR_STYLE) {
            /* The text starts on the line after the "|" or ">" header. */
            const char *nl = memchr(data + s->start, '\n', s->end - s->start);
            s->inner_start = nl ? (size_t)(nl - data) + 1 : s->end;
        }
    }
}

static char *signature(const char *data, size_t len)
{
    yaml_parser_t parser;
    yaml_event_t event;
    shape sh = {0};
    yaml_parser_initialize(&parser);
    yaml_parser_set_input_string(&parser, (const unsigned char *)data, len);
    for (int done = 0; !done;) {
        if (!yaml_parser_parse(&parser, &event)) {
            if (parser.error == YAML_MEMORY_ERROR)
                vb_out_of_memory();
            vb_buf_free(&sh.text);
            yaml_parser_delete(&parser);
            return NULL;
        }
        shape_add(&sh, &event);
        done = event.type == YAML_STREAM_END_EVENT;
        yaml_event_delete(&event);
    }
    yaml_parser_delete(&parser);
    return shape_take(&sh);
}

static char *assemble(const char *data, size_t len, const scalar_list *list, const size_t *only,
                      size_t *out_len)
{
    vb_buf b = {0};
    size_t at = 0;
    for (size_t i = 0; i < list->count; i++) {
        const scalar_span *s = &list->items[i];
        if (!s->replacement || (only && *only != i))
            continue;
        vb_buf_addn(&b, data + at, s->inner_start - at);
        vb_buf_add(&b, s->replacement);
        at = s->inner_end;
    }
    vb_buf_addn(&b, data + at, len - at);
    *out_len = b.len;
    return b.data ? b.data : vb_strdup("");
}

/* Where each line starts, to turn byte offsets into line and column quickly. */
typedef struct {
    const char *name;
    const char *data;
    size_t len;
    size_t *starts;
    size_t count;
} line_index;

static void line_index_build(line_index *li, const char *name, const char *data, size_t len)
{
    li->name = name;
    li->data = data;
    li->len = len;
    li->count = 1;
    for (size_t i = 0; i < len; i++)
        li->count += data[i] == '\n';
    li->starts = vb_xmalloc(li->count * sizeof *li->starts);
    size_t k = 0;
    li->starts[k++] = 0;
    for (size_t i = 0; i < len; i++)
        if (data[i] == '\n')
            li->starts[k++] = i + 1;
}

/* Line and column (1-based, characters) of byte `offset`. */
static vb_pos position(const line_index *li, size_t offset)
{
    size_t lo = 0, hi = li->count;
    while (hi - lo > 1) {
        size_t mid = (lo + hi) / 2;
        if (li->starts[mid] <= offset)
            lo = mid;
        else
            hi = mid;
    }
    vb_pos p = {li->name, (unsigned)lo + 1, 1};
    p.column = (unsigned)vb_utf8_count(li->data + li->starts[lo], offset - li->starts[lo]) + 1;
    return p;
}

/* Stands for the bytes of an escape in the text the checks read: a control byte, which no
 * YAML source holds as it is, reads as no letter, no space and no punctuation. */
#define ESCAPE_MASK '\x1F'

static void snippet(const char *text, size_t n, size_t offset, size_t length, char *buf,
                    size_t size)
{
    size_t from = offset, to = offset + length;
    /* A few characters of context either side, cut at character boundaries. */
    for (int k = 0; k < 8 && from > 0; k++) {
        from--;
        while (from > 0 && ((unsigned char)text[from] & 0xC0) == 0x80)
            from--;
    }
    for (int k = 0; k < 8 && to < n; k++) {
        to++;
        while (to < n && ((unsigned char)text[to] & 0xC0) == 0x80)
            to++;
    }
    if (to - from >= size)
        to = from + size - 1;
    while (to > from && to < n && ((unsigned char)text[to] & 0xC0) == 0x80)
        to--; /* text[n] may be past the text: it is a source slice, not a string */
    memcpy(buf, text + from, to - from);
    buf[to - from] = '\0';
    for (char *p = buf; *p; p++)
        if (*p == '\n')
            *p = ' ';
        else if (*p == ESCAPE_MASK) /* an escape whose source bytes moved: shown as one */
            *p = '\\';
}

/* Gives the diagnostic just added the fix-it that replaces the source bytes [from, from + n)
 * by `replacement`, when those bytes are `expected` (the text was read where it was found). */
static void fix_bytes(vb_diagnostics *diags, const line_index *li, size_t from, size_t n,
                      const char *expected, const char *replacement)
{
    if (from + n > li->len || memcmp(li->data + from, expected, n) != 0)
        return;
    vb_pos a = position(li, from), b = position(li, from + n);
    vb_diag_fix(diags, a.line, a.column, b.line, b.column, replacement);
}

/* The one right text of a typography finding whose source bytes are [offset, offset + n),
 * or NULL when there is none to give for certain (quotes in pairs, spaces after a comma,
 * number formats: a person decides). */
static const char *typo_replacement(vb_typo_kind kind, const char *at, size_t n)
{
    size_t spaces = 0;
    while (spaces < n && (at[spaces] == ' ' || at[spaces] == '\t'))
        spaces++;
    switch (kind) {
    case VB_TYPO_DOUBLE_SPACE:
        return spaces == n && n >= 2 ? " " : NULL;
    case VB_TYPO_SPACE_BEFORE_PUNCT:
    case VB_TYPO_TRAILING_SPACE:
        return spaces == n && n >= 1 ? "" : NULL;
    case VB_TYPO_ELLIPSIS:
        return n == 3 && memcmp(at, "...", 3) == 0 ? "\xE2\x80\xA6" : NULL;
    case VB_TYPO_NBSP:
        return n == 2 && memcmp(at, "\xC2\xA0", 2) == 0 ? " " : NULL;
    default:
        return NULL;
    }
}


/* A copy of a double-quoted scalar's source text with its escapes masked: "\n", "\t",
 * "\u00E0", "\x41" whole; in "\"", "\\", "\/" and "\ " only the backslash, since the
 * character is the text's own (a straight quote is still one). Same length, so findings keep
 * their source offsets. NULL when the text has no escape. */
static char *mask_escapes(const char *text, size_t n)
{
    if (!memchr(text, '\\', n))
        return NULL;
    char *masked = vb_xmalloc(n + 1);
    memcpy(masked, text, n);
    masked[n] = '\0';
    for (size_t i = 0; i < n; i++) {
        if (masked[i] != '\\')
            continue;
        size_t span = 1;
        char next = i + 1 < n ? text[i + 1] : '\0';
        if (next == 'x' || next == 'u' || next == 'U')
            span = next == 'x' ? 4 : next == 'u' ? 6 : 10;
        else if (next != '\0' && strchr("0abtnvfreN_LP", next))
            span = 2;
        if (span > n - i)
            span = n - i;
        memset(masked + i, ESCAPE_MASK, span);
        i += span - 1;
    }
    return masked;
}

/* `fixed`, made from a masked text, with each run of masked bytes given back the source
 * bytes it stood for, in order; NULL when the runs no longer match (a fix moved or merged
 * them): the scalar is then left as it is. Takes `fixed`. */
static char *unmask_escapes(char *fixed, const char *masked, const char *source, size_t n)
{
    vb_buf out = {0};
    vb_buf_addn(&out, "", 0); /* a string even when empty */
    size_t at = 0; /* in masked/source */
    const char *p = fixed;
    for (;;) {
        const char *run = strchr(p, ESCAPE_MASK);
        while (at < n && masked[at] != ESCAPE_MASK)
            at++;
        if (!run || at == n) {
            if (run || at != n) { /* a run too many or too few */
                vb_buf_free(&out);
                free(fixed);
                return NULL;
            }
            vb_buf_add(&out, p);
            break;
        }
        size_t run_len = strspn(run, "\x1F"), source_len = 0;
        while (at + source_len < n && masked[at + source_len] == ESCAPE_MASK)
            source_len++;
        if (run_len != source_len) {
            vb_buf_free(&out);
            free(fixed);
            return NULL;
        }
        vb_buf_addn(&out, p, (size_t)(run - p));
        vb_buf_addn(&out, source + at, source_len);
        p = run + run_len;
        at += source_len;
    }
    free(fixed);
    return out.data;
}

/* unmask_escapes, or the source text as it was when the escapes cannot be given back. Takes
 * `fixed` and `masked`. */
static char *unmask_or_keep(char *fixed, char *masked, const char *source, size_t n)
{
    char *result = unmask_escapes(fixed, masked, source, n);
    free(masked);
    if (!result) {
        result = vb_xmalloc(n + 1);
        memcpy(result, source, n);
        result[n] = '\0';
    }
    return result;
}

/* Normalises one scalar's text; reports what it finds at positions inside `data`. */
static char *normalize_text(const line_index *li, const scalar_span *s, vb_tone_style tone,
                            vb_tone_cache *tone_cache, int typography, vb_speller *speller,
                            vb_diagnostics *diags)
{
    const char *data = li->data;
    size_t n = s->inner_end - s->inner_start;
    const char *source = data + s->inner_start;
    int en = diags->lang == VB_LANG_EN;

    char *nfc = vb_nfc(source, n);
    if (strlen(nfc) != n || memcmp(nfc, source, n) != 0) {
        vb_diag(diags, VB_SEV_WARNING, position(li, s->inner_start), "TXT-NFC",
                VI_EN("chữ Việt ở dạng tổ hợp (NFD), không phải dựng sẵn (NFC)",
                      "Vietnamese letters in decomposed form (NFD), not precomposed (NFC)"));
        fix_bytes(diags, li, s->inner_start, n, source, nfc); /* the same text, composed */
    }
    /* The checks below read the text, not YAML's escapes: "Một\nHai" holds no word "nHai". */
    char *masked = s->style == YAML_DOUBLE_QUOTED_SCALAR_STYLE ? mask_escapes(source, n) : NULL;
    if (masked) {
        char *masked_nfc = mask_escapes(nfc, strlen(nfc));
        free(nfc);
        nfc = masked_nfc;
    }
    const char *text = masked ? masked : source;

    vb_legacy_run *runs = NULL;
    size_t run_count = vb_legacy_detect(nfc, strlen(nfc), &runs);
    for (size_t i = 0; i < run_count; i++)
        vb_diag(diags, VB_SEV_WARNING, position(li, s->inner_start + runs[i].offset), "TXT-LEGACY",
                VI_EN("có vẻ là chữ %s dán vào văn bản Unicode; chuyển đổi: \"%s\"",
                      "this looks like %s text pasted into Unicode; converted: \"%s\""),
                vb_encoding_name(runs[i].encoding), runs[i].converted);
    vb_legacy_runs_free(runs, run_count);
    if (run_count > 0) {
        /* Legacy bytes are no Vietnamese to restyle or retype: fixing their marks would only
         * spoil the conversion. The text stays as it is until it is converted. */
        return masked ? unmask_or_keep(nfc, masked, source, n) : nfc;
    }

    vb_tone_finding *tf = NULL;
    size_t tone_count = 0;
    char *toned = vb_tone_apply_cached(tone_cache, nfc, strlen(nfc), tone, &tf, &tone_count);
    /* Fix-its are source bytes: the findings' offsets are the source's while the text was
     * NFC as typed and every syllable changed kept its length (they always do but for a
     * mark moving onto ơ/ư). */
    int offsets_are_source = strlen(nfc) == n && memcmp(nfc, text, n) == 0;
    for (size_t i = 0; i < tone_count && offsets_are_source; i++)
        if (tf[i].kind != VB_SYLLABLE_INVALID && strlen(tf[i].before) != strlen(tf[i].after))
            offsets_are_source = 0;
    for (size_t i = 0; i < tone_count; i++) {
        vb_pos at = position(li, s->inner_start + tf[i].offset);
        /* Capitalised words are names, and the official names of the Central Highlands are
         * not Vietnamese syllables (Krông Pắc, M'Đrắk, Đăk Glong): only lower-case words are
         * reported. */
        unsigned char first = (unsigned char)tf[i].before[0];
        int capitalised = (first >= 'A' && first <= 'Z') || (first == 0xC3 && (unsigned char)tf[i].before[1] < 0xA0) ||
                          (first == 0xC4 && (unsigned char)tf[i].before[1] == 0x90);
        if (tf[i].kind == VB_SYLLABLE_INVALID && capitalised)
            continue;
        if (tf[i].kind == VB_SYLLABLE_INVALID)
            vb_diag(diags, VB_SEV_WARNING, at, "TXT-SYLLABLE",
                    VI_EN("\"%s\" không phải âm tiết tiếng Việt", "\"%s\" is not a Vietnamese syllable"), tf[i].before);
        else if (tf[i].kind == VB_SYLLABLE_REPAIRED)
            vb_diag(diags, VB_SEV_WARNING, at, "TXT-TONE",
                    VI_EN("dấu thanh đặt sai: \"%s\" → \"%s\"", "misplaced tone mark: \"%s\" → \"%s\""),
                    tf[i].before, tf[i].after);
        else if (tf[i].kind == VB_SYLLABLE_RESTYLED)
            vb_diag(diags, VB_SEV_WARNING, at, "TXT-TONE-STYLE",
                    VI_EN("kiểu đặt dấu thanh khác với văn bản: \"%s\" → \"%s\"",
                          "tone mark placed in the other style: \"%s\" → \"%s\""),
                    tf[i].before, tf[i].after);
        if (tf[i].kind != VB_SYLLABLE_INVALID && offsets_are_source)
            fix_bytes(diags, li, s->inner_start + tf[i].offset, strlen(tf[i].before), tf[i].before,
                      tf[i].after);
    }
    free(tf);
    if (speller) {
        vb_spell_finding *sf = NULL;
        size_t spell_count = vb_spell_check(speller, nfc, strlen(nfc), &sf);
        for (size_t i = 0; i < spell_count; i++)
            vb_diag(diags, VB_SEV_WARNING, position(li, s->inner_start + sf[i].offset), "TXT-SPELL",
                    VI_EN("\"%.*s\" không có trong từ điển tiếng Việt", "\"%.*s\" is not in the Vietnamese dictionary"),
                    (int)sf[i].length, nfc + sf[i].offset);
        free(sf);
    }
    free(nfc);

    vb_typo_finding *yf = NULL;
    size_t typo_count = 0;
    char *result = vb_typography(toned, strlen(toned), typography, &yf, &typo_count);
    for (size_t i = 0; i < typo_count; i++) {
        char context[96];
        /* The source's bytes, escapes as typed, while they are at the same offsets. */
        int as_typed = offsets_are_source && strlen(toned) == n;
        snippet(as_typed ? source : toned, as_typed ? n : strlen(toned), yf[i].offset,
                yf[i].length, context, sizeof context);
        vb_diag(diags, VB_SEV_WARNING, position(li, s->inner_start + yf[i].offset), "TXT-TYPO",
                "%s: \"%s\"", "%s: \"%s\"", vb_typo_describe(yf[i].kind, en), context);
        const char *typed = toned + yf[i].offset;
        const char *right = typo_replacement(yf[i].kind, typed, yf[i].length);
        if (right && offsets_are_source && strlen(toned) == n)
            fix_bytes(diags, li, s->inner_start + yf[i].offset, yf[i].length, typed, right);
    }
    free(yf);
    free(toned);
    return masked ? unmask_or_keep(result, masked, source, n) : result;
}

char *vb_normalize_yaml(const char *name, const char *data, size_t len,
                        const vb_normalize_options *options, vb_diagnostics *diags, size_t *out_len)
{
    scalar_list list = {0};
    shape original = {0};
    line_index li;
    unsigned deep_line, deep_column;
    vb_yaml_scalars parsed = {0};
    /* The reader's list serves when no shape is needed; else one parse gives both. */
    const vb_yaml_scalars *marks = options->report_only && options->skip_unsafe ? options->scalars : NULL;
    if (!marks) {
        /* report_only comes after the reader, which scanned the nesting already. */
        int want_shape = !(options->report_only && options->skip_unsafe);
        if ((!options->report_only && !vb_yaml_nesting_ok(data, len, &deep_line, &deep_column)) ||
            !vb_yaml_scalars_of_text(data, len, &parsed, want_shape ? add_to_shape : NULL, &original)) {
            vb_buf_free(&original.text);
            vb_yaml_scalars_free(&parsed);
            return NULL;
        }
        marks = &parsed;
    }
    locate_scalars(data, len, marks, &list);
    vb_tone_style tone = VB_TONE_TRADITIONAL;
    if (options->tone_given)
        tone = options->tone;
    else if (marks->tone_name)
        vb_tone_style_parse(marks->tone_name, &tone);
    vb_yaml_scalars_free(&parsed);

    line_index_build(&li, name, data, len);
    vb_tone_cache *tone_cache = vb_tone_cache_new(len);
    for (size_t i = 0; i < list.count; i++) {
        /* Only reporting, and no further finding would be kept: the rest is lost work (render
         * keeps eleven, to show ten and say there are more). */
        if (options->report_only && vb_diagnostics_full(diags))
            break;
        scalar_span *s = &list.items[i];
        if (s->is_key || s->inner_end <= s->inner_start)
            continue;
        char *text = normalize_text(&li, s, tone, tone_cache, options->typography, options->speller,
                                    diags);
        size_t n = s->inner_end - s->inner_start;
        if (strlen(text) != n || memcmp(text, data + s->inner_start, n) != 0)
            s->replacement = text;
        else
            free(text);
    }
    vb_tone_cache_free(tone_cache);

    int any_change = 0;
    for (size_t i = 0; i < list.count && !any_change; i++)
        any_change = list.items[i].replacement != NULL;
    if (options->report_only && (!any_change || options->skip_unsafe)) {
        /* Nothing would change, so nothing can change the structure (or the caller does not
         * ask whether a change would): no rebuild needed. */
        vb_buf_free(&original.text);
        free(li.starts);
        for (size_t i = 0; i < list.count; i++)
            free(list.items[i].replacement);
        free(list.items);
        *out_len = 0;
        return vb_strdup("");
    }
    char *result = assemble(data, len, &list, NULL, out_len);
    /* The edit must leave the YAML's structure as it was. If it does not (a fix that made a
     * "key: value" of a plain scalar, a quote inside a quoted one), keep only the scalars
     * whose change alone is safe. */
    char *before = shape_take(&original);
    char *after = signature(result, *out_len);
    if (!after || strcmp(before, after) != 0) {
        free(result);
        for (size_t i = 0; i < list.count; i++) {
            if (!list.items[i].replacement)
                continue;
            size_t n = 0;
            char *one = assemble(data, len, &list, &i, &n);
            char *sig = signature(one, n);
            if (!sig || strcmp(sig, before) != 0) {
                vb_diag(diags, VB_SEV_WARNING, position(&li, list.items[i].inner_start), "TXT-UNSAFE",
                        VI_EN("không tự sửa được chuỗi này mà giữ nguyên cấu trúc YAML; hãy sửa tay",
                              "this text cannot be fixed without changing the YAML structure; fix it by hand"));
                free(list.items[i].replacement);
                list.items[i].replacement = NULL;
            }
            free(sig);
            free(one);
        }
        result = assemble(data, len, &list, NULL, out_len);
    }
    free(before);
    free(after);
    free(li.starts);
    for (size_t i = 0; i < list.count; i++)
        free(list.items[i].replacement);
    free(list.items);
    return result;
}
