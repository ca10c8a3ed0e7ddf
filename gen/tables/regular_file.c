#include "regular_file.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "model/syserror.h"

int vb_open_regular_file(const char *path, vb_lang lang, char *err, size_t err_size)
{
    /* O_NONBLOCK: opening a FIFO with no writer returns at once instead of waiting. */
    int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY);
    struct stat st;
    if (fd < 0 || fstat(fd, &st) != 0) {
        snprintf(err, err_size, "%s: %s", path, vb_strerror(errno, lang));
        if (fd >= 0)
            close(fd);
        return -1;
    }
    if (!S_ISREG(st.st_mode)) {
        const char *what =
            S_ISDIR(st.st_mode)    ? vb_in_lang(lang, VI_EN("một thư mục", "a directory"))
            : S_ISFIFO(st.st_mode) ? vb_in_lang(lang, VI_EN("một đường ống có tên (FIFO)",
                                                            "a FIFO (named pipe)"))
            : S_ISCHR(st.st_mode)  ? vb_in_lang(lang, VI_EN("một thiết bị ký tự",
                                                            "a character device"))
            : S_ISBLK(st.st_mode)  ? vb_in_lang(lang, VI_EN("một thiết bị khối", "a block device"))
            : S_ISSOCK(st.st_mode) ? vb_in_lang(lang, VI_EN("một socket", "a socket"))
                                   : vb_in_lang(lang, VI_EN("không phải tệp thông thường",
                                                            "not a regular file"));
        snprintf(err, err_size,
                 vb_in_lang(lang, VI_EN("%s: là %s, không phải tệp: bảng chỉ đọc được từ một tệp "
                                        "thông thường",
                                        "%s: is %s, not a file: a table is read from a regular "
                                        "file")),
                 path, what);
        close(fd);
        return -1;
    }
    /* A regular file: reads never block; back to ordinary reads. */
    int flags = fcntl(fd, F_GETFL);
    if (flags >= 0)
        (void)fcntl(fd, F_SETFL, flags & ~O_NONBLOCK);
    return fd;
}
