#!/usr/bin/env bash
# Tests `vanban check` against the corpus in tests/check/ and its command line.
#
# tests/check/RULE-ID.yaml (and RULE-ID--variant.yaml, mixing/*.yaml) are small documents,
# each valid but for one thing; their first lines say exactly what must be reported:
#     # expect: LINE:COL: error|warning: [RULE-ID]
# one line per diagnostic. Nothing else may be reported (line, column, severity and rule
# are compared as a multiset). tests/check/valid/*.yaml must give no diagnostic at all.
#
# Besides the corpus: exit statuses (--strict, --draft, usage errors, missing paths),
# directory walking, the Vietnamese default, --format json and sarif, `vanban rules`,
# `vanban render` refusing what check rejects, and hostile inputs (empty, a top-level list,
# deep nesting, a 10 MB scalar, random bytes) that must give a positioned error quickly.
#
# Run: tests/test_check.sh (or meson test -C build check). Uses $VANBAN (default
# build/vanban) and /usr/bin/python3. Prints ok/FAIL per check, then "N passed, M failed".
set -u

ROOT=${VANBAN_SOURCE_ROOT:-$(cd "$(dirname "$0")/.." && pwd)}
VANBAN=${VANBAN:-$ROOT/build/vanban}
PY=/usr/bin/python3
CORPUS=$ROOT/tests/check

tmp=$(mktemp -d "${TMPDIR:-/tmp}/vanban-check-test.XXXXXX")
trap 'rm -rf "$tmp"' EXIT

passed=0
failed=0
ok() { echo "ok - $1"; passed=$((passed + 1)); }
fail() {
    echo "FAIL - $1"
    if [ $# -gt 1 ] && [ -n "$2" ]; then printf '%s\n' "$2" | head -n 40 | sed 's/^/    /'; fi
    failed=$((failed + 1))
}
# check NAME COMMAND...: ok when the command succeeds; its output is shown on failure.
check() {
    local name=$1 out
    shift
    if out=$("$@" 2>&1); then ok "$name"; else fail "$name" "$out"; fi
}
# Reads ok/FAIL lines produced by the Python helper and counts them.
count_lines() {
    local line
    while IFS= read -r line; do
        case $line in
        "ok - "*) passed=$((passed + 1)) ;;
        "FAIL - "*) failed=$((failed + 1)) ;;
        esac
        printf '%s\n' "$line"
    done
}

if [ ! -x "$VANBAN" ]; then
    echo "FAIL - vanban binary not found: $VANBAN"
    echo "0 passed, 1 failed"
    exit 1
fi

# ---------------------------------------------------------------------------------------
# The helper: parses diagnostics and compares them with the `# expect:` lines.
cat >"$tmp/helper.py" <<'PY'
import json, os, re, subprocess, sys

VANBAN = os.environ['VANBAN_BIN']
DIAG = re.compile(r'^(?P<file>.*?):(?P<line>\d+):(?P<col>\d+): (?P<sev>error|warning): (?P<msg>.*) \[(?P<rule>[A-Z0-9-]+)\]$')
UNPOSITIONED = re.compile(r'^(?P<file>.*?): (?P<sev>error|warning): (?P<msg>.*) \[(?P<rule>[A-Z0-9-]+)\]$')
EXPECT = re.compile(r'^# expect: (\d+):(\d+): (error|warning): \[([A-Z0-9-]+)\]\s*$')
SUMMARY = re.compile(r'^(\d+) files? checked: (\d+) errors?, (\d+) warnings?$')


def run(*args):
    try:
        r = subprocess.run([VANBAN, *args], capture_output=True, timeout=60)
    except subprocess.TimeoutExpired:
        return 124, b'', b'no answer within 60 s'
    if r.returncode < 0:  # killed by a signal: report it as the shell would
        return 128 - r.returncode, r.stdout, r.stderr
    return r.returncode, r.stdout, r.stderr


def parse(text):
    """Diagnostics (line, column, severity, rule) of `vanban check` text output, the messages,
    the summary (files, errors, warnings) and the lines that are neither."""
    diags, messages, summary, other = [], [], None, []
    for l in text.splitlines():
        if l.startswith('fix-it:"'):
            continue  # the fix-it of the diagnostic above (test_fixits.py)
        m = DIAG.match(l)
        if m:
            diags.append((int(m['line']), int(m['col']), m['sev'], m['rule']))
            messages.append((m['rule'], m['msg']))
            continue
        m = UNPOSITIONED.match(l)
        if m:
            diags.append((0, 0, m['sev'], m['rule']))
            messages.append((m['rule'], m['msg']))
            continue
        m = SUMMARY.match(l)
        if m:
            summary = tuple(int(x) for x in m.groups())
            continue
        other.append(l)
    return diags, messages, summary, other


def annotations(path):
    """Where a corpus file's `# expect:` lines are: in the file, or for a Word or
    OpenDocument file (binary) in FILE.expect beside it."""
    return path + '.expect' if path.endswith(('.docx', '.docm', '.odt')) else path


def options(path):
    """Extra `vanban check` options a corpus file asks for: a `# options: --spell` line."""
    with open(annotations(path), 'rb') as f:
        for raw in f:
            line = raw.decode('utf-8', 'replace').rstrip('\n')
            if line.startswith('# options:'):
                return line[len('# options:'):].split()
            if not line.startswith('#'):
                break
    return []


def expectations(path):
    """The `# expect:` lines at the top of a file, and whether a malformed one was seen."""
    out, bad = [], []
    with open(annotations(path), 'rb') as f:
        for raw in f:
            line = raw.decode('utf-8', 'replace').rstrip('\n')
            if line.startswith('# options:'):
                continue
            if not line.startswith('# expect'):
                break
            m = EXPECT.match(line)
            if m:
                out.append((int(m[1]), int(m[2]), m[3], m[4]))
            else:
                bad.append(line)
    return out, bad


def corpus_files(root):
    found = []
    for d, _, files in os.walk(root):
        for f in files:
            if f.endswith(('.yaml', '.yml', '.docx', '.docm', '.odt')):
                found.append(os.path.join(d, f))
    return sorted(found)


def fmt(d):
    return '%d:%d: %s: [%s]' % d


def rules_listed():
    """id -> severity as `vanban rules` prints them."""
    code, out, _ = run('rules')
    rules = {}
    for l in out.decode('utf-8', 'replace').splitlines():
        m = re.match(r'^([A-Z][A-Z0-9]*(?:-[A-Z0-9]+)+)\s+(error|warning)\s', l)
        if m:
            rules[m[1]] = m[2]
    return rules


def rules_error_for():
    """id -> the document types (loai) for which `vanban rules` says a warning rule is an
    error (its `error for: KH, QĐ, CT` line)."""
    code, out, _ = run('rules')
    found, current = {}, None
    for l in out.decode('utf-8', 'replace').splitlines():
        m = re.match(r'^([A-Z][A-Z0-9]*(?:-[A-Z0-9]+)+)\s+(error|warning)\s', l)
        if m:
            current = m[1]
            continue
        m = re.match(r'^\s+(?:error for:|là lỗi \(error\) với:)\s*(.+)$', l)
        if m and current:
            found[current] = [t.strip() for t in m[1].split(',')]
    return found


def document_type(path):
    """The `loai:` of a corpus file (QD written for QĐ), or None."""
    with open(path, 'rb') as f:
        m = re.search(r'^loai:\s*([^\s#]+)', f.read().decode('utf-8', 'replace'), re.M)
    return m and m[1].strip('"\'').replace('QD', 'QĐ')


def cmd_corpus(root):
    rules = rules_listed()
    error_for = rules_error_for()
    not_utf8, wrong_severity = [], []
    for path in corpus_files(root):
        rel = os.path.relpath(path, os.path.dirname(root))
        valid = os.sep + 'valid' + os.sep in path
        exp, bad = expectations(path)
        problems = []
        if bad:
            problems.append('malformed expect line(s): ' + '; '.join(bad))
        if valid and exp:
            problems.append('a file in valid/ must not expect diagnostics')
        if not valid and not exp and not bad:
            problems.append('no `# expect:` line (a valid document belongs in valid/)')
        code, out, err = run('check', '--lang', 'en', *options(path), path)
        try:
            text = out.decode('utf-8')
        except UnicodeDecodeError as e:
            not_utf8.append('%s: %s' % (rel, e))
            text = out.decode('utf-8', 'replace')
        got, messages, summary, other = parse(text)
        for (_, _, sev, rule) in got:
            if sev == 'error' and document_type(path) in error_for.get(rule, []):
                continue  # the rule's severity for this type of document
            if rule in rules and rules[rule] != sev:
                wrong_severity.append('%s: [%s] reported as %s, `vanban rules` says %s' % (rel, rule, sev, rules[rule]))
        if sorted(got) != sorted(exp):
            missing = [fmt(d) for d in sorted(exp) if got.count(d) < exp.count(d)]
            extra = [fmt(d) for d in sorted(got) if exp.count(d) < got.count(d)]
            problems.append('diagnostics differ: missing %s; unexpected %s' % (missing or '-', extra or '-'))
            problems += ['  | ' + l for l in text.splitlines()[:12]]
        errors = sum(1 for d in exp if d[2] == 'error')
        warnings = len(exp) - errors
        want = 1 if errors else 0
        if code != want:
            problems.append('exit status %d, expected %d' % (code, want))
        if code >= 124:
            problems.append('crashed or hung (exit %d)' % code)
        if code >= 2 and err:
            problems.append('stderr: ' + err.decode('utf-8', 'replace').strip()[:300])
        if summary != (1, errors, warnings):
            problems.append('summary %s, expected 1 file, %d errors, %d warnings' % (summary, errors, warnings))
        if [l for l in other if l.strip()]:
            problems.append('unexpected output lines: %s' % other[:3])
        strict_code, _, _ = run('check', '--strict', '--lang', 'en', *options(path), path)
        want_strict = 1 if exp else 0
        if strict_code != want_strict:
            problems.append('--strict: exit status %d, expected %d' % (strict_code, want_strict))
        kind = 'valid, no diagnostics' if valid else ', '.join('[%s]' % d[3] for d in exp) or 'nothing'
        if problems:
            print('FAIL - corpus %s (%s)' % (rel, kind))
            for p in problems:
                print('    ' + p)
        else:
            print('ok - corpus %s (%s)' % (rel, kind))
    if not_utf8:
        print('FAIL - text output is valid UTF-8 for every corpus file')
        for l in not_utf8:
            print('    ' + l)
    else:
        print('ok - text output is valid UTF-8 for every corpus file')
    if wrong_severity:
        print('FAIL - each diagnostic has the severity `vanban rules` gives its rule')
        for l in wrong_severity:
            print('    ' + l)
    else:
        print('ok - each diagnostic has the severity `vanban rules` gives its rule')


def cmd_coverage(root, rules_c):
    ids = re.findall(r'^\s*\{"([A-Z0-9-]+)",\s*[EW],', open(rules_c, encoding='utf-8').read(), re.M)
    sev_c = dict(re.findall(r'^\s*\{"([A-Z0-9-]+)",\s*([EW]),', open(rules_c, encoding='utf-8').read(), re.M))
    listed = rules_listed()
    if not ids:
        print('FAIL - gen/check/rules.c has rules')
        return
    missing = [i for i in ids if i not in listed]
    extra = [i for i in listed if i not in ids]
    sev = [i for i in ids if i in listed and listed[i] != {'E': 'error', 'W': 'warning'}[sev_c[i]]]
    if missing or extra or sev:
        print('FAIL - `vanban rules` lists every id of gen/check/rules.c (%d) with its severity' % len(ids))
        print('    not listed: %s; not in rules.c: %s; wrong severity: %s' % (missing, extra, sev))
    else:
        print('ok - `vanban rules` lists every id of gen/check/rules.c (%d) with its severity' % len(ids))
    uncovered = []
    # Rules only another command can trigger, tested where that command is:
    # YAML-VAR (a template's {{name}} without data column) by tests/test_cli.sh (render --data);
    # OFFICE-LEGACY (a .doc/.rtf converted by LibreOffice) by tests/test_office.sh;
    # INPUT-SIZE (a file over 64 MiB, too large to keep here) by tests/test_hostile.sh.
    elsewhere = {'YAML-VAR', 'OFFICE-LEGACY', 'INPUT-SIZE'}
    for i in ids:
        if i in elsewhere:
            continue
        path = os.path.join(root, i + '.yaml')
        for ext in ('.docx', '.odt'):
            if not os.path.exists(path) and os.path.exists(os.path.join(root, i + ext)):
                path = os.path.join(root, i + ext)
        if not os.path.exists(path):
            uncovered.append(i + ' (no tests/check/%s.yaml)' % i)
        elif i not in [d[3] for d in expectations(path)[0]]:
            uncovered.append(i + ' (tests/check/%s.yaml does not expect it)' % i)
    if uncovered:
        print('FAIL - every rule has its input tests/check/RULE.yaml expecting it (%d of %d)' % (len(ids) - len(uncovered), len(ids)))
        for u in uncovered:
            print('    ' + u)
    else:
        print('ok - every rule has its input tests/check/RULE.yaml expecting it (%d of %d)' % (len(ids), len(ids)))


def expected_all(root):
    exp = []
    for path in corpus_files(root):
        exp += [(path,) + d for d in expectations(path)[0]]
    return exp


def cmd_json(path, text_path, root):
    problems = []
    # (json.tool has judged the bytes; read on through any bad UTF-8 to check the shape)
    doc = json.loads(open(path, 'rb').read().decode('utf-8', 'replace'))
    for key, kind in (('files', int), ('errors', int), ('warnings', int), ('diagnostics', list)):
        if not isinstance(doc.get(key), kind):
            problems.append('`%s` missing or not %s' % (key, kind.__name__))
    diags = doc.get('diagnostics') or []
    fields = {'file': str, 'line': int, 'column': int, 'severity': str, 'rule': str, 'message': str}
    for d in diags:
        for k, t in fields.items():
            if not isinstance(d.get(k), t):
                problems.append('diagnostic without %s: %s' % (k, json.dumps(d, ensure_ascii=False)[:200]))
                break
        if d.get('severity') not in ('error', 'warning'):
            problems.append('severity %r' % d.get('severity'))
    n = len(corpus_files(root))
    if doc.get('files') != n:
        problems.append('files = %r, the corpus has %d' % (doc.get('files'), n))
    errors = sum(1 for d in diags if d.get('severity') == 'error')
    if doc.get('errors') != errors or doc.get('warnings') != len(diags) - errors:
        problems.append('errors/warnings %r/%r do not count the diagnostics (%d/%d)'
                        % (doc.get('errors'), doc.get('warnings'), errors, len(diags) - errors))
    text = open(text_path, 'rb').read().decode('utf-8', 'replace')
    got_text, _, _, _ = parse(text)
    as_json = sorted((d['line'], d['column'], d['severity'], d['rule']) for d in diags if isinstance(d.get('rule'), str))
    if sorted(got_text) != as_json:
        problems.append('the JSON diagnostics differ from the text ones (%d vs %d)' % (len(as_json), len(got_text)))
    if problems:
        print('FAIL - --format json: files, errors, warnings, diagnostics with file/line/column/severity/rule/message')
        for p in problems[:20]:
            print('    ' + p)
    else:
        print('ok - --format json: files, errors, warnings, diagnostics with file/line/column/severity/rule/message (%d)' % len(diags))


def cmd_sarif(path, json_path):
    problems = []
    doc = json.loads(open(path, 'rb').read().decode('utf-8', 'replace'))
    if doc.get('version') != '2.1.0':
        problems.append('version %r' % doc.get('version'))
    try:
        run0 = doc['runs'][0]
        driver = run0['tool']['driver']
    except (KeyError, IndexError, TypeError):
        print('FAIL - --format sarif: runs[0].tool.driver')
        return
    if driver.get('name') != 'vanban':
        problems.append('driver.name %r' % driver.get('name'))
    rules = driver.get('rules') or []
    ids = [r.get('id') for r in rules]
    listed = rules_listed()
    if sorted(i for i in ids if i) != sorted(listed):
        problems.append('driver.rules ids differ from `vanban rules`')
    for r in rules:
        clause = (r.get('properties') or {}).get('clause')
        if not isinstance(clause, str) or not clause:
            problems.append('rule %s has no properties.clause' % r.get('id'))
    results = run0.get('results')
    if not isinstance(results, list):
        problems.append('no results array')
        results = []
    for res in results:
        rid = res.get('ruleId')
        if not isinstance(rid, str):
            problems.append('result without ruleId')
            continue
        if res.get('level') not in ('error', 'warning', 'note'):
            problems.append('%s: level %r' % (rid, res.get('level')))
        if not isinstance((res.get('message') or {}).get('text'), str):
            problems.append('%s: no message.text' % rid)
        try:
            phys = res['locations'][0]['physicalLocation']
            uri = phys['artifactLocation']['uri']
            line, col = phys['region']['startLine'], phys['region']['startColumn']
            if not isinstance(uri, str) or not uri or not isinstance(line, int) or not isinstance(col, int) or line < 1 or col < 1:
                raise ValueError
        except (KeyError, IndexError, TypeError, ValueError):
            problems.append('%s: locations[0].physicalLocation (uri, region.startLine/startColumn) missing or wrong' % rid)
        idx = res.get('ruleIndex')
        if not isinstance(idx, int) or not 0 <= idx < len(rules) or rules[idx].get('id') != rid:
            problems.append('%s: ruleIndex %r does not point at the rule with that id' % (rid, idx))
    as_json = json.loads(open(json_path, 'rb').read().decode('utf-8', 'replace'))
    if len(results) != len(as_json.get('diagnostics') or []):
        problems.append('%d results, %d JSON diagnostics' % (len(results), len(as_json.get('diagnostics') or [])))
    if problems:
        print('FAIL - --format sarif: 2.1.0, driver "vanban", rules with clauses, results with ruleId/level/message/location/ruleIndex')
        for p in problems[:20]:
            print('    ' + p)
    else:
        print('ok - --format sarif: 2.1.0, driver "vanban", %d rules with clauses, %d results with ruleId/level/message/location/ruleIndex'
              % (len(rules), len(results)))


def cmd_make_hostile(outdir, valid_doc):
    import random
    os.makedirs(outdir, exist_ok=True)
    w = lambda name, data: open(os.path.join(outdir, name), 'wb').write(data)
    w('empty.yaml', b'')
    w('top-level-list.yaml', b'- the_thuc: nha_nuoc\n- loai: BC\n')
    w('nested-10000.yaml', b'[' * 10000 + b']' * 10000 + b'\n')
    w('nested-open-10000.yaml', b'key: ' + b'[' * 10000 + b'\n')
    w('nested-200000.yaml', b'[' * 200000 + b']' * 200000 + b'\n')
    # The same after an apostrophe in a plain scalar (the official name M'Đrắk), which
    # a scan for nesting must not take for the start of a quoted string.
    w('nested-200000-after-apostrophe.yaml', "noi_dung:\n  - Huyện M'Đrắk\n  - ".encode('utf-8') +
      b'[' * 200000 + b']' * 200000 + b'\n')
    w('scalar-10mb.yaml', b'a' * (10 << 20) + b'\n')
    # 10 MB of Vietnamese text as one paragraph of a document whose Nơi nhận lacks its Lưu
    # line: the reader, the validator and the text checks all see the whole paragraph.
    doc = open(valid_doc, 'rb').read().decode('utf-8')
    para = ('Hoàn thành chỉ tiêu chuyển đổi số của huyện. ' * (10 * 1024 * 1024 // 50)).rstrip()
    doc = re.sub(r'(\n  - muc: [^\n]*\n    noi_dung:\n      - )[^\n]*', lambda m: m[1] + '"' + para + '"', doc, count=1)
    doc = re.sub(r'\n  - "Lưu: [^"\n]*"', '', doc, count=1)
    w('paragraph-10mb.yaml', doc.encode('utf-8'))
    w('random-1mb.yaml', random.Random(20250101).randbytes(1 << 20))


if __name__ == '__main__':
    cmd, args = sys.argv[1], sys.argv[2:]
    {'corpus': cmd_corpus, 'coverage': cmd_coverage, 'json': cmd_json, 'sarif': cmd_sarif,
     'hostile': cmd_make_hostile}[cmd](*args)
PY
export VANBAN_BIN=$VANBAN
helper() { "$PY" "$tmp/helper.py" "$@"; }

echo "# vanban rules: every id of gen/check/rules.c, each with its input in tests/check/"
count_lines < <(helper coverage "$CORPUS" "$ROOT/gen/check/rules.c")
echo "# vanban check: the corpus ($CORPUS)"
count_lines < <(helper corpus "$CORPUS")

# ---------------------------------------------------------------------------------------
echo "# messages"
# A near-miss mark is answered with the mark of the document's own format.
out=$("$VANBAN" check --lang en "$CORPUS/KY-MARK-FORM--party.yaml" 2>&1)
if printf '%s\n' "$out" | grep -q '\[KY-MARK-FORM\]' && printf '%s\n' "$out" | grep '\[KY-MARK-FORM\]' | grep -q '"T/M"'; then
    ok "KY-MARK-FORM in a Party document suggests T/M"
else
    fail "KY-MARK-FORM in a Party document suggests T/M" "$out"
fi
# Vietnamese when the locale says vi (generated on the machine or not), English with LANG=C
# or no locale at all, --lang overrides.
out=$(env -u LC_ALL -u LC_MESSAGES -u LANGUAGE LANG=vi_VN.UTF-8 "$VANBAN" check "$CORPUS/ND-SUBJECT.yaml" 2>&1)
if printf '%s\n' "$out" | grep -q 'lỗi: .*phải có trích yếu.*\[ND-SUBJECT\]' && printf '%s\n' "$out" | grep -q '^Đã kiểm tra 1 tệp'; then
    ok "messages are Vietnamese with LANG=vi_VN.UTF-8"
else
    fail "messages are Vietnamese with LANG=vi_VN.UTF-8" "$out"
fi
out=$(env -u LANG -u LC_ALL -u LC_MESSAGES -u LANGUAGE "$VANBAN" check "$CORPUS/ND-SUBJECT.yaml" 2>&1)
if printf '%s\n' "$out" | grep -q 'error: .*needs a trích yếu.*\[ND-SUBJECT\]'; then
    ok "messages are English without a locale"
else
    fail "messages are English without a locale" "$out"
fi
out=$(env -u LC_ALL -u LC_MESSAGES LANG=C "$VANBAN" check "$CORPUS/ND-SUBJECT.yaml" 2>&1)
if printf '%s\n' "$out" | grep -q 'error: .*needs a trích yếu.*\[ND-SUBJECT\]' && printf '%s\n' "$out" | grep -q '^1 file checked'; then
    ok "messages are English with LANG=C"
else
    fail "messages are English with LANG=C" "$out"
fi
out=$(env -u LC_ALL -u LC_MESSAGES LANG=C "$VANBAN" check --lang vi "$CORPUS/ND-SUBJECT.yaml" 2>&1)
if printf '%s\n' "$out" | grep -q 'phải có trích yếu'; then
    ok "--lang vi overrides LANG=C"
else
    fail "--lang vi overrides LANG=C" "$out"
fi

# ---------------------------------------------------------------------------------------
echo "# options and exit status"
expect_status() { # NAME WANT COMMAND...
    local name=$1 want=$2 out rc
    shift 2
    out=$("$@" 2>&1)
    rc=$?
    if [ "$rc" -eq "$want" ]; then ok "$name (exit $rc)"; else fail "$name: exit $rc, expected $want" "$out"; fi
}
expect_status "no argument is a usage error" 2 "$VANBAN" check
expect_status "--format xml is a usage error" 2 "$VANBAN" check --format xml "$CORPUS/valid"
expect_status "--lang fr is a usage error" 2 "$VANBAN" check --lang fr "$CORPUS/valid"
expect_status "an unknown option is a usage error" 2 "$VANBAN" check --bogus "$CORPUS/valid"
expect_status "a missing path is an I/O error" 3 "$VANBAN" check --lang en "$tmp/no-such-file.yaml"
out=$("$VANBAN" check --lang en "$tmp/no-such-dir" "$CORPUS/valid/nha-nuoc-bao-cao.yaml" 2>"$tmp/stderr")
rc=$?
if [ $rc -eq 3 ] && printf '%s\n' "$out" | grep -q '^1 file checked: 0 errors, 0 warnings$' && grep -q 'no-such-dir' "$tmp/stderr"; then
    ok "a missing path beside a good file: the file is checked, exit 3, the path named on stderr"
else
    fail "a missing path beside a good file: the file is checked, exit 3, the path named on stderr" "exit $rc; $out; $(cat "$tmp/stderr")"
fi
expect_status "an input with an error fails" 1 "$VANBAN" check --lang en "$CORPUS/HDR-CODE-TYPE.yaml"
expect_status "an input with only a warning passes" 0 "$VANBAN" check --lang en "$CORPUS/HDR-PLACE.yaml"
expect_status "an input with only a warning fails with --strict" 1 "$VANBAN" check --strict --lang en "$CORPUS/HDR-PLACE.yaml"
expect_status "valid documents pass with --strict" 0 "$VANBAN" check --strict --lang en "$CORPUS/valid/nha-nuoc-bao-cao.yaml" "$CORPUS/valid/dang-nghi-quyet.yaml"
for what in "number:HDR-BLANK" "day:HDR-BLANK--day"; do
    f=${what#*:}
    out=$("$VANBAN" check --draft --lang en "$CORPUS/$f.yaml" 2>&1)
    rc=$?
    if [ $rc -eq 0 ] && printf '%s\n' "$out" | grep -q '^1 file checked: 0 errors, 0 warnings$'; then
        ok "--draft allows a blank ${what%%:*} ($f.yaml: exit 0, no diagnostic)"
    else
        fail "--draft allows a blank ${what%%:*} ($f.yaml: exit 0, no diagnostic)" "exit $rc; $out"
    fi
done
expect_status "--draft does not hide other errors" 1 "$VANBAN" check --draft --lang en "$CORPUS/HDR-CODE-TYPE.yaml"

# A directory is walked recursively: *.yaml and *.yml, nothing else.
mkdir -p "$tmp/walk/sub/deeper"
cp "$CORPUS/valid/nha-nuoc-bao-cao.yaml" "$tmp/walk/a.yaml"
cp "$CORPUS/valid/dang-nghi-quyet.yaml" "$tmp/walk/sub/b.yml"
cp "$CORPUS/HDR-PLACE.yaml" "$tmp/walk/sub/deeper/c.yaml"
cp "$CORPUS/HDR-CODE-TYPE.yaml" "$tmp/walk/sub/deeper/not-yaml.txt"
cp "$CORPUS/HDR-CODE-TYPE.yaml" "$tmp/walk/sub/old.yaml.bak"
out=$("$VANBAN" check --lang en "$tmp/walk" 2>&1)
rc=$?
if [ $rc -eq 0 ] && printf '%s\n' "$out" | grep -q '^3 files checked: 0 errors, 1 warning$' &&
    printf '%s\n' "$out" | grep -q "^$tmp/walk/sub/deeper/c.yaml:[0-9]*:[0-9]*: warning: "; then
    ok "a directory is walked recursively (*.yaml, *.yml; 3 files)"
else
    fail "a directory is walked recursively (*.yaml, *.yml; 3 files)" "exit $rc; $out"
fi
n=$(find "$CORPUS" -type f \( -name '*.yaml' -o -name '*.yml' -o -name '*.docx' -o -name '*.odt' \) | wc -l)
"$VANBAN" check --lang en "$CORPUS" >"$tmp/corpus.txt" 2>&1
rc=$?
if [ $rc -eq 1 ] && grep -q "^$n files checked: " "$tmp/corpus.txt"; then
    ok "the corpus directory: $n files checked, exit 1"
else
    fail "the corpus directory: $n files checked, exit 1" "exit $rc; $(tail -n 1 "$tmp/corpus.txt")"
fi

# ---------------------------------------------------------------------------------------
echo "# --format json, --format sarif"
"$VANBAN" check --lang en --format json "$CORPUS" >"$tmp/corpus.json" 2>"$tmp/json.err"
rc=$?
if [ $rc -eq 1 ] && "$PY" -m json.tool "$tmp/corpus.json" >/dev/null 2>"$tmp/json.tool.err"; then
    ok "--format json parses with python3 -m json.tool (exit $rc)"
else
    fail "--format json parses with python3 -m json.tool (exit $rc)" "$(cat "$tmp/json.tool.err" "$tmp/json.err")"
fi
count_lines < <(helper json "$tmp/corpus.json" "$tmp/corpus.txt" "$CORPUS")
"$VANBAN" check --lang en --format sarif "$CORPUS" >"$tmp/corpus.sarif" 2>"$tmp/sarif.err"
rc=$?
if [ $rc -eq 1 ] && "$PY" -m json.tool "$tmp/corpus.sarif" >/dev/null 2>"$tmp/sarif.tool.err"; then
    ok "--format sarif parses with python3 -m json.tool (exit $rc)"
else
    fail "--format sarif parses with python3 -m json.tool (exit $rc)" "$(cat "$tmp/sarif.tool.err" "$tmp/sarif.err")"
fi
count_lines < <(helper sarif "$tmp/corpus.sarif" "$tmp/corpus.json")
out=$("$VANBAN" check --format json "$CORPUS/valid/nha-nuoc-bao-cao.yaml" "$CORPUS/valid/dang-nghi-quyet.yaml" 2>&1)
if [ $? -eq 0 ] && printf '%s\n' "$out" | "$PY" -c 'import json,sys; d=json.load(sys.stdin); sys.exit(not (d["errors"]==0 and d["warnings"]==0 and d["diagnostics"]==[] and d["files"]==2))'; then
    ok "--format json of the valid documents: no diagnostics, exit 0"
else
    fail "--format json of the valid documents: no diagnostics, exit 0" "$out"
fi

# ---------------------------------------------------------------------------------------
echo "# vanban render writes nothing that check rejects"
mkdir -p "$tmp/render"
cp "$CORPUS/NN-LUU.yaml" "$tmp/render/bad.yaml"
cp "$CORPUS/HDR-PLACE.yaml" "$tmp/render/warned.yaml"
out=$("$VANBAN" render --lang en "$tmp/render/bad.yaml" 2>&1)
rc=$?
if [ $rc -eq 1 ] && [ ! -e "$tmp/render/bad.docx" ] && printf '%s\n' "$out" | grep -q '\[NN-LUU\]'; then
    ok "render refuses a document with a check error (exit 1, no .docx)"
else
    fail "render refuses a document with a check error (exit 1, no .docx)" "exit $rc; $(ls "$tmp/render"); $out"
fi
out=$("$VANBAN" render --lang en -f txt -o "$tmp/render/bad.txt" "$tmp/render/bad.yaml" 2>&1)
rc=$?
if [ $rc -eq 1 ] && [ ! -e "$tmp/render/bad.txt" ]; then
    ok "render -o refuses it too (exit 1, nothing written)"
else
    fail "render -o refuses it too (exit 1, nothing written)" "exit $rc; $out"
fi
out=$("$VANBAN" render --lang en "$tmp/render/warned.yaml" 2>&1)
rc=$?
if [ $rc -eq 0 ] && [ -s "$tmp/render/warned.docx" ] && printf '%s\n' "$out" | grep -q 'warning: .*\[HDR-PLACE\]'; then
    ok "render writes a document with only warnings, and shows them"
else
    fail "render writes a document with only warnings, and shows them" "exit $rc; $(ls "$tmp/render"); $out"
fi

# ---------------------------------------------------------------------------------------
echo "# hostile inputs: a positioned error within seconds, never a crash or a hang"
# nested-200000 is 400 KB, far below the 64 MiB input limit: deep flow nesting must be
# refused as quickly as 10000 levels are, not take time that grows with the square of it
# (libyaml's scanner does), wherever it comes in the file.
helper hostile "$tmp/hostile" "$CORPUS/valid/nha-nuoc-bao-cao.yaml"
# Sanitizer builds run several times slower: VANBAN_TIME_FACTOR stretches both limits.
factor=${VANBAN_TIME_FACTOR:-1}
for name in empty top-level-list nested-10000 nested-open-10000 scalar-10mb paragraph-10mb random-1mb \
    nested-200000 nested-200000-after-apostrophe; do
    f=$tmp/hostile/$name.yaml
    start=$(date +%s.%N)
    timeout $((30 * factor)) "$VANBAN" check --lang en "$f" >"$tmp/hostile.out" 2>"$tmp/hostile.err"
    rc=$?
    secs=$("$PY" -c "import sys; print('%.2f' % (float(sys.argv[2]) - float(sys.argv[1])))" "$start" "$(date +%s.%N)")
    size=$(stat -c %s "$f")
    what="$name ($size bytes): exit 1 with a positioned error in ${secs}s"
    if [ $rc -eq 124 ]; then
        fail "$what" "no answer within $((30 * factor)) s (killed)"
    elif [ $rc -ge 128 ]; then
        fail "$what" "crashed: exit $rc; $(head -c 500 "$tmp/hostile.err")"
    elif [ $rc -ne 1 ] || ! grep -q "^$f:[0-9][0-9]*:[0-9][0-9]*: error: .*\[[A-Z0-9-]*\]$" "$tmp/hostile.out"; then
        fail "$what" "exit $rc; $(head -c 500 "$tmp/hostile.out")"
    elif "$PY" -c "import sys; sys.exit(float(sys.argv[1]) <= 10 * int(sys.argv[2]))" "$secs" "$factor"; then
        fail "$what" "too slow"
    else
        ok "$what: $(grep -o '\[[A-Z0-9-]*\]$' "$tmp/hostile.out" | sort -u | tr '\n' ' ')"
    fi
done

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
