#define _XOPEN_SOURCE 700 /* nftw */
/* vanban: renders Vietnamese official documents (NĐ30 / HD36) from YAML. */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "diag.h"
#include "convert.h"
#include "docx/docx.h"
#include "odt/odt.h"
#include "txt/txt_writer.h"
#include "doctypes.h"
#include "layout.h"
#include "templates.h"
#include "atomic_file.h"
#include "normalize.h"
#include "report.h"
#include "text.h"
#include "viet/legacy.h"
#include "viet/spell.h"
#include "rules.h"
#include "validate.h"
#include "yaml_reader.h"

#include <ftw.h>
#include <pthread.h>
#include <sys/stat.h>

#ifndef VB_VERSION
#define VB_VERSION "0.0.0"
#endif

enum { EXIT_INPUT = 1, EXIT_USAGE = 2, EXIT_IO = 3 };

/* One input file is one document; anything this large is not one. */
#define MAX_INPUT_BYTES (64u * 1024u * 1024u)

static const char usage_main[] =
    "Usage: vanban COMMAND [OPTIONS] ...\n"
    "\n"
    "Renders Vietnamese official documents from YAML with the layout of\n"
    "Nghị định 30/2020/NĐ-CP (state) and Hướng dẫn 36-HD/VPTW (Party).\n"
    "\n"
    "Commands:\n"
    "  render FILE...   write FILE.docx (or .odt, .pdf) beside each YAML FILE\n"
    "  check FILE|DIR...  check that every required part is there (CI-friendly)\n"
    "  rules            list the rules check applies, with the clause of NĐ30/HD36\n"
    "  normalize FILE...  fix the Vietnamese text in place: NFC, one tone-mark style,\n"
    "                   misplaced marks, safe typography (nothing else in the file moves)\n"
    "  preview FILE...  write PNG images of the pages (FILE-1.png, ...) beside each FILE\n"
    "  types            list the document types (loai) and their abbreviations\n"
    "\n"
    "Options:\n"
    "  -h, --help       show this help (vanban render --help for the command's)\n"
    "  -V, --version    show the version\n"
    "\n"
    "Exit status: 0 done, 1 the input is wrong (nothing written), 2 wrong usage,\n"
    "3 an I/O or system error.\n"
    "The input format: docs/format.md.\n";

static const char usage_render[] =
    "Usage: vanban render [OPTIONS] FILE...\n"
    "\n"
    "Renders each YAML FILE to a DOCX beside it (plan.yaml -> plan.docx).\n"
    "FILE may be '-' to read standard input.\n"
    "\n"
    "Options:\n"
    "  -o, --output FILE   write to FILE ('-' for standard output); one input and one\n"
    "                      format only; the format follows FILE's extension\n"
    "  -f, --format LIST   docx, odt, pdf, txt (the text in reading order), or\n"
    "                      several: --format docx,odt\n"
    "      --pdf           also write a PDF (through LibreOffice, when installed)\n"
    "      --draft         allow a blank number and day (as trang_thai: du_thao does)\n"
    "      --encoding ENC  the input's encoding: utf-8 (default), tcvn3, vni, viqr, cp1258\n"
    "      --template DIR  read the static DOCX parts from DIR instead of the built-in ones\n"
    "      --lang vi|en    language of the messages (default: vi; en when LANG is C or en_*)\n"
    "  -h, --help          show this help\n"
    "\n"
    "VANBAN_SOFFICE names the LibreOffice program (default: soffice from PATH).\n"
    "SOURCE_DATE_EPOCH, when set, is the creation date written into the document\n"
    "properties; otherwise the document's own date is, so output is reproducible.\n";

static const char usage_preview[] =
    "Usage: vanban preview [OPTIONS] FILE...\n"
    "\n"
    "Writes PNG images of the rendered pages beside each YAML FILE (plan-1.png,\n"
    "plan-2.png, ...), through LibreOffice and pdftoppm, to look at a layout.\n"
    "\n"
    "Options:\n"
    "      --lang vi|en    language of the messages\n"
    "  -h, --help          show this help\n";

static int read_all(FILE *f, char **out, size_t *out_len)
{
    size_t cap = 65536, len = 0;
    char *buf = vb_xmalloc(cap);
    for (;;) {
        if (len == cap) {
            if (cap >= MAX_INPUT_BYTES) {
                free(buf);
                errno = EFBIG;
                return -1;
            }
            cap *= 2;
            buf = vb_xrealloc(buf, cap);
        }
        size_t n = fread(buf + len, 1, cap - len, f);
        len += n;
        if (n == 0) {
            if (ferror(f)) {
                free(buf);
                return -1;
            }
            break;
        }
    }
    *out = buf;
    *out_len = len;
    return 0;
}

enum { FMT_DOCX = 1, FMT_ODT = 2, FMT_PDF = 4, FMT_TXT = 8 };

static const struct {
    const char *name;
    unsigned flag;
} formats[] = {{"docx", FMT_DOCX}, {"odt", FMT_ODT}, {"pdf", FMT_PDF}, {"txt", FMT_TXT}};

/* "plan.yaml" → "plan.<ext>"; other names get ".<ext>" appended. */
static char *output_beside(const char *input, const char *ext)
{
    size_t n = strlen(input);
    const char *dot = strrchr(input, '.');
    const char *slash = strrchr(input, '/');
    if (dot && (!slash || dot > slash) && (strcmp(dot, ".yaml") == 0 || strcmp(dot, ".yml") == 0))
        n = (size_t)(dot - input);
    size_t size = n + strlen(ext) + 2;
    char *out = vb_xmalloc(size);
    snprintf(out, size, "%.*s.%s", (int)n, input, ext);
    return out;
}

static unsigned format_of_extension(const char *path)
{
    const char *dot = strrchr(path, '.');
    for (size_t i = 0; dot && i < sizeof formats / sizeof *formats; i++)
        if (strcmp(dot + 1, formats[i].name) == 0)
            return formats[i].flag;
    return 0;
}

static int parse_formats(const char *list, unsigned *out)
{
    char *copy = vb_strdup(list), *save = NULL;
    int ok = 1;
    for (char *item = strtok_r(copy, ",", &save); item; item = strtok_r(NULL, ",", &save)) {
        unsigned flag = 0;
        for (size_t i = 0; i < sizeof formats / sizeof *formats; i++)
            if (strcmp(item, formats[i].name) == 0)
                flag = formats[i].flag;
        if (!flag) {
            fprintf(stderr, "vanban: unknown format '%s' (docx, odt, pdf, txt)\n", item);
            ok = 0;
        }
        *out |= flag;
    }
    free(copy);
    return ok ? 0 : -1;
}

static long long source_date_epoch(void)
{
    const char *s = getenv("SOURCE_DATE_EPOCH");
    if (!s || !*s)
        return -1;
    char *end = NULL;
    long long v = strtoll(s, &end, 10);
    if (!end || *end || v < 0)
        return -1;
    return v;
}

typedef struct {
    const char *output;
    const char *template_dir;
    vb_lang lang;
    unsigned formats;
    int preview;
    int draft;
    vb_template_store *docx_templates;
    vb_template_store *odt_templates;
} render_options;

#define PDF_TIMEOUT_SECONDS 180

static vb_encoding input_encoding = VB_ENC_UTF8;

/* Turns legacy-encoded bytes into UTF-8 in place of `*data`. */
static int decode_input(const char *shown, char **data, size_t *len, int *status)
{
    if (input_encoding == VB_ENC_UTF8)
        return 0;
    char err[256];
    char *utf8 = vb_legacy_decode(*data, *len, input_encoding, 0, err, sizeof err);
    if (!utf8) {
        fprintf(stderr, "vanban: %s: %s\n", shown, err);
        *status = EXIT_IO;
        return -1;
    }
    free(*data);
    *data = utf8;
    *len = strlen(utf8);
    return 0;
}

static int parse_encoding_option(const char *value)
{
    if (vb_encoding_parse(value, &input_encoding) < 0) {
        fprintf(stderr, "vanban: --encoding takes utf-8, tcvn3, vni, viqr or cp1258, not '%s'\n", value);
        return -1;
    }
    return 0;
}

/* Reads one file into memory (decoded to UTF-8 with --encoding); on error prints it and
 * sets *status. */
static int read_input(const char *input, char **data, size_t *len, int *status)
{
    FILE *f = strcmp(input, "-") == 0 ? stdin : fopen(input, "rb");
    const char *shown = strcmp(input, "-") == 0 ? "<stdin>" : input;
    if (!f) {
        fprintf(stderr, "vanban: %s: %s\n", input, strerror(errno));
        *status = EXIT_IO;
        return -1;
    }
    int rc = read_all(f, data, len);
    int saved = errno;
    if (f != stdin)
        fclose(f);
    if (rc < 0) {
        fprintf(stderr, "vanban: %s: %s\n", shown,
                saved == EFBIG ? "the file is larger than 64 MiB" : strerror(saved));
        *status = saved == EFBIG ? EXIT_INPUT : EXIT_IO;
        return rc;
    }
    if (decode_input(shown, data, len, status) < 0) {
        free(*data);
        *data = NULL;
        return -1;
    }
    return 0;
}

/* Reads, loads and validates one input, printing the diagnostics. Returns the document,
 * or NULL with *status set when it cannot be used. */
static vb_document *load(const char *input, const render_options *opt, int *status)
{
    const char *shown = strcmp(input, "-") == 0 ? "<stdin>" : input;
    char *data = NULL;
    size_t len = 0;
    if (read_input(input, &data, &len, status) < 0)
        return NULL;
    vb_diagnostics diags;
    vb_diagnostics_init(&diags, opt->lang);
    vb_document *doc = vb_yaml_read(shown, data, len, &diags);
    free(data);
    if (doc) {
        /* The same checks as `vanban check`: nothing is written when one fails. */
        vb_validate_options vopt = {opt->draft};
        vb_validate(doc, &vopt, &diags);
        if (diags.error_count) {
            vb_document_free(doc);
            doc = NULL;
        }
    }
    vb_diagnostics_print(&diags, stderr);
    vb_diagnostics_free(&diags);
    if (!doc)
        *status = EXIT_INPUT;
    return doc;
}

static int write_format(const vb_document *doc, unsigned format, const char *path,
                        const render_options *opt)
{
    char err[1024];
    const vb_layout *layout = vb_layout_for(doc->format);
    long long epoch = source_date_epoch();
    int rc;
    if (format == FMT_DOCX) {
        rc = vb_docx_write(doc, layout, opt->docx_templates, epoch, path, err, sizeof err);
    } else if (format == FMT_ODT) {
        rc = vb_odt_write(doc, layout, opt->odt_templates, epoch, path, err, sizeof err);
    } else if (format == FMT_TXT) {
        rc = vb_txt_write(doc, layout, path, err, sizeof err);
    } else {
        /* PDF: LibreOffice renders its own format, ODT, written to a temporary file. */
        char tmpl[] = "/tmp/vanban-XXXXXX";
        const char *tmpdir = getenv("TMPDIR");
        char *dir = NULL;
        if (tmpdir && *tmpdir) {
            size_t n = strlen(tmpdir) + 16;
            dir = vb_xmalloc(n);
            snprintf(dir, n, "%s/vanban-XXXXXX", tmpdir);
        } else {
            dir = vb_strdup(tmpl);
        }
        if (!mkdtemp(dir)) {
            fprintf(stderr, "vanban: %s: %s\n", dir, strerror(errno));
            free(dir);
            return EXIT_IO;
        }
        size_t n = strlen(dir) + 16;
        char *odt = vb_xmalloc(n);
        snprintf(odt, n, "%s/document.odt", dir);
        rc = vb_odt_write(doc, layout, opt->odt_templates, epoch, odt, err, sizeof err);
        if (rc == 0)
            rc = vb_convert_to_pdf(odt, path, PDF_TIMEOUT_SECONDS, err, sizeof err);
        unlink(odt);
        rmdir(dir);
        free(odt);
        free(dir);
    }
    if (rc < 0) {
        fprintf(stderr, "vanban: %s\n", err);
        return EXIT_IO;
    }
    return 0;
}

static int preview(const vb_document *doc, const char *input, const render_options *opt)
{
    const char *base = strcmp(input, "-") == 0 ? "vanban-preview.yaml" : input;
    char *pdf = output_beside(base, "preview.pdf");
    int status = write_format(doc, FMT_PDF, pdf, opt);
    if (status == 0) {
        char err[1024];
        char *prefix = output_beside(base, "");
        prefix[strlen(prefix) - 1] = '\0'; /* "plan." → "plan" */
        if (vb_pdf_to_png(pdf, prefix, 96, PDF_TIMEOUT_SECONDS, err, sizeof err) < 0) {
            fprintf(stderr, "vanban: %s\n", err);
            status = EXIT_IO;
        } else {
            fprintf(stderr, "vanban: wrote %s-1.png, ...\n", prefix);
        }
        free(prefix);
    }
    unlink(pdf);
    free(pdf);
    return status;
}

static int render_one(const char *input, const render_options *opt)
{
    int status = 0;
    vb_document *doc = load(input, opt, &status);
    if (!doc)
        return status;
    if (opt->preview) {
        status = preview(doc, input, opt);
        vb_document_free(doc);
        return status;
    }
    for (size_t i = 0; i < sizeof formats / sizeof *formats && status == 0; i++) {
        if (!(opt->formats & formats[i].flag))
            continue;
        const char *shown_input = strcmp(input, "-") == 0 ? NULL : input;
        char *output = opt->output      ? vb_strdup(opt->output)
                       : !shown_input   ? vb_strdup("-")
                                        : output_beside(input, formats[i].name);
        if (strcmp(output, "-") == 0 && isatty(STDOUT_FILENO) && formats[i].flag != FMT_TXT) {
            fprintf(stderr, "vanban: refusing to write a %s to a terminal; use -o FILE\n",
                    formats[i].name);
            status = EXIT_USAGE;
        } else {
            status = write_format(doc, formats[i].flag, output, opt);
        }
        free(output);
    }
    vb_document_free(doc);
    return status;
}

static int parse_lang_option(const char *v, vb_lang *out)
{
    if (strcmp(v, "vi") == 0)
        *out = VB_LANG_VI;
    else if (strcmp(v, "en") == 0)
        *out = VB_LANG_EN;
    else {
        fprintf(stderr, "vanban: --lang takes vi or en, not '%s'\n", v);
        return -1;
    }
    return 0;
}

static int cmd_render(int argc, char **argv, int is_preview)
{
    enum { OPT_TEMPLATE = 256, OPT_LANG, OPT_PDF, OPT_DRAFT, OPT_ENCODING };
    static const struct option options[] = {
        {"draft", no_argument, NULL, OPT_DRAFT},
        {"encoding", required_argument, NULL, OPT_ENCODING},
        {"output", required_argument, NULL, 'o'},
        {"format", required_argument, NULL, 'f'},
        {"pdf", no_argument, NULL, OPT_PDF},
        {"template", required_argument, NULL, OPT_TEMPLATE},
        {"lang", required_argument, NULL, OPT_LANG},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    render_options opt = {NULL, NULL, vb_lang_from_environment(), 0, is_preview, 0, NULL, NULL};
    int c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "o:f:h", options, NULL)) != -1) {
        switch (c) {
        case 'o':
            opt.output = optarg;
            break;
        case 'f':
            if (parse_formats(optarg, &opt.formats) < 0)
                return EXIT_USAGE;
            break;
        case OPT_PDF:
            opt.formats |= FMT_PDF;
            break;
        case OPT_DRAFT:
            opt.draft = 1;
            break;
        case OPT_ENCODING:
            if (parse_encoding_option(optarg) < 0)
                return EXIT_USAGE;
            break;
        case OPT_TEMPLATE:
            opt.template_dir = optarg;
            break;
        case OPT_LANG:
            if (parse_lang_option(optarg, &opt.lang) < 0)
                return EXIT_USAGE;
            break;
        case 'h':
            fputs(is_preview ? usage_preview : usage_render, stdout);
            return 0;
        default:
            fputs(is_preview ? usage_preview : usage_render, stderr);
            return EXIT_USAGE;
        }
    }
    const char *usage = is_preview ? usage_preview : usage_render;
    int inputs = argc - optind;
    if (inputs == 0) {
        fprintf(stderr, "vanban: no input file\n\n%s", usage);
        return EXIT_USAGE;
    }
    if (opt.output && is_preview) {
        fprintf(stderr, "vanban preview: the images are written beside the input; -o does not apply\n");
        return EXIT_USAGE;
    }
    if (opt.output && inputs > 1) {
        fprintf(stderr, "vanban render: -o takes one input file, not %d\n", inputs);
        return EXIT_USAGE;
    }
    if (opt.output && strcmp(opt.output, "-") != 0) {
        unsigned by_name = format_of_extension(opt.output);
        if (!opt.formats)
            opt.formats = by_name ? by_name : FMT_DOCX;
    }
    if (!opt.formats)
        opt.formats = FMT_DOCX;
    if (opt.output && (opt.formats & (opt.formats - 1))) {
        fprintf(stderr, "vanban render: -o takes one format; several formats are written beside the input\n");
        return EXIT_USAGE;
    }
    char err[1024];
    opt.docx_templates = vb_template_store_load("docx", opt.template_dir, err, sizeof err);
    if (opt.docx_templates)
        opt.odt_templates = vb_template_store_load("odt", NULL, err, sizeof err);
    if (!opt.docx_templates || !opt.odt_templates) {
        fprintf(stderr, "vanban: %s\n", err);
        vb_template_store_free(opt.docx_templates);
        return EXIT_IO;
    }
    int status = 0;
    for (int i = optind; i < argc; i++) {
        int rc = render_one(argv[i], &opt);
        /* The worst outcome decides the exit status; I/O errors outrank input errors. */
        if (rc > status)
            status = rc;
    }
    vb_template_store_free(opt.docx_templates);
    vb_template_store_free(opt.odt_templates);
    return status;
}

static const char usage_check[] =
    "Usage: vanban check [OPTIONS] FILE|DIR...\n"
    "\n"
    "Checks YAML documents (directories recursively: *.yaml, *.yml) for every part their\n"
    "type requires and for the conventions of their format, and prints one line per\n"
    "problem: FILE:LINE:COL: error|warning: message [RULE].\n"
    "\n"
    "Options:\n"
    "      --format text|json|sarif  how to report (SARIF 2.1.0 for code-review tools)\n"
    "      --strict        warnings fail the run too\n"
    "  -j, --jobs N        check N files at a time (default: the number of cores)\n"
    "      --draft         allow a blank number and day (as trang_thai: du_thao does)\n"
    "      --encoding ENC  the files' encoding: utf-8 (default), tcvn3, vni, viqr, cp1258\n"
    "      --spell         also report syllables the Vietnamese dictionary does not know\n"
    "                      (needs Debian's hunspell-vi)\n"
    "      --lang vi|en    language of the messages\n"
    "  -h, --help          show this help\n"
    "\n"
    "Exit status: 0 no errors, 1 errors found (or warnings with --strict), 2 wrong usage,\n"
    "3 a file or directory could not be read.\n";

typedef struct {
    char **paths;
    size_t count, cap;
} path_list;

static path_list *walk_target;

static int is_yaml_name(const char *path)
{
    const char *dot = strrchr(path, '.');
    return dot && (strcmp(dot, ".yaml") == 0 || strcmp(dot, ".yml") == 0);
}

static void path_add(path_list *l, const char *path)
{
    if (l->count == l->cap) {
        l->cap = l->cap ? l->cap * 2 : 64;
        l->paths = vb_xrealloc(l->paths, l->cap * sizeof *l->paths);
    }
    l->paths[l->count++] = vb_strdup(path);
}

static int on_walk(const char *path, const struct stat *st, int type, struct FTW *ftw)
{
    (void)st, (void)ftw;
    if (type == FTW_F && is_yaml_name(path))
        path_add(walk_target, path);
    else if (type == FTW_DNR || type == FTW_NS)
        fprintf(stderr, "vanban: %s: cannot be read\n", path);
    return 0;
}

static int compare_paths(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* One file of `vanban check`, checked by any thread. */
typedef struct {
    const char *path;
    vb_lang lang;
    const vb_validate_options *validate;
    vb_speller *speller;
    vb_diagnostics diags;
    int status; /* 0, or EXIT_IO / EXIT_INPUT when the file could not be read */
} check_job;

#define CHECK_CHUNK 256

static void check_one(check_job *job)
{
    char *data = NULL;
    size_t len = 0;
    const char *shown = strcmp(job->path, "-") == 0 ? "<stdin>" : job->path;
    vb_diagnostics_init(&job->diags, job->lang);
    if (read_input(job->path, &data, &len, &job->status) < 0)
        return;
    /* The text checks below report tone marks; the model keeps them as typed. */
    vb_document *doc = vb_yaml_read_with(shown, data, len, &job->diags, 0);
    if (doc) {
        vb_validate(doc, job->validate, &job->diags);
        /* The text checks of `vanban normalize --check`, as warnings. */
        vb_normalize_options nopt = {VB_TONE_TRADITIONAL, 0, 1, job->speller, 1};
        size_t ignored = 0;
        free(vb_normalize_yaml(shown, data, len, &nopt, &job->diags, &ignored));
    }
    free(data);
    vb_document_free(doc);
}

typedef struct {
    check_job *jobs;
    size_t count;
    size_t next; /* guarded by lock */
    pthread_mutex_t lock;
} job_queue;

static void *check_worker(void *arg)
{
    job_queue *q = arg;
    for (;;) {
        pthread_mutex_lock(&q->lock);
        size_t i = q->next++;
        pthread_mutex_unlock(&q->lock);
        if (i >= q->count)
            return NULL;
        check_one(&q->jobs[i]);
    }
}

static void run_check_jobs(check_job *jobs, size_t count, int threads)
{
    job_queue q = {jobs, count, 0, PTHREAD_MUTEX_INITIALIZER};
    pthread_t ids[64];
    int started = 0;
    if (threads > 64)
        threads = 64;
    for (int t = 1; t < threads && (size_t)t < count; t++)
        if (pthread_create(&ids[started], NULL, check_worker, &q) == 0)
            started++;
    check_worker(&q); /* this thread works too */
    for (int t = 0; t < started; t++)
        pthread_join(ids[t], NULL);
    pthread_mutex_destroy(&q.lock);
}

static int cmd_check(int argc, char **argv)
{
    enum { OPT_FORMAT = 256, OPT_STRICT, OPT_DRAFT, OPT_LANG, OPT_ENCODING, OPT_SPELL };
    static const struct option options[] = {
        {"jobs", required_argument, NULL, 'j'},
        {"spell", no_argument, NULL, OPT_SPELL},
        {"encoding", required_argument, NULL, OPT_ENCODING},
        {"format", required_argument, NULL, OPT_FORMAT},
        {"strict", no_argument, NULL, OPT_STRICT},
        {"draft", no_argument, NULL, OPT_DRAFT},
        {"lang", required_argument, NULL, OPT_LANG},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    vb_report_format format = VB_REPORT_TEXT;
    int strict = 0;
    vb_validate_options vopt = {0};
    vb_lang lang = vb_lang_from_environment();
    int spell = 0;
    long cores = sysconf(_SC_NPROCESSORS_ONLN);
    int jobs = cores > 0 ? (int)cores : 1;
    int c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "hj:", options, NULL)) != -1) {
        switch (c) {
        case 'j': {
            char *end = NULL;
            long v = strtol(optarg, &end, 10);
            if (!end || *end || v < 1 || v > 64) {
                fprintf(stderr, "vanban check: -j takes a number of threads from 1 to 64, not '%s'\n", optarg);
                return EXIT_USAGE;
            }
            jobs = (int)v;
            break;
        }
        case OPT_SPELL:
            spell = 1;
            break;
        case OPT_FORMAT:
            if (strcmp(optarg, "text") == 0)
                format = VB_REPORT_TEXT;
            else if (strcmp(optarg, "json") == 0)
                format = VB_REPORT_JSON;
            else if (strcmp(optarg, "sarif") == 0)
                format = VB_REPORT_SARIF;
            else {
                fprintf(stderr, "vanban check: --format takes text, json or sarif, not '%s'\n", optarg);
                return EXIT_USAGE;
            }
            break;
        case OPT_STRICT:
            strict = 1;
            break;
        case OPT_DRAFT:
            vopt.draft = 1;
            break;
        case OPT_ENCODING:
            if (parse_encoding_option(optarg) < 0)
                return EXIT_USAGE;
            break;
        case OPT_LANG:
            if (parse_lang_option(optarg, &lang) < 0)
                return EXIT_USAGE;
            break;
        case 'h':
            fputs(usage_check, stdout);
            return 0;
        default:
            fputs(usage_check, stderr);
            return EXIT_USAGE;
        }
    }
    if (optind == argc) {
        fprintf(stderr, "vanban check: no file or directory\n\n%s", usage_check);
        return EXIT_USAGE;
    }
    vb_speller *speller = NULL;
    if (spell) {
        char err[512];
        speller = vb_speller_open(err, sizeof err);
        if (!speller) {
            fprintf(stderr, "vanban check: --spell: %s\n", err);
            return EXIT_USAGE;
        }
    }
    int io_error = 0;
    path_list files = {0};
    for (int i = optind; i < argc; i++) {
        struct stat st;
        if (strcmp(argv[i], "-") == 0) {
            path_add(&files, "-");
        } else if (stat(argv[i], &st) != 0) {
            fprintf(stderr, "vanban: %s: %s\n", argv[i], strerror(errno));
            io_error = 1;
        } else if (S_ISDIR(st.st_mode)) {
            /* A directory is every YAML file under it, in a stable order. */
            path_list found = {0};
            walk_target = &found;
            if (nftw(argv[i], on_walk, 32, FTW_PHYS) != 0) {
                fprintf(stderr, "vanban: %s: %s\n", argv[i], strerror(errno));
                io_error = 1;
            }
            qsort(found.paths, found.count, sizeof *found.paths, compare_paths);
            for (size_t k = 0; k < found.count; k++) {
                path_add(&files, found.paths[k]);
                free(found.paths[k]);
            }
            free(found.paths);
        } else {
            path_add(&files, argv[i]);
        }
    }

    vb_report *report = vb_report_new(format, lang, stdout);
    size_t errors = 0, warnings = 0, checked = 0;
    /* Files are checked by `jobs` threads a chunk at a time; the results are reported in
     * file order, so the output is the same whatever the number of threads. */
    check_job *chunk = vb_xcalloc(CHECK_CHUNK, sizeof *chunk);
    for (size_t first = 0; first < files.count; first += CHECK_CHUNK) {
        size_t n = files.count - first < CHECK_CHUNK ? files.count - first : CHECK_CHUNK;
        for (size_t k = 0; k < n; k++) {
            memset(&chunk[k], 0, sizeof chunk[k]);
            chunk[k].path = files.paths[first + k];
            chunk[k].lang = lang;
            chunk[k].validate = &vopt;
            chunk[k].speller = speller;
        }
        run_check_jobs(chunk, n, speller ? 1 : jobs);
        for (size_t k = 0; k < n; k++) {
            check_job *job = &chunk[k];
            if (job->status == EXIT_IO) {
                io_error = 1;
            } else if (job->status) {
                errors++;
            } else {
                for (size_t d = 0; d < job->diags.count; d++)
                    warnings += job->diags.items[d].severity == VB_SEV_WARNING;
                errors += job->diags.error_count;
                checked++;
                vb_report_add(report, &job->diags);
            }
            vb_diagnostics_free(&job->diags);
            free(files.paths[first + k]);
        }
    }
    free(chunk);
    free(files.paths);
    vb_speller_close(speller);
    vb_report_finish(report, checked, errors, warnings);
    if (errors || (strict && warnings))
        return EXIT_INPUT;
    return io_error ? EXIT_IO : 0;
}

static const char usage_normalize[] =
    "Usage: vanban normalize [OPTIONS] FILE...\n"
    "\n"
    "Fixes the Vietnamese text of YAML documents in place, atomically: Unicode NFC, one\n"
    "tone-mark style (the document's dau_thanh, traditional by default), misplaced marks\n"
    "(\"NGHIÃ\" -> \"NGHĨA\"), safe typography (spaces, quotes, \"...\"). Only the\n"
    "characters that change are touched: comments, keys, order and indentation stay\n"
    "byte-identical. What cannot be fixed safely is reported with its position.\n"
    "\n"
    "Options:\n"
    "      --check             change nothing; exit 1 if anything would change\n"
    "  -o, --output FILE       write to FILE ('-' for standard output); one input only\n"
    "      --dau-thanh STYLE   cu (hòa, thủy), moi (hoà, thuỷ) or giu_nguyen (keep)\n"
    "      --no-typography     leave spaces, quotes and punctuation alone\n"
    "      --encoding ENC      convert from tcvn3, vni, viqr or cp1258 to UTF-8 first\n"
    "      --lang vi|en        language of the messages\n"
    "  -h, --help              show this help\n";

static int cmd_normalize(int argc, char **argv)
{
    enum { OPT_CHECK = 256, OPT_TONE, OPT_NO_TYPO, OPT_ENCODING, OPT_LANG };
    static const struct option options[] = {
        {"check", no_argument, NULL, OPT_CHECK},
        {"output", required_argument, NULL, 'o'},
        {"dau-thanh", required_argument, NULL, OPT_TONE},
        {"no-typography", no_argument, NULL, OPT_NO_TYPO},
        {"encoding", required_argument, NULL, OPT_ENCODING},
        {"lang", required_argument, NULL, OPT_LANG},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    vb_normalize_options nopt = {VB_TONE_TRADITIONAL, 0, 1, NULL, 0};
    int check_only = 0;
    const char *output = NULL;
    vb_lang lang = vb_lang_from_environment();
    int c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "o:h", options, NULL)) != -1) {
        switch (c) {
        case OPT_CHECK:
            check_only = 1;
            break;
        case 'o':
            output = optarg;
            break;
        case OPT_TONE:
            if (vb_tone_style_parse(optarg, &nopt.tone) < 0) {
                fprintf(stderr, "vanban: --dau-thanh takes cu, moi or giu_nguyen, not '%s'\n", optarg);
                return EXIT_USAGE;
            }
            nopt.tone_given = 1;
            break;
        case OPT_NO_TYPO:
            nopt.typography = 0;
            break;
        case OPT_ENCODING:
            if (parse_encoding_option(optarg) < 0)
                return EXIT_USAGE;
            break;
        case OPT_LANG:
            if (parse_lang_option(optarg, &lang) < 0)
                return EXIT_USAGE;
            break;
        case 'h':
            fputs(usage_normalize, stdout);
            return 0;
        default:
            fputs(usage_normalize, stderr);
            return EXIT_USAGE;
        }
    }
    if (optind == argc) {
        fprintf(stderr, "vanban normalize: no input file\n\n%s", usage_normalize);
        return EXIT_USAGE;
    }
    if (output && argc - optind > 1) {
        fprintf(stderr, "vanban normalize: -o takes one input file\n");
        return EXIT_USAGE;
    }
    int status = 0;
    for (int i = optind; i < argc; i++) {
        const char *input = argv[i];
        const char *shown = strcmp(input, "-") == 0 ? "<stdin>" : input;
        char *data = NULL;
        size_t len = 0;
        int rc = 0;
        if (read_input(input, &data, &len, &rc) < 0) {
            status = rc > status ? rc : status;
            continue;
        }
        int converted = input_encoding != VB_ENC_UTF8;
        vb_diagnostics diags;
        vb_diagnostics_init(&diags, lang);
        diags.limit = 0;
        long bad = vb_utf8_invalid_offset(data, len);
        char *result = NULL;
        size_t out_len = 0;
        if (bad >= 0) {
            vb_document_free(vb_yaml_read(shown, data, len, &diags)); /* the positioned error */
        } else {
            result = vb_normalize_yaml(shown, data, len, &nopt, &diags, &out_len);
            if (!result)
                vb_document_free(vb_yaml_read(shown, data, len, &diags)); /* why it does not parse */
        }
        vb_diagnostics_print(&diags, stderr);
        int failed = diags.error_count > 0 || !result;
        vb_diagnostics_free(&diags);
        if (failed) {
            status = status > EXIT_INPUT ? status : EXIT_INPUT;
        } else {
            int changed = converted || out_len != len || memcmp(result, data, len) != 0;
            const char *dest = output ? output : input;
            if (check_only) {
                if (changed) {
                    fprintf(stderr, lang == VB_LANG_EN ? "%s: would change\n" : "%s: cần chuẩn hóa\n", shown);
                    status = status > EXIT_INPUT ? status : EXIT_INPUT;
                }
            } else if (changed || output) {
                char err[1024];
                if (strcmp(dest, "-") == 0 && strcmp(input, "-") == 0 && !output)
                    dest = "-";
                if (vb_write_file_atomic(dest, result, out_len, err, sizeof err) < 0) {
                    fprintf(stderr, "vanban: %s\n", err);
                    status = EXIT_IO;
                }
            }
        }
        free(result);
        free(data);
    }
    return status;
}

static int cmd_rules(void)
{
    size_t count = 0;
    const vb_rule *rules = vb_rules_all(&count);
    vb_lang lang = vb_lang_from_environment();
    for (size_t i = 0; i < count; i++)
        printf("%-28s %-8s %s\n%29s%s\n", rules[i].id, rules[i].severity == VB_SEV_ERROR ? "error" : "warning",
               lang == VB_LANG_EN ? rules[i].en : rules[i].vi, "", rules[i].clause);
    return 0;
}

static int cmd_types(void)
{
    size_t count = 0;
    const vb_doctype *types = vb_doctypes_all(&count);
    printf("%-6s %-18s %s\n", "loai", "tên loại", "the_thuc");
    for (size_t i = 0; i < count; i++) {
        const char *formats = types[i].formats == (VB_TYPE_STATE | VB_TYPE_PARTY) ? "nha_nuoc, dang"
                              : types[i].formats == VB_TYPE_STATE                  ? "nha_nuoc"
                                                                                   : "dang";
        printf("%-6s %-18s %s%s\n", types[i].code, types[i].name, formats,
               types[i].has_type_name ? "" : " (không có tên loại: trích yếu V/v)");
    }
    return 0;
}

int main(int argc, char **argv)
{
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
