#include "model.h"
#include "row_store.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* Out of memory in the middle of anything: nothing can be trusted to finish, and abort()
 * would dump core and look like a crash. Say so in both languages without allocating, and
 * exit 3 (an I/O or system error, as the command line documents) at once: outputs are
 * written into temporary files that then never replace anything. */
void vb_out_of_memory(void)
{
    static const char message[] =
        "vanban: hết bộ nhớ (out of memory): tài liệu quá lớn so với bộ nhớ còn trống "
        "(the document is too large for the memory available)\n";
    ssize_t ignored = write(STDERR_FILENO, message, sizeof message - 1);
    (void)ignored;
    _exit(VB_EXIT_OUT_OF_MEMORY);
}

void *vb_xmalloc(size_t size)
{
    void *p = malloc(size ? size : 1);
    if (!p)
        vb_out_of_memory();
    return p;
}

void *vb_xcalloc(size_t n, size_t size)
{
    void *p = calloc(n ? n : 1, size ? size : 1);
    if (!p)
        vb_out_of_memory();
    return p;
}

void *vb_xrealloc(void *p, size_t size)
{
    void *q = realloc(p, size ? size : 1);
    if (!q)
        vb_out_of_memory();
    return q;
}

char *vb_strdup(const char *s)
{
    size_t n = strlen(s);
    char *copy = vb_xmalloc(n + 1);
    memcpy(copy, s, n + 1);
    return copy;
}

vb_document *vb_document_new(const char *source_name)
{
    vb_document *doc = vb_xcalloc(1, sizeof *doc);
    doc->source_name = vb_strdup(source_name);
    doc->body = vb_node_new(VB_NODE_SECTION, (vb_pos){doc->source_name, 0, 0});
    return doc;
}

static void text_free(vb_text *t)
{
    free(t->text);
    t->text = NULL;
}

void vb_lines_append(vb_lines *lines, char *owned_text, vb_pos pos)
{
    lines->items = vb_xrealloc(lines->items, (lines->count + 1) * sizeof *lines->items);
    lines->items[lines->count].text = owned_text;
    lines->items[lines->count].pos = pos;
    lines->count++;
}

void vb_lines_free(vb_lines *lines)
{
    for (size_t i = 0; i < lines->count; i++)
        free(lines->items[i].text);
    free(lines->items);
    lines->items = NULL;
    lines->count = 0;
}

void vb_inline_append(vb_inline *in, const char *text, size_t len, unsigned style)
{
    if (len == 0)
        return;
    /* Adjacent runs of one style merge, so writers emit the fewest runs; notes never do. */
    if (in->count > 0 && in->runs[in->count - 1].style == style && !(style & VB_RUN_NOTE)) {
        vb_run *last = &in->runs[in->count - 1];
        size_t old = strlen(last->text);
        last->text = vb_xrealloc(last->text, old + len + 1);
        memcpy(last->text + old, text, len);
        last->text[old + len] = '\0';
        return;
    }
    in->runs = vb_xrealloc(in->runs, (in->count + 1) * sizeof *in->runs);
    char *copy = vb_xmalloc(len + 1);
    memcpy(copy, text, len);
    copy[len] = '\0';
    in->runs[in->count].text = copy;
    in->runs[in->count].style = style;
    in->count++;
}

void vb_inline_free(vb_inline *in)
{
    for (size_t i = 0; i < in->count; i++)
        free(in->runs[i].text);
    free(in->runs);
    in->runs = NULL;
    in->count = 0;
}

char *vb_inline_plain(const vb_inline *in)
{
    size_t total = 0;
    for (size_t i = 0; i < in->count; i++)
        total += strlen(in->runs[i].text);
    char *out = vb_xmalloc(total + 1);
    char *p = out;
    for (size_t i = 0; i < in->count; i++) {
        size_t n = strlen(in->runs[i].text);
        memcpy(p, in->runs[i].text, n);
        p += n;
    }
    *p = '\0';
    return out;
}

vb_node *vb_node_new(vb_node_kind kind, vb_pos pos)
{
    vb_node *node = vb_xcalloc(1, sizeof *node);
    node->kind = kind;
    node->pos = pos;
    return node;
}

void vb_node_append(vb_node *parent, vb_node *child)
{
    child->parent = parent;
    if (parent->last_child)
        parent->last_child->next = child;
    else
        parent->first_child = child;
    parent->last_child = child;
}

static void table_rows_free(vb_table_row *rows, size_t count)
{
    for (size_t i = 0; i < count; i++) {
        for (size_t j = 0; j < rows[i].count; j++)
            free(rows[i].cells[j].text);
        free(rows[i].cells);
    }
    free(rows);
}

void vb_table_free(vb_table *table)
{
    if (!table)
        return;
    for (size_t i = 0; i < table->column_count; i++) {
        text_free(&table->columns[i].name);
        text_free(&table->columns[i].number_format);
    }
    free(table->columns);
    table_rows_free(table->head, table->head_count);
    table_rows_free(table->rows, table->row_count);
    vb_row_store_free(table->more_rows);
    text_free(&table->file);
    free(table->file_path);
    text_free(&table->sheet);
    text_free(&table->range);
    free(table);
}

void vb_node_free_tree(vb_node *node)
{
    /* Iterative over siblings, recursive over depth; the loader caps depth. */
    while (node) {
        vb_node *next = node->next;
        vb_node_free_tree(node->first_child);
        vb_inline_free(&node->title);
        vb_inline_free(&node->content);
        text_free(&node->agency.agency);
        text_free(&node->task.action);
        text_free(&node->task.coordinator);
        text_free(&node->task.product);
        text_free(&node->task.deadline.text);
        text_free(&node->tasks.appendix_title);
        vb_table_free(node->table);
        free(node);
        node = next;
    }
}

void vb_document_add_note(vb_document *doc, vb_pos pos, const char *text)
{
    doc->notes = vb_xrealloc(doc->notes, (doc->note_count + 1) * sizeof *doc->notes);
    doc->notes[doc->note_count].pos = pos;
    doc->notes[doc->note_count].text = vb_strdup(text);
    doc->note_count++;
}

void vb_document_free(vb_document *doc)
{
    if (!doc)
        return;
    for (size_t i = 0; i < doc->note_count; i++)
        free(doc->notes[i].text);
    free(doc->notes);
    text_free(&doc->type_code);
    vb_lines_free(&doc->type_name);
    vb_lines_free(&doc->parent_body);
    vb_lines_free(&doc->issuer);
    text_free(&doc->code);
    text_free(&doc->place);
    text_free(&doc->subject);
    vb_lines_free(&doc->addressees);
    text_free(&doc->authority_line);
    vb_lines_free(&doc->legal_bases);
    text_free(&doc->preamble_close);
    vb_node_free_tree(doc->body);
    vb_lines_free(&doc->recipients);
    for (size_t i = 0; i < doc->signer_count; i++) {
        vb_lines_free(&doc->signers[i].authority);
        text_free(&doc->signers[i].title);
        text_free(&doc->signers[i].name);
    }
    free(doc->signers);
    for (size_t i = 0; i < doc->appendix_count; i++) {
        text_free(&doc->appendices[i].title);
        text_free(&doc->appendices[i].attached_line);
        vb_node_free_tree(doc->appendices[i].body);
    }
    free(doc->appendices);
    vb_document_parts_free(doc);
    free(doc->source_name);
    free(doc);
}

const vb_node *vb_node_next_preorder(const vb_node *node, const vb_node *root)
{
    if (node->first_child)
        return node->first_child;
    while (node && node != root) {
        if (node->next)
            return node->next;
        node = node->parent;
    }
    return NULL;
}

static int is_numbered(const vb_node *n)
{
    return n->kind == VB_NODE_SECTION || n->kind == VB_NODE_AGENCY;
}

/* The level an agency of a nhiem_vu block takes: the level of the section just before it
 * among its siblings (numbering carries on), else one level below the enclosing section. */
static vb_section_level agency_level(const vb_node *tasks, vb_section_level previous,
                                     int has_previous)
{
    if (has_previous)
        return previous;
    const vb_node *enclosing = tasks->parent;
    if (!enclosing || !enclosing->parent) /* the body root */
        return VB_LEVEL_MUC;
    switch (enclosing->level) {
    case VB_LEVEL_PHAN:
    case VB_LEVEL_CHUONG:
        return VB_LEVEL_MUC;
    case VB_LEVEL_MUC:
    case VB_LEVEL_DIEU:
        return VB_LEVEL_KHOAN;
    default:
        return VB_LEVEL_DIEM;
    }
}

/* Điều and Chương run through the whole document (a law's "Điều 12" is the twelfth of the
 * text, whatever its chapter); the other levels restart inside each parent. */
static int runs_through(vb_section_level level)
{
    return level == VB_LEVEL_DIEU || level == VB_LEVEL_CHUONG;
}

/* Numbers the numbered children of `parent`, looking through nhiem_vu containers. */
static void number_children(vb_node *parent, int *document_counters)
{
    int local[VB_LEVEL_COUNT] = {0};
    vb_section_level previous = VB_LEVEL_MUC;
    int has_previous = 0;

    for (vb_node *child = parent->first_child; child; child = child->next) {
        vb_node *first = child, *stop = child->next;
        if (child->kind == VB_NODE_TASKS && child->tasks.layout != VB_TASKS_PROSE)
            continue; /* a table of tasks: its agencies are cells, not numbered headings */
        if (child->kind == VB_NODE_TASKS) {
            first = child->first_child;
            stop = NULL;
        }
        for (vb_node *n = first; n != stop; n = n->next) {
            if (!is_numbered(n))
                continue;
            if (n->kind == VB_NODE_AGENCY)
                n->level = agency_level(child, previous, has_previous);
            n->ordinal = runs_through(n->level) ? ++document_counters[n->level] : ++local[n->level];
            /* A khoản directly inside a khoản continues its number: 1. → 1.1. */
            const vb_node *section_parent = parent;
            if (section_parent->parent && section_parent->level == n->level &&
                section_parent->depth < VB_MAX_DEPTH) {
                n->depth = section_parent->depth + 1;
                memcpy(n->ordinals, section_parent->ordinals, sizeof n->ordinals);
            } else {
                n->depth = 1;
            }
            n->ordinals[n->depth - 1] = n->ordinal;
            previous = n->level;
            has_previous = 1;
            number_children(n, document_counters);
        }
    }
}

void vb_document_number_sections(vb_document *doc)
{
    int document_counters[VB_LEVEL_COUNT] = {0};
    number_children(doc->body, document_counters);
    /* An appendix numbers its sections on its own. */
    for (size_t i = 0; i < doc->appendix_count; i++) {
        int appendix_counters[VB_LEVEL_COUNT] = {0};
        number_children(doc->appendices[i].body, appendix_counters);
    }
    /* So does a document issued with this one: its Điều 1 is its own. */
    for (size_t i = 0; i < doc->attachment_count; i++) {
        int attachment_counters[VB_LEVEL_COUNT] = {0};
        number_children(doc->attachments[i].body, attachment_counters);
    }
}
