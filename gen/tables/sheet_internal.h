/* What sheet.c and its two readers, xlsx.c and ods.c, share; the shared helpers are in sheet_parts.c.
 *
 * A reader turns its file into raw rows: a row number, how many times the row repeats
 * (ODS's number-rows-repeated; 1 in XLSX) and the non-empty cells by column. sheet.c does
 * the rest for both: the range, the used area, merged cells, empty rows, the row buffer
 * handed to the caller. Each sheet is read twice: a first pass (`scanning`) finds the used
 * area and the merges (XLSX writes them after the rows), the second returns the rows. */
#ifndef VB_TABLES_SHEET_INTERNAL_H
#define VB_TABLES_SHEET_INTERNAL_H

#include <stdint.h>

#include <libxml/xmlreader.h>
#include <zip.h>

#include "model/diag.h"
#include "sheet.h"

#define KIB 1024ull
#define MIB (1024ull * KIB)
#define GIB (1024ull * MIB)

/* Excel's sheet size; LibreOffice's default too. */
#define VB_SHEET_MAX_ROWS 1048576u
#define VB_SHEET_MAX_COLS 16384u

/* How much a file may make us read or hold. Tests lower them to build small bombs. */
typedef struct {
    uint64_t sheet_part;          /* a worksheet part, or ODS content.xml, inflated */
    uint64_t shared_strings_part; /* xl/sharedStrings.xml, inflated */
    uint64_t small_part;          /* workbook, relationships, styles, manifest, inflated */
    uint64_t shared_strings_text; /* shared strings held in memory */
    size_t shared_strings_count;
    size_t merges;                /* merged areas in one sheet */
    size_t number_formats;        /* custom number formats (XLSX), data styles (ODS) */
    size_t cell_formats;          /* XLSX cellXfs, ODS cell styles */
    uint64_t ratio_floor;         /* parts inflating to more than this are checked for... */
    uint64_t max_ratio;           /* ...a compression ratio above this (zip bombs) */
    uint64_t cells;               /* cells returned from one sheet */
    size_t cell_bytes;            /* text of one cell or one shared string */
    size_t row_bytes;             /* text of one row (cells repeating a shared string) */
} vb_sheet_limits;

extern vb_sheet_limits vb_sheet_limits_in_force;

/* A growing text buffer that stops growing at `limit` (then `over` is set). */
typedef struct {
    char *data;
    size_t len, cap;
    size_t limit;
    int over;
} sheet_buf;

void sheet_buf_add(sheet_buf *b, const char *s, size_t n);
void sheet_buf_clear(sheet_buf *b);
void sheet_buf_free(sheet_buf *b);

/* One XML part of the package streamed through libxml2's xmlTextReader, counting the bytes
 * inflated so that a part lying about its size is stopped all the same. */
typedef struct {
    vb_sheet *sheet;
    char *part;           /* its name in the package */
    const char *what_vi;  /* what it holds, for messages: "chuỗi dùng chung" */
    const char *what_en;  /* "shared strings" */
    zip_file_t *file;
    uint64_t declared;    /* its size in the zip's directory */
    uint64_t limit;
    uint64_t inflated;    /* bytes read so far */
    xmlTextReaderPtr reader;
    int type;             /* the current node's type, asked once per node */
} sheet_xml;

/* Opens `part`; returns 1, 0 when the package has no such part (no error set), -1 on an
 * error (over the limits, encrypted, unreadable). */
int sheet_xml_open(vb_sheet *s, sheet_xml *x, const char *part, uint64_t limit,
                   const char *what_vi, const char *what_en);
/* The next node: 1, 0 at the end, -1 on an error (malformed XML, over the limits). */
int sheet_xml_read(sheet_xml *x);
/* Skips the current element's subtree; the node after it is current. Same returns. */
int sheet_xml_skip(sheet_xml *x);
void sheet_xml_close(sheet_xml *x);
/* The current node's local name, and whether it is a start tag or an end tag. */
const char *sheet_xml_name(const sheet_xml *x);
int sheet_xml_is_start(const sheet_xml *x);
int sheet_xml_is_end(const sheet_xml *x);
int sheet_xml_is_text(const sheet_xml *x);
/* Calls fn(ctx, local name, value) for each attribute of the current element. */
void sheet_xml_attributes(sheet_xml *x, void (*fn)(void *ctx, const char *name,
                                                   const char *value), void *ctx);
/* 1 when the part exists in the package. */
int sheet_part_exists(vb_sheet *s, const char *part);

/* What each reader provides. */
typedef struct {
    /* Reads the next raw row (sheet_row_begin, sheet_row_cell): 1, 0 at the end of the
     * sheet, -1 after sheet_fail. While scanning it also reports merges (sheet_add_merge). */
    int (*next_row)(vb_sheet *s);
    /* After the first pass: back to the first row, for the second. 0, or -1 after sheet_fail. */
    int (*restart)(vb_sheet *s);
    void (*free)(void *impl);
} sheet_backend;

typedef struct {
    uint64_t col;
    size_t offset, length; /* in raw_text */
    int numeric;
} sheet_raw_cell;

typedef struct {
    unsigned r1, c1, r2, c2;
    int anchor_outside; /* a merge whose top-left cell the range leaves out: its text too */
} sheet_area;

struct vb_sheet {
    char *path;
    char *sheet_name;      /* the sheet read, for messages; NULL until chosen */
    vb_lang lang;          /* the language of the messages */
    zip_t *zip;
    const sheet_backend *backend;
    void *impl;
    int scanning;          /* 1 during the first pass */

    sheet_area bounds;     /* the range asked for (1..max where it is open) */
    int rows_given, cols_given;
    sheet_area used;       /* found by the first pass: rows and first column returned */
    int has_content;

    /* The raw row being read or returned. */
    uint64_t raw_row, raw_repeat;
    sheet_raw_cell *raw;
    size_t raw_count, raw_cap;
    sheet_buf raw_text;
    int raw_valid, raw_done;

    sheet_area *merges;    /* clipped to the bounds, sorted by first row after the scan */
    size_t merge_count, merge_cap, merge_next;
    size_t *active;        /* merges over the row being built */
    size_t active_count;

    vb_sheet_cell *cells;  /* the row handed out */
    size_t cell_cap;
    uint64_t next_row;     /* the next row number to hand out */
    uint64_t cells_counted;

    char *error;           /* kept: every later call reports it again */
};

/* Records "path: reason" (the first error wins) and returns -1. The reason is given in both
 * languages, VI_EN("…", "…"), formats taking the same arguments; the sheet's language picks. */
int sheet_fail(vb_sheet *s, const char *vi, const char *en, ...)
    __attribute__((format(printf, 2, 4), format(printf, 3, 4)));
/* Records "path: sheet!B3: reason" (Vietnamese: "path: trang tính "sheet", ô B3: reason")
 * and returns -1. */
int sheet_fail_cell(vb_sheet *s, uint64_t row, uint64_t col, const char *vi, const char *en, ...)
    __attribute__((format(printf, 4, 6), format(printf, 5, 6)));
/* The format of the sheet's language: sheet_text(s, VI_EN("…", "…")). */
const char *sheet_text(const vb_sheet *s, const char *vi, const char *en);
/* "B3" of a cell, in buf (at least 24 bytes). */
const char *sheet_cell_name(uint64_t row, uint64_t col, char *buf, size_t size);
/* "2.0 GiB", "256 MiB", "12 bytes" ("12 byte" in Vietnamese). */
const char *sheet_size_text(const vb_sheet *s, uint64_t bytes, char *buf, size_t size);
/* libzip's reason for `e` and libxml2's for `error`, in the sheet's language (libzip and
 * libxml2 speak English only). */
const char *sheet_zip_reason(const vb_sheet *s, zip_error_t *e, char *buf, size_t size);
const char *sheet_xml_reason(const vb_sheet *s, const xmlError *error, char *buf, size_t size);
/* Parses a reference "B3", "$B$3", "B" or "3" of `len` bytes; 0 when it is none. */
int sheet_parse_ref(const char *s, size_t len, unsigned *col, unsigned *row);
/* Parses an area "A1:B2" (or one cell "A1"); 0 when it is none. */
int sheet_parse_area(const char *s, sheet_area *area);

void sheet_row_begin(vb_sheet *s, uint64_t row, uint64_t repeat);
/* A non-empty cell at `col` (1-based), repeated `repeat` times to the right. Cells come in
 * increasing column order. Returns 0, or -1 after sheet_fail. */
int sheet_row_cell(vb_sheet *s, uint64_t col, uint64_t repeat, const char *text, size_t len,
                   int numeric);
/* A merged area seen while scanning; 0, or -1 after sheet_fail (too many). */
int sheet_add_merge(vb_sheet *s, uint64_t r1, uint64_t c1, uint64_t r2, uint64_t c2);

/* "the sheets are "A", "B"": for an unknown sheet name. */
void sheet_fail_unknown(vb_sheet *s, const char *wanted, char *const *names, size_t count);

#endif
