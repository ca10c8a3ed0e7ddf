/* The document types of NĐ30 Điều 7 and of the Party (HD36), as data. */
#ifndef VB_DOCTYPES_H
#define VB_DOCTYPES_H

#include "model.h"

enum {
    VB_TYPE_STATE = 1u, /* a type of Nghị định 30/2020/NĐ-CP */
    VB_TYPE_PARTY = 2u, /* a type of the Party's documents (HD36) */
};

/* Parts of a document's content that the type requires or forbids (NĐ30 Phụ lục III
 * templates; HD36). Body parts are found by section role (see vb_section_roles). */
enum {
    VB_PART_LEGAL_BASIS = 1u << 0,    /* căn cứ */
    VB_PART_AUTHORITY = 1u << 1,      /* thẩm quyền ban hành line (Mẫu 1.2, 1.3) */
    VB_PART_ARTICLES = 1u << 2,       /* Điều 1., Điều 2. … */
    VB_PART_ASSESSMENT = 1u << 3,     /* đánh giá: kết quả, tồn tại, hạn chế, nguyên nhân */
    VB_PART_TASKS_OR_RECOMMENDATIONS = 1u << 4,
    VB_PART_TASKS = 1u << 5,          /* nhiệm vụ: who, what, by when */
    VB_PART_PURPOSE = 1u << 6,        /* mục đích, yêu cầu */
    VB_PART_ORGANISATION = 1u << 7,   /* tổ chức thực hiện */
    VB_PART_CONCLUSIONS = 1u << 8,    /* kết luận (Thông báo kết luận) */
    VB_PART_SUBJECT = 1u << 9,        /* trích yếu */
    VB_PART_ADDRESSEE = 1u << 10,     /* Kính gửi */
};

typedef struct {
    const char *code;          /* the abbreviation used in the ký hiệu: "BC", "QyĐ", ... */
    const char *name;          /* tên loại in normal case: "Báo cáo" */
    unsigned formats;          /* VB_TYPE_STATE | VB_TYPE_PARTY */
    int has_type_name;         /* 0 for công văn: no tên loại, trích yếu "V/v …" under Số */
    const char *state_preamble_close; /* "QUYẾT ĐỊNH:" after the căn cứ (state) or NULL */
    const char *party_preamble_close;
    unsigned required_state, required_party; /* VB_PART_* the type must have */
    unsigned forbidden;                      /* VB_PART_* the type must not have */
    const char *template_ref;                /* "NĐ30 PL III Mẫu 1.4" */
    unsigned no_date_line; /* VB_TYPE_* formats whose header has no date line (Mẫu 1.9) */
} vb_doctype;

/* Looks a type up by its code, for `format`. Accepts an ASCII "D" for "Đ" (QD, QyD, DA for
 * ĐA is ambiguous with Dự án and is not folded). Returns NULL when unknown. */
const vb_doctype *vb_doctype_find(const char *code, vb_format format);

/* Whether the document's header carries ô 4, the place and date: not a biên bản's (NĐ30
 * Mẫu 1.9), whose time and place the body gives. */
int vb_doctype_dated(const vb_document *doc);

/* All types, for `vanban types`. */
const vb_doctype *vb_doctypes_all(size_t *count);

#endif
