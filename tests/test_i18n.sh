#!/bin/bash
# Vietnamese all the way through, and what a command-line user expects, under
# LANG=vi_VN.UTF-8 and LANG=C.UTF-8 (whether vi_VN is a generated locale or not):
# labels, help, usage errors with a did-you-mean, I/O errors, libyaml's problems; the
# catalogue complete (i18n_sources.py); man pages and completions naming every option of the
# code; `meson install --destdir` putting them in place; `rules`/`types` --help; `types`
# aligned by display width; spreadsheets named as such; render telling the text warnings.
# Usage: test_i18n.sh [BUILD_ROOT]
set -u
VANBAN=${VANBAN:-build/vanban}
ROOT=${VANBAN_SOURCE_ROOT:-.}
BUILD=${1:-$(dirname "$VANBAN")}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
passed=0 failed=0
ok() { passed=$((passed + 1)); }
fail() { failed=$((failed + 1)); echo "FAIL: $1"; [ -n "${2:-}" ] && printf '%s\n' "$2" | head -20 | sed 's/^/  /'; }
expect() { # NAME PATTERN TEXT
  if printf '%s\n' "$3" | grep -Eq -- "$2"; then ok; else fail "$1 (no /$2/)" "$3"; fi
}
refuse() { # NAME PATTERN TEXT
  if printf '%s\n' "$3" | grep -Eq -- "$2"; then fail "$1 (has /$2/)" "$3"; else ok; fi
}

# ---- the catalogue and the vi/en pairs of the sources ---------------------------------------
if out=$(python3 "$ROOT/tests/i18n_sources.py" "$ROOT" 2>&1); then ok; else fail "every message in both languages" "$out"; fi
# It catches a message in one language only in the table readers: one slipped into a copy
# of the sources fails it, with its file and line.
mkdir -p "$tmp/src" && cp -r "$ROOT/gen" "$tmp/src/"
sed -i 's|^static int open_zip(vb_sheet \*s)$|static int damaged(vb_sheet *s) { return sheet_fail(s, "%s", "%s", "the zip is damaged"); }\n&|' \
  "$tmp/src/gen/tables/sheet.c"
line=$(grep -n 'the zip is damaged' "$tmp/src/gen/tables/sheet.c" | cut -d: -f1)
out=$(python3 "$ROOT/tests/i18n_sources.py" "$tmp/src" 2>&1); rc=$?
[ $rc -ne 0 ] && ok || fail "an English-only message in gen/tables fails the check"
expect "the English-only message is named with its line" "gen/tables/sheet.c:$line: a message in English only" "$out"

# ---- a document with a typo, a syntax error, a missing file, a spreadsheet ------------------
cat > "$tmp/typo.yaml" <<'YAML'
the_thuc: nha_nuoc
loai: CV
co_quan: UBND TỈNH HÒA BÌNH
so: 1
ky_hieu: UBND-VX
dia_danh: Hòa Bình
ngay: 2024-01-05
trich_yeu: Về việc thử
kinh_gui: Sở Tài chính
noi_dung:
  - Đề nghị  Sở Tài chính , báo cáo.
noi_nhann:
  - "Lưu: VT"
ky:
  chuc_vu: CHỦ TỊCH
  ho_ten: Nguyễn Văn A
YAML
sed 's/^noi_nhann:/noi_nhan:/' "$tmp/typo.yaml" > "$tmp/good.yaml"
# Paragraphs with a double space each: good.yaml's own two warnings and N more.
many() { # N OUT
  { sed -n '1,11p' "$tmp/good.yaml"
    for ((i = 1; i <= $1; i++)); do echo "  - Đoạn  thứ $i."; done
    sed -n '12,$p' "$tmp/good.yaml"; } > "$2"
}
many 8 "$tmp/ten.yaml"
many 9 "$tmp/eleven.yaml"
many 200 "$tmp/many.yaml"
printf 'the_thuc: nha_nuoc\nnoi_dung:\n  - a\n\t- b\n' > "$tmp/tab.yaml"
# A zip whose part names say XLSX, as a spreadsheet program writes one.
python3 - "$tmp/sheet.xlsx" <<'PY'
import sys, zipfile
with zipfile.ZipFile(sys.argv[1], 'w') as z:
    z.writestr('[Content_Types].xml', '<Types/>')
    z.writestr('xl/workbook.xml', '<workbook/>')
PY
cp "$tmp/sheet.xlsx" "$tmp/sheet-named.yaml"

for lang in vi_VN.UTF-8 C.UTF-8; do
  run() { env -u LC_ALL -u LC_MESSAGES -u LANGUAGE LANG=$lang "$VANBAN" "$@" 2>&1; }
  if [ "$lang" = vi_VN.UTF-8 ]; then vi=1; else vi=0; fi
  pick() { if [ $vi = 1 ]; then echo "$1"; else echo "$2"; fi; }

  out=$(run --help)
  expect "$lang: vanban --help" "$(pick '^Cách dùng: vanban LỆNH' '^Usage: vanban COMMAND')" "$out"
  for c in render preview check normalize rules types; do
    out=$(run $c --help); rc=$?
    expect "$lang: vanban $c --help" "$(pick "^Cách dùng: vanban $c \[TÙY_CHỌN\]" "^Usage: vanban $c \[OPTIONS\]")" "$out"
    [ $rc -eq 0 ] && ok || fail "$lang: vanban $c --help exits 0"
    expect "$lang: vanban $c --help lists --lang" '^ +--lang vi\|en' "$out"
  done
  out=$(run rules --help)
  refuse "$lang: rules --help prints help, not the list" 'YAML-SYNTAX' "$out"
  out=$(run types --help)
  refuse "$lang: types --help prints help, not the list" 'Báo cáo' "$out"

  out=$(run rendr x.yaml); rc=$?
  expect "$lang: unknown command, did you mean" "$(pick "vanban: không có lệnh 'rendr'; có phải ý bạn là 'render'\?" "vanban: unknown command 'rendr'; did you mean 'render'\?")" "$out"
  [ $rc -eq 2 ] && ok || fail "$lang: unknown command exits 2"
  out=$(run check --fromat json x.yaml); rc=$?
  expect "$lang: unknown option, did you mean" "$(pick "không có tùy chọn '--fromat'; có phải ý bạn là '--format'" "unknown option '--fromat'; did you mean '--format'")" "$out"
  [ $rc -eq 2 ] && ok || fail "$lang: unknown option exits 2"
  out=$(run render --lang)
  expect "$lang: option without its value" "$(pick "tùy chọn '--lang' cần một giá trị" "option '--lang' needs a value")" "$out"
  out=$(run check --format xml x.yaml)
  expect "$lang: a bad value" "$(pick "--format nhận text, json hoặc sarif, không nhận 'xml'" "--format takes text, json or sarif, not 'xml'")" "$out"
  out=$(run render "$tmp/nope.yaml"); rc=$?
  expect "$lang: I/O error in words" "$(pick "nope.yaml: không có tệp hoặc thư mục này" "nope.yaml: No such file or directory")" "$out"
  [ $rc -eq 3 ] && ok || fail "$lang: a missing file exits 3"

  out=$(run check "$tmp/typo.yaml")
  expect "$lang: the label" "$(pick 'typo.yaml:12:1: lỗi: khóa không hợp lệ `noi_nhann`.*`noi_nhan`' 'typo.yaml:12:1: error: unknown key `noi_nhann`.*`noi_nhan`')" "$out"
  refuse "$lang: one typo, one error (no missing noi_nhan)" 'thiếu `noi_nhan`|`noi_nhan` is missing' "$out"
  expect "$lang: the summary" "$(pick '^Đã kiểm tra 1 tệp: 1 lỗi' '^1 file checked: 1 error')" "$out"
  out=$(run check "$tmp/tab.yaml")
  expect "$lang: libyaml's problem in words, with its position" "$(pick 'tab.yaml:4:1: lỗi: YAML sai cú pháp: có ký tự tab làm sai thụt lề.*dòng 3' 'tab.yaml:4:1: error: YAML syntax error: found a tab character that violates indentation')" "$out"
  [ $vi = 1 ] && refuse "$lang: no English from libyaml" 'found|while scanning' "$out"
  out=$(run check "$tmp/sheet-named.yaml"); rc=$?
  expect "$lang: a spreadsheet where YAML is expected" "$(pick 'sheet-named.yaml: đây là bảng tính \(XLSX\)' 'sheet-named.yaml: this is a spreadsheet \(XLSX\)')" "$out"
  refuse "$lang: not a NUL-byte message" 'NUL' "$out"
  out=$(run render -f txt -o "$tmp/good.txt" "$tmp/good.yaml"); rc=$?
  [ $rc -eq 0 ] && ok || fail "$lang: render with text warnings succeeds" "$out"
  expect "$lang: render tells the double space" "$(pick 'good.yaml:11:.*cảnh báo: .*\[TXT-TYPO\]' 'good.yaml:11:.*warning: double space.*\[TXT-TYPO\]')" "$out"
  expect "$lang: render tells the space before the comma" "$(pick 'cảnh báo: .*dấu câu.*\[TXT-TYPO\]' 'warning: space before punctuation.*\[TXT-TYPO\]')" "$out"
  # The first ten in full; past them, that there are more and where to see them all.
  out=$(run render -f txt -o "$tmp/ten.txt" "$tmp/ten.yaml")
  [ "$(printf '%s\n' "$out" | grep -c 'TXT-TYPO')" -eq 10 ] && ok || fail "$lang: render shows ten warnings" "$out"
  refuse "$lang: ten warnings are all there is" "$(pick 'còn cảnh báo' 'more text warnings')" "$out"
  out=$(run render -f txt -o "$tmp/eleven.txt" "$tmp/eleven.yaml")
  [ "$(printf '%s\n' "$out" | grep -c 'TXT-TYPO')" -eq 10 ] && ok || fail "$lang: render shows the first ten of eleven" "$out"
  expect "$lang: the eleventh is said to be there" "$(pick 'eleven.yaml: còn cảnh báo về chữ khác; `vanban check .*eleven.yaml` liệt kê đủ' 'eleven.yaml: more text warnings; `vanban check .*eleven.yaml` lists them all')" "$out"
  out=$(run render -f txt -o "$tmp/eleven.txt" - < "$tmp/eleven.yaml")
  expect "$lang: from standard input, the command to type" "$(pick '<stdin>: còn cảnh báo về chữ khác; `vanban check -` liệt kê đủ các cảnh báo khi nhận cùng đầu vào' '<stdin>: more text warnings; `vanban check -` lists them all, given the same input')" "$out"
  out=$(run render -f txt -o "$tmp/many.txt" "$tmp/many.yaml")
  expect "$lang: the first ten of many are the first in the file" 'many.yaml:11:.*many.yaml:12:.*many.yaml:19:' "$(printf '%s\n' "$out" | grep TXT-TYPO | tr '\n' ' ')"
  refuse "$lang: the eleventh of many is not shown" 'many.yaml:20:' "$out"
  expect "$lang: render tells the tone style" '"Hoà"|"HOÀ"|HÒA|Hòa' "$(run render -f txt -o "$tmp/t.txt" <(sed 's/HÒA/HOÀ/' "$tmp/good.yaml") 2>&1; echo)"
done

# ---- a requirement error points at the mapping that lacks the key: the document's first key
printf '# Văn bản thử\n# (chú thích)\n\nthe_thuc: nha_nuoc\nloai: BC\n' > "$tmp/missing.yaml"
out=$("$VANBAN" check --lang en "$tmp/missing.yaml" 2>&1)
expect "a missing key points at the document's first key" '^.*missing.yaml:4:1: error: `ky` is missing' "$out"
refuse "not at 1:1" 'missing.yaml:1:1:' "$out"
sed 's/^          - noi_dung: /          - noi_dungg: /' > "$tmp/task.yaml" <<'YAML'
the_thuc: nha_nuoc
loai: CV
co_quan: UBND
so: 1
ky_hieu: UBND-VX
dia_danh: Huế
ngay: 2024-01-05
trich_yeu: Thử
kinh_gui: Sở
noi_dung:
  - muc: Nhiệm vụ
    nhiem_vu:
      - don_vi: Sở Tài chính
        viec:
          - noi_dung: Bố trí kinh phí
noi_nhan: ["Lưu: VT"]
ky: {chuc_vu: CHỦ TỊCH, ho_ten: Lê Văn A}
YAML
out=$("$VANBAN" check --lang en "$tmp/task.yaml" 2>&1)
expect "a misspelt task key" 'task.yaml:15:13: error: unknown key `noi_dungg` in a task; did you mean `noi_dung`' "$out"
refuse "one typo, one error, in a task too" 'has no `noi_dung`' "$out"

# ---- render --data from XLSX and ODS sheets, as from CSV ---------------------------------------
sed 's/ho_ten: Nguyễn Văn A/ho_ten: "{{ho_ten}}"/' "$tmp/good.yaml" > "$tmp/mau.yaml"
printf 'ten_tep,ho_ten\nmot,Trần Thị Bình\nhai,Lê Văn Đông\n' > "$tmp/rows.csv"
python3 - "$ROOT/tests/sheets" "$tmp" <<'PY'
import sys
sys.path.insert(0, sys.argv[1])
import make_fixtures as m
rows = [("ten_tep", "ho_ten"), ("mot", "Trần Thị Bình"), ("hai", "Lê Văn Đông")]
xml = "".join('<row r="%d">%s</row>' % (i + 1, "".join(
    '<c r="%s%d" t="inlineStr"><is><t>%s</t></is></c>' % ("AB"[j], i + 1, v) for j, v in enumerate(r)))
    for i, r in enumerate(rows))
m.write_zip(sys.argv[2] + "/rows.xlsx", [
    ("[Content_Types].xml", m.XML + '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>'),
    ("_rels/.rels", m.root_rels()),
    ("xl/workbook.xml", m.workbook([("Dữ liệu", "rId1")])),
    ("xl/_rels/workbook.xml.rels", m.rels([("rId1", "worksheet", "worksheets/sheet1.xml")])),
    ("xl/worksheets/sheet1.xml", m.worksheet(xml))])
table = "<table:table table:name=\"Dữ liệu\">" + "".join(
    "<table:table-row>" + "".join('<table:table-cell office:value-type="string"><text:p>%s</text:p></table:table-cell>' % v
                                  for v in r) + "</table:table-row>" for r in rows) + "</table:table>"
m.ods(sys.argv[2] + "/rows.ods", table)
PY
for ext in csv xlsx ods; do
  rm -rf "$tmp/out-$ext"
  out=$("$VANBAN" render --lang en -f txt --data "$tmp/rows.$ext" --out-dir "$tmp/out-$ext" "$tmp/mau.yaml" 2>&1); rc=$?
  if [ $rc -eq 0 ] && grep -q "Trần Thị Bình" "$tmp/out-$ext/mot.txt" 2>/dev/null && grep -q "Lê Văn Đông" "$tmp/out-$ext/hai.txt" 2>/dev/null; then
    ok
  else
    fail "render --data rows.$ext writes one document per row with its values" "$out"
  fi
done
# A table's sheet that is not there: the spreadsheet reader's reason, in Vietnamese too.
sed 's/^noi_nhan:/  - bang:\n      tep: rows.xlsx\n      trang_tinh: Khong\nnoi_nhan:/' "$tmp/good.yaml" > "$tmp/table.yaml"
out=$("$VANBAN" check --lang vi "$tmp/table.yaml" 2>&1)
expect "the sheet reader's reason in Vietnamese" 'lỗi: .*rows.xlsx: không có trang tính "Khong"; các trang tính là "Dữ liệu"' "$out"
out=$("$VANBAN" check --lang en "$tmp/table.yaml" 2>&1)
expect "the sheet reader's reason in English" 'error: .*rows.xlsx: no sheet "Khong"; the sheets are "Dữ liệu"' "$out"
cp "$tmp/rows.xlsx" "$tmp/rows-xlsx.csv"
out=$("$VANBAN" render --lang en -f txt --data "$tmp/rows-xlsx.csv" --out-dir "$tmp/out-bad" "$tmp/mau.yaml" 2>&1)
expect "an XLSX named .csv is called a spreadsheet" 'rows-xlsx.csv:1:1: error: this is a spreadsheet \(XLSX\)' "$out"
refuse "an XLSX named .csv: not a NUL-byte message" 'NUL' "$out"

# ---- vanban types: columns aligned by display width (Đ, marks) ------------------------------
"$VANBAN" types --lang vi > "$tmp/types.txt"
if python3 - "$tmp/types.txt" <<'PY'
import sys, unicodedata
def width(s):
    return sum(0 if unicodedata.combining(c) or unicodedata.category(c) in ('Mn', 'Me', 'Cf')
               else 2 if unicodedata.east_asian_width(c) in 'WF' else 1 for c in s)
starts = set()
for line in open(sys.argv[1], encoding='utf-8'):
    line = line.rstrip('\n')
    at = line.find('nha_nuoc') if 'nha_nuoc' in line else line.find('dang') if 'dang' in line else line.find('the_thuc')
    starts.add(width(line[:at]))
sys.exit(0 if len(starts) == 1 else 1)
PY
then ok; else fail "vanban types: the third column starts at one display column" "$(cat "$tmp/types.txt")"; fi

# ---- man pages and completions: every option of the code ------------------------------------
DOC=$BUILD/doc
if [ ! -f "$DOC/bash-completion/vanban" ]; then
  fail "the man pages and completions are built ($DOC)"
else
  # Each cmd_NAME.c's long options are in vanban-NAME.1 (both languages) and in the bash and
  # zsh completions for NAME; cmd_info.c's (rules, types) in both of those pages.
  for src in "$ROOT"/gen/cli/cmd_*.c; do
    base=$(basename "$src" .c); name=${base#cmd_}
    case $name in info) pages="rules types" ;; render) pages="render preview" ;; *) pages=$name ;; esac
    for opt in $(grep -oE '\{"[a-z][a-z-]*", (no|required|optional)_argument' "$src" | cut -d'"' -f2); do
      found_page=0
      for page in $pages; do
        for man in "$DOC/man/man1/vanban-$page.1" "$DOC/man/vi/man1/vanban-$page.1"; do
          # roff writes "-" as "\-" and may put \fB…\fR around it.
          if sed 's/\\-/-/g; s/\\f[BIR]//g' "$man" | grep -q -- "--$opt\b"; then found_page=1; fi
        done
      done
      [ $found_page = 1 ] && ok || fail "--$opt ($base.c) is in the man page of vanban ${pages// / or }"
      sect=$(sed -n "/^    $name)\$/,/^        ;;\$/p" "$DOC/bash-completion/vanban")
      [ "$name" = info ] && sect=$(cat "$DOC/bash-completion/vanban")
      printf '%s\n' "$sect" | grep -q -- "--$opt\b" && ok || fail "--$opt ($base.c) is in the bash completion of $name"
      grep -q -- "--$opt\b" "$DOC/zsh/_vanban" && ok || fail "--$opt ($base.c) is in the zsh completion"
    done
  done
  # The values: formats, tone styles, encodings, file types.
  for v in 'docx odt pdf txt' 'text json sarif' 'cu moi giu_nguyen' 'utf-8 tcvn3 vni viqr cp1258' 'csv tsv xlsx ods' 'yaml yml'; do
    grep -q -- "$v" "$DOC/bash-completion/vanban" && ok || fail "bash completion offers $v"
  done
  grep -q 'yaml|yml' "$DOC/zsh/_vanban" && grep -q '(cu moi giu_nguyen)' "$DOC/zsh/_vanban" && ok || fail "zsh completion offers file types and styles"
  bash -n "$DOC/bash-completion/vanban" && ok || fail "the bash completion parses"
  if command -v zsh >/dev/null; then zsh -n "$DOC/zsh/_vanban" && ok || fail "the zsh completion parses"; fi
  # The bash completion at work.
  out=$(bash -c '
    source "$1"
    t() { COMP_WORDS=("$@"); COMP_CWORD=$((${#COMP_WORDS[@]} - 1)); COMPREPLY=(); _vanban; echo "${COMPREPLY[*]}"; }
    t vanban ren; t vanban render -f docx,o; t vanban normalize --dau-thanh m; t vanban check --format=s; t vanban render --enc
  ' _ "$DOC/bash-completion/vanban")
  [ "$out" = $'render\ndocx,odt\nmoi\nsarif\n--encoding' ] && ok || fail "bash completes commands, lists, styles, values, options" "$out"
  # The man pages read as man pages (groff, when it is installed).
  if command -v groff >/dev/null; then
    text=$(groff -k -man -Tutf8 "$DOC/man/vi/man1/vanban-render.1" 2>&1 | sed 's/.\x08//g')
    expect "the Vietnamese man page" 'TÙY CHỌN' "$text"
    expect "the Vietnamese man page, an option" 'kết xuất N văn bản cùng lúc' "$text"
  fi
fi

# ---- meson install --destdir -----------------------------------------------------------------
if [ -f "$BUILD/build.ninja" ] && command -v meson >/dev/null; then
  dest=$tmp/dest
  if out=$(meson install -C "$BUILD" --no-rebuild --destdir "$dest" 2>&1); then
    prefix=$(meson introspect "$BUILD" --buildoptions | python3 -c 'import json,sys; print([o["value"] for o in json.load(sys.stdin) if o["name"] == "prefix"][0])')
    for f in bin/vanban share/man/man1/vanban.1 share/man/man1/vanban-render.1 share/man/man1/vanban-check.1 \
             share/man/vi/man1/vanban.1 share/man/vi/man1/vanban-normalize.1 \
             share/bash-completion/completions/vanban share/zsh/site-functions/_vanban; do
      [ -f "$dest$prefix/$f" ] && ok || fail "meson install --destdir puts $f in place"
    done
  else
    fail "meson install --destdir" "$out"
  fi
else
  echo "skipped: meson install (no build directory at $BUILD)"
fi

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
