/* The parts of a document beyond its core: ô 11 (pham_vi_luu_hanh), ô 12
 * (ky_hieu_nguoi_soan_thao, so_luong_ban), ô 13 (lien_he), the draft round (lan_du_thao),
 * joint issuers (co_quan_lien_tich), the issuer in running text (co_quan_in_thuong) and the
 * documents issued with this one (van_ban_kem_theo). */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "model/doctypes.h"
#include "yaml_internal.h"

/* A whole number in [min, max]. */
static int read_whole(reader *r, yaml_node_t *node, const char *key, int min, int max, int *out)
{
    char *t = node->type == YAML_SCALAR_NODE ? scalar_text(node) : NULL;
    char *end = NULL;
    long v = t ? strtol(t, &end, 10) : -1;
    int ok = t && end && *end == '\0' && isdigit((unsigned char)t[0]) && v >= min && v <= max;
    if (ok)
        *out = (int)v;
    else
        vb_diag(r->diags, VB_SEV_ERROR, yr_pos_of(r, node), "YAML-VALUE",
                VI_EN("`%s` phải là một số từ %d đến %d, không phải \"%s\"",
                      "`%s` must be a number from %d to %d, not \"%s\""),
                key, min, max, t ? t : "");
    free(t);
    return ok;
}

/* ô 11: the two phrases of NĐ30 PL I §III.2.c by their keys, or any other text as typed. */
static int read_circulation(reader *r, yaml_node_t *node, vb_text *out)
{
    if (!yr_read_text(r, node, "pham_vi_luu_hanh", out))
        return 0;
    static const struct {
        const char *key, *text;
    } known[] = {{"luu_hanh_noi_bo", "LƯU HÀNH NỘI BỘ"}, {"xem_xong_tra_lai", "XEM XONG TRẢ LẠI"}};
    for (size_t i = 0; out->text && i < sizeof known / sizeof *known; i++)
        if (strcmp(out->text, known[i].key) == 0) {
            free(out->text);
            out->text = vb_strdup(known[i].text);
        }
    return 1;
}

static const char *const contact_keys[] = {"dia_chi", "dien_thoai", "fax", "thu_dien_tu",
                                           "trang_thong_tin_dien_tu", NULL};

static int contact_pair(reader *r, const char *key, yaml_node_t *k, yaml_node_t *v, void *ctx)
{
    vb_contact *c = ctx;
    vb_text *slot = strcmp(key, "dia_chi") == 0                   ? &c->address
                    : strcmp(key, "dien_thoai") == 0              ? &c->phone
                    : strcmp(key, "fax") == 0                     ? &c->fax
                    : strcmp(key, "thu_dien_tu") == 0             ? &c->email
                    : strcmp(key, "trang_thong_tin_dien_tu") == 0 ? &c->website
                                                                  : NULL;
    if (!slot) {
        yr_unknown_key(r, k, key, contact_keys, yr_english(r) ? "the contact block (lien_he)" : "khối liên hệ (lien_he)");
        return 0;
    }
    return yr_read_text(r, v, key, slot);
}

static int read_contact(reader *r, yaml_node_t *node, vb_document *doc)
{
    doc->contact.pos = yr_pos_of(r, node);
    if (node->type != YAML_MAPPING_NODE) {
        yr_type_error(r, node, "lien_he", "một ánh xạ dia_chi/dien_thoai/fax/thu_dien_tu/trang_thong_tin_dien_tu",
                      "a mapping of dia_chi/dien_thoai/fax/thu_dien_tu/trang_thong_tin_dien_tu");
        return 0;
    }
    doc->has_contact = 1;
    return yr_for_each_pair(r, node, contact_pair, &doc->contact);
}

static vb_lines copy_lines(const vb_lines *from)
{
    vb_lines out = {0};
    for (size_t i = 0; i < from->count; i++)
        vb_lines_append(&out, vb_strdup(from->items[i].text), from->items[i].pos);
    out.pos = from->pos;
    return out;
}

static const char *const joint_body_keys[] = {"co_quan_chu_quan", "co_quan", NULL};

typedef struct {
    vb_lines *parent, *issuer;
    int has_issuer;
} joint_body_ctx;

static int joint_body_pair(reader *r, const char *key, yaml_node_t *k, yaml_node_t *v, void *ctx)
{
    joint_body_ctx *c = ctx;
    if (strcmp(key, "co_quan_chu_quan") == 0)
        return yr_read_lines(r, v, "co_quan_chu_quan", c->parent);
    if (strcmp(key, "co_quan") == 0) {
        c->has_issuer = 1;
        return yr_read_lines(r, v, "co_quan", c->issuer);
    }
    yr_unknown_key(r, k, key, joint_body_keys,
                   yr_english(r) ? "a body of co_quan_lien_tich" : "một cơ quan của co_quan_lien_tich");
    return 0;
}

/* One body of co_quan_lien_tich: a text or a list of lines (its name), or a mapping with its
 * name (co_quan) and its own superior body (co_quan_chu_quan). */
static int read_joint_body(reader *r, yaml_node_t *item, vb_lines *parent, vb_lines *issuer)
{
    if (item->type != YAML_MAPPING_NODE)
        return yr_read_lines(r, item, "co_quan_lien_tich", issuer);
    joint_body_ctx c = {parent, issuer, 0};
    if (!yr_for_each_pair(r, item, joint_body_pair, &c))
        return 0;
    if (!c.has_issuer) {
        if (!yr_misspelt(r, item, "co_quan"))
            vb_diag(r->diags, VB_SEV_ERROR, yr_pos_of(r, item), "YAML-REQUIRED",
                    VI_EN("cơ quan liên tịch thiếu `co_quan` (tên cơ quan ban hành)",
                          "a body of the joint document has no `co_quan` (the issuing body's name)"));
        return 0;
    }
    return 1;
}

/* co_quan_lien_tich: two or more bodies, each a text, a list of lines, or a mapping of
 * co_quan and co_quan_chu_quan. */
static int read_joint_issuers(reader *r, const yr_parts_nodes *nodes, vb_document *doc)
{
    yaml_node_t *node = nodes->joint_issuers;
    vb_pos pos = yr_pos_of(r, node);
    if (node->type != YAML_SEQUENCE_NODE) {
        yr_type_error(r, node, "co_quan_lien_tich", "một danh sách cơ quan", "a list of bodies");
        return 0;
    }
    size_t n = (size_t)(node->data.sequence.items.top - node->data.sequence.items.start);
    if (n < 2 || n > 4) {
        vb_diag(r->diags, VB_SEV_ERROR, pos, "YAML-VALUE",
                VI_EN("`co_quan_lien_tich` liệt kê từ 2 đến 4 cơ quan, ở đây có %zu",
                      "`co_quan_lien_tich` lists 2 to 4 bodies, this one has %zu"), n);
        return 0;
    }
    if (nodes->issuer) {
        vb_diag(r->diags, VB_SEV_ERROR, yr_pos_of(r, nodes->issuer), "YAML-VALUE",
                VI_EN("văn bản liên tịch ghi các cơ quan trong `co_quan_lien_tich`, không dùng `co_quan`",
                      "a joint document names its bodies in `co_quan_lien_tich`, not in `co_quan`"));
        return 0;
    }
    if (nodes->parent_body) {
        /* One superior body has no place of its own in a header of several bodies. */
        vb_diag(r->diags, VB_SEV_ERROR, yr_pos_of(r, nodes->parent_body), "YAML-VALUE",
                VI_EN("văn bản liên tịch ghi cơ quan chủ quản trong từng cơ quan: "
                      "`co_quan_lien_tich: [{co_quan_chu_quan: …, co_quan: …}, …]`",
                      "a joint document gives each body its own superior body: "
                      "`co_quan_lien_tich: [{co_quan_chu_quan: …, co_quan: …}, …]`"));
        return 0;
    }
    doc->joint_issuers = vb_xcalloc(n, sizeof *doc->joint_issuers);
    doc->joint_parent_bodies = vb_xcalloc(n, sizeof *doc->joint_parent_bodies);
    int ok = 1;
    for (size_t i = 0; i < n; i++) {
        yaml_node_t *item = yaml_document_get_node(r->ydoc, node->data.sequence.items.start[i]);
        if (!yr_visit(r, item))
            return 0;
        doc->joint_issuer_count = i + 1;
        int read = read_joint_body(r, item, &doc->joint_parent_bodies[i], &doc->joint_issuers[i]);
        ok &= read;
        if (read && doc->joint_issuers[i].count == 0) {
            vb_pos at = doc->joint_issuers[i].pos.line ? doc->joint_issuers[i].pos : yr_pos_of(r, item);
            vb_diag(r->diags, VB_SEV_ERROR, at, "YAML-REQUIRED",
                    VI_EN("tên cơ quan trống", "a body's name is empty"));
            ok = 0;
        }
    }
    /* The first body stands for the issuer wherever one is named (ký hiệu, Kèm theo …),
     * its superior body for the parent body (the header of an attached document). */
    if (ok) {
        doc->issuer = copy_lines(&doc->joint_issuers[0]);
        doc->parent_body = copy_lines(&doc->joint_parent_bodies[0]);
    }
    return ok;
}

/* ---- van_ban_kem_theo ---- */

static const char *const attachment_keys[] = {"loai", "ten_loai", "trich_yeu", "kem_theo",
                                              "noi_dung", "ky", NULL};

typedef struct {
    vb_attachment *a;
    yaml_node_t *body;
} attachment_ctx;

static int attachment_pair(reader *r, const char *key, yaml_node_t *k, yaml_node_t *v, void *ctx)
{
    attachment_ctx *c = ctx;
    vb_attachment *a = c->a;
    if (strcmp(key, "loai") == 0) {
        if (!yr_read_text(r, v, "loai", &a->type_code))
            return 0;
        if (a->type_code.text && !vb_doctype_find(a->type_code.text, r->doc->format)) {
            vb_diag(r->diags, VB_SEV_ERROR, a->type_code.pos, "YAML-TYPECODE",
                    VI_EN("loại văn bản \"%s\" không có trong thể thức %s (xem `vanban types`)",
                          "document type \"%s\" is not one of the %s types (see `vanban types`)"),
                    a->type_code.text, r->doc->format == VB_FORMAT_PARTY ? "dang" : "nha_nuoc");
            return 0;
        }
        return 1;
    }
    if (strcmp(key, "ten_loai") == 0)
        return yr_read_lines(r, v, "ten_loai", &a->type_name);
    if (strcmp(key, "trich_yeu") == 0)
        return yr_read_text(r, v, "trich_yeu", &a->subject);
    if (strcmp(key, "kem_theo") == 0)
        return yr_read_text(r, v, "kem_theo", &a->attached_line);
    if (strcmp(key, "ky") == 0) {
        a->has_signer = 1;
        return yr_read_signer(r, v, &a->signer);
    }
    if (strcmp(key, "noi_dung") == 0) {
        c->body = v;
        return 1;
    }
    yr_unknown_key(r, k, key, attachment_keys,
                   yr_english(r) ? "an attached document (van_ban_kem_theo)" : "một văn bản kèm theo (van_ban_kem_theo)");
    return 0;
}

static int read_attachments(reader *r, yaml_node_t *value)
{
    vb_document *doc = r->doc;
    doc->attachments_pos = yr_pos_of(r, value);
    if (value->type != YAML_SEQUENCE_NODE) {
        yr_type_error(r, value, "van_ban_kem_theo", "một danh sách văn bản (loai, trich_yeu, noi_dung)",
                      "a list of documents (loai, trich_yeu, noi_dung)");
        return 0;
    }
    size_t n = (size_t)(value->data.sequence.items.top - value->data.sequence.items.start);
    doc->attachments = vb_xcalloc(n ? n : 1, sizeof *doc->attachments);
    int ok = 1;
    for (size_t i = 0; i < n; i++) {
        yaml_node_t *item = yaml_document_get_node(r->ydoc, value->data.sequence.items.start[i]);
        if (!yr_visit(r, item))
            return 0;
        vb_attachment *a = &doc->attachments[i];
        a->pos = yr_pos_of(r, item);
        a->body = vb_node_new(VB_NODE_SECTION, a->pos);
        doc->attachment_count = i + 1;
        if (item->type != YAML_MAPPING_NODE) {
            yr_type_error(r, item, "van_ban_kem_theo", "một ánh xạ loai/trich_yeu/noi_dung",
                          "a mapping of loai/trich_yeu/noi_dung");
            ok = 0;
            continue;
        }
        attachment_ctx c = {a, NULL};
        ok &= yr_for_each_pair(r, item, attachment_pair, &c);
        if (!a->type_code.text && a->type_name.count == 0) {
            vb_diag(r->diags, VB_SEV_ERROR, a->pos, "YAML-REQUIRED",
                    VI_EN("văn bản kèm theo thiếu `loai` (QC, QyĐ, KH, ĐA, CTr …)",
                          "the attached document has no `loai` (QC, QyĐ, KH, ĐA, CTr …)"));
            ok = 0;
        }
        if (!c.body) {
            vb_diag(r->diags, VB_SEV_ERROR, a->pos, "YAML-REQUIRED",
                    VI_EN("văn bản kèm theo thiếu `noi_dung`", "the attached document has no `noi_dung`"));
            ok = 0;
        } else {
            a->body->pos = yr_pos_of(r, c.body);
            ok &= yr_read_blocks(r, c.body, a->body, 0);
        }
    }
    return ok;
}

int yr_read_parts(reader *r, const yr_parts_nodes *n)
{
    vb_document *doc = r->doc;
    int ok = 1;
    if (n->circulation)
        ok &= read_circulation(r, n->circulation, &doc->circulation);
    if (n->drafter)
        ok &= yr_read_text(r, n->drafter, "ky_hieu_nguoi_soan_thao", &doc->drafter);
    if (n->copies)
        ok &= read_whole(r, n->copies, "so_luong_ban", 1, 1000000, &doc->copies);
    if (n->contact)
        ok &= read_contact(r, n->contact, doc);
    if (n->draft_round) {
        ok &= read_whole(r, n->draft_round, "lan_du_thao", 1, 99, &doc->draft_round);
        if (!doc->is_draft) {
            vb_diag(r->diags, VB_SEV_ERROR, yr_pos_of(r, n->draft_round), "YAML-VALUE",
                    VI_EN("`lan_du_thao` chỉ dùng với `trang_thai: du_thao`",
                          "`lan_du_thao` only applies with `trang_thai: du_thao`"));
            ok = 0;
        }
    }
    if (n->joint_issuers)
        ok &= read_joint_issuers(r, n, doc);
    if (n->issuer_running)
        ok &= yr_read_text(r, n->issuer_running, "co_quan_in_thuong", &doc->issuer_running);
    if (n->attachments)
        ok &= read_attachments(r, n->attachments);
    return ok;
}
