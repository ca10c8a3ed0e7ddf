#!/bin/bash
# vanban normalize as a user meets it: the text is fixed, nothing else in the file moves,
# --check only reports, -o writes elsewhere, failures leave the file as it was.
set -u
VANBAN=${VANBAN:-build/vanban}
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

# A document with comments, odd indentation, flow and block scalars, and text to fix:
# a modern-style "hoà" in a traditional document, a misplaced mark, NFD letters, a double
# space, straight quotes, three dots, a space before a comma.
nfd_hoa=$(printf 'Ho\xcc\x80a') # "Hòa" decomposed
cat > "$tmp/doc.yaml" <<YAML
# Báo cáo thử   (comment: never touched, even "quotes" and  spaces...)
the_thuc: nha_nuoc      # trailing comment
loai: BC
co_quan_chu_quan:   UBND TỈNH BẮC GIANG
co_quan: [SỞ THÔNG TIN VÀ TRUYỀN THÔNG]
so: 5
ky_hieu: BC-STTTT
dia_danh: Bắc Giang
ngay: 2024-01-05
trich_yeu: "Kết quả chuyển đổi số năm 2023"
noi_dung:
  - muc: Kết quả đạt được
    noi_dung:
      - Tỉnh uỷ  đã chỉ đạo "chuyển đổi số" , với NGHIÃ rộng...
      - |
        - Xã ${nfd_hoa} Sơn hoàn thành.
        - Toàn tỉnh có 1.879 dịch vụ; đạt 34,6%.
  - muc: Kiến nghị
    noi_dung:
      - Đề nghị UBND tỉnh quan tâm.
noi_nhan:
  - UBND tỉnh (báo cáo)
  - "Lưu: VT, CĐS"
ky: {quyen_han: KT. GIÁM ĐỐC, chuc_vu: PHÓ GIÁM ĐỐC, ho_ten: Nguyễn Văn A}
YAML
cp "$tmp/doc.yaml" "$tmp/orig.yaml"

check "--check reports and exits 1" status_is 1 "$VANBAN" normalize --check --lang en "$tmp/doc.yaml"
check "--check changed nothing" cmp -s "$tmp/doc.yaml" "$tmp/orig.yaml"
check "--check names the file" grep -q "would change" "$tmp/err"
check "reports the misplaced mark with its position" grep -q "doc.yaml:14:.*NGHIÃ.*NGHĨA" "$tmp/err"
check "reports the other tone style" grep -q 'uỷ" → "ủy"' "$tmp/err"

check "normalize in place" status_is 0 "$VANBAN" normalize --lang en "$tmp/doc.yaml"
fixed=$(sed -n 14p "$tmp/doc.yaml")
check "fixed line" test "$fixed" = "      - Tỉnh ủy đã chỉ đạo “chuyển đổi số”, với NGHĨA rộng…"
check "NFD became NFC" grep -q "        - Xã Hòa Sơn hoàn thành." "$tmp/doc.yaml"
# Every other line is byte-identical: comments, indentation, quoting, order.
diff <(sed '14d;16d' "$tmp/orig.yaml") <(sed '14d;16d' "$tmp/doc.yaml") > "$tmp/diff"
check "nothing else moved" test ! -s "$tmp/diff"
check "same number of lines" test "$(wc -l < "$tmp/orig.yaml")" -eq "$(wc -l < "$tmp/doc.yaml")"
check "numbers kept" grep -q "1.879 dịch vụ; đạt 34,6%" "$tmp/doc.yaml"
check "idempotent" status_is 0 "$VANBAN" normalize --check "$tmp/doc.yaml"
check "still renders" status_is 0 "$VANBAN" render -o "$tmp/doc.docx" "$tmp/doc.yaml"

# Other style; keep; -o.
cp "$tmp/orig.yaml" "$tmp/moi.yaml"
check "--dau-thanh moi" status_is 0 "$VANBAN" normalize --dau-thanh moi -o "$tmp/moi-out.yaml" "$tmp/moi.yaml"
check "-o leaves the input alone" cmp -s "$tmp/moi.yaml" "$tmp/orig.yaml"
check "modern style written" grep -q "Tỉnh uỷ đã" "$tmp/moi-out.yaml"
check "modern style: hoà" grep -q "Xã Hoà Sơn" "$tmp/moi-out.yaml"
check "comment untouched" grep -qF '# Báo cáo thử   (comment: never touched, even "quotes" and  spaces...)' "$tmp/moi-out.yaml"
check "--no-typography" status_is 0 "$VANBAN" normalize --no-typography -o "$tmp/notypo.yaml" "$tmp/orig.yaml"
check "quotes kept without typography" grep -q 'chỉ đạo "chuyển đổi số"' "$tmp/notypo.yaml"
check "document's own dau_thanh wins" bash -c "sed 's/^loai: BC/loai: BC\ndau_thanh: moi/' '$tmp/orig.yaml' > '$tmp/own.yaml' && '$VANBAN' normalize '$tmp/own.yaml' 2>/dev/null && grep -q 'Tỉnh uỷ đã' '$tmp/own.yaml'"

# A fix that would change the YAML structure is not made: "Lưu:VT" would become "Lưu: VT",
# turning a plain scalar into a mapping.
printf 'the_thuc: nha_nuoc\nnoi_nhan:\n  - Lưu:VT , TH\n' > "$tmp/unsafe.yaml"
cp "$tmp/unsafe.yaml" "$tmp/unsafe.orig"
"$VANBAN" normalize --lang en "$tmp/unsafe.yaml" 2>"$tmp/err"
check "structure-changing fix refused" grep -q "Lưu:VT" "$tmp/unsafe.yaml"
check "reported as unsafe" grep -q "TXT-UNSAFE" "$tmp/err"

# Anchors, aliases and tags are no text: the text after them is fixed, they stay as typed,
# and the key after an alias is still a key.
cat > "$tmp/anchors.yaml" <<'YAML'
a: &v "Thuỷ  lợi"
b: *v
hoà: !!str Hoà  bình
d: &w |
  Khoẻ  mạnh
YAML
"$VANBAN" normalize --lang en "$tmp/anchors.yaml" 2>"$tmp/err"
check "anchored quoted text fixed" grep -qx 'a: &v "Thủy lợi"' "$tmp/anchors.yaml"
check "tagged plain text fixed, key after an alias kept" grep -qx 'hoà: !!str Hòa bình' "$tmp/anchors.yaml"
check "anchored block text fixed" grep -qx '  Khỏe mạnh' "$tmp/anchors.yaml"
check "alias untouched" grep -qx 'b: \*v' "$tmp/anchors.yaml"
check "no quotation warning on an anchor" bash -c "! grep -q 'quotation' '$tmp/err'"

# A double-quoted scalar's escapes are YAML, not text: "\n" starts no word ("nDòng"), and
# the fixes around them keep them as typed.
cat > "$tmp/escapes.yaml" <<'YAML'
a: "Dòng một\nDòng  hai, hoà\t\"bình\" \u00e0 xong..."
b: "Không có  gì\\"
YAML
"$VANBAN" normalize --lang en "$tmp/escapes.yaml" 2>"$tmp/err"
check "escapes: no syllable made of an escape" bash -c "! grep -q 'TXT-SYLLABLE' '$tmp/err'"
check "escapes: the straight quotes behind them reported" grep -q 'straight quotation mark' "$tmp/err"
check "escapes kept, text around them fixed" \
    grep -qx 'a: "Dòng một\\nDòng hai, hòa\\t\\"bình\\" \\u00e0 xong…"' "$tmp/escapes.yaml"
check "a trailing escaped backslash kept" grep -qx 'b: "Không có gì\\\\"' "$tmp/escapes.yaml"

# A finding at the very end of a file without a final newline: its context is cut there.
printf 'a: yn"' > "$tmp/end.yaml"
check "a quote ending the file: reported" status_is 0 "$VANBAN" normalize --check --lang en "$tmp/end.yaml"
check "  with its context" grep -q 'straight quotation mark (use “ ”): "yn""' "$tmp/err"

# Bad input: positioned error, file untouched.
printf 'the_thuc: nha_nuoc\nloai: B\xffC\n' > "$tmp/bad.yaml"
cp "$tmp/bad.yaml" "$tmp/bad.orig"
check "invalid UTF-8 exit 1" status_is 1 "$VANBAN" normalize --lang en "$tmp/bad.yaml"
check "invalid UTF-8 positioned" grep -q "bad.yaml:2:8: error" "$tmp/err"
check "bad file untouched" cmp -s "$tmp/bad.yaml" "$tmp/bad.orig"
printf 'a: [unclosed\n' > "$tmp/syntax.yaml"
check "syntax error exit 1" status_is 1 "$VANBAN" normalize --lang en "$tmp/syntax.yaml"
check "missing file exit 3" status_is 3 "$VANBAN" normalize "$tmp/none.yaml"
check "bad option exit 2" status_is 2 "$VANBAN" normalize --dau-thanh xyz "$tmp/doc.yaml"

# Legacy input converted on the way in.
printf 'the_thuc: nha_nuoc\ntrich_yeu: Ba\x27o ca\x27o ke\x5e\x27t qua\x3f\n' > "$tmp/viqr.yaml"
check "--encoding viqr" status_is 0 "$VANBAN" normalize --encoding viqr -o "$tmp/viqr-out.yaml" "$tmp/viqr.yaml"
check "VIQR converted" grep -q "trich_yeu: Báo cáo kết quả" "$tmp/viqr-out.yaml"
check "--check with a legacy encoding exits 1" status_is 1 "$VANBAN" normalize --check --encoding viqr "$tmp/viqr.yaml"

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
