/* A look at a whole YAML source on a thread of its own while libyaml parses it: whether its
 * bytes are UTF-8, and which of its characters placing tone marks would change.
 *
 * The reader styles every text of a document (NFC, tone marks); a text whose characters the
 * scan found unchanged comes out as it went in, so the reader copies it instead. The scan
 * reads the source itself, not the parsed texts: YAML only adds or takes away white space,
 * line breaks and quotes around and inside a text, which never join or split a word, never
 * compose with a mark and never change how a word is styled. Escapes ("\u1EA1", "\n") do, so
 * every backslash counts as changed: a text holding one is always worked out in full.
 *
 * The scan is published as it goes: a text the scan has not reached yet is worked out in
 * full, never waited for. */
#ifndef VB_SOURCE_SCAN_H
#define VB_SOURCE_SCAN_H

#include <stddef.h>

typedef struct vb_source_scan vb_source_scan;

/* Starts the scan of data[0, len), which must stay untouched until vb_source_scan_free.
 * tone_style: the vb_tone_style the texts get, or -1 for no look at tone marks. With
 * `threaded` 0, or when no thread can start, only the UTF-8 check is made, here and now. */
vb_source_scan *vb_source_scan_start(const char *data, size_t len, int tone_style, int threaded);

/* Waits for the UTF-8 check. Returns the offset of the first byte that is not well-formed
 * UTF-8 (or is NUL), or -1 when there is none. */
long vb_source_scan_invalid_utf8(vb_source_scan *scan);

/* Whether styling in `tone_style` leaves characters [first, end) of the source unchanged,
 * as far as the scan can tell by now: 0 for "changed" or "not known yet". Characters are
 * counted as libyaml counts them (yaml_mark_t.index: after a byte order mark). */
int vb_source_scan_unchanged(vb_source_scan *scan, int tone_style, size_t first, size_t end);

/* Waits until the scan has looked at the whole source. Nothing in a render waits for it:
 * this is for tests, which must know what the whole scan finds. */
void vb_source_scan_finish(vb_source_scan *scan);

/* Stops the scan if it is still running and frees it. NULL-safe. */
void vb_source_scan_free(vb_source_scan *scan);

#endif
