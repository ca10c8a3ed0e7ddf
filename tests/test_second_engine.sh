#!/bin/bash
# A second, independent layout engine (AbiWord) lays out every sample's DOCX and ODT, and
# tests/measure_layout.py measures its pages beside LibreOffice's: the figures per rule and
# engine, and where AbiWord does not follow the file. See tests/second_engine.py.
# Environment (set by tests/meson.build): VANBAN, VANBAN_SOURCE_ROOT.
# Exit: 0 all passed, 1 a failure, 77 skipped (no abiword, soffice or PyMuPDF).
set -u
here=$(cd "$(dirname "$0")" && pwd)
root=${VANBAN_SOURCE_ROOT:-$(dirname "$here")}
vanban=${VANBAN:-$root/build/vanban}
python=/usr/bin/python3
for tool in abiword soffice; do
    if ! command -v $tool >/dev/null 2>&1; then
        echo "SKIP: $tool not found (tools/setup.sh installs it)"
        exit 77
    fi
done
if [ ! -x "$python" ] || ! "$python" -c 'import fitz' >/dev/null 2>&1; then
    echo "SKIP: PyMuPDF (python3-fitz) not importable by $python"
    exit 77
fi
tmp=$(mktemp -d "${TMPDIR:-/tmp}/vb-test-second-engine-XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT
"$python" "$here/second_engine.py" "$vanban" "$root" "$tmp"
