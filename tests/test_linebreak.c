/* Centred titles break at phrase boundaries, never inside a word of two syllables or a name.
 *
 * Every title of tests/titles.txt (a few hundred, from the samples and real documents) is
 * balanced by vb_balanced_title in each centred element at the widths it gets on the page
 * (trích yếu and tên loại across the text width, cơ quan in the header's left column,
 * signature lines in the signature column, Phụ lục titles, table headers in a narrow
 * column), and at narrower widths that force more lines. At every break:
 *   - the two words around it are not a word of this file's own list (written by hand,
 *     independent of the dictionary) nor a word the dictionary finds there (vb_vi_segment:
 *     "kết quả | thực hiện", though "quả thực" is a word too);
 *   - they are not two capitalised words of a name, in a title typed in ordinary case;
 *   - no line is wider than the width.
 * Then the breaks the issue names: before "của", "về", "và", "trên", "giai đoạn", "năm",
 * after a comma; and "Ngày Chuyển đổi số", "cán bộ", "công chức" whole. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "layout/geometry.h"
#include "layout/layout.h"
#include "layout/textwidth.h"
#include "model/model.h"
#include "viet/text.h"
#include "viet/words.h"

/* Words of two syllables from administrative writing, written down by hand. */
static const char *const WORDS[] = {
    "cán bộ", "công chức", "viên chức", "chuyển đổi", "quốc gia", "kế hoạch", "giai đoạn",
    "nhân dân", "thông tin", "truyền thông", "triển khai", "thực hiện", "nhiệm vụ", "kết quả",
    "công nghệ", "khoa học", "giáo dục", "đào tạo", "hành chính", "dịch vụ", "trực tuyến",
    "dữ liệu", "an toàn", "phát triển", "định hướng", "tư vấn", "phản biện", "chỉ đạo",
    "tổ chức", "công tác", "văn bản", "điện tử", "văn phòng", "chủ tịch", "giám đốc",
    "trọng tâm", "nông thôn", "nông nghiệp", "cơ quan", "đơn vị", "địa phương", "địa bàn",
    "ủy ban", "hội đồng", "thường trực", "thường vụ", "chính phủ", "tài chính", "kinh tế",
    "xã hội", "cải cách", "sơ kết", "tổng kết", "hướng dẫn", "quy định", "quy chế", "đề án",
    "nghị quyết", "chương trình", "đánh giá", "bảo đảm", "tăng cường", "phối hợp", "doanh nghiệp",
    "hỗ trợ", "người dân", "ứng dụng", "chữ ký", "hạ tầng", "thủ tục", "phục vụ", "lưu trữ",
    "văn thư", "thi đua", "khen thưởng", "ngân sách", "dự toán", "kinh phí", "sản phẩm",
};

static int same_words(const char *a, size_t al, const char *b, size_t bl, const char *word)
{
    char buf[256];
    if (al + bl + 2 > sizeof buf)
        return 0;
    memcpy(buf, a, al);
    buf[al] = ' ';
    memcpy(buf + al + 1, b, bl);
    buf[al + 1 + bl] = '\0';
    /* strip punctuation around the pair */
    char *p = buf;
    while (*p == '"' || *p == '(' || (unsigned char)*p == 0xe2)
        p += (unsigned char)*p == 0xe2 ? 3 : 1;
    size_t n = strlen(p);
    while (n && strchr(",;:.)\"", p[n - 1]))
        p[--n] = '\0';
    char *lower = vb_lower_vi(p);
    int same = strcmp(lower, word) == 0;
    free(lower);
    return same;
}

static int capitalised(const char *w, size_t len)
{
    char *s = vb_xmalloc(len + 1);
    memcpy(s, w, len);
    s[len] = '\0';
    char *lower = vb_lower_vi(s);
    char *upper = vb_upper_vi(s);
    /* first letter differs from its lower case, the rest does not */
    size_t first = 1;
    while (first < len && ((unsigned char)s[first] & 0xc0) == 0x80)
        first++;
    int cap = strncmp(s, lower, first) != 0 && strcmp(s + first, lower + first) == 0 &&
              strcmp(s, upper) != 0;
    free(s);
    free(lower);
    free(upper);
    return cap;
}

typedef struct {
    size_t titles, breaks, phrase_breaks, bad;
} tally;

/* The words of `typed` around each '\n' of `broken` (same words, same order). */
static void check_breaks(const char *typed, const char *broken, int width, vb_element el,
                         const vb_layout *l, tally *t)
{
    const char *words[256];
    size_t lens[256], n = 0;
    for (const char *p = typed; *p && n < 256;) {
        while (*p == ' ')
            p++;
        const char *e = p;
        while (*e && *e != ' ')
            e++;
        if (e == p)
            break;
        words[n] = p;
        lens[n++] = (size_t)(e - p);
        p = e;
    }
    int all_caps = vb_vi_all_caps(typed);
    unsigned char inside[256] = {0};
    vb_vi_segment(words, lens, n, inside);
    size_t word = 0;
    const vb_text_style *st = &l->styles[el];
    vb_face face = (vb_face)((st->bold ? VB_FACE_BOLD : 0) | (st->italic ? VB_FACE_ITALIC : 0));
    const char *line = broken;
    for (const char *p = broken;; p++) {
        if (*p == '\n' || *p == '\0') {
            long w = vb_text_width_twips(line, (size_t)(p - line), face, st->size_pt);
            if (w > width && memchr(line, ' ', (size_t)(p - line))) {
                printf("too wide (%ld > %d): %.*s\n", w, width, (int)(p - line), line);
                t->bad++;
            }
            line = p + 1;
        }
        if (*p == '\0')
            break;
        if (*p == ' ')
            word++;
        if (*p != '\n')
            continue;
        word++;
        size_t i = word - 1; /* the break is between words[i] and words[i + 1] */
        if (i + 1 >= n)
            break;
        t->breaks++;
        const char *why = NULL;
        for (size_t k = 0; k < sizeof WORDS / sizeof *WORDS && !why; k++)
            if (same_words(words[i], lens[i], words[i + 1], lens[i + 1], WORDS[k]))
                why = "a word of the list";
        if (!why && inside[i] == 3)
            why = "a word of the dictionary";
        if (!why && !all_caps && capitalised(words[i], lens[i]) && capitalised(words[i + 1], lens[i + 1]))
            why = "a name";
        if (why) {
            printf("broken inside %s: \"%.*s / %.*s\" in %s\n", why, (int)lens[i], words[i],
                   (int)lens[i + 1], words[i + 1], broken);
            t->bad++;
        }
        if (vb_vi_break_quality(words, lens, n, i, all_caps, inside) >= VB_BREAK_GOOD)
            t->phrase_breaks++;
    }
}

static void test_titles(void **state)
{
    (void)state;
    const vb_layout *l = vb_layout_for(VB_FORMAT_STATE);
    int text = vb_layout_text_width(l);
    struct {
        vb_element el;
        int width;
    } places[] = {
        {VB_EL_SUBJECT, text},          {VB_EL_SUBJECT, text * 2 / 3},
        {VB_EL_TYPE_NAME, text},        {VB_EL_ISSUER, 4400},
        {VB_EL_PARENT_BODY, 4400},      {VB_EL_SIGNER_TITLE, text * 60 / 100},
        {VB_EL_SIGNER_AUTHORITY, text * 55 / 100}, {VB_EL_APPENDIX_TITLE, text},
        {VB_EL_TABLE_HEAD, 3000},
    };
    char path[1024];
    snprintf(path, sizeof path, "%s/tests/titles.txt", VB_SOURCE_ROOT);
    FILE *f = fopen(path, "r");
    assert_non_null(f);
    tally t = {0};
    char buf[2048];
    while (fgets(buf, sizeof buf, f)) {
        buf[strcspn(buf, "\n")] = '\0';
        if (!buf[0] || buf[0] == '#')
            continue;
        t.titles++;
        for (size_t k = 0; k < sizeof places / sizeof *places; k++) {
            char *b = vb_balanced_title(l, places[k].el, buf, places[k].width);
            char *typed = l->styles[places[k].el].upper ? vb_upper_vi(buf) : vb_strdup(buf);
            /* The words are the typed ones (capitals decide names), printed as set. */
            (void)typed;
            check_breaks(buf, b, places[k].width, places[k].el, l, &t);
            free(typed);
            free(b);
        }
    }
    fclose(f);
    printf("%zu titles in %zu places: %zu line breaks, %zu of them at a phrase boundary, %zu bad\n",
           t.titles, sizeof places / sizeof *places, t.breaks, t.phrase_breaks, t.bad);
    assert_true(t.titles >= 200);
    assert_int_equal(t.bad, 0);
}

static void expect_lines(const char *text, vb_element el, int width, const char *want)
{
    const vb_layout *l = vb_layout_for(VB_FORMAT_STATE);
    char *b = vb_balanced_title(l, el, text, width);
    if (strcmp(b, want) != 0)
        printf("got:\n%s\nwanted:\n%s\n", b, want);
    assert_string_equal(b, want);
    free(b);
}

static void test_phrase_boundaries(void **state)
{
    (void)state;
    const vb_layout *l = vb_layout_for(VB_FORMAT_STATE);
    int text = vb_layout_text_width(l);
    /* The issue's example: not "Ngày Chuyển / đổi số". */
    expect_lines("Kế hoạch hưởng ứng Ngày Chuyển đổi số quốc gia năm 2025 trên địa bàn tỉnh Bắc Giang",
                 VB_EL_SUBJECT, text,
                 "Kế hoạch hưởng ứng Ngày Chuyển đổi số quốc gia\nnăm 2025 trên địa bàn tỉnh Bắc Giang");
    /* After the comma. */
    expect_lines("Thực hiện nhiệm vụ ứng dụng công nghệ thông tin, chuyển đổi số năm học 2024-2025",
                 VB_EL_SUBJECT, text,
                 "Thực hiện nhiệm vụ ứng dụng công nghệ thông tin,\nchuyển đổi số năm học 2024-2025");
    /* Before "tại", not inside the name. */
    expect_lines("Kết luận của Phó Chủ tịch Hoàng Việt Phương tại phiên họp thứ ba của Ban Chỉ đạo "
                 "chuyển đổi số tỉnh",
                 VB_EL_SUBJECT, text,
                 "Kết luận của Phó Chủ tịch Hoàng Việt Phương\n"
                 "tại phiên họp thứ ba của Ban Chỉ đạo chuyển đổi số tỉnh");
    /* "cán bộ, công chức" whole in a narrow column. */
    expect_lines("Triệu tập cán bộ, công chức tham dự lớp bồi dưỡng", VB_EL_SUBJECT, text / 2,
                 "Triệu tập cán bộ, công chức\ntham dự lớp bồi dưỡng");
    /* A header name in capitals: the dictionary keeps "GIÁO DỤC", "ĐÀO TẠO" whole. */
    expect_lines("SỞ GIÁO DỤC VÀ ĐÀO TẠO TỈNH BẮC GIANG", VB_EL_ISSUER, 4000,
                 "SỞ GIÁO DỤC VÀ ĐÀO TẠO\nTỈNH BẮC GIANG");
}

static void test_dictionary(void **state)
{
    (void)state;
    static const char *const joined[][2] = {
        {"cán", "bộ"}, {"CÔNG", "CHỨC"}, {"chuyển", "đổi"}, {"Bắc", "Giang"},
        {"hoá", "đơn"}, {"hóa", "đơn"}, {"ủy", "ban"}, {"uỷ", "ban"}, {"(báo", "cáo)"},
    };
    for (size_t i = 0; i < sizeof joined / sizeof *joined; i++)
        assert_true(vb_vi_joined(joined[i][0], strlen(joined[i][0]), joined[i][1], strlen(joined[i][1])));
    static const char *const apart[][2] = {
        {"số", "quốc"}, {"bộ", "công"}, {"2025", "trên"}, {"V/v", "bảo"}, {"tỉnh", "Bắc"},
    };
    for (size_t i = 0; i < sizeof apart / sizeof *apart; i++)
        assert_false(vb_vi_joined(apart[i][0], strlen(apart[i][0]), apart[i][1], strlen(apart[i][1])));
}

/* A văn thư breaks before each word that starts a phrase, however it is typed; asked again and
 * again (the answers are remembered per thread), the answer stays the same. */
static void test_phrase_starts(void **state)
{
    (void)state;
    static const char *const starts[] = {"của", "về", "và", "trên", "năm", "đến", "cho", "với", "tại",
                                         "theo", "trong", "nhằm", "để", "thuộc", "CỦA", "Về", "giai"};
    static const unsigned char no_word[2] = {0, 0};
    for (int round = 0; round < 3; round++)
        for (size_t k = 0; k < sizeof starts / sizeof *starts; k++) {
            const char *words[3] = {"kết quả", starts[k], "đoạn"};
            size_t lens[3] = {strlen(words[0]), strlen(words[1]), strlen(words[2])};
            assert_int_equal(vb_vi_break_quality(words, lens, 3, 0, 0, no_word), VB_BREAK_GOOD);
        }
    const char *words[3] = {"kết", "giai", "điệu"}; /* "giai" alone starts no phrase */
    size_t lens[3] = {strlen(words[0]), strlen(words[1]), strlen(words[2])};
    assert_int_equal(vb_vi_break_quality(words, lens, 3, 0, 0, no_word), VB_BREAK_NEUTRAL);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_dictionary),
        cmocka_unit_test(test_phrase_boundaries),
        cmocka_unit_test(test_phrase_starts),
        cmocka_unit_test(test_titles),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
