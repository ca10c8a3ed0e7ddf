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

# ---- PDF batches, the kept LibreOffice of previews, and their clean-up ----
# `render -f pdf` writes every document's ODT first, then converts them through one
# LibreOffice per job; `preview` reuses a LibreOffice it keeps running. Each check below looks
# at what a user gets (the PDFs, their pages and text, the page images, the messages) and at
# what must not stay behind: LibreOffice processes, profiles and work files (all under this
# test's TMPDIR, so the checks see only this test's processes). Nothing here depends on how
# fast the machine is: waits are for an event, with a generous bound.

export TMPDIR=$tmp/t
mkdir -p "$TMPDIR"
unset XDG_RUNTIME_DIR
export VANBAN_OFFICE_IDLE=0 # one LibreOffice per run unless a check asks for the kept one
tb=$root/inputs/tb-ket-luan-bcd-cds-tuyen-quang-2022.yaml
real_soffice=$(command -v soffice)

# Processes whose command line names this test's directory: LibreOffice (its profile and
# files are under it), a fake soffice, a kept LibreOffice's keeper.
leftovers() { pgrep -af -- "$tmp" | grep -v "^$$ " || true; }
# Work files left under TMPDIR: batch and image work directories, profiles, LibreOffice's own.
leftover_files() { find "$TMPDIR" -mindepth 1 -maxdepth 1 2>/dev/null | sed "s|^$TMPDIR/||" | tr '\n' ' '; }
no_leftovers() {
    local what=$1 procs files
    procs=$(leftovers)
    files=$(leftover_files)
    if [ -z "$procs" ] && [ -z "$files" ]; then
        pass "$what: no LibreOffice process and no work file left"
    else
        echo "$procs" >"$tmp/procs.txt"
        fail "$what: left behind: ${files:-no files}" "$tmp/procs.txt"
    fi
}
pages_of() { pdfinfo "$1" 2>/dev/null | awk '/^Pages:/ { print $2 }'; }
# Width and height of a PNG, from its header.
png_size() {
    od -An -tu1 -j16 -N8 "$1" |
        awk '{ printf "%d %d", $1*16777216 + $2*65536 + $3*256 + $4, $5*16777216 + $6*65536 + $7*256 + $8 }'
}

# The batch: copies of a Thông báo, each with its own number, two of them with the same file
# name in different directories (LibreOffice names a PDF after its source file).
mkdir -p "$tmp/batch/a" "$tmp/batch/b"
for i in 1 2 3 4 5; do
    sed "s/^so: 120$/so: 10$i/" "$tb" >"$tmp/batch/a/tb-$i.yaml"
done
sed "s/^so: 120$/so: 106/" "$tb" >"$tmp/batch/b/tb-1.yaml"
"$vanban" render -o "$tmp/single.pdf" "$tmp/batch/a/tb-1.yaml" >"$tmp/single.log" 2>&1 ||
    fail "one PDF alone" "$tmp/single.log"
single_pages=$(pages_of "$tmp/single.pdf")
pdftotext -enc UTF-8 "$tmp/single.pdf" - | grep -v "^Số: 10./TB-UBND" >"$tmp/single.txt"
if "$vanban" render -f pdf -j 2 "$tmp/batch" >"$tmp/batch.log" 2>&1; then
    pass "render -f pdf -j 2 over 6 documents succeeds"
else
    fail "render -f pdf -j 2 over 6 documents failed" "$tmp/batch.log"
fi
for pdf in "$tmp"/batch/a/tb-{1,2,3,4,5}.pdf "$tmp/batch/b/tb-1.pdf"; do
    case $pdf in
    */b/*) number=106 ;;
    *) number=10$(basename "$pdf" .pdf | sed 's/tb-//') ;;
    esac
    shown=${pdf#"$tmp"/}
    if [ ! -s "$pdf" ]; then
        fail "$shown: no PDF"
        continue
    fi
    pages=$(pages_of "$pdf")
    pdftotext -enc UTF-8 "$pdf" "$tmp/page.txt"
    # Its own number and no other; otherwise the text of the document converted alone.
    if ! grep -q "^Số: $number/TB-UBND" "$tmp/page.txt"; then
        fail "$shown: 'Số: $number/TB-UBND' is not in its text"
    elif [ "$(grep -c '^Số: 1[0-9][0-9]/TB-UBND' "$tmp/page.txt")" -ne 1 ]; then
        fail "$shown: holds another document's number too"
    elif [ "$pages" != "$single_pages" ]; then
        fail "$shown: $pages pages, the same document alone has $single_pages"
    elif ! grep -v "^Số: 10./TB-UBND" "$tmp/page.txt" | cmp -s - "$tmp/single.txt"; then
        fail "$shown: its text differs from the document converted alone"
    else
        pass "$shown: its own number, $pages pages and the text of the document converted alone"
    fi
done
no_leftovers "the batch"

# A batch where LibreOffice cannot load one document (a wrapper removes the third ODT it is
# given) and where one input does not pass the checks: both are reported, each by name; the
# others are written.
rm -f "$tmp"/batch/a/*.pdf "$tmp"/batch/b/*.pdf
{
    echo '#!/bin/bash'
    echo 'n=0'
    echo 'for a in "$@"; do'
    echo '    case $a in *.odt) n=$((n + 1)); [ $n -eq 3 ] && rm -f -- "$a" ;; esac'
    echo 'done'
    echo "exec '$real_soffice' \"\$@\""
} >"$tmp/drop-third.sh"
chmod +x "$tmp/drop-third.sh"
printf 'the_thuc: nha_nuoc\nloai: TB\n' >"$tmp/batch/a/tb-0-broken.yaml"
VANBAN_SOFFICE=$tmp/drop-third.sh "$vanban" render --lang en -f pdf -j 1 "$tmp/batch" >"$tmp/broken.log" 2>&1
status=$?
# In order: a/tb-0-broken (not written), a/tb-1, a/tb-2, a/tb-3 (the third ODT: removed), ...
made=$(ls "$tmp"/batch/a/*.pdf "$tmp"/batch/b/*.pdf 2>/dev/null | sed "s|^$tmp/batch/||" | tr '\n' ' ')
if [ "$status" -ne 0 ] && grep -q "tb-0-broken.yaml:.*error" "$tmp/broken.log" &&
    grep -q "could not convert .*a/tb-3.pdf to PDF" "$tmp/broken.log" &&
    [ "$made" = "a/tb-1.pdf a/tb-2.pdf a/tb-4.pdf a/tb-5.pdf b/tb-1.pdf " ] &&
    grep -q "5 of 7 documents rendered" "$tmp/broken.log"; then
    pass "a batch with a bad input and a document LibreOffice cannot load: both reported, the 5 others written"
else
    echo "exit status $status; PDFs written: $made" >>"$tmp/broken.log"
    fail "a batch with two bad documents" "$tmp/broken.log"
fi
rm -f "$tmp/batch/a/tb-0-broken.yaml"
no_leftovers "a batch with errors"

# A LibreOffice that fails at once.
VANBAN_SOFFICE=/bin/false "$vanban" render --lang en -o "$tmp/false.pdf" "$tmp/batch/a/tb-1.yaml" \
    >"$tmp/false.log" 2>&1
status=$?
if [ "$status" -eq 3 ] && [ ! -e "$tmp/false.pdf" ] && grep -q "could not convert" "$tmp/false.log"; then
    pass "a LibreOffice that fails at once: an I/O error, no PDF"
else
    fail "a LibreOffice that fails at once (exit status $status)" "$tmp/false.log"
fi
no_leftovers "a LibreOffice that fails at once"

# Time limits: a real LibreOffice given 1 ms, and a hung one (a script that starts a child
# and waits for ever) given 1 s: each killed with everything it started.
VANBAN_PDF_TIMEOUT=0.001 "$vanban" render --lang en -f pdf -j 2 "$tmp/batch/a/tb-1.yaml" \
    "$tmp/batch/a/tb-2.yaml" >"$tmp/timeout.log" 2>&1
status=$?
if [ "$status" -eq 3 ] && [ "$(grep -c 'did not finish .* within 0.001 s' "$tmp/timeout.log")" -eq 2 ]; then
    pass "VANBAN_PDF_TIMEOUT=0.001: each document reported as not finished in time"
else
    fail "VANBAN_PDF_TIMEOUT=0.001 (exit status $status)" "$tmp/timeout.log"
fi
no_leftovers "a LibreOffice past its time limit"
{
    echo '#!/bin/bash'
    echo "bash -c 'sleep 1000; :' '$tmp' &"
    echo "echo \$! >'$tmp/hang-child.pid'"
    echo 'wait'
} >"$tmp/hang.sh"
chmod +x "$tmp/hang.sh"
VANBAN_SOFFICE=$tmp/hang.sh VANBAN_PDF_TIMEOUT=1 "$vanban" render --lang en -o "$tmp/hang.pdf" \
    "$tmp/batch/a/tb-1.yaml" >"$tmp/hang.log" 2>&1
status=$?
# Killed: gone once the system has reaped it (its parent died with it).
for _ in $(seq 1 300); do
    kill -0 "$(cat "$tmp/hang-child.pid" 2>/dev/null)" 2>/dev/null || break
    sleep 0.1
done
if [ "$status" -eq 3 ] && grep -q "did not finish" "$tmp/hang.log" && [ -s "$tmp/hang-child.pid" ] &&
    ! kill -0 "$(cat "$tmp/hang-child.pid")" 2>/dev/null; then
    pass "a hung LibreOffice is killed after VANBAN_PDF_TIMEOUT, with the process it started"
else
    fail "a hung LibreOffice (exit status $status)" "$tmp/hang.log"
fi
no_leftovers "a hung LibreOffice"

# Ctrl-C while LibreOffice converts: vanban stops it, removes its work files and exits with
# 128 + SIGINT. Job control on, so that a background job may receive SIGINT at all, and the
# default action restored (vanban leaves a SIGINT ignored since its start ignored, as a
# background job of a shell without job control would have it).
set -m
env --default-signal=INT "$vanban" render -f pdf -j 2 "$tmp/batch" >"$tmp/int.log" 2>&1 &
vb_pid=$!
for _ in $(seq 1 1200); do
    pgrep -f -- "soffice.*$TMPDIR/vanban-pdf-" >/dev/null && break
    sleep 0.1
done
kill -INT "$vb_pid"
wait "$vb_pid"
status=$?
set +m
if [ "$status" -eq 130 ]; then
    pass "Ctrl-C during a batch: exit status 130"
else
    fail "Ctrl-C during a batch: exit status $status, not 130" "$tmp/int.log"
fi
no_leftovers "Ctrl-C during a batch"

# Previews: --dpi sets the size of the images; the message names the files written, numbered
# as they are (x-01.png from 10 pages on). The first one with a LibreOffice of its own; then
# the kept LibreOffice: the next preview starts it, the ones after use the same one, and its
# keeper stops it on SIGTERM and removes its profile and state.
cp "$tb" "$tmp/tb.yaml"
state=$TMPDIR/vanban-office-$(id -u)
keeper="" server=""
for dpi in 72 150 150; do
    rm -f "$tmp"/tb-*.png
    args=(--dpi "$dpi")
    [ "$dpi" = 150 ] && args=() # the default
    how="without a kept LibreOffice"
    if [ -n "$keeper" ]; then
        how="through the kept LibreOffice"
    elif [ "$dpi" = 150 ]; then
        how="starting the kept LibreOffice"
        export VANBAN_OFFICE_IDLE=600
    fi
    if ! "$vanban" preview --lang en "${args[@]}" "$tmp/tb.yaml" >"$tmp/preview.log" 2>&1; then
        fail "preview at $dpi dpi, $how, failed" "$tmp/preview.log"
        continue
    fi
    # The page's size in points times dpi / 72, to the pixel (rounded up or down).
    want=$(pdfinfo "$tmp/single.pdf" | awk -v d="$dpi" '/^Page size:/ { printf "%.2f %.2f", $3 * d / 72, $5 * d / 72 }')
    bad=""
    for png in "$tmp"/tb-*.png; do
        got=$(png_size "$png")
        echo "$got $want" | awk '{ exit !($1 - $3 < 1 && $3 - $1 < 1 && $2 - $4 < 1 && $4 - $2 < 1) }' ||
            bad="$bad $(basename "$png") is $got;"
    done
    count=$(ls "$tmp"/tb-*.png | wc -l)
    if [ -z "$bad" ] && [ "$count" -eq "$single_pages" ]; then
        pass "preview${args[*]:+ ${args[*]}}, $how: $count PNGs, each the page at $dpi dpi ($want px, to the pixel)"
    else
        fail "preview at $dpi dpi, $how: $count images for $single_pages pages;$bad (want $want)"
    fi
    if [ "$how" = "without a kept LibreOffice" ]; then
        no_leftovers "a preview without a kept LibreOffice"
    elif [ -z "$keeper" ]; then
        keeper=$(cat "$state/keeper.pid" 2>/dev/null)
        server=$(pgrep -f -- "soffice.bin.*$state/profile" | head -1)
    elif [ "$(cat "$state/keeper.pid" 2>/dev/null)" = "$keeper" ] &&
        [ "$(pgrep -f -- "soffice.bin.*$state/profile" | head -1)" = "$server" ]; then
        pass "the second preview went through the LibreOffice the first one started"
    else
        fail "the second preview did not use the kept LibreOffice (keeper '$keeper', server '$server')"
    fi
done
cp "$root/inputs/nq-111-tu-chuyen-doi-so-bac-giang-2021.yaml" "$tmp/nq.yaml"
"$vanban" preview --lang en "$tmp/nq.yaml" 2>&1 >/dev/null | grep '^vanban: wrote' >"$tmp/preview-msg.txt"
nq_pngs=("$tmp"/nq-*.png)
named=$(grep -o '[^ ,]*\.png' "$tmp/preview-msg.txt")
missing=""
for f in $named; do [ -f "$f" ] || missing="$missing $f"; done
if [ ${#nq_pngs[@]} -ge 10 ] && [ -n "$named" ] && [ -z "$missing" ] &&
    [ "$(echo "$named" | head -1)" = "${nq_pngs[0]}" ] && [ "$(echo "$named" | tail -1)" = "${nq_pngs[-1]}" ] &&
    [ "$(basename "${nq_pngs[0]}")" = nq-01.png ]; then
    pass "preview of ${#nq_pngs[@]} pages: the message names ${nq_pngs[0]##*/} … ${nq_pngs[-1]##*/}, which exist"
else
    echo "files: ${nq_pngs[*]##*/}; missing:$missing" >>"$tmp/preview-msg.txt"
    fail "preview message and files of a document of 10 pages or more" "$tmp/preview-msg.txt"
fi
if "$vanban" preview --dpi 5 "$tmp/tb.yaml" >/dev/null 2>&1; then
    fail "preview --dpi 5 is accepted"
else
    pass "preview --dpi 5 is refused"
fi
if [ -n "$keeper" ]; then
    kill -TERM "$keeper"
else
    fail "no kept LibreOffice was started"
fi
for _ in $(seq 1 600); do
    [ -z "$(leftovers)" ] && [ ! -e "$state" ] && break
    sleep 0.1
done
no_leftovers "the kept LibreOffice after its keeper's SIGTERM"

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
