/* `--help`: a command's description from commands.c, wrapped at 80 columns of display width
 * (Vietnamese letters with marks take one column whatever their bytes). */
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "commands.h"
#include "i18n.h"
#include "viet/text.h"

enum { HELP_WIDTH = 80, DESC_COLUMN_MAX = 26 };

static size_t width_of(const char *s)
{
    return vb_display_width(s, strlen(s));
}

/* Prints `text` (paragraphs separated by "\n\n") from column `indent`, the first line
 * continuing at `column` (≤ indent means a fresh line already indented there). */
static void wrap(FILE *out, const char *text, size_t indent, size_t column)
{
    size_t at = column;
    int first_word = 1;
    const char *p = text;
    while (*p) {
        if (p[0] == '\n') {
            /* A paragraph break: a blank line, the next paragraph at the indent. */
            while (*p == '\n')
                p++;
            fprintf(out, "\n\n%*s", (int)indent, "");
            at = indent;
            first_word = 1;
            continue;
        }
        if (*p == ' ') {
            p++;
            continue;
        }
        size_t n = strcspn(p, " \n");
        size_t w = vb_display_width(p, n);
        if (!first_word && at + 1 + w > HELP_WIDTH) {
            fprintf(out, "\n%*s", (int)indent, "");
            at = indent;
            first_word = 1;
        }
        if (!first_word) {
            fputc(' ', out);
            at++;
        }
        fwrite(p, 1, n, out);
        at += w;
        first_word = 0;
        p += n;
    }
    fputc('\n', out);
}

static void option_left(const cli_option_doc *o, vb_lang lang, char *buf, size_t size)
{
    char arg[64] = "";
    if (o->arg)
        snprintf(arg, sizeof arg, " %s", cli_text_in(lang, o->arg));
    if (o->letter)
        snprintf(buf, size, "  -%c, --%s%s", o->letter, o->name, arg);
    else
        snprintf(buf, size, "      --%s%s", o->name, arg);
}

void cli_print_help(const cli_command_doc *doc, vb_lang lang, FILE *out)
{
    int vi = lang == VB_LANG_VI;
    /* "Usage: vanban render [OPTIONS] FILE|DIR..."; the program's: "vanban COMMAND ..." */
    fprintf(out, "%s vanban", cli_text_in(lang, "Usage:"));
    if (doc->name)
        fprintf(out, " %s %s", doc->name, cli_text_in(lang, "[OPTIONS]"));
    if (doc->operands[0])
        fprintf(out, " %s", cli_text_in(lang, doc->operands));
    fputs("\n\n", out);
    wrap(out, vi ? doc->about_vi : doc->about_en, 0, 0);

    if (!doc->name) {
        size_t count = 0;
        const cli_command_doc *all = cli_commands_all(&count);
        fprintf(out, "\n%s\n", cli_text_in(lang, "Commands:"));
        for (size_t i = 1; i < count; i++) {
            char left[96];
            snprintf(left, sizeof left, "  %s %s", all[i].name, cli_text_in(lang, all[i].operands));
            size_t w = width_of(left);
            fputs(left, out);
            if (w + 2 > DESC_COLUMN_MAX) {
                fprintf(out, "\n%*s", DESC_COLUMN_MAX, "");
            } else {
                fprintf(out, "%*s", (int)(DESC_COLUMN_MAX - w), "");
            }
            wrap(out, vi ? all[i].summary_vi : all[i].summary_en, DESC_COLUMN_MAX, DESC_COLUMN_MAX);
        }
    }

    fprintf(out, "\n%s\n", cli_text_in(lang, "Options:"));
    size_t column = 0;
    for (const cli_option_doc *o = doc->options; o->name; o++) {
        char left[96];
        option_left(o, lang, left, sizeof left);
        size_t w = width_of(left) + 2;
        if (w > column && w <= DESC_COLUMN_MAX)
            column = w;
    }
    for (const cli_option_doc *o = doc->options; o->name; o++) {
        char left[96];
        option_left(o, lang, left, sizeof left);
        size_t w = width_of(left);
        fputs(left, out);
        if (w + 2 > column)
            fprintf(out, "\n%*s", (int)column, "");
        else
            fprintf(out, "%*s", (int)(column - w), "");
        wrap(out, vi ? o->vi : o->en, column, column);
    }
    const char *notes = vi ? doc->notes_vi : doc->notes_en;
    if (notes) {
        fputc('\n', out);
        wrap(out, notes, 0, 0);
    }
}

int cli_getopt(int argc, char **argv, const char *shortopts, const struct option *longopts,
               const char *command)
{
    /* ":" first: a missing value comes back as ':', told apart from an unknown option. */
    char spec[64];
    snprintf(spec, sizeof spec, ":%s", shortopts);
    opterr = 0;
    int c = getopt_long(argc, argv, spec, longopts, NULL);
    if (c != '?' && c != ':')
        return c;
    const char *arg = argv[optind - 1];
    if (c == ':') {
        if (optopt && !(arg[0] == '-' && arg[1] == '-'))
            cli_say(stderr, command, "option '-%c' needs a value", optopt);
        else
            cli_say(stderr, command, "option '%s' needs a value", arg);
    } else if (optopt) {
        cli_say(stderr, command, "unknown option '-%c'", optopt);
    } else {
        /* An unknown long option: "--fromat=docx" → "--format". */
        char name[64];
        const char *given = arg[0] == '-' && arg[1] == '-' ? arg + 2 : arg;
        snprintf(name, sizeof name, "%.*s", (int)strcspn(given, "="), given);
        const char *names[64];
        size_t count = 0;
        for (const struct option *o = longopts; o->name && count < 64; o++)
            names[count++] = o->name;
        const char *near = cli_nearest(name, names, count);
        if (near)
            cli_say(stderr, command, "unknown option '--%s'; did you mean '--%s'?", name, near);
        else
            cli_say(stderr, command, "unknown option '--%s'", name);
    }
    cli_say(stderr, command, "'vanban %s --help' lists the options", command);
    return '?';
}
