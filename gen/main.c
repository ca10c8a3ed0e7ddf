/* vanban: renders Vietnamese official documents (NĐ30 / HD36) from YAML. */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "diag.h"
#include "docx/docx.h"
#include "doctypes.h"
#include "layout.h"
#include "templates.h"
#include "yaml_reader.h"

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
    "  render FILE...   write FILE.docx beside each YAML FILE\n"
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
    "  -o, --output FILE   write to FILE ('-' for standard output); one input only\n"
    "      --template DIR  read the static DOCX parts from DIR instead of the built-in ones\n"
    "      --lang vi|en    language of the messages (default: vi; en when LANG is C or en_*)\n"
    "  -h, --help          show this help\n"
    "\n"
    "SOURCE_DATE_EPOCH, when set, is the creation date written into the document\n"
    "properties; otherwise the document's own date is, so output is reproducible.\n";

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

static char *default_output(const char *input)
{
    size_t n = strlen(input);
    const char *dot = strrchr(input, '.');
    const char *slash = strrchr(input, '/');
    if (dot && (!slash || dot > slash) && (strcmp(dot, ".yaml") == 0 || strcmp(dot, ".yml") == 0))
        n = (size_t)(dot - input);
    char *out = vb_xmalloc(n + 6);
    memcpy(out, input, n);
    memcpy(out + n, ".docx", 6);
    return out;
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
} render_options;

static int render_one(const char *input, const render_options *opt, const vb_template_store *templates)
{
    FILE *f = strcmp(input, "-") == 0 ? stdin : fopen(input, "rb");
    const char *shown = strcmp(input, "-") == 0 ? "<stdin>" : input;
    if (!f) {
        fprintf(stderr, "vanban: %s: %s\n", input, strerror(errno));
        return EXIT_IO;
    }
    char *data = NULL;
    size_t len = 0;
    int rc = read_all(f, &data, &len);
    int saved = errno;
    if (f != stdin)
        fclose(f);
    if (rc < 0) {
        fprintf(stderr, "vanban: %s: %s\n", shown,
                saved == EFBIG ? "the file is larger than 64 MiB" : strerror(saved));
        return saved == EFBIG ? EXIT_INPUT : EXIT_IO;
    }

    vb_diagnostics diags;
    vb_diagnostics_init(&diags, opt->lang);
    vb_document *doc = vb_yaml_read(shown, data, len, &diags);
    free(data);
    vb_diagnostics_print(&diags, stderr);
    vb_diagnostics_free(&diags);
    if (!doc)
        return EXIT_INPUT;

    char *output = opt->output ? vb_strdup(opt->output)
                   : strcmp(input, "-") == 0 ? vb_strdup("-")
                                             : default_output(input);
    int status = 0;
    if (strcmp(output, "-") == 0 && isatty(STDOUT_FILENO)) {
        fprintf(stderr, "vanban: refusing to write a DOCX to a terminal; use -o FILE\n");
        status = EXIT_USAGE;
    } else {
        char err[1024];
        if (vb_docx_write(doc, vb_layout_for(doc->format), templates, source_date_epoch(), output,
                          err, sizeof err) < 0) {
            fprintf(stderr, "vanban: %s\n", err);
            status = EXIT_IO;
        }
    }
    free(output);
    vb_document_free(doc);
    return status;
}

static int parse_lang(const char *v, vb_lang *out)
{
    if (strcmp(v, "vi") == 0)
        *out = VB_LANG_VI;
    else if (strcmp(v, "en") == 0)
        *out = VB_LANG_EN;
    else
        return -1;
    return 0;
}

static int cmd_render(int argc, char **argv)
{
    enum { OPT_TEMPLATE = 256, OPT_LANG };
    static const struct option options[] = {
        {"output", required_argument, NULL, 'o'},
        {"template", required_argument, NULL, OPT_TEMPLATE},
        {"lang", required_argument, NULL, OPT_LANG},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    render_options opt = {NULL, NULL, vb_lang_from_environment()};
    int c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "o:h", options, NULL)) != -1) {
        switch (c) {
        case 'o':
            opt.output = optarg;
            break;
        case OPT_TEMPLATE:
            opt.template_dir = optarg;
            break;
        case OPT_LANG:
            if (parse_lang(optarg, &opt.lang) < 0) {
                fprintf(stderr, "vanban: --lang takes vi or en, not '%s'\n", optarg);
                return EXIT_USAGE;
            }
            break;
        case 'h':
            fputs(usage_render, stdout);
            return 0;
        default:
            fputs(usage_render, stderr);
            return EXIT_USAGE;
        }
    }
    int inputs = argc - optind;
    if (inputs == 0) {
        fprintf(stderr, "vanban render: no input file\n\n%s", usage_render);
        return EXIT_USAGE;
    }
    if (opt.output && inputs > 1) {
        fprintf(stderr, "vanban render: -o takes one input file, not %d\n", inputs);
        return EXIT_USAGE;
    }
    char err[1024];
    vb_template_store *templates = vb_template_store_load("docx", opt.template_dir, err, sizeof err);
    if (!templates) {
        fprintf(stderr, "vanban: %s\n", err);
        return EXIT_IO;
    }
    int status = 0;
    for (int i = optind; i < argc; i++) {
        int rc = render_one(argv[i], &opt, templates);
        /* The worst outcome decides the exit status; I/O errors outrank input errors. */
        if (rc > status)
            status = rc;
    }
    vb_template_store_free(templates);
    return status;
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
        return cmd_render(argc - 1, argv + 1);
    if (strcmp(cmd, "types") == 0)
        return cmd_types();
    fprintf(stderr, "vanban: unknown command '%s'\n\n%s", cmd, usage_main);
    return EXIT_USAGE;
}
