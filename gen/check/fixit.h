/* Fix-its for the rules that know the one right form of a text: the change is placed in the
 * YAML source (model/diag.h: vb_fix) only where it is certain to do what it says. */
#ifndef VB_CHECK_FIXIT_H
#define VB_CHECK_FIXIT_H

#include <stddef.h>

#include "model/diag.h"
#include "model/model.h"

/* Gives the diagnostic just added a fix-it: in the scalar whose text is `value`, read from
 * `pos`, the `old_len` bytes at `offset` become `replacement`. Given only when it is
 * certain: the source is at hand (d->source), the scalar there is plain or quoted and its
 * bytes up to the end of the change are the value's own (no escape, no folded line before
 * it), and the YAML still reads the same structure after the change — a plain scalar that
 * would gain ": " or " #" is quoted whole instead. Returns 1 when a fix-it was given. */
int vb_fix_in_scalar(vb_diagnostics *d, vb_pos pos, const char *value, size_t offset,
                     size_t old_len, const char *replacement);

#endif
