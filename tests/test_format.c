/* The texts vanban composes (format.c): day and month with NĐ30's leading zero, the date
 * and number lines of both formats (and of drafts), task sentences, recipient and addressee
 * lines, and the tên loại lines. Documents and nodes are built by hand. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "layout/format.h"
#include "layout/layout.h"
#include "model/model.h"

/* ---- helpers -------------------------------------------------------------------------- */

/* Everything a test allocates is tracked and freed by the teardown, so a failing assertion
 * (which longjmps out of the test) leaks nothing and valgrind only reports the library. */
typedef void (*free_fn)(void *);
static struct {
    void *p;
    free_fn fn;
} owned[32];
static size_t owned_count;

static void *track(void *p, free_fn fn)
{
    if (!p)
        return NULL;
    if (owned_count == sizeof owned / sizeof *owned)
        fail_msg("test bug: too many tracked allocations");
    owned[owned_count].p = p;
    owned[owned_count].fn = fn;
    owned_count++;
    return p;
}

static void release(void *p)
{
    if (!p)
        return;
    for (size_t i = owned_count; i-- > 0;) {
        if (owned[i].p == p) {
            free_fn fn = owned[i].fn;
            memmove(&owned[i], &owned[i + 1], (owned_count - i - 1) * sizeof *owned);
            owned_count--;
            fn(p);
            return;
        }
    }
    fail_msg("test bug: release() of an untracked pointer");
}

static int release_all(void **state)
{
    (void)state;
    while (owned_count > 0) {
        owned_count--;
        owned[owned_count].fn(owned[owned_count].p);
    }
    return 0;
}

static void free_doc(void *p)
{
    vb_document_free(p);
}

static void free_node(void *p)
{
    vb_node_free_tree(p);
}

static vb_document *new_doc(void)
{
    return track(vb_document_new("t.yaml"), free_doc);
}

static const vb_layout *state_layout(void)
{
    return vb_layout_for(VB_FORMAT_STATE);
}

static const vb_layout *party_layout(void)
{
    return vb_layout_for(VB_FORMAT_PARTY);
}

static void set_text(vb_text *t, const char *s)
{
    free(t->text);
    t->text = s ? vb_strdup(s) : NULL;
}

static vb_document *make_doc(vb_format format, const char *place, int y, int m, int d)
{
    vb_document *doc = new_doc();
    doc->format = format;
    set_text(&doc->place, place);
    doc->date.year = y;
    doc->date.month = m;
    doc->date.day = d;
    doc->date.present = 1;
    return doc;
}

/* Compares an owned result with the expected text, then frees it. */
static void check_owned(const char *file, int line, char *got, const char *want, const char *what)
{
    if (!got) {
        print_error("%s:%d: %s: got NULL, expected \"%s\"\n", file, line, what, want);
        _fail(file, line);
    }
    if (strcmp(got, want) != 0) {
        print_error("%s:%d: %s:\n  expected \"%s\"\n  got      \"%s\"\n", file, line, what, want,
                    got);
        free(got);
        _fail(file, line);
    }
    free(got);
}
#define assert_owned_equal(got, want, what) check_owned(__FILE__, __LINE__, (got), (want), (what))

static char *concat3(const char *a, const char *b, const char *c)
{
    size_t n = strlen(a) + strlen(b) + strlen(c) + 1;
    char *s = malloc(n);
    assert_non_null(s);
    snprintf(s, n, "%s%s%s", a, b, c);
    return track(s, free);
}

/* ---- day and month -------------------------------------------------------------------- */

static void test_day_leading_zero(void **state)
{
    (void)state;
    static const struct {
        int day;
        const char *want;
    } cases[] = {{1, "01"}, {5, "05"}, {9, "09"}, {10, "10"}, {20, "20"}, {31, "31"}};
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        char buf[16];
        vb_format_day(cases[i].day, buf, sizeof buf);
        if (strcmp(buf, cases[i].want) != 0)
            fail_msg("vb_format_day(%d) = \"%s\", expected \"%s\" (zero only below 10)",
                     cases[i].day, buf, cases[i].want);
    }
}

static void test_month_leading_zero_only_january_february(void **state)
{
    (void)state;
    static const char *const want[13] = {NULL, "01", "02", "3", "4", "5", "6",
                                         "7",  "8",  "9",  "10", "11", "12"};
    for (int m = 1; m <= 12; m++) {
        char buf[16];
        vb_format_month(m, buf, sizeof buf);
        if (strcmp(buf, want[m]) != 0)
            fail_msg("vb_format_month(%d) = \"%s\", expected \"%s\" (NĐ30: zero for months 1 "
                     "and 2 only)",
                     m, buf, want[m]);
    }
}

static void test_short_date(void **state)
{
    (void)state;
    char buf[32];
    vb_date d = {2022, 11, 25, {NULL, 0, 0}, 1};
    vb_format_short_date(&d, buf, sizeof buf);
    assert_string_equal(buf, "25/11/2022");
    vb_date e = {2022, 4, 12, {NULL, 0, 0}, 1};
    vb_format_short_date(&e, buf, sizeof buf);
    assert_string_equal(buf, "12/4/2022");
    vb_date f = {2024, 1, 5, {NULL, 0, 0}, 1};
    vb_format_short_date(&f, buf, sizeof buf);
    assert_string_equal(buf, "05/01/2024");
}

/* ---- date line ------------------------------------------------------------------------ */

static void test_date_line_full_dates(void **state)
{
    (void)state;
    static const struct {
        const char *place;
        int y, m, d;
        const char *want;
    } cases[] = {
        {"Bắc Giang", 2024, 1, 5, "Bắc Giang, ngày 05 tháng 01 năm 2024"},
        {"Hà Nội", 2019, 6, 29, "Hà Nội, ngày 29 tháng 6 năm 2019"},
        {"Tuyên Quang", 2022, 11, 25, "Tuyên Quang, ngày 25 tháng 11 năm 2022"},
        {"Hạ Long", 2018, 2, 20, "Hạ Long, ngày 20 tháng 02 năm 2018"},
        {"Thành phố Hồ Chí Minh", 2020, 3, 9, "Thành phố Hồ Chí Minh, ngày 09 tháng 3 năm 2020"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        for (int f = 0; f < 2; f++) {
            vb_format format = f ? VB_FORMAT_PARTY : VB_FORMAT_STATE;
            vb_document *doc = make_doc(format, cases[i].place, cases[i].y, cases[i].m, cases[i].d);
            assert_owned_equal(vb_format_date_line(vb_layout_for(format), doc), cases[i].want,
                               f ? "date line (Party)" : "date line (state)");
            release(doc);
        }
    }
}

static void test_date_line_drafts(void **state)
{
    (void)state;
    for (int f = 0; f < 2; f++) {
        const vb_layout *layout = f ? party_layout() : state_layout();
        assert_non_null(layout->blank_day);
        /* Room for the văn thư to write the day in by hand. */
        assert_true(strlen(layout->blank_day) >= 2);

        /* Blank day (ngay: 2024-12). */
        vb_document *doc = make_doc(f ? VB_FORMAT_PARTY : VB_FORMAT_STATE, "Bắc Giang", 2024, 12, 0);
        char *head = concat3("Bắc Giang, ngày ", layout->blank_day, " tháng 12 năm 2024");
        assert_owned_equal(vb_format_date_line(layout, doc), head, "draft date line, blank day");
        release(head);
        release(doc);

        /* Blank day and month (ngay: 2025). */
        doc = make_doc(f ? VB_FORMAT_PARTY : VB_FORMAT_STATE, "Bắc Giang", 2025, 0, 0);
        char *a = concat3("Bắc Giang, ngày ", layout->blank_day, " tháng ");
        char *want = concat3(a, layout->blank_day, " năm 2025");
        assert_owned_equal(vb_format_date_line(layout, doc), want,
                           "draft date line, blank day and month");
        release(want);
        release(a);
        release(doc);
    }
}

/* ---- number line ---------------------------------------------------------------------- */

static void check_number_line(const char *file, int line, vb_format format, int number,
                              const char *code, const char *want)
{
    vb_document *doc = new_doc();
    doc->format = format;
    doc->number = number;
    set_text(&doc->code, code);
    check_owned(file, line, vb_format_number_line(vb_layout_for(format), doc), want, "number line");
    release(doc);
}
#define assert_number_line(format, number, code, want)                                         \
    check_number_line(__FILE__, __LINE__, (format), (number), (code), (want))

static void test_number_line_state(void **state)
{
    (void)state;
    assert_number_line(VB_FORMAT_STATE, 5, "BC-UBND", "Số: 05/BC-UBND");
    assert_number_line(VB_FORMAT_STATE, 120, "TB-UBND", "Số: 120/TB-UBND");
    assert_number_line(VB_FORMAT_STATE, 10, "QĐ-BNV", "Số: 10/QĐ-BNV");
    /* The ký hiệu is written as issued (TTr has lower-case letters). */
    assert_number_line(VB_FORMAT_STATE, 3, "TTr-UBND", "Số: 03/TTr-UBND");
    assert_number_line(VB_FORMAT_STATE, 12, "UBND-VX", "Số: 12/UBND-VX");
}

static void test_number_line_state_blank(void **state)
{
    (void)state;
    const vb_layout *layout = state_layout();
    char *want = concat3("Số: ", layout->blank_number, "/BC-UBND");
    assert_true(strlen(layout->blank_number) >= 2);
    assert_number_line(VB_FORMAT_STATE, 0, "BC-UBND", want);
    release(want);
}

static void test_number_line_party(void **state)
{
    (void)state;
    /* No colon after "Số"; a hyphen between number and ký hiệu. */
    assert_number_line(VB_FORMAT_PARTY, 111, "NQ/TU", "Số 111-NQ/TU");
    assert_number_line(VB_FORMAT_PARTY, 1, "BC/CB", "Số 01-BC/CB");
    assert_number_line(VB_FORMAT_PARTY, 36, "HD/VPTW", "Số 36-HD/VPTW");
    const vb_layout *layout = party_layout();
    char *want = concat3("Số ", layout->blank_number, "-NQ/TU");
    assert_number_line(VB_FORMAT_PARTY, 0, "NQ/TU", want);
    release(want);
}

/* ---- tasks ---------------------------------------------------------------------------- */

static vb_node *make_task(const char *action, const char *coordinator, const char *product)
{
    vb_node *t = track(vb_node_new(VB_NODE_TASK, (vb_pos){"t.yaml", 1, 1}), free_node);
    set_text(&t->task.action, action);
    set_text(&t->task.coordinator, coordinator);
    set_text(&t->task.product, product);
    return t;
}

static void set_deadline(vb_node *t, int y, int m, int d)
{
    t->task.deadline.kind = d ? VB_DEADLINE_DAY : m ? VB_DEADLINE_MONTH : VB_DEADLINE_YEAR;
    t->task.deadline.end.year = y;
    t->task.deadline.end.month = m;
    t->task.deadline.end.day = d;
    t->task.deadline.end.present = 1;
}

static void set_text_deadline(vb_node *t, const char *text)
{
    t->task.deadline.kind = VB_DEADLINE_TEXT;
    set_text(&t->task.deadline.text, text);
}

static void test_task_action_only(void **state)
{
    (void)state;
    vb_node *t = make_task("Triển khai chuyển đổi IPv6", NULL, NULL);
    assert_owned_equal(vb_format_task(t), "Triển khai chuyển đổi IPv6.", "task");
    release(t);
}

static void test_task_with_everything_and_date(void **state)
{
    (void)state;
    vb_node *t = make_task("Rà soát danh mục nhiệm vụ", "Sở Tài chính", "Báo cáo rà soát");
    set_deadline(t, 2024, 1, 5);
    assert_owned_equal(vb_format_task(t),
                       "Rà soát danh mục nhiệm vụ trước ngày 05/01/2024; phối hợp: Sở Tài chính; "
                       "sản phẩm: Báo cáo rà soát.",
                       "task with coordinator, product and date");
    release(t);
}

static void test_task_date_deadline(void **state)
{
    (void)state;
    vb_node *t = make_task("Rà soát, báo cáo Ủy ban nhân dân tỉnh", NULL, NULL);
    set_deadline(t, 2022, 11, 25);
    assert_owned_equal(vb_format_task(t),
                       "Rà soát, báo cáo Ủy ban nhân dân tỉnh trước ngày 25/11/2022.",
                       "task with a date deadline");
    release(t);
}

static void test_task_coordinator_only(void **state)
{
    (void)state;
    vb_node *t = make_task("Xây dựng kế hoạch", "Sở Nội vụ", NULL);
    assert_owned_equal(vb_format_task(t), "Xây dựng kế hoạch; phối hợp: Sở Nội vụ.",
                       "task with a coordinator");
    release(t);
}

static void test_task_text_deadline(void **state)
{
    (void)state;
    /* docs/format.md, Tasks: "` trước ngày DD/MM/YYYY` (or `, thời hạn: <text>`) + `.`" */
    vb_node *t = make_task("Triển khai IPv6", NULL, NULL);
    set_text_deadline(t, "học kỳ I năm học 2024-2025");
    assert_owned_equal(vb_format_task(t), "Triển khai IPv6, thời hạn: học kỳ I năm học 2024-2025.",
                       "task with a text deadline (as docs/format.md specifies)");
    release(t);
}

static void test_task_trailing_punctuation_in_action_not_doubled(void **state)
{
    (void)state;
    static const char *const actions[] = {"Triển khai IPv6.", "Triển khai IPv6;",
                                          "Triển khai IPv6,", "Triển khai IPv6. "};
    for (size_t i = 0; i < sizeof actions / sizeof *actions; i++) {
        vb_node *t = make_task(actions[i], NULL, NULL);
        assert_owned_equal(vb_format_task(t), "Triển khai IPv6.", "task ending in punctuation");
        release(t);
    }
    vb_node *t = make_task("Báo cáo kết quả.", NULL, NULL);
    set_deadline(t, 2024, 3, 1);
    assert_owned_equal(vb_format_task(t), "Báo cáo kết quả trước ngày 01/3/2024.",
                       "task ending in '.' with a date");
    release(t);
}

/* Each kind of deadline, in a task's sentence and in a table's Thời gian cell: the wording
 * docs/format.md gives, with a non-breaking hyphen (U+2011) inside a range of months. */
static void test_deadline_wording(void **state)
{
    (void)state;
    static const vb_date none = {0};
    struct {
        vb_deadline d;
        const char *sentence, *cell;
    } cases[] = {
        {{VB_DEADLINE_DAY, none, {2025, 3, 31, {0}, 1}, 0, 0, {0}, {0}},
         " trước ngày 31/3/2025", "Trước ngày 31/3/2025"},
        {{VB_DEADLINE_DAY, none, {2025, 1, 5, {0}, 1}, 0, 0, {0}, {0}},
         " trước ngày 05/01/2025", "Trước ngày 05/01/2025"},
        {{VB_DEADLINE_MONTH, none, {2025, 9, 0, {0}, 1}, 0, 0, {0}, {0}},
         " trong tháng 9/2025", "Tháng 9/2025"},
        {{VB_DEADLINE_QUARTER, none, {2025, 0, 0, {0}, 1}, 3, 0, {0}, {0}},
         " trong quý III/2025", "Quý III/2025"},
        {{VB_DEADLINE_YEAR, none, {2026, 0, 0, {0}, 1}, 0, 0, {0}, {0}},
         " trong năm 2026", "Năm 2026"},
        {{VB_DEADLINE_RANGE, {2025, 10, 1, {0}, 1}, {2025, 10, 31, {0}, 1}, 0, 0, {0}, {0}},
         " từ ngày 01/10/2025 đến ngày 31/10/2025", "Từ ngày 01/10/2025 đến ngày 31/10/2025"},
        {{VB_DEADLINE_RANGE, {2025, 9, 0, {0}, 1}, {2025, 10, 0, {0}, 1}, 0, 0, {0}, {0}},
         " trong tháng 9\xe2\x80\x91" "10/2025", "Tháng 9\xe2\x80\x91" "10/2025"},
        {{VB_DEADLINE_RANGE, {2025, 11, 0, {0}, 1}, {2026, 2, 0, {0}, 1}, 0, 0, {0}, {0}},
         " từ tháng 11/2025 đến tháng 2/2026", "Từ tháng 11/2025 đến tháng 2/2026"},
        {{VB_DEADLINE_RECURRING, none, none, 0, VB_RECUR_YEARLY, {0}, {0}},
         ", thực hiện hằng năm", "Hằng năm"},
        {{VB_DEADLINE_RECURRING, none, none, 0, VB_RECUR_REGULAR, {0}, {0}},
         ", thực hiện thường xuyên", "Thường xuyên"},
        {{VB_DEADLINE_RECURRING, none, none, 0, VB_RECUR_QUARTERLY, {0}, {0}},
         ", thực hiện hằng quý", "Hằng quý"},
        {{VB_DEADLINE_RECURRING, none, none, 0, VB_RECUR_DAILY, {0}, {0}},
         ", thực hiện hằng ngày", "Hằng ngày"},
        {{VB_DEADLINE_TEXT, none, none, 0, 0, {(char *)"6 tháng đầu năm", {0}}, {0}},
         ", thời hạn: 6 tháng đầu năm", "6 tháng đầu năm"},
        {{VB_DEADLINE_NONE, none, none, 0, 0, {0}, {0}}, "", ""},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        assert_owned_equal(vb_format_deadline(&cases[i].d, 0), cases[i].sentence, "deadline in a sentence");
        assert_owned_equal(vb_format_deadline(&cases[i].d, 1), cases[i].cell, "deadline in a table cell");
    }
    /* The whole sentence of a task with a quarter, as the prose shows it. */
    vb_node *t = make_task("Tuyên truyền về dịch vụ công trực tuyến", "Sở Nội vụ", NULL);
    t->task.deadline = cases[3].d;
    assert_owned_equal(vb_format_task(t),
                       "Tuyên truyền về dịch vụ công trực tuyến trong quý III/2025; phối hợp: Sở Nội vụ.",
                       "task with a quarter");
    release(t);
}

static int ends_with(const char *s, const char *tail)
{
    size_t n = strlen(s), m = strlen(tail);
    return n >= m && strcmp(s + n - m, tail) == 0;
}

static void test_task_trailing_punctuation_in_last_part_not_doubled(void **state)
{
    (void)state;
    /* Whatever part comes last (product, text deadline), a "." typed there must not give
     * "..". */
    vb_node *t = make_task("Tổng kết", NULL, "Báo cáo tổng kết.");
    char *s = track(vb_format_task(t), free);
    if (!ends_with(s, "Báo cáo tổng kết.") || ends_with(s, ".."))
        fail_msg("product ending in '.': \"%s\"", s);
    release(s);
    release(t);

    t = make_task("Kiểm tra", NULL, NULL);
    set_text_deadline(t, "Hằng năm.");
    s = track(vb_format_task(t), free);
    if (!ends_with(s, "Hằng năm.") || ends_with(s, ".."))
        fail_msg("text deadline ending in '.': \"%s\"", s);
    release(s);
    release(t);
}

/* ---- recipients and addressees -------------------------------------------------------- */

static void fill_lines(vb_lines *lines, const char *const *items, size_t n)
{
    for (size_t i = 0; i < n; i++)
        vb_lines_append(lines, vb_strdup(items[i]), (vb_pos){"t.yaml", (unsigned)i + 1, 5});
}

static void free_lines(void *p)
{
    vb_lines_free(p);
    free(p);
}

static void check_lines(const char *file, int line, const vb_layout *layout,
                        const char *const *items, const char *const *want, size_t n,
                        int addressees)
{
    vb_lines *lines = track(calloc(1, sizeof(vb_lines)), free_lines);
    assert_non_null(lines);
    fill_lines(lines, items, n);
    for (size_t i = 0; i < n; i++) {
        char *got = addressees ? vb_format_addressee(layout, lines, i)
                               : vb_format_recipient(layout, lines, i);
        char what[64];
        snprintf(what, sizeof what, "%s #%zu (%s)", addressees ? "addressee" : "recipient", i,
                 layout->id);
        check_owned(file, line, got, want[i], what);
    }
    release(lines);
}
#define assert_recipients(layout, items, want)                                                 \
    check_lines(__FILE__, __LINE__, (layout), (items), (want), sizeof(items) / sizeof *(items), 0)
#define assert_addressees(layout, items, want)                                                 \
    check_lines(__FILE__, __LINE__, (layout), (items), (want), sizeof(items) / sizeof *(items), 1)

static void test_recipients_state(void **state)
{
    (void)state;
    static const char *const items[] = {"Như trên", "TT Tỉnh ủy, UBND tỉnh (báo cáo)",
                                        "Lưu: VT, TH"};
    static const char *const want[] = {"- Như trên;", "- TT Tỉnh ủy, UBND tỉnh (báo cáo);",
                                       "- Lưu: VT, TH."};
    assert_recipients(state_layout(), items, want);
}

static void test_recipients_party(void **state)
{
    (void)state;
    static const char *const items[] = {"Ban Thường vụ Tỉnh ủy", "Các đảng bộ trực thuộc",
                                        "Lưu Văn phòng Tỉnh ủy"};
    static const char *const want[] = {"- Ban Thường vụ Tỉnh ủy,", "- Các đảng bộ trực thuộc,",
                                       "- Lưu Văn phòng Tỉnh ủy."};
    assert_recipients(party_layout(), items, want);
}

static void test_recipients_typed_marks_not_doubled(void **state)
{
    (void)state;
    /* The drafter typed the dash and/or the separator already. */
    static const char *const items[] = {"- Như trên;", "- Sở Tài chính", "UBND các huyện;",
                                        "Sở Nội vụ,", "- Lưu: VT, TH."};
    static const char *const want[] = {"- Như trên;", "- Sở Tài chính;", "- UBND các huyện;",
                                       "- Sở Nội vụ;", "- Lưu: VT, TH."};
    assert_recipients(state_layout(), items, want);
    static const char *const party_want[] = {"- Như trên,", "- Sở Tài chính,",
                                             "- UBND các huyện,", "- Sở Nội vụ,",
                                             "- Lưu: VT, TH."};
    assert_recipients(party_layout(), items, party_want);
}

static void test_single_recipient_ends_with_period(void **state)
{
    (void)state;
    static const char *const items[] = {"Lưu: VT"};
    static const char *const want[] = {"- Lưu: VT."};
    assert_recipients(state_layout(), items, want);
}

static void test_addressees(void **state)
{
    (void)state;
    static const char *const items[] = {"Bộ Nội vụ", "Bộ Tài chính;"};
    static const char *const want[] = {"- Bộ Nội vụ;", "- Bộ Tài chính."};
    assert_addressees(state_layout(), items, want);
}

/* ---- tên loại ------------------------------------------------------------------------- */

static void check_type_name(const char *file, int line, vb_format format, const char *code,
                            const char *want)
{
    vb_document *doc = new_doc();
    doc->format = format;
    set_text(&doc->type_code, code);
    char *lines[4] = {0};
    size_t n = vb_type_name_lines(doc, lines, 4);
    if (want == NULL) {
        if (n != 0) {
            print_error("%s:%d: type %s: expected no tên loại, got %zu line(s) (\"%s\")\n", file,
                        line, code, n, lines[0]);
            _fail(file, line);
        }
    } else {
        if (n != 1) {
            print_error("%s:%d: type %s: expected 1 line \"%s\", got %zu\n", file, line, code, want,
                        n);
            _fail(file, line);
        }
        check_owned(file, line, lines[0], want, "tên loại");
    }
    release(doc);
}
#define assert_type_name(format, code, want)                                                   \
    check_type_name(__FILE__, __LINE__, (format), (code), (want))

static void test_type_name_from_table(void **state)
{
    (void)state;
    assert_type_name(VB_FORMAT_STATE, "BC", "BÁO CÁO");
    assert_type_name(VB_FORMAT_STATE, "TB", "THÔNG BÁO");
    assert_type_name(VB_FORMAT_STATE, "QĐ", "QUYẾT ĐỊNH");
    assert_type_name(VB_FORMAT_STATE, "QD", "QUYẾT ĐỊNH"); /* ASCII D for Đ */
    assert_type_name(VB_FORMAT_STATE, "QyĐ", "QUY ĐỊNH");
    assert_type_name(VB_FORMAT_STATE, "TTr", "TỜ TRÌNH");
    assert_type_name(VB_FORMAT_STATE, "GUQ", "GIẤY ỦY QUYỀN");
    assert_type_name(VB_FORMAT_PARTY, "NQ", "NGHỊ QUYẾT");
    assert_type_name(VB_FORMAT_PARTY, "KL", "KẾT LUẬN");
    assert_type_name(VB_FORMAT_PARTY, "QĐi", "QUY ĐỊNH");
    /* A công văn has no tên loại. */
    assert_type_name(VB_FORMAT_STATE, "CV", NULL);
    assert_type_name(VB_FORMAT_PARTY, "CV", NULL);
}

static void test_type_name_override(void **state)
{
    (void)state;
    vb_document *doc = new_doc();
    doc->format = VB_FORMAT_PARTY;
    set_text(&doc->type_code, "NQ");
    vb_lines_append(&doc->type_name, vb_strdup("Nghị quyết"), (vb_pos){"t.yaml", 3, 12});
    vb_lines_append(&doc->type_name, vb_strdup("của Ban Chấp hành Đảng bộ tỉnh"),
                    (vb_pos){"t.yaml", 3, 24});
    char *lines[4] = {0};
    size_t n = vb_type_name_lines(doc, lines, 4);
    assert_int_equal(n, 2);
    assert_owned_equal(lines[0], "NGHỊ QUYẾT", "override line 1");
    assert_owned_equal(lines[1], "CỦA BAN CHẤP HÀNH ĐẢNG BỘ TỈNH", "override line 2");

    /* `max` bounds the lines written. */
    char *one[1] = {0};
    n = vb_type_name_lines(doc, one, 1);
    assert_int_equal(n, 1);
    assert_owned_equal(one[0], "NGHỊ QUYẾT", "first override line with max 1");
    release(doc);
}

/* ---- buffer --------------------------------------------------------------------------- */

static void test_buf(void **state)
{
    (void)state;
    vb_buf b = {0};
    vb_buf_add(&b, "Số: ");
    vb_buf_printf(&b, "%02d", 5);
    vb_buf_addn(&b, "/BC-UBND-xyz", 8);
    assert_string_equal(b.data, "Số: 05/BC-UBND");
    assert_int_equal(b.len, strlen("Số: 05/BC-UBND"));
    for (int i = 0; i < 200; i++)
        vb_buf_add(&b, "ạ");
    assert_int_equal(b.len, strlen("Số: 05/BC-UBND") + 200 * strlen("ạ"));
    vb_buf_free(&b);
    assert_null(b.data);
    assert_int_equal(b.len, 0);
}

/* A công văn's trích yếu with the "V/v" a drafter typed (in any of its forms) taken off. */
static void test_cong_van_subject_typed_prefix(void **state)
{
    (void)state;
    static const char *const cases[][2] = {
        {"V/v phối hợp", "phối hợp"},     {"V/v: phối hợp", "phối hợp"},
        {"Về việc phối hợp", "phối hợp"}, {"về việc phối hợp", "phối hợp"},
        {"phối hợp", "phối hợp"},         {"Việc phối hợp", "Việc phối hợp"},
        /* in another case, or typed twice */
        {"v/v phối hợp", "phối hợp"},     {"V/V phối hợp", "phối hợp"},
        {"VỀ VIỆC phối hợp", "phối hợp"}, {"V/v V/v phối hợp", "phối hợp"},
        {"V/v: Về việc phối hợp", "phối hợp"},
        /* a word that only starts like one stays */
        {"V/vận động", "V/vận động"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++)
        assert_string_equal(vb_format_cong_van_subject(cases[i][0]), cases[i][1]);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_teardown(test_day_leading_zero, release_all),
        cmocka_unit_test_teardown(test_month_leading_zero_only_january_february, release_all),
        cmocka_unit_test_teardown(test_short_date, release_all),
        cmocka_unit_test_teardown(test_date_line_full_dates, release_all),
        cmocka_unit_test_teardown(test_date_line_drafts, release_all),
        cmocka_unit_test_teardown(test_number_line_state, release_all),
        cmocka_unit_test_teardown(test_number_line_state_blank, release_all),
        cmocka_unit_test_teardown(test_number_line_party, release_all),
        cmocka_unit_test(test_cong_van_subject_typed_prefix),
        cmocka_unit_test_teardown(test_task_action_only, release_all),
        cmocka_unit_test_teardown(test_task_with_everything_and_date, release_all),
        cmocka_unit_test_teardown(test_task_date_deadline, release_all),
        cmocka_unit_test_teardown(test_task_coordinator_only, release_all),
        cmocka_unit_test_teardown(test_task_text_deadline, release_all),
        cmocka_unit_test_teardown(test_deadline_wording, release_all),
        cmocka_unit_test_teardown(test_task_trailing_punctuation_in_action_not_doubled, release_all),
        cmocka_unit_test_teardown(test_task_trailing_punctuation_in_last_part_not_doubled, release_all),
        cmocka_unit_test_teardown(test_recipients_state, release_all),
        cmocka_unit_test_teardown(test_recipients_party, release_all),
        cmocka_unit_test_teardown(test_recipients_typed_marks_not_doubled, release_all),
        cmocka_unit_test_teardown(test_single_recipient_ends_with_period, release_all),
        cmocka_unit_test_teardown(test_addressees, release_all),
        cmocka_unit_test_teardown(test_type_name_from_table, release_all),
        cmocka_unit_test_teardown(test_type_name_override, release_all),
        cmocka_unit_test_teardown(test_buf, release_all),
    };
    return cmocka_run_group_tests_name("format", tests, NULL, NULL);
}
