/* Stage cli: the vanban program. Takes the command line; runs read → check → compose →
 * write → package for each input (cmd_render.c, cmd_check.c, cmd_normalize.c, cmd_info.c)
 * and prints the diagnostics; exit 0 done, 1 bad input, 2 usage, 3 I/O. */
/* What the commands of the vanban program share: reading an input (in its encoding),
 * collecting the inputs of a run (files, stdin, directories), options, and running the work
 * of many files on several threads. */
#ifndef VB_CLI_H
#define VB_CLI_H

#include <stddef.h>
#include <stdio.h>

#include "model/diag.h"
#include "viet/legacy.h"

enum { EXIT_INPUT = 1, EXIT_USAGE = 2, EXIT_IO = 3 };

/* One input file is one document; anything this large is not one. */
#define MAX_INPUT_BYTES (64u * 1024u * 1024u)

/* The encoding of the input files (--encoding); set while reading the options. */
extern vb_encoding cli_input_encoding;
int cli_parse_encoding(const char *value);
int cli_parse_lang(const char *value, vb_lang *out);
/* -j N: 1..64 threads. */
int cli_parse_jobs(const char *value, int *out);
int cli_default_jobs(void);

/* Reads `input` ("-": standard input) into memory, decoded to UTF-8 with --encoding. On
 * error prints the reason (to `messages`) and sets *status (EXIT_IO, or EXIT_INPUT for a file
 * over the size limit). Returns 0 or -1. */
int cli_read_input(const char *input, char **data, size_t *len, int *status, FILE *messages);

/* How messages name an input: "<stdin>" for "-", else the path as given. */
const char *cli_shown_name(const char *input);

/* The files of a run, each with the part of its path that an output tree mirrors. */
typedef struct {
    char *path;
    size_t mirror; /* offset of the mirrored part: the path under its directory argument,
                      or the file name for a file given by name */
} cli_input;

typedef struct {
    cli_input *items;
    size_t count, cap;
} cli_input_list;

/* Adds `arg`: "-", a file, or every *.yaml / *.yml under a directory (sorted, links not
 * followed). Returns 0, or -1 after printing why it cannot be read. */
int cli_collect_inputs(cli_input_list *list, const char *arg);
/* The same, directories giving their Word and OpenDocument files too (check). */
int cli_collect_inputs_office(cli_input_list *list, const char *arg);
void cli_inputs_free(cli_input_list *list);

/* Runs work(item) for `count` items of `item_size` bytes on `threads` threads (the calling
 * one included); returns when all are done. */
void cli_run_parallel(void *items, size_t count, size_t item_size, void (*work)(void *item), int threads);

/* 1 (after saying so on `msg`) when `output` ("-": standard output) is the same file as
 * one of `inputs` ("-": standard input; NULL entries skipped) — the same device and inode,
 * through links or other paths — so that writing it would destroy what is read. */
int cli_output_is_input(const char *output, const char *const *inputs, size_t count, FILE *msg);

/* Whether `output` is the file `input` is ("-": the standard streams), through any link or
 * path: the same device and inode of a regular file. Something that does not exist (yet) is
 * no input. */
int cli_same_file(const char *output, const char *input);

/* A command that takes FILE... and -o: -1 (after saying why) when no input is given, or -o
 * with more than one; else 0. */
int cli_check_input_count(const char *command, int inputs, int has_output);

/* The table files (tep:) a document reads, resolved; *files is freed by the caller, the
 * strings belong to the document. */
int cli_document_files(const vb_document *doc, const char ***files, size_t *count);

/* At start: fills the standard streams a caller closed with /dev/null opened so that any
 * use fails, and makes the exit status 3 when standard output or error could not be
 * written (a full disk, a closed stream, a broken pipe ignored). */
void cli_guard_standard_streams(void);

int cmd_render(int argc, char **argv, int is_preview);
int cmd_check(int argc, char **argv);
int cmd_normalize(int argc, char **argv);
int cmd_import(int argc, char **argv);
int cmd_rules(int argc, char **argv);
int cmd_types(int argc, char **argv);

/* getopt_long with the messages of this program, in its language: an unknown option (with
 * the nearest known one), a missing value, and where to read more ("vanban COMMAND
 * --help"). Returns what getopt_long does; '?' after printing the problem. */
struct option;
int cli_getopt(int argc, char **argv, const char *shortopts, const struct option *longopts,
               const char *command);

#endif
