/* Integration: every sample in inputs/ is read (vb_yaml_read), rendered (vb_docx_write) and
 * opened again as a DOCX with libzip + libxml2 (tests/docx_reader.c), and the test asserts
 * what a reader of the file sees: the package, the page, the header texts, the rules, the
 * styles against the layout table and the decree's ranges, the body headings and text in
 * order, the end mark, Nơi nhận and the signature.
 *
 * Expected values are data: one row per known sample in `expectations` below, and one row
 * per format in the NĐ30 / HD36 range tables. A sample without a row gets the checks that
 * need no hard-coded values (everything compared with its own YAML). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <ctype.h>
#include <glob.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "model/diag.h"
#include "write/docx/docx.h"
#include "layout/format.h"
#include "layout/geometry.h"
#include "compose/compose.h"
#include "layout/layout.h"
#include "model/model.h"
#include "package/templates.h"
#include "viet/text.h"
#include "layout/textwidth.h"
#include "read/yaml_reader.h"

#include "docx_reader.h"
#include "test_xpath.h"
#include "test_files.h"

#ifndef VB_SOURCE_ROOT
#define VB_SOURCE_ROOT "."
#endif

/* ==== expectations, one row per sample ================================================== */

#define MAX_LABELS 48

/* In number_line and date_line, "{N}" stands for the layout's blank number and "{D}" for
 * its blank day/month (what a draft shows for the văn thư to fill in). */
typedef struct {
    const char *file; /* name in inputs/ */
    vb_format format;
    const char *parent[4]; /* cơ quan chủ quản lines as printed (upper case) */
    const char *issuer[4]; /* cơ quan ban hành lines as printed */
    const char *number_line;
    const char *date_line;
    const char *type_name[4];
    const char *created; /* dcterms:created without SOURCE_DATE_EPOCH: the document's date */
    const char *signer_lines[5]; /* quyền hạn lines then chức vụ, as printed */
    const char *signer_name;
    const char *first_recipient, *last_recipient;
    const char *labels[MAX_LABELS]; /* heading labels in document order, run-in ones included */
} expectation;

static const expectation expectations[] = {
    {
        .file = "bc-tu-van-phan-bien-cds-bac-giang-2024.yaml",
        .format = VB_FORMAT_STATE,
        .parent = {"UBND TỈNH BẮC GIANG"},
        .issuer = {"LIÊN HIỆP CÁC HỘI KH&KT"},
        .number_line = "Số: {N}/BC-LHH",
        .date_line = "Bắc Giang, ngày {D} tháng 12 năm 2024",
        .type_name = {"BÁO CÁO"},
        .created = "2024-12-01T00:00:00Z",
        .signer_lines = {"TM. BAN THƯỜNG VỤ", "CHỦ TỊCH"},
        .signer_name = "Ngô Chí Vinh",
        /* The source writes "Tỉnh uỷ"; the document's tone style (traditional, the default)
         * renders it "Tỉnh ủy". */
        .first_recipient = "- TT Tỉnh ủy, UBND tỉnh (báo cáo);",
        .last_recipient = "- Lưu TVPB, VT, CT.",
        .labels = {"I.", "II.", "1.", "1.1.", "1.2.", "1.3.", "2.", "2.1.", "2.2.", "3.", "III."},
    },
    {
        .file = "tb-ket-luan-bcd-cds-tuyen-quang-2022.yaml",
        .format = VB_FORMAT_STATE,
        .parent = {NULL},
        .issuer = {"ỦY BAN NHÂN DÂN", "TỈNH TUYÊN QUANG"},
        .number_line = "Số: 120/TB-UBND",
        .date_line = "Tuyên Quang, ngày 25 tháng 11 năm 2022",
        .type_name = {"THÔNG BÁO"},
        .created = "2022-11-25T00:00:00Z",
        .signer_lines = {"TL. CHỦ TỊCH", "KT. CHÁNH VĂN PHÒNG", "PHÓ CHÁNH VĂN PHÒNG"},
        .signer_name = "Ngô Mạnh Hùng",
        .first_recipient = "- Chủ tịch UBND tỉnh (báo cáo);",
        .last_recipient = "- Lưu VT, TG CNTT 02.",
        /* 2. and 3. run into their first paragraph; the agencies of the nhiem_vu block
         * under khoản 3 are điểm a)–e) in Vietnamese order (đ after d). */
        .labels = {"1.", "2.", "3.", "a)", "b)", "c)", "d)", "đ)", "e)"},
    },
    {
        .file = "nq-111-tu-chuyen-doi-so-bac-giang-2021.yaml",
        .format = VB_FORMAT_PARTY,
        .parent = {NULL},
        .issuer = {"TỈNH ỦY BẮC GIANG"},
        .number_line = "Số 111-NQ/TU",
        .date_line = "Bắc Giang, ngày 11 tháng 6 năm 2021",
        .type_name = {"NGHỊ QUYẾT", "CỦA BAN CHẤP HÀNH ĐẢNG BỘ TỈNH"},
        .created = "2021-06-11T00:00:00Z",
        .signer_lines = {"T/M TỈNH ỦY", "BÍ THƯ"},
        .signer_name = "Dương Văn Thái",
        .first_recipient = "- Ban Bí thư Trung ương Đảng,",
        .last_recipient = "- Lưu Văn phòng Tỉnh ủy.",
        .labels = {"I-", "1.", "2.", "3.", "3.1.", "3.1.1.", "3.1.2.", "3.1.3.", "3.2.", "3.2.1.",
                   "3.2.2.", "3.2.3.", "II-", "1.", "2.", "3.", "3.1.", "3.2.", "3.3.", "4.", "5.",
                   "6.", "7.", "8.", "9.", "III-", "1.", "2.", "3.", "4.", "5.", "6."},
    },
};

/* ==== the decree's ranges (NĐ30 Phụ lục I; HD36 Phụ lục 3), per style ==================== */

typedef struct {
    const char *style_id;
    double min_pt, max_pt;
    int bold, italic, underline; /* 1 required, 0 forbidden, -1 not stated */
} decree_rule;

static const decree_rule state_rules[] = {
    {"VbQuocHieu", 12, 13, 1, 0, -1},      /* ô 1: in hoa, đứng, đậm */
    {"VbTieuNgu", 13, 14, 1, 0, -1},       /* ô 1: đứng, đậm */
    {"VbCoQuanChuQuan", 12, 13, 0, 0, -1}, /* ô 2: in hoa, đứng, not bold */
    {"VbCoQuanBanHanh", 12, 13, 1, 0, -1}, /* ô 2: in hoa, đứng, đậm */
    {"VbSoKyHieu", 13, 13, 0, 0, -1},      /* ô 3: 13, đứng */
    {"VbDiaDanhNgay", 13, 14, 0, 1, -1},   /* ô 4: nghiêng */
    {"VbTenLoai", 13, 14, 1, 0, -1},       /* ô 5a: in hoa, đứng, đậm */
    {"VbTrichYeu", 13, 14, 1, 0, -1},      /* ô 5a: đứng, đậm */
    {"VbTrichYeuCongVan", 12, 13, 0, 0, -1}, /* ô 5b */
    {"VbNoiDung", 13, 14, 0, 0, -1},       /* ô 6 */
    {"VbNoiNhan", 12, 12, 1, 1, -1},       /* ô 9b: 12, nghiêng, đậm */
    {"VbNoiNhanMuc", 11, 11, 0, 0, -1},    /* ô 9b: 11, đứng */
    {"VbQuyenHan", 13, 14, 1, 0, -1},      /* ô 7a: in hoa, đứng, đậm */
    {"VbChucVu", 13, 14, 1, 0, -1},        /* ô 7a */
    {"VbHoTen", 13, 14, 1, 0, -1},         /* ô 7b: đứng, đậm */
    {"VbSoTrang", 13, 14, 0, 0, -1},       /* page number: 13–14, đứng */
};

static const decree_rule party_rules[] = {
    {"VbQuocHieu", 15, 15, 1, 0, -1},      /* ĐẢNG CỘNG SẢN VIỆT NAM: 15, đứng, đậm */
    {"VbCoQuanChuQuan", 14, 14, 0, 0, -1}, /* cấp trên: 14, not bold */
    {"VbCoQuanBanHanh", 14, 14, 1, 0, -1}, /* ban hành: 14, đậm */
    {"VbSoKyHieu", 14, 14, 0, 0, -1},      /* Số: 14, đứng */
    {"VbDiaDanhNgay", 14, 14, 0, 1, -1},   /* date: 14, nghiêng */
    {"VbTenLoai", 15, 16, 1, 0, -1},       /* tên loại: 15–16, đậm */
    {"VbTrichYeu", 14, 15, 1, 0, -1},      /* trích yếu: 14–15, đậm */
    {"VbTrichYeuCongVan", 12, 12, 0, 1, -1}, /* công văn: 12, nghiêng */
    {"VbNoiDung", 14, 15, 0, 0, -1},       /* body: 14–15, đứng */
    {"VbNoiNhan", 14, 14, 0, 0, 1},        /* "Nơi nhận:" 14, underlined */
    {"VbNoiNhanMuc", 12, 12, 0, 0, -1},    /* items 12 */
    {"VbQuyenHan", 14, 14, 1, 0, -1},      /* T/M … 14, đậm */
    {"VbChucVu", 14, 14, 0, 0, -1},        /* chức vụ 14, not bold */
    {"VbHoTen", 14, 14, 1, 0, -1},         /* họ tên 14, đậm */
    {"VbSoTrang", 14, 14, 0, 0, -1},       /* page number 14 */
};

/* The style id each layout element must have in styles.xml: the names are the contract
 * with anyone editing the produced file. */
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
    [VB_EL_RULE] = "VbDuongKe",
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

#define STATE_MOTTO "Độc lập - Tự do - Hạnh phúc"
#define STATE_TITLE "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
#define PARTY_TITLE "ĐẢNG CỘNG SẢN VIỆT NAM"
#define A4_WIDTH 11906
#define A4_HEIGHT 16838
#define TEST_EPOCH 1700000000LL
#define TEST_EPOCH_TEXT "2023-11-14T22:13:20Z"

/* Parts a reader needs, and the order the package must start with. */
static const char *const required_parts[] = {
    "[Content_Types].xml", "_rels/.rels",         "word/_rels/document.xml.rels",
    "word/document.xml",   "word/styles.xml",     "word/settings.xml",
    "word/fontTable.xml",  "word/header1.xml",    "word/header2.xml",
    "docProps/core.xml",   "docProps/app.xml",
};

/* ==== one sample, rendered once per group ================================================ */

typedef struct {
    char *yaml_path;
    const char *name; /* points into yaml_path */
    const expectation *exp;
    vb_document *doc;
    const vb_layout *layout;
    char *dir;
    char *docx_path;
    dr_docx *pkg;
    xmlDocPtr document, styles;
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

static int starts_with(const char *s, const char *prefix)
{
    return strncmp(s, prefix, strlen(prefix)) == 0;
}

static int ends_with(const char *s, const char *suffix)
{
    size_t n = strlen(s), m = strlen(suffix);
    return n >= m && strcmp(s + n - m, suffix) == 0;
}

/* `pattern` with {N} → the layout's blank number and {D} → its blank day. */
static char *expand(const char *pattern, const vb_layout *layout)
{
    vb_buf b = {0};
    vb_buf_add(&b, "");
    for (const char *p = pattern; *p;) {
        if (starts_with(p, "{N}")) {
            vb_buf_add(&b, layout->blank_number);
            p += 3;
        } else if (starts_with(p, "{D}")) {
            vb_buf_add(&b, layout->blank_day);
            p += 3;
        } else {
            vb_buf_addn(&b, p, 1);
            p++;
        }
    }
    return b.data;
}

/* XPath with a printf-style expression. */
/* The text of a paragraph as one line: a line break inside it reads as a space. */
static char *line_text(xmlNodePtr p)
{
    return dr_wml_text(p, " ");
}

static int has_style(xmlNodePtr p, const char *id)
{
    return strcmp(dr_paragraph_style(p), id) == 0;
}

/* Recipient text without the dash and the separator the drafter may have typed. */
static char *bare_recipient(const char *text)
{
    if (text[0] == '-' && text[1] == ' ')
        text += 2;
    size_t n = strlen(text);
    while (n && strchr(" ;,.", text[n - 1]))
        n--;
    char *out = malloc(n + 1);
    assert_non_null(out);
    memcpy(out, text, n);
    out[n] = '\0';
    return out;
}

static long twips_of_text(const char *text, vb_face face, double size_pt)
{
    return vb_text_width_twips(text, strlen(text), face, size_pt);
}

/* ---- styles.xml as a reader resolves it: the style, its basedOn chain, the defaults ---- */

static xmlNodePtr style_node(const char *id)
{
    dr_nodes n = xnodes(current->styles, NULL, "/w:styles/w:style[@w:styleId='%s']", id);
    xmlNodePtr st = n.count ? n.items[0] : NULL;
    dr_nodes_free(&n);
    return st;
}

/* The first node `rel` (a relative path, e.g. "w:rPr/w:sz/@w:val") selects in the style,
 * then in the styles it is based on, then in the document defaults; NULL when none. */
static xmlNodePtr style_lookup(const char *id, const char *rel)
{
    char cur[128];
    snprintf(cur, sizeof cur, "%s", id);
    for (int hop = 0; hop < 16 && cur[0]; hop++) {
        xmlNodePtr st = style_node(cur);
        if (!st)
            break;
        dr_nodes n = xnodes(current->styles, st, "%s", rel);
        xmlNodePtr found = n.count ? n.items[0] : NULL;
        dr_nodes_free(&n);
        if (found)
            return found;
        char *based = xstr(current->styles, st, "string(w:basedOn/@w:val)");
        snprintf(cur, sizeof cur, "%s", based);
        free(based);
    }
    const char *defaults = starts_with(rel, "w:rPr/") ? "/w:styles/w:docDefaults/w:rPrDefault/%s"
                                                      : "/w:styles/w:docDefaults/w:pPrDefault/%s";
    dr_nodes n = xnodes(current->styles, NULL, defaults, rel);
    xmlNodePtr found = n.count ? n.items[0] : NULL;
    dr_nodes_free(&n);
    return found;
}

/* A resolved attribute value as a number; `missing` when no level defines it. */
static long style_int(const char *id, const char *rel, long missing)
{
    xmlNodePtr n = style_lookup(id, rel);
    if (!n)
        return missing;
    xmlChar *v = xmlNodeGetContent(n);
    long value = v ? strtol((const char *)v, NULL, 10) : missing;
    xmlFree(v);
    return value;
}

static char *style_text(const char *id, const char *rel)
{
    xmlNodePtr n = style_lookup(id, rel);
    xmlChar *v = n ? xmlNodeGetContent(n) : NULL;
    char *out = vb_strdup(v ? (const char *)v : "");
    xmlFree(v);
    return out;
}

/* A toggle property (w:b, w:i): on when the element is there without w:val or with a true
 * one. */
static int style_toggle(const char *id, const char *element)
{
    char rel[64];
    snprintf(rel, sizeof rel, "w:rPr/%s", element);
    xmlNodePtr n = style_lookup(id, rel);
    if (!n)
        return 0;
    xmlChar *v = xmlGetNsProp(n, BAD_CAST "val", BAD_CAST DR_NS_W);
    int on = !v || !(strcmp((const char *)v, "0") == 0 || strcmp((const char *)v, "false") == 0 ||
                     strcmp((const char *)v, "off") == 0);
    xmlFree(v);
    return on;
}

static int style_underline(const char *id)
{
    char *u = style_text(id, "w:rPr/w:u/@w:val");
    int on = u[0] && strcmp(u, "none") != 0;
    free(u);
    return on;
}

static double style_size_pt(const char *id)
{
    return style_int(id, "w:rPr/w:sz/@w:val", -2) / 2.0;
}

static vb_face style_face(const char *id)
{
    return (vb_face)((style_toggle(id, "w:b") ? VB_FACE_BOLD : 0) |
                     (style_toggle(id, "w:i") ? VB_FACE_ITALIC : 0));
}

/* ---- the document's layout as read from w:sectPr ----------------------------------------- */

static int text_width_from_sectpr(void)
{
    double w = xnum(current->document, NULL, "number(/w:document/w:body/w:sectPr/w:pgSz/@w:w)");
    double l = xnum(current->document, NULL, "number(/w:document/w:body/w:sectPr/w:pgMar/@w:left)");
    double r = xnum(current->document, NULL, "number(/w:document/w:body/w:sectPr/w:pgMar/@w:right)");
    return (int)(w - l - r);
}

/* ---- heading labels as a reader sees them ------------------------------------------------ */

static const char *const viet_letters[] = {"a", "b", "c", "d", "đ", "e", "g", "h", "i", "k", "l", "m",
                                           "n", "o", "p", "q", "r", "s", "t", "u", "v", "x", "y"};

static int is_roman_digit(char c)
{
    return c && strchr("IVXLCDM", c) != NULL;
}

/* Length of the heading label at the start of `s` ("I.", "I-", "1.2.", "a)", "Điều 3.",
 * "Phần II"), which must be followed by a space or the end; 0 when there is none. */
static size_t label_length(const char *s)
{
    static const char *const words[] = {"Phần ", "Chương ", "Điều "};
    for (size_t i = 0; i < 3; i++) {
        if (!starts_with(s, words[i]))
            continue;
        const char *q = s + strlen(words[i]);
        if (i == 2) {
            if (!isdigit((unsigned char)*q))
                return 0;
            while (isdigit((unsigned char)*q))
                q++;
            if (*q++ != '.')
                return 0;
        } else {
            if (!is_roman_digit(*q))
                return 0;
            while (is_roman_digit(*q))
                q++;
        }
        return (*q == ' ' || *q == '\0') ? (size_t)(q - s) : 0;
    }
    const char *q = s;
    if (is_roman_digit(*q)) {
        while (is_roman_digit(*q))
            q++;
        if ((*q == '.' || *q == '-') && (q[1] == ' ' || q[1] == '\0'))
            return (size_t)(q + 1 - s);
    }
    q = s;
    if (isdigit((unsigned char)*q)) {
        for (;;) {
            while (isdigit((unsigned char)*q))
                q++;
            if (*q != '.')
                return 0;
            q++;
            if (!isdigit((unsigned char)*q))
                break;
        }
        return (*q == ' ' || *q == '\0') ? (size_t)(q - s) : 0;
    }
    for (size_t i = 0; i < sizeof viet_letters / sizeof *viet_letters; i++) {
        size_t n = strlen(viet_letters[i]);
        if (strncmp(s, viet_letters[i], n) == 0 && s[n] == ')' && (s[n + 1] == ' ' || s[n + 1] == '\0'))
            return n + 1;
    }
    return 0;
}

static int is_heading_style(const char *style)
{
    return strcmp(style, "VbPhan") == 0 || strcmp(style, "VbMuc") == 0 || strcmp(style, "VbKhoan") == 0 ||
           strcmp(style, "VbDiem") == 0 || strcmp(style, "VbDieu") == 0;
}

/* The labels of the body in document order: the first word of each heading paragraph, and
 * the number a section with no title runs into its first paragraph ("2. Bên cạnh …").
 * Returns how many were stored (at most `max`), each a copy to free. */
static size_t docx_labels(char **out, size_t max)
{
    dr_nodes paras = xnodes(current->document, NULL, "/w:document/w:body/w:p");
    size_t n = 0;
    for (size_t i = 0; i < paras.count; i++) {
        const char *style = dr_paragraph_style(paras.items[i]);
        int heading = is_heading_style(style);
        int runs_in = strcmp(style, "VbNoiDung") == 0 || strcmp(style, "VbGachDauDong") == 0;
        if (!heading && !runs_in)
            continue;
        char *text = line_text(paras.items[i]);
        size_t len = strcmp(style, "VbPhan") == 0 ? strlen(text) : label_length(text);
        if (heading && len == 0) {
            /* A heading without a label: keep its place so the sequences differ visibly. */
            if (n < max)
                out[n++] = vb_strdup("(no label)");
        } else if (len > 0 && n < max) {
            out[n] = malloc(len + 1);
            assert_non_null(out[n]);
            memcpy(out[n], text, len);
            out[n][len] = '\0';
            n++;
        }
        free(text);
    }
    dr_nodes_free(&paras);
    return n;
}

/* ==== rendering ============================================================================ */

static int render_to(const sample *s, long long epoch, const char *path)
{
    char err[1024] = "";
    vb_template_store *templates = vb_template_store_load("docx", NULL, err, sizeof err);
    if (!templates) {
        print_error("template store: %s\n", err);
        return -1;
    }
    int rc = vb_docx_write(s->doc, vb_layout_for(s->doc->format), templates, epoch, path, err, sizeof err);
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
    char *templ = path_join(base && *base ? base : "/tmp", "vb-test-render-XXXXXX");
    if (!mkdtemp(templ)) {
        free(templ);
        return -1;
    }
    s->dir = templ;
    s->docx_path = path_join(s->dir, "out.docx");
    if (render_to(s, -1, s->docx_path) < 0)
        return -1;
    char err[512];
    s->pkg = dr_open(s->docx_path, err, sizeof err);
    if (!s->pkg) {
        print_error("%s\n", err);
        return -1;
    }
    s->document = dr_read_xml(s->pkg, "word/document.xml");
    s->styles = dr_read_xml(s->pkg, "word/styles.xml");
    if (!s->document || !s->styles) {
        print_error("%s: word/document.xml or word/styles.xml is missing or not well-formed\n", s->name);
        return -1;
    }
    return 0;
}

static void remove_dir(const char *dir)
{
    static const char *const files[] = {"out.docx", "again.docx", "epoch.docx"};
    for (size_t i = 0; i < 3; i++) {
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
    if (s->document)
        xmlFreeDoc(s->document);
    if (s->styles)
        xmlFreeDoc(s->styles);
    s->document = s->styles = NULL;
    dr_close(s->pkg);
    s->pkg = NULL;
    if (s->dir)
        remove_dir(s->dir);
    free(s->dir);
    free(s->docx_path);
    s->dir = s->docx_path = NULL;
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
    CHECK(count > 0 && strcmp(names[0], "[Content_Types].xml") == 0,
          "the first entry is '%s', not [Content_Types].xml", count ? names[0] : "(none)");
    for (size_t i = 0; i < sizeof required_parts / sizeof *required_parts; i++)
        CHECK(dr_has_entry(current->pkg, required_parts[i]), "no %s in the package", required_parts[i]);
    for (size_t i = 0; i < count; i++) {
        CHECK(strcmp(names[i], "mimetype") != 0, "a DOCX has no 'mimetype' entry (that is ODF)");
        for (size_t j = i + 1; j < count; j++)
            CHECK(strcmp(names[i], names[j]) != 0, "entry %s twice", names[i]);
    }

    /* Every part has a content type, and every declared part exists. */
    xmlDocPtr types = dr_read_xml(current->pkg, "[Content_Types].xml");
    CHECK(types != NULL, "[Content_Types].xml is not well-formed");
    if (types) {
        for (size_t i = 0; i < count; i++) {
            if (strcmp(names[i], "[Content_Types].xml") == 0 || ends_with(names[i], "/"))
                continue;
            const char *dot = strrchr(names[i], '.');
            int typed = xcount(types, NULL, "/ct:Types/ct:Override[@PartName='/%s']", names[i]) +
                        (dot ? xcount(types, NULL, "/ct:Types/ct:Default[@Extension='%s']", dot + 1) : 0);
            CHECK(typed > 0, "%s has no content type", names[i]);
        }
        dr_nodes overrides = xnodes(types, NULL, "/ct:Types/ct:Override/@PartName");
        for (size_t i = 0; i < overrides.count; i++) {
            xmlChar *part = xmlNodeGetContent(overrides.items[i]);
            CHECK(part && part[0] == '/' && dr_has_entry(current->pkg, (const char *)part + 1),
                  "[Content_Types].xml declares %s, which is not in the package", part ? (char *)part : "?");
            xmlFree(part);
        }
        dr_nodes_free(&overrides);
        char *main_type = xstr(types, NULL, "string(/ct:Types/ct:Override[@PartName='/word/document.xml']/@ContentType)");
        CHECK(strcmp(main_type, "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml") == 0,
              "word/document.xml has content type '%s'", main_type);
        free(main_type);
        xmlFreeDoc(types);
    }

    /* The package relationship points at the main part; the main part's at what exists. */
    xmlDocPtr rels = dr_read_xml(current->pkg, "_rels/.rels");
    CHECK(rels != NULL, "_rels/.rels missing or not well-formed");
    if (rels) {
        char *target = xstr(rels, NULL,
                            "string(/pr:Relationships/pr:Relationship[@Type='" DR_NS_R "/officeDocument']/@Target)");
        CHECK(strcmp(target, "word/document.xml") == 0 || strcmp(target, "/word/document.xml") == 0,
              "the officeDocument relationship targets '%s'", target);
        free(target);
        xmlFreeDoc(rels);
    }
    xmlDocPtr doc_rels = dr_read_xml(current->pkg, "word/_rels/document.xml.rels");
    CHECK(doc_rels != NULL, "word/_rels/document.xml.rels missing or not well-formed");
    if (doc_rels) {
        dr_nodes targets = xnodes(doc_rels, NULL, "/pr:Relationships/pr:Relationship[not(@TargetMode='External')]/@Target");
        for (size_t i = 0; i < targets.count; i++) {
            xmlChar *t = xmlNodeGetContent(targets.items[i]);
            char *full = path_join("word", t ? (const char *)t : "");
            CHECK(dr_has_entry(current->pkg, full), "document.xml.rels targets %s, not in the package", full);
            free(full);
            xmlFree(t);
        }
        dr_nodes_free(&targets);
        xmlFreeDoc(doc_rels);
    }

    /* Every XML part parses. */
    for (size_t i = 0; i < count; i++) {
        if (!ends_with(names[i], ".xml") && !ends_with(names[i], ".rels"))
            continue;
        xmlDocPtr d = dr_read_xml(current->pkg, names[i]);
        CHECK(d != NULL, "%s is not well-formed XML", names[i]);
        if (d)
            xmlFreeDoc(d);
    }
    dr_names_free(names);
    END();
}

static void test_reproducible(void **state)
{
    BEGIN();
    char *again = path_join(current->dir, "again.docx");
    assert_int_equal(render_to(current, -1, again), 0);
    CHECK(test_same_bytes(current->docx_path, again), "two renders of the same input differ");
    free(again);
    END();
}

static void test_core_dates(void **state)
{
    BEGIN();
    xmlDocPtr core = dr_read_xml(current->pkg, "docProps/core.xml");
    assert_non_null(core);
    char *created = xstr(core, NULL, "string(/cp:coreProperties/dcterms:created)");
    char *type = xstr(core, NULL, "string(/cp:coreProperties/dcterms:created/@xsi:type)");
    CHECK(strcmp(type, "dcterms:W3CDTF") == 0, "dcterms:created has xsi:type '%s'", type);
    /* Without SOURCE_DATE_EPOCH the document's own date stands in for "now". */
    if (current->exp)
        CHECK(strcmp(created, current->exp->created) == 0, "dcterms:created is '%s', expected '%s'",
              created, current->exp->created);
    else
        CHECK(strlen(created) == 20 && created[4] == '-' && created[10] == 'T' && created[19] == 'Z',
              "dcterms:created '%s' is not a W3CDTF UTC instant", created);
    free(created);
    free(type);
    xmlFreeDoc(core);

    /* With SOURCE_DATE_EPOCH: that instant, in created and modified. */
    char *path = path_join(current->dir, "epoch.docx");
    assert_int_equal(render_to(current, TEST_EPOCH, path), 0);
    char err[512];
    dr_docx *pkg = dr_open(path, err, sizeof err);
    assert_non_null(pkg);
    core = dr_read_xml(pkg, "docProps/core.xml");
    assert_non_null(core);
    created = xstr(core, NULL, "string(/cp:coreProperties/dcterms:created)");
    char *modified = xstr(core, NULL, "string(/cp:coreProperties/dcterms:modified)");
    CHECK(strcmp(created, TEST_EPOCH_TEXT) == 0, "with epoch %lld, dcterms:created is '%s', expected %s",
          TEST_EPOCH, created, TEST_EPOCH_TEXT);
    CHECK(strcmp(modified, TEST_EPOCH_TEXT) == 0, "with epoch %lld, dcterms:modified is '%s'", TEST_EPOCH,
          modified);
    free(created);
    free(modified);
    xmlFreeDoc(core);
    /* The epoch changes the properties only. */
    size_t la = 0, lb = 0;
    unsigned char *a = dr_read_entry(current->pkg, "word/document.xml", &la);
    unsigned char *b = dr_read_entry(pkg, "word/document.xml", &lb);
    CHECK(a && b && la == lb && memcmp(a, b, la) == 0, "SOURCE_DATE_EPOCH changed word/document.xml");
    free(a);
    free(b);
    dr_close(pkg);
    free(path);
    END();
}

/* ==== page ================================================================================= */

static char *header_part_for(const char *type)
{
    char *rid = xstr(current->document, NULL,
                     "string(/w:document/w:body/w:sectPr/w:headerReference[@w:type='%s']/@r:id)", type);
    xmlDocPtr rels = dr_read_xml(current->pkg, "word/_rels/document.xml.rels");
    assert_non_null(rels);
    char *target = xstr(rels, NULL, "string(/pr:Relationships/pr:Relationship[@Id='%s']/@Target)", rid);
    char *type_uri = xstr(rels, NULL, "string(/pr:Relationships/pr:Relationship[@Id='%s']/@Type)", rid);
    CHECK(rid[0] != '\0', "no headerReference of type %s", type);
    CHECK(strcmp(type_uri, DR_NS_R "/header") == 0, "relationship %s (%s header) has type '%s'", rid, type,
          type_uri);
    char *part = target[0] ? path_join("word", target) : vb_strdup("");
    free(rid);
    free(target);
    free(type_uri);
    xmlFreeDoc(rels);
    return part;
}

static int count_page_fields(xmlDocPtr header)
{
    return xcount(header, NULL, "//w:fldSimple[contains(@w:instr,'PAGE')]") +
           xcount(header, NULL, "//w:instrText[contains(.,'PAGE')]");
}

static void test_page(void **state)
{
    BEGIN();
    xmlDocPtr d = current->document;
    const vb_layout *l = current->layout;
    CHECK(xcount(d, NULL, "/w:document/w:body/w:sectPr") == 1, "not exactly one body w:sectPr");
    double w = xnum(d, NULL, "number(/w:document/w:body/w:sectPr/w:pgSz/@w:w)");
    double h = xnum(d, NULL, "number(/w:document/w:body/w:sectPr/w:pgSz/@w:h)");
    CHECK(w == A4_WIDTH && h == A4_HEIGHT, "pgSz %g×%g, not A4 %d×%d", w, h, A4_WIDTH, A4_HEIGHT);
    CHECK(xcount(d, NULL, "/w:document/w:body/w:sectPr/w:pgSz[@w:orient='landscape']") == 0, "landscape");

    static const struct {
        const char *attr;
        size_t offset;
        int min, max; /* NĐ30 Phụ lục I §I (HD36 front page: 20/20/30/15) in twips */
    } margins[] = {
        {"top", offsetof(vb_layout, margin_top_twips), 1134, 1417},
        {"bottom", offsetof(vb_layout, margin_bottom_twips), 1134, 1417},
        {"left", offsetof(vb_layout, margin_left_twips), 1701, 1984},
        {"right", offsetof(vb_layout, margin_right_twips), 850, 1134},
        {"header", offsetof(vb_layout, header_distance_twips), 0, 1134},
        {"footer", offsetof(vb_layout, footer_distance_twips), 0, 1134},
    };
    for (size_t i = 0; i < sizeof margins / sizeof *margins; i++) {
        int expected = *(const int *)((const char *)l + margins[i].offset);
        double got = xnum(d, NULL, "number(/w:document/w:body/w:sectPr/w:pgMar/@w:%s)", margins[i].attr);
        CHECK(got == expected, "pgMar %s = %g, layout table says %d", margins[i].attr, got, expected);
        CHECK(got >= margins[i].min && got <= margins[i].max, "pgMar %s = %g outside %d–%d twips",
              margins[i].attr, got, margins[i].min, margins[i].max);
    }
    CHECK(xcount(d, NULL, "/w:document/w:body/w:sectPr/w:titlePg[not(@w:val) or @w:val='1' or @w:val='true' or @w:val='on']") == 1,
          "no w:titlePg: page 1 would show the page number");
    END();
}

static void test_page_headers(void **state)
{
    BEGIN();
    char *pages = header_part_for("default");
    char *first = header_part_for("first");
    CHECK(strcmp(pages, "word/header1.xml") == 0, "default header is '%s', expected word/header1.xml", pages);
    CHECK(strcmp(first, "word/header2.xml") == 0, "first-page header is '%s', expected word/header2.xml", first);

    xmlDocPtr h1 = pages[0] ? dr_read_xml(current->pkg, pages) : NULL;
    xmlDocPtr h2 = first[0] ? dr_read_xml(current->pkg, first) : NULL;
    CHECK(h1 != NULL, "the default header part %s cannot be read", pages);
    CHECK(h2 != NULL, "the first-page header part %s cannot be read", first);
    if (h1) {
        CHECK(count_page_fields(h1) == 1, "the pages-2+ header has %d PAGE fields, expected 1", count_page_fields(h1));
        char *style = xstr(h1, NULL, "string((//w:fldSimple[contains(@w:instr,'PAGE')]/ancestor::w:p)[1]/w:pPr/w:pStyle/@w:val)");
        CHECK(strcmp(style, "VbSoTrang") == 0, "the page number paragraph has style '%s'", style);
        free(style);
        char *jc = style_text("VbSoTrang", "w:pPr/w:jc/@w:val");
        CHECK(strcmp(jc, "center") == 0, "the page number is aligned '%s', not centred", jc);
        free(jc);
        xmlFreeDoc(h1);
    }
    if (h2) {
        CHECK(count_page_fields(h2) == 0 && xcount(h2, NULL, "//w:fldChar") == 0,
              "the first-page header has a field: page 1 would be numbered");
        char *text = xstr(h2, NULL, "normalize-space(string(/w:hdr))");
        CHECK(text[0] == '\0', "the first-page header shows '%s'", text);
        free(text);
        xmlFreeDoc(h2);
    }
    free(pages);
    free(first);
    END();
}

/* ==== header block (ô 1–4) ================================================================= */

/* Compares the paragraphs of `cell` having `style` with `expected` (n lines). */
static void check_cell_lines(xmlNodePtr cell, const char *style, char *const *expected, size_t n,
                             const char *what)
{
    dr_nodes ps = xnodes(current->document, cell, "w:p[w:pPr/w:pStyle/@w:val='%s']", style);
    CHECK(ps.count == n, "%s: %zu paragraph(s) of style %s, expected %zu", what, ps.count, style, n);
    for (size_t i = 0; i < ps.count && i < n; i++) {
        char *t = line_text(ps.items[i]);
        CHECK(strcmp(t, expected[i]) == 0, "%s line %zu is '%s', expected '%s'", what, i + 1, t, expected[i]);
        free(t);
    }
    dr_nodes_free(&ps);
}

static size_t upper_lines(const vb_lines *lines, char **out, size_t max)
{
    size_t n = 0;
    for (size_t i = 0; i < lines->count && n < max; i++)
        out[n++] = vb_upper_vi(lines->items[i].text);
    return n;
}

static size_t copy_lines(const char *const *src, char **out, size_t max)
{
    size_t n = 0;
    while (n < max && src[n]) {
        out[n] = vb_strdup(src[n]);
        n++;
    }
    return n;
}

static void free_lines(char **lines, size_t n)
{
    for (size_t i = 0; i < n; i++)
        free(lines[i]);
}

static xmlNodePtr header_cell(int row, int col)
{
    dr_nodes n = xnodes(current->document, NULL, "/w:document/w:body/w:tbl[1]/w:tr[%d]/w:tc[%d]", row, col);
    xmlNodePtr cell = n.count ? n.items[0] : NULL;
    dr_nodes_free(&n);
    return cell;
}

static void test_header_texts(void **state)
{
    BEGIN();
    const vb_document *doc = current->doc;
    const vb_layout *l = current->layout;
    const expectation *e = current->exp;
    int party = doc->format == VB_FORMAT_PARTY;

    /* The header block is the first thing in the body: a table, not paragraphs. */
    char *first = xstr(current->document, NULL, "local-name(/w:document/w:body/*[1])");
    CHECK(strcmp(first, "tbl") == 0, "the body starts with w:%s, not the header table", first);
    free(first);
    xmlNodePtr left = header_cell(1, 1), right = header_cell(1, 2);
    xmlNodePtr number_cell = header_cell(2, 1), date_cell = header_cell(2, 2);
    assert_non_null(left);
    assert_non_null(right);
    assert_non_null(number_cell);
    assert_non_null(date_cell);

    /* ô 2: parent body and issuer, upper-cased, as the YAML says and as the row says. */
    char *lines[8] = {0};
    size_t n = upper_lines(&doc->parent_body, lines, 8);
    check_cell_lines(left, "VbCoQuanChuQuan", lines, n, "parent body (from the YAML)");
    free_lines(lines, n);
    n = upper_lines(&doc->issuer, lines, 8);
    check_cell_lines(left, "VbCoQuanBanHanh", lines, n, "issuer (from the YAML)");
    free_lines(lines, n);
    if (e) {
        n = copy_lines(e->parent, lines, 8);
        check_cell_lines(left, "VbCoQuanChuQuan", lines, n, "parent body");
        free_lines(lines, n);
        n = copy_lines(e->issuer, lines, 8);
        check_cell_lines(left, "VbCoQuanBanHanh", lines, n, "issuer");
        free_lines(lines, n);
    }
    /* Party: a "*" on its own line under the issuer, no rule. */
    if (party) {
        char *mark = xstr(current->document, left,
                          "string(w:p[w:pPr/w:pStyle/@w:val='VbCoQuanBanHanh'][last()]/following-sibling::w:p[1][w:pPr/w:pStyle/@w:val='VbDauSao'])");
        CHECK(strcmp(mark, "*") == 0, "no '*' paragraph (VbDauSao) right under the issuer (found '%s')", mark);
        free(mark);
        CHECK(xcount(current->document, left, "w:p[w:pPr/w:pStyle/@w:val='VbDuongKe']") == 0,
              "a Party issuer has a '*', not a rule");
    }

    /* ô 1 */
    if (party) {
        const char *title[] = {PARTY_TITLE};
        check_cell_lines(right, "VbQuocHieu", (char *const *)title, 1, "ô 1");
        CHECK(xcount(current->document, right, "w:p[w:pPr/w:pStyle/@w:val='VbTieuNgu']") == 0,
              "a Party document has no Tiêu ngữ");
        CHECK(strstr(l->national_title, "CỘNG HÒA") == NULL, "Party layout names the state");
    } else {
        const char *title[] = {STATE_TITLE};
        const char *motto[] = {STATE_MOTTO};
        check_cell_lines(right, "VbQuocHieu", (char *const *)title, 1, "Quốc hiệu");
        check_cell_lines(right, "VbTieuNgu", (char *const *)motto, 1, "Tiêu ngữ");
        char *order = xstr(current->document, right,
                           "string(w:p[w:pPr/w:pStyle/@w:val='VbQuocHieu']/following-sibling::w:p[1]/w:pPr/w:pStyle/@w:val)");
        CHECK(strcmp(order, "VbTieuNgu") == 0, "Tiêu ngữ does not follow Quốc hiệu (next is %s)", order);
        free(order);
    }

    /* ô 3 and ô 4 on the same row. */
    char *number = xstr(current->document, number_cell, "string(w:p[w:pPr/w:pStyle/@w:val='VbSoKyHieu'][1])");
    char *date = xstr(current->document, date_cell, "string(w:p[w:pPr/w:pStyle/@w:val='VbDiaDanhNgay'][1])");
    if (e) {
        char *want_number = expand(e->number_line, l);
        char *want_date = expand(e->date_line, l);
        CHECK(strcmp(number, want_number) == 0, "number line '%s', expected '%s'", number, want_number);
        CHECK(strcmp(date, want_date) == 0, "date line '%s', expected '%s'", date, want_date);
        free(want_number);
        free(want_date);
    }
    CHECK(starts_with(number, party ? "Số " : "Số: "), "number line '%s' does not start with '%s'", number,
          party ? "Số " : "Số: ");
    CHECK(doc->code.text && ends_with(number, doc->code.text), "number line '%s' does not end with the ký hiệu",
          number);
    CHECK(doc->place.text && starts_with(date, doc->place.text) && strstr(date, ", ngày ") != NULL,
          "date line '%s' does not start with '<place>, ngày'", date);
    free(number);
    free(date);
    END();
}

/* ô 5a: tên loại and trích yếu. */
static void test_title_block(void **state)
{
    BEGIN();
    const vb_document *doc = current->doc;
    xmlDocPtr d = current->document;
    if (current->exp) {
        char *lines[8] = {0};
        size_t n = copy_lines(current->exp->type_name, lines, 8);
        dr_nodes ps = xnodes(d, NULL, "/w:document/w:body/w:p[w:pPr/w:pStyle/@w:val='VbTenLoai']");
        CHECK(ps.count == n, "%zu tên loại paragraph(s), expected %zu", ps.count, n);
        for (size_t i = 0; i < ps.count && i < n; i++) {
            char *t = line_text(ps.items[i]);
            CHECK(strcmp(t, lines[i]) == 0, "tên loại line %zu is '%s', expected '%s'", i + 1, t, lines[i]);
            free(t);
        }
        dr_nodes_free(&ps);
        free_lines(lines, n);
    }
    if (doc->subject.text) {
        dr_nodes ps = xnodes(d, NULL, "/w:document/w:body/w:p[w:pPr/w:pStyle/@w:val='VbTrichYeu']");
        CHECK(ps.count == 1, "%zu trích yếu paragraphs, expected 1", ps.count);
        if (ps.count) {
            char *t = line_text(ps.items[0]);
            CHECK(strcmp(t, doc->subject.text) == 0, "trích yếu reads '%s', the YAML says '%s'", t,
                  doc->subject.text);
            free(t);
        }
        dr_nodes_free(&ps);
    }
    END();
}

/* ==== rules ================================================================================ */

/* The rule paragraph right after the paragraph selected by `anchor` (relative to `ctx`):
 * checks it is an empty VbDuongKe paragraph with a single bottom border, centred, and returns
 * its length (cell or text width minus the indents), or -1 when there is none. */
static long rule_after(xmlNodePtr ctx, const char *anchor, long space_width, const char *what)
{
    char expr[512];
    snprintf(expr, sizeof expr, "(%s)[last()]/following-sibling::w:p[1]", anchor);
    dr_nodes n = xnodes(current->document, ctx, "%s", expr);
    xmlNodePtr p = n.count ? n.items[0] : NULL;
    dr_nodes_free(&n);
    CHECK(p != NULL, "%s: nothing follows", what);
    if (!p)
        return -1;
    CHECK(has_style(p, "VbDuongKe"), "%s: the paragraph after it has style '%s', not VbDuongKe", what,
          dr_paragraph_style(p));
    CHECK(xcount(current->document, p, "w:pPr/w:pBdr/w:bottom[@w:val='single']") == 1,
          "%s: the rule paragraph has no single bottom border", what);
    char *text = dr_wml_text(p, "");
    CHECK(text[0] == '\0', "%s: the rule paragraph has text '%s'", what, text);
    free(text);
    double left = xnum(current->document, p, "number(w:pPr/w:ind/@w:left)");
    double right = xnum(current->document, p, "number(w:pPr/w:ind/@w:right)");
    CHECK(!isnan(left) && !isnan(right), "%s: the rule has no left/right indents", what);
    if (isnan(left) || isnan(right))
        return -1;
    CHECK(fabs(left - right) <= 1, "%s: the rule is not centred (left %g, right %g)", what, left, right);
    return space_width - (long)left - (long)right;
}

/* Width of the widest line a reader sees in the paragraphs `anchor` selects: lines are split
 * at w:br, and a line longer than `available` wraps at spaces as a word processor wraps it;
 * measured in `element`'s font as vanban's geometry measures it. */
static long widest_rendered_line(xmlNodePtr ctx, const char *anchor, vb_element element, int available)
{
    dr_nodes ps = xnodes(current->document, ctx, "%s", anchor);
    long widest = 0;
    for (size_t i = 0; i < ps.count; i++) {
        char *text = dr_wml_text(ps.items[i], "\n");
        char *save = NULL;
        for (char *line = strtok_r(text, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
            long w = vb_widest_line(current->layout, element, line, available);
            if (w > widest)
                widest = w;
        }
        free(text);
    }
    dr_nodes_free(&ps);
    return widest;
}

static void check_fraction(long rule, long text, const char *what)
{
    /* NĐ30 Phụ lục I §II.2, §II.5a: 1/3 to 1/2 of the text line. */
    CHECK(rule > 0 && 3 * rule >= text && 2 * rule <= text,
          "%s: rule %ld twips is %.1f%% of its widest line (%ld twips); NĐ30 wants 33.3–50%%", what, rule,
          text ? 100.0 * (double)rule / (double)text : 0.0, text);
}

static void test_rules(void **state)
{
    BEGIN();
    int party = current->doc->format == VB_FORMAT_PARTY;
    xmlNodePtr right = header_cell(1, 2), left = header_cell(1, 1);
    assert_non_null(right);
    assert_non_null(left);
    long right_width = (long)xnum(current->document, right, "number(w:tcPr/w:tcW/@w:w)");
    long left_width = (long)xnum(current->document, left, "number(w:tcPr/w:tcW/@w:w)");

    /* ô 1: the rule under Tiêu ngữ (state) or under ĐẢNG CỘNG SẢN VIỆT NAM (Party) is exactly
     * as long as that text, set in its style's face and size. */
    const char *style = party ? "VbQuocHieu" : "VbTieuNgu";
    const char *text = party ? PARTY_TITLE : STATE_MOTTO;
    char anchor[128];
    snprintf(anchor, sizeof anchor, "w:p[w:pPr/w:pStyle/@w:val='%s']", style);
    long rule = rule_after(right, anchor, right_width, party ? "rule under ĐẢNG CỘNG SẢN VIỆT NAM" : "rule under Tiêu ngữ");
    double size = style_size_pt(style);
    vb_face face = style_face(style);
    CHECK(face == VB_FACE_BOLD, "%s is not bold upright", style);
    long want = twips_of_text(text, VB_FACE_BOLD, size);
    CHECK(rule == want, "the rule under '%s' is %ld twips; the text at %g pt bold is %ld twips", text, rule, size,
          want);

    /* ô 2: the issuer's rule (state) is 1/3–1/2 of its widest line. */
    if (!party) {
        long r = rule_after(left, "w:p[w:pPr/w:pStyle/@w:val='VbCoQuanBanHanh']", left_width, "issuer rule");
        long w = widest_rendered_line(left, "w:p[w:pPr/w:pStyle/@w:val='VbCoQuanBanHanh']", VB_EL_ISSUER,
                                      (int)left_width);
        if (r >= 0)
            check_fraction(r, w, "issuer");
    }

    /* ô 5a: the trích yếu's rule (state) is 1/3–1/2 of its widest line as printed; Party
     * documents print "-----" under it instead. */
    if (current->doc->subject.text) {
        dr_nodes b = xnodes(current->document, NULL, "/w:document/w:body");
        assert_int_equal(b.count, 1);
        xmlNodePtr body = b.items[0];
        dr_nodes_free(&b);
        if (party) {
            char *mark = xstr(current->document, body,
                              "string(w:p[w:pPr/w:pStyle/@w:val='VbTrichYeu']/following-sibling::w:p[1][w:pPr/w:pStyle/@w:val='VbGachTrichYeu'])");
            CHECK(strcmp(mark, "-----") == 0, "no '-----' (VbGachTrichYeu) under the Party trích yếu ('%s')", mark);
            free(mark);
        } else {
            long r = rule_after(body, "w:p[w:pPr/w:pStyle/@w:val='VbTrichYeu']", text_width_from_sectpr(),
                                "trích yếu rule");
            long w = widest_rendered_line(body, "w:p[w:pPr/w:pStyle/@w:val='VbTrichYeu']", VB_EL_SUBJECT,
                                          text_width_from_sectpr());
            if (r >= 0)
                check_fraction(r, w, "trích yếu");
        }
    }
    END();
}

/* ==== styles =============================================================================== */

static void test_styles_defined(void **state)
{
    BEGIN();
    const char *parts[] = {"word/document.xml", "word/header1.xml", "word/header2.xml"};
    for (size_t k = 0; k < 3; k++) {
        xmlDocPtr d = k == 0 ? current->document : dr_read_xml(current->pkg, parts[k]);
        assert_non_null(d);
        dr_nodes used = xnodes(d, NULL, "//w:pStyle/@w:val | //w:rStyle/@w:val | //w:tblStyle/@w:val");
        for (size_t i = 0; i < used.count; i++) {
            xmlChar *id = xmlNodeGetContent(used.items[i]);
            int defined = xcount(current->styles, NULL, "/w:styles/w:style[@w:styleId='%s']", (const char *)id);
            CHECK(defined == 1, "%s uses style '%s', which styles.xml defines %d times", parts[k], (const char *)id,
                  defined);
            xmlFree(id);
        }
        dr_nodes_free(&used);
        if (k)
            xmlFreeDoc(d);
    }
    /* A style's basedOn points at a defined style; there is exactly one default paragraph
     * style. */
    dr_nodes based = xnodes(current->styles, NULL, "/w:styles/w:style/w:basedOn/@w:val");
    for (size_t i = 0; i < based.count; i++) {
        xmlChar *id = xmlNodeGetContent(based.items[i]);
        CHECK(xcount(current->styles, NULL, "/w:styles/w:style[@w:styleId='%s']", (const char *)id) == 1,
              "basedOn '%s' is not a defined style", (const char *)id);
        xmlFree(id);
    }
    dr_nodes_free(&based);
    CHECK(xcount(current->styles, NULL, "/w:styles/w:style[@w:type='paragraph'][@w:default='1']") == 1,
          "not exactly one default paragraph style");
    END();
}

static const char *jc_of(vb_align a)
{
    switch (a) {
    case VB_ALIGN_CENTER:
        return "center";
    case VB_ALIGN_RIGHT:
        return "right";
    case VB_ALIGN_JUSTIFY:
        return "both";
    default:
        return "left";
    }
}

static void test_style_values(void **state)
{
    BEGIN();
    const vb_layout *l = current->layout;
    int party = current->doc->format == VB_FORMAT_PARTY;

    /* Every element's style matches the layout table, as a reader resolves it. */
    for (int el = 0; el < VB_EL_COUNT; el++) {
        /* Styles not every document has are declared only where used. */
        if (!vb_compose_uses(current->doc, (vb_element)el))
            continue;
        const char *id = element_style[el];
        const vb_text_style *s = &l->styles[el];
        CHECK(style_node(id) != NULL, "styles.xml has no style %s", id);
        if (!style_node(id))
            continue;
        long sz = style_int(id, "w:rPr/w:sz/@w:val", -1);
        CHECK(sz == (long)(s->size_pt * 2 + 0.5), "%s: w:sz %ld, layout says %g pt", id, sz, s->size_pt);
        CHECK(style_toggle(id, "w:b") == !!s->bold, "%s: bold %d, layout says %d", id, style_toggle(id, "w:b"), s->bold);
        CHECK(style_toggle(id, "w:i") == !!s->italic, "%s: italic %d, layout says %d", id, style_toggle(id, "w:i"),
              s->italic);
        CHECK(style_underline(id) == !!s->underline, "%s: underline %d, layout says %d", id, style_underline(id),
              s->underline);
        char *jc = style_text(id, "w:pPr/w:jc/@w:val");
        CHECK(strcmp(jc, jc_of(s->align)) == 0, "%s: jc '%s', layout says '%s'", id, jc, jc_of(s->align));
        free(jc);
        long first = style_int(id, "w:pPr/w:ind/@w:firstLine", 0);
        CHECK(first == s->first_line_twips, "%s: firstLine %ld, layout says %d", id, first, s->first_line_twips);
        long before = style_int(id, "w:pPr/w:spacing/@w:before", 0);
        long after = style_int(id, "w:pPr/w:spacing/@w:after", 0);
        CHECK(before == s->space_before_twips, "%s: spacing before %ld, layout says %d", id, before,
              s->space_before_twips);
        CHECK(after == s->space_after_twips, "%s: spacing after %ld, layout says %d", id, after, s->space_after_twips);
        if (el != VB_EL_RULE) {
            long line = style_int(id, "w:pPr/w:spacing/@w:line", 240);
            CHECK(line == s->line_240ths, "%s: line %ld, layout says %d", id, line, s->line_240ths);
        }
        char *font = style_text(id, "w:rPr/w:rFonts/@w:ascii");
        CHECK(strcmp(font, "Times New Roman") == 0, "%s: font '%s', not Times New Roman", id, font);
        free(font);
        char *color = style_text(id, "w:rPr/w:color/@w:val");
        if (el == VB_EL_SECRECY || el == VB_EL_URGENCY)
            /* ô 10a, 10b are the one exception: the marks are in bright-red ink. */
            CHECK(strcmp(color, "FF0000") == 0, "%s: colour %s, NĐ30 wants the marks red", id, color);
        else
            CHECK(color[0] == '\0' || strcmp(color, "000000") == 0 || strcmp(color, "auto") == 0,
                  "%s: colour %s, NĐ30 wants black", id, color);
        free(color);
    }

    /* The decree's ranges. */
    const decree_rule *rules = party ? party_rules : state_rules;
    size_t count = party ? sizeof party_rules / sizeof *party_rules : sizeof state_rules / sizeof *state_rules;
    for (size_t i = 0; i < count; i++) {
        const decree_rule *r = &rules[i];
        double pt = style_size_pt(r->style_id);
        CHECK(pt >= r->min_pt && pt <= r->max_pt, "%s: %g pt, %s wants %g–%g", r->style_id, pt,
              party ? "HD36" : "NĐ30", r->min_pt, r->max_pt);
        if (r->bold >= 0)
            CHECK(style_toggle(r->style_id, "w:b") == r->bold, "%s: bold should be %d", r->style_id, r->bold);
        if (r->italic >= 0)
            CHECK(style_toggle(r->style_id, "w:i") == r->italic, "%s: italic should be %d", r->style_id, r->italic);
        if (r->underline >= 0)
            CHECK(style_underline(r->style_id) == r->underline, "%s: underline should be %d", r->style_id,
                  r->underline);
    }
    /* Spelled out, as the decree states them. */
    CHECK(style_int("VbSoKyHieu", "w:rPr/w:sz/@w:val", -1) == (party ? 28 : 26), "Số, ký hiệu: w:sz %ld, expected %d",
          style_int("VbSoKyHieu", "w:rPr/w:sz/@w:val", -1), party ? 28 : 26);
    char *jc = style_text("VbNoiDung", "w:pPr/w:jc/@w:val");
    CHECK(strcmp(jc, "both") == 0, "body paragraphs are aligned '%s', not justified", jc);
    free(jc);
    long first = style_int("VbNoiDung", "w:pPr/w:ind/@w:firstLine", 0);
    CHECK(first >= 567 && first <= 720, "body first-line indent %ld twips, NĐ30 wants 1–1.27 cm", first);
    long before = style_int("VbNoiDung", "w:pPr/w:spacing/@w:before", 0) +
                  style_int("VbNoiDung", "w:pPr/w:spacing/@w:after", 0);
    CHECK(before >= 120, "body paragraphs are %ld twips apart, NĐ30 wants at least 6 pt", before);
    long line = style_int("VbNoiDung", "w:pPr/w:spacing/@w:line", 240);
    char *rule = style_text("VbNoiDung", "w:pPr/w:spacing/@w:lineRule");
    CHECK((rule[0] == '\0' || strcmp(rule, "auto") == 0) && line >= 240 && line <= 360,
          "body line spacing %ld (%s), NĐ30 wants single to 1.5 lines", line, rule);
    free(rule);

    /* Sizes come from the styles: no run in the document overrides them. */
    CHECK(xcount(current->document, NULL, "//w:r/w:rPr/w:sz") == 0, "a run in document.xml sets its own size");
    END();
}

/* ==== body ================================================================================= */

static void test_heading_labels(void **state)
{
    BEGIN();
    char *got[256];
    size_t n = docx_labels(got, 256);

    /* What the YAML implies, through the model's numbering. */
    char *model[256];
    size_t m = 0;
    const vb_node *root = current->doc->body;
    for (const vb_node *x = root->first_child; x; x = vb_node_next_preorder(x, root)) {
        if ((x->kind == VB_NODE_SECTION || x->kind == VB_NODE_AGENCY) && m < 256) {
            char buf[96];
            model[m++] = vb_strdup(vb_section_label(current->layout, x, buf, sizeof buf));
        }
    }
    CHECK(n == m, "%zu labels in the document, %zu sections and agencies in the YAML", n, m);
    for (size_t i = 0; i < n && i < m; i++)
        CHECK(strcmp(got[i], model[i]) == 0, "label %zu is '%s', the YAML's section is '%s'", i + 1, got[i], model[i]);

    /* And the sequence written out by hand. */
    if (current->exp) {
        size_t k = 0;
        while (k < MAX_LABELS && current->exp->labels[k])
            k++;
        CHECK(n == k, "%zu labels in the document, expected %zu", n, k);
        for (size_t i = 0; i < n && i < k; i++)
            CHECK(strcmp(got[i], current->exp->labels[i]) == 0, "label %zu is '%s', expected '%s'", i + 1, got[i],
                  current->exp->labels[i]);
    }
    /* Headings carry their own style: mục VbMuc, khoản VbKhoan, điểm VbDiem. */
    dr_nodes heads = xnodes(current->document, NULL,
                            "/w:document/w:body/w:p[w:pPr/w:pStyle/@w:val='VbMuc' or w:pPr/w:pStyle/@w:val='VbKhoan' or w:pPr/w:pStyle/@w:val='VbDiem']");
    for (size_t i = 0; i < heads.count; i++) {
        char *t = line_text(heads.items[i]);
        const char *style = dr_paragraph_style(heads.items[i]);
        size_t len = label_length(t);
        const char *label_end = t + len;
        int roman = len && is_roman_digit(t[0]) && (label_end[-1] == '.' || label_end[-1] == '-');
        int letter = len && label_end[-1] == ')';
        if (strcmp(style, "VbMuc") == 0)
            CHECK(roman, "VbMuc paragraph '%s' has no Roman number", t);
        else if (strcmp(style, "VbDiem") == 0)
            CHECK(letter, "VbDiem paragraph '%s' has no letter", t);
        else
            CHECK(len && isdigit((unsigned char)t[0]), "VbKhoan paragraph '%s' has no Arabic number", t);
        free(t);
    }
    dr_nodes_free(&heads);
    free_lines(got, n);
    free_lines(model, m);
    END();
}

typedef struct {
    char *text;      /* what the paragraph must contain */
    int end_of_body; /* the last unit: must end with the end mark */
} unit;

/* The running text of inline content: footnotes are set at the foot of the page. */
static char *plain_without_notes(const vb_inline *in)
{
    vb_buf b = {0};
    vb_buf_add(&b, "");
    for (size_t i = 0; i < in->count; i++)
        if (!(in->runs[i].style & VB_RUN_NOTE))
            vb_buf_add(&b, in->runs[i].text);
    return b.data;
}

/* The paragraphs the model implies, in order, each as text the paragraph contains. */
static size_t model_units(unit *out, size_t max)
{
    const vb_layout *l = current->layout;
    const vb_node *root = current->doc->body;
    size_t n = 0;
    for (const vb_node *x = root->first_child; x && n + 2 < max; x = vb_node_next_preorder(x, root)) {
        char label[96];
        switch (x->kind) {
        case VB_NODE_PARAGRAPH: {
            char *plain = plain_without_notes(&x->content);
            const vb_node *p = x->parent;
            if (p && p != root && p->kind == VB_NODE_SECTION && p->title.count == 0 && p->first_child == x &&
                !l->numbering[p->level].own_line) {
                /* "2. Bên cạnh …": the number runs in. */
                vb_buf b = {0};
                vb_buf_printf(&b, "%s %s", vb_section_label(l, p, label, sizeof label), plain);
                free(plain);
                plain = b.data;
            }
            out[n++] = (unit){plain, 0};
            break;
        }
        case VB_NODE_SECTION:
        case VB_NODE_AGENCY: {
            const vb_numbering *num = &l->numbering[x->level];
            vb_section_label(l, x, label, sizeof label);
            char *title = vb_inline_plain(&x->title);
            int upper = num->own_line ? 1 : l->styles[num->element].upper;
            char *shown = upper ? vb_upper_vi(title) : vb_strdup(title);
            free(title);
            if (num->own_line) {
                out[n++] = (unit){vb_strdup(label), 0};
                if (shown[0])
                    out[n++] = (unit){shown, 0};
                else
                    free(shown);
            } else if (shown[0]) {
                vb_buf b = {0};
                vb_buf_printf(&b, "%s %s", label, shown);
                free(shown);
                out[n++] = (unit){b.data, 0};
            } else if (!(x->kind == VB_NODE_SECTION && x->first_child && x->first_child->kind == VB_NODE_PARAGRAPH)) {
                free(shown);
                out[n++] = (unit){vb_strdup(label), 0};
            } else {
                free(shown);
            }
            break;
        }
        case VB_NODE_TASK:
            out[n++] = (unit){vb_format_task(x), 0};
            break;
        case VB_NODE_TASKS:
        case VB_NODE_TABLE:
            break;
        }
    }
    if (n)
        out[n - 1].end_of_body = 1;
    return n;
}

static void test_body_text(void **state)
{
    BEGIN();
    unit units[1024];
    size_t n = model_units(units, 1024);
    CHECK(n > 0, "the body is empty");
    dr_nodes paras = xnodes(current->document, NULL, "/w:document/w:body/w:p");
    char **texts = calloc(paras.count ? paras.count : 1, sizeof *texts);
    assert_non_null(texts);
    for (size_t i = 0; i < paras.count; i++)
        texts[i] = line_text(paras.items[i]);

    /* Every text of the YAML is in a paragraph of its own, in order, with nothing lost,
     * repeated or slipped in between. */
    size_t cursor = 0;
    for (size_t u = 0; u < n; u++) {
        size_t k = cursor;
        while (k < paras.count && strstr(texts[k], units[u].text) == NULL)
            k++;
        if (k == paras.count) {
            CHECK(0, "text %zu of the YAML is not in the document after paragraph %zu: '%.120s'", u + 1, cursor,
                  units[u].text);
            continue;
        }
        if (u > 0)
            CHECK(k == cursor, "before '%.60s' the document has %zu paragraph(s) the YAML does not: '%.80s'",
                  units[u].text, k - cursor, texts[cursor]);
        cursor = k + 1;
    }

    /* Bullets read "- " (or "+ " one level down) and run-in labels are followed by a space. */
    for (size_t i = 0; i < paras.count; i++) {
        if (has_style(paras.items[i], "VbGachDauDong")) {
            size_t len = label_length(texts[i]);
            const char *t = texts[i] + (len ? len + 1 : 0);
            CHECK(starts_with(t, "- ") || starts_with(t, "+ "), "bullet paragraph '%.60s' has no '- '", texts[i]);
        }
    }
    for (size_t i = 0; i < paras.count; i++)
        free(texts[i]);
    free(texts);
    dr_nodes_free(&paras);
    for (size_t u = 0; u < n; u++)
        free(units[u].text);
    END();
}

static void test_end_mark(void **state)
{
    BEGIN();
    const char *mark = current->layout->end_mark;
    dr_nodes last = xnodes(current->document, NULL,
                           "/w:document/w:body/w:tbl[.//w:pStyle/@w:val='VbNoiNhan'][1]/preceding-sibling::w:p[normalize-space(string(.))!=''][1]");
    CHECK(last.count == 1, "no body paragraph before the signature table");
    if (last.count) {
        char *t = line_text(last.items[0]);
        CHECK(ends_with(t, mark), "the last body paragraph ends '…%s', not with '%s'",
              strlen(t) > 40 ? t + strlen(t) - 40 : t, mark);
        CHECK(!ends_with(t, "././.") && !ends_with(t, "..//."), "the end mark is doubled: '…%s'",
              strlen(t) > 20 ? t + strlen(t) - 20 : t);
        free(t);
    }
    dr_nodes_free(&last);
    /* Only the end carries it. */
    dr_nodes paras = xnodes(current->document, NULL, "/w:document/w:body/w:p");
    int marked = 0;
    for (size_t i = 0; i < paras.count; i++) {
        char *t = line_text(paras.items[i]);
        marked += ends_with(t, mark);
        free(t);
    }
    CHECK(marked == 1, "%d paragraphs end with '%s', expected 1", marked, mark);
    dr_nodes_free(&paras);
    END();
}

/* ==== Nơi nhận and signature (ô 9b, ô 7) =================================================== */

static xmlNodePtr last_table_cell(int col)
{
    dr_nodes n = xnodes(current->document, NULL, "/w:document/w:body/w:tbl[.//w:pStyle/@w:val='VbNoiNhan'][1]/w:tr[1]/w:tc[%d]", col);
    xmlNodePtr c = n.count ? n.items[0] : NULL;
    dr_nodes_free(&n);
    return c;
}

static void test_recipients(void **state)
{
    BEGIN();
    const vb_layout *l = current->layout;
    const vb_lines *r = &current->doc->recipients;
    int party = current->doc->format == VB_FORMAT_PARTY;
    xmlNodePtr cell = last_table_cell(1);
    assert_non_null(cell);
    dr_nodes ps = xnodes(current->document, cell, "w:p");
    CHECK(ps.count >= 1, "the left cell of the last table is empty");
    if (ps.count) {
        char *t = line_text(ps.items[0]);
        CHECK(strcmp(t, "Nơi nhận:") == 0, "the left cell of the last table starts with '%s', not 'Nơi nhận:'", t);
        CHECK(has_style(ps.items[0], "VbNoiNhan"), "'Nơi nhận:' has style '%s'", dr_paragraph_style(ps.items[0]));
        free(t);
    }
    CHECK(ps.count == r->count + 1, "%zu recipient lines, the YAML has %zu", ps.count ? ps.count - 1 : 0, r->count);
    const char *sep = party ? "," : ";"; /* HD36 practice "," ; NĐ30 ";" ; both end with "." */
    CHECK(strcmp(l->recipient_separator, sep) == 0, "layout separator '%s'", l->recipient_separator);
    for (size_t i = 0; i < r->count && i + 1 < ps.count; i++) {
        char *bare = bare_recipient(r->items[i].text);
        vb_buf want = {0};
        vb_buf_printf(&want, "- %s%s", bare, i + 1 == r->count ? "." : sep);
        char *t = line_text(ps.items[i + 1]);
        CHECK(strcmp(t, want.data) == 0, "recipient %zu reads '%s', expected '%s'", i + 1, t, want.data);
        CHECK(has_style(ps.items[i + 1], "VbNoiNhanMuc"), "recipient %zu has style '%s'", i + 1,
              dr_paragraph_style(ps.items[i + 1]));
        free(t);
        vb_buf_free(&want);
        free(bare);
    }
    if (current->exp && ps.count >= 2) {
        char *first = line_text(ps.items[1]);
        char *last = line_text(ps.items[ps.count - 1]);
        CHECK(strcmp(first, current->exp->first_recipient) == 0, "first recipient '%s', expected '%s'", first,
              current->exp->first_recipient);
        CHECK(strcmp(last, current->exp->last_recipient) == 0, "last recipient '%s', expected '%s'", last,
              current->exp->last_recipient);
        free(first);
        free(last);
    }
    dr_nodes_free(&ps);
    END();
}

static void test_signature(void **state)
{
    BEGIN();
    const vb_document *doc = current->doc;
    int party = doc->format == VB_FORMAT_PARTY;
    CHECK(doc->signer_count == 1, "the samples have one signer (got %zu)", doc->signer_count);
    if (doc->signer_count != 1)
        goto done;
    const vb_signer *s = &doc->signers[0];
    xmlNodePtr cell = last_table_cell(2);
    assert_non_null(cell);
    dr_nodes ps = xnodes(current->document, cell, "w:p[normalize-space(string(.))!='']");

    /* Expected lines: from the YAML (upper-cased), and as written by hand. */
    char *want[8];
    size_t n = 0;
    for (size_t i = 0; i < s->authority.count && n < 6; i++)
        want[n++] = vb_upper_vi(s->authority.items[i].text);
    if (s->title.text)
        want[n++] = vb_upper_vi(s->title.text);
    size_t upper_count = n;
    want[n++] = vb_strdup(s->name.text ? s->name.text : "");
    if (current->exp) {
        size_t k = 0;
        while (k < 5 && current->exp->signer_lines[k])
            k++;
        CHECK(k == upper_count, "%zu quyền hạn/chức vụ lines in the YAML, expected %zu", upper_count, k);
        for (size_t i = 0; i < k && i < upper_count; i++)
            CHECK(strcmp(want[i], current->exp->signer_lines[i]) == 0, "signer line %zu: '%s', expected '%s'", i + 1,
                  want[i], current->exp->signer_lines[i]);
        CHECK(strcmp(want[upper_count], current->exp->signer_name) == 0, "signer '%s', expected '%s'",
              want[upper_count], current->exp->signer_name);
    }
    CHECK(ps.count == n, "the signature cell has %zu lines, expected %zu", ps.count, n);
    for (size_t i = 0; i < ps.count && i < n; i++) {
        char *t = line_text(ps.items[i]);
        const char *style = dr_paragraph_style(ps.items[i]);
        CHECK(strcmp(t, want[i]) == 0, "signature line %zu reads '%s', expected '%s'", i + 1, t, want[i]);
        const char *want_style = i + 1 == n ? "VbHoTen" : i < s->authority.count ? "VbQuyenHan" : "VbChucVu";
        CHECK(strcmp(style, want_style) == 0, "signature line %zu has style '%s', expected %s", i + 1, style,
              want_style);
        free(t);
    }
    /* Bold: quyền hạn and name always; chức vụ in NĐ30 (HD36: not bold). */
    CHECK(style_toggle("VbQuyenHan", "w:b"), "quyền hạn is not bold");
    CHECK(style_toggle("VbHoTen", "w:b"), "the signer's name is not bold");
    CHECK(style_toggle("VbChucVu", "w:b") == !party, "chức vụ bold is %d, expected %d", style_toggle("VbChucVu", "w:b"),
          !party);
    /* Room for the signature and the seal above the name. */
    if (ps.count) {
        double gap = xnum(current->document, ps.items[ps.count - 1], "number(w:pPr/w:spacing/@w:before)");
        CHECK(!isnan(gap) && gap >= 1000, "only %g twips above the name for the signature", gap);
    }
    free_lines(want, n);
    dr_nodes_free(&ps);
done:
    END();
}

/* ==== driver =============================================================================== */

static const expectation *find_expectation(const char *name)
{
    for (size_t i = 0; i < sizeof expectations / sizeof *expectations; i++)
        if (strcmp(expectations[i].file, name) == 0)
            return &expectations[i];
    return NULL;
}

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
        fprintf(stderr, "test_render: no samples in %s/inputs\n", root);
        if (grc == 0)
            globfree(&g);
        return 1;
    }

    /* Every expected sample must be there: a renamed file must not silently drop its row. */
    int failures = 0;
    for (size_t i = 0; i < sizeof expectations / sizeof *expectations; i++) {
        int found = 0;
        for (size_t k = 0; k < g.gl_pathc; k++) {
            const char *slash = strrchr(g.gl_pathv[k], '/');
            found |= strcmp(slash ? slash + 1 : g.gl_pathv[k], expectations[i].file) == 0;
        }
        if (!found) {
            fprintf(stderr, "test_render: expected sample inputs/%s is missing\n", expectations[i].file);
            failures++;
        }
    }

    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_package),       cmocka_unit_test(test_reproducible),
        cmocka_unit_test(test_core_dates),    cmocka_unit_test(test_page),
        cmocka_unit_test(test_page_headers),  cmocka_unit_test(test_header_texts),
        cmocka_unit_test(test_title_block),   cmocka_unit_test(test_rules),
        cmocka_unit_test(test_styles_defined), cmocka_unit_test(test_style_values),
        cmocka_unit_test(test_heading_labels), cmocka_unit_test(test_body_text),
        cmocka_unit_test(test_end_mark),      cmocka_unit_test(test_recipients),
        cmocka_unit_test(test_signature),
    };
    for (size_t k = 0; k < g.gl_pathc; k++) {
        sample s = {0};
        s.yaml_path = g.gl_pathv[k];
        const char *slash = strrchr(s.yaml_path, '/');
        s.name = slash ? slash + 1 : s.yaml_path;
        s.exp = find_expectation(s.name);
        if (!s.exp)
            fprintf(stderr, "test_render: %s has no row in `expectations`; checking it against its YAML only\n",
                    s.name);
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
