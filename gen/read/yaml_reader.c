#define _GNU_SOURCE /* memmem */
#include "yaml_reader.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <yaml.h>

#include "model/doctypes.h"
#include "layout/format.h"
#include "model/markup.h"
#include "viet/text.h"
#include "viet/tone.h"
#include "yaml_internal.h"
#include "yaml_problems.h"

/* Anchors and aliases may repeat nodes; this bounds the work an alias bomb can cause. */
#define MAX_NODE_VISITS_PER_NODE 16

/* ---- recipients and signers ---- */

static int read_recipients(reader *r, yaml_node_t *node, vb_lines *out)
{
    if (node->type != YAML_SEQUENCE_NODE)
        return yr_read_lines(r, node, "noi_nhan", out);
    int ok = 1;
    out->pos = yr_pos_of(r, node);
    for (yaml_node_item_t *it = node->data.sequence.items.start; it < node->data.sequence.items.top; it++) {
        yaml_node_t *item = yaml_document_get_node(r->ydoc, *it);
        if (!yr_visit(r, item))
            return 0;
        if (item->type == YAML_SCALAR_NODE) {
            char *t = scalar_text(item);
            if (t)
                vb_lines_append(out, t, yr_pos_of(r, item));
            continue;
        }
        /* `- Lưu: VT, TH` is a one-pair mapping to YAML; the drafter meant the text. */
        if (item->type == YAML_MAPPING_NODE &&
            item->data.mapping.pairs.top - item->data.mapping.pairs.start == 1) {
            yaml_node_t *k = yaml_document_get_node(r->ydoc, item->data.mapping.pairs.start->key);
            yaml_node_t *v = yaml_document_get_node(r->ydoc, item->data.mapping.pairs.start->value);
            if (k->type == YAML_SCALAR_NODE && v->type == YAML_SCALAR_NODE) {
                char *kt = scalar_text(k), *vt = scalar_text(v);
                size_t n = (kt ? strlen(kt) : 0) + (vt ? strlen(vt) : 0) + 3;
                char *joined = vb_xmalloc(n);
                snprintf(joined, n, "%s: %s", kt ? kt : "", vt ? vt : "");
                free(kt);
                free(vt);
                vb_lines_append(out, joined, yr_pos_of(r, item));
                continue;
            }
        }
        yr_type_error(r, item, "noi_nhan", "một chuỗi", "a text");
        ok = 0;
    }
    return ok;
}

static const char *const signer_keys[] = {"quyen_han", "chuc_vu", "ho_ten", NULL};

static int signer_pair(reader *r, const char *key, yaml_node_t *k, yaml_node_t *v, void *ctx)
{
    vb_signer *s = ctx;
    if (strcmp(key, "quyen_han") == 0)
        return yr_read_lines(r, v, key, &s->authority);
    if (strcmp(key, "chuc_vu") == 0)
        return yr_read_text(r, v, key, &s->title);
    if (strcmp(key, "ho_ten") == 0)
        return yr_read_text(r, v, key, &s->name);
    yr_unknown_key(r, k, key, signer_keys, r->diags->lang == VB_LANG_EN ? "the signature block (ky)" : "khối chữ ký (ky)");
    return 0;
}

static int read_signer(reader *r, yaml_node_t *node, vb_document *doc)
{
    if (node->type != YAML_MAPPING_NODE) {
        yr_type_error(r, node, "ky", "một ánh xạ quyen_han/chuc_vu/ho_ten", "a mapping of quyen_han/chuc_vu/ho_ten");
        return 0;
    }
    doc->signers = vb_xrealloc(doc->signers, (doc->signer_count + 1) * sizeof *doc->signers);
    vb_signer *s = &doc->signers[doc->signer_count++];
    return yr_read_signer(r, node, s);
}

int yr_read_signer(reader *r, yaml_node_t *node, vb_signer *s)
{
    if (node->type != YAML_MAPPING_NODE) {
        yr_type_error(r, node, "ky", "một ánh xạ quyen_han/chuc_vu/ho_ten", "a mapping of quyen_han/chuc_vu/ho_ten");
        return 0;
    }
    memset(s, 0, sizeof *s);
    s->pos = yr_pos_of(r, node);
    int ok = yr_for_each_pair(r, node, signer_pair, s);
    if (r->budget_reported)
        return 0;
    if (!s->name.text) {
        vb_diag(r->diags, VB_SEV_ERROR, s->pos, "YAML-REQUIRED",
                VI_EN("khối chữ ký thiếu `ho_ten` (họ tên người ký)", "the signature block has no `ho_ten` (the signer's name)"));
        ok = 0;
    }
    if (!s->title.text && s->authority.count == 0) {
        vb_diag(r->diags, VB_SEV_ERROR, s->pos, "YAML-REQUIRED",
                VI_EN("khối chữ ký thiếu `quyen_han` và `chuc_vu`", "the signature block has neither `quyen_han` nor `chuc_vu`"));
        ok = 0;
    }
    return ok;
}

/* ---- the top level ---- */

/* What a plain scalar that YAML reads as no text is — a boolean or a number — as
 * "english\0vietnamese"; NULL for a text (or anything not a plain scalar). The body given
 * as `true` or `12345` is a slip, not a document. */
static const char *plain_non_text(yaml_node_t *node)
{
    if (node->type != YAML_SCALAR_NODE || node->data.scalar.style != YAML_PLAIN_SCALAR_STYLE)
        return NULL;
    const char *v = (const char *)node->data.scalar.value;
    static const char *const booleans[] = {"true", "false", "yes", "no", "on", "off", "y", "n"};
    for (size_t i = 0; i < sizeof booleans / sizeof *booleans; i++)
        if (strcasecmp(v, booleans[i]) == 0)
            return "a boolean\0giá trị đúng/sai";
    const char *p = v;
    if (*p == '+' || *p == '-')
        p++;
    int digits = 0, dots = 0;
    for (; *p; p++) {
        if (*p >= '0' && *p <= '9')
            digits++;
        else if (*p == '.' && !dots)
            dots++;
        else if (*p != '_')
            return NULL;
    }
    return digits ? "a number\0số" : NULL;
}

enum field {
    F_THE_THUC, F_LOAI, F_TEN_LOAI, F_TRANG_THAI, F_CO_QUAN_CHU_QUAN, F_CO_QUAN, F_SO, F_KY_HIEU,
    F_DIA_DANH, F_NGAY, F_TRICH_YEU, F_KINH_GUI, F_THAM_QUYEN, F_CAN_CU, F_MO_DAU, F_NOI_DUNG,
    F_NOI_NHAN, F_KY, F_DAU_THANH, F_DO_MAT, F_DO_KHAN, F_PHU_LUC,
    /* yaml_parts.c */
    F_PHAM_VI_LUU_HANH, F_KY_HIEU_NGUOI_SOAN_THAO, F_SO_LUONG_BAN, F_LIEN_HE, F_LAN_DU_THAO,
    F_CO_QUAN_LIEN_TICH, F_CO_QUAN_IN_THUONG, F_VAN_BAN_KEM_THEO, F_COUNT
};

static const char *const top_keys[] = {
    [F_THE_THUC] = "the_thuc",   [F_LOAI] = "loai",         [F_TEN_LOAI] = "ten_loai",
    [F_TRANG_THAI] = "trang_thai", [F_CO_QUAN_CHU_QUAN] = "co_quan_chu_quan",
    [F_CO_QUAN] = "co_quan",     [F_SO] = "so",             [F_KY_HIEU] = "ky_hieu",
    [F_DIA_DANH] = "dia_danh",   [F_NGAY] = "ngay",         [F_TRICH_YEU] = "trich_yeu",
    [F_KINH_GUI] = "kinh_gui",   [F_THAM_QUYEN] = "tham_quyen", [F_CAN_CU] = "can_cu",
    [F_MO_DAU] = "mo_dau",       [F_NOI_DUNG] = "noi_dung", [F_NOI_NHAN] = "noi_nhan",
    [F_KY] = "ky",               [F_DAU_THANH] = "dau_thanh", [F_DO_MAT] = "do_mat",
    [F_DO_KHAN] = "do_khan",     [F_PHU_LUC] = "phu_luc",
    [F_PHAM_VI_LUU_HANH] = "pham_vi_luu_hanh", [F_KY_HIEU_NGUOI_SOAN_THAO] = "ky_hieu_nguoi_soan_thao",
    [F_SO_LUONG_BAN] = "so_luong_ban", [F_LIEN_HE] = "lien_he", [F_LAN_DU_THAO] = "lan_du_thao",
    [F_CO_QUAN_LIEN_TICH] = "co_quan_lien_tich", [F_CO_QUAN_IN_THUONG] = "co_quan_in_thuong",
    [F_VAN_BAN_KEM_THEO] = "van_ban_kem_theo", [F_COUNT] = NULL,
};

typedef struct {
    yaml_node_t *values[F_COUNT];
    yaml_node_t *keys[F_COUNT];
} top_ctx;

static int top_pair(reader *r, const char *key, yaml_node_t *k, yaml_node_t *v, void *ctx)
{
    top_ctx *t = ctx;
    for (int f = 0; f < F_COUNT; f++) {
        if (strcmp(key, top_keys[f]) == 0) {
            t->values[f] = v;
            t->keys[f] = k;
            return 1;
        }
    }
    yr_unknown_key(r, k, key, top_keys, r->diags->lang == VB_LANG_EN ? "the document" : "văn bản");
    return 0;
}


static int read_number(reader *r, yaml_node_t *v, vb_document *doc)
{
    doc->number_pos = yr_pos_of(r, v);
    if (v->type != YAML_SCALAR_NODE) {
        yr_type_error(r, v, "so", "một số", "a number");
        return 0;
    }
    char *s = scalar_text(v);
    if (!s)
        return 1; /* blank: the văn thư fills it in */
    char *end = NULL;
    long n = strtol(s, &end, 10);
    int ok = end && *end == '\0' && isdigit((unsigned char)s[0]) && n >= 1 && n <= 999999;
    if (!ok)
        vb_diag(r->diags, VB_SEV_ERROR, doc->number_pos, "YAML-TYPE",
                VI_EN("`so` phải là một số nguyên từ 1 đến 999999 (hoặc để trống khi là dự thảo), không "
                      "phải \"%s\"",
                      "`so` must be a whole number from 1 to 999999 (or blank in a draft), not \"%s\""),
                s);
    else
        doc->number = (int)n;
    free(s);
    return ok;
}

static void missing(reader *r, yaml_node_t *root, const char *key, const char *what_vi,
                    const char *what_en)
{
    vb_diag(r->diags, VB_SEV_ERROR, yr_pos_of(r, root), "YAML-REQUIRED",
            VI_EN("thiếu `%s` (%s)", "`%s` is missing (%s)"), key,
            r->diags->lang == VB_LANG_EN ? what_en : what_vi);
}

/* A text that, once given, may not be empty (ky_hieu, dia_danh). "Empty" only of a value
 * read: a value of the wrong kind has had its error. */
static int read_filled_text(reader *r, yaml_node_t *v, const char *key, vb_text *out)
{
    if (!yr_read_text(r, v, key, out))
        return 0;
    if (out->text)
        return 1;
    vb_diag(r->diags, VB_SEV_ERROR, out->pos, "YAML-REQUIRED", VI_EN("`%s` trống", "`%s` is empty"), key);
    return 0;
}

static int read_document(reader *r, yaml_node_t *root)
{
    vb_document *doc = r->doc;
    if (root->type != YAML_MAPPING_NODE) {
        vb_diag(r->diags, VB_SEV_ERROR, yr_pos_of(r, root), "YAML-ROOT",
                VI_EN("văn bản phải là một ánh xạ `khóa: giá trị` (the_thuc, loai, co_quan, …), không phải %s",
                      "a document must be a mapping of `key: value` (the_thuc, loai, co_quan, …), not %s"),
                yr_kind_name(r, root));
        return 0;
    }
    top_ctx t;
    memset(&t, 0, sizeof t);
    doc->root_pos = yr_pos_of(r, root);
    int ok = yr_for_each_pair(r, root, top_pair, &t);

    static const struct {
        int field;
        const char *vi, *en;
    } required[] = {
        {F_THE_THUC, "thể thức: nha_nuoc hoặc dang", "the format: nha_nuoc or dang"},
        {F_LOAI, "loại văn bản, ví dụ BC", "the document type, e.g. BC"},
        {F_CO_QUAN, "tên cơ quan ban hành", "the issuing body"},
        {F_KY_HIEU, "ký hiệu, ví dụ BC-UBND", "the ký hiệu, e.g. BC-UBND"},
        {F_DIA_DANH, "địa danh", "the place name"},
        {F_NGAY, "ngày ban hành", "the date"},
        {F_NOI_DUNG, "nội dung", "the body"},
        {F_NOI_NHAN, "nơi nhận", "the recipients"},
        {F_KY, "khối chữ ký", "the signature block"},
    };
    for (size_t i = 0; i < sizeof required / sizeof *required; i++) {
        /* A joint document names its bodies in co_quan_lien_tich. */
        if (required[i].field == F_CO_QUAN && t.values[F_CO_QUAN_LIEN_TICH])
            continue;
        if (!t.values[required[i].field]) {
            /* A misspelt key was reported with this one as its suggestion: one mistake, one
             * error. */
            if (!yr_misspelt(r, root, top_keys[required[i].field]))
                missing(r, root, top_keys[required[i].field], required[i].vi, required[i].en);
            ok = 0;
        }
    }

    /* The tone-mark style first: every text read after it gets it. */
    doc->tone_style = VB_TONE_TRADITIONAL;
    if (t.values[F_DAU_THANH]) {
        static const char *const styles[] = {"cu", "moi", "giu_nguyen", NULL};
        int st = 0;
        if (yr_read_enum(r, t.values[F_DAU_THANH], "dau_thanh", styles, &st)) {
            static const vb_tone_style map[] = {VB_TONE_TRADITIONAL, VB_TONE_MODERN, VB_TONE_KEEP};
            doc->tone_style = map[st];
            if (r->tone_style >= 0)
                r->tone_style = map[st];
        } else {
            ok = 0;
        }
    }
    if (t.values[F_THE_THUC]) {
        static const char *const formats[] = {"nha_nuoc", "dang", NULL};
        int f = 0;
        if (yr_read_enum(r, t.values[F_THE_THUC], "the_thuc", formats, &f))
            doc->format = f == 1 ? VB_FORMAT_PARTY : VB_FORMAT_STATE;
        else
            ok = 0;
        doc->format_pos = yr_pos_of(r, t.values[F_THE_THUC]);
    }
    if (t.values[F_TRANG_THAI]) {
        static const char *const states[] = {"ban_hanh", "du_thao", NULL};
        int s = 0;
        if (yr_read_enum(r, t.values[F_TRANG_THAI], "trang_thai", states, &s))
            doc->is_draft = s == 1;
        else
            ok = 0;
        doc->draft_pos = yr_pos_of(r, t.values[F_TRANG_THAI]);
    }
    if (t.values[F_LOAI]) {
        int read = yr_read_text(r, t.values[F_LOAI], "loai", &doc->type_code);
        ok &= read;
        if (read && !doc->type_code.text) {
            vb_diag(r->diags, VB_SEV_ERROR, doc->type_code.pos, "YAML-REQUIRED",
                    VI_EN("`loai` trống: cần loại văn bản, ví dụ BC",
                          "`loai` is empty: it takes the document type, e.g. BC"));
            ok = 0;
        }
        if (doc->type_code.text && !vb_doctype_find(doc->type_code.text, doc->format)) {
            vb_diag(r->diags, VB_SEV_ERROR, doc->type_code.pos, "YAML-TYPECODE",
                    VI_EN("loại văn bản \"%s\" không có trong thể thức %s (xem `vanban types`)",
                          "document type \"%s\" is not one of the %s types (see `vanban types`)"),
                    doc->type_code.text, doc->format == VB_FORMAT_PARTY ? "dang" : "nha_nuoc");
            ok = 0;
        }
    }
    if (t.values[F_DO_MAT]) {
        static const char *const levels[] = {"mat", "toi_mat", "tuyet_mat", NULL};
        int level = 0;
        if (yr_read_enum(r, t.values[F_DO_MAT], "do_mat", levels, &level))
            doc->secrecy = level + 1;
        else
            ok = 0;
    }
    if (t.values[F_DO_KHAN]) {
        static const char *const levels[] = {"khan", "thuong_khan", "hoa_toc", NULL};
        int level = 0;
        if (yr_read_enum(r, t.values[F_DO_KHAN], "do_khan", levels, &level))
            doc->urgency = level + 1;
        else
            ok = 0;
    }
    if (t.values[F_TEN_LOAI])
        ok &= yr_read_lines(r, t.values[F_TEN_LOAI], "ten_loai", &doc->type_name);
    if (t.values[F_CO_QUAN_CHU_QUAN])
        ok &= yr_read_lines(r, t.values[F_CO_QUAN_CHU_QUAN], "co_quan_chu_quan", &doc->parent_body);
    if (t.values[F_CO_QUAN]) {
        /* "Empty" only of a value read: a value of the wrong kind has had its error. */
        if (!yr_read_lines(r, t.values[F_CO_QUAN], "co_quan", &doc->issuer)) {
            ok = 0;
        } else if (doc->issuer.count == 0) {
            vb_diag(r->diags, VB_SEV_ERROR, doc->issuer.pos, "YAML-REQUIRED",
                    VI_EN("`co_quan` trống", "`co_quan` is empty"));
            ok = 0;
        }
    }
    int number_ok = 1;
    if (t.values[F_SO]) {
        number_ok = read_number(r, t.values[F_SO], doc);
        ok &= number_ok;
    }
    if (t.values[F_KY_HIEU])
        ok &= read_filled_text(r, t.values[F_KY_HIEU], "ky_hieu", &doc->code);
    if (t.values[F_DIA_DANH])
        ok &= read_filled_text(r, t.values[F_DIA_DANH], "dia_danh", &doc->place);
    if (t.values[F_NGAY] && !yr_read_date(r, t.values[F_NGAY], "ngay", &doc->date))
        ok = 0;
    /* Where a blank number or day is allowed is the validator's business (HDR-BLANK). */
    (void)number_ok;
    if (!t.values[F_SO])
        doc->number_pos = yr_pos_of(r, root);
    if (t.values[F_TRICH_YEU])
        ok &= yr_read_text(r, t.values[F_TRICH_YEU], "trich_yeu", &doc->subject);
    if (t.values[F_KINH_GUI])
        ok &= yr_read_lines(r, t.values[F_KINH_GUI], "kinh_gui", &doc->addressees);
    if (t.values[F_THAM_QUYEN])
        ok &= yr_read_text(r, t.values[F_THAM_QUYEN], "tham_quyen", &doc->authority_line);
    if (t.values[F_CAN_CU])
        ok &= yr_read_lines(r, t.values[F_CAN_CU], "can_cu", &doc->legal_bases);
    if (t.values[F_MO_DAU])
        ok &= yr_read_text(r, t.values[F_MO_DAU], "mo_dau", &doc->preamble_close);
    if (t.values[F_NOI_DUNG]) {
        yaml_node_t *body = t.values[F_NOI_DUNG];
        doc->body_pos = yr_pos_of(r, body);
        doc->body->pos = doc->body_pos;
        const char *what = plain_non_text(body);
        if (what) {
            vb_diag(r->diags, VB_SEV_ERROR, doc->body_pos, "YAML-TYPE",
                    VI_EN("`noi_dung` phải là văn bản hoặc danh sách đoạn văn và mục, không phải "
                          "%s `%s` (đặt trong ngoặc kép nếu đó là văn bản)",
                          "`noi_dung` must be text or a list of paragraphs and sections, not %s "
                          "`%s` (quote it if it is meant as text)"),
                    r->diags->lang == VB_LANG_EN ? what : what + strlen(what) + 1,
                    (const char *)body->data.scalar.value);
            ok = 0;
        } else {
            int read = yr_read_blocks(r, body, doc->body, 0);
            ok &= read;
            if (read && !doc->body->first_child) {
                vb_diag(r->diags, VB_SEV_ERROR, doc->body_pos, "YAML-REQUIRED",
                        VI_EN("`noi_dung` trống: văn bản cần có nội dung",
                              "`noi_dung` is empty: the document needs a body"));
                ok = 0;
            }
        }
    }
    if (t.values[F_PHU_LUC])
        ok &= yr_read_appendices(r, t.values[F_PHU_LUC]);
    yr_add_task_appendices(r);
    {
        yr_parts_nodes parts = {t.values[F_PHAM_VI_LUU_HANH], t.values[F_KY_HIEU_NGUOI_SOAN_THAO],
                                t.values[F_SO_LUONG_BAN],     t.values[F_LIEN_HE],
                                t.values[F_LAN_DU_THAO],      t.values[F_CO_QUAN_LIEN_TICH],
                                t.values[F_CO_QUAN_IN_THUONG], t.values[F_VAN_BAN_KEM_THEO],
                                t.values[F_CO_QUAN],          t.values[F_CO_QUAN_CHU_QUAN]};
        ok &= yr_read_parts(r, &parts);
    }
    if (t.values[F_NOI_NHAN])
        ok &= read_recipients(r, t.values[F_NOI_NHAN], &doc->recipients);
    if (t.values[F_KY]) {
        yaml_node_t *k = t.values[F_KY];
        doc->signers_pos = yr_pos_of(r, k);
        if (k->type == YAML_SEQUENCE_NODE) {
            for (yaml_node_item_t *it = k->data.sequence.items.start; it < k->data.sequence.items.top; it++) {
                yaml_node_t *item = yaml_document_get_node(r->ydoc, *it);
                if (!yr_visit(r, item))
                    return 0;
                ok &= read_signer(r, item, doc);
            }
            if (k->data.sequence.items.top == k->data.sequence.items.start) {
                vb_diag(r->diags, VB_SEV_ERROR, doc->signers_pos, "YAML-REQUIRED",
                        VI_EN("`ky` không có người ký nào", "`ky` lists no signer"));
                ok = 0;
            }
        } else {
            ok &= read_signer(r, k, doc);
        }
    }
    return ok;
}

#define MAX_FLOW_DEPTH 256
#define MAX_INDENT 2048

/* What a byte is to the nesting scan below, outside quotes and comments and after a line's
 * indentation: most bytes only end a place where a scalar could start, blanks change
 * nothing, and the rest must be looked at. A table: the scan sees every byte of the file. */
enum { NEST_ORDINARY, NEST_BLANK, NEST_SPECIAL };
static const unsigned char nesting_class[256] = {
    [' '] = NEST_BLANK, ['\t'] = NEST_BLANK,
    ['\n'] = NEST_SPECIAL, ['"'] = NEST_SPECIAL, ['\''] = NEST_SPECIAL, ['#'] = NEST_SPECIAL,
    ['['] = NEST_SPECIAL, [']'] = NEST_SPECIAL, ['{'] = NEST_SPECIAL, ['}'] = NEST_SPECIAL,
    [','] = NEST_SPECIAL, [':'] = NEST_SPECIAL, ['-'] = NEST_SPECIAL, ['?'] = NEST_SPECIAL,
};

/* Whether the line data[start, end) (its comment left out) ends with a block scalar's
 * indicator ("|", ">-", "|2+" …) where a value can start. *parent is then the column its
 * content lines must be indented beyond: the key's, or the dash's for "- |". */
static int block_scalar_line(const char *data, size_t start, size_t end, size_t *parent)
{
    while (end > start && (data[end - 1] == ' ' || data[end - 1] == '\t' || data[end - 1] == '\r'))
        end--;
    size_t k = end;
    while (k > start && (data[k - 1] == '+' || data[k - 1] == '-' || (data[k - 1] >= '0' && data[k - 1] <= '9')))
        k--;
    if (k == start || (data[k - 1] != '|' && data[k - 1] != '>'))
        return 0;
    size_t indicator = k - 1;
    if (indicator > start && data[indicator - 1] != ' ')
        return 0;
    /* The line's indentation and its "- " chain. */
    size_t p = start, last_dash = (size_t)-1;
    for (;;) {
        while (p < indicator && data[p] == ' ')
            p++;
        if (p + 1 < end && (data[p] == '-' || data[p] == '?') && data[p + 1] == ' ') {
            last_dash = p;
            p++;
            continue;
        }
        break;
    }
    if (p == indicator) {
        /* "- |": under the dash; "|" alone on its line: under its own column. */
        *parent = last_dash != (size_t)-1 ? last_dash - start : indicator - start;
        return 1;
    }
    /* "key: |" (an anchor or a tag may come between): under the key. */
    *parent = p - start;
    return 1;
}

/* From the line starting at `at`, skips the lines of a block scalar: blank ones and those
 * indented beyond `parent`. Returns where the first line after it starts (or `len`); counts
 * the lines skipped into *line. */
static size_t skip_block_scalar(const char *data, size_t len, size_t at, size_t parent, unsigned *line)
{
    while (at < len) {
        const char *nl = memchr(data + at, '\n', len - at);
        size_t end = nl ? (size_t)(nl - data) : len;
        size_t p = at;
        while (p < end && data[p] == ' ')
            p++;
        int blank = 1;
        for (size_t q = p; q < end && blank; q++)
            blank = data[q] == ' ' || data[q] == '\t' || data[q] == '\r';
        if (!blank && p - at <= parent)
            return at;
        if (!nl)
            return len;
        (*line)++;
        at = end + 1;
    }
    return at;
}

int vb_yaml_nesting_ok(const char *data, size_t len, unsigned *line, unsigned *column)
{
    size_t comment_start = 0;
    int depth = 0;
    char quote = 0;
    size_t line_start = 0;
    int at_line_start = 1;
    unsigned indent = 0;
    int scalar_can_start = 1; /* after the line's indentation, "[", "{", ",", ": ", "- " */
    *line = 1;
    for (size_t i = 0; i < len; i++) {
        /* Fast paths: in plain text, ordinary bytes only end a place where a scalar could
         * start and blanks change nothing; inside quotes only the closing quote, an escape
         * and a newline matter (the closing quote resets what the bytes before it set); a
         * comment runs to the end of its line. */
        if (!quote && !at_line_start) {
            unsigned char seen = 0;
            while (i < len && nesting_class[(unsigned char)data[i]] != NEST_SPECIAL)
                seen |= (unsigned char)(nesting_class[(unsigned char)data[i++]] == NEST_ORDINARY);
            if (seen)
                scalar_can_start = 0;
            if (i == len)
                break;
        } else if ((quote == '"' || quote == '\'') && !at_line_start) {
            while (i < len && data[i] != quote && data[i] != '\\' && data[i] != '\n')
                i++;
            if (i == len)
                break;
        }
        char ch = data[i];
        if (quote == '#' && ch != '\n') {
            const char *nl = memchr(data + i, '\n', len - i);
            if (!nl)
                break;
            i = (size_t)(nl - data) - 1; /* the newline is the next byte handled */
            continue;
        }
        int can_start_here = scalar_can_start;
        if (ch != ' ' && ch != '\t')
            scalar_can_start = ch == '[' || ch == '{' || ch == ',' || ch == ':' || ch == '-' || ch == '?';
        if (!quote && (ch == '"' || ch == '\'') && !can_start_here)
            continue;
        if (ch == '\n') {
            /* A block scalar's lines are text: "[" there opens nothing. */
            size_t parent;
            size_t content_end = quote == '#' ? comment_start : i;
            int block = (quote == 0 || quote == '#') && depth == 0 &&
                        block_scalar_line(data, line_start, content_end, &parent);
            (*line)++;
            line_start = i + 1;
            at_line_start = 1;
            scalar_can_start = 1;
            indent = 0;
            if (quote == '#')
                quote = 0;
            if (block) {
                line_start = skip_block_scalar(data, len, i + 1, parent, line);
                i = line_start - 1; /* the loop goes on at the next line's start */
            }
            continue;
        }
        /* Indentation and "- - - …" chains are block nesting. */
        if (at_line_start) {
            if (ch == ' ' || ((ch == '-' || ch == '?' || ch == ':') && i + 1 < len && data[i + 1] == ' ')) {
                if (++indent > MAX_INDENT) {
                    *column = (unsigned)vb_utf8_count(data + line_start, i - line_start) + 1;
                    goto too_deep;
                }
                continue;
            }
            at_line_start = 0;
        }
        if (quote) {
            if (quote == '#')
                continue;
            if (ch == '\\' && quote == '"')
                i++;
            else if (ch == quote)
                quote = 0;
            continue;
        }
        /* A quote opens a quoted scalar only where a scalar can start: M'Đrắk is plain text. */
        if (ch == '"' || ch == '\'')
            quote = ch;
        else if (ch == '#' && (i == 0 || data[i - 1] == ' ' || data[i - 1] == '\t' || data[i - 1] == '\n')) {
            quote = '#';
            comment_start = i;
        }
        else if (ch == '[' || ch == '{') {
            if (++depth > MAX_FLOW_DEPTH) {
                *column = (unsigned)vb_utf8_count(data + line_start, i - line_start) + 1;
                goto too_deep;
            }
        } else if ((ch == ']' || ch == '}') && depth > 0)
            depth--;
    }
    return 1;
too_deep:
    /* The column of the character that passed the limit: the scan stopped at it. */
    return 0;
}

/* Line and column (1-based, in characters) of byte `offset`. */
static void locate(const char *data, size_t offset, unsigned *line, unsigned *column)
{
    *line = 1;
    size_t line_start = 0;
    for (size_t i = 0; i < offset; i++) {
        if (data[i] == '\n') {
            (*line)++;
            line_start = i + 1;
        }
    }
    *column = (unsigned)vb_utf8_count(data + line_start, offset - line_start) + 1;
}

vb_document *vb_yaml_read(const char *name, const char *data, size_t len, vb_diagnostics *diags)
{
    return vb_yaml_read_with(name, data, len, diags, 1);
}

vb_document *vb_yaml_read_with(const char *name, const char *data, size_t len, vb_diagnostics *diags,
                               int restyle)
{
    vb_read_options options = {restyle, NULL, NULL};
    return vb_yaml_read_opts(name, data, len, diags, &options);
}

vb_document *vb_yaml_read_template(const char *name, const char *data, size_t len,
                                   vb_diagnostics *diags, const vb_vars *vars)
{
    vb_read_options options = {1, vars, NULL};
    return vb_yaml_read_opts(name, data, len, diags, &options);
}

/* The offset of the first byte that is not well-formed UTF-8 or is NUL, or -1. */
static long first_invalid_byte(const char *data, size_t len)
{
    long bad = vb_utf8_invalid_offset(data, len);
    if (bad < 0) {
        const char *nul = memchr(data, '\0', len);
        if (nul)
            bad = (long)(nul - data);
    }
    return bad;
}

static void report_invalid_utf8(vb_diagnostics *diags, const vb_document *doc, const char *data,
                                long bad)
{
    vb_pos p = {doc->source_name, 0, 0};
    locate(data, (size_t)bad, &p.line, &p.column);
    vb_diag(diags, VB_SEV_ERROR, p, "INPUT-UTF8",
            VI_EN("tệp không phải UTF-8 hợp lệ (byte 0x%02X); nếu là TCVN3/VNI, hãy chuyển sang Unicode",
                  "the file is not valid UTF-8 (byte 0x%02X); if it is TCVN3/VNI, convert it to Unicode"),
            (unsigned)(unsigned char)data[bad]);
}

/* Every scalar holds only characters a document can print: a double-quoted scalar can
 * escape its way to any (YAML's "\v", "\x07", "\0"), and DOCX and ODT, being XML, have no
 * place for a control character. (Other scalars cannot hold one: libyaml refuses such a
 * character typed as it is.) Reports each scalar holding one; 1 when none does. */
static int texts_printable(reader *r)
{
    int printable = 1;
    for (yaml_node_t *node = r->ydoc->nodes.start; node < r->ydoc->nodes.top; node++) {
        unsigned long cp = 0;
        if (node->type != YAML_SCALAR_NODE || node->data.scalar.style != YAML_DOUBLE_QUOTED_SCALAR_STYLE ||
            vb_text_forbidden_offset((const char *)node->data.scalar.value, node->data.scalar.length,
                                     &cp) < 0)
            continue;
        printable = 0;
        vb_diag(r->diags, VB_SEV_ERROR, yr_pos_of(r, node), "YAML-CHAR",
                VI_EN("chuỗi này chứa ký tự điều khiển U+%04lX: nó không in ra được và DOCX, ODT "
                      "không chứa được nó; hãy xoá nó (nếu là \\v của Word, thay bằng dấu cách)",
                      "this text holds the control character U+%04lX: it does not print, and DOCX "
                      "and ODT cannot hold it; delete it (a \\v from Word: put a space)"),
                cp);
    }
    return printable;
}

vb_document *vb_yaml_read_opts(const char *name, const char *data, size_t len, vb_diagnostics *diags,
                               const vb_read_options *options)
{
    vb_document *doc = vb_document_new(name);
    size_t errors_before = diags->error_count;
    /* tone_style -1: texts keep their marks as typed (NFC only). */
    int tone_style = options->restyle ? (int)VB_TONE_TRADITIONAL : -1;

    long bad = first_invalid_byte(data, len);
    if (bad >= 0) {
        report_invalid_utf8(diags, doc, data, bad);
        vb_document_free(doc);
        return NULL;
    }

    /* Deep nesting is found before libyaml sees it. */
    unsigned deep_line = 0, deep_column = 0;
    if (!vb_yaml_nesting_ok(data, len, &deep_line, &deep_column)) {
        vb_pos p = {doc->source_name, deep_line, deep_column};
        vb_diag(diags, VB_SEV_ERROR, p, "YAML-DEPTH",
                VI_EN("YAML lồng quá sâu (quá %d cấp ngoặc hoặc %d cột thụt lề)",
                      "the YAML nests too deeply (more than %d brackets or %d columns of indentation)"),
                MAX_FLOW_DEPTH, MAX_INDENT);
        vb_document_free(doc);
        return NULL;
    }

    yaml_parser_t parser;
    yaml_document_t ydoc;
    yaml_parser_initialize(&parser);
    yaml_parser_set_input_string(&parser, (const unsigned char *)data, len);
    int loaded = yaml_parser_load(&parser, &ydoc);
    if (!loaded && parser.error == YAML_MEMORY_ERROR)
        vb_out_of_memory();
    if (!loaded) {
        vb_yaml_syntax_error(diags, doc->source_name, &parser);
        yaml_parser_delete(&parser);
        vb_document_free(doc);
        return NULL;
    }

    if (options->scalars)
        vb_yaml_scalars_of_document(&ydoc, options->scalars);
    yaml_node_t *root = yaml_document_get_root_node(&ydoc);
    reader r = {.vars = options->vars, .tone_style = tone_style, .data = data, .len = len,
                .ydoc = &ydoc, .doc = doc, .diags = diags, .tone_cache = vb_tone_cache_new(len)};
    r.visit_budget = (size_t)(ydoc.nodes.top - ydoc.nodes.start) * MAX_NODE_VISITS_PER_NODE + 64;
    r.text_budget = len + VB_ALIAS_EXTRA_TEXT;
    if (!root) {
        vb_pos p = {doc->source_name, 1, 1};
        vb_diag(diags, VB_SEV_ERROR, p, "YAML-ROOT",
                VI_EN("tệp trống: không có văn bản nào", "the file is empty: there is no document"));
    } else if (texts_printable(&r)) {
        read_document(&r, root);
        yr_check_folded_items(&r);
        /* One file is one document: a second one would be silently ignored otherwise. */
        yaml_document_t next;
        int next_loaded = yaml_parser_load(&parser, &next);
        if (!next_loaded && parser.error == YAML_MEMORY_ERROR)
            vb_out_of_memory();
        if (next_loaded) {
            yaml_node_t *extra = yaml_document_get_root_node(&next);
            if (extra) {
                vb_pos p = {doc->source_name, (unsigned)next.start_mark.line + 1,
                            (unsigned)next.start_mark.column + 1};
                vb_diag(diags, VB_SEV_ERROR, p, "YAML-MULTIDOC",
                        VI_EN("mỗi tệp chỉ chứa một văn bản; tệp này có thêm tài liệu YAML thứ hai",
                              "one file holds one document; this one has a second YAML document"));
            }
            yaml_document_delete(&next);
        } else {
            vb_yaml_syntax_error(diags, doc->source_name, &parser);
        }
    }
    vb_tone_cache_free(r.tone_cache);
    yaml_document_delete(&ydoc);
    yaml_parser_delete(&parser);

    if (diags->error_count > errors_before) {
        vb_document_free(doc);
        return NULL;
    }
    vb_document_number_sections(doc);
    return doc;
}
