/* Test support: whole files read into memory, for the C tests that compare or parse them,
 * and documents written to temporary files to be read back. */
#ifndef VB_TESTS_TEST_FILES_H
#define VB_TESTS_TEST_FILES_H

#include <stddef.h>

#include "model/model.h"

/* The bytes of `path` with a NUL after them (*len: how many, the NUL not counted), or NULL
 * when it cannot be opened or read. The caller frees. */
char *test_read_file(const char *path, size_t *len);

/* Whether two files hold the same bytes (0 when either cannot be read). */
int test_same_bytes(const char *a, const char *b);

/* Writes `doc` as "docx" or "odt" into a new temporary file (in $TMPDIR, else /tmp), whose
 * path goes to `path`; `epoch` as vb_docx_write takes it. The test fails with the writer's
 * message when it cannot. The caller unlinks the file. */
void test_write_office(const vb_document *doc, const char *format, long long epoch, char *path,
                       size_t path_size);

#endif
