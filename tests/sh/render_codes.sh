#!/usr/bin/env bash
# render_codes.sh - text is written as 2-byte literal strings: code points whose bytes are "(", ")", "\" or CR (Ĩ U+0128, ĩ U+0129, Ŝ U+015C, č U+010D, ḍ U+1E0D) and the ASCII specials themselves come back unchanged from pdftotext, justified or not.
set -eu
cd "$(dirname "$0")/../.."
top=$PWD
bin=${DH_BINDIR:-$top/build/bin}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "render_codes: $*" >&2; exit 1; }

mkdir "$tmp/m"
name='Lý Thị Ĩnh (ĩ) Ŝč\ḍ'
long='Phát triển (mô hình) chăn nuôi \ NGHĨA ĩ Ŝ čḍ trồng trọt, thu nhập (tăng) đều mỗi năm; vận động nhân dân hiến đất làm đường bê tông, hỗ trợ hộ nghèo.'
{
	printf '\xef\xbb\xbfid,thang,ma_don_vi,don_vi_de_xuat,linh_vuc,loai,ten,nam_sinh,gioi_tinh,dan_toc,chuc_vu,noi_cong_tac,thanh_tich,trang_thai,van_de,nguon,vi_tri,sha256,ngay_gui,ghi_chu\r\n'
	printf 'C-1,2026-11,GDDT,Phòng Giáo dục (Ĩ),1,ca_nhan,"%s",1980,nu,Tày,Giáo viên,Trường \\ ĩ,"%s %s",hop_le,,a.docx,,,2026-11-20,\r\n' "$name" "$long" "$long"
} >"$tmp/m/dataset.csv"
"$bin/dh-render" --month 2026-11 --plan "$top/templates/plan" --templates "$top/templates/pdf" \
	--dir "$tmp/m" || fail "dh-render failed"
ds=$tmp/m/danh-sach.pdf
qpdf --check "$ds" >/dev/null 2>&1 || fail "qpdf --check"
pdftotext -raw "$ds" - | tr -s ' \n' '  ' >"$tmp/ds.txt"
for w in 'Lý Thị Ĩnh (ĩ) Ŝč\ḍ' 'Phòng Giáo dục (Ĩ)' 'Trường \ ĩ' '(mô hình)' 'nuôi \ NGHĨA ĩ Ŝ čḍ' '(tăng)'; do
	grep -qF -- "$w" "$tmp/ds.txt" || fail "'$w' not found in danh-sach.pdf"
done
echo "render_codes: ok"
