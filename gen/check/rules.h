/* The rules vanban checks, as data: each has an id, a default severity, the clause of
 * NĐ30 / HD36 it enforces, and a description. `vanban rules` lists them; SARIF output
 * carries them; every diagnostic names one. */
#ifndef VB_RULES_H
#define VB_RULES_H

#include <stddef.h>

#include "model/diag.h"

typedef struct {
    const char *id;
    vb_severity severity;
    const char *clause;
    const char *vi;
    const char *en;
} vb_rule;

const vb_rule *vb_rules_all(size_t *count);
const vb_rule *vb_rule_find(const char *id);
/* The document types (loai codes, ", "-separated: "KH, QĐ, CT") for which the warning rule
 * `id` is an error; NULL when its severity is the same for every type. */
const char *vb_rule_error_for(const char *id);
/* The severity of rule `id` in a document of type `type_code` (as written, "QD" or "QĐ";
 * NULL: unknown type). */
vb_severity vb_rule_severity(const char *id, const char *type_code, int party);

#endif
