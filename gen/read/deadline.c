/* Deadlines in words, read into data (see deadline.h). The text is lower-cased first, so
 * "Quý III/2025" and "quý iii/2025" read alike; dashes of any kind separate a range. */
#include "deadline.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "viet/text.h"

/* One point in time as written: a day, a month, a quarter or a year, or (only from "tháng
 * 9-10/2025") already a range of months. */
typedef struct {
    vb_deadline_kind kind;
    int year, month, day, quarter;
    int month_to; /* "tháng 9-10/2025": 10 */
} point;

static const char *skip_spaces(const char *p)
{
    while (*p == ' ')
        p++;
    return p;
}

/* `word` at *p, followed by a space or the end; moves past it and the spaces. */
static int take_word(const char **p, const char *word)
{
    size_t n = strlen(word);
    if (strncmp(*p, word, n) != 0 || ((*p)[n] != ' ' && (*p)[n] != '\0'))
        return 0;
    *p = skip_spaces(*p + n);
    return 1;
}

/* 1–`max_digits` digits; the count read, 0 when none. */
static int read_number(const char **p, int max_digits, int *out)
{
    int n = 0, v = 0;
    while (n < max_digits && isdigit((unsigned char)(*p)[n])) {
        v = v * 10 + ((*p)[n] - '0');
        n++;
    }
    if (n == 0 || isdigit((unsigned char)(*p)[n]))
        return 0;
    *p += n;
    *out = v;
    return n;
}

static int read_year(const char **p, int *year)
{
    return read_number(p, 4, year) == 4;
}

/* "/" with optional spaces around it. */
static int take_slash(const char **p)
{
    const char *q = skip_spaces(*p);
    if (*q != '/')
        return 0;
    *p = skip_spaces(q + 1);
    return 1;
}

static int take_dash(const char **p)
{
    const char *q = skip_spaces(*p);
    if (*q != '-')
        return 0;
    *p = skip_spaces(q + 1);
    return 1;
}

static int read_quarter_number(const char **p, int *q)
{
    static const struct {
        const char *roman;
        int value;
    } romans[] = {{"iv", 4}, {"iii", 3}, {"ii", 2}, {"i", 1}};
    for (size_t i = 0; i < sizeof romans / sizeof *romans; i++) {
        size_t n = strlen(romans[i].roman);
        if (strncmp(*p, romans[i].roman, n) == 0 && !isalpha((unsigned char)(*p)[n])) {
            *p += n;
            *q = romans[i].value;
            return 1;
        }
    }
    return read_number(p, 1, q) == 1;
}

/* "2025-03-31" or "2025-03". */
static int read_iso(const char **p, point *pt)
{
    const char *q = *p;
    if (!read_year(&q, &pt->year) || *q != '-')
        return 0;
    q++;
    if (read_number(&q, 2, &pt->month) != 2)
        return 0;
    pt->kind = VB_DEADLINE_MONTH;
    if (*q == '-') {
        q++;
        if (read_number(&q, 2, &pt->day) != 2)
            return 0;
        pt->kind = VB_DEADLINE_DAY;
    }
    *p = q;
    return 1;
}

static int read_point(const char **pp, point *pt)
{
    const char *p = skip_spaces(*pp);
    memset(pt, 0, sizeof *pt);
    if (take_word(&p, "quý")) {
        if (!read_quarter_number(&p, &pt->quarter) || !take_slash(&p) || !read_year(&p, &pt->year))
            return 0;
        pt->kind = VB_DEADLINE_QUARTER;
    } else if (take_word(&p, "năm")) {
        if (!read_year(&p, &pt->year))
            return 0;
        pt->kind = VB_DEADLINE_YEAR;
    } else if (take_word(&p, "tháng")) {
        if (!read_number(&p, 2, &pt->month))
            return 0;
        const char *q = p;
        if (take_dash(&q) && read_number(&q, 2, &pt->month_to) && take_slash(&q)) {
            p = q; /* "tháng 9-10/2025" */
        } else if (!take_slash(&p)) {
            return 0;
        }
        if (!read_year(&p, &pt->year))
            return 0;
        pt->kind = pt->month_to ? VB_DEADLINE_RANGE : VB_DEADLINE_MONTH;
    } else {
        int said_day = take_word(&p, "ngày");
        if (read_iso(&p, pt)) {
            /* done */
        } else {
            int a = 0, b = 0;
            if (!read_number(&p, 2, &a) || !take_slash(&p) || !read_number(&p, 4, &b))
                return 0;
            if (take_slash(&p)) {
                if (!read_year(&p, &pt->year))
                    return 0;
                pt->day = a;
                pt->month = b;
                pt->kind = VB_DEADLINE_DAY;
            } else {
                if (said_day || b < 1000)
                    return 0;
                pt->month = a;
                pt->year = b;
                pt->kind = VB_DEADLINE_MONTH;
            }
        }
    }
    *pp = p;
    return 1;
}

static int days_in_month(int year, int month)
{
    static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    int leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    return month == 2 && leap ? 29 : days[month - 1];
}

static int point_exists(const point *pt)
{
    if (pt->year < 1900 || pt->year > 2999)
        return 0;
    switch (pt->kind) {
    case VB_DEADLINE_DAY:
        return pt->month >= 1 && pt->month <= 12 && pt->day >= 1 &&
               pt->day <= days_in_month(pt->year, pt->month);
    case VB_DEADLINE_MONTH:
        return pt->month >= 1 && pt->month <= 12;
    case VB_DEADLINE_RANGE:
        return pt->month >= 1 && pt->month <= 12 && pt->month_to >= 1 && pt->month_to <= 12;
    case VB_DEADLINE_QUARTER:
        return pt->quarter >= 1 && pt->quarter <= 4;
    default:
        return 1;
    }
}

static vb_date date_of(int year, int month, int day)
{
    vb_date d = {year, month, day, {0}, 1};
    return d;
}

static const struct {
    const char *words;
    vb_recurrence every;
} recurring[] = {
    {"thường xuyên", VB_RECUR_REGULAR}, {"hằng năm", VB_RECUR_YEARLY},
    {"hàng năm", VB_RECUR_YEARLY},      {"hằng quý", VB_RECUR_QUARTERLY},
    {"hàng quý", VB_RECUR_QUARTERLY},   {"hằng tháng", VB_RECUR_MONTHLY},
    {"hàng tháng", VB_RECUR_MONTHLY},   {"hằng tuần", VB_RECUR_WEEKLY},
    {"hàng tuần", VB_RECUR_WEEKLY},     {"hằng ngày", VB_RECUR_DAILY},
    {"hàng ngày", VB_RECUR_DAILY},
};

/* Lower case, dashes of every kind as "-", spaces collapsed, a final "." dropped. */
static char *normalised(const char *text)
{
    char *lower = vb_lower_vi(text);
    static const char *const dashes[] = {"\xe2\x80\x93", "\xe2\x80\x94", "\xe2\x80\x91",
                                         "\xe2\x80\x90", "\xe2\x88\x92"}; /* – — ‑ ‐ − */
    char *out = vb_xmalloc(strlen(lower) + 1);
    size_t n = 0;
    for (const char *p = lower; *p;) {
        int dash = 0;
        for (size_t i = 0; i < sizeof dashes / sizeof *dashes && !dash; i++)
            if (strncmp(p, dashes[i], strlen(dashes[i])) == 0) {
                p += strlen(dashes[i]);
                dash = 1;
            }
        char c = dash ? '-' : *p++;
        if (c == '\t' || c == '\n')
            c = ' ';
        if (c == ' ' && (n == 0 || out[n - 1] == ' '))
            continue;
        out[n++] = c;
    }
    while (n > 0 && (out[n - 1] == ' ' || out[n - 1] == '.'))
        n--;
    out[n] = '\0';
    free(lower);
    return out;
}

int vb_deadline_parse(const char *text, vb_deadline *out)
{
    char *s = normalised(text);
    int rc = 0;
    for (size_t i = 0; i < sizeof recurring / sizeof *recurring; i++)
        if (strcmp(s, recurring[i].words) == 0) {
            out->kind = VB_DEADLINE_RECURRING;
            out->every = recurring[i].every;
            free(s);
            return 1;
        }
    const char *p = s;
    /* The words drafters put before the time itself. */
    while (take_word(&p, "trước") || take_word(&p, "chậm nhất") || take_word(&p, "trong") ||
           take_word(&p, "từ") || take_word(&p, "hoàn thành"))
        ;
    point a, b;
    if (!read_point(&p, &a))
        goto done;
    p = skip_spaces(p);
    if (*p == '\0') {
        if (!point_exists(&a)) {
            rc = -1;
            goto done;
        }
        out->kind = a.kind;
        switch (a.kind) {
        case VB_DEADLINE_RANGE:
            out->start = date_of(a.year, a.month, 0);
            out->end = date_of(a.year, a.month_to, 0);
            break;
        case VB_DEADLINE_QUARTER:
            out->quarter = a.quarter;
            out->end = date_of(a.year, 0, 0);
            break;
        default:
            out->end = date_of(a.year, a.month, a.day);
        }
        rc = 1;
        goto done;
    }
    if (!(take_dash(&p) || take_word(&p, "đến")))
        goto done;
    if (!read_point(&p, &b) || *skip_spaces(p) != '\0')
        goto done;
    if (a.kind != b.kind || (a.kind != VB_DEADLINE_DAY && a.kind != VB_DEADLINE_MONTH))
        goto done;
    if (!point_exists(&a) || !point_exists(&b)) {
        rc = -1;
        goto done;
    }
    out->kind = VB_DEADLINE_RANGE;
    out->start = date_of(a.year, a.month, a.day);
    out->end = date_of(b.year, b.month, b.day);
    rc = 1;
done:
    free(s);
    return rc;
}
