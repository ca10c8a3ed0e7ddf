/* Legacy Vietnamese encodings (gen/viet/legacy.h): TCVN3, VNI-Windows, VIQR and CP1258 to
 * Unicode and back, and legacy text pasted into UTF-8, detected.
 *
 *   samples     written here: the national motto, a legal basis, all 134 marked letters in
 *               both cases, in each encoding, both directions (TCVN3 toned capitals have no
 *               code: the lowercase byte, counted as lost; read back with capitals = 1)
 *   VIQR        the ambiguous cases: "Dr. Smith?", "Hello?", escapes, "dd", ellipses
 *   CP1258      base + combining tone bytes, and precomposed bytes, both come out NFC
 *   detection   TCVN3 and VNI mojibake found with their offsets; Unicode Vietnamese,
 *               French, Spanish, German, Swedish, English text left alone
 *   oracles     when ../shared/reference/encodings exists (VANBAN_SHARED_DIR, else
 *               VB_SOURCE_ROOT/../shared): every row of its tables and vectors, with the
 *               few deliberate differences asserted as such and printed
 *
 * The expected bytes below are written from the layouts of the standards, not taken from
 * the oracle files. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <unicode/unorm2.h>
#include <unicode/ustring.h>

#include "viet/legacy.h"

#ifndef VB_SOURCE_ROOT
#define VB_SOURCE_ROOT "."
#endif

/* ==== helpers ============================================================================== */

/* "43 E9 4E" → bytes (malloc'd); *n gets the count. */
static unsigned char *hex_bytes(const char *hex, size_t *n)
{
    size_t cap = strlen(hex) / 2 + 1, k = 0;
    unsigned char *b = malloc(cap);
    assert_non_null(b);
    const char *p = hex;
    while (*p) {
        while (*p == ' ')
            p++;
        if (!*p)
            break;
        unsigned v;
        int used;
        assert_int_equal(sscanf(p, "%2x%n", &v, &used), 1);
        b[k++] = (unsigned char)v;
        p += used;
    }
    *n = k;
    return b;
}

static void hex_of(const unsigned char *b, size_t n, char *out, size_t cap)
{
    size_t k = 0;
    out[0] = 0;
    for (size_t i = 0; i < n && k + 4 < cap; i++)
        k += (size_t)snprintf(out + k, cap - k, i ? " %02X" : "%02X", b[i]);
}

static size_t put_utf8(char *d, uint32_t c)
{
    if (c < 0x80) {
        d[0] = (char)c;
        return 1;
    }
    if (c < 0x800) {
        d[0] = (char)(0xC0 | (c >> 6));
        d[1] = (char)(0x80 | (c & 0x3F));
        return 2;
    }
    if (c < 0x10000) {
        d[0] = (char)(0xE0 | (c >> 12));
        d[1] = (char)(0x80 | ((c >> 6) & 0x3F));
        d[2] = (char)(0x80 | (c & 0x3F));
        return 3;
    }
    d[0] = (char)(0xF0 | (c >> 18));
    d[1] = (char)(0x80 | ((c >> 12) & 0x3F));
    d[2] = (char)(0x80 | ((c >> 6) & 0x3F));
    d[3] = (char)(0x80 | (c & 0x3F));
    return 4;
}

/* "U+0041 U+0301" → UTF-8 (NUL-terminated; U+0000 gives ""). */
static void ucodes_utf8(const char *spec, char *out, size_t cap)
{
    size_t k = 0;
    const char *p = spec;
    while ((p = strstr(p, "U+")) != NULL) {
        unsigned long c = strtoul(p + 2, (char **)&p, 16);
        assert_true(k + 5 < cap);
        k += put_utf8(out + k, (uint32_t)c);
    }
    out[k] = 0;
}

static void nfc(const char *in, char *out, size_t cap)
{
    UErrorCode st = U_ZERO_ERROR;
    UChar src[64], dst[64];
    int32_t sl, dl, ol;
    u_strFromUTF8(src, 64, &sl, in, -1, &st);
    const UNormalizer2 *n = unorm2_getNFCInstance(&st);
    dl = unorm2_normalize(n, src, sl, dst, 64, &st);
    u_strToUTF8(out, (int32_t)cap, &ol, dst, dl, &st);
    assert_false(U_FAILURE(st));
}

static char *decode(const unsigned char *b, size_t n, vb_encoding enc, int caps)
{
    char err[128] = "";
    char *r = vb_legacy_decode((const char *)b, n, enc, caps, err, sizeof err);
    if (!r)
        fail_msg("decode failed: %s", err);
    return r;
}

static void check_decode_hex(vb_encoding enc, const char *hex, int caps, const char *expect)
{
    size_t n;
    unsigned char *b = hex_bytes(hex, &n);
    char *r = decode(b, n, enc, caps);
    if (strcmp(r, expect) != 0)
        fail_msg("%s decode of [%s] (capitals %d): got \"%s\", want \"%s\"", vb_encoding_name(enc), hex, caps, r,
                 expect);
    free(r);
    free(b);
}

static void check_encode_hex(vb_encoding enc, const char *utf8, const char *expect_hex, size_t expect_lost)
{
    size_t n, lost = 99, en;
    char *r = vb_legacy_encode(utf8, strlen(utf8), enc, &n, &lost);
    unsigned char *e = hex_bytes(expect_hex, &en);
    char got[4096];
    hex_of((const unsigned char *)r, n, got, sizeof got);
    if (n != en || memcmp(r, e, n) != 0 || lost != expect_lost)
        fail_msg("%s encode of \"%s\": got [%s] lost %zu, want [%s] lost %zu", vb_encoding_name(enc), utf8, got,
                 lost, expect_hex, expect_lost);
    free(r);
    free(e);
}

static void check_decode_str(vb_encoding enc, const char *in, const char *expect)
{
    char *r = decode((const unsigned char *)in, strlen(in), enc, 0);
    if (strcmp(r, expect) != 0)
        fail_msg("%s decode of \"%s\": got \"%s\", want \"%s\"", vb_encoding_name(enc), in, r, expect);
    free(r);
}

static void check_encode_str(vb_encoding enc, const char *in, const char *expect)
{
    size_t n, lost;
    char *r = vb_legacy_encode(in, strlen(in), enc, &n, &lost);
    if (n != strlen(expect) || memcmp(r, expect, n) != 0)
        fail_msg("%s encode of \"%s\": got \"%s\", want \"%s\"", vb_encoding_name(enc), in, r, expect);
    free(r);
}

/* ==== the 134 letters ====================================================================== */

typedef struct {
    const char *letter, *tcvn3, *vni, *viqr, *cp1258;
} letter_row;

static const letter_row LOWER[] = {
    {"á", "B8", "61 F9", "a'", "61 EC"},  {"à", "B5", "61 F8", "a`", "61 CC"},
    {"ả", "B6", "61 FB", "a?", "61 D2"},  {"ã", "B7", "61 F5", "a~", "61 DE"},
    {"ạ", "B9", "61 EF", "a.", "61 F2"},  {"ă", "A8", "61 EA", "a(", "E3"},
    {"ắ", "BE", "61 E9", "a('", "E3 EC"}, {"ằ", "BB", "61 E8", "a(`", "E3 CC"},
    {"ẳ", "BC", "61 FA", "a(?", "E3 D2"}, {"ẵ", "BD", "61 FC", "a(~", "E3 DE"},
    {"ặ", "C6", "61 EB", "a(.", "E3 F2"}, {"â", "A9", "61 E2", "a^", "E2"},
    {"ấ", "CA", "61 E1", "a^'", "E2 EC"}, {"ầ", "C7", "61 E0", "a^`", "E2 CC"},
    {"ẩ", "C8", "61 E5", "a^?", "E2 D2"}, {"ẫ", "C9", "61 E3", "a^~", "E2 DE"},
    {"ậ", "CB", "61 E4", "a^.", "E2 F2"}, {"đ", "AE", "F1", "dd", "F0"},
    {"é", "D0", "65 F9", "e'", "65 EC"},  {"è", "CC", "65 F8", "e`", "65 CC"},
    {"ẻ", "CE", "65 FB", "e?", "65 D2"},  {"ẽ", "CF", "65 F5", "e~", "65 DE"},
    {"ẹ", "D1", "65 EF", "e.", "65 F2"},  {"ê", "AA", "65 E2", "e^", "EA"},
    {"ế", "D5", "65 E1", "e^'", "EA EC"}, {"ề", "D2", "65 E0", "e^`", "EA CC"},
    {"ể", "D3", "65 E5", "e^?", "EA D2"}, {"ễ", "D4", "65 E3", "e^~", "EA DE"},
    {"ệ", "D6", "65 E4", "e^.", "EA F2"}, {"í", "DD", "ED", "i'", "69 EC"},
    {"ì", "D7", "EC", "i`", "69 CC"},     {"ỉ", "D8", "E6", "i?", "69 D2"},
    {"ĩ", "DC", "F3", "i~", "69 DE"},     {"ị", "DE", "F2", "i.", "69 F2"},
    {"ó", "E3", "6F F9", "o'", "6F EC"},  {"ò", "DF", "6F F8", "o`", "6F CC"},
    {"ỏ", "E1", "6F FB", "o?", "6F D2"},  {"õ", "E2", "6F F5", "o~", "6F DE"},
    {"ọ", "E4", "6F EF", "o.", "6F F2"},  {"ô", "AB", "6F E2", "o^", "F4"},
    {"ố", "E8", "6F E1", "o^'", "F4 EC"}, {"ồ", "E5", "6F E0", "o^`", "F4 CC"},
    {"ổ", "E6", "6F E5", "o^?", "F4 D2"}, {"ỗ", "E7", "6F E3", "o^~", "F4 DE"},
    {"ộ", "E9", "6F E4", "o^.", "F4 F2"}, {"ơ", "AC", "F4", "o+", "F5"},
    {"ớ", "ED", "F4 F9", "o+'", "F5 EC"}, {"ờ", "EA", "F4 F8", "o+`", "F5 CC"},
    {"ở", "EB", "F4 FB", "o+?", "F5 D2"}, {"ỡ", "EC", "F4 F5", "o+~", "F5 DE"},
    {"ợ", "EE", "F4 EF", "o+.", "F5 F2"}, {"ú", "F3", "75 F9", "u'", "75 EC"},
    {"ù", "EF", "75 F8", "u`", "75 CC"},  {"ủ", "F1", "75 FB", "u?", "75 D2"},
    {"ũ", "F2", "75 F5", "u~", "75 DE"},  {"ụ", "F4", "75 EF", "u.", "75 F2"},
    {"ư", "AD", "F6", "u+", "FD"},        {"ứ", "F8", "F6 F9", "u+'", "FD EC"},
    {"ừ", "F5", "F6 F8", "u+`", "FD CC"}, {"ử", "F6", "F6 FB", "u+?", "FD D2"},
    {"ữ", "F7", "F6 F5", "u+~", "FD DE"}, {"ự", "F9", "F6 EF", "u+.", "FD F2"},
    {"ý", "FD", "79 F9", "y'", "79 EC"},  {"ỳ", "FA", "79 F8", "y`", "79 CC"},
    {"ỷ", "FB", "79 FB", "y?", "79 D2"},  {"ỹ", "FC", "79 F5", "y~", "79 DE"},
    {"ỵ", "FE", "EE", "y.", "79 F2"},
};

/* TCVN3: the toned capitals share the lowercase byte. */
static const letter_row UPPER[] = {
    {"Á", "B8", "41 D9", "A'", "41 EC"},  {"À", "B5", "41 D8", "A`", "41 CC"},
    {"Ả", "B6", "41 DB", "A?", "41 D2"},  {"Ã", "B7", "41 D5", "A~", "41 DE"},
    {"Ạ", "B9", "41 CF", "A.", "41 F2"},  {"Ă", "A1", "41 CA", "A(", "C3"},
    {"Ắ", "BE", "41 C9", "A('", "C3 EC"}, {"Ằ", "BB", "41 C8", "A(`", "C3 CC"},
    {"Ẳ", "BC", "41 DA", "A(?", "C3 D2"}, {"Ẵ", "BD", "41 DC", "A(~", "C3 DE"},
    {"Ặ", "C6", "41 CB", "A(.", "C3 F2"}, {"Â", "A2", "41 C2", "A^", "C2"},
    {"Ấ", "CA", "41 C1", "A^'", "C2 EC"}, {"Ầ", "C7", "41 C0", "A^`", "C2 CC"},
    {"Ẩ", "C8", "41 C5", "A^?", "C2 D2"}, {"Ẫ", "C9", "41 C3", "A^~", "C2 DE"},
    {"Ậ", "CB", "41 C4", "A^.", "C2 F2"}, {"Đ", "A7", "D1", "DD", "D0"},
    {"É", "D0", "45 D9", "E'", "45 EC"},  {"È", "CC", "45 D8", "E`", "45 CC"},
    {"Ẻ", "CE", "45 DB", "E?", "45 D2"},  {"Ẽ", "CF", "45 D5", "E~", "45 DE"},
    {"Ẹ", "D1", "45 CF", "E.", "45 F2"},  {"Ê", "A3", "45 C2", "E^", "CA"},
    {"Ế", "D5", "45 C1", "E^'", "CA EC"}, {"Ề", "D2", "45 C0", "E^`", "CA CC"},
    {"Ể", "D3", "45 C5", "E^?", "CA D2"}, {"Ễ", "D4", "45 C3", "E^~", "CA DE"},
    {"Ệ", "D6", "45 C4", "E^.", "CA F2"}, {"Í", "DD", "CD", "I'", "49 EC"},
    {"Ì", "D7", "CC", "I`", "49 CC"},     {"Ỉ", "D8", "C6", "I?", "49 D2"},
    {"Ĩ", "DC", "D3", "I~", "49 DE"},     {"Ị", "DE", "D2", "I.", "49 F2"},
    {"Ó", "E3", "4F D9", "O'", "4F EC"},  {"Ò", "DF", "4F D8", "O`", "4F CC"},
    {"Ỏ", "E1", "4F DB", "O?", "4F D2"},  {"Õ", "E2", "4F D5", "O~", "4F DE"},
    {"Ọ", "E4", "4F CF", "O.", "4F F2"},  {"Ô", "A4", "4F C2", "O^", "D4"},
    {"Ố", "E8", "4F C1", "O^'", "D4 EC"}, {"Ồ", "E5", "4F C0", "O^`", "D4 CC"},
    {"Ổ", "E6", "4F C5", "O^?", "D4 D2"}, {"Ỗ", "E7", "4F C3", "O^~", "D4 DE"},
    {"Ộ", "E9", "4F C4", "O^.", "D4 F2"}, {"Ơ", "A5", "D4", "O+", "D5"},
    {"Ớ", "ED", "D4 D9", "O+'", "D5 EC"}, {"Ờ", "EA", "D4 D8", "O+`", "D5 CC"},
    {"Ở", "EB", "D4 DB", "O+?", "D5 D2"}, {"Ỡ", "EC", "D4 D5", "O+~", "D5 DE"},
    {"Ợ", "EE", "D4 CF", "O+.", "D5 F2"}, {"Ú", "F3", "55 D9", "U'", "55 EC"},
    {"Ù", "EF", "55 D8", "U`", "55 CC"},  {"Ủ", "F1", "55 DB", "U?", "55 D2"},
    {"Ũ", "F2", "55 D5", "U~", "55 DE"},  {"Ụ", "F4", "55 CF", "U.", "55 F2"},
    {"Ư", "A6", "D6", "U+", "DD"},        {"Ứ", "F8", "D6 D9", "U+'", "DD EC"},
    {"Ừ", "F5", "D6 D8", "U+`", "DD CC"}, {"Ử", "F6", "D6 DB", "U+?", "DD D2"},
    {"Ữ", "F7", "D6 D5", "U+~", "DD DE"}, {"Ự", "F9", "D6 CF", "U+.", "DD F2"},
    {"Ý", "FD", "59 D9", "Y'", "59 EC"},  {"Ỳ", "FA", "59 D8", "Y`", "59 CC"},
    {"Ỷ", "FB", "59 DB", "Y?", "59 D2"},  {"Ỹ", "FC", "59 D5", "Y~", "59 DE"},
    {"Ỵ", "FE", "CE", "Y.", "59 F2"},
};

#define NLETTERS (sizeof LOWER / sizeof LOWER[0])

static int tcvn3_has_capital(const letter_row *r)
{
    return r->tcvn3[0] == 'A' && r->tcvn3[1] >= '1' && r->tcvn3[1] <= '7';
}

/* A marked Vietnamese letter carrying a tone (as opposed to ă â ê ô ơ ư đ and plain). */
static int toned_letter(const char *utf8)
{
    for (size_t i = 0; i < NLETTERS; i++) {
        const letter_row *rows[2] = {&LOWER[i], &UPPER[i]};
        for (int k = 0; k < 2; k++)
            if (strcmp(rows[k]->letter, utf8) == 0)
                return strpbrk(rows[k]->viqr, "'`?~.") != NULL;
    }
    return 0;
}

static const letter_row *find_letter(const char *utf8)
{
    for (size_t i = 0; i < NLETTERS; i++) {
        if (strcmp(LOWER[i].letter, utf8) == 0)
            return &LOWER[i];
        if (strcmp(UPPER[i].letter, utf8) == 0)
            return &UPPER[i];
    }
    return NULL;
}

static void test_letter_tables(void **state)
{
    (void)state;
    assert_int_equal(NLETTERS, 67);
    assert_int_equal(sizeof UPPER / sizeof UPPER[0], 67);
    /* 134 distinct letters */
    for (size_t i = 0; i < NLETTERS; i++)
        for (size_t j = 0; j < NLETTERS; j++) {
            if (i != j)
                assert_string_not_equal(LOWER[i].letter, LOWER[j].letter);
            assert_string_not_equal(LOWER[i].letter, UPPER[j].letter);
        }
}

static void test_letters_each_encoding(void **state)
{
    (void)state;
    for (size_t i = 0; i < NLETTERS; i++) {
        for (int up = 0; up < 2; up++) {
            const letter_row *r = up ? &UPPER[i] : &LOWER[i];
            /* TCVN3 */
            int lost = up && !tcvn3_has_capital(r);
            check_encode_hex(VB_ENC_TCVN3, r->letter, r->tcvn3, (size_t)lost);
            check_decode_hex(VB_ENC_TCVN3, r->tcvn3, up, r->letter);
            if (!up)
                check_decode_hex(VB_ENC_TCVN3, r->tcvn3, 0, r->letter);
            else if (tcvn3_has_capital(r))
                check_decode_hex(VB_ENC_TCVN3, r->tcvn3, 0, r->letter);
            else
                check_decode_hex(VB_ENC_TCVN3, r->tcvn3, 0, LOWER[i].letter); /* lowercase byte */
            /* VNI */
            check_encode_hex(VB_ENC_VNI, r->letter, r->vni, 0);
            check_decode_hex(VB_ENC_VNI, r->vni, 0, r->letter);
            /* VIQR */
            check_encode_str(VB_ENC_VIQR, r->letter, r->viqr);
            check_decode_str(VB_ENC_VIQR, r->viqr, r->letter);
            /* CP1258: base + tone byte */
            check_encode_hex(VB_ENC_CP1258, r->letter, r->cp1258, 0);
            check_decode_hex(VB_ENC_CP1258, r->cp1258, 0, r->letter);
        }
    }
}

/* All 134 in one line, each encoding, both ways. */
static void test_letters_line(void **state)
{
    (void)state;
    for (int up = 0; up < 2; up++) {
        const letter_row *rows = up ? UPPER : LOWER;
        char text[2048] = "", tc[2048] = "", vni[2048] = "", viqr[2048] = "", cp[2048] = "";
        size_t lost = 0;
        for (size_t i = 0; i < NLETTERS; i++) {
            const char *sep = i ? " " : "", *hsep = i ? " 20 " : "";
            strcat(text, sep), strcat(text, rows[i].letter);
            strcat(tc, hsep), strcat(tc, rows[i].tcvn3);
            strcat(vni, hsep), strcat(vni, rows[i].vni);
            strcat(viqr, sep), strcat(viqr, rows[i].viqr);
            strcat(cp, hsep), strcat(cp, rows[i].cp1258);
            lost += up && !tcvn3_has_capital(&rows[i]);
        }
        check_encode_hex(VB_ENC_TCVN3, text, tc, lost);
        check_decode_hex(VB_ENC_TCVN3, tc, up, text);
        check_encode_hex(VB_ENC_VNI, text, vni, 0);
        check_decode_hex(VB_ENC_VNI, vni, 0, text);
        check_encode_str(VB_ENC_VIQR, text, viqr);
        check_decode_str(VB_ENC_VIQR, viqr, text);
        check_encode_hex(VB_ENC_CP1258, text, cp, 0);
        check_decode_hex(VB_ENC_CP1258, cp, 0, text);
        print_message("134 letters: %s line, TCVN3 lost %zu (toned capitals)\n", up ? "capital" : "small", lost);
    }
}

/* ==== samples ============================================================================== */

#define MOTTO "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
#define MOTTO_2 "Độc lập - Tự do - Hạnh phúc"
#define BASIS "Căn cứ Luật Tổ chức Chính phủ ngày 19 tháng 6 năm 2015;"

static void test_names(void **state)
{
    (void)state;
    vb_encoding e;
    const struct {
        const char *name;
        vb_encoding enc;
    } ok[] = {{"tcvn3", VB_ENC_TCVN3},   {"TCVN3", VB_ENC_TCVN3},  {"abc", VB_ENC_TCVN3},
              {"vni", VB_ENC_VNI},       {"VNI-Windows", VB_ENC_VNI}, {"viqr", VB_ENC_VIQR},
              {"cp1258", VB_ENC_CP1258}, {"windows-1258", VB_ENC_CP1258}, {"utf-8", VB_ENC_UTF8},
              {"UTF8", VB_ENC_UTF8}};
    for (size_t i = 0; i < sizeof ok / sizeof ok[0]; i++) {
        assert_int_equal(vb_encoding_parse(ok[i].name, &e), 0);
        assert_int_equal(e, ok[i].enc);
    }
    assert_int_equal(vb_encoding_parse("tcvn5712-1", &e), -1); /* VN1, not ABC: not offered */
    assert_int_equal(vb_encoding_parse("latin1", &e), -1);
    assert_int_equal(vb_encoding_parse("", &e), -1);
    const vb_encoding all[] = {VB_ENC_UTF8, VB_ENC_TCVN3, VB_ENC_VNI, VB_ENC_VIQR, VB_ENC_CP1258};
    const char *names[] = {"utf-8", "tcvn3", "vni", "viqr", "cp1258"};
    for (size_t i = 0; i < 5; i++) {
        assert_string_equal(vb_encoding_name(all[i]), names[i]);
        assert_int_equal(vb_encoding_parse(names[i], &e), 0);
        assert_int_equal(e, all[i]);
    }
}

static void test_tcvn3_samples(void **state)
{
    (void)state;
    const char *motto = "43 E9 4E 47 20 48 DF 41 20 58 B7 20 48 E9 49 20 43 48 F1 20 4E 47 48 DC 41 20 56 49 D6 54 "
                        "20 4E 41 4D";
    check_encode_hex(VB_ENC_TCVN3, MOTTO, motto, 7); /* Ộ Ò Ã Ộ Ủ Ĩ Ệ */
    check_decode_hex(VB_ENC_TCVN3, motto, 1, MOTTO);
    check_decode_hex(VB_ENC_TCVN3, motto, 0, "CộNG HòA Xã HộI CHủ NGHĩA VIệT NAM");
    const char *m2 = "A7 E9 63 20 6C CB 70 20 2D 20 54 F9 20 64 6F 20 2D 20 48 B9 6E 68 20 70 68 F3 63";
    check_encode_hex(VB_ENC_TCVN3, MOTTO_2, m2, 0);
    check_decode_hex(VB_ENC_TCVN3, m2, 0, MOTTO_2);
    check_decode_hex(VB_ENC_TCVN3, m2, 1, "ĐỘC LẬP - TỰ DO - HẠNH PHÚC");
    const char *basis = "43 A8 6E 20 63 F8 20 4C 75 CB 74 20 54 E6 20 63 68 F8 63 20 43 68 DD 6E 68 20 70 68 F1 20 "
                        "6E 67 B5 79 20 31 39 20 74 68 B8 6E 67 20 36 20 6E A8 6D 20 32 30 31 35 3B";
    check_encode_hex(VB_ENC_TCVN3, BASIS, basis, 0);
    check_decode_hex(VB_ENC_TCVN3, basis, 0, BASIS);
    /* the untoned capitals have codes: no loss */
    check_encode_hex(VB_ENC_TCVN3, "ĐÂN ĂN ÊM ÔN ƠN ƯA", "A7 A2 4E 20 A1 4E 20 A3 4D 20 A4 4E 20 A5 4E 20 A6 41", 0);
    /* Windows-1252 punctuation and Latin-1 symbols the charset leaves free round-trip */
    check_encode_hex(VB_ENC_TCVN3, "“Số” – 5°…€", "93 53 E8 94 20 96 20 35 B0 85 80", 0);
    check_decode_hex(VB_ENC_TCVN3, "93 53 E8 94 20 96 20 35 B0 85 80 82", 0, "“Số” – 5°…€‚");
    /* characters with no code: '?', counted */
    check_encode_hex(VB_ENC_TCVN3, "ä中✓", "3F 3F 3F", 3);
}

static void test_vni_samples(void **state)
{
    (void)state;
    const char *motto = "43 4F C4 4E 47 20 48 4F D8 41 20 58 41 D5 20 48 4F C4 49 20 43 48 55 DB 20 4E 47 48 D3 41 "
                        "20 56 49 45 C4 54 20 4E 41 4D";
    check_encode_hex(VB_ENC_VNI, MOTTO, motto, 0);
    check_decode_hex(VB_ENC_VNI, motto, 0, MOTTO);
    const char *m2 = "D1 6F E4 63 20 6C 61 E4 70 20 2D 20 54 F6 EF 20 64 6F 20 2D 20 48 61 EF 6E 68 20 70 68 75 F9 63";
    check_encode_hex(VB_ENC_VNI, MOTTO_2, m2, 0);
    check_decode_hex(VB_ENC_VNI, m2, 0, MOTTO_2);
    const char *basis = "43 61 EA 6E 20 63 F6 F9 20 4C 75 61 E4 74 20 54 6F E5 20 63 68 F6 F9 63 20 43 68 ED 6E 68 20 "
                        "70 68 75 FB 20 6E 67 61 F8 79 20 31 39 20 74 68 61 F9 6E 67 20 36 20 6E 61 EA 6D 20 32 30 31 "
                        "35 3B";
    check_encode_hex(VB_ENC_VNI, BASIS, basis, 0);
    check_decode_hex(VB_ENC_VNI, basis, 0, BASIS);
    /* ươ: two 1-byte letters; thuở: u + ơ + hook */
    check_decode_hex(VB_ENC_VNI, "6E 67 F6 F4 F8 69 20 74 68 75 F4 FB", 0, "người thuở");
    /* a mark byte of the other case still marks the letter before it */
    check_decode_hex(VB_ENC_VNI, "6F C4 20 4F E4", 0, "ộ Ộ");
    /* a mark byte that follows no vowel reads as Latin-1, like any other font would show it */
    check_decode_hex(VB_ENC_VNI, "62 F9 20 F9", 0, "bù ù");
    /* Latin-1 letters whose bytes are VNI marks or letters have no code */
    check_encode_hex(VB_ENC_VNI, "ë ä ñ", "3F 20 3F 20 3F", 3);
    check_encode_hex(VB_ENC_VNI, "“x” – …", "93 78 94 20 96 20 85", 0);
}

static void test_viqr_samples(void **state)
{
    (void)state;
    check_encode_str(VB_ENC_VIQR, MOTTO, "CO^.NG HO`A XA~ HO^.I CHU? NGHI~A VIE^.T NAM");
    check_decode_str(VB_ENC_VIQR, "CO^.NG HO`A XA~ HO^.I CHU? NGHI~A VIE^.T NAM", MOTTO);
    check_encode_str(VB_ENC_VIQR, MOTTO_2, "DDo^.c la^.p - Tu+. do - Ha.nh phu'c");
    check_decode_str(VB_ENC_VIQR, "DDo^.c la^.p - Tu+. do - Ha.nh phu'c", MOTTO_2);
    check_encode_str(VB_ENC_VIQR, BASIS, "Ca(n cu+' Lua^.t To^? chu+'c Chi'nh phu? nga`y 19 tha'ng 6 na(m 2015;");
    check_decode_str(VB_ENC_VIQR, "Ca(n cu+' Lua^.t To^? chu+'c Chi'nh phu? nga`y 19 tha'ng 6 na(m 2015;", BASIS);
    check_decode_str(VB_ENC_VIQR, "ddu+o+`ng ngu+o+`i khuy?u thuo+?", "đường người khuỷu thuở");
}

/* Where VIQR is ambiguous, the conservative reading. */
static void test_viqr_edges(void **state)
{
    (void)state;
    static const char *const cases[][2] = {
        /* escapes */
        {"Ha\\.", "Ha."},
        {"gi`\\?", "gì?"},
        {"a\\^b \\. C:\\.x", "a^b \\. C:\\.x"}, /* an escape counts only after a letter */
        /* English and punctuation stay */
        {"Dr. Smith?", "Dr. Smith?"},
        {"Hello? Who? you're, I'm, e.g. i.e. He's here.", "Hello? Who? you're, I'm, e.g. i.e. He's here."},
        {"x^2 + y^2, f(a(x)), C++, H2O.", "x^2 + y^2, f(a(x)), C++, H2O."},
        {"address, Eddie, odd, ddos", "address, Eddie, odd, ddos"},
        /* a word-final tone that would not make a syllable is punctuation */
        {"Anh ddi dda^u?", "Anh đi đâu?"},
        {"Kho?e kho^ng?", "Khỏe không?"},
        {"sao??", "sao??"},
        /* an ellipsis is not a dot below */
        {"ra... ra....", "ra... rạ..."},
        /* đ */
        {"So^' 15/QDD-UBND; HDDND; DDHQG", "Số 15/QĐ-UBND; HĐND; ĐHQG"},
        {"100.000 dd; DD/c", "100.000 đ; Đ/c"},
        {"d\\di", "ddi"},
        /* modifiers make VIQR plain even where tones alone would not */
        {"u+o+ a( A^ o+?", "ươ ă Â ở"},
        /* RFC 1456 reading of a final dot after a vowel: a tone */
        {"Ba` me.", "Bà mẹ"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
        check_decode_str(VB_ENC_VIQR, cases[i][0], cases[i][1]);
    /* the encoder escapes what the decoder would read as a mnemonic, and round-trips */
    static const char *const round[][2] = {
        {"Hà.", "Ha`\\."},
        {"Hello? Dr. Smith", "Hello\\? Dr. Smith"},
        {"ddi ddos", "d\\di d\\dos"},
        {"QDD a\\.", "QD\\D a\\\\."},
        {"e^x", "e\\^x"},
    };
    for (size_t i = 0; i < sizeof round / sizeof round[0]; i++) {
        check_encode_str(VB_ENC_VIQR, round[i][0], round[i][1]);
        check_decode_str(VB_ENC_VIQR, round[i][1], round[i][0]);
    }
    /* other bytes: UTF-8 when the input is UTF-8, else Windows-1252 */
    check_decode_str(VB_ENC_VIQR, "“Vie^.t” – …", "“Việt” – …");
    check_decode_hex(VB_ENC_VIQR, "93 56 69 65 5E 2E 74 94", 0, "“Việt”");
    check_encode_hex(VB_ENC_VIQR, "“Việt” 中", "93 56 69 65 5E 2E 74 94 20 3F", 1);
}

static void test_cp1258(void **state)
{
    (void)state;
    /* Windows' Vietnamese keyboard: base letter + combining tone byte → NFC */
    check_decode_hex(VB_ENC_CP1258, "56 69 EA F2 74 20 4E 61 6D 20 D0 F4 F2 63 20 6C E2 F2 70", 0, "Việt Nam Độc lập");
    /* precomposed Latin-1 letters and the same with a combining byte come out alike */
    check_decode_hex(VB_ENC_CP1258, "E1 20 61 EC 20 ED 20 69 EC", 0, "á á í í");
    /* a combining byte with no base stays a combining mark */
    check_decode_hex(VB_ENC_CP1258, "CC", 0, "\xCC\x80");
    check_encode_hex(VB_ENC_CP1258, MOTTO,
                     "43 D4 F2 4E 47 20 48 4F CC 41 20 58 41 DE 20 48 D4 F2 49 20 43 48 55 D2 20 4E 47 48 49 DE 41 "
                     "20 56 49 CA F2 54 20 4E 41 4D",
                     0);
    check_encode_hex(VB_ENC_CP1258, "€ ₫ ß", "80 20 FE 20 DF", 0);
    check_encode_hex(VB_ENC_CP1258, "中✓", "3F 3F", 2);
    /* decomposed input is normalised before encoding */
    check_encode_hex(VB_ENC_CP1258, "e\xCC\x82\xCC\xA3", "EA F2", 0);
}

static void test_utf8_and_normalisation(void **state)
{
    (void)state;
    /* NFD in, NFC out */
    check_decode_str(VB_ENC_UTF8, "Vie\xCC\x82\xCC\xA3t", "Việt");
    check_decode_hex(VB_ENC_UTF8, "61 FF 62", 0, "a\xEF\xBF\xBD" "b");
    size_t n, lost;
    char *r = vb_legacy_encode("a\xFF" "b", 3, VB_ENC_UTF8, &n, &lost);
    assert_int_equal(lost, 1);
    assert_string_equal(r, "a\xEF\xBF\xBD" "b");
    free(r);
    /* NFD input to TCVN3 */
    check_encode_hex(VB_ENC_TCVN3, "Vie\xCC\x82\xCC\xA3t", "56 69 D6 74", 0);
    /* empty input */
    r = vb_legacy_encode("", 0, VB_ENC_TCVN3, &n, &lost);
    assert_int_equal(n, 0);
    assert_int_equal(lost, 0);
    free(r);
    r = vb_legacy_decode("", 0, VB_ENC_CP1258, 0, NULL, 0);
    assert_string_equal(r, "");
    free(r);
}

/* ==== detection ============================================================================ */

typedef struct {
    const char *legacy;    /* the legacy run as pasted into UTF-8 */
    vb_encoding enc;
    const char *converted; /* what it says */
} det_case;

static void check_detect_one(const char *before, const det_case *c, const char *after)
{
    char text[1024];
    snprintf(text, sizeof text, "%s%s%s", before, c->legacy, after);
    vb_legacy_run *runs = NULL;
    size_t n = vb_legacy_detect(text, strlen(text), &runs);
    if (n != 1)
        fail_msg("detect \"%s\": %zu runs, want 1", text, n);
    assert_int_equal(runs[0].offset, strlen(before));
    assert_int_equal(runs[0].length, strlen(c->legacy));
    assert_int_equal(runs[0].encoding, c->enc);
    assert_string_equal(runs[0].converted, c->converted);
    vb_legacy_runs_free(runs, n);
}

static void test_detect_positive(void **state)
{
    (void)state;
    static const det_case cases[] = {
        {"Céng hßa x· héi chñ nghÜa ViÖt Nam", VB_ENC_TCVN3, "Cộng hòa xã hội chủ nghĩa Việt Nam"},
        {"§éc lËp - Tù do - H¹nh phóc", VB_ENC_TCVN3, "Độc lập - Tự do - Hạnh phúc"},
        {"C¨n cø LuËt Tæ chøc ChÝnh phñ ngµy 19 th¸ng 6 n¨m 2015", VB_ENC_TCVN3,
         "Căn cứ Luật Tổ chức Chính phủ ngày 19 tháng 6 năm 2015"},
        /* typed in capitals for an all-caps font (.VnTimeH) */
        {"CéNG HßA X· HéI CHñ NGHÜA VIÖT NAM", VB_ENC_TCVN3, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"},
        {"QuyÕt ®Þnh sè 15/Q§-UBND", VB_ENC_TCVN3, "Quyết định số 15/QĐ-UBND"},
        {"Coäng hoøa xaõ hoäi chuû nghóa Vieät Nam", VB_ENC_VNI, "Cộng hòa xã hội chủ nghĩa Việt Nam"},
        {"COÄNG HOØA XAÕ HOÄI CHUÛ NGHÓA VIEÄT NAM", VB_ENC_VNI, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"},
        {"Ñoäc laäp - Töï do - Haïnh phuùc", VB_ENC_VNI, "Độc lập - Tự do - Hạnh phúc"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        check_detect_one("", &cases[i], "");
        /* with real Unicode around it: the run is word-aligned at the legacy text */
        check_detect_one("Tiêu đề: ", &cases[i], "\nHà Nội, ngày 01 tháng 01 năm 2024");
        check_detect_one("Văn bản cũ:\n", &cases[i], ".\nHết.");
    }
}

static void test_detect_two_runs(void **state)
{
    (void)state;
    const char *a = "Céng hßa x· héi chñ nghÜa ViÖt Nam";
    const char *b = "Coäng hoøa xaõ hoäi chuû nghóa Vieät Nam";
    char text[512];
    snprintf(text, sizeof text, "Bản TCVN3: %s\nBản Unicode: Cộng hòa\nBản VNI: %s\n", a, b);
    vb_legacy_run *runs;
    size_t n = vb_legacy_detect(text, strlen(text), &runs);
    assert_int_equal(n, 2);
    assert_int_equal(runs[0].offset, (size_t)(strstr(text, a) - text));
    assert_int_equal(runs[0].length, strlen(a));
    assert_int_equal(runs[0].encoding, VB_ENC_TCVN3);
    assert_int_equal(runs[1].offset, (size_t)(strstr(text, b) - text));
    assert_int_equal(runs[1].length, strlen(b));
    assert_int_equal(runs[1].encoding, VB_ENC_VNI);
    assert_string_equal(runs[1].converted, "Cộng hòa xã hội chủ nghĩa Việt Nam");
    vb_legacy_runs_free(runs, n);
}

static void test_detect_negative(void **state)
{
    (void)state;
    static const char *const texts[] = {
        MOTTO "\n" MOTTO_2 "\n" BASIS,
        "Cộng hòa xã hội chủ nghĩa Việt Nam. Tôi là Bé Tí, các tháng, có không, hòa bình.",
        "Hà Nội, ngày 01 tháng 01 năm 2024. Ủy ban nhân dân tỉnh.",
        "L'élève naïve a été à l'école où il était déjà. Là où tu vas, ça coûte cher, mon cœur.",
        "El señor García dijo: ¿qué tal? Sí, aún mañana, año, niño, José, él, más.",
        "Müller über schön, Straße, Größe, für, Bär, Mädchen, Käse, Öl.",
        "Vi går på stan, så att endast än en gång, lång version, kön, på nytt.",
        "Il più vecchio, già, città, così, perché, può.",
        "Café, résumé, naïve, coöperation, Zoë, façade, São Paulo, 5 µm and 10 µm, ½ cup, ¾ cup, © 2024.",
        "Plain English text with no accents at all, and some numbers 1, 2, 3.",
        "Price: 5 € · Total: 10 € · Items: 3 × 4 ÷ 2 ± 1 ° C.",
    };
    for (size_t i = 0; i < sizeof texts / sizeof texts[0]; i++) {
        vb_legacy_run *runs = (vb_legacy_run *)1;
        size_t n = vb_legacy_detect(texts[i], strlen(texts[i]), &runs);
        if (n != 0)
            fail_msg("false detection in \"%s\": \"%.*s\" as %s", texts[i], (int)runs[0].length,
                     texts[i] + runs[0].offset, vb_encoding_name(runs[0].encoding));
        assert_null(runs);
    }
    /* a short phrase alone is not evidence enough (conservative) */
    vb_legacy_run *runs;
    assert_int_equal(vb_legacy_detect("Céng hßa", strlen("Céng hßa"), &runs), 0);
    assert_int_equal(vb_legacy_detect("", 0, &runs), 0);
    vb_legacy_runs_free(NULL, 0);
}

/* Legacy bytes as a Windows-1252 reader shows them (the five bytes it leaves unassigned
 * as C1 controls, as a Latin-1 reader would). */
static char *as_cp1252(const char *bytes, size_t n)
{
    static const uint16_t high[32] = {0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
                                      0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x008D, 0x017D, 0x008F,
                                      0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
                                      0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178};
    char *out = malloc(3 * n + 1);
    assert_non_null(out);
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        unsigned b = (unsigned char)bytes[i];
        k += put_utf8(out + k, b >= 0x80 && b < 0xA0 ? high[b - 0x80] : b);
    }
    out[k] = 0;
    return out;
}

/* The mojibake of samples, made here from the encoder's bytes, is found and converted back. */
static void test_detect_roundtrip(void **state)
{
    (void)state;
    const char *texts[] = {MOTTO_2 ", Căn cứ Luật Tổ chức Chính phủ ngày 19 tháng 6 năm 2015",
                           "Điều 1. Phạm vi điều chỉnh. Nơi nhận: Hà Nội, ngày 01 tháng 01",
                           "Quyết định về việc ban hành quy chế làm việc của Ủy ban nhân dân tỉnh"};
    const vb_encoding encs[] = {VB_ENC_TCVN3, VB_ENC_VNI};
    for (size_t t = 0; t < sizeof texts / sizeof texts[0]; t++)
        for (size_t e = 0; e < 2; e++) {
            size_t n, lost;
            char *bytes = vb_legacy_encode(texts[t], strlen(texts[t]), encs[e], &n, &lost);
            char *moji = as_cp1252(bytes, n);
            vb_legacy_run *runs;
            size_t k = vb_legacy_detect(moji, strlen(moji), &runs);
            if (k != 1)
                fail_msg("mojibake of \"%s\" as %s: %zu runs in \"%s\"", texts[t], vb_encoding_name(encs[e]), k,
                         moji);
            assert_int_equal(runs[0].encoding, encs[e]);
            assert_int_equal(runs[0].offset, 0);
            assert_int_equal(runs[0].length, strlen(moji));
            if (lost == 0) {
                assert_string_equal(runs[0].converted, texts[t]);
            } else { /* TCVN3 "Ủy" in a mixed-case line: read as the lowercase byte shows it */
                char *low = decode((const unsigned char *)bytes, n, encs[e], 0);
                assert_string_equal(runs[0].converted, low);
                free(low);
            }
            vb_legacy_runs_free(runs, k);
            free(moji);
            free(bytes);
        }
}

/* ==== oracles (../shared/reference/encodings) ============================================== */

static char *oracle_dir;

static char *read_file(const char *dir, const char *name)
{
    char path[1024];
    snprintf(path, sizeof path, "%s/reference/encodings/%s", dir, name);
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    rewind(f);
    char *s = malloc((size_t)n + 1);
    assert_non_null(s);
    size_t got = fread(s, 1, (size_t)n, f);
    s[got] = 0;
    fclose(f);
    return s;
}

#define MAXF 16

typedef struct {
    char *text;      /* the file, cut in place */
    char *line;      /* cursor */
    char *hdr[MAXF]; /* column names */
    size_t nhdr;
} tsv;

static size_t split_tabs(char *line, char **f)
{
    size_t n = 0;
    f[n++] = line;
    for (char *p = line; *p && n < MAXF; p++)
        if (*p == '\t') {
            *p = 0;
            f[n++] = p + 1;
        }
    return n;
}

/* Next non-comment line, cut at tabs; 0 at the end. */
static size_t tsv_next(tsv *t, char **f)
{
    while (t->line && *t->line) {
        char *l = t->line, *nl = strchr(l, '\n');
        if (nl) {
            *nl = 0;
            t->line = nl + 1;
        } else {
            t->line = NULL;
        }
        size_t len = strlen(l);
        if (len && l[len - 1] == '\r')
            l[len - 1] = 0;
        if (l[0] == '#' || l[0] == 0)
            continue;
        return split_tabs(l, f);
    }
    return 0;
}

static int tsv_open(tsv *t, const char *name)
{
    memset(t, 0, sizeof *t);
    if (!oracle_dir)
        return -1;
    t->text = read_file(oracle_dir, name);
    if (!t->text)
        return -1;
    t->line = t->text;
    t->nhdr = tsv_next(t, t->hdr);
    return t->nhdr ? 0 : -1;
}

static int col(const tsv *t, const char *name)
{
    for (size_t i = 0; i < t->nhdr; i++)
        if (strcmp(t->hdr[i], name) == 0)
            return (int)i;
    fail_msg("oracle column %s missing", name);
    return -1;
}

static int oracle_setup(void **state)
{
    (void)state;
    const char *env = getenv("VANBAN_SHARED_DIR");
    char buf[1024];
    if (env && *env) {
        snprintf(buf, sizeof buf, "%s", env);
    } else {
        const char *root = getenv("VANBAN_SOURCE_ROOT");
        snprintf(buf, sizeof buf, "%s/../shared", root && *root ? root : VB_SOURCE_ROOT);
    }
    char probe[1100];
    snprintf(probe, sizeof probe, "%s/reference/encodings/tcvn3_abc_to_unicode.tsv", buf);
    FILE *f = fopen(probe, "r");
    if (f) {
        fclose(f);
        oracle_dir = strdup(buf);
    } else {
        print_message("skipped: %s/reference/encodings not found\n", buf);
    }
    return 0;
}

static int oracle_teardown(void **state)
{
    (void)state;
    free(oracle_dir);
    oracle_dir = NULL;
    return 0;
}

#define OPEN_OR_SKIP(t, name)                                                                                      \
    do {                                                                                                           \
        if (tsv_open(&(t), name) != 0) {                                                                           \
            print_message("skipped: oracle %s not found\n", name);                                                 \
            skip();                                                                                                \
        }                                                                                                          \
    } while (0)

/* Decodes one byte string; compares with the expected UTF-8. */
static int dec_is(const unsigned char *b, size_t n, vb_encoding enc, int caps, const char *want, char *got,
                  size_t cap)
{
    char *r = decode(b, n, enc, caps);
    snprintf(got, cap, "%s", r ? r : "(null)");
    int ok = r && strcmp(r, want) == 0;
    free(r);
    return ok;
}

static int enc_is(const char *utf8, size_t len, vb_encoding enc, const unsigned char *want, size_t wn, size_t want_lost)
{
    size_t n, lost;
    char *r = vb_legacy_encode(utf8, len, enc, &n, &lost);
    int ok = n == wn && memcmp(r, want, n) == 0 && lost == want_lost;
    free(r);
    return ok;
}

/* Windows-1252 0x82 is U+201A (‚); UniKey's table has U+20A1 (₡) there. Ours follows
 * Windows-1252 (and ICU's windows-1258, which agrees). */
#define ORACLE_0x82 "\xE2\x82\xA1"
#define OURS_0x82 "\xE2\x80\x9A"

static void test_oracle_tcvn3(void **state)
{
    (void)state;
    tsv t;
    OPEN_OR_SKIP(t, "tcvn3_abc_to_unicode.tsv");
    int cb = col(&t, "byte"), cu = col(&t, "unikey_unicode"), ch = col(&t, "under_H_font"), cs = col(&t, "status");
    char *f[MAXF];
    size_t rows = 0, agree = 0, known = 0, enc_checked = 0, enc_vn = 0;
    while (tsv_next(&t, f)) {
        unsigned char b = (unsigned char)strtoul(f[cb], NULL, 16);
        char want[16], want_h[16], got[64];
        ucodes_utf8(f[cu], want, sizeof want);
        ucodes_utf8(f[ch], want_h, sizeof want_h);
        rows++;
        if (b == 0x82) { /* known: Windows-1252 */
            assert_string_equal(want, ORACLE_0x82);
            assert_true(dec_is(&b, 1, VB_ENC_TCVN3, 0, OURS_0x82, got, sizeof got));
            assert_true(dec_is(&b, 1, VB_ENC_TCVN3, 1, OURS_0x82, got, sizeof got));
            known++;
            continue;
        }
        if (!dec_is(&b, 1, VB_ENC_TCVN3, 0, want, got, sizeof got))
            fail_msg("TCVN3 byte %02X: got \"%s\", oracle %s", b, got, f[cu]);
        if (!dec_is(&b, 1, VB_ENC_TCVN3, 1, want_h, got, sizeof got))
            fail_msg("TCVN3 byte %02X under an H font: got \"%s\", oracle %s", b, got, f[ch]);
        agree++;
        /* and back: the byte, except Latin-1 pass-through bytes whose character is a
         * Vietnamese letter (À Á Â Ã Í Ù Ú à): those are written with their VN3 code */
        size_t wl = b == 0 ? 1 : strlen(want);
        const letter_row *lr = find_letter(want);
        if (strcmp(f[cs], "passthru") == 0 && lr) {
            size_t vn;
            unsigned char *v = hex_bytes(lr->tcvn3, &vn);
            int up = lr >= UPPER && lr < UPPER + NLETTERS;
            assert_true(enc_is(want, wl, VB_ENC_TCVN3, v, vn, (size_t)(up && !tcvn3_has_capital(lr))));
            free(v);
            enc_vn++;
        } else {
            if (!enc_is(want, wl, VB_ENC_TCVN3, &b, 1, 0))
                fail_msg("TCVN3 encode of %s: not byte %02X", f[cu], b);
            enc_checked++;
        }
    }
    free(t.text);
    assert_int_equal(rows, 256);
    print_message("oracle TCVN3: %zu rows; %zu agree (both readings), %zu known difference (0x82: Windows-1252 "
                  "U+201A, oracle U+20A1); encoded back to the byte: %zu, pass-through Vietnamese letters "
                  "written with their VN3 code: %zu\n",
                  rows, agree, known, enc_checked, enc_vn);
}

static void test_oracle_vni(void **state)
{
    (void)state;
    tsv t;
    OPEN_OR_SKIP(t, "vni_windows_to_unicode.tsv");
    int cb = col(&t, "vni_bytes"), cu = col(&t, "unicode"), ck = col(&t, "kind");
    char *f[MAXF];
    size_t rows = 0, agree = 0, known = 0;
    while (tsv_next(&t, f)) {
        size_t n;
        unsigned char *b = hex_bytes(f[cb], &n);
        char want[16], got[64];
        ucodes_utf8(f[cu], want, sizeof want);
        rows++;
        if (n == 1 && b[0] == 0x82) {
            assert_string_equal(want, ORACLE_0x82);
            assert_true(dec_is(b, 1, VB_ENC_VNI, 0, OURS_0x82, got, sizeof got));
            known++;
            free(b);
            continue;
        }
        if (!dec_is(b, n, VB_ENC_VNI, 0, want, got, sizeof got))
            fail_msg("VNI [%s] (%s): got \"%s\", oracle %s", f[cb], f[ck], got, f[cu]);
        if (!enc_is(want, strlen(want), VB_ENC_VNI, b, n, 0))
            fail_msg("VNI encode of %s: not [%s]", f[cu], f[cb]);
        agree++;
        free(b);
    }
    free(t.text);
    assert_true(rows > 0);
    print_message("oracle VNI letters: %zu rows; %zu agree both ways, %zu known difference (0x82)\n", rows, agree,
                  known);

    OPEN_OR_SKIP(t, "vni_windows_marks.tsv");
    int cm = col(&t, "mark_byte"), cc = col(&t, "adds_combining"), cbs = col(&t, "bases");
    size_t marks = 0, pairs = 0;
    while (tsv_next(&t, f)) {
        unsigned char mark = (unsigned char)strtoul(f[cm], NULL, 16);
        char comb[32];
        ucodes_utf8(f[cc], comb, sizeof comb);
        marks++;
        for (const char *p = f[cbs]; *p;) {
            char base[8] = {0};
            size_t bl = ((unsigned char)*p < 0x80) ? 1 : 2;
            memcpy(base, p, bl);
            p += bl;
            unsigned char bytes[2] = {0, mark};
            if (bl == 1)
                bytes[0] = (unsigned char)base[0];
            else if (!strcmp(base, "Ơ"))
                bytes[0] = 0xD4;
            else if (!strcmp(base, "ơ"))
                bytes[0] = 0xF4;
            else if (!strcmp(base, "Ư"))
                bytes[0] = 0xD6;
            else if (!strcmp(base, "ư"))
                bytes[0] = 0xF6;
            else
                fail_msg("VNI marks: unknown base %s", base);
            char raw[48], want[48], got[64];
            snprintf(raw, sizeof raw, "%s%s", base, comb);
            nfc(raw, want, sizeof want);
            if (!dec_is(bytes, 2, VB_ENC_VNI, 0, want, got, sizeof got))
                fail_msg("VNI %02X %02X: got \"%s\", want \"%s\"", bytes[0], mark, got, want);
            pairs++;
        }
    }
    free(t.text);
    print_message("oracle VNI marks: %zu mark bytes, %zu base + mark pairs, all agree\n", marks, pairs);
}

static void test_oracle_viqr(void **state)
{
    (void)state;
    tsv t;
    OPEN_OR_SKIP(t, "viqr_to_unicode.tsv");
    int cv = col(&t, "viqr"), cu = col(&t, "unicode");
    char *f[MAXF];
    size_t rows = 0;
    while (tsv_next(&t, f)) {
        char want[16];
        ucodes_utf8(f[cu], want, sizeof want);
        char *r = decode((const unsigned char *)f[cv], strlen(f[cv]), VB_ENC_VIQR, 0);
        if (strcmp(r, want) != 0)
            fail_msg("VIQR %s: got \"%s\", oracle %s", f[cv], r, f[cu]);
        free(r);
        if (!enc_is(want, strlen(want), VB_ENC_VIQR, (const unsigned char *)f[cv], strlen(f[cv]), 0))
            fail_msg("VIQR encode of %s: not %s", f[cu], f[cv]);
        rows++;
    }
    free(t.text);
    assert_true(rows > 0);
    print_message("oracle VIQR: %zu rows, all agree both ways\n", rows);
}

static void test_oracle_cp1258(void **state)
{
    (void)state;
    tsv t;
    OPEN_OR_SKIP(t, "cp1258_to_unicode.tsv");
    int cb = col(&t, "byte"), ci = col(&t, "icu");
    char *f[MAXF];
    size_t rows = 0, same = 0, decomposed = 0;
    while (tsv_next(&t, f)) {
        unsigned char b = (unsigned char)strtoul(f[cb], NULL, 16);
        char want[16], got[64];
        ucodes_utf8(f[ci], want, sizeof want);
        rows++;
        if (!dec_is(&b, 1, VB_ENC_CP1258, 0, want, got, sizeof got))
            fail_msg("CP1258 byte %02X: got \"%s\", oracle (ICU) %s", b, got, f[ci]);
        size_t wl = b == 0 ? 1 : strlen(want);
        if (toned_letter(want)) {
            /* by design: written base + tone byte, as Windows' Vietnamese keyboard types */
            const letter_row *lr = find_letter(want);
            size_t vn;
            unsigned char *v = hex_bytes(lr->cp1258, &vn);
            assert_int_equal(vn, 2);
            assert_true(enc_is(want, wl, VB_ENC_CP1258, v, vn, 0));
            free(v);
            decomposed++;
        } else {
            if (!enc_is(want, wl, VB_ENC_CP1258, &b, 1, 0))
                fail_msg("CP1258 encode of %s: not byte %02X", f[ci], b);
            same++;
        }
    }
    free(t.text);
    assert_int_equal(rows, 256);
    print_message("oracle CP1258: %zu rows decode as ICU does; encoded back to the byte: %zu, toned letters "
                  "written base + tone byte instead (by design): %zu\n",
                  rows, same, decomposed);
}

static void test_oracle_letters(void **state)
{
    (void)state;
    tsv t;
    OPEN_OR_SKIP(t, "vietnamese_letters_parallel.tsv");
    int cu = col(&t, "unicode"), ct = col(&t, "tcvn3"), cv = col(&t, "vni_windows"), cq = col(&t, "viqr"),
        cg = col(&t, "cp1258_glibc"), ck = col(&t, "cp1258_unikey");
    char *f[MAXF];
    size_t rows = 0, tc_lost = 0;
    while (tsv_next(&t, f)) {
        char ch[16], got[64];
        ucodes_utf8(f[cu], ch, sizeof ch);
        rows++;
        size_t n;
        unsigned char *b;
        /* TCVN3: capitals read under an H font; toned ones lost on the way in */
        const letter_row *lr = find_letter(ch);
        int up = lr ? lr >= UPPER && lr < UPPER + NLETTERS : (ch[0] >= 'A' && ch[0] <= 'Z');
        size_t lost = up && lr && !tcvn3_has_capital(lr);
        tc_lost += lost;
        b = hex_bytes(f[ct], &n);
        if (!dec_is(b, n, VB_ENC_TCVN3, up, ch, got, sizeof got))
            fail_msg("letters TCVN3 %s: got \"%s\" for %s", f[cu], got, f[ct]);
        if (!enc_is(ch, strlen(ch), VB_ENC_TCVN3, b, n, lost))
            fail_msg("letters TCVN3 encode %s: not %s", f[cu], f[ct]);
        free(b);
        const int cols[] = {cv, ck};
        const vb_encoding encs[] = {VB_ENC_VNI, VB_ENC_CP1258};
        for (int k = 0; k < 2; k++) {
            b = hex_bytes(f[cols[k]], &n);
            if (!dec_is(b, n, encs[k], 0, ch, got, sizeof got))
                fail_msg("letters %s %s: got \"%s\" for %s", vb_encoding_name(encs[k]), f[cu], got, f[cols[k]]);
            if (!enc_is(ch, strlen(ch), encs[k], b, n, 0))
                fail_msg("letters %s encode %s: not %s", vb_encoding_name(encs[k]), f[cu], f[cols[k]]);
            free(b);
        }
        /* glibc's CP1258 (precomposed where Latin-1 has the letter): read the same */
        b = hex_bytes(f[cg], &n);
        if (!dec_is(b, n, VB_ENC_CP1258, 0, ch, got, sizeof got))
            fail_msg("letters CP1258 (glibc bytes) %s: got \"%s\" for %s", f[cu], got, f[cg]);
        free(b);
        char *r = decode((const unsigned char *)f[cq], strlen(f[cq]), VB_ENC_VIQR, 0);
        if (strcmp(r, ch) != 0)
            fail_msg("letters VIQR %s: got \"%s\"", f[cq], r);
        free(r);
        if (!enc_is(ch, strlen(ch), VB_ENC_VIQR, (const unsigned char *)f[cq], strlen(f[cq]), 0))
            fail_msg("letters VIQR encode %s: not %s", f[cu], f[cq]);
    }
    free(t.text);
    assert_true(rows > 0);
    print_message("oracle letters: %zu rows agree in TCVN3, VNI, VIQR, CP1258 (UniKey's bytes both ways, "
                  "glibc's read); TCVN3 toned capitals lost: %zu\n",
                  rows, tc_lost);
}

/* Has no lowercase letter (a line in capitals: read TCVN3 under an H font). */
static int all_capitals(const char *utf8)
{
    int caps = 1;
    /* a small letter is one whose uppercase differs: ASCII, or one of the table's */
    for (const char *p = utf8; *p; p++)
        if (*p >= 'a' && *p <= 'z')
            caps = 0;
    for (size_t i = 0; i < NLETTERS && caps; i++)
        if (strstr(utf8, LOWER[i].letter))
            caps = 0;
    return caps;
}

static void test_oracle_vectors(void **state)
{
    (void)state;
    tsv t = {0};
    char *f[MAXF];
    if (!oracle_dir || !(t.text = read_file(oracle_dir, "vectors/roundtrip_vectors.tsv"))) {
        print_message("skipped: oracle vectors/roundtrip_vectors.tsv not found\n");
        skip();
    }
    t.line = t.text;
    t.nhdr = tsv_next(&t, t.hdr);
    int ce = col(&t, "encoding"), cu = col(&t, "unicode"), ch = col(&t, "legacy_hex"), cd = col(&t, "decoded_back");
    size_t rows = 0;
    while (tsv_next(&t, f)) {
        vb_encoding enc;
        if (!strcmp(f[ce], "VNIWIN"))
            enc = VB_ENC_VNI;
        else
            assert_int_equal(vb_encoding_parse(f[ce], &enc), 0);
        size_t n;
        unsigned char *b = hex_bytes(f[ch], &n);
        char got[1024];
        size_t lost = 0;
        if (enc == VB_ENC_TCVN3) {
            int caps = all_capitals(f[cu]);
            if (!dec_is(b, n, enc, caps, f[cu], got, sizeof got))
                fail_msg("vector %s \"%s\" (capitals %d): got \"%s\"", f[ce], f[cu], caps, got);
            if (!dec_is(b, n, enc, 0, f[cd], got, sizeof got))
                fail_msg("vector %s decoded_back \"%s\": got \"%s\"", f[ce], f[cd], got);
            for (size_t i = 0; i < NLETTERS; i++) /* toned capitals */
                if (!tcvn3_has_capital(&UPPER[i]))
                    for (const char *p = f[cu]; (p = strstr(p, UPPER[i].letter)) != NULL; p++)
                        lost++;
        } else if (!dec_is(b, n, enc, 0, f[cu], got, sizeof got)) {
            fail_msg("vector %s \"%s\": got \"%s\"", f[ce], f[cu], got);
        }
        if (!enc_is(f[cu], strlen(f[cu]), enc, b, n, lost))
            fail_msg("vector %s encode \"%s\": not [%s] (lost %zu)", f[ce], f[cu], f[ch], lost);
        free(b);
        rows++;
    }
    free(t.text);
    assert_true(rows > 0);
    print_message("oracle vectors: %zu rows agree both ways (TCVN3 lines in capitals read with capitals = 1)\n",
                  rows);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_names),
        cmocka_unit_test(test_letter_tables),
        cmocka_unit_test(test_letters_each_encoding),
        cmocka_unit_test(test_letters_line),
        cmocka_unit_test(test_tcvn3_samples),
        cmocka_unit_test(test_vni_samples),
        cmocka_unit_test(test_viqr_samples),
        cmocka_unit_test(test_viqr_edges),
        cmocka_unit_test(test_cp1258),
        cmocka_unit_test(test_utf8_and_normalisation),
        cmocka_unit_test(test_detect_positive),
        cmocka_unit_test(test_detect_two_runs),
        cmocka_unit_test(test_detect_negative),
        cmocka_unit_test(test_detect_roundtrip),
    };
    const struct CMUnitTest oracle_tests[] = {
        cmocka_unit_test(test_oracle_tcvn3),   cmocka_unit_test(test_oracle_vni),
        cmocka_unit_test(test_oracle_viqr),    cmocka_unit_test(test_oracle_cp1258),
        cmocka_unit_test(test_oracle_letters), cmocka_unit_test(test_oracle_vectors),
    };
    int failures = cmocka_run_group_tests_name("legacy", tests, NULL, NULL);
    failures += cmocka_run_group_tests_name("legacy oracles", oracle_tests, oracle_setup, oracle_teardown);
    return failures ? 1 : 0;
}
