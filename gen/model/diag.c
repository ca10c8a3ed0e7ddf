#include "diag.h"

#include <stdlib.h>
#include <string.h>

void vb_diagnostics_init(vb_diagnostics *d, vb_lang lang)
{
    memset(d, 0, sizeof *d);
    d->lang = lang;
    d->limit = 200;
}

void vb_diagnostics_free(vb_diagnostics *d)
{
    for (size_t i = 0; i < d->count; i++) {
        free(d->items[i].file);
        free(d->items[i].message);
        free(d->items[i].snippet);
        if (d->items[i].fix)
            free(d->items[i].fix->replacement);
        free(d->items[i].fix);
    }
    free(d->items);
    d->items = NULL;
    d->count = d->error_count = 0;
}

static char *vformat(const char *fmt, va_list ap)
{
    if (!fmt)
        return vb_strdup("");
    va_list copy;
    va_copy(copy, ap);
    int n = vsnprintf(NULL, 0, fmt, copy);
    va_end(copy);
    if (n < 0)
        return vb_strdup(fmt);
    char *s = vb_xmalloc((size_t)n + 1);
    vsnprintf(s, (size_t)n + 1, fmt, ap);
    return s;
}

int vb_diagnostics_full(const vb_diagnostics *d)
{
    return d->limit && d->count >= d->limit;
}

void vb_diag(vb_diagnostics *d, vb_severity sev, vb_pos pos, const char *rule, const char *vi,
             const char *en, ...)
{
    if (sev == VB_SEV_ERROR)
        d->error_count++;
    d->last_kept = 0;
    if (vb_diagnostics_full(d))
        return;
    d->last_kept = 1;
    va_list ap;
    va_start(ap, en);
    /* Both formats take the same arguments, so either can consume the va_list. */
    char *message = vformat(d->lang == VB_LANG_EN ? en : vi, ap);
    va_end(ap);

    d->items = vb_xrealloc(d->items, (d->count + 1) * sizeof *d->items);
    vb_diagnostic *item = &d->items[d->count++];
    item->severity = sev;
    item->file = vb_strdup(pos.file ? pos.file : "<input>");
    item->line = pos.line;
    item->column = pos.column;
    item->message = message;
    item->rule = rule;
    item->snippet = NULL;
    item->fix = NULL;
}

void vb_diag_fix(vb_diagnostics *d, unsigned line, unsigned column, unsigned end_line,
                 unsigned end_column, const char *replacement)
{
    if (!d->last_kept || d->count == 0 || d->items[d->count - 1].fix)
        return;
    vb_fix *fix = vb_xmalloc(sizeof *fix);
    *fix = (vb_fix){line, column, end_line, end_column, vb_strdup(replacement)};
    d->items[d->count - 1].fix = fix;
}

/* The replacement as a C string literal's inside, as compilers print it. */
static void print_escaped(FILE *out, const char *s)
{
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if (*p == '"' || *p == '\\')
            fprintf(out, "\\%c", *p);
        else if (*p < 0x20 || *p == 0x7f)
            fprintf(out, "\\%03o", *p);
        else
            fputc(*p, out);
    }
}

void vb_diagnostics_print(const vb_diagnostics *d, FILE *out)
{
    /* The severity word is in the language of the message; English ("error:") is what
     * editors and CI match, and --lang en (or LANG=C) gives it. */
    static const char *const names_en[] = {
        [VB_SEV_ERROR] = "error",
        [VB_SEV_WARNING] = "warning",
        [VB_SEV_NOTE] = "note",
    };
    static const char *const names_vi[] = {
        [VB_SEV_ERROR] = "lỗi",
        [VB_SEV_WARNING] = "cảnh báo",
        [VB_SEV_NOTE] = "ghi chú",
    };
    int en = d->lang == VB_LANG_EN;
    for (size_t i = 0; i < d->count; i++) {
        const vb_diagnostic *item = &d->items[i];
        const char *word = (en ? names_en : names_vi)[item->severity];
        if (item->line)
            fprintf(out, "%s:%u:%u: %s: %s", item->file, item->line, item->column, word,
                    item->message);
        else
            fprintf(out, "%s: %s: %s", item->file, word, item->message);
        if (item->rule)
            fprintf(out, " [%s]", item->rule);
        fputc('\n', out);
        if (item->fix && !d->print_no_fixes) {
            /* clang's and gcc's -fdiagnostics-parseable-fixits line, which editors read. */
            fprintf(out, "fix-it:\"");
            print_escaped(out, item->file);
            fprintf(out, "\":{%u:%u-%u:%u}:\"", item->fix->line, item->fix->column,
                    item->fix->end_line, item->fix->end_column);
            print_escaped(out, item->fix->replacement);
            fputs("\"\n", out);
        }
    }
    if (d->limit && d->count >= d->limit && d->error_count > d->count)
        fprintf(out, en ? "(further errors not shown)\n" : "(không hiển thị các lỗi tiếp theo)\n");
}

/* A locale name says Vietnamese: "vi", "vi_VN", "vi_VN.UTF-8", "vi_VN@…". */
static int says_vietnamese(const char *v)
{
    return strncmp(v, "vi", 2) == 0 && (v[2] == '\0' || v[2] == '_' || v[2] == '.' || v[2] == '@');
}

vb_lang vb_lang_from_environment(void)
{
    /* The locale's name as gettext takes it: the first of LC_ALL, LC_MESSAGES, LANG that is
     * set. Only the names are read, never setlocale(): vi_VN.UTF-8 need not be generated. */
    const char *locale = NULL;
    const char *vars[] = {"LC_ALL", "LC_MESSAGES", "LANG"};
    for (size_t i = 0; i < sizeof vars / sizeof *vars && !locale; i++) {
        const char *v = getenv(vars[i]);
        if (v && *v)
            locale = v;
    }
    /* LANGUAGE, a list of preferences ("vi:en"), comes first, except under the C locale. */
    const char *language = getenv("LANGUAGE");
    int c_locale = !locale || strcmp(locale, "C") == 0 || strcmp(locale, "POSIX") == 0;
    if (language && *language && !c_locale) {
        char first[16];
        size_t n = strcspn(language, ":");
        if (n < sizeof first) {
            memcpy(first, language, n);
            first[n] = '\0';
            return says_vietnamese(first) ? VB_LANG_VI : VB_LANG_EN;
        }
    }
    return locale && says_vietnamese(locale) ? VB_LANG_VI : VB_LANG_EN;
}
