/* Text in the legacy Vietnamese encodings, converted to Unicode (NFC), and the other way
 * where the charset allows; and legacy text pasted into a UTF-8 file, detected. */
#ifndef VB_VIET_LEGACY_H
#define VB_VIET_LEGACY_H

#include <stddef.h>

typedef enum {
    VB_ENC_UTF8,
    VB_ENC_TCVN3,  /* TCVN 5712:1993 VN3, "ABC": .VnTime fonts (not glibc's TCVN5712-1 = VN1) */
    VB_ENC_VNI,    /* VNI-Windows: base letter + mark bytes */
    VB_ENC_VIQR,   /* RFC 1456 ASCII mnemonics: a' a` a? a~ a. a^ a( o+ u+ dd */
    VB_ENC_CP1258, /* Windows-1258, through ICU's converter */
} vb_encoding;

int vb_encoding_parse(const char *name, vb_encoding *out); /* "tcvn3", "vni", "viqr", "cp1258", "utf-8" */
const char *vb_encoding_name(vb_encoding enc);

/* Decodes `len` bytes of `enc` into NFC UTF-8 (caller frees). `capitals` = 1 reads TCVN3
 * as set in an all-caps font (.VnTimeH), where the lowercase bytes show capitals.
 * Returns NULL (and fills err) only for a real failure (ICU missing the converter). */
char *vb_legacy_decode(const char *bytes, size_t len, vb_encoding enc, int capitals, char *err,
                       size_t err_size);

/* Encodes NFC UTF-8 into `enc` (caller frees; *out_len gets the length). Characters the
 * charset lacks become '?' and are counted in *lost (may be NULL). TCVN3 capitals with
 * tones have no code: they are written with the lowercase byte (and counted in *lost). */
char *vb_legacy_encode(const char *utf8, size_t len, vb_encoding enc, size_t *out_len, size_t *lost);

/* Looks for runs of legacy-encoded text inside valid UTF-8 (e.g. TCVN3 or VNI bytes read as
 * Windows-1252/Latin-1 and pasted: "Céng hßa x· héi", "Coäng hoøa"). Returns the number of
 * runs found and a malloc'd array (caller frees) of them; each has the byte range and its
 * likely encoding and conversion (NFC UTF-8, malloc'd: free with vb_legacy_runs_free). */
typedef struct {
    size_t offset, length;
    vb_encoding encoding;
    char *converted;
} vb_legacy_run;

size_t vb_legacy_detect(const char *utf8, size_t len, vb_legacy_run **runs);
void vb_legacy_runs_free(vb_legacy_run *runs, size_t count);

#endif
