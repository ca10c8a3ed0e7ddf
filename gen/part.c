#include "part.h"

#include <stdlib.h>
#include <string.h>

#include <stdio.h>

#include "model.h"
#include "spool.h"
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

int vb_part_take_spool(vb_part *out, const char *name, vb_xml *x)
{
    out->name = name;
    out->data = NULL;
    out->size = 0;
    out->spool = vb_xml_finish_spool(x);
    return out->spool ? 0 : -1;
}

void vb_part_free(vb_part *part)
{
    free(part->data);
    part->data = NULL;
    vb_spool_free(part->spool);
    part->spool = NULL;
}

static int add_part(vb_package *pkg, const vb_part *part, char *err, size_t err_size)
{
    if (!part->spool)
        return vb_package_add(pkg, part->name, part->data, part->size, 1, err, err_size);
    size_t size = 0;
    FILE *file = NULL;
    const char *data = vb_spool_take(part->spool, &size, &file);
    if (file)
        return vb_package_add_file(pkg, part->name, file, 1, err, err_size);
    if (!data) {
        snprintf(err, err_size, "cannot write %s: %s", part->name,
                 vb_spool_error(part->spool) ? vb_spool_error(part->spool) : "I/O error");
        return -1;
    }
    return vb_package_add(pkg, part->name, data, size, 1, err, err_size);
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
        if (add_part(pkg, &parts[i], err, err_size) < 0)
            goto fail;
    return vb_package_commit(pkg, err, err_size);
fail:
    vb_package_abort(pkg);
    return -1;
}
