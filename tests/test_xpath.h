/* XPath with printf-style expressions, for the cmocka tests that read produced packages:
 * a failing evaluation is a typo in the test, so it fails the test at once. Include after
 * <cmocka.h> and "docx_reader.h". */
#ifndef VB_TEST_XPATH_H
#define VB_TEST_XPATH_H

#include <stdarg.h>
#include <stdio.h>

static inline char *xstr(xmlDocPtr d, xmlNodePtr ctx, const char *fmt, ...)
{
    char expr[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(expr, sizeof expr, fmt, ap);
    va_end(ap);
    char *s = dr_xpath_string(d, ctx, expr);
    assert_non_null(s); /* a NULL here is a typo in the test's XPath */
    return s;
}

static inline int xcount(xmlDocPtr d, xmlNodePtr ctx, const char *fmt, ...)
{
    char expr[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(expr, sizeof expr, fmt, ap);
    va_end(ap);
    int n = dr_xpath_count(d, ctx, expr);
    assert_true(n >= 0);
    return n;
}

static inline double xnum(xmlDocPtr d, xmlNodePtr ctx, const char *fmt, ...)
{
    char expr[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(expr, sizeof expr, fmt, ap);
    va_end(ap);
    return dr_xpath_number(d, ctx, expr);
}

static inline dr_nodes xnodes(xmlDocPtr d, xmlNodePtr ctx, const char *fmt, ...)
{
    char expr[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(expr, sizeof expr, fmt, ap);
    va_end(ap);
    dr_nodes n = dr_xpath_nodes(d, ctx, expr);
    assert_true(n.ok);
    return n;
}

#endif
