#!/usr/bin/python3
"""No page without body text: documents whose signature block (the Nơi nhận / signature table
that ends the body) ends at every point of the last page's bottom 40 pt.

    last_page.py VANBAN WORKDIR [--engine libreoffice|abiword ...]

A base Thông báo is rendered with its signature block on page 2; the lowest text on that page
is measured. Adding one-line paragraphs, two-line paragraphs, recipients (the Nơi nhận column
is the taller one) and table rows moves the block down by sums of these steps (each measured
first), so for each 1 pt of the bottom 40 pt one variant is chosen whose predicted end falls
there. Each variant is rendered to DOCX and ODT and laid out by each engine; every page
must hold text other than its page number. The measured distances from the bottom margin are
reported, with how many of the 40 one-point bins they cover.

Also, by the rules of Word (which always adds a paragraph after a table that ends the
document): the DOCX body must end with a paragraph of our own that takes no room.

Prints "ok …" / "FAIL …" lines and "N passed, M failed"; exit 1 on a failure.
"""

import itertools
import os
import re
import subprocess
import sys
import zipfile

import fitz

PAGE_H = 841.89
BOTTOM_LIMIT = PAGE_H - 20 * 72 / 25.4  # the bottom margin (20 mm)
WINDOW = 40
FILL_PARAGRAPHS = 10
RANGES = (12, 6, 10, 8)  # how many of each step a variant may add

HEAD = """the_thuc: nha_nuoc
loai: TB
co_quan_chu_quan: UBND TỈNH BẮC GIANG
co_quan: SỞ GIÁO DỤC VÀ ĐÀO TẠO
so: 142
ky_hieu: TB-SGDĐT
dia_danh: Bắc Giang
ngay: 2024-09-20
trich_yeu: Thực hiện nhiệm vụ chuyển đổi số năm học 2024-2025
noi_dung:
"""
# One line of body text at 14 pt across the text width; and one to make a paragraph longer.
LINE = "Các đơn vị triển khai thực hiện nghiêm túc."
TWO_LINES = ("Các trường học rà soát hạ tầng, thiết bị và phần mềm phục vụ dạy học, bảo đảm an toàn"
             " thông tin.")
FILL = ("Thực hiện hướng dẫn của Bộ Giáo dục và Đào tạo về nhiệm vụ ứng dụng công nghệ thông tin,"
        " chuyển đổi số năm học 2024-2025, Sở Giáo dục và Đào tạo xây dựng Kế hoạch như sau:"
        " các đơn vị rà soát, cập nhật dữ liệu ngành, bảo đảm đúng, đủ, sạch, sống.")
TAIL = """ky:
  quyen_han: KT. GIÁM ĐỐC
  chuc_vu: PHÓ GIÁM ĐỐC
  ho_ten: Đỗ Minh Phương
"""


def yaml_text(paras, two_line_paras, recipients, rows):
    out = [HEAD]
    for _ in range(FILL_PARAGRAPHS):
        out.append('  - "%s"\n' % FILL)
    # What varies comes last, on page 2, just above the signature.
    out.append("  - bang:\n      cot: [{ten: STT, stt: true}, Nội dung]\n      dong:\n")
    for i in range(1 + rows):
        out.append('        - ["Rà soát thiết bị đợt %d"]\n' % (i + 1))
    for _ in range(two_line_paras):
        out.append('  - "%s"\n' % TWO_LINES)
    for _ in range(paras):
        out.append('  - "%s"\n' % LINE)
    out.append("noi_nhan:\n")
    for i in range(10 + recipients):
        out.append('  - "Phòng Giáo dục và Đào tạo huyện số %d"\n' % (i + 1))
    out.append('  - "Lưu: VT, VP"\n')
    out.append(TAIL)
    return "".join(out)


def page_texts(pdf):
    """Per page: its text lines other than a page number."""
    doc = fitz.open(pdf)
    pages = []
    for page in doc:
        lines = []
        for b in page.get_text("dict")["blocks"]:
            for l in b.get("lines", []):
                t = "".join(s["text"] for s in l["spans"]).strip()
                if t and not re.fullmatch(r"\d+", t):
                    lines.append((t, l["bbox"][3]))
        pages.append(lines)
    return pages


def signature_end(pages):
    """(page index, distance from the bottom margin to the lowest text) of the page with the
    signer's name."""
    for i in range(len(pages) - 1, -1, -1):
        if any("Đỗ Minh Phương" in t for t, _ in pages[i]):
            low = max(y for _, y in pages[i])
            return i, BOTTOM_LIMIT - low
    return None, None


def convert(engine, files, outdir, work):
    os.makedirs(outdir, exist_ok=True)
    if engine == "libreoffice":
        subprocess.run(["timeout", "300", "soffice", "-env:UserInstallation=file://%s/profile" % work,
                        "--headless", "--norestore", "--convert-to", "pdf", "--outdir", outdir] + files,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    else:
        for f in files:
            out = os.path.join(outdir, os.path.splitext(os.path.basename(f))[0] + ".pdf")
            subprocess.run(["timeout", "60", "abiword", "--to=pdf", "-o", out, f],
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def render(vanban, work, name, text, fmt):
    path = os.path.join(work, name + ".yaml")
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)
    out = os.path.join(work, fmt, name + "." + fmt)
    os.makedirs(os.path.dirname(out), exist_ok=True)
    subprocess.run([vanban, "render", "-f", fmt, "-o", out, path], check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return out


def docx_ends_with_empty_paragraph(path):
    """Word's rule: after a final table it adds a paragraph of the Normal style. Ours must
    end the body with a paragraph that takes no room: hidden, exactly 1 pt or less."""
    xml = zipfile.ZipFile(path).read("word/document.xml").decode("utf-8")
    body = xml[xml.index("<w:body>") + 8: xml.rindex("<w:sectPr")]
    last = re.search(r"(<w:p>(?:(?!<w:p>).)*</w:p>|<w:p/>)$", body, re.S)
    if not last or body.rstrip().endswith("</w:tbl>"):
        return False, "the body ends with a table"
    p = last.group(1)
    if any(t.strip() for t in re.findall(r"<w:t[^>]*>([^<]*)</w:t>", p)):
        return False, "the last paragraph has text"
    hidden = "<w:vanish/>" in p
    exact = re.search(r'w:line="(\d+)" w:lineRule="exact"', p)
    if not hidden or not exact or int(exact.group(1)) > 20:
        return False, "the last paragraph is not hidden and ≤ 1 pt: %s" % p[:300]
    return True, "hidden, %s twips exact" % exact.group(1)


def main():
    vanban, work = sys.argv[1], sys.argv[2]
    engines = sys.argv[3:] or ["libreoffice"]
    passed = failed = 0

    def ok(msg):
        nonlocal passed
        passed += 1
        print("ok   " + msg)

    def fail(msg):
        nonlocal failed
        failed += 1
        print("FAIL " + msg)

    docx_ok = True
    for fmt in ("docx", "odt"):
        # Phase 1: where the base document's signature ends, and how far each step moves it.
        probes = {"base": (0, 0, 0, 0), "step0": (1, 0, 0, 0), "step1": (0, 1, 0, 0),
                  "step2": (0, 0, 1, 0), "step3": (0, 0, 0, 1)}
        files = [render(vanban, work, "probe-" + n, yaml_text(*k), fmt) for n, k in probes.items()]
        probe_dir = os.path.join(work, "probe-" + fmt)
        convert("libreoffice", files, probe_dir, work)
        ends = {n: signature_end(page_texts(os.path.join(probe_dir, "probe-%s.pdf" % n))) for n in probes}
        if any(e[0] != 1 for e in ends.values()):
            fail("%s probes: the signature is not on page 2 (%r)" % (fmt.upper(), ends))
            continue
        d0 = ends["base"][1]
        steps = [d0 - ends["step%d" % i][1] for i in range(4)]
        print("%s: the base ends %.1f pt above the bottom margin; steps %s pt" % (
            fmt.upper(), d0, ", ".join("%.2f" % x for x in steps)))

        # Phase 2: for each 1 pt of the window, the combination predicted to end there.
        chosen = {}
        for k in itertools.product(*(range(n) for n in RANGES)):
            d = d0 - sum(n * st for n, st in zip(k, steps))
            b = int(d // 1)
            if 0 <= b < WINDOW:
                cost = abs(d - (b + 0.5)) + 0.01 * sum(k)
                if b not in chosen or cost < chosen[b][0]:
                    chosen[b] = (cost, k)
        variants = {}
        for b, (_, k) in sorted(chosen.items()):
            variants["v%02d-%s" % (b, "-".join(map(str, k)))] = yaml_text(*k)

        files = [render(vanban, work, n, y, fmt) for n, y in variants.items()]
        if fmt == "docx":
            for f in files:
                good, why = docx_ends_with_empty_paragraph(f)
                if not good:
                    docx_ok = False
                    fail("Word's rule: %s: %s" % (os.path.basename(f), why))
                    break
        for engine in engines:
            outdir = os.path.join(work, "pdf-%s-%s" % (fmt, engine))
            convert(engine, files, outdir, work)
            bins, blank, worst = set(), [], None
            for n in variants:
                pdf = os.path.join(outdir, n + ".pdf")
                if not os.path.exists(pdf):
                    fail("%s %s: %s made no PDF" % (fmt.upper(), engine, n))
                    continue
                pages = page_texts(pdf)
                empty = [i + 1 for i, lines in enumerate(pages) if not lines]
                if empty:
                    blank.append("%s (page %s of %d)" % (n, ",".join(map(str, empty)), len(pages)))
                pi, d = signature_end(pages)
                if d is not None and pi == len(pages) - 1 - len([e for e in empty if e > pi + 1]):
                    if 0 <= d < WINDOW:
                        bins.add(int(d))
            label = "%s through %s: %d documents ending at %d of the bottom %d one-point positions" % (
                fmt.upper(), engine, len(variants), len(bins), WINDOW)
            if blank:
                fail("%s; a page with no body text in %d: %s" % (label, len(blank), "; ".join(blank[:8])))
            else:
                ok("%s; no page without body text" % label)
            if engine == "libreoffice":
                if len(bins) >= WINDOW * 3 // 4:
                    ok("%s %s: the window is covered (%d of %d points)" % (fmt.upper(), engine, len(bins), WINDOW))
                else:
                    fail("%s %s: only %d of %d points of the window reached" % (fmt.upper(), engine, len(bins), WINDOW))
    if docx_ok:
        ok("Word's rule: every DOCX body ends with a hidden paragraph of at most 1 pt, not a table")
    print("%d passed, %d failed" % (passed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
