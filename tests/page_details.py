#!/usr/bin/python3
"""The details a văn thư would otherwise fix by hand, measured on the pages LibreOffice lays
out from the DOCX and from the ODT of the same documents:

  - footnote marks: raised (smaller than the text) in the body and before the note, the note's
    text a space after its number ("¹ Công văn …", not "1Công văn …");
  - table rules: single (no two vertical or horizontal rules within 1.5 pt of each other: the
    double rule between STT and the next column) and of one thickness, the same in both
    formats; data-table rows as tall in the ODT as in the DOCX;
  - column widths that wrap no short word: "Kế hoạch" whole while "Ghi chú" is wide;
  - no line ends at the hyphen of a date or range ("tháng 9-" / "10/2025");
  - the air around Kính gửi (Mẫu 1.5): at least 18 pt of white above "Kính gửi:" (under
    V/v and the KHẨN box) and at least 18 pt between the last addressee and the body.

    page_details.py VANBAN WORKDIR

Prints "ok …" / "FAIL …" lines and "N passed, M failed"; exit 1 on a failure.
"""

import os
import re
import subprocess
import sys

import fitz

HEAD = """the_thuc: nha_nuoc
loai: {loai}
co_quan_chu_quan: UBND TỈNH BẮC GIANG
co_quan: SỞ GIÁO DỤC VÀ ĐÀO TẠO
so: 142
ky_hieu: {kyhieu}
dia_danh: Bắc Giang
ngay: 2024-09-20
trich_yeu: {trich_yeu}
"""
TAIL = """noi_nhan:
  - "Lưu: VT, VP"
ky:
  chuc_vu: GIÁM ĐỐC
  ho_ten: Đỗ Minh Phương
"""


def notes_doc():
    body = ["noi_dung:"]
    body.append('  - "Thực hiện Công văn số 1502/UBND-KGVX^[Công văn số 1502/UBND-KGVX ngày 20/5/2024 của'
                ' UBND tỉnh về chuyển đổi số.] của UBND tỉnh, Sở báo cáo như sau."')
    body.append('  - "Các đơn vị đã hoàn thành^[Theo số liệu của Văn phòng Sở.] nhiệm vụ được giao."')
    return HEAD.format(loai="TB", kyhieu="TB-SGDĐT", trich_yeu="Kết quả thực hiện nhiệm vụ") + "\n".join(body) + "\n" + TAIL


def table_doc():
    rows = []
    for i in range(6):
        rows.append('        - ["Rà soát, cập nhật dữ liệu ngành giáo dục trên hệ thống quản lý của Bộ, bảo đảm'
                    ' đúng, đủ, sạch, sống đợt %d", "Kế hoạch", "Đã hoàn thành đúng thời hạn"]' % (i + 1))
    body = ["noi_dung:", "  - Kết quả thực hiện như sau:", "  - bang:",
            "      cot: [{ten: STT, stt: true}, Nội dung, Kế hoạch, Ghi chú]", "      dong:"] + rows
    body.append("  - Các đơn vị tiếp tục thực hiện.")
    return HEAD.format(loai="TB", kyhieu="TB-SGDĐT", trich_yeu="Kết quả thực hiện nhiệm vụ") + "\n".join(body) + "\n" + TAIL


def hyphen_doc():
    body = ["noi_dung:"]
    lead = "Các đơn vị triển khai thực hiện nghiêm túc, báo cáo kết quả"
    fillers = ["", " về Sở", " về Sở Giáo", " về Sở Giáo dục", " kịp thời về Sở", " kịp thời về Sở Giáo dục",
               " đầy đủ", " đầy đủ về Sở", " đầy đủ, kịp thời", " đầy đủ, kịp thời về"]
    for f in fillers:
        for tail in (" trong tháng 9-10/2025.", " giai đoạn 2021-2025.", " từ ngày 15-20/10/2025."):
            body.append('  - "%s%s%s"' % (lead, f, tail))
    return HEAD.format(loai="TB", kyhieu="TB-SGDĐT", trich_yeu="Kết quả thực hiện nhiệm vụ") + "\n".join(body) + "\n" + TAIL


def cong_van_doc():
    text = HEAD.format(loai="CV", kyhieu="UBND-KGVX",
                       trich_yeu="V/v bảo đảm an toàn thông tin mạng dịp Tết Nguyên đán Ất Tỵ 2025")
    text = text.replace("loai: CV\n", "loai: CV\ndo_khan: khan\n")
    text = text.replace("co_quan_chu_quan: UBND TỈNH BẮC GIANG\n", "")
    text += """kinh_gui:
  - Các sở, ban, ngành tỉnh
  - UBND các huyện, thị xã, thành phố
noi_dung:
  - Để bảo đảm an toàn thông tin mạng trong dịp nghỉ Tết, Sở yêu cầu các đơn vị thực hiện.
""" + TAIL
    return text


DOCS = {"notes": notes_doc, "table": table_doc, "hyphen": hyphen_doc, "congvan": cong_van_doc}


def lines_of(page):
    out = []
    for b in page.get_text("rawdict")["blocks"]:
        for l in b.get("lines", []):
            spans = [s for s in l["spans"] if "".join(c["c"] for c in s["chars"]).strip()]
            if spans:
                out.append(spans)
    return out


def span_text(s):
    return "".join(c["c"] for c in s["chars"])


def rules(page):
    """Vertical and horizontal rules: (orientation, position, from, to, thickness)."""
    found = []
    for d in page.get_drawings():
        for it in d["items"]:
            if it[0] == "l":
                a, b = it[1], it[2]
                w = d.get("width") or 0
                if abs(a.x - b.x) < 0.2 and abs(a.y - b.y) > 3:
                    found.append(("v", a.x, min(a.y, b.y), max(a.y, b.y), w))
                elif abs(a.y - b.y) < 0.2 and abs(a.x - b.x) > 3:
                    found.append(("h", a.y, min(a.x, b.x), max(a.x, b.x), w))
            elif it[0] == "re":
                r = it[1]
                if r.width < 2 and r.height > 3:
                    found.append(("v", (r.x0 + r.x1) / 2, r.y0, r.y1, r.width))
                elif r.height < 2 and r.width > 3:
                    found.append(("h", (r.y0 + r.y1) / 2, r.x0, r.x1, r.height))
    return found


def check_notes(pdf, label, ok, fail):
    doc = fitz.open(pdf)
    body_marks, note_lines = [], []
    for page in doc:
        for spans in lines_of(page):
            for i, s in enumerate(spans):
                t = span_text(s).strip()
                if re.fullmatch(r"\d+", t) and i == 0 and len(spans) > 1 and spans[1]["size"] > s["size"] * 1.3:
                    after = span_text(spans[1])
                    spaced = after.startswith(" ") or spans[1]["bbox"][0] - s["bbox"][2] >= 1.5
                    note_lines.append((t, s["size"], spans[1]["size"], spaced))
                elif re.fullmatch(r"\d+", t) and i > 0 and spans[i - 1]["size"] > s["size"] * 1.3:
                    body_marks.append(t)
            first = span_text(spans[0])
            m = re.match(r"^(\d+)(\S)", first)
            if m and spans[0]["size"] >= 11 and ("Công văn" in first or "Theo số liệu" in first):
                note_lines.append((m.group(1), spans[0]["size"], spans[0]["size"], False))
    raised = [n for n in note_lines if n[1] < n[2] / 1.3]
    spaced = [n for n in note_lines if n[3]]
    if len(body_marks) >= 2 and len(note_lines) >= 2 and len(raised) == len(note_lines) and len(spaced) == len(note_lines):
        ok("%s: footnote marks raised in the text (%d) and before the notes (%d), each note a space after its number"
           % (label, len(body_marks), len(note_lines)))
    else:
        fail("%s: footnote marks: %d raised in the text, notes %r (number, its size, text size, spaced)"
             % (label, len(body_marks), note_lines))


def check_table(pdf, label, ok, fail, pitches):
    doc = fitz.open(pdf)
    page = doc[0]
    rs = [r for r in rules(page) if r[4] < 0.7]  # the table's (the title rules are 0.75)
    problems = []
    for o in ("v", "h"):
        segs = [r for r in rs if r[0] == o]
        double = next(((a, b) for a in segs for b in segs if 0.05 < b[1] - a[1] < 1.5 and
                       min(a[3], b[3]) - max(a[2], b[2]) > 2), None)
        if double:
            problems.append("double %s rule at %.1f and %.1f pt" % (
                "vertical" if o == "v" else "horizontal", double[0][1], double[1][1]))
    widths = sorted({round(r[4], 2) for r in rs})
    if len(widths) > 1:
        problems.append("rule thicknesses %s" % widths)
    ys = sorted({round(spans[0]["bbox"][1], 1) for spans in lines_of(page) if "đợt" in "".join(map(span_text, spans))
                 or span_text(spans[0]).startswith("Rà soát")})
    pitch = (ys[-1] - ys[0]) / (len(ys) - 1) if len(ys) > 1 else None
    pitches[label] = (pitch, widths)
    wrapped = [span_text(spans[-1]) for spans in lines_of(page) if span_text(spans[-1]).strip() == "Kế"]
    if wrapped:
        problems.append("\"Kế hoạch\" wrapped in its column")
    if problems:
        fail("%s: table: %s" % (label, "; ".join(problems)))
    else:
        ok("%s: table rules single, %s pt thick; \"Kế hoạch\" whole; row pitch %.2f pt" % (
            label, "/".join(map(str, widths)), pitch or 0))


def check_hyphen(pdf, label, ok, fail):
    doc = fitz.open(pdf)
    bad = []
    for page in doc:
        for l in page.get_text("text").split("\n"):
            if re.search(r"\d[-\u2011]\s*$", l):
                bad.append(l.strip()[-30:])
    if bad:
        fail("%s: %d lines end at the hyphen of a date or range: %s" % (label, len(bad), bad[:3]))
    else:
        ok("%s: no line ends at the hyphen of a date or range (30 paragraphs)" % label)


def check_cong_van(pdf, label, ok, fail):
    doc = fitz.open(pdf)
    page = doc[0]
    ls = lines_of(page)
    def find(prefix):
        for spans in ls:
            if span_text(spans[0]).strip().startswith(prefix):
                return spans
        return None
    kg, last, body = find("Kính gửi"), find("- UBND các huyện"), find("Để bảo đảm")
    above = [spans for spans in ls if kg and spans[0]["bbox"][3] < kg[0]["bbox"][1] - 0.5]
    boxes = [r for r in rules(page) if r[0] == "h" and kg and r[1] < kg[0]["bbox"][1]]
    if not (kg and last and body and above):
        fail("%s: Kính gửi, the last addressee or the body not found" % label)
        return
    top_above = max([s[0]["bbox"][3] for s in above] + [r[1] for r in boxes])
    gap_above = kg[0]["bbox"][1] - top_above
    gap_below = body[0]["bbox"][1] - last[0]["bbox"][3]
    if gap_above >= 18 and gap_below >= 18:
        ok("%s: Kính gửi %.1f pt under what is above it, the body %.1f pt under the last addressee" % (
            label, gap_above, gap_below))
    else:
        fail("%s: Kính gửi %.1f pt under what is above it, the body %.1f pt under the last addressee; "
             "Mẫu 1.5 leaves at least 18 pt" % (label, gap_above, gap_below))


def main():
    vanban, work = sys.argv[1], sys.argv[2]
    passed = failed = 0

    def ok(msg):
        nonlocal passed
        passed += 1
        print("ok   " + msg)

    def fail(msg):
        nonlocal failed
        failed += 1
        print("FAIL " + msg)

    files = {"docx": [], "odt": []}
    for name, make in DOCS.items():
        path = os.path.join(work, name + ".yaml")
        with open(path, "w", encoding="utf-8") as f:
            f.write(make())
        for fmt in files:
            out = os.path.join(work, "%s.%s" % (name, fmt))
            r = subprocess.run([vanban, "render", "-f", fmt, "-o", out, path], capture_output=True, text=True)
            if r.returncode != 0:
                fail("render %s.%s: %s" % (name, fmt, r.stderr.strip()[:300]))
                continue
            files[fmt].append(out)
    pitches = {}
    for fmt, fs in files.items():
        outdir = os.path.join(work, "pdf-" + fmt)
        subprocess.run(["timeout", "300", "soffice", "-env:UserInstallation=file://%s/profile" % work,
                        "--headless", "--norestore", "--convert-to", "pdf", "--outdir", outdir] + fs,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        label = fmt.upper()
        pdf = lambda n: os.path.join(outdir, n + ".pdf")
        check_notes(pdf("notes"), label, ok, fail)
        check_table(pdf("table"), label, ok, fail, pitches)
        check_hyphen(pdf("hyphen"), label, ok, fail)
        check_cong_van(pdf("congvan"), label, ok, fail)
    if "DOCX" in pitches and "ODT" in pitches:
        (pd, wd), (po, wo) = pitches["DOCX"], pitches["ODT"]
        if pd and po and abs(pd - po) <= 0.3 and wd == wo:
            ok("DOCX and ODT tables alike: rows %.2f / %.2f pt, rules %s / %s pt" % (pd, po, wd, wo))
        else:
            fail("DOCX and ODT tables differ: rows %s / %s pt, rules %s / %s pt" % (pd, po, wd, wo))
    print("%d passed, %d failed" % (passed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
