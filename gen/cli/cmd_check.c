/* vanban check: the rules of each document type and format, over files and directories. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/model.h"
#include "read/normalize.h"
#include "check/report.h"
#include "check/validate.h"
#include "viet/spell.h"
#include "read/yaml_reader.h"
#include "read/office/office_reader.h"
#include "check/layout_rules.h"
#include "cli.h"
#include "commands.h"
#include "i18n.h"

/* One file of `vanban check`, checked by any thread. */
typedef struct {
    const char *path;
    vb_lang lang;
    const vb_validate_options *validate;
    vb_speller *speller;
    vb_diagnostics diags;
    char *data; /* the file's bytes, kept for the report (SARIF fingerprints) */
    size_t len;
    int status; /* 0, or EXIT_IO / EXIT_INPUT when the file could not be read */
} check_job;

#define CHECK_CHUNK 256

static void check_one(void *item)
{
    check_job *job = item;
    char *data = NULL;
    size_t len = 0;
    const char *shown = cli_shown_name(job->path);
    vb_diagnostics_init(&job->diags, job->lang);
    if (strcmp(job->path, "-") != 0 && vb_office_path_is_office(job->path)) {
        /* A Word or OpenDocument draft: the same content rules on its model, and the layout
         * rules on the file itself; each message shows its paragraph's text. */
        vb_office_source *src = NULL;
        int *elements = NULL;
        vb_document *doc = vb_office_read_source(job->path, &job->diags, &src, &elements);
        if (doc) {
            vb_validate(doc, job->validate, &job->diags);
            vb_check_office_layout(src, elements, doc, &job->diags);
        }
        vb_office_attach_snippets(&job->diags, src);
        free(elements);
        vb_office_source_free(src);
        vb_document_free(doc);
        return;
    }
    if (cli_read_input(job->path, &data, &len, &job->status, stderr) < 0)
        return;
    job->diags.source = data; /* fix-its are checked against it; kept for the report */
    job->diags.source_len = len;
    /* The text checks below report tone marks; the model keeps them as typed. */
    vb_document *doc = vb_yaml_read_with(shown, data, len, &job->diags, 0);
    if (doc) {
        vb_validate(doc, job->validate, &job->diags);
        /* The text checks of `vanban normalize --check`, as warnings. */
        vb_normalize_options nopt = {VB_TONE_TRADITIONAL, 0, 1, job->speller, 1, 0, NULL};
        size_t ignored = 0;
        free(vb_normalize_yaml(shown, data, len, &nopt, &job->diags, &ignored));
    }
    cli_localize_diagnostics(&job->diags);
    job->data = data;
    job->len = len;
    vb_document_free(doc);
}

int cmd_check(int argc, char **argv)
{
    enum { OPT_FORMAT = 256, OPT_STRICT, OPT_DRAFT, OPT_LANG, OPT_ENCODING, OPT_SPELL };
    static const struct option options[] = {
        {"jobs", required_argument, NULL, 'j'},
        {"spell", no_argument, NULL, OPT_SPELL},
        {"encoding", required_argument, NULL, OPT_ENCODING},
        {"format", required_argument, NULL, OPT_FORMAT},
        {"strict", no_argument, NULL, OPT_STRICT},
        {"draft", no_argument, NULL, OPT_DRAFT},
        {"lang", required_argument, NULL, OPT_LANG},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    vb_report_format format = VB_REPORT_TEXT;
    int strict = 0;
    vb_validate_options vopt = {0};
    vb_lang lang = cli_lang;
    int spell = 0;
    int jobs = cli_default_jobs();
    int c;
    optind = 1;
    while ((c = cli_getopt(argc, argv, "hj:", options, "check")) != -1) {
        switch (c) {
        case 'j':
            if (cli_parse_jobs(optarg, &jobs) < 0)
                return EXIT_USAGE;
            break;
        case OPT_SPELL:
            spell = 1;
            break;
        case OPT_FORMAT:
            if (strcmp(optarg, "text") == 0)
                format = VB_REPORT_TEXT;
            else if (strcmp(optarg, "json") == 0)
                format = VB_REPORT_JSON;
            else if (strcmp(optarg, "sarif") == 0)
                format = VB_REPORT_SARIF;
            else {
                cli_say(stderr, "check", "--format takes text, json or sarif, not '%s'", optarg);
                return EXIT_USAGE;
            }
            break;
        case OPT_STRICT:
            strict = 1;
            break;
        case OPT_DRAFT:
            vopt.draft = 1;
            break;
        case OPT_ENCODING:
            if (cli_parse_encoding(optarg) < 0)
                return EXIT_USAGE;
            break;
        case OPT_LANG:
            if (cli_parse_lang(optarg, &lang) < 0)
                return EXIT_USAGE;
            break;
        case 'h':
            cli_print_help(cli_command_find("check"), lang, stdout);
            return 0;
        default:
            return EXIT_USAGE;
        }
    }
    if (optind == argc) {
        cli_say(stderr, "check", "no file or directory to check");
        cli_say(stderr, "check", "'vanban %s --help' lists the options", "check");
        return EXIT_USAGE;
    }
    vb_speller *speller = NULL;
    if (spell) {
        char err[512];
        speller = vb_speller_open(err, sizeof err);
        if (!speller) {
            char *said = cli_localize(err);
            fprintf(stderr, "vanban check: %s: %s\n", "--spell", said);
            free(said);
            return EXIT_USAGE;
        }
    }
    int io_error = 0;
    cli_input_list files = {0};
    for (int i = optind; i < argc; i++)
        if (cli_collect_inputs_office(&files, argv[i]) < 0)
            io_error = 1;

    vb_report *report = vb_report_new(format, lang, stdout);
    size_t errors = 0, warnings = 0, checked = 0;
    /* Files are checked by `jobs` threads a chunk at a time; the results are reported in
     * file order, so the output is the same whatever the number of threads. */
    check_job *chunk = vb_xcalloc(CHECK_CHUNK, sizeof *chunk);
    for (size_t first = 0; first < files.count; first += CHECK_CHUNK) {
        size_t n = files.count - first < CHECK_CHUNK ? files.count - first : CHECK_CHUNK;
        for (size_t k = 0; k < n; k++) {
            memset(&chunk[k], 0, sizeof chunk[k]);
            chunk[k].path = files.items[first + k].path;
            chunk[k].lang = lang;
            chunk[k].validate = &vopt;
            chunk[k].speller = speller;
        }
        cli_run_parallel(chunk, n, sizeof *chunk, check_one, speller ? 1 : jobs);
        for (size_t k = 0; k < n; k++) {
            check_job *job = &chunk[k];
            if (job->status == EXIT_IO) {
                io_error = 1;
            } else if (job->status) {
                errors++;
            } else {
                for (size_t d = 0; d < job->diags.count; d++)
                    warnings += job->diags.items[d].severity == VB_SEV_WARNING;
                errors += job->diags.error_count;
                checked++;
                vb_report_add_source(report, &job->diags, job->data, job->len);
            }
            vb_diagnostics_free(&job->diags);
            free(job->data);
        }
    }
    free(chunk);
    cli_inputs_free(&files);
    vb_speller_close(speller);
    vb_report_finish(report, checked, errors, warnings);
    if (errors || (strict && warnings))
        return EXIT_INPUT;
    return io_error ? EXIT_IO : 0;
}
