#include "rules.h"

#include <string.h>

#include "model/doctypes.h"

#define E VB_SEV_ERROR
#define W VB_SEV_WARNING

static const vb_rule rules[] = {
    /* Input: what the reader itself rejects. */
    {"YAML-SYNTAX", E, "YAML 1.1", "YAML đúng cú pháp", "the file is well-formed YAML"},
    {"INPUT-UTF8", E, "TCVN 6909:2001", "tệp là Unicode UTF-8 hợp lệ", "the file is valid UTF-8 Unicode"},
    {"YAML-ROOT", E, "vanban docs/format.md", "tệp chứa đúng một văn bản dạng ánh xạ khóa: giá trị",
     "the file holds one document, a mapping of key: value"},
    {"YAML-MULTIDOC", E, "vanban docs/format.md", "mỗi tệp một văn bản", "one document per file"},
    {"YAML-KEY", E, "vanban docs/format.md", "chỉ dùng các khóa đã định nghĩa", "only known keys"},
    {"YAML-DUP", E, "vanban docs/format.md", "không lặp khóa", "no duplicate keys"},
    {"YAML-TYPE", E, "vanban docs/format.md", "giá trị đúng kiểu", "values of the right kind"},
    {"YAML-VALUE", E, "vanban docs/format.md", "giá trị nằm trong tập cho phép", "values from the allowed set"},
    {"YAML-REQUIRED", E, "NĐ30 Điều 8; HD36 1", "có đủ các thành phần bắt buộc của thể thức",
     "the required parts of the format are present"},
    {"YAML-DATE", E, "NĐ30 PL I §II.4", "ngày ban hành là ngày có thật, dạng YYYY-MM-DD",
     "the date exists and is written YYYY-MM-DD"},
    {"YAML-TYPECODE", E, "NĐ30 Điều 7; PL III §I", "loại văn bản có trong danh mục của thể thức",
     "the document type is one of the format's types"},
    {"YAML-SECTION", E, "NĐ30 PL I §II.6", "mỗi mục có đúng một cấp (phần, chương, mục, khoản, điểm, điều)",
     "each section has one level (phần, chương, mục, khoản, điểm, điều)"},
    {"YAML-DEPTH", E, "NĐ30 PL I §II.6", "nội dung không lồng quá sâu", "the body does not nest too deeply"},
    {"YAML-VAR", E, "vanban docs/format.md", "mỗi chỗ {{tên}} của mẫu có cột dữ liệu tương ứng (render --data)",
     "every {{name}} of a template has its data column (render --data)"},
    {"YAML-TABLE", E, "vanban docs/format.md", "bảng và phụ lục có đủ khóa cần thiết (dong hoặc tep, tieu_de, noi_dung)",
     "tables and appendices have what they need (dong or tep, tieu_de, noi_dung)"},
    {"YAML-FOLDED", W, "YAML 1.1 §9.1.1 (plain scalars)", "không có dòng \"- …\" thụt sâu thêm bị nối vào mục ở trên (hai mục bị gộp thành một)",
     "no \"- …\" line indented too deep folded into the item above (two items merged into one)"},
    {"YAML-CHAR", E, "XML 1.0 §2.2 (Characters)", "văn bản không chứa ký tự điều khiển (\\v, \\x07, \\0…)",
     "the text holds no control character (\\v, \\x07, \\0…)"},
    {"YAML-ALIAS", E, "vanban docs/format.md", "không lặp nút quá nhiều qua bí danh", "no alias explosion"},
    {"INPUT-SIZE", E, "vanban docs/limits.md", "mỗi tệp văn bản dưới 64 MiB", "each document file is under 64 MiB"},

    /* ô 2, 3, 4: the header */
    {"HDR-CODE-TYPE", E, "NĐ30 PL I §II.3.b; HD36 1.3",
     "ký hiệu bắt đầu bằng chữ viết tắt tên loại (BC-UBND cho Báo cáo của UBND)",
     "the ký hiệu starts with the type abbreviation (BC-UBND for a Báo cáo of UBND)"},
    {"HDR-CODE-CV", E, "NĐ30 PL I §II.3.c",
     "ký hiệu công văn gồm tên cơ quan - đơn vị soạn thảo, không có tên loại (UBND-VX)",
     "a công văn's ký hiệu is issuer-unit, with no type (UBND-VX)"},
    {"HDR-CODE-SHAPE", E, "NĐ30 PL I §II.3.b; HD36 1.3",
     "ký hiệu không có khoảng trắng; nhà nước nối bằng \"-\", Đảng dạng LOẠI/CƠ QUAN",
     "a ký hiệu has no spaces; state groups are joined by \"-\", Party ones read TYPE/ISSUER"},
    {"HDR-BLANK", E, "NĐ30 PL I §II.3.a, §II.4",
     "chỉ dự thảo mới để trống số, ngày hoặc tháng", "only a draft leaves the number, day or month blank"},
    {"HDR-PLACE", W, "NĐ30 PL I §II.4.b; PL II", "địa danh viết hoa chữ cái đầu",
     "the place name starts with a capital"},

    /* ô 5: tên loại, trích yếu; Kính gửi */
    {"ND-SUBJECT", E, "NĐ30 PL I §II.5; PL III", "có trích yếu khi loại văn bản cần (không có với giấy giới thiệu, giấy nghỉ phép)",
     "a trích yếu where the type needs one (none on giấy giới thiệu, giấy nghỉ phép)"},
    {"ND-SUBJECT-NONE", W, "NĐ30 PL III Mẫu 1.8, 1.10", "giấy giới thiệu, giấy nghỉ phép không có trích yếu",
     "a giấy giới thiệu or giấy nghỉ phép has no trích yếu"},
    {"ND-ATTACHED-PARENT", E, "NĐ30 PL III Mẫu 1.3",
     "chỉ quyết định, nghị quyết, chỉ thị ban hành văn bản kèm theo (quy chế, quy định, kế hoạch …)",
     "only a quyết định, nghị quyết or chỉ thị issues documents with it (quy chế, quy định, kế hoạch …)"},
    {"ND-ATTACHED-ARTICLE", E, "NĐ30 PL III Mẫu 1.3",
     "mỗi văn bản kèm theo có Điều ban hành nó (\"Ban hành kèm theo Quyết định này Quy chế …\")",
     "each attached document has the Điều that issues it (\"Ban hành kèm theo Quyết định này Quy chế …\")"},
    {"ND-ATTACHED-MISSING", E, "NĐ30 PL III Mẫu 1.3",
     "Điều ban hành văn bản kèm theo thì văn bản có văn bản đó (`van_ban_kem_theo`)",
     "an Điều that issues a document with this one has it (`van_ban_kem_theo`)"},
    {"ND-ADDRESSEE", E, "NĐ30 PL I §II.9.a; PL III Mẫu 1.5",
     "công văn, tờ trình có \"Kính gửi\"", "a công văn or tờ trình has a \"Kính gửi\""},

    /* ô 6: the content each type needs */
    {"CC-REQUIRED", E, "NĐ30 PL III Mẫu 1.1, 1.2, 1.3", "có căn cứ ban hành khi loại văn bản cần (nghị quyết, quyết định)",
     "legal bases where the type needs them (nghị quyết, quyết định)"},
    {"CC-FORM", W, "NĐ30 PL I §II.6 (trích dẫn văn bản)",
     "mỗi văn bản được viện dẫn ghi đủ tên loại, số, ký hiệu, ngày (luật, pháp lệnh: tên loại và tên)",
     "each cited document gives its type, number and date (a law: its type and name)"},
    {"CC-DATE", E, "NĐ30 PL I §II.6", "ngày của văn bản được viện dẫn có thật và không sau ngày ban hành",
     "a cited document's date exists and is not after this document's date"},
    {"ND-AUTHORITY", E, "NĐ30 PL III Mẫu 1.2, 1.3", "quyết định có dòng thẩm quyền ban hành (tham_quyen)",
     "a quyết định has its authority line (tham_quyen)"},
    {"ND-ARTICLES", E, "NĐ30 PL I §II.6; PL III Mẫu 1.1–1.3", "nghị quyết, quyết định bố cục theo Điều",
     "a nghị quyết or quyết định is laid out in Điều"},
    {"ND-ASSESSMENT", E, "NĐ30 PL I §V (bố cục báo cáo)", "báo cáo có phần đánh giá: kết quả, tồn tại, hạn chế, nguyên nhân",
     "a báo cáo has its assessment: results, shortcomings, causes"},
    {"ND-TASKS-OR-RECOMMENDATIONS", E, "NĐ30 PL I §V (bố cục báo cáo)", "báo cáo có nhiệm vụ, giải pháp hoặc kiến nghị, đề xuất",
     "a báo cáo has tasks or recommendations"},
    {"ND-PURPOSE", E, "NĐ30 PL III Mẫu 1.4 (kế hoạch)", "kế hoạch có mục đích, yêu cầu",
     "a kế hoạch states its purpose and requirements"},
    {"ND-TASKS", E, "NĐ30 PL III Mẫu 1.4", "có nhiệm vụ giao cho cơ quan, đơn vị cụ thể (nhiem_vu)",
     "tasks assigned to named agencies (nhiem_vu)"},
    {"ND-ORGANISATION", E, "NĐ30 PL III Mẫu 1.4 (kế hoạch)", "kế hoạch có phần tổ chức thực hiện",
     "a kế hoạch says how it is implemented (tổ chức thực hiện)"},
    {"ND-CONCLUSIONS", E, "NĐ30 PL III Mẫu 1.4 (thông báo kết luận)", "thông báo kết luận có nội dung kết luận",
     "a thông báo kết luận states the conclusions"},
    {"NV-DEADLINE", W, "NĐ30 PL I §II.6; PL III Mẫu 1.4", "mỗi nhiệm vụ có thời hạn",
     "each task has a deadline"},
    {"NV-DEADLINE-PAST", E, "NĐ30 PL I §II.6", "thời hạn là ngày có thật, không trước ngày ban hành",
     "a deadline is a real date, not before the document's date"},
    {"NV-DEADLINE-RANGE", E, "NĐ30 PL I §II.6", "khoảng thời hạn bắt đầu không sau khi kết thúc",
     "a deadline's range does not start after it ends"},
    {"NV-DEADLINE-TEXT", W, "vanban docs/format.md#deadlines",
     "thời hạn viết được thành ngày, tháng, quý, năm, khoảng hoặc kỳ hạn để kiểm tra được",
     "a deadline is a day, month, quarter, year, range or recurring term, so it can be checked"},

    /* ô 9b: Nơi nhận */
    {"NN-REQUIRED", E, "NĐ30 PL I §II.9.b", "có nơi nhận", "there are recipients"},
    {"NN-LUU", E, "NĐ30 PL I §II.9.b; HD36", "dòng cuối nơi nhận là dòng \"Lưu\"",
     "the last recipient line is the \"Lưu\" (archive) line"},
    {"NN-LUU-FORM", W, "NĐ30 PL I §II.9.b; HD36",
     "dòng lưu viết \"Lưu: VT, …\" (nhà nước) hoặc \"Lưu Văn phòng …\" (Đảng)",
     "the archive line reads \"Lưu: VT, …\" (state) or \"Lưu Văn phòng …\" (Party)"},
    {"NN-NHU-DIEU", E, "NĐ30 PL I §II.9.b; PL III Mẫu 1.2", "\"Như Điều …\" ở nơi nhận chỉ đến một Điều có trong văn bản",
     "\"Như Điều …\" in the recipients names an article the document has"},
    {"NN-NHU-TREN", E, "NĐ30 PL I §II.9.b", "chỉ ghi \"Như trên\" khi có \"Kính gửi\"",
     "\"Như trên\" only where there is a \"Kính gửi\""},

    /* ô 7: signature */
    {"KY-MARK", E, "NĐ30 Điều 13, PL I §II.7; HD36 1.7",
     "ký thay mặt, ký thay, thừa lệnh đúng thể thức: TM., KT., TL., TUQ., Q. (nhà nước); T/M, K/T, T/L (Đảng)",
     "the signing mark fits the format: TM., KT., TL., TUQ., Q. (state); T/M, K/T, T/L (Party)"},
    {"KY-MARK-FORM", E, "NĐ30 PL I §II.7.a", "viết đúng dạng ký hiệu quyền hạn: chữ in hoa, dấu chấm, khoảng trắng (KT., không phải K.T, KT hay Kt.)",
     "the mark is written exactly: capitals, its dot or slash, then a space (KT., not K.T, KT or Kt.)"},
    {"KY-TM-COLLECTIVE", E, "NĐ30 Điều 13.1; HD36 1.7", "TM./T/M đứng trước tên tập thể, không trước chức vụ cá nhân",
     "TM./T/M stands before a collective body, not a personal title"},
    {"KY-KT-DEPUTY", E, "NĐ30 Điều 13.1.b; HD36 1.7", "KT./K/T có dòng chức vụ cấp phó của người ký",
     "KT./K/T is followed by the deputy's title line"},
    {"KY-NAME", W, "NĐ30 PL I §II.7.b", "họ tên người ký không kèm học hàm, học vị",
     "the signer's name carries no academic title"},

    /* Phụ lục and tables */
    {"PL-REF", W, "NĐ30 PL I §III.1.a", "nội dung văn bản chỉ dẫn đến từng phụ lục",
     "the body refers to each appendix"},
    {"TBL-DATA", E, "vanban docs/format.md; RFC 4180", "dữ liệu bảng đọc được và khớp với các cột của bảng",
     "a table's data can be read and fits its columns"},
    {"TBL-EMPTY", W, "vanban docs/format.md", "bảng có ít nhất một dòng dữ liệu", "a table has at least one data row"},

    /* Vietnamese text (NĐ30 Điều 8.1: Unicode TCVN 6909:2001; PL I §I.2) */
    {"TXT-NFC", W, "NĐ30 PL I §I.2; TCVN 6909:2001", "chữ Việt dựng sẵn (Unicode NFC)",
     "Vietnamese letters precomposed (Unicode NFC)"},
    {"TXT-LEGACY", W, "NĐ30 PL I §I.2; TCVN 6909:2001", "không dán chữ mã cũ (TCVN3, VNI) vào văn bản Unicode",
     "no legacy-encoded (TCVN3, VNI) text pasted into Unicode"},
    {"TXT-TONE", W, "QĐ 1989/QĐ-BGDĐT Điều 8", "dấu thanh đặt đúng vị trí trên nguyên âm chính",
     "tone marks sit on the right vowel"},
    {"TXT-TONE-STYLE", W, "NĐ30 (\"CỘNG HÒA\"); QĐ 1989/QĐ-BGDĐT", "một kiểu đặt dấu thanh trong cả văn bản (dau_thanh)",
     "one tone-mark style through the document (dau_thanh)"},
    {"TXT-SYLLABLE", W, "QĐ 1989/QĐ-BGDĐT", "mỗi từ có dấu là âm tiết tiếng Việt",
     "every marked word is a Vietnamese syllable"},
    {"TXT-TYPO", W, "NĐ30 PL I §II.6", "chính tả trình bày: dấu cách, dấu câu, ngoặc kép, số kiểu Việt Nam (1.879; 34,6%)",
     "typography: spaces, punctuation, quotes, Vietnamese numbers (1.879; 34,6%)"},
    {"TXT-SPELL", W, "hunspell-vi", "mỗi âm tiết có trong từ điển tiếng Việt (check --spell)",
     "every syllable is in the Vietnamese dictionary (check --spell)"},
    {"TXT-UNSAFE", W, "vanban docs/format.md", "sửa tự động không làm đổi cấu trúc YAML",
     "automatic fixes never change the YAML structure"},

    /* Word and OpenDocument drafts (gen/read/office): the file, and its layout checked on
     * the file itself against gen/layout/layout.c. */
    {"OFFICE-READ", E, "ECMA-376; ISO/IEC 26300 (ODF)", "tệp là DOCX/ODT đọc được (không mật khẩu, không hỏng)",
     "the file is a readable DOCX/ODT (no password, not damaged)"},
    {"OFFICE-LEGACY", W, "ECMA-376 (DOCX)", "văn bản lưu dưới dạng .docx, không phải .doc hay .rtf",
     "the document is saved as .docx, not .doc or .rtf"},
    {"OFFICE-MISSING", E, "NĐ30 Điều 8; HD36 1", "nhận ra được đủ các thành phần thể thức trong tệp Word",
     "every part of the format is found in the Word file"},
    {"LAYOUT-PAGE", E, "NĐ30 PL I §I.2", "khổ giấy A4 (210 × 297 mm)", "A4 paper (210 × 297 mm)"},
    {"LAYOUT-MARGIN", W, "NĐ30 PL I §I.4", "lề trên, dưới 20–25 mm; lề trái 30–35 mm; lề phải 15–20 mm",
     "margins: top and bottom 20–25 mm, left 30–35 mm, right 15–20 mm"},
    {"LAYOUT-FONT", E, "NĐ30 PL I §I.1", "phông chữ Times New Roman (Unicode TCVN 6909:2001)",
     "the font is Times New Roman (Unicode TCVN 6909:2001)"},
    {"LAYOUT-SIZE", W, "NĐ30 PL I §II; HD36", "cỡ chữ của từng thành phần thể thức đúng quy định",
     "each part of the format has its font size"},
    {"LAYOUT-STYLE", W, "NĐ30 PL I §II; HD36", "kiểu chữ (đậm, nghiêng, in hoa) của từng thành phần đúng quy định",
     "each part of the format is bold, italic or in capitals as required"},
    {"LAYOUT-RULE", W, "NĐ30 PL I §II.1, §II.2, §II.5", "có đường kẻ dưới Tiêu ngữ, tên cơ quan ban hành và trích yếu",
     "a rule under the Tiêu ngữ, the issuing body and the trích yếu"},
    {"LAYOUT-BODY", W, "NĐ30 PL I §II.6", "đoạn nội dung canh đều hai lề, lùi đầu dòng 1–1,27 cm",
     "body paragraphs are justified with a first-line indent of 1–1.27 cm"},
    {"LAYOUT-PAGENUM", W, "NĐ30 PL I §I.7", "số trang ở giữa lề trên, không đánh số trang đầu",
     "page numbers centred in the top margin, none on the first page"},
};

#undef E
#undef W

/* Severity per document type: the warning rules that are errors for some types. A plan, a
 * decision or a directive must say by when each task is done; a notice or a report may
 * record standing tasks. */
static const struct {
    const char *id;
    const char *error_for;
} type_severities[] = {
    {"NV-DEADLINE", "KH, QĐ, CT"},
};

const char *vb_rule_error_for(const char *id)
{
    for (size_t i = 0; i < sizeof type_severities / sizeof *type_severities; i++)
        if (strcmp(type_severities[i].id, id) == 0)
            return type_severities[i].error_for;
    return NULL;
}

const vb_rule *vb_rules_all(size_t *count)
{
    *count = sizeof rules / sizeof *rules;
    return rules;
}

const vb_rule *vb_rule_find(const char *id)
{
    for (size_t i = 0; i < sizeof rules / sizeof *rules; i++)
        if (strcmp(rules[i].id, id) == 0)
            return &rules[i];
    return NULL;
}

/* Whether the ", "-separated list `codes` holds `code`. */
static int list_has(const char *codes, const char *code)
{
    size_t n = strlen(code);
    for (const char *p = codes; *p;) {
        while (*p == ' ' || *p == ',')
            p++;
        size_t k = strcspn(p, ",");
        if (k == n && strncmp(p, code, n) == 0)
            return 1;
        p += k;
    }
    return 0;
}

vb_severity vb_rule_severity(const char *id, const char *type_code, int party)
{
    const vb_rule *rule = vb_rule_find(id);
    if (!rule)
        return VB_SEV_ERROR;
    const char *error_for = vb_rule_error_for(id);
    if (error_for && type_code) {
        const vb_doctype *t = vb_doctype_find(type_code, party ? VB_FORMAT_PARTY : VB_FORMAT_STATE);
        if (t && list_has(error_for, t->code))
            return VB_SEV_ERROR;
    }
    return rule->severity;
}
