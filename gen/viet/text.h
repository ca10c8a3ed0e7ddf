/* Vietnamese text operations done with ICU: validation, NFC, upper-casing. */
#ifndef VB_TEXT_H
#define VB_TEXT_H

#include <stddef.h>

/* Returns the byte offset of the first invalid UTF-8 sequence in s[0..len), or -1 when the
 * whole text is valid. */
long vb_utf8_invalid_offset(const char *s, size_t len);

/* Whether code point `cp` may stand in a document's text. XML 1.0, and so DOCX and ODT, has
 * no place for the C0 controls but tab, line feed and carriage return, nor for U+FFFE and
 * U+FFFF; a YAML escape ("\v", "\x07") or a CSV cell can still carry one. */
int vb_char_is_text(unsigned long cp);

/* The offset of the first character of valid UTF-8 s[0..len) that may not stand in a
 * document's text (vb_char_is_text), or -1; *cp is that character. */
long vb_text_forbidden_offset(const char *s, size_t len, unsigned long *cp);

/* NFC form of valid UTF-8 `s` (caller frees). */
char *vb_nfc(const char *s, size_t len);

/* Upper case with the Vietnamese locale rules (caller frees). */
char *vb_upper_vi(const char *s);

/* Lower case with the Vietnamese locale rules (caller frees). */
char *vb_lower_vi(const char *s);

/* Copies at most `max_chars` characters of valid UTF-8 `s` into `buf` (never cutting a
 * character; "…" appended when cut). Returns buf. */
char *vb_utf8_excerpt(const char *s, size_t max_chars, char *buf, size_t size);

/* Number of code points in valid UTF-8 `s` up to byte `len` (for columns). */
size_t vb_utf8_count(const char *s, size_t len);

/* The columns valid UTF-8 `s` (len bytes) takes on a terminal: combining marks and other
 * zero-width characters 0, East Asian wide and full-width characters 2, the rest 1 (ICU's
 * properties, whatever the locale). "Đ" and "ệ" (precomposed or not) take one column. */
size_t vb_display_width(const char *s, size_t len);

#endif
