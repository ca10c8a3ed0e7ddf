/* The parts of page 1 that are not in the text's flow or ride on another line: ô 13 (the
 * contact block in a frame at the foot of page 1) and ô 12 (the drafter's mark and the copies
 * after the Lưu line). */
#ifndef VB_RECOGNISE_PARTS_H
#define VB_RECOGNISE_PARTS_H

#include "model/model.h"
#include "office_source.h"

/* ô 13 as found in the file: its text and its paragraph's number. */
typedef struct {
    char *text;
    unsigned number;
} vb_found_contact;

/* Takes the ô 13 paragraph out of `src` before the header is recognised (it is left in
 * place, empty, so the other paragraphs keep their numbers): vanban's contact style, or a
 * paragraph that starts with a contact label and has another (recognise_rules.c). */
vb_found_contact vb_take_contact(vb_office_source *src);

/* Fills doc->contact from what vb_take_contact found, and frees it. */
void vb_apply_contact(vb_document *doc, vb_found_contact *found);

/* ô 12: "Lưu: VT, KGVX. PL.(300)" as the last recipient → the Lưu line, the drafter's mark
 * and the copies, in the layout's form (drafter_copies_format). */
void vb_recognise_drafter(vb_document *doc);

#endif
