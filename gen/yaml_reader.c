#define _GNU_SOURCE /* memmem */
#include "yaml_reader.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <yaml.h>

#include "doctypes.h"
#include "format.h"
#include "markup.h"
#include "text.h"
#include "viet/tone.h"
#include "yaml_internal.h"

/* Deeper body nesting than this is not a document but an attack or a mistake. */
#define MAX_BODY_DEPTH 24
/* Anchors and aliases may repeat nodes; this bounds the work an alias bomb can cause. */
#define MAX_NODE_VISITS_PER_NODE 16



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
    /* A text whose source the scan found unchanged is NFC and styled already. */
    if (!filled && vb_source_scan_unchanged(r->scan, tone_style, node->start_mark.index,
                                            node->end_mark.index)) {
        char *copy = vb_xmalloc(len + 1);
        memcpy(copy, s, len);
        copy[len] = '\0';
        return copy;
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
    for (size_t i = 0; known[i]; i++) {
        size_t d = edit_distance(key, known[i]);
        if (d < best_d) {
            best_d = d;
            best = known[i];
        }
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

int yr_for_each_pair(reader *r, yaml_node_t *map, pair_fn fn, void *ctx)
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
static int parse_date(const char *s, vb_date *out)
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
    if (y < 1900 || y > 2999 || (m && (m < 1 || m > 12)) || (d && (d < 1 || d > days_in_month(y, m))))
        return -1;
    out->year = y;
    out->month = m;
    out->day = d;
    out->present = 1;
    return 1;
}

static int read_date(reader *r, yaml_node_t *node, const char *key, vb_date *out)
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
    int res = parse_date(t, out);
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

/* ---- body ---- */

static const struct {
    const char *key;
    vb_section_level level;
} section_keys[] = {
    {"phan", VB_LEVEL_PHAN},   {"chuong", VB_LEVEL_CHUONG}, {"muc", VB_LEVEL_MUC},
    {"khoan", VB_LEVEL_KHOAN}, {"diem", VB_LEVEL_DIEM},     {"dieu", VB_LEVEL_DIEU},
};

static const char *const block_keys[] = {"phan", "chuong", "muc", "khoan", "diem", "dieu",
                                         "noi_dung", "nhiem_vu", "vai_tro", "bang", NULL};

static const struct {
    const char *name;
    unsigned role;
} role_names[] = {
    {"danh_gia", VB_ROLE_ASSESSMENT}, {"kien_nghi", VB_ROLE_RECOMMENDATION},
    {"nhiem_vu", VB_ROLE_TASKS},      {"muc_dich", VB_ROLE_PURPOSE},
    {"to_chuc_thuc_hien", VB_ROLE_ORGANISATION}, {"ket_luan", VB_ROLE_CONCLUSION},
};

static int read_role(reader *r, yaml_node_t *node, unsigned *roles)
{
    if (node->type != YAML_SCALAR_NODE) {
        yr_type_error(r, node, "vai_tro", "một chuỗi", "a text");
        return 0;
    }
    char *t = scalar_text(node);
    int ok = 1;
    char *save = NULL;
    /* "danh_gia" or several: "danh_gia, kien_nghi" */
    for (char *w = t ? strtok_r(t, ", ", &save) : NULL; w; w = strtok_r(NULL, ", ", &save)) {
        unsigned found = 0;
        for (size_t i = 0; i < sizeof role_names / sizeof *role_names; i++)
            if (strcmp(w, role_names[i].name) == 0)
                found = role_names[i].role;
        if (!found) {
            vb_diag(r->diags, VB_SEV_ERROR, yr_pos_of(r, node), "YAML-VALUE",
                    VI_EN("`vai_tro`: \"%s\" không hợp lệ; dùng danh_gia, kien_nghi, nhiem_vu, muc_dich, to_chuc_thuc_hien, ket_luan",
                          "`vai_tro`: \"%s\" is not valid; use danh_gia, kien_nghi, nhiem_vu, muc_dich, to_chuc_thuc_hien, ket_luan"),
                    w);
            ok = 0;
        }
        *roles |= found;
    }
    free(t);
    return ok;
}
static const char *const task_keys[] = {"noi_dung", "han", "phoi_hop", "san_pham", NULL};
static const char *const agency_keys[] = {"don_vi", "viec", NULL};

static void add_paragraphs(reader *r, vb_node *parent, yaml_node_t *scalar)
{
    char *t = scalar_text(scalar);
    if (!t)
        return;
    /* A block scalar's text starts on the line after its indicator. */
    int offset = (scalar->data.scalar.style == YAML_LITERAL_SCALAR_STYLE ||
                  scalar->data.scalar.style == YAML_FOLDED_SCALAR_STYLE)
                     ? 1
                     : 0;
    vb_markup_append_blocks(parent, t, strlen(t), yr_pos_of(r, scalar), offset);
    free(t);
}

typedef struct {
    vb_node *task;
} task_ctx;

static int task_pair(reader *r, const char *key, yaml_node_t *k, yaml_node_t *v, void *ctx)
{
    vb_task_data *t = &((task_ctx *)ctx)->task->task;
    if (strcmp(key, "noi_dung") == 0)
        return yr_read_text(r, v, key, &t->action);
    if (strcmp(key, "phoi_hop") == 0)
        return yr_read_text(r, v, key, &t->coordinator);
    if (strcmp(key, "san_pham") == 0)
        return yr_read_text(r, v, key, &t->product);
    if (strcmp(key, "han") == 0) {
        if (v->type != YAML_SCALAR_NODE) {
            yr_type_error(r, v, key, "một ngày hoặc một chuỗi", "a date or a text");
            return 0;
        }
        char *s = scalar_text(v);
        if (!s)
            return 1;
        vb_date d = {0};
        d.pos = yr_pos_of(r, v);
        int res = parse_date(s, &d);
        if (res > 0 && d.month) {
            /* "2025-03" is a deadline too: within that month. */
            t->deadline = d;
        } else if (res < 0) {
            vb_diag(r->diags, VB_SEV_ERROR, d.pos, "YAML-DATE",
                    VI_EN("`han`: ngày \"%s\" không tồn tại", "`han`: the date \"%s\" does not exist"), s);
            free(s);
            return 0;
        } else {
            /* "Quý IV/2025", "Hằng năm", "tháng 6/2024": a deadline in words. */
            t->deadline_text.text = s;
            t->deadline_text.pos = d.pos;
            return 1;
        }
        free(s);
        return 1;
    }
    yr_unknown_key(r, k, key, task_keys, r->diags->lang == VB_LANG_EN ? "a task" : "một nhiệm vụ (viec)");
    return 0;
}

static int read_task(reader *r, yaml_node_t *node, vb_node *agency)
{
    vb_node *task = vb_node_new(VB_NODE_TASK, yr_pos_of(r, node));
    vb_node_append(agency, task);
    if (node->type == YAML_SCALAR_NODE)
        return yr_read_text(r, node, "viec", &task->task.action);
    if (node->type != YAML_MAPPING_NODE) {
        yr_type_error(r, node, "viec", "một ánh xạ noi_dung/han/phoi_hop/san_pham", "a mapping of noi_dung/han/phoi_hop/san_pham");
        return 0;
    }
    task_ctx ctx = {task};
    int ok = yr_for_each_pair(r, node, task_pair, &ctx);
    if (r->budget_reported)
        return 0;
    if (!task->task.action.text) {
        vb_diag(r->diags, VB_SEV_ERROR, task->pos, "YAML-REQUIRED",
                VI_EN("nhiệm vụ thiếu `noi_dung` (việc phải làm)", "the task has no `noi_dung` (what to do)"));
        ok = 0;
    }
    return ok;
}

typedef struct {
    vb_node *agency;
    yaml_node_t *tasks;
} agency_ctx;

static int agency_pair(reader *r, const char *key, yaml_node_t *k, yaml_node_t *v, void *ctx)
{
    agency_ctx *a = ctx;
    if (strcmp(key, "don_vi") == 0)
        return yr_read_text(r, v, key, &a->agency->agency.agency);
    if (strcmp(key, "viec") == 0) {
        a->tasks = v;
        return 1;
    }
    yr_unknown_key(r, k, key, agency_keys, r->diags->lang == VB_LANG_EN ? "an agency of nhiem_vu" : "một đơn vị của nhiem_vu");
    return 0;
}

static int read_tasks(reader *r, yaml_node_t *seq, vb_node *parent)
{
    if (seq->type != YAML_SEQUENCE_NODE) {
        yr_type_error(r, seq, "nhiem_vu", "một danh sách đơn vị (don_vi, viec)", "a list of agencies (don_vi, viec)");
        return 0;
    }
    vb_node *block = vb_node_new(VB_NODE_TASKS, yr_pos_of(r, seq));
    vb_node_append(parent, block);
    int ok = 1;
    for (yaml_node_item_t *it = seq->data.sequence.items.start; it < seq->data.sequence.items.top; it++) {
        yaml_node_t *item = yaml_document_get_node(r->ydoc, *it);
        if (!yr_visit(r, item))
            return 0;
        if (item->type != YAML_MAPPING_NODE) {
            yr_type_error(r, item, "nhiem_vu", "một ánh xạ don_vi/viec", "a mapping of don_vi/viec");
            ok = 0;
            continue;
        }
        vb_node *agency = vb_node_new(VB_NODE_AGENCY, yr_pos_of(r, item));
        vb_node_append(block, agency);
        agency_ctx ctx = {agency, NULL};
        if (!yr_for_each_pair(r, item, agency_pair, &ctx))
            ok = 0;
        if (r->budget_reported)
            return 0;
        if (!agency->agency.agency.text) {
            vb_diag(r->diags, VB_SEV_ERROR, agency->pos, "YAML-REQUIRED",
                    VI_EN("thiếu `don_vi` (cơ quan, đơn vị thực hiện)", "`don_vi` (the agency) is missing"));
            ok = 0;
        } else {
            vb_markup_inline(&agency->title, agency->agency.agency.text, strlen(agency->agency.agency.text));
        }
        if (!ctx.tasks) {
            vb_diag(r->diags, VB_SEV_ERROR, agency->pos, "YAML-REQUIRED",
                    VI_EN("thiếu `viec` (danh sách nhiệm vụ của đơn vị)", "`viec` (the agency's tasks) is missing"));
            ok = 0;
            continue;
        }
        if (ctx.tasks->type != YAML_SEQUENCE_NODE) {
            yr_type_error(r, ctx.tasks, "viec", "một danh sách nhiệm vụ", "a list of tasks");
            ok = 0;
            continue;
        }
        for (yaml_node_item_t *t = ctx.tasks->data.sequence.items.start; t < ctx.tasks->data.sequence.items.top; t++) {
            yaml_node_t *tn = yaml_document_get_node(r->ydoc, *t);
            if (!yr_visit(r, tn))
                return 0;
            if (!read_task(r, tn, agency))
                ok = 0;
        }
    }
    return ok;
}

typedef struct {
    vb_node *section;
    yaml_node_t *children;
    yaml_node_t *tasks;
    int has_level;
} section_ctx;

static int section_pair(reader *r, const char *key, yaml_node_t *k, yaml_node_t *v, void *ctx)
{
    section_ctx *s = ctx;
    for (size_t i = 0; i < sizeof section_keys / sizeof *section_keys; i++) {
        if (strcmp(key, section_keys[i].key) != 0)
            continue;
        if (s->has_level) {
            vb_diag(r->diags, VB_SEV_ERROR, yr_pos_of(r, k), "YAML-SECTION",
                    VI_EN("một mục chỉ có một khóa cấp (phan, chuong, muc, khoan, diem, dieu); `%s` là khóa thứ hai",
                          "a section has one level key (phan, chuong, muc, khoan, diem, dieu); `%s` is a second one"),
                    key);
            return 0;
        }
        s->has_level = 1;
        s->section->level = section_keys[i].level;
        s->section->pos = yr_pos_of(r, k);
        if (v->type != YAML_SCALAR_NODE) {
            yr_type_error(r, v, key, "tiêu đề (một chuỗi)", "a title (a text)");
            return 0;
        }
        char *title = scalar_text(v);
        if (title) {
            vb_markup_inline(&s->section->title, title, strlen(title));
            free(title);
        }
        return 1;
    }
    if (strcmp(key, "noi_dung") == 0) {
        s->children = v;
        return 1;
    }
    if (strcmp(key, "nhiem_vu") == 0) {
        s->tasks = v;
        return 1;
    }
    if (strcmp(key, "vai_tro") == 0)
        return read_role(r, v, &s->section->roles);
    yr_unknown_key(r, k, key, block_keys, r->diags->lang == VB_LANG_EN ? "a body block" : "một khối nội dung");
    return 0;
}

/* "Thực hiện Kế hoạch số 48/KH-UBND: …" unquoted is a one-pair mapping to YAML, but no key
 * has a space in it: the drafter wrote a paragraph. Returns its text, or NULL. */
static char *paragraph_written_as_mapping(reader *r, yaml_node_t *node)
{
    if (node->data.mapping.pairs.top - node->data.mapping.pairs.start != 1)
        return NULL;
    yaml_node_t *k = yaml_document_get_node(r->ydoc, node->data.mapping.pairs.start->key);
    yaml_node_t *v = yaml_document_get_node(r->ydoc, node->data.mapping.pairs.start->value);
    if (k->type != YAML_SCALAR_NODE || v->type != YAML_SCALAR_NODE ||
        !strchr((const char *)k->data.scalar.value, ' '))
        return NULL;
    char *kt = scalar_text(k), *vt = scalar_text(v);
    size_t n = (kt ? strlen(kt) : 0) + (vt ? strlen(vt) : 0) + 3;
    char *joined = vb_xmalloc(n);
    snprintf(joined, n, "%s:%s%s", kt ? kt : "", vt ? " " : "", vt ? vt : "");
    free(kt);
    free(vt);
    return joined;
}

static int read_block(reader *r, yaml_node_t *node, vb_node *parent, int depth)
{
    if (node->type == YAML_SCALAR_NODE) {
        add_paragraphs(r, parent, node);
        return 1;
    }
    if (node->type == YAML_MAPPING_NODE && node->data.mapping.pairs.top - node->data.mapping.pairs.start == 1) {
        yaml_node_t *k = yaml_document_get_node(r->ydoc, node->data.mapping.pairs.start->key);
        yaml_node_t *v = yaml_document_get_node(r->ydoc, node->data.mapping.pairs.start->value);
        if (k->type == YAML_SCALAR_NODE && strcmp((const char *)k->data.scalar.value, "bang") == 0)
            return yr_visit(r, k) && yr_visit(r, v) && yr_read_table(r, k, v, parent);
    }
    if (node->type == YAML_MAPPING_NODE) {
        char *text = paragraph_written_as_mapping(r, node);
        if (text) {
            vb_markup_append_blocks(parent, text, strlen(text), yr_pos_of(r, node), 0);
            free(text);
            return 1;
        }
    }
    if (node->type != YAML_MAPPING_NODE) {
        yr_type_error(r, node, "noi_dung", "một đoạn văn hoặc một mục (muc, khoan, …)",
                   "a paragraph or a section (muc, khoan, …)");
        return 0;
    }
    if (depth >= MAX_BODY_DEPTH) {
        vb_diag(r->diags, VB_SEV_ERROR, yr_pos_of(r, node), "YAML-DEPTH",
                VI_EN("nội dung lồng quá sâu (tối đa %d cấp)", "the body nests too deeply (at most %d levels)"),
                MAX_BODY_DEPTH);
        return 0;
    }
    vb_node *section = vb_node_new(VB_NODE_SECTION, yr_pos_of(r, node));
    section_ctx ctx = {section, NULL, NULL, 0};
    int ok = yr_for_each_pair(r, node, section_pair, &ctx);
    if (!ctx.has_level && ctx.tasks && !ctx.children) {
        /* A bare `- nhiem_vu: [...]` block. */
        vb_node_free_tree(section);
        return read_tasks(r, ctx.tasks, parent) && ok;
    }
    vb_node_append(parent, section);
    if (!ctx.has_level) {
        vb_diag(r->diags, VB_SEV_ERROR, yr_pos_of(r, node), "YAML-SECTION",
                VI_EN("khối nội dung thiếu khóa cấp (muc, khoan, diem, …) hoặc nhiem_vu",
                      "the body block has no level key (muc, khoan, diem, …) nor nhiem_vu"));
        return 0;
    }
    /* "1.1.1.1…" has a limit: past it the numbers would restart. */
    int same_level = 1;
    for (const vb_node *up = parent; up && up->parent && up->kind == VB_NODE_SECTION &&
                                      up->level == section->level; up = up->parent)
        same_level++;
    if (ctx.has_level && same_level > VB_MAX_DEPTH) {
        vb_diag(r->diags, VB_SEV_ERROR, section->pos, "YAML-DEPTH",
                VI_EN("quá %d cấp `%s` lồng nhau: số thứ tự sẽ không còn đúng",
                      "more than %d nested `%s` sections: the numbers would be wrong"),
                VB_MAX_DEPTH, section_keys[section->level].key);
        ok = 0;
    }
    if (ctx.children && !yr_read_blocks(r, ctx.children, section, depth + 1))
        ok = 0;
    if (ctx.tasks && !read_tasks(r, ctx.tasks, section))
        ok = 0;
    return ok;
}

int yr_read_blocks(reader *r, yaml_node_t *seq, vb_node *parent, int depth)
{
    if (seq->type == YAML_SCALAR_NODE) {
        add_paragraphs(r, parent, seq);
        return 1;
    }
    if (seq->type != YAML_SEQUENCE_NODE) {
        yr_type_error(r, seq, "noi_dung", "một danh sách đoạn văn và mục", "a list of paragraphs and sections");
        return 0;
    }
    int ok = 1;
    for (yaml_node_item_t *it = seq->data.sequence.items.start; it < seq->data.sequence.items.top; it++) {
        yaml_node_t *item = yaml_document_get_node(r->ydoc, *it);
        if (!yr_visit(r, item))
            return 0;
        if (!read_block(r, item, parent, depth))
            ok = 0;
    }
    return ok;
}

/* ---- recipients and signers ---- */

static int read_recipients(reader *r, yaml_node_t *node, vb_lines *out)
{
    if (node->type != YAML_SEQUENCE_NODE)
        return yr_read_lines(r, node, "noi_nhan", out);
    int ok = 1;
    out->pos = yr_pos_of(r, node);
    for (yaml_node_item_t *it = node->data.sequence.items.start; it < node->data.sequence.items.top; it++) {
        yaml_node_t *item = yaml_document_get_node(r->ydoc, *it);
        if (!yr_visit(r, item))
            return 0;
        if (item->type == YAML_SCALAR_NODE) {
            char *t = scalar_text(item);
            if (t)
                vb_lines_append(out, t, yr_pos_of(r, item));
            continue;
        }
        /* `- Lưu: VT, TH` is a one-pair mapping to YAML; the drafter meant the text. */
        if (item->type == YAML_MAPPING_NODE &&
            item->data.mapping.pairs.top - item->data.mapping.pairs.start == 1) {
            yaml_node_t *k = yaml_document_get_node(r->ydoc, item->data.mapping.pairs.start->key);
            yaml_node_t *v = yaml_document_get_node(r->ydoc, item->data.mapping.pairs.start->value);
            if (k->type == YAML_SCALAR_NODE && v->type == YAML_SCALAR_NODE) {
                char *kt = scalar_text(k), *vt = scalar_text(v);
                size_t n = (kt ? strlen(kt) : 0) + (vt ? strlen(vt) : 0) + 3;
                char *joined = vb_xmalloc(n);
                snprintf(joined, n, "%s: %s", kt ? kt : "", vt ? vt : "");
                free(kt);
                free(vt);
                vb_lines_append(out, joined, yr_pos_of(r, item));
                continue;
            }
        }
        yr_type_error(r, item, "noi_nhan", "một chuỗi", "a text");
        ok = 0;
    }
    return ok;
}

static const char *const signer_keys[] = {"quyen_han", "chuc_vu", "ho_ten", NULL};

static int signer_pair(reader *r, const char *key, yaml_node_t *k, yaml_node_t *v, void *ctx)
{
    vb_signer *s = ctx;
    if (strcmp(key, "quyen_han") == 0)
        return yr_read_lines(r, v, key, &s->authority);
    if (strcmp(key, "chuc_vu") == 0)
        return yr_read_text(r, v, key, &s->title);
    if (strcmp(key, "ho_ten") == 0)
        return yr_read_text(r, v, key, &s->name);
    yr_unknown_key(r, k, key, signer_keys, r->diags->lang == VB_LANG_EN ? "the signature block (ky)" : "khối chữ ký (ky)");
    return 0;
}

static int read_signer(reader *r, yaml_node_t *node, vb_document *doc)
{
    if (node->type != YAML_MAPPING_NODE) {
        yr_type_error(r, node, "ky", "một ánh xạ quyen_han/chuc_vu/ho_ten", "a mapping of quyen_han/chuc_vu/ho_ten");
        return 0;
    }
    doc->signers = vb_xrealloc(doc->signers, (doc->signer_count + 1) * sizeof *doc->signers);
    vb_signer *s = &doc->signers[doc->signer_count++];
    memset(s, 0, sizeof *s);
    s->pos = yr_pos_of(r, node);
    int ok = yr_for_each_pair(r, node, signer_pair, s);
    if (r->budget_reported)
        return 0;
    if (!s->name.text) {
        vb_diag(r->diags, VB_SEV_ERROR, s->pos, "YAML-REQUIRED",
                VI_EN("khối chữ ký thiếu `ho_ten` (họ tên người ký)", "the signature block has no `ho_ten` (the signer's name)"));
        ok = 0;
    }
    if (!s->title.text && s->authority.count == 0) {
        vb_diag(r->diags, VB_SEV_ERROR, s->pos, "YAML-REQUIRED",
                VI_EN("khối chữ ký thiếu `quyen_han` và `chuc_vu`", "the signature block has neither `quyen_han` nor `chuc_vu`"));
        ok = 0;
    }
    return ok;
}

/* ---- the top level ---- */

enum field {
    F_THE_THUC, F_LOAI, F_TEN_LOAI, F_TRANG_THAI, F_CO_QUAN_CHU_QUAN, F_CO_QUAN, F_SO, F_KY_HIEU,
    F_DIA_DANH, F_NGAY, F_TRICH_YEU, F_KINH_GUI, F_THAM_QUYEN, F_CAN_CU, F_MO_DAU, F_NOI_DUNG,
    F_NOI_NHAN, F_KY, F_DAU_THANH, F_DO_MAT, F_DO_KHAN, F_PHU_LUC, F_COUNT
};

static const char *const top_keys[] = {
    [F_THE_THUC] = "the_thuc",   [F_LOAI] = "loai",         [F_TEN_LOAI] = "ten_loai",
    [F_TRANG_THAI] = "trang_thai", [F_CO_QUAN_CHU_QUAN] = "co_quan_chu_quan",
    [F_CO_QUAN] = "co_quan",     [F_SO] = "so",             [F_KY_HIEU] = "ky_hieu",
    [F_DIA_DANH] = "dia_danh",   [F_NGAY] = "ngay",         [F_TRICH_YEU] = "trich_yeu",
    [F_KINH_GUI] = "kinh_gui",   [F_THAM_QUYEN] = "tham_quyen", [F_CAN_CU] = "can_cu",
    [F_MO_DAU] = "mo_dau",       [F_NOI_DUNG] = "noi_dung", [F_NOI_NHAN] = "noi_nhan",
    [F_KY] = "ky",               [F_DAU_THANH] = "dau_thanh", [F_DO_MAT] = "do_mat",
    [F_DO_KHAN] = "do_khan",     [F_PHU_LUC] = "phu_luc",   [F_COUNT] = NULL,
};

typedef struct {
    yaml_node_t *values[F_COUNT];
    yaml_node_t *keys[F_COUNT];
} top_ctx;

static int top_pair(reader *r, const char *key, yaml_node_t *k, yaml_node_t *v, void *ctx)
{
    top_ctx *t = ctx;
    for (int f = 0; f < F_COUNT; f++) {
        if (strcmp(key, top_keys[f]) == 0) {
            t->values[f] = v;
            t->keys[f] = k;
            return 1;
        }
    }
    yr_unknown_key(r, k, key, top_keys, r->diags->lang == VB_LANG_EN ? "the document" : "văn bản");
    return 0;
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

static int read_number(reader *r, yaml_node_t *v, vb_document *doc)
{
    doc->number_pos = yr_pos_of(r, v);
    if (v->type != YAML_SCALAR_NODE) {
        yr_type_error(r, v, "so", "một số", "a number");
        return 0;
    }
    char *s = scalar_text(v);
    if (!s)
        return 1; /* blank: the văn thư fills it in */
    char *end = NULL;
    long n = strtol(s, &end, 10);
    int ok = end && *end == '\0' && isdigit((unsigned char)s[0]) && n >= 1 && n <= 999999;
    if (!ok)
        vb_diag(r->diags, VB_SEV_ERROR, doc->number_pos, "YAML-TYPE",
                VI_EN("`so` phải là một số nguyên dương (hoặc để trống khi là dự thảo), không phải \"%s\"",
                      "`so` must be a positive whole number (or blank in a draft), not \"%s\""),
                s);
    else
        doc->number = (int)n;
    free(s);
    return ok;
}

static void missing(reader *r, yaml_node_t *root, const char *key, const char *what_vi,
                    const char *what_en)
{
    vb_diag(r->diags, VB_SEV_ERROR, yr_pos_of(r, root), "YAML-REQUIRED",
            VI_EN("thiếu `%s` (%s)", "`%s` is missing (%s)"), key,
            r->diags->lang == VB_LANG_EN ? what_en : what_vi);
}

static int read_document(reader *r, yaml_node_t *root)
{
    vb_document *doc = r->doc;
    if (root->type != YAML_MAPPING_NODE) {
        vb_diag(r->diags, VB_SEV_ERROR, yr_pos_of(r, root), "YAML-ROOT",
                VI_EN("văn bản phải là một ánh xạ `khóa: giá trị` (the_thuc, loai, co_quan, …), không phải %s",
                      "a document must be a mapping of `key: value` (the_thuc, loai, co_quan, …), not %s"),
                yr_kind_name(r, root));
        return 0;
    }
    top_ctx t;
    memset(&t, 0, sizeof t);
    doc->root_pos = yr_pos_of(r, root);
    int ok = yr_for_each_pair(r, root, top_pair, &t);

    static const struct {
        int field;
        const char *vi, *en;
    } required[] = {
        {F_THE_THUC, "thể thức: nha_nuoc hoặc dang", "the format: nha_nuoc or dang"},
        {F_LOAI, "loại văn bản, ví dụ BC", "the document type, e.g. BC"},
        {F_CO_QUAN, "tên cơ quan ban hành", "the issuing body"},
        {F_KY_HIEU, "ký hiệu, ví dụ BC-UBND", "the ký hiệu, e.g. BC-UBND"},
        {F_DIA_DANH, "địa danh", "the place name"},
        {F_NGAY, "ngày ban hành", "the date"},
        {F_NOI_DUNG, "nội dung", "the body"},
        {F_NOI_NHAN, "nơi nhận", "the recipients"},
        {F_KY, "khối chữ ký", "the signature block"},
    };
    for (size_t i = 0; i < sizeof required / sizeof *required; i++) {
        if (!t.values[required[i].field]) {
            missing(r, root, top_keys[required[i].field], required[i].vi, required[i].en);
            ok = 0;
        }
    }

    /* The tone-mark style first: every text read after it gets it. */
    doc->tone_style = VB_TONE_TRADITIONAL;
    if (t.values[F_DAU_THANH]) {
        static const char *const styles[] = {"cu", "moi", "giu_nguyen", NULL};
        int st = 0;
        if (yr_read_enum(r, t.values[F_DAU_THANH], "dau_thanh", styles, &st)) {
            static const vb_tone_style map[] = {VB_TONE_TRADITIONAL, VB_TONE_MODERN, VB_TONE_KEEP};
            doc->tone_style = map[st];
            if (r->tone_style >= 0)
                r->tone_style = map[st];
        } else {
            ok = 0;
        }
    }
    if (t.values[F_THE_THUC]) {
        static const char *const formats[] = {"nha_nuoc", "dang", NULL};
        int f = 0;
        if (yr_read_enum(r, t.values[F_THE_THUC], "the_thuc", formats, &f))
            doc->format = f == 1 ? VB_FORMAT_PARTY : VB_FORMAT_STATE;
        else
            ok = 0;
        doc->format_pos = yr_pos_of(r, t.values[F_THE_THUC]);
    }
    if (t.values[F_TRANG_THAI]) {
        static const char *const states[] = {"ban_hanh", "du_thao", NULL};
        int s = 0;
        if (yr_read_enum(r, t.values[F_TRANG_THAI], "trang_thai", states, &s))
            doc->is_draft = s == 1;
        else
            ok = 0;
        doc->draft_pos = yr_pos_of(r, t.values[F_TRANG_THAI]);
    }
    if (t.values[F_LOAI]) {
        ok &= yr_read_text(r, t.values[F_LOAI], "loai", &doc->type_code);
        if (doc->type_code.text && !vb_doctype_find(doc->type_code.text, doc->format)) {
            vb_diag(r->diags, VB_SEV_ERROR, doc->type_code.pos, "YAML-TYPECODE",
                    VI_EN("loại văn bản \"%s\" không có trong thể thức %s (xem `vanban types`)",
                          "document type \"%s\" is not one of the %s types (see `vanban types`)"),
                    doc->type_code.text, doc->format == VB_FORMAT_PARTY ? "dang" : "nha_nuoc");
            ok = 0;
        }
    }
    if (t.values[F_DO_MAT]) {
        static const char *const levels[] = {"mat", "toi_mat", "tuyet_mat", NULL};
        int level = 0;
        if (yr_read_enum(r, t.values[F_DO_MAT], "do_mat", levels, &level))
            doc->secrecy = level + 1;
        else
            ok = 0;
    }
    if (t.values[F_DO_KHAN]) {
        static const char *const levels[] = {"khan", "thuong_khan", "hoa_toc", NULL};
        int level = 0;
        if (yr_read_enum(r, t.values[F_DO_KHAN], "do_khan", levels, &level))
            doc->urgency = level + 1;
        else
            ok = 0;
    }
    if (t.values[F_TEN_LOAI])
        ok &= yr_read_lines(r, t.values[F_TEN_LOAI], "ten_loai", &doc->type_name);
    if (t.values[F_CO_QUAN_CHU_QUAN])
        ok &= yr_read_lines(r, t.values[F_CO_QUAN_CHU_QUAN], "co_quan_chu_quan", &doc->parent_body);
    if (t.values[F_CO_QUAN]) {
        ok &= yr_read_lines(r, t.values[F_CO_QUAN], "co_quan", &doc->issuer);
        if (doc->issuer.count == 0) {
            vb_diag(r->diags, VB_SEV_ERROR, doc->issuer.pos, "YAML-REQUIRED",
                    VI_EN("`co_quan` trống", "`co_quan` is empty"));
            ok = 0;
        }
    }
    int number_ok = 1;
    if (t.values[F_SO]) {
        number_ok = read_number(r, t.values[F_SO], doc);
        ok &= number_ok;
    }
    if (t.values[F_KY_HIEU]) {
        ok &= yr_read_text(r, t.values[F_KY_HIEU], "ky_hieu", &doc->code);
        if (!doc->code.text) {
            vb_diag(r->diags, VB_SEV_ERROR, doc->code.pos, "YAML-REQUIRED",
                    VI_EN("`ky_hieu` trống", "`ky_hieu` is empty"));
            ok = 0;
        }
    }
    if (t.values[F_DIA_DANH]) {
        ok &= yr_read_text(r, t.values[F_DIA_DANH], "dia_danh", &doc->place);
        if (!doc->place.text) {
            vb_diag(r->diags, VB_SEV_ERROR, doc->place.pos, "YAML-REQUIRED",
                    VI_EN("`dia_danh` trống", "`dia_danh` is empty"));
            ok = 0;
        }
    }
    if (t.values[F_NGAY] && !read_date(r, t.values[F_NGAY], "ngay", &doc->date))
        ok = 0;
    /* Where a blank number or day is allowed is the validator's business (HDR-BLANK). */
    (void)number_ok;
    if (!t.values[F_SO])
        doc->number_pos = yr_pos_of(r, root);
    if (t.values[F_TRICH_YEU])
        ok &= yr_read_text(r, t.values[F_TRICH_YEU], "trich_yeu", &doc->subject);
    if (t.values[F_KINH_GUI])
        ok &= yr_read_lines(r, t.values[F_KINH_GUI], "kinh_gui", &doc->addressees);
    if (t.values[F_THAM_QUYEN])
        ok &= yr_read_text(r, t.values[F_THAM_QUYEN], "tham_quyen", &doc->authority_line);
    if (t.values[F_CAN_CU])
        ok &= yr_read_lines(r, t.values[F_CAN_CU], "can_cu", &doc->legal_bases);
    if (t.values[F_MO_DAU])
        ok &= yr_read_text(r, t.values[F_MO_DAU], "mo_dau", &doc->preamble_close);
    if (t.values[F_NOI_DUNG]) {
        doc->body_pos = yr_pos_of(r, t.values[F_NOI_DUNG]);
        doc->body->pos = doc->body_pos;
        ok &= yr_read_blocks(r, t.values[F_NOI_DUNG], doc->body, 0);
    }
    if (t.values[F_PHU_LUC])
        ok &= yr_read_appendices(r, t.values[F_PHU_LUC]);
    if (t.values[F_NOI_NHAN])
        ok &= read_recipients(r, t.values[F_NOI_NHAN], &doc->recipients);
    if (t.values[F_KY]) {
        yaml_node_t *k = t.values[F_KY];
        doc->signers_pos = yr_pos_of(r, k);
        if (k->type == YAML_SEQUENCE_NODE) {
            for (yaml_node_item_t *it = k->data.sequence.items.start; it < k->data.sequence.items.top; it++) {
                yaml_node_t *item = yaml_document_get_node(r->ydoc, *it);
                if (!yr_visit(r, item))
                    return 0;
                ok &= read_signer(r, item, doc);
            }
            if (k->data.sequence.items.top == k->data.sequence.items.start) {
                vb_diag(r->diags, VB_SEV_ERROR, doc->signers_pos, "YAML-REQUIRED",
                        VI_EN("`ky` không có người ký nào", "`ky` lists no signer"));
                ok = 0;
            }
        } else {
            ok &= read_signer(r, k, doc);
        }
    }
    return ok;
}

#define MAX_FLOW_DEPTH 256
#define MAX_INDENT 2048

/* What a byte is to the nesting scan below, outside quotes and comments and after a line's
 * indentation: most bytes only end a place where a scalar could start, blanks change
 * nothing, and the rest must be looked at. A table: the scan sees every byte of the file. */
enum { NEST_ORDINARY, NEST_BLANK, NEST_SPECIAL };
static const unsigned char nesting_class[256] = {
    [' '] = NEST_BLANK, ['\t'] = NEST_BLANK,
    ['\n'] = NEST_SPECIAL, ['"'] = NEST_SPECIAL, ['\''] = NEST_SPECIAL, ['#'] = NEST_SPECIAL,
    ['['] = NEST_SPECIAL, [']'] = NEST_SPECIAL, ['{'] = NEST_SPECIAL, ['}'] = NEST_SPECIAL,
    [','] = NEST_SPECIAL, [':'] = NEST_SPECIAL, ['-'] = NEST_SPECIAL, ['?'] = NEST_SPECIAL,
};

int vb_yaml_nesting_ok(const char *data, size_t len, unsigned *line, unsigned *column)
{
    int depth = 0;
    char quote = 0;
    size_t line_start = 0;
    int at_line_start = 1;
    unsigned indent = 0;
    int scalar_can_start = 1; /* after the line's indentation, "[", "{", ",", ": ", "- " */
    *line = 1;
    for (size_t i = 0; i < len; i++) {
        /* Fast paths: in plain text, ordinary bytes only end a place where a scalar could
         * start and blanks change nothing; inside quotes only the closing quote, an escape
         * and a newline matter (the closing quote resets what the bytes before it set); a
         * comment runs to the end of its line. */
        if (!quote && !at_line_start) {
            unsigned char seen = 0;
            while (i < len && nesting_class[(unsigned char)data[i]] != NEST_SPECIAL)
                seen |= (unsigned char)(nesting_class[(unsigned char)data[i++]] == NEST_ORDINARY);
            if (seen)
                scalar_can_start = 0;
            if (i == len)
                break;
        } else if ((quote == '"' || quote == '\'') && !at_line_start) {
            while (i < len && data[i] != quote && data[i] != '\\' && data[i] != '\n')
                i++;
            if (i == len)
                break;
        }
        char ch = data[i];
        if (quote == '#' && ch != '\n') {
            const char *nl = memchr(data + i, '\n', len - i);
            if (!nl)
                break;
            i = (size_t)(nl - data) - 1; /* the newline is the next byte handled */
            continue;
        }
        int can_start_here = scalar_can_start;
        if (ch != ' ' && ch != '\t')
            scalar_can_start = ch == '[' || ch == '{' || ch == ',' || ch == ':' || ch == '-' || ch == '?';
        if (!quote && (ch == '"' || ch == '\'') && !can_start_here)
            continue;
        if (ch == '\n') {
            (*line)++;
            line_start = i + 1;
            at_line_start = 1;
            scalar_can_start = 1;
            indent = 0;
            if (quote == '#')
                quote = 0;
            continue;
        }
        /* Indentation and "- - - …" chains are block nesting. */
        if (at_line_start) {
            if (ch == ' ' || ((ch == '-' || ch == '?' || ch == ':') && i + 1 < len && data[i + 1] == ' ')) {
                if (++indent > MAX_INDENT) {
                    *column = (unsigned)vb_utf8_count(data + line_start, i - line_start) + 1;
                    goto too_deep;
                }
                continue;
            }
            at_line_start = 0;
        }
        if (quote) {
            if (quote == '#')
                continue;
            if (ch == '\\' && quote == '"')
                i++;
            else if (ch == quote)
                quote = 0;
            continue;
        }
        /* A quote opens a quoted scalar only where a scalar can start: M'Đrắk is plain text. */
        if (ch == '"' || ch == '\'')
            quote = ch;
        else if (ch == '#' && (i == 0 || data[i - 1] == ' ' || data[i - 1] == '\t'))
            quote = '#';
        else if (ch == '[' || ch == '{') {
            if (++depth > MAX_FLOW_DEPTH) {
                *column = (unsigned)vb_utf8_count(data + line_start, i - line_start) + 1;
                goto too_deep;
            }
        } else if ((ch == ']' || ch == '}') && depth > 0)
            depth--;
    }
    return 1;
too_deep:
    /* The column of the character that passed the limit: the scan stopped at it. */
    return 0;
}

/* Line and column (1-based, in characters) of byte `offset`. */
static void locate(const char *data, size_t offset, unsigned *line, unsigned *column)
{
    *line = 1;
    size_t line_start = 0;
    for (size_t i = 0; i < offset; i++) {
        if (data[i] == '\n') {
            (*line)++;
            line_start = i + 1;
        }
    }
    *column = (unsigned)vb_utf8_count(data + line_start, offset - line_start) + 1;
}

vb_document *vb_yaml_read(const char *name, const char *data, size_t len, vb_diagnostics *diags)
{
    return vb_yaml_read_with(name, data, len, diags, 1);
}

vb_document *vb_yaml_read_with(const char *name, const char *data, size_t len, vb_diagnostics *diags,
                               int restyle)
{
    vb_read_options options = {restyle, NULL, 0};
    return vb_yaml_read_opts(name, data, len, diags, &options);
}

vb_document *vb_yaml_read_template(const char *name, const char *data, size_t len,
                                   vb_diagnostics *diags, const vb_vars *vars)
{
    vb_read_options options = {1, vars, 0};
    return vb_yaml_read_opts(name, data, len, diags, &options);
}

static void report_invalid_utf8(vb_diagnostics *diags, const vb_document *doc, const char *data,
                                long bad)
{
    vb_pos p = {doc->source_name, 0, 0};
    locate(data, (size_t)bad, &p.line, &p.column);
    vb_diag(diags, VB_SEV_ERROR, p, "INPUT-UTF8",
            VI_EN("tệp không phải UTF-8 hợp lệ (byte 0x%02X); nếu là TCVN3/VNI, hãy chuyển sang Unicode",
                  "the file is not valid UTF-8 (byte 0x%02X); if it is TCVN3/VNI, convert it to Unicode"),
            (unsigned)(unsigned char)data[bad]);
}

vb_document *vb_yaml_read_opts(const char *name, const char *data, size_t len, vb_diagnostics *diags,
                               const vb_read_options *options)
{
    vb_document *doc = vb_document_new(name);
    size_t errors_before = diags->error_count;
    /* tone_style -1: texts keep their marks as typed (NFC only). */
    int tone_style = options->restyle ? (int)VB_TONE_TRADITIONAL : -1;

    /* Threaded, the UTF-8 check runs beside libyaml, which checks the bytes it reads too:
     * the scan's answer, with its position, is awaited before anything is reported. */
    vb_source_scan *scan = vb_source_scan_start(data, len, tone_style, options->spare_core);
    long bad = options->spare_core ? -1 : vb_source_scan_invalid_utf8(scan);
    if (bad >= 0) {
        report_invalid_utf8(diags, doc, data, bad);
        vb_source_scan_free(scan);
        vb_document_free(doc);
        return NULL;
    }

    /* Deep nesting is found before libyaml sees it; bad UTF-8 is reported first all the same. */
    unsigned deep_line = 0, deep_column = 0;
    if (!vb_yaml_nesting_ok(data, len, &deep_line, &deep_column)) {
        if ((bad = vb_source_scan_invalid_utf8(scan)) >= 0) {
            report_invalid_utf8(diags, doc, data, bad);
        } else {
            vb_pos p = {doc->source_name, deep_line, deep_column};
            vb_diag(diags, VB_SEV_ERROR, p, "YAML-DEPTH",
                    VI_EN("YAML lồng quá sâu (quá %d cấp ngoặc hoặc %d cột thụt lề)",
                          "the YAML nests too deeply (more than %d brackets or %d columns of indentation)"),
                    MAX_FLOW_DEPTH, MAX_INDENT);
        }
        vb_source_scan_free(scan);
        vb_document_free(doc);
        return NULL;
    }

    yaml_parser_t parser;
    yaml_document_t ydoc;
    yaml_parser_initialize(&parser);
    yaml_parser_set_input_string(&parser, (const unsigned char *)data, len);
    int loaded = yaml_parser_load(&parser, &ydoc);
    if ((bad = vb_source_scan_invalid_utf8(scan)) >= 0 || !loaded) {
        if (bad >= 0) {
            report_invalid_utf8(diags, doc, data, bad);
        } else {
            vb_pos p = {doc->source_name, (unsigned)parser.problem_mark.line + 1,
                        (unsigned)parser.problem_mark.column + 1};
            const char *problem = parser.problem ? parser.problem : "unknown error";
            if (parser.context)
                vb_diag(diags, VB_SEV_ERROR, p, "YAML-SYNTAX",
                        VI_EN("YAML sai cú pháp: %s (%s, từ dòng %u)",
                              "YAML syntax error: %s (%s, from line %u)"),
                        problem, parser.context, (unsigned)parser.context_mark.line + 1);
            else
                vb_diag(diags, VB_SEV_ERROR, p, "YAML-SYNTAX",
                        VI_EN("YAML sai cú pháp: %s", "YAML syntax error: %s"), problem);
        }
        if (loaded)
            yaml_document_delete(&ydoc);
        yaml_parser_delete(&parser);
        vb_source_scan_free(scan);
        vb_document_free(doc);
        return NULL;
    }

    yaml_node_t *root = yaml_document_get_root_node(&ydoc);
    reader r = {options->vars, tone_style, data, len, &ydoc, doc, diags, 0, 0, 0,
                vb_tone_cache_new(), scan};
    r.visit_budget = (size_t)(ydoc.nodes.top - ydoc.nodes.start) * MAX_NODE_VISITS_PER_NODE + 64;
    if (!root) {
        vb_pos p = {doc->source_name, 1, 1};
        vb_diag(diags, VB_SEV_ERROR, p, "YAML-ROOT",
                VI_EN("tệp trống: không có văn bản nào", "the file is empty: there is no document"));
    } else {
        read_document(&r, root);
        /* One file is one document: a second one would be silently ignored otherwise. */
        yaml_document_t next;
        if (yaml_parser_load(&parser, &next)) {
            yaml_node_t *extra = yaml_document_get_root_node(&next);
            if (extra) {
                vb_pos p = {doc->source_name, (unsigned)next.start_mark.line + 1,
                            (unsigned)next.start_mark.column + 1};
                vb_diag(diags, VB_SEV_ERROR, p, "YAML-MULTIDOC",
                        VI_EN("mỗi tệp chỉ chứa một văn bản; tệp này có thêm tài liệu YAML thứ hai",
                              "one file holds one document; this one has a second YAML document"));
            }
            yaml_document_delete(&next);
        } else {
            vb_pos p = {doc->source_name, (unsigned)parser.problem_mark.line + 1,
                        (unsigned)parser.problem_mark.column + 1};
            vb_diag(diags, VB_SEV_ERROR, p, "YAML-SYNTAX",
                    VI_EN("YAML sai cú pháp: %s", "YAML syntax error: %s"),
                    parser.problem ? parser.problem : "unknown error");
        }
    }
    vb_source_scan_free(scan);
    vb_tone_cache_free(r.tone_cache);
    yaml_document_delete(&ydoc);
    yaml_parser_delete(&parser);

    if (diags->error_count > errors_before) {
        vb_document_free(doc);
        return NULL;
    }
    vb_document_number_sections(doc);
    return doc;
}
