/* meta.xml: generator, title, author, language and a date that never comes from the clock. */
#include "odt.h"

#include "layout/format.h"

int vb_odt_meta_xml(const vb_document *doc, long long epoch, vb_part *out)
{
    char when[32];
    vb_format_timestamp(doc, epoch, when, sizeof when);
    vb_xml *x = vb_xml_new(0);
    vb_xml_start(x, "office:document-meta");
    vb_xml_attr(x, "xmlns:office", VB_ODF_OFFICE);
    vb_xml_attr(x, "xmlns:meta", VB_ODF_META);
    vb_xml_attr(x, "xmlns:dc", VB_ODF_DC);
    vb_xml_attr(x, "office:version", VB_ODF_VERSION);
    vb_xml_start(x, "office:meta");
    vb_xml_start(x, "meta:generator");
    vb_xml_text(x, "vanban/" VB_VERSION);
    vb_xml_end(x);
    if (doc->subject.text) {
        vb_xml_start(x, "dc:title");
        vb_xml_text(x, doc->subject.text);
        vb_xml_end(x);
    }
    if (doc->issuer.count) {
        vb_xml_start(x, "meta:initial-creator");
        for (size_t i = 0; i < doc->issuer.count; i++) {
            if (i)
                vb_xml_text(x, " ");
            vb_xml_text(x, doc->issuer.items[i].text);
        }
        vb_xml_end(x);
    }
    vb_xml_start(x, "meta:creation-date");
    vb_xml_text(x, when);
    vb_xml_end(x);
    vb_xml_start(x, "dc:date");
    vb_xml_text(x, when);
    vb_xml_end(x);
    vb_xml_start(x, "dc:language");
    vb_xml_text(x, "vi-VN");
    vb_xml_end(x);
    vb_xml_end(x);
    vb_xml_end(x);
    return vb_part_take(out, "meta.xml", x);
}
