#!/usr/bin/env bash
# fault_memory.sh - inputs built to exhaust memory stay inside the budget
# (300 MB; the CSV cases here stay under 256 MB, checked on the normal
# build with /usr/bin/time) and give
# tep_hong naming the limit, never an abort: one field of 45 MB, a line of
# 10 million commas, a table of 25,000 rows, two 45 MB files at --jobs 16.
set -u
. "$(dirname "$0")/../fault/lib.sh"
fail() { echo "fault_memory: $*"; exit 1; }
t=$(mktemp -d)
trap 'rm -rf "$t"' EXIT
m=$t/in/2026-11
mkdir -p "$m"
hdr='Họ và tên,Năm sinh,Chức vụ,Đơn vị công tác,Lĩnh vực,Tóm tắt thành tích'
{ echo "$hdr"; printf 'Nguyễn Văn A,1980,Cán bộ,UBND xã Lê Lai,1,"'; head -c 45000000 /dev/zero | tr '\0' x; echo '"'; } >"$m/o-dai.csv"
{ echo "$hdr"; head -c 10000000 /dev/zero | tr '\0' ,; echo; } >"$m/dau-phay.csv"
awk -v h="$hdr" 'BEGIN { print h; for (i = 0; i < 25000; i++) printf "Nguyễn Văn Người%d,%d,Cán bộ,UBND xã Lê Lai,%d,Hoàn thành xuất sắc nhiệm vụ được giao trong năm số %d\n", i, 1960 + i % 40, 1 + i % 9, i }' >"$m/nhieu-dong.csv"

# the normal build is measured; sanitizers multiply memory, so only the
# behaviour is checked there
measure=0
if [ -x /usr/bin/time ] && ! ldd "$bin/dh-ingest" 2>/dev/null | grep -q 'libasan'; then measure=1; fi
ingest() { # jobs
	if [ $measure -eq 1 ]; then
		/usr/bin/time -f '%M' -o "$t/rss" "$bin/dh-ingest" --input "$t/in" --month 2026-11 \
			--plan "$top/templates/plan" --jobs "$1" --records "$t/r.csv" --files "$t/f.csv" \
			--problems "$t/p.csv" 2>"$t/err"
	else
		"$bin/dh-ingest" --input "$t/in" --month 2026-11 --plan "$top/templates/plan" --jobs "$1" \
			--records "$t/r.csv" --files "$t/f.csv" --problems "$t/p.csv" 2>"$t/err"
	fi
}
peak=0
ingest 2 || { cat "$t/err"; fail "ingest failed (rc $?)"; }
[ $measure -eq 1 ] && peak=$(cat "$t/rss")
grep "o-dai.csv" "$t/p.csv" | grep -q "tep_hong.*1 MB" || fail "45 MB field: no tep_hong naming the 1 MB limit"
grep "dau-phay.csv" "$t/p.csv" | grep -q "tep_hong.*1024 cột" || fail "10M commas: no tep_hong naming the row limit"
grep "nhieu-dong.csv" "$t/p.csv" | grep -q "tep_hong.*20000 dòng" || fail "25,000 rows: no tep_hong naming the row limit"
n=$(grep -c "nhieu-dong.csv" "$t/r.csv")
[ "$n" -eq 19999 ] || fail "25,000 rows: $n records kept, want the 19,999 under the header (20,000 rows)"
# two files of 45 MB at --jobs 16 share the budget
rm "$m/dau-phay.csv" "$m/nhieu-dong.csv"
sed 's/Nguyễn Văn A,/Nguyễn Văn B,/' "$m/o-dai.csv" >"$m/o-dai-2.csv"
ingest 16 || { cat "$t/err"; fail "ingest --jobs 16 failed"; }
[ "$(grep -c 'tep_hong.*1 MB' "$t/p.csv")" -eq 2 ] || fail "two long fields: want two tep_hong rows"
if [ $measure -eq 1 ]; then
	p2=$(cat "$t/rss")
	[ "$p2" -gt "$peak" ] && peak=$p2
	[ "$peak" -lt $((256 * 1024)) ] || fail "peak RSS ${peak} KB over the 256 MB budget"
	echo "fault_memory: limits named; peak RSS $((peak / 1024)) MB (budget 256 MB)"
else
	echo "fault_memory: limits named (RSS not measured on this build)"
fi
