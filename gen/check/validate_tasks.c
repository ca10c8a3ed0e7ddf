/* Checks of tasks (nhiem_vu), whichever way they are shown: each has a deadline (NĐ30 PL I
 * §II.6; its absence is an error for the types the rule table names), a deadline that is
 * not before the document's date, a range that does not end before it starts, and words
 * vanban can read as a time; words it cannot are allowed, with a warning that they are
 * not checked. */
#include "validate.h"

#include <stdio.h>
#include <stdlib.h>

#include "layout/format.h"
#include "rules.h"

#define VI_EN(vi, en) vi, en

/* a after b, comparing only the parts b has (a month deadline ends with its month). */
static int after(const vb_date *a, const vb_date *b)
{
    if (a->year != b->year)
        return a->year > b->year;
    if (!b->month || !a->month)
        return 0;
    if (a->month != b->month)
        return a->month > b->month;
    if (!b->day || !a->day)
        return 0;
    return a->day > b->day;
}

/* The last point a deadline allows, to the precision it is written in; 0 when it has none. */
static int last_point(const vb_deadline *d, vb_date *last)
{
    switch (d->kind) {
    case VB_DEADLINE_DAY:
    case VB_DEADLINE_MONTH:
    case VB_DEADLINE_YEAR:
    case VB_DEADLINE_RANGE:
        *last = d->end;
        return 1;
    case VB_DEADLINE_QUARTER:
        *last = d->end;
        last->month = d->quarter * 3;
        last->day = 0;
        return 1;
    default:
        return 0;
    }
}

static const char *agency_of(const vb_node *task)
{
    return task->parent && task->parent->agency.agency.text ? task->parent->agency.agency.text : "?";
}

static void check_task(const vb_document *doc, const vb_node *n, vb_diagnostics *diags)
{
    const vb_deadline *d = &n->task.deadline;
    int party = doc->format == VB_FORMAT_PARTY;
    if (d->kind == VB_DEADLINE_NONE) {
        /* Standing tasks without a deadline are common in reports and notices; a plan, a
         * decision or a directive must say by when (the rule table says which types). */
        vb_diag(diags, vb_rule_severity("NV-DEADLINE", doc->type_code.text, party), n->pos, "NV-DEADLINE",
                VI_EN("nhiệm vụ của %s không có thời hạn (`han`)", "the task of %s has no deadline (`han`)"),
                agency_of(n));
        return;
    }
    if (d->kind == VB_DEADLINE_TEXT) {
        vb_diag(diags, VB_SEV_WARNING, d->pos, "NV-DEADLINE-TEXT",
                VI_EN("thời hạn \"%s\" không đọc được thành ngày, tháng, quý, năm, khoảng hay kỳ hạn (hằng năm, thường xuyên): không kiểm tra được",
                      "the deadline \"%s\" is no day, month, quarter, year, range or recurring term (hằng năm, thường xuyên): it cannot be checked"),
                d->text.text ? d->text.text : "");
        return;
    }
    if (d->kind == VB_DEADLINE_RANGE && after(&d->start, &d->end)) {
        char *words = vb_format_deadline(d, 1);
        vb_diag(diags, VB_SEV_ERROR, d->pos, "NV-DEADLINE-RANGE",
                VI_EN("thời hạn \"%s\" kết thúc trước khi bắt đầu", "the deadline \"%s\" ends before it starts"),
                words);
        free(words);
        return;
    }
    vb_date last;
    if (last_point(d, &last) && doc->date.present && after(&doc->date, &last)) {
        char *words = vb_format_deadline(d, 1);
        vb_diag(diags, VB_SEV_ERROR, d->pos, "NV-DEADLINE-PAST",
                VI_EN("thời hạn \"%s\" kết thúc trước ngày ban hành văn bản",
                      "the deadline \"%s\" ends before the document's date"),
                words);
        free(words);
    }
}

static void check_tasks_under(const vb_document *doc, const vb_node *root, vb_diagnostics *diags)
{
    for (const vb_node *n = root->first_child; n; n = vb_node_next_preorder(n, root))
        if (n->kind == VB_NODE_TASK)
            check_task(doc, n, diags);
}

void vb_validate_tasks(const vb_document *doc, vb_diagnostics *diags)
{
    check_tasks_under(doc, doc->body, diags);
    /* A nhiem_vu block may also stand in a Phụ lục written under phu_luc. */
    for (size_t i = 0; i < doc->appendix_count; i++)
        check_tasks_under(doc, doc->appendices[i].body, diags);
}
