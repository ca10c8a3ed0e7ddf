#!/usr/bin/python3
"""Cuts one template (Mẫu) out of the decree's Phuluc3.docx, as the page a drafter starts
from: the body between the paragraph "Mẫu X - …" and the next "Mẫu …" heading, with the
file's styles, numbering and section properties.

Usage: extract_mau.py Phuluc3.docx "1.4" OUT.docx"""
import re
import sys
from docx import Document
from docx.oxml.ns import qn

src, mau, out = sys.argv[1:4]
doc = Document(src)
body = doc.element.body
children = list(body)
heading = re.compile(r'^Mẫu \d+\.\d+\s*-')


def text(el):
    return ''.join(t.text or '' for t in el.iter(qn('w:t'))).strip()


start = end = None
for i, el in enumerate(children):
    if el.tag != qn('w:p'):
        continue
    t = text(el)
    if start is None and heading.match(t) and t.startswith('Mẫu %s' % mau):
        start = i
    elif start is not None and heading.match(t):
        end = i
        break
if start is None:
    sys.exit('Mẫu %s not found' % mau)
keep = set(range(start + 1, end if end is not None else len(children)))
for i, el in enumerate(children):
    if i not in keep and el.tag != qn('w:sectPr'):
        body.remove(el)
doc.save(out)
