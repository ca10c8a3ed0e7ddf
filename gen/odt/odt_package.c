/* The ODT package: mimetype first and stored (ODF 1.3 Part 2 §3.3), the static parts from
 * the template store, then the generated parts; deterministic and atomic. */
#include "odt.h"

#include <stdio.h>
#include <string.h>

#include "../zip_package.h"

enum { PART_CONTENT, PART_STYLES, PART_META, PART_COUNT };

int vb_odt_write(const vb_document *doc, const vb_layout *layout, const vb_template_store *templates,
                 long long epoch, const char *path, char *err, size_t err_size)
{
    vb_part parts[PART_COUNT];
    memset(parts, 0, sizeof parts);
    int rc = -1;
    vb_package *pkg = NULL;

    if (vb_odt_content_xml(doc, layout, &parts[PART_CONTENT]) < 0 ||
        vb_odt_styles_xml(layout, &parts[PART_STYLES]) < 0 ||
        vb_odt_meta_xml(doc, epoch, &parts[PART_META]) < 0) {
        snprintf(err, err_size, "internal error while writing the XML of %s", path);
        goto done;
    }
    pkg = vb_package_open(path, err, err_size);
    if (!pkg)
        goto done;
    size_t count = 0;
    const vb_template_part *statics = vb_template_store_parts(templates, &count);
    for (size_t i = 0; i < count; i++) {
        int compress = strcmp(statics[i].name, "mimetype") != 0;
        if (vb_package_add(pkg, statics[i].name, statics[i].data, statics[i].size, compress, err,
                           err_size) < 0)
            goto done;
    }
    for (int i = 0; i < PART_COUNT; i++)
        if (vb_package_add(pkg, parts[i].name, parts[i].data, parts[i].size, 1, err, err_size) < 0)
            goto done;
    rc = vb_package_commit(pkg, err, err_size);
    pkg = NULL;
done:
    vb_package_abort(pkg);
    for (int i = 0; i < PART_COUNT; i++)
        vb_part_free(&parts[i]);
    return rc;
}
