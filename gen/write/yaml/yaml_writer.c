/* The document's layout as YAML: keys, nesting, indentation and comments. Every scalar goes
 * through libyaml's emitter (yaml_scalar.c) and every inline text through the CommonMark
 * writer (yaml_markup.c); this file decides only where things go.
 *
 * The text is built line by line. Each value written notes its model position and its
 * line ("anchors"); at the end every vb_note goes, as a comment, on the line of the value
 * whose position matches it (or the nearest value before it in reading order). */
#include "yaml_writer.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "layout/format.h"
#include "model/row_store.h"
#include "package/output_file.h"
#include "viet/tone.h"
#include "yaml_markup.h"
#include "yaml_scalar.h"

/* A value's model position and its line in the text (a 100 000-row table has 600 000). */
typedef struct {
    unsigned pos_line, pos_column;
    size_t line;
} anchor;

typedef struct {
    size_t line;
    const char *text; /* static */
} remark;

typedef struct {
    vb_buf out;
    size_t lines;        /* complete lines in `out` */
    size_t counted;      /* bytes of `out` whose newlines are counted */
    anchor *anchors;
    size_t anchor_count, anchor_cap;
    remark *remarks;     /* the writer's own comments: markup that could not be kept */
    size_t remark_count, remark_cap;
    vb_scalar_emitter *scalars;
    int placing_notes;   /* the document has notes: anchors are kept for them */
    const char *failure; /* why a table's rows kept in a temporary file could not be read */
} writer;

static size_t current_line(writer *w)
{
    for (; w->counted < w->out.len; w->counted++)
        if (w->out.data[w->counted] == '\n')
            w->lines++;
    return w->lines;
}

static void mark(writer *w, vb_pos pos)
{
    if (pos.line == 0 || !w->placing_notes)
        return;
    if (w->anchor_count == w->anchor_cap) {
        w->anchor_cap = w->anchor_cap ? 2 * w->anchor_cap : 64;
        w->anchors = vb_xrealloc(w->anchors, w->anchor_cap * sizeof *w->anchors);
    }
    w->anchors[w->anchor_count++] = (anchor){pos.line, pos.column, current_line(w)};
}

static void add_remark(writer *w, vb_markup_result result)
{
    if (result == VB_MARKUP_EXACT)
        return;
    if (w->remark_count == w->remark_cap) {
        w->remark_cap = w->remark_cap ? 2 * w->remark_cap : 8;
        w->remarks = vb_xrealloc(w->remarks, w->remark_cap * sizeof *w->remarks);
    }
    w->remarks[w->remark_count].line = current_line(w);
    w->remarks[w->remark_count++].text =
        result == VB_MARKUP_NO_EMPHASIS
            ? "chữ đậm, nghiêng ở đây không viết được bằng Markdown: đã bỏ"
            : "đoạn này đọc lại có thể khác bản gốc (\"^[\" mở một chú thích)";
}

static void pad(writer *w, int indent)
{
    vb_buf_printf(&w->out, "%*s", indent, "");
}

/* `key:` opening a nested block (a list or a mapping) on the lines that follow. */
static void open_key(writer *w, int indent, const char *key, vb_pos pos)
{
    pad(w, indent);
    mark(w, pos);
    vb_buf_printf(&w->out, "%s:\n", key);
}

/* `key: value` for a value this file makes (enumerations, dates, numbers: plain ASCII). */
static void put_word(writer *w, int indent, const char *key, const char *value, vb_pos pos)
{
    pad(w, indent);
    mark(w, pos);
    vb_buf_printf(&w->out, "%s: %s\n", key, value);
}

/* `key: text` (or `- text` with key NULL), the text through libyaml. */
static void put_text(writer *w, int indent, const char *key, const char *text, vb_pos pos)
{
    pad(w, indent);
    mark(w, pos);
    if (key)
        vb_buf_printf(&w->out, "%s: ", key);
    else
        vb_buf_add(&w->out, "- ");
    vb_yaml_scalar(w->scalars, &w->out, text, VB_SCALAR_BLOCK, indent + 2);
    vb_buf_add(&w->out, "\n");
}

/* A text, or a list of lines: one line as a text, several as a list. */
static void put_lines(writer *w, int indent, const char *key, const vb_lines *lines, int always_list)
{
    if (lines->count == 0)
        return;
    if (lines->count == 1 && !always_list) {
        mark(w, lines->pos);
        put_text(w, indent, key, lines->items[0].text, lines->items[0].pos);
        return;
    }
    open_key(w, indent, key, lines->pos);
    for (size_t i = 0; i < lines->count; i++)
        put_text(w, indent + 2, NULL, lines->items[i].text, lines->items[i].pos);
}

static void put_optional(writer *w, int indent, const char *key, const vb_text *t)
{
    if (t->text)
        put_text(w, indent, key, t->text, t->pos);
}

/* A YAML date for one end of a deadline: 2025-03-31, 2025-03 or 2025. */
static void iso_point(const vb_date *d, char *buf, size_t size)
{
    if (d->month && d->day)
        snprintf(buf, size, "%04d-%02d-%02d", d->year, d->month, d->day);
    else if (d->month)
        snprintf(buf, size, "%04d-%02d", d->year, d->month);
    else
        snprintf(buf, size, "%04d", d->year);
}

/* `han`: days, months and years as YAML dates, a range as a pair of them, a quarter or a
 * recurring term in the words the reader reads back (deadline.h), other words as written. */
static void put_deadline(writer *w, int indent, const vb_deadline *d)
{
    char from[32], to[32];
    switch (d->kind) {
    case VB_DEADLINE_NONE:
        return;
    case VB_DEADLINE_DAY:
    case VB_DEADLINE_MONTH:
    case VB_DEADLINE_YEAR:
        iso_point(&d->end, to, sizeof to);
        put_word(w, indent, "han", to, d->pos);
        return;
    case VB_DEADLINE_RANGE: {
        iso_point(&d->start, from, sizeof from);
        iso_point(&d->end, to, sizeof to);
        char pair[80];
        snprintf(pair, sizeof pair, "[%s, %s]", from, to);
        put_word(w, indent, "han", pair, d->pos);
        return;
    }
    case VB_DEADLINE_QUARTER:
    case VB_DEADLINE_RECURRING: {
        char *words = vb_format_deadline(d, 1);
        put_text(w, indent, "han", words, d->pos);
        free(words);
        return;
    }
    case VB_DEADLINE_TEXT:
        if (d->text.text)
            put_text(w, indent, "han", d->text.text, d->pos);
        return;
    }
}

/* How a task block is shown, beside its `nhiem_vu:` (the reader's defaults left out). */
static void put_tasks_options(writer *w, int indent, const vb_node *block)
{
    static const char *const layouts[] = {"doan_van", "bang", "phu_luc"};
    const vb_tasks_data *t = &block->tasks;
    if (t->layout == VB_TASKS_PROSE)
        return;
    put_word(w, indent, "trinh_bay", layouts[t->layout], (vb_pos){0});
    if (t->layout == VB_TASKS_APPENDIX)
        put_optional(w, indent, "tieu_de_phu_luc", &t->appendix_title);
    if (t->landscape != (t->layout == VB_TASKS_APPENDIX))
        put_word(w, indent, "huong", t->landscape ? "ngang" : "doc", (vb_pos){0});
}

static void put_date(writer *w, int indent, const char *key, const vb_date *d)
{
    char buf[32];
    iso_point(d, buf, sizeof buf);
    put_word(w, indent, key, buf, d->pos);
}

/* ---- the body ---- */

static const char *const level_keys[VB_LEVEL_COUNT] = {
    [VB_LEVEL_PHAN] = "phan",   [VB_LEVEL_CHUONG] = "chuong", [VB_LEVEL_MUC] = "muc",
    [VB_LEVEL_KHOAN] = "khoan", [VB_LEVEL_DIEM] = "diem",     [VB_LEVEL_DIEU] = "dieu",
};

static const struct {
    unsigned role;
    const char *name;
} role_names[] = {
    {VB_ROLE_ASSESSMENT, "danh_gia"}, {VB_ROLE_RECOMMENDATION, "kien_nghi"},
    {VB_ROLE_TASKS, "nhiem_vu"},      {VB_ROLE_PURPOSE, "muc_dich"},
    {VB_ROLE_ORGANISATION, "to_chuc_thuc_hien"}, {VB_ROLE_CONCLUSION, "ket_luan"},
};

static void write_blocks(writer *w, int indent, const vb_node *first);
static void write_table(writer *w, int indent, const vb_table *t);

static void write_tasks(writer *w, int indent, const vb_node *block)
{
    for (const vb_node *agency = block->first_child; agency; agency = agency->next) {
        pad(w, indent);
        mark(w, agency->pos);
        vb_buf_add(&w->out, "- ");
        mark(w, agency->agency.agency.pos);
        vb_buf_add(&w->out, "don_vi: ");
        if (agency->agency.agency.text) {
            vb_yaml_scalar(w->scalars, &w->out, agency->agency.agency.text, VB_SCALAR_BLOCK, indent + 4);
        } else {
            vb_buf title = {0};
            add_remark(w, vb_yaml_markup_title(&title, &agency->title));
            vb_yaml_scalar(w->scalars, &w->out, title.data ? title.data : "", VB_SCALAR_BLOCK, indent + 4);
            vb_buf_free(&title);
        }
        vb_buf_add(&w->out, "\n");
        if (agency->first_child)
            open_key(w, indent + 2, "viec", (vb_pos){0});
        else
            put_word(w, indent + 2, "viec", "[]", (vb_pos){0});
        for (const vb_node *task = agency->first_child; task; task = task->next) {
            const vb_task_data *t = &task->task;
            pad(w, indent + 4);
            mark(w, task->pos);
            vb_buf_add(&w->out, "- ");
            mark(w, t->action.pos);
            vb_buf_add(&w->out, "noi_dung: ");
            vb_yaml_scalar(w->scalars, &w->out, t->action.text ? t->action.text : "", VB_SCALAR_BLOCK, indent + 8);
            vb_buf_add(&w->out, "\n");
            put_deadline(w, indent + 6, &t->deadline);
            put_optional(w, indent + 6, "phoi_hop", &t->coordinator);
            put_optional(w, indent + 6, "san_pham", &t->product);
        }
    }
}

static void write_section(writer *w, int indent, const vb_node *section)
{
    pad(w, indent);
    mark(w, section->pos);
    vb_buf title = {0};
    add_remark(w, vb_yaml_markup_title(&title, &section->title));
    vb_buf_printf(&w->out, "- %s: ", level_keys[section->level]);
    vb_yaml_scalar(w->scalars, &w->out, title.data ? title.data : "", VB_SCALAR_BLOCK, indent + 4);
    vb_buf_add(&w->out, "\n");
    vb_buf_free(&title);
    if (section->roles) {
        vb_buf roles = {0};
        for (size_t i = 0; i < sizeof role_names / sizeof *role_names; i++)
            if (section->roles & role_names[i].role)
                vb_buf_printf(&roles, "%s%s", roles.len ? ", " : "", role_names[i].name);
        put_word(w, indent + 2, "vai_tro", roles.data, (vb_pos){0});
        vb_buf_free(&roles);
    }
    /* The reader puts a section's `nhiem_vu:` after its `noi_dung:`: a task block that ends
     * the section is written that way, any other one as an item of `noi_dung`. */
    const vb_node *last = section->last_child;
    int tasks_last = last && last->kind == VB_NODE_TASKS;
    if (section->first_child && section->first_child != (tasks_last ? last : NULL)) {
        open_key(w, indent + 2, "noi_dung", (vb_pos){0});
        write_blocks(w, indent + 4, section->first_child);
    }
    if (tasks_last) {
        open_key(w, indent + 2, "nhiem_vu", last->pos);
        write_tasks(w, indent + 4, last);
        put_tasks_options(w, indent + 2, last);
    }
}

/* Writes the blocks from `first` on; with a section's trailing task block left out. */
static void write_blocks(writer *w, int indent, const vb_node *first)
{
    const vb_node *parent = first ? first->parent : NULL;
    for (const vb_node *n = first; n; n = n->next) {
        if (n->kind == VB_NODE_TASKS && parent && parent->parent && n == parent->last_child &&
            parent->kind == VB_NODE_SECTION)
            break; /* written as the section's `nhiem_vu:` */
        switch (n->kind) {
        case VB_NODE_PARAGRAPH: {
            if (n->bullet_level > 0) {
                /* Consecutive bullets: one block of "- " and "  + " lines. */
                size_t count = 0;
                for (const vb_node *m = n; m && m->kind == VB_NODE_PARAGRAPH && m->bullet_level > 0; m = m->next)
                    count++;
                const vb_node **group = vb_xmalloc(count * sizeof *group);
                const vb_node *m = n;
                for (size_t i = 0; i < count; i++, m = m->next) {
                    group[i] = m;
                    mark(w, m->pos); /* all on the line that opens the block */
                }
                vb_buf text = {0};
                add_remark(w, vb_yaml_markup_bullets(&text, group, count));
                put_text(w, indent, NULL, text.data ? text.data : "", n->pos);
                vb_buf_free(&text);
                free(group);
                for (size_t i = 1; i < count; i++)
                    n = n->next;
                break;
            }
            vb_buf text = {0};
            add_remark(w, vb_yaml_markup_paragraph(&text, &n->content));
            if (text.len) /* an empty paragraph is nothing to the reader */
                put_text(w, indent, NULL, text.data, n->pos);
            vb_buf_free(&text);
            break;
        }
        case VB_NODE_SECTION:
            write_section(w, indent, n);
            break;
        case VB_NODE_TASKS:
            pad(w, indent);
            mark(w, n->pos);
            vb_buf_add(&w->out, "- nhiem_vu:\n");
            write_tasks(w, indent + 4, n);
            put_tasks_options(w, indent + 2, n);
            break;
        case VB_NODE_TABLE:
            pad(w, indent);
            mark(w, n->pos);
            vb_buf_add(&w->out, "- bang:\n");
            write_table(w, indent + 4, n->table);
            break;
        case VB_NODE_AGENCY:
        case VB_NODE_TASK:
            break; /* only inside a task block */
        }
    }
}

static void put_body(writer *w, int indent, const char *key, const vb_node *root, vb_pos pos)
{
    if (!root || !root->first_child) {
        put_word(w, indent, key, "[]", pos);
        return;
    }
    open_key(w, indent, key, pos);
    write_blocks(w, indent + 2, root->first_child);
}

/* ---- tables ---- */

/* "3cm", "2.5cm", "25mm" or "72.35pt": the shortest that reads back as the same twips. */
static void format_width(const vb_table_column *col, char *buf, size_t size)
{
    if (col->width_kind == VB_WIDTH_PERCENT) {
        snprintf(buf, size, "%.2f", col->width / 100.0);
    } else {
        static const struct {
            const char *unit;
            double per_twip, max;
        } units[] = {{"cm", 2.54 / 1440.0, 100}, {"mm", 25.4 / 1440.0, 1000}};
        for (size_t u = 0; u < 2; u++) {
            for (int decimals = 0; decimals <= 2; decimals++) {
                double v = col->width * units[u].per_twip;
                snprintf(buf, size, "%.*f", decimals, v);
                double back = strtod(buf, NULL);
                if (back > 0 && back <= units[u].max &&
                    (int)(back / units[u].per_twip + 0.5) == col->width) {
                    strncat(buf, units[u].unit, size - strlen(buf) - 1);
                    return;
                }
            }
        }
        snprintf(buf, size, "%.2f", col->width / 20.0);
    }
    /* Trailing zeros off: "20.50" → "20.5", "3.00" → "3". */
    char *dot = strchr(buf, '.');
    if (dot) {
        char *end = buf + strlen(buf);
        while (end > dot + 1 && end[-1] == '0')
            *--end = '\0';
        if (end == dot + 1)
            *dot = '\0';
    }
    strncat(buf, col->width_kind == VB_WIDTH_PERCENT ? "%" : "pt", size - strlen(buf) - 1);
}

static void write_cell(writer *w, const vb_table_cell *cell)
{
    if (cell->colspan <= 1 && cell->rowspan <= 1) {
        /* A typed number is read back as one only when plain: 1500, not "1500". The reader
         * took it from a plain scalar, so its text is digits, a sign and a point. */
        if (cell->typed_number) {
            vb_buf_add(&w->out, cell->text);
            return;
        }
        vb_yaml_scalar(w->scalars, &w->out, cell->text, VB_SCALAR_FLOW, 0);
        return;
    }
    vb_buf_add(&w->out, "{noi_dung: ");
    vb_yaml_scalar(w->scalars, &w->out, cell->text, VB_SCALAR_FLOW, 0);
    if (cell->colspan > 1)
        vb_buf_printf(&w->out, ", gop_cot: %u", cell->colspan);
    if (cell->rowspan > 1)
        vb_buf_printf(&w->out, ", gop_dong: %u", cell->rowspan);
    vb_buf_add(&w->out, "}");
}

static void write_row(writer *w, int indent, const vb_table_row *row)
{
    pad(w, indent + 2);
    mark(w, row->pos);
    if (row->is_group) {
        vb_buf_add(&w->out, "- nhom: ");
        vb_yaml_scalar(w->scalars, &w->out, row->count ? row->cells[0].text : "", VB_SCALAR_BLOCK, indent + 6);
        vb_buf_add(&w->out, "\n");
        return;
    }
    vb_buf_add(&w->out, row->is_total ? "- tong_cong: [" : "- [");
    for (size_t c = 0; c < row->count; c++) {
        if (c)
            vb_buf_add(&w->out, ", ");
        mark(w, row->cells[c].pos);
        write_cell(w, &row->cells[c]);
    }
    vb_buf_add(&w->out, "]\n");
}

/* `rows`, then those of `more` (a store of rows after them; NULL for most tables). */
static void write_rows(writer *w, int indent, const char *key, const vb_table_row *rows, size_t count,
                       vb_row_store *more)
{
    if (!rows && !more)
        return;
    if (count == 0 && (!more || vb_row_store_count(more) == 0)) {
        put_word(w, indent, key, "[]", (vb_pos){0});
        return;
    }
    open_key(w, indent, key, (vb_pos){0});
    for (size_t i = 0; i < count; i++)
        write_row(w, indent, &rows[i]);
    if (!more)
        return;
    vb_row_cursor *cursor = vb_row_cursor_open(more);
    const vb_table_row *row;
    int rc = -1;
    while (cursor && (rc = vb_row_cursor_next(cursor, &row)) > 0)
        write_row(w, indent, row);
    if (rc < 0)
        w->failure = vb_row_store_error(more) ? vb_row_store_error(more) : "?";
    vb_row_cursor_close(cursor);
}

static void write_table(writer *w, int indent, const vb_table *t)
{
    static const char *const aligns[] = {
        [VB_CELL_ALIGN_LEFT] = "trai", [VB_CELL_ALIGN_CENTER] = "giua",
        [VB_CELL_ALIGN_RIGHT] = "phai", [VB_CELL_ALIGN_JUSTIFY] = "deu",
    };
    if (t->column_count) {
        open_key(w, indent, "cot", t->columns_pos);
        for (size_t i = 0; i < t->column_count; i++) {
            const vb_table_column *col = &t->columns[i];
            pad(w, indent + 2);
            mark(w, col->pos);
            vb_buf_add(&w->out, "- ");
            if (col->width_kind == VB_WIDTH_AUTO && col->align == VB_CELL_ALIGN_AUTO && !col->is_stt &&
                !col->number_format.text) {
                vb_yaml_scalar(w->scalars, &w->out, col->name.text ? col->name.text : "", VB_SCALAR_BLOCK, indent + 4);
                vb_buf_add(&w->out, "\n");
                continue;
            }
            const char *sep = "{";
            if (col->name.text) {
                vb_buf_add(&w->out, "{ten: ");
                vb_yaml_scalar(w->scalars, &w->out, col->name.text, VB_SCALAR_FLOW, 0);
                sep = ", ";
            }
            if (col->width_kind != VB_WIDTH_AUTO) {
                char width[48];
                format_width(col, width, sizeof width);
                vb_buf_printf(&w->out, "%srong: %s", sep, width);
                sep = ", ";
            }
            if (col->align != VB_CELL_ALIGN_AUTO) {
                vb_buf_printf(&w->out, "%scan: %s", sep, aligns[col->align]);
                sep = ", ";
            }
            if (col->is_stt) {
                vb_buf_printf(&w->out, "%sstt: true", sep);
                sep = ", ";
            }
            if (col->number_format.text) {
                vb_buf_printf(&w->out, "%sdinh_dang: ", sep);
                vb_yaml_scalar(w->scalars, &w->out, col->number_format.text, VB_SCALAR_FLOW, 0);
            }
            vb_buf_add(&w->out, "}\n");
        }
    }
    write_rows(w, indent, "dau_bang", t->head, t->head_count, NULL);
    write_rows(w, indent, "dong", t->rows, t->row_count, t->more_rows);
    put_optional(w, indent, "tep", &t->file);
    put_optional(w, indent, "trang_tinh", &t->sheet);
    put_optional(w, indent, "vung", &t->range);
    if (t->header_rows >= 0) {
        char n[16];
        snprintf(n, sizeof n, "%d", t->header_rows);
        put_word(w, indent, "dong_tieu_de", n, t->header_rows_pos);
    }
    if (t->landscape)
        put_word(w, indent, "huong", "ngang", (vb_pos){0});
}

/* ---- the end of the document ---- */

static void write_signer(writer *w, int indent, const vb_signer *s)
{
    put_lines(w, indent, "quyen_han", &s->authority, 0);
    put_optional(w, indent, "chuc_vu", &s->title);
    put_optional(w, indent, "ho_ten", &s->name);
}

static void write_signers(writer *w, const vb_document *doc)
{
    if (doc->signer_count == 0)
        return;
    open_key(w, 0, "ky", doc->signers_pos);
    if (doc->signer_count == 1) {
        mark(w, doc->signers[0].pos);
        write_signer(w, 2, &doc->signers[0]);
        return;
    }
    for (size_t i = 0; i < doc->signer_count; i++) {
        /* "- " then the signer's first key on the same line. */
        size_t at = w->out.len;
        mark(w, doc->signers[i].pos);
        write_signer(w, 4, &doc->signers[i]);
        if (w->out.len > at + 4)
            memcpy(w->out.data + at, "  - ", 4);
    }
}

static void write_appendices(writer *w, const vb_document *doc)
{
    /* A Phụ lục made of a task block (trinh_bay: phu_luc) is written with that block. */
    size_t written = 0;
    for (size_t i = 0; i < doc->appendix_count; i++)
        written += doc->appendices[i].tasks == NULL;
    if (written == 0)
        return;
    open_key(w, 0, "phu_luc", doc->appendices_pos);
    for (size_t i = 0; i < doc->appendix_count; i++) {
        const vb_appendix *a = &doc->appendices[i];
        if (a->tasks)
            continue;
        pad(w, 2);
        mark(w, a->pos);
        vb_buf_add(&w->out, "- ");
        mark(w, a->title.pos);
        vb_buf_add(&w->out, "tieu_de: ");
        vb_yaml_scalar(w->scalars, &w->out, a->title.text ? a->title.text : "", VB_SCALAR_BLOCK, 6);
        vb_buf_add(&w->out, "\n");
        if (a->landscape)
            put_word(w, 4, "huong", "ngang", (vb_pos){0});
        put_optional(w, 4, "kem_theo", &a->attached_line);
        put_body(w, 4, "noi_dung", a->body, a->body ? a->body->pos : (vb_pos){0});
    }
}

/* ---- the parts beyond the core (ô 11–13, joint issuers, attached documents) ---- */

static void put_number(writer *w, int indent, const char *key, int value)
{
    char n[16];
    snprintf(n, sizeof n, "%d", value);
    put_word(w, indent, key, n, (vb_pos){0});
}

/* ô 11: the two phrases of NĐ30 by the keys the reader turns into them, any other as typed. */
static void put_circulation(writer *w, const vb_text *circulation)
{
    if (!circulation->text)
        return;
    if (strcmp(circulation->text, "LƯU HÀNH NỘI BỘ") == 0)
        put_word(w, 0, "pham_vi_luu_hanh", "luu_hanh_noi_bo", circulation->pos);
    else if (strcmp(circulation->text, "XEM XONG TRẢ LẠI") == 0)
        put_word(w, 0, "pham_vi_luu_hanh", "xem_xong_tra_lai", circulation->pos);
    else
        put_text(w, 0, "pham_vi_luu_hanh", circulation->text, circulation->pos);
}

/* co_quan_lien_tich, or co_quan: the reader takes the first joint body as the issuer. */
static void put_issuers(writer *w, const vb_document *doc)
{
    if (doc->joint_issuer_count == 0) {
        put_lines(w, 0, "co_quan", &doc->issuer, 0);
        return;
    }
    open_key(w, 0, "co_quan_lien_tich", (vb_pos){0});
    for (size_t i = 0; i < doc->joint_issuer_count; i++) {
        const vb_lines *body = &doc->joint_issuers[i];
        const vb_lines *parent = doc->joint_parent_bodies ? &doc->joint_parent_bodies[i] : NULL;
        if (parent && parent->count > 0) {
            /* "- co_quan_chu_quan: …" then "  co_quan: …": a body with its superior body. */
            size_t at = w->out.len;
            put_lines(w, 4, "co_quan_chu_quan", parent, 0);
            memcpy(w->out.data + at, "  - ", 4);
            put_lines(w, 4, "co_quan", body, 0);
            continue;
        }
        if (body->count == 1) {
            put_text(w, 2, NULL, body->items[0].text, body->items[0].pos);
            continue;
        }
        /* "- - line" then "  - line": a body of several lines as a nested list. */
        for (size_t j = 0; j < body->count; j++) {
            size_t at = w->out.len;
            put_text(w, 4, NULL, body->items[j].text, body->items[j].pos);
            if (j == 0)
                memcpy(w->out.data + at, "  - ", 4);
        }
    }
}

static void write_contact(writer *w, const vb_document *doc)
{
    if (!doc->has_contact)
        return;
    const vb_contact *c = &doc->contact;
    if (!c->address.text && !c->phone.text && !c->fax.text && !c->email.text && !c->website.text) {
        put_word(w, 0, "lien_he", "{}", c->pos);
        return;
    }
    open_key(w, 0, "lien_he", c->pos);
    put_optional(w, 2, "dia_chi", &c->address);
    put_optional(w, 2, "dien_thoai", &c->phone);
    put_optional(w, 2, "fax", &c->fax);
    put_optional(w, 2, "thu_dien_tu", &c->email);
    put_optional(w, 2, "trang_thong_tin_dien_tu", &c->website);
}

static void write_attachments(writer *w, const vb_document *doc)
{
    if (doc->attachment_count == 0)
        return;
    open_key(w, 0, "van_ban_kem_theo", doc->attachments_pos);
    for (size_t i = 0; i < doc->attachment_count; i++) {
        const vb_attachment *a = &doc->attachments[i];
        /* "- " then the attachment's first key on the same line (it always has loai or
         * ten_loai). */
        size_t at = w->out.len;
        mark(w, a->pos);
        put_optional(w, 4, "loai", &a->type_code);
        put_lines(w, 4, "ten_loai", &a->type_name, 0);
        if (w->out.len > at + 4)
            memcpy(w->out.data + at, "  - ", 4);
        put_optional(w, 4, "trich_yeu", &a->subject);
        put_optional(w, 4, "kem_theo", &a->attached_line);
        if (a->has_signer) {
            open_key(w, 4, "ky", a->signer.pos);
            write_signer(w, 6, &a->signer);
        }
        put_body(w, 4, "noi_dung", a->body, a->body ? a->body->pos : (vb_pos){0});
    }
}

/* ---- the document ---- */

static void write_document(writer *w, const vb_document *doc)
{
    put_word(w, 0, "the_thuc", doc->format == VB_FORMAT_PARTY ? "dang" : "nha_nuoc", doc->format_pos);
    put_optional(w, 0, "loai", &doc->type_code);
    put_lines(w, 0, "ten_loai", &doc->type_name, 0);
    if (doc->is_draft)
        put_word(w, 0, "trang_thai", "du_thao", doc->draft_pos);
    if (doc->is_draft && doc->draft_round > 0)
        put_number(w, 0, "lan_du_thao", doc->draft_round);
    if (doc->tone_style == VB_TONE_MODERN)
        put_word(w, 0, "dau_thanh", "moi", (vb_pos){0});
    else if (doc->tone_style == VB_TONE_KEEP)
        put_word(w, 0, "dau_thanh", "giu_nguyen", (vb_pos){0});
    /* A joint document's superior bodies are its bodies' own (put_issuers). */
    if (doc->joint_issuer_count == 0)
        put_lines(w, 0, "co_quan_chu_quan", &doc->parent_body, 0);
    put_issuers(w, doc);
    /* Written even when it equals the form derived from co_quan: the model only has it when
     * it was typed, and it must read back the same. */
    put_optional(w, 0, "co_quan_in_thuong", &doc->issuer_running);
    if (doc->number > 0) {
        char n[16];
        snprintf(n, sizeof n, "%d", doc->number);
        put_word(w, 0, "so", n, doc->number_pos);
    } else {
        /* Blank, for the văn thư to fill in. */
        pad(w, 0);
        mark(w, doc->number_pos);
        vb_buf_add(&w->out, "so:\n");
    }
    put_optional(w, 0, "ky_hieu", &doc->code);
    put_optional(w, 0, "dia_danh", &doc->place);
    if (doc->date.present)
        put_date(w, 0, "ngay", &doc->date);
    put_optional(w, 0, "trich_yeu", &doc->subject);
    static const char *const secrecy[] = {NULL, "mat", "toi_mat", "tuyet_mat"};
    static const char *const urgency[] = {NULL, "khan", "thuong_khan", "hoa_toc"};
    if (doc->secrecy > 0 && doc->secrecy <= 3)
        put_word(w, 0, "do_mat", secrecy[doc->secrecy], (vb_pos){0});
    if (doc->urgency > 0 && doc->urgency <= 3)
        put_word(w, 0, "do_khan", urgency[doc->urgency], (vb_pos){0});
    put_circulation(w, &doc->circulation);
    put_lines(w, 0, "kinh_gui", &doc->addressees, 0);
    put_optional(w, 0, "tham_quyen", &doc->authority_line);
    put_lines(w, 0, "can_cu", &doc->legal_bases, 1);
    put_optional(w, 0, "mo_dau", &doc->preamble_close);
    put_body(w, 0, "noi_dung", doc->body, doc->body_pos);
    put_lines(w, 0, "noi_nhan", &doc->recipients, 1);
    write_signers(w, doc);
    put_optional(w, 0, "ky_hieu_nguoi_soan_thao", &doc->drafter);
    if (doc->copies > 0)
        put_number(w, 0, "so_luong_ban", doc->copies);
    write_contact(w, doc);
    write_appendices(w, doc);
    write_attachments(w, doc);
}

/* ---- comments ---- */

static int pos_before(unsigned a_line, unsigned a_column, unsigned b_line, unsigned b_column)
{
    return a_line < b_line || (a_line == b_line && a_column < b_column);
}

/* The line a note goes on: the value read at its position; else the last value on its
 * line (paragraph) before its column, else the first one on that line; else the nearest
 * value before it; else the first line. */
static size_t note_line(const writer *w, vb_pos pos)
{
    const anchor *exact = NULL, *same_line_before = NULL, *same_line = NULL, *before = NULL;
    for (size_t i = 0; i < w->anchor_count; i++) {
        const anchor *a = &w->anchors[i];
        if (a->pos_line == pos.line) {
            if (a->pos_column == pos.column && !exact)
                exact = a;
            if (a->pos_column <= pos.column &&
                (!same_line_before || pos_before(same_line_before->pos_line, same_line_before->pos_column,
                                                 a->pos_line, a->pos_column)))
                same_line_before = a;
            if (!same_line)
                same_line = a;
        } else if (pos_before(a->pos_line, a->pos_column, pos.line, pos.column) &&
                   (!before || pos_before(before->pos_line, before->pos_column, a->pos_line, a->pos_column))) {
            before = a;
        }
    }
    const anchor *best = exact       ? exact
                         : same_line_before ? same_line_before
                         : same_line ? same_line
                                     : before;
    return best ? best->line : 0;
}

/* One line of comment text: line breaks and '#' runs would not stay one comment. */
static void add_comment_text(vb_buf *b, const char *text)
{
    char *valid = vb_yaml_text_repaired(text);
    for (const char *p = valid; *p; p++)
        vb_buf_addn(b, *p == '\n' || *p == '\r' ? " " : p, 1);
    free(valid);
}

/* Where the finished text goes: a buffer, written out to `fd` as it fills when fd ≥ 0 (so a
 * long table's text is not held twice). */
typedef struct {
    vb_buf buf;
    int fd;
    int failed; /* errno of a failed write, 0 if none */
} text_sink;

#define SINK_CHUNK (256u * 1024u)

static void sink_flush(text_sink *s)
{
    if (s->fd < 0)
        return;
    if (s->buf.len && !s->failed && vb_write_all(s->fd, s->buf.data, s->buf.len) != 0)
        s->failed = errno ? errno : EIO;
    s->buf.len = 0;
}

static void sink_add(text_sink *s, const char *data, size_t len)
{
    if (s->fd >= 0 && len >= SINK_CHUNK) {
        /* Big enough to go out as it is. */
        sink_flush(s);
        if (len && !s->failed && vb_write_all(s->fd, data, len) != 0)
            s->failed = errno ? errno : EIO;
        return;
    }
    vb_buf_addn(&s->buf, data, len);
    if (s->fd >= 0 && s->buf.len >= SINK_CHUNK)
        sink_flush(s);
}

static void assemble(writer *w, const vb_document *doc, text_sink *out)
{
    if (doc->note_count == 0 && w->remark_count == 0) {
        /* No comment: the text as laid out. */
        if (out->fd >= 0) {
            sink_add(out, w->out.data ? w->out.data : "", w->out.len);
        } else {
            out->buf = w->out;
            w->out = (vb_buf){0};
        }
        return;
    }
    size_t line_count = current_line(w);
    vb_buf *comments = vb_xcalloc(line_count + 1, sizeof *comments);
    for (size_t i = 0; i < doc->note_count; i++) {
        const vb_note *note = &doc->notes[i];
        vb_buf *c = &comments[note_line(w, note->pos)];
        vb_buf_add(c, c->len ? "; " : "# ");
        if (note->pos.line)
            vb_buf_printf(c, "đọc từ đoạn %u: ", note->pos.line);
        add_comment_text(c, note->text ? note->text : "");
    }
    for (size_t i = 0; i < w->remark_count; i++) {
        vb_buf *c = &comments[w->remarks[i].line];
        vb_buf_add(c, c->len ? "; " : "# ");
        vb_buf_add(c, w->remarks[i].text);
    }
    const char *p = w->out.data ? w->out.data : "";
    const char *end = p + w->out.len;
    for (size_t line = 0; p < end; line++) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        const char *line_end = nl ? nl : end;
        sink_add(out, p, (size_t)(line_end - p));
        if (line < line_count && comments[line].len) {
            sink_add(out, "  ", 2);
            sink_add(out, comments[line].data, comments[line].len);
        }
        sink_add(out, "\n", 1);
        p = nl ? nl + 1 : end;
    }
    for (size_t i = 0; i <= line_count; i++)
        vb_buf_free(&comments[i]);
    free(comments);
}

static void writer_start(writer *w, const vb_document *doc)
{
    memset(w, 0, sizeof *w);
    w->scalars = vb_scalar_emitter_new();
    w->placing_notes = doc->note_count > 0;
    write_document(w, doc);
}

static void writer_end(writer *w)
{
    vb_scalar_emitter_free(w->scalars);
    vb_buf_free(&w->out);
    free(w->anchors);
    free(w->remarks);
}

char *vb_yaml_write(const vb_document *doc, size_t *len)
{
    writer w;
    writer_start(&w, doc);
    /* Every text went through vb_yaml_scalar or add_comment_text, which make it NFC, and
     * what joins them is ASCII: the whole is NFC. */
    text_sink text = {.fd = -1};
    if (!w.failure)
        assemble(&w, doc, &text);
    writer_end(&w);
    if (w.failure)
        return NULL;
    *len = text.buf.len;
    return text.buf.data ? text.buf.data : vb_strdup("");
}

int vb_yaml_write_file(const vb_document *doc, const char *path, char *err, size_t err_size)
{
    writer w;
    writer_start(&w, doc);
    if (w.failure) {
        snprintf(err, err_size, "%s: cannot read a table's rows back from the temporary file: %s", path,
                 w.failure);
        writer_end(&w);
        return -1;
    }
    if (strcmp(path, "-") == 0 && fflush(stdout) != 0) {
        snprintf(err, err_size, "standard output: %s", strerror(errno));
        writer_end(&w);
        return -1;
    }
    vb_output *out = vb_output_open(path, err, err_size);
    if (!out) {
        writer_end(&w);
        return -1;
    }
    text_sink text = {.fd = vb_output_fd(out)};
    assemble(&w, doc, &text);
    sink_flush(&text);
    vb_buf_free(&text.buf);
    writer_end(&w);
    if (text.failed) {
        snprintf(err, err_size, "%s: %s", vb_output_name(out), strerror(text.failed));
        vb_output_abort(out);
        return -1;
    }
    return vb_output_commit(out, err, err_size);
}
