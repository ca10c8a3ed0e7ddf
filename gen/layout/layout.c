#include "layout.h"

#include <stdio.h>
#include <string.h>

#define PT(x) ((int)((x)*20))
#define MM(x) ((int)((x)*1440.0 / 25.4 + 0.5))

/* Body paragraphs of NĐ30 Phụ lục I §II.6: justified, first line 1 cm, 6 pt between
 * paragraphs, line spacing between single and 1.5 (here 1.15, as common practice). */
#define BODY_INDENT MM(10)
#define BODY_SPACING PT(6)
#define BODY_LINE 276

/* Names the styles carry in Word's and LibreOffice's style lists (both formats). */
#define STYLE_NAMES {                                                                             \
    [VB_EL_NATIONAL_TITLE] = "VB Quốc hiệu", \
    [VB_EL_MOTTO] = "VB Tiêu ngữ", \
    [VB_EL_PARENT_BODY] = "VB Cơ quan chủ quản", \
    [VB_EL_ISSUER] = "VB Cơ quan ban hành", \
    [VB_EL_ISSUER_MARK] = "VB Dấu sao", \
    [VB_EL_NUMBER] = "VB Số ký hiệu", \
    [VB_EL_CONG_VAN_SUBJECT] = "VB Trích yếu công văn", \
    [VB_EL_DATE_LINE] = "VB Địa danh ngày tháng", \
    [VB_EL_TYPE_NAME] = "VB Tên loại", \
    [VB_EL_SUBJECT] = "VB Trích yếu", \
    [VB_EL_SUBJECT_MARK] = "VB Gạch dưới trích yếu", \
    [VB_EL_ADDRESSEE] = "VB Kính gửi", \
    [VB_EL_AUTHORITY_LINE] = "VB Thẩm quyền ban hành", \
    [VB_EL_LEGAL_BASIS] = "VB Căn cứ", \
    [VB_EL_PREAMBLE_CLOSE] = "VB Quyết định", \
    [VB_EL_BODY] = "VB Nội dung", \
    [VB_EL_BULLET] = "VB Gạch đầu dòng", \
    [VB_EL_PART] = "VB Phần Chương", \
    [VB_EL_PART_TITLE] = "VB Tên phần chương", \
    [VB_EL_SECTION] = "VB Mục", \
    [VB_EL_CLAUSE] = "VB Khoản", \
    [VB_EL_POINT] = "VB Điểm", \
    [VB_EL_ARTICLE] = "VB Điều", \
    [VB_EL_RECIPIENTS_HEADING] = "VB Nơi nhận", \
    [VB_EL_RECIPIENT] = "VB Nơi nhận mục", \
    [VB_EL_SIGNER_AUTHORITY] = "VB Quyền hạn ký", \
    [VB_EL_SIGNER_TITLE] = "VB Chức vụ người ký", \
    [VB_EL_SIGNER_NAME] = "VB Họ tên người ký", \
    [VB_EL_PAGE_NUMBER] = "VB Số trang", \
    [VB_EL_RULE] = "VB Đường kẻ", \
    [VB_EL_SECRECY] = "VB Độ mật", \
    [VB_EL_URGENCY] = "VB Độ khẩn", \
    [VB_EL_APPENDIX_LABEL] = "VB Phụ lục", \
    [VB_EL_APPENDIX_TITLE] = "VB Tên phụ lục", \
    [VB_EL_APPENDIX_NOTE] = "VB Kèm theo", \
    [VB_EL_TABLE_HEAD] = "VB Bảng tiêu đề", \
    [VB_EL_TABLE_CELL] = "VB Bảng nội dung", \
    [VB_EL_TABLE_GROUP] = "VB Bảng nhóm", \
    [VB_EL_FOOTNOTE] = "VB Chú thích", \
    [VB_EL_CIRCULATION] = "VB Phạm vi lưu hành", \
    [VB_EL_DRAFT_MARK] = "VB Dự thảo", \
    [VB_EL_CONTACT] = "VB Địa chỉ liên hệ", \
}

#define STYLE(size, b, i, u, caps, al, first, before, after, line)                              \
    {size, b, i, u, caps, VB_ALIGN_##al, first, before, after, line, 0, NULL}
/* ô 10a, 10b: bold capitals in bright-red ink (NĐ30 PL I §III.2). */
#define RED_MARK(size) {size, 1, 0, 0, 1, VB_ALIGN_CENTER, 0, PT(6), 0, 240, 0, "FF0000"}

static const vb_layout state_layout = {
    .id = "nha_nuoc",
    .source = "Nghị định 30/2020/NĐ-CP, Phụ lục I",
    /* §I: A4; margins top 20–25, bottom 20–25, left 30–35, right 15–20 mm */
    .page_width_twips = 11906,
    .page_height_twips = 16838,
    .margin_top_twips = MM(20),
    .margin_bottom_twips = MM(20),
    .margin_left_twips = MM(30),
    .margin_right_twips = MM(15),
    .header_distance_twips = MM(10),
    .footer_distance_twips = MM(10),
    .font = "Times New Roman",
    .styles = {
        /* ô 1: Quốc hiệu 12–13 in hoa đứng đậm; Tiêu ngữ 13–14 đứng đậm */
        [VB_EL_NATIONAL_TITLE] = STYLE(12, 1, 0, 0, 1, CENTER, 0, 0, 0, 240),
        [VB_EL_MOTTO] = STYLE(13, 1, 0, 0, 0, CENTER, 0, 0, 0, 240),
        /* ô 2: chủ quản 12–13 in hoa đứng; ban hành 12–13 in hoa đứng đậm */
        [VB_EL_PARENT_BODY] = STYLE(13, 0, 0, 0, 1, CENTER, 0, 0, 0, 240),
        [VB_EL_ISSUER] = STYLE(13, 1, 0, 0, 1, CENTER, 0, 0, 0, 240),
        [VB_EL_ISSUER_MARK] = STYLE(13, 0, 0, 0, 0, CENTER, 0, 0, 0, 240),
        /* ô 3: số, ký hiệu 13 đứng */
        [VB_EL_NUMBER] = STYLE(13, 0, 0, 0, 0, CENTER, 0, PT(6), 0, 240),
        /* ô 5b: V/v 12–13 đứng, 6 pt under Số */
        [VB_EL_CONG_VAN_SUBJECT] = STYLE(12, 0, 0, 0, 0, CENTER, 0, PT(6), 0, 240),
        /* ô 4: 13–14 nghiêng */
        [VB_EL_DATE_LINE] = STYLE(14, 0, 1, 0, 0, CENTER, 0, PT(6), 0, 240),
        /* ô 5a: tên loại 13–14 in hoa đậm; trích yếu 13–14 đậm */
        [VB_EL_TYPE_NAME] = STYLE(14, 1, 0, 0, 1, CENTER, 0, PT(24), 0, 240),
        [VB_EL_SUBJECT] = STYLE(14, 1, 0, 0, 0, CENTER, 0, 0, 0, 240),
        [VB_EL_SUBJECT_MARK] = STYLE(14, 0, 0, 0, 0, CENTER, 0, 0, 0, 240),
        /* ô 9a: Kính gửi 13–14 đứng */
        [VB_EL_ADDRESSEE] = STYLE(14, 0, 0, 0, 0, CENTER, 0, PT(6), 0, 240),
        [VB_EL_AUTHORITY_LINE] = STYLE(14, 1, 0, 0, 1, CENTER, 0, PT(12), PT(6), 240),
        /* ô 6: căn cứ nghiêng, body size */
        [VB_EL_LEGAL_BASIS] = STYLE(14, 0, 1, 0, 0, JUSTIFY, BODY_INDENT, BODY_SPACING, 0, BODY_LINE),
        [VB_EL_PREAMBLE_CLOSE] = STYLE(14, 1, 0, 0, 1, CENTER, 0, PT(12), PT(6), BODY_LINE),
        [VB_EL_BODY] = STYLE(14, 0, 0, 0, 0, JUSTIFY, BODY_INDENT, BODY_SPACING, 0, BODY_LINE),
        [VB_EL_BULLET] = STYLE(14, 0, 0, 0, 0, JUSTIFY, BODY_INDENT, BODY_SPACING, 0, BODY_LINE),
        /* §II.6: Phần/Chương đậm centred; mục I. IN HOA đậm; khoản 1. đậm; điểm a) đứng */
        [VB_EL_PART] = STYLE(14, 1, 0, 0, 0, CENTER, 0, PT(12), 0, BODY_LINE),
        [VB_EL_PART_TITLE] = STYLE(14, 1, 0, 0, 1, CENTER, 0, 0, PT(6), BODY_LINE),
        [VB_EL_SECTION] = STYLE(14, 1, 0, 0, 1, JUSTIFY, BODY_INDENT, BODY_SPACING, 0, BODY_LINE),
        [VB_EL_CLAUSE] = STYLE(14, 1, 0, 0, 0, JUSTIFY, BODY_INDENT, BODY_SPACING, 0, BODY_LINE),
        [VB_EL_POINT] = STYLE(14, 0, 0, 0, 0, JUSTIFY, BODY_INDENT, BODY_SPACING, 0, BODY_LINE),
        [VB_EL_ARTICLE] = STYLE(14, 1, 0, 0, 0, JUSTIFY, BODY_INDENT, BODY_SPACING, 0, BODY_LINE),
        /* ô 9b: "Nơi nhận:" 12 nghiêng đậm; items 11 đứng */
        [VB_EL_RECIPIENTS_HEADING] = STYLE(12, 1, 1, 0, 0, LEFT, 0, 0, 0, 240),
        [VB_EL_RECIPIENT] = STYLE(11, 0, 0, 0, 0, LEFT, 0, 0, 0, 240),
        /* ô 7a/7b: quyền hạn, chức vụ 13–14 in hoa đậm; họ tên 13–14 đậm */
        [VB_EL_SIGNER_AUTHORITY] = STYLE(14, 1, 0, 0, 1, CENTER, 0, 0, 0, 240),
        [VB_EL_SIGNER_TITLE] = STYLE(14, 1, 0, 0, 1, CENTER, 0, 0, 0, 240),
        [VB_EL_SIGNER_NAME] = STYLE(14, 1, 0, 0, 0, CENTER, 0, 0, 0, 240),
        /* §I: page number 13–14 đứng, centred in the top margin */
        [VB_EL_PAGE_NUMBER] = STYLE(14, 0, 0, 0, 0, CENTER, 0, 0, 0, 240),
        [VB_EL_RULE] = STYLE(1, 0, 0, 0, 0, LEFT, 0, 0, 0, 240),
        /* ô 10a, 10b: 13–14 in hoa đứng đậm, in a single-line box */
        [VB_EL_SECRECY] = RED_MARK(13),
        [VB_EL_URGENCY] = RED_MARK(13),
        /* Phụ lục (PL I §III.1.b–c): "Phụ lục I" 14 đứng đậm; title 13–14 in hoa đậm;
         * Kèm theo 13–14 nghiêng, all centred */
        [VB_EL_APPENDIX_LABEL] = STYLE(14, 1, 0, 0, 0, CENTER, 0, 0, 0, 240),
        [VB_EL_APPENDIX_TITLE] = STYLE(14, 1, 0, 0, 1, CENTER, 0, 0, 0, 240),
        [VB_EL_APPENDIX_NOTE] = STYLE(14, 0, 1, 0, 0, CENTER, 0, 0, 0, 240),
        /* Tables: NĐ30 sets no size; 13 is the common choice in appendices. Header bold
         * centred; group rows bold. */
        [VB_EL_TABLE_HEAD] = STYLE(13, 1, 0, 0, 0, CENTER, 0, PT(3), PT(3), 240),
        [VB_EL_TABLE_CELL] = STYLE(13, 0, 0, 0, 0, LEFT, 0, PT(3), PT(3), 240),
        [VB_EL_TABLE_GROUP] = STYLE(13, 1, 0, 0, 0, LEFT, 0, PT(3), PT(3), 240),
        /* Footnotes: smaller than the body, single-spaced (common practice; NĐ30 is silent) */
        [VB_EL_FOOTNOTE] = STYLE(12, 0, 0, 0, 0, JUSTIFY, 0, 0, 0, 240),
        /* ô 11: in hoa 13–14 đứng đậm, centred in a single-line box (PL I §III.2.c); the
         * draft mark likewise */
        [VB_EL_CIRCULATION] = STYLE(13, 1, 0, 0, 1, CENTER, 0, 0, 0, 240),
        [VB_EL_DRAFT_MARK] = STYLE(13, 1, 0, 0, 1, CENTER, 0, 0, 0, 240),
        /* ô 13: in thường 11–12 đứng (PL I §III.4) */
        [VB_EL_CONTACT] = STYLE(11, 0, 0, 0, 0, CENTER, 0, 0, 0, 240),
    },
    .style_names = STYLE_NAMES,
    .secrecy_marks = {"MẬT", "TỐI MẬT", "TUYỆT MẬT"},
    .urgency_marks = {"KHẨN", "THƯỢNG KHẨN", "HỎA TỐC"},
    /* NĐ30 PL I §III.2: KHẨN 20×8, THƯỢNG KHẨN 40×8, HỎA TỐC 30×8 mm */
    .urgency_box_twips = {MM(20), MM(40), MM(30)},
    .mark_box_height_twips = MM(8),
    .mark_box_air_twips = MM(3),
    .national_title = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
    .motto = "Độc lập - Tự do - Hạnh phúc",
    .issuer_rule_fraction = 0.4,
    .issuer_mark = NULL,
    .number_prefix = "Số: ",
    .number_separator = "/",
    .blank_number = "      ",
    .blank_day = "     ",
    .cong_van_subject_prefix = "V/v ",
    .subject_rule_fraction = 0.4,
    .subject_mark = NULL,
    .rule_thickness_pt = 0.75,
    .rule_gap_twips = PT(4),
    .after_title_twips = PT(12),
    .numbering = {
        [VB_LEVEL_PHAN] = {"Phần ", VB_COUNTER_ROMAN, "", 1, 1, VB_EL_PART},
        [VB_LEVEL_CHUONG] = {"Chương ", VB_COUNTER_ROMAN, "", 1, 1, VB_EL_PART},
        [VB_LEVEL_MUC] = {"", VB_COUNTER_ROMAN, ".", 0, 1, VB_EL_SECTION},
        [VB_LEVEL_KHOAN] = {"", VB_COUNTER_ARABIC, ".", 0, 0, VB_EL_CLAUSE},
        [VB_LEVEL_DIEM] = {"", VB_COUNTER_LETTER, ")", 0, 0, VB_EL_POINT},
        [VB_LEVEL_DIEU] = {"Điều ", VB_COUNTER_ARABIC, ".", 0, 1, VB_EL_ARTICLE},
    },
    .bullets = {"-", "+"},
    .end_mark = "./.",
    .recipients_heading = "Nơi nhận:",
    .recipient_separator = ";",
    .recipient_last = ".",
    .addressee_label = "Kính gửi:",
    .addressee_space_before_twips = PT(18),
    .addressee_space_after_twips = PT(18),
    .signature_space_twips = PT(72),
    .header_air_twips = MM(2),
    .header_left_min_twips = MM(55),
    .header_right_min_twips = MM(95),
    .recipients_column_fraction = 0.45,
    .recipients_beside_signature = 12,
    .recipients_fewest_under = 3,
    .appendix_word = "Phụ lục",
    .attached_prefix = "Kèm theo",
    .appendix_rule_fraction = 1.0 / 3.0,
    .appendix_rule_max_twips = MM(40),
    .appendix_numbers_restart = 1,
    .table_border_pt = 0.5,
    .table_cell_air_twips = MM(1.5),
    .table_column_min_twips = MM(8),
    .table_width_slack_twips = PT(1),
    .table_width_sample_rows = 2000,
    /* ô 11 sits in the top margin (PL I §IV diagram): an 8 mm box from 9 mm below the edge
     * ends 3 mm above a 20 mm margin */
    .margin_box_top_twips = MM(9),
    .margin_box_height_twips = MM(8),
    .margin_box_air_twips = MM(3),
    .margin_box_gap_twips = MM(5),
    .draft_mark = "DỰ THẢO",
    .draft_round_format = "DỰ THẢO LẦN %d",
    .drafter_copies_format = "%s.(%d)",
    .contact_labels = {"Địa chỉ: ", "ĐT: ", "Fax: ", "E-mail: ", "Website: "},
    .contact_separator = "; ",
    .attached_issued_prefix = "Ban hành kèm theo",
};

/* HD36 differs from NĐ30 where §11/§11b of the reference says so; the rest follows the
 * seeds (real Party documents) where HD36's own text could not be read. */
static const vb_layout party_layout = {
    .id = "dang",
    .source = "Hướng dẫn 36-HD/VPTW, Phụ lục 3",
    .page_width_twips = 11906,
    .page_height_twips = 16838,
    .margin_top_twips = MM(20),
    .margin_bottom_twips = MM(20),
    .margin_left_twips = MM(30),
    .margin_right_twips = MM(15),
    .header_distance_twips = MM(10),
    .footer_distance_twips = MM(10),
    .font = "Times New Roman",
    .styles = {
        /* ĐẢNG CỘNG SẢN VIỆT NAM: in hoa 15 đứng đậm */
        [VB_EL_NATIONAL_TITLE] = STYLE(15, 1, 0, 0, 1, CENTER, 0, 0, 0, 240),
        [VB_EL_MOTTO] = STYLE(14, 1, 0, 0, 0, CENTER, 0, 0, 0, 240),
        /* cấp trên 14 in hoa đứng; ban hành 14 in hoa đứng đậm; "*" under it */
        [VB_EL_PARENT_BODY] = STYLE(14, 0, 0, 0, 1, CENTER, 0, 0, 0, 240),
        [VB_EL_ISSUER] = STYLE(14, 1, 0, 0, 1, CENTER, 0, 0, 0, 240),
        [VB_EL_ISSUER_MARK] = STYLE(14, 0, 0, 0, 0, CENTER, 0, 0, 0, 240),
        /* Số 14 đứng, no colon; on the date's line */
        [VB_EL_NUMBER] = STYLE(14, 0, 0, 0, 0, CENTER, 0, PT(6), 0, 240),
        /* công văn trích yếu 12 nghiêng */
        [VB_EL_CONG_VAN_SUBJECT] = STYLE(12, 0, 1, 0, 0, CENTER, 0, PT(6), 0, 240),
        /* date 14 nghiêng */
        [VB_EL_DATE_LINE] = STYLE(14, 0, 1, 0, 0, CENTER, 0, PT(6), 0, 240),
        /* tên loại 15–16 in hoa đậm; trích yếu 14–15 đậm */
        [VB_EL_TYPE_NAME] = STYLE(16, 1, 0, 0, 1, CENTER, 0, PT(24), 0, 240),
        [VB_EL_SUBJECT] = STYLE(14, 1, 0, 0, 0, CENTER, 0, 0, 0, 240),
        [VB_EL_SUBJECT_MARK] = STYLE(14, 0, 0, 0, 0, CENTER, 0, 0, 0, 240),
        [VB_EL_ADDRESSEE] = STYLE(14, 0, 0, 0, 0, CENTER, 0, PT(6), 0, 240),
        [VB_EL_AUTHORITY_LINE] = STYLE(14, 1, 0, 0, 1, CENTER, 0, PT(12), PT(6), 240),
        /* body 14–15 đứng */
        [VB_EL_LEGAL_BASIS] = STYLE(14, 0, 1, 0, 0, JUSTIFY, BODY_INDENT, BODY_SPACING, 0, BODY_LINE),
        [VB_EL_PREAMBLE_CLOSE] = STYLE(14, 1, 0, 0, 1, CENTER, 0, PT(12), PT(6), BODY_LINE),
        [VB_EL_BODY] = STYLE(14, 0, 0, 0, 0, JUSTIFY, BODY_INDENT, BODY_SPACING, 0, BODY_LINE),
        [VB_EL_BULLET] = STYLE(14, 0, 0, 0, 0, JUSTIFY, BODY_INDENT, BODY_SPACING, 0, BODY_LINE),
        [VB_EL_PART] = STYLE(14, 1, 0, 0, 0, CENTER, 0, PT(12), 0, BODY_LINE),
        [VB_EL_PART_TITLE] = STYLE(14, 1, 0, 0, 1, CENTER, 0, 0, PT(6), BODY_LINE),
        [VB_EL_SECTION] = STYLE(14, 1, 0, 0, 1, JUSTIFY, BODY_INDENT, BODY_SPACING, 0, BODY_LINE),
        [VB_EL_CLAUSE] = STYLE(14, 1, 0, 0, 0, JUSTIFY, BODY_INDENT, BODY_SPACING, 0, BODY_LINE),
        [VB_EL_POINT] = STYLE(14, 0, 0, 0, 0, JUSTIFY, BODY_INDENT, BODY_SPACING, 0, BODY_LINE),
        [VB_EL_ARTICLE] = STYLE(14, 1, 0, 0, 0, JUSTIFY, BODY_INDENT, BODY_SPACING, 0, BODY_LINE),
        /* "Nơi nhận:" 14 gạch chân; items 12 */
        [VB_EL_RECIPIENTS_HEADING] = STYLE(14, 0, 0, 1, 0, LEFT, 0, 0, 0, 240),
        [VB_EL_RECIPIENT] = STYLE(12, 0, 0, 0, 0, LEFT, 0, 0, 0, 240),
        /* T/M … in hoa 14 đậm; chức vụ in hoa 14 đứng; họ tên 14 đậm */
        [VB_EL_SIGNER_AUTHORITY] = STYLE(14, 1, 0, 0, 1, CENTER, 0, 0, 0, 240),
        [VB_EL_SIGNER_TITLE] = STYLE(14, 0, 0, 0, 1, CENTER, 0, 0, 0, 240),
        [VB_EL_SIGNER_NAME] = STYLE(14, 1, 0, 0, 0, CENTER, 0, 0, 0, 240),
        [VB_EL_PAGE_NUMBER] = STYLE(14, 0, 0, 0, 0, CENTER, 0, 0, 0, 240),
        [VB_EL_RULE] = STYLE(1, 0, 0, 0, 0, LEFT, 0, 0, 0, 240),
        /* độ mật, độ khẩn: in hoa 14 đứng đậm under Số (HD36, as practice writes it) */
        [VB_EL_SECRECY] = RED_MARK(14),
        [VB_EL_URGENCY] = RED_MARK(14),
        /* Phụ lục (PL I §III.1.b–c): "Phụ lục I" 14 đứng đậm; title 13–14 in hoa đậm;
         * Kèm theo 13–14 nghiêng, all centred */
        [VB_EL_APPENDIX_LABEL] = STYLE(14, 1, 0, 0, 0, CENTER, 0, 0, 0, 240),
        [VB_EL_APPENDIX_TITLE] = STYLE(14, 1, 0, 0, 1, CENTER, 0, 0, 0, 240),
        [VB_EL_APPENDIX_NOTE] = STYLE(14, 0, 1, 0, 0, CENTER, 0, 0, 0, 240),
        /* Tables: NĐ30 sets no size; 13 is the common choice in appendices. Header bold
         * centred; group rows bold. */
        [VB_EL_TABLE_HEAD] = STYLE(13, 1, 0, 0, 0, CENTER, 0, PT(3), PT(3), 240),
        [VB_EL_TABLE_CELL] = STYLE(13, 0, 0, 0, 0, LEFT, 0, PT(3), PT(3), 240),
        [VB_EL_TABLE_GROUP] = STYLE(13, 1, 0, 0, 0, LEFT, 0, PT(3), PT(3), 240),
        /* Footnotes: smaller than the body, single-spaced (common practice; NĐ30 is silent) */
        [VB_EL_FOOTNOTE] = STYLE(12, 0, 0, 0, 0, JUSTIFY, 0, 0, 0, 240),
        /* HD36 names ô 11a (lưu hành) and 11b (dự thảo) without sizes: NĐ30's, at the
         * Party's 14 */
        [VB_EL_CIRCULATION] = STYLE(14, 1, 0, 0, 1, CENTER, 0, 0, 0, 240),
        [VB_EL_DRAFT_MARK] = STYLE(14, 1, 0, 0, 1, CENTER, 0, 0, 0, 240),
        [VB_EL_CONTACT] = STYLE(11, 0, 0, 0, 0, CENTER, 0, 0, 0, 240),
    },
    .style_names = STYLE_NAMES,
    .secrecy_marks = {"MẬT", "TỐI MẬT", "TUYỆT MẬT"},
    .urgency_marks = {"KHẨN", "THƯỢNG KHẨN", "HỎA TỐC"},
    .urgency_box_twips = {MM(20), MM(40), MM(30)},
    .mark_box_height_twips = MM(8),
    .mark_box_air_twips = MM(3),
    .national_title = "ĐẢNG CỘNG SẢN VIỆT NAM",
    .motto = NULL,
    .issuer_rule_fraction = 0,
    .issuer_mark = "*",
    .number_prefix = "Số ",
    .number_separator = "-",
    .blank_number = "      ",
    .blank_day = "     ",
    .cong_van_subject_prefix = "",
    .subject_rule_fraction = 0,
    .subject_mark = "-----",
    .rule_thickness_pt = 0.75,
    .rule_gap_twips = PT(4),
    .after_title_twips = PT(12),
    .numbering = {
        [VB_LEVEL_PHAN] = {"Phần ", VB_COUNTER_ROMAN, "", 1, 1, VB_EL_PART},
        [VB_LEVEL_CHUONG] = {"Chương ", VB_COUNTER_ROMAN, "", 1, 1, VB_EL_PART},
        [VB_LEVEL_MUC] = {"", VB_COUNTER_ROMAN, "-", 0, 1, VB_EL_SECTION},
        [VB_LEVEL_KHOAN] = {"", VB_COUNTER_ARABIC, ".", 0, 0, VB_EL_CLAUSE},
        [VB_LEVEL_DIEM] = {"", VB_COUNTER_LETTER, ")", 0, 0, VB_EL_POINT},
        [VB_LEVEL_DIEU] = {"Điều ", VB_COUNTER_ARABIC, ".", 0, 1, VB_EL_ARTICLE},
    },
    .bullets = {"-", "+"},
    .end_mark = "./.",
    .recipients_heading = "Nơi nhận:",
    .recipient_separator = ",",
    .recipient_last = ".",
    .addressee_label = "Kính gửi:",
    .addressee_space_before_twips = PT(18),
    .addressee_space_after_twips = PT(18),
    .signature_space_twips = PT(72),
    .header_air_twips = MM(2),
    .header_left_min_twips = MM(60),
    .header_right_min_twips = MM(80),
    .recipients_column_fraction = 0.45,
    .recipients_beside_signature = 12,
    .recipients_fewest_under = 3,
    .appendix_word = "Phụ lục",
    .attached_prefix = "Kèm theo",
    .appendix_rule_fraction = 1.0 / 3.0,
    .appendix_rule_max_twips = MM(40),
    .appendix_numbers_restart = 1,
    .table_border_pt = 0.5,
    .table_cell_air_twips = MM(1.5),
    .table_column_min_twips = MM(8),
    .table_width_slack_twips = PT(1),
    .table_width_sample_rows = 2000,
    /* ô 11 sits in the top margin (PL I §IV diagram): an 8 mm box from 9 mm below the edge
     * ends 3 mm above a 20 mm margin */
    .margin_box_top_twips = MM(9),
    .margin_box_height_twips = MM(8),
    .margin_box_air_twips = MM(3),
    .margin_box_gap_twips = MM(5),
    .draft_mark = "DỰ THẢO",
    .draft_round_format = "DỰ THẢO LẦN %d",
    .drafter_copies_format = "%s.(%d)",
    .contact_labels = {"Địa chỉ: ", "ĐT: ", "Fax: ", "E-mail: ", "Website: "},
    .contact_separator = "; ",
    .attached_issued_prefix = "Ban hành kèm theo",
};

const vb_layout *vb_layout_for(vb_format format)
{
    return format == VB_FORMAT_PARTY ? &party_layout : &state_layout;
}

int vb_layout_text_width(const vb_layout *layout)
{
    return layout->page_width_twips - layout->margin_left_twips - layout->margin_right_twips;
}

/* Landscape keeps the portrait margins on the same edges of the text (PL I §I.2 sets no
 * others). */
int vb_layout_text_width_oriented(const vb_layout *layout, int landscape)
{
    int page = landscape ? layout->page_height_twips : layout->page_width_twips;
    return page - layout->margin_left_twips - layout->margin_right_twips;
}

vb_element vb_section_element(const vb_layout *layout, vb_section_level level)
{
    return layout->numbering[level].element;
}

void vb_roman(int n, char *buf, size_t size)
{
    static const struct {
        int value;
        const char *digits;
    } table[] = {{1000, "M"}, {900, "CM"}, {500, "D"}, {400, "CD"}, {100, "C"}, {90, "XC"},
                 {50, "L"},   {40, "XL"},  {10, "X"},  {9, "IX"},   {5, "V"},   {4, "IV"},
                 {1, "I"}};
    buf[0] = '\0';
    if (n <= 0 || n >= 4000) {
        snprintf(buf, size, "%d", n);
        return;
    }
    for (size_t i = 0; i < sizeof table / sizeof *table; i++) {
        while (n >= table[i].value) {
            strncat(buf, table[i].digits, size - strlen(buf) - 1);
            n -= table[i].value;
        }
    }
}

/* Điểm follow the Vietnamese alphabet (NĐ30 §II.6): a, b, c, d, đ, e, g, h, i, k, … */
static const char *const letters[] = {"a", "b", "c", "d", "đ", "e", "g", "h", "i", "k", "l", "m",
                                      "n", "o", "p", "q", "r", "s", "t", "u", "v", "x", "y"};

static void counter_text(vb_counter counter, int n, char *buf, size_t size)
{
    switch (counter) {
    case VB_COUNTER_ROMAN:
        vb_roman(n, buf, size);
        break;
    case VB_COUNTER_LETTER:
        if (n >= 1 && n <= (int)(sizeof letters / sizeof *letters))
            snprintf(buf, size, "%s", letters[n - 1]);
        else
            snprintf(buf, size, "%d", n);
        break;
    default:
        snprintf(buf, size, "%d", n);
    }
}

char *vb_section_label(const vb_layout *layout, const vb_node *node, char *buf, size_t size)
{
    const vb_numbering *num = &layout->numbering[node->level];
    char part[32];
    size_t used = 0;
    buf[0] = '\0';
    used += (size_t)snprintf(buf, size, "%s", num->prefix);
    if (num->counter == VB_COUNTER_ARABIC && node->depth > 1) {
        /* Nested khoản: 1.1., 1.1.1. */
        for (int i = 0; i < node->depth && used < size; i++) {
            snprintf(part, sizeof part, "%d", node->ordinals[i]);
            used += (size_t)snprintf(buf + used, size - used, "%s%s", part,
                                     i + 1 < node->depth ? "." : num->suffix);
        }
        return buf;
    }
    counter_text(num->counter, node->ordinal, part, sizeof part);
    if (used < size)
        snprintf(buf + used, size - used, "%s%s", part, num->suffix);
    return buf;
}

/* The style every writer names an element by: w:styleId in DOCX, style:name in ODT. */
static const char *const element_style_ids[VB_EL_COUNT] = {
    [VB_EL_NATIONAL_TITLE] = "VbQuocHieu",
    [VB_EL_MOTTO] = "VbTieuNgu",
    [VB_EL_PARENT_BODY] = "VbCoQuanChuQuan",
    [VB_EL_ISSUER] = "VbCoQuanBanHanh",
    [VB_EL_ISSUER_MARK] = "VbDauSao",
    [VB_EL_NUMBER] = "VbSoKyHieu",
    [VB_EL_CONG_VAN_SUBJECT] = "VbTrichYeuCongVan",
    [VB_EL_DATE_LINE] = "VbDiaDanhNgay",
    [VB_EL_TYPE_NAME] = "VbTenLoai",
    [VB_EL_SUBJECT] = "VbTrichYeu",
    [VB_EL_SUBJECT_MARK] = "VbGachTrichYeu",
    [VB_EL_ADDRESSEE] = "VbKinhGui",
    [VB_EL_AUTHORITY_LINE] = "VbThamQuyen",
    [VB_EL_LEGAL_BASIS] = "VbCanCu",
    [VB_EL_PREAMBLE_CLOSE] = "VbQuyetDinh",
    [VB_EL_BODY] = "VbNoiDung",
    [VB_EL_BULLET] = "VbGachDauDong",
    [VB_EL_PART] = "VbPhan",
    [VB_EL_PART_TITLE] = "VbTenPhan",
    [VB_EL_SECTION] = "VbMuc",
    [VB_EL_CLAUSE] = "VbKhoan",
    [VB_EL_POINT] = "VbDiem",
    [VB_EL_ARTICLE] = "VbDieu",
    [VB_EL_RECIPIENTS_HEADING] = "VbNoiNhan",
    [VB_EL_RECIPIENT] = "VbNoiNhanMuc",
    [VB_EL_SIGNER_AUTHORITY] = "VbQuyenHan",
    [VB_EL_SIGNER_TITLE] = "VbChucVu",
    [VB_EL_SIGNER_NAME] = "VbHoTen",
    [VB_EL_PAGE_NUMBER] = "VbSoTrang",
    [VB_EL_RULE] = "VbDuongKe",
    [VB_EL_SECRECY] = "VbDoMat",
    [VB_EL_URGENCY] = "VbDoKhan",
    [VB_EL_APPENDIX_LABEL] = "VbPhuLuc",
    [VB_EL_APPENDIX_TITLE] = "VbTenPhuLuc",
    [VB_EL_APPENDIX_NOTE] = "VbKemTheo",
    [VB_EL_TABLE_HEAD] = "VbBangTieuDe",
    [VB_EL_TABLE_CELL] = "VbBangNoiDung",
    [VB_EL_TABLE_GROUP] = "VbBangNhom",
    [VB_EL_FOOTNOTE] = "VbChuThich",
    [VB_EL_CIRCULATION] = "VbLuuHanh",
    [VB_EL_DRAFT_MARK] = "VbDuThao",
    [VB_EL_CONTACT] = "VbLienHe",
};

const char *vb_element_style_id(vb_element element)
{
    return element_style_ids[element];
}
