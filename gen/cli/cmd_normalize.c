/* vanban normalize: the Vietnamese text of YAML documents fixed in place. */
#define _XOPEN_SOURCE 700 /* realpath */
#include <errno.h>
#include <getopt.h>
#include <stdint.h>
#include <sys/stat.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "package/atomic_file.h"
#include "model/model.h"
#include "read/normalize.h"
#include "viet/text.h"
#include "read/yaml_reader.h"
#include "cli.h"
#include "commands.h"
#include "i18n.h"

/* Where rewriting `input` in place goes: the file a symbolic link leads to (so the link
 * stays a link and its target gets the text). NULL, after saying why, for a file with
 * several hard links: the new file would be one name's alone, the others keeping the old
 * text; a rewrite inside the file itself would not be atomic. Caller frees. */
static char *in_place_target(const char *input)
{
    struct stat st;
    if (stat(input, &st) != 0) {
        fprintf(stderr, "vanban: %s: %s\n", input, cli_strerror(errno));
        return NULL;
    }
    if (S_ISREG(st.st_mode) && st.st_nlink > 1) {
        cli_say(stderr, NULL, "%s has %ju hard links: normalizing it in place would leave the "
                              "others with the old text; nothing written (write a copy with -o FILE)",
                input, (uintmax_t)st.st_nlink);
        return NULL;
    }
    char *target = realpath(input, NULL);
    if (!target)
        fprintf(stderr, "vanban: %s: %s\n", input, strerror(errno));
    return target;
}

int cmd_normalize(int argc, char **argv)
{
    enum { OPT_CHECK = 256, OPT_TONE, OPT_NO_TYPO, OPT_ENCODING, OPT_LANG };
    static const struct option options[] = {
        {"check", no_argument, NULL, OPT_CHECK},
        {"output", required_argument, NULL, 'o'},
        {"dau-thanh", required_argument, NULL, OPT_TONE},
        {"no-typography", no_argument, NULL, OPT_NO_TYPO},
        {"encoding", required_argument, NULL, OPT_ENCODING},
        {"lang", required_argument, NULL, OPT_LANG},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    vb_normalize_options nopt = {VB_TONE_TRADITIONAL, 0, 1, NULL, 0, 0, NULL};
    int check_only = 0;
    const char *output = NULL;
    vb_lang lang = cli_lang;
    int c;
    optind = 1;
    while ((c = cli_getopt(argc, argv, "o:h", options, "normalize")) != -1) {
        switch (c) {
        case OPT_CHECK:
            check_only = 1;
            break;
        case 'o':
            output = optarg;
            break;
        case OPT_TONE:
            if (vb_tone_style_parse(optarg, &nopt.tone) < 0) {
                cli_say(stderr, "normalize", "--dau-thanh takes cu, moi or giu_nguyen, not '%s'", optarg);
                return EXIT_USAGE;
            }
            nopt.tone_given = 1;
            break;
        case OPT_NO_TYPO:
            nopt.typography = 0;
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
            cli_print_help(cli_command_find("normalize"), lang, stdout);
            return 0;
        default:
            return EXIT_USAGE;
        }
    }
    if (cli_check_input_count("normalize", argc - optind, output != NULL) < 0)
        return EXIT_USAGE;
    /* normalize rewrites the user's own source, which nothing can make again: always on
     * the disk before it replaces the old text. */
    vb_output_set_durable(1);
    int status = 0;
    for (int i = optind; i < argc; i++) {
        const char *input = argv[i];
        const char *shown = cli_shown_name(input);
        char *data = NULL;
        size_t len = 0;
        int rc = 0;
        if (cli_read_input(input, &data, &len, &rc, stderr) < 0) {
            status = rc > status ? rc : status;
            continue;
        }
        int converted = cli_input_encoding != VB_ENC_UTF8;
        vb_diagnostics diags;
        vb_diagnostics_init(&diags, lang);
        diags.limit = 0;
        long bad = vb_utf8_invalid_offset(data, len);
        char *result = NULL;
        size_t out_len = 0;
        if (bad >= 0) {
            vb_document_free(vb_yaml_read(shown, data, len, &diags)); /* the positioned error */
        } else {
            result = vb_normalize_yaml(shown, data, len, &nopt, &diags, &out_len);
            if (!result)
                vb_document_free(vb_yaml_read(shown, data, len, &diags)); /* why it does not parse */
        }
        cli_print_diagnostics(&diags, stderr);
        int failed = diags.error_count > 0 || !result;
        vb_diagnostics_free(&diags);
        if (failed) {
            status = status > EXIT_INPUT ? status : EXIT_INPUT;
        } else {
            int changed = converted || out_len != len || memcmp(result, data, len) != 0;
            const char *dest = output ? output : input;
            if (check_only) {
                if (changed) {
                    fprintf(stderr, "%s: %s\n", shown, T("would change"));
                    status = status > EXIT_INPUT ? status : EXIT_INPUT;
                }
            } else if (changed || output) {
                char err[1024];
                int in_place = strcmp(input, "-") != 0 &&
                               (!output || (strcmp(output, "-") != 0 && cli_same_file(output, input)));
                char *target = in_place ? in_place_target(input) : vb_strdup(dest);
                if (!target) {
                    status = status > EXIT_USAGE ? status : EXIT_USAGE;
                } else if (vb_write_file_atomic(target, result, out_len, err, sizeof err) < 0) {
                    cli_report(stderr, err);
                    status = EXIT_IO;
                }
                free(target);
            }
        }
        free(result);
        free(data);
    }
    return status;
}
