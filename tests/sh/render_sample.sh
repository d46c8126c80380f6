#!/usr/bin/env bash
# render_sample.sh - renders the sample month with dh-render and checks both PDFs: names, counts, fonts, structure, reproducibility.
set -eu
cd "$(dirname "$0")/../.."
top=$PWD
bin=${DH_BINDIR:-$top/build/bin}
fix=$top/tests/fixtures/render/2026-11
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "render_sample: $*" >&2; exit 1; }

render() { # dir
	"$bin/dh-render" --month 2026-11 --plan "$top/templates/plan" \
		--templates "$top/templates/pdf" --dir "$1"
}

mkdir "$tmp/m"
cp "$fix"/*.csv "$tmp/m/"
render "$tmp/m" || fail "dh-render failed"
ds=$tmp/m/danh-sach.pdf bc=$tmp/m/bao-cao.pdf
[ -s "$ds" ] && [ -s "$bc" ] || fail "PDFs missing"

# Structure and fonts.
for f in "$ds" "$bc"; do
	qpdf --check "$f" >/dev/null 2>&1 || fail "qpdf --check: $f"
	pdffonts "$f" 2>&1 | grep -q "ToUnicode" && fail "ToUnicode warning in $f"
	n=$(pdffonts "$f" | tail -n +3 | wc -l)
	[ "$n" -ge 2 ] || fail "too few fonts in $f"
	pdffonts "$f" | tail -n +3 | awk '$(NF-4) != "yes" { bad = 1 } END { exit bad }' ||
		fail "a font is not embedded in $f"
	pdfinfo "$f" | grep -q "^Author: *Phòng Nội vụ" || fail "no author in $f"
	pdfinfo "$f" | grep -q "^CreationDate:.*2026" || fail "creation date not from the data in $f"
	warn=$(pdftotext "$f" - 2>&1 >/dev/null | head -n 3)
	[ -z "$warn" ] || fail "pdftotext warns on $f: $warn"
done
pdfinfo "$ds" | grep -q "^Page size:.*595" || fail "not A4"

# Names: every accepted nominee in the roster, no rejected-only one.
pdftotext -raw "$ds" - | tr -s ' \n' '  ' >"$tmp/ds.txt"
pdftotext -layout "$bc" - >"$tmp/bc.txt"
python3 - "$fix/dataset.csv" "$tmp/ds.txt" "$tmp/bc.txt" <<'PY' || fail "content check failed"
import csv, re, sys, unicodedata
rows = list(csv.DictReader(open(sys.argv[1], encoding="utf-8-sig")))
ds = open(sys.argv[2], encoding="utf-8").read()
bc = re.sub(r"[ \t]+", " ", open(sys.argv[3], encoding="utf-8").read())
ok = True
def bad(msg):
    global ok
    ok = False
    print("render_sample:", msg, file=sys.stderr)
if ds != unicodedata.normalize("NFC", ds):
    bad("roster text is not NFC")
acc = {r["ten"] for r in rows if r["trang_thai"] in ("hop_le", "can_xem_xet")}
rej = {r["ten"] for r in rows if r["trang_thai"] == "khong_hop_le"} - acc
for n in sorted(acc):
    if n not in ds:
        bad("accepted name missing from danh-sach.pdf: " + n)
for r in rows:
    if r["trang_thai"] != "khong_hop_le" and r["thanh_tich"] not in ds:
        bad("summary not extracted exactly (justified text): " + r["thanh_tich"][:40])
for n in sorted(rej):
    if n in ds:
        bad("rejected name in danh-sach.pdf: " + n)
for s in ("Cần bổ sung minh chứng", "Gửi muộn", "DANH SÁCH GƯƠNG ĐIỂN HÌNH TIÊN TIẾN THÁNG 11 NĂM 2026",
          "Thạch An, ngày 21 tháng 11 năm 2026", "I. LĨNH VỰC HỌC TẬP VÀ LÀM THEO", "1. Tập thể",
          "3. Hộ gia đình", "./.", "Nơi nhận:", "PHÓ CHỦ TỊCH"):
    if s not in ds:
        bad("danh-sach.pdf lacks: " + s)
def f(n):
    return "%02d" % n if 1 <= n <= 9 else str(n)
cnt = {s: sum(1 for r in rows if r["trang_thai"] == s) for s in ("hop_le", "can_xem_xet", "khong_hop_le")}
checks = [("Gương được giới thiệu", len(rows)), ("- Hợp lệ", cnt["hop_le"]),
          ("- Cần xem xét", cnt["can_xem_xet"]), ("- Không hợp lệ", cnt["khong_hop_le"])]
for label, n in checks:
    if not re.search(re.escape(label) + r" " + f(n) + r"\b", bc):
        bad("bao-cao.pdf: %s is not %s" % (label, f(n)))
m = re.search(r"Cộng (\S+) (\S+) (\S+) (\S+)", bc)
if not m or [m.group(i) for i in range(1, 5)] != [f(len(rows)), f(cnt["hop_le"]), f(cnt["can_xem_xet"]), f(cnt["khong_hop_le"])]:
    bad("bao-cao.pdf: per-type totals wrong: %s" % (m.group(0) if m else None))
for s in ("I. KẾT QUẢ TIẾP NHẬN", "II. ĐƠN VỊ CHƯA GỬI, GỬI MUỘN", "Ủy ban nhân dân xã Lê Lợi",
          "IV. TỆP KHÔNG ĐỌC ĐƯỢC", "TCKH/bao-cao-hong.docx", "V. QUYẾT ĐỊNH XEM XÉT",
          "TRƯỞNG PHÒNG", "Đinh Văn Cường", "Nguyễn Văn Bình"):
    if s not in bc:
        bad("bao-cao.pdf lacks: " + s)
sys.exit(0 if ok else 1)
PY

# Page numbers: the appendix's second page is numbered 2, its first is not.
pdftotext -f 2 -l 2 -layout "$ds" - | head -n 3 | grep -qE '^ *1 *$' && fail "appendix page 1 numbered"
pdftotext -f 3 -l 3 -layout "$ds" - | head -n 3 | grep -qE '^ *2 *$' || fail "appendix page 2 not numbered 2"

# Bookmarks per section.
for f in "$ds" "$bc"; do
	qpdf --qdf --object-streams=disable "$f" "$tmp/q.pdf" 2>/dev/null
	n=$(grep -ac "^  /Title" "$tmp/q.pdf" || true)
	[ "$n" -ge 3 ] || fail "too few bookmarks in $f ($n)"
done

# Reproducible: a second run gives the same bytes.
cp "$ds" "$tmp/ds1.pdf"
cp "$bc" "$tmp/bc1.pdf"
render "$tmp/m" || fail "second run failed"
cmp -s "$ds" "$tmp/ds1.pdf" || fail "danh-sach.pdf differs between runs"
cmp -s "$bc" "$tmp/bc1.pdf" || fail "bao-cao.pdf differs between runs"

# An empty month.
mkdir "$tmp/e"
head -n 1 "$fix/dataset.csv" >"$tmp/e/dataset.csv"
render "$tmp/e" || fail "empty month failed"
pdftotext -raw "$tmp/e/danh-sach.pdf" - | tr -s ' \n' '  ' >"$tmp/e.txt"
grep -q "Không có gương điển hình nào được đề nghị trong tháng." "$tmp/e.txt" ||
	fail "empty roster lacks its sentence"
grep -q "không nhận được hồ sơ" "$tmp/e.txt" || fail "empty cover lacks its sentence"

# Bad arguments fail with a reason.
if "$bin/dh-render" --month 2026-13 --dir "$tmp/m" 2>"$tmp/err"; then fail "bad month accepted"; fi
[ -s "$tmp/err" ] || fail "no reason for a bad month"
echo "render_sample: ok"
