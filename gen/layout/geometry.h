/* Widths computed from the font metrics for one document: header columns, rule lengths.
 * Both writers use the same numbers, so DOCX and ODT measure the same on the page. */
#ifndef VB_GEOMETRY_H
#define VB_GEOMETRY_H

#include "layout.h"
#include "model/model.h"

typedef struct {
    int text_width;          /* between the margins */
    int header_left_width;   /* ô 2, ô 3 column */
    int header_right_width;  /* ô 1, ô 4 column */
    int national_rule;       /* under Tiêu ngữ (state) / ĐẢNG CỘNG SẢN VIỆT NAM (Party): its text width */
    int issuer_rule;         /* under the issuer: 1/3–1/2 of its widest line (0: none) */
    int subject_rule;        /* under the trích yếu (0: none) */
    int recipients_width;    /* Nơi nhận column of the signature table */
    int signature_width;     /* signature column */
    int addressee_indent;    /* ô 9a: left indent of "Kính gửi:" so the block sits centre-right */
    int addressee_item_indent; /* … and of the "- X;" lines, under the colon's end */
} vb_geometry;

void vb_geometry_compute(const vb_layout *layout, const vb_document *doc, vb_geometry *out);

/* Width of the widest line of `text` broken greedily at spaces to fit `max_width` twips,
 * in the style of `element` (upper-cased first when the style says so). */
int vb_widest_line(const vb_layout *layout, vb_element element, const char *text, int max_width);

/* A copy of `text` (upper-cased when the element's style says so) with '\n' at the spaces
 * where a centred title should break so that its lines come out of even length, as drafters
 * break them by hand, instead of leaving one word alone on the last line. Text that fits on
 * one line, or whose balanced lines would come too close to `max_width` for the renderer's
 * own measurements to agree, comes back unbroken. Caller frees. */
char *vb_balanced_title(const vb_layout *layout, vb_element element, const char *text, int max_width);

/* Indent (each side) that centres a rule of `length` in a cell of `cell_width`. */
int vb_rule_indent(int cell_width, int length);
/* The indent on the right that goes with it (the odd twip, if any, goes right). */
int vb_rule_indent_right(int cell_width, int length);

#endif
