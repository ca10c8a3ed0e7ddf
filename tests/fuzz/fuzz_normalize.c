/* `vanban normalize`: the scalars of any YAML rewritten (tone style, NFC, typography), the
 * structure verified unchanged. The first byte picks the options. */
#include <stdint.h>
#include <stdlib.h>

#include "model/model.h"
#include "read/normalize.h"
#include "viet/text.h"

#include "fuzz_support.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size == 0)
        return 0;
    unsigned choice = data[0];
    data++, size--;
    /* normalize refuses input that is not UTF-8 before it gets here. */
    if (vb_utf8_invalid_offset((const char *)data, size) >= 0)
        return 0;
    vb_normalize_options opt = {(choice & 1) ? VB_TONE_MODERN : VB_TONE_TRADITIONAL,
                                (choice >> 1) & 1, (choice >> 2) & 1, NULL, (choice >> 3) & 1,
                                (choice >> 4) & 1, NULL};
    vb_diagnostics diags;
    vb_diagnostics_init(&diags, VB_LANG_EN);
    if ((choice >> 5) & 1)
        diags.limit = 11; /* as render keeps them, which stops a report early */
    size_t out_len = 0;
    char *out = vb_normalize_yaml("doc.yaml", (const char *)data, size, &opt, &diags, &out_len);
    if (out && !opt.report_only) {
        /* Normalising what normalize wrote changes nothing more. */
        vb_diagnostics again;
        vb_diagnostics_init(&again, VB_LANG_EN);
        size_t len2 = 0;
        free(vb_normalize_yaml("doc.yaml", out, out_len, &opt, &again, &len2));
        vb_diagnostics_free(&again);
    }
    free(out);
    vb_diagnostics_free(&diags);
    return 0;
}
