/* What a section is for (see section_roles.h). */
#include "section_roles.h"

#include <stdlib.h>
#include <string.h>

#include "viet/text.h"

static const struct {
    const char *word;
    unsigned role;
} role_words[] = {
    {"kết quả", VB_ROLE_ASSESSMENT},      {"đánh giá", VB_ROLE_ASSESSMENT},
    {"tình hình", VB_ROLE_ASSESSMENT},    {"tồn tại", VB_ROLE_ASSESSMENT},
    {"hạn chế", VB_ROLE_ASSESSMENT},      {"nguyên nhân", VB_ROLE_ASSESSMENT},
    {"nhận xét", VB_ROLE_ASSESSMENT},     {"thực trạng", VB_ROLE_ASSESSMENT},
    {"khó khăn", VB_ROLE_ASSESSMENT},     {"sơ kết", VB_ROLE_ASSESSMENT},
    {"tổng kết", VB_ROLE_ASSESSMENT},     {"kiến nghị", VB_ROLE_RECOMMENDATION},
    {"đề xuất", VB_ROLE_RECOMMENDATION},  {"đề nghị", VB_ROLE_RECOMMENDATION},
    {"nhiệm vụ", VB_ROLE_TASKS},          {"giải pháp", VB_ROLE_TASKS},
    {"phương hướng", VB_ROLE_TASKS},      {"mục đích", VB_ROLE_PURPOSE},
    {"yêu cầu", VB_ROLE_PURPOSE},         {"mục tiêu", VB_ROLE_PURPOSE},
    {"tổ chức thực hiện", VB_ROLE_ORGANISATION}, {"trách nhiệm thực hiện", VB_ROLE_ORGANISATION},
    {"phân công", VB_ROLE_ORGANISATION},  {"kết luận", VB_ROLE_CONCLUSION},
};

unsigned vb_section_roles(const vb_node *section)
{
    if (section->roles)
        return section->roles;
    if (section->title.count == 0)
        return 0;
    char *plain = vb_inline_plain(&section->title);
    char *lower = vb_lower_vi(plain);
    unsigned roles = 0;
    /* A role word counts where a title part starts ("Kết quả …", "Nhiệm vụ, giải pháp",
     * "Đánh giá và kiến nghị", "Về kết quả …"), not inside a phrase ("kết quả thực hiện
     * nhiệm vụ" is an assessment, not tasks). */
    static const char *const starts[] = {", ", "; ", " và ", "về ", "- ", ". ", ": "};
    for (size_t i = 0; i < sizeof role_words / sizeof *role_words; i++) {
        const char *w = role_words[i].word;
        for (const char *p = strstr(lower, w); p; p = strstr(p + 1, w)) {
            int at_start = p == lower;
            for (size_t k = 0; k < sizeof starts / sizeof *starts && !at_start; k++) {
                size_t sl = strlen(starts[k]);
                at_start = (size_t)(p - lower) >= sl && strncmp(p - sl, starts[k], sl) == 0 &&
                           (p - sl == lower || strcmp(starts[k], "về ") != 0 || *(p - sl - 1) == ' ');
            }
            if (at_start) {
                roles |= role_words[i].role;
                break;
            }
        }
    }
    free(lower);
    free(plain);
    return roles;
}
