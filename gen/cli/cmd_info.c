/* vanban rules, vanban types: what vanban knows, listed. */
#include <stdio.h>

#include "model/doctypes.h"
#include "check/rules.h"
#include "cli.h"

int cmd_rules(void)
{
    size_t count = 0;
    const vb_rule *rules = vb_rules_all(&count);
    vb_lang lang = vb_lang_from_environment();
    for (size_t i = 0; i < count; i++) {
        printf("%-28s %-8s %s\n%29s%s\n", rules[i].id, rules[i].severity == VB_SEV_ERROR ? "error" : "warning",
               lang == VB_LANG_EN ? rules[i].en : rules[i].vi, "", rules[i].clause);
        /* Severity per document type is part of the rule. */
        const char *error_for = vb_rule_error_for(rules[i].id);
        if (error_for)
            printf("%29s%s %s\n", "", lang == VB_LANG_EN ? "error for:" : "là lỗi (error) với:", error_for);
    }
    return 0;
}

int cmd_types(void)
{
    size_t count = 0;
    const vb_doctype *types = vb_doctypes_all(&count);
    printf("%-6s %-18s %s\n", "loai", "tên loại", "the_thuc");
    for (size_t i = 0; i < count; i++) {
        const char *formats = types[i].formats == (VB_TYPE_STATE | VB_TYPE_PARTY) ? "nha_nuoc, dang"
                              : types[i].formats == VB_TYPE_STATE                  ? "nha_nuoc"
                                                                                   : "dang";
        printf("%-6s %-18s %s%s\n", types[i].code, types[i].name, formats,
               types[i].has_type_name ? "" : " (không có tên loại: trích yếu V/v)");
    }
    return 0;
}
