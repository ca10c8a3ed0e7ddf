/* Freeing the parts of a document beyond the core header, body and signature: ô 11–13,
 * the draft round, joint issuers and the documents issued with this one. */
#include <stdlib.h>

#include "model.h"

static void text_clear(vb_text *t)
{
    free(t->text);
    t->text = NULL;
}

static void signer_clear(vb_signer *s)
{
    vb_lines_free(&s->authority);
    text_clear(&s->title);
    text_clear(&s->name);
}

void vb_document_parts_free(vb_document *doc)
{
    text_clear(&doc->circulation);
    text_clear(&doc->drafter);
    text_clear(&doc->contact.address);
    text_clear(&doc->contact.phone);
    text_clear(&doc->contact.fax);
    text_clear(&doc->contact.email);
    text_clear(&doc->contact.website);
    for (size_t i = 0; i < doc->joint_issuer_count; i++)
        vb_lines_free(&doc->joint_issuers[i]);
    free(doc->joint_issuers);
    for (size_t i = 0; doc->joint_parent_bodies && i < doc->joint_issuer_count; i++)
        vb_lines_free(&doc->joint_parent_bodies[i]);
    free(doc->joint_parent_bodies);
    text_clear(&doc->issuer_running);
    for (size_t i = 0; i < doc->attachment_count; i++) {
        vb_attachment *a = &doc->attachments[i];
        text_clear(&a->type_code);
        vb_lines_free(&a->type_name);
        text_clear(&a->subject);
        text_clear(&a->attached_line);
        vb_node_free_tree(a->body);
        signer_clear(&a->signer);
    }
    free(doc->attachments);
}
