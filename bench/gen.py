#!/usr/bin/env python3
"""bench/gen.py - deterministic synthetic month for `make bench`.

Usage: bench/gen.py --n N --out DIR [--month YYYY-MM] [--plan DIR] [--seed S]

Writes DIR/<month>/<unit folder>/<file> for N submissions: 80% DOCX lists
(header-block table, title naming the month, a table with the two-row
"Năm sinh / Nam | Nữ" merged header, "A. TẬP THỂ" / "B. CÁ NHÂN" and field
section rows, 5-15 nominees, signature block) and 20% CSV (rotating: UTF-8
with BOM and commas, UTF-8 with semicolons, CP1258 with semicolons, CP1258
with commas; title rows above the header).  Units are the active units of
the plan's don-vi.csv.  Python 3 standard library only; the output is byte
for byte the same for the same arguments (fixed seed, fixed zip
timestamps, sorted iteration).  Writes DIR/.gen-stamp last, holding the
arguments, so a caller can reuse a complete earlier generation.
"""
import argparse
import csv
import os
import random
import shutil
import sys
import unicodedata
import zipfile

FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Nông", "Lương", "Hà", "Đinh", "Lý",
          "Triệu", "Bế", "Vi", "Đàm", "La", "Mông", "Hứa", "Lục", "Đặng", "Vũ", "Bùi",
          "Đỗ", "Ngô", "Dương", "Lăng", "Chu", "Hoàng", "Nông", "Lương", "Ma"]
MIDDLE_M = ["Văn", "Đức", "Minh", "Quang", "Thế", "Hữu", "Tiến", "Công", "Ngọc", "Xuân"]
MIDDLE_F = ["Thị", "Thị", "Thu", "Ngọc", "Thanh", "Hồng", "Kim", "Thúy", "Minh", "Phương"]
MIDDLE2 = ["Anh", "Bảo", "Gia", "Hoài", "Khánh", "Mạnh", "Nhật", "Phú", "Thái", "Trung", "Vĩnh", "Hải"]
GIVEN_M = ["An", "Bình", "Cường", "Dũng", "Đạt", "Hải", "Hùng", "Khoa", "Long", "Mạnh",
           "Nam", "Phúc", "Quyết", "Sơn", "Thắng", "Tuấn", "Việt", "Vinh", "Khải", "Chiến",
           "Hiếu", "Lộc", "Toàn", "Trọng", "Kiên"]
GIVEN_F = ["Anh", "Chi", "Dung", "Hà", "Hằng", "Hoa", "Huệ", "Hương", "Lan", "Liên",
           "Linh", "Mai", "Ngân", "Nhung", "Oanh", "Phượng", "Thảo", "Thu", "Trang", "Yến",
           "Thủy", "Xuân", "Vân", "Quỳnh", "Hạnh"]
ETHNIC = ["Tày", "Tày", "Tày", "Nùng", "Nùng", "Kinh", "Kinh", "Dao", "Mông", "Sán Chay"]

# field number -> (collective names, positions, summary fragments carrying the
# plan's evidence words for that field)
FIELDS = {
    1: (["Chi bộ thôn {v}, xã {x}", "Chi bộ Trường Tiểu học {v}, xã {x}"],
        ["Bí thư chi bộ", "Đảng viên", "Cán bộ văn phòng"],
        ["gương mẫu thực hiện Chỉ thị 05 về học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh",
         "tu dưỡng, rèn luyện phẩm chất đạo đức, thực hành tiết kiệm, chống lãng phí",
         "có nhiều việc làm tốt giúp đỡ nhân dân, tận tụy với công việc",
         "hoàn thành xuất sắc nhiệm vụ được giao {y} năm liền"]),
    2: (["Thôn {v}, xã {x}", "Tổ dân phố {v}, xã {x}"],
        ["Trưởng thôn", "Nông dân", "Người có uy tín"],
        ["vận động nhân dân hiến {k}m² đất làm đường giao thông nông thôn",
         "đóng góp {k} ngày công lao động và {m} triệu đồng xây dựng nông thôn mới",
         "tham gia bê tông hóa {k}m đường, xây dựng nhà văn hóa thôn",
         "tuyên truyền vận động các hộ giữ gìn vệ sinh môi trường khu dân cư"]),
    4: (["Chi hội Phụ nữ thôn {v}, xã {x}", "Tổ vay vốn thôn {v}, xã {x}"],
        ["Chi hội trưởng", "Hộ gia đình", "Nông dân"],
        ["hỗ trợ {k} hộ nghèo, hộ cận nghèo với tổng số tiền {m} triệu đồng",
         "giúp đỡ người có hoàn cảnh khó khăn làm nhà đại đoàn kết",
         "vươn lên thoát nghèo bằng mô hình chăn nuôi, trồng rừng, thu nhập {m} triệu đồng mỗi năm",
         "ủng hộ quỹ vì người nghèo, đóng góp vật chất cho cộng đồng"]),
    5: (["Bộ phận một cửa xã {x}", "Văn phòng HĐND và UBND xã {x}", "Tổ một cửa liên thông xã {x}"],
        ["Chuyên viên", "Công chức Văn phòng - Thống kê", "Công chức Tư pháp - Hộ tịch"],
        ["thực hiện tốt văn hóa công sở, kỷ cương, kỷ luật hành chính",
         "giải quyết {k} hồ sơ thủ tục hành chính đúng hạn và trước hạn",
         "tích cực cải cách hành chính, chuyển đổi số, dịch vụ công trực tuyến",
         "hoàn thành xuất sắc nhiệm vụ, tận tụy phục vụ nhân dân"]),
    6: (["Tổ hợp tác chăn nuôi thôn {v}, xã {x}"],
        ["Nông dân", "Hộ gia đình", "Chủ trang trại"],
        ["phát triển mô hình trang trại chăn nuôi, trồng trọt với thu nhập {m} triệu đồng mỗi năm",
         "sản xuất kinh doanh giỏi, tạo việc làm cho {k} lao động địa phương",
         "trồng {k} héc ta rừng và cây ăn quả, giúp đỡ hộ nghèo giống và kỹ thuật",
         "gia đình văn hóa nhiều năm liền, tiêu biểu trong phong trào nông dân"]),
    7: (["Trường Tiểu học {v}, xã {x}", "Trường Mầm non {v}, xã {x}", "Trường PTDTBT THCS {v}, xã {x}"],
        ["Giáo viên", "Hiệu trưởng", "Học sinh lớp {c}"],
        ["đổi mới phương pháp giảng dạy, có sáng kiến được áp dụng toàn huyện",
         "bồi dưỡng {k} học sinh giỏi đạt giải cấp huyện, cấp tỉnh",
         "giáo viên dạy giỏi cấp tỉnh năm học 2025-2026, dạy tốt, học tốt",
         "tỷ lệ học sinh lên lớp đạt {p}%, trường đạt chuẩn quốc gia"]),
    8: (["Trạm Y tế xã {x}", "Phòng khám đa khoa khu vực {v}, xã {x}"],
        ["Bác sĩ", "Y sĩ", "Điều dưỡng", "Nữ hộ sinh"],
        ["thực hiện tốt chương trình mục tiêu quốc gia về y tế, tiêm chủng mở rộng đạt {p}%",
         "khám chữa bệnh cho {k} lượt người, giữ gìn y đức của người thầy thuốc",
         "tận tình chăm sóc sức khỏe nhân dân, không để dịch bệnh lây lan",
         "có giải pháp sáng tạo trong phòng chống dịch, người bệnh hài lòng"]),
    9: (["Công an xã {x}", "Ban Chỉ huy Quân sự xã {x}", "Trung đội dân quân cơ động xã {x}"],
        ["Chiến sĩ", "Đội trưởng", "Chỉ huy trưởng", "Dân quân"],
        ["hoàn thành xuất sắc nhiệm vụ, giữ vững an ninh chính trị, trật tự an toàn xã hội",
         "trực tiếp tham gia triệt phá {k} vụ án ma túy, bắt giữ {c} đối tượng",
         "tuần tra bảo vệ biên giới, huấn luyện sẵn sàng chiến đấu đạt giỏi",
         "xây dựng thế trận lòng dân, phong trào toàn dân bảo vệ an ninh Tổ quốc"]),
}
# villages (thôn, bản) and communes composed from Tày-Nùng / Sino-Vietnamese
# syllables, so that a month of 200,000 nominations has few accidental
# duplicates (as a real one would)
V1 = ["Nà", "Bản", "Khuổi", "Pác", "Pò", "Cốc", "Lũng", "Khau", "Nặm", "Phai"]
V2 = ["Lạn", "Chang", "Khoang", "Pá", "Luông", "Danh", "Khuyết", "Tấu", "Kéo", "Kẻ", "Phầy", "Slam",
      "Mạ", "Giàng", "Đon", "Sla", "Thin", "Nưa", "Quang", "Rạ", "Piầu", "Mò", "Cháo", "Vài", "Tềnh",
      "Pẻn", "Khiếu", "Làng", "Rỏn", "Hẩu", "Đông", "Sáng", "Tổng", "Cằm", "Luông", "Nhùng", "Pjạ",
      "Mận", "Hoi", "Coóng"]
C1 = ["Đức", "Minh", "Quang", "Thái", "Kim", "Vân", "Thụy", "Trọng", "Lê", "Canh", "Hồng", "Bình",
      "An", "Phúc", "Hưng", "Thịnh", "Tân", "Hòa", "Xuân", "Chí", "Việt", "Đại", "Hạnh", "Thanh",
      "Lương", "Tiên", "Ngọc", "Cao", "Đồng", "Trường"]
C2 = ["Long", "Khai", "Trung", "Cường", "Đồng", "Trình", "Hùng", "Con", "Lai", "Tân", "Thông", "Lợi",
      "Xuân", "Sơn", "Thành", "Phong", "Lạc", "Yên", "Hà", "Tiến", "Dũng", "Thắng", "Minh", "Hải",
      "Thủy", "Nghĩa", "Lâm", "Bình", "Quang", "Mỹ"]

# unit group -> fields its lists usually cover
GROUP_FIELDS = {"co_quan": [5, 1, 4], "dang": [1, 5], "su_nghiep": [8, 7, 5], "xa": [2, 4, 6, 7, 8],
                "llvt": [9], "doan_the": [4, 6, 1, 2]}
UNIT_FIELDS = {"GDDT": [7], "YT": [8], "TTYT": [8], "NNPTNT": [2, 6], "LDTBXH": [4], "NV": [5],
               "BTGHU": [1], "HND": [6, 2], "TCKH": [5, 4]}

ROMAN = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX"]


def ascii_fold(s):
    s = s.replace("Đ", "D").replace("đ", "d")
    s = unicodedata.normalize("NFD", s)
    return "".join(ch for ch in s if not unicodedata.combining(ch))


def load_units(plan):
    units = []
    with open(os.path.join(plan, "don-vi.csv"), encoding="utf-8-sig", newline="") as f:
        for row in csv.DictReader(f):
            if row.get("hoat_dong", "1").strip() != "1":
                continue
            units.append(row)
    return units


def load_fields(plan):
    fields = {}
    with open(os.path.join(plan, "linh-vuc.csv"), encoding="utf-8-sig", newline="") as f:
        for row in csv.DictReader(f):
            fields[int(row["so"])] = row
    return fields


# ---- text encoding: CP1258 (tone marks as combining characters) ----
TONES = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}


def cp1258(text):
    out = bytearray()
    for ch in unicodedata.normalize("NFC", text):
        try:
            out += ch.encode("cp1258")
            continue
        except UnicodeEncodeError:
            pass
        d = unicodedata.normalize("NFD", ch)
        base = unicodedata.normalize("NFC", "".join(c for c in d if c not in TONES))
        tones = "".join(c for c in d if c in TONES)
        try:
            out += base.encode("cp1258") + tones.encode("cp1258")
        except UnicodeEncodeError:
            out += b"?"
    return bytes(out)


# ---- content ----
class Gen:
    def __init__(self, seed, units, fields, month):
        self.r = random.Random(seed)
        self.units = units
        self.fields = fields
        self.year, self.mon = (int(x) for x in month.split("-"))

    def person(self):
        r = self.r
        female = r.random() < 0.45
        mid = r.choice(MIDDLE_F if female else MIDDLE_M)
        if r.random() < 0.5:
            mid += " " + r.choice(MIDDLE2)
        name = "%s %s %s" % (r.choice(FAMILY), mid, r.choice(GIVEN_F if female else GIVEN_M))
        return name, female, r.randint(1958, 2008)

    def fill(self, s, unit):
        r = self.r
        v = "%s %s" % (r.choice(V1), r.choice(V2))
        x = "%s %s" % (r.choice(C1), r.choice(C2))
        return s.format(v=v, x=x, u=unit["ten"], y=r.randint(2, 5), k=r.randint(3, 900),
                        m=r.randint(20, 900), c=r.randint(2, 12), p=r.randint(90, 100))

    def summary(self, field):
        frags = FIELDS[field][2]
        picked = self.r.sample(frags, self.r.randint(2, len(frags)))
        return picked

    def nominees(self, unit):
        """Returns [(field, kind, dict)] ordered by kind then field."""
        r = self.r
        fl = UNIT_FIELDS.get(unit["ma"]) or GROUP_FIELDS.get(unit["nhom"], [5])
        out = []
        for _ in range(r.randint(5, 15)):
            field = r.choice(fl)
            allowed = self.fields[field]["loai_cho_phep"].split(";")
            kind = "tap_the" if ("tap_the" in allowed and r.random() < 0.25) else "ca_nhan"
            colls, posts, _ = FIELDS[field]
            summ = "; ".join(self.fill(s, unit) for s in self.summary(field)) + "."
            summ = summ[0].upper() + summ[1:]
            if kind == "tap_the":
                rec = {"ten": self.fill(r.choice(colls), unit), "nam": "", "nu": "", "dt": "",
                       "cv": "", "noi": unit["ten"], "tt": summ, "gt": ""}
            else:
                name, female, year = self.person()
                rec = {"ten": name, "nam": "" if female else str(year), "nu": str(year) if female else "",
                       "dt": r.choice(ETHNIC), "cv": self.fill(r.choice(posts), unit), "noi": unit["ten"],
                       "tt": summ, "gt": "Nữ" if female else "Nam"}
            out.append((field, kind, rec))
        out.sort(key=lambda t: (0 if t[1] == "tap_the" else 1, t[0]))
        return out

    def date(self):
        return self.r.randint(3, 19)


# ---- DOCX ----
def esc(s):
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def para(text, bold=False, center=False, italic=False):
    ppr = '<w:pPr><w:jc w:val="center"/></w:pPr>' if center else ""
    rpr = ""
    if bold or italic:
        rpr = "<w:rPr>%s%s</w:rPr>" % ("<w:b/>" if bold else "", "<w:i/>" if italic else "")
    if not text:
        return "<w:p>%s</w:p>" % ppr
    return '<w:p>%s<w:r>%s<w:t xml:space="preserve">%s</w:t></w:r></w:p>' % (ppr, rpr, esc(text))


def cell(text, span=1, vmerge=None, bold=False, width=1000):
    pr = '<w:tcW w:w="%d" w:type="dxa"/>' % width
    if span > 1:
        pr += '<w:gridSpan w:val="%d"/>' % span
    if vmerge == "restart":
        pr += '<w:vMerge w:val="restart"/>'
    elif vmerge == "cont":
        pr += "<w:vMerge/>"
    return "<w:tc><w:tcPr>%s</w:tcPr>%s</w:tc>" % (pr, para(text, bold=bold))


def row(cells):
    return "<w:tr>" + "".join(cells) + "</w:tr>"


COLW = [500, 2200, 700, 700, 800, 2400, 4200]


def docx_xml(g, unit, noms, day, serial):
    y, m = g.year, g.mon
    parts = ['<?xml version="1.0" encoding="UTF-8" standalone="yes"?>',
             "<w:document %s><w:body>" % W]
    # header block: a borderless two-column table
    left = [para("UBND HUYỆN THẠCH AN", center=True), para(unit["ten"].upper(), bold=True, center=True),
            para("Số: %d/DS-%s" % (serial, unit["ma"]), center=True)]
    right = [para("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", bold=True, center=True),
             para("Độc lập - Tự do - Hạnh phúc", bold=True, center=True),
             para("Thạch An, ngày %d tháng %d năm %d" % (day, m, y), italic=True, center=True)]
    parts.append('<w:tbl><w:tblPr><w:tblW w:w="0" w:type="auto"/></w:tblPr>'
                 '<w:tblGrid><w:gridCol w:w="4000"/><w:gridCol w:w="6000"/></w:tblGrid><w:tr>'
                 '<w:tc><w:tcPr><w:tcW w:w="4000" w:type="dxa"/></w:tcPr>%s</w:tc>'
                 '<w:tc><w:tcPr><w:tcW w:w="6000" w:type="dxa"/></w:tcPr>%s</w:tc></w:tr></w:tbl>'
                 % ("".join(left), "".join(right)))
    parts.append(para("DANH SÁCH", bold=True, center=True))
    parts.append(para("GƯƠNG ĐIỂN HÌNH TIÊN TIẾN THÁNG %d NĂM %d" % (m, y), bold=True, center=True))
    b = '<w:%s w:val="single" w:sz="4" w:space="0" w:color="000000"/>'
    parts.append('<w:tbl><w:tblPr><w:tblW w:w="0" w:type="auto"/><w:tblBorders>%s</w:tblBorders></w:tblPr>'
                 % "".join(b % s for s in ("top", "left", "bottom", "right", "insideH", "insideV")))
    parts.append("<w:tblGrid>%s</w:tblGrid>" % "".join('<w:gridCol w:w="%d"/>' % w for w in COLW))
    heads = ["STT", "Họ và tên", "Năm sinh", None, "Dân tộc", "Chức vụ, đơn vị công tác", "Tóm tắt thành tích"]
    r1 = []
    for i, h in enumerate(heads):
        if h is None:
            continue
        if h == "Năm sinh":
            r1.append(cell(h, span=2, bold=True))
        else:
            r1.append(cell(h, vmerge="restart", bold=True, width=COLW[i]))
    parts.append(row(r1))
    r2 = [cell("", vmerge="cont"), cell("", vmerge="cont"), cell("Nam", bold=True), cell("Nữ", bold=True),
          cell("", vmerge="cont"), cell("", vmerge="cont"), cell("", vmerge="cont")]
    parts.append(row(r2))
    stt = 0
    cur_kind = cur_field = None
    for field, kind, rec in noms:
        if kind != cur_kind:
            cur_kind, cur_field = kind, None
            parts.append(row([cell("A. TẬP THỂ" if kind == "tap_the" else "B. CÁ NHÂN", span=7, bold=True)]))
        if field != cur_field:
            cur_field = field
            idx = sorted({f for f, k, _ in noms if k == kind}).index(field)
            parts.append(row([cell("%s. %s" % (ROMAN[idx], g.fields[field]["tieu_de_danh_sach"]), span=7,
                                   bold=True)]))
        stt += 1
        cv = rec["cv"] + (", " + rec["noi"] if rec["cv"] else rec["noi"])
        parts.append(row([cell(str(stt), width=COLW[0]), cell(rec["ten"], width=COLW[1]),
                          cell(rec["nam"], width=COLW[2]), cell(rec["nu"], width=COLW[3]),
                          cell(rec["dt"], width=COLW[4]), cell(cv, width=COLW[5]),
                          cell(rec["tt"], width=COLW[6])]))
    parts.append("</w:tbl>")
    parts.append(para("Tổng cộng: %d" % stt, italic=True))
    parts.append(para("NGƯỜI LẬP BIỂU", bold=True))
    parts.append(para("THỦ TRƯỞNG ĐƠN VỊ", bold=True))
    parts.append('<w:sectPr><w:pgSz w:w="16838" w:h="11906" w:orient="landscape"/></w:sectPr>')
    parts.append("</w:body></w:document>")
    return "".join(parts).encode("utf-8")


CT = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
      '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
      '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
      '<Default Extension="xml" ContentType="application/xml"/>'
      '<Override PartName="/word/document.xml" '
      'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
      '</Types>').encode()
RELS = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" '
        'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
        'Target="word/document.xml"/></Relationships>').encode()


def write_docx(path, xml, stamp):
    zip_parts(path, (("[Content_Types].xml", CT), ("_rels/.rels", RELS), ("word/document.xml", xml)), stamp)


# ---- python-docx-made DOCX (big template parts) ----
# python-docx saves every document from its default template: a 349 KB
# word/styles.xml (latent styles and some 160 styles, most of them table
# styles with conditional formats, all in theme fonts or Courier) and a
# 438 KB word/stylesWithEffects.xml, plus settings, fonts, theme, numbering
# and docProps.  Those parts are synthesised here to the same sizes and
# shape (standard library only; same bytes on every machine).
PD_STYLES_SIZE, PD_EFFECTS_SIZE = 349458, 438131
NS_STYLES = ('xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
             'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" ' + W +
             ' xmlns:w14="http://schemas.microsoft.com/office/word/2010/wordml" mc:Ignorable="w14"')
TABLE_LOOKS = ["Light Shading", "Light List", "Light Grid", "Medium Shading 1", "Medium Shading 2",
               "Medium List 1", "Medium List 2", "Medium Grid 1", "Medium Grid 2", "Medium Grid 3",
               "Dark List", "Colorful Shading", "Colorful List", "Colorful Grid"]
COND = ["firstRow", "lastRow", "firstCol", "lastCol", "band1Vert", "band1Horz", "band2Horz"]


def styles_part(size, effects):
    head = ('<?xml version=\'1.0\' encoding=\'UTF-8\' standalone=\'yes\'?>\n<w:styles %s>'
            '<w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:asciiTheme="minorHAnsi" '
            'w:eastAsiaTheme="minorEastAsia" w:hAnsiTheme="minorHAnsi" w:cstheme="minorBidi"/>'
            '<w:sz w:val="22"/><w:szCs w:val="22"/><w:lang w:val="en-US" w:eastAsia="en-US" w:bidi="ar-SA"/>'
            '</w:rPr></w:rPrDefault><w:pPrDefault><w:pPr><w:spacing w:after="200" w:line="276" '
            'w:lineRule="auto"/></w:pPr></w:pPrDefault></w:docDefaults>'
            '<w:latentStyles w:defLockedState="0" w:defUIPriority="99" w:defSemiHidden="1" '
            'w:defUnhideWhenUsed="1" w:defQFormat="0" w:count="276">' % NS_STYLES)
    parts = [head]
    for i in range(276):
        parts.append('<w:lsdException w:name="Latent Style %d" w:uiPriority="%d" w:qFormat="1"/>'
                     % (i, 1 + i % 99))
    parts.append('</w:latentStyles><w:style w:type="paragraph" w:default="1" w:styleId="Normal">'
                 '<w:name w:val="Normal"/><w:qFormat/></w:style>'
                 '<w:style w:type="character" w:styleId="MacroTextChar"><w:name w:val="Macro Text Char"/>'
                 '<w:rPr><w:rFonts w:ascii="Courier" w:hAnsi="Courier"/><w:sz w:val="20"/></w:rPr></w:style>')
    for h in range(1, 10):
        parts.append('<w:style w:type="paragraph" w:styleId="Heading%d"><w:name w:val="heading %d"/>'
                     '<w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:uiPriority w:val="9"/><w:qFormat/>'
                     '<w:pPr><w:keepNext/><w:keepLines/><w:spacing w:before="200" w:after="0"/>'
                     '<w:outlineLvl w:val="%d"/></w:pPr><w:rPr><w:rFonts w:asciiTheme="majorHAnsi" '
                     'w:eastAsiaTheme="majorEastAsia" w:hAnsiTheme="majorHAnsi" w:cstheme="majorBidi"/>'
                     '<w:b/><w:bCs/><w:color w:val="4F81BD" w:themeColor="accent1"/><w:sz w:val="26"/>'
                     '</w:rPr></w:style>' % (h, h, h - 1))
    k = 0
    tail = "</w:styles>"
    while sum(len(x) for x in parts) + len(tail) < size:
        look = TABLE_LOOKS[k % len(TABLE_LOOKS)]
        acc = k // len(TABLE_LOOKS)
        name = look + ("" if acc == 0 else " Accent %d" % acc)
        sid = name.replace(" ", "") + ("-%d" % k if acc > 6 else "")
        st = ['<w:style w:type="table" w:styleId="%s"><w:name w:val="%s"/><w:basedOn w:val="TableNormal"/>'
              '<w:uiPriority w:val="%d"/><w:pPr><w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr>'
              '<w:tblPr><w:tblStyleRowBandSize w:val="1"/><w:tblStyleColBandSize w:val="1"/><w:tblBorders>'
              '<w:top w:val="single" w:sz="8" w:space="0" w:color="4F81BD" w:themeColor="accent1"/>'
              '<w:bottom w:val="single" w:sz="8" w:space="0" w:color="4F81BD" w:themeColor="accent1"/>'
              '</w:tblBorders></w:tblPr>' % (sid, name, 60 + k % 14)]
        for c in COND:
            st.append('<w:tblStylePr w:type="%s"><w:pPr><w:spacing w:before="0" w:after="0" w:line="240" '
                      'w:lineRule="auto"/></w:pPr><w:rPr><w:rFonts w:asciiTheme="majorHAnsi" '
                      'w:eastAsiaTheme="majorEastAsia" w:hAnsiTheme="majorHAnsi" w:cstheme="majorBidi"/>'
                      '<w:b/><w:bCs/>%s</w:rPr><w:tblPr/><w:tcPr><w:tcBorders><w:top w:val="single" w:sz="8" '
                      'w:space="0" w:color="4F81BD" w:themeColor="accent1"/><w:bottom w:val="single" w:sz="8" '
                      'w:space="0" w:color="4F81BD" w:themeColor="accent1"/></w:tcBorders>'
                      '<w:shd w:val="clear" w:color="auto" w:fill="D3DFEE" w:themeFill="accent1" '
                      'w:themeFillTint="3F"/></w:tcPr></w:tblStylePr>'
                      % (c, '<w14:glow w14:rad="0"><w14:srgbClr w14:val="000000"/></w14:glow>' if effects else ""))
        st.append("</w:style>")
        parts.append("".join(st))
        k += 1
    parts.append(tail)
    return "".join(parts).encode("utf-8")


_PD_CACHE = {}


def pd_part(name):
    if name not in _PD_CACHE:
        if name == "styles":
            _PD_CACHE[name] = styles_part(PD_STYLES_SIZE, False)
        elif name == "effects":
            _PD_CACHE[name] = styles_part(PD_EFFECTS_SIZE, True)
        else:  # theme: colour and font scheme, ~11 KB like python-docx's
            fonts = "".join('<a:font script="S%02d" typeface="Font %d"/>' % (i, i) for i in range(60))
            clr = "".join('<a:accent%d><a:srgbClr val="4F81BD"/></a:accent%d>' % (i, i) for i in range(1, 7))
            _PD_CACHE[name] = (
                '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<a:theme '
                'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" name="Office Theme">'
                '<a:themeElements><a:clrScheme name="Office">%s</a:clrScheme><a:fontScheme name="Office">'
                '<a:majorFont><a:latin typeface="Calibri"/>%s</a:majorFont><a:minorFont>'
                '<a:latin typeface="Cambria"/>%s</a:minorFont></a:fontScheme></a:themeElements></a:theme>'
                % (clr, fonts, fonts)).encode()
    return _PD_CACHE[name]


PD_CT = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
         '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
         '<Default Extension="xml" ContentType="application/xml"/>'
         '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
         + "".join('<Override PartName="/%s" ContentType="application/vnd.openxmlformats-officedocument.%s"/>'
                   % (p, t) for p, t in (
                       ("word/document.xml", "wordprocessingml.document.main+xml"),
                       ("word/styles.xml", "wordprocessingml.styles+xml"),
                       ("word/stylesWithEffects.xml", "word.stylesWithEffects+xml"),
                       ("word/settings.xml", "wordprocessingml.settings+xml"),
                       ("word/fontTable.xml", "wordprocessingml.fontTable+xml"),
                       ("word/theme/theme1.xml", "theme+xml"),
                       ("docProps/app.xml", "extended-properties+xml"))) +
         '<Override PartName="/docProps/core.xml" '
         'ContentType="application/vnd.openxmlformats-package.core-properties+xml"/></Types>').encode()
PD_RELS = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
           '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
           '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
           'officeDocument" Target="word/document.xml"/><Relationship Id="rId2" '
           'Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" '
           'Target="docProps/core.xml"/><Relationship Id="rId3" '
           'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties" '
           'Target="docProps/app.xml"/></Relationships>').encode()
PD_DOC_RELS = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
               '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
               "".join('<Relationship Id="rId%d" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
                       'relationships/%s" Target="%s"/>' % (i, t, f) for i, (t, f) in enumerate((
                           ("styles", "styles.xml"), ("settings", "settings.xml"),
                           ("fontTable", "fontTable.xml"), ("theme", "theme/theme1.xml")), 1)) +
               '<Relationship Id="rId9" Type="http://schemas.microsoft.com/office/2007/relationships/'
               'stylesWithEffects" Target="stylesWithEffects.xml"/></Relationships>').encode()


def zip_parts(path, parts, stamp):
    with zipfile.ZipFile(path, "w") as z:
        for name, data in parts:
            zi = zipfile.ZipInfo(name, date_time=stamp)
            zi.compress_type = zipfile.ZIP_DEFLATED
            zi.external_attr = 0o644 << 16
            zi.create_system = 3
            z.writestr(zi, data)


def write_pydocx(path, xml, stamp):
    core = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<cp:coreProperties '
            'xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
            'xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:creator>python-docx</dc:creator>'
            '</cp:coreProperties>').encode()
    app = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Properties '
           'xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">'
           '<Application>python-docx</Application></Properties>').encode()
    settings = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:settings %s>'
                '<w:zoom w:percent="100"/><w:defaultTabStop w:val="720"/><w:characterSpacingControl '
                'w:val="doNotCompress"/><w:compat><w:useFELayout/></w:compat></w:settings>' % W).encode()
    fonts = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:fonts %s>%s</w:fonts>' % (W, "".join(
        '<w:font w:name="%s"><w:panose1 w:val="020F0502020204030204"/><w:charset w:val="00"/></w:font>' % f
        for f in ("Symbol", "Times New Roman", "Courier", "Wingdings", "Calibri", "Cambria")))).encode()
    zip_parts(path, [("[Content_Types].xml", PD_CT), ("_rels/.rels", PD_RELS), ("docProps/core.xml", core),
                     ("docProps/app.xml", app), ("word/document.xml", xml),
                     ("word/_rels/document.xml.rels", PD_DOC_RELS), ("word/styles.xml", pd_part("styles")),
                     ("word/stylesWithEffects.xml", pd_part("effects")), ("word/settings.xml", settings),
                     ("word/fontTable.xml", fonts), ("word/theme/theme1.xml", pd_part("theme"))], stamp)


# ---- XLSX (the parts openpyxl writes: shared strings, a small styles part) ----
def list_rows(g, unit, noms, day):
    """The rows of a spreadsheet-like list (CSV, XLSX): title rows, the
    header, one row per nominee (STT and year as numbers)."""
    rows = [[unit["ten"].upper()],
            ["DANH SÁCH GƯƠNG ĐIỂN HÌNH TIÊN TIẾN THÁNG %d/%d" % (g.mon, g.year)],
            ["Thạch An, ngày %d tháng %d năm %d" % (day, g.mon, g.year)],
            ["STT", "Họ và tên", "Năm sinh", "Giới tính", "Dân tộc", "Chức vụ", "Đơn vị công tác",
             "Lĩnh vực", "Tóm tắt thành tích"]]
    for i, (field, kind, rec) in enumerate(noms, 1):
        rows.append([i, rec["ten"], int(rec["nam"] or rec["nu"]) if (rec["nam"] or rec["nu"]) else "", rec["gt"],
                     rec["dt"], rec["cv"], rec["noi"], g.fields[field]["ten_ngan"], rec["tt"]])
    return rows


def write_xlsx(path, rows, stamp):
    sst, idx = [], {}
    cols = "ABCDEFGHI"
    out = []
    for r, row_ in enumerate(rows, 1):
        cells = []
        for c, v in enumerate(row_):
            ref = "%s%d" % (cols[c], r)
            if v == "":
                continue
            if isinstance(v, int):
                cells.append('<c r="%s"><v>%d</v></c>' % (ref, v))
            else:
                if v not in idx:
                    idx[v] = len(sst)
                    sst.append(v)
                cells.append('<c r="%s" t="s"><v>%d</v></c>' % (ref, idx[v]))
        out.append('<row r="%d">%s</row>' % (r, "".join(cells)))
    ns = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
    rns = 'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'
    decl = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    sheet = (decl + '<worksheet %s><sheetPr><outlinePr summaryBelow="1" summaryRight="1"/></sheetPr>'
             '<dimension ref="A1:I%d"/><sheetViews><sheetView workbookViewId="0"><selection activeCell="A1" '
             'sqref="A1"/></sheetView></sheetViews><sheetFormatPr baseColWidth="8" defaultRowHeight="15"/>'
             '<sheetData>%s</sheetData><pageMargins left="0.75" right="0.75" top="1" bottom="1" header="0.5" '
             'footer="0.5"/></worksheet>' % (ns, len(rows), "".join(out))).encode()
    strings = (decl + '<sst %s uniqueCount="%d">%s</sst>' % (ns, len(sst), "".join(
        "<si><t>%s</t></si>" % esc(t) for t in sst))).encode()
    wb = (decl + '<workbook %s %s><workbookPr/><bookViews><workbookView visibility="visible" '
          'minimized="0" showHorizontalScroll="1" showVerticalScroll="1" showSheetTabs="1" tabRatio="600" '
          'firstSheet="0" activeTab="0" autoFilterDateGrouping="1"/></bookViews><sheets><sheet name="Sheet" '
          'sheetId="1" state="visible" r:id="rId1"/></sheets><definedNames/><calcPr calcId="124519" '
          'fullCalcOnLoad="1"/></workbook>' % (ns, rns)).encode()
    styles = (decl + '<styleSheet %s><numFmts count="0"/><fonts count="1"><font><name val="Calibri"/>'
              '<family val="2"/><color theme="1"/><sz val="11"/><scheme val="minor"/></font></fonts>'
              '<fills count="2"><fill><patternFill/></fill><fill><patternFill patternType="gray125"/></fill>'
              '</fills><borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>'
              '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
              '<cellXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" pivotButton="0" '
              'quotePrefix="0" xfId="0"/></cellXfs><cellStyles count="1"><cellStyle name="Normal" xfId="0" '
              'builtinId="0" hidden="0"/></cellStyles><tableStyles count="0" defaultTableStyle="TableStyleMedium9" '
              'defaultPivotStyle="PivotStyleLight16"/></styleSheet>' % ns).encode()
    pr = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
    wrels = (decl + '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
             '<Relationship Type="%sworksheet" Target="/xl/worksheets/sheet1.xml" Id="rId1"/>'
             '<Relationship Type="%sstyles" Target="styles.xml" Id="rId2"/>'
             '<Relationship Type="%stheme" Target="theme/theme1.xml" Id="rId3"/>'
             '<Relationship Type="%ssharedStrings" Target="sharedStrings.xml" Id="rId4"/></Relationships>'
             % (pr, pr, pr, pr)).encode()
    rels = (decl + '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Type="%sofficeDocument" Target="xl/workbook.xml" Id="rId1"/></Relationships>' % pr).encode()
    ov = "application/vnd.openxmlformats-officedocument."
    ct = (decl + '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
          '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
          '<Default Extension="xml" ContentType="application/xml"/>' + "".join(
              '<Override PartName="%s" ContentType="%s%s"/>' % (p, ov, t) for p, t in (
                  ("/xl/workbook.xml", "spreadsheetml.sheet.main+xml"),
                  ("/xl/worksheets/sheet1.xml", "spreadsheetml.worksheet+xml"),
                  ("/xl/theme/theme1.xml", "theme+xml"), ("/xl/styles.xml", "spreadsheetml.styles+xml"),
                  ("/xl/sharedStrings.xml", "spreadsheetml.sharedStrings+xml"))) + "</Types>").encode()
    zip_parts(path, [("[Content_Types].xml", ct), ("_rels/.rels", rels), ("xl/workbook.xml", wb),
                     ("xl/_rels/workbook.xml.rels", wrels), ("xl/styles.xml", styles),
                     ("xl/theme/theme1.xml", pd_part("theme")), ("xl/sharedStrings.xml", strings),
                     ("xl/worksheets/sheet1.xml", sheet)], stamp)


# ---- CSV ----
def csv_bytes(g, unit, noms, day, variant):
    """variant 0: UTF-8 BOM, comma; 1: UTF-8 semicolon; 2: CP1258 semicolon;
    3: CP1258 comma (Excel 'CSV' on Vietnamese Windows)."""
    delim = ";" if variant in (1, 2) else ","
    rows = [[str(v) for v in r] for r in list_rows(g, unit, noms, day)]

    class Sink:
        def __init__(self):
            self.parts = []

        def write(self, s):
            self.parts.append(s)

    s = Sink()
    w = csv.writer(s, delimiter=delim, lineterminator="\r\n")
    for r in rows:
        w.writerow(r)
    text = "".join(s.parts)
    if variant == 0:
        return b"\xef\xbb\xbf" + text.encode("utf-8")
    if variant == 1:
        return text.encode("utf-8")
    return cp1258(text)


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--n", type=int, required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--month", default="2026-11")
    ap.add_argument("--plan", default=os.path.join(here, "..", "templates", "plan"))
    ap.add_argument("--seed", type=int, default=20261127)
    ap.add_argument("--mix", choices=("plain", "office"), default="plain",
                    help="plain: 80%% small DOCX, 20%% CSV; office: 70%% python-docx-made DOCX (349 KB "
                    "styles.xml, 438 KB stylesWithEffects.xml), 10%% XLSX, 20%% CSV")
    a = ap.parse_args()
    stamp_path = os.path.join(a.out, ".gen-stamp")
    want = "n=%d month=%s seed=%d gen=2\n" % (a.n, a.month, a.seed)
    if a.mix != "plain":
        want = "n=%d month=%s seed=%d gen=3 mix=%s\n" % (a.n, a.month, a.seed, a.mix)
    if os.path.exists(stamp_path) and open(stamp_path).read() == want:
        return 0
    if os.path.exists(stamp_path):
        os.remove(stamp_path)
    units = load_units(a.plan)
    fields = load_fields(a.plan)
    g = Gen(a.seed, units, fields, a.month)
    mdir = os.path.join(a.out, a.month)
    if os.path.isdir(mdir):
        shutil.rmtree(mdir)
    os.makedirs(mdir)
    nrec = 0
    for i in range(a.n):
        unit = units[i % len(units)]
        folder = os.path.join(mdir, ascii_fold(unit["ten"]).replace("/", "-"))
        os.makedirs(folder, exist_ok=True)
        noms = g.nominees(unit)
        nrec += len(noms)
        day = g.date()
        if i % 5 == 4:  # 20% CSV
            data = csv_bytes(g, unit, noms, day, (i // 5) % 4)
            with open(os.path.join(folder, "DS guong dien hinh T%d - %05d.csv" % (g.mon, i)), "wb") as f:
                f.write(data)
        elif a.mix == "office" and i % 10 == 7:  # 10% XLSX
            write_xlsx(os.path.join(folder, "DS guong dien hinh T%d - %05d.xlsx" % (g.mon, i)),
                       list_rows(g, unit, noms, day), (g.year, g.mon, day, 8, 0, 0))
        elif a.mix == "office":
            write_pydocx(os.path.join(folder, "DS guong dien hinh T%d - %05d.docx" % (g.mon, i)),
                         docx_xml(g, unit, noms, day, i + 1), (g.year, g.mon, day, 8, 0, 0))
        else:
            xml = docx_xml(g, unit, noms, day, i + 1)
            write_docx(os.path.join(folder, "DS guong dien hinh T%d - %05d.docx" % (g.mon, i)), xml,
                       (g.year, g.mon, day, 8, 0, 0))
    with open(stamp_path, "w") as f:
        f.write(want)
    sys.stderr.write("gen: %d files, %d nominations in %s\n" % (a.n, nrec, mdir))
    return 0


if __name__ == "__main__":
    sys.exit(main())
