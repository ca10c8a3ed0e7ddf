/* The text warnings `vanban check` gives (tone marks, NFC, spaces, punctuation), printed by
 * `vanban render`: the rendered document has the marks fixed and the spaces kept as typed,
 * so the source is told what `vanban normalize` would change in it. */
#ifndef VB_CLI_TEXT_WARNINGS_H
#define VB_CLI_TEXT_WARNINGS_H

#include <stddef.h>
#include <stdio.h>

#include "model/diag.h"
#include "read/yaml_scalars.h"

/* Prints the first warnings of YAML `data` as `check` does, and whether there are more.
 * `input`: the file as the user named it ("-" for standard input). `scalars`: where the
 * reader found the scalars, so the source is not parsed again; NULL to parse it here. */
void cli_print_text_warnings(const char *input, const char *data, size_t len,
                             const vb_yaml_scalars *scalars, vb_lang lang, FILE *msg);

#endif
