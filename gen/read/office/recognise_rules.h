/* What makes a paragraph one of the components of NĐ30 Phụ lục I (the Tiêu ngữ, the số
 * line, a Nơi nhận item, a heading "I." / "1." / "a)" / "Điều 3." / "Chương II", …), as data:
 * one table (recognise_rules.c), read by the recogniser. */
#ifndef VB_RECOGNISE_RULES_H
#define VB_RECOGNISE_RULES_H

#include <stddef.h>

#include "layout/layout.h"

typedef enum {
    RM_EXACT_UPPER,  /* the text, upper-cased with single spaces, is one of the patterns */
    RM_PREFIX,       /* the text starts with one of the patterns */
    RM_PREFIX_UPPER, /* … compared upper-cased */
    RM_CONTAINS_ALL, /* the text contains every pattern */
    RM_NUMBER_LINE,  /* a pattern, then a number or blanks, then "/" or "-" and a code */
    RM_DATE_LINE,    /* "…, ngày DD tháng MM năm YYYY", day and month possibly blank */
    RM_APPENDIX,     /* a pattern alone, or with a Roman or Arabic number */
    RM_WORD_LABEL,   /* a pattern then a number: "Điều 3.", "Chương II" */
    RM_ROMAN_LABEL,  /* "I." / "II-": a Roman number then one of the patterns */
    RM_ARABIC_LABEL, /* "1." / "1.2.": Arabic numbers joined by the pattern */
    RM_LETTER_LABEL, /* "a)" / "đ)" */
    RM_BULLET,       /* one of the patterns then a space */
    RM_CONTACT,      /* ô 13: a contact label (the table below) first, and a second one after */
} vb_recognise_match;

typedef struct {
    const char *component;    /* the decree's name for it: "ô 1: Tiêu ngữ" */
    vb_element element;       /* the layout element it is */
    vb_recognise_match match;
    const char *patterns;     /* '|'-separated */
    int header_only;          /* only recognised in the header (ô 1–5, ô 10) */
} vb_recognise_rule;

const vb_recognise_rule *vb_recognise_rules(size_t *count);

/* Whether `read` is the text vanban wrote as `written`: the same, but for the non-breaking
 * hyphens (U+2011) vanban writes between numbers, which the reader gives as "-". */
int vb_recognise_same_text(const char *written, const char *read);

/* What a paragraph's text is. */
typedef struct {
    const vb_recognise_rule *rule; /* NULL: plain text */
    size_t label_len;   /* bytes of the label and the blanks after it (headings, bullets) */
    int depth;          /* "1.2." → 2 */
    int bullet_level;   /* 1 "-", 2 "+" */
    int own_line;       /* Phần / Chương with nothing after the number */
} vb_recognised;

/* Classifies `text` (NFC): the first rule of the table it matches. `in_header`: the
 * header's rules are tried too. */
void vb_recognise_text(const char *text, int in_header, vb_recognised *out);

/* ô 13's fields (NĐ30 PL I §III.4), in the order vanban prints them. */
typedef enum {
    VB_CONTACT_ADDRESS,
    VB_CONTACT_PHONE,
    VB_CONTACT_FAX,
    VB_CONTACT_EMAIL,
    VB_CONTACT_WEBSITE,
} vb_contact_field;

/* The ô 13 field whose label starts `text` ("Địa chỉ:", "ĐT:", "Điện thoại:", "E-mail:" …),
 * with the label's bytes and the blanks after it in *len; -1 when none. */
int vb_contact_label_at(const char *text, size_t *len);

#endif

/* The columns of a task table (NĐ30 PL III Mẫu 1.4 laid out as a table: STT | Nhiệm vụ |
 * Chủ trì | Phối hợp | Thời gian | Sản phẩm), in the order they stand. */
typedef enum {
    VB_TASK_COLUMN_STT,
    VB_TASK_COLUMN_ACTION,
    VB_TASK_COLUMN_AGENCY,
    VB_TASK_COLUMN_COORDINATOR,
    VB_TASK_COLUMN_DEADLINE,
    VB_TASK_COLUMN_PRODUCT,
    VB_TASK_COLUMN_COUNT,
} vb_task_column;

/* The task column a header cell names (compared upper-cased, blanks squeezed), or -1. */
int vb_task_column_of(const char *header);
/* Whether a task table must have that column (STT, Nhiệm vụ, Chủ trì). */
int vb_task_column_required(vb_task_column column);
