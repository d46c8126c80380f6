#!/usr/bin/env bash
# merge_rerun.sh - dh-merge and dh-period give byte-identical outputs when
# run again on the same inputs (and on a fresh ledger); --check leaves the
# ledger untouched.
set -eu
top=$(cd "$(dirname "$0")/../.." && pwd)
bin=${DH_BINDIR:-$top/build/bin}
fx=$top/tests/fixtures/merge
plan=$top/templates/plan
t=$(mktemp -d)
trap 'rm -rf "$t"' EXIT

merge() { # ledger month fixture outdir [extra args]
	local db=$1 month=$2 dir=$fx/$3 out=$4
	shift 4
	"$bin/dh-merge" --month "$month" --plan "$plan" --ledger "$db" \
		--records "$dir/validated.csv" --files "$dir/files-validated.csv" \
		--problems "$dir/problems-ingest.csv" --problems "$dir/problems-validate.csv" \
		--outdir "$out" "$@" 2>>"$t/stderr"
}
dec=(--decisions "$fx/nov/xem-xet.csv")

merge "$t/a.sqlite" 2026-10 oct "$t/a/2026-10"
merge "$t/a.sqlite" 2026-11 nov "$t/a/2026-11" "${dec[@]}"
cp -r "$t/a" "$t/first"
merge "$t/a.sqlite" 2026-11 nov "$t/a/2026-11" "${dec[@]}"
merge "$t/a.sqlite" 2026-10 oct "$t/a/2026-10"
diff -r "$t/first" "$t/a"

# A fresh ledger gives the same files.
merge "$t/b.sqlite" 2026-10 oct "$t/b/2026-10"
merge "$t/b.sqlite" 2026-11 nov "$t/b/2026-11" "${dec[@]}"
diff -r "$t/first" "$t/b"

# The expected content is there.
for f in dataset.csv van-de.csv don-vi.csv tep.csv; do
	test -s "$t/a/2026-11/$f"
	head -c 3 "$t/a/2026-11/$f" | od -An -tx1 | grep -q 'ef bb bf'
done
grep -q $'\r$' "$t/a/2026-11/dataset.csv"
grep -q '^n0002,.*khong_hop_le,"gui_muon;trung_lap"' "$t/a/2026-11/dataset.csv"
grep -q 'da_de_cu_truoc,thong_tin,.*1 lần: 2026-10' "$t/a/2026-11/van-de.csv"
grep -q '^n0003,.*,hop_le,.*Đã chấp nhận sau thẩm định: Đã xác minh thực tế tại xóm' \
	"$t/a/2026-11/dataset.csv"
test "$(grep -c ',quyet_dinh_sai,' "$t/a/2026-11/van-de.csv")" -eq 2
grep -q '^01822,Xã Đức Long,1,2,1,2026-11-22,gui_muon' "$t/a/2026-11/don-vi.csv"

# --check does not change the ledger.
sum=$(sha256sum "$t/a.sqlite")
merge "$t/a.sqlite" 2026-11 nov-b "$t/check" --check
test "$sum" = "$(sha256sum "$t/a.sqlite")"
"$bin/dh-summary" --month 2026-11 --dir "$t/check" --check >"$t/summary"
grep -q 'Tháng 2026-11 (chỉ kiểm tra' "$t/summary"
grep -q 'Vấn đề theo mã' "$t/summary"
# --check without a ledger does not create one.
merge "$t/none.sqlite" 2026-11 nov "$t/check2" --check >/dev/null
test ! -e "$t/none.sqlite"

# Period files: identical on re-run.
"$bin/dh-period" --ledger "$t/a.sqlite" --from 2026-09 --to 2026-11 --plan "$plan" --outdir "$t/p1"
"$bin/dh-period" --ledger "$t/b.sqlite" --from 2026-09 --to 2026-11 --plan "$plan" --outdir "$t/p2"
diff -r "$t/p1" "$t/p2"
grep -q '^NV,Phòng Nội vụ,2,0,0,2,2,khong_co_du_lieu,da_gui,da_gui' "$t/p1/tuan-thu.csv"
grep -q '^Nguyễn Văn Hoà,ca_nhan,1980,Phòng Nội vụ,5,2,"2026-10;2026-11",2' "$t/p1/guong-tieu-bieu.csv"
echo "merge_rerun: ok"
