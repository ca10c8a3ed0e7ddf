/* Reading tables (`bang`) into the model. A table's rows may
 * stay in their file (tep): only the file's name is read here, and the rows are streamed
 * when the table is checked or written (gen/tables/table_rows.c). */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "layout/format.h"
#include "tables/sheet.h"
#include "yaml_internal.h"

/* More columns than this cannot be printed on a page, even landscape. */
#define MAX_TABLE_COLUMNS 64
/* Header rows beyond this are a mistake (the whole table would repeat on every page). */
#define MAX_HEADER_ROWS 10
/* A span beyond this is a typo. */
#define MAX_SPAN 1000

static const char *const table_keys[] = {"cot", "dau_bang", "dong", "tep", "trang_tinh", "vung",
                                         "dong_tieu_de", "huong", NULL};
static const char *const column_keys[] = {"ten", "rong", "can", "stt", "dinh_dang", NULL};
static const char *const cell_keys[] = {"noi_dung", "gop_cot", "gop_dong", NULL};

static void value_error(reader *r, yaml_node_t *node, const char *fmt_vi, const char *fmt_en,
                        const char *key, const char *value)
{
    vb_diag(r->diags, VB_SEV_ERROR, yr_pos_of(r, node), "YAML-VALUE", fmt_vi, fmt_en, key,
            value ? value : "");
}

/* A whole number in [min, max] (gop_cot, gop_dong, dong_tieu_de). */
static int read_count(reader *r, yaml_node_t *node, const char *key, int min, int max, int *out)
{
    if (node->type != YAML_SCALAR_NODE) {
        yr_type_error(r, node, key, "một số", "a number");
        return 0;
    }
    char *t = scalar_text(node);
    char *end = NULL;
    long v = t ? strtol(t, &end, 10) : -1;
    int ok = t && end && *end == '\0' && isdigit((unsigned char)t[0]) && v >= min && v <= max;
    if (!ok)
        vb_diag(r->diags, VB_SEV_ERROR, yr_pos_of(r, node), "YAML-VALUE",
                VI_EN("`%s` phải là một số từ %d đến %d, không phải \"%s\"",
                      "`%s` must be a number from %d to %d, not \"%s\""),
                key, min, max, t ? t : "");
    else
        *out = (int)v;
    free(t);
    return ok;
}

static int read_bool(reader *r, yaml_node_t *node, const char *key, int *out)
{
    static const char *const values[] = {"false", "true", "no", "yes", "khong", "co", NULL};
    int v = 0;
    if (!yr_read_enum(r, node, key, values, &v))
        return 0;
    *out = v % 2;
    return 1;
}

/* `dinh_dang`, the way Vietnamese write a number format: "0" (2024), "#.##0" (1.500),
 * "#.##0,00" (1.500,25), "0,0%" (34,6%): grouping, places after the comma, percent. */
static int parse_number_format(const char *t, vb_table_column *col)
{
    const char *p = t;
    col->format_grouping = strncmp(p, "#.##0", 5) == 0;
    p += col->format_grouping ? 5 : (*p == '0' ? 1 : 0);
    if (p == t)
        return 0;
    col->format_decimals = 0;
    if (*p == ',') {
        p++;
        while (*p == '0' && col->format_decimals < 6) {
            col->format_decimals++;
            p++;
        }
        if (col->format_decimals == 0)
            return 0;
    }
    col->format_percent = *p == '%';
    p += col->format_percent;
    return *p == '\0';
}

static int read_number_format(reader *r, yaml_node_t *node, vb_table_column *col)
{
    if (!yr_read_text(r, node, "dinh_dang", &col->number_format))
        return 0;
    if (col->number_format.text && parse_number_format(col->number_format.text, col))
        return 1;
    value_error(r, node,
                VI_EN("`%s`: \"%s\" không phải định dạng số; viết như \"0\", \"#.##0\", \"#.##0,00\" hoặc \"0,0%%\"",
                      "`%s`: \"%s\" is not a number format; write it like \"0\", \"#.##0\", \"#.##0,00\" or \"0,0%%\""),
                "dinh_dang", col->number_format.text);
    return 0;
}

/* "3cm", "25mm", "72pt", "20%": twips, or hundredths of a percent. */
static int read_width(reader *r, yaml_node_t *node, vb_table_column *col)
{
    if (node->type != YAML_SCALAR_NODE) {
        yr_type_error(r, node, "rong", "một độ rộng như 3cm, 25mm, 72pt, 20%", "a width such as 3cm, 25mm, 72pt, 20%");
        return 0;
    }
    char *t = scalar_text(node);
    char *end = NULL;
    double v = 0;
    if (t) {
        for (char *c = t; *c; c++)
            if (*c == ',')
                *c = '.'; /* "2,5cm" as Vietnamese write it */
        v = strtod(t, &end);
    }
    while (end && *end == ' ')
        end++;
    int ok = t && end && end != t && v > 0;
    if (ok && strcmp(end, "cm") == 0 && v <= 100) {
        col->width_kind = VB_WIDTH_TWIPS;
        col->width = (int)(v * 1440.0 / 2.54 + 0.5);
    } else if (ok && strcmp(end, "mm") == 0 && v <= 1000) {
        col->width_kind = VB_WIDTH_TWIPS;
        col->width = (int)(v * 1440.0 / 25.4 + 0.5);
    } else if (ok && strcmp(end, "pt") == 0 && v <= 3000) {
        col->width_kind = VB_WIDTH_TWIPS;
        col->width = (int)(v * 20.0 + 0.5);
    } else if (ok && strcmp(end, "%") == 0 && v <= 100) {
        col->width_kind = VB_WIDTH_PERCENT;
        col->width = (int)(v * 100.0 + 0.5);
    } else {
        ok = 0;
    }
    if (!ok)
        value_error(r, node,
                    VI_EN("`%s`: \"%s\" không phải độ rộng; viết như 3cm, 25mm, 72pt hoặc 20%%",
                          "`%s`: \"%s\" is not a width; write it like 3cm, 25mm, 72pt or 20%%"),
                    "rong", t);
    free(t);
    return ok;
}

static int column_pair(reader *r, const char *key, yaml_node_t *k, yaml_node_t *v, void *ctx)
{
    vb_table_column *col = ctx;
    if (strcmp(key, "ten") == 0)
        return yr_read_text(r, v, "ten", &col->name);
    if (strcmp(key, "rong") == 0)
        return read_width(r, v, col);
    if (strcmp(key, "stt") == 0)
        return read_bool(r, v, "stt", &col->is_stt);
    if (strcmp(key, "dinh_dang") == 0)
        return read_number_format(r, v, col);
    if (strcmp(key, "can") == 0) {
        static const char *const aligns[] = {"trai", "giua", "phai", "deu", NULL};
        static const vb_cell_align map[] = {VB_CELL_ALIGN_LEFT, VB_CELL_ALIGN_CENTER,
                                            VB_CELL_ALIGN_RIGHT, VB_CELL_ALIGN_JUSTIFY};
        int a = 0;
        if (!yr_read_enum(r, v, "can", aligns, &a))
            return 0;
        col->align = map[a];
        return 1;
    }
    yr_unknown_key(r, k, key, column_keys, yr_english(r) ? "a column (cot)" : "một cột (cot)");
    return 0;
}

static int read_columns(reader *r, yaml_node_t *node, vb_table *t)
{
    t->columns_pos = yr_pos_of(r, node);
    if (node->type != YAML_SEQUENCE_NODE) {
        yr_type_error(r, node, "cot", "một danh sách cột", "a list of columns");
        return 0;
    }
    size_t n = (size_t)(node->data.sequence.items.top - node->data.sequence.items.start);
    if (n == 0 || n > MAX_TABLE_COLUMNS) {
        vb_diag(r->diags, VB_SEV_ERROR, t->columns_pos, "YAML-TABLE",
                VI_EN("bảng cần từ 1 đến %d cột, ở đây có %zu", "a table needs 1 to %d columns, this one has %zu"),
                MAX_TABLE_COLUMNS, n);
        return 0;
    }
    t->columns = vb_xcalloc(n, sizeof *t->columns);
    t->column_count = n;
    int ok = 1, stt_seen = 0;
    for (size_t i = 0; i < n; i++) {
        yaml_node_t *item = yaml_document_get_node(r->ydoc, node->data.sequence.items.start[i]);
        if (!yr_visit(r, item))
            return 0;
        vb_table_column *col = &t->columns[i];
        col->pos = yr_pos_of(r, item);
        if (item->type == YAML_SCALAR_NODE)
            ok &= yr_read_text(r, item, "cot", &col->name);
        else if (item->type == YAML_MAPPING_NODE)
            ok &= yr_for_each_pair(r, item, column_pair, col);
        else {
            yr_type_error(r, item, "cot", "tên cột hoặc ánh xạ ten/rong/can/stt", "a column name or a mapping of ten/rong/can/stt");
            ok = 0;
        }
        if (col->is_stt && stt_seen++) {
            vb_diag(r->diags, VB_SEV_ERROR, col->pos, "YAML-TABLE",
                    VI_EN("bảng chỉ có một cột STT", "a table has one STT column"));
            ok = 0;
        }
    }
    return ok;
}

typedef struct {
    vb_table_cell *cell;
} cell_ctx;

static int cell_pair(reader *r, const char *key, yaml_node_t *k, yaml_node_t *v, void *ctx)
{
    vb_table_cell *cell = ((cell_ctx *)ctx)->cell;
    int n = 1;
    if (strcmp(key, "noi_dung") == 0) {
        if (v->type != YAML_SCALAR_NODE) {
            yr_type_error(r, v, "noi_dung", "một chuỗi", "a text");
            return 0;
        }
        char *t = scalar_text(v);
        free(cell->text);
        cell->text = t ? t : vb_strdup("");
        return 1;
    }
    if (strcmp(key, "gop_cot") == 0) {
        if (!read_count(r, v, "gop_cot", 1, MAX_SPAN, &n))
            return 0;
        cell->colspan = (unsigned)n;
        return 1;
    }
    if (strcmp(key, "gop_dong") == 0) {
        if (!read_count(r, v, "gop_dong", 1, MAX_SPAN, &n))
            return 0;
        cell->rowspan = (unsigned)n;
        return 1;
    }
    yr_unknown_key(r, k, key, cell_keys, yr_english(r) ? "a cell" : "một ô");
    return 0;
}

/* A plain (unquoted) scalar that YAML reads as a number: 1500, -2.5, 1500.25. */
static int is_plain_number(yaml_node_t *node)
{
    if (node->data.scalar.style != YAML_PLAIN_SCALAR_STYLE)
        return 0;
    const char *p = (const char *)node->data.scalar.value;
    if (*p == '-' || *p == '+')
        p++;
    if (!isdigit((unsigned char)*p))
        return 0;
    while (isdigit((unsigned char)*p))
        p++;
    if (*p == '.') {
        p++;
        if (!isdigit((unsigned char)*p))
            return 0;
        while (isdigit((unsigned char)*p))
            p++;
    }
    return *p == '\0';
}

static int read_cell(reader *r, yaml_node_t *node, vb_table_cell *cell)
{
    cell->colspan = cell->rowspan = 1;
    cell->pos = yr_pos_of(r, node);
    if (node->type == YAML_SCALAR_NODE) {
        char *t = scalar_text(node);
        cell->text = t ? t : vb_strdup("");
        cell->typed_number = is_plain_number(node);
        return 1;
    }
    cell->text = vb_strdup("");
    if (node->type == YAML_MAPPING_NODE) {
        cell_ctx c = {cell};
        return yr_for_each_pair(r, node, cell_pair, &c);
    }
    yr_type_error(r, node, "ô", "một chuỗi hoặc ánh xạ noi_dung/gop_cot/gop_dong",
                  "a text or a mapping of noi_dung/gop_cot/gop_dong");
    return 0;
}

/* One row: a list of cells, or (when groups are allowed) {nhom: text}, or a total row
 * {tong_cong: [cells]} / a subtotal {cong: [cells]}. */
static int read_row(reader *r, yaml_node_t *node, vb_table_row *row, int allow_group)
{
    row->pos = yr_pos_of(r, node);
    if (allow_group && node->type == YAML_MAPPING_NODE &&
        node->data.mapping.pairs.top - node->data.mapping.pairs.start == 1) {
        yaml_node_t *k = yaml_document_get_node(r->ydoc, node->data.mapping.pairs.start->key);
        yaml_node_t *v = yaml_document_get_node(r->ydoc, node->data.mapping.pairs.start->value);
        const char *key = k->type == YAML_SCALAR_NODE ? (const char *)k->data.scalar.value : "";
        if (strcmp(key, "tong_cong") == 0 || strcmp(key, "cong") == 0) {
            if (!yr_visit(r, v))
                return 0;
            int ok = read_row(r, v, row, 0);
            row->is_total = 1;
            row->pos = yr_pos_of(r, node);
            return ok;
        }
        if (strcmp(key, "nhom") == 0) {
            row->is_group = 1;
            row->cells = vb_xcalloc(1, sizeof *row->cells);
            row->count = 1;
            if (v->type != YAML_SCALAR_NODE) {
                row->cells[0].text = vb_strdup("");
                yr_type_error(r, v, "nhom", "tên nhóm (một chuỗi)", "the group's title (a text)");
                return 0;
            }
            return read_cell(r, v, &row->cells[0]);
        }
    }
    if (node->type != YAML_SEQUENCE_NODE) {
        yr_type_error(r, node, "dong",
                      allow_group ? "một danh sách ô, hoặc {nhom: …}, {tong_cong: […]}, {cong: […]}"
                                  : "một danh sách ô",
                      allow_group ? "a list of cells, or {nhom: …}, {tong_cong: […]}, {cong: […]}"
                                  : "a list of cells");
        return 0;
    }
    size_t n = (size_t)(node->data.sequence.items.top - node->data.sequence.items.start);
    row->cells = vb_xcalloc(n ? n : 1, sizeof *row->cells);
    int ok = 1;
    for (size_t i = 0; i < n; i++) {
        yaml_node_t *item = yaml_document_get_node(r->ydoc, node->data.sequence.items.start[i]);
        if (!yr_visit(r, item))
            return 0;
        ok &= read_cell(r, item, &row->cells[i]);
        row->count = i + 1;
    }
    return ok;
}

static int read_rows(reader *r, yaml_node_t *node, const char *key, vb_table_row **rows,
                     size_t *count, int allow_group)
{
    if (node->type != YAML_SEQUENCE_NODE) {
        yr_type_error(r, node, key, "một danh sách dòng", "a list of rows");
        return 0;
    }
    size_t n = (size_t)(node->data.sequence.items.top - node->data.sequence.items.start);
    *rows = vb_xcalloc(n ? n : 1, sizeof **rows);
    int ok = 1;
    for (size_t i = 0; i < n; i++) {
        yaml_node_t *item = yaml_document_get_node(r->ydoc, node->data.sequence.items.start[i]);
        if (!yr_visit(r, item))
            return 0;
        ok &= read_row(r, item, &(*rows)[i], allow_group);
        *count = i + 1;
    }
    return ok;
}

/* `tep` relative to the YAML file's directory (standard input: the current directory). */
static char *resolve_path(reader *r, const char *path)
{
    const char *src = r->doc->source_name;
    const char *slash = strrchr(src, '/');
    if (path[0] == '/' || !slash || strcmp(src, "<stdin>") == 0)
        return vb_strdup(path);
    vb_buf b = {0};
    vb_buf_addn(&b, src, (size_t)(slash - src + 1));
    vb_buf_add(&b, path);
    return b.data;
}

static int has_suffix(const char *s, const char *suffix)
{
    size_t n = strlen(s), m = strlen(suffix);
    if (n < m)
        return 0;
    for (size_t i = 0; i < m; i++)
        if (tolower((unsigned char)s[n - m + i]) != suffix[i])
            return 0;
    return 1;
}

typedef struct {
    vb_table *table;
    yaml_node_t *rows, *head, *file, *sheet, *range, *header_rows;
} table_ctx;

static int table_pair(reader *r, const char *key, yaml_node_t *k, yaml_node_t *v, void *ctx)
{
    table_ctx *c = ctx;
    if (strcmp(key, "cot") == 0)
        return read_columns(r, v, c->table);
    if (strcmp(key, "huong") == 0)
        return yr_read_orientation(r, v, &c->table->landscape);
    yaml_node_t **slot = strcmp(key, "dong") == 0           ? &c->rows
                         : strcmp(key, "dau_bang") == 0     ? &c->head
                         : strcmp(key, "tep") == 0          ? &c->file
                         : strcmp(key, "trang_tinh") == 0   ? &c->sheet
                         : strcmp(key, "vung") == 0         ? &c->range
                         : strcmp(key, "dong_tieu_de") == 0 ? &c->header_rows
                                                            : NULL;
    if (!slot) {
        yr_unknown_key(r, k, key, table_keys, yr_english(r) ? "a table (bang)" : "một bảng (bang)");
        return 0;
    }
    *slot = v;
    return 1;
}

static void table_error(reader *r, vb_pos pos, const char *vi, const char *en_text)
{
    vb_diag(r->diags, VB_SEV_ERROR, pos, "YAML-TABLE", "%s", "%s", yr_english(r) ? en_text : vi);
}

int yr_read_table(reader *r, yaml_node_t *key_node, yaml_node_t *value, vb_node *parent)
{
    vb_node *node = vb_node_new(VB_NODE_TABLE, yr_pos_of(r, key_node));
    vb_table *t = vb_xcalloc(1, sizeof *t);
    node->table = t;
    t->pos = node->pos;
    t->header_rows = -1;
    vb_node_append(parent, node);
    if (value->type != YAML_MAPPING_NODE) {
        yr_type_error(r, value, "bang", "một ánh xạ cot/dong/tep…", "a mapping of cot/dong/tep…");
        return 0;
    }
    table_ctx c = {t, NULL, NULL, NULL, NULL, NULL, NULL};
    int ok = yr_for_each_pair(r, value, table_pair, &c);
    if (c.rows)
        ok &= read_rows(r, c.rows, "dong", &t->rows, &t->row_count, 1);
    if (c.head)
        ok &= read_rows(r, c.head, "dau_bang", &t->head, &t->head_count, 0);
    if (c.file && yr_read_text(r, c.file, "tep", &t->file) && t->file.text)
        t->file_path = resolve_path(r, t->file.text);
    if (c.sheet)
        ok &= yr_read_text(r, c.sheet, "trang_tinh", &t->sheet);
    if (c.range)
        ok &= yr_read_text(r, c.range, "vung", &t->range);
    if (c.header_rows) {
        t->header_rows_pos = yr_pos_of(r, c.header_rows);
        ok &= read_count(r, c.header_rows, "dong_tieu_de", 0, MAX_HEADER_ROWS, &t->header_rows);
    }
    if (c.file && !t->file_path) {
        table_error(r, t->pos, "`tep` trống", "`tep` is empty");
        ok = 0;
    }
    if (c.rows && c.file) {
        table_error(r, yr_pos_of(r, c.file),
                    "bảng lấy dòng từ `dong` hoặc từ `tep`, không từ cả hai",
                    "a table takes its rows from `dong` or from `tep`, not both");
        ok = 0;
    } else if (!c.rows && !c.file) {
        table_error(r, t->pos, "bảng thiếu `dong` (các dòng) hoặc `tep` (tệp CSV, TSV, XLSX, ODS)",
                    "the table has neither `dong` (its rows) nor `tep` (a CSV, TSV, XLSX or ODS file)");
        ok = 0;
    }
    int spreadsheet = t->file_path && vb_sheet_path_is_spreadsheet(t->file_path);
    if (t->file_path && !spreadsheet && !has_suffix(t->file_path, ".csv") &&
        !has_suffix(t->file_path, ".tsv") && !has_suffix(t->file_path, ".tab") &&
        !has_suffix(t->file_path, ".txt")) {
        table_error(r, t->file.pos, "`tep` phải là tệp .csv, .tsv, .xlsx hoặc .ods",
                    "`tep` must be a .csv, .tsv, .xlsx or .ods file");
        ok = 0;
    }
    if ((c.sheet || c.range) && !spreadsheet) {
        table_error(r, yr_pos_of(r, c.sheet ? c.sheet : c.range),
                    "`trang_tinh` và `vung` chỉ dùng với tệp .xlsx hoặc .ods",
                    "`trang_tinh` and `vung` only apply to .xlsx and .ods files");
        ok = 0;
    }
    if (c.header_rows && !c.file) {
        table_error(r, t->header_rows_pos, "`dong_tieu_de` chỉ dùng với `tep`; dòng tiêu đề viết trong `dau_bang`",
                    "`dong_tieu_de` only applies to `tep`; write header rows in `dau_bang`");
        ok = 0;
    }
    if (c.file && c.head) {
        table_error(r, yr_pos_of(r, c.head), "bảng lấy từ tệp có dòng tiêu đề trong tệp (`dong_tieu_de`), không trong `dau_bang`",
                    "a table from a file has its header rows in the file (`dong_tieu_de`), not in `dau_bang`");
        ok = 0;
    }
    return ok;
}
