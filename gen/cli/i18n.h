/* The language of everything the program says, and its catalogue of texts.
 *
 * Messages are written in English in the code, as gettext's message ids are, and
 * gen/cli/messages.c pairs each with its Vietnamese. The language comes from --lang, else
 * from LANGUAGE / LC_ALL / LC_MESSAGES / LANG (Vietnamese when they say vi, English
 * otherwise): only the variables are read, so vi_VN.UTF-8 works whether or not that locale
 * is generated on the machine. Diagnostics keep their own vi/en pairs (model/diag.h). */
#ifndef VB_CLI_I18N_H
#define VB_CLI_I18N_H

#include <stdio.h>

#include "model/diag.h"

/* One catalogue entry: the English text (a printf format or a plain text) and its
 * Vietnamese, with the same conversions in the same order. */
typedef struct {
    const char *en;
    const char *vi;
} cli_message;

const cli_message *cli_messages_all(size_t *count);

/* The language of this run; set by cli_lang_init() and by each command's --lang. */
extern vb_lang cli_lang;
/* The environment's language, then the first --lang VALUE / --lang=VALUE of argv (before a
 * "--"), so that even a usage error is said in the language asked for. */
void cli_lang_init(int argc, char **argv);
void cli_lang_set(vb_lang lang);

/* The text of `english` in this run's language (itself when English, or when the catalogue
 * has no entry: the test suite makes sure every text in the code has one). */
const char *cli_text(const char *english);
const char *cli_text_in(vb_lang lang, const char *english);
#define T(english) cli_text(english)

/* "vanban: " (or "vanban COMMAND: ") and the catalogue's format, to `out`, newline added. */
void cli_say(FILE *out, const char *command, const char *format_en, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;

/* An error message made by a lower layer in English ("path: No such file or directory",
 * "LibreOffice could not convert %s to PDF (status %d)"), in this run's language: matched
 * against the catalogue's formats and the system's error texts. Caller frees. */
char *cli_localize(const char *english_message);
/* In Vietnamese runs, the English that lower layers put at the end of diagnostics
 * ("không đọc được bảng: x.xlsx: no sheet …") translated through the catalogue. */
void cli_localize_diagnostics(vb_diagnostics *diags);
/* cli_localize_diagnostics, then vb_diagnostics_print. */
void cli_print_diagnostics(vb_diagnostics *diags, FILE *out);

/* Prints "vanban: <message, localized>" and a newline. */
void cli_report(FILE *out, const char *english_message);

/* The text of errno value `errnum` in this run's language. */
const char *cli_strerror(int errnum);

/* The candidate nearest `word` (at most 2 edits, or a prefix), or NULL. */
const char *cli_nearest(const char *word, const char *const *candidates, size_t count);

#endif
