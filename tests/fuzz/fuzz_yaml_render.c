/* The YAML reader, the validator and the three writers, as `vanban render` runs them: any
 * bytes as a document, rendered to DOCX, ODT and text in a private temporary directory
 * (a `tep:` table resolves there too). */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "check/validate.h"
#include "layout/layout.h"
#include "model/model.h"
#include "package/templates.h"
#include "read/yaml_reader.h"
#include "write/docx/docx.h"
#include "write/odt/odt.h"
#include "write/txt/txt_writer.h"

#include "fuzz_support.h"

static vb_template_store *docx_templates, *odt_templates;

/* The scalars the reader hands the text checks must be those a parse of the events finds. */
static void compare_scalars(const uint8_t *data, size_t size, const vb_yaml_scalars *from_tree)
{
    vb_yaml_scalars from_events = {0};
    if (vb_yaml_scalars_of_text((const char *)data, size, &from_events, NULL, NULL)) {
        int same = from_events.count == from_tree->count &&
                   (from_events.tone_name == NULL) == (from_tree->tone_name == NULL) &&
                   (!from_events.tone_name || strcmp(from_events.tone_name, from_tree->tone_name) == 0);
        for (size_t i = 0; same && i < from_events.count; i++) {
            const vb_yaml_scalar *a = &from_events.items[i], *b = &from_tree->items[i];
            same = a->start == b->start && a->end == b->end && a->style == b->style &&
                   a->is_key == b->is_key;
        }
        if (!same)
            abort();
    }
    vb_yaml_scalars_free(&from_events);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char err[1024];
    if (!docx_templates) {
        docx_templates = vb_template_store_load("docx", NULL, err, sizeof err);
        odt_templates = vb_template_store_load("odt", NULL, err, sizeof err);
        if (!docx_templates || !odt_templates)
            abort();
    }
    vb_diagnostics diags;
    vb_diagnostics_init(&diags, VB_LANG_EN);
    /* Every other input is read as a template of one data row, as `render --data` does. */
    static const char *const names[] = {"ten", "so"};
    static const char *const values[] = {"Nguyễn Văn A", "12/KH-UBND"};
    vb_vars vars = {names, values, 2};
    vb_yaml_scalars scalars = {0};
    vb_read_options read = {1, (size & 1) ? &vars : NULL, &scalars};
    vb_document *doc = vb_yaml_read_opts(vb_fuzz_path("doc.yaml"), (const char *)data, size,
                                         &diags, &read);
    if (doc)
        compare_scalars(data, size, &scalars);
    vb_yaml_scalars_free(&scalars);
    if (doc) {
        vb_validate_options vopt = {1, 1};
        vb_validate(doc, &vopt, &diags);
        const vb_layout *layout = vb_layout_for(doc->format);
        /* Written even when the checks fail: the writers must survive any model. */
        vb_docx_write(doc, layout, docx_templates, 0, vb_fuzz_path("doc.docx"), err, sizeof err);
        vb_odt_write(doc, layout, odt_templates, 0, vb_fuzz_path("doc.odt"), err, sizeof err);
        vb_txt_write(doc, layout, vb_fuzz_path("doc.txt"), err, sizeof err);
        vb_document_free(doc);
    }
    vb_diagnostics_free(&diags);
    return 0;
}
