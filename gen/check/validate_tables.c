/* Checks of appendices and tables: each appendix is referred to in the body (NĐ30 PL I
 * §III.1.a), and each table's rows can be read and fit its columns (the file is read
 * through, as the writers will read it). */
#include "validate.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "layout/format.h"
#include "layout/layout.h"
#include "tables/table_rows.h"
#include "viet/text.h"

#define VI_EN(vi, en) vi, en

/* Does `text` (lower-cased) name the appendix: "phụ lục ii" followed by no letter? With a
 * single appendix, any "phụ lục" will do. */
static int names_appendix(const char *text, const char *number)
{
    const char *word = "phụ lục";
    size_t wl = strlen(word);
    for (const char *p = strstr(text, word); p; p = strstr(p + 1, word)) {
        const char *q = p + wl;
        if (!number)
            return 1;
        while (*q == ' ')
            q++;
        size_t nl = strlen(number);
        if (strncmp(q, number, nl) == 0 && !isalpha((unsigned char)q[nl]))
            return 1;
    }
    return 0;
}

/* Whether `text` may hold "lục" in any case: "l" or "L", then "ục", "ụC", "Ục" or "ỤC" (ụ is
 * U+1EE5, Ụ U+1EE4; the text is NFC). Lower-casing with ICU costs far more than this look,
 * and "ục" alone is in every other paragraph (tục, mục, phục, giáo dục). An L is rarer than
 * the lead bytes of Vietnamese letters, so the look goes from L to L. */
static int may_name_appendix(const char *text)
{
    for (const char *p = strpbrk(text, "lL"); p; p = strpbrk(p + 1, "lL"))
        if (p[1] == '\xe1' && p[2] == '\xbb' && (p[3] == '\xa5' || p[3] == '\xa4') &&
            (p[4] == 'c' || p[4] == 'C'))
            return 1;
    return 0;
}

/* The body's paragraphs and titles that may name an appendix, lower-cased, one a line
 * (caller frees). */
static char *body_text_lower(const vb_node *root)
{
    vb_buf b = {0};
    vb_buf_add(&b, "");
    for (const vb_node *n = root->first_child; n; n = vb_node_next_preorder(n, root)) {
        const vb_inline *in = n->kind == VB_NODE_PARAGRAPH ? &n->content : &n->title;
        if (in->count == 0)
            continue;
        char *plain = vb_inline_plain(in);
        if (may_name_appendix(plain)) {
            vb_buf_add(&b, plain);
            vb_buf_add(&b, "\n");
        }
        free(plain);
    }
    char *lower = vb_lower_vi(b.data);
    vb_buf_free(&b);
    return lower;
}

static void check_table(const vb_table *t, vb_diagnostics *diags)
{
    vb_pos pos;
    char msg[512];
    int en = diags->lang == VB_LANG_EN;
    vb_table_rows *rows = vb_table_rows_open(t, en, &pos, msg, sizeof msg);
    if (!rows) {
        vb_diag(diags, VB_SEV_ERROR, pos, "TBL-DATA", "%s", "%s", msg);
        return;
    }
    vb_grid_row row;
    int rc;
    size_t data_rows = 0;
    while ((rc = vb_table_rows_next(rows, &row, &pos, msg, sizeof msg)) > 0)
        data_rows += row.kind != VB_ROW_HEADER;
    if (rc < 0)
        vb_diag(diags, VB_SEV_ERROR, pos, "TBL-DATA", "%s", "%s", msg);
    else if (data_rows == 0)
        vb_diag(diags, VB_SEV_WARNING, t->pos, "TBL-EMPTY",
                VI_EN("bảng không có dòng dữ liệu nào", "the table has no data rows"));
    vb_table_rows_close(rows);
}

static void check_tables_under(const vb_node *root, vb_diagnostics *diags)
{
    for (const vb_node *n = root->first_child; n; n = vb_node_next_preorder(n, root))
        if (n->kind == VB_NODE_TABLE)
            check_table(n->table, diags);
}

void vb_validate_table_rows(const vb_document *doc, vb_diagnostics *diags)
{
    check_tables_under(doc->body, diags);
    for (size_t i = 0; i < doc->appendix_count; i++)
        check_tables_under(doc->appendices[i].body, diags);
}

void vb_validate_tables(const vb_document *doc, int read_rows, vb_diagnostics *diags)
{
    if (read_rows)
        vb_validate_table_rows(doc, diags);
    char *body = doc->appendix_count ? body_text_lower(doc->body) : NULL;
    for (size_t i = 0; i < doc->appendix_count; i++) {
        const vb_appendix *a = &doc->appendices[i];
        if (a->tasks)
            continue; /* its nhiem_vu block stands in the body as the line that names it */
        char number[16];
        vb_roman((int)i + 1, number, sizeof number);
        char *lower_number = vb_lower_vi(number);
        if (!names_appendix(body, doc->appendix_count >= 2 ? lower_number : NULL))
            vb_diag(diags, VB_SEV_WARNING, a->pos, "PL-REF",
                    VI_EN("nội dung văn bản không chỉ dẫn đến Phụ lục%s%s (ví dụ \"… tại Phụ lục%s%s kèm theo\")",
                          "the body does not refer to Phụ lục%s%s (e.g. \"… tại Phụ lục%s%s kèm theo\")"),
                    doc->appendix_count >= 2 ? " " : "", doc->appendix_count >= 2 ? number : "",
                    doc->appendix_count >= 2 ? " " : "", doc->appendix_count >= 2 ? number : "");
        free(lower_number);
    }
    free(body);
}
