#include "report.h"

#include <json-c/json.h>
#include <stdlib.h>
#include <string.h>

#include "model/model.h"
#include "rules.h"

struct vb_report {
    vb_report_format format;
    vb_lang lang;
    FILE *out;
    json_object *results; /* JSON diagnostics or SARIF results */
};

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

static json_object *sarif_result(const vb_diagnostic *d)
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
    json_object *artifact = json_object_new_object();
    json_object_object_add(artifact, "uri", json_object_new_string(d->file));
    json_object *physical = json_object_new_object();
    json_object_object_add(physical, "artifactLocation", artifact);
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
    return o;
}

void vb_report_add(vb_report *r, const vb_diagnostics *diags)
{
    if (r->format == VB_REPORT_TEXT) {
        vb_diagnostics_print(diags, r->out);
        return;
    }
    for (size_t i = 0; i < diags->count; i++)
        json_object_array_add(r->results, r->format == VB_REPORT_SARIF ? sarif_result(&diags->items[i])
                                                                       : json_diagnostic(&diags->items[i]));
}

static json_object *sarif_rules(vb_lang lang)
{
    size_t count = 0;
    const vb_rule *rules = vb_rules_all(&count);
    json_object *array = json_object_new_array();
    for (size_t i = 0; i < count; i++) {
        json_object *rule = json_object_new_object();
        json_object_object_add(rule, "id", json_object_new_string(rules[i].id));
        json_object *text = json_object_new_object();
        json_object_object_add(text, "text", json_object_new_string(lang == VB_LANG_EN ? rules[i].en : rules[i].vi));
        json_object_object_add(rule, "shortDescription", text);
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
            json_object_object_add(driver, "informationUri",
                                   json_object_new_string("https://thuvienphapluat.vn/van-ban/Bo-may-hanh-chinh/Nghi-dinh-30-2020-ND-CP-cong-tac-van-thu-435184.aspx"));
            json_object_object_add(driver, "rules", sarif_rules(r->lang));
            json_object *tool = json_object_new_object();
            json_object_object_add(tool, "driver", driver);
            json_object *run = json_object_new_object();
            json_object_object_add(run, "tool", tool);
            json_object_object_add(run, "results", json_object_get(r->results));
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
