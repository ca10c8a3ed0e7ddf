/* vanban import: a document written as vanban's YAML, read from a Word or OpenDocument file
 * (through the DOCX/ODT reader) or from YAML (tidied into the canonical form). */
#define _XOPEN_SOURCE 700 /* realpath */
#include <ctype.h>
#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "layout/format.h"
#include "model/model.h"
#include "read/office/office_reader.h"
#include "read/yaml_reader.h"
#include "write/yaml/yaml_writer.h"
#include "cli.h"
#include "commands.h"
#include "i18n.h"

static int has_suffix(const char *path, const char *suffix)
{
    size_t n = strlen(path), m = strlen(suffix);
    if (n < m)
        return 0;
    for (size_t i = 0; i < m; i++)
        if (tolower((unsigned char)path[n - m + i]) != suffix[i])
            return 0;
    return 1;
}

/* "du-thao.docx" → "du-thao.yaml"; a YAML input's own name comes back (and is refused). */
static char *output_beside(const char *input)
{
    static const char *const known[] = {".yaml", ".yml", ".docx", ".docm", ".odt"};
    size_t n = strlen(input);
    const char *slash = strrchr(input, '/');
    for (size_t i = 0; i < sizeof known / sizeof *known; i++) {
        size_t m = strlen(known[i]);
        if (has_suffix(input, known[i]) && (!slash || (size_t)(slash - input) < n - m)) {
            n -= m;
            break;
        }
    }
    size_t size = n + sizeof ".yaml";
    char *out = vb_xmalloc(size);
    snprintf(out, size, "%.*s.yaml", (int)n, input);
    return out;
}

/* The real path of the directory holding `path` ("-": the current directory); NULL if it
 * cannot be found. */
static char *real_dir_of(const char *path)
{
    const char *slash = strcmp(path, "-") == 0 ? NULL : strrchr(path, '/');
    char *dir = slash ? vb_strdup(path) : vb_strdup(".");
    if (slash)
        dir[slash - path > 0 ? slash - path : 1] = '\0';
    char *real = realpath(dir, NULL);
    free(dir);
    return real;
}

/* `target` (a real path) relative to the directory `from` (a real path). */
static char *relative_path(const char *from, const char *target)
{
    size_t common = 0;
    for (size_t i = 0;; i++) {
        if ((from[i] == '\0' || from[i] == '/') && (target[i] == '/' || target[i] == '\0'))
            common = i;
        if (from[i] == '\0' || target[i] == '\0' || from[i] != target[i])
            break;
    }
    vb_buf b = {0};
    for (const char *p = from + common; *p; p++)
        if (*p == '/')
            vb_buf_add(&b, "../");
    const char *rest = target + common;
    vb_buf_add(&b, *rest == '/' ? rest + 1 : rest);
    return b.data ? b.data : vb_strdup(".");
}

/* A table's `tep` is relative to its YAML file: written elsewhere, it is made relative to
 * the new file's directory, so the rows are still found. */
static void rebase_table_files(vb_document *doc, const char *output)
{
    char *source_dir = real_dir_of(doc->source_name);
    char *output_dir = real_dir_of(output);
    int moved = source_dir && output_dir && strcmp(source_dir, output_dir) != 0;
    for (size_t a = 0; moved && a <= doc->appendix_count; a++) {
        const vb_node *root = a == 0 ? doc->body : doc->appendices[a - 1].body;
        for (const vb_node *n = root; n; n = vb_node_next_preorder(n, root)) {
            if (n->kind != VB_NODE_TABLE || !n->table->file.text || !n->table->file_path ||
                n->table->file.text[0] == '/')
                continue;
            char *real = realpath(n->table->file_path, NULL);
            if (!real)
                continue; /* not there: left as typed, and `render` will say so */
            free(n->table->file.text);
            n->table->file.text = relative_path(output_dir, real);
            free(real);
        }
    }
    free(source_dir);
    free(output_dir);
}

static vb_document *read_yaml(const char *input, vb_diagnostics *diags, int *status)
{
    const char *shown = cli_shown_name(input);
    char *data = NULL;
    size_t len = 0;
    if (cli_read_input(input, &data, &len, status, stderr) < 0)
        return NULL;
    vb_document *doc = vb_yaml_read(shown, data, len, diags);
    free(data);
    return doc;
}

static int import_one(const char *input, const char *output, vb_lang lang)
{
    int from_stdin = strcmp(input, "-") == 0;
    char *beside = output ? NULL : from_stdin ? vb_strdup("-") : output_beside(input);
    const char *dest = output ? output : beside;
    if (!from_stdin && strcmp(dest, "-") != 0 && cli_same_file(dest, input)) {
        cli_say(stderr, NULL, "%s: the output would overwrite the input; name another with -o", input);
        free(beside);
        return EXIT_USAGE;
    }
    vb_diagnostics diags;
    vb_diagnostics_init(&diags, lang);
    int status = 0;
    vb_document *doc = !from_stdin && vb_office_path_is_office(input)
                           ? vb_office_read(input, &diags)
                           : read_yaml(input, &diags, &status);
    vb_diagnostics_print(&diags, stderr);
    vb_diagnostics_free(&diags);
    if (!doc) {
        free(beside);
        return status ? status : EXIT_INPUT;
    }
    rebase_table_files(doc, dest);
    char err[1024];
    if (vb_yaml_write_file(doc, dest, err, sizeof err) < 0) {
        cli_say(stderr, NULL, "%s", err);
        status = EXIT_IO;
    }
    vb_document_free(doc);
    free(beside);
    return status;
}

int cmd_import(int argc, char **argv)
{
    enum { OPT_ENCODING = 256, OPT_LANG };
    static const struct option options[] = {
        {"output", required_argument, NULL, 'o'},
        {"encoding", required_argument, NULL, OPT_ENCODING},
        {"lang", required_argument, NULL, OPT_LANG},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    const char *output = NULL;
    vb_lang lang = cli_lang;
    int c;
    optind = 1;
    while ((c = cli_getopt(argc, argv, "o:h", options, "import")) != -1) {
        switch (c) {
        case 'o':
            output = optarg;
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
            cli_print_help(cli_command_find("import"), lang, stdout);
            return 0;
        default:
            return EXIT_USAGE;
        }
    }
    if (cli_check_input_count("import", argc - optind, output != NULL) < 0)
        return EXIT_USAGE;
    int status = 0;
    for (int i = optind; i < argc; i++) {
        int rc = import_one(argv[i], output, lang);
        status = rc > status ? rc : status;
    }
    return status;
}
