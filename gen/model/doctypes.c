#include "doctypes.h"

#include <string.h>

#define S VB_TYPE_STATE
#define P VB_TYPE_PARTY

/* NĐ30 Điều 7 and Phụ lục III §I; Party types as seen in real document numbers (HD36). */
/* Required parts, from the templates of NĐ30 Phụ lục III and the guidance each type's
 * content gets in practice; Party documents follow HD36 and the same practice. */
#define CC VB_PART_LEGAL_BASIS
#define AU VB_PART_AUTHORITY
#define AR VB_PART_ARTICLES
#define AS VB_PART_ASSESSMENT
#define TR VB_PART_TASKS_OR_RECOMMENDATIONS
#define TK VB_PART_TASKS
#define PU VB_PART_PURPOSE
#define OR VB_PART_ORGANISATION
#define CL VB_PART_CONCLUSIONS
#define SU VB_PART_SUBJECT
#define KG VB_PART_ADDRESSEE

/* NĐ30 Điều 7 and Phụ lục III §I; Party types as seen in real document numbers (HD36). */
static const vb_doctype doctypes[] = {
    /* code, name, formats, tên loại, closes căn cứ (state, Party), required (state, Party), forbidden, template */
    {"NQ", "Nghị quyết", S | P, 1, "QUYẾT NGHỊ:", NULL, CC | AR | SU, SU, 0, "NĐ30 PL III Mẫu 1.1", 0},
    {"QĐ", "Quyết định", S | P, 1, "QUYẾT ĐỊNH:", "QUYẾT ĐỊNH:", CC | AU | AR | SU, SU | AR, 0, "NĐ30 PL III Mẫu 1.2, 1.3", 0},
    {"CT", "Chỉ thị", S | P, 1, NULL, NULL, SU | TK, SU, 0, "NĐ30 PL III Mẫu 1.4", 0},
    {"QC", "Quy chế", S | P, 1, NULL, NULL, SU, SU, 0, "NĐ30 PL III Mẫu 1.4", 0},
    {"QyĐ", "Quy định", S, 1, NULL, NULL, SU, 0, 0, "NĐ30 PL III Mẫu 1.4", 0},
    {"QĐi", "Quy định", P, 1, NULL, NULL, 0, SU, 0, "HD36", 0},
    {"TC", "Thông cáo", S, 1, NULL, NULL, SU, 0, 0, "NĐ30 PL III Mẫu 1.4", 0},
    {"TB", "Thông báo", S | P, 1, NULL, NULL, SU, SU, 0, "NĐ30 PL III Mẫu 1.4", 0},
    {"HD", "Hướng dẫn", S | P, 1, NULL, NULL, SU, SU, 0, "NĐ30 PL III Mẫu 1.4", 0},
    {"CTr", "Chương trình", S | P, 1, NULL, NULL, SU | TK, SU, 0, "NĐ30 PL III Mẫu 1.4", 0},
    {"KH", "Kế hoạch", S | P, 1, NULL, NULL, SU | PU | TK | OR, SU | TK, 0, "NĐ30 PL III Mẫu 1.4", 0},
    {"PA", "Phương án", S | P, 1, NULL, NULL, SU, SU, 0, "NĐ30 PL III Mẫu 1.4", 0},
    {"ĐA", "Đề án", S | P, 1, NULL, NULL, SU, SU, 0, "NĐ30 PL III Mẫu 1.4", 0},
    {"DA", "Dự án", S | P, 1, NULL, NULL, SU, SU, 0, "NĐ30 PL III Mẫu 1.4", 0},
    {"BC", "Báo cáo", S | P, 1, NULL, NULL, SU | AS | TR, SU | AS, 0, "NĐ30 PL III Mẫu 1.4", 0},
    {"BB", "Biên bản", S | P, 1, NULL, NULL, SU, SU, 0, "NĐ30 PL III Mẫu 1.9", S},
    {"TTr", "Tờ trình", S | P, 1, NULL, NULL, SU | KG, SU, 0, "NĐ30 PL III Mẫu 1.4", 0},
    {"HĐ", "Hợp đồng", S, 1, NULL, NULL, SU, 0, 0, "NĐ30 Điều 7", 0},
    {"CĐ", "Công điện", S, 1, NULL, NULL, SU, 0, 0, "NĐ30 PL III Mẫu 1.6", 0},
    {"BGN", "Bản ghi nhớ", S, 1, NULL, NULL, SU, 0, 0, "NĐ30 Điều 7", 0},
    {"BTT", "Bản thỏa thuận", S, 1, NULL, NULL, SU, 0, 0, "NĐ30 Điều 7", 0},
    {"GUQ", "Giấy ủy quyền", S, 1, NULL, NULL, 0, 0, 0, "NĐ30 PL III Mẫu 1.4", 0},
    {"GM", "Giấy mời", S | P, 1, NULL, NULL, SU, SU, 0, "NĐ30 PL III Mẫu 1.7", 0},
    {"GGT", "Giấy giới thiệu", S | P, 1, NULL, NULL, 0, 0, SU, "NĐ30 PL III Mẫu 1.8", 0},
    {"GNP", "Giấy nghỉ phép", S | P, 1, NULL, NULL, 0, 0, SU, "NĐ30 PL III Mẫu 1.10", 0},
    {"PG", "Phiếu gửi", S | P, 1, NULL, NULL, 0, 0, 0, "NĐ30 PL III Mẫu 1.4", 0},
    {"PC", "Phiếu chuyển", S | P, 1, NULL, NULL, 0, 0, 0, "NĐ30 PL III Mẫu 1.4", 0},
    {"PB", "Phiếu báo", S, 1, NULL, NULL, 0, 0, 0, "NĐ30 PL III Mẫu 1.4", 0},
    {"KL", "Kết luận", P, 1, NULL, NULL, 0, SU | CL, 0, "HD36", 0},
    {"TT", "Thông tri", P, 1, NULL, NULL, 0, SU, 0, "HD36", 0},
    {"CV", "Công văn", S | P, 0, NULL, NULL, SU | KG, SU, 0, "NĐ30 PL III Mẫu 1.5", 0},
};

#undef CC
#undef AU
#undef AR
#undef AS
#undef TR
#undef TK
#undef PU
#undef OR
#undef CL
#undef SU
#undef KG
#undef S
#undef P

/* Compares a user's code with a table code, letting ASCII "D" stand for "Đ". */
static int code_matches(const char *user, const char *table)
{
    static const char dd_upper[] = "\xC4\x90"; /* Đ */
    while (*table) {
        if (strncmp(table, dd_upper, 2) == 0) {
            if (strncmp(user, dd_upper, 2) == 0)
                user += 2;
            else if (*user == 'D')
                user += 1;
            else
                return 0;
            table += 2;
            continue;
        }
        if (*user != *table)
            return 0;
        user++;
        table++;
    }
    return *user == '\0';
}

int vb_doctype_dated(const vb_document *doc)
{
    const vb_doctype *t = doc->type_code.text ? vb_doctype_find(doc->type_code.text, doc->format) : NULL;
    unsigned format = doc->format == VB_FORMAT_PARTY ? VB_TYPE_PARTY : VB_TYPE_STATE;
    return !(t && (t->no_date_line & format));
}

const vb_doctype *vb_doctype_find(const char *code, vb_format format)
{
    unsigned want = format == VB_FORMAT_PARTY ? VB_TYPE_PARTY : VB_TYPE_STATE;
    /* Exact spelling first, so "DA" (Dự án) is never taken for "ĐA" (Đề án). */
    for (size_t i = 0; i < sizeof doctypes / sizeof *doctypes; i++)
        if ((doctypes[i].formats & want) && strcmp(code, doctypes[i].code) == 0)
            return &doctypes[i];
    for (size_t i = 0; i < sizeof doctypes / sizeof *doctypes; i++)
        if ((doctypes[i].formats & want) && code_matches(code, doctypes[i].code))
            return &doctypes[i];
    return NULL;
}

const vb_doctype *vb_doctypes_all(size_t *count)
{
    *count = sizeof doctypes / sizeof *doctypes;
    return doctypes;
}
