#include "text_warnings.h"

#include <stdlib.h>
#include <string.h>

#include "read/normalize.h"
#include "cli.h"
#include "i18n.h"

void cli_print_text_warnings(const char *input, const char *data, size_t len,
                             const vb_yaml_scalars *scalars, vb_lang lang, FILE *msg)
{
    enum { SHOWN_IN_FULL = 10 };
    int from_stdin = strcmp(input, "-") == 0;
    const char *shown = cli_shown_name(input);
    vb_diagnostics diags;
    vb_diagnostics_init(&diags, lang);
    diags.limit = SHOWN_IN_FULL + 1; /* one more tells there are more; the reading stops there */
    diags.print_no_fixes = 1;
    /* Only the findings; not whether `normalize` could apply each one safely, which needs a
     * second parse (`check` says that). */
    vb_normalize_options nopt = {VB_TONE_TRADITIONAL, 0, 1, NULL, 1, 1, scalars};
    size_t ignored = 0;
    free(vb_normalize_yaml(shown, data, len, &nopt, &diags, &ignored));
    /* The first ones as check prints them; past those, only that there are more (as a
     * compiler's error limit does) and where to see them all. */
    vb_diagnostics first = diags;
    first.count = diags.count < SHOWN_IN_FULL ? diags.count : SHOWN_IN_FULL;
    cli_print_diagnostics(&first, msg);
    if (diags.count > first.count && from_stdin) /* "<stdin>" is no name to give check */
        cli_say(msg, NULL, "%s: more text warnings; `vanban check -` lists them all, given the same input",
                shown);
    else if (diags.count > first.count)
        cli_say(msg, NULL, "%s: more text warnings; `vanban check %s` lists them all", shown, shown);
    vb_diagnostics_free(&diags);
}
