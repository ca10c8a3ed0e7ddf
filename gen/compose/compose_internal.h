/* What the parts of the composition share (compose.c and compose_parts.c): the walk's state
 * and its paragraph helpers. Not for use outside gen/compose/. */
#ifndef VB_COMPOSE_INTERNAL_H
#define VB_COMPOSE_INTERNAL_H

#include "compose.h"

typedef struct {
    const vb_document *doc;
    const vb_layout *layout;
    const vb_geometry *geo;
    const vb_sink *sink;
    void *ctx;
    const vb_node *last_text_node; /* gets the "./." end mark */
    int text_width;       /* of the current section: portrait or landscape */
    int landscape;        /* the current section's orientation */
    char *err;            /* the first error, "file:line:col: reason" */
    size_t err_size;
    int failed;
} composer;

/* compose.c */
/* A paragraph of one text, upper-cased when the element's style says so. */
void text_paragraph(composer *c, vb_element el, const vb_para_props *props, const char *text);
/* A centred title whose lines are balanced to fit `width`. */
void title_paragraph(composer *c, vb_element el, const vb_para_props *props, const char *text,
                     int width);
void compose_children_from(composer *c, const vb_node *first);
/* ô 5b of a công văn under its number, "V/v" and the trích yếu; nothing for other documents. */
void compose_cong_van_subject(composer *c, int width);
/* ô 4, the place and date, where the type has one (not a biên bản, Mẫu 1.9). */
void compose_date_line(composer *c);
void compose_recipients(composer *c);
void compose_signer(composer *c, const vb_signer *s, int width);
void section_break(composer *c, int landscape, int restart);
/* The text that ends with "./.": none when a table ends the content. */
const vb_node *find_last_text_node(const vb_node *root);

/* compose_parts.c */
/* The header of a joint document: the bodies side by side, ô 1 on the right, one ô 3. */
void vb_compose_joint_header(composer *c);
/* ô 11 and the draft mark in the top margin, ô 13 at the foot of page 1. */
void vb_compose_page_one_frames(composer *c);
/* ô 12 after the Lưu line: "- Lưu: VT, KGVX. PL.(300)." (caller frees). */
char *vb_compose_with_drafter(composer *c, const char *last_recipient_line);
/* The documents issued with this one, each on pages of its own. */
void vb_compose_attachments(composer *c);

#endif
