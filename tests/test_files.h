/* Test support: whole files read into memory, for the C tests that compare or parse them. */
#ifndef VB_TESTS_TEST_FILES_H
#define VB_TESTS_TEST_FILES_H

#include <stddef.h>

/* The bytes of `path` with a NUL after them (*len: how many, the NUL not counted), or NULL
 * when it cannot be opened or read. The caller frees. */
char *test_read_file(const char *path, size_t *len);

/* Whether two files hold the same bytes (0 when either cannot be read). */
int test_same_bytes(const char *a, const char *b);

#endif
