/* Typography of Vietnamese administrative text (typography.h).
 *
 * The text goes through a chain of passes, each reading one buffer and writing the next:
 *
 *   1. invisible characters removed, NBSP / narrow NBSP → space
 *   2. NFC, segment by segment (so only the non-NFC parts change and are reported)
 *      (then the report-only number checks: "1,879", "34.6%")
 *   3. "..." → "…"
 *   4. straight double quotes in pairs → “ ”
 *   5. spaces before , ; : . ! ? … ) and after ( removed
 *   6. a space inserted after , ; : glued to a letter
 *   7. runs of spaces inside a line → one space
 *   8. spaces and tabs at line ends removed
 *
 * Judgement calls, all on the side of leaving text alone:
 *   - "..." only as exactly three dots, not next to "/" ("..", "....", leaders, "./." stay);
 *   - the space before "…" goes only when the ellipsis ends its phrase (line end, a closing
 *     quote, or a , ; : . ! ? ) after it): "ngày … tháng … năm" (blanks to fill) stays;
 *   - the space before "." goes only when no letter or digit follows (".vn", ".5" stay) and
 *     not between dots (". . .");
 *   - a space is added after , ; : only before a letter (so 1,5 / 8:30 / 1:500 stay), not
 *     inside URLs and e-mail addresses, not in "::";
 *   - a run of spaces between ":" and "/" is a blank number in a draft ("Số:      /QĐ-UBND");
 *   - quotes pair within a line; a straight quote pairs with a curly one too ("x” → “x”);
 *     an escaped \" is not a quotation mark; straight single quotes are never touched;
 *   - "1,879" is reported when the first group is 1–3 digits (not 0…) followed by groups of
 *     exactly three, and not followed by "%" ("1,879%" may be a Vietnamese decimal);
 *   - "34.6" is reported only with 1–2 decimals followed by % or a unit (lần, tỷ, km, …), and
 *     not inside a chain ("3.2.1", "11.6.2021") or a word ("v2.5").
 *
 * Every byte of every buffer carries the byte range of the INPUT it came from (lo, hi), so a
 * finding made by any pass on its own buffer is reported in input offsets. Bytes a pass
 * writes in place of others (a space for an NBSP, "…" for "...") take the range of what they
 * replace; an inserted space takes the empty range at the end of the mark it follows.
 *
 * URLs and e-mail addresses are found afresh on each buffer and left alone by every pass.
 * Line-start indentation (spaces and tabs after a newline) is never touched, except on a line
 * that holds nothing else (that is trailing space) and for an NBSP in it (→ a space).
 * Newlines are never touched; "\r\n" counts as one line end.
 *
 * Fixing the fixed text again changes nothing (each pass leaves nothing an earlier pass
 * would act on; the tests check this on generated text). With fix = 0 the same passes run,
 * so the findings are the same, and the input comes back as it was.
 *
 * No mutable state outside the call: the ICU normaliser instance is ICU's shared, immutable
 * singleton. */
#include "typography.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unicode/uchar.h>
#include <unicode/unorm2.h>
#include <unicode/ustring.h>
#include <unicode/utf8.h>

#include "model/model.h"

/* ---- buffers with their map back to the input ------------------------------------------ */

/* The map is kept as segments, not per byte: a run of bytes copied unchanged maps one to one
 * onto consecutive input bytes, and the bytes a replacement wrote all map to the range it
 * replaced. A text of any length then needs as many segments as it has edits, where a
 * per-byte map took 16 bytes for every byte of it, twice over while a pass ran (a 10 MB
 * paragraph took 200 MB to check). */
typedef struct {
    size_t out;  /* the segment's first byte in the buffer; it runs to the next segment's */
    size_t lo;   /* identity: the input byte of `out`; else the range [lo, hi) replaced */
    size_t hi;
    int identity;
} tseg;

typedef struct {
    char *s;
    size_t len, cap;
    tseg *seg;
    size_t seg_count, seg_cap;
} tbuf;

static void tb_init(tbuf *b, size_t cap)
{
    if (cap < 16)
        cap = 16;
    memset(b, 0, sizeof *b);
    b->s = vb_xmalloc(cap + 1);
    b->cap = cap;
    b->s[0] = '\0';
}

static void tb_free(tbuf *b)
{
    free(b->s);
    free(b->seg);
    memset(b, 0, sizeof *b);
}

static void tb_reserve(tbuf *b, size_t extra)
{
    if (b->len + extra <= b->cap)
        return;
    size_t cap = b->cap * 2;
    if (cap < b->len + extra)
        cap = b->len + extra;
    b->s = vb_xrealloc(b->s, cap + 1);
    b->cap = cap;
}

/* Maps the bytes from b->len on (about to be appended) as `identity` from `lo`, or all to
 * [lo, hi); joins the last segment when it continues it. */
static void tb_map(tbuf *b, int identity, size_t lo, size_t hi)
{
    if (b->seg_count > 0) {
        const tseg *last = &b->seg[b->seg_count - 1];
        if (last->out == b->len) {
            b->seg_count--; /* it covered nothing: replaced */
        } else if (identity && last->identity && last->lo + (b->len - last->out) == lo) {
            return;
        } else if (!identity && !last->identity && last->lo == lo && last->hi == hi) {
            return;
        }
    }
    if (b->seg_count == b->seg_cap) {
        b->seg_cap = b->seg_cap ? b->seg_cap * 2 : 16;
        b->seg = vb_xrealloc(b->seg, b->seg_cap * sizeof *b->seg);
    }
    b->seg[b->seg_count++] = (tseg){b->len, lo, hi, identity};
}

/* The segment holding byte `i` of b. */
static const tseg *tb_segment(const tbuf *b, size_t i)
{
    size_t first = 0, last = b->seg_count; /* the answer is in [first, last) */
    while (last - first > 1) {
        size_t mid = first + (last - first) / 2;
        if (b->seg[mid].out <= i)
            first = mid;
        else
            last = mid;
    }
    return &b->seg[first];
}

/* The input range [tb_lo, tb_hi) byte `i` of b comes from. */
static size_t tb_lo(const tbuf *b, size_t i)
{
    const tseg *g = tb_segment(b, i);
    return g->identity ? g->lo + (i - g->out) : g->lo;
}

static size_t tb_hi(const tbuf *b, size_t i)
{
    const tseg *g = tb_segment(b, i);
    return g->identity ? g->lo + (i - g->out) + 1 : g->hi;
}

/* Appends n new bytes, all mapped to the input range [lo, hi). */
static void tb_put(tbuf *b, const char *p, size_t n, size_t lo, size_t hi)
{
    if (n == 0)
        return;
    tb_reserve(b, n);
    tb_map(b, 0, lo, hi);
    memcpy(b->s + b->len, p, n);
    b->len += n;
    b->s[b->len] = '\0';
}

/* Appends src's bytes [a, e) with their own maps. */
static void tb_copy(tbuf *b, const tbuf *src, size_t a, size_t e)
{
    if (e <= a)
        return;
    size_t n = e - a;
    tb_reserve(b, n);
    /* The segments of src over [a, e), in order. */
    const tseg *g = tb_segment(src, a);
    const tseg *end = src->seg + src->seg_count;
    size_t at = a;
    while (at < e) {
        size_t stop = g + 1 < end && g[1].out < e ? g[1].out : e;
        size_t out = b->len + (at - a);
        size_t saved = b->len;
        b->len = out; /* tb_map maps from b->len */
        if (g->identity)
            tb_map(b, 1, g->lo + (at - g->out), 0);
        else
            tb_map(b, 0, g->lo, g->hi);
        b->len = saved;
        at = stop;
        g++;
    }
    memcpy(b->s + b->len, src->s + a, n);
    b->len += n;
    b->s[b->len] = '\0';
}

/* Appends n new bytes standing for src's bytes [a, e). */
static void tb_replace(tbuf *b, const tbuf *src, size_t a, size_t e, const char *p, size_t n)
{
    tb_put(b, p, n, tb_lo(src, a), tb_hi(src, e - 1));
}

/* ---- findings ------------------------------------------------------------------------- */

typedef struct {
    vb_typo_finding f;
    size_t seq;
} item;

typedef struct {
    item *v;
    size_t n, cap;
    int fix;
} ctx;

/* Reports src's bytes [a, e) (a < e). `fixable` is 0 for what is only ever reported. */
static void report(ctx *c, vb_typo_kind kind, const tbuf *src, size_t a, size_t e, int fixable)
{
    if (c->n == c->cap) {
        c->cap = c->cap ? c->cap * 2 : 16;
        c->v = vb_xrealloc(c->v, c->cap * sizeof *c->v);
    }
    size_t lo = tb_lo(src, a), hi = tb_hi(src, e - 1);
    item *it = &c->v[c->n];
    it->f.kind = kind;
    it->f.offset = lo;
    it->f.length = hi > lo ? hi - lo : 0;
    it->f.fixed = fixable && c->fix;
    it->seq = c->n;
    c->n++;
}

static int item_cmp(const void *pa, const void *pb)
{
    const item *a = pa, *b = pb;
    if (a->f.offset != b->f.offset)
        return a->f.offset < b->f.offset ? -1 : 1;
    if (a->seq != b->seq)
        return a->seq < b->seq ? -1 : 1;
    return 0;
}

/* ---- characters ----------------------------------------------------------------------- */

/* The code point at i (negative for an ill-formed sequence); *next gets the byte after it. */
static UChar32 cp_at(const char *s, size_t len, size_t i, size_t *next)
{
    int32_t j = (int32_t)i;
    UChar32 c;
    U8_NEXT((const uint8_t *)s, j, (int32_t)len, c);
    *next = (size_t)j;
    return c;
}

/* The code point before i (negative when none or ill-formed); *start gets its first byte. */
static UChar32 cp_before(const char *s, size_t i, size_t *start)
{
    if (i == 0) {
        *start = 0;
        return U_SENTINEL;
    }
    int32_t j = (int32_t)i;
    UChar32 c;
    U8_PREV((const uint8_t *)s, 0, j, c);
    *start = (size_t)j;
    return c;
}

static int is_letter(UChar32 c)
{
    return c >= 0 && (U_MASK(u_charType(c)) & U_GC_L_MASK) != 0;
}

/* Letters, marks and numbers: what a word is made of. */
static int is_wordchar(UChar32 c)
{
    return c >= 0 && (U_MASK(u_charType(c)) & (U_GC_L_MASK | U_GC_M_MASK | U_GC_N_MASK)) != 0;
}

static int is_digit(char ch)
{
    return ch >= '0' && ch <= '9';
}

static int is_ascii_alnum(char ch)
{
    return is_digit(ch) || (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z');
}

static int is_newline(char ch)
{
    return ch == '\n' || ch == '\r';
}

static int is_invisible(UChar32 c)
{
    return c == 0x200B || c == 0x200C || c == 0x200D || c == 0x2060 || c == 0xFEFF || c == 0xAD;
}

static int is_nbsp(UChar32 c)
{
    return c == 0xA0 || c == 0x202F;
}

/* Whether byte a is inside a line's leading indentation (only spaces and tabs before it on
 * its line). */
static int in_indent(const char *s, size_t a)
{
    while (a > 0 && (s[a - 1] == ' ' || s[a - 1] == '\t'))
        a--;
    return a == 0 || is_newline(s[a - 1]);
}

static int lower_ascii(char ch)
{
    return ch >= 'A' && ch <= 'Z' ? ch - 'A' + 'a' : ch;
}

static int starts_with_ci(const char *s, size_t len, size_t i, const char *word)
{
    size_t n = strlen(word);
    if (i + n > len)
        return 0;
    for (size_t k = 0; k < n; k++)
        if (lower_ascii(s[i + k]) != word[k])
            return 0;
    return 1;
}

/* ---- URLs and e-mail addresses -------------------------------------------------------- */

/* Whether the character at i ends a URL; *next gets the byte after it. */
static int url_stop(const char *s, size_t len, size_t i, size_t *next)
{
    unsigned char ch = (unsigned char)s[i];
    if (ch < 0x80) {
        *next = i + 1;
        return ch <= ' ' || ch == 0x7F || ch == '"' || ch == '<' || ch == '>';
    }
    UChar32 c = cp_at(s, len, i, next);
    return c < 0 || c == 0x201C || c == 0x201D || c == 0x2018 || c == 0x2019 || c == 0xAB ||
           c == 0xBB || c == 0x2026 || is_nbsp(c) || u_isUWhiteSpace(c);
}

/* The end of a URL whose body starts at `from` (the URL itself at `start`): up to a space or
 * a quote, less the sentence punctuation after it and an unbalanced ")". */
static size_t url_end(const char *s, size_t len, size_t start, size_t from)
{
    size_t i = from, next;
    while (i < len && !url_stop(s, len, i, &next))
        i = next;
    while (i > from) {
        char ch = s[i - 1];
        if (ch == '.' || ch == ',' || ch == ';' || ch == ':' || ch == '!' || ch == '?' || ch == '\'') {
            i--;
            continue;
        }
        if (ch == ')') {
            size_t open = 0, close = 0;
            for (size_t k = start; k < i; k++) {
                open += s[k] == '(';
                close += s[k] == ')';
            }
            if (close > open) {
                i--;
                continue;
            }
        }
        break;
    }
    return i;
}

static int email_local(char ch)
{
    return is_ascii_alnum(ch) || ch == '.' || ch == '_' || ch == '%' || ch == '+' || ch == '-';
}

/* A mask (caller frees) with 1 on every byte of a URL (scheme://…, www.…) or an e-mail
 * address (with its "mailto:"). */
static unsigned char *protected_mask(const char *s, size_t len)
{
    unsigned char *m = vb_xmalloc(len + 1);
    memset(m, 0, len + 1);
    for (size_t i = 0; i < len; i++) {
        if (s[i] == ':' && i + 2 < len && s[i + 1] == '/' && s[i + 2] == '/') {
            size_t st = i;
            while (st > 0 && (is_ascii_alnum(s[st - 1]) || s[st - 1] == '+' || s[st - 1] == '.' ||
                              s[st - 1] == '-'))
                st--;
            while (st < i && !((s[st] >= 'a' && s[st] <= 'z') || (s[st] >= 'A' && s[st] <= 'Z')))
                st++;
            if (i - st < 2)
                continue;
            size_t e = url_end(s, len, st, i + 3);
            if (e > i + 3)
                memset(m + st, 1, e - st);
        } else if ((s[i] == 'w' || s[i] == 'W') && starts_with_ci(s, len, i, "www.") &&
                   (i == 0 || !(is_ascii_alnum(s[i - 1]) || s[i - 1] == '.' || s[i - 1] == '/' ||
                                s[i - 1] == '-' || s[i - 1] == '@'))) {
            size_t e = url_end(s, len, i, i + 4);
            if (e > i + 4)
                memset(m + i, 1, e - i);
        } else if (s[i] == '@') {
            size_t a = i;
            while (a > 0 && email_local(s[a - 1]))
                a--;
            while (a < i && s[a] == '.')
                a++;
            if (a == i)
                continue;
            size_t e = i + 1;
            while (e < len && (is_ascii_alnum(s[e]) || s[e] == '.' || s[e] == '-'))
                e++;
            while (e > i + 1 && (s[e - 1] == '.' || s[e - 1] == '-'))
                e--;
            size_t dot = e;
            while (dot > i + 1 && s[dot - 1] != '.')
                dot--;
            /* a dot in the domain, with a label before it and at least two letters after it */
            if (dot <= i + 2 || e - dot < 2)
                continue;
            if (a >= 7 && starts_with_ci(s, len, a - 7, "mailto:"))
                a -= 7;
            memset(m + a, 1, e - a);
        }
    }
    return m;
}

/* The mask of a text, made when first asked for: most texts hold no place a pass would
 * change, and so never need it. */
typedef struct {
    const char *s;
    size_t len;
    unsigned char *mask;
} url_mask;

static int in_url(url_mask *u, size_t i)
{
    if (!u->mask)
        u->mask = protected_mask(u->s, u->len);
    return u->mask[i];
}

/* ---- pass 1: invisible characters and NBSP -------------------------------------------- */

static void pass_invisible(ctx *c, const tbuf *src, tbuf *dst)
{
    const char *s = src->s;
    size_t len = src->len, i = 0;
    while (i < len) {
        size_t next;
        UChar32 ch = cp_at(s, len, i, &next);
        if (is_invisible(ch)) {
            size_t a = i;
            i = next;
            while (i < len && is_invisible(cp_at(s, len, i, &next)))
                i = next;
            report(c, VB_TYPO_INVISIBLE, src, a, i, 1);
        } else if (is_nbsp(ch)) {
            size_t a = i;
            while (i < len && is_nbsp(cp_at(s, len, i, &next))) {
                tb_replace(dst, src, i, next, " ", 1);
                i = next;
            }
            report(c, VB_TYPO_NBSP, src, a, i, 1);
        } else {
            size_t a = i; /* up to the next character to remove or replace, copied as one */
            i = next;
            while (i < len) {
                UChar32 d = cp_at(s, len, i, &next);
                if (is_invisible(d) || is_nbsp(d))
                    break;
                i = next;
            }
            tb_copy(dst, src, a, i);
        }
    }
}

/* ---- pass 2: NFC ---------------------------------------------------------------------- */

/* Whether src's bytes [a, e) are all letters, marks and numbers. */
static int word_only(const tbuf *src, size_t a, size_t e)
{
    while (a < e) {
        size_t next;
        if (!is_wordchar(cp_at(src->s, e, a, &next)))
            return 0;
        a = next;
    }
    return 1;
}

/* NFC of the UTF-8 segment [a, e), or NULL when it already is NFC (or ICU fails). */
static char *segment_nfc(const UNormalizer2 *n2, const char *s, size_t a, size_t e, size_t *out_len)
{
    int ascii = 1;
    for (size_t k = a; k < e; k++)
        if ((unsigned char)s[k] >= 0x80)
            ascii = 0;
    if (ascii)
        return NULL;
    UErrorCode st = U_ZERO_ERROR;
    int32_t ulen = 0;
    int32_t n = (int32_t)(e - a);
    UChar *u = vb_xmalloc(((size_t)n + 1) * sizeof *u);
    u_strFromUTF8(u, n + 1, &ulen, s + a, n, &st);
    if (U_FAILURE(st)) {
        free(u);
        return NULL;
    }
    UBool ok = unorm2_isNormalized(n2, u, ulen, &st);
    if (U_FAILURE(st) || ok) {
        free(u);
        return NULL;
    }
    int32_t cap = ulen * 3 + 8;
    UChar *v = vb_xmalloc((size_t)cap * sizeof *v);
    int32_t vlen = unorm2_normalize(n2, u, ulen, v, cap, &st);
    if (st == U_BUFFER_OVERFLOW_ERROR) {
        st = U_ZERO_ERROR;
        cap = vlen + 1;
        v = vb_xrealloc(v, (size_t)cap * sizeof *v);
        vlen = unorm2_normalize(n2, u, ulen, v, cap, &st);
    }
    free(u);
    if (U_FAILURE(st)) {
        free(v);
        return NULL;
    }
    int32_t need = 0;
    st = U_ZERO_ERROR;
    u_strToUTF8(NULL, 0, &need, v, vlen, &st);
    st = U_ZERO_ERROR;
    char *out = vb_xmalloc((size_t)need + 1);
    u_strToUTF8(out, need + 1, NULL, v, vlen, &st);
    free(v);
    if (U_FAILURE(st)) {
        free(out);
        return NULL;
    }
    *out_len = (size_t)need;
    return out;
}

/* Splits the text at NFC boundaries; a segment that is not NFC is normalised on its own (the
 * NFC of the whole is the concatenation of the segments' NFC). Non-NFC segments of one word
 * make one finding. */
static void pass_nfc(ctx *c, const tbuf *src, tbuf *dst)
{
    UErrorCode st = U_ZERO_ERROR;
    const UNormalizer2 *n2 = unorm2_getNFCInstance(&st);
    const char *s = src->s;
    size_t len = src->len, i = 0;
    if (U_FAILURE(st)) {
        tb_copy(dst, src, 0, len);
        return;
    }
    int pending = 0;
    size_t pa = 0, pe = 0;
    while (i < len) {
        size_t next;
        UChar32 ch = cp_at(s, len, i, &next);
        if (ch < 0) { /* ill-formed: passed through untouched */
            tb_copy(dst, src, i, next);
            i = next;
            continue;
        }
        size_t a = i;
        i = next;
        while (i < len) {
            UChar32 d = cp_at(s, len, i, &next);
            if (d < 0 || unorm2_hasBoundaryBefore(n2, d))
                break;
            i = next;
        }
        size_t n = 0;
        char *norm = segment_nfc(n2, s, a, i, &n);
        if (!norm) {
            tb_copy(dst, src, a, i);
            continue;
        }
        tb_replace(dst, src, a, i, norm, n);
        free(norm);
        if (pending && word_only(src, pe, a)) {
            pe = i;
        } else {
            if (pending)
                report(c, VB_TYPO_NOT_NFC, src, pa, pe, 1);
            pending = 1;
            pa = a;
            pe = i;
        }
    }
    if (pending)
        report(c, VB_TYPO_NOT_NFC, src, pa, pe, 1);
}

/* ---- report only: "1,879" and "34.6%" ------------------------------------------------- */

/* Units after which "2.5" is a decimal quantity (NFC UTF-8). */
static const char *const units[] = {
    "%", "‰", "lần", "tỷ", "tỉ", "triệu", "nghìn", "ngàn", "trăm", "đồng",
    "USD", "VND", "VNĐ", "km", "km2", "km²", "m", "m2", "m²", "m3", "m³",
    "cm", "mm", "ha", "kg", "tấn", "lít", "tháng", "tuần", "độ", "°C", "GB",
    "MB", "Mbps", "Gbps",
};

/* Whether a unit (or % / ‰) starts at i: "34.6%", "34.6 %", "2.5 lần", "1.5km". */
static int unit_at(const char *s, size_t len, size_t i)
{
    if (i < len && s[i] == ' ')
        i++;
    for (size_t k = 0; k < sizeof units / sizeof *units; k++) {
        size_t n = strlen(units[k]);
        if (i + n > len || memcmp(s + i, units[k], n) != 0)
            continue;
        if (i + n == len)
            return 1;
        size_t next;
        UChar32 c = cp_at(s, len, i + n, &next);
        if (!is_wordchar(c))
            return 1;
    }
    return 0;
}

/* A number may start at i: not inside a word, nor after "1." or "1," (a later group). */
static int number_start(const char *s, size_t i)
{
    size_t ps;
    UChar32 p = cp_before(s, i, &ps);
    if (p < 0)
        return 1;
    if (is_wordchar(p))
        return 0;
    if ((p == '.' || p == ',') && ps > 0 && is_digit(s[ps - 1]))
        return 0;
    return 1;
}

static void detect_numbers(ctx *c, const tbuf *src)
{
    const char *s = src->s;
    size_t len = src->len, i = 0;
    url_mask urls = {s, len, NULL};
    while (i < len) {
        if (!is_digit(s[i]) || !number_start(s, i) || in_url(&urls, i)) {
            i++;
            continue;
        }
        size_t j = i;
        while (j < len && is_digit(s[j]))
            j++;
        size_t after = j;

        /* thousands: 1–3 digits (not starting with 0), then ",ddd" groups */
        if (j - i <= 3 && s[i] != '0') {
            size_t k = j;
            int groups = 0;
            while (k + 3 < len && s[k] == ',' && is_digit(s[k + 1]) && is_digit(s[k + 2]) &&
                   is_digit(s[k + 3]) && !(k + 4 < len && is_digit(s[k + 4]))) {
                k += 4;
                groups++;
            }
            /* a last comma group that is not three digits: not a thousands number */
            int broken = k + 1 < len && s[k] == ',' && is_digit(s[k + 1]);
            size_t q = k;
            if (q < len && s[q] == ' ')
                q++;
            int percent = q < len && s[q] == '%';
            if (groups > 0 && !broken && !percent && !in_url(&urls, k - 1)) {
                report(c, VB_TYPO_THOUSANDS_COMMA, src, i, k, 0);
                after = k;
            }
        }

        /* decimal point: digits "." 1–2 digits, then % or a unit */
        if (after == j && j + 1 < len && s[j] == '.' && is_digit(s[j + 1])) {
            size_t k = j + 1;
            while (k < len && is_digit(s[k]))
                k++;
            size_t d = k - (j + 1);
            int chained = k + 1 < len && (s[k] == '.' || s[k] == ',') && is_digit(s[k + 1]);
            if (d >= 1 && d <= 2 && !chained && !in_url(&urls, k - 1) && unit_at(s, len, k)) {
                report(c, VB_TYPO_DECIMAL_POINT, src, i, k, 0);
            }
            after = k;
        }

        /* skip the rest of this number ("1.2.3", "11/6/2021" parts after a separator are
         * rejected by number_start anyway) */
        i = after > i ? after : i + 1;
    }
    free(urls.mask);
}

/* ---- pass 3: "..." → "…" -------------------------------------------------------------- */

static void pass_ellipsis(ctx *c, const tbuf *src, tbuf *dst)
{
    const char *s = src->s;
    size_t len = src->len, i = 0, from = 0; /* src[from, i) is still to be copied */
    url_mask urls = {s, len, NULL};
    while (i < len) {
        if (s[i] != '.') {
            i++;
            continue;
        }
        size_t a = i;
        while (i < len && s[i] == '.')
            i++;
        int ok = i - a == 3 && !(a > 0 && s[a - 1] == '/') && !(i < len && s[i] == '/') &&
                 !in_url(&urls, a) && !in_url(&urls, a + 1) && !in_url(&urls, a + 2);
        if (ok) {
            tb_copy(dst, src, from, a);
            tb_replace(dst, src, a, i, "\xE2\x80\xA6", 3);
            report(c, VB_TYPO_ELLIPSIS, src, a, i, 1);
            from = i;
        }
    }
    tb_copy(dst, src, from, len);
    free(urls.mask);
}

/* ---- pass 4: straight double quotes --------------------------------------------------- */

enum { Q_KEEP, Q_OPEN, Q_CLOSE, Q_UNPAIRED };

typedef struct {
    size_t pos, len;
    int opener;   /* its role: opening or closing */
    int straight; /* '"' (else a curly one, which is only used for pairing) */
    int action;
} quote;

/* Whether a straight quote at i opens: at a line start, after a space or an opening bracket
 * or a dash. */
static int opens(const char *s, size_t i)
{
    if (i == 0)
        return 1;
    char p = s[i - 1];
    if (p == ' ' || p == '\t' || is_newline(p) || p == '(' || p == '[' || p == '{')
        return 1;
    size_t ps;
    UChar32 c = cp_before(s, i, &ps);
    return c == 0x2013 || c == 0x2014;
}

/* Pairs the quotes of one line: an opener is closed by the next closer; a straight quote
 * with no partner is reported and kept. A straight quote paired with a curly one takes its
 * role ("x” → “x”). */
static void pair_line(quote *q, size_t n)
{
    size_t pending = (size_t)-1;
    for (size_t k = 0; k < n; k++) {
        if (q[k].opener) {
            if (pending != (size_t)-1 && q[pending].straight)
                q[pending].action = Q_UNPAIRED;
            pending = k;
        } else if (pending != (size_t)-1) {
            if (q[pending].straight)
                q[pending].action = Q_OPEN;
            if (q[k].straight)
                q[k].action = Q_CLOSE;
            pending = (size_t)-1;
        } else if (q[k].straight) {
            q[k].action = Q_UNPAIRED;
        }
    }
    if (pending != (size_t)-1 && q[pending].straight)
        q[pending].action = Q_UNPAIRED;
}

static void pass_quotes(ctx *c, const tbuf *src, tbuf *dst)
{
    const char *s = src->s;
    size_t len = src->len;
    quote *q = NULL;
    size_t n = 0, cap = 0, line_first = 0;
    for (size_t i = 0; i <= len; i++) {
        if (i == len || is_newline(s[i])) {
            if (n > line_first)
                pair_line(q + line_first, n - line_first);
            line_first = n;
            continue;
        }
        quote one = {i, 0, 0, 0, Q_KEEP};
        if (s[i] == '"') {
            /* an escaped \" belongs to a syntax (YAML, C): not a quotation mark */
            if (i > 0 && s[i - 1] == '\\')
                continue;
            one.len = 1;
            one.straight = 1;
            one.opener = opens(s, i);
        } else if ((unsigned char)s[i] == 0xE2 && i + 2 < len && (unsigned char)s[i + 1] == 0x80 &&
                   ((unsigned char)s[i + 2] == 0x9C || (unsigned char)s[i + 2] == 0x9D)) {
            one.len = 3;
            one.opener = (unsigned char)s[i + 2] == 0x9C;
        } else {
            continue;
        }
        if (n == cap) {
            cap = cap ? cap * 2 : 16;
            q = vb_xrealloc(q, cap * sizeof *q);
        }
        q[n++] = one;
    }
    size_t i = 0;
    for (size_t k = 0; k < n; k++) {
        tb_copy(dst, src, i, q[k].pos);
        i = q[k].pos;
        switch (q[k].action) {
        case Q_OPEN:
            tb_replace(dst, src, i, i + 1, "\xE2\x80\x9C", 3);
            report(c, VB_TYPO_STRAIGHT_QUOTES, src, i, i + 1, 1);
            break;
        case Q_CLOSE:
            tb_replace(dst, src, i, i + 1, "\xE2\x80\x9D", 3);
            report(c, VB_TYPO_STRAIGHT_QUOTES, src, i, i + 1, 1);
            break;
        case Q_UNPAIRED:
            tb_copy(dst, src, i, i + 1);
            report(c, VB_TYPO_STRAIGHT_QUOTES, src, i, i + 1, 0);
            break;
        default:
            tb_copy(dst, src, i, i + q[k].len);
            break;
        }
        i += q[k].len;
    }
    tb_copy(dst, src, i, len);
    free(q);
}

/* ---- pass 5: spaces before punctuation and after "(" ---------------------------------- */

/* Whether an ellipsis ending at i ends its phrase, so the space before it goes: at the end
 * of the text or line, or before a mark whose own spaces go (, ; : ! ? ) and a full stop),
 * or right before a closing quote. "ngày … tháng" (a blank to fill) does not. */
static int phrase_end(const char *s, size_t len, size_t i)
{
    size_t next;
    UChar32 c = i < len ? cp_at(s, len, i, &next) : U_SENTINEL;
    if (c == '"' || c == '\'' || c == 0x201D || c == 0x2019)
        return 1;
    int tab = 0;
    while (i < len && (s[i] == ' ' || s[i] == '\t'))
        tab |= s[i++] == '\t';
    if (i >= len || is_newline(s[i])) /* trailing spaces and tabs go too */
        return 1;
    if (tab) /* a tab is not a space that goes before a mark */
        return 0;
    char ch = s[i];
    if (ch == ',' || ch == ';' || ch == ':' || ch == '!' || ch == '?' || ch == ')')
        return 1;
    if (ch == '.') {
        c = i + 1 < len ? cp_at(s, len, i + 1, &next) : U_SENTINEL;
        return !is_wordchar(c) && c != '.';
    }
    return 0;
}

static void pass_space_before(ctx *c, const tbuf *src, tbuf *dst)
{
    const char *s = src->s;
    size_t len = src->len, i = 0, from = 0; /* src[from, i) is still to be copied */
    url_mask urls = {s, len, NULL};
    while (i < len) {
        if (s[i] != ' ') {
            i++;
            continue;
        }
        size_t a = i;
        while (i < len && s[i] == ' ')
            i++;
        int drop = 0;
        if (!in_indent(s, a) && i < len) {
            char nx = s[i];
            if (s[a - 1] == '(' && !is_newline(nx) && nx != '\t')
                drop = 1;
            else if (nx == ',' || nx == ';' || nx == ':' || nx == '!' || nx == '?' || nx == ')')
                drop = !in_url(&urls, i);
            else if (nx == '.') {
                /* not ".vn", ".5", "....", nor spaced dots ". . ." (which would become "...") */
                size_t next;
                UChar32 after = i + 1 < len ? cp_at(s, len, i + 1, &next) : U_SENTINEL;
                drop = !is_wordchar(after) && after != '.' && s[a - 1] != '.' && !in_url(&urls, i);
            } else if ((unsigned char)nx == 0xE2 && i + 2 < len && (unsigned char)s[i + 1] == 0x80 &&
                       (unsigned char)s[i + 2] == 0xA6) {
                drop = phrase_end(s, len, i + 3) && !in_url(&urls, i);
            }
        }
        if (drop) {
            tb_copy(dst, src, from, a);
            report(c, VB_TYPO_SPACE_BEFORE_PUNCT, src, a, i, 1);
            from = i;
        }
    }
    tb_copy(dst, src, from, len);
    free(urls.mask);
}

/* ---- pass 6: missing space after , ; : ------------------------------------------------ */

static void pass_space_after(ctx *c, const tbuf *src, tbuf *dst)
{
    const char *s = src->s;
    size_t len = src->len;
    url_mask urls = {s, len, NULL};
    size_t from = 0;
    for (size_t i = 0; i + 1 < len; i++) {
        char ch = s[i];
        if ((ch != ',' && ch != ';' && ch != ':') || (i > 0 && s[i - 1] == ch))
            continue;
        size_t next;
        if (!is_letter(cp_at(s, len, i + 1, &next)) || in_url(&urls, i))
            continue;
        tb_copy(dst, src, from, i + 1);
        tb_put(dst, " ", 1, tb_hi(src, i), tb_hi(src, i));
        from = i + 1;
        report(c, VB_TYPO_NO_SPACE_AFTER, src, i, i + 1, 1);
    }
    tb_copy(dst, src, from, len);
    free(urls.mask);
}

/* ---- pass 7: runs of spaces ----------------------------------------------------------- */

static void pass_double_space(ctx *c, const tbuf *src, tbuf *dst)
{
    const char *s = src->s;
    size_t len = src->len, i = 0, from = 0; /* src[from, i) is still to be copied */
    while (i < len) {
        if (s[i] != ' ') {
            i++;
            continue;
        }
        size_t a = i;
        while (i < len && s[i] == ' ')
            i++;
        int keep = i - a < 2 || in_indent(s, a) || i == len || is_newline(s[i]) ||
                   s[i] == '\t' || (s[i] == '/' && s[a - 1] == ':'); /* "Số:      /BC-UBND" */
        if (!keep) {
            tb_copy(dst, src, from, a);
            tb_put(dst, " ", 1, tb_lo(src, a), tb_hi(src, i - 1));
            report(c, VB_TYPO_DOUBLE_SPACE, src, a, i, 1);
            from = i;
        }
    }
    tb_copy(dst, src, from, len);
}

/* ---- pass 8: trailing spaces ---------------------------------------------------------- */

static void pass_trailing(ctx *c, const tbuf *src, tbuf *dst)
{
    const char *s = src->s;
    size_t len = src->len, i = 0, from = 0; /* src[from, i) is still to be copied */
    while (i < len) {
        if (s[i] != ' ' && s[i] != '\t') {
            i++;
            continue;
        }
        size_t a = i;
        while (i < len && (s[i] == ' ' || s[i] == '\t'))
            i++;
        if (i == len || is_newline(s[i])) {
            tb_copy(dst, src, from, a);
            report(c, VB_TYPO_TRAILING_SPACE, src, a, i, 1);
            from = i;
        }
    }
    tb_copy(dst, src, from, len);
}

/* ---- entry points --------------------------------------------------------------------- */

typedef void (*pass_fn)(ctx *, const tbuf *, tbuf *);

/* Whether a pass can find anything in `s`: most text holds nothing for most passes, and a
 * byte scan is far cheaper than a pass that copies the text. */
static int has_pair(const char *s, size_t n, char a, const char *followers)
{
    unsigned char follows[256] = {0};
    for (const char *f = followers; *f; f++)
        follows[(unsigned char)*f] = 1;
    for (const char *p = memchr(s, a, n); p; p = memchr(p + 1, a, n - (size_t)(p + 1 - s)))
        if (p + 1 < s + n && follows[(unsigned char)p[1]])
            return 1;
    return 0;
}

/* Whether `s` holds a character pass_invisible removes or replaces (is_invisible, is_nbsp),
 * by its UTF-8 bytes: quotation marks, dashes and "…" share their first two bytes with some. */
static int has_invisible_or_nbsp(const char *s, size_t n)
{
    const unsigned char *u = (const unsigned char *)s;
    for (size_t i = 0; i + 1 < n; i++) {
        if (u[i] < 0xC2)
            continue;
        if (u[i] == 0xC2 && (u[i + 1] == 0xA0 || u[i + 1] == 0xAD)) /* NBSP, soft hyphen */
            return 1;
        if (i + 2 < n && u[i] == 0xE2 && u[i + 1] == 0x80 &&
            (u[i + 2] == 0x8B || u[i + 2] == 0x8C || u[i + 2] == 0x8D || u[i + 2] == 0xAF))
            return 1; /* U+200B..U+200D, U+202F */
        if (i + 2 < n && ((u[i] == 0xE2 && u[i + 1] == 0x81 && u[i + 2] == 0xA0) ||
                          (u[i] == 0xEF && u[i + 1] == 0xBB && u[i + 2] == 0xBF)))
            return 1; /* U+2060, U+FEFF */
    }
    return 0;
}

static int pass_needed(pass_fn pass, const tbuf *cur)
{
    const char *s = cur->s;
    size_t n = cur->len;
    if (pass == pass_invisible)
        return has_invisible_or_nbsp(s, n);
    if (pass == pass_nfc) {
        /* Combining marks (U+0300..U+036F: CC, CD) or scripts beyond Vietnamese's letters. */
        for (size_t i = 0; i < n; i++) {
            unsigned char b = (unsigned char)s[i];
            if (b == 0xCC || b == 0xCD || b >= 0xEA)
                return 1;
        }
        return 0;
    }
    if (pass == pass_ellipsis)
        return strstr(s, "...") != NULL;
    if (pass == pass_quotes)
        return memchr(s, '"', n) != NULL;
    if (pass == pass_space_before)
        return has_pair(s, n, ' ', ",;:.!?)\xE2") || has_pair(s, n, '(', " ");
    if (pass == pass_space_after) {
        for (size_t i = 0; i + 1 < n; i++)
            if ((s[i] == ',' || s[i] == ';' || s[i] == ':') && s[i + 1] != ' ' && s[i + 1] != '\n')
                return 1;
        return 0;
    }
    if (pass == pass_double_space)
        return has_pair(s, n, ' ', " ") || has_pair(s, n, '\xC2', "\xA0");
    if (pass == pass_trailing)
        return has_pair(s, n, ' ', "\n\r") || has_pair(s, n, '\t', "\n\r") ||
               (n && (s[n - 1] == ' ' || s[n - 1] == '\t'));
    return 1;
}

char *vb_typography(const char *text, size_t len, int fix, vb_typo_finding **findings, size_t *count)
{
    if (findings)
        *findings = NULL;
    if (count)
        *count = 0;
    if (!text)
        len = 0;
    char *copy = vb_xmalloc(len + 1);
    if (len)
        memcpy(copy, text, len);
    copy[len] = '\0';
    if (len == 0 || len > (size_t)INT32_MAX / 4) /* ICU's indices are int32_t */
        return copy;

    ctx c = {NULL, 0, 0, fix != 0};
    tbuf cur;
    tb_init(&cur, len);
    tb_map(&cur, 1, 0, 0); /* the input itself: one to one */
    memcpy(cur.s, text, len);
    cur.len = len;
    cur.s[len] = '\0';

    static const pass_fn passes[] = {pass_invisible, pass_nfc, NULL /* numbers */, pass_ellipsis,
                                     pass_quotes, pass_space_before, pass_space_after,
                                     pass_double_space, pass_trailing};
    for (size_t p = 0; p < sizeof passes / sizeof *passes; p++) {
        if (!passes[p]) {
            detect_numbers(&c, &cur);
            continue;
        }
        if (!pass_needed(passes[p], &cur))
            continue;
        tbuf next;
        tb_init(&next, cur.len + cur.len / 8 + 16);
        passes[p](&c, &cur, &next);
        tb_free(&cur);
        cur = next;
    }

    char *result;
    if (c.fix) {
        free(copy);
        result = cur.s; /* NUL-terminated by every append */
        cur.s = NULL;
    } else {
        result = copy;
    }
    tb_free(&cur);

    if (c.n > 1)
        qsort(c.v, c.n, sizeof *c.v, item_cmp);
    if (findings) {
        vb_typo_finding *out = vb_xmalloc((c.n ? c.n : 1) * sizeof *out);
        for (size_t k = 0; k < c.n; k++)
            out[k] = c.v[k].f;
        *findings = out;
    }
    if (count)
        *count = c.n;
    free(c.v);
    return result;
}

const char *vb_typo_describe(vb_typo_kind kind, int english)
{
    switch (kind) {
    case VB_TYPO_DOUBLE_SPACE:
        return english ? "double space" : "hai dấu cách liền nhau";
    case VB_TYPO_SPACE_BEFORE_PUNCT:
        return english ? "space before punctuation" : "dấu cách trước dấu câu";
    case VB_TYPO_NO_SPACE_AFTER:
        return english ? "missing space after punctuation" : "thiếu dấu cách sau dấu câu";
    case VB_TYPO_STRAIGHT_QUOTES:
        return english ? "straight quotation mark (use “ ”)" : "dấu ngoặc kép thẳng (dùng “ ”)";
    case VB_TYPO_ELLIPSIS:
        return english ? "three dots instead of an ellipsis (…)" : "ba dấu chấm thay cho dấu ba chấm (…)";
    case VB_TYPO_INVISIBLE:
        return english ? "invisible character (zero-width, soft hyphen, BOM)"
                       : "ký tự ẩn (độ rộng bằng 0, gạch nối mềm, BOM)";
    case VB_TYPO_NBSP:
        return english ? "non-breaking space" : "dấu cách không ngắt (NBSP)";
    case VB_TYPO_NOT_NFC:
        return english ? "text not in NFC (decomposed letters)" : "chữ chưa dựng sẵn (không phải NFC)";
    case VB_TYPO_THOUSANDS_COMMA:
        return english ? "comma as thousands separator (Vietnamese writes 1.879)"
                       : "dấu phẩy phân cách hàng nghìn (tiếng Việt viết 1.879)";
    case VB_TYPO_DECIMAL_POINT:
        return english ? "decimal point (Vietnamese writes 34,6%)"
                       : "dấu chấm thập phân (tiếng Việt viết 34,6%)";
    case VB_TYPO_TRAILING_SPACE:
        return english ? "space at the end of a line" : "dấu cách cuối dòng";
    case VB_TYPO_KIND_COUNT:
        break;
    }
    return english ? "typography" : "trình bày chữ";
}
