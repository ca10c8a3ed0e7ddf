#include "xmlw.h"

#include <libxml/xmlwriter.h>
#include <stdio.h>
#include <stdlib.h>

#include "model.h"

struct vb_xml {
    xmlBufferPtr buffer;
    xmlTextWriterPtr writer;
    int failed;
};

vb_xml *vb_xml_new(int standalone)
{
    vb_xml *x = vb_xcalloc(1, sizeof *x);
    x->buffer = xmlBufferCreate();
    x->writer = x->buffer ? xmlNewTextWriterMemory(x->buffer, 0) : NULL;
    if (!x->writer || xmlTextWriterStartDocument(x->writer, "1.0", "UTF-8",
                                                 standalone ? "yes" : NULL) < 0)
        x->failed = 1;
    return x;
}

void vb_xml_free(vb_xml *x)
{
    if (!x)
        return;
    if (x->writer)
        xmlFreeTextWriter(x->writer);
    if (x->buffer)
        xmlBufferFree(x->buffer);
    free(x);
}

#define CHECK(call)                                                                             \
    do {                                                                                        \
        if (!x->failed && (call) < 0)                                                           \
            x->failed = 1;                                                                      \
    } while (0)

void vb_xml_start(vb_xml *x, const char *name)
{
    CHECK(xmlTextWriterStartElement(x->writer, BAD_CAST name));
}

void vb_xml_end(vb_xml *x)
{
    CHECK(xmlTextWriterEndElement(x->writer));
}

void vb_xml_attr(vb_xml *x, const char *name, const char *value)
{
    CHECK(xmlTextWriterWriteAttribute(x->writer, BAD_CAST name, BAD_CAST value));
}

void vb_xml_attr_int(vb_xml *x, const char *name, long value)
{
    char buf[32];
    snprintf(buf, sizeof buf, "%ld", value);
    vb_xml_attr(x, name, buf);
}

void vb_xml_text(vb_xml *x, const char *text)
{
    CHECK(xmlTextWriterWriteString(x->writer, BAD_CAST text));
}

void vb_xml_empty(vb_xml *x, const char *name, const char *attr, const char *value)
{
    vb_xml_start(x, name);
    if (attr)
        vb_xml_attr(x, attr, value);
    vb_xml_end(x);
}

void vb_xml_empty_int(vb_xml *x, const char *name, const char *attr, long value)
{
    vb_xml_start(x, name);
    vb_xml_attr_int(x, attr, value);
    vb_xml_end(x);
}

int vb_xml_finish(vb_xml *x, const char **data, size_t *size)
{
    CHECK(xmlTextWriterEndDocument(x->writer));
    CHECK(xmlTextWriterFlush(x->writer));
    if (x->failed)
        return -1;
    *data = (const char *)xmlBufferContent(x->buffer);
    *size = (size_t)xmlBufferLength(x->buffer);
    return 0;
}
