/* The task table of a nhiem_vu block (see compose_tasks.h). */
#include "compose_tasks.h"

#include <stdlib.h>
#include <string.h>

#include "layout/format.h"

enum { COL_STT, COL_ACTION, COL_AGENCY, COL_COORDINATOR, COL_DEADLINE, COL_PRODUCT, COL_COUNT };

static const char *const column_names[COL_COUNT] = {
    "STT", "Nhiệm vụ", "Chủ trì", "Phối hợp", "Thời gian", "Sản phẩm",
};

/* The deadline column's share of the text width, in hundredths of a percent: a short phrase
 * that may take two lines ("Từ ngày 01/10/2025 đến ngày 31/10/2025"), as provincial plans
 * set it, but never narrower than its longest word; the other columns share the rest by
 * their texts, the task widest. */
#define DEADLINE_SHARE 1200

static char *text_or_empty(const vb_text *t)
{
    return vb_strdup(t->text ? t->text : "");
}

vb_table *vb_tasks_table(const vb_node *tasks)
{
    /* Which optional columns the tasks carry, and how many rows. */
    int used[COL_COUNT] = {1, 1, 1, 0, 0, 0};
    size_t rows = 0;
    for (const vb_node *a = tasks->first_child; a; a = a->next)
        for (const vb_node *t = a->first_child; t; t = t->next) {
            used[COL_COORDINATOR] |= t->task.coordinator.text != NULL;
            used[COL_DEADLINE] |= t->task.deadline.kind != VB_DEADLINE_NONE;
            used[COL_PRODUCT] |= t->task.product.text != NULL;
            rows++;
        }
    int index[COL_COUNT];
    size_t columns = 0;
    for (int c = 0; c < COL_COUNT; c++)
        index[c] = used[c] ? (int)columns++ : -1;

    vb_table *table = vb_xcalloc(1, sizeof *table);
    table->pos = tasks->pos;
    table->columns_pos = tasks->pos;
    table->header_rows = -1;
    table->landscape = tasks->tasks.layout == VB_TASKS_TABLE && tasks->tasks.landscape;
    table->columns = vb_xcalloc(columns, sizeof *table->columns);
    table->column_count = columns;
    for (int c = 0; c < COL_COUNT; c++) {
        if (index[c] < 0)
            continue;
        vb_table_column *col = &table->columns[index[c]];
        col->name.text = vb_strdup(column_names[c]);
        col->name.pos = tasks->pos;
        col->is_stt = c == COL_STT;
        if (c == COL_DEADLINE) {
            col->width_kind = VB_WIDTH_PERCENT;
            col->width = DEADLINE_SHARE;
            col->widen_to_word = 1;
        }
        col->pos = tasks->pos;
    }
    table->rows = vb_xcalloc(rows ? rows : 1, sizeof *table->rows);
    for (const vb_node *a = tasks->first_child; a; a = a->next)
        for (const vb_node *t = a->first_child; t; t = t->next) {
            vb_table_row *row = &table->rows[table->row_count++];
            row->pos = t->pos;
            row->count = columns;
            row->cells = vb_xcalloc(columns, sizeof *row->cells);
            char *texts[COL_COUNT] = {
                vb_strdup(""), /* numbered by the table */
                text_or_empty(&t->task.action),
                text_or_empty(&a->agency.agency),
                text_or_empty(&t->task.coordinator),
                vb_format_deadline(&t->task.deadline, 1),
                text_or_empty(&t->task.product),
            };
            for (int c = 0; c < COL_COUNT; c++) {
                if (index[c] < 0) {
                    free(texts[c]);
                    continue;
                }
                vb_table_cell *cell = &row->cells[index[c]];
                cell->text = texts[c];
                cell->colspan = cell->rowspan = 1;
                cell->pos = t->pos;
            }
        }
    return table;
}
