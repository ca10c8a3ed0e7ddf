/* ODS (OpenDocument spreadsheet) sheets, read for sheet.c.
 *
 * Everything is in content.xml: the automatic styles first (which data style, hence which
 * number format, each cell style has), then the tables. Rows and cells may be repeated
 * (number-rows-repeated, number-columns-repeated): LibreOffice ends a sheet with a million
 * empty rows of 16 384 empty cells written as one row and one cell, so a repeat is passed on
 * as a count and never spelt out here. Cell styles may also come from styles.xml, and a
 * cell without a style takes its row's or its column's default. */
#include "sheet_readers.h"

#include <stdlib.h>
#include <string.h>

#include "model/model.h"
#include "numfmt.h"

#define MIMETYPE_ODS "application/vnd.oasis.opendocument.spreadsheet"
/* ODS repeats are counts in the billions at most; a larger one is a damaged file. */
#define MAX_REPEAT 0x7FFFFFFFull
#define MAX_TABLES 10000u

enum { STYLE_NUMBER, STYLE_PERCENT, STYLE_DATE, STYLE_TIME, STYLE_OTHER };

typedef struct {
    int kind;
    int has_number;      /* a <number:number>: decimals and grouping fixed by the style */
    int min_decimals, max_decimals, grouping;
    unsigned parts;      /* dates and times: VB_NUMFMT_* */
} data_style;

typedef struct {
    char *data_style_name, *parent;
    const data_style *resolved;
    int done;
} cell_style;

/* Names to indices: open addressing, the table kept at most half full. */
typedef struct {
    char **keys;
    size_t *values;
    size_t cap, count;
} name_map;

typedef struct {
    uint64_t first, last;
    const data_style *style;
} column_default;

typedef struct {
    sheet_xml x;
    int node_ready;

    const char *wanted;      /* the sheet asked for, or NULL for the first */
    long table_index;        /* which table:table is the sheet (-1 until found) */
    long tables_seen;
    char **names;            /* the tables' names, for an unknown sheet */
    size_t name_count;
    int in_table;
    int table_depth;
    uint64_t row;            /* the next row's number */

    data_style *data_styles;
    size_t data_count, data_cap;
    name_map data_names;
    cell_style *cell_styles;
    size_t cell_count, cell_cap;
    name_map cell_names;
    int styles_resolved;
    data_style *open_data;   /* the data style being read */
    int open_depth;

    column_default *columns;
    size_t column_count, column_cap;
    uint64_t next_column;

    sheet_buf text, string_value;
} ods;

/* ---- names ----------------------------------------------------------------------------- */

static size_t hash(const char *s)
{
    size_t h = 1469598103934665603ull;
    for (; *s != '\0'; s++)
        h = (h ^ (unsigned char)*s) * 1099511628211ull;
    return h;
}

static long map_get(const name_map *m, const char *key)
{
    if (m->cap == 0 || key == NULL)
        return -1;
    for (size_t i = hash(key) & (m->cap - 1);; i = (i + 1) & (m->cap - 1)) {
        if (m->keys[i] == NULL)
            return -1;
        if (strcmp(m->keys[i], key) == 0)
            return (long)m->values[i];
    }
}

static void map_put(name_map *m, const char *key, size_t value)
{
    if (2 * (m->count + 1) > m->cap) {
        name_map bigger = {0};
        bigger.cap = m->cap ? m->cap * 2 : 64;
        bigger.keys = vb_xcalloc(bigger.cap, sizeof *bigger.keys);
        bigger.values = vb_xmalloc(bigger.cap * sizeof *bigger.values);
        for (size_t i = 0; i < m->cap; i++)
            if (m->keys[i] != NULL) {
                size_t j = hash(m->keys[i]) & (bigger.cap - 1);
                while (bigger.keys[j] != NULL)
                    j = (j + 1) & (bigger.cap - 1);
                bigger.keys[j] = m->keys[i];
                bigger.values[j] = m->values[i];
            }
        bigger.count = m->count;
        free(m->keys);
        free(m->values);
        *m = bigger;
    }
    size_t i = hash(key) & (m->cap - 1);
    while (m->keys[i] != NULL) {
        if (strcmp(m->keys[i], key) == 0) { /* a later style of the same name wins */
            m->values[i] = value;
            return;
        }
        i = (i + 1) & (m->cap - 1);
    }
    m->keys[i] = vb_strdup(key);
    m->values[i] = value;
    m->count++;
}

static void map_free(name_map *m)
{
    for (size_t i = 0; i < m->cap; i++)
        free(m->keys[i]);
    free(m->keys);
    free(m->values);
}

/* ---- styles ---------------------------------------------------------------------------- */

typedef struct {
    const char *name, *family, *data_style, *parent;
    const char *decimals, *min_decimals, *grouping, *truncate;
} style_attrs;

static void on_style_attr(void *ctx, const char *name, const char *value)
{
    style_attrs *a = ctx;
    if (strcmp(name, "name") == 0)
        a->name = value;
    else if (strcmp(name, "family") == 0)
        a->family = value;
    else if (strcmp(name, "data-style-name") == 0)
        a->data_style = value;
    else if (strcmp(name, "parent-style-name") == 0)
        a->parent = value;
    else if (strcmp(name, "decimal-places") == 0)
        a->decimals = value;
    else if (strcmp(name, "min-decimal-places") == 0)
        a->min_decimals = value;
    else if (strcmp(name, "grouping") == 0)
        a->grouping = value;
    else if (strcmp(name, "truncate-on-overflow") == 0)
        a->truncate = value;
}

static int data_style_kind(const char *name)
{
    if (strcmp(name, "number-style") == 0 || strcmp(name, "currency-style") == 0)
        return STYLE_NUMBER;
    if (strcmp(name, "percentage-style") == 0)
        return STYLE_PERCENT;
    if (strcmp(name, "date-style") == 0)
        return STYLE_DATE;
    if (strcmp(name, "time-style") == 0)
        return STYLE_TIME;
    if (strcmp(name, "boolean-style") == 0 || strcmp(name, "text-style") == 0)
        return STYLE_OTHER;
    return -1;
}

static int too_many(vb_sheet *s, size_t count, size_t limit, const char *what_vi,
                    const char *what_en)
{
    if (count < limit)
        return 0;
    return sheet_fail(s, VI_EN("tệp bị hỏng: có hơn %zu %s", "more than %zu %s (a damaged file)"),
                      limit, sheet_text(s, what_vi, what_en));
}

/* One node inside office:styles or office:automatic-styles. */
static int style_node(vb_sheet *s, ods *o, sheet_xml *x)
{
    if (o->open_data != NULL && sheet_xml_is_end(x) &&
        xmlTextReaderDepth(x->reader) == o->open_depth) {
        o->open_data = NULL;
        return 0;
    }
    if (!sheet_xml_is_start(x))
        return 0;
    const char *name = sheet_xml_name(x);
    style_attrs a = {0};
    int kind = data_style_kind(name);
    if (kind >= 0) {
        sheet_xml_attributes(x, on_style_attr, &a);
        if (a.name == NULL)
            return 0;
        if (too_many(s, o->data_count, vb_sheet_limits_in_force.number_formats,
                     VI_EN("kiểu dữ liệu", "data styles")))
            return -1;
        if (o->data_count == o->data_cap) {
            o->data_cap = o->data_cap ? o->data_cap * 2 : 32;
            o->data_styles = vb_xrealloc(o->data_styles, o->data_cap * sizeof *o->data_styles);
        }
        data_style *d = &o->data_styles[o->data_count];
        memset(d, 0, sizeof *d);
        d->kind = kind;
        if (kind == STYLE_TIME && a.truncate != NULL && strcmp(a.truncate, "false") == 0)
            d->parts |= VB_NUMFMT_ELAPSED;
        map_put(&o->data_names, a.name, o->data_count++);
        if (!xmlTextReaderIsEmptyElement(x->reader)) {
            o->open_data = d;
            o->open_depth = xmlTextReaderDepth(x->reader);
        }
    } else if (o->open_data != NULL) {
        data_style *d = o->open_data;
        if (strcmp(name, "number") == 0) {
            sheet_xml_attributes(x, on_style_attr, &a);
            d->has_number = 1;
            d->max_decimals = a.decimals != NULL ? atoi(a.decimals) : 0;
            d->min_decimals = a.min_decimals != NULL ? atoi(a.min_decimals) : d->max_decimals;
            d->grouping = a.grouping != NULL && strcmp(a.grouping, "true") == 0;
            if (d->max_decimals < 0 || d->max_decimals > 30)
                d->max_decimals = 30;
            if (d->min_decimals < 0 || d->min_decimals > d->max_decimals)
                d->min_decimals = d->max_decimals;
        } else if (strcmp(name, "day") == 0) {
            d->parts |= VB_NUMFMT_DAY;
        } else if (strcmp(name, "month") == 0) {
            d->parts |= VB_NUMFMT_MONTH;
        } else if (strcmp(name, "year") == 0) {
            d->parts |= VB_NUMFMT_YEAR;
        } else if (strcmp(name, "hours") == 0) {
            d->parts |= VB_NUMFMT_HOUR;
        } else if (strcmp(name, "minutes") == 0) {
            d->parts |= VB_NUMFMT_MINUTE;
        } else if (strcmp(name, "seconds") == 0) {
            d->parts |= VB_NUMFMT_SECOND;
        }
    } else if (strcmp(name, "style") == 0) {
        sheet_xml_attributes(x, on_style_attr, &a);
        if (a.name == NULL || a.family == NULL || strcmp(a.family, "table-cell") != 0)
            return 0;
        if (too_many(s, o->cell_count, vb_sheet_limits_in_force.cell_formats,
                     VI_EN("kiểu ô", "cell styles")))
            return -1;
        if (o->cell_count == o->cell_cap) {
            o->cell_cap = o->cell_cap ? o->cell_cap * 2 : 32;
            o->cell_styles = vb_xrealloc(o->cell_styles, o->cell_cap * sizeof *o->cell_styles);
        }
        cell_style *c = &o->cell_styles[o->cell_count];
        c->data_style_name = a.data_style != NULL ? vb_strdup(a.data_style) : NULL;
        c->parent = a.parent != NULL ? vb_strdup(a.parent) : NULL;
        c->resolved = NULL;
        c->done = 0;
        map_put(&o->cell_names, a.name, o->cell_count++);
    }
    return 0;
}

/* A cell style's data style, through its parents (a few at most; a loop is cut). */
static void resolve_styles(ods *o)
{
    for (size_t i = 0; i < o->cell_count; i++) {
        const cell_style *c = &o->cell_styles[i];
        for (int depth = 0; c != NULL && depth < 16; depth++) {
            if (c->data_style_name != NULL) {
                long d = map_get(&o->data_names, c->data_style_name);
                o->cell_styles[i].resolved = d >= 0 ? &o->data_styles[d] : NULL;
                break;
            }
            long p = map_get(&o->cell_names, c->parent);
            c = p >= 0 ? &o->cell_styles[p] : NULL;
        }
    }
    o->styles_resolved = 1;
}

static const data_style *style_by_name(const ods *o, const char *name)
{
    long i = map_get(&o->cell_names, name);
    return i >= 0 ? o->cell_styles[i].resolved : NULL;
}

/* styles.xml: the common cell styles a cell's automatic style may inherit from. */
static int load_styles_part(vb_sheet *s, ods *o)
{
    sheet_xml x;
    int rc = sheet_xml_open(s, &x, "styles.xml", vb_sheet_limits_in_force.small_part,
                            VI_EN("định dạng", "styles"));
    while (rc == 1 && (rc = sheet_xml_read(&x)) == 1) {
        if (sheet_xml_is_start(&x) && xmlTextReaderDepth(x.reader) == 1 &&
            strcmp(sheet_xml_name(&x), "styles") != 0 &&
            strcmp(sheet_xml_name(&x), "automatic-styles") != 0) {
            /* Page layouts, fonts, master pages: nothing for the cells. */
            while (rc == 1 && sheet_xml_is_start(&x) && xmlTextReaderDepth(x.reader) == 1 &&
                   strcmp(sheet_xml_name(&x), "styles") != 0 &&
                   strcmp(sheet_xml_name(&x), "automatic-styles") != 0)
                rc = sheet_xml_skip(&x);
            if (rc != 1)
                break;
        }
        if (style_node(s, o, &x) < 0)
            rc = -1;
    }
    o->open_data = NULL;
    sheet_xml_close(&x);
    return rc < 0 ? -1 : 0;
}

/* ---- formatting ------------------------------------------------------------------------ */

static void number_format(const data_style *d, int percent, vb_numfmt *fmt)
{
    vb_numfmt_general(fmt);
    vb_numfmt_section *sec = &fmt->sections[0];
    if (d != NULL && d->has_number && (d->kind == STYLE_NUMBER || d->kind == STYLE_PERCENT)) {
        sec->min_decimals = d->min_decimals;
        sec->max_decimals = d->max_decimals;
        sec->grouping = d->grouping;
    }
    if (percent) {
        sec->percent = 1;
        strcpy(sec->suffix, "%");
    }
}

/* ---- the sheet ------------------------------------------------------------------------- */

static int next_node(ods *o)
{
    if (o->node_ready) {
        o->node_ready = 0;
        return 1;
    }
    return sheet_xml_read(&o->x);
}

static int skip_element(ods *o)
{
    int rc = sheet_xml_skip(&o->x);
    o->node_ready = rc == 1;
    return rc < 0 ? -1 : 0;
}

static uint64_t parse_count(const char *s)
{
    char *end;
    unsigned long long v = strtoull(s, &end, 10);
    if (end == s || *end != '\0' || v == 0 || *s == '-')
        return 1;
    return v > MAX_REPEAT ? MAX_REPEAT : v;
}

typedef struct {
    ods *o;
    uint64_t repeat, cols_spanned, rows_spanned;
    const data_style *data;   /* a cell's table:style-name */
    int has_style;
    const data_style *default_data; /* a row's or column's table:default-cell-style-name */
    int has_default;
    char type[16];
    char value[64], date[64], time[64], boolean[8];
    int error;
    const char *name;
} cell_attrs;

static void on_cell_attr(void *ctx, const char *name, const char *value)
{
    cell_attrs *a = ctx;
    if (strcmp(name, "number-columns-repeated") == 0 || strcmp(name, "number-rows-repeated") == 0)
        a->repeat = parse_count(value);
    else if (strcmp(name, "number-columns-spanned") == 0)
        a->cols_spanned = parse_count(value);
    else if (strcmp(name, "number-rows-spanned") == 0)
        a->rows_spanned = parse_count(value);
    else if (strcmp(name, "style-name") == 0) { /* on rows and columns: their own style */
        a->data = style_by_name(a->o, value);
        a->has_style = 1;
    } else if (strcmp(name, "default-cell-style-name") == 0) {
        a->default_data = style_by_name(a->o, value);
        a->has_default = 1;
    } else if (strcmp(name, "value-type") == 0) {
        /* office:value-type, and calcext:value-type, which alone says "error" */
        if (strcmp(value, "error") == 0)
            a->error = 1;
        else if (a->type[0] == '\0')
            snprintf(a->type, sizeof a->type, "%s", value);
    } else if (strcmp(name, "value") == 0)
        snprintf(a->value, sizeof a->value, "%s", value);
    else if (strcmp(name, "date-value") == 0)
        snprintf(a->date, sizeof a->date, "%s", value);
    else if (strcmp(name, "time-value") == 0)
        snprintf(a->time, sizeof a->time, "%s", value);
    else if (strcmp(name, "boolean-value") == 0)
        snprintf(a->boolean, sizeof a->boolean, "%s", value);
    else if (strcmp(name, "string-value") == 0)
        sheet_buf_add(&a->o->string_value, value, strlen(value));
    else if (strcmp(name, "name") == 0)
        a->name = value;
}

/* Text in a paragraph, with ODF's white space rule: a run of spaces, tabs and line ends is
 * one space, and none at the start of the paragraph (<text:s/> writes the others). */
static void add_text(sheet_buf *b, const char *v, int *last_space)
{
    for (const char *p = v; *p != '\0';) {
        const char *run = p;
        while (*p != '\0' && *p != ' ' && *p != '\t' && *p != '\n' && *p != '\r')
            p++;
        if (p > run) {
            sheet_buf_add(b, run, (size_t)(p - run));
            *last_space = 0;
        }
        if (*p == '\0')
            break;
        while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r')
            p++;
        if (!*last_space) {
            sheet_buf_add(b, " ", 1);
            *last_space = 1;
        }
    }
}

typedef struct {
    uint64_t count;
} space_attrs;

static void on_space_attr(void *ctx, const char *name, const char *value)
{
    if (strcmp(name, "c") == 0)
        ((space_attrs *)ctx)->count = parse_count(value);
}

/* A <text:p> or <text:h>: spans and links are read through, notes and frames left out. */
static int read_paragraph(ods *o)
{
    sheet_buf *b = &o->text;
    int last_space = 1;
    if (xmlTextReaderIsEmptyElement(o->x.reader))
        return 0;
    int depth = xmlTextReaderDepth(o->x.reader);
    int rc;
    while ((rc = next_node(o)) == 1) {
        if (sheet_xml_is_end(&o->x) && xmlTextReaderDepth(o->x.reader) == depth)
            break;
        if (sheet_xml_is_text(&o->x)) {
            add_text(b, (const char *)xmlTextReaderConstValue(o->x.reader), &last_space);
            continue;
        }
        if (!sheet_xml_is_start(&o->x))
            continue;
        const char *name = sheet_xml_name(&o->x);
        if (strcmp(name, "s") == 0) {
            space_attrs a = {1};
            sheet_xml_attributes(&o->x, on_space_attr, &a);
            /* At most one past the cell limit: the buffer then reports the cell too long. */
            uint64_t n = a.count < b->limit + 1 ? a.count : b->limit + 1;
            for (uint64_t i = 0; i < n && !b->over; i++)
                sheet_buf_add(b, " ", 1);
            last_space = 0;
        } else if (strcmp(name, "tab") == 0) {
            sheet_buf_add(b, "\t", 1);
            last_space = 0;
        } else if (strcmp(name, "line-break") == 0) {
            sheet_buf_add(b, "\n", 1);
            last_space = 1;
        } else if (strcmp(name, "annotation") == 0 || strcmp(name, "note") == 0 ||
                   strcmp(name, "frame") == 0 || strcmp(name, "ruby-text") == 0) {
            if (skip_element(o) < 0)
                return -1;
        }
    }
    if (rc < 0)
        return -1;
    if (last_space && b->len > 0 && b->data[b->len - 1] == ' ')
        b->len--; /* the collapsed space before </text:p> */
    return 0;
}

/* The cell's content: paragraphs joined with "\n". */
static int read_cell_text(ods *o)
{
    if (xmlTextReaderIsEmptyElement(o->x.reader))
        return 0;
    int depth = xmlTextReaderDepth(o->x.reader);
    int paragraphs = 0, rc;
    while ((rc = next_node(o)) == 1) {
        if (sheet_xml_is_end(&o->x) && xmlTextReaderDepth(o->x.reader) == depth)
            return paragraphs;
        if (!sheet_xml_is_start(&o->x))
            continue;
        const char *name = sheet_xml_name(&o->x);
        if (strcmp(name, "p") == 0 || strcmp(name, "h") == 0) {
            if (paragraphs++ > 0)
                sheet_buf_add(&o->text, "\n", 1);
            if (read_paragraph(o) < 0)
                return -1;
        } else if (strcmp(name, "list") != 0 && strcmp(name, "list-item") != 0 &&
                   strcmp(name, "list-header") != 0 && strcmp(name, "section") != 0) {
            if (skip_element(o) < 0) /* comments, drawings, a table inside the cell */
                return -1;
        }
    }
    return -1;
}

/* What the cell shows, into `out`; sets *numeric. */
static const char *cell_value(vb_sheet *s, ods *o, const cell_attrs *a, int paragraphs,
                              char *out, size_t size, size_t *len, int *numeric)
{
    const char *type = a->type;
    const data_style *d = a->data;
    *numeric = 0;
    if (!a->error && (strcmp(type, "float") == 0 || strcmp(type, "currency") == 0 ||
                      strcmp(type, "percentage") == 0) && a->value[0] != '\0') {
        *numeric = 1;
        if (s->scanning) {
            *len = 1;
            return "0";
        }
        char *end;
        double v = strtod(a->value, &end);
        if (end != a->value && *end == '\0') {
            vb_numfmt fmt;
            /* A percentage style shows a float as a percentage too, as LibreOffice does. */
            number_format(d, strcmp(type, "percentage") == 0 ||
                                 (d != NULL && d->kind == STYLE_PERCENT), &fmt);
            *len = vb_numfmt_format(v, &fmt, VB_EPOCH_1899, out, size);
            return out;
        }
        *numeric = 0;
    } else if (!a->error && strcmp(type, "date") == 0 && a->date[0] != '\0') {
        double serial;
        int has_time;
        if (vb_numfmt_parse_iso_date(a->date, &serial, &has_time)) {
            vb_numfmt fmt;
            vb_numfmt_general(&fmt);
            fmt.is_date = 1;
            fmt.parts = d != NULL && (d->kind == STYLE_DATE || d->kind == STYLE_TIME) && d->parts
                            ? d->parts
                            : VB_NUMFMT_DAY | VB_NUMFMT_MONTH | VB_NUMFMT_YEAR |
                                  (has_time ? VB_NUMFMT_HOUR | VB_NUMFMT_MINUTE : 0);
            *numeric = 1;
            *len = vb_numfmt_format(serial, &fmt, VB_EPOCH_1899, out, size);
            return out;
        }
    } else if (!a->error && strcmp(type, "time") == 0 && a->time[0] != '\0') {
        double days;
        if (vb_numfmt_parse_duration(a->time, &days)) {
            vb_numfmt fmt;
            vb_numfmt_general(&fmt);
            fmt.is_date = 1;
            long seconds = (long)(days * 86400.0 + 0.5) % 60;
            fmt.parts = d != NULL && (d->kind == STYLE_TIME || d->kind == STYLE_DATE) && d->parts
                            ? d->parts | VB_NUMFMT_ELAPSED
                            : VB_NUMFMT_HOUR | VB_NUMFMT_MINUTE | VB_NUMFMT_ELAPSED |
                                  (seconds != 0 ? VB_NUMFMT_SECOND : 0);
            *numeric = 1;
            *len = vb_numfmt_format(days, &fmt, VB_EPOCH_1899, out, size);
            return out;
        }
    } else if (!a->error && strcmp(type, "boolean") == 0 && a->boolean[0] != '\0') {
        const char *b = strcmp(a->boolean, "true") == 0 || strcmp(a->boolean, "1") == 0
                            ? "Đúng" : "Sai";
        *len = strlen(b);
        return b;
    }
    /* Strings, errors ("#N/A" as shown), and values that could not be read: the text. */
    if (paragraphs > 0 || o->string_value.len == 0) {
        *len = o->text.len;
        return o->text.data != NULL ? o->text.data : "";
    }
    *len = o->string_value.len;
    return o->string_value.data;
}

/* The column's default cell style, for a cell that names none. */
static const data_style *column_style(const ods *o, uint64_t col)
{
    size_t lo = 0, hi = o->column_count;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (o->columns[mid].last < col)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < o->column_count && o->columns[lo].first <= col ? o->columns[lo].style : NULL;
}

static void read_column(ods *o)
{
    cell_attrs a = {.o = o, .repeat = 1};
    sheet_xml_attributes(&o->x, on_cell_attr, &a);
    uint64_t first = o->next_column;
    o->next_column += a.repeat;
    if (a.default_data == NULL || first > VB_SHEET_MAX_COLS)
        return;
    if (o->column_count == o->column_cap) {
        o->column_cap = o->column_cap ? o->column_cap * 2 : 16;
        o->columns = vb_xrealloc(o->columns, o->column_cap * sizeof *o->columns);
    }
    o->columns[o->column_count++] = (column_default){first, first + a.repeat - 1, a.default_data};
}

/* The merges an anchor cell starts: one per repetition that reaches the range (each adds
 * one, so the merge limit bounds this loop however large the repeats). */
static int add_merges(vb_sheet *s, uint64_t row, uint64_t row_repeat, uint64_t col,
                      uint64_t col_repeat, uint64_t rows, uint64_t cols)
{
    const sheet_area *b = &s->bounds;
    uint64_t r_lo = row, r_hi = row + row_repeat - 1, c_lo = col, c_hi = col + col_repeat - 1;
    if (r_lo + rows - 1 < b->r1)
        r_lo = b->r1 - (rows - 1);
    if (r_hi > b->r2)
        r_hi = b->r2;
    if (c_lo + cols - 1 < b->c1)
        c_lo = b->c1 - (cols - 1);
    if (c_hi > b->c2)
        c_hi = b->c2;
    for (uint64_t r = r_lo; r <= r_hi; r++)
        for (uint64_t c = c_lo; c <= c_hi; c++)
            if (sheet_add_merge(s, r, c, r + rows - 1, c + cols - 1) < 0)
                return -1;
    return 0;
}

static int read_cell(vb_sheet *s, ods *o, uint64_t row, uint64_t row_repeat,
                     const data_style *row_style, int row_has_style, uint64_t *col)
{
    cell_attrs a = {.o = o, .repeat = 1, .cols_spanned = 1, .rows_spanned = 1};
    sheet_buf_clear(&o->string_value);
    sheet_buf_clear(&o->text);
    sheet_xml_attributes(&o->x, on_cell_attr, &a);
    uint64_t c = *col;
    *col += a.repeat;
    if (c > VB_SHEET_MAX_COLS || c > s->bounds.c2) {
        /* Past the range: the empty cells LibreOffice repeats to column XFD, or cells the
         * range leaves out. Only their length was needed. */
        return xmlTextReaderIsEmptyElement(o->x.reader) ? 0 : skip_element(o);
    }
    if (!a.has_style) {
        a.data = row_has_style ? row_style : column_style(o, c);
    }
    if (s->scanning && (a.cols_spanned > 1 || a.rows_spanned > 1) &&
        add_merges(s, row, row_repeat, c, a.repeat, a.rows_spanned, a.cols_spanned) < 0)
        return -1;
    int paragraphs = read_cell_text(o);
    if (paragraphs < 0)
        return -1;
    if (o->text.over || o->string_value.over)
        return sheet_fail_cell(s, row, c, VI_EN("chữ trong ô dài hơn %zu byte",
                                                "cell text is longer than %zu bytes"),
                               vb_sheet_limits_in_force.cell_bytes);
    char out[160];
    size_t len;
    int numeric;
    const char *text = cell_value(s, o, &a, paragraphs, out, sizeof out, &len, &numeric);
    return sheet_row_cell(s, c, a.repeat, text, len, numeric);
}

static int read_row(vb_sheet *s, ods *o)
{
    cell_attrs a = {.o = o, .repeat = 1};
    sheet_xml_attributes(&o->x, on_cell_attr, &a);
    uint64_t row = o->row, repeat = a.repeat;
    o->row += repeat;
    sheet_row_begin(s, row, repeat);
    if (xmlTextReaderIsEmptyElement(o->x.reader))
        return 1;
    int depth = xmlTextReaderDepth(o->x.reader);
    uint64_t col = 1;
    int rc;
    while ((rc = next_node(o)) == 1) {
        if (sheet_xml_is_end(&o->x) && xmlTextReaderDepth(o->x.reader) == depth)
            return 1;
        if (!sheet_xml_is_start(&o->x))
            continue;
        const char *name = sheet_xml_name(&o->x);
        if (strcmp(name, "table-cell") == 0 || strcmp(name, "covered-table-cell") == 0) {
            /* Rows below the range are read only as far as their repeat count (rows above
             * it may start a merge that reaches into it). */
            if (row > s->bounds.r2) {
                if (!xmlTextReaderIsEmptyElement(o->x.reader) && skip_element(o) < 0)
                    return -1;
                continue;
            }
            if (read_cell(s, o, row, repeat, a.default_data, a.has_default, &col) < 0)
                return -1;
        } else if (skip_element(o) < 0) {
            return -1;
        }
    }
    return rc < 0 ? -1
                  : sheet_fail(s, VI_EN("tệp bị hỏng: trang tính \"%s\" kết thúc giữa chừng ở dòng "
                                        "%llu (content.xml bị cắt cụt)",
                                        "%s: content.xml ends inside row %llu"),
                               s->sheet_name, (unsigned long long)row);
}

/* Is this table:table the sheet? While scanning the choice is made (by name, or the first);
 * the second pass takes the table with the same index. */
static int is_wanted_table(vb_sheet *s, ods *o)
{
    cell_attrs a = {.o = o};
    sheet_xml_attributes(&o->x, on_cell_attr, &a);
    long index = o->tables_seen++;
    if (!s->scanning)
        return index == o->table_index;
    const char *name = a.name != NULL ? a.name : "";
    if (o->table_index < 0 && (o->wanted == NULL || strcmp(name, o->wanted) == 0)) {
        o->table_index = index;
        s->sheet_name = vb_strdup(name);
        return 1;
    }
    if (o->name_count < MAX_TABLES) {
        o->names = vb_xrealloc(o->names, (o->name_count + 1) * sizeof *o->names);
        o->names[o->name_count++] = vb_strdup(name);
    }
    return 0;
}

static int outside_table(vb_sheet *s, ods *o)
{
    const char *name = sheet_xml_name(&o->x);
    int depth = xmlTextReaderDepth(o->x.reader);
    if (depth == 1 && strcmp(name, "automatic-styles") == 0) {
        if (!s->scanning || xmlTextReaderIsEmptyElement(o->x.reader))
            return skip_element(o);
        int rc;
        while ((rc = next_node(o)) == 1) {
            if (sheet_xml_is_end(&o->x) && xmlTextReaderDepth(o->x.reader) == 1)
                break;
            if (style_node(s, o, &o->x) < 0)
                return -1;
        }
        o->open_data = NULL;
        return rc < 0 ? -1 : 0;
    }
    if (depth == 0 || (depth == 1 && strcmp(name, "body") == 0) ||
        (depth == 2 && strcmp(name, "spreadsheet") == 0))
        return 0; /* read into them */
    if (depth == 3 && strcmp(name, "table") == 0) {
        if (!o->styles_resolved)
            resolve_styles(o);
        if (is_wanted_table(s, o) && !xmlTextReaderIsEmptyElement(o->x.reader)) {
            o->in_table = 1;
            o->table_depth = depth;
            o->row = 1;
            o->next_column = 1;
            o->column_count = 0;
            return 0;
        }
    }
    return skip_element(o);
}

static int ods_next_row(vb_sheet *s)
{
    ods *o = s->impl;
    int rc;
    while ((rc = next_node(o)) == 1) {
        int start = sheet_xml_is_start(&o->x);
        if (!o->in_table) {
            if (start && outside_table(s, o) < 0)
                return -1;
            continue;
        }
        const char *name = sheet_xml_name(&o->x);
        if (!start) {
            if (sheet_xml_is_end(&o->x) && xmlTextReaderDepth(o->x.reader) == o->table_depth) {
                o->in_table = 0;
                return 0; /* the end of the sheet */
            }
            continue;
        }
        if (strcmp(name, "table-row") == 0)
            return read_row(s, o);
        if (strcmp(name, "table-column") == 0)
            read_column(o);
        else if (strcmp(name, "table-header-rows") != 0 && strcmp(name, "table-rows") != 0 &&
                 strcmp(name, "table-row-group") != 0 && strcmp(name, "table-columns") != 0 &&
                 strcmp(name, "table-header-columns") != 0 &&
                 strcmp(name, "table-column-group") != 0 && skip_element(o) < 0)
            return -1; /* shapes, forms, named ranges: not rows */
    }
    if (rc < 0)
        return -1;
    if (s->scanning && o->table_index < 0) {
        if (o->wanted != NULL)
            sheet_fail_unknown(s, o->wanted, o->names, o->name_count);
        else
            sheet_fail(s, VI_EN("bảng tính không có trang tính nào",
                                "the spreadsheet has no sheets"));
        return -1;
    }
    return 0;
}

static int open_content(vb_sheet *s, ods *o)
{
    sheet_xml_close(&o->x);
    o->node_ready = o->in_table = 0;
    o->tables_seen = 0;
    int rc = sheet_xml_open(s, &o->x, "content.xml", vb_sheet_limits_in_force.sheet_part,
                            VI_EN("một trang tính", "a sheet"));
    if (rc == 0)
        return sheet_fail(s, VI_EN("tệp ODS bị hỏng: thiếu phần content.xml",
                                   "not an ODS spreadsheet: it has no content.xml"));
    return rc < 0 ? -1 : 0;
}

static int ods_restart(vb_sheet *s)
{
    return open_content(s, s->impl);
}

static void ods_free(void *impl)
{
    ods *o = impl;
    sheet_xml_close(&o->x);
    for (size_t i = 0; i < o->name_count; i++)
        free(o->names[i]);
    free(o->names);
    free(o->data_styles);
    for (size_t i = 0; i < o->cell_count; i++) {
        free(o->cell_styles[i].data_style_name);
        free(o->cell_styles[i].parent);
    }
    free(o->cell_styles);
    map_free(&o->data_names);
    map_free(&o->cell_names);
    free(o->columns);
    sheet_buf_free(&o->text);
    sheet_buf_free(&o->string_value);
    free(o);
}

static const sheet_backend ods_backend = {ods_next_row, ods_restart, ods_free};

/* Another kind of OpenDocument file, or another kind of zip, is named as such. */
static int check_mimetype(vb_sheet *s)
{
    zip_file_t *f = zip_fopen(s->zip, "mimetype", 0);
    if (f == NULL)
        return sheet_part_exists(s, "xl/workbook.xml")
                   ? sheet_fail(s, VI_EN("là bảng tính XLSX, không phải ODS: hãy đặt đuôi .xlsx",
                                         "is an XLSX workbook, not ODS: name it .xlsx"))
                   : 0;
    char type[128] = {0};
    zip_int64_t n = zip_fread(f, type, sizeof type - 1);
    zip_fclose(f);
    if (n < 0)
        return 0;
    type[n] = '\0';
    if (strncmp(type, MIMETYPE_ODS, strlen(MIMETYPE_ODS)) != 0)
        return sheet_fail(s, VI_EN("không phải bảng tính: là tệp OpenDocument loại %s",
                                   "not a spreadsheet: an OpenDocument file of type %s"),
                          type);
    return 0;
}

typedef struct {
    const char *path;
} manifest_attrs;

static void on_manifest_attr(void *ctx, const char *name, const char *value)
{
    if (strcmp(name, "full-path") == 0)
        ((manifest_attrs *)ctx)->path = value;
}

/* A password-protected ODS has readable zip entries holding encrypted data: only the
 * manifest says so. */
static int check_encryption(vb_sheet *s)
{
    sheet_xml x;
    int rc = sheet_xml_open(s, &x, "META-INF/manifest.xml", vb_sheet_limits_in_force.small_part,
                            VI_EN("bảng kê thành phần", "the manifest"));
    int in_content = 0, encrypted = 0;
    while (rc == 1 && (rc = sheet_xml_read(&x)) == 1) {
        if (!sheet_xml_is_start(&x))
            continue;
        const char *name = sheet_xml_name(&x);
        if (strcmp(name, "file-entry") == 0) {
            manifest_attrs a = {0};
            sheet_xml_attributes(&x, on_manifest_attr, &a);
            in_content = a.path != NULL && strcmp(a.path, "content.xml") == 0;
        } else if (in_content && strcmp(name, "encryption-data") == 0) {
            encrypted = 1;
            break;
        }
    }
    sheet_xml_close(&x);
    if (rc < 0)
        return -1;
    if (encrypted)
        return sheet_fail(s, VI_EN("có mật khẩu bảo vệ: hãy lưu lại không đặt mật khẩu",
                                   "is password-protected: save it without a password"));
    return 0;
}

int vb_ods_open(vb_sheet *s, const char *sheet_name)
{
    ods *o = vb_xcalloc(1, sizeof *o);
    s->impl = o;
    s->backend = &ods_backend;
    o->wanted = sheet_name;
    o->table_index = -1;
    o->text.limit = o->string_value.limit = vb_sheet_limits_in_force.cell_bytes;
    if (check_mimetype(s) < 0 || check_encryption(s) < 0 || load_styles_part(s, o) < 0)
        return -1;
    return open_content(s, o);
}
