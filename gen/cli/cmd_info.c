/* vanban rules, vanban types: what vanban knows, listed. */
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "check/rules.h"
#include "cli.h"
#include "commands.h"
#include "i18n.h"
#include "model/doctypes.h"
#include "viet/text.h"

/* --lang and --help, the only options of the two lists. Returns -1 to go on, else the exit
 * status. */
static int list_options(int argc, char **argv, const char *command, vb_lang *lang)
{
    enum { OPT_LANG = 256 };
    static const struct option options[] = {
        {"lang", required_argument, NULL, OPT_LANG},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    *lang = cli_lang;
    int c;
    optind = 1;
    while ((c = cli_getopt(argc, argv, "h", options, command)) != -1) {
        switch (c) {
        case OPT_LANG:
            if (cli_parse_lang(optarg, lang) < 0)
                return EXIT_USAGE;
            break;
        case 'h':
            cli_print_help(cli_command_find(command), *lang, stdout);
            return 0;
        default:
            return EXIT_USAGE;
        }
    }
    if (optind < argc) {
        cli_say(stderr, command, "takes no file or argument, not '%s'", argv[optind]);
        return EXIT_USAGE;
    }
    return -1;
}

/* `text` and spaces up to `width` columns of display width (bytes would misalign "Đ"). */
static void print_padded(const char *text, size_t width)
{
    size_t w = vb_display_width(text, strlen(text));
    fputs(text, stdout);
    for (; w < width; w++)
        fputc(' ', stdout);
}

int cmd_rules(int argc, char **argv)
{
    vb_lang lang;
    int status = list_options(argc, argv, "rules", &lang);
    if (status >= 0)
        return status;
    size_t count = 0;
    const vb_rule *rules = vb_rules_all(&count);
    for (size_t i = 0; i < count; i++) {
        print_padded(rules[i].id, 29);
        print_padded(cli_text_in(lang, rules[i].severity == VB_SEV_ERROR ? "error" : "warning"), 10);
        printf("%s\n%29s%s\n", lang == VB_LANG_EN ? rules[i].en : rules[i].vi, "", rules[i].clause);
        /* Severity per document type is part of the rule. */
        const char *error_for = vb_rule_error_for(rules[i].id);
        if (error_for)
            printf("%29s%s %s\n", "", lang == VB_LANG_EN ? "error for:" : "là lỗi (error) với:", error_for);
    }
    return 0;
}

int cmd_types(int argc, char **argv)
{
    vb_lang lang;
    int status = list_options(argc, argv, "types", &lang);
    if (status >= 0)
        return status;
    size_t count = 0;
    const vb_doctype *types = vb_doctypes_all(&count);
    /* Columns as wide as their widest cell, in display width. */
    const char *name_title = cli_text_in(lang, "type name");
    size_t code_width = strlen("loai"), name_width = vb_display_width(name_title, strlen(name_title));
    for (size_t i = 0; i < count; i++) {
        size_t c = vb_display_width(types[i].code, strlen(types[i].code));
        size_t n = vb_display_width(types[i].name, strlen(types[i].name));
        code_width = c > code_width ? c : code_width;
        name_width = n > name_width ? n : name_width;
    }
    print_padded("loai", code_width + 2);
    print_padded(name_title, name_width + 2);
    puts("the_thuc");
    for (size_t i = 0; i < count; i++) {
        const char *formats = types[i].formats == (VB_TYPE_STATE | VB_TYPE_PARTY) ? "nha_nuoc, dang"
                              : types[i].formats == VB_TYPE_STATE                  ? "nha_nuoc"
                                                                                   : "dang";
        print_padded(types[i].code, code_width + 2);
        print_padded(types[i].name, name_width + 2);
        printf("%s%s\n", formats,
               types[i].has_type_name ? "" : cli_text_in(lang, " (no type name: the subject reads V/v)"));
    }
    return 0;
}
