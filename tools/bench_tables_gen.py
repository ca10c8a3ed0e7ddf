#!/usr/bin/python3
"""Deterministic inputs for tools/bench-tables.sh (a benchmark, not a test).

  bench_tables_gen.py table ROWS DIR NAME   DIR/NAME.csv (the rows); DIR/NAME.yaml, which is
                                            docs/examples/bao-cao.yaml plus an appendix whose
                                            table reads NAME.csv (the `phu_luc` / `bang` / `tep`
                                            format of docs/format.md); DIR/NAME.md, the same
                                            cells as a Markdown pipe table, for pandoc
  bench_tables_gen.py batch N EXAMPLE DIR   DIR/doc-0001.yaml … : N copies of EXAMPLE, each
                                            with its own `so:`
  bench_tables_gen.py paragraphs            stdin → stdout: one text line = one Markdown
                                            paragraph (blank line between lines)

Every cell is a function of the row index: two runs write the same bytes.
"""
import csv
import os
import re
import sys

HEADER = ["STT", "Đơn vị", "Chỉ tiêu", "Kế hoạch", "Kết quả"]

UNIT_KIND = ["Xã", "Xã", "Xã", "Thị trấn", "Xã"]
UNIT_NAME = ["Tân An", "Nghĩa Hòa", "Hương Lạc", "Quang Thịnh", "Xuân Hương", "Mỹ Hà",
             "Đào Mỹ", "Tiên Lục", "Dương Đức", "Yên Mỹ", "Hương Sơn", "Thái Đào",
             "Đại Lâm", "Phi Mô", "An Hà", "Xương Lâm", "Tân Dĩnh", "Kép", "Vôi", "Tân Hưng"]
DISTRICT = ["Lạng Giang", "Lục Nam", "Yên Thế", "Hiệp Hòa", "Việt Yên", "Tân Yên", "Sơn Động"]
INDICATOR = [
    "Hồ sơ trực tuyến toàn trình",
    "Văn bản điện tử được ký số",
    "Hồ sơ được số hóa kết quả",
    "Hộ có cáp quang",
    "Tài khoản thanh toán",
    "Sản phẩm OCOP trên sàn",
    "Tổ công nghệ số cộng đồng",
    "Người dân dùng VNeID",
    "Điểm Wi-Fi công cộng",
]


def dotted(n):
    """1879 → '1.879' (Vietnamese thousands separator)."""
    return f"{n:,}".replace(",", ".")


def row(i):
    """The cells of data row i (1-based); the STT cell is left empty (numbered by vanban)."""
    unit = (f"{UNIT_KIND[i % 5]} {UNIT_NAME[(i * 7) % 20]}, "
            f"huyện {DISTRICT[(i * 3) % 7]}")
    indicator = f"{INDICATOR[i % 9]} (mã {i})"
    plan = dotted((i * 7919) % 98000 + 120)
    pct = (i * 337) % 1000
    result = f"{pct // 10},{pct % 10}%"
    return ["", unit, indicator, plan, result]


def report_with_appendix_ref(example):
    """EXAMPLE (a complete report: vanban refuses a report without its assessment and
    recommendations) with a body paragraph referring to the appendix, before the closing one."""
    text = open(example, encoding="utf-8").read()
    return re.sub(r"^(  - [^\n]*trân trọng báo cáo)", r"  - Số liệu chi tiết tại Phụ lục kèm theo.\n\1",
                  text, count=1, flags=re.M).rstrip("\n") + "\n"


def table(rows, d, name):
    rows = int(rows)
    with open(os.path.join(d, name + ".csv"), "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(HEADER)
        for i in range(1, rows + 1):
            w.writerow(row(i))

    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    head = report_with_appendix_ref(os.path.join(root, "docs", "examples", "bao-cao.yaml"))
    body = f"""
phu_luc:
  - tieu_de: Số liệu chi tiết
    noi_dung:
      - bang:
          tep: {name}.csv
          cot:
            - {{ ten: STT, stt: true }}
            - Đơn vị
            - Chỉ tiêu
            - Kế hoạch
            - Kết quả
"""
    with open(os.path.join(d, name + ".yaml"), "w", encoding="utf-8") as f:
        f.write(head + body)

    # The same cells for pandoc: the STT column holds the numbers vanban would print.
    with open(os.path.join(d, name + ".md"), "w", encoding="utf-8") as f:
        f.write("# Số liệu chi tiết\n\n")
        f.write("| " + " | ".join(HEADER) + " |\n")
        f.write("|---:|:---|:---|---:|---:|\n")
        for i in range(1, rows + 1):
            cells = row(i)
            cells[0] = str(i)
            f.write("| " + " | ".join(cells) + " |\n")


def batch(n, example, d):
    n = int(n)
    text = open(example, encoding="utf-8").read()
    if not re.search(r"^so: ", text, re.M):
        sys.exit(f"bench_tables_gen: no `so:` line in {example}")
    for k in range(1, n + 1):
        doc = re.sub(r"^so: .*$", f"so: {k}", text, count=1, flags=re.M)
        with open(os.path.join(d, f"doc-{k:04d}.yaml"), "w", encoding="utf-8") as f:
            f.write(doc)


def paragraphs():
    sys.stdout.write("\n\n".join(l.rstrip("\n") for l in sys.stdin if l.strip()) + "\n")


if __name__ == "__main__":
    cmds = {"table": (table, 3), "batch": (batch, 3), "paragraphs": (paragraphs, 0)}
    if len(sys.argv) < 2 or sys.argv[1] not in cmds or len(sys.argv) - 2 != cmds[sys.argv[1]][1]:
        sys.exit(__doc__)
    cmds[sys.argv[1]][0](*sys.argv[2:])
