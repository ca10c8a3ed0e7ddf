#include "validate.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "fixit.h"
#include "model/doctypes.h"
#include "layout/format.h"
#include "viet/text.h"

#define VI_EN(vi, en) vi, en

typedef struct {
    const vb_document *doc;
    const vb_doctype *type;
    const vb_validate_options *opt;
    vb_diagnostics *diags;
    int party;
    int en;
} checker;

static int starts_with(const char *s, const char *prefix)
{
    return s && strncmp(s, prefix, strlen(prefix)) == 0;
}

/* Roles present anywhere in the body; a nhiem_vu block is a task part by itself. */
static unsigned body_roles(const vb_node *root, int *has_tasks_block, int *has_text)
{
    unsigned roles = 0;
    for (const vb_node *n = root->first_child; n; n = vb_node_next_preorder(n, root)) {
        if (n->kind == VB_NODE_SECTION)
            roles |= vb_section_roles(n);
        else if (n->kind == VB_NODE_TASKS)
            *has_tasks_block = 1;
        else if (n->kind == VB_NODE_PARAGRAPH)
            *has_text = 1;
    }
    if (*has_tasks_block)
        roles |= VB_ROLE_TASKS;
    return roles;
}

/* ---- ô 3, ô 4: number, ký hiệu, place, date ---- */

/* Compares the first `n` bytes of a ký hiệu group with a type code, "D" matching "Đ". */
static int group_is_type(const char *group, size_t n, const char *code)
{
    char buf[32];
    if (n >= sizeof buf)
        return 0;
    memcpy(buf, group, n);
    buf[n] = '\0';
    const vb_doctype *t = vb_doctype_find(buf, VB_FORMAT_STATE);
    if (!t)
        t = vb_doctype_find(buf, VB_FORMAT_PARTY);
    if (!t)
        return 0;
    if (code == NULL || strcmp(t->code, code) == 0)
        return 1;
    /* Party regulations are numbered both QĐi and QĐ in real use (HD36 §11b). */
    return strcmp(code, "QĐi") == 0 && strcmp(t->code, "QĐ") == 0;
}

/* A joint (liên tịch) document adds "LT" to its type: KHLT, TTLT, NQLT. */
static int group_is_type_or_joint(const char *group, size_t n, const char *code)
{
    if (group_is_type(group, n, code))
        return 1;
    return n > 2 && group[n - 2] == 'L' && group[n - 1] == 'T' && group_is_type(group, n - 2, code);
}

static void check_code(checker *c)
{
    const vb_document *doc = c->doc;
    const char *code = doc->code.text;
    if (!code)
        return;
    vb_pos at = doc->code.pos;
    if (strpbrk(code, " \t")) {
        vb_diag(c->diags, VB_SEV_ERROR, at, "HDR-CODE-SHAPE",
                VI_EN("ký hiệu \"%s\" có khoảng trắng", "the ký hiệu \"%s\" contains spaces"), code);
        return;
    }
    const char *slash = strchr(code, '/');
    if (c->party) {
        /* Party: TYPE/ISSUER, e.g. NQ/TU, BC/CB (the number is joined with "-"). */
        if (!slash) {
            vb_diag(c->diags, VB_SEV_ERROR, at, "HDR-CODE-SHAPE",
                    VI_EN("ký hiệu văn bản của Đảng có dạng LOẠI/CƠ QUAN (ví dụ NQ/TU), không phải \"%s\"",
                          "a Party ký hiệu reads TYPE/ISSUER (e.g. NQ/TU), not \"%s\""),
                    code);
            return;
        }
        if (c->type && c->type->has_type_name &&
            !group_is_type_or_joint(code, (size_t)(slash - code), c->type->code))
            vb_diag(c->diags, VB_SEV_ERROR, at, "HDR-CODE-TYPE",
                    VI_EN("ký hiệu \"%s\" phải bắt đầu bằng chữ viết tắt của %s: %s/…",
                          "the ký hiệu \"%s\" must start with the abbreviation of %s: %s/…"),
                    code, c->type->name, c->type->code);
        return;
    }
    if (slash) {
        vb_diag(c->diags, VB_SEV_ERROR, at, "HDR-CODE-SHAPE",
                VI_EN("ký hiệu văn bản hành chính nối các nhóm bằng \"-\" (BC-UBND), không có \"/\": \"%s\" là cách viết của Đảng",
                      "a state ký hiệu joins its groups with \"-\" (BC-UBND), without \"/\": \"%s\" is the Party's way"),
                code);
        return;
    }
    const char *dash = strchr(code, '-');
    size_t first = dash ? (size_t)(dash - code) : strlen(code);
    if (c->type && !c->type->has_type_name) {
        /* Công văn: issuer-unit. "CV" is no abbreviation of NĐ30; other groups that look like
         * a type (CT for Cục Thuế) are the issuer's own choice. */
        if (!dash || (first == 2 && strncmp(code, "CV", 2) == 0))
            vb_diag(c->diags, VB_SEV_ERROR, at, "HDR-CODE-CV",
                    VI_EN("ký hiệu công văn là tên cơ quan - đơn vị soạn thảo (UBND-VX), không có tên loại: \"%s\"",
                          "a công văn's ký hiệu is issuer-unit (UBND-VX), with no type: \"%s\""),
                    code);
        return;
    }
    if (c->type && (!dash || !group_is_type_or_joint(code, first, c->type->code)))
        vb_diag(c->diags, VB_SEV_ERROR, at, "HDR-CODE-TYPE",
                VI_EN("ký hiệu \"%s\" phải có dạng %s-<cơ quan ban hành> cho %s",
                      "the ký hiệu \"%s\" must read %s-<issuer> for a %s"),
                code, c->type->code, c->type->name);
}

static void check_header(checker *c)
{
    const vb_document *doc = c->doc;
    int draft = doc->is_draft || c->opt->draft;
    if (!draft && !doc->number)
        vb_diag(c->diags, VB_SEV_ERROR, doc->number_pos, "HDR-BLANK",
                VI_EN("số văn bản để trống: chỉ dự thảo (`trang_thai: du_thao` hoặc --draft) mới được để trống",
                      "the number is blank: only a draft (`trang_thai: du_thao` or --draft) may leave it blank"));
    if (!draft && doc->date.present && (!doc->date.day || !doc->date.month))
        vb_diag(c->diags, VB_SEV_ERROR, doc->date.pos, "HDR-BLANK",
                VI_EN("ngày hoặc tháng để trống: chỉ dự thảo (`trang_thai: du_thao` hoặc --draft) mới được để trống",
                      "the day or month is blank: only a draft (`trang_thai: du_thao` or --draft) may leave it blank"));
    if (doc->place.text) {
        /* ASCII lower case, or a lower-case Vietnamese letter, at the start. */
        char *upper = vb_upper_vi(doc->place.text);
        int first_len = 1;
        unsigned char b = (unsigned char)doc->place.text[0];
        if (b >= 0xC0)
            first_len = b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : 2;
        if (strncmp(upper, doc->place.text, (size_t)first_len) != 0) {
            vb_diag(c->diags, VB_SEV_WARNING, doc->place.pos, "HDR-PLACE",
                    VI_EN("địa danh \"%s\" phải viết hoa chữ cái đầu", "the place name \"%s\" must start with a capital"),
                    doc->place.text);
            /* The first letter in capitals (đ → Đ, ư → Ư: the same number of bytes). */
            unsigned char u = (unsigned char)upper[0];
            int upper_len = u >= 0xF0 ? 4 : u >= 0xE0 ? 3 : u >= 0xC0 ? 2 : 1;
            if (upper_len == first_len) {
                char capital[5] = {0};
                memcpy(capital, upper, (size_t)upper_len);
                vb_fix_in_scalar(c->diags, doc->place.pos, doc->place.text, 0, (size_t)first_len,
                                 capital);
            }
        }
        free(upper);
    }
    check_code(c);
}

/* ---- căn cứ ---- */

static const char *const cited_types[] = {
    "Hiến pháp", "Bộ luật", "Luật", "Pháp lệnh", "Nghị quyết liên tịch", "Nghị quyết", "Nghị định",
    "Quyết định", "Chỉ thị", "Thông tư liên tịch", "Thông tư", "Kết luận", "Quy định", "Quy chế",
    "Hướng dẫn", "Kế hoạch", "Chương trình", "Công văn", "Văn bản", "Thông báo", "Công điện",
    "Đề án", "Tờ trình", "Báo cáo", "Thông tri", "Điều lệ", NULL};

/* Finds a date "ngày 11/6/2021" or "ngày 19 tháng 6 năm 2015" in s; returns 1 and fills d
 * when found (d->present = 0 and the numbers as read when it does not exist). */
static int find_cited_date(const char *s, vb_date *d)
{
    for (const char *p = strstr(s, "ngày "); p; p = strstr(p + 1, "ngày ")) {
        int day, month, year, n = 0;
        const char *q = p + strlen("ngày ");
        if (sscanf(q, "%2d/%2d/%4d%n", &day, &month, &year, &n) == 3 && n >= 8) {
        } else if (sscanf(q, "%2d tháng %2d năm %4d%n", &day, &month, &year, &n) == 3) {
        } else {
            continue;
        }
        static const int days[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
        int leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
        int ok = month >= 1 && month <= 12 && day >= 1 && day <= days[month - 1] &&
                 !(month == 2 && day == 29 && !leap) && year >= 1900;
        d->year = year;
        d->month = month;
        d->day = day;
        d->present = ok;
        return 1;
    }
    return 0;
}

static int date_after(const vb_date *a, const vb_date *b)
{
    /* Compares only the parts both dates have (a draft's blank day or month). */
    if (a->year != b->year)
        return a->year > b->year;
    if (!b->month)
        return 0;
    if (a->month != b->month)
        return a->month > b->month;
    if (!b->day)
        return 0;
    return a->day > b->day;
}

static void check_reference(checker *c, const char *ref, vb_pos at)
{
    while (*ref == ' ')
        ref++;
    if (!*ref)
        return;
    /* The proposal line that ends the căn cứ ("Theo đề nghị của …", "Xét Tờ trình số …")
     * is no citation to check the form of, but a date it gives still cannot be later. */
    if (starts_with(ref, "Theo ") || starts_with(ref, "Xét ")) {
        vb_date d = {0};
        if (find_cited_date(ref, &d)) {
            if (!d.present)
                vb_diag(c->diags, VB_SEV_ERROR, at, "CC-DATE",
                        VI_EN("căn cứ: ngày %02d/%02d/%d không có thật", "legal basis: the date %02d/%02d/%d does not exist"),
                        d.day, d.month, d.year);
            else if (c->doc->date.present && date_after(&d, &c->doc->date))
                vb_diag(c->diags, VB_SEV_ERROR, at, "CC-DATE",
                        VI_EN("căn cứ: văn bản ngày %02d/%02d/%d được nêu ban hành sau văn bản này",
                              "legal basis: the paper of %02d/%02d/%d it names is dated after this document"),
                        d.day, d.month, d.year);
        }
        return;
    }
    const char *type = NULL, *found = NULL;
    for (size_t i = 0; cited_types[i]; i++) {
        const char *p = strstr(ref, cited_types[i]);
        if (p && (!found || p < found)) {
            found = p;
            type = cited_types[i];
        }
    }
    if (!type) {
        char excerpt[256];
        vb_diag(c->diags, VB_SEV_WARNING, at, "CC-FORM",
                VI_EN("căn cứ \"%s\" không nêu tên loại văn bản (Luật, Nghị định, Quyết định, …)",
                      "the legal basis \"%s\" names no document type (Luật, Nghị định, Quyết định, …)"),
                vb_utf8_excerpt(ref, 60, excerpt, sizeof excerpt));
        return;
    }
    int is_law = strcmp(type, "Luật") == 0 || strcmp(type, "Bộ luật") == 0 ||
                 strcmp(type, "Pháp lệnh") == 0 || strcmp(type, "Hiến pháp") == 0 ||
                 strcmp(type, "Điều lệ") == 0;
    int has_number = 0;
    for (const char *p = strstr(found, " số "); p && !has_number; p = strstr(p + 1, " số ")) {
        const char *q = p + strlen(" số ");
        while (*q == ' ')
            q++;
        has_number = *q >= '0' && *q <= '9';
    }
    if (!is_law && !has_number) {
        vb_diag(c->diags, VB_SEV_WARNING, at, "CC-FORM",
                VI_EN("căn cứ: %s được viện dẫn không có số, ký hiệu (\"%s số …\")",
                      "legal basis: the cited %s has no number (\"%s số …\")"),
                type, type);
    }
    vb_date d = {0};
    if (!find_cited_date(found, &d)) {
        if (!is_law)
            vb_diag(c->diags, VB_SEV_WARNING, at, "CC-FORM",
                    VI_EN("căn cứ: %s được viện dẫn không có ngày ban hành (\"ngày 11/6/2021\")",
                          "legal basis: the cited %s has no date (\"ngày 11/6/2021\")"),
                    type);
        return;
    }
    if (!d.present) {
        vb_diag(c->diags, VB_SEV_ERROR, at, "CC-DATE",
                VI_EN("căn cứ: ngày %02d/%02d/%d của %s được viện dẫn không có thật",
                      "legal basis: the date %02d/%02d/%d of the cited %s does not exist"),
                d.day, d.month, d.year, type);
        return;
    }
    if (c->doc->date.present && date_after(&d, &c->doc->date))
        vb_diag(c->diags, VB_SEV_ERROR, at, "CC-DATE",
                VI_EN("căn cứ: %s ngày %02d/%02d/%d được viện dẫn ban hành sau văn bản này",
                      "legal basis: the cited %s of %02d/%02d/%d is dated after this document"),
                type, d.day, d.month, d.year);
}

static void check_legal_bases(checker *c, unsigned required)
{
    const vb_document *doc = c->doc;
    if ((required & VB_PART_LEGAL_BASIS) && doc->legal_bases.count == 0)
        vb_diag(c->diags, VB_SEV_ERROR, doc->root_pos, "CC-REQUIRED",
                VI_EN("%s phải có căn cứ ban hành (`can_cu`)", "a %s needs its legal bases (`can_cu`)"),
                c->type->name);
    for (size_t i = 0; i < doc->legal_bases.count; i++) {
        /* One line may cite several documents, separated by ";". */
        char *copy = vb_strdup(doc->legal_bases.items[i].text);
        char *save = NULL;
        for (char *ref = strtok_r(copy, ";", &save); ref; ref = strtok_r(NULL, ";", &save))
            check_reference(c, ref, doc->legal_bases.items[i].pos);
        free(copy);
    }
}

/* ---- ô 5, ô 9a, ô 6: the parts each type needs ---- */

static int is_conclusion_notice(const checker *c)
{
    /* A Thông báo kết luận is a TB whose trích yếu begins with "Kết luận". */
    return c->type && strcmp(c->type->code, "TB") == 0 && c->doc->subject.text &&
           (starts_with(c->doc->subject.text, "Kết luận") || starts_with(c->doc->subject.text, "kết luận"));
}

static void missing_part(checker *c, const char *rule, vb_pos at, const char *vi, const char *en)
{
    vb_diag(c->diags, VB_SEV_ERROR, at, rule, "%s", "%s", c->en ? en : vi);
}

static void check_parts(checker *c)
{
    const vb_document *doc = c->doc;
    if (!c->type)
        return;
    unsigned required = c->party ? c->type->required_party : c->type->required_state;
    if (is_conclusion_notice(c))
        required |= VB_PART_TASKS | VB_PART_CONCLUSIONS;
    vb_pos root = doc->root_pos;
    vb_pos body = doc->body_pos.line ? doc->body_pos : root;

    if ((required & VB_PART_SUBJECT) && !doc->subject.text)
        vb_diag(c->diags, VB_SEV_ERROR, root, "ND-SUBJECT",
                VI_EN("%s phải có trích yếu (`trich_yeu`)", "a %s needs a trích yếu (`trich_yeu`)"), c->type->name);
    if ((c->type->forbidden & VB_PART_SUBJECT) && doc->subject.text)
        vb_diag(c->diags, VB_SEV_WARNING, doc->subject.pos, "ND-SUBJECT-NONE",
                VI_EN("%s không có trích yếu: chỉ một đường kẻ dưới tên loại",
                      "a %s has no trích yếu: only a rule under the tên loại"),
                c->type->name);
    if ((required & VB_PART_ADDRESSEE) && doc->addressees.count == 0)
        vb_diag(c->diags, VB_SEV_ERROR, root, "ND-ADDRESSEE",
                VI_EN("%s phải có nơi gửi \"Kính gửi\" (`kinh_gui`)", "a %s needs its addressees, \"Kính gửi\" (`kinh_gui`)"),
                c->type->name);
    check_legal_bases(c, required);
    if ((required & VB_PART_AUTHORITY) && !doc->authority_line.text)
        vb_diag(c->diags, VB_SEV_ERROR, root, "ND-AUTHORITY",
                VI_EN("quyết định phải có dòng thẩm quyền ban hành (`tham_quyen`, ví dụ CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH …)",
                      "a quyết định needs its authority line (`tham_quyen`, e.g. CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH …)"));

    int has_tasks_block = 0, has_text = 0, has_articles = 0;
    unsigned roles = body_roles(doc->body, &has_tasks_block, &has_text);
    /* Tasks written as a table in a Phụ lục of one's own are the plan's tasks too. */
    for (size_t i = 0; i < doc->appendix_count && !has_tasks_block; i++)
        for (const vb_node *n = doc->appendices[i].body->first_child; n && !has_tasks_block;
             n = vb_node_next_preorder(n, doc->appendices[i].body))
            has_tasks_block = n->kind == VB_NODE_TASKS;
    for (const vb_node *n = doc->body->first_child; n; n = vb_node_next_preorder(n, doc->body))
        if (n->kind == VB_NODE_SECTION && n->level == VB_LEVEL_DIEU)
            has_articles = 1;

    if ((required & VB_PART_ARTICLES) && !has_articles)
        missing_part(c, "ND-ARTICLES", body, "nội dung phải bố cục theo Điều (`dieu:`)",
                     "the body must be laid out in articles (`dieu:`)");
    if ((required & VB_PART_ASSESSMENT) && !(roles & VB_ROLE_ASSESSMENT))
        missing_part(c, "ND-ASSESSMENT", body,
                     "báo cáo thiếu phần đánh giá (kết quả, tồn tại, hạn chế, nguyên nhân); đặt `vai_tro: danh_gia` cho mục tương ứng nếu tiêu đề không nói rõ",
                     "the report has no assessment (results, shortcomings, causes); mark the section `vai_tro: danh_gia` if its title does not say so");
    if ((required & VB_PART_TASKS_OR_RECOMMENDATIONS) &&
        !(roles & (VB_ROLE_TASKS | VB_ROLE_RECOMMENDATION)))
        missing_part(c, "ND-TASKS-OR-RECOMMENDATIONS", body,
                     "báo cáo thiếu phần nhiệm vụ, giải pháp hoặc kiến nghị, đề xuất",
                     "the report has neither tasks nor recommendations");
    if ((required & VB_PART_PURPOSE) && !(roles & VB_ROLE_PURPOSE))
        missing_part(c, "ND-PURPOSE", body, "kế hoạch thiếu phần mục đích, yêu cầu",
                     "the plan states no purpose and requirements");
    if ((required & VB_PART_TASKS) && !has_tasks_block)
        missing_part(c, "ND-TASKS", body,
                     "thiếu nhiệm vụ giao cho cơ quan, đơn vị cụ thể: dùng khối `nhiem_vu` (don_vi, viec, han); muốn in thành bảng thì thêm `trinh_bay: bang` (hoặc `trinh_bay: phu_luc`), không gõ lại nhiệm vụ trong một `bang`",
                     "no tasks assigned to named agencies: use a `nhiem_vu` block (don_vi, viec, han); to print it as a table add `trinh_bay: bang` (or `trinh_bay: phu_luc`) rather than typing the tasks into a `bang`");
    if ((required & VB_PART_ORGANISATION) && !(roles & VB_ROLE_ORGANISATION))
        missing_part(c, "ND-ORGANISATION", body, "kế hoạch thiếu phần tổ chức thực hiện",
                     "the plan says nothing of its implementation (tổ chức thực hiện)");
    if ((required & VB_PART_CONCLUSIONS) && !has_text && !(roles & VB_ROLE_CONCLUSION))
        missing_part(c, "ND-CONCLUSIONS", body, "thông báo kết luận thiếu nội dung kết luận",
                     "the notice states no conclusions");

    vb_validate_tasks(doc, c->diags);
}

/* ---- ô 9b: Nơi nhận ---- */

/* "Như Điều 5" names the article that sends the document to its recipients: it must be one
 * of the document's own (a QĐ with three Điều has no Điều 5). Checked when the body has Điều;
 * without any, ND-ARTICLES says what is wrong. */
static void check_articles_named(checker *c)
{
    const vb_document *doc = c->doc;
    int articles = 0;
    for (const vb_node *n = doc->body->first_child; n; n = vb_node_next_preorder(n, doc->body))
        if (n->kind == VB_NODE_SECTION && n->level == VB_LEVEL_DIEU && n->ordinal > articles)
            articles = n->ordinal;
    if (articles == 0)
        return;
    for (size_t i = 0; i < doc->recipients.count; i++) {
        const char *t = doc->recipients.items[i].text;
        if (t[0] == '-' && t[1] == ' ')
            t += 2;
        if (!starts_with(t, "Như Điều") && !starts_with(t, "như Điều") && !starts_with(t, "Như điều"))
            continue;
        /* "Như Điều 3", "Như Điều 2, 3", "Như Điều 2 và Điều 3". */
        const char *p = t + strlen("Như Điều");
        while (*p) {
            while (*p && !isdigit((unsigned char)*p) && *p != '(')
                p++;
            if (!isdigit((unsigned char)*p))
                break;
            char *end;
            long n = strtol(p, &end, 10);
            p = end;
            if (n < 1 || n > articles) {
                vb_diag(c->diags, VB_SEV_ERROR, doc->recipients.items[i].pos, "NN-NHU-DIEU",
                        VI_EN("\"Như Điều %ld\": văn bản chỉ có %d Điều", "\"Như Điều %ld\": the document has only %d articles (Điều)"),
                        n, articles);
                break;
            }
        }
    }
}

static void check_recipients(checker *c)
{
    const vb_lines *r = &c->doc->recipients;
    vb_pos at = r->pos.line ? r->pos : c->doc->root_pos;
    if (r->count == 0) {
        vb_diag(c->diags, VB_SEV_ERROR, at, "NN-REQUIRED",
                VI_EN("nơi nhận trống", "the recipient list is empty"));
        return;
    }
    for (size_t i = 0; i < r->count; i++) {
        const char *t = r->items[i].text;
        if (t[0] == '-' && t[1] == ' ')
            t += 2;
        if ((starts_with(t, "Như trên") || starts_with(t, "như trên")) && c->doc->addressees.count == 0)
            vb_diag(c->diags, VB_SEV_ERROR, r->items[i].pos, "NN-NHU-TREN",
                    VI_EN("\"Như trên\" chỉ dùng khi văn bản có \"Kính gửi\"",
                          "\"Như trên\" (as above) needs a \"Kính gửi\" to refer to"));
    }
    check_articles_named(c);
    const vb_text *last = &r->items[r->count - 1];
    const char *t = last->text;
    if (t[0] == '-' && t[1] == ' ')
        t += 2;
    if (!starts_with(t, "Lưu")) {
        vb_diag(c->diags, VB_SEV_ERROR, last->pos, "NN-LUU",
                VI_EN("dòng cuối nơi nhận phải là dòng lưu: %s", "the last recipient line must be the archive line: %s"),
                c->party ? "\"Lưu Văn phòng …\"" : "\"Lưu: VT, …\"");
        return;
    }
    int colon = starts_with(t, "Lưu:");
    int vt = strstr(t, "VT") != NULL;
    if (!c->party && !(colon && vt)) {
        vb_diag(c->diags, VB_SEV_WARNING, last->pos, "NN-LUU-FORM",
                VI_EN("dòng lưu viết \"Lưu: VT, <đơn vị soạn thảo>\", không phải \"%s\"",
                      "the archive line reads \"Lưu: VT, <drafting unit>\", not \"%s\""),
                t);
        /* "Lưu VT, VP": only the colon is missing, and that one form is certain. */
        if (!colon && starts_with(t, "Lưu VT"))
            vb_fix_in_scalar(c->diags, last->pos, last->text,
                             (size_t)(t - last->text) + strlen("Lưu"), 0, ":");
    } else if (c->party && (colon || vt))
        vb_diag(c->diags, VB_SEV_WARNING, last->pos, "NN-LUU-FORM",
                VI_EN("văn bản của Đảng ghi \"Lưu Văn phòng …\" (không có dấu hai chấm, không có VT), không phải \"%s\"",
                      "a Party document writes \"Lưu Văn phòng …\" (no colon, no VT), not \"%s\""),
                t);
}

/* ---- ô 7: the signature ---- */

typedef struct {
    const char *written; /* as it must be written */
    int party;
    int collective;      /* TM.: a collective body follows */
    int deputy;          /* KT.: a deputy title line follows */
} mark_kind;

static const mark_kind marks[] = {
    {"TM. ", 0, 1, 0}, {"KT. ", 0, 0, 1}, {"TL. ", 0, 0, 0}, {"TUQ. ", 0, 0, 0}, {"Q. ", 0, 0, 0},
    {"T/M ", 1, 1, 0}, {"K/T ", 1, 0, 1}, {"T/L ", 1, 0, 0},
};

/* Marks written almost right ("T.M.", "Tm.", "TM ", "TM.ỦY" …), with the mark each means in
 * the state format and in the Party format. */
static const struct {
    const char *typo;
    const char *state, *party;
} near_marks[] = {
    {"T.M. ", "TM. ", "T/M "}, {"T.M ", "TM. ", "T/M "}, {"Tm. ", "TM. ", "T/M "},
    {"TM ", "TM. ", "T/M "},   {"K.T. ", "KT. ", "K/T "}, {"KT ", "KT. ", "K/T "},
    {"Kt. ", "KT. ", "K/T "},  {"T.L. ", "TL. ", "T/L "}, {"TL ", "TL. ", "T/L "},
    {"T/UQ ", "TUQ. ", "T/L "}, {"TUQ ", "TUQ. ", "T/L "}, {"TM/ ", "TM. ", "T/M "},
    {"T/M. ", "TM. ", "T/M "}, {"K/T. ", "KT. ", "K/T "}, {"T/L. ", "TL. ", "T/L "},
    {"TM.", "TM. ", "T/M "},   {"KT.", "KT. ", "K/T "},   {"TL.", "TL. ", "T/L "},
    {"TUQ.", "TUQ. ", "T/L "}, {"T/M", "TM. ", "T/M "},   {"K/T", "KT. ", "K/T "},
    {"T/L", "TL. ", "T/L "},   {"K.T ", "KT. ", "K/T "},  {"T.L ", "TL. ", "T/L "},
    {"K.T.", "KT. ", "K/T "},  {"T.M.", "TM. ", "T/M "},  {"T.L.", "TL. ", "T/L "},
    {"Q.", "Q. ", "Q. "},      {"Q ", "Q. ", "Q. "},
};

/* Personal titles: what must not follow TM. / T/M. */
static const char *const personal_titles[] = {
    "CHỦ TỊCH", "PHÓ CHỦ TỊCH", "GIÁM ĐỐC", "PHÓ GIÁM ĐỐC", "TỔNG GIÁM ĐỐC", "BỘ TRƯỞNG",
    "THỨ TRƯỞNG", "THỦ TƯỚNG", "CHÁNH VĂN PHÒNG", "TRƯỞNG BAN", "PHÓ TRƯỞNG BAN", "BÍ THƯ",
    "PHÓ BÍ THƯ", "VIỆN TRƯỞNG", "HIỆU TRƯỞNG", "CỤC TRƯỞNG", "VỤ TRƯỞNG", "CHÁNH THANH TRA",
    "TRƯỞNG PHÒNG", "THỦ TRƯỞNG", "TỔNG CỤC TRƯỞNG", NULL};

/* Whether a signer's name begins with a học hàm or học vị: its first word, cut at its dots,
 * begins with their abbreviations ("PGS.TS.", "ThS.", "BSCKII.", "TS", "ThS.Nguyễn"). */
static int starts_with_degree(const char *name)
{
    static const char *const degrees[] = {"gs",    "pgs",   "ts",   "tskh",   "ths",    "ks",
                                          "kts",   "cn",    "ncs",  "bs",     "bsck",   "bscki",
                                          "bsckii", "bsck1", "bsck2", "ds",    "dscki",  "dsckii",
                                          "bsnt",  NULL};
    size_t word = strcspn(name, " \t");
    int parts = 0;
    for (size_t i = 0; i < word;) {
        size_t n = strcspn(name + i, ".");
        if (n > word - i)
            n = word - i;
        if (n > 0) {
            size_t d = 0;
            while (degrees[d] && !(strlen(degrees[d]) == n && strncasecmp(name + i, degrees[d], n) == 0))
                d++;
            if (!degrees[d])
                return parts > 0; /* "ThS.Nguyễn": the name follows without a space */
            parts++;
        }
        i += n + 1;
    }
    /* A bare abbreviation counts only before a name ("TS Nguyễn Văn A"), not as the name. */
    return parts > 0 && name[word] != '\0';
}

static int is_deputy_title(const char *line)
{
    return starts_with(line, "PHÓ ") || starts_with(line, "THỨ TRƯỞNG") || strstr(line, " PHÓ ") != NULL;
}

static void check_signer(checker *c, const vb_signer *s)
{
    /* The lines of the block in order: quyền hạn lines, then chức vụ. */
    const char *lines[16];
    vb_pos where[16];
    size_t n = 0;
    for (size_t i = 0; i < s->authority.count && n < 15; i++) {
        lines[n] = s->authority.items[i].text;
        where[n++] = s->authority.items[i].pos;
    }
    if (s->title.text) {
        lines[n] = s->title.text;
        where[n++] = s->title.pos;
    }
    for (size_t i = 0; i < n; i++) {
        char *upper = vb_upper_vi(lines[i]);
        const mark_kind *mark = NULL;
        size_t mark_len = 0;
        for (size_t m = 0; m < sizeof marks / sizeof *marks; m++)
            if (starts_with(upper, marks[m].written))
                mark = &marks[m];
        if (mark)
            mark_len = strlen(mark->written);
        if (!mark) {
            /* Written almost right: say how, then check it as the mark it means. */
            for (size_t m = 0; m < sizeof near_marks / sizeof *near_marks && !mark; m++) {
                const char *typo = near_marks[m].typo;
                size_t tl = strlen(typo);
                if (!starts_with(lines[i], typo) || (typo[tl - 1] != ' ' && lines[i][tl] == ' '))
                    continue;
                const char *means = c->party ? near_marks[m].party : near_marks[m].state;
                /* The fix-it: the whole line as it must be written. */
                const char *rest = lines[i] + tl;
                while (*rest == ' ')
                    rest++;
                vb_diag(c->diags, VB_SEV_ERROR, where[i], "KY-MARK-FORM",
                        VI_EN("viết \"%s%s\" (ký hiệu \"%.*s\"), không phải \"%s\"",
                              "write \"%s%s\" (the mark \"%.*s\"), not \"%s\""),
                        means, rest, (int)strlen(means) - 1, means, lines[i]);
                /* The mark as typed, with the spaces after it, becomes the mark. */
                vb_fix_in_scalar(c->diags, where[i], lines[i], 0, (size_t)(rest - lines[i]), means);
                for (size_t k = 0; k < sizeof marks / sizeof *marks; k++)
                    if (strcmp(marks[k].written, means) == 0)
                        mark = &marks[k];
                mark_len = tl;
            }
            if (!mark) {
                free(upper);
                continue;
            }
        } else if (!starts_with(lines[i], mark->written)) {
            vb_diag(c->diags, VB_SEV_ERROR, where[i], "KY-MARK-FORM",
                    VI_EN("viết ký hiệu quyền hạn bằng chữ in hoa: \"%s%s\"", "write the mark in capitals: \"%s%s\""),
                    mark->written, lines[i] + strlen(mark->written));
            /* The marks are ASCII: the capitals take the bytes of the letters typed. */
            vb_fix_in_scalar(c->diags, where[i], lines[i], 0, strlen(mark->written), mark->written);
        }
        if (mark->party != c->party) {
            vb_diag(c->diags, VB_SEV_ERROR, where[i], "KY-MARK",
                    VI_EN("\"%.*s\" là cách ghi của %s; văn bản %s ghi %s",
                          "\"%.*s\" is the %s convention; a %s document writes %s"),
                    (int)strlen(mark->written) - 1, mark->written,
                    mark->party ? (c->en ? "Party" : "văn bản của Đảng") : (c->en ? "state" : "văn bản hành chính"),
                    c->party ? (c->en ? "Party" : "của Đảng") : (c->en ? "state" : "hành chính"),
                    c->party ? "T/M, K/T, T/L" : "TM., KT., TL., TUQ., Q.");
            free(upper);
            continue;
        }
        const char *rest = upper + mark_len;
        while (*rest == ' ')
            rest++;
        if (mark->collective) {
            for (size_t t = 0; personal_titles[t]; t++) {
                size_t tl = strlen(personal_titles[t]);
                /* "TM. CHỦ TỊCH" and "TM. CHỦ TỊCH ỦY BAN …" both name a person. */
                if (strncmp(rest, personal_titles[t], tl) == 0 && (rest[tl] == '\0' || rest[tl] == ' ')) {
                    vb_diag(c->diags, VB_SEV_ERROR, where[i], "KY-TM-COLLECTIVE",
                            VI_EN("\"%.*s\" đứng trước tên tập thể (ỦY BAN NHÂN DÂN, BAN THƯỜNG VỤ, …), không trước chức vụ \"%s\"",
                                  "\"%.*s\" stands before a collective body (ỦY BAN NHÂN DÂN, BAN THƯỜNG VỤ, …), not the title \"%s\""),
                            (int)strlen(mark->written) - 1, mark->written, rest);
                    break;
                }
            }
        }
        if (mark->deputy) {
            /* The head's title may go on over a second line before the deputy's title. */
            int found = 0;
            for (size_t k = i + 1; k < n && !found; k++) {
                char *later = vb_upper_vi(lines[k]);
                found = is_deputy_title(later);
                free(later);
            }
            if (!found)
                vb_diag(c->diags, VB_SEV_ERROR, where[i], "KY-KT-DEPUTY",
                        VI_EN("sau \"%.*s\" phải có dòng chức vụ cấp phó của người ký (ví dụ PHÓ CHỦ TỊCH)",
                              "\"%.*s\" must be followed by the deputy's title line (e.g. PHÓ CHỦ TỊCH)"),
                        (int)strlen(mark->written) - 1, mark->written);
        }
        free(upper);
    }
    if (s->name.text && starts_with_degree(s->name.text))
        vb_diag(c->diags, VB_SEV_WARNING, s->name.pos, "KY-NAME",
                VI_EN("không ghi học hàm, học vị trước họ tên người ký (\"%s\")",
                      "no academic title before the signer's name (\"%s\")"),
                s->name.text);
}

void vb_validate(const vb_document *doc, const vb_validate_options *options, vb_diagnostics *diags)
{
    static const vb_validate_options defaults = {0};
    checker c = {doc,
                 doc->type_code.text ? vb_doctype_find(doc->type_code.text, doc->format) : NULL,
                 options ? options : &defaults,
                 diags,
                 doc->format == VB_FORMAT_PARTY,
                 diags->lang == VB_LANG_EN};
    check_header(&c);
    check_parts(&c);
    check_recipients(&c);
    for (size_t i = 0; i < doc->signer_count; i++)
        check_signer(&c, &doc->signers[i]);
    vb_validate_tables(doc, !c.opt->tables_read_by_writer, diags);
    vb_validate_parts(doc, diags);
}
