/* The catalogue: every text the program says outside diagnostics, in English (as written in
 * the code: the message id) and in Vietnamese, with the same printf conversions in the same
 * order. Entries whose English is a format also translate messages made by the lower layers
 * ("LibreOffice could not convert %s to PDF (status %d)"): cli_localize reads the message
 * back through the format. tests/test_i18n.sh checks that every text the code passes to
 * T(), cli_say() and the err buffers of the lower layers is here, with a Vietnamese that is
 * neither empty nor the English again. */
#include "i18n.h"

static const cli_message messages[] = {
    /* Labels and names in help texts. */
    {"error", "lỗi"},
    {"warning", "cảnh báo"},
    {"Usage:", "Cách dùng:"},
    /* The sections of the man pages (vanban-doc). */
    {"NAME", "TÊN"},
    {"SYNOPSIS", "CÚ PHÁP"},
    {"DESCRIPTION", "MÔ TẢ"},
    {"COMMANDS", "LỆNH"},
    {"OPTIONS", "TÙY CHỌN"},
    {"NOTES", "GHI CHÚ"},
    {"SEE ALSO", "XEM THÊM"},
    {"see", "xem"},
    {"Commands:", "Lệnh:"},
    {"Options:", "Tùy chọn:"},
    {"[OPTIONS]", "[TÙY_CHỌN]"},
    {"COMMAND [OPTIONS] ...", "LỆNH [TÙY_CHỌN] ..."},
    {"FILE", "TỆP"},
    {"FILE...", "TỆP..."},
    {"FILE|DIR...", "TỆP|THƯ_MỤC..."},
    {"DIR", "THƯ_MỤC"},
    {"LIST", "DANH_SÁCH"},
    {"ROWS", "DÒNG"},
    {"ENC", "BẢNG_MÃ"},
    {"STYLE", "KIỂU"},
    {"FORMAT", "ĐỊNH_DẠNG"},
    {"type name", "tên loại"},
    {" (no type name: the subject reads V/v)", " (không có tên loại: trích yếu V/v)"},

    /* Usage. */
    {"unknown command '%s'", "không có lệnh '%s'"},
    {"unknown command '%s'; did you mean '%s'?", "không có lệnh '%s'; có phải ý bạn là '%s'?"},
    {"'vanban --help' lists the commands", "'vanban --help' liệt kê các lệnh"},
    {"'vanban %s --help' lists the options", "'vanban %s --help' liệt kê các tùy chọn"},
    {"unknown option '-%c'", "không có tùy chọn '-%c'"},
    {"unknown option '--%s'", "không có tùy chọn '--%s'"},
    {"unknown option '--%s'; did you mean '--%s'?", "không có tùy chọn '--%s'; có phải ý bạn là '--%s'?"},
    {"option '-%c' needs a value", "tùy chọn '-%c' cần một giá trị"},
    {"option '%s' needs a value", "tùy chọn '%s' cần một giá trị"},
    {"takes no file or argument, not '%s'", "không nhận tệp hay đối số nào, nhưng được cho '%s'"},
    {"--lang takes vi or en, not '%s'", "--lang nhận vi hoặc en, không nhận '%s'"},
    {"--encoding takes utf-8, tcvn3, vni, viqr or cp1258, not '%s'",
     "--encoding nhận utf-8, tcvn3, vni, viqr hoặc cp1258, không nhận '%s'"},
    {"--dau-thanh takes cu, moi or giu_nguyen, not '%s'",
     "--dau-thanh nhận cu, moi hoặc giu_nguyen, không nhận '%s'"},
    {"--format takes text, json or sarif, not '%s'", "--format nhận text, json hoặc sarif, không nhận '%s'"},
    {"-j takes a number of threads from 1 to 64, not '%s'", "-j nhận số luồng từ 1 đến 64, không nhận '%s'"},
    {"unknown format '%s' (docx, odt, pdf, txt)", "không có định dạng '%s' (docx, odt, pdf, txt)"},
    {"no input file", "chưa cho tệp đầu vào"},
    {"no file or directory to check", "chưa cho tệp hoặc thư mục cần kiểm tra"},
    {"-o takes one input file", "-o chỉ dùng với một tệp đầu vào"},
    {"%s is an input of this run: it would be overwritten; nothing written",
     "%s là tệp đầu vào của lần chạy này: sẽ bị ghi đè; không ghi gì"},
    {"%s is the same file as the input %s: it would be overwritten; nothing written",
     "%s là cùng một tệp với tệp vào %s: sẽ bị ghi đè; không ghi gì"},
    {"standard output: %s", "đầu ra chuẩn: %s"},
    {"an earlier write failed", "một lần ghi trước đó đã thất bại"},
    {"%s has %ju hard links: normalizing it in place would leave the others with the old text; "
     "nothing written (write a copy with -o FILE)",
     "%s có %ju liên kết cứng: chuẩn hóa ngay trong tệp sẽ để các liên kết kia giữ chữ cũ; không "
     "ghi gì (ghi bản sao bằng -o TỆP)"},
    {"this row names the same output '%s' as the row at %s: every row needs its own ten_tep; "
     "nothing written",
     "dòng này đặt tên tệp ra '%s' trùng với dòng ở %s: mỗi dòng cần ten_tep riêng; không ghi gì"},
    {"SOURCE_DATE_EPOCH='%s' is not a creation date: it takes the seconds since 1970-01-01 UTC, "
     "digits only, up to %lld (the end of year 9999)",
     "SOURCE_DATE_EPOCH='%s' không phải ngày tạo: giá trị là số giây kể từ 1970-01-01 UTC, chỉ "
     "gồm chữ số, tối đa %lld (hết năm 9999)"},
    {"%s: the output would overwrite the input; name another with -o",
     "%s: tệp ra sẽ ghi đè tệp vào; hãy chọn tên khác bằng -o"},
    {"-o takes one input file, not %d", "-o chỉ dùng với một tệp đầu vào, không phải %d tệp"},
    {"-o takes one input file, not %zu", "-o chỉ dùng với một tệp đầu vào, không phải %zu tệp"},
    {"-o takes one format; several formats are written beside the input",
     "-o chỉ dùng với một định dạng; nhiều định dạng thì được ghi cạnh tệp đầu vào"},
    {"-o and --out-dir do not go together", "không dùng -o cùng với --out-dir"},
    {"-o %s ends in .%s, but --format asks for %s; give one of the two",
     "-o %s có đuôi .%s, nhưng --format yêu cầu %s; hãy chỉ dùng một trong hai"},
    {"the images are written beside the input; -o does not apply",
     "ảnh được ghi cạnh tệp đầu vào; không dùng -o ở đây"},
    {"--data needs one template file", "--data cần đúng một tệp văn bản mẫu"},
    {"--data takes one template file and writes one document per row (into --out-dir, else "
     "beside the template); -o does not apply",
     "--data nhận một tệp văn bản mẫu và ghi mỗi dòng dữ liệu thành một văn bản (vào "
     "--out-dir, nếu không thì cạnh tệp mẫu); không dùng -o ở đây"},

    /* Progress and results. */
    {"would change", "cần chuẩn hóa"},
    {"wrote %s", "đã ghi %s"},
    {"wrote %s ... %s (%d pages)", "đã ghi %s ... %s (%d trang)"},
    {"--dpi takes a number from 20 to 600", "--dpi nhận một số từ 20 đến 600"},
    {"--dpi is an option of vanban preview", "--dpi là tùy chọn của vanban preview"},
    {"%zu of %zu documents rendered", "đã kết xuất %zu trên %zu văn bản"},
    {"%zu of %zu documents rendered; the others have errors above",
     "đã kết xuất %zu trên %zu văn bản; các văn bản còn lại có lỗi ở trên"},
    {"(the data row at %s)", "(dòng dữ liệu ở %s)"},
    {"%s: no data rows under the column names", "%s: không có dòng dữ liệu nào dưới dòng tên cột"},
    {"refusing to write a %s to a terminal; use -o FILE",
     "không ghi tệp %s ra màn hình; hãy dùng -o TỆP"},
    {"%s: the output name would leave %s", "%s: tên tệp kết quả sẽ nằm ngoài %s"},
    {"%s: more text warnings; `vanban check %s` lists them all",
     "%s: còn cảnh báo về chữ khác; `vanban check %s` liệt kê đủ các cảnh báo"},
    {"%s: more text warnings; `vanban check -` lists them all, given the same input",
     "%s: còn cảnh báo về chữ khác; `vanban check -` liệt kê đủ các cảnh báo khi nhận cùng đầu vào"},

    /* Reading the inputs. */
    {"the file is larger than 64 MiB", "tệp lớn hơn 64 MiB"},
    {"%s: cannot be read", "%s: không đọc được"},
    {"%s: this is a spreadsheet (%s), not a YAML text; a table is read with `bang: {tep: FILE}` "
     "in a document, or `vanban render --data FILE TEMPLATE`",
     "%s: đây là bảng tính (%s), không phải văn bản YAML; bảng tính được đọc bằng "
     "`bang: {tep: TỆP}` trong văn bản, hoặc `vanban render --data TỆP MẪU`"},
    {"%s: this is a %s file, not a YAML text", "%s: đây là tệp %s, không phải văn bản YAML"},

    /* Messages of the lower layers (their err buffers), read back through these formats. */
    {"cannot write %s: %s", "không ghi được %s: %s"},
    {"writing to standard output: %s", "ghi ra đầu ra chuẩn: %s"},
    {"XML error", "lỗi XML"},
    {"compression failed", "nén dữ liệu thất bại"},
    {"internal error while writing the XML of %s", "lỗi nội bộ khi ghi XML của %s"},
    {"internal error: the two passes over content.xml disagree",
     "lỗi nội bộ: hai lượt ghi content.xml không khớp nhau"},
    {"PDF needs LibreOffice, which is not installed (Debian: apt-get install "
     "libreoffice-writer-nogui)",
     "cần LibreOffice để xuất PDF nhưng LibreOffice chưa được cài (Debian: apt-get install "
     "libreoffice-writer-nogui)"},
    {"LibreOffice did not finish within %d s converting %s",
     "LibreOffice chưa chuyển xong sau %d giây: %s"},
    {"LibreOffice could not convert %s to PDF (status %d)",
     "LibreOffice không chuyển được %s sang PDF (mã %d)"},
    {"writing the PDF to standard output failed", "không ghi được PDF ra đầu ra chuẩn"},
    {"page images need pdftoppm, which is not installed (Debian: apt-get install poppler-utils)",
     "cần pdftoppm để làm ảnh trang nhưng pdftoppm chưa được cài (Debian: apt-get install "
     "poppler-utils)"},
    {"pdftoppm timed out on %s", "pdftoppm chạy quá thời gian với %s"},
    {"pdftoppm failed on %s", "pdftoppm không xử lý được %s"},
    {"the Vietnamese dictionary %s is not installed (Debian: apt-get install hunspell-vi)",
     "từ điển tiếng Việt %s chưa được cài (Debian: apt-get install hunspell-vi)"},
    {"hunspell could not load %s", "hunspell không nạp được %s"},
    {"ICU has no windows-1258 converter (%s)", "ICU không có bộ chuyển mã windows-1258 (%s)"},
    {"windows-1258 conversion failed (%s)", "chuyển mã windows-1258 thất bại (%s)"},
    {"unknown encoding %d", "không có bảng mã %d"},
    {"%s: cannot be read: %s", "%s: không đọc được: %s"},
    {"read error: %s", "lỗi đọc: %s"},
    {"I/O error", "lỗi đọc/ghi"},
    /* The table readers (gen/tables) say their messages in the run's language themselves:
     * vb_csv_open_in, vb_sheet_open_in. */
};

const cli_message *cli_messages_all(size_t *count)
{
    *count = sizeof messages / sizeof *messages;
    return messages;
}
