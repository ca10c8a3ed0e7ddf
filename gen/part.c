#include "part.h"

#include <stdlib.h>
#include <string.h>

#include "model.h"
#include "templates.h"
#include "zip_package.h"

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

int vb_write_package(const char *path, const vb_template_store *templates, const vb_part *parts,
                     size_t count, char *err, size_t err_size)
{
    vb_package *pkg = vb_package_open(path, err, err_size);
    if (!pkg)
        return -1;
    size_t statics_count = 0;
    const vb_template_part *statics = vb_template_store_parts(templates, &statics_count);
    for (size_t i = 0; i < statics_count; i++) {
        int compress = strcmp(statics[i].name, "mimetype") != 0;
        if (vb_package_add(pkg, statics[i].name, statics[i].data, statics[i].size, compress, err,
                           err_size) < 0)
            goto fail;
    }
    for (size_t i = 0; i < count; i++)
        if (vb_package_add(pkg, parts[i].name, parts[i].data, parts[i].size, 1, err, err_size) < 0)
            goto fail;
    return vb_package_commit(pkg, err, err_size);
fail:
    vb_package_abort(pkg);
    return -1;
}
