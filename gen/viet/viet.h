/* Stage viet: Vietnamese text, below every stage that handles text.
 *
 * Takes: UTF-8 strings. Gives: NFC text and Vietnamese upper/sentence case (text.h, ICU),
 * one tone-mark style and repaired marks (tone.h), Unicode from legacy encodings TCVN3, VNI,
 * VIQR, CP1258 (legacy.h), safe typography fixes (typography.h), dictionary checks with
 * hunspell-vi (spell.h). Knows nothing of documents: only model.h's allocation helpers. */
#ifndef VB_VIET_H
#define VB_VIET_H

#include "legacy.h"
#include "spell.h"
#include "text.h"
#include "tone.h"
#include "typography.h"

#endif
