/* Task tables read back into nhiem_vu blocks (see recognise_tasks.h). A table is one when
 * its header row names the columns vanban prints for tasks (recognise_rules.c); its rows
 * then give one task each, and runs of rows with the same Chủ trì one agency each, in the
 * order written. Anything else about the table (a group row, a cell spanning columns, a
 * row without its task or its agency) leaves it a plain table. */
#include "recognise_tasks.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "layout/format.h"
#include "layout/layout.h"
#include "model/row_store.h"
#include "read/deadline.h"
#include "recognise_rules.h"
#include "viet/text.h"

/* The text of a cell without the blanks around it (caller frees). */
static char *trimmed(const char *s)
{
    while (*s == ' ' || *s == '\t' || *s == '\n')
        s++;
    size_t n = strlen(s);
    while (n && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\n'))
        n--;
    char *out = vb_xmalloc(n + 1);
    memcpy(out, s, n);
    out[n] = '\0';
    return out;
}

static void set_text(vb_text *t, const char *text, vb_pos pos)
{
    char *s = trimmed(text);
    if (!*s) {
        free(s);
        return;
    }
    t->text = s;
    t->pos = pos;
}

/* The "Thời gian" cell: a deadline vanban knows, when it prints it back in the same words;
 * otherwise the words as written. */
static void read_deadline(const char *cell, vb_pos pos, vb_deadline *d)
{
    char *text = trimmed(cell);
    if (!*text) {
        free(text);
        return;
    }
    vb_deadline parsed = {0};
    if (vb_deadline_parse(text, &parsed) == 1) {
        char *again = vb_format_deadline(&parsed, 1);
        int same = vb_recognise_same_text(again, text);
        free(again);
        if (same) {
            *d = parsed;
            d->pos = pos;
            free(text);
            return;
        }
    }
    d->kind = VB_DEADLINE_TEXT;
    d->text.text = text;
    d->text.pos = pos;
    d->pos = pos;
}

/* Which task column each header cell is: STT, Nhiệm vụ, Chủ trì first, then the optional
 * ones in the order vanban prints them. Returns the number of columns, 0 when not a task
 * table. */
static size_t header_columns(const vb_table_row *header, int *columns)
{
    int next = 0;
    for (size_t i = 0; i < header->count; i++) {
        const vb_table_cell *cell = &header->cells[i];
        int c = cell->colspan <= 1 && cell->rowspan <= 1 ? vb_task_column_of(cell->text) : -1;
        if (c < next)
            return 0;
        for (int skipped = next; skipped < c; skipped++)
            if (vb_task_column_required((vb_task_column)skipped))
                return 0;
        columns[i] = c;
        next = c + 1;
    }
    return next > VB_TASK_COLUMN_AGENCY ? header->count : 0;
}

/* The cells of one data row laid on the header's columns, cells merged from a row above
 * carried down (a copy: the row they come from may be gone). Returns 0 when the row does not
 * fit the columns. */
typedef struct {
    char *text;
    vb_pos pos;
    unsigned rows_left;
} carried_cell;

static int row_texts(const vb_table_row *row, size_t columns, carried_cell *carry,
                     const char **texts, vb_pos *positions)
{
    size_t k = 0;
    for (size_t c = 0; c < columns; c++) {
        positions[c] = row->pos;
        if (carry[c].rows_left) {
            carry[c].rows_left--;
            texts[c] = carry[c].text;
            positions[c] = carry[c].pos;
            continue;
        }
        if (k >= row->count) {
            texts[c] = "";
            continue;
        }
        const vb_table_cell *cell = &row->cells[k++];
        if (cell->colspan > 1)
            return 0;
        texts[c] = cell->text ? cell->text : "";
        if (cell->pos.line)
            positions[c] = cell->pos;
        if (cell->rowspan > 1) {
            free(carry[c].text);
            carry[c] = (carried_cell){vb_strdup(texts[c]), positions[c], cell->rowspan - 1};
            texts[c] = carry[c].text;
        }
    }
    return k == row->count;
}

static int blank(const char *s)
{
    return s[strspn(s, " \t\n")] == '\0';
}

/* The next of `count` rows from *at, then those of `more` (when not NULL): 1 a row, 0 the end,
 * -1 when the rows kept in a temporary file cannot be read back. */
static int next_row(const vb_table_row *rows, size_t count, size_t *at, vb_row_cursor *more,
                    const vb_table_row **row)
{
    if (*at < count) {
        *row = &rows[(*at)++];
        return 1;
    }
    return more ? vb_row_cursor_next(more, row) : 0;
}

/* The nhiem_vu block a task table holds, or NULL when it is no task table. */
static vb_node *tasks_of_table(const vb_node *node, vb_tasks_layout layout)
{
    const vb_table *t = node->table;
    if (!t || t->file_path || t->head_count > 1)
        return NULL;
    const vb_table_row *header = t->head_count ? &t->head[0] : t->row_count ? &t->rows[0] : NULL;
    const vb_table_row *rows = t->head_count ? t->rows : t->rows + 1;
    size_t row_count = t->head_count ? t->row_count : t->row_count ? t->row_count - 1 : 0;
    if (!header || (row_count == 0 && !t->more_rows))
        return NULL;
    int *columns = vb_xcalloc(header->count ? header->count : 1, sizeof *columns);
    size_t width = header_columns(header, columns);
    carried_cell *carry = vb_xcalloc(width ? width : 1, sizeof *carry);
    const char **texts = vb_xcalloc(width ? width : 1, sizeof *texts);
    vb_pos *positions = vb_xcalloc(width ? width : 1, sizeof *positions);
    vb_node *block = width ? vb_node_new(VB_NODE_TASKS, node->pos) : NULL;
    vb_node *agency = NULL;
    vb_row_cursor *more = block && t->more_rows ? vb_row_cursor_open(t->more_rows) : NULL;
    size_t at = 0;
    const vb_table_row *row;
    int got;
    while (block && (got = next_row(rows, row_count, &at, more, &row)) != 0) {
        if (got < 0 || row->is_group || !row_texts(row, width, carry, texts, positions)) {
            vb_node_free_tree(block);
            block = NULL;
            break;
        }
        const char *cell[VB_TASK_COLUMN_COUNT] = {"", "", "", "", "", ""};
        vb_pos pos[VB_TASK_COLUMN_COUNT];
        for (size_t c = 0; c < VB_TASK_COLUMN_COUNT; c++)
            pos[c] = row->pos;
        int all_blank = 1;
        for (size_t c = 0; c < width; c++) {
            cell[columns[c]] = texts[c];
            pos[columns[c]] = positions[c];
            all_blank &= blank(texts[c]) || columns[c] == VB_TASK_COLUMN_STT;
        }
        if (all_blank)
            continue; /* an empty row left at the end */
        if (blank(cell[VB_TASK_COLUMN_ACTION]) || blank(cell[VB_TASK_COLUMN_AGENCY])) {
            vb_node_free_tree(block);
            block = NULL;
            break;
        }
        char *name = trimmed(cell[VB_TASK_COLUMN_AGENCY]);
        if (agency && strcmp(agency->agency.agency.text, name) == 0) {
            free(name);
        } else {
            agency = vb_node_new(VB_NODE_AGENCY, pos[VB_TASK_COLUMN_AGENCY]);
            agency->agency.agency.text = name;
            agency->agency.agency.pos = agency->pos;
            vb_inline_append(&agency->title, name, strlen(name), 0);
            vb_node_append(block, agency);
        }
        vb_node *task = vb_node_new(VB_NODE_TASK, row->pos);
        set_text(&task->task.action, cell[VB_TASK_COLUMN_ACTION], pos[VB_TASK_COLUMN_ACTION]);
        set_text(&task->task.coordinator, cell[VB_TASK_COLUMN_COORDINATOR], pos[VB_TASK_COLUMN_COORDINATOR]);
        set_text(&task->task.product, cell[VB_TASK_COLUMN_PRODUCT], pos[VB_TASK_COLUMN_PRODUCT]);
        read_deadline(cell[VB_TASK_COLUMN_DEADLINE], pos[VB_TASK_COLUMN_DEADLINE], &task->task.deadline);
        vb_node_append(agency, task);
    }
    vb_row_cursor_close(more);
    for (size_t c = 0; c < width; c++)
        free(carry[c].text);
    free(columns);
    free(carry);
    free(texts);
    free(positions);
    if (block && !block->first_child) {
        vb_node_free_tree(block);
        block = NULL;
    }
    if (block) {
        block->tasks.layout = layout;
        block->tasks.landscape = layout == VB_TASKS_TABLE && t->landscape;
    }
    return block;
}

/* Puts `with` where `old` stands and frees `old`. */
static void replace_node(vb_node *old, vb_node *with)
{
    vb_node *parent = old->parent;
    with->parent = parent;
    with->next = old->next;
    if (parent->first_child == old) {
        parent->first_child = with;
    } else {
        vb_node *k = parent->first_child;
        while (k->next != old)
            k = k->next;
        k->next = with;
    }
    if (parent->last_child == old)
        parent->last_child = with;
    old->next = NULL;
    vb_node_free_tree(old);
}

/* Whether `text` is the body's line for Phụ lục `number` (1-based) of `count`: "Các nhiệm
 * vụ cụ thể tại Phụ lục I kèm theo.", the number in Roman or Arabic figures, or none when
 * there is one Phụ lục; compared upper-cased. */
static int is_tasks_reference(const vb_layout *layout, const char *text, int number, size_t count)
{
    char roman[16], arabic[16];
    vb_roman(number, roman, sizeof roman);
    snprintf(arabic, sizeof arabic, "%d", number);
    const char *numbers[] = {roman, arabic, count == 1 ? "" : NULL};
    char *upper = vb_upper_vi(text);
    int found = 0;
    for (size_t i = 0; i < 3 && !found && numbers[i]; i++) {
        vb_buf b = {0};
        vb_buf_printf(&b, "Các nhiệm vụ cụ thể tại %s%s%s kèm theo.", layout->appendix_word,
                      numbers[i][0] ? " " : "", numbers[i]);
        char *want = vb_upper_vi(b.data);
        found = strcmp(upper, want) == 0;
        free(want);
        vb_buf_free(&b);
    }
    free(upper);
    return found;
}

static vb_node *find_tasks_reference(const vb_document *doc, int number)
{
    const vb_layout *layout = vb_layout_for(doc->format);
    for (const vb_node *n = doc->body->first_child; n; n = vb_node_next_preorder(n, doc->body)) {
        if (n->kind != VB_NODE_PARAGRAPH || n->bullet_level)
            continue;
        char *text = vb_inline_plain(&n->content);
        char *clean = trimmed(text);
        int found = is_tasks_reference(layout, clean, number, doc->appendix_count);
        free(text);
        free(clean);
        if (found)
            return (vb_node *)n;
    }
    return NULL;
}

/* A Phụ lục that is only a task table, named in the body: its tasks go where the body
 * names it, and the Phụ lục becomes what the YAML reader makes of `trinh_bay: phu_luc`
 * (yaml_appendices.c): its title, its orientation, the block, an empty body. */
static int read_task_appendix(vb_document *doc, size_t index)
{
    vb_appendix *a = &doc->appendices[index];
    vb_node *table = a->body->first_child;
    if (a->tasks || !table || table != a->body->last_child || table->kind != VB_NODE_TABLE)
        return 0;
    vb_node *reference = find_tasks_reference(doc, (int)index + 1);
    if (!reference)
        return 0;
    vb_node *block = tasks_of_table(table, VB_TASKS_APPENDIX);
    if (!block)
        return 0;
    block->pos = reference->pos;
    block->tasks.landscape = a->landscape;
    static const char default_title[] = "Danh mục nhiệm vụ";
    if (!a->title.text) {
        a->title.text = vb_strdup(default_title);
        a->title.pos = a->pos;
    } else {
        char *title = vb_upper_vi(a->title.text), *standard = vb_upper_vi(default_title);
        if (strcmp(title, standard) != 0) {
            block->tasks.appendix_title.text = vb_strdup(a->title.text);
            block->tasks.appendix_title.pos = a->title.pos;
        }
        free(title);
        free(standard);
    }
    replace_node(reference, block);
    vb_node_free_tree(a->body);
    a->body = vb_node_new(VB_NODE_SECTION, a->pos);
    a->tasks = block;
    return 1;
}

/* The Phụ lục of tasks come first, in the order the body names them, as the YAML reader
 * places them; each block learns its index. */
static void order_task_appendices(vb_document *doc)
{
    vb_appendix *all = vb_xcalloc(doc->appendix_count ? doc->appendix_count : 1, sizeof *all);
    size_t count = 0;
    for (vb_node *n = doc->body->first_child; n; n = (vb_node *)vb_node_next_preorder(n, doc->body))
        if (n->kind == VB_NODE_TASKS && n->tasks.layout == VB_TASKS_APPENDIX)
            for (size_t i = 0; i < doc->appendix_count; i++)
                if (doc->appendices[i].tasks == n) {
                    n->tasks.appendix_index = (int)count;
                    all[count++] = doc->appendices[i];
                }
    for (size_t i = 0; i < doc->appendix_count; i++)
        if (!doc->appendices[i].tasks)
            all[count++] = doc->appendices[i];
    free(doc->appendices);
    doc->appendices = all;
}

/* Every task table under `root` becomes a block shown as a table where it stands. */
static void read_task_tables(vb_node *root)
{
    for (vb_node *n = root->first_child; n; n = (vb_node *)vb_node_next_preorder(n, root)) {
        if (n->kind != VB_NODE_TABLE)
            continue;
        vb_node *block = tasks_of_table(n, VB_TASKS_TABLE);
        if (block) {
            replace_node(n, block);
            n = block;
        }
    }
}

void vb_recognise_task_tables(vb_document *doc)
{
    int any = 0;
    for (size_t i = 0; i < doc->appendix_count; i++)
        any |= read_task_appendix(doc, i);
    if (any)
        order_task_appendices(doc);
    read_task_tables(doc->body);
    for (size_t i = 0; i < doc->appendix_count; i++)
        read_task_tables(doc->appendices[i].body);
}
