/* How `vanban check` reports: compiler-style text, JSON, or SARIF 2.1.0 for code-review
 * tools. Diagnostics of many files are added one file at a time. */
#ifndef VB_REPORT_H
#define VB_REPORT_H

#include <stdio.h>

#include "model/diag.h"

typedef enum { VB_REPORT_TEXT, VB_REPORT_JSON, VB_REPORT_SARIF } vb_report_format;

typedef struct vb_report vb_report;

vb_report *vb_report_new(vb_report_format format, vb_lang lang, FILE *out);
/* Adds the diagnostics of one checked file (text: printed at once). */
void vb_report_add(vb_report *report, const vb_diagnostics *diags);
/* The same, with the checked file's bytes: SARIF keys each finding on its rule, the path of
 * keys to it and the text there (partialFingerprints), not on its line. */
void vb_report_add_source(vb_report *report, const vb_diagnostics *diags, const char *data,
                          size_t len);
/* Prints the summary (text) or the whole document (JSON, SARIF); frees the report. */
void vb_report_finish(vb_report *report, size_t files, size_t errors, size_t warnings);

#endif
