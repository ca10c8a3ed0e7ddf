/* What the XLSX and ODS readers share (see sheet_internal.h): error texts with the cell they
 * name, growing buffers, cell references, streaming a package part through xmlTextReader, and
 * handing each raw row on to sheet.c. */
#include "sheet_internal.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/model.h"

static int fail_v(vb_sheet *s, const char *where, const char *format, va_list args)
{
    if (s->error != NULL)
        return -1; /* the first error is the cause; later ones follow from it */
    char reason[768];
    vsnprintf(reason, sizeof reason, format, args);
    int n = snprintf(NULL, 0, "%s: %s%s", s->path, where, reason);
    s->error = vb_xmalloc((size_t)n + 1);
    snprintf(s->error, (size_t)n + 1, "%s: %s%s", s->path, where, reason);
    return -1;
}

int sheet_fail(vb_sheet *s, const char *vi, const char *en, ...)
{
    va_list args;
    va_start(args, en);
    /* Both formats take the same arguments, so either can consume the va_list. */
    fail_v(s, "", sheet_text(s, vi, en), args);
    va_end(args);
    return -1;
}

int sheet_fail_cell(vb_sheet *s, uint64_t row, uint64_t col, const char *vi, const char *en, ...)
{
    char cell[32], where[600];
    const char *name = s->sheet_name != NULL ? s->sheet_name : "?";
    sheet_cell_name(row, col, cell, sizeof cell);
    /* Excel's own notation in English (Sheet1!B3); words in Vietnamese. */
    snprintf(where, sizeof where, sheet_text(s, VI_EN("trang tính \"%s\", ô %s: ", "%s!%s: ")),
             name, cell);
    va_list args;
    va_start(args, en);
    fail_v(s, where, sheet_text(s, vi, en), args);
    va_end(args);
    return -1;
}

void sheet_fail_unknown(vb_sheet *s, const char *wanted, char *const *names, size_t count)
{
    char list[600];
    size_t len = 0;
    list[0] = '\0';
    for (size_t i = 0; i < count && len < sizeof list - 1; i++) {
        int n = snprintf(list + len, sizeof list - len, "%s\"%s\"", i > 0 ? ", " : "", names[i]);
        if (n < 0 || (size_t)n >= sizeof list - len) {
            snprintf(list + len, sizeof list - len, ", …");
            break;
        }
        len += (size_t)n;
    }
    if (count == 0)
        sheet_fail(s, VI_EN("không có trang tính \"%s\": tệp không có trang tính nào",
                            "no sheet \"%s\": the file has no sheets"), wanted);
    else
        sheet_fail(s, VI_EN("không có trang tính \"%s\"; các trang tính là %s",
                            "no sheet \"%s\"; the sheets are %s"), wanted, list);
}

/* ---- small helpers --------------------------------------------------------------------- */

void sheet_buf_add(sheet_buf *b, const char *s, size_t n)
{
    if (b->over || n == 0)
        return;
    if (b->limit > 0 && b->len + n > b->limit) {
        b->over = 1;
        return;
    }
    if (b->len + n + 1 > b->cap) {
        size_t cap = b->cap ? b->cap : 256;
        while (cap < b->len + n + 1)
            cap *= 2;
        b->data = vb_xrealloc(b->data, cap);
        b->cap = cap;
    }
    memcpy(b->data + b->len, s, n);
    b->len += n;
    b->data[b->len] = '\0';
}

void sheet_buf_clear(sheet_buf *b)
{
    b->len = 0;
    b->over = 0;
    if (b->data != NULL)
        b->data[0] = '\0';
}

void sheet_buf_free(sheet_buf *b)
{
    free(b->data);
    memset(b, 0, sizeof *b);
}

const char *sheet_cell_name(uint64_t row, uint64_t col, char *buf, size_t size)
{
    char letters[16];
    int n = 0;
    if (col == 0 || col > 1000000000ull) {
        letters[n++] = '?';
    } else {
        char rev[16];
        int k = 0;
        for (uint64_t c = col; c > 0 && k < 15; c = (c - 1) / 26)
            rev[k++] = (char)('A' + (c - 1) % 26);
        while (k > 0)
            letters[n++] = rev[--k];
    }
    letters[n] = '\0';
    snprintf(buf, size, "%s%llu", letters, (unsigned long long)row);
    return buf;
}

const char *sheet_size_text(const vb_sheet *s, uint64_t bytes, char *buf, size_t size)
{
    if (bytes >= GIB)
        snprintf(buf, size, bytes % GIB == 0 ? "%.0f GiB" : "%.1f GiB", (double)bytes / GIB);
    else if (bytes >= MIB)
        snprintf(buf, size, bytes % MIB == 0 ? "%.0f MiB" : "%.1f MiB", (double)bytes / MIB);
    else if (bytes >= KIB)
        snprintf(buf, size, bytes % KIB == 0 ? "%.0f KiB" : "%.1f KiB", (double)bytes / KIB);
    else
        snprintf(buf, size, sheet_text(s, VI_EN("%llu byte", "%llu bytes")),
                 (unsigned long long)bytes);
    if (s->lang == VB_LANG_VI) /* 1,5 MiB: the decimal comma */
        for (char *p = buf; *p; p++)
            if (*p == '.')
                *p = ',';
    return buf;
}

int sheet_parse_ref(const char *s, size_t len, unsigned *col, unsigned *row)
{
    size_t i = 0;
    uint64_t c = 0, r = 0;
    if (i < len && s[i] == '$')
        i++;
    size_t letters = 0;
    while (i < len && ((s[i] >= 'A' && s[i] <= 'Z') || (s[i] >= 'a' && s[i] <= 'z'))) {
        c = c * 26 + (uint64_t)((s[i] | 0x20) - 'a' + 1);
        i++;
        if (++letters > 3)
            return 0;
    }
    if (i < len && s[i] == '$' && letters > 0)
        i++;
    size_t digits = 0;
    while (i < len && s[i] >= '0' && s[i] <= '9') {
        r = r * 10 + (uint64_t)(s[i] - '0');
        i++;
        if (++digits > 7)
            return 0;
    }
    if (i != len || (letters == 0 && digits == 0) || c > VB_SHEET_MAX_COLS ||
        r > VB_SHEET_MAX_ROWS || (digits > 0 && r == 0))
        return 0;
    *col = (unsigned)c;
    *row = (unsigned)r;
    return 1;
}

int sheet_parse_area(const char *s, sheet_area *area)
{
    const char *colon = strchr(s, ':');
    size_t len = strlen(s);
    unsigned c1, r1, c2, r2;
    if (colon == NULL) {
        if (!sheet_parse_ref(s, len, &c1, &r1) || c1 == 0 || r1 == 0)
            return 0;
        c2 = c1;
        r2 = r1;
    } else if (!sheet_parse_ref(s, (size_t)(colon - s), &c1, &r1) ||
               !sheet_parse_ref(colon + 1, len - (size_t)(colon - s) - 1, &c2, &r2) ||
               (c1 == 0) != (c2 == 0) || (r1 == 0) != (r2 == 0)) {
        return 0;
    }
    area->c1 = c1 < c2 ? c1 : c2;
    area->c2 = c1 < c2 ? c2 : c1;
    area->r1 = r1 < r2 ? r1 : r2;
    area->r2 = r1 < r2 ? r2 : r1;
    return 1;
}

/* ---- XML parts ------------------------------------------------------------------------- */

/* libxml2 pulls the part through this, so every byte inflated is counted here: the size in
 * the zip's directory is checked first, but a forged directory can lie. */
static int read_part(void *context, char *buffer, int len)
{
    sheet_xml *x = context;
    zip_int64_t n = zip_fread(x->file, buffer, (zip_uint64_t)len);
    vb_sheet *s = x->sheet;
    if (n < 0) {
        char why[256];
        sheet_fail(s, VI_EN("không đọc được phần %s: %s", "%s: cannot be read: %s"), x->part,
                   sheet_zip_reason(s, zip_file_get_error(x->file), why, sizeof why));
        return -1;
    }
    x->inflated += (uint64_t)n;
    char a[32];
    if (x->inflated > x->limit) {
        sheet_fail(s, VI_EN("phần %s giải nén ra quá giới hạn %s dành cho %s (tệp bị hỏng hoặc "
                            "được tạo ra để gây hại)",
                            "%s inflates past the %s limit for %s (a damaged or hostile file)"),
                   x->part, sheet_size_text(s, x->limit, a, sizeof a),
                   sheet_text(s, x->what_vi, x->what_en));
        return -1;
    }
    if (x->inflated > x->declared) {
        sheet_fail(s, VI_EN("phần %s giải nén ra nhiều hơn %s mà thư mục của tệp zip ghi (tệp bị "
                            "hỏng hoặc được tạo ra để gây hại)",
                            "%s inflates to more than the %s its zip directory declares (a "
                            "damaged or hostile file)"),
                   x->part, sheet_size_text(s, x->declared, a, sizeof a));
        return -1;
    }
    return (int)n;
}

static void xml_error(void *context, xmlErrorPtr error)
{
    sheet_xml *x = context;
    if (error == NULL || error->level < XML_ERR_ERROR)
        return;
    char message[400];
    sheet_xml_reason(x->sheet, error, message, sizeof message);
    sheet_fail(x->sheet, VI_EN("%s:%d: XML hỏng: %s", "%s:%d: malformed XML: %s"), x->part,
               error->line, message);
}

int sheet_part_exists(vb_sheet *s, const char *part)
{
    return zip_name_locate(s->zip, part, ZIP_FL_NOCASE) >= 0;
}

int sheet_xml_open(vb_sheet *s, sheet_xml *x, const char *part, uint64_t limit,
                   const char *what_vi, const char *what_en)
{
    memset(x, 0, sizeof *x);
    x->sheet = s;
    x->what_vi = what_vi;
    x->what_en = what_en;
    x->limit = limit;
    zip_int64_t index = zip_name_locate(s->zip, part, ZIP_FL_NOCASE);
    if (index < 0)
        return 0;
    x->part = vb_strdup(part);
    zip_stat_t st;
    zip_stat_init(&st);
    char why[256];
    if (zip_stat_index(s->zip, (zip_uint64_t)index, 0, &st) != 0)
        return sheet_fail(s, VI_EN("phần %s: %s", "%s: %s"), part,
                          sheet_zip_reason(s, zip_get_error(s->zip), why, sizeof why));
    if ((st.valid & ZIP_STAT_ENCRYPTION_METHOD) && st.encryption_method != ZIP_EM_NONE)
        return sheet_fail(s, VI_EN("có mật khẩu bảo vệ (phần %s được mã hóa): hãy lưu lại không "
                                   "đặt mật khẩu",
                                   "is password-protected (%s is encrypted): save it without a "
                                   "password"),
                          part);
    char a[32], b[32];
    if ((st.valid & ZIP_STAT_SIZE) && st.size > limit)
        return sheet_fail(s, VI_EN("phần %s giải nén ra %s, quá giới hạn %s dành cho %s (tệp bị "
                                   "hỏng hoặc được tạo ra để gây hại)",
                                   "%s inflates to %s, over the %s limit for %s (a damaged or "
                                   "hostile file)"),
                          part, sheet_size_text(s, st.size, a, sizeof a),
                          sheet_size_text(s, limit, b, sizeof b), sheet_text(s, what_vi, what_en));
    x->declared = (st.valid & ZIP_STAT_SIZE) ? st.size : limit;
    if ((st.valid & ZIP_STAT_SIZE) && (st.valid & ZIP_STAT_COMP_SIZE) &&
        st.size > vb_sheet_limits_in_force.ratio_floor &&
        st.size / vb_sheet_limits_in_force.max_ratio > st.comp_size)
        return sheet_fail(s, VI_EN("phần %s giải nén từ %s ra %s, gấp hơn %llu lần: đây là bom "
                                   "zip, không phải bảng tính",
                                   "%s inflates from %s to %s, more than %llu times: a zip bomb, "
                                   "not a spreadsheet"),
                          part, sheet_size_text(s, st.comp_size, a, sizeof a),
                          sheet_size_text(s, st.size, b, sizeof b),
                          (unsigned long long)vb_sheet_limits_in_force.max_ratio);
    x->file = zip_fopen_index(s->zip, (zip_uint64_t)index, 0);
    if (x->file == NULL) {
        zip_error_t *e = zip_get_error(s->zip);
        if (zip_error_code_zip(e) == ZIP_ER_NOPASSWD || zip_error_code_zip(e) == ZIP_ER_WRONGPASSWD)
            return sheet_fail(s, VI_EN("có mật khẩu bảo vệ (phần %s được mã hóa): hãy lưu lại "
                                       "không đặt mật khẩu",
                                       "is password-protected (%s is encrypted): save it without "
                                       "a password"),
                              part);
        return sheet_fail(s, VI_EN("không đọc được phần %s: %s", "%s: cannot be read: %s"), part,
                          sheet_zip_reason(s, e, why, sizeof why));
    }
    /* No network, no DTD loading, no entity substitution: a part is plain data. */
    x->reader = xmlReaderForIO(read_part, NULL, x, part, NULL,
                               XML_PARSE_NONET | XML_PARSE_NOCDATA | XML_PARSE_NOWARNING);
    if (x->reader == NULL)
        return sheet_fail(s, VI_EN("phần %s: không khởi động được bộ đọc XML",
                                   "%s: cannot start the XML reader"), part);
    xmlTextReaderSetStructuredErrorHandler(x->reader, xml_error, x);
    return 1;
}

static int after_read(sheet_xml *x, int rc)
{
    x->type = rc == 1 ? xmlTextReaderNodeType(x->reader) : -1;
    if (rc < 0 || x->sheet->error != NULL) {
        if (x->sheet->error == NULL)
            sheet_fail(x->sheet, VI_EN("phần %s: XML hỏng", "%s: malformed XML"), x->part);
        return -1;
    }
    return rc;
}

int sheet_xml_read(sheet_xml *x)
{
    return after_read(x, xmlTextReaderRead(x->reader));
}

int sheet_xml_skip(sheet_xml *x)
{
    return after_read(x, xmlTextReaderNext(x->reader));
}

void sheet_xml_close(sheet_xml *x)
{
    if (x->reader != NULL)
        xmlFreeTextReader(x->reader);
    if (x->file != NULL)
        zip_fclose(x->file);
    free(x->part);
    memset(x, 0, sizeof *x);
}

const char *sheet_xml_name(const sheet_xml *x)
{
    const xmlChar *name = xmlTextReaderConstLocalName(x->reader);
    return name != NULL ? (const char *)name : "";
}

int sheet_xml_is_start(const sheet_xml *x)
{
    return x->type == XML_READER_TYPE_ELEMENT;
}

int sheet_xml_is_end(const sheet_xml *x)
{
    return x->type == XML_READER_TYPE_END_ELEMENT;
}

int sheet_xml_is_text(const sheet_xml *x)
{
    int type = x->type;
    return type == XML_READER_TYPE_TEXT || type == XML_READER_TYPE_CDATA ||
           type == XML_READER_TYPE_WHITESPACE || type == XML_READER_TYPE_SIGNIFICANT_WHITESPACE;
}

void sheet_xml_attributes(sheet_xml *x, void (*fn)(void *ctx, const char *name,
                                                   const char *value), void *ctx)
{
    if (xmlTextReaderMoveToFirstAttribute(x->reader) != 1)
        return;
    do {
        const xmlChar *name = xmlTextReaderConstLocalName(x->reader);
        const xmlChar *value = xmlTextReaderConstValue(x->reader);
        if (name != NULL && value != NULL)
            fn(ctx, (const char *)name, (const char *)value);
    } while (xmlTextReaderMoveToNextAttribute(x->reader) == 1);
    xmlTextReaderMoveToElement(x->reader);
}

/* ---- raw rows from the readers --------------------------------------------------------- */

void sheet_row_begin(vb_sheet *s, uint64_t row, uint64_t repeat)
{
    s->raw_row = row;
    s->raw_repeat = repeat > 0 ? repeat : 1;
    s->raw_count = 0;
    sheet_buf_clear(&s->raw_text);
}

int sheet_row_cell(vb_sheet *s, uint64_t col, uint64_t repeat, const char *text, size_t len,
                   int numeric)
{
    if (len == 0 || repeat == 0)
        return 0;
    if (len > vb_sheet_limits_in_force.cell_bytes)
        return sheet_fail_cell(s, s->raw_row, col, VI_EN("chữ trong ô dài hơn %zu byte",
                                                         "cell text is longer than %zu bytes"),
                               vb_sheet_limits_in_force.cell_bytes);
    /* Only the columns asked for are kept, and only they are repeated (the bounds end at
     * column XFD at the latest: what lies beyond is in no range). */
    uint64_t first = col > s->bounds.c1 ? col : s->bounds.c1;
    uint64_t last = col + repeat - 1 < s->bounds.c2 ? col + repeat - 1 : s->bounds.c2;
    if (first > last)
        return 0;
    size_t offset = s->raw_text.len;
    sheet_buf_add(&s->raw_text, text, len);
    sheet_buf_add(&s->raw_text, "", 1); /* each cell's text is NUL-terminated */
    if (s->raw_text.over) {
        char size[32];
        return sheet_fail_cell(s, s->raw_row, col, VI_EN("dòng này chứa hơn %s chữ",
                                                         "the row holds more than %s of text"),
                               sheet_size_text(s, s->raw_text.limit, size, sizeof size));
    }
    for (uint64_t c = first; c <= last; c++) {
        if (s->raw_count == s->raw_cap) {
            s->raw_cap = s->raw_cap ? s->raw_cap * 2 : 32;
            s->raw = vb_xrealloc(s->raw, s->raw_cap * sizeof *s->raw);
        }
        s->raw[s->raw_count++] = (sheet_raw_cell){c, offset, len, numeric};
    }
    return 0;
}

int sheet_add_merge(vb_sheet *s, uint64_t r1, uint64_t c1, uint64_t r2, uint64_t c2)
{
    if (r1 > r2 || c1 > c2 || (r1 == r2 && c1 == c2))
        return 0; /* one cell: nothing merged */
    /* Clipped to the range: a merge reaching into it from outside still groups its cells. */
    if (r2 < s->bounds.r1 || r1 > s->bounds.r2 || c2 < s->bounds.c1 || c1 > s->bounds.c2)
        return 0;
    if (s->merge_count == vb_sheet_limits_in_force.merges)
        return sheet_fail(s, VI_EN("trang tính \"%s\" có hơn %zu vùng ô gộp (tệp bị hỏng hoặc được "
                                   "tạo ra để gây hại)",
                                   "%s has more than %zu merged areas (a damaged or hostile file)"),
                          s->sheet_name, vb_sheet_limits_in_force.merges);
    if (s->merge_count == s->merge_cap) {
        s->merge_cap = s->merge_cap ? s->merge_cap * 2 : 16;
        s->merges = vb_xrealloc(s->merges, s->merge_cap * sizeof *s->merges);
    }
    sheet_area a = {
        (unsigned)(r1 > s->bounds.r1 ? r1 : s->bounds.r1),
        (unsigned)(c1 > s->bounds.c1 ? c1 : s->bounds.c1),
        (unsigned)(r2 < s->bounds.r2 ? r2 : s->bounds.r2),
        (unsigned)(c2 < s->bounds.c2 ? c2 : s->bounds.c2),
        r1 < s->bounds.r1 || c1 < s->bounds.c1,
    };
    s->merges[s->merge_count++] = a;
    return 0;
}

/* ---- the first pass -------------------------------------------------------------------- */
