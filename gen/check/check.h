/* Stage check: what a document of its type and format must hold.
 *
 * Takes: a vb_document (and nothing else: no file, no YAML). Gives: diagnostics with the
 * positions of the model (validate.h), each under a rule id of the table in rules.c with its
 * clause of NĐ30/HD36, severity and help; report.h prints them as text, JSON or SARIF.
 * A new rule is one entry in rules.c, its test in validate*.c, an example in tests/check/. */
#ifndef VB_CHECK_H
#define VB_CHECK_H

#include "report.h"
#include "rules.h"
#include "validate.h"

#endif
