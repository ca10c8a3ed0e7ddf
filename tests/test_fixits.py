#!/usr/bin/env python3
"""Fix-its: the rules that know the one right form give it as a replacement of a source
range, in the text output (the compilers' `fix-it:"file":{l:c-l:c}:"text"` line), in JSON (a
`fix` object) and in SARIF 2.1.0 (result.fixes[].artifactChanges[].replacements[]), at the
exact positions; applying every fix-it gives a file in which those findings are gone and the
YAML still reads the same structure. Where the change is not certain (a block scalar, a text
with an escape before the mark) no fix-it is given."""
import json, os, re, subprocess, sys, tempfile

VANBAN = os.path.abspath(os.environ.get('VANBAN', 'build/vanban'))
ROOT = os.environ.get('VANBAN_SOURCE_ROOT', '.')
failures = []


def check(name, ok, detail=''):
    if not ok:
        failures.append(name + (': ' + detail if detail else ''))


def run(cwd, *args):
    r = subprocess.run([VANBAN, 'check', *args], cwd=cwd, capture_output=True)
    return r.stdout.decode('utf-8') + r.stderr.decode('utf-8')


DOC = '''the_thuc: nha_nuoc
loai: CV
co_quan: UBND TỈNH HÒA BÌNH
so: 1
ky_hieu: UBND-VX
dia_danh: hòa Bình
ngay: 2024-01-05
trich_yeu: Về việc thử
kinh_gui: Sở Tài chính
noi_dung:
  - Đề nghị  Sở Tài chính , báo cáo...
  - "Thủy lợi và hoà giải."
noi_nhan:
  - Như trên
  - Lưu VT, VP
ky:
  quyen_han: [K.T CHỦ TỊCH]
  chuc_vu: PHÓ CHỦ TỊCH
  ho_ten: Nguyễn Văn A
'''

# rule -> (line, column, end line, end column, replacement): columns count characters.
EXPECTED = {
    ('HDR-PLACE', (6, 11, 6, 12, 'H')),
    ('TXT-TYPO', (11, 12, 11, 14, ' ')),          # the double space
    ('TXT-TYPO', (11, 26, 11, 27, '')),           # the space before the comma
    ('TXT-TYPO', (11, 36, 11, 39, '…')),          # "..."
    ('TXT-TONE-STYLE', (12, 18, 12, 21, 'hòa')),  # inside the quotes
    ('NN-LUU-FORM', (15, 5, 15, 15, '"Lưu: VT, VP"')),  # ": " in a plain scalar: quoted whole
    ('KY-MARK-FORM', (17, 15, 17, 19, 'KT. ')),   # in a flow list
}

SECOND = '''the_thuc: nha_nuoc
loai: BC
co_quan: UBND HUYỆN LẠNG GIANG
so: 2
ky_hieu: BC-UBND
dia_danh: Lạng Giang
ngay: 2024-01-05
trich_yeu: Kết quả
noi_dung:
  - Hoàn thành.
noi_nhan:
  - "Lưu: VT"
ky:
  - quyen_han: Q.GIÁM ĐỐC
    ho_ten: Lê Văn B
  - quyen_han: tm. ỦY BAN NHÂN DÂN
    chuc_vu: CHỦ TỊCH
    ho_ten: Trần Văn C
  - quyen_han: "KT CHỦ TỊCH"
    chuc_vu: PHÓ CHỦ TỊCH
    ho_ten: Đỗ Thị D
  - quyen_han: |
      TL CHỦ TỊCH
    chuc_vu: CHÁNH VĂN PHÒNG
    ho_ten: Lê Thị E
  - quyen_han: "T\\x4C CHỦ TỊCH"
    chuc_vu: CHÁNH VĂN PHÒNG
    ho_ten: Lê Văn G
'''
SECOND_EXPECTED = {
    ('KY-MARK-FORM', (14, 16, 14, 18, 'Q. ')),    # "Q." with no space after it
    ('KY-MARK-FORM', (16, 16, 16, 20, 'TM. ')),   # capitals: the same four bytes
    ('KY-MARK-FORM', (19, 17, 19, 20, 'KT. ')),   # inside the quotes
    ('KY-MARK-FORM', (23, 7, 23, 10, 'TL. ')),    # a block scalar's first line
    # Line 26, "T\x4C": the source is not the text the mark was read from: no fix-it.
}

# Decomposed letters (NFD, as some Mac and web tools write them): the paragraph composed.
THIRD = SECOND.replace('  - Hoàn thành.', '  - Hoa\u0300n tha\u0300nh.')
THIRD_EXPECTED = SECOND_EXPECTED | {('TXT-NFC', (10, 5, 10, 18, 'Hoàn thành.'))}

# A misplaced mark, spaces at the end of a quoted text, a no-break space between words.
FOURTH = '''the_thuc: nha_nuoc
loai: CV
co_quan: UBND TỈNH HÒA BÌNH
so: 1
ky_hieu: UBND-VX
dia_danh: Hòa Bình
ngay: 2024-01-05
trich_yeu: Về việc thử
kinh_gui: Sở Tài chính
noi_dung:
  - "Báo cáo nghìên cứu.  "
  - Số liệu\u00a0năm nay.
noi_nhan:
  - Như trên
  - "Lưu: VT"
ky:
  chuc_vu: CHỦ TỊCH
  ho_ten: Nguyễn Văn A
'''
FOURTH_EXPECTED = {
    ('TXT-TONE', (11, 14, 11, 20, 'nghiền')),
    ('TXT-TYPO', (11, 25, 11, 27, '')),           # the trailing spaces
    ('TXT-TYPO', (12, 12, 12, 13, ' ')),          # the no-break space
}


def fixits_of_text(out):
    """(rule, fix) pairs: each fix-it line belongs to the diagnostic line before it."""
    found, rule = set(), None
    for line in out.splitlines():
        m = re.search(r'\[([A-Z0-9-]+)\]$', line)
        if m and not line.startswith('fix-it:'):
            rule = m[1]
            continue
        m = re.match(r'^fix-it:"([^"]*)":\{(\d+):(\d+)-(\d+):(\d+)\}:"((?:[^"\\]|\\.)*)"$', line)
        if m:
            text = m[6].replace('\\"', '"').replace('\\\\', '\\')
            found.add((rule, (int(m[2]), int(m[3]), int(m[4]), int(m[5]), text)))
    return found


def apply(source, fixes):
    """The source with the fixes applied, last first (columns are characters)."""
    lines = source.split('\n')
    for (l, c, el, ec, text) in sorted(fixes, reverse=True):
        assert l == el
        s = lines[l - 1]
        lines[l - 1] = s[:c - 1] + text + s[ec - 1:]
    return '\n'.join(lines)


try:
    import jsonschema
except ImportError:
    jsonschema = None
    print('skipped: the SARIF schema part (python3-jsonschema is not installed)')

with tempfile.TemporaryDirectory() as tmp:
    for name, doc, expected in (('doc.yaml', DOC, EXPECTED), ('second.yaml', SECOND, SECOND_EXPECTED),
                                ('third.yaml', THIRD, THIRD_EXPECTED), ('fourth.yaml', FOURTH, FOURTH_EXPECTED)):
        path = os.path.join(tmp, name)
        open(path, 'w', encoding='utf-8').write(doc)
        for lang in ('en', 'vi'):
            out = run(tmp, '--lang', lang, name)
            got = fixits_of_text(out)
            check('%s %s: the fix-it lines' % (name, lang), got == expected,
                  'missing %s; unexpected %s\n%s' % (sorted(expected - got), sorted(got - expected), out))
            if name in ('second.yaml', 'third.yaml'):
                check('%s %s: the escaped mark is reported, without a fix-it' % (name, lang),
                      re.search(r'^%s:26:16: [a-zỗ]+: .*\[KY-MARK-FORM\]$' % name, out, re.M), out)
            check('%s %s: each fix-it names the file' % (name, lang),
                  all(l.startswith('fix-it:"%s":' % name) for l in out.splitlines() if l.startswith('fix-it:')))
        # JSON: a fix object on the diagnostics that have one.
        log = json.loads(run(tmp, '--lang', 'en', '--format', 'json', name))
        got = {(d['rule'], (d['fix']['line'], d['fix']['column'], d['fix']['end_line'], d['fix']['end_column'],
                            d['fix']['replacement'])) for d in log['diagnostics'] if 'fix' in d}
        check('%s: JSON fix objects' % name, got == expected, 'got %s' % sorted(got))
        # SARIF: result.fixes, valid against the schema subset.
        for lang in ('en', 'vi'):
            log = json.loads(run(tmp, '--lang', lang, '--format', 'sarif', name))
            got = set()
            for res in log['runs'][0]['results']:
                for fix in res.get('fixes', []):
                    for change in fix['artifactChanges']:
                        check('%s: the change names the file' % name,
                              change['artifactLocation'] == {'uri': name, 'uriBaseId': 'SRCROOT'}, str(change))
                        for rep in change['replacements']:
                            r = rep['deletedRegion']
                            got.add((res['ruleId'], (r['startLine'], r['startColumn'], r['endLine'], r['endColumn'],
                                                     rep['insertedContent']['text'])))
                    check('%s: a fix has its description' % name,
                          fix.get('description', {}).get('text', '').startswith('Replace with' if lang == 'en' else 'Sửa thành'),
                          str(fix.get('description')))
            check('%s %s: SARIF fixes' % (name, lang), got == expected, 'got %s' % sorted(got))
            if jsonschema:
                schema = json.load(open(os.path.join(ROOT, 'tests/sarif/sarif-2.1.0-subset.schema.json'), encoding='utf-8'))
                errors = list(jsonschema.Draft7Validator(schema).iter_errors(log))
                check('%s %s: SARIF with fixes is valid' % (name, lang), not errors,
                      '; '.join('%s at %s' % (e.message[:100], '/'.join(map(str, e.path))) for e in errors[:3]))
        # Applied, the fix-its leave none of those findings, and the YAML reads as before.
        fixed = apply(doc, {f for _, f in expected})
        open(path, 'w', encoding='utf-8').write(fixed)
        after = run(tmp, '--lang', 'en', name)
        left = [l for l in after.splitlines()
                if re.search(r'\[(KY-MARK-FORM|HDR-PLACE|NN-LUU-FORM|TXT-TONE|TXT-TONE-STYLE|TXT-NFC|YAML-[A-Z-]+)\]$', l)]
        # The escaped "T\x4C" has no fix-it, so its finding stays.
        left = [l for l in left if not (name in ('second.yaml', 'third.yaml') and ':26:16:' in l)]
        check('%s: the fixed file has none of the fixed findings' % name, not left, '\n'.join(left) + '\n' + fixed)
        check('%s: the fixed file has no typography finding fixed' % name,
              not re.search(r'double space|space before punctuation|"\.\.\." |space at the end|non-breaking space', after), after)

for f in failures:
    print('FAIL -', f)
print('%d failures' % len(failures))
sys.exit(1 if failures else 0)
