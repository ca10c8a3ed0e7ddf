#include "report.h"

#include <json-c/json.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "layout/format.h" /* vb_buf */
#include "model/model.h"
#include "read/yaml_path.h"
#include "rules.h"

struct vb_report {
    vb_report_format format;
    vb_lang lang;
    FILE *out;
    json_object *results; /* JSON diagnostics or SARIF results */
};

/* The page of NĐ30 (informationUri, and helpUri of the rules that cite it). */
#define ND30_URI "https://thuvienphapluat.vn/van-ban/Bo-may-hanh-chinh/Nghi-dinh-30-2020-ND-CP-cong-tac-van-thu-435184.aspx"
/* Relative paths in results are relative to this base: the directory check ran in. */
#define SRCROOT "SRCROOT"

static const char *severity_name(vb_severity s)
{
    return s == VB_SEV_ERROR ? "error" : s == VB_SEV_WARNING ? "warning" : "note";
}

vb_report *vb_report_new(vb_report_format format, vb_lang lang, FILE *out)
{
    vb_report *r = vb_xcalloc(1, sizeof *r);
    r->format = format;
    r->lang = lang;
    r->out = out;
    r->results = json_object_new_array();
    return r;
}

static size_t rule_index(const char *id)
{
    size_t count = 0;
    const vb_rule *rules = vb_rules_all(&count);
    for (size_t i = 0; i < count; i++)
        if (id && strcmp(rules[i].id, id) == 0)
            return i;
    return (size_t)-1;
}

/* `path` as a URI reference: bytes other than unreserved characters and "/" percent-encoded
 * (Vietnamese file names, spaces). */
static char *uri_encode(const char *path)
{
    static const char hex[] = "0123456789ABCDEF";
    vb_buf b = {0};
    for (const unsigned char *p = (const unsigned char *)path; *p; p++) {
        int plain = (*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
                    *p == '-' || *p == '.' || *p == '_' || *p == '~' || *p == '/';
        if (plain) {
            vb_buf_addn(&b, (const char *)p, 1);
        } else {
            char esc[3] = {'%', hex[*p >> 4], hex[*p & 15]};
            vb_buf_addn(&b, esc, 3);
        }
    }
    return b.data ? b.data : vb_strdup("");
}

/* FNV-1a, 64 bits: a fingerprint, not a secret. */
static uint64_t fnv1a(uint64_t h, const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        h ^= (unsigned char)s[i];
        h *= 0x100000001b3ULL;
    }
    return h;
}

/* What identifies a finding across edits that do not touch it: its rule, the path of keys
 * to where it is and the text there, and which of the same it is in the file (the second
 * double space of one paragraph). Line numbers are left out on purpose. */
static char *fingerprint(const vb_diagnostic *d, const char *data, size_t len, size_t ordinal)
{
    vb_yaml_place place = {NULL, NULL};
    if (data && d->line)
        vb_yaml_place_at(data, len, d->line, d->column ? d->column : 1, &place);
    else
        place.path = vb_strdup(""), place.text = vb_strdup("");
    const char *rule = d->rule ? d->rule : "";
    uint64_t h = 0xcbf29ce484222325ULL;
    h = fnv1a(h, rule, strlen(rule) + 1);
    h = fnv1a(h, place.path, strlen(place.path) + 1);
    h = fnv1a(h, place.text, strlen(place.text) + 1);
    if (!data)
        h = fnv1a(h, d->message, strlen(d->message) + 1); /* no source: the message stands in */
    char *out = vb_xmalloc(40);
    snprintf(out, 40, "%016llx:%zu", (unsigned long long)h, ordinal);
    vb_yaml_place_free(&place);
    return out;
}

/* Where the file is: a file:// URI when absolute, else relative to SRCROOT. */
static json_object *sarif_artifact(const vb_diagnostic *d)
{
    json_object *artifact = json_object_new_object();
    if (d->file[0] == '/') {
        char *encoded = uri_encode(d->file);
        size_t n = strlen(encoded) + 8;
        char *uri = vb_xmalloc(n);
        snprintf(uri, n, "file://%s", encoded);
        json_object_object_add(artifact, "uri", json_object_new_string(uri));
        free(uri);
        free(encoded);
    } else {
        const char *rel = strncmp(d->file, "./", 2) == 0 ? d->file + 2 : d->file;
        char *encoded = uri_encode(rel);
        json_object_object_add(artifact, "uri", json_object_new_string(encoded));
        json_object_object_add(artifact, "uriBaseId", json_object_new_string(SRCROOT));
        free(encoded);
    }
    return artifact;
}

static json_object *sarif_region(unsigned line, unsigned column, unsigned end_line,
                                 unsigned end_column)
{
    json_object *region = json_object_new_object();
    json_object_object_add(region, "startLine", json_object_new_int64(line));
    json_object_object_add(region, "startColumn", json_object_new_int64(column));
    json_object_object_add(region, "endLine", json_object_new_int64(end_line));
    json_object_object_add(region, "endColumn", json_object_new_int64(end_column));
    return region;
}

/* result.fixes: one fix, one change of the file, one replacement (an empty deletedRegion
 * when it only inserts). */
static json_object *sarif_fixes(const vb_diagnostic *d, vb_lang lang)
{
    const vb_fix *f = d->fix;
    json_object *inserted = json_object_new_object();
    json_object_object_add(inserted, "text", json_object_new_string(f->replacement));
    json_object *replacement = json_object_new_object();
    json_object_object_add(replacement, "deletedRegion",
                           sarif_region(f->line, f->column, f->end_line, f->end_column));
    json_object_object_add(replacement, "insertedContent", inserted);
    json_object *replacements = json_object_new_array();
    json_object_array_add(replacements, replacement);
    json_object *change = json_object_new_object();
    json_object_object_add(change, "artifactLocation", sarif_artifact(d));
    json_object_object_add(change, "replacements", replacements);
    json_object *changes = json_object_new_array();
    json_object_array_add(changes, change);
    vb_buf text = {0};
    vb_buf_printf(&text, vb_in_lang(lang, VI_EN("Sửa thành \"%s\"", "Replace with \"%s\"")),
                  f->replacement);
    json_object *description = json_object_new_object();
    json_object_object_add(description, "text", json_object_new_string(text.data ? text.data : ""));
    vb_buf_free(&text);
    json_object *fix = json_object_new_object();
    json_object_object_add(fix, "description", description);
    json_object_object_add(fix, "artifactChanges", changes);
    json_object *fixes = json_object_new_array();
    json_object_array_add(fixes, fix);
    return fixes;
}

static json_object *sarif_result(const vb_diagnostic *d, const char *fingerprint_value,
                                 vb_lang lang)
{
    json_object *result = json_object_new_object();
    json_object_object_add(result, "ruleId", json_object_new_string(d->rule ? d->rule : "VANBAN"));
    size_t index = rule_index(d->rule);
    if (index != (size_t)-1)
        json_object_object_add(result, "ruleIndex", json_object_new_int64((int64_t)index));
    json_object_object_add(result, "level", json_object_new_string(severity_name(d->severity)));
    json_object *message = json_object_new_object();
    json_object_object_add(message, "text", json_object_new_string(d->message));
    json_object_object_add(result, "message", message);
    json_object *physical = json_object_new_object();
    json_object_object_add(physical, "artifactLocation", sarif_artifact(d));
    if (d->line) {
        json_object *region = json_object_new_object();
        json_object_object_add(region, "startLine", json_object_new_int64(d->line));
        json_object_object_add(region, "startColumn", json_object_new_int64(d->column ? d->column : 1));
        if (d->snippet) {
            json_object *snippet = json_object_new_object();
            json_object_object_add(snippet, "text", json_object_new_string(d->snippet));
            json_object_object_add(region, "snippet", snippet);
        }
        json_object_object_add(physical, "region", region);
    }
    json_object *location = json_object_new_object();
    json_object_object_add(location, "physicalLocation", physical);
    json_object *locations = json_object_new_array();
    json_object_array_add(locations, location);
    json_object_object_add(result, "locations", locations);
    json_object *prints = json_object_new_object();
    json_object_object_add(prints, "vanban/v1", json_object_new_string(fingerprint_value));
    json_object_object_add(result, "partialFingerprints", prints);
    if (d->fix)
        json_object_object_add(result, "fixes", sarif_fixes(d, lang));
    return result;
}

static json_object *json_diagnostic(const vb_diagnostic *d)
{
    json_object *o = json_object_new_object();
    json_object_object_add(o, "file", json_object_new_string(d->file));
    json_object_object_add(o, "line", json_object_new_int64(d->line));
    if (d->snippet)
        json_object_object_add(o, "snippet", json_object_new_string(d->snippet));
    json_object_object_add(o, "column", json_object_new_int64(d->column));
    json_object_object_add(o, "severity", json_object_new_string(severity_name(d->severity)));
    json_object_object_add(o, "rule", d->rule ? json_object_new_string(d->rule) : NULL);
    json_object_object_add(o, "message", json_object_new_string(d->message));
    if (d->fix) {
        /* The one right form: the range to replace (end excluded) and its replacement. */
        json_object *fix = json_object_new_object();
        json_object_object_add(fix, "line", json_object_new_int64(d->fix->line));
        json_object_object_add(fix, "column", json_object_new_int64(d->fix->column));
        json_object_object_add(fix, "end_line", json_object_new_int64(d->fix->end_line));
        json_object_object_add(fix, "end_column", json_object_new_int64(d->fix->end_column));
        json_object_object_add(fix, "replacement", json_object_new_string(d->fix->replacement));
        json_object_object_add(o, "fix", fix);
    }
    return o;
}

void vb_report_add(vb_report *r, const vb_diagnostics *diags)
{
    vb_report_add_source(r, diags, NULL, 0);
}

void vb_report_add_source(vb_report *r, const vb_diagnostics *diags, const char *data, size_t len)
{
    if (r->format == VB_REPORT_TEXT) {
        vb_diagnostics_print(diags, r->out);
        return;
    }
    char **prints = r->format == VB_REPORT_SARIF ? vb_xcalloc(diags->count + 1, sizeof *prints) : NULL;
    for (size_t i = 0; i < diags->count; i++) {
        if (!prints) {
            json_object_array_add(r->results, json_diagnostic(&diags->items[i]));
            continue;
        }
        /* The same rule at the same place with the same text again: its ordinal tells. */
        char *base = fingerprint(&diags->items[i], data, len, 0);
        size_t ordinal = 0;
        for (size_t j = 0; j < i; j++)
            if (strncmp(prints[j], base, 16) == 0 && strcmp(diags->items[j].file, diags->items[i].file) == 0)
                ordinal++;
        free(base);
        prints[i] = fingerprint(&diags->items[i], data, len, ordinal);
        json_object_array_add(r->results, sarif_result(&diags->items[i], prints[i], r->lang));
    }
    for (size_t i = 0; prints && i < diags->count; i++)
        free(prints[i]);
    free(prints);
}

static json_object *sarif_rules(vb_lang lang)
{
    size_t count = 0;
    const vb_rule *rules = vb_rules_all(&count);
    json_object *array = json_object_new_array();
    for (size_t i = 0; i < count; i++) {
        json_object *rule = json_object_new_object();
        json_object_object_add(rule, "id", json_object_new_string(rules[i].id));
        const char *what = lang == VB_LANG_EN ? rules[i].en : rules[i].vi;
        json_object *text = json_object_new_object();
        json_object_object_add(text, "text", json_object_new_string(what));
        json_object_object_add(rule, "shortDescription", text);
        /* The clause of NĐ30/HD36 the rule enforces: the full description, and the help a
         * code-review tool shows beside each alert. */
        char full[1024], markdown[1024];
        snprintf(full, sizeof full, "%s (%s)", what, rules[i].clause);
        snprintf(markdown, sizeof markdown, "**%s**: %s", rules[i].clause, what);
        json_object *description = json_object_new_object();
        json_object_object_add(description, "text", json_object_new_string(full));
        json_object_object_add(rule, "fullDescription", description);
        json_object *help = json_object_new_object();
        json_object_object_add(help, "text", json_object_new_string(full));
        json_object_object_add(help, "markdown", json_object_new_string(markdown));
        json_object_object_add(rule, "help", help);
        if (strstr(rules[i].clause, "NĐ30"))
            json_object_object_add(rule, "helpUri", json_object_new_string(ND30_URI));
        json_object *config = json_object_new_object();
        json_object_object_add(config, "level", json_object_new_string(severity_name(rules[i].severity)));
        json_object_object_add(rule, "defaultConfiguration", config);
        json_object *props = json_object_new_object();
        json_object_object_add(props, "clause", json_object_new_string(rules[i].clause));
        const char *error_for = vb_rule_error_for(rules[i].id);
        if (error_for) /* severity per document type: an error for these loai */
            json_object_object_add(props, "errorFor", json_object_new_string(error_for));
        json_object_object_add(rule, "properties", props);
        json_object_array_add(array, rule);
    }
    return array;
}

void vb_report_finish(vb_report *r, size_t files, size_t errors, size_t warnings)
{
    int en = r->lang == VB_LANG_EN;
    if (r->format == VB_REPORT_TEXT) {
        if (en)
            fprintf(r->out, "%zu file%s checked: %zu error%s, %zu warning%s\n", files, files == 1 ? "" : "s",
                    errors, errors == 1 ? "" : "s", warnings, warnings == 1 ? "" : "s");
        else
            fprintf(r->out, "Đã kiểm tra %zu tệp: %zu lỗi, %zu cảnh báo\n", files, errors, warnings);
    } else {
        json_object *root = json_object_new_object();
        if (r->format == VB_REPORT_JSON) {
            json_object_object_add(root, "files", json_object_new_int64((int64_t)files));
            json_object_object_add(root, "errors", json_object_new_int64((int64_t)errors));
            json_object_object_add(root, "warnings", json_object_new_int64((int64_t)warnings));
            json_object_object_add(root, "diagnostics", json_object_get(r->results));
        } else {
            json_object_object_add(root, "$schema",
                                   json_object_new_string("https://json.schemastore.org/sarif-2.1.0.json"));
            json_object_object_add(root, "version", json_object_new_string("2.1.0"));
            json_object *driver = json_object_new_object();
            json_object_object_add(driver, "name", json_object_new_string("vanban"));
            json_object_object_add(driver, "version", json_object_new_string(VB_VERSION));
            json_object_object_add(driver, "informationUri", json_object_new_string(ND30_URI));
            json_object_object_add(driver, "rules", sarif_rules(r->lang));
            json_object *tool = json_object_new_object();
            json_object_object_add(tool, "driver", driver);
            json_object *run = json_object_new_object();
            json_object_object_add(run, "tool", tool);
            json_object_object_add(run, "results", json_object_get(r->results));
            json_object_object_add(run, "columnKind", json_object_new_string("unicodeCodePoints"));
            /* SRCROOT: where relative paths start, the directory check ran in. */
            char cwd[4096];
            if (getcwd(cwd, sizeof cwd)) {
                char *encoded = uri_encode(cwd);
                size_t n = strlen(encoded) + 16;
                char *uri = vb_xmalloc(n);
                snprintf(uri, n, "file://%s%s", encoded, encoded[strlen(encoded) - 1] == '/' ? "" : "/");
                json_object *base = json_object_new_object();
                json_object_object_add(base, "uri", json_object_new_string(uri));
                json_object *bases = json_object_new_object();
                json_object_object_add(bases, SRCROOT, base);
                json_object_object_add(run, "originalUriBaseIds", bases);
                free(uri);
                free(encoded);
            }
            json_object *runs = json_object_new_array();
            json_object_array_add(runs, run);
            json_object_object_add(root, "runs", runs);
        }
        fputs(json_object_to_json_string_ext(root, JSON_C_TO_STRING_PRETTY | JSON_C_TO_STRING_NOSLASHESCAPE), r->out);
        fputc('\n', r->out);
        json_object_put(root);
    }
    json_object_put(r->results);
    free(r);
}
