/* vanban: renders Vietnamese official documents (NĐ30 / HD36) from YAML. */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include <libxml/parser.h>

#include "cli.h"
#include "commands.h"
#include "i18n.h"

#ifndef VB_VERSION
#define VB_VERSION "0.0.0"
#endif

static int run_render(int argc, char **argv)
{
    return cmd_render(argc, argv, 0);
}

static int run_preview(int argc, char **argv)
{
    return cmd_render(argc, argv, 1);
}

/* The commands and what runs them; what each says in --help, man and completion is in
 * commands.c, under the same name. */
static const struct {
    const char *name;
    int (*run)(int argc, char **argv);
} dispatch[] = {
    {"render", run_render},       {"preview", run_preview}, {"check", cmd_check},
    {"normalize", cmd_normalize}, {"rules", cmd_rules},     {"types", cmd_types},
    {"import", cmd_import},
};

static void unknown_command(const char *name)
{
    const char *names[sizeof dispatch / sizeof *dispatch];
    for (size_t i = 0; i < sizeof dispatch / sizeof *dispatch; i++)
        names[i] = dispatch[i].name;
    const char *near = cli_nearest(name, names, sizeof names / sizeof *names);
    if (near)
        cli_say(stderr, NULL, "unknown command '%s'; did you mean '%s'?", name, near);
    else
        cli_say(stderr, NULL, "unknown command '%s'", name);
    cli_say(stderr, NULL, "'vanban --help' lists the commands");
}

int main(int argc, char **argv)
{
    cli_guard_standard_streams();
    /* libxml2 and the time zone are set up once, before threads use them (render -j). */
    xmlInitParser();
    tzset();
    cli_lang_init(argc, argv);
    /* `vanban --lang vi COMMAND ...`: the language was taken above. */
    while (argc > 2 && (strcmp(argv[1], "--lang") == 0 || strncmp(argv[1], "--lang=", 7) == 0)) {
        int skip = strcmp(argv[1], "--lang") == 0 ? 2 : 1;
        argv[skip] = argv[0];
        argv += skip;
        argc -= skip;
    }
    size_t count = 0;
    const cli_command_doc *program = &cli_commands_all(&count)[0];
    if (argc < 2) {
        cli_print_help(program, cli_lang, stderr);
        return EXIT_USAGE;
    }
    const char *cmd = argv[1];
    if (strcmp(cmd, "-h") == 0 || strcmp(cmd, "--help") == 0 || strcmp(cmd, "help") == 0) {
        /* `vanban help render` is `vanban render --help`. */
        const cli_command_doc *doc = argc > 2 && strcmp(cmd, "help") == 0 ? cli_command_find(argv[2]) : NULL;
        if (argc > 2 && strcmp(cmd, "help") == 0 && !doc) {
            unknown_command(argv[2]);
            return EXIT_USAGE;
        }
        cli_print_help(doc ? doc : program, cli_lang, stdout);
        return 0;
    }
    if (strcmp(cmd, "-V") == 0 || strcmp(cmd, "--version") == 0) {
        printf("vanban %s\n", VB_VERSION);
        return 0;
    }
    for (size_t i = 0; i < sizeof dispatch / sizeof *dispatch; i++)
        if (strcmp(cmd, dispatch[i].name) == 0)
            return dispatch[i].run(argc - 1, argv + 1);
    unknown_command(cmd);
    return EXIT_USAGE;
}
