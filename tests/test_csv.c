/* vb_csv: RFC 4180 reading, positions in errors, and constant memory over long tables. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <unistd.h>

#include "tables/csv.h"

#define UTF8_HINT "; save the table as UTF-8, not Windows-1258 or TCVN3"
#define MIB (1024u * 1024u)

/* ---- helpers -------------------------------------------------------------------------- */

/* Every row as "line:[cell][cell]\n", then "error: ...\n" if reading stopped on an error:
 * one string to compare says everything about a read. */
static char *dump_rows(vb_csv *csv)
{
    char *out = NULL;
    size_t out_len = 0;
    FILE *stream = open_memstream(&out, &out_len);
    assert_non_null(stream);
    vb_csv_row row;
    char err[512];
    int rc;
    while ((rc = vb_csv_next(csv, &row, err, sizeof err)) == 1) {
        fprintf(stream, "%u:", row.line);
        for (size_t i = 0; i < row.count; i++) {
            /* The length is the truth, and the cell is also a C string of that length. */
            assert_int_equal(strlen(row.cells[i]), row.lengths[i]);
            fputc('[', stream);
            fwrite(row.cells[i], 1, row.lengths[i], stream);
            fputc(']', stream);
        }
        fputc('\n', stream);
    }
    if (rc < 0)
        fprintf(stream, "error: %s\n", err);
    fclose(stream);
    return out;
}

static void expect_rows(const char *name, const char *data, size_t len, char separator,
                          const char *expected)
{
    vb_csv *csv = vb_csv_open_memory(name, data, len, separator);
    assert_non_null(csv);
    char *got = dump_rows(csv);
    assert_string_equal(got, expected);
    free(got);
    vb_csv_close(csv);
}

/* For string literals: the length excludes only the literal's own terminating NUL. */
#define EXPECT_CSV(data, expected) expect_rows("t.csv", data, sizeof data - 1, 0, expected)

static char *make_temp_dir(void)
{
    const char *base = getenv("TMPDIR");
    if (base == NULL || *base == '\0')
        base = "/tmp";
    size_t size = strlen(base) + sizeof "/vb-test-csv-XXXXXX";
    char *dir = malloc(size);
    assert_non_null(dir);
    snprintf(dir, size, "%s/vb-test-csv-XXXXXX", base);
    assert_non_null(mkdtemp(dir));
    return dir;
}

static char *temp_path(const char *dir, const char *name)
{
    size_t size = strlen(dir) + 1 + strlen(name) + 1;
    char *path = malloc(size);
    assert_non_null(path);
    snprintf(path, size, "%s/%s", dir, name);
    return path;
}

static void write_file(const char *path, const char *data, size_t len)
{
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    assert_int_equal(fwrite(data, 1, len, f), len);
    assert_int_equal(fclose(f), 0);
}

static char *dump_file(const char *path, char separator)
{
    char err[512];
    vb_csv *csv = vb_csv_open(path, separator, err, sizeof err);
    if (csv == NULL)
        fail_msg("%s", err);
    char *got = dump_rows(csv);
    vb_csv_close(csv);
    return got;
}

static long max_rss_kib(void)
{
    struct rusage usage;
    assert_int_equal(getrusage(RUSAGE_SELF, &usage), 0);
    return usage.ru_maxrss; /* KiB on Linux */
}

/* ---- constant memory (first, before other tests raise the peak RSS) ------------------- */

static void test_long_file_in_bounded_memory(void **state)
{
    (void)state;
    enum { ROWS = 200000 };
    char *dir = make_temp_dir();
    char *path = temp_path(dir, "long.csv");
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    fputs("stt,ho_ten,dia_chi,ghi_chu\r\n", f);
    for (unsigned i = 1; i < ROWS; i++)
        fprintf(f, "%u,Nguyễn Văn An %u,\"Số %u, phố Tràng Tiền, Hà Nội\",\"dòng 1\ndòng 2\"\r\n",
                i, i, i);
    assert_int_equal(fclose(f), 0);

    char err[512];
    vb_csv *csv = vb_csv_open(path, 0, err, sizeof err);
    assert_non_null(csv);
    vb_csv_row row;
    unsigned rows = 0;
    long rss_after_first_rows = 0;
    int rc;
    while ((rc = vb_csv_next(csv, &row, err, sizeof err)) == 1) {
        assert_int_equal(row.count, 4);
        rows++;
        if (rows == 1000)
            rss_after_first_rows = max_rss_kib();
        if (rows == ROWS) {
            /* Data row i starts on line 2i: every one spans two lines. */
            assert_int_equal(row.line, 2 * (ROWS - 1));
            assert_string_equal(row.cells[0], "199999");
            assert_string_equal(row.cells[2], "Số 199999, phố Tràng Tiền, Hà Nội");
            assert_string_equal(row.cells[3], "dòng 1\ndòng 2");
        }
    }
    assert_int_equal(rc, 0);
    long rss_at_end = max_rss_kib();
    assert_int_equal(rows, ROWS);
    vb_csv_close(csv);

    /* The file is about 17 MB; a reader that kept rows would grow by far more than 2 MiB. */
    long growth = rss_at_end - rss_after_first_rows;
    if (growth > 2048)
        fail_msg("peak RSS grew by %ld KiB while reading %u rows", growth, ROWS);

    remove(path);
    rmdir(dir);
    free(path);
    free(dir);
}

/* ---- well-formed tables --------------------------------------------------------------- */

static void test_simple_csv(void **state)
{
    (void)state;
    EXPECT_CSV("a,b,c\n1,2,3\n", "1:[a][b][c]\n2:[1][2][3]\n");
    EXPECT_CSV("one\n", "1:[one]\n");
    /* Spaces belong to the cell: nothing is trimmed. */
    EXPECT_CSV(" a , b \n", "1:[ a ][ b ]\n");
}

static void test_tsv_by_name_and_explicit(void **state)
{
    (void)state;
    static const char tsv[] = "số\ttên, họ\n1\tAn, Nguyễn\n";
    const char *expected = "1:[số][tên, họ]\n2:[1][An, Nguyễn]\n";
    expect_rows("bang.tsv", tsv, sizeof tsv - 1, 0, expected);
    expect_rows("dir.csv/BANG.TAB", tsv, sizeof tsv - 1, 0, expected);
    expect_rows("bang.csv", tsv, sizeof tsv - 1, '\t', expected);
    /* An explicit separator wins over the name. */
    expect_rows("bang.tsv", "a,b\tc\n", 6, ',', "1:[a][b\tc]\n");
    /* A directory named like a TSV does not make its files TSV. */
    expect_rows("x.tsv/bang", "a,b\tc\n", 6, 0, "1:[a][b\tc]\n");
    /* Quoting works the same in TSV. */
    expect_rows("q.tsv", "\"a\tb\"\tc\n", 8, 0, "1:[a\tb][c]\n");

    char *dir = make_temp_dir();
    char *path = temp_path(dir, "phu_luc.tsv");
    write_file(path, tsv, sizeof tsv - 1);
    char *got = dump_file(path, 0);
    assert_string_equal(got, expected);
    free(got);
    got = dump_file(path, ',');
    assert_string_equal(got, "1:[số\ttên][ họ]\n2:[1\tAn][ Nguyễn]\n");
    free(got);
    remove(path);
    rmdir(dir);
    free(path);
    free(dir);
}

static void test_quoted_separators(void **state)
{
    (void)state;
    EXPECT_CSV("\"Hà Nội, Việt Nam\",x\n", "1:[Hà Nội, Việt Nam][x]\n");
    EXPECT_CSV("\"a,b\",\"c,d\"\n", "1:[a,b][c,d]\n");
}

static void test_doubled_quotes(void **state)
{
    (void)state;
    EXPECT_CSV("\"say \"\"xin chào\"\"\",\"\"\"\"\n", "1:[say \"xin chào\"][\"]\n");
    /* A quote inside an unquoted cell is kept (lenient). */
    EXPECT_CSV("5\" screen,a\"b\"\n", "1:[5\" screen][a\"b\"]\n");
}

static void test_newlines_inside_quotes(void **state)
{
    (void)state;
    /* The row keeps the line it starts on; the next row's line counts the inner lines. */
    EXPECT_CSV("a,\"dòng 1\ndòng 2\"\nb,c\n", "1:[a][dòng 1\ndòng 2]\n3:[b][c]\n");
    /* CRLF (and a lone CR) inside quotes become "\n". */
    EXPECT_CSV("a,\"x\r\ny\r\n\"\r\nb,c\r\n", "1:[a][x\ny\n]\n4:[b][c]\n");
    EXPECT_CSV("\"x\ry\",z\n", "1:[x\ny][z]\n");
}

static void test_crlf_line_ends(void **state)
{
    (void)state;
    EXPECT_CSV("a,b\r\nc,d\r\n", "1:[a][b]\n2:[c][d]\n");
    /* Old Mac line ends: a lone CR ends a line too. */
    EXPECT_CSV("a,b\rc,d\r", "1:[a][b]\n2:[c][d]\n");
    /* Mixed. */
    EXPECT_CSV("a\r\nb\nc\rd", "1:[a]\n2:[b]\n3:[c]\n4:[d]\n");
}

static void test_bom(void **state)
{
    (void)state;
    EXPECT_CSV("\xEF\xBB\xBFstt,tên\n1,An\n", "1:[stt][tên]\n2:[1][An]\n");
    EXPECT_CSV("\xEF\xBB\xBF", "");
    EXPECT_CSV("\xEF\xBB\xBF\"q\",x\n", "1:[q][x]\n");
    /* Only at the start: elsewhere U+FEFF is content. */
    EXPECT_CSV("a,\xEF\xBB\xBF\n", "1:[a][\xEF\xBB\xBF]\n");
    /* The BOM takes no column. */
    EXPECT_CSV("\xEF\xBB\xBF" "ab\xFF\n", "error: t.csv:1:3: invalid UTF-8 (byte 0xFF)" UTF8_HINT "\n");
}

static void test_empty_cells(void **state)
{
    (void)state;
    EXPECT_CSV(",,\n", "1:[][][]\n");
    EXPECT_CSV("a,,b\n,x,\n", "1:[a][][b]\n2:[][x][]\n");
    EXPECT_CSV("\"\",\"\"\n", "1:[][]\n");
    /* A lone "" is a row of one empty cell, not an empty line, even at the end. */
    EXPECT_CSV("a\n\"\"\n", "1:[a]\n2:[]\n");
}

static void test_empty_lines(void **state)
{
    (void)state;
    EXPECT_CSV("", "");
    EXPECT_CSV("\n\n", "");
    EXPECT_CSV("a,b\n\n", "1:[a][b]\n");
    EXPECT_CSV("a,b\r\n\r\n\n\r\n", "1:[a][b]\n");
    /* Inside the table an empty line is a row of one empty cell: fine in a one-column
     * table, a short row in a wider one. */
    EXPECT_CSV("a\n\n\nb\n\n", "1:[a]\n2:[]\n3:[]\n4:[b]\n");
    EXPECT_CSV("a,b\n\nc,d\n",
               "1:[a][b]\nerror: t.csv:2:1: row has 1 cell but the first row (line 1) has 2\n");
}

static void test_no_final_newline(void **state)
{
    (void)state;
    EXPECT_CSV("a,b\nc,d", "1:[a][b]\n2:[c][d]\n");
    EXPECT_CSV("a,b\nc,", "1:[a][b]\n2:[c][]\n");
    EXPECT_CSV("a,b\nc,\"d\"", "1:[a][b]\n2:[c][d]\n");
}

static void test_vietnamese_passes_through(void **state)
{
    (void)state;
    /* "Việt Nam", precomposed (NFC) and decomposed (NFD: e + U+0323 + U+0302): the reader
     * neither normalises nor rejects either. */
    static const char nfc[] = "Vi\xE1\xBB\x87t Nam";
    static const char nfd[] = "Vie\xCC\xA3\xCC\x82t Nam";
    static const char data[] = "Vi\xE1\xBB\x87t Nam,Vie\xCC\xA3\xCC\x82t Nam\n";
    vb_csv *csv = vb_csv_open_memory("t.csv", data, sizeof data - 1, 0);
    vb_csv_row row;
    char err[256];
    assert_int_equal(vb_csv_next(csv, &row, err, sizeof err), 1);
    assert_int_equal(row.count, 2);
    assert_int_equal(row.lengths[0], sizeof nfc - 1);
    assert_memory_equal(row.cells[0], nfc, sizeof nfc);
    assert_int_equal(row.lengths[1], sizeof nfd - 1);
    assert_memory_equal(row.cells[1], nfd, sizeof nfd);
    assert_int_equal(vb_csv_next(csv, &row, err, sizeof err), 0);
    vb_csv_close(csv);

    /* Four-byte characters (outside the BMP) are valid too. */
    EXPECT_CSV("\xF0\x9F\x93\x84,\xF4\x8F\xBF\xBF\n", "1:[\xF0\x9F\x93\x84][\xF4\x8F\xBF\xBF]\n");
}

static void test_open_memory(void **state)
{
    (void)state;
    /* The buffer is not NUL-terminated: only `len` bytes are read. */
    static const char data[] = {'a', ',', 'b', '\n', 'c', ',', 'd', 'X', 'Y'};
    expect_rows("mem.csv", data, 7, 0, "1:[a][b]\n2:[c][d]\n");
    /* The name is the one in errors. */
    expect_rows("phu_luc_1.csv", "a,\"b", 4, 0,
                  "error: phu_luc_1.csv:1:3: quoted cell never closes: no closing quote for this one\n");
    expect_rows("empty.csv", NULL, 0, 0, "");

    /* After the end, the end again; after an error, the same error again. */
    vb_csv *csv = vb_csv_open_memory("t.csv", "a\n", 2, 0);
    vb_csv_row row;
    char err[256];
    assert_int_equal(vb_csv_next(csv, &row, err, sizeof err), 1);
    assert_int_equal(vb_csv_next(csv, &row, err, sizeof err), 0);
    assert_int_equal(vb_csv_next(csv, &row, err, sizeof err), 0);
    vb_csv_close(csv);
    csv = vb_csv_open_memory("t.csv", "a\nb,c\nd\n", 8, 0);
    assert_int_equal(vb_csv_next(csv, &row, err, sizeof err), 1);
    assert_int_equal(vb_csv_next(csv, &row, err, sizeof err), -1);
    assert_string_equal(err, "t.csv:2:1: row has 2 cells but the first row (line 1) has 1");
    err[0] = '\0';
    assert_int_equal(vb_csv_next(csv, &row, err, sizeof err), -1);
    assert_string_equal(err, "t.csv:2:1: row has 2 cells but the first row (line 1) has 1");
    /* A short err buffer gets a truncated, terminated message. */
    char small[8];
    assert_int_equal(vb_csv_next(csv, &row, small, sizeof small), -1);
    assert_string_equal(small, "t.csv:2");
    assert_int_equal(vb_csv_next(csv, &row, NULL, 0), -1);
    vb_csv_close(csv);
    vb_csv_close(NULL);

    /* In Vietnamese, for a Vietnamese run: the same position, the reason translated. */
    csv = vb_csv_open_memory("t.csv", "a\nb,c\nd\n", 8, 0);
    vb_csv_set_vietnamese(csv, 1);
    assert_int_equal(vb_csv_next(csv, &row, err, sizeof err), 1);
    assert_int_equal(vb_csv_next(csv, &row, err, sizeof err), -1);
    assert_string_equal(err, "t.csv:2:1: dòng có 2 ô nhưng dòng đầu (dòng 1) có 1");
    vb_csv_close(csv);
    csv = vb_csv_open_memory("t.csv", "a,\"b", 4, 0);
    vb_csv_set_vietnamese(csv, 1);
    assert_int_equal(vb_csv_next(csv, &row, err, sizeof err), -1);
    assert_string_equal(err, "t.csv:1:3: ô mở ngoặc kép mà không đóng: thiếu dấu \" đóng cho dấu này");
    vb_csv_close(csv);
    csv = vb_csv_open_memory("t.csv", "a\xff\n", 3, 0);
    vb_csv_set_vietnamese(csv, 1);
    assert_int_equal(vb_csv_next(csv, &row, err, sizeof err), -1);
    assert_non_null(strstr(err, "t.csv:1:2: không phải UTF-8 (byte 0xFF)"));
    vb_csv_close(csv);
}

/* A line end, a quote or a multi-byte character split across two freads reads as in one. */
static void test_read_buffer_boundaries(void **state)
{
    (void)state;
    char *dir = make_temp_dir();
    char *path = temp_path(dir, "boundary.csv");
    static const char tail[] = ",ệ\r\n\"q\"\"\r\nq\",\"\xF0\x9F\x93\x84\"\r\n";
    for (size_t pad = 65530; pad < 65540; pad++) {
        size_t len = pad + sizeof tail - 1;
        char *data = malloc(len);
        assert_non_null(data);
        memset(data, 'x', pad);
        memcpy(data + pad, tail, sizeof tail - 1);
        write_file(path, data, len);

        vb_csv *csv = vb_csv_open_memory("boundary.csv", data, len, 0);
        char *from_memory = dump_rows(csv);
        vb_csv_close(csv);
        char *from_file = dump_file(path, 0);
        assert_string_equal(from_file, from_memory);
        assert_non_null(strstr(from_file, "][ệ]\n2:[q\"\nq][\xF0\x9F\x93\x84]\n"));
        assert_null(strstr(from_file, "error"));
        free(from_file);
        free(from_memory);
        free(data);
    }
    remove(path);
    rmdir(dir);
    free(path);
    free(dir);
}

/* ---- errors --------------------------------------------------------------------------- */

static void test_ragged_rows(void **state)
{
    (void)state;
    EXPECT_CSV("a,b,c\n1,2,3\n4,5\n",
               "1:[a][b][c]\n2:[1][2][3]\n"
               "error: t.csv:3:1: row has 2 cells but the first row (line 1) has 3\n");
    EXPECT_CSV("a,b\n1,2,3\n",
               "1:[a][b]\nerror: t.csv:2:1: row has 3 cells but the first row (line 1) has 2\n");
    /* The row's line is where it starts, after a cell spanning lines. */
    EXPECT_CSV("\"a\nb\",c\nd\n",
               "1:[a\nb][c]\nerror: t.csv:3:1: row has 1 cell but the first row (line 1) has 2\n");
}

static void test_unterminated_quote(void **state)
{
    (void)state;
    /* Reported at the opening quote (where the mistake is), not at the end of the file. */
    EXPECT_CSV("a,b\n1,\"abc\n\nxyz\n",
               "1:[a][b]\nerror: t.csv:2:3: quoted cell never closes: no closing quote for this one\n");
    EXPECT_CSV("\"", "error: t.csv:1:1: quoted cell never closes: no closing quote for this one\n");
    EXPECT_CSV("ệ,\"\"\"",
               "error: t.csv:1:3: quoted cell never closes: no closing quote for this one\n");
}

static void test_character_after_closing_quote(void **state)
{
    (void)state;
#define AFTER_QUOTE "character after closing quote (a quote inside a quoted cell is written twice: \"\")"
    EXPECT_CSV("a,\"b\"c\n", "error: t.csv:1:6: " AFTER_QUOTE "\n");
    /* Not even a space. */
    EXPECT_CSV("x\n\"Hà Nội\" ,y\n", "1:[x]\nerror: t.csv:2:9: " AFTER_QUOTE "\n");
    EXPECT_CSV("\"a\nb\"ệ", "error: t.csv:2:3: " AFTER_QUOTE "\n");
#undef AFTER_QUOTE
}

static void test_invalid_utf8(void **state)
{
    (void)state;
#define BAD(pos, byte) "error: t.csv:" pos ": invalid UTF-8 (byte " byte ")" UTF8_HINT "\n"
    /* Columns count characters: "Việt,x" is six, so the bad byte is the seventh. */
    EXPECT_CSV("a,b\nViệt,x\xC3y\n", "1:[a][b]\n" BAD("2:7", "0xC3"));
    /* "Việt" in Windows-1258: 0xEA is a UTF-8 lead byte not followed by a continuation. */
    EXPECT_CSV("Vi\xEAt\n", BAD("1:3", "0xEA"));
    EXPECT_CSV("ab\x80", BAD("1:3", "0x80"));                 /* stray continuation byte */
    EXPECT_CSV("\xC0\xAF", BAD("1:1", "0xC0"));               /* overlong "/" */
    EXPECT_CSV("\xE0\x80\xAF", BAD("1:1", "0xE0"));           /* overlong, 3 bytes */
    EXPECT_CSV("x,\xED\xA0\x80", BAD("1:3", "0xED"));         /* surrogate U+D800 */
    EXPECT_CSV("\xF4\x90\x80\x80", BAD("1:1", "0xF4"));       /* above U+10FFFF */
    EXPECT_CSV("\xF8\x88\x80\x80\x80", BAD("1:1", "0xF8"));   /* 5-byte form */
    EXPECT_CSV("ab\xE1\xBB", BAD("1:3", "0xE1"));             /* cut by the end of the file */
    EXPECT_CSV("\xE1\xBB,x", BAD("1:1", "0xE1"));             /* cut by a separator */
    EXPECT_CSV("ệệ\xFF", BAD("1:3", "0xFF"));
    /* Inside a quoted cell spanning lines, the position is in the file, not the cell. */
    EXPECT_CSV("h\n\"line1\r\nli\xFFne\"\n", "1:[h]\n" BAD("3:3", "0xFF"));
    /* UTF-16 with its BOM. */
    EXPECT_CSV("\xFF\xFE" "a\0", BAD("1:1", "0xFF"));
#undef BAD
    EXPECT_CSV("a\0b", "error: t.csv:1:2: NUL byte; save the table as UTF-8, not UTF-16\n");
}

/* A control character (Word's line break U+000B pasted into a cell) has no place in a DOCX or
 * an ODT: it is refused where it stands; tab stays a character of the cell. */
static void test_control_characters(void **state)
{
    (void)state;
#define CTRL(pos, cp)                                                                              \
    "error: t.csv:" pos ": control character " cp ": it does not print, and DOCX and ODT cannot " \
    "hold it; delete it from the cell (a line break from Word: put a space)\n"
    EXPECT_CSV("a,b\nNhà\vở,x\n", "1:[a][b]\n" CTRL("2:4", "U+000B"));
    EXPECT_CSV("\"q\x07\"", CTRL("1:3", "U+0007"));
    EXPECT_CSV("x,\x1B[0m", CTRL("1:3", "U+001B"));
    EXPECT_CSV("ab\xEF\xBF\xBF", CTRL("1:3", "U+FFFF"));
    EXPECT_CSV("\xEF\xBF\xBE", CTRL("1:1", "U+FFFE"));
#undef CTRL
    EXPECT_CSV("a\tb,c\n", "1:[a\tb][c]\n");
}

static void test_cell_size_limit(void **state)
{
    (void)state;
    /* "x," then a cell of `size` bytes, unquoted and quoted. */
    size_t cap = 2 + MIB + 3;
    char *data = malloc(cap);
    assert_non_null(data);
    memcpy(data, "x,", 2);
    memset(data + 2, 'a', MIB + 1);

    vb_csv_row row;
    char err[256];
    vb_csv *csv = vb_csv_open_memory("t.csv", data, 2 + MIB, 0); /* exactly 1 MiB: fine */
    assert_int_equal(vb_csv_next(csv, &row, err, sizeof err), 1);
    assert_int_equal(row.lengths[1], MIB);
    vb_csv_close(csv);

    csv = vb_csv_open_memory("t.csv", data, 2 + MIB + 1, 0);
    assert_int_equal(vb_csv_next(csv, &row, err, sizeof err), -1);
    assert_string_equal(err, "t.csv:1:3: cell is longer than 1 MiB");
    vb_csv_close(csv);

    /* Quoted: the limit is on the cell's text, so the quotes do not count. */
    data[2] = '"';
    memset(data + 3, 'a', MIB);
    data[3 + MIB] = '"';
    csv = vb_csv_open_memory("t.csv", data, 4 + MIB, 0);
    assert_int_equal(vb_csv_next(csv, &row, err, sizeof err), 1);
    assert_int_equal(row.lengths[1], MIB);
    vb_csv_close(csv);

    data[3 + MIB] = 'a';
    data[4 + MIB] = '"';
    csv = vb_csv_open_memory("t.csv", data, 5 + MIB, 0);
    assert_int_equal(vb_csv_next(csv, &row, err, sizeof err), -1);
    assert_string_equal(err, "t.csv:1:3: quoted cell is longer than 1 MiB (is its closing quote missing?)");
    vb_csv_close(csv);
    free(data);
}

static void test_too_many_cells(void **state)
{
    (void)state;
    /* 16384 cells (Excel's widest row) pass; one more is a runaway line. */
    size_t len = 16384;
    char *data = malloc(len + 1);
    assert_non_null(data);
    memset(data, ',', len);
    vb_csv_row row;
    char err[256];
    vb_csv *csv = vb_csv_open_memory("t.csv", data, len - 1, 0);
    assert_int_equal(vb_csv_next(csv, &row, err, sizeof err), 1);
    assert_int_equal(row.count, 16384);
    vb_csv_close(csv);
    csv = vb_csv_open_memory("t.csv", data, len, 0);
    assert_int_equal(vb_csv_next(csv, &row, err, sizeof err), -1);
    assert_string_equal(err, "t.csv:1:16385: row has more than 16384 cells");
    vb_csv_close(csv);
    free(data);
}

static void test_missing_file(void **state)
{
    (void)state;
    char err[512] = "";
    const char *path = "/nonexistent-vb-dir/phu_luc.csv";
    assert_null(vb_csv_open(path, 0, err, sizeof err));
    assert_string_equal(err, "/nonexistent-vb-dir/phu_luc.csv: No such file or directory");
    assert_null(vb_csv_open(path, 0, NULL, 0));
}

static void test_file_errors_name_the_path(void **state)
{
    (void)state;
    char *dir = make_temp_dir();
    char *path = temp_path(dir, "bad.csv");
    write_file(path, "a,b\n1,\"2\"3\n", 11);
    char *got = dump_file(path, 0);
    char expected[1024];
    snprintf(expected, sizeof expected,
             "1:[a][b]\nerror: %s:2:6: character after closing quote (a quote inside a quoted "
             "cell is written twice: \"\")\n",
             path);
    assert_string_equal(got, expected);
    free(got);
    remove(path);
    rmdir(dir);
    free(path);
    free(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_long_file_in_bounded_memory),
        cmocka_unit_test(test_simple_csv),
        cmocka_unit_test(test_tsv_by_name_and_explicit),
        cmocka_unit_test(test_quoted_separators),
        cmocka_unit_test(test_doubled_quotes),
        cmocka_unit_test(test_newlines_inside_quotes),
        cmocka_unit_test(test_crlf_line_ends),
        cmocka_unit_test(test_bom),
        cmocka_unit_test(test_empty_cells),
        cmocka_unit_test(test_empty_lines),
        cmocka_unit_test(test_no_final_newline),
        cmocka_unit_test(test_vietnamese_passes_through),
        cmocka_unit_test(test_open_memory),
        cmocka_unit_test(test_read_buffer_boundaries),
        cmocka_unit_test(test_ragged_rows),
        cmocka_unit_test(test_unterminated_quote),
        cmocka_unit_test(test_character_after_closing_quote),
        cmocka_unit_test(test_invalid_utf8),
        cmocka_unit_test(test_control_characters),
        cmocka_unit_test(test_cell_size_limit),
        cmocka_unit_test(test_too_many_cells),
        cmocka_unit_test(test_missing_file),
        cmocka_unit_test(test_file_errors_name_the_path),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
