#define _XOPEN_SOURCE 700
#include "batch.h"

#include <dirent.h>
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "child.h"
#include "layout/format.h"
#include "model/model.h"
#include "office.h"
#include "package/atomic_file.h"

#define MSG(lang, vi, en) ((lang) == VB_LANG_EN ? (en) : (vi))

enum { ITEM_PENDING, ITEM_DROPPED, ITEM_DONE, ITEM_FAILED };

typedef struct {
    char *source;   /* <work>/in/<number>.odt */
    char *dest;     /* NULL: the PDF stays in the work directory */
    char *shown;
    char *produced; /* where the PDF came out */
    char *error;
    int state;
} batch_item;

struct vb_pdf_batch {
    char *work;
    vb_lang lang;
    pthread_mutex_t lock;
    batch_item *items;
    size_t count, cap;
    unsigned runs; /* numbers the workers' directories across runs */
};

vb_pdf_batch *vb_pdf_batch_new(vb_lang lang, char *err, size_t err_size)
{
    char *work = vb_make_work_dir("vanban-pdf-XXXXXX");
    if (!work) {
        snprintf(err, err_size, MSG(lang, "không tạo được thư mục tạm: %s", "cannot make a work directory: %s"),
                 strerror(errno));
        return NULL;
    }
    size_t n = strlen(work) + 4;
    char *in = vb_xmalloc(n);
    snprintf(in, n, "%s/in", work);
    int made = mkdir(in, 0700) == 0;
    free(in);
    if (!made) {
        snprintf(err, err_size, MSG(lang, "không tạo được thư mục %s/in: %s", "cannot make the directory %s/in: %s"),
                 work, strerror(errno));
        vb_remove_tree(work);
        free(work);
        return NULL;
    }
    vb_pdf_batch *b = vb_xcalloc(1, sizeof *b);
    b->work = work;
    b->lang = lang;
    pthread_mutex_init(&b->lock, NULL);
    return b;
}

long vb_pdf_batch_add(vb_pdf_batch *b, const char *dest, const char *shown, const char **source)
{
    pthread_mutex_lock(&b->lock);
    if (b->count == b->cap) {
        b->cap = b->cap ? b->cap * 2 : 16;
        b->items = vb_xrealloc(b->items, b->cap * sizeof *b->items);
    }
    long number = (long)b->count++;
    batch_item *it = &b->items[number];
    memset(it, 0, sizeof *it);
    /* Numbered names: LibreOffice names each PDF after its source, and two inputs of a run
     * may share a file name in different directories. */
    size_t n = strlen(b->work) + 32;
    it->source = vb_xmalloc(n);
    snprintf(it->source, n, "%s/in/%06ld.odt", b->work, number);
    it->dest = dest ? vb_strdup(dest) : NULL;
    it->shown = vb_strdup(shown ? shown : dest ? dest : "-");
    it->state = ITEM_PENDING;
    *source = it->source;
    pthread_mutex_unlock(&b->lock);
    return number;
}

void vb_pdf_batch_drop(vb_pdf_batch *b, long item)
{
    pthread_mutex_lock(&b->lock);
    b->items[item].state = ITEM_DROPPED;
    unlink(b->items[item].source);
    pthread_mutex_unlock(&b->lock);
}

static int read_whole(const char *path, char **data, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return -1;
    vb_buf b = {0};
    char chunk[65536];
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
        vb_buf_addn(&b, chunk, n);
    int bad = ferror(f);
    fclose(f);
    if (bad) {
        free(b.data);
        return -1;
    }
    *data = b.data ? b.data : vb_strdup("");
    *len = b.len;
    return 0;
}

static void fail_item(vb_pdf_batch *b, batch_item *it, const char *reason)
{
    free(it->error);
    it->error = vb_strdup(reason);
    it->state = ITEM_FAILED;
    (void)b;
}

/* The PDF is complete at `pdf`: to its destination (atomically), or kept where it is. */
static void deliver(vb_pdf_batch *b, batch_item *it, const char *pdf)
{
    if (!it->dest) {
        it->produced = vb_strdup(pdf);
        it->state = ITEM_DONE;
        return;
    }
    char *data = NULL;
    size_t len = 0;
    char err[1024];
    if (read_whole(pdf, &data, &len) < 0) {
        snprintf(err, sizeof err, "%s: %s", pdf, strerror(errno));
        fail_item(b, it, err);
        return;
    }
    if (vb_write_file_atomic(it->dest, data, len, err, sizeof err) < 0)
        fail_item(b, it, err);
    else
        it->state = ITEM_DONE;
    free(data);
    unlink(pdf);
}

/* "<outdir>/<number>.pdf" for the item's source "<work>/in/<number>.odt". */
static char *pdf_path(const char *outdir, const batch_item *it)
{
    const char *base = strrchr(it->source, '/') + 1;
    size_t stem = strlen(base) - 4;
    size_t n = strlen(outdir) + stem + 6;
    char *p = vb_xmalloc(n);
    snprintf(p, n, "%s/%.*s.pdf", outdir, (int)stem, base);
    return p;
}

/* Progress of a LibreOffice run: the number of files in its output directory changed. */
typedef struct {
    const char *outdir;
    long seen;
} out_watch;

static int output_grew(void *ctx)
{
    out_watch *w = ctx;
    DIR *d = opendir(w->outdir);
    if (!d)
        return 0;
    long count = 0;
    for (struct dirent *e; (e = readdir(d));)
        count += e->d_name[0] != '.';
    closedir(d);
    if (count == w->seen)
        return 0;
    w->seen = count;
    return 1;
}

typedef struct {
    vb_pdf_batch *b;
    batch_item **items; /* this worker's share, in order */
    size_t count;
    char *dir;          /* <work>/w<run>-<k>: profile/ and out/ */
    const char *soffice;
    long timeout_ms;
} worker;

static void describe_stop(vb_lang lang, int status, long timeout_ms, const char *shown, char *out, size_t n)
{
    if (status == VB_CHILD_TIMEOUT)
        snprintf(out, n, MSG(lang, "LibreOffice không xong %s trong %g giây", "LibreOffice did not finish %s within %g s"),
                 shown, timeout_ms / 1000.0);
    else if (status == VB_CHILD_INTERRUPTED)
        snprintf(out, n, MSG(lang, "%s: đã dừng (tín hiệu %d)", "%s: interrupted (signal %d)"), shown, vb_interrupted());
    else if (status == VB_CHILD_FAILED)
        snprintf(out, n, MSG(lang, "không chạy được LibreOffice cho %s", "could not start LibreOffice for %s"), shown);
    else if (status >= 128)
        snprintf(out, n, MSG(lang, "LibreOffice dừng (tín hiệu %d) khi chuyển %s sang PDF",
                             "LibreOffice stopped (signal %d) converting %s to PDF"), status - 128, shown);
    else
        snprintf(out, n, MSG(lang, "LibreOffice không chuyển được %s sang PDF (mã %d)",
                             "LibreOffice could not convert %s to PDF (status %d)"), shown, status);
}

static void *worker_run(void *arg)
{
    worker *w = arg;
    vb_lang lang = w->b->lang;
    size_t n = strlen(w->dir) + 64;
    char *profile = vb_xmalloc(n + 32), *outdir = vb_xmalloc(n), *tmpdir = vb_xmalloc(n);
    /* A profile per LibreOffice process: two on one profile wait on its lock, or fail. */
    snprintf(profile, n + 32, "-env:UserInstallation=file://%s/profile", w->dir);
    snprintf(outdir, n, "%s/out", w->dir);
    snprintf(tmpdir, n, "%s/tmp", w->dir);
    mkdir(w->dir, 0700);
    mkdir(outdir, 0700);
    mkdir(tmpdir, 0700);
    enum { FIXED = 9 };
    char **argv = vb_xcalloc(FIXED + w->count + 1, sizeof *argv);
    size_t first = 0;
    while (first < w->count) {
        char *fixed[FIXED] = {(char *)w->soffice, profile, "--headless", "--norestore", "--nologo",
                              "--convert-to", "pdf", "--outdir", outdir};
        memcpy(argv, fixed, sizeof fixed);
        for (size_t i = first; i < w->count; i++)
            argv[FIXED + i - first] = w->items[i]->source;
        argv[FIXED + w->count - first] = NULL;
        out_watch watch = {outdir, 0};
        output_grew(&watch);
        int status = vb_child_run(argv, tmpdir, w->timeout_ms, output_grew, &watch);

        /* LibreOffice converts in order: what came out after the last PDF it finished
         * tells what happened to the rest. */
        long last = -1;
        char **pdfs = vb_xcalloc(w->count - first, sizeof *pdfs);
        int *done = vb_xcalloc(w->count - first, sizeof *done);
        for (size_t i = first; i < w->count; i++) {
            pdfs[i - first] = pdf_path(outdir, w->items[i]);
            done[i - first] = vb_pdf_file_complete(pdfs[i - first]);
            if (done[i - first])
                last = (long)i;
        }
        int ended_normally = status >= 0 && status < 128;
        int retry = status >= 128 || status == VB_CHILD_TIMEOUT; /* a crash or a hang */
        size_t next = w->count;
        for (size_t i = first; i < w->count; i++) {
            batch_item *it = w->items[i];
            char reason[1200];
            if (done[i - first]) {
                deliver(w->b, it, pdfs[i - first]);
            } else if (ended_normally || (long)i < last) {
                /* LibreOffice went on past it: it could not load or export this one. */
                snprintf(reason, sizeof reason, MSG(lang, "LibreOffice không chuyển được %s sang PDF",
                                                    "LibreOffice could not convert %s to PDF"), it->shown);
                fail_item(w->b, it, reason);
            } else if ((long)i == last + 1 || !retry) {
                /* The document it was on when it crashed, hung or was stopped. */
                describe_stop(lang, status, w->timeout_ms, it->shown, reason, sizeof reason);
                fail_item(w->b, it, reason);
            } else {
                /* Never reached: another LibreOffice takes them. */
                next = i;
                break;
            }
        }
        for (size_t i = first; i < w->count; i++)
            free(pdfs[i - first]);
        free(pdfs);
        free(done);
        first = next;
        if (first < w->count) {
            /* A fresh profile too: the old one may be locked by the dead process. */
            char *old = vb_xmalloc(n);
            snprintf(old, n, "%s/profile", w->dir);
            vb_remove_tree(old);
            free(old);
        }
    }
    /* The profile and LibreOffice's files go now; the PDFs stay for the caller until the
     * batch is freed (with its work directory). */
    char *gone = vb_xmalloc(n);
    snprintf(gone, n, "%s/profile", w->dir);
    vb_remove_tree(gone);
    free(gone);
    vb_remove_tree(tmpdir);
    free(argv);
    free(profile);
    free(outdir);
    free(tmpdir);
    return NULL;
}

/* One document through the LibreOffice kept for previews. Returns 1 when it cannot serve. */
static int run_reused(vb_pdf_batch *b, batch_item *it, const char *soffice, long timeout_ms)
{
    size_t n = strlen(b->work) + 32;
    char *outdir = vb_xmalloc(n);
    snprintf(outdir, n, "%s/office-out", b->work);
    mkdir(outdir, 0700);
    char err[1200];
    int rc = vb_office_convert(soffice, it->source, outdir, timeout_ms, b->lang, err, sizeof err);
    if (rc == 0) {
        char *pdf = pdf_path(outdir, it);
        if (vb_pdf_file_complete(pdf))
            deliver(b, it, pdf);
        else
            rc = 1;
        free(pdf);
    } else if (rc < 0) {
        fail_item(b, it, err);
    }
    free(outdir);
    return rc > 0;
}

size_t vb_pdf_batch_run(vb_pdf_batch *b, int workers, long timeout_ms, int reuse)
{
    size_t pending = 0;
    for (size_t i = 0; i < b->count; i++)
        pending += b->items[i].state == ITEM_PENDING;
    char *soffice = pending ? vb_find_soffice() : NULL;
    if (pending && !soffice) {
        for (size_t i = 0; i < b->count; i++)
            if (b->items[i].state == ITEM_PENDING)
                fail_item(b, &b->items[i], MSG(b->lang, "PDF cần LibreOffice, máy này chưa cài "
                                                        "(Debian: apt-get install libreoffice-writer-nogui)",
                                               "PDF needs LibreOffice, which is not installed "
                                               "(Debian: apt-get install libreoffice-writer-nogui)"));
        pending = 0;
    }
    if (pending == 1 && reuse) {
        for (size_t i = 0; i < b->count; i++)
            if (b->items[i].state == ITEM_PENDING && !run_reused(b, &b->items[i], soffice, timeout_ms))
                pending = 0;
    }
    if (pending) {
        if (workers < 1)
            workers = 1;
        if ((size_t)workers > pending)
            workers = (int)pending;
        batch_item **order = vb_xcalloc(pending, sizeof *order);
        size_t k = 0;
        for (size_t i = 0; i < b->count; i++)
            if (b->items[i].state == ITEM_PENDING)
                order[k++] = &b->items[i];
        worker *ws = vb_xcalloc((size_t)workers, sizeof *ws);
        pthread_t *threads = vb_xcalloc((size_t)workers, sizeof *threads);
        int *started = vb_xcalloc((size_t)workers, sizeof *started);
        unsigned run = b->runs++;
        /* Contiguous shares, as even as can be. */
        size_t at = 0;
        for (int w = 0; w < workers; w++) {
            size_t share = pending / (size_t)workers + ((size_t)w < pending % (size_t)workers);
            ws[w].b = b;
            ws[w].items = order + at;
            ws[w].count = share;
            ws[w].soffice = soffice;
            ws[w].timeout_ms = timeout_ms;
            size_t n = strlen(b->work) + 48;
            ws[w].dir = vb_xmalloc(n);
            snprintf(ws[w].dir, n, "%s/w%u-%d", b->work, run, w);
            at += share;
        }
        for (int w = 1; w < workers; w++)
            started[w] = pthread_create(&threads[w], NULL, worker_run, &ws[w]) == 0;
        worker_run(&ws[0]); /* this thread is a worker too */
        for (int w = 1; w < workers; w++) {
            if (started[w])
                pthread_join(threads[w], NULL);
            else
                worker_run(&ws[w]);
        }
        for (int w = 0; w < workers; w++)
            free(ws[w].dir);
        free(ws);
        free(threads);
        free(started);
        free(order);
    }
    free(soffice);
    size_t failed = 0;
    for (size_t i = 0; i < b->count; i++)
        failed += b->items[i].state == ITEM_FAILED;
    return failed;
}

int vb_pdf_batch_result(const vb_pdf_batch *b, long item, char *err, size_t err_size)
{
    const batch_item *it = &b->items[item];
    if (it->state == ITEM_DONE)
        return 0;
    snprintf(err, err_size, "%s", it->error ? it->error : MSG(b->lang, "chưa chuyển sang PDF", "not converted to PDF"));
    return -1;
}

const char *vb_pdf_batch_output(const vb_pdf_batch *b, long item)
{
    return b->items[item].state == ITEM_DONE ? b->items[item].produced : NULL;
}

void vb_pdf_batch_free(vb_pdf_batch *b)
{
    if (!b)
        return;
    for (size_t i = 0; i < b->count; i++) {
        free(b->items[i].source);
        free(b->items[i].dest);
        free(b->items[i].shown);
        free(b->items[i].produced);
        free(b->items[i].error);
    }
    free(b->items);
    vb_remove_tree(b->work);
    free(b->work);
    pthread_mutex_destroy(&b->lock);
    free(b);
}
