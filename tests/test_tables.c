/* Appendices and tables as a reader of the produced files sees them.
 *
 * One report with two appendices is rendered to DOCX and ODT and opened again with libzip and
 * libxml2 (docx_reader.c): the appendix labels, titles and "Kèm theo" lines; the sections
 * (portrait body, a landscape table inside it, a portrait and a landscape appendix) with
 * their orientation and page numbering; and the tables' XML: header rows repeated, rows not
 * split, widths (measured, set with `rong`, filling the text width), group rows spanning the
 * columns, STT numbered and restarted per group, merges across columns and rows, alignment.
 * Appendix II's rows come from a CSV whose column is headed "STT" and whose group rows are
 * Roman numerals. A single appendix and a draft, and a table file that cannot be read, are
 * checked on their own. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "model/diag.h"
#include "write/docx/docx.h"
#include "layout/layout.h"
#include "model/model.h"
#include "write/odt/odt.h"
#include "package/templates.h"
#include "read/yaml_reader.h"

#include "docx_reader.h"
#include "test_xpath.h"

/* ---- the report ---------------------------------------------------------------------------- */

#define HEAD                                                                                      \
    "the_thuc: nha_nuoc\n"                                                                        \
    "loai: BC\n"                                                                                  \
    "co_quan: [Ủy ban nhân dân huyện Lạng Giang]\n"                                               \
    "ky_hieu: BC-UBND\n"                                                                          \
    "dia_danh: Lạng Giang\n"                                                                      \
    "trich_yeu: Kết quả thực hiện chuyển đổi số\n"
#define TAIL                                                                                      \
    "noi_nhan: [UBND tỉnh, \"Lưu: VT\"]\n"                                                        \
    "ky:\n"                                                                                       \
    "  quyen_han: [TM. ỦY BAN NHÂN DÂN]\n"                                                        \
    "  chuc_vu: CHỦ TỊCH\n"                                                                       \
    "  ho_ten: Nguyễn Văn A\n"

static const char report_yaml[] =
    HEAD "so: 215\n"
         "ngay: 2024-12-12\n"
         "noi_dung:\n"
         "  - muc: Đánh giá kết quả\n"
         "    noi_dung:\n"
         "      - Chi tiết tại Phụ lục I và Phụ lục II kèm theo.\n"
         "      - bang:\n"
         "          huong: ngang\n"
         "          cot: [Đơn vị, Chỉ tiêu A, Chỉ tiêu B]\n"
         "          dong:\n"
         "            - [Xã Tân Dĩnh, \"1.879\", \"34,6%\"]\n"
         "  - muc: Nhiệm vụ thời gian tới\n"
         "    noi_dung:\n"
         "      - Tiếp tục thực hiện.\n" TAIL
         "phu_luc:\n"
         "  - tieu_de: Tổng hợp văn bản\n"
         "    noi_dung:\n"
         "      - Đoạn mở đầu.\n"
         "      - bang:\n"
         "          cot:\n"
         "            - { ten: STT, stt: true }\n"
         "            - { ten: Nội dung, rong: 8cm }\n"
         "            - { ten: Số lượng }\n"
         "          dong:\n"
         "            - nhom: Quyết định\n"
         "            - [Quyết định 1, \"12\"]\n"
         "            - [Quyết định 2, \"1.234\"]\n"
         "            - nhom: Kế hoạch\n"
         "            - [Kế hoạch 1, \"5\"]\n"
         "            - [{noi_dung: Gộp hai cột, gop_cot: 2}]\n"
         "            - [{noi_dung: Gộp hai dòng, gop_dong: 2}, \"7\"]\n"
         "            - [\"8\"]\n"
         "  - tieu_de: Kết quả các chỉ tiêu\n"
         "    huong: ngang\n"
         "    noi_dung:\n"
         "      - bang:\n"
         "          tep: chi-tieu.csv\n";

static const char report_csv[] = "STT,Đơn vị,Kết quả\n"
                                 "I,Khối xã,\n"
                                 ",Xã Tân Dĩnh,10\n"
                                 ",Xã Xương Lâm,\"1.234\"\n"
                                 "II,Khối thị trấn,\n"
                                 ",Thị trấn Vôi,7\n";

/* One appendix in a draft (no number, no date). */
static const char draft_yaml[] = HEAD "trang_thai: du_thao\n"
                                      "ngay: 2024-12\n"
                                      "noi_dung:\n"
                                      "  - muc: Đánh giá kết quả\n"
                                      "    noi_dung:\n"
                                      "      - Chi tiết tại Phụ lục kèm theo.\n"
                                      "  - muc: Nhiệm vụ thời gian tới\n"
                                      "    noi_dung:\n"
                                      "      - Tiếp tục thực hiện.\n" TAIL
                                      "phu_luc:\n"
                                      "  - tieu_de: Danh mục\n"
                                      "    noi_dung:\n"
                                      "      - bang:\n"
                                      "          cot: [STT, Tên]\n"
                                      "          dong: [[Một], [Hai]]\n";

/* ---- rendering ------------------------------------------------------------------------------ */

typedef struct {
    char *dir;
    vb_document *doc;
    dr_docx *docx, *odt;
    xmlDocPtr document; /* word/document.xml */
    xmlDocPtr content;  /* content.xml */
    xmlDocPtr styles;   /* the ODT's styles.xml */
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

static vb_document *read_yaml(const char *dir, const char *yaml)
{
    char *path = join(dir, "bao-cao.yaml");
    write_text(path, yaml);
    vb_diagnostics diags;
    vb_diagnostics_init(&diags, VB_LANG_EN);
    vb_document *doc = vb_yaml_read(path, yaml, strlen(yaml), &diags);
    if (diags.error_count)
        vb_diagnostics_print(&diags, stderr);
    vb_diagnostics_free(&diags);
    free(path);
    assert_non_null(doc);
    return doc;
}

/* Writes `doc` as `name` in `dir` (".docx" or ".odt" by its end); returns the writer's
 * status, with its message in `err`. */
static int write_doc(const vb_document *doc, const char *dir, const char *name, char *err,
                     size_t err_size)
{
    int odt = strstr(name, ".odt") != NULL;
    vb_template_store *templates = vb_template_store_load(odt ? "odt" : "docx", NULL, err, err_size);
    assert_non_null(templates);
    char *path = join(dir, name);
    const vb_layout *layout = vb_layout_for(doc->format);
    int rc = odt ? vb_odt_write(doc, layout, templates, -1, path, err, err_size)
                 : vb_docx_write(doc, layout, templates, -1, path, err, err_size);
    vb_template_store_free(templates);
    free(path);
    return rc;
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
    char templ[] = "/tmp/vb-test-tables-XXXXXX";
    assert_non_null(mkdtemp(templ));
    r->dir = strdup(templ);
    char *csv = join(r->dir, "chi-tieu.csv");
    write_text(csv, report_csv);
    free(csv);
    r->doc = read_yaml(r->dir, report_yaml);
    char err[1024] = "";
    if (write_doc(r->doc, r->dir, "bao-cao.docx", err, sizeof err) < 0 ||
        write_doc(r->doc, r->dir, "bao-cao.odt", err, sizeof err) < 0)
        fail_msg("%s", err);
    r->docx = open_output(r->dir, "bao-cao.docx");
    r->odt = open_output(r->dir, "bao-cao.odt");
    r->document = dr_read_xml(r->docx, "word/document.xml");
    r->content = dr_read_xml(r->odt, "content.xml");
    r->styles = dr_read_xml(r->odt, "styles.xml");
    assert_non_null(r->document);
    assert_non_null(r->content);
    assert_non_null(r->styles);
    *state = r;
    return 0;
}

static void remove_dir(const char *dir)
{
    static const char *const names[] = {"bao-cao.yaml", "bao-cao.docx", "bao-cao.odt",
                                        "chi-tieu.csv", "nhap.docx", "thieu.docx"};
    for (size_t i = 0; i < sizeof names / sizeof *names; i++) {
        char *p = join(dir, names[i]);
        unlink(p);
        free(p);
    }
    rmdir(dir);
}

static int teardown(void **state)
{
    rendered *r = *state;
    xmlFreeDoc(r->document);
    xmlFreeDoc(r->content);
    xmlFreeDoc(r->styles);
    dr_close(r->docx);
    dr_close(r->odt);
    vb_document_free(r->doc);
    remove_dir(r->dir);
    free(r->dir);
    free(r);
    return 0;
}

/* ---- helpers -------------------------------------------------------------------------------- */

/* The texts of the paragraphs styled `style`, line breaks read as spaces, joined by '|'. */
static char *texts_of_style(xmlDocPtr d, const char *style)
{
    dr_nodes ps = xnodes(d, NULL, "//w:p[w:pPr/w:pStyle/@w:val='%s']", style);
    size_t cap = 16;
    for (size_t i = 0; i < ps.count; i++) {
        char *t = dr_wml_text(ps.items[i], " ");
        cap += strlen(t) + 1;
        free(t);
    }
    char *out = calloc(1, cap);
    for (size_t i = 0; i < ps.count; i++) {
        char *t = dr_wml_text(ps.items[i], " ");
        if (i)
            strcat(out, "|");
        strcat(out, t);
        free(t);
    }
    dr_nodes_free(&ps);
    return out;
}

static void assert_str(char *got, const char *want)
{
    assert_string_equal(got, want);
    free(got);
}

/* The text width of a page of the state layout, portrait or landscape, in twips. */
static long text_width(int landscape)
{
    const vb_layout *l = vb_layout_for(VB_FORMAT_STATE);
    long page = landscape ? l->page_height_twips : l->page_width_twips;
    return page - l->margin_left_twips - l->margin_right_twips;
}

/* The table holding a cell whose text is `text`, as an XPath predicate's subject. */
#define TABLE_WITH(text) "(//w:tbl[.//w:t='" text "'])[1]"

/* ---- appendices ----------------------------------------------------------------------------- */

static void test_appendix_headings(void **state)
{
    rendered *r = *state;
    assert_str(texts_of_style(r->document, "VbPhuLuc"), "Phụ lục I|Phụ lục II");
    assert_str(texts_of_style(r->document, "VbTenPhuLuc"), "TỔNG HỢP VĂN BẢN|KẾT QUẢ CÁC CHỈ TIÊU");
    /* Filled from the document: number, date, and the issuing body typed in ordinary case. */
    const char *note = "(Kèm theo Báo cáo số 215/BC-UBND ngày 12 tháng 12 năm 2024 của Ủy ban "
                       "nhân dân huyện Lạng Giang)";
    char want[512];
    snprintf(want, sizeof want, "%s|%s", note, note);
    assert_str(texts_of_style(r->document, "VbKemTheo"), want);
    /* Each appendix starts on a new page: its label opens a section of its own. */
    assert_int_equal(xcount(r->document, NULL,
                            "//w:p[w:pPr/w:pStyle/@w:val='VbPhuLuc']"
                            "[preceding-sibling::*[1][self::w:p][w:pPr/w:sectPr]]"),
                     2);
}

static void test_single_draft_appendix(void **state)
{
    rendered *r = *state;
    vb_document *doc = read_yaml(r->dir, draft_yaml);
    char err[1024] = "";
    if (write_doc(doc, r->dir, "nhap.docx", err, sizeof err) < 0)
        fail_msg("%s", err);
    vb_document_free(doc);
    dr_docx *pkg = open_output(r->dir, "nhap.docx");
    xmlDocPtr d = dr_read_xml(pkg, "word/document.xml");
    /* Alone, it is just "Phụ lục"; in a draft the number and the day are left blank. */
    assert_str(texts_of_style(d, "VbPhuLuc"), "Phụ lục");
    char *note = texts_of_style(d, "VbKemTheo");
    assert_non_null(strstr(note, "(Kèm theo Báo cáo số "));
    assert_non_null(strstr(note, "/BC-UBND ngày "));
    assert_null(strstr(note, "215"));
    assert_non_null(strstr(note, "của Ủy ban nhân dân huyện Lạng Giang)"));
    free(note);
    /* A plain `cot: [STT, …]` column is numbered. */
    assert_str(xstr(d, NULL, "string(" TABLE_WITH("Hai") "/w:tr[3]/w:tc[1])"), "2");
    xmlFreeDoc(d);
    dr_close(pkg);
}

/* ---- sections and page numbers -------------------------------------------------------------- */

static void test_sections(void **state)
{
    rendered *r = *state;
    xmlDocPtr d = r->document;
    /* Body (portrait) | a landscape table | the rest of the body | Phụ lục I | Phụ lục II. */
    dr_nodes s = xnodes(d, NULL, "//w:sectPr");
    assert_int_equal(s.count, 5);
    static const struct {
        int landscape, restart, first_unnumbered;
    } want[] = {{0, 1, 1}, {1, 0, 0}, {0, 0, 0}, {0, 1, 1}, {1, 1, 1}};
    for (size_t i = 0; i < s.count; i++) {
        xmlNodePtr sect = s.items[i];
        long w = (long)xnum(d, sect, "number(w:pgSz/@w:w)");
        long h = (long)xnum(d, sect, "number(w:pgSz/@w:h)");
        int landscape = xcount(d, sect, "w:pgSz[@w:orient='landscape']") == 1;
        assert_int_equal(landscape, want[i].landscape);
        assert_true(landscape ? w > h : w < h);
        /* Page numbers restart at 1 only where a part begins (the body, each appendix);
         * through the landscape table and after it they carry on. */
        assert_int_equal(xcount(d, sect, "w:pgNumType[@w:start='1']"), want[i].restart);
        /* The first page of a part has no number; the pages after a mid-body break do. */
        assert_int_equal(xcount(d, sect, "w:titlePg"), want[i].first_unnumbered);
        assert_int_equal(xcount(d, sect, "w:headerReference[@w:type='default']"), 1);
        assert_int_equal(xcount(d, sect, "w:headerReference[@w:type='first']"), 1);
    }
    dr_nodes_free(&s);
    /* The landscape section holds exactly the wide table. */
    assert_int_equal(xcount(d, NULL, "//w:tbl[.//w:t='Xã Tân Dĩnh']/following-sibling::*[1]"
                                     "[self::w:p/w:pPr/w:sectPr/w:pgSz/@w:orient='landscape']"),
                     1);
}

static void test_odt_sections(void **state)
{
    rendered *r = *state;
    xmlDocPtr c = r->content;
    /* Where a part begins, its first paragraph or table switches master page and restarts
     * the numbering; the landscape table and what follows it carry the numbers on. */
#define MASTER_OF "string(//style:style[@style:name=%s]/@style:master-page-name)"
#define NUMBER_OF "string(//style:style[@style:name=%s]/*/@style:page-number)"
    const char *label1 = "string(//text:p[.='Phụ lục I']/@text:style-name)";
    const char *label2 = "string(//text:p[.='Phụ lục II']/@text:style-name)";
    const char *wide = "string(//table:table[.//text:p='Xã Tân Dĩnh']/@table:style-name)";
    const char *after = "string(//table:table[.//text:p='Xã Tân Dĩnh']/following-sibling::*[1]"
                        "/@text:style-name)";
    static const struct {
        const char *master, *number;
    } want[] = {{"First_20_Page", "1"}, {"VbLandscapeFirst", "1"}, {"VbLandscape", "auto"},
                {"Standard", "auto"}};
    const char *which[] = {label1, label2, wide, after};
    for (size_t i = 0; i < 4; i++) {
        char *name = xstr(c, NULL, "%s", which[i]);
        assert_true(name[0] != '\0');
        char quoted[128];
        snprintf(quoted, sizeof quoted, "'%s'", name);
        assert_str(xstr(c, NULL, MASTER_OF, quoted), want[i].master);
        assert_str(xstr(c, NULL, NUMBER_OF, quoted), want[i].number);
        free(name);
    }
#undef MASTER_OF
#undef NUMBER_OF
    /* The landscape masters use a landscape page: wider than high. */
    for (int i = 0; i < 2; i++) {
        const char *master = i ? "VbLandscapeFirst" : "VbLandscape";
        char *layout = xstr(r->styles, NULL, "string(//style:master-page[@style:name='%s']/@style:page-layout-name)", master);
        assert_str(xstr(r->styles, NULL, "string(//style:page-layout[@style:name='%s']/style:page-layout-properties/@style:print-orientation)", layout),
                   "landscape");
        double w = xnum(r->styles, NULL, "number(substring-before(//style:page-layout[@style:name='%s']/style:page-layout-properties/@fo:page-width, 'pt'))", layout);
        double h = xnum(r->styles, NULL, "number(substring-before(//style:page-layout[@style:name='%s']/style:page-layout-properties/@fo:page-height, 'pt'))", layout);
        assert_true(w > h);
        free(layout);
    }
}

/* ---- table XML -------------------------------------------------------------------------------- */

static void test_header_rows_repeat_and_rows_never_split(void **state)
{
    rendered *r = *state;
    xmlDocPtr d = r->document;
    const char *tables[] = {TABLE_WITH("Quyết định 1"), TABLE_WITH("Thị trấn Vôi"), TABLE_WITH("Xã Tân Dĩnh")};
    for (size_t i = 0; i < 3; i++) {
        int rows = xcount(d, NULL, "%s/w:tr", tables[i]);
        assert_true(rows >= 2);
        assert_int_equal(xcount(d, NULL, "%s/w:tr[1]/w:trPr/w:tblHeader", tables[i]), 1);
        assert_int_equal(xcount(d, NULL, "%s/w:tr[w:trPr/w:tblHeader]", tables[i]), 1);
        assert_int_equal(xcount(d, NULL, "%s/w:tr[position() > 1][w:trPr/w:cantSplit]", tables[i]), rows - 1);
        assert_int_equal(xcount(d, NULL, "%s/w:tr[1]/w:tc//w:p[not(w:pPr/w:pStyle/@w:val='VbBangTieuDe')]", tables[i]), 0);
    }
    /* ODT: the same rows, in table:table-header-rows. */
    assert_int_equal(xcount(r->content, NULL, "//table:table[.//text:p='Quyết định 1']/table:table-header-rows/table:table-row"), 1);
    assert_int_equal(xcount(r->content, NULL, "//table:table[.//text:p='Thị trấn Vôi']/table:table-header-rows/table:table-row"), 1);
}

static void test_widths(void **state)
{
    rendered *r = *state;
    xmlDocPtr d = r->document;
    /* `rong: 8cm` is 8 / 2.54 inches of 1440 twips; the measured columns fill the rest of
     * the text width; STT stays narrow (the spare width goes to the other columns). */
    const char *t = TABLE_WITH("Quyết định 1");
    assert_int_equal(xcount(d, NULL, "%s/w:tblGrid/w:gridCol", t), 3);
    assert_int_equal((long)xnum(d, NULL, "number(%s/w:tblGrid/w:gridCol[2]/@w:w)", t), 4535);
    assert_int_equal((long)xnum(d, NULL, "sum(%s/w:tblGrid/w:gridCol/@w:w)", t), text_width(0));
    assert_true(xnum(d, NULL, "number(%s/w:tblGrid/w:gridCol[1]/@w:w)", t) < 1000);
    /* On landscape pages the table fills the landscape text width. */
    assert_int_equal((long)xnum(d, NULL, "sum(%s/w:tblGrid/w:gridCol/@w:w)", TABLE_WITH("Thị trấn Vôi")), text_width(1));
    assert_int_equal((long)xnum(d, NULL, "sum(%s/w:tblGrid/w:gridCol/@w:w)", TABLE_WITH("Xã Tân Dĩnh")), text_width(1));
    /* The data cells leave their widths to the grid; the layout tables state theirs. */
    assert_int_equal(xcount(d, NULL, "%s//w:tcW", t), 0);
    assert_true(xcount(d, NULL, "(//w:tbl)[1]//w:tcW") > 0);
    /* ODT: one table:table-column per grid column. */
    assert_int_equal(xcount(r->content, NULL, "//table:table[.//text:p='Quyết định 1']/table:table-column"), 3);
}

static void test_group_rows_and_stt(void **state)
{
    rendered *r = *state;
    xmlDocPtr d = r->document;
    const char *t = TABLE_WITH("Quyết định 1");
    /* Rows: header, I, 1, 2, II, 1, 2 (spanning), 3 (merged down), 4. */
    assert_int_equal(xcount(d, NULL, "%s/w:tr", t), 9);
    static const char *const stt[] = {"STT", "I", "1", "2", "II", "1", "2", "3", "4"};
    for (int i = 0; i < 9; i++)
        assert_str(xstr(d, NULL, "string(%s/w:tr[%d]/w:tc[1])", t, i + 1), stt[i]);
    /* A group row: its number, then its text across the other columns, bold (its style). */
    for (int row = 2; row <= 5; row += 3) {
        assert_int_equal(xcount(d, NULL, "%s/w:tr[%d]/w:tc", t, row), 2);
        assert_int_equal((long)xnum(d, NULL, "number(%s/w:tr[%d]/w:tc[2]/w:tcPr/w:gridSpan/@w:val)", t, row), 2);
        assert_int_equal(xcount(d, NULL, "%s/w:tr[%d]/w:tc//w:p[w:pPr/w:pStyle/@w:val='VbBangNhom']", t, row), 2);
    }
    assert_str(xstr(d, NULL, "string(%s/w:tr[2]/w:tc[2])", t), "Quyết định");
    assert_str(xstr(d, NULL, "string(%s/w:tr[5]/w:tc[2])", t), "Kế hoạch");
    /* The group style is bold. */
    xmlDocPtr styles = dr_read_xml(r->docx, "word/styles.xml");
    assert_int_equal(xcount(styles, NULL, "//w:style[@w:styleId='VbBangNhom']/w:rPr/w:b"), 1);
    xmlFreeDoc(styles);

    /* From the CSV: a column headed STT is numbered, its Roman cells start groups. */
    const char *f = TABLE_WITH("Thị trấn Vôi");
    static const char *const file_stt[] = {"STT", "I", "1", "2", "II", "1"};
    assert_int_equal(xcount(d, NULL, "%s/w:tr", f), 6);
    for (int i = 0; i < 6; i++)
        assert_str(xstr(d, NULL, "string(%s/w:tr[%d]/w:tc[1])", f, i + 1), file_stt[i]);
    assert_int_equal((long)xnum(d, NULL, "number(%s/w:tr[5]/w:tc[2]/w:tcPr/w:gridSpan/@w:val)", f), 2);
}

static void test_merges(void **state)
{
    rendered *r = *state;
    xmlDocPtr d = r->document;
    const char *t = TABLE_WITH("Quyết định 1");
    /* gop_cot: 2 → one cell spanning two grid columns. */
    assert_str(xstr(d, NULL, "string(%s/w:tr[7]/w:tc[2])", t), "Gộp hai cột");
    assert_int_equal((long)xnum(d, NULL, "number(%s/w:tr[7]/w:tc[2]/w:tcPr/w:gridSpan/@w:val)", t), 2);
    assert_int_equal(xcount(d, NULL, "%s/w:tr[7]/w:tc", t), 2);
    /* gop_dong: 2 → vMerge restart, then a continuing empty cell in the row below. */
    assert_str(xstr(d, NULL, "string(%s/w:tr[8]/w:tc[2])", t), "Gộp hai dòng");
    assert_int_equal(xcount(d, NULL, "%s/w:tr[8]/w:tc[2]/w:tcPr/w:vMerge[@w:val='restart']", t), 1);
    assert_int_equal(xcount(d, NULL, "%s/w:tr[9]/w:tc[2]/w:tcPr/w:vMerge[not(@w:val)]", t), 1);
    assert_str(xstr(d, NULL, "string(%s/w:tr[9]/w:tc[2])", t), "");
    assert_str(xstr(d, NULL, "string(%s/w:tr[9]/w:tc[3])", t), "8");
    /* ODT: spanned cells and the covered cells they hide. */
    const char *o = "//table:table[.//text:p='Quyết định 1']";
    assert_int_equal(xcount(r->content, NULL, "%s//table:table-cell[@table:number-columns-spanned='2']", o), 3);
    assert_int_equal(xcount(r->content, NULL, "%s//table:table-cell[@table:number-rows-spanned='2']", o), 1);
    assert_int_equal(xcount(r->content, NULL, "%s//table:covered-table-cell", o), 4);
}

static void test_alignment(void **state)
{
    rendered *r = *state;
    xmlDocPtr d = r->document;
    /* STT centred, numbers right, text as its style (left, no w:jc). */
    const char *t = TABLE_WITH("Quyết định 1");
    assert_str(xstr(d, NULL, "string(%s/w:tr[3]/w:tc[1]//w:jc/@w:val)", t), "center");
    assert_int_equal(xcount(d, NULL, "%s/w:tr[3]/w:tc[2]//w:jc", t), 0);
    assert_str(xstr(d, NULL, "string(%s/w:tr[3]/w:tc[3]//w:jc/@w:val)", t), "right");
    const char *f = TABLE_WITH("Thị trấn Vôi");
    assert_str(xstr(d, NULL, "string(%s/w:tr[3]/w:tc[1]//w:jc/@w:val)", f), "center");
    assert_str(xstr(d, NULL, "string(%s/w:tr[4]/w:tc[3]//w:jc/@w:val)", f), "right");
    const char *w = TABLE_WITH("Xã Tân Dĩnh");
    assert_str(xstr(d, NULL, "string(%s/w:tr[2]/w:tc[2]//w:jc/@w:val)", w), "right");
    assert_str(xstr(d, NULL, "string(%s/w:tr[2]/w:tc[3])", w), "34,6%");
}

static void test_unreadable_table_file(void **state)
{
    rendered *r = *state;
    static const char yaml[] = HEAD "so: 3\nngay: 2024-01-05\n"
                                    "noi_dung:\n"
                                    "  - muc: Đánh giá\n"
                                    "    noi_dung:\n"
                                    "      - Tại Phụ lục kèm theo.\n"
                                    "  - muc: Nhiệm vụ\n"
                                    "    noi_dung:\n"
                                    "      - Tiếp tục.\n" TAIL
                                    "phu_luc:\n"
                                    "  - tieu_de: Số liệu\n"
                                    "    noi_dung:\n"
                                    "      - bang: {tep: khong-co.csv}\n";
    vb_document *doc = read_yaml(r->dir, yaml);
    char err[1024] = "";
    assert_int_equal(write_doc(doc, r->dir, "thieu.docx", err, sizeof err), -1);
    vb_document_free(doc);
    /* Positioned at the file's name in the YAML, naming the file; nothing written. */
    assert_non_null(strstr(err, "bao-cao.yaml:"));
    assert_non_null(strstr(err, "khong-co.csv"));
    char *path = join(r->dir, "thieu.docx");
    assert_int_equal(access(path, F_OK), -1);
    free(path);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_appendix_headings),
        cmocka_unit_test(test_single_draft_appendix),
        cmocka_unit_test(test_sections),
        cmocka_unit_test(test_odt_sections),
        cmocka_unit_test(test_header_rows_repeat_and_rows_never_split),
        cmocka_unit_test(test_widths),
        cmocka_unit_test(test_group_rows_and_stt),
        cmocka_unit_test(test_merges),
        cmocka_unit_test(test_alignment),
        cmocka_unit_test(test_unreadable_table_file),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
