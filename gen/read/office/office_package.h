/* The zip container of a DOCX or an ODT, read with limits: every part is inflated through
 * a counter (a forged directory can lie about sizes), and XML is parsed by libxml2's
 * xmlTextReader with no network, no DTD loading and no entity substitution. */
#ifndef VB_OFFICE_PACKAGE_H
#define VB_OFFICE_PACKAGE_H

#include <stdint.h>
#include <string.h>
#include <libxml/xmlreader.h>
#include <zip.h>

#include "model/diag.h"

/* How much a file may make us inflate (docs/reading-word.md). Tests lower them. */
typedef struct {
    uint64_t main_part;   /* word/document.xml, content.xml */
    uint64_t small_part;  /* styles, numbering, footnotes, settings, headers, manifest */
    uint64_t total;       /* all parts read from one file together */
    uint64_t ratio_floor; /* parts inflating to more than this are checked for… */
    uint64_t max_ratio;   /* …a compression ratio above this (zip bombs) */
    unsigned max_depth;   /* XML element nesting */
} vb_office_limits;

extern vb_office_limits vb_office_limits_in_force;

typedef struct {
    zip_t *zip;
    const char *shown;    /* the file name in messages */
    vb_diagnostics *diags;
    uint64_t inflated;    /* all parts so far */
    int failed;           /* an error has been reported */
} of_package;

typedef struct {
    of_package *pkg;
    zip_file_t *file;
    xmlTextReaderPtr reader;
    char *part;
    uint64_t limit, declared, inflated;
} of_xml;

/* Opens `path` as a zip; on failure says what the file is instead (OLE: a password-protected
 * document or a legacy .doc; RTF; not a zip) and returns -1. */
int of_package_open(of_package *pkg, const char *path, const char *shown, vb_diagnostics *diags);
void of_package_close(of_package *pkg);
int of_package_has(of_package *pkg, const char *part);

/* Opens a part for streaming; 0 when it does not exist, -1 on an error (reported). */
int of_xml_open(of_package *pkg, of_xml *x, const char *part, uint64_t limit);
/* xmlTextReaderRead with the limits: 1 a node, 0 the end, -1 an error (reported). */
int of_xml_read(of_xml *x);
/* Skips the current element's subtree (to its next sibling), with the same checks. */
int of_xml_skip(of_xml *x);
void of_xml_close(of_xml *x);

/* Whether the node name `n` is `qname`. The extractors ask it of every node against dozens
 * of names, so the first three letters are compared in line before the rest. */
static inline int of_name_is(const char *n, const char *qname)
{
    return n[0] == qname[0] && n[1] == qname[1] && n[2] == qname[2] && strcmp(n, qname) == 0;
}

/* The current node: start element, end element, text. */
int of_xml_is_start(const of_xml *x, const char *qname);
int of_xml_is_end(const of_xml *x, const char *qname);
const char *of_xml_name(const of_xml *x); /* qualified name, "" for text */
/* An attribute by qualified name (caller frees), or NULL. */
char *of_xml_attr(const of_xml *x, const char *qname);
int of_xml_attr_int(const of_xml *x, const char *qname, int fallback);
/* A WordprocessingML on/off attribute (w:val absent, "1", "true", "on": on). */
int of_xml_attr_on(const of_xml *x, const char *qname);

/* Reports an error about the file (position 1:1) under rule OFFICE-READ. */
void of_fail(of_package *pkg, const char *vi, const char *en, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;

#endif
