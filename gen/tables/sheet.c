/* Spreadsheets read as tables (see sheet.h): what the XLSX and ODS readers share.
 *
 * The readers hand over raw rows: non-empty cells by column, a row possibly repeated. Here
 * they become what the caller sees: only the range asked for, the used area (from the first
 * non-empty row and column to the last non-empty row), merged areas as colspan, rowspan and
 * covered cells, and the empty rows in between as rows of no cells. A sheet is read twice
 * (see sheet_internal.h), so only the row being returned, the merges and what the reader
 * holds (shared strings, styles) are in memory at any time. */
#include "sheet_internal.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../model.h"

#define KIB 1024ull
#define MIB (1024ull * KIB)
#define GIB (1024ull * MIB)

/* Generous for any real spreadsheet, small enough that a hostile one costs little: a
 * worksheet of a million rows of ten cells is about 300 MiB of XML. */
vb_sheet_limits vb_sheet_limits_in_force = {
    .sheet_part = 1 * GIB,
    .shared_strings_part = 256 * MIB,
    .small_part = 16 * MIB,
    .shared_strings_text = 64 * MIB,
    .shared_strings_count = 4u * 1024u * 1024u,
    .merges = 100000,
    .number_formats = 4096,
    .cell_formats = 262144,
    .ratio_floor = 1 * MIB,
    .max_ratio = 1000,
    .cells = 16u * 1024u * 1024u,
    .cell_bytes = 1024u * 1024u,
    .row_bytes = 64u * 1024u * 1024u,
};

/* ---- errors ---------------------------------------------------------------------------- */

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

int sheet_fail(vb_sheet *s, const char *format, ...)
{
    va_list args;
    va_start(args, format);
    fail_v(s, "", format, args);
    va_end(args);
    return -1;
}

int sheet_fail_cell(vb_sheet *s, uint64_t row, uint64_t col, const char *format, ...)
{
    char cell[32], where[600];
    snprintf(where, sizeof where, "%s!%s: ", s->sheet_name != NULL ? s->sheet_name : "?",
             sheet_cell_name(row, col, cell, sizeof cell));
    va_list args;
    va_start(args, format);
    fail_v(s, where, format, args);
    va_end(args);
    return -1;
}

static int report(vb_sheet *s, char *err, size_t err_size)
{
    if (err != NULL && err_size > 0)
        snprintf(err, err_size, "%s", s->error != NULL ? s->error : "unknown error");
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
        sheet_fail(s, "no sheet \"%s\": the file has no sheets", wanted);
    else
        sheet_fail(s, "no sheet \"%s\"; the sheets are %s", wanted, list);
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

const char *sheet_size_text(uint64_t bytes, char *buf, size_t size)
{
    if (bytes >= GIB)
        snprintf(buf, size, bytes % GIB == 0 ? "%.0f GiB" : "%.1f GiB", (double)bytes / GIB);
    else if (bytes >= MIB)
        snprintf(buf, size, bytes % MIB == 0 ? "%.0f MiB" : "%.1f MiB", (double)bytes / MIB);
    else if (bytes >= KIB)
        snprintf(buf, size, bytes % KIB == 0 ? "%.0f KiB" : "%.1f KiB", (double)bytes / KIB);
    else
        snprintf(buf, size, "%llu bytes", (unsigned long long)bytes);
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

/* "A3:D40", "B:D" (columns, every row), "3:40" (rows, every column), "B3" (one cell). */
static int parse_range(vb_sheet *s, const char *range)
{
    s->bounds = (sheet_area){.r1 = 1, .c1 = 1, .r2 = VB_SHEET_MAX_ROWS, .c2 = VB_SHEET_MAX_COLS};
    if (range == NULL)
        return 0;
    sheet_area a;
    if (!sheet_parse_area(range, &a))
        return sheet_fail(s, "bad range \"%s\": write it as A3:D40 (or B:D for whole columns, "
                             "3:40 for whole rows)", range);
    if (a.c1 != 0) {
        s->bounds.c1 = a.c1;
        s->bounds.c2 = a.c2;
        s->cols_given = 1;
    }
    if (a.r1 != 0) {
        s->bounds.r1 = a.r1;
        s->bounds.r2 = a.r2;
        s->rows_given = 1;
    }
    return 0;
}

/* ---- XML parts ------------------------------------------------------------------------- */

static const char *zip_file_message(zip_file_t *file)
{
    return zip_error_strerror(zip_file_get_error(file));
}

/* libxml2 pulls the part through this, so every byte inflated is counted here: the size in
 * the zip's directory is checked first, but a forged directory can lie. */
static int read_part(void *context, char *buffer, int len)
{
    sheet_xml *x = context;
    zip_int64_t n = zip_fread(x->file, buffer, (zip_uint64_t)len);
    if (n < 0) {
        sheet_fail(x->sheet, "%s: cannot be read: %s", x->part, zip_file_message(x->file));
        return -1;
    }
    x->inflated += (uint64_t)n;
    char a[32];
    if (x->inflated > x->limit) {
        sheet_fail(x->sheet, "%s inflates past the %s limit for %s (a damaged or hostile "
                   "file)", x->part, sheet_size_text(x->limit, a, sizeof a), x->what);
        return -1;
    }
    if (x->inflated > x->declared) {
        sheet_fail(x->sheet, "%s inflates to more than the %s its zip directory declares (a "
                   "damaged or hostile file)", x->part, sheet_size_text(x->declared, a, sizeof a));
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
    snprintf(message, sizeof message, "%s", error->message != NULL ? error->message : "error");
    size_t n = strlen(message);
    while (n > 0 && (message[n - 1] == '\n' || message[n - 1] == ' '))
        message[--n] = '\0';
    sheet_fail(x->sheet, "%s:%d: malformed XML: %s", x->part, error->line, message);
}

int sheet_part_exists(vb_sheet *s, const char *part)
{
    return zip_name_locate(s->zip, part, ZIP_FL_NOCASE) >= 0;
}

int sheet_xml_open(vb_sheet *s, sheet_xml *x, const char *part, uint64_t limit, const char *what)
{
    memset(x, 0, sizeof *x);
    x->sheet = s;
    x->what = what;
    x->limit = limit;
    zip_int64_t index = zip_name_locate(s->zip, part, ZIP_FL_NOCASE);
    if (index < 0)
        return 0;
    x->part = vb_strdup(part);
    zip_stat_t st;
    zip_stat_init(&st);
    if (zip_stat_index(s->zip, (zip_uint64_t)index, 0, &st) != 0)
        return sheet_fail(s, "%s: %s", part, zip_strerror(s->zip));
    if ((st.valid & ZIP_STAT_ENCRYPTION_METHOD) && st.encryption_method != ZIP_EM_NONE)
        return sheet_fail(s, "is password-protected (%s is encrypted): save it without a "
                             "password", part);
    char a[32], b[32];
    if ((st.valid & ZIP_STAT_SIZE) && st.size > limit)
        return sheet_fail(s, "%s inflates to %s, over the %s limit for %s (a damaged or hostile "
                             "file)", part, sheet_size_text(st.size, a, sizeof a),
                          sheet_size_text(limit, b, sizeof b), what);
    x->declared = (st.valid & ZIP_STAT_SIZE) ? st.size : limit;
    if ((st.valid & ZIP_STAT_SIZE) && (st.valid & ZIP_STAT_COMP_SIZE) &&
        st.size > vb_sheet_limits_in_force.ratio_floor &&
        st.size / vb_sheet_limits_in_force.max_ratio > st.comp_size)
        return sheet_fail(s, "%s inflates from %s to %s, more than %llu times: a zip bomb, not "
                             "a spreadsheet", part, sheet_size_text(st.comp_size, a, sizeof a),
                          sheet_size_text(st.size, b, sizeof b),
                          (unsigned long long)vb_sheet_limits_in_force.max_ratio);
    x->file = zip_fopen_index(s->zip, (zip_uint64_t)index, 0);
    if (x->file == NULL) {
        zip_error_t *e = zip_get_error(s->zip);
        if (zip_error_code_zip(e) == ZIP_ER_NOPASSWD || zip_error_code_zip(e) == ZIP_ER_WRONGPASSWD)
            return sheet_fail(s, "is password-protected (%s is encrypted): save it without a "
                                 "password", part);
        return sheet_fail(s, "%s: cannot be read: %s", part, zip_error_strerror(e));
    }
    /* No network, no DTD loading, no entity substitution: a part is plain data. */
    x->reader = xmlReaderForIO(read_part, NULL, x, part, NULL,
                               XML_PARSE_NONET | XML_PARSE_NOCDATA | XML_PARSE_NOWARNING);
    if (x->reader == NULL)
        return sheet_fail(s, "%s: cannot start the XML reader", part);
    xmlTextReaderSetStructuredErrorHandler(x->reader, xml_error, x);
    return 1;
}

static int after_read(sheet_xml *x, int rc)
{
    x->type = rc == 1 ? xmlTextReaderNodeType(x->reader) : -1;
    if (rc < 0 || x->sheet->error != NULL) {
        if (x->sheet->error == NULL)
            sheet_fail(x->sheet, "%s: malformed XML", x->part);
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
        return sheet_fail_cell(s, s->raw_row, col, "cell text is longer than %zu bytes",
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
        return sheet_fail_cell(s, s->raw_row, col, "the row holds more than %s of text",
                               sheet_size_text(s->raw_text.limit, size, sizeof size));
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
        return sheet_fail(s, "%s has more than %zu merged areas (a damaged or hostile file)",
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

static int scan_row(vb_sheet *s)
{
    if (s->raw_count == 0)
        return 0;
    uint64_t first = s->raw_row, last = s->raw_row + s->raw_repeat - 1;
    if (last > VB_SHEET_MAX_ROWS && last >= s->bounds.r1)
        return sheet_fail_cell(s, first > VB_SHEET_MAX_ROWS ? first : VB_SHEET_MAX_ROWS + 1,
                               s->raw[0].col, "row beyond the last row a sheet may have (%u)",
                               VB_SHEET_MAX_ROWS);
    if (first < s->bounds.r1)
        first = s->bounds.r1;
    if (last > s->bounds.r2)
        last = s->bounds.r2;
    if (first > last)
        return 0;
    /* Cells with content, repeats counted: an ODS row of 16 384 cells repeated a million
     * times is refused here, before anything is built from it. */
    s->cells_counted += (uint64_t)s->raw_count * (last - first + 1);
    if (s->cells_counted > vb_sheet_limits_in_force.cells)
        return sheet_fail(s, "%s has more than %llu cells to read; give a smaller range",
                          s->sheet_name, (unsigned long long)vb_sheet_limits_in_force.cells);
    if (!s->has_content) {
        s->used = (sheet_area){.r1 = (unsigned)first, .c1 = (unsigned)s->raw[0].col,
                               .r2 = (unsigned)last, .c2 = (unsigned)s->raw[0].col};
        s->has_content = 1;
    }
    if (first < s->used.r1)
        s->used.r1 = (unsigned)first;
    if (last > s->used.r2)
        s->used.r2 = (unsigned)last;
    if (s->raw[0].col < s->used.c1)
        s->used.c1 = (unsigned)s->raw[0].col;
    return 0;
}

static int compare_merges(const void *a, const void *b)
{
    const sheet_area *x = a, *y = b;
    if (x->r1 != y->r1)
        return x->r1 < y->r1 ? -1 : 1;
    return x->c1 < y->c1 ? -1 : x->c1 > y->c1;
}

static void area_name(const sheet_area *a, char *buf, size_t size)
{
    char c1[32], c2[32];
    snprintf(buf, size, "%s:%s", sheet_cell_name(a->r1, a->c1, c1, sizeof c1),
             sheet_cell_name(a->r2, a->c2, c2, sizeof c2));
}

/* Overlapping merges have no meaning (no spreadsheet writes them) and would make the rows
 * costly to build, so they are refused. Two merges overlap only if both cover the first row
 * of the later one, so that is the only row checked for each: cells are marked with the
 * merge over them, stamped by that row's turn. */
static int check_overlaps(vb_sheet *s)
{
    if (s->merge_count < 2)
        return 0;
    size_t width = s->bounds.c2 - s->bounds.c1 + 1;
    uint32_t *stamp = vb_xcalloc(width, sizeof *stamp);
    size_t *owner = vb_xmalloc(width * sizeof *owner);
    size_t *active = vb_xmalloc(s->merge_count * sizeof *active);
    size_t active_count = 0;
    uint32_t turn = 0;
    int rc = 0;
    for (size_t i = 0; i < s->merge_count && rc == 0;) {
        unsigned row = s->merges[i].r1;
        size_t kept = 0;
        for (size_t k = 0; k < active_count; k++)
            if (s->merges[active[k]].r2 >= row)
                active[kept++] = active[k];
        active_count = kept;
        for (; i < s->merge_count && s->merges[i].r1 == row; i++)
            active[active_count++] = i;
        turn++;
        for (size_t k = 0; k < active_count && rc == 0; k++) {
            const sheet_area *m = &s->merges[active[k]];
            for (unsigned c = m->c1; c <= m->c2; c++) {
                size_t at = c - s->bounds.c1;
                if (stamp[at] == turn) {
                    char a[64], b[64];
                    area_name(&s->merges[owner[at]], a, sizeof a);
                    area_name(m, b, sizeof b);
                    rc = sheet_fail(s, "%s: merged areas %s and %s overlap", s->sheet_name, a, b);
                    break;
                }
                stamp[at] = turn;
                owner[at] = active[k];
            }
        }
    }
    free(stamp);
    free(owner);
    free(active);
    return rc;
}

static int scan(vb_sheet *s)
{
    s->scanning = 1;
    int rc;
    while ((rc = s->backend->next_row(s)) == 1)
        if (scan_row(s) < 0)
            return -1;
    if (rc < 0)
        return -1;
    s->scanning = 0;
    if (s->merge_count > 1)
        qsort(s->merges, s->merge_count, sizeof *s->merges, compare_merges);
    if (check_overlaps(s) < 0)
        return -1;
    for (size_t i = 0; i < s->merge_count; i++) {
        const sheet_area *m = &s->merges[i];
        if (!s->has_content) {
            s->used = *m;
            s->has_content = 1;
        }
        if (m->r1 < s->used.r1)
            s->used.r1 = m->r1;
        if (m->r2 > s->used.r2)
            s->used.r2 = m->r2;
        if (m->c1 < s->used.c1)
            s->used.c1 = m->c1;
    }
    /* An explicit range starts where it says, even on empty rows or columns. */
    if (s->rows_given)
        s->used.r1 = s->bounds.r1;
    if (s->cols_given)
        s->used.c1 = s->bounds.c1;
    s->next_row = s->used.r1;
    s->cells_counted = 0;
    if (s->merge_count > 0)
        s->active = vb_xmalloc(s->merge_count * sizeof *s->active);
    return s->backend->restart(s);
}

/* ---- open, close ----------------------------------------------------------------------- */

static int has_extension(const char *path, const char *ext)
{
    size_t n = strlen(path), e = strlen(ext);
    if (n < e)
        return 0;
    for (size_t i = 0; i < e; i++) {
        char c = path[n - e + i];
        if ((c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c) != ext[i])
            return 0;
    }
    return 1;
}

/* Says what the file is when it is no zip: an encrypted OOXML workbook and an old .xls are
 * both OLE2 compound files, which users meet often enough to be named. */
static int fail_not_zip(vb_sheet *s)
{
    unsigned char magic[8] = {0};
    FILE *f = fopen(s->path, "rb");
    size_t n = f != NULL ? fread(magic, 1, sizeof magic, f) : 0;
    if (f != NULL)
        fclose(f);
    static const unsigned char ole[8] = {0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1};
    if (n == 8 && memcmp(magic, ole, 8) == 0)
        return sheet_fail(s, "is a password-protected workbook or an old .xls file (not a zip): "
                             "save it as .xlsx without a password");
    return sheet_fail(s, "not a spreadsheet: not a zip archive (an .xlsx or .ods file is one)");
}

static int open_zip(vb_sheet *s)
{
    int code = 0;
    s->zip = zip_open(s->path, ZIP_RDONLY, &code);
    if (s->zip != NULL)
        return 0;
    if (code == ZIP_ER_NOZIP)
        return fail_not_zip(s);
    if (code == ZIP_ER_NOENT)
        return sheet_fail(s, "%s", strerror(ENOENT));
    zip_error_t e;
    zip_error_init_with_code(&e, code);
    sheet_fail(s, "cannot open: %s", zip_error_strerror(&e));
    zip_error_fini(&e);
    return -1;
}

int vb_sheet_path_is_spreadsheet(const char *path)
{
    return has_extension(path, ".xlsx") || has_extension(path, ".xlsm") || has_extension(path, ".ods");
}

vb_sheet *vb_sheet_open(const char *path, const char *sheet, const char *range, char *err,
                        size_t err_size)
{
    vb_sheet *s = vb_xcalloc(1, sizeof *s);
    s->path = vb_strdup(path);
    s->raw_text.limit = vb_sheet_limits_in_force.row_bytes;
    int rc = parse_range(s, range);
    if (rc == 0) {
        if (has_extension(path, ".xlsx") || has_extension(path, ".xlsm"))
            rc = open_zip(s) < 0 ? -1 : vb_xlsx_open(s, sheet);
        else if (has_extension(path, ".ods"))
            rc = open_zip(s) < 0 ? -1 : vb_ods_open(s, sheet);
        else
            rc = sheet_fail(s, "not a spreadsheet this reads (.xlsx or .ods); save it as .xlsx");
    }
    if (rc == 0)
        rc = scan(s);
    if (rc < 0) {
        report(s, err, err_size);
        vb_sheet_close(s);
        return NULL;
    }
    return s;
}

void vb_sheet_close(vb_sheet *s)
{
    if (s == NULL)
        return;
    if (s->backend != NULL && s->impl != NULL)
        s->backend->free(s->impl);
    if (s->zip != NULL)
        zip_discard(s->zip);
    free(s->path);
    free(s->sheet_name);
    free(s->raw);
    sheet_buf_free(&s->raw_text);
    free(s->merges);
    free(s->active);
    free(s->cells);
    free(s->error);
    free(s);
}

/* ---- the second pass: rows as the caller sees them ------------------------------------- */

/* The active merges for `row`: those started by now that still reach it. */
static void update_active(vb_sheet *s, unsigned row)
{
    size_t kept = 0;
    for (size_t k = 0; k < s->active_count; k++)
        if (s->merges[s->active[k]].r2 >= row)
            s->active[kept++] = s->active[k];
    s->active_count = kept;
    while (s->merge_next < s->merge_count && s->merges[s->merge_next].r1 <= row) {
        if (s->merges[s->merge_next].r2 >= row)
            s->active[s->active_count++] = s->merge_next;
        s->merge_next++;
    }
}

static void reserve_cells(vb_sheet *s, size_t n)
{
    if (n <= s->cell_cap)
        return;
    size_t cap = s->cell_cap ? s->cell_cap : 16;
    while (cap < n)
        cap *= 2;
    s->cells = vb_xrealloc(s->cells, cap * sizeof *s->cells);
    s->cell_cap = cap;
}

/* Builds row `row` from the raw row (when `with_raw`) and the merges over it. */
static size_t build_row(vb_sheet *s, unsigned row, int with_raw)
{
    unsigned first = s->used.c1;
    size_t width = 0;
    size_t raw_count = with_raw ? s->raw_count : 0;
    if (raw_count > 0 && s->raw[raw_count - 1].col >= first)
        width = s->raw[raw_count - 1].col - first + 1;
    update_active(s, row);
    for (size_t k = 0; k < s->active_count; k++) {
        const sheet_area *m = &s->merges[s->active[k]];
        if (m->c2 >= first && m->c2 - first + 1 > width)
            width = m->c2 - first + 1;
    }
    reserve_cells(s, width);
    for (size_t i = 0; i < width; i++)
        s->cells[i] = (vb_sheet_cell){"", 0, 1, 1, 0, 0};
    for (size_t i = 0; i < raw_count; i++) {
        const sheet_raw_cell *r = &s->raw[i];
        if (r->col < first)
            continue;
        vb_sheet_cell *c = &s->cells[r->col - first];
        c->text = s->raw_text.data + r->offset;
        c->length = r->length;
        c->numeric = r->numeric;
    }
    for (size_t k = 0; k < s->active_count; k++) {
        const sheet_area *m = &s->merges[s->active[k]];
        for (unsigned col = m->c1; col <= m->c2; col++) {
            vb_sheet_cell *c = &s->cells[col - first];
            if (col == m->c1 && row == m->r1) {
                c->colspan = m->c2 - m->c1 + 1;
                c->rowspan = m->r2 - m->r1 + 1;
                if (m->anchor_outside) /* what it holds is covered text, never shown */
                    *c = (vb_sheet_cell){"", 0, c->colspan, c->rowspan, 0, 0};
            } else { /* hidden: whatever text a covered cell kept is not shown */
                *c = (vb_sheet_cell){"", 0, 1, 1, 1, 0};
            }
        }
    }
    return width;
}

int vb_sheet_next(vb_sheet *s, vb_sheet_row *row, char *err, size_t err_size)
{
    if (s->error != NULL)
        return report(s, err, err_size);
    if (!s->has_content || s->next_row > s->used.r2)
        return 0;
    unsigned r = (unsigned)s->next_row;
    /* Raw rows that end before this one are behind us (rows above the range included). */
    while (!s->raw_done && (!s->raw_valid || s->raw_row + s->raw_repeat - 1 < r)) {
        int rc = s->backend->next_row(s);
        if (rc < 0)
            return report(s, err, err_size);
        s->raw_valid = rc == 1;
        s->raw_done = rc == 0;
    }
    int with_raw = s->raw_valid && s->raw_row <= r && r <= s->raw_row + s->raw_repeat - 1;
    size_t count = build_row(s, r, with_raw);
    s->cells_counted += count;
    if (s->cells_counted > vb_sheet_limits_in_force.cells) {
        sheet_fail(s, "%s has more than %llu cells to read; give a smaller range",
                   s->sheet_name, (unsigned long long)vb_sheet_limits_in_force.cells);
        return report(s, err, err_size);
    }
    row->cells = s->cells;
    row->count = count;
    row->row = r;
    s->next_row++;
    return 1;
}
