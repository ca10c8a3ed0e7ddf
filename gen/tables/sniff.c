#define _GNU_SOURCE /* memmem */
#include "sniff.h"

#include <string.h>

static int has(const void *data, size_t len, const char *needle)
{
    return memmem(data, len, needle, strlen(needle)) != NULL;
}

vb_file_kind vb_file_kind_of(const void *data, size_t len)
{
    const unsigned char *b = data;
    if (len >= 5 && memcmp(b, "%PDF-", 5) == 0)
        return VB_FILE_PDF;
    if (len >= 8 && memcmp(b, "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8) == 0)
        return VB_FILE_XLS; /* OLE2: .xls (an old .doc is rarer where a table is expected) */
    if (len < 4 || memcmp(b, "PK\x03\x04", 4) != 0)
        return VB_FILE_TEXT;
    /* An OpenDocument package starts with its stored, uncompressed mimetype entry; the part
     * names of an OOXML package are written in clear in the zip's headers. */
    if (has(data, len, "application/vnd.oasis.opendocument.spreadsheet"))
        return VB_FILE_ODS;
    if (has(data, len, "application/vnd.oasis.opendocument.text"))
        return VB_FILE_ODT;
    if (has(data, len, "xl/workbook") || has(data, len, "xl/worksheets/"))
        return VB_FILE_XLSX;
    if (has(data, len, "word/document"))
        return VB_FILE_DOCX;
    return VB_FILE_ZIP;
}

int vb_file_kind_is_spreadsheet(vb_file_kind kind)
{
    return kind == VB_FILE_XLSX || kind == VB_FILE_ODS || kind == VB_FILE_XLS;
}

const char *vb_file_kind_name(vb_file_kind kind)
{
    static const char *const names[] = {
        [VB_FILE_TEXT] = "", [VB_FILE_XLSX] = "XLSX", [VB_FILE_ODS] = "ODS", [VB_FILE_XLS] = "XLS",
        [VB_FILE_DOCX] = "DOCX", [VB_FILE_ODT] = "ODT", [VB_FILE_ZIP] = "ZIP", [VB_FILE_PDF] = "PDF",
    };
    return names[kind];
}
