/* What the parts of the YAML reader share: the reader's state and its helpers for values
 * with positions (yaml_nodes.c). yaml_reader.c reads the document's top level and calls, in
 * one direction only, yaml_appendices.c (phu_luc) → yaml_body.c (noi_dung) → yaml_tables.c
 * (bang). Not for use outside the reader. */
#ifndef VB_YAML_INTERNAL_H
#define VB_YAML_INTERNAL_H

#include <yaml.h>

#include "model/diag.h"
#include "model/model.h"
#include "viet/tone.h"
#include "yaml_reader.h"

typedef struct {
    const vb_vars *vars; /* placeholder values, or NULL */
    int tone_style;   /* every text gets this tone-mark placement (dau_thanh) */
    const char *data; /* the input, for positions inside block scalars */
    size_t len;
    yaml_document_t *ydoc;
    vb_document *doc;
    vb_diagnostics *diags;
    size_t visits, visit_budget;
    size_t text_bytes, text_budget; /* scalar bytes read, aliases counted each time */
    int budget_reported;
    vb_tone_cache *tone_cache; /* the document's, for yr_scalar_text_styled */
    /* The mapping whose pairs are being read, and the keys an unknown key was taken for
     * ("noi_nhann": did you mean `noi_nhan`?) in each mapping: one typo is one error, not
     * also "`noi_nhan` is missing". */
    yaml_node_t *current_map;
    struct {
        yaml_node_t *map;
        const char *key;
    } suggested[32];
    size_t suggested_count;
} reader;

#define VI_EN(vi, en) vi, en

vb_pos yr_pos_of(reader *r, yaml_node_t *node);
/* Counts a visit; 0 once an alias bomb has used up the budget (reported once). */
int yr_visit(reader *r, yaml_node_t *node);
const char *yr_kind_name(reader *r, yaml_node_t *node);
void yr_type_error(reader *r, yaml_node_t *node, const char *key, const char *want_vi,
                   const char *want_en);
int yr_is_null_scalar(yaml_node_t *node);
/* NFC, trimmed, placeholders filled, tone marks styled; NULL for null/empty. */
char *yr_scalar_text_styled(reader *r, yaml_node_t *node);
#define scalar_text(node) yr_scalar_text_styled(r, (node))
int yr_read_text(reader *r, yaml_node_t *node, const char *key, vb_text *out);
int yr_read_lines(reader *r, yaml_node_t *node, const char *key, vb_lines *out);
void yr_unknown_key(reader *r, yaml_node_t *key_node, const char *key, const char *const *known,
                    const char *where);
typedef int (*pair_fn)(reader *r, const char *key, yaml_node_t *key_node, yaml_node_t *value,
                       void *ctx);
/* Calls fn for each pair of a mapping, rejecting non-text and duplicate keys. */
int yr_for_each_pair(reader *r, yaml_node_t *map, pair_fn fn, void *ctx);
/* Whether an unknown key of `map` was reported as a misspelling of `key`: then the key's
 * absence is the same mistake, already reported. */
int yr_misspelt(const reader *r, yaml_node_t *map, const char *key);
int yr_read_enum(reader *r, yaml_node_t *v, const char *key, const char *const *allowed, int *out);
/* `huong`: doc (portrait) or ngang (landscape). */
int yr_read_orientation(reader *r, yaml_node_t *node, int *landscape);
/* Messages in English for this run. */
int yr_english(const reader *r);
/* YYYY-MM-DD, YYYY-MM or YYYY (missing parts 0): 1 read, 0 not such a date, -1 one that
 * does not exist. */
int yr_parse_date(const char *s, vb_date *out);
int yr_read_date(reader *r, yaml_node_t *node, const char *key, vb_date *out);

/* yaml_folded.c: warns where a line "- …" indented one space too many was folded into the
 * list item above it (YAML-FOLDED), with both positions. */
void yr_check_folded_items(reader *r);

/* yaml_body.c: a body's blocks (paragraphs, sections, tasks, tables) into `parent`. */
int yr_read_blocks(reader *r, yaml_node_t *seq, vb_node *parent, int depth);

/* yaml_tables.c: a `bang:` block, appended to `parent` as a VB_NODE_TABLE. */
int yr_read_table(reader *r, yaml_node_t *key_node, yaml_node_t *value, vb_node *parent);

/* yaml_appendices.c: `phu_luc:`, the document's appendices. */
int yr_read_appendices(reader *r, yaml_node_t *value);
/* The Phụ lục of each nhiem_vu block shown as one (trinh_bay: phu_luc), put first. */
void yr_add_task_appendices(reader *r);

/* yaml_reader.c: one signer (quyen_han, chuc_vu, ho_ten) into *s. */
int yr_read_signer(reader *r, yaml_node_t *node, vb_signer *s);

/* yaml_parts.c: ô 11–13, the draft round, joint issuers, the issuer in running text and
 * the documents issued with this one; NULL where the key is absent. */
typedef struct {
    yaml_node_t *circulation, *drafter, *copies, *contact, *draft_round, *joint_issuers,
        *issuer_running, *attachments, *issuer, *parent_body;
} yr_parts_nodes;
int yr_read_parts(reader *r, const yr_parts_nodes *nodes);

#endif
