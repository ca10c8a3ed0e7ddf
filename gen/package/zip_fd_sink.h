/* A libzip source that writes a new archive into an open file descriptor (see zip_fd_sink.c). */
#ifndef VB_ZIP_FD_SINK_H
#define VB_ZIP_FD_SINK_H

#include <zip.h>

/* A source for zip_open_from_source(…, ZIP_TRUNCATE): the archive starts empty and is written
 * into `fd` from its start when the archive is closed. `fd` stays the caller's to close, after
 * the archive. Returns NULL with `error` set when out of memory. */
zip_source_t *vb_zip_fd_sink(int fd, zip_error_t *error);

#endif
