#!/usr/bin/env bash
# Tests `vanban check` and `vanban render` on Word and OpenDocument files (gen/read/office):
#   - hostile files: not a zip, empty, random bytes, a zip of something else, an OLE file
#     (password-protected .docx or legacy .doc), a zip bomb, a DTD with entities, malformed
#     XML, deep nesting: each gives a clear message and exit 1 quickly, never a crash;
#   - a .docm is read (its macros never run);
#   - files vanban did not make: its ODT re-saved as DOCX by LibreOffice, a pandoc-made DOCX,
#     an RTF converted by LibreOffice, the decree's own templates (../shared, when present);
#   - render: a Word draft re-laid in the standard layout, its text unchanged;
#   - a task table typed in Word (python3-docx): check sees its tasks, import writes them
#     as a nhiem_vu block.
#
# Run: tests/test_office.sh (or meson test -C build office). Uses $VANBAN (default
# build/vanban). Prints ok/FAIL per check, then "N passed, M failed".
set -u

ROOT=${VANBAN_SOURCE_ROOT:-$(cd "$(dirname "$0")/.." && pwd)}
VANBAN=${VANBAN:-$ROOT/build/vanban}
SHARED=${VANBAN_SHARED_DIR:-$ROOT/../shared}
PY=/usr/bin/python3

tmp=$(mktemp -d "${TMPDIR:-/tmp}/vanban-office-test.XXXXXX")
trap 'rm -rf "$tmp"' EXIT

passed=0
failed=0
ok() { echo "ok - $1"; passed=$((passed + 1)); }
fail() {
    echo "FAIL - $1"
    if [ $# -gt 1 ] && [ -n "$2" ]; then printf '%s\n' "$2" | head -n 20 | sed 's/^/    /'; fi
    failed=$((failed + 1))
}
skip() { echo "ok - $1 # skip $2"; }

# expect NAME FILE STATUS PATTERN [SECONDS]: `vanban check` on FILE exits STATUS within 120 s
# (or SECONDS) and its
# output matches the extended regex PATTERN.
expect() {
    local name=$1 file=$2 status=$3 pattern=$4 limit=${5:-120} out rc
    out=$(timeout "$limit" "$VANBAN" check --lang en "$file" 2>&1)
    rc=$?
    if [ $rc -eq "$status" ] && printf '%s\n' "$out" | grep -Eq -- "$pattern"; then
        ok "$name"
    else
        fail "$name (exit $rc, wanted $status)" "$out"
    fi
}

# ---- hostile files ---------------------------------------------------------------------
printf 'Báo cáo gõ trong Notepad\n' >"$tmp/text.docx"
expect "a text file named .docx: not a zip" "$tmp/text.docx" 1 'not a DOCX/ODT \(not a zip file\) \[OFFICE-READ\]'
: >"$tmp/empty.docx"
expect "an empty file" "$tmp/empty.docx" 1 '\[OFFICE-READ\]'
head -c 65536 /dev/urandom >"$tmp/random.docx"
expect "random bytes" "$tmp/random.docx" 1 '\[OFFICE-READ\]'
printf '\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1' >"$tmp/ole.docx"
head -c 4096 /dev/zero >>"$tmp/ole.docx"
expect "an OLE file named .docx: password-protected or legacy, said so" "$tmp/ole.docx" 1 'password-protected .docx .*legacy .doc'
printf '{\\rtf1\\ansi hello}' >"$tmp/rtf.docx"
expect "an RTF file named .docx" "$tmp/rtf.docx" 1 'an RTF file, not a .docx: open it and save it as .docx'

"$PY" - "$tmp" <<'EOF'
import sys, zipfile
d = sys.argv[1]
W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
def docx(name, document, extra=()):
    with zipfile.ZipFile(d + '/' + name, 'w', zipfile.ZIP_DEFLATED) as z:
        z.writestr('[Content_Types].xml', '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>')
        z.writestr('word/document.xml', document)
        for n, data in extra:
            z.writestr(n, data)
with zipfile.ZipFile(d + '/sheet.docx', 'w') as z:
    z.writestr('xl/workbook.xml', '<workbook/>')
with zipfile.ZipFile(d + '/other.docx', 'w') as z:
    z.writestr('notes.txt', 'hello')
docx('dtd.docx', '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">]>'
     '<w:document %s><w:body><w:p><w:r><w:t>&lol2;</w:t></w:r></w:p></w:body></w:document>' % W)
docx('external.docx', '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY ext SYSTEM "file:///etc/passwd">]>'
     '<w:document %s><w:body><w:p><w:r><w:t>&ext;</w:t></w:r></w:p></w:body></w:document>' % W)
docx('malformed.docx', '<?xml version="1.0"?>\n<w:document %s>\n<w:body>\n<w:p><w:r><w:t>Số: 5</w:r></w:p>\n</w:body></w:document>' % W)
docx('deep.docx', '<?xml version="1.0"?><w:document %s><w:body>' % W + '<w:sdt><w:sdtContent>' * 5000 + '</w:sdtContent></w:sdt>' * 5000 + '</w:body></w:document>')
docx('no-header.docx', '<?xml version="1.0"?><w:document %s><w:body><w:p><w:r><w:t>Chỉ có một đoạn văn.</w:t></w:r></w:p></w:body></w:document>' % W)
docx('macro.docm', '<?xml version="1.0"?><w:document %s><w:body><w:p><w:r><w:t>Đoạn văn.</w:t></w:r></w:p></w:body></w:document>' % W,
     [('word/vbaProject.bin', b'\xd0\xcf\x11\xe0 macro that must never run')])
# a zip bomb: 600 MiB of blanks in word/document.xml, compressed about 1000 times
with zipfile.ZipFile(d + '/bomb.docx', 'w', zipfile.ZIP_DEFLATED) as z:
    with z.open('word/document.xml', 'w', force_zip64=True) as f:
        f.write(('<?xml version="1.0"?><w:document %s><w:body>' % W).encode())
        chunk = b' ' * (1 << 20)
        for _ in range(600):
            f.write(chunk)
        f.write(b'</w:body></w:document>')
EOF
expect "a spreadsheet named .docx" "$tmp/sheet.docx" 1 'spreadsheet or presentation, not a DOCX'
expect "a zip that is neither DOCX nor ODT" "$tmp/other.docx" 1 'neither word/document.xml nor content.xml'
expect "a DTD with entities is refused" "$tmp/dtd.docx" 1 'word/document.xml declares a DTD or XML entities: refused'
expect "an external entity is refused (no file read)" "$tmp/external.docx" 1 'declares a DTD or XML entities: refused'
expect "malformed XML names the part and its line" "$tmp/malformed.docx" 1 'word/document.xml, line 4: malformed XML'
expect "deep nesting is refused" "$tmp/deep.docx" 1 'nests more than 256 elements deep|Excessive depth'
expect "a zip bomb is refused" "$tmp/bomb.docx" 1 'zip bomb|inflates'
expect "no recognisable header: check says what is missing" "$tmp/no-header.docx" 1 'no issuing body found.*OFFICE-MISSING'
expect "a .docm is read, its macros not run" "$tmp/macro.docm" 1 'no issuing body found'

# Every truncation of a real DOCX gives an error, never a crash.
"$VANBAN" render "$ROOT/docs/examples/bao-cao.yaml" -o "$tmp/bc.docx" >/dev/null 2>&1
size=$(stat -c %s "$tmp/bc.docx")
crashed=""
for cut in 0 100 1000 5000 $((size / 2)) $((size - 100)); do
    head -c "$cut" "$tmp/bc.docx" >"$tmp/cut.docx"
    timeout 120 "$VANBAN" check "$tmp/cut.docx" >/dev/null 2>&1
    rc=$?
    [ $rc -eq 0 ] || [ $rc -eq 1 ] || crashed="$crashed $cut:$rc"
done
[ -z "$crashed" ] && ok "truncated DOCX files: exit 1, no crash" || fail "truncated DOCX files" "$crashed"

# Bytes flipped inside the document part (stored, so the XML itself is damaged).
"$PY" - "$tmp" <<'EOF'
import random, sys, zipfile
d = sys.argv[1]
random.seed(14)
src = zipfile.ZipFile(d + '/bc.docx')
doc = bytearray(src.read('word/document.xml'))
for i in range(20):
    damaged = bytearray(doc)
    for _ in range(8):
        damaged[random.randrange(len(damaged))] = random.randrange(256)
    with zipfile.ZipFile('%s/fuzz-%02d.docx' % (d, i), 'w') as z:
        for info in src.infolist():
            z.writestr(info.filename, bytes(damaged) if info.filename == 'word/document.xml' else src.read(info.filename))
EOF
crashed=""
for f in "$tmp"/fuzz-*.docx; do
    timeout 120 "$VANBAN" check "$f" >/dev/null 2>&1
    rc=$?
    [ $rc -eq 0 ] || [ $rc -eq 1 ] || crashed="$crashed $(basename "$f"):$rc"
done
[ -z "$crashed" ] && ok "20 DOCX with damaged bytes: exit 0 or 1, no crash" || fail "damaged DOCX files" "$crashed"

# ---- files vanban did not make ---------------------------------------------------------
if command -v soffice >/dev/null 2>&1; then
    "$VANBAN" render "$ROOT/docs/examples/ke-hoach.yaml" -f odt -o "$tmp/kh.odt" >/dev/null 2>&1
    timeout 180 soffice "-env:UserInstallation=file://$tmp/lo" --headless --convert-to docx --outdir "$tmp/lo-out" "$tmp/kh.odt" >/dev/null 2>&1
    if [ -s "$tmp/lo-out/kh.docx" ]; then
        out=$("$VANBAN" check --lang en --format json "$tmp/lo-out/kh.docx" 2>&1)
        if ! printf '%s' "$out" | grep -q OFFICE-MISSING && printf '%s' "$out" | grep -q '"files":1'; then
            ok "vanban's ODT re-saved as DOCX by LibreOffice: every part found"
        else
            fail "vanban's ODT re-saved as DOCX by LibreOffice" "$out"
        fi
        timeout 180 soffice "-env:UserInstallation=file://$tmp/lo" --headless --convert-to rtf --outdir "$tmp/lo-out" "$tmp/lo-out/kh.docx" >/dev/null 2>&1
        expect "an RTF is converted by LibreOffice and read, and the user told" "$tmp/lo-out/kh.rtf" 0 'converted to .docx by LibreOffice.*\[OFFICE-LEGACY\]' 300
    else
        fail "LibreOffice converts vanban's ODT to DOCX"
    fi
else
    skip "LibreOffice re-saved DOCX" "soffice not installed"
fi

if command -v pandoc >/dev/null 2>&1; then
    cat >"$tmp/pandoc.md" <<'EOF'
ỦY BAN NHÂN DÂN HUYỆN LẠNG GIANG

CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM

Độc lập - Tự do - Hạnh phúc

Số: 12/BC-UBND

Lạng Giang, ngày 05 tháng 01 năm 2025

**BÁO CÁO**

**Kết quả chuyển đổi số năm 2024**

**I. KẾT QUẢ**

1\. Hạ tầng số được hoàn thiện.

- Toàn huyện có 100% xã có cáp quang.

Nơi nhận:

- UBND tỉnh;
- Lưu: VT.

**CHỦ TỊCH**

**Nguyễn Văn Bình**
EOF
    pandoc "$tmp/pandoc.md" -o "$tmp/pandoc.docx" 2>/dev/null
    out=$("$VANBAN" check --lang en "$tmp/pandoc.docx" 2>&1)
    rc=$?
    if [ $rc -le 1 ] && ! printf '%s' "$out" | grep -Eq 'no (issuing body|number line|place and date)'; then
        ok "a pandoc-made DOCX: header found"
    else
        fail "a pandoc-made DOCX" "$out"
    fi
else
    skip "pandoc-made DOCX" "pandoc not installed"
fi

PL3=$SHARED/reference/nd30/Phuluc3.docx
if [ -f "$PL3" ] && "$PY" -c 'import docx' 2>/dev/null; then
    # The decree's own templates, placeholders included: Mẫu 1.4 (a document with a tên loại)
    # and Mẫu 1.5 (a công văn), each cut out of Phuluc3.docx as the page a drafter starts from.
    for mau in 1.4 1.5; do
        "$PY" "$ROOT/tests/office/extract_mau.py" "$PL3" "$mau" "$tmp/mau-$mau.docx"
        out=$(timeout 60 "$VANBAN" check --lang en "$tmp/mau-$mau.docx" 2>&1)
        rc=$?
        if [ $rc -le 1 ] && ! printf '%s' "$out" | grep -Eq 'no (issuing body|number line|place and date line|recipients|signature block) found'; then
            ok "Mẫu $mau of Phuluc3.docx: header, Nơi nhận and signature found"
        else
            fail "Mẫu $mau of Phuluc3.docx" "$out"
        fi
    done
    out=$(timeout 60 "$VANBAN" check --lang en "$tmp/mau-1.5.docx" 2>&1)
    printf '%s' "$out" | grep -q 'document type was not recognised' &&
        fail "Mẫu 1.5 is read as a công văn (V/v under the number)" "$out" ||
        ok "Mẫu 1.5 is read as a công văn (V/v under the number)"
    out=$(timeout 60 "$VANBAN" check --lang en --format sarif "$PL3" 2>&1)
    rc=$?
    if [ $rc -le 1 ] && printf '%s' "$out" | grep -q '"startLine"' && printf '%s' "$out" | grep -q '"snippet"'; then
        ok "the whole Phuluc3.docx: read, positioned findings with snippets"
    else
        fail "the whole Phuluc3.docx" "$(printf '%s' "$out" | tail -5)"
    fi
else
    skip "the decree's templates" "../shared not found (or python3-docx missing)"
fi

# ---- render -----------------------------------------------------------------------------
"$PY" "$ROOT/tests/office/make_clerk_docx.py" "$tmp" 2>/dev/null
if [ -s "$tmp/tab-header.docx" ]; then
    "$VANBAN" render "$tmp/tab-header.docx" -o "$tmp/chuan.docx" >"$tmp/render.txt" 2>&1
    rc=$?
    out=$("$VANBAN" check --lang en "$tmp/chuan.docx" 2>&1)
    if [ $rc -eq 0 ] && printf '%s' "$out" | grep -q '0 errors, 0 warnings' &&
        unzip -p "$tmp/chuan.docx" word/document.xml | grep -q 'Toàn tỉnh có 100% xã được phủ sóng 4G và cáp quang.' &&
        unzip -p "$tmp/chuan.docx" word/document.xml | grep -q 'VbQuocHieu'; then
        ok "render du-thao.docx -o chuan.docx: the standard layout, the text unchanged"
    else
        fail "render du-thao.docx -o chuan.docx" "$(cat "$tmp/render.txt") $out"
    fi
    "$VANBAN" render -f odt "$tmp/table-header.docx" >/dev/null 2>&1
    [ -s "$tmp/table-header.docx.odt" ] && ok "render -f odt of a draft (blank number and day)" ||
        fail "render -f odt of a draft"
else
    skip "render of a clerk's draft" "python3-docx not installed"
fi

# ---- a clerk's task table ---------------------------------------------------------------
if [ -s "$tmp/task-table.docx" ]; then
    out=$("$VANBAN" check --lang en "$tmp/task-table.docx" 2>&1)
    rc=$?
    if [ $rc -eq 0 ] && ! printf '%s' "$out" | grep -q 'ND-TASKS' &&
        printf '%s' "$out" | grep -q 'the deadline "cuối năm" .*\[NV-DEADLINE-TEXT\]'; then
        ok "a task table typed in Word: check sees its tasks (no ND-TASKS), reads its deadlines"
    else
        fail "a task table typed in Word: check" "$out"
    fi
    "$VANBAN" import -o "$tmp/task-table.yaml" "$tmp/task-table.docx" >/dev/null 2>&1
    # one agency per run of rows with the same Chủ trì (the merged cell included)
    if [ "$(grep -c -- '- don_vi: ' "$tmp/task-table.yaml")" = 2 ] &&
        grep -q '^    trinh_bay: bang$' "$tmp/task-table.yaml" &&
        grep -A6 -- '- don_vi: Văn phòng UBND huyện' "$tmp/task-table.yaml" |
            grep -q 'noi_dung: Công khai thủ tục hành chính' &&
        grep -q 'han: 2025-06-30' "$tmp/task-table.yaml" &&
        grep -q 'phoi_hop: Các phòng chuyên môn' "$tmp/task-table.yaml"; then
        ok "a task table typed in Word: imported as a nhiem_vu block shown as a table"
    else
        fail "a task table typed in Word: import" "$(cat "$tmp/task-table.yaml")"
    fi
else
    skip "a clerk's task table" "python3-docx not installed"
fi

# ---- a part in a legacy encoding --------------------------------------------------------------
# Word never writes one, but a converter may: libxml2 reads it through iconv, which the
# statically linked program loads from the system at run time. The text read is the same.
if "$VANBAN" render -f docx -o "$tmp/utf8.docx" "$ROOT/docs/examples/cong-van.yaml" >/dev/null 2>&1 &&
    "$PY" - "$tmp" <<'PY'
import sys, zipfile
tmp = sys.argv[1]
with zipfile.ZipFile(tmp + '/utf8.docx') as source:
    parts = [(name, source.read(name)) for name in source.namelist()]
for declared, codec in (('windows-1258', 'cp1258'), ('KOI8-R', 'koi8_r')):
    with zipfile.ZipFile(f'{tmp}/{codec}.docx', 'w', zipfile.ZIP_DEFLATED) as z:
        for name, data in parts:
            if name == 'word/document.xml':
                text = data.decode('utf-8').replace('encoding="UTF-8"', f'encoding="{declared}"', 1)
                data = text.encode(codec, errors='xmlcharrefreplace')
            z.writestr(name, data)
PY
then
    want=$("$VANBAN" render -f txt -o - "$tmp/utf8.docx" 2>/dev/null)
    for codec in cp1258 koi8_r; do
        got=$("$VANBAN" render -f txt -o - "$tmp/$codec.docx" 2>&1)
        if [ -n "$want" ] && [ "$got" = "$want" ] && printf '%s' "$got" | grep -q 'CỘNG HÒA XÃ HỘI'; then
            ok "document.xml in $codec reads as the same text"
        else
            fail "document.xml in $codec reads as the same text" "$got"
        fi
    done
else
    fail "a DOCX with a legacy-encoded part could be made"
fi

echo "$passed passed, $failed failed"
[ $failed -eq 0 ]
