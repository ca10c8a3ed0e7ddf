/* The DOCX/ODT reader (gen/read/office): every document vanban renders (inputs/, docs/examples/) is rendered to DOCX and ODT, read back with vb_office_read, and
 * compared field by field with the model read from its YAML (tests/office_compare.c). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <glob.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "layout/layout.h"
#include "model/diag.h"
#include "model/model.h"
#include "office_compare.h"
#include "package/templates.h"
#include "read/office/office_reader.h"
#include "read/yaml_reader.h"
#include "write/docx/docx.h"
#include "write/odt/odt.h"

#ifndef VB_SOURCE_ROOT
#define VB_SOURCE_ROOT "."
#endif

static char *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *data = malloc((size_t)n + 1);
    size_t got = fread(data, 1, (size_t)n, f);
    fclose(f);
    data[got] = '\0';
    *len = got;
    return data;
}

static const char *root_dir(void)
{
    const char *root = getenv("VANBAN_SOURCE_ROOT");
    return root ? root : VB_SOURCE_ROOT;
}

/* Reads `yaml`, renders it in `format` and reads that back; returns the differences. */
static int round_trip(const char *yaml, const char *format)
{
    size_t len = 0;
    char *data = slurp(yaml, &len);
    assert_non_null(data);
    vb_diagnostics diags;
    vb_diagnostics_init(&diags, VB_LANG_EN);
    /* Table files are found beside the YAML. */
    vb_document *expected = vb_yaml_read(yaml, data, len, &diags);
    free(data);
    if (!expected) {
        vb_diagnostics_print(&diags, stderr);
        fail_msg("%s: YAML not read", yaml);
    }
    char path[512], err[1024] = "";
    const char *tmp = getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp";
    snprintf(path, sizeof path, "%s/vanban-office-rt-%d.%s", tmp, (int)getpid(), format);
    vb_template_store *templates = vb_template_store_load(format, NULL, err, sizeof err);
    assert_non_null(templates);
    int rc = !strcmp(format, "docx")
                 ? vb_docx_write(expected, vb_layout_for(expected->format), templates, 0, path, err, sizeof err)
                 : vb_odt_write(expected, vb_layout_for(expected->format), templates, 0, path, err, sizeof err);
    vb_template_store_free(templates);
    if (rc < 0)
        fail_msg("%s: render: %s", yaml, err);
    vb_diagnostics read_diags;
    vb_diagnostics_init(&read_diags, VB_LANG_EN);
    vb_document *actual = vb_office_read(path, &read_diags);
    unlink(path);
    if (!actual) {
        vb_diagnostics_print(&read_diags, stderr);
        fail_msg("%s: %s not read back", yaml, format);
    }
    fprintf(stderr, "%s (%s):\n", yaml, format);
    int differences = vb_test_compare_documents(expected, actual);
    /* A document vanban made has every part: the reader reports nothing missing. */
    for (size_t i = 0; i < read_diags.count; i++) {
        fprintf(stderr, "  diagnostic: %s [%s]\n", read_diags.items[i].message, read_diags.items[i].rule);
        differences++;
    }
    vb_document_free(expected);
    vb_document_free(actual);
    vb_diagnostics_free(&diags);
    vb_diagnostics_free(&read_diags);
    return differences;
}

static void round_trip_all(const char *format)
{
    const char *patterns[] = {"inputs/*.yaml", "docs/examples/*.yaml"};
    int total = 0, files = 0;
    for (size_t k = 0; k < 2; k++) {
        char pattern[512];
        snprintf(pattern, sizeof pattern, "%s/%s", root_dir(), patterns[k]);
        glob_t g;
        if (glob(pattern, 0, NULL, &g) != 0)
            continue;
        for (size_t i = 0; i < g.gl_pathc; i++) {
            total += round_trip(g.gl_pathv[i], format);
            files++;
        }
        globfree(&g);
    }
    assert_true(files >= 10);
    assert_int_equal(total, 0);
}

static void test_round_trip_docx(void **state)
{
    (void)state;
    round_trip_all("docx");
}


int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_round_trip_docx),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
