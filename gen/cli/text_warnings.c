#include "text_warnings.h"

#include <stdlib.h>

#include "read/normalize.h"
#include "cli.h"
#include "i18n.h"

static void *work_out(void *arg)
{
    cli_text_warnings *tw = arg;
    /* Only the findings; not whether `normalize` could apply each one safely, which needs a
     * second parse (`check` says that). */
    vb_normalize_options nopt = {VB_TONE_TRADITIONAL, 0, 1, NULL, 1, 1, NULL};
    size_t ignored = 0;
    free(vb_normalize_yaml(tw->shown, tw->data, tw->len, &nopt, &tw->diags, &ignored));
    return NULL;
}

void cli_text_warnings_start(cli_text_warnings *tw, const char *shown, char *data, size_t len,
                             vb_lang lang, int beside)
{
    tw->shown = shown;
    tw->data = data;
    tw->len = len;
    vb_diagnostics_init(&tw->diags, lang);
    tw->diags.limit = 0;
    tw->diags.print_no_fixes = 1;
    tw->beside = beside && pthread_create(&tw->thread, NULL, work_out, tw) == 0;
}

void cli_text_warnings_finish(cli_text_warnings *tw, FILE *msg)
{
    enum { SHOWN_IN_FULL = 10 };
    if (tw->beside)
        pthread_join(tw->thread, NULL);
    else
        work_out(tw);
    /* The first ones as check prints them; past those, how many more and where to see them. */
    vb_diagnostics first = tw->diags;
    first.count = tw->diags.count < SHOWN_IN_FULL ? tw->diags.count : SHOWN_IN_FULL;
    cli_print_diagnostics(&first, msg);
    size_t more = tw->diags.count - first.count;
    if (more)
        cli_say(msg, NULL, more == 1 ? "%s: %zu more text warning; `vanban check %s` lists it"
                                     : "%s: %zu more text warnings; `vanban check %s` lists them",
                tw->shown, more, tw->shown);
    vb_diagnostics_free(&tw->diags);
    free(tw->data);
    tw->data = NULL;
}
