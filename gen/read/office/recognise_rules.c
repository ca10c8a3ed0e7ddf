#include "recognise_rules.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "viet/text.h"

/* In reading order of the page: the header first (ô 1–5, ô 10), then ô 9a, the preamble,
 * the headings of ô 6 (NĐ30 PL I §II.6), ô 9b and the appendices (§III.1). */
static const vb_recognise_rule rules[] = {
    {"ô 1: Quốc hiệu", VB_EL_NATIONAL_TITLE, RM_EXACT_UPPER,
     "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM|CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM|ĐẢNG CỘNG SẢN VIỆT NAM", 1},
    {"ô 1: Tiêu ngữ", VB_EL_MOTTO, RM_CONTAINS_ALL, "Độc lập|Tự do|Hạnh phúc", 1},
    {"ô 3: số, ký hiệu", VB_EL_NUMBER, RM_NUMBER_LINE, "Số:|Số", 1},
    {"ô 4: địa danh và thời gian", VB_EL_DATE_LINE, RM_DATE_LINE, "ngày|tháng|năm", 1},
    {"ô 5b: trích yếu công văn", VB_EL_CONG_VAN_SUBJECT, RM_PREFIX, "V/v |V/v:|Về việc ", 1},
    {"ô 10a: độ mật", VB_EL_SECRECY, RM_EXACT_UPPER, "MẬT|TỐI MẬT|TUYỆT MẬT", 1},
    {"ô 10b: độ khẩn", VB_EL_URGENCY, RM_EXACT_UPPER, "KHẨN|THƯỢNG KHẨN|HỎA TỐC|HOẢ TỐC", 1},
    {"ô 2: dấu sao dưới tên cơ quan (Đảng)", VB_EL_ISSUER_MARK, RM_EXACT_UPPER, "*", 1},
    {"ô 9a: Kính gửi", VB_EL_ADDRESSEE, RM_PREFIX, "Kính gửi", 0},
    {"ô 6: căn cứ ban hành", VB_EL_LEGAL_BASIS, RM_PREFIX, "Căn cứ |Theo đề nghị |Xét đề nghị |Xét tờ trình ", 0},
    {"ô 6: lời dẫn (QUYẾT ĐỊNH:)", VB_EL_PREAMBLE_CLOSE, RM_EXACT_UPPER,
     "QUYẾT ĐỊNH:|QUYẾT NGHỊ:|NGHỊ QUYẾT:|CHỈ THỊ:|KẾT LUẬN:|BAN HÀNH:", 0},
    {"ô 9b: Nơi nhận", VB_EL_RECIPIENTS_HEADING, RM_PREFIX_UPPER, "NƠI NHẬN", 0},
    {"Phụ lục (PL I §III.1.b)", VB_EL_APPENDIX_LABEL, RM_APPENDIX, "Phụ lục|PHỤ LỤC", 0},
    {"Phụ lục: dòng Kèm theo (PL I §III.1.c)", VB_EL_APPENDIX_NOTE, RM_PREFIX, "(Kèm theo", 0},
    {"Văn bản kèm theo: dòng Ban hành kèm theo (PL III Mẫu 1.3)", VB_EL_APPENDIX_NOTE, RM_PREFIX,
     "(Ban hành kèm theo", 0},
    /* The labels are the contact table's (below): "Địa chỉ: …; ĐT: …; E-mail: …". */
    {"ô 13: địa chỉ, điện thoại, thư điện tử (PL I §III.4)", VB_EL_CONTACT, RM_CONTACT, "", 0},
    {"ô 6: Phần, Chương (§II.6.a)", VB_EL_PART, RM_WORD_LABEL, "Phần |PHẦN |Chương |CHƯƠNG ", 0},
    {"ô 6: Điều (§II.6.a)", VB_EL_ARTICLE, RM_WORD_LABEL, "Điều ", 0},
    {"ô 6: mục I. (§II.6.b)", VB_EL_SECTION, RM_ROMAN_LABEL, ".|-", 0},
    {"ô 6: khoản 1. (§II.6.b)", VB_EL_CLAUSE, RM_ARABIC_LABEL, ".", 0},
    {"ô 6: điểm a) (§II.6.b)", VB_EL_POINT, RM_LETTER_LABEL, ")", 0},
    {"ô 6: gạch đầu dòng - / +", VB_EL_BULLET, RM_BULLET, "-|–|•|+|", 0},
};

const vb_recognise_rule *vb_recognise_rules(size_t *count)
{
    *count = sizeof rules / sizeof *rules;
    return rules;
}

/* Calls `fn` on each '|'-separated pattern until it returns non-zero. */
static int each_pattern(const char *patterns, int (*fn)(const char *p, size_t n, void *ctx), void *ctx)
{
    const char *p = patterns;
    for (;;) {
        const char *bar = strchr(p, '|');
        size_t n = bar ? (size_t)(bar - p) : strlen(p);
        int r = n ? fn(p, n, ctx) : 0;
        if (r)
            return r;
        if (!bar)
            return 0;
        p = bar + 1;
    }
}

typedef struct {
    const char *text;
    size_t matched;
} match_ctx;

static int is_prefix(const char *p, size_t n, void *ctx)
{
    match_ctx *m = ctx;
    if (strncmp(m->text, p, n) == 0) {
        m->matched = n;
        return 1;
    }
    return 0;
}

static int is_equal(const char *p, size_t n, void *ctx)
{
    match_ctx *m = ctx;
    return strlen(m->text) == n && strncmp(m->text, p, n) == 0;
}

static int contains(const char *p, size_t n, void *ctx)
{
    match_ctx *m = ctx;
    char buf[64];
    if (n >= sizeof buf)
        return 0;
    memcpy(buf, p, n);
    buf[n] = '\0';
    return strstr(m->text, buf) == NULL; /* non-zero stops: a pattern is missing */
}

/* Upper-cased with runs of blanks as one space, trimmed (caller frees). */
static char *squeezed_upper(const char *text)
{
    char *u = vb_upper_vi(text);
    char *o = u;
    int blank = 1;
    for (const char *p = u; *p; p++) {
        int b = *p == ' ' || *p == '\t' || *p == '\n';
        if (b && blank)
            continue;
        *o++ = b ? ' ' : *p;
        blank = b;
    }
    while (o > u && o[-1] == ' ')
        o--;
    *o = '\0';
    return u;
}

static int roman_value(char c)
{
    switch (c) {
    case 'I': return 1;
    case 'V': return 5;
    case 'X': return 10;
    case 'L': return 50;
    case 'C': return 100;
    default: return 0;
    }
}

static size_t blanks(const char *s)
{
    size_t n = 0;
    while (s[n] == ' ' || s[n] == '\t' || (unsigned char)s[n] == 0xC2)
        n += (unsigned char)s[n] == 0xC2 ? (s[n + 1] == (char)0xA0 ? 2 : 1) : 1;
    return n;
}

static int suffix_at(const char *s, const char *suffixes, size_t *len)
{
    match_ctx m = {s, 0};
    if (!each_pattern(suffixes, is_prefix, &m))
        return 0;
    *len = m.matched;
    return 1;
}

/* A label followed by blanks and more text, or ending the paragraph (then own_line). */
static int label_end(const char *text, size_t i, vb_recognised *out)
{
    size_t b = blanks(text + i);
    if (!text[i + b]) {
        out->label_len = i + b;
        out->own_line = 1;
        return 1;
    }
    if (b == 0)
        return 0;
    out->label_len = i + b;
    return 1;
}

static int match_label(const vb_recognise_rule *r, const char *text, vb_recognised *out)
{
    size_t i = 0, n;
    switch (r->match) {
    case RM_WORD_LABEL: {
        match_ctx m = {text, 0};
        if (!each_pattern(r->patterns, is_prefix, &m))
            return 0;
        i = m.matched;
        size_t start = i;
        while (isdigit((unsigned char)text[i]) || roman_value(text[i]))
            i++;
        if (i == start || i - start > 8)
            return 0;
        if (text[i] == '.' || text[i] == ':')
            i++;
        out->depth = 1;
        return label_end(text, i, out);
    }
    case RM_ROMAN_LABEL:
        while (roman_value(text[i]))
            i++;
        if (i == 0 || i > 7 || !suffix_at(text + i, r->patterns, &n))
            return 0;
        out->depth = 1;
        return label_end(text, i + n, out) && !out->own_line;
    case RM_ARABIC_LABEL: {
        int depth = 0;
        for (;;) {
            size_t start = i;
            while (isdigit((unsigned char)text[i]))
                i++;
            if (i == start || i - start > 3)
                return 0;
            depth++;
            if (!suffix_at(text + i, r->patterns, &n))
                return 0;
            i += n;
            if (!isdigit((unsigned char)text[i]))
                break;
        }
        out->depth = depth;
        return label_end(text, i, out) && !out->own_line;
    }
    case RM_LETTER_LABEL:
        if (text[0] >= 'a' && text[0] <= 'z')
            i = 1;
        else if (strncmp(text, "đ", strlen("đ")) == 0)
            i = strlen("đ");
        else
            return 0;
        if (!suffix_at(text + i, r->patterns, &n))
            return 0;
        out->depth = 1;
        return label_end(text, i + n, out) && !out->own_line;
    case RM_BULLET: {
        match_ctx m = {text, 0};
        if (!each_pattern(r->patterns, is_prefix, &m))
            return 0;
        size_t b = blanks(text + m.matched);
        if (b == 0 || !text[m.matched + b])
            return 0;
        out->label_len = m.matched + b;
        out->bullet_level = text[0] == '+' ? 2 : 1;
        return 1;
    }
    default:
        return 0;
    }
}

static int match_number_line(const vb_recognise_rule *r, const char *text)
{
    match_ctx m = {text, 0};
    if (!each_pattern(r->patterns, is_prefix, &m))
        return 0;
    const char *p = text + m.matched;
    int digits = 0, blank = 0;
    while (*p && *p != '/' && *p != '-') {
        if (isdigit((unsigned char)*p))
            digits++;
        else if (*p == ' ' || *p == '.' || *p == '\t' || (unsigned char)*p >= 0x80 || *p == '_')
            blank++;
        else
            return 0;
        p++;
    }
    return (*p == '/' || *p == '-') && p[1] != '\0' && (digits || blank);
}

static int match_date_line(const char *text)
{
    const char *ngay = strstr(text, "ngày");
    if (!ngay)
        return 0;
    const char *thang = strstr(ngay, "tháng");
    const char *nam = thang ? strstr(thang, "năm") : NULL;
    if (!thang || !nam)
        return 0;
    /* "…, ngày" (a place before it) or the line starting with "ngày"; the year is digits. */
    const char *y = nam + strlen("năm");
    y += blanks(y);
    /* The year is digits, or left blank in a template ("năm ……"). */
    int year = isdigit((unsigned char)*y) || *y == '.' || *y == '_' || !strncmp(y, "…", strlen("…")) || !*y;
    return (ngay == text || strstr(text, ", ngày") || strstr(text, ",ngày")) && year && strlen(text) < 200;
}

/* ô 13's labels: what vanban prints (layout.c's contact_labels) first, then the other
 * spellings agencies use. */
static const struct {
    vb_contact_field field;
    const char *patterns; /* '|'-separated, compared as typed */
} contact_labels[] = {
    {VB_CONTACT_ADDRESS, "Địa chỉ:|Địa chỉ liên hệ:|Trụ sở:"},
    {VB_CONTACT_PHONE, "ĐT:|Điện thoại:|Đt:|Tel:"},
    {VB_CONTACT_FAX, "Fax:|FAX:"},
    {VB_CONTACT_EMAIL, "E-mail:|Email:|Thư điện tử:"},
    {VB_CONTACT_WEBSITE, "Website:|Cổng thông tin điện tử:|Trang thông tin điện tử:"},
};

int vb_contact_label_at(const char *text, size_t *len)
{
    for (size_t i = 0; i < sizeof contact_labels / sizeof *contact_labels; i++) {
        match_ctx m = {text, 0};
        if (each_pattern(contact_labels[i].patterns, is_prefix, &m)) {
            *len = m.matched + blanks(text + m.matched);
            return (int)contact_labels[i].field;
        }
    }
    return -1;
}

/* A contact label first, and another one after a separator ("; ", " - ", a line break). */
static int match_contact(const char *text)
{
    size_t len = 0;
    if (vb_contact_label_at(text, &len) < 0 || strlen(text) > 600)
        return 0;
    for (const char *p = text + len; *p; p++)
        if ((*p == ';' || *p == '-' || *p == '|' || *p == '\n' || *p == '\t') &&
            vb_contact_label_at(p + 1 + blanks(p + 1), &len) >= 0)
            return 1;
    return 0;
}

void vb_recognise_text(const char *text, int in_header, vb_recognised *out)
{
    memset(out, 0, sizeof *out);
    if (!text || !*text)
        return;
    char *upper = NULL;
    for (size_t i = 0; i < sizeof rules / sizeof *rules; i++) {
        const vb_recognise_rule *r = &rules[i];
        if (r->header_only && !in_header)
            continue;
        int hit = 0;
        match_ctx m = {text, 0};
        switch (r->match) {
        case RM_EXACT_UPPER:
            if (!upper)
                upper = squeezed_upper(text);
            m.text = upper;
            hit = each_pattern(r->patterns, is_equal, &m);
            break;
        case RM_PREFIX:
            hit = each_pattern(r->patterns, is_prefix, &m);
            break;
        case RM_PREFIX_UPPER:
            if (!upper)
                upper = squeezed_upper(text);
            m.text = upper;
            hit = each_pattern(r->patterns, is_prefix, &m);
            break;
        case RM_CONTAINS_ALL:
            hit = !each_pattern(r->patterns, contains, &m) && strlen(text) < 80;
            break;
        case RM_NUMBER_LINE:
            hit = match_number_line(r, text);
            break;
        case RM_DATE_LINE:
            hit = match_date_line(text);
            break;
        case RM_CONTACT:
            hit = match_contact(text);
            break;
        case RM_APPENDIX: {
            hit = each_pattern(r->patterns, is_prefix, &m);
            if (hit) {
                const char *p = text + m.matched;
                p += blanks(p);
                while (isdigit((unsigned char)*p) || roman_value(*p))
                    p++;
                p += blanks(p);
                hit = *p == '\0';
            }
            break;
        }
        default:
            hit = match_label(r, text, out);
            break;
        }
        if (hit) {
            out->rule = r;
            break;
        }
        out->label_len = 0;
        out->own_line = 0;
        out->depth = 0;
        out->bullet_level = 0;
    }
    free(upper);
}

/* The header texts of a task table's columns, upper-cased; the first of each is what
 * vanban prints (compose_tasks.c). */
static const struct {
    vb_task_column column;
    const char *patterns; /* '|'-separated */
    int required;
} task_columns[] = {
    {VB_TASK_COLUMN_STT, "STT|TT|SỐ TT", 1},
    {VB_TASK_COLUMN_ACTION, "NHIỆM VỤ|NỘI DUNG NHIỆM VỤ|NỘI DUNG CÔNG VIỆC", 1},
    {VB_TASK_COLUMN_AGENCY, "CHỦ TRÌ|CƠ QUAN CHỦ TRÌ|ĐƠN VỊ CHỦ TRÌ", 1},
    {VB_TASK_COLUMN_COORDINATOR, "PHỐI HỢP|CƠ QUAN PHỐI HỢP|ĐƠN VỊ PHỐI HỢP", 0},
    {VB_TASK_COLUMN_DEADLINE, "THỜI GIAN|THỜI HẠN|THỜI GIAN HOÀN THÀNH|THỜI HẠN HOÀN THÀNH", 0},
    {VB_TASK_COLUMN_PRODUCT, "SẢN PHẨM|SẢN PHẨM DỰ KIẾN", 0},
};

int vb_task_column_of(const char *header)
{
    char *upper = squeezed_upper(header);
    match_ctx m = {upper, 0};
    int found = -1;
    for (size_t i = 0; i < sizeof task_columns / sizeof *task_columns && found < 0; i++)
        if (each_pattern(task_columns[i].patterns, is_equal, &m))
            found = (int)task_columns[i].column;
    free(upper);
    return found;
}

int vb_task_column_required(vb_task_column column)
{
    for (size_t i = 0; i < sizeof task_columns / sizeof *task_columns; i++)
        if (task_columns[i].column == column)
            return task_columns[i].required;
    return 0;
}

int vb_recognise_same_text(const char *written, const char *read)
{
    while (*written && *read) {
        if (strncmp(written, "\xe2\x80\x91", 3) == 0 && *read == '-') {
            written += 3;
            read++;
        } else if (*written++ != *read++) {
            return 0;
        }
    }
    return *written == '\0' && *read == '\0';
}
