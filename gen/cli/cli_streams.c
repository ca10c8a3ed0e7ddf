/* The standard streams: a closed one never lends its number to an output, and output that
 * could not be written is an error (exit 3), as coreutils' close_stdout does. */
#include "cli.h"
#include "i18n.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static void close_standard_streams(void)
{
    /* stdout first: its error goes to stderr, whose own failure has nowhere to go. */
    int failed = 0;
    int out_error = ferror(stdout);
    errno = 0;
    if (fclose(stdout) != 0 || out_error) {
        /* EBADF: the stream was closed when vanban started (see below). */
        const char *why = errno ? cli_strerror(errno) : T("an earlier write failed");
        cli_say(stderr, NULL, "standard output: %s", why);
        failed = 1;
    }
    int err_error = ferror(stderr);
    if (fclose(stderr) != 0 || err_error)
        failed = 1;
    if (failed)
        _exit(EXIT_IO);
}

void cli_guard_standard_streams(void)
{
    /* A stream closed by the caller (`>&-`) is opened on /dev/null the wrong way round, so
     * that using it fails (EBADF) instead of the next file opened taking its number and
     * receiving what was meant for it. */
    for (int fd = 0; fd <= 2; fd++) {
        if (fcntl(fd, F_GETFD) >= 0 || errno != EBADF)
            continue;
        int opened = open("/dev/null", fd == 0 ? O_WRONLY : O_RDONLY);
        if (opened >= 0 && opened != fd) {
            /* Only possible when a lower one was closed too and took it: move it. */
            dup2(opened, fd);
            close(opened);
        }
    }
    atexit(close_standard_streams);
}
