/* XLSX (Office Open XML) sheets, read for sheet.c.
 *
 * The package is followed as OPC says: _rels/.rels names the workbook, the workbook lists
 * the sheets with a relationship id each, and the workbook's relationships give each sheet's
 * part, the shared strings and the styles. Shared strings and the number format of each cell
 * style are held in memory (bounded); the sheet itself is streamed, once for its merges and
 * used area, once for its rows. */
#include "sheet_readers.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "model/model.h"
#include "numfmt.h"

#define REL_OFFICE_DOCUMENT "/officeDocument"
#define REL_WORKSHEET "/worksheet"
#define REL_SHARED_STRINGS "/sharedStrings"
#define REL_STYLES "/styles"
/* A workbook lists a few sheets; thousands would be a damaged file. */
#define MAX_SHEETS 10000u
#define MAX_RELATIONSHIPS 100000u
#define BUILTIN_FORMATS 59u

typedef struct {
    char *id, *type, *target; /* target resolved to a part name */
} relationship;

typedef struct {
    relationship *items;
    size_t count;
} relationships;

typedef struct {
    unsigned id;
    vb_numfmt fmt;
} custom_format;

typedef struct {
    sheet_xml x;
    int node_ready;        /* a skip left the next node current: do not read again */
    char *sheet_part;
    int in_sheet_data, sheet_data_done, merges_done;
    uint64_t row, col;     /* the last row and cell read */

    char *strings;         /* shared strings, one after another */
    uint32_t *string_starts; /* count + 1 offsets into strings */
    size_t string_count;

    custom_format *custom; /* sorted by id */
    size_t custom_count;
    vb_numfmt builtin[BUILTIN_FORMATS];
    unsigned char builtin_ready[BUILTIN_FORMATS];
    const vb_numfmt **xf;  /* each cell style's number format */
    size_t xf_count;
    vb_numfmt general;
    vb_epoch epoch;

    sheet_buf value, text, decoded;
} xlsx;

/* ---- names and paths ------------------------------------------------------------------- */

static int ends_with(const char *s, const char *suffix)
{
    size_t n = strlen(s), m = strlen(suffix);
    return n >= m && strcmp(s + n - m, suffix) == 0;
}

/* The part a relationship of `source` (a part name) points at: "worksheets/sheet1.xml" from
 * "xl/workbook.xml" is "xl/worksheets/sheet1.xml"; "/xl/…" is from the package root. */
static char *resolve_target(const char *source, const char *target)
{
    sheet_buf out = {0};
    if (target[0] == '/') {
        target++;
    } else {
        const char *slash = strrchr(source, '/');
        if (slash != NULL)
            sheet_buf_add(&out, source, (size_t)(slash - source) + 1);
    }
    while (*target != '\0') {
        const char *end = strchr(target, '/');
        size_t n = end != NULL ? (size_t)(end - target) : strlen(target);
        if (n == 2 && target[0] == '.' && target[1] == '.') {
            if (out.len > 0)
                out.len--; /* the trailing slash */
            while (out.len > 0 && out.data[out.len - 1] != '/')
                out.len--;
        } else if (!(n == 1 && target[0] == '.') && n > 0) {
            sheet_buf_add(&out, target, n);
            if (end != NULL)
                sheet_buf_add(&out, "/", 1);
        }
        target += n + (end != NULL);
    }
    sheet_buf_add(&out, "", 1);
    out.data[out.len - 1] = '\0';
    return out.data;
}

/* "xl/_rels/workbook.xml.rels" for "xl/workbook.xml". */
static char *rels_part(const char *source)
{
    const char *slash = strrchr(source, '/');
    size_t dir = slash != NULL ? (size_t)(slash - source) + 1 : 0;
    size_t n = strlen(source) + 12;
    char *out = vb_xmalloc(n);
    snprintf(out, n, "%.*s_rels/%s.rels", (int)dir, source, source + dir);
    return out;
}

/* ---- relationships --------------------------------------------------------------------- */

typedef struct {
    const char *id, *type, *target, *mode;
} rel_attrs;

static void on_rel_attr(void *ctx, const char *name, const char *value)
{
    rel_attrs *a = ctx;
    if (strcmp(name, "Id") == 0)
        a->id = value;
    else if (strcmp(name, "Type") == 0)
        a->type = value;
    else if (strcmp(name, "Target") == 0)
        a->target = value;
    else if (strcmp(name, "TargetMode") == 0)
        a->mode = value;
}

static void free_rels(relationships *rels)
{
    for (size_t i = 0; i < rels->count; i++) {
        free(rels->items[i].id);
        free(rels->items[i].type);
        free(rels->items[i].target);
    }
    free(rels->items);
    memset(rels, 0, sizeof *rels);
}

/* Reads the relationships of `source`; a part without any has none (not an error). */
static int read_rels(vb_sheet *s, const char *source, relationships *rels)
{
    memset(rels, 0, sizeof *rels);
    char *part = rels_part(source);
    sheet_xml x;
    int rc = sheet_xml_open(s, &x, part, vb_sheet_limits_in_force.small_part,
                            VI_EN("danh sách liên kết", "relationships"));
    free(part);
    if (rc <= 0) {
        sheet_xml_close(&x);
        return rc;
    }
    size_t cap = 0;
    while ((rc = sheet_xml_read(&x)) == 1) {
        if (!sheet_xml_is_start(&x) || strcmp(sheet_xml_name(&x), "Relationship") != 0)
            continue;
        rel_attrs a = {0};
        sheet_xml_attributes(&x, on_rel_attr, &a);
        if (a.id == NULL || a.type == NULL || a.target == NULL ||
            (a.mode != NULL && strcmp(a.mode, "External") == 0))
            continue;
        if (rels->count == MAX_RELATIONSHIPS) {
            rc = sheet_fail(s, VI_EN("tệp bị hỏng: phần %s có hơn %u liên kết",
                                     "%s has more than %u relationships (a damaged file)"),
                            x.part, MAX_RELATIONSHIPS);
            break;
        }
        if (rels->count == cap) {
            cap = cap ? cap * 2 : 16;
            rels->items = vb_xrealloc(rels->items, cap * sizeof *rels->items);
        }
        relationship *r = &rels->items[rels->count++];
        r->id = vb_strdup(a.id);
        r->type = vb_strdup(a.type);
        r->target = resolve_target(source, a.target);
    }
    sheet_xml_close(&x);
    if (rc < 0) {
        free_rels(rels); /* what was read before the damage */
        return -1;
    }
    return 1;
}

static const relationship *rel_by_type(const relationships *rels, const char *suffix)
{
    for (size_t i = 0; i < rels->count; i++)
        if (ends_with(rels->items[i].type, suffix))
            return &rels->items[i];
    return NULL;
}

static const relationship *rel_by_id(const relationships *rels, const char *id)
{
    for (size_t i = 0; i < rels->count; i++)
        if (strcmp(rels->items[i].id, id) == 0)
            return &rels->items[i];
    return NULL;
}

/* ---- text ------------------------------------------------------------------------------ */

static void add_utf8(sheet_buf *b, unsigned long cp)
{
    char u[4];
    size_t n;
    if (cp < 0x80) {
        u[0] = (char)cp;
        n = 1;
    } else if (cp < 0x800) {
        u[0] = (char)(0xC0 | (cp >> 6));
        u[1] = (char)(0x80 | (cp & 0x3F));
        n = 2;
    } else {
        u[0] = (char)(0xE0 | (cp >> 12));
        u[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        u[2] = (char)(0x80 | (cp & 0x3F));
        n = 3;
    }
    sheet_buf_add(b, u, n);
}

static int hex4(const char *s, unsigned long *cp)
{
    *cp = 0;
    for (int i = 0; i < 4; i++) {
        char c = s[i];
        int v = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10
                : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
        if (v < 0)
            return 0;
        *cp = *cp * 16 + (unsigned long)v;
    }
    return 1;
}

/* Text as Excel meant it: "_x000D_" is how OOXML writes a character XML cannot hold (and
 * "_x005F_" an underscore), and a line break is "\n" whatever Excel wrote. Returns the text
 * in `in` itself when there is nothing to change, which is nearly always. */
static const char *excel_text(xlsx *w, const sheet_buf *in, size_t *len)
{
    const char *s = in->data != NULL ? in->data : "";
    *len = in->len;
    if (memchr(s, '\r', in->len) == NULL && strstr(s, "_x") == NULL)
        return s;
    sheet_buf_clear(&w->decoded);
    for (size_t i = 0; i < in->len;) {
        unsigned long cp;
        if (s[i] == '_' && i + 7 <= in->len && s[i + 1] == 'x' && s[i + 6] == '_' &&
            hex4(s + i + 2, &cp) && cp != 0 && (cp < 0xD800 || cp > 0xDFFF)) {
            if (cp == '\r' && i + 7 < in->len && s[i + 7] == '\n')
                cp = 0; /* CR LF: the LF stays */
            else if (cp == '\r')
                cp = '\n';
            if (cp != 0)
                add_utf8(&w->decoded, cp);
            i += 7;
        } else if (s[i] == '\r') {
            if (i + 1 >= in->len || s[i + 1] != '\n')
                sheet_buf_add(&w->decoded, "\n", 1);
            i++;
        } else {
            sheet_buf_add(&w->decoded, s + i, 1);
            i++;
        }
    }
    *len = w->decoded.len;
    return w->decoded.data != NULL ? w->decoded.data : "";
}

/* The text of the current (non-empty) element, up to its end tag. */
static int collect_text(sheet_xml *x, sheet_buf *b)
{
    int depth = xmlTextReaderDepth(x->reader);
    int rc;
    while ((rc = sheet_xml_read(x)) == 1) {
        if (sheet_xml_is_text(x)) {
            const char *v = (const char *)xmlTextReaderConstValue(x->reader);
            if (v != NULL)
                sheet_buf_add(b, v, strlen(v));
        } else if (sheet_xml_is_end(x) && xmlTextReaderDepth(x->reader) == depth) {
            return 1;
        }
    }
    return rc;
}

/* The text of a string item (<si>, or a cell's <is>): its <t>, or the <t> of each rich text
 * run <r>, leaving out phonetic runs <rPh>. */
static int collect_string_item(sheet_xml *x, sheet_buf *b)
{
    if (xmlTextReaderIsEmptyElement(x->reader))
        return 1;
    int depth = xmlTextReaderDepth(x->reader);
    int rc = sheet_xml_read(x);
    while (rc == 1) {
        const char *name = sheet_xml_name(x);
        if (sheet_xml_is_end(x) && xmlTextReaderDepth(x->reader) == depth)
            return 1;
        if (sheet_xml_is_start(x) && strcmp(name, "rPh") == 0) {
            rc = sheet_xml_skip(x);
            continue;
        }
        if (sheet_xml_is_start(x) && strcmp(name, "t") == 0 &&
            !xmlTextReaderIsEmptyElement(x->reader)) {
            rc = collect_text(x, b);
            if (rc != 1)
                return rc;
        }
        rc = sheet_xml_read(x);
    }
    return rc;
}

/* ---- shared strings -------------------------------------------------------------------- */

static int load_shared_strings(vb_sheet *s, xlsx *w, const char *part)
{
    sheet_xml x;
    int rc = sheet_xml_open(s, &x, part, vb_sheet_limits_in_force.shared_strings_part,
                            VI_EN("chuỗi dùng chung", "shared strings"));
    if (rc <= 0) {
        sheet_xml_close(&x);
        return rc;
    }
    const vb_sheet_limits *lim = &vb_sheet_limits_in_force;
    sheet_buf all = {0}, item = {.limit = lim->cell_bytes};
    size_t cap = 0;
    w->string_starts = vb_xmalloc(sizeof *w->string_starts);
    w->string_starts[0] = 0;
    char a[32];
    while ((rc = sheet_xml_read(&x)) == 1) {
        if (!sheet_xml_is_start(&x) || strcmp(sheet_xml_name(&x), "si") != 0)
            continue;
        sheet_buf_clear(&item);
        if ((rc = collect_string_item(&x, &item)) != 1)
            break;
        if (item.over) {
            rc = sheet_fail(s, VI_EN("tệp bị hỏng: phần %s có chuỗi dùng chung số %zu dài hơn %zu "
                                     "byte",
                                     "%s: shared string %zu is longer than %zu bytes (a damaged "
                                     "file)"),
                            part, w->string_count, lim->cell_bytes);
            break;
        }
        size_t len;
        const char *text = excel_text(w, &item, &len);
        if (w->string_count == lim->shared_strings_count ||
            all.len + len > lim->shared_strings_text) {
            rc = sheet_fail(s, VI_EN("phần %s: chuỗi dùng chung vượt giới hạn (%zu chuỗi, %s chữ; "
                                     "tệp bị hỏng hoặc được tạo ra để gây hại)",
                                     "%s: shared strings over the limit (%zu strings, %s of text; "
                                     "a damaged or hostile file)"),
                            part, lim->shared_strings_count,
                            sheet_size_text(s, lim->shared_strings_text, a, sizeof a));
            break;
        }
        sheet_buf_add(&all, text, len);
        if (w->string_count + 2 > cap) {
            cap = cap ? cap * 2 : 1024;
            w->string_starts = vb_xrealloc(w->string_starts, cap * sizeof *w->string_starts);
        }
        w->string_starts[++w->string_count] = (uint32_t)all.len;
    }
    sheet_xml_close(&x);
    sheet_buf_free(&item);
    w->strings = all.data;
    return rc < 0 ? -1 : 1;
}

/* ---- styles ---------------------------------------------------------------------------- */

typedef struct {
    const char *id, *code;
} numfmt_attrs;

static void on_numfmt_attr(void *ctx, const char *name, const char *value)
{
    numfmt_attrs *a = ctx;
    if (strcmp(name, "numFmtId") == 0)
        a->id = value;
    else if (strcmp(name, "formatCode") == 0)
        a->code = value;
}

static int compare_custom(const void *a, const void *b)
{
    unsigned x = ((const custom_format *)a)->id, y = ((const custom_format *)b)->id;
    return x < y ? -1 : x > y;
}

static const vb_numfmt *format_for_id(xlsx *w, unsigned id)
{
    custom_format key = {.id = id};
    const custom_format *c = w->custom_count == 0 ? NULL
                             : bsearch(&key, w->custom, w->custom_count, sizeof *w->custom,
                                       compare_custom);
    if (c != NULL)
        return &c->fmt;
    if (id >= BUILTIN_FORMATS)
        return &w->general;
    if (!w->builtin_ready[id]) {
        vb_numfmt_builtin(id, &w->builtin[id]);
        w->builtin_ready[id] = 1;
    }
    return &w->builtin[id];
}

/* cellXfs[i].numFmtId, through <numFmts> or the built-in formats: what tells a date from a
 * number. Only the number formats are read; fonts and borders do not reach the document. */
static int load_styles(vb_sheet *s, xlsx *w, const char *part)
{
    sheet_xml x;
    int rc = sheet_xml_open(s, &x, part, vb_sheet_limits_in_force.small_part,
                            VI_EN("định dạng", "styles"));
    if (rc <= 0) {
        sheet_xml_close(&x);
        return rc;
    }
    size_t custom_cap = 0, xf_cap = 0;
    int in_cell_xfs = 0, sorted = 0, xf_depth = 0;
    while ((rc = sheet_xml_read(&x)) == 1) {
        const char *name = sheet_xml_name(&x);
        if (sheet_xml_is_end(&x) && strcmp(name, "cellXfs") == 0)
            break; /* nothing after it is needed */
        if (!sheet_xml_is_start(&x))
            continue;
        if (strcmp(name, "numFmt") == 0) {
            numfmt_attrs a = {0};
            sheet_xml_attributes(&x, on_numfmt_attr, &a);
            if (a.id == NULL || a.code == NULL)
                continue;
            if (w->custom_count == vb_sheet_limits_in_force.number_formats) {
                rc = sheet_fail(s, VI_EN("tệp bị hỏng: phần %s có hơn %zu định dạng số",
                                         "%s has more than %zu number formats (a damaged file)"),
                                part, vb_sheet_limits_in_force.number_formats);
                break;
            }
            if (w->custom_count == custom_cap) {
                custom_cap = custom_cap ? custom_cap * 2 : 16;
                w->custom = vb_xrealloc(w->custom, custom_cap * sizeof *w->custom);
            }
            custom_format *c = &w->custom[w->custom_count++];
            c->id = (unsigned)strtoul(a.id, NULL, 10);
            vb_numfmt_from_code(a.code, &c->fmt);
        } else if (strcmp(name, "cellXfs") == 0) {
            in_cell_xfs = 1;
            xf_depth = xmlTextReaderDepth(x.reader) + 1;
            if (!sorted && w->custom_count > 1) { /* <numFmts> comes before <cellXfs> */
                qsort(w->custom, w->custom_count, sizeof *w->custom, compare_custom);
                sorted = 1;
            }
        } else if (in_cell_xfs && strcmp(name, "xf") == 0 &&
                   xmlTextReaderDepth(x.reader) == xf_depth) {
            numfmt_attrs a = {0};
            sheet_xml_attributes(&x, on_numfmt_attr, &a);
            if (w->xf_count == vb_sheet_limits_in_force.cell_formats) {
                rc = sheet_fail(s, VI_EN("tệp bị hỏng: phần %s có hơn %zu định dạng ô",
                                         "%s has more than %zu cell formats (a damaged file)"),
                                part, vb_sheet_limits_in_force.cell_formats);
                break;
            }
            if (w->xf_count == xf_cap) {
                xf_cap = xf_cap ? xf_cap * 2 : 64;
                w->xf = vb_xrealloc(w->xf, xf_cap * sizeof *w->xf);
            }
            w->xf[w->xf_count++] = format_for_id(w, a.id != NULL ? (unsigned)strtoul(a.id, NULL, 10) : 0);
        }
    }
    sheet_xml_close(&x);
    return rc < 0 ? -1 : 1;
}

/* ---- the workbook ---------------------------------------------------------------------- */

typedef struct {
    char **names, **ids;
    size_t count, cap;
    int date1904;
    int too_many;
} sheet_list;

typedef struct {
    const char *name, *id, *date1904;
} workbook_attrs;

static void on_workbook_attr(void *ctx, const char *name, const char *value)
{
    workbook_attrs *a = ctx;
    if (strcmp(name, "name") == 0)
        a->name = value;
    else if (strcmp(name, "id") == 0) /* r:id, in the relationships namespace */
        a->id = value;
    else if (strcmp(name, "date1904") == 0)
        a->date1904 = value;
}

static void free_sheet_list(sheet_list *l)
{
    for (size_t i = 0; i < l->count; i++) {
        free(l->names[i]);
        free(l->ids[i]);
    }
    free(l->names);
    free(l->ids);
}

static int read_workbook(vb_sheet *s, const char *part, sheet_list *list)
{
    sheet_xml x;
    int rc = sheet_xml_open(s, &x, part, vb_sheet_limits_in_force.small_part,
                            VI_EN("sổ làm việc", "the workbook"));
    if (rc == 0)
        rc = sheet_fail(s, VI_EN("tệp XLSX bị hỏng: thiếu phần %s",
                                 "not an XLSX workbook: it has no %s"),
                        part);
    while (rc == 1 && (rc = sheet_xml_read(&x)) == 1) {
        if (!sheet_xml_is_start(&x))
            continue;
        const char *name = sheet_xml_name(&x);
        workbook_attrs a = {0};
        if (strcmp(name, "workbookPr") == 0) {
            sheet_xml_attributes(&x, on_workbook_attr, &a);
            list->date1904 = a.date1904 != NULL &&
                             (strcmp(a.date1904, "1") == 0 || strcmp(a.date1904, "true") == 0);
        } else if (strcmp(name, "sheet") == 0) {
            sheet_xml_attributes(&x, on_workbook_attr, &a);
            if (a.name == NULL || a.id == NULL)
                continue;
            if (list->count == MAX_SHEETS) {
                rc = sheet_fail(s, VI_EN("tệp bị hỏng: phần %s liệt kê hơn %u trang tính",
                                         "%s lists more than %u sheets (a damaged file)"),
                                part, MAX_SHEETS);
                break;
            }
            if (list->count == list->cap) {
                list->cap = list->cap ? list->cap * 2 : 8;
                list->names = vb_xrealloc(list->names, list->cap * sizeof *list->names);
                list->ids = vb_xrealloc(list->ids, list->cap * sizeof *list->ids);
            }
            list->names[list->count] = vb_strdup(a.name);
            list->ids[list->count++] = vb_strdup(a.id);
        } else if (strcmp(name, "definedNames") == 0 || strcmp(name, "extLst") == 0) {
            /* Possibly long, and nothing in them is needed. */
            while (rc == 1 && sheet_xml_is_start(&x) &&
                   (strcmp(sheet_xml_name(&x), "definedNames") == 0 ||
                    strcmp(sheet_xml_name(&x), "extLst") == 0))
                rc = sheet_xml_skip(&x);
        }
    }
    sheet_xml_close(&x);
    return rc < 0 ? -1 : 0;
}

/* Sheet names are compared as written, then without regard to ASCII case (as Excel does
 * for its own names; Vietnamese letters must then match exactly). */
static long find_sheet(const sheet_list *list, const char *wanted)
{
    for (size_t i = 0; i < list->count; i++)
        if (strcmp(list->names[i], wanted) == 0)
            return (long)i;
    for (size_t i = 0; i < list->count; i++)
        if (strcasecmp(list->names[i], wanted) == 0)
            return (long)i;
    return -1;
}

/* ---- the sheet ------------------------------------------------------------------------- */

static int next_node(xlsx *w)
{
    if (w->node_ready) {
        w->node_ready = 0;
        return 1;
    }
    return sheet_xml_read(&w->x);
}

static int skip_element(xlsx *w)
{
    int rc = sheet_xml_skip(&w->x);
    w->node_ready = rc == 1;
    return rc < 0 ? -1 : 0;
}

typedef struct {
    const char *r, *t, *s;
} cell_attrs;

static void on_cell_attr(void *ctx, const char *name, const char *value)
{
    cell_attrs *a = ctx;
    if (name[0] == 'r' && name[1] == '\0')
        a->r = value;
    else if (name[0] == 't' && name[1] == '\0')
        a->t = value;
    else if (name[0] == 's' && name[1] == '\0')
        a->s = value;
}

static int parse_index(const char *s, uint64_t *out)
{
    if (s == NULL || *s < '0' || *s > '9')
        return 0;
    uint64_t v = 0;
    for (; *s >= '0' && *s <= '9'; s++) {
        v = v * 10 + (uint64_t)(*s - '0');
        if (v > 0xFFFFFFFFull)
            return 0;
    }
    *out = v;
    return *s == '\0';
}

/* The cell's value as shown; `type` is its t attribute ("n" when absent). */
static int emit_cell(vb_sheet *s, xlsx *w, uint64_t col, const char *type, uint64_t style)
{
    const char *text = w->value.data != NULL ? w->value.data : "";
    size_t len = w->value.len;
    int numeric = 0;
    char number[160];
    if (w->value.over || w->text.over)
        return sheet_fail_cell(s, w->row, col, VI_EN("chữ trong ô dài hơn %zu byte",
                                                      "cell text is longer than %zu bytes"),
                               vb_sheet_limits_in_force.cell_bytes);
    if (strcmp(type, "s") == 0) {
        uint64_t i;
        if (len == 0)
            return 0;
        if (!parse_index(text, &i) || i >= w->string_count)
            return sheet_fail_cell(s, w->row, col,
                                   VI_EN("tệp bị hỏng: ô trỏ tới chuỗi dùng chung số \"%s\" nhưng "
                                         "tệp chỉ có %zu chuỗi",
                                         "shared string \"%s\" does not exist (the file has %zu)"),
                                   text, w->string_count);
        /* No text at all (every shared string empty) leaves no buffer. */
        text = w->strings != NULL ? w->strings + w->string_starts[i] : "";
        len = w->string_starts[i + 1] - w->string_starts[i];
    } else if (strcmp(type, "inlineStr") == 0) {
        text = excel_text(w, &w->text, &len);
    } else if (strcmp(type, "str") == 0 || strcmp(type, "e") == 0) {
        text = excel_text(w, &w->value, &len);
    } else if (strcmp(type, "b") == 0) {
        if (len == 0)
            return 0;
        text = strcmp(text, "0") == 0 ? "Sai" : "Đúng";
        len = strlen(text);
    } else if (len > 0 && !s->scanning) {
        const vb_numfmt *fmt = style < w->xf_count ? w->xf[style] : &w->general;
        vb_numfmt date_format;
        double v;
        vb_epoch epoch = w->epoch;
        if (strcmp(type, "d") == 0) { /* an ISO 8601 date (strict OOXML) */
            int has_time;
            if (!vb_numfmt_parse_iso_date(text, &v, &has_time))
                return sheet_fail_cell(s, w->row, col, VI_EN("không phải ngày tháng: \"%s\"",
                                                             "not a date: \"%s\""),
                                       text);
            epoch = VB_EPOCH_1899;
            if (!fmt->is_date) {
                vb_numfmt_from_code(has_time ? "dd/mm/yyyy hh:mm" : "dd/mm/yyyy", &date_format);
                fmt = &date_format;
            }
        } else {
            char *end;
            v = strtod(text, &end);
            if (end == text || *end != '\0')
                return sheet_fail_cell(s, w->row, col, VI_EN("không phải số: \"%s\"",
                                                             "not a number: \"%s\""),
                                       text);
        }
        len = vb_numfmt_format(v, fmt, epoch, number, sizeof number);
        text = number;
        numeric = 1;
    } else {
        numeric = 1;
    }
    return sheet_row_cell(s, col, 1, text, len, numeric);
}

static int read_cell(vb_sheet *s, xlsx *w)
{
    cell_attrs a = {0};
    sheet_xml_attributes(&w->x, on_cell_attr, &a);
    uint64_t col = w->col + 1, style = 0;
    if (a.r != NULL) {
        unsigned c, r;
        if (!sheet_parse_ref(a.r, strlen(a.r), &c, &r) || c == 0)
            return sheet_fail(s, VI_EN("trang tính \"%s\", dòng %llu: tham chiếu ô \"%s\" viết sai",
                                       "%s: row %llu: bad cell reference \"%s\""),
                              s->sheet_name, (unsigned long long)w->row, a.r);
        col = c;
    }
    if (col <= w->col) {
        char prev[32];
        return sheet_fail_cell(s, w->row, col,
                               VI_EN("tệp bị hỏng: ô này đứng sau ô %s, các ô sai thứ tự",
                                     "cell comes after %s: cells out of order (a damaged file)"),
                               sheet_cell_name(w->row, w->col, prev, sizeof prev));
    }
    if (col > VB_SHEET_MAX_COLS)
        return sheet_fail_cell(s, w->row, col,
                               VI_EN("vượt quá cột cuối cùng mà một trang tính có thể có (XFD)",
                                     "beyond the last column a sheet may have (XFD)"));
    w->col = col;
    if (a.s != NULL && !parse_index(a.s, &style))
        style = 0;
    const char *type = a.t != NULL ? a.t : "n";
    sheet_buf_clear(&w->value);
    sheet_buf_clear(&w->text);
    if (xmlTextReaderIsEmptyElement(w->x.reader))
        return 0; /* styled but empty */
    /* The attribute values live in the reader's current node: keep the type. */
    char type_copy[16];
    snprintf(type_copy, sizeof type_copy, "%s", type);
    int depth = xmlTextReaderDepth(w->x.reader);
    int rc;
    while ((rc = next_node(w)) == 1) {
        if (sheet_xml_is_end(&w->x) && xmlTextReaderDepth(w->x.reader) == depth)
            return emit_cell(s, w, col, type_copy, style);
        if (!sheet_xml_is_start(&w->x))
            continue;
        const char *name = sheet_xml_name(&w->x);
        if (strcmp(name, "v") == 0 && !xmlTextReaderIsEmptyElement(w->x.reader)) {
            if (collect_text(&w->x, &w->value) < 0)
                return -1;
        } else if (strcmp(name, "is") == 0) {
            if (collect_string_item(&w->x, &w->text) < 0)
                return -1;
        } else if (skip_element(w) < 0) { /* <f> formulas and extensions */
            return -1;
        }
    }
    return rc < 0 ? -1
                  : sheet_fail_cell(s, w->row, col,
                                    VI_EN("tệp bị hỏng: trang tính kết thúc giữa chừng trong ô này",
                                          "the sheet ends inside the cell"));
}

static int read_row(vb_sheet *s, xlsx *w)
{
    cell_attrs a = {0};
    sheet_xml_attributes(&w->x, on_cell_attr, &a);
    uint64_t row = w->row + 1;
    if (a.r != NULL && (!parse_index(a.r, &row) || row == 0))
        return sheet_fail(s, VI_EN("trang tính \"%s\": số dòng \"%s\" viết sai",
                                   "%s: bad row number \"%s\""),
                          s->sheet_name, a.r);
    if (row <= w->row)
        return sheet_fail(s, VI_EN("tệp bị hỏng: trang tính \"%s\" có dòng %llu đứng sau dòng "
                                   "%llu, các dòng sai thứ tự",
                                   "%s: row %llu comes after row %llu: rows out of order (a "
                                   "damaged file)"),
                          s->sheet_name, (unsigned long long)row, (unsigned long long)w->row);
    if (row > VB_SHEET_MAX_ROWS)
        return sheet_fail(s, VI_EN("trang tính \"%s\": dòng %llu vượt quá dòng cuối cùng mà một "
                                   "trang tính có thể có (%u)",
                                   "%s: row %llu is beyond the last row a sheet may have (%u)"),
                          s->sheet_name, (unsigned long long)row, VB_SHEET_MAX_ROWS);
    w->row = row;
    w->col = 0;
    sheet_row_begin(s, row, 1);
    if (xmlTextReaderIsEmptyElement(w->x.reader))
        return 1;
    int depth = xmlTextReaderDepth(w->x.reader);
    int rc;
    while ((rc = next_node(w)) == 1) {
        if (sheet_xml_is_end(&w->x) && xmlTextReaderDepth(w->x.reader) == depth)
            return 1;
        if (!sheet_xml_is_start(&w->x))
            continue;
        if (strcmp(sheet_xml_name(&w->x), "c") == 0) {
            if (read_cell(s, w) < 0)
                return -1;
        } else if (skip_element(w) < 0) {
            return -1;
        }
    }
    return rc < 0 ? -1
                  : sheet_fail(s, VI_EN("tệp bị hỏng: trang tính \"%s\" kết thúc giữa chừng ở dòng "
                                        "%llu",
                                        "%s: the sheet ends inside row %llu"),
                               s->sheet_name, (unsigned long long)row);
}

typedef struct {
    const char *ref;
} merge_attrs;

static void on_merge_attr(void *ctx, const char *name, const char *value)
{
    if (strcmp(name, "ref") == 0)
        ((merge_attrs *)ctx)->ref = value;
}

static int read_merge(vb_sheet *s, xlsx *w)
{
    merge_attrs a = {0};
    sheet_xml_attributes(&w->x, on_merge_attr, &a);
    sheet_area m;
    if (a.ref == NULL)
        return 0;
    if (!sheet_parse_area(a.ref, &m) || m.c1 == 0 || m.r1 == 0)
        return sheet_fail(s, VI_EN("trang tính \"%s\": vùng ô gộp \"%s\" viết sai",
                                   "%s: bad merged area \"%s\""),
                          s->sheet_name, a.ref);
    return sheet_add_merge(s, m.r1, m.c1, m.r2, m.c2);
}

static int xlsx_next_row(vb_sheet *s)
{
    xlsx *w = s->impl;
    int rc;
    while ((rc = next_node(w)) == 1) {
        const char *name = sheet_xml_name(&w->x);
        int depth = xmlTextReaderDepth(w->x.reader);
        if (w->in_sheet_data) {
            if (sheet_xml_is_start(&w->x) && strcmp(name, "row") == 0)
                return read_row(s, w);
            if (sheet_xml_is_end(&w->x) && strcmp(name, "sheetData") == 0) {
                w->in_sheet_data = 0;
                w->sheet_data_done = 1;
                if (!s->scanning)
                    return 0;
            }
            continue;
        }
        if (sheet_xml_is_end(&w->x) && strcmp(name, "mergeCells") == 0) {
            w->merges_done = 1; /* only one <mergeCells>, after <sheetData> */
            if (w->sheet_data_done)
                return 0;
        }
        if (!sheet_xml_is_start(&w->x))
            continue;
        if (strcmp(name, "sheetData") == 0 && depth == 1 && !w->sheet_data_done) {
            if (xmlTextReaderIsEmptyElement(w->x.reader)) {
                w->sheet_data_done = 1;
                if (!s->scanning)
                    return 0;
            } else {
                w->in_sheet_data = 1;
            }
        } else if (strcmp(name, "mergeCell") == 0 && s->scanning) {
            if (read_merge(s, w) < 0)
                return -1;
        } else if (strcmp(name, "mergeCells") == 0 && depth == 1) {
            if (xmlTextReaderIsEmptyElement(w->x.reader) && w->sheet_data_done)
                return 0;
        } else if (depth == 1) {
            if (w->sheet_data_done && w->merges_done)
                return 0; /* the rest is formatting */
            if (skip_element(w) < 0)
                return -1;
        }
    }
    return rc < 0 ? -1 : 0;
}

static int open_sheet_part(vb_sheet *s, xlsx *w)
{
    sheet_xml_close(&w->x);
    w->node_ready = w->in_sheet_data = w->sheet_data_done = w->merges_done = 0;
    w->row = w->col = 0;
    int rc = sheet_xml_open(s, &w->x, w->sheet_part, vb_sheet_limits_in_force.sheet_part,
                            VI_EN("một trang tính", "a sheet"));
    if (rc == 0)
        return sheet_fail(s, VI_EN("tệp XLSX bị hỏng: trang tính \"%s\" thiếu phần %s",
                                   "sheet \"%s\" has no part %s (a damaged file)"),
                          s->sheet_name, w->sheet_part);
    return rc < 0 ? -1 : 0;
}

static int xlsx_restart(vb_sheet *s)
{
    return open_sheet_part(s, s->impl);
}

static void xlsx_free(void *impl)
{
    xlsx *w = impl;
    sheet_xml_close(&w->x);
    free(w->sheet_part);
    free(w->strings);
    free(w->string_starts);
    free(w->custom);
    free(w->xf);
    sheet_buf_free(&w->value);
    sheet_buf_free(&w->text);
    sheet_buf_free(&w->decoded);
    free(w);
}

static const sheet_backend xlsx_backend = {xlsx_next_row, xlsx_restart, xlsx_free};

/* Chooses the sheet and its part; 0, or -1 after sheet_fail. */
static int choose_sheet(vb_sheet *s, xlsx *w, const char *workbook, const char *wanted,
                        const relationships *rels)
{
    sheet_list list = {0};
    int rc = read_workbook(s, workbook, &list);
    w->epoch = list.date1904 ? VB_EPOCH_1904 : VB_EPOCH_1900;
    long index = -1;
    if (rc == 0) {
        if (list.count == 0)
            rc = sheet_fail(s, VI_EN("sổ làm việc không có trang tính nào",
                                     "the workbook has no sheets"));
        else if (wanted == NULL)
            index = 0;
        else if ((index = find_sheet(&list, wanted)) < 0)
            sheet_fail_unknown(s, wanted, list.names, list.count), rc = -1;
    }
    if (rc == 0) {
        s->sheet_name = vb_strdup(list.names[index]);
        const relationship *r = rel_by_id(rels, list.ids[index]);
        if (r == NULL)
            rc = sheet_fail(s, VI_EN("tệp XLSX bị hỏng: trang tính \"%s\" không có phần dữ liệu "
                                     "(thiếu liên kết %s)",
                                     "sheet \"%s\" has no part (relationship %s is missing: a "
                                     "damaged file)"),
                            s->sheet_name, list.ids[index]);
        else if (!ends_with(r->type, REL_WORKSHEET))
            rc = sheet_fail(s, VI_EN("trang tính \"%s\" là trang biểu đồ hoặc hộp thoại, không "
                                     "phải bảng",
                                     "sheet \"%s\" is a chart or dialog sheet, not a table"),
                            s->sheet_name);
        else
            w->sheet_part = vb_strdup(r->target);
    }
    free_sheet_list(&list);
    return rc;
}

int vb_xlsx_open(vb_sheet *s, const char *sheet_name)
{
    xlsx *w = vb_xcalloc(1, sizeof *w);
    s->impl = w;
    s->backend = &xlsx_backend;
    vb_numfmt_general(&w->general);
    w->value.limit = w->text.limit = vb_sheet_limits_in_force.cell_bytes;

    /* The workbook's part: named by the package relationships, nearly always this one. */
    relationships root, rels;
    char *workbook = NULL;
    if (read_rels(s, "", &root) < 0)
        return -1;
    const relationship *doc = rel_by_type(&root, REL_OFFICE_DOCUMENT);
    workbook = vb_strdup(doc != NULL ? doc->target : "xl/workbook.xml");
    free_rels(&root);
    if (!sheet_part_exists(s, workbook) && sheet_part_exists(s, "content.xml")) {
        free(workbook);
        return sheet_fail(s, VI_EN("là tệp OpenDocument, không phải XLSX: hãy đặt đuôi .ods",
                                   "is an OpenDocument file, not XLSX: name it .ods"));
    }
    int rc = read_rels(s, workbook, &rels);
    if (rc >= 0)
        rc = choose_sheet(s, w, workbook, sheet_name, &rels);
    if (rc >= 0) {
        const relationship *r = rel_by_type(&rels, REL_SHARED_STRINGS);
        rc = load_shared_strings(s, w, r != NULL ? r->target : "xl/sharedStrings.xml");
    }
    if (rc >= 0) {
        const relationship *r = rel_by_type(&rels, REL_STYLES);
        rc = load_styles(s, w, r != NULL ? r->target : "xl/styles.xml");
    }
    free_rels(&rels);
    free(workbook);
    if (rc < 0)
        return -1;
    return open_sheet_part(s, w);
}
