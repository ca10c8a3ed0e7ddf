/* WordprocessingML building blocks shared by the DOCX parts: paragraphs with a style, runs
 * with emphasis, borderless tables. Everything goes through vb_xml (xmlTextWriter). */
#ifndef VB_WML_H
#define VB_WML_H

#include "layout/layout.h"
#include "package/xmlw.h"

#define VB_WML_NS "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
#define VB_REL_NS "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
/* The character style of footnote marks (styles.xml), named as Word names its own. */
#define VB_DOCX_NOTE_REFERENCE_STYLE "FootnoteReference"
/* The paragraph style of the hidden 1 pt paragraph that ends the text (styles.xml) */
#define VB_DOCX_END_STYLE "VbKetThuc"

/* The w:jc value of an alignment. */
const char *vb_wml_jc_value(vb_align align);

/* Paragraph properties beyond the style: all zero means "just the style". */
typedef struct {
    int indent_left, indent_right, indent_first; /* twips; -1 = from the style */
    int rule_below;       /* a solid rule (bottom border) across the indented width */
    double rule_pt;
    int space_before;     /* -1 = from the style */
    int space_after;      /* -1 = from the style */
    int page_break_before;
    int keep_with_next;
    int align;            /* a vb_align, or -1 = from the style */
    int box_height;       /* > 0: a single-line box around the text, this tall (twips) */
    int rule_above;       /* a solid rule (top border) across the indented width */
    int frame_x, frame_y, frame_width, frame_height; /* frame_width > 0: the paragraph is a
                             frame at this place of the page (twips from its top-left) */
} vb_wml_para;

extern const vb_wml_para VB_WML_PLAIN;

void vb_wml_start_paragraph(vb_xml *x, vb_element element, const vb_wml_para *props);
void vb_wml_end_paragraph(vb_xml *x);
/* A run of text; `style` is VB_RUN_BOLD / VB_RUN_ITALIC on top of the paragraph style. */
void vb_wml_run(vb_xml *x, const char *text, unsigned style);
/* A whole paragraph of one plain run. */
void vb_wml_paragraph(vb_xml *x, vb_element element, const char *text);

/* An empty paragraph carrying a centred rule of `length` in a space `width` wide;
 * `space_after` -1 keeps the style's. */
void vb_wml_rule(vb_xml *x, const vb_layout *layout, int width, int length, int space_after);

/* A table with fixed column widths, centred: borderless (`border_pt` 0, `cell_air` 0: no
 * w:tblBorders, the table style's none) for layout, single lines for data. Rows never split
 * across pages; header rows repeat. */
void vb_wml_start_table(vb_xml *x, const int *widths, int columns, double border_pt, int cell_air);
void vb_wml_start_row(vb_xml *x, int header);
/* `width` in twips, or 0 to leave it to the table grid (w:tcW is optional: a data table of
 * 100 000 rows would repeat its grid in every cell). `vmerge`: 0 none, 1 starts a cell
 * spanning down, 2 continues one from above. */
void vb_wml_start_cell(vb_xml *x, int width, unsigned colspan, int vmerge);
void vb_wml_end_cell(vb_xml *x);

/* The superscript mark of footnote `id` (its text is in word/footnotes.xml). */
void vb_wml_note_reference(vb_xml *x, int id);

#endif
