/* Test support: reading a produced DOCX (or ODT: the same zip and XPath functions, the ODF
 * prefixes and dr_odf_text) the way a consumer would, without vanban's own code.
 *
 * A package is opened with libzip; a part is parsed into an xmlDocPtr (libxml2); XPath
 * expressions are evaluated with the OOXML prefixes below already registered, so a test can
 * write "//w:p[w:pPr/w:pStyle/@w:val='VbMuc']" directly.
 *
 * Ownership: everything a function returns is the caller's, freed with the function named
 * in its comment (free(), xmlFreeDoc(), dr_nodes_free(), dr_names_free(), dr_close()).
 * Nothing is cached: parsing the same part twice gives two independent documents. */
#ifndef VB_TESTS_DOCX_READER_H
#define VB_TESTS_DOCX_READER_H

#include <stddef.h>

#include <libxml/tree.h>

/* Prefixes registered for every XPath evaluation. */
#define DR_NS_W "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
#define DR_NS_R "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
#define DR_NS_PR "http://schemas.openxmlformats.org/package/2006/relationships"   /* pr: */
#define DR_NS_CT "http://schemas.openxmlformats.org/package/2006/content-types"   /* ct: */
#define DR_NS_CP "http://schemas.openxmlformats.org/package/2006/metadata/core-properties"
#define DR_NS_DC "http://purl.org/dc/elements/1.1/"
#define DR_NS_DCTERMS "http://purl.org/dc/terms/"
#define DR_NS_XSI "http://www.w3.org/2001/XMLSchema-instance"
#define DR_NS_EP "http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" /* ep: */

/* OpenDocument (ODF 1.3), for reading an ODT with the same functions; dc: above is also the
 * Dublin Core of meta.xml. */
#define DR_NS_OFFICE "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
#define DR_NS_STYLE "urn:oasis:names:tc:opendocument:xmlns:style:1.0"
#define DR_NS_TEXT "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
#define DR_NS_TABLE "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
#define DR_NS_FO "urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0"
#define DR_NS_SVG "urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0"
#define DR_NS_META "urn:oasis:names:tc:opendocument:xmlns:meta:1.0"
#define DR_NS_MANIFEST "urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"
#define DR_NS_CONFIG "urn:oasis:names:tc:opendocument:xmlns:config:1.0"

typedef struct dr_docx dr_docx;

/* ---- the package ------------------------------------------------------------------------ */

/* Opens `path` read-only. Returns NULL and writes a message into `err` when the file is
 * missing or is not a zip archive. Close with dr_close(). */
dr_docx *dr_open(const char *path, char *err, size_t err_size);
void dr_close(dr_docx *pkg);

/* Number of entries, and the name of entry `index` in archive order (owned by `pkg`, valid
 * until dr_close; NULL when out of range). */
size_t dr_entry_count(const dr_docx *pkg);
const char *dr_entry_name(const dr_docx *pkg, size_t index);

/* All entry names in archive order, as a NULL-terminated array of copies; `*count` (may be
 * NULL) receives how many. Free with dr_names_free(). */
char **dr_entry_names(const dr_docx *pkg, size_t *count);
void dr_names_free(char **names);

/* 1 when the package has an entry called exactly `name`, else 0. */
int dr_has_entry(const dr_docx *pkg, const char *name);

/* The uncompressed bytes of entry `name`, NUL-terminated for convenience (the terminator is
 * not counted in `*size`). NULL when there is no such entry or it cannot be read. Free with
 * free(). */
unsigned char *dr_read_entry(const dr_docx *pkg, const char *name, size_t *size);

/* The compression method of entry `name` as libzip reports it (ZIP_CM_STORE = 0 for a
 * stored entry, ZIP_CM_DEFLATE = 8, …); -1 when there is no such entry. */
int dr_entry_compression(const dr_docx *pkg, const char *name);

/* Entry `name` parsed as XML (no network, no entity expansion from outside). NULL when the
 * entry is missing or not well-formed. Free with xmlFreeDoc(). */
xmlDocPtr dr_read_xml(const dr_docx *pkg, const char *name);

/* ---- XPath -------------------------------------------------------------------------------
 * `context` is the node the expression is evaluated from; NULL means the document root. */

/* The XPath string() of the result (the first node's string value for a node-set; "" for
 * an empty one). NULL only when the expression does not compile. Free with free(). */
char *dr_xpath_string(xmlDocPtr doc, xmlNodePtr context, const char *expr);

/* The number of nodes a node-set expression selects; -1 when it does not compile or does
 * not give a node-set. */
int dr_xpath_count(xmlDocPtr doc, xmlNodePtr context, const char *expr);

/* The XPath number() of the result; NaN when it does not compile or is not a number. */
double dr_xpath_number(xmlDocPtr doc, xmlNodePtr context, const char *expr);

/* The nodes a node-set expression selects, in document order. The nodes belong to `doc`;
 * the list itself is freed with dr_nodes_free(). An expression that does not compile gives
 * an empty list with `ok` 0. */
typedef struct {
    xmlNodePtr *items;
    size_t count;
    int ok;
} dr_nodes;

dr_nodes dr_xpath_nodes(xmlDocPtr doc, xmlNodePtr context, const char *expr);
void dr_nodes_free(dr_nodes *nodes);

/* ---- WordprocessingML text --------------------------------------------------------------- */

/* The text a reader sees in `node` (a w:p, a w:tc, a whole w:body, …): every w:t in
 * document order, with w:br and w:cr given as `br` and w:tab as '\t'. Free with free(). */
char *dr_wml_text(xmlNodePtr node, const char *br);

/* The w:pStyle of paragraph `p`, or "" when it has none (a pointer into the document). */
const char *dr_paragraph_style(xmlNodePtr p);

/* ---- OpenDocument text --------------------------------------------------------------------- */

/* The text a reader sees in an ODF paragraph (text:p, text:h): its character data in document
 * order with ODF's white-space rule applied (runs of spaces, tabs and newlines in the XML are
 * one space; those at the start and the end are dropped), text:s given as its text:c spaces
 * (default 1), text:tab as '\t' and text:line-break as `br`; notes left out. Free with
 * free(). */
char *dr_odf_text(xmlNodePtr node, const char *br);

#endif
