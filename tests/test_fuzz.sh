#!/bin/bash
# A short bounded run of every libFuzzer target (tests/fuzz): VANBAN_FUZZ_SECONDS each
# (default 60), from the seeds, with ASan and UBSan and a fixed random seed, so that the
# suite does not pass or fail by chance (tools/fuzz.sh without -s explores further). Uses this build's targets when it was
# configured with -Dfuzz=true, else makes a clang build of its own beside it (tools/fuzz.sh).
# Exit: 0 nothing found, 1 a finding, 77 skipped (no clang).
set -u
root=${VANBAN_SOURCE_ROOT:?}
seconds=${VANBAN_FUZZ_SECONDS:-60}
if [ -n "${VANBAN_FUZZ_BUILT:-}" ]; then
    build=$(dirname "$(dirname "$VANBAN_FUZZ_BUILT")")
else
    command -v clang >/dev/null || { echo "skipped: clang is not installed (apt-get install clang)"; exit 77; }
    build=${VANBAN_BUILD_ROOT:?}/fuzz-clang
fi
work=$(mktemp -d "${TMPDIR:-/tmp}/vanban-fuzz-test.XXXXXX")
trap 'rm -rf "$work"' EXIT
"$root/tools/fuzz.sh" -q -s 1 -t "$seconds" -b "$build" -w "$work"
rc=$?
if [ $rc -eq 1 ]; then
    for log in "$work"/*.log; do
        grep -q -E 'ERROR: |runtime error' "$log" && { echo "== $log"; grep -A30 -m1 -E 'ERROR: |runtime error' "$log"; }
    done
fi
exit $rc
