/* Stage model: what crosses every boundary of the pipeline (read → check → compose → write).
 * Takes nothing; gives vb_document (this file), diagnostics with positions (diag.h) and the
 * catalogue of document types (doctypes.h), inline Markdown as runs (markup.h). Every other
 * stage includes it; it includes none. */
/* The document model: what every reader fills and every writer and the validator read.
 *
 * Every value carries the position it came from, so any later stage can point the user at
 * the YAML. All strings are NFC UTF-8, owned by the document (freed by vb_document_free). */
#ifndef VB_MODEL_H
#define VB_MODEL_H

#include <stddef.h>

/* 1-based line and column; line 0 means "no position" (a value vanban supplied). */
typedef struct {
    const char *file; /* owned by the document (vb_document.source_name) */
    unsigned line;
    unsigned column;
} vb_pos;

typedef struct {
    char *text; /* NULL when absent */
    vb_pos pos;
} vb_text;

/* A list of lines (multi-line names, several addressees, ...). */
typedef struct {
    vb_text *items;
    size_t count;
    vb_pos pos;
} vb_lines;

/* A calendar date; 0 in a field means it is left blank for the văn thư (drafts). */
typedef struct {
    int year, month, day;
    vb_pos pos;
    int present;
} vb_date;

typedef enum {
    VB_FORMAT_STATE, /* Nghị định 30/2020/NĐ-CP */
    VB_FORMAT_PARTY, /* Hướng dẫn 36-HD/VPTW */
} vb_format;

/* Inline text with emphasis: a paragraph is a sequence of runs. */
/* VB_RUN_NOTE: the run is the text of a footnote, referred to where it stands. */
enum { VB_RUN_BOLD = 1u, VB_RUN_ITALIC = 2u, VB_RUN_NOTE = 4u };
typedef struct {
    char *text;
    unsigned style;
} vb_run;

typedef struct {
    vb_run *runs;
    size_t count;
} vb_inline;

/* Body nodes. Sections carry a level from the decree's own vocabulary. */
typedef enum {
    VB_NODE_SECTION,   /* phần, chương, mục, khoản, điểm, điều */
    VB_NODE_PARAGRAPH, /* body text, or a bullet when bullet_level > 0 */
    VB_NODE_TASKS,     /* a nhiem_vu block: children are VB_NODE_AGENCY */
    VB_NODE_AGENCY,    /* one agency of a nhiem_vu block: children are VB_NODE_TASK */
    VB_NODE_TASK,
    VB_NODE_TABLE,     /* a bordered table (bang): its data in `table` */
} vb_node_kind;

typedef enum {
    VB_LEVEL_PHAN,
    VB_LEVEL_CHUONG,
    VB_LEVEL_MUC,
    VB_LEVEL_KHOAN,
    VB_LEVEL_DIEM,
    VB_LEVEL_DIEU,
    VB_LEVEL_COUNT
} vb_section_level;

/* What a section is for, so checks can find a report's assessment or a plan's tasks:
 * given by `vai_tro`, or inferred from the title when absent. */
enum {
    VB_ROLE_ASSESSMENT = 1u << 0,     /* danh_gia: kết quả, tồn tại, hạn chế, nguyên nhân */
    VB_ROLE_RECOMMENDATION = 1u << 1, /* kien_nghi: kiến nghị, đề xuất */
    VB_ROLE_TASKS = 1u << 2,          /* nhiem_vu: nhiệm vụ, giải pháp */
    VB_ROLE_PURPOSE = 1u << 3,        /* muc_dich: mục đích, yêu cầu */
    VB_ROLE_ORGANISATION = 1u << 4,   /* to_chuc_thuc_hien */
    VB_ROLE_CONCLUSION = 1u << 5,     /* ket_luan */
};

typedef struct {
    vb_text agency;         /* don_vi */
} vb_agency_data;

/* A task's deadline (han), as data so it can be checked and worded the same everywhere. */
typedef enum {
    VB_DEADLINE_NONE,
    VB_DEADLINE_DAY,       /* by a day: `end` */
    VB_DEADLINE_MONTH,     /* within a month: `end` (day 0) */
    VB_DEADLINE_QUARTER,   /* within quý `quarter` of `end.year` */
    VB_DEADLINE_YEAR,      /* within the year `end.year` */
    VB_DEADLINE_RANGE,     /* from `start` to `end`: two days, or two months (day 0) */
    VB_DEADLINE_RECURRING, /* hằng năm, hằng quý, hằng tháng, hằng tuần, thường xuyên */
    VB_DEADLINE_TEXT,      /* words vanban cannot read as a time: `text` only */
} vb_deadline_kind;

typedef enum {
    VB_RECUR_REGULAR, /* thường xuyên */
    VB_RECUR_YEARLY,  /* hằng năm */
    VB_RECUR_QUARTERLY,
    VB_RECUR_MONTHLY,
    VB_RECUR_WEEKLY,
    VB_RECUR_DAILY,   /* hằng ngày */
} vb_recurrence;

typedef struct {
    vb_deadline_kind kind;
    vb_date start, end;
    int quarter;           /* 1–4 */
    vb_recurrence every;
    vb_text text;          /* VB_DEADLINE_TEXT: as written */
    vb_pos pos;
} vb_deadline;

typedef struct {
    vb_text action;         /* noi_dung: what */
    vb_text coordinator;    /* phoi_hop (optional) */
    vb_text product;        /* san_pham (optional) */
    vb_deadline deadline;   /* han */
} vb_task_data;

/* How a nhiem_vu block is shown (trinh_bay); the tasks are the same data in every case. */
typedef enum {
    VB_TASKS_PROSE,    /* doan_van: grouped by agency, numbered like sections (default) */
    VB_TASKS_TABLE,    /* bang: a table STT | Nhiệm vụ | Chủ trì | … where the block stands */
    VB_TASKS_APPENDIX, /* phu_luc: that table in a Phụ lục of its own, landscape by default */
} vb_tasks_layout;

typedef struct {
    vb_tasks_layout layout;
    int landscape;          /* huong: ngang (a table in the body; an appendix unless huong: doc) */
    vb_text appendix_title; /* tieu_de_phu_luc */
    int appendix_index;     /* VB_TASKS_APPENDIX: its index in vb_document.appendices */
} vb_tasks_data;

/* ---- Tables (bang) ---- */

typedef enum {
    VB_CELL_ALIGN_AUTO, /* STT centred, numbers right, text left */
    VB_CELL_ALIGN_LEFT,
    VB_CELL_ALIGN_CENTER,
    VB_CELL_ALIGN_RIGHT,
    VB_CELL_ALIGN_JUSTIFY,
} vb_cell_align;

typedef enum { VB_WIDTH_AUTO, VB_WIDTH_TWIPS, VB_WIDTH_PERCENT } vb_width_kind;

typedef struct {
    vb_text name;           /* ten: the header text (may be absent) */
    vb_width_kind width_kind;
    int width;              /* rong: twips, or hundredths of a percent of the text width */
    int widen_to_word;      /* the width is vanban's choice, not rong: never below the
                               column's longest word (a deadline is not cut: "30/6/202|5") */
    vb_cell_align align;    /* can */
    int is_stt;             /* stt: true: numbered automatically */
    vb_pos pos;
    vb_text number_format;  /* dinh_dang: "#.##0", "0", "#.##0,00", "0,0%" (NULL: as typed) */
    int format_decimals;    /* … its places after the decimal comma */
    int format_grouping;    /* … 1: "." between thousands */
    int format_percent;     /* … 1: a percentage */
} vb_table_column;

typedef struct {
    char *text;             /* never NULL */
    unsigned colspan, rowspan; /* gop_cot, gop_dong: ≥ 1 */
    vb_pos pos;
    int typed_number;       /* a plain YAML number (1500, 1500.25): written the Vietnamese way */
} vb_table_cell;

typedef struct {
    int is_group;           /* nhom: a group row; its text in cells[0] */
    int is_total;           /* tong_cong / cong: a total or subtotal row (bold, no STT) */
    vb_table_cell *cells;
    size_t count;
    vb_pos pos;
} vb_table_row;

typedef struct {
    vb_table_column *columns; /* cot */
    size_t column_count;
    vb_pos columns_pos;
    vb_table_row *head;     /* dau_bang: header rows given inline */
    size_t head_count;
    vb_table_row *rows;     /* dong: the rows given inline */
    size_t row_count;
    struct vb_row_store *more_rows; /* … and the rows after those, kept in a temporary file
                                       (row_store.h: a long table read from a Word file) */
    vb_text file;           /* tep, as typed */
    char *file_path;        /* tep, resolved against the YAML file's directory */
    vb_text sheet;          /* trang_tinh */
    vb_text range;          /* vung */
    int header_rows;        /* dong_tieu_de; -1: not given */
    vb_pos header_rows_pos;
    int landscape;          /* huong: ngang */
    vb_pos pos;
} vb_table;

void vb_table_free(vb_table *table);

#define VB_MAX_DEPTH 24

typedef struct vb_node vb_node;
struct vb_node {
    vb_node_kind kind;
    vb_pos pos;
    vb_node *parent, *first_child, *last_child, *next;

    /* VB_NODE_SECTION and VB_NODE_AGENCY (an agency is numbered like a section) */
    vb_section_level level;
    vb_inline title;      /* empty: the number runs into the first paragraph */
    unsigned roles;       /* VB_ROLE_* given by vai_tro; 0: inferred from the title */
    int ordinal;          /* 1-based position among same-level siblings */
    int depth;            /* khoản inside khoản: 1 for "1.", 2 for "1.1.", ... (at most VB_MAX_DEPTH) */
    int ordinals[VB_MAX_DEPTH]; /* ordinals from the outermost same-level ancestor down */

    /* VB_NODE_PARAGRAPH */
    vb_inline content;
    int bullet_level;     /* 0 plain paragraph, 1 "-", 2 "+", ... */

    vb_agency_data agency;
    vb_task_data task;
    vb_tasks_data tasks;  /* VB_NODE_TASKS */

    vb_table *table;      /* VB_NODE_TABLE */
};

typedef struct {
    vb_lines authority;  /* quyen_han: "TM. ỦY BAN NHÂN DÂN", "KT. CHÁNH VĂN PHÒNG", ... */
    vb_text title;       /* chuc_vu */
    vb_text name;        /* ho_ten */
    vb_pos pos;
} vb_signer;

/* An appendix (phu_luc): after the signature, on pages of its own. */
typedef struct {
    vb_text title;          /* tieu_de */
    vb_text attached_line;  /* kem_theo: replaces the "(Kèm theo …)" line */
    int landscape;          /* huong: ngang */
    vb_node *body;          /* noi_dung: a root node like the document's body */
    const vb_node *tasks;   /* a nhiem_vu block of the body shown here as a table (not owned);
                               then `body` is empty */
    vb_pos pos;
} vb_appendix;

/* ô 13 (NĐ30 PL I §III.4): the issuing body's address and contacts, at the foot of page 1
 * (lien_he). */
typedef struct {
    vb_text address;  /* dia_chi */
    vb_text phone;    /* dien_thoai */
    vb_text fax;      /* fax */
    vb_text email;    /* thu_dien_tu */
    vb_text website;  /* trang_thong_tin_dien_tu */
    vb_pos pos;
} vb_contact;

/* A document issued with this one (van_ban_kem_theo): the Quy chế, Quy định, Kế hoạch …
 * that a Quyết định, Nghị quyết or Chỉ thị "ban hành kèm theo", on pages of its own after
 * the signature, with its own title block and numbering (NĐ30 PL III, Mẫu 1.3). */
typedef struct {
    vb_text type_code;      /* loai: QC, QyĐ, KH, ĐA, CTr … */
    vb_lines type_name;     /* ten_loai: overrides the type's name */
    vb_text subject;        /* trich_yeu */
    vb_text attached_line;  /* kem_theo: replaces the "(Ban hành kèm theo …)" line */
    vb_node *body;          /* noi_dung */
    vb_signer signer;       /* ky; no name: the document's own signer for a QC/QyĐ */
    int has_signer;         /* ky was given */
    vb_pos pos;
} vb_attachment;

/* Frees the fields of vb_document that model_parts.c owns (ô 11–13, joint issuers,
 * attachments). Called by vb_document_free. */
typedef struct vb_document vb_document;
void vb_document_parts_free(vb_document *doc);

/* What a reader had to guess, at the position of what it read: `vanban import` writes each
 * as a YAML comment beside the value it explains ("# đọc từ đoạn 12: số thứ tự gõ tay"). */
typedef struct {
    vb_pos pos;
    char *text;
} vb_note;

struct vb_document {
    char *source_name;   /* file name used in positions ("-" → "<stdin>") */
    vb_pos root_pos;     /* the document's first key: where a missing part is reported */
    vb_format format;
    vb_pos format_pos;
    vb_text type_code;   /* loai, as written (BC, QĐ, TTr, ...) */
    vb_lines type_name;  /* ten_loai override; empty → from the type table */
    int is_draft;        /* trang_thai: du_thao */
    int tone_style;      /* dau_thanh: a vb_tone_style (gen/viet/tone.h); traditional by default */
    vb_pos draft_pos;
    vb_lines parent_body;  /* co_quan_chu_quan */
    vb_lines issuer;       /* co_quan */
    int number;            /* so; 0 = blank */
    vb_pos number_pos;
    vb_text code;          /* ky_hieu */
    vb_text place;         /* dia_danh */
    vb_date date;          /* ngay */
    vb_text subject;       /* trich_yeu */
    int secrecy;           /* do_mat: 0 none, 1 MẬT, 2 TỐI MẬT, 3 TUYỆT MẬT (ô 10a) */
    int urgency;           /* do_khan: 0 none, 1 KHẨN, 2 THƯỢNG KHẨN, 3 HỎA TỐC (ô 10b) */
    vb_lines addressees;   /* kinh_gui */
    vb_text authority_line; /* tham_quyen */
    vb_lines legal_bases;  /* can_cu */
    vb_text preamble_close; /* mo_dau ("QUYẾT ĐỊNH:") */
    vb_node *body;         /* noi_dung: a root node (kind VB_NODE_SECTION, no title) holding the blocks */
    vb_pos body_pos;
    vb_lines recipients;   /* noi_nhan */
    vb_signer *signers;    /* ky */
    size_t signer_count;
    vb_pos signers_pos;
    vb_appendix *appendices; /* phu_luc */
    size_t appendix_count;
    vb_pos appendices_pos;
    vb_note *notes;        /* a reader's guesses, in reading order (none from YAML) */
    size_t note_count;

    /* ô 11, 12, 13, the draft mark, joint issuers and the issuer in running text */
    vb_text circulation;   /* pham_vi_luu_hanh (ô 11): "LƯU HÀNH NỘI BỘ", "XEM XONG TRẢ LẠI" */
    vb_text drafter;       /* ky_hieu_nguoi_soan_thao (ô 12): "PL" */
    int copies;            /* so_luong_ban (ô 12): copies issued; 0 not given */
    vb_contact contact;    /* lien_he (ô 13) */
    int has_contact;
    int draft_round;       /* lan_du_thao: "DỰ THẢO LẦN 2"; 0 not given */
    vb_lines *joint_issuers; /* co_quan_lien_tich: every issuing body of a joint document,
                                side by side in the header (issuer is a copy of the first) */
    size_t joint_issuer_count;
    vb_lines *joint_parent_bodies; /* co_quan_lien_tich[i].co_quan_chu_quan: each body's own
                                      superior body, upright caps above it (count 0: none);
                                      joint_issuer_count of them, or NULL
                                      (parent_body is a copy of the first) */
    vb_text issuer_running; /* co_quan_in_thuong: the issuer in running text ("Sở Nội vụ") */
    vb_attachment *attachments; /* van_ban_kem_theo */
    size_t attachment_count;
    vb_pos attachments_pos;
};

vb_document *vb_document_new(const char *source_name);
void vb_document_free(vb_document *doc);
/* Records a reader's guess at `pos` (the text is copied). */
void vb_document_add_note(vb_document *doc, vb_pos pos, const char *text);

vb_node *vb_node_new(vb_node_kind kind, vb_pos pos);
void vb_node_append(vb_node *parent, vb_node *child);
void vb_node_free_tree(vb_node *node);

/* Copy of `s` (owned by the caller); out of memory ends the program like every allocation
 * here: vb_out_of_memory(). */
char *vb_strdup(const char *s);
void *vb_xmalloc(size_t size);
/* Says "out of memory" on standard error and exits with VB_EXIT_OUT_OF_MEMORY (3). */
void vb_out_of_memory(void);
#define VB_EXIT_OUT_OF_MEMORY 3
void *vb_xcalloc(size_t n, size_t size);
void *vb_xrealloc(void *p, size_t size);

void vb_inline_append(vb_inline *in, const char *text, size_t len, unsigned style);
void vb_inline_free(vb_inline *in);
/* The plain text of the runs, concatenated (caller frees). */
char *vb_inline_plain(const vb_inline *in);

void vb_lines_append(vb_lines *lines, char *owned_text, vb_pos pos);
void vb_lines_free(vb_lines *lines);

/* Computes ordinals and depths of sections and agencies (after loading). */
void vb_document_number_sections(vb_document *doc);

/* Depth-first walk: returns the next node after `node` in document order, or NULL. */
const vb_node *vb_node_next_preorder(const vb_node *node, const vb_node *root);

#endif
