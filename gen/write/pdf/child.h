/* The external programs of the PDF stage (LibreOffice, pdftoppm): each started in a process
 * group of its own, waited for with a time limit and killed as a group, so that no helper
 * process of theirs outlives an error, a timeout or Ctrl-C. */
#ifndef VB_CHILD_H
#define VB_CHILD_H

#include <stddef.h>

/* `name` from PATH (taken as it is when it holds a '/'): a malloc'd path, or NULL. */
char *vb_find_program(const char *name);

/* LibreOffice: VANBAN_SOFFICE, else soffice or libreoffice from PATH; malloc'd, or NULL. */
char *vb_find_soffice(void);

/* How long LibreOffice may work on one document, in milliseconds: VANBAN_PDF_TIMEOUT
 * seconds (fractions allowed, for tests), else `default_seconds`. */
long vb_pdf_timeout_ms(int default_seconds);

/* Called about every 100 ms while a child runs: nonzero when it made progress, which
 * starts its time limit again. */
typedef int (*vb_progress_fn)(void *ctx);

enum { VB_CHILD_FAILED = -1, VB_CHILD_TIMEOUT = -2, VB_CHILD_INTERRUPTED = -3 };

/* The environment with TMPDIR set to `tmpdir`: LibreOffice keeps files there while it runs,
 * and leaves them when killed, so each one gets a directory that its caller removes. A
 * malloc'd array (the strings are the environment's, but the new one); vb_free_env. */
char **vb_env_with_tmpdir(const char *tmpdir);
void vb_free_env(char **env);

/* Runs argv with standard input, output and error on /dev/null, in a new process group,
 * with TMPDIR set to `tmpdir` when it is not NULL.
 * Kills the whole group when `timeout_ms` pass without progress (without `progress`: from
 * the start) or when an interrupt arrives, and reaps it. Returns the exit status (128 +
 * the signal when a signal ended it), or VB_CHILD_FAILED (could not start), VB_CHILD_TIMEOUT,
 * VB_CHILD_INTERRUPTED. */
int vb_child_run(char *const argv[], const char *tmpdir, long timeout_ms, vb_progress_fn progress, void *ctx);

/* While interrupts are caught, the first SIGINT, SIGTERM or SIGHUP only sets a flag that
 * every wait above watches: it kills its child's group, and callers leave their work and
 * clean up. A second one does what it always does. A signal ignored at the start (nohup)
 * stays ignored. `release` puts the earlier handlers back. */
void vb_interrupts_catch(void);
void vb_interrupts_release(void);
/* The signal that arrived while catching, or 0. */
int vb_interrupted(void);

/* rm -rf of `dir` (no link followed). Returns 0, or -1 when something stayed. */
int vb_remove_tree(const char *dir);

/* A directory made under TMPDIR (or /tmp) from `name_template` ("vanban-pdf-XXXXXX"),
 * as an absolute path; malloc'd, or NULL with errno. */
char *vb_make_work_dir(const char *name_template);

#endif
