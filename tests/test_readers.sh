#!/bin/bash
# Independent readers: every sample in inputs/ and docs/examples/ is rendered as DOCX, ODT
# and TXT (`-f txt`: the document's text in reading order, one paragraph per line), and the
# DOCX and ODT are read by software that shares no code with vanban:
#
#   pandoc    -f docx / -f odt, -t plain --wrap=none (a Lua filter lays each table out as
#             its cells' paragraphs in reading order instead of drawing an ASCII grid)
#   python-docx  every paragraph of the body, those inside table cells included
#   LibreOffice  DOCX and ODT converted to PDF (one soffice run, its own profile), and the
#             PDF's text extracted with pdftotext -raw (content-stream order)
#
# For each reader, every line of the TXT (each heading, paragraph, task, recipient, signer
# line, header line) must appear IN ORDER in the reader's text: searched forward from where
# the previous line was found. Whitespace is normalised (runs of spaces, line breaks, tabs and
# no-break spaces are one space) and text is compared in NFC; a line must be found between
# word boundaries. PDF text is broken into lines without hyphens, so it is compared with all
# whitespace removed; the page number at the top of pages 2+ (a header, not in the TXT) is
# dropped first. The first missing line is reported with the reader's text around the place
# it should have been.
#
# Environment (set by tests/meson.build): VANBAN, VANBAN_SOURCE_ROOT.
# Exit: 0 all found, 1 a failure, 77 skipped (a reader is not installed).
set -u

here=$(cd "$(dirname "$0")" && pwd)
root=${VANBAN_SOURCE_ROOT:-$(dirname "$here")}
vanban=${VANBAN:-$root/build/vanban}
python=/usr/bin/python3 # Debian's, which has python-docx (not a pyenv build on PATH)

missing=()
command -v pandoc >/dev/null 2>&1 || missing+=("pandoc")
if [ ! -x "$python" ]; then
    missing+=("$python")
elif ! "$python" -c 'import docx' >/dev/null 2>&1; then
    missing+=("python-docx (for $python)")
fi
soffice=$(command -v soffice || command -v libreoffice || true)
[ -n "$soffice" ] || missing+=("soffice (LibreOffice)")
command -v pdftotext >/dev/null 2>&1 || missing+=("pdftotext (poppler-utils)")
command -v timeout >/dev/null 2>&1 || missing+=("timeout")
if [ ${#missing[@]} -gt 0 ]; then
    list=${missing[0]}
    for tool in "${missing[@]:1}"; do list="$list, $tool"; done
    echo "SKIP: $list not found"
    exit 77
fi
if [ ! -x "$vanban" ]; then
    echo "FAIL: the vanban binary '$vanban' is missing"
    echo "0 passed, 1 failed"
    exit 1
fi

tmp=$(mktemp -d "${TMPDIR:-/tmp}/vb-test-readers-XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT
export LANG=C.UTF-8 LC_ALL=C.UTF-8

passed=0
failed=0
pass() { passed=$((passed + 1)); echo "ok   $1"; }
fail() {
    failed=$((failed + 1))
    echo "FAIL $1"
    [ -n "${2:-}" ] && sed 's/^/     /' "$2" | head -20
    return 0
}

# ---- the helpers the readers need ---------------------------------------------------------

# pandoc: a table becomes its cells' blocks, row by row, cell by cell (reading order).
cat >"$tmp/cells.lua" <<'LUA'
local function add_rows(rows, out)
  for _, row in ipairs(rows or {}) do
    for _, cell in ipairs(row.cells) do
      for _, block in ipairs(cell.contents) do
        out[#out + 1] = block
      end
    end
  end
end

function Table(t)
  local out = {}
  add_rows(t.head.rows, out)
  for _, body in ipairs(t.bodies) do
    add_rows(body.head, out)
    add_rows(body.body, out)
  end
  add_rows(t.foot.rows, out)
  return out
end
LUA

# python-docx: the body's paragraphs in document order, descending into table cells (each
# w:tc once, so a merged cell is not repeated). One paragraph per line; a line break inside a
# paragraph is a space.
cat >"$tmp/docx_text.py" <<'PY'
import sys
import docx
from docx.table import Table, _Cell
from docx.text.paragraph import Paragraph
from docx.oxml.ns import qn


def paragraph_text(p, parent):
    # python-docx reads no w:noBreakHyphen (Word's non-breaking hyphen, shown as "-"): give
    # it its character, then read the paragraph as python-docx does.
    for h in p.iter(qn("w:noBreakHyphen")):
        t = h.makeelement(qn("w:t"), {})
        t.text = "-"
        h.getparent().replace(h, t)
    return Paragraph(p, parent).text


def blocks(parent_elm, parent):
    for child in parent_elm.iterchildren():
        if child.tag == qn("w:p"):
            yield paragraph_text(child, parent)
        elif child.tag == qn("w:tbl"):
            table = Table(child, parent)
            for tr in child.iterchildren(qn("w:tr")):
                for tc in tr.iterchildren(qn("w:tc")):
                    yield from blocks(tc, _Cell(tc, table))
        elif child.tag == qn("w:sdt"):
            content = child.find(qn("w:sdtContent"))
            if content is not None:
                yield from blocks(content, parent)


src, out = sys.argv[1], sys.argv[2]
d = docx.Document(src)
with open(out, "w", encoding="utf-8") as f:
    for text in blocks(d.element.body, d):
        f.write(" ".join(text.split()) + "\n")
PY

# The comparison: check.py TXT READER_TEXT MODE LABEL; MODE is "words" or "compact" (PDF).
cat >"$tmp/check.py" <<'PY'
import re
import sys
import unicodedata

txt_path, reader_path, mode, label = sys.argv[1:5]


def nfc(s):
    return unicodedata.normalize("NFC", s)


def hyphens(s):
    # A non-breaking hyphen (U+2011, "tháng 9‑10/2025") is printed as a hyphen; text taken
    # back from a PDF gives it as "-".
    return s.replace("\u2011", "-")


def words(s):
    # Every run of white space (line breaks, tabs, no-break and zero-width spaces) is one space.
    return " ".join(hyphens(nfc(s)).replace("\u200b", " ").replace("\u00ad", "").split())


def compact(s):
    return "".join(hyphens(nfc(s)).replace("\u00ad", "").split())


with open(txt_path, encoding="utf-8") as f:
    lines = f.read().split("\n")
# The TXT marks a footnote "[N]" where it stands and gives its text on a line "[N] …" of its
# own; readers put notes elsewhere (the foot of the page, the end, or nowhere), so the note
# lines are left out and a line is cut at its marks. A data table's row is one TXT line with
# tab-separated cells; readers give the cells one by one. Cut pieces are looked for as
# substrings (a reader may glue the note's number to the word before it).
# pandoc's ODT reader drops a table's header rows and its spanning cells: data tables are
# not compared there.
# The frames of page 1 stand outside the text's flow: the TXT gives ô 11 and the draft mark
# first and ô 13 after page 1's section, the DOCX holds them after the header table, the PDF
# where LibreOffice draws them, and pandoc's ODT reader drops text frames. They are left out
# of the ordered lines and looked for anywhere in the reader's text (but pandoc's ODT's).
FRAME = re.compile(r"^(DỰ THẢO( LẦN \d+)?|LƯU HÀNH NỘI BỘ|XEM XONG TRẢ LẠI|"
                   r"Địa chỉ: .*; (ĐT|Fax|E-mail|Website): .*)$")
expected, bounded, notes, frames = [], [], [], []
for line in lines:
    if FRAME.match(line):
        frames.append(line)
        continue
    if re.match(r"^\[\d+\] ", line):
        notes.append(line.split(" ", 1)[1])
        continue
    if "\t" in line:
        if "pandoc-odt" in label:
            continue
        for part in line.split("\t"):
            part = words(part)
            if part:
                expected.append(part)
                bounded.append(True)
        continue
    parts = re.split(r"\[\d+\]", line)
    for part in parts:
        part = words(part)
        if part:
            expected.append(part)
            bounded.append(len(parts) == 1)
with open(reader_path, encoding="utf-8", errors="replace") as f:
    raw = f.read()

if mode == "compact":
    # pdftotext ends every page with a form feed; the number printed at the top of pages 2+
    # is the page header, which the TXT does not have.
    pages = raw.split("\f")
    kept = []
    for number, page in enumerate(pages, start=1):
        lines = page.split("\n")
        if number >= 2:
            for i, line in enumerate(lines):
                if line.strip():
                    # An appendix numbers its pages from 1 again.
                    if line.strip().isdigit() and int(line.strip()) <= number:
                        del lines[i]
                    break
        kept.append("\n".join(lines))
    haystack = compact("\n".join(kept))
    # Footnotes print at the foot of the page, inside the text that runs on to the next.
    # A long note may itself run on to the next page's foot: it is removed piece by piece,
    # from its number on; each piece is as much of the note as stands there unbroken.
    for note in notes:
        rest = compact(note)
        m = re.search(r"\d{1,3}" + re.escape(rest[:40]), haystack)
        at = m.start() if m else -1
        skip_number = m.end() - m.start() - len(rest[:40]) if m else 0
        while rest and at >= 0:
            k = at + skip_number
            n = 0
            while n < len(rest) and k + n < len(haystack) and haystack[k + n] == rest[n]:
                n += 1
            if n < 8:
                break
            haystack = haystack[:at] + haystack[k + n:]
            rest = rest[n:]
            at, skip_number = (haystack.find(rest[:20], at), 0) if rest else (-1, 0)
    needles = [compact(line) for line in expected]
else:
    haystack = " " + words(raw) + " "
    needles = [(" " + line + " ") if whole else line for line, whole in zip(expected, bounded)]

if not expected:
    print(f"FAIL {label}: the TXT output is empty")
    sys.exit(1)

cursor = 0
for index, (line, needle) in enumerate(zip(expected, needles), start=1):
    found = haystack.find(needle, cursor)
    if found >= 0:
        cursor = found + len(needle) - (1 if mode != "compact" else 0)
        continue
    print(f"FAIL {label}: TXT line {index} of {len(expected)} is not in the reader's text after line {index - 1}")
    print(f"     missing:  {line[:200]}")
    if index > 1:
        print(f"     previous: {expected[index - 2][:200]}")
    earlier = haystack.find(needle)
    if earlier >= 0:
        print(f"     (it is there earlier, at offset {earlier} before {cursor}: out of order)")
    else:
        # The longest start of the line that is there, to show where it diverges.
        lo, hi = 0, len(needle)
        while lo < hi:
            mid = (lo + hi + 1) // 2
            if haystack.find(needle[:mid], cursor) >= 0:
                hi, lo = hi, mid
            else:
                hi = mid - 1
        if lo > 3:
            at = haystack.find(needle[:lo], cursor)
            print(f"     the reader has the first {lo} characters, then: {haystack[at + lo:at + lo + 80]!r}")
    print(f"     reader's text from there: {haystack[cursor:cursor + 240]!r}")
    sys.exit(1)
if "pandoc-odt" not in label:
    for line in frames:
        if (compact(line) if mode == "compact" else words(line)) not in haystack:
            print(f"FAIL {label}: the frame line of page 1 is not in the reader's text: {line[:200]}")
            sys.exit(1)
print(f"ok   {label} ({len(expected)} lines in order" + (f", {len(frames)} frame lines" if frames else "") + ")")
PY

# ---- render -------------------------------------------------------------------------------

shopt -s nullglob
samples=("$root"/inputs/*.yaml "$root"/docs/examples/*.yaml)
if [ ${#samples[@]} -eq 0 ]; then
    fail "no samples in $root/inputs or $root/docs/examples"
fi

mkdir -p "$tmp/lo" "$tmp/pdf" "$tmp/out"
names=()
for yaml in "${samples[@]}"; do
    name=$(basename "$yaml" .yaml)
    ok=1
    for format in docx odt txt; do
        if ! "$vanban" render -f "$format" -o "$tmp/out/$name.$format" "$yaml" >"$tmp/render.log" 2>&1; then
            fail "$name: vanban render -f $format failed" "$tmp/render.log"
            ok=0
        fi
    done
    [ "$ok" -eq 1 ] || continue
    names+=("$name")
    # Distinct base names, so the DOCX and the ODT of one sample give two PDFs.
    cp "$tmp/out/$name.docx" "$tmp/lo/$name-docx.docx"
    cp "$tmp/out/$name.odt" "$tmp/lo/$name-odt.odt"
done

# ---- LibreOffice: every file in one run, with a profile of its own -------------------------

if [ ${#names[@]} -gt 0 ]; then
    if ! timeout 300 "$soffice" -env:UserInstallation="file://$tmp/lo-profile" --headless --norestore \
            --convert-to pdf --outdir "$tmp/pdf" "$tmp"/lo/*.docx "$tmp"/lo/*.odt >"$tmp/soffice.log" 2>&1; then
        fail "LibreOffice conversion to PDF failed or timed out (300 s)" "$tmp/soffice.log"
    fi
fi

# ---- each reader, each sample --------------------------------------------------------------

# compare NAME READER MODE FILE: the TXT lines of NAME in order in FILE
compare() {
    local name=$1 reader=$2 mode=$3 file=$4
    "$python" "$tmp/check.py" "$tmp/out/$name.txt" "$file" "$mode" "$name $reader" >"$tmp/check.log" 2>&1
    local rc=$?
    if [ "$rc" -eq 0 ]; then
        pass "$(sed -n '1s/^ok   //p' "$tmp/check.log")"
    elif grep -q '^FAIL ' "$tmp/check.log"; then
        failed=$((failed + 1))
        cat "$tmp/check.log"
    else
        fail "$name $reader: the comparison script failed" "$tmp/check.log"
    fi
}

for name in "${names[@]}"; do
    for format in docx odt; do
        text=$tmp/out/$name.$format.pandoc.txt
        if pandoc -f "$format" -t plain --wrap=none --lua-filter "$tmp/cells.lua" \
                "$tmp/out/$name.$format" -o "$text" >"$tmp/pandoc.log" 2>&1; then
            compare "$name" "pandoc-$format" words "$text"
        else
            fail "$name: pandoc cannot read the ${format^^}" "$tmp/pandoc.log"
        fi
    done

    text=$tmp/out/$name.python-docx.txt
    if "$python" "$tmp/docx_text.py" "$tmp/out/$name.docx" "$text" >"$tmp/python.log" 2>&1; then
        compare "$name" python-docx words "$text"
    else
        fail "$name: python-docx cannot open the DOCX" "$tmp/python.log"
    fi

    for format in docx odt; do
        pdf=$tmp/pdf/$name-$format.pdf
        text=$tmp/out/$name.$format.pdf.txt
        if [ ! -s "$pdf" ]; then
            fail "$name: LibreOffice made no PDF of the ${format^^}" "$tmp/soffice.log"
        elif pdftotext -raw -enc UTF-8 "$pdf" "$text" >"$tmp/pdftotext.log" 2>&1; then
            compare "$name" "libreoffice-$format-pdf" compact "$text"
        else
            fail "$name: pdftotext cannot read the PDF of the ${format^^}" "$tmp/pdftotext.log"
        fi
    done
done

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
