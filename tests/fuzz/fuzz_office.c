/* The DOCX/ODT reader (read/office/office_reader.h) over any bytes as a file, then the
 * validator over what it read, as `vanban check report.docx` runs them. The first byte
 * picks the name: .docx or .odt. */
#include <stdint.h>

#include "check/validate.h"
#include "model/model.h"
#include "read/office/office_reader.h"

#include "fuzz_support.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size == 0)
        return 0;
    const char *name = (data[0] & 1) ? "doc.odt" : "doc.docx";
    const char *path = vb_fuzz_write(name, data + 1, size - 1);
    vb_diagnostics diags;
    vb_diagnostics_init(&diags, VB_LANG_EN);
    vb_document *doc = vb_office_read(path, &diags);
    if (doc) {
        vb_validate_options vopt = {0};
        vb_validate(doc, &vopt, &diags);
        vb_document_free(doc);
    }
    vb_diagnostics_free(&diags);
    return 0;
}
