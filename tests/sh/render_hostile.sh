#!/usr/bin/env bash
# render_hostile.sh - dh-render on random bytes in every column (bad UTF-8, control characters, odd numbers): it must neither crash nor hang and must write valid PDFs.
set -eu
cd "$(dirname "$0")/../.."
top=$PWD
bin=${DH_BINDIR:-$top/build/bin}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "render_hostile: $*" >&2; exit 1; }

for i in $(seq 1 12); do
	d=$tmp/$i
	mkdir "$d"
	python3 - "$d" "$i" <<'PY'
import random, sys
d, seed = sys.argv[1], int(sys.argv[2])
random.seed(seed)
cols = ("id,thang,ma_don_vi,don_vi_de_xuat,linh_vuc,loai,ten,nam_sinh,gioi_tinh,dan_toc,chuc_vu,"
        "noi_cong_tac,thanh_tich,trang_thai,van_de,nguon,vi_tri,sha256,ngay_gui,ghi_chu").split(",")
def junk(n=300):
    b = bytes(random.randint(0, 255) for _ in range(random.randint(0, n)))
    return b.replace(b'"', b"").replace(b",", b" ")
with open(d + "/dataset.csv", "wb") as f:
    f.write(b"\xef\xbb\xbf" + ",".join(cols).encode() + b"\r\n")
    for r in range(random.randint(0, 80)):
        v = []
        for c in cols:
            if c == "linh_vuc":
                v.append(random.choice([b"1", b"9", b"0", b"10", b"-1", b"", b"99999999999999999999", b"7x"]))
            elif c == "trang_thai":
                v.append(random.choice([b"hop_le", b"can_xem_xet", b"khong_hop_le", b"x"]))
            elif c == "loai":
                v.append(random.choice([b"tap_the", b"ca_nhan", b"ho_gia_dinh", b"??"]))
            elif c == "thanh_tich" and random.random() < 0.1:
                v.append(b"x" * 40000)
            else:
                v.append(junk())
        f.write(b",".join(v) + b"\r\n")
    if random.random() < 0.5:
        f.write(junk(2000))
with open(d + "/don-vi.csv", "wb") as f:
    f.write(b"ma_don_vi,ten_don_vi,so_tep,so_guong,so_hop_le,ngay_gui,trang_thai\r\nA," + junk() +
            b",1,1,1,9999-99-99,gui_muon\r\n," + junk() + b",0,0,0,,chua_gui\r\n")
with open(d + "/tep.csv", "wb") as f:
    f.write(b"nguon,ma_don_vi,don_vi_de_xuat,ngay_gui,kich_thuoc,so_guong,so_hop_le,loi,trung_voi,sha256\r\n" +
            junk() + b",,,,,,,tep_hong," + junk() + b",\r\n")
with open(d + "/van-de.csv", "wb") as f:
    f.write(b"nguon,vi_tri,ma,muc_do,thong_diep,id\r\n" + junk() + b",,tep_hong,loi," + junk() + b",\r\n")
PY
	timeout 60 "$bin/dh-render" --month 2026-02 --plan "$top/templates/plan" \
		--templates "$top/templates/pdf" --dir "$d" >/dev/null 2>"$tmp/err" ||
		fail "case $i: dh-render failed: $(tail -n 3 "$tmp/err")"
	for f in danh-sach.pdf bao-cao.pdf; do
		qpdf --check "$d/$f" >/dev/null 2>&1 || fail "case $i: $f is not a valid PDF"
	done
done
echo "render_hostile: ok"
