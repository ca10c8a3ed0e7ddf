#include "format.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "model/doctypes.h"
#include "viet/issuer_case.h"
#include "viet/text.h"

void vb_buf_addn(vb_buf *b, const char *s, size_t n)
{
    if (b->len + n + 1 > b->cap) {
        size_t cap = b->cap ? b->cap : 64;
        while (cap < b->len + n + 1)
            cap *= 2;
        b->data = vb_xrealloc(b->data, cap);
        b->cap = cap;
    }
    memcpy(b->data + b->len, s, n);
    b->len += n;
    b->data[b->len] = '\0';
}

void vb_buf_add(vb_buf *b, const char *s)
{
    vb_buf_addn(b, s, strlen(s));
}

void vb_buf_printf(vb_buf *b, const char *fmt, ...)
{
    va_list ap, copy;
    if (!fmt)
        return;
    va_start(ap, fmt);
    va_copy(copy, ap);
    int n = vsnprintf(NULL, 0, fmt, copy);
    va_end(copy);
    if (n > 0) {
        char *tmp = vb_xmalloc((size_t)n + 1);
        vsnprintf(tmp, (size_t)n + 1, fmt, ap);
        vb_buf_addn(b, tmp, (size_t)n);
        free(tmp);
    }
    va_end(ap);
}

void vb_buf_free(vb_buf *b)
{
    free(b->data);
    b->data = NULL;
    b->len = b->cap = 0;
}

static char *buf_take(vb_buf *b)
{
    if (!b->data)
        return vb_strdup("");
    return b->data;
}

void vb_format_day(int day, char *buf, size_t size)
{
    snprintf(buf, size, day < 10 ? "0%d" : "%d", day);
}

void vb_format_month(int month, char *buf, size_t size)
{
    snprintf(buf, size, month <= 2 ? "0%d" : "%d", month);
}

/* "ngày 05 tháng 01 năm 2024", the day and month left blank in a draft. */
static void add_long_date(vb_buf *b, const vb_layout *layout, const vb_date *d)
{
    char day[16], month[16];
    if (d->day)
        vb_format_day(d->day, day, sizeof day);
    else
        snprintf(day, sizeof day, "%s", layout->blank_day);
    if (d->month)
        vb_format_month(d->month, month, sizeof month);
    else
        snprintf(month, sizeof month, "%s", layout->blank_day);
    vb_buf_printf(b, "ngày %s tháng %s năm %d", day, month, d->year);
}

/* "05/BC-UBND" (state) / "111-NQ/TU" (Party), the number left blank in a draft. */
static void add_number_and_code(vb_buf *b, const vb_layout *layout, const vb_document *doc)
{
    if (doc->number)
        vb_buf_printf(b, doc->number < 10 ? "0%d" : "%d", doc->number);
    else
        vb_buf_add(b, layout->blank_number);
    vb_buf_add(b, layout->number_separator);
    vb_buf_add(b, doc->code.text ? doc->code.text : "");
}

char *vb_format_date_line(const vb_layout *layout, const vb_document *doc)
{
    vb_buf b = {0};
    vb_buf_printf(&b, "%s, ", doc->place.text ? doc->place.text : "");
    add_long_date(&b, layout, &doc->date);
    return buf_take(&b);
}

const char *vb_format_cong_van_subject(const char *typed)
{
    /* "v/v" in any case (V/V, v/v as typed in a hurry); "Về việc" as a sentence, in lower
     * case or in capitals. Typed twice ("V/v V/v …"), both go. */
    static const char *const prefixes[] = {"Về việc", "về việc", "VỀ VIỆC"};
    for (int stripped = 1; stripped;) {
        stripped = 0;
        size_t n = strncasecmp(typed, "v/v", 3) == 0 ? 3 : 0;
        for (size_t i = 0; !n && i < sizeof prefixes / sizeof *prefixes; i++)
            if (strncmp(typed, prefixes[i], strlen(prefixes[i])) == 0)
                n = strlen(prefixes[i]);
        /* A prefix is a word of its own: "V/vận" is no "V/v". */
        if (n && (typed[n] == ' ' || typed[n] == ':' || typed[n] == '\0')) {
            typed += n;
            if (*typed == ':')
                typed++;
            while (*typed == ' ')
                typed++;
            stripped = 1;
        }
    }
    return typed;
}

char *vb_format_number_line(const vb_layout *layout, const vb_document *doc)
{
    vb_buf b = {0};
    vb_buf_add(&b, layout->number_prefix);
    add_number_and_code(&b, layout, doc);
    return buf_take(&b);
}

void vb_format_timestamp(const vb_document *doc, long long epoch, char *buf, size_t size)
{
    if (epoch >= 0 && epoch <= VB_EPOCH_MAX) {
        time_t t = (time_t)epoch;
        struct tm tm;
        gmtime_r(&t, &tm);
        strftime(buf, size, "%Y-%m-%dT%H:%M:%SZ", &tm);
        return;
    }
    /* A date the checks let through is in range; a model from elsewhere may not be. */
    int year = doc->date.year >= 1 && doc->date.year <= 9999 ? doc->date.year : 1970;
    int month = doc->date.month >= 1 && doc->date.month <= 12 ? doc->date.month : 1;
    int day = doc->date.day >= 1 && doc->date.day <= 31 ? doc->date.day : 1;
    snprintf(buf, size, "%04d-%02d-%02dT00:00:00Z", year, month, day);
}

void vb_format_short_date(const vb_date *date, char *buf, size_t size)
{
    char day[16], month[16];
    vb_format_day(date->day, day, sizeof day);
    vb_format_month(date->month, month, sizeof month);
    snprintf(buf, size, "%s/%s/%d", day, month, date->year);
}

/* Text without the punctuation a list adds itself (";", ",", "."), keeping "./.". */
static size_t trimmed_length(const char *s)
{
    size_t n = strlen(s);
    while (n && (s[n - 1] == ';' || s[n - 1] == ',' || s[n - 1] == ' ' ||
                 (s[n - 1] == '.' && !(n >= 3 && s[n - 2] == '/'))))
        n--;
    return n;
}

/* U+2011 NON-BREAKING HYPHEN: "tháng 9‑10/2025" never breaks between the numbers. */
#define NB_HYPHEN "\xe2\x80\x91"

static const char *const recurrence_words[] = {
    [VB_RECUR_REGULAR] = "thường xuyên", [VB_RECUR_YEARLY] = "hằng năm",
    [VB_RECUR_QUARTERLY] = "hằng quý",   [VB_RECUR_MONTHLY] = "hằng tháng",
    [VB_RECUR_WEEKLY] = "hằng tuần",     [VB_RECUR_DAILY] = "hằng ngày",
};

/* The deadline's words without the preposition a sentence puts before them. */
static void add_deadline_core(vb_buf *b, const vb_deadline *d, int capital)
{
    char from[32], to[32], quarter[8];
    switch (d->kind) {
    case VB_DEADLINE_DAY:
        vb_format_short_date(&d->end, to, sizeof to);
        vb_buf_printf(b, "%s ngày %s", capital ? "Trước" : "trước", to);
        break;
    case VB_DEADLINE_MONTH:
        vb_buf_printf(b, "%s %d/%d", capital ? "Tháng" : "tháng", d->end.month, d->end.year);
        break;
    case VB_DEADLINE_QUARTER:
        vb_roman(d->quarter, quarter, sizeof quarter);
        vb_buf_printf(b, "%s %s/%d", capital ? "Quý" : "quý", quarter, d->end.year);
        break;
    case VB_DEADLINE_YEAR:
        vb_buf_printf(b, "%s %d", capital ? "Năm" : "năm", d->end.year);
        break;
    case VB_DEADLINE_RANGE:
        if (d->start.day) {
            vb_format_short_date(&d->start, from, sizeof from);
            vb_format_short_date(&d->end, to, sizeof to);
            vb_buf_printf(b, "%s ngày %s đến ngày %s", capital ? "Từ" : "từ", from, to);
        } else if (d->start.year == d->end.year) {
            vb_buf_printf(b, "%s %d" NB_HYPHEN "%d/%d", capital ? "Tháng" : "tháng", d->start.month,
                          d->end.month, d->end.year);
        } else {
            vb_buf_printf(b, "%s tháng %d/%d đến tháng %d/%d", capital ? "Từ" : "từ", d->start.month,
                          d->start.year, d->end.month, d->end.year);
        }
        break;
    case VB_DEADLINE_RECURRING: {
        const char *w = recurrence_words[d->every];
        if (capital) {
            char *up = vb_upper_vi(w);
            /* Only the first letter: "Thường xuyên", "Hằng năm". */
            size_t first = (unsigned char)w[0] < 0x80 ? 1 : (unsigned char)w[0] < 0xE0 ? 2 : 3;
            vb_buf_addn(b, up, first);
            vb_buf_add(b, w + first);
            free(up);
        } else {
            vb_buf_add(b, w);
        }
        break;
    }
    case VB_DEADLINE_TEXT:
        if (d->text.text)
            vb_buf_addn(b, d->text.text, trimmed_length(d->text.text));
        break;
    case VB_DEADLINE_NONE:
        break;
    }
}

char *vb_format_deadline(const vb_deadline *d, int in_table)
{
    vb_buf b = {0};
    if (in_table) {
        add_deadline_core(&b, d, 1);
        return buf_take(&b);
    }
    switch (d->kind) {
    case VB_DEADLINE_NONE:
        break;
    case VB_DEADLINE_DAY:
        vb_buf_add(&b, " ");
        add_deadline_core(&b, d, 0);
        break;
    case VB_DEADLINE_RANGE:
        /* "từ ngày … đến ngày …", but months of one year are read "within": "trong tháng 9‑10". */
        vb_buf_add(&b, !d->start.day && d->start.year == d->end.year ? " trong " : " ");
        add_deadline_core(&b, d, 0);
        break;
    case VB_DEADLINE_MONTH:
    case VB_DEADLINE_QUARTER:
    case VB_DEADLINE_YEAR:
        vb_buf_add(&b, " trong ");
        add_deadline_core(&b, d, 0);
        break;
    case VB_DEADLINE_RECURRING:
        vb_buf_add(&b, ", thực hiện ");
        add_deadline_core(&b, d, 0);
        break;
    case VB_DEADLINE_TEXT:
        vb_buf_add(&b, ", thời hạn: ");
        add_deadline_core(&b, d, 0);
        break;
    }
    return b.data ? buf_take(&b) : vb_strdup("");
}

char *vb_format_task(const vb_node *task)
{
    const vb_task_data *t = &task->task;
    vb_buf b = {0};
    const char *action = t->action.text ? t->action.text : "";
    vb_buf_addn(&b, action, trimmed_length(action));
    /* The deadline goes with the action, before the coordinating agency, so it cannot be
     * read as the coordinator's. */
    char *deadline = vb_format_deadline(&t->deadline, 0);
    vb_buf_add(&b, deadline);
    free(deadline);
    /* Each part without the punctuation the sentence adds itself. */
    if (t->coordinator.text) {
        vb_buf_add(&b, "; phối hợp: ");
        vb_buf_addn(&b, t->coordinator.text, trimmed_length(t->coordinator.text));
    }
    if (t->product.text) {
        vb_buf_add(&b, "; sản phẩm: ");
        vb_buf_addn(&b, t->product.text, trimmed_length(t->product.text));
    }
    vb_buf_add(&b, ".");
    return buf_take(&b);
}

/* The line in the body where a Phụ lục of tasks stands: "Các nhiệm vụ cụ thể tại Phụ lục I
 * kèm theo." (caller frees). */
char *vb_format_tasks_reference(const vb_layout *layout, const vb_document *doc, int appendix_index)
{
    vb_buf b = {0};
    char number[16] = "";
    if (doc->appendix_count >= 2)
        vb_roman(appendix_index + 1, number, sizeof number);
    vb_buf_printf(&b, "Các nhiệm vụ cụ thể tại %s%s%s kèm theo.", layout->appendix_word,
                  number[0] ? " " : "", number);
    return buf_take(&b);
}

static char *dashed_item(const vb_lines *lines, size_t index, const char *separator,
                         const char *last)
{
    const char *text = lines->items[index].text;
    vb_buf b = {0};
    vb_buf_add(&b, "- ");
    /* The drafter may have typed the dash or the separator already. */
    if (text[0] == '-' && text[1] == ' ')
        text += 2;
    vb_buf_addn(&b, text, trimmed_length(text));
    vb_buf_add(&b, index + 1 == lines->count ? last : separator);
    return buf_take(&b);
}

char *vb_format_recipient(const vb_layout *layout, const vb_lines *recipients, size_t index)
{
    return dashed_item(recipients, index, layout->recipient_separator, layout->recipient_last);
}

char *vb_format_addressee(const vb_layout *layout, const vb_lines *addressees, size_t index)
{
    return dashed_item(addressees, index, layout->recipient_separator, ".");
}

size_t vb_type_name_lines(const vb_document *doc, char **lines, size_t max)
{
    size_t n = 0;
    if (doc->type_name.count) {
        for (size_t i = 0; i < doc->type_name.count && n < max; i++)
            lines[n++] = vb_upper_vi(doc->type_name.items[i].text);
        return n;
    }
    const vb_doctype *type = doc->type_code.text ? vb_doctype_find(doc->type_code.text, doc->format) : NULL;
    if (type && type->has_type_name && max > 0)
        lines[n++] = vb_upper_vi(type->name);
    return n;
}

/* Whether the drafter typed `text` in ordinary case (the header upper-cases it anyway). */
static int has_lower_case(const char *text)
{
    char *upper = vb_upper_vi(text);
    int differs = strcmp(upper, text) != 0;
    free(upper);
    return differs;
}

char *vb_format_issuer_running(const vb_document *doc)
{
    if (doc->issuer_running.text)
        return vb_strdup(doc->issuer_running.text);
    if (doc->issuer.count == 0)
        return NULL;
    vb_buf b = {0};
    for (size_t i = 0; i < doc->issuer.count; i++)
        vb_buf_printf(&b, "%s%s", i ? " " : "", doc->issuer.items[i].text);
    char *joined = buf_take(&b);
    int typed_in_case = 1;
    for (size_t i = 0; i < doc->issuer.count; i++)
        if (!has_lower_case(doc->issuer.items[i].text))
            typed_in_case = 0;
    if (typed_in_case)
        return joined;
    char *derived = vb_issuer_running_case(joined);
    free(joined);
    return derived;
}

/* "(<prefix> <Type> số 05/BC-UBND ngày 05 tháng 01 năm 2024 của <issuer>)" */
static char *attached_line(const vb_layout *layout, const vb_document *doc, const char *prefix)
{
    vb_buf b = {0};
    const vb_doctype *type = doc->type_code.text ? vb_doctype_find(doc->type_code.text, doc->format) : NULL;
    vb_buf_printf(&b, "(%s %s số ", prefix, type ? type->name : "Văn bản");
    add_number_and_code(&b, layout, doc);
    vb_buf_add(&b, " ");
    add_long_date(&b, layout, &doc->date);
    char *issuer = vb_format_issuer_running(doc);
    if (issuer)
        vb_buf_printf(&b, " của %s", issuer);
    free(issuer);
    vb_buf_add(&b, ")");
    return buf_take(&b);
}

char *vb_format_attached_line(const vb_layout *layout, const vb_document *doc)
{
    return attached_line(layout, doc, layout->attached_prefix);
}

char *vb_format_issued_with_line(const vb_layout *layout, const vb_document *doc)
{
    return attached_line(layout, doc, layout->attached_issued_prefix);
}
