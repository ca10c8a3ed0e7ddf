#include "office_props.h"

#include <string.h>

static int *int_at(void *props, size_t offset)
{
    return (int *)(void *)((char *)props + offset);
}

static const int *int_in(const void *props, size_t offset)
{
    return (const int *)(const void *)((const char *)props + offset);
}

void of_props_unset(void *props, const of_props_fields *fields)
{
    for (size_t i = 0; i < fields->int_count; i++)
        *int_at(props, fields->ints[i]) = OF_UNSAID;
    ((char *)props)[fields->font] = '\0';
}

void of_props_overlay(void *props, const void *over, const of_props_fields *fields)
{
    for (size_t i = 0; i < fields->int_count; i++) {
        int said = *int_in(over, fields->ints[i]);
        if (said != OF_UNSAID)
            *int_at(props, fields->ints[i]) = said;
    }
    const char *font = (const char *)over + fields->font;
    if (font[0])
        memcpy((char *)props + fields->font, font, fields->font_size);
}
