#include "text.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unicode/uchar.h>
#include <unicode/ucasemap.h>
#include <unicode/unorm2.h>
#include <unicode/ustring.h>
#include <unicode/utf8.h>

#include "model/model.h"

long vb_utf8_invalid_offset(const char *s, size_t len)
{
    const uint8_t *u = (const uint8_t *)s;
    size_t i = 0;
    while (i < len) {
        /* Eight ASCII bytes at a time: most of a document's bytes. */
        uint64_t word;
        if (i + 8 <= len && (memcpy(&word, u + i, 8), (word & 0x8080808080808080u) == 0)) {
            i += 8;
            continue;
        }
        if (u[i] < 0x80) {
            i++;
            continue;
        }
        /* One character through ICU, in a window that keeps offsets within int32_t. */
        size_t window = len - i < 4 ? len - i : 4;
        int32_t k = 0;
        UChar32 c;
        U8_NEXT(u + i, k, (int32_t)window, c);
        /* U8_NEXT yields a negative value for ill-formed sequences, surrogates included. */
        if (c < 0)
            return (long)i;
        i += (size_t)k;
    }
    return -1;
}

int vb_char_is_text(unsigned long cp)
{
    if (cp < 0x20)
        return cp == '\t' || cp == '\n' || cp == '\r';
    return cp != 0xFFFE && cp != 0xFFFF;
}

long vb_text_forbidden_offset(const char *s, size_t len, unsigned long *cp)
{
    const uint8_t *u = (const uint8_t *)s;
    for (size_t i = 0; i < len; i++) {
        /* Only a byte below 0x20 or the lead byte of U+FFFE/U+FFFF (EF BF BE/BF) can begin
         * one: no other byte needs decoding. */
        if (u[i] < 0x20 && !vb_char_is_text(u[i])) {
            *cp = u[i];
            return (long)i;
        }
        if (u[i] == 0xEF && i + 2 < len && u[i + 1] == 0xBF && (u[i + 2] == 0xBE || u[i + 2] == 0xBF)) {
            *cp = u[i + 2] == 0xBE ? 0xFFFE : 0xFFFF;
            return (long)i;
        }
    }
    return -1;
}

char *vb_utf8_excerpt(const char *s, size_t max_chars, char *buf, size_t size)
{
    static const char ellipsis[] = "\xE2\x80\xA6";
    size_t i = 0, chars = 0, n = strlen(s);
    while (i < n && chars < max_chars) {
        size_t next = i + 1;
        while (next < n && ((unsigned char)s[next] & 0xC0) == 0x80)
            next++;
        if (next + sizeof ellipsis > size)
            break;
        i = next;
        chars++;
    }
    memcpy(buf, s, i);
    buf[i] = '\0';
    if (i < n && i + sizeof ellipsis <= size)
        memcpy(buf + i, ellipsis, sizeof ellipsis);
    return buf;
}

size_t vb_utf8_count(const char *s, size_t len)
{
    size_t count = 0;
    for (size_t i = 0; i < len; i++)
        if (((unsigned char)s[i] & 0xC0) != 0x80)
            count++;
    return count;
}

/* UTF-8 → UTF-16 → transform → UTF-8, the shape every ICU string API needs. */
static UChar *to_utf16(const char *s, size_t len, int32_t *out_len)
{
    UErrorCode status = U_ZERO_ERROR;
    int32_t needed = 0;
    u_strFromUTF8(NULL, 0, &needed, s, (int32_t)len, &status);
    status = U_ZERO_ERROR;
    UChar *buf = vb_xmalloc(((size_t)needed + 1) * sizeof(UChar));
    u_strFromUTF8(buf, needed + 1, out_len, s, (int32_t)len, &status);
    if (U_FAILURE(status))
        *out_len = 0;
    return buf;
}

static char *to_utf8(const UChar *u, int32_t len)
{
    UErrorCode status = U_ZERO_ERROR;
    int32_t needed = 0;
    u_strToUTF8(NULL, 0, &needed, u, len, &status);
    status = U_ZERO_ERROR;
    char *out = vb_xmalloc((size_t)needed + 1);
    u_strToUTF8(out, needed + 1, NULL, u, len, &status);
    if (U_FAILURE(status))
        out[0] = '\0';
    return out;
}

/* Whether valid UTF-8 text is certainly NFC without asking ICU: every character below
 * U+0300 (Latin, with ă, đ, ơ, ư), in U+1E80..U+1EFF (the precomposed Vietnamese letters)
 * or in U+2002..U+203F (dashes, quotes, …) is stable under NFC, and no combining mark
 * follows to compose with them. Anything else goes to ICU. */
static int certainly_nfc(const char *s, size_t len)
{
    const unsigned char *u = (const unsigned char *)s;
    for (size_t i = 0; i < len;) {
        unsigned char b = u[i];
        if (b < 0x80) {
            i++;
        } else if (b >= 0xC2 && b <= 0xCB) {
            i += 2;
        } else if (b == 0xE1 && i + 2 < len + 1 && (u[i + 1] == 0xBA || u[i + 1] == 0xBB)) {
            i += 3;
        } else if (b == 0xE2 && i + 2 < len + 1 && u[i + 1] == 0x80 && u[i + 2] >= 0x82) {
            i += 3;
        } else {
            return 0;
        }
    }
    return 1;
}

char *vb_nfc(const char *s, size_t len)
{
    if (certainly_nfc(s, len)) {
        char *copy = vb_xmalloc(len + 1);
        memcpy(copy, s, len);
        copy[len] = '\0';
        return copy;
    }
    UErrorCode status = U_ZERO_ERROR;
    const UNormalizer2 *nfc = unorm2_getNFCInstance(&status);
    if (U_FAILURE(status)) {
        char *copy = vb_xmalloc(len + 1);
        memcpy(copy, s, len);
        copy[len] = '\0';
        return copy;
    }
    int32_t ulen = 0;
    UChar *src = to_utf16(s, len, &ulen);
    /* Already-normalised text (the common case) skips the copy. */
    if (unorm2_isNormalized(nfc, src, ulen, &status) && U_SUCCESS(status)) {
        free(src);
        char *copy = vb_xmalloc(len + 1);
        memcpy(copy, s, len);
        copy[len] = '\0';
        return copy;
    }
    status = U_ZERO_ERROR;
    int32_t cap = ulen * 3 + 16;
    UChar *dst = vb_xmalloc((size_t)cap * sizeof(UChar));
    int32_t dlen = unorm2_normalize(nfc, src, ulen, dst, cap, &status);
    char *out = U_SUCCESS(status) ? to_utf8(dst, dlen) : to_utf8(src, ulen);
    free(src);
    free(dst);
    return out;
}

typedef int32_t (*case_fn)(const UCaseMap *, char *, int32_t, const char *, int32_t, UErrorCode *);

static char *change_case(const char *s, case_fn fn)
{
    UErrorCode status = U_ZERO_ERROR;
    UCaseMap *map = ucasemap_open("vi", 0, &status);
    size_t len = strlen(s);
    if (U_FAILURE(status))
        return vb_strdup(s);
    int32_t cap = (int32_t)len * 2 + 16;
    char *out = vb_xmalloc((size_t)cap);
    int32_t n = fn(map, out, cap, s, (int32_t)len, &status);
    if (status == U_BUFFER_OVERFLOW_ERROR) {
        status = U_ZERO_ERROR;
        out = vb_xrealloc(out, (size_t)n + 1);
        n = fn(map, out, n + 1, s, (int32_t)len, &status);
    }
    ucasemap_close(map);
    if (U_FAILURE(status)) {
        free(out);
        return vb_strdup(s);
    }
    out[n] = '\0';
    return out;
}

char *vb_upper_vi(const char *s)
{
    return change_case(s, ucasemap_utf8ToUpper);
}

char *vb_lower_vi(const char *s)
{
    return change_case(s, ucasemap_utf8ToLower);
}

size_t vb_display_width(const char *s, size_t len)
{
    size_t width = 0;
    int32_t i = 0, n = (int32_t)len;
    while (i < n) {
        UChar32 c;
        U8_NEXT(s, i, n, c);
        if (c < 0) {
            width++; /* a broken byte still takes a place */
            continue;
        }
        int8_t type = u_charType(c);
        if (type == U_NON_SPACING_MARK || type == U_ENCLOSING_MARK || type == U_FORMAT_CHAR ||
            c == 0x200B || (c >= 0x1160 && c <= 0x11FF))
            continue;
        int ea = u_getIntPropertyValue(c, UCHAR_EAST_ASIAN_WIDTH);
        width += (ea == U_EA_WIDE || ea == U_EA_FULLWIDTH) ? 2 : 1;
    }
    return width;
}
