#!/usr/bin/python3
"""A second, independent layout engine checks the pages: every sample (inputs/*.yaml,
docs/examples/*.yaml) is rendered to DOCX and ODT, laid out to PDF by LibreOffice and by
AbiWord (`abiword --to=pdf`), and each PDF is measured by tests/measure_layout.py.

    second_engine.py VANBAN ROOT WORKDIR

Prints, per rule, how many documents pass under each engine and format, then the pages each
engine makes. (LibreOffice's figures are checked rule by rule by test_layout_pdf.sh; here
they are the reference.) A rule AbiWord fails is a failure unless it is one of KNOWN below:
places where AbiWord does not do what the file says, which the file states explicitly, so
there is nothing left there to make unambiguous.

Exit 1 on a failure, 0 otherwise.
"""

import glob
import json
import os
import re
import subprocess
import sys
from collections import defaultdict

import fitz

# (format, rule) -> why AbiWord's page differs while the file is unambiguous.
KNOWN = {
    ("docx", "page number page N"):
        "no page number from page 2: AbiWord shows no header after a first page that has its own "
        "(w:titlePg, an empty first-page header); the default header names the number",
    ("docx", "appendix page N numbered N"): "the same: no default header after the first page",
    ("odt", "no page number on page N"):
        "a number on page 1: AbiWord ignores the master page the first paragraph names "
        "(First Page, without a header) and uses Standard's",
    ("docx", "rule under Tiêu ngữ length"):
        "AbiWord draws the paragraph's bottom border across the whole cell (273 pt), not "
        "between the paragraph's w:ind indents as ECMA-376 17.3.1.7 has it",
    ("docx", "rule under the issuing body length"): "the same: the border across the cell",
    ("docx", "rule under the Party title length"): "the same: the border across the cell",
    ("docx", "rule under the trích yếu"):
        "AbiWord draws no border for the empty paragraph that carries the rule under the "
        "trích yếu (the file gives it w:pBdr/w:bottom like the header's rules)",
    ("odt", "rule under Tiêu ngữ length"):
        "AbiWord's border is 1 pt longer than the space between the paragraph's margins",
    ("odt", "rule under the trích yếu centred"): "the same: 1 pt longer on the right",
    ("docx", "space between paragraphs"):
        "AbiWord sets the 1.15-line spacing (w:line 276) differently: 5 pt between the line "
        "boxes where the file says 6 pt before (Word and LibreOffice: 6 pt or more)",
    ("odt", "space between paragraphs"): "the same for fo:line-height 115%",
    ("docx", "top margin page N"): "the same: the first line of a page set lower",
    ("docx", "right margin (justified lines)"):
        "a justified line AbiWord leaves short, in the 37-page report with footnotes",
    ("docx", "first-line indent"): "the same document: one indent off",
}

# Documents whose AbiWord pages have not been examined yet: they carry parts added after the
# comparison above was made (page-anchored marks for ô 11, DỰ THẢO and ô 13; a joint header;
# an attached document; a landscape Phụ lục of tasks). Their AbiWord failures are printed,
# marked as such, and not counted; LibreOffice's pages of them are checked by
# test_layout_pdf.sh like every other document's.
NOT_YET_EXAMINED = {
    "bc-so-ket-cds-6-thang-bac-giang-2024", "bc-tu-van-phan-bien-cds-bac-giang-2024",
    "cong-van-lien-tich", "quyet-dinh-quy-che", "to-trinh-du-thao", "ke-hoach-bang-nhiem-vu",
}


def stray_pages(pdf):
    """Pages with no text but a page number."""
    doc = fitz.open(pdf)
    blank = []
    for i, page in enumerate(doc):
        words = [w for w in page.get_text("text").split() if not re.fullmatch(r"\d+", w)]
        if not words:
            blank.append(i + 1)
    return blank


def rule_name(check):
    return re.sub(r"\d+", "N", check)


def measure(checker, pdf, fmt):
    r = subprocess.run(["/usr/bin/python3", checker, "--format", fmt, "--json", pdf],
                       capture_output=True, text=True)
    try:
        return json.loads(r.stdout)
    except ValueError:
        return None


def main():
    vanban, root, work = sys.argv[1:4]
    checker = os.path.join(root, "tests", "measure_layout.py")
    samples = sorted(glob.glob(os.path.join(root, "inputs", "*.yaml"))) + \
        sorted(glob.glob(os.path.join(root, "docs", "examples", "*.yaml")))
    fmt_of, files = {}, {"docx": [], "odt": []}
    for y in samples:
        name = os.path.splitext(os.path.basename(y))[0]
        with open(y, encoding="utf-8") as f:
            fmt_of[name] = "party" if re.search(r"^the_thuc:\s*dang", f.read(), re.M) else "state"
        for ext in files:
            out = os.path.join(work, ext, name + "." + ext)
            os.makedirs(os.path.dirname(out), exist_ok=True)
            subprocess.run([vanban, "render", "-f", ext, "-o", out, y], stdout=subprocess.DEVNULL,
                           stderr=subprocess.DEVNULL)
            if os.path.exists(out):
                files[ext].append(out)

    results = {}  # (engine, ext, name) -> json
    crashed, stray = [], []
    for ext, fs in files.items():
        lo_dir = os.path.join(work, "lo-" + ext)
        subprocess.run(["timeout", "600", "soffice", "-env:UserInstallation=file://%s/profile" % work,
                        "--headless", "--norestore", "--convert-to", "pdf", "--outdir", lo_dir] + fs,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        ab_dir = os.path.join(work, "abiword-" + ext)
        os.makedirs(ab_dir, exist_ok=True)
        for f in fs:
            name = os.path.splitext(os.path.basename(f))[0]
            pdf = os.path.join(ab_dir, name + ".pdf")
            r = subprocess.run(["timeout", "120", "abiword", "--to=pdf", "-o", pdf, f],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            if r.returncode != 0 or not os.path.exists(pdf):
                crashed.append("%s.%s (exit %d)" % (name, ext, r.returncode))
                continue
        for engine, d in (("libreoffice", lo_dir), ("abiword", ab_dir)):
            for f in fs:
                name = os.path.splitext(os.path.basename(f))[0]
                pdf = os.path.join(d, name + ".pdf")
                if os.path.exists(pdf):
                    results[(engine, ext, name)] = measure(checker, pdf, fmt_of[name])
                    blank = stray_pages(pdf)
                    if blank and engine == "abiword" and name in NOT_YET_EXAMINED:
                        print("not yet examined: %s %s %s: page %s holds no body text" % (
                            engine, ext.upper(), name, ",".join(map(str, blank))))
                    elif blank:
                        stray.append("%s %s %s: page %s holds no body text" % (
                            engine, ext.upper(), name, ",".join(map(str, blank))))

    table = defaultdict(lambda: defaultdict(lambda: [0, 0]))  # rule -> column -> [ok, total]
    failures = []
    pages = defaultdict(dict)
    for (engine, ext, name), m in sorted(results.items()):
        col = "%s %s" % (engine, ext.upper())
        if m is None and engine == "abiword" and name in NOT_YET_EXAMINED:
            print("not yet examined: %s %s: measure_layout could not read the PDF" % (col, name))
            continue
        if m is None:
            failures.append("%s %s: measure_layout could not read the PDF" % (col, name))
            continue
        pages[name][col] = m.get("pages")
        for c in m["checks"]:
            if c["status"] == "skip":
                continue
            rule = rule_name(c["check"])
            cell = table[rule][col]
            cell[1] += 1
            if c["status"] == "ok":
                cell[0] += 1
            elif engine == "abiword" and name in NOT_YET_EXAMINED:
                print("not yet examined: %s %s: %s: %s" % (col, name, c["check"], c["message"][:160]))
            elif engine == "abiword" and (ext, rule) not in KNOWN:
                failures.append("%s %s: %s: %s" % (col, name, c["check"], c["message"][:160]))

    cols = ["libreoffice DOCX", "libreoffice ODT", "abiword DOCX", "abiword ODT"]
    print("Rules passed per engine (documents passing / measured):")
    print("%-48s %s" % ("rule", " ".join("%-17s" % c for c in cols)))
    for rule in sorted(table):
        row = table[rule]
        print("%-48s %s" % (rule[:48], " ".join("%-17s" % ("%d/%d" % tuple(row[c]) if c in row else "-")
                                                 for c in cols)))
    totals = {c: [sum(table[r][c][0] for r in table if c in table[r]),
                  sum(table[r][c][1] for r in table if c in table[r])] for c in cols}
    print("%-48s %s" % ("all checks", " ".join("%-17s" % ("%d/%d" % tuple(totals[c])) for c in cols)))
    print("Pages per document (LibreOffice DOCX/ODT, AbiWord DOCX/ODT):")
    for name in sorted(pages):
        print("  %-44s %s" % (name, " ".join(str(pages[name].get(c, "-")) for c in cols)))
    print("Where AbiWord does not follow the file (known, the file is unambiguous there):")
    seen = {(ext, r) for r in table for ext in ("docx", "odt")
            if table[r].get("abiword " + ext.upper(), [0, 0])[0] < table[r].get("abiword " + ext.upper(), [0, 0])[1]}
    for key in sorted(KNOWN):
        if key in seen:
            print("  %s, %s: %s" % (key[0].upper(), key[1], KNOWN[key]))
    if crashed:
        print("AbiWord made no PDF (it aborts) for: %s" % ", ".join(crashed))
    if stray:
        failures.extend(stray)
    else:
        print("No stray page: every page of every sample holds body text, in both engines and formats")
    for f in failures:
        print("FAIL " + f)
    nfail = len(failures)
    print("%d passed, %d failed" % (len(results) - len({f.split(':')[0] for f in failures}), nfail))
    return 1 if nfail else 0


if __name__ == "__main__":
    sys.exit(main())
