#!/usr/bin/env python3
"""bench/peer.py - the Python peer of `make bench` (issue 15).

Usage: peer.py MONTH_DIR OUT_PDF

What a clerk's Python script would do with the same month, written plainly
and efficiently with the usual libraries: python-docx for .docx, openpyxl
for .xlsx (when importable), csv for .csv (UTF-8, else Windows-1258; comma
or semicolon), then a minimal validation (a name, a birth year that is a
plausible number or none, a summary; duplicates of name + year dropped) and
a PDF list of the valid nominations with reportlab (canvas, Liberation
Serif, 40 rows a page).  Prints one line "files=F records=R valid=V".
Exits 3 when python-docx or reportlab cannot be imported (reported by
bench/run as "not measured").
"""
import csv
import io
import os
import sys
import unicodedata

try:
    import docx
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.pdfgen import canvas
except ImportError as e:
    sys.stderr.write("peer: %s\n" % e)
    sys.exit(3)
try:
    import openpyxl
except ImportError:
    openpyxl = None

FONTS = ["/usr/share/fonts/truetype/liberation2/LiberationSerif-Regular.ttf",
         "/usr/share/fonts/truetype/liberation/LiberationSerif-Regular.ttf",
         "/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf"]


def norm(s):
    return unicodedata.normalize("NFC", " ".join((s or "").split()))


def header_index(rows):
    """Index of the header row (the one naming "Họ và tên"), or -1."""
    for i, r in enumerate(rows[:20]):
        if any("họ và tên" in norm(str(c)).lower() for c in r if c is not None):
            return i
    return -1


def records_from_rows(rows, source):
    """Rows under the header whose first cell is a number (STT)."""
    h = header_index(rows)
    if h < 0:
        return []
    head = [norm(str(c)).lower() if c is not None else "" for c in rows[h]]

    def col(*names):
        for n in names:
            for i, c in enumerate(head):
                if c.startswith(n):
                    return i
        return -1
    ci = {"ten": col("họ và tên"), "nam": col("năm sinh"), "dt": col("dân tộc"),
          "cv": col("chức vụ"), "tt": col("tóm tắt")}
    out = []
    for r in rows[h + 1:]:
        first = norm(str(r[0])) if r and r[0] is not None else ""
        if not first.isdigit():
            continue
        rec = {k: (norm(str(r[i])) if 0 <= i < len(r) and r[i] is not None else "") for k, i in ci.items()}
        if ci["nam"] >= 0 and not rec["nam"] and ci["nam"] + 1 < len(r):  # Nam | Nữ columns
            rec["nam"] = norm(str(r[ci["nam"] + 1] or ""))
        rec["nguon"] = source
        out.append(rec)
    return out


def read_docx(path):
    d = docx.Document(path)
    out = []
    for t in d.tables:
        rows = [[c.text for c in row.cells] for row in t.rows]
        out += records_from_rows(rows, path)
    return out


def read_xlsx(path):
    if openpyxl is None:
        return []
    wb = openpyxl.load_workbook(path, read_only=True, data_only=True)
    rows = [list(r) for r in wb.worksheets[0].iter_rows(values_only=True)]
    wb.close()
    return records_from_rows(rows, path)


def read_csv(path):
    raw = open(path, "rb").read()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = raw.decode("cp1258", errors="replace")
    first = text.split("\n", 4)
    delim = ";" if sum(x.count(";") for x in first) > sum(x.count(",") for x in first) else ","
    rows = list(csv.reader(io.StringIO(text), delimiter=delim))
    return records_from_rows(rows, path)


def valid(rec):
    if not rec["ten"] or not rec["tt"]:
        return False
    y = rec["nam"]
    return not y or (y.isdigit() and 1900 <= int(y) <= 2026)


def main():
    if len(sys.argv) != 3:
        sys.stderr.write("usage: peer.py MONTH_DIR OUT_PDF\n")
        return 2
    month, out = sys.argv[1], sys.argv[2]
    paths = sorted(os.path.join(dp, f) for dp, _, fs in os.walk(month) for f in fs)
    recs = []
    for p in paths:
        ext = os.path.splitext(p)[1].lower()
        try:
            if ext == ".docx":
                recs += read_docx(p)
            elif ext == ".xlsx":
                recs += read_xlsx(p)
            elif ext == ".csv":
                recs += read_csv(p)
        except Exception as e:  # a bad file is skipped, as the pipeline goes on
            sys.stderr.write("peer: %s: %s\n" % (p, e))
    seen, good = set(), []
    for r in recs:
        key = (r["ten"].lower(), r["nam"])
        if valid(r) and key not in seen:
            seen.add(key)
            good.append(r)
    font = next((f for f in FONTS if os.path.exists(f)), None)
    face = "Helvetica"
    if font:
        pdfmetrics.registerFont(TTFont("Peer", font))
        face = "Peer"
    w, h = landscape(A4)
    c = canvas.Canvas(out + ".tmp", pagesize=(w, h))
    per = 40
    for i, r in enumerate(good):
        if i % per == 0:
            if i:
                c.showPage()
            c.setFont(face, 12)
            c.drawString(40, h - 40, "DANH SÁCH GƯƠNG ĐIỂN HÌNH TIÊN TIẾN")
            c.setFont(face, 8)
        y = h - 60 - (i % per) * 12.5
        c.drawString(40, y, str(i + 1))
        c.drawString(70, y, r["ten"][:40])
        c.drawString(250, y, r["nam"])
        c.drawString(290, y, r["cv"][:60])
        c.drawString(520, y, r["tt"][:60])
    c.save()
    os.replace(out + ".tmp", out)
    print("files=%d records=%d valid=%d" % (len(paths), len(recs), len(good)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
