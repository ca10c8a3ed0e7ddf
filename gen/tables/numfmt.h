/* Spreadsheet values written the Vietnamese way: "." between thousands, "," before the
 * decimals (1.234.567,5; 34,6%), dates as dd/mm/yyyy (05/01/2024), times as 14:30.
 *
 * A cell's number format (Excel's format code, an Excel built-in id, or what an ODS data
 * style says) is first reduced to a vb_numfmt: how many decimals, whether thousands are
 * grouped, a percentage, which parts of a date or time it shows, and the literal text around
 * the number ("1.879 người"). Values are then written from that, never with the locale of
 * the machine: the result is the same everywhere. */
#ifndef VB_TABLES_NUMFMT_H
#define VB_TABLES_NUMFMT_H

#include <stddef.h>

/* Literal text around a number in one section of a format ("(" and ")", " ₫", "%"). */
#define VB_NUMFMT_AFFIX_SIZE 32

/* One section of a number format: Excel's "positive;negative;zero" are three of them. */
typedef struct {
    int digits;       /* 1: the section shows the number; 0: only its text (the "-" of an
                         accounting zero) */
    int min_decimals; /* places always written ("0.00" → 2) */
    int max_decimals; /* places at most ("0.0#" → 2); -1: the shortest representation that
                         gives the value back, at 15 significant digits */
    int grouping;     /* 1: "." between thousands */
    int int_zero;     /* 1: a zero integer part is written ("0,5"); 0: it is left out (",5"
                         for "#.##", nothing at all for the "-"?? of an accounting zero) */
    int percent;      /* 1: the value is multiplied by 100 (the "%" is in the affixes) */
    int scale;        /* the value is divided by 1000 this many times ("#,##0," → 1) */
    char prefix[VB_NUMFMT_AFFIX_SIZE];
    char suffix[VB_NUMFMT_AFFIX_SIZE];
} vb_numfmt_section;

/* The parts of a date or time a format shows. */
enum {
    VB_NUMFMT_DAY = 1u << 0,
    VB_NUMFMT_MONTH = 1u << 1,
    VB_NUMFMT_YEAR = 1u << 2,
    VB_NUMFMT_HOUR = 1u << 3,
    VB_NUMFMT_MINUTE = 1u << 4,
    VB_NUMFMT_SECOND = 1u << 5,
    VB_NUMFMT_ELAPSED = 1u << 6, /* [h]:mm: hours past 24 are not days */
};

typedef struct {
    int is_date;      /* 1: the value is a date or time serial, shown with `parts` */
    unsigned parts;   /* VB_NUMFMT_* when is_date */
    vb_numfmt_section sections[3]; /* positive, negative, zero */
    int section_count;             /* 1..3; a missing negative or zero section uses the first */
} vb_numfmt;

/* Where serial day 0 is. */
typedef enum {
    VB_EPOCH_1900, /* Excel's default: 1 = 01/01/1900, and 60 = the 29/02/1900 that never was */
    VB_EPOCH_1904, /* Excel's date1904 (old Mac workbooks): 0 = 01/01/1904 */
    VB_EPOCH_1899, /* LibreOffice: 0 = 30/12/1899, no false leap day */
} vb_epoch;

/* "General": the shortest representation, grouped. */
void vb_numfmt_general(vb_numfmt *fmt);
/* An Excel format code such as "#,##0.00", "0.0%", "dd/mm/yyyy h:mm" or
 * "#,##0 \"người\";(#,##0)". What cannot be shown (colours, fills, conditions, fractions,
 * scientific notation) is left out; the number is still written. */
void vb_numfmt_from_code(const char *code, vb_numfmt *fmt);
/* Excel's built-in formats (ids 0–49, and the East Asian date ids 27–36 and 50–58). An
 * unknown id is General. */
void vb_numfmt_builtin(unsigned id, vb_numfmt *fmt);

/* Writes `value` as `fmt` says into out (always NUL-terminated when size > 0); a date
 * format takes `value` as a serial day in `epoch`. A date outside 01/01/1900–31/12/9999 is
 * written as a number. Returns the length of the text (as snprintf: the length it would
 * have had, if out was too small). 160 bytes always suffice. */
size_t vb_numfmt_format(double value, const vb_numfmt *fmt, vb_epoch epoch, char *out,
                        size_t size);

/* The serial day (VB_EPOCH_1899) of a calendar date and time; 0 on a date before year 1. */
double vb_numfmt_serial_1899(int year, int month, int day, int hour, int minute,
                             double second);

/* "2024-01-05" or "2024-01-05T14:30:00[.5][Z]" (ODS date-value, XLSX t="d") as a serial day
 * (VB_EPOCH_1899); *has_time says whether a time other than 00:00:00 was given. 0 if the
 * text is no such date. */
int vb_numfmt_parse_iso_date(const char *text, double *serial, int *has_time);
/* An ISO 8601 duration "PT14H30M00S" or "P1DT2H" (ODS time-value) in days; 0 if none. */
int vb_numfmt_parse_duration(const char *text, double *days);

#endif
