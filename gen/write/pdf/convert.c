#define _XOPEN_SOURCE 700
#include "convert.h"

#include <dirent.h>
#include <errno.h>
#include <png.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <zlib.h>

#include "child.h"
#include "layout/format.h"
#include "model/model.h"
#include "package/atomic_file.h"

#define MSG(lang, vi, en) ((lang) == VB_LANG_EN ? (en) : (vi))

typedef struct {
    long number;
    char *path;
} ppm_page;

static int by_number(const void *a, const void *b)
{
    long x = ((const ppm_page *)a)->number, y = ((const ppm_page *)b)->number;
    return (x > y) - (x < y);
}

/* The pages pdftoppm wrote into `dir` as p-<n>.ppm, in page order. */
static size_t list_pages(const char *dir, ppm_page **out)
{
    DIR *d = opendir(dir);
    size_t count = 0, cap = 0;
    ppm_page *pages = NULL;
    for (struct dirent *e; d && (e = readdir(d));) {
        char *end = NULL;
        if (strncmp(e->d_name, "p-", 2) != 0)
            continue;
        long number = strtol(e->d_name + 2, &end, 10);
        if (!end || strcmp(end, ".ppm") != 0 || number < 1)
            continue;
        if (count == cap) {
            cap = cap ? cap * 2 : 16;
            pages = vb_xrealloc(pages, cap * sizeof *pages);
        }
        size_t n = strlen(dir) + strlen(e->d_name) + 2;
        pages[count].number = number;
        pages[count].path = vb_xmalloc(n);
        snprintf(pages[count].path, n, "%s/%s", dir, e->d_name);
        count++;
    }
    if (d)
        closedir(d);
    qsort(pages, count, sizeof *pages, by_number);
    *out = pages;
    return count;
}

/* Reads a binary PPM (P6, 8 bits): the header as netpbm defines it, then the pixels.
 * pdftoppm writes PNGs itself, but at zlib's default level: 1.9 s for a 5-page document at
 * 150 dpi against 0.17 s for PPMs, which libpng then encodes at its fastest level. A
 * netpbm library for this one header would be a dependency for a dozen lines. */
static unsigned char *read_ppm(const char *path, unsigned *width, unsigned *height)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    unsigned values[3];
    int ok = fgetc(f) == 'P' && fgetc(f) == '6';
    for (int i = 0; ok && i < 3; i++) {
        int c = fgetc(f);
        while (c == '#' || c == ' ' || c == '\t' || c == '\n' || c == '\r') {
            if (c == '#')
                while (c != '\n' && c != EOF)
                    c = fgetc(f);
            c = fgetc(f);
        }
        unsigned v = 0;
        int digits = 0;
        while (c >= '0' && c <= '9' && v < 1000000) {
            v = v * 10 + (unsigned)(c - '0');
            digits++;
            c = fgetc(f);
        }
        values[i] = v;
        ok = digits > 0 && (c == ' ' || c == '\t' || c == '\n' || c == '\r');
    }
    unsigned char *pixels = NULL;
    if (ok && values[2] == 255 && values[0] > 0 && values[1] > 0 && values[0] <= 100000 &&
        values[1] <= 100000) {
        size_t size = (size_t)values[0] * values[1] * 3;
        pixels = vb_xmalloc(size);
        if (fread(pixels, 1, size, f) != size) {
            free(pixels);
            pixels = NULL;
        }
        *width = values[0];
        *height = values[1];
    }
    fclose(f);
    return pixels;
}

static void png_to_buf(png_structp png, png_bytep data, png_size_t len)
{
    vb_buf_addn(png_get_io_ptr(png), (const char *)data, len);
}

static void png_flush_nothing(png_structp png)
{
    (void)png;
}

/* RGB pixels as a PNG in memory. Page images are mostly white with sharp text: one filter
 * (Up) and zlib's fastest level make them in a tenth of the time of libpng's defaults, at
 * sizes within a few tens of percent. Returns 0, or -1. */
static int encode_png(const unsigned char *pixels, unsigned width, unsigned height, int dpi, vb_buf *out)
{
    png_structp png = png_create_write_struct(PNG_LIBPNG_VER_STRING, NULL, NULL, NULL);
    png_infop info = png ? png_create_info_struct(png) : NULL;
    if (!info) {
        png_destroy_write_struct(&png, NULL);
        return -1;
    }
    png_bytep *rows = vb_xcalloc(height, sizeof *rows);
    if (setjmp(png_jmpbuf(png))) {
        png_destroy_write_struct(&png, &info);
        free(rows);
        return -1;
    }
    png_set_write_fn(png, out, png_to_buf, png_flush_nothing);
    png_set_compression_level(png, Z_BEST_SPEED);
    png_set_filter(png, PNG_FILTER_TYPE_BASE, PNG_FILTER_UP);
    png_set_IHDR(png, info, width, height, 8, PNG_COLOR_TYPE_RGB, PNG_INTERLACE_NONE,
                 PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);
    /* The resolution, so that a viewer can show the page at its real size. */
    png_uint_32 per_metre = (png_uint_32)(dpi / 0.0254 + 0.5);
    png_set_pHYs(png, info, per_metre, per_metre, PNG_RESOLUTION_METER);
    for (unsigned y = 0; y < height; y++)
        rows[y] = (png_bytep)(pixels + (size_t)y * width * 3);
    png_set_rows(png, info, rows);
    png_write_png(png, info, PNG_TRANSFORM_IDENTITY, NULL);
    png_destroy_write_struct(&png, &info);
    free(rows);
    return 0;
}

void vb_free_names(char **names, int count)
{
    for (int i = 0; names && i < count; i++)
        free(names[i]);
    free(names);
}

int vb_pdf_to_png(const char *pdf, const char *prefix, int dpi, long timeout_ms, vb_lang lang,
                  char ***names, char *err, size_t err_size)
{
    *names = NULL;
    char *pdftoppm = vb_find_program("pdftoppm");
    if (!pdftoppm) {
        snprintf(err, err_size, MSG(lang, "ảnh trang cần pdftoppm, máy này chưa cài (Debian: apt-get install poppler-utils)",
                                    "page images need pdftoppm, which is not installed "
                                    "(Debian: apt-get install poppler-utils)"));
        return -1;
    }
    char *work = vb_make_work_dir("vanban-png-XXXXXX");
    if (!work) {
        snprintf(err, err_size, "%s: %s", getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp", strerror(errno));
        free(pdftoppm);
        return -1;
    }
    char resolution[16];
    snprintf(resolution, sizeof resolution, "%d", dpi);
    size_t n = strlen(work) + 4;
    char *root = vb_xmalloc(n);
    snprintf(root, n, "%s/p", work);
    char *argv[] = {pdftoppm, "-r", resolution, (char *)pdf, root, NULL};
    int status = vb_child_run(argv, NULL, timeout_ms, NULL, NULL);
    int result = -1;
    ppm_page *pages = NULL;
    size_t count = 0;
    if (status != 0) {
        if (status == VB_CHILD_TIMEOUT)
            snprintf(err, err_size, MSG(lang, "pdftoppm không xong %s trong %g giây", "pdftoppm did not finish %s within %g s"),
                     pdf, timeout_ms / 1000.0);
        else if (status == VB_CHILD_INTERRUPTED)
            snprintf(err, err_size, MSG(lang, "đã dừng (tín hiệu %d)", "interrupted (signal %d)"), vb_interrupted());
        else
            snprintf(err, err_size, MSG(lang, "pdftoppm không đọc được %s (mã %d)", "pdftoppm failed on %s (status %d)"), pdf,
                     status);
    } else if ((count = list_pages(work, &pages)) == 0) {
        snprintf(err, err_size, MSG(lang, "pdftoppm không cho trang nào từ %s", "pdftoppm gave no page of %s"), pdf);
    } else {
        int width = snprintf(NULL, 0, "%zu", count);
        char **written = vb_xcalloc(count, sizeof *written);
        result = (int)count;
        for (size_t i = 0; i < count && result > 0; i++) {
            unsigned w = 0, h = 0;
            unsigned char *pixels = read_ppm(pages[i].path, &w, &h);
            vb_buf png = {0};
            if (!pixels || encode_png(pixels, w, h, dpi, &png) < 0) {
                snprintf(err, err_size, MSG(lang, "không tạo được ảnh PNG của trang %ld", "could not make the PNG of page %ld"),
                         pages[i].number);
                result = -1;
            } else {
                size_t len = strlen(prefix) + (size_t)width + 24;
                written[i] = vb_xmalloc(len);
                snprintf(written[i], len, "%s-%0*ld.png", prefix, width, pages[i].number);
                if (vb_write_file_atomic(written[i], png.data, png.len, err, err_size) < 0)
                    result = -1;
            }
            free(png.data);
            free(pixels);
            unlink(pages[i].path);
        }
        if (result > 0)
            *names = written;
        else
            vb_free_names(written, (int)count);
    }
    for (size_t i = 0; i < count; i++)
        free(pages[i].path);
    free(pages);
    vb_remove_tree(work);
    free(work);
    free(root);
    free(pdftoppm);
    return result;
}
