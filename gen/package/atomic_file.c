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
