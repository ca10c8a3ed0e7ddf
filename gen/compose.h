/* Composition: the walk from the model to a sequence of styled paragraphs, borderless
 * tables and rules, in document order. It decides what text goes where and in which
 * element style; each output format implements the sink and only spells it out. */
#ifndef VB_COMPOSE_H
#define VB_COMPOSE_H

#include "geometry.h"
#include "layout.h"
#include "model.h"

/* A piece of text with emphasis on top of its paragraph's style; '\n' is a line break. */
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
} vb_para_props;

extern const vb_para_props VB_PARA_DEFAULT;

typedef struct {
    void (*paragraph)(void *ctx, vb_element element, const vb_para_props *props,
                      const vb_span *spans, size_t count);
    /* An empty paragraph carrying a solid rule of `length`, centred in `width`. */
    void (*rule)(void *ctx, int width, int length, int space_after);
    /* A borderless table of fixed column widths whose rows never split across pages. */
    void (*table_begin)(void *ctx, const int *widths, int columns);
    void (*row_begin)(void *ctx);
    void (*cell_begin)(void *ctx, int column, int width);
    void (*cell_end)(void *ctx);
    void (*row_end)(void *ctx);
    void (*table_end)(void *ctx);
} vb_sink;

/* Walks the document: header (ô 1–4), title (ô 5), Kính gửi (ô 9a), the preamble, the body
 * (ô 6), Nơi nhận and signature (ô 7, 9b). */
void vb_compose(const vb_document *doc, const vb_layout *layout, const vb_geometry *geo,
                const vb_sink *sink, void *ctx);

#endif
