/* The text warnings `vanban check` gives (tone marks, NFC, spaces, punctuation), printed by
 * `vanban render`: the rendered document has the marks fixed and the spaces kept as typed,
 * so the source is told what `vanban normalize` would change in it. */
#ifndef VB_CLI_TEXT_WARNINGS_H
#define VB_CLI_TEXT_WARNINGS_H

#include <pthread.h>
#include <stddef.h>
#include <stdio.h>

#include "model/diag.h"

typedef struct {
    const char *shown;       /* the input's name in messages */
    char *data;              /* the YAML source (owned) */
    size_t len;
    vb_diagnostics diags;
    pthread_t thread;
    int beside;              /* 1: worked out in `thread` while the document renders */
} cli_text_warnings;

/* Starts working out the warnings of `data` (taking it over). With `beside`, on a thread of
 * its own: a run of one document leaves the second core idle, and the warnings take about as
 * long as reading the document. Else (batches keep every core busy) when they are printed. */
void cli_text_warnings_start(cli_text_warnings *tw, const char *shown, char *data, size_t len,
                             vb_lang lang, int beside);

/* Prints the first warnings as `check` does and how many more there are; frees the source. */
void cli_text_warnings_finish(cli_text_warnings *tw, FILE *msg);

#endif
