#include "part.h"

#include <stdlib.h>
#include <string.h>

#include <stdio.h>

#include "model/model.h"
#include "deflate_stream.h"
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

int vb_part_take_deflated(vb_part *out, const char *name, vb_xml *x, char *err, size_t err_size)
{
    char reason[128] = "";
    out->name = name;
    out->data = NULL;
    out->size = 0;
    out->deflated = vb_xml_finish_deflated(x, reason, sizeof reason);
    if (!out->deflated) {
        snprintf(err, err_size, "cannot write %s: %s", name, *reason ? reason : "XML error");
        return -1;
    }
    return 0;
}

void vb_part_free(vb_part *part)
{
    free(part->data);
    part->data = NULL;
    vb_deflate_stream_free(part->deflated);
    part->deflated = NULL;
}

static int add_part(vb_package *pkg, vb_part *part, char *err, size_t err_size)
{
    if (!part->deflated)
        return vb_package_add(pkg, part->name, part->data, part->size, 1, err, err_size);
    if (vb_deflate_stream_wait(part->deflated) < 0) {
        const char *why = vb_deflate_stream_error(part->deflated);
        snprintf(err, err_size, "cannot write %s: %s", part->name, why ? why : "compression failed");
        return -1;
    }
    return vb_package_add_deflated(pkg, part->name, vb_deflate_stream_take(part->deflated),
                                   vb_deflate_stream_size(part->deflated),
                                   vb_deflate_stream_crc(part->deflated), err, err_size);
}

int vb_write_package(const char *path, const vb_template_store *templates, vb_part *parts,
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
