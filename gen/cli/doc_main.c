/* vanban-doc: the man pages (as scdoc source) and the bash and zsh completions of vanban,
 * made at build time from the table its --help is printed from (commands.c).
 *
 *   vanban-doc man NAME LANG    scdoc source of NAME(1): "vanban" or "vanban-COMMAND"; en|vi
 *   vanban-doc bash             bash completion
 *   vanban-doc zsh              zsh completion
 *   vanban-doc pages            the names of the man pages, one a line */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "commands.h"
#include "i18n.h"

#ifndef VB_VERSION
#define VB_VERSION "0.0.0"
#endif

/* ---- man pages (scdoc) ----------------------------------------------------------------- */

/* Text with scdoc's markup characters escaped; "\n\n" stays a paragraph break. */
static void scd_text(FILE *out, const char *s)
{
    for (; *s; s++) {
        if (*s == '*' || *s == '_' || *s == '\\')
            fputc('\\', out);
        fputc(*s, out);
    }
}

static void scd_option(FILE *out, const cli_option_doc *o, vb_lang lang)
{
    if (o->letter)
        fprintf(out, "*-%c*, ", o->letter);
    fputs("*--", out);
    scd_text(out, o->name);
    fputc('*', out);
    if (o->arg) {
        fputs(" _", out);
        scd_text(out, cli_text_in(lang, o->arg));
        fputc('_', out);
    }
    fputs("\n\t", out);
    scd_text(out, lang == VB_LANG_VI ? o->vi : o->en);
    fputs("\n\n", out);
}

static int man_page(const char *page, vb_lang lang)
{
    size_t count = 0;
    const cli_command_doc *all = cli_commands_all(&count);
    const cli_command_doc *doc = NULL;
    if (strcmp(page, "vanban") == 0)
        doc = &all[0];
    else if (strncmp(page, "vanban-", 7) == 0)
        doc = cli_command_find(page + 7);
    if (!doc) {
        fprintf(stderr, "vanban-doc: no page %s\n", page);
        return 1;
    }
    int vi = lang == VB_LANG_VI;
    FILE *out = stdout;
    fprintf(out, "%s(1) \"vanban %s\"\n\n", page, VB_VERSION);
    fprintf(out, "# %s\n\n%s - ", cli_text_in(lang, "NAME"), page);
    scd_text(out, vi ? doc->summary_vi : doc->summary_en);
    fprintf(out, "\n\n# %s\n\n*vanban", cli_text_in(lang, "SYNOPSIS"));
    if (doc->name) {
        /* The brackets stay outside the underline: [_OPTIONS_]. */
        const char *options = cli_text_in(lang, "[OPTIONS]");
        fprintf(out, " %s* [_", doc->name);
        for (const char *c = options + 1; c[1]; c++)
            scd_text(out, (char[]){*c, '\0'});
        fputs("_]", out);
    } else {
        fputc('*', out);
    }
    if (doc->operands[0]) {
        fputs(" _", out);
        scd_text(out, cli_text_in(lang, doc->operands));
        fputc('_', out);
    }
    fprintf(out, "\n\n# %s\n\n", cli_text_in(lang, "DESCRIPTION"));
    scd_text(out, vi ? doc->about_vi : doc->about_en);
    fputs("\n\n", out);
    if (!doc->name) {
        fprintf(out, "# %s\n\n", cli_text_in(lang, "COMMANDS"));
        for (size_t i = 1; i < count; i++) {
            fprintf(out, "*%s*", all[i].name);
            if (all[i].operands[0]) {
                fputs(" _", out);
                scd_text(out, cli_text_in(lang, all[i].operands));
                fputc('_', out);
            }
            fputs("\n\t", out);
            scd_text(out, vi ? all[i].summary_vi : all[i].summary_en);
            fprintf(out, "; %s *vanban-%s*(1).\n\n", cli_text_in(lang, "see"), all[i].name);
        }
    }
    fprintf(out, "# %s\n\n", cli_text_in(lang, "OPTIONS"));
    for (const cli_option_doc *o = doc->options; o->name; o++)
        scd_option(out, o, lang);
    const char *notes = vi ? doc->notes_vi : doc->notes_en;
    if (notes) {
        fprintf(out, "# %s\n\n", cli_text_in(lang, "NOTES"));
        scd_text(out, notes);
        fputs("\n\n", out);
    }
    fprintf(out, "# %s\n\n", cli_text_in(lang, "SEE ALSO"));
    int first = 1;
    for (size_t i = 0; i < count; i++) {
        if (&all[i] == doc)
            continue;
        fprintf(out, "%s*%s%s*(1)", first ? "" : ", ", all[i].name ? "vanban-" : "vanban",
                all[i].name ? all[i].name : "");
        first = 0;
    }
    fputs("\n", out);
    return 0;
}

/* ---- bash ------------------------------------------------------------------------------ */

static void bash_words(FILE *out, const cli_command_doc *doc)
{
    int first = 1;
    for (const cli_option_doc *o = doc->options; o->name; o++) {
        if (o->letter)
            fprintf(out, "%s-%c", first ? "" : " ", o->letter), first = 0;
        fprintf(out, "%s--%s", first ? "" : " ", o->name);
        first = 0;
    }
}

static void bash_value(FILE *out, cli_value_kind kind, const char *choices)
{
    switch (kind) {
    case CLI_VALUE_FILE:
        fprintf(out, "_vanban_files \"%s\"", choices ? choices : "");
        break;
    case CLI_VALUE_DIR:
        fputs("_vanban_dirs", out);
        break;
    case CLI_VALUE_CHOICE:
        fprintf(out, "COMPREPLY=($(compgen -W \"%s\" -- \"$cur\"))", choices);
        break;
    case CLI_VALUE_LIST:
        fprintf(out, "_vanban_list \"%s\"", choices);
        break;
    default:
        fputs(":", out);
        break;
    }
}

static int bash_completion(void)
{
    size_t count = 0;
    const cli_command_doc *all = cli_commands_all(&count);
    FILE *out = stdout;
    fputs("# bash completion for vanban; made by vanban-doc from gen/cli/commands.c.\n\n"
          "_vanban_files() {\n"
          "    local ext\n"
          "    compopt -o filenames 2>/dev/null\n"
          "    COMPREPLY=($(compgen -d -- \"$cur\"))\n"
          "    if [[ -z $1 ]]; then\n"
          "        COMPREPLY+=($(compgen -f -- \"$cur\"))\n"
          "        return\n"
          "    fi\n"
          "    for ext in $1; do\n"
          "        COMPREPLY+=($(compgen -f -X \"!*.$ext\" -- \"$cur\"))\n"
          "    done\n"
          "}\n\n"
          "_vanban_dirs() {\n"
          "    compopt -o filenames 2>/dev/null\n"
          "    COMPREPLY=($(compgen -d -- \"$cur\"))\n"
          "}\n\n"
          "# A comma-separated list: the items before the last comma stay as typed.\n"
          "_vanban_list() {\n"
          "    local prefix=\"\" last=$cur\n"
          "    if [[ $cur == *,* ]]; then\n"
          "        prefix=${cur%,*},\n"
          "        last=${cur##*,}\n"
          "    fi\n"
          "    compopt -o nospace 2>/dev/null\n"
          "    COMPREPLY=($(compgen -P \"$prefix\" -W \"$1\" -- \"$last\"))\n"
          "}\n\n"
          "_vanban() {\n"
          "    local cur=${COMP_WORDS[COMP_CWORD]} prev=${COMP_WORDS[COMP_CWORD-1]}\n"
          "    local cmd=\"\" i\n"
          "    for ((i = 1; i < COMP_CWORD; i++)); do\n"
          "        case ${COMP_WORDS[i]} in\n"
          "        --lang) ((i++)) ;;\n"
          "        -*) ;;\n"
          "        *) cmd=${COMP_WORDS[i]}; break ;;\n"
          "        esac\n"
          "    done\n"
          "    # --option=value: complete the value.\n"
          "    if [[ $cur == --*=* ]]; then\n"
          "        prev=${cur%%=*}\n"
          "        cur=${cur#*=}\n"
          "    fi\n"
          "    case $cmd in\n",
          out);
    for (size_t i = 0; i < count; i++) {
        const cli_command_doc *doc = &all[i];
        fprintf(out, "    %s)\n        case $prev in\n", doc->name ? doc->name : "\"\"");
        for (const cli_option_doc *o = doc->options; o->name; o++) {
            if (o->kind == CLI_VALUE_NONE)
                continue;
            fputs("        ", out);
            if (o->letter)
                fprintf(out, "-%c|", o->letter);
            fprintf(out, "--%s)\n            ", o->name);
            bash_value(out, o->kind, o->choices);
            fputs("\n            return ;;\n", out);
        }
        fputs("        esac\n", out);
        if (!doc->name) {
            fputs("        COMPREPLY=($(compgen -W \"", out);
            for (size_t k = 1; k < count; k++)
                fprintf(out, "%s ", all[k].name);
            bash_words(out, doc);
            fputs("\" -- \"$cur\"))\n        ;;\n", out);
            continue;
        }
        fputs("        if [[ $cur == -* ]]; then\n            COMPREPLY=($(compgen -W \"", out);
        bash_words(out, doc);
        fputs("\" -- \"$cur\"))\n            return\n        fi\n        ", out);
        if (doc->operand_kind == CLI_VALUE_NONE)
            fputs(":", out);
        else
            bash_value(out, doc->operand_kind, doc->operand_choices);
        fputs("\n        ;;\n", out);
    }
    fputs("    esac\n"
          "}\n\n"
          "complete -F _vanban vanban\n",
          out);
    return 0;
}

/* ---- zsh ------------------------------------------------------------------------------- */

/* A description for zsh: its first clause, without the characters _arguments gives a
 * meaning to. */
static void zsh_text(FILE *out, const char *s)
{
    size_t n = strcspn(s, ";(");
    while (n > 0 && s[n - 1] == ' ')
        n--;
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        if (c == '\'')
            fputs("'\\''", out);
        else if (c == '[' || c == ']' || c == ':' || c == '\\')
            fprintf(out, "\\%c", c);
        else
            fputc(c, out);
    }
}

static void zsh_action(FILE *out, cli_value_kind kind, const char *choices, const char *what)
{
    switch (kind) {
    case CLI_VALUE_FILE:
        if (choices && *choices) {
            fputs("_files -g \"*.(", out);
            for (const char *c = choices; *c; c++)
                fputc(*c == ' ' ? '|' : *c, out);
            fputs(")\"", out);
        } else {
            fputs("_files", out);
        }
        break;
    case CLI_VALUE_DIR:
        fputs("_files -/", out);
        break;
    case CLI_VALUE_CHOICE:
        fprintf(out, "(%s)", choices);
        break;
    case CLI_VALUE_LIST:
        fprintf(out, "_sequence compadd - %s", choices);
        break;
    default:
        (void)what;
        break;
    }
}

static void zsh_options(FILE *out, const cli_command_doc *doc, const char *indent)
{
    for (const cli_option_doc *o = doc->options; o->name; o++) {
        int takes = o->kind != CLI_VALUE_NONE;
        int exclusive = strcmp(o->name, "help") == 0 || strcmp(o->name, "version") == 0;
        fputs(indent, out);
        fputc('\'', out);
        if (exclusive)
            fputs("(- *)", out);
        else if (o->letter)
            fprintf(out, "(-%c --%s)", o->letter, o->name);
        /* '(-o --output)'{-o+,--output=}'[…]…' or '--pdf[…]' */
        if (o->letter)
            fprintf(out, "'{-%c%s,--%s%s}'", o->letter, takes ? "+" : "", o->name, takes ? "=" : "");
        else
            fprintf(out, "--%s%s", o->name, takes ? "=" : "");
        fputc('[', out);
        zsh_text(out, o->en);
        fputc(']', out);
        if (takes) {
            fprintf(out, ":%s:", o->arg ? o->arg : "value");
            zsh_action(out, o->kind, o->choices, o->arg);
        }
        fputs("' \\\n", out);
    }
}

static int zsh_completion(void)
{
    size_t count = 0;
    const cli_command_doc *all = cli_commands_all(&count);
    FILE *out = stdout;
    fputs("#compdef vanban\n# zsh completion for vanban; made by vanban-doc from gen/cli/commands.c.\n\n"
          "_vanban() {\n"
          "    local curcontext=$curcontext state line ret=1\n"
          "    local -a commands\n"
          "    commands=(\n",
          out);
    for (size_t i = 1; i < count; i++) {
        fprintf(out, "        '%s:", all[i].name);
        zsh_text(out, all[i].summary_en);
        fputs("'\n", out);
    }
    fputs("    )\n    _arguments -C \\\n", out);
    zsh_options(out, &all[0], "        ");
    fputs("        '1:command:->command' \\\n"
          "        '*::argument:->argument' && ret=0\n"
          "    case $state in\n"
          "    command)\n"
          "        _describe -t commands 'vanban command' commands && ret=0\n"
          "        ;;\n"
          "    argument)\n"
          "        case $words[1] in\n",
          out);
    for (size_t i = 1; i < count; i++) {
        const cli_command_doc *doc = &all[i];
        fprintf(out, "        %s)\n            _arguments \\\n", doc->name);
        zsh_options(out, doc, "                ");
        if (doc->operand_kind != CLI_VALUE_NONE) {
            fputs("                '*:file:", out);
            zsh_action(out, doc->operand_kind, doc->operand_choices, NULL);
            fputs("' \\\n", out);
        }
        fputs("                && ret=0\n            ;;\n", out);
    }
    fputs("        esac\n"
          "        ;;\n"
          "    esac\n"
          "    return ret\n"
          "}\n\n"
          "_vanban \"$@\"\n",
          out);
    return 0;
}

int main(int argc, char **argv)
{
    if (argc == 2 && strcmp(argv[1], "pages") == 0) {
        /* The man pages there are, one a line. */
        size_t count = 0;
        const cli_command_doc *all = cli_commands_all(&count);
        for (size_t i = 0; i < count; i++)
            printf("%s%s\n", all[i].name ? "vanban-" : "vanban", all[i].name ? all[i].name : "");
        return 0;
    }
    if (argc == 4 && strcmp(argv[1], "man") == 0)
        return man_page(argv[2], strcmp(argv[3], "vi") == 0 ? VB_LANG_VI : VB_LANG_EN);
    if (argc == 2 && strcmp(argv[1], "bash") == 0)
        return bash_completion();
    if (argc == 2 && strcmp(argv[1], "zsh") == 0)
        return zsh_completion();
    fputs("usage: vanban-doc man NAME en|vi | bash | zsh | pages\n", stderr);
    return 2;
}
