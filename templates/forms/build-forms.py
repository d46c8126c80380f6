#!/usr/bin/env python3
"""Builds the blank forms that units may use to send their nominations:

  mau-danh-sach.docx            a list (danh sách) in the layout of Nghị định
                                30/2020/NĐ-CP: header block, number and date
                                line, title, roster table, signature block
  mau-bao-cao-thanh-tich.docx   an achievement report (báo cáo thành tích)
                                for one nominee: labelled lines, then
                                "II. THÀNH TÍCH ĐẠT ĐƯỢC"
  mau-danh-sach.csv             the roster sheet with the canonical headers,
                                UTF-8 with BOM and CRLF, for Excel

The WordprocessingML is written here by hand and zipped with fixed
timestamps, so the output is byte-identical on every run.  Standard library
only.  Run from anywhere:  python3 templates/forms/build-forms.py
Fields a unit fills in are dotted leaders ("…"), each in a run of its own.
"""
import os
import zipfile

HERE = os.path.dirname(os.path.abspath(__file__))
ZIP_TIME = (2026, 1, 1, 0, 0, 0)
DOTS = "……………"
DOTS_SHORT = "……"  # day, month, year

# Twentieths of a point; A4 = 11906 x 16838.  1 mm = 56.7 twips.
def mm(x):
    return int(round(x * 56.7))


def esc(s):
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


def run(text, bold=False, italic=False, size=None):
    props = ""
    if bold:
        props += "<w:b/>"
    if italic:
        props += "<w:i/>"
    if size:
        props += '<w:sz w:val="%d"/><w:szCs w:val="%d"/>' % (size * 2, size * 2)
    rpr = "<w:rPr>%s</w:rPr>" % props if props else ""
    return '<w:r>%s<w:t xml:space="preserve">%s</w:t></w:r>' % (rpr, esc(text))


def para(*runs, align=None, before=0, after=0, indent=None, keep=False):
    """One paragraph; before/after in points."""
    ppr = ""
    if keep:
        ppr += "<w:keepNext/>"
    ppr += '<w:spacing w:before="%d" w:after="%d"/>' % (before * 20, after * 20)
    if indent is not None:
        ppr += indent
    if align:
        ppr += '<w:jc w:val="%s"/>' % align
    return "<w:p><w:pPr>%s</w:pPr>%s</w:p>" % (ppr, "".join(runs))


def rule_para(width_mm, column_mm):
    """An empty paragraph whose bottom border is width_mm long, centred in a
    column column_mm wide (the rule under a title or a body name)."""
    side = mm(max(0.0, (column_mm - width_mm) / 2))
    ind = '<w:ind w:left="%d" w:right="%d"/>' % (side, side)
    return ('<w:p><w:pPr><w:pBdr><w:bottom w:val="single" w:sz="6" w:space="1" w:color="000000"/>'
            '</w:pBdr><w:spacing w:before="0" w:after="0" w:line="120" w:lineRule="exact"/>%s'
            '<w:jc w:val="center"/><w:rPr><w:sz w:val="4"/></w:rPr></w:pPr></w:p>' % ind)


def cell(width_mm, *paras, span=1, vmerge=None, valign=None, borders=True):
    tcpr = '<w:tcW w:w="%d" w:type="dxa"/>' % mm(width_mm)
    if span > 1:
        tcpr += '<w:gridSpan w:val="%d"/>' % span
    if vmerge == "restart":
        tcpr += '<w:vMerge w:val="restart"/>'
    elif vmerge == "continue":
        tcpr += "<w:vMerge/>"
    if not borders:
        tcpr += ('<w:tcBorders><w:top w:val="nil"/><w:left w:val="nil"/><w:bottom w:val="nil"/>'
                 '<w:right w:val="nil"/></w:tcBorders>')
    if valign:
        tcpr += '<w:vAlign w:val="%s"/>' % valign
    body = "".join(paras) or para()
    return "<w:tc><w:tcPr>%s</w:tcPr>%s</w:tc>" % (tcpr, body)


def row(*cells, header=False, cant_split=True):
    trpr = ""
    if cant_split:
        trpr += "<w:cantSplit/>"
    if header:
        trpr += "<w:tblHeader/>"
    return "<w:tr><w:trPr>%s</w:trPr>%s</w:tr>" % (trpr, "".join(cells))


def table(widths_mm, rows, borders=True):
    grid = "".join('<w:gridCol w:w="%d"/>' % mm(w) for w in widths_mm)
    if borders:
        b = ('<w:tblBorders><w:top w:val="single" w:sz="4"/><w:left w:val="single" w:sz="4"/>'
             '<w:bottom w:val="single" w:sz="4"/><w:right w:val="single" w:sz="4"/>'
             '<w:insideH w:val="single" w:sz="4"/><w:insideV w:val="single" w:sz="4"/></w:tblBorders>')
    else:
        b = ('<w:tblBorders><w:top w:val="nil"/><w:left w:val="nil"/><w:bottom w:val="nil"/>'
             '<w:right w:val="nil"/><w:insideH w:val="nil"/><w:insideV w:val="nil"/></w:tblBorders>')
    tblpr = ('<w:tblPr><w:tblW w:w="%d" w:type="dxa"/><w:jc w:val="center"/>%s<w:tblLayout w:type="fixed"/>'
             '<w:tblCellMar><w:left w:w="57" w:type="dxa"/><w:right w:w="57" w:type="dxa"/></w:tblCellMar>'
             '<w:tblLook w:val="0000"/></w:tblPr>' % (sum(mm(w) for w in widths_mm), b))
    return "<w:tbl>%s<w:tblGrid>%s</w:tblGrid>%s</w:tbl>" % (tblpr, grid, "".join(rows))


def section_props(landscape):
    if landscape:
        size = '<w:pgSz w:w="16838" w:h="11906" w:orient="landscape"/>'
        # Portrait margins turned with the sheet (binding edge on top).
        mar = '<w:pgMar w:top="%d" w:right="%d" w:bottom="%d" w:left="%d" w:header="567" w:footer="567" w:gutter="0"/>' % (
            mm(30), mm(20), mm(15), mm(20))
    else:
        size = '<w:pgSz w:w="11906" w:h="16838"/>'
        mar = '<w:pgMar w:top="%d" w:right="%d" w:bottom="%d" w:left="%d" w:header="567" w:footer="567" w:gutter="0"/>' % (
            mm(20), mm(15), mm(20), mm(30))
    return "<w:sectPr>%s%s<w:titlePg/></w:sectPr>" % (size, mar)


def header_block(left_col, right_col, parent, body):
    """The two-column borderless header of NĐ 30: issuing body and number on
    the left, national motto and place-and-date line on the right."""
    left = [
        para(run(parent, size=13), align="center"),
        para(run(body, bold=True, size=13), align="center"),
        rule_para(left_col * 0.4, left_col),
        para(run("Số: ", size=13), run(DOTS, size=13), run("/DS-", size=13), run(DOTS, size=13),
             align="center", before=6),
    ]
    right = [
        para(run("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", bold=True, size=12), align="center"),
        para(run("Độc lập - Tự do - Hạnh phúc", bold=True, size=13), align="center"),
        rule_para(56, right_col),
        para(run(DOTS, italic=True, size=13), run(", ngày ", italic=True, size=13),
             run(DOTS_SHORT, italic=True, size=13), run(" tháng ", italic=True, size=13),
             run(DOTS_SHORT, italic=True, size=13), run(" năm ", italic=True, size=13),
             run(DOTS_SHORT, italic=True, size=13), align="center", before=6),
    ]
    return table([left_col, right_col],
                 [row(cell(left_col, *left, borders=False), cell(right_col, *right, borders=False))],
                 borders=False)


def signature_block(left_col, right_col, left_paras, right_paras):
    return table([left_col, right_col],
                 [row(cell(left_col, *left_paras, borders=False),
                      cell(right_col, *right_paras, borders=False))], borders=False)


# Roster columns: width (mm, landscape text block 257 mm) and header text.
ROSTER = [
    (11, "STT"),
    (40, "Họ và tên/Tên tập thể"),
    (13, "Nam"),
    (13, "Nữ"),
    (17, "Dân tộc"),
    (40, "Chức vụ, đơn vị công tác/Địa chỉ"),
    (22, "Lĩnh vực"),
    (85, "Tóm tắt thành tích"),
    (16, "Ghi chú"),
]


def header_cell(i, text, vmerge):
    w = ROSTER[i][0]
    return cell(w, para(run(text, bold=True, size=12), align="center"), vmerge=vmerge, valign="center")


def roster_table():
    widths = [w for w, _ in ROSTER]
    h1 = []
    h2 = []
    for i, (w, name) in enumerate(ROSTER):
        if name == "Nam":
            h1.append(cell(w + ROSTER[i + 1][0], para(run("Năm sinh", bold=True, size=12), align="center"),
                           span=2, valign="center"))
            h2.append(header_cell(i, "Nam", None))
        elif name == "Nữ":
            h2.append(header_cell(i, "Nữ", None))
        else:
            h1.append(header_cell(i, name, "restart"))
            h2.append(cell(w, para(), vmerge="continue"))
    rows = [row(*h1, header=True), row(*h2, header=True)]
    total = sum(widths)
    for title, blanks in (("A. TẬP THỂ", 2), ("B. CÁ NHÂN", 3), ("C. HỘ GIA ĐÌNH", 2)):
        rows.append(row(cell(total, para(run(title, bold=True, size=12)), span=len(ROSTER))))
        for _ in range(blanks):
            rows.append(row(*[cell(w, para(run("", size=12))) for w in widths], cant_split=False))
    return table(widths, rows)


def list_document():
    body = [
        header_block(95, 162, "UBND HUYỆN THẠCH AN", "UBND XÃ/PHÒNG " + DOTS),
        para(run("DANH SÁCH GƯƠNG ĐIỂN HÌNH TIÊN TIẾN THÁNG ", bold=True, size=14),
             run(DOTS_SHORT, bold=True, size=14), run(" NĂM ", bold=True, size=14),
             run(DOTS_SHORT, bold=True, size=14), align="center", before=12),
        para(run("(Kèm theo Công văn số ", italic=True, size=13), run(DOTS, italic=True, size=13),
             run(" ngày ", italic=True, size=13), run(DOTS, italic=True, size=13),
             run(" của ", italic=True, size=13), run(DOTS, italic=True, size=13),
             run(")", italic=True, size=13), align="center"),
        rule_para(30, 257),
        para(before=6),
        roster_table(),
        para(run("Tổng số: ", size=13), run(DOTS, size=13), run(" gương.", size=13), before=6),
        signature_block(
            95, 162,
            [para(run("Nơi nhận:", bold=True, italic=True, size=12), before=6),
             para(run("- Phòng Nội vụ huyện Thạch An;", size=11)),
             para(run("- Lưu: VT.", size=11))],
            [para(run("THỦ TRƯỞNG ĐƠN VỊ", bold=True, size=14), align="center", before=6),
             para(run("(Ký tên, đóng dấu)", italic=True, size=13), align="center"),
             para(), para(), para(), para(),
             para(run(DOTS, bold=True, size=14), align="center")]),
    ]
    return document("".join(body), section_props(landscape=True))


# Labelled lines of the achievement report, in order.
REPORT_LABELS = ["Họ và tên", "Năm sinh", "Giới tính", "Dân tộc", "Chức vụ", "Đơn vị công tác", "Lĩnh vực"]


def report_document():
    left_col, right_col = 65, 100
    header = table(
        [left_col, right_col],
        [row(cell(left_col,
                  para(run("UBND HUYỆN THẠCH AN", size=13), align="center"),
                  para(run("UBND XÃ/PHÒNG " + DOTS, bold=True, size=13), align="center"),
                  rule_para(25, left_col), borders=False),
             cell(right_col,
                  para(run("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", bold=True, size=12), align="center"),
                  para(run("Độc lập - Tự do - Hạnh phúc", bold=True, size=13), align="center"),
                  rule_para(56, right_col),
                  para(run(DOTS, italic=True, size=13), run(", ngày ", italic=True, size=13),
                       run(DOTS_SHORT, italic=True, size=13), run(" tháng ", italic=True, size=13),
                       run(DOTS_SHORT, italic=True, size=13), run(" năm ", italic=True, size=13),
                       run(DOTS_SHORT, italic=True, size=13), align="center", before=6),
                  borders=False))],
        borders=False)
    indent = '<w:ind w:firstLine="%d"/>' % mm(12.7)
    body = [
        header,
        para(run("BÁO CÁO THÀNH TÍCH", bold=True, size=14), align="center", before=12),
        para(run("Đề nghị giới thiệu gương điển hình tiên tiến tháng ", bold=True, size=14),
             run(DOTS_SHORT, bold=True, size=14), run(" năm ", bold=True, size=14),
             run(DOTS_SHORT, bold=True, size=14), align="center"),
        rule_para(40, 165),
        para(run("I. SƠ LƯỢC LÝ LỊCH", bold=True, size=14), before=12, after=6),
    ]
    for label in REPORT_LABELS:
        body.append(para(run(label + ": ", size=14), run(DOTS * 3, size=14), indent=indent, after=6))
    body += [
        para(run("II. THÀNH TÍCH ĐẠT ĐƯỢC", bold=True, size=14), before=6, after=6),
        para(run(DOTS * 8, size=14), align="both", indent=indent, after=6),
        para(run(DOTS * 8, size=14), align="both", indent=indent, after=6),
        para(run("III. CÁC HÌNH THỨC KHEN THƯỞNG ĐÃ ĐƯỢC GHI NHẬN", bold=True, size=14), before=6, after=6),
        para(run(DOTS * 8, size=14), align="both", indent=indent, after=6),
        signature_block(
            82, 83,
            [para(run("THỦ TRƯỞNG ĐƠN VỊ XÁC NHẬN", bold=True, size=13), align="center", before=12),
             para(run("(Ký tên, đóng dấu)", italic=True, size=13), align="center")],
            [para(run("NGƯỜI BÁO CÁO THÀNH TÍCH", bold=True, size=13), align="center", before=12),
             para(run("(Ký, ghi rõ họ tên)", italic=True, size=13), align="center")]),
    ]
    return document("".join(body), section_props(landscape=False))


NS = ('xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
      'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"')


def document(body, sect):
    """The body, a closing empty paragraph (Word wants one after a final
    table) and the section properties."""
    return ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<w:document %s><w:body>%s%s%s</w:body></w:document>' % (NS, body, para(), sect))


STYLES = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
          '<w:styles %s><w:docDefaults><w:rPrDefault><w:rPr>'
          '<w:rFonts w:ascii="Times New Roman" w:hAnsi="Times New Roman" w:cs="Times New Roman" w:eastAsia="Times New Roman"/>'
          '<w:sz w:val="26"/><w:szCs w:val="26"/><w:lang w:val="vi-VN"/></w:rPr></w:rPrDefault>'
          '<w:pPrDefault><w:pPr><w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr></w:pPrDefault>'
          '</w:docDefaults>'
          '<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/></w:style>'
          '<w:style w:type="table" w:default="1" w:styleId="TableNormal"><w:name w:val="Normal Table"/>'
          '<w:tblPr><w:tblInd w:w="0" w:type="dxa"/><w:tblCellMar><w:top w:w="0" w:type="dxa"/>'
          '<w:left w:w="108" w:type="dxa"/><w:bottom w:w="0" w:type="dxa"/><w:right w:w="108" w:type="dxa"/>'
          '</w:tblCellMar></w:tblPr></w:style>'
          '</w:styles>' % NS)

SETTINGS = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<w:settings xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
            '<w:defaultTabStop w:val="720"/><w:characterSpacingControl w:val="doNotCompress"/>'
            '<w:compat><w:compatSetting w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word" w:val="15"/></w:compat>'
            '</w:settings>')

CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
    '<Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>'
    '<Override PartName="/word/settings.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml"/>'
    '<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>'
    '</Types>')

ROOT_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>'
    '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>'
    '</Relationships>')

DOC_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>'
    '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/settings" Target="settings.xml"/>'
    '</Relationships>')


def core(title):
    return ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
            'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" '
            'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
            '<dc:title>%s</dc:title><dc:creator>dien-hinh</dc:creator><dc:language>vi-VN</dc:language>'
            '<dcterms:created xsi:type="dcterms:W3CDTF">2026-01-01T00:00:00Z</dcterms:created>'
            '<dcterms:modified xsi:type="dcterms:W3CDTF">2026-01-01T00:00:00Z</dcterms:modified>'
            '</cp:coreProperties>' % esc(title))


def write_docx(name, document_xml, title):
    parts = [
        ("[Content_Types].xml", CONTENT_TYPES),
        ("_rels/.rels", ROOT_RELS),
        ("docProps/core.xml", core(title)),
        ("word/_rels/document.xml.rels", DOC_RELS),
        ("word/document.xml", document_xml),
        ("word/styles.xml", STYLES),
        ("word/settings.xml", SETTINGS),
    ]
    path = os.path.join(HERE, name)
    tmp = path + ".tmp"
    with zipfile.ZipFile(tmp, "w") as z:
        for part, text in parts:
            info = zipfile.ZipInfo(part, date_time=ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            info.create_system = 3
            z.writestr(info, text.encode("utf-8"), compresslevel=9)
    os.replace(tmp, path)


# The CSV sheet: one header row, the names the pipeline matches (cot.csv).
CSV_HEADERS = ["STT", "Họ và tên/Tên tập thể", "Loại", "Năm sinh", "Giới tính", "Dân tộc", "Chức vụ",
               "Đơn vị công tác/Địa chỉ", "Lĩnh vực", "Tóm tắt thành tích", "Đơn vị đề xuất", "Ngày gửi",
               "Ghi chú"]


def write_csv(name):
    def q(s):
        return '"%s"' % s.replace('"', '""') if any(c in s for c in ',"\r\n') else s
    data = "\ufeff" + ",".join(q(h) for h in CSV_HEADERS) + "\r\n"
    path = os.path.join(HERE, name)
    with open(path + ".tmp", "wb") as f:
        f.write(data.encode("utf-8"))
    os.replace(path + ".tmp", path)


def main():
    write_docx("mau-danh-sach.docx", list_document(), "Mẫu danh sách gương điển hình tiên tiến")
    write_docx("mau-bao-cao-thanh-tich.docx", report_document(), "Mẫu báo cáo thành tích")
    write_csv("mau-danh-sach.csv")


if __name__ == "__main__":
    main()
