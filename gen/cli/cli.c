#define _XOPEN_SOURCE 700 /* nftw */
#include "cli.h"
#include "read/office/office_reader.h"

#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "i18n.h"
#include "model/model.h"
#include "tables/sniff.h"
#include "viet/text.h"

/* Reads all of `fd`. A regular file is read into a buffer of its size at once; a pipe
 * into one that grows. */
static int read_all(int fd, char **out, size_t *out_len)
{
    size_t cap = 65536, len = 0;
    struct stat st;
    if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode))
        cap = (uintmax_t)st.st_size >= MAX_INPUT_BYTES ? MAX_INPUT_BYTES
                                                      : (size_t)st.st_size + 1; /* + the read that finds the end */
    char *buf = vb_xmalloc(cap);
    for (;;) {
        if (len == cap) {
            if (cap >= MAX_INPUT_BYTES) {
                /* Over the limit: what was read says where it was passed. */
                *out = buf;
                *out_len = len;
                errno = EFBIG;
                return -1;
            }
            cap = cap * 2 < MAX_INPUT_BYTES ? cap * 2 : MAX_INPUT_BYTES;
            buf = vb_xrealloc(buf, cap);
        }
        ssize_t n = read(fd, buf + len, cap - len);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0) {
            int saved = errno;
            free(buf);
            errno = saved;
            return -1;
        }
        if (n == 0)
            break;
        len += (size_t)n;
    }
    *out = buf;
    *out_len = len;
    return 0;
}

vb_encoding cli_input_encoding = VB_ENC_UTF8;

/* Turns legacy-encoded bytes into UTF-8 in place of `*data`. */
static int decode_input(const char *shown, char **data, size_t *len, int *status, FILE *messages)
{
    if (cli_input_encoding == VB_ENC_UTF8)
        return 0;
    char err[256];
    char *utf8 = vb_legacy_decode(*data, *len, cli_input_encoding, 0, err, sizeof err);
    if (!utf8) {
        char *said = cli_localize(err);
        fprintf(messages, "vanban: %s: %s\n", shown, said);
        free(said);
        *status = EXIT_IO;
        return -1;
    }
    free(*data);
    *data = utf8;
    *len = strlen(utf8);
    return 0;
}

int cli_parse_encoding(const char *value)
{
    if (vb_encoding_parse(value, &cli_input_encoding) < 0) {
        cli_say(stderr, NULL, "--encoding takes utf-8, tcvn3, vni, viqr or cp1258, not '%s'", value);
        return -1;
    }
    return 0;
}

const char *cli_shown_name(const char *input)
{
    return strcmp(input, "-") == 0 ? "<stdin>" : input;
}

/* Reads one file into memory (decoded to UTF-8 with --encoding); on error prints it and
 * sets *status. */
int cli_read_input(const char *input, char **data, size_t *len, int *status, FILE *messages)
{
    int from_stdin = strcmp(input, "-") == 0;
    const char *shown = cli_shown_name(input);
    int fd = from_stdin ? STDIN_FILENO : open(input, O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        fprintf(messages, "vanban: %s: %s\n", input, cli_strerror(errno));
        *status = EXIT_IO;
        return -1;
    }
    *data = NULL;
    int rc = read_all(fd, data, len);
    int saved = errno;
    if (!from_stdin)
        close(fd);
    if (rc < 0 && saved == EFBIG) {
        /* The position of the first byte past the limit. */
        unsigned line = 1;
        size_t line_start = 0;
        for (size_t i = 0; i < *len; i++)
            if ((*data)[i] == '\n') {
                line++;
                line_start = i + 1;
            }
        vb_diagnostics diags;
        vb_diagnostics_init(&diags, vb_lang_from_environment());
        vb_pos pos = {shown, line, (unsigned)vb_utf8_count(*data + line_start, *len - line_start) + 1};
        vb_diag(&diags, VB_SEV_ERROR, pos, "INPUT-SIZE",
                "tệp lớn hơn 64 MiB, giới hạn của một văn bản (docs/limits.md); vượt quá ở đây",
                "the file is larger than 64 MiB, the limit of one document (docs/limits.md); it "
                "passes it here");
        vb_diagnostics_print(&diags, messages);
        vb_diagnostics_free(&diags);
        free(*data);
        *data = NULL;
        *status = EXIT_INPUT;
        return rc;
    }
    if (rc < 0) {
        fprintf(messages, "vanban: %s: %s\n", shown, cli_strerror(saved));
        *status = EXIT_IO;
        return rc;
    }
    vb_file_kind kind = vb_file_kind_of(*data, *len);
    if (kind != VB_FILE_TEXT) {
        /* A spreadsheet or a document where a YAML text is expected: say what it is. */
        if (vb_file_kind_is_spreadsheet(kind))
            cli_say(messages, NULL,
                    "%s: this is a spreadsheet (%s), not a YAML text; a table is read with "
                    "`bang: {tep: FILE}` in a document, or `vanban render --data FILE TEMPLATE`",
                    shown, vb_file_kind_name(kind));
        else
            cli_say(messages, NULL, "%s: this is a %s file, not a YAML text", shown,
                    vb_file_kind_name(kind));
        free(*data);
        *data = NULL;
        *status = EXIT_INPUT;
        return -1;
    }
    if (decode_input(shown, data, len, status, messages) < 0) {
        free(*data);
        *data = NULL;
        return -1;
    }
    return 0;
}

int cli_parse_lang(const char *v, vb_lang *out)
{
    if (strcmp(v, "vi") == 0)
        *out = VB_LANG_VI;
    else if (strcmp(v, "en") == 0)
        *out = VB_LANG_EN;
    else {
        cli_say(stderr, NULL, "--lang takes vi or en, not '%s'", v);
        return -1;
    }
    cli_lang_set(*out);
    return 0;
}

int cli_parse_jobs(const char *value, int *out)
{
    char *end = NULL;
    long v = strtol(value, &end, 10);
    if (!end || *end || v < 1 || v > 64) {
        cli_say(stderr, NULL, "-j takes a number of threads from 1 to 64, not '%s'", value);
        return -1;
    }
    *out = (int)v;
    return 0;
}

int cli_default_jobs(void)
{
    long cores = sysconf(_SC_NPROCESSORS_ONLN);
    return cores > 0 ? (int)(cores > 64 ? 64 : cores) : 1;
}

static void input_add(cli_input_list *l, const char *path, size_t mirror)
{
    if (l->count == l->cap) {
        l->cap = l->cap ? l->cap * 2 : 64;
        l->items = vb_xrealloc(l->items, l->cap * sizeof *l->items);
    }
    l->items[l->count].path = vb_strdup(path);
    l->items[l->count].mirror = mirror;
    l->count++;
}

static int is_yaml_name(const char *path)
{
    const char *dot = strrchr(path, '.');
    return dot && (strcmp(dot, ".yaml") == 0 || strcmp(dot, ".yml") == 0);
}

/* Word and OpenDocument drafts are walked too (read by gen/read/office); a .doc or .rtf is
 * taken only when named, as each costs a LibreOffice conversion. */
static int is_input_name(const char *path)
{
    const char *dot = strrchr(path, '.');
    int legacy = dot && (strcmp(dot, ".doc") == 0 || strcmp(dot, ".rtf") == 0);
    return is_yaml_name(path) || (vb_office_path_is_office(path) && !legacy);
}

/* nftw has no user pointer: the walk being made (one at a time, on the main thread). */
static cli_input_list *walk_target;
static size_t walk_mirror;
static int walk_office; /* .docx/.docm/.odt files are inputs too (check) */

static int on_walk(const char *path, const struct stat *st, int type, struct FTW *ftw)
{
    (void)st, (void)ftw;
    if (type == FTW_F && (walk_office ? is_input_name(path) : is_yaml_name(path)))
        input_add(walk_target, path, walk_mirror);
    else if (type == FTW_DNR || type == FTW_NS)
        cli_say(stderr, NULL, "%s: cannot be read", path);
    return 0;
}

static int compare_inputs(const void *a, const void *b)
{
    return strcmp(((const cli_input *)a)->path, ((const cli_input *)b)->path);
}

int cli_collect_inputs_office(cli_input_list *list, const char *arg)
{
    walk_office = 1;
    int rc = cli_collect_inputs(list, arg);
    walk_office = 0;
    return rc;
}

int cli_collect_inputs(cli_input_list *list, const char *arg)
{
    struct stat st;
    if (strcmp(arg, "-") == 0) {
        input_add(list, "-", 0);
        return 0;
    }
    if (stat(arg, &st) != 0) {
        fprintf(stderr, "vanban: %s: %s\n", arg, cli_strerror(errno));
        return -1;
    }
    if (!S_ISDIR(st.st_mode)) {
        const char *slash = strrchr(arg, '/');
        input_add(list, arg, slash ? (size_t)(slash - arg) + 1 : 0);
        return 0;
    }
    /* A directory is every YAML file under it, in a stable order. */
    cli_input_list found = {0};
    size_t len = strlen(arg);
    while (len > 1 && arg[len - 1] == '/')
        len--;
    walk_target = &found;
    walk_mirror = len + 1;
    int rc = 0;
    if (nftw(arg, on_walk, 32, FTW_PHYS) != 0) {
        fprintf(stderr, "vanban: %s: %s\n", arg, cli_strerror(errno));
        rc = -1;
    }
    qsort(found.items, found.count, sizeof *found.items, compare_inputs);
    for (size_t k = 0; k < found.count; k++) {
        input_add(list, found.items[k].path, found.items[k].mirror);
        free(found.items[k].path);
    }
    free(found.items);
    return rc;
}

void cli_inputs_free(cli_input_list *list)
{
    for (size_t i = 0; i < list->count; i++)
        free(list->items[i].path);
    free(list->items);
    list->items = NULL;
    list->count = list->cap = 0;
}

typedef struct {
    char *items;
    size_t count, item_size, next; /* next: guarded by lock */
    void (*work)(void *);
    pthread_mutex_t lock;
} work_queue;

static void *worker(void *arg)
{
    work_queue *q = arg;
    for (;;) {
        pthread_mutex_lock(&q->lock);
        size_t i = q->next++;
        pthread_mutex_unlock(&q->lock);
        if (i >= q->count)
            return NULL;
        q->work(q->items + i * q->item_size);
    }
}

void cli_run_parallel(void *items, size_t count, size_t item_size, void (*work)(void *item), int threads)
{
    work_queue q = {items, count, item_size, 0, work, PTHREAD_MUTEX_INITIALIZER};
    pthread_t ids[64];
    int started = 0;
    if (threads > 64)
        threads = 64;
    for (int t = 1; t < threads && (size_t)t < count; t++)
        if (pthread_create(&ids[started], NULL, worker, &q) == 0)
            started++;
    worker(&q); /* this thread works too */
    for (int t = 0; t < started; t++)
        pthread_join(ids[t], NULL);
    pthread_mutex_destroy(&q.lock);
}
