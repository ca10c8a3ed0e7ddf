#!/usr/bin/env python3
"""Every oa/oe/uy syllable with each of the five marks, in lower, title and upper case, in
both tone styles: `vanban normalize` writes the expected form (../shared/reference/tone:
on the first vowel in the traditional style, on the second in the new one, for open
syllables; on the second in both when a coda follows), and `vanban check` reports exactly
the words normalize changes, with the same replacement."""
import json, os, subprocess, sys, tempfile, unicodedata

VANBAN = os.environ.get('VANBAN', 'build/vanban')
MARKS = {'sac': '\u0301', 'huyen': '\u0300', 'hoi': '\u0309', 'nga': '\u0303', 'nang': '\u0323'}
# Every onset that comes before o or u (not "ngh", "k", "gh": they take front vowels; "c"
# before a rounded vowel is written "qu").
ONSETS = ['', 'h', 'kh', 'th', 'l', 'x', 't', 'ng', 'nh', 'đ', 'ch', 'tr', 's', 'd', 'b', 'v', 'g', 'm', 'n', 'r', 'ph']
NUCLEI = ['oa', 'oe', 'uy']
CODAS = ['', 'n', 'ng', 't', 'c', 'nh', 'ch']


def nfc(s):
    return unicodedata.normalize('NFC', s)


def mark(onset, nucleus, coda, which, tone):
    v = nucleus[0] + MARKS[tone] + nucleus[1] if which == 0 else nucleus + MARKS[tone]
    return nfc(onset + v + coda)


# The codas each nucleus takes (Vietnamese spelling: e and y take no -ng, -c; o before
# a takes all six).
CODAS_OF = {'oa': ['', 'n', 'ng', 't', 'c', 'nh', 'ch'], 'oe': ['', 'n', 't'], 'uy': ['', 'n', 't', 'nh', 'ch']}


def plausible(onset, nucleus, coda):
    return coda in CODAS_OF[nucleus]


def cases(word):
    return [word, word[0].upper() + word[1:], word.upper()]


def main():
    words = []  # (typed, expected old, expected new)
    for onset in ONSETS:
        for nucleus in NUCLEI:
            for coda in CODAS:
                if not plausible(onset, nucleus, coda):
                    continue
                for tone in MARKS:
                    if coda in ('c', 'ch', 't') and tone not in ('sac', 'nang'):
                        continue
                    if coda == '':
                        old, new = mark(onset, nucleus, coda, 0, tone), mark(onset, nucleus, coda, 1, tone)
                    else:
                        old = new = mark(onset, nucleus, coda, 1, tone)
                    for typed in (old, new):
                        for k in range(3):
                            words.append((cases(typed)[k], cases(old)[k], cases(new)[k]))
    failures = []
    # check stops listing at 200 diagnostics a file: the words go in files of 150.
    chunk = 150
    with tempfile.TemporaryDirectory() as tmp:
        for style, column in (('cu', 1), ('moi', 2)):
            # A whole document: check looks at the text once the document reads.
            paths, header = [], ['the_thuc: nha_nuoc', 'dau_thanh: %s' % style, 'loai: CV',
                                 'co_quan: UBND', 'so: 1', 'ky_hieu: UBND-VX', 'dia_danh: Huế',
                                 'ngay: 2024-01-05', 'trich_yeu: Thử', 'kinh_gui: Sở',
                                 'noi_nhan: ["Lưu: VT"]', 'ky: {chuc_vu: CHỦ TỊCH, ho_ten: Lê Văn A}',
                                 'noi_dung:']
            first = len(header) + 1  # one word a line: a diagnostic's line names its word
            for start in range(0, len(words), chunk):
                path = os.path.join(tmp, '%s-%05d.yaml' % (style, start))
                lines = header + ['  - %s' % w[0] for w in words[start:start + chunk]]
                open(path, 'w', encoding='utf-8').write('\n'.join(lines) + '\n')
                paths.append(path)
            check = subprocess.run([VANBAN, 'check', '--lang', 'en', '--format', 'json'] + paths,
                                   capture_output=True)
            reported = {}
            for d in json.loads(check.stdout.decode('utf-8'))['diagnostics']:
                if d['rule'] in ('TXT-TONE-STYLE', 'TXT-TONE'):
                    quoted = d['message'].split('"')
                    reported[(d['file'], d['line'])] = (quoted[1], quoted[3]) if len(quoted) >= 4 else None
                elif d['rule'].startswith('TXT-'):
                    failures.append('%s: unexpected %s' % (style, d['message']))
            subprocess.run([VANBAN, 'normalize', '--lang', 'en'] + paths, capture_output=True)
            for n, path in enumerate(paths):
                fixed = open(path, encoding='utf-8').read().split('\n')[first - 1:]
                for i, (typed, old, new) in enumerate(words[n * chunk:(n + 1) * chunk]):
                    want = (old, new)[column - 1]
                    got = fixed[i][4:] if i < len(fixed) else '<missing>'
                    if got != want:
                        failures.append('%s: normalize %s -> %s, expected %s' % (style, typed, got, want))
                    where = (path, first + i)
                    if typed != want:
                        if reported.get(where) != (typed, want):
                            failures.append('%s: check on %s reported %s, expected %s → %s'
                                            % (style, typed, reported.get(where), typed, want))
                    elif where in reported:
                        failures.append('%s: check reported %s, which normalize leaves' % (style, typed))
    for f in failures[:int(os.environ.get("SHOW", "40"))]:
        print('FAIL -', f)
    print('%d words x 2 styles, %d disagreements' % (len(words), len(failures)))
    return 1 if failures else 0


if __name__ == '__main__':
    sys.exit(main())
