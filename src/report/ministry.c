/*
 * ministry.c — the report to MLIT (国土交通省への情報連絡, guideline 3.2.2.2(2), with the items of
 * 3.1.2.4(2) and 3.2.3) in its final form: the field list and the values come from the incident
 * workflow (isms_incident_report, whose form is data in incident_report_fields), so the text, the
 * JSON, the HTML page and the PDF always carry the same fields in the same order. The PDF is the
 * HTML page printed by headless Chromium (report_pdf_from_html).
 */
#include "report/report.h"

#include "isms/incident.h"

#include <jansson.h>
#include <strings.h>

#define PDF_TIMEOUT_S 120

int report_format_parse(const char *s, enum report_format *out)
{
    static const char *const names[] = {"text", "json", "html", "pdf"};
    for (size_t i = 0; s && i < AG_ARRAY_LEN(names); i++)
        if (strcasecmp(s, names[i]) == 0) {
            *out = (enum report_format)i;
            return AG_OK;
        }
    return AG_EINVAL;
}

static int ministry_html(const char *json, enum ag_lang lang, size_t missing, struct strbuf *out,
                         struct ag_error *err)
{
    json_error_t je;
    json_t *root = json_loads(json, 0, &je), *f;
    if (!root)
        return ag_error_set(err, AG_EINVAL, "the report to MLIT: %s", je.text);
    const char *title = json_string_value(json_object_get(root, "title"));
    report_html_begin(out, lang, title ? title : "");
    strbuf_adds(out, "<h1>");
    report_html_text(out, title ? title : "");
    strbuf_adds(out, "</h1>\n<p class=\"meta\">");
    strbuf_addf(out, ag_tr(lang, "Incident %lld, generated %s"),
                (long long)json_integer_value(json_object_get(root, "incident")),
                json_string_value(json_object_get(root, "generated_at")));
    if (missing) {
        strbuf_adds(out, " — ");
        char m[128];
        snprintf(m, sizeof(m), ag_tr(lang, "%zu required field(s) missing"), missing);
        report_html_text(out, m);
    }
    strbuf_adds(out, "</p>\n");
    size_t i;
    json_array_foreach(json_object_get(root, "fields"), i, f)
    {
        const char *label = json_string_value(json_object_get(f, "label"));
        const char *key = json_string_value(json_object_get(f, "key"));
        json_t *v = json_object_get(f, "value");
        bool required = json_is_true(json_object_get(f, "required"));
        strbuf_adds(out, "<section id=\"f-");
        report_html_text(out, key ? key : "");
        strbuf_adds(out, "\">\n<h2>");
        report_html_text(out, label ? label : "");
        strbuf_adds(out, "</h2>\n");
        if (json_is_string(v)) {
            strbuf_adds(out, "<p class=\"value\">");
            report_html_text(out, json_string_value(v));
            strbuf_adds(out, "</p>\n");
        } else {
            strbuf_addf(out, "<p class=\"%s\">", required ? "missing" : "value");
            report_html_text(out, ag_tr(lang, required ? "(missing: required)" : "(none)"));
            strbuf_adds(out, "</p>\n");
        }
        strbuf_adds(out, "</section>\n");
    }
    report_html_end(out);
    json_decref(root);
    return strbuf_ok(out) ? AG_OK : ag_error_set(err, AG_ENOMEM, "the report is too large");
}

int report_ministry(struct store *st, long long id, enum ag_lang lang, enum report_format fmt,
                    struct strbuf *out, size_t *missing, struct ag_error *err)
{
    if (fmt == REPORT_TEXT || fmt == REPORT_JSON)
        return isms_incident_report(st, id, lang, fmt == REPORT_JSON, out, missing, err);
    struct strbuf json, html;
    int rc;
    strbuf_init(&json, 0);
    strbuf_init(&html, 0);
    if ((rc = isms_incident_report(st, id, lang, true, &json, missing, err)))
        goto out;
    if (fmt == REPORT_HTML) {
        rc = ministry_html(strbuf_str(&json), lang, *missing, out, err);
        goto out;
    }
    if ((rc = ministry_html(strbuf_str(&json), lang, *missing, &html, err)))
        goto out;
    rc = report_pdf_from_html(strbuf_str(&html), html.len, PDF_TIMEOUT_S, out, err);
out:
    strbuf_release(&json);
    strbuf_release(&html);
    return rc;
}
