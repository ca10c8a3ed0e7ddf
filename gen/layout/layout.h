/* Stage layout: the numbers of the decree, and what follows from them.
 * Takes: a format (state NĐ30 or Party HD36). Gives: the layout table (this file), the
 * Vietnamese texts of the number, date and recipient lines (format.h), widths measured from
 * the font metrics (textwidth.h, geometry.h). A layout number changes here, nowhere else. */
/* The layout of a document format as data: one table for Nghị định 30/2020/NĐ-CP (state)
 * and one for Hướng dẫn 36-HD/VPTW (Party). Every entry is named after the component of
 * the decree it implements (ô numbers of NĐ30 Phụ lục I §IV), so a reviewer can hold this
 * next to the decree. Both writers (DOCX, ODT) read only the model and these tables. */
#ifndef VB_LAYOUT_H
#define VB_LAYOUT_H

#include "model/model.h"

typedef enum { VB_ALIGN_LEFT, VB_ALIGN_CENTER, VB_ALIGN_RIGHT, VB_ALIGN_JUSTIFY } vb_align;

typedef struct {
    double size_pt;
    int bold, italic, underline;
    int upper;              /* the text is set IN HOA (upper-cased with ICU, vi locale) */
    vb_align align;
    int first_line_twips;   /* first-line indent */
    int space_before_twips; /* 20 twips = 1 pt */
    int space_after_twips;
    int line_240ths;        /* line spacing, 240 = single, 360 = 1.5 lines */
    int keep_with_next;
    const char *color;      /* RRGGBB; NULL is black, as NĐ30 sets all text */
} vb_text_style;

/* The paragraph kinds of a document; each gets one named style in every output format. */
typedef enum {
    VB_EL_NATIONAL_TITLE,   /* ô 1: Quốc hiệu (state) / ĐẢNG CỘNG SẢN VIỆT NAM (Party) */
    VB_EL_MOTTO,            /* ô 1: Tiêu ngữ (state only) */
    VB_EL_PARENT_BODY,      /* ô 2: tên cơ quan chủ quản */
    VB_EL_ISSUER,           /* ô 2: tên cơ quan ban hành */
    VB_EL_ISSUER_MARK,      /* ô 2: the "*" under the issuer (Party) */
    VB_EL_NUMBER,           /* ô 3: số, ký hiệu */
    VB_EL_CONG_VAN_SUBJECT, /* ô 5b: "V/v …" of a công văn */
    VB_EL_DATE_LINE,        /* ô 4: địa danh, thời gian */
    VB_EL_TYPE_NAME,        /* ô 5a: tên loại */
    VB_EL_SUBJECT,          /* ô 5a: trích yếu */
    VB_EL_SUBJECT_MARK,     /* the "-----" under a Party trích yếu */
    VB_EL_ADDRESSEE,        /* ô 9a: Kính gửi */
    VB_EL_AUTHORITY_LINE,   /* Quyết định: thẩm quyền ban hành */
    VB_EL_LEGAL_BASIS,      /* ô 6: căn cứ */
    VB_EL_PREAMBLE_CLOSE,   /* "QUYẾT ĐỊNH:" */
    VB_EL_BODY,             /* ô 6: body paragraph */
    VB_EL_BULLET,           /* ô 6: "-" / "+" line */
    VB_EL_PART,             /* Phần I / Chương I line */
    VB_EL_PART_TITLE,       /* the title line under Phần / Chương */
    VB_EL_SECTION,          /* mục: I. TITLE */
    VB_EL_CLAUSE,           /* khoản: 1. Title */
    VB_EL_POINT,            /* điểm: a) Title */
    VB_EL_ARTICLE,          /* Điều 1. Title */
    VB_EL_RECIPIENTS_HEADING, /* ô 9b: "Nơi nhận:" */
    VB_EL_RECIPIENT,        /* ô 9b: "- X;" */
    VB_EL_SIGNER_AUTHORITY, /* ô 7a: TM. / KT. … line */
    VB_EL_SIGNER_TITLE,     /* ô 7a: chức vụ */
    VB_EL_SIGNER_NAME,      /* ô 7b: họ tên */
    VB_EL_PAGE_NUMBER,      /* page number in the header, from page 2 */
    VB_EL_RULE,             /* an empty paragraph carrying a drawn rule */
    VB_EL_SECRECY,          /* ô 10a: độ mật (MẬT, TỐI MẬT, TUYỆT MẬT) */
    VB_EL_URGENCY,          /* ô 10b: độ khẩn (KHẨN, THƯỢNG KHẨN, HỎA TỐC) */
    VB_EL_APPENDIX_LABEL,   /* Phụ lục (PL I §III.1.b): "Phụ lục II" */
    VB_EL_APPENDIX_TITLE,   /* … its title, IN HOA */
    VB_EL_APPENDIX_NOTE,    /* … (PL I §III.1.c): "(Kèm theo … số … ngày … của …)" */
    VB_EL_TABLE_HEAD,       /* a table's header rows */
    VB_EL_TABLE_CELL,       /* a table's cells */
    VB_EL_TABLE_GROUP,      /* a table's group rows (I, II, … with their titles) */
    VB_EL_FOOTNOTE,         /* the text of a footnote */
    /* Written into a file's styles only when its document uses them (vb_compose_uses), so
     * documents without them keep the same styles. */
    VB_EL_CIRCULATION,      /* ô 11: phạm vi lưu hành, boxed, in the top margin */
    VB_EL_DRAFT_MARK,       /* ô 11b: "DỰ THẢO", boxed, beside ô 11 */
    VB_EL_CONTACT,          /* ô 13: address and contacts at the foot of page 1 */
    VB_EL_COUNT
} vb_element;

typedef enum { VB_COUNTER_ROMAN, VB_COUNTER_ARABIC, VB_COUNTER_LETTER } vb_counter;

typedef struct {
    const char *prefix;  /* "Phần ", "Điều ", "" */
    vb_counter counter;
    const char *suffix;  /* ".", "-", ")" */
    int own_line;        /* the number is on its own line, the title on the next (Phần, Chương) */
    int run_in_bold;     /* a number run into its paragraph stays bold ("Điều 1." is; "2." is not) */
    vb_element element;
} vb_numbering;

typedef struct {
    const char *id;      /* "nha_nuoc" / "dang" */
    const char *source;  /* the decree or guidance it implements */

    /* NĐ30 Phụ lục I §I: page set-up */
    int page_width_twips, page_height_twips;
    int margin_top_twips, margin_bottom_twips, margin_left_twips, margin_right_twips;
    int header_distance_twips, footer_distance_twips;
    const char *font;    /* Times New Roman */

    vb_text_style styles[VB_EL_COUNT];
    const char *style_names[VB_EL_COUNT]; /* shown to users in Word/LibreOffice */

    /* ô 1 */
    const char *national_title; /* CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM / ĐẢNG CỘNG SẢN VIỆT NAM */
    const char *motto;          /* Độc lập - Tự do - Hạnh phúc, or NULL */
    /* ô 2: rule under the issuer as a fraction of its widest line (0: none, a mark instead) */
    double issuer_rule_fraction;
    const char *issuer_mark;    /* "*" (Party) or NULL */
    /* ô 3 */
    const char *number_prefix;  /* "Số: " / "Số " */
    const char *number_separator; /* "/" / "-" between number and ký hiệu */
    const char *blank_number;   /* what a draft shows instead of the number */
    const char *blank_day;      /* … instead of the day or the month */
    const char *cong_van_subject_prefix; /* "V/v " / "" */
    /* ô 5a: rule under the trích yếu as a fraction of its widest line, or a text mark */
    double subject_rule_fraction;
    const char *subject_mark;   /* "-----" (Party) or NULL */
    double rule_thickness_pt;
    int rule_gap_twips;
    int after_title_twips;      /* space between the trích yếu's rule (or mark) and what follows */         /* height of the rule's own line: the gap under the text above */

    /* ô 6: numbering of sections, by level */
    vb_numbering numbering[VB_LEVEL_COUNT];
    const char *bullets[2];     /* "-", "+" */
    const char *end_mark;       /* "./." */

    /* ô 9b */
    const char *recipients_heading; /* "Nơi nhận:" */
    const char *recipient_separator; /* ";" / "," */
    const char *recipient_last;      /* "." */
    const char *addressee_label;     /* "Kính gửi:" */
    /* ô 9a: the air Mẫu 1.5 leaves above "Kính gửi:" (under ô 5b and the ô 10 boxes) and
     * under the last addressee, before the body */
    int addressee_space_before_twips, addressee_space_after_twips;

    /* ô 10a, 10b: the marks' texts and boxes (width per level 1..3, height; 0: no box) */
    const char *secrecy_marks[3];
    const char *urgency_marks[3];
    int urgency_box_twips[3];
    int mark_box_height_twips;
    int mark_box_air_twips;     /* each side of a mark whose box fits its text (độ mật) */

    /* ô 7: room for the hand signature and the seal, above the name */
    int signature_space_twips;

    /* header table: the right column fits ô 1 and ô 4 plus this air each side; bounds */
    int header_air_twips;
    int header_left_min_twips;
    int header_right_min_twips;
    /* signature table: share of the text width for Nơi nhận */
    double recipients_column_fraction;
    /* ô 9b: the Nơi nhận lines kept beside the signature, about its height; the rest go on
     * under it in the same column, free to run onto the next page (a row of the table
     * never splits, so a long list would push the signature away from the body) */
    int recipients_beside_signature;
    /* fewer lines than this are not left alone under the table: they stay beside it */
    int recipients_fewest_under;

    /* Phụ lục (PL I §III.1; Mẫu 2.1): label, title, Kèm theo line, then a short rule of this
     * share of the title's widest line, at most this long */
    const char *appendix_word;          /* "Phụ lục" */
    const char *attached_prefix;        /* "Kèm theo" */
    double appendix_rule_fraction;
    int appendix_rule_max_twips;
    int appendix_numbers_restart;       /* PL I §III.1.đ: each appendix numbers its own pages */

    /* Tables (bang): single lines of this width around every cell, this air inside */
    double table_border_pt;
    int table_cell_air_twips;           /* left and right */
    int table_column_min_twips;         /* no column narrower, whatever its content */
    int table_width_slack_twips;        /* added to a measured width: a word measured to the
                                           twip must not wrap when the renderer rounds */
    int table_width_sample_rows;        /* widths are measured on this many first rows */

    /* ô 11 (PL I §III.2.c) and the draft mark: single-line boxes in the top margin of page 1,
     * this far below the page's top edge, this high, with this air each side of the text;
     * centred over the ô 1 column, side by side when both are there, this far apart. */
    int margin_box_top_twips;
    int margin_box_height_twips;
    int margin_box_air_twips;
    int margin_box_gap_twips;
    const char *draft_mark;             /* "DỰ THẢO" */
    const char *draft_round_format;     /* "DỰ THẢO LẦN %d" */
    /* ô 12 (PL I §III.3): after the Lưu line, "PL.(300)" */
    const char *drafter_copies_format;  /* "%s.(%d)" */
    /* ô 13 (PL I §III.4): page 1 only, under a solid rule the full width of the text area,
     * its last line on the text area's last line; the labels of its parts */
    const char *contact_labels[5];      /* address, phone, fax, e-mail, website */
    const char *contact_separator;      /* between the parts: "; " */
    /* Văn bản kèm theo (PL III Mẫu 1.3): the line under its trích yếu */
    const char *attached_issued_prefix; /* "Ban hành kèm theo" */
} vb_layout;

const vb_layout *vb_layout_for(vb_format format);

/* The label of a numbered node ("I.", "1.2.", "a)", "Điều 3.", "Phần II"), written into
 * buf. Returns buf. */
char *vb_section_label(const vb_layout *layout, const vb_node *node, char *buf, size_t size);

/* The style identifier of an element, the same in every output format ("VbQuocHieu", …). */
const char *vb_element_style_id(vb_element element);

/* The element (style) a section heading of `level` uses. */
vb_element vb_section_element(const vb_layout *layout, vb_section_level level);

/* Text width of the page between the margins, in twips (landscape: across the long side). */
int vb_layout_text_width(const vb_layout *layout);
int vb_layout_text_width_oriented(const vb_layout *layout, int landscape);

/* Roman numerals: 1 → "I", 14 → "XIV" (others as digits). */
void vb_roman(int n, char *buf, size_t size);

#endif
