/* Optional spelling: unknown syllables found with libhunspell and Debian's hunspell-vi
 * dictionary (a list of Vietnamese syllables). */
#ifndef VB_VIET_SPELL_H
#define VB_VIET_SPELL_H

#include <stddef.h>

typedef struct vb_speller vb_speller;

/* Opens the Vietnamese dictionary (VANBAN_HUNSPELL_DIR, else /usr/share/hunspell).
 * Returns NULL with `err` filled when it is not installed. Close with vb_speller_close. */
vb_speller *vb_speller_open(char *err, size_t err_size);
void vb_speller_close(vb_speller *speller);

typedef struct {
    size_t offset, length; /* a word of the text */
} vb_spell_finding;

/* The words of UTF-8 `text` the dictionary does not know. Words with digits, all-capital
 * abbreviations (UBND, CNTT) and single letters are not looked up. Returns the count and a
 * malloc'd array (caller frees). */
size_t vb_spell_check(vb_speller *speller, const char *text, size_t len, vb_spell_finding **findings);

#endif
