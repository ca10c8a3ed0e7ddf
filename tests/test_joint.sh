#!/bin/bash
# Joint documents (liên tịch) and the page parts ô 11, ô 12, ô 13, end to end:
#   - the joint header with a cơ quan chủ quản per body, as the DOCX and the ODT lay it out
#     (the header table's first row: one cell per body, the superior body upright above the
#     bold name and its rule, then the Quốc hiệu);
#   - `-f txt` says ô 11 and the draft mark first, ô 13 after the text of page 1's section;
#   - the four examples of the new parts (a QĐ with its Quy chế, a KH with a task table, a
#     công văn liên tịch, a DỰ THẢO tờ trình) imported from their DOCX and their ODT give YAML
#     that renders the same document (the same DOCX, byte for byte);
#   - `check` on a wrong joint header: the error and its line:col.
set -u
VANBAN=${VANBAN:-build/vanban}
ROOT=${VANBAN_SOURCE_ROOT:-.}
PY=/usr/bin/python3
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export SOURCE_DATE_EPOCH=1700000000 LANG=C.UTF-8 LC_ALL=C.UTF-8
passed=0 failed=0
check() {
  local name=$1; shift
  if "$@"; then passed=$((passed + 1)); echo "ok   $name"; else failed=$((failed + 1)); echo "FAIL $name"; fi
}
status_is() {
  local want=$1; shift
  "$@" >"$tmp/out" 2>"$tmp/err"
  local got=$?
  [ "$got" -eq "$want" ] || { echo "  exit $got, expected $want: $*"; cat "$tmp/err"; return 1; }
}
# line_before FILE A B: the first line equal to A comes before the first equal to B.
line_before() {
  local a b
  a=$(grep -nxF -- "$2" "$1" | head -1 | cut -d: -f1)
  b=$(grep -nxF -- "$3" "$1" | head -1 | cut -d: -f1)
  [ -n "$a" ] && [ -n "$b" ] && [ "$a" -lt "$b" ] || { echo "  \"$2\" (line ${a:-none}) not before \"$3\" (line ${b:-none})"; return 1; }
}

joint=$ROOT/docs/examples/cong-van-lien-tich.yaml
draft=$ROOT/docs/examples/to-trinh-du-thao.yaml

# ---- TXT: ô 11 first, ô 13 after page 1's text, the superior bodies in the header ----
check "render the joint công văn as TXT" status_is 0 "$VANBAN" render -f txt -o "$tmp/cv.txt" "$joint"
check "ô 11 is the first line" test "$(head -1 "$tmp/cv.txt")" = "LƯU HÀNH NỘI BỘ"
check "the first body's superior body above its name" line_before "$tmp/cv.txt" "UBND TỈNH BẮC GIANG" "SỞ THÔNG TIN"
check "each body has its superior body" test "$(grep -cxF "UBND TỈNH BẮC GIANG" "$tmp/cv.txt")" -eq 2
check "the second body after the first" line_before "$tmp/cv.txt" "VÀ TRUYỀN THÔNG" "SỞ NỘI VỤ"
contact="Địa chỉ: Số 1 đường Nguyễn Văn Cừ, phường Hoàng Văn Thụ, thành phố Bắc Giang; ĐT: 0204 3856 789; Fax: 0204 3856 790; E-mail: stttt@bacgiang.gov.vn; Website: stttt.bacgiang.gov.vn"
check "ô 13 is the last line, whole" test "$(tail -1 "$tmp/cv.txt")" = "$contact"
check "ô 13 after the signers" line_before "$tmp/cv.txt" "Đỗ Thị Lan" "$contact"
check "ô 12 on the Lưu line" grep -qxF -- "- Lưu: VT, CĐS, TCCB. PL.(30)." "$tmp/cv.txt"
check "render the draft as TXT" status_is 0 "$VANBAN" render -f txt -o "$tmp/ttr.txt" "$draft"
check "the draft mark is the first line" test "$(head -1 "$tmp/ttr.txt")" = "DỰ THẢO LẦN 2"
# A document with none of them keeps its text as it was: it starts with its header.
check "render a plain report as TXT" status_is 0 "$VANBAN" render -f txt -o "$tmp/bc.txt" "$ROOT/docs/examples/bao-cao.yaml"
check "  no frame line added" bash -c "! grep -qE '^(DỰ THẢO|LƯU HÀNH|XEM XONG|Địa chỉ:)' '$tmp/bc.txt'"

# ---- DOCX and ODT: the header table of the joint document ----
check "render the joint công văn as DOCX" status_is 0 "$VANBAN" render -f docx -o "$tmp/cv.docx" "$joint"
check "render the joint công văn as ODT" status_is 0 "$VANBAN" render -f odt -o "$tmp/cv.odt" "$joint"
if [ -x "$PY" ]; then
  cat >"$tmp/header.py" <<'PY'
import sys, zipfile
import xml.etree.ElementTree as ET

# The header table's first row of a DOCX or an ODT: per cell, its paragraphs as (vanban's
# style, text); a line break is a space.
path = sys.argv[1]
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
T = "{urn:oasis:names:tc:opendocument:xmlns:table:1.0}"
X = "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}"
S = "{urn:oasis:names:tc:opendocument:xmlns:style:1.0}"


def squeeze(t):
    return " ".join(t.split())


with zipfile.ZipFile(path) as z:
    if path.endswith(".docx"):
        body = ET.fromstring(z.read("word/document.xml")).find(W + "body")
        cells = body.find(W + "tbl").find(W + "tr").findall(W + "tc")

        def paragraphs(cell):
            out = []
            for p in cell.findall(W + "p"):
                style = p.find(W + "pPr/" + W + "pStyle")
                text = "".join((e.text or "") if e.tag == W + "t" else " " for e in p.iter()
                               if e.tag in (W + "t", W + "br"))
                out.append((style.get(W + "val") if style is not None else "", squeeze(text)))
            return out
    else:
        root = ET.fromstring(z.read("content.xml"))
        styles = ET.fromstring(z.read("styles.xml"))
        parents = {}
        for tree in (root, styles):
            for st in tree.iter(S + "style"):
                parents[st.get(S + "name")] = st.get(S + "parent-style-name") or ""
        cells = next(next(root.iter(T + "table")).iter(T + "table-row")).findall(T + "table-cell")

        def named(style):
            # an automatic style stands for the named style it derives from
            seen = 0
            while style and not style.startswith("Vb") and seen < 5:
                style, seen = parents.get(style, ""), seen + 1
            return style or ""

        def text_of(e):
            out = e.text or ""
            for c in e:
                out += (" " if c.tag == X + "line-break" else text_of(c)) + (c.tail or "")
            return out

        def paragraphs(cell):
            return [(named(p.get(X + "style-name") or ""), squeeze(text_of(p))) for p in cell.findall(X + "p")]

problems = []
if len(cells) != 3:
    problems.append(f"the header's first row has {len(cells)} cells, not 3 (two bodies and the Quốc hiệu)")
else:
    want = [("UBND TỈNH BẮC GIANG", "SỞ THÔNG TIN VÀ TRUYỀN THÔNG"), ("UBND TỈNH BẮC GIANG", "SỞ NỘI VỤ")]
    for i, (parent, name) in enumerate(want):
        ps = paragraphs(cells[i])
        got = [(st, t) for st, t in ps if t]
        parents_ = [t for st, t in got if st == "VbCoQuanChuQuan"]
        names = [t for st, t in got if st == "VbCoQuanBanHanh"]
        if [t for _, t in got] != parents_ + names:
            problems.append(f"cell {i + 1}: lines {got}: the superior body first, then the name, nothing else")
        if " ".join(parents_) != parent:
            problems.append(f"cell {i + 1}: superior body {parents_}, not {parent!r}")
        if " ".join(names) != name:
            problems.append(f"cell {i + 1}: name {names}, not {name!r}")
        last = max((j for j, (st, t) in enumerate(ps) if st == "VbCoQuanBanHanh"), default=-1)
        if not any(st == "VbDuongKe" for st, _ in ps[last + 1:]):
            problems.append(f"cell {i + 1}: no rule under the body's name: {ps}")
    national = " ".join(t for _, t in paragraphs(cells[2]))
    if "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" not in national:
        problems.append(f"cell 3 is not the Quốc hiệu: {national[:60]!r}")
for p in problems:
    print("  " + p)
sys.exit(1 if problems else 0)
PY
  check "DOCX: a cell per body, chủ quản upright above the bold name and its rule" "$PY" "$tmp/header.py" "$tmp/cv.docx"
  check "ODT: the same" "$PY" "$tmp/header.py" "$tmp/cv.odt"
fi

# ---- import from DOCX and ODT: YAML that renders the same document ----
for name in quyet-dinh-quy-che ke-hoach-bang-nhiem-vu cong-van-lien-tich to-trinh-du-thao; do
  src=$ROOT/docs/examples/$name.yaml
  "$VANBAN" render -f docx -o "$tmp/$name.orig.docx" "$src" >/dev/null 2>&1
  "$VANBAN" render -f txt -o "$tmp/$name.orig.txt" "$src" >/dev/null 2>&1
  for f in docx odt; do
    "$VANBAN" render -f "$f" -o "$tmp/$name.$f" "$src" >/dev/null 2>&1
    check "$name: import the $f" status_is 0 "$VANBAN" import -o "$tmp/$name.from-$f.yaml" "$tmp/$name.$f"
    check "$name: its YAML checks clean" status_is 0 "$VANBAN" check "$tmp/$name.from-$f.yaml"
    "$VANBAN" render -f docx -o "$tmp/$name.from-$f.docx" "$tmp/$name.from-$f.yaml" >/dev/null 2>&1
    "$VANBAN" render -f txt -o "$tmp/$name.from-$f.txt" "$tmp/$name.from-$f.yaml" >/dev/null 2>&1
    check "$name: imported from $f, the same text" diff "$tmp/$name.orig.txt" "$tmp/$name.from-$f.txt"
    # The same DOCX, part for part; but for the file's title (docProps/core.xml): the reader
    # gives a công văn's trích yếu without the "V/v " the page prints in any case.
    rm -rf "$tmp/a" "$tmp/b" && mkdir -p "$tmp/a" "$tmp/b"
    (cd "$tmp/a" && unzip -q "$tmp/$name.orig.docx") && (cd "$tmp/b" && unzip -q "$tmp/$name.from-$f.docx")
    check "$name: imported from $f, the same DOCX" diff -r -x core.xml "$tmp/a" "$tmp/b"
  done
done
check "the joint bodies imported with their superior bodies" \
  grep -qzF -- "co_quan_lien_tich:
  - co_quan_chu_quan: UBND TỈNH BẮC GIANG" "$tmp/cong-van-lien-tich.from-docx.yaml"
check "ô 13 imported" grep -qF "thu_dien_tu: stttt@bacgiang.gov.vn" "$tmp/cong-van-lien-tich.from-odt.yaml"
check "ô 12 imported" grep -qxF "so_luong_ban: 30" "$tmp/cong-van-lien-tich.from-odt.yaml"
check "the Quy chế imported as an attached document" grep -qxF "van_ban_kem_theo:" "$tmp/quyet-dinh-quy-che.from-docx.yaml"

# ---- a joint header typed by a clerk in Word (no vanban styles: bold says the name) ----
if [ -x "$PY" ] && "$PY" -c 'import docx' 2>/dev/null; then
  cat >"$tmp/clerk.py" <<'PY'
import sys
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Pt

doc = Document()
doc.styles["Normal"].font.name = "Times New Roman"
doc.styles["Normal"].font.size = Pt(14)


def para(where, text, bold=False, italic=False, centre=True):
    p = where.add_paragraph()
    r = p.add_run(text)
    r.bold, r.italic = bold, italic
    if centre:
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    return p


table = doc.add_table(rows=2, cols=3)
c = table.rows[0].cells
para(c[0], "BAN TUYÊN GIÁO TỈNH ỦY")  # a Party body's superior, upright
para(c[0], "BAN TUYÊN GIÁO", bold=True)
para(c[1], "UBND TỈNH BẮC GIANG")
para(c[1], "SỞ VĂN HÓA, THỂ THAO", bold=True)
para(c[1], "VÀ DU LỊCH", bold=True)
para(c[2], "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", bold=True)
para(c[2], "Độc lập - Tự do - Hạnh phúc", bold=True)
row2 = table.rows[1].cells
merged = row2[0].merge(row2[1])
para(merged, "Số: 07/LT-BTG-SVHTTDL")
para(merged, "V/v tổ chức Ngày hội đọc sách")
para(row2[2], "Bắc Giang, ngày 15 tháng 4 năm 2025", italic=True)
para(doc, "Kính gửi: Ủy ban nhân dân các huyện, thành phố", centre=True)
para(doc, "Ban Tuyên giáo Tỉnh ủy và Sở Văn hóa, Thể thao và Du lịch đề nghị tổ chức Ngày hội đọc sách năm 2025./.", centre=False)
sig = doc.add_table(rows=1, cols=3).rows[0].cells
para(sig[0], "Nơi nhận:", bold=True, italic=True, centre=False)
para(sig[0], "- Như trên;", centre=False)
para(sig[0], "- Lưu: VT.", centre=False)
for cell, (who, name) in zip(sig[1:], (("TRƯỞNG BAN", "Lê Văn Minh"), ("GIÁM ĐỐC", "Phạm Thị Hoa"))):
    para(cell, who, bold=True)
    para(cell, name, bold=True)
doc.save(sys.argv[1])
PY
  if "$PY" "$tmp/clerk.py" "$tmp/clerk.docx" 2>"$tmp/clerk.err"; then
    check "a clerk's joint header: import" status_is 0 "$VANBAN" import -o "$tmp/clerk.yaml" "$tmp/clerk.docx"
    check "  two bodies, each under its superior body" grep -qzF -- "co_quan_lien_tich:
  - co_quan_chu_quan: BAN TUYÊN GIÁO TỈNH ỦY
    co_quan: BAN TUYÊN GIÁO
  - co_quan_chu_quan: UBND TỈNH BẮC GIANG
    co_quan:
      - SỞ VĂN HÓA, THỂ THAO
      - VÀ DU LỊCH
" "$tmp/clerk.yaml"
    check "  its two signers" bash -c "grep -qF 'ho_ten: Lê Văn Minh' '$tmp/clerk.yaml' && grep -qF 'ho_ten: Phạm Thị Hoa' '$tmp/clerk.yaml'"
  else
    echo "skipped: python-docx could not build the clerk's document: $(cat "$tmp/clerk.err")"
  fi
fi

# ---- check: a wrong joint header, at its line and column ----
cat >"$tmp/bad.yaml" <<'YAML'
the_thuc: nha_nuoc
loai: CV
co_quan_lien_tich:
  - co_quan_chu_quan: UBND TỈNH BẮC GIANG
    co_quan: SỞ NỘI VỤ
  - co_quan_chu_quan: UBND TỈNH BẮC GIANG
so: 3
ky_hieu: SNV-STC
dia_danh: Bắc Giang
ngay: 2025-02-10
trich_yeu: V/v phối hợp
kinh_gui: Các sở
noi_dung:
  - Đề nghị phối hợp.
noi_nhan:
  - Như trên
  - "Lưu: VT"
ky:
  - { quyen_han: KT. GIÁM ĐỐC, chuc_vu: PHÓ GIÁM ĐỐC, ho_ten: Trần Minh Khoa }
  - { quyen_han: KT. GIÁM ĐỐC, chuc_vu: PHÓ GIÁM ĐỐC, ho_ten: Đỗ Thị Lan }
YAML
check "a body with no name: exit 1" status_is 1 "$VANBAN" check --lang en "$tmp/bad.yaml"
check "  at the body, line 6 column 5" grep -qF "bad.yaml:6:5: error: a body of the joint document has no \`co_quan\` (the issuing body's name) [YAML-REQUIRED]" "$tmp/out" "$tmp/err"
sed 's/^  - co_quan_chu_quan: UBND TỈNH BẮC GIANG$/  - co_quan_chu_quan: UBND TỈNH BẮC GIANG/; 6a\    co_quan: ""' "$tmp/bad.yaml" >"$tmp/empty.yaml"
check "an empty name: exit 1" status_is 1 "$VANBAN" check --lang en "$tmp/empty.yaml"
check "  at the name, line 7 column 14" grep -qF "empty.yaml:7:14: error: a body's name is empty [YAML-REQUIRED]" "$tmp/out" "$tmp/err"
sed '6a\    co_quan: {ten: SỞ TÀI CHÍNH}' "$tmp/bad.yaml" >"$tmp/type.yaml"
check "a name of the wrong type: exit 1" status_is 1 "$VANBAN" check --lang en "$tmp/type.yaml"
check "  at the value, line 7 column 14" grep -qE "type.yaml:7:14: error: .*co_quan" "$tmp/out" "$tmp/err"
sed '6a\    co_quan_chuquan: SỞ TÀI CHÍNH' "$tmp/bad.yaml" >"$tmp/typo.yaml"
check "a misspelt key: exit 1" status_is 1 "$VANBAN" check --lang en "$tmp/typo.yaml"
check "  did you mean, at the key" grep -qE "typo.yaml:7:5: error: .*co_quan_chu_quan" "$tmp/out" "$tmp/err"
sed '6a\    co_quan: SỞ TÀI CHÍNH' "$tmp/bad.yaml" | sed '2a\co_quan_chu_quan: UBND TỈNH BẮC GIANG' >"$tmp/top.yaml"
check "a top-level co_quan_chu_quan with joint bodies: exit 1" status_is 1 "$VANBAN" check --lang en "$tmp/top.yaml"
check "  at it, line 3 column 19" grep -qF "top.yaml:3:19: error: a joint document gives each body its own superior body" "$tmp/out" "$tmp/err"
sed '6a\    co_quan: SỞ TÀI CHÍNH' "$tmp/bad.yaml" >"$tmp/good.yaml"
check "the same with both names checks clean" status_is 0 "$VANBAN" check "$tmp/good.yaml"

# ---- bodies whose superior bodies differ in height: the names stand on the same line ----
# The clean joint công văn above, its second body without a superior body, its trích yếu
# spelt out.
sed -e '6s/.*/  - co_quan: SỞ TÀI CHÍNH/' -e 's/^trich_yeu: .*/trich_yeu: Về việc phối hợp/' \
  "$tmp/bad.yaml" >"$tmp/uneven.yaml"
check "render a joint header with one superior body" status_is 0 "$VANBAN" render -o "$tmp/uneven.docx" "$tmp/uneven.yaml"
if [ -x "$PY" ]; then
  cat >"$tmp/lines.py" <<'PY'
import sys, zipfile
import xml.etree.ElementTree as ET

# Lines (paragraphs and line breaks) above each body's bold name in the header's first row.
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
with zipfile.ZipFile(sys.argv[1]) as z:
    body = ET.fromstring(z.read("word/document.xml")).find(W + "body")
cells = body.find(W + "tbl").find(W + "tr").findall(W + "tc")[:2]
above = []
for cell in cells:
    lines = 0
    for p in cell.findall(W + "p"):
        style = p.find(W + "pPr/" + W + "pStyle")
        if style is not None and style.get(W + "val") == "VbCoQuanBanHanh":
            break
        lines += 1 + len(p.findall(".//" + W + "br"))
    above.append(lines)
if above[0] < 1 or above[0] != above[1]:
    print(f"  lines above the names: {above}; the second body's name must be level with the first's")
    sys.exit(1)
PY
  check "  the names on the same line (the shorter column padded)" "$PY" "$tmp/lines.py" "$tmp/uneven.docx"
fi
check "  a spelt-out \"Về việc\" is printed as V/v, once" bash -c \
  "'$VANBAN' render -f txt -o - '$tmp/uneven.yaml' 2>/dev/null | grep -qxF 'V/v phối hợp'"

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
