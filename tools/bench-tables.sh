#!/usr/bin/env bash
# bench-tables.sh: how fast vanban renders large tables, a long report and a batch of
# documents, side by side with two anchors measured in the same run on the same machine.
# A benchmark, not a test: a target that is missed prints FAIL but the exit status stays 0;
# it exits 1 only when a command fails (vanban crashes or rejects valid input, pandoc fails).
#
# Usage: tools/bench-tables.sh        (from any directory; about a minute on 2 cores)
#   VANBAN=path       the binary to measure (default build/vanban, built with ninja if missing)
#   RUNS=N            runs per vanban/gzip timing, the best is kept (default 3)
#   PANDOC_RUNS=N     runs per pandoc timing, the best is kept (default 2; pandoc is slow)
#   PANDOC=path       the pandoc to compare with (default: pandoc from PATH; empty: none)
#   REPORT=file.yaml  the report of case 3 (default: the one named below)
#
# What it measures:
#   1. An appendix table of 10 000 rows × 5 columns (STT, Đơn vị, Chỉ tiêu, Kế hoạch, Kết quả;
#      Vietnamese text with diacritics, numbers written the Vietnamese way) read from a CSV
#      through `phu_luc: - noi_dung: - bang: {tep: rows.csv, cot: …}` (docs/format.md,
#      "Appendices and tables"), rendered to DOCX: best wall time of RUNS. Two anchors:
#      - `gzip -6 -c document.xml > /dev/null` on the uncompressed word/document.xml taken out
#        of vanban's own DOCX. A DOCX is a zip of deflated XML, so deflating that XML is work
#        vanban cannot avoid: it is the physical limit, and vanban/gzip says how much vanban
#        spends on everything else (parsing, layout, measuring text, writing XML).
#        Target ≤ 2×.
#      - pandoc (`pandoc -f markdown -t docx`) on a Markdown pipe table of the same cells: the
#        tool drafters would otherwise use to turn text into a DOCX. Target pandoc/vanban ≥ 50×.
#   2. The same table with 100 000 rows: wall time and peak RSS from /usr/bin/time -f '%e %M'
#      (best time, largest RSS of RUNS). Targets < 1.5 s and < 64 MiB: a table that size must
#      not need to be held in memory as a tree of every cell.
#   3. A complete real report, inputs/bc-so-ket-cds-6-thang-bac-giang-2024.yaml (skipped with
#      a note while it is not in the repository): vanban to DOCX, the median of 5 rounds of
#      20 renders in a row, each divided by 20 (one render takes only 10-20 ms, so single runs
#      are mostly start-up jitter), against pandoc on the same text (vanban's `-f txt` output,
#      each line a Markdown paragraph).
#      Target pandoc/vanban ≥ 20×, the regression guard set when the speed machinery that
#      bought less than 10 % was taken out (the first target, ≥ 30×, was never met here).
#      A second row, without a target, gives the same 20 renders made by one process
#      (`render -j 1` given the report 20 times; median of 5): the renders' own cost. The
#      difference is what starting and ending a process costs on this machine.
#   4. 1000 small documents (copies of docs/examples/bao-cao.yaml, each with its own `so:`)
#      in one `vanban render -j 2 --out-dir OUT DIR`: documents per second, best of RUNS.
#      Target ≥ 500/s.
#
# All data is generated deterministically (tools/bench_tables_gen.py) in a temporary
# directory that is removed at exit. Nothing is installed: without pandoc or /usr/bin/time
# (Debian packages `pandoc` and `time`) their columns are skipped with a note.
# With a vanban that does not render `phu_luc` tables (older builds), cases 1 and 2 print
# SKIP and why. The binary is copied first, so a rebuild running meanwhile does not matter.
set -u

die() { echo "bench-tables: $*" >&2; exit 1; }
say() { echo "bench-tables: $*" >&2; }

[ -n "${EPOCHREALTIME:-}" ] || die "needs bash 5 or later (for \$EPOCHREALTIME)"
orig=$PWD
cd "$(dirname "$0")/.." || die "cannot cd to the repository root"
ROOT=$PWD
PY=/usr/bin/python3
GEN=$ROOT/tools/bench_tables_gen.py
REPORT=${REPORT:-inputs/bc-so-ket-cds-6-thang-bac-giang-2024.yaml}
case $REPORT in /* | inputs/bc-so-ket-cds-6-thang-bac-giang-2024.yaml) ;; *) REPORT=$orig/$REPORT ;; esac
EXAMPLE=docs/examples/bao-cao.yaml
RUNS=${RUNS:-3}
PANDOC_RUNS=${PANDOC_RUNS:-2}
for v in RUNS PANDOC_RUNS; do
    case ${!v} in '' | *[!0-9]* | 0) die "$v takes a positive number, not '${!v}'" ;; esac
done

if [ -n "${VANBAN:-}" ]; then
    case $VANBAN in /*) ;; *) VANBAN=$orig/$VANBAN ;; esac
    [ -x "$VANBAN" ] || die "no vanban binary at $VANBAN"
else
    VANBAN=$ROOT/build/vanban
    if [ ! -x "$VANBAN" ]; then
        say "build/vanban is missing: ninja -C build"
        ninja -C build >&2 || die "ninja -C build failed"
    fi
fi
[ -x "$PY" ] || die "$PY is needed to generate the data (apt-get install python3)"
command -v unzip >/dev/null || die "unzip is needed to read vanban's DOCX (apt-get install unzip)"
command -v gzip >/dev/null || die "gzip is needed (apt-get install gzip)"

NOTES=()      # printed under the table
VERDICTS=()   # PASS / FAIL / SKIP lines
ERRORS=0      # commands that failed: exit 1 at the end
note() { NOTES+=("$*"); }
verdict() { VERDICTS+=("$(printf '%-5s %s' "$1" "$2")"); }
error() { ERRORS=$((ERRORS + 1)); note "ERROR: $*"; say "ERROR: $*"; }
# case_error CASE WHAT MESSAGE: a command failed, so CASE's WHAT was not measured.
case_error() { error "$3"; row "$1" "error" "$2" "—" "see note"; verdict ERROR "$1: $2 (a command failed, see note)"; }

PANDOC=${PANDOC-$(command -v pandoc)}
[ -n "$PANDOC" ] || note "pandoc is not installed (apt-get install pandoc): its columns are skipped"
TIME=/usr/bin/time
if [ ! -x "$TIME" ]; then
    TIME=
    note "/usr/bin/time is not installed (apt-get install time): the peak RSS is skipped"
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/vanban-bench-tables.XXXXXX") || die "mktemp -d failed"
trap 'rm -rf "$work"' EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# Measure a copy: build/vanban may be relinked by a build running at the same time, and every
# case must measure the same binary.
SOURCE=$VANBAN
cp "$SOURCE" "$work/vanban" || die "cannot copy $SOURCE"
VANBAN=$work/vanban
VERSION=$("$VANBAN" --version 2>/dev/null | head -1) ||
    die "$SOURCE does not run (is it being rebuilt? try again)"

# ---- numbers ----
# sig X: X with 3 significant digits and no exponent (0.142, 8.12, 57.3, 1234).
sig() {
    awk -v x="$1" 'BEGIN {
        ax = x < 0 ? -x : x
        if (ax == 0) { print "0"; exit }
        e = log(ax) / log(10); e = (e == int(e) || e > 0) ? int(e) : int(e) - 1
        d = 2 - e; if (d < 0) d = 0
        printf ("%." d "f\n", x)
    }'
}
# secs US: a duration given in microseconds, as "9.81 ms" or "0.142 s".
secs() {
    if [ "$1" -lt 100000 ]; then echo "$(sig "$(awk -v u="$1" 'BEGIN { print u / 1e3 }')") ms"
    else echo "$(sig "$(awk -v u="$1" 'BEGIN { print u / 1e6 }')") s"; fi
}
ratio() { sig "$(awk -v a="$1" -v b="$2" 'BEGIN { print a / b }')"; }
# holds A OP B: true when the comparison holds (floating point).
holds() { awk -v a="$1" -v b="$3" "BEGIN { exit !(a $2 b) }"; }

# ---- timing ----
# best_of N CMD...: runs CMD N times; BEST_US is the fastest wall time in microseconds.
# CMD's standard error goes to $work/err; returns 1 (with FAILED set) when CMD fails.
best_of() {
    local n=$1 i t0 t1 d rc
    shift
    BEST_US=
    for ((i = 0; i < n; i++)); do
        t0=$EPOCHREALTIME
        "$@" 2>"$work/err"
        rc=$?
        t1=$EPOCHREALTIME
        if [ "$rc" -ne 0 ]; then
            FAILED="$* (exit $rc): $(head -c 600 "$work/err")"
            return 1
        fi
        d=$((${t1/[.,]/} - ${t0/[.,]/}))
        if [ -z "$BEST_US" ] || [ "$d" -lt "$BEST_US" ]; then BEST_US=$d; fi
    done
}
gzip6() { gzip -6 -c "$1" >/dev/null; }
pandoc_docx() { "$PANDOC" -f markdown -t docx -o "$2" "$1"; }
# median N...: the middle one of an odd number of whole numbers.
median() { printf '%s\n' "$@" | sort -n | sed -n "$((($# + 1) / 2))p"; }

# ---- the table ----
# pad TEXT WIDTH: TEXT and spaces up to WIDTH characters (not bytes: "—" and "×" are one).
pad() {
    local LC_ALL=C.UTF-8
    local n=${#1}
    printf '%s%*s' "$1" $(($2 > n ? $2 - n : 0)) ''
}
line() { echo "$(pad "$1" 22) $(pad "$2" 17) $(pad "$3" 18) $(pad "$4" 8) $5"; }
ROWS=()
row() { ROWS+=("$(line "$@")"); }   # case vanban anchor ratio target

# table_ok DOCX N: true when DOCX holds at least N table rows.
table_ok() {
    [ "$(unzip -p "$1" word/document.xml 2>/dev/null | grep -o '<w:tr[ >]' | wc -l)" -ge "$2" ]
}

# render_table YAML DOCX N: one render to see whether this vanban renders the table.
# Sets TABLE_SKIP (a reason) when it does not support it yet; returns 1 when it fails.
render_table() {
    local rc msg
    "$VANBAN" render --lang en -o "$2" "$1" 2>"$work/err"
    rc=$?
    msg=$(grep -m1 . "$work/err")
    if [ "$rc" -eq 1 ] && grep -Eq 'unknown key .(phu_luc|tieu_de|bang|tep|cot|ten|stt)' "$work/err"; then
        TABLE_SKIP="this vanban does not support the table format yet: ${msg##*error: }"
        return 0
    fi
    if [ "$rc" -ne 0 ]; then
        error "vanban render ${1##*/} (exit $rc): $msg"
        return 1
    fi
    if ! table_ok "$2" "$3"; then
        TABLE_SKIP="vanban accepts phu_luc but does not write the table's rows into the DOCX yet"
    fi
    return 0
}

# table_skip WHAT: the verdict of a table case that could not be measured.
table_skip() {
    if [ -n "$TABLE_SKIP" ]; then verdict SKIP "$1 (tables not rendered yet, see note)"
    else verdict ERROR "$1 (vanban failed, see note)"; fi
}

# ---- generate ----
say "generating the data in $work"
mkdir -p "$work/t" "$work/batch" "$work/out"
"$PY" "$GEN" table 10000 "$work/t" rows-10000 || die "bench_tables_gen.py table 10000 failed"
"$PY" "$GEN" table 100000 "$work/t" rows-100000 || die "bench_tables_gen.py table 100000 failed"
"$PY" "$GEN" batch 1000 "$EXAMPLE" "$work/batch" || die "bench_tables_gen.py batch failed"

# ---- 1. 10 000 rows: vanban, gzip -6, pandoc ----
C1="10 000 rows × 5 cols"
TABLE_SKIP=
V10=
say "$C1: vanban (best of $RUNS)"
if render_table "$work/t/rows-10000.yaml" "$work/t10k.docx" 10000 && [ -z "$TABLE_SKIP" ]; then
    if best_of "$RUNS" "$VANBAN" render -o "$work/t10k.docx" "$work/t/rows-10000.yaml"; then
        V10=$BEST_US
    else
        error "$FAILED"
    fi
fi
[ -n "$TABLE_SKIP" ] && note "$C1: $TABLE_SKIP"
SKIP1=$TABLE_SKIP

if [ -n "$V10" ]; then
    unzip -p "$work/t10k.docx" word/document.xml >"$work/doc10k.xml" ||
        die "unzip -p t10k.docx word/document.xml failed"
    note "$C1: word/document.xml is $(sig "$(awk -v b="$(wc -c <"$work/doc10k.xml")" \
        'BEGIN { print b / 1048576 }')") MiB uncompressed"
    say "$C1: gzip -6 (best of $RUNS)"
    if best_of "$RUNS" gzip6 "$work/doc10k.xml"; then
        G10=$BEST_US
        r=$(ratio "$V10" "$G10")
        row "$C1" "$(secs "$V10")" "gzip -6 $(secs "$G10")" "$r×" "≤ 2×"
        if holds "$r" "<=" 2; then verdict PASS "$C1: vanban/gzip -6 = $r× (target ≤ 2×)"
        else verdict FAIL "$C1: vanban/gzip -6 = $r× (target ≤ 2×)"; fi
    else
        case_error "$C1" "vanban/gzip -6" "$FAILED"
    fi
else
    row "$C1" "—" "gzip -6 —" "—" "≤ 2×"
    table_skip "$C1: vanban/gzip -6"
fi

if [ -n "$PANDOC" ]; then
    say "$C1: pandoc (best of $PANDOC_RUNS, ~5-10 s each)"
    if best_of "$PANDOC_RUNS" pandoc_docx "$work/t/rows-10000.md" "$work/p10k.docx"; then
        P10=$BEST_US
        if [ -n "$V10" ]; then
            r=$(ratio "$P10" "$V10")
            row "$C1" "$(secs "$V10")" "pandoc $(secs "$P10")" "$r×" "≥ 50×"
            if holds "$r" ">=" 50; then verdict PASS "$C1: pandoc/vanban = $r× (target ≥ 50×)"
            else verdict FAIL "$C1: pandoc/vanban = $r× (target ≥ 50×)"; fi
        else
            row "$C1" "—" "pandoc $(secs "$P10")" "—" "≥ 50×"
            table_skip "$C1: pandoc/vanban"
        fi
    else
        case_error "$C1" "pandoc/vanban" "$FAILED"
    fi
else
    if [ -n "$V10" ]; then row "$C1" "$(secs "$V10")" "pandoc —" "—" "≥ 50×"
    else row "$C1" "—" "pandoc —" "—" "≥ 50×"; fi
    verdict SKIP "$C1: pandoc/vanban (pandoc is not installed: apt-get install pandoc)"
fi

# ---- 2. 100 000 rows: time and peak RSS ----
C2="100 000 rows × 5 cols"
TABLE_SKIP=
say "$C2: vanban (best of $RUNS)"
if render_table "$work/t/rows-100000.yaml" "$work/t100k.docx" 100000 && [ -z "$TABLE_SKIP" ]; then
    best=
    rss=
    fail=
    for ((i = 0; i < RUNS; i++)); do
        if [ -n "$TIME" ]; then
            "$TIME" -f '%e %M' -o "$work/time" "$VANBAN" render -o "$work/t100k.docx" \
                "$work/t/rows-100000.yaml" 2>"$work/err" || { fail="exit $?: $(head -c 600 "$work/err")"; break; }
            read -r e m <"$work/time"
            us=$(awk -v e="$e" 'BEGIN { printf "%d", e * 1e6 }')
            if [ -z "$rss" ] || [ "$m" -gt "$rss" ]; then rss=$m; fi
        else
            best_of 1 "$VANBAN" render -o "$work/t100k.docx" "$work/t/rows-100000.yaml" ||
                { fail=$FAILED; break; }
            us=$BEST_US
        fi
        if [ -z "$best" ] || [ "$us" -lt "$best" ]; then best=$us; fi
    done
    if [ -n "$fail" ]; then
        case_error "$C2" "time and peak RSS" "vanban render rows-100000.yaml ($fail)"
    else
        t=$(sig "$(awk -v u="$best" 'BEGIN { print u / 1e6 }')")
        if holds "$best" "<" 1500000; then verdict PASS "$C2: $t s (target < 1.5 s)"
        else verdict FAIL "$C2: $t s (target < 1.5 s)"; fi
        if [ -n "$rss" ]; then
            mib=$(sig "$(awk -v k="$rss" 'BEGIN { print k / 1024 }')")
            row "$C2" "$t s, $mib MiB" "" "" "< 1.5 s, < 64 MiB"
            if [ "$rss" -lt 65536 ]; then verdict PASS "$C2: peak RSS $mib MiB (target < 64 MiB)"
            else verdict FAIL "$C2: peak RSS $mib MiB (target < 64 MiB)"; fi
        else
            row "$C2" "$t s, — MiB" "" "" "< 1.5 s, < 64 MiB"
            verdict SKIP "$C2: peak RSS (/usr/bin/time is not installed: apt-get install time)"
        fi
    fi
else
    [ -n "$TABLE_SKIP" ] && [ "$TABLE_SKIP" != "$SKIP1" ] && note "$C2: $TABLE_SKIP"
    row "$C2" "—" "" "" "< 1.5 s, < 64 MiB"
    table_skip "$C2: time and peak RSS"
fi

# ---- 3. the complete report: vanban vs pandoc on the same text ----
C3="004 complete report"
if [ ! -f "$REPORT" ]; then
    row "$C3" "—" "" "—" "≥ 20×"
    note "$C3: $REPORT is not in the repository yet"
    verdict SKIP "$C3: pandoc/vanban ($REPORT is missing)"
elif "$VANBAN" render --lang en -f txt -o "$work/report.txt" "$REPORT" 2>"$work/err"
    rc=$?
    [ "$rc" -ne 0 ]; then
    msg=$(grep -m1 . "$work/err")
    if [ "$rc" -eq 1 ]; then   # the report is being written: an error in it is not a benchmark failure
        row "$C3" "—" "" "—" "≥ 20×"
        note "$C3: vanban rejects $REPORT: $msg"
        verdict SKIP "$C3: pandoc/vanban ($REPORT does not render yet)"
    else
        case_error "$C3" "pandoc/vanban" "vanban render -f txt $REPORT (exit $rc): $msg"
    fi
else
    say "$C3: vanban (median of 5 rounds of 20 renders)"
    rounds=()
    fail=
    for ((k = 0; k < 5; k++)); do
        t0=$EPOCHREALTIME
        for ((i = 0; i < 20; i++)); do
            "$VANBAN" render -o "$work/report.docx" "$REPORT" 2>"$work/err" ||
                { fail="exit $?: $(grep -m1 . "$work/err")"; break 2; }
        done
        t1=$EPOCHREALTIME
        rounds+=($(((${t1/[.,]/} - ${t0/[.,]/}) / 20)))
    done
    if [ -n "$fail" ]; then
        case_error "$C3" "pandoc/vanban" "vanban render $REPORT ($fail)"
    else
        VR=$(median "${rounds[@]}")
        # The same work without a process per render: what the renders cost themselves, apart
        # from starting and ending a process (which a slow virtual machine makes dear).
        say "$C3: vanban, 20 renders in one process (median of 5)"
        copies=()
        for ((i = 0; i < 20; i++)); do copies+=("$REPORT"); done
        rounds=()
        for ((k = 0; k < 5; k++)); do
            t0=$EPOCHREALTIME
            "$VANBAN" render -j 1 --out-dir "$work/warm" "${copies[@]}" 2>"$work/err" || {
                note "$C3: the 20 renders in one process failed (exit $?): $(grep -m1 . "$work/err")"
                rounds=()
                break
            }
            t1=$EPOCHREALTIME
            rounds+=($(((${t1/[.,]/} - ${t0/[.,]/}) / 20)))
        done
        WARM=
        [ ${#rounds[@]} -eq 5 ] && WARM=$(median "${rounds[@]}")
        "$PY" "$GEN" paragraphs <"$work/report.txt" >"$work/report.md" ||
            die "bench_tables_gen.py paragraphs failed"
        if [ -z "$PANDOC" ]; then
            row "$C3" "$(secs "$VR")" "pandoc —" "—" "≥ 20×"
            verdict SKIP "$C3: pandoc/vanban (pandoc is not installed: apt-get install pandoc)"
        else
            say "$C3: pandoc (best of 3)"
            if best_of 3 pandoc_docx "$work/report.md" "$work/report-pandoc.docx"; then
                r=$(ratio "$BEST_US" "$VR")
                row "$C3" "$(secs "$VR")" "pandoc $(secs "$BEST_US")" "$r×" "≥ 20×"
                if holds "$r" ">=" 20; then verdict PASS "$C3: pandoc/vanban = $r× (target ≥ 20×)"
                else verdict FAIL "$C3: pandoc/vanban = $r× (target ≥ 20×)"; fi
                if [ -n "$WARM" ]; then
                    row "  in one process" "$(secs "$WARM")" "" "$(ratio "$BEST_US" "$WARM")×" "(no target)"
                    note "$C3: the same 20 renders made by one process (\`render -j 1\` given the" \
                        "file 20 times) take $(secs "$WARM") each; the rest of a single render's" \
                        "$(secs "$VR") is the process's start, its first use of memory and its exit"
                fi
            else
                case_error "$C3" "pandoc/vanban" "$FAILED"
            fi
        fi
    fi
fi

# ---- 4. 1000 documents, -j 2 ----
C4="1000 documents, -j 2"
say "$C4: vanban render -j 2 --out-dir (best of $RUNS)"
best=
fail=
cpu=()   # /usr/bin/time, when there is one, tells where the time of the fastest run went
[ -n "$TIME" ] && cpu=("$TIME" -f '%U %S' -o "$work/cpu")
for ((i = 0; i < RUNS; i++)); do
    rm -rf "$work/out"
    best_of 1 "${cpu[@]}" "$VANBAN" render -j 2 --out-dir "$work/out" "$work/batch" ||
        { fail=$FAILED; break; }
    if [ -z "$best" ] || [ "$BEST_US" -lt "$best" ]; then
        best=$BEST_US
        [ -n "$TIME" ] && cp "$work/cpu" "$work/cpu.best"
    fi
done
if [ -n "$fail" ]; then
    case_error "$C4" "documents/s" "$fail"
else
    n=$(find "$work/out" -name '*.docx' | wc -l)
    if [ "$n" -ne 1000 ]; then
        case_error "$C4" "documents/s" "vanban render -j 2 --out-dir wrote $n DOCX files, not 1000"
    else
        dps=$(sig "$(awk -v u="$best" 'BEGIN { print 1000 / (u / 1e6) }')")
        row "$C4" "$dps docs/s" "($(secs "$best") in all)" "" "≥ 500/s"
        if [ -n "$TIME" ] && read -r u k <"$work/cpu.best"; then
            note "$C4: the fastest run took $u s user and $k s system CPU time"
        fi
        if holds "$dps" ">=" 500; then verdict PASS "$C4: $dps documents/s (target ≥ 500/s)"
        else verdict FAIL "$C4: $dps documents/s (target ≥ 500/s)"; fi
    fi
fi

# ---- print ----
echo "$VERSION ($SOURCE)"
[ -n "$PANDOC" ] && echo "$("$PANDOC" --version | head -1) ($PANDOC)"
echo "$(nproc) cores: $(grep -m1 'model name' /proc/cpuinfo 2>/dev/null | sed 's/.*: //')"
echo "times: best of $RUNS (vanban, gzip), of $PANDOC_RUNS (pandoc on 10 000 rows), of 3 (pandoc on the report)"
echo
line case vanban anchor ratio target
printf '%s\n' "${ROWS[@]}"
if [ ${#NOTES[@]} -gt 0 ]; then
    echo
    printf 'note: %s\n' "${NOTES[@]}"
fi
echo
printf '%s\n' "${VERDICTS[@]}"
[ "$ERRORS" -eq 0 ] || { echo "bench-tables: $ERRORS command(s) failed" >&2; exit 1; }
exit 0
