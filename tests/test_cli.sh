#!/bin/bash
# The command line as a user meets it: help, version, exit statuses, where output goes, and
# that a failing run never writes or clobbers a file.
set -u
VANBAN=${VANBAN:-build/vanban}
ROOT=${VANBAN_SOURCE_ROOT:-.}
SAMPLE="$ROOT/inputs/tb-ket-luan-bcd-cds-tuyen-quang-2022.yaml"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
passed=0 failed=0

check() { # name, then a command that must succeed
  local name=$1; shift
  if "$@"; then passed=$((passed + 1)); else failed=$((failed + 1)); echo "FAIL: $name"; fi
}
status_is() { # expected status, command...
  local want=$1; shift
  "$@" >"$tmp/out" 2>"$tmp/err"
  local got=$?
  [ "$got" -eq "$want" ] || { echo "  exit $got, expected $want: $*"; cat "$tmp/err"; return 1; }
}

check "--help" status_is 0 "$VANBAN" --help
check "--help lists render" grep -q "render" "$tmp/out"
check "--version" status_is 0 "$VANBAN" --version
check "--version text" grep -Eq '^vanban [0-9]+\.[0-9]+' "$tmp/out"
check "render --help" status_is 0 "$VANBAN" render --help
check "render --help names -o" grep -q -- "--output" "$tmp/out"
check "no command" status_is 2 "$VANBAN"
check "unknown command" status_is 2 "$VANBAN" frobnicate
check "render without file" status_is 2 "$VANBAN" render
check "unknown option" status_is 2 "$VANBAN" render --bogus "$SAMPLE"
check "-o with two inputs" status_is 2 "$VANBAN" render -o "$tmp/x.docx" "$SAMPLE" "$SAMPLE"
check "bad --lang" status_is 2 "$VANBAN" render --lang fr "$SAMPLE"

# Default output: beside the input, .yaml replaced by .docx.
cp "$SAMPLE" "$tmp/plan.yaml"
check "render beside" status_is 0 "$VANBAN" render "$tmp/plan.yaml"
check "plan.docx written" test -s "$tmp/plan.docx"
check "a zip" bash -c "head -c 2 '$tmp/plan.docx' | grep -q PK"
check "no temp file left" bash -c "! ls -A '$tmp' | grep -q '^\\.'"

# Same input, same bytes; SOURCE_DATE_EPOCH changes only the properties.
check "second render" status_is 0 "$VANBAN" render -o "$tmp/again.docx" "$tmp/plan.yaml"
check "byte-identical" cmp -s "$tmp/plan.docx" "$tmp/again.docx"
check "epoch render" status_is 0 env SOURCE_DATE_EPOCH=1700000000 "$VANBAN" render -o "$tmp/epoch.docx" "$tmp/plan.yaml"
check "epoch in core.xml" bash -c "unzip -p '$tmp/epoch.docx' docProps/core.xml | grep -q '2023-11-14T22:13:20Z'"

# --fsync: the same bytes, forced to the disk (the file and its directory) when asked only.
check "--fsync render" status_is 0 "$VANBAN" render --fsync -o "$tmp/synced.docx" "$tmp/plan.yaml"
check "--fsync same bytes" cmp -s "$tmp/plan.docx" "$tmp/synced.docx"
if command -v strace >/dev/null && strace -f -o /dev/null true 2>/dev/null; then
  fsyncs() { strace -f -e trace=fsync -o "$tmp/trace" "$@" >/dev/null 2>&1; grep -c '^.*fsync(' "$tmp/trace"; }
  check "--fsync syncs file and directory" test "$(fsyncs "$VANBAN" render --fsync -o "$tmp/s.docx" "$tmp/plan.yaml")" -eq 2
  check "no fsync by default" test "$(fsyncs "$VANBAN" render -o "$tmp/s.docx" "$tmp/plan.yaml")" -eq 0
fi

# Standard input and standard output.
check "stdin to -o" status_is 0 "$VANBAN" render -o "$tmp/stdin.docx" - < "$tmp/plan.yaml"
check "stdin same bytes" cmp -s "$tmp/plan.docx" "$tmp/stdin.docx"
"$VANBAN" render -o - "$tmp/plan.yaml" > "$tmp/stdout.docx" 2>"$tmp/err"
check "-o - exit 0" test $? -eq 0
check "-o - same bytes" cmp -s "$tmp/plan.docx" "$tmp/stdout.docx"
# A reader that is gone (the closed pipe kills vanban as it copies out) leaves no file behind.
mkdir "$tmp/pipe-tmp"
TMPDIR="$tmp/pipe-tmp" "$VANBAN" render -o - "$tmp/plan.yaml" 2>/dev/null | true
check "closed pipe leaves no temp file" test -z "$(ls -A "$tmp/pipe-tmp")"

# Wrong input: exit 1, a positioned error, nothing written, an existing file untouched.
printf 'the_thuc: nha_nuoc\nloai: BC\nnoi_nhann: []\n' > "$tmp/bad.yaml"
check "bad input exit 1" status_is 1 "$VANBAN" render --lang en "$tmp/bad.yaml"
check "positioned error" grep -q "bad.yaml:3:1: error: unknown key \`noi_nhann\`.*did you mean \`noi_nhan\`" "$tmp/err"
check "no output for bad input" test ! -e "$tmp/bad.docx"
cp "$tmp/plan.docx" "$tmp/keep.docx"
check "bad input -o existing" status_is 1 "$VANBAN" render -o "$tmp/keep.docx" "$tmp/bad.yaml"
check "existing file untouched" cmp -s "$tmp/plan.docx" "$tmp/keep.docx"
check "Vietnamese with LANG=vi_VN.UTF-8" bash -c "LANG=vi_VN.UTF-8 LC_ALL= '$VANBAN' render '$tmp/bad.yaml' 2>&1 | grep -q 'lỗi: khóa không hợp lệ'"
printf 'the_thuc: nha_nuoc\nloai: "BC\n' > "$tmp/syntax.yaml"
check "syntax error exit 1" status_is 1 "$VANBAN" render --lang en "$tmp/syntax.yaml"
check "syntax error positioned" grep -Eq "syntax.yaml:[0-9]+:[0-9]+: error: YAML syntax error" "$tmp/err"
printf 'the_thuc: nha_nuoc\nloai: B\xffC\n' > "$tmp/latin.yaml"
check "invalid UTF-8 exit 1" status_is 1 "$VANBAN" render --lang en "$tmp/latin.yaml"
check "invalid UTF-8 positioned" grep -q "latin.yaml:2:8: error: the file is not valid UTF-8" "$tmp/err"
: > "$tmp/empty.yaml"
check "empty file exit 1" status_is 1 "$VANBAN" render --lang en "$tmp/empty.yaml"
head -c 200000 /dev/urandom > "$tmp/garbage.yaml"
check "binary garbage exit 1" status_is 1 "$VANBAN" render "$tmp/garbage.yaml"

# A table file with a bad row: found while the table is written, reported as `check` does
# (positioned, coded, exit 1), and no output for any format.
REPORT=bc-so-ket-cds-6-thang-bac-giang-2024
cp "$ROOT/inputs/$REPORT.yaml" "$tmp/$REPORT.yaml"
awk 'NR == 6 { cr = sub(/\r$/, ""); $0 = $0 ",thừa" (cr ? "\r" : "") } { print }' "$ROOT/inputs/$REPORT-phu-luc-2.csv" > "$tmp/$REPORT-phu-luc-2.csv"
for fmt in docx odt; do
  check "bad table row ($fmt) exit 1" status_is 1 "$VANBAN" render --lang en -f $fmt "$tmp/$REPORT.yaml"
  check "bad table row ($fmt) positioned" \
    grep -q "^$tmp/$REPORT-phu-luc-2.csv:6:1: error: row has 5 cells but the first row (line 1) has 4 \[TBL-DATA\]$" "$tmp/err"
  check "bad table row ($fmt) no output" test ! -e "$tmp/$REPORT.$fmt"
done
# In Vietnamese, the table reader's reason is Vietnamese too, and so is the label.
check "bad table row (vi) exit 1" status_is 1 env LANG=vi_VN.UTF-8 "$VANBAN" render --lang vi "$tmp/$REPORT.yaml"
check "bad table row (vi) message" \
  grep -q "^$tmp/$REPORT-phu-luc-2.csv:6:1: lỗi: dòng có 5 ô nhưng dòng đầu (dòng 1) có 4 \[TBL-DATA\]$" "$tmp/err"
# The check again reads the rows only: the warnings already given (PL-REF: the body never
# names the appendix) are not repeated.
cp "$ROOT/docs/examples/bao-cao.yaml" "$tmp/unnamed.yaml"
printf 'phu_luc:\n  - tieu_de: Số liệu\n    noi_dung:\n      - bang: {tep: unnamed.csv}\n' >> "$tmp/unnamed.yaml"
printf 'STT,Xã\n1,A,B\n' > "$tmp/unnamed.csv"
check "bad table row, unnamed appendix exit 1" status_is 1 "$VANBAN" render --lang en "$tmp/unnamed.yaml"
check "PL-REF said once" test "$(grep -c 'PL-REF' "$tmp/err")" -eq 1
check "TBL-DATA said once" test "$(grep -c 'unnamed.csv:2:1: error: .*TBL-DATA' "$tmp/err")" -eq 1

# I/O errors: exit 3.
check "missing input exit 3" status_is 3 "$VANBAN" render "$tmp/nope.yaml"
check "unwritable dir exit 3" status_is 3 "$VANBAN" render -o "$tmp/no/such/dir/x.docx" "$tmp/plan.yaml"
check "template dir missing exit 3" status_is 3 "$VANBAN" render --template "$tmp/none" "$tmp/plan.yaml"

# Inputs over 64 MiB are refused before they are read (a file) or as they are (a pipe): exit 1.
truncate -s 67108864 "$tmp/huge.yaml"
check "64 MiB file refused" status_is 1 "$VANBAN" render -o "$tmp/huge.docx" "$tmp/huge.yaml"
check "64 MiB file: why" grep -q "larger than 64 MiB" "$tmp/err"
check "64 MiB pipe refused" bash -c "head -c 67108864 /dev/zero | '$VANBAN' render -o '$tmp/huge.docx' - 2>'$tmp/err'; test \$? = 1 && grep -q 'larger than 64 MiB' '$tmp/err'"
check "nothing written for it" test ! -e "$tmp/huge.docx"
truncate -s 1000 "$tmp/huge.yaml"
check "a small file of NULs is read, then refused" status_is 1 "$VANBAN" render -o "$tmp/huge.docx" "$tmp/huge.yaml"
check "refused for its NULs" grep -q "1:1: error: .*0x00.*INPUT-UTF8" "$tmp/err"
rm -f "$tmp/huge.yaml"

# Several inputs: each rendered; the worst status wins.
cp "$tmp/plan.yaml" "$tmp/two.yaml"
check "two inputs, one bad" status_is 1 "$VANBAN" render "$tmp/two.yaml" "$tmp/bad.yaml"
check "good one still rendered" test -s "$tmp/two.docx"

# Formats: by -o's extension, several with --format, ODT is an ODF package.
check "-o x.odt" status_is 0 "$VANBAN" render -o "$tmp/plan.odt" "$tmp/plan.yaml"
check "ODT mimetype" bash -c "unzip -p '$tmp/plan.odt' mimetype | grep -qx 'application/vnd.oasis.opendocument.text'"
cp "$tmp/plan.yaml" "$tmp/both.yaml"
check "--format docx,odt,txt" status_is 0 "$VANBAN" render --format docx,odt,txt "$tmp/both.yaml"
check "both written" bash -c "test -s '$tmp/both.docx' && test -s '$tmp/both.odt' && test -s '$tmp/both.txt'"
check "-o with two formats refused" status_is 2 "$VANBAN" render -f docx,odt -o "$tmp/x.docx" "$tmp/plan.yaml"
# A DOCX under an .odt name opens in neither program as its name promises.
check "-o out.odt with -f docx refused" status_is 2 "$VANBAN" render --lang en -f docx -o "$tmp/x.odt" "$tmp/plan.yaml"
check "... saying why" grep -q "ends in .odt, but --format asks for docx" "$tmp/err"
check "... nothing written" test ! -e "$tmp/x.odt"
check "-o in capitals names the format too" status_is 0 "$VANBAN" render -o "$tmp/X.ODT" "$tmp/plan.yaml"
check "... an ODT" bash -c "unzip -p '$tmp/X.ODT' mimetype | grep -qx 'application/vnd.oasis.opendocument.text'"
check "unknown format" status_is 2 "$VANBAN" render -f rtf "$tmp/plan.yaml"

# A biên bản's header has no place-and-date line (NĐ30 Mẫu 1.9); a báo cáo's has.
sed 's/^loai: BC.*/loai: BB/; s/^ky_hieu: BC-/ky_hieu: BB-/' "$ROOT/docs/examples/bao-cao.yaml" > "$tmp/bb.yaml"
check "biên bản rendered" status_is 0 "$VANBAN" render -f txt -o "$tmp/bb.txt" "$tmp/bb.yaml"
check "... its header has no date line" bash -c "! head -8 '$tmp/bb.txt' | grep -q 'ngày 12 tháng 12 năm 2024'"
check "... its number and title are there" bash -c "grep -q '^Số: 215/BB-UBND' '$tmp/bb.txt' && grep -qx 'BIÊN BẢN' '$tmp/bb.txt'"
check "a báo cáo's header has it" bash -c "'$VANBAN' render -f txt -o - '$ROOT/docs/examples/bao-cao.yaml' 2>/dev/null | head -8 | grep -q '^Lạng Giang, ngày 12 tháng 12 năm 2024'"

# A long Nơi nhận: the first lines beside the signature, the rest under it in the same
# column, free to run onto the next page (the signature table's row never splits, so the
# whole list would otherwise push the signature away from the body).
python3 - "$ROOT/docs/examples/cong-van.yaml" "$tmp/nn.yaml" <<'PY'
import sys
lines = open(sys.argv[1], encoding="utf-8").read().split("\n")
at = lines.index("  - Chủ tịch, các PCT UBND tỉnh")
extra = ["  - Sở ngành số %d" % i for i in range(1, 31)]
open(sys.argv[2], "w", encoding="utf-8").write("\n".join(lines[:at] + extra + lines[at:]))
PY
check "long Nơi nhận rendered" status_is 0 "$VANBAN" render -o "$tmp/nn.docx" "$tmp/nn.yaml"
check "... 12 recipients beside the signature, the other 23 under it, narrowed to its column" python3 - "$tmp/nn.docx" <<'PY'
import re, sys, zipfile
xml = zipfile.ZipFile(sys.argv[1]).read("word/document.xml").decode()
body = xml[xml.index("<w:body>"):]
last_table = body.rindex("<w:tbl>")
table, after = body[last_table:body.index("</w:tbl>", last_table)], body[body.index("</w:tbl>", last_table):]
text = lambda s: ["".join(re.findall(r"<w:t[^>]*>([^<]*)</w:t>", p)) for p in re.findall(r"<w:p[ >].*?</w:p>", s)]
beside = [t for t in text(table) if t.startswith("- ")]
under = [t for t in text(after) if t.startswith("- ")]
assert len(beside) == 12 and beside[0] == "- Như trên;", beside
assert len(under) == 23 and under[-1].startswith("- Lưu: VT, KGVX"), under
assert all(re.search(r'<w:ind [^>]*w:right="[1-9]', p) for p in re.findall(r"<w:p[ >].*?</w:p>", after) if "- " in p)
PY
# Two lines are not left alone under the table (recipients_fewest_under): 14 recipients all
# stand beside the signature; with 15, three go under it.
for extra in 9 10; do
  python3 - "$ROOT/docs/examples/cong-van.yaml" "$tmp/nn$extra.yaml" "$extra" <<'PY'
import sys
lines = open(sys.argv[1], encoding="utf-8").read().split("\n")
at = lines.index("  - Chủ tịch, các PCT UBND tỉnh")
extra = ["  - Sở ngành số %d" % i for i in range(1, int(sys.argv[3]) + 1)]
open(sys.argv[2], "w", encoding="utf-8").write("\n".join(lines[:at] + extra + lines[at:]))
PY
  "$VANBAN" render -o "$tmp/nn$extra.docx" "$tmp/nn$extra.yaml" 2>/dev/null
done
check "... 14 recipients all beside the signature, 15 leave three under it" python3 - "$tmp/nn9.docx" "$tmp/nn10.docx" <<'PY'
import re, sys, zipfile
def split(path):
    xml = zipfile.ZipFile(path).read("word/document.xml").decode()
    body = xml[xml.index("<w:body>"):]
    last = body.rindex("<w:tbl>")
    end = body.index("</w:tbl>", last)
    text = lambda s: ["".join(re.findall(r"<w:t[^>]*>([^<]*)</w:t>", p)) for p in re.findall(r"<w:p[ >].*?</w:p>", s)]
    return ([t for t in text(body[last:end]) if t.startswith("- ")], [t for t in text(body[end:]) if t.startswith("- ")])
beside, under = split(sys.argv[1])
assert (len(beside), len(under)) == (14, 0), (len(beside), len(under))
beside, under = split(sys.argv[2])
assert (len(beside), len(under)) == (12, 3), (len(beside), len(under))
PY

# A file table whose `cot` names every column: those names are its header, the file's one
# header row is left out; with dong_tieu_de: 0 the file has none and every row is data.
printf 'STT,Hạng mục,Diện tích\n,Nhà ở,1200\n' > "$tmp/dt.csv"
for h in 1 0; do
  sed "s/^noi_dung:/noi_dung:\n  - bang: {tep: dt.csv, dong_tieu_de: $h, cot: [{ten: STT, stt: true}, Tên hạng mục, 'Diện tích (m²)']}/" \
      "$ROOT/docs/examples/bao-cao.yaml" > "$tmp/dt$h.yaml"
  check "cot names over a file (dong_tieu_de: $h)" status_is 0 "$VANBAN" render -f txt -o "$tmp/dt$h.txt" "$tmp/dt$h.yaml"
  check "... the header is cot's" grep -qx "$(printf 'STT\tTên hạng mục\tDiện tích (m²)')" "$tmp/dt$h.txt"
done
check "... the file's header row left out under dong_tieu_de: 1" bash -c "! grep -q 'Hạng mục	Diện tích$' '$tmp/dt1.txt' && grep -qx '1	Nhà ở	1200' '$tmp/dt1.txt'"
check "... and kept as data under dong_tieu_de: 0" grep -qx "$(printf 'STT\tHạng mục\tDiện tích')" "$tmp/dt0.txt"

# PDF without LibreOffice: a clear error, exit 3, no file.
check "pdf without LibreOffice" status_is 3 env VANBAN_SOFFICE=/nonexistent/soffice PATH=/nonexistent "$VANBAN" render -o "$tmp/nolo.pdf" "$tmp/plan.yaml"
check "names LibreOffice" grep -q "LibreOffice" "$tmp/err"
check "no pdf written" test ! -e "$tmp/nolo.pdf"
if command -v soffice >/dev/null && command -v pdftoppm >/dev/null; then
  check "render -o x.pdf" status_is 0 "$VANBAN" render -o "$tmp/plan.pdf" "$tmp/plan.yaml"
  check "a PDF" bash -c "head -c 5 '$tmp/plan.pdf' | grep -q '%PDF-'"
  check "preview" status_is 0 "$VANBAN" preview "$tmp/plan.yaml"
  check "page images" bash -c "test -s '$tmp/plan-1.png' && test -s '$tmp/plan-2.png'"
  check "no preview pdf left" test ! -e "$tmp/plan.preview.pdf"
else
  echo "skip: LibreOffice or pdftoppm not installed (PDF and preview)"
fi

# ô 10a, 10b: độ mật above độ khẩn under the number, boxed, in both formats.
sed 's/^loai: TB/loai: TB\ndo_mat: toi_mat\ndo_khan: hoa_toc/' "$tmp/plan.yaml" > "$tmp/marks.yaml"
check "marks render" status_is 0 "$VANBAN" render -f docx,odt,txt "$tmp/marks.yaml"
check "marks in reading order" bash -c "grep -A2 '^Số: 120/TB-UBND' '$tmp/marks.txt' | tr '\n' '|' | grep -q 'Số: 120/TB-UBND|TỐI MẬT|HỎA TỐC|'"
check "HỎA TỐC boxed 30 mm in DOCX" bash -c "unzip -p '$tmp/marks.docx' word/document.xml | grep -o '<w:p><w:pPr><w:pStyle w:val=\"VbDoKhan\"/><w:pBdr><w:top[^>]*/><w:left[^>]*/><w:bottom[^>]*/><w:right[^>]*/></w:pBdr>' | grep -q ."
check "marks red in DOCX styles" bash -c "unzip -p '$tmp/marks.docx' word/styles.xml | grep -o 'w:styleId=\"VbDoKhan\".*' | grep -q 'w:color w:val=\"FF0000\"'"
check "marks boxed in ODT" bash -c "unzip -p '$tmp/marks.odt' content.xml | grep -q 'fo:border=\"0.75pt solid #000000\"'"
printf 'the_thuc: nha_nuoc\ndo_khan: gap\n' > "$tmp/badmark.yaml"
check "unknown mark value" status_is 1 "$VANBAN" render --lang en "$tmp/badmark.yaml"
check "lists the values" grep -q "use one of: khan, thuong_khan, hoa_toc" "$tmp/err"

# Batch: directories, --out-dir mirroring the tree, a bad file among good ones, -j.
mkdir -p "$tmp/tree/a/b" "$tmp/tree/c" "$tmp/elsewhere"
cp "$tmp/plan.yaml" "$tmp/tree/a/one.yaml"
cp "$tmp/plan.yaml" "$tmp/tree/a/b/two.yaml"
cp "$tmp/plan.yaml" "$tmp/tree/c/three.yml"
cp "$tmp/bad.yaml" "$tmp/tree/c/broken.yaml"
check "batch exit 1 with a bad file" status_is 1 "$VANBAN" render -j2 --out-dir "$tmp/batch-j2" "$tmp/tree"
check "batch summary" grep -q "3 of 4 documents rendered" "$tmp/err"
check "bad file named with its position" grep -q "broken.yaml:3:1: error" "$tmp/err"
check "tree mirrored" bash -c "test -s '$tmp/batch-j2/a/one.docx' && test -s '$tmp/batch-j2/a/b/two.docx' && test -s '$tmp/batch-j2/c/three.docx'"
check "nothing for the bad file" test ! -e "$tmp/batch-j2/c/broken.docx"
check "nothing written beside the inputs" test ! -e "$tmp/tree/a/one.docx"
check "batch -j1" status_is 1 "$VANBAN" render -j1 --out-dir "$tmp/batch-j1" "$tmp/tree"
check "-j1 and -j2 give the same files" diff -r "$tmp/batch-j2" "$tmp/batch-j1"
cp "$tmp/plan.yaml" "$tmp/elsewhere/up.yaml"
check "a ../ path stays inside --out-dir" status_is 0 "$VANBAN" render --out-dir "$tmp/batch-up" "$tmp/tree/../elsewhere/up.yaml"
check "written under --out-dir by its name" test -s "$tmp/batch-up/up.docx"
check "bad -j" status_is 2 "$VANBAN" render -j 0 "$tmp/plan.yaml"
check "-o with a directory" status_is 2 "$VANBAN" render -o "$tmp/x.docx" "$tmp/tree"
check "-o with --out-dir" status_is 2 "$VANBAN" render -o "$tmp/x.docx" --out-dir "$tmp/o" "$tmp/plan.yaml"

# A document rendered alone and the same document in a batch of -j2 (documents read side by
# side): the same bytes, for every sample input.
check "samples as a batch" status_is 0 "$VANBAN" render -j2 --out-dir "$tmp/samples" "$VANBAN_SOURCE_ROOT/inputs"
for f in "$VANBAN_SOURCE_ROOT"/inputs/*.yaml; do
    n=$(basename "$f" .yaml)
    check "$n: alone as in a batch" bash -c "'$VANBAN' render -o '$tmp/alone-$n.docx' '$f' 2>/dev/null && cmp -s '$tmp/alone-$n.docx' '$tmp/samples/$n.docx'"
done

# One template, many data rows (render --data): {{column}} filled inside the texts.
sed -e 's/^co_quan:.*/co_quan: [ỦY BAN NHÂN DÂN, "HUYỆN {{huyen}}"]/' -e 's/^so: .*/so: "{{so}}"/' "$tmp/plan.yaml" > "$tmp/mau.yaml"
printf 'ten_tep,huyen,so\nlang-giang,Lạng Giang,12\n../../escape,"Lục Nam: ""A""",13\n,Yên Thế,14\n' > "$tmp/rows.csv"
check "--data renders one per row" status_is 0 "$VANBAN" render --data "$tmp/rows.csv" -f docx,txt --out-dir "$tmp/rows-out" "$tmp/mau.yaml"
check "--data summary" grep -q "3 of 3 documents rendered" "$tmp/err"
check "named by ten_tep" grep -q "^HUYỆN LẠNG GIANG$" "$tmp/rows-out/lang-giang.txt"
check "number filled" grep -q "^Số: 12/TB-UBND$" "$tmp/rows-out/lang-giang.txt"
check "a value with ': ' and quotes stays text" grep -q '^HUYỆN LỤC NAM: "A"$' "$tmp/rows-out/escape.txt"
check "a name from data cannot leave the directory" bash -c "test -s '$tmp/rows-out/escape.docx' && ! ls '$tmp' | grep -qx escape.docx"
check "row number when ten_tep is empty" test -s "$tmp/rows-out/003.docx"
printf 'huyen\nA\n' > "$tmp/short.csv"
check "--data unknown column exit 1" status_is 1 "$VANBAN" render --lang en --data "$tmp/short.csv" --out-dir "$tmp/rows-bad" "$tmp/mau.yaml"
check "unknown column positioned" grep -q "mau.yaml:[0-9]*:[0-9]*: error: the data has no column \`so\` (its columns: huyen) \[YAML-VAR\]" "$tmp/err"
printf 'huyen,so\nA,1\nB\n' > "$tmp/ragged.csv"
check "--data ragged row exit 1" status_is 1 "$VANBAN" render --data "$tmp/ragged.csv" --out-dir "$tmp/rows-bad" "$tmp/mau.yaml"
check "ragged row positioned, with its rule" grep -q "ragged.csv:3:1: error: .* \\[TBL-DATA\\]$" "$tmp/err"
check "--data with -o refused" status_is 2 "$VANBAN" render --data "$tmp/rows.csv" -o "$tmp/x.docx" "$tmp/mau.yaml"

check "types" status_is 0 "$VANBAN" types
check "types lists QyĐ" grep -q "QyĐ" "$tmp/out"

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
