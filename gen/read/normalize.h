/* Normalising the text of a YAML document in place: NFC, one tone-mark style, misplaced
 * marks repaired, safe typography fixes — inside the scalars only. Comments, keys, key
 * order, indentation and quoting stay byte-identical, and the YAML structure is verified
 * unchanged after the edit. What cannot be fixed safely is reported with its position.
 * `vanban normalize` writes the result; `vanban check` reports the same findings. */
#ifndef VB_NORMALIZE_H
#define VB_NORMALIZE_H

#include <stddef.h>

#include "model/diag.h"
#include "viet/tone.h"
#include "yaml_scalars.h"

typedef struct {
    vb_tone_style tone;  /* used when the document has no dau_thanh of its own */
    int tone_given;      /* 1: `tone` overrides the document's dau_thanh */
    int typography;      /* apply the safe typography fixes */
    struct vb_speller *speller; /* non-NULL: report unknown syllables (check --spell) */
    int report_only;     /* only the findings (vanban check): no new text is built */
    int skip_unsafe;     /* with report_only: leave out the TXT-UNSAFE findings, which need a
                            second parse (render's summary of the text warnings) */
    const vb_yaml_scalars *scalars; /* with report_only and skip_unsafe, when non-NULL: the
                            scalars as the reader found them, so the text is not parsed again */
} vb_normalize_options;

/* Normalises valid UTF-8 YAML `data`. Returns the new bytes (caller frees; *out_len their
 * length; identical to the input when nothing changed; empty with report_only), and adds
 * one diagnostic per finding
 * to `diags` (warnings: what changed or would change; what cannot be fixed). Returns NULL
 * when the YAML cannot be parsed (nothing to normalise; the reader reports why). */
char *vb_normalize_yaml(const char *name, const char *data, size_t len,
                        const vb_normalize_options *options, vb_diagnostics *diags, size_t *out_len);

#endif
