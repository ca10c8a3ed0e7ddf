#include "office_package.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define KIB 1024ull
#define MIB (1024ull * KIB)

vb_office_limits vb_office_limits_in_force = {
    .main_part = 512 * MIB,
    .small_part = 32 * MIB,
    .total = 1024 * MIB,
    .ratio_floor = 1 * MIB,
    .max_ratio = 1000,
    .max_depth = 256,
};

void of_fail(of_package *pkg, const char *vi, const char *en, ...)
{
    char message[600];
    va_list ap;
    va_start(ap, en);
    vsnprintf(message, sizeof message, pkg->diags->lang == VB_LANG_EN ? en : vi, ap);
    va_end(ap);
    vb_pos pos = {pkg->shown, 1, 1};
    vb_diag(pkg->diags, VB_SEV_ERROR, pos, "OFFICE-READ", "%s", "%s", message);
    pkg->failed = 1;
}

static const char *size_text(uint64_t n, char *buf, size_t size)
{
    if (n >= MIB)
        snprintf(buf, size, "%llu MiB", (unsigned long long)(n / MIB));
    else
        snprintf(buf, size, "%llu KiB", (unsigned long long)((n + KIB - 1) / KIB));
    return buf;
}

/* What a file that is not a zip is, from its first bytes. */
static void explain_not_zip(of_package *pkg, const char *path)
{
    unsigned char head[8] = {0};
    FILE *f = fopen(path, "rb");
    size_t n = f ? fread(head, 1, sizeof head, f) : 0;
    if (f)
        fclose(f);
    static const unsigned char ole[8] = {0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1};
    const char *dot = strrchr(path, '.');
    int named_doc = dot && (strcmp(dot, ".doc") == 0 || strcmp(dot, ".DOC") == 0);
    if (n == 8 && memcmp(head, ole, 8) == 0) {
        if (named_doc)
            of_fail(pkg, "đây là tệp Word cũ (.doc, tệp OLE), không phải .docx: hãy mở và lưu lại dưới dạng .docx",
                    "this is a legacy Word file (.doc, an OLE compound file), not a .docx: open it and save it as .docx");
        else
            of_fail(pkg, "tệp là tệp OLE, không phải zip: hoặc là tệp .docx có mật khẩu (hãy lưu lại không đặt mật khẩu), hoặc là tệp Word cũ .doc (hãy lưu lại dưới dạng .docx)",
                    "the file is an OLE compound file, not a zip: either a password-protected .docx (save it without a password) or a legacy .doc (save it as .docx)");
        return;
    }
    if (n >= 5 && memcmp(head, "{\\rtf", 5) == 0) {
        of_fail(pkg, "đây là tệp RTF, không phải .docx: hãy mở và lưu lại dưới dạng .docx",
                "this is an RTF file, not a .docx: open it and save it as .docx");
        return;
    }
    of_fail(pkg, "tệp không phải DOCX/ODT (không phải tệp zip)", "the file is not a DOCX/ODT (not a zip file)");
}

int of_package_open(of_package *pkg, const char *path, const char *shown, vb_diagnostics *diags)
{
    memset(pkg, 0, sizeof *pkg);
    pkg->shown = shown;
    pkg->diags = diags;
    int code = 0;
    pkg->zip = zip_open(path, ZIP_RDONLY, &code);
    if (pkg->zip)
        return 0;
    if (code == ZIP_ER_NOZIP || code == ZIP_ER_INCONS) {
        explain_not_zip(pkg, path);
    } else {
        zip_error_t e;
        zip_error_init_with_code(&e, code);
        of_fail(pkg, "không mở được tệp: %s", "cannot open the file: %s", zip_error_strerror(&e));
        zip_error_fini(&e);
    }
    return -1;
}

void of_package_close(of_package *pkg)
{
    if (pkg->zip)
        zip_discard(pkg->zip);
    pkg->zip = NULL;
}

int of_package_has(of_package *pkg, const char *part)
{
    return zip_name_locate(pkg->zip, part, 0) >= 0;
}

/* libxml2 pulls the part through this, so every byte inflated is counted. */
static int read_part(void *context, char *buffer, int len)
{
    of_xml *x = context;
    zip_int64_t n = zip_fread(x->file, buffer, (zip_uint64_t)len);
    char a[32];
    if (n < 0) {
        of_fail(x->pkg, "%s: không đọc được: %s", "%s: cannot be read: %s", x->part,
                zip_error_strerror(zip_file_get_error(x->file)));
        return -1;
    }
    x->inflated += (uint64_t)n;
    x->pkg->inflated += (uint64_t)n;
    if (x->inflated > x->limit || x->inflated > x->declared) {
        of_fail(x->pkg, "%s bung ra quá %s (tệp hỏng hoặc cố ý gây hại)",
                "%s inflates past %s (a damaged or hostile file)", x->part,
                size_text(x->inflated > x->limit ? x->limit : x->declared, a, sizeof a));
        return -1;
    }
    if (x->pkg->inflated > vb_office_limits_in_force.total) {
        of_fail(x->pkg, "các phần của tệp bung ra quá %s (tệp hỏng hoặc cố ý gây hại)",
                "the file's parts inflate past %s together (a damaged or hostile file)",
                size_text(vb_office_limits_in_force.total, a, sizeof a));
        return -1;
    }
    return (int)n;
}

static void xml_error(void *context, xmlErrorPtr error)
{
    of_xml *x = context;
    if (!error || error->level < XML_ERR_ERROR || x->pkg->failed)
        return;
    char message[400];
    snprintf(message, sizeof message, "%s", error->message ? error->message : "error");
    size_t n = strlen(message);
    while (n > 0 && (message[n - 1] == '\n' || message[n - 1] == ' '))
        message[--n] = '\0';
    of_fail(x->pkg, "%s, dòng %d: XML hỏng: %s", "%s, line %d: malformed XML: %s", x->part,
            error->line, message);
}

int of_xml_open(of_package *pkg, of_xml *x, const char *part, uint64_t limit)
{
    memset(x, 0, sizeof *x);
    x->pkg = pkg;
    x->limit = limit;
    zip_int64_t index = zip_name_locate(pkg->zip, part, 0);
    if (index < 0)
        return 0;
    x->part = strdup(part);
    zip_stat_t st;
    zip_stat_init(&st);
    char a[32], b[32];
    if (zip_stat_index(pkg->zip, (zip_uint64_t)index, 0, &st) != 0) {
        of_fail(pkg, "%s: %s", "%s: %s", part, zip_strerror(pkg->zip));
        of_xml_close(x);
        return -1;
    }
    if ((st.valid & ZIP_STAT_ENCRYPTION_METHOD) && st.encryption_method != ZIP_EM_NONE) {
        of_fail(pkg, "tệp có mật khẩu (%s được mã hóa): hãy lưu lại không đặt mật khẩu",
                "the file is password-protected (%s is encrypted): save it without a password", part);
        of_xml_close(x);
        return -1;
    }
    if ((st.valid & ZIP_STAT_SIZE) && st.size > limit) {
        of_fail(pkg, "%s bung ra %s, quá giới hạn %s (tệp hỏng hoặc cố ý gây hại)",
                "%s inflates to %s, over the %s limit (a damaged or hostile file)", part,
                size_text(st.size, a, sizeof a), size_text(limit, b, sizeof b));
        of_xml_close(x);
        return -1;
    }
    x->declared = (st.valid & ZIP_STAT_SIZE) ? st.size : limit;
    if ((st.valid & ZIP_STAT_SIZE) && (st.valid & ZIP_STAT_COMP_SIZE) &&
        st.size > vb_office_limits_in_force.ratio_floor &&
        st.size / vb_office_limits_in_force.max_ratio > st.comp_size) {
        of_fail(pkg, "%s bung từ %s ra %s, hơn %llu lần: đây là bom zip, không phải văn bản",
                "%s inflates from %s to %s, more than %llu times: a zip bomb, not a document",
                part, size_text(st.comp_size, a, sizeof a), size_text(st.size, b, sizeof b),
                (unsigned long long)vb_office_limits_in_force.max_ratio);
        of_xml_close(x);
        return -1;
    }
    x->file = zip_fopen_index(pkg->zip, (zip_uint64_t)index, 0);
    if (!x->file) {
        zip_error_t *e = zip_get_error(pkg->zip);
        if (zip_error_code_zip(e) == ZIP_ER_NOPASSWD || zip_error_code_zip(e) == ZIP_ER_WRONGPASSWD)
            of_fail(pkg, "tệp có mật khẩu (%s được mã hóa): hãy lưu lại không đặt mật khẩu",
                    "the file is password-protected (%s is encrypted): save it without a password", part);
        else
            of_fail(pkg, "%s: không đọc được: %s", "%s: cannot be read: %s", part, zip_error_strerror(e));
        of_xml_close(x);
        return -1;
    }
    /* No network, no DTD loading, no entity substitution: a part is plain data. */
    x->reader = xmlReaderForIO(read_part, NULL, x, part, NULL,
                               XML_PARSE_NONET | XML_PARSE_NOWARNING | XML_PARSE_NOERROR);
    if (!x->reader) {
        of_fail(pkg, "%s: không khởi động được bộ đọc XML", "%s: cannot start the XML reader", part);
        of_xml_close(x);
        return -1;
    }
    xmlTextReaderSetStructuredErrorHandler(x->reader, xml_error, x);
    return 1;
}

static int checked(of_xml *x, int rc);

int of_xml_read(of_xml *x)
{
    return checked(x, xmlTextReaderRead(x->reader));
}

int of_xml_skip(of_xml *x)
{
    return checked(x, xmlTextReaderNext(x->reader));
}

static int checked(of_xml *x, int rc)
{
    if (rc < 0 || x->pkg->failed) {
        if (!x->pkg->failed)
            of_fail(x->pkg, "%s: XML hỏng", "%s: malformed XML", x->part);
        return -1;
    }
    if (rc == 0)
        return 0;
    int type = xmlTextReaderNodeType(x->reader);
    if (type == XML_READER_TYPE_DOCUMENT_TYPE || type == XML_READER_TYPE_ENTITY_REFERENCE ||
        type == XML_READER_TYPE_ENTITY) {
        of_fail(x->pkg, "%s khai báo DTD hoặc thực thể XML: không đọc (tệp Word/LibreOffice không có)",
                "%s declares a DTD or XML entities: refused (Word and LibreOffice files have none)",
                x->part);
        return -1;
    }
    if (xmlTextReaderDepth(x->reader) > (int)vb_office_limits_in_force.max_depth) {
        of_fail(x->pkg, "%s lồng quá %u cấp phần tử (tệp hỏng hoặc cố ý gây hại)",
                "%s nests more than %u elements deep (a damaged or hostile file)", x->part,
                vb_office_limits_in_force.max_depth);
        return -1;
    }
    return 1;
}

void of_xml_close(of_xml *x)
{
    if (x->reader)
        xmlFreeTextReader(x->reader);
    if (x->file)
        zip_fclose(x->file);
    free(x->part);
    memset(x, 0, sizeof *x);
}

const char *of_xml_name(const of_xml *x)
{
    const xmlChar *n = xmlTextReaderConstName(x->reader);
    return n ? (const char *)n : "";
}

int of_xml_is_start(const of_xml *x, const char *qname)
{
    return xmlTextReaderNodeType(x->reader) == XML_READER_TYPE_ELEMENT &&
           strcmp(of_xml_name(x), qname) == 0;
}

int of_xml_is_end(const of_xml *x, const char *qname)
{
    int t = xmlTextReaderNodeType(x->reader);
    if (t == XML_READER_TYPE_END_ELEMENT)
        return strcmp(of_xml_name(x), qname) == 0;
    /* An empty element <w:p/> ends where it starts. */
    return t == XML_READER_TYPE_ELEMENT && xmlTextReaderIsEmptyElement(x->reader) &&
           strcmp(of_xml_name(x), qname) == 0;
}

char *of_xml_attr(const of_xml *x, const char *qname)
{
    xmlChar *v = xmlTextReaderGetAttribute(x->reader, (const xmlChar *)qname);
    if (!v)
        return NULL;
    char *copy = strdup((const char *)v);
    xmlFree(v);
    return copy;
}

int of_xml_attr_int(const of_xml *x, const char *qname, int fallback)
{
    xmlChar *v = xmlTextReaderGetAttribute(x->reader, (const xmlChar *)qname);
    if (!v)
        return fallback;
    char *end = NULL;
    double d = strtod((const char *)v, &end);
    xmlFree(v);
    if (end == NULL || d > 1e9 || d < -1e9)
        return fallback;
    return (int)d;
}

int of_xml_attr_on(const of_xml *x, const char *qname)
{
    xmlChar *value = xmlTextReaderGetAttribute(x->reader, (const xmlChar *)qname);
    if (!value)
        return 1;
    const char *v = (const char *)value;
    int on = !(strcmp(v, "0") == 0 || strcmp(v, "false") == 0 || strcmp(v, "off") == 0 ||
               strcmp(v, "none") == 0);
    xmlFree(value);
    return on;
}
