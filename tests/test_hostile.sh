#!/bin/bash
# A careless or hostile run must not destroy or lose files, exhaust memory or hang
# (docs/limits.md): special files and inputs as outputs, temporary files after SIGKILL,
# links, closed streams, --out-dir links, --data duplicates, bad dates, empty required keys,
# aliases, FIFOs and large files as tables.
set -u
VANBAN=${VANBAN:-build/vanban}
SRC=${VANBAN_SOURCE_ROOT:-.}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cd "$tmp" || exit 1
passed=0 failed=0
check() {
  local name=$1; shift
  if "$@"; then passed=$((passed + 1)); else failed=$((failed + 1)); echo "FAIL: $name"; fi
}
status_is() {
  local want=$1; shift
  "$@" >"$tmp/out" 2>"$tmp/err"
  local got=$?
  [ "$got" -eq "$want" ] || { echo "  exit $got, expected $want: $*"; cat "$tmp/err"; return 1; }
}
err_or_out_has() { cat "$tmp/out" "$tmp/err" | grep -q -- "$1" || { echo "  output lacks '$1':"; cat "$tmp/out" "$tmp/err"; return 1; }; }
err_has() { grep -q -- "$1" "$tmp/err" || { echo "  stderr lacks '$1':"; cat "$tmp/err"; return 1; }; }
no_temp_files() {
  local left
  left=$(find "$1" -name '*.vanban-tmp-*' -o -name '*.tmp-*' -o -name '.*.docx.*' -o -name '.*.odt.*')
  [ -z "$left" ] || { echo "  left behind: $left"; return 1; }
}
cp "$SRC/docs/examples/cong-van.yaml" doc.yaml
# Under a sanitizer memory is not what a user's run takes, and ulimit -v stops ASan itself.
sanitized=0
# gcc links the sanitizers' libraries; clang links them in: look for their entry points too.
ldd "$VANBAN" 2>/dev/null | grep -q -E 'lib(a|t|ub)san' && sanitized=1
grep -q -a -E '__(asan|tsan)_init' "$VANBAN" && sanitized=1

# 1. -o naming a FIFO or a character device writes into it; the node stays what it was.
# (Only nodes made here: a faulty build run as root would replace /dev/null itself.)
mkfifo fifo
cat fifo > from-fifo &
reader=$!
check "-o FIFO: rendered" status_is 0 "$VANBAN" render doc.yaml -o fifo -f docx
test -p fifo || kill $reader 2>/dev/null # replaced by a file: nobody will ever write to it
wait $reader
check "-o FIFO: still a FIFO" test -p fifo
check "-o FIFO: the DOCX went through it" test "$(head -c 2 from-fifo)" = "PK"
if [ "$(id -u)" -eq 0 ]; then
  mknod null-device c 1 3
  check "-o char device: rendered" status_is 0 "$VANBAN" render doc.yaml -o null-device -f odt
  check "-o char device: still a device" test -c null-device
else
  echo "skipped: a character device as -o (needs root for mknod)"
fi
python3 -c 'import socket; s = socket.socket(socket.AF_UNIX); s.bind("sock")'
check "-o socket: refused" status_is 3 "$VANBAN" render doc.yaml -o sock -f docx
check "-o socket: says why" err_has "is a socket"
check "-o socket: still a socket" test -S sock

# 2. An output that is an input (same file by any path) is refused before anything is written.
cp doc.yaml a.yaml
check "-o the input: refused" status_is 2 "$VANBAN" render a.yaml -o a.yaml
check "-o the input: untouched" cmp -s a.yaml doc.yaml
ln -s a.yaml link.docx
ln a.yaml hard.docx
check "-o a symlink to the input: refused" status_is 2 "$VANBAN" render a.yaml -o link.docx
check "-o a hard link to the input: refused" status_is 2 "$VANBAN" render a.yaml -o hard.docx
check "-o ./a.yaml via another path: refused" status_is 2 "$VANBAN" render a.yaml -o "$tmp/./a.yaml" -f txt
check "the input survived" cmp -s a.yaml doc.yaml
check "says which input" err_has "same file as the input a.yaml"
mkdir -p tabdir
printf 'A,B\n1,2\n' > tabdir/t.csv
sed 's/^noi_dung:/noi_dung:\n  - bang: {tep: tabdir\/t.csv, dong_tieu_de: 1}/' doc.yaml > tab.yaml
check "-o a table of the document: refused" status_is 2 "$VANBAN" render tab.yaml -o tabdir/t.csv -f txt
check "the table survived" test "$(cat tabdir/t.csv)" = "$(printf 'A,B\n1,2')"
check "standard output appended to the input: refused" status_is 2 bash -c "'$VANBAN' render a.yaml -o - -f txt >> a.yaml"
check "the input survived >>" cmp -s a.yaml doc.yaml

# 6. SOURCE_DATE_EPOCH: a valid one is the creation date; anything else is refused.
check "epoch 0" status_is 0 env SOURCE_DATE_EPOCH=0 "$VANBAN" render doc.yaml -o e.docx
check "epoch 0 in core.xml" bash -c "unzip -p e.docx docProps/core.xml | grep -q '>1970-01-01T00:00:00Z<'"
check "epoch at the end of 9999" status_is 0 env SOURCE_DATE_EPOCH=253402300799 "$VANBAN" render doc.yaml -o e.odt
check "epoch 9999 in meta.xml" bash -c "unzip -p e.odt meta.xml | grep -q '9999-12-31T23:59:59'"
for bad in 9223372036854775807 253402300800 -1 abc 12x " 5"; do
  rm -f bad.docx
  check "epoch '$bad' refused" status_is 2 env SOURCE_DATE_EPOCH="$bad" "$VANBAN" render doc.yaml -o bad.docx
  check "epoch '$bad': nothing written" test ! -e bad.docx
done
check "the refusal says what it takes" err_has "SOURCE_DATE_EPOCH"

# 7. Temporary files: none named while writing where the file system allows; a stale one of
# ours (unlocked, old) is removed by the next run in that directory; a locked, a fresh or
# a foreign-looking one is left alone.
mkdir -p stale
touch -d '2 hours ago' stale/.x.docx.vanban-tmp-AbC123
touch stale/.y.docx.vanban-tmp-Fresh1
touch -d '2 hours ago' stale/.z.docx.vanban-tmp-Locked stale/.w.docx.XXXXXX stale/keep.txt
exec 8<stale/.z.docx.vanban-tmp-Locked
flock -x 8
check "a run in that directory" status_is 0 "$VANBAN" render doc.yaml -o stale/out.docx
exec 8<&-
check "stale temp removed" test ! -e stale/.x.docx.vanban-tmp-AbC123
check "fresh temp kept" test -e stale/.y.docx.vanban-tmp-Fresh1
check "locked temp kept" test -e stale/.z.docx.vanban-tmp-Locked
check "other files kept" test -e stale/.w.docx.XXXXXX -a -e stale/keep.txt
# SIGKILL while a large output is written leaves nothing (O_TMPFILE), over several trials.
python3 - > big.yaml <<'PY'
import sys
src = open("doc.yaml", encoding="utf-8").read()
para = "Nội dung thử nghiệm rất dài để tệp kết quả lớn. " * 40
body = "\n".join("  - " + para for _ in range(4000))
print(src.replace("noi_dung:\n", "noi_dung:\n" + body + "\n", 1))
PY
mkdir -p killed
for trial in 1 2 3 4 5 6; do
  for fmt in docx odt txt; do
    "$VANBAN" render big.yaml -o killed/big.$fmt >/dev/null 2>&1 &
    pid=$!
    sleep 0.$((trial * 7 % 10))
    kill -9 $pid 2>/dev/null
    wait $pid 2>/dev/null
  done
done
check "SIGKILL leaves no temporary file" no_temp_files killed

# 10. A closed or failing standard output is exit 3 with a message, never 0.
exec 9>/dev/full
"$VANBAN" check doc.yaml >&9 2>"$tmp/err"
check "check > /dev/full: exit 3" test $? -eq 3
check "check > /dev/full: says so" err_has "standard output"
mkdir closed
(cd closed && "$VANBAN" render ../doc.yaml -o - -f docx >&- 2>"$tmp/err")
check "render -o - with stdout closed: exit 3" test $? -eq 3
check "no file took the closed descriptor" test -z "$(ls -A closed)"
"$VANBAN" --version >&9 2>/dev/null
check "--version > /dev/full: exit 3" test $? -eq 3
exec 9>&-

# 13. --out-dir never follows a symbolic link inside it.
mkdir -p outside outd src/a
cp doc.yaml src/d.yaml
cp doc.yaml src/a/d.yaml
ln -s ../outside outd/a
check "--out-dir with a link inside: an error" status_is 3 "$VANBAN" render --out-dir outd src
check "nothing written through the link" test -z "$(ls outside)"
check "says it is a link" err_has "symbolic link inside outd"
check "the other document rendered" test -f outd/d.docx
ln -s ../outside outd/d2.docx
cp doc.yaml src/d2.yaml
check "an output name that is a link" status_is 3 "$VANBAN" render --out-dir outd src
check "the link was replaced, not followed" test ! -L outd/d2.docx -a -f outd/d2.docx -a -z "$(ls outside)"

# 8. normalize writes through a symbolic link to its target; a file with hard links is refused.
printf 'loai: BC\ntrich_yeu: "Tỉnh uỷ  họp"\n' > target.yaml
ln -s target.yaml sym.yaml
check "normalize a symlink" status_is 0 "$VANBAN" normalize sym.yaml
check "the link stays a link" test -L sym.yaml
check "its target is normalized" grep -q 'Tỉnh ủy họp' target.yaml
printf 'loai: BC\ntrich_yeu: "Tỉnh uỷ  họp"\n' > linked.yaml
cp linked.yaml linked.orig
ln linked.yaml linked2.yaml
check "normalize a file with two hard links: refused" status_is 2 "$VANBAN" normalize --lang en linked.yaml
check "says why" err_has "2 hard links"
check "the hard links still agree, untouched" bash -c "cmp -s linked.yaml linked.orig && test linked.yaml -ef linked2.yaml"
check "-o the same file through a link is in place too" status_is 2 "$VANBAN" normalize linked.yaml -o linked2.yaml
check "-o elsewhere is fine" status_is 0 "$VANBAN" normalize linked.yaml -o copy.yaml
check "the copy is normalized" grep -q 'Tỉnh ủy họp' copy.yaml

# 9. --data: two rows naming one output are refused, both rows named, before any writing.
printf 'ten_tep,so\nmot,1\nhai,2\nmot,3\n' > rows.csv
check "--data duplicate names: refused" status_is 1 "$VANBAN" render --data rows.csv --out-dir dataout doc.yaml
check "names both rows" err_has "rows.csv:4: error: .*'mot'.*rows.csv:2"
check "nothing written" test ! -e dataout
printf 'ten_tep,so\nmot,1\nhai,2\n' > rows.csv
check "--data distinct names" status_is 0 "$VANBAN" render --data rows.csv --out-dir dataout doc.yaml
check "two files for two rows" test "$(ls dataout | wc -l)" -eq 2

# 4. Required keys given empty, null or as a boolean/number are errors with their position.
line_of() { grep -n "^$1:" doc.yaml | head -1 | cut -d: -f1; }
loai_line=$(line_of loai)
body_line=$(line_of noi_dung)
for v in '""' '~' "''"; do
  sed "s/^loai: .*/loai: $v/" doc.yaml > empty.yaml
  check "loai: $v is an error" status_is 1 "$VANBAN" check --lang en empty.yaml
  check "loai: $v positioned" err_or_out_has "empty.yaml:$loai_line:7: error: \`loai\` is empty"
  check "loai: $v not rendered" status_is 1 "$VANBAN" render empty.yaml -o empty.docx
done
for v in '~' 'true' '12345' '""' '[]' 'off' '-1.5'; do
  python3 - "$v" <<'PY'
import re, sys
s = open("doc.yaml", encoding="utf-8").read()
s = re.sub(r"^noi_dung:.*?(?=^\S)", "noi_dung: " + sys.argv[1] + "\n", s, flags=re.S | re.M)
open("nobody.yaml", "w", encoding="utf-8").write(s)
PY
  check "noi_dung: $v is an error" status_is 1 "$VANBAN" check --lang en nobody.yaml
  check "noi_dung: $v positioned" err_or_out_has "nobody.yaml:$body_line:11: error: \`noi_dung\`"
done
sed 's/^noi_dung:.*/noi_dung: "12345"/' doc.yaml | python3 -c '
import re, sys; s = sys.stdin.read()
print(re.sub(r"^noi_dung:.*?(?=^\S)", "noi_dung: \"Văn bản 12345\"\n", s, flags=re.S | re.M), end="")' > quoted.yaml
check "noi_dung as a quoted text is fine" status_is 0 "$VANBAN" check --lang en quoted.yaml

# 3. Aliases are limited by the bytes of text they repeat, not by nodes: a 2 MiB scalar
# used 300 times is refused at the alias that passes the limit, in little memory.
peak_kb() { # peak resident memory of a command, in KiB; its exit status in $tmp/rc
  python3 -c '
import resource, subprocess, sys
rc = subprocess.call(sys.argv[2:], stdout=subprocess.DEVNULL, stderr=open(sys.argv[1], "w"))
open(sys.argv[1] + ".rc", "w").write(str(rc))
print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)' "$tmp/err" "$@"
}
python3 - <<'PY'
import re
s = open("doc.yaml", encoding="utf-8").read()
body = 'noi_dung:\n  - &big "' + "x" * (2 << 20) + '"\n' + "  - *big\n" * 300
open("alias.yaml", "w", encoding="utf-8").write(re.sub(r"^noi_dung:.*?(?=^\S)", body, s, flags=re.S | re.M))
PY
kb=$(peak_kb "$VANBAN" check --lang en alias.yaml)
check "alias text bomb: an error" test "$(cat "$tmp/err.rc")" -eq 1
check "alias text bomb: positioned" bash -c "'$VANBAN' check --lang en alias.yaml | grep -q '^alias.yaml:[0-9]*:5: error: aliases repeat too much text.*YAML-ALIAS'"
[ $sanitized -eq 1 ] || check "alias text bomb: under 150 MB (used ${kb} KiB)" test "$kb" -lt 150000

# "Also seen": a 10 MB paragraph took 22 times its size to check (a per-byte map of the
# typography passes); now a few times.
python3 - <<'PY'
import re
s = open("doc.yaml", encoding="utf-8").read()
para = ("Hoàn thành chỉ tiêu chuyển đổi số của huyện. " * (8 * 1024 * 1024 // 50)).rstrip()
open("big-para.yaml", "w", encoding="utf-8").write(
    re.sub(r"^noi_dung:.*?(?=^\S)", 'noi_dung:\n  - "' + para + '"\n', s, flags=re.S | re.M))
PY
kb=$(peak_kb "$VANBAN" check --lang en big-para.yaml)
check "10 MB paragraph checked" test "$(cat "$tmp/err.rc")" -eq 0
if [ $sanitized -eq 1 ]; then
  echo "skipped: memory bounds and ulimit -v under a sanitizer"
else
  check "10 MB paragraph: under 120 MB to check (used ${kb} KiB)" test "$kb" -lt 120000
  # Out of memory anyway: exit 3 with a message, never an abort.
  (ulimit -v 90000; "$VANBAN" check --lang en big-para.yaml >/dev/null 2>"$tmp/err"; echo $? > "$tmp/oom.rc")
  check "out of memory: exit 3 ($(cat "$tmp/oom.rc"))" test "$(cat "$tmp/oom.rc")" -eq 3
  check "out of memory: says so" err_has "out of memory"
fi

# "Also seen": a FIFO or a device as a table is refused at once, at the tep: value; a file
# over 64 MiB is refused with the position where it passes the limit.
mkfifo table.csv table.xlsx
for t in table.csv table.xlsx; do
  sed "s/^noi_dung:/noi_dung:\n  - bang: {tep: $t, dong_tieu_de: 1}/" doc.yaml > fifo-table.yaml
  tep_line=$(grep -n "tep: $t" fifo-table.yaml | cut -d: -f1)
  check "tep: FIFO $t refused, no hang" status_is 1 timeout 60 "$VANBAN" render --lang en fifo-table.yaml -o ft.docx
  check "tep: FIFO $t positioned" err_has "fifo-table.yaml:$tep_line:17: error: .*is a FIFO"
done
ln -s /dev/zero zero.csv
sed "s/^noi_dung:/noi_dung:\n  - bang: {tep: zero.csv, dong_tieu_de: 1}/" doc.yaml > dev-table.yaml
check "tep: a device refused" status_is 1 timeout 60 "$VANBAN" check --lang en dev-table.yaml
check "tep: a device named" err_or_out_has "is a character device"
python3 -c '
import sys
with open("huge.yaml", "w") as f:
    f.write("loai: BC\n")
    line = "# " + "x" * 1021 + "\n"
    for _ in range(66000):
        f.write(line)'
check "a 64 MiB file refused" status_is 1 "$VANBAN" check --lang en huge.yaml
check "... at the byte that passes the limit" err_or_out_has "huge.yaml:65537:1016: error: the file is larger than 64 MiB.*INPUT-SIZE"
check "... from standard input too" status_is 1 bash -c "'$VANBAN' check --lang en - < huge.yaml"
check "... positioned there too" err_or_out_has "<stdin>:65537:1016: error: "
rm -f huge.yaml
# A spreadsheet row the table cannot lay out was reported as "wide.xlsx: error: …", with no
# cell and no YAML position: now at the tep: value, with the sheet's row.
python3 - <<'PY'
import zipfile
ns = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
wb = ('<workbook xmlns="%s" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
      '<sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>' % ns)
rels = ('<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
        'relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>')
sheet = ('<worksheet xmlns="%s"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>A</t></is></c></row>'
         '<row r="2"><c r="A2"><v>1</v></c></row><row r="5"><c r="A5"><v>1</v></c><c r="B5"><v>2</v></c>'
         '</row></sheetData></worksheet>' % ns)
with zipfile.ZipFile("wide.xlsx", "w") as z:
    z.writestr("xl/workbook.xml", wb)
    z.writestr("xl/_rels/workbook.xml.rels", rels)
    z.writestr("xl/worksheets/sheet1.xml", sheet)
PY
sed "s/^noi_dung:/noi_dung:\n  - bang: {tep: wide.xlsx, dong_tieu_de: 1, cot: [{ten: A}]}/" doc.yaml > wide.yaml
tep_line=$(grep -n "tep: wide.xlsx" wide.yaml | cut -d: -f1)
check "a sheet row wider than the table: an error" status_is 1 "$VANBAN" check --lang en wide.yaml
check "... at the tep: value, with the sheet row" err_or_out_has "wide.yaml:$tep_line:17: error: the row has more cells than the table has columns (1) (wide.xlsx, sheet row 5)"

# A table is bounded by rows and cells whatever its source.
python3 -c '
with open("many.csv", "w") as f:
    f.write("A,B\n")
    for i in range(1048600):
        f.write("%d,x\n" % i)'
sed "s/^noi_dung:/noi_dung:\n  - bang: {tep: many.csv, dong_tieu_de: 1}/" doc.yaml > many.yaml
check "a table over 1048576 rows refused" status_is 1 "$VANBAN" render --lang en many.yaml -o many.txt
check "... at the row that passes it" err_has "many.csv:1048577:1: error: the table passes the limit of 1048576 rows"
check "... nothing written" test ! -e many.txt
rm -f many.csv

# Control characters: a YAML escape ("\v", Word's line break, "\a") or a byte in a CSV cell
# would make the DOCX and the ODT unreadable (XML has no place for them): refused where they
# stand, and nothing is written.
sed 's/^noi_dung:/noi_dung:\n  - "Dòng một\\vdòng hai"/' doc.yaml > vtab.yaml
vtab_line=$(grep -n 'Dòng một' vtab.yaml | cut -d: -f1)
check "a \\v escape: refused" status_is 1 "$VANBAN" render --lang en -f docx,odt vtab.yaml
check "... at its text, naming the character" err_has "vtab.yaml:$vtab_line:5: error: this text holds the control character U+000B"
check "... nothing written" test ! -e vtab.docx -a ! -e vtab.odt
check "... no temporary file left" test -z "$(find . -maxdepth 1 -name '.vtab.*')"
printf 'STT,Nội dung\n1,Nhà\013ở\n' > ctrl.csv
sed "s/^noi_dung:/noi_dung:\n  - bang: {tep: ctrl.csv, dong_tieu_de: 1}/" doc.yaml > ctrl.yaml
check "a control byte in a CSV cell: refused" status_is 1 "$VANBAN" render --lang en ctrl.yaml -o ctrl.docx
check "... at the byte" err_has "ctrl.csv:2:6: error: control character U+000B"
check "... nothing written" test ! -e ctrl.docx

# A control byte typed into the YAML itself: libyaml refuses it, often at 1:1; the error
# points at the byte and names it.
sed 's/^  - /  - \x0b/' doc.yaml > rawctl.yaml
raw_line=$(grep -n "$(printf '\x0b')" rawctl.yaml | head -1 | cut -d: -f1)
check "a raw control byte: refused" status_is 1 "$VANBAN" check --lang en rawctl.yaml
check "... at the byte, naming it" err_or_out_has "rawctl.yaml:$raw_line:5: error: YAML syntax error: YAML allows no control character here (U+000B)"

# A tab indenting a line: libyaml only says "cannot start any token"; the message names it.
sed 's/^  - /\t- /' doc.yaml > tab.yaml
tab_line=$(grep -n "$(printf '^\t- ')" tab.yaml | head -1 | cut -d: -f1)
check "a tab indenting a line: refused" status_is 1 "$VANBAN" check --lang en tab.yaml
check "... naming the tab, at it" err_or_out_has "tab.yaml:$tab_line:1: error: YAML syntax error: this line is indented with a tab; YAML indents with spaces only"

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
