/* vb_package: reproducible bytes, entry order and methods, and atomic replacement. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <zip.h>

#include "package/zip_fd_sink.h"
#include "package/zip_package.h"

typedef struct {
    const char *name;
    const char *data;
    int compress;
} entry;

/* Deliberately not in alphabetical order: the archive must keep this order. */
static const entry sample_entries[] = {
    {"mimetype", "application/vnd.oasis.opendocument.text", 0},
    {"[Content_Types].xml", "<?xml version=\"1.0\"?><Types>types types types types</Types>", 1},
    {"_rels/.rels", "<?xml version=\"1.0\"?><Relationships>rels rels rels</Relationships>", 1},
    {"word/document.xml", "<?xml version=\"1.0\"?><w:document>Vi\xe1\xbb\x87t Nam</w:document>", 1},
    {"docProps/app.xml", "", 1},
};
#define SAMPLE_COUNT (sizeof sample_entries / sizeof sample_entries[0])

/* ---- helpers -------------------------------------------------------------------------- */

static char *path_join(const char *dir, const char *name)
{
    size_t size = strlen(dir) + 1 + strlen(name) + 1;
    char *path = malloc(size);
    assert_non_null(path);
    snprintf(path, size, "%s/%s", dir, name);
    return path;
}

static char *make_temp_dir(void)
{
    const char *base = getenv("TMPDIR");
    if (base == NULL || *base == '\0')
        base = "/tmp";
    char *dir = path_join(base, "vb-test-zip-XXXXXX");
    assert_non_null(mkdtemp(dir));
    return dir;
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

/* The names in `dir` (without . and ..), newline-separated, for exact comparisons. */
static char *list_dir(const char *path)
{
    char *names = calloc(1, 1);
    size_t len = 0;
    DIR *dir = opendir(path);
    struct dirent *de;

    assert_non_null(names);
    assert_non_null(dir);
    while ((de = readdir(dir)) != NULL) {
        if (strcmp(de->d_name, ".") == 0 || strcmp(de->d_name, "..") == 0)
            continue;
        size_t add = strlen(de->d_name) + 1;
        names = realloc(names, len + add + 1);
        assert_non_null(names);
        memcpy(names + len, de->d_name, add - 1);
        names[len + add - 1] = '\n';
        len += add;
        names[len] = '\0';
    }
    closedir(dir);
    return names;
}

static void assert_dir_lists(const char *dir, const char *expected)
{
    char *names = list_dir(dir);
    assert_string_equal(names, expected);
    free(names);
}

static unsigned char *read_whole(const char *path, size_t *size)
{
    FILE *file = fopen(path, "rb");
    unsigned char *data = NULL;
    long length;

    assert_non_null(file);
    assert_int_equal(fseek(file, 0, SEEK_END), 0);
    length = ftell(file);
    assert_true(length >= 0);
    rewind(file);
    data = malloc((size_t)length + 1);
    assert_non_null(data);
    assert_int_equal(fread(data, 1, (size_t)length, file), (size_t)length);
    fclose(file);
    *size = (size_t)length;
    return data;
}

static void write_whole(const char *path, const char *text)
{
    FILE *file = fopen(path, "wb");
    assert_non_null(file);
    assert_int_equal(fwrite(text, 1, strlen(text), file), strlen(text));
    assert_int_equal(fclose(file), 0);
}

static void assert_same_bytes(const char *path_a, const char *path_b)
{
    size_t size_a, size_b;
    unsigned char *a = read_whole(path_a, &size_a);
    unsigned char *b = read_whole(path_b, &size_b);
    assert_int_equal(size_a, size_b);
    assert_memory_equal(a, b, size_a);
    free(a);
    free(b);
}

static vb_package *open_with_sample(const char *dest)
{
    char err[512] = "";
    vb_package *pkg = vb_package_open(dest, err, sizeof err);
    assert_non_null(pkg);
    for (size_t i = 0; i < SAMPLE_COUNT; i++) {
        const entry *e = &sample_entries[i];
        assert_int_equal(vb_package_add(pkg, e->name, e->data, strlen(e->data), e->compress, err,
                                        sizeof err),
                         0);
    }
    return pkg;
}

static void write_sample(const char *dest)
{
    char err[512] = "";
    vb_package *pkg = open_with_sample(dest);
    if (vb_package_commit(pkg, err, sizeof err) != 0)
        fail_msg("commit %s: %s", dest, err);
}

/* Run write_sample() with the time zone set to `tz` (NULL: unset), then restore it. */
static void write_sample_in_tz(const char *dest, const char *tz)
{
    const char *old = getenv("TZ");
    char *saved = old != NULL ? strdup(old) : NULL;

    if (tz != NULL)
        setenv("TZ", tz, 1);
    else
        unsetenv("TZ");
    tzset();
    write_sample(dest);
    if (saved != NULL)
        setenv("TZ", saved, 1);
    else
        unsetenv("TZ");
    tzset();
    free(saved);
}

/* ---- fixture: one temporary directory per test ----------------------------------------- */

static int setup(void **state)
{
    *state = make_temp_dir();
    return 0;
}

static int teardown(void **state)
{
    remove_tree(*state);
    free(*state);
    return 0;
}

/* ---- tests ------------------------------------------------------------------------------ */

static void test_same_entries_give_same_bytes(void **state)
{
    const char *dir = *state;
    char *a = path_join(dir, "a.docx");
    char *b = path_join(dir, "b.docx");
    char *c = path_join(dir, "c.docx");

    /* Different time zones too: the fixed timestamp must not depend on them. */
    write_sample_in_tz(a, NULL);
    write_sample_in_tz(b, "UTC0");
    write_sample_in_tz(c, "ICT-7");
    assert_same_bytes(a, b);
    assert_same_bytes(a, c);
    free(a);
    free(b);
    free(c);
}

static void test_entries_keep_order_method_and_metadata(void **state)
{
    const char *dir = *state;
    char *dest = path_join(dir, "plan.docx");
    int code = 0;

    write_sample(dest);
    zip_t *zip = zip_open(dest, ZIP_RDONLY | ZIP_CHECKCONS, &code);
    assert_non_null(zip);
    assert_int_equal(zip_get_num_entries(zip, 0), SAMPLE_COUNT);
    for (size_t i = 0; i < SAMPLE_COUNT; i++) {
        const entry *e = &sample_entries[i];
        zip_stat_t st;
        zip_uint8_t opsys = 0;
        zip_uint32_t attributes = 0;
        char buf[256];

        assert_string_equal(zip_get_name(zip, i, 0), e->name);
        assert_int_equal(zip_stat_index(zip, i, 0, &st), 0);
        assert_int_equal(st.comp_method, e->compress ? ZIP_CM_DEFLATE : ZIP_CM_STORE);
        assert_int_equal(st.size, strlen(e->data));

        struct tm *tm = localtime(&st.mtime);
        assert_int_equal(tm->tm_year, 80);
        assert_int_equal(tm->tm_mon, 0);
        assert_int_equal(tm->tm_mday, 1);
        assert_int_equal(tm->tm_hour * 3600 + tm->tm_min * 60 + tm->tm_sec, 0);

        assert_int_equal(zip_file_get_external_attributes(zip, i, 0, &opsys, &attributes), 0);
        assert_int_equal(opsys, ZIP_OPSYS_UNIX);
        assert_int_equal(attributes >> 16, 0100644);
        assert_int_equal(zip_file_extra_fields_count(zip, i, ZIP_FL_CENTRAL | ZIP_FL_LOCAL), 0);

        zip_file_t *file = zip_fopen_index(zip, i, 0);
        assert_non_null(file);
        zip_int64_t got = zip_fread(file, buf, sizeof buf);
        assert_int_equal(got, strlen(e->data));
        assert_memory_equal(buf, e->data, strlen(e->data));
        zip_fclose(file);
    }
    zip_discard(zip);

    /* The raw DOS time and date of the first local header: 00:00, 1980-01-01. */
    size_t size;
    unsigned char *bytes = read_whole(dest, &size);
    assert_true(size > 14);
    assert_memory_equal(bytes, "PK\x03\x04", 4);
    assert_int_equal(bytes[10] | bytes[11] << 8, 0x0000);
    assert_int_equal(bytes[12] | bytes[13] << 8, (0 << 9) | (1 << 5) | 1);
    free(bytes);
    free(dest);
}

/* An archive of several MiB: entries far bigger than the sink's stdio buffer, each local
 * header rewritten after the entry (libzip seeks back to it), some entries tiny. Every entry
 * reads back whole. */
static void test_archive_of_several_mib(void **state)
{
    const char *dir = *state;
    char *dest = path_join(dir, "big.docx");
    static const size_t sizes[] = {300000, 900000, 5, 2500000, 1048576, 70000, 1048000, 12};
    enum { ENTRIES = sizeof sizes / sizeof *sizes };
    unsigned char *data[ENTRIES];
    uint32_t seed = 7;
    char err[512] = "";
    vb_package *pkg = vb_package_open(dest, err, sizeof err);
    assert_non_null(pkg);
    for (size_t i = 0; i < ENTRIES; i++) {
        data[i] = malloc(sizes[i]);
        assert_non_null(data[i]);
        for (size_t k = 0; k < sizes[i]; k++) { /* noise: stored and deflated alike stay big */
            seed = seed * 1103515245u + 12345u;
            data[i][k] = (unsigned char)(seed >> 16);
        }
        char name[32];
        snprintf(name, sizeof name, "part%zu.bin", i);
        assert_int_equal(vb_package_add(pkg, name, data[i], sizes[i], (int)(i % 2), err, sizeof err), 0);
    }
    if (vb_package_commit(pkg, err, sizeof err) != 0)
        fail_msg("commit: %s", err);

    int code = 0;
    zip_t *zip = zip_open(dest, ZIP_RDONLY | ZIP_CHECKCONS, &code);
    assert_non_null(zip);
    assert_int_equal(zip_get_num_entries(zip, 0), ENTRIES);
    for (size_t i = 0; i < ENTRIES; i++) {
        zip_file_t *file = zip_fopen_index(zip, i, 0);
        assert_non_null(file);
        unsigned char *back = malloc(sizes[i] + 1);
        assert_non_null(back);
        assert_int_equal(zip_fread(file, back, sizes[i] + 1), sizes[i]); /* CRC checked at the end */
        assert_memory_equal(back, data[i], sizes[i]);
        zip_fclose(file);
        free(back);
        free(data[i]);
    }
    zip_discard(zip);
    free(dest);
}

/* The sink on its own: random writes (some bigger than all it keeps in memory) and seeks
 * (from the start, the position and the end, back into what is on the file already and
 * across the edge of what is kept) leave the file as a plain buffer given the same writes. */
static void test_sink_writes_land_where_asked(void **state)
{
    const char *dir = *state;
    char *path = path_join(dir, "sink.bin");
    enum { MAX = 6 * 1024 * 1024 };
    unsigned char *model = calloc(1, MAX), *chunk = malloc(MAX);
    assert_non_null(model);
    assert_non_null(chunk);
    uint32_t seed = 99;
#define RAND(n) ((seed = seed * 1103515245u + 12345u), (size_t)((seed >> 8) % (n)))
    for (int round = 0; round < 20; round++) {
        int fd = open(path, O_RDWR | O_CREAT | O_TRUNC, 0600);
        assert_true(fd >= 0);
        zip_error_t error;
        zip_error_init(&error);
        zip_source_t *sink = vb_zip_fd_sink(fd, &error);
        assert_non_null(sink);
        assert_int_equal(zip_source_begin_write(sink), 0);
        size_t pos = 0, size = 0;
        for (int op = 0; op < 60; op++) {
            size_t kind = RAND(10);
            if (kind < 6) { /* a write: mostly small, now and then more than a MiB */
                size_t n = kind == 0 ? 1 + RAND(1500000) : 1 + RAND(9000);
                if (pos + n > MAX)
                    n = MAX - pos;
                for (size_t k = 0; k < n; k++)
                    chunk[k] = (unsigned char)RAND(256);
                assert_int_equal(zip_source_write(sink, chunk, n), (zip_int64_t)n);
                memcpy(model + pos, chunk, n);
                pos += n;
                if (pos > size)
                    size = pos;
            } else { /* a seek */
                int whence = kind == 6 ? SEEK_SET : kind == 7 ? SEEK_CUR : SEEK_END;
                size_t target = RAND(size + 1);
                zip_int64_t offset = whence == SEEK_SET   ? (zip_int64_t)target
                                     : whence == SEEK_CUR ? (zip_int64_t)target - (zip_int64_t)pos
                                                          : (zip_int64_t)target - (zip_int64_t)size;
                assert_int_equal(zip_source_seek_write(sink, offset, whence), 0);
                pos = target;
            }
            assert_int_equal(zip_source_tell_write(sink), (zip_int64_t)pos);
        }
        assert_int_equal(zip_source_commit_write(sink), 0);
        zip_source_free(sink);
        zip_error_fini(&error);
        close(fd);
        size_t got_size = 0;
        unsigned char *got = read_whole(path, &got_size);
        assert_int_equal(got_size, size);
        assert_memory_equal(got, model, size);
        free(got);
    }
#undef RAND
    free(model);
    free(chunk);
    free(path);
}

static void test_missing_directory_is_an_error(void **state)
{
    const char *dir = *state;
    char *missing = path_join(dir, "no-such-dir");
    char *dest = path_join(missing, "plan.docx");
    char err[512] = "";

    assert_null(vb_package_open(dest, err, sizeof err));
    assert_non_null(strstr(err, dest));
    assert_non_null(strstr(err, strerror(ENOENT)));
    assert_dir_lists(dir, "");
    free(dest);
    free(missing);
}

static void test_temp_file_sits_beside_destination(void **state)
{
    const char *dir = *state;
    char *dest = path_join(dir, "plan.docx");

    /* The archive is written into a file of the destination's directory that has no name
     * (O_TMPFILE) until it is put in place, or else a ".plan.docx.vanban-tmp-XXXXXX". */
    vb_package *pkg = open_with_sample(dest);
    char *names = list_dir(dir);
    assert_true(strcmp(names, "") == 0 ||
                (strncmp(names, ".plan.docx.vanban-tmp-", strlen(".plan.docx.vanban-tmp-")) == 0 &&
                 strlen(names) == strlen(".plan.docx.vanban-tmp-XXXXXX\n")));
    free(names);
    vb_package_abort(pkg);
    assert_dir_lists(dir, "");
    vb_package_abort(NULL); /* NULL-safe */
    free(dest);
}

static void test_abort_leaves_destination_untouched(void **state)
{
    const char *dir = *state;
    char *dest = path_join(dir, "plan.docx");
    size_t size;

    write_whole(dest, "the previous version");
    vb_package *pkg = open_with_sample(dest);
    vb_package_abort(pkg);

    unsigned char *bytes = read_whole(dest, &size);
    assert_int_equal(size, strlen("the previous version"));
    assert_memory_equal(bytes, "the previous version", size);
    free(bytes);
    assert_dir_lists(dir, "plan.docx\n");
    free(dest);
}

static void test_commit_replaces_destination_atomically(void **state)
{
    const char *dir = *state;
    char *dest = path_join(dir, "plan.docx");
    char *reference = path_join(dir, "reference.docx");
    char err[512] = "";
    char old[64] = "";
    struct stat before, after;

    write_sample(reference);
    write_whole(dest, "the previous version");
    assert_int_equal(chmod(dest, 0600), 0);
    int old_fd = open(dest, O_RDONLY);
    assert_true(old_fd >= 0);
    assert_int_equal(fstat(old_fd, &before), 0);

    mode_t saved_mask = umask(027);
    vb_package *pkg = open_with_sample(dest);
    int rc = vb_package_commit(pkg, err, sizeof err);
    umask(saved_mask);
    assert_int_equal(rc, 0);

    /* Renamed into place: a new inode, while the old one still holds the old bytes intact. */
    assert_int_equal(stat(dest, &after), 0);
    assert_true(after.st_ino != before.st_ino);
    assert_int_equal(read(old_fd, old, sizeof old - 1), strlen("the previous version"));
    assert_string_equal(old, "the previous version");
    close(old_fd);

    assert_int_equal(after.st_mode & 07777, 0640); /* 0666 & ~umask, not mkstemp's 0600 */
    assert_same_bytes(dest, reference);
    char *names = list_dir(dir);
    assert_true(strcmp(names, "plan.docx\nreference.docx\n") == 0 ||
                strcmp(names, "reference.docx\nplan.docx\n") == 0);
    free(names);
    free(reference);
    free(dest);
}

static void test_failed_commit_leaves_no_trace(void **state)
{
    const char *dir = *state;
    char *dest = path_join(dir, "plan.docx");
    char err[512] = "";

    /* A directory where the file should go: refused before anything is written. */
    assert_int_equal(mkdir(dest, 0755), 0);
    vb_package *pkg = vb_package_open(dest, err, sizeof err);
    assert_null(pkg);
    assert_non_null(strstr(err, dest));
    assert_non_null(strstr(err, "is a directory"));
    assert_dir_lists(dir, "plan.docx\n");
    assert_dir_lists(dest, "");
    assert_int_equal(rmdir(dest), 0);

    /* An empty package is refused (libzip would not write it). */
    write_whole(dest, "the previous version");
    pkg = vb_package_open(dest, err, sizeof err);
    assert_non_null(pkg);
    assert_int_equal(vb_package_commit(pkg, err, sizeof err), -1);
    assert_non_null(strstr(err, dest));
    assert_dir_lists(dir, "plan.docx\n");
    size_t size;
    unsigned char *bytes = read_whole(dest, &size);
    assert_memory_equal(bytes, "the previous version", size);
    free(bytes);
    free(dest);
}

static void test_duplicate_entry_is_an_error(void **state)
{
    const char *dir = *state;
    char *dest = path_join(dir, "plan.docx");
    char err[512] = "";

    vb_package *pkg = vb_package_open(dest, err, sizeof err);
    assert_non_null(pkg);
    assert_int_equal(vb_package_add(pkg, "word/a.xml", "a", 1, 1, err, sizeof err), 0);
    assert_int_equal(vb_package_add(pkg, "word/a.xml", "b", 1, 1, err, sizeof err), -1);
    assert_non_null(strstr(err, "word/a.xml"));
    assert_non_null(strstr(err, dest));
    vb_package_abort(pkg);
    assert_dir_lists(dir, "");
    free(dest);
}

static void test_stdout_gets_the_same_bytes(void **state)
{
    const char *dir = *state;
    char *reference = path_join(dir, "reference.docx");
    char *captured = path_join(dir, "captured.docx");
    char *tmp = path_join(dir, "tmp");
    char err[512] = "";
    const char *old_tmpdir = getenv("TMPDIR");
    char *saved_tmpdir = old_tmpdir != NULL ? strdup(old_tmpdir) : NULL;

    write_sample(reference);
    assert_int_equal(mkdir(tmp, 0700), 0);
    setenv("TMPDIR", tmp, 1); /* so we can see the temporary file is gone */

    vb_package *pkg = open_with_sample("-");
    /* The archive for standard output is built in a file unlinked from the start, so even a
     * process killed while copying it out leaves nothing in $TMPDIR. */
    assert_dir_lists(tmp, "");

    fflush(stdout);
    int saved_stdout = dup(STDOUT_FILENO);
    int out = open(captured, O_WRONLY | O_CREAT | O_TRUNC, 0644);
    assert_true(saved_stdout >= 0 && out >= 0);
    dup2(out, STDOUT_FILENO);
    close(out);
    int rc = vb_package_commit(pkg, err, sizeof err);
    fflush(stdout);
    dup2(saved_stdout, STDOUT_FILENO);
    close(saved_stdout);

    if (saved_tmpdir != NULL)
        setenv("TMPDIR", saved_tmpdir, 1);
    else
        unsetenv("TMPDIR");
    free(saved_tmpdir);

    assert_int_equal(rc, 0);
    assert_same_bytes(captured, reference);
    assert_dir_lists(tmp, "");
    free(tmp);
    free(captured);
    free(reference);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_same_entries_give_same_bytes, setup, teardown),
        cmocka_unit_test_setup_teardown(test_entries_keep_order_method_and_metadata, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_archive_of_several_mib, setup, teardown),
        cmocka_unit_test_setup_teardown(test_sink_writes_land_where_asked, setup, teardown),
        cmocka_unit_test_setup_teardown(test_missing_directory_is_an_error, setup, teardown),
        cmocka_unit_test_setup_teardown(test_temp_file_sits_beside_destination, setup, teardown),
        cmocka_unit_test_setup_teardown(test_abort_leaves_destination_untouched, setup, teardown),
        cmocka_unit_test_setup_teardown(test_commit_replaces_destination_atomically, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_failed_commit_leaves_no_trace, setup, teardown),
        cmocka_unit_test_setup_teardown(test_duplicate_entry_is_an_error, setup, teardown),
        cmocka_unit_test_setup_teardown(test_stdout_gets_the_same_bytes, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
