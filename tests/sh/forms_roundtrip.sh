#!/usr/bin/env bash
# forms_roundtrip.sh - the blank forms of templates/forms/, filled in the way
# a unit's clerk fills them (dotted leaders replaced, empty roster rows typed
# into, rows added to the CSV sheet), read back by dh-ingest give the same
# names, years of birth and achievement summaries; and the whole driver
# accepts them.  Also checks that build-forms.py reproduces the committed
# forms byte for byte.  Skipped (exit 77) only when python3 is not installed.
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
bindir=${DH_BINDIR:-$top/build/bin}
command -v python3 >/dev/null || { echo "forms_roundtrip: python3 not installed; skipped"; exit 77; }
for p in dh-ingest dh-validate dh-merge dh-render dh-summary; do
	[ -x "$bindir/$p" ] || { echo "FAIL: $bindir/$p not built"; exit 1; }
done
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*"; exit 1; }

# 1. the forms are reproducible from their source
mkdir -p "$tmp/forms"
cp "$top/templates/forms/build-forms.py" "$tmp/forms/"
python3 "$tmp/forms/build-forms.py" || fail "build-forms.py failed"
for f in mau-danh-sach.docx mau-bao-cao-thanh-tich.docx mau-danh-sach.csv; do
	cmp -s "$tmp/forms/$f" "$top/templates/forms/$f" ||
		fail "templates/forms/$f differs from what build-forms.py writes (run it and commit)"
done

# 2. fill them into an input month
month=2026-11
mkdir -p "$tmp/input/$month"
python3 - "$top/templates/forms" "$tmp/input/$month" "$tmp/expected.csv" <<'PY' || fail "filling the forms failed"

import csv
import os
import re
import sys
import zipfile

DOTS_RUN = re.compile(r'(<w:t xml:space="preserve">)(…+)(</w:t>)')
EMPTY_T = '<w:t xml:space="preserve"></w:t>'

LIST_ROWS = {
    "A. TẬP THỂ": ["1", "Xóm Nà Lẹng", "", "", "", "Xóm Nà Lẹng, xã Đức Long", "Nông thôn mới",
                   "Xóm hoàn thành 19/19 tiêu chí nông thôn mới; nhân dân hiến 1.800 m2 đất làm đường, "
                   "đóng góp 250 ngày công và 90 triệu đồng bê tông hóa 900 m đường liên xóm; "
                   "tuyên truyền, vận động 100% hộ giữ vệ sinh môi trường.", ""],
    "B. CÁ NHÂN": ["2", "Hoàng Văn Thắng", "1975", "", "Tày", "Trưởng xóm Bản Khuông, xã Đức Long",
                   "Nông thôn mới",
                   "Gương mẫu hiến 400 m2 đất làm đường giao thông nông thôn, đóng góp 20 ngày công "
                   "xây dựng nhà văn hóa xóm; tuyên truyền, vận động 35 hộ tham gia làm đường bê tông.", ""],
}
LIST_BODY = "UBND XÃ ĐỨC LONG"
LIST_DOTS = ["21", "UBND", "Đức Long", "12", "11", "2026", "11", "2026",
             "21/UBND", "12/11/2026", "UBND xã Đức Long", "02", "Hoàng Văn Chung"]

REPORT = {
    "ten": "Nông Thị Lan",
    "nam_sinh": "1990",
    "thanh_tich": "Giáo viên dạy giỏi cấp tỉnh năm học 2025-2026; có sáng kiến kinh nghiệm về đổi mới "
                  "phương pháp dạy đọc cho học sinh dân tộc thiểu số được áp dụng toàn huyện; bồi dưỡng "
                  "5 học sinh đạt giải cấp huyện.",
}
REPORT_BODY = "PHÒNG GIÁO DỤC VÀ ĐÀO TẠO"
REPORT_DOTS = ["Thạch An", "14", "11", "2026", "11", "2026",
               REPORT["ten"], REPORT["nam_sinh"], "Nữ", "Nùng", "Giáo viên", "Trường Tiểu học Đức Long",
               "Giáo dục và Đào tạo", REPORT["thanh_tich"], "",
               "Giấy khen của Chủ tịch UBND huyện năm 2025."]

CSV_ROWS = [
    ["1", "Lý Văn Pao", "Cá nhân", "1982", "Nam", "Dao", "Xã đội trưởng", "Xã Đức Long", "9",
     "Hoàn thành xuất sắc nhiệm vụ huấn luyện dân quân; phối hợp tuần tra biên giới, giữ vững an ninh "
     "chính trị, trật tự an toàn xã hội trên địa bàn xã; vận động nhân dân xây dựng thế trận lòng dân.",
     "UBND xã Đức Long", "13/11/2026", ""],
    ["2", "Hộ ông Lục Văn Nhung", "Hộ gia đình", "", "", "Tày", "", "Xóm Nà Lẹng, xã Đức Long", "4",
     "Gia đình vươn lên thoát nghèo bằng mô hình chăn nuôi lợn và trồng cây ăn quả, thu nhập 120 triệu "
     "đồng/năm; hỗ trợ giống, kỹ thuật cho 3 hộ nghèo trong xóm cùng phát triển kinh tế.",
     "UBND xã Đức Long", "13/11/2026", ""],
]


def esc(s):
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def fill_dots(xml, body, values):
    """The issuing body's line, then every dotted leader in document order."""
    blank = esc("UBND XÃ/PHÒNG ") + "…"
    if blank not in xml:
        raise SystemExit("forms_fill: no issuing-body line in the form")
    xml = re.sub(re.escape(blank) + "…*", esc(body), xml)
    it = iter(values)

    def sub(m):
        try:
            v = next(it)
        except StopIteration:
            return m.group(0)
        return m.group(1) + esc(v) + m.group(3)
    out = DOTS_RUN.sub(sub, xml)
    if next(it, None) is not None:
        raise SystemExit("forms_fill: the form has fewer blanks than expected")
    return out


def fill_rows(xml, rows):
    """Types rows[section] into the first empty row after each section row."""
    for section, cells in rows.items():
        start = xml.index(esc(section))
        tr = xml.index("<w:tr>", start)
        end = xml.index("</w:tr>", tr)
        row = xml[tr:end]
        if row.count(EMPTY_T) != len(cells):
            raise SystemExit("forms_fill: unexpected roster row (%d cells)" % row.count(EMPTY_T))
        it = iter(cells)
        row = row.replace(EMPTY_T, "\0").split("\0")
        row = "".join(part + ('<w:t xml:space="preserve">%s</w:t>' % esc(next(it)) if i < len(cells) else "")
                      for i, part in enumerate(row))
        xml = xml[:tr] + row + xml[end:]
    return xml


def rewrite_docx(src, dst, edit):
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data = zin.read(info.filename)
            if info.filename == "word/document.xml":
                data = edit(data.decode("utf-8")).encode("utf-8")
            zout.writestr(info, data)


def main():
    forms, month_dir, expected = sys.argv[1:4]
    d1 = os.path.join(month_dir, "UBND xa Duc Long")
    d2 = os.path.join(month_dir, "Phong GD&DT")
    os.makedirs(d1, exist_ok=True)
    os.makedirs(d2, exist_ok=True)
    rewrite_docx(os.path.join(forms, "mau-danh-sach.docx"), os.path.join(d1, "DS thang 11.docx"),
                 lambda x: fill_rows(fill_dots(x, LIST_BODY, LIST_DOTS), LIST_ROWS))
    rewrite_docx(os.path.join(forms, "mau-bao-cao-thanh-tich.docx"),
                 os.path.join(d2, "Bao cao thanh tich Nong Thi Lan.docx"),
                 lambda x: fill_dots(x, REPORT_BODY, REPORT_DOTS))
    with open(os.path.join(forms, "mau-danh-sach.csv"), "rb") as f:
        sheet = f.read()
    if not sheet.startswith(b"\xef\xbb\xbf"):
        raise SystemExit("forms_fill: mau-danh-sach.csv has no BOM")
    text = sheet.decode("utf-8-sig")
    header = next(csv.reader([text.splitlines()[0]]))
    if len(header) != len(CSV_ROWS[0]):
        raise SystemExit("forms_fill: the CSV sheet has %d columns, expected %d" % (len(header), len(CSV_ROWS[0])))
    with open(os.path.join(d1, "DS bo sung thang 11.csv"), "w", encoding="utf-8-sig", newline="") as f:
        w = csv.writer(f, lineterminator="\r\n")
        w.writerow(header)
        w.writerows(CSV_ROWS)

    with open(expected, "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(["ten", "nam_sinh", "thanh_tich", "nguon", "loai", "linh_vuc"])
        for (section, cells), loai in zip(LIST_ROWS.items(), ["tap_the", "ca_nhan"]):
            w.writerow([cells[1], cells[2] or cells[3], cells[7], "UBND xa Duc Long/DS thang 11.docx", loai, "2"])
        w.writerow([REPORT["ten"], REPORT["nam_sinh"], REPORT["thanh_tich"],
                    "Phong GD&DT/Bao cao thanh tich Nong Thi Lan.docx", "ca_nhan", "7"])
        for r, loai in zip(CSV_ROWS, ["ca_nhan", "ho_gia_dinh"]):
            w.writerow([r[1], r[3], r[9], "UBND xa Duc Long/DS bo sung thang 11.csv", loai, r[8]])


if __name__ == "__main__":
    main()
PY

# 3. read back with dh-ingest
"$bindir/dh-ingest" --input "$tmp/input" --month $month --plan "$top/templates/plan" --jobs 2 \
	--records "$tmp/records.csv" --files "$tmp/files.csv" --problems "$tmp/problems.csv" \
	2>"$tmp/ingest.err" || { cat "$tmp/ingest.err"; fail "dh-ingest failed"; }

compare() { # records.csv label: every expected nominee is in it, same name/year/summary
	python3 - "$tmp/expected.csv" "$1" "$2" <<'PY'
import csv, re, sys, unicodedata
expected, got, label = sys.argv[1:4]

def norm(s):
    s = unicodedata.normalize("NFC", s)
    return re.sub(r"\s+", " ", s).strip()

def name_key(s):
    # a household may keep or drop the honorific: "Hộ ông X" / "Hộ X"
    return re.sub(r"^(Hộ) (ông|bà) ", r"\1 ", norm(s))

with open(got, encoding="utf-8-sig", newline="") as f:
    recs = list(csv.DictReader(f))
bad = 0
for e in csv.DictReader(open(expected, encoding="utf-8", newline="")):
    cand = [r for r in recs if r.get("nguon", "").endswith(e["nguon"])
            and name_key(r.get("ten", "")) == name_key(e["ten"])]
    if not cand:
        print("%s: %s: not found (names read from that file: %s)" % (label, e["ten"],
              [r.get("ten") for r in recs if r.get("nguon", "").endswith(e["nguon"])]))
        bad += 1
        continue
    r = cand[0]
    if e["nam_sinh"] and e["nam_sinh"] not in r.get("nam_sinh", ""):
        print("%s: %s: year %r, expected %r" % (label, e["ten"], r.get("nam_sinh"), e["nam_sinh"]))
        bad += 1
    if norm(r.get("thanh_tich", "")) != norm(e["thanh_tich"]):
        print("%s: %s: summary differs:\n  got      %r\n  expected %r" % (label, e["ten"], r.get("thanh_tich"), e["thanh_tich"]))
        bad += 1
    if label == "dataset.csv":
        # the validated record: the form's field and type, and not rejected
        for k in ("loai", "linh_vuc"):
            if r.get(k, "") != e[k]:
                print("%s: %s: %s %r, expected %r" % (label, e["ten"], k, r.get(k), e[k]))
                bad += 1
        if r.get("trang_thai") == "khong_hop_le":
            print("%s: %s: rejected (%s)" % (label, e["ten"], r.get("van_de")))
            bad += 1
    if len(cand) > 1:
        print("%s: %s: read %d times" % (label, e["ten"], len(cand)))
        bad += 1
n = sum(1 for _ in csv.DictReader(open(expected, encoding="utf-8")))
if len(recs) != n:
    print("%s: %d records read, expected %d: %s" % (label, len(recs), n, [r.get("ten") for r in recs]))
    bad += 1
sys.exit(1 if bad else 0)
PY
}
compare "$tmp/records.csv" dh-ingest || { cat "$tmp/problems.csv"; fail "the forms do not read back"; }
# no file-level error on a filled form
if grep -E ',(tep_hong|tep_rong|khong_ho_tro|tep_ma_hoa),' "$tmp/problems.csv"; then
	fail "a filled form was rejected as a file"
fi

# 4. the whole driver
DH_BINDIR=$bindir "$top/pipeline/run" --quiet --month $month --input "$tmp/input" --output "$tmp/output" \
	--config /dev/null 2>"$tmp/run.err" || { cat "$tmp/run.err"; fail "pipeline/run failed"; }
compare "$tmp/output/$month/dataset.csv" dataset.csv || fail "dataset.csv does not match the filled forms"
for f in danh-sach.pdf bao-cao.pdf; do
	[ -s "$tmp/output/$month/$f" ] || fail "no $f"
done
echo ok
