#!/usr/bin/env bash
# render_period.sh - renders the sample period (sơ kết) report with dh-render --period and checks its content and structure.
set -eu
cd "$(dirname "$0")/../.."
top=$PWD
bin=${DH_BINDIR:-$top/build/bin}
fix=$top/tests/fixtures/render/2026-01_2026-06
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "render_period: $*" >&2; exit 1; }

cp -r "$fix" "$tmp/p"
"$bin/dh-render" --period 2026-01_2026-06 --plan "$top/templates/plan" \
	--templates "$top/templates/pdf" --dir "$tmp/p" || fail "dh-render --period failed"
bc=$tmp/p/bao-cao.pdf
[ -s "$bc" ] || fail "no bao-cao.pdf"
[ ! -e "$tmp/p/danh-sach.pdf" ] || fail "a period run must not write danh-sach.pdf"
qpdf --check "$bc" >/dev/null 2>&1 || fail "qpdf --check"
pdffonts "$bc" | tail -n +3 | awk '$(NF-4) != "yes" { bad = 1 } END { exit bad }' || fail "font not embedded"
pdftotext -raw "$bc" - | tr -s ' \n' '  ' >"$tmp/t.txt"
python3 - "$tmp/p" "$tmp/t.txt" <<'PY' || fail "content check failed"
import csv, sys
d = sys.argv[1]
t = open(sys.argv[2], encoding="utf-8").read()
ok = True
def need(s):
    global ok
    if s not in t:
        ok = False
        print("render_period: missing:", s, file=sys.stderr)
need("Sơ kết công tác xây dựng gương điển hình tiên tiến")
need("từ tháng 01 năm 2026 đến tháng 6 năm 2026")
need("II. TÌNH HÌNH GỬI HỒ SƠ CỦA CÁC ĐƠN VỊ")
rows = list(csv.DictReader(open(d + "/dataset.csv", encoding="utf-8-sig")))
need("đã giới thiệu %d gương" % len(rows))
for u in csv.DictReader(open(d + "/tuan-thu.csv", encoding="utf-8-sig")):
    need(u["ten_don_vi"])
for g in csv.DictReader(open(d + "/guong-tieu-bieu.csv", encoding="utf-8-sig")):
    need(g["ten"])
need("01/2026, 02/2026, 04/2026, 06/2026")
need("Hoàng Thị Mai")
sys.exit(0 if ok else 1)
PY
cp "$bc" "$tmp/1.pdf"
"$bin/dh-render" --period 2026-01_2026-06 --plan "$top/templates/plan" \
	--templates "$top/templates/pdf" --dir "$tmp/p" || fail "second run failed"
cmp -s "$bc" "$tmp/1.pdf" || fail "not reproducible"
if "$bin/dh-render" --period 2026-06_2026-01 --dir "$tmp/p" 2>/dev/null; then fail "reversed period accepted"; fi
echo "render_period: ok"
