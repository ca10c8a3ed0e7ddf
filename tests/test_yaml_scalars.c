/* Where a YAML file's scalars are (gen/read/yaml_scalars.c): the list taken from libyaml's
 * events (what `check` and `normalize` parse) and the list taken from the document tree the
 * reader loads (what `render` hands its text warnings) must be the same, item for item; and
 * each must say which scalars are written as keys, which an alias, a complex key or an
 * anchored key used to confuse. Every input and example of the repository is compared too. */
#include <setjmp.h> /* cmocka.h needs these three first */
#include <stdarg.h>
#include <stddef.h>

#include <cmocka.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <yaml.h>

#include "read/yaml_scalars.h"
#include "test_files.h"

#ifndef VB_SOURCE_ROOT
#define VB_SOURCE_ROOT "."
#endif

/* Both lists of `text`; the test fails unless they agree. `out` receives the events' list. */
static void both_lists(const char *text, size_t len, vb_yaml_scalars *out)
{
    memset(out, 0, sizeof *out);
    assert_true(vb_yaml_scalars_of_text(text, len, out, NULL, NULL));

    yaml_parser_t parser;
    yaml_document_t document;
    assert_true(yaml_parser_initialize(&parser));
    yaml_parser_set_input_string(&parser, (const unsigned char *)text, len);
    assert_true(yaml_parser_load(&parser, &document));
    vb_yaml_scalars from_tree = {0};
    vb_yaml_scalars_of_document(&document, &from_tree);
    yaml_document_delete(&document);
    yaml_parser_delete(&parser);

    assert_int_equal(from_tree.count, out->count);
    for (size_t i = 0; i < out->count; i++) {
        assert_int_equal(from_tree.items[i].start, out->items[i].start);
        assert_int_equal(from_tree.items[i].end, out->items[i].end);
        assert_int_equal(from_tree.items[i].style, out->items[i].style);
        assert_int_equal(from_tree.items[i].is_key, out->items[i].is_key);
    }
    if (out->tone_name)
        assert_string_equal(from_tree.tone_name, out->tone_name);
    else
        assert_null(from_tree.tone_name);
    vb_yaml_scalars_free(&from_tree);
}

/* The text of scalar `i` of `text` as written, for readable assertions. */
static const char *written(const char *text, const vb_yaml_scalars *list, size_t i, char *buf,
                           size_t size)
{
    /* The tests' texts are ASCII: character indexes are byte offsets. */
    size_t n = list->items[i].end - list->items[i].start;
    assert_true(n < size);
    memcpy(buf, text + list->items[i].start, n);
    buf[n] = '\0';
    return buf;
}

/* Asserts the scalars of `text`, in order: their written text and whether each is a key. */
static void expect(const char *text, const char *const *texts, const int *keys, size_t count)
{
    vb_yaml_scalars list;
    both_lists(text, strlen(text), &list);
    assert_int_equal(list.count, count);
    char buf[128];
    for (size_t i = 0; i < count; i++) {
        assert_string_equal(written(text, &list, i, buf, sizeof buf), texts[i]);
        assert_int_equal(list.items[i].is_key, keys[i]);
    }
    vb_yaml_scalars_free(&list);
}

static void test_plain_mapping(void **state)
{
    (void)state;
    static const char *const texts[] = {"so", "5", "ky_hieu", "BC-UBND", "noi_nhan", "'Luu: VT'"};
    static const int keys[] = {1, 0, 1, 0, 1, 0};
    expect("so: 5\nky_hieu: BC-UBND\nnoi_nhan:\n  - 'Luu: VT'\n", texts, keys, 6);
}

static void test_key_after_an_alias(void **state)
{
    (void)state;
    /* An alias is no scalar, but it is the value: the next one is a key again. (A node's
     * marks take in its anchor.) */
    static const char *const texts[] = {"a", "&v hoa", "b", "c", "d"};
    static const int keys[] = {1, 0, 1, 1, 0};
    expect("a: &v hoa\nb: *v\nc: d\n", texts, keys, 5);
}

static void test_complex_key(void **state)
{
    (void)state;
    /* A sequence as a key: its items are no keys, and the value after it is no key. */
    static const char *const texts[] = {"k1", "k2", "v", "z", "w"};
    static const int keys[] = {0, 0, 0, 1, 0};
    expect("? [k1, k2]\n: v\nz: w\n", texts, keys, 5);
}

static void test_alias_used_as_key(void **state)
{
    (void)state;
    /* The node is written once, as a value; the alias that makes it a key adds nothing. */
    static const char *const texts[] = {"a", "&n k", "x"};
    static const int keys[] = {1, 0, 0};
    expect("a: &n k\n*n : x\n", texts, keys, 3);
}

static void test_flow_and_nesting(void **state)
{
    (void)state;
    /* Flow mappings keep their keys; an empty value is a scalar of no text. */
    static const char *const texts[] = {"m", "p", "1", "q", "\"[\"", "r", "s", "t", "u", ""};
    static const int keys[] = {1, 1, 0, 1, 0, 1, 0, 0, 1, 0};
    expect("m: {p: 1, q: \"[\"}\nr: [s, t]\nu:\n", texts, keys, 10);
}

static void test_styles_and_character_marks(void **state)
{
    (void)state;
    const char *text = "tên: Hà Nội\nlit: |\n  dòng một\nfold: >\n  gấp\nsq: 'a'\ndq: \"b\"\n";
    vb_yaml_scalars list;
    both_lists(text, strlen(text), &list);
    assert_int_equal(list.count, 10);
    /* Marks count characters: "tên: " is five of them and six bytes. */
    assert_int_equal(list.items[1].start, 5);
    assert_int_equal(list.items[1].style, YAML_PLAIN_SCALAR_STYLE);
    assert_int_equal(list.items[3].style, YAML_LITERAL_SCALAR_STYLE);
    assert_int_equal(list.items[5].style, YAML_FOLDED_SCALAR_STYLE);
    assert_int_equal(list.items[7].style, YAML_SINGLE_QUOTED_SCALAR_STYLE);
    assert_int_equal(list.items[9].style, YAML_DOUBLE_QUOTED_SCALAR_STYLE);
    vb_yaml_scalars_free(&list);
}

static void test_tone_name(void **state)
{
    (void)state;
    vb_yaml_scalars list;
    const char *root = "loai: BC\ndau_thanh: moi\n";
    both_lists(root, strlen(root), &list);
    assert_string_equal(list.tone_name, "moi");
    vb_yaml_scalars_free(&list);
    /* Only the root mapping's, and only a value written there. */
    const char *nested = "ky:\n  dau_thanh: moi\n";
    both_lists(nested, strlen(nested), &list);
    assert_null(list.tone_name);
    vb_yaml_scalars_free(&list);
    const char *aliased = "t: &s moi\ndau_thanh: *s\n";
    both_lists(aliased, strlen(aliased), &list);
    assert_null(list.tone_name);
    vb_yaml_scalars_free(&list);
}

/* Every .yaml file of `dir` (under the source root). Returns how many were compared. */
static int compare_directory(const char *dir)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", VB_SOURCE_ROOT, dir);
    DIR *d = opendir(path);
    if (!d)
        return 0;
    int compared = 0;
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        size_t n = strlen(e->d_name);
        if (n < 6 || strcmp(e->d_name + n - 5, ".yaml") != 0)
            continue;
        snprintf(path, sizeof path, "%s/%s/%s", VB_SOURCE_ROOT, dir, e->d_name);
        size_t len = 0;
        char *text = test_read_file(path, &len);
        assert_non_null(text);
        vb_yaml_scalars list;
        both_lists(text, len, &list);
        assert_true(list.count > 10);
        vb_yaml_scalars_free(&list);
        free(text);
        compared++;
    }
    closedir(d);
    return compared;
}

static void test_repository_documents(void **state)
{
    (void)state;
    assert_true(compare_directory("inputs") + compare_directory("docs/examples") >= 10);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_plain_mapping),
        cmocka_unit_test(test_key_after_an_alias),
        cmocka_unit_test(test_complex_key),
        cmocka_unit_test(test_alias_used_as_key),
        cmocka_unit_test(test_flow_and_nesting),
        cmocka_unit_test(test_styles_and_character_marks),
        cmocka_unit_test(test_tone_name),
        cmocka_unit_test(test_repository_documents),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
