/* The ODT package: mimetype first and stored (ODF 1.3 Part 2 §3.3), the static parts from
 * the template store, then the generated parts; deterministic and atomic. */
#include "odt.h"

#include <stdio.h>
#include <string.h>


enum { PART_CONTENT, PART_STYLES, PART_META, PART_COUNT };

int vb_odt_write(const vb_document *doc, const vb_layout *layout, const vb_template_store *templates,
                 long long epoch, const char *path, char *err, size_t err_size)
{
    vb_part parts[PART_COUNT];
    memset(parts, 0, sizeof parts);
    int rc = -1;

    if (vb_odt_content_xml(doc, layout, &parts[PART_CONTENT], err, err_size) < 0)
        goto done;
    if (vb_odt_styles_xml(layout, doc, &parts[PART_STYLES]) < 0 ||
        vb_odt_meta_xml(doc, epoch, &parts[PART_META]) < 0) {
        snprintf(err, err_size, "internal error while writing the XML of %s", path);
        goto done;
    }
    rc = vb_write_package(path, templates, parts, PART_COUNT, err, err_size);
done:
    for (int i = 0; i < PART_COUNT; i++)
        vb_part_free(&parts[i]);
    return rc;
}
