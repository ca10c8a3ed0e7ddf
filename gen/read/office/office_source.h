/* The neutral list a DOCX or an ODT file is turned into before anything is recognised:
 * paragraphs and tables in reading order, each paragraph with its text, its runs and its
 * formatting resolved through the styles. The two extractors (docx_extract.c,
 * odt_extract.c) fill it; the recogniser (recognise.c) and the layout rules
 * (layout_rules.c) read only it. */
#ifndef VB_OFFICE_SOURCE_H
#define VB_OFFICE_SOURCE_H

#include <stddef.h>

#include "model/diag.h"

typedef enum {
    OF_PARA,
    OF_TABLE_BEGIN,
    OF_ROW_BEGIN,
    OF_CELL_BEGIN,
    OF_CELL_END,
    OF_ROW_END,
    OF_TABLE_END,
    OF_SECTION_END, /* the section (page set-up) of what came before ends here */
    OF_SPOOLED,     /* rows of a long table kept in the spool (office_spool.h): read them
                       through a cursor, in their place */
} of_kind;

/* Emphasis as the reader sees it. */
enum { OF_BOLD = 1u, OF_ITALIC = 2u, OF_NOTE = 4u, OF_CAPS = 8u, OF_UNDERLINE = 16u };

typedef struct {
    char *text;
    unsigned flags;   /* OF_* as printed (style and direct formatting resolved) */
    double size_pt;   /* 0: unknown */
    char *font;       /* NULL: unknown */
} of_run;

/* Formatting of a paragraph; -1 in a number: not said anywhere (the application default). */
typedef struct {
    int align;        /* a vb_align, or -1 */
    int indent_left, indent_right, indent_first; /* twips; first < 0 is a hanging indent */
    int space_before, space_after; /* twips */
    int line_240ths;  /* line spacing as a multiple of 240; -1 exact or unknown */
    int border_bottom; /* a line under the paragraph (a rule) */
    int border_box;   /* a box around it (độ mật, độ khẩn) */
    int keep_next;
    int tab_stops;    /* how many tab stops it sets */
    int outline_level; /* 1–9 from a heading style, 0 none */
    /* run formatting of the paragraph's style (what emphasis is relative to) */
    unsigned style_flags;
    double style_size_pt;
} of_para_format;

typedef struct {
    unsigned number;  /* 1-based, in reading order: body, tables in place, notes after */
    char *text;       /* the runs' text (notes excluded); '\t' tab, '\n' line break */
    of_run *runs;
    size_t run_count, run_cap;
    char *style_id;   /* the paragraph style (ODT: the named parent of an automatic style) */
    char *style_name; /* its display name */
    char *label;      /* the label automatic numbering shows ("1.", "a)", "-"), or NULL */
    int list_level;   /* 0-based level of that numbering, -1 none */
    of_para_format fmt;
    int in_note;      /* the text of a footnote */
    int in_textbox;   /* inside a text box or a frame */
    int drawn_rule;   /* carries a drawn horizontal line (a shape) */
    int page_break_before;
    int section;      /* index into of_source.sections */
} of_para;

typedef struct {
    unsigned colspan; /* ≥ 1 */
    int vmerge;       /* 0 none, 1 starts a vertical merge, 2 continues one */
    int header;       /* OF_ROW_BEGIN: a header row, repeated on each page */
    int bordered;     /* OF_TABLE_BEGIN: lines around its cells */
    int columns;      /* OF_TABLE_BEGIN: columns of its grid */
} of_struct;

/* OF_SPOOLED: where its rows are in the spool, and the paragraphs they hold. */
typedef struct {
    unsigned long long offset, size; /* bytes of the spool */
    size_t rows;
    unsigned first_paragraph, last_paragraph; /* 0: none */
} of_spooled;

typedef struct {
    of_kind kind;
    union {
        of_para para;
        of_struct s;
        of_spooled spooled;
    } u;
} of_item;

typedef struct {
    int page_width, page_height; /* twips; 0 unknown */
    int margin_top, margin_bottom, margin_left, margin_right;
    int landscape;
    int title_page;          /* a different first page */
    int numbers_in_header;   /* a PAGE field in the header of the following pages */
    int number_on_first;     /* a PAGE field on the first page too */
    unsigned first_paragraph; /* where it starts, in reading order */
} of_section;

typedef struct vb_office_source {
    char *path;
    int is_odt;
    of_item *items;
    size_t count, cap;
    of_section *sections;
    size_t section_count;
    unsigned paragraphs;     /* paragraphs numbered so far */
    char *default_font;      /* the document default (docDefaults / default style) */
    double default_size_pt;
    int has_comments, has_tracked_changes, has_macros; /* what was found and set aside */
    /* The rows of a long bordered table past the first OF_ROWS_IN_MEMORY go to the spool. */
    struct of_spool *spool;  /* NULL until needed */
    int spool_failed;        /* no temporary file: rows stay in memory */
    int table_depth;         /* tables open while extracting */
    size_t table_begin, row_begin; /* items of the open top-level table and row */
    size_t table_rows;       /* rows of the open top-level table so far */
} vb_office_source;

/* Rows of a table kept as items before the rest go to the spool: every ordinary table. */
#define OF_ROWS_IN_MEMORY 100u

/* Appends an item; returns it (valid until the next append). */
of_item *of_source_add(vb_office_source *src, of_kind kind);
/* Appends OF_ROW_END. The row is then moved to the spool when it belongs to a bordered
 * top-level table already OF_ROWS_IN_MEMORY rows long, holds only plain paragraphs (no
 * nested table, text box, drawn line, box or page break), and `may_move` says nothing the
 * extractor still points at lies inside it. */
void of_source_end_row(vb_office_source *src, int may_move);
/* Appends text with formatting to a paragraph (merging with the last run when equal). */
void of_para_add_text(of_para *p, const char *text, size_t len, unsigned flags, double size_pt,
                      const char *font);
/* Starts a new section whose page set-up is not yet known. */
of_section *of_source_add_section(vb_office_source *src);
void of_source_free(vb_office_source *src);
/* The text of paragraph `number`, or NULL. */
const of_para *of_source_paragraph(const vb_office_source *src, unsigned number);

#endif
