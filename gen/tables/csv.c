/* CSV and TSV tables (RFC 4180), read row by row through a fixed buffer.
 *
 * The file is decoded one character at a time: every character is checked as UTF-8 when it
 * is read, so a position is always at hand for an error, and the separator, quote and line
 * ends (all ASCII) can never be mistaken for part of a multi-byte character. Only the row
 * being read is kept, so memory follows the widest row, never the number of rows. */
#include "csv.h"
#include "sniff.h"
#include "regular_file.h"

#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "model/model.h"
#include "model/syserror.h"
#include "viet/text.h"

/* Large enough that fread is called rarely, small enough to not matter next to a document. */
#define READ_BUFFER_SIZE (64u * 1024u)
/* A table cell is a paragraph or two; a larger one is a damaged file (often a quote that
 * never closes, which swallows the rest of the file into one cell). */
#define MAX_CELL_BYTES (1024u * 1024u)
/* Spreadsheets stop at 16384 columns (Excel's XFD); more is not a table but a runaway line,
 * and the limit keeps a line of bare separators from exhausting memory. */
#define MAX_CELLS_PER_ROW 16384u

/* What read_char returns besides a character. */
enum {
    CHAR_END = -1,
    CHAR_ERROR = -2,
    CHAR_NEWLINE = -3,   /* LF, CR LF, or a lone CR */
    CHAR_MULTIBYTE = -4, /* a valid non-ASCII character, in bytes[0..len) */
};

typedef struct {
    int kind; /* the byte for ASCII, else one of CHAR_* */
    unsigned char bytes[4];
    unsigned len;
    unsigned line, column; /* where the character is: 1-based, column in characters */
} csv_char;

struct vb_csv {
    char *name;
    char separator;
    int vietnamese;       /* the language of the messages */

    FILE *file;           /* NULL when reading from memory */
    char *file_buffer;    /* READ_BUFFER_SIZE bytes for a file */
    const char *data;     /* the bytes not yet consumed are data[pos..len) */
    size_t pos, len;
    int read_failed;      /* fread reported an error (errno in read_errno) */
    int read_errno;
    int at_start;         /* nothing read yet: a BOM may come */
    int at_end;           /* the end was reached; do not read again (stdin would block) */

    unsigned line, column; /* position of the next character */

    csv_char pushed_back;  /* one character of look-ahead at the start of a row */
    int has_pushed_back;

    /* Empty lines seen but not yet returned: they are rows only if a non-empty line
     * follows, since empty lines at the end of a file are ignored. */
    unsigned pending_empty_lines;
    unsigned first_pending_empty_line;

    /* The current row: cells stored one after another, each NUL-terminated. */
    char *text;
    size_t text_len, text_cap;
    size_t *cell_starts;
    size_t *cell_lengths;
    const char **cell_pointers;
    size_t cell_count, cell_cap;

    size_t expected_cells; /* from the first row; 0 before it */
    unsigned first_row_line;

    char *error; /* kept so that a call after an error reports it again */
};

static void choose_separator(vb_csv *csv, const char *name, char separator)
{
    /* A quote or a line end cannot separate cells; treat it as "choose from the name". */
    if (separator != 0 && separator != '"' && separator != '\r' && separator != '\n' &&
        (unsigned char)separator < 0x80) {
        csv->separator = separator;
        return;
    }
    const char *dot = strrchr(name, '.');
    const char *slash = strrchr(name, '/');
    int is_tab_file = 0;
    if (dot != NULL && (slash == NULL || dot > slash)) {
        const char *ext = dot + 1;
        char lower[4] = {0};
        size_t n = strlen(ext);
        if (n == 3) {
            for (size_t i = 0; i < 3; i++)
                lower[i] = (char)(ext[i] >= 'A' && ext[i] <= 'Z' ? ext[i] - 'A' + 'a' : ext[i]);
            is_tab_file = strcmp(lower, "tsv") == 0 || strcmp(lower, "tab") == 0;
        }
    }
    csv->separator = is_tab_file ? '\t' : ',';
}

static vb_csv *csv_new(const char *name, char separator)
{
    vb_csv *csv = vb_xmalloc(sizeof *csv);
    memset(csv, 0, sizeof *csv);
    csv->name = vb_strdup(name != NULL ? name : "<memory>");
    choose_separator(csv, csv->name, separator);
    csv->at_start = 1;
    csv->line = 1;
    csv->column = 1;
    return csv;
}

vb_csv *vb_csv_open(const char *path, char separator, char *err, size_t err_size)
{
    return vb_csv_open_in(path, separator, VB_LANG_EN, err, err_size);
}

vb_csv *vb_csv_open_in(const char *path, char separator, vb_lang lang, char *err, size_t err_size)
{
    char reason[512];
    int fd = vb_open_regular_file(path, lang, reason, sizeof reason);
    FILE *file = fd >= 0 ? fdopen(fd, "rb") : NULL;
    if (file == NULL) {
        if (fd >= 0) {
            snprintf(reason, sizeof reason, "%s: %s", path, vb_strerror(errno, lang));
            close(fd);
        }
        if (err != NULL && err_size > 0)
            snprintf(err, err_size, "%s", reason);
        return NULL;
    }
    vb_csv *csv = csv_new(path, separator);
    csv->vietnamese = lang == VB_LANG_VI;
    csv->file = file;
    csv->file_buffer = vb_xmalloc(READ_BUFFER_SIZE);
    csv->data = csv->file_buffer;
    return csv;
}

vb_csv *vb_csv_open_memory(const char *name, const char *data, size_t len, char separator)
{
    vb_csv *csv = csv_new(name, separator);
    csv->data = data;
    csv->len = data != NULL ? len : 0;
    return csv;
}

void vb_csv_close(vb_csv *csv)
{
    if (csv == NULL)
        return;
    if (csv->file != NULL)
        fclose(csv->file);
    free(csv->file_buffer);
    free(csv->name);
    free(csv->text);
    free(csv->cell_starts);
    free(csv->cell_lengths);
    free(csv->cell_pointers);
    free(csv->error);
    free(csv);
}

/* ---- errors ---------------------------------------------------------------------------- */

/* Records the error, in the reader's language (`vi` or `en`, the same arguments); it is
 * kept so that every later call reports it again. */
static void set_error(vb_csv *csv, unsigned line, unsigned column, const char *vi,
                      const char *en, ...)
{
    char reason[320];
    va_list args;
    va_start(args, en);
    vsnprintf(reason, sizeof reason, csv->vietnamese ? vi : en, args);
    va_end(args);
    int n = snprintf(NULL, 0, "%s:%u:%u: %s", csv->name, line, column, reason);
    free(csv->error);
    csv->error = vb_xmalloc((size_t)n + 1);
    snprintf(csv->error, (size_t)n + 1, "%s:%u:%u: %s", csv->name, line, column, reason);
}

void vb_csv_set_vietnamese(vb_csv *csv, int vietnamese)
{
    csv->vietnamese = vietnamese != 0;
}

static int report_error(const vb_csv *csv, char *err, size_t err_size)
{
    if (err != NULL && err_size > 0)
        snprintf(err, err_size, "%s", csv->error);
    return -1;
}

/* ---- bytes and characters -------------------------------------------------------------- */

/* The next byte without consuming it, or -1 at the end or on a read error. Refilling only
 * when the buffer is empty keeps a peeked byte valid until it is consumed. */
static int peek_byte(vb_csv *csv)
{
    if (csv->pos == csv->len) {
        if (csv->file == NULL || csv->read_failed)
            return -1;
        size_t n = fread(csv->file_buffer, 1, READ_BUFFER_SIZE, csv->file);
        if (n == 0) {
            if (ferror(csv->file)) {
                csv->read_failed = 1;
                csv->read_errno = errno;
            }
            return -1;
        }
        csv->pos = 0;
        csv->len = n;
    }
    return (unsigned char)csv->data[csv->pos];
}

static int fail_read(vb_csv *csv, csv_char *ch)
{
    vb_lang lang = csv->vietnamese ? VB_LANG_VI : VB_LANG_EN;
    set_error(csv, ch->line, ch->column, VI_EN("lỗi đọc tệp: %s", "read error: %s"),
              csv->read_errno != 0 ? vb_strerror(csv->read_errno, lang)
                                   : vb_in_lang(lang, VI_EN("lỗi đọc/ghi", "I/O error")));
    ch->kind = CHAR_ERROR;
    return CHAR_ERROR;
}

/* A control character has no place in a document (DOCX and ODT cannot hold one); Word's line
 * break U+000B is the one a pasted cell most often carries. */
static int fail_control(vb_csv *csv, csv_char *ch, unsigned long cp)
{
    set_error(csv, ch->line, ch->column,
              VI_EN("ký tự điều khiển U+%04lX: nó không in ra được và DOCX, ODT không chứa được "
                    "nó; hãy xoá nó khỏi ô (nếu là dấu xuống dòng của Word, thay bằng dấu cách)",
                    "control character U+%04lX: it does not print, and DOCX and ODT cannot hold "
                    "it; delete it from the cell (a line break from Word: put a space)"),
              cp);
    ch->kind = CHAR_ERROR;
    return CHAR_ERROR;
}

/* Vietnamese tables that are not UTF-8 are usually Windows-1258 or TCVN3 (ABC) exports. */
static int fail_utf8(vb_csv *csv, csv_char *ch, unsigned byte)
{
    set_error(csv, ch->line, ch->column,
              VI_EN("không phải UTF-8 (byte 0x%02X); hãy lưu bảng dạng UTF-8, không phải "
                    "Windows-1258 hay TCVN3",
                    "invalid UTF-8 (byte 0x%02X); save the table as UTF-8, not Windows-1258 or "
                    "TCVN3"),
              byte);
    ch->kind = CHAR_ERROR;
    return CHAR_ERROR;
}

/* Reads one character into *ch and returns its kind. Multi-byte characters are checked
 * against the well-formed sequences of the Unicode standard (table 3-7): no overlong forms,
 * no surrogates, nothing above U+10FFFF. */
static int read_char(vb_csv *csv, csv_char *ch)
{
    if (csv->has_pushed_back) {
        csv->has_pushed_back = 0;
        *ch = csv->pushed_back;
        return ch->kind;
    }
    for (;;) {
        ch->line = csv->line;
        ch->column = csv->column;
        ch->len = 0;
        if (csv->at_end) {
            ch->kind = CHAR_END;
            return CHAR_END;
        }
        int byte = peek_byte(csv);
        if (byte < 0) {
            if (csv->read_failed)
                return fail_read(csv, ch);
            csv->at_end = 1;
            ch->kind = CHAR_END;
            return CHAR_END;
        }
        csv->pos++;
        int was_start = csv->at_start;
        csv->at_start = 0;

        if (byte == '\n' || byte == '\r') {
            if (byte == '\r' && peek_byte(csv) == '\n')
                csv->pos++;
            if (csv->read_failed)
                return fail_read(csv, ch);
            csv->line++;
            csv->column = 1;
            ch->kind = CHAR_NEWLINE;
            return CHAR_NEWLINE;
        }
        int control = byte < 0x20 && !vb_char_is_text((unsigned long)byte);
        if (control && ch->line == 1 && csv->pos <= 64 &&
            vb_file_kind_of(csv->data, csv->len) != VB_FILE_TEXT) {
            /* A zip or OLE2 header at the start ("PK\3\4": its first control byte comes
             * before any NUL): a spreadsheet (or another binary file) under a text name. Its
             * first bytes are still in the buffer. */
            vb_file_kind kind = vb_file_kind_of(csv->data, csv->len);
            if (vb_file_kind_is_spreadsheet(kind))
                set_error(csv, 1, 1,
                          VI_EN("đây là bảng tính %s, không phải tệp văn bản CSV; hãy đặt "
                                "tên tệp có đuôi .xlsx hoặc .ods để đọc như bảng tính",
                                "this is a spreadsheet (%s), not a CSV text; give the file an "
                                ".xlsx or .ods name to read it as a spreadsheet"),
                          vb_file_kind_name(kind));
            else
                set_error(csv, 1, 1,
                          VI_EN("đây là tệp %s, không phải tệp văn bản CSV",
                                "this is a %s file, not a CSV text"),
                          vb_file_kind_name(kind));
            ch->kind = CHAR_ERROR;
            return CHAR_ERROR;
        }
        if (byte == 0) {
            /* Text never holds NUL; a file full of them is UTF-16 ("Unicode text" in Excel). */
            set_error(csv, ch->line, ch->column,
                      VI_EN("có byte NUL; hãy lưu bảng dạng UTF-8, không phải UTF-16",
                            "NUL byte; save the table as UTF-8, not UTF-16"));
            ch->kind = CHAR_ERROR;
            return CHAR_ERROR;
        }
        if (control)
            return fail_control(csv, ch, (unsigned long)byte);
        if (byte < 0x80) {
            csv->column++;
            ch->bytes[0] = (unsigned char)byte;
            ch->len = 1;
            ch->kind = byte;
            return byte;
        }

        unsigned trail_count;
        int low = 0x80, high = 0xBF; /* the range allowed for the second byte */
        if (byte >= 0xC2 && byte <= 0xDF) {
            trail_count = 1;
        } else if (byte >= 0xE0 && byte <= 0xEF) {
            trail_count = 2;
            if (byte == 0xE0)
                low = 0xA0; /* shorter forms are overlong */
            else if (byte == 0xED)
                high = 0x9F; /* U+D800..DFFF are surrogates */
        } else if (byte >= 0xF0 && byte <= 0xF4) {
            trail_count = 3;
            if (byte == 0xF0)
                low = 0x90;
            else if (byte == 0xF4)
                high = 0x8F; /* above U+10FFFF */
        } else {
            return fail_utf8(csv, ch, (unsigned)byte);
        }
        ch->bytes[0] = (unsigned char)byte;
        ch->len = 1;
        for (unsigned i = 0; i < trail_count; i++) {
            int trail = peek_byte(csv);
            if (trail < 0 && csv->read_failed)
                return fail_read(csv, ch);
            if (trail < low || trail > high)
                return fail_utf8(csv, ch, (unsigned)byte);
            csv->pos++;
            ch->bytes[ch->len++] = (unsigned char)trail;
            low = 0x80;
            high = 0xBF;
        }
        /* A byte order mark says "UTF-8" to Excel and is no part of the first cell. */
        if (was_start && ch->len == 3 && ch->bytes[0] == 0xEF && ch->bytes[1] == 0xBB &&
            ch->bytes[2] == 0xBF)
            continue;
        unsigned long cp;
        if (vb_text_forbidden_offset((const char *)ch->bytes, ch->len, &cp) == 0) /* U+FFFE/F */
            return fail_control(csv, ch, cp);
        csv->column++;
        ch->kind = CHAR_MULTIBYTE;
        return CHAR_MULTIBYTE;
    }
}

/* ---- the row being built --------------------------------------------------------------- */

static void reserve_text(vb_csv *csv, size_t extra)
{
    if (csv->text_len + extra <= csv->text_cap)
        return;
    size_t cap = csv->text_cap ? csv->text_cap : 256;
    while (cap < csv->text_len + extra)
        cap *= 2;
    csv->text = vb_xrealloc(csv->text, cap);
    csv->text_cap = cap;
}

/* Returns 0 when the row already holds the most cells a row may have. */
static int begin_cell(vb_csv *csv)
{
    if (csv->cell_count == MAX_CELLS_PER_ROW)
        return 0;
    if (csv->cell_count == csv->cell_cap) {
        size_t cap = csv->cell_cap ? csv->cell_cap * 2 : 16;
        csv->cell_starts = vb_xrealloc(csv->cell_starts, cap * sizeof *csv->cell_starts);
        csv->cell_lengths = vb_xrealloc(csv->cell_lengths, cap * sizeof *csv->cell_lengths);
        csv->cell_pointers = vb_xrealloc(csv->cell_pointers, cap * sizeof *csv->cell_pointers);
        csv->cell_cap = cap;
    }
    csv->cell_starts[csv->cell_count] = csv->text_len;
    csv->cell_count++;
    return 1;
}

static void end_cell(vb_csv *csv)
{
    size_t index = csv->cell_count - 1;
    csv->cell_lengths[index] = csv->text_len - csv->cell_starts[index];
    reserve_text(csv, 1);
    csv->text[csv->text_len++] = '\0';
}

/* Appends `len` bytes to the open cell; returns 0 when the cell would pass the limit. */
static int append_to_cell(vb_csv *csv, const void *bytes, size_t len)
{
    size_t cell_len = csv->text_len - csv->cell_starts[csv->cell_count - 1];
    if (cell_len + len > MAX_CELL_BYTES)
        return 0;
    reserve_text(csv, len);
    memcpy(csv->text + csv->text_len, bytes, len);
    csv->text_len += len;
    return 1;
}

/* A line end inside a quoted cell is kept as "\n", whatever the file used. */
static int append_char(vb_csv *csv, const csv_char *ch)
{
    if (ch->kind == CHAR_NEWLINE)
        return append_to_cell(csv, "\n", 1);
    return append_to_cell(csv, ch->bytes, ch->len);
}

/* ---- rows ------------------------------------------------------------------------------ */

/* Length of the well-formed UTF-8 character at `b` (at most `avail` bytes) when it is one
 * the fast path below may take whole, else 0 (ASCII control bytes and line ends; outside
 * quotes the separator, inside them the quote; anything unusual: read_char handles and
 * reports those). */
static size_t plain_char_len(const unsigned char *b, size_t avail, unsigned char separator,
                             int quoted)
{
    unsigned lead = b[0];
    if (lead < 0x80) {
        if (lead < 0x20 || (quoted ? lead == '"' : lead == separator))
            return 0;
        return 1;
    }
    if (lead >= 0xC2 && lead <= 0xDF)
        return avail >= 2 && (b[1] & 0xC0) == 0x80 ? 2 : 0;
    /* Three-byte forms whose second byte may be any continuation (not E0, not ED), but for
     * U+FFFE and U+FFFF (EF BF BE/BF), which no document may hold. */
    if (lead == 0xEF && avail >= 3 && b[1] == 0xBF && b[2] >= 0xBE)
        return 0;
    if (lead >= 0xE1 && lead <= 0xEF && lead != 0xED)
        return avail >= 3 && (b[1] & 0xC0) == 0x80 && (b[2] & 0xC0) == 0x80 ? 3 : 0;
    return 0;
}

/* Appends to the open cell the run of ordinary characters waiting in the read buffer, in
 * one copy: cells are mostly such runs, and read_char's care is for the rest. Returns 0 when
 * the cell would pass the limit. */
static int append_plain_run(vb_csv *csv, int quoted)
{
    if (csv->has_pushed_back)
        return 1;
    const unsigned char *b = (const unsigned char *)csv->data + csv->pos;
    size_t avail = csv->len - csv->pos, run = 0;
    unsigned chars = 0;
    for (;;) {
        size_t n = run < avail ? plain_char_len(b + run, avail - run, (unsigned char)csv->separator, quoted) : 0;
        if (n == 0)
            break;
        run += n;
        chars++;
    }
    if (run == 0)
        return 1;
    if (!append_to_cell(csv, b, run))
        return 0;
    csv->pos += run;
    csv->column += chars;
    return 1;
}

/* Reads the cells of a row whose first character is `ch` (not a line end, not the end).
 * Returns 0 or -1 after set_error(). */
static int read_cells(vb_csv *csv, csv_char ch)
{
    for (;;) { /* one cell per turn; ch is its first character */
        csv_char cell_start = ch;
        if (!begin_cell(csv)) {
            set_error(csv, ch.line, ch.column,
                      VI_EN("dòng có hơn %u ô", "row has more than %u cells"), MAX_CELLS_PER_ROW);
            return -1;
        }
        if (ch.kind == '"') {
            for (;;) {
                if (read_char(csv, &ch) == CHAR_ERROR)
                    return -1;
                if (ch.kind == CHAR_END) {
                    /* Reported at the opening quote: that is where the mistake is, whereas
                     * the end of the file is far away and says nothing. */
                    set_error(csv, cell_start.line, cell_start.column,
                              VI_EN("ô mở ngoặc kép mà không đóng: thiếu dấu \" đóng cho dấu này",
                                    "quoted cell never closes: no closing quote for this one"));
                    return -1;
                }
                if (ch.kind == '"') {
                    if (read_char(csv, &ch) == CHAR_ERROR)
                        return -1;
                    if (ch.kind != '"')
                        break; /* that was the closing quote; ch follows it */
                }
                if (!append_char(csv, &ch) || !append_plain_run(csv, 1)) {
                    set_error(csv, cell_start.line, cell_start.column,
                              VI_EN("ô trong ngoặc kép dài quá 1 MiB (thiếu dấu \" đóng?)",
                                    "quoted cell is longer than 1 MiB (is its closing quote "
                                    "missing?)"));
                    return -1;
                }
            }
            if (ch.kind != csv->separator && ch.kind != CHAR_NEWLINE && ch.kind != CHAR_END) {
                set_error(csv, ch.line, ch.column,
                          VI_EN("có ký tự sau dấu \" đóng (dấu \" trong ô có ngoặc kép phải viết "
                                "hai lần: \"\")",
                                "character after closing quote (a quote inside a quoted cell is "
                                "written twice: \"\")"));
                return -1;
            }
        } else {
            /* Unquoted: taken as is, a quote in the middle included (lenient: RFC 4180
             * wants such cells quoted, but the meaning is not in doubt). */
            while (ch.kind != csv->separator && ch.kind != CHAR_NEWLINE && ch.kind != CHAR_END) {
                if (!append_char(csv, &ch) || !append_plain_run(csv, 0)) {
                    set_error(csv, cell_start.line, cell_start.column,
                              VI_EN("ô dài quá 1 MiB", "cell is longer than 1 MiB"));
                    return -1;
                }
                if (read_char(csv, &ch) == CHAR_ERROR)
                    return -1;
            }
        }
        end_cell(csv);
        if (ch.kind != csv->separator)
            return 0; /* a line end or the end of the file closes the row */
        if (read_char(csv, &ch) == CHAR_ERROR)
            return -1;
    }
}

int vb_csv_next(vb_csv *csv, vb_csv_row *row, char *err, size_t err_size)
{
    if (csv->error != NULL)
        return report_error(csv, err, err_size);
    csv->text_len = 0;
    csv->cell_count = 0;

    csv_char ch;
    for (;;) {
        if (read_char(csv, &ch) == CHAR_ERROR)
            return report_error(csv, err, err_size);
        if (ch.kind != CHAR_NEWLINE)
            break;
        if (csv->pending_empty_lines == 0)
            csv->first_pending_empty_line = ch.line;
        csv->pending_empty_lines++;
    }
    if (ch.kind == CHAR_END)
        return 0; /* empty lines before the end are not rows */

    unsigned row_line;
    if (csv->pending_empty_lines > 0) {
        /* An empty line inside the table is a row of one empty cell: a table of one column
         * may have empty cells, and in a wider table it is reported as a short row. */
        csv->pushed_back = ch;
        csv->has_pushed_back = 1;
        row_line = csv->first_pending_empty_line;
        csv->first_pending_empty_line++;
        csv->pending_empty_lines--;
        begin_cell(csv);
        end_cell(csv);
    } else {
        row_line = ch.line;
        if (read_cells(csv, ch) < 0)
            return report_error(csv, err, err_size);
    }

    if (csv->expected_cells == 0) {
        csv->expected_cells = csv->cell_count;
        csv->first_row_line = row_line;
    } else if (csv->cell_count != csv->expected_cells) {
        if (csv->cell_count == 1)
            set_error(csv, row_line, 1,
                      VI_EN("dòng có %zu ô nhưng dòng đầu (dòng %u) có %zu",
                            "row has %zu cell but the first row (line %u) has %zu"),
                      csv->cell_count, csv->first_row_line, csv->expected_cells);
        else
            set_error(csv, row_line, 1,
                      VI_EN("dòng có %zu ô nhưng dòng đầu (dòng %u) có %zu",
                            "row has %zu cells but the first row (line %u) has %zu"),
                      csv->cell_count, csv->first_row_line, csv->expected_cells);
        return report_error(csv, err, err_size);
    }

    for (size_t i = 0; i < csv->cell_count; i++)
        csv->cell_pointers[i] = csv->text + csv->cell_starts[i];
    row->cells = csv->cell_pointers;
    row->lengths = csv->cell_lengths;
    row->count = csv->cell_count;
    row->line = row_line;
    return 1;
}
