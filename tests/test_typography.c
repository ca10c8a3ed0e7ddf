/* Typography of Vietnamese administrative text (viet/typography.h): every kind with its
 * positive and negative cases, exact offsets (bytes of the INPUT), exact fixed text, fix = 0
 * leaving the text alone, idempotence, multi-line text keeping its indentation and newlines,
 * NFD → NFC, and real paragraphs from the inputs/ YAML files that must produce nothing at all. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "viet/typography.h"

/* ---- helpers -------------------------------------------------------------------------- */

#define MAX_EXPECT 8

typedef struct {
    vb_typo_kind kind;
    size_t offset, length;
    int fixed; /* with fix = 1 */
} expect;

typedef struct {
    const char *name;
    const char *in;
    const char *out; /* with fix = 1; NULL: the same as `in` */
    expect want[MAX_EXPECT];
    size_t count;
} typo_case;

static const char *kind_name(vb_typo_kind k)
{
    static const char *const names[] = {
        "DOUBLE_SPACE", "SPACE_BEFORE_PUNCT", "NO_SPACE_AFTER", "STRAIGHT_QUOTES",
        "ELLIPSIS", "INVISIBLE", "NBSP", "NOT_NFC", "THOUSANDS_COMMA", "DECIMAL_POINT",
        "TRAILING_SPACE",
    };
    return (unsigned)k < sizeof names / sizeof *names ? names[k] : "?";
}

static void dump(const char *what, const vb_typo_finding *f, size_t n)
{
    print_error("  %s (%zu):\n", what, n);
    for (size_t i = 0; i < n; i++)
        print_error("    %s @%zu+%zu fixed=%d\n", kind_name(f[i].kind), f[i].offset, f[i].length,
                    f[i].fixed);
}

/* Runs one case with fix = 0 and fix = 1 and checks text, findings and idempotence. */
static void run_case(const typo_case *c)
{
    const char *out = c->out ? c->out : c->in;
    size_t len = strlen(c->in);
    for (int fix = 0; fix <= 1; fix++) {
        vb_typo_finding *f = NULL;
        size_t n = 99;
        char *got = vb_typography(c->in, len, fix, &f, &n);
        assert_non_null(got);
        const char *want_text = fix ? out : c->in;
        int ok = strcmp(got, want_text) == 0 && n == c->count;
        for (size_t i = 0; ok && i < n; i++) {
            const expect *e = &c->want[i];
            ok = f[i].kind == e->kind && f[i].offset == e->offset && f[i].length == e->length &&
                 f[i].fixed == (fix ? e->fixed : 0);
        }
        for (size_t i = 0; ok && i + 1 < n; i++)
            ok = f[i].offset <= f[i + 1].offset;
        for (size_t i = 0; ok && i < n; i++)
            ok = f[i].offset + f[i].length <= len;
        if (!ok) {
            print_error("case \"%s\", fix = %d:\n  input    \"%s\"\n  expected \"%s\"\n  got      \"%s\"\n",
                        c->name, fix, c->in, want_text, got);
            print_error("  expected findings (%zu):\n", c->count);
            for (size_t i = 0; i < c->count; i++)
                print_error("    %s @%zu+%zu fixed=%d\n", kind_name(c->want[i].kind),
                            c->want[i].offset, c->want[i].length, fix ? c->want[i].fixed : 0);
            dump("got findings", f, n);
            free(got);
            free(f);
            fail();
        }
        free(got);
        free(f);
    }

    /* Fixing the fixed text changes nothing and finds nothing left to fix. */
    vb_typo_finding *f = NULL;
    size_t n = 0;
    char *again = vb_typography(out, strlen(out), 1, &f, &n);
    int ok = strcmp(again, out) == 0;
    for (size_t i = 0; ok && i < n; i++)
        ok = !f[i].fixed;
    if (!ok) {
        print_error("case \"%s\": not idempotent:\n  once  \"%s\"\n  twice \"%s\"\n", c->name, out, again);
        dump("second run", f, n);
        free(again);
        free(f);
        fail();
    }
    free(again);
    free(f);
}

static void run_table(const typo_case *cases, size_t n)
{
    for (size_t i = 0; i < n; i++)
        run_case(&cases[i]);
}

#define RUN(table) run_table(table, sizeof table / sizeof *table)

/* A text that must come back unchanged with no finding at all, with both fix values. */
static void assert_clean(const char *text)
{
    for (int fix = 0; fix <= 1; fix++) {
        vb_typo_finding *f = NULL;
        size_t n = 0;
        char *got = vb_typography(text, strlen(text), fix, &f, &n);
        if (strcmp(got, text) != 0 || n != 0) {
            print_error("expected no change and no finding (fix = %d):\n  input \"%s\"\n  got   \"%s\"\n",
                        fix, text, got);
            dump("findings", f, n);
            for (size_t i = 0; i < n; i++)
                print_error("    at \"%.*s\"\n", (int)f[i].length, text + f[i].offset);
            free(got);
            free(f);
            fail();
        }
        free(got);
        free(f);
    }
}

#define D VB_TYPO_DOUBLE_SPACE
#define SB VB_TYPO_SPACE_BEFORE_PUNCT
#define NA VB_TYPO_NO_SPACE_AFTER
#define Q VB_TYPO_STRAIGHT_QUOTES
#define EL VB_TYPO_ELLIPSIS
#define INV VB_TYPO_INVISIBLE
#define NB VB_TYPO_NBSP
#define NFC VB_TYPO_NOT_NFC
#define TH VB_TYPO_THOUSANDS_COMMA
#define DP VB_TYPO_DECIMAL_POINT
#define TR VB_TYPO_TRAILING_SPACE

#define NBSP "\xC2\xA0"
#define NNBSP "\xE2\x80\xAF"
#define ZWSP "\xE2\x80\x8B"
#define ZWNJ "\xE2\x80\x8C"
#define ZWJ "\xE2\x80\x8D"
#define WJ "\xE2\x81\xA0"
#define BOM "\xEF\xBB\xBF"
#define SHY "\xC2\xAD"
#define GRAVE "\xCC\x80"     /* U+0300 */
#define HOOK "\xCC\x89"      /* U+0309 */
#define DOT_BELOW "\xCC\xA3" /* U+0323 */
#define CIRC "\xCC\x82"      /* U+0302 */

/* ---- double spaces -------------------------------------------------------------------- */

static void test_double_space(void **state)
{
    (void)state;
    static const typo_case cases[] = {
        {"two", "a  b", "a b", {{D, 1, 2, 1}}, 1},
        {"several runs", "Số  05 và   06", "Số 05 và 06", {{D, 4, 2, 1}, {D, 12, 3, 1}}, 2},
        {"after a full stop", "xong.  Tiếp", "xong. Tiếp", {{D, 5, 2, 1}}, 1},
        {"single spaces", "một hai ba", NULL, {{0}}, 0},
        {"indentation kept", "    thụt đầu dòng", NULL, {{0}}, 0},
        {"indentation of a later line kept", "a\n   b\n\t  c", NULL, {{0}}, 0},
        {"blank number of a draft", "Số:          /BC-LHH", NULL, {{0}}, 0},
        {"tab between spaces is not a run", "a \t b", NULL, {{0}}, 0},
    };
    RUN(cases);
}

/* ---- space before punctuation --------------------------------------------------------- */

static void test_space_before_punct(void **state)
{
    (void)state;
    static const typo_case cases[] = {
        {"each mark", "a , b ; c : d .", "a, b; c: d.",
         {{SB, 1, 1, 1}, {SB, 5, 1, 1}, {SB, 9, 1, 1}, {SB, 13, 1, 1}}, 4},
        {"question and exclamation", "Thật sao ? Hay !", "Thật sao? Hay!", {{SB, 10, 1, 1}, {SB, 16, 1, 1}}, 2},
        {"several spaces", "Số   : 05", "Số: 05", {{SB, 4, 3, 1}}, 1},
        {"inside brackets", "( a )", "(a)", {{SB, 1, 1, 1}, {SB, 3, 1, 1}}, 2},
        {"brackets in a sentence", "Hội đồng ( gọi tắt là HĐ ) gồm", "Hội đồng (gọi tắt là HĐ) gồm",
         {{SB, 15, 1, 1}, {SB, 35, 1, 1}}, 2},
        {"before the end mark", "Tỉnh ủy ./.", "Tỉnh ủy./.", {{SB, 11, 1, 1}}, 1},
        {"before an ellipsis at the end", "các sàn TMĐT …", "các sàn TMĐT…", {{SB, 15, 1, 1}}, 1},
        {"before an ellipsis and a comma", "xã … , và", "xã…, và", {{SB, 3, 1, 1}, {SB, 7, 1, 1}}, 2},
        {"a domain or a file extension", "tên miền .vn và tệp .docx", NULL, {{0}}, 0},
        {"a point before a number", "giá trị .5", NULL, {{0}}, 0},
        {"blanks of a draft date", "ngày … tháng … năm 2024", NULL, {{0}}, 0},
        {"mark after indentation", "  , tiếp\n  . hết", NULL, {{0}}, 0},
        {"opening bracket at the line end", "xem (\nphụ lục)", NULL, {{0}}, 0},
        {"no space", "a, b; c: d. e! f?", NULL, {{0}}, 0},
    };
    RUN(cases);
}

/* ---- missing space after , ; : -------------------------------------------------------- */

static void test_no_space_after(void **state)
{
    (void)state;
    static const typo_case cases[] = {
        {"comma", "a,b", "a, b", {{NA, 1, 1, 1}}, 1},
        {"colon", "Kính gửi:Sở Tài chính", "Kính gửi: Sở Tài chính", {{NA, 11, 1, 1}}, 1},
        {"semicolon and comma", "x;y,z", "x; y, z", {{NA, 1, 1, 1}, {NA, 3, 1, 1}}, 2},
        {"before an e-mail", "Email:lienhe@bacgiang.gov.vn", "Email: lienhe@bacgiang.gov.vn",
         {{NA, 5, 1, 1}}, 1},
        {"space before and none after", "a ,b", "a, b", {{SB, 1, 1, 1}, {NA, 2, 1, 1}}, 2},
        {"decimal comma", "tăng 1,5 lần, đạt 34,6%", NULL, {{0}}, 0},
        {"thousands point", "1.879 người", NULL, {{0}}, 0},
        {"time", "lúc 8:30, 8 giờ 30", NULL, {{0}}, 0},
        {"dates", "ngày 11/6/2021, ngày 05 tháng 01 năm 2024", NULL, {{0}}, 0},
        {"document numbers", "Nghị định số 30/2020/NĐ-CP; Số: 05/BC-UBND; 111-NQ/TU", NULL, {{0}}, 0},
        {"ratio", "tỷ lệ 1:500, 3:1", NULL, {{0}}, 0},
        {"URL", "https://dichvucong.gov.vn/tra-cuu?ma=1,loai=BC;x:y", NULL, {{0}}, 0},
        {"URL after a word", "xem tại http://a.gov.vn/a,b.", NULL, {{0}}, 0},
        {"www", "www.bacgiang.gov.vn/tin,tuc", NULL, {{0}}, 0},
        {"e-mail with mailto", "mailto:vanthu@bacgiang.gov.vn", NULL, {{0}}, 0},
        {"end mark", "Tỉnh ủy./.", NULL, {{0}}, 0},
        {"abbreviations", "T.Ư, TP.HCM, v.v.", NULL, {{0}}, 0},
        {"double colon", "std::vector", NULL, {{0}}, 0},
        {"mark before a quote or a bracket", "a,“b”, c:(d)", NULL, {{0}}, 0},
    };
    RUN(cases);
}

/* ---- straight quotes ------------------------------------------------------------------ */

static void test_straight_quotes(void **state)
{
    (void)state;
    static const typo_case cases[] = {
        {"a pair", "\"x\"", "“x”", {{Q, 0, 1, 1}, {Q, 2, 1, 1}}, 2},
        {"a pair in a sentence", "Ban hanh \"Quy che\" moi", "Ban hanh “Quy che” moi",
         {{Q, 9, 1, 1}, {Q, 17, 1, 1}}, 2},
        {"in brackets", "(\"x\")", "(“x”)", {{Q, 1, 1, 1}, {Q, 3, 1, 1}}, 2},
        {"two pairs", "\"a\" và \"b\"", "“a” và “b”",
         {{Q, 0, 1, 1}, {Q, 2, 1, 1}, {Q, 8, 1, 1}, {Q, 10, 1, 1}}, 4},
        {"straight opening, curly closing", "Dự thảo \"Báo cáo”", "Dự thảo “Báo cáo”", {{Q, 12, 1, 1}}, 1},
        {"curly opening, straight closing", "“Báo cáo\" này", "“Báo cáo” này", {{Q, 12, 1, 1}}, 1},
        {"an odd one after a pair", "\"a\" \"b", "“a” \"b", {{Q, 0, 1, 1}, {Q, 2, 1, 1}, {Q, 4, 1, 0}}, 3},
        {"inches", "màn hình 15\" mới", NULL, {{Q, 13, 1, 0}}, 1},
        {"pairs do not cross lines", "\"a\n b\"", NULL, {{Q, 0, 1, 0}, {Q, 5, 1, 0}}, 2},
        {"single quotes alone", "it's 'x'", NULL, {{0}}, 0},
        {"escaped quotes", "a \\\"b\\\" c", NULL, {{0}}, 0},
        {"curly quotes", "“Chương trình” và ‘x’", NULL, {{0}}, 0},
    };
    RUN(cases);
}

/* ---- ellipsis ------------------------------------------------------------------------- */

static void test_ellipsis(void **state)
{
    (void)state;
    static const typo_case cases[] = {
        {"after an abbreviation", "v.v...", "v.v…", {{EL, 3, 3, 1}}, 1},
        {"in a sentence", "chờ... xem", "chờ… xem", {{EL, 5, 3, 1}}, 1},
        {"after a comma", "Viettel,... trong", "Viettel,… trong", {{EL, 8, 3, 1}}, 1},
        {"spaced", "khác ...", "khác…", {{SB, 5, 1, 1}, {EL, 6, 3, 1}}, 2},
        {"leader dots", "Mục lục........ 5", NULL, {{0}}, 0},
        {"four dots", "a....", NULL, {{0}}, 0},
        {"two dots", "a.. b", NULL, {{0}}, 0},
        {"end mark", "./.", NULL, {{0}}, 0},
        {"dotted blank before a slash", "Số: .../QĐ-UBND", NULL, {{0}}, 0},
        {"the character itself", "a…", NULL, {{0}}, 0},
    };
    RUN(cases);
}

/* ---- invisible characters and NBSP ---------------------------------------------------- */

static void test_invisible(void **state)
{
    (void)state;
    static const typo_case cases[] = {
        {"zero-width space", "a" ZWSP "b", "ab", {{INV, 1, 3, 1}}, 1},
        {"joiners in a row", "a" ZWNJ ZWJ "b", "ab", {{INV, 1, 6, 1}}, 1},
        {"word joiner", "a" WJ "b", "ab", {{INV, 1, 3, 1}}, 1},
        {"BOM at the start", BOM "a", "a", {{INV, 0, 3, 1}}, 1},
        {"BOM inside", "a" BOM "b", "ab", {{INV, 1, 3, 1}}, 1},
        {"soft hyphen", "chuyển" SHY "đổi", "chuyểnđổi", {{INV, 8, 2, 1}}, 1},
        {"between two spaces", "a " ZWSP " b", "a b", {{D, 1, 5, 1}, {INV, 2, 3, 1}}, 2},
    };
    RUN(cases);
}

static void test_nbsp(void **state)
{
    (void)state;
    static const typo_case cases[] = {
        {"NBSP", "a" NBSP "b", "a b", {{NB, 1, 2, 1}}, 1},
        {"narrow NBSP before a unit", "10" NNBSP "%", "10 %", {{NB, 2, 3, 1}}, 1},
        {"NBSP and a space", "a" NBSP " b", "a b", {{NB, 1, 2, 1}, {D, 1, 3, 1}}, 2},
        {"two NBSP", "a" NBSP NBSP "b", "a b", {{NB, 1, 4, 1}, {D, 1, 4, 1}}, 2},
        {"NBSP at the end", "a" NBSP, "a", {{NB, 1, 2, 1}, {TR, 1, 2, 1}}, 2},
        {"NBSP before a colon", "Số" NBSP ": 05", "Số: 05", {{NB, 4, 2, 1}, {SB, 4, 2, 1}}, 2},
    };
    RUN(cases);
}

/* ---- NFC ------------------------------------------------------------------------------ */

static void test_nfc(void **state)
{
    (void)state;
    static const typo_case cases[] = {
        {"NFD word", "Vie" DOT_BELOW CIRC "t", "Việt", {{NFC, 2, 5, 1}}, 1},
        {"one finding per word", "Nghi" DOT_BELOW " đi" DOT_BELOW "nh", "Nghị định",
         {{NFC, 3, 3, 1}, {NFC, 9, 3, 1}}, 2},
        {"marks on several letters of a word", "Ho" GRAVE "a thua" HOOK "n", "Hòa thuản",
         {{NFC, 1, 3, 1}, {NFC, 9, 3, 1}}, 2},
        {"word with two marked letters", "ngu" GRAVE "o" GRAVE "i", "ngùòi",
         {{NFC, 2, 6, 1}}, 1},
        {"mixed: mark order", "e" CIRC DOT_BELOW, "ệ", {{NFC, 0, 5, 1}}, 1},
        {"NFC already", "Cộng hòa xã hội chủ nghĩa Việt Nam", NULL, {{0}}, 0},
    };
    RUN(cases);
}

/* ---- "1,879" and "34.6%" (reported only) ---------------------------------------------- */

static void test_thousands_comma(void **state)
{
    (void)state;
    static const typo_case cases[] = {
        {"four digits", "1,879 người", NULL, {{TH, 0, 5, 0}}, 1},
        {"millions", "12,345,678 đồng", NULL, {{TH, 0, 10, 0}}, 1},
        {"in a sentence", "hỗ trợ 113,670 doanh nghiệp", NULL, {{TH, 11, 7, 0}}, 1},
        {"English decimal after it", "1,234.5 tấn", NULL, {{TH, 0, 5, 0}}, 1},
        {"decimal comma", "34,6%; 1,5 lần; 12,5%", NULL, {{0}}, 0},
        {"below a thousand", "0,125", NULL, {{0}}, 0},
        {"thousands point", "1.879; 113.670; 12.345.678", NULL, {{0}}, 0},
        {"four digits after the comma", "1,2345", NULL, {{0}}, 0},
        {"a broken group", "1,234,5", NULL, {{0}}, 0},
        {"years in a list", "2019,2020", NULL, {{0}}, 0},
        {"a percentage", "1,879%", NULL, {{0}}, 0},
        {"inside a word", "A1,234", NULL, {{0}}, 0},
        {"inside a URL", "http://a.vn/?id=1,234", NULL, {{0}}, 0},
    };
    RUN(cases);
}

static void test_decimal_point(void **state)
{
    (void)state;
    static const typo_case cases[] = {
        {"percent", "34.6%", NULL, {{DP, 0, 4, 0}}, 1},
        {"percent after a space", "đạt 34.6 %", NULL, {{DP, 7, 4, 0}}, 1},
        {"unit word", "tăng 2.5 lần", NULL, {{DP, 6, 3, 0}}, 1},
        {"money", "0.75 tỷ đồng", NULL, {{DP, 0, 4, 0}}, 1},
        {"unit glued", "dài 1.5km", NULL, {{DP, 5, 3, 0}}, 1},
        {"thousands point", "1.879 lần; 113.670 doanh nghiệp", NULL, {{0}}, 0},
        {"section numbers", "1.1. Mục tiêu; 3.2.1 Chính quyền số; mục 3.2 lên mục 2.", NULL, {{0}}, 0},
        {"versions", "v2.5 lần; phiên bản 1.10", NULL, {{0}}, 0},
        {"dates", "11.6.2021", NULL, {{0}}, 0},
        {"time", "8.30 giờ", NULL, {{0}}, 0},
        {"not a unit", "2.5 mức", NULL, {{0}}, 0},
        {"decimal comma", "34,6%", NULL, {{0}}, 0},
    };
    RUN(cases);
}

/* ---- trailing spaces ------------------------------------------------------------------ */

static void test_trailing(void **state)
{
    (void)state;
    static const typo_case cases[] = {
        {"line ends", "a  \nb ", "a\nb", {{TR, 1, 2, 1}, {TR, 5, 1, 1}}, 2},
        {"CRLF kept", "a \r\nb", "a\r\nb", {{TR, 1, 1, 1}}, 1},
        {"tab", "a\t\n", "a\n", {{TR, 1, 1, 1}}, 1},
        {"a line of spaces", "a\n   \nb", "a\n\nb", {{TR, 2, 3, 1}}, 1},
        {"no trailing space", "a\nb\n", NULL, {{0}}, 0},
    };
    RUN(cases);
}

/* ---- multi-line text ------------------------------------------------------------------ */

/* The leading spaces and tabs of each line of `s` and its newlines, as one string. */
static void skeleton(const char *s, char *out, size_t size)
{
    size_t n = 0;
    int at_start = 1;
    for (; *s && n + 1 < size; s++) {
        if (*s == '\n') {
            out[n++] = '|';
            at_start = 1;
        } else if (at_start && (*s == ' ' || *s == '\t')) {
            out[n++] = *s;
        } else {
            at_start = 0;
        }
    }
    out[n] = '\0';
}

static void test_multiline(void **state)
{
    (void)state;
    static const typo_case cases[] = {
        {"block scalar",
         "- Đề nghị  bổ sung ; và\n"
         "  + thụt lề  giữ nguyên \n"
         "\n"
         "    \"Trích\"  dẫn...\n"
         "\t- tab",
         "- Đề nghị bổ sung; và\n"
         "  + thụt lề giữ nguyên\n"
         "\n"
         "    “Trích” dẫn…\n"
         "\t- tab",
         {{D, 14, 2, 1}, {SB, 25, 1, 1}, {D, 47, 2, 1}, {TR, 62, 1, 1}, {Q, 69, 1, 1},
          {Q, 76, 1, 1}, {D, 77, 2, 1}, {EL, 84, 3, 1}},
         8},
    };
    RUN(cases);

    const char *in = cases[0].in;
    char *out = vb_typography(in, strlen(in), 1, NULL, NULL);
    char a[128], b[128];
    skeleton(in, a, sizeof a);
    skeleton(out, b, sizeof b);
    assert_string_equal(a, b);
    assert_string_equal(a, "|  ||    |\t");
    free(out);
}

/* ---- the whole call ------------------------------------------------------------------- */

static void test_fix_zero_is_identity(void **state)
{
    (void)state;
    const char *in = "a  b , c,d \"x\" ... " ZWSP NBSP "Vie" DOT_BELOW CIRC "t 1,879 34.6% \n";
    vb_typo_finding *f = NULL;
    size_t n = 0;
    char *got = vb_typography(in, strlen(in), 0, &f, &n);
    assert_string_equal(got, in);
    assert_true(n >= 10);
    for (size_t i = 0; i < n; i++) {
        assert_int_equal(f[i].fixed, 0);
        if (i)
            assert_true(f[i - 1].offset <= f[i].offset);
    }
    free(got);
    free(f);

    /* with fix = 1 every fixable kind is fixed, the reported-only ones are not */
    got = vb_typography(in, strlen(in), 1, &f, &n);
    assert_string_equal(got, "a b, c, d “x” … Việt 1,879 34.6%\n");
    for (size_t i = 0; i < n; i++)
        assert_int_equal(f[i].fixed, f[i].kind != TH && f[i].kind != DP);
    free(got);
    free(f);
}

static void test_length_and_null(void **state)
{
    (void)state;
    /* only `len` bytes are read */
    size_t n = 7;
    vb_typo_finding *f = (vb_typo_finding *)1;
    char *got = vb_typography("a  bXYZ", 4, 1, &f, &n);
    assert_string_equal(got, "a b");
    assert_int_equal(n, 1);
    assert_int_equal(f[0].offset, 1);
    free(got);
    free(f);

    /* findings and count may be NULL */
    got = vb_typography("a  b", 4, 1, NULL, NULL);
    assert_string_equal(got, "a b");
    free(got);

    /* empty text */
    got = vb_typography("", 0, 1, &f, &n);
    assert_string_equal(got, "");
    assert_int_equal(n, 0);
    free(got);
    free(f);
}

static void test_ill_formed_utf8(void **state)
{
    (void)state;
    static const typo_case cases[] = {
        {"bytes kept", "a\xFF  b", "a\xFF b", {{D, 2, 2, 1}}, 1},
        {"truncated sequence", "a \xE1\xBB", NULL, {{0}}, 0},
    };
    RUN(cases);
}

static void test_describe(void **state)
{
    (void)state;
    assert_string_equal(vb_typo_describe(VB_TYPO_DOUBLE_SPACE, 0), "hai dấu cách liền nhau");
    assert_string_equal(vb_typo_describe(VB_TYPO_DOUBLE_SPACE, 1), "double space");
    for (int k = 0; k < VB_TYPO_KIND_COUNT; k++) {
        for (int en = 0; en <= 1; en++) {
            const char *d = vb_typo_describe((vb_typo_kind)k, en);
            assert_non_null(d);
            assert_true(strlen(d) > 0);
            for (int j = 0; j < k; j++)
                assert_string_not_equal(d, vb_typo_describe((vb_typo_kind)j, en));
        }
        assert_string_not_equal(vb_typo_describe((vb_typo_kind)k, 0), vb_typo_describe((vb_typo_kind)k, 1));
    }
    assert_non_null(vb_typo_describe(VB_TYPO_KIND_COUNT, 0));
}

/* ---- properties on generated text ----------------------------------------------------- */

#ifndef TYPO_FUZZ_ROUNDS
#define TYPO_FUZZ_ROUNDS 10000
#endif
#ifndef TYPO_FUZZ_SEED
#define TYPO_FUZZ_SEED 12345u
#endif

/* Texts glued from fragments that touch every rule and their exceptions (a fixed seed: the
 * same texts every run). For each: fix = 0 returns the input, findings are sorted and inside
 * the input, and fixing the fixed text changes nothing. */
static void test_generated_idempotence(void **state)
{
    (void)state;
    static const char *const frags[] = {
        " ", "  ", "   ", "\t", "\n", "\n  ", "\r\n", ",", ";", ":", ".", "!", "?", "(", ")",
        "...", "..", "....", "…", "\"", "“", "”", "'", "\\", "/", "./.", "-", "%", "a", "Việt",
        "Nghi" DOT_BELOW, "o" GRAVE, GRAVE, NBSP, NNBSP, ZWSP, SHY, BOM, "1,879", "34.6", "1.879",
        "2.5 lần", "8:30", "11/6/2021", "30/2020/NĐ-CP", "http://a.vn/x,y", "www.b.vn",
        "c@d.vn", "T.Ư", "v.v.", "Số:", "ngày", "\xFF", "\xE1\xBB",
    };
    uint32_t seed = TYPO_FUZZ_SEED;
    char buf[256];
    for (long round = 0; round < TYPO_FUZZ_ROUNDS; round++) {
        size_t n = 0;
        seed = seed * 1103515245u + 12345u;
        int parts = 1 + (int)((seed >> 16) % 12);
        for (int k = 0; k < parts; k++) {
            seed = seed * 1103515245u + 12345u;
            const char *f = frags[(seed >> 16) % (sizeof frags / sizeof *frags)];
            size_t fl = strlen(f);
            if (n + fl >= sizeof buf)
                break;
            memcpy(buf + n, f, fl);
            n += fl;
        }
        buf[n] = '\0';

        vb_typo_finding *f = NULL;
        size_t count = 0;
        char *same = vb_typography(buf, n, 0, &f, &count);
        assert_memory_equal(same, buf, n + 1);
        for (size_t i = 0; i < count; i++) {
            assert_false(f[i].fixed);
            assert_true(f[i].offset + f[i].length <= n);
            if (i)
                assert_true(f[i - 1].offset <= f[i].offset);
        }
        free(same);
        free(f);

        char *once = vb_typography(buf, n, 1, NULL, NULL);
        char *twice = vb_typography(once, strlen(once), 1, &f, &count);
        if (strcmp(once, twice) != 0) {
            print_error("not idempotent:\n  input \"%s\"\n  once  \"%s\"\n  twice \"%s\"\n", buf, once, twice);
            free(once);
            free(twice);
            free(f);
            fail();
        }
        for (size_t i = 0; i < count; i++)
            assert_false(f[i].fixed);
        free(once);
        free(twice);
        free(f);
    }
}

/* ---- real text: nothing to find ------------------------------------------------------- */

static void test_real_paragraphs_clean(void **state)
{
    (void)state;
    /* Sentences copied from inputs/bc-tu-van-phan-bien-cds-bac-giang-2024.yaml,
     * inputs/kh-chuyen-doi-so-huyen-lang-giang-2025.yaml and
     * inputs/nq-111-tu-chuyen-doi-so-bac-giang-2021.yaml, joined into one paragraph. */
    assert_clean(
        "Kết quả tư vấn, phản biện dự thảo “Báo cáo của Ban cán sự Đảng UBND tỉnh về kết quả "
        "thực hiện Nghị quyết số 111-NQ/TU ngày 11/6/2021 của Tỉnh ủy về chuyển đổi số tỉnh Bắc "
        "Giang giai đoạn 2021-2025, định hướng đến năm 2030” "
        "Căn cứ Quyết định số 05/2021/QĐ-UBND ngày 15/03/2021 của UBND tỉnh quy định hoạt động "
        "tư vấn, phản biện và giám định xã hội của Liên hiệp các hội Khoa học và Kỹ thuật tỉnh; "
        "Công văn số 46/UBND-KGVX ngày 04/01/2024 của Chủ tịch UBND tỉnh về giao nhiệm vụ tư vấn, "
        "phản biện năm 2024; "
        "Rà soát lại các số liệu trong báo cáo cho chính xác như: 100% dịch vụ công trực tuyến "
        "mức độ 4 được cung cấp; số liệu hỗ trợ 113.670 doanh nghiệp, hợp tác xã, hộ gia đình tạo "
        "gian hàng trên các sàn TMĐT… "
        "Chuyển nội dung đánh giá việc ban hành các văn bản lãnh đạo, chỉ đạo của UBND tỉnh, Chủ "
        "tịch UBND tỉnh về công tác chuyển đổi số năm 2024 trên các lĩnh vực tại mục 3.2 lên mục "
        "2. công tác tổ chức triển khai thực hiện cho phù hợp. "
        "Năng suất lao động hằng năm tăng trên 12,5%. Phân đầu có trên 1.500 doanh nghiệp số. "
        "Trên 95% hồ sơ công việc tại cấp tỉnh, 85% hồ sơ công việc tại cấp huyện và 65% hồ sơ "
        "công việc tại cấp xã được xử lý trên môi trường mạng (*trừ hồ sơ thuộc bí mật nhà nước*). "
        "Đề nghị Sở Thông tin và Truyền thông nghiên cứu, tiếp thu ý kiến của Hội đồng tư vấn, "
        "phản biện để hoàn thiện Dự thảo Báo cáo, bảo đảm chất lượng để trình Ban cán sự Đảng "
        "UBND tỉnh và Tỉnh ủy./.");

    /* A block scalar from the plan, with its line structure. */
    assert_clean("- 100% văn bản đi của các cơ quan, đơn vị thuộc Ủy ban nhân dân huyện và Ủy ban nhân "
                 "dân các xã, thị trấn (trừ văn bản mật) được ký số và gửi, nhận trên Hệ thống quản lý "
                 "văn bản và điều hành.\n"
                 "- Tỷ lệ hồ sơ thủ tục hành chính được tiếp nhận, giải quyết trực tuyến toàn trình đạt "
                 "từ 60% trở lên; 100% kết quả giải quyết thủ tục hành chính được số hóa.\n"
                 "- Từ 85% người dân trưởng thành trở lên có tài khoản thanh toán điện tử; từ 80% người "
                 "dân trong độ tuổi được kích hoạt tài khoản định danh điện tử mức độ 2.\n");

    /* The forms the brief names, all correct already. */
    assert_clean("Số: 05/BC-UBND; 111-NQ/TU; Nghị định số 30/2020/NĐ-CP; Bắc Giang, ngày 05 tháng 01 "
                 "năm 2024; ngày 11/6/2021; 1.879 người; 34,6%; 8 giờ 30; 8:30; T.Ư, TP.HCM, v.v.; "
                 "https://dichvucong.gov.vn/p/home/dvc-trang-chu.html; www.bacgiang.gov.vn; "
                 "vanthu@bacgiang.gov.vn; “Chương trình”; (trừ văn bản mật); Hà Nội, ngày … tháng … "
                 "năm 2024; Số:      /QĐ-UBND./.");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_double_space),
        cmocka_unit_test(test_space_before_punct),
        cmocka_unit_test(test_no_space_after),
        cmocka_unit_test(test_straight_quotes),
        cmocka_unit_test(test_ellipsis),
        cmocka_unit_test(test_invisible),
        cmocka_unit_test(test_nbsp),
        cmocka_unit_test(test_nfc),
        cmocka_unit_test(test_thousands_comma),
        cmocka_unit_test(test_decimal_point),
        cmocka_unit_test(test_trailing),
        cmocka_unit_test(test_multiline),
        cmocka_unit_test(test_fix_zero_is_identity),
        cmocka_unit_test(test_length_and_null),
        cmocka_unit_test(test_ill_formed_utf8),
        cmocka_unit_test(test_describe),
        cmocka_unit_test(test_generated_idempotence),
        cmocka_unit_test(test_real_paragraphs_clean),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
