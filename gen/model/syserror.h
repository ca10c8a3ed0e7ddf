/* The system's error texts (errno values) in Vietnamese and English. strerror() speaks the
 * C locale's English in every run, so each stage that reports a failed open or read says it
 * through here, in the language of its diagnostics. */
#ifndef VB_SYSERROR_H
#define VB_SYSERROR_H

#include <stddef.h>

#include "diag.h"

/* The text of `errnum` in `lang`: strerror()'s in English, ours in Vietnamese (strerror()'s
 * when the value has none). */
const char *vb_strerror(int errnum, vb_lang lang);

/* The i-th errno value with a Vietnamese text (from 0), -1 past the last: for reading
 * English messages back. */
int vb_strerror_known(size_t i);

#endif
