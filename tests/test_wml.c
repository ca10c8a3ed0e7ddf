/* The WordprocessingML element writers (docx/wml.c) produce exactly the expected XML, and
 * word/styles.xml (vb_docx_styles_xml) carries the layout table, checked with XPath. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xpath.h>
#include <libxml/xpathInternals.h>

#include <zlib.h>

#include "package/deflate_stream.h"
#include "write/docx/docx.h"
#include "write/docx/wml.h"
#include "layout/geometry.h"
#include "layout/layout.h"
#include "model/model.h"
#include "package/spool.h"
#include "package/xmlw.h"

#define DECL "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
#define ROOT_OPEN "<w:document xmlns:w=\"" VB_WML_NS "\">"
#define ROOT_CLOSE "</w:document>\n"

/* ---- helpers -------------------------------------------------------------------------- */

/* A writer with the root element (and its namespace declaration) started: the element
 * writers do not declare the namespace themselves. */
static vb_xml *open_doc(void)
{
    vb_xml *x = vb_xml_new(1);
    assert_non_null(x);
    vb_xml_start(x, "w:document");
    vb_xml_attr(x, "xmlns:w", VB_WML_NS);
    return x;
}

/* Ends the root, finishes the writer and returns (owned) what the writers put inside the
 * root, after checking the declaration and the root around it. Frees x. */
static char *close_doc(const char *file, int line, vb_xml *x)
{
    vb_xml_end(x);
    const char *data = NULL;
    size_t size = 0;
    if (vb_xml_finish(x, &data, &size) != 0) {
        vb_xml_free(x);
        print_error("%s:%d: vb_xml_finish failed (an XML writer call failed)\n", file, line);
        _fail(file, line);
    }
    size_t head = strlen(DECL ROOT_OPEN), tail = strlen(ROOT_CLOSE);
    if (size < head + tail || strncmp(data, DECL ROOT_OPEN, head) != 0 ||
        strncmp(data + size - tail, ROOT_CLOSE, tail) != 0) {
        print_error("%s:%d: unexpected document frame:\n%.*s\n", file, line, (int)size, data);
        vb_xml_free(x);
        _fail(file, line);
    }
    size_t n = size - head - tail;
    char *inner = malloc(n + 1);
    assert_non_null(inner);
    memcpy(inner, data + head, n);
    inner[n] = '\0';
    vb_xml_free(x);
    return inner;
}
#define CLOSE_DOC(x) close_doc(__FILE__, __LINE__, (x))

static void check_xml(const char *file, int line, char *got, const char *want)
{
    if (strcmp(got, want) != 0) {
        size_t i = 0;
        while (got[i] && got[i] == want[i])
            i++;
        print_error("%s:%d: XML differs at byte %zu:\n  expected: %s\n  got:      %s\n", file,
                    line, i, want, got);
        free(got);
        _fail(file, line);
    }
    free(got);
}
#define assert_xml(got, want) check_xml(__FILE__, __LINE__, (got), (want))

/* ---- paragraphs and runs -------------------------------------------------------------- */

static void test_whole_document_bytes(void **state)
{
    (void)state;
    vb_xml *x = open_doc();
    vb_wml_paragraph(x, VB_EL_BODY, "Nội dung");
    vb_xml_end(x);
    const char *data = NULL;
    size_t size = 0;
    assert_int_equal(vb_xml_finish(x, &data, &size), 0);
    static const char want[] =
        DECL ROOT_OPEN "<w:p><w:pPr><w:pStyle w:val=\"VbNoiDung\"/></w:pPr><w:r><w:t>"
                       "Nội dung</w:t></w:r></w:p>" ROOT_CLOSE;
    assert_int_equal(size, strlen(want));
    assert_string_equal(data, want);
    vb_xml_free(x);
}

static void test_plain_styled_paragraph(void **state)
{
    (void)state;
    vb_xml *x = open_doc();
    vb_wml_paragraph(x, VB_EL_NATIONAL_TITLE, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM");
    assert_xml(CLOSE_DOC(x), "<w:p><w:pPr><w:pStyle w:val=\"VbQuocHieu\"/></w:pPr>"
                             "<w:r><w:t>CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT "
                             "NAM</w:t></w:r></w:p>");
}

static void test_empty_paragraph_has_no_run(void **state)
{
    (void)state;
    vb_xml *x = open_doc();
    vb_wml_paragraph(x, VB_EL_BODY, "");
    vb_wml_paragraph(x, VB_EL_BODY, NULL);
    assert_xml(CLOSE_DOC(x), "<w:p><w:pPr><w:pStyle w:val=\"VbNoiDung\"/></w:pPr></w:p>"
                             "<w:p><w:pPr><w:pStyle w:val=\"VbNoiDung\"/></w:pPr></w:p>");
}

static void test_paragraph_properties_in_schema_order(void **state)
{
    (void)state;
    /* CT_PPrBase order: pStyle, keepNext, pageBreakBefore, pBdr, spacing, ind. */
    vb_wml_para p = VB_WML_PLAIN;
    p.keep_with_next = 1;
    p.page_break_before = 1;
    p.space_before = 240;
    p.space_after = 120;
    p.indent_left = 100;
    p.indent_first = 567;
    vb_xml *x = open_doc();
    vb_wml_start_paragraph(x, VB_EL_SECTION, &p);
    vb_wml_run(x, "I. KẾT QUẢ", 0);
    vb_wml_end_paragraph(x);
    assert_xml(CLOSE_DOC(x),
               "<w:p><w:pPr><w:pStyle w:val=\"VbMuc\"/><w:keepNext/><w:pageBreakBefore/>"
               "<w:spacing w:before=\"240\" w:after=\"120\"/>"
               "<w:ind w:left=\"100\" w:firstLine=\"567\"/></w:pPr>"
               "<w:r><w:t>I. KẾT QUẢ</w:t></w:r></w:p>");
}

static void test_plain_props_same_as_null(void **state)
{
    (void)state;
    vb_xml *x = open_doc();
    vb_wml_start_paragraph(x, VB_EL_CLAUSE, &VB_WML_PLAIN);
    vb_wml_end_paragraph(x);
    vb_wml_start_paragraph(x, VB_EL_CLAUSE, NULL);
    vb_wml_end_paragraph(x);
    assert_xml(CLOSE_DOC(x), "<w:p><w:pPr><w:pStyle w:val=\"VbKhoan\"/></w:pPr></w:p>"
                             "<w:p><w:pPr><w:pStyle w:val=\"VbKhoan\"/></w:pPr></w:p>");
}

static void test_run_bold_italic(void **state)
{
    (void)state;
    vb_xml *x = open_doc();
    vb_wml_run(x, "đậm nghiêng", VB_RUN_BOLD | VB_RUN_ITALIC);
    vb_wml_run(x, "đậm", VB_RUN_BOLD);
    vb_wml_run(x, "nghiêng", VB_RUN_ITALIC);
    vb_wml_run(x, " thường ", 0);
    assert_xml(CLOSE_DOC(x),
               "<w:r><w:rPr><w:b/><w:i/></w:rPr><w:t>đậm nghiêng</w:t></w:r>"
               "<w:r><w:rPr><w:b/></w:rPr><w:t>đậm</w:t></w:r>"
               "<w:r><w:rPr><w:i/></w:rPr><w:t>nghiêng</w:t></w:r>"
               "<w:r><w:t xml:space=\"preserve\"> thường </w:t></w:r>");
}

static void test_run_escapes_special_characters(void **state)
{
    (void)state;
    vb_xml *x = open_doc();
    vb_wml_run(x, "Sở Tài chính & Kế hoạch <Đầu tư> \"A\" – ½", 0);
    char *got = CLOSE_DOC(x);
    /* Vietnamese and other non-ASCII text is written as UTF-8, never as character refs. */
    if (strstr(got, "&#"))
        fail_msg("non-ASCII text written as character references: %s", got);
    assert_xml(got, "<w:r><w:t>Sở Tài chính &amp; Kế hoạch "
                    "&lt;Đầu tư&gt; &quot;A&quot; – ½</w:t></w:r>");
}

static void test_run_line_break(void **state)
{
    (void)state;
    /* A '\n' (balanced titles) is a w:br inside the one run. */
    vb_xml *x = open_doc();
    vb_wml_run(x, "ỦY BAN NHÂN DÂN\nTỈNH BẮC GIANG", VB_RUN_BOLD);
    assert_xml(CLOSE_DOC(x), "<w:r><w:rPr><w:b/></w:rPr>"
                             "<w:t>ỦY BAN NHÂN DÂN</w:t><w:br/>"
                             "<w:t>TỈNH BẮC GIANG</w:t></w:r>");
}

static void test_run_preserves_space_only_where_needed(void **state)
{
    (void)state;
    /* Spaces at either end, runs of spaces and tabs would be lost without xml:space. */
    vb_xml *x = open_doc();
    vb_wml_run(x, "Hà Nội", 0);
    vb_wml_run(x, " đầu", 0);
    vb_wml_run(x, "cuối ", 0);
    vb_wml_run(x, "hai  dấu cách", 0);
    vb_wml_run(x, "a\tb", 0);
    assert_xml(CLOSE_DOC(x), "<w:r><w:t>Hà Nội</w:t></w:r>"
                             "<w:r><w:t xml:space=\"preserve\"> đầu</w:t></w:r>"
                             "<w:r><w:t xml:space=\"preserve\">cuối </w:t></w:r>"
                             "<w:r><w:t xml:space=\"preserve\">hai  dấu cách</w:t></w:r>"
                             "<w:r><w:t xml:space=\"preserve\">a\tb</w:t></w:r>");
}

static void test_data_cell_leaves_width_to_grid(void **state)
{
    (void)state;
    /* Width 0: no w:tcW; with nothing else to say, no w:tcPr at all. Spans still appear. */
    vb_xml *x = open_doc();
    vb_wml_start_cell(x, 0, 1, 0);
    vb_wml_end_cell(x);
    vb_wml_start_cell(x, 0, 3, 0);
    vb_wml_end_cell(x);
    vb_wml_start_cell(x, 0, 1, 1);
    vb_wml_end_cell(x);
    vb_wml_start_cell(x, 0, 1, 2);
    vb_wml_end_cell(x);
    assert_xml(CLOSE_DOC(x), "<w:tc/>"
                             "<w:tc><w:tcPr><w:gridSpan w:val=\"3\"/></w:tcPr></w:tc>"
                             "<w:tc><w:tcPr><w:vMerge w:val=\"restart\"/></w:tcPr></w:tc>"
                             "<w:tc><w:tcPr><w:vMerge/></w:tcPr></w:tc>");
}

static void test_style_ids(void **state)
{
    (void)state;
    assert_string_equal(vb_element_style_id(VB_EL_NATIONAL_TITLE), "VbQuocHieu");
    assert_string_equal(vb_element_style_id(VB_EL_BODY), "VbNoiDung");
    assert_string_equal(vb_element_style_id(VB_EL_RULE), "VbDuongKe");
    /* Every element has a distinct, ASCII style id. */
    for (int a = 0; a < VB_EL_COUNT; a++) {
        const char *id = vb_element_style_id((vb_element)a);
        if (!id || !*id)
            fail_msg("element %d has no style id", a);
        for (const char *c = id; *c; c++)
            if ((unsigned char)*c > 0x7e || *c == ' ')
                fail_msg("style id \"%s\" is not plain ASCII", id);
        for (int b = 0; b < a; b++)
            if (strcmp(id, vb_element_style_id((vb_element)b)) == 0)
                fail_msg("elements %d and %d share the style id \"%s\"", b, a, id);
    }
}

/* ---- rules ---------------------------------------------------------------------------- */

static void test_rule_centred(void **state)
{
    (void)state;
    const vb_layout *layout = vb_layout_for(VB_FORMAT_STATE);
    /* A 1529-twip rule in a 3829-twip cell: (3829 - 1529) / 2 = 1150 on each side. */
    long sz = (long)(layout->rule_thickness_pt * 8 + 0.5);
    assert_int_equal(sz, 6); /* 0.75 pt in eighths of a point */
    vb_xml *x = open_doc();
    vb_wml_rule(x, layout, 3829, 1529, -1);
    char want[512];
    snprintf(want, sizeof want,
             "<w:p><w:pPr><w:pStyle w:val=\"VbDuongKe\"/>"
             "<w:pBdr><w:bottom w:val=\"single\" w:sz=\"%ld\" w:space=\"0\" w:color=\"000000\"/>"
             "</w:pBdr><w:ind w:left=\"1150\" w:right=\"1150\" w:firstLine=\"0\"/></w:pPr></w:p>",
             sz);
    assert_xml(CLOSE_DOC(x), want);
    assert_int_equal(vb_rule_indent(3829, 1529), 1150);
}

static void test_rule_with_space_after(void **state)
{
    (void)state;
    vb_xml *x = open_doc();
    vb_wml_rule(x, vb_layout_for(VB_FORMAT_STATE), 5670, 2670, 240);
    assert_xml(CLOSE_DOC(x),
               "<w:p><w:pPr><w:pStyle w:val=\"VbDuongKe\"/>"
               "<w:pBdr><w:bottom w:val=\"single\" w:sz=\"6\" w:space=\"0\" w:color=\"000000\"/>"
               "</w:pBdr><w:spacing w:after=\"240\"/>"
               "<w:ind w:left=\"1500\" w:right=\"1500\" w:firstLine=\"0\"/></w:pPr></w:p>");
}

static void test_rule_odd_remainder(void **state)
{
    (void)state;
    /* 3829 - 1500 = 2329: the two indents differ by at most one twip and add up. */
    vb_xml *x = open_doc();
    vb_wml_rule(x, vb_layout_for(VB_FORMAT_STATE), 3829, 1500, -1);
    char *got = CLOSE_DOC(x);
    const char *ind = strstr(got, "<w:ind ");
    assert_non_null(ind);
    int left = -1, right = -1, first = -1;
    if (sscanf(ind, "<w:ind w:left=\"%d\" w:right=\"%d\" w:firstLine=\"%d\"", &left, &right,
               &first) != 3)
        fail_msg("cannot read the indents of %s", got);
    free(got);
    assert_int_equal(left + right, 3829 - 1500);
    assert_in_range(left - right + 1, 0, 2);
    assert_int_equal(first, 0);
}

static void test_rule_longer_than_cell(void **state)
{
    (void)state;
    vb_xml *x = open_doc();
    vb_wml_rule(x, vb_layout_for(VB_FORMAT_STATE), 1000, 1200, -1);
    char *got = CLOSE_DOC(x);
    if (!strstr(got, "<w:ind w:left=\"0\" w:right=\"0\" w:firstLine=\"0\"/>"))
        fail_msg("a rule wider than its cell must get zero (not negative) indents: %s", got);
    free(got);
}

/* ---- tables --------------------------------------------------------------------------- */

static void test_table_start(void **state)
{
    (void)state;
    static const int widths[] = {3829, 5670};
    vb_xml *x = open_doc();
    vb_wml_start_table(x, widths, 2, 0, 0);
    vb_xml_start(x, "w:tr");
    vb_wml_start_cell(x, widths[0], 1, 0);
    vb_wml_paragraph(x, VB_EL_ISSUER, "ỦY BAN NHÂN DÂN");
    vb_wml_end_cell(x);
    vb_xml_end(x); /* w:tr */
    vb_xml_end(x); /* w:tbl */
    assert_xml(CLOSE_DOC(x),
               "<w:tbl><w:tblPr>"
               "<w:tblW w:w=\"9499\" w:type=\"dxa\"/>"
               "<w:jc w:val=\"center\"/>"
               "<w:tblLayout w:type=\"fixed\"/>"
               "<w:tblCellMar><w:left w:w=\"0\" w:type=\"dxa\"/>"
               "<w:right w:w=\"0\" w:type=\"dxa\"/></w:tblCellMar>"
               "<w:tblLook w:val=\"0000\"/>"
               "</w:tblPr>"
               "<w:tblGrid><w:gridCol w:w=\"3829\"/><w:gridCol w:w=\"5670\"/></w:tblGrid>"
               "<w:tr><w:tc><w:tcPr><w:tcW w:w=\"3829\" w:type=\"dxa\"/></w:tcPr>"
               "<w:p><w:pPr><w:pStyle w:val=\"VbCoQuanBanHanh\"/></w:pPr>"
               "<w:r><w:t>ỦY BAN NHÂN DÂN</w:t></w:r></w:p>"
               "</w:tc></w:tr></w:tbl>");
}

/* ---- styles.xml ----------------------------------------------------------------------- */

typedef struct {
    vb_part part;
    char *xml; /* the part inflated */
    size_t xml_size;
    xmlDocPtr doc;
    xmlXPathContextPtr ctx;
} styles_fixture;

/* The XML of a part made deflated, as the package would hold it once inflated. */
static char *inflate_part(vb_part *part, size_t *size)
{
    assert_non_null(part->deflated);
    assert_int_equal(vb_deflate_stream_wait(part->deflated), 0);
    size_t want = (size_t)vb_deflate_stream_size(part->deflated);
    vb_spool *spool = vb_deflate_stream_take(part->deflated);
    size_t comp_size = 0;
    FILE *file = NULL;
    const char *comp = vb_spool_take(spool, &comp_size, &file);
    assert_non_null(comp); /* a styles part stays in memory */
    char *xml = vb_xmalloc(want + 1);
    z_stream z;
    memset(&z, 0, sizeof z);
    assert_int_equal(inflateInit2(&z, -MAX_WBITS), Z_OK);
    z.next_in = (Bytef *)comp;
    z.avail_in = (uInt)comp_size;
    z.next_out = (Bytef *)xml;
    z.avail_out = (uInt)want;
    assert_int_equal(inflate(&z, Z_FINISH), Z_STREAM_END);
    assert_int_equal(z.total_out, want);
    inflateEnd(&z);
    vb_spool_free(spool);
    xml[want] = '\0';
    *size = want;
    return xml;
}

static void load_styles(styles_fixture *f, vb_format format)
{
    memset(f, 0, sizeof *f);
    assert_int_equal(vb_docx_styles_xml(vb_layout_for(format), NULL, &f->part), 0);
    assert_string_equal(f->part.name, "word/styles.xml");
    f->xml = inflate_part(&f->part, &f->xml_size);
    f->doc = xmlReadMemory(f->xml, (int)f->xml_size, "styles.xml", NULL,
                           XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
    if (!f->doc)
        fail_msg("styles.xml is not well-formed XML");
    f->ctx = xmlXPathNewContext(f->doc);
    assert_non_null(f->ctx);
    assert_int_equal(xmlXPathRegisterNs(f->ctx, BAD_CAST "w", BAD_CAST VB_WML_NS), 0);
}

static void free_styles(styles_fixture *f)
{
    if (f->ctx)
        xmlXPathFreeContext(f->ctx);
    if (f->doc)
        xmlFreeDoc(f->doc);
    free(f->xml);
    vb_part_free(&f->part);
    memset(f, 0, sizeof *f);
}

/* The fixture of the styles tests lives here so the teardown frees it even when an
 * assertion fails (longjmps) half-way. */
static styles_fixture styles;

static int free_styles_teardown(void **state)
{
    (void)state;
    free_styles(&styles);
    return 0;
}

/* The string value of an XPath expression (caller frees). */
static char *xpath_string(styles_fixture *f, const char *expr)
{
    xmlXPathObjectPtr obj = xmlXPathEvalExpression(BAD_CAST expr, f->ctx);
    if (!obj)
        fail_msg("invalid XPath: %s", expr);
    xmlChar *s = xmlXPathCastToString(obj);
    xmlXPathFreeObject(obj);
    char *out = strdup((const char *)s);
    xmlFree(s);
    return out;
}

static double xpath_number(styles_fixture *f, const char *expr)
{
    xmlXPathObjectPtr obj = xmlXPathEvalExpression(BAD_CAST expr, f->ctx);
    if (!obj)
        fail_msg("invalid XPath: %s", expr);
    double d = xmlXPathCastToNumber(obj);
    xmlXPathFreeObject(obj);
    return d;
}

static void check_xpath(const char *file, int line, styles_fixture *f, const char *expr,
                        const char *want)
{
    char *got = xpath_string(f, expr);
    if (strcmp(got, want) != 0) {
        print_error("%s:%d: %s\n  expected \"%s\", got \"%s\"\n", file, line, expr, want, got);
        free(got);
        _fail(file, line);
    }
    free(got);
}
#define assert_xpath(f, expr, want) check_xpath(__FILE__, __LINE__, (f), (expr), (want))

#define STYLE(id) "/w:styles/w:style[@w:styleId='" id "']"

static void test_styles_state_values(void **state)
{
    (void)state;
    styles_fixture *f = &styles;
    load_styles(f, VB_FORMAT_STATE);
    assert_xpath(f, "namespace-uri(/*)", VB_WML_NS);
    assert_xpath(f, "local-name(/*)", "styles");
    /* Quốc hiệu: 12 pt (24 half-points), bold. */
    assert_xpath(f, STYLE("VbQuocHieu") "/w:rPr/w:sz/@w:val", "24");
    assert_xpath(f, STYLE("VbQuocHieu") "/w:rPr/w:b/@w:val", "1");
    assert_xpath(f, STYLE("VbQuocHieu") "/@w:type", "paragraph");
    /* Body: justified, first line 1 cm. */
    assert_xpath(f, STYLE("VbNoiDung") "/w:pPr/w:jc/@w:val", "both");
    assert_xpath(f, STYLE("VbNoiDung") "/w:pPr/w:ind/@w:firstLine", "567");
    assert_xpath(f, STYLE("VbNoiDung") "/w:rPr/w:b/@w:val", "0");
    /* Nơi nhận: 12 pt bold italic; items 11 pt. */
    assert_xpath(f, STYLE("VbNoiNhan") "/w:rPr/w:sz/@w:val", "24");
    assert_xpath(f, STYLE("VbNoiNhan") "/w:rPr/w:i/@w:val", "1");
    assert_xpath(f, STYLE("VbNoiNhanMuc") "/w:rPr/w:sz/@w:val", "22");
    /* Date line italic. */
    assert_xpath(f, STYLE("VbDiaDanhNgay") "/w:rPr/w:i/@w:val", "1");
    free_styles(f);
}

static void test_styles_every_font_times_new_roman(void **state)
{
    (void)state;
    for (int fmt = 0; fmt < 2; fmt++) {
        styles_fixture *f = &styles;
        load_styles(f, fmt ? VB_FORMAT_PARTY : VB_FORMAT_STATE);
        /* Every paragraph style (ours and Normal) names the font... */
        double paragraph_styles = xpath_number(f, "count(/w:styles/w:style[@w:type='paragraph'])");
        assert_true(paragraph_styles >= VB_EL_COUNT + 1);
        double without =
            xpath_number(f, "count(/w:styles/w:style[@w:type='paragraph']"
                             "[not(w:rPr/w:rFonts/@w:ascii='Times New Roman')])");
        if (without != 0) {
            char *ids = xpath_string(f, "/w:styles/w:style[@w:type='paragraph']"
                                         "[not(w:rPr/w:rFonts/@w:ascii='Times New Roman')]/@w:styleId");
            fail_msg("%.0f paragraph style(s) without Times New Roman (first: %s)", without, ids);
        }
        /* ...and no rFonts anywhere (docDefaults included) names another one. */
        assert_true(xpath_number(f, "count(//w:rFonts)") >= VB_EL_COUNT + 2);
        assert_true(xpath_number(f, "count(//w:rFonts[@w:ascii!='Times New Roman' or "
                                     "@w:hAnsi!='Times New Roman' or not(@w:ascii)])") == 0);
        assert_xpath(f, "/w:styles/w:docDefaults/w:rPrDefault/w:rPr/w:rFonts/@w:ascii",
                     "Times New Roman");
        free_styles(f);
    }
}

static void test_styles_match_layout_table(void **state)
{
    (void)state;
    for (int fmt = 0; fmt < 2; fmt++) {
        vb_format format = fmt ? VB_FORMAT_PARTY : VB_FORMAT_STATE;
        const vb_layout *layout = vb_layout_for(format);
        styles_fixture *f = &styles;
        load_styles(f, format);
        for (int el = 0; el < VB_EL_COUNT; el++) {
            const char *id = vb_element_style_id((vb_element)el);
            const vb_text_style *s = &layout->styles[el];
            char expr[256], want[32];
            snprintf(expr, sizeof expr, "count(/w:styles/w:style[@w:styleId='%s'])", id);
            if (xpath_number(f, expr) != 1)
                fail_msg("%s: style %s defined %.0f times", layout->id, id, xpath_number(f, expr));
            snprintf(expr, sizeof expr, STYLE("%s") "/w:rPr/w:sz/@w:val", id);
            snprintf(want, sizeof want, "%ld", (long)(s->size_pt * 2 + 0.5));
            assert_xpath(f, expr, want);
            snprintf(expr, sizeof expr, STYLE("%s") "/w:rPr/w:b/@w:val", id);
            assert_xpath(f, expr, s->bold ? "1" : "0");
            snprintf(expr, sizeof expr, STYLE("%s") "/w:rPr/w:i/@w:val", id);
            assert_xpath(f, expr, s->italic ? "1" : "0");
            snprintf(expr, sizeof expr, "count(" STYLE("%s") "/w:rPr/w:u[@w:val='single'])", id);
            if (xpath_number(f, expr) != (s->underline ? 1 : 0))
                fail_msg("%s: style %s underline does not match the layout", layout->id, id);
            snprintf(expr, sizeof expr, STYLE("%s") "/w:name/@w:val", id);
            assert_xpath(f, expr, layout->style_names[el]);
        }
        free_styles(f);
    }
}

static void test_styles_party_values(void **state)
{
    (void)state;
    styles_fixture *f = &styles;
    load_styles(f, VB_FORMAT_PARTY);
    /* ĐẢNG CỘNG SẢN VIỆT NAM 15 pt bold; "Nơi nhận:" 14 pt underlined. */
    assert_xpath(f, STYLE("VbQuocHieu") "/w:rPr/w:sz/@w:val", "30");
    assert_xpath(f, STYLE("VbQuocHieu") "/w:rPr/w:b/@w:val", "1");
    assert_xpath(f, STYLE("VbNoiNhan") "/w:rPr/w:sz/@w:val", "28");
    assert_xpath(f, STYLE("VbNoiNhan") "/w:rPr/w:u/@w:val", "single");
    assert_xpath(f, STYLE("VbNoiNhan") "/w:rPr/w:b/@w:val", "0");
    assert_xpath(f, STYLE("VbNoiNhanMuc") "/w:rPr/w:sz/@w:val", "24");
    free_styles(f);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_whole_document_bytes),
        cmocka_unit_test(test_plain_styled_paragraph),
        cmocka_unit_test(test_empty_paragraph_has_no_run),
        cmocka_unit_test(test_paragraph_properties_in_schema_order),
        cmocka_unit_test(test_plain_props_same_as_null),
        cmocka_unit_test(test_run_bold_italic),
        cmocka_unit_test(test_run_escapes_special_characters),
        cmocka_unit_test(test_run_line_break),
        cmocka_unit_test(test_style_ids),
        cmocka_unit_test(test_rule_centred),
        cmocka_unit_test(test_rule_with_space_after),
        cmocka_unit_test(test_rule_odd_remainder),
        cmocka_unit_test(test_rule_longer_than_cell),
        cmocka_unit_test(test_table_start),
        cmocka_unit_test_teardown(test_styles_state_values, free_styles_teardown),
        cmocka_unit_test(test_run_preserves_space_only_where_needed),
        cmocka_unit_test(test_data_cell_leaves_width_to_grid),
        cmocka_unit_test_teardown(test_styles_every_font_times_new_roman, free_styles_teardown),
        cmocka_unit_test_teardown(test_styles_match_layout_table, free_styles_teardown),
        cmocka_unit_test_teardown(test_styles_party_values, free_styles_teardown),
    };
    int rc = cmocka_run_group_tests_name("wml", tests, NULL, NULL);
    xmlCleanupParser();
    return rc;
}
