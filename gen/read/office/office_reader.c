/* Reading DOCX and ODT: the container is checked, its parts extracted into the neutral
 * list, the list recognised into the model, and what the model lacks reported. */
#include "office_reader.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "office_extract.h"
#include "office_spool.h"
#include "legacy_convert.h"
#include "recognise.h"
#include "recognise_parts.h"
#include "viet/text.h"

int vb_office_path_is_office(const char *path)
{
    const char *dot = strrchr(path, '.');
    return dot && (!strcasecmp(dot, ".docx") || !strcasecmp(dot, ".docm") || !strcasecmp(dot, ".odt") ||
                   !strcasecmp(dot, ".doc") || !strcasecmp(dot, ".rtf"));
}

static int is_legacy(const char *path)
{
    const char *dot = strrchr(path, '.');
    return dot && (!strcasecmp(dot, ".doc") || !strcasecmp(dot, ".rtf"));
}

/* A zip that is neither: say what it is. */
static void not_a_document(of_package *pkg)
{
    if (of_package_has(pkg, "xl/workbook.xml") || of_package_has(pkg, "ppt/presentation.xml"))
        of_fail(pkg, "tệp là bảng tính hoặc trình chiếu Office, không phải văn bản DOCX",
                "the file is an Office spreadsheet or presentation, not a DOCX document");
    else if (of_package_has(pkg, "mimetype") && !of_package_has(pkg, "content.xml"))
        of_fail(pkg, "tệp OpenDocument không có content.xml", "the OpenDocument file has no content.xml");
    else
        of_fail(pkg, "tệp zip không phải DOCX hay ODT (không có word/document.xml hay content.xml)",
                "the zip is not a DOCX or an ODT (it has neither word/document.xml nor content.xml)");
}

static int is_odt(of_package *pkg)
{
    zip_int64_t index = zip_name_locate(pkg->zip, "mimetype", 0);
    if (index < 0)
        return of_package_has(pkg, "content.xml") && !of_package_has(pkg, "word/document.xml");
    char buf[64] = "";
    zip_file_t *f = zip_fopen_index(pkg->zip, (zip_uint64_t)index, 0);
    if (!f)
        return 0;
    zip_int64_t n = zip_fread(f, buf, sizeof buf - 1);
    zip_fclose(f);
    buf[n > 0 ? n : 0] = '\0';
    return strncmp(buf, "application/vnd.oasis.opendocument.text", 39) == 0;
}

/* The marks set in a box above the header of page 1 (ô 11, and a draft's "DỰ THẢO"): they
 * are not part of the text's flow, so they are taken out before the header is recognised. */
typedef struct {
    int draft, draft_round;
    char *circulation;
    vb_pos draft_pos;
} page_marks;

static int mark_text(const char *text, const char *mark)
{
    size_t n = strlen(mark);
    return strncmp(text, mark, n) == 0;
}

static page_marks take_page_marks(vb_office_source *src)
{
    page_marks m = {0};
    for (size_t i = 0; i < src->count; i++) {
        of_para *p = &src->items[i].u.para;
        if (src->items[i].kind != OF_PARA || !p->text || !(p->fmt.border_box || p->in_textbox))
            continue;
        char *t = vb_upper_vi(p->text);
        size_t len = strlen(t);
        while (len && (t[len - 1] == ' ' || t[len - 1] == '\n'))
            t[--len] = '\0';
        int round = 0, used = 0;
        int is_draft = strcmp(t, "DỰ THẢO") == 0 ||
                       (mark_text(t, "DỰ THẢO LẦN ") && sscanf(t + strlen("DỰ THẢO LẦN "), "%d%n", &round, &used) == 1 &&
                        t[strlen("DỰ THẢO LẦN ") + used] == '\0');
        int is_circulation = strcmp(t, "LƯU HÀNH NỘI BỘ") == 0 || strcmp(t, "XEM XONG TRẢ LẠI") == 0;
        if (is_draft) {
            m.draft = 1;
            m.draft_round = round;
        } else if (is_circulation && !m.circulation) {
            m.circulation = vb_strdup(t);
        }
        free(t);
        if (!is_draft && !is_circulation)
            continue;
        /* Left in place as an empty paragraph: the numbers of the others stay. */
        for (size_t r = 0; r < p->run_count; r++) {
            free(p->runs[r].text);
            free(p->runs[r].font);
        }
        p->run_count = 0;
        free(p->text);
        p->text = vb_strdup("");
    }
    return m;
}

static void apply_page_marks(vb_document *doc, page_marks *m)
{
    if (doc && m->draft) {
        doc->is_draft = 1;
        doc->draft_round = m->draft_round;
    }
    if (doc && m->circulation && !doc->circulation.text) {
        doc->circulation.text = m->circulation;
        doc->circulation.pos = doc->root_pos;
        m->circulation = NULL;
    }
    free(m->circulation);
}

static vb_office_source *vb_office_extract(const char *path, const char *shown, vb_diagnostics *diags)
{
    of_package pkg;
    if (of_package_open(&pkg, path, shown, diags) < 0)
        return NULL;
    vb_office_source *src = vb_xcalloc(1, sizeof *src);
    src->path = vb_strdup(path);
    int rc;
    if (of_package_has(&pkg, "word/document.xml")) {
        /* A .docm's macros (word/vbaProject.bin) are never run, only noticed. */
        src->has_macros = of_package_has(&pkg, "word/vbaProject.bin");
        rc = vb_docx_extract(&pkg, src);
    } else if (is_odt(&pkg)) {
        src->is_odt = 1;
        rc = vb_odt_extract(&pkg, src);
    } else {
        not_a_document(&pkg);
        rc = -1;
    }
    if (rc == 0 && src->spool && of_spool_flush(src->spool) < 0) {
        of_fail(&pkg, "không ghi được tệp tạm giữ các dòng của bảng dài: %s",
                "cannot write the temporary file holding the rows of a long table: %s",
                of_spool_error(src->spool));
        rc = -1;
    }
    of_package_close(&pkg);
    if (rc < 0) {
        of_source_free(src);
        return NULL;
    }
    return src;
}

/* What check needs and the file did not show: the parts a YAML file must have. */
static void report_missing(const vb_document *doc, vb_diagnostics *diags)
{
    vb_pos at = doc->root_pos;
    struct {
        int missing;
        const char *vi, *en;
    } parts[] = {
        {doc->issuer.count == 0, "không thấy tên cơ quan ban hành (ô 2)", "no issuing body found (ô 2)"},
        {!doc->code.text, "không thấy dòng số, ký hiệu (ô 3: \"Số: 05/BC-UBND\")",
         "no number line found (ô 3: \"Số: 05/BC-UBND\")"},
        {!doc->place.text || !doc->date.present, "không thấy dòng địa danh, ngày tháng năm (ô 4)",
         "no place and date line found (ô 4)"},
        {!doc->type_code.text, "không nhận ra loại văn bản (tên loại ô 5a hoặc ký hiệu)",
         "the document type was not recognised (tên loại ô 5a or the ký hiệu)"},
        {!doc->body->first_child, "không thấy nội dung (ô 6)", "no body text found (ô 6)"},
        {doc->recipients.count == 0, "không thấy nơi nhận (ô 9b: \"Nơi nhận:\")",
         "no recipients found (ô 9b: \"Nơi nhận:\")"},
        {doc->signer_count == 0, "không thấy khối chữ ký (ô 7)", "no signature block found (ô 7)"},
    };
    for (size_t i = 0; i < sizeof parts / sizeof *parts; i++)
        if (parts[i].missing)
            vb_diag(diags, VB_SEV_ERROR, at, "OFFICE-MISSING", "%s", "%s",
                    diags->lang == VB_LANG_EN ? parts[i].en : parts[i].vi);
}

vb_document *vb_office_read_source(const char *path, vb_diagnostics *diags, vb_office_source **source,
                                   int **elements)
{
    const char *shown = path;
    char workdir[4096] = "", converted[4400] = "";
    if (is_legacy(path)) {
        /* .doc and .rtf: LibreOffice makes a DOCX of it when installed, and the user is told. */
        char err[256];
        const char *kind = strcasecmp(strrchr(path, '.'), ".rtf") == 0 ? "RTF" : "Word 97-2003 (.doc)";
        vb_pos at = {shown, 1, 1};
        if (vb_legacy_to_docx(path, workdir, sizeof workdir, converted, sizeof converted, err, sizeof err) < 0) {
            if (err[0])
                vb_diag(diags, VB_SEV_ERROR, at, "OFFICE-READ",
                        "tệp %s: LibreOffice không chuyển được (%s); hãy mở và lưu lại dưới dạng .docx",
                        "a %s file: LibreOffice could not convert it (%s); open it and save it as .docx", kind, err);
            else
                vb_diag(diags, VB_SEV_ERROR, at, "OFFICE-READ",
                        "tệp %s: hãy mở và lưu lại dưới dạng .docx (hoặc cài LibreOffice để vanban tự chuyển)",
                        "a %s file: open it and save it as .docx (or install LibreOffice for vanban to convert it)", kind);
            if (source)
                *source = NULL;
            if (elements)
                *elements = NULL;
            return NULL;
        }
        vb_diag(diags, VB_SEV_WARNING, at, "OFFICE-LEGACY",
                "tệp %s đã được LibreOffice chuyển sang .docx để đọc; hãy lưu lại dưới dạng .docx",
                "the %s file was converted to .docx by LibreOffice to be read; save it as .docx", kind);
    }
    vb_office_source *src = vb_office_extract(converted[0] ? converted : path, shown, diags);
    if (workdir[0])
        vb_legacy_cleanup(workdir);
    if (source)
        *source = NULL;
    if (elements)
        *elements = NULL;
    if (!src)
        return NULL;
    int *els = vb_xmalloc((src->paragraphs + 1) * sizeof *els);
    page_marks marks = take_page_marks(src);
    vb_found_contact contact = vb_take_contact(src);
    vb_document *doc = vb_recognise(src, shown, diags, els);
    apply_page_marks(doc, &marks);
    vb_apply_contact(doc, &contact);
    vb_recognise_drafter(doc);
    report_missing(doc, diags);
    if (src->has_macros)
        vb_document_add_note(doc, doc->root_pos, "tệp .docm có macro: chỉ đọc, không chạy");
    if (source)
        *source = src;
    else
        of_source_free(src);
    if (elements)
        *elements = els;
    else
        free(els);
    return doc;
}

vb_document *vb_office_read(const char *path, vb_diagnostics *diags)
{
    return vb_office_read_source(path, diags, NULL, NULL);
}

void vb_office_source_free(vb_office_source *src)
{
    of_source_free(src);
}

const char *vb_office_paragraph_text(const vb_office_source *src, unsigned number)
{
    const of_para *p = src ? of_source_paragraph(src, number) : NULL;
    return p && p->text ? p->text : NULL;
}

void vb_office_attach_snippets(vb_diagnostics *diags, const vb_office_source *src)
{
    if (!src)
        return;
    for (size_t i = 0; i < diags->count; i++) {
        vb_diagnostic *d = &diags->items[i];
        const char *text = d->line ? vb_office_paragraph_text(src, d->line) : NULL;
        if (text && !d->snippet)
            d->snippet = vb_strdup(text);
    }
}
