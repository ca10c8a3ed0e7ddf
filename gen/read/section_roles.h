/* What a section of the body is for: the roles its vai_tro gives, else those its title
 * implies. Read by the checks (a report's assessment, a plan's tasks) and by the Word reader
 * (a heading that names a part of the document is no agency of a task block). */
#ifndef VB_SECTION_ROLES_H
#define VB_SECTION_ROLES_H

#include "model/model.h"

/* The roles of a section: those given by vai_tro, else those its title implies
 * ("Kết quả đạt được" → assessment, "Kiến nghị" → recommendation, …). */
unsigned vb_section_roles(const vb_node *section);

#endif
