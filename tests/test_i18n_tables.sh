#!/bin/bash
# Damaged and unreadable tables in a Vietnamese run: every line vanban prints is Vietnamese,
# names the file (and the sheet, cell or row where there is one), and says what is wrong.
# Each case is a `bang: {tep: …}` checked with --lang vi (and with LANG=vi_VN.UTF-8), and a
# few go through `render --data`. The English run keeps its English (the same cases).
# Usage: test_i18n_tables.sh
set -u
VANBAN=${VANBAN:-build/vanban}
ROOT=${VANBAN_SOURCE_ROOT:-.}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
passed=0 failed=0
ok() { passed=$((passed + 1)); }
fail() { failed=$((failed + 1)); echo "FAIL: $1"; [ -n "${2:-}" ] && printf '%s\n' "$2" | head -20 | sed 's/^/  /'; }
expect() { # NAME PATTERN TEXT
  if printf '%s\n' "$3" | grep -Eq -- "$2"; then ok; else fail "$1 (no /$2/)" "$3"; fi
}

# English words no Vietnamese message has; paths, part names, tags and quoted texts are
# taken out of the line first (they are the file's, not ours).
ENGLISH='\b(the|is|are|not|of|has|have|no|and|or|cannot|does|exist|row|rows|cell|cells|sheet|sheets|file|files|error|warning|damaged|hostile|malformed|read|open|inflates|archive|spreadsheet|workbook|bytes|missing|line|order|than|more|beyond|ends|inside|reference|bad|save|name|it|password|protected|unknown|limit|part)\b'
all_vietnamese() { # NAME TEXT
  local line bare bad=""
  while IFS= read -r line; do
    [ -z "$line" ] && continue
    bare=$(printf '%s\n' "$line" | sed -E "s#$tmp/[^: ]*##g; s#\"[^\"]*\"##g; s#<[^>]*>##g; s#\[[A-Z0-9-]+\]##g; s#[A-Za-z_/.-]+\.(xml|rels|xlsx|ods|csv|yaml)##g")
    if printf '%s\n' "$bare" | grep -Eiq -- "$ENGLISH"; then bad="$bad$line"$'\n'; fi
    if ! printf '%s\n' "$line" | grep -Eq -- '(lỗi|cảnh báo):|^Đã kiểm tra|^vanban: '; then bad="$bad(no Vietnamese label) $line"$'\n'; fi
  done <<< "$2"
  if [ -z "$bad" ]; then ok; else fail "$1: every line Vietnamese" "$bad"; fi
}

python3 - "$ROOT/tests/sheets" "$tmp" <<'PY'
import os, sys, zipfile
sys.path.insert(0, sys.argv[1])
import make_fixtures as m
out = sys.argv[2]
os.chdir(out)
S = lambda rows: m.worksheet(rows)
good_rows = ('<row r="1"><c r="A1" t="inlineStr"><is><t>Tên</t></is></c><c r="B1" t="inlineStr"><is><t>Số</t></is></c></row>'
             '<row r="2"><c r="A2" t="inlineStr"><is><t>Hà Nội</t></is></c><c r="B2"><v>12</v></c></row>')
m.small_xlsx("good.xlsx", S(good_rows))
# Cut short, as an interrupted copy or download leaves it: the zip's directory is gone.
data = open("good.xlsx", "rb").read()
open("truncated.xlsx", "wb").write(data[:len(data) // 2])
# No workbook part.
m.write_zip("noworkbook.xlsx", [("_rels/.rels", m.root_rels()),
                                ("xl/worksheets/sheet1.xml", S(good_rows))])
# The workbook names a sheet whose part is not in the package.
m.write_zip("nopart.xlsx", [("_rels/.rels", m.root_rels()),
                            ("xl/workbook.xml", m.workbook([("Sheet1", "rId1")])),
                            ("xl/_rels/workbook.xml.rels", m.rels([("rId1", "worksheet", "worksheets/sheet1.xml")]))])
# A cell pointing at shared string 7 of 1.
m.write_zip("badshared.xlsx", [
    ("_rels/.rels", m.root_rels()),
    ("xl/workbook.xml", m.workbook([("Chỉ tiêu", "rId1")])),
    ("xl/_rels/workbook.xml.rels", m.rels([("rId1", "worksheet", "worksheets/sheet1.xml"),
                                          ("rId2", "sharedStrings", "sharedStrings.xml")])),
    ("xl/sharedStrings.xml", m.XML + f'<sst xmlns="{m.MAIN}" count="1" uniqueCount="1"><si><t>Tên</t></si></sst>'),
    ("xl/worksheets/sheet1.xml", S('<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>0</v></c></row>'
                                   '<row r="2"><c r="A2" t="s"><v>0</v></c><c r="B2" t="s"><v>7</v></c></row>'))])
# A tag closed by the wrong end tag, on line 5; and a sheet whose XML stops in a row.
m.small_xlsx("mismatch.xlsx", m.XML + f'<worksheet xmlns="{m.MAIN}">\n<sheetData>\n'
             '<row r="1"><c r="A1"><v>1</v></c></row>\n<row r="2"><c r="A2"><v>2</v></row>\n'
             '</sheetData>\n</worksheet>\n')
whole = S(good_rows)
m.small_xlsx("cutxml.xlsx", whole[:whole.index('<row r="2">') + len('<row r="2">')])
# Cut inside a tag: its ">" never comes.
m.small_xlsx("cuttag.xlsx", whole[:whole.index('<row r="2"') + len('<row r="2"')])
# Rows out of order; a number that is none.
m.small_xlsx("order.xlsx", S('<row r="2"><c r="A2"><v>1</v></c></row><row r="1"><c r="A1"><v>2</v></c></row>'))
m.small_xlsx("nan.xlsx", S('<row r="1"><c r="A1"><v>1</v></c></row><row r="2"><c r="A2"><v>1,5</v></c></row>'))
# Damaged compressed data: the sheet's deflate stream overwritten in its middle.
m.small_xlsx("crc.xlsx", S(good_rows * 40))
with zipfile.ZipFile("crc.xlsx") as z:
    info = z.getinfo("xl/worksheets/sheet1.xml")
raw = bytearray(open("crc.xlsx", "rb").read())
start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra)
for i in range(start + 20, start + 60):
    raw[i] ^= 0x5A
open("crc.xlsx", "wb").write(bytes(raw))
# An ODS without content.xml; an old binary .xls (or encrypted workbook) named .xlsx.
m.write_zip("nocontent.ods", [("mimetype", "application/vnd.oasis.opendocument.spreadsheet")])
open("ole.xlsx", "wb").write(bytes([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) + bytes(504))
# CSV: a Windows-1258 byte, a ragged row.
open("cp1258.csv", "wb").write("Tên,Số\n".encode() + b"H\xe0 N\xf4i,12\n")
open("ragged.csv", "w").write("Tên,Số\nHà Nội,12,3\n")
PY
mkdir "$tmp/folder.csv"

doc() { # FILE [SHEET]: a report whose appendix table is read from FILE
  local sheet=""
  [ -n "${2:-}" ] && sheet="
      trang_tinh: $2"
  cat > "$tmp/doc.yaml" <<YAML
the_thuc: nha_nuoc
loai: CV
co_quan: UBND TỈNH HÒA BÌNH
so: 1
ky_hieu: UBND-VX
dia_danh: Hòa Bình
ngay: 2024-01-05
trich_yeu: Về việc gửi số liệu
kinh_gui: Sở Tài chính
noi_dung:
  - Số liệu như sau.
  - bang:
      tep: $1$sheet
noi_nhan:
  - "Lưu: VT"
ky:
  chuc_vu: CHỦ TỊCH
  ho_ten: Nguyễn Văn A
YAML
}

# NAME FILE SHEET VIETNAMESE-PATTERN ENGLISH-PATTERN: the message of the table's error, at
# the tep: value (13:12); an error met while opening the file says "không đọc được bảng".
O="không đọc được bảng: " E="cannot read the table: "
case_of() {
  doc "$2" "$3"
  local vi en
  vi=$("$VANBAN" check --lang vi "$tmp/doc.yaml" 2>&1)
  expect "$1 (vi)" "^$T/doc.yaml:13:12: lỗi: $4" "$vi"
  expect "$1: the only finding (vi)" "^Đã kiểm tra 1 tệp: 1 lỗi, 0 cảnh báo$" "$vi"
  all_vietnamese "$1" "$vi"
  vi=$(env -u LC_ALL -u LC_MESSAGES -u LANGUAGE LANG=vi_VN.UTF-8 "$VANBAN" check "$tmp/doc.yaml" 2>&1)
  expect "$1 (LANG=vi_VN.UTF-8)" "^$T/doc.yaml:13:12: lỗi: $4" "$vi"
  en=$("$VANBAN" check --lang en "$tmp/doc.yaml" 2>&1)
  expect "$1 (en)" "^$T/doc.yaml:13:12: error: $5" "$en"
}

T=$tmp
case_of "a zip cut short" truncated.xlsx "" \
  "$O$T/truncated.xlsx: không phải bảng tính: không phải tệp nén zip \(tệp .xlsx hoặc .ods là tệp zip; tệp bị cắt cụt khi chép cũng báo như vậy\) \[TBL-DATA\]" \
  "$E$T/truncated.xlsx: not a spreadsheet: not a zip archive"
case_of "no workbook part" noworkbook.xlsx "" \
  "$O$T/noworkbook.xlsx: tệp XLSX bị hỏng: thiếu phần xl/workbook.xml \[TBL-DATA\]" \
  "$E$T/noworkbook.xlsx: not an XLSX workbook: it has no xl/workbook.xml"
case_of "a sheet without its part" nopart.xlsx "" \
  "$O$T/nopart.xlsx: tệp XLSX bị hỏng: trang tính \"Sheet1\" thiếu phần xl/worksheets/sheet1.xml \[TBL-DATA\]" \
  "$E$T/nopart.xlsx: sheet \"Sheet1\" has no part xl/worksheets/sheet1.xml \(a damaged file\)"
case_of "a sheet that is not there" good.xlsx "Tong hop" \
  "$O$T/good.xlsx: không có trang tính \"Tong hop\"; các trang tính là \"Sheet1\" \[TBL-DATA\]" \
  "$E$T/good.xlsx: no sheet \"Tong hop\"; the sheets are \"Sheet1\""
case_of "a bad shared string index" badshared.xlsx "" \
  "$O$T/badshared.xlsx: trang tính \"Chỉ tiêu\", ô B2: tệp bị hỏng: ô trỏ tới chuỗi dùng chung số \"7\" nhưng tệp chỉ có 1 chuỗi \[TBL-DATA\]" \
  "$E$T/badshared.xlsx: Chỉ tiêu!B2: shared string \"7\" does not exist \(the file has 1\)"
case_of "mismatched tags" mismatch.xlsx "" \
  "$O$T/mismatch.xlsx: xl/worksheets/sheet1.xml:5: XML hỏng: thẻ mở <c> \(dòng 5\) không khớp thẻ đóng </row> \[TBL-DATA\]" \
  "$E$T/mismatch.xlsx: xl/worksheets/sheet1.xml:5: malformed XML: Opening and ending tag mismatch"
case_of "a sheet's XML cut short" cutxml.xlsx "" \
  "$O$T/cutxml.xlsx: xl/worksheets/sheet1.xml:[0-9]+: XML hỏng: phần này kết thúc bất thường: bị cắt cụt, hoặc có nội dung sau thẻ đóng cuối cùng \[TBL-DATA\]" \
  "$E$T/cutxml.xlsx: xl/worksheets/sheet1.xml:[0-9]+: malformed XML: Extra content at the end of the document"
case_of "a sheet cut inside a tag" cuttag.xlsx "" \
  "$O$T/cuttag.xlsx: xl/worksheets/sheet1.xml:[0-9]+: XML hỏng: thuộc tính của thẻ viết sai \[TBL-DATA\]" \
  "$E$T/cuttag.xlsx: xl/worksheets/sheet1.xml:[0-9]+: malformed XML: attributes construct error"
case_of "rows out of order" order.xlsx "" \
  "$O$T/order.xlsx: tệp bị hỏng: trang tính \"Sheet1\" có dòng 1 đứng sau dòng 2, các dòng sai thứ tự \[TBL-DATA\]" \
  "$E$T/order.xlsx: Sheet1: row 1 comes after row 2: rows out of order"
case_of "a number that is none" nan.xlsx "" \
  "$T/nan.xlsx: trang tính \"Sheet1\", ô A2: không phải số: \"1,5\" \[TBL-DATA\]" \
  "$T/nan.xlsx: Sheet1!A2: not a number: \"1,5\""
case_of "damaged compressed data" crc.xlsx "" \
  "$O$T/crc.xlsx: (không đọc được phần xl/worksheets/sheet1.xml: (sai mã kiểm tra CRC|dữ liệu nén bị hỏng)|xl/worksheets/sheet1.xml:[0-9]+: XML hỏng)" \
  "$E$T/crc.xlsx: (xl/worksheets/sheet1.xml: cannot be read|xl/worksheets/sheet1.xml:[0-9]+: malformed XML)"
case_of "an ODS without content.xml" nocontent.ods "" \
  "$O$T/nocontent.ods: tệp ODS bị hỏng: thiếu phần content.xml \[TBL-DATA\]" \
  "$E$T/nocontent.ods: not an ODS spreadsheet: it has no content.xml"
case_of "an old .xls or an encrypted workbook" ole.xlsx "" \
  "$O$T/ole.xlsx: là bảng tính có mật khẩu hoặc tệp .xls kiểu cũ \(không phải zip\): hãy lưu thành .xlsx không đặt mật khẩu \[TBL-DATA\]" \
  "$E$T/ole.xlsx: is a password-protected workbook or an old .xls file"
case_of "a file that is not there" nope.xlsx "" \
  "$O$T/nope.xlsx: không có tệp hoặc thư mục này \[TBL-DATA\]" \
  "$E$T/nope.xlsx: No such file or directory"
case_of "a CSV that is not there" nope.csv "" \
  "$O$T/nope.csv: không có tệp hoặc thư mục này \[TBL-DATA\]" \
  "$E$T/nope.csv: No such file or directory"
case_of "a folder given as a table" folder.csv "" \
  "$O$T/folder.csv: là một thư mục, không phải tệp: bảng chỉ đọc được từ một tệp thông thường \[TBL-DATA\]" \
  "$E$T/folder.csv: is a directory, not a file"

# CSV errors are placed in the CSV itself.
for f in cp1258 ragged; do
  doc "$f.csv"
  vi=$("$VANBAN" check --lang vi "$tmp/doc.yaml" 2>&1)
  case $f in
    cp1258) expect "bad UTF-8 in a CSV (vi)" "$T/cp1258.csv:2:2: lỗi: không phải UTF-8 \(byte 0xE0\); hãy lưu bảng dạng UTF-8, không phải Windows-1258 hay TCVN3 \[TBL-DATA\]" "$vi" ;;
    ragged) expect "a ragged CSV row (vi)" "$T/ragged.csv:2:1: lỗi: dòng có 3 ô nhưng dòng đầu \(dòng 1\) có 2 \[TBL-DATA\]" "$vi" ;;
  esac
  all_vietnamese "$f.csv" "$vi"
done

# render --data: the same reader's reasons, in the run's language.
sed 's/ho_ten: Nguyễn Văn A/ho_ten: "{{ho_ten}}"/; /bang:/,/tep:/d' "$tmp/doc.yaml" > "$tmp/mau.yaml"
for f in badshared.xlsx truncated.xlsx nocontent.ods cp1258.csv; do
  out=$("$VANBAN" render --lang vi -f txt --data "$tmp/$f" --out-dir "$tmp/out" "$tmp/mau.yaml" 2>&1)
  all_vietnamese "render --data $f" "$out"
  expect "render --data $f names the file" "$f" "$out"
done
out=$("$VANBAN" render --lang vi -f txt --data "$tmp/badshared.xlsx" --out-dir "$tmp/out" "$tmp/mau.yaml" 2>&1)
expect "render --data: the cell in Vietnamese" "^vanban: $T/badshared.xlsx: trang tính \"Chỉ tiêu\", ô B2: tệp bị hỏng: ô trỏ tới chuỗi dùng chung số \"7\"" "$out"

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
