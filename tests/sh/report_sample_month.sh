#!/usr/bin/env bash
# The shipped sample month end to end, read as the clerk reads it: the
# summary the driver prints and the review report's text.  An identical copy
# of a file (tep_trung) is counted as a duplicate, never as unreadable.
set -eu
top=$(cd "$(dirname "$0")/../.." && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cp -a "$top/input/." "$tmp/in/" 2>/dev/null || { mkdir -p "$tmp/in"; cp -a "$top/input/." "$tmp/in/"; }
find "$tmp/in" -exec touch -h -d "2026-11-15 08:00:00" {} +
"$top/pipeline/run" --config /dev/null --month 2026-10 --input "$tmp/in" --output "$tmp/out" --quiet
"$top/pipeline/run" --config /dev/null --month 2026-11 --input "$tmp/in" --output "$tmp/out" >"$tmp/summary"
grep -q "Tệp đã đọc: *14 (2 tệp lỗi hoặc không đọc được, 1 tệp trùng)" "$tmp/summary" || { cat "$tmp/summary"; exit 1; }
grep -q "Gương điển hình: *22: 14 hợp lệ, 4 cần xem xét, 4 không hợp lệ" "$tmp/summary" || { cat "$tmp/summary"; exit 1; }
pdftotext -layout "$tmp/out/2026-11/bao-cao.pdf" "$tmp/bc.txt"
grep -q "02 tệp không đọc được; 01 tệp trùng" "$tmp/bc.txt" || { echo "summary row wrong"; grep -n "tệp" "$tmp/bc.txt" | head; exit 1; }
# Section IV lists the .doc and the PDF scan, not the duplicate copy.
sed -n '/IV. TỆP KHÔNG ĐỌC ĐƯỢC/,/V. QUYẾT ĐỊNH/p' "$tmp/bc.txt" >"$tmp/iv.txt"
grep -q "bao cao thang" "$tmp/iv.txt" && grep -q "ban scan.pdf" "$tmp/iv.txt" || { cat "$tmp/iv.txt"; exit 1; }
if grep -q "tep_trung\|UBND xa Duc" "$tmp/iv.txt"; then echo "duplicate listed as unreadable"; cat "$tmp/iv.txt"; exit 1; fi
# The roster names every accepted nominee and no rejected one.
pdftotext "$tmp/out/2026-11/danh-sach.pdf" "$tmp/ds.txt"
tr -s ' \n' ' ' <"$tmp/ds.txt" >"$tmp/ds1.txt"
python3 - "$tmp/out/2026-11/dataset.csv" "$tmp/ds1.txt" <<'PY'
import csv, sys
text = open(sys.argv[2], encoding="utf-8").read()
bad = 0
for r in csv.DictReader(open(sys.argv[1], encoding="utf-8-sig")):
    listed = r["ten"] in text
    if r["trang_thai"] in ("hop_le", "can_xem_xet") and not listed:
        print("missing from roster:", r["ten"]); bad = 1
    if r["trang_thai"] == "khong_hop_le" and r["ten"] and listed:
        print("rejected but in roster:", r["ten"]); bad = 1
sys.exit(bad)
PY
