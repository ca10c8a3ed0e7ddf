/* The parts not every document has, as a reader of the produced DOCX and ODT sees them:
 * ô 11 and the draft mark (boxed frames in the top margin of page 1), ô 12 after the Lưu
 * line, ô 13 (a frame on the text area's last line under a full-width rule), the joint
 * header (the bodies side by side, one number under them), the documents issued with a
 * decision (their own section, title block, "(Ban hành kèm theo …)" line, numbering and
 * signature), and the issuer in running text. The samples are docs/examples'. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "layout/format.h"
#include "layout/layout.h"
#include "model/diag.h"
#include "model/model.h"
#include "package/templates.h"
#include "read/yaml_reader.h"
#include "viet/issuer_case.h"
#include "write/docx/docx.h"
#include "write/odt/odt.h"

#include "docx_reader.h"
#include "test_xpath.h"
#include "test_files.h"

#define MM(x) ((long)((x)*1440.0 / 25.4 + 0.5))

typedef struct {
    dr_docx *docx, *odt;
    xmlDocPtr document, styles, content, odt_styles;
} rendered;

static vb_document *read_yaml_text(const char *name, const char *text)
{
    vb_diagnostics diags;
    vb_diagnostics_init(&diags, VB_LANG_EN);
    vb_document *doc = vb_yaml_read(name, text, strlen(text), &diags);
    if (diags.error_count)
        vb_diagnostics_print(&diags, stderr);
    assert_int_equal(diags.error_count, 0);
    vb_diagnostics_free(&diags);
    assert_non_null(doc);
    return doc;
}

static vb_document *read_example(const char *name)
{
    char path[1024];
    snprintf(path, sizeof path, "%s/docs/examples/%s", VB_SOURCE_ROOT, name);
    size_t len;
    char *text = test_read_file(path, &len);
    if (!text)
        fail_msg("cannot read %s", path);
    vb_document *doc = read_yaml_text(path, text);
    free(text);
    return doc;
}

static dr_docx *write_and_open(const vb_document *doc, int odt)
{
    char err[1024] = "", path[1024];
    test_write_office(doc, odt ? "odt" : "docx", -1, path, sizeof path);
    dr_docx *pkg = dr_open(path, err, sizeof err);
    if (!pkg)
        fail_msg("%s", err);
    unlink(path);
    return pkg;
}

static rendered *render(const char *example)
{
    vb_document *doc = read_example(example);
    rendered *r = calloc(1, sizeof *r);
    r->docx = write_and_open(doc, 0);
    r->odt = write_and_open(doc, 1);
    vb_document_free(doc);
    r->document = dr_read_xml(r->docx, "word/document.xml");
    r->styles = dr_read_xml(r->docx, "word/styles.xml");
    r->content = dr_read_xml(r->odt, "content.xml");
    r->odt_styles = dr_read_xml(r->odt, "styles.xml");
    assert_non_null(r->document);
    assert_non_null(r->content);
    return r;
}

static void release(rendered *r)
{
    xmlFreeDoc(r->document);
    xmlFreeDoc(r->styles);
    xmlFreeDoc(r->content);
    xmlFreeDoc(r->odt_styles);
    dr_close(r->docx);
    dr_close(r->odt);
    free(r);
}

static void assert_str(char *got, const char *want)
{
    assert_string_equal(got, want);
    free(got);
}

#define FRAME(style) "//w:p[w:pPr/w:pStyle/@w:val='" style "'][w:pPr/w:framePr]"

static void test_margin_mark_and_contact_frames(void **state)
{
    (void)state;
    rendered *r = render("cong-van-lien-tich.yaml");
    const vb_layout *l = vb_layout_for(VB_FORMAT_STATE);
    xmlDocPtr d = r->document;
    /* ô 11: "LƯU HÀNH NỘI BỘ", boxed (four borders), 8 mm high, 9 mm from the page's top,
     * centred right of the text area's middle, fixed to the page. */
    assert_int_equal(xcount(d, NULL, FRAME("VbLuuHanh")), 1);
    assert_str(xstr(d, NULL, "string(" FRAME("VbLuuHanh") ")"), "LƯU HÀNH NỘI BỘ");
    assert_int_equal((long)xnum(d, NULL, "number(" FRAME("VbLuuHanh") "/w:pPr/w:framePr/@w:y)"), MM(9));
    assert_int_equal((long)xnum(d, NULL, "number(" FRAME("VbLuuHanh") "/w:pPr/w:framePr/@w:h)"), MM(8));
    assert_str(xstr(d, NULL, "string(" FRAME("VbLuuHanh") "/w:pPr/w:framePr/@w:vAnchor)"), "page");
    assert_int_equal(xcount(d, NULL, FRAME("VbLuuHanh") "/w:pPr/w:pBdr/*[@w:val='single']"), 4);
    long x = (long)xnum(d, NULL, "number(" FRAME("VbLuuHanh") "/w:pPr/w:framePr/@w:x)");
    long w = (long)xnum(d, NULL, "number(" FRAME("VbLuuHanh") "/w:pPr/w:framePr/@w:w)");
    long text_centre = l->margin_left_twips + vb_layout_text_width(l) / 2;
    assert_true(x + w / 2 > text_centre);
    assert_true(x + w <= l->page_width_twips - l->margin_right_twips);
    /* ô 13: the text area's width, its bottom on the text area's bottom, a rule on top. */
    assert_int_equal(xcount(d, NULL, FRAME("VbLienHe")), 1);
    char *contact = xstr(d, NULL, "string(" FRAME("VbLienHe") ")");
    assert_non_null(strstr(contact, "Địa chỉ: Số 1 đường Nguyễn Văn Cừ"));
    assert_non_null(strstr(contact, "; ĐT: 0204 3856 789; Fax: 0204 3856 790; E-mail: stttt@bacgiang.gov.vn; "
                                    "Website: stttt.bacgiang.gov.vn"));
    free(contact);
    assert_int_equal((long)xnum(d, NULL, "number(" FRAME("VbLienHe") "/w:pPr/w:framePr/@w:x)"), l->margin_left_twips);
    assert_int_equal((long)xnum(d, NULL, "number(" FRAME("VbLienHe") "/w:pPr/w:framePr/@w:w)"), vb_layout_text_width(l));
    long y = (long)xnum(d, NULL, "number(" FRAME("VbLienHe") "/w:pPr/w:framePr/@w:y)");
    long h = (long)xnum(d, NULL, "number(" FRAME("VbLienHe") "/w:pPr/w:framePr/@w:h)");
    assert_int_equal(y + h, l->page_height_twips - l->margin_bottom_twips);
    assert_int_equal(xcount(d, NULL, FRAME("VbLienHe") "/w:pPr/w:pBdr/w:top"), 1);
    assert_int_equal(xcount(d, NULL, FRAME("VbLienHe") "/w:pPr/w:pBdr/w:bottom"), 0);
    /* The styles: ô 11 13 pt bold, ô 13 11 pt; no draft mark in a document that is no draft. */
    assert_int_equal((long)xnum(r->styles, NULL, "number(//w:style[@w:styleId='VbLuuHanh']/w:rPr/w:sz/@w:val)"), 26);
    assert_str(xstr(r->styles, NULL, "string(//w:style[@w:styleId='VbLuuHanh']/w:rPr/w:b/@w:val)"), "1");
    assert_int_equal((long)xnum(r->styles, NULL, "number(//w:style[@w:styleId='VbLienHe']/w:rPr/w:sz/@w:val)"), 22);
    assert_int_equal(xcount(r->styles, NULL, "//w:style[@w:styleId='VbDuThao']"), 0);

    /* ODT: the same frames, at the same places, in text frames (graphic styles under
     * "Frame", which styles.xml declares). */
    xmlDocPtr c = r->content;
    assert_int_equal(xcount(c, NULL, "//draw:frame"), 2);
    assert_str(xstr(c, NULL, "string((//draw:frame)[1]/@svg:y)"), "25.50pt");
    assert_str(xstr(c, NULL, "string((//draw:frame)[1]//text:p)"), "LƯU HÀNH NỘI BỘ");
    /* Anchored to page 1, so that an engine places them from the page, not from the
     * paragraph that holds them (AbiWord); no border that an engine could fill in. */
    assert_int_equal(xcount(c, NULL, "//draw:frame[@text:anchor-type='page'][@text:anchor-page-number='1']"), 2);
    assert_int_equal(xcount(c, NULL, "//style:style[@style:family='graphic']/style:graphic-properties"
                                     "[@fo:border-top='none'][@fo:border-bottom='none']"
                                     "[@fo:border-left='none'][@fo:border-right='none']"), 2);
    /* ô 11 in the top margin has no text beside it to wrap; ô 13 keeps the text off. */
    assert_str(xstr(c, NULL, "string(//style:style[@style:name=(//draw:frame)[1]/@draw:style-name]"
                             "/style:graphic-properties/@style:wrap)"), "run-through");
    assert_str(xstr(c, NULL, "string(//style:style[@style:name=(//draw:frame)[2]/@draw:style-name]"
                             "/style:graphic-properties/@style:wrap)"), "none");
    assert_int_equal(xcount(c, NULL, "//style:style[@style:family='graphic'][@style:parent-style-name='Frame']"), 2);
    assert_int_equal(xcount(r->odt_styles, NULL, "//style:style[@style:name='Frame'][@style:family='graphic']"), 1);
    char *p_style = xstr(c, NULL, "string((//draw:frame)[1]//text:p/@text:style-name)");
    assert_str(xstr(c, NULL, "string(//style:style[@style:name='%s']/@style:parent-style-name)", p_style), "VbLuuHanh");
    free(p_style);
    release(r);
}

static void test_drafter_and_joint_header(void **state)
{
    (void)state;
    rendered *r = render("cong-van-lien-tich.yaml");
    xmlDocPtr d = r->document;
    /* ô 12 after the Lưu line. */
    assert_int_equal(xcount(d, NULL, "//w:p[w:pPr/w:pStyle/@w:val='VbNoiNhanMuc'][.='- Lưu: VT, CĐS, TCCB. PL.(30).']"), 1);
    /* The header: two bodies side by side, then ô 1; one number spanning the bodies. */
    const char *head = "(//w:tbl)[1]";
    assert_int_equal(xcount(d, NULL, "%s/w:tblGrid/w:gridCol", head), 3);
    /* Layout tables name no borders (the table style has none): AbiWord draws a line for a
     * border of any w:val but "dashed", "nil" included. */
    assert_int_equal(xcount(d, NULL, "//w:tblBorders"), 0);
    assert_int_equal(xcount(d, NULL, "%s/w:tr[1]/w:tc[1]//w:p[w:pPr/w:pStyle/@w:val='VbCoQuanBanHanh']", head), 2);
    assert_str(xstr(d, NULL, "string(%s/w:tr[1]/w:tc[2]//w:p[w:pPr/w:pStyle/@w:val='VbCoQuanBanHanh'])", head), "SỞ NỘI VỤ");
    assert_str(xstr(d, NULL, "string(%s/w:tr[1]/w:tc[3]//w:p[w:pPr/w:pStyle/@w:val='VbQuocHieu'])", head),
               "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM");
    /* Each body under its own superior body: upright (the chủ quản style), first in its cell,
     * above the bold name. */
    for (int cell = 1; cell <= 2; cell++) {
        /* (balanced over two lines in the narrow column: "UBND TỈNH" / "BẮC GIANG") */
        assert_int_equal(xcount(d, NULL, "%s/w:tr[1]/w:tc[%d]/w:p[1][w:pPr/w:pStyle/@w:val='VbCoQuanChuQuan']"
                                         "[starts-with(., 'UBND TỈNH')][contains(., 'BẮC GIANG')]",
                                head, cell),
                         1);
        assert_int_equal(xcount(d, NULL, "%s/w:tr[1]/w:tc[%d]/w:p[2][w:pPr/w:pStyle/@w:val='VbCoQuanBanHanh']",
                                head, cell),
                         1);
    }
    assert_str(xstr(r->styles, NULL, "string(//w:style[@w:styleId='VbCoQuanChuQuan']/w:rPr/w:b/@w:val)"), "0");
    assert_str(xstr(r->styles, NULL, "string(//w:style[@w:styleId='VbCoQuanBanHanh']/w:rPr/w:b/@w:val)"), "1");
    /* Each body has its rule. */
    assert_int_equal(xcount(d, NULL, "%s/w:tr[1]/w:tc[1]//w:p[w:pPr/w:pStyle/@w:val='VbDuongKe']", head), 1);
    assert_int_equal(xcount(d, NULL, "%s/w:tr[1]/w:tc[2]//w:p[w:pPr/w:pStyle/@w:val='VbDuongKe']", head), 1);
    assert_int_equal((long)xnum(d, NULL, "number(%s/w:tr[2]/w:tc[1]/w:tcPr/w:gridSpan/@w:val)", head), 2);
    assert_str(xstr(d, NULL, "string(%s/w:tr[2]/w:tc[1]//w:p[w:pPr/w:pStyle/@w:val='VbSoKyHieu'])", head),
               "Số: 18/STTTT-SNV");
    assert_int_equal(xcount(d, NULL, "%s/w:tr[2]/w:tc[1]//w:p[w:pPr/w:pStyle/@w:val='VbTrichYeuCongVan']", head), 1);
    /* The signers side by side. */
    assert_int_equal(xcount(d, NULL, "//w:tbl[.//w:t='Trần Minh Khoa'][.//w:t='Đỗ Thị Lan']"), 1);
    /* ODT: the superior body first in each body's cell. */
    for (int cell = 1; cell <= 2; cell++) {
        char *style = xstr(r->content, NULL, "string((//table:table)[1]/table:table-row[1]/table:table-cell[%d]"
                                             "/text:p[1]/@text:style-name)", cell);
        char *parent = xstr(r->content, NULL, "string(//style:style[@style:name='%s']/@style:parent-style-name)", style);
        assert_true(!strcmp(style, "VbCoQuanChuQuan") || !strcmp(parent, "VbCoQuanChuQuan"));
        free(style);
        free(parent);
        assert_int_equal(xcount(r->content, NULL, "(//table:table)[1]/table:table-row[1]/table:table-cell[%d]"
                                                  "/text:p[1][starts-with(., 'UBND TỈNH')][contains(., 'BẮC GIANG')]",
                                cell),
                         1);
    }
    /* ODT: the number cell spans the two bodies' columns. */
    assert_int_equal(xcount(r->content, NULL, "(//table:table)[1]/table:table-row[2]/table:table-cell"
                                              "[@table:number-columns-spanned='2']"), 1);
    release(r);
}

static void test_draft_mark(void **state)
{
    (void)state;
    rendered *r = render("to-trinh-du-thao.yaml");
    assert_str(xstr(r->document, NULL, "string(" FRAME("VbDuThao") ")"), "DỰ THẢO LẦN 2");
    assert_int_equal(xcount(r->styles, NULL, "//w:style[@w:styleId='VbDuThao']"), 1);
    assert_int_equal(xcount(r->styles, NULL, "//w:style[@w:styleId='VbLuuHanh' or @w:styleId='VbLienHe']"), 0);
    assert_str(xstr(r->content, NULL, "string(//draw:frame//text:p)"), "DỰ THẢO LẦN 2");
    /* The number and the day stay blank. */
    assert_str(xstr(r->document, NULL, "string(//w:p[w:pPr/w:pStyle/@w:val='VbSoKyHieu'])"), "Số:       /TTr-SNV");
    release(r);
}

static void test_documents_without_parts_keep_their_styles(void **state)
{
    (void)state;
    rendered *r = render("bao-cao.yaml");
    assert_int_equal(xcount(r->styles, NULL, "//w:style[@w:styleId='VbLuuHanh' or @w:styleId='VbDuThao' or "
                                             "@w:styleId='VbLienHe']"), 0);
    assert_int_equal(xcount(r->document, NULL, "//w:framePr"), 0);
    assert_int_equal(xcount(r->odt_styles, NULL, "//style:style[@style:family='graphic']"), 0);
    assert_int_equal(xcount(r->content, NULL, "//draw:frame"), 0);
    release(r);
}

static void test_attached_quy_che(void **state)
{
    (void)state;
    rendered *r = render("quyet-dinh-quy-che.yaml");
    xmlDocPtr d = r->document;
    /* It opens a section of its own: numbers from 1, none on its first page. */
    const char *first = "//w:p[w:pPr/w:pStyle/@w:val='VbTenLoai'][.='QUY CHẾ']";
    assert_int_equal(xcount(d, NULL, "%s", first), 1);
    assert_int_equal(xcount(d, NULL, "//w:p[w:pPr/w:sectPr][following::w:p[w:pPr/w:pStyle/@w:val='VbTenLoai'][.='QUY CHẾ']]"
                                     "[last()]/w:pPr/w:sectPr"), 1);
    assert_int_equal(xcount(d, NULL, "/w:document/w:body/w:sectPr[w:pgNumType/@w:start='1'][w:titlePg]"), 1);
    /* Its own header: the issuer and ô 1, no number. */
    assert_int_equal(xcount(d, NULL, "//w:tbl[following::w:p[.='QUY CHẾ']][preceding::w:p[w:pPr/w:sectPr]]"
                                     "//w:p[w:pPr/w:pStyle/@w:val='VbSoKyHieu']"), 0);
    assert_int_equal(xcount(d, NULL, "//w:tbl[following::w:p[.='QUY CHẾ']][preceding::w:p[w:pPr/w:sectPr]]"
                                     "//w:p[w:pPr/w:pStyle/@w:val='VbQuocHieu']"), 1);
    /* The title block and the line made from the decision. */
    assert_str(xstr(d, NULL, "string(%s/following::w:p[1])", first),
               "Quản lý, vận hành Trung tâm điều hành thông minh tỉnh Bắc Giang");
    dr_nodes notes = xnodes(d, NULL, "//w:p[w:pPr/w:pStyle/@w:val='VbKemTheo']");
    assert_int_equal(notes.count, 1);
    char *note = dr_wml_text(notes.items[0], " ");
    dr_nodes_free(&notes);
    assert_string_equal(note, "(Ban hành kèm theo Quyết định số 125/QĐ-UBND ngày 05 tháng 3 năm 2025 của Ủy ban "
                              "nhân dân tỉnh Bắc Giang)");
    free(note);
    /* Its own numbering: Chương I, Điều 1 again after the decision's Điều 1–3. */
    assert_int_equal(xcount(d, NULL, "//w:p[starts-with(., 'Điều 1.')]"), 2);
    assert_int_equal(xcount(d, NULL, "//w:p[w:pPr/w:pStyle/@w:val='VbDieu'][.='Điều 1. Phạm vi điều chỉnh']"), 1);
    assert_int_equal(xcount(d, NULL, "//w:p[w:pPr/w:pStyle/@w:val='VbPhan'][.='Chương I']"), 1);
    assert_int_equal(xcount(d, NULL, "//w:p[w:pPr/w:pStyle/@w:val='VbDieu'][starts-with(., 'Điều 4. Điều khoản thi hành')]"), 1);
    /* The decision's signature at its end (a Quy chế), without a Nơi nhận. */
    assert_int_equal(xcount(d, NULL, "//w:p[w:pPr/w:pStyle/@w:val='VbHoTen'][.='Nguyễn Văn Gia']"), 2);
    assert_int_equal(xcount(d, NULL, "//w:p[w:pPr/w:pStyle/@w:val='VbQuyenHan'][.='TM. ỦY BAN NHÂN DÂN']"
                                     "[preceding::w:p[.='QUY CHẾ']]"), 1);
    assert_int_equal(xcount(d, NULL, "//w:p[w:pPr/w:pStyle/@w:val='VbNoiNhan'][preceding::w:p[.='QUY CHẾ']]"), 0);
    /* ODT: the same line, on a first page of its own. */
    assert_int_equal(xcount(r->content, NULL, "//text:p[starts-with(., '(Ban hành kèm theo Quyết định số 125/QĐ-UBND')]"), 1);
    release(r);
}

static void test_issuer_in_running_text(void **state)
{
    (void)state;
    static const char *const cases[][2] = {
        {"SỞ NỘI VỤ", "Sở Nội vụ"},
        {"ỦY BAN NHÂN DÂN TỈNH BẮC GIANG", "Ủy ban nhân dân tỉnh Bắc Giang"},
        {"SỞ THÔNG TIN VÀ TRUYỀN THÔNG", "Sở Thông tin và Truyền thông"},
        {"SỞ NÔNG NGHIỆP VÀ PTNT TỈNH BẮC GIANG", "Sở Nông nghiệp và PTNT tỉnh Bắc Giang"},
        {"ỦY BAN NHÂN DÂN HUYỆN LẠNG GIANG", "Ủy ban nhân dân huyện Lạng Giang"},
        {"CÔNG AN TỈNH", "Công an tỉnh"},
        {"SỞ TÀI NGUYÊN VÀ MÔI TRƯỜNG", "Sở Tài nguyên và Môi trường"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        char *got = vb_issuer_running_case(cases[i][0]);
        assert_non_null(got);
        assert_string_equal(got, cases[i][1]);
        free(got);
    }
    /* Not a kind of body it knows: only the drafter can say. */
    assert_null(vb_issuer_running_case("TỈNH ỦY BẮC GIANG"));

    /* The Kèm theo line: derived from capitals, or co_quan_in_thuong when given. */
    static const char head[] = "the_thuc: nha_nuoc\nloai: BC\nso: 5\nky_hieu: BC-SNV\ndia_danh: Bắc Giang\n"
                               "ngay: 2025-01-06\ntrich_yeu: Kết quả\nnoi_dung: [Nội dung.]\n"
                               "noi_nhan: [\"Lưu: VT\"]\nky: {chuc_vu: GIÁM ĐỐC, ho_ten: Lê Văn A}\n";
    char yaml[1024];
    snprintf(yaml, sizeof yaml, "%sco_quan: [UBND TỈNH BẮC GIANG, SỞ NỘI VỤ]\n", head);
    vb_document *doc = read_yaml_text("a.yaml", yaml);
    /* A name that does not start with a kind of body vanban knows: left out. */
    char *line = vb_format_attached_line(vb_layout_for(VB_FORMAT_STATE), doc);
    assert_string_equal(line, "(Kèm theo Báo cáo số 05/BC-SNV ngày 06 tháng 01 năm 2025)");
    free(line);
    vb_document_free(doc);
    snprintf(yaml, sizeof yaml, "%sco_quan: SỞ NỘI VỤ\n", head);
    doc = read_yaml_text("b.yaml", yaml);
    line = vb_format_attached_line(vb_layout_for(VB_FORMAT_STATE), doc);
    assert_string_equal(line, "(Kèm theo Báo cáo số 05/BC-SNV ngày 06 tháng 01 năm 2025 của Sở Nội vụ)");
    free(line);
    vb_document_free(doc);
    snprintf(yaml, sizeof yaml, "%sco_quan: [UBND TỈNH BẮC GIANG, SỞ NỘI VỤ]\nco_quan_in_thuong: Sở Nội vụ tỉnh Bắc Giang\n",
             head);
    doc = read_yaml_text("c.yaml", yaml);
    line = vb_format_attached_line(vb_layout_for(VB_FORMAT_STATE), doc);
    assert_string_equal(line, "(Kèm theo Báo cáo số 05/BC-SNV ngày 06 tháng 01 năm 2025 của Sở Nội vụ tỉnh Bắc Giang)");
    free(line);
    vb_document_free(doc);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_margin_mark_and_contact_frames),
        cmocka_unit_test(test_drafter_and_joint_header),
        cmocka_unit_test(test_draft_mark),
        cmocka_unit_test(test_documents_without_parts_keep_their_styles),
        cmocka_unit_test(test_attached_quy_che),
        cmocka_unit_test(test_issuer_in_running_text),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
