/* The body of a document (noi_dung): paragraphs, sections with their numbering level and
 * role, tasks grouped by agency, and tables (read by yaml_tables.c). */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <yaml.h>

#include "layout/format.h"
#include "deadline.h"
#include "model/markup.h"
#include "viet/text.h"
#include "yaml_internal.h"

/* Deeper body nesting than this is not a document but an attack or a mistake. */
#define MAX_BODY_DEPTH 24

/* ---- body ---- */

static const struct {
    const char *key;
    vb_section_level level;
} section_keys[] = {
    {"phan", VB_LEVEL_PHAN},   {"chuong", VB_LEVEL_CHUONG}, {"muc", VB_LEVEL_MUC},
    {"khoan", VB_LEVEL_KHOAN}, {"diem", VB_LEVEL_DIEM},     {"dieu", VB_LEVEL_DIEU},
};

static const char *const block_keys[] = {"phan", "chuong", "muc", "khoan", "diem", "dieu",
                                         "noi_dung", "nhiem_vu", "vai_tro", "trinh_bay",
                                         "tieu_de_phu_luc", "huong", NULL};

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

/* One end of a deadline given as YAML dates (2025-10-01, 2025-10): 1 read, 0 not such a
 * date, -1 one that does not exist. */
static int iso_deadline_point(const char *s, vb_deadline *d, vb_date *out)
{
    vb_date date = {0};
    int res = yr_parse_date(s, &date);
    if (res <= 0)
        return res;
    date.pos = d->pos;
    *out = date;
    return 1;
}

static void deadline_error(reader *r, vb_pos pos, const char *text)
{
    vb_diag(r->diags, VB_SEV_ERROR, pos, "YAML-DATE",
            VI_EN("`han`: ngày \"%s\" không tồn tại", "`han`: the date \"%s\" does not exist"),
            text);
}

/* `han`: a date (2025-03-31), a month (2025-03), a year (2025), a pair of dates or months
 * (a range), or words (deadline.h); words that are no time stay text. */
static int read_deadline(reader *r, yaml_node_t *v, vb_deadline *d)
{
    d->pos = yr_pos_of(r, v);
    if (v->type == YAML_SEQUENCE_NODE && v->data.sequence.items.top - v->data.sequence.items.start == 2) {
        vb_date ends[2];
        for (int i = 0; i < 2; i++) {
            yaml_node_t *item = yaml_document_get_node(r->ydoc, v->data.sequence.items.start[i]);
            char *s = item->type == YAML_SCALAR_NODE ? scalar_text(item) : NULL;
            int res = s ? iso_deadline_point(s, d, &ends[i]) : 0;
            if (res < 0)
                deadline_error(r, yr_pos_of(r, item), s);
            free(s);
            if (res < 0)
                return 0;
            if (res == 0 || !ends[i].month || (i == 1 && !ends[0].day != !ends[1].day)) {
                yr_type_error(r, v, "han", "hai ngày (hoặc hai tháng) cùng dạng: [2025-10-01, 2025-10-31]",
                              "two days (or two months) of the same form: [2025-10-01, 2025-10-31]");
                return 0;
            }
        }
        d->kind = VB_DEADLINE_RANGE;
        d->start = ends[0];
        d->end = ends[1];
        return 1;
    }
    if (v->type != YAML_SCALAR_NODE) {
        yr_type_error(r, v, "han", "một ngày, một khoảng thời gian hoặc một chuỗi",
                      "a date, a period or a text");
        return 0;
    }
    char *s = scalar_text(v);
    if (!s)
        return 1;
    vb_date date = {0};
    int res = iso_deadline_point(s, d, &date);
    if (res > 0) {
        d->kind = !date.month ? VB_DEADLINE_YEAR : !date.day ? VB_DEADLINE_MONTH : VB_DEADLINE_DAY;
        d->end = date;
        free(s);
        return 1;
    }
    if (res == 0)
        res = vb_deadline_parse(s, d);
    if (res < 0) {
        deadline_error(r, d->pos, s);
        free(s);
        return 0;
    }
    if (res > 0) {
        d->start.pos = d->end.pos = d->pos;
        free(s);
        return 1;
    }
    /* "học kỳ I năm học 2024-2025": kept as written; check says it cannot be checked. */
    d->kind = VB_DEADLINE_TEXT;
    d->text.text = s;
    d->text.pos = d->pos;
    return 1;
}

static int task_pair(reader *r, const char *key, yaml_node_t *k, yaml_node_t *v, void *ctx)
{
    vb_task_data *t = &((task_ctx *)ctx)->task->task;
    if (strcmp(key, "noi_dung") == 0)
        return yr_read_text(r, v, key, &t->action);
    if (strcmp(key, "phoi_hop") == 0)
        return yr_read_text(r, v, key, &t->coordinator);
    if (strcmp(key, "san_pham") == 0)
        return yr_read_text(r, v, key, &t->product);
    if (strcmp(key, "han") == 0)
        return read_deadline(r, v, &t->deadline);
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
    if (!task->task.action.text && !yr_misspelt(r, node, "noi_dung")) {
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

static int read_tasks(reader *r, yaml_node_t *seq, vb_node *parent, vb_node **out)
{
    if (seq->type != YAML_SEQUENCE_NODE) {
        yr_type_error(r, seq, "nhiem_vu", "một danh sách đơn vị (don_vi, viec)", "a list of agencies (don_vi, viec)");
        return 0;
    }
    vb_node *block = vb_node_new(VB_NODE_TASKS, yr_pos_of(r, seq));
    vb_node_append(parent, block);
    *out = block;
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
            if (!yr_misspelt(r, item, "don_vi"))
                vb_diag(r->diags, VB_SEV_ERROR, agency->pos, "YAML-REQUIRED",
                        VI_EN("thiếu `don_vi` (cơ quan, đơn vị thực hiện)", "`don_vi` (the agency) is missing"));
            ok = 0;
        } else {
            vb_markup_inline(&agency->title, agency->agency.agency.text, strlen(agency->agency.agency.text));
        }
        if (!ctx.tasks) {
            if (!yr_misspelt(r, item, "viec"))
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
    yaml_node_t *tasks_options[3]; /* trinh_bay, tieu_de_phu_luc, huong: only with nhiem_vu */
    int has_level;
} section_ctx;

static const char *const tasks_option_keys[] = {"trinh_bay", "tieu_de_phu_luc", "huong"};

/* How the nhiem_vu block of this mapping is shown: trinh_bay, tieu_de_phu_luc, huong. */
static int read_tasks_options(reader *r, const section_ctx *s, vb_node *block)
{
    static const char *const layouts[] = {"doan_van", "bang", "phu_luc", NULL};
    vb_tasks_data *t = &block->tasks;
    int ok = 1, layout = VB_TASKS_PROSE, orientation_given = 0;
    if (s->tasks_options[0] && yr_read_enum(r, s->tasks_options[0], "trinh_bay", layouts, &layout))
        t->layout = (vb_tasks_layout)layout;
    else if (s->tasks_options[0])
        ok = 0;
    if (s->tasks_options[1])
        ok &= yr_read_text(r, s->tasks_options[1], "tieu_de_phu_luc", &t->appendix_title);
    if (s->tasks_options[2]) {
        ok &= yr_read_orientation(r, s->tasks_options[2], &t->landscape);
        orientation_given = 1;
    }
    /* A Phụ lục of tasks is landscape unless the drafter says otherwise (huong: doc). */
    if (t->layout == VB_TASKS_APPENDIX && !orientation_given)
        t->landscape = 1;
    for (int i = 1; i < 3 && ok; i++) {
        int wrong = s->tasks_options[i] && (i == 1 ? t->layout != VB_TASKS_APPENDIX : t->layout == VB_TASKS_PROSE);
        if (wrong) {
            vb_diag(r->diags, VB_SEV_ERROR, yr_pos_of(r, s->tasks_options[i]), "YAML-VALUE",
                    VI_EN("`%s` chỉ dùng với `trinh_bay: %s`", "`%s` goes only with `trinh_bay: %s`"),
                    tasks_option_keys[i], i == 1 ? "phu_luc" : "bang (hoặc phu_luc)");
            ok = 0;
        }
    }
    return ok;
}

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
    for (size_t i = 0; i < sizeof tasks_option_keys / sizeof *tasks_option_keys; i++)
        if (strcmp(key, tasks_option_keys[i]) == 0) {
            s->tasks_options[i] = v;
            return 1;
        }
    if (strcmp(key, "bang") == 0) {
        /* `bang:` is a block of its own; beside nhiem_vu the drafter wants the tasks as a table. */
        vb_diag(r->diags, VB_SEV_ERROR, yr_pos_of(r, k), "YAML-KEY",
                VI_EN("`bang` là một khối riêng (`- bang: …`), không phải khóa của khối này; để trình bày nhiệm vụ thành bảng, viết `trinh_bay: bang` (hoặc `trinh_bay: phu_luc`) bên cạnh `nhiem_vu`",
                      "`bang` is a block of its own (`- bang: …`), not a key of this block; to show tasks as a table, write `trinh_bay: bang` (or `trinh_bay: phu_luc`) beside `nhiem_vu`"));
        return 0;
    }
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
    section_ctx ctx = {section, NULL, NULL, {NULL, NULL, NULL}, 0};
    int ok = yr_for_each_pair(r, node, section_pair, &ctx);
    for (size_t i = 0; i < 3 && !ctx.tasks; i++)
        if (ctx.tasks_options[i]) {
            vb_diag(r->diags, VB_SEV_ERROR, yr_pos_of(r, ctx.tasks_options[i]), "YAML-VALUE",
                    VI_EN("`%s` cho biết cách trình bày khối `nhiem_vu`, nhưng khối này không có `nhiem_vu`",
                          "`%s` says how a `nhiem_vu` block is shown, but this block has no `nhiem_vu`"),
                    tasks_option_keys[i]);
            ok = 0;
        }
    vb_node *block = NULL;
    if (!ctx.has_level && ctx.tasks && !ctx.children) {
        /* A bare `- nhiem_vu: [...]` block. */
        vb_node_free_tree(section);
        ok &= read_tasks(r, ctx.tasks, parent, &block);
        return block && read_tasks_options(r, &ctx, block) && ok;
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
    if (ctx.tasks && !read_tasks(r, ctx.tasks, section, &block))
        ok = 0;
    if (block && !read_tasks_options(r, &ctx, block))
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
