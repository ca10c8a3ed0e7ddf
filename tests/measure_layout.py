#!/usr/bin/python3
"""Measure a rendered Vietnamese official document (a PDF) and check it against the layout
rules of Nghị định 30/2020/NĐ-CP (state, --format state) or Hướng dẫn 36-HD/VPTW (Party,
--format party).

    measure_layout.py [--format state|party] [--json] FILE.pdf

The page is read back with PyMuPDF: the text spans (font, size, bold/italic flags, colour,
positions, per-character boxes) from page.get_text("rawdict") and the horizontal rules from
page.get_drawings() (stroked lines, or filled/stroked rectangles at most 1.5 pt tall).
Elements are identified by their text and place, never by anything vanban writes into the
file, and the expected values are the table RULES below, written from the reference
(shared/reference/nd30-hd36.md §1, §3, §4, §5, §11, §11b, §12), not from vanban's code.

Output: one line per check, "ok <check>: measured ... expected ...", "FAIL <check>: ..." or
"skip <check>: why", then "N passed, M failed". Exit status 1 if any check failed, 2 if the
PDF cannot be read. With --json the measurements (and the check results) are printed as one
JSON object instead, for comparing two renderings of the same document; the exit status is
the same.
"""

import argparse
import json
import os
import re
import sys
import unicodedata
from collections import Counter

import fitz  # PyMuPDF (Debian: python3-fitz)

MM = 72.0 / 25.4  # points per millimetre


def mm(v):
    return v * MM


# ---------------------------------------------------------------------------------------------
# The rules, as numbers. Sizes in pt (inclusive ranges), lengths in mm unless said otherwise.
# Source: nd30-hd36.md. Where the decree gives a range for the page set-up (NĐ30 §1: top and
# bottom 20-25, left 30-35, right 15-20 mm; HD36 §11: 20/20/30/15) the text area is checked
# against the values both allow and vanban is meant to use: top 20, bottom 20, left 30,
# right 15 mm; the upper ends of the NĐ30 ranges bound the top of the text.
RULES = {
    "page_mm": (210.0, 297.0),          # A4 portrait (§1)
    "page_tol": 1.0,                    # pt
    "margin_mm": {"top": 20.0, "bottom": 20.0, "left": 30.0, "right": 15.0},
    "top_margin_max_mm": 25.0,          # NĐ30 §1: top margin 20-25 mm
    "margin_tol": 2.0,                  # pt, left edge / justified right edge
    "top_tol": 1.0,                     # pt, the text may not start above 20 mm - this
    "bottom_tol": 1.0,                  # pt
    "fonts": ("TimesNewRoman", "Times New Roman", "LiberationSerif", "Liberation Serif"),
    "colour": 0x000000,
    "centre_tol": 3.0,                  # pt, text centred on the text area / under a line
    "rule_tol": 1.0,                    # pt, rule length and centring
    "indent_cm": (1.0, 1.27),           # §5 first-line indent 1 cm or 1.27 cm
    "indent_tol": 0.5,                  # pt
    "para_space_min": 6.0,              # §5 space between paragraphs >= 6 pt
    "line_spacing": (1.0, 1.5),         # §5 from single up to 1.5 lines
    "single_line": 1.15,                # one Times New Roman / Liberation Serif line = 1.15 em
    "vv_gap": 6.0,                      # §3 5b: V/v 6 pt under Số
    "vv_gap_tol": 1.5,
    "baseline_tol": 2.0,                # Số and date on one line
    "state": {
        "quoc_hieu": {"text": "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "size": (12, 13), "bold": True, "caps": True},
        "tieu_ngu": {"text": "Độc lập - Tự do - Hạnh phúc", "size": (13, 14), "bold": True},
        "parent": {"size": (12, 13), "bold": False, "caps": True},
        "issuer": {"size": (12, 13), "bold": True, "caps": True},
        "so": {"size": (13, 13), "italic": False},
        "date": {"size": (13, 14), "italic": True},
        "vv": {"size": (12, 13), "bold": False, "italic": False, "prefix": "V/v"},
        "ten_loai": {"size": (13, 14), "bold": True, "caps": True},
        "trich_yeu": {"size": (13, 14), "bold": True},
        "kinh_gui": {"size": (13, 14)},
        "body": {"size": (13, 14), "italic": False},
        "noi_nhan": {"size": (12, 12), "bold": True, "italic": True, "underline": False},
        "recipients": {"size": (11, 11)},
        "sig_caps": {"size": (13, 14), "bold": "all"},
        "signer": {"size": (13, 14), "bold": True},
        "page_number": {"size": (13, 14), "italic": False},
        # rules: under Tiêu ngữ as long as the text; under the issuer and the trích yếu
        # 1/3-1/2 of the (widest) text line, centred
        "rule_issuer": (1.0 / 3.0, 1.0 / 2.0),
        "rule_trich_yeu": (1.0 / 3.0, 1.0 / 2.0),
    },
    "party": {
        "title": {"text": "ĐẢNG CỘNG SẢN VIỆT NAM", "size": (15, 15), "bold": True, "caps": True},
        "parent": {"size": (14, 14), "bold": False, "caps": True},
        "issuer": {"size": (14, 14), "bold": True, "caps": True},
        "so": {"size": (14, 14), "italic": False},
        "date": {"size": (14, 14), "italic": True},
        "vv": {"size": (12, 12), "italic": True},      # công văn trích yếu: 12 nghiêng, no V/v
        "ten_loai": {"size": (15, 16), "bold": True, "caps": True},
        "trich_yeu": {"size": (14, 15), "bold": True},
        "kinh_gui": {"size": (14, 15)},                # no own HD36 size: the body's
        "body": {"size": (14, 15), "italic": False},
        "noi_nhan": {"size": (14, 14), "bold": False, "italic": False, "underline": True},
        "recipients": {"size": (12, 12)},
        "sig_caps": {"size": (14, 14), "bold": "authority"},  # T/M, K/T, T/L line bold
        "signer": {"size": (14, 14), "bold": True},
        "page_number": {"size": (13, 14), "italic": False},
        "dashes": "-----",
    },
}

# ô 11, the draft mark, ô 13 and the attached document's line (NĐ30 PL I §III.2.c, §III.3,
# §III.4, §IV; PL III Mẫu 1.3).
PARTS = {
    "margin_mark": {"size": (13, 14), "bold": True, "caps": True},   # ô 11: 13-14 in hoa đậm, boxed
    "margin_mark_box_mm": (6.0, 10.0),  # the box's height (vanban: 8 mm)
    "contact": {"size": (11, 12), "italic": False},                 # ô 13: 11-12 đứng
    "contact_rule_tol": 2.0,            # pt: the rule spans the text area
    "contact_bottom_tol": 8.0,          # pt: its last line on the text area's last line
    "issued_with": {"size": (13, 14), "italic": True},              # "(Ban hành kèm theo …)"
    "drafter": {"size": (11, 11)},                                  # ô 12: cỡ 11 đứng
}
OCOPIES = re.compile(r"[A-ZĐ]+\.\(\d+\)\.$")
MARK_TEXT = re.compile(r"^(DỰ THẢO( LẦN \d+)?|LƯU HÀNH NỘI BỘ|XEM XONG TRẢ LẠI)$")
CONTACT_START = re.compile(r"^(Địa chỉ|ĐT|Fax|E-mail|Website):")
ISSUED_WITH = "(Ban hành kèm theo "

QUOC_HIEU_VARIANTS = ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM")
SIG_PREFIX = re.compile(r"^(TM\.|KT\.|TL\.|TUQ\.|Q\.|T/M|K/T|T/L)\s")


def nfc(s):
    return unicodedata.normalize("NFC", s)


def norm(s):
    return re.sub(r"\s+", " ", nfc(s)).strip()


def is_caps(s):
    return any(c.isalpha() for c in s) and s == s.upper()


def r1(v):
    return None if v is None else round(v, 2)


# ---------------------------------------------------------------------------------------------
# Reading the PDF.

class Span:
    def __init__(self, s, pno):
        chars = s.get("chars", [])
        self.text = nfc("".join(c["c"] for c in chars))
        self.page = pno
        self.size = s["size"]
        font = s["font"]
        self.font = font.split("+", 1)[1] if re.match(r"^[A-Z]{6}\+", font) else font
        flags = s["flags"]
        low = self.font.lower()
        self.bold = bool(flags & 16) or "bold" in low
        self.italic = bool(flags & 2) or "italic" in low or "oblique" in low
        self.color = s["color"]
        x0, y0, x1, y1 = s["bbox"]
        self.top, self.bottom = y0, y1
        self.baseline = s["origin"][1]
        vis = [c for c in chars if not c["c"].isspace()]
        self.nvis = len(vis)
        if vis:
            self.x0 = vis[0]["bbox"][0]
            self.x1 = vis[-1]["bbox"][2]
        else:
            self.x0, self.x1 = x0, x1
        self.bx0, self.bx1 = x0, x1
        self.chars = [(nfc(c["c"]), c["bbox"][0], c["bbox"][2]) for c in chars]


class Line:
    """Spans on one baseline that follow each other without a wide gap."""

    def __init__(self, spans):
        spans.sort(key=lambda s: s.bx0)
        self.spans = spans
        self.page = spans[0].page
        text = ""
        prev = None
        for s in spans:
            if prev is not None and s.bx0 - prev.bx1 > 1.5 and not text.endswith(" ") and not s.text.startswith(" "):
                text += " "
            text += s.text
            prev = s
        self.text = norm(text)
        vis = [s for s in spans if s.nvis]
        self.x0 = min(s.x0 for s in vis)
        self.x1 = max(s.x1 for s in vis)
        self.top = min(s.top for s in vis)
        self.bottom = max(s.bottom for s in vis)
        self.baseline = max(vis, key=lambda s: s.nvis).baseline
        weight = Counter()
        for s in vis:
            weight[round(s.size, 2)] += s.nvis
        self.size = weight.most_common(1)[0][0]
        self.sizes = sorted(weight)
        n = sum(s.nvis for s in vis)
        self.bold_frac = sum(s.nvis for s in vis if s.bold) / n
        self.italic_frac = sum(s.nvis for s in vis if s.italic) / n
        self.bold = self.bold_frac == 1.0
        self.italic = self.italic_frac == 1.0

    @property
    def centre(self):
        return (self.x0 + self.x1) / 2

    @property
    def width(self):
        return self.x1 - self.x0

    def desc(self):
        return {
            "text": self.text, "page": self.page, "size": r1(self.size), "sizes": [r1(s) for s in self.sizes],
            "bold": self.bold, "italic": self.italic, "x0": r1(self.x0), "x1": r1(self.x1),
            "width": r1(self.width), "centre": r1(self.centre), "top": r1(self.top),
            "bottom": r1(self.bottom), "baseline": r1(self.baseline),
        }


def group_lines(spans):
    spans = [s for s in spans if s.nvis]
    spans.sort(key=lambda s: (s.baseline, s.bx0))
    rows = []
    for s in spans:
        if rows and abs(s.baseline - rows[-1][0].baseline) <= 1.5:
            rows[-1].append(s)
        else:
            rows.append([s])
    lines = []
    for row in rows:
        row.sort(key=lambda s: s.bx0)
        cur = [row[0]]
        for s in row[1:]:
            if s.bx0 - max(c.bx1 for c in cur) > 12.0:
                lines.append(Line(cur))
                cur = [s]
            else:
                cur.append(s)
        lines.append(Line(cur))
    lines.sort(key=lambda l: (round(l.baseline, 0), l.x0))
    return lines


def hrules(page):
    """Horizontal rules: stroked lines, or rectangles at most 1.5 pt tall. Duplicates merged."""
    found = []
    white = (1.0, 1.0, 1.0)
    for d in page.get_drawings():
        for it in d["items"]:
            if it[0] == "l" and d.get("color") in (None, white) and d.get("fill") in (None, white):
                continue  # a path nothing paints, or paints white (a frame's or a cell's bounds)
            if it[0] == "l":
                p, q = it[1], it[2]
                if abs(p.y - q.y) <= 0.5 and abs(p.x - q.x) > 2:
                    found.append((min(p.x, q.x), max(p.x, q.x), (p.y + q.y) / 2, d.get("width") or 0.0))
            elif it[0] == "re":
                r = it[1]
                if r.height <= 1.5 and r.width > 2:
                    found.append((r.x0, r.x1, (r.y0 + r.y1) / 2, r.height))
    out = []
    for f in found:
        if not any(abs(f[0] - o[0]) < 0.05 and abs(f[1] - o[1]) < 0.05 and abs(f[2] - o[2]) < 0.05 for o in out):
            out.append(f)
    return [{"x0": f[0], "x1": f[1], "y": f[2], "thickness": f[3]} for f in out]


def rule_desc(r):
    return {"x0": r1(r["x0"]), "x1": r1(r["x1"]), "y": r1(r["y"]), "length": r1(r["x1"] - r["x0"]),
            "centre": r1((r["x0"] + r["x1"]) / 2), "thickness": r1(r["thickness"])}


def rule_under(rules, x0, x1, y_from, y_to):
    """The nearest rule below y_from (and above y_to) that overlaps [x0, x1]."""
    cands = [r for r in rules if y_from < r["y"] < y_to and r["x1"] > x0 and r["x0"] < x1]
    return min(cands, key=lambda r: r["y"]) if cands else None


# ---------------------------------------------------------------------------------------------
# Checks.

class Report:
    def __init__(self):
        self.items = []

    def ok(self, name, msg):
        self.items.append(("ok", name, msg))

    def fail(self, name, msg):
        self.items.append(("FAIL", name, msg))

    def skip(self, name, msg):
        self.items.append(("skip", name, msg))

    def check(self, name, cond, measured, expected):
        (self.ok if cond else self.fail)(name, "measured %s, expected %s" % (measured, expected))

    @property
    def passed(self):
        return sum(1 for i in self.items if i[0] == "ok")

    @property
    def failed(self):
        return sum(1 for i in self.items if i[0] == "FAIL")


def in_range(v, rng, tol=0.05):
    return rng[0] - tol <= v <= rng[1] + tol


def fmt_range(rng, unit="pt"):
    return ("%g %s" % (rng[0], unit)) if rng[0] == rng[1] else ("%g-%g %s" % (rng[0], rng[1], unit))


def fmt_sizes(lines):
    sizes = sorted({s for l in lines for s in l.sizes})
    return "/".join("%g" % s for s in sizes) + " pt"


def check_style(rep, name, lines, rule):
    """Size range, bold, italic and capitals of an element (one or more lines)."""
    if not lines:
        rep.skip(name, "not found")
        return
    sizes = sorted({s for l in lines for s in l.sizes})
    rep.check(name + " size", all(in_range(s, rule["size"]) for s in sizes), fmt_sizes(lines), fmt_range(rule["size"]))
    if "bold" in rule and rule["bold"] in (True, False):
        got = all(l.bold for l in lines) if rule["bold"] else all(l.bold_frac == 0 for l in lines)
        rep.check(name + (" bold" if rule["bold"] else " not bold"), got,
                  "bold" if all(l.bold for l in lines) else ("not bold" if all(l.bold_frac == 0 for l in lines) else "partly bold"),
                  "bold" if rule["bold"] else "not bold")
    if "italic" in rule:
        got = all(l.italic for l in lines) if rule["italic"] else all(l.italic_frac == 0 for l in lines)
        rep.check(name + (" italic" if rule["italic"] else " upright"), got,
                  "italic" if all(l.italic for l in lines) else ("upright" if all(l.italic_frac == 0 for l in lines) else "partly italic"),
                  "italic" if rule["italic"] else "upright")
    if rule.get("caps"):
        rep.check(name + " capitals", all(is_caps(l.text) for l in lines),
                  " / ".join(repr(l.text) for l in lines), "IN HOA")


def measure(path, fmt):
    doc = fitz.open(path)
    rep = Report()
    M = {"file": path, "pages": doc.page_count, "elements": {}, "rules": {}, "margins": {}, "body": {},
         "page_numbers": []}
    E = M["elements"]

    W, H = mm(RULES["page_mm"][0]), mm(RULES["page_mm"][1])
    L = mm(RULES["margin_mm"]["left"])
    R = W - mm(RULES["margin_mm"]["right"])
    TOP = mm(RULES["margin_mm"]["top"])
    BOTTOM = H - mm(RULES["margin_mm"]["bottom"])
    TC = (L + R) / 2  # centre of the text area

    # ---- appendices (Phụ lục, NĐ30 PL I §III.1): each starts a page of its own and numbers
    # its pages from 1 (§III.1.đ); the document's own checks stop before the first one.
    def first_body_line(page):
        for t in page.get_text("text").splitlines():
            t = t.strip()
            if t and not t.isdigit():
                return t
        return ""
    appendix_starts = [i for i, p in enumerate(doc) if re.match(r"^Phụ lục( [IVXLC]+)?$", first_body_line(p))]
    # A document issued with a decision (Mẫu 1.3) starts a page of its own too, and numbers its
    # pages from 1: the page that carries its "(Ban hành kèm theo …)" line.
    attached_starts = [i for i, p in enumerate(doc)
                       if any(nfc(t).strip().startswith(ISSUED_WITH) for t in p.get_text("text").splitlines())]
    M["attached_pages"] = [i + 1 for i in attached_starts]
    appendix_starts = sorted(set(appendix_starts) | set(attached_starts))
    main_count = appendix_starts[0] if appendix_starts else doc.page_count
    M["appendix_pages"] = [i + 1 for i in appendix_starts]

    # ---- page size (an appendix may be landscape: A4 turned)
    sizes = [(p.rect.width, p.rect.height) for p in doc]
    M["page_sizes"] = [[r1(w), r1(h)] for w, h in sizes]
    def a4(i, w, h):
        if i >= main_count and w > h:
            w, h = h, w
        return abs(w - W) <= RULES["page_tol"] and abs(h - H) <= RULES["page_tol"]
    bad = [i + 1 for i, (w, h) in enumerate(sizes) if not a4(i, w, h)]
    rep.check("page size A4", not bad and sizes,
              "%d page(s), %s" % (len(sizes), "; ".join(sorted({"%.2f x %.2f pt" % s for s in sizes}))) +
              (" (pages %s differ)" % bad if bad else ""),
              "%.2f x %.2f pt within %g pt" % (W, H, RULES["page_tol"]))
    if not sizes:
        return M, rep

    # ---- spans, lines, rules
    all_spans, lines, margin_lines, rules = [], [], [], []
    appendix_margin_lines = []
    appendix_body_lines = {}
    for pno, page in enumerate(doc, start=1):
        if pno > main_count:
            pl = group_lines([Span(s, pno) for b in page.get_text("rawdict")["blocks"] if b.get("type") == 0
                              for l in b["lines"] for s in l["spans"]])
            appendix_margin_lines.append((pno, [l for l in pl if (l.top + l.bottom) / 2 < TOP]))
            appendix_body_lines[pno] = [l for l in pl if (l.top + l.bottom) / 2 >= TOP]
            continue
        raw = page.get_text("rawdict")
        spans = []
        for b in raw["blocks"]:
            if b.get("type") != 0:
                continue
            for l in b["lines"]:
                for s in l["spans"]:
                    spans.append(Span(s, pno))
        all_spans += spans
        pl = group_lines(spans)
        lines.append([l for l in pl if (l.top + l.bottom) / 2 >= TOP])
        margin_lines.append([l for l in pl if (l.top + l.bottom) / 2 < TOP])
        # The boxes of ô 11 and the draft mark, in the top margin, are no rules.
        rules.append([r for r in hrules(page) if r["y"] >= TOP - 1])
    if not any(lines):
        rep.fail("text", "measured no text on any page, expected a document")
        return M, rep

    # ---- ô 11 and the draft mark: boxed, in the top margin of page 1, right of centre
    marks = [l for l in margin_lines[0] if MARK_TEXT.match(l.text)]
    margin_lines[0] = [l for l in margin_lines[0] if not MARK_TEXT.match(l.text)]
    M["margin_marks"] = [l.desc() for l in marks]
    boxes, strokes = [], []
    for d in doc[0].get_drawings():
        for it in d["items"]:
            if it[0] == "re" and it[1].height > 5 and it[1].width > 5:
                boxes.append(it[1])
            elif it[0] == "l" and d.get("color") is not None:
                strokes.append((it[1], it[2]))

    def stroked_box(l):
        """A box drawn as four strokes (paragraph borders) around the line, or None."""
        hs = [(min(p.x, q.x), max(p.x, q.x), p.y) for p, q in strokes if abs(p.y - q.y) <= 0.5]
        vs = [(p.x, min(p.y, q.y), max(p.y, q.y)) for p, q in strokes if abs(p.x - q.x) <= 0.5]
        over = [h for h in hs if h[2] <= l.top and h[0] <= l.x0 and h[1] >= l.x1]
        under = [h for h in hs if h[2] >= l.bottom and h[0] <= l.x0 and h[1] >= l.x1]
        left = [v for v in vs if v[0] <= l.x0 and v[1] <= l.top and v[2] >= l.bottom]
        right = [v for v in vs if v[0] >= l.x1 and v[1] <= l.top and v[2] >= l.bottom]
        if not (over and under and left and right):
            return None
        return fitz.Rect(max(v[0] for v in left), max(h[2] for h in over), min(v[0] for v in right),
                         min(h[2] for h in under))
    for l in marks:
        mr = PARTS["margin_mark"]
        tag = "ô 11 %r" % l.text
        rep.check(tag + " size", all(in_range(sz, mr["size"]) for sz in l.sizes), fmt_sizes([l]), fmt_range(mr["size"]))
        rep.check(tag + " bold capitals", l.bold and is_caps(l.text), "bold" if l.bold else "not bold", "bold capitals")
        rep.check(tag + " in the top margin", l.bottom <= TOP, "bottom %.2f pt" % l.bottom, "<= %.2f pt (20 mm)" % TOP)
        rep.check(tag + " right of centre", l.centre > TC, "centre x %.2f pt" % l.centre, "> %.2f pt" % TC)
        box = next((b for b in boxes if b.x0 - 1 <= l.x0 and l.x1 <= b.x1 + 1 and b.y0 - 1 <= l.top and l.bottom <= b.y1 + 1),
                   None) or stroked_box(l)
        lo, hi = (mm(v) for v in PARTS["margin_mark_box_mm"])
        rep.check(tag + " in a box", box is not None and lo <= box.height <= hi and box.y0 >= 0,
                  "box %s" % ("%.2f x %.2f pt at y %.2f" % (box.width, box.height, box.y0) if box else "none"),
                  "a single-line box %.1f-%.1f pt high around the text" % (lo, hi))
        if box is not None:
            d = (box.x0 + box.x1) / 2 - l.centre
            rep.check(tag + " centred in its box", abs(d) <= RULES["centre_tol"], "offset %.2f pt" % d,
                      "within %g pt" % RULES["centre_tol"])

    # ---- ô 13: page 1 only, 11-12 pt upright, under a rule the width of the text area, its
    # last line on the text area's last line
    p1_lines = lines[0]
    start = next((i for i, l in enumerate(p1_lines) if CONTACT_START.match(l.text)
                  and l.top > (TOP + BOTTOM) / 2), None)
    if start is not None:
        contact = [l for l in p1_lines[start:] if l.top >= p1_lines[start].top - 0.5]
        lines[0] = [l for l in p1_lines if l not in contact]
        M["contact"] = [l.desc() for l in contact]
        cr = PARTS["contact"]
        rep.check("ô 13 size", all(in_range(sz, cr["size"]) for l in contact for sz in l.sizes), fmt_sizes(contact),
                  fmt_range(cr["size"]))
        rep.check("ô 13 upright", all(l.italic_frac == 0 and not l.bold for l in contact),
                  "; ".join("%s%s" % ("italic " if l.italic_frac else "", "bold" if l.bold else "regular") for l in contact),
                  "upright, not bold")
        low = max(l.bottom for l in contact)
        rep.check("ô 13 on the text area's last line", BOTTOM - PARTS["contact_bottom_tol"] <= low <= BOTTOM + RULES["bottom_tol"],
                  "last line bottom %.2f pt" % low, "%.2f-%.2f pt" % (BOTTOM - PARTS["contact_bottom_tol"], BOTTOM + RULES["bottom_tol"]))
        above = [r for r in rules[0] if contact[0].top - 12 < r["y"] < contact[0].top + 0.5]
        rule = max(above, key=lambda r: r["y"]) if above else None
        tol = PARTS["contact_rule_tol"]
        rep.check("ô 13 rule across the text area", rule is not None and abs(rule["x0"] - L) <= tol and abs(rule["x1"] - R) <= tol,
                  "rule %s" % ("%.2f-%.2f pt" % (rule["x0"], rule["x1"]) if rule else "none"),
                  "a rule from %.2f to %.2f pt just above it" % (L, R))
        for pi in range(1, len(lines)):
            rep.check("ô 13 on page 1 only (page %d)" % (pi + 1),
                      not any(CONTACT_START.match(l.text) for l in lines[pi]), "", "no contact line")

    # ---- ô 12: the drafter's mark and the copies after the Lưu line ("- Lưu: VT, X. PL.(30)."),
    # 11 pt upright (PL I §III.3), in the Nơi nhận column on the left
    for pi, pl in enumerate(lines):
        for l in pl:
            if l.text.startswith("- Lưu") and OCOPIES.search(l.text):
                tag = "ô 12 %r" % OCOPIES.search(l.text).group(0)
                M.setdefault("drafter_copies", []).append(l.desc())
                rep.check(tag + " size", all(in_range(sz, PARTS["drafter"]["size"]) for sz in l.sizes), fmt_sizes([l]),
                          fmt_range(PARTS["drafter"]["size"]))
                rep.check(tag + " upright", l.italic_frac == 0 and not l.bold, "italic" if l.italic_frac else "upright",
                          "upright, not bold")
                rep.check(tag + " in the Nơi nhận column", l.x1 < TC, "right end %.2f pt" % l.x1, "< %.2f pt" % TC)

    # ---- "(Ban hành kèm theo …)" on each attached document's first page: italic 13-14,
    # centred, under its bold title
    for i in attached_starts:
        pl = group_lines([Span(sp, i + 1) for b in doc[i].get_text("rawdict")["blocks"] if b.get("type") == 0
                          for ln in b["lines"] for sp in ln["spans"]])
        k = next((j for j, l in enumerate(pl) if l.text.startswith(ISSUED_WITH)), None)
        if k is None:
            continue
        note = [pl[k]]
        while not note[-1].text.endswith(")") and k + len(note) < len(pl):
            note.append(pl[k + len(note)])
        ir = PARTS["issued_with"]
        tag = "page %d \"Ban hành kèm theo\" line" % (i + 1)
        rep.check(tag + " size", all(in_range(sz, ir["size"]) for sz in (s for l in note for s in l.sizes)),
                  fmt_sizes(note), fmt_range(ir["size"]))
        rep.check(tag + " italic", all(l.italic for l in note), "italic" if all(l.italic for l in note) else "upright",
                  "italic")
        d = max(abs(l.centre - TC) for l in note)
        rep.check(tag + " centred", d <= RULES["centre_tol"], "offset %.2f pt" % d, "within %g pt" % RULES["centre_tol"])
        title = [l for l in pl[:k] if l.bold and l.top > TOP and abs(l.centre - TC) <= RULES["centre_tol"]]
        rep.check(tag + " under the bold title", bool(title), " / ".join(l.text for l in title) or "nothing",
                  "the tên loại and trích yếu above it")

    # ---- fonts and colour
    fonts = sorted({s.font for s in all_spans})
    badf = [f for f in fonts if not f.replace(" ", "").startswith(tuple(x.replace(" ", "") for x in RULES["fonts"]))]
    M["fonts"] = fonts
    rep.check("fonts Times New Roman / Liberation Serif", not badf, ", ".join(fonts) or "none",
              "Times New Roman or Liberation Serif only" + (" (not: %s)" % ", ".join(badf) if badf else ""))
    colours = sorted({s.color for s in all_spans if s.nvis})
    rep.check("text colour black", colours == [RULES["colour"]], ", ".join("#%06x" % c for c in colours), "#000000 only")

    # ---- format
    p1 = lines[0]
    if fmt is None:
        fmt = "party" if any(l.text == RULES["party"]["title"]["text"] for l in p1) else "state"
    M["format"] = fmt
    F = RULES[fmt]

    # ---- header, page 1
    so = next((l for l in p1 if re.match(r"^Số(:|\s)", l.text) and l.centre < TC), None)
    date = next((l for l in p1 if ", ngày " in l.text), None)
    quoc_hieu = next((l for l in p1 if l.text.upper() in QUOC_HIEU_VARIANTS), None)
    tieu_ngu = next((l for l in p1 if l.text == RULES["state"]["tieu_ngu"]["text"]), None)
    title = next((l for l in p1 if l.text == RULES["party"]["title"]["text"]), None)
    limit = so.top if so else (date.top if date else None)
    left_head = [l for l in p1 if limit is not None and l.baseline < limit and l.centre < TC]
    issuer = [l for l in left_head if l.bold and is_caps(l.text)]
    parent = [l for l in left_head if issuer and l.baseline < issuer[0].baseline and not l.bold and is_caps(l.text)]
    star = None
    if fmt == "party" and issuer:
        star = next((l for l in left_head if l.text == "*" and l.baseline > issuer[-1].baseline), None)
    for key, val in (("quoc_hieu", quoc_hieu), ("tieu_ngu", tieu_ngu), ("party_title", title), ("so", so),
                     ("date", date), ("asterisk", star)):
        if val:
            E[key] = val.desc()
    if issuer:
        E["issuer"] = [l.desc() for l in issuer]
    if parent:
        E["parent"] = [l.desc() for l in parent]

    # the block under Số in the left column: V/v (state) or the công văn trích yếu (Party)
    vv = []
    if so:
        prev = so
        for l in p1:
            if l.baseline <= so.baseline + 2 or l is date:
                continue
            if l.x1 > TC or l.x0 < L + 5 or l.text.startswith(("Kính gửi", "Đồng kính gửi")):
                if l.baseline > prev.baseline:
                    break
                continue
            first = prev is so
            if (first and l.top - so.bottom > 12) or (not first and l.baseline - prev.baseline > 1.6 * l.size):
                break
            vv.append(l)
            prev = l
    if vv:
        E["vv"] = [l.desc() for l in vv]
    header_bottom = max([l.bottom for l in [so, date] + vv + issuer + parent if l is not None] +
                        [l.bottom for l in (quoc_hieu, tieu_ngu, title) if l is not None] + [0.0])

    rest = [l for l in p1 if l.top > header_bottom]
    i = 0
    ten_loai, trich_yeu, dashes, kinh_gui = [], [], None, []
    if rest and rest[0].bold and is_caps(rest[0].text) and abs(rest[0].centre - TC) <= 10:
        ten_loai.append(rest[0])
        i = 1
        while i < len(rest) and rest[i].bold and is_caps(rest[i].text) and abs(rest[i].size - ten_loai[0].size) < 0.1 \
                and rest[i].baseline - rest[i - 1].baseline <= 1.6 * rest[i].size and abs(rest[i].centre - TC) <= 10:
            ten_loai.append(rest[i])
            i += 1
        while i < len(rest) and rest[i].bold and not is_caps(rest[i].text) \
                and rest[i].baseline - rest[i - 1].baseline <= 1.6 * rest[i].size and abs(rest[i].centre - TC) <= 10:
            trich_yeu.append(rest[i])
            i += 1
        if i < len(rest) and re.fullmatch(r"-{3,}", rest[i].text):
            dashes = rest[i]
            i += 1
    while i < len(rest) and rest[i].text.startswith(("Kính gửi", "Đồng kính gửi")):
        kinh_gui.append(rest[i])
        i += 1
        while i < len(rest) and rest[i].x0 > L + mm(20) and rest[i].baseline - kinh_gui[-1].baseline <= 1.6 * rest[i].size \
                and not rest[i].text.startswith(("Kính gửi", "Đồng kính gửi")):
            kinh_gui.append(rest[i])
            i += 1
    if ten_loai:
        E["ten_loai"] = [l.desc() for l in ten_loai]
    if trich_yeu:
        E["trich_yeu"] = [l.desc() for l in trich_yeu]
    if dashes:
        E["dashes"] = dashes.desc()
    if kinh_gui:
        E["kinh_gui"] = [l.desc() for l in kinh_gui]
    body_start = rest[i] if i < len(rest) else None

    # ---- body and closing (Nơi nhận, signature)
    flow = []  # (page index, line) after the header
    for pi, pl in enumerate(lines):
        # Footnotes sit at the foot of the page, from the first line that opens with its
        # small raised number: they are not body text.
        # The footnote separator: a short rule from the left margin, under the body text.
        seps = [r["y"] for r in rules[pi] if abs(r["x0"] - L) <= 3 and 60 <= r["x1"] - r["x0"] <= 220
                and r["y"] > H / 3]
        notes_from = max(seps) if seps else None
        for l in pl:
            if notes_from is not None and l.baseline >= notes_from - 0.5 and l.size <= 12.5:
                continue
            if pi == 0 and (body_start is None or l.baseline < body_start.baseline - 0.5):
                continue
            # A footnote mark raised above its line is not a line of its own.
            if l.text.strip().isdigit() and max(l.sizes) < 11:
                continue
            flow.append(l)

    def column_line(l):
        return l.x0 > L + mm(20) + 5 and abs(l.centre - TC) > 25

    def beside(l):  # another line on the same baseline, well apart: signers side by side
        return any(m is not l and abs(m.baseline - l.baseline) <= 2 and (m.x0 > l.x1 + 20 or l.x0 > m.x1 + 20)
                   for m in lines[l.page - 1])

    def closing_start(l):
        return (l.text.startswith("Nơi nhận") or column_line(l) or
                (l.bold and is_caps(l.text) and (beside(l) or SIG_PREFIX.match(l.text + " ") is not None)))

    close_idx = next((k for k, l in enumerate(flow) if closing_start(l)), len(flow))
    if os.environ.get("MEASURE_DEBUG") and close_idx < len(flow):
        print("closing starts at", flow[close_idx].page, repr(flow[close_idx].text), file=sys.stderr)
    body = flow[:close_idx]
    closing = []
    if close_idx < len(flow):
        cpage = flow[close_idx].page
        closing = [l for l in flow[close_idx:] if l.page == cpage]
        after = [l for l in flow[close_idx:] if l.page == cpage + 1]
        sig_try = [l for l in closing if not (l.x0 < L + 20 and l.centre < TC)]
        if after and not any(l.bold and not is_caps(l.text) for l in sig_try):
            closing += after
    noi_nhan = next((l for l in closing if l.text.startswith("Nơi nhận")), None)
    recipients = []
    if noi_nhan:
        recipients = [l for l in closing if l.page == noi_nhan.page and l.baseline > noi_nhan.baseline
                      and l.x0 < L + 20 and l.centre < TC]
        E["noi_nhan"] = noi_nhan.desc()
        E["recipients"] = [l.desc() for l in recipients]
    signature = [l for l in closing if l is not noi_nhan and l not in recipients]
    clusters = []
    for l in sorted(signature, key=lambda l: l.centre):
        if clusters and abs(l.centre - clusters[-1][-1].centre) <= 40:
            clusters[-1].append(l)
        else:
            clusters.append([l])
    clusters = [sorted(c, key=lambda l: (l.page, l.baseline)) for c in clusters]
    E["signature"] = []
    for c in clusters:
        caps = [l for l in c if is_caps(l.text)]
        names = [l for l in c if not is_caps(l.text) and l.bold]
        E["signature"].append({"caps": [l.desc() for l in caps], "name": names[-1].desc() if names else None})

    # ---- page 1 elements: checks
    if fmt == "state":
        check_style(rep, "Quốc hiệu", [quoc_hieu] if quoc_hieu else [], F["quoc_hieu"])
        check_style(rep, "Tiêu ngữ", [tieu_ngu] if tieu_ngu else [], F["tieu_ngu"])
        if quoc_hieu and tieu_ngu:
            d = tieu_ngu.centre - quoc_hieu.centre
            rep.check("Tiêu ngữ centred under Quốc hiệu", abs(d) <= RULES["centre_tol"], "offset %.2f pt" % d,
                      "within %g pt" % RULES["centre_tol"])
        if title:
            rep.fail("no Party title", "measured %r on a state document, expected none" % title.text)
    else:
        check_style(rep, "Party title", [title] if title else [], F["title"])
        rep.check("no Quốc hiệu / Tiêu ngữ (HD36)", not quoc_hieu and not tieu_ngu,
                  "present" if (quoc_hieu or tieu_ngu) else "absent", "absent")

    check_style(rep, "parent body", parent, F["parent"]) if parent else rep.skip("parent body", "none (no parent body line)")
    check_style(rep, "issuing body", issuer, F["issuer"])
    if fmt == "party":
        if star and issuer:
            d = star.centre - issuer[-1].centre
            rep.check("'*' centred under the issuing body", abs(d) <= RULES["centre_tol"], "offset %.2f pt" % d,
                      "within %g pt" % RULES["centre_tol"])
        else:
            rep.fail("'*' under the issuing body", "measured none, expected a centred '*' line")

    # Số
    if so:
        check_style(rep, "Số line", [so], F["so"])
        if fmt == "state":
            m = re.match(r"^Số: ?(\d*)/(\S+)$", so.text)
            expect = "'Số: <nn>/<KÝ-HIỆU>' (colon, zero below 10, '/', no spaces)"
        else:
            m = re.match(r"^Số ?(\d*)-(\S+)/(\S+)$", so.text)
            expect = "'Số <nn>-<LOẠI>/<CQ>' (no colon, '-' after the number)"
        if m and not m.group(1):
            rep.skip("Số number", "left blank for the văn thư to fill in (%r)" % so.text)
        rep.check("Số format", bool(m) and len(m.group(1)) != 1, repr(so.text), expect)
        if issuer:
            # A joint document's bodies stand side by side: Số is centred under them all.
            centres = sorted({round(l.centre) for l in issuer})
            columns = [c for i, c in enumerate(centres) if i == 0 or c - centres[i - 1] > RULES["centre_tol"]]
            d = so.centre - ((columns[0] + columns[-1]) / 2 if len(columns) > 1 else issuer[-1].centre)
            rep.check("Số centred under the issuing body", abs(d) <= RULES["centre_tol"], "offset %.2f pt" % d,
                      "within %g pt" % RULES["centre_tol"])
    else:
        rep.fail("Số line", "measured none, expected a line starting 'Số' left of centre on page 1")

    # date
    if date:
        check_style(rep, "date line", [date], F["date"])
        if so:
            d = date.baseline - so.baseline
            rep.check("date on the Số line", abs(d) <= RULES["baseline_tol"], "baseline offset %.2f pt" % d,
                      "within %g pt" % RULES["baseline_tol"])
        above = tieu_ngu if fmt == "state" else title
        if above:
            d = date.centre - above.centre
            rep.check("date centred under %s" % ("Tiêu ngữ" if fmt == "state" else "the Party title"),
                      abs(d) <= RULES["centre_tol"], "offset %.2f pt" % d, "within %g pt" % RULES["centre_tol"])
        if fmt == "state":
            m = re.match(r"^.+, ngày ?(\d*) tháng ?(\d*) năm (\d{4})$", date.text)
            if m and not m.group(1):
                rep.skip("date day", "left blank for the văn thư to fill in (%r)" % date.text)
            good = bool(m) and len(m.group(1)) != 1 and (m.group(2) in ("", "01", "02") or
                                                         (not m.group(2).startswith("0") and 3 <= int(m.group(2)) <= 12))
            rep.check("date format", good, repr(date.text), "'<Địa danh>, ngày DD tháng M năm YYYY' (0 before day < 10, months 01, 02)")
        else:
            rep.skip("date format", "HD36 leading-zero rule unconfirmed (§11)")
    else:
        rep.fail("date line", "measured none, expected a line with ', ngày ' on page 1")

    # V/v or công văn trích yếu
    if vv:
        name = "V/v" if fmt == "state" else "công văn trích yếu"
        check_style(rep, name, vv, F["vv"])
        if fmt == "state":
            rep.check("V/v starts with 'V/v'", vv[0].text.startswith("V/v"), repr(vv[0].text), "'V/v …'")
            gap = vv[0].top - so.bottom
            rep.check("V/v 6 pt under Số", abs(gap - RULES["vv_gap"]) <= RULES["vv_gap_tol"], "%.2f pt" % gap,
                      "%g pt within %g" % (RULES["vv_gap"], RULES["vv_gap_tol"]))
        else:
            rep.check("công văn trích yếu without 'V/v'", not vv[0].text.startswith("V/v"), repr(vv[0].text), "no 'V/v'")
        d = max(abs(l.centre - so.centre) for l in vv)
        rep.check(name + " centred under Số", d <= RULES["centre_tol"], "max offset %.2f pt" % d,
                  "within %g pt" % RULES["centre_tol"])

    # tên loại, trích yếu
    if ten_loai:
        check_style(rep, "tên loại", ten_loai, F["ten_loai"])
        d = max(abs(l.centre - TC) for l in ten_loai)
        rep.check("tên loại centred", d <= RULES["centre_tol"], "max offset %.2f pt from x = %.2f" % (d, TC),
                  "within %g pt" % RULES["centre_tol"])
        check_style(rep, "trích yếu", trich_yeu, F["trich_yeu"])
        if trich_yeu:
            d = max(abs(l.centre - TC) for l in trich_yeu)
            rep.check("trích yếu centred", d <= RULES["centre_tol"], "max offset %.2f pt" % d,
                      "within %g pt" % RULES["centre_tol"])
    else:
        why = "a công văn (block under Số, no tên loại)" if vv else "no bold capitals line centred under the header"
        rep.skip("tên loại", why)
        rep.skip("trích yếu", why)

    if kinh_gui:
        check_style(rep, "Kính gửi", kinh_gui, F["kinh_gui"])
        rep.check("Kính gửi upright", all(l.italic_frac == 0 for l in kinh_gui),
                  "upright" if all(l.italic_frac == 0 for l in kinh_gui) else "italic", "upright")
        # §7: several addressees, one "- X;" line each, the dashes lined up under the colon
        label = kinh_gui[0]
        dashes_kg = [l for l in kinh_gui[1:] if l.text.startswith("-")]
        colon = next(((x0, x1) for s in reversed(label.spans) for c, x0, x1 in reversed(s.chars) if c == ":"), None)
        if fmt == "state" and dashes_kg and colon and label.text.rstrip().endswith(":"):
            xs = [l.x0 for l in dashes_kg]
            E["kinh_gui_colon"] = {"x0": r1(colon[0]), "x1": r1(colon[1])}
            rep.check("Kính gửi dashes lined up", max(xs) - min(xs) <= 1.0, "dash x %.2f-%.2f pt" % (min(xs), max(xs)),
                      "one x within 1 pt")
            rep.check("Kính gửi dashes under the colon", colon[0] - 2 <= min(xs) and max(xs) <= colon[1] + 2,
                      "dash at x = %.2f pt, colon at %.2f-%.2f pt (%.2f pt right of it)" % (min(xs), colon[0], colon[1], min(xs) - colon[1]),
                      "the dash under the colon (x within %.2f-%.2f pt)" % (colon[0] - 2, colon[1] + 2))
    else:
        rep.skip("Kính gửi", "none")

    # ---- rules on page 1
    r1s = rules[0]
    M["rules"]["all_page1"] = [rule_desc(r) for r in r1s]
    tol = RULES["rule_tol"]

    def rule_equal(name, key, line, y_to):
        r = rule_under(r1s, line.x0, line.x1, line.baseline, y_to)
        if not r:
            rep.fail(name, "measured no rule under %r, expected one as long as the text" % line.text)
            return
        M["rules"][key] = rule_desc(r)
        ln, dc = r["x1"] - r["x0"], (r["x0"] + r["x1"]) / 2 - line.centre
        rep.check(name + " length", abs(ln - line.width) <= tol, "%.2f pt (text %.2f pt)" % (ln, line.width),
                  "the text's width within %g pt" % tol)
        rep.check(name + " centred", abs(dc) <= tol, "offset %.2f pt" % dc, "within %g pt" % tol)

    def rule_fraction(name, key, group, y_to, frac):
        widest = max(group, key=lambda l: l.width)
        x0, x1 = min(l.x0 for l in group), max(l.x1 for l in group)
        r = rule_under(r1s, x0, x1, group[-1].baseline, y_to)
        if not r:
            rep.fail(name, "measured no rule under %r, expected 1/3-1/2 of its line" % group[-1].text)
            return
        M["rules"][key] = rule_desc(r)
        ln = r["x1"] - r["x0"]
        q = ln / widest.width
        rep.check(name + " length", frac[0] * widest.width - 0.5 <= ln <= frac[1] * widest.width + 0.5,
                  "%.2f pt = %.3f of the widest line (%.2f pt)" % (ln, q, widest.width), "1/3-1/2 of it")
        dc = (r["x0"] + r["x1"]) / 2 - widest.centre
        rep.check(name + " centred", abs(dc) <= tol, "offset %.2f pt" % dc, "within %g pt" % tol)

    if fmt == "state":
        if tieu_ngu:
            rule_equal("rule under Tiêu ngữ", "tieu_ngu", tieu_ngu, date.top if date and date.top > tieu_ngu.baseline else tieu_ngu.baseline + 20)
        else:
            rep.skip("rule under Tiêu ngữ", "no Tiêu ngữ")
        if issuer:
            rule_fraction("rule under the issuing body", "issuer", issuer, so.top if so else issuer[-1].baseline + 20,
                          F["rule_issuer"])
        else:
            rep.skip("rule under the issuing body", "no issuing body found")
        if trich_yeu:
            nxt = rest[len(ten_loai) + len(trich_yeu)] if len(rest) > len(ten_loai) + len(trich_yeu) else None
            rule_fraction("rule under the trích yếu", "trich_yeu", trich_yeu,
                          nxt.top if nxt else trich_yeu[-1].baseline + 30, F["rule_trich_yeu"])
        else:
            rep.skip("rule under the trích yếu", "no trích yếu (công văn or none)")
    else:
        if title:
            rule_equal("rule under the Party title", "party_title", title,
                       date.top if date and date.top > title.baseline else title.baseline + 20)
        else:
            rep.skip("rule under the Party title", "no Party title")
        if trich_yeu:
            if dashes:
                d = dashes.centre - TC
                rep.check("'-----' under the trích yếu", dashes.text == F["dashes"] and abs(d) <= RULES["centre_tol"],
                          "%r, centre offset %.2f pt" % (dashes.text, d), "'-----' centred within %g pt" % RULES["centre_tol"])
            else:
                rep.fail("'-----' under the trích yếu", "measured none, expected a centred '-----' line")
        else:
            rep.skip("'-----' under the trích yếu", "no trích yếu (công văn or none)")

    # ---- margins
    top1 = min(l.top for l in p1) if p1 else None
    M["margins"]["page1_top"] = r1(top1)
    tmax = mm(RULES["top_margin_max_mm"]) + RULES["margin_tol"]
    if top1 is not None:
        rep.check("top margin page 1", TOP - RULES["top_tol"] <= top1 <= tmax, "header top at %.2f pt" % top1,
                  "%.2f-%.2f pt (20-25 mm)" % (TOP - RULES["top_tol"], tmax))
    if len(lines) >= 2 and lines[1]:
        top2 = min(l.top for l in lines[1])
        M["margins"]["page2_top"] = r1(top2)
        rep.check("top margin page 2", TOP - RULES["top_tol"] <= top2 <= tmax, "first line top at %.2f pt" % top2,
                  "%.2f-%.2f pt (20-25 mm)" % (TOP - RULES["top_tol"], tmax))
    else:
        rep.skip("top margin page 2", "one page only")
    low = max(((l.bottom, l) for pl in lines for l in pl), key=lambda t: t[0])
    M["margins"]["lowest_bottom"] = r1(low[0])
    rep.check("bottom margin", low[0] <= BOTTOM + RULES["bottom_tol"],
              "lowest text bottom %.2f pt (page %d)" % (low[0], low[1].page), "<= %.2f pt (297 - 20 mm)" % BOTTOM)

    if body:
        left = min(l.x0 for l in body)
        M["margins"]["body_left"] = r1(left)
        rep.check("left margin", abs(left - L) <= RULES["margin_tol"], "leftmost body text x = %.2f pt" % left,
                  "%.2f pt (30 mm) within %g" % (L, RULES["margin_tol"]))
    else:
        left = L
        rep.fail("body", "measured no body text, expected paragraphs after the header")
    leftmost = min(l.x0 for pl in lines for l in pl)
    rightmost = max(l.x1 for pl in lines for l in pl)
    M["margins"]["leftmost"] = r1(leftmost)
    M["margins"]["rightmost"] = r1(rightmost)
    rep.check("no text outside the text area", leftmost >= L - RULES["margin_tol"] and rightmost <= R + RULES["margin_tol"],
              "x from %.2f to %.2f pt" % (leftmost, rightmost), "%.2f-%.2f pt within %g" % (L, R, RULES["margin_tol"]))

    # ---- body paragraphs
    def centred(l):
        return abs(l.centre - TC) <= RULES["centre_tol"] and l.x0 - left > mm(RULES["indent_cm"][1] * 10) + 3

    steps = Counter()
    for a, b in zip(body, body[1:]):
        if a.page == b.page and abs(b.x0 - left) <= 1.5 and abs(a.size - b.size) < 0.1:
            steps[round(b.baseline - a.baseline, 1)] += 1
    pitch = steps.most_common(1)[0][0] if steps else None
    starts, justified, spacing = [], [], []
    for k, l in enumerate(body):
        prev = body[k - 1] if k else None
        same = prev is not None and prev.page == l.page
        step = l.baseline - prev.baseline if same else None
        indented = l.x0 > left + 5
        is_start = (k == 0 or indented or centred(l) or (same and pitch is not None and step > pitch + 3))
        if is_start:
            starts.append(l)
            # between two ordinary paragraphs (same size; centred title lines such as the
            # thẩm quyền line or "QUYẾT ĐỊNH:" have their own single spacing)
            if same and pitch is not None and abs(prev.size - l.size) < 0.1 and not centred(l) and not centred(prev):
                spacing.append((step - pitch, l))
        nxt = body[k + 1] if k + 1 < len(body) else None
        if nxt is not None and abs(nxt.x0 - left) <= 1.5 and not centred(l) and \
                (nxt.page != l.page or (pitch is not None and nxt.baseline - l.baseline <= pitch + 1)):
            justified.append(l)

    body_sizes = sorted({s for l in body for s in l.sizes})
    M["body"]["sizes"] = [r1(s) for s in body_sizes]
    M["body"]["lines"] = len(body)
    if body:
        rng = F["body"]["size"]
        badl = [l for l in body if not all(in_range(s, rng) for s in l.sizes)]
        rep.check("body size", not badl, "%s over %d lines%s" % (fmt_sizes(body), len(body),
                  (" (%d lines off, first: page %d %r)" % (len(badl), badl[0].page, badl[0].text[:40])) if badl else ""),
                  fmt_range(rng))
        # italic paragraphs are allowed only as the căn cứ block right under the title
        paras, cur = [], []
        for l in body:
            if l in starts and cur:
                paras.append(cur)
                cur = []
            cur.append(l)
        if cur:
            paras.append(cur)
        k = 0
        while k < len(paras) and all(centred(l) for l in paras[k]):  # thẩm quyền line
            k += 1
        k0 = k
        while k < len(paras) and sum(l.italic_frac * len(l.text) for l in paras[k]) > 0.5 * sum(len(l.text) for l in paras[k]):
            k += 1
        M["body"]["can_cu_paragraphs"] = k - k0
        slanted = [p for p in paras[k:] if sum(l.italic_frac * len(l.text) for l in p) > 0.5 * sum(len(l.text) for l in p)]
        rep.check("body upright", not slanted, "%d of %d paragraphs italic%s" % (len(slanted), len(paras),
                  (" (first: %r)" % slanted[0][0].text[:40]) if slanted else "") +
                  (" (+%d italic căn cứ paragraphs first)" % (k - k0) if k > k0 else ""), "upright (căn cứ excepted)")

        inds = [(l.x0 - left, l) for l in starts if not centred(l)]
        lo, hi = mm(RULES["indent_cm"][0] * 10) - RULES["indent_tol"], mm(RULES["indent_cm"][1] * 10) + RULES["indent_tol"]
        badi = [(v, l) for v, l in inds if not lo <= v <= hi]
        if inds:
            M["body"]["indent_min"] = r1(min(v for v, _ in inds))
            M["body"]["indent_max"] = r1(max(v for v, _ in inds))
            rep.check("first-line indent", not badi, "%.2f-%.2f pt over %d paragraphs%s" % (
                min(v for v, _ in inds), max(v for v, _ in inds), len(inds),
                (" (%d off, first: %.2f pt, page %d %r)" % (len(badi), badi[0][0], badi[0][1].page, badi[0][1].text[:40])) if badi else ""),
                "1 cm or 1.27 cm (%.2f-%.2f pt)" % (lo, hi))
        else:
            rep.skip("first-line indent", "no paragraph start found")
        # Upright lines only: LibreOffice ends justified italic lines (the căn cứ) about 2 pt
        # short of the margin, whatever the paragraph's indents.
        slanted_j = [l for l in justified if l.italic_frac > 0.5]
        justified = [l for l in justified if l.italic_frac <= 0.5]
        M["body"]["justified_italic_lines"] = len(slanted_j)
        if justified:
            rights = [l.x1 for l in justified]
            M["body"]["right_min"] = r1(min(rights))
            M["body"]["right_max"] = r1(max(rights))
            badr = [l for l in justified if abs(l.x1 - R) > RULES["margin_tol"]]
            rep.check("right margin (justified lines)", not badr, "right edges %.2f-%.2f pt over %d lines%s" % (
                min(rights), max(rights), len(rights),
                (" (first off: %.2f pt, page %d %r)" % (badr[0].x1, badr[0].page, badr[0].text[:40])) if badr else ""),
                "%.2f pt (210 - 15 mm) within %g" % (R, RULES["margin_tol"]))
        else:
            rep.skip("right margin (justified lines)", "no line continued by another")
        if pitch is not None:
            bsize = Counter(l.size for l in body).most_common(1)[0][0]
            ratio = pitch / (RULES["single_line"] * bsize)
            M["body"]["pitch"] = r1(pitch)
            ls = RULES["line_spacing"]
            rep.check("body line spacing", ls[0] - 0.03 <= ratio <= ls[1] + 0.03,
                      "%.2f pt at %g pt = %.2f lines" % (pitch, bsize, ratio), "%g-%g lines" % ls)
        else:
            rep.skip("body line spacing", "no paragraph of two lines")
        if spacing:
            v, l = min(spacing, key=lambda t: t[0])
            M["body"]["para_space_min"] = r1(v)
            rep.check("space between paragraphs", v >= RULES["para_space_min"] - 0.3,
                      "min %.2f pt (before page %d %r)" % (v, l.page, l.text[:30]), ">= %g pt" % RULES["para_space_min"])
        else:
            rep.skip("space between paragraphs", "no two paragraphs on one page")

    # ---- Nơi nhận
    if noi_nhan:
        nr = F["noi_nhan"]
        check_style(rep, "Nơi nhận", [noi_nhan], nr)
        rep.check("Nơi nhận flush left", abs(noi_nhan.x0 - L) <= RULES["margin_tol"], "x = %.2f pt" % noi_nhan.x0,
                  "%.2f pt within %g" % (L, RULES["margin_tol"]))
        ul = rule_under(rules[noi_nhan.page - 1], noi_nhan.x0, noi_nhan.x1, noi_nhan.baseline - 0.5, noi_nhan.baseline + 4)
        if ul:
            M["rules"]["noi_nhan_underline"] = rule_desc(ul)
        if nr["underline"]:
            if ul:
                ln = ul["x1"] - ul["x0"]
                rep.check("Nơi nhận underlined", abs(ln - noi_nhan.width) <= 2 * tol,
                          "line %.2f-%.2f pt under text %.2f-%.2f pt" % (ul["x0"], ul["x1"], noi_nhan.x0, noi_nhan.x1),
                          "an underline as wide as the text within %g pt" % (2 * tol))
            else:
                rep.fail("Nơi nhận underlined", "measured no line under it, expected an underline")
        else:
            rep.check("Nơi nhận not underlined", ul is None, "underline" if ul else "none", "none")
        if recipients:
            check_style(rep, "recipient lines", recipients, F["recipients"])
            dash = [l for l in recipients if l.text.startswith("-")]
            rep.check("recipient lines start with '-' flush left", dash and all(abs(l.x0 - L) <= RULES["margin_tol"] for l in dash),
                      "%d of %d lines with '-'" % (len(dash), len(recipients)), "'- ' at %.2f pt" % L)
        else:
            rep.fail("recipient lines", "measured none under Nơi nhận, expected '- …' lines")
    else:
        rep.skip("Nơi nhận", "none found")

    # ---- signature
    if clusters:
        rs = F["sig_caps"]
        for n, c in enumerate(clusters, start=1):
            tag = "signature" if len(clusters) == 1 else "signature %d" % n
            caps = [l for l in c if is_caps(l.text)]
            names = [l for l in c if not is_caps(l.text) and l.bold]
            if caps:
                sizes_ok = all(in_range(s, rs["size"]) for l in caps for s in l.sizes)
                rep.check(tag + " title size", sizes_ok, fmt_sizes(caps), fmt_range(rs["size"]))
                if rs["bold"] == "all":
                    need = caps
                else:
                    need = [l for l in caps if SIG_PREFIX.match(l.text + " ")]
                if need:
                    rep.check(tag + " title bold", all(l.bold for l in need),
                              " / ".join("%r %s" % (l.text, "bold" if l.bold else "not bold") for l in need), "bold")
                else:
                    rep.skip(tag + " title bold", "no T/M, K/T or T/L line (HD36 chức vụ boldness unconfirmed)")
            else:
                rep.fail(tag + " title", "measured no capitals line, expected quyền hạn / chức vụ")
            if names:
                name = names[-1]
                rep.check(tag + " name size", all(in_range(s, F["signer"]["size"]) for s in name.sizes),
                          "%s (%r)" % (fmt_sizes([name]), name.text), fmt_range(F["signer"]["size"]))
                rep.check(tag + " name bold", name.bold, "bold" if name.bold else "not bold", "bold")
                if caps:
                    d = name.centre - caps[0].centre
                    rep.check(tag + " name centred under the title", abs(d) <= RULES["centre_tol"], "offset %.2f pt" % d,
                              "within %g pt" % RULES["centre_tol"])
            else:
                rep.fail(tag + " name", "measured no bold name line, expected the signer's name")
        if len(clusters) == 1:
            cx = clusters[0][0].centre
            rep.check("signature right of centre", cx > TC, "centre x = %.2f pt" % cx, "> %.2f pt" % TC)
        if noi_nhan and clusters and clusters[-1]:
            first = min((l for c in clusters for l in c), key=lambda l: (l.page, l.top))
            if first.page == noi_nhan.page and noi_nhan.top <= first.top + 3:
                d = noi_nhan.top - first.top
                rep.check("Nơi nhận level with the quyền hạn line", abs(d) <= 2.0, "offset %.2f pt" % d, "within 2 pt")
            else:
                rep.skip("Nơi nhận level with the quyền hạn line", "Nơi nhận is under the signatures")
    else:
        rep.fail("signature", "measured no signature block, expected capitals lines and a name after the body")

    # ---- page numbers
    pn = F["page_number"]
    for pi, ml in enumerate(margin_lines):
        pno = pi + 1
        if pno == 1:
            rep.check("no page number on page 1", not ml, ", ".join(repr(l.text) for l in ml) or "nothing in the top margin",
                      "nothing in the top margin")
            continue
        if not ml:
            rep.fail("page number page %d" % pno, "measured nothing in the top margin, expected %r" % str(pno))
            continue
        M["page_numbers"].append({"page": pno, **ml[0].desc()})
        l = ml[0]
        good = len(ml) == 1 and l.text == str(pno)
        d = l.centre - TC
        rep.check("page number page %d" % pno,
                  good and abs(d) <= RULES["centre_tol"] and all(in_range(s, pn["size"]) for s in l.sizes) and l.italic_frac == 0,
                  "%r, %s, %s, centre offset %.2f pt" % (" | ".join(m.text for m in ml), fmt_sizes([l]),
                                                       "italic" if l.italic_frac else "upright", d),
                  "%r, %s, upright, centred within %g pt" % (str(pno), fmt_range(pn["size"]), RULES["centre_tol"]))
    if len(margin_lines) == 1:
        rep.skip("page numbers from page 2", "one page only")
    # Each appendix numbers its own pages: none on its first, then 2, 3, …
    starts = [p + 1 for p in appendix_starts]
    for pno, ml in appendix_margin_lines:
        first = max(s for s in starts if s <= pno)
        want = pno - first + 1
        if want == 1:
            rep.check("appendix page %d unnumbered" % pno, not ml, ", ".join(repr(l.text) for l in ml) or "nothing",
                      "nothing in the top margin (its first page)")
        else:
            rep.check("appendix page %d numbered %d" % (pno, want), len(ml) == 1 and ml[0].text == str(want),
                      " | ".join(l.text for l in ml) or "nothing", repr(str(want)))
    check_table_headers_repeat(rep, starts, appendix_body_lines)
    return M, rep


def check_table_headers_repeat(rep, starts, body_lines):
    """A table that goes on over the pages of an appendix starts each page with its header row
    again (the header cells, bold, on one baseline, as on the page the table starts on): the
    reader of page 3 of a task table still sees STT | Nhiệm vụ | Chủ trì …"""
    def header_row(lines):
        stt = [l for l in lines if l.text == "STT" and l.bold]
        if not stt:
            return None, None
        row = [l for l in lines if abs(l.baseline - stt[0].baseline) <= 1.5 and l.bold]
        return stt[0], [l.text for l in sorted(row, key=lambda l: l.x0)]
    ends = starts[1:] + [max(body_lines) + 1 if body_lines else 0]
    for first, end in zip(starts, ends):
        stt, cells = header_row(body_lines.get(first, []))
        if not stt:
            continue
        for pno in range(first + 1, end):
            lines = sorted(body_lines.get(pno, []), key=lambda l: (round(l.baseline, 0), l.x0))
            # A page of the table holds its data rows: STT numbers under the header's STT.
            rows = [l for l in lines if re.match(r"^(\d+|[IVXLC]+)$", l.text) and abs(l.centre - stt.centre) <= 3]
            if not rows:
                continue
            top, got = header_row(lines)
            on_top = top is not None and lines and abs(lines[0].baseline - top.baseline) <= 1.5
            rep.check("appendix page %d repeats the table's header row" % pno, on_top and got == cells,
                      " | ".join(got) if got else "no header row; first line %r" % (lines[0].text if lines else ""),
                      " | ".join(cells) + " at the top of the page")


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--format", choices=("state", "party"), help="state (NĐ30) or party (HD36); guessed if absent")
    ap.add_argument("--json", action="store_true", help="print the measurements as JSON")
    ap.add_argument("pdf")
    a = ap.parse_args()
    try:
        M, rep = measure(a.pdf, a.format)
    except (RuntimeError, ValueError, OSError) as e:  # fitz raises RuntimeError / FileDataError
        print("FAIL reading %s: %s" % (a.pdf, e))
        print("0 passed, 1 failed")
        return 2
    if a.json:
        M["checks"] = [{"status": s, "check": n, "message": m} for s, n, m in rep.items]
        M["passed"], M["failed"] = rep.passed, rep.failed
        print(json.dumps(M, ensure_ascii=False, indent=1))
    else:
        for s, n, m in rep.items:
            print("%-4s %s: %s" % (s, n, m))
        print("%d passed, %d failed" % (rep.passed, rep.failed))
    return 1 if rep.failed else 0


if __name__ == "__main__":
    sys.exit(main())
