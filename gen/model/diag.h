/* Diagnostics: problem + position, collected on an object and printed only by the CLI,
 * as `file:line:col: error: message` (`lỗi:` in Vietnamese). Messages exist in Vietnamese and
 * English. */
#ifndef VB_DIAG_H
#define VB_DIAG_H

#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>

#include "model.h"

typedef enum { VB_SEV_ERROR, VB_SEV_WARNING, VB_SEV_NOTE } vb_severity;
typedef enum { VB_LANG_VI, VB_LANG_EN } vb_lang;

/* A message in both languages where a function takes the two formats in a row:
 * vb_diag(…, VI_EN("tiếng Việt %s", "English %s"), args). tests/i18n_sources.py reads them. */
#ifndef VI_EN
#define VI_EN(vi, en) vi, en
#endif

/* The one of two texts in `lang`: vb_in_lang(lang, VI_EN("…", "…")). */
static inline const char *vb_in_lang(vb_lang lang, const char *vi, const char *en)
{
    return lang == VB_LANG_EN ? en : vi;
}

/* A fix-it: the one right form, when it is certain. The source text from (line, column) up
 * to, not including, (end_line, end_column) is replaced by `replacement`; columns count
 * characters, as the diagnostic's own. */
typedef struct {
    unsigned line, column;
    unsigned end_line, end_column;
    char *replacement;
} vb_fix;

typedef struct {
    vb_severity severity;
    char *file;
    unsigned line, column;
    char *message;
    const char *rule; /* static string, may be NULL */
    char *snippet;    /* the text at the position (a Word paragraph's), or NULL */
    vb_fix *fix;      /* the fix-it, or NULL */
} vb_diagnostic;

typedef struct {
    vb_diagnostic *items;
    size_t count;
    size_t error_count;
    vb_lang lang;
    size_t limit; /* stop collecting past this many (0: no limit) */
    /* The text the positions point into (a YAML file's bytes, not owned), or NULL: a fix-it
     * is given only where it can be checked against it. */
    const char *source;
    size_t source_len;
    int last_kept; /* the last vb_diag was collected (not past the limit) */
    int print_no_fixes; /* vb_diagnostics_print leaves out the fix-it lines (render: no editor
                           reads them there; JSON and SARIF still carry them) */
} vb_diagnostics;

void vb_diagnostics_init(vb_diagnostics *d, vb_lang lang);
void vb_diagnostics_free(vb_diagnostics *d);

/* Adds a diagnostic; `vi` and `en` are printf formats taking the same arguments. */
void vb_diag(vb_diagnostics *d, vb_severity sev, vb_pos pos, const char *rule, const char *vi,
             const char *en, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 5, 7)))
#endif
    ;

/* Whether the limit is reached: a further diagnostic would not be kept. */
int vb_diagnostics_full(const vb_diagnostics *d);

/* Gives the diagnostic just added (by the last vb_diag) its fix-it; nothing when that one
 * was past the limit or already has one. */
void vb_diag_fix(vb_diagnostics *d, unsigned line, unsigned column, unsigned end_line,
                 unsigned end_column, const char *replacement);

/* Prints each diagnostic as `file:line:col: error: message [RULE]`, and after one with a
 * fix-it the compilers' parseable line `fix-it:"file":{line:col-line:col}:"replacement"`. */
void vb_diagnostics_print(const vb_diagnostics *d, FILE *out);

/* The language of the environment: Vietnamese when LANGUAGE's first choice (outside the C
 * locale) or else the first of LC_ALL, LC_MESSAGES, LANG that is set names vi (vi, vi_VN,
 * vi_VN.UTF-8), English otherwise. Reads the variables only: works whether or not the
 * locale is installed. */
vb_lang vb_lang_from_environment(void);

#endif
