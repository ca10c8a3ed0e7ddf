/* An output must never be one of the files the run reads (see cli.h). */
#include "cli.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "i18n.h"
#include "model/model.h"

int cli_same_file(const char *output, const char *input)
{
    struct stat out, in;
    int have_out = strcmp(output, "-") == 0 ? fstat(STDOUT_FILENO, &out) : stat(output, &out);
    int have_in = strcmp(input, "-") == 0 ? fstat(STDIN_FILENO, &in) : stat(input, &in);
    /* Two ends of a pipe, or a terminal both read and written, are not one file to clobber. */
    return have_out == 0 && have_in == 0 && S_ISREG(out.st_mode) && out.st_dev == in.st_dev &&
           out.st_ino == in.st_ino;
}

int cli_output_is_input(const char *output, const char *const *inputs, size_t count, FILE *msg)
{
    for (size_t i = 0; i < count; i++) {
        if (!inputs[i] || !cli_same_file(output, inputs[i]))
            continue;
        const char *shown = strcmp(output, "-") == 0 ? "standard output" : output;
        const char *read = strcmp(inputs[i], "-") == 0 ? "standard input" : inputs[i];
        if (strcmp(shown, read) == 0)
            cli_say(msg, NULL, "%s is an input of this run: it would be overwritten; nothing written",
                    shown);
        else
            cli_say(msg, NULL, "%s is the same file as the input %s: it would be overwritten; "
                               "nothing written", shown, read);
        return 1;
    }
    return 0;
}

int cli_document_files(const vb_document *doc, const char ***files, size_t *count)
{
    size_t n = 0, cap = 0;
    const char **list = NULL;
    for (size_t a = 0; a <= doc->appendix_count; a++) {
        const vb_node *root = a == 0 ? doc->body : doc->appendices[a - 1].body;
        for (const vb_node *node = root; node; node = vb_node_next_preorder(node, root)) {
            if (node->kind != VB_NODE_TABLE || !node->table || !node->table->file_path)
                continue;
            if (n == cap) {
                cap = cap ? cap * 2 : 8;
                list = vb_xrealloc(list, cap * sizeof *list);
            }
            list[n++] = node->table->file_path;
        }
    }
    *files = list;
    *count = n;
    return 0;
}

int cli_check_input_count(const char *command, int inputs, int has_output)
{
    if (inputs == 0) {
        cli_say(stderr, command, "no input file");
        cli_say(stderr, command, "'vanban %s --help' lists the options", command);
        return -1;
    }
    if (has_output && inputs > 1) {
        cli_say(stderr, command, "-o takes one input file");
        return -1;
    }
    return 0;
}
