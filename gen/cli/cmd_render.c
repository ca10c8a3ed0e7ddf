/* vanban render, vanban preview: documents written as DOCX, ODT, PDF, text or page images. */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "write/pdf/batch.h"
#include "write/pdf/child.h"
#include "write/pdf/convert.h"
#include "layout/format.h"
#include "data_rows.h"
#include "viet/text.h"
#include "write/docx/docx.h"
#include "layout/layout.h"
#include "model/model.h"
#include "write/odt/odt.h"
#include "package/templates.h"
#include "write/txt/txt_writer.h"
#include "package/atomic_file.h"
#include "package/output_file.h"
#include "check/validate.h"
#include "read/normalize.h"
#include "read/yaml_reader.h"
#include "read/office/office_reader.h"
#include "cli.h"
#include "commands.h"
#include "text_warnings.h"
#include "i18n.h"

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

/* The format a file name's extension names, in any case (REPORT.DOCX), or 0. */
static unsigned format_of_extension(const char *path)
{
    const char *dot = strrchr(path, '.');
    const char *slash = strrchr(path, '/');
    for (size_t i = 0; dot && (!slash || dot > slash) && i < sizeof formats / sizeof *formats; i++)
        if (strcasecmp(dot + 1, formats[i].name) == 0)
            return formats[i].flag;
    return 0;
}

static const char *format_name(unsigned flag)
{
    for (size_t i = 0; i < sizeof formats / sizeof *formats; i++)
        if (formats[i].flag == flag)
            return formats[i].name;
    return "?";
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
            cli_say(stderr, "render", "unknown format '%s' (docx, odt, pdf, txt)", item);
            ok = 0;
        }
        *out |= flag;
    }
    free(copy);
    return ok ? 0 : -1;
}

/* SOURCE_DATE_EPOCH: seconds since 1970, digits only, up to the end of year 9999 (the last
 * date a W3C date-time in the document properties can hold). Returns 0 with *out (-1 when
 * unset), or -1 when it is set but is not such a number. */
static int parse_source_date_epoch(long long *out)
{
    const char *s = getenv("SOURCE_DATE_EPOCH");
    *out = -1;
    if (!s || !*s)
        return 0;
    long long v = 0;
    for (const char *p = s; *p; p++) {
        if (*p < '0' || *p > '9' || v > (VB_EPOCH_MAX - (*p - '0')) / 10)
            return -1;
        v = v * 10 + (*p - '0');
    }
    *out = v;
    return 0;
}

static long long source_date_epoch(void)
{
    long long v;
    return parse_source_date_epoch(&v) == 0 ? v : -1;
}

typedef struct {
    const char *output;
    const char *template_dir;
    vb_lang lang;
    unsigned formats;
    int preview;
    int draft;
    const char *out_dir;
    const char *data;     /* --data: a CSV/TSV of rows for the one template given */
    vb_template_store *docx_templates;
    vb_template_store *odt_templates;
    int dpi;              /* preview: the resolution of the page images */
    vb_pdf_batch *pdf_batch; /* where PDFs are queued to be converted together */
} render_options;

#define PDF_TIMEOUT_SECONDS 180
#define PREVIEW_DPI 150

/* Reads, loads and validates one input, printing the diagnostics. Returns the document,
 * or NULL with *status set when it cannot be used. `scalars` (NULL: not wanted) receives
 * where the source's scalars are, for its text warnings. */
static vb_document *load_bytes(const char *shown, const char *data, size_t len, const vb_vars *vars,
                               vb_yaml_scalars *scalars, const render_options *opt, int *status,
                               FILE *msg)
{
    vb_diagnostics diags;
    vb_diagnostics_init(&diags, opt->lang);
    diags.source = data; /* fix-its are checked against it */
    diags.source_len = len;
    diags.print_no_fixes = 1; /* the messages say the right form; check prints the fix-its */
    vb_read_options read = {1, vars, scalars};
    vb_document *doc = vb_yaml_read_opts(shown, data, len, &diags, &read);
    if (doc) {
        /* The same checks as `vanban check`: nothing is written when one fails. */
        vb_validate_options vopt = {opt->draft, 1};
        vb_validate(doc, &vopt, &diags);
        if (diags.error_count) {
            vb_document_free(doc);
            doc = NULL;
        }
    }
    cli_print_diagnostics(&diags, msg);
    vb_diagnostics_free(&diags);
    if (!doc)
        *status = EXIT_INPUT;
    return doc;
}

/* A Word or OpenDocument draft: read into the model (gen/read/office), checked as a YAML
 * file is, then rendered in the standard layout with its text unchanged. */
static vb_document *load_office(const char *input, const render_options *opt, int *status, FILE *msg)
{
    vb_diagnostics diags;
    vb_diagnostics_init(&diags, opt->lang);
    vb_document *doc = vb_office_read(input, &diags);
    if (doc) {
        vb_validate_options vopt = {opt->draft, 1};
        vb_validate(doc, &vopt, &diags);
        if (diags.error_count) {
            vb_document_free(doc);
            doc = NULL;
        }
    }
    vb_diagnostics_print(&diags, msg);
    vb_diagnostics_free(&diags);
    if (!doc)
        *status = EXIT_INPUT;
    return doc;
}

/* A YAML input's source, kept for its text warnings until the document is written. */
typedef struct {
    char *data;
    size_t len;
    vb_yaml_scalars scalars; /* where the reader found its scalars */
} yaml_source;

/* Loads one input; a YAML document's source is left in *src (the caller frees it). */
static vb_document *load(const char *input, const render_options *opt, yaml_source *src,
                         int *status, FILE *msg)
{
    if (strcmp(input, "-") != 0 && vb_office_path_is_office(input))
        return load_office(input, opt, status, msg);
    if (cli_read_input(input, &src->data, &src->len, status, msg) < 0)
        return NULL;
    return load_bytes(cli_shown_name(input), src->data, src->len, NULL, &src->scalars, opt, status, msg);
}

/* A writer failed. Table files are read through only as the writer streams them (a second
 * pass just to check them would double the time of a large table), so a bad row surfaces
 * here: when the tables are at fault, they are checked again to report it as `check` does,
 * positioned and coded (TBL-DATA), as an input error. Anything else is an I/O error. */
static int write_failed(const vb_document *doc, const render_options *opt, const char *err,
                        FILE *msg)
{
    vb_diagnostics diags;
    vb_diagnostics_init(&diags, opt->lang);
    vb_validate_table_rows(doc, &diags); /* the rows only: the rest was reported before */
    int input_error = diags.error_count > 0;
    if (input_error)
        cli_print_diagnostics(&diags, msg);
    else
        cli_report(msg, err);
    vb_diagnostics_free(&diags);
    return input_error ? EXIT_INPUT : EXIT_IO;
}

/* Writes one format. A PDF is queued in opt->pdf_batch as its ODT, and its number stored in
 * *pdf_item: the batch converts it later, with the others. */
static int write_format(const vb_document *doc, unsigned format, const char *path,
                        const render_options *opt, long *pdf_item, FILE *msg)
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
        /* PDF: LibreOffice renders its own format, ODT. */
        const char *odt = NULL;
        long item = vb_pdf_batch_add(opt->pdf_batch, path, path, &odt);
        rc = vb_odt_write(doc, layout, opt->odt_templates, epoch, odt, err, sizeof err);
        if (rc < 0)
            vb_pdf_batch_drop(opt->pdf_batch, item);
        else
            *pdf_item = item;
    }
    if (rc < 0)
        return write_failed(doc, opt, err, msg);
    return 0;
}

static int preview(const vb_document *doc, const char *input, const render_options *opt, FILE *msg)
{
    const char *base = strcmp(input, "-") == 0 ? "vanban-preview.yaml" : input;
    char err[1024];
    render_options with_batch = *opt;
    with_batch.pdf_batch = vb_pdf_batch_new(opt->lang, err, sizeof err);
    if (!with_batch.pdf_batch) {
        fprintf(msg, "vanban: %s\n", err);
        return EXIT_IO;
    }
    /* The PDF stays in the batch's work directory; a preview reuses a running LibreOffice. */
    const char *odt = NULL;
    long item = vb_pdf_batch_add(with_batch.pdf_batch, NULL, base, &odt);
    int status = 0;
    if (vb_odt_write(doc, vb_layout_for(doc->format), opt->odt_templates, source_date_epoch(), odt, err,
                     sizeof err) < 0) {
        vb_pdf_batch_drop(with_batch.pdf_batch, item);
        status = write_failed(doc, opt, err, msg);
    } else if (vb_pdf_batch_run(with_batch.pdf_batch, 1, vb_pdf_timeout_ms(PDF_TIMEOUT_SECONDS), 1) > 0) {
        vb_pdf_batch_result(with_batch.pdf_batch, item, err, sizeof err);
        fprintf(msg, "vanban: %s\n", err);
        status = EXIT_IO;
    } else {
        char *prefix = output_beside(base, "");
        prefix[strlen(prefix) - 1] = '\0'; /* "plan." → "plan" */
        char **names = NULL;
        int pages = vb_pdf_to_png(vb_pdf_batch_output(with_batch.pdf_batch, item), prefix, opt->dpi,
                                  vb_pdf_timeout_ms(PDF_TIMEOUT_SECONDS), opt->lang, &names, err, sizeof err);
        if (pages < 0) {
            cli_report(msg, err);
            status = EXIT_IO;
        } else if (pages > 3) {
            /* The files as written: the first and the last when there are many. */
            cli_say(msg, NULL, "wrote %s ... %s (%d pages)", names[0], names[pages - 1], pages);
        } else {
            vb_buf list = {0};
            for (int i = 0; i < pages; i++)
                vb_buf_printf(&list, "%s%s", i ? ", " : "", names[i]);
            cli_say(msg, NULL, "wrote %s", list.data ? list.data : "");
            vb_buf_free(&list);
        }
        vb_free_names(names, pages);
        free(prefix);
    }
    vb_pdf_batch_free(with_batch.pdf_batch);
    return status;
}

/* Where an output goes under --out-dir: the input's mirrored path with the new extension.
 * The mirrored part comes from a directory walk or a file name, but it is checked anyway:
 * an output name can never leave DIR. The directories on the way are made when it is
 * written, without following a symbolic link inside DIR (vb_output_confine). Returns NULL
 * (after saying why) when the name is not safe. */
static char *output_in_dir(const char *out_dir, const cli_input *in, const char *ext, FILE *msg)
{
    const char *rel = in->path + in->mirror;
    int unsafe = rel[0] == '/' || rel[0] == '\0' || strcmp(rel, "..") == 0 ||
                 strncmp(rel, "../", 3) == 0 || strstr(rel, "/../") != NULL ||
                 (strlen(rel) >= 3 && strcmp(rel + strlen(rel) - 3, "/..") == 0);
    if (unsafe) {
        cli_say(msg, NULL, "%s: the output name would leave %s", in->path, out_dir);
        return NULL;
    }
    char *beside = output_beside(rel, ext);
    size_t n = strlen(out_dir) + strlen(beside) + 2;
    char *path = vb_xmalloc(n);
    snprintf(path, n, "%s/%s", out_dir, beside);
    free(beside);
    return path;
}

/* The output of `format` for the input `in`, or NULL after saying why. */
static char *output_of(const cli_input *in, unsigned format, const char *ext, const render_options *opt,
                       FILE *msg)
{
    (void)format;
    int from_stdin = strcmp(in->path, "-") == 0;
    return opt->output  ? vb_strdup(opt->output)
           : from_stdin ? vb_strdup("-")
           : opt->out_dir ? output_in_dir(opt->out_dir, in, ext, msg)
                          : output_beside(in->path, ext);
}

/* 1 when an output of `doc` would overwrite a file the run reads: its YAML (`input`), its
 * tables, the --data rows. Checked for every format before anything is written. */
static int clobbers_input(const vb_document *doc, const char *input, const char *const *outputs,
                          size_t output_count, const render_options *opt, FILE *msg)
{
    const char **files = NULL;
    size_t count = 0;
    cli_document_files(doc, &files, &count);
    files = vb_xrealloc(files, (count + 2) * sizeof *files);
    files[count++] = input;
    files[count++] = opt->data;
    int clash = 0;
    for (size_t i = 0; i < output_count && !clash; i++)
        clash = outputs[i] && cli_output_is_input(outputs[i], files, count, msg);
    free(files);
    return clash;
}

static int render_loaded(vb_document *doc, const cli_input *in, const render_options *opt,
                         long *pdf_item, FILE *msg);

static int render_one(const cli_input *in, const render_options *opt, long *pdf_item, FILE *msg)
{
    int status = 0;
    yaml_source src = {0};
    vb_document *doc = load(in->path, opt, &src, &status, msg);
    if (doc) {
        status = render_loaded(doc, in, opt, pdf_item, msg);
        /* After the document's own messages, and from the parse the reader made. */
        if (src.data)
            cli_print_text_warnings(in->path, src.data, src.len, &src.scalars, opt->lang,
                                    msg);
    }
    free(src.data);
    vb_yaml_scalars_free(&src.scalars);
    return status;
}

/* Writes (or previews) a loaded document in the formats asked for, and frees it. */
static int render_loaded(vb_document *doc, const cli_input *in, const render_options *opt,
                         long *pdf_item, FILE *msg)
{
    const char *input = in->path;
    int status = 0;
    if (!opt->preview) {
        char *outputs[sizeof formats / sizeof *formats] = {NULL};
        for (size_t i = 0; i < sizeof formats / sizeof *formats; i++)
            if (opt->formats & formats[i].flag)
                outputs[i] = output_of(in, formats[i].flag, formats[i].name, opt, msg);
        int clash = clobbers_input(doc, input, (const char *const *)outputs,
                                   sizeof formats / sizeof *formats, opt, msg);
        for (size_t i = 0; i < sizeof formats / sizeof *formats; i++)
            free(outputs[i]);
        if (clash) {
            vb_document_free(doc);
            return EXIT_USAGE;
        }
    }
    if (opt->preview) {
        status = preview(doc, input, opt, msg);
        vb_document_free(doc);
        return status;
    }
    for (size_t i = 0; i < sizeof formats / sizeof *formats && status == 0; i++) {
        if (!(opt->formats & formats[i].flag))
            continue;
        char *output = output_of(in, formats[i].flag, formats[i].name, opt, msg);
        if (!output) {
            status = EXIT_IO;
        } else if (strcmp(output, "-") == 0 && isatty(STDOUT_FILENO) && formats[i].flag != FMT_TXT) {
            cli_say(msg, NULL, "refusing to write a %s to a terminal; use -o FILE", formats[i].name);
            status = EXIT_USAGE;
        } else {
            vb_output_confine(opt->out_dir && !opt->output ? opt->out_dir : NULL);
            status = write_format(doc, formats[i].flag, output, opt, pdf_item, msg);
            vb_output_confine(NULL);
        }
        free(output);
    }
    vb_document_free(doc);
    return status;
}

/* One document of a run, rendered by any thread; its messages are kept to print in order. */
/* A data row of `render --data`: the template filled with it, written as <name>.<format>. */
typedef struct {
    const char *template_name;
    const char *template_data;
    size_t template_len;
    vb_vars vars;
    char *name;    /* the output's file name without extension, safe (no '/', no leading '.') */
    char *where;   /* "rows.csv:12" for messages */
} data_row;

/* "DIR/NAME.EXT": where a data row's document goes. */
static char *row_output(const data_row *row, const char *ext, const render_options *opt)
{
    size_t n = strlen(opt->out_dir) + strlen(row->name) + strlen(ext) + 3;
    char *output = vb_xmalloc(n);
    snprintf(output, n, "%s/%s.%s", opt->out_dir, row->name, ext);
    return output;
}

static int render_row(const data_row *row, const render_options *opt, long *pdf_item, FILE *msg)
{
    int status = 0;
    vb_document *doc = load_bytes(row->template_name, row->template_data, row->template_len, &row->vars, NULL,
                                  opt, &status, msg);
    if (!doc) {
        cli_say(msg, NULL, "(the data row at %s)", row->where);
        return status;
    }
    char *outputs[sizeof formats / sizeof *formats] = {NULL};
    for (size_t i = 0; i < sizeof formats / sizeof *formats; i++)
        if (opt->formats & formats[i].flag)
            outputs[i] = row_output(row, formats[i].name, opt);
    int clash = clobbers_input(doc, row->template_name, (const char *const *)outputs,
                               sizeof formats / sizeof *formats, opt, msg);
    for (size_t i = 0; i < sizeof formats / sizeof *formats; i++)
        free(outputs[i]);
    if (clash) {
        vb_document_free(doc);
        return EXIT_USAGE;
    }
    for (size_t i = 0; i < sizeof formats / sizeof *formats && status == 0; i++) {
        if (!(opt->formats & formats[i].flag))
            continue;
        char *output = row_output(row, formats[i].name, opt);
        vb_output_confine(opt->out_dir);
        status = write_format(doc, formats[i].flag, output, opt, pdf_item, msg);
        vb_output_confine(NULL);
        free(output);
    }
    vb_document_free(doc);
    return status;
}

typedef struct {
    const data_row *row; /* non-NULL: a data row of the template, instead of `in` */
    const cli_input *in;
    const render_options *opt;
    int status;
    long pdf_item; /* its PDF in opt->pdf_batch, or -1 */
    char *messages;
    size_t messages_len;
} render_job;

static void render_job_run(void *item)
{
    render_job *job = item;
    if (vb_interrupted()) {
        job->status = 128 + vb_interrupted();
        return;
    }
    FILE *msg = open_memstream(&job->messages, &job->messages_len);
    job->status = job->row ? render_row(job->row, job->opt, &job->pdf_item, msg ? msg : stderr)
                           : render_one(job->in, job->opt, &job->pdf_item, msg ? msg : stderr);
    if (msg)
        fclose(msg);
}

/* The PDFs of a chunk, converted together; a document whose PDF failed gets the reason
 * after its other messages. */
static void convert_chunk_pdfs(render_job *chunk, size_t n, vb_pdf_batch *batch, int jobs)
{
    if (vb_pdf_batch_run(batch, jobs, vb_pdf_timeout_ms(PDF_TIMEOUT_SECONDS), 0) == 0)
        return;
    for (size_t k = 0; k < n; k++) {
        char err[1200];
        if (chunk[k].pdf_item < 0 || vb_pdf_batch_result(batch, chunk[k].pdf_item, err, sizeof err) == 0)
            continue;
        size_t len = strlen(err) + 10;
        chunk[k].messages = vb_xrealloc(chunk[k].messages, chunk[k].messages_len + len + 1);
        chunk[k].messages_len += (size_t)snprintf(chunk[k].messages + chunk[k].messages_len, len + 1,
                                                  "vanban: %s\n", err);
        int failed = vb_interrupted() ? 128 + vb_interrupted() : EXIT_IO;
        if (chunk[k].status < failed)
            chunk[k].status = failed;
    }
}

#define RENDER_CHUNK 64
/* With PDFs, larger: each chunk starts LibreOffice once per job. */
#define RENDER_CHUNK_PDF 1024

/* A progress bar on standard error, only when it is a terminal. */
static void show_progress(size_t done, size_t total)
{
    enum { WIDTH = 30 };
    size_t filled = total ? done * WIDTH / total : WIDTH;
    fprintf(stderr, "\r[");
    for (size_t i = 0; i < WIDTH; i++)
        fputc(i < filled ? '#' : '.', stderr);
    fprintf(stderr, "] %zu/%zu", done, total);
    fflush(stderr);
}

/* Renders `count` documents — the inputs, or the data rows when `rows` is given. */
static int render_all(const cli_input_list *inputs, const data_row *rows, size_t count,
                      const render_options *opt, int jobs)
{
    int status = 0;
    size_t failed = 0;
    int progress = count > 1 && isatty(STDERR_FILENO);
    /* Previews go one at a time through the LibreOffice they keep running. */
    if (opt->preview)
        jobs = 1;
    int with_pdf = (opt->formats & FMT_PDF) && !opt->preview;
    /* Ctrl-C while LibreOffice runs: stop it, remove the work files, then exit. */
    if (with_pdf || opt->preview)
        vb_interrupts_catch();
    render_options run = *opt;
    opt = &run;
    size_t chunk_size = with_pdf ? RENDER_CHUNK_PDF : RENDER_CHUNK;
    render_job *chunk = vb_xcalloc(chunk_size, sizeof *chunk);
    for (size_t first = 0; first < count && !vb_interrupted(); first += chunk_size) {
        size_t n = count - first < chunk_size ? count - first : chunk_size;
        char err[1024];
        run.pdf_batch = with_pdf ? vb_pdf_batch_new(opt->lang, err, sizeof err) : NULL;
        if (with_pdf && !run.pdf_batch) {
            fprintf(stderr, "vanban: %s\n", err);
            status = EXIT_IO;
            break;
        }
        for (size_t k = 0; k < n; k++) {
            memset(&chunk[k], 0, sizeof chunk[k]);
            if (rows)
                chunk[k].row = &rows[first + k];
            else
                chunk[k].in = &inputs->items[first + k];
            chunk[k].opt = opt;
            chunk[k].pdf_item = -1;
        }
        cli_run_parallel(chunk, n, sizeof *chunk, render_job_run, jobs);
        if (run.pdf_batch) {
            convert_chunk_pdfs(chunk, n, run.pdf_batch, jobs);
            vb_pdf_batch_free(run.pdf_batch);
            run.pdf_batch = NULL;
        }
        if (progress)
            fputs("\r\033[K", stderr);
        for (size_t k = 0; k < n; k++) {
            if (chunk[k].messages_len)
                fwrite(chunk[k].messages, 1, chunk[k].messages_len, stderr);
            free(chunk[k].messages);
            failed += chunk[k].status != 0;
            /* The worst outcome decides the exit status; I/O errors outrank input errors. */
            if (chunk[k].status > status)
                status = chunk[k].status;
        }
        if (progress)
            show_progress(first + n, count);
    }
    free(chunk);
    if (with_pdf || opt->preview)
        vb_interrupts_release();
    if (vb_interrupted())
        status = 128 + vb_interrupted();
    if (progress)
        fputs("\r\033[K", stderr);
    if (count > 1 && failed)
        cli_say(stderr, NULL, "%zu of %zu documents rendered; the others have errors above",
                count - failed, count);
    else if (count > 1)
        cli_say(stderr, NULL, "%zu of %zu documents rendered", count - failed, count);
    return status;
}

/* A file name from a data value: letters (Vietnamese ones too), digits, "-" and "_" kept,
 * anything else ("/" and "." above all) turned into one "-", none at either end: it can only
 * name a file inside the output directory. Empty when nothing usable is left. */
static char *safe_name(const char *value)
{
    vb_buf b = {0};
    for (const unsigned char *p = (const unsigned char *)value; *p; p++) {
        int keep = *p >= 0x80 || (*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
                   (*p >= '0' && *p <= '9') || *p == '_' || *p == '-';
        char c = keep ? (char)*p : '-';
        if (c == '-' && (b.len == 0 || b.data[b.len - 1] == '-'))
            continue;
        vb_buf_addn(&b, &c, 1);
    }
    while (b.len > 0 && b.data[b.len - 1] == '-')
        b.data[--b.len] = '\0';
    return b.data ? b.data : vb_strdup("");
}

static char *dir_of_path(const char *path)
{
    const char *slash = strrchr(path, '/');
    if (!slash)
        return vb_strdup(".");
    size_t n = slash == path ? 1 : (size_t)(slash - path);
    char *d = vb_xmalloc(n + 1);
    memcpy(d, path, n);
    d[n] = '\0';
    return d;
}

static int compare_row_names(const void *a, const void *b)
{
    const data_row *x = *(const data_row *const *)a, *y = *(const data_row *const *)b;
    int c = strcmp(x->name, y->name);
    return c ? c : (x < y ? -1 : x > y);
}

/* Two rows naming the same output would leave one file where two were counted: every such
 * pair is an error, with both rows, before anything is written. */
static int duplicate_names(const data_row *rows, size_t count)
{
    const data_row **sorted = vb_xmalloc(count * sizeof *sorted);
    for (size_t i = 0; i < count; i++)
        sorted[i] = &rows[i];
    qsort(sorted, count, sizeof *sorted, compare_row_names);
    int found = 0;
    for (size_t i = 1; i < count; i++) {
        if (strcmp(sorted[i]->name, sorted[i - 1]->name) != 0)
            continue;
        /* rows.csv:12 → "rows.csv:12: error: ..." the compiler's way. */
        fprintf(stderr, "%s: %s: ", sorted[i]->where, T("error"));
        fprintf(stderr, T("this row names the same output '%s' as the row at %s: every row needs "
                          "its own ten_tep; nothing written"),
                sorted[i]->name, sorted[i - 1]->where);
        fputc('\n', stderr);
        found = 1;
    }
    free(sorted);
    return found;
}

/* render --data: the template rendered once per data row. */
static int render_data(const cli_input_list *files, render_options *opt, int jobs)
{
    if (files->count != 1 || strcmp(files->items[0].path, "-") == 0) {
        cli_say(stderr, "render", "--data needs one template file");
        return EXIT_USAGE;
    }
    const char *template_path = files->items[0].path;
    char *template_data = NULL;
    size_t template_len = 0;
    int status = 0;
    if (cli_read_input(template_path, &template_data, &template_len, &status, stderr) < 0)
        return status;
    /* Once for the template, not once per row. */
    cli_print_text_warnings(template_path, template_data, template_len, NULL, opt->lang, stderr);
    char err[1024];
    cli_data_rows *csv = cli_data_rows_open(opt->data, opt->lang != VB_LANG_EN, err, sizeof err);
    if (!csv) {
        cli_report(stderr, err);
        free(template_data);
        return EXIT_IO;
    }
    char *default_dir = opt->out_dir ? NULL : dir_of_path(template_path);
    if (!opt->out_dir)
        opt->out_dir = default_dir;
    /* The output directory is made (mkdir -p) by the first document written into it. */
    size_t columns = 0, count = 0, cap = 0, name_column = (size_t)-1;
    char **names = NULL;
    data_row *rows = NULL;
    cli_data_row row;
    int rc, positioned = 1;
    while ((rc = cli_data_rows_next(csv, &row, &positioned, err, sizeof err)) > 0) {
        if (row.count == 0)
            continue; /* an empty row of a sheet */
        if (!names) {
            /* The first row names the columns. */
            columns = row.count;
            names = vb_xcalloc(columns, sizeof *names);
            for (size_t c = 0; c < columns; c++) {
                names[c] = vb_nfc(row.cells[c], row.lengths[c]);
                if (strcmp(names[c], "ten_tep") == 0)
                    name_column = c;
            }
            continue;
        }
        if (count == cap) {
            cap = cap ? cap * 2 : 16;
            rows = vb_xrealloc(rows, cap * sizeof *rows);
        }
        data_row *r = &rows[count++];
        char **values = vb_xcalloc(columns, sizeof *values);
        /* A sheet leaves out a row's empty cells at its end. */
        for (size_t c = 0; c < columns; c++)
            values[c] = c < row.count ? vb_nfc(row.cells[c], row.lengths[c]) : vb_strdup("");
        r->template_name = template_path;
        r->template_data = template_data;
        r->template_len = template_len;
        r->vars.names = (const char *const *)names;
        r->vars.values = (const char *const *)values;
        r->vars.count = columns;
        r->name = name_column != (size_t)-1 ? safe_name(values[name_column]) : vb_strdup("");
        if (!r->name[0]) {
            free(r->name);
            r->name = vb_xmalloc(16);
            snprintf(r->name, 16, "%03zu", count);
        }
        size_t n = strlen(opt->data) + 16;
        r->where = vb_xmalloc(n);
        snprintf(r->where, n, "%s:%u", opt->data, row.line);
    }
    if (rc < 0 && !positioned) {
        cli_report(stderr, err); /* a sheet's "path: sheet!A12: reason" */
        status = EXIT_INPUT;
    } else if (rc < 0) {
        /* err reads "file:line:col: reason": say it the compiler's way. */
        char *reason = err;
        for (int colons = 0; colons < 3 && reason; colons++)
            reason = strchr(reason + (colons ? 1 : 0), ':');
        static const char rule[] = "TBL-DATA"; /* as a diagnostic of the table's rows says it */
        if (reason)
            fprintf(stderr, "%.*s: %s:%s [%s]\n", (int)(reason - err), err, T("error"), reason + 1,
                    rule);
        else
            fprintf(stderr, "%s: %s: %s [%s]\n", opt->data, T("error"), err, rule);
        status = EXIT_INPUT;
    } else if (count == 0) {
        cli_say(stderr, NULL, "%s: no data rows under the column names", opt->data);
        status = EXIT_INPUT;
    } else if (duplicate_names(rows, count)) {
        status = EXIT_INPUT;
    } else {
        status = render_all(files, rows, count, opt, jobs);
    }
    for (size_t i = 0; i < count; i++) {
        for (size_t c = 0; c < columns; c++)
            free((char *)rows[i].vars.values[c]);
        free((char **)rows[i].vars.values);
        free(rows[i].name);
        free(rows[i].where);
    }
    free(rows);
    for (size_t c = 0; c < columns; c++)
        free(names[c]);
    free(names);
    cli_data_rows_close(csv);
    free(template_data);
    free(default_dir);
    if (default_dir)
        opt->out_dir = NULL;
    return status;
}

int cmd_render(int argc, char **argv, int is_preview)
{
    enum { OPT_TEMPLATE = 256, OPT_LANG, OPT_PDF, OPT_DRAFT, OPT_ENCODING, OPT_OUT_DIR, OPT_DATA, OPT_FSYNC,
           OPT_DPI };
    static const struct option options[] = {
        {"data", required_argument, NULL, OPT_DATA},
        {"dpi", required_argument, NULL, OPT_DPI},
        {"draft", no_argument, NULL, OPT_DRAFT},
        {"fsync", no_argument, NULL, OPT_FSYNC},
        {"jobs", required_argument, NULL, 'j'},
        {"out-dir", required_argument, NULL, OPT_OUT_DIR},
        {"encoding", required_argument, NULL, OPT_ENCODING},
        {"output", required_argument, NULL, 'o'},
        {"format", required_argument, NULL, 'f'},
        {"pdf", no_argument, NULL, OPT_PDF},
        {"template", required_argument, NULL, OPT_TEMPLATE},
        {"lang", required_argument, NULL, OPT_LANG},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    render_options opt = {NULL, NULL, cli_lang, 0, is_preview, 0, NULL, NULL, NULL, NULL, PREVIEW_DPI, NULL};
    const char *command = is_preview ? "preview" : "render";
    int jobs = cli_default_jobs();
    int c;
    optind = 1;
    while ((c = cli_getopt(argc, argv, "o:f:hj:", options, command)) != -1) {
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
        case OPT_DPI: {
            char *end = NULL;
            long dpi = strtol(optarg, &end, 10);
            if (!is_preview || !end || *end || dpi < 20 || dpi > 600) {
                if (is_preview)
                    cli_say(stderr, command, "--dpi takes a number from 20 to 600");
                else
                    cli_say(stderr, command, "--dpi is an option of vanban preview");
                return EXIT_USAGE;
            }
            opt.dpi = (int)dpi;
            break;
        }
        case OPT_FSYNC:
            vb_output_set_durable(1);
            break;
        case 'j':
            if (cli_parse_jobs(optarg, &jobs) < 0)
                return EXIT_USAGE;
            break;
        case OPT_OUT_DIR:
            opt.out_dir = optarg;
            break;
        case OPT_DATA:
            opt.data = optarg;
            break;
        case OPT_ENCODING:
            if (cli_parse_encoding(optarg) < 0)
                return EXIT_USAGE;
            break;
        case OPT_TEMPLATE:
            opt.template_dir = optarg;
            break;
        case OPT_LANG:
            if (cli_parse_lang(optarg, &opt.lang) < 0)
                return EXIT_USAGE;
            break;
        case 'h':
            cli_print_help(cli_command_find(command), opt.lang, stdout);
            return 0;
        default:
            return EXIT_USAGE;
        }
    }
    long long epoch;
    if (parse_source_date_epoch(&epoch) < 0) {
        cli_say(stderr, NULL, "SOURCE_DATE_EPOCH='%s' is not a creation date: it takes the seconds "
                              "since 1970-01-01 UTC, digits only, up to %lld (the end of year 9999)",
                getenv("SOURCE_DATE_EPOCH"), (long long)VB_EPOCH_MAX);
        return EXIT_USAGE;
    }
    int inputs = argc - optind;
    if (inputs == 0) {
        cli_say(stderr, command, "no input file");
        cli_say(stderr, command, "'vanban %s --help' lists the options", command);
        return EXIT_USAGE;
    }
    if (opt.output && is_preview) {
        cli_say(stderr, command, "the images are written beside the input; -o does not apply");
        return EXIT_USAGE;
    }
    if (opt.output && inputs > 1) {
        cli_say(stderr, command, "-o takes one input file, not %d", inputs);
        return EXIT_USAGE;
    }
    if (opt.data && (opt.output || inputs != 1 || is_preview)) {
        cli_say(stderr, command, "--data takes one template file and writes one document per row "
                                 "(into --out-dir, else beside the template); -o does not apply");
        return EXIT_USAGE;
    }
    if (opt.output && opt.out_dir) {
        cli_say(stderr, command, "-o and --out-dir do not go together");
        return EXIT_USAGE;
    }
    unsigned by_name = opt.output && strcmp(opt.output, "-") != 0 ? format_of_extension(opt.output) : 0;
    unsigned asked = opt.formats;
    if (!opt.formats)
        opt.formats = by_name ? by_name : FMT_DOCX;
    if (opt.output && (opt.formats & (opt.formats - 1))) {
        cli_say(stderr, command, "-o takes one format; several formats are written beside the input");
        return EXIT_USAGE;
    }
    /* A DOCX named out.odt would open in neither program as the name promises. */
    if (asked && by_name && by_name != asked) {
        cli_say(stderr, command, "-o %s ends in .%s, but --format asks for %s; give one of the two",
                opt.output, format_name(by_name), format_name(asked));
        return EXIT_USAGE;
    }
    char err[1024];
    opt.docx_templates = vb_template_store_load("docx", opt.template_dir, err, sizeof err);
    if (opt.docx_templates)
        opt.odt_templates = vb_template_store_load("odt", NULL, err, sizeof err);
    if (!opt.docx_templates || !opt.odt_templates) {
        cli_report(stderr, err);
        vb_template_store_free(opt.docx_templates);
        return EXIT_IO;
    }
    int status = 0;
    cli_input_list files = {0};
    for (int i = optind; i < argc; i++)
        if (cli_collect_inputs(&files, argv[i]) < 0)
            status = EXIT_IO;
    if (opt.output && files.count > 1) {
        cli_say(stderr, command, "-o takes one input file, not %zu", files.count);
        status = EXIT_USAGE;
    } else {
        int rc = opt.data ? render_data(&files, &opt, jobs) : render_all(&files, NULL, files.count, &opt, jobs);
        status = rc > status ? rc : status;
    }
    cli_inputs_free(&files);
    vb_template_store_free(opt.docx_templates);
    vb_template_store_free(opt.odt_templates);
    return status;
}
