#!/usr/bin/env bash
# office_xlsx.sh - tong-hop.xlsx of a rendered month, read back with openpyxl: three sheets equal
# to the three CSVs, Vietnamese titles, frozen header, autofilter, widths, text typed as text
# (formulas, "- " and leading zeros of hostile rows kept as text), years as numbers, well-formed
# parts, byte-identical on rerun.
set -eu
cd "$(dirname "$0")/../.."
top=$PWD
bin=${DH_BINDIR:-$top/build/bin}
fix=$top/tests/fixtures/render/2026-11
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "office_xlsx: $*" >&2; exit 1; }

py=""
for p in /usr/bin/python3 python3; do
	if command -v "$p" >/dev/null && "$p" -c 'import openpyxl' 2>/dev/null; then py=$p; break; fi
done
[ -n "$py" ] || { echo "python3-openpyxl is not installed"; exit 77; }

mkdir "$tmp/m"
cp "$fix"/*.csv "$tmp/m/"
# Hostile rows: a formula, a dash list, markup, an Excel escape, a code with leading zeros.
printf '%s\n' \
	'h-1,2026-11,007,"=HYPERLINK(""http://x"",""y"")",3,ca_nhan,<w:p>]]> & Co,1985,nu,Tày,,,"- Gạch đầu dòng; _x0041_ giữ nguyên",can_xem_xet,thieu_minh_chung,007/a.csv,dòng 2,00,2026-11-12,' \
	'h-2,2026-11,,=1+1,,ca_nhan,+cộng,,,,,,@at,khong_hop_le,linh_vuc_khong_ro,b.csv,dòng 3,00,2026-11-12,' \
	>>"$tmp/m/dataset.csv"
printf '%s\n' '007,"=SUM(A1:A2)",1,1,1,2026-11-12,da_gui' >>"$tmp/m/don-vi.csv"

"$bin/dh-render" --month 2026-11 --plan "$top/templates/plan" --templates "$top/templates/pdf" \
	--dir "$tmp/m" || fail "dh-render failed"
x=$tmp/m/tong-hop.xlsx
[ -s "$x" ] || fail "no tong-hop.xlsx"
ls "$tmp/m" | grep -q 'tmp' && fail "temporary file left: $(ls "$tmp/m")"

# Well-formed parts.
mkdir "$tmp/u"
(cd "$tmp/u" && unzip -q "$x") || fail "not a zip"
find "$tmp/u" -name '*.xml' -o -name '*.rels' | while read -r f; do
	xmllint --noout "$f" || fail "xmllint: $f"
done
# A formula cell would be <f>; none may exist.
grep -l '<f>' "$tmp/u"/xl/worksheets/*.xml && fail "a formula cell"

"$py" - "$tmp/m" <<'EOF' || fail "read back differs"
import csv, sys, openpyxl
d = sys.argv[1]
wb = openpyxl.load_workbook(d + "/tong-hop.xlsx")
assert wb.sheetnames == ["Danh sách", "Vấn đề", "Đơn vị"], wb.sheetnames
titles = {"Danh sách": ("Mã hồ sơ", "Họ và tên / Tên tập thể"), "Vấn đề": ("Tệp gửi đến", "Mức độ"),
          "Đơn vị": ("Mã đơn vị", "Tên đơn vị")}
numeric = {"linh_vuc", "nam_sinh", "so_tep", "so_guong", "so_hop_le", "dat_yeu_cau"}
for ws, name in zip(wb.worksheets, ["dataset.csv", "van-de.csv", "don-vi.csv"]):
    rows = list(csv.reader(open(d + "/" + name, encoding="utf-8-sig", newline="")))
    got = list(ws.iter_rows())
    assert len(got) == len(rows), (ws.title, len(got), len(rows))
    head = [c.value for c in got[0]]
    for t in titles[ws.title]:
        assert t in head, (ws.title, t, head)
    assert ws.freeze_panes == "A2", ws.freeze_panes
    last = openpyxl.utils.get_column_letter(len(rows[0]))
    assert ws.auto_filter.ref == "A1:%s%d" % (last, len(rows)), ws.auto_filter.ref
    for j in range(len(rows[0])):
        w = ws.column_dimensions[openpyxl.utils.get_column_letter(j + 1)].width
        assert w and w >= 6, (ws.title, j, w)
    for r, (want, cells) in enumerate(zip(rows[1:], got[1:]), 2):
        for j, v in enumerate(want):
            c = cells[j]
            key = rows[0][j]
            if v == "":
                assert c.value is None, (ws.title, r, key, c.value)
                continue
            if key in numeric and v.isdigit() and (v == "0" or v[0] != "0"):
                assert c.data_type == "n" and c.value == int(v), (ws.title, r, key, c.value)
            else:
                assert c.data_type == "s" and c.value == v, (ws.title, r, key, repr(c.value), v)
ds = wb["Danh sách"]
vals = {c.value for row in ds.iter_rows() for c in row}
for v in ['=HYPERLINK("http://x","y")', "<w:p>]]> & Co", "- Gạch đầu dòng; _x0041_ giữ nguyên",
          "007", "=1+1", "+cộng", "@at"]:
    assert v in vals, v
EOF

# Byte-identical on rerun (a second later).
cp "$x" "$tmp/first.xlsx"
sleep 1
"$bin/dh-render" --month 2026-11 --plan "$top/templates/plan" --templates "$top/templates/pdf" \
	--dir "$tmp/m" || fail "second dh-render failed"
cmp -s "$x" "$tmp/first.xlsx" || fail "tong-hop.xlsx differs on rerun"

# Read back by the project's own XLSX reader, as a unit's list would be: one
# record per row of the "Danh sách" sheet, the names as dataset.csv has them.
mkdir -p "$tmp/in/2026-11"
cp "$x" "$tmp/in/2026-11/"
"$bin/dh-ingest" --input "$tmp/in" --month 2026-11 --plan "$top/templates/plan" \
	--records "$tmp/rb.csv" --files "$tmp/rbf.csv" --problems "$tmp/rbp.csv" 2>/dev/null ||
	fail "dh-ingest could not read tong-hop.xlsx back"
"$py" - "$tmp/m/dataset.csv" "$tmp/rb.csv" <<'PY' || fail "tong-hop.xlsx read back by dh-ingest differs from dataset.csv"
import csv, sys
want = [r["ten"] for r in csv.DictReader(open(sys.argv[1], encoding="utf-8-sig", newline=""))]
got = [r["ten"] for r in csv.DictReader(open(sys.argv[2], encoding="utf-8-sig", newline=""))]
if len(got) != len(want):
    sys.exit("rows: %d read back, %d in dataset.csv" % (len(got), len(want)))
missing = [n for n in want if n and not n.startswith("=") and n not in got]
if missing:
    sys.exit("names not read back: %s" % missing[:5])
PY
echo "office_xlsx: ok"
