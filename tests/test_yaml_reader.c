/* The YAML loader (vb_yaml_read) on in-memory documents: every error case returns NULL and
 * reports one diagnostic with the exact line and column (in characters) to fix, its rule id
 * and a message that says what is wrong; the valid cases fill the model (sections, numbering,
 * tasks, recipients) with NFC text. Diagnostics are in English unless a test says otherwise. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "model/diag.h"
#include "model/model.h"
#include "read/yaml_reader.h"

#define SOURCE_NAME "test.yaml"

/* A minimal valid state document. Line numbers (used by the position checks below are
 * computed with line_of(), not hard-coded, but for the reader):
 *  1 the_thuc   2 loai   3 co_quan   4 so   5 ky_hieu   6 dia_danh   7 ngay   8 trich_yeu
 *  9 noi_dung  11 noi_nhan  14 ky */
static const char MIN_DOC[] =
    "the_thuc: nha_nuoc\n"
    "loai: BC\n"
    "co_quan: ỦY BAN NHÂN DÂN TỈNH BẮC GIANG\n"
    "so: 5\n"
    "ky_hieu: BC-UBND\n"
    "dia_danh: Bắc Giang\n"
    "ngay: 2024-01-05\n"
    "trich_yeu: Kết quả chuyển đổi số năm 2024\n"
    "noi_dung:\n"
    "  - Đoạn mở đầu.\n"
    "noi_nhan:\n"
    "  - Như trên\n"
    "  - \"Lưu: VT, TH\"\n"
    "ky:\n"
    "  quyen_han: TM. ỦY BAN NHÂN DÂN\n"
    "  chuc_vu: CHỦ TỊCH\n"
    "  ho_ten: Nguyễn Văn A\n";

/* ---- helpers -------------------------------------------------------------------------- */

/* Everything a test allocates is tracked and freed by the teardown, so a failing assertion
 * (which longjmps out of the test) leaks nothing and valgrind only reports the library. */
typedef void (*free_fn)(void *);
static struct {
    void *p;
    free_fn fn;
} owned[64];
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

/* Frees a tracked pointer now (NULL is ignored). */
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

static void free_diags(void *p)
{
    vb_diagnostics_free(p);
    free(p);
}

static void free_doc(void *p)
{
    vb_document_free(p);
}

static vb_diagnostics *new_diags(vb_lang lang)
{
    vb_diagnostics *d = malloc(sizeof *d);
    assert_non_null(d);
    vb_diagnostics_init(d, lang);
    return track(d, free_diags);
}

static vb_document *load_n(const char *yaml, size_t len, vb_diagnostics *d)
{
    return vb_yaml_read(SOURCE_NAME, yaml, len, d);
}

static vb_document *load(const char *yaml, vb_diagnostics *d)
{
    return load_n(yaml, strlen(yaml), d);
}

static void dump_diagnostics(const vb_diagnostics *d)
{
    print_error("  %zu diagnostic(s):\n", d->count);
    for (size_t i = 0; i < d->count; i++)
        print_error("    %s:%u:%u: [%s] %s\n", d->items[i].file, d->items[i].line,
                    d->items[i].column, d->items[i].rule ? d->items[i].rule : "-",
                    d->items[i].message);
}

/* 1-based line of the top-level key `key` in `yaml`, 0 when absent. */
static unsigned line_of(const char *yaml, const char *key)
{
    size_t klen = strlen(key);
    unsigned line = 1;
    for (const char *p = yaml; *p; line++) {
        if (strncmp(p, key, klen) == 0 && p[klen] == ':')
            return line;
        const char *nl = strchr(p, '\n');
        if (!nl)
            break;
        p = nl + 1;
    }
    return 0;
}

/* A copy of `base` where the top-level entry `key` (its line and its indented continuation
 * lines) is replaced by `replacement` (one or more whole lines without the final newline),
 * or removed when `replacement` is NULL. */
static char *replace_entry(const char *base, const char *key, const char *replacement)
{
    size_t klen = strlen(key);
    size_t cap = strlen(base) + (replacement ? strlen(replacement) : 0) + 2;
    char *out = malloc(cap);
    assert_non_null(out);
    out[0] = '\0';
    int found = 0, skipping = 0;
    for (const char *p = base; *p;) {
        const char *nl = strchr(p, '\n');
        size_t n = nl ? (size_t)(nl - p + 1) : strlen(p);
        int is_key = strncmp(p, key, klen) == 0 && p[klen] == ':';
        int continuation = p[0] == ' ' || p[0] == '\t';
        if (is_key) {
            found = 1;
            skipping = 1;
            if (replacement) {
                strcat(out, replacement);
                strcat(out, "\n");
            }
        } else if (skipping && continuation) {
            /* part of the replaced entry */
        } else {
            skipping = 0;
            strncat(out, p, n);
        }
        p += n;
    }
    if (!found)
        fail_msg("test bug: key `%s` not in the base document", key);
    return track(out, free);
}

static const vb_diagnostic *find_diag(const vb_diagnostics *d, const char *rule)
{
    for (size_t i = 0; i < d->count; i++)
        if (d->items[i].rule && strcmp(d->items[i].rule, rule) == 0)
            return &d->items[i];
    return NULL;
}

/* Asserts that `doc` is NULL and that a diagnostic with `rule` sits at line:column with
 * `phrase` in its message. Dumps every diagnostic when not. */
static void check_error_at(const char *file, int line_no, vb_document *doc,
                           const vb_diagnostics *d, unsigned line, unsigned column,
                           const char *rule, const char *phrase)
{
    if (doc) {
        print_error("%s:%d: expected vb_yaml_read() to return NULL (rule %s)\n", file, line_no,
                    rule);
        dump_diagnostics(d);
        vb_document_free(doc);
        _fail(file, line_no);
    }
    const vb_diagnostic *g = find_diag(d, rule);
    if (!g) {
        print_error("%s:%d: no diagnostic with rule %s\n", file, line_no, rule);
        dump_diagnostics(d);
        _fail(file, line_no);
    }
    if (g->severity != VB_SEV_ERROR || g->line != line || g->column != column ||
        !strstr(g->message, phrase) || strcmp(g->file, SOURCE_NAME) != 0) {
        print_error("%s:%d: expected an error [%s] at %s:%u:%u containing \"%s\";\n"
                    "  got severity %d at %s:%u:%u: %s\n",
                    file, line_no, rule, SOURCE_NAME, line, column, phrase, (int)g->severity,
                    g->file, g->line, g->column, g->message);
        dump_diagnostics(d);
        _fail(file, line_no);
    }
}
#define assert_error_at(doc, d, line, column, rule, phrase)                                    \
    check_error_at(__FILE__, __LINE__, (doc), (d), (line), (column), (rule), (phrase))

/* Loads `yaml` and asserts the error; frees everything. */
static void expect_error(const char *file, int line_no, const char *yaml, size_t len,
                         unsigned line, unsigned column, const char *rule, const char *phrase)
{
    vb_diagnostics *d = new_diags(VB_LANG_EN);
    vb_document *doc = load_n(yaml, len, d);
    check_error_at(file, line_no, doc, d, line, column, rule, phrase);
    release(d);
}
#define EXPECT_ERROR(yaml, line, column, rule, phrase)                                         \
    expect_error(__FILE__, __LINE__, (yaml), strlen(yaml), (line), (column), (rule), (phrase))

/* Loads `yaml`, asserting success (dumping the diagnostics otherwise). */
static vb_document *check_loads(const char *file, int line_no, const char *yaml)
{
    vb_diagnostics *d = new_diags(VB_LANG_EN);
    vb_document *doc = load(yaml, d);
    if (!doc || d->error_count) {
        print_error("%s:%d: expected the document to load without errors\n", file, line_no);
        dump_diagnostics(d);
        vb_document_free(doc);
        release(d);
        _fail(file, line_no);
    }
    release(d);
    return track(doc, free_doc);
}
#define LOADS(yaml) check_loads(__FILE__, __LINE__, (yaml))

/* MIN_DOC with its noi_dung replaced by `body` (lines starting "noi_dung:"). */
static vb_document *load_body(const char *file, int line_no, const char *body)
{
    char *yaml = replace_entry(MIN_DOC, "noi_dung", body);
    vb_document *doc = check_loads(file, line_no, yaml);
    release(yaml);
    return doc;
}
#define LOAD_BODY(body) load_body(__FILE__, __LINE__, (body))

static const vb_node *child_at(const vb_node *parent, size_t index)
{
    const vb_node *n = parent->first_child;
    for (size_t i = 0; n && i < index; i++)
        n = n->next;
    if (!n)
        fail_msg("node has no child #%zu", index);
    return n;
}

static size_t child_count(const vb_node *parent)
{
    size_t n = 0;
    for (const vb_node *c = parent->first_child; c; c = c->next)
        n++;
    return n;
}

static void assert_title(const vb_node *node, const char *expected)
{
    char *plain = vb_inline_plain(&node->title);
    if (strcmp(plain, expected) != 0) {
        print_error("title: expected \"%s\", got \"%s\"\n", expected, plain);
        free(plain);
        fail();
    }
    free(plain);
}

static void assert_content(const vb_node *node, const char *expected)
{
    char *plain = vb_inline_plain(&node->content);
    if (strcmp(plain, expected) != 0) {
        print_error("paragraph: expected \"%s\", got \"%s\"\n", expected, plain);
        free(plain);
        fail();
    }
    free(plain);
}

static void assert_section(const vb_node *n, vb_node_kind kind, vb_section_level level,
                           int ordinal, int depth)
{
    if (n->kind != kind || n->level != level || n->ordinal != ordinal || n->depth != depth)
        fail_msg("expected kind %d level %d ordinal %d depth %d; got kind %d level %d ordinal %d "
                 "depth %d",
                 kind, level, ordinal, depth, n->kind, n->level, n->ordinal, n->depth);
}

/* ---- malformed input ------------------------------------------------------------------ */

static void test_syntax_error_bad_indentation(void **state)
{
    (void)state;
    /* "  co_quan: X" is indented under a scalar: libyaml stops at its ':' (column 10). */
    EXPECT_ERROR("the_thuc: nha_nuoc\nloai: BC\n  co_quan: X\n", 3, 10, "YAML-SYNTAX",
                 "mapping values are not allowed");
}

static void test_syntax_error_unclosed_quote(void **state)
{
    (void)state;
    /* The quote opened on line 2 runs to the end of the input (line 4, column 1); the
     * message names the line where it started. */
    EXPECT_ERROR("the_thuc: nha_nuoc\ndia_danh: \"Bắc Giang\nngay: 2024-01-05\n", 4, 1,
                 "YAML-SYNTAX", "from line 2");
    EXPECT_ERROR("the_thuc: nha_nuoc\ndia_danh: \"Bắc Giang\nngay: 2024-01-05\n", 4, 1,
                 "YAML-SYNTAX", "quoted scalar");
}

static void test_syntax_error_column_counts_characters(void **state)
{
    (void)state;
    /* The second ':' is character 20 of the line, byte 21 ("ắ" is 3 bytes). */
    EXPECT_ERROR("the_thuc: nha_nuoc\ndia_danh: Bắc Giang: x\n", 2, 20, "YAML-SYNTAX",
                 "mapping values are not allowed");
}

static void test_invalid_utf8_position_in_characters(void **state)
{
    (void)state;
    /* Line 3 is "co_quan: ỦY BAN \xFF": 16 characters (18 bytes) before the bad byte, so
     * the column is 17, not 19. */
    static const char yaml[] = "the_thuc: nha_nuoc\nloai: BC\nco_quan: ỦY BAN \xff BẮC GIANG\n";
    EXPECT_ERROR(yaml, 3, 17, "INPUT-UTF8", "not valid UTF-8 (byte 0xFF)");
}

static void test_invalid_utf8_truncated_sequence(void **state)
{
    (void)state;
    /* A lead byte of a 3-byte sequence followed by ASCII (e.g. a Latin-1/CP1258 file). */
    static const char yaml[] = "the_thuc: nha_nuoc\nloai: BC\nco_quan: Ph\xe1ng\n";
    EXPECT_ERROR(yaml, 3, 12, "INPUT-UTF8", "byte 0xE1");
}

/* Each kind of ill-formed sequence, after runs of ASCII of several lengths (the check reads
 * ASCII eight bytes at a time) and at the very end of the input. */
static void test_invalid_utf8_kinds(void **state)
{
    (void)state;
    /* "co_quan: " is 9 characters, then 16 letters: the bad sequence is character 26. */
    EXPECT_ERROR("the_thuc: nha_nuoc\nco_quan: ABCDEFGHIJKLMNOP\xed\xa0\x80\n", 2, 26, "INPUT-UTF8",
                 "byte 0xED"); /* a surrogate, U+D800 */
    EXPECT_ERROR("the_thuc: nha_nuoc\nco_quan: ABCDEFG\xc0\x80\n", 2, 17, "INPUT-UTF8",
                 "byte 0xC0"); /* an overlong NUL */
    EXPECT_ERROR("the_thuc: nha_nuoc\nco_quan: Bắc Giang \xf4\x90\x80\x80\n", 2, 20, "INPUT-UTF8",
                 "byte 0xF4"); /* beyond U+10FFFF */
    EXPECT_ERROR("the_thuc: nha_nuoc\nco_quan: \x80x\n", 2, 10, "INPUT-UTF8",
                 "byte 0x80"); /* a continuation byte alone */
    EXPECT_ERROR("the_thuc: nha_nuoc\nco_quan: Bắc Giang \xe1\xba", 2, 20, "INPUT-UTF8",
                 "byte 0xE1"); /* cut off at the end of the file */
}

static void test_nul_byte(void **state)
{
    (void)state;
    static const char yaml[] = "the_thuc: nha_nuoc\nloai: BC\nco_quan: A\0B\n";
    expect_error(__FILE__, __LINE__, yaml, sizeof yaml - 1, 3, 11, "INPUT-UTF8", "byte 0x00");
}

/* ---- required fields ------------------------------------------------------------------- */

static void test_missing_required_fields(void **state)
{
    (void)state;
    static const struct {
        const char *key;
        const char *phrase;
    } required[] = {
        {"the_thuc", "`the_thuc` is missing"}, {"loai", "`loai` is missing"},
        {"co_quan", "`co_quan` is missing"},   {"ky_hieu", "`ky_hieu` is missing"},
        {"dia_danh", "`dia_danh` is missing"}, {"ngay", "`ngay` is missing"},
        {"noi_dung", "`noi_dung` is missing"}, {"noi_nhan", "`noi_nhan` is missing"},
        {"ky", "`ky` is missing"},
    };
    for (size_t i = 0; i < sizeof required / sizeof *required; i++) {
        char *yaml = replace_entry(MIN_DOC, required[i].key, NULL);
        vb_diagnostics *d = new_diags(VB_LANG_EN);
        vb_document *doc = load(yaml, d);
        /* The root mapping starts at 1:1, whichever key is first. */
        assert_error_at(doc, d, 1, 1, "YAML-REQUIRED", required[i].phrase);
        if (d->error_count != 1) {
            print_error("missing `%s`: expected exactly one error\n", required[i].key);
            dump_diagnostics(d);
            fail();
        }
        release(d);
        release(yaml);
    }
}

/* ---- keys ------------------------------------------------------------------------------ */

static void test_unknown_key_did_you_mean(void **state)
{
    (void)state;
    char *yaml = replace_entry(MIN_DOC, "noi_nhan", "noi_nhann:\n  - Như trên");
    vb_diagnostics *d = new_diags(VB_LANG_EN);
    vb_document *doc = load(yaml, d);
    assert_error_at(doc, d, line_of(yaml, "noi_nhann"), 1, "YAML-KEY",
                    "unknown key `noi_nhann` in the document; did you mean `noi_nhan`?");
    release(d);
    release(yaml);
}

static void test_unknown_key_no_close_match(void **state)
{
    (void)state;
    char *yaml = replace_entry(MIN_DOC, "trich_yeu", "xyzzy_quux: Kết quả");
    vb_diagnostics *d = new_diags(VB_LANG_EN);
    vb_document *doc = load(yaml, d);
    assert_error_at(doc, d, line_of(yaml, "xyzzy_quux"), 1, "YAML-KEY",
                    "unknown key `xyzzy_quux`");
    const vb_diagnostic *g = find_diag(d, "YAML-KEY");
    if (strstr(g->message, "did you mean"))
        fail_msg("no known key is close to `xyzzy_quux`, yet the message suggests one: %s",
                 g->message);
    release(d);
    release(yaml);

    /* A key of one letter is two edits from `so`, which is most of what was typed. */
    yaml = replace_entry(MIN_DOC, "trich_yeu", "a: Kết quả");
    d = new_diags(VB_LANG_EN);
    doc = load(yaml, d);
    assert_error_at(doc, d, line_of(yaml, "a"), 1, "YAML-KEY", "unknown key `a`");
    g = find_diag(d, "YAML-KEY");
    if (strstr(g->message, "did you mean"))
        fail_msg("`a` is no misspelling of a known key, yet the message suggests one: %s", g->message);
    release(d);
    release(yaml);
}

static void test_unknown_key_in_section_suggests(void **state)
{
    (void)state;
    char *yaml = replace_entry(MIN_DOC, "noi_dung",
                               "noi_dung:\n  - khoan: Một\n    noi_dungg:\n      - Đoạn.");
    vb_diagnostics *d = new_diags(VB_LANG_EN);
    vb_document *doc = load(yaml, d);
    assert_error_at(doc, d, line_of(yaml, "noi_dung") + 2, 5, "YAML-KEY",
                    "did you mean `noi_dung`?");
    release(d);
    release(yaml);
}

static void test_duplicate_key(void **state)
{
    (void)state;
    char *yaml = replace_entry(MIN_DOC, "dia_danh", "dia_danh: Bắc Giang\ndia_danh: Hà Nội");
    unsigned first = line_of(yaml, "dia_danh");
    vb_diagnostics *d = new_diags(VB_LANG_EN);
    vb_document *doc = load(yaml, d);
    char phrase[64];
    snprintf(phrase, sizeof phrase, "duplicate key `dia_danh` (first at line %u)", first);
    assert_error_at(doc, d, first + 1, 1, "YAML-DUP", phrase);
    release(d);
    release(yaml);
}

/* ---- dates and numbers ----------------------------------------------------------------- */

static void expect_entry_error(const char *file, int line_no, const char *key,
                               const char *replacement, unsigned column, const char *rule,
                               const char *phrase)
{
    char *yaml = replace_entry(MIN_DOC, key, replacement);
    expect_error(file, line_no, yaml, strlen(yaml), line_of(yaml, key), column, rule, phrase);
    release(yaml);
}
#define EXPECT_ENTRY_ERROR(key, replacement, column, rule, phrase)                             \
    expect_entry_error(__FILE__, __LINE__, (key), (replacement), (column), (rule), (phrase))

static void test_date_does_not_exist(void **state)
{
    (void)state;
    /* The value starts at column 7 ("ngay: " is 6 characters). */
    EXPECT_ENTRY_ERROR("ngay", "ngay: 2024-02-30", 7, "YAML-DATE",
                       "the date \"2024-02-30\" does not exist");
    EXPECT_ENTRY_ERROR("ngay", "ngay: 2023-02-29", 7, "YAML-DATE", "does not exist");
    EXPECT_ENTRY_ERROR("ngay", "ngay: 2024-13-01", 7, "YAML-DATE", "does not exist");
}

static void test_date_leap_day_accepted(void **state)
{
    (void)state;
    char *yaml = replace_entry(MIN_DOC, "ngay", "ngay: 2024-02-29");
    vb_document *doc = LOADS(yaml);
    assert_int_equal(doc->date.year, 2024);
    assert_int_equal(doc->date.month, 2);
    assert_int_equal(doc->date.day, 29);
    release(doc);
    release(yaml);
}

static void test_date_wrong_form(void **state)
{
    (void)state;
    EXPECT_ENTRY_ERROR("ngay", "ngay: 2024/01/05", 7, "YAML-DATE",
                       "\"2024/01/05\" is not a date of the form YYYY-MM-DD");
    EXPECT_ENTRY_ERROR("ngay", "ngay: 05/01/2024", 7, "YAML-DATE", "is not a date of the form");
    EXPECT_ENTRY_ERROR("ngay", "ngay: 2024-1-5", 7, "YAML-DATE", "is not a date of the form");
}

static void test_date_empty(void **state)
{
    (void)state;
    EXPECT_ENTRY_ERROR("ngay", "ngay: \"\"", 7, "YAML-DATE", "`ngay` is empty");
}

/* A blank day or number loads: whether it is allowed (a draft) is the validator's rule
 * HDR-BLANK, so `check --draft` can allow it. The blank reaches the model as 0. */
static void test_blank_day_loads_as_zero(void **state)
{
    (void)state;
    char *yaml = replace_entry(MIN_DOC, "ngay", "ngay: 2024-12");
    vb_diagnostics *d = new_diags(VB_LANG_EN);
    vb_document *doc = load(yaml, d);
    assert_non_null(doc);
    assert_int_equal(doc->date.year, 2024);
    assert_int_equal(doc->date.month, 12);
    assert_int_equal(doc->date.day, 0);
    vb_document_free(doc);
    release(d);
    release(yaml);
}

static void test_blank_number_loads_as_zero(void **state)
{
    (void)state;
    char *yaml = replace_entry(MIN_DOC, "so", "so:");
    vb_diagnostics *d = new_diags(VB_LANG_EN);
    vb_document *doc = load(yaml, d);
    assert_non_null(doc);
    assert_int_equal(doc->number, 0);
    vb_document_free(doc);
    release(d);
    release(yaml);
}

static void test_number_not_a_number(void **state)
{
    (void)state;
    EXPECT_ENTRY_ERROR("so", "so: abc", 5, "YAML-TYPE",
                       "`so` must be a whole number from 1 to 999999 (or blank in a draft), not \"abc\"");
    EXPECT_ENTRY_ERROR("so", "so: 0", 5, "YAML-TYPE", "a whole number from 1 to 999999");
    EXPECT_ENTRY_ERROR("so", "so: -3", 5, "YAML-TYPE", "a whole number from 1 to 999999");
    EXPECT_ENTRY_ERROR("so", "so: 5a", 5, "YAML-TYPE", "a whole number from 1 to 999999");
    EXPECT_ENTRY_ERROR("so", "so: 1000000", 5, "YAML-TYPE", "a whole number from 1 to 999999");
    EXPECT_ENTRY_ERROR("so", "so: [5]", 5, "YAML-TYPE", "`so` must be a number, not a list");
}

/* ---- value types ----------------------------------------------------------------------- */

static void test_wrong_type_noi_nhan_mapping(void **state)
{
    (void)state;
    EXPECT_ENTRY_ERROR("noi_nhan", "noi_nhan: {a: b}", 11, "YAML-TYPE",
                       "`noi_nhan` must be a text or a list of texts, not a mapping");
}

static void test_wrong_type_ky_list_of_numbers(void **state)
{
    (void)state;
    char *yaml = replace_entry(MIN_DOC, "ky", "ky: [1, 2]");
    unsigned line = line_of(yaml, "ky");
    vb_diagnostics *d = new_diags(VB_LANG_EN);
    vb_document *doc = load(yaml, d);
    /* Each item is reported where it is: "1" at column 6, "2" at column 9. */
    assert_error_at(doc, d, line, 6, "YAML-TYPE",
                    "`ky` must be a mapping of quyen_han/chuc_vu/ho_ten, not a text");
    int second = 0;
    for (size_t i = 0; i < d->count; i++)
        if (d->items[i].rule && strcmp(d->items[i].rule, "YAML-TYPE") == 0 && d->items[i].line == line &&
            d->items[i].column == 9)
            second = 1;
    if (!second) {
        dump_diagnostics(d);
        fail_msg("the second signer \"2\" (column 9) is not reported");
    }
    release(d);
    release(yaml);
}

static void test_ky_invalid_items_not_reported_as_no_signer(void **state)
{
    (void)state;
    /* `ky: [1, 2]` lists two (invalid) signers: "`ky` lists no signer" is not true and only
     * adds noise next to the two type errors. */
    char *yaml = replace_entry(MIN_DOC, "ky", "ky: [1, 2]");
    vb_diagnostics *d = new_diags(VB_LANG_EN);
    vb_document *doc = load(yaml, d);
    assert_null(doc);
    for (size_t i = 0; i < d->count; i++) {
        if (strstr(d->items[i].message, "lists no signer")) {
            dump_diagnostics(d);
            fail_msg("spurious \"lists no signer\" for a list holding two items");
        }
    }
    assert_int_equal(d->error_count, 2);
    release(d);
    release(yaml);
}

static void test_wrong_type_noi_dung_mapping(void **state)
{
    (void)state;
    /* read_blocks accepts a scalar (one text) or a sequence; a mapping is an error. */
    EXPECT_ENTRY_ERROR("noi_dung", "noi_dung: {muc: x}", 11, "YAML-TYPE",
                       "`noi_dung` must be a list of paragraphs and sections, not a mapping");
}

static void test_noi_dung_scalar_allowed(void **state)
{
    (void)state;
    vb_document *doc = LOAD_BODY("noi_dung: Một đoạn duy nhất.");
    assert_int_equal(child_count(doc->body), 1);
    assert_int_equal(doc->body->first_child->kind, VB_NODE_PARAGRAPH);
    assert_content(doc->body->first_child, "Một đoạn duy nhất.");
    release(doc);
}

static void test_unknown_type_code(void **state)
{
    (void)state;
    EXPECT_ENTRY_ERROR("loai", "loai: XYZ", 7, "YAML-TYPECODE",
                       "document type \"XYZ\" is not one of the nha_nuoc types");
}

static void test_type_code_of_the_other_format(void **state)
{
    (void)state;
    /* QyĐ (Quy định) is a state type; the Party writes QĐi. */
    char *a = replace_entry(MIN_DOC, "the_thuc", "the_thuc: dang");
    char *yaml = replace_entry(a, "loai", "loai: QyĐ");
    expect_error(__FILE__, __LINE__, yaml, strlen(yaml), line_of(yaml, "loai"), 7,
                 "YAML-TYPECODE", "is not one of the dang types");
    release(yaml);
    release(a);
}

static void test_bad_format_value(void **state)
{
    (void)state;
    EXPECT_ENTRY_ERROR("the_thuc", "the_thuc: foo", 11, "YAML-VALUE",
                       "`the_thuc`: \"foo\" is not a valid value; use one of: nha_nuoc, dang");
}

static void test_bad_draft_state_value(void **state)
{
    (void)state;
    char *yaml = replace_entry(MIN_DOC, "so", "so: 5\ntrang_thai: nhap");
    expect_error(__FILE__, __LINE__, yaml, strlen(yaml), line_of(yaml, "trang_thai"), 13,
                 "YAML-VALUE", "use one of: ban_hanh, du_thao");
    release(yaml);
}

/* ---- document shape -------------------------------------------------------------------- */

static void test_root_is_a_list(void **state)
{
    (void)state;
    EXPECT_ERROR("- the_thuc: nha_nuoc\n- loai: BC\n", 1, 1, "YAML-ROOT",
                 "a document must be a mapping of `key: value`");
    EXPECT_ERROR("- the_thuc: nha_nuoc\n- loai: BC\n", 1, 1, "YAML-ROOT", "not a list");
}

static void test_root_is_a_scalar(void **state)
{
    (void)state;
    EXPECT_ERROR("Báo cáo\n", 1, 1, "YAML-ROOT", "not a text");
}

static void test_empty_file(void **state)
{
    (void)state;
    EXPECT_ERROR("", 1, 1, "YAML-ROOT", "the file is empty");
    EXPECT_ERROR("# only a comment\n\n", 1, 1, "YAML-ROOT", "the file is empty");
}

static void test_second_document(void **state)
{
    (void)state;
    size_t n = strlen(MIN_DOC);
    char *yaml = track(malloc(n + 64), free);
    assert_non_null(yaml);
    snprintf(yaml, n + 64, "%s---\nthe_thuc: dang\n", MIN_DOC);
    /* The "---" is on the line after the last line of MIN_DOC, column 1. */
    unsigned dash_line = 1;
    for (const char *p = MIN_DOC; *p; p++)
        dash_line += *p == '\n';
    expect_error(__FILE__, __LINE__, yaml, strlen(yaml), dash_line, 1, "YAML-MULTIDOC",
                 "one file holds one document");
    release(yaml);
}

static void test_second_document_with_syntax_error(void **state)
{
    (void)state;
    /* A broken second document is still a broken file: it must not load silently. */
    size_t n = strlen(MIN_DOC);
    char *yaml = track(malloc(n + 64), free);
    assert_non_null(yaml);
    snprintf(yaml, n + 64, "%s---\nfoo: \"unclosed\n", MIN_DOC);
    vb_diagnostics *d = new_diags(VB_LANG_EN);
    vb_document *doc = load(yaml, d);
    if (doc || d->error_count == 0) {
        dump_diagnostics(d);
        vb_document_free(doc);
        fail_msg("a file whose second YAML document is malformed loaded without an error");
    }
    release(d);
    release(yaml);
}

/* noi_dung nested `levels` deep (khoan in khoan); *deepest_line/column get the position of
 * the block at nesting depth `mark_depth` (0-based). */
static char *nested_doc(int levels, int mark_depth, unsigned *mark_line, unsigned *mark_column)
{
    size_t cap = strlen(MIN_DOC) + (size_t)levels * (size_t)levels * 16 + 4096;
    char *body = malloc(cap);
    assert_non_null(body);
    strcpy(body, "noi_dung:");
    unsigned line = 0; /* relative to the noi_dung line */
    for (int i = 0; i < levels; i++) {
        int indent = 2 + 4 * i;
        size_t len = strlen(body);
        snprintf(body + len, cap - len, "\n%*s- khoan: Cấp %d\n%*s  noi_dung:", indent, "", i + 1,
                 indent, "");
        line++;
        if (i == mark_depth) {
            *mark_line = line;
            *mark_column = (unsigned)indent + 3; /* after "- " */
        }
        line++;
    }
    size_t len = strlen(body);
    snprintf(body + len, cap - len, "\n%*s- Đoạn.", 2 + 4 * levels, "");
    char *yaml = replace_entry(MIN_DOC, "noi_dung", body);
    *mark_line += line_of(yaml, "noi_dung");
    free(body);
    return yaml;
}

static void test_deep_nesting_capped(void **state)
{
    (void)state;
    unsigned line = 0, column = 0;
    /* 40 levels; the loader stops at the first block nested 24 deep (the 25th level). */
    char *yaml = nested_doc(40, 24, &line, &column);
    vb_diagnostics *d = new_diags(VB_LANG_EN);
    vb_document *doc = load(yaml, d);
    assert_error_at(doc, d, line, column, "YAML-DEPTH", "the body nests too deeply");
    assert_int_equal(d->error_count, 1);
    release(d);
    release(yaml);
}

static void test_nesting_below_cap_loads(void **state)
{
    (void)state;
    unsigned line = 0, column = 0;
    char *yaml = nested_doc(12, 0, &line, &column);
    vb_document *doc = LOADS(yaml);
    /* khoản in khoản: 1., 1.1., 1.1.1., ... one more level each time, up to VB_MAX_DEPTH;
     * past it the depth never overflows ordinals[]. */
    const vb_node *n = doc->body->first_child;
    for (int level = 1; level <= 12; level++) {
        assert_int_equal(n->kind, VB_NODE_SECTION);
        assert_int_equal(n->level, VB_LEVEL_KHOAN);
        if (level <= VB_MAX_DEPTH && n->depth != level)
            fail_msg("khoản at nesting %d: depth %d, expected %d", level, n->depth, level);
        if (n->depth < 1 || n->depth > VB_MAX_DEPTH)
            fail_msg("khoản at nesting %d: depth %d outside 1..%d", level, n->depth,
                     VB_MAX_DEPTH);
        n = n->first_child;
    }
    release(doc);
    release(yaml);
}

/* `text` with "@" replaced by `n` copies of `c`. */
static char *repeat_at(const char *text, char c, size_t n)
{
    const char *at = strchr(text, '@');
    assert_non_null(at);
    size_t before = (size_t)(at - text), after = strlen(at + 1);
    char *out = malloc(before + n + after + 1);
    assert_non_null(out);
    memcpy(out, text, before);
    memset(out + before, c, n);
    memcpy(out + before + n, at + 1, after + 1);
    return out;
}

/* The nesting pre-check counts only flow brackets: never those of comments, quoted scalars
 * or block scalars, which are text. */
static void test_nesting_ignores_text(void **state)
{
    (void)state;
    static const char *const valid[] = {
        "# @\nloai: BC\n",                              /* a comment at the first column */
        "loai: BC\n# @\nso: 1\n",                       /* ... on a later line */
        "loai: BC   # @\n",                             /* after a value */
        "trich_yeu: \"@\"\n",                           /* double-quoted */
        "trich_yeu: '@'\n",                             /* single-quoted */
        "noi_dung: |\n  @\n\n  more\nso: 1\n",         /* a literal block scalar */
        "noi_dung: >-\n    @\nso: 1\n",                /* folded, with chomping */
        "noi_dung:\n  - |\n    @\n  - x\n",            /* a sequence entry */
        "noi_dung:\n  - muc: A\n    noi_dung: |  # c\n      @\n", /* after a comment */
        "noi_dung: !!str &t |\n  @\n",                  /* tag and anchor before it */
    };
    for (size_t i = 0; i < sizeof valid / sizeof *valid; i++) {
        char *yaml = repeat_at(valid[i], '[', 3000);
        unsigned line = 0, column = 0;
        if (!vb_yaml_nesting_ok(yaml, strlen(yaml), &line, &column))
            fail_msg("case %zu refused at %u:%u", i, line, column);
        free(yaml);
    }
    /* Real nesting is still refused, also after a block scalar, at its line. */
    static const char *const nested[] = {
        "a: @\n",
        "noi_dung: |\n  text\nb: @\n",
        "noi_dung:\n  - |\n    text\n  - @\n",
        "a: '[' # [\nb: @\n",
    };
    static const unsigned lines[] = {1, 3, 4, 2};
    for (size_t i = 0; i < sizeof nested / sizeof *nested; i++) {
        char *yaml = repeat_at(nested[i], '[', 3000);
        unsigned line = 0, column = 0;
        if (vb_yaml_nesting_ok(yaml, strlen(yaml), &line, &column))
            fail_msg("nested case %zu accepted", i);
        assert_int_equal(line, lines[i]);
        free(yaml);
    }
}

static char *alias_bomb(void)
{
    /* Billion laughs through the body: a9 expands to 9^9 paragraphs if followed naively. */
    size_t cap = 8192;
    char *body = malloc(cap);
    assert_non_null(body);
    strcpy(body, "noi_dung:\n  - &a0 {diem: x, noi_dung: [lol, lol, lol, lol, lol, lol, lol, "
                 "lol, lol]}");
    for (int i = 1; i < 10; i++) {
        size_t len = strlen(body);
        len += (size_t)snprintf(body + len, cap - len, "\n  - &a%d {diem: x, noi_dung: [", i);
        for (int j = 0; j < 9; j++)
            len += (size_t)snprintf(body + len, cap - len, "%s*a%d", j ? ", " : "", i - 1);
        snprintf(body + len, cap - len, "]}");
    }
    char *yaml = replace_entry(MIN_DOC, "noi_dung", body);
    free(body);
    return yaml;
}

static double now_seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void test_alias_bomb_rejected_quickly(void **state)
{
    (void)state;
    char *yaml = alias_bomb();
    vb_diagnostics *d = new_diags(VB_LANG_EN);
    double start = now_seconds();
    vb_document *doc = load(yaml, d);
    double elapsed = now_seconds() - start;
    if (doc) {
        vb_document_free(doc);
        fail_msg("an alias bomb loaded");
    }
    if (!find_diag(d, "YAML-ALIAS")) {
        dump_diagnostics(d);
        fail_msg("no YAML-ALIAS diagnostic for an alias bomb");
    }
    if (elapsed > 2.0)
        fail_msg("the alias bomb took %.2f s to reject", elapsed);
    release(d);
    release(yaml);
}

static void test_alias_bomb_no_cascading_errors(void **state)
{
    (void)state;
    /* Once the alias budget is spent, the rest of a valid document (noi_nhan, ky) must not
     * be reported as missing or empty: the only problem is the aliases. */
    char *yaml = alias_bomb();
    vb_diagnostics *d = new_diags(VB_LANG_EN);
    vb_document *doc = load(yaml, d);
    assert_null(doc);
    for (size_t i = 0; i < d->count; i++) {
        if (!d->items[i].rule || strcmp(d->items[i].rule, "YAML-ALIAS") != 0) {
            dump_diagnostics(d);
            fail_msg("spurious diagnostic after the alias budget ran out: [%s] %s",
                     d->items[i].rule, d->items[i].message);
        }
    }
    release(d);
    release(yaml);
}

static void test_small_aliases_allowed(void **state)
{
    (void)state;
    /* A handful of aliases is ordinary YAML and stays within the budget. */
    char *yaml = replace_entry(MIN_DOC, "noi_nhan",
                               "noi_nhan:\n  - &tt Như trên\n  - *tt\n  - \"Lưu: VT, TH\"");
    vb_document *doc = LOADS(yaml);
    assert_int_equal(doc->recipients.count, 3);
    assert_string_equal(doc->recipients.items[1].text, "Như trên");
    release(doc);
    release(yaml);
}

/* ---- valid documents ------------------------------------------------------------------- */

static void test_minimal_document_loads(void **state)
{
    (void)state;
    vb_document *doc = LOADS(MIN_DOC);
    assert_string_equal(doc->source_name, SOURCE_NAME);
    assert_int_equal(doc->format, VB_FORMAT_STATE);
    assert_string_equal(doc->type_code.text, "BC");
    assert_int_equal(doc->is_draft, 0);
    assert_int_equal(doc->issuer.count, 1);
    assert_string_equal(doc->issuer.items[0].text, "ỦY BAN NHÂN DÂN TỈNH BẮC GIANG");
    assert_int_equal(doc->parent_body.count, 0);
    assert_int_equal(doc->number, 5);
    assert_string_equal(doc->code.text, "BC-UBND");
    assert_string_equal(doc->place.text, "Bắc Giang");
    assert_int_equal(doc->date.year, 2024);
    assert_int_equal(doc->date.month, 1);
    assert_int_equal(doc->date.day, 5);
    assert_true(doc->date.present);
    /* Positions: the value of `ngay` on line 7, column 7. */
    assert_int_equal(doc->date.pos.line, 7);
    assert_int_equal(doc->date.pos.column, 7);
    assert_string_equal(doc->subject.text, "Kết quả chuyển đổi số năm 2024");
    assert_int_equal(child_count(doc->body), 1);
    assert_content(doc->body->first_child, "Đoạn mở đầu.");
    assert_int_equal(doc->body->first_child->pos.line, 10);
    assert_int_equal(doc->recipients.count, 2);
    assert_string_equal(doc->recipients.items[0].text, "Như trên");
    assert_string_equal(doc->recipients.items[1].text, "Lưu: VT, TH");
    assert_int_equal(doc->signer_count, 1);
    assert_int_equal(doc->signers[0].authority.count, 1);
    assert_string_equal(doc->signers[0].authority.items[0].text, "TM. ỦY BAN NHÂN DÂN");
    assert_string_equal(doc->signers[0].title.text, "CHỦ TỊCH");
    assert_string_equal(doc->signers[0].name.text, "Nguyễn Văn A");
    release(doc);
}

static void test_party_document_loads(void **state)
{
    (void)state;
    char *a = replace_entry(MIN_DOC, "the_thuc", "the_thuc: dang");
    char *b = replace_entry(a, "loai", "loai: NQ");
    char *yaml = replace_entry(b, "ky_hieu", "ky_hieu: NQ/TU");
    vb_document *doc = LOADS(yaml);
    assert_int_equal(doc->format, VB_FORMAT_PARTY);
    assert_string_equal(doc->type_code.text, "NQ");
    assert_string_equal(doc->code.text, "NQ/TU");
    release(doc);
    release(yaml);
    release(b);
    release(a);
}

static void test_issuer_as_list(void **state)
{
    (void)state;
    char *yaml = replace_entry(MIN_DOC, "co_quan", "co_quan: [ỦY BAN NHÂN DÂN, TỈNH TUYÊN QUANG]");
    vb_document *doc = LOADS(yaml);
    assert_int_equal(doc->issuer.count, 2);
    assert_string_equal(doc->issuer.items[0].text, "ỦY BAN NHÂN DÂN");
    assert_string_equal(doc->issuer.items[1].text, "TỈNH TUYÊN QUANG");
    assert_int_equal(doc->issuer.items[1].pos.line, line_of(yaml, "co_quan"));
    assert_int_equal(doc->issuer.items[1].pos.column, 28);
    release(doc);
    release(yaml);
}

static void test_issuer_as_block_scalar(void **state)
{
    (void)state;
    char *yaml =
        replace_entry(MIN_DOC, "co_quan", "co_quan: |\n  ỦY BAN NHÂN DÂN\n  TỈNH TUYÊN QUANG\n");
    unsigned key_line = line_of(yaml, "co_quan");
    vb_document *doc = LOADS(yaml);
    assert_int_equal(doc->issuer.count, 2);
    assert_string_equal(doc->issuer.items[0].text, "ỦY BAN NHÂN DÂN");
    assert_string_equal(doc->issuer.items[1].text, "TỈNH TUYÊN QUANG");
    /* Each line keeps its own line number. */
    assert_int_equal(doc->issuer.items[0].pos.line, key_line + 1);
    assert_int_equal(doc->issuer.items[1].pos.line, key_line + 2);
    release(doc);
    release(yaml);
}

static void test_issuer_empty(void **state)
{
    (void)state;
    EXPECT_ENTRY_ERROR("co_quan", "co_quan: []", 10, "YAML-REQUIRED", "`co_quan` is empty");
}

static void test_draft_with_month_only(void **state)
{
    (void)state;
    char *a = replace_entry(MIN_DOC, "ngay", "ngay: 2024-12\ntrang_thai: du_thao");
    char *yaml = replace_entry(a, "so", "so:");
    vb_document *doc = LOADS(yaml);
    assert_true(doc->is_draft);
    assert_int_equal(doc->date.year, 2024);
    assert_int_equal(doc->date.month, 12);
    assert_int_equal(doc->date.day, 0);
    assert_int_equal(doc->number, 0);
    release(doc);
    release(yaml);
    release(a);
}

static void test_draft_with_year_only(void **state)
{
    (void)state;
    char *yaml = replace_entry(MIN_DOC, "ngay", "trang_thai: du_thao\nngay: 2025");
    vb_document *doc = LOADS(yaml);
    assert_int_equal(doc->date.year, 2025);
    assert_int_equal(doc->date.month, 0);
    assert_int_equal(doc->date.day, 0);
    release(doc);
    release(yaml);
}

static const char SECTION_BODY[] =
    "noi_dung:\n"
    "  - Mở đầu.\n"
    "  - muc: Nhận xét chung\n"           /* I. */
    "    noi_dung:\n"
    "      - Báo cáo được chuẩn bị **khá chi tiết**.\n"
    "  - muc: Ý kiến cụ thể\n"             /* II. */
    "    noi_dung:\n"
    "      - khoan: Về phần thứ nhất\n"    /* 1. */
    "        noi_dung:\n"
    "          - khoan: Về công tác chỉ đạo\n" /* 1.1. */
    "            noi_dung:\n"
    "              - khoan: Chi tiết\n"    /* 1.1.1. */
    "          - khoan: Về kinh phí\n"     /* 1.2. */
    "      - khoan: Về phần thứ hai\n"     /* 2. */
    "        noi_dung:\n"
    "          - diem: Điểm một\n"         /* a) */
    "          - diem: Điểm hai\n"         /* b) */
    "      - khoan: \"\"\n"                /* 3. (run-in) */
    "        noi_dung:\n"
    "          - Bên cạnh những kết quả đạt được.";

static void test_section_tree_and_numbering(void **state)
{
    (void)state;
    vb_document *doc = LOAD_BODY(SECTION_BODY);
    const vb_node *root = doc->body;
    assert_int_equal(child_count(root), 3);
    assert_int_equal(child_at(root, 0)->kind, VB_NODE_PARAGRAPH);

    const vb_node *muc1 = child_at(root, 1), *muc2 = child_at(root, 2);
    assert_section(muc1, VB_NODE_SECTION, VB_LEVEL_MUC, 1, 1);
    assert_title(muc1, "Nhận xét chung");
    assert_section(muc2, VB_NODE_SECTION, VB_LEVEL_MUC, 2, 1);
    assert_title(muc2, "Ý kiến cụ thể");
    assert_ptr_equal(muc2->parent, root);
    /* A section's position is its level key. */
    assert_int_equal(muc2->pos.line, line_of(MIN_DOC, "noi_dung") + 5);
    assert_int_equal(muc2->pos.column, 5);

    /* Emphasis inside a paragraph. */
    const vb_node *p = child_at(muc1, 0);
    assert_int_equal(p->kind, VB_NODE_PARAGRAPH);
    assert_int_equal(p->content.count, 3);
    assert_string_equal(p->content.runs[1].text, "khá chi tiết");
    assert_int_equal(p->content.runs[1].style, VB_RUN_BOLD);

    const vb_node *k1 = child_at(muc2, 0), *k2 = child_at(muc2, 1), *k3 = child_at(muc2, 2);
    assert_section(k1, VB_NODE_SECTION, VB_LEVEL_KHOAN, 1, 1);
    assert_int_equal(k1->ordinals[0], 1);
    assert_section(k2, VB_NODE_SECTION, VB_LEVEL_KHOAN, 2, 1);
    assert_int_equal(k2->ordinals[0], 2);
    assert_section(k3, VB_NODE_SECTION, VB_LEVEL_KHOAN, 3, 1);
    assert_int_equal(k3->title.count, 0); /* empty title: the number runs into the text */
    assert_content(child_at(k3, 0), "Bên cạnh những kết quả đạt được.");

    const vb_node *k11 = child_at(k1, 0), *k12 = child_at(k1, 1);
    assert_section(k11, VB_NODE_SECTION, VB_LEVEL_KHOAN, 1, 2);
    assert_int_equal(k11->ordinals[0], 1);
    assert_int_equal(k11->ordinals[1], 1);
    assert_section(k12, VB_NODE_SECTION, VB_LEVEL_KHOAN, 2, 2);
    assert_int_equal(k12->ordinals[0], 1);
    assert_int_equal(k12->ordinals[1], 2);
    assert_title(k12, "Về kinh phí");

    const vb_node *k111 = child_at(k11, 0);
    assert_section(k111, VB_NODE_SECTION, VB_LEVEL_KHOAN, 1, 3);
    assert_int_equal(k111->ordinals[0], 1);
    assert_int_equal(k111->ordinals[1], 1);
    assert_int_equal(k111->ordinals[2], 1);

    const vb_node *a = child_at(k2, 0), *b = child_at(k2, 1);
    assert_section(a, VB_NODE_SECTION, VB_LEVEL_DIEM, 1, 1);
    assert_section(b, VB_NODE_SECTION, VB_LEVEL_DIEM, 2, 1);
    assert_title(b, "Điểm hai");
    release(doc);
}

static void test_numbering_restarts_in_each_parent(void **state)
{
    (void)state;
    vb_document *doc = LOAD_BODY("noi_dung:\n"
                                 "  - muc: Một\n"
                                 "    noi_dung:\n"
                                 "      - khoan: A\n"
                                 "      - khoan: B\n"
                                 "  - muc: Hai\n"
                                 "    noi_dung:\n"
                                 "      - khoan: C\n");
    const vb_node *c = child_at(child_at(doc->body, 1), 0);
    assert_section(c, VB_NODE_SECTION, VB_LEVEL_KHOAN, 1, 1);
    assert_title(c, "C");
    release(doc);
}

static void test_section_with_two_level_keys(void **state)
{
    (void)state;
    char *yaml = replace_entry(MIN_DOC, "noi_dung", "noi_dung:\n  - muc: A\n    khoan: B");
    expect_error(__FILE__, __LINE__, yaml, strlen(yaml), line_of(yaml, "noi_dung") + 2, 5,
                 "YAML-SECTION", "`khoan` is a second one");
    release(yaml);
}

static const char TASK_BODY[] =
    "noi_dung:\n"
    "  - khoan: Nhiệm vụ trọng tâm\n"
    "    noi_dung:\n"
    "      - diem: Việc chung\n"
    "      - nhiem_vu:\n"
    "          - don_vi: Sở Thông tin và Truyền thông\n"
    "            viec:\n"
    "              - noi_dung: Rà soát danh mục nhiệm vụ\n"
    "                han: 2022-11-25\n"
    "                phoi_hop: Sở Tài chính\n"
    "                san_pham: Báo cáo rà soát\n"
    "              - noi_dung: Triển khai IPv6\n"
    "                han: Quý IV/2025\n"
    "          - don_vi: Công an tỉnh\n"
    "            viec:\n"
    "              - Chủ trì tham mưu\n"
    "  - khoan: Tổ chức thực hiện\n"
    "    noi_dung:\n"
    "      - nhiem_vu:\n"
    "          - don_vi: Văn phòng\n"
    "            viec: [Theo dõi]\n";

static void test_tasks_tree(void **state)
{
    (void)state;
    vb_document *doc = LOAD_BODY(TASK_BODY);
    const vb_node *k1 = child_at(doc->body, 0);
    assert_int_equal(child_count(k1), 2);
    const vb_node *tasks = child_at(k1, 1);
    assert_int_equal(tasks->kind, VB_NODE_TASKS);
    assert_int_equal(child_count(tasks), 2);

    const vb_node *ag1 = child_at(tasks, 0);
    assert_int_equal(ag1->kind, VB_NODE_AGENCY);
    assert_string_equal(ag1->agency.agency.text, "Sở Thông tin và Truyền thông");
    assert_title(ag1, "Sở Thông tin và Truyền thông");
    assert_int_equal(child_count(ag1), 2);

    const vb_node *t1 = child_at(ag1, 0);
    assert_int_equal(t1->kind, VB_NODE_TASK);
    assert_string_equal(t1->task.action.text, "Rà soát danh mục nhiệm vụ");
    assert_string_equal(t1->task.coordinator.text, "Sở Tài chính");
    assert_string_equal(t1->task.product.text, "Báo cáo rà soát");
    assert_int_equal(t1->task.deadline.kind, VB_DEADLINE_DAY);
    assert_int_equal(t1->task.deadline.end.year, 2022);
    assert_int_equal(t1->task.deadline.end.month, 11);
    assert_int_equal(t1->task.deadline.end.day, 25);
    assert_null(t1->task.deadline.text.text);

    const vb_node *t2 = child_at(ag1, 1);
    assert_string_equal(t2->task.action.text, "Triển khai IPv6");
    assert_int_equal(t2->task.deadline.kind, VB_DEADLINE_QUARTER);
    assert_int_equal(t2->task.deadline.quarter, 4);
    assert_int_equal(t2->task.deadline.end.year, 2025);
    assert_null(t2->task.coordinator.text);

    const vb_node *ag2 = child_at(tasks, 1);
    assert_int_equal(child_count(ag2), 1);
    assert_string_equal(child_at(ag2, 0)->task.action.text, "Chủ trì tham mưu");
    release(doc);
}

static void test_agency_levels_and_numbering(void **state)
{
    (void)state;
    vb_document *doc = LOAD_BODY(TASK_BODY);
    /* Under a khoản, agencies are điểm and continue after the điểm before them: b), c). */
    const vb_node *k1 = child_at(doc->body, 0);
    assert_section(child_at(k1, 0), VB_NODE_SECTION, VB_LEVEL_DIEM, 1, 1);
    const vb_node *tasks = child_at(k1, 1);
    assert_section(child_at(tasks, 0), VB_NODE_AGENCY, VB_LEVEL_DIEM, 2, 1);
    assert_section(child_at(tasks, 1), VB_NODE_AGENCY, VB_LEVEL_DIEM, 3, 1);
    /* Under a khoản with nothing before: a). */
    const vb_node *k2 = child_at(doc->body, 1);
    assert_section(child_at(child_at(k2, 0), 0), VB_NODE_AGENCY, VB_LEVEL_DIEM, 1, 1);
    release(doc);
}

static void test_agency_at_top_level_is_muc(void **state)
{
    (void)state;
    vb_document *doc = LOAD_BODY("noi_dung:\n"
                                 "  - \"Các cơ quan thực hiện:\"\n"
                                 "  - nhiem_vu:\n"
                                 "      - don_vi: Sở Tài chính\n"
                                 "        viec: [Bố trí kinh phí]\n"
                                 "      - don_vi: Sở Nội vụ\n"
                                 "        viec: [Tổng hợp]\n");
    const vb_node *top = child_at(doc->body, 1);
    assert_int_equal(top->kind, VB_NODE_TASKS);
    assert_section(child_at(top, 0), VB_NODE_AGENCY, VB_LEVEL_MUC, 1, 1);
    assert_section(child_at(top, 1), VB_NODE_AGENCY, VB_LEVEL_MUC, 2, 1);
    release(doc);
}

static void test_agency_under_muc_is_khoan(void **state)
{
    (void)state;
    vb_document *doc = LOAD_BODY("noi_dung:\n"
                                 "  - muc: Nhiệm vụ\n"
                                 "    noi_dung:\n"
                                 "      - nhiem_vu:\n"
                                 "          - don_vi: Sở Tài chính\n"
                                 "            viec: [Bố trí kinh phí]\n"
                                 "          - don_vi: Sở Nội vụ\n"
                                 "            viec: [Tổng hợp]\n");
    const vb_node *tasks = child_at(child_at(doc->body, 0), 0);
    assert_section(child_at(tasks, 0), VB_NODE_AGENCY, VB_LEVEL_KHOAN, 1, 1);
    assert_section(child_at(tasks, 1), VB_NODE_AGENCY, VB_LEVEL_KHOAN, 2, 1);
    release(doc);
}

static void test_task_errors(void **state)
{
    (void)state;
    char *yaml = replace_entry(MIN_DOC, "noi_dung",
                               "noi_dung:\n"
                               "  - nhiem_vu:\n"
                               "      - don_vi: Sở Tài chính\n"
                               "        viec:\n"
                               "          - noi_dung: Bố trí kinh phí\n"
                               "            han: 2024-02-30\n");
    unsigned base = line_of(yaml, "noi_dung");
    expect_error(__FILE__, __LINE__, yaml, strlen(yaml), base + 5, 18, "YAML-DATE",
                 "`han`: the date \"2024-02-30\" does not exist");
    release(yaml);

    yaml = replace_entry(MIN_DOC, "noi_dung",
                         "noi_dung:\n"
                         "  - nhiem_vu:\n"
                         "      - don_vi: Sở Tài chính\n");
    expect_error(__FILE__, __LINE__, yaml, strlen(yaml), line_of(yaml, "noi_dung") + 2, 9,
                 "YAML-REQUIRED", "`viec` (the agency's tasks) is missing");
    release(yaml);
}

/* `han` in each form drafters use: read into its kind and dates, whatever the case or dash. */
static void test_deadline_forms(void **state)
{
    (void)state;
    static const struct {
        const char *han;
        vb_deadline_kind kind;
        int start_year, start_month, start_day, end_year, end_month, end_day, quarter;
    } cases[] = {
        {"2025-03-31", VB_DEADLINE_DAY, 0, 0, 0, 2025, 3, 31, 0},
        {"2025-03", VB_DEADLINE_MONTH, 0, 0, 0, 2025, 3, 0, 0},
        {"2025", VB_DEADLINE_YEAR, 0, 0, 0, 2025, 0, 0, 0},
        {"31/3/2025", VB_DEADLINE_DAY, 0, 0, 0, 2025, 3, 31, 0},
        {"trước ngày 10/10/2024", VB_DEADLINE_DAY, 0, 0, 0, 2024, 10, 10, 0},
        {"Trước 10/10/2024", VB_DEADLINE_DAY, 0, 0, 0, 2024, 10, 10, 0},
        {"tháng 9/2025", VB_DEADLINE_MONTH, 0, 0, 0, 2025, 9, 0, 0},
        {"Trong tháng 12/2025", VB_DEADLINE_MONTH, 0, 0, 0, 2025, 12, 0, 0},
        {"quý III/2025", VB_DEADLINE_QUARTER, 0, 0, 0, 2025, 0, 0, 3},
        {"Quý IV/2025", VB_DEADLINE_QUARTER, 0, 0, 0, 2025, 0, 0, 4},
        {"quý 2/2026", VB_DEADLINE_QUARTER, 0, 0, 0, 2026, 0, 0, 2},
        {"năm 2026", VB_DEADLINE_YEAR, 0, 0, 0, 2026, 0, 0, 0},
        {"01/10/2025 - 31/10/2025", VB_DEADLINE_RANGE, 2025, 10, 1, 2025, 10, 31, 0},
        {"từ ngày 01/10/2025 đến ngày 31/10/2025", VB_DEADLINE_RANGE, 2025, 10, 1, 2025, 10, 31, 0},
        {"tháng 9-10/2025", VB_DEADLINE_RANGE, 2025, 9, 0, 2025, 10, 0, 0},
        {"Tháng 9 – 10/2025", VB_DEADLINE_RANGE, 2025, 9, 0, 2025, 10, 0, 0},
        {"tháng 11/2025 - tháng 2/2026", VB_DEADLINE_RANGE, 2025, 11, 0, 2026, 2, 0, 0},
        {"[2025-10-01, 2025-10-31]", VB_DEADLINE_RANGE, 2025, 10, 1, 2025, 10, 31, 0},
        {"[2025-09, 2025-10]", VB_DEADLINE_RANGE, 2025, 9, 0, 2025, 10, 0, 0},
        {"thường xuyên", VB_DEADLINE_RECURRING, 0, 0, 0, 0, 0, 0, 0},
        {"Hằng năm", VB_DEADLINE_RECURRING, 0, 0, 0, 0, 0, 0, 0},
        {"hàng quý", VB_DEADLINE_RECURRING, 0, 0, 0, 0, 0, 0, 0},
        {"hằng ngày", VB_DEADLINE_RECURRING, 0, 0, 0, 0, 0, 0, 0},
        {"học kỳ I năm học 2024-2025", VB_DEADLINE_TEXT, 0, 0, 0, 0, 0, 0, 0},
        {"6 tháng đầu năm 2025", VB_DEADLINE_TEXT, 0, 0, 0, 0, 0, 0, 0},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        char body[512];
        snprintf(body, sizeof body,
                 "noi_dung:\n"
                 "  - nhiem_vu:\n"
                 "      - don_vi: Sở Tài chính\n"
                 "        viec:\n"
                 "          - noi_dung: Bố trí kinh phí\n"
                 "            han: %s\n",
                 cases[i].han);
        vb_document *doc = LOAD_BODY(body);
        const vb_deadline *d = &doc->body->first_child->first_child->first_child->task.deadline;
        if (d->kind != cases[i].kind || d->end.year != cases[i].end_year ||
            d->end.month != cases[i].end_month || d->end.day != cases[i].end_day ||
            d->start.year != cases[i].start_year || d->start.month != cases[i].start_month ||
            d->start.day != cases[i].start_day || d->quarter != cases[i].quarter)
            fail_msg("han: %s read as kind %d, %d-%d-%d to %d-%d-%d, quarter %d", cases[i].han,
                     d->kind, d->start.year, d->start.month, d->start.day, d->end.year,
                     d->end.month, d->end.day, d->quarter);
        if (d->kind == VB_DEADLINE_TEXT)
            assert_string_equal(d->text.text, cases[i].han);
        assert_int_equal(d->pos.line, line_of(body, "noi_dung") + 5 + line_of(MIN_DOC, "noi_dung") - 1);
        release(doc);
    }
}

/* `trinh_bay` says how a nhiem_vu block is shown; the tasks are read the same either way. */
static void test_tasks_layout(void **state)
{
    (void)state;
    vb_document *doc = LOAD_BODY("noi_dung:\n"
                                 "  - muc: Nhiệm vụ\n"
                                 "    trinh_bay: phu_luc\n"
                                 "    tieu_de_phu_luc: Danh mục nhiệm vụ năm 2025\n"
                                 "    nhiem_vu:\n"
                                 "      - don_vi: Sở Tài chính\n"
                                 "        viec: [{noi_dung: Bố trí kinh phí, han: 2025-06}]\n"
                                 "  - nhiem_vu:\n"
                                 "      - don_vi: Sở Nội vụ\n"
                                 "        viec: [{noi_dung: Kiện toàn tổ chức, han: quý III/2025}]\n"
                                 "    trinh_bay: bang\n"
                                 "    huong: ngang\n");
    const vb_node *muc = child_at(doc->body, 0);
    const vb_node *in_appendix = child_at(muc, 0);
    assert_int_equal(in_appendix->kind, VB_NODE_TASKS);
    assert_int_equal(in_appendix->tasks.layout, VB_TASKS_APPENDIX);
    assert_true(in_appendix->tasks.landscape); /* a Phụ lục of tasks is landscape by default */
    const vb_node *table = child_at(doc->body, 1);
    assert_int_equal(table->kind, VB_NODE_TASKS);
    assert_int_equal(table->tasks.layout, VB_TASKS_TABLE);
    assert_true(table->tasks.landscape);
    /* The Phụ lục comes first, made from the block; its tasks stay in the body. */
    assert_int_equal(doc->appendix_count, 1);
    assert_ptr_equal(doc->appendices[0].tasks, in_appendix);
    assert_string_equal(doc->appendices[0].title.text, "Danh mục nhiệm vụ năm 2025");
    assert_true(doc->appendices[0].landscape);
    assert_int_equal(in_appendix->tasks.appendix_index, 0);
    /* The agencies of a table are not numbered headings: the next section is still "II.". */
    release(doc);

    char *yaml = replace_entry(MIN_DOC, "noi_dung",
                               "noi_dung:\n"
                               "  - nhiem_vu:\n"
                               "      - don_vi: Sở Tài chính\n"
                               "        viec: [Bố trí kinh phí]\n"
                               "    bang: true\n");
    /* Not "did you mean `bang`": what to write instead. */
    expect_error(__FILE__, __LINE__, yaml, strlen(yaml), line_of(yaml, "noi_dung") + 4, 5,
                 "YAML-KEY", "write `trinh_bay: bang`");
    release(yaml);
    yaml = replace_entry(MIN_DOC, "noi_dung",
                         "noi_dung:\n"
                         "  - muc: Nhiệm vụ\n"
                         "    trinh_bay: bang\n"
                         "    noi_dung: [Một đoạn.]\n");
    expect_error(__FILE__, __LINE__, yaml, strlen(yaml), line_of(yaml, "noi_dung") + 2, 16,
                 "YAML-VALUE", "this block has no `nhiem_vu`");
    release(yaml);
    yaml = replace_entry(MIN_DOC, "noi_dung",
                         "noi_dung:\n"
                         "  - nhiem_vu:\n"
                         "      - don_vi: Sở Tài chính\n"
                         "        viec: [Bố trí kinh phí]\n"
                         "    trinh_bay: bang_bieu\n");
    expect_error(__FILE__, __LINE__, yaml, strlen(yaml), line_of(yaml, "noi_dung") + 4, 16,
                 "YAML-VALUE", "bang_bieu");
    release(yaml);
    /* Inside a Phụ lục the table stands where it is: no Phụ lục of a Phụ lục. */
    char *with_appendix = replace_entry(MIN_DOC, "noi_nhan",
                                        "phu_luc:\n"
                                        "  - tieu_de: Nhiệm vụ\n"
                                        "    noi_dung:\n"
                                        "      - nhiem_vu:\n"
                                        "          - don_vi: Sở Tài chính\n"
                                        "            viec: [Bố trí kinh phí]\n"
                                        "        trinh_bay: phu_luc\n"
                                        "noi_nhan:\n"
                                        "  - \"Lưu: VT\"\n");
    expect_error(__FILE__, __LINE__, with_appendix, strlen(with_appendix),
                 line_of(with_appendix, "phu_luc") + 4, 11, "YAML-VALUE", "inside an appendix write `trinh_bay: bang`");
    release(with_appendix);
}

/* A "- " line indented one space too many is folded into the item above it: the document
 * loads (it is valid YAML) with a warning at the folded line that names the item's position. */
static void test_folded_items(void **state)
{
    (void)state;
    char *yaml = replace_entry(MIN_DOC, "noi_dung",
                               "noi_dung:\n"
                               "  - Đoạn thứ nhất về chuyển đổi số.\n"
                               "   - Đoạn thứ hai bị gộp vào.\n"
                               "  - Đoạn thứ ba.\n");
    unsigned base = line_of(yaml, "noi_dung");
    vb_diagnostics *d = new_diags(VB_LANG_EN);
    vb_document *doc = load(yaml, d);
    assert_non_null(doc);
    assert_int_equal(d->error_count, 0);
    assert_int_equal(d->count, 1);
    assert_int_equal(d->items[0].severity, VB_SEV_WARNING);
    assert_string_equal(d->items[0].rule, "YAML-FOLDED");
    assert_int_equal(d->items[0].line, base + 2);
    assert_int_equal(d->items[0].column, 4);
    char want[128];
    snprintf(want, sizeof want, "Line %u:4 starts with \"- \"", base + 2);
    assert_non_null(strstr(d->items[0].message, want));
    snprintf(want, sizeof want, "the item at %u:5", base + 1);
    assert_non_null(strstr(d->items[0].message, want));
    assert_non_null(strstr(d->items[0].message, "two items merged into one?"));
    /* The body is what YAML made of it: two paragraphs, the first holding the second. */
    assert_int_equal(child_count(doc->body), 2);
    vb_document_free(doc);
    release(d);

    /* In Vietnamese, the question the issue asks. */
    d = new_diags(VB_LANG_VI);
    doc = load(yaml, d);
    assert_int_equal(d->count, 1);
    assert_non_null(strstr(d->items[0].message, "hai mục bị gộp thành một?"));
    vb_document_free(doc);
    release(d);
    release(yaml);
}

static void test_recipient_written_as_mapping(void **state)
{
    (void)state;
    /* `- Lưu: VT, TH` is a one-pair mapping to YAML; the drafter meant the text. */
    char *yaml =
        replace_entry(MIN_DOC, "noi_nhan", "noi_nhan:\n  - Như trên\n  - Lưu: VT, TH");
    vb_document *doc = LOADS(yaml);
    assert_int_equal(doc->recipients.count, 2);
    assert_string_equal(doc->recipients.items[1].text, "Lưu: VT, TH");
    assert_int_equal(doc->recipients.items[1].pos.line, line_of(yaml, "noi_nhan") + 2);
    release(doc);
    release(yaml);
}

static void test_joint_signers(void **state)
{
    (void)state;
    char *yaml = replace_entry(
        MIN_DOC, "ky",
        "ky:\n"
        "  - { quyen_han: TM. BAN THƯỜNG VỤ, chuc_vu: CHỦ TỊCH, ho_ten: Trần Văn B }\n"
        "  - { quyen_han: [KT. GIÁM ĐỐC, PHÓ GIÁM ĐỐC], ho_ten: Lê Thị C }");
    vb_document *doc = LOADS(yaml);
    assert_int_equal(doc->signer_count, 2);
    assert_string_equal(doc->signers[0].name.text, "Trần Văn B");
    assert_int_equal(doc->signers[1].authority.count, 2);
    assert_string_equal(doc->signers[1].authority.items[1].text, "PHÓ GIÁM ĐỐC");
    assert_null(doc->signers[1].title.text);
    release(doc);
    release(yaml);
}

/* "Bắc Giang", "Việt", "Điều" typed in NFD (decomposed), as some macOS editors save. */
#define NFD_BAC_GIANG "Ba\xcc\x86\xcc\x81" "c Giang"
#define NFC_BAC_GIANG "B\xe1\xba\xaf" "c Giang"
#define NFD_VIET "Vie\xcc\xa3\xcc\x82t"
#define NFC_VIET "Vi\xe1\xbb\x87t"

static void test_nfd_input_comes_out_nfc(void **state)
{
    (void)state;
    char *a = replace_entry(MIN_DOC, "dia_danh", "dia_danh: " NFD_BAC_GIANG);
    char *b = replace_entry(a, "noi_dung",
                            "noi_dung:\n"
                            "  - muc: Tiếng " NFD_VIET "\n"
                            "    noi_dung:\n"
                            "      - Chữ " NFD_VIET " **" NFD_VIET "**.");
    char *yaml = replace_entry(b, "co_quan", "co_quan: [UBND, " NFD_BAC_GIANG "]");
    vb_document *doc = LOADS(yaml);
    assert_memory_equal(doc->place.text, NFC_BAC_GIANG, sizeof NFC_BAC_GIANG);
    assert_memory_equal(doc->issuer.items[1].text, NFC_BAC_GIANG, sizeof NFC_BAC_GIANG);
    const vb_node *muc = child_at(doc->body, 0);
    char *title = track(vb_inline_plain(&muc->title), free);
    assert_string_equal(title, "Tiếng " NFC_VIET);
    release(title);
    const vb_node *p = child_at(muc, 0);
    assert_int_equal(p->content.count, 3);
    assert_string_equal(p->content.runs[0].text, "Chữ " NFC_VIET " ");
    assert_string_equal(p->content.runs[1].text, NFC_VIET);
    release(doc);
    release(yaml);
    release(b);
    release(a);
}

static void test_vietnamese_diagnostic(void **state)
{
    (void)state;
    char *yaml = replace_entry(MIN_DOC, "ky", NULL);
    vb_diagnostics *d = new_diags(VB_LANG_VI);
    vb_document *doc = load(yaml, d);
    assert_error_at(doc, d, 1, 1, "YAML-REQUIRED", "thiếu `ky` (khối chữ ký)");
    release(d);
    release(yaml);

    yaml = replace_entry(MIN_DOC, "noi_nhan", "noi_nhann: [Như trên]");
    d = new_diags(VB_LANG_VI);
    doc = load(yaml, d);
    assert_error_at(doc, d, line_of(yaml, "noi_nhann"), 1, "YAML-KEY",
                    "có phải ý bạn là `noi_nhan`?");
    release(d);
    release(yaml);
}

static void test_diagnostics_accumulate(void **state)
{
    (void)state;
    /* Errors of one load are added to those already collected. */
    vb_diagnostics *d = new_diags(VB_LANG_EN);
    vb_document *doc = load("", d);
    assert_null(doc);
    doc = track(load(MIN_DOC, d), free_doc);
    assert_non_null(doc); /* earlier errors do not fail a later, valid load */
    assert_int_equal(d->error_count, 1);
    release(doc);
    release(d);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_teardown(test_syntax_error_bad_indentation, release_all),
        cmocka_unit_test_teardown(test_syntax_error_unclosed_quote, release_all),
        cmocka_unit_test_teardown(test_syntax_error_column_counts_characters, release_all),
        cmocka_unit_test_teardown(test_invalid_utf8_position_in_characters, release_all),
        cmocka_unit_test_teardown(test_invalid_utf8_truncated_sequence, release_all),
        cmocka_unit_test_teardown(test_invalid_utf8_kinds, release_all),
        cmocka_unit_test_teardown(test_nul_byte, release_all),
        cmocka_unit_test_teardown(test_missing_required_fields, release_all),
        cmocka_unit_test_teardown(test_unknown_key_did_you_mean, release_all),
        cmocka_unit_test_teardown(test_unknown_key_no_close_match, release_all),
        cmocka_unit_test_teardown(test_unknown_key_in_section_suggests, release_all),
        cmocka_unit_test_teardown(test_duplicate_key, release_all),
        cmocka_unit_test_teardown(test_date_does_not_exist, release_all),
        cmocka_unit_test_teardown(test_date_leap_day_accepted, release_all),
        cmocka_unit_test_teardown(test_date_wrong_form, release_all),
        cmocka_unit_test_teardown(test_date_empty, release_all),
        cmocka_unit_test_teardown(test_blank_day_loads_as_zero, release_all),
        cmocka_unit_test_teardown(test_blank_number_loads_as_zero, release_all),
        cmocka_unit_test_teardown(test_number_not_a_number, release_all),
        cmocka_unit_test_teardown(test_wrong_type_noi_nhan_mapping, release_all),
        cmocka_unit_test_teardown(test_wrong_type_ky_list_of_numbers, release_all),
        cmocka_unit_test_teardown(test_ky_invalid_items_not_reported_as_no_signer, release_all),
        cmocka_unit_test_teardown(test_wrong_type_noi_dung_mapping, release_all),
        cmocka_unit_test_teardown(test_noi_dung_scalar_allowed, release_all),
        cmocka_unit_test_teardown(test_unknown_type_code, release_all),
        cmocka_unit_test_teardown(test_type_code_of_the_other_format, release_all),
        cmocka_unit_test_teardown(test_bad_format_value, release_all),
        cmocka_unit_test_teardown(test_bad_draft_state_value, release_all),
        cmocka_unit_test_teardown(test_root_is_a_list, release_all),
        cmocka_unit_test_teardown(test_root_is_a_scalar, release_all),
        cmocka_unit_test_teardown(test_empty_file, release_all),
        cmocka_unit_test_teardown(test_second_document, release_all),
        cmocka_unit_test_teardown(test_second_document_with_syntax_error, release_all),
        cmocka_unit_test_teardown(test_deep_nesting_capped, release_all),
        cmocka_unit_test_teardown(test_nesting_below_cap_loads, release_all),
        cmocka_unit_test(test_nesting_ignores_text),
        cmocka_unit_test_teardown(test_alias_bomb_rejected_quickly, release_all),
        cmocka_unit_test_teardown(test_alias_bomb_no_cascading_errors, release_all),
        cmocka_unit_test_teardown(test_small_aliases_allowed, release_all),
        cmocka_unit_test_teardown(test_minimal_document_loads, release_all),
        cmocka_unit_test_teardown(test_party_document_loads, release_all),
        cmocka_unit_test_teardown(test_issuer_as_list, release_all),
        cmocka_unit_test_teardown(test_issuer_as_block_scalar, release_all),
        cmocka_unit_test_teardown(test_issuer_empty, release_all),
        cmocka_unit_test_teardown(test_draft_with_month_only, release_all),
        cmocka_unit_test_teardown(test_draft_with_year_only, release_all),
        cmocka_unit_test_teardown(test_section_tree_and_numbering, release_all),
        cmocka_unit_test_teardown(test_numbering_restarts_in_each_parent, release_all),
        cmocka_unit_test_teardown(test_section_with_two_level_keys, release_all),
        cmocka_unit_test_teardown(test_tasks_tree, release_all),
        cmocka_unit_test_teardown(test_agency_levels_and_numbering, release_all),
        cmocka_unit_test_teardown(test_agency_under_muc_is_khoan, release_all),
        cmocka_unit_test_teardown(test_agency_at_top_level_is_muc, release_all),
        cmocka_unit_test_teardown(test_task_errors, release_all),
        cmocka_unit_test_teardown(test_deadline_forms, release_all),
        cmocka_unit_test_teardown(test_tasks_layout, release_all),
        cmocka_unit_test_teardown(test_folded_items, release_all),
        cmocka_unit_test_teardown(test_recipient_written_as_mapping, release_all),
        cmocka_unit_test_teardown(test_joint_signers, release_all),
        cmocka_unit_test_teardown(test_nfd_input_comes_out_nfc, release_all),
        cmocka_unit_test_teardown(test_vietnamese_diagnostic, release_all),
        cmocka_unit_test_teardown(test_diagnostics_accumulate, release_all),
    };
    return cmocka_run_group_tests_name("yaml_reader", tests, NULL, NULL);
}
