/* The checks of `vanban check` (and of `vanban render` before it writes anything): the
 * required parts of each document type and the conventions of its format, read from the
 * model only. Each diagnostic names a rule of gen/check/rules.c. */
#ifndef VB_VALIDATE_H
#define VB_VALIDATE_H

#include "model/diag.h"
#include "model/model.h"
#include "read/section_roles.h"

typedef struct {
    int draft; /* --draft: blank number and day allowed even without trang_thai: du_thao */
    int tables_read_by_writer; /* render: the writer reads table files and reports their
                                  errors itself; reading them twice would double the work */
} vb_validate_options;

void vb_validate(const vb_document *doc, const vb_validate_options *options, vb_diagnostics *diags);

/* Appendices and tables (validate_tables.c): each appendix referred to, each table's rows
 * readable and fitting their columns. Part of vb_validate. */
void vb_validate_tables(const vb_document *doc, int read_rows, vb_diagnostics *diags);
/* Only the reading of every table's rows (TBL-DATA, TBL-EMPTY): what render checks again when
 * a writer that streamed a table failed. */
void vb_validate_table_rows(const vb_document *doc, vb_diagnostics *diags);

/* Tasks (validate_tasks.c): each has a deadline (an error for the types the rule table
 * names), one that is not before the document, a range in order, words that can be read as
 * a time. Part of vb_validate. */
void vb_validate_tasks(const vb_document *doc, vb_diagnostics *diags);

/* Documents issued with a decision (validate_parts.c): ND-ATTACHED-PARENT, -ARTICLE,
 * -MISSING. Part of vb_validate. */
void vb_validate_parts(const vb_document *doc, vb_diagnostics *diags);

#endif
