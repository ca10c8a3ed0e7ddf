/* The layout tables hold the values of Nghị định 30/2020/NĐ-CP Phụ lục I (state) and
 * Hướng dẫn 36-HD/VPTW (Party), as ranges from ../shared/reference/nd30-hd36.md §1, §3, §5
 * and §11; and vb_section_label numbers sections as the decree writes them. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "layout/layout.h"
#include "model/model.h"

static const char *const element_names[VB_EL_COUNT] = {
    [VB_EL_NATIONAL_TITLE] = "national title",
    [VB_EL_MOTTO] = "motto (Tiêu ngữ)",
    [VB_EL_PARENT_BODY] = "parent body",
    [VB_EL_ISSUER] = "issuer",
    [VB_EL_ISSUER_MARK] = "issuer mark",
    [VB_EL_NUMBER] = "Số, ký hiệu",
    [VB_EL_CONG_VAN_SUBJECT] = "V/v (công văn)",
    [VB_EL_DATE_LINE] = "date line",
    [VB_EL_TYPE_NAME] = "tên loại",
    [VB_EL_SUBJECT] = "trích yếu",
    [VB_EL_SUBJECT_MARK] = "trích yếu mark",
    [VB_EL_ADDRESSEE] = "Kính gửi",
    [VB_EL_AUTHORITY_LINE] = "authority line",
    [VB_EL_LEGAL_BASIS] = "căn cứ",
    [VB_EL_PREAMBLE_CLOSE] = "QUYẾT ĐỊNH:",
    [VB_EL_BODY] = "body",
    [VB_EL_BULLET] = "bullet",
    [VB_EL_PART] = "Phần/Chương",
    [VB_EL_PART_TITLE] = "Phần title",
    [VB_EL_SECTION] = "mục",
    [VB_EL_CLAUSE] = "khoản",
    [VB_EL_POINT] = "điểm",
    [VB_EL_ARTICLE] = "Điều",
    [VB_EL_RECIPIENTS_HEADING] = "Nơi nhận:",
    [VB_EL_RECIPIENT] = "recipient",
    [VB_EL_SIGNER_AUTHORITY] = "signer authority",
    [VB_EL_SIGNER_TITLE] = "signer title",
    [VB_EL_SIGNER_NAME] = "signer name",
    [VB_EL_PAGE_NUMBER] = "page number",
    [VB_EL_RULE] = "rule",
};

/* Expectations for one element; -1 means "not checked". */
typedef struct {
    vb_element el;
    double min_pt, max_pt;
    int bold, italic, underline, upper;
} style_rule;

#define ANY (-1)

static void check_style(const char *file, int line, const vb_layout *layout, const style_rule *r)
{
    const vb_text_style *s = &layout->styles[r->el];
    const char *name = element_names[r->el];
    int ok = 1;
    if (s->size_pt < r->min_pt || s->size_pt > r->max_pt) {
        print_error("%s:%d: %s (%s): size %.1f pt outside %.1f–%.1f\n", file, line, name,
                    layout->id, s->size_pt, r->min_pt, r->max_pt);
        ok = 0;
    }
    if (r->bold != ANY && !!s->bold != r->bold) {
        print_error("%s:%d: %s (%s): bold is %d, expected %d\n", file, line, name, layout->id,
                    s->bold, r->bold);
        ok = 0;
    }
    if (r->italic != ANY && !!s->italic != r->italic) {
        print_error("%s:%d: %s (%s): italic is %d, expected %d\n", file, line, name, layout->id,
                    s->italic, r->italic);
        ok = 0;
    }
    if (r->underline != ANY && !!s->underline != r->underline) {
        print_error("%s:%d: %s (%s): underline is %d, expected %d\n", file, line, name,
                    layout->id, s->underline, r->underline);
        ok = 0;
    }
    if (r->upper != ANY && !!s->upper != r->upper) {
        print_error("%s:%d: %s (%s): upper-case is %d, expected %d\n", file, line, name,
                    layout->id, s->upper, r->upper);
        ok = 0;
    }
    if (!ok)
        _fail(file, line);
}

static void check_rules(const char *file, int line, const vb_layout *layout,
                        const style_rule *rules, size_t n)
{
    for (size_t i = 0; i < n; i++)
        check_style(file, line, layout, &rules[i]);
}
#define assert_styles(layout, rules)                                                           \
    check_rules(__FILE__, __LINE__, (layout), (rules), sizeof(rules) / sizeof *(rules))

static void check_range(const char *file, int line, const char *what, const char *id, int value,
                        int lo, int hi)
{
    if (value < lo || value > hi) {
        print_error("%s:%d: %s (%s) = %d twips, outside %d–%d\n", file, line, what, id, value, lo,
                    hi);
        _fail(file, line);
    }
}
#define assert_twips_in_range(what, id, value, lo, hi)                                               \
    check_range(__FILE__, __LINE__, (what), (id), (value), (lo), (hi))

/* ---- page set-up ---------------------------------------------------------------------- */

static void test_page_a4_portrait(void **state)
{
    (void)state;
    for (int f = 0; f < 2; f++) {
        const vb_layout *l = vb_layout_for(f ? VB_FORMAT_PARTY : VB_FORMAT_STATE);
        assert_non_null(l);
        assert_int_equal(l->page_width_twips, 11906);
        assert_int_equal(l->page_height_twips, 16838);
    }
}

static void test_margins_in_range(void **state)
{
    (void)state;
    /* NĐ30 §I: top 20–25, bottom 20–25, left 30–35, right 15–20 mm (1 mm = 56.7 twips);
     * HD36 (§11): 20 / 20 / 30 / 15, inside the same ranges. */
    for (int f = 0; f < 2; f++) {
        const vb_layout *l = vb_layout_for(f ? VB_FORMAT_PARTY : VB_FORMAT_STATE);
        assert_twips_in_range("top margin", l->id, l->margin_top_twips, 1134, 1417);
        assert_twips_in_range("bottom margin", l->id, l->margin_bottom_twips, 1134, 1417);
        assert_twips_in_range("left margin", l->id, l->margin_left_twips, 1701, 1984);
        assert_twips_in_range("right margin", l->id, l->margin_right_twips, 850, 1134);
        assert_int_equal(vb_layout_text_width(l), l->page_width_twips - l->margin_left_twips -
                                                      l->margin_right_twips);
        /* The page number sits in the top margin. */
        assert_true(l->header_distance_twips > 0);
        assert_true(l->header_distance_twips < l->margin_top_twips);
    }
}

static void test_font_times_new_roman(void **state)
{
    (void)state;
    assert_string_equal(vb_layout_for(VB_FORMAT_STATE)->font, "Times New Roman");
    assert_string_equal(vb_layout_for(VB_FORMAT_PARTY)->font, "Times New Roman");
}

static void test_ids_and_style_names(void **state)
{
    (void)state;
    const vb_layout *s = vb_layout_for(VB_FORMAT_STATE);
    const vb_layout *p = vb_layout_for(VB_FORMAT_PARTY);
    assert_string_equal(s->id, "nha_nuoc");
    assert_string_equal(p->id, "dang");
    assert_ptr_equal(vb_layout_for(VB_FORMAT_STATE), s); /* one table per format */
    for (int el = 0; el < VB_EL_COUNT; el++) {
        if (!s->style_names[el] || !*s->style_names[el] || !p->style_names[el])
            fail_msg("element %d (%s) has no style name", el, element_names[el]);
        if (s->styles[el].size_pt <= 0 || p->styles[el].size_pt <= 0)
            fail_msg("element %d (%s) has no size", el, element_names[el]);
    }
}

/* ---- NĐ30 components (reference §3, §5) ---------------------------------------------- */

static void test_state_header_styles(void **state)
{
    (void)state;
    static const style_rule rules[] = {
        /* ô 1: Quốc hiệu 12–13 in hoa đứng đậm; Tiêu ngữ 13–14 đứng đậm */
        {VB_EL_NATIONAL_TITLE, 12, 13, 1, 0, ANY, 1},
        {VB_EL_MOTTO, 13, 14, 1, 0, ANY, 0},
        /* ô 2: chủ quản 12–13 in hoa not bold; ban hành 12–13 in hoa đậm */
        {VB_EL_PARENT_BODY, 12, 13, 0, 0, ANY, 1},
        {VB_EL_ISSUER, 12, 13, 1, 0, ANY, 1},
        /* ô 3: Số 13, đứng */
        {VB_EL_NUMBER, 13, 13, 0, 0, ANY, ANY},
        /* ô 4: 13–14 nghiêng */
        {VB_EL_DATE_LINE, 13, 14, 0, 1, ANY, ANY},
        /* ô 5a: tên loại 13–14 in hoa đậm; trích yếu 13–14 đậm */
        {VB_EL_TYPE_NAME, 13, 14, 1, 0, ANY, 1},
        {VB_EL_SUBJECT, 13, 14, 1, 0, ANY, ANY},
        /* ô 5b: V/v 12–13, not bold */
        {VB_EL_CONG_VAN_SUBJECT, 12, 13, 0, ANY, ANY, ANY},
        /* ô 9a: Kính gửi 13–14 đứng */
        {VB_EL_ADDRESSEE, 13, 14, ANY, 0, ANY, ANY},
    };
    const vb_layout *l = vb_layout_for(VB_FORMAT_STATE);
    assert_styles(l, rules);
    assert_int_equal(l->styles[VB_EL_TYPE_NAME].align, VB_ALIGN_CENTER);
    assert_int_equal(l->styles[VB_EL_SUBJECT].align, VB_ALIGN_CENTER);
    assert_int_equal(l->styles[VB_EL_NATIONAL_TITLE].align, VB_ALIGN_CENTER);
    /* Quốc hiệu and Tiêu ngữ with single spacing between them. */
    assert_int_equal(l->styles[VB_EL_MOTTO].line_240ths, 240);
    assert_string_equal(l->national_title, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM");
    assert_string_equal(l->motto, "Độc lập - Tự do - Hạnh phúc");
    assert_string_equal(l->number_prefix, "Số: ");
    assert_string_equal(l->number_separator, "/");
    assert_string_equal(l->cong_van_subject_prefix, "V/v ");
    /* Rules under the issuer and the trích yếu: 1/3–1/2 of the text line. */
    assert_true(l->issuer_rule_fraction >= 1.0 / 3 && l->issuer_rule_fraction <= 0.5);
    assert_true(l->subject_rule_fraction >= 1.0 / 3 && l->subject_rule_fraction <= 0.5);
    assert_null(l->issuer_mark);
    assert_null(l->subject_mark);
}

static void test_state_body_styles(void **state)
{
    (void)state;
    const vb_layout *l = vb_layout_for(VB_FORMAT_STATE);
    const vb_text_style *b = &l->styles[VB_EL_BODY];
    if (b->size_pt < 13 || b->size_pt > 14)
        fail_msg("body size %.1f outside 13–14", b->size_pt);
    assert_false(b->bold);
    assert_false(b->italic);
    assert_int_equal(b->align, VB_ALIGN_JUSTIFY);
    if (b->first_line_twips != 567 && b->first_line_twips != 720)
        fail_msg("body first-line indent %d twips: NĐ30 says 1 cm (567) or 1.27 cm (720)",
                 b->first_line_twips);
    if (b->space_before_twips < 120)
        fail_msg("body space before %d twips: NĐ30 says at least 6 pt (120)",
                 b->space_before_twips);
    if (b->line_240ths < 240 || b->line_240ths > 360)
        fail_msg("body line spacing %d/240: NĐ30 says single to 1.5 lines", b->line_240ths);

    /* Everything in ô 6 is set in the body size. */
    static const vb_element body_like[] = {VB_EL_BULLET, VB_EL_LEGAL_BASIS, VB_EL_SECTION,
                                           VB_EL_CLAUSE, VB_EL_POINT,       VB_EL_ARTICLE,
                                           VB_EL_PART,   VB_EL_PART_TITLE};
    for (size_t i = 0; i < sizeof body_like / sizeof *body_like; i++) {
        const vb_text_style *s = &l->styles[body_like[i]];
        if (s->size_pt < 13 || s->size_pt > 14)
            fail_msg("%s: size %.1f outside 13–14", element_names[body_like[i]], s->size_pt);
        if (s->line_240ths < 240 || s->line_240ths > 360)
            fail_msg("%s: line spacing %d/240 outside single–1.5", element_names[body_like[i]],
                     s->line_240ths);
    }
    static const style_rule rules[] = {
        {VB_EL_LEGAL_BASIS, 13, 14, 0, 1, ANY, ANY}, /* căn cứ nghiêng */
        {VB_EL_PART, 13, 14, 1, 0, ANY, 0},          /* "Phần I" in thường, đậm */
        {VB_EL_PART_TITLE, 13, 14, 1, 0, ANY, 1},    /* title IN HOA đậm */
        {VB_EL_SECTION, 13, 14, 1, 0, ANY, 1},       /* mục "I. TITLE" IN HOA đậm */
        {VB_EL_CLAUSE, 13, 14, 1, 0, ANY, 0},        /* khoản with a title: đậm */
        {VB_EL_POINT, 13, 14, 0, 0, ANY, 0},         /* điểm đứng */
        {VB_EL_ARTICLE, 13, 14, 1, 0, ANY, 0},       /* Điều đậm */
        {VB_EL_BULLET, 13, 14, 0, 0, ANY, 0},
    };
    assert_styles(l, rules);
    assert_int_equal(l->styles[VB_EL_BULLET].align, VB_ALIGN_JUSTIFY);
    assert_int_equal(l->styles[VB_EL_PART].align, VB_ALIGN_CENTER);
    assert_string_equal(l->end_mark, "./.");
    assert_string_equal(l->bullets[0], "-");
    assert_string_equal(l->bullets[1], "+");
}

static void test_state_end_styles(void **state)
{
    (void)state;
    static const style_rule rules[] = {
        /* ô 9b: "Nơi nhận:" 12 nghiêng đậm; list 11 đứng */
        {VB_EL_RECIPIENTS_HEADING, 12, 12, 1, 1, ANY, ANY},
        {VB_EL_RECIPIENT, 11, 11, 0, 0, ANY, ANY},
        /* ô 7a/7b: quyền hạn, chức vụ IN HOA đậm 13–14; họ tên in thường đậm 13–14 */
        {VB_EL_SIGNER_AUTHORITY, 13, 14, 1, 0, ANY, 1},
        {VB_EL_SIGNER_TITLE, 13, 14, 1, 0, ANY, 1},
        {VB_EL_SIGNER_NAME, 13, 14, 1, 0, ANY, 0},
        /* §1: page number 13–14 đứng */
        {VB_EL_PAGE_NUMBER, 13, 14, 0, 0, ANY, ANY},
    };
    const vb_layout *l = vb_layout_for(VB_FORMAT_STATE);
    assert_styles(l, rules);
    assert_int_equal(l->styles[VB_EL_RECIPIENTS_HEADING].align, VB_ALIGN_LEFT);
    assert_int_equal(l->styles[VB_EL_PAGE_NUMBER].align, VB_ALIGN_CENTER);
    assert_string_equal(l->recipients_heading, "Nơi nhận:");
    assert_string_equal(l->recipient_separator, ";");
    assert_string_equal(l->recipient_last, ".");
    assert_string_equal(l->addressee_label, "Kính gửi:");
}

/* ---- HD36 (reference §11, §11b) ------------------------------------------------------- */

static void test_party_styles(void **state)
{
    (void)state;
    static const style_rule rules[] = {
        /* ĐẢNG CỘNG SẢN VIỆT NAM: IN HOA 15 đứng đậm */
        {VB_EL_NATIONAL_TITLE, 15, 15, 1, 0, ANY, 1},
        /* cấp trên 14 IN HOA not bold; ban hành 14 IN HOA đậm */
        {VB_EL_PARENT_BODY, 14, 14, 0, 0, ANY, 1},
        {VB_EL_ISSUER, 14, 14, 1, 0, ANY, 1},
        /* Số 14 đứng; date 14 nghiêng */
        {VB_EL_NUMBER, 14, 14, 0, 0, ANY, ANY},
        {VB_EL_DATE_LINE, 14, 14, 0, 1, ANY, ANY},
        /* tên loại IN HOA 15–16 đậm; trích yếu 14–15 đậm */
        {VB_EL_TYPE_NAME, 15, 16, 1, 0, ANY, 1},
        {VB_EL_SUBJECT, 14, 15, 1, 0, ANY, ANY},
        /* công văn trích yếu 12 nghiêng */
        {VB_EL_CONG_VAN_SUBJECT, 12, 12, ANY, 1, ANY, ANY},
        /* body 14–15 đứng */
        {VB_EL_BODY, 14, 15, 0, 0, ANY, 0},
        /* "Nơi nhận:" 14 gạch chân, not bold or italic; items 12 */
        {VB_EL_RECIPIENTS_HEADING, 14, 14, 0, 0, 1, ANY},
        {VB_EL_RECIPIENT, 12, 12, 0, 0, 0, ANY},
        /* T/M … IN HOA 14 đậm; chức vụ IN HOA 14; họ tên 14 đậm */
        {VB_EL_SIGNER_AUTHORITY, 14, 14, 1, 0, ANY, 1},
        {VB_EL_SIGNER_TITLE, 14, 14, ANY, 0, ANY, 1},
        {VB_EL_SIGNER_NAME, 14, 14, 1, 0, ANY, 0},
    };
    const vb_layout *l = vb_layout_for(VB_FORMAT_PARTY);
    assert_styles(l, rules);
    assert_string_equal(l->national_title, "ĐẢNG CỘNG SẢN VIỆT NAM");
    assert_null(l->motto); /* no Quốc hiệu, no Tiêu ngữ */
    assert_string_equal(l->number_prefix, "Số "); /* no colon */
    assert_null(strchr(l->number_prefix, ':'));
    assert_string_equal(l->number_separator, "-");
    assert_string_equal(l->issuer_mark, "*");
    assert_string_equal(l->subject_mark, "-----");
    assert_string_equal(l->recipients_heading, "Nơi nhận:");
    assert_string_equal(l->recipient_separator, ",");
    assert_string_equal(l->recipient_last, ".");
    assert_string_equal(l->cong_van_subject_prefix, ""); /* no "V/v" */
    assert_int_equal(l->styles[VB_EL_BODY].align, VB_ALIGN_JUSTIFY);
}

static void test_section_elements(void **state)
{
    (void)state;
    for (int f = 0; f < 2; f++) {
        const vb_layout *l = vb_layout_for(f ? VB_FORMAT_PARTY : VB_FORMAT_STATE);
        assert_int_equal(vb_section_element(l, VB_LEVEL_PHAN), VB_EL_PART);
        assert_int_equal(vb_section_element(l, VB_LEVEL_CHUONG), VB_EL_PART);
        assert_int_equal(vb_section_element(l, VB_LEVEL_MUC), VB_EL_SECTION);
        assert_int_equal(vb_section_element(l, VB_LEVEL_KHOAN), VB_EL_CLAUSE);
        assert_int_equal(vb_section_element(l, VB_LEVEL_DIEM), VB_EL_POINT);
        assert_int_equal(vb_section_element(l, VB_LEVEL_DIEU), VB_EL_ARTICLE);
        assert_true(l->numbering[VB_LEVEL_PHAN].own_line);
        assert_true(l->numbering[VB_LEVEL_CHUONG].own_line);
        assert_false(l->numbering[VB_LEVEL_MUC].own_line);
    }
}

/* ---- section labels ------------------------------------------------------------------- */

static void check_label(const char *file, int line, vb_format format, vb_section_level level,
                        int depth, const int *ordinals, const char *want)
{
    vb_node n;
    memset(&n, 0, sizeof n);
    n.kind = VB_NODE_SECTION;
    n.level = level;
    n.depth = depth;
    for (int i = 0; i < depth; i++)
        n.ordinals[i] = ordinals[i];
    n.ordinal = ordinals[depth - 1];
    char buf[64];
    memset(buf, 'X', sizeof buf);
    const char *got = vb_section_label(vb_layout_for(format), &n, buf, sizeof buf);
    if (got != buf || strcmp(buf, want) != 0) {
        print_error("%s:%d: label of level %d, depth %d, ordinal %d (%s): expected \"%s\", got "
                    "\"%.*s\"%s\n",
                    file, line, level, depth, n.ordinal,
                    format == VB_FORMAT_PARTY ? "Party" : "state", want, (int)sizeof buf, buf,
                    got != buf ? " (and the return value is not buf)" : "");
        _fail(file, line);
    }
}
#define assert_label(format, level, ordinal, want)                                             \
    do {                                                                                       \
        const int ord_[1] = {(ordinal)};                                                       \
        check_label(__FILE__, __LINE__, (format), (level), 1, ord_, (want));                   \
    } while (0)
#define assert_nested_label(format, level, depth, want, ...)                                   \
    do {                                                                                       \
        const int ord_[] = {__VA_ARGS__};                                                      \
        check_label(__FILE__, __LINE__, (format), (level), (depth), ord_, (want));             \
    } while (0)

static void test_label_roman_muc(void **state)
{
    (void)state;
    assert_label(VB_FORMAT_STATE, VB_LEVEL_MUC, 1, "I.");
    assert_label(VB_FORMAT_STATE, VB_LEVEL_MUC, 2, "II.");
    assert_label(VB_FORMAT_STATE, VB_LEVEL_MUC, 3, "III.");
    assert_label(VB_FORMAT_STATE, VB_LEVEL_MUC, 4, "IV.");
    assert_label(VB_FORMAT_STATE, VB_LEVEL_MUC, 5, "V.");
    assert_label(VB_FORMAT_STATE, VB_LEVEL_MUC, 9, "IX.");
    assert_label(VB_FORMAT_STATE, VB_LEVEL_MUC, 14, "XIV.");
    assert_label(VB_FORMAT_STATE, VB_LEVEL_MUC, 19, "XIX.");
    assert_label(VB_FORMAT_STATE, VB_LEVEL_MUC, 40, "XL.");
}

static void test_label_khoan_depth(void **state)
{
    (void)state;
    assert_label(VB_FORMAT_STATE, VB_LEVEL_KHOAN, 1, "1.");
    assert_label(VB_FORMAT_STATE, VB_LEVEL_KHOAN, 12, "12.");
    assert_nested_label(VB_FORMAT_STATE, VB_LEVEL_KHOAN, 2, "1.1.", 1, 1);
    assert_nested_label(VB_FORMAT_STATE, VB_LEVEL_KHOAN, 2, "2.3.", 2, 3);
    assert_nested_label(VB_FORMAT_STATE, VB_LEVEL_KHOAN, 3, "1.1.1.", 1, 1, 1);
    assert_nested_label(VB_FORMAT_STATE, VB_LEVEL_KHOAN, 3, "3.10.2.", 3, 10, 2);
    assert_nested_label(VB_FORMAT_PARTY, VB_LEVEL_KHOAN, 2, "1.2.", 1, 2);
}

static void test_label_diem_vietnamese_letters(void **state)
{
    (void)state;
    /* a, b, c, d, đ, e, g, h, i, k, l, m, n, o, p, q, r, s, t, u, v, x, y */
    assert_label(VB_FORMAT_STATE, VB_LEVEL_DIEM, 1, "a)");
    assert_label(VB_FORMAT_STATE, VB_LEVEL_DIEM, 4, "d)");
    assert_label(VB_FORMAT_STATE, VB_LEVEL_DIEM, 5, "đ)");
    assert_label(VB_FORMAT_STATE, VB_LEVEL_DIEM, 6, "e)");
    assert_label(VB_FORMAT_STATE, VB_LEVEL_DIEM, 7, "g)");
    assert_label(VB_FORMAT_STATE, VB_LEVEL_DIEM, 10, "k)");
    assert_label(VB_FORMAT_STATE, VB_LEVEL_DIEM, 22, "x)");
    assert_label(VB_FORMAT_STATE, VB_LEVEL_DIEM, 23, "y)");
    assert_label(VB_FORMAT_PARTY, VB_LEVEL_DIEM, 5, "đ)");
}

static void test_label_dieu_phan_chuong(void **state)
{
    (void)state;
    assert_label(VB_FORMAT_STATE, VB_LEVEL_DIEU, 3, "Điều 3.");
    assert_label(VB_FORMAT_STATE, VB_LEVEL_DIEU, 12, "Điều 12.");
    assert_label(VB_FORMAT_STATE, VB_LEVEL_PHAN, 2, "Phần II");
    assert_label(VB_FORMAT_STATE, VB_LEVEL_CHUONG, 4, "Chương IV");
    assert_label(VB_FORMAT_PARTY, VB_LEVEL_PHAN, 1, "Phần I");
}

static void test_label_party_muc(void **state)
{
    (void)state;
    assert_label(VB_FORMAT_PARTY, VB_LEVEL_MUC, 1, "I-");
    assert_label(VB_FORMAT_PARTY, VB_LEVEL_MUC, 4, "IV-");
    assert_label(VB_FORMAT_PARTY, VB_LEVEL_KHOAN, 1, "1.");
}

static void test_label_small_buffer_truncates(void **state)
{
    (void)state;
    vb_node n;
    memset(&n, 0, sizeof n);
    n.kind = VB_NODE_SECTION;
    n.level = VB_LEVEL_KHOAN;
    n.depth = 3;
    n.ordinals[0] = 10;
    n.ordinals[1] = 11;
    n.ordinals[2] = 12;
    n.ordinal = 12;
    char buf[8];
    vb_section_label(vb_layout_for(VB_FORMAT_STATE), &n, buf, 5);
    /* Truncated, terminated, never past the size given. */
    assert_true(strlen(buf) < 5);
    assert_memory_equal(buf, "10.1", strlen(buf));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_page_a4_portrait),
        cmocka_unit_test(test_margins_in_range),
        cmocka_unit_test(test_font_times_new_roman),
        cmocka_unit_test(test_ids_and_style_names),
        cmocka_unit_test(test_state_header_styles),
        cmocka_unit_test(test_state_body_styles),
        cmocka_unit_test(test_state_end_styles),
        cmocka_unit_test(test_party_styles),
        cmocka_unit_test(test_section_elements),
        cmocka_unit_test(test_label_roman_muc),
        cmocka_unit_test(test_label_khoan_depth),
        cmocka_unit_test(test_label_diem_vietnamese_letters),
        cmocka_unit_test(test_label_dieu_phan_chuong),
        cmocka_unit_test(test_label_party_muc),
        cmocka_unit_test(test_label_small_buffer_truncates),
    };
    return cmocka_run_group_tests_name("layout", tests, NULL, NULL);
}
