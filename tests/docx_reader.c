/* Test support: open a DOCX (libzip), parse its parts (libxml2), query them with XPath. */
#include "docx_reader.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>
#include <libxml/xpath.h>
#include <libxml/xpathInternals.h>
#include <zip.h>

struct dr_docx {
    zip_t *zip;
};

static void *xmalloc(size_t size)
{
    void *p = malloc(size ? size : 1);
    if (!p) {
        fputs("docx_reader: out of memory\n", stderr);
        abort();
    }
    return p;
}

static char *xstrdup(const char *s)
{
    size_t n = strlen(s) + 1;
    char *copy = xmalloc(n);
    memcpy(copy, s, n);
    return copy;
}

/* ---- the package ------------------------------------------------------------------------ */

dr_docx *dr_open(const char *path, char *err, size_t err_size)
{
    int code = 0;
    zip_t *zip = zip_open(path, ZIP_RDONLY, &code);
    if (!zip) {
        zip_error_t error;
        zip_error_init_with_code(&error, code);
        if (err && err_size)
            snprintf(err, err_size, "%s: %s", path, zip_error_strerror(&error));
        zip_error_fini(&error);
        return NULL;
    }
    dr_docx *pkg = xmalloc(sizeof *pkg);
    pkg->zip = zip;
    return pkg;
}

void dr_close(dr_docx *pkg)
{
    if (!pkg)
        return;
    zip_discard(pkg->zip); /* read-only: nothing to write back */
    free(pkg);
}

size_t dr_entry_count(const dr_docx *pkg)
{
    zip_int64_t n = zip_get_num_entries(pkg->zip, 0);
    return n > 0 ? (size_t)n : 0;
}

const char *dr_entry_name(const dr_docx *pkg, size_t index)
{
    if (index >= dr_entry_count(pkg))
        return NULL;
    return zip_get_name(pkg->zip, (zip_uint64_t)index, ZIP_FL_ENC_RAW);
}

char **dr_entry_names(const dr_docx *pkg, size_t *count)
{
    size_t n = dr_entry_count(pkg);
    char **names = xmalloc((n + 1) * sizeof *names);
    size_t used = 0;
    for (size_t i = 0; i < n; i++) {
        const char *name = dr_entry_name(pkg, i);
        if (name)
            names[used++] = xstrdup(name);
    }
    names[used] = NULL;
    if (count)
        *count = used;
    return names;
}

void dr_names_free(char **names)
{
    if (!names)
        return;
    for (char **p = names; *p; p++)
        free(*p);
    free(names);
}

int dr_has_entry(const dr_docx *pkg, const char *name)
{
    return zip_name_locate(pkg->zip, name, ZIP_FL_ENC_RAW) >= 0;
}

unsigned char *dr_read_entry(const dr_docx *pkg, const char *name, size_t *size)
{
    if (size)
        *size = 0;
    zip_stat_t st;
    zip_stat_init(&st);
    if (zip_stat(pkg->zip, name, ZIP_FL_ENC_RAW, &st) < 0 || !(st.valid & ZIP_STAT_SIZE))
        return NULL;
    if (st.size >= SIZE_MAX)
        return NULL;
    zip_file_t *f = zip_fopen(pkg->zip, name, ZIP_FL_ENC_RAW);
    if (!f)
        return NULL;
    size_t total = (size_t)st.size;
    unsigned char *data = xmalloc(total + 1);
    size_t got = 0;
    while (got < total) {
        zip_int64_t n = zip_fread(f, data + got, total - got);
        if (n <= 0)
            break;
        got += (size_t)n;
    }
    zip_fclose(f);
    if (got != total) {
        free(data);
        return NULL;
    }
    data[total] = '\0';
    if (size)
        *size = total;
    return data;
}

int dr_entry_compression(const dr_docx *pkg, const char *name)
{
    zip_stat_t st;
    zip_stat_init(&st);
    if (zip_stat(pkg->zip, name, ZIP_FL_ENC_RAW, &st) < 0 || !(st.valid & ZIP_STAT_COMP_METHOD))
        return -1;
    return (int)st.comp_method;
}

xmlDocPtr dr_read_xml(const dr_docx *pkg, const char *name)
{
    size_t size = 0;
    unsigned char *data = dr_read_entry(pkg, name, &size);
    if (!data)
        return NULL;
    if (size > INT32_MAX) {
        free(data);
        return NULL;
    }
    xmlDocPtr doc = xmlReadMemory((const char *)data, (int)size, name, NULL,
                                  XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
    free(data);
    return doc;
}

/* ---- XPath -------------------------------------------------------------------------------- */

static const struct {
    const char *prefix, *uri;
} namespaces[] = {
    {"w", DR_NS_W},   {"r", DR_NS_R},   {"pr", DR_NS_PR},           {"ct", DR_NS_CT},
    {"cp", DR_NS_CP}, {"dc", DR_NS_DC}, {"dcterms", DR_NS_DCTERMS}, {"xsi", DR_NS_XSI},
    {"ep", DR_NS_EP},
    {"office", DR_NS_OFFICE}, {"style", DR_NS_STYLE}, {"text", DR_NS_TEXT},
    {"table", DR_NS_TABLE},   {"fo", DR_NS_FO},       {"svg", DR_NS_SVG},
    {"meta", DR_NS_META},     {"manifest", DR_NS_MANIFEST}, {"config", DR_NS_CONFIG},
    {"draw", "urn:oasis:names:tc:opendocument:xmlns:drawing:1.0"},
};

/* Evaluates `expr`; the caller frees the result with xmlXPathFreeObject. NULL when the
 * expression does not compile or the document is NULL. */
static xmlXPathObjectPtr evaluate(xmlDocPtr doc, xmlNodePtr context, const char *expr)
{
    if (!doc || !expr)
        return NULL;
    xmlXPathContextPtr ctx = xmlXPathNewContext(doc);
    if (!ctx)
        return NULL;
    for (size_t i = 0; i < sizeof namespaces / sizeof namespaces[0]; i++)
        xmlXPathRegisterNs(ctx, BAD_CAST namespaces[i].prefix, BAD_CAST namespaces[i].uri);
    ctx->node = context ? context : (xmlNodePtr)doc;
    xmlXPathObjectPtr result = xmlXPathEvalExpression(BAD_CAST expr, ctx);
    xmlXPathFreeContext(ctx);
    return result;
}

char *dr_xpath_string(xmlDocPtr doc, xmlNodePtr context, const char *expr)
{
    xmlXPathObjectPtr result = evaluate(doc, context, expr);
    if (!result)
        return NULL;
    xmlChar *s = xmlXPathCastToString(result);
    xmlXPathFreeObject(result);
    if (!s)
        return NULL;
    char *copy = xstrdup((const char *)s); /* plain malloc: the caller frees with free() */
    xmlFree(s);
    return copy;
}

int dr_xpath_count(xmlDocPtr doc, xmlNodePtr context, const char *expr)
{
    xmlXPathObjectPtr result = evaluate(doc, context, expr);
    if (!result)
        return -1;
    int count = -1;
    if (result->type == XPATH_NODESET)
        count = result->nodesetval ? result->nodesetval->nodeNr : 0;
    xmlXPathFreeObject(result);
    return count;
}

double dr_xpath_number(xmlDocPtr doc, xmlNodePtr context, const char *expr)
{
    xmlXPathObjectPtr result = evaluate(doc, context, expr);
    if (!result)
        return NAN;
    double value = xmlXPathCastToNumber(result);
    xmlXPathFreeObject(result);
    return value;
}

dr_nodes dr_xpath_nodes(xmlDocPtr doc, xmlNodePtr context, const char *expr)
{
    dr_nodes out = {NULL, 0, 0};
    xmlXPathObjectPtr result = evaluate(doc, context, expr);
    if (!result)
        return out;
    if (result->type == XPATH_NODESET) {
        out.ok = 1;
        int n = result->nodesetval ? result->nodesetval->nodeNr : 0;
        if (n > 0) {
            out.items = xmalloc((size_t)n * sizeof *out.items);
            for (int i = 0; i < n; i++)
                out.items[i] = result->nodesetval->nodeTab[i];
            out.count = (size_t)n;
        }
    }
    xmlXPathFreeObject(result);
    return out;
}

void dr_nodes_free(dr_nodes *nodes)
{
    if (!nodes)
        return;
    free(nodes->items);
    nodes->items = NULL;
    nodes->count = 0;
}

/* ---- WordprocessingML text ----------------------------------------------------------------- */

typedef struct {
    char *data;
    size_t len, cap;
} text_buf;

static void buf_add(text_buf *b, const char *s)
{
    size_t n = strlen(s);
    if (b->len + n + 1 > b->cap) {
        size_t cap = b->cap ? b->cap : 128;
        while (cap < b->len + n + 1)
            cap *= 2;
        char *grown = realloc(b->data, cap);
        if (!grown) {
            fputs("docx_reader: out of memory\n", stderr);
            abort();
        }
        b->data = grown;
        b->cap = cap;
    }
    memcpy(b->data + b->len, s, n);
    b->len += n;
    b->data[b->len] = '\0';
}

static int is_w(xmlNodePtr n, const char *local)
{
    return n->type == XML_ELEMENT_NODE && n->ns && n->ns->href &&
           strcmp((const char *)n->ns->href, DR_NS_W) == 0 && strcmp((const char *)n->name, local) == 0;
}

static void collect_text(xmlNodePtr node, const char *br, text_buf *b)
{
    for (xmlNodePtr c = node->children; c; c = c->next) {
        if (c->type != XML_ELEMENT_NODE)
            continue;
        if (is_w(c, "t")) {
            xmlChar *t = xmlNodeGetContent(c);
            if (t) {
                buf_add(b, (const char *)t);
                xmlFree(t);
            }
        } else if (is_w(c, "br") || is_w(c, "cr")) {
            buf_add(b, br);
        } else if (is_w(c, "tab")) {
            buf_add(b, "\t");
        } else if (is_w(c, "noBreakHyphen")) {
            buf_add(b, "-"); /* Word's non-breaking hyphen shows as "-" */
        } else if (is_w(c, "pPr") || is_w(c, "rPr") || is_w(c, "sectPr") || is_w(c, "tblPr") ||
                   is_w(c, "tcPr") || is_w(c, "trPr")) {
            continue; /* properties hold no text (w:tab inside w:tabs is not a tab) */
        } else {
            collect_text(c, br, b);
        }
    }
}

char *dr_wml_text(xmlNodePtr node, const char *br)
{
    text_buf b = {NULL, 0, 0};
    buf_add(&b, "");
    if (node) {
        if (is_w(node, "t")) {
            xmlChar *t = xmlNodeGetContent(node);
            if (t) {
                buf_add(&b, (const char *)t);
                xmlFree(t);
            }
        } else {
            collect_text(node, br ? br : "\n", &b);
        }
    }
    return b.data;
}

const char *dr_paragraph_style(xmlNodePtr p)
{
    if (!p)
        return "";
    for (xmlNodePtr ppr = p->children; ppr; ppr = ppr->next) {
        if (!is_w(ppr, "pPr"))
            continue;
        for (xmlNodePtr s = ppr->children; s; s = s->next) {
            if (!is_w(s, "pStyle"))
                continue;
            for (xmlAttrPtr a = s->properties; a; a = a->next) {
                if (strcmp((const char *)a->name, "val") == 0 && a->ns && a->ns->href &&
                    strcmp((const char *)a->ns->href, DR_NS_W) == 0 && a->children &&
                    a->children->content)
                    return (const char *)a->children->content;
            }
        }
    }
    return "";
}

/* ---- OpenDocument text --------------------------------------------------------------------- */

static int is_odf_text(xmlNodePtr n, const char *local)
{
    return n->type == XML_ELEMENT_NODE && n->ns && n->ns->href &&
           strcmp((const char *)n->ns->href, DR_NS_TEXT) == 0 && strcmp((const char *)n->name, local) == 0;
}

/* ODF 1.3 Part 3 §6.1.2: in character data, tab, CR, LF and space are each a space; one that
 * follows a white-space character is dropped, and so are those at the start and the end of
 * the paragraph. A space of the character data is held back (`pending`) until something
 * follows it, which drops the trailing ones. */
typedef struct {
    text_buf *b;
    const char *br;
    int prev_space; /* the last character is white space (or nothing yet: leading) */
    int pending;    /* a collapsed space not yet written */
} odf_text_state;

static void odf_flush(odf_text_state *s)
{
    if (s->pending)
        buf_add(s->b, " ");
    s->pending = 0;
}

static void odf_chars(odf_text_state *s, const char *text)
{
    const char *run = text;
    for (const char *p = text; *p; p++) {
        if (*p == ' ' || *p == '\t' || *p == '\r' || *p == '\n') {
            if (p > run) {
                char chunk[256];
                size_t n = (size_t)(p - run);
                while (n > 0) {
                    size_t k = n < sizeof chunk - 1 ? n : sizeof chunk - 1;
                    memcpy(chunk, run, k);
                    chunk[k] = '\0';
                    buf_add(s->b, chunk);
                    run += k;
                    n -= k;
                }
            }
            run = p + 1;
            if (!s->prev_space)
                s->pending = 1;
            s->prev_space = 1;
            continue;
        }
        if (p == run) {
            odf_flush(s);
            s->prev_space = 0;
        }
    }
    if (*run) {
        odf_flush(s);
        buf_add(s->b, run);
        s->prev_space = 0;
    }
}

static void collect_odf_text(xmlNodePtr node, odf_text_state *s)
{
    for (xmlNodePtr c = node->children; c; c = c->next) {
        if (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) {
            if (c->content)
                odf_chars(s, (const char *)c->content);
        } else if (c->type != XML_ELEMENT_NODE) {
            continue;
        } else if (xmlStrEqual(c->name, BAD_CAST "frame") && c->ns &&
                   xmlStrEqual(c->ns->href, BAD_CAST "urn:oasis:names:tc:opendocument:xmlns:drawing:1.0")) {
            /* A frame (ô 11, ô 13) is read where it stands on the page, not in its anchor's text. */
            continue;
        } else if (is_odf_text(c, "s")) {
            long count = 1;
            xmlChar *v = xmlGetNsProp(c, BAD_CAST "c", BAD_CAST DR_NS_TEXT);
            if (v) {
                count = strtol((const char *)v, NULL, 10);
                xmlFree(v);
            }
            odf_flush(s);
            for (long i = 0; i < count && i < 100000; i++)
                buf_add(s->b, " ");
            s->prev_space = 1;
        } else if (is_odf_text(c, "tab")) {
            odf_flush(s);
            buf_add(s->b, "\t");
            s->prev_space = 1;
        } else if (is_odf_text(c, "line-break")) {
            odf_flush(s);
            buf_add(s->b, s->br);
            s->prev_space = 1;
        } else if (is_odf_text(c, "note") || is_odf_text(c, "tracked-changes") ||
                   is_odf_text(c, "ruby-text")) {
            continue; /* not in the running text (§6.1.1) */
        } else {
            collect_odf_text(c, s);
        }
    }
}

char *dr_odf_text(xmlNodePtr node, const char *br)
{
    text_buf b = {NULL, 0, 0};
    buf_add(&b, "");
    odf_text_state s = {&b, br ? br : "\n", 1, 0};
    if (node)
        collect_odf_text(node, &s);
    /* A non-breaking hyphen (U+2011, in "9-10/2025") shows as "-". */
    char *w = b.data;
    for (const char *r = b.data; *r;) {
        if (strncmp(r, "\xE2\x80\x91", 3) == 0) {
            *w++ = '-';
            r += 3;
        } else {
            *w++ = *r++;
        }
    }
    *w = '\0';
    return b.data;
}
