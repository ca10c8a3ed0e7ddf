/* The DOCX/ODT reader (gen/read/office): every document vanban renders (inputs/, docs/examples/) is rendered to DOCX and ODT, read back with vb_office_read, and
 * compared field by field with the model read from its YAML (tests/office_compare.c). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <glob.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "layout/layout.h"
#include "model/diag.h"
#include "model/model.h"
#include "office_compare.h"
#include "package/templates.h"
#include "read/office/office_reader.h"
#include "check/layout_rules.h"
#include "read/yaml_reader.h"
#include "write/docx/docx.h"
#include "write/odt/odt.h"
#include "test_files.h"

#ifndef VB_SOURCE_ROOT
#define VB_SOURCE_ROOT "."
#endif

static const char *root_dir(void)
{
    const char *root = getenv("VANBAN_SOURCE_ROOT");
    return root ? root : VB_SOURCE_ROOT;
}

/* Reads `yaml`, renders it in `format` and reads that back; returns the differences. */
static int round_trip(const char *yaml, const char *format)
{
    size_t len = 0;
    char *data = test_read_file(yaml, &len);
    assert_non_null(data);
    vb_diagnostics diags;
    vb_diagnostics_init(&diags, VB_LANG_EN);
    /* Table files are found beside the YAML. */
    vb_document *expected = vb_yaml_read(yaml, data, len, &diags);
    free(data);
    if (!expected) {
        vb_diagnostics_print(&diags, stderr);
        fail_msg("%s: YAML not read", yaml);
    }
    char path[1024];
    test_write_office(expected, format, 0, path, sizeof path);
    vb_diagnostics read_diags;
    vb_diagnostics_init(&read_diags, VB_LANG_EN);
    vb_office_source *src = NULL;
    int *elements = NULL;
    vb_document *actual = vb_office_read_source(path, &read_diags, &src, &elements);
    /* vanban's own layout passes its own layout rules. */
    if (actual)
        vb_check_office_layout(src, elements, actual, &read_diags);
    free(elements);
    vb_office_source_free(src);
    unlink(path);
    if (!actual) {
        vb_diagnostics_print(&read_diags, stderr);
        fail_msg("%s: %s not read back", yaml, format);
    }
    fprintf(stderr, "%s (%s):\n", yaml, format);
    int differences = vb_test_compare_documents(expected, actual);
    /* A document vanban made has every part and its layout: nothing is reported. */
    for (size_t i = 0; i < read_diags.count; i++) {
        fprintf(stderr, "  diagnostic: %s [%s]\n", read_diags.items[i].message, read_diags.items[i].rule);
        differences++;
    }
    vb_document_free(expected);
    vb_document_free(actual);
    vb_diagnostics_free(&diags);
    vb_diagnostics_free(&read_diags);
    return differences;
}

static void round_trip_all(const char *format)
{
    const char *patterns[] = {"inputs/*.yaml", "docs/examples/*.yaml"};
    int total = 0, files = 0;
    for (size_t k = 0; k < 2; k++) {
        char pattern[512];
        snprintf(pattern, sizeof pattern, "%s/%s", root_dir(), patterns[k]);
        glob_t g;
        if (glob(pattern, 0, NULL, &g) != 0)
            continue;
        for (size_t i = 0; i < g.gl_pathc; i++) {
            total += round_trip(g.gl_pathv[i], format);
            files++;
        }
        globfree(&g);
    }
    assert_true(files >= 10);
    assert_int_equal(total, 0);
}

static void test_round_trip_docx(void **state)
{
    (void)state;
    round_trip_all("docx");
}


/* What no sample has: ô 10 marks, Phần/Chương/Điều, a footnote, emphasis, a table with merged
 * cells, header rows and group rows on landscape pages, two appendices, two signers, a
 * Kính gửi list, căn cứ and the thẩm quyền line. */
static const char every_part_yaml[] =
    "the_thuc: nha_nuoc\n"
    "loai: QĐ\n"
    "co_quan_chu_quan: UBND TỈNH BẮC GIANG\n"
    "co_quan: SỞ TÀI CHÍNH\n"
    "so: 7\n"
    "ky_hieu: QĐ-STC\n"
    "dia_danh: Bắc Giang\n"
    "ngay: 2024-03-05\n"
    "do_mat: toi_mat\n"
    "do_khan: hoa_toc\n"
    "trich_yeu: Ban hành Quy chế quản lý tài sản công\n"
    "tham_quyen: GIÁM ĐỐC SỞ TÀI CHÍNH\n"
    "can_cu:\n"
    "  - Căn cứ Luật Quản lý, sử dụng tài sản công ngày 21 tháng 6 năm 2017;\n"
    "  - Theo đề nghị của Chánh Văn phòng Sở.\n"
    "noi_dung:\n"
    "  - chuong: Quy định chung\n"
    "    noi_dung:\n"
    "      - dieu: Phạm vi điều chỉnh\n"
    "        noi_dung:\n"
    "          - Quy chế này quy định **việc quản lý** tài sản công^[Theo Luật số 15/2017/QH14.] tại *các đơn vị*.\n"
    "          - khoan: \"\"\n"
    "            noi_dung:\n"
    "              - Tài sản là nhà, đất.\n"
    "          - khoan: \"\"\n"
    "            noi_dung:\n"
    "              - Tài sản là xe ô tô.\n"
    "      - dieu: Đối tượng áp dụng\n"
    "        noi_dung:\n"
    "          - Các phòng, đơn vị thuộc Sở.\n"
    "          - bang:\n"
    "              huong: ngang\n"
    "              cot: [{ten: STT, stt: true}, Tên tài sản, Số lượng, Ghi chú]\n"
    "              dau_bang:\n"
    "                - [{noi_dung: STT, gop_dong: 2}, {noi_dung: Tài sản, gop_cot: 2}, {noi_dung: Ghi chú, gop_dong: 2}]\n"
    "                - [Tên, Số lượng]\n"
    "              dong:\n"
    "                - nhom: Nhà, đất\n"
    "                - [Trụ sở Sở, \"1\", {noi_dung: Dùng chung, gop_dong: 2}]\n"
    "                - [Kho lưu trữ, \"2\"]\n"
    "  - chuong: Điều khoản thi hành\n"
    "    noi_dung:\n"
    "      - dieu: Hiệu lực\n"
    "        noi_dung:\n"
    "          - Quyết định này có hiệu lực kể từ ngày ký.\n"
    "noi_nhan:\n"
    "  - Như Điều 3\n"
    "  - \"Lưu: VT, KHTC\"\n"
    "ky:\n"
    "  - quyen_han: KT. GIÁM ĐỐC\n"
    "    chuc_vu: PHÓ GIÁM ĐỐC\n"
    "    ho_ten: Trần Văn Cường\n"
    "  - chuc_vu: KẾ TOÁN TRƯỞNG\n"
    "    ho_ten: Lê Thị Dung\n"
    "phu_luc:\n"
    "  - tieu_de: Danh mục tài sản\n"
    "    noi_dung:\n"
    "      - Danh mục được cập nhật hằng năm.\n"
    "  - tieu_de: Mẫu biên bản\n"
    "    huong: ngang\n"
    "    noi_dung:\n"
    "      - muc: Thành phần\n"
    "        noi_dung:\n"
    "          - \"- Đại diện Sở;\\n+ Lãnh đạo phòng.\"\n";

static void test_round_trip_every_part(void **state)
{
    (void)state;
    char path[512];
    const char *tmp = getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp";
    snprintf(path, sizeof path, "%s/vanban-office-every-part-%d.yaml", tmp, (int)getpid());
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs(every_part_yaml, f);
    fclose(f);
    int differences = round_trip(path, "docx") + round_trip(path, "odt");
    unlink(path);
    assert_int_equal(differences, 0);
}

static void test_round_trip_odt(void **state)
{
    (void)state;
    round_trip_all("odt");
}

/* The task example laid as a table in the body (trinh_bay: bang, huong: ngang) rather than in
 * a Phụ lục: the table is read back as the same tasks, landscape kept. */
static void test_round_trip_task_table_in_body(void **state)
{
    (void)state;
    char source[512], variant[512];
    snprintf(source, sizeof source, "%s/docs/examples/ke-hoach-bang-nhiem-vu.yaml", root_dir());
    const char *tmp = getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp";
    snprintf(variant, sizeof variant, "%s/vanban-task-table-%d.yaml", tmp, (int)getpid());
    FILE *in = fopen(source, "r");
    assert_non_null(in);
    FILE *out = fopen(variant, "w");
    assert_non_null(out);
    char line[1024];
    int replaced = 0;
    while (fgets(line, sizeof line, in)) {
        /* the keys, not the comments that name them */
        char *key = line + strspn(line, " ");
        char *at = !strncmp(key, "trinh_bay: phu_luc", 18) ? key : NULL;
        char *title = !strncmp(key, "tieu_de_phu_luc:", 16) ? key : NULL;
        if (at) {
            fprintf(out, "%.*strinh_bay: bang\n", (int)(at - line), line);
            replaced++;
        } else if (title) {
            fprintf(out, "%.*shuong: ngang\n", (int)(title - line), line);
            replaced++;
        } else {
            fputs(line, out);
        }
    }
    fclose(in);
    fclose(out);
    assert_int_equal(replaced, 2);
    int differences = round_trip(variant, "docx") + round_trip(variant, "odt");
    unlink(variant);
    assert_int_equal(differences, 0);
}

/* Renders `example` (docs/examples) as `format` and reads the file back. */
static vb_document *read_rendered(const char *example, const char *format)
{
    char yaml[512], path[512], err[1024] = "";
    snprintf(yaml, sizeof yaml, "%s/docs/examples/%s", root_dir(), example);
    size_t len = 0;
    char *data = test_read_file(yaml, &len);
    assert_non_null(data);
    vb_diagnostics diags;
    vb_diagnostics_init(&diags, VB_LANG_EN);
    vb_document *source = vb_yaml_read(yaml, data, len, &diags);
    free(data);
    assert_non_null(source);
    const char *tmp = getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp";
    snprintf(path, sizeof path, "%s/vanban-office-parts-%d.%s", tmp, (int)getpid(), format);
    vb_template_store *templates = vb_template_store_load(format, NULL, err, sizeof err);
    assert_non_null(templates);
    int rc = !strcmp(format, "docx")
                 ? vb_docx_write(source, vb_layout_for(source->format), templates, 0, path, err, sizeof err)
                 : vb_odt_write(source, vb_layout_for(source->format), templates, 0, path, err, sizeof err);
    vb_template_store_free(templates);
    assert_int_equal(rc, 0);
    vb_document_free(source);
    vb_diagnostics_free(&diags);
    vb_diagnostics_init(&diags, VB_LANG_EN);
    vb_document *doc = vb_office_read(path, &diags);
    unlink(path);
    vb_diagnostics_print(&diags, stderr);
    assert_non_null(doc);
    assert_int_equal(diags.error_count, 0);
    vb_diagnostics_free(&diags);
    return doc;
}

/* The joint công văn: two bodies side by side, each under its superior body, their two
 * signers, ô 11, ô 12 on the Lưu line and ô 13 from the frame at the foot of page 1. */
static void joint_document(const char *format)
{
    vb_document *doc = read_rendered("cong-van-lien-tich.yaml", format);
    assert_int_equal(doc->joint_issuer_count, 2);
    assert_non_null(doc->joint_parent_bodies);
    assert_int_equal(doc->joint_parent_bodies[0].count, 1);
    assert_string_equal(doc->joint_parent_bodies[0].items[0].text, "UBND TỈNH BẮC GIANG");
    assert_int_equal(doc->joint_issuers[0].count, 2);
    assert_string_equal(doc->joint_issuers[0].items[0].text, "SỞ THÔNG TIN");
    assert_string_equal(doc->joint_issuers[0].items[1].text, "VÀ TRUYỀN THÔNG");
    assert_string_equal(doc->joint_parent_bodies[1].items[0].text, "UBND TỈNH BẮC GIANG");
    assert_int_equal(doc->joint_issuers[1].count, 1);
    assert_string_equal(doc->joint_issuers[1].items[0].text, "SỞ NỘI VỤ");
    /* the first body stands for the issuer */
    assert_string_equal(doc->issuer.items[0].text, "SỞ THÔNG TIN");
    assert_string_equal(doc->parent_body.items[0].text, "UBND TỈNH BẮC GIANG");
    assert_int_equal(doc->number, 18);
    assert_string_equal(doc->code.text, "STTTT-SNV");
    assert_string_equal(doc->type_code.text, "CV");
    assert_int_equal(doc->signer_count, 2);
    assert_string_equal(doc->signers[0].name.text, "Trần Minh Khoa");
    assert_string_equal(doc->signers[1].name.text, "Đỗ Thị Lan");
    assert_string_equal(doc->circulation.text, "LƯU HÀNH NỘI BỘ");
    assert_string_equal(doc->drafter.text, "PL");
    assert_int_equal(doc->copies, 30);
    assert_string_equal(doc->recipients.items[doc->recipients.count - 1].text, "Lưu: VT, CĐS, TCCB");
    assert_true(doc->has_contact);
    assert_string_equal(doc->contact.address.text,
                        "Số 1 đường Nguyễn Văn Cừ, phường Hoàng Văn Thụ, thành phố Bắc Giang");
    assert_string_equal(doc->contact.phone.text, "0204 3856 789");
    assert_string_equal(doc->contact.fax.text, "0204 3856 790");
    assert_string_equal(doc->contact.email.text, "stttt@bacgiang.gov.vn");
    assert_string_equal(doc->contact.website.text, "stttt.bacgiang.gov.vn");
    /* the contact block is not body text */
    for (const vb_node *n = doc->body->first_child; n; n = vb_node_next_preorder(n, doc->body)) {
        char *t = n->kind == VB_NODE_PARAGRAPH ? vb_inline_plain(&n->content) : NULL;
        assert_null(t ? strstr(t, "Địa chỉ:") : NULL);
        free(t);
    }
    vb_document_free(doc);
}

static void test_joint_docx(void **state)
{
    (void)state;
    joint_document("docx");
}

static void test_joint_odt(void **state)
{
    (void)state;
    joint_document("odt");
}

/* The Quy chế issued with the decision: its tên loại, trích yếu, Chương/Điều and no signer of
 * its own (a Quy chế ends with the decision's), after the decision's signature. */
static void attached_document(const char *format)
{
    vb_document *doc = read_rendered("quyet-dinh-quy-che.yaml", format);
    assert_int_equal(doc->signer_count, 1);
    assert_string_equal(doc->signers[0].name.text, "Nguyễn Văn Gia");
    assert_int_equal(doc->attachment_count, 1);
    const vb_attachment *a = &doc->attachments[0];
    assert_string_equal(a->type_code.text, "QC");
    assert_int_equal(a->type_name.count, 0);
    assert_string_equal(a->subject.text, "Quản lý, vận hành Trung tâm điều hành thông minh tỉnh Bắc Giang");
    assert_null(a->attached_line.text); /* the line vanban makes from the decision */
    assert_false(a->has_signer);
    const vb_node *chuong = a->body->first_child;
    assert_non_null(chuong);
    assert_int_equal(chuong->level, VB_LEVEL_CHUONG);
    char *title = vb_inline_plain(&chuong->title);
    assert_string_equal(title, "QUY ĐỊNH CHUNG");
    free(title);
    assert_int_equal(chuong->first_child->level, VB_LEVEL_DIEU);
    assert_int_equal(chuong->first_child->ordinal, 1);
    assert_non_null(chuong->next);
    assert_int_equal(chuong->next->level, VB_LEVEL_CHUONG);
    /* the decision's own body has its three Điều and nothing of the Quy chế */
    int articles = 0;
    for (const vb_node *n = doc->body->first_child; n; n = n->next)
        articles += n->kind == VB_NODE_SECTION && n->level == VB_LEVEL_DIEU;
    assert_int_equal(articles, 3);
    vb_document_free(doc);
}

static void test_attached_docx(void **state)
{
    (void)state;
    attached_document("docx");
}

static void test_attached_odt(void **state)
{
    (void)state;
    attached_document("odt");
}

static char *first_text(const vb_node *n)
{
    return n && n->content.count ? vb_inline_plain(&n->content) : vb_strdup("");
}

/* Drafts typed by a clerk (tests/office/make_clerk_docx.py, python-docx): a header aligned
 * with tabs, laid in a borderless table, in two columns or in two text boxes, typed and automatic numbering, manual bold
 * headings, a tracked change, Nơi nhận and the signer in a table. */
static void clerk_document(const char *name, int blank_number)
{
    char dir[256], cmd[1024], path[512];
    const char *tmp = getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp";
    snprintf(dir, sizeof dir, "%s/vanban-clerk-%d", tmp, (int)getpid());
    snprintf(cmd, sizeof cmd, "mkdir -p '%s' && /usr/bin/python3 '%s/tests/office/make_clerk_docx.py' '%s'",
             dir, root_dir(), dir);
    if (system(cmd) != 0)
        skip();
    snprintf(path, sizeof path, "%s/%s", dir, name);
    vb_diagnostics diags;
    vb_diagnostics_init(&diags, VB_LANG_EN);
    vb_document *doc = vb_office_read(path, &diags);
    vb_diagnostics_print(&diags, stderr);
    assert_non_null(doc);
    assert_int_equal(diags.error_count, 0);
    assert_int_equal(doc->format, VB_FORMAT_STATE);
    assert_int_equal(doc->parent_body.count, 1);
    assert_string_equal(doc->parent_body.items[0].text, "UBND TỈNH BẮC GIANG");
    assert_int_equal(doc->issuer.count, 1);
    assert_string_equal(doc->issuer.items[0].text, "SỞ THÔNG TIN VÀ TRUYỀN THÔNG");
    assert_int_equal(doc->number, blank_number ? 0 : 15);
    assert_int_equal(doc->is_draft, blank_number);
    assert_string_equal(doc->code.text, "BC-STTTT");
    assert_string_equal(doc->place.text, "Bắc Giang");
    assert_int_equal(doc->date.year, 2024);
    assert_int_equal(doc->date.month, 7);
    assert_int_equal(doc->date.day, blank_number ? 0 : 5);
    assert_string_equal(doc->type_code.text, "BC");
    assert_string_equal(doc->subject.text, "Kết quả chuyển đổi số 6 tháng đầu năm 2024");
    /* I. KẾT QUẢ ĐẠT ĐƯỢC > 1. Về hạ tầng số > the paragraph with its tracked change */
    const vb_node *muc = doc->body->first_child;
    assert_non_null(muc);
    assert_int_equal(muc->kind, VB_NODE_SECTION);
    assert_int_equal(muc->level, VB_LEVEL_MUC);
    char *title = vb_inline_plain(&muc->title);
    assert_string_equal(title, "KẾT QUẢ ĐẠT ĐƯỢC");
    free(title);
    const vb_node *khoan = muc->first_child;
    assert_int_equal(khoan->level, VB_LEVEL_KHOAN);
    title = vb_inline_plain(&khoan->title);
    assert_string_equal(title, "Về hạ tầng số");
    free(title);
    char *text = first_text(khoan->first_child);
    assert_string_equal(text, "Toàn tỉnh có 100% xã được phủ sóng 4G và cáp quang.");
    free(text);
    assert_int_equal(khoan->first_child->next->bullet_level, 1);
    /* II. with two khoản numbered by Word (numbering.xml) */
    const vb_node *muc2 = muc->next;
    assert_non_null(muc2);
    assert_int_equal(muc2->level, VB_LEVEL_MUC);
    assert_non_null(muc2->first_child);
    assert_int_equal(muc2->first_child->level, VB_LEVEL_KHOAN);
    title = vb_inline_plain(&muc2->first_child->title);
    assert_string_equal(title, "Hoàn thiện thể chế");
    free(title);
    assert_int_equal(muc2->last_child->ordinal, 2);
    /* the last paragraph, without its end mark (after the heading "2." it is read as that
     * khoản's text: nothing on the page says otherwise) */
    const vb_node *last = doc->body;
    while (last->last_child)
        last = last->last_child;
    text = first_text(last);
    assert_string_equal(text, "Sở Thông tin và Truyền thông trân trọng báo cáo.");
    free(text);
    assert_int_equal(doc->recipients.count, 2);
    assert_string_equal(doc->recipients.items[1].text, "Lưu: VT, KHTC");
    assert_int_equal(doc->signer_count, 1);
    assert_string_equal(doc->signers[0].authority.items[0].text, "KT. GIÁM ĐỐC");
    assert_string_equal(doc->signers[0].title.text, "PHÓ GIÁM ĐỐC");
    assert_string_equal(doc->signers[0].name.text, "Nguyễn Văn An");
    /* the typed "I." and "1." were noted as guesses */
    assert_true(doc->note_count >= 2);
    vb_document_free(doc);
    vb_diagnostics_free(&diags);
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    assert_int_equal(system(cmd), 0);
}

static void test_clerk_tab_header(void **state)
{
    (void)state;
    clerk_document("tab-header.docx", 0);
}

static void test_clerk_table_header(void **state)
{
    (void)state;
    clerk_document("table-header.docx", 1);
}

static void test_clerk_columns_header(void **state)
{
    (void)state;
    clerk_document("columns-header.docx", 0);
}

static void test_clerk_textbox_header(void **state)
{
    (void)state;
    clerk_document("textbox-header.docx", 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_round_trip_docx),
        cmocka_unit_test(test_round_trip_odt),
        cmocka_unit_test(test_round_trip_every_part),
        cmocka_unit_test(test_round_trip_task_table_in_body),
        cmocka_unit_test(test_joint_docx),
        cmocka_unit_test(test_joint_odt),
        cmocka_unit_test(test_attached_docx),
        cmocka_unit_test(test_attached_odt),
        cmocka_unit_test(test_clerk_tab_header),
        cmocka_unit_test(test_clerk_table_header),
        cmocka_unit_test(test_clerk_columns_header),
        cmocka_unit_test(test_clerk_textbox_header),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
