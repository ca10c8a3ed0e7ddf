#include "yaml_path.h"

#include <stdlib.h>
#include <string.h>
#include <yaml.h>

#include "layout/format.h" /* vb_buf */
#include "model/model.h"

enum { MAX_DEPTH = 512 };

typedef struct {
    int is_map;
    int key_next;   /* a mapping: its next node is a key */
    char *path;     /* this collection's own path */
    char *last_key; /* a mapping: the key of the value being read */
} level;

/* Whether the mark (0-based) is at or before (line, column) (1-based). */
static int at_or_before(yaml_mark_t m, unsigned line, unsigned column)
{
    unsigned l = (unsigned)m.line + 1, c = (unsigned)m.column + 1;
    return l < line || (l == line && c <= column);
}

static char *joined(const char *path, const char *sep, const char *name)
{
    vb_buf b = {0};
    vb_buf_add(&b, path);
    if (*path && *sep)
        vb_buf_add(&b, sep);
    vb_buf_add(&b, name);
    return b.data ? b.data : vb_strdup("");
}

void vb_yaml_place_at(const char *data, size_t len, unsigned line, unsigned column,
                      vb_yaml_place *out)
{
    yaml_parser_t parser;
    yaml_event_t event;
    yaml_parser_initialize(&parser);
    yaml_parser_set_input_string(&parser, (const unsigned char *)data, len);
    level *levels = vb_xcalloc(MAX_DEPTH, sizeof *levels);
    int depth = 0; /* levels in use; deeper collections are read but not tracked */
    int untracked = 0;
    char *best_path = vb_strdup(""), *best_text = vb_strdup("");
    for (int done = 0; !done;) {
        if (!yaml_parser_parse(&parser, &event))
            break;
        done = event.type == YAML_STREAM_END_EVENT;
        int opens = event.type == YAML_SEQUENCE_START_EVENT || event.type == YAML_MAPPING_START_EVENT;
        int starts = opens || event.type == YAML_SCALAR_EVENT || event.type == YAML_ALIAS_EVENT;
        if (starts && !untracked) {
            level *parent = depth > 0 ? &levels[depth - 1] : NULL;
            const char *text = event.type == YAML_SCALAR_EVENT ? (const char *)event.data.scalar.value : "";
            char *path;
            if (!parent) {
                path = vb_strdup("");
            } else if (!parent->is_map) {
                path = joined(parent->path, "", "[]");
            } else if (parent->key_next) {
                free(parent->last_key);
                parent->last_key = vb_strdup(text); /* a key that is a collection: "" */
                path = joined(parent->path, ".", text);
            } else {
                path = joined(parent->path, ".", parent->last_key ? parent->last_key : "");
            }
            if (parent && parent->is_map)
                parent->key_next = !parent->key_next;
            if (at_or_before(event.start_mark, line, column)) {
                free(best_path);
                free(best_text);
                best_path = vb_strdup(path);
                best_text = vb_strdup(text);
            }
            if (opens && depth < MAX_DEPTH) {
                levels[depth].is_map = event.type == YAML_MAPPING_START_EVENT;
                levels[depth].key_next = 1;
                levels[depth].path = path;
                levels[depth].last_key = NULL;
                depth++;
            } else {
                if (opens)
                    untracked++;
                free(path);
            }
        } else if (opens) {
            untracked++;
        } else if (event.type == YAML_SEQUENCE_END_EVENT || event.type == YAML_MAPPING_END_EVENT) {
            if (untracked) {
                untracked--;
            } else if (depth > 0) {
                depth--;
                free(levels[depth].path);
                free(levels[depth].last_key);
            }
        }
        yaml_event_delete(&event);
    }
    while (depth > 0) {
        depth--;
        free(levels[depth].path);
        free(levels[depth].last_key);
    }
    yaml_parser_delete(&parser);
    free(levels);
    out->path = best_path;
    out->text = best_text;
}

void vb_yaml_place_free(vb_yaml_place *place)
{
    free(place->path);
    free(place->text);
    place->path = place->text = NULL;
}
