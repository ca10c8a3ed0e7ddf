#define _GNU_SOURCE /* pidfd_open, nftw's FTW_PHYS */
#include "child.h"

#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <poll.h>
#include <signal.h>
#include <stdatomic.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/pidfd.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "model/model.h"

extern char **environ;

char *vb_find_program(const char *name)
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

char *vb_find_soffice(void)
{
    const char *chosen = getenv("VANBAN_SOFFICE");
    if (chosen && *chosen)
        return vb_find_program(chosen);
    char *soffice = vb_find_program("soffice");
    return soffice ? soffice : vb_find_program("libreoffice");
}

long vb_pdf_timeout_ms(int default_seconds)
{
    const char *s = getenv("VANBAN_PDF_TIMEOUT");
    if (s && *s) {
        char *end = NULL;
        double seconds = strtod(s, &end);
        if (end && !*end && seconds > 0 && seconds < 86400)
            return seconds * 1000 < 1 ? 1 : (long)(seconds * 1000);
    }
    return (long)default_seconds * 1000;
}

static long now_ms(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (long)t.tv_sec * 1000 + t.tv_nsec / 1000000;
}

/* ---- interrupts ---- */

/* Set by the handler on whichever thread takes the signal, read by the batch's workers: a
 * lock-free atomic is safe in a handler and between threads (sig_atomic_t is only the
 * former). */
static atomic_int interrupt_signal;
static const int caught_signals[] = {SIGINT, SIGTERM, SIGHUP};
static struct sigaction previous[3];
static int catching;

static void on_interrupt(int sig)
{
    atomic_store_explicit(&interrupt_signal, sig, memory_order_relaxed);
}

void vb_interrupts_catch(void)
{
    if (catching++)
        return;
    atomic_store_explicit(&interrupt_signal, 0, memory_order_relaxed);
    for (size_t i = 0; i < 3; i++) {
        sigaction(caught_signals[i], NULL, &previous[i]);
        if (previous[i].sa_handler == SIG_IGN)
            continue;
        struct sigaction sa;
        memset(&sa, 0, sizeof sa);
        sa.sa_handler = on_interrupt;
        sigemptyset(&sa.sa_mask);
        /* Restarted system calls: the writers need not know; the waits poll the flag. A
         * second signal finds the usual action again. */
        sa.sa_flags = SA_RESTART | SA_RESETHAND;
        sigaction(caught_signals[i], &sa, NULL);
    }
}

void vb_interrupts_release(void)
{
    if (catching == 0 || --catching)
        return;
    for (size_t i = 0; i < 3; i++)
        sigaction(caught_signals[i], &previous[i], NULL);
}

int vb_interrupted(void)
{
    return atomic_load_explicit(&interrupt_signal, memory_order_relaxed);
}

/* ---- children ---- */

static void kill_group(pid_t pid)
{
    kill(-pid, SIGKILL);
    int status;
    while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
        ;
}

char **vb_env_with_tmpdir(const char *tmpdir)
{
    size_t n = 0;
    while (environ[n])
        n++;
    char **env = vb_xcalloc(n + 2, sizeof *env);
    size_t k = 0;
    for (size_t i = 0; i < n; i++)
        if (strncmp(environ[i], "TMPDIR=", 7) != 0)
            env[k++] = environ[i];
    size_t len = strlen(tmpdir) + 8;
    env[k] = vb_xmalloc(len);
    snprintf(env[k], len, "TMPDIR=%s", tmpdir);
    env[k + 1] = NULL;
    return env;
}

void vb_free_env(char **env)
{
    if (!env)
        return;
    size_t i = 0;
    while (env[i + 1])
        i++;
    free(env[i]); /* the TMPDIR string, the last one */
    free(env);
}

int vb_child_run(char *const argv[], const char *tmpdir, long timeout_ms, vb_progress_fn progress, void *ctx)
{
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
    posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, "/dev/null", O_WRONLY, 0);
    posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, "/dev/null", O_WRONLY, 0);
    posix_spawnattr_t attr;
    posix_spawnattr_init(&attr);
    /* Its own process group: a timeout or Ctrl-C kills LibreOffice's helpers (oosplash,
     * soffice.bin, javaldx) with it; and Ctrl-C at a terminal reaches only vanban, which
     * decides. The signals vanban catches are reset to their defaults in the child. */
    sigset_t defaults;
    sigemptyset(&defaults);
    for (size_t i = 0; i < 3; i++)
        sigaddset(&defaults, caught_signals[i]);
    sigaddset(&defaults, SIGPIPE);
    posix_spawnattr_setsigdefault(&attr, &defaults);
    sigset_t none;
    sigemptyset(&none);
    posix_spawnattr_setsigmask(&attr, &none);
    posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGDEF |
                                        POSIX_SPAWN_SETSIGMASK);
    posix_spawnattr_setpgroup(&attr, 0);
    pid_t pid;
    char **env = tmpdir ? vb_env_with_tmpdir(tmpdir) : NULL;
    int rc = vb_interrupted() ? EINTR : posix_spawn(&pid, argv[0], &actions, &attr, argv, env ? env : environ);
    posix_spawn_file_actions_destroy(&actions);
    posix_spawnattr_destroy(&attr);
    vb_free_env(env);
    if (rc == EINTR)
        return VB_CHILD_INTERRUPTED;
    if (rc != 0)
        return VB_CHILD_FAILED;

    /* A pidfd wakes the wait the moment the child ends; without one, short sleeps. */
    int pidfd = pidfd_open(pid, 0);
    long deadline = now_ms() + timeout_ms;
    for (;;) {
        int status;
        pid_t done = waitpid(pid, &status, WNOHANG);
        if (done == pid) {
            if (pidfd >= 0)
                close(pidfd);
            /* The leader is gone; anything it left in its group goes too. */
            kill(-pid, SIGKILL);
            return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
        }
        if (done < 0 && errno != EINTR) {
            if (pidfd >= 0)
                close(pidfd);
            kill_group(pid);
            return VB_CHILD_FAILED;
        }
        int result = 0;
        if (vb_interrupted())
            result = VB_CHILD_INTERRUPTED;
        else if (progress && progress(ctx))
            deadline = now_ms() + timeout_ms;
        else if (now_ms() >= deadline)
            result = VB_CHILD_TIMEOUT;
        if (result) {
            if (pidfd >= 0)
                close(pidfd);
            kill_group(pid);
            return result;
        }
        long left = deadline - now_ms();
        int step = left < 100 ? (left < 1 ? 1 : (int)left) : 100;
        if (pidfd >= 0) {
            struct pollfd p = {pidfd, POLLIN, 0};
            poll(&p, 1, step);
        } else {
            struct timespec t = {0, (step < 20 ? step : 20) * 1000000L};
            nanosleep(&t, NULL);
        }
    }
}

/* ---- files ---- */

static _Thread_local int remove_failed;

static int remove_entry(const char *path, const struct stat *st, int type, struct FTW *ftw)
{
    (void)st;
    (void)ftw;
    int rc = type == FTW_DP ? rmdir(path) : unlink(path);
    /* Counted, not fatal: the rest is removed all the same. */
    if (rc != 0 && errno != ENOENT)
        remove_failed = 1;
    return 0;
}

int vb_remove_tree(const char *dir)
{
    struct stat st;
    if (lstat(dir, &st) != 0)
        return errno == ENOENT ? 0 : -1;
    /* Depth first; links are removed as links, never followed. */
    remove_failed = 0;
    int rc = nftw(dir, remove_entry, 16, FTW_DEPTH | FTW_PHYS);
    return rc == 0 && !remove_failed ? 0 : -1;
}

char *vb_make_work_dir(const char *name_template)
{
    const char *tmpdir = getenv("TMPDIR");
    if (!tmpdir || !*tmpdir)
        tmpdir = "/tmp";
    char *parent = realpath(tmpdir, NULL);
    if (!parent)
        return NULL;
    size_t n = strlen(parent) + strlen(name_template) + 2;
    char *dir = vb_xmalloc(n);
    snprintf(dir, n, "%s/%s", parent, name_template);
    free(parent);
    if (!mkdtemp(dir)) {
        int saved = errno;
        free(dir);
        errno = saved;
        return NULL;
    }
    return dir;
}
