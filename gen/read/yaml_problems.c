#include "yaml_problems.h"

#include <string.h>

#include <unicode/utf8.h>

/* Every problem and context text of libyaml 0.2 (scanner.c, parser.c, reader.c). */
static const vb_yaml_problem_text texts[] = {
    /* Problems. */
    {"found character that cannot start any token",
     "có ký tự không thể mở đầu một thành phần YAML (ví dụ @ hoặc ` ở đầu giá trị: hãy đặt giá trị trong ngoặc kép)"},
    {"found a tab character that violates indentation",
     "có ký tự tab làm sai thụt lề (YAML chỉ thụt lề bằng dấu cách)"},
    {"found a tab character where an indentation space is expected",
     "có ký tự tab ở chỗ cần dấu cách để thụt lề"},
    {"mapping values are not allowed in this context",
     "không được có \"khóa: giá trị\" ở đây (một dấu hai chấm và dấu cách trong giá trị? hãy đặt giá trị trong ngoặc kép)"},
    {"mapping keys are not allowed in this context", "không được có khóa ở đây"},
    {"block sequence entries are not allowed in this context",
     "không được có mục danh sách \"- \" ở đây (thụt lề sai?)"},
    {"could not find expected ':'", "thiếu dấu hai chấm \":\" sau khóa"},
    {"did not find expected key", "thiếu khóa ở chỗ này (thụt lề không khớp với các khóa phía trên?)"},
    {"did not find expected node content", "thiếu giá trị ở chỗ này"},
    {"did not find expected '-' indicator", "thiếu dấu \"-\" của mục danh sách (thụt lề không khớp?)"},
    {"did not find expected ',' or ']'", "thiếu dấu phẩy \",\" hoặc dấu đóng \"]\" của danh sách"},
    {"did not find expected ',' or '}'", "thiếu dấu phẩy \",\" hoặc dấu đóng \"}\" của ánh xạ"},
    {"found unexpected end of stream", "tệp kết thúc khi chưa đóng (thiếu dấu ngoặc kép đóng?)"},
    {"found unexpected document indicator", "có dấu phân cách tài liệu \"---\" hoặc \"...\" ở giữa một giá trị"},
    {"found unknown escape character", "có chuỗi thoát \\ không hợp lệ trong ngoặc kép (muốn viết \\ thì dùng \\\\ hoặc ngoặc đơn)"},
    {"found invalid Unicode character escape code", "có mã ký tự Unicode \\u không hợp lệ"},
    {"did not find expected hexdecimal number", "thiếu chữ số thập lục phân sau \\x, \\u hoặc \\U"},
    {"found unexpected ':'", "có dấu hai chấm \":\" không đúng chỗ"},
    {"found undefined tag handle", "có thẻ ! chưa được khai báo"},
    {"did not find expected tag URI", "thiếu địa chỉ URI của thẻ"},
    {"did not find URI escaped octet", "thiếu byte thoát % trong URI"},
    {"found an incorrect leading UTF-8 octet", "có byte đầu UTF-8 sai trong URI"},
    {"found an incorrect trailing UTF-8 octet", "có byte sau UTF-8 sai trong URI"},
    {"did not find expected '!'", "thiếu dấu \"!\" của thẻ"},
    {"did not find the expected '>'", "thiếu dấu \">\" đóng thẻ"},
    {"did not find expected alphabetic or numeric character", "thiếu chữ cái hoặc chữ số (sau & hoặc * của neo, bí danh)"},
    {"did not find expected whitespace or line break", "thiếu dấu cách hoặc xuống dòng"},
    {"did not find expected whitespace", "thiếu dấu cách"},
    {"did not find expected comment or line break", "thiếu chú thích hoặc xuống dòng sau chỉ dẫn khối"},
    {"found an indentation indicator equal to 0", "chỉ dẫn thụt lề của khối bằng 0"},
    {"found unknown directive name", "có chỉ thị % không xác định"},
    {"could not find expected directive name", "thiếu tên chỉ thị sau %"},
    {"found unexpected non-alphabetical character", "có ký tự không phải chữ cái trong tên chỉ thị"},
    {"did not find expected digit or '.' character", "thiếu chữ số hoặc dấu chấm trong số phiên bản"},
    {"did not find expected version number", "thiếu số phiên bản YAML"},
    {"found extremely long version number", "số phiên bản YAML quá dài"},
    {"found incompatible YAML document", "tài liệu YAML thuộc phiên bản không tương thích"},
    {"found duplicate %YAML directive", "chỉ thị %YAML bị lặp"},
    {"found duplicate %TAG directive", "chỉ thị %TAG bị lặp"},
    {"did not find expected <document start>", "thiếu dấu mở đầu tài liệu \"---\""},
    {"did not find expected <stream-start>", "không đọc được phần đầu tệp"},
    {"control characters are not allowed", "tệp có ký tự điều khiển (không in được)"},
    {"invalid leading UTF-8 octet", "byte UTF-8 mở đầu không hợp lệ"},
    {"incomplete UTF-8 octet sequence", "chuỗi byte UTF-8 bị cắt dở"},
    {"invalid trailing UTF-8 octet", "byte UTF-8 tiếp theo không hợp lệ"},
    {"invalid length of a UTF-8 sequence", "độ dài chuỗi byte UTF-8 không hợp lệ"},
    {"invalid Unicode character", "ký tự Unicode không hợp lệ"},
    {"incomplete UTF-16 character", "ký tự UTF-16 bị cắt dở"},
    {"incomplete UTF-16 surrogate pair", "cặp thay thế UTF-16 bị cắt dở"},
    {"unexpected low surrogate area", "có nửa sau của cặp thay thế UTF-16 không đúng chỗ"},
    {"expected low surrogate area", "thiếu nửa sau của cặp thay thế UTF-16"},
    {"input is too long", "tệp quá dài"},
    {"input error", "lỗi đọc tệp"},
    {"block collection start", "chỗ bắt đầu khối"},

    /* Contexts. */
    {"while scanning a simple key", "khi đọc một khóa"},
    {"while scanning a plain scalar", "khi đọc một giá trị không có ngoặc kép"},
    {"while scanning a quoted scalar", "khi đọc một giá trị trong ngoặc kép"},
    {"while scanning a block scalar", "khi đọc một khối chữ | hoặc >"},
    {"while scanning an anchor", "khi đọc một neo &"},
    {"while scanning an alias", "khi đọc một bí danh *"},
    {"while scanning a tag", "khi đọc một thẻ !"},
    {"while scanning a directive", "khi đọc một chỉ thị %"},
    {"while scanning a %YAML directive", "khi đọc chỉ thị %YAML"},
    {"while scanning a %TAG directive", "khi đọc chỉ thị %TAG"},
    {"while scanning a tag directive", "khi đọc chỉ thị %TAG"},
    {"while scanning for the next token", "khi tìm thành phần tiếp theo"},
    {"while parsing a block mapping", "khi đọc một ánh xạ khóa: giá trị"},
    {"while parsing a block collection", "khi đọc một danh sách hoặc ánh xạ"},
    {"while parsing a block node", "khi đọc một giá trị"},
    {"while parsing a flow sequence", "khi đọc một danh sách [ ]"},
    {"while parsing a flow mapping", "khi đọc một ánh xạ { }"},
    {"while parsing a flow node", "khi đọc một giá trị trong [ ] hoặc { }"},
    {"while parsing a node", "khi đọc một giá trị"},
    {"while parsing a tag", "khi đọc một thẻ !"},
    {"while parsing a tag directive", "khi đọc chỉ thị %TAG"},
    {"while parsing a %TAG directive", "khi đọc chỉ thị %TAG"},
    {"while parsing a quoted scalar", "khi đọc một giá trị trong ngoặc kép"},
    {"while parsing", "khi đọc"},
};

const vb_yaml_problem_text *vb_yaml_problem_texts(size_t *count)
{
    *count = sizeof texts / sizeof *texts;
    return texts;
}

const char *vb_yaml_problem_vi(const char *libyaml_text)
{
    for (size_t i = 0; libyaml_text && i < sizeof texts / sizeof *texts; i++)
        if (strcmp(texts[i].libyaml, libyaml_text) == 0)
            return texts[i].vi;
    return NULL;
}

/* The first character YAML does not allow in a stream (YAML 1.1 §5.1: c-printable is tab,
 * line feed, carriage return, U+0020–U+007E, U+0085, U+00A0–U+D7FF, U+E000–U+FFFD and above;
 * a byte order mark only at the start), with its line and column (in characters). */
static int first_unprintable(const unsigned char *text, size_t len, unsigned *line, unsigned *column,
                             UChar32 *found)
{
    unsigned l = 1, col = 1;
    for (int32_t i = 0; (size_t)i < len;) {
        int32_t start = i;
        UChar32 c;
        U8_NEXT(text, i, (int32_t)len, c);
        int bom_inside = c == 0xFEFF && start > 0;
        int printable = c == '\t' || c == '\n' || c == '\r' || (c >= 0x20 && c <= 0x7E) ||
                        c == 0x85 || (c >= 0xA0 && c <= 0xD7FF) ||
                        (c >= 0xE000 && c <= 0xFFFD && !bom_inside) || c >= 0x10000;
        if (!printable) {
            *line = l;
            *column = col;
            *found = c;
            return 1;
        }
        if (c == '\n') {
            l++;
            col = 1;
        } else {
            col++;
        }
    }
    return 0;
}

/* Whether `mark` is a tab in its line's indentation. The mark counts characters; the
 * indentation is ASCII, so within it the column is a byte count from the line's start. */
static int tab_in_indentation(const unsigned char *text, const unsigned char *end, yaml_mark_t mark)
{
    const unsigned char *line = text;
    for (size_t l = 0; l < mark.line && line < end; l++) {
        const unsigned char *nl = memchr(line, '\n', (size_t)(end - line));
        line = nl ? nl + 1 : end;
    }
    if (line + mark.column >= end || line[mark.column] != '\t')
        return 0;
    for (size_t k = 0; k < mark.column; k++)
        if (line[k] != ' ' && line[k] != '\t')
            return 0;
    return 1;
}

void vb_yaml_syntax_error(vb_diagnostics *diags, const char *file, const yaml_parser_t *parser)
{
    vb_pos p = {file, (unsigned)parser->problem_mark.line + 1, (unsigned)parser->problem_mark.column + 1};
    const char *problem = parser->problem ? parser->problem : "unknown error";
    const unsigned char *text = parser->input.string.start, *end = parser->input.string.end;
    /* libyaml places "control characters are not allowed" where its reading stopped, often
     * 1:1; the character itself is what to point at, and to name. */
    if (text && strcmp(problem, "control characters are not allowed") == 0) {
        vb_pos at = p;
        UChar32 c = 0;
        if (first_unprintable(text, (size_t)(end - text), &at.line, &at.column, &c)) {
            vb_diag(diags, VB_SEV_ERROR, at, "YAML-SYNTAX",
                    "YAML sai cú pháp: YAML không cho phép ký tự điều khiển U+%04X ở đây; hãy xoá nó",
                    "YAML syntax error: YAML allows no control character here (U+%04X); delete it",
                    (unsigned)c);
            return;
        }
    }
    /* libyaml names no tab when one opens a line ("cannot start any token"): a tab pasted from
     * an editor is the usual cause, and the fix is to say so. */
    if (text && strcmp(problem, "found character that cannot start any token") == 0 &&
        tab_in_indentation(text, end, parser->problem_mark)) {
        vb_diag(diags, VB_SEV_ERROR, p, "YAML-SYNTAX",
                "YAML sai cú pháp: dòng này thụt lề bằng dấu tab; YAML chỉ thụt lề bằng dấu cách",
                "YAML syntax error: this line is indented with a tab; YAML indents with spaces only");
        return;
    }
    int vi = diags->lang == VB_LANG_VI;
    const char *problem_vi = vb_yaml_problem_vi(problem);
    const char *context_vi = vb_yaml_problem_vi(parser->context);
    /* A text this table does not know (a newer libyaml) is quoted as libyaml says it. */
    char unknown_problem[256], unknown_context[256];
    if (!problem_vi) {
        snprintf(unknown_problem, sizeof unknown_problem, "lỗi không rõ (libyaml: \"%s\")", problem);
        problem_vi = unknown_problem;
    }
    if (parser->context && !context_vi) {
        snprintf(unknown_context, sizeof unknown_context, "libyaml: \"%s\"", parser->context);
        context_vi = unknown_context;
    }
    if (parser->context)
        vb_diag(diags, VB_SEV_ERROR, p, "YAML-SYNTAX", "YAML sai cú pháp: %s; lỗi gặp %s bắt đầu ở dòng %u",
                "YAML syntax error: %s (%s, from line %u)", vi ? problem_vi : problem,
                vi ? context_vi : parser->context, (unsigned)parser->context_mark.line + 1);
    else
        vb_diag(diags, VB_SEV_ERROR, p, "YAML-SYNTAX", "YAML sai cú pháp: %s", "YAML syntax error: %s",
                vi ? problem_vi : problem);
}
