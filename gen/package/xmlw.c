#include "xmlw.h"

#include <libxml/xmlwriter.h>
#include <stdio.h>
#include <stdlib.h>

#include "model/model.h"
#include "deflate_stream.h"
#include "zip_package.h"

struct vb_xml {
    xmlBufferPtr buffer; /* a writer into memory, or */
    vb_deflate_stream *deflating; /* one into a compressor */
    xmlTextWriterPtr writer;
    int failed;
};

void vb_xml_free(vb_xml *x)
{
    if (!x)
        return;
    if (x->writer)
        xmlFreeTextWriter(x->writer);
    if (x->buffer)
        xmlBufferFree(x->buffer);
    vb_deflate_stream_free(x->deflating);
    free(x);
}

#define CHECK(call)                                                                             \
    do {                                                                                        \
        if (!x->failed && (call) < 0)                                                           \
            x->failed = 1;                                                                      \
    } while (0)

#define CHECK_FINISH(x)                                                                         \
    do {                                                                                        \
        if (!(x)->failed && (xmlTextWriterEndDocument((x)->writer) < 0 ||                       \
                             xmlTextWriterFlush((x)->writer) < 0))                              \
            (x)->failed = 1;                                                                    \
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

static int deflating_write(void *ctx, const char *data, int len)
{
    return vb_deflate_stream_write(ctx, data, (size_t)len) < 0 ? -1 : len;
}

static int deflating_close(void *ctx)
{
    (void)ctx; /* the stream outlives the writer */
    return 0;
}

vb_xml *vb_xml_new_deflating(int standalone)
{
    vb_xml *x = vb_xcalloc(1, sizeof *x);
    x->deflating = vb_deflate_stream_new(VB_PACKAGE_DEFLATE_LEVEL);
    xmlOutputBufferPtr out =
        xmlOutputBufferCreateIO(deflating_write, deflating_close, x->deflating, NULL);
    x->writer = out ? xmlNewTextWriter(out) : NULL;
    if (!x->writer || xmlTextWriterStartDocument(x->writer, "1.0", "UTF-8",
                                                 standalone ? "yes" : NULL) < 0)
        x->failed = 1;
    return x;
}

vb_deflate_stream *vb_xml_finish_deflated(vb_xml *x, char *reason, size_t reason_size)
{
    CHECK_FINISH(x);
    if (x->writer) {
        xmlFreeTextWriter(x->writer); /* flushes the last bytes into the stream */
        x->writer = NULL;
    }
    vb_deflate_stream *stream = x->deflating;
    x->deflating = NULL;
    int failed = vb_deflate_stream_finish(stream) < 0 || x->failed;
    vb_xml_free(x);
    if (failed) {
        if (reason && reason_size)
            snprintf(reason, reason_size, "%s",
                     vb_deflate_stream_error(stream) ? vb_deflate_stream_error(stream) : "");
        vb_deflate_stream_free(stream);
        return NULL;
    }
    return stream;
}

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

