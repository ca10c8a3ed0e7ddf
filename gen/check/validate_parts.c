/* Checks of the documents issued with a decision (van_ban_kem_theo): only a Quyết định,
 * Nghị quyết or Chỉ thị issues one, and the decision has the Điều that issues each ("Ban
 * hành kèm theo Quyết định này Quy chế …"), as NĐ30 PL III Mẫu 1.3 writes it; and an Điều
 * that issues a document "kèm theo" has it. */
#include <stdlib.h>
#include <string.h>

#include "model/doctypes.h"
#include "validate.h"
#include "viet/text.h"

/* The types a document issued with a decision usually is, lower case. */
static const char *const issued_kinds[] = {"quy chế", "quy định", "kế hoạch", "đề án",
                                           "chương trình", "danh mục", "điều lệ", "phương án",
                                           "hướng dẫn", NULL};

/* The text of an Điều (its title and everything in it), lower case; caller frees. */
static char *article_text(const vb_node *article)
{
    size_t cap = 1, len = 0;
    char *out = vb_xcalloc(1, 1);
    for (const vb_node *n = article; n; n = vb_node_next_preorder(n, article)) {
        const vb_inline *in = n->kind == VB_NODE_PARAGRAPH ? &n->content : &n->title;
        char *plain = vb_inline_plain(in);
        size_t add = strlen(plain);
        if (len + add + 2 > cap) {
            cap = (len + add + 2) * 2;
            out = vb_xrealloc(out, cap);
        }
        memcpy(out + len, plain, add);
        len += add;
        out[len++] = ' ';
        out[len] = '\0';
        free(plain);
    }
    char *lower = vb_lower_vi(out);
    free(out);
    return lower;
}

/* "kèm theo quyết định này" for a Quyết định. */
static char *this_document_phrase(const vb_doctype *type)
{
    char *name = vb_lower_vi(type->name);
    size_t n = strlen(name) + 32;
    char *phrase = vb_xmalloc(n);
    strcpy(phrase, "kèm theo ");
    strcat(phrase, name);
    strcat(phrase, " này");
    free(name);
    return phrase;
}

static const char *attachment_kind(const vb_document *doc, const vb_attachment *a, char **owned)
{
    const vb_doctype *t = a->type_code.text ? vb_doctype_find(a->type_code.text, doc->format) : NULL;
    *owned = t ? vb_lower_vi(t->name) : a->type_name.count ? vb_lower_vi(a->type_name.items[0].text) : NULL;
    return *owned;
}

void vb_validate_parts(const vb_document *doc, vb_diagnostics *diags)
{
    int en = diags->lang == VB_LANG_EN;
    const vb_doctype *type = doc->type_code.text ? vb_doctype_find(doc->type_code.text, doc->format) : NULL;
    if (!type)
        return;
    int issuer_kind = strcmp(type->code, "QĐ") == 0 || strcmp(type->code, "NQ") == 0 ||
                      strcmp(type->code, "CT") == 0;
    if (doc->attachment_count > 0 && !issuer_kind) {
        vb_diag(diags, VB_SEV_ERROR, doc->attachments_pos, "ND-ATTACHED-PARENT", "%s", "%s",
                en ? "only a quyết định, nghị quyết or chỉ thị issues documents with it (`van_ban_kem_theo`); "
                     "what goes with another document is an appendix (`phu_luc`)"
                   : "chỉ quyết định, nghị quyết, chỉ thị mới ban hành văn bản kèm theo (`van_ban_kem_theo`); "
                     "tài liệu đi kèm văn bản khác là phụ lục (`phu_luc`)");
        return;
    }
    if (!issuer_kind)
        return;
    char *phrase = this_document_phrase(type);
    /* Each attached document is issued by an Điều that names its kind. */
    for (size_t i = 0; i < doc->attachment_count; i++) {
        char *kind = NULL;
        attachment_kind(doc, &doc->attachments[i], &kind);
        int named = 0;
        for (const vb_node *n = doc->body->first_child; n && !named; n = vb_node_next_preorder(n, doc->body)) {
            if (n->kind != VB_NODE_SECTION || n->level != VB_LEVEL_DIEU)
                continue;
            char *text = article_text(n);
            const char *at = strstr(text, phrase);
            named = at && (!kind || strstr(at, kind));
            free(text);
        }
        if (!named) {
            const vb_attachment *a = &doc->attachments[i];
            const vb_doctype *at = a->type_code.text ? vb_doctype_find(a->type_code.text, doc->format) : NULL;
            vb_diag(diags, VB_SEV_ERROR, a->pos, "ND-ATTACHED-ARTICLE",
                    "không Điều nào của %s ban hành văn bản kèm theo này: viết \"Ban hành kèm theo %s này %s …\"",
                    "no Điều of the %s issues this attached document: write \"Ban hành kèm theo %s này %s …\"",
                    type->name, type->name, at ? at->name : "");
        }
        free(kind);
    }
    /* An Điều that issues a document "kèm theo" has it, unless an appendix carries it. */
    if (doc->appendix_count == 0) {
        for (const vb_node *n = doc->body->first_child; n; n = vb_node_next_preorder(n, doc->body)) {
            if (n->kind != VB_NODE_SECTION || n->level != VB_LEVEL_DIEU)
                continue;
            char *text = article_text(n);
            const char *at = strstr(text, phrase);
            const char *kind = NULL;
            for (size_t k = 0; at && issued_kinds[k] && !kind; k++)
                if (strncmp(at + strlen(phrase) + 1, issued_kinds[k], strlen(issued_kinds[k])) == 0)
                    kind = issued_kinds[k];
            int found = 0;
            for (size_t i = 0; kind && i < doc->attachment_count && !found; i++) {
                char *ak = NULL;
                attachment_kind(doc, &doc->attachments[i], &ak);
                found = ak && strcmp(ak, kind) == 0;
                free(ak);
            }
            if (kind && !found) {
                /* At the paragraph that says it. */
                vb_pos pos = n->pos;
                for (const vb_node *p = n; p; p = vb_node_next_preorder(p, n))
                    if (p->kind == VB_NODE_PARAGRAPH) {
                        char *pt = vb_inline_plain(&p->content);
                        char *pl = vb_lower_vi(pt);
                        int here = strstr(pl, phrase) != NULL;
                        free(pt);
                        free(pl);
                        if (here) {
                            pos = p->pos;
                            break;
                        }
                    }
                vb_diag(diags, VB_SEV_ERROR, pos, "ND-ATTACHED-MISSING",
                        "Điều này ban hành %s kèm theo nhưng văn bản không có nó: thêm `van_ban_kem_theo` (loai, trich_yeu, noi_dung)",
                        "this Điều issues a %s with the document, which does not carry it: add `van_ban_kem_theo` (loai, trich_yeu, noi_dung)",
                        kind);
            }
            free(text);
        }
    }
    free(phrase);
}
