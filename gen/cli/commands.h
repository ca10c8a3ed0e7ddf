/* The commands of vanban and their options, described once: `--help`, the man pages
 * (vanban.1, vanban-COMMAND.1, in English and Vietnamese) and the bash and zsh completions
 * are all made from this table (gen/cli/commands.c). A new command or option is added there;
 * tests/test_i18n.sh fails when an option in the code is missing from it. */
#ifndef VB_CLI_COMMANDS_H
#define VB_CLI_COMMANDS_H

#include <stddef.h>
#include <stdio.h>

#include "model/diag.h"

/* How a shell completes an option's value or a command's operands. */
typedef enum {
    CLI_VALUE_NONE,   /* the option takes no value */
    CLI_VALUE_TEXT,   /* anything (a number, a name) */
    CLI_VALUE_FILE,   /* a file; `choices` lists its extensions ("yaml yml"), or NULL for any */
    CLI_VALUE_DIR,    /* a directory */
    CLI_VALUE_CHOICE, /* one of `choices` */
    CLI_VALUE_LIST,   /* a comma-separated list of `choices` */
} cli_value_kind;

typedef struct {
    const char *name;      /* the long name, without "--" */
    char letter;           /* the short name, or 0 */
    const char *arg;       /* the value's name in the help ("FILE"), NULL without a value */
    cli_value_kind kind;
    const char *choices;   /* space-separated: the values, or the file extensions */
    const char *en, *vi;   /* what it does: one paragraph */
} cli_option_doc;

typedef struct {
    const char *name;          /* "render"; NULL for the program itself */
    const char *operands;      /* "FILE|DIR..." */
    cli_value_kind operand_kind;
    const char *operand_choices; /* file extensions of the operands ("yaml yml") */
    const char *summary_en, *summary_vi; /* one line: the command list, the man page's NAME */
    const char *about_en, *about_vi;     /* paragraphs, separated by "\n\n" */
    const cli_option_doc *options;       /* ends with a zero entry */
    const char *notes_en, *notes_vi;     /* exit status, environment: paragraphs, or NULL */
} cli_command_doc;

/* The program itself (index 0) and then each command, in the order of `vanban --help`. */
const cli_command_doc *cli_commands_all(size_t *count);
const cli_command_doc *cli_command_find(const char *name);

/* Prints the --help text of `doc` (the program's when doc->name is NULL) in `lang`,
 * wrapped at 80 columns of display width. */
void cli_print_help(const cli_command_doc *doc, vb_lang lang, FILE *out);

#endif
