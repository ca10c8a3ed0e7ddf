/* libyaml's syntax errors in the reader's words: its problem ("did not find expected key")
 * and context ("while parsing a block mapping") as sentences in Vietnamese, and as libyaml
 * says them in English, with the position. */
#ifndef VB_READ_YAML_PROBLEMS_H
#define VB_READ_YAML_PROBLEMS_H

#include <yaml.h>

#include "model/diag.h"

/* Adds the YAML-SYNTAX error of `parser`'s failure, at its problem's position. `parser`
 * reads a string (yaml_parser_set_input_string): a tab in a line's indentation is named from
 * the text. */
void vb_yaml_syntax_error(vb_diagnostics *diags, const char *file, const yaml_parser_t *parser);

/* The Vietnamese of a libyaml problem or context text, or NULL when it is not known. */
const char *vb_yaml_problem_vi(const char *libyaml_text);

/* The table: libyaml's texts and their Vietnamese (for the tests). */
typedef struct {
    const char *libyaml;
    const char *vi;
} vb_yaml_problem_text;
const vb_yaml_problem_text *vb_yaml_problem_texts(size_t *count);

#endif
