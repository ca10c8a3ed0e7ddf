/* The YAML reader's helpers for values with positions (see yaml_internal.h): where a node
 * is, type errors, texts with placeholders filled and tone marks styled, "did you mean" for
 * unknown keys, mappings walked pair by pair, enumerations and dates. */
#define _GNU_SOURCE /* memmem */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <yaml.h>

#include "layout/format.h"
#include "viet/text.h"
#include "viet/tone.h"
#include "yaml_internal.h"



vb_pos yr_pos_of(reader *r, yaml_node_t *node)
{
    vb_pos p = {r->doc->source_name, (unsigned)node->start_mark.line + 1,
                (unsigned)node->start_mark.column + 1};
    return p;
}

/* Column (1-based, in characters) of the first non-blank character of `line` of the input. */
static unsigned line_indent_column(const reader *r, unsigned line)
{
    const char *p = r->data, *end = r->data + r->len;
    for (unsigned l = 1; l < line && p < end; l++) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        p = nl ? nl + 1 : end;
    }
    unsigned column = 1;
    while (p < end && (*p == ' ' || *p == '\t')) {
        p++;
        column++;
    }
    return column;
}

int yr_visit(reader *r, yaml_node_t *node)
{
    if (node->type == YAML_SCALAR_NODE)
        r->text_bytes += node->data.scalar.length;
    if (r->text_bytes > r->text_budget) {
        if (!r->budget_reported) {
            r->budget_reported = 1;
            vb_diag(r->diags, VB_SEV_ERROR, yr_pos_of(r, node), "YAML-ALIAS",
                    VI_EN("bí danh (alias) lặp lại quá nhiều văn bản: hơn %zu MiB ngoài văn bản "
                          "của chính tệp (giới hạn, xem docs/limits.md)",
                          "aliases repeat too much text: more than %zu MiB beyond the file's own "
                          "text (the limit, see docs/limits.md)"),
                    (size_t)(VB_ALIAS_EXTRA_TEXT >> 20));
        }
        return 0;
    }
    if (++r->visits <= r->visit_budget)
        return 1;
    if (!r->budget_reported) {
        r->budget_reported = 1;
        vb_diag(r->diags, VB_SEV_ERROR, yr_pos_of(r, node), "YAML-ALIAS",
                VI_EN("tài liệu lặp lại nút qua bí danh (alias) quá nhiều lần",
                      "the document repeats nodes through aliases too many times"));
    }
    return 0;
}

const char *yr_kind_name(reader *r, yaml_node_t *node)
{
    int en = r->diags->lang == VB_LANG_EN;
    switch (node->type) {
    case YAML_SCALAR_NODE:
        return en ? "a text" : "một chuỗi";
    case YAML_SEQUENCE_NODE:
        return en ? "a list" : "một danh sách";
    case YAML_MAPPING_NODE:
        return en ? "a mapping" : "một ánh xạ (key: value)";
    default:
        return "?";
    }
}

void yr_type_error(reader *r, yaml_node_t *node, const char *key, const char *want_vi,
                       const char *want_en)
{
    vb_diag(r->diags, VB_SEV_ERROR, yr_pos_of(r, node), "YAML-TYPE",
            VI_EN("`%s` phải là %s, không phải %s", "`%s` must be %s, not %s"), key,
            r->diags->lang == VB_LANG_EN ? want_en : want_vi, yr_kind_name(r, node));
}

int yr_is_null_scalar(yaml_node_t *node)
{
    if (node->type != YAML_SCALAR_NODE || node->data.scalar.style != YAML_PLAIN_SCALAR_STYLE)
        return 0;
    const char *v = (const char *)node->data.scalar.value;
    return node->data.scalar.length == 0 || strcmp(v, "~") == 0 || strcmp(v, "null") == 0 ||
           strcmp(v, "Null") == 0 || strcmp(v, "NULL") == 0;
}


/* `text` with every {{name}} replaced by its value (caller frees); an unknown name is
 * reported at the scalar and left as written. */
static char *fill_placeholders(reader *r, yaml_node_t *node, const char *text, size_t len)
{
    vb_buf out = {0};
    const char *p = text, *end = text + len;
    while (p < end) {
        const char *open = NULL;
        for (const char *q = p; q + 1 < end; q++)
            if (q[0] == '{' && q[1] == '{') {
                open = q;
                break;
            }
        const char *close = NULL;
        if (open)
            for (const char *q = open + 2; q + 1 < end; q++)
                if (q[0] == '}' && q[1] == '}') {
                    close = q;
                    break;
                }
        if (!open || !close) {
            vb_buf_addn(&out, p, (size_t)(end - p));
            break;
        }
        vb_buf_addn(&out, p, (size_t)(open - p));
        const char *name = open + 2, *name_end = close;
        while (name < name_end && *name == ' ')
            name++;
        while (name_end > name && name_end[-1] == ' ')
            name_end--;
        const char *value = NULL;
        for (size_t i = 0; i < r->vars->count && !value; i++)
            if (strlen(r->vars->names[i]) == (size_t)(name_end - name) &&
                strncmp(r->vars->names[i], name, (size_t)(name_end - name)) == 0)
                value = r->vars->values[i];
        if (value) {
            vb_buf_add(&out, value);
        } else {
            vb_buf known = {0};
            for (size_t i = 0; i < r->vars->count; i++)
                vb_buf_printf(&known, "%s%s", i ? ", " : "", r->vars->names[i]);
            vb_diag(r->diags, VB_SEV_ERROR, yr_pos_of(r, node), "YAML-VAR",
                    VI_EN("không có cột `%.*s` trong dữ liệu (các cột: %s)",
                          "the data has no column `%.*s` (its columns: %s)"),
                    (int)(name_end - name), name, known.data ? known.data : "");
            vb_buf_free(&known);
            vb_buf_addn(&out, open, (size_t)(close + 2 - open));
        }
        p = close + 2;
    }
    return out.data ? out.data : vb_strdup("");
}

/* NFC copy of a scalar with surrounding white space trimmed, its placeholders filled and
 * the document's tone-mark style applied (misplaced marks repaired); NULL for null/empty. */
char *yr_scalar_text_styled(reader *r, yaml_node_t *node)
{
    int tone_style = r->tone_style;
    if (yr_is_null_scalar(node))
        return NULL;
    const char *s = (const char *)node->data.scalar.value;
    size_t len = node->data.scalar.length;
    while (len && isspace((unsigned char)*s)) {
        s++;
        len--;
    }
    while (len && isspace((unsigned char)s[len - 1]))
        len--;
    if (len == 0)
        return NULL;
    char *filled = NULL;
    if (r->vars && memmem(s, len, "{{", 2)) {
        filled = fill_placeholders(r, node, s, len);
        s = filled;
        len = strlen(filled);
    }
    if (tone_style < 0) {
        char *nfc = vb_nfc(s, len);
        free(filled);
        return nfc;
    }
    /* Placing tone marks normalises as it goes (each word and each run between words to NFC,
     * which is the NFC of the whole: nothing composes across a word's edge), so the text is
     * not normalised first. */
    char *styled = vb_tone_apply_cached(r->tone_cache, s, len, (vb_tone_style)tone_style, NULL, NULL);
    free(filled);
    return styled;
}


int yr_read_text(reader *r, yaml_node_t *node, const char *key, vb_text *out)
{
    if (node->type != YAML_SCALAR_NODE) {
        yr_type_error(r, node, key, "một chuỗi", "a text");
        return 0;
    }
    free(out->text);
    out->text = scalar_text(node);
    out->pos = yr_pos_of(r, node);
    return 1;
}

/* A text with possibly several lines: a scalar (split at newlines) or a list of scalars. */
int yr_read_lines(reader *r, yaml_node_t *node, const char *key, vb_lines *out)
{
    vb_lines_free(out);
    out->pos = yr_pos_of(r, node);
    if (node->type == YAML_SCALAR_NODE) {
        char *all = scalar_text(node);
        if (!all)
            return 1;
        int block = node->data.scalar.style == YAML_LITERAL_SCALAR_STYLE ||
                    node->data.scalar.style == YAML_FOLDED_SCALAR_STYLE;
        /* The scalar's text lost its leading blank lines to trimming: count them back. */
        unsigned line = 0;
        if (block) {
            const char *raw = (const char *)node->data.scalar.value;
            while (*raw == '\n' || *raw == ' ' || *raw == '\t')
                line += *raw++ == '\n';
        }
        char *part = all;
        while (part) {
            char *nl = strchr(part, '\n');
            if (nl)
                *nl = '\0';
            char *text = part;
            while (*text == ' ' || *text == '\t')
                text++;
            size_t n = strlen(text);
            while (n && (text[n - 1] == ' ' || text[n - 1] == '\t'))
                text[--n] = '\0';
            if (n > 0) {
                vb_pos p = out->pos;
                if (block) {
                    p.line += line + 1;
                    p.column = line_indent_column(r, p.line);
                }
                vb_lines_append(out, vb_strdup(text), p);
            }
            line++;
            part = nl ? nl + 1 : NULL;
        }
        free(all);
        return 1;
    }
    if (node->type != YAML_SEQUENCE_NODE) {
        yr_type_error(r, node, key, "một chuỗi hoặc danh sách chuỗi", "a text or a list of texts");
        return 0;
    }
    int ok = 1;
    for (yaml_node_item_t *it = node->data.sequence.items.start;
         it < node->data.sequence.items.top; it++) {
        yaml_node_t *item = yaml_document_get_node(r->ydoc, *it);
        if (!yr_visit(r, item))
            return 0;
        if (item->type != YAML_SCALAR_NODE) {
            yr_type_error(r, item, key, "một chuỗi", "a text");
            ok = 0;
            continue;
        }
        char *t = scalar_text(item);
        if (t)
            vb_lines_append(out, t, yr_pos_of(r, item));
    }
    return ok;
}

/* ---- "did you mean" for unknown keys ---- */

static size_t edit_distance(const char *a, const char *b)
{
    size_t la = strlen(a), lb = strlen(b);
    if (la > 64 || lb > 64)
        return 99;
    size_t prev[65], cur[65];
    for (size_t j = 0; j <= lb; j++)
        prev[j] = j;
    for (size_t i = 1; i <= la; i++) {
        cur[0] = i;
        for (size_t j = 1; j <= lb; j++) {
            size_t sub = prev[j - 1] + (a[i - 1] != b[j - 1]);
            size_t del = prev[j] + 1, ins = cur[j - 1] + 1;
            cur[j] = sub < del ? (sub < ins ? sub : ins) : (del < ins ? del : ins);
        }
        memcpy(prev, cur, sizeof prev);
    }
    return prev[lb];
}

void yr_unknown_key(reader *r, yaml_node_t *key_node, const char *key,
                        const char *const *known, const char *where)
{
    const char *best = NULL;
    size_t best_d = 3;
    /* A suggestion changes at most half of what was typed: "a" is no misspelt "so". */
    size_t most = strlen(key) / 2;
    for (size_t i = 0; known[i]; i++) {
        size_t d = edit_distance(key, known[i]);
        if (d < best_d && d <= most) {
            best_d = d;
            best = known[i];
        }
    }
    if (best && r->current_map && r->suggested_count < sizeof r->suggested / sizeof *r->suggested) {
        r->suggested[r->suggested_count].map = r->current_map;
        r->suggested[r->suggested_count].key = best;
        r->suggested_count++;
    }
    if (best)
        vb_diag(r->diags, VB_SEV_ERROR, yr_pos_of(r, key_node), "YAML-KEY",
                VI_EN("khóa không hợp lệ `%s` trong %s; có phải ý bạn là `%s`?",
                      "unknown key `%s` in %s; did you mean `%s`?"),
                key, where, best);
    else
        vb_diag(r->diags, VB_SEV_ERROR, yr_pos_of(r, key_node), "YAML-KEY",
                VI_EN("khóa không hợp lệ `%s` trong %s", "unknown key `%s` in %s"), key, where);
}

/* Iterates over a mapping, rejecting non-scalar and duplicate keys. */

int yr_misspelt(const reader *r, yaml_node_t *map, const char *key)
{
    for (size_t i = 0; i < r->suggested_count; i++)
        if (r->suggested[i].map == map && strcmp(r->suggested[i].key, key) == 0)
            return 1;
    return 0;
}

static int for_each_pair(reader *r, yaml_node_t *map, pair_fn fn, void *ctx);

int yr_for_each_pair(reader *r, yaml_node_t *map, pair_fn fn, void *ctx)
{
    yaml_node_t *outer = r->current_map;
    r->current_map = map;
    int ok = for_each_pair(r, map, fn, ctx);
    r->current_map = outer;
    return ok;
}

static int for_each_pair(reader *r, yaml_node_t *map, pair_fn fn, void *ctx)
{
    int ok = 1;
    for (yaml_node_pair_t *p = map->data.mapping.pairs.start; p < map->data.mapping.pairs.top;
         p++) {
        yaml_node_t *k = yaml_document_get_node(r->ydoc, p->key);
        yaml_node_t *v = yaml_document_get_node(r->ydoc, p->value);
        if (!yr_visit(r, k) || !yr_visit(r, v))
            return 0;
        if (k->type != YAML_SCALAR_NODE) {
            vb_diag(r->diags, VB_SEV_ERROR, yr_pos_of(r, k), "YAML-KEY",
                    VI_EN("khóa phải là một chuỗi", "a key must be a text"));
            ok = 0;
            continue;
        }
        const char *key = (const char *)k->data.scalar.value;
        for (yaml_node_pair_t *q = map->data.mapping.pairs.start; q < p; q++) {
            yaml_node_t *k2 = yaml_document_get_node(r->ydoc, q->key);
            if (k2->type == YAML_SCALAR_NODE && strcmp((const char *)k2->data.scalar.value, key) == 0) {
                vb_diag(r->diags, VB_SEV_ERROR, yr_pos_of(r, k), "YAML-DUP",
                        VI_EN("khóa `%s` bị lặp (lần đầu ở dòng %u)",
                              "duplicate key `%s` (first at line %u)"),
                        key, (unsigned)k2->start_mark.line + 1);
                ok = 0;
                goto next;
            }
        }
        if (!fn(r, key, k, v, ctx))
            ok = 0;
    next:;
    }
    return ok;
}

/* ---- dates and numbers ---- */

static int days_in_month(int year, int month)
{
    static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (month == 2 && ((year % 4 == 0 && year % 100 != 0) || year % 400 == 0))
        return 29;
    return days[month - 1];
}

/* Parses YYYY-MM-DD, YYYY-MM or YYYY into `out` (missing parts 0). Returns 0 when the text
 * is not such a date, -1 when it is one that does not exist. */
int yr_parse_date(const char *s, vb_date *out)
{
    int y = 0, m = 0, d = 0, n = 0;
    size_t len = strlen(s);
    if (len == 10 && sscanf(s, "%4d-%2d-%2d%n", &y, &m, &d, &n) == 3 && n == 10 && s[4] == '-' &&
        s[7] == '-') {
    } else if (len == 7 && sscanf(s, "%4d-%2d%n", &y, &m, &n) == 2 && n == 7 && s[4] == '-') {
    } else if (len == 4 && sscanf(s, "%4d%n", &y, &n) == 1 && n == 4) {
    } else {
        return 0;
    }
    for (size_t i = 0; i < len; i++)
        if (!isdigit((unsigned char)s[i]) && s[i] != '-')
            return 0;
    /* A day needs its month: "2024-00-05" names no day. */
    if (y < 1900 || y > 2999 || (m && (m < 1 || m > 12)) || (d && (!m || d < 1 || d > days_in_month(y, m))))
        return -1;
    out->year = y;
    out->month = m;
    out->day = d;
    out->present = 1;
    return 1;
}

int yr_read_date(reader *r, yaml_node_t *node, const char *key, vb_date *out)
{
    if (node->type != YAML_SCALAR_NODE) {
        yr_type_error(r, node, key, "một ngày YYYY-MM-DD", "a date YYYY-MM-DD");
        return 0;
    }
    out->pos = yr_pos_of(r, node);
    char *t = scalar_text(node);
    if (!t) {
        vb_diag(r->diags, VB_SEV_ERROR, out->pos, "YAML-DATE",
                VI_EN("`%s` trống: cần một ngày YYYY-MM-DD (dự thảo: YYYY-MM hoặc YYYY)",
                      "`%s` is empty: a date YYYY-MM-DD is needed (drafts: YYYY-MM or YYYY)"),
                key);
        return 0;
    }
    int res = yr_parse_date(t, out);
    if (res == 0)
        vb_diag(r->diags, VB_SEV_ERROR, out->pos, "YAML-DATE",
                VI_EN("`%s`: \"%s\" không phải ngày dạng YYYY-MM-DD", "`%s`: \"%s\" is not a date of the form YYYY-MM-DD"),
                key, t);
    else if (res < 0)
        vb_diag(r->diags, VB_SEV_ERROR, out->pos, "YAML-DATE",
                VI_EN("`%s`: ngày \"%s\" không tồn tại", "`%s`: the date \"%s\" does not exist"),
                key, t);
    free(t);
    return res > 0;
}

int yr_read_enum(reader *r, yaml_node_t *v, const char *key, const char *const *allowed, int *out)
{
    if (v->type != YAML_SCALAR_NODE) {
        yr_type_error(r, v, key, "một chuỗi", "a text");
        return 0;
    }
    char *s = scalar_text(v);
    for (int i = 0; s && allowed[i]; i++) {
        if (strcmp(s, allowed[i]) == 0) {
            *out = i;
            free(s);
            return 1;
        }
    }
    char choices[256] = "";
    for (int i = 0; allowed[i]; i++) {
        strncat(choices, i ? ", " : "", sizeof choices - strlen(choices) - 1);
        strncat(choices, allowed[i], sizeof choices - strlen(choices) - 1);
    }
    vb_diag(r->diags, VB_SEV_ERROR, yr_pos_of(r, v), "YAML-VALUE",
            VI_EN("`%s`: giá trị \"%s\" không hợp lệ; dùng một trong: %s",
                  "`%s`: \"%s\" is not a valid value; use one of: %s"),
            key, s ? s : "", choices);
    free(s);
    return 0;
}

int yr_english(const reader *r)
{
    return r->diags->lang == VB_LANG_EN;
}

int yr_read_orientation(reader *r, yaml_node_t *node, int *landscape)
{
    static const char *const values[] = {"doc", "ngang", NULL};
    int v = 0;
    if (!yr_read_enum(r, node, "huong", values, &v))
        return 0;
    *landscape = v == 1;
    return 1;
}
