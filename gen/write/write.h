/* Stage write: output formats, each from the composed document.
 *
 * Takes: a vb_document and a layout (layout/layout.h), walked by compose (compose/compose.h)
 * into styled paragraphs, tables and rules that each writer only spells out. Gives: a DOCX
 * (docx/docx.h: WordprocessingML parts), an ODT (odt/odt.h: OpenDocument parts), plain text
 * in reading order (txt/txt_writer.h), and PDF/PNG through LibreOffice and pdftoppm
 * (pdf/convert.h). The XML writers hand their parts to package/ for the zip.
 *
 * A new output format is one new folder here implementing vb_sink; no writer includes
 * another writer. */
#ifndef VB_WRITE_H
#define VB_WRITE_H

#include "docx/docx.h"
#include "odt/odt.h"
#include "pdf/convert.h"
#include "txt/txt_writer.h"

#endif
