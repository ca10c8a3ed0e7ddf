/* The template store: built-in DOCX parts in package order, and `--template DIR` overrides.
 * Built with -DVB_TEMPLATE_DIR="<source>/templates/docx" it also checks that the built-in
 * copy is byte for byte the files in the source tree. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "package/templates.h"

static const char *const docx_order[] = {
    "[Content_Types].xml",
    "_rels/.rels",
    "word/_rels/document.xml.rels",
    "word/settings.xml",
    "word/fontTable.xml",
    "docProps/app.xml",
};
#define DOCX_PART_COUNT (sizeof docx_order / sizeof docx_order[0])

static const char xml_declaration[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n";

/* ---- helpers -------------------------------------------------------------------------- */

static char *path_join(const char *dir, const char *name)
{
    size_t size = strlen(dir) + 1 + strlen(name) + 1;
    char *path = malloc(size);
    assert_non_null(path);
    snprintf(path, size, "%s/%s", dir, name);
    return path;
}

static void remove_tree(const char *path)
{
    struct stat st;
    if (lstat(path, &st) != 0)
        return;
    if (S_ISDIR(st.st_mode)) {
        DIR *dir = opendir(path);
        if (dir != NULL) {
            struct dirent *de;
            while ((de = readdir(dir)) != NULL) {
                if (strcmp(de->d_name, ".") == 0 || strcmp(de->d_name, "..") == 0)
                    continue;
                char *child = path_join(path, de->d_name);
                remove_tree(child);
                free(child);
            }
            closedir(dir);
        }
        rmdir(path);
    } else {
        unlink(path);
    }
}

static void write_file(const char *dir, const char *name, const char *data, size_t size)
{
    char *path = path_join(dir, name);
    FILE *file = fopen(path, "wb");
    assert_non_null(file);
    assert_int_equal(fwrite(data, 1, size, file), size);
    assert_int_equal(fclose(file), 0);
    free(path);
}

static void make_dir(const char *dir, const char *name)
{
    char *path = path_join(dir, name);
    assert_int_equal(mkdir(path, 0755), 0);
    free(path);
}

static int setup(void **state)
{
    const char *base = getenv("TMPDIR");
    if (base == NULL || *base == '\0')
        base = "/tmp";
    char *dir = path_join(base, "vb-test-templates-XXXXXX");
    assert_non_null(mkdtemp(dir));
    *state = dir;
    return 0;
}

static int teardown(void **state)
{
    remove_tree(*state);
    free(*state);
    return 0;
}

/* ---- tests ------------------------------------------------------------------------------ */

static void test_builtin_docx_parts_in_order(void **state)
{
    (void)state;
    char err[512] = "";
    size_t count = 0;
    vb_template_store *store = vb_template_store_load("docx", NULL, err, sizeof err);
    assert_non_null(store);

    const vb_template_part *parts = vb_template_store_parts(store, &count);
    assert_int_equal(count, DOCX_PART_COUNT);
    for (size_t i = 0; i < count; i++) {
        assert_string_equal(parts[i].name, docx_order[i]);
        assert_non_null(parts[i].data);
        assert_true(parts[i].size > sizeof xml_declaration);
        assert_memory_equal(parts[i].data, xml_declaration, sizeof xml_declaration - 1);
        assert_int_equal(parts[i].data[parts[i].size], '\0'); /* NUL-terminated too */
        assert_int_equal(strlen((const char *)parts[i].data), parts[i].size);
    }
    vb_template_store_free(store);
}

static void test_find_by_name(void **state)
{
    (void)state;
    char err[512] = "";
    size_t count = 0;
    vb_template_store *store = vb_template_store_load("docx", NULL, err, sizeof err);
    assert_non_null(store);
    const vb_template_part *parts = vb_template_store_parts(store, &count);

    const vb_template_part *fonts = vb_template_store_find(store, "word/fontTable.xml");
    assert_ptr_equal(fonts, &parts[4]);
    assert_non_null(strstr((const char *)fonts->data, "w:name=\"Times New Roman\""));
    /* document.xml is generated, not a template part */
    assert_null(vb_template_store_find(store, "word/document.xml"));
    assert_null(vb_template_store_find(store, ""));
    assert_null(vb_template_store_find(store, NULL));
    vb_template_store_free(store);
}

static void test_override_replaces_one_part_only(void **state)
{
    const char *dir = *state;
    char err[512] = "";
    size_t count = 0;
    /* Larger than the reader's first buffer, to exercise its growth. */
    size_t big_size = 10000;
    char *big = malloc(big_size);
    assert_non_null(big);
    memset(big, 'x', big_size);

    make_dir(dir, "word");
    write_file(dir, "word/fontTable.xml", "<custom/>", strlen("<custom/>"));
    write_file(dir, "word/settings.xml", big, big_size);
    write_file(dir, "word/unknown.xml", "<ignored/>", strlen("<ignored/>"));

    vb_template_store *builtin = vb_template_store_load("docx", NULL, err, sizeof err);
    vb_template_store *store = vb_template_store_load("docx", dir, err, sizeof err);
    assert_non_null(builtin);
    if (store == NULL)
        fail_msg("load: %s", err);

    const vb_template_part *parts = vb_template_store_parts(store, &count);
    assert_int_equal(count, DOCX_PART_COUNT);
    for (size_t i = 0; i < count; i++)
        assert_string_equal(parts[i].name, docx_order[i]);

    const vb_template_part *fonts = vb_template_store_find(store, "word/fontTable.xml");
    assert_int_equal(fonts->size, strlen("<custom/>"));
    assert_string_equal((const char *)fonts->data, "<custom/>");

    const vb_template_part *settings = vb_template_store_find(store, "word/settings.xml");
    assert_int_equal(settings->size, big_size);
    assert_memory_equal(settings->data, big, big_size);
    assert_int_equal(settings->data[big_size], '\0');

    /* The others fall back to the built-in copy. */
    const vb_template_part *app = vb_template_store_find(store, "docProps/app.xml");
    const vb_template_part *builtin_app = vb_template_store_find(builtin, "docProps/app.xml");
    assert_ptr_equal(app->data, builtin_app->data);
    assert_int_equal(app->size, builtin_app->size);
    assert_null(vb_template_store_find(store, "word/unknown.xml"));

    vb_template_store_free(store);
    vb_template_store_free(builtin);
    free(big);
}

static void test_unreadable_override_is_an_error(void **state)
{
    const char *dir = *state;
    char err[512] = "";
    char *expected_path = path_join(dir, "word/settings.xml");

    /* A directory where the part should be exists but cannot be read as a file. */
    make_dir(dir, "word");
    make_dir(dir, "word/settings.xml");
    assert_null(vb_template_store_load("docx", dir, err, sizeof err));
    assert_non_null(strstr(err, expected_path));
    assert_non_null(strstr(err, strerror(EISDIR)));
    free(expected_path);
}

static void test_missing_override_dir_is_an_error(void **state)
{
    const char *dir = *state;
    char err[512] = "";
    char *missing = path_join(dir, "no-such-dir");

    assert_null(vb_template_store_load("docx", missing, err, sizeof err));
    assert_non_null(strstr(err, missing));
    assert_non_null(strstr(err, strerror(ENOENT)));
    free(missing);
}

static void test_unknown_format_is_an_error(void **state)
{
    (void)state;
    char err[512] = "";
    size_t count = 99;

    assert_null(vb_template_store_load("pdf", NULL, err, sizeof err));
    assert_non_null(strstr(err, "'pdf'"));
    assert_null(vb_template_store_load(NULL, NULL, err, sizeof err));
    vb_template_store_free(NULL); /* NULL-safe */
    assert_null(vb_template_store_parts(NULL, &count));
    assert_int_equal(count, 0);
}

#ifdef VB_TEMPLATE_DIR
static void test_builtin_matches_source_tree(void **state)
{
    (void)state;
    char err[512] = "";
    size_t count = 0, source_count = 0;
    vb_template_store *builtin = vb_template_store_load("docx", NULL, err, sizeof err);
    vb_template_store *source = vb_template_store_load("docx", VB_TEMPLATE_DIR, err, sizeof err);
    assert_non_null(builtin);
    if (source == NULL)
        fail_msg("load %s: %s", VB_TEMPLATE_DIR, err);

    const vb_template_part *a = vb_template_store_parts(builtin, &count);
    const vb_template_part *b = vb_template_store_parts(source, &source_count);
    assert_int_equal(count, source_count);
    for (size_t i = 0; i < count; i++) {
        assert_true(a[i].data != b[i].data); /* b really came from the file */
        assert_int_equal(a[i].size, b[i].size);
        assert_memory_equal(a[i].data, b[i].data, a[i].size);
    }
    vb_template_store_free(source);
    vb_template_store_free(builtin);
}
#endif

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_builtin_docx_parts_in_order),
        cmocka_unit_test(test_find_by_name),
        cmocka_unit_test_setup_teardown(test_override_replaces_one_part_only, setup, teardown),
        cmocka_unit_test_setup_teardown(test_unreadable_override_is_an_error, setup, teardown),
        cmocka_unit_test_setup_teardown(test_missing_override_dir_is_an_error, setup, teardown),
        cmocka_unit_test(test_unknown_format_is_an_error),
#ifdef VB_TEMPLATE_DIR
        cmocka_unit_test(test_builtin_matches_source_tree),
#endif
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
