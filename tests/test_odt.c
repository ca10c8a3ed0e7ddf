/* Integration: every sample in inputs/ is read (vb_yaml_read), rendered as ODT
 * (vb_odt_write) and opened again with libzip + libxml2 (tests/docx_reader.c, whose XPath
 * has the ODF prefixes registered), and the test asserts what a reader of the file sees:
 *
 *   package     the six entries; mimetype first, stored, holding exactly the media type;
 *               the manifest lists what is there and nothing that is not
 *   bytes       two renders are identical; SOURCE_DATE_EPOCH sets meta:creation-date and
 *               changes nothing but meta.xml
 *   page        A4, the margins of the layout table (the top one as Word does it: the page
 *               margin is the header distance and the header's min-height fills the rest)
 *   master pages  page 1 (First_20_Page) without a page number, the others with one; the
 *               first table opens page 1
 *   styles      every element style's size, weight, slant and underline = the layout table
 *   text        the text of every paragraph, in order, = the `-f txt` lines (vb_txt_write)
 *   rules       drawn as a bottom border of an automatic paragraph style whose margins
 *               centre it; as long, and placed, as the DOCX rendered from the same document
 *
 * Expected values come from the layout table (vb_layout_for) and the other writers, not
 * from the ODT writer's own code. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <glob.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <libxml/parser.h>
#include <zip.h>

#include "model/diag.h"
#include "write/docx/docx.h"
#include "layout/format.h"
#include "compose/compose.h"
#include "layout/layout.h"
#include "model/model.h"
#include "write/odt/odt.h"
#include "package/templates.h"
#include "write/txt/txt_writer.h"
#include "read/yaml_reader.h"

#include "docx_reader.h"
#include "test_xpath.h"
#include "test_files.h"

#ifndef VB_SOURCE_ROOT
#define VB_SOURCE_ROOT "."
#endif

#define ODT_MIMETYPE "application/vnd.oasis.opendocument.text"
#define FIRST_PAGE "First_20_Page"
#define A4_WIDTH_PT "595.30pt"  /* 210 mm = 11906 twips */
#define A4_HEIGHT_PT "841.90pt" /* 297 mm = 16838 twips */
#define A4_WIDTH 11906
#define A4_HEIGHT 16838
#define TEST_EPOCH 1700000000LL
#define TEST_EPOCH_TEXT "2023-11-14T22:13:20Z"
#define RULE_STYLE "VbDuongKe"

/* The entries of the package, mimetype first (ODF 1.3 Part 2 §3.3). */
static const char *const required_entries[] = {
    "mimetype", "META-INF/manifest.xml", "settings.xml", "content.xml", "styles.xml", "meta.xml",
};

/* meta:creation-date without SOURCE_DATE_EPOCH: the document's own date (as the DOCX's
 * dcterms:created, tests/test_render.c). A sample without a row gets a format check. */
static const struct {
    const char *file, *created;
} known_dates[] = {
    {"bc-tu-van-phan-bien-cds-bac-giang-2024.yaml", "2024-12-01T00:00:00Z"},
    {"tb-ket-luan-bcd-cds-tuyen-quang-2022.yaml", "2022-11-25T00:00:00Z"},
    {"nq-111-tu-chuyen-doi-so-bac-giang-2021.yaml", "2021-06-11T00:00:00Z"},
};

/* The style name each layout element must have: the same names as the DOCX styles, the
 * contract with anyone editing the produced file. */
static const char *const element_style[VB_EL_COUNT] = {
    [VB_EL_NATIONAL_TITLE] = "VbQuocHieu",
    [VB_EL_MOTTO] = "VbTieuNgu",
    [VB_EL_PARENT_BODY] = "VbCoQuanChuQuan",
    [VB_EL_ISSUER] = "VbCoQuanBanHanh",
    [VB_EL_ISSUER_MARK] = "VbDauSao",
    [VB_EL_NUMBER] = "VbSoKyHieu",
    [VB_EL_CONG_VAN_SUBJECT] = "VbTrichYeuCongVan",
    [VB_EL_DATE_LINE] = "VbDiaDanhNgay",
    [VB_EL_TYPE_NAME] = "VbTenLoai",
    [VB_EL_SUBJECT] = "VbTrichYeu",
    [VB_EL_SUBJECT_MARK] = "VbGachTrichYeu",
    [VB_EL_ADDRESSEE] = "VbKinhGui",
    [VB_EL_AUTHORITY_LINE] = "VbThamQuyen",
    [VB_EL_LEGAL_BASIS] = "VbCanCu",
    [VB_EL_PREAMBLE_CLOSE] = "VbQuyetDinh",
    [VB_EL_BODY] = "VbNoiDung",
    [VB_EL_BULLET] = "VbGachDauDong",
    [VB_EL_PART] = "VbPhan",
    [VB_EL_PART_TITLE] = "VbTenPhan",
    [VB_EL_SECTION] = "VbMuc",
    [VB_EL_CLAUSE] = "VbKhoan",
    [VB_EL_POINT] = "VbDiem",
    [VB_EL_ARTICLE] = "VbDieu",
    [VB_EL_RECIPIENTS_HEADING] = "VbNoiNhan",
    [VB_EL_RECIPIENT] = "VbNoiNhanMuc",
    [VB_EL_SIGNER_AUTHORITY] = "VbQuyenHan",
    [VB_EL_SIGNER_TITLE] = "VbChucVu",
    [VB_EL_SIGNER_NAME] = "VbHoTen",
    [VB_EL_PAGE_NUMBER] = "VbSoTrang",
    [VB_EL_RULE] = RULE_STYLE,
    [VB_EL_SECRECY] = "VbDoMat",
    [VB_EL_URGENCY] = "VbDoKhan",
    [VB_EL_APPENDIX_LABEL] = "VbPhuLuc",
    [VB_EL_APPENDIX_TITLE] = "VbTenPhuLuc",
    [VB_EL_APPENDIX_NOTE] = "VbKemTheo",
    [VB_EL_TABLE_HEAD] = "VbBangTieuDe",
    [VB_EL_TABLE_CELL] = "VbBangNoiDung",
    [VB_EL_TABLE_GROUP] = "VbBangNhom",
    [VB_EL_FOOTNOTE] = "VbChuThich",
    [VB_EL_CIRCULATION] = "VbLuuHanh",
    [VB_EL_DRAFT_MARK] = "VbDuThao",
    [VB_EL_CONTACT] = "VbLienHe",
};

/* ==== one sample, rendered once per group ================================================ */

typedef struct {
    char *yaml_path;
    const char *name; /* points into yaml_path */
    vb_document *doc;
    const vb_layout *layout;
    char *dir;
    char *odt_path;
    dr_docx *pkg;
    xmlDocPtr content, styles, meta;
} sample;

static sample *current;
static int problems;

/* A failed expectation is printed and counted; a test fails at its end when any was
 * counted, so one run lists every difference instead of the first. */
#define CHECK(cond, ...)                                                                          \
    do {                                                                                          \
        if (!(cond)) {                                                                            \
            print_error("  [%s] ", current->name);                                                \
            print_error(__VA_ARGS__);                                                             \
            print_error("\n");                                                                    \
            problems++;                                                                           \
        }                                                                                         \
    } while (0)

#define BEGIN()                                                                                   \
    (void)state;                                                                                  \
    problems = 0;                                                                                 \
    assert_non_null(current);                                                                     \
    assert_non_null(current->pkg)

#define END() assert_int_equal(problems, 0)

/* ==== small helpers ======================================================================= */

static char *path_join(const char *dir, const char *name)
{
    size_t n = strlen(dir) + 1 + strlen(name) + 1;
    char *p = malloc(n);
    assert_non_null(p);
    snprintf(p, n, "%s/%s", dir, name);
    return p;
}

static xmlNodePtr xfirst(xmlDocPtr d, xmlNodePtr ctx, const char *fmt, ...)
{
    char expr[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(expr, sizeof expr, fmt, ap);
    va_end(ap);
    dr_nodes n = dr_xpath_nodes(d, ctx, expr);
    assert_true(n.ok);
    xmlNodePtr first = n.count ? n.items[0] : NULL;
    dr_nodes_free(&n);
    return first;
}

/* An ODF length ("14.15pt", "2cm", "20mm", "1in", "1pc") in twips; NAN when `s` is not one. */
static double length_twips(const char *s)
{
    if (!s || !*s)
        return NAN;
    char *end = NULL;
    double v = strtod(s, &end);
    if (end == s)
        return NAN;
    if (strcmp(end, "pt") == 0)
        return v * 20.0;
    if (strcmp(end, "in") == 0)
        return v * 1440.0;
    if (strcmp(end, "cm") == 0)
        return v * 1440.0 / 2.54;
    if (strcmp(end, "mm") == 0)
        return v * 144.0 / 2.54;
    if (strcmp(end, "pc") == 0)
        return v * 240.0;
    return NAN;
}

/* The length an XPath expression selects, in twips (NAN when absent). */
static double xlength(xmlDocPtr d, xmlNodePtr ctx, const char *fmt, ...)
{
    char expr[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(expr, sizeof expr, fmt, ap);
    va_end(ap);
    char *s = dr_xpath_string(d, ctx, expr);
    assert_non_null(s);
    double t = length_twips(s);
    free(s);
    return t;
}

/* ---- styles as a reader resolves them --------------------------------------------------- */

/* The paragraph style called `name` that a paragraph of content.xml means: an automatic style
 * of content.xml, else a common style of styles.xml. Sets *doc to the document holding it. */
static xmlNodePtr paragraph_style(const char *name, xmlDocPtr *doc, int common_only)
{
    if (!common_only) {
        xmlNodePtr st = xfirst(current->content, NULL,
                               "/office:document-content/office:automatic-styles/style:style[@style:family='paragraph'][@style:name='%s']",
                               name);
        if (st) {
            *doc = current->content;
            return st;
        }
    }
    *doc = current->styles;
    return xfirst(current->styles, NULL,
                  "/office:document-styles/office:styles/style:style[@style:family='paragraph'][@style:name='%s']", name);
}

/* The first value `rel` (e.g. "style:text-properties/@fo:font-size") has along the style's
 * parent chain, then in the paragraph default style; a copy ("" when none defines it). */
static char *style_value(const char *name, const char *rel, int common_only)
{
    char cur[128];
    snprintf(cur, sizeof cur, "%s", name);
    int first = 1;
    for (int hop = 0; hop < 16 && cur[0]; hop++) {
        xmlDocPtr d = NULL;
        xmlNodePtr st = paragraph_style(cur, &d, common_only || !first);
        first = 0;
        if (!st)
            break;
        if (xcount(d, st, "%s", rel) > 0)
            return xstr(d, st, "string(%s)", rel);
        char *parent = xstr(d, st, "string(@style:parent-style-name)");
        snprintf(cur, sizeof cur, "%s", parent);
        free(parent);
    }
    return xstr(current->styles, NULL,
                "string(/office:document-styles/office:styles/style:default-style[@style:family='paragraph']/%s)", rel);
}

/* 1 when the paragraph style `name` (of content.xml) is, or is based on, `ancestor`; -1 when
 * `name` or a style of its chain is not defined. */
static int style_based_on(const char *name, const char *ancestor)
{
    char cur[128];
    snprintf(cur, sizeof cur, "%s", name);
    int first = 1;
    for (int hop = 0; hop < 16 && cur[0]; hop++) {
        if (strcmp(cur, ancestor) == 0)
            return 1;
        xmlDocPtr d = NULL;
        xmlNodePtr st = paragraph_style(cur, &d, !first);
        first = 0;
        if (!st)
            return -1;
        char *parent = xstr(d, st, "string(@style:parent-style-name)");
        snprintf(cur, sizeof cur, "%s", parent);
        free(parent);
    }
    return 0;
}

static char *paragraph_style_name(xmlNodePtr p)
{
    xmlChar *v = xmlGetNsProp(p, BAD_CAST "style-name", BAD_CAST DR_NS_TEXT);
    char *out = vb_strdup(v ? (const char *)v : "");
    xmlFree(v);
    return out;
}

static int is_rule_paragraph(xmlNodePtr p)
{
    char *name = paragraph_style_name(p);
    int rule = style_based_on(name, RULE_STYLE) == 1;
    free(name);
    return rule;
}

/* ==== rendering ============================================================================ */

static int render_odt(const sample *s, long long epoch, const char *path)
{
    char err[1024] = "";
    vb_template_store *templates = vb_template_store_load("odt", NULL, err, sizeof err);
    if (!templates) {
        print_error("template store: %s\n", err);
        return -1;
    }
    int rc = vb_odt_write(s->doc, vb_layout_for(s->doc->format), templates, epoch, path, err, sizeof err);
    if (rc < 0)
        print_error("vb_odt_write: %s\n", err);
    vb_template_store_free(templates);
    return rc;
}

static int render_docx(const sample *s, const char *path)
{
    char err[1024] = "";
    vb_template_store *templates = vb_template_store_load("docx", NULL, err, sizeof err);
    if (!templates) {
        print_error("template store: %s\n", err);
        return -1;
    }
    int rc = vb_docx_write(s->doc, vb_layout_for(s->doc->format), templates, -1, path, err, sizeof err);
    if (rc < 0)
        print_error("vb_docx_write: %s\n", err);
    vb_template_store_free(templates);
    return rc;
}

static int group_setup(void **state)
{
    (void)state;
    sample *s = current;
    size_t len = 0;
    char *data = test_read_file(s->yaml_path, &len);
    if (!data) {
        print_error("%s: cannot read\n", s->yaml_path);
        return -1;
    }
    vb_diagnostics diags;
    vb_diagnostics_init(&diags, VB_LANG_EN);
    s->doc = vb_yaml_read(s->yaml_path, data, len, &diags);
    free(data);
    if (diags.count)
        vb_diagnostics_print(&diags, stderr);
    vb_diagnostics_free(&diags);
    if (!s->doc) {
        print_error("%s: the sample does not load (errors above)\n", s->name);
        return -1;
    }
    s->layout = vb_layout_for(s->doc->format);

    const char *base = getenv("TMPDIR");
    char *templ = path_join(base && *base ? base : "/tmp", "vb-test-odt-XXXXXX");
    if (!mkdtemp(templ)) {
        free(templ);
        return -1;
    }
    s->dir = templ;
    s->odt_path = path_join(s->dir, "out.odt");
    if (render_odt(s, -1, s->odt_path) < 0)
        return -1;
    char err[512];
    s->pkg = dr_open(s->odt_path, err, sizeof err);
    if (!s->pkg) {
        print_error("%s\n", err);
        return -1;
    }
    s->content = dr_read_xml(s->pkg, "content.xml");
    s->styles = dr_read_xml(s->pkg, "styles.xml");
    s->meta = dr_read_xml(s->pkg, "meta.xml");
    if (!s->content || !s->styles || !s->meta) {
        print_error("%s: content.xml, styles.xml or meta.xml is missing or not well-formed\n", s->name);
        return -1;
    }
    return 0;
}

static void remove_dir(const char *dir)
{
    static const char *const files[] = {"out.odt", "again.odt", "epoch.odt", "out.docx", "out.txt"};
    for (size_t i = 0; i < sizeof files / sizeof *files; i++) {
        char *p = path_join(dir, files[i]);
        unlink(p);
        free(p);
    }
    rmdir(dir);
}

static int group_teardown(void **state)
{
    (void)state;
    sample *s = current;
    if (s->content)
        xmlFreeDoc(s->content);
    if (s->styles)
        xmlFreeDoc(s->styles);
    if (s->meta)
        xmlFreeDoc(s->meta);
    s->content = s->styles = s->meta = NULL;
    dr_close(s->pkg);
    s->pkg = NULL;
    if (s->dir)
        remove_dir(s->dir);
    free(s->dir);
    free(s->odt_path);
    s->dir = s->odt_path = NULL;
    vb_document_free(s->doc);
    s->doc = NULL;
    return 0;
}

/* ==== package ============================================================================== */

static void test_package(void **state)
{
    BEGIN();
    size_t count = 0;
    char **names = dr_entry_names(current->pkg, &count);
    CHECK(count > 0 && strcmp(names[0], "mimetype") == 0, "the first entry is '%s', not mimetype",
          count ? names[0] : "(none)");
    for (size_t i = 0; i < sizeof required_entries / sizeof *required_entries; i++)
        CHECK(dr_has_entry(current->pkg, required_entries[i]), "no %s in the package", required_entries[i]);
    for (size_t i = 0; i < count; i++)
        for (size_t j = i + 1; j < count; j++)
            CHECK(strcmp(names[i], names[j]) != 0, "entry %s twice", names[i]);

    /* mimetype: stored, so that its bytes sit at a fixed offset, and exactly the type. */
    int method = dr_entry_compression(current->pkg, "mimetype");
    CHECK(method == ZIP_CM_STORE, "mimetype has compression method %d, not stored (%d)", method, ZIP_CM_STORE);
    size_t size = 0;
    unsigned char *mime = dr_read_entry(current->pkg, "mimetype", &size);
    CHECK(mime && size == strlen(ODT_MIMETYPE) && memcmp(mime, ODT_MIMETYPE, size) == 0,
          "mimetype holds '%.*s' (%zu bytes), not exactly '%s'", mime ? (int)size : 0, mime ? (char *)mime : "",
          size, ODT_MIMETYPE);
    free(mime);

    /* The manifest: the package itself with the same media type, every entry it names in
     * the package, and every part of the package named (but mimetype and itself). */
    xmlDocPtr manifest = dr_read_xml(current->pkg, "META-INF/manifest.xml");
    CHECK(manifest != NULL, "META-INF/manifest.xml is missing or not well-formed");
    if (manifest) {
        char *root_type = xstr(manifest, NULL,
                               "string(/manifest:manifest/manifest:file-entry[@manifest:full-path='/']/@manifest:media-type)");
        CHECK(strcmp(root_type, ODT_MIMETYPE) == 0, "the manifest's '/' entry has media type '%s'", root_type);
        free(root_type);
        char *version = xstr(manifest, NULL, "string(/manifest:manifest/@manifest:version)");
        CHECK(strcmp(version, "1.3") == 0, "manifest:version is '%s', not 1.3", version);
        free(version);
        dr_nodes paths = xnodes(manifest, NULL, "/manifest:manifest/manifest:file-entry/@manifest:full-path");
        for (size_t i = 0; i < paths.count; i++) {
            xmlChar *p = xmlNodeGetContent(paths.items[i]);
            const char *path = p ? (const char *)p : "";
            size_t n = strlen(path);
            if (strcmp(path, "/") != 0 && !(n && path[n - 1] == '/'))
                CHECK(dr_has_entry(current->pkg, path), "the manifest lists %s, which is not in the package", path);
            xmlFree(p);
        }
        dr_nodes_free(&paths);
        for (size_t i = 0; i < count; i++) {
            if (strcmp(names[i], "mimetype") == 0 || strcmp(names[i], "META-INF/manifest.xml") == 0)
                continue;
            CHECK(xcount(manifest, NULL, "/manifest:manifest/manifest:file-entry[@manifest:full-path='%s']", names[i]) == 1,
                  "%s is in the package but not (once) in the manifest", names[i]);
        }
        xmlFreeDoc(manifest);
    }

    /* Every XML part parses and declares ODF 1.3. */
    static const char *const roots[][2] = {
        {"content.xml", "/office:document-content/@office:version"},
        {"styles.xml", "/office:document-styles/@office:version"},
        {"meta.xml", "/office:document-meta/@office:version"},
        {"settings.xml", "/office:document-settings/@office:version"},
    };
    for (size_t i = 0; i < sizeof roots / sizeof *roots; i++) {
        xmlDocPtr d = dr_read_xml(current->pkg, roots[i][0]);
        CHECK(d != NULL, "%s is missing or not well-formed", roots[i][0]);
        if (!d)
            continue;
        char *v = xstr(d, NULL, "string(%s)", roots[i][1]);
        CHECK(strcmp(v, "1.3") == 0, "%s: office:version '%s', not 1.3", roots[i][0], v);
        free(v);
        xmlFreeDoc(d);
    }
    dr_names_free(names);
    END();
}

/* ==== bytes ================================================================================ */

static void test_reproducible(void **state)
{
    BEGIN();
    char *again = path_join(current->dir, "again.odt");
    assert_int_equal(render_odt(current, -1, again), 0);
    CHECK(test_same_bytes(current->odt_path, again), "two renders of the same input differ");
    free(again);
    END();
}

static void test_meta_dates(void **state)
{
    BEGIN();
    /* Without SOURCE_DATE_EPOCH the document's own date stands in for "now". */
    char *created = xstr(current->meta, NULL, "string(/office:document-meta/office:meta/meta:creation-date)");
    const char *want = NULL;
    for (size_t i = 0; i < sizeof known_dates / sizeof *known_dates; i++)
        if (strcmp(known_dates[i].file, current->name) == 0)
            want = known_dates[i].created;
    if (want)
        CHECK(strcmp(created, want) == 0, "meta:creation-date is '%s', expected '%s'", created, want);
    else
        CHECK(strlen(created) == 20 && created[4] == '-' && created[10] == 'T' && created[19] == 'Z',
              "meta:creation-date '%s' is not a UTC date-time", created);
    free(created);

    /* With SOURCE_DATE_EPOCH: that instant. */
    char *path = path_join(current->dir, "epoch.odt");
    assert_int_equal(render_odt(current, TEST_EPOCH, path), 0);
    char err[512];
    dr_docx *pkg = dr_open(path, err, sizeof err);
    assert_non_null(pkg);
    xmlDocPtr meta = dr_read_xml(pkg, "meta.xml");
    assert_non_null(meta);
    created = xstr(meta, NULL, "string(/office:document-meta/office:meta/meta:creation-date)");
    char *date = xstr(meta, NULL, "string(/office:document-meta/office:meta/dc:date)");
    CHECK(strcmp(created, TEST_EPOCH_TEXT) == 0, "with epoch %lld, meta:creation-date is '%s', expected %s", TEST_EPOCH,
          created, TEST_EPOCH_TEXT);
    CHECK(date[0] == '\0' || strcmp(date, TEST_EPOCH_TEXT) == 0, "with epoch %lld, dc:date is '%s', expected %s",
          TEST_EPOCH, date, TEST_EPOCH_TEXT);
    free(created);
    free(date);
    xmlFreeDoc(meta);
    /* The epoch changes meta.xml only. */
    static const char *const unchanged[] = {"mimetype", "META-INF/manifest.xml", "settings.xml", "content.xml",
                                            "styles.xml"};
    for (size_t i = 0; i < sizeof unchanged / sizeof *unchanged; i++) {
        size_t la = 0, lb = 0;
        unsigned char *a = dr_read_entry(current->pkg, unchanged[i], &la);
        unsigned char *b = dr_read_entry(pkg, unchanged[i], &lb);
        CHECK(a && b && la == lb && memcmp(a, b, la) == 0, "SOURCE_DATE_EPOCH changed %s", unchanged[i]);
        free(a);
        free(b);
    }
    dr_close(pkg);
    free(path);
    END();
}

/* ==== page ================================================================================= */

/* The style:page-layout a master page uses, or NULL. */
static xmlNodePtr page_layout_of(const char *master)
{
    char *name = xstr(current->styles, NULL,
                      "string(/office:document-styles/office:master-styles/style:master-page[@style:name='%s']/@style:page-layout-name)",
                      master);
    xmlNodePtr pl = name[0] ? xfirst(current->styles, NULL,
                                     "/office:document-styles/office:automatic-styles/style:page-layout[@style:name='%s']", name)
                            : NULL;
    free(name);
    return pl;
}

static void check_page_layout(xmlNodePtr pl, const char *master)
{
    const vb_layout *l = current->layout;
    xmlDocPtr s = current->styles;
    char *w = xstr(s, pl, "string(style:page-layout-properties/@fo:page-width)");
    char *h = xstr(s, pl, "string(style:page-layout-properties/@fo:page-height)");
    char *orient = xstr(s, pl, "string(style:page-layout-properties/@style:print-orientation)");
    int landscape = strcmp(orient, "landscape") == 0;
    if (landscape) {
        /* A landscape section's pages: A4 turned (NĐ30 PL I §I.2). */
        char *tmp = w;
        w = h;
        h = tmp;
    }
    CHECK(strcmp(w, A4_WIDTH_PT) == 0 && strcmp(h, A4_HEIGHT_PT) == 0, "%s: page %s × %s, not A4 %s × %s", master, w, h,
          A4_WIDTH_PT, A4_HEIGHT_PT);
    CHECK(fabs(length_twips(w) - A4_WIDTH) <= 1 && fabs(length_twips(h) - A4_HEIGHT) <= 1,
          "%s: page %s × %s is not %d × %d twips", master, w, h, A4_WIDTH, A4_HEIGHT);
    CHECK(landscape == (strstr(master, "Landscape") != NULL), "%s: orientation '%s'", master, orient);
    CHECK(l->page_width_twips == A4_WIDTH && l->page_height_twips == A4_HEIGHT, "the layout table's page is not A4");
    free(w);
    free(h);
    free(orient);

    static const struct {
        const char *attr;
        size_t offset;
    } margins[] = {
        {"fo:margin-left", offsetof(vb_layout, margin_left_twips)},
        {"fo:margin-right", offsetof(vb_layout, margin_right_twips)},
        {"fo:margin-bottom", offsetof(vb_layout, margin_bottom_twips)},
        {"fo:margin-top", offsetof(vb_layout, header_distance_twips)},
    };
    for (size_t i = 0; i < sizeof margins / sizeof *margins; i++) {
        int want = *(const int *)((const char *)l + margins[i].offset);
        double got = xlength(s, pl, "style:page-layout-properties/@%s", margins[i].attr);
        CHECK(!isnan(got) && fabs(got - want) <= 0.5, "%s: %s is %g twips, the layout table says %d", master,
              margins[i].attr, got, want);
    }
    /* The header fills the top margin down to where the body starts: header distance +
     * header height (min-height, with its spacing below) = the top margin. */
    int has_header_style = xcount(s, pl, "style:header-style/style:header-footer-properties") == 1;
    CHECK(has_header_style, "%s: the page layout has no header style", master);
    if (has_header_style) {
        double top = xlength(s, pl, "style:page-layout-properties/@fo:margin-top");
        double min_height = xlength(s, pl, "style:header-style/style:header-footer-properties/@fo:min-height");
        double spacing = xlength(s, pl, "style:header-style/style:header-footer-properties/@fo:margin-bottom");
        double fixed = xlength(s, pl, "style:header-style/style:header-footer-properties/@svg:height");
        double height = !isnan(min_height) ? min_height : fixed;
        CHECK(!isnan(height), "%s: the header has neither fo:min-height nor svg:height", master);
        if (isnan(spacing))
            spacing = 0;
        CHECK(!isnan(top) && !isnan(height) && fabs(top + height - l->margin_top_twips) <= 1,
              "%s: header distance %g + header height %g twips = %g, the layout's top margin is %d (spacing %g "
              "is inside the height)",
              master, top, height, top + height, l->margin_top_twips, spacing);
        CHECK(spacing <= height, "%s: the header's spacing below (%g) exceeds its height (%g)", master, spacing, height);
    }
}

static void test_page(void **state)
{
    BEGIN();
    dr_nodes masters = xnodes(current->styles, NULL, "/office:document-styles/office:master-styles/style:master-page");
    for (size_t i = 0; i < masters.count; i++) {
        char *name = xstr(current->styles, masters.items[i], "string(@style:name)");
        xmlNodePtr pl = page_layout_of(name);
        CHECK(pl != NULL, "master page %s has no page layout", name);
        if (pl)
            check_page_layout(pl, name);
        free(name);
    }
    CHECK(masters.count > 0, "styles.xml has no master page");
    dr_nodes_free(&masters);
    END();
}

static void test_master_pages(void **state)
{
    BEGIN();
    xmlDocPtr s = current->styles;
    const char *masters = "/office:document-styles/office:master-styles/style:master-page";
    int n = xcount(s, NULL, "%s", masters);
    CHECK(n == 4, "%d master pages, expected 4 (page 1 and the others, upright and landscape)", n);
    xmlNodePtr first = xfirst(s, NULL, "%s[@style:name='" FIRST_PAGE "']", masters);
    CHECK(first != NULL, "no master page " FIRST_PAGE);
    if (first) {
        CHECK(xcount(s, first, ".//text:page-number") == 0, FIRST_PAGE " shows a page number: page 1 would be numbered");
        char *next = xstr(s, first, "string(@style:next-style-name)");
        CHECK(next[0] && strcmp(next, FIRST_PAGE) != 0, FIRST_PAGE " is followed by '%s', not by the other master page",
              next);
        xmlNodePtr other = next[0] ? xfirst(s, NULL, "%s[@style:name='%s']", masters, next) : NULL;
        CHECK(other != NULL, "the next master page '%s' is not defined", next);
        if (other) {
            CHECK(xcount(s, other, "style:header//text:page-number") == 1,
                  "master page %s has %d page numbers in its header, expected 1", next,
                  xcount(s, other, "style:header//text:page-number"));
            char *style = xstr(s, other, "string(style:header//text:page-number/ancestor::text:p[1]/@text:style-name)");
            CHECK(strcmp(style, element_style[VB_EL_PAGE_NUMBER]) == 0, "the page number paragraph has style '%s', not %s",
                  style, element_style[VB_EL_PAGE_NUMBER]);
            free(style);
            char *align = style_value(element_style[VB_EL_PAGE_NUMBER], "style:paragraph-properties/@fo:text-align", 1);
            CHECK(strcmp(align, "center") == 0, "the page number is aligned '%s', not centred", align);
            free(align);
        }
        free(next);
    }
    /* Every master page but page 1 numbers its pages. */
    dr_nodes all = xnodes(s, NULL, "%s[@style:name!='" FIRST_PAGE "'][@style:name!='VbLandscapeFirst']", masters);
    for (size_t i = 0; i < all.count; i++) {
        char *name = xstr(s, all.items[i], "string(@style:name)");
        CHECK(xcount(s, all.items[i], "style:header//text:page-number") == 1, "master page %s has no page number", name);
        free(name);
    }
    dr_nodes_free(&all);

    /* The document opens on page 1: its first element is the header table, whose style
     * names the first-page master. */
    xmlDocPtr c = current->content;
    char *first_el = xstr(c, NULL, "name(/office:document-content/office:body/office:text/*[1])");
    CHECK(strcmp(first_el, "table:table") == 0, "the body starts with %s, not the header table", first_el);
    free(first_el);
    char *table_style = xstr(c, NULL, "string((/office:document-content/office:body/office:text//table:table)[1]/@table:style-name)");
    char *master = xstr(c, NULL,
                        "string(/office:document-content/office:automatic-styles/style:style[@style:family='table'][@style:name='%s']/@style:master-page-name)",
                        table_style);
    CHECK(strcmp(master, FIRST_PAGE) == 0, "the first table's style '%s' names master page '%s', not " FIRST_PAGE,
          table_style, master);
    free(table_style);
    free(master);
    /* Only a new section switches the master page: each appendix, and a landscape table of
     * the body (on its way in and out). */
    int switches = xcount(c, NULL, "/office:document-content/office:automatic-styles/style:style[@style:master-page-name!='']");
    int sections = (int)current->doc->appendix_count;
    for (const vb_node *x = current->doc->body->first_child; x; x = vb_node_next_preorder(x, current->doc->body))
        if (x->kind == VB_NODE_TABLE && x->table->landscape)
            sections += 2;
    CHECK(switches <= 1 + sections, "%d automatic styles name a master page, expected at most %d (the first table's, "
          "and one per section)", switches, 1 + sections);
    int uses = xcount(c, NULL, "/office:document-content/office:body/office:text/*[@text:style-name or @table:style-name]"
                               "[@text:style-name = /office:document-content/office:automatic-styles/style:style[@style:master-page-name!='']/@style:name"
                               " or @table:style-name = /office:document-content/office:automatic-styles/style:style[@style:master-page-name!='']/@style:name]");
    CHECK(uses == 1 + sections, "%d elements open a page sequence, expected %d", uses, 1 + sections);
    END();
}

/* ==== styles =============================================================================== */

static double size_pt(const char *s)
{
    double t = length_twips(s);
    return isnan(t) ? NAN : t / 20.0;
}

static void test_style_values(void **state)
{
    BEGIN();
    const vb_layout *l = current->layout;
    for (int el = 0; el < VB_EL_COUNT; el++) {
        /* Styles not every document has are declared only where used. */
        if (!vb_compose_uses(current->doc, (vb_element)el))
            continue;
        const char *id = element_style[el];
        const vb_text_style *want = &l->styles[el];
        xmlDocPtr d = NULL;
        xmlNodePtr st = paragraph_style(id, &d, 1);
        CHECK(st != NULL, "styles.xml has no paragraph style %s", id);
        if (!st)
            continue;
        char *size = style_value(id, "style:text-properties/@fo:font-size", 1);
        char *weight = style_value(id, "style:text-properties/@fo:font-weight", 1);
        char *slant = style_value(id, "style:text-properties/@fo:font-style", 1);
        char *underline = style_value(id, "style:text-properties/@style:text-underline-style", 1);
        char *font = style_value(id, "style:text-properties/@style:font-name", 1);
        double pt = size_pt(size);
        CHECK(!isnan(pt) && fabs(pt - want->size_pt) < 0.01, "%s: fo:font-size '%s', layout says %g pt", id, size,
              want->size_pt);
        int bold = strcmp(weight, "bold") == 0 || atoi(weight) >= 600;
        CHECK(bold == !!want->bold, "%s: fo:font-weight '%s', layout says bold %d", id, weight, want->bold);
        int italic = strcmp(slant, "italic") == 0 || strcmp(slant, "oblique") == 0;
        CHECK(italic == !!want->italic, "%s: fo:font-style '%s', layout says italic %d", id, slant, want->italic);
        int underlined = underline[0] && strcmp(underline, "none") != 0;
        CHECK(underlined == !!want->underline, "%s: underline '%s', layout says %d", id, underline, want->underline);
        CHECK(strcmp(font, l->font) == 0, "%s: font '%s', layout says '%s'", id, font, l->font);
        free(size);
        free(weight);
        free(slant);
        free(underline);
        free(font);
    }
    END();
}

/* ==== text ================================================================================= */

/* The lines of `text`, split at '\n', without empty ones; copies. */
static size_t split_lines(const char *text, char ***out)
{
    size_t n = 0, cap = 64;
    char **lines = malloc(cap * sizeof *lines);
    assert_non_null(lines);
    const char *p = text;
    while (*p) {
        const char *nl = strchr(p, '\n');
        size_t len = nl ? (size_t)(nl - p) : strlen(p);
        if (len) {
            if (n == cap) {
                cap *= 2;
                lines = realloc(lines, cap * sizeof *lines);
                assert_non_null(lines);
            }
            lines[n] = malloc(len + 1);
            assert_non_null(lines[n]);
            memcpy(lines[n], p, len);
            lines[n][len] = '\0';
            n++;
        }
        p += len + (nl ? 1 : 0);
    }
    *out = lines;
    return n;
}

static void free_lines(char **lines, size_t n)
{
    for (size_t i = 0; i < n; i++)
        free(lines[i]);
    free(lines);
}

static void test_text(void **state)
{
    BEGIN();
    /* What vanban's own TXT writer says the document reads. */
    char *txt_path = path_join(current->dir, "out.txt");
    char err[512] = "";
    assert_int_equal(vb_txt_write(current->doc, current->layout, txt_path, err, sizeof err), 0);
    size_t len = 0;
    char *txt = test_read_file(txt_path, &len);
    assert_non_null(txt);
    char **want = NULL;
    size_t nwant = split_lines(txt, &want);
    free(txt);
    free(txt_path);
    /* The frames of page 1 (ô 11, the draft mark, ô 13) are lines of the TXT where the page
     * shows them (first, after page 1's section); content.xml holds them in draw:frame, left
     * out below: their lines are taken out of the TXT's, each once. */
    dr_nodes frames = xnodes(current->content, NULL, "//draw:frame//text:p");
    char **frame_texts = calloc(frames.count ? frames.count : 1, sizeof *frame_texts);
    assert_non_null(frame_texts);
    for (size_t i = 0; i < frames.count; i++)
        frame_texts[i] = dr_odf_text(frames.items[i], " ");
    /* The TXT marks a footnote "[N]" where it stands and gives its text on a line "[N] …";
     * in content.xml the note is out of the running text. */
    size_t kept = 0;
    for (size_t i = 0; i < nwant; i++) {
        char *line = want[i];
        unsigned number;
        int used = 0;
        int frame = 0;
        for (size_t k = 0; k < frames.count && !frame; k++)
            if (frame_texts[k] && strcmp(frame_texts[k], line) == 0) {
                free(frame_texts[k]);
                frame_texts[k] = NULL;
                frame = 1;
            }
        if (frame) {
            free(line);
            continue;
        }
        if (sscanf(line, "[%u]%n", &number, &used) == 1 && used > 0 && line[used] == ' ') {
            free(line);
            continue;
        }
        char *w = line;
        for (char *r = line; *r;) {
            if (*r == '[' && sscanf(r, "[%u]%n", &number, &used) == 1 && used > 0) {
                r += used;
                continue;
            }
            *w++ = *r++;
        }
        *w = '\0';
        want[kept++] = line;
    }
    nwant = kept;
    for (size_t k = 0; k < frames.count; k++)
        CHECK(frame_texts[k] == NULL, "the frame '%.200s' of content.xml is not a line of the TXT", frame_texts[k]);
    for (size_t k = 0; k < frames.count; k++)
        free(frame_texts[k]);
    free(frame_texts);
    dr_nodes_free(&frames);

    /* The paragraphs of content.xml in document order; a line break reads as a space. Rule
     * paragraphs (style VbDuongKe or based on it) and empty ones carry no text: the TXT has
     * no line for them; nor do frames (ô 11, the draft mark, ô 13), placed on the page. */
    dr_nodes ps = xnodes(current->content, NULL, "/office:document-content/office:body/office:text//text:p[not(ancestor::text:note)][not(ancestor::draw:frame)] | "
                                                 "/office:document-content/office:body/office:text//text:h");
    char **got = calloc(ps.count ? ps.count : 1, sizeof *got);
    assert_non_null(got);
    size_t ngot = 0;
    for (size_t i = 0; i < ps.count; i++) {
        /* A data table's row is one line of the TXT, its cells separated by tabs. */
        xmlNodePtr row = xfirst(current->content, ps.items[i],
                                "ancestor::table:table-row[1][table:table-cell[starts-with(@table:style-name, 'VbCell') and "
                                "@table:style-name != 'VbCell']]");
        if (row) {
            if (i > 0 && xfirst(current->content, ps.items[i - 1], "ancestor::table:table-row[1]") == row)
                continue;
            dr_nodes cells = xnodes(current->content, row, "table:table-cell");
            vb_buf line = {0};
            vb_buf_add(&line, "");
            for (size_t k = 0; k < cells.count; k++) {
                char *ct = dr_odf_text(cells.items[k], " ");
                vb_buf_printf(&line, "%s%s", k ? "\t" : "", ct);
                free(ct);
            }
            dr_nodes_free(&cells);
            got[ngot++] = line.data;
            continue;
        }
        char *style = paragraph_style_name(ps.items[i]);
        int based = style_based_on(style, RULE_STYLE);
        CHECK(based >= 0, "paragraph %zu has style '%s', which is not defined (or its parents are not)", i + 1, style);
        char *t = dr_odf_text(ps.items[i], " ");
        if (based == 1) {
            CHECK(t[0] == '\0', "rule paragraph %zu has text '%s'", i + 1, t);
            free(t);
        } else if (t[strspn(t, " ")] == '\0') { /* no text a reader sees (the hidden end) */
            free(t);
        } else {
            got[ngot++] = t;
        }
        free(style);
    }
    dr_nodes_free(&ps);

    size_t n = ngot < nwant ? ngot : nwant;
    size_t first_diff = n;
    for (size_t i = 0; i < n; i++) {
        if (strcmp(got[i], want[i]) != 0) {
            first_diff = i;
            break;
        }
    }
    CHECK(first_diff == n && ngot == nwant,
          "content.xml has %zu paragraphs of text, the TXT %zu lines; first difference at line %zu:\n"
          "    odt: '%.200s'\n    txt: '%.200s'",
          ngot, nwant, first_diff + 1, first_diff < ngot ? got[first_diff] : "(none)",
          first_diff < nwant ? want[first_diff] : "(none)");
    for (size_t i = 0; i < ngot; i++)
        free(got[i]);
    free(got);
    free_lines(want, nwant);
    END();
}

/* ==== rules ================================================================================ */

typedef struct {
    double left, right; /* twips */
    double width;       /* the space the rule is centred in: its cell, or the text width */
} rule_geometry;

/* The width of the column of content.xml holding `cell` (a table:table-cell), in twips. */
static double odt_cell_width(xmlNodePtr cell)
{
    int column = xcount(current->content, cell, "preceding-sibling::table:table-cell") + 1;
    xmlNodePtr table = xfirst(current->content, cell, "ancestor::table:table[1]");
    if (!table)
        return NAN;
    int span = xcount(current->content, table, "table:table-column[@table:number-columns-repeated]");
    if (span)
        return NAN; /* not written by vanban; the test does not expand repeats */
    char *style = xstr(current->content, table, "string(table:table-column[%d]/@table:style-name)", column);
    double w = xlength(current->content, NULL,
                       "/office:document-content/office:automatic-styles/style:style[@style:family='table-column'][@style:name='%s']/style:table-column-properties/@style:column-width",
                       style);
    free(style);
    return w;
}

static double odt_text_width(void)
{
    xmlNodePtr pl = page_layout_of(FIRST_PAGE);
    if (!pl)
        return NAN;
    return xlength(current->styles, pl, "style:page-layout-properties/@fo:page-width") -
           xlength(current->styles, pl, "style:page-layout-properties/@fo:margin-left") -
           xlength(current->styles, pl, "style:page-layout-properties/@fo:margin-right");
}

static size_t odt_rules(rule_geometry *out, size_t max)
{
    dr_nodes ps = xnodes(current->content, NULL, "/office:document-content/office:body/office:text//text:p");
    size_t n = 0;
    for (size_t i = 0; i < ps.count && n < max; i++) {
        if (!is_rule_paragraph(ps.items[i]))
            continue;
        char *name = paragraph_style_name(ps.items[i]);
        xmlNodePtr st = xfirst(current->content, NULL,
                               "/office:document-content/office:automatic-styles/style:style[@style:family='paragraph'][@style:name='%s']",
                               name);
        CHECK(st != NULL, "rule %zu uses style '%s', which is not an automatic style of content.xml", n + 1, name);
        rule_geometry g = {NAN, NAN, NAN};
        if (st) {
            char *border = xstr(current->content, st, "string(style:paragraph-properties/@fo:border-bottom)");
            CHECK(border[0] && strstr(border, "none") == NULL && strstr(border, "solid") != NULL,
                  "rule %zu (style %s): fo:border-bottom is '%s', not a solid line", n + 1, name, border);
            free(border);
            char *text = dr_odf_text(ps.items[i], "");
            CHECK(text[0] == '\0', "rule %zu has text '%s'", n + 1, text);
            free(text);
            g.left = xlength(current->content, st, "style:paragraph-properties/@fo:margin-left");
            g.right = xlength(current->content, st, "style:paragraph-properties/@fo:margin-right");
            CHECK(!isnan(g.left) && !isnan(g.right), "rule %zu (style %s) has no fo:margin-left/right", n + 1, name);
        }
        xmlNodePtr cell = xfirst(current->content, ps.items[i], "ancestor::table:table-cell[1]");
        g.width = cell ? odt_cell_width(cell) : odt_text_width();
        out[n++] = g;
        free(name);
    }
    dr_nodes_free(&ps);
    return n;
}

static size_t docx_rules(xmlDocPtr document, rule_geometry *out, size_t max)
{
    dr_nodes ps = xnodes(document, NULL, "/w:document/w:body//w:p[w:pPr/w:pStyle/@w:val='" RULE_STYLE "']");
    double text_width = xnum(document, NULL, "number(/w:document/w:body/w:sectPr/w:pgSz/@w:w)") -
                        xnum(document, NULL, "number(/w:document/w:body/w:sectPr/w:pgMar/@w:left)") -
                        xnum(document, NULL, "number(/w:document/w:body/w:sectPr/w:pgMar/@w:right)");
    size_t n = 0;
    for (size_t i = 0; i < ps.count && n < max; i++) {
        rule_geometry g;
        g.left = xnum(document, ps.items[i], "number(w:pPr/w:ind/@w:left)");
        g.right = xnum(document, ps.items[i], "number(w:pPr/w:ind/@w:right)");
        xmlNodePtr cell = xfirst(document, ps.items[i], "ancestor::w:tc[1]");
        g.width = cell ? xnum(document, cell, "number(w:tcPr/w:tcW/@w:w)") : text_width;
        out[n++] = g;
    }
    dr_nodes_free(&ps);
    return n;
}

static void test_rules(void **state)
{
    BEGIN();
    rule_geometry odt[64], docx[64];
    size_t no = odt_rules(odt, 64);
    CHECK(no > 0, "content.xml has no rule paragraph (style based on " RULE_STYLE ")");

    char *path = path_join(current->dir, "out.docx");
    assert_int_equal(render_docx(current, path), 0);
    char err[512];
    dr_docx *pkg = dr_open(path, err, sizeof err);
    assert_non_null(pkg);
    xmlDocPtr document = dr_read_xml(pkg, "word/document.xml");
    assert_non_null(document);
    size_t nd = docx_rules(document, docx, 64);
    CHECK(no == nd, "the ODT has %zu rules, the DOCX of the same document %zu", no, nd);

    for (size_t i = 0; i < no && i < nd; i++) {
        const rule_geometry *o = &odt[i], *d = &docx[i];
        /* Centred: equal margins (an odd twip goes to one side). */
        CHECK(!isnan(o->left) && !isnan(o->right) && fabs(o->left - o->right) <= 1,
              "rule %zu is not centred: margins %g and %g twips", i + 1, o->left, o->right);
        /* The same indents as the DOCX's w:ind, within a twip… */
        CHECK(!isnan(d->left) && fabs(o->left - d->left) <= 1,
              "rule %zu: ODT fo:margin-left %g twips (%.2fpt), DOCX w:ind left %g", i + 1, o->left, o->left / 20, d->left);
        CHECK(!isnan(d->right) && fabs(o->right - d->right) <= 1,
              "rule %zu: ODT fo:margin-right %g twips (%.2fpt), DOCX w:ind right %g", i + 1, o->right, o->right / 20,
              d->right);
        /* …in the same space, so the rule is as long. */
        CHECK(!isnan(o->width) && fabs(o->width - d->width) <= 1, "rule %zu: centred in %g twips in the ODT, %g in the DOCX",
              i + 1, o->width, d->width);
        double lo = o->width - o->left - o->right, ld = d->width - d->left - d->right;
        CHECK(!isnan(lo) && lo > 0 && fabs(lo - ld) <= 2, "rule %zu is %g twips long in the ODT, %g in the DOCX", i + 1,
              lo, ld);
    }
    xmlFreeDoc(document);
    dr_close(pkg);
    free(path);
    END();
}

/* ==== driver =============================================================================== */

int main(void)
{
    const char *root = getenv("VANBAN_SOURCE_ROOT");
    if (!root || !*root)
        root = VB_SOURCE_ROOT;
    char *pattern = path_join(root, "inputs/*.yaml");
    glob_t g;
    int grc = glob(pattern, 0, NULL, &g);
    free(pattern);
    if (grc != 0 || g.gl_pathc == 0) {
        fprintf(stderr, "test_odt: no samples in %s/inputs\n", root);
        if (grc == 0)
            globfree(&g);
        return 1;
    }

    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_package),      cmocka_unit_test(test_reproducible),
        cmocka_unit_test(test_meta_dates),   cmocka_unit_test(test_page),
        cmocka_unit_test(test_master_pages), cmocka_unit_test(test_style_values),
        cmocka_unit_test(test_text),         cmocka_unit_test(test_rules),
    };
    int failures = 0;
    for (size_t k = 0; k < g.gl_pathc; k++) {
        sample s = {0};
        s.yaml_path = g.gl_pathv[k];
        const char *slash = strrchr(s.yaml_path, '/');
        s.name = slash ? slash + 1 : s.yaml_path;
        current = &s;
        print_message("## %s\n", s.name);
        failures += cmocka_run_group_tests_name(s.name, tests, group_setup, group_teardown);
        group_teardown(NULL); /* again, in case a failed setup skipped it (it is idempotent) */
        current = NULL;
    }
    globfree(&g);
    xmlCleanupParser();
    return failures ? 1 : 0;
}
