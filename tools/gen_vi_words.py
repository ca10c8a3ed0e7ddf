#!/usr/bin/env python3
"""Generate gen/viet/vi_words_data.c: which two Vietnamese syllables make one word, so a
centred title is never broken between them ("cán / bộ", "công / chức", "Bắc / Giang").

Usage (from the repository root):
    python3 tools/gen_vi_words.py WORDLIST [--out gen/viet/vi_words_data.c]

WORDLIST is Viet74K.txt of the npm package @vntk/dictionary 1.0.0 (MIT licence, VNTK 2017;
the list itself comes from Hồ Ngọc Đức's Free Vietnamese Dictionary Project): one word or
expression a line, syllables separated by spaces. Get it with
    npm pack @vntk/dictionary && tar xzf vntk-dictionary-1.0.0.tgz package/data/Viet74K.txt

Kept: every entry of exactly two syllables that are both Vietnamese syllables (letters
only), plus DERIVED below: words of administrative writing that the list lacks and the
names of Vietnam's provinces and cities, which are written in capitals in headers
("UBND TỈNH BẮC GIANG") where their capitals say nothing. Longer entries are left out:
their inner pairs ("ban nhân" of "ủy ban nhân dân") are not words.

A syllable is keyed by its lower-case letters without the tone mark, then the tone as a
digit (0 ngang, 1 sắc, 2 huyền, 3 hỏi, 4 ngã, 5 nặng): "hóa" and "hoá" are both "hoa1", so
the two tone-placement styles find the same words. gen/viet/words.c keys text the same way.

Output: the sorted syllable keys (one string, NUL-separated, with offsets) and the sorted
pairs as 32-bit numbers (first syllable's index << 16 | second's); the DERIVED pairs again
as "strong" ones, which win where two readings of a text tie. Deterministic: the same
list gives the same bytes.
"""

import argparse
import hashlib
import os
import sys
import unicodedata

TONES = {"\u0301": 1, "\u0300": 2, "\u0309": 3, "\u0303": 4, "\u0323": 5}
LETTERS = set("abcdefghijklmnopqrstuvwxyzđ")

# Words the list lacks (checked against it), from the seeds and real titles of
# administrative documents, and the province-level units (63 before and 34 after 2025).
DERIVED = """
hành chính|phục vụ|nhân dân|trung học|phổ thông|cán bộ|công chức|viên chức|cơ quan|đơn vị
số hóa|trực tuyến|dữ liệu|an ninh|chuyển đổi|ủy ban|ủy viên|thường trực|văn phòng|kế hoạch
chủ tịch|bí thư|tỉnh ủy|thành ủy|huyện ủy|đảng bộ|chỉ đạo|chữ ký|người dân
nông thôn|đô thị|hạ tầng|nền tảng|định danh|xác thực|điện tử|thông minh|trí tuệ|nhân tạo
công an|quân sự|biên phòng|kiểm sát|tòa án|thanh tra|kiểm toán|hải quan|kho bạc|thuế vụ
phát thanh|truyền hình|truyền thông|thông tin|giáo dục|đào tạo|y tế|lao động|thương binh
xã hội|nội vụ|tư pháp|tài chính|tài nguyên|môi trường|xây dựng|giao thông|vận tải|công thương
khoa học|công nghệ|văn hóa|thể thao|du lịch|ngoại vụ|dân tộc|tôn giáo|sơ kết|tổng kết
an giang|bà rịa|vũng tàu|bạc liêu|bắc giang|bắc kạn|bắc ninh|bến tre|bình định|bình dương
bình phước|bình thuận|cà mau|cần thơ|cao bằng|đà nẵng|đắk lắk|đắk nông|điện biên|đồng nai
đồng tháp|gia lai|hà giang|hà nam|hà nội|hà tĩnh|hải dương|hải phòng|hậu giang|hòa bình
hưng yên|khánh hòa|kiên giang|kon tum|lai châu|lâm đồng|lạng sơn|lào cai|long an|nam định
nghệ an|ninh bình|ninh thuận|phú thọ|phú yên|quảng bình|quảng nam|quảng ngãi|quảng ninh
quảng trị|sóc trăng|sơn la|tây ninh|thái bình|thái nguyên|thanh hóa|thừa thiên|tiền giang
tuyên quang|trà vinh|vĩnh long|vĩnh phúc|yên bái|hồ chí|chí minh|lạng giang|việt nam
"""


def tone_key(syllable):
    """The key of one syllable, or None when it is not made of Vietnamese letters."""
    s = unicodedata.normalize("NFD", syllable.lower())
    tone = 0
    base = []
    for ch in s:
        if ch in TONES:
            tone = TONES[ch]
        else:
            base.append(ch)
    base = unicodedata.normalize("NFC", "".join(base))
    plain = unicodedata.normalize("NFD", base)
    if not plain or any(not (c in LETTERS or unicodedata.combining(c)) for c in plain):
        return None
    return "%s%d" % (base, tone)


def pair_keys(entry):
    parts = entry.split()
    if len(parts) != 2:
        return None
    keys = [tone_key(p) for p in parts]
    return None if None in keys else tuple(keys)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("wordlist")
    ap.add_argument("--out", default="gen/viet/vi_words_data.c")
    args = ap.parse_args()
    raw = open(args.wordlist, "rb").read()
    digest = hashlib.sha256(raw).hexdigest()
    pairs = set()
    listed = 0
    for line in raw.decode("utf-8").splitlines():
        k = pair_keys(unicodedata.normalize("NFC", line.strip()))
        if k:
            pairs.add(k)
            listed += 1
    derived = [w.strip() for w in DERIVED.replace("\n", "|").split("|") if w.strip()]
    added = 0
    strong = set()
    for w in derived:
        k = pair_keys(w)
        if not k:
            sys.exit("not two syllables: %r" % w)
        strong.add(k)
        if k not in pairs:
            pairs.add(k)
            added += 1
    syllables = sorted({s for p in pairs for s in p}, key=lambda s: s.encode("utf-8"))
    if len(syllables) >= 1 << 16:
        sys.exit("too many syllables for 16-bit indexes")
    index = {s: i for i, s in enumerate(syllables)}
    packed = sorted((index[a] << 16) | index[b] for a, b in pairs)
    packed_strong = sorted((index[a] << 16) | index[b] for a, b in strong)

    out = []
    out.append("/* GENERATED by tools/gen_vi_words.py -- do not edit; re-run the generator.\n"
               " *\n"
               " * Pairs of Vietnamese syllables that make one word, so a title is not broken\n"
               " * between them. Source: Viet74K.txt of the npm package @vntk/dictionary 1.0.0\n"
               " * (MIT, VNTK 2017; from Ho Ngoc Duc's Free Vietnamese Dictionary Project),\n"
               " *   sha256 %s:\n"
               " * its %d two-syllable entries, plus %d words and place names derived in the\n"
               " * generator (administrative vocabulary, provinces). %d syllables, %d pairs.\n"
               " * Keys: lower case, tone mark removed, tone digit appended (0-5). */\n\n"
               % (digest, listed, added, len(syllables), len(packed)))
    out.append('#include "vi_words_data.h"\n\n')
    out.append("const char vb_vi_syllable_text[] =\n")
    offsets = []
    pos = 0
    line = '    "'
    for s in syllables:
        offsets.append(pos)
        enc = s.encode("utf-8")
        pos += len(enc) + 1
        piece = "".join("\\%03o" % b if b >= 0x80 else chr(b) for b in enc) + "\\0"
        if len(line) + len(piece) > 96:
            out.append(line + '"\n')
            line = '    "'
        line += piece
    out.append(line + '";\n\n')
    out.append("const unsigned vb_vi_syllable_count = %d;\n\n" % len(syllables))
    out.append("const uint32_t vb_vi_syllable_offsets[] = {\n")
    for i in range(0, len(offsets), 10):
        out.append("    " + ", ".join(str(o) for o in offsets[i:i + 10]) + ",\n")
    out.append("};\n\n")
    out.append("const unsigned vb_vi_pair_count = %d;\n\n" % len(packed))
    out.append("const uint32_t vb_vi_pairs[] = {\n")
    for i in range(0, len(packed), 8):
        out.append("    " + ", ".join("0x%08x" % p for p in packed[i:i + 8]) + ",\n")
    out.append("};\n\n")
    out.append("/* The derived words: administrative vocabulary, kept whole first where two\n"
               " * readings of a text tie (\"dang | uy ban\", \"hanh chinh | cong\"). */\n")
    out.append("const unsigned vb_vi_strong_pair_count = %d;\n\n" % len(packed_strong))
    out.append("const uint32_t vb_vi_strong_pairs[] = {\n")
    for i in range(0, len(packed_strong), 8):
        out.append("    " + ", ".join("0x%08x" % p for p in packed_strong[i:i + 8]) + ",\n")
    out.append("};\n")
    tmp = args.out + ".tmp"
    with open(tmp, "w", encoding="ascii") as f:
        f.write("".join(out))
    os.replace(tmp, args.out)
    print("%s: %d syllables, %d pairs (%d listed, %d derived)" % (args.out, len(syllables), len(packed),
                                                                  listed, added))


if __name__ == "__main__":
    main()
