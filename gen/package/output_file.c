#define _GNU_SOURCE /* O_TMPFILE, flock, getentropy */
#include "output_file.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "model/model.h"

static int durable_outputs;

void vb_output_set_durable(int durable)
{
    durable_outputs = durable != 0;
}

int vb_output_durable(void)
{
    return durable_outputs;
}

void vb_sync_parent_dir(const char *path)
{
    const char *slash = strrchr(path, '/');
    char *dir;
    if (slash == NULL) {
        dir = vb_strdup(".");
    } else if (slash == path) {
        dir = vb_strdup("/");
    } else {
        size_t n = (size_t)(slash - path);
        dir = vb_xmalloc(n + 1);
        memcpy(dir, path, n);
        dir[n] = '\0';
    }
    int fd = open(dir, O_RDONLY);
    if (fd >= 0) {
        (void)fsync(fd);
        close(fd);
    }
    free(dir);
}

#define TEMP_MARK ".vanban-tmp-"
#define TEMP_RANDOM 6
/* A temporary file left unlocked this long is a killed run's: a live writer holds its lock
 * from the moment it can, and the age covers the instant between creating and locking. */
#define STALE_SECONDS 60

struct vb_output {
    char *shown;    /* the path as given, for messages */
    int dir_fd;     /* the destination's directory, or -1 (direct) */
    char *name;     /* the destination's name in dir_fd */
    int fd;         /* where the bytes go */
    int direct;     /* fd is the destination itself */
    int own_fd;     /* fd is ours to close (not standard output) */
    int unnamed;    /* fd is an O_TMPFILE, linked in at commit */
    char *temp;     /* the temporary file's name in dir_fd, when it has one */
    mode_t mode;    /* the finished file's permissions */
};

static _Thread_local const char *confined_root;

void vb_output_confine(const char *root)
{
    confined_root = root;
}

static void set_err(char *err, size_t err_size, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(err, err_size, fmt, ap);
    va_end(ap);
}

int vb_write_all(int fd, const void *data, size_t len)
{
    const char *p = data;
    while (len > 0) {
        ssize_t n = write(fd, p, len);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0) {
            if (n == 0)
                errno = EIO;
            return -1;
        }
        p += n;
        len -= (size_t)n;
    }
    return 0;
}

/* The umask, read without changing it (Linux gives it in /proc/self/status): umask() can
 * only be read by setting it, process-wide, and two threads of a batch doing that at once
 * could each set the other's temporary value back for good. Elsewhere, under a lock. */
static pthread_mutex_t umask_lock = PTHREAD_MUTEX_INITIALIZER;

static mode_t new_file_mode(void)
{
    FILE *status = fopen("/proc/self/status", "re");
    if (status) {
        char line[256];
        unsigned mask;
        while (fgets(line, sizeof line, status))
            if (sscanf(line, "Umask: %o", &mask) == 1) {
                fclose(status);
                return (mode_t)(0666 & ~mask);
            }
        fclose(status);
    }
    pthread_mutex_lock(&umask_lock);
    mode_t mask = umask(022);
    umask(mask);
    pthread_mutex_unlock(&umask_lock);
    return (mode_t)(0666 & ~mask);
}

static int is_temp_name(const char *name)
{
    size_t n = strlen(name);
    size_t mark = strlen(TEMP_MARK);
    return name[0] == '.' && n > mark + TEMP_RANDOM + 1 &&
           memcmp(name + n - TEMP_RANDOM - mark, TEMP_MARK, mark) == 0;
}

/* ".NAME.vanban-tmp-XXXXXX", with NAME shortened so that the whole fits a file name. */
static char *temp_name(const char *base)
{
    static const char letters[] = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    unsigned char random[TEMP_RANDOM];
    if (getentropy(random, sizeof random) != 0) {
        unsigned long long seed = (unsigned long long)time(NULL) ^ ((unsigned long long)getpid() << 16) ^
                                  (unsigned long long)(uintptr_t)&seed;
        for (int i = 0; i < TEMP_RANDOM; i++, seed = seed * 6364136223846793005ull + 1)
            random[i] = (unsigned char)(seed >> 33);
    }
    char suffix[TEMP_RANDOM + 1];
    for (int i = 0; i < TEMP_RANDOM; i++)
        suffix[i] = letters[random[i] % (sizeof letters - 1)];
    suffix[TEMP_RANDOM] = '\0';
    int keep = (int)strlen(base) > 200 ? 200 : (int)strlen(base);
    size_t size = (size_t)keep + sizeof TEMP_MARK + TEMP_RANDOM + 2;
    char *name = vb_xmalloc(size);
    snprintf(name, size, ".%.*s" TEMP_MARK "%s", keep, base, suffix);
    return name;
}

/* Directories already cleaned by this process. */
static pthread_mutex_t cleaned_lock = PTHREAD_MUTEX_INITIALIZER;
static struct { dev_t dev; ino_t ino; } *cleaned;
static size_t cleaned_count, cleaned_cap;

static int first_visit(int dir_fd)
{
    struct stat st;
    if (fstat(dir_fd, &st) != 0)
        return 0;
    int first = 1;
    pthread_mutex_lock(&cleaned_lock);
    for (size_t i = 0; i < cleaned_count && first; i++)
        first = !(cleaned[i].dev == st.st_dev && cleaned[i].ino == st.st_ino);
    if (first) {
        if (cleaned_count == cleaned_cap) {
            cleaned_cap = cleaned_cap ? cleaned_cap * 2 : 16;
            cleaned = vb_xrealloc(cleaned, cleaned_cap * sizeof *cleaned);
        }
        cleaned[cleaned_count].dev = st.st_dev;
        cleaned[cleaned_count].ino = st.st_ino;
        cleaned_count++;
    }
    pthread_mutex_unlock(&cleaned_lock);
    return first;
}

/* Whether the entry `name` is a temporary file a killed run of ours left: our name pattern,
 * a regular file of our user, old, and not locked by a live writer. Removes it if so. */
static int remove_if_stale(int dir_fd, const char *name, time_t now)
{
    struct stat st, held;
    if (!is_temp_name(name) || fstatat(dir_fd, name, &st, AT_SYMLINK_NOFOLLOW) != 0 ||
        !S_ISREG(st.st_mode) || st.st_uid != geteuid() || now - st.st_mtime < STALE_SECONDS)
        return 0;
    int fd = openat(dir_fd, name, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0)
        return 0;
    int removed = 0;
    if (fstat(fd, &held) == 0 && held.st_ino == st.st_ino && held.st_dev == st.st_dev &&
        flock(fd, LOCK_EX | LOCK_NB) == 0) {
        /* Locked by us now: still the same file under that name? */
        struct stat again;
        if (fstatat(dir_fd, name, &again, AT_SYMLINK_NOFOLLOW) == 0 && again.st_ino == held.st_ino &&
            again.st_dev == held.st_dev && unlinkat(dir_fd, name, 0) == 0)
            removed = 1;
    }
    close(fd);
    return removed;
}

int vb_output_clean_stale(int dir_fd)
{
    int copy = fcntl(dir_fd, F_DUPFD_CLOEXEC, 0);
    if (copy < 0)
        return 0;
    DIR *dir = fdopendir(copy);
    if (!dir) {
        close(copy);
        return 0;
    }
    time_t now = time(NULL);
    int removed = 0;
    struct dirent *entry;
    while ((entry = readdir(dir)) != NULL)
        removed += remove_if_stale(dir_fd, entry->d_name, now);
    closedir(dir);
    return removed;
}

/* Opens the directory `rel` (components separated by '/') under `root_fd`, making what is
 * missing, following no symbolic link. `path` is the output's, for messages. Returns the
 * descriptor, or -1 with `err`. */
static int open_confined(int root_fd, const char *root, const char *rel, const char *path,
                         char *err, size_t err_size)
{
    int fd = fcntl(root_fd, F_DUPFD_CLOEXEC, 0);
    char *copy = vb_strdup(rel), *save = NULL;
    for (char *part = strtok_r(copy, "/", &save); part && fd >= 0; part = strtok_r(NULL, "/", &save)) {
        if (strcmp(part, ".") == 0)
            continue;
        /* The part of `rel` up to this component, for messages. */
        int upto = (int)(part - copy + (ptrdiff_t)strlen(part));
        if (strcmp(part, "..") == 0) {
            set_err(err, err_size, "%s: the output would leave %s", path, root);
            close(fd);
            fd = -1;
            break;
        }
        if (mkdirat(fd, part, 0777) != 0 && errno != EEXIST) {
            set_err(err, err_size, "%s/%.*s: %s", root, upto, rel, strerror(errno));
            close(fd);
            fd = -1;
            break;
        }
        int next = openat(fd, part, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
        if (next < 0) {
            struct stat st;
            if (fstatat(fd, part, &st, AT_SYMLINK_NOFOLLOW) == 0 && S_ISLNK(st.st_mode))
                set_err(err, err_size, "%s: %s/%.*s is a symbolic link inside %s: not followed",
                        path, root, upto, rel, root);
            else
                set_err(err, err_size, "%s/%.*s: %s", root, upto, rel, strerror(errno));
        }
        close(fd);
        fd = next;
    }
    free(copy);
    return fd;
}

/* Opens the directory of `path` into out->dir_fd and sets out->name. */
static int open_directory(vb_output *out, const char *path, int *confined, char *err, size_t err_size)
{
    const char *slash = strrchr(path, '/');
    const char *base = slash ? slash + 1 : path;
    if (*base == '\0' || strcmp(base, ".") == 0 || strcmp(base, "..") == 0) {
        set_err(err, err_size, "%s: %s", path, strerror(EISDIR));
        return -1;
    }
    out->name = vb_strdup(base);
    size_t root_len = confined_root ? strlen(confined_root) : 0;
    while (root_len > 1 && confined_root[root_len - 1] == '/')
        root_len--;
    *confined = confined_root && strncmp(path, confined_root, root_len) == 0 && path[root_len] == '/';
    if (*confined) {
        int root_fd = open(root_len ? confined_root : "/", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
        if (root_fd < 0 && errno == ENOENT) {
            /* The output directory itself is made (with its parents) as given. */
            char *made = vb_xmalloc(root_len + 1);
            memcpy(made, confined_root, root_len);
            made[root_len] = '\0';
            for (char *s = strchr(made + 1, '/');; s = strchr(s + 1, '/')) {
                if (s)
                    *s = '\0';
                (void)mkdir(made, 0777);
                if (!s)
                    break;
                *s = '/';
            }
            free(made);
            root_fd = open(confined_root, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
        }
        if (root_fd < 0) {
            set_err(err, err_size, "%.*s: %s", (int)root_len, confined_root, strerror(errno));
            return -1;
        }
        size_t rel_len = (size_t)(base - path) - root_len - 1;
        char *rel = vb_xmalloc(rel_len + 1);
        memcpy(rel, path + root_len + 1, rel_len);
        rel[rel_len] = '\0';
        char *root = vb_xmalloc(root_len + 1);
        memcpy(root, confined_root, root_len);
        root[root_len] = '\0';
        out->dir_fd = open_confined(root_fd, root, rel, path, err, err_size);
        free(root);
        free(rel);
        close(root_fd);
        return out->dir_fd < 0 ? -1 : 0;
    }
    char *dir;
    if (!slash) {
        dir = vb_strdup(".");
    } else {
        size_t n = slash == path ? 1 : (size_t)(slash - path);
        dir = vb_xmalloc(n + 1);
        memcpy(dir, path, n);
        dir[n] = '\0';
    }
    out->dir_fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (out->dir_fd < 0)
        set_err(err, err_size, "%s: %s", path, strerror(errno));
    free(dir);
    return out->dir_fd < 0 ? -1 : 0;
}

/* Opens a device or FIFO that `name` names, to write to it directly. */
static int open_direct(vb_output *out, int confined, char *err, size_t err_size)
{
    out->fd = openat(out->dir_fd, out->name,
                     O_WRONLY | O_NOCTTY | O_CLOEXEC | (confined ? O_NOFOLLOW : 0));
    struct stat st;
    if (out->fd < 0 || fstat(out->fd, &st) != 0) {
        set_err(err, err_size, "%s: %s", out->shown, strerror(errno));
        return -1;
    }
    if (!S_ISCHR(st.st_mode) && !S_ISFIFO(st.st_mode)) {
        /* Replaced since it was looked at: writing into it would not be atomic. */
        set_err(err, err_size, "%s: changed while it was being opened", out->shown);
        return -1;
    }
    out->direct = 1;
    out->own_fd = 1;
    close(out->dir_fd);
    out->dir_fd = -1;
    return 0;
}

/* The temporary file: unnamed where the system allows, else named and locked. */
static int open_temp(vb_output *out, char *err, size_t err_size)
{
#ifdef O_TMPFILE
    if (access("/proc/self/fd", X_OK) == 0) {
        out->fd = openat(out->dir_fd, ".", O_TMPFILE | O_RDWR | O_CLOEXEC, 0600);
        if (out->fd >= 0) {
            out->unnamed = 1;
            (void)flock(out->fd, LOCK_EX | LOCK_NB);
            return 0;
        }
    }
#endif
    for (int attempt = 0; attempt < 100; attempt++) {
        free(out->temp);
        out->temp = temp_name(out->name);
        out->fd = openat(out->dir_fd, out->temp, O_RDWR | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
        if (out->fd >= 0 || errno != EEXIST)
            break;
    }
    if (out->fd < 0) {
        set_err(err, err_size, "%s: %s", out->shown, strerror(errno));
        free(out->temp);
        out->temp = NULL;
        return -1;
    }
    (void)flock(out->fd, LOCK_EX | LOCK_NB);
    return 0;
}

vb_output *vb_output_open(const char *path, char *err, size_t err_size)
{
    if (path == NULL || *path == '\0') {
        set_err(err, err_size, "no output file name given");
        return NULL;
    }
    vb_output *out = vb_xcalloc(1, sizeof *out);
    out->dir_fd = -1;
    out->fd = -1;
    out->shown = vb_strdup(strcmp(path, "-") == 0 ? "standard output" : path);
    if (strcmp(path, "-") == 0) {
        struct stat st;
        if (fstat(STDOUT_FILENO, &st) != 0) {
            set_err(err, err_size, "standard output: %s", strerror(errno));
            vb_output_abort(out);
            return NULL;
        }
        out->fd = STDOUT_FILENO;
        out->direct = 1;
        return out;
    }
    int confined = 0;
    if (open_directory(out, path, &confined, err, err_size) < 0) {
        vb_output_abort(out);
        return NULL;
    }
    struct stat st;
    out->mode = new_file_mode();
    if (fstatat(out->dir_fd, out->name, &st, confined ? AT_SYMLINK_NOFOLLOW : 0) == 0) {
        const char *refusal = S_ISDIR(st.st_mode)    ? "is a directory"
                              : S_ISBLK(st.st_mode)  ? "is a block device: no document is written onto a disk"
                              : S_ISSOCK(st.st_mode) ? "is a socket"
                                                     : NULL;
        if (refusal) {
            set_err(err, err_size, "%s: %s", path, refusal);
            vb_output_abort(out);
            return NULL;
        }
        if (S_ISCHR(st.st_mode) || S_ISFIFO(st.st_mode)) {
            if (open_direct(out, confined, err, err_size) < 0) {
                vb_output_abort(out);
                return NULL;
            }
            return out;
        }
        if (S_ISREG(st.st_mode))
            out->mode = st.st_mode & 07777;
    } else if (errno != ENOENT) {
        set_err(err, err_size, "%s: %s", path, strerror(errno));
        vb_output_abort(out);
        return NULL;
    }
    if (first_visit(out->dir_fd))
        vb_output_clean_stale(out->dir_fd);
    if (open_temp(out, err, err_size) < 0) {
        vb_output_abort(out);
        return NULL;
    }
    return out;
}

void vb_output_use_new_file_mode(vb_output *out)
{
    out->mode = new_file_mode();
}

int vb_output_fd(const vb_output *out)
{
    return out->fd;
}

int vb_output_is_direct(const vb_output *out)
{
    return out->direct;
}

const char *vb_output_name(const vb_output *out)
{
    return out->shown;
}

/* Gives the unnamed temporary file a name beside the destination. */
static int link_unnamed(vb_output *out)
{
    char proc_path[64];
    snprintf(proc_path, sizeof proc_path, "/proc/self/fd/%d", out->fd);
    for (int attempt = 0; attempt < 100; attempt++) {
        free(out->temp);
        out->temp = temp_name(out->name);
        if (linkat(AT_FDCWD, proc_path, out->dir_fd, out->temp, AT_SYMLINK_FOLLOW) == 0)
            return 0;
        if (errno != EEXIST)
            break;
    }
    free(out->temp);
    out->temp = NULL;
    return -1;
}

int vb_output_commit(vb_output *out, char *err, size_t err_size)
{
    int ok = 1;
    if (out->direct) {
        ok = !vb_output_durable() || fsync(out->fd) == 0 || errno == EINVAL || errno == EROFS;
        if (ok && out->own_fd) {
            ok = close(out->fd) == 0;
            out->fd = -1;
        }
    } else {
        ok = fchmod(out->fd, out->mode) == 0 && (!vb_output_durable() || fsync(out->fd) == 0) &&
             (!out->unnamed || link_unnamed(out) == 0) &&
             renameat(out->dir_fd, out->temp, out->dir_fd, out->name) == 0;
        if (ok) {
            free(out->temp);
            out->temp = NULL; /* in place: nothing to remove */
            if (vb_output_durable())
                (void)fsync(out->dir_fd);
            /* The lock goes with the last descriptor, after the rename. */
            ok = close(out->fd) == 0;
            out->fd = -1;
        }
    }
    if (!ok)
        set_err(err, err_size, "%s: %s", out->shown, strerror(errno));
    vb_output_abort(out);
    return ok ? 0 : -1;
}

void vb_output_abort(vb_output *out)
{
    if (!out)
        return;
    if (out->temp && out->dir_fd >= 0)
        (void)unlinkat(out->dir_fd, out->temp, 0);
    if (out->fd >= 0 && (out->own_fd || !out->direct))
        close(out->fd);
    if (out->dir_fd >= 0)
        close(out->dir_fd);
    free(out->temp);
    free(out->name);
    free(out->shown);
    free(out);
}
