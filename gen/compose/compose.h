/* Stage compose: takes a vb_document and its layout; gives the document as a sequence of
 * styled paragraphs, tables and rules through a vb_sink that each writer implements. */
/* Composition: the walk from the model to a sequence of styled paragraphs, borderless
 * tables and rules, in document order. It decides what text goes where and in which
 * element style; each output format implements the sink and only spells it out. */
#ifndef VB_COMPOSE_H
#define VB_COMPOSE_H

#include "layout/geometry.h"
#include "layout/layout.h"
#include "model/model.h"

/* A piece of text with emphasis on top of its paragraph's style; '\n' is a line break.
 * With VB_RUN_NOTE the text is a footnote's, to be set at the foot of the page. */
typedef struct {
    const char *text;
    unsigned style; /* VB_RUN_BOLD | VB_RUN_ITALIC */
} vb_span;

/* Paragraph settings beyond the element's style; -1 keeps the style's value. */
typedef struct {
    int indent_left, indent_right, indent_first;
    int space_before, space_after;
    int keep_with_next;
    int align; /* a vb_align, or -1 */
    int box_width, box_height; /* a single-line box of this size, centred (twips; 0: none),
                                  drawn with the layout's rule thickness */
    int rule_above;       /* a solid rule along the paragraph's top, its full width (ô 13) */
} vb_para_props;

/* A frame out of the text's flow at a fixed place on page 1 (ô 11, the draft mark, ô 13):
 * its top-left corner from the page's top-left corner, and its size, in twips. */
typedef struct {
    int x, y, width, height;
} vb_frame_props;

extern const vb_para_props VB_PARA_DEFAULT;

/* A table's settings: a layout table (header, signature) is borderless; a data table
 * (bang) has single-line borders, and its header rows repeat at the top of every page. */
typedef struct {
    int bordered;
} vb_table_props;

/* A cell's place in a data table's grid. */
typedef struct {
    unsigned colspan;  /* columns it spans (≥ 1) */
    unsigned rowspan;  /* rows it spans (≥ 1), on the cell that starts the span */
    int continued;     /* 1: the lower part of a cell spanning down from a row above */
} vb_cell_span;

/* Page set-up from here on: a new section starts on a new page. */
typedef struct {
    int landscape;
    int restart_numbering;   /* page numbers start again from 1 */
    int first_page_unnumbered; /* its first page shows no number (NĐ30 §I.7) */
} vb_section_props;

typedef struct {
    void (*paragraph)(void *ctx, vb_element element, const vb_para_props *props,
                      const vb_span *spans, size_t count);
    /* An empty paragraph carrying a solid rule of `length`, centred in `width`. */
    void (*rule)(void *ctx, int width, int length, int space_after);
    /* A table of fixed column widths whose rows never split across pages. `props` NULL:
     * borderless. */
    void (*table_begin)(void *ctx, const int *widths, int columns, const vb_table_props *props);
    /* `header`: a header row, repeated on every page (they come first). */
    void (*row_begin)(void *ctx, int header);
    /* `span` NULL: a plain cell. `width` is the width of all the columns it spans. */
    void (*cell_begin)(void *ctx, int column, int width, const vb_cell_span *span);
    void (*cell_end)(void *ctx);
    void (*row_end)(void *ctx);
    void (*table_end)(void *ctx);
    /* What follows starts a new section on a new page. */
    void (*section_break)(void *ctx, const vb_section_props *next);
    /* One paragraph in a frame on page 1 (it comes right after the header table); the text
     * flows around it, never beside it. NULL: the sink has no frames. */
    void (*frame)(void *ctx, const vb_frame_props *frame, vb_element element,
                  const vb_para_props *props, const vb_span *spans, size_t count);
} vb_sink;

/* Whether the document uses an element that not every document has (VB_EL_CIRCULATION,
 * VB_EL_DRAFT_MARK, VB_EL_CONTACT): the writers declare its style only then. Every other
 * element: 1. */
int vb_compose_uses(const vb_document *doc, vb_element element);

/* Walks the document: header (ô 1–4), title (ô 5), Kính gửi (ô 9a), the preamble, the body
 * (ô 6), Nơi nhận and signature (ô 7, 9b), then the appendices. Table rows kept in files are
 * read as they are written. Returns 0, or -1 with "file:line:col: reason" in `err` when a
 * table's file cannot be read (the sink has then seen part of the document: discard it). */
int vb_compose(const vb_document *doc, const vb_layout *layout, const vb_geometry *geo,
               const vb_sink *sink, void *ctx, char *err, size_t err_size);

#endif
