/* Tasks (nhiem_vu) shown three ways from the same data: docs/examples/ke-hoach-bang-nhiem-vu.yaml
 * as written (trinh_bay: phu_luc, a table in a landscape Phụ lục), as a table in the body
 * (trinh_bay: bang) and as prose (trinh_bay: doan_van). Each is rendered to DOCX and ODT and
 * opened again (tests/docx_reader.c): the table's header row and cells, the header marked to
 * repeat, the column widths filling the page's text width, the landscape pages, the deadlines
 * in their conventional wording with a non-breaking hyphen, the line that refers to the
 * Phụ lục; and `check` finds the tasks in all three. */
#define _GNU_SOURCE /* mkstemps */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "check/validate.h"
#include "docx_reader.h"
#include "layout/layout.h"
#include "layout/textwidth.h"
#include "model/diag.h"
#include "package/templates.h"
#include "read/yaml_reader.h"
#include "write/docx/docx.h"
#include "write/odt/odt.h"

#ifndef VB_SOURCE_ROOT
#define VB_SOURCE_ROOT "."
#endif

#define EXAMPLE VB_SOURCE_ROOT "/docs/examples/ke-hoach-bang-nhiem-vu.yaml"
#define NB_HYPHEN "\xe2\x80\x91"

static const char *const header[] = {"STT", "Nhiệm vụ", "Chủ trì", "Phối hợp", "Thời gian", "Sản phẩm"};

/* The rows the example's tasks make, in the order written. */
static const char *const rows[][6] = {
    {"1", "Rà soát, làm sạch dữ liệu dân cư trên địa bàn", "Công an huyện",
     "Ủy ban nhân dân các xã, thị trấn", "Trước ngày 30/6/2025", "Dữ liệu dân cư đúng, đủ, sạch, sống"},
    {"2", "Cấp tài khoản định danh điện tử mức 2 cho công dân", "Công an huyện", "", "Thường xuyên", ""},
    {"3", "Tuyên truyền lợi ích của dịch vụ công trực tuyến", "Phòng Văn hóa, Khoa học và Thông tin", "",
     "Quý III/2025", "Tin, bài trên Cổng Thông tin điện tử huyện"},
    {"4", "Tổ chức hội nghị tập huấn kỹ năng số cho cán bộ cấp xã", "Phòng Văn hóa, Khoa học và Thông tin",
     "Phòng Nội vụ", "Tháng 9" NB_HYPHEN "10/2025", ""},
    {"5", "Kiểm tra việc giải quyết thủ tục hành chính trên môi trường điện tử",
     "Văn phòng HĐND và UBND huyện", "", "Từ ngày 01/10/2025 đến ngày 31/10/2025", ""},
    {"6", "Tổng hợp, báo cáo kết quả thực hiện Đề án 06", "Văn phòng HĐND và UBND huyện", "", "Hằng quý",
     "Báo cáo của Ủy ban nhân dân huyện"},
};
#define ROW_COUNT (sizeof rows / sizeof *rows)

static char *read_all(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    assert_non_null(f);
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *data = malloc((size_t)n + 1);
    assert_non_null(data);
    assert_int_equal(fread(data, 1, (size_t)n, f), (size_t)n);
    data[n] = '\0';
    fclose(f);
    *len = (size_t)n;
    return data;
}

/* The example with its `trinh_bay` line set to `layout` (and the title of the Phụ lục kept
 * only for phu_luc). */
static char *example_as(const char *layout)
{
    size_t len;
    char *yaml = read_all(EXAMPLE, &len);
    char *out = malloc(len + 64);
    assert_non_null(out);
    out[0] = '\0';
    for (char *line = strtok(yaml, "\n"); line; line = strtok(NULL, "\n")) {
        if (strstr(line, "trinh_bay: ") && line[0] == ' ') {
            strcat(out, "    trinh_bay: ");
            strcat(out, layout);
        } else if (strstr(line, "tieu_de_phu_luc:") && strcmp(layout, "phu_luc") != 0) {
            continue;
        } else {
            strcat(out, line);
        }
        strcat(out, "\n");
    }
    free(yaml);
    return out;
}

static vb_document *load(const char *yaml)
{
    vb_diagnostics d;
    vb_diagnostics_init(&d, VB_LANG_EN);
    vb_document *doc = vb_yaml_read("ke-hoach.yaml", yaml, strlen(yaml), &d);
    if (!doc)
        vb_diagnostics_print(&d, stderr);
    assert_non_null(doc);
    /* check finds the tasks however they are shown: no ND-TASKS, nothing at all. */
    vb_validate(doc, NULL, &d);
    if (d.count)
        vb_diagnostics_print(&d, stderr);
    assert_int_equal(d.count, 0);
    vb_diagnostics_free(&d);
    return doc;
}

static dr_docx *render(const vb_document *doc, const char *kind, const char *path)
{
    char err[1024] = "";
    vb_template_store *templates = vb_template_store_load(kind, NULL, err, sizeof err);
    assert_non_null(templates);
    int rc = strcmp(kind, "docx") == 0
                 ? vb_docx_write(doc, vb_layout_for(doc->format), templates, 1700000000LL, path, err, sizeof err)
                 : vb_odt_write(doc, vb_layout_for(doc->format), templates, 1700000000LL, path, err, sizeof err);
    if (rc < 0)
        fprintf(stderr, "%s: %s\n", kind, err);
    assert_int_equal(rc, 0);
    vb_template_store_free(templates);
    dr_docx *pkg = dr_open(path, err, sizeof err);
    assert_non_null(pkg);
    return pkg;
}

/* A non-breaking hyphen (U+2011) reads as the hyphen it shows, as the readers give it. */
static char *plain_hyphens(const char *s)
{
    char *out = malloc(strlen(s) + 1);
    assert_non_null(out);
    char *o = out;
    for (const char *p = s; *p;) {
        if (strncmp(p, "\xe2\x80\x91", 3) == 0) {
            *o++ = '-';
            p += 3;
        } else {
            *o++ = *p++;
        }
    }
    *o = '\0';
    return out;
}

static void assert_text(char *got, const char *want_as_written, const char *what)
{
    char *want = plain_hyphens(want_as_written);
    char *plain = plain_hyphens(got);
    free(got);
    got = plain;
    if (strcmp(got, want) != 0)
        fail_msg("%s: \"%s\", expected \"%s\"", what, got, want);
    free(want);
    free(got);
}

/* ---- DOCX ---- */

static void check_docx_table(xmlDocPtr x, int text_width)
{
    dr_nodes tables = dr_xpath_nodes(x, NULL, "//w:tbl[w:tr[1]/w:trPr/w:tblHeader]");
    assert_int_equal(tables.count, 1);
    xmlNodePtr tbl = tables.items[0];
    /* One header row, marked to repeat at the top of every page; then one row per task. */
    assert_int_equal(dr_xpath_count(x, tbl, "w:tr"), (int)ROW_COUNT + 1);
    assert_int_equal(dr_xpath_count(x, tbl, "w:tr[w:trPr/w:tblHeader]"), 1);
    /* A data table keeps its single lines, all six of them (layout tables name none). */
    assert_int_equal(dr_xpath_count(x, tbl, "w:tblPr/w:tblBorders/*[@w:val='single']"), 6);
    dr_nodes cells = dr_xpath_nodes(x, tbl, "w:tr/w:tc");
    assert_int_equal(cells.count, 6 * (ROW_COUNT + 1));
    for (size_t i = 0; i < cells.count; i++) {
        const char *want = i < 6 ? header[i] : rows[i / 6 - 1][i % 6];
        assert_text(dr_wml_text(cells.items[i], "\n"), want, "DOCX task table cell");
    }
    dr_nodes_free(&cells);
    /* The widths fill the text width; the task column is the widest, STT the narrowest. */
    dr_nodes grid = dr_xpath_nodes(x, tbl, "w:tblGrid/w:gridCol");
    assert_int_equal(grid.count, 6);
    long sum = 0, w[6];
    for (size_t i = 0; i < grid.count; i++) {
        char *v = dr_xpath_string(x, grid.items[i], "string(@w:w)");
        w[i] = atol(v);
        free(v);
        sum += w[i];
    }
    dr_nodes_free(&grid);
    assert_int_equal(sum, text_width);
    for (int i = 0; i < 6; i++) {
        if (i != 1 && w[i] >= w[1])
            fail_msg("column %d (%ld twips) is not narrower than Nhiệm vụ (%ld)", i, w[i], w[1]);
        if (i != 0 && w[i] <= w[0])
            fail_msg("column %d (%ld twips) is not wider than STT (%ld)", i, w[i], w[0]);
    }
    /* Thời gian holds its longest word whole, with the cell's air each side: a date is never
     * cut ("31/10/202" on one line and "5" on the next). */
    const vb_layout *l = vb_layout_for(VB_FORMAT_STATE);
    long date = vb_text_width_twips("31/10/2025", 10, VB_FACE_REGULAR, l->styles[VB_EL_TABLE_CELL].size_pt);
    if (w[4] < date + 2 * l->table_cell_air_twips)
        fail_msg("Thời gian is %ld twips, narrower than \"31/10/2025\" (%ld) and its air", w[4], date);
    dr_nodes_free(&tables);
}

static void test_docx_appendix(void **state)
{
    (void)state;
    char *yaml = example_as("phu_luc");
    vb_document *doc = load(yaml);
    char path[] = "/tmp/vanban-task-table-XXXXXX.docx";
    close(mkstemps(path, 5));
    dr_docx *pkg = render(doc, "docx", path);
    xmlDocPtr x = dr_read_xml(pkg, "word/document.xml");
    assert_non_null(x);
    const vb_layout *l = vb_layout_for(VB_FORMAT_STATE);
    check_docx_table(x, vb_layout_text_width_oriented(l, 1));
    /* The table is on landscape pages: the section it ends is landscape. */
    assert_int_equal(dr_xpath_count(x, NULL, "//w:body/w:sectPr/w:pgSz[@w:orient='landscape']"), 1);
    assert_int_equal(dr_xpath_count(x, NULL, "//w:tbl[w:tr[1]/w:trPr/w:tblHeader]/preceding::w:sectPr"
                                             "[w:pgSz[@w:orient='landscape']]"), 0);
    /* The body refers to the Phụ lục where the tasks stood; the Phụ lục carries its title. */
    assert_int_equal(dr_xpath_count(x, NULL, "//w:p[normalize-space(.)='Các nhiệm vụ cụ thể tại Phụ lục kèm theo.']"), 1);
    assert_int_equal(dr_xpath_count(x, NULL, "//w:p[normalize-space(.)='DANH MỤC NHIỆM VỤ TRIỂN KHAI ĐỀ ÁN 06 NĂM 2025']"), 1);
    xmlFreeDoc(x);
    dr_close(pkg);
    unlink(path);
    vb_document_free(doc);
    free(yaml);
}

static void test_docx_body_table(void **state)
{
    (void)state;
    char *yaml = example_as("bang");
    vb_document *doc = load(yaml);
    assert_int_equal(doc->appendix_count, 0);
    char path[] = "/tmp/vanban-task-table-XXXXXX.docx";
    close(mkstemps(path, 5));
    dr_docx *pkg = render(doc, "docx", path);
    xmlDocPtr x = dr_read_xml(pkg, "word/document.xml");
    check_docx_table(x, vb_layout_text_width_oriented(vb_layout_for(VB_FORMAT_STATE), 0));
    /* In the body, portrait, under its section's heading; the next section is still III. */
    assert_int_equal(dr_xpath_count(x, NULL, "//w:pgSz[@w:orient='landscape']"), 0);
    assert_int_equal(dr_xpath_count(x, NULL, "//w:p[normalize-space(.)='III. TỔ CHỨC THỰC HIỆN']"), 1);
    assert_int_equal(dr_xpath_count(x, NULL, "//w:p[contains(., 'nhiệm vụ cụ thể tại Phụ lục')]"), 0);
    xmlFreeDoc(x);
    dr_close(pkg);
    unlink(path);
    vb_document_free(doc);
    free(yaml);
}

static void test_docx_prose(void **state)
{
    (void)state;
    char *yaml = example_as("doan_van");
    vb_document *doc = load(yaml);
    char path[] = "/tmp/vanban-task-table-XXXXXX.docx";
    close(mkstemps(path, 5));
    dr_docx *pkg = render(doc, "docx", path);
    xmlDocPtr x = dr_read_xml(pkg, "word/document.xml");
    /* The same tasks as sentences under their agencies, the deadlines worded for a sentence. */
    static const char *const lines[] = {
        "1. Công an huyện",
        "- Rà soát, làm sạch dữ liệu dân cư trên địa bàn trước ngày 30/6/2025; phối hợp: Ủy ban "
        "nhân dân các xã, thị trấn; sản phẩm: Dữ liệu dân cư đúng, đủ, sạch, sống.",
        "- Cấp tài khoản định danh điện tử mức 2 cho công dân, thực hiện thường xuyên.",
        "- Tuyên truyền lợi ích của dịch vụ công trực tuyến trong quý III/2025; sản phẩm: Tin, bài "
        "trên Cổng Thông tin điện tử huyện.",
        "- Tổ chức hội nghị tập huấn kỹ năng số cho cán bộ cấp xã trong tháng 9" NB_HYPHEN
        "10/2025; phối hợp: Phòng Nội vụ.",
        "- Kiểm tra việc giải quyết thủ tục hành chính trên môi trường điện tử từ ngày 01/10/2025 "
        "đến ngày 31/10/2025.",
        "- Tổng hợp, báo cáo kết quả thực hiện Đề án 06, thực hiện hằng quý; sản phẩm: Báo cáo của "
        "Ủy ban nhân dân huyện.",
    };
    for (size_t i = 0; i < sizeof lines / sizeof *lines; i++) {
        char expr[1024];
        snprintf(expr, sizeof expr, "//w:p[normalize-space(.)='%s']", lines[i]);
        if (dr_xpath_count(x, NULL, expr) != 1)
            fail_msg("no paragraph \"%s\"", lines[i]);
    }
    assert_int_equal(dr_xpath_count(x, NULL, "//w:tbl[w:tr[1]/w:trPr/w:tblHeader]"), 0);
    xmlFreeDoc(x);
    dr_close(pkg);
    unlink(path);
    vb_document_free(doc);
    free(yaml);
}

/* ---- ODT ---- */

static double points(const char *length)
{
    double v = atof(length);
    return strstr(length, "cm") ? v / 2.54 * 72 : strstr(length, "mm") ? v / 25.4 * 72
                                   : strstr(length, "in") ? v * 72 : v;
}

static void test_odt_appendix(void **state)
{
    (void)state;
    char *yaml = example_as("phu_luc");
    vb_document *doc = load(yaml);
    char path[] = "/tmp/vanban-task-table-XXXXXX.odt";
    close(mkstemps(path, 4));
    dr_docx *pkg = render(doc, "odt", path);
    xmlDocPtr x = dr_read_xml(pkg, "content.xml");
    assert_non_null(x);
    dr_nodes tables = dr_xpath_nodes(x, NULL, "//table:table[table:table-header-rows]");
    assert_int_equal(tables.count, 1);
    xmlNodePtr tbl = tables.items[0];
    /* The header row in table:table-header-rows (repeated on every page), then the tasks. */
    assert_int_equal(dr_xpath_count(x, tbl, "table:table-header-rows/table:table-row"), 1);
    assert_int_equal(dr_xpath_count(x, tbl, "table:table-row"), (int)ROW_COUNT);
    dr_nodes cells = dr_xpath_nodes(x, tbl, ".//table:table-row/table:table-cell");
    assert_int_equal(cells.count, 6 * (ROW_COUNT + 1));
    for (size_t i = 0; i < cells.count; i++) {
        const char *want = i < 6 ? header[i] : rows[i / 6 - 1][i % 6];
        dr_nodes ps = dr_xpath_nodes(x, cells.items[i], "text:p");
        assert_int_equal(ps.count, 1);
        assert_text(dr_odf_text(ps.items[0], "\n"), want, "ODT task table cell");
        dr_nodes_free(&ps);
    }
    dr_nodes_free(&cells);
    /* Column widths, from the automatic styles, fill the landscape text width. */
    dr_nodes cols = dr_xpath_nodes(x, tbl, "table:table-column/@table:style-name");
    assert_int_equal(cols.count, 6);
    double sum = 0;
    for (size_t i = 0; i < cols.count; i++) {
        char expr[256];
        char *name = (char *)xmlNodeGetContent(cols.items[i]);
        snprintf(expr, sizeof expr,
                 "string(//style:style[@style:name='%s']/style:table-column-properties/@style:column-width)", name);
        xmlFree(name);
        char *width = dr_xpath_string(x, NULL, expr);
        sum += points(width);
        free(width);
    }
    dr_nodes_free(&cols);
    double want = vb_layout_text_width_oriented(vb_layout_for(VB_FORMAT_STATE), 1) / 20.0;
    if (sum < want - 0.1 || sum > want + 0.1)
        fail_msg("ODT column widths sum to %.2f pt, the landscape text width is %.2f pt", sum, want);
    dr_nodes_free(&tables);
    assert_int_equal(dr_xpath_count(x, NULL, "//text:p[normalize-space(.)='Các nhiệm vụ cụ thể tại Phụ lục kèm theo.']"), 1);
    xmlFreeDoc(x);
    /* The Phụ lục's pages are landscape: a page layout of the styles is. */
    xmlDocPtr styles = dr_read_xml(pkg, "styles.xml");
    assert_true(dr_xpath_count(styles, NULL, "//style:page-layout-properties[@style:print-orientation='landscape']") >= 1);
    xmlFreeDoc(styles);
    dr_close(pkg);
    unlink(path);
    vb_document_free(doc);
    free(yaml);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_docx_appendix),
        cmocka_unit_test(test_docx_body_table),
        cmocka_unit_test(test_docx_prose),
        cmocka_unit_test(test_odt_appendix),
    };
    return cmocka_run_group_tests_name("task_table", tests, NULL, NULL);
}
