#define _XOPEN_SOURCE 700 /* realpath */
#include "legacy_convert.h"

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

extern char **environ;

#define CONVERT_TIMEOUT_SECONDS 120

static char *find_program(const char *name)
{
    const char *path = getenv("PATH");
    if (!path)
        return NULL;
    char *copy = vb_strdup(path), *save = NULL, *found = NULL;
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

/* Runs argv quietly in its own process group, killed after `timeout` seconds. */
static int run(char *const argv[], int timeout)
{
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
    posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, "/dev/null", O_WRONLY, 0);
    posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, "/dev/null", O_WRONLY, 0);
    posix_spawnattr_t attr;
    posix_spawnattr_init(&attr);
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

void vb_legacy_cleanup(const char *workdir)
{
    if (!workdir || !*workdir)
        return;
    char *argv[] = {"/bin/rm", "-rf", (char *)workdir, NULL};
    run(argv, 60);
}

int vb_legacy_to_docx(const char *source, char *workdir, size_t workdir_size, char *docx,
                      size_t docx_size, char *err, size_t err_size)
{
    err[0] = '\0';
    workdir[0] = '\0';
    char *soffice = getenv("VANBAN_SOFFICE") ? vb_strdup(getenv("VANBAN_SOFFICE")) : find_program("soffice");
    if (!soffice)
        soffice = find_program("libreoffice");
    if (!soffice)
        return -1;
    const char *tmp = getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp";
    snprintf(workdir, workdir_size, "%s/vanban-legacy-XXXXXX", tmp);
    if (!mkdtemp(workdir)) {
        snprintf(err, err_size, "%s: %s", tmp, strerror(errno));
        workdir[0] = '\0';
        free(soffice);
        return -1;
    }
    char profile[4200];
    char *abs = realpath(workdir, NULL);
    snprintf(profile, sizeof profile, "-env:UserInstallation=file://%s/profile", abs ? abs : workdir);
    free(abs);
    char *argv[] = {soffice, profile, "--headless", "--norestore", "--convert-to", "docx",
                    "--outdir", workdir, (char *)source, NULL};
    int status = run(argv, CONVERT_TIMEOUT_SECONDS);
    free(soffice);
    const char *base = strrchr(source, '/') ? strrchr(source, '/') + 1 : source;
    const char *dot = strrchr(base, '.');
    int stem = dot ? (int)(dot - base) : (int)strlen(base);
    snprintf(docx, docx_size, "%s/%.*s.docx", workdir, stem, base);
    struct stat st;
    if (status != 0 || stat(docx, &st) != 0 || st.st_size == 0) {
        snprintf(err, err_size, status == -2 ? "LibreOffice did not finish within %d s" : "LibreOffice could not convert it (status %d)",
                 status == -2 ? CONVERT_TIMEOUT_SECONDS : status);
        vb_legacy_cleanup(workdir);
        workdir[0] = '\0';
        return -1;
    }
    return 0;
}
