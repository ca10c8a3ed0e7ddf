#!/bin/bash
# Every sample in inputs/ rendered with the vanban binary, and every XML part of the DOCX
# validated against the ECMA-376 / ISO 29500 transitional XSDs, exactly as ../shared/README.md
# shows: the WordprocessingML parts with wml-driver.xsd, [Content_Types].xml and the .rels with
# the OPC schemas, docProps/app.xml with shared-documentPropertiesExtended.xsd. (docProps/core.xml
# cannot be checked offline: its schema imports Dublin Core from the network. It is checked for
# well-formedness only.)
#
# Environment (set by tests/meson.build): VANBAN, VANBAN_SOURCE_ROOT, VANBAN_SHARED_DIR.
# Exit: 0 all valid, 1 a failure, 77 skipped (no schemas, no xmllint or unzip).
set -u

here=$(cd "$(dirname "$0")" && pwd)
root=${VANBAN_SOURCE_ROOT:-$(dirname "$here")}
vanban=${VANBAN:-$root/build/vanban}
shared=${VANBAN_SHARED_DIR:-$root/../shared}
dir=$shared/schemas
xsd=$dir/ooxml/transitional

if [ ! -d "$dir" ]; then
    echo "SKIP: $dir not found"
    exit 77
fi
for tool in xmllint unzip; do
    if ! command -v "$tool" >/dev/null 2>&1; then
        echo "SKIP: $tool not found"
        exit 77
    fi
done
for schema in wml-driver.xsd opc-xsd/opc-contentTypes.xsd opc-xsd/opc-relationships.xsd \
              shared-documentPropertiesExtended.xsd; do
    if [ ! -f "$xsd/$schema" ]; then
        echo "SKIP: $xsd/$schema not found"
        exit 77
    fi
done
if [ ! -x "$vanban" ]; then
    echo "FAIL: the vanban binary '$vanban' is missing"
    echo "0 passed, 1 failed"
    exit 1
fi

tmp=$(mktemp -d "${TMPDIR:-/tmp}/vb-test-schemas-XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT

passed=0
failed=0
pass() { passed=$((passed + 1)); echo "ok   $1"; }
fail() {
    failed=$((failed + 1))
    echo "FAIL $1"
    [ -n "${2:-}" ] && sed 's/^/     /' "$2" | head -20
    return 0
}

# validate NAME SCHEMA FILE: one check
validate() {
    local name=$1 schema=$2 file=$3 log=$tmp/xmllint.log
    if [ ! -f "$file" ]; then
        fail "$name: part missing"
        return
    fi
    if xmllint --noout --nonet --schema "$schema" "$file" >"$log" 2>&1; then
        pass "$name"
    else
        fail "$name: not valid against $(basename "$schema")" "$log"
    fi
}

shopt -s nullglob
samples=("$root"/inputs/*.yaml)
if [ ${#samples[@]} -eq 0 ]; then
    fail "no samples in $root/inputs"
fi

for yaml in "${samples[@]}"; do
    name=$(basename "$yaml" .yaml)
    out=$tmp/$name.docx
    if ! "$vanban" render -o "$out" "$yaml" >"$tmp/render.log" 2>&1; then
        fail "$name: vanban render failed" "$tmp/render.log"
        continue
    fi
    parts=$tmp/$name
    mkdir -p "$parts"
    if ! unzip -q -o "$out" -d "$parts" >"$tmp/unzip.log" 2>&1; then
        fail "$name: not a zip archive" "$tmp/unzip.log"
        continue
    fi
    for part in word/document.xml word/styles.xml word/settings.xml word/fontTable.xml \
                word/header1.xml word/header2.xml; do
        validate "$name $part" "$xsd/wml-driver.xsd" "$parts/$part"
    done
    validate "$name [Content_Types].xml" "$xsd/opc-xsd/opc-contentTypes.xsd" "$parts/[Content_Types].xml"
    # Every relationships part in the package, not only the two we know of.
    rels=0
    while IFS= read -r -d '' r; do
        rels=$((rels + 1))
        validate "$name ${r#"$parts"/}" "$xsd/opc-xsd/opc-relationships.xsd" "$r"
    done < <(find "$parts" -name '*.rels' -print0 | sort -z)
    [ "$rels" -ge 2 ] || fail "$name: expected _rels/.rels and word/_rels/document.xml.rels, found $rels .rels part(s)"
    validate "$name docProps/app.xml" "$xsd/shared-documentPropertiesExtended.xsd" "$parts/docProps/app.xml"
    if xmllint --noout --nonet "$parts/docProps/core.xml" >"$tmp/xmllint.log" 2>&1; then
        pass "$name docProps/core.xml (well-formed; its schema needs the network)"
    else
        fail "$name docProps/core.xml is not well-formed" "$tmp/xmllint.log"
    fi
done

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
