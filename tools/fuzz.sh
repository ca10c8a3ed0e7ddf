#!/bin/bash
# Builds the libFuzzer targets of tests/fuzz with clang (ASan + UBSan) and runs them.
#
#   tools/fuzz.sh [-t SECONDS] [-b BUILD_DIR] [-w WORK_DIR] [-s SEED] [-q] [TARGET...]
#
# -t  seconds per target (default 600); each target runs in turn, at the lowest priority
# -b  the clang build to use or make (default build-fuzz); one configured with -Dfuzz=true
#     is used as it is
# -w  where the corpora and findings live (default BUILD_DIR/fuzz-work): WORK/corpus/TARGET
#     grows across runs (seeded from tests/ and inputs/), WORK/findings/TARGET keeps the
#     inputs that crashed, leaked or timed out, to replay with BUILD/tests/fuzz/TARGET FILE
# -s  libFuzzer's random seed (default: a new one each run); the test suite passes one so
#     that a CI run walks the same inputs as the run before it on the same corpus
# -q  one summary line per target instead of libFuzzer's progress
# TARGET  fuzz_yaml_render fuzz_check_sarif fuzz_normalize fuzz_csv fuzz_xlsx fuzz_ods
#         fuzz_office (when the DOCX/ODT reader is in the tree); default: all built
#
# Prints, per target: CPU seconds, executions, corpus entries before->after, findings (a
# run stopped by a crash, leak, timeout or out-of-memory goes on with the time left).
# Exit: 0 no finding, 1 a finding (the input is in WORK/findings), 2 the build failed,
# 77 no clang.
set -u
cd "$(dirname "$0")/.."
root=$PWD
seconds=600
build=build-fuzz
work=
quiet=0
seed=
while getopts "t:b:w:s:q" opt; do
    case $opt in
    t) seconds=$OPTARG ;;
    b) build=$OPTARG ;;
    w) work=$OPTARG ;;
    s) seed=$OPTARG ;;
    q) quiet=1 ;;
    *) sed -n '2,21p' "$0" >&2; exit 2 ;;
    esac
done
shift $((OPTIND - 1))
[ -n "$work" ] || work=$build/fuzz-work

if [ ! -f "$build/build.ninja" ] || ! grep -q 'fuzz_csv' "$build/build.ninja"; then
    command -v clang >/dev/null || { echo "fuzz: skipped: clang is not installed (apt-get install clang)"; exit 77; }
    rm -rf "$build"
    setup_log=$(mktemp)
    CC=clang meson setup "$build" -Dfuzz=true -Db_sanitize=address,undefined \
        -Db_lundef=false -Dstatic_libraries=false -Dbuildtype=debugoptimized >"$setup_log" 2>&1 ||
        { cat "$setup_log" >&2; rm -f "$setup_log"; echo "fuzz: meson setup failed" >&2; exit 2; }
    rm -f "$setup_log"
fi
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
    targets=(fuzz_yaml_render fuzz_check_sarif fuzz_normalize fuzz_csv fuzz_xlsx fuzz_ods)
    grep -q 'fuzz_office' "$build/build.ninja" && targets+=(fuzz_office)
fi
ninja_targets=()
for t in "${targets[@]}"; do ninja_targets+=("tests/fuzz/$t"); done
nice -n 19 ninja -C "$build" "${ninja_targets[@]}" >"$build/fuzz-ninja.log" 2>&1 ||
    { tail -40 "$build/fuzz-ninja.log" >&2; echo "fuzz: the build failed" >&2; exit 2; }

# The seeds of each target: the documents of the tests, the examples and the samples; the
# tables of the tests; for the DOCX/ODT reader, the examples rendered by this build's vanban.
seed_yaml() { ls tests/check/*.yaml docs/examples/*.yaml inputs/*.yaml tests/*.yaml 2>/dev/null; }
seeds() {
    case $1 in
    fuzz_yaml_render | fuzz_check_sarif) seed_yaml ;;
    fuzz_normalize) for f in $(seed_yaml); do echo "$f"; done ;;
    fuzz_csv) ls inputs/*.csv tests/*.csv tests/*/*.csv tests/*/*.tsv 2>/dev/null ;;
    fuzz_xlsx) ls tests/sheets/*.xlsx tests/*/*.xlsx 2>/dev/null ;;
    fuzz_ods) ls tests/sheets/*.ods tests/*/*.ods 2>/dev/null ;;
    fuzz_office) ls tests/*/*.docx tests/*/*.odt "$work/rendered"/*.docx "$work/rendered"/*.odt 2>/dev/null ;;
    esac
}
dict_of() {
    case $1 in
    fuzz_yaml_render | fuzz_check_sarif | fuzz_normalize) echo tests/fuzz/yaml.dict ;;
    fuzz_xlsx | fuzz_ods | fuzz_office) echo tests/fuzz/sheet.dict ;;
    *) echo "" ;;
    esac
}
if printf '%s\n' "${targets[@]}" | grep -qx fuzz_office && [ -x "$build/vanban" ]; then
    mkdir -p "$work/rendered"
    "$build/vanban" render -f docx,odt --out-dir "$work/rendered" docs/examples/*.yaml >/dev/null 2>&1
fi

export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:allocator_may_return_null=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
status=0
printf '%-18s %10s %12s %11s %s\n' target cpu_s executions corpus findings
for t in "${targets[@]}"; do
    corpus=$work/corpus/$t
    findings=$work/findings/$t
    mkdir -p "$corpus" "$findings"
    # The first run of a target starts from its seeds (each prefixed for fuzz_normalize
    # and fuzz_office, whose first byte picks options).
    if [ -z "$(ls -A "$corpus")" ]; then
        n=0
        for f in $(seeds "$t"); do
            n=$((n + 1))
            case $t in
            fuzz_normalize) { printf '\004'; cat "$f"; } >"$corpus/seed-$n" ;;
            fuzz_office) { case $f in *.odt) printf '\001' ;; *) printf '\000' ;; esac; cat "$f"; } >"$corpus/seed-$n" ;;
            *) cp "$f" "$corpus/seed-$n" ;;
            esac
        done
    fi
    entries_before=$(ls "$corpus" | wc -l)
    dict=$(dict_of "$t")
    log=$work/$t.log
    : >"$log"
    start_cpu=$(awk '{print $16+$17}' /proc/$$/stat)
    deadline=$(($(date +%s) + seconds))
    execs=0 found=0
    # libFuzzer stops at its first finding: it is kept in $findings, and the run goes on
    # with the time left. -rss_limit_mb: the reader's own limits keep a document far below
    # it; -timeout: generous, for a loaded machine (an input over it is replayed to see). A slow input (slow-unit-*) is only noted.
    while left=$((deadline - $(date +%s))); [ $left -gt 0 ]; do
        began=$(date +%s)
        ( nice -n 19 "$build/tests/fuzz/$t" "$corpus" ${dict:+-dict="$dict"} ${seed:+-seed="$seed"} \
            -max_total_time="$left" -timeout=120 -rss_limit_mb=2560 -max_len=262144 \
            -artifact_prefix="$findings/" -print_final_stats=1 >"$log.run" 2>&1 )
        rc=$?
        cat "$log.run" >>"$log"
        n=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log.run" | tail -1)
        # A run stopped by a finding prints no statistics: its last progress line then.
        [ -n "$n" ] || n=$(grep -oE '^#[0-9]+' "$log.run" | tail -1 | tr -d '#')
        execs=$((execs + ${n:-0}))
        [ $rc -eq 0 ] && break
        found=$((found + 1))
        # Failing again at once (an input of the corpus itself): no use going round.
        [ $(($(date +%s) - began)) -lt 10 ] && break
    done
    rm -f "$log.run"
    cpu=$(awk -v hz="$(getconf CLK_TCK)" -v s="$start_cpu" '{printf "%.0f", ($16+$17-s)/hz}' /proc/$$/stat)
    entries=$(ls "$corpus" | wc -l)
    kept=$(ls "$findings" | grep -v '^slow-unit-' | tr '\n' ' ')
    printf '%-18s %10s %12s %11s %s\n' "$t" "$cpu" "$execs" "$entries_before->$entries" \
        "$([ $found -eq 0 ] && echo none || echo "$found: $kept(see $log)")"
    if [ $found -ne 0 ]; then
        [ $quiet -eq 0 ] && grep -E -A12 'ERROR: |runtime error' "$log" | head -60
        status=1
    fi
done
exit $status
