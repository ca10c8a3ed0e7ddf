#include "yaml_scalars.h"

#include <stdlib.h>
#include <string.h>
#include <yaml.h>

#include "model/model.h"

static void add(vb_yaml_scalars *out, const yaml_mark_t *start, const yaml_mark_t *end, int style,
                int is_key)
{
    if (out->count == out->cap) {
        out->cap = out->cap ? out->cap * 2 : 64;
        out->items = vb_xrealloc(out->items, out->cap * sizeof *out->items);
    }
    out->items[out->count++] = (vb_yaml_scalar){start->index, end->index, style, is_key};
}

int vb_yaml_scalars_of_text(const char *data, size_t len, vb_yaml_scalars *out,
                            void (*each_event)(void *context, const yaml_event_t *event),
                            void *context)
{
    enum { MAX_TRACKED = 512 };
    yaml_parser_t parser;
    yaml_event_t event;
    yaml_parser_initialize(&parser);
    yaml_parser_set_input_string(&parser, (const unsigned char *)data, len);
    /* Per open collection: 1 = mapping expecting a key, 2 = mapping expecting a value, 0 = sequence. */
    int stack[MAX_TRACKED];
    int depth = 0, ok = 1, done = 0, root_key_dau_thanh = 0;
    while (!done) {
        if (!yaml_parser_parse(&parser, &event)) {
            if (parser.error == YAML_MEMORY_ERROR)
                vb_out_of_memory();
            ok = 0;
            break;
        }
        if (each_event)
            each_event(context, &event);
        switch (event.type) {
        case YAML_MAPPING_START_EVENT:
        case YAML_SEQUENCE_START_EVENT:
            if (depth > 0 && depth <= MAX_TRACKED && stack[depth - 1] == 2)
                stack[depth - 1] = 1;
            else if (depth > 0 && depth <= MAX_TRACKED && stack[depth - 1] == 1)
                stack[depth - 1] = 2;
            if (depth < MAX_TRACKED)
                stack[depth] = event.type == YAML_MAPPING_START_EVENT ? 1 : 0;
            depth++;
            break;
        case YAML_MAPPING_END_EVENT:
        case YAML_SEQUENCE_END_EVENT:
            depth--;
            break;
        case YAML_SCALAR_EVENT: {
            int is_key = depth > 0 && depth <= MAX_TRACKED && stack[depth - 1] == 1;
            if (depth > 0 && depth <= MAX_TRACKED && stack[depth - 1] != 0)
                stack[depth - 1] = is_key ? 2 : 1;
            const char *value = (const char *)event.data.scalar.value;
            if (depth == 1 && !is_key && root_key_dau_thanh && !out->tone_name)
                out->tone_name = vb_strdup(value);
            root_key_dau_thanh = depth == 1 && is_key && strcmp(value, "dau_thanh") == 0;
            add(out, &event.start_mark, &event.end_mark, (int)event.data.scalar.style, is_key);
            break;
        }
        case YAML_ALIAS_EVENT:
            if (depth > 0 && depth <= MAX_TRACKED && stack[depth - 1] != 0)
                stack[depth - 1] = stack[depth - 1] == 1 ? 2 : 1;
            break;
        case YAML_STREAM_END_EVENT:
            done = 1;
            break;
        default:
            break;
        }
        yaml_event_delete(&event);
    }
    yaml_parser_delete(&parser);
    return ok;
}

/* One open node of the walk: a sequence's items, or a mapping's keys and values in turn. */
typedef struct {
    yaml_node_t *node;
    size_t next; /* the next slot: an item, or (mappings) 2 × pair + 1 for the value */
} walk_frame;

void vb_yaml_scalars_of_document(yaml_document_t *document, vb_yaml_scalars *out)
{
    size_t count = (size_t)(document->nodes.top - document->nodes.start);
    if (count == 0)
        return;
    /* Nodes are numbered in the order they are written, and a node is written where it is
     * first reached from the root: later references are aliases. The walk marks where each
     * node is written (as a key or not); the list then follows the numbering. */
    unsigned char *seen = vb_xmalloc(count + 1), *is_key = vb_xmalloc(count + 1);
    memset(seen, 0, count + 1);
    memset(is_key, 0, count + 1);
    size_t cap = 64, depth = 0;
    walk_frame *stack = vb_xmalloc(cap * sizeof *stack);
    seen[1] = 1;
    stack[depth++] = (walk_frame){yaml_document_get_node(document, 1), 0};
    while (depth > 0) {
        walk_frame *top = &stack[depth - 1];
        yaml_node_t *node = top->node;
        int child = 0, as_key = 0, root_value_of = 0;
        if (node->type == YAML_SEQUENCE_NODE &&
            top->next < (size_t)(node->data.sequence.items.top - node->data.sequence.items.start)) {
            child = node->data.sequence.items.start[top->next++];
        } else if (node->type == YAML_MAPPING_NODE &&
                   top->next < 2 * (size_t)(node->data.mapping.pairs.top - node->data.mapping.pairs.start)) {
            yaml_node_pair_t *pair = &node->data.mapping.pairs.start[top->next / 2];
            as_key = top->next % 2 == 0;
            child = as_key ? pair->key : pair->value;
            /* The root's dau_thanh, when both it and its value are written there. */
            if (!as_key && depth == 1 && seen[pair->key] == 2)
                root_value_of = pair->key;
            top->next++;
        } else {
            depth--;
            continue;
        }
        yaml_node_t *c = yaml_document_get_node(document, child);
        if (!c || seen[child])
            continue;
        seen[child] = 1;
        is_key[child] = (unsigned char)as_key;
        if (c->type == YAML_SCALAR_NODE) {
            const char *value = (const char *)c->data.scalar.value;
            if (as_key && depth == 1 && strcmp(value, "dau_thanh") == 0)
                seen[child] = 2;
            if (root_value_of && !out->tone_name)
                out->tone_name = vb_strdup(value);
        } else {
            if (depth == cap) {
                cap *= 2;
                stack = vb_xrealloc(stack, cap * sizeof *stack);
            }
            stack[depth++] = (walk_frame){c, 0};
        }
    }
    for (size_t id = 1; id <= count; id++) {
        yaml_node_t *node = yaml_document_get_node(document, (int)id);
        if (seen[id] && node->type == YAML_SCALAR_NODE)
            add(out, &node->start_mark, &node->end_mark, (int)node->data.scalar.style, is_key[id]);
    }
    free(stack);
    free(seen);
    free(is_key);
}

void vb_yaml_scalars_free(vb_yaml_scalars *scalars)
{
    free(scalars->items);
    free(scalars->tone_name);
    memset(scalars, 0, sizeof *scalars);
}
