/* A data table (bang) through the composition sink. */
#ifndef VB_COMPOSE_TABLE_H
#define VB_COMPOSE_TABLE_H

#include "compose.h"

/* Writes `table` across `text_width` twips: widths measured on its first rows, then every
 * row streamed from its source. Returns 0, or -1 with "file:line:col: reason" in `err`. */
int vb_compose_table(const vb_table *table, const vb_layout *layout, const vb_sink *sink, void *ctx,
                     int text_width, char *err, size_t err_size);

#endif
