/* The YAML writer (vb_yaml_write): what it writes reads back, through the YAML reader, as
 * the same model — compared field by field with a dump of everything a reader fills but
 * positions — and writing that again gives the same bytes. Models are built in code with
 * the scalars YAML makes hard (leading "- ", ": ", "#", quotes, "05", "null", dates, line
 * breaks), emphasis and footnotes, nested sections, tasks, tables with spans and group
 * rows, several signers, appendices; and a reader's notes must land as comments on the
 * line of the value they explain. Every document of inputs/ and docs/examples/ too. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "layout/format.h"
#include "model/diag.h"
#include "model/model.h"
#include "read/deadline.h"
#include "read/yaml_reader.h"
#include "viet/text.h"
#include "viet/tone.h"
#include "write/yaml/yaml_writer.h"

/* ---- a dump of the model: every field but positions ---- */

static void dump_text(vb_buf *b, const char *name, const char *text)
{
    if (text)
        vb_buf_printf(b, "%s=[%s]\n", name, text);
}

static void dump_lines(vb_buf *b, const char *name, const vb_lines *l)
{
    for (size_t i = 0; i < l->count; i++)
        vb_buf_printf(b, "%s[%zu]=[%s]\n", name, i, l->items[i].text);
}

static void dump_inline(vb_buf *b, const char *name, const vb_inline *in)
{
    vb_buf_printf(b, "%s:", name);
    for (size_t i = 0; i < in->count; i++)
        vb_buf_printf(b, " %u<%s>", in->runs[i].style, in->runs[i].text);
    vb_buf_add(b, "\n");
}

static void dump_date(vb_buf *b, const char *name, const vb_date *d)
{
    if (d->present)
        vb_buf_printf(b, "%s=%d-%d-%d\n", name, d->year, d->month, d->day);
}

static void dump_deadline(vb_buf *b, const vb_deadline *d)
{
    if (d->kind == VB_DEADLINE_NONE)
        return;
    vb_buf_printf(b, "deadline=%d %d-%d-%d..%d-%d-%d q%d every %d\n", (int)d->kind, d->start.year,
                  d->start.month, d->start.day, d->end.year, d->end.month, d->end.day, d->quarter,
                  (int)d->every);
    dump_text(b, "deadline text", d->text.text);
}

static void dump_rows(vb_buf *b, const char *name, const vb_table_row *rows, size_t count)
{
    for (size_t i = 0; i < count; i++) {
        vb_buf_printf(b, "%s[%zu] group=%d total=%d:", name, i, rows[i].is_group, rows[i].is_total);
        for (size_t c = 0; c < rows[i].count; c++)
            vb_buf_printf(b, " <%s>%ux%u%s", rows[i].cells[c].text, rows[i].cells[c].colspan,
                          rows[i].cells[c].rowspan, rows[i].cells[c].typed_number ? "#" : "");
        vb_buf_add(b, "\n");
    }
}

static void dump_table(vb_buf *b, const vb_table *t)
{
    for (size_t i = 0; i < t->column_count; i++) {
        const vb_table_column *c = &t->columns[i];
        vb_buf_printf(b, "col[%zu] <%s> w=%d/%d align=%d stt=%d format=<%s> %d/%d/%d\n", i,
                      c->name.text ? c->name.text : "(none)", (int)c->width_kind, c->width,
                      (int)c->align, c->is_stt, c->number_format.text ? c->number_format.text : "",
                      c->format_decimals, c->format_grouping, c->format_percent);
    }
    dump_rows(b, "head", t->head, t->head_count);
    dump_rows(b, "row", t->rows, t->row_count);
    dump_text(b, "tep", t->file.text);
    dump_text(b, "sheet", t->sheet.text);
    dump_text(b, "range", t->range.text);
    vb_buf_printf(b, "header_rows=%d landscape=%d\n", t->header_rows, t->landscape);
}

static void dump_body(vb_buf *b, const vb_node *root)
{
    for (const vb_node *n = root->first_child ? root->first_child : NULL; n;
         n = vb_node_next_preorder(n, root)) {
        int depth = 0;
        for (const vb_node *up = n->parent; up && up != root; up = up->parent)
            depth++;
        vb_buf_printf(b, "%*snode kind=%d", depth * 2, "", (int)n->kind);
        switch (n->kind) {
        case VB_NODE_SECTION:
            vb_buf_printf(b, " level=%d roles=%u ordinal=%d depth=%d\n", (int)n->level, n->roles,
                          n->ordinal, n->depth);
            dump_inline(b, "title", &n->title);
            break;
        case VB_NODE_PARAGRAPH:
            vb_buf_printf(b, " bullet=%d\n", n->bullet_level);
            dump_inline(b, "content", &n->content);
            break;
        case VB_NODE_AGENCY:
            vb_buf_add(b, "\n");
            dump_text(b, "don_vi", n->agency.agency.text);
            dump_inline(b, "agency title", &n->title);
            break;
        case VB_NODE_TASK:
            vb_buf_add(b, "\n");
            dump_text(b, "action", n->task.action.text);
            dump_text(b, "coordinator", n->task.coordinator.text);
            dump_text(b, "product", n->task.product.text);
            dump_deadline(b, &n->task.deadline);
            break;
        case VB_NODE_TABLE:
            vb_buf_add(b, "\n");
            dump_table(b, n->table);
            break;
        case VB_NODE_TASKS:
            vb_buf_add(b, "\n");
            break;
        }
    }
}

static char *dump(const vb_document *d)
{
    vb_buf b = {0};
    vb_buf_printf(&b, "format=%d draft=%d tone=%d number=%d secrecy=%d urgency=%d\n", (int)d->format,
                  d->is_draft, d->tone_style, d->number, d->secrecy, d->urgency);
    dump_text(&b, "loai", d->type_code.text);
    dump_lines(&b, "ten_loai", &d->type_name);
    dump_lines(&b, "co_quan_chu_quan", &d->parent_body);
    dump_lines(&b, "co_quan", &d->issuer);
    dump_text(&b, "ky_hieu", d->code.text);
    dump_text(&b, "dia_danh", d->place.text);
    dump_date(&b, "ngay", &d->date);
    dump_text(&b, "trich_yeu", d->subject.text);
    dump_lines(&b, "kinh_gui", &d->addressees);
    dump_text(&b, "tham_quyen", d->authority_line.text);
    dump_lines(&b, "can_cu", &d->legal_bases);
    dump_text(&b, "mo_dau", d->preamble_close.text);
    dump_body(&b, d->body);
    dump_lines(&b, "noi_nhan", &d->recipients);
    for (size_t i = 0; i < d->signer_count; i++) {
        vb_buf_printf(&b, "signer %zu\n", i);
        dump_lines(&b, "quyen_han", &d->signers[i].authority);
        dump_text(&b, "chuc_vu", d->signers[i].title.text);
        dump_text(&b, "ho_ten", d->signers[i].name.text);
    }
    for (size_t i = 0; i < d->appendix_count; i++) {
        const vb_appendix *a = &d->appendices[i];
        vb_buf_printf(&b, "appendix %zu landscape=%d\n", i, a->landscape);
        dump_text(&b, "tieu_de", a->title.text);
        dump_text(&b, "kem_theo", a->attached_line.text);
        dump_body(&b, a->body);
    }
    dump_text(&b, "pham_vi_luu_hanh", d->circulation.text);
    dump_text(&b, "ky_hieu_nguoi_soan_thao", d->drafter.text);
    vb_buf_printf(&b, "copies=%d draft_round=%d contact=%d\n", d->copies, d->draft_round, d->has_contact);
    dump_text(&b, "dia_chi", d->contact.address.text);
    dump_text(&b, "dien_thoai", d->contact.phone.text);
    dump_text(&b, "fax", d->contact.fax.text);
    dump_text(&b, "thu_dien_tu", d->contact.email.text);
    dump_text(&b, "trang_thong_tin_dien_tu", d->contact.website.text);
    for (size_t i = 0; i < d->joint_issuer_count; i++) {
        vb_buf_printf(&b, "joint issuer %zu\n", i);
        dump_lines(&b, "co_quan_lien_tich", &d->joint_issuers[i]);
        if (d->joint_parent_bodies && d->joint_parent_bodies[i].count)
            dump_lines(&b, "co_quan_chu_quan", &d->joint_parent_bodies[i]);
    }
    dump_text(&b, "co_quan_in_thuong", d->issuer_running.text);
    for (size_t i = 0; i < d->attachment_count; i++) {
        const vb_attachment *a = &d->attachments[i];
        vb_buf_printf(&b, "attachment %zu signer=%d\n", i, a->has_signer);
        dump_text(&b, "loai", a->type_code.text);
        dump_lines(&b, "ten_loai", &a->type_name);
        dump_text(&b, "trich_yeu", a->subject.text);
        dump_text(&b, "kem_theo", a->attached_line.text);
        dump_lines(&b, "quyen_han", &a->signer.authority);
        dump_text(&b, "chuc_vu", a->signer.title.text);
        dump_text(&b, "ho_ten", a->signer.name.text);
        dump_body(&b, a->body);
    }
    return b.data;
}

/* ---- round trips ---- */

static vb_document *read_text(const char *name, const char *text, size_t len)
{
    vb_diagnostics diags;
    vb_diagnostics_init(&diags, VB_LANG_EN);
    vb_document *doc = vb_yaml_read(name, text, len, &diags);
    if (!doc) {
        vb_diagnostics_print(&diags, stderr);
        fprintf(stderr, "--- the text read:\n%s", text);
    }
    vb_diagnostics_free(&diags);
    return doc;
}

/* Writes `doc`, reads it back, and checks the model and a second writing. Returns the
 * first writing (caller frees). */
static char *round_trip(const vb_document *doc)
{
    size_t len = 0, len2 = 0;
    char *yaml = vb_yaml_write(doc, &len);
    assert_non_null(yaml);
    assert_int_equal(strlen(yaml), len);
    vb_document *again = read_text("written.yaml", yaml, len);
    assert_non_null(again);
    char *want = dump(doc), *got = dump(again);
    if (strcmp(want, got) != 0)
        fprintf(stderr, "--- written:\n%s--- model:\n%s--- read back:\n%s", yaml, want, got);
    assert_string_equal(got, want);
    /* Written again: the same bytes, but for the notes, which only a DOCX/ODT reader makes. */
    vb_document without_notes = *doc;
    without_notes.note_count = 0;
    char *bare = vb_yaml_write(&without_notes, &len2);
    char *yaml2 = vb_yaml_write(again, &len2);
    assert_string_equal(yaml2, bare);
    free(bare);
    free(want);
    free(got);
    free(yaml2);
    vb_document_free(again);
    return yaml;
}

/* ---- models built in code ---- */

static vb_text text_of(const char *s)
{
    vb_text t = {vb_strdup(s), {0}};
    return t;
}

static void add_line(vb_lines *l, const char *s)
{
    vb_lines_append(l, vb_strdup(s), (vb_pos){0});
}

/* A paragraph of runs given as (text, style) pairs, ending with NULL. */
static vb_node *paragraph(vb_node *parent, int bullet, ...)
{
    vb_node *p = vb_node_new(VB_NODE_PARAGRAPH, (vb_pos){0});
    p->bullet_level = bullet;
    va_list ap;
    va_start(ap, bullet);
    for (const char *t; (t = va_arg(ap, const char *));) {
        unsigned style = va_arg(ap, unsigned);
        vb_inline_append(&p->content, t, strlen(t), style);
    }
    va_end(ap);
    vb_node_append(parent, p);
    return p;
}

static vb_node *section(vb_node *parent, vb_section_level level, const char *title)
{
    vb_node *s = vb_node_new(VB_NODE_SECTION, (vb_pos){0});
    s->level = level;
    if (title)
        vb_inline_append(&s->title, title, strlen(title), 0);
    vb_node_append(parent, s);
    return s;
}

static vb_signer *add_signer(vb_document *d, const char *authority, const char *title, const char *name)
{
    d->signers = vb_xrealloc(d->signers, (d->signer_count + 1) * sizeof *d->signers);
    vb_signer *s = &d->signers[d->signer_count++];
    memset(s, 0, sizeof *s);
    if (authority)
        add_line(&s->authority, authority);
    if (title)
        s->title = text_of(title);
    s->name = text_of(name);
    return s;
}

/* A complete, valid state report with one paragraph; tests add to it. */
static vb_document *base_document(void)
{
    vb_document *d = vb_document_new("model.docx");
    d->format = VB_FORMAT_STATE;
    d->type_code = text_of("BC");
    add_line(&d->issuer, "ỦY BAN NHÂN DÂN TỈNH BẮC GIANG");
    d->number = 5;
    d->code = text_of("BC-UBND");
    d->place = text_of("Bắc Giang");
    d->date = (vb_date){2024, 1, 5, {0}, 1};
    d->subject = text_of("Kết quả chuyển đổi số năm 2024");
    add_line(&d->recipients, "Như trên");
    add_line(&d->recipients, "Lưu: VT, TH");
    add_signer(d, "TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH", "Nguyễn Văn A");
    return d;
}

static void finish(vb_document *d)
{
    vb_document_number_sections(d);
}

/* ---- tests ---- */

static void test_tricky_scalars(void **state)
{
    (void)state;
    vb_document *d = base_document();
    free(d->code.text);
    d->code = text_of("05");
    free(d->place.text);
    d->place = text_of("null");
    free(d->subject.text);
    d->subject = text_of("Về việc: \"trích yếu\" có 'nháy' # và dấu hai chấm:");
    add_line(&d->parent_body, "- không phải gạch đầu dòng");
    add_line(&d->parent_body, "? [x] {y} @z `w` %v !u &t *s |r >q");
    add_line(&d->addressees, "true");
    add_line(&d->addressees, "2024-01-05");
    add_line(&d->addressees, "1.879");
    d->authority_line = text_of("CHỦ TỊCH\nỦY BAN NHÂN DÂN TỈNH");
    add_line(&d->legal_bases, "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;");
    add_line(&d->legal_bases, "#1: căn cứ --- ...");
    add_line(&d->legal_bases, "   ");
    d->legal_bases.count--; /* a blank line is no line: the reader would drop it */
    free(d->legal_bases.items[d->legal_bases.count].text);
    d->preamble_close = text_of("QUYẾT ĐỊNH:");
    paragraph(d->body, 0, "Đoạn: có \"nháy kép\" và 'nháy đơn' # không phải chú thích", 0u, NULL);
    paragraph(d->body, 0, "- gạch ở đầu nhưng là đoạn văn", 0u, NULL);
    paragraph(d->body, 0, "05", 0u, NULL);
    paragraph(d->body, 0, "~", 0u, NULL);
    finish(d);
    char *yaml = round_trip(d);
    assert_non_null(strstr(yaml, "ky_hieu: '05'\n"));
    assert_non_null(strstr(yaml, "dia_danh: 'null'\n"));
    assert_non_null(strstr(yaml, "  - '2024-01-05'\n"));
    assert_non_null(strstr(yaml, "tham_quyen: |-\n  CHỦ TỊCH\n  ỦY BAN NHÂN DÂN TỈNH\n"));
    assert_non_null(strstr(yaml, "so: 5\n"));
    free(yaml);
    vb_document_free(d);
}

static void test_drafts_dates_enums(void **state)
{
    (void)state;
    vb_document *d = base_document();
    d->is_draft = 1;
    d->number = 0;
    d->date = (vb_date){2024, 7, 0, {0}, 1};
    d->format = VB_FORMAT_PARTY;
    d->tone_style = VB_TONE_MODERN; /* the texts in that style, as a reader leaves them */
    free(d->issuer.items[0].text);
    d->issuer.items[0].text = vb_strdup("UỶ BAN NHÂN DÂN TỈNH BẮC GIANG");
    free(d->signers[0].authority.items[0].text);
    d->signers[0].authority.items[0].text = vb_strdup("TM. UỶ BAN NHÂN DÂN");
    d->secrecy = 2;
    d->urgency = 3;
    add_line(&d->type_name, "NGHỊ QUYẾT");
    add_line(&d->type_name, "CỦA BAN CHẤP HÀNH ĐẢNG BỘ TỈNH");
    paragraph(d->body, 0, "Nội dung dự thảo.", 0u, NULL);
    vb_node *tasks = vb_node_new(VB_NODE_TASKS, (vb_pos){0});
    vb_node_append(d->body, tasks);
    vb_node *agency = vb_node_new(VB_NODE_AGENCY, (vb_pos){0});
    vb_node_append(tasks, agency);
    agency->agency.agency = text_of("Sở Tài chính");
    vb_inline_append(&agency->title, "Sở Tài chính", strlen("Sở Tài chính"), 0);
    /* Every kind of deadline, as the reader reads them from words (deadline.h). */
    const char *deadlines[] = {"tháng 3/2024",    "quý IV/2025",  "năm 2025",
                               "31/12/2024",      "01/10/2025 - 31/10/2025", "tháng 9-10/2025",
                               "từ tháng 11/2025 đến tháng 02/2026", "hằng năm", "khi có yêu cầu"};
    for (size_t i = 0; i < sizeof deadlines / sizeof *deadlines; i++) {
        vb_node *task = vb_node_new(VB_NODE_TASK, (vb_pos){0});
        vb_node_append(agency, task);
        task->task.action = text_of(i == 1 ? "Rà soát: danh mục" : "Bố trí kinh phí");
        if (vb_deadline_parse(deadlines[i], &task->task.deadline) != 1) {
            task->task.deadline.kind = VB_DEADLINE_TEXT;
            task->task.deadline.text = text_of(deadlines[i]);
        }
        if (i == 1) {
            task->task.coordinator = text_of("Sở Nội vụ");
            task->task.product = text_of("Báo cáo");
        }
    }
    finish(d);
    char *yaml = round_trip(d);
    assert_non_null(strstr(yaml, "the_thuc: dang\n"));
    assert_non_null(strstr(yaml, "trang_thai: du_thao\n"));
    assert_non_null(strstr(yaml, "dau_thanh: moi\n"));
    assert_non_null(strstr(yaml, "\nso:\n"));
    assert_non_null(strstr(yaml, "ngay: 2024-07\n"));
    assert_non_null(strstr(yaml, "do_mat: toi_mat\ndo_khan: hoa_toc\n"));
    assert_non_null(strstr(yaml, "han: 2024-03\n"));
    assert_non_null(strstr(yaml, "han: 2025\n"));
    assert_non_null(strstr(yaml, "han: 2024-12-31\n"));
    /* A draft's blank day: the year alone. */
    d->date.month = 0;
    free(yaml);
    yaml = round_trip(d);
    assert_non_null(strstr(yaml, "ngay: 2024\n"));
    free(yaml);
    vb_document_free(d);
}

static void test_emphasis_and_footnotes(void **state)
{
    (void)state;
    vb_document *d = base_document();
    paragraph(d->body, 0, "Toàn tỉnh có ", 0u, "1.879", VB_RUN_BOLD, " dịch vụ công ", 0u,
              "trực tuyến", VB_RUN_ITALIC, ".", 0u, NULL);
    paragraph(d->body, 0, "Đậm ", VB_RUN_BOLD, "đậm nghiêng", VB_RUN_BOLD | VB_RUN_ITALIC, " đậm", VB_RUN_BOLD,
              NULL);
    paragraph(d->body, 0, "nghiêng ", VB_RUN_ITALIC, "cả hai", VB_RUN_BOLD | VB_RUN_ITALIC, " ", 0u,
              "đậm", VB_RUN_BOLD, NULL);
    paragraph(d->body, 0, "năm 2024", 0u, "Theo Quyết định số 12/QĐ-UBND [sửa đổi] *gốc*.", VB_RUN_NOTE,
              " và ", 0u, "chú thích hai", VB_RUN_NOTE, NULL);
    paragraph(d->body, 0, "a", VB_RUN_BOLD, "chú thích trong chữ đậm", VB_RUN_NOTE, "b", VB_RUN_BOLD, NULL);
    paragraph(d->body, 0, "1. Gõ tay số thứ tự, ", 0u, "đậm", VB_RUN_BOLD, NULL);
    paragraph(d->body, 0, "2)", VB_RUN_BOLD, " tiếp", 0u, NULL);
    paragraph(d->body, 0, "[1]", VB_RUN_NOTE, " sau chú thích ", 0u, "cuối", VB_RUN_NOTE, NULL);
    paragraph(d->body, 0, "* sao _gạch dưới_ a*b \\ <b>thẻ</b> &amp; [liên kết](x) `mã` ![ảnh](y)", 0u, NULL);
    paragraph(d->body, 0, "# không phải tiêu đề", 0u, NULL);
    paragraph(d->body, 0, "> không phải trích dẫn", 0u, NULL);
    paragraph(d->body, 0, "+ không phải gạch đầu dòng", 0u, NULL);
    paragraph(d->body, 0, "=== ~~~ ---", 0u, NULL);
    paragraph(d->body, 0, "intra", 0u, "word", VB_RUN_ITALIC, "s", 0u, NULL);
    paragraph(d->body, 0, "(", 0u, "ngoặc", VB_RUN_BOLD, ")", 0u, NULL);
    finish(d);
    char *yaml = round_trip(d);
    assert_non_null(strstr(yaml, "Toàn tỉnh có **1.879** dịch vụ công *trực tuyến*."));
    assert_non_null(strstr(yaml, "**Đậm *đậm nghiêng* đậm**"));
    assert_non_null(strstr(yaml, "năm 2024^[Theo Quyết định số 12/QĐ-UBND \\[sửa đổi\\] \\*gốc\\*.] và ^[chú thích hai]"));
    assert_null(strstr(yaml, "# chữ đậm"));
    free(yaml);
    vb_document_free(d);
}

/* Emphasis on white space cannot be written; emphasis CommonMark cannot close (after a
 * full stop, before a letter) is dropped and said so. */
static void test_emphasis_that_cannot_be_written(void **state)
{
    (void)state;
    vb_document *d = base_document();
    paragraph(d->body, 0, "Điều 1. ", VB_RUN_BOLD, "Phạm vi", 0u, NULL);
    finish(d);
    size_t len = 0;
    char *yaml = vb_yaml_write(d, &len);
    assert_non_null(strstr(yaml, "  - '**Điều 1.** Phạm vi'\n"));
    vb_document *back = read_text("x.yaml", yaml, len);
    assert_non_null(back);
    const vb_inline *c = &back->body->first_child->content;
    assert_int_equal(c->count, 2);
    assert_string_equal(c->runs[0].text, "Điều 1.");
    assert_int_equal(c->runs[0].style, VB_RUN_BOLD);
    assert_string_equal(c->runs[1].text, " Phạm vi");
    vb_document_free(back);
    free(yaml);
    vb_document_free(d);

    d = base_document();
    paragraph(d->body, 0, "Điều 1.", VB_RUN_BOLD, "Phạm vi", 0u, NULL);
    finish(d);
    yaml = vb_yaml_write(d, &len);
    assert_non_null(strstr(yaml, "  - Điều 1.Phạm vi  # chữ đậm, nghiêng ở đây không viết được bằng Markdown: đã bỏ\n"));
    back = read_text("x.yaml", yaml, len);
    assert_non_null(back);
    assert_int_equal(back->body->first_child->content.count, 1);
    vb_document_free(back);
    free(yaml);
    vb_document_free(d);

    /* "^[" typed as text opens a note to the reader: no writing keeps it text. */
    d = base_document();
    paragraph(d->body, 0, "x^[y]", 0u, NULL);
    finish(d);
    yaml = vb_yaml_write(d, &len);
    assert_non_null(strstr(yaml, "  - x^\\[y\\]  # đoạn này đọc lại có thể khác bản gốc (\"^[\" mở một chú thích)\n"));
    free(yaml);
    vb_document_free(d);
}

static void test_sections_bullets_tasks(void **state)
{
    (void)state;
    vb_document *d = base_document();
    paragraph(d->body, 0, "Mở đầu.", 0u, NULL);
    vb_node *muc = section(d->body, VB_LEVEL_MUC, "Kết quả đạt được");
    muc->roles = VB_ROLE_ASSESSMENT | VB_ROLE_CONCLUSION;
    vb_node *k1 = section(muc, VB_LEVEL_KHOAN, "Về công tác chỉ đạo");
    vb_node *k11 = section(k1, VB_LEVEL_KHOAN, "Về phần thứ nhất: chi tiết");
    vb_node *diem = section(k11, VB_LEVEL_DIEM, NULL);
    vb_inline_append(&diem->title, "Điểm ", strlen("Điểm "), 0);
    vb_inline_append(&diem->title, "đậm", strlen("đậm"), VB_RUN_BOLD);
    paragraph(diem, 0, "Các ý:", 0u, NULL);
    paragraph(diem, 1, "thứ nhất", 0u, NULL);
    paragraph(diem, 2, "ý con: ", 0u, "đậm", VB_RUN_BOLD, NULL);
    paragraph(diem, 2, "ý con hai", 0u, NULL);
    paragraph(diem, 1, "1. thứ hai", 0u, NULL);
    paragraph(diem, 0, "Kết đoạn.", 0u, NULL);
    paragraph(diem, 2, "cấp hai không có cấp một", 0u, NULL);
    paragraph(diem, 3, "cấp ba", 0u, NULL);
    vb_node *empty = section(muc, VB_LEVEL_KHOAN, NULL); /* khoan: "" */
    paragraph(empty, 0, "Bên cạnh những kết quả đạt được, …", 0u, NULL);
    /* Tasks in the middle of a section, then at its end. */
    vb_node *muc2 = section(d->body, VB_LEVEL_MUC, "Nhiệm vụ");
    for (int k = 0; k < 2; k++) {
        if (k == 1)
            paragraph(muc2, 0, "Giữa hai khối nhiệm vụ.", 0u, NULL);
        vb_node *tasks = vb_node_new(VB_NODE_TASKS, (vb_pos){0});
        vb_node_append(muc2, tasks);
        vb_node *agency = vb_node_new(VB_NODE_AGENCY, (vb_pos){0});
        vb_node_append(tasks, agency);
        const char *name = k ? "Công an **tỉnh**" : "Sở Thông tin và Truyền thông";
        agency->agency.agency = text_of(name);
        if (k) {
            vb_inline_append(&agency->title, "Công an ", strlen("Công an "), 0);
            vb_inline_append(&agency->title, "tỉnh", strlen("tỉnh"), VB_RUN_BOLD);
        } else {
            vb_inline_append(&agency->title, name, strlen(name), 0);
        }
        vb_node *task = vb_node_new(VB_NODE_TASK, (vb_pos){0});
        vb_node_append(agency, task);
        task->task.action = text_of("Triển khai");
    }
    vb_node *phan = section(d->body, VB_LEVEL_PHAN, "Phần chung");
    vb_node *chuong = section(phan, VB_LEVEL_CHUONG, "Quy định chung");
    section(chuong, VB_LEVEL_DIEU, "Phạm vi điều chỉnh");
    section(chuong, VB_LEVEL_DIEU, "Đối tượng áp dụng");
    finish(d);
    char *yaml = round_trip(d);
    assert_non_null(strstr(yaml, "  - muc: Kết quả đạt được\n    vai_tro: danh_gia, ket_luan\n    noi_dung:\n"
                                 "      - khoan: Về công tác chỉ đạo\n"));
    assert_non_null(strstr(yaml, "                  - |-\n                    - thứ nhất\n                      + ý con: **đậm**\n"
                                 "                      + ý con hai\n                    - 1. thứ hai\n"));
    assert_non_null(strstr(yaml, "                  - |-\n                    -\n"
                                 "                      + cấp hai không có cấp một\n"
                                 "                        - cấp ba\n"));
    assert_non_null(strstr(yaml, "      - khoan: ''\n"));
    assert_non_null(strstr(yaml, "  - muc: Nhiệm vụ\n    noi_dung:\n      - nhiem_vu:\n"));
    assert_non_null(strstr(yaml, "      - Giữa hai khối nhiệm vụ.\n    nhiem_vu:\n      - don_vi: Công an **tỉnh**\n"));
    free(yaml);
    vb_document_free(d);
}

static vb_table_row row_of(const char *const *texts, size_t n)
{
    vb_table_row r = {0};
    r.cells = vb_xcalloc(n, sizeof *r.cells);
    r.count = n;
    for (size_t i = 0; i < n; i++) {
        r.cells[i].text = vb_strdup(texts[i]);
        r.cells[i].colspan = r.cells[i].rowspan = 1;
    }
    return r;
}

static void test_tables(void **state)
{
    (void)state;
    vb_document *d = base_document();
    vb_node *node = vb_node_new(VB_NODE_TABLE, (vb_pos){0});
    vb_node_append(d->body, node);
    vb_table *t = node->table = vb_xcalloc(1, sizeof *t);
    t->header_rows = -1;
    t->landscape = 1;
    t->column_count = 5;
    t->columns = vb_xcalloc(5, sizeof *t->columns);
    t->columns[0] = (vb_table_column){.name = text_of("STT"), .width_kind = VB_WIDTH_TWIPS, .width = 850, .align = VB_CELL_ALIGN_AUTO, .is_stt = 1};
    t->columns[1] = (vb_table_column){.name = text_of("Nội dung, [ghi chú]"), .width_kind = VB_WIDTH_PERCENT, .width = 3550, .align = VB_CELL_ALIGN_JUSTIFY, .is_stt = 0};
    t->columns[2] = (vb_table_column){.name = text_of("Số lượng"), .width_kind = VB_WIDTH_TWIPS, .width = 1447, .align = VB_CELL_ALIGN_RIGHT, .is_stt = 0};
    t->columns[3] = (vb_table_column){.name = {NULL, {0}}, .width_kind = VB_WIDTH_TWIPS, .width = 1001, .align = VB_CELL_ALIGN_AUTO, .is_stt = 0};
    t->columns[4] = (vb_table_column){.name = text_of("Ghi chú"), .width_kind = VB_WIDTH_AUTO, .width = 0, .align = VB_CELL_ALIGN_AUTO, .is_stt = 0};
    t->head_count = 2;
    t->head = vb_xcalloc(2, sizeof *t->head);
    t->head[0] = row_of((const char *[]){"STT", "Nội dung", "Kết quả", "Ghi chú"}, 4);
    t->head[0].cells[0].rowspan = 2;
    t->head[0].cells[2].colspan = 2;
    t->head[1] = row_of((const char *[]){"", "Số", "Tỷ lệ"}, 3);
    t->row_count = 4;
    t->rows = vb_xcalloc(4, sizeof *t->rows);
    t->rows[0] = row_of((const char *[]){"Nhóm: một, hai"}, 1);
    t->rows[0].is_group = 1;
    t->rows[1] = row_of((const char *[]){"", "a, b [c] {d}", "05", "34,6%", "dòng một\ndòng hai"}, 5);
    t->rows[2] = row_of((const char *[]){"3", "true", "1.879", "'", "\""}, 5);
    t->rows[2].cells[1].rowspan = 2;
    t->rows[3] = row_of((const char *[]){"", "- a", "#", ""}, 4);
    /* A table from a file. */
    vb_node *node2 = vb_node_new(VB_NODE_TABLE, (vb_pos){0});
    vb_node_append(d->body, node2);
    vb_table *t2 = node2->table = vb_xcalloc(1, sizeof *t2);
    t2->column_count = 1;
    t2->columns = vb_xcalloc(1, sizeof *t2->columns);
    t2->columns[0].name = text_of("Tên");
    t2->file = text_of("số liệu/bảng 1.xlsx");
    t2->file_path = vb_strdup("số liệu/bảng 1.xlsx");
    t2->sheet = text_of("Trang 1");
    t2->range = text_of("A3:D40");
    t2->header_rows = 0;
    /* A table whose rows are an empty list. */
    vb_node *node3 = vb_node_new(VB_NODE_TABLE, (vb_pos){0});
    vb_node_append(d->body, node3);
    vb_table *t3 = node3->table = vb_xcalloc(1, sizeof *t3);
    t3->header_rows = -1;
    t3->column_count = 1;
    t3->columns = vb_xcalloc(1, sizeof *t3->columns);
    t3->columns[0].name = text_of("Trống");
    t3->rows = vb_xcalloc(1, sizeof *t3->rows);
    finish(d);
    char *yaml = round_trip(d);
    assert_non_null(strstr(yaml, "  - bang:\n      cot:\n        - {ten: STT, rong: 1.5cm, stt: true}\n"));
    assert_non_null(strstr(yaml, "        - {ten: 'Nội dung, [ghi chú]', rong: 35.5%, can: deu}\n"
                                 "        - {ten: Số lượng, rong: 25.52mm, can: phai}\n        - {rong: 17.66mm}\n"));
    assert_non_null(strstr(yaml, "      dau_bang:\n        - [{noi_dung: STT, gop_dong: 2}, Nội dung, {noi_dung: Kết quả, gop_cot: 2}, Ghi chú]\n"));
    assert_non_null(strstr(yaml, "        - nhom: 'Nhóm: một, hai'\n"));
    assert_non_null(strstr(yaml, "        - ['', 'a, b [c] {d}', '05', '34,6%', \"dòng một\\ndòng hai\"]\n"));
    assert_non_null(strstr(yaml, "        - ['3', {noi_dung: 'true', gop_dong: 2}, '1.879', '''', '\"']\n"));
    assert_non_null(strstr(yaml, "      huong: ngang\n  - bang:\n"));
    assert_non_null(strstr(yaml, "      tep: số liệu/bảng 1.xlsx\n      trang_tinh: Trang 1\n      vung: A3:D40\n"
                                 "      dong_tieu_de: 0\n"));
    assert_non_null(strstr(yaml, "        - Trống\n      dong: []\n"));
    free(yaml);
    vb_document_free(d);
}

static void test_signers_and_appendices(void **state)
{
    (void)state;
    vb_document *d = base_document();
    vb_signer *s = add_signer(d, "KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC", "Lê Thị C");
    add_line(&s->authority, "SỞ NÔNG NGHIỆP");
    add_signer(d, NULL, "CHỦ TỊCH", "Trần Văn B");
    paragraph(d->body, 0, "Chi tiết tại Phụ lục I và Phụ lục II kèm theo.", 0u, NULL);
    d->appendix_count = 2;
    d->appendices = vb_xcalloc(2, sizeof *d->appendices);
    d->appendices[0].title = text_of("Tổng hợp: các văn bản");
    d->appendices[0].landscape = 1;
    d->appendices[0].body = vb_node_new(VB_NODE_SECTION, (vb_pos){0});
    paragraph(d->appendices[0].body, 0, "Đoạn của phụ lục.", 0u, NULL);
    section(d->appendices[0].body, VB_LEVEL_MUC, "Mục của phụ lục");
    d->appendices[1].title = text_of("Danh mục");
    d->appendices[1].attached_line = text_of("(Kèm theo Báo cáo số 05/BC-UBND)");
    d->appendices[1].body = vb_node_new(VB_NODE_SECTION, (vb_pos){0});
    finish(d);
    char *yaml = round_trip(d);
    assert_non_null(strstr(yaml, "ky:\n  - quyen_han: TM. ỦY BAN NHÂN DÂN\n    chuc_vu: CHỦ TỊCH\n"
                                 "    ho_ten: Nguyễn Văn A\n  - quyen_han:\n      - KT. GIÁM ĐỐC\n"
                                 "      - SỞ NÔNG NGHIỆP\n    chuc_vu: PHÓ GIÁM ĐỐC\n"));
    assert_non_null(strstr(yaml, "  - chuc_vu: CHỦ TỊCH\n    ho_ten: Trần Văn B\n"));
    assert_non_null(strstr(yaml, "phu_luc:\n  - tieu_de: 'Tổng hợp: các văn bản'\n    huong: ngang\n    noi_dung:\n"
                                 "      - Đoạn của phụ lục.\n      - muc: Mục của phụ lục\n"));
    assert_non_null(strstr(yaml, "    kem_theo: (Kèm theo Báo cáo số 05/BC-UBND)\n    noi_dung: []\n"));
    free(yaml);
    vb_document_free(d);
}

/* The parts beyond the core: ô 11–13, the draft round, joint issuers with the issuer in
 * running text, attached documents; and in a table a number format, typed numbers and a
 * total row. */
static void test_document_parts(void **state)
{
    (void)state;
    vb_document *d = base_document();
    d->type_code.text[0] = 'C', d->type_code.text[1] = 'V';
    d->is_draft = 1;
    d->draft_round = 3;
    d->circulation = text_of("XEM XONG TRẢ LẠI");
    d->drafter = text_of("PL");
    d->copies = 12;
    d->has_contact = 1;
    d->contact.address = text_of("Số 1: đường Nguyễn Văn Cừ");
    d->contact.phone = text_of("0204 3856 789");
    d->contact.website = text_of("https://bacgiang.gov.vn");
    vb_lines_free(&d->issuer);
    d->joint_issuer_count = 2;
    d->joint_issuers = vb_xcalloc(2, sizeof *d->joint_issuers);
    add_line(&d->joint_issuers[0], "SỞ THÔNG TIN");
    add_line(&d->joint_issuers[0], "VÀ TRUYỀN THÔNG");
    add_line(&d->joint_issuers[1], "SỞ NỘI VỤ");
    add_line(&d->issuer, "SỞ THÔNG TIN");
    add_line(&d->issuer, "VÀ TRUYỀN THÔNG");
    d->issuer_running = text_of("Liên Sở");
    d->attachment_count = 1;
    d->attachments = vb_xcalloc(1, sizeof *d->attachments);
    vb_attachment *a = &d->attachments[0];
    a->type_code = text_of("QC");
    a->subject = text_of("Quản lý, vận hành: Trung tâm");
    a->has_signer = 1;
    add_line(&a->signer.authority, "TM. ỦY BAN NHÂN DÂN");
    a->signer.title = text_of("CHỦ TỊCH");
    a->signer.name = text_of("Nguyễn Văn A");
    a->body = vb_node_new(VB_NODE_SECTION, (vb_pos){0});
    section(a->body, VB_LEVEL_DIEU, "Phạm vi");
    vb_node *node = vb_node_new(VB_NODE_TABLE, (vb_pos){0});
    vb_node_append(d->body, node);
    vb_table *t = node->table = vb_xcalloc(1, sizeof *t);
    t->header_rows = -1;
    t->column_count = 2;
    t->columns = vb_xcalloc(2, sizeof *t->columns);
    t->columns[0].name = text_of("Đơn vị");
    t->columns[1] = (vb_table_column){.name = text_of("Kinh phí"), .number_format = text_of("#.##0,00"),
                                      .format_decimals = 2, .format_grouping = 1};
    t->row_count = 2;
    t->rows = vb_xcalloc(2, sizeof *t->rows);
    t->rows[0] = row_of((const char *[]){"Sở A", "1500.25"}, 2);
    t->rows[0].cells[1].typed_number = 1;
    t->rows[1] = row_of((const char *[]){"Tổng cộng", "1500"}, 2);
    t->rows[1].is_total = 1;
    finish(d);
    char *yaml = round_trip(d);
    assert_non_null(strstr(yaml, "trang_thai: du_thao\nlan_du_thao: 3\n"));
    assert_non_null(strstr(yaml, "co_quan_lien_tich:\n  - - SỞ THÔNG TIN\n    - VÀ TRUYỀN THÔNG\n"
                                 "  - SỞ NỘI VỤ\nco_quan_in_thuong: Liên Sở\n"));
    assert_null(strstr(yaml, "\nco_quan:"));
    assert_non_null(strstr(yaml, "pham_vi_luu_hanh: xem_xong_tra_lai\n"));
    assert_non_null(strstr(yaml, "ky_hieu_nguoi_soan_thao: PL\nso_luong_ban: 12\nlien_he:\n"
                                 "  dia_chi: 'Số 1: đường Nguyễn Văn Cừ'\n  dien_thoai: '0204 3856 789'\n"
                                 "  trang_thong_tin_dien_tu: https://bacgiang.gov.vn\n"));
    assert_non_null(strstr(yaml, "        - {ten: Kinh phí, dinh_dang: '#.##0,00'}\n"));
    assert_non_null(strstr(yaml, "        - [Sở A, 1500.25]\n        - tong_cong: [Tổng cộng, '1500']\n"));
    assert_non_null(strstr(yaml, "van_ban_kem_theo:\n  - loai: QC\n    trich_yeu: 'Quản lý, vận hành: Trung tâm'\n"
                                 "    ky:\n      quyen_han: TM. ỦY BAN NHÂN DÂN\n      chuc_vu: CHỦ TỊCH\n      ho_ten: Nguyễn Văn A\n"
                                 "    noi_dung:\n      - dieu: Phạm vi\n"));
    free(yaml);
    vb_document_free(d);
}

/* Joint bodies each under a superior body of its own (one of two lines, one of one line) beside
 * a body with none: a mapping per body that has one, and no top-level co_quan_chu_quan. */
static void test_joint_bodies_with_parents(void **state)
{
    (void)state;
    vb_document *d = base_document();
    vb_lines_free(&d->issuer);
    vb_lines_free(&d->parent_body);
    d->joint_issuer_count = 3;
    d->joint_issuers = vb_xcalloc(3, sizeof *d->joint_issuers);
    d->joint_parent_bodies = vb_xcalloc(3, sizeof *d->joint_parent_bodies);
    add_line(&d->joint_parent_bodies[0], "ĐẢNG BỘ TỈNH BẮC GIANG");
    add_line(&d->joint_parent_bodies[0], "TỈNH ỦY");
    add_line(&d->joint_issuers[0], "BAN TUYÊN GIÁO");
    add_line(&d->joint_parent_bodies[1], "UBND TỈNH BẮC GIANG");
    add_line(&d->joint_issuers[1], "SỞ THÔNG TIN");
    add_line(&d->joint_issuers[1], "VÀ TRUYỀN THÔNG");
    add_line(&d->joint_issuers[2], "HỘI NÔNG DÂN TỈNH");
    add_line(&d->issuer, "BAN TUYÊN GIÁO");
    add_line(&d->parent_body, "ĐẢNG BỘ TỈNH BẮC GIANG");
    add_line(&d->parent_body, "TỈNH ỦY");
    paragraph(d->body, 0, "Ba cơ quan thống nhất như sau.", 0u, NULL);
    finish(d);
    char *yaml = round_trip(d);
    assert_non_null(strstr(yaml, "co_quan_lien_tich:\n"
                                 "  - co_quan_chu_quan:\n      - ĐẢNG BỘ TỈNH BẮC GIANG\n      - TỈNH ỦY\n"
                                 "    co_quan: BAN TUYÊN GIÁO\n"
                                 "  - co_quan_chu_quan: UBND TỈNH BẮC GIANG\n"
                                 "    co_quan:\n      - SỞ THÔNG TIN\n      - VÀ TRUYỀN THÔNG\n"
                                 "  - HỘI NÔNG DÂN TỈNH\n"));
    assert_null(strstr(yaml, "\nco_quan_chu_quan:"));
    assert_null(strstr(yaml, "\nco_quan:"));
    free(yaml);
    vb_document_free(d);
}

/* Texts in NFD (a careless reader's) come out NFC, and read back as the NFC text. */
static void test_output_is_nfc(void **state)
{
    (void)state;
    vb_document *d = base_document();
    const char *nfd = "Vie\xcc\xa3\xcc\x82t Nam"; /* "Việt Nam" decomposed */
    paragraph(d->body, 0, nfd, 0u, NULL);
    vb_document_add_note(d, (vb_pos){d->source_name, 0, 0}, nfd);
    finish(d);
    size_t len = 0;
    char *yaml = vb_yaml_write(d, &len);
    char *nfc = vb_nfc(yaml, len);
    assert_string_equal(nfc, yaml);
    assert_non_null(strstr(yaml, "  - Việt Nam"));
    free(nfc);
    free(yaml);
    vb_document_free(d);
}

/* Notes land on the line of the value read where they were made; a comment after a block
 * scalar's header and in a flow row leaves the YAML reading the same. */
static void test_notes_as_comments(void **state)
{
    (void)state;
    vb_document *d = base_document();
    const char *f = d->source_name;
    d->number_pos = (vb_pos){f, 3, 5};
    d->code.pos = (vb_pos){f, 3, 9};
    d->date.pos = (vb_pos){f, 4, 1};
    vb_node *p = paragraph(d->body, 0, "Đoạn mười hai.", 0u, NULL);
    p->pos = (vb_pos){f, 12, 1};
    vb_node *muc = section(d->body, VB_LEVEL_MUC, "Mục gõ tay");
    muc->pos = (vb_pos){f, 14, 1};
    vb_node *bullet = paragraph(muc, 1, "gạch đầu dòng", 0u, NULL);
    bullet->pos = (vb_pos){f, 15, 3};
    d->authority_line = text_of("dòng một\ndòng hai");
    d->authority_line.pos = (vb_pos){f, 6, 1};
    vb_node *node = vb_node_new(VB_NODE_TABLE, (vb_pos){f, 20, 1});
    vb_node_append(d->body, node);
    vb_table *t = node->table = vb_xcalloc(1, sizeof *t);
    t->header_rows = -1;
    t->column_count = 2;
    t->columns = vb_xcalloc(2, sizeof *t->columns);
    t->columns[0].name = text_of("A");
    t->columns[1].name = text_of("B");
    t->row_count = 1;
    t->rows = vb_xcalloc(1, sizeof *t->rows);
    t->rows[0] = row_of((const char *[]){"x", "y"}, 2);
    t->rows[0].pos = (vb_pos){f, 22, 1};
    t->rows[0].cells[1].pos = (vb_pos){f, 23, 1};
    vb_document_add_note(d, (vb_pos){f, 3, 5}, "số văn bản gõ tay");
    vb_document_add_note(d, (vb_pos){f, 3, 9}, "ký hiệu tách từ dòng số");
    vb_document_add_note(d, (vb_pos){f, 12, 7}, "số thứ tự gõ tay");
    vb_document_add_note(d, (vb_pos){f, 12, 1}, "in đậm bằng định dạng trực tiếp");
    vb_document_add_note(d, (vb_pos){f, 14, 1}, "tiêu đề nhận theo chữ đậm");
    vb_document_add_note(d, (vb_pos){f, 15, 3}, "dấu \"-\" gõ tay");
    vb_document_add_note(d, (vb_pos){f, 6, 1}, "hai dòng\ncủa một đoạn");
    vb_document_add_note(d, (vb_pos){f, 23, 1}, "ô gộp đọc theo lưới");
    vb_document_add_note(d, (vb_pos){f, 17, 2}, "không có giá trị ở đoạn này");
    finish(d);
    char *yaml = round_trip(d);
    assert_non_null(strstr(yaml, "\nso: 5  # đọc từ đoạn 3: số văn bản gõ tay\n"));
    assert_non_null(strstr(yaml, "\nky_hieu: BC-UBND  # đọc từ đoạn 3: ký hiệu tách từ dòng số\n"));
    assert_non_null(strstr(yaml, "\n  - Đoạn mười hai.  # đọc từ đoạn 12: số thứ tự gõ tay; "
                                 "đọc từ đoạn 12: in đậm bằng định dạng trực tiếp\n"));
    assert_non_null(strstr(yaml, "\n  - muc: Mục gõ tay  # đọc từ đoạn 14: tiêu đề nhận theo chữ đậm\n"));
    assert_non_null(strstr(yaml, "      - '- gạch đầu dòng'  # đọc từ đoạn 15: dấu \"-\" gõ tay; "
                                 "đọc từ đoạn 17: không có giá trị ở đoạn này\n"));
    assert_non_null(strstr(yaml, "\ntham_quyen: |-  # đọc từ đoạn 6: hai dòng của một đoạn\n  dòng một\n"));
    assert_non_null(strstr(yaml, "\n        - [x, 'y']  # đọc từ đoạn 23: ô gộp đọc theo lưới\n"));
    free(yaml);
    vb_document_free(d);
}

/* Random paragraphs and titles of the characters Markdown and YAML care about, styled at
 * random: what is written always reads, and writing what was read is stable, unless the
 * writer said with a comment that it could not keep the emphasis or the text. */
static const char *const atoms[] = {
    "*", "_", "`", "[", "]", "\\", "<", "&", "!", "#", ">", "-", "+", "=", "~", "|", "^", " ",
    ".", ":", "(", ")", "1", "a", "à", "ệ", "'", "\"", "\t", "  ", "^[", "{", "}", ",", "%",
    "@", "?", "Điều 1. ", "**", "x y", "1. ", "- ",
};

static unsigned next_random(unsigned *state)
{
    *state = *state * 1103515245u + 12345u;
    return (*state >> 16) & 0x7fff;
}

static void random_text(char *buf, size_t size, unsigned *state)
{
    buf[0] = '\0';
    int parts = 1 + (int)(next_random(state) % 6);
    for (int j = 0; j < parts; j++)
        strncat(buf, atoms[next_random(state) % (sizeof atoms / sizeof *atoms)], size - strlen(buf) - 1);
}

static void test_random_paragraphs(void **state)
{
    (void)state;
    unsigned seed = 20241207u;
    int commented = 0;
    for (int round = 0; round < 1500; round++) {
        vb_document *d = base_document();
        int paragraphs = 1 + (int)(next_random(&seed) % 3);
        for (int p = 0; p < paragraphs; p++) {
            vb_node *para = paragraph(d->body, next_random(&seed) % 4 == 0 ? 1 + (int)(next_random(&seed) % 3) : 0, NULL);
            int runs = 1 + (int)(next_random(&seed) % 5);
            for (int r = 0; r < runs; r++) {
                char text[256];
                random_text(text, sizeof text, &seed);
                unsigned style = next_random(&seed) % 5 == 0 ? VB_RUN_NOTE : next_random(&seed) % 4;
                vb_inline_append(&para->content, text, strlen(text), style);
            }
        }
        vb_node *muc = section(d->body, VB_LEVEL_MUC, NULL);
        char title[128];
        random_text(title, sizeof title, &seed);
        vb_inline_append(&muc->title, title, strlen(title), next_random(&seed) % 4);
        finish(d);

        size_t len = 0, len2 = 0, len3 = 0;
        char *yaml = vb_yaml_write(d, &len);
        vb_document *back = read_text("random.yaml", yaml, len);
        assert_non_null(back);
        char *yaml2 = vb_yaml_write(back, &len2);
        vb_document *again = read_text("random2.yaml", yaml2, len2);
        assert_non_null(again);
        char *yaml3 = vb_yaml_write(again, &len3);
        if (strstr(yaml2, "  # "))
            commented++;
        else
            assert_string_equal(yaml3, yaml2);
        free(yaml);
        free(yaml2);
        free(yaml3);
        vb_document_free(again);
        vb_document_free(back);
        vb_document_free(d);
    }
    /* Emphasis that cannot be written is rare even among these. */
    assert_true(commented < 15);
}

/* Every document of the repository: read, written, read again: the same model. */
static void round_trip_directory(const char *dir)
{
    DIR *dp = opendir(dir);
    if (!dp) {
        fprintf(stderr, "skipped: %s cannot be opened\n", dir);
        return;
    }
    struct dirent *e;
    int seen = 0;
    while ((e = readdir(dp))) {
        size_t n = strlen(e->d_name);
        if (n < 6 || strcmp(e->d_name + n - 5, ".yaml") != 0)
            continue;
        char path[4096];
        snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
        FILE *fp = fopen(path, "rb");
        assert_non_null(fp);
        vb_buf data = {0};
        char chunk[65536];
        size_t got;
        while ((got = fread(chunk, 1, sizeof chunk, fp)) > 0)
            vb_buf_addn(&data, chunk, got);
        fclose(fp);
        vb_document *doc = read_text(path, data.data, data.len);
        assert_non_null(doc);
        char *yaml = round_trip(doc);
        free(yaml);
        vb_document_free(doc);
        vb_buf_free(&data);
        seen++;
    }
    closedir(dp);
    assert_true(seen > 0);
}

static void test_repository_documents(void **state)
{
    (void)state;
    round_trip_directory(VB_SOURCE_ROOT "/inputs");
    round_trip_directory(VB_SOURCE_ROOT "/docs/examples");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_tricky_scalars),
        cmocka_unit_test(test_drafts_dates_enums),
        cmocka_unit_test(test_emphasis_and_footnotes),
        cmocka_unit_test(test_emphasis_that_cannot_be_written),
        cmocka_unit_test(test_sections_bullets_tasks),
        cmocka_unit_test(test_tables),
        cmocka_unit_test(test_signers_and_appendices),
        cmocka_unit_test(test_document_parts),
        cmocka_unit_test(test_joint_bodies_with_parents),
        cmocka_unit_test(test_output_is_nfc),
        cmocka_unit_test(test_notes_as_comments),
        cmocka_unit_test(test_random_paragraphs),
        cmocka_unit_test(test_repository_documents),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
