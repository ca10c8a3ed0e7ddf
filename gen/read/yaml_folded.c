/* Two list items folded into one: a line "- …" indented one space too many is, to YAML, the
 * continuation of the plain text of the item above it ("- Như trên\n   - Sở Tài chính" is the
 * one item "Như trên - Sở Tài chính"). Nothing fails, a recipient or a paragraph silently
 * vanishes into another; the reader warns at the folded line and names the item it joined. */
#include <stdlib.h>
#include <string.h>

#include "yaml_internal.h"

/* Column (1-based) of the first character of the line starting at `p` that is no space, and
 * that character's address. */
static const char *first_non_space(const char *p, const char *end, unsigned *column)
{
    *column = 1;
    while (p < end && *p == ' ') {
        p++;
        (*column)++;
    }
    return p;
}

/* Where each line of the input starts (libyaml's marks count characters, not bytes, so a
 * line is found by its number); made once, when some item spans lines. */
typedef struct {
    const char **starts; /* starts[l - 1]: line l */
    size_t count;
} line_table;

static line_table lines_of(const reader *r)
{
    line_table t = {NULL, 1};
    for (size_t i = 0; i < r->len; i++)
        t.count += r->data[i] == '\n';
    t.starts = vb_xmalloc(t.count * sizeof *t.starts);
    size_t l = 0;
    t.starts[l++] = r->data;
    for (size_t i = 0; i < r->len; i++)
        if (r->data[i] == '\n')
            t.starts[l++] = r->data + i + 1;
    return t;
}

static int spans_lines(yaml_node_t *item)
{
    return item->type == YAML_SCALAR_NODE && item->data.scalar.style == YAML_PLAIN_SCALAR_STYLE &&
           item->start_mark.line != item->end_mark.line;
}

static void check_item(reader *r, const line_table *lines, yaml_node_t *item)
{
    const char *end = r->data + r->len;
    unsigned first = (unsigned)item->start_mark.line + 1, last = (unsigned)item->end_mark.line + 1;
    for (unsigned line = first + 1; line <= last && line <= lines->count; line++) {
        unsigned column;
        const char *q = first_non_space(lines->starts[line - 1], end, &column);
        if (q + 1 < end && q[0] == '-' && (q[1] == ' ' || q[1] == '\t')) {
            vb_pos at = {r->doc->source_name, line, column};
            vb_pos item_at = yr_pos_of(r, item);
            vb_diag(r->diags, VB_SEV_WARNING, at, "YAML-FOLDED",
                    VI_EN("hai mục bị gộp thành một? Dòng %u:%u bắt đầu bằng \"- \" nhưng thụt vào sâu hơn mục ở dòng %u:%u nên YAML nối nó vào mục đó; thụt vào bằng mục ấy để thành mục riêng (hoặc đặt mục trong dấu ngoặc kép nếu muốn giữ nguyên)",
                          "two items merged into one? Line %u:%u starts with \"- \" but is indented deeper than the item at %u:%u, so YAML folded it into that item; indent it like that item to make it one of its own (or quote the item to keep it as it is)"),
                    line, column, item_at.line, item_at.column);
        }
    }
}

void yr_check_folded_items(reader *r)
{
    line_table lines = {NULL, 0};
    for (yaml_node_t *n = r->ydoc->nodes.start; n < r->ydoc->nodes.top; n++) {
        if (n->type != YAML_SEQUENCE_NODE || n->data.sequence.style != YAML_BLOCK_SEQUENCE_STYLE)
            continue;
        for (yaml_node_item_t *it = n->data.sequence.items.start; it < n->data.sequence.items.top; it++) {
            yaml_node_t *item = yaml_document_get_node(r->ydoc, *it);
            if (!spans_lines(item))
                continue;
            if (!lines.starts)
                lines = lines_of(r);
            check_item(r, &lines, item);
        }
    }
    free(lines.starts);
}
