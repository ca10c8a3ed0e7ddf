#!/bin/sh
# The whole test suite: unit and integration tests (cmocka), the command line, the pages
# rendered by LibreOffice, and the OOXML schemas. Prints "N passed, N failed, N skipped".
set -u
cd "$(dirname "$0")/.."
[ -d build ] || { echo "run-tests: no build/ directory: run tools/setup.sh first" >&2; exit 2; }
ninja -C build >/dev/null || exit 1
meson test -C build --print-errorlogs "$@"
status=$?
python3 - build/meson-logs/testlog.json <<'PY'
import json, sys
counts = {"OK": 0, "FAIL": 0, "SKIP": 0, "TIMEOUT": 0, "ERROR": 0, "EXPECTEDFAIL": 0, "UNEXPECTEDPASS": 0}
with open(sys.argv[1]) as log:
    for line in log:
        line = line.strip()
        if line:
            result = json.loads(line).get("result", "ERROR")
            counts[result] = counts.get(result, 0) + 1
failed = counts["FAIL"] + counts["TIMEOUT"] + counts["ERROR"] + counts["UNEXPECTEDPASS"]
print(f"{counts['OK'] + counts['EXPECTEDFAIL']} passed, {failed} failed, {counts['SKIP']} skipped")
PY
exit $status
