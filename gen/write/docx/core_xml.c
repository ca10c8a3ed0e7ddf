/* docProps/core.xml: title, author and a date that never comes from the clock. */
#include "docx.h"

#include "layout/format.h"

int vb_docx_core_xml(const vb_document *doc, long long epoch, vb_part *out)
{
    char when[32];
    vb_format_timestamp(doc, epoch, when, sizeof when);
    vb_xml *x = vb_xml_new(1);
    vb_xml_start(x, "cp:coreProperties");
    vb_xml_attr(x, "xmlns:cp", "http://schemas.openxmlformats.org/package/2006/metadata/core-properties");
    vb_xml_attr(x, "xmlns:dc", "http://purl.org/dc/elements/1.1/");
    vb_xml_attr(x, "xmlns:dcterms", "http://purl.org/dc/terms/");
    vb_xml_attr(x, "xmlns:xsi", "http://www.w3.org/2001/XMLSchema-instance");
    if (doc->subject.text) {
        vb_xml_start(x, "dc:title");
        vb_xml_text(x, doc->subject.text);
        vb_xml_end(x);
    }
    if (doc->issuer.count) {
        vb_xml_start(x, "dc:creator");
        for (size_t i = 0; i < doc->issuer.count; i++) {
            if (i)
                vb_xml_text(x, " ");
            vb_xml_text(x, doc->issuer.items[i].text);
        }
        vb_xml_end(x);
    }
    vb_xml_start(x, "dc:language");
    vb_xml_text(x, "vi-VN");
    vb_xml_end(x);
    vb_xml_start(x, "dcterms:created");
    vb_xml_attr(x, "xsi:type", "dcterms:W3CDTF");
    vb_xml_text(x, when);
    vb_xml_end(x);
    vb_xml_start(x, "dcterms:modified");
    vb_xml_attr(x, "xsi:type", "dcterms:W3CDTF");
    vb_xml_text(x, when);
    vb_xml_end(x);
    vb_xml_end(x);
    return vb_part_take(out, "docProps/core.xml", x);
}
