/* A nhiem_vu block as a table: the same task data the prose shows, put in the bang model so
 * the table machinery (compose_table.c) lays it out like any other table. */
#ifndef VB_COMPOSE_TASKS_H
#define VB_COMPOSE_TASKS_H

#include "model/model.h"

/* The table of a VB_NODE_TASKS block: STT | Nhiệm vụ | Chủ trì, then Phối hợp, Thời gian and
 * Sản phẩm when some task carries them; one row per task in the order written, the header
 * row repeated on every page. The caller frees it with vb_table_free. */
vb_table *vb_tasks_table(const vb_node *tasks);

#endif
