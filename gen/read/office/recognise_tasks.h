/* Task tables read back into nhiem_vu blocks: a table STT | Nhiệm vụ | Chủ trì | … becomes
 * a VB_NODE_TASKS shown as a table (trinh_bay: bang), and a Phụ lục holding only such a
 * table, with the body's "Các nhiệm vụ cụ thể tại Phụ lục … kèm theo." line, a block shown
 * as that Phụ lục (trinh_bay: phu_luc), as the YAML reader makes it. */
#ifndef VB_RECOGNISE_TASKS_H
#define VB_RECOGNISE_TASKS_H

#include "model/model.h"

/* Runs on the whole recognised document, before its sections are numbered. */
void vb_recognise_task_tables(vb_document *doc);

#endif
