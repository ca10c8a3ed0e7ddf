#!/usr/bin/env python3
"""Generate fonts/liberation_serif_metrics.c: per-face advance widths of Liberation Serif.

Liberation Serif is metric-compatible with Times New Roman (same advance widths), which
Debian does not ship; vanban computes rule lengths and column widths from these tables
(gen/layout/textwidth.c). The tables' types are declared in fonts/liberation_serif_metrics.h,
which is hand-written: the generated file includes it, so any drift fails to compile.

Usage (from the repository root):
    python3 tools/gen_font_metrics.py [--font-dir DIR] [--out FILE]

Needs fontTools (Debian: python3-fonttools). The output depends only on the font files,
never on time, paths or dict order, so re-running it gives the same bytes.
"""

import argparse
import hashlib
import os
import sys
import unicodedata

DEBIAN_PYTHON = "/usr/bin/python3"

try:
    from fontTools.ttLib import TTFont
except ImportError:
    # python3-fonttools installs into Debian's own interpreter; a `python3` found first on
    # PATH (pyenv, venv) does not see it. Re-run under Debian's before giving up.
    if os.path.realpath(sys.executable) != os.path.realpath(DEBIAN_PYTHON) and os.access(
        DEBIAN_PYTHON, os.X_OK
    ):
        os.execv(DEBIAN_PYTHON, [DEBIAN_PYTHON] + sys.argv)
    sys.exit("gen_font_metrics.py: needs fontTools (apt-get install python3-fonttools)")

DEFAULT_FONT_DIR = "/usr/share/fonts/truetype/liberation2"
DEFAULT_OUT = "fonts/liberation_serif_metrics.c"
HEADER_NAME = "liberation_serif_metrics.h"

# (C identifier suffix, file name); the order is that of vb_face in gen/layout/textwidth.h.
FACES = [
    ("regular", "LiberationSerif-Regular.ttf"),
    ("bold", "LiberationSerif-Bold.ttf"),
    ("italic", "LiberationSerif-Italic.ttf"),
    ("bold_italic", "LiberationSerif-BoldItalic.ttf"),
]

# Inclusive code point ranges to cover; code points the font does not map are left out
# (the lookup falls back to the default advance for them).
COVERED_RANGES = [
    (0x0020, 0x024F),  # Basic Latin .. Latin Extended-B (includes U+00A0)
    (0x0300, 0x036F),  # combining diacritical marks (NFD input)
    (0x1EA0, 0x1EF9),  # Latin Extended Additional: the Vietnamese precomposed letters
    (0x2000, 0x206F),  # general punctuation: dashes, quotes, ellipsis, spaces
    (0x20AB, 0x20AB),  # DONG SIGN
    (0x00A0, 0x00A0),  # NO-BREAK SPACE (already inside the first range; listed for clarity)
]

COMBINING_FIRST, COMBINING_LAST = 0x0300, 0x036F


def covered_code_points():
    points = set()
    for first, last in COVERED_RANGES:
        points.update(range(first, last + 1))
    return sorted(points)


def name_record(font, name_id):
    value = font["name"].getDebugName(name_id)
    if value is None:
        sys.exit(f"gen_font_metrics.py: name ID {name_id} missing")
    return value


def c_string(text):
    """A C string literal; font names are ASCII, so escaping quotes/backslashes suffices."""
    if not text.isascii():
        sys.exit(f"gen_font_metrics.py: non-ASCII name {text!r}")
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def read_face(path):
    with open(path, "rb") as handle:
        sha256 = hashlib.sha256(handle.read()).hexdigest()
    font = TTFont(path, lazy=True)
    cmap = font.getBestCmap()
    advances = font["hmtx"].metrics  # glyph name -> (advance, left side bearing)
    notdef = font.getGlyphOrder()[0]  # glyph 0 is .notdef by TrueType convention

    entries = []  # (code point, advance recorded, advance in the font if overridden)
    for code_point in covered_code_points():
        glyph = cmap.get(code_point)
        if glyph is None:
            continue
        font_advance = advances[glyph][0]
        if COMBINING_FIRST <= code_point <= COMBINING_LAST and font_advance != 0:
            # Marks overlay the preceding letter; a few (Bold U+0363..U+036F) carry a
            # spacing advance in the font, but shapers position them with zero advance.
            entries.append((code_point, 0, font_advance))
        else:
            entries.append((code_point, font_advance, None))

    face = {
        "file": os.path.basename(path),
        "sha256": sha256,
        "full_name": name_record(font, 4),
        "version": name_record(font, 5),
        "units_per_em": font["head"].unitsPerEm,
        "notdef_name": notdef,
        "default_advance": advances[notdef][0],
        "entries": entries,
    }
    font.close()

    for code_point, advance, _ in entries:
        if code_point > 0xFFFF or advance > 0xFFFF:
            sys.exit(f"gen_font_metrics.py: U+{code_point:04X} does not fit uint16_t")
    return face


def entry_comment(code_point, font_advance):
    name = unicodedata.name(chr(code_point), "")
    comment = f"U+{code_point:04X} {name}".rstrip()
    if font_advance is not None:
        comment += f" (font says {font_advance}; zeroed: combining mark)"
    return comment


def render(faces):
    units_per_em = {face["units_per_em"] for face in faces}
    if len(units_per_em) != 1:
        # vb_font_units_per_em() returns one value for all faces.
        sys.exit(f"gen_font_metrics.py: faces disagree on unitsPerEm: {sorted(units_per_em)}")

    lines = [
        "/* GENERATED by tools/gen_font_metrics.py -- do not edit; re-run the generator.",
        " *",
        " * Horizontal advance widths of Liberation Serif (metric-compatible with Times New",
        " * Roman), per face, for the code points the font maps in U+0020..U+024F,",
        " * U+0300..U+036F (combining marks, recorded as 0: they overlay), U+1EA0..U+1EF9,",
        " * U+2000..U+206F and U+20AB. Font data under the SIL Open Font License 1.1; see",
        " * fonts/README.md.",
        " *",
        " * Source fonts (Debian package fonts-liberation2):",
    ]
    for face in faces:
        lines.append(f" *   {face['file']}: \"{face['full_name']}\", \"{face['version']}\",")
        lines.append(f" *     sha256 {face['sha256']}")
    lines += [
        " */",
        "",
        f'#include "{HEADER_NAME}"',
        "",
    ]

    for suffix, face in zip((suffix for suffix, _ in FACES), faces):
        table = f"{suffix}_entries"
        lines.append(f"/* {face['full_name']}: {len(face['entries'])} entries, sorted by code point. */")
        lines.append(f"static const vb_advance_entry {table}[] = {{")
        for code_point, advance, font_advance in face["entries"]:
            lines.append(
                f"    {{0x{code_point:04X}, {advance:4d}}}, /* {entry_comment(code_point, font_advance)} */"
            )
        lines.append("};")
        lines.append("")
        lines.append(f"const vb_face_metrics vb_liberation_serif_{suffix} = {{")
        lines.append(f"    .full_name = {c_string(face['full_name'])},")
        lines.append(f"    .version = {c_string(face['version'])},")
        lines.append(f"    .units_per_em = {face['units_per_em']},")
        lines.append(
            f"    .default_advance = {face['default_advance']}, /* glyph 0, {face['notdef_name']} */"
        )
        lines.append(f"    .entries = {table},")
        lines.append(f"    .entry_count = sizeof {table} / sizeof {table}[0],")
        lines.append("};")
        lines.append("")

    return "\n".join(lines)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--font-dir", default=DEFAULT_FONT_DIR,
                        help=f"directory holding the four LiberationSerif-*.ttf (default {DEFAULT_FONT_DIR})")
    parser.add_argument("--out", default=DEFAULT_OUT, help=f"output C file (default {DEFAULT_OUT})")
    args = parser.parse_args()

    faces = [read_face(os.path.join(args.font_dir, file_name)) for _, file_name in FACES]
    text = render(faces)
    with open(args.out, "w", encoding="ascii", newline="\n") as out:
        out.write(text)
    print(f"wrote {args.out}: " + ", ".join(f"{len(f['entries'])} {f['full_name']}" for f in faces))


if __name__ == "__main__":
    main()
