#include "part.h"

#include <stdlib.h>
#include <string.h>

#include "model.h"

int vb_part_take(vb_part *out, const char *name, vb_xml *x)
{
    const char *data;
    size_t size;
    out->name = name;
    out->data = NULL;
    out->size = 0;
    if (vb_xml_finish(x, &data, &size) < 0) {
        vb_xml_free(x);
        return -1;
    }
    out->data = vb_xmalloc(size + 1);
    memcpy(out->data, data, size);
    out->data[size] = '\0';
    out->size = size;
    vb_xml_free(x);
    return 0;
}

void vb_part_free(vb_part *part)
{
    free(part->data);
    part->data = NULL;
}
