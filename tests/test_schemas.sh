#!/bin/bash
# Every sample in inputs/ and docs/examples/ rendered with the vanban binary, and every part of
# the DOCX and of the ODT validated against the published schemas, exactly as
# ../shared/README.md shows.
#
# DOCX (ECMA-376 / ISO 29500 transitional XSDs, with xmllint): the WordprocessingML parts with
# wml-driver.xsd, [Content_Types].xml and the .rels with the OPC schemas, docProps/app.xml with
# shared-documentPropertiesExtended.xsd. (docProps/core.xml cannot be checked offline: its
# schema imports Dublin Core from the network. It is checked for well-formedness only.)
#
# ODT (OASIS ODF 1.3 RELAX NG, with jing -i): content.xml, styles.xml, meta.xml and
# settings.xml against OpenDocument-v1.3-schema.rng, META-INF/manifest.xml against
# OpenDocument-v1.3-manifest-schema.rng; and the package rule of ODF 1.3 Part 2 §3.3: the
# first entry is "mimetype", stored (not compressed), holding exactly the media type.
#
# Environment (set by tests/meson.build): VANBAN, VANBAN_SOURCE_ROOT, VANBAN_SHARED_DIR.
# Exit: 0 all valid, 1 a failure, 77 skipped (no schemas, no xmllint, jing or unzip).
set -u

here=$(cd "$(dirname "$0")" && pwd)
root=${VANBAN_SOURCE_ROOT:-$(dirname "$here")}
vanban=${VANBAN:-$root/build/vanban}
shared=${VANBAN_SHARED_DIR:-$root/../shared}
dir=$shared/schemas
xsd=$dir/ooxml/transitional
odf=$dir/odf/1.3
odf_schema=$odf/OpenDocument-v1.3-schema.rng
manifest_schema=$odf/OpenDocument-v1.3-manifest-schema.rng
odt_mimetype=application/vnd.oasis.opendocument.text

if [ ! -d "$dir" ]; then
    echo "SKIP: $dir not found"
    exit 77
fi
for tool in xmllint jing unzip; do
    if ! command -v "$tool" >/dev/null 2>&1; then
        echo "SKIP: $tool not found"
        exit 77
    fi
done
for schema in "$xsd/wml-driver.xsd" "$xsd/opc-xsd/opc-contentTypes.xsd" \
              "$xsd/opc-xsd/opc-relationships.xsd" "$xsd/shared-documentPropertiesExtended.xsd" \
              "$odf_schema" "$manifest_schema"; do
    if [ ! -f "$schema" ]; then
        echo "SKIP: $schema not found"
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

# validate NAME SCHEMA FILE: one check with xmllint against an XSD
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

# validate_rng NAME SCHEMA FILE: one check with jing against a RELAX NG schema. jing prints
# "Unable to locate <jar>" classpath warnings on Debian; they are harmless and filtered.
validate_rng() {
    local name=$1 schema=$2 file=$3 log=$tmp/jing.log
    if [ ! -f "$file" ]; then
        fail "$name: part missing"
        return
    fi
    jing -i "$schema" "$file" >"$tmp/jing.raw" 2>&1
    local rc=$?
    grep -v 'Unable to locate' "$tmp/jing.raw" >"$log"
    if [ "$rc" -eq 0 ]; then
        pass "$name"
    else
        fail "$name: not valid against $(basename "$schema")" "$log"
    fi
}

# render NAME FORMAT YAML OUT: 0 when vanban wrote OUT
render() {
    local name=$1 format=$2 yaml=$3 out=$4
    if ! "$vanban" render -f "$format" -o "$out" "$yaml" >"$tmp/render.log" 2>&1; then
        fail "$name: vanban render -f $format failed" "$tmp/render.log"
        return 1
    fi
    return 0
}

# unpack NAME FILE DIR: 0 when FILE is a zip archive, unpacked into DIR
unpack() {
    local name=$1 file=$2 parts=$3
    rm -rf "$parts"
    mkdir -p "$parts"
    if ! unzip -q -o "$file" -d "$parts" >"$tmp/unzip.log" 2>&1; then
        fail "$name: not a zip archive" "$tmp/unzip.log"
        return 1
    fi
    return 0
}

check_docx() {
    local yaml=$1 name out parts
    name=$(basename "$yaml" .yaml).docx
    out=$tmp/$name
    parts=$tmp/$name.d
    render "$name" docx "$yaml" "$out" || return
    unpack "$name" "$out" "$parts" || return
    for part in word/document.xml word/styles.xml word/settings.xml word/fontTable.xml \
                word/header1.xml word/header2.xml; do
        validate "$name $part" "$xsd/wml-driver.xsd" "$parts/$part"
    done
    validate "$name [Content_Types].xml" "$xsd/opc-xsd/opc-contentTypes.xsd" "$parts/[Content_Types].xml"
    # Every relationships part in the package, not only the two we know of.
    local rels=0
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
    rm -rf "$parts"
}

check_odt() {
    local yaml=$1 name out parts
    name=$(basename "$yaml" .yaml).odt
    out=$tmp/$name
    parts=$tmp/$name.d
    render "$name" odt "$yaml" "$out" || return
    unpack "$name" "$out" "$parts" || return

    # The package: mimetype first, stored, and exactly the media type (no newline).
    local first
    first=$(unzip -Z1 "$out" 2>/dev/null | head -n 1)
    if [ "$first" = mimetype ]; then
        pass "$name mimetype is the first entry"
    else
        fail "$name: the first entry is '$first', not mimetype"
    fi
    unzip -v "$out" >"$tmp/unzip-v.log" 2>&1
    if awk '$NF == "mimetype" { found = 1; if ($2 == "Stored") ok = 1 } END { exit !(found && ok) }' \
           "$tmp/unzip-v.log"; then
        pass "$name mimetype is stored"
    else
        fail "$name: mimetype is not stored uncompressed" "$tmp/unzip-v.log"
    fi
    printf '%s' "$odt_mimetype" >"$tmp/mimetype.want"
    if [ -f "$parts/mimetype" ] && cmp -s "$tmp/mimetype.want" "$parts/mimetype"; then
        pass "$name mimetype content"
    else
        { printf 'expected: %s\ngot:      ' "$odt_mimetype"; od -c "$parts/mimetype" 2>&1 | head -5; } >"$tmp/mime.log"
        fail "$name: mimetype does not hold exactly $odt_mimetype" "$tmp/mime.log"
    fi

    for part in content.xml styles.xml meta.xml settings.xml; do
        validate_rng "$name $part" "$odf_schema" "$parts/$part"
    done
    validate_rng "$name META-INF/manifest.xml" "$manifest_schema" "$parts/META-INF/manifest.xml"
    rm -rf "$parts"
}

shopt -s nullglob
samples=("$root"/inputs/*.yaml)
examples=("$root"/docs/examples/*.yaml)
if [ ${#samples[@]} -eq 0 ]; then
    fail "no samples in $root/inputs"
fi
if [ ${#examples[@]} -eq 0 ]; then
    fail "no examples in $root/docs/examples"
fi

for yaml in "${samples[@]}" "${examples[@]}"; do
    check_docx "$yaml"
    check_odt "$yaml"
done

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
