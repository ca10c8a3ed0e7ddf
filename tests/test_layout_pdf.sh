#!/bin/bash
# The page as measured: every sample (inputs/*.yaml, docs/examples/*.yaml) is rendered to DOCX
# and to ODT, both are converted to PDF by LibreOffice headless, and tests/measure_layout.py
# measures each PDF with PyMuPDF against the layout rules of NĐ30 (the_thuc: nha_nuoc) or
# HD36 (the_thuc: dang): page size, margins, fonts, the size and style of every header element,
# the rules under Tiêu ngữ / Party title / issuing body / trích yếu, body paragraphs, Nơi nhận,
# the signature and the page numbers.
#   - the checker passes on both PDFs of every sample;
#   - the DOCX and the ODT give the same page: every measured element's size and position and
#     every rule's length agree within 1 pt (measure_layout.py --json on both);
#   - negative test: a state sample's DOCX with the body style (VbNoiDung) set to 12 pt must make
#     the checker fail on the body size.
#
# Environment (set by tests/meson.build): VANBAN, VANBAN_SOURCE_ROOT.
# Exit: 0 all passed, 1 a failure, 77 skipped (no soffice, or no PyMuPDF for /usr/bin/python3).
set -u

here=$(cd "$(dirname "$0")" && pwd)
root=${VANBAN_SOURCE_ROOT:-$(dirname "$here")}
vanban=${VANBAN:-$root/build/vanban}
python=/usr/bin/python3
checker=$here/measure_layout.py
tolerance=1.0

if ! command -v soffice >/dev/null 2>&1; then
    echo "SKIP: soffice not found"
    exit 77
fi
if [ ! -x "$python" ] || ! "$python" -c 'import fitz' >/dev/null 2>&1; then
    echo "SKIP: PyMuPDF (python3-fitz) not importable by $python"
    exit 77
fi
if [ ! -x "$vanban" ]; then
    echo "FAIL: the vanban binary '$vanban' is missing"
    echo "0 passed, 1 failed"
    exit 1
fi

tmp=$(mktemp -d "${TMPDIR:-/tmp}/vb-test-layout-XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$tmp/docx" "$tmp/odt" "$tmp/pdf-docx" "$tmp/pdf-odt" "$tmp/out"

passed=0
failed=0
pass() { passed=$((passed + 1)); echo "ok   $1"; }
fail() {
    failed=$((failed + 1))
    echo "FAIL $1"
    [ -n "${2:-}" ] && [ -s "$2" ] && sed 's/^/     /' "$2" | head -30
    return 0
}

# One LibreOffice run per input kind, several files each; its own profile (concurrent runs
# collide on the profile lock).
convert() { # outdir files...
    local outdir=$1
    shift
    timeout 180 soffice -env:UserInstallation="file://$tmp/profile" --headless --norestore \
        --convert-to pdf --outdir "$outdir" "$@" >>"$tmp/soffice.log" 2>&1
    local status=$?
    [ "$status" -eq 124 ] && echo "(soffice timed out after 180 s)" >>"$tmp/soffice.log"
    return "$status"
}

# ---- render every sample to DOCX and ODT
shopt -s nullglob
samples=("$root"/inputs/*.yaml "$root"/docs/examples/*.yaml)
if [ ${#samples[@]} -eq 0 ]; then
    fail "no samples in $root/inputs or $root/docs/examples"
fi
names=()
declare -A format_of yaml_of
for yaml in "${samples[@]}"; do
    case $yaml in
    "$root"/inputs/*) name=inputs-$(basename "$yaml" .yaml) ;;
    *) name=examples-$(basename "$yaml" .yaml) ;;
    esac
    if ! "$vanban" render -f docx -o "$tmp/docx/$name.docx" "$yaml" >"$tmp/render.log" 2>&1; then
        fail "$name: vanban render -f docx failed" "$tmp/render.log"
        continue
    fi
    if ! "$vanban" render -f odt -o "$tmp/odt/$name.odt" "$yaml" >"$tmp/render.log" 2>&1; then
        fail "$name: vanban render -f odt failed" "$tmp/render.log"
        continue
    fi
    the_thuc=$(grep -m1 -E '^the_thuc:' "$yaml" | sed -E 's/^the_thuc:[[:space:]]*//; s/[[:space:]]*(#.*)?$//; s/["'\'']//g')
    case $the_thuc in
    dang) format_of[$name]=party ;;
    *) format_of[$name]=state ;;
    esac
    yaml_of[$name]=$yaml
    names+=("$name")
done

# ---- the negative sample: a state DOCX with the body style at 12 pt
neg=""
for n in "${names[@]}"; do
    if [ "${format_of[$n]}" = state ] && [ -z "$neg" ]; then
        case $n in *tb-ket-luan*) neg=$n ;; esac
    fi
done
if [ -z "$neg" ]; then
    for n in "${names[@]}"; do
        [ "${format_of[$n]}" = state ] && { neg=$n; break; }
    done
fi
if [ -n "$neg" ]; then
    # unzip, change word/styles.xml, zip again (entry order kept, [Content_Types].xml first)
    if ! "$python" - "$tmp/docx/$neg.docx" "$tmp/docx/negative-body12.docx" >"$tmp/neg.log" 2>&1 <<'EOF'
import re, sys, zipfile
src, dst = sys.argv[1:3]
with zipfile.ZipFile(src) as z:
    entries = [(i, z.read(i.filename)) for i in z.infolist()]
out = []
for info, data in entries:
    if info.filename == "word/styles.xml":
        xml = data.decode("utf-8")
        m = re.search(r'<w:style\b[^>]*w:styleId="VbNoiDung"[^>]*>.*?</w:style>', xml, re.S)
        if not m:
            sys.exit("no style VbNoiDung in word/styles.xml")
        style, n = re.subn(r'(<w:(?:sz|szCs) w:val=")28(")', r"\g<1>24\g<2>", m.group(0))
        if n != 2:
            sys.exit("VbNoiDung: expected w:sz and w:szCs at 28, changed %d" % n)
        data = (xml[:m.start()] + style + xml[m.end():]).encode("utf-8")
    out.append((info, data))
with zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as z:
    for info, data in out:
        z.writestr(info, data)
EOF
    then
        rm -f "$tmp/docx/negative-body12.docx"
        fail "negative test: could not set VbNoiDung to 12 pt in $neg.docx" "$tmp/neg.log"
    fi
else
    fail "negative test: no state sample"
fi

# ---- convert: all DOCX in one LibreOffice run, all ODT in another
docx_files=("$tmp"/docx/*.docx)
odt_files=("$tmp"/odt/*.odt)
[ ${#docx_files[@]} -gt 0 ] && { convert "$tmp/pdf-docx" "${docx_files[@]}" || echo "(DOCX conversion exit $?)" >>"$tmp/soffice.log"; }
[ ${#odt_files[@]} -gt 0 ] && { convert "$tmp/pdf-odt" "${odt_files[@]}" || echo "(ODT conversion exit $?)" >>"$tmp/soffice.log"; }

# ---- check each PDF, then compare the two
# Known LibreOffice issue: when a DOCX has footnotes, its DOCX import sets page 1 about one
# line (16 pt) lower than the same document's ODT (the DOCX's own page set-up is unchanged).
# For such a document the page-1 positions are not compared and the page-1 top margin of the
# DOCX is reported as known, not passed.
compare() { # docx.json odt.json [shifted]
    "$python" - "$1" "$2" "$tolerance" "${3:-0}" <<'EOF'
import json, sys
a, b = (json.load(open(p, encoding="utf-8")) for p in sys.argv[1:3])
tol = float(sys.argv[3])
shifted = sys.argv[4] == "1"
SKIP = {"file", "checks", "passed", "failed", "fonts"}
if shifted:
    SKIP |= {"elements", "rules", "page1_top"}

def flat(x, key, out):
    if isinstance(x, dict):
        for k, v in x.items():
            if key or k not in SKIP:
                flat(v, key + "." + k if key else k, out)
    elif isinstance(x, list):
        out[key + ".count"] = len(x)
        for i, v in enumerate(x):
            flat(v, "%s[%d]" % (key, i), out)
    else:
        out[key] = x

fa, fb = {}, {}
flat(a, "", fa)
flat(b, "", fb)
bad, worst, worst_key, n = [], 0.0, "-", 0
for k in sorted(set(fa) | set(fb)):
    if shifted and k.endswith("page1_top"):
        continue
    if k not in fa or k not in fb:
        bad.append("%s: only in the %s PDF (%r)" % (k, "DOCX" if k in fa else "ODT", fa.get(k, fb.get(k))))
        continue
    x, y = fa[k], fb[k]
    if isinstance(x, (int, float)) and not isinstance(x, bool) and isinstance(y, (int, float)) and not isinstance(y, bool):
        n += 1
        d = abs(x - y)
        if d > worst:
            worst, worst_key = d, k
        if d > tol:
            bad.append("%s: DOCX %g, ODT %g (differ by %.2f)" % (k, x, y, d))
    elif x != y:
        bad.append("%s: DOCX %r, ODT %r" % (k, x, y))
print("%d values compared, max difference %.2f pt (%s)" % (n, worst, worst_key))
for line in bad[:25]:
    print(line)
sys.exit(1 if bad else 0)
EOF
}

max_diff=0
for name in "${names[@]}"; do
    fmt=${format_of[$name]}
    ok_both=1
    shifted=0
    if unzip -p "$tmp/docx/$name.docx" word/footnotes.xml 2>/dev/null | grep -q '<w:footnote w:id="[1-9]'; then
        shifted=1
    fi
    for kind in docx odt; do
        pdf=$tmp/pdf-$kind/$name.pdf
        if [ ! -s "$pdf" ]; then
            fail "$name ($kind, $fmt): LibreOffice did not convert it to PDF" "$tmp/soffice.log"
            ok_both=0
            continue
        fi
        "$python" "$checker" --format "$fmt" "$pdf" >"$tmp/out/$name.$kind.txt" 2>&1
        status=$?
        if [ "$status" -ne 0 ] && [ "$shifted" -eq 1 ] && [ "$kind" = docx ] &&
            [ "$(grep -a '^FAIL' "$tmp/out/$name.$kind.txt" | grep -vc '^FAIL top margin page 1:')" -eq 0 ]; then
            echo "known $name ($kind): $(grep -a '^FAIL top margin page 1' "$tmp/out/$name.$kind.txt") (LibreOffice's DOCX import with footnotes)"
            status=0
        fi
        summary=$(tail -1 "$tmp/out/$name.$kind.txt")
        if [ "$status" -eq 0 ]; then
            pass "$name ($kind, $fmt): $summary"
        else
            grep -a '^FAIL' "$tmp/out/$name.$kind.txt" >"$tmp/out/$name.$kind.fail"
            [ -s "$tmp/out/$name.$kind.fail" ] || tail -5 "$tmp/out/$name.$kind.txt" >"$tmp/out/$name.$kind.fail"
            fail "$name ($kind, $fmt): $summary" "$tmp/out/$name.$kind.fail"
        fi
        "$python" "$checker" --json --format "$fmt" "$pdf" >"$tmp/out/$name.$kind.json" 2>/dev/null
        [ -s "$tmp/out/$name.$kind.json" ] || ok_both=0
    done
    if [ "$ok_both" -eq 1 ]; then
        if compare "$tmp/out/$name.docx.json" "$tmp/out/$name.odt.json" "$shifted" >"$tmp/out/$name.cmp" 2>&1; then
            pass "$name: DOCX and ODT pages agree within $tolerance pt: $(head -1 "$tmp/out/$name.cmp")"
        else
            tail -n +2 "$tmp/out/$name.cmp" >"$tmp/out/$name.cmp.detail"
            fail "$name: DOCX and ODT pages differ: $(head -1 "$tmp/out/$name.cmp")" "$tmp/out/$name.cmp.detail"
        fi
        d=$(sed -n '1s/.*max difference \([0-9.]*\) pt.*/\1/p' "$tmp/out/$name.cmp")
        [ -n "$d" ] && max_diff=$(awk -v a="$max_diff" -v b="$d" 'BEGIN { print (b > a) ? b : a }')
    else
        fail "$name: no DOCX/ODT comparison (a PDF or its measurements are missing)"
    fi
done
echo "note largest DOCX/ODT difference over all samples: $max_diff pt"

# ---- negative test: body at 12 pt must fail the body-size check
if [ -n "$neg" ] && [ -s "$tmp/docx/negative-body12.docx" ]; then
    pdf=$tmp/pdf-docx/negative-body12.pdf
    if [ ! -s "$pdf" ]; then
        fail "negative test: LibreOffice did not convert the 12 pt DOCX" "$tmp/soffice.log"
    else
        "$python" "$checker" --format state "$pdf" >"$tmp/out/negative.txt" 2>&1
        status=$?
        if [ "$status" -eq 1 ] && grep -aqi '^FAIL.*body' "$tmp/out/negative.txt"; then
            pass "negative test ($neg, VbNoiDung 14 -> 12 pt): the checker fails: $(grep -ai -m1 '^FAIL.*body' "$tmp/out/negative.txt")"
        else
            fail "negative test ($neg, VbNoiDung 14 -> 12 pt): checker exit $status, no FAIL on the body" "$tmp/out/negative.txt"
        fi
    fi
fi

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
