#!/usr/bin/env bash
# bench-import.sh: how fast vanban reads Word files (gen/read/office), in one run on one
# machine, against what it does with the same documents from YAML.
# A benchmark, not a test: a missed target prints FAIL but the exit status stays 0; it
# exits 1 only when a command fails.
#
# Usage: tools/bench-import.sh     (from any directory; a minute or two on 2 cores)
#   VANBAN=path   the binary (default build/vanban)
#   RUNS=N        rounds per timing, the best is kept (default 3)
#
# What it measures:
# Every time is given as wall time and as CPU time (user + system): on a machine shared with
# other work the wall time includes waiting for a core, the CPU time does not.
#
#   1. The 004 report (inputs/bc-so-ket-cds-6-thang-bac-giang-2024.yaml) rendered to DOCX,
#      then read back: `vanban import FILE.docx` when this build has it, else `vanban check
#      FILE.docx` (reading, recognising, the content rules and the layout rules: more than an
#      import does). Against `vanban render FILE.yaml` to DOCX. 20 runs in a row per round.
#      Target: reading ≤ 2× rendering.
#   2. 1000 DOCX drafts (the examples of docs/examples rendered, copied under their own
#      names) in one `vanban check -j 2 DIR`: files per second. Target ≥ 500/s.
#   3. A DOCX holding a table of 100 000 rows (tools/bench_tables_gen.py's appendix table,
#      rendered by vanban): read with wall time and peak RSS from /usr/bin/time.
#      Targets < 2 s and < 64 MiB.
set -u

die() { echo "bench-import: $*" >&2; exit 1; }
[ -x /usr/bin/time ] || die "needs /usr/bin/time (apt-get install time)"
orig=$PWD
cd "$(dirname "$0")/.." || die "cannot cd to the repository root"
ROOT=$PWD
PY=/usr/bin/python3
RUNS=${RUNS:-3}
if [ -n "${VANBAN:-}" ]; then
    case $VANBAN in /*) ;; *) VANBAN=$orig/$VANBAN ;; esac
else
    VANBAN=$ROOT/build/vanban
fi
[ -x "$VANBAN" ] || die "no vanban binary at $VANBAN (ninja -C build)"
work=$(mktemp -d "${TMPDIR:-/tmp}/vanban-bench-import.XXXXXX")
trap 'rm -rf "$work"' EXIT
cp "$VANBAN" "$work/vanban"
V=$work/vanban
ERRORS=0
VERDICTS=()

verdict() { # NAME VALUE OP TARGET UNIT
    local ok
    ok=$(awk -v v="$2" -v t="$4" -v op="$3" 'BEGIN { print (op == "<=" ? v <= t : op == ">=" ? v >= t : v < t) ? "PASS" : "FAIL" }')
    VERDICTS+=("$ok  $1: $2 $5 (target $3 $4 $5)")
}

if "$V" import --help >/dev/null 2>&1; then
    READ=(import)
    READ_WHAT="vanban import"
else
    READ=(check --lang en)
    READ_WHAT="vanban check (no import command in this build)"
fi

# ---- 1. the 004 report -------------------------------------------------------------------
REPORT=inputs/bc-so-ket-cds-6-thang-bac-giang-2024.yaml
cp "$REPORT" inputs/bc-so-ket-cds-6-thang-bac-giang-2024-phu-luc-2.csv "$work/" 2>/dev/null ||
    die "the 004 report is not in inputs/"
"$V" render "$work/$(basename "$REPORT")" -o "$work/report.docx" >/dev/null 2>&1 || die "render of the 004 report failed"
# twenty runs of a command in a row, timed: "WALL CPU" seconds (CPU = user + system, which a
# machine shared with other work does not inflate)
twenty() {
    /usr/bin/time -f '%e %U %S' -o "$work/t20.txt" bash -c 'for k in $(seq 20); do "$@" >/dev/null 2>&1; s=$?; [ $s -le 1 ] || exit $s; done' _ "$@" ||
        ERRORS=$((ERRORS + 1))
    awk '{ printf "%s %.3f", $1, $2 + $3 }' "$work/t20.txt"
}
best_render=999 best_read=999 cpu_render=999 cpu_read=999
for ((r = 0; r < RUNS; r++)); do
    read -r w c <<<"$(twenty "$V" render "$work/$(basename "$REPORT")" -o "$work/again.docx")"
    best_render=$(awk -v x="$best_render" -v y="$w" 'BEGIN { print (y < x ? y : x) }')
    cpu_render=$(awk -v x="$cpu_render" -v y="$c" 'BEGIN { print (y < x ? y : x) }')
    read -r w c <<<"$(twenty "$V" "${READ[@]}" "$work/report.docx")"
    best_read=$(awk -v x="$best_read" -v y="$w" 'BEGIN { print (y < x ? y : x) }')
    cpu_read=$(awk -v x="$cpu_read" -v y="$c" 'BEGIN { print (y < x ? y : x) }')
done
render_ms=$(awk -v t="$best_render" 'BEGIN { printf "%.1f", t * 1000 / 20 }')
read_ms=$(awk -v t="$best_read" 'BEGIN { printf "%.1f", t * 1000 / 20 }')
render_cpu=$(awk -v t="$cpu_render" 'BEGIN { printf "%.1f", t * 1000 / 20 }')
read_cpu=$(awk -v t="$cpu_read" 'BEGIN { printf "%.1f", t * 1000 / 20 }')
ratio=$(awk -v a="$read_ms" -v b="$render_ms" 'BEGIN { printf "%.2f", a / b }')
ratio_cpu=$(awk -v a="$read_cpu" -v b="$render_cpu" 'BEGIN { printf "%.2f", (b > 0 ? a / b : 0) }')
echo "1. 004 report: render from YAML $render_ms ms (CPU $render_cpu ms), read its DOCX with $READ_WHAT $read_ms ms (CPU $read_cpu ms): ratio $ratio (CPU $ratio_cpu)"
verdict "reading the 004 report's DOCX / rendering it from YAML (wall)" "$ratio" "<=" 2 "×"
verdict "reading the 004 report's DOCX / rendering it from YAML (CPU)" "$ratio_cpu" "<=" 2 "×"

# ---- 2. 1000 DOCX drafts, check -j 2 ---------------------------------------------------------
mkdir -p "$work/drafts"
i=0
for f in docs/examples/*.yaml; do
    "$V" render "$f" -o "$work/src-$i.docx" >/dev/null 2>&1 && i=$((i + 1))
done
[ $i -gt 0 ] || die "no example rendered"
for ((k = 0; k < 1000; k++)); do
    cp "$work/src-$((k % i)).docx" "$(printf '%s/drafts/du-thao-%04d.docx' "$work" "$k")"
done
best=999 cpu=999
for ((r = 0; r < RUNS; r++)); do
    /usr/bin/time -f '%e %U %S' -o "$work/tb.txt" "$V" check -j 2 --lang en "$work/drafts" >"$work/batch.txt" 2>&1
    rc=$?
    [ $rc -le 1 ] || { ERRORS=$((ERRORS + 1)); tail -3 "$work/batch.txt" >&2; }
    grep -q '^1000 files checked' "$work/batch.txt" || { ERRORS=$((ERRORS + 1)); tail -1 "$work/batch.txt" >&2; }
    # check exits 1 when a draft has errors; /usr/bin/time then puts "Command exited with
    # non-zero status 1" before the figures: they are on the last line.
    read -r s u y < <(tail -n 1 "$work/tb.txt")
    best=$(awk -v x="$best" -v y="$s" 'BEGIN { print (y < x ? y : x) }')
    cpu=$(awk -v x="$cpu" -v a="$u" -v b="$y" 'BEGIN { print (a + b < x ? a + b : x) }')
done
rate=$(awk -v t="$best" 'BEGIN { printf "%.0f", 1000 / t }')
# With 2 cores to itself, -j 2 spreads the CPU time over both.
rate_cpu=$(awk -v t="$cpu" 'BEGIN { printf "%.0f", (t > 0 ? 2000 / t : 0) }')
echo "2. check -j 2 over 1000 DOCX drafts: ${best} s wall, ${cpu} s CPU: $rate files/s (CPU bound on 2 free cores: $rate_cpu files/s)"
verdict "check -j 2 over 1000 DOCX drafts (wall)" "$rate" ">=" 500 "files/s"
verdict "check -j 2 over 1000 DOCX drafts (CPU on 2 cores)" "$rate_cpu" ">=" 500 "files/s"

# ---- 3. a DOCX with a table of 100 000 rows ---------------------------------------------------
mkdir -p "$work/t"
"$PY" tools/bench_tables_gen.py table 100000 "$work/t" rows-100000 >/dev/null || die "bench_tables_gen.py failed"
"$V" render "$work/t/rows-100000.yaml" -o "$work/rows.docx" >/dev/null 2>&1 || die "render of the 100 000-row table failed"
if [ -x /usr/bin/time ]; then
    best=999 rss=0
    for ((r = 0; r < RUNS; r++)); do
        /usr/bin/time -f '%e %M %U %S' -o "$work/time.txt" "$V" "${READ[@]}" "$work/rows.docx" >/dev/null 2>&1
        read -r s kib u y < <(tail -n 1 "$work/time.txt")
        echo "   run $((r + 1)): ${s} s wall, $(awk -v a="$u" -v b="$y" 'BEGIN { print a + b }') s CPU, $kib KiB"
        best=$(awk -v x="$best" -v y="$s" 'BEGIN { print (y < x ? y : x) }')
        [ "$kib" -gt "$rss" ] && rss=$kib
    done
    mib=$(awk -v k="$rss" 'BEGIN { printf "%.1f", k / 1024 }')
    echo "3. DOCX with a 100 000-row table ($(du -k "$work/rows.docx" | cut -f1) KiB): ${best} s, $mib MiB peak"
    verdict "reading a DOCX with a 100 000-row table: time" "$best" "<" 2 "s"
    verdict "reading a DOCX with a 100 000-row table: memory" "$mib" "<" 64 "MiB"
else
    echo "3. skipped: /usr/bin/time is not installed (apt-get install time)"
fi

echo
printf '%s\n' "${VERDICTS[@]}"
[ $ERRORS -eq 0 ] || { echo "bench-import: $ERRORS command(s) failed" >&2; exit 1; }
