/* Spreadsheets read as tables (see sheet.h): what the XLSX and ODS readers share.
 *
 * The readers hand over raw rows: non-empty cells by column, a row possibly repeated. Here
 * they become what the caller sees: only the range asked for, the used area (from the first
 * non-empty row and column to the last non-empty row), merged areas as colspan, rowspan and
 * covered cells, and the empty rows in between as rows of no cells. A sheet is read twice
 * (see sheet_internal.h), so only the row being returned, the merges and what the reader
 * holds (shared strings, styles) are in memory at any time. */
#include "sheet_internal.h"
#include "regular_file.h"
#include "sheet_readers.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "model/model.h"
#include "model/syserror.h"

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

static int report(vb_sheet *s, char *err, size_t err_size)
{
    if (err != NULL && err_size > 0)
        snprintf(err, err_size, "%s",
                 s->error != NULL ? s->error
                                  : sheet_text(s, VI_EN("lỗi không rõ", "unknown error")));
    return -1;
}

/* "A3:D40", "B:D" (columns, every row), "3:40" (rows, every column), "B3" (one cell). */
static int parse_range(vb_sheet *s, const char *range)
{
    s->bounds = (sheet_area){.r1 = 1, .c1 = 1, .r2 = VB_SHEET_MAX_ROWS, .c2 = VB_SHEET_MAX_COLS};
    if (range == NULL)
        return 0;
    sheet_area a;
    if (!sheet_parse_area(range, &a))
        return sheet_fail(s, VI_EN("vùng \"%s\" viết sai: hãy viết dạng A3:D40 (hoặc B:D để lấy "
                                   "trọn các cột, 3:40 để lấy trọn các dòng)",
                                   "bad range \"%s\": write it as A3:D40 (or B:D for whole "
                                   "columns, 3:40 for whole rows)"),
                          range);
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

static int scan_row(vb_sheet *s)
{
    if (s->raw_count == 0)
        return 0;
    uint64_t first = s->raw_row, last = s->raw_row + s->raw_repeat - 1;
    if (last > VB_SHEET_MAX_ROWS && last >= s->bounds.r1)
        return sheet_fail_cell(s, first > VB_SHEET_MAX_ROWS ? first : VB_SHEET_MAX_ROWS + 1,
                               s->raw[0].col,
                               VI_EN("dòng vượt quá dòng cuối cùng mà một trang tính có thể có "
                                     "(%u)",
                                     "row beyond the last row a sheet may have (%u)"),
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
        return sheet_fail(s, VI_EN("trang tính \"%s\" có hơn %llu ô cần đọc; hãy chỉ một vùng "
                                   "nhỏ hơn",
                                   "%s has more than %llu cells to read; give a smaller range"),
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
                    rc = sheet_fail(s, VI_EN("trang tính \"%s\": hai vùng ô gộp %s và %s chồng "
                                             "lên nhau",
                                             "%s: merged areas %s and %s overlap"),
                                    s->sheet_name, a, b);
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
        return sheet_fail(s, VI_EN("là bảng tính có mật khẩu hoặc tệp .xls kiểu cũ (không phải "
                                   "zip): hãy lưu thành .xlsx không đặt mật khẩu",
                                   "is a password-protected workbook or an old .xls file (not a "
                                   "zip): save it as .xlsx without a password"));
    /* A zip cut short loses its directory, which is at its end: it is no zip any more. */
    return sheet_fail(s, VI_EN("không phải bảng tính: không phải tệp nén zip (tệp .xlsx hoặc .ods "
                               "là tệp zip; tệp bị cắt cụt khi chép cũng báo như vậy)",
                               "not a spreadsheet: not a zip archive (an .xlsx or .ods file is "
                               "one)"));
}

static int open_zip(vb_sheet *s)
{
    int code = 0;
    char reason[512];
    int fd = vb_open_regular_file(s->path, s->lang, reason, sizeof reason);
    if (fd < 0) {
        const char *why = strncmp(reason, s->path, strlen(s->path)) == 0 ? reason + strlen(s->path) + 2 : reason;
        return sheet_fail(s, "%s", "%s", why); /* already in the sheet's language */
    }
    s->zip = zip_fdopen(fd, ZIP_RDONLY, &code); /* takes the descriptor when it succeeds */
    if (s->zip != NULL)
        return 0;
    close(fd);
    if (code == ZIP_ER_NOZIP)
        return fail_not_zip(s);
    if (code == ZIP_ER_NOENT)
        return sheet_fail(s, "%s", "%s", vb_strerror(ENOENT, s->lang));
    zip_error_t e;
    zip_error_init_with_code(&e, code);
    char why[256];
    sheet_fail(s, VI_EN("không mở được: %s", "cannot open: %s"),
               sheet_zip_reason(s, &e, why, sizeof why));
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
    return vb_sheet_open_in(path, sheet, range, VB_LANG_EN, err, err_size);
}

vb_sheet *vb_sheet_open_in(const char *path, const char *sheet, const char *range, vb_lang lang,
                           char *err, size_t err_size)
{
    vb_sheet *s = vb_xcalloc(1, sizeof *s);
    s->path = vb_strdup(path);
    s->lang = lang;
    s->raw_text.limit = vb_sheet_limits_in_force.row_bytes;
    int rc = parse_range(s, range);
    if (rc == 0) {
        if (has_extension(path, ".xlsx") || has_extension(path, ".xlsm"))
            rc = open_zip(s) < 0 ? -1 : vb_xlsx_open(s, sheet);
        else if (has_extension(path, ".ods"))
            rc = open_zip(s) < 0 ? -1 : vb_ods_open(s, sheet);
        else
            rc = sheet_fail(s, VI_EN("không phải loại bảng tính đọc được (.xlsx hoặc .ods); "
                                     "hãy lưu thành .xlsx",
                                     "not a spreadsheet this reads (.xlsx or .ods); save it as "
                                     ".xlsx"));
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
        s->cells[i] = (vb_sheet_cell){"", 0, 1, 1, 0, 0, 0};
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
                    *c = (vb_sheet_cell){"", 0, c->colspan, c->rowspan, 0, 0, 0};
            } else { /* hidden: whatever text a covered cell kept is not shown */
                *c = (vb_sheet_cell){"", 0, 1, 1, 1, 0, 0};
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
        sheet_fail(s, VI_EN("trang tính \"%s\" có hơn %llu ô cần đọc; hãy chỉ một vùng nhỏ hơn",
                            "%s has more than %llu cells to read; give a smaller range"),
                   s->sheet_name, (unsigned long long)vb_sheet_limits_in_force.cells);
        return report(s, err, err_size);
    }
    row->cells = s->cells;
    row->count = count;
    row->row = r;
    s->next_row++;
    return 1;
}
