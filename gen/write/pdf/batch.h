/* PDFs through LibreOffice, many documents per start. LibreOffice takes seconds to start and
 * a fraction of one per document, and converts every file named on one command line
 * (`soffice --convert-to pdf --outdir DIR a.odt b.odt …`). So the documents of a run are
 * written first, as ODT, into a work directory; then each worker hands its share to one
 * soffice, with a profile directory of its own. A document whose PDF does not appear is
 * reported as failed; the others succeed. */
#ifndef VB_PDF_BATCH_H
#define VB_PDF_BATCH_H

#include <stddef.h>

#include "model/diag.h"

typedef struct vb_pdf_batch vb_pdf_batch;

/* A new batch and its work directory (under TMPDIR), or NULL with err. */
vb_pdf_batch *vb_pdf_batch_new(vb_lang lang, char *err, size_t err_size);

/* Adds a document that is to become the PDF `dest` ("-": standard output; NULL: left in the
 * work directory, see vb_pdf_batch_output), named `shown` in messages. Sets *source to the
 * path where the caller writes it as ODT (owned by the batch). Returns its number.
 * Thread-safe. */
long vb_pdf_batch_add(vb_pdf_batch *b, const char *dest, const char *shown, const char **source);

/* Document `item` could not be written: it is left out. */
void vb_pdf_batch_drop(vb_pdf_batch *b, long item);

/* Converts every document added and not yet converted, in at most `workers` LibreOffice
 * processes at once. `timeout_ms` is the time one document may take (a LibreOffice that
 * makes no progress that long is killed). With `reuse`, a batch of one document goes
 * through the LibreOffice kept running for previews (office.h) when it can. Returns the
 * number of documents that failed. */
size_t vb_pdf_batch_run(vb_pdf_batch *b, int workers, long timeout_ms, int reuse);

/* 0 when `item` became its PDF, else -1 with the reason in `err`. */
int vb_pdf_batch_result(const vb_pdf_batch *b, long item, char *err, size_t err_size);

/* Where the PDF of an item added with dest NULL is, until the batch is freed; or NULL. */
const char *vb_pdf_batch_output(const vb_pdf_batch *b, long item);


/* Frees the batch and removes its work directory. */
void vb_pdf_batch_free(vb_pdf_batch *b);

#endif
