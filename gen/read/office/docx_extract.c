/* WordprocessingML → the neutral list: styles resolved through basedOn, numbering.xml turned
 * into the labels a reader sees, tracked changes as printed (insertions in, deletions out),
 * fields by their shown result, text boxes in place, footnotes after the body. */
#include "office_extract.h"
#include "office_props.h"

#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "layout/layout.h"
#include "model/model.h"

#define MAX_STYLES 4096
#define MAX_NUMS 4096
#define MAX_BASED_ON 16

/* Properties as one level of the style hierarchy says them; OF_UNSAID: not said. */
typedef struct {
    int align, ind_left, ind_right, ind_first, sp_before, sp_after, line, border_bottom,
        border_box, keep_next, tabs, outline, num_id, num_ilvl, page_break_before;
    int bold, italic, caps, underline, size_half;
    char font[64];
    char style[64];
} wprops;

/* The int properties by name, for the overlay (office_props.h). */
static const size_t wprops_ints[] = {
    offsetof(wprops, align),     offsetof(wprops, ind_left),      offsetof(wprops, ind_right),
    offsetof(wprops, ind_first), offsetof(wprops, sp_before),     offsetof(wprops, sp_after),
    offsetof(wprops, line),      offsetof(wprops, border_bottom), offsetof(wprops, border_box),
    offsetof(wprops, keep_next), offsetof(wprops, tabs),          offsetof(wprops, outline),
    offsetof(wprops, num_id),    offsetof(wprops, num_ilvl),
    offsetof(wprops, page_break_before),
    offsetof(wprops, bold),      offsetof(wprops, italic),        offsetof(wprops, caps),
    offsetof(wprops, underline), offsetof(wprops, size_half),
};
static const of_props_fields wprops_fields = {
    wprops_ints, sizeof wprops_ints / sizeof *wprops_ints, offsetof(wprops, font),
    sizeof ((wprops *)0)->font,
};

/* Every int property before the font is named above. */
_Static_assert(sizeof wprops_ints / sizeof *wprops_ints == offsetof(wprops, font) / sizeof(int),
               "an int property of wprops has no name");

/* Nothing said; no style named (the style is not overlaid: it names the level's own). */
static void wprops_unset(wprops *p)
{
    memset(p, 0, sizeof *p);
    of_props_unset(p, &wprops_fields);
}

static void wprops_apply(wprops *dst, const wprops *src)
{
    of_props_overlay(dst, src, &wprops_fields);
}

typedef struct {
    char *id, *name, *based_on;
    int type; /* 1 paragraph, 2 character, 3 table, 0 other */
    int is_default;
    wprops props;
    int resolving, resolved;
    wprops effective; /* with every basedOn ancestor applied */
} docx_style;

enum { NF_DECIMAL, NF_LOWER_LETTER, NF_UPPER_LETTER, NF_LOWER_ROMAN, NF_UPPER_ROMAN, NF_BULLET, NF_NONE };

typedef struct {
    int fmt;
    char *text;
    int start;
} num_level;

typedef struct {
    int id;
    num_level levels[9];
} abstract_num;

typedef struct {
    int id, abstract;
    int counters[9];
    int started[9];
} num_inst;

typedef struct {
    char *id, *target;
} relationship;

typedef struct {
    vb_office_source *src;
    of_package *pkg;
    docx_style *styles;
    size_t style_count;
    wprops defaults;
    abstract_num *abstracts;
    size_t abstract_count;
    num_inst *nums;
    size_t num_count;
    relationship *rels;
    size_t rel_count;
    vb_office_source *notes;  /* footnotes.xml, parsed first */
    int *note_ids;            /* per paragraph of `notes`: its footnote id */
    size_t style_found;       /* the index find_style found last */
} docx;

/* ---- reading property elements ---- */

static int on_off(of_xml *x)
{
    return of_xml_attr_on(x, "w:val");
}

static int border_set(of_xml *x)
{
    char *v = of_xml_attr(x, "w:val");
    int set = v && strcmp(v, "none") != 0 && strcmp(v, "nil") != 0;
    free(v);
    return set;
}

static int jc_value(of_xml *x)
{
    char *v = of_xml_attr(x, "w:val");
    int a = -1;
    if (v) {
        if (!strcmp(v, "left") || !strcmp(v, "start"))
            a = VB_ALIGN_LEFT;
        else if (!strcmp(v, "center"))
            a = VB_ALIGN_CENTER;
        else if (!strcmp(v, "right") || !strcmp(v, "end"))
            a = VB_ALIGN_RIGHT;
        else if (!strcmp(v, "both") || !strcmp(v, "distribute"))
            a = VB_ALIGN_JUSTIFY;
    }
    free(v);
    return a;
}

static void copy_attr(of_xml *x, const char *name, char *out, size_t size)
{
    char *v = of_xml_attr(x, name);
    if (v) {
        snprintf(out, size, "%s", v);
        free(v);
    }
}

/* Reads the children of a w:pPr or w:rPr (the reader is on its start) into `p`. Returns 0
 * when the element ends, -1 on an error. Revision records (…Change) are the old formatting
 * and the paragraph mark's rPr is not the text's: skipped. A w:sectPr in a paragraph's pPr
 * ends a section: read into `d`'s sections when `d` is given, with *section_found set. */
static int read_section(docx *d, of_xml *x);

static int read_props(of_xml *x, wprops *p, const char *end, docx *d, int *section_found)
{
    if (xmlTextReaderIsEmptyElement(x->reader))
        return 0;
    int borders = 0, in_borders = 0;
    int rc = of_xml_read(x);
    while (rc == 1) {
        int type = xmlTextReaderNodeType(x->reader);
        const char *n = of_xml_name(x);
        if (type == XML_READER_TYPE_END_ELEMENT) {
            if (!strcmp(n, end))
                return 0;
            if (of_name_is(n, "w:pBdr")) {
                in_borders = 0;
                if (borders == 15)
                    p->border_box = 1;
            }
            rc = of_xml_read(x);
            continue;
        }
        if (type != XML_READER_TYPE_ELEMENT) {
            rc = of_xml_read(x);
            continue;
        }
        if (of_name_is(n, "w:sectPr") && d && section_found) {
            *section_found = 1;
            if (read_section(d, x) < 0)
                return -1;
            rc = of_xml_read(x);
            continue;
        }
        if (of_name_is(n, "w:pPrChange") || of_name_is(n, "w:rPrChange") || of_name_is(n, "w:sectPr") ||
            (of_name_is(n, "w:rPr") && !strcmp(end, "w:pPr"))) {
            rc = of_xml_skip(x);
            continue;
        }
        if (of_name_is(n, "w:pStyle") || of_name_is(n, "w:rStyle"))
            copy_attr(x, "w:val", p->style, sizeof p->style);
        else if (of_name_is(n, "w:jc"))
            p->align = jc_value(x);
        else if (of_name_is(n, "w:ind")) {
            int v;
            if ((v = of_xml_attr_int(x, "w:left", -99999)) != -99999 ||
                (v = of_xml_attr_int(x, "w:start", -99999)) != -99999)
                p->ind_left = v;
            if ((v = of_xml_attr_int(x, "w:right", -99999)) != -99999 ||
                (v = of_xml_attr_int(x, "w:end", -99999)) != -99999)
                p->ind_right = v;
            if ((v = of_xml_attr_int(x, "w:firstLine", -99999)) != -99999)
                p->ind_first = v;
            if ((v = of_xml_attr_int(x, "w:hanging", -99999)) != -99999)
                p->ind_first = -v;
        } else if (of_name_is(n, "w:spacing") && !strcmp(end, "w:pPr")) {
            int v;
            if ((v = of_xml_attr_int(x, "w:before", -1)) != -1)
                p->sp_before = v;
            if ((v = of_xml_attr_int(x, "w:after", -1)) != -1)
                p->sp_after = v;
            if ((v = of_xml_attr_int(x, "w:line", -1)) != -1) {
                char *rule = of_xml_attr(x, "w:lineRule");
                p->line = (!rule || !strcmp(rule, "auto")) ? v : -2;
                free(rule);
            }
        } else if (of_name_is(n, "w:pBdr")) {
            in_borders = !xmlTextReaderIsEmptyElement(x->reader);
            borders = 0;
        } else if (in_borders) {
            if (border_set(x)) {
                if (of_name_is(n, "w:bottom"))
                    p->border_bottom = 1, borders |= 1;
                else if (of_name_is(n, "w:top"))
                    borders |= 2;
                else if (of_name_is(n, "w:left") || of_name_is(n, "w:start"))
                    borders |= 4;
                else if (of_name_is(n, "w:right") || of_name_is(n, "w:end"))
                    borders |= 8;
            }
        } else if (of_name_is(n, "w:keepNext"))
            p->keep_next = on_off(x);
        else if (of_name_is(n, "w:pageBreakBefore"))
            p->page_break_before = on_off(x);
        else if (of_name_is(n, "w:tab")) {
            char *v = of_xml_attr(x, "w:val");
            if (!v || strcmp(v, "clear") != 0)
                p->tabs = p->tabs < 0 ? 1 : p->tabs + 1;
            free(v);
        } else if (of_name_is(n, "w:outlineLvl"))
            p->outline = of_xml_attr_int(x, "w:val", -1) + 1;
        else if (of_name_is(n, "w:numId"))
            p->num_id = of_xml_attr_int(x, "w:val", -1);
        else if (of_name_is(n, "w:ilvl"))
            p->num_ilvl = of_xml_attr_int(x, "w:val", 0);
        else if (of_name_is(n, "w:b"))
            p->bold = on_off(x);
        else if (of_name_is(n, "w:i"))
            p->italic = on_off(x);
        else if (of_name_is(n, "w:caps"))
            p->caps = on_off(x);
        else if (of_name_is(n, "w:u")) {
            char *v = of_xml_attr(x, "w:val");
            p->underline = v && strcmp(v, "none") != 0;
            free(v);
        } else if (of_name_is(n, "w:sz"))
            p->size_half = of_xml_attr_int(x, "w:val", -1);
        else if (of_name_is(n, "w:rFonts")) {
            copy_attr(x, "w:ascii", p->font, sizeof p->font);
            if (!p->font[0])
                copy_attr(x, "w:hAnsi", p->font, sizeof p->font);
        }
        rc = of_xml_read(x);
    }
    return rc < 0 ? -1 : 0;
}

/* ---- styles.xml ---- */

static docx_style *find_style(docx *d, const char *id)
{
    if (!id || !*id)
        return NULL;
    /* Most lookups ask for the style found before: the cells of a table share theirs. */
    if (d->style_found < d->style_count && !strcmp(d->styles[d->style_found].id, id))
        return &d->styles[d->style_found];
    for (size_t i = 0; i < d->style_count; i++)
        if (!strcmp(d->styles[i].id, id)) {
            d->style_found = i;
            return &d->styles[i];
        }
    return NULL;
}

static const wprops *style_effective(docx *d, docx_style *s)
{
    if (s->resolved)
        return &s->effective;
    wprops_unset(&s->effective);
    if (!s->resolving) {
        s->resolving = 1;
        docx_style *base = find_style(d, s->based_on);
        if (base && base != s)
            wprops_apply(&s->effective, style_effective(d, base));
        s->resolving = 0;
    }
    wprops_apply(&s->effective, &s->props);
    s->resolved = 1;
    return &s->effective;
}

static int read_styles(docx *d)
{
    of_xml x;
    int rc = of_xml_open(d->pkg, &x, "word/styles.xml", vb_office_limits_in_force.small_part);
    if (rc <= 0)
        return rc;
    wprops_unset(&d->defaults);
    docx_style *cur = NULL;
    int in_defaults = 0;
    while ((rc = of_xml_read(&x)) == 1) {
        int type = xmlTextReaderNodeType(x.reader);
        const char *n = of_xml_name(&x);
        if (type == XML_READER_TYPE_END_ELEMENT) {
            if (of_name_is(n, "w:style"))
                cur = NULL;
            else if (of_name_is(n, "w:docDefaults"))
                in_defaults = 0;
            continue;
        }
        if (type != XML_READER_TYPE_ELEMENT)
            continue;
        if (of_name_is(n, "w:docDefaults")) {
            in_defaults = 1;
        } else if (of_name_is(n, "w:style")) {
            if (d->style_count >= MAX_STYLES) {
                cur = NULL;
                continue;
            }
            d->styles = vb_xrealloc(d->styles, (d->style_count + 1) * sizeof *d->styles);
            cur = &d->styles[d->style_count++];
            memset(cur, 0, sizeof *cur);
            wprops_unset(&cur->props);
            cur->id = of_xml_attr(&x, "w:styleId");
            if (!cur->id)
                cur->id = vb_strdup("");
            char *t = of_xml_attr(&x, "w:type");
            cur->type = !t ? 0 : !strcmp(t, "paragraph") ? 1 : !strcmp(t, "character") ? 2 : !strcmp(t, "table") ? 3 : 0;
            free(t);
            char *def = of_xml_attr(&x, "w:default");
            cur->is_default = def && (!strcmp(def, "1") || !strcmp(def, "true"));
            free(def);
        } else if (cur && of_name_is(n, "w:name")) {
            free(cur->name);
            cur->name = of_xml_attr(&x, "w:val");
        } else if (cur && of_name_is(n, "w:basedOn")) {
            free(cur->based_on);
            cur->based_on = of_xml_attr(&x, "w:val");
        } else if (of_name_is(n, "w:pPr") || of_name_is(n, "w:rPr")) {
            wprops *target = cur ? &cur->props : in_defaults ? &d->defaults : NULL;
            if (target && (rc = read_props(&x, target, n[2] == 'p' ? "w:pPr" : "w:rPr", NULL, NULL)) < 0)
                break;
        } else if (of_name_is(n, "w:tblStylePr")) {
            /* Conditional table formatting: not a paragraph's. */
            if ((rc = of_xml_skip(&x)) != 1)
                break;
        }
    }
    of_xml_close(&x);
    return rc < 0 ? -1 : 1;
}

static docx_style *default_paragraph_style(docx *d)
{
    for (size_t i = 0; i < d->style_count; i++)
        if (d->styles[i].type == 1 && d->styles[i].is_default)
            return &d->styles[i];
    return find_style(d, "Normal");
}

/* ---- numbering.xml ---- */

static int num_format(const char *v)
{
    if (!v)
        return NF_DECIMAL;
    if (!strcmp(v, "lowerLetter"))
        return NF_LOWER_LETTER;
    if (!strcmp(v, "upperLetter"))
        return NF_UPPER_LETTER;
    if (!strcmp(v, "lowerRoman"))
        return NF_LOWER_ROMAN;
    if (!strcmp(v, "upperRoman"))
        return NF_UPPER_ROMAN;
    if (!strcmp(v, "bullet"))
        return NF_BULLET;
    if (!strcmp(v, "none"))
        return NF_NONE;
    return NF_DECIMAL;
}

static int read_numbering(docx *d)
{
    of_xml x;
    int rc = of_xml_open(d->pkg, &x, "word/numbering.xml", vb_office_limits_in_force.small_part);
    if (rc <= 0)
        return rc;
    abstract_num *abs = NULL;
    num_inst *num = NULL;
    int level = -1;
    while ((rc = of_xml_read(&x)) == 1) {
        int type = xmlTextReaderNodeType(x.reader);
        const char *n = of_xml_name(&x);
        if (type == XML_READER_TYPE_END_ELEMENT) {
            if (of_name_is(n, "w:abstractNum"))
                abs = NULL;
            else if (of_name_is(n, "w:num"))
                num = NULL;
            else if (of_name_is(n, "w:lvl"))
                level = -1;
            continue;
        }
        if (type != XML_READER_TYPE_ELEMENT)
            continue;
        if (of_name_is(n, "w:abstractNum") && d->abstract_count < MAX_NUMS) {
            d->abstracts = vb_xrealloc(d->abstracts, (d->abstract_count + 1) * sizeof *d->abstracts);
            abs = &d->abstracts[d->abstract_count++];
            memset(abs, 0, sizeof *abs);
            abs->id = of_xml_attr_int(&x, "w:abstractNumId", -1);
            for (int i = 0; i < 9; i++)
                abs->levels[i].start = 1;
        } else if (abs && of_name_is(n, "w:lvl")) {
            level = of_xml_attr_int(&x, "w:ilvl", -1);
            if (level < 0 || level > 8)
                level = -1;
        } else if (abs && level >= 0 && of_name_is(n, "w:start")) {
            abs->levels[level].start = of_xml_attr_int(&x, "w:val", 1);
        } else if (abs && level >= 0 && of_name_is(n, "w:numFmt")) {
            char *v = of_xml_attr(&x, "w:val");
            abs->levels[level].fmt = num_format(v);
            free(v);
        } else if (abs && level >= 0 && of_name_is(n, "w:lvlText")) {
            free(abs->levels[level].text);
            abs->levels[level].text = of_xml_attr(&x, "w:val");
        } else if (of_name_is(n, "w:num") && d->num_count < MAX_NUMS) {
            d->nums = vb_xrealloc(d->nums, (d->num_count + 1) * sizeof *d->nums);
            num = &d->nums[d->num_count++];
            memset(num, 0, sizeof *num);
            num->id = of_xml_attr_int(&x, "w:numId", -1);
            num->abstract = -1;
        } else if (num && of_name_is(n, "w:abstractNumId")) {
            num->abstract = of_xml_attr_int(&x, "w:val", -1);
        }
    }
    of_xml_close(&x);
    return rc < 0 ? -1 : 1;
}

static void format_counter(int fmt, int n, char *buf, size_t size)
{
    switch (fmt) {
    case NF_LOWER_LETTER:
    case NF_UPPER_LETTER: {
        /* Vietnamese points run a, b, c, d, đ, e: Word's letters do not; say what Word shows. */
        char c = (char)((fmt == NF_LOWER_LETTER ? 'a' : 'A') + (n - 1) % 26);
        snprintf(buf, size, "%c", c);
        break;
    }
    case NF_LOWER_ROMAN:
    case NF_UPPER_ROMAN:
        vb_roman(n, buf, size);
        if (fmt == NF_LOWER_ROMAN)
            for (char *p = buf; *p; p++)
                if (*p >= 'A' && *p <= 'Z')
                    *p = (char)(*p - 'A' + 'a');
        break;
    case NF_NONE:
        buf[0] = '\0';
        break;
    default:
        snprintf(buf, size, "%d", n);
    }
}

/* The label numbering.xml gives paragraph (numId, ilvl) next, counting it. */
static char *numbering_label(docx *d, int num_id, int ilvl)
{
    if (num_id <= 0 || ilvl < 0 || ilvl > 8)
        return NULL;
    num_inst *num = NULL;
    for (size_t i = 0; i < d->num_count; i++)
        if (d->nums[i].id == num_id)
            num = &d->nums[i];
    if (!num)
        return NULL;
    abstract_num *abs = NULL;
    for (size_t i = 0; i < d->abstract_count; i++)
        if (d->abstracts[i].id == num->abstract)
            abs = &d->abstracts[i];
    if (!abs)
        return NULL;
    num->counters[ilvl] = num->started[ilvl] ? num->counters[ilvl] + 1 : abs->levels[ilvl].start;
    num->started[ilvl] = 1;
    for (int k = ilvl + 1; k < 9; k++)
        num->started[k] = 0;
    const num_level *lv = &abs->levels[ilvl];
    if (lv->fmt == NF_BULLET) {
        /* Bullets drawn from symbol fonts have private code points: a reader sees a dash. */
        const char *t = lv->text ? lv->text : "-";
        return vb_strdup(!strcmp(t, "+") ? "+" : "-");
    }
    const char *t = lv->text ? lv->text : "";
    char out[128];
    size_t o = 0;
    for (const char *p = t; *p && o + 16 < sizeof out; p++) {
        if (*p == '%' && p[1] >= '1' && p[1] <= '9') {
            int k = p[1] - '1';
            char num_text[32];
            int value = num->started[k] ? num->counters[k] : abs->levels[k].start;
            format_counter(abs->levels[k].fmt, value, num_text, sizeof num_text);
            size_t m = strlen(num_text);
            memcpy(out + o, num_text, m);
            o += m;
            p++;
        } else {
            out[o++] = *p;
        }
    }
    out[o] = '\0';
    return o ? vb_strdup(out) : NULL;
}

/* ---- relationships, headers ---- */

static int read_rels(docx *d)
{
    of_xml x;
    int rc = of_xml_open(d->pkg, &x, "word/_rels/document.xml.rels", vb_office_limits_in_force.small_part);
    if (rc <= 0)
        return rc;
    while ((rc = of_xml_read(&x)) == 1) {
        if (!of_xml_is_start(&x, "Relationship") || d->rel_count >= MAX_STYLES)
            continue;
        d->rels = vb_xrealloc(d->rels, (d->rel_count + 1) * sizeof *d->rels);
        d->rels[d->rel_count].id = of_xml_attr(&x, "Id");
        d->rels[d->rel_count].target = of_xml_attr(&x, "Target");
        if (d->rels[d->rel_count].id && d->rels[d->rel_count].target)
            d->rel_count++;
        else {
            free(d->rels[d->rel_count].id);
            free(d->rels[d->rel_count].target);
        }
    }
    of_xml_close(&x);
    return rc < 0 ? -1 : 1;
}

/* Whether a header part shows a page number (a PAGE field). */
static int header_has_page_field(docx *d, const char *rel_id)
{
    const char *target = NULL;
    for (size_t i = 0; i < d->rel_count; i++)
        if (!strcmp(d->rels[i].id, rel_id))
            target = d->rels[i].target;
    if (!target || strstr(target, ".."))
        return 0;
    char part[512];
    snprintf(part, sizeof part, target[0] == '/' ? "%s" : "word/%s", target[0] == '/' ? target + 1 : target);
    of_xml x;
    if (of_xml_open(d->pkg, &x, part, vb_office_limits_in_force.small_part) <= 0)
        return 0;
    int found = 0, in_instr = 0, rc;
    while (!found && (rc = of_xml_read(&x)) == 1) {
        int type = xmlTextReaderNodeType(x.reader);
        if (type == XML_READER_TYPE_ELEMENT && !strcmp(of_xml_name(&x), "w:fldSimple")) {
            char *instr = of_xml_attr(&x, "w:instr");
            found = instr && strstr(instr, "PAGE") && !strstr(instr, "NUMPAGES");
            free(instr);
        } else if (type == XML_READER_TYPE_ELEMENT && !strcmp(of_xml_name(&x), "w:instrText")) {
            in_instr = !xmlTextReaderIsEmptyElement(x.reader);
        } else if (type == XML_READER_TYPE_END_ELEMENT && !strcmp(of_xml_name(&x), "w:instrText")) {
            in_instr = 0;
        } else if (in_instr && (type == XML_READER_TYPE_TEXT || type == XML_READER_TYPE_SIGNIFICANT_WHITESPACE)) {
            const char *v = (const char *)xmlTextReaderConstValue(x.reader);
            found = v && strstr(v, "PAGE") && !strstr(v, "NUMPAGES");
        }
    }
    of_xml_close(&x);
    return found;
}

/* Reads a w:sectPr (the reader is on its start) into a new section. */
static int read_section(docx *d, of_xml *x)
{
    of_section *s = &d->src->sections[d->src->section_count - 1];
    int rc = 0;
    if (xmlTextReaderIsEmptyElement(x->reader))
        goto done;
    while ((rc = of_xml_read(x)) == 1) {
        int type = xmlTextReaderNodeType(x->reader);
        const char *n = of_xml_name(x);
        if (type == XML_READER_TYPE_END_ELEMENT && of_name_is(n, "w:sectPr"))
            break;
        if (type != XML_READER_TYPE_ELEMENT)
            continue;
        if (of_name_is(n, "w:sectPrChange")) {
            if ((rc = of_xml_skip(x)) != 1)
                break;
            if (of_xml_is_end(x, "w:sectPr"))
                break;
            n = of_xml_name(x);
        }
        if (of_name_is(n, "w:pgSz")) {
            s->page_width = of_xml_attr_int(x, "w:w", 0);
            s->page_height = of_xml_attr_int(x, "w:h", 0);
            char *o = of_xml_attr(x, "w:orient");
            s->landscape = (o && !strcmp(o, "landscape")) || s->page_width > s->page_height;
            free(o);
        } else if (of_name_is(n, "w:pgMar")) {
            s->margin_top = of_xml_attr_int(x, "w:top", 0);
            s->margin_bottom = of_xml_attr_int(x, "w:bottom", 0);
            s->margin_left = of_xml_attr_int(x, "w:left", 0);
            s->margin_right = of_xml_attr_int(x, "w:right", 0);
        } else if (of_name_is(n, "w:titlePg")) {
            s->title_page = of_xml_attr_on(x, "w:val");
        } else if (of_name_is(n, "w:headerReference")) {
            char *t = of_xml_attr(x, "w:type"), *id = of_xml_attr(x, "r:id");
            if (id) {
                int has = header_has_page_field(d, id);
                if (t && !strcmp(t, "first"))
                    s->number_on_first = has;
                else if (!t || !strcmp(t, "default"))
                    s->numbers_in_header = has;
            }
            free(t);
            free(id);
        }
    }
done:
    if (!s->title_page)
        s->number_on_first = s->numbers_in_header;
    return rc < 0 ? -1 : 0;
}

/* ---- the body ---- */

typedef struct {
    size_t item;       /* index of the paragraph's item */
    wprops direct;     /* its pPr */
    int has_section;   /* its pPr carries a w:sectPr: the section ends after it */
} para_ctx;

typedef struct {
    docx *d;
    vb_office_source *out;
    para_ctx stack[8];  /* paragraphs inside text boxes inside paragraphs */
    int depth;
    wprops run;         /* the current run's rPr */
    int in_text;        /* inside w:t */
    int textbox;        /* depth of w:txbxContent */
    size_t tables[64];  /* open tables: the index of their OF_TABLE_BEGIN */
    int table_depth;
    size_t row_item, cell_item;
    int notes_part;     /* reading footnotes.xml */
    int note_id;        /* the footnote being read */
} body_reader;

static of_para *current(body_reader *b)
{
    return b->depth ? &b->out->items[b->stack[b->depth - 1].item].u.para : NULL;
}

/* Run formatting of the current paragraph style, then the run style, then direct. */
static void run_flags(body_reader *b, unsigned *flags, double *size, char *font, size_t font_size)
{
    docx *d = b->d;
    wprops eff = d->defaults;
    para_ctx *pc = &b->stack[b->depth - 1];
    docx_style *ps = pc->direct.style[0] ? find_style(d, pc->direct.style) : default_paragraph_style(d);
    if (ps)
        wprops_apply(&eff, style_effective(d, ps));
    docx_style *rs = find_style(d, b->run.style);
    if (rs)
        wprops_apply(&eff, style_effective(d, rs));
    wprops_apply(&eff, &b->run);
    *flags = (eff.bold > 0 ? OF_BOLD : 0) | (eff.italic > 0 ? OF_ITALIC : 0) |
             (eff.caps > 0 ? OF_CAPS : 0) | (eff.underline > 0 ? OF_UNDERLINE : 0);
    *size = eff.size_half > 0 ? eff.size_half / 2.0 : 10.0;
    snprintf(font, font_size, "%s", eff.font);
}

static void add_text(body_reader *b, const char *text, size_t len, int note)
{
    of_para *p = current(b);
    if (!p)
        return;
    unsigned flags;
    double size;
    char font_copy[64] = "";
    run_flags(b, &flags, &size, font_copy, sizeof font_copy);
    of_para_add_text(current(b), text, len, flags | (note ? OF_NOTE : 0), size,
                     font_copy[0] ? font_copy : NULL);
}

/* The text of footnote `id` as one string (its paragraphs joined by a space). */
static char *note_text(docx *d, int id)
{
    if (!d->notes)
        return NULL;
    size_t len = 0;
    char *out = NULL;
    size_t pi = 0;
    for (size_t i = 0; i < d->notes->count; i++) {
        if (d->notes->items[i].kind != OF_PARA)
            continue;
        of_para *p = &d->notes->items[i].u.para;
        if (d->note_ids[pi++] != id || !p->text)
            continue;
        const char *t = p->text;
        while (*t == ' ' || *t == '\t')
            t++;
        size_t n = strlen(t);
        out = vb_xrealloc(out, len + n + 2);
        if (len)
            out[len++] = ' ';
        memcpy(out + len, t, n);
        len += n;
        out[len] = '\0';
    }
    return out;
}

static void start_paragraph(body_reader *b)
{
    if (b->depth == (int)(sizeof b->stack / sizeof *b->stack))
        return;
    of_item *it = of_source_add(b->out, OF_PARA);
    it->u.para.in_textbox = b->textbox > 0;
    it->u.para.in_note = b->notes_part;
    para_ctx *pc = &b->stack[b->depth++];
    pc->item = (size_t)(it - b->out->items);
    wprops_unset(&pc->direct);
    pc->has_section = 0;
    if (b->notes_part) {
        b->d->note_ids = vb_xrealloc(b->d->note_ids, b->out->paragraphs * sizeof *b->d->note_ids);
        b->d->note_ids[b->out->paragraphs - 1] = b->note_id;
    }
}

static void end_paragraph(body_reader *b)
{
    if (!b->depth)
        return;
    docx *d = b->d;
    para_ctx *pc = &b->stack[b->depth - 1];
    of_para *p = &b->out->items[pc->item].u.para;
    docx_style *ps = pc->direct.style[0] ? find_style(d, pc->direct.style) : default_paragraph_style(d);
    wprops eff = d->defaults;
    if (ps) {
        wprops_apply(&eff, style_effective(d, ps));
        p->style_id = vb_strdup(ps->id);
        p->style_name = vb_strdup(ps->name ? ps->name : ps->id);
    }
    wprops_apply(&eff, &pc->direct);
    of_para_format *f = &p->fmt;
    f->align = eff.align;
    f->indent_left = eff.ind_left;
    f->indent_right = eff.ind_right;
    f->indent_first = eff.ind_first;
    f->space_before = eff.sp_before;
    f->space_after = eff.sp_after;
    f->line_240ths = eff.line >= 0 ? eff.line : -1;
    f->border_bottom = eff.border_bottom > 0;
    f->border_box = eff.border_box > 0;
    f->keep_next = eff.keep_next > 0;
    f->tab_stops = eff.tabs > 0 ? eff.tabs : 0;
    f->outline_level = eff.outline > 0 ? eff.outline : 0;
    f->style_flags = (eff.bold > 0 ? OF_BOLD : 0) | (eff.italic > 0 ? OF_ITALIC : 0) |
                     (eff.caps > 0 ? OF_CAPS : 0) | (eff.underline > 0 ? OF_UNDERLINE : 0);
    f->style_size_pt = eff.size_half > 0 ? eff.size_half / 2.0 : 10.0;
    p->page_break_before = eff.page_break_before > 0;
    if (eff.num_id > 0) {
        p->label = numbering_label(d, eff.num_id, eff.num_ilvl >= 0 ? eff.num_ilvl : 0);
        p->list_level = eff.num_ilvl >= 0 ? eff.num_ilvl : 0;
    }
    int section_ends = pc->has_section;
    b->depth--;
    if (section_ends) {
        of_source_add(b->out, OF_SECTION_END);
        of_source_add_section(b->out);
    }
}

static void on_table_begin(body_reader *b)
{
    of_item *it = of_source_add(b->out, OF_TABLE_BEGIN);
    if (b->table_depth < 64)
        b->tables[b->table_depth] = (size_t)(it - b->out->items);
    b->table_depth++;
}

static of_struct *open_table(body_reader *b)
{
    if (b->table_depth <= 0 || b->table_depth > 64)
        return NULL;
    return &b->out->items[b->tables[b->table_depth - 1]].u.s;
}

/* Whether item `index` is still the row or cell it was (a finished row may have gone to the
 * spool, and a broken file can put a cell's properties anywhere). */
static int is_open(body_reader *b, size_t index, of_kind kind)
{
    return index < b->out->count && b->out->items[index].kind == kind;
}

/* Reads document.xml's body or footnotes.xml into b->out. */
static int read_body(body_reader *b, of_xml *x)
{
    int rc;
    int field_depth = 0; /* inside a complex field's instructions (begin … separate) */
    int in_tbl_pr = 0;
    while ((rc = of_xml_read(x)) == 1) {
    again:;
        int type = xmlTextReaderNodeType(x->reader);
        const char *n = of_xml_name(x);
        if (type == XML_READER_TYPE_TEXT || type == XML_READER_TYPE_SIGNIFICANT_WHITESPACE ||
            type == XML_READER_TYPE_CDATA) {
            if (b->in_text && field_depth == 0) {
                const char *v = (const char *)xmlTextReaderConstValue(x->reader);
                if (v)
                    add_text(b, v, strlen(v), 0);
            }
            continue;
        }
        if (type == XML_READER_TYPE_END_ELEMENT) {
            if (of_name_is(n, "w:p"))
                end_paragraph(b);
            else if (of_name_is(n, "w:t"))
                b->in_text = 0;
            else if (of_name_is(n, "w:r"))
                wprops_unset(&b->run);
            else if (of_name_is(n, "w:txbxContent"))
                b->textbox--;
            else if (of_name_is(n, "w:tbl")) {
                of_source_add(b->out, OF_TABLE_END);
                b->table_depth--;
            } else if (of_name_is(n, "w:tr"))
                of_source_end_row(b->out, b->depth == 0 && !b->notes_part);
            else if (of_name_is(n, "w:tc"))
                of_source_add(b->out, OF_CELL_END);
            else if (of_name_is(n, "w:tblPr"))
                in_tbl_pr = 0;
            else if (of_name_is(n, "w:footnote"))
                b->note_id = -1;
            continue;
        }
        if (type != XML_READER_TYPE_ELEMENT)
            continue;
        int empty = xmlTextReaderIsEmptyElement(x->reader);
        /* What the document does not print: deletions, the fallback copy of a drawing,
         * comments' and fields' instructions, the properties' revision records. */
        if (of_name_is(n, "w:del") || of_name_is(n, "w:moveFrom") || of_name_is(n, "mc:Fallback") ||
            of_name_is(n, "w:instrText") || of_name_is(n, "w:delText") || of_name_is(n, "w:tblPrChange") ||
            of_name_is(n, "w:trPrChange") || of_name_is(n, "w:tcPrChange") ||
            of_name_is(n, "w:commentReference") || of_name_is(n, "w:annotationRef")) {
            if (of_name_is(n, "w:del") || of_name_is(n, "w:moveFrom"))
                b->out->has_tracked_changes = 1;
            if ((rc = of_xml_skip(x)) != 1)
                break;
            goto again;
        }
        if (of_name_is(n, "w:ins") || of_name_is(n, "w:moveTo"))
            b->out->has_tracked_changes = 1;
        if (of_name_is(n, "w:footnote")) {
            char *t = of_xml_attr(x, "w:type");
            int separator = t && (strstr(t, "eparator") || !strcmp(t, "continuationNotice"));
            free(t);
            if (separator) {
                if ((rc = of_xml_skip(x)) != 1)
                    break;
                goto again;
            }
            b->note_id = of_xml_attr_int(x, "w:id", -1);
        } else if (of_name_is(n, "w:p")) {
            start_paragraph(b);
            if (empty)
                end_paragraph(b);
        } else if (of_name_is(n, "w:pPr") && b->depth) {
            para_ctx *pc = &b->stack[b->depth - 1];
            if (read_props(x, &pc->direct, "w:pPr", b->notes_part ? NULL : b->d, &pc->has_section) < 0)
                return -1;
        } else if (of_name_is(n, "w:rPr") && b->depth) {
            if (read_props(x, &b->run, "w:rPr", NULL, NULL) < 0)
                return -1;
        } else if (of_name_is(n, "w:t")) {
            b->in_text = !empty;
        } else if (of_name_is(n, "w:tab") && b->depth) {
            add_text(b, "\t", 1, 0);
        } else if ((of_name_is(n, "w:br") || of_name_is(n, "w:cr")) && b->depth) {
            char *t = of_xml_attr(x, "w:type");
            if (!t || !strcmp(t, "textWrapping"))
                add_text(b, "\n", 1, 0);
            else if (!strcmp(t, "page") && current(b))
                current(b)->page_break_before = 1;
            free(t);
        } else if (of_name_is(n, "w:noBreakHyphen") && b->depth) {
            add_text(b, "-", 1, 0);
        } else if (of_name_is(n, "w:fldChar")) {
            char *t = of_xml_attr(x, "w:fldCharType");
            if (t && !strcmp(t, "begin"))
                field_depth++;
            else if (t && (!strcmp(t, "separate") || !strcmp(t, "end")) && field_depth > 0)
                field_depth--;
            /* "end" after "separate" has nothing to close: the result was shown. */
            free(t);
        } else if (of_name_is(n, "w:footnoteReference") && b->depth) {
            int id = of_xml_attr_int(x, "w:id", -1);
            char *t = note_text(b->d, id);
            if (t)
                add_text(b, t, strlen(t), 1);
            free(t);
        } else if (of_name_is(n, "w:txbxContent")) {
            if (!empty)
                b->textbox++;
        } else if ((of_name_is(n, "a:prstGeom") || of_name_is(n, "v:line") || of_name_is(n, "v:shape")) && b->depth) {
            char *prst = of_xml_attr(x, "prst");
            char *type = of_xml_attr(x, "type");
            if (of_name_is(n, "v:line") || (prst && (!strcmp(prst, "line") || strstr(prst, "Connector"))) ||
                (type && strstr(type, "_x0000_t32")))
                current(b)->drawn_rule = 1;
            free(prst);
            free(type);
        } else if (of_name_is(n, "w:tbl")) {
            on_table_begin(b);
        } else if (of_name_is(n, "w:tblPr")) {
            in_tbl_pr = !empty;
        } else if ((of_name_is(n, "w:top") || of_name_is(n, "w:bottom") || of_name_is(n, "w:insideH") ||
                    of_name_is(n, "w:insideV") || of_name_is(n, "w:left") || of_name_is(n, "w:start")) &&
                   !b->depth && border_set(x)) {
            /* tblBorders or tcBorders: the table has lines. */
            of_struct *t = open_table(b);
            if (t && (in_tbl_pr || b->cell_item))
                t->bordered = 1;
        } else if (of_name_is(n, "w:tblStyle")) {
            char *v = of_xml_attr(x, "w:val");
            of_struct *t = open_table(b);
            if (t && v && (!strcmp(v, "TableGrid") || strstr(v, "Grid") || strstr(v, "Lưới")))
                t->bordered = 1;
            free(v);
        } else if (of_name_is(n, "w:gridCol")) {
            of_struct *t = open_table(b);
            if (t)
                t->columns++;
        } else if (of_name_is(n, "w:tr")) {
            b->row_item = (size_t)(of_source_add(b->out, OF_ROW_BEGIN) - b->out->items);
            b->cell_item = 0;
        } else if (of_name_is(n, "w:tblHeader") && is_open(b, b->row_item, OF_ROW_BEGIN)) {
            b->out->items[b->row_item].u.s.header = of_xml_attr_on(x, "w:val");
        } else if (of_name_is(n, "w:tc")) {
            b->cell_item = (size_t)(of_source_add(b->out, OF_CELL_BEGIN) - b->out->items);
        } else if (of_name_is(n, "w:gridSpan") && b->cell_item && is_open(b, b->cell_item, OF_CELL_BEGIN)) {
            int v = of_xml_attr_int(x, "w:val", 1);
            b->out->items[b->cell_item].u.s.colspan = v >= 1 && v <= 1000 ? (unsigned)v : 1;
        } else if (of_name_is(n, "w:vMerge") && b->cell_item && is_open(b, b->cell_item, OF_CELL_BEGIN)) {
            char *v = of_xml_attr(x, "w:val");
            b->out->items[b->cell_item].u.s.vmerge = v && !strcmp(v, "restart") ? 1 : 2;
            free(v);
        } else if (of_name_is(n, "w:sectPr") && !b->depth && !b->notes_part) {
            if (read_section(b->d, x) < 0)
                return -1;
        }
        if (empty && of_name_is(n, "w:tc"))
            of_source_add(b->out, OF_CELL_END);
    }
    return rc < 0 ? -1 : 0;
}

/* Moves the footnotes' paragraphs after the body, numbered on from it. */
static void append_notes(vb_office_source *out, vb_office_source *notes)
{
    for (size_t i = 0; i < notes->count; i++) {
        of_item *it = of_source_add(out, notes->items[i].kind);
        unsigned number = it->kind == OF_PARA ? it->u.para.number : 0;
        int section = it->kind == OF_PARA ? it->u.para.section : 0;
        *it = notes->items[i];
        if (it->kind == OF_PARA) {
            it->u.para.number = number;
            it->u.para.section = section;
            it->u.para.in_note = 1;
        }
    }
    notes->count = 0;
}

static void docx_free(docx *d)
{
    for (size_t i = 0; i < d->style_count; i++) {
        free(d->styles[i].id);
        free(d->styles[i].name);
        free(d->styles[i].based_on);
    }
    free(d->styles);
    for (size_t i = 0; i < d->abstract_count; i++)
        for (int k = 0; k < 9; k++)
            free(d->abstracts[i].levels[k].text);
    free(d->abstracts);
    free(d->nums);
    for (size_t i = 0; i < d->rel_count; i++) {
        free(d->rels[i].id);
        free(d->rels[i].target);
    }
    free(d->rels);
    of_source_free(d->notes);
    free(d->note_ids);
}

static int read_part_into(docx *d, vb_office_source *out, const char *part, uint64_t limit, int notes)
{
    of_xml x;
    int rc = of_xml_open(d->pkg, &x, part, limit);
    if (rc <= 0)
        return rc;
    body_reader b;
    memset(&b, 0, sizeof b);
    b.d = d;
    b.out = out;
    b.notes_part = notes;
    b.note_id = -1;
    wprops_unset(&b.run);
    rc = read_body(&b, &x);
    /* Whatever a broken file left open is closed, so the list stays well formed. */
    while (b.depth)
        end_paragraph(&b);
    of_xml_close(&x);
    return rc < 0 ? -1 : 1;
}

int vb_docx_extract(of_package *pkg, vb_office_source *src)
{
    docx d;
    memset(&d, 0, sizeof d);
    d.src = src;
    d.pkg = pkg;
    wprops_unset(&d.defaults);
    of_source_add_section(src);
    int ok = read_rels(&d) >= 0 && read_styles(&d) >= 0 && read_numbering(&d) >= 0;
    if (ok && of_package_has(pkg, "word/footnotes.xml")) {
        d.notes = vb_xcalloc(1, sizeof *d.notes);
        of_source_add_section(d.notes);
        ok = read_part_into(&d, d.notes, "word/footnotes.xml", vb_office_limits_in_force.small_part, 1) >= 0;
    }
    if (ok) {
        int rc = read_part_into(&d, src, "word/document.xml", vb_office_limits_in_force.main_part, 0);
        if (rc == 0)
            of_fail(pkg, "tệp zip không có word/document.xml", "the zip has no word/document.xml");
        ok = rc > 0;
    }
    if (ok && d.notes)
        append_notes(src, d.notes);
    if (ok && d.style_count) {
        docx_style *normal = default_paragraph_style(&d);
        wprops eff = d.defaults;
        if (normal)
            wprops_apply(&eff, style_effective(&d, normal));
        src->default_font = eff.font[0] ? vb_strdup(eff.font) : NULL;
        src->default_size_pt = eff.size_half > 0 ? eff.size_half / 2.0 : 10.0;
    }
    docx_free(&d);
    return ok ? 0 : -1;
}
