#!/usr/bin/env bash
# render_keep.sh - field and type heading rows of the roster never stand alone at the foot of a
# page (kept with the next row), a table's header rows never end a page, the review report's
# section rows keep with their first record, and no Ghi chú cell of the roster carries the
# record's own note (ghi_chu: the clerk's reason, file names).  Renders months with random
# row heights so that headings fall at every height of the page.
set -eu
cd "$(dirname "$0")/../.."
top=$PWD
bin=${DH_BINDIR:-$top/build/bin}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "render_keep: $*" >&2; exit 1; }

for seed in 1 2 3 4 5 6 7 8; do
	mkdir "$tmp/m$seed"
	python3 - "$tmp/m$seed" "$seed" <<'PY'
import csv, random, sys
out, seed = sys.argv[1], int(sys.argv[2])
random.seed(seed)
words = "phát triển mô hình chăn nuôi trồng trọt thu nhập hỗ trợ hộ nghèo sáng kiến".split()
cols = ["id","thang","ma_don_vi","don_vi_de_xuat","linh_vuc","loai","ten","nam_sinh","gioi_tinh",
        "dan_toc","chuc_vu","noi_cong_tac","thanh_tich","trang_thai","van_de","nguon","vi_tri",
        "sha256","ngay_gui","ghi_chu"]
rows, i = [], 0
for f in range(1, 10):
    for loai in ("tap_the", "ca_nhan", "ho_gia_dinh"):
        for _ in range(random.randint(0, 3)):
            i += 1
            st = random.choice(["hop_le", "hop_le", "can_xem_xet", "khong_hop_le"])
            vd = {"hop_le": "", "can_xem_xet": "thieu_minh_chung", "khong_hop_le": "thieu_ten"}[st]
            summary = " ".join(random.choice(words) for _ in range(random.randint(5, 120)))
            rows.append([f"K-{i:04d}", "2026-11", "GDDT", "Phòng Giáo dục và Đào tạo", str(f), loai,
                         f"Nguyễn Văn {i}", "1980" if loai == "ca_nhan" else "",
                         "nam" if loai == "ca_nhan" else "", "Tày", "Giáo viên", "Trường Tiểu học",
                         summary, st, vd, "GDDT/ds.docx", f"bảng 1, dòng {i+1}", "0" * 64,
                         "2026-11-12", "GHICHUNOIBO lý do của cán bộ C:/tep.docx"])
with open(out + "/dataset.csv", "w", encoding="utf-8", newline="") as fh:
    w = csv.writer(fh, lineterminator="\r\n")
    w.writerow(cols)
    w.writerows(rows)
PY
	"$bin/dh-render" --month 2026-11 --plan "$top/templates/plan" --templates "$top/templates/pdf" \
		--dir "$tmp/m$seed" || fail "dh-render failed (seed $seed)"
	ds=$tmp/m$seed/danh-sach.pdf
	bc=$tmp/m$seed/bao-cao.pdf
	pdftotext -raw "$ds" - | grep -q GHICHUNOIBO && fail "the record's own note is printed in the roster (seed $seed)"
	pdftotext -raw "$bc" - | tr -s ' \n' '  ' >"$tmp/bc.txt"
	for id in $(grep -v ',hop_le,' "$tmp/m$seed/dataset.csv" | sed -n 's/^\(K-[0-9]*\),.*/\1/p'); do
		grep -q "Mã: $id" "$tmp/bc.txt" || fail "the review report lacks the id $id (seed $seed)"
	done
	for f in "$ds" "$bc"; do
		n=$(pdfinfo "$f" | sed -n 's/^Pages: *//p')
		for p in $(seq 1 $((n - 1))); do
			last=$(pdftotext -raw -f "$p" -l "$p" "$f" - | sed '/^\s*$/d' | tail -n 1)
			case "$last" in
			[IVX]*". "[[:upper:]]* | [1-9]". Tập thể" | [1-9]". Cá nhân" | [1-9]". Hộ gia đình")
				fail "$(basename "$f") page $p ends with the heading row '$last' (seed $seed)" ;;
			"Không hợp lệ ("*")" | "Cần xem xét ("*")")
				fail "$(basename "$f") page $p ends with the section row '$last' (seed $seed)" ;;
			*"Ghi chú" | *"chú" | "Lý do" | "Nam Nữ" | "Nữ")
				fail "$(basename "$f") page $p ends with the table header ('$last', seed $seed)" ;;
			esac
		done
	done
done
echo "render_keep: ok"
