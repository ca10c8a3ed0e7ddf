/* The LibreOffice kept running for previews. Starting LibreOffice takes seconds; converting
 * one page layout in a running one, a fraction of a second. The first preview starts one
 * (headless, its own profile, a small document held open so that it does not quit after a
 * conversion) under a keeper process that stops it after VANBAN_OFFICE_IDLE seconds without
 * use (default 300; 0: never keep one). Later previews hand it their document through
 * LibreOffice's own mechanism: a second soffice on the same profile passes its command line
 * to the running one and waits until it is done.
 *
 * Its state lives in a private directory: $XDG_RUNTIME_DIR/vanban-office, else
 * ${TMPDIR:-/tmp}/vanban-office-<uid>: keeper.pid (the keeper's process id; SIGTERM stops
 * it and its LibreOffice), the profile, and a lock that lets one preview at a time use it. */
#ifndef VB_OFFICE_H
#define VB_OFFICE_H

#include <stddef.h>

#include "model/diag.h"

/* Converts `source` (an absolute path) to a PDF in `outdir`, named after it, through the
 * kept LibreOffice, started when none runs. Returns 0 when it did; 1 when no kept instance
 * can serve (none wanted, no private directory, it would not start, it failed on this
 * document): the caller converts the usual way; -1 with `err` after a timeout (the kept
 * instance is then stopped) or an interrupt. */
int vb_office_convert(const char *soffice, const char *source, const char *outdir, long timeout_ms,
                      vb_lang lang, char *err, size_t err_size);

/* A PDF that LibreOffice finished writing: not empty, and its end marker (%%EOF) in its last
 * kilobyte. One killed while writing leaves a truncated file. */
int vb_pdf_file_complete(const char *path);

#endif
