/* The texts vanban composes from the model: the number line, the date line, task
 * sentences, recipient lines. Shared by every writer so DOCX and ODT say the same. */
#ifndef VB_FORMAT_H
#define VB_FORMAT_H

#include <stddef.h>

#include "layout.h"
#include "model/model.h"

/* A growable string. */
typedef struct {
    char *data;
    size_t len, cap;
} vb_buf;

void vb_buf_add(vb_buf *b, const char *s);
void vb_buf_addn(vb_buf *b, const char *s, size_t n);
void vb_buf_printf(vb_buf *b, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;
void vb_buf_free(vb_buf *b);

/* Day and month with NĐ30's leading zero: day < 10 → "05"; months 1 and 2 → "01", "02";
 * months 3–12 without ("6"). */
void vb_format_day(int day, char *buf, size_t size);
void vb_format_month(int month, char *buf, size_t size);

/* "Bắc Giang, ngày 05 tháng 01 năm 2024"; blank day/month for drafts (caller frees). */
char *vb_format_date_line(const vb_layout *layout, const vb_document *doc);

/* "Số: 05/BC-UBND" (state) / "Số 111-NQ/TU" (Party); blank number for drafts. */
char *vb_format_number_line(const vb_layout *layout, const vb_document *doc);

/* A công văn's trích yếu without the prefix a drafter may have typed before it ("V/v",
 * "V/v:", "Về việc"): what follows the layout's cong_van_subject_prefix on the page. */
const char *vb_format_cong_van_subject(const char *typed);

/* The creation time written into a package's properties, W3C form "2024-01-05T00:00:00Z":
 * SOURCE_DATE_EPOCH (`epoch` >= 0) when given, else the document's own date, never the
 * clock, so the same input gives the same bytes. */
void vb_format_timestamp(const vb_document *doc, long long epoch, char *buf, size_t size);
/* The largest `epoch` it takes: 9999-12-31T23:59:59Z; one beyond is ignored like a negative. */
#define VB_EPOCH_MAX 253402300799LL

/* A short date "25/11/2022" (same leading-zero rule). */
void vb_format_short_date(const vb_date *date, char *buf, size_t size);

/* The sentence of a task: "<noi_dung> trước ngày 25/11/2022; phối hợp: X; sản phẩm: Y." */
char *vb_format_task(const vb_node *task);

/* A deadline in the conventional wording (caller frees): in a sentence, with what joins it
 * to the action (" trước ngày 31/3/2025", " trong tháng 9/2025", " trong quý III/2025",
 * " trong năm 2025", " từ ngày 01/10/2025 đến ngày 31/10/2025", " trong tháng 9‑10/2025",
 * ", thực hiện hằng năm", ", thời hạn: <text>"); `in_table`: as a table's cell ("Trước ngày
 * 31/3/2025", "Quý III/2025", "Tháng 9‑10/2025", "Thường xuyên"). A range of numbers takes a
 * non-breaking hyphen (U+2011). "" when there is none. */
char *vb_format_deadline(const vb_deadline *deadline, int in_table);

/* The body's line where a nhiem_vu block shown as a Phụ lục stands: "Các nhiệm vụ cụ thể tại
 * Phụ lục I kèm theo." (caller frees). */
char *vb_format_tasks_reference(const vb_layout *layout, const vb_document *doc, int appendix_index);

/* A recipient line with its dash and separator: "- Như trên;" / "- Lưu: VT, TH." */
char *vb_format_recipient(const vb_layout *layout, const vb_lines *recipients, size_t index);

/* An addressee line of a Kính gửi list: "- Bộ Nội vụ;" */
char *vb_format_addressee(const vb_layout *layout, const vb_lines *addressees, size_t index);

/* The line under an appendix's title (PL I §III.1.c): "(Kèm theo Báo cáo số 12/BC-UBND ngày
 * 05 tháng 01 năm 2024 của Sở Tài chính)", with the draft's blanks; "của …" only when the
 * issuer was typed in ordinary case (caller frees). */
/* The issuer as running text writes it: co_quan_in_thuong; else co_quan as typed when it is
 * not all capitals; else derived from the capitals (vb_issuer_running_case); else NULL. */
char *vb_format_issuer_running(const vb_document *doc);
/* "(Ban hành kèm theo Quyết định số …)": the line under an attached document's trích yếu. */
char *vb_format_issued_with_line(const vb_layout *layout, const vb_document *doc);
char *vb_format_attached_line(const vb_layout *layout, const vb_document *doc);

/* The tên loại lines: the ten_loai override, or the type's name, upper-cased. */
size_t vb_type_name_lines(const vb_document *doc, char **lines, size_t max);

#endif
