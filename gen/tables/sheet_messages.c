/* The reasons libzip and libxml2 give, in the language of the sheet's messages: both
 * libraries speak English only, and a Vietnamese run must not end a sentence in English.
 * Each reason is chosen by the library's error code; the English stays the library's own. */
#include "sheet_internal.h"

#include <stdio.h>
#include <string.h>

#include "model/syserror.h"

const char *sheet_text(const vb_sheet *s, const char *vi, const char *en)
{
    return vb_in_lang(s->lang, vi, en);
}

/* libzip's error codes that a reader meets, in Vietnamese. */
static const struct {
    int code;
    const char *vi;
} zip_texts[] = {
    {ZIP_ER_MULTIDISK, "tệp zip chia nhiều phần không được hỗ trợ"},
    {ZIP_ER_SEEK, "lỗi di chuyển vị trí đọc"},
    {ZIP_ER_READ, "lỗi đọc tệp"},
    {ZIP_ER_CRC, "sai mã kiểm tra CRC: dữ liệu nén bị hỏng"},
    {ZIP_ER_NOENT, "không có phần này trong tệp"},
    {ZIP_ER_OPEN, "không mở được tệp"},
    {ZIP_ER_ZLIB, "dữ liệu nén bị hỏng (lỗi zlib)"},
    {ZIP_ER_MEMORY, "không đủ bộ nhớ"},
    {ZIP_ER_COMPNOTSUPP, "phương thức nén không được hỗ trợ"},
    {ZIP_ER_EOF, "tệp kết thúc giữa chừng (tệp bị cắt cụt)"},
    {ZIP_ER_INVAL, "đối số không hợp lệ"},
    {ZIP_ER_NOZIP, "không phải tệp nén zip"},
    {ZIP_ER_INTERNAL, "lỗi nội bộ của libzip"},
    {ZIP_ER_INCONS, "cấu trúc tệp zip không nhất quán (tệp bị hỏng hoặc bị cắt cụt)"},
    {ZIP_ER_DELETED, "phần này đã bị xóa"},
    {ZIP_ER_ENCRNOTSUPP, "phương thức mã hóa không được hỗ trợ"},
    {ZIP_ER_NOPASSWD, "tệp có mật khẩu"},
    {ZIP_ER_WRONGPASSWD, "sai mật khẩu"},
    {ZIP_ER_OPNOTSUPP, "thao tác không được hỗ trợ"},
    {ZIP_ER_TELL, "lỗi xác định vị trí đọc"},
#ifdef ZIP_ER_COMPRESSED_DATA
    {ZIP_ER_COMPRESSED_DATA, "dữ liệu nén bị hỏng"},
#endif
#ifdef ZIP_ER_DATA_LENGTH
    {ZIP_ER_DATA_LENGTH, "độ dài dữ liệu không khớp với thư mục của tệp zip"},
#endif
#ifdef ZIP_ER_TRUNCATED_ZIP
    {ZIP_ER_TRUNCATED_ZIP, "tệp zip bị cắt cụt"},
#endif
};

const char *sheet_zip_reason(const vb_sheet *s, zip_error_t *e, char *buf, size_t size)
{
    if (s->lang == VB_LANG_EN) {
        snprintf(buf, size, "%s", zip_error_strerror(e));
        return buf;
    }
    int code = zip_error_code_zip(e);
    const char *text = NULL;
    for (size_t i = 0; i < sizeof zip_texts / sizeof *zip_texts && !text; i++)
        if (zip_texts[i].code == code)
            text = zip_texts[i].vi;
    if (text == NULL)
        snprintf(buf, size, "lỗi %d của libzip", code);
    else if (zip_error_system_type(e) == ZIP_ET_SYS && zip_error_code_system(e) != 0)
        snprintf(buf, size, "%s: %s", text, vb_strerror(zip_error_code_system(e), VB_LANG_VI));
    else
        snprintf(buf, size, "%s", text);
    return buf;
}

/* libxml2's English, trimmed of its line end. */
static const char *english_xml_reason(const xmlError *error, char *buf, size_t size)
{
    snprintf(buf, size, "%s", error->message != NULL ? error->message : "error");
    size_t n = strlen(buf);
    while (n > 0 && (buf[n - 1] == '\n' || buf[n - 1] == ' '))
        buf[--n] = '\0';
    return buf;
}

const char *sheet_xml_reason(const vb_sheet *s, const xmlError *error, char *buf, size_t size)
{
    if (s->lang == VB_LANG_EN)
        return english_xml_reason(error, buf, size);
    const char *a = error->str1 != NULL ? error->str1 : "?";
    const char *b = error->str2 != NULL ? error->str2 : "?";
    switch (error->code) {
    case XML_ERR_DOCUMENT_EMPTY:
        snprintf(buf, size, "phần này trống");
        break;
    case XML_ERR_DOCUMENT_END:
    case XML_ERR_EXTRA_CONTENT:
        /* What xmlTextReader also says of a part that stops before its end tags. */
        snprintf(buf, size, "phần này kết thúc bất thường: bị cắt cụt, hoặc có nội dung sau thẻ "
                            "đóng cuối cùng");
        break;
    case XML_ERR_TAG_NOT_FINISHED:
        snprintf(buf, size,
                 "phần này kết thúc khi thẻ <%s> (mở ở dòng %d) chưa đóng: tệp bị cắt cụt?", a,
                 error->int1);
        break;
    case XML_ERR_TAG_NAME_MISMATCH:
        snprintf(buf, size, "thẻ mở <%s> (dòng %d) không khớp thẻ đóng </%s>", a, error->int1, b);
        break;
    case XML_ERR_NOT_WELL_BALANCED:
        snprintf(buf, size, "các thẻ mở và thẻ đóng không khớp nhau");
        break;
    case XML_ERR_INVALID_CHAR:
    case XML_ERR_INVALID_CHARREF:
    case XML_ERR_INVALID_DEC_CHARREF:
    case XML_ERR_INVALID_HEX_CHARREF:
        snprintf(buf, size, "có ký tự không được phép trong XML");
        break;
    case XML_ERR_INVALID_ENCODING:
    case XML_ERR_UNKNOWN_ENCODING:
        snprintf(buf, size, "bảng mã của phần này không đúng hoặc không được hỗ trợ");
        break;
    case XML_ERR_UNDECLARED_ENTITY:
    case XML_ERR_ENTITYREF_SEMICOL_MISSING:
        snprintf(buf, size, "có thực thể (&…;) không được khai báo hoặc viết sai");
        break;
    case XML_ERR_LT_IN_ATTRIBUTE:
    case XML_ERR_ATTRIBUTE_NOT_STARTED:
    case XML_ERR_ATTRIBUTE_NOT_FINISHED:
    case XML_ERR_ATTRIBUTE_WITHOUT_VALUE:
    case XML_ERR_LITERAL_NOT_FINISHED:
    case XML_ERR_EQUAL_REQUIRED:
    case XML_ERR_SPACE_REQUIRED:
        snprintf(buf, size, "thuộc tính của thẻ viết sai");
        break;
    case XML_ERR_ATTRIBUTE_REDEFINED:
        snprintf(buf, size, "một thẻ có thuộc tính %s hai lần", a);
        break;
    case XML_ERR_GT_REQUIRED:
        snprintf(buf, size, "thẻ thiếu dấu \">\" đóng: phần này bị cắt cụt hoặc viết sai");
        break;
    case XML_ERR_LTSLASH_REQUIRED:
        snprintf(buf, size, "thiếu thẻ đóng \"</…>\": phần này bị cắt cụt hoặc viết sai");
        break;
    case XML_ERR_NAME_REQUIRED:
        snprintf(buf, size, "có thẻ không có tên");
        break;
    case XML_ERR_DOCUMENT_START:
        snprintf(buf, size, "phần này không bắt đầu bằng XML");
        break;
    case XML_NS_ERR_UNDEFINED_NAMESPACE:
        snprintf(buf, size, "tiền tố không gian tên %s chưa được khai báo", a);
        break;
    default:
        snprintf(buf, size, "lỗi %d của libxml2", error->code);
        break;
    }
    return buf;
}
