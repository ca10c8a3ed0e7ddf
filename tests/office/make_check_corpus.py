#!/usr/bin/python3
"""Builds the Word files of tests/check/ (the rules checked on a .docx itself): each is
vanban's own rendering of docs/examples/bao-cao.yaml with one thing changed, as a clerk's
edit in Word would change it. The files are committed; this script says how they were
made and rebuilds them.

Usage: make_check_corpus.py VANBAN SOURCE_ROOT OUT_DIR"""
import os
import re
import subprocess
import sys
import tempfile
import zipfile

vanban, root, out = sys.argv[1:4]
tmp = tempfile.mkdtemp()
base = os.path.join(tmp, 'bao-cao.docx')
subprocess.run([vanban, 'render', os.path.join(root, 'docs/examples/bao-cao.yaml'), '-o', base], check=True)


def mutate(name, edits):
    """Copies the base DOCX to OUT_DIR/name, applying (part, pattern, replacement) edits."""
    with zipfile.ZipFile(base) as zin, zipfile.ZipFile(os.path.join(out, name), 'w', zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data = zin.read(info.filename)
            for part, pattern, repl in edits:
                if info.filename == part:
                    new = re.sub(pattern, repl, data.decode('utf-8'), flags=re.S)
                    assert new != data.decode('utf-8'), (name, pattern)
                    data = new.encode('utf-8')
            zout.writestr(info, data)


def style(style_id, pattern, repl):
    """An edit inside one style of word/styles.xml."""
    return ('word/styles.xml', r'(w:styleId="%s".*?)%s' % (style_id, pattern), r'\g<1>' + repl)


# Letter paper instead of A4
mutate('LAYOUT-PAGE.docx', [('word/document.xml', r'w:w="11906" w:h="16838"', 'w:w="12240" w:h="15840"')])
# a left margin of 25 mm
mutate('LAYOUT-MARGIN.docx', [('word/document.xml', r'w:left="1701"', 'w:left="1417"')])
# the body in Arial
mutate('LAYOUT-FONT.docx', [style('VbNoiDung', 'w:ascii="Times New Roman"', 'w:ascii="Arial"')])
# Quốc hiệu in 16 pt
mutate('LAYOUT-SIZE.docx', [style('VbQuocHieu', r'<w:sz w:val="24"/>', '<w:sz w:val="32"/>')])
# the date line upright
mutate('LAYOUT-STYLE.docx', [style('VbDiaDanhNgay', r'<w:i w:val="1"/>', '<w:i w:val="0"/>')])
# no rule drawn under the header lines and the trích yếu
mutate('LAYOUT-RULE.docx', [
                            ('word/document.xml', r'<w:pBdr>.*?</w:pBdr>', '')])
# body paragraphs flush left
mutate('LAYOUT-BODY.docx', [style('VbNoiDung', r'<w:jc w:val="both"/>', '<w:jc w:val="left"/>')])
# the first page numbered too
mutate('LAYOUT-PAGENUM.docx', [('word/document.xml', r'<w:titlePg/>', ''),
                               ('word/document.xml', r'<w:headerReference w:type="first" r:id="rId5"/>', '')])
# not a zip at all
with open(os.path.join(out, 'OFFICE-READ.docx'), 'w') as f:
    f.write('Báo cáo gõ bằng Notepad, đặt tên .docx\n')
# the header table deleted: no issuer, number or date to find
mutate('OFFICE-MISSING.docx', [('word/document.xml', r'^(.*?)<w:tbl>.*?</w:tbl>', r'\g<1>')])
