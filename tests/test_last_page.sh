#!/bin/bash
# No page without body text (issue: a blank last page). Documents whose signature block ends
# at every point of the last page's bottom 40 pt are rendered to DOCX and ODT and laid out by
# LibreOffice (and by AbiWord, the second engine, when it is installed); every page must hold
# text other than its page number, and the DOCX body must end the way Word needs (a hidden
# paragraph of at most 1 pt, not a table). See tests/last_page.py.
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
tmp=$(mktemp -d "${TMPDIR:-/tmp}/vb-test-last-page-XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT
engines=(libreoffice)
command -v abiword >/dev/null 2>&1 && engines+=(abiword)
"$python" "$here/last_page.py" "$vanban" "$tmp" "${engines[@]}"
