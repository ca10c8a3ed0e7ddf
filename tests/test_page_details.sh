#!/bin/bash
# The details of the page a văn thư would otherwise fix by hand (footnote marks, table rules
# and widths, hyphens in dates and ranges, the air around Kính gửi), measured on the pages
# LibreOffice lays out from the DOCX and the ODT. See tests/page_details.py.
# Environment (set by tests/meson.build): VANBAN, VANBAN_SOURCE_ROOT.
# Exit: 0 all passed, 1 a failure, 77 skipped (no soffice, or no PyMuPDF).
set -u
here=$(cd "$(dirname "$0")" && pwd)
root=${VANBAN_SOURCE_ROOT:-$(dirname "$here")}
vanban=${VANBAN:-$root/build/vanban}
python=/usr/bin/python3
if ! command -v soffice >/dev/null 2>&1; then
    echo "SKIP: soffice not found"
    exit 77
fi
if [ ! -x "$python" ] || ! "$python" -c 'import fitz' >/dev/null 2>&1; then
    echo "SKIP: PyMuPDF (python3-fitz) not importable by $python"
    exit 77
fi
tmp=$(mktemp -d "${TMPDIR:-/tmp}/vb-test-page-details-XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT
"$python" "$here/page_details.py" "$vanban" "$tmp"
