#include "atomic_file.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "model/model.h"
#include "output_file.h"

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
    if (strcmp(path, "-") == 0 && fflush(stdout) != 0) {
        snprintf(err, err_size, "standard output: %s", strerror(errno));
        return -1;
    }
    vb_output *out = vb_output_open(path, err, err_size);
    if (!out)
        return -1;
    if (vb_write_all(vb_output_fd(out), data, len) != 0) {
        snprintf(err, err_size, "%s: %s", vb_output_name(out), strerror(errno));
        vb_output_abort(out);
        return -1;
    }
    return vb_output_commit(out, err, err_size);
}
