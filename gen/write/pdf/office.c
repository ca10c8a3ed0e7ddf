#define _GNU_SOURCE /* close_range */
#include "office.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "child.h"
#include "model/model.h"

#define MSG(lang, vi, en) ((lang) == VB_LANG_EN ? (en) : (vi))
#define DEFAULT_IDLE_SECONDS 300

extern char **environ;

typedef struct {
    char *dir, *lock, *pid, *ready, *used, *keep, *keep_lock, *profile, *profile_arg, *tmp;
    const char *soffice;
    long idle_ms, start_ms;
} office_state;

static long idle_seconds(void)
{
    const char *s = getenv("VANBAN_OFFICE_IDLE");
    if (!s || !*s)
        return DEFAULT_IDLE_SECONDS;
    char *end = NULL;
    long v = strtol(s, &end, 10);
    return end && !*end && v >= 0 ? v : DEFAULT_IDLE_SECONDS;
}

static long now_ms(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (long)t.tv_sec * 1000 + t.tv_nsec / 1000000;
}

static void sleep_ms(long ms)
{
    struct timespec t = {ms / 1000, (ms % 1000) * 1000000L};
    nanosleep(&t, NULL);
}

static char *join(const char *dir, const char *name)
{
    size_t n = strlen(dir) + strlen(name) + 2;
    char *p = vb_xmalloc(n);
    snprintf(p, n, "%s/%s", dir, name);
    return p;
}

static char *state_dir_path(void)
{
    const char *run = getenv("XDG_RUNTIME_DIR");
    if (run && run[0] == '/')
        return join(run, "vanban-office");
    const char *tmp = getenv("TMPDIR");
    char name[64];
    snprintf(name, sizeof name, "vanban-office-%u", (unsigned)getuid());
    return join(tmp && tmp[0] == '/' ? tmp : "/tmp", name);
}

/* The directory exists, is ours and nobody else's to read or write. */
static int private_dir(const char *dir)
{
    if (mkdir(dir, 0700) != 0 && errno != EEXIST)
        return 0;
    struct stat st;
    return lstat(dir, &st) == 0 && S_ISDIR(st.st_mode) && st.st_uid == getuid() &&
           (st.st_mode & 077) == 0;
}

static void state_init(office_state *s, const char *soffice, long idle_ms, long start_ms)
{
    memset(s, 0, sizeof *s);
    s->dir = state_dir_path();
    s->lock = join(s->dir, "lock");
    s->pid = join(s->dir, "keeper.pid");
    s->ready = join(s->dir, "ready");
    s->used = join(s->dir, "used");
    s->keep = join(s->dir, "keep.odt");
    s->keep_lock = join(s->dir, ".~lock.keep.odt#"); /* LibreOffice's mark on an open file */
    s->profile = join(s->dir, "profile");
    s->tmp = join(s->dir, "tmp");
    size_t n = strlen(s->profile) + 40;
    s->profile_arg = vb_xmalloc(n);
    snprintf(s->profile_arg, n, "-env:UserInstallation=file://%s", s->profile);
    s->soffice = soffice;
    s->idle_ms = idle_ms;
    s->start_ms = start_ms;
}

static void state_free(office_state *s)
{
    free(s->dir);
    free(s->lock);
    free(s->pid);
    free(s->ready);
    free(s->used);
    free(s->keep);
    free(s->keep_lock);
    free(s->profile);
    free(s->profile_arg);
    free(s->tmp);
}

static int exists(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0;
}

static void touch(const char *path)
{
    int fd = open(path, O_WRONLY | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0600);
    if (fd >= 0) {
        futimens(fd, NULL);
        close(fd);
    }
}

static pid_t read_pid(const char *path)
{
    FILE *f = fopen(path, "r");
    if (!f)
        return 0;
    long pid = 0;
    if (fscanf(f, "%ld", &pid) != 1)
        pid = 0;
    fclose(f);
    return pid > 1 ? (pid_t)pid : 0;
}

/* Running, and not a zombie waiting for a parent that does not reap. */
static int alive(pid_t pid)
{
    if (pid <= 1 || kill(pid, 0) != 0)
        return 0;
    char path[64], stat_line[256];
    snprintf(path, sizeof path, "/proc/%ld/stat", (long)pid);
    FILE *f = fopen(path, "r");
    if (!f)
        return 1;
    size_t got = fread(stat_line, 1, sizeof stat_line - 1, f);
    fclose(f);
    stat_line[got] = '\0';
    const char *close_paren = strrchr(stat_line, ')');
    return !(close_paren && close_paren[1] == ' ' && close_paren[2] == 'Z');
}

static int copy_file(const char *from, const char *to)
{
    int in = open(from, O_RDONLY | O_CLOEXEC);
    if (in < 0)
        return -1;
    int out = open(to, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOFOLLOW, 0600);
    int ok = out >= 0;
    char buf[65536];
    ssize_t n;
    while (ok && (n = read(in, buf, sizeof buf)) > 0)
        ok = write(out, buf, (size_t)n) == n;
    close(in);
    if (out >= 0 && close(out) != 0)
        ok = 0;
    return ok ? 0 : -1;
}

/* Takes the lock of the state directory, waiting at most `timeout_ms`. The keeper removes
 * the lock file when it ends: a lock taken on a file no longer at its path is let go and
 * taken again on the new one. Returns the descriptor, or -1. */
static int lock_state(const office_state *s, long timeout_ms, int wait)
{
    long deadline = now_ms() + timeout_ms;
    for (;;) {
        if (!private_dir(s->dir))
            return -1;
        int fd = open(s->lock, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0600);
        if (fd < 0)
            return -1;
        while (flock(fd, LOCK_EX | LOCK_NB) != 0) {
            if (!wait || vb_interrupted() || now_ms() >= deadline) {
                close(fd);
                return -1;
            }
            sleep_ms(10);
        }
        struct stat held, named;
        if (fstat(fd, &held) == 0 && stat(s->lock, &named) == 0 && held.st_ino == named.st_ino &&
            held.st_dev == named.st_dev)
            return fd;
        close(fd);
    }
}

/* ---- the keeper: a daemon that owns the kept LibreOffice ---- */

static volatile sig_atomic_t keeper_stop;

static void on_keeper_signal(int sig)
{
    (void)sig;
    keeper_stop = 1;
}

/* Stops LibreOffice's process group: asked first (it removes its pipes), killed after 5 s. */
static void stop_group(pid_t leader)
{
    int status;
    kill(-leader, SIGTERM);
    for (int i = 0; i < 100; i++) {
        if (waitpid(leader, &status, WNOHANG) == leader) {
            kill(-leader, SIGKILL); /* what it left behind */
            return;
        }
        sleep_ms(50);
    }
    kill(-leader, SIGKILL);
    waitpid(leader, &status, 0);
}

static void keeper_cleanup_and_exit(const office_state *s, const char *socket_path, int lock_fd)
{
    unlink(socket_path);
    vb_remove_tree(s->profile);
    vb_remove_tree(s->tmp);
    unlink(s->keep);
    unlink(s->keep_lock);
    unlink(s->used);
    unlink(s->pid);
    if (lock_fd >= 0) {
        unlink(s->lock);
        rmdir(s->dir);
    }
    _exit(0);
}

static void keeper_main(const office_state *s)
{
    setsid();
    /* Nothing of the parent's: a lock it holds, a pipe a test harness waits on. */
    close_range(3, ~0U, 0);
    int null = open("/dev/null", O_RDWR);
    if (null >= 0) {
        dup2(null, 0);
        dup2(null, 1);
        dup2(null, 2);
        if (null > 2)
            close(null);
    }
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_keeper_signal;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGTERM, &sa, NULL);
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGHUP, &sa, NULL);
    signal(SIGPIPE, SIG_IGN);
    sigset_t none;
    sigemptyset(&none);
    sigprocmask(SIG_SETMASK, &none, NULL);

    char accept[96], socket_path[160], alt_socket_path[160];
    snprintf(accept, sizeof accept, "--accept=pipe,name=vanban-office-%ld;urp;", (long)getpid());
    /* Where LibreOffice's named pipes live (sal/osl: /tmp, else /var/tmp). */
    snprintf(socket_path, sizeof socket_path, "/tmp/OSL_PIPE_%u_vanban-office-%ld", (unsigned)getuid(),
             (long)getpid());
    snprintf(alt_socket_path, sizeof alt_socket_path, "/var/tmp/OSL_PIPE_%u_vanban-office-%ld",
             (unsigned)getuid(), (long)getpid());

    /* The document held open: a headless LibreOffice with no document quits after a
     * conversion handed to it. */
    char *argv[] = {(char *)s->soffice, s->profile_arg, "--headless", "--norestore", "--nologo",
                    accept, s->keep, NULL};
    posix_spawnattr_t attr;
    posix_spawnattr_init(&attr);
    sigset_t defaults;
    sigemptyset(&defaults);
    sigaddset(&defaults, SIGTERM);
    sigaddset(&defaults, SIGINT);
    sigaddset(&defaults, SIGHUP);
    sigaddset(&defaults, SIGPIPE);
    posix_spawnattr_setsigdefault(&attr, &defaults);
    posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGDEF);
    posix_spawnattr_setpgroup(&attr, 0);
    mkdir(s->tmp, 0700);
    char **env = vb_env_with_tmpdir(s->tmp);
    pid_t server;
    int spawned = posix_spawn(&server, s->soffice, NULL, &attr, argv, env) == 0;
    posix_spawnattr_destroy(&attr);
    vb_free_env(env);
    if (!spawned)
        keeper_cleanup_and_exit(s, socket_path, -1);

    long started = now_ms();
    int ready = 0, server_gone = 0, lock_fd = -1;
    while (!keeper_stop) {
        sleep_ms(100);
        int status;
        if (waitpid(server, &status, WNOHANG) == server) {
            server_gone = 1;
            break;
        }
        if (!ready) {
            if (exists(socket_path) || exists(alt_socket_path)) {
                touch(s->ready);
                ready = 1;
            } else if (now_ms() - started > s->start_ms) {
                break;
            }
            continue;
        }
        struct stat st;
        if (stat(s->used, &st) == 0 && (long)(time(NULL) - st.st_mtime) * 1000 < s->idle_ms)
            continue;
        /* Idle: stop, unless a preview holds the lock right now. */
        lock_fd = lock_state(s, 0, 0);
        if (lock_fd >= 0)
            break;
    }
    unlink(s->ready); /* first: no preview may hand it a document any more */
    if (server_gone)
        kill(-server, SIGKILL);
    else
        stop_group(server);
    if (lock_fd < 0)
        lock_fd = lock_state(s, 60 * 1000, 1); /* a preview may be finishing with it */
    if (exists(alt_socket_path))
        unlink(alt_socket_path);
    keeper_cleanup_and_exit(s, socket_path, lock_fd);
}

/* Starts a keeper for `first_doc`; the caller holds the lock. Returns 0 when its LibreOffice
 * is ready, 1 when it did not become ready (it is stopped), -1 on an interrupt. */
static int start_keeper(const office_state *s, const char *first_doc, long timeout_ms)
{
    vb_remove_tree(s->profile);
    vb_remove_tree(s->tmp);
    unlink(s->ready);
    unlink(s->keep_lock);
    unlink(s->pid);
    if (copy_file(first_doc, s->keep) != 0)
        return 1;
    touch(s->used);
    /* Twice forked: the keeper belongs to no vanban, which neither waits for it nor leaves
     * it a zombie. The middle process records its id before it goes. */
    pid_t middle = fork();
    if (middle < 0)
        return 1;
    if (middle == 0) {
        pid_t keeper = fork();
        if (keeper == 0)
            keeper_main(s);
        if (keeper > 0) {
            char text[32];
            int len = snprintf(text, sizeof text, "%ld\n", (long)keeper);
            int fd = open(s->pid, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOFOLLOW, 0600);
            if (fd >= 0) {
                if (write(fd, text, (size_t)len) != len)
                    kill(keeper, SIGTERM);
                close(fd);
            } else {
                kill(keeper, SIGTERM);
            }
        }
        _exit(keeper > 0 ? 0 : 1);
    }
    int status;
    while (waitpid(middle, &status, 0) < 0 && errno == EINTR)
        ;
    pid_t keeper = read_pid(s->pid);
    if (!keeper)
        return 1;
    long deadline = now_ms() + timeout_ms;
    while (!exists(s->ready)) {
        if (!alive(keeper))
            return 1;
        if (vb_interrupted() || now_ms() >= deadline) {
            kill(keeper, SIGTERM);
            return vb_interrupted() ? -1 : 1;
        }
        sleep_ms(20);
    }
    return 0;
}

/* A PDF LibreOffice finished: not empty, and its last kilobyte holds the end marker (a
 * LibreOffice killed while writing leaves a truncated file). */
int vb_pdf_file_complete(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return 0;
    char tail[1025];
    size_t got = 0;
    if (fseek(f, -1024, SEEK_END) != 0)
        rewind(f);
    got = fread(tail, 1, sizeof tail - 1, f);
    fclose(f);
    tail[got] = '\0';
    for (size_t i = 0; i + 5 <= got; i++)
        if (memcmp(tail + i, "%%EOF", 5) == 0)
            return 1;
    return 0;
}

int vb_office_convert(const char *soffice, const char *source, const char *outdir, long timeout_ms,
                      vb_lang lang, char *err, size_t err_size)
{
    long idle = idle_seconds();
    if (idle == 0)
        return 1;
    office_state s;
    state_init(&s, soffice, idle * 1000, timeout_ms);
    int rc = 1;
    int lock_fd = lock_state(&s, timeout_ms, 1);
    if (lock_fd < 0) {
        if (vb_interrupted()) {
            snprintf(err, err_size, MSG(lang, "đã dừng (tín hiệu %d)", "interrupted (signal %d)"), vb_interrupted());
            rc = -1;
        }
        state_free(&s);
        return rc;
    }
    pid_t keeper = read_pid(s.pid);
    int started = 0;
    if (!alive(keeper)) {
        started = start_keeper(&s, source, timeout_ms);
        keeper = read_pid(s.pid);
    } else if (!exists(s.ready)) {
        started = 1; /* it is stopping: this one converts the usual way */
    }
    if (started < 0) {
        snprintf(err, err_size, MSG(lang, "đã dừng (tín hiệu %d)", "interrupted (signal %d)"), vb_interrupted());
        rc = -1;
    } else if (started == 0) {
        touch(s.used);
        char *argv[] = {(char *)soffice, s.profile_arg, "--headless", "--norestore", "--nologo",
                        "--convert-to", "pdf", "--outdir", (char *)outdir, (char *)source, NULL};
        int status = vb_child_run(argv, s.tmp, timeout_ms, NULL, NULL);
        touch(s.used);
        const char *base = strrchr(source, '/') ? strrchr(source, '/') + 1 : source;
        const char *dot = strrchr(base, '.');
        size_t n = strlen(outdir) + strlen(base) + 8;
        char *pdf = vb_xmalloc(n);
        snprintf(pdf, n, "%s/%.*s.pdf", outdir, dot ? (int)(dot - base) : (int)strlen(base), base);
        if (status == VB_CHILD_INTERRUPTED) {
            snprintf(err, err_size, MSG(lang, "đã dừng (tín hiệu %d)", "interrupted (signal %d)"), vb_interrupted());
            rc = -1;
        } else if (status == VB_CHILD_TIMEOUT) {
            kill(keeper, SIGTERM); /* hung: stop it, the next preview starts another */
            snprintf(err, err_size, MSG(lang, "LibreOffice không xong trong %g giây", "LibreOffice did not finish within %g s"),
                     timeout_ms / 1000.0);
            rc = -1;
        } else if (vb_pdf_file_complete(pdf)) {
            rc = 0;
        } else if (alive(keeper)) {
            kill(keeper, SIGTERM); /* something is wrong with it: the next preview starts afresh */
        }
        free(pdf);
    }
    close(lock_fd);
    state_free(&s);
    return rc;
}
