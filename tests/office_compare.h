/* Comparing two document models field by field, as a reader of the printed page sees them:
 * the same header fields, the same text, the same structure. Texts the layout prints IN HOA
 * (ô 2, section titles of mục and Phần/Chương, tên loại, signer lines, appendix titles)
 * compare upper-cased, since the page no longer shows how they were typed; tables compare
 * by the grid they print (tables/table_rows.h), so an automatic STT column and its typed
 * numbers are the same table. Each difference is printed with both positions. */
#ifndef VB_TEST_OFFICE_COMPARE_H
#define VB_TEST_OFFICE_COMPARE_H

#include "model/model.h"

/* Returns the number of differences, printing each to stderr. */
int vb_test_compare_documents(const vb_document *expected, const vb_document *actual);

#endif
