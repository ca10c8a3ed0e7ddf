/* A thin layer over libxml2's xmlTextWriter: all XML vanban writes goes through it, so
 * escaping happens in one place and the first error sticks (no lost I/O errors). */
#ifndef VB_XMLW_H
#define VB_XMLW_H

#include <stddef.h>

typedef struct vb_xml vb_xml;

/* A writer into memory, with the XML declaration written. Free with vb_xml_free(). */
vb_xml *vb_xml_new(int standalone);
void vb_xml_free(vb_xml *x);

void vb_xml_start(vb_xml *x, const char *name);
void vb_xml_end(vb_xml *x);
void vb_xml_attr(vb_xml *x, const char *name, const char *value);
void vb_xml_attr_int(vb_xml *x, const char *name, long value);
void vb_xml_text(vb_xml *x, const char *text);
/* An empty element with one attribute, the shape most WordprocessingML properties take. */
void vb_xml_empty(vb_xml *x, const char *name, const char *attr, const char *value);
void vb_xml_empty_int(vb_xml *x, const char *name, const char *attr, long value);

struct vb_deflate_stream;
/* A writer whose bytes are deflated as they come, in chunks, by the shared deflate worker
 * (deflate_stream.c), and kept compressed: for parts that may be large (a 100 000-row
 * table). */
vb_xml *vb_xml_new_deflating(int standalone);
/* Ends the document and frees `x`; the compression of the last chunks may still run (the
 * stream's wait, crc, size and take wait for it). Returns the finished stream
 * (the caller frees it), or NULL when any call, the compression or a write failed; then
 * *reason, when not NULL, says why if the system did ("No space left on device"). */
struct vb_deflate_stream *vb_xml_finish_deflated(vb_xml *x, char *reason, size_t reason_size);

/* Ends the document. Returns 0 and points *data and *size at the bytes (owned by x), or -1
 * when any call failed. */
int vb_xml_finish(vb_xml *x, const char **data, size_t *size);

#endif
