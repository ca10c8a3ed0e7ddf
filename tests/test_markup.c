/* Inline Markdown of body text (vb_markup_append_blocks) and of one-line titles
 * (vb_markup_inline): emphasis becomes styled runs, "- " / "+ " lines become bullet
 * paragraphs, blank lines separate paragraphs, and titles keep "1." and "- " as text. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/markup.h"
#include "model/model.h"

/* ---- helpers -------------------------------------------------------------------------- */

/* The trees and the inline of a test are freed by the teardown too, so a failing assertion
 * (which longjmps out of the test) leaks nothing and valgrind only reports the library. */
static vb_node *roots[8];
static size_t root_count;
static vb_inline scratch_inline;

static vb_node *new_root(void)
{
    if (root_count == sizeof roots / sizeof *roots)
        fail_msg("test bug: too many roots");
    vb_node *root = vb_node_new(VB_NODE_SECTION, (vb_pos){"t.yaml", 0, 0});
    roots[root_count++] = root;
    return root;
}

static void release_root(vb_node *root)
{
    for (size_t i = 0; i < root_count; i++) {
        if (roots[i] == root) {
            vb_node_free_tree(root);
            roots[i] = roots[--root_count];
            return;
        }
    }
    fail_msg("test bug: release_root() of an untracked tree");
}

/* An empty inline, owned by the test fixture. */
static vb_inline *fresh_inline(void)
{
    vb_inline_free(&scratch_inline);
    return &scratch_inline;
}

static int release_all(void **state)
{
    (void)state;
    while (root_count > 0)
        vb_node_free_tree(roots[--root_count]);
    vb_inline_free(&scratch_inline);
    return 0;
}

typedef struct {
    const char *text;
    unsigned style;
} expected_run;

static const char *style_name(unsigned style)
{
    switch (style) {
    case 0:
        return "plain";
    case VB_RUN_BOLD:
        return "bold";
    case VB_RUN_ITALIC:
        return "italic";
    case VB_RUN_BOLD | VB_RUN_ITALIC:
        return "bold+italic";
    default:
        return "?";
    }
}

static void dump_runs(const vb_inline *in)
{
    print_error("  %zu run(s):\n", in->count);
    for (size_t i = 0; i < in->count; i++)
        print_error("    [%zu] \"%s\" (%s)\n", i, in->runs[i].text, style_name(in->runs[i].style));
}

static void check_runs(const char *file, int line, const vb_inline *in, const expected_run *want,
                       size_t n)
{
    int ok = in->count == n;
    for (size_t i = 0; ok && i < n; i++)
        ok = strcmp(in->runs[i].text, want[i].text) == 0 && in->runs[i].style == want[i].style;
    if (!ok) {
        print_error("%s:%d: runs differ; expected %zu run(s):\n", file, line, n);
        for (size_t i = 0; i < n; i++)
            print_error("    [%zu] \"%s\" (%s)\n", i, want[i].text, style_name(want[i].style));
        dump_runs(in);
        _fail(file, line);
    }
}
#define assert_runs(in, ...)                                                                   \
    do {                                                                                       \
        static const expected_run want_[] = {__VA_ARGS__};                                     \
        check_runs(__FILE__, __LINE__, (in), want_, sizeof want_ / sizeof *want_);             \
    } while (0)

static vb_node *parse_blocks(const char *text, unsigned line)
{
    vb_node *root = new_root();
    vb_markup_append_blocks(root, text, strlen(text), (vb_pos){"t.yaml", line, 5}, 0);
    return root;
}

static size_t count_children(const vb_node *n)
{
    size_t c = 0;
    for (const vb_node *k = n->first_child; k; k = k->next)
        c++;
    return c;
}

static void dump_blocks(const vb_node *root)
{
    size_t i = 0;
    for (const vb_node *k = root->first_child; k; k = k->next, i++) {
        char *plain = vb_inline_plain(&k->content);
        print_error("    #%zu kind %d bullet %d line %u: \"%s\"\n", i, k->kind, k->bullet_level,
                    k->pos.line, plain);
        free(plain);
    }
}

static void check_block_count(const char *file, int line, const vb_node *root, size_t n)
{
    if (count_children(root) != n) {
        print_error("%s:%d: expected %zu paragraph node(s), got %zu:\n", file, line, n,
                    count_children(root));
        dump_blocks(root);
        _fail(file, line);
    }
}
#define assert_blocks(root, n) check_block_count(__FILE__, __LINE__, (root), (n))

static const vb_node *nth(const vb_node *root, size_t i)
{
    const vb_node *k = root->first_child;
    while (k && i--)
        k = k->next;
    assert_non_null(k);
    return k;
}

/* ---- body text ------------------------------------------------------------------------ */

static void test_bold_and_italic_runs(void **state)
{
    (void)state;
    vb_node *root = parse_blocks("**đậm** và *nghiêng*", 1);
    assert_blocks(root, 1);
    const vb_node *p = root->first_child;
    assert_int_equal(p->kind, VB_NODE_PARAGRAPH);
    assert_int_equal(p->bullet_level, 0);
    assert_runs(&p->content, {"đậm", VB_RUN_BOLD}, {" và ", 0}, {"nghiêng", VB_RUN_ITALIC});
    release_root(root);
}

static void test_nested_emphasis(void **state)
{
    (void)state;
    vb_node *root = parse_blocks("Báo cáo **được *chuẩn bị* kỹ** và ***rõ***.", 1);
    assert_blocks(root, 1);
    assert_runs(&root->first_child->content, {"Báo cáo ", 0}, {"được ", VB_RUN_BOLD},
                {"chuẩn bị", VB_RUN_BOLD | VB_RUN_ITALIC}, {" kỹ", VB_RUN_BOLD}, {" và ", 0},
                {"rõ", VB_RUN_BOLD | VB_RUN_ITALIC}, {".", 0});
    release_root(root);
}

static void test_bullet_levels(void **state)
{
    (void)state;
    vb_node *root = parse_blocks("- a\n- b\n  + c", 1);
    assert_blocks(root, 3);
    static const struct {
        const char *text;
        int level;
    } want[] = {{"a", 1}, {"b", 1}, {"c", 2}};
    for (size_t i = 0; i < 3; i++) {
        const vb_node *p = nth(root, i);
        char *plain = vb_inline_plain(&p->content);
        if (p->kind != VB_NODE_PARAGRAPH || p->bullet_level != want[i].level ||
            strcmp(plain, want[i].text) != 0) {
            print_error("bullet #%zu: expected \"%s\" at level %d\n", i, want[i].text,
                        want[i].level);
            dump_blocks(root);
            free(plain);
            fail();
        }
        free(plain);
    }
    release_root(root);
}

static void test_bullets_after_a_paragraph(void **state)
{
    (void)state;
    /* As drafters write it: a lead-in line, then the list (no blank line needed). */
    vb_node *root = parse_blocks("Rà soát lại các số liệu:\n\n- số doanh nghiệp;\n  + lớn;\n"
                                 "  + nhỏ;\n- số dịch vụ công.",
                                 1);
    assert_blocks(root, 5);
    static const int levels[] = {0, 1, 2, 2, 1};
    for (size_t i = 0; i < 5; i++)
        if (nth(root, i)->bullet_level != levels[i]) {
            dump_blocks(root);
            fail_msg("node #%zu: bullet level %d, expected %d", i, nth(root, i)->bullet_level,
                     levels[i]);
        }
    char *plain = vb_inline_plain(&nth(root, 2)->content);
    assert_string_equal(plain, "lớn;");
    free(plain);
    release_root(root);
}

static void test_paragraphs_split_at_blank_line(void **state)
{
    (void)state;
    vb_node *root = new_root();
    static const char text[] = "Đoạn thứ nhất.\n\nĐoạn thứ hai.";
    /* A block scalar's text starts on the line after the "|" at line 10. */
    vb_markup_append_blocks(root, text, strlen(text), (vb_pos){"t.yaml", 10, 5}, 1);
    assert_blocks(root, 2);
    assert_runs(&nth(root, 0)->content, {"Đoạn thứ nhất.", 0});
    assert_runs(&nth(root, 1)->content, {"Đoạn thứ hai.", 0});
    assert_int_equal(nth(root, 0)->bullet_level, 0);
    assert_int_equal(nth(root, 1)->bullet_level, 0);
    /* Each paragraph points at its own line in the YAML. */
    assert_int_equal(nth(root, 0)->pos.line, 11);
    assert_int_equal(nth(root, 1)->pos.line, 13);
    assert_string_equal(nth(root, 1)->pos.file, "t.yaml");
    assert_ptr_equal(nth(root, 1)->parent, root);
    release_root(root);
}

static void test_soft_break_joins_with_space(void **state)
{
    (void)state;
    vb_node *root = parse_blocks("Dòng thứ nhất\ndòng thứ hai", 1);
    assert_blocks(root, 1);
    assert_runs(&root->first_child->content, {"Dòng thứ nhất dòng thứ hai", 0});
    release_root(root);
}

static void test_hard_break_joins_with_space(void **state)
{
    (void)state;
    /* Two trailing spaces make a Markdown hard break; the page still decides the lines. */
    vb_node *root = parse_blocks("Dòng một  \ndòng hai", 1);
    assert_blocks(root, 1);
    assert_runs(&root->first_child->content, {"Dòng một dòng hai", 0});
    release_root(root);
}

static void test_ordered_list_keeps_numbers(void **state)
{
    (void)state;
    /* vanban numbers sections, not text: a typed "2. …" stays as typed. */
    vb_node *root = parse_blocks("2. Bên cạnh những kết quả đạt được", 1);
    assert_blocks(root, 1);
    assert_runs(&root->first_child->content, {"2. Bên cạnh những kết quả đạt được", 0});
    assert_int_equal(root->first_child->bullet_level, 0);
    release_root(root);
}

static void test_ordered_list_keeps_typed_numbers(void **state)
{
    (void)state;
    /* markup.c: "An ordered list keeps its numbers as typed". A drafter who skips a number
     * or writes a leading zero gets exactly that on the page, never a renumbered text. */
    vb_node *root = parse_blocks("1. Về công tác chỉ đạo\n3. Về kinh phí", 1);
    assert_blocks(root, 2);
    assert_runs(&nth(root, 0)->content, {"1. Về công tác chỉ đạo", 0});
    assert_runs(&nth(root, 1)->content, {"3. Về kinh phí", 0});
    release_root(root);

    root = parse_blocks("01. Nghị quyết số 48-NQ/TU", 1);
    assert_blocks(root, 1);
    assert_runs(&root->first_child->content, {"01. Nghị quyết số 48-NQ/TU", 0});
    release_root(root);
}

static void test_blocks_append_after_existing_children(void **state)
{
    (void)state;
    vb_node *root = parse_blocks("Một.", 1);
    vb_markup_append_blocks(root, "Hai.", 4, (vb_pos){"t.yaml", 2, 5}, 0);
    assert_blocks(root, 2);
    assert_runs(&nth(root, 1)->content, {"Hai.", 0});
    release_root(root);
}

static void test_nfc_text_passes_through(void **state)
{
    (void)state;
    static const char text[] = "Cộng hòa xã hội chủ nghĩa Việt Nam – Độc lập “Tự do” ½";
    vb_node *root = parse_blocks(text, 1);
    assert_blocks(root, 1);
    const vb_inline *c = &root->first_child->content;
    assert_int_equal(c->count, 1);
    assert_int_equal(strlen(c->runs[0].text), strlen(text));
    assert_memory_equal(c->runs[0].text, text, sizeof text);
    release_root(root);

    vb_inline *in = fresh_inline();
    vb_markup_inline(in, text, strlen(text));
    assert_int_equal(in->count, 1);
    assert_memory_equal(in->runs[0].text, text, sizeof text);
    vb_inline_free(in);
}

/* Whether two trees hold the same paragraphs: kind, bullet level, line and runs. */
static int same_blocks(const vb_node *a, const vb_node *b)
{
    const vb_node *x = a->first_child, *y = b->first_child;
    for (; x && y; x = x->next, y = y->next) {
        if (x->kind != y->kind || x->bullet_level != y->bullet_level ||
            x->pos.line != y->pos.line || x->content.count != y->content.count)
            return 0;
        for (size_t i = 0; i < x->content.count; i++)
            if (strcmp(x->content.runs[i].text, y->content.runs[i].text) != 0 ||
                x->content.runs[i].style != y->content.runs[i].style)
                return 0;
    }
    return !x && !y;
}

/* vb_markup_append_blocks skips the parser for text without markup: whatever the text, it
 * must make what the parser makes. Random texts of Vietnamese words, digits, white space and
 * every character that means something to CommonMark, at every place (the start too). */
static void test_shortcut_reads_as_the_parser(void **state)
{
    (void)state;
    static const char *const pieces[] = {
        "Việt", "Nam", "hòa", "1", "2024", "34,6%", " ", " ", "  ", "\t", "\n", "\r", ".",
        ")", ",", ":", ";", "-", "+", "*", "_", "#", ">", "=", "~", "`", "<", "|", "[", "]",
        "!", "&", "&amp;", "\\", "^[", "(", "\"", "'", "–", "“", "”", "½", "a", "Đ",
    };
    const size_t n_pieces = sizeof pieces / sizeof *pieces;
    uint32_t seed = 12345;
    char text[256];
    size_t shortcuts = 0;
    for (int round = 0; round < 20000; round++) {
        size_t len = 0;
        int count = 1 + (int)((seed = seed * 1103515245u + 12345u) >> 16) % 8;
        for (int k = 0; k < count; k++) {
            /* Mostly words and spaces, so that many texts take the shortcut. */
            seed = seed * 1103515245u + 12345u;
            size_t pick = (seed >> 16) % (round % 2 ? n_pieces : 6);
            size_t n = strlen(pieces[pick]);
            memcpy(text + len, pieces[pick], n);
            len += n;
        }
        text[len] = '\0';
        vb_node *fast = new_root(), *parsed = new_root();
        vb_markup_append_blocks(fast, text, len, (vb_pos){"t.yaml", 7, 3}, round % 3 == 0);
        vb_markup_parse_blocks(parsed, text, len, (vb_pos){"t.yaml", 7, 3}, round % 3 == 0);
        if (!same_blocks(fast, parsed)) {
            print_error("text \"%s\": with the shortcut\n", text);
            dump_blocks(fast);
            print_error("  through the parser\n");
            dump_blocks(parsed);
            fail();
        }
        shortcuts += count_children(fast) == 1 && fast->first_child->content.count == 1 &&
                     strcmp(fast->first_child->content.runs[0].text, text) == 0;
        release_root(fast);
        release_root(parsed);
    }
    /* The comparison means something only if both kinds of text were seen. */
    assert_true(shortcuts > 2000);
    assert_true(shortcuts < 18000);
}

/* ---- titles --------------------------------------------------------------------------- */

static void check_inline_literal(const char *file, int line, const char *text)
{
    vb_inline *in = fresh_inline();
    vb_markup_inline(in, text, strlen(text));
    expected_run want = {text, 0};
    check_runs(file, line, in, &want, 1);
    vb_inline_free(in);
}
#define assert_inline_literal(text) check_inline_literal(__FILE__, __LINE__, (text))

/* Markdown vanban does not read (docs/format.md names bold, italic and lists) stays the text
 * that was typed: a quote's ">", a heading's "#", a rule, a link's address, a code span's
 * backticks, HTML and entities. Read as CommonMark they would drop what a drafter wrote
 * ("> 90%" becoming "90%"). */
static void test_unread_markdown_stays_text(void **state)
{
    (void)state;
    static const char *const texts[] = {
        "> 90% hồ sơ được giải quyết đúng hạn.",
        "# 5 thôn đạt chuẩn nông thôn mới.",
        "Xem [Cổng thông tin](https://bacgiang.gov.vn) của tỉnh.",
        "Mã thủ tục `1.001234` trên Cổng.",
        "Ảnh ![sơ đồ](so-do.png) kèm theo.",
        "Tỷ lệ 3,2% <= 5% và R&amp;D <b>x</b>.",
        "Liên hệ <https://dichvucong.gov.vn> để nộp hồ sơ.",
        "=== gạch bằng",
        "***",
        "~~~",
    };
    for (size_t i = 0; i < sizeof texts / sizeof *texts; i++) {
        vb_node *root = parse_blocks(texts[i], 3);
        assert_blocks(root, 1);
        char *plain = vb_inline_plain(&nth(root, 0)->content);
        assert_string_equal(plain, texts[i]);
        assert_int_equal(nth(root, 0)->bullet_level, 0);
        free(plain);
        release_root(root);
    }
    /* A rule or an underline between lines stays, and so do the lines. */
    vb_node *root = parse_blocks("Dòng một\n---\nDòng hai\n===\n- mục", 3);
    assert_blocks(root, 2);
    char *plain = vb_inline_plain(&nth(root, 0)->content);
    assert_string_equal(plain, "Dòng một --- Dòng hai ===");
    free(plain);
    assert_int_equal(nth(root, 1)->bullet_level, 1);
    release_root(root);
    /* What the writer escaped reads back as the character, once; emphasis still works. */
    root = parse_blocks("\\[1\\] và \\`x\\` và **đậm** \\> 5", 3);
    assert_runs(&nth(root, 0)->content, {"[1] và `x` và ", 0}, {"đậm", VB_RUN_BOLD}, {" > 5", 0});
    release_root(root);
    /* A note keeps working: "^[" is still text to extract_notes. */
    root = parse_blocks("Kết quả^[Theo báo cáo số 12.] tốt.", 3);
    char *with_note = vb_inline_plain(&nth(root, 0)->content);
    assert_null(strstr(with_note, "^["));
    free(with_note);
    release_root(root);
}

static void test_inline_keeps_block_markers_as_text(void **state)
{
    (void)state;
    assert_inline_literal("1. Về công tác chỉ đạo, điều hành…");
    assert_inline_literal("2) Về kinh phí");
    assert_inline_literal("- x");
    assert_inline_literal("+ y");
    assert_inline_literal("# Không phải tiêu đề Markdown");
    assert_inline_literal("> không phải trích dẫn");
    assert_inline_literal("Năm 2024. Kết quả");
    assert_inline_literal("Về [Đề án 06](https://dean06.gov.vn) và mã `QĐ-01` <2025>");
}

static void test_inline_emphasis(void **state)
{
    (void)state;
    vb_inline *in = fresh_inline();
    static const char text[] = "Về **đậm** và *nghiêng*";
    vb_markup_inline(in, text, strlen(text));
    assert_runs(in, {"Về ", 0}, {"đậm", VB_RUN_BOLD}, {" và ", 0}, {"nghiêng", VB_RUN_ITALIC});
    vb_inline_free(in);

    /* A list marker at the start does not stop emphasis later in the title. */
    static const char numbered[] = "1. Về **nhiệm vụ**";
    vb_markup_inline(in, numbered, strlen(numbered));
    assert_runs(in, {"1. Về ", 0}, {"nhiệm vụ", VB_RUN_BOLD});
    vb_inline_free(in);
}

static void test_inline_appends(void **state)
{
    (void)state;
    /* A title is appended to what the inline already holds (e.g. a label). */
    vb_inline *in = fresh_inline();
    vb_inline_append(in, "Điều 1. ", strlen("Điều 1. "), VB_RUN_BOLD);
    static const char title[] = "Phạm vi *điều chỉnh*";
    vb_markup_inline(in, title, strlen(title));
    assert_runs(in, {"Điều 1. ", VB_RUN_BOLD}, {"Phạm vi ", 0}, {"điều chỉnh", VB_RUN_ITALIC});
    vb_inline_free(in);
    assert_int_equal(in->count, 0);
    assert_null(in->runs);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_teardown(test_bold_and_italic_runs, release_all),
        cmocka_unit_test_teardown(test_nested_emphasis, release_all),
        cmocka_unit_test_teardown(test_bullet_levels, release_all),
        cmocka_unit_test_teardown(test_bullets_after_a_paragraph, release_all),
        cmocka_unit_test_teardown(test_paragraphs_split_at_blank_line, release_all),
        cmocka_unit_test_teardown(test_soft_break_joins_with_space, release_all),
        cmocka_unit_test_teardown(test_hard_break_joins_with_space, release_all),
        cmocka_unit_test_teardown(test_ordered_list_keeps_numbers, release_all),
        cmocka_unit_test_teardown(test_ordered_list_keeps_typed_numbers, release_all),
        cmocka_unit_test_teardown(test_blocks_append_after_existing_children, release_all),
        cmocka_unit_test_teardown(test_nfc_text_passes_through, release_all),
        cmocka_unit_test_teardown(test_shortcut_reads_as_the_parser, release_all),
        cmocka_unit_test_teardown(test_unread_markdown_stays_text, release_all),
        cmocka_unit_test_teardown(test_inline_keeps_block_markers_as_text, release_all),
        cmocka_unit_test_teardown(test_inline_emphasis, release_all),
        cmocka_unit_test_teardown(test_inline_appends, release_all),
    };
    return cmocka_run_group_tests_name("markup", tests, NULL, NULL);
}
