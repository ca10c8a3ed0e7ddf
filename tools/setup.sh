#!/bin/sh
# Set-up on a fresh Debian 12 machine (as root): install what vanban needs to build and to
# run its tests, build it, and render every sample in inputs/ (FILE.yaml -> FILE.docx).
set -eu
cd "$(dirname "$0")/.."

# Build: compiler, meson/ninja, and the libraries vanban is made of.
# libstdc++-12-dev, libc6-dev: the program links ICU and hunspell (C++), and the C library,
# statically (meson_options.txt);
# cmake builds libzip for it from Debian's source tarball (subprojects/libzip.wrap).
# scdoc turns the man pages (made from the same table as --help) into roff.
build_packages="gcc pkg-config meson ninja-build cmake python3 libstdc++-12-dev libc6-dev
  libyaml-dev libxml2-dev libzip-dev zlib1g-dev libicu-dev libcmark-dev libcmocka-dev libjson-c-dev
  libhunspell-dev scdoc libpng-dev"
# Tests: LibreOffice to render pages, poppler and PyMuPDF to measure them, xmllint and jing
# for the OOXML and ODF schemas, pandoc and python-docx as independent readers, the
# Times-New-Roman-metric font LibreOffice substitutes, unzip to look inside packages, and
# AbiWord, a second layout engine that reads DOCX and ODT and writes PDF headless.
# zsh and groff check the completion and the man pages; python3-jsonschema validates SARIF.
test_packages="libreoffice-writer-nogui poppler-utils python3-fitz libxml2-utils jing
  pandoc python3-docx fonts-liberation2 unzip hunspell-vi zsh groff-base python3-jsonschema
  abiword"

missing=""
for p in $build_packages $test_packages; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" || missing="$missing $p"
done
if [ -n "$missing" ]; then
  if [ "$(id -u)" -ne 0 ]; then
    echo "setup: these packages are missing:$missing" >&2
    echo "setup: run this script as root (or: sudo apt-get install$missing)" >&2
    exit 1
  fi
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends $missing
fi

if [ -d build ]; then
  meson setup --reconfigure build >/dev/null
else
  meson setup build >/dev/null
fi
ninja -C build

for f in inputs/*.yaml; do
  ./build/vanban render "$f"
  echo "rendered ${f%.yaml}.docx"
done
