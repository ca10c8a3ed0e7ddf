/* Spreadsheet values written the Vietnamese way (see numfmt.h).
 *
 * Numbers go through their decimal digits at 15 significant digits (what a spreadsheet
 * shows: 0.1 + 0.2 is 0,3), and are rounded half away from zero on those digits, as Excel
 * does (2.675 with two places is 2,68, where printf's binary rounding gives 2.67). */
#include "numfmt.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* More places than this is not a table any more; it also bounds the text written. */
#define MAX_DECIMALS 30
/* Past 10^21 (or under 10^-9 for the shortest form) a number is written as 1,5E+25: the
 * digits would mean nothing to a reader and would not fit a table cell. */
#define MAX_INTEGER_DIGITS 21
#define MIN_POINT (-8)

/* ---- decimal digits -------------------------------------------------------------------- */

/* |value| = 0.d[0]d[1]…d[n-1] × 10^point, without trailing zeros; n = 0 is zero. */
typedef struct {
    char d[24];
    int n;
    int point;
} decimal;

/* Integers and numbers of a few decimals (most of a table) without printf: when
 * value × 10^k is an integer n of at most 15 digits, n's digits are the value's at 15
 * significant digits (the product's rounding is far below half a unit in the 15th). */
static int to_decimal_fast(double value, decimal *x)
{
    static const double powers[] = {1, 10, 100, 1e3, 1e4, 1e5, 1e6};
    double a = fabs(value);
    for (int k = 0; k < 7; k++) {
        double scaled = a * powers[k];
        if (scaled >= 1e15)
            return 0;
        long long n = (long long)scaled;
        if ((double)n != scaled)
            continue;
        char rev[20];
        int len = 0;
        do {
            rev[len++] = (char)('0' + n % 10);
            n /= 10;
        } while (n > 0);
        x->n = 0;
        for (int i = len - 1; i >= 0; i--)
            x->d[x->n++] = rev[i];
        x->point = len - k;
        /* Leading zeros (0.05 → "005", k = 2) are not digits here. */
        int lead = 0;
        while (lead < x->n - 1 && x->d[lead] == '0')
            lead++;
        memmove(x->d, x->d + lead, (size_t)(x->n - lead));
        x->n -= lead;
        x->point -= lead;
        while (x->n > 0 && x->d[x->n - 1] == '0')
            x->n--;
        if (x->n == 0)
            x->point = 1;
        return 1;
    }
    return 0;
}

static void to_decimal(double value, decimal *x)
{
    if (to_decimal_fast(value, x))
        return;
    char buf[40];
    snprintf(buf, sizeof buf, "%.14e", fabs(value)); /* d.dddddddddddddde±XX */
    x->n = 0;
    x->point = atoi(strchr(buf, 'e') + 1) + 1;
    for (const char *p = buf; *p != 'e'; p++)
        if (*p >= '0' && *p <= '9')
            x->d[x->n++] = *p;
    while (x->n > 0 && x->d[x->n - 1] == '0')
        x->n--;
    if (x->n == 0)
        x->point = 1;
}

/* Rounds to `places` digits after the decimal point, half away from zero. */
static void round_decimal(decimal *x, int places)
{
    int keep = x->point + places;
    if (keep >= x->n)
        return;
    if (keep < 0) {
        x->n = 0;
        x->point = 1;
        return;
    }
    int up = x->d[keep] >= '5';
    x->n = keep;
    if (up) {
        int i = keep - 1;
        while (i >= 0 && x->d[i] == '9') {
            x->d[i] = '0';
            i--;
        }
        if (i >= 0) {
            x->d[i]++;
        } else { /* 0.999… → 1.000…: one more digit before the point */
            memmove(x->d + 1, x->d, (size_t)x->n);
            x->d[0] = '1';
            x->n++;
            x->point++;
        }
    }
    while (x->n > 0 && x->d[x->n - 1] == '0')
        x->n--;
    if (x->n == 0)
        x->point = 1;
}

/* ---- bounded output -------------------------------------------------------------------- */

typedef struct {
    char buf[256];
    size_t len;
} text_out;

static void put(text_out *o, const char *s, size_t n)
{
    if (o->len + n >= sizeof o->buf)
        n = sizeof o->buf - 1 - o->len;
    memcpy(o->buf + o->len, s, n);
    o->len += n;
    o->buf[o->len] = '\0';
}

static void puts_(text_out *o, const char *s)
{
    put(o, s, strlen(s));
}

static void putc_(text_out *o, char c)
{
    put(o, &c, 1);
}

static size_t finish(const text_out *o, char *out, size_t size)
{
    if (size > 0) {
        size_t n = o->len < size - 1 ? o->len : size - 1;
        memcpy(out, o->buf, n);
        out[n] = '\0';
    }
    return o->len;
}

/* 1,5E+25: the fallback for numbers too large or too small to write out. */
static void write_scientific(text_out *o, const decimal *x)
{
    putc_(o, x->d[0]);
    if (x->n > 1) {
        putc_(o, ',');
        put(o, x->d + 1, (size_t)x->n - 1);
    }
    char exp[16];
    snprintf(exp, sizeof exp, "E%+03d", x->point - 1);
    puts_(o, exp);
}

static void write_digits(text_out *o, const decimal *x, const vb_numfmt_section *sec)
{
    int min_decimals = sec->min_decimals, grouping = sec->grouping;
    if (x->n > 0 && (x->point > MAX_INTEGER_DIGITS || x->point < MIN_POINT - MAX_DECIMALS)) {
        write_scientific(o, x);
        return;
    }
    if (x->point <= 0 || x->n == 0) {
        if (sec->int_zero)
            putc_(o, '0');
    } else {
        for (int i = 0; i < x->point; i++) {
            if (grouping && i > 0 && (x->point - i) % 3 == 0)
                putc_(o, '.');
            putc_(o, i < x->n ? x->d[i] : '0');
        }
    }
    int written = 0;
    for (int i = x->point; i < x->n; i++, written++) {
        if (written == 0)
            putc_(o, ',');
        putc_(o, i < 0 ? '0' : x->d[i]);
    }
    for (; written < min_decimals; written++) {
        if (written == 0)
            putc_(o, ',');
        putc_(o, '0');
    }
}

/* ---- numbers --------------------------------------------------------------------------- */

static void format_number(text_out *o, double value, const vb_numfmt *fmt)
{
    if (isnan(value) || isinf(value)) {
        puts_(o, "#NUM!");
        return;
    }
    const vb_numfmt_section *sec = &fmt->sections[0];
    int minus = value < 0;
    if (value == 0 && fmt->section_count >= 3) {
        sec = &fmt->sections[2];
    } else if (value < 0 && fmt->section_count >= 2) {
        sec = &fmt->sections[1];
        minus = 0; /* the negative section writes its own sign: "(1.879)" or "-1.879" */
    }
    decimal x;
    to_decimal(value, &x);
    if (x.n > 0) {
        if (sec->percent)
            x.point += 2;
        x.point -= 3 * sec->scale;
    }
    int shortest = sec->max_decimals < 0;
    if (!shortest)
        round_decimal(&x, sec->max_decimals);
    else if (x.n > 0 && x.point < MIN_POINT)
        shortest = 2; /* tiny: written as 1,5E-10 */
    if (x.n == 0)
        minus = 0; /* no "-0" */
    if (minus)
        putc_(o, '-');
    puts_(o, sec->prefix);
    if (sec->digits) {
        if (shortest == 2)
            write_scientific(o, &x);
        else
            write_digits(o, &x, sec);
    }
    puts_(o, sec->suffix);
}

/* ---- dates ----------------------------------------------------------------------------- */

/* Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's algorithm). */
static long days_from_civil(long y, unsigned m, unsigned d)
{
    y -= m <= 2;
    long era = (y >= 0 ? y : y - 399) / 400;
    unsigned yoe = (unsigned)(y - era * 400);
    unsigned doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
    unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + (long)doe - 719468;
}

static void civil_from_days(long z, long *y, unsigned *m, unsigned *d)
{
    z += 719468;
    long era = (z >= 0 ? z : z - 146096) / 146097;
    unsigned doe = (unsigned)(z - era * 146097);
    unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    unsigned mp = (5 * doy + 2) / 153;
    *d = doy - (153 * mp + 2) / 5 + 1;
    *m = mp < 10 ? mp + 3 : mp - 9;
    *y = (long)yoe + era * 400 + (*m <= 2);
}

double vb_numfmt_serial_1899(int year, int month, int day, int hour, int minute, double second)
{
    if (year < 1 || month < 1 || month > 12 || day < 1 || day > 31)
        return 0;
    long days = days_from_civil(year, (unsigned)month, (unsigned)day) -
                days_from_civil(1899, 12, 30);
    return (double)days + (hour * 3600.0 + minute * 60.0 + second) / 86400.0;
}

/* Returns 0 when the serial is no date (negative, past 9999): the caller writes a number. */
static int format_date(text_out *o, double serial, unsigned parts, vb_epoch epoch)
{
    if (!(serial >= 0) || serial > 3e6)
        return 0;
    double whole = floor(serial);
    long days = (long)whole;
    long seconds = lround((serial - whole) * 86400.0);
    if (seconds >= 86400) {
        seconds -= 86400;
        days++;
    }
    long y;
    unsigned m, d;
    int zero_day = 0; /* Excel shows serial 0 as 00/01/1900 */
    if (epoch == VB_EPOCH_1900) {
        if (days == 60) {
            y = 1900, m = 2, d = 29; /* Lotus 1-2-3's leap day, kept by Excel */
        } else if (days == 0) {
            y = 1900, m = 1, d = 0;
            zero_day = 1;
        } else {
            long base = days < 60 ? days_from_civil(1899, 12, 31) : days_from_civil(1899, 12, 30);
            civil_from_days(base + days, &y, &m, &d);
        }
    } else {
        long base = epoch == VB_EPOCH_1904 ? days_from_civil(1904, 1, 1)
                                           : days_from_civil(1899, 12, 30);
        civil_from_days(base + days, &y, &m, &d);
    }
    (void)zero_day;
    if (y > 9999)
        return 0;

    char buf[64];
    unsigned date = parts & (VB_NUMFMT_DAY | VB_NUMFMT_MONTH | VB_NUMFMT_YEAR);
    if (date != 0) {
        if (date == (VB_NUMFMT_MONTH | VB_NUMFMT_YEAR))
            snprintf(buf, sizeof buf, "%02u/%04ld", m, y);
        else if (date == (VB_NUMFMT_DAY | VB_NUMFMT_MONTH))
            snprintf(buf, sizeof buf, "%02u/%02u", d, m);
        else if (date == VB_NUMFMT_YEAR)
            snprintf(buf, sizeof buf, "%04ld", y);
        else if (date == VB_NUMFMT_MONTH)
            snprintf(buf, sizeof buf, "%02u", m);
        else if (date == VB_NUMFMT_DAY)
            snprintf(buf, sizeof buf, "%02u", d);
        else
            snprintf(buf, sizeof buf, "%02u/%02u/%04ld", d, m, y);
        puts_(o, buf);
    }
    unsigned time = parts & (VB_NUMFMT_HOUR | VB_NUMFMT_MINUTE | VB_NUMFMT_SECOND);
    if (time != 0) {
        if (date != 0)
            putc_(o, ' ');
        long h = seconds / 3600, mi = seconds / 60 % 60, s = seconds % 60;
        if (parts & VB_NUMFMT_ELAPSED) {
            h += days * 24;
            if (!(parts & VB_NUMFMT_HOUR))
                mi += h * 60;
        }
        if (parts & VB_NUMFMT_HOUR) {
            snprintf(buf, sizeof buf, "%02ld:%02ld", h, mi);
            puts_(o, buf);
            if (parts & VB_NUMFMT_SECOND) {
                snprintf(buf, sizeof buf, ":%02ld", s);
                puts_(o, buf);
            }
        } else if (parts & VB_NUMFMT_MINUTE) {
            snprintf(buf, sizeof buf, "%02ld:%02ld", mi, s);
            puts_(o, buf);
        } else {
            snprintf(buf, sizeof buf, "%02ld", s);
            puts_(o, buf);
        }
    }
    return 1;
}

size_t vb_numfmt_format(double value, const vb_numfmt *fmt, vb_epoch epoch, char *out,
                        size_t size)
{
    text_out o;
    o.len = 0;
    o.buf[0] = '\0';
    if (fmt->is_date && format_date(&o, value, fmt->parts, epoch))
        return finish(&o, out, size);
    o.len = 0;
    o.buf[0] = '\0';
    if (fmt->is_date) {
        vb_numfmt general;
        vb_numfmt_general(&general);
        format_number(&o, value, &general);
    } else {
        format_number(&o, value, fmt);
    }
    return finish(&o, out, size);
}

/* ---- format codes ---------------------------------------------------------------------- */

static void general_section(vb_numfmt_section *sec)
{
    memset(sec, 0, sizeof *sec);
    sec->digits = 1;
    sec->max_decimals = -1;
    sec->grouping = 1;
    sec->int_zero = 1;
}

void vb_numfmt_general(vb_numfmt *fmt)
{
    memset(fmt, 0, sizeof *fmt);
    general_section(&fmt->sections[0]);
    fmt->section_count = 1;
}

/* The length of the UTF-8 character at s (1 for a stray byte, so scanning always moves). */
static size_t char_len(const char *s)
{
    unsigned char c = (unsigned char)s[0];
    size_t n = c < 0x80 ? 1 : c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
    for (size_t i = 1; i < n; i++)
        if (s[i] == '\0')
            return i;
    return n;
}

/* Appends whole characters only, so a long literal is cut between characters. */
static void affix_append(char *affix, const char *s, size_t n)
{
    size_t len = strlen(affix);
    if (len + n < VB_NUMFMT_AFFIX_SIZE) {
        memcpy(affix + len, s, n);
        affix[len + n] = '\0';
    }
}

static int starts_with_nocase(const char *s, const char *word)
{
    for (; *word != '\0'; s++, word++) {
        char c = *s >= 'A' && *s <= 'Z' ? (char)(*s - 'A' + 'a') : *s;
        if (c != *word)
            return 0;
    }
    return 1;
}

/* Trims spaces outside the number: "#,##0 " (built-in 37) has one for alignment only. */
static void trim_affixes(vb_numfmt_section *sec)
{
    size_t skip = strspn(sec->prefix, " ");
    memmove(sec->prefix, sec->prefix + skip, strlen(sec->prefix + skip) + 1);
    size_t n = strlen(sec->suffix);
    while (n > 0 && sec->suffix[n - 1] == ' ')
        sec->suffix[--n] = '\0';
}

/* One section of a number format, [start, end) of the code. */
static void parse_number_section(const char *s, const char *end, vb_numfmt_section *sec)
{
    memset(sec, 0, sizeof *sec);
    int seen_digit = 0, in_fraction = 0, pending_commas = 0, text_only = 0, general = 0;
    while (s < end) {
        char *affix = seen_digit ? sec->suffix : sec->prefix;
        char c = *s;
        if (c == '"') {
            const char *close = memchr(s + 1, '"', (size_t)(end - s - 1));
            const char *stop = close != NULL ? close : end;
            affix_append(affix, s + 1, (size_t)(stop - s - 1));
            s = close != NULL ? close + 1 : end;
            continue;
        }
        if (c == '\\' && s + 1 < end) {
            size_t n = char_len(s + 1);
            affix_append(affix, s + 1, n);
            s += 1 + n;
            continue;
        }
        if ((c == '_' || c == '*') && s + 1 < end) { /* padding and fill: no text of their own */
            s += 1 + char_len(s + 1);
            continue;
        }
        if (c == '[') {
            const char *close = memchr(s, ']', (size_t)(end - s));
            const char *stop = close != NULL ? close : end;
            if (s + 1 < stop && s[1] == '$') { /* [$₫-42A]: a currency symbol, then a locale */
                const char *sym = s + 2, *dash = sym;
                while (dash < stop && *dash != '-')
                    dash++;
                affix_append(affix, sym, (size_t)(dash - sym));
            }
            s = close != NULL ? close + 1 : end;
            continue;
        }
        if (c == '0' || c == '#' || c == '?') {
            if (in_fraction) {
                sec->max_decimals++;
                if (c == '0')
                    sec->min_decimals++;
            } else {
                if (pending_commas > 0 && seen_digit) {
                    sec->grouping = 1;
                    pending_commas = 0;
                }
                if (c == '0')
                    sec->int_zero = 1;
            }
            seen_digit = 1;
            s++;
            continue;
        }
        if (c == ',' && seen_digit) {
            pending_commas++;
            s++;
            continue;
        }
        if (c == '.' && !in_fraction && (seen_digit || (s + 1 < end && strchr("0#?", s[1])))) {
            in_fraction = 1;
            sec->scale += pending_commas;
            pending_commas = 0;
            seen_digit = 1;
            s++;
            continue;
        }
        if ((c == 'E' || c == 'e') && s + 1 < end && (s[1] == '+' || s[1] == '-') && seen_digit) {
            general = 1; /* scientific: the number is written in full instead */
            s += 2;
            while (s < end && strchr("0#?", *s) != NULL)
                s++;
            continue;
        }
        if (c == '/' && seen_digit) { /* a fraction ("# ?/?"): written as decimals */
            general = 1;
            s++;
            while (s < end && strchr("0#?123456789", *s) != NULL)
                s++;
            continue;
        }
        if (starts_with_nocase(s, "general") && (size_t)(end - s) >= 7) {
            general = 1;
            seen_digit = 1;
            s += 7;
            continue;
        }
        if (c == '@') {
            text_only = 1;
            s++;
            continue;
        }
        if (c == '%')
            sec->percent = 1;
        sec->scale += pending_commas;
        pending_commas = 0;
        size_t n = char_len(s);
        affix_append(affix, s, n);
        s += n;
    }
    sec->scale += pending_commas;
    sec->digits = seen_digit;
    if (general || (!seen_digit && (text_only || (sec->prefix[0] == '\0' && sec->suffix[0] == '\0')))) {
        int percent = sec->percent, scale = sec->scale;
        int grouping = general ? 1 : sec->grouping;
        char prefix[VB_NUMFMT_AFFIX_SIZE], suffix[VB_NUMFMT_AFFIX_SIZE];
        memcpy(prefix, sec->prefix, sizeof prefix);
        memcpy(suffix, sec->suffix, sizeof suffix);
        general_section(sec);
        sec->percent = percent;
        sec->scale = scale;
        sec->grouping = grouping;
        memcpy(sec->prefix, prefix, sizeof prefix);
        memcpy(sec->suffix, suffix, sizeof suffix);
    }
    if (sec->max_decimals > MAX_DECIMALS)
        sec->max_decimals = MAX_DECIMALS;
    if (sec->min_decimals > sec->max_decimals && sec->max_decimals >= 0)
        sec->min_decimals = sec->max_decimals;
    if (sec->scale > 8)
        sec->scale = 8;
    trim_affixes(sec);
}

static int is_date_letter(char c)
{
    c = c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c;
    return c == 'd' || c == 'm' || c == 'y' || c == 'h' || c == 's';
}

/* The date and time parts a section shows; 0 when it is no date format. An "m" is minutes
 * after an hour or before seconds, as Excel reads it, and a month otherwise. */
static unsigned date_parts(const char *s, const char *end)
{
    char tokens[64];
    unsigned elapsed[64];
    int count = 0;
    while (s < end && count < 64) {
        char c = *s;
        if (c == '"') {
            const char *close = memchr(s + 1, '"', (size_t)(end - s - 1));
            s = close != NULL ? close + 1 : end;
        } else if (c == '\\' || c == '_' || c == '*') {
            s += s + 1 < end ? 1 + char_len(s + 1) : 1;
        } else if (c == '[') {
            const char *close = memchr(s, ']', (size_t)(end - s));
            const char *stop = close != NULL ? close : end;
            char first = s + 1 < stop ? (char)(s[1] | 0x20) : 0;
            int same = 1;
            for (const char *p = s + 1; p < stop; p++)
                same &= (char)(*p | 0x20) == first;
            if (same && (first == 'h' || first == 'm' || first == 's')) {
                tokens[count] = first;
                elapsed[count++] = 1;
            }
            s = close != NULL ? close + 1 : end;
        } else if (starts_with_nocase(s, "am/pm") && end - s >= 5) {
            s += 5;
        } else if (starts_with_nocase(s, "a/p") && end - s >= 3) {
            s += 3;
        } else if (starts_with_nocase(s, "general") && end - s >= 7) {
            return 0;
        } else if (is_date_letter(c)) {
            char lower = (char)(c | 0x20);
            while (s < end && (char)(*s | 0x20) == lower)
                s++;
            tokens[count] = lower;
            elapsed[count++] = 0;
        } else {
            s += char_len(s);
        }
    }
    unsigned parts = 0;
    for (int i = 0; i < count; i++) {
        if (elapsed[i])
            parts |= VB_NUMFMT_ELAPSED;
        switch (tokens[i]) {
        case 'd': parts |= VB_NUMFMT_DAY; break;
        case 'y': parts |= VB_NUMFMT_YEAR; break;
        case 'h': parts |= VB_NUMFMT_HOUR; break;
        case 's': parts |= VB_NUMFMT_SECOND; break;
        case 'm':
            if (elapsed[i] || (i > 0 && tokens[i - 1] == 'h') ||
                (i + 1 < count && tokens[i + 1] == 's'))
                parts |= VB_NUMFMT_MINUTE;
            else
                parts |= VB_NUMFMT_MONTH;
            break;
        }
    }
    return parts;
}

/* The end of the section starting at s: the next ';' outside quotes, escapes, brackets. */
static const char *section_end(const char *s)
{
    while (*s != '\0' && *s != ';') {
        if (*s == '"') {
            const char *close = strchr(s + 1, '"');
            s = close != NULL ? close + 1 : s + strlen(s);
        } else if (*s == '[') {
            const char *close = strchr(s, ']');
            s = close != NULL ? close + 1 : s + strlen(s);
        } else if (*s == '\\' && s[1] != '\0') {
            s += 1 + char_len(s + 1);
        } else {
            s++;
        }
    }
    return s;
}

void vb_numfmt_from_code(const char *code, vb_numfmt *fmt)
{
    vb_numfmt_general(fmt);
    if (code == NULL || *code == '\0')
        return;
    const char *starts[3], *ends[3];
    int count = 0;
    const char *s = code;
    while (count < 3) {
        starts[count] = s;
        ends[count] = section_end(s);
        count++;
        if (*ends[count - 1] != ';')
            break;
        s = ends[count - 1] + 1;
    }
    unsigned parts = date_parts(starts[0], ends[0]);
    if (parts != 0) {
        fmt->is_date = 1;
        fmt->parts = parts;
        return;
    }
    for (int i = 0; i < count; i++)
        parse_number_section(starts[i], ends[i], &fmt->sections[i]);
    fmt->section_count = count;
}

void vb_numfmt_builtin(unsigned id, vb_numfmt *fmt)
{
    /* Ids 5–8 and 42, 44 carry the locale's currency symbol: left out, as the locale of the
     * workbook is not known; ids 14 and 22 are the locale's short date, dd/mm/yyyy here. */
    static const char *const codes[50] = {
        [0] = "General", [1] = "0", [2] = "0.00", [3] = "#,##0", [4] = "#,##0.00",
        [5] = "#,##0;-#,##0", [6] = "#,##0;-#,##0", [7] = "#,##0.00;-#,##0.00",
        [8] = "#,##0.00;-#,##0.00", [9] = "0%", [10] = "0.00%", [11] = "0.00E+00",
        [12] = "# ?/?", [13] = "# ?\?/?\?", [14] = "dd/mm/yyyy", [15] = "d-mmm-yy",
        [16] = "d-mmm", [17] = "mmm-yy", [18] = "h:mm AM/PM", [19] = "h:mm:ss AM/PM",
        [20] = "h:mm", [21] = "h:mm:ss", [22] = "dd/mm/yyyy h:mm",
        [37] = "#,##0 ;(#,##0)", [38] = "#,##0 ;[Red](#,##0)", [39] = "#,##0.00;(#,##0.00)",
        [40] = "#,##0.00;[Red](#,##0.00)",
        [41] = "_(* #,##0_);_(* \\(#,##0\\);_(* \"-\"_);_(@_)",
        [42] = "_(* #,##0_);_(* \\(#,##0\\);_(* \"-\"_);_(@_)",
        [43] = "_(* #,##0.00_);_(* \\(#,##0.00\\);_(* \"-\"??_);_(@_)",
        [44] = "_(* #,##0.00_);_(* \\(#,##0.00\\);_(* \"-\"??_);_(@_)",
        [45] = "mm:ss", [46] = "[h]:mm:ss", [47] = "mm:ss.0", [48] = "##0.0E+0", [49] = "@",
    };
    if ((id >= 27 && id <= 36) || (id >= 50 && id <= 58)) {
        vb_numfmt_from_code("dd/mm/yyyy", fmt);
        return;
    }
    vb_numfmt_from_code(id < 50 && codes[id] != NULL ? codes[id] : "General", fmt);
}

/* ---- ISO 8601 values ------------------------------------------------------------------- */

/* Reads up to `max` digits into *value; returns how many were read. */
static int read_digits(const char **s, int max, long *value)
{
    int n = 0;
    *value = 0;
    while (n < max && **s >= '0' && **s <= '9') {
        *value = *value * 10 + (**s - '0');
        (*s)++;
        n++;
    }
    return n;
}

int vb_numfmt_parse_iso_date(const char *text, double *serial, int *has_time)
{
    const char *s = text;
    long y, m, d, h = 0, mi = 0;
    double sec = 0;
    int negative = *s == '-';
    if (negative)
        s++;
    if (read_digits(&s, 9, &y) < 4 || *s++ != '-' || read_digits(&s, 2, &m) != 2 ||
        *s++ != '-' || read_digits(&s, 2, &d) != 2 || negative)
        return 0;
    if (*s == 'T') {
        s++;
        long whole;
        if (read_digits(&s, 2, &h) != 2 || *s++ != ':' || read_digits(&s, 2, &mi) != 2)
            return 0;
        if (*s == ':') {
            s++;
            if (read_digits(&s, 2, &whole) != 2)
                return 0;
            sec = (double)whole;
            if (*s == '.' || *s == ',') {
                double scale = 0.1;
                for (s++; *s >= '0' && *s <= '9'; s++, scale /= 10)
                    sec += (*s - '0') * scale;
            }
        }
        if (*s == 'Z')
            s++;
        else if ((*s == '+' || *s == '-') && strlen(s) == 6)
            s += 6; /* a zone: the wall-clock time is what the sheet shows */
    }
    if (*s != '\0' || y > 9999 || m < 1 || m > 12 || d < 1 || d > 31 || h > 23 || mi > 59 ||
        sec >= 61)
        return 0;
    *serial = vb_numfmt_serial_1899((int)y, (int)m, (int)d, (int)h, (int)mi, sec);
    *has_time = h != 0 || mi != 0 || sec != 0;
    return 1;
}

int vb_numfmt_parse_duration(const char *text, double *days)
{
    const char *s = text;
    int negative = *s == '-';
    if (negative)
        s++;
    if (*s++ != 'P')
        return 0;
    double total = 0; /* in seconds */
    int in_time = 0, parts = 0;
    while (*s != '\0') {
        if (*s == 'T') {
            in_time = 1;
            s++;
            continue;
        }
        if (*s < '0' || *s > '9')
            return 0; /* strtod would also take "inf", "1e9" and hex */
        char *end;
        double v = strtod(s, &end);
        if (end == s || v < 0)
            return 0;
        s = end;
        double unit;
        switch (*s) {
        case 'Y': unit = in_time ? -1 : 365.0 * 86400; break;
        case 'D': unit = in_time ? -1 : 86400; break;
        case 'H': unit = in_time ? 3600 : -1; break;
        case 'M': unit = in_time ? 60 : 30.0 * 86400; break;
        case 'S': unit = in_time ? 1 : -1; break;
        default: unit = -1;
        }
        if (unit < 0)
            return 0;
        total += v * unit;
        parts++;
        s++;
    }
    if (parts == 0)
        return 0;
    *days = (negative ? -total : total) / 86400.0;
    return 1;
}
