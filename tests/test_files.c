#include "test_files.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "layout/layout.h"
#include "package/templates.h"
#include "write/docx/docx.h"
#include "write/odt/odt.h"

char *test_read_file(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    size_t cap = 8192, n = 0;
    char *data = malloc(cap + 1);
    while (data) {
        if (n == cap) {
            char *grown = realloc(data, cap * 2 + 1);
            if (!grown) {
                free(data);
                data = NULL;
                break;
            }
            data = grown;
            cap *= 2;
        }
        size_t got = fread(data + n, 1, cap - n, f);
        n += got;
        if (got == 0)
            break;
    }
    int failed = ferror(f);
    fclose(f);
    if (!data || failed) {
        free(data);
        return NULL;
    }
    data[n] = '\0';
    *len = n;
    return data;
}

int test_same_bytes(const char *a, const char *b)
{
    size_t la = 0, lb = 0;
    char *da = test_read_file(a, &la);
    char *db = test_read_file(b, &lb);
    int same = da && db && la == lb && memcmp(da, db, la) == 0;
    free(da);
    free(db);
    return same;
}

void test_write_office(const vb_document *doc, const char *format, long long epoch, char *path,
                       size_t path_size)
{
    const char *tmp = getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp";
    snprintf(path, path_size, "%s/vanban-test-XXXXXX", tmp);
    int fd = mkstemp(path);
    if (fd < 0)
        fail_msg("cannot make a temporary file in %s", tmp);
    close(fd);
    char err[1024] = "";
    vb_template_store *templates = vb_template_store_load(format, NULL, err, sizeof err);
    if (!templates)
        fail_msg("templates: %s", err);
    const vb_layout *layout = vb_layout_for(doc->format);
    int rc = strcmp(format, "odt") == 0 ? vb_odt_write(doc, layout, templates, epoch, path, err, sizeof err)
                                        : vb_docx_write(doc, layout, templates, epoch, path, err, sizeof err);
    vb_template_store_free(templates);
    if (rc < 0) {
        unlink(path);
        fail_msg("writing the %s: %s", format, err);
    }
}
