/* Total rows, emphasis in cells, column number formats and balanced widths, as a reader of
 * the produced DOCX and ODT sees them.
 *
 * One notice holds two tables: inline rows with a `tong_cong` row, a row typed "Tổng cộng"
 * and cells with **bold**, in columns with `dinh_dang`; and the same figures from a CSV file
 * with the same formats, so both sources must print the same texts. A third table has a
 * short column beside a long one: the short one must not wrap. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "layout/layout.h"
#include "layout/textwidth.h"
#include "model/diag.h"
#include "model/model.h"
#include "package/templates.h"
#include "read/yaml_reader.h"
#include "write/docx/docx.h"
#include "write/odt/odt.h"

#include "docx_reader.h"
#include "test_xpath.h"

static const char notice_yaml[] =
    "the_thuc: nha_nuoc\n"
    "loai: TB\n"
    "co_quan: [SỞ NỘI VỤ]\n"
    "so: 7\n"
    "ky_hieu: TB-SNV\n"
    "dia_danh: Bắc Giang\n"
    "ngay: 2025-03-03\n"
    "trich_yeu: Kết quả tiếp nhận hồ sơ\n"
    "noi_dung:\n"
    "  - Kết quả như sau.\n"
    "  - bang:\n"
    "      cot:\n"
    "        - { ten: STT, stt: true }\n"
    "        - Đơn vị\n"
    "        - { ten: Hồ sơ, dinh_dang: \"#.##0\" }\n"
    "        - { ten: Tỷ lệ, dinh_dang: \"0,0%\" }\n"
    "        - { ten: Kinh phí, dinh_dang: \"#.##0,00\" }\n"
    "      dong:\n"
    "        - [\"Sở **Tài chính**\", 1500, 34.56, 1500.25]\n"
    "        - [\"Sở *Nội vụ*\", \"2.300\", \"12,5%\", 7]\n"
    "        - [\"Tổng cộng\", 3800, 23.5, 1507.25]\n"
    "        - tong_cong: [\"Cộng toàn tỉnh\", 3800, 23.5, 1507.25]\n"
    "  - bang:\n"
    "      tep: so-lieu.csv\n"
    "      cot:\n"
    "        - { ten: STT, stt: true }\n"
    "        - Đơn vị tính\n"
    "        - { ten: Hồ sơ, dinh_dang: \"#.##0\" }\n"
    "        - { ten: Tỷ lệ, dinh_dang: \"0,0%\" }\n"
    "        - { ten: Kinh phí, dinh_dang: \"#.##0,00\" }\n"
    "  - bang:\n"
    "      cot: [Việc, Thời gian, Ghi chú]\n"
    "      dong:\n"
    "        - [\"Rà soát, cập nhật danh mục thủ tục hành chính của các sở, ngành và địa "
    "phương; công bố công khai trên Cổng dịch vụ công\", Quý III/2025, \"Thực hiện theo "
    "hướng dẫn của Văn phòng Chính phủ và của Ủy ban nhân dân tỉnh\"]\n"
    "        - [Tổng hợp, Quý IV/2025, \"\"]\n"
    "noi_nhan: [\"Lưu: VT\"]\n"
    "ky: { chuc_vu: GIÁM ĐỐC, ho_ten: Nguyễn Văn A }\n";

/* The same figures, with the STT column and a total row as a spreadsheet export has them:
 * some the Vietnamese way, some with a decimal point as a spreadsheet in English writes them
 * ("1500.25", "1,507.25"), which a dinh_dang column reads as the same numbers. */
static const char figures_csv[] = "STT,Đơn vị tính,Hồ sơ,Tỷ lệ,Kinh phí\n"
                                  ",Sở Tài chính,1500,\"34,56\",1500.25\n"
                                  ",Sở Nội vụ,2.300,\"12,5%\",7\n"
                                  ",Tổng cộng,3.800,\"23,5\",\"1,507.25\"\n";

typedef struct {
    char *dir;
    dr_docx *docx, *odt;
    xmlDocPtr document, content;
} rendered;

static char *join(const char *dir, const char *name)
{
    size_t n = strlen(dir) + strlen(name) + 2;
    char *p = malloc(n);
    assert_non_null(p);
    snprintf(p, n, "%s/%s", dir, name);
    return p;
}

static void write_text(const char *path, const char *text)
{
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    assert_int_equal(fwrite(text, 1, strlen(text), f), strlen(text));
    assert_int_equal(fclose(f), 0);
}

static void write_doc(const vb_document *doc, const char *dir, const char *name)
{
    char err[1024] = "";
    int odt = strstr(name, ".odt") != NULL;
    vb_template_store *templates = vb_template_store_load(odt ? "odt" : "docx", NULL, err, sizeof err);
    assert_non_null(templates);
    char *path = join(dir, name);
    const vb_layout *layout = vb_layout_for(doc->format);
    int rc = odt ? vb_odt_write(doc, layout, templates, -1, path, err, sizeof err)
                 : vb_docx_write(doc, layout, templates, -1, path, err, sizeof err);
    if (rc < 0)
        fail_msg("%s", err);
    vb_template_store_free(templates);
    free(path);
}

static dr_docx *open_output(const char *dir, const char *name)
{
    char err[512];
    char *path = join(dir, name);
    dr_docx *pkg = dr_open(path, err, sizeof err);
    if (!pkg)
        fail_msg("%s", err);
    free(path);
    return pkg;
}

static int setup(void **state)
{
    rendered *r = calloc(1, sizeof *r);
    char templ[] = "/tmp/vb-test-table-parts-XXXXXX";
    assert_non_null(mkdtemp(templ));
    r->dir = strdup(templ);
    char *csv = join(r->dir, "so-lieu.csv");
    write_text(csv, figures_csv);
    free(csv);
    char *yaml_path = join(r->dir, "thong-bao.yaml");
    vb_diagnostics diags;
    vb_diagnostics_init(&diags, VB_LANG_EN);
    vb_document *doc = vb_yaml_read(yaml_path, notice_yaml, strlen(notice_yaml), &diags);
    if (diags.error_count)
        vb_diagnostics_print(&diags, stderr);
    assert_int_equal(diags.error_count, 0);
    vb_diagnostics_free(&diags);
    assert_non_null(doc);
    write_doc(doc, r->dir, "thong-bao.docx");
    write_doc(doc, r->dir, "thong-bao.odt");
    vb_document_free(doc);
    free(yaml_path);
    r->docx = open_output(r->dir, "thong-bao.docx");
    r->odt = open_output(r->dir, "thong-bao.odt");
    r->document = dr_read_xml(r->docx, "word/document.xml");
    r->content = dr_read_xml(r->odt, "content.xml");
    assert_non_null(r->document);
    assert_non_null(r->content);
    *state = r;
    return 0;
}

static int teardown(void **state)
{
    rendered *r = *state;
    xmlFreeDoc(r->document);
    xmlFreeDoc(r->content);
    dr_close(r->docx);
    dr_close(r->odt);
    static const char *const names[] = {"so-lieu.csv", "thong-bao.docx", "thong-bao.odt"};
    for (size_t i = 0; i < 3; i++) {
        char *p = join(r->dir, names[i]);
        unlink(p);
        free(p);
    }
    rmdir(r->dir);
    free(r->dir);
    free(r);
    return 0;
}

static void assert_str(char *got, const char *want)
{
    assert_string_equal(got, want);
    free(got);
}

#define INLINE_TABLE "(//w:tbl[.//w:t='Cộng toàn tỉnh'])[1]"
#define FILE_TABLE "(//w:tbl[.//w:t='Đơn vị tính'])[1]"
#define WIDTH_TABLE "(//w:tbl[.//w:t='Ghi chú'])[1]"

static void test_total_rows_have_no_number_and_are_bold(void **state)
{
    rendered *r = *state;
    xmlDocPtr d = r->document;
    /* header, 1, 2, Tổng cộng (typed), Cộng toàn tỉnh (tong_cong) */
    assert_int_equal(xcount(d, NULL, "%s/w:tr", INLINE_TABLE), 5);
    assert_str(xstr(d, NULL, "string(%s/w:tr[2]/w:tc[1])", INLINE_TABLE), "1");
    assert_str(xstr(d, NULL, "string(%s/w:tr[3]/w:tc[1])", INLINE_TABLE), "2");
    /* The typed "Tổng cộng" row keeps an empty STT cell: it is not row 3. */
    assert_str(xstr(d, NULL, "string(%s/w:tr[4]/w:tc[1])", INLINE_TABLE), "");
    assert_str(xstr(d, NULL, "string(%s/w:tr[4]/w:tc[2])", INLINE_TABLE), "Tổng cộng");
    /* tong_cong: the label spans the STT column and the next, centred. */
    assert_str(xstr(d, NULL, "string(%s/w:tr[5]/w:tc[1])", INLINE_TABLE), "Cộng toàn tỉnh");
    assert_int_equal((long)xnum(d, NULL, "number(%s/w:tr[5]/w:tc[1]/w:tcPr/w:gridSpan/@w:val)", INLINE_TABLE), 2);
    assert_str(xstr(d, NULL, "string(%s/w:tr[5]/w:tc[1]//w:jc/@w:val)", INLINE_TABLE), "center");
    /* Both total rows are set in the bold row style, every cell; data rows are not. */
    for (int row = 4; row <= 5; row++)
        assert_int_equal(xcount(d, NULL, "%s/w:tr[%d]/w:tc//w:p[not(w:pPr/w:pStyle/@w:val='VbBangNhom')]",
                                INLINE_TABLE, row), 0);
    assert_int_equal(xcount(d, NULL, "%s/w:tr[2]/w:tc//w:p[w:pPr/w:pStyle/@w:val='VbBangNhom']", INLINE_TABLE), 0);
    /* The CSV's "Tổng cộng" row: no number either. */
    assert_str(xstr(d, NULL, "string(%s/w:tr[4]/w:tc[1])", FILE_TABLE), "");
    assert_str(xstr(d, NULL, "string(%s/w:tr[3]/w:tc[1])", FILE_TABLE), "2");
    /* ODT: the same. */
    assert_int_equal(xcount(r->content, NULL,
                            "//table:table[.//text:p='Cộng toàn tỉnh']//table:table-cell"
                            "[@table:number-columns-spanned='2'][text:p='Cộng toàn tỉnh']"), 1);
    assert_int_equal(xcount(r->content, NULL,
                            "//table:table[.//text:p='Cộng toàn tỉnh']//text:p[.='Tổng cộng']"
                            "[@text:style-name='VbBangNhom']"), 1);
}

static void test_emphasis_in_cells(void **state)
{
    rendered *r = *state;
    xmlDocPtr d = r->document;
    /* No asterisk is printed anywhere in the table. */
    assert_int_equal(xcount(d, NULL, "%s//w:t[contains(., '*')]", INLINE_TABLE), 0);
    assert_str(xstr(d, NULL, "string(%s/w:tr[2]/w:tc[2])", INLINE_TABLE), "Sở Tài chính");
    assert_int_equal(xcount(d, NULL, "%s/w:tr[2]/w:tc[2]//w:r[w:rPr/w:b][w:t='Tài chính']", INLINE_TABLE), 1);
    assert_int_equal(xcount(d, NULL, "%s/w:tr[2]/w:tc[2]//w:r[not(w:rPr/w:b)][w:t='Sở ']", INLINE_TABLE), 1);
    assert_int_equal(xcount(d, NULL, "%s/w:tr[3]/w:tc[2]//w:r[w:rPr/w:i][w:t='Nội vụ']", INLINE_TABLE), 1);
    assert_int_equal(xcount(r->content, NULL, "//text:span[@text:style-name='VbB'][.='Tài chính']"), 1);
    assert_int_equal(xcount(r->content, NULL, "//text:p[contains(., '**')]"), 0);
}

static void test_one_number_format_for_inline_and_file(void **state)
{
    rendered *r = *state;
    xmlDocPtr d = r->document;
    static const char *const want[3][3] = {{"1.500", "34,6%", "1.500,25"},
                                           {"2.300", "12,5%", "7,00"},
                                           {"3.800", "23,5%", "1.507,25"}};
    for (int row = 0; row < 3; row++)
        for (int col = 0; col < 3; col++) {
            assert_str(xstr(d, NULL, "string(%s/w:tr[%d]/w:tc[%d])", INLINE_TABLE, row + 2, col + 3),
                       want[row][col]);
            assert_str(xstr(d, NULL, "string(%s/w:tr[%d]/w:tc[%d])", FILE_TABLE, row + 2, col + 3),
                       want[row][col]);
        }
    /* Numbers stay right-aligned. */
    assert_str(xstr(d, NULL, "string(%s/w:tr[2]/w:tc[3]//w:jc/@w:val)", INLINE_TABLE), "right");
    assert_int_equal(xcount(r->content, NULL, "//table:table[.//text:p='Đơn vị tính']//text:p[.='1.500,25']"), 1);
}

static long cell_need(const char *text)
{
    const vb_layout *l = vb_layout_for(VB_FORMAT_STATE);
    return vb_text_width_twips(text, strlen(text), VB_FACE_REGULAR, l->styles[VB_EL_TABLE_CELL].size_pt) +
           2L * l->table_cell_air_twips;
}

static void test_short_column_does_not_wrap(void **state)
{
    rendered *r = *state;
    xmlDocPtr d = r->document;
    /* "Thời gian" holds "Quý III/2025": its column is as wide as that line, while the two
     * long columns share the rest and wrap. */
    long time_col = (long)xnum(d, NULL, "number(%s/w:tblGrid/w:gridCol[2]/@w:w)", WIDTH_TABLE);
    assert_true(time_col >= cell_need("Quý III/2025"));
    long notes_col = (long)xnum(d, NULL, "number(%s/w:tblGrid/w:gridCol[3]/@w:w)", WIDTH_TABLE);
    long task_col = (long)xnum(d, NULL, "number(%s/w:tblGrid/w:gridCol[1]/@w:w)", WIDTH_TABLE);
    /* The long columns get the same room beyond their longest word, within rounding. */
    assert_true(task_col > time_col && notes_col > time_col);
    const vb_layout *l = vb_layout_for(VB_FORMAT_STATE);
    assert_int_equal(task_col + notes_col + time_col, vb_layout_text_width(l));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_total_rows_have_no_number_and_are_bold),
        cmocka_unit_test(test_emphasis_in_cells),
        cmocka_unit_test(test_one_number_format_for_inline_and_file),
        cmocka_unit_test(test_short_column_does_not_wrap),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
