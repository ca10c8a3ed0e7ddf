/* OpenDocument text → the same neutral list as a DOCX: styles resolved through their
 * parents (an automatic style names the style a user chose), list labels computed, tracked
 * deletions left out (ODF keeps them apart in text:tracked-changes), annotations ignored,
 * frames' text in place, notes after the body, master pages as sections. */
#include "office_extract.h"
#include "office_props.h"

#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "layout/layout.h"
#include "model/model.h"

#define MAX_STYLES 8192

/* One level of the hierarchy; OF_UNSAID: not said. */
typedef struct {
    int align, ind_left, ind_right, ind_first, sp_before, sp_after, line, border_bottom, border_box,
        keep_next, tabs, bold, italic, caps, underline, size_tw; /* size in twentieths of a point */
    char font[64];
} oprops;

/* The int properties by name, for the overlay (office_props.h). */
static const size_t oprops_ints[] = {
    offsetof(oprops, align),     offsetof(oprops, ind_left),      offsetof(oprops, ind_right),
    offsetof(oprops, ind_first), offsetof(oprops, sp_before),     offsetof(oprops, sp_after),
    offsetof(oprops, line),      offsetof(oprops, border_bottom), offsetof(oprops, border_box),
    offsetof(oprops, keep_next), offsetof(oprops, tabs),          offsetof(oprops, bold),
    offsetof(oprops, italic),    offsetof(oprops, caps),          offsetof(oprops, underline),
    offsetof(oprops, size_tw),
};
static const of_props_fields oprops_fields = {
    oprops_ints, sizeof oprops_ints / sizeof *oprops_ints, offsetof(oprops, font),
    sizeof ((oprops *)0)->font,
};

/* Every int property before the font is named above. */
_Static_assert(sizeof oprops_ints / sizeof *oprops_ints == offsetof(oprops, font) / sizeof(int),
               "an int property of oprops has no name");

static void oprops_unset(oprops *p)
{
    memset(p, 0, sizeof *p);
    of_props_unset(p, &oprops_fields);
}

static void oprops_apply(oprops *dst, const oprops *src)
{
    of_props_overlay(dst, src, &oprops_fields);
}

typedef struct {
    char *name, *display, *parent, *family, *master, *list_style;
    int automatic;
    oprops props;
    int resolving, resolved;
    oprops effective;
} ostyle;

typedef struct {
    char *name, *family;
} font_face;

typedef struct {
    char *name;
    int width, height, top, bottom, left, right, landscape, header_extra;
} page_layout;

typedef struct {
    char *name, *layout, *next;
    int has_page_number;
} master_page;

typedef struct {
    char *name;
    struct {
        int bullet;
        char bullet_char[8];
        char format[8], prefix[16], suffix[16];
        int start, display;
    } levels[10];
} list_style;

typedef struct {
    of_package *pkg;
    vb_office_source *src;
    ostyle *styles;
    size_t style_count;
    oprops defaults;
    font_face *fonts;
    size_t font_count;
    page_layout *layouts;
    size_t layout_count;
    master_page *masters;
    size_t master_count;
    list_style *lists;
    size_t list_count;
    int list_counters[64][10];
    char *list_names[64];
    int counter_lists;
} odt;

/* "12pt", "1.5cm", "10mm", "0.5in" → twips; percentages and others: fallback. */
static int length_twips(const char *v, int fallback)
{
    if (!v)
        return fallback;
    char *end = NULL;
    double x = strtod(v, &end);
    if (end == v)
        return fallback;
    if (!strcmp(end, "pt"))
        return (int)(x * 20 + (x >= 0 ? 0.5 : -0.5));
    if (!strcmp(end, "cm"))
        return (int)(x * 1440 / 2.54 + (x >= 0 ? 0.5 : -0.5));
    if (!strcmp(end, "mm"))
        return (int)(x * 144 / 2.54 + (x >= 0 ? 0.5 : -0.5));
    if (!strcmp(end, "in"))
        return (int)(x * 1440 + (x >= 0 ? 0.5 : -0.5));
    return fallback;
}

static int attr_length(of_xml *x, const char *name, int fallback)
{
    char *v = of_xml_attr(x, name);
    int t = length_twips(v, fallback);
    free(v);
    return t;
}

static int border_on(const char *v)
{
    return v && strcmp(v, "none") != 0 && strncmp(v, "0pt", 3) != 0;
}

static const char *font_family(odt *o, const char *name)
{
    for (size_t i = 0; i < o->font_count; i++)
        if (!strcmp(o->fonts[i].name, name))
            return o->fonts[i].family;
    return name;
}

/* style:paragraph-properties / style:text-properties on the reader's node → p. */
static void read_properties(odt *o, of_xml *x, oprops *p)
{
    const char *n = of_xml_name(x);
    char *v;
    if (of_name_is(n, "style:paragraph-properties")) {
        if ((v = of_xml_attr(x, "fo:text-align"))) {
            p->align = !strcmp(v, "center") ? VB_ALIGN_CENTER
                     : !strcmp(v, "justify") ? VB_ALIGN_JUSTIFY
                     : (!strcmp(v, "end") || !strcmp(v, "right")) ? VB_ALIGN_RIGHT : VB_ALIGN_LEFT;
            free(v);
        }
        int t;
        if ((t = attr_length(x, "fo:margin-left", -99999)) != -99999)
            p->ind_left = t;
        if ((t = attr_length(x, "fo:margin-right", -99999)) != -99999)
            p->ind_right = t;
        if ((t = attr_length(x, "fo:text-indent", -99999)) != -99999)
            p->ind_first = t;
        if ((t = attr_length(x, "fo:margin-top", -99999)) != -99999)
            p->sp_before = t;
        if ((t = attr_length(x, "fo:margin-bottom", -99999)) != -99999)
            p->sp_after = t;
        if ((v = of_xml_attr(x, "fo:line-height"))) {
            if (strchr(v, '%'))
                p->line = (int)(atof(v) * 240 / 100);
            free(v);
        }
        if ((v = of_xml_attr(x, "fo:border-bottom"))) {
            p->border_bottom = border_on(v);
            free(v);
        }
        if ((v = of_xml_attr(x, "fo:border"))) {
            p->border_box = border_on(v);
            if (p->border_box)
                p->border_bottom = 1;
            free(v);
        }
        if ((v = of_xml_attr(x, "fo:keep-with-next"))) {
            p->keep_next = !strcmp(v, "always");
            free(v);
        }
    } else if (of_name_is(n, "style:text-properties")) {
        if ((v = of_xml_attr(x, "fo:font-weight"))) {
            p->bold = !strcmp(v, "bold") || atoi(v) >= 600;
            free(v);
        }
        if ((v = of_xml_attr(x, "fo:font-style"))) {
            p->italic = !strcmp(v, "italic") || !strcmp(v, "oblique");
            free(v);
        }
        if ((v = of_xml_attr(x, "fo:text-transform"))) {
            p->caps = !strcmp(v, "uppercase");
            free(v);
        }
        if ((v = of_xml_attr(x, "style:text-underline-style"))) {
            p->underline = strcmp(v, "none") != 0;
            free(v);
        }
        if ((v = of_xml_attr(x, "fo:font-size"))) {
            if (!strchr(v, '%'))
                p->size_tw = length_twips(v, -1);
            free(v);
        }
        if ((v = of_xml_attr(x, "style:font-name")) || (v = of_xml_attr(x, "fo:font-family"))) {
            const char *f = font_family(o, v);
            /* font-family may be quoted: 'Times New Roman' */
            if (*f == '\'')
                f++;
            snprintf(p->font, sizeof p->font, "%s", f);
            size_t len = strlen(p->font);
            if (len && p->font[len - 1] == '\'')
                p->font[len - 1] = '\0';
            free(v);
        }
    }
}

static ostyle *find_style(odt *o, const char *name, const char *family)
{
    if (!name)
        return NULL;
    /* Later definitions (content.xml's automatic styles) win over earlier ones. */
    for (size_t i = o->style_count; i-- > 0;)
        if (!strcmp(o->styles[i].name, name) && (!family || !o->styles[i].family || !strcmp(o->styles[i].family, family)))
            return &o->styles[i];
    return NULL;
}

static const oprops *style_effective(odt *o, ostyle *s)
{
    if (s->resolved)
        return &s->effective;
    oprops_unset(&s->effective);
    if (!s->resolving) {
        s->resolving = 1;
        ostyle *parent = find_style(o, s->parent, s->family);
        if (parent && parent != s)
            oprops_apply(&s->effective, style_effective(o, parent));
        s->resolving = 0;
    }
    oprops_apply(&s->effective, &s->props);
    s->resolved = 1;
    return &s->effective;
}

/* The style a user chose: the first ancestor that is not automatic. */
static ostyle *named_style(odt *o, ostyle *s)
{
    for (int k = 0; s && s->automatic && k < 16; k++)
        s = find_style(o, s->parent, s->family);
    return s;
}

/* ---- style parts ---- */

static int read_styles_part(odt *o, const char *part, int automatic_in_content)
{
    of_xml x;
    int rc = of_xml_open(o->pkg, &x, part, !strcmp(part, "content.xml") ? vb_office_limits_in_force.main_part
                                                                         : vb_office_limits_in_force.small_part);
    if (rc <= 0)
        return rc;
    int automatic = 0, in_default = 0, in_header = 0;
    ostyle *cur = NULL;
    page_layout *layout = NULL;
    master_page *master = NULL;
    list_style *list = NULL;
    int list_level = -1;
    while ((rc = of_xml_read(&x)) == 1) {
        int type = xmlTextReaderNodeType(x.reader);
        const char *n = of_xml_name(&x);
        int empty = type == XML_READER_TYPE_ELEMENT && xmlTextReaderIsEmptyElement(x.reader);
        if (type == XML_READER_TYPE_END_ELEMENT) {
            if (of_name_is(n, "office:automatic-styles"))
                automatic = 0;
            else if (of_name_is(n, "style:style"))
                cur = NULL;
            else if (of_name_is(n, "style:default-style"))
                in_default = 0;
            else if (of_name_is(n, "style:page-layout"))
                layout = NULL;
            else if (of_name_is(n, "style:master-page"))
                master = NULL;
            else if (of_name_is(n, "text:list-style"))
                list = NULL;
            else if (of_name_is(n, "style:header") || of_name_is(n, "style:header-first"))
                in_header = 0;
            else if (of_name_is(n, "office:body"))
                break;
            continue;
        }
        if (type != XML_READER_TYPE_ELEMENT)
            continue;
        if (of_name_is(n, "office:body"))
            break; /* content.xml: the text is read by read_body */
        if (of_name_is(n, "office:automatic-styles")) {
            automatic = !empty;
        } else if (of_name_is(n, "style:font-face") && o->font_count < MAX_STYLES) {
            o->fonts = vb_xrealloc(o->fonts, (o->font_count + 1) * sizeof *o->fonts);
            font_face *f = &o->fonts[o->font_count++];
            f->name = of_xml_attr(&x, "style:name");
            f->family = of_xml_attr(&x, "svg:font-family");
            if (!f->name)
                f->name = vb_strdup("");
            if (!f->family)
                f->family = vb_strdup(f->name);
            else if (f->family[0] == '\'') {
                memmove(f->family, f->family + 1, strlen(f->family));
                char *q = strchr(f->family, '\'');
                if (q)
                    *q = '\0';
            }
        } else if (of_name_is(n, "style:default-style")) {
            char *fam = of_xml_attr(&x, "style:family");
            in_default = fam && !strcmp(fam, "paragraph") && !empty;
            free(fam);
        } else if (of_name_is(n, "style:style") && o->style_count < MAX_STYLES) {
            o->styles = vb_xrealloc(o->styles, (o->style_count + 1) * sizeof *o->styles);
            cur = &o->styles[o->style_count++];
            memset(cur, 0, sizeof *cur);
            oprops_unset(&cur->props);
            cur->name = of_xml_attr(&x, "style:name");
            if (!cur->name)
                cur->name = vb_strdup("");
            cur->display = of_xml_attr(&x, "style:display-name");
            cur->parent = of_xml_attr(&x, "style:parent-style-name");
            cur->family = of_xml_attr(&x, "style:family");
            cur->master = of_xml_attr(&x, "style:master-page-name");
            cur->list_style = of_xml_attr(&x, "style:list-style-name");
            cur->automatic = automatic || automatic_in_content;
            if (empty)
                cur = NULL;
        } else if ((of_name_is(n, "style:paragraph-properties") || of_name_is(n, "style:text-properties")) &&
                   (cur || in_default)) {
            read_properties(o, &x, cur ? &cur->props : &o->defaults);
            if (cur && of_name_is(n, "style:paragraph-properties") && !empty) {
                /* its tab stops */
                int depth = xmlTextReaderDepth(x.reader);
                while ((rc = of_xml_read(&x)) == 1 && xmlTextReaderDepth(x.reader) > depth)
                    if (of_xml_is_start(&x, "style:tab-stop"))
                        cur->props.tabs = cur->props.tabs < 0 ? 1 : cur->props.tabs + 1;
                if (rc != 1)
                    break;
            }
        } else if (cur && of_name_is(n, "style:table-cell-properties")) {
            char *v = of_xml_attr(&x, "fo:border");
            char *b = of_xml_attr(&x, "fo:border-bottom");
            cur->props.border_box = border_on(v) || border_on(b);
            free(v);
            free(b);
        } else if (of_name_is(n, "style:page-layout") && o->layout_count < MAX_STYLES) {
            o->layouts = vb_xrealloc(o->layouts, (o->layout_count + 1) * sizeof *o->layouts);
            layout = &o->layouts[o->layout_count++];
            memset(layout, 0, sizeof *layout);
            layout->name = of_xml_attr(&x, "style:name");
            if (!layout->name)
                layout->name = vb_strdup("");
        } else if (layout && of_name_is(n, "style:page-layout-properties")) {
            layout->width = attr_length(&x, "fo:page-width", 0);
            layout->height = attr_length(&x, "fo:page-height", 0);
            layout->top = attr_length(&x, "fo:margin-top", 0);
            layout->bottom = attr_length(&x, "fo:margin-bottom", 0);
            layout->left = attr_length(&x, "fo:margin-left", 0);
            layout->right = attr_length(&x, "fo:margin-right", 0);
            char *orient = of_xml_attr(&x, "style:print-orientation");
            layout->landscape = (orient && !strcmp(orient, "landscape")) || layout->width > layout->height;
            free(orient);
        } else if (layout && of_name_is(n, "style:header-footer-properties") && !layout->header_extra) {
            /* ODF sets the header inside the page margin: the text starts below it. */
            layout->header_extra = attr_length(&x, "fo:min-height", 0) + attr_length(&x, "fo:margin-bottom", 0);
        } else if (of_name_is(n, "style:master-page") && o->master_count < MAX_STYLES) {
            o->masters = vb_xrealloc(o->masters, (o->master_count + 1) * sizeof *o->masters);
            master = &o->masters[o->master_count++];
            memset(master, 0, sizeof *master);
            master->name = of_xml_attr(&x, "style:name");
            if (!master->name)
                master->name = vb_strdup("");
            master->layout = of_xml_attr(&x, "style:page-layout-name");
            master->next = of_xml_attr(&x, "style:next-style-name");
        } else if (master && of_name_is(n, "style:header")) {
            in_header = !empty;
        } else if (master && in_header && of_name_is(n, "text:page-number")) {
            master->has_page_number = 1;
        } else if (of_name_is(n, "text:list-style") && o->list_count < MAX_STYLES) {
            o->lists = vb_xrealloc(o->lists, (o->list_count + 1) * sizeof *o->lists);
            list = &o->lists[o->list_count++];
            memset(list, 0, sizeof *list);
            list->name = of_xml_attr(&x, "style:name");
            if (!list->name)
                list->name = vb_strdup("");
        } else if (list && (of_name_is(n, "text:list-level-style-number") || of_name_is(n, "text:list-level-style-bullet"))) {
            list_level = of_xml_attr_int(&x, "text:level", 1) - 1;
            if (list_level >= 0 && list_level < 10) {
                char *v;
                list->levels[list_level].bullet = n[22] == 'b';
                list->levels[list_level].start = of_xml_attr_int(&x, "text:start-value", 1);
                list->levels[list_level].display = of_xml_attr_int(&x, "text:display-levels", 1);
                if ((v = of_xml_attr(&x, "text:bullet-char"))) {
                    snprintf(list->levels[list_level].bullet_char, 8, "%s", v);
                    free(v);
                }
                if ((v = of_xml_attr(&x, "style:num-format"))) {
                    snprintf(list->levels[list_level].format, 8, "%s", v);
                    free(v);
                }
                if ((v = of_xml_attr(&x, "style:num-prefix"))) {
                    snprintf(list->levels[list_level].prefix, 16, "%s", v);
                    free(v);
                }
                if ((v = of_xml_attr(&x, "style:num-suffix"))) {
                    snprintf(list->levels[list_level].suffix, 16, "%s", v);
                    free(v);
                }
            }
        }
    }
    of_xml_close(&x);
    return rc < 0 ? -1 : 1;
}

/* ---- sections from master pages ---- */

static master_page *find_master(odt *o, const char *name)
{
    for (size_t i = 0; name && i < o->master_count; i++)
        if (!strcmp(o->masters[i].name, name))
            return &o->masters[i];
    return NULL;
}

static void set_section(odt *o, of_section *s, const char *master_name)
{
    master_page *first = find_master(o, master_name);
    if (!first && o->master_count)
        first = find_master(o, "Standard") ? find_master(o, "Standard") : &o->masters[0];
    if (!first)
        return;
    master_page *next = first->next ? find_master(o, first->next) : first;
    if (!next)
        next = first;
    for (size_t i = 0; i < o->layout_count; i++) {
        page_layout *l = &o->layouts[i];
        if (!first->layout || strcmp(l->name, first->layout))
            continue;
        s->page_width = l->width;
        s->page_height = l->height;
        s->margin_top = l->top + (first->has_page_number || next->has_page_number ? l->header_extra : 0);
        s->margin_bottom = l->bottom;
        s->margin_left = l->left;
        s->margin_right = l->right;
        s->landscape = l->landscape;
    }
    s->title_page = next != first;
    s->number_on_first = first->has_page_number;
    s->numbers_in_header = next->has_page_number;
}

/* ---- the body ---- */

typedef struct {
    odt *o;
    vb_office_source *out;
    long para[8];           /* items of the open paragraphs (frames nest them) */
    oprops para_text[8];    /* … and their text properties, for the text after a frame */
    oprops span[16];        /* text properties of open spans */
    int span_depth;
    int depth;
    int frame;              /* inside draw:frame / draw:text-box */
    int note;               /* inside text:note-body */
    char *note_text;        /* the note being read */
    size_t note_len;
    int list_depth;
    char *list_name[16];
    int list_item_fresh;    /* the next paragraph is a list item's first */
    int tables;
    /* vertical merges per grid column of the open table */
    int remaining[1024], width[1024];
    int grid_col, skip_covered;
} body_reader;

static of_para *open_para(body_reader *b)
{
    return b->depth ? &b->out->items[b->para[b->depth - 1]].u.para : NULL;
}

static ostyle *para_style(body_reader *b, of_xml *x)
{
    char *name = of_xml_attr(x, "text:style-name");
    ostyle *s = find_style(b->o, name, "paragraph");
    free(name);
    return s;
}

static void paragraph_props(body_reader *b, ostyle *s, oprops *eff)
{
    *eff = b->o->defaults;
    if (s)
        oprops_apply(eff, style_effective(b->o, s));
}

static void add_text(body_reader *b, const char *text, size_t len)
{
    if (b->note) {
        b->note_text = vb_xrealloc(b->note_text, b->note_len + len + 1);
        memcpy(b->note_text + b->note_len, text, len);
        b->note_len += len;
        b->note_text[b->note_len] = '\0';
        return;
    }
    of_para *p = open_para(b);
    if (!p)
        return;
    oprops eff;
    ostyle *s = find_style(b->o, p->style_id ? p->style_id : NULL, "paragraph");
    (void)s;
    eff = b->span[0];
    for (int k = 1; k <= b->span_depth && k < 16; k++)
        oprops_apply(&eff, &b->span[k]);
    unsigned flags = (eff.bold > 0 ? OF_BOLD : 0) | (eff.italic > 0 ? OF_ITALIC : 0) |
                     (eff.caps > 0 ? OF_CAPS : 0) | (eff.underline > 0 ? OF_UNDERLINE : 0);
    of_para_add_text(p, text, len, flags, eff.size_tw > 0 ? eff.size_tw / 20.0 : 12.0,
                     eff.font[0] ? eff.font : NULL);
}

static char *list_label(body_reader *b)
{
    int level = b->list_depth - 1;
    const char *name = NULL;
    for (int k = b->list_depth - 1; k >= 0 && !name; k--)
        name = b->list_name[k];
    if (!name || level < 0 || level >= 10)
        return NULL;
    list_style *ls = NULL;
    for (size_t i = 0; i < b->o->list_count; i++)
        if (!strcmp(b->o->lists[i].name, name))
            ls = &b->o->lists[i];
    if (!ls)
        return NULL;
    if (ls->levels[level].bullet)
        return vb_strdup(!strcmp(ls->levels[level].bullet_char, "+") ? "+" : "-");
    int slot = -1;
    for (int i = 0; i < b->o->counter_lists; i++)
        if (!strcmp(b->o->list_names[i], name))
            slot = i;
    if (slot < 0 && b->o->counter_lists < 64) {
        slot = b->o->counter_lists++;
        b->o->list_names[slot] = vb_strdup(name);
        for (int k = 0; k < 10; k++)
            b->o->list_counters[slot][k] = 0;
    }
    if (slot < 0)
        return NULL;
    int *counters = b->o->list_counters[slot];
    counters[level] = counters[level] ? counters[level] + 1 : (ls->levels[level].start ? ls->levels[level].start : 1);
    for (int k = level + 1; k < 10; k++)
        counters[k] = 0;
    char out[128] = "", num[32];
    size_t o = 0;
    int display = ls->levels[level].display > 0 ? ls->levels[level].display : 1;
    o += (size_t)snprintf(out + o, sizeof out - o, "%s", ls->levels[level].prefix);
    for (int k = level - display + 1; k <= level && o < sizeof out - 40; k++) {
        if (k < 0)
            continue;
        int v = counters[k] ? counters[k] : 1;
        const char *f = ls->levels[k].format;
        if (!strcmp(f, "a") || !strcmp(f, "A"))
            snprintf(num, sizeof num, "%c", (char)(f[0] + (v - 1) % 26));
        else if (!strcmp(f, "I") || !strcmp(f, "i")) {
            vb_roman(v, num, sizeof num);
            if (f[0] == 'i')
                for (char *q = num; *q; q++)
                    *q = (char)(*q - 'A' + 'a');
        } else if (!f[0])
            num[0] = '\0';
        else
            snprintf(num, sizeof num, "%d", v);
        o += (size_t)snprintf(out + o, sizeof out - o, "%s%s", num, k < level ? "." : "");
    }
    snprintf(out + o, sizeof out - o, "%s", ls->levels[level].suffix);
    return out[0] ? vb_strdup(out) : NULL;
}

static void start_paragraph(body_reader *b, of_xml *x, int heading)
{
    if (b->note || b->depth == 8)
        return;
    ostyle *s = para_style(b, x);
    /* A master page named by the paragraph's style starts a section (a new page set-up). */
    if (s && s->master && *s->master) {
        if (b->out->paragraphs > 0) {
            of_source_add(b->out, OF_SECTION_END);
            of_source_add_section(b->out);
        }
        set_section(b->o, &b->out->sections[b->out->section_count - 1], s->master);
    }
    of_item *it = of_source_add(b->out, OF_PARA);
    of_para *p = &it->u.para;
    b->para[b->depth++] = (long)(it - b->out->items);
    ostyle *named = named_style(b->o, s);
    if (named) {
        p->style_id = vb_strdup(named->name);
        p->style_name = vb_strdup(named->display ? named->display : named->name);
    }
    p->in_textbox = b->frame > 0;
    oprops eff;
    paragraph_props(b, s, &eff);
    b->span_depth = 0;
    b->span[0] = eff;
    b->para_text[b->depth - 1] = eff;
    of_para_format *f = &p->fmt;
    f->align = eff.align;
    f->indent_left = eff.ind_left;
    f->indent_right = eff.ind_right;
    f->indent_first = eff.ind_first;
    f->space_before = eff.sp_before;
    f->space_after = eff.sp_after;
    f->line_240ths = eff.line;
    f->border_bottom = eff.border_bottom > 0;
    f->border_box = eff.border_box > 0;
    f->keep_next = eff.keep_next > 0;
    f->tab_stops = eff.tabs > 0 ? eff.tabs : 0;
    f->style_flags = (eff.bold > 0 ? OF_BOLD : 0) | (eff.italic > 0 ? OF_ITALIC : 0) |
                     (eff.caps > 0 ? OF_CAPS : 0) | (eff.underline > 0 ? OF_UNDERLINE : 0);
    f->style_size_pt = eff.size_tw > 0 ? eff.size_tw / 20.0 : 12.0;
    if (heading)
        f->outline_level = of_xml_attr_int(x, "text:outline-level", 1);
    if (b->list_depth && b->list_item_fresh) {
        p->label = list_label(b);
        p->list_level = b->list_depth - 1;
    }
    b->list_item_fresh = 0;
}

static void end_paragraph(body_reader *b)
{
    if (b->note || !b->depth)
        return;
    b->depth--;
    b->span_depth = 0;
    /* The paragraph a frame's paragraph stood in goes on in its own properties. */
    if (b->depth)
        b->span[0] = b->para_text[b->depth - 1];
}

static void cell_begin(body_reader *b, unsigned colspan, int vmerge)
{
    of_item *it = of_source_add(b->out, OF_CELL_BEGIN);
    it->u.s.colspan = colspan ? colspan : 1;
    it->u.s.vmerge = vmerge;
}

static int read_body(body_reader *b, of_xml *x, vb_office_source *notes)
{
    int rc = of_xml_read(x);
    int in_text = 0, header_rows = 0;
    long table_item[64];
    int table_depth = 0;
    while (rc == 1) {
        int type = xmlTextReaderNodeType(x->reader);
        const char *n = of_xml_name(x);
        if (type == XML_READER_TYPE_TEXT || type == XML_READER_TYPE_SIGNIFICANT_WHITESPACE ||
            type == XML_READER_TYPE_CDATA) {
            if (in_text && (b->depth || b->note)) {
                const char *v = (const char *)xmlTextReaderConstValue(x->reader);
                /* ODF collapses white space in text to one space (text:s says more). */
                if (v) {
                    size_t n = strlen(v), o = 0;
                    char *t = vb_xmalloc(n + 1);
                    for (size_t k = 0; k < n; k++) {
                        char ch = v[k] == '\n' || v[k] == '\t' || v[k] == '\r' ? ' ' : v[k];
                        if (ch == ' ' && o && t[o - 1] == ' ')
                            continue;
                        t[o++] = ch;
                    }
                    add_text(b, t, o);
                    free(t);
                }
            }
            rc = of_xml_read(x);
            continue;
        }
        if (type == XML_READER_TYPE_END_ELEMENT) {
            if (of_name_is(n, "text:p") || of_name_is(n, "text:h"))
                end_paragraph(b);
            else if (of_name_is(n, "text:span") && b->span_depth > 0)
                b->span_depth--;
            else if (of_name_is(n, "draw:frame"))
                b->frame--;
            else if (of_name_is(n, "text:note")) {
                b->note = 0;
                char *t = b->note_text ? b->note_text : vb_strdup("");
                size_t lead = strspn(t, " ");
                of_para *p = open_para(b);
                if (p)
                    of_para_add_text(p, t + lead, strlen(t + lead), OF_NOTE, 0, NULL);
                of_item *it = of_source_add(notes, OF_PARA);
                of_para_add_text(&it->u.para, t + lead, strlen(t + lead), 0, 0, NULL);
                free(t);
                b->note_text = NULL;
                b->note_len = 0;
            } else if (of_name_is(n, "text:list")) {
                if (b->list_depth > 0 && b->list_depth <= 16)
                    free(b->list_name[b->list_depth - 1]);
                b->list_depth--;
            } else if (of_name_is(n, "table:table")) {
                of_source_add(b->out, OF_TABLE_END);
                table_depth--;
            } else if (of_name_is(n, "table:table-row"))
                of_source_end_row(b->out, b->depth == 0 && !b->note);
            else if (of_name_is(n, "table:table-cell"))
                of_source_add(b->out, OF_CELL_END);
            else if (of_name_is(n, "table:table-header-rows"))
                header_rows = 0;
            else if (of_name_is(n, "office:text"))
                in_text = 0;
            rc = of_xml_read(x);
            continue;
        }
        if (type != XML_READER_TYPE_ELEMENT) {
            rc = of_xml_read(x);
            continue;
        }
        int empty = xmlTextReaderIsEmptyElement(x->reader);
        if (of_name_is(n, "text:tracked-changes") || of_name_is(n, "office:annotation") ||
            of_name_is(n, "text:note-citation") || of_name_is(n, "office:forms") ||
            of_name_is(n, "text:sequence-decls") || of_name_is(n, "office:annotation-end")) {
            if (of_name_is(n, "text:tracked-changes"))
                b->out->has_tracked_changes = 1;
            rc = of_xml_skip(x);
            continue;
        }
        if (of_name_is(n, "office:text")) {
            in_text = !empty;
        } else if (of_name_is(n, "text:p") || of_name_is(n, "text:h")) {
            start_paragraph(b, x, n[5] == 'h');
            if (empty)
                end_paragraph(b);
        } else if (of_name_is(n, "text:span") && !empty) {
            char *name = of_xml_attr(x, "text:style-name");
            ostyle *s = find_style(b->o, name, "text");
            free(name);
            if (b->span_depth < 15) {
                b->span_depth++;
                oprops_unset(&b->span[b->span_depth]);
                if (s)
                    b->span[b->span_depth] = *style_effective(b->o, s);
            }
        } else if (of_name_is(n, "text:s")) {
            int count = of_xml_attr_int(x, "text:c", 1);
            for (int k = 0; k < count && k < 1000; k++)
                add_text(b, " ", 1);
        } else if (of_name_is(n, "text:tab")) {
            add_text(b, "\t", 1);
        } else if (of_name_is(n, "text:line-break")) {
            add_text(b, "\n", 1);
        } else if (of_name_is(n, "text:note")) {
            b->note = 1;
            b->note_len = 0;
        } else if (of_name_is(n, "draw:frame")) {
            if (!empty)
                b->frame++;
        } else if (of_name_is(n, "draw:line") && open_para(b)) {
            open_para(b)->drawn_rule = 1;
        } else if (of_name_is(n, "text:list")) {
            b->list_depth++;
            if (b->list_depth <= 16)
                b->list_name[b->list_depth - 1] = of_xml_attr(x, "text:style-name");
            if (empty) {
                if (b->list_depth <= 16)
                    free(b->list_name[b->list_depth - 1]);
                b->list_depth--;
            }
        } else if (of_name_is(n, "text:list-item")) {
            b->list_item_fresh = 1;
        } else if (of_name_is(n, "text:list-header")) {
            b->list_item_fresh = 0;
        } else if (of_name_is(n, "table:table")) {
            of_item *it = of_source_add(b->out, OF_TABLE_BEGIN);
            if (table_depth < 64)
                table_item[table_depth] = (long)(it - b->out->items);
            table_depth++;
            char *name = of_xml_attr(x, "table:style-name");
            ostyle *s = find_style(b->o, name, "table");
            free(name);
            if (s && s->master && *s->master) {
                /* The header table of vanban's ODT carries the first page's master. */
                set_section(b->o, &b->out->sections[b->out->section_count - 1], s->master);
            }
            memset(b->remaining, 0, sizeof b->remaining);
            b->grid_col = 0;
        } else if (of_name_is(n, "table:table-column") && table_depth > 0 && table_depth <= 64) {
            int rep = of_xml_attr_int(x, "table:number-columns-repeated", 1);
            b->out->items[table_item[table_depth - 1]].u.s.columns += rep > 0 && rep < 1024 ? rep : 1;
        } else if (of_name_is(n, "table:table-header-rows")) {
            header_rows = !empty;
        } else if (of_name_is(n, "table:table-row")) {
            of_item *it = of_source_add(b->out, OF_ROW_BEGIN);
            it->u.s.header = header_rows;
            b->grid_col = 0;
            b->skip_covered = 0;
            if (empty)
                of_source_end_row(b->out, b->depth == 0 && !b->note);
        } else if (of_name_is(n, "table:table-cell") || of_name_is(n, "table:covered-table-cell")) {
            int covered = n[6] == 'c';
            int col = b->grid_col;
            if (covered && b->skip_covered > 0) {
                b->skip_covered--;
                b->grid_col++;
            } else if (covered && col < 1024 && b->remaining[col] > 0) {
                int w = b->width[col] > 0 ? b->width[col] : 1;
                cell_begin(b, (unsigned)w, 2);
                of_source_add(b->out, OF_CELL_END);
                b->remaining[col]--;
                b->skip_covered = w - 1;
                b->grid_col++;
            } else if (covered) {
                b->grid_col++;
            } else {
                int cs = of_xml_attr_int(x, "table:number-columns-spanned", 1);
                int rs = of_xml_attr_int(x, "table:number-rows-spanned", 1);
                int rep = of_xml_attr_int(x, "table:number-columns-repeated", 1);
                cs = cs > 0 && cs < 1024 ? cs : 1;
                rs = rs > 0 ? rs : 1;
                rep = rep > 0 && rep < 256 ? rep : 1;
                char *sname = of_xml_attr(x, "table:style-name");
                ostyle *cs_style = find_style(b->o, sname, "table-cell");
                free(sname);
                if (cs_style && cs_style->props.border_box > 0 && table_depth > 0 && table_depth <= 64)
                    b->out->items[table_item[table_depth - 1]].u.s.bordered = 1;
                for (int k = 1; k < rep; k++) {
                    cell_begin(b, 1, 0);
                    of_source_add(b->out, OF_CELL_END);
                    b->grid_col++;
                }
                cell_begin(b, (unsigned)cs, rs > 1 ? 1 : 0);
                if (col < 1024) {
                    b->remaining[b->grid_col < 1024 ? b->grid_col : 0] = rs - 1;
                    b->width[b->grid_col < 1024 ? b->grid_col : 0] = cs;
                }
                b->skip_covered = cs - 1;
                b->grid_col++;
                if (empty)
                    of_source_add(b->out, OF_CELL_END);
            }
        }
        rc = of_xml_read(x);
    }
    while (b->list_depth > 0) {
        if (b->list_depth <= 16)
            free(b->list_name[b->list_depth - 1]);
        b->list_depth--;
    }
    free(b->note_text);
    return rc < 0 ? -1 : 0;
}

static void odt_free(odt *o)
{
    for (size_t i = 0; i < o->style_count; i++) {
        ostyle *s = &o->styles[i];
        free(s->name);
        free(s->display);
        free(s->parent);
        free(s->family);
        free(s->master);
        free(s->list_style);
    }
    free(o->styles);
    for (size_t i = 0; i < o->font_count; i++) {
        free(o->fonts[i].name);
        free(o->fonts[i].family);
    }
    free(o->fonts);
    for (size_t i = 0; i < o->layout_count; i++)
        free(o->layouts[i].name);
    free(o->layouts);
    for (size_t i = 0; i < o->master_count; i++) {
        free(o->masters[i].name);
        free(o->masters[i].layout);
        free(o->masters[i].next);
    }
    free(o->masters);
    for (size_t i = 0; i < o->list_count; i++)
        free(o->lists[i].name);
    free(o->lists);
    for (int i = 0; i < o->counter_lists; i++)
        free(o->list_names[i]);
}

int vb_odt_extract(of_package *pkg, vb_office_source *src)
{
    odt o;
    memset(&o, 0, sizeof o);
    o.pkg = pkg;
    o.src = src;
    oprops_unset(&o.defaults);
    of_source_add_section(src);
    int ok = read_styles_part(&o, "styles.xml", 0) >= 0;
    /* content.xml twice: its automatic styles first, then the text (streamed). */
    if (ok)
        ok = read_styles_part(&o, "content.xml", 1) > 0;
    if (ok && src->section_count && !src->sections[0].page_width)
        set_section(&o, &src->sections[0], NULL);
    vb_office_source notes;
    memset(&notes, 0, sizeof notes);
    of_source_add_section(&notes);
    if (ok) {
        of_xml x;
        int rc = of_xml_open(pkg, &x, "content.xml", vb_office_limits_in_force.main_part);
        body_reader *b = vb_xcalloc(1, sizeof *b);
        b->o = &o;
        b->out = src;
        if (rc > 0)
            rc = read_body(b, &x, &notes) < 0 ? -1 : 1;
        of_xml_close(&x);
        free(b);
        ok = rc > 0;
    }
    if (ok) {
        /* The notes after the body, numbered on. */
        for (size_t i = 0; i < notes.count; i++) {
            of_item *it = of_source_add(src, OF_PARA);
            unsigned number = it->u.para.number;
            int section = it->u.para.section;
            *it = notes.items[i];
            it->u.para.number = number;
            it->u.para.section = section;
            it->u.para.in_note = 1;
        }
        notes.count = 0;
        src->default_font = o.defaults.font[0] ? vb_strdup(o.defaults.font) : NULL;
        src->default_size_pt = o.defaults.size_tw > 0 ? o.defaults.size_tw / 20.0 : 12.0;
    }
    for (size_t i = 0; i < notes.count; i++) {
        of_para *p = &notes.items[i].u.para;
        for (size_t r = 0; r < p->run_count; r++) {
            free(p->runs[r].text);
            free(p->runs[r].font);
        }
        free(p->runs);
        free(p->text);
    }
    free(notes.items);
    free(notes.sections);
    odt_free(&o);
    if (!ok && !pkg->failed)
        of_fail(pkg, "tệp ODT không có content.xml", "the ODT has no content.xml");
    return ok ? 0 : -1;
}
