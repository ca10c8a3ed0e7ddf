/* What a file is, from its first bytes and the names inside a zip package: enough to tell a
 * user who gave a spreadsheet or a word-processor file where text was expected what they
 * gave, instead of complaining about a NUL byte. */
#ifndef VB_TABLES_SNIFF_H
#define VB_TABLES_SNIFF_H

#include <stddef.h>

typedef enum {
    VB_FILE_TEXT,   /* none of the below */
    VB_FILE_XLSX,   /* Office Open XML spreadsheet */
    VB_FILE_ODS,    /* OpenDocument spreadsheet */
    VB_FILE_XLS,    /* the old binary Excel format (OLE2 compound file) */
    VB_FILE_DOCX,   /* Office Open XML word-processing document */
    VB_FILE_ODT,    /* OpenDocument text */
    VB_FILE_ZIP,    /* another zip package */
    VB_FILE_PDF,
} vb_file_kind;

/* The kind of the file whose bytes (all of them, or at least the first few kilobytes) are
 * `data`. */
vb_file_kind vb_file_kind_of(const void *data, size_t len);

/* 1 for XLSX, ODS and XLS. */
int vb_file_kind_is_spreadsheet(vb_file_kind kind);

/* "XLSX", "ODS", "XLS", "DOCX", "ODT", "ZIP", "PDF", or "" for text. */
const char *vb_file_kind_name(vb_file_kind kind);

#endif
