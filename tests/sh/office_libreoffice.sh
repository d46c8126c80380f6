#!/usr/bin/env bash
# office_libreoffice.sh - LibreOffice (headless) opens every DOCX of the sample month and converts
# it to PDF without error, and the converted text has the same words as our own PDF of the same
# document: the day left blank for signing aside, the only differences allowed are page numbers and
# the roster's header row repeated on one more page (Word's pages break elsewhere), and in the
# review report the chart, which the DOCX gives as a table of its figures.  Skipped (exit 77)
# where LibreOffice is not installed.
set -eu
cd "$(dirname "$0")/../.."
top=$PWD
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "office_libreoffice: $*" >&2; exit 1; }

so=$(command -v soffice || command -v libreoffice || true)
[ -n "$so" ] || { echo "LibreOffice (soffice) is not installed"; exit 77; }
py=$(command -v /usr/bin/python3 || command -v python3 || true)
[ -n "$py" ] || { echo "python3 is not installed"; exit 77; }

"$top/pipeline/run" --config /dev/null --quiet --month 2026-11 --input "$top/input" \
	--output "$tmp/out" >/dev/null 2>&1 || fail "pipeline/run failed"
m=$tmp/out/2026-11
mkdir "$tmp/lo"
docs="danh-sach bao-cao don-doc"
for d in $docs; do cp "$m/$d.docx" "$tmp/lo/"; done
ph=$(cd "$m/phan-hoi" && ls ./*.docx | head -n 2)
[ -n "$ph" ] || fail "no feedback note in the sample month"
for f in $ph; do
	b=$(basename "$f" .docx)
	cp "$m/phan-hoi/$b.docx" "$tmp/lo/phan-hoi-$b.docx"
	cp "$m/phan-hoi/$b.pdf" "$m/phan-hoi-$b.pdf"
	docs="$docs phan-hoi-$b"
done
(cd "$tmp/lo" && timeout 600 "$so" -env:UserInstallation="file://$tmp/profile" --headless \
	--convert-to pdf --outdir "$tmp/lo" ./*.docx >"$tmp/lo.log" 2>&1) ||
	{ cat "$tmp/lo.log"; fail "soffice failed"; }
for d in $docs; do
	[ -s "$tmp/lo/$d.pdf" ] || { cat "$tmp/lo.log"; fail "LibreOffice did not convert $d.docx"; }
	"$py" - "$m/$d.pdf" "$tmp/lo/$d.pdf" "$d" <<'EOF' || fail "$d: text differs"
import collections, re, subprocess, sys
ours, lo, name = sys.argv[1:]
def text(p):
    t = subprocess.run(["pdftotext", p, "-"], capture_output=True, text=True, check=True).stdout
    t = t.replace("\u00a0", " ")
    return re.sub(r"ngày\s+(\d{1,2}\s+)?tháng", "ngày tháng", t)
def pages(p):
    out = subprocess.run(["pdfinfo", p], capture_output=True, text=True, check=True).stdout
    return int(re.search(r"Pages:\s+(\d+)", out).group(1))
a, b = collections.Counter(text(ours).split()), collections.Counter(text(lo).split())
if not a:
    sys.exit("no text in our PDF")
npages = max(pages(ours), pages(lo))
header = set()
if name == "danh-sach":
    header = set("STT Họ và tên / Tên tập thể Năm sinh Nam Nữ Dân tộc Chức vụ, đơn vị công tác "
                 "/ địa chỉ Tóm tắt thành tích Đơn vị đề xuất Ghi chú".split())
chart = {"Tổng", "số"} if name == "bao-cao" else set()
bad = []
for w in (a - b) + (b - a):
    if w in header or w in chart:
        continue
    if w.isdigit() and (int(w) <= npages or name == "bao-cao"):
        continue
    bad.append(w)
if bad:
    print("only in ours:", dict(a - b))
    print("only in LibreOffice's:", dict(b - a))
    sys.exit(1)
print(name, sum(a.values()), "words")
EOF
done
# Look at them: pdftoppm -r 50 -png "$tmp/lo/danh-sach.pdf" page
echo "office_libreoffice: ok"
