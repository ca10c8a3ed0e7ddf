#!/usr/bin/env python3
"""Every message in both languages, read from the sources:

- each vb_diag(…, "RULE", "vi", "en", …) has a Vietnamese and an English format, neither
  empty, not the same English twice, with the same conversions in the same order;
- so does each rule of check/rules.c and each libyaml text of read/yaml_problems.c;
- the catalogue (cli/messages.c) pairs each English text with a Vietnamese one, neither empty
  nor equal, with the same conversions;
- every text the CLI code passes to T(), cli_text_in() and cli_say() is in the catalogue,
  and so is every message the lower layers it prints (package/, write/pdf, viet/spell.c,
  viet/legacy.c) put in their err buffers;
- no fprintf/fputs/printf in gen/cli prints an English sentence of its own;
- the table readers (gen/tables) give each message as a VI_EN pair: no sentence in one
  language only.
Usage: i18n_sources.py SOURCE_ROOT"""
import os, re, sys, warnings

warnings.filterwarnings('ignore', category=DeprecationWarning)  # "\?" in a C literal

root = sys.argv[1] if len(sys.argv) > 1 else '.'
problems = []
LITERAL = r'"(?:[^"\\\n]|\\.)*"'


def unquote(concatenated):
    parts = re.findall(LITERAL, concatenated)
    return ''.join(bytes(p[1:-1], 'utf-8').decode('unicode_escape').encode('latin-1').decode('utf-8')
                   if '\\' in p else p[1:-1] for p in parts)


def conversions(fmt):
    return re.findall(r'%[-+ #0-9.*]*(?:hh|h|ll|l|z|j|t)?[diouxXcsp]', fmt.replace('%%', ''))


def words(text):
    # Letters outside printf conversions: a text with none ("%s: \"%s\"") needs no translation.
    return re.sub(r'%[-+ #0-9.*]*(?:hh|h|ll|l|z|j|t)?[diouxXcsp]', '', text)


def has_words(text):
    return re.search(r'[A-Za-z]{2}', words(text)) is not None


def check_pair(where, vi, en, same_conversions=True):
    if not vi.strip():
        problems.append('%s: the Vietnamese is empty (English: %r)' % (where, en))
    if not en.strip():
        problems.append('%s: the English is empty (Vietnamese: %r)' % (where, vi))
    if vi == en and has_words(en):
        problems.append('%s: the same text in both languages: %r' % (where, en))
    if same_conversions and conversions(vi) != conversions(en):
        problems.append('%s: the conversions differ: %r / %r' % (where, vi, en))


def sources(*folders, suffix='.c'):
    for folder in folders:
        base = os.path.join(root, folder)
        if os.path.isfile(base):
            yield base
            continue
        for dirpath, _, names in os.walk(base):
            for name in sorted(names):
                if name.endswith(suffix):
                    yield os.path.join(dirpath, name)


def line_of(text, offset):
    return text.count('\n', 0, offset) + 1


# 1. vb_diag pairs: the two formats after the rule id (string literals, maybe in VI_EN()).
diag_count = 0
call = re.compile(r'\bvb_diag\s*\(')
pair = re.compile(r'\s*(?:VI_EN\s*\(\s*)?((?:' + LITERAL + r'\s*)+),\s*((?:' + LITERAL + r'\s*)+)')
for path in sources('gen'):
    text = open(path, encoding='utf-8').read()
    for m in call.finditer(text):
        if text[m.start() - 5:m.start()].strip().endswith('void'):
            continue  # the declaration
        # Skip diags, severity, position, rule: four arguments at depth 0.
        i, depth, commas = m.end(), 0, 0
        while i < len(text) and commas < 4:
            c = text[i]
            if c in '([{':
                depth += 1
            elif c in ')]}':
                if depth == 0:
                    break
                depth -= 1
            elif c == '"':
                j = re.match(LITERAL, text[i:])
                i += len(j.group(0)) - 1 if j else 0
            elif c == ',' and depth == 0:
                commas += 1
            i += 1
        p = pair.match(text, i)
        where = '%s:%d' % (os.path.relpath(path, root), line_of(text, m.start()))
        if not p:
            if commas == 4 and os.path.basename(path) != 'diag.c':
                # The formats are chosen at run time (a variable): nothing to read here.
                continue
            continue
        diag_count += 1
        check_pair(where, unquote(p.group(1)), unquote(p.group(2)))

# 2. The rules and the libyaml texts.
rules = open(os.path.join(root, 'gen/check/rules.c'), encoding='utf-8').read()
rule_count = 0
for m in re.finditer(r'\{\s*"([A-Z0-9-]+)",\s*[EW],\s*(' + LITERAL + r'),\s*((?:' + LITERAL +
                     r'\s*)+),\s*((?:' + LITERAL + r'\s*)+)\}', rules):
    rule_count += 1
    check_pair('rules.c %s' % m.group(1), unquote(m.group(3)), unquote(m.group(4)), False)
problems_c = open(os.path.join(root, 'gen/read/yaml_problems.c'), encoding='utf-8').read()
yaml_count = 0
for m in re.finditer(r'\{\s*(' + LITERAL + r'),\s*((?:' + LITERAL + r'\s*)+)\}', problems_c):
    yaml_count += 1
    check_pair('yaml_problems.c %s' % unquote(m.group(1)), unquote(m.group(2)), unquote(m.group(1)), False)

# 3. The catalogue.
messages_c = open(os.path.join(root, 'gen/cli/messages.c'), encoding='utf-8').read()
catalogue = {}
for m in re.finditer(r'\{\s*((?:' + LITERAL + r'\s*)+),\s*((?:' + LITERAL + r'\s*)+)\}', messages_c):
    en, vi = unquote(m.group(1)), unquote(m.group(2))
    if en in catalogue:
        problems.append('messages.c: %r twice' % en)
    catalogue[en] = vi
    check_pair('messages.c %r' % en, vi, en)

# 4. The CLI's own texts, and the lower layers' error texts, are in the catalogue.
used = set()
cli_calls = re.compile(r'(?:\bT\s*\(|\bcli_text_in\s*\([^,()]+,|\bcli_say\s*\([^,()]+,\s*[^,()]+,)\s*((?:'
                       + LITERAL + r'\s*)+)')
for path in sources('gen/cli'):
    text = open(path, encoding='utf-8').read()
    for m in cli_calls.finditer(text):
        used.add((unquote(m.group(1)), '%s:%d' % (os.path.relpath(path, root), line_of(text, m.start()))))
    # cli_say(out, cmd, cond ? "a" : "b"): both branches.
    for m in re.finditer(r'cli_say\s*\([^;]*?\?\s*(' + LITERAL + r')\s*:\s*(' + LITERAL + ')', text):
        for g in (1, 2):
            used.add((unquote(m.group(g)), '%s:%d' % (os.path.relpath(path, root), line_of(text, m.start()))))
    # Printing an English sentence without the catalogue.
    for m in re.finditer(r'\b(?:fprintf|printf|fputs|puts)\s*\(\s*(?:[a-z_>-]+\s*,\s*)?((?:' + LITERAL + r'\s*)+)', text):
        literal = unquote(m.group(1))
        # "vanban check: " and YAML key names (the_thuc) are no English to translate.
        plain = re.sub(r'vanban( [a-z]+:)?|\b\w*_\w*\b', '', words(literal))
        if re.search(r'[A-Za-z]{3,}', plain) and 'doc_main.c' not in path:
            problems.append('%s:%d: English printed without the catalogue: %r'
                            % (os.path.relpath(path, root), line_of(text, m.start()), literal))
metavariables = set()
commands_c = open(os.path.join(root, 'gen/cli/commands.c'), encoding='utf-8').read()
for m in re.finditer(r'\{\s*"[a-z-]+",\s*(?:\'.\'|0),\s*(' + LITERAL + r'),', commands_c):
    metavariables.add(unquote(m.group(1)))
for m in re.finditer(r'\{\s*"[a-z]+",\s*(' + LITERAL + r'),\s*CLI_VALUE', commands_c):
    metavariables.add(unquote(m.group(1)))
for name in metavariables:
    if name and has_words(name) and name != 'vi|en':
        used.add((name, 'commands.c (an option value or operands)'))
for text, where in sorted(used):
    if text not in catalogue and has_words(text):
        problems.append('%s: %r is not in the catalogue (gen/cli/messages.c)' % (where, text))

lower = 0
err_format = re.compile(r'\bsnprintf\s*\(\s*err\s*,\s*err_size\s*,\s*((?:' + LITERAL + r'\s*)+)')
for path in sources('gen/package', 'gen/write/pdf', 'gen/viet/spell.c', 'gen/viet/legacy.c'):
    text = open(path, encoding='utf-8').read()
    for m in err_format.finditer(text):
        fmt = unquote(m.group(1))
        if not has_words(fmt):
            continue
        lower += 1
        if fmt not in catalogue:
            problems.append('%s:%d: %r is not in the catalogue (gen/cli/messages.c)'
                            % (os.path.relpath(path, root), line_of(text, m.start()), fmt))

# 5. The table readers (gen/tables) say their messages in the run's language themselves: each
#    text is a VI_EN("vi", "en") pair (or table_rows.c's MSG(r, "vi", "en")), checked as
#    above, and no sentence stands outside one, in either language. sheet_messages.c pairs
#    libzip's and libxml2's own English with Vietnamese by error code: its texts are
#    Vietnamese beside no English literal, on purpose.
def strip_comments(text):
    out, i = [], 0
    while i < len(text):
        if text.startswith('/*', i):
            j = text.find('*/', i + 2)
            j = len(text) if j < 0 else j + 2
            out.append('\n' * text.count('\n', i, j))
            i = j
        elif text.startswith('//', i):
            j = text.find('\n', i)
            i = len(text) if j < 0 else j
        elif text[i] in '"\'':
            m = re.match(LITERAL if text[i] == '"' else r"'(?:[^'\\\n]|\\.)*'", text[i:])
            n = len(m.group(0)) if m else 1
            out.append(text[i:i + n])
            i += n
        else:
            out.append(text[i])
            i += 1
    return ''.join(out)


# Texts that are data, not messages: what a cell is compared with, a number format's code.
TABLE_DATA = {'tổng cộng', 'tổng số', 'dd/mm/yyyy hh:mm', 'h:mm AM/PM', 'h:mm:ss AM/PM'}


def is_sentence(text):
    # Two words in a row, outside printf conversions: a message, not a name or a code
    # ("sheetData", "table-row", "xl/workbook.xml", "#,##0.00").
    return (text not in TABLE_DATA and
            re.search(r"[^\W\d_]{2,}[ ,;]+[^\W\d_]{2,}", words(text)) is not None)


table_pairs = 0
pair_call = re.compile(r'\b(?:VI_EN\s*\(|MSG\s*\(\s*r\s*,)\s*((?:' + LITERAL + r'\s*)+),\s*((?:' + LITERAL +
                       r'\s*)+)\)')
for path in sources('gen/tables', suffix='.c'):
    if os.path.basename(path) == 'sheet_messages.c':
        continue
    rel = os.path.relpath(path, root)
    text = strip_comments(open(path, encoding='utf-8').read())
    for m in pair_call.finditer(text):
        table_pairs += 1
        check_pair('%s:%d' % (rel, line_of(text, m.start())), unquote(m.group(1)), unquote(m.group(2)))
    # What is left once the pairs are blanked out (newlines kept for the line numbers).
    rest = pair_call.sub(lambda m: '\n' * m.group(0).count('\n'), text)
    for m in re.finditer(r'(?:' + LITERAL + r'\s*)+', rest):
        try:
            literal = unquote(m.group(0))
        except UnicodeDecodeError:
            continue  # bytes ("\xD0\xCF…"): a signature, not a text
        if is_sentence(literal):
            lang = 'Vietnamese' if re.search(r'[^\x00-\x7f]', literal) else 'English'
            problems.append('%s:%d: a message in %s only (write VI_EN("…", "…")): %r'
                            % (rel, line_of(rest, m.start()), lang, literal))

for p in problems:
    print('FAIL -', p)
print('%d vb_diag pairs, %d rules, %d libyaml texts, %d catalogue entries, %d CLI texts, '
      '%d lower-layer messages, %d table-reader pairs: %d problems'
      % (diag_count, rule_count, yaml_count, len(catalogue), len(used), lower, table_pairs, len(problems)))
sys.exit(1 if problems else 0)
