#!/usr/bin/python3
"""Builds DOCX drafts the way a clerk types them in Word (python-docx), for the reader's
tests: a tab-aligned header, a borderless-table header, typed "1." and manual bold
headings, Word's automatic numbering (numbering.xml), a tracked change, a header in two
columns of a section or in two text boxes.

Usage: make_clerk_docx.py OUT_DIR   (writes tab-header.docx, table-header.docx,
columns-header.docx, textbox-header.docx, task-table.docx: a plan with its tasks typed as a table)"""
import copy
import sys
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

out = sys.argv[1]


def setup(doc, font='Times New Roman'):
    s = doc.sections[0]
    s.page_width, s.page_height = Mm(210), Mm(297)
    s.top_margin, s.bottom_margin, s.left_margin, s.right_margin = Mm(20), Mm(20), Mm(30), Mm(15)
    st = doc.styles['Normal']
    st.font.name = font
    st.font.size = Pt(14)
    st.element.rPr.rFonts.set(qn('w:ascii'), font)


def para(doc_or_cell, text='', bold=False, italic=False, size=None, align=None, indent=False):
    p = doc_or_cell.add_paragraph()
    if text:
        r = p.add_run(text)
        r.bold, r.italic = bold, italic
        if size:
            r.font.size = Pt(size)
    if align == 'c':
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    elif align == 'j':
        p.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    if indent:
        p.paragraph_format.first_line_indent = Mm(10)
    return p


def bottom_border(p):
    ppr = p._p.get_or_add_pPr()
    bdr = OxmlElement('w:pBdr')
    b = OxmlElement('w:bottom')
    for k, v in (('w:val', 'single'), ('w:sz', '6'), ('w:space', '1'), ('w:color', '000000')):
        b.set(qn(k), v)
    bdr.append(b)
    ppr.append(bdr)


def tracked(p, inserted, deleted):
    """A tracked insertion and deletion inside paragraph p."""
    ins = OxmlElement('w:ins')
    ins.set(qn('w:id'), '1'); ins.set(qn('w:author'), 'clerk'); ins.set(qn('w:date'), '2024-01-01T00:00:00Z')
    r = OxmlElement('w:r'); t = OxmlElement('w:t'); t.text = inserted
    t.set(qn('xml:space'), 'preserve'); r.append(t); ins.append(r)
    dl = OxmlElement('w:del')
    dl.set(qn('w:id'), '2'); dl.set(qn('w:author'), 'clerk'); dl.set(qn('w:date'), '2024-01-01T00:00:00Z')
    r2 = OxmlElement('w:r'); dt = OxmlElement('w:delText'); dt.text = deleted; r2.append(dt); dl.append(r2)
    p._p.append(dl)
    p._p.append(ins)


def numbered(doc, texts):
    """Paragraphs numbered by Word ("1.", "2.") through numbering.xml."""
    numbering = doc.part.numbering_part.numbering_definitions._numbering
    abstract = OxmlElement('w:abstractNum'); abstract.set(qn('w:abstractNumId'), '90')
    lvl = OxmlElement('w:lvl'); lvl.set(qn('w:ilvl'), '0')
    for tag, val in (('w:start', '1'), ('w:numFmt', 'decimal'), ('w:lvlText', '%1.')):
        e = OxmlElement(tag); e.set(qn('w:val'), val); lvl.append(e)
    abstract.append(lvl)
    numbering.insert(0, abstract)
    num = OxmlElement('w:num'); num.set(qn('w:numId'), '90')
    a = OxmlElement('w:abstractNumId'); a.set(qn('w:val'), '90'); num.append(a)
    numbering.append(num)
    for text in texts:
        p = para(doc, text, bold=True, align='j', indent=True)
        ppr = p._p.get_or_add_pPr()
        numpr = OxmlElement('w:numPr')
        il = OxmlElement('w:ilvl'); il.set(qn('w:val'), '0'); numpr.append(il)
        ni = OxmlElement('w:numId'); ni.set(qn('w:val'), '90'); numpr.append(ni)
        ppr.insert(0, numpr)


def body(doc):
    para(doc, 'BÁO CÁO', bold=True, align='c')
    p = para(doc, 'Kết quả chuyển đổi số 6 tháng đầu năm 2024', bold=True, align='c')
    bottom_border(p)
    para(doc, 'I. KẾT QUẢ ĐẠT ĐƯỢC', bold=True, align='j', indent=True)
    para(doc, '1. Về hạ tầng số', bold=True, align='j', indent=True)
    p = para(doc, 'Toàn tỉnh có 100% xã được phủ sóng 4G', align='j', indent=True)
    tracked(p, ' và cáp quang.', ' (chưa xác minh).')
    para(doc, '- Tỷ lệ hồ sơ trực tuyến đạt 60%;', align='j', indent=True)
    para(doc, '2. Về dữ liệu số', bold=True, align='j', indent=True)
    para(doc, 'Hoàn thành số hóa kết quả giải quyết thủ tục hành chính.', align='j', indent=True)
    para(doc, 'II. NHIỆM VỤ, GIẢI PHÁP', bold=True, align='j', indent=True)
    numbered(doc, ['Hoàn thiện thể chế', 'Phát triển hạ tầng'])
    para(doc, 'Sở Thông tin và Truyền thông trân trọng báo cáo./.', align='j', indent=True)


def signature(doc):
    t = doc.add_table(rows=1, cols=2)
    left, right = t.rows[0].cells
    left.paragraphs[0].add_run('Nơi nhận:').bold = True
    for line in ['- UBND tỉnh;', '- Lưu: VT, KHTC.']:
        para(left, line, size=11)
    right.paragraphs[0].add_run('KT. GIÁM ĐỐC').bold = True
    right.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
    para(right, 'PHÓ GIÁM ĐỐC', bold=True, align='c')
    para(right, '')
    para(right, 'Nguyễn Văn An', bold=True, align='c')


def tab_header():
    doc = Document()
    setup(doc)
    para(doc, 'UBND TỈNH BẮC GIANG\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', size=12)
    p = para(doc, '')
    r = p.add_run('SỞ THÔNG TIN VÀ TRUYỀN THÔNG\tĐộc lập - Tự do - Hạnh phúc'); r.bold = True; r.font.size = Pt(13)
    bottom_border(p)
    para(doc, 'Số: 15/BC-STTTT\tBắc Giang, ngày 05 tháng 7 năm 2024', size=13)
    body(doc)
    # a footnote is added by editing footnotes.xml below
    signature(doc)
    doc.save(out + '/tab-header.docx')


def table_header():
    doc = Document()
    setup(doc)
    t = doc.add_table(rows=2, cols=2)
    a, b = t.rows[0].cells
    a.paragraphs[0].add_run('UBND TỈNH BẮC GIANG')
    a.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
    p = para(a, 'SỞ THÔNG TIN VÀ TRUYỀN THÔNG', bold=True, align='c'); bottom_border(p)
    b.paragraphs[0].add_run('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM').bold = True
    p = para(b, 'Độc lập - Tự do - Hạnh phúc', bold=True, align='c'); bottom_border(p)
    c, d = t.rows[1].cells
    c.paragraphs[0].add_run('Số:      /BC-STTTT')
    d.paragraphs[0].add_run('Bắc Giang, ngày      tháng 7 năm 2024').italic = True
    body(doc)
    signature(doc)
    doc.save(out + '/table-header.docx')


def columns_header():
    """The header in a first section of two columns (a column break between them), the body
    in a continuous section of one; the rule under the Tiêu ngữ drawn as underscores."""
    from docx.enum.section import WD_SECTION
    from docx.enum.text import WD_BREAK
    doc = Document()
    setup(doc)
    para(doc, 'UBND TỈNH BẮC GIANG', size=13, align='c')
    para(doc, 'SỞ THÔNG TIN VÀ TRUYỀN THÔNG', bold=True, size=13, align='c')
    p = para(doc, 'Số: 15/BC-STTTT', size=13, align='c')
    p.add_run().add_break(WD_BREAK.COLUMN)
    para(doc, 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', bold=True, size=12, align='c')
    para(doc, 'Độc lập - Tự do - Hạnh phúc', bold=True, size=13, align='c')
    para(doc, '_______________________', align='c')
    para(doc, 'Bắc Giang, ngày 05 tháng 7 năm 2024', italic=True, align='c')
    cols = OxmlElement('w:cols'); cols.set(qn('w:num'), '2'); cols.set(qn('w:space'), '720')
    doc.sections[0]._sectPr.append(cols)
    body_section = doc.add_section(WD_SECTION.CONTINUOUS)
    body(doc)
    signature(doc)
    doc.save(out + '/columns-header.docx')


def textbox_header():
    """The header in two text boxes (VML, as older Word versions and many templates draw
    them), anchored in one empty paragraph."""
    from lxml import etree
    doc = Document()
    setup(doc)
    W = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main'
    V = 'urn:schemas-microsoft-com:vml'

    def box(lines, left):
        pict = etree.SubElement(etree.SubElement(anchor._p, '{%s}r' % W), '{%s}pict' % W)
        shape = etree.SubElement(pict, '{%s}shape' % V)
        shape.set('style', 'position:absolute;margin-left:%spt;width:220pt;height:80pt' % ('0' if left else '230'))
        content = etree.SubElement(etree.SubElement(shape, '{%s}textbox' % V), '{%s}txbxContent' % W)
        for text, bold, italic in lines:
            p = etree.SubElement(content, '{%s}p' % W)
            ppr = etree.SubElement(p, '{%s}pPr' % W)
            etree.SubElement(ppr, '{%s}jc' % W).set('{%s}val' % W, 'center')
            r = etree.SubElement(p, '{%s}r' % W)
            rpr = etree.SubElement(r, '{%s}rPr' % W)
            if bold:
                etree.SubElement(rpr, '{%s}b' % W)
            if italic:
                etree.SubElement(rpr, '{%s}i' % W)
            etree.SubElement(r, '{%s}t' % W).text = text

    anchor = para(doc, '')
    box([('UBND TỈNH BẮC GIANG', False, False), ('SỞ THÔNG TIN VÀ TRUYỀN THÔNG', True, False),
         ('Số: 15/BC-STTTT', False, False)], True)
    box([('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', True, False), ('Độc lập - Tự do - Hạnh phúc', True, False),
         ('Bắc Giang, ngày 05 tháng 7 năm 2024', False, True)], False)
    body(doc)
    signature(doc)
    doc.save(out + '/textbox-header.docx')


def task_table():
    """A plan whose tasks a clerk typed as a table in Word's "Table Grid": no vanban style,
    the Chủ trì cell merged down over an agency's rows, one deadline in vanban's words and
    one in the clerk's."""
    doc = Document()
    setup(doc)
    para(doc, 'UBND HUYỆN LẠNG GIANG\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', size=12)
    p = para(doc, '')
    r = p.add_run('PHÒNG NỘI VỤ\tĐộc lập - Tự do - Hạnh phúc'); r.bold = True; r.font.size = Pt(13)
    bottom_border(p)
    para(doc, 'Số: 12/KH-PNV\tLạng Giang, ngày 10 tháng 3 năm 2025', size=13)
    para(doc, 'KẾ HOẠCH', bold=True, align='c')
    p = para(doc, 'Cải cách hành chính năm 2025', bold=True, align='c')
    bottom_border(p)
    para(doc, 'I. MỤC ĐÍCH, YÊU CẦU', bold=True, align='j', indent=True)
    para(doc, 'Giao nhiệm vụ cụ thể cho từng cơ quan, đơn vị.', align='j', indent=True)
    para(doc, 'II. NHIỆM VỤ CỤ THỂ', bold=True, align='j', indent=True)
    rows = [
        ('STT', 'Nhiệm vụ', 'Chủ trì', 'Phối hợp', 'Thời hạn'),
        ('1', 'Rà soát thủ tục hành chính', 'Văn phòng UBND huyện', 'Các phòng chuyên môn', 'Trước ngày 30/6/2025'),
        ('2', 'Công khai thủ tục hành chính', 'Văn phòng UBND huyện', '', 'Thường xuyên'),
        ('3', 'Kiểm tra cải cách hành chính tại các xã', 'Phòng Nội vụ', 'Văn phòng UBND huyện', 'cuối năm'),
    ]
    t = doc.add_table(rows=len(rows), cols=len(rows[0]))
    t.style = doc.styles['Table Grid']
    for i, row in enumerate(rows):
        for j, text in enumerate(row):
            if i == 2 and j == 2:
                continue  # merged with the cell above
            run = t.rows[i].cells[j].paragraphs[0].add_run(text)
            run.bold = i == 0
    t.rows[1].cells[2].merge(t.rows[2].cells[2])
    para(doc, 'III. TỔ CHỨC THỰC HIỆN', bold=True, align='j', indent=True)
    para(doc, 'Phòng Nội vụ theo dõi, đôn đốc các cơ quan, đơn vị thực hiện Kế hoạch./.', align='j', indent=True)
    signature(doc)
    doc.save(out + '/task-table.docx')


tab_header()
table_header()
columns_header()
textbox_header()
task_table()
