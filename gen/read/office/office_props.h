/* Formatting as one level of a style hierarchy says it: a DOCX style and the styles it is
 * basedOn, an ODT style and its parents, then a paragraph's or a run's direct formatting.
 * Each extractor keeps a level as a struct of int properties, OF_UNSAID where the level
 * says nothing, and a font name, "" where it says nothing, and names those fields once (by
 * offsetof). Laid over another level, a level replaces what it says and keeps the rest. */
#ifndef VB_OFFICE_PROPS_H
#define VB_OFFICE_PROPS_H

#include <stddef.h>

#define OF_UNSAID (-1)

typedef struct {
    const size_t *ints;   /* offsetof of each int property */
    size_t int_count;
    size_t font;          /* offsetof of the font name, a char array of font_size */
    size_t font_size;
} of_props_fields;

/* Every property of `props` unsaid. */
void of_props_unset(void *props, const of_props_fields *fields);
/* What `over` says replaces what `props` had. */
void of_props_overlay(void *props, const void *over, const of_props_fields *fields);

#endif
