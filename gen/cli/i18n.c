#include "i18n.h"

#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "layout/format.h" /* vb_buf */
#include "model/model.h"
#include "model/syserror.h"

vb_lang cli_lang = VB_LANG_EN;

void cli_lang_set(vb_lang lang)
{
    cli_lang = lang;
}

void cli_lang_init(int argc, char **argv)
{
    cli_lang = vb_lang_from_environment();
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i], *value = NULL;
        if (strcmp(a, "--") == 0)
            break;
        if (strcmp(a, "--lang") == 0 && i + 1 < argc)
            value = argv[i + 1];
        else if (strncmp(a, "--lang=", 7) == 0)
            value = a + 7;
        if (value && strcmp(value, "vi") == 0)
            cli_lang = VB_LANG_VI;
        else if (value && strcmp(value, "en") == 0)
            cli_lang = VB_LANG_EN;
        if (value)
            break;
    }
}

static const cli_message *find_exact(const char *english)
{
    size_t count = 0;
    const cli_message *all = cli_messages_all(&count);
    for (size_t i = 0; i < count; i++)
        if (strcmp(all[i].en, english) == 0)
            return &all[i];
    return NULL;
}

const char *cli_text(const char *english)
{
    return cli_text_in(cli_lang, english);
}

const char *cli_text_in(vb_lang lang, const char *english)
{
    if (lang == VB_LANG_EN || !english)
        return english;
    const cli_message *m = find_exact(english);
    return m ? m->vi : english;
}

void cli_say(FILE *out, const char *command, const char *format_en, ...)
{
    va_list ap;
    va_start(ap, format_en);
    if (command)
        fprintf(out, "vanban %s: ", command);
    else
        fputs("vanban: ", out);
    vfprintf(out, cli_text(format_en), ap);
    fputc('\n', out);
    va_end(ap);
}

/* ---- errno values ---------------------------------------------------------------------- */

const char *cli_strerror(int errnum)
{
    return vb_strerror(errnum, cli_lang);
}

/* Replaces, in `text`, every English errno text with its Vietnamese. */
static char *replace_errno_texts(const char *text)
{
    char *s = vb_strdup(text);
    int errnum;
    for (size_t i = 0; (errnum = vb_strerror_known(i)) >= 0; i++) {
        const char *en = strerror(errnum);
        const char *vi = vb_strerror(errnum, VB_LANG_VI);
        size_t en_len = strlen(en);
        char *hit;
        while (en_len && (hit = strstr(s, en)) != NULL) {
            vb_buf b = {0};
            vb_buf_addn(&b, s, (size_t)(hit - s));
            vb_buf_add(&b, vi);
            vb_buf_add(&b, hit + en_len);
            free(s);
            s = b.data;
        }
    }
    return s;
}

/* ---- reading a message back through a printf format ------------------------------------ */

enum { MAX_CAPTURES = 8 };

typedef struct {
    const char *start[MAX_CAPTURES];
    size_t len[MAX_CAPTURES];
    int count;
} captures;

/* The length of the conversion at `f` ("%s", "%zu", "%.*s", "%3d"), 0 if none. */
static size_t conversion_length(const char *f, char *kind)
{
    if (f[0] != '%' || f[1] == '%')
        return 0;
    size_t i = 1;
    while (f[i] && strchr("-+ #0123456789.*lhzjt", f[i]))
        i++;
    if (!f[i])
        return 0;
    *kind = f[i];
    return i + 1;
}

static int match(const char *f, const char *m, captures *c)
{
    for (;;) {
        if (*f == '\0')
            return *m == '\0';
        if (f[0] == '%' && f[1] == '%') {
            if (*m != '%')
                return 0;
            f += 2, m++;
            continue;
        }
        char kind = 0;
        size_t n = conversion_length(f, &kind);
        if (n == 0) {
            if (*f != *m)
                return 0;
            f++, m++;
            continue;
        }
        if (c->count == MAX_CAPTURES)
            return 0;
        int slot = c->count++;
        /* Numbers take digits (and a sign); texts take anything, shortest first. */
        int numeric = strchr("diuxXc", kind) != NULL && kind != 'c';
        size_t max = strlen(m);
        for (size_t len = numeric ? 1 : 0; len <= max; len++) {
            if (numeric && !((m[len - 1] >= '0' && m[len - 1] <= '9') || (len == 1 && m[0] == '-')))
                break;
            c->start[slot] = m;
            c->len[slot] = len;
            if (match(f + n, m + len, c))
                return 1;
        }
        c->count--;
        return 0;
    }
}

static size_t literal_length(const char *format)
{
    size_t n = 0;
    for (const char *f = format; *f;) {
        char kind;
        size_t conv = conversion_length(f, &kind);
        if (conv) {
            f += conv;
        } else {
            n++;
            f += f[0] == '%' ? 2 : 1;
        }
    }
    return n;
}

/* `vi` with its conversions replaced by the captured texts, in order. */
static char *fill(const char *vi, const captures *c)
{
    vb_buf b = {0};
    int next = 0;
    for (const char *f = vi; *f;) {
        char kind;
        size_t conv = conversion_length(f, &kind);
        if (conv && next < c->count) {
            char *inner = vb_xmalloc(c->len[next] + 1);
            memcpy(inner, c->start[next], c->len[next]);
            inner[c->len[next]] = '\0';
            /* A reason inside a message ("cannot write %s: %s") may be in the catalogue too. */
            const cli_message *m = find_exact(inner);
            vb_buf_add(&b, m ? m->vi : inner);
            free(inner);
            next++;
            f += conv;
        } else if (f[0] == '%' && f[1] == '%') {
            vb_buf_add(&b, "%");
            f += 2;
        } else {
            vb_buf_addn(&b, f, 1);
            f++;
        }
    }
    return b.data ? b.data : vb_strdup("");
}

/* The catalogue entry whose format reads `message` whole, the most specific one; NULL if
 * none. */
static const cli_message *best_match(const char *message, captures *out)
{
    size_t count = 0;
    const cli_message *all = cli_messages_all(&count);
    const cli_message *best = NULL;
    size_t best_literal = 0;
    for (size_t i = 0; i < count; i++) {
        captures c = {0};
        if (!match(all[i].en, message, &c))
            continue;
        size_t literal = literal_length(all[i].en);
        if (!best || literal > best_literal) {
            best = &all[i];
            best_literal = literal;
            *out = c;
        }
    }
    return best;
}

void cli_localize_diagnostics(vb_diagnostics *diags)
{
    if (diags->lang != VB_LANG_VI)
        return;
    for (size_t i = 0; i < diags->count; i++) {
        char *m = diags->items[i].message;
        /* Try the text after each ": " (a lower layer's message is the end of the line). */
        for (char *at = strstr(m, ": "); at; at = strstr(at + 2, ": ")) {
            captures c = {0};
            const cli_message *found = best_match(at + 2, &c);
            if (!found)
                continue;
            char *tail = fill(found->vi, &c);
            size_t head = (size_t)(at + 2 - m);
            char *joined = vb_xmalloc(head + strlen(tail) + 1);
            memcpy(joined, m, head);
            strcpy(joined + head, tail);
            free(tail);
            free(m);
            diags->items[i].message = joined;
            break;
        }
    }
}

void cli_print_diagnostics(vb_diagnostics *diags, FILE *out)
{
    cli_localize_diagnostics(diags);
    vb_diagnostics_print(diags, out);
}

char *cli_localize(const char *english_message)
{
    if (cli_lang == VB_LANG_EN)
        return vb_strdup(english_message);
    size_t count = 0;
    const cli_message *all = cli_messages_all(&count);
    const cli_message *best = NULL;
    size_t best_literal = 0;
    captures best_captures = {0};
    for (size_t i = 0; i < count; i++) {
        captures c = {0};
        if (!match(all[i].en, english_message, &c))
            continue;
        size_t literal = literal_length(all[i].en);
        if (!best || literal > best_literal) {
            best = &all[i];
            best_literal = literal;
            best_captures = c;
        }
    }
    char *filled = best ? fill(best->vi, &best_captures) : vb_strdup(english_message);
    char *result = replace_errno_texts(filled);
    free(filled);
    return result;
}

void cli_report(FILE *out, const char *english_message)
{
    char *text = cli_localize(english_message);
    fprintf(out, "vanban: %s\n", text);
    free(text);
}

/* ---- did you mean ---------------------------------------------------------------------- */

static size_t edit_distance(const char *a, const char *b)
{
    size_t la = strlen(a), lb = strlen(b);
    if (la > 64 || lb > 64)
        return 99;
    size_t prev[65], cur[65];
    for (size_t j = 0; j <= lb; j++)
        prev[j] = j;
    for (size_t i = 1; i <= la; i++) {
        cur[0] = i;
        for (size_t j = 1; j <= lb; j++) {
            size_t sub = prev[j - 1] + (a[i - 1] != b[j - 1]);
            size_t del = prev[j] + 1, ins = cur[j - 1] + 1;
            cur[j] = sub < del ? (sub < ins ? sub : ins) : (del < ins ? del : ins);
        }
        memcpy(prev, cur, sizeof prev);
    }
    return prev[lb];
}

const char *cli_nearest(const char *word, const char *const *candidates, size_t count)
{
    const char *best = NULL;
    size_t best_d = 3;
    size_t wl = strlen(word);
    for (size_t i = 0; i < count; i++) {
        size_t d = edit_distance(word, candidates[i]);
        if (wl >= 3 && strncmp(candidates[i], word, wl) == 0)
            d = d < 1 ? d : 1; /* a prefix: "norm" → normalize */
        if (d < best_d) {
            best_d = d;
            best = candidates[i];
        }
    }
    return best;
}
