/* vanban: renders Vietnamese official documents (NĐ30 / HD36) from YAML. */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include <libxml/parser.h>

#include "cli.h"

#ifndef VB_VERSION
#define VB_VERSION "0.0.0"
#endif

static const char usage_main[] =
    "Usage: vanban COMMAND [OPTIONS] ...\n"
    "\n"
    "Renders Vietnamese official documents from YAML with the layout of\n"
    "Nghị định 30/2020/NĐ-CP (state) and Hướng dẫn 36-HD/VPTW (Party).\n"
    "\n"
    "Commands:\n"
    "  render FILE|DIR...     write FILE.docx (or .odt, .pdf, .txt) beside each YAML FILE\n"
    "  preview FILE...        write PNG images of the pages (FILE-1.png, ...)\n"
    "  check FILE|DIR...      check every required part and convention (CI-friendly)\n"
    "  normalize FILE...      fix the Vietnamese text in place: NFC, one tone-mark style,\n"
    "                         misplaced marks, safe typography; nothing else moves\n"
    "  rules                  the rules check applies, with the clause of NĐ30/HD36\n"
    "  types                  the document types (loai) and their abbreviations\n"
    "\n"
    "Options:\n"
    "  -h, --help             this help (vanban COMMAND --help for a command's)\n"
    "  -V, --version          the version\n"
    "\n"
    "Exit status: 0 done, 1 the input is wrong (nothing written), 2 wrong usage,\n"
    "3 an I/O or system error.\n"
    "The input format: docs/format.md.\n";

int main(int argc, char **argv)
{
    cli_guard_standard_streams();
    /* libxml2 and the time zone are set up once, before threads use them (render -j). */
    xmlInitParser();
    tzset();
    if (argc < 2) {
        fputs(usage_main, stderr);
        return EXIT_USAGE;
    }
    const char *cmd = argv[1];
    if (strcmp(cmd, "-h") == 0 || strcmp(cmd, "--help") == 0 || strcmp(cmd, "help") == 0) {
        fputs(usage_main, stdout);
        return 0;
    }
    if (strcmp(cmd, "-V") == 0 || strcmp(cmd, "--version") == 0) {
        printf("vanban %s\n", VB_VERSION);
        return 0;
    }
    if (strcmp(cmd, "render") == 0)
        return cmd_render(argc - 1, argv + 1, 0);
    if (strcmp(cmd, "preview") == 0)
        return cmd_render(argc - 1, argv + 1, 1);
    if (strcmp(cmd, "types") == 0)
        return cmd_types();
    if (strcmp(cmd, "check") == 0)
        return cmd_check(argc - 1, argv + 1);
    if (strcmp(cmd, "rules") == 0)
        return cmd_rules();
    if (strcmp(cmd, "normalize") == 0)
        return cmd_normalize(argc - 1, argv + 1);
    fprintf(stderr, "vanban: unknown command '%s'\n\n%s", cmd, usage_main);
    return EXIT_USAGE;
}
