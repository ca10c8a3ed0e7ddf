#!/bin/bash
# The pages as LibreOffice lays them out: every sample in inputs/ is rendered with the vanban
# binary, converted to PDF with LibreOffice headless, and the PDF is read back with poppler:
#   - the conversion succeeds and gives a PDF;
#   - every page is A4 (pdfinfo; 11906 × 16838 twips is 595.30 × 841.90 pt, so A4's
#     595.28 × 841.89 pt is accepted within 1 pt);
#   - page 1 has nothing in the top margin (no page number) but the ô 11 and draft marks; page 2 has "2" there, centred on
#     the text area (30 mm + (210 − 45) / 2 mm from the left edge, within 10 pt);
#   - the fonts are Liberation Serif (LibreOffice's metric twin of Times New Roman) or Times;
#   - every heading of the document (paragraphs styled VbPhan, VbMuc, VbKhoan, VbDiem, VbDieu
#     in word/document.xml) is in the PDF text, whitespace-normalised.
#
# Environment (set by tests/meson.build): VANBAN, VANBAN_SOURCE_ROOT.
# Exit: 0 all passed, 1 a failure, 77 skipped (no soffice, poppler, unzip or xmllint).
set -u

here=$(cd "$(dirname "$0")" && pwd)
root=${VANBAN_SOURCE_ROOT:-$(dirname "$here")}
vanban=${VANBAN:-$root/build/vanban}

if ! command -v soffice >/dev/null 2>&1; then
    echo "SKIP: soffice not found"
    exit 77
fi
for tool in pdftotext pdfinfo pdffonts unzip xmllint timeout awk; do
    if ! command -v "$tool" >/dev/null 2>&1; then
        echo "SKIP: $tool not found"
        exit 77
    fi
done
if [ ! -x "$vanban" ]; then
    echo "FAIL: the vanban binary '$vanban' is missing"
    echo "0 passed, 1 failed"
    exit 1
fi

tmp=$(mktemp -d "${TMPDIR:-/tmp}/vb-test-pdf-XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT

# Page geometry in points (NĐ30 Phụ lục I §I: A4, margins 20/20/30/15 mm).
a4_w=595.28
a4_h=841.89
top_margin=$(awk 'BEGIN { printf "%.3f", 20 * 72 / 25.4 }')
text_centre=$(awk 'BEGIN { printf "%.3f", (30 + (210 - 45) / 2) * 72 / 25.4 }')
# A word whose bottom is this far above the text area's top edge is in the top margin.
band=$(awk -v m="$top_margin" 'BEGIN { printf "%.3f", m - 5 }')

passed=0
failed=0
pass() { passed=$((passed + 1)); echo "ok   $1"; }
fail() {
    failed=$((failed + 1))
    echo "FAIL $1"
    [ -n "${2:-}" ] && sed 's/^/     /' "$2" | head -20
    return 0
}
note() { echo "note $1"; }

# Words of page $2 of PDF $1 as lines "xMin yMin xMax yMax text".
page_words() {
    pdftotext -enc UTF-8 -f "$2" -l "$2" -bbox "$1" - 2>/dev/null |
        sed -n 's/.*<word xMin="\([0-9.]*\)" yMin="\([0-9.]*\)" xMax="\([0-9.]*\)" yMax="\([0-9.]*\)">\(.*\)<\/word>.*/\1 \2 \3 \4 \5/p'
}

# The heading paragraphs of a DOCX, one per line (their text, whitespace-normalised).
headings() {
    local xml=$1 styles='VbPhan VbMuc VbKhoan VbDiem VbDieu' pred='' s
    for s in $styles; do
        pred="$pred${pred:+ or }@*[local-name()='val']='$s'"
    done
    local sel="/*[local-name()='document']/*[local-name()='body']/*[local-name()='p'][*[local-name()='pPr']/*[local-name()='pStyle'][$pred]]"
    local n i
    n=$(xmllint --xpath "count($sel)" "$xml" 2>/dev/null) || n=0
    for ((i = 1; i <= n; i++)); do
        xmllint --xpath "string(($sel)[$i])" "$xml" 2>/dev/null | tr -s '[:space:]' ' ' | sed 's/^ //; s/ $//'
        echo
    done
}

shopt -s nullglob
samples=("$root"/inputs/*.yaml)
if [ ${#samples[@]} -eq 0 ]; then
    fail "no samples in $root/inputs"
fi

mkdir -p "$tmp/pdf"
for yaml in "${samples[@]}"; do
    name=$(basename "$yaml" .yaml)
    docx=$tmp/$name.docx
    pdf=$tmp/pdf/$name.pdf
    if ! "$vanban" render -o "$docx" "$yaml" >"$tmp/render.log" 2>&1; then
        fail "$name: vanban render failed" "$tmp/render.log"
        continue
    fi

    # Conversion. Its own profile: concurrent LibreOffice runs collide on the profile lock.
    timeout 180 soffice -env:UserInstallation="file://$tmp/profile" --headless \
        --convert-to pdf --outdir "$tmp/pdf" "$docx" >"$tmp/soffice.log" 2>&1
    status=$?
    if [ "$status" -ne 0 ] || [ ! -s "$pdf" ] || ! pdfinfo "$pdf" >"$tmp/pdfinfo.txt" 2>&1; then
        [ "$status" -eq 124 ] && echo "(soffice timed out after 180 s)" >>"$tmp/soffice.log"
        fail "$name: LibreOffice did not convert the DOCX to PDF (status $status)" "$tmp/soffice.log"
        continue
    fi
    pass "$name: converted to PDF"
    pages=$(awk '/^Pages:/ { print $2 }' "$tmp/pdfinfo.txt")

    # A4 on every page.
    pdfinfo -f 1 -l "$pages" "$pdf" 2>/dev/null | awk '/^Page +[0-9]+ size:/ { print $2, $4, $6 }' >"$tmp/sizes.txt"
    bad=$(awk -v w="$a4_w" -v h="$a4_h" '
        function abs(x) { return x < 0 ? -x : x }
        abs($2 - w) > 1 || abs($3 - h) > 1 { printf "page %s is %s x %s pts; ", $1, $2, $3 }' "$tmp/sizes.txt")
    counted=$(wc -l <"$tmp/sizes.txt")
    if [ -z "$bad" ] && [ "$counted" -eq "$pages" ] && [ "$pages" -gt 0 ]; then
        pass "$name: $pages page(s), all A4 ($(head -1 "$tmp/sizes.txt" | awk '{ print $2 " x " $3 }') pts)"
    else
        fail "$name: not A4: ${bad:-$counted sizes for $pages pages}"
    fi

    # Fonts: Liberation Serif or Times, nothing else.
    pdffonts "$pdf" 2>/dev/null | awk 'NR > 2 { print $1 }' >"$tmp/fonts.txt"
    others=$(sed 's/^[A-Z]\{6\}+//' "$tmp/fonts.txt" | grep -viE '^(LiberationSerif|Times)' | sort -u | tr '\n' ' ')
    if [ -s "$tmp/fonts.txt" ] && [ -z "$others" ]; then
        pass "$name: fonts $(sed 's/^[A-Z]\{6\}+//' "$tmp/fonts.txt" | sort -u | tr '\n' ' ')"
    else
        fail "$name: fonts other than Liberation Serif / Times: ${others:-none at all}"
    fi

    # Page 1: nothing in the top margin but ô 11 and the draft mark (no page number).
    page_words "$pdf" 1 >"$tmp/p1.txt"
    top1=$(awk -v b="$band" '$4 < b { sub(/^[^ ]+ [^ ]+ [^ ]+ [^ ]+ /, ""); printf "%s ", $0 }' "$tmp/p1.txt")
    top1=$(printf '%s' "$top1" | sed -E 's/DỰ THẢO( LẦN [0-9]+)? //; s/(LƯU HÀNH NỘI BỘ|XEM XONG TRẢ LẠI) //')
    if [ ! -s "$tmp/p1.txt" ]; then
        fail "$name: page 1 has no text"
    elif [ -z "$top1" ]; then
        pass "$name: page 1 has no page number at the top"
    else
        fail "$name: page 1 shows '$top1' in the top margin"
    fi

    # Page 2: "2" alone in the top margin, centred on the text area.
    if [ "${pages:-0}" -lt 2 ]; then
        note "$name: one page only, no page 2 to check"
    else
        page_words "$pdf" 2 >"$tmp/p2.txt"
        awk -v b="$band" '$4 < b' "$tmp/p2.txt" >"$tmp/p2top.txt"
        result=$(awk -v c="$text_centre" '
            function abs(x) { return x < 0 ? -x : x }
            { n++; text = $5; x = ($1 + $3) / 2 }
            END {
                if (n != 1) { printf "%d words in the top margin", n; exit }
                if (text != "2") { printf "the top margin shows \"%s\", not \"2\"", text; exit }
                if (abs(x - c) > 10) { printf "\"2\" is centred at x = %.1f pt, the text area at %.1f pt", x, c; exit }
                printf "ok %.1f", x
            }' "$tmp/p2top.txt")
        case $result in
        ok*) pass "$name: page 2 has \"2\" centred at the top (x = ${result#ok } pt, text area centre $text_centre pt)" ;;
        *) fail "$name: page 2: $result" ;;
        esac
    fi

    # Every heading of the document is in the PDF text.
    unzip -p "$docx" word/document.xml >"$tmp/document.xml" 2>/dev/null
    headings "$tmp/document.xml" >"$tmp/headings.txt"
    pdftotext -enc UTF-8 "$pdf" - 2>/dev/null | tr -s '[:space:]' ' ' >"$tmp/text.txt"
    total=0
    missing=0
    : >"$tmp/missing.txt"
    while IFS= read -r h; do
        [ -n "$h" ] || continue
        total=$((total + 1))
        if ! grep -qF -- "$h" "$tmp/text.txt"; then
            missing=$((missing + 1))
            echo "missing: $h" >>"$tmp/missing.txt"
        fi
    done <"$tmp/headings.txt"
    if [ "$total" -eq 0 ]; then
        note "$name: no headings to look for"
    elif [ "$missing" -eq 0 ]; then
        pass "$name: all $total headings are in the PDF text"
    else
        fail "$name: $missing of $total headings are not in the PDF text" "$tmp/missing.txt"
    fi
done

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
