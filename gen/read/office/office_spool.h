/* The rows of a long table taken out of the neutral list (office_source.h) and kept in an
 * unlinked temporary file, so a 100 000-row table costs the memory of one row. The list keeps
 * an OF_SPOOLED item where the rows were; a cursor gives their items back in order, exactly
 * as they were (paragraphs with their text, runs, style and formatting). */
#ifndef VB_OFFICE_SPOOL_H
#define VB_OFFICE_SPOOL_H

#include <stddef.h>

#include "office_source.h"

typedef struct of_spool of_spool;
typedef struct of_spool_cursor of_spool_cursor;

/* A new spool; NULL when no temporary file can be made (the rows then stay in memory). */
of_spool *of_spool_new(void);
void of_spool_free(of_spool *spool);

/* Whether `into` ends where the next row will be written (it can take that row). */
int of_spool_continues(const of_spool *spool, const of_spooled *into);
/* Appends the `count` items of one table row (OF_ROW_BEGIN … OF_ROW_END) to the spool and
 * to `into`, which then covers them (start it zeroed at a new place with of_spool_start).
 * Returns 0, or -1 once writing failed. */
int of_spool_add_row(of_spool *spool, const of_item *items, size_t count, of_spooled *into);
void of_spool_start(of_spool *spool, of_spooled *into);
/* Writes out what is buffered: 0, or -1 when a write failed (see the error). */
int of_spool_flush(of_spool *spool);
/* The error of the first failed write or read, or NULL. */
const char *of_spool_error(const of_spool *spool);

/* The items `what` covers, in order. */
of_spool_cursor *of_spool_open(of_spool *spool, const of_spooled *what);
/* The next item (valid until the next call or close), NULL at the end or on a read error. */
const of_item *of_spool_next(of_spool_cursor *cursor);
void of_spool_close(of_spool_cursor *cursor);

/* Paragraph `number` among those `what` covers (valid until the next call), or NULL. */
const of_para *of_spool_paragraph(of_spool *spool, const of_spooled *what, unsigned number);

#endif
