/* An issuing body's name as running text writes it ("của Sở Nội vụ"), from the capitals
 * the header uses ("SỞ NỘI VỤ"): Vietnamese capitalises the first word of the body's kind,
 * the first word of its field and of each field joined by "và", and every word of a place
 * name, and keeps abbreviations (PTNT, UBND) in capitals. */
#ifndef VB_ISSUER_CASE_H
#define VB_ISSUER_CASE_H

/* `name` in capitals (several lines joined by spaces). Returns the running-text form
 * (caller frees), or NULL when the name does not start with a kind of body this knows
 * ("Sở", "Ủy ban nhân dân", "Ban", "Hội" …): then only the drafter can say. */
char *vb_issuer_running_case(const char *name);

#endif
