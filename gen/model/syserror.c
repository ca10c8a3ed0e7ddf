#include "syserror.h"

#include <errno.h>
#include <string.h>

static const struct {
    int errnum;
    const char *vi;
} errno_texts[] = {
    {ENOENT, "không có tệp hoặc thư mục này"},
    {EACCES, "không có quyền truy cập"},
    {EPERM, "thao tác không được phép"},
    {EISDIR, "đây là một thư mục, không phải tệp"},
    {ENOTDIR, "một phần của đường dẫn không phải thư mục"},
    {ENOSPC, "ổ đĩa đã hết chỗ trống"},
    {EDQUOT, "đã vượt hạn mức dung lượng đĩa"},
    {EROFS, "ổ đĩa chỉ cho phép đọc"},
    {EEXIST, "tệp đã có"},
    {ENAMETOOLONG, "tên tệp quá dài"},
    {ELOOP, "đường dẫn có quá nhiều liên kết tượng trưng (có thể lặp vòng)"},
    {EMFILE, "chương trình mở quá nhiều tệp cùng lúc"},
    {ENFILE, "hệ thống mở quá nhiều tệp cùng lúc"},
    {ENOMEM, "không đủ bộ nhớ"},
    {EIO, "lỗi đọc/ghi của thiết bị"},
    {EFBIG, "tệp quá lớn"},
    {EBUSY, "thiết bị hoặc tài nguyên đang bận"},
    {EXDEV, "không thể đổi tên sang ổ đĩa khác"},
    {EINVAL, "đối số không hợp lệ"},
    {EPIPE, "đầu đọc của đường ống đã đóng"},
    {ETXTBSY, "tệp đang được chạy"},
    {ENXIO, "không có thiết bị hoặc địa chỉ này"},
    {ENODEV, "không có thiết bị này"},
    {ENOTEMPTY, "thư mục không trống"},
    {EAGAIN, "tài nguyên tạm thời không sẵn sàng"},
    {EINTR, "bị ngắt giữa chừng"},
    {ETIMEDOUT, "hết thời gian chờ"},
    {ESTALE, "tệp trên mạng không còn hợp lệ"},
};

const char *vb_strerror(int errnum, vb_lang lang)
{
    if (lang == VB_LANG_VI)
        for (size_t i = 0; i < sizeof errno_texts / sizeof *errno_texts; i++)
            if (errno_texts[i].errnum == errnum)
                return errno_texts[i].vi;
    return strerror(errnum);
}

int vb_strerror_known(size_t i)
{
    return i < sizeof errno_texts / sizeof *errno_texts ? errno_texts[i].errnum : -1;
}
