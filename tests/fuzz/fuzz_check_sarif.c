/* `vanban check --format sarif`: the reader with the tone marks as typed, every rule, the
 * text checks of normalize, and the SARIF report of the findings. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check/report.h"
#include "check/validate.h"
#include "model/model.h"
#include "read/normalize.h"
#include "read/yaml_reader.h"

#include "fuzz_support.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *report_text = NULL;
    size_t report_len = 0;
    FILE *out = open_memstream(&report_text, &report_len);
    if (!out)
        abort();
    vb_report *report = vb_report_new(VB_REPORT_SARIF, (size & 1) ? VB_LANG_VI : VB_LANG_EN, out);
    vb_diagnostics diags;
    vb_diagnostics_init(&diags, VB_LANG_EN);
    const char *name = vb_fuzz_path("doc.yaml");
    vb_document *doc = vb_yaml_read_with(name, (const char *)data, size, &diags, 0);
    if (doc) {
        vb_validate_options vopt = {0};
        vb_validate(doc, &vopt, &diags);
        vb_normalize_options nopt = {VB_TONE_TRADITIONAL, 0, 1, NULL, 1, 0, NULL};
        size_t ignored = 0;
        free(vb_normalize_yaml(name, (const char *)data, size, &nopt, &diags, &ignored));
    }
    /* Every finding points into the file: a message without its place is a defect. */
    for (size_t i = 0; i < diags.count; i++)
        if (diags.items[i].line == 0 || strcmp(diags.items[i].file, name) != 0)
            abort();
    vb_report_add(report, &diags);
    vb_report_finish(report, 1, diags.error_count, diags.count - diags.error_count);
    vb_document_free(doc);
    vb_diagnostics_free(&diags);
    fclose(out);
    free(report_text);
    return 0;
}
