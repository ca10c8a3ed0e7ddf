/* The document types of NĐ30 Điều 7 and of the Party (HD36), as data. */
#ifndef VB_DOCTYPES_H
#define VB_DOCTYPES_H

#include "model.h"

enum {
    VB_TYPE_STATE = 1u, /* a type of Nghị định 30/2020/NĐ-CP */
    VB_TYPE_PARTY = 2u, /* a type of the Party's documents (HD36) */
};

typedef struct {
    const char *code;          /* the abbreviation used in the ký hiệu: "BC", "QyĐ", ... */
    const char *name;          /* tên loại in normal case: "Báo cáo" */
    unsigned formats;          /* VB_TYPE_STATE | VB_TYPE_PARTY */
    int has_type_name;         /* 0 for công văn: no tên loại, trích yếu "V/v …" under Số */
    const char *state_preamble_close; /* "QUYẾT ĐỊNH:" after the căn cứ (state) or NULL */
    const char *party_preamble_close;
} vb_doctype;

/* Looks a type up by its code, for `format`. Accepts an ASCII "D" for "Đ" (QD, QyD, DA for
 * ĐA is ambiguous with Dự án and is not folded). Returns NULL when unknown. */
const vb_doctype *vb_doctype_find(const char *code, vb_format format);

/* All types, for `vanban types`. */
const vb_doctype *vb_doctypes_all(size_t *count);

#endif
