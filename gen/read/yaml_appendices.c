/* The appendices (phu_luc): each a title, an orientation, the "Kèm theo" line and a body
 * read like the document's own. */
#include <stdlib.h>
#include <string.h>

#include "yaml_internal.h"

static const char *const appendix_keys[] = {"tieu_de", "huong", "kem_theo", "noi_dung", NULL};

typedef struct {
    vb_appendix *appendix;
    yaml_node_t *body;
} appendix_ctx;

static int appendix_pair(reader *r, const char *key, yaml_node_t *k, yaml_node_t *v, void *ctx)
{
    appendix_ctx *c = ctx;
    if (strcmp(key, "tieu_de") == 0)
        return yr_read_text(r, v, "tieu_de", &c->appendix->title);
    if (strcmp(key, "kem_theo") == 0)
        return yr_read_text(r, v, "kem_theo", &c->appendix->attached_line);
    if (strcmp(key, "huong") == 0)
        return yr_read_orientation(r, v, &c->appendix->landscape);
    if (strcmp(key, "noi_dung") == 0) {
        c->body = v;
        return 1;
    }
    yr_unknown_key(r, k, key, appendix_keys, yr_english(r) ? "an appendix (phu_luc)" : "một phụ lục (phu_luc)");
    return 0;
}

int yr_read_appendices(reader *r, yaml_node_t *value)
{
    vb_document *doc = r->doc;
    doc->appendices_pos = yr_pos_of(r, value);
    if (value->type != YAML_SEQUENCE_NODE) {
        yr_type_error(r, value, "phu_luc", "một danh sách phụ lục (tieu_de, noi_dung)",
                      "a list of appendices (tieu_de, noi_dung)");
        return 0;
    }
    size_t n = (size_t)(value->data.sequence.items.top - value->data.sequence.items.start);
    doc->appendices = vb_xcalloc(n ? n : 1, sizeof *doc->appendices);
    int ok = 1;
    for (size_t i = 0; i < n; i++) {
        yaml_node_t *item = yaml_document_get_node(r->ydoc, value->data.sequence.items.start[i]);
        if (!yr_visit(r, item))
            return 0;
        vb_appendix *a = &doc->appendices[i];
        a->pos = yr_pos_of(r, item);
        a->body = vb_node_new(VB_NODE_SECTION, a->pos);
        doc->appendix_count = i + 1;
        if (item->type != YAML_MAPPING_NODE) {
            yr_type_error(r, item, "phu_luc", "một ánh xạ tieu_de/noi_dung", "a mapping of tieu_de/noi_dung");
            ok = 0;
            continue;
        }
        appendix_ctx c = {a, NULL};
        ok &= yr_for_each_pair(r, item, appendix_pair, &c);
        if (!a->title.text) {
            vb_diag(r->diags, VB_SEV_ERROR, a->pos, "YAML-TABLE",
                    VI_EN("phụ lục thiếu `tieu_de` (tên phụ lục)",
                          "the appendix has no `tieu_de` (its title)"));
            ok = 0;
        }
        if (!c.body) {
            vb_diag(r->diags, VB_SEV_ERROR, a->pos, "YAML-TABLE",
                    VI_EN("phụ lục thiếu `noi_dung`", "the appendix has no `noi_dung`"));
            ok = 0;
        } else {
            a->body->pos = yr_pos_of(r, c.body);
            ok &= yr_read_blocks(r, c.body, a->body, 0);
        }
    }
    return ok;
}

/* The nhiem_vu blocks shown as a Phụ lục (trinh_bay: phu_luc) become the first appendices,
 * in the order of the body, before those written under phu_luc: the body refers to them
 * first. Their tasks stay in the body, where check finds them. */
void yr_add_task_appendices(reader *r)
{
    vb_document *doc = r->doc;
    /* A Phụ lục holds no Phụ lục: there a task table stands where it is written. */
    for (size_t i = 0; i < doc->appendix_count; i++)
        for (const vb_node *n = doc->appendices[i].body->first_child; n;
             n = vb_node_next_preorder(n, doc->appendices[i].body))
            if (n->kind == VB_NODE_TASKS && n->tasks.layout == VB_TASKS_APPENDIX)
                vb_diag(r->diags, VB_SEV_ERROR, n->pos, "YAML-VALUE",
                        VI_EN("`trinh_bay: phu_luc` chỉ dùng trong thân văn bản; trong một phụ lục, viết `trinh_bay: bang`",
                              "`trinh_bay: phu_luc` belongs in the body; inside an appendix write `trinh_bay: bang`"));
    size_t count = 0;
    for (const vb_node *n = doc->body->first_child; n; n = vb_node_next_preorder(n, doc->body))
        count += n->kind == VB_NODE_TASKS && n->tasks.layout == VB_TASKS_APPENDIX;
    if (count == 0)
        return;
    vb_appendix *all = vb_xcalloc(count + doc->appendix_count, sizeof *all);
    if (doc->appendix_count)
        memcpy(all + count, doc->appendices, doc->appendix_count * sizeof *all);
    size_t i = 0;
    for (vb_node *n = doc->body->first_child; n; n = (vb_node *)vb_node_next_preorder(n, doc->body)) {
        if (n->kind != VB_NODE_TASKS || n->tasks.layout != VB_TASKS_APPENDIX)
            continue;
        vb_appendix *a = &all[i];
        a->pos = n->pos;
        a->tasks = n;
        a->landscape = n->tasks.landscape;
        a->title.text = vb_strdup(n->tasks.appendix_title.text ? n->tasks.appendix_title.text
                                                               : "Danh mục nhiệm vụ");
        a->title.pos = n->tasks.appendix_title.text ? n->tasks.appendix_title.pos : n->pos;
        a->body = vb_node_new(VB_NODE_SECTION, n->pos);
        n->tasks.appendix_index = (int)i++;
    }
    free(doc->appendices);
    doc->appendices = all;
    doc->appendix_count += count;
}
