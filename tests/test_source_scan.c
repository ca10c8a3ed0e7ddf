/* The look at a whole YAML source beside libyaml (source_scan.h): its UTF-8 answer is the
 * same on a thread as without one, and a text it calls unchanged is one that styling leaves
 * as it is, found at the right place however many bytes its characters take, after a byte
 * order mark, with CRLF line ends, in every YAML style of scalar. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <yaml.h>

#include "read/source_scan.h"
#include "viet/tone.h"

static size_t checks; /* for the summary line */

/* ---- UTF-8 --------------------------------------------------------------------------- */

static void test_utf8_answer_with_or_without_thread(void **state)
{
    (void)state;
    static const struct {
        const char *bytes;
        size_t len;
        long bad;
    } cases[] = {
        {"", 0, -1},
        {"a: b\n", 5, -1},
        {"a: C\xe1\xbb\x99ng h\xc3\xb2" "a\n", 14, -1},
        {"\xff" "a: b\n", 6, 0},
        {"a: \xc3\xb2\xc3(\n", 9, 5},
        {"a: b\xe1\xbb", 6, 4},
        {"a: b\0c\n", 7, 4},
        {"a: \xed\xa0\x80\n", 7, 3}, /* a surrogate */
        {"a: \xc0\xaf\n", 6, 3},     /* an overlong '/' */
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++)
        for (int threaded = 0; threaded < 2; threaded++) {
            vb_source_scan *scan = vb_source_scan_start(cases[i].bytes, cases[i].len, 0, threaded);
            long bad = vb_source_scan_invalid_utf8(scan);
            if (bad != cases[i].bad)
                fail_msg("case %zu (%s): first bad byte %ld, expected %ld", i,
                         threaded ? "threaded" : "not threaded", bad, cases[i].bad);
            /* Bad bytes: no scan of tone marks, nothing called unchanged. */
            vb_source_scan_finish(scan);
            if (bad >= 0)
                assert_false(vb_source_scan_unchanged(scan, 0, 0, 1));
            vb_source_scan_free(scan);
            checks++;
        }
}

/* ---- unchanged texts ----------------------------------------------------------------- */

/* The changed characters to the character, counted as libyaml counts: after a byte order
 * mark, a multi-byte character as one, CR and LF as two. */
static void test_exact_character_ranges(void **state)
{
    (void)state;
    static const struct {
        const char *bytes;
        size_t first, end; /* the changed characters */
    } cases[] = {
        {"a: x\nb: ho\xc3\xa0\n", 8, 11},                  /* "hoà" */
        {"\xef\xbb\xbf" "a: x\nb: ho\xc3\xa0\n", 8, 11},    /* after a BOM */
        {"a: \xe1\xbb\x85\r\nb: ho\xc3\xa0\r\n", 9, 12},     /* "ễ", CRLF */
        {"a: \"\xe1\xbb\x85\\t\"\n", 5, 6},                 /* a backslash */
        {"a: ho\xcc\x80" "a\n", 3, 7},                       /* NFD: "hòa" in 4 characters */
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        size_t len = strlen(cases[i].bytes), first = cases[i].first, end = cases[i].end;
        vb_source_scan *scan = vb_source_scan_start(cases[i].bytes, len, VB_TONE_TRADITIONAL, 1);
        vb_source_scan_finish(scan);
        for (size_t c = 0; c <= end; c++) {
            int want = c + 1 <= first || c >= end; /* [c, c + 1) outside the change */
            if (vb_source_scan_unchanged(scan, VB_TONE_TRADITIONAL, c, c + 1) != want)
                fail_msg("case %zu: character %zu called %s", i, c, want ? "changed" : "unchanged");
            checks++;
        }
        assert_false(vb_source_scan_unchanged(scan, VB_TONE_TRADITIONAL, 0, end + 1));
        /* Beyond the end of the source nothing is known. */
        assert_false(vb_source_scan_unchanged(scan, VB_TONE_TRADITIONAL, end + 50, end + 51));
        vb_source_scan_free(scan);
    }
}

typedef struct {
    size_t scalars, found_unchanged, truly_unchanged;
} tally;

static int has_backslash(const char *data, size_t len, const yaml_node_t *n)
{
    /* Marks count characters: find the node's bytes by counting them. */
    size_t chars = 0, i = 0, start = len, end = len;
    if (len >= 3 && memcmp(data, "\xef\xbb\xbf", 3) == 0)
        i = 3;
    for (; i <= len; i++) {
        if (i < len && ((unsigned char)data[i] & 0xC0) == 0x80)
            continue;
        if (chars == n->start_mark.index)
            start = i;
        if (chars == n->end_mark.index) {
            end = i;
            break;
        }
        chars++;
    }
    return start < end && memchr(data + start, '\\', end - start) != NULL;
}

/* Scans `data` to the end and checks every scalar of its YAML: one called unchanged must
 * come out of styling as it went in. With `exact`, the reverse holds too for every scalar
 * whose source holds no backslash (the inputs below have nothing else around their texts
 * that styling would change). Returns 0 when libyaml cannot load `data`. */
static int check_source(const char *what, const char *data, size_t len, int exact, tally *t)
{
    yaml_parser_t parser;
    yaml_document_t doc;
    yaml_parser_initialize(&parser);
    yaml_parser_set_input_string(&parser, (const unsigned char *)data, len);
    if (!yaml_parser_load(&parser, &doc)) {
        yaml_parser_delete(&parser);
        return 0;
    }
    vb_source_scan *scan = vb_source_scan_start(data, len, VB_TONE_TRADITIONAL, 1);
    assert_int_equal(vb_source_scan_invalid_utf8(scan), -1);
    vb_source_scan_finish(scan);
    for (yaml_node_t *n = doc.nodes.start; n < doc.nodes.top; n++) {
        if (n->type != YAML_SCALAR_NODE)
            continue;
        const char *value = (const char *)n->data.scalar.value;
        size_t n_value = n->data.scalar.length;
        char *styled = vb_tone_apply(value, n_value, VB_TONE_TRADITIONAL, NULL, NULL);
        int same = strlen(styled) == n_value && memcmp(styled, value, n_value) == 0;
        int found = vb_source_scan_unchanged(scan, VB_TONE_TRADITIONAL, n->start_mark.index,
                                             n->end_mark.index);
        /* Asked in another style, the scan knows nothing. */
        assert_false(vb_source_scan_unchanged(scan, VB_TONE_MODERN, n->start_mark.index,
                                              n->end_mark.index));
        if (found && !same)
            fail_msg("%s: line %zu: \"%s\" called unchanged, but styling makes \"%s\"", what,
                     n->start_mark.line + 1, value, styled);
        if (exact && !found && same && !has_backslash(data, len, n))
            fail_msg("%s: line %zu: \"%s\" is unchanged, but the scan did not find it so", what,
                     n->start_mark.line + 1, value);
        t->scalars++;
        t->found_unchanged += found;
        t->truly_unchanged += same;
        checks++;
        free(styled);
    }
    vb_source_scan_free(scan);
    yaml_document_delete(&doc);
    yaml_parser_delete(&parser);
    return 1;
}

static void test_every_style_of_scalar(void **state)
{
    (void)state;
    /* "hoà", "thuỷ", "khoẻ" change (traditional style), "hòa", "Thủy", "người" do not; a
     * decomposed "hòa" is made NFC; an escape can make a letter. Each text is in every
     * YAML style, after lines of multi-byte characters and comments that change. */
    static const char yaml[] =
        "# Tiếng Việt: hoà, thuỷ (this comment changes, the texts around it must not be blamed)\n"
        "a: Cộng hòa xã hội chủ nghĩa\n"
        "b: Thuỷ lợi\n"
        "c: 'người ''hòa'' giải'\n"
        "d: 'khoẻ'\n"
        "e: \"Thủy điện\"\n"
        "f: \"ho\\u00e0\"\n"
        "g: \"ho\\u00f2a b\\u00ecnh\"\n"
        "h: ho\xcc\x80" "a\n"
        "i: |\n"
        "  dòng một ễ\n"
        "  dòng hai\n"
        "j: >\n"
        "  gấp một\n"
        "  hoà hai\n"
        "# ỹ ỹ ỹ hoà\n"
        "k:\n"
        "  - mục một\n"
        "  - [hòa, hoà, \"x\\ty\", 'ỏ']\n"
        "  - {m: thủy, n: thuỷ}\n"
        "l: trải\n"
        "   nhiều dòng hoà\n"
        "m: &x Bắc Giang\n"
        "n: *x\n"
        "o: !!str Hà Nội\n"
        "p: cuối\n";
    tally t = {0};
    assert_true(check_source("styles", yaml, sizeof yaml - 1, 1, &t));
    assert_true(t.found_unchanged >= 20);

    /* The same after a byte order mark, and with CRLF line ends. */
    char *bom = malloc(sizeof yaml + 3);
    assert_non_null(bom);
    memcpy(bom, "\xef\xbb\xbf", 3);
    memcpy(bom + 3, yaml, sizeof yaml);
    tally t_bom = {0};
    assert_true(check_source("styles after a BOM", bom, sizeof yaml + 2, 1, &t_bom));
    assert_int_equal(t_bom.found_unchanged, t.found_unchanged);
    free(bom);

    char *crlf = malloc(2 * sizeof yaml);
    assert_non_null(crlf);
    size_t n = 0;
    for (size_t i = 0; i + 1 < sizeof yaml; i++) {
        if (yaml[i] == '\n')
            crlf[n++] = '\r';
        crlf[n++] = yaml[i];
    }
    tally t_crlf = {0};
    assert_true(check_source("styles with CRLF", crlf, n, 1, &t_crlf));
    assert_int_equal(t_crlf.found_unchanged, t.found_unchanged);
    free(crlf);
}

static size_t next(uint32_t *seed, size_t n)
{
    *seed = *seed * 1103515245u + 12345u;
    return (*seed >> 16) % n;
}

/* Random documents: texts of words that change and words that do not, in random YAML
 * styles, some after a BOM, some with CRLF. */
static void test_random_documents(void **state)
{
    (void)state;
    static const char *const words[] = {
        "hòa", "hoà", "Thủy", "thuỷ", "khỏe", "khoẻ", "người", "xã", "NGHIÃ", "ho\xcc\x80" "a",
        "Việt", "abc", "2024", "đ", "Ủy", "ban", "nhân", "dân", "tỉnh", "–", "“Số”", "34,6%",
    };
    const size_t n_words = sizeof words / sizeof *words;
    uint32_t seed = 2024;
    size_t cap = 1 << 16;
    char *doc = malloc(cap);
    assert_non_null(doc);
    tally t = {0};
    for (int round = 0; round < 400; round++) {
        size_t len = 0;
        int crlf = next(&seed, 4) == 0;
        const char *eol = crlf ? "\r\n" : "\n";
#define PUT(...) (len += (size_t)snprintf(doc + len, cap - len, __VA_ARGS__))
        if (next(&seed, 4) == 0)
            PUT("\xef\xbb\xbf");
        int keys = 1 + (int)next(&seed, 12);
        for (int k = 0; k < keys; k++) {
            if (next(&seed, 5) == 0) {
                const char *first = words[next(&seed, n_words)];
                PUT("# %s %s%s", first, words[next(&seed, n_words)], eol);
            }
            PUT("k%d: ", k);
            int style = (int)next(&seed, 5);
            int count = 1 + (int)next(&seed, 5);
            const char *quote = style == 1 ? "'" : style == 2 ? "\"" : "";
            if (style == 3 || style == 4)
                PUT("%s%s  ", style == 3 ? "|" : ">", eol);
            else
                PUT("%s", quote);
            for (int w = 0; w < count; w++) {
                const char *word = words[next(&seed, n_words)];
                if (style == 0 && w == 0 && (word[0] == '%' || strncmp(word, "\xe2\x80\x9c", 3) == 0))
                    word = "x"; /* a plain text may not start so */
                PUT("%s%s", w ? " " : "", word);
                if (style == 1 && next(&seed, 6) == 0)
                    PUT("''");
                if (style == 2 && next(&seed, 4) == 0)
                    PUT("%s", next(&seed, 2) ? "\\u00e0" : "\\t");
                if ((style == 3 || style == 4 || style == 0) && w + 1 < count && next(&seed, 4) == 0)
                    PUT("%s  ", eol); /* a text on several lines */
            }
            PUT("%s%s", quote, eol);
        }
#undef PUT
        char what[32];
        snprintf(what, sizeof what, "random document %d", round);
        if (!check_source(what, doc, len, 1, &t))
            fail_msg("%s does not load:\n%.*s", what, (int)len, doc);
    }
    free(doc);
    /* Both kinds were seen, and most unchanged texts were found so. */
    assert_true(t.truly_unchanged > 200 && t.truly_unchanged < t.scalars);
    assert_true(t.found_unchanged * 10 > t.truly_unchanged * 5);
    print_message("[ info     ] random documents: %zu texts, %zu unchanged, %zu found so\n",
                  t.scalars, t.truly_unchanged, t.found_unchanged);
}

/* The documents of the repository: found unchanged only when styling keeps them so. */
static void test_repository_documents(void **state)
{
    (void)state;
    static const char *const dirs[] = {"inputs", "docs/examples", "tests/check/valid"};
    tally t = {0};
    size_t files = 0;
    for (size_t d = 0; d < sizeof dirs / sizeof *dirs; d++) {
        char path[4096];
        snprintf(path, sizeof path, "%s/%s", VB_SOURCE_ROOT, dirs[d]);
        DIR *dir = opendir(path);
        if (!dir)
            continue;
        struct dirent *e;
        while ((e = readdir(dir))) {
            size_t n = strlen(e->d_name);
            if (n < 6 || strcmp(e->d_name + n - 5, ".yaml") != 0)
                continue;
            snprintf(path, sizeof path, "%s/%s/%s", VB_SOURCE_ROOT, dirs[d], e->d_name);
            FILE *f = fopen(path, "rb");
            assert_non_null(f);
            fseek(f, 0, SEEK_END);
            long size = ftell(f);
            rewind(f);
            char *data = malloc((size_t)size + 1);
            assert_non_null(data);
            assert_int_equal(fread(data, 1, (size_t)size, f), (size_t)size);
            fclose(f);
            files += check_source(path, data, (size_t)size, 0, &t);
            free(data);
        }
        closedir(dir);
    }
    assert_true(files >= 5);
    assert_true(t.found_unchanged * 10 > t.truly_unchanged * 8);
}

static int summary(void **state)
{
    (void)state;
    print_message("[ info     ] %zu checks in all\n", checks);
    return 0;
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_utf8_answer_with_or_without_thread),
        cmocka_unit_test(test_exact_character_ranges),
        cmocka_unit_test(test_every_style_of_scalar),
        cmocka_unit_test(test_random_documents),
        cmocka_unit_test(test_repository_documents),
    };
    return cmocka_run_group_tests(tests, NULL, summary);
}
