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

#endif
