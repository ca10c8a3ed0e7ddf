#include "doctypes.h"

#include <string.h>

#define S VB_TYPE_STATE
#define P VB_TYPE_PARTY

/* NĐ30 Điều 7 and Phụ lục III §I; Party types as seen in real document numbers (HD36). */
static const vb_doctype doctypes[] = {
    {"NQ", "Nghị quyết", S | P, 1, "QUYẾT NGHỊ:", NULL},
    {"QĐ", "Quyết định", S | P, 1, "QUYẾT ĐỊNH:", "QUYẾT ĐỊNH:"},
    {"CT", "Chỉ thị", S | P, 1, NULL, NULL},
    {"QC", "Quy chế", S | P, 1, NULL, NULL},
    {"QyĐ", "Quy định", S, 1, NULL, NULL},
    {"QĐi", "Quy định", P, 1, NULL, NULL},
    {"TC", "Thông cáo", S, 1, NULL, NULL},
    {"TB", "Thông báo", S | P, 1, NULL, NULL},
    {"HD", "Hướng dẫn", S | P, 1, NULL, NULL},
    {"CTr", "Chương trình", S | P, 1, NULL, NULL},
    {"KH", "Kế hoạch", S | P, 1, NULL, NULL},
    {"PA", "Phương án", S | P, 1, NULL, NULL},
    {"ĐA", "Đề án", S | P, 1, NULL, NULL},
    {"DA", "Dự án", S | P, 1, NULL, NULL},
    {"BC", "Báo cáo", S | P, 1, NULL, NULL},
    {"BB", "Biên bản", S | P, 1, NULL, NULL},
    {"TTr", "Tờ trình", S | P, 1, NULL, NULL},
    {"HĐ", "Hợp đồng", S, 1, NULL, NULL},
    {"CĐ", "Công điện", S, 1, NULL, NULL},
    {"BGN", "Bản ghi nhớ", S, 1, NULL, NULL},
    {"BTT", "Bản thỏa thuận", S, 1, NULL, NULL},
    {"GUQ", "Giấy ủy quyền", S, 1, NULL, NULL},
    {"GM", "Giấy mời", S | P, 1, NULL, NULL},
    {"GGT", "Giấy giới thiệu", S | P, 1, NULL, NULL},
    {"GNP", "Giấy nghỉ phép", S | P, 1, NULL, NULL},
    {"PG", "Phiếu gửi", S | P, 1, NULL, NULL},
    {"PC", "Phiếu chuyển", S | P, 1, NULL, NULL},
    {"PB", "Phiếu báo", S, 1, NULL, NULL},
    {"KL", "Kết luận", P, 1, NULL, NULL},
    {"TT", "Thông tri", P, 1, NULL, NULL},
    {"CV", "Công văn", S | P, 0, NULL, NULL},
};

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
