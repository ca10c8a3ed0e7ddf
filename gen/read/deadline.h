/* A task's deadline (han) as Vietnamese drafters write it, read into the model's
 * vb_deadline: a day ("31/3/2025", "trước ngày 31/3/2025"), a month ("tháng 9/2025"), a
 * quarter ("quý III/2025"), a year ("năm 2025"), a range ("01/10/2025 - 31/10/2025",
 * "tháng 9-10/2025", "từ tháng 11/2025 đến tháng 02/2026") or a recurring term ("hằng năm",
 * "thường xuyên"). Used by every reader that meets a deadline in words. */
#ifndef VB_READ_DEADLINE_H
#define VB_READ_DEADLINE_H

#include "model/model.h"

/* Reads `text` into `out` (its kind, dates, quarter, recurrence; `out->text` and `out->pos`
 * are left alone). Returns 1 when read, 0 when it is no time vanban knows (the caller keeps
 * it as VB_DEADLINE_TEXT), -1 when it names a day or month that does not exist. */
int vb_deadline_parse(const char *text, vb_deadline *out);

#endif
