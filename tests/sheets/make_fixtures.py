#!/usr/bin/python3
"""Writes the hand-made spreadsheet fixtures of test_sheet (see README.txt).

Each file is written part by part with zipfile, for the exact XML a case needs (what
LibreOffice or Excel would not write on request: cells without r, rich text with phonetic
runs, a forged chart sheet, repeats of a million rows). Run from this directory:
    python3 make_fixtures.py            # the fixtures
    python3 make_fixtures.py --perf OUT # a 100 000 x 5 workbook for the performance check
"""
import sys
import zipfile

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG = "http://schemas.openxmlformats.org/package/2006/relationships"
XML = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'


def write_zip(path, parts):
    # A fixed date keeps the files identical from one run to the next.
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in parts:
            info = zipfile.ZipInfo(name, date_time=(2024, 1, 5, 0, 0, 0))
            info.compress_type = zipfile.ZIP_STORED if name == "mimetype" else zipfile.ZIP_DEFLATED
            z.writestr(info, data.encode("utf-8") if isinstance(data, str) else data)


def root_rels(target="xl/workbook.xml"):
    return (XML + f'<Relationships xmlns="{PKG}"><Relationship Id="rId1" '
            f'Type="{REL}/officeDocument" Target="{target}"/></Relationships>')


def workbook(sheets, pr=""):
    items = "".join(f'<sheet name="{n}" sheetId="{i + 1}" r:id="{rid}"/>'
                    for i, (n, rid) in enumerate(sheets))
    return (XML + f'<workbook xmlns="{MAIN}" xmlns:r="{REL}">{pr}<sheets>{items}</sheets>'
            '<definedNames><definedName name="x">Sheet1!$A$1</definedName></definedNames>'
            '</workbook>')


def rels(items):
    body = "".join(f'<Relationship Id="{i}" Type="{REL}/{t}" Target="{target}"/>'
                   for i, t, target in items)
    return XML + f'<Relationships xmlns="{PKG}">{body}</Relationships>'


def worksheet(rows, after=""):
    return (XML + f'<worksheet xmlns="{MAIN}" xmlns:r="{REL}"><dimension ref="A1:B2"/>'
            f'<sheetViews><sheetView workbookViewId="0"/></sheetViews>'
            f'<sheetData>{rows}</sheetData>{after}</worksheet>')


def handmade_xlsx():
    shared = [
        "<si><t>Họ và tên</t></si>",
        # Rich text in runs, and a phonetic run that is not part of the text.
        "<si><r><t xml:space=\"preserve\">Tổng </t></r><r><rPr><b/></rPr><t>cộng</t></r>"
        "<rPh sb=\"0\" eb=\"1\"><t>PHONETIC</t></rPh></si>",
        "<si><t>Dòng 1_x000D_\nDòng 2</t></si>",
        "<si><t xml:space=\"preserve\">  khoảng trắng  </t></si>",
        "<si><t>a_x005F_x0041_b</t></si>",
        "<si><t>Gộp</t></si>",
    ]
    sst = XML + f'<sst xmlns="{MAIN}" count="6" uniqueCount="6">{"".join(shared)}</sst>'
    styles = (XML + f'<styleSheet xmlns="{MAIN}"><numFmts count="5">'
              '<numFmt numFmtId="164" formatCode="#,##0.00"/>'
              '<numFmt numFmtId="165" formatCode="0.0%"/>'
              '<numFmt numFmtId="166" formatCode="dd/mm/yyyy\\ hh:mm"/>'
              '<numFmt numFmtId="167" formatCode="#,##0 &quot;người&quot;"/>'
              '<numFmt numFmtId="168" formatCode="[$-42A]dd/mm/yyyy"/>'
              '</numFmts><fonts count="1"><font/></fonts>'
              '<cellStyleXfs count="1"><xf numFmtId="165"/></cellStyleXfs>'
              '<cellXfs count="10"><xf numFmtId="0"/><xf numFmtId="164"/><xf numFmtId="165"/>'
              '<xf numFmtId="166"/><xf numFmtId="14"/><xf numFmtId="167"/><xf numFmtId="168"/>'
              '<xf numFmtId="10"/><xf numFmtId="3"/><xf numFmtId="1"/></cellXfs>'
              '<dxfs count="1"><dxf><numFmt numFmtId="164" formatCode="0.000"/></dxf></dxfs>'
              '</styleSheet>')
    rows = (
        # Row 1 is absent: the used area starts at row 2.
        '<row r="2"><c r="A2" t="s"><v>0</v></c>'
        '<c r="B2" t="inlineStr"><is><t>Số tiền</t></is></c>'
        '<c r="C2" t="str"><f>"Tỷ lệ"</f><v>Tỷ lệ</v></c>'
        '<c r="D2" t="inlineStr"><is><r><t>Ngày</t></r><r><t xml:space="preserve"> lập</t></r></is></c></row>'
        # No r on the row or its cells: they follow the previous ones.
        '<row><c t="s"><v>1</v></c><c s="1"><v>1234567.5</v></c><c s="2"><v>0.346</v></c>'
        '<c s="3"><v>45296.604166666664</v></c></row>'
        '<row r="4"><c r="A4" s="5"><v>1879</v></c><c r="B4" s="4"><v>45296</v></c>'
        '<c r="C4" t="b"><v>0</v></c><c r="D4" t="e"><f>NA()</f><v>#N/A</v></c>'
        '<c r="E4" s="9"><v>3</v></c><c r="F4" s="8"><v>-1234.4</v></c></row>'
        '<row r="5"><c r="A5" t="s"><v>2</v></c><c r="B5" s="6"><v>60</v></c><c r="C5" s="1"/>'
        '<c r="D5" t="s"><v>3</v></c><c r="E5" s="7"><v>0.12345</v></c>'
        '<c r="F5"><v>0.30000000000000004</v></c></row>'
        '<row r="6"><c r="A6" s="1"><f>2.675</f><v>2.675</v></c><c r="B6" t="s"><v>4</v></c>'
        '<c r="C6" t="d"><v>2024-01-05T14:30:00</v></c></row>'
        '<row r="7"><c r="A7" s="1"/></row>'
        '<row r="9"><c r="A9" t="s"><v>5</v></c><c r="B9" t="inlineStr"><is><t>ẩn</t></is></c>'
        '<c r="C9"><v>1</v></c></row>'
        '<row r="10"><c r="C10"><v>2</v></c></row>'
        '<row r="11"><c r="A11" s="1"/><c r="B11" s="2"/></row>'
        '<row r="12" spans="1:3"/>'
    )
    after = ('<mergeCells count="1"><mergeCell ref="A9:B10"/></mergeCells>'
             '<conditionalFormatting sqref="A1"><cfRule type="expression" priority="1">'
             '<formula>1</formula></cfRule></conditionalFormatting>')
    write_zip("handmade.xlsx", [
        ("[Content_Types].xml", XML + '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>'),
        ("_rels/.rels", root_rels()),
        ("xl/workbook.xml", workbook([("Dữ liệu", "rId1"), ("Biểu đồ", "rId4"), ("Trống", "rId5")],
                                     '<workbookPr date1904="false"/>')),
        ("xl/_rels/workbook.xml.rels", rels([
            ("rId1", "worksheet", "/xl/worksheets/data.xml"),
            ("rId2", "sharedStrings", "sharedStrings.xml"),
            ("rId3", "styles", "styles.xml"),
            ("rId4", "chartsheet", "chartsheets/sheet1.xml"),
            ("rId5", "worksheet", "worksheets/../worksheets/empty.xml")])),
        ("xl/sharedStrings.xml", sst),
        ("xl/styles.xml", styles),
        ("xl/worksheets/data.xml", worksheet(rows, after)),
        ("xl/worksheets/empty.xml", XML + f'<worksheet xmlns="{MAIN}"><sheetData/></worksheet>'),
        ("xl/chartsheets/sheet1.xml", XML + f'<chartsheet xmlns="{MAIN}"/>'),
    ])


def small_xlsx(path, sheet_xml, pr="", styles=None):
    parts = [
        ("_rels/.rels", root_rels()),
        ("xl/workbook.xml", workbook([("Sheet1", "rId1")], pr)),
        ("xl/_rels/workbook.xml.rels", rels([("rId1", "worksheet", "worksheets/sheet1.xml"),
                                             ("rId3", "styles", "styles.xml")])),
        ("xl/worksheets/sheet1.xml", sheet_xml),
    ]
    if styles is not None:
        parts.append(("xl/styles.xml", styles))
    write_zip(path, parts)


def date1904_xlsx():
    styles = (XML + f'<styleSheet xmlns="{MAIN}"><cellXfs count="2"><xf numFmtId="0"/>'
              '<xf numFmtId="14"/></cellXfs></styleSheet>')
    small_xlsx("date1904.xlsx", worksheet('<row r="1"><c r="A1" s="1"><v>0</v></c>'
                                          '<c r="B1" s="1"><v>43834</v></c></row>'),
               '<workbookPr date1904="1"/>', styles)


def malformed_xlsx():
    # The <c> on line 5 is closed by </row>: libxml2 names line 5.
    sheet = (XML + f'<worksheet xmlns="{MAIN}">\n<sheetData>\n<row r="1"><c r="A1"><v>1</v></c></row>\n'
             '<row r="2"><c r="A2"><v>2</v></row>\n</sheetData>\n</worksheet>\n')
    small_xlsx("malformed.xlsx", sheet)


def overlap_xlsx():
    small_xlsx("overlap.xlsx", worksheet('<row r="1"><c r="A1"><v>1</v></c></row>',
                                         '<mergeCells count="2"><mergeCell ref="A1:B2"/>'
                                         '<mergeCell ref="B2:C3"/></mergeCells>'))


ODS_NS = ('xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
          'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" '
          'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
          'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
          'xmlns:number="urn:oasis:names:tc:opendocument:xmlns:datastyle:1.0" '
          'xmlns:dc="http://purl.org/dc/elements/1.1/" '
          'xmlns:calcext="urn:org:documentfoundation:names:experimental:calc:xmlns:calcext:1.0"')


def ods(path, tables, styles=""):
    content = (XML + f'<office:document-content {ODS_NS} office:version="1.2">'
               f'<office:automatic-styles>{styles}</office:automatic-styles>'
               '<office:body><office:spreadsheet>'
               '<table:calculation-settings table:automatic-find-labels="false"/>'
               f'{tables}</office:spreadsheet></office:body></office:document-content>')
    manifest = (XML + '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">'
                '<manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>'
                '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
                '</manifest:manifest>')
    write_zip(path, [("mimetype", "application/vnd.oasis.opendocument.spreadsheet"),
                     ("content.xml", content), ("META-INF/manifest.xml", manifest)])


def repeat_ods():
    styles = ('<number:percentage-style style:name="N1"><number:number number:decimal-places="0"/>'
              '<number:text>%</number:text></number:percentage-style>'
              '<style:style style:name="cePct" style:family="table-cell" style:data-style-name="N1"/>')
    s, f = 'office:value-type="string" calcext:value-type="string"', 'office:value-type="float"'
    table = (
        '<table:table table:name="Lặp">'
        '<table:table-column table:number-columns-repeated="3"/>'
        '<table:table-column table:default-cell-style-name="cePct"/>'
        '<table:table-column table:number-columns-repeated="16380"/>'
        '<table:table-header-rows><table:table-row>'
        f'<table:table-cell {s}><text:p>Tiêu đề</text:p></table:table-cell>'
        f'<table:table-cell {s}><text:p>x</text:p></table:table-cell>'
        '<table:table-cell table:number-columns-repeated="16382"/></table:table-row></table:table-header-rows>'
        # A non-empty row repeated: returned three times.
        '<table:table-row table:number-rows-repeated="3">'
        f'<table:table-cell {s}><text:p>Lặp</text:p></table:table-cell>'
        f'<table:table-cell table:number-columns-repeated="2" {f} office:value="5"><text:p>5</text:p></table:table-cell>'
        '<table:table-cell table:number-columns-repeated="16381"/></table:table-row>'
        # 100 empty rows between data rows: rows of no cells.
        '<table:table-row table:number-rows-repeated="100"><table:table-cell table:number-columns-repeated="16384"/></table:table-row>'
        '<table:table-row table:style-name="ro1">'
        f'<table:table-cell {s}><text:p>a <text:s text:c="2"/>b<text:tab/>c<text:line-break/>d '
        '<text:span>đậm</text:span><office:annotation><dc:creator>X</dc:creator><text:p>ghi chú</text:p></office:annotation>'
        '</text:p><text:p>  e  </text:p></table:table-cell>'
        f'<table:table-cell table:number-columns-repeated="2" {s}><text:p>r</text:p></table:table-cell>'
        f'<table:table-cell {f} office:value="0.25"><text:p>0.25</text:p></table:table-cell>'
        '<table:table-cell table:number-columns-repeated="16380"/></table:table-row>'
        '<table:table-row>'
        f'<table:table-cell table:number-columns-spanned="2" {s}><text:p>Gộp</text:p></table:table-cell>'
        f'<table:covered-table-cell {s}><text:p>ẩn</text:p></table:covered-table-cell>'
        '<table:table-cell office:value-type="time" office:time-value="PT14H30M00S"><text:p>14:30</text:p></table:table-cell>'
        '<table:table-cell/><table:table-cell office:value-type="currency" office:currency="VND" office:value="1500000"><text:p>1.500.000 ₫</text:p></table:table-cell>'
        '</table:table-row>'
        # What LibreOffice writes to end a sheet: a million empty rows as one.
        '<table:table-row table:number-rows-repeated="1048470"><table:table-cell table:number-columns-repeated="16384"/></table:table-row>'
        '</table:table>'
        '<table:table table:name="Trống"><table:table-row><table:table-cell/></table:table-row></table:table>'
        # 16 384 non-empty cells repeated over a million rows: 17 billion cells from 400 bytes.
        '<table:table table:name="Nổ"><table:table-row table:number-rows-repeated="1048576">'
        f'<table:table-cell table:number-columns-repeated="16384" {s}><text:p>x</text:p></table:table-cell>'
        '</table:table-row></table:table>'
    )
    ods("repeat.ods", table, styles)


def perf_xlsx(path, rows=100000):
    """100 000 rows x 5 columns: a shared string, three numbers, a date."""
    strings = [f"Đơn vị số {i}" for i in range(1000)]
    sst = (XML + f'<sst xmlns="{MAIN}" count="{rows}" uniqueCount="{len(strings)}">' +
           "".join(f"<si><t>{s}</t></si>" for s in strings) + "</sst>")
    styles = (XML + f'<styleSheet xmlns="{MAIN}"><cellXfs count="3"><xf numFmtId="0"/>'
              '<xf numFmtId="14"/><xf numFmtId="4"/></cellXfs></styleSheet>')
    out = []
    for r in range(1, rows + 1):
        out.append(f'<row r="{r}"><c r="A{r}" t="s"><v>{r % 1000}</v></c><c r="B{r}"><v>{r * 37}</v></c>'
                   f'<c r="C{r}" s="2"><v>{r * 1.25}</v></c><c r="D{r}"><v>{r / 7}</v></c>'
                   f'<c r="E{r}" s="1"><v>{40000 + r % 5000}</v></c></row>')
    sheet = worksheet("".join(out))
    ct = "application/vnd.openxmlformats-officedocument.spreadsheetml"
    types = (XML + '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
             '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
             '<Default Extension="xml" ContentType="application/xml"/>'
             f'<Override PartName="/xl/workbook.xml" ContentType="{ct}.sheet.main+xml"/>'
             f'<Override PartName="/xl/worksheets/sheet1.xml" ContentType="{ct}.worksheet+xml"/>'
             f'<Override PartName="/xl/sharedStrings.xml" ContentType="{ct}.sharedStrings+xml"/>'
             f'<Override PartName="/xl/styles.xml" ContentType="{ct}.styles+xml"/></Types>')
    write_zip(path, [
        ("[Content_Types].xml", types),
        ("_rels/.rels", root_rels()),
        ("xl/workbook.xml", workbook([("Sheet1", "rId1")])),
        ("xl/_rels/workbook.xml.rels", rels([("rId1", "worksheet", "worksheets/sheet1.xml"),
                                             ("rId2", "sharedStrings", "sharedStrings.xml"),
                                             ("rId3", "styles", "styles.xml")])),
        ("xl/sharedStrings.xml", sst),
        ("xl/styles.xml", styles),
        ("xl/worksheets/sheet1.xml", sheet),
    ])


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "--perf":
        perf_xlsx(sys.argv[2])
        sys.exit(0)
    handmade_xlsx()
    date1904_xlsx()
    malformed_xlsx()
    overlap_xlsx()
    repeat_ods()
    with open("notzip.xlsx", "w") as f:
        f.write("Họ và tên,Số tiền\nAn,1879\n")
    with open("ole.xlsx", "wb") as f:  # the first bytes of an OLE2 file: an encrypted workbook
        f.write(bytes([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) + bytes(504))
