#!/usr/bin/env bash
# fault_disk.sh - a full disk anywhere in a run (a write-failure shim at
# several points of each stage, and `ulimit -f`) leaves the previous month
# whole (same six outputs, PDFs pass qpdf --check, ledger integrity ok),
# exits non-zero with ONE line saying "hết dung lượng đĩa", and leaves no
# staging folder or temporary file behind after the next run.
set -u
. "$(dirname "$0")/../fault/lib.sh"
fail() { echo "fault_disk: $*"; exit 1; }
command -v sqlite3 >/dev/null || fail "sqlite3 CLI missing"
t=$(mktemp -d)
trap 'rm -rf "$t"' EXIT
cc -shared -fPIC -O1 -o "$t/shim.so" "$top/tests/fault/enospc_shim.c" -ldl || fail "shim does not build"
export ASAN_OPTIONS=${ASAN_OPTIONS:-}:verify_asan_link_order=0

# old: the sample month; new: the same plus one more unit's file
cp -a "$top/input" "$t/in"
find "$t/in" -exec touch -h -d "2026-11-15 08:00:00" {} +
R() { "$run" --config /dev/null --quiet --month 2026-11 --input "$t/in" "$@"; }
R --output "$t/out" || fail "clean run (old) failed"
old=$(month_state "$t/out/2026-11")
mkdir -p "$t/in/2026-11/Phong Tu phap"
printf 'Họ và tên,Năm sinh,Chức vụ,Đơn vị công tác,Lĩnh vực,Tóm tắt thành tích\r\nNguyễn Văn Thêm,1980,Trưởng phòng,Phòng Tư pháp huyện,7,Hoàn thành xuất sắc nhiệm vụ tuyên truyền phổ biến pháp luật cho nhân dân các xã vùng cao của huyện trong năm\r\n' \
	>"$t/in/2026-11/Phong Tu phap/ds.csv"
touch -d "2026-11-15 08:00:00" "$t/in/2026-11/Phong Tu phap/ds.csv"
R --output "$t/ref" || fail "clean run (new) failed"
new=$(month_state "$t/ref/2026-11")
[ "$old" != "$new" ] || fail "old and new months do not differ"

tried=0 bad=0
# write failures: each stage, at 0 bytes and at a few points inside its output
for spec in dh-ingest:0 dh-validate:0 dh-validate:60000 dh-merge:0 dh-merge:60000 \
	dh-render:0 dh-render:60000 dh-render:400000; do
	prog=${spec%:*} after=${spec#*:}
	{
		tried=$((tried + 1))
		LD_PRELOAD=$t/shim.so DH_FAIL_PROGS=$prog DH_FAIL_AFTER=$after R --output "$t/out" 2>"$t/err"
		rc=$?
		if [ $rc -eq 0 ]; then
			# the stage wrote less than `after` bytes: a complete run is fine
			check_whole "$t/out/2026-11" "$t/out/so-cai.sqlite" "$new" || { bad=$((bad + 1)); echo "  $prog@$after (rc 0)"; }
			continue
		fi
		if ! check_whole "$t/out/2026-11" "$t/out/so-cai.sqlite" "$old" "$new"; then
			bad=$((bad + 1)); echo "  $prog@$after"
		fi
		[ "$(wc -l <"$t/err")" -eq 1 ] || { cat "$t/err"; fail "$prog@$after: more than one line on stderr"; }
		grep -q 'hết dung lượng đĩa' "$t/err" || { cat "$t/err"; fail "$prog@$after: the line does not say the disk is full"; }
		grep -q 'libharu' "$t/err" && fail "$prog@$after: libharu's code shown to the clerk"
		[ $rc -eq 1 ] || fail "$prog@$after: exit $rc, want 1"
	}
done
# ulimit -f: every file the stages write is capped (SIGXFSZ ignored, so
# writes fail with EFBIG)
for kb in 8 150; do
	tried=$((tried + 1))
	(trap '' XFSZ; ulimit -f "$kb"; R --output "$t/out") 2>"$t/err"
	rc=$?
	check_whole "$t/out/2026-11" "$t/out/so-cai.sqlite" "$old" "$new" || { bad=$((bad + 1)); echo "  ulimit $kb"; }
	[ $rc -ne 0 ] || continue
	[ "$(wc -l <"$t/err")" -eq 1 ] || { cat "$t/err"; fail "ulimit $kb: more than one line on stderr"; }
done
[ $bad -eq 0 ] || fail "$bad of $tried fault runs left a damaged or mixed month"
# the next clean run gives the new month, and nothing is left over
final_clean_run "$t/out" "$new" || fail "after the faults"
echo "fault_disk: $tried fault runs, 0 half-written or mixed"
