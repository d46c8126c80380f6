#!/usr/bin/env bash
# settings_change.sh - the signer, the issuing body, the place name and the
# recipients (Nơi nhận) of every document come from one file,
# templates/pdf/van-ban.conf (docs/van-hanh.md, "Thiết lập văn bản"):
# changed in a copy of the templates, both PDFs (and every DOCX the run
# writes) show the new values and none of the old ones.
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
export DH_BINDIR=${DH_BINDIR:-$top/build/bin}
command -v pdftotext >/dev/null 2>&1 || { echo "settings_change: pdftotext not installed; skipped"; exit 77; }
t=$(mktemp -d)
trap 'rm -rf "$t"' EXIT
fail() { echo "FAIL: $*"; exit 1; }

cp -a "$top/templates" "$t/tpl"
conf=$t/tpl/pdf/van-ban.conf
python3 - "$conf" <<'PY' || fail "editing the copy of van-ban.conf"
import sys
p = sys.argv[1]
s = open(p, encoding="utf-8").read()
def sub(old, new):
    global s
    if s.count(old) < 1:
        sys.exit("not found: " + old)
    s = s.replace(old, new)
sub("\ndia_danh = Thạch An\n", "\ndia_danh = Xuân Thử\n")
sub("ds.nguoi_ky = Lương Văn Khải", "ds.nguoi_ky = Nguyễn Văn Thử")
sub("bc.nguoi_ky = Hoàng Thị Mai", "bc.nguoi_ky = Trần Thị Kiểm")
sub("ds.co_quan = ỦY BAN NHÂN DÂN\n\tHUYỆN THẠCH AN", "ds.co_quan = ỦY BAN NHÂN DÂN\n\tHUYỆN XUÂN THỬ")
sub("bc.co_quan = PHÒNG NỘI VỤ", "bc.co_quan = PHÒNG THỬ NGHIỆM")
sub("- Lưu: VT, NV.", "- Lưu: VT, THỬ.")
open(p, "w", encoding="utf-8").write(s)
PY

"$top/pipeline/run" --config /dev/null --quiet --month 2026-11 --input "$top/tests/e2e/sample/input" \
	--output "$t/out" --templates "$t/tpl" 2>"$t/err" || fail "run with the edited templates: $(cat "$t/err")"
m=$t/out/2026-11
docs=0
check_text() { # name text-file
	local name=$1 txt=$2
	# one line per word run: pdftotext may break a line anywhere between words
	tr -s ' \n' ' ' <"$txt" >"$txt.flat"
	grep -q "Xuân Thử, ngày" "$txt.flat" || fail "$name: the new place name is missing"
	grep -q "Lưu: VT, THỬ" "$txt.flat" || fail "$name: the new recipients are missing"
	! grep -q "Thạch An, ngày" "$txt.flat" || fail "$name: the old place name is still there"
	! grep -q "Lưu: VT, NV" "$txt.flat" || fail "$name: the old recipients are still there"
}
for d in danh-sach bao-cao; do
	[ -f "$m/$d.pdf" ] || fail "no $d.pdf"
	pdftotext -layout "$m/$d.pdf" "$t/$d.txt" || fail "pdftotext $d.pdf"
	check_text "$d.pdf" "$t/$d.txt"
	docs=$((docs + 1))
done
tr -s ' \n' ' ' <"$t/danh-sach.txt" | grep -q "Nguyễn Văn Thử" || fail "danh-sach.pdf: the new signer is missing"
tr -s ' \n' ' ' <"$t/danh-sach.txt" | grep -q "HUYỆN XUÂN THỬ" || fail "danh-sach.pdf: the new issuing body is missing"
! grep -q "Lương Văn Khải" "$t/danh-sach.txt" || fail "danh-sach.pdf: the old signer is still there"
tr -s ' \n' ' ' <"$t/bao-cao.txt" | grep -q "Trần Thị Kiểm" || fail "bao-cao.pdf: the new signer is missing"
tr -s ' \n' ' ' <"$t/bao-cao.txt" | grep -q "PHÒNG THỬ NGHIỆM" || fail "bao-cao.pdf: the new issuing body is missing"
! grep -q "Hoàng Thị Mai" "$t/bao-cao.txt" || fail "bao-cao.pdf: the old signer is still there"

# Word copies, when the run writes them: the text of word/document.xml
for f in "$m"/danh-sach.docx "$m"/bao-cao.docx; do
	[ -f "$f" ] || continue
	command -v unzip >/dev/null 2>&1 || fail "unzip not installed, needed for $f"
	unzip -p "$f" word/document.xml | sed -e 's/<[^>]*>/ /g' >"$t/docx.txt" || fail "unzip $f"
	grep -q "Xuân Thử" "$t/docx.txt" || fail "$(basename "$f"): the new place name is missing"
	grep -q "THỬ" "$t/docx.txt" || fail "$(basename "$f"): the new recipients are missing"
	! grep -q "Lương Văn Khải\|Hoàng Thị Mai" "$t/docx.txt" || fail "$(basename "$f"): an old signer is still there"
	docs=$((docs + 1))
done
echo "settings_change: $docs documents show the edited settings"
