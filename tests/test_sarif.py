#!/usr/bin/env python3
"""`vanban check --format sarif` as code scanning reads it: valid against the SARIF 2.1.0
schema (the subset in tests/sarif/, validated with python3-jsonschema), every result's rule
in the driver's rules with its NĐ30/HD36 clause as help and fullDescription, paths relative
to SRCROOT, and partialFingerprints that do not move when lines are added elsewhere."""
import json, os, shutil, subprocess, sys, tempfile

VANBAN = os.path.abspath(os.environ.get('VANBAN', 'build/vanban'))
ROOT = os.environ.get('VANBAN_SOURCE_ROOT', '.')
failures = []


def check(name, ok, detail=''):
    if not ok:
        failures.append(name + (': ' + detail if detail else ''))


def sarif(cwd, *args, lang='en'):
    out = subprocess.run([VANBAN, 'check', '--lang', lang, '--format', 'sarif', *args], cwd=cwd,
                         capture_output=True)
    return json.loads(out.stdout.decode('utf-8'))


try:
    import jsonschema
except ImportError:
    print('skipped: python3-jsonschema is not installed (Debian: apt-get install python3-jsonschema)')
    sys.exit(77)

schema = json.load(open(os.path.join(ROOT, 'tests/sarif/sarif-2.1.0-subset.schema.json'), encoding='utf-8'))
validator = jsonschema.Draft7Validator(schema, format_checker=jsonschema.FormatChecker())

corpus = os.path.join(ROOT, 'tests/check')
for lang in ('en', 'vi'):
    log = sarif(ROOT, 'tests/check', lang=lang)
    errors = sorted(validator.iter_errors(log), key=lambda e: list(e.path))
    check('%s: valid against the SARIF 2.1.0 schema' % lang, not errors,
          '; '.join('%s at %s' % (e.message[:120], '/'.join(map(str, e.path))) for e in errors[:5]))
    run = log['runs'][0]
    rules = run['tool']['driver']['rules']
    check('%s: results' % lang, len(run.get('results', [])) > 20, str(len(run.get('results', []))))
    for r in rules:
        clause = r.get('properties', {}).get('clause', '')
        check('rule %s has its clause in fullDescription and help' % r['id'],
              clause and clause in r.get('fullDescription', {}).get('text', '') and clause in r.get('help', {}).get('text', ''))
        if 'NĐ30' in clause:
            check('rule %s has a helpUri' % r['id'], r.get('helpUri', '').startswith('https://'))
    base = run.get('originalUriBaseIds', {}).get('SRCROOT', {}).get('uri', '')
    check('SRCROOT is the directory check ran in', base == 'file://' + os.path.abspath(ROOT).rstrip('/') + '/', base)
    for res in run.get('results', []):
        if 'ruleIndex' in res:
            check('ruleIndex names the rule', rules[res['ruleIndex']]['id'] == res['ruleId'], res['ruleId'])
        loc = res['locations'][0]['physicalLocation']['artifactLocation']
        check('a relative uri on SRCROOT', loc.get('uriBaseId') == 'SRCROOT' and loc['uri'].startswith('tests/check/'), str(loc))
        check('a partial fingerprint', isinstance(res.get('partialFingerprints', {}).get('vanban/v1'), str))
    prints = [(r['locations'][0]['physicalLocation']['artifactLocation']['uri'], r['partialFingerprints']['vanban/v1'])
              for r in run['results']]
    check('%s: fingerprints are unique within a file' % lang, len(prints) == len(set(prints)),
          str([p for p in prints if prints.count(p) > 1][:3]))

# Fingerprints across unrelated edits: lines added above, a paragraph added elsewhere, the
# file checked from another directory with the same root.
doc = '''the_thuc: nha_nuoc
loai: CV
co_quan: UBND TỈNH HÒA BÌNH
so: 1
ky_hieu: UBND-VX
dia_danh: hòa Bình
ngay: 2024-01-05
trich_yeu: Về việc thử  nghiệm
kinh_gui: Sở Tài chính
noi_dung:
  - Đề nghị  Sở Tài chính , báo cáo.
  - Hai  khoảng trắng,  hai lần.
noi_nhan:
  - "Lưu: VT"
ky:
  chuc_vu: CHỦ TỊCH
  ho_ten: Nguyễn Văn A
'''
edited = ('# Văn bản thử\n# (chú thích thêm ở đầu tệp)\n\n' +
          doc.replace('noi_dung:\n', 'noi_dung:\n  - Một đoạn mới chèn vào trước.\n'))
with tempfile.TemporaryDirectory() as tmp:
    open(os.path.join(tmp, 'a.yaml'), 'w', encoding='utf-8').write(doc)
    before = sarif(tmp, 'a.yaml')['runs'][0]['results']
    open(os.path.join(tmp, 'a.yaml'), 'w', encoding='utf-8').write(edited)
    after = sarif(tmp, 'a.yaml')['runs'][0]['results']
    key = lambda rs: sorted((r['ruleId'], r['partialFingerprints']['vanban/v1']) for r in rs)
    lines = lambda rs: sorted(r['locations'][0]['physicalLocation']['region']['startLine'] for r in rs)
    check('the edit moved the findings', lines(before) != lines(after))
    check('fingerprints stay across unrelated edits', key(before) == key(after),
          '%s vs %s' % (key(before), key(after)))
    check('findings to fingerprint', len(before) >= 4, str(len(before)))

for f in failures:
    print('FAIL -', f)
print('%d failures' % len(failures))
sys.exit(1 if failures else 0)
