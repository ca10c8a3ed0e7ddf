/* What each command does and takes, in English and Vietnamese: the one source of `--help`,
 * the man pages and the shell completions (see commands.h). To add a command: a
 * cli_command_doc below (and its entry in `commands`), and its dispatch in main.c. To add an
 * option: a line in its command's cli_option_doc list. */
#include "commands.h"

#include <string.h>

#define LANG_CHOICES "vi en"
#define ENCODINGS "utf-8 tcvn3 vni viqr cp1258"
#define YAML_FILES "yaml yml"
#define DOCUMENT_FILES "yaml yml docx docm odt"

#define OPT_LANG                                                                              \
    {"lang", 0, "vi|en", CLI_VALUE_CHOICE, LANG_CHOICES,                                      \
     "the language of the messages (default: vi when LANGUAGE, LC_ALL, LC_MESSAGES or LANG "  \
     "names Vietnamese, en otherwise)",                                                       \
     "ngôn ngữ của thông báo (mặc định: vi khi LANGUAGE, LC_ALL, LC_MESSAGES hoặc LANG chỉ "  \
     "tiếng Việt, en trong các trường hợp khác)"}
#define OPT_HELP                                                                              \
    {"help", 'h', NULL, CLI_VALUE_NONE, NULL, "show this help", "in trợ giúp này"}
#define OPT_ENCODING(en, vi)                                                                  \
    {"encoding", 0, "ENC", CLI_VALUE_CHOICE, ENCODINGS, en, vi}
#define OPT_DRAFT                                                                             \
    {"draft", 0, NULL, CLI_VALUE_NONE, NULL,                                                  \
     "allow a blank number and day (as trang_thai: du_thao does)",                           \
     "cho phép để trống số và ngày (như trang_thai: du_thao)"}
#define OPT_JOBS(en, vi) {"jobs", 'j', "N", CLI_VALUE_TEXT, NULL, en, vi}

static const cli_option_doc program_options[] = {
    {"help", 'h', NULL, CLI_VALUE_NONE, NULL,
     "this help (vanban COMMAND --help for a command's)",
     "trợ giúp này (vanban LỆNH --help cho từng lệnh)"},
    {"version", 'V', NULL, CLI_VALUE_NONE, NULL, "the version", "phiên bản"},
    OPT_LANG,
    {0},
};

static const cli_option_doc render_options[] = {
    {"output", 'o', "FILE", CLI_VALUE_FILE, NULL,
     "write to FILE ('-' for standard output); one input and one format only; the format "
     "follows FILE's extension (DOCX when it names none), and --format must agree with it",
     "ghi ra TỆP ('-' là đầu ra chuẩn); chỉ một tệp vào và một định dạng; định dạng theo "
     "phần mở rộng của TỆP (DOCX nếu đuôi không phải định dạng nào), và --format phải khớp "
     "với nó"},
    {"format", 'f', "LIST", CLI_VALUE_LIST, "docx odt pdf txt",
     "docx, odt, pdf, txt (the text in reading order), or several: --format docx,odt",
     "docx, odt, pdf, txt (văn bản theo thứ tự đọc), hoặc nhiều định dạng: --format docx,odt"},
    {"pdf", 0, NULL, CLI_VALUE_NONE, NULL,
     "also write a PDF (through LibreOffice, when installed)",
     "ghi thêm tệp PDF (qua LibreOffice, khi đã cài)"},
    OPT_DRAFT,
    {"out-dir", 0, "DIR", CLI_VALUE_DIR, NULL,
     "write the outputs under DIR, mirroring the inputs' tree",
     "ghi kết quả vào THƯ_MỤC, giữ nguyên cây thư mục của đầu vào"},
    OPT_JOBS("render N documents at a time (default: the number of cores)",
             "kết xuất N văn bản cùng lúc (mặc định: số nhân CPU)"),
    {"fsync", 0, NULL, CLI_VALUE_NONE, NULL,
     "force each output to the disk before it replaces the old file (slower; for media "
     "about to be removed)",
     "ghi hẳn từng tệp xuống đĩa trước khi thay tệp cũ (chậm hơn; dùng cho thiết bị sắp "
     "được rút ra)"},
    {"data", 0, "ROWS", CLI_VALUE_FILE, "csv tsv xlsx ods",
     "ROWS is a CSV, TSV, XLSX or ODS table whose first row names the columns: FILE is a "
     "template, rendered once per row with each {{column}} filled; a column ten_tep names the "
     "outputs (else the row number)",
     "DÒNG là bảng CSV, TSV, XLSX hoặc ODS có dòng đầu là tên cột: TỆP là văn bản mẫu, được "
     "kết xuất một lần cho mỗi dòng với từng {{cột}} được điền; cột ten_tep đặt tên tệp kết "
     "quả (nếu không có thì dùng số thứ tự dòng)"},
    OPT_ENCODING("the input's encoding: utf-8 (default), tcvn3, vni, viqr, cp1258",
                 "bảng mã của tệp vào: utf-8 (mặc định), tcvn3, vni, viqr, cp1258"),
    {"template", 0, "DIR", CLI_VALUE_DIR, NULL,
     "read the static DOCX parts from DIR instead of the built-in ones",
     "đọc các phần cố định của DOCX từ THƯ_MỤC thay cho phần có sẵn"},
    {"dpi", 0, "N", CLI_VALUE_TEXT, NULL, "an option of vanban preview only: refused here",
     "chỉ là tùy chọn của vanban preview: ở đây bị từ chối"},
    OPT_LANG,
    OPT_HELP,
    {0},
};

static const cli_option_doc preview_options[] = {
    {"dpi", 0, "N", CLI_VALUE_TEXT, NULL, "resolution of the images (default 150, from 20 to 600)",
     "độ phân giải của ảnh (mặc định 150, từ 20 đến 600)"},
    OPT_DRAFT,
    OPT_ENCODING("the input's encoding: utf-8 (default), tcvn3, vni, viqr, cp1258",
                 "bảng mã của tệp vào: utf-8 (mặc định), tcvn3, vni, viqr, cp1258"),
    {"template", 0, "DIR", CLI_VALUE_DIR, NULL,
     "read the static DOCX parts from DIR instead of the built-in ones",
     "đọc các phần cố định của DOCX từ THƯ_MỤC thay cho phần có sẵn"},
    OPT_LANG,
    OPT_HELP,
    {0},
};

static const cli_option_doc check_options[] = {
    {"format", 0, "FORMAT", CLI_VALUE_CHOICE, "text json sarif",
     "how to report: text (default), json, or sarif (SARIF 2.1.0 for code-review tools)",
     "cách báo cáo: text (mặc định), json, hoặc sarif (SARIF 2.1.0 cho công cụ duyệt mã)"},
    {"strict", 0, NULL, CLI_VALUE_NONE, NULL, "warnings fail the run too",
     "cảnh báo cũng làm lần chạy thất bại"},
    OPT_JOBS("check N files at a time (default: the number of cores)",
             "kiểm tra N tệp cùng lúc (mặc định: số nhân CPU)"),
    OPT_DRAFT,
    OPT_ENCODING("the files' encoding: utf-8 (default), tcvn3, vni, viqr, cp1258",
                 "bảng mã của các tệp: utf-8 (mặc định), tcvn3, vni, viqr, cp1258"),
    {"spell", 0, NULL, CLI_VALUE_NONE, NULL,
     "also report syllables the Vietnamese dictionary does not know (needs Debian's "
     "hunspell-vi)",
     "báo cả các âm tiết không có trong từ điển tiếng Việt (cần gói hunspell-vi của Debian)"},
    OPT_LANG,
    OPT_HELP,
    {0},
};

static const cli_option_doc import_options[] = {
    {"output", 'o', "FILE", CLI_VALUE_FILE, NULL,
     "write to FILE ('-' for standard output); one input only",
     "ghi ra TỆP ('-' là đầu ra chuẩn); chỉ một tệp vào"},
    OPT_ENCODING("a YAML input's encoding: utf-8 (default), tcvn3, vni, viqr, cp1258",
                 "bảng mã của tệp YAML vào: utf-8 (mặc định), tcvn3, vni, viqr, cp1258"),
    OPT_LANG,
    OPT_HELP,
    {0},
};

static const cli_option_doc normalize_options[] = {
    {"check", 0, NULL, CLI_VALUE_NONE, NULL,
     "change nothing; exit 1 if anything would change",
     "không sửa gì; thoát với mã 1 nếu có chỗ cần sửa"},
    {"output", 'o', "FILE", CLI_VALUE_FILE, NULL,
     "write to FILE ('-' for standard output); one input only",
     "ghi ra TỆP ('-' là đầu ra chuẩn); chỉ một tệp vào"},
    {"dau-thanh", 0, "STYLE", CLI_VALUE_CHOICE, "cu moi giu_nguyen",
     "the tone-mark style: cu (hòa, thủy), moi (hoà, thuỷ) or giu_nguyen (keep as typed); "
     "default: the document's dau_thanh",
     "kiểu đặt dấu thanh: cu (hòa, thủy), moi (hoà, thuỷ) hoặc giu_nguyen (giữ như đã gõ); "
     "mặc định: dau_thanh của văn bản"},
    {"no-typography", 0, NULL, CLI_VALUE_NONE, NULL,
     "leave spaces, quotes and punctuation alone",
     "không sửa khoảng trắng, dấu ngoặc kép và dấu câu"},
    OPT_ENCODING("convert from tcvn3, vni, viqr or cp1258 to UTF-8 first",
                 "chuyển từ tcvn3, vni, viqr hoặc cp1258 sang UTF-8 trước"),
    OPT_LANG,
    OPT_HELP,
    {0},
};

static const cli_option_doc list_options[] = {
    OPT_LANG,
    OPT_HELP,
    {0},
};

static const char exit_status_en[] =
    "Exit status: 0 done, 1 the input is wrong (nothing written), 2 wrong usage, 3 an I/O or "
    "system error.";
static const char exit_status_vi[] =
    "Mã thoát: 0 xong, 1 đầu vào sai (không ghi gì), 2 dùng sai lệnh, 3 lỗi đọc/ghi hoặc lỗi "
    "hệ thống.";

static const cli_command_doc commands[] = {
    {NULL, "COMMAND [OPTIONS] ...", CLI_VALUE_NONE, NULL,
     "Vietnamese official documents from YAML (NĐ30/2020, HD36)",
     "văn bản hành chính Việt Nam từ YAML (NĐ30/2020, HD36)",
     "Renders Vietnamese official documents from YAML with the layout of Nghị định "
     "30/2020/NĐ-CP (state) and Hướng dẫn 36-HD/VPTW (Party), and checks that nothing "
     "required is missing.",
     "Kết xuất văn bản hành chính Việt Nam từ YAML theo thể thức của Nghị định "
     "30/2020/NĐ-CP (nhà nước) và Hướng dẫn 36-HD/VPTW (Đảng), và kiểm tra văn bản có đủ các "
     "thành phần bắt buộc.",
     program_options,
     "Exit status: 0 done, 1 the input is wrong (nothing written), 2 wrong usage, 3 an I/O or "
     "system error.\n\nThe input format: docs/format.md.",
     "Mã thoát: 0 xong, 1 đầu vào sai (không ghi gì), 2 dùng sai lệnh, 3 lỗi đọc/ghi hoặc lỗi "
     "hệ thống.\n\nĐịnh dạng đầu vào: docs/format.md."},
    {"render", "FILE|DIR...", CLI_VALUE_FILE, DOCUMENT_FILES,
     "write FILE.docx (or .odt, .pdf, .txt) beside each YAML FILE",
     "ghi TỆP.docx (hoặc .odt, .pdf, .txt) cạnh mỗi TỆP YAML",
     "Renders each YAML FILE to a DOCX beside it (plan.yaml -> plan.docx). FILE may be a "
     "directory (every *.yaml under it) or '-' to read standard input. A Word or OpenDocument "
     "draft (.docx, .docm, .odt) is read, checked and re-laid in the standard layout with its "
     "text unchanged (give -o, since its own name is taken). The text warnings `vanban check` "
     "would give (tone marks, spaces, punctuation) are printed too after the document is "
     "written: the first ten, and a line saying when there are more (check lists them all, and "
     "whether `vanban normalize` can fix each one safely).",
     "Kết xuất mỗi TỆP YAML thành DOCX đặt cạnh nó (plan.yaml -> plan.docx). TỆP có thể là "
     "thư mục (mọi *.yaml bên trong) hoặc '-' để đọc đầu vào chuẩn. Bản thảo Word hoặc "
     "OpenDocument (.docx, .docm, .odt) được đọc, kiểm tra rồi trình bày lại theo thể thức "
     "chuẩn, giữ nguyên chữ (dùng -o, vì tên của nó đã có). Các cảnh báo về chữ mà "
     "`vanban check` đưa ra (dấu thanh, khoảng trắng, dấu câu) cũng được in sau khi văn bản "
     "đã ghi xong: mười cảnh báo đầu, và một dòng báo khi còn cảnh báo khác (`vanban check` "
     "liệt kê đủ, và cho biết `vanban normalize` có sửa an toàn được từng chỗ hay không).",
     render_options,
     "VANBAN_SOFFICE names the LibreOffice program (default: soffice from PATH). PDFs are "
     "written as ODT first, then converted by one LibreOffice per job; VANBAN_PDF_TIMEOUT is "
     "how many seconds LibreOffice may spend on one document (default 180). "
     "SOURCE_DATE_EPOCH, when set, is the creation date written into the document "
     "properties; otherwise the document's own date is, so output is reproducible.\n\n"
     "Exit status: 0 done, 1 the input is wrong (nothing written), 2 wrong usage, 3 an I/O or "
     "system error.",
     "VANBAN_SOFFICE là tên chương trình LibreOffice (mặc định: soffice trong PATH). PDF được "
     "ghi thành ODT trước, rồi mỗi luồng việc dùng một LibreOffice để chuyển; "
     "VANBAN_PDF_TIMEOUT là số giây LibreOffice được dùng cho một văn bản (mặc định 180). "
     "SOURCE_DATE_EPOCH, khi được đặt, là ngày tạo ghi vào thuộc tính văn bản; nếu không thì "
     "dùng chính ngày của văn bản, nên kết quả luôn lặp lại được.\n\n"
     "Mã thoát: 0 xong, 1 đầu vào sai (không ghi gì), 2 dùng sai lệnh, 3 lỗi đọc/ghi hoặc lỗi "
     "hệ thống."},
    {"preview", "FILE...", CLI_VALUE_FILE, YAML_FILES,
     "write PNG images of the pages (FILE-1.png, ...)",
     "ghi ảnh PNG của các trang (TỆP-1.png, ...)",
     "Writes PNG images of the rendered pages beside each YAML FILE (plan-1.png, "
     "plan-2.png, ...; plan-01.png ... from 10 pages on), through LibreOffice and pdftoppm, "
     "to look at a layout. The first preview leaves LibreOffice running for the next ones; it "
     "quits after VANBAN_OFFICE_IDLE seconds unused (default 300; 0: do not keep it).",
     "Ghi ảnh PNG của các trang đã kết xuất cạnh mỗi TỆP YAML (plan-1.png, plan-2.png, ...; "
     "plan-01.png ... từ 10 trang trở lên), qua LibreOffice và pdftoppm, để xem bố cục. Lần "
     "xem trước đầu tiên để LibreOffice chạy tiếp cho các lần sau; nó tự thoát sau "
     "VANBAN_OFFICE_IDLE giây không dùng (mặc định 300; 0: không giữ).",
     preview_options, exit_status_en, exit_status_vi},
    {"check", "FILE|DIR...", CLI_VALUE_FILE, DOCUMENT_FILES,
     "check every required part and convention (CI-friendly)",
     "kiểm tra mọi thành phần bắt buộc và quy ước (dùng được trong CI)",
     "Checks YAML documents and Word/OpenDocument drafts (directories recursively: *.yaml, "
     "*.yml, *.docx, *.docm, *.odt) for every part their type requires and for the "
     "conventions of their format, and prints one line per problem: FILE:LINE:COL: "
     "error|warning: message [RULE]. In a .docx or .odt, LINE is the paragraph in reading "
     "order (body, tables in place, footnotes after) and COL the character in it; the layout "
     "is checked on the file itself too.",
     "Kiểm tra văn bản YAML và bản thảo Word/OpenDocument (thư mục thì đệ quy: *.yaml, *.yml, "
     "*.docx, *.docm, *.odt) có đủ mọi thành phần mà loại văn bản yêu cầu và đúng quy ước của "
     "thể thức, in mỗi vấn đề một dòng: TỆP:DÒNG:CỘT: lỗi|cảnh báo: nội dung [QUY TẮC]. Với "
     "tệp .docx, .odt, DÒNG là số đoạn theo thứ tự đọc (thân văn bản, bảng tại chỗ, chú thích "
     "sau cùng) và CỘT là ký tự trong đoạn; thể thức cũng được kiểm tra ngay trên tệp.",
     check_options,
     "Exit status: 0 no errors, 1 errors found (or warnings with --strict), 2 wrong usage, 3 a "
     "file or directory could not be read.",
     "Mã thoát: 0 không có lỗi, 1 có lỗi (hoặc có cảnh báo khi dùng --strict), 2 dùng sai "
     "lệnh, 3 không đọc được tệp hoặc thư mục."},
    {"normalize", "FILE...", CLI_VALUE_FILE, YAML_FILES,
     "fix the Vietnamese text in place: NFC, one tone-mark style, misplaced marks, safe "
     "typography",
     "sửa chữ Việt ngay trong tệp: NFC, một kiểu dấu thanh, dấu đặt sai, chính tả trình bày "
     "an toàn",
     "Fixes the Vietnamese text of YAML documents in place, atomically: Unicode NFC, one "
     "tone-mark style (the document's dau_thanh, traditional by default), misplaced marks "
     "(\"NGHIÃ\" -> \"NGHĨA\"), safe typography (spaces, quotes, \"...\"). Only the "
     "characters that change are touched: comments, keys, order and indentation stay "
     "byte-identical. What cannot be fixed safely is reported with its position.",
     "Sửa chữ Việt của văn bản YAML ngay trong tệp, trọn vẹn một lần: Unicode NFC, một kiểu "
     "đặt dấu thanh (dau_thanh của văn bản, mặc định kiểu cũ), dấu đặt sai (\"NGHIÃ\" -> "
     "\"NGHĨA\"), trình bày an toàn (khoảng trắng, ngoặc kép, \"...\"). Chỉ những ký tự cần "
     "sửa bị thay đổi: chú thích, khóa, thứ tự và thụt lề giữ nguyên từng byte. Chỗ nào không "
     "sửa an toàn được thì được báo kèm vị trí.",
     normalize_options, exit_status_en, exit_status_vi},
    {"import", "FILE...", CLI_VALUE_FILE, DOCUMENT_FILES,
     "write a .docx, .odt or .yaml FILE as vanban's YAML",
     "ghi TỆP .docx, .odt hoặc .yaml thành YAML của vanban",
     "Writes each FILE as vanban's YAML, beside it (du-thao.docx -> du-thao.yaml): a .docx, "
     ".docm or .odt document is read into the document model, with what had to be guessed as "
     "a comment beside the value; a .yaml file is written again in the canonical form (keys "
     "in order, one style of quoting, NFC text), which renders to the same DOCX and ODT. An "
     "input is never overwritten.",
     "Ghi mỗi TỆP thành YAML của vanban, đặt cạnh nó (du-thao.docx -> du-thao.yaml): văn bản "
     ".docx, .docm hoặc .odt được đọc vào mô hình văn bản, chỗ nào phải đoán thì có chú thích "
     "bên cạnh giá trị; tệp .yaml được ghi lại theo dạng chuẩn (khóa theo thứ tự, một kiểu "
     "ngoặc, chữ NFC), kết xuất ra đúng DOCX và ODT như cũ. Không bao giờ ghi đè tệp vào.",
     import_options,
     "Exit status: 0 written, 1 the input cannot be read (nothing written), 2 wrong usage, 3 "
     "an I/O or system error.",
     "Mã thoát: 0 đã ghi, 1 không đọc được tệp vào (không ghi gì), 2 dùng sai lệnh, 3 lỗi "
     "đọc/ghi hoặc lỗi hệ thống."},
    {"rules", "", CLI_VALUE_NONE, NULL,
     "the rules check applies, with the clause of NĐ30/HD36",
     "các quy tắc mà check áp dụng, kèm điều khoản NĐ30/HD36",
     "Lists the rules `vanban check` applies: the rule's name, its severity, what it asks "
     "for, and the clause of NĐ30 or HD36 it comes from.",
     "Liệt kê các quy tắc `vanban check` áp dụng: tên quy tắc, mức độ, yêu cầu, và điều "
     "khoản của NĐ30 hoặc HD36 làm căn cứ.",
     list_options, NULL, NULL},
    {"types", "", CLI_VALUE_NONE, NULL,
     "the document types (loai) and their abbreviations",
     "các loại văn bản (loai) và chữ viết tắt",
     "Lists the document types: the abbreviation written as `loai:`, the type's name, and the "
     "formats (nha_nuoc, dang) that have it.",
     "Liệt kê các loại văn bản: chữ viết tắt ghi ở `loai:`, tên loại, và thể thức (nha_nuoc, "
     "dang) có loại đó.",
     list_options, NULL, NULL},
};

const cli_command_doc *cli_commands_all(size_t *count)
{
    *count = sizeof commands / sizeof *commands;
    return commands;
}

const cli_command_doc *cli_command_find(const char *name)
{
    for (size_t i = 1; i < sizeof commands / sizeof *commands; i++)
        if (strcmp(commands[i].name, name) == 0)
            return &commands[i];
    return NULL;
}
