#include "atomic_file.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
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

int vb_write_file_atomic(const char *path, const char *data, size_t len, char *err, size_t err_size)
{
    if (strcmp(path, "-") == 0) {
        if ((len && fwrite(data, 1, len, stdout) != len) || fflush(stdout) != 0) {
            snprintf(err, err_size, "writing to standard output: %s", strerror(errno));
            return -1;
        }
        return 0;
    }
    size_t n = strlen(path) + 16;
    char *tmp = vb_xmalloc(n);
    snprintf(tmp, n, "%s.tmp-XXXXXX", path);
    int fd = mkstemp(tmp);
    if (fd < 0) {
        snprintf(err, err_size, "%s: %s", path, strerror(errno));
        free(tmp);
        return -1;
    }
    /* mkstemp makes 0600; keep an existing file's mode, else what the umask allows. */
    struct stat st;
    mode_t mode;
    if (stat(path, &st) == 0) {
        mode = st.st_mode & 07777;
    } else {
        mode_t mask = umask(0);
        umask(mask);
        mode = 0666 & ~mask;
    }
    int ok = fchmod(fd, mode) == 0;
    size_t done = 0;
    while (ok && done < len) {
        ssize_t w = write(fd, data + done, len - done);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0)
            ok = 0;
        else
            done += (size_t)w;
    }
    ok = ok && (!durable_outputs || fsync(fd) == 0);
    int saved = errno;
    if (close(fd) != 0 && ok) {
        ok = 0;
        saved = errno;
    }
    if (ok && rename(tmp, path) != 0) {
        ok = 0;
        saved = errno;
    }
    if (ok && durable_outputs)
        vb_sync_parent_dir(path);
    if (!ok) {
        snprintf(err, err_size, "%s: %s", path, strerror(saved));
        unlink(tmp);
    }
    free(tmp);
    return ok ? 0 : -1;
}
