/* Stage package: bytes into files, safely.
 *
 * Takes: the parts the writers make — XML written through xmlTextWriter (xmlw.h) into parts
 * (part.h), large ones deflated as they are written (deflate_stream.h), static parts built
 * into the program or read from a template folder (templates.h). Gives: a zip package with a
 * fixed entry order and fixed timestamps, so the same input gives the same bytes
 * (zip_package.h, libzip), written to a temporary file and renamed into place so that no
 * output is ever left half-written (atomic_file.h). */
#ifndef VB_PACKAGE_H
#define VB_PACKAGE_H

#include "atomic_file.h"
#include "deflate_stream.h"
#include "part.h"
#include "templates.h"
#include "xmlw.h"
#include "zip_package.h"

#endif
