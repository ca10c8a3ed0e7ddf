#!/bin/bash
# vanban import on YAML: every document of inputs/ and docs/examples/ imported to another
# directory renders to byte-identical DOCX and ODT, and importing the import again gives the
# same bytes; then the command as a user meets it: default output beside the input, never
# over the input, -o -, --encoding, exit codes and messages.
set -u
VANBAN=${VANBAN:-build/vanban}
ROOT=${VANBAN_SOURCE_ROOT:-.}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
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
export SOURCE_DATE_EPOCH=1700000000

# ---- every document: the same DOCX and ODT, and a second import changes nothing ----
mkdir -p "$tmp/imported" "$tmp/rendered"
count=0
for x in "$ROOT"/inputs/*.yaml "$ROOT"/docs/examples/*.yaml; do
  name=$(basename "$x" .yaml)
  y="$tmp/imported/$name.yaml"
  check "$name: import" status_is 0 "$VANBAN" import -o "$y" "$x"
  for f in docx odt; do
    "$VANBAN" render -f "$f" -o "$tmp/rendered/$name.x.$f" "$x" 2>/dev/null
    "$VANBAN" render -f "$f" -o "$tmp/rendered/$name.y.$f" "$y" 2>/dev/null
    check "$name: the imported YAML renders the same $f" \
      cmp -s "$tmp/rendered/$name.x.$f" "$tmp/rendered/$name.y.$f"
  done
  check "$name: import again" status_is 0 "$VANBAN" import -o "$tmp/imported/$name.again.yaml" "$y"
  check "$name: importing the import changes nothing" cmp -s "$y" "$tmp/imported/$name.again.yaml"
  count=$((count + 1))
done
check "documents found" test "$count" -ge 10
# A table read from a CSV beside the document: its path now leads there from the new place.
check "tep rewritten relative to the output" \
  grep -q "tep: .*inputs/bc-so-ket-cds-6-thang-bac-giang-2024-phu-luc-2.csv" \
  "$tmp/imported/bc-so-ket-cds-6-thang-bac-giang-2024.yaml"

# ---- the command ----
doc="$ROOT/docs/examples/bao-cao.yaml"
mkdir -p "$tmp/cli"
cp "$doc" "$tmp/cli/bao-cao.yml"
check "default output beside the input" status_is 0 "$VANBAN" import "$tmp/cli/bao-cao.yml"
check "  it is bao-cao.yaml" cmp -s "$tmp/cli/bao-cao.yaml" "$tmp/imported/bao-cao.yaml"
cp "$tmp/cli/bao-cao.yaml" "$tmp/cli/keep.yaml"
check "never over the input itself" status_is 2 "$VANBAN" import --lang en "$tmp/cli/bao-cao.yaml"
check "  says why" grep -q "would overwrite the input" "$tmp/err"
check "  in Vietnamese by default" status_is 2 env LANG=vi_VN.UTF-8 "$VANBAN" import "$tmp/cli/bao-cao.yaml"
check "  ghi đè" grep -q "ghi đè tệp vào" "$tmp/err"
check "nor through another name for it" status_is 2 "$VANBAN" import -o "$tmp/cli/../cli/bao-cao.yaml" "$tmp/cli/bao-cao.yaml"
check "  the input is untouched" cmp -s "$tmp/cli/bao-cao.yaml" "$tmp/cli/keep.yaml"
check "-o - writes to standard output" status_is 0 "$VANBAN" import -o - "$doc"
check "  the same text" cmp -s "$tmp/out" "$tmp/imported/bao-cao.yaml"
check "standard input to standard output" status_is 0 sh -c "'$VANBAN' import - < '$doc'"
check "  the same text" cmp -s "$tmp/out" "$tmp/imported/bao-cao.yaml"
check "-o takes one input" status_is 2 "$VANBAN" import -o "$tmp/cli/x.yaml" "$doc" "$doc"
check "bad option" status_is 2 "$VANBAN" import --nope "$doc"
check "no input" status_is 2 "$VANBAN" import
check "--help" status_is 0 "$VANBAN" import --help
check "  tells the use" grep -q "Usage: vanban import" "$tmp/out"
check "missing file exit 3" status_is 3 "$VANBAN" import -o "$tmp/cli/none-out.yaml" "$tmp/cli/none.yaml"
check "  nothing written" test ! -e "$tmp/cli/none-out.yaml"

# Bad YAML: the reader's positioned error, exit 1, nothing written.
printf 'the_thuc: nha_nuoc\nloai: BC\nnoi_dung: [\n' > "$tmp/cli/bad.yaml"
check "bad input exit 1" status_is 1 "$VANBAN" import --lang en -o "$tmp/cli/bad-out.yaml" "$tmp/cli/bad.yaml"
check "  positioned error" grep -q "bad.yaml:[0-9]*:[0-9]*: error" "$tmp/err"
check "  nothing written" test ! -e "$tmp/cli/bad-out.yaml"

# A legacy-encoded file tidied into UTF-8 NFC.
cat > "$tmp/cli/viqr.yaml" <<'YAML'
the_thuc: nha_nuoc
loai: BC
co_quan: SO+? THO^NG TIN VA` TRUYE^`N THO^NG
so: 5
ky_hieu: BC-STTTT
dia_danh: Ba('c Giang
ngay: 2024-01-05
trich_yeu: "Ke^'t qua? chuye^?n ddo^?i so^'"
noi_dung:
  - Toa`n ti?nh co' 1.879 di.ch vu. co^ng tru+.c tuye^'n.
noi_nhan: [Nhu+ tre^n, "Lu+u: VT"]
ky: {chuc_vu: GIA'M DDO^'C, ho_ten: Nguye^~n Va(n A}
YAML
check "--encoding viqr" status_is 0 "$VANBAN" import --encoding viqr -o "$tmp/cli/viqr-out.yaml" "$tmp/cli/viqr.yaml"
check "  converted" grep -q "^trich_yeu: Kết quả chuyển đổi số$" "$tmp/cli/viqr-out.yaml"
check "  body converted" grep -q "^  - Toàn tỉnh có 1.879 dịch vụ công trực tuyến.$" "$tmp/cli/viqr-out.yaml"
check "  reads as UTF-8 without --encoding" status_is 0 "$VANBAN" import -o - "$tmp/cli/viqr-out.yaml"

# A Word file goes to the DOCX/ODT reader: this one is no zip, so either the reader says so
# (exit 1) or this build has none (exit 3); never a YAML reading of its bytes.
printf 'not a zip' > "$tmp/cli/du-thao.docx"
"$VANBAN" import --lang en "$tmp/cli/du-thao.docx" >"$tmp/out" 2>"$tmp/err"
rc=$?
check "a .docx is not read as YAML" test "$rc" -eq 1 -o "$rc" -eq 3
check "  and says so" test -s "$tmp/err"
check "  nothing written" test ! -e "$tmp/cli/du-thao.yaml"
check "  no YAML message" eval '! grep -q "UTF-8\|YAML" "$tmp/err"'

# A section that names a part of the plan ("Mục đích, yêu cầu") holding one sentence that
# ends with a deadline is that section, not an agency of a task block.
mkdir -p "$tmp/purpose"
python3 - "$ROOT/docs/examples/ke-hoach.yaml" "$tmp/purpose/kh.yaml" <<'PY'
import sys
text = open(sys.argv[1], encoding="utf-8").read()
old = """      - |
        - Đẩy mạnh chuyển đổi số trong quản lý và dạy học; 100% cơ sở giáo dục sử dụng học bạ số, sổ điểm điện tử.
        - Nhiệm vụ được giao rõ cơ quan chủ trì, thời hạn và sản phẩm; bảo đảm an toàn thông tin.
"""
assert old in text
text = text.replace(old, "      - Hoàn thành học bạ số ở mọi cơ sở giáo dục trước ngày 30/9/2025.\n", 1)
open(sys.argv[2], "w", encoding="utf-8").write(text)
PY
check "a purpose ending with a deadline: rendered" status_is 0 "$VANBAN" render -o "$tmp/purpose/kh.docx" "$tmp/purpose/kh.yaml"
check "  read back, it checks clean" status_is 0 "$VANBAN" check --lang en "$tmp/purpose/kh.docx"
check "  imported, it is the section it was" status_is 0 "$VANBAN" import -o "$tmp/purpose/back.yaml" "$tmp/purpose/kh.docx"
check "  (muc: MỤC ĐÍCH, YÊU CẦU, no agency of that name)" \
    sh -c "grep -q '^  - muc: MỤC ĐÍCH, YÊU CẦU' '$tmp/purpose/back.yaml' && ! grep -q 'don_vi: MỤC ĐÍCH' '$tmp/purpose/back.yaml'"
check "  and renders again" status_is 0 "$VANBAN" render -o "$tmp/purpose/back.docx" "$tmp/purpose/back.yaml"

# A total row read from a CSV is set in the group rows' style; read back, it is still the
# total with its figures, not an empty group title.
mkdir -p "$tmp/total"
printf 'STT,Hạng mục,Kinh phí\n,Nhà ở,4500\nI,Phụ trợ,\n,Nhà vệ sinh,420\n,Tổng cộng,4920\n' > "$tmp/total/kp.csv"
sed 's/^noi_dung:/noi_dung:\n  - bang: {tep: kp.csv}/' "$ROOT/docs/examples/bao-cao.yaml" > "$tmp/total/bc.yaml"
check "a CSV total row: rendered" status_is 0 "$VANBAN" render -o "$tmp/total/bc.docx" "$tmp/total/bc.yaml"
check "  imported" status_is 0 "$VANBAN" import -o "$tmp/total/back.yaml" "$tmp/total/bc.docx"
check "  a tong_cong row with its figures" grep -q "tong_cong: \['', Tổng cộng, '4920'\]" "$tmp/total/back.yaml"
check "  the group row is still one" grep -q "nhom: Phụ trợ" "$tmp/total/back.yaml"
check "  no empty group" sh -c "! grep -q \"nhom: ''\" '$tmp/total/back.yaml'"
# A tong_cong of a three-column table: its label spans STT, so the row holds two cells, as a
# group row does; it is still the total.
sed 's/^noi_dung:/noi_dung:\n  - bang:\n      cot: [{ten: STT, stt: true}, Hạng mục, Kinh phí]\n      dong:\n        - [Nhà ở, "4500"]\n        - tong_cong: [Tổng cộng, "4500"]/' \
    "$ROOT/docs/examples/bao-cao.yaml" > "$tmp/total/inline.yaml"
check "an inline total over STT: rendered" status_is 0 "$VANBAN" render -o "$tmp/total/inline.docx" "$tmp/total/inline.yaml"
check "  imported" status_is 0 "$VANBAN" import -o "$tmp/total/inline-back.yaml" "$tmp/total/inline.docx"
check "  still the total, label and figure" grep -q "tong_cong: \[{noi_dung: Tổng cộng, gop_cot: 2}, '4500'\]" "$tmp/total/inline-back.yaml"

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
