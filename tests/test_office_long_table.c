/* A long table read from DOCX and ODT (gen/read/office): past its first OF_ROWS_IN_MEMORY
 * rows, the extractor keeps its rows in a spool and the recogniser puts them in the table's
 * row store (model/row_store.h) instead of memory. The document is rendered by vanban, read
 * back, and must give the same model as its YAML, the same rows (first, last, how many) as
 * `import` writes them, the text of a spooled paragraph for a message, and no layout
 * warning. A group row, a merge down three rows and a merge across two columns stand past
 * the first rows, so they cross the spool and the store. Timing is left to
 * tools/bench-import.sh. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "check/layout_rules.h"
#include "layout/format.h"
#include "layout/layout.h"
#include "model/diag.h"
#include "model/model.h"
#include "model/row_store.h"
#include "office_compare.h"
#include "package/templates.h"
#include "read/office/office_reader.h"
#include "read/office/office_source.h"
#include "read/yaml_reader.h"
#include "tables/table_rows.h"
#include "write/docx/docx.h"
#include "write/odt/odt.h"
#include "write/yaml/yaml_writer.h"
#include "test_files.h"

#ifndef VB_SOURCE_ROOT
#define VB_SOURCE_ROOT "."
#endif

#define ROWS 1500        /* rows of the table's body as typed */
#define GROUP_ROW 700    /* a group row (nhom) */
#define MERGE_DOWN 900   /* its last cell spans it and the two rows below */
#define MERGE_ACROSS 1200 /* its first cell spans two columns */

/* docs/examples/bao-cao.yaml with a Phụ lục holding the long table. */
static char *report_with_long_table(void)
{
    const char *root = getenv("VANBAN_SOURCE_ROOT") ? getenv("VANBAN_SOURCE_ROOT") : VB_SOURCE_ROOT;
    char path[1024];
    snprintf(path, sizeof path, "%s/docs/examples/bao-cao.yaml", root);
    size_t len = 0;
    char *example = test_read_file(path, &len);
    assert_non_null(example);
    vb_buf b = {0};
    vb_buf_add(&b, example);
    free(example);
    vb_buf_add(&b, "phu_luc:\n"
                   "  - tieu_de: Số liệu chi tiết\n"
                   "    noi_dung:\n"
                   "      - bang:\n"
                   "          cot:\n"
                   "            - {ten: STT, stt: true}\n"
                   "            - Đơn vị\n"
                   "            - Chỉ tiêu\n"
                   "            - Kết quả\n"
                   "          dong:\n");
    for (int i = 1; i <= ROWS; i++) {
        if (i == GROUP_ROW)
            vb_buf_printf(&b, "            - nhom: Nhóm %d\n", i);
        else if (i == MERGE_DOWN)
            vb_buf_printf(&b, "            - [Xã số %d, Chỉ tiêu %d, {noi_dung: Kết quả chung, gop_dong: 3}]\n", i, i);
        else if (i == MERGE_DOWN + 1 || i == MERGE_DOWN + 2)
            vb_buf_printf(&b, "            - [Xã số %d, Chỉ tiêu %d]\n", i, i);
        else if (i == MERGE_ACROSS)
            vb_buf_printf(&b, "            - [{noi_dung: Xã và chỉ tiêu %d, gop_cot: 2}, \"%d,5%%\"]\n", i, i % 100);
        else
            vb_buf_printf(&b, "            - [Xã số %d, Chỉ tiêu %d, \"%d,%d%%\"]\n", i, i, i % 100, i % 10);
    }
    return b.data;
}

static const vb_table *first_table(const vb_document *doc)
{
    for (size_t a = 0; a < doc->appendix_count; a++) {
        const vb_node *root = doc->appendices[a].body;
        for (const vb_node *n = root; n; n = vb_node_next_preorder(n, root))
            if (n->kind == VB_NODE_TABLE)
                return n->table;
    }
    return NULL;
}

/* The printed rows of `t`: how many, and the text of the first and last data rows' cells
 * joined by "|". */
typedef struct {
    int rows;
    char first[256], last[256];
    vb_pos last_pos;
    char last_stt[32];
} rows_seen;

static void see_rows(const vb_table *t, rows_seen *seen)
{
    memset(seen, 0, sizeof *seen);
    vb_pos pos;
    char msg[512];
    vb_table_rows *rows = vb_table_rows_open(t, 1, &pos, msg, sizeof msg);
    if (!rows)
        fail_msg("table rows: %s", msg);
    vb_grid_row row;
    int rc;
    while ((rc = vb_table_rows_next(rows, &row, &pos, msg, sizeof msg)) > 0) {
        if (row.kind == VB_ROW_HEADER)
            continue;
        seen->rows++;
        char *into = seen->rows == 1 ? seen->first : seen->last;
        into[0] = '\0';
        for (size_t c = 0; c < row.count; c++) {
            strncat(into, c ? "|" : "", 255 - strlen(into));
            strncat(into, row.cells[c].text, 255 - strlen(into));
        }
        seen->last_pos = row.pos;
        snprintf(seen->last_stt, sizeof seen->last_stt, "%s", row.count ? row.cells[0].text : "");
    }
    if (rc < 0)
        fail_msg("table rows: %s", msg);
    vb_table_rows_close(rows);
}

static void long_table(const char *format)
{
    char *yaml = report_with_long_table();
    vb_diagnostics diags;
    vb_diagnostics_init(&diags, VB_LANG_EN);
    vb_document *expected = vb_yaml_read("long-table.yaml", yaml, strlen(yaml), &diags);
    free(yaml);
    if (!expected) {
        vb_diagnostics_print(&diags, stderr);
        fail_msg("the YAML was not read");
    }
    char path[1024];
    test_write_office(expected, format, 0, path, sizeof path);

    vb_diagnostics read_diags;
    vb_diagnostics_init(&read_diags, VB_LANG_EN);
    vb_office_source *src = NULL;
    int *elements = NULL;
    vb_document *actual = vb_office_read_source(path, &read_diags, &src, &elements);
    unlink(path);
    if (!actual) {
        vb_diagnostics_print(&read_diags, stderr);
        fail_msg("the %s was not read back", format);
    }
    vb_check_office_layout(src, elements, actual, &read_diags);
    for (size_t i = 0; i < read_diags.count; i++)
        fprintf(stderr, "  diagnostic: %s [%s]\n", read_diags.items[i].message, read_diags.items[i].rule);
    assert_int_equal(read_diags.count, 0);

    /* The rows past the first went through the spool and into the row store. */
    int spooled = 0;
    for (size_t i = 0; i < src->count; i++)
        spooled += src->items[i].kind == OF_SPOOLED;
    assert_int_equal(spooled, 1);
    const vb_table *t = first_table(actual);
    assert_non_null(t);
    assert_non_null(t->more_rows);
    assert_true(t->row_count <= OF_ROWS_IN_MEMORY);
    assert_int_equal(t->row_count + vb_row_store_count(t->more_rows), ROWS);

    /* The same document as the YAML, table included (compared by the grid it prints). */
    assert_int_equal(vb_test_compare_documents(expected, actual), 0);

    /* First and last rows, and how many, as read and as `import` writes them. */
    rows_seen seen;
    see_rows(t, &seen);
    assert_int_equal(seen.rows, ROWS);
    assert_string_equal(seen.first, "1|Xã số 1|Chỉ tiêu 1|1,1%");
    char last[256];
    /* STT starts again after a group row. */
    snprintf(last, sizeof last, "%d|Xã số %d|Chỉ tiêu %d|%d,%d%%", ROWS - GROUP_ROW, ROWS, ROWS, ROWS % 100,
             ROWS % 10);
    assert_string_equal(seen.last, last);
    /* The paragraph of the last row's STT cell, shown with a message about it. */
    const char *text = vb_office_paragraph_text(src, seen.last_pos.line);
    assert_non_null(text);
    assert_string_equal(text, seen.last_stt);

    size_t len = 0;
    char *written = vb_yaml_write(actual, &len);
    assert_non_null(written);
    vb_diagnostics again_diags;
    vb_diagnostics_init(&again_diags, VB_LANG_EN);
    vb_document *again = vb_yaml_read("again.yaml", written, len, &again_diags);
    assert_non_null(again);
    rows_seen seen_again;
    see_rows(first_table(again), &seen_again);
    assert_int_equal(seen_again.rows, ROWS);
    assert_string_equal(seen_again.first, seen.first);
    assert_string_equal(seen_again.last, seen.last);
    assert_int_equal(vb_test_compare_documents(actual, again), 0);

    free(written);
    vb_document_free(again);
    vb_diagnostics_free(&again_diags);
    free(elements);
    vb_office_source_free(src);
    vb_document_free(expected);
    vb_document_free(actual);
    vb_diagnostics_free(&diags);
    vb_diagnostics_free(&read_diags);
}

static void test_long_table_docx(void **state)
{
    (void)state;
    long_table("docx");
}

static void test_long_table_odt(void **state)
{
    (void)state;
    long_table("odt");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_long_table_docx),
        cmocka_unit_test(test_long_table_odt),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
