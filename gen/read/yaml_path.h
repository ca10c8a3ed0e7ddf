/* Where a position is in a YAML document, said without line numbers: the path of keys down
 * to the node there ("noi_dung[].noi_dung[].muc"; "[]" for any item of a list) and the text
 * of that node. A report keys a finding on these (SARIF partialFingerprints), so the key
 * stays the same when lines are added or removed elsewhere. */
#ifndef VB_READ_YAML_PATH_H
#define VB_READ_YAML_PATH_H

#include <stddef.h>

typedef struct {
    char *path; /* "" for the document itself */
    char *text; /* the scalar's text (a key's name, for a key); "" for a mapping or a list */
} vb_yaml_place;

/* The node that starts at (line, column) (1-based), else the last one starting before it.
 * Both strings are always set (caller frees with vb_yaml_place_free); for input that does
 * not parse, what was read before the problem is used. */
void vb_yaml_place_at(const char *data, size_t len, unsigned line, unsigned column,
                      vb_yaml_place *out);
void vb_yaml_place_free(vb_yaml_place *place);

#endif
