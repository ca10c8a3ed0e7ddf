/* OpenDocument text → the neutral list. (Filled in below.) */
#include "office_extract.h"

int vb_odt_extract(of_package *pkg, vb_office_source *src)
{
    (void)src;
    of_fail(pkg, "chưa đọc được ODT", "ODT is not read yet");
    return -1;
}
