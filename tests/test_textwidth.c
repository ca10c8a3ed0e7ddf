/* Text widths against numbers obtained outside this code: each expected value is the sum
 * of the hmtx advances that fontTools 4.38 (Debian python3-fonttools) reads through the
 * cmap of /usr/share/fonts/truetype/liberation2/LiberationSerif-*.ttf ("Version 2.1.5",
 * unitsPerEm 2048), times size_pt * 20 / 2048, rounded half away from zero. The unit sums
 * of the three long strings were cross-checked with FreeType (Pillow ImageFont at 2048 px,
 * per-character getlength, no kerning): identical. */
#include <setjmp.h> /* cmocka.h needs these three first */
#include <stdarg.h>
#include <stddef.h>

#include <cmocka.h>
#include <string.h>

#include "layout/textwidth.h"

static long width(const char *text, vb_face face, double size_pt)
{
    return vb_text_width_twips(text, strlen(text), face, size_pt);
}

/* "Độc lập - Tự do - Hạnh phúc" (precomposed, NFC), Liberation Serif Bold: 25071 units.
 * 13 pt: 25071 * 260 / 2048 = 3182.84 -> 3183 twips (56.14 mm).
 * 14 pt: 25071 * 280 / 2048 = 3427.68 -> 3428 twips (60.47 mm). */
static void test_tieu_ngu_bold(void **state)
{
    (void)state;
    const char *tieu_ngu = "\xC4\x90\xE1\xBB\x99" "c l\xE1\xBA\xAD" "p - T\xE1\xBB\xB1 do - H\xE1\xBA\xA1"
                           "nh ph\xC3\xBA" "c";
    assert_string_equal(tieu_ngu, "Độc lập - Tự do - Hạnh phúc"); /* source file is UTF-8 */
    assert_int_equal(width(tieu_ngu, VB_FACE_BOLD, 13.0), 3183);
    assert_int_equal(width(tieu_ngu, VB_FACE_BOLD, 14.0), 3428);
}

/* "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", Liberation Serif Bold: 42725 units.
 * 12 pt: 42725 * 240 / 2048 = 5006.84 -> 5007 twips (88.32 mm).
 * 13 pt: 42725 * 260 / 2048 = 5424.07 -> 5424 twips (95.67 mm). */
static void test_quoc_hieu_bold(void **state)
{
    (void)state;
    const char *quoc_hieu = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM";
    assert_int_equal(width(quoc_hieu, VB_FACE_BOLD, 12.0), 5007);
    assert_int_equal(width(quoc_hieu, VB_FACE_BOLD, 13.0), 5424);
}

/* "Hello, World!" Regular: 11488 units; 12 pt: 11488 * 240 / 2048 = 1346.25 -> 1346. */
static void test_plain_ascii(void **state)
{
    (void)state;
    assert_int_equal(width("Hello, World!", VB_FACE_REGULAR, 12.0), 1346);
}

/* The other two faces. "Quyết định" Bold Italic: 9388 units; 14 pt: 1283.52 -> 1284.
 * "Hà Nội, ngày 15 tháng 3 năm 2024" Italic: 28899 units; 14 pt: 3951.04 -> 3951. */
static void test_italic_faces(void **state)
{
    (void)state;
    assert_int_equal(width("Quyết định", VB_FACE_BOLD_ITALIC, 14.0), 1284);
    assert_int_equal(width("Hà Nội, ngày 15 tháng 3 năm 2024", VB_FACE_ITALIC, 14.0), 3951);
}

/* Combining marks add nothing: "e" + U+0323 + U+0302 (NFD of "ệ") measures as "e"
 * (909 units; 12 pt: 106.52 -> 107), and the NFD Tiêu ngữ measures as its base letters:
 * 24981 units in Bold, 13 pt: 3171.42 -> 3171. That is narrower than the NFC 3183 because
 * the precomposed horned "ự" (1229 units) is wider than "u" (1139) + a zero-width horn. */
static void test_nfd_marks_have_zero_width(void **state)
{
    (void)state;
    assert_int_equal(width("e", VB_FACE_REGULAR, 12.0), 107);
    assert_int_equal(width("e\xCC\xA3\xCC\x82", VB_FACE_REGULAR, 12.0), 107);
    assert_int_equal(width("Vie\xCC\xA3\xCC\x82t", VB_FACE_REGULAR, 12.0),
                     width("Viet", VB_FACE_REGULAR, 12.0));

    const char *tieu_ngu_nfd = "\xC4\x90o\xCC\xA3\xCC\x82" "c la\xCC\xA3\xCC\x82p - Tu\xCC\x9B\xCC\xA3 do"
                               " - Ha\xCC\xA3nh phu\xCC\x81" "c";
    assert_int_equal(width(tieu_ngu_nfd, VB_FACE_BOLD, 13.0), 3171);

    /* Bold's font file gives U+0363..U+036F a spacing advance; the table must not. */
    assert_int_equal(vb_glyph_advance(0x0363, VB_FACE_BOLD), 0);
    assert_int_equal(vb_glyph_advance(0x0301, VB_FACE_REGULAR), 0);
}

/* Unmapped code points take .notdef's advance, 1593 units in every face:
 * 12 pt: 1593 * 240 / 2048 = 186.68 -> 187. "A" + U+4E00 + "B" Regular: 1479 + 1593 + 1366
 * = 4438 units -> 520.08 -> 520. */
static void test_unknown_code_point_is_default_advance(void **state)
{
    (void)state;
    assert_int_equal(vb_glyph_advance(0x4E00, VB_FACE_REGULAR), 1593);
    assert_int_equal(vb_glyph_advance(0x4E00, VB_FACE_BOLD_ITALIC), 1593);
    assert_int_equal(vb_glyph_advance(0x1F600, VB_FACE_BOLD), 1593); /* beyond the BMP */
    assert_int_equal(vb_glyph_advance(0x110000, VB_FACE_ITALIC), 1593);
    assert_int_equal(width("\xE4\xB8\x80", VB_FACE_REGULAR, 12.0), 187);       /* U+4E00 */
    assert_int_equal(width("\xF0\x9F\x98\x80", VB_FACE_REGULAR, 12.0), 187);   /* U+1F600 */
    assert_int_equal(width("A\xE4\xB8\x80" "B", VB_FACE_REGULAR, 12.0), 520);
}

/* Each byte of malformed UTF-8 is one default advance: 2 x 1593 = 3186 units -> 373.36 -> 373,
 * 3 x 1593 = 4779 units -> 560.04 -> 560 (all at 12 pt). */
static void test_invalid_utf8_bytes(void **state)
{
    (void)state;
    assert_int_equal(width("\xFF\xFE", VB_FACE_REGULAR, 12.0), 373);     /* never valid */
    assert_int_equal(width("\xC0\xAF", VB_FACE_REGULAR, 12.0), 373);     /* overlong '/' */
    assert_int_equal(width("\xE1\xBA", VB_FACE_REGULAR, 12.0), 373);     /* truncated at end */
    assert_int_equal(width("\xED\xA0\x80", VB_FACE_REGULAR, 12.0), 560); /* surrogate D800 */
    assert_int_equal(width("\xF4\x90\x80\x80", VB_FACE_REGULAR, 12.0),   /* U+110000 */
                     width("\xFF\xFF\xFF\xFF", VB_FACE_REGULAR, 12.0));
    /* A lead byte cut short by an ASCII letter: the lead is one default advance and the
     * letter still counts: 1593 + 1479 = 3072 units -> exactly 360. */
    assert_int_equal(width("\xE1" "A", VB_FACE_REGULAR, 12.0), 360);
}

/* `len` bounds the scan (no NUL needed) and an empty string measures 0. */
static void test_empty_and_length_bound(void **state)
{
    (void)state;
    assert_int_equal(vb_text_width_twips("", 0, VB_FACE_REGULAR, 12.0), 0);
    assert_int_equal(vb_text_width_twips("Hello", 0, VB_FACE_BOLD, 12.0), 0);
    assert_int_equal(vb_text_width_twips(NULL, 0, VB_FACE_BOLD, 12.0), 0);
    /* "Hello, World!" cut to "Hello" = 4550 units; 12 pt: 533.20 -> 533. */
    assert_int_equal(vb_text_width_twips("Hello, World!", 5, VB_FACE_REGULAR, 12.0), 533);
    /* A multi-byte letter cut in half is malformed: "Đ" -> lone 0xC4 = one default, 187. */
    assert_int_equal(vb_text_width_twips("\xC4\x90", 1, VB_FACE_REGULAR, 12.0), 187);
}

/* Rounding is half away from zero, once at the end: one space at 0.5 pt is
 * 512 * 10 / 2048 = 2.5 -> 3 (half-to-even or truncation would give 2). */
static void test_rounds_half_away_from_zero_once(void **state)
{
    (void)state;
    assert_int_equal(width(" ", VB_FACE_REGULAR, 0.5), 3);
    /* Three spaces: 7.5 -> 8, not 3 x 3 = 9 as per-glyph rounding would give. */
    assert_int_equal(width("   ", VB_FACE_REGULAR, 0.5), 8);
}

static void test_font_constants(void **state)
{
    (void)state;
    assert_int_equal(vb_font_units_per_em(), 2048);
    /* Spot values read with fontTools: A/B differ between the faces. */
    assert_int_equal(vb_glyph_advance('A', VB_FACE_REGULAR), 1479);
    assert_int_equal(vb_glyph_advance('B', VB_FACE_ITALIC), 1251);
    assert_int_equal(vb_glyph_advance(' ', VB_FACE_BOLD), 512);
    assert_int_equal(vb_glyph_advance(0x00A0, VB_FACE_REGULAR), 512);  /* no-break space */
    assert_int_equal(vb_glyph_advance(0x20AB, VB_FACE_REGULAR), 1050); /* dong sign */
    assert_int_equal(vb_glyph_advance(0x1EC7, VB_FACE_REGULAR), 909);  /* ệ */
    assert_int_equal(vb_glyph_advance(0x1EF1, VB_FACE_BOLD), 1229);    /* ự */
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_tieu_ngu_bold),
        cmocka_unit_test(test_quoc_hieu_bold),
        cmocka_unit_test(test_plain_ascii),
        cmocka_unit_test(test_italic_faces),
        cmocka_unit_test(test_nfd_marks_have_zero_width),
        cmocka_unit_test(test_unknown_code_point_is_default_advance),
        cmocka_unit_test(test_invalid_utf8_bytes),
        cmocka_unit_test(test_empty_and_length_bound),
        cmocka_unit_test(test_rounds_half_away_from_zero_once),
        cmocka_unit_test(test_font_constants),
    };
    return cmocka_run_group_tests_name("textwidth", tests, NULL, NULL);
}
