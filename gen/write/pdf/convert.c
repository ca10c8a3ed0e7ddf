#define _XOPEN_SOURCE 700 /* realpath */
#include "convert.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "model/model.h"
#include "package/output_file.h"

extern char **environ;

/* Finds `name` in PATH; returns a malloc'd path or NULL. */
static char *find_program(const char *name)
{
    const char *path = getenv("PATH");
    if (!path || strchr(name, '/'))
        return access(name, X_OK) == 0 ? vb_strdup(name) : NULL;
    char *copy = vb_strdup(path), *save = NULL;
    char *found = NULL;
    for (char *dir = strtok_r(copy, ":", &save); dir && !found; dir = strtok_r(NULL, ":", &save)) {
        size_t n = strlen(dir) + strlen(name) + 2;
        char *candidate = vb_xmalloc(n);
        snprintf(candidate, n, "%s/%s", dir, name);
        if (access(candidate, X_OK) == 0)
            found = candidate;
        else
            free(candidate);
    }
    free(copy);
    return found;
}

/* Runs argv with stdout/stderr to /dev/null; kills it after `timeout` seconds. Returns the
 * exit status, -2 on timeout, -1 if it could not start. */
static int run(char *const argv[], int timeout)
{
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
    posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, "/dev/null", O_WRONLY, 0);
    posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, "/dev/null", O_WRONLY, 0);
    posix_spawnattr_t attr;
    posix_spawnattr_init(&attr);
    /* Its own process group, so a timeout kills LibreOffice's helper processes too. */
    posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETPGROUP);
    posix_spawnattr_setpgroup(&attr, 0);
    pid_t pid;
    int rc = posix_spawn(&pid, argv[0], &actions, &attr, argv, environ);
    posix_spawn_file_actions_destroy(&actions);
    posix_spawnattr_destroy(&attr);
    if (rc != 0)
        return -1;
    struct timespec step = {0, 50 * 1000 * 1000};
    for (long waited = 0;; waited += 50) {
        int status;
        pid_t done = waitpid(pid, &status, WNOHANG);
        if (done == pid)
            return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
        if (done < 0 && errno != EINTR)
            return -1;
        if (waited >= (long)timeout * 1000) {
            kill(-pid, SIGKILL);
            waitpid(pid, &status, 0);
            return -2;
        }
        nanosleep(&step, NULL);
    }
}

static void remove_tree(const char *dir)
{
    char *argv[] = {"/bin/rm", "-rf", (char *)dir, NULL};
    run(argv, 60);
}

/* Puts the PDF LibreOffice produced at `dest` the way every output goes (output_file.h):
 * atomically for a file, straight into standard output, a device or a FIFO. */
static int deliver(const char *produced, const char *dest, char *err, size_t err_size)
{
    int in = open(produced, O_RDONLY | O_CLOEXEC);
    if (in < 0) {
        snprintf(err, err_size, "%s: %s", produced, strerror(errno));
        return -1;
    }
    if (strcmp(dest, "-") == 0)
        fflush(stdout);
    vb_output *out = vb_output_open(dest, err, err_size);
    int ok = out != NULL;
    char buf[65536];
    while (ok) {
        ssize_t n = read(in, buf, sizeof buf);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0) {
            if (n < 0) {
                snprintf(err, err_size, "%s: %s", produced, strerror(errno));
                ok = 0;
            }
            break;
        }
        if (vb_write_all(vb_output_fd(out), buf, (size_t)n) != 0) {
            snprintf(err, err_size, "%s: %s", vb_output_name(out), strerror(errno));
            ok = 0;
        }
    }
    close(in);
    if (!ok) {
        vb_output_abort(out);
        return -1;
    }
    return vb_output_commit(out, err, err_size);
}

int vb_convert_to_pdf(const char *source, const char *dest, int timeout, char *err, size_t err_size)
{
    char *soffice = getenv("VANBAN_SOFFICE") ? vb_strdup(getenv("VANBAN_SOFFICE")) : find_program("soffice");
    if (!soffice)
        soffice = find_program("libreoffice");
    if (!soffice) {
        snprintf(err, err_size, "PDF needs LibreOffice, which is not installed "
                                "(Debian: apt-get install libreoffice-writer-nogui)");
        return -1;
    }
    /* LibreOffice works in a directory of its own under $TMPDIR (its profile is large);
     * the PDF is then copied to the destination through a temporary file there. */
    char *parent = vb_strdup(getenv("TMPDIR") && *getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");
    size_t n = strlen(parent) + 32;
    char *work = vb_xmalloc(n);
    snprintf(work, n, "%s/.vanban-pdf-XXXXXX", parent);
    int rc = -1;
    if (!mkdtemp(work)) {
        snprintf(err, err_size, "%s: %s", parent, strerror(errno));
        goto out;
    }
    char profile[4200], outdir[4200], produced[4400];
    char *abs_work = realpath(work, NULL);
    snprintf(profile, sizeof profile, "-env:UserInstallation=file://%s/profile", abs_work ? abs_work : work);
    snprintf(outdir, sizeof outdir, "%s", work);
    free(abs_work);
    char *argv[] = {soffice, profile, "--headless", "--norestore", "--convert-to", "pdf",
                    "--outdir", outdir, (char *)source, NULL};
    int status = run(argv, timeout);
    /* LibreOffice names the PDF after the source file. */
    const char *base = strrchr(source, '/') ? strrchr(source, '/') + 1 : source;
    const char *dot = strrchr(base, '.');
    int stem = dot ? (int)(dot - base) : (int)strlen(base);
    snprintf(produced, sizeof produced, "%s/%.*s.pdf", work, stem, base);
    struct stat st;
    if (status == -2)
        snprintf(err, err_size, "LibreOffice did not finish within %d s converting %s", timeout, source);
    else if (status != 0 || stat(produced, &st) != 0 || st.st_size == 0)
        snprintf(err, err_size, "LibreOffice could not convert %s to PDF (status %d)", source, status);
    else
        rc = deliver(produced, dest, err, err_size);
    remove_tree(work);
out:
    free(work);
    free(parent);
    free(soffice);
    return rc;
}

int vb_pdf_to_png(const char *pdf, const char *prefix, int dpi, int timeout, char *err, size_t err_size)
{
    char *pdftoppm = find_program("pdftoppm");
    if (!pdftoppm) {
        snprintf(err, err_size, "page images need pdftoppm, which is not installed "
                                "(Debian: apt-get install poppler-utils)");
        return -1;
    }
    char resolution[16];
    snprintf(resolution, sizeof resolution, "%d", dpi);
    char *argv[] = {pdftoppm, "-png", "-r", resolution, (char *)pdf, (char *)prefix, NULL};
    int status = run(argv, timeout);
    free(pdftoppm);
    if (status != 0) {
        snprintf(err, err_size, status == -2 ? "pdftoppm timed out on %s" : "pdftoppm failed on %s", pdf);
        return -1;
    }
    return 0;
}
