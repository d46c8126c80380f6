#!/usr/bin/env bash
# month_close.sh - the month's life (issue 11, point 5): --chot keeps the
# outputs read-only in <output>/M/da-chot/ with their SHA-256 in the ledger;
# a later run of a closed month exits 5 with one line naming --mo-lai;
# --mo-lai reopens (recorded) and runs; the wrong combinations exit 2.  A
# folder of <input>/ that is not a month is reported on stderr and in
# run.log (pointed at when the month's folder is missing); without --month
# the run takes the month whose deadline passed last, like the timer;
# pipeline/restore-mtimes dates files from the manifest; run.log lists the
# problems; --khi-thay-doi reruns only after a change.
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
export DH_BINDIR=${DH_BINDIR:-$top/build/bin}
run=$top/pipeline/run
t=$(mktemp -d)
trap 'chmod -R u+w "$t" 2>/dev/null; rm -rf "$t"' EXIT
fail() { echo "FAIL: $*"; exit 1; }
r() { "$run" --config /dev/null --input "$t/in" --output "$t/out" "$@"; }

mkdir -p "$t/in/2026-11/Hoi LHPN"
cp "$top/input/2026-11/Hoi LHPN/danh sach.csv" "$t/in/2026-11/Hoi LHPN/"

# closing before any run: refused, nothing closed
r --month 2026-11 --chot >"$t/o" 2>"$t/e" && fail "--chot of a month never run succeeded"
grep -q 'chưa có kết quả' "$t/e" || fail "--chot before a run: $(cat "$t/e")"
[ ! -e "$t/out/2026-11/da-chot" ] || fail "da-chot/ made for a month never run"

r --month 2026-11 -q 2>"$t/e" || fail "first run: $(cat "$t/e")"
# run.log: every problem of van-de.csv as a diagnostic line (man page, DIAGNOSTICS)
np=$(($(wc -l <"$t/out/2026-11/van-de.csv") - 1))
[ "$np" -ge 1 ] || fail "the sample file gave no problems"
[ "$(grep -c '^van-de: \(.*: \)\?\(loi\|canh_bao\|thong_tin\): .* ([a-z_]*)$' "$t/out/2026-11/run.log")" -eq "$np" ] ||
	fail "run.log does not hold the $np problems: $(cat "$t/out/2026-11/run.log")"
r --month 2026-11 --chot >"$t/o" 2>"$t/e" || fail "--chot: $(cat "$t/e")"
grep -q 'Đã chốt tháng 2026-11' "$t/o" || fail "--chot said: $(cat "$t/o")"
d=$t/out/2026-11/da-chot
for f in dataset.csv van-de.csv don-vi.csv danh-sach.pdf bao-cao.pdf run.log; do
	[ -f "$d/$f" ] || fail "da-chot/$f missing"
	cmp -s "$d/$f" "$t/out/2026-11/$f" || fail "da-chot/$f differs from the month's output"
	[ "$(stat -c %a "$d/$f")" = 444 ] || fail "da-chot/$f is not read-only: $(stat -c %a "$d/$f")"
done
[ ! -e "$d/.work" ] && [ ! -e "$d/da-chot" ] || fail "da-chot/ holds hidden or nested entries"
(cd "$d" && sha256sum -c --quiet sha256sums.txt) || fail "da-chot/sha256sums.txt does not match"
st=$("$DH_BINDIR/dh-close" --ledger "$t/out/so-cai.sqlite" --month 2026-11 --status) || fail "dh-close --status"
[[ $st == "chot 20"* ]] || fail "the ledger does not say closed: '$st'"
if command -v python3 >/dev/null 2>&1; then
	python3 - "$t/out/so-cai.sqlite" "$d/sha256sums.txt" <<'PY' || fail "the ledger's SHA-256 rows differ from da-chot/"
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
rows = sorted(db.execute("SELECT sha256, tep FROM chot_tep WHERE thang='2026-11' AND lan=1"))
sums = sorted(tuple(l.split("  ", 1)) for l in open(sys.argv[2]).read().splitlines())
sys.exit(0 if rows and rows == sums else 1)
PY
fi

# a closed month: every run refused, exit 5, one line that names --mo-lai
cp -a "$t/out/2026-11/dataset.csv" "$t/before.csv"
r --month 2026-11 >"$t/o" 2>"$t/e"
rc=$?
[ $rc -eq 5 ] || fail "a run of a closed month exited $rc, not 5"
[ "$(wc -l <"$t/e")" -eq 1 ] || fail "the refusal is not one line: $(cat "$t/e")"
grep -q 'đã chốt' "$t/e" && grep -q -- '--mo-lai' "$t/e" || fail "the refusal: $(cat "$t/e")"
r --month 2026-11 --chot >/dev/null 2>&1
[ $? -eq 5 ] || fail "closing a closed month again did not exit 5"
"$run" --help | grep -q '5 tháng đã chốt' || fail "--help does not document exit 5"
r --month 2026-11 --check -q >/dev/null 2>&1 || fail "--check of a closed month refused"

# wrong combinations: exit 2, nothing done
for a in "--chot --mo-lai" "--check --chot" "--check --mo-lai"; do
	# shellcheck disable=SC2086
	r --month 2026-11 $a >/dev/null 2>&1
	[ $? -eq 2 ] || fail "$a did not exit 2"
done
"$run" --config /dev/null --from 2026-10 --to 2026-11 --chot --output "$t/out" >/dev/null 2>&1
[ $? -eq 2 ] || fail "--from/--to --chot did not exit 2"

# reopening: recorded, the run goes through, da-chot/ kept until the next closing
echo "x" >>"$t/in/2026-11/Hoi LHPN/danh sach.csv"
r --month 2026-11 --mo-lai -q 2>"$t/e" || fail "--mo-lai: $(cat "$t/e")"
st=$("$DH_BINDIR/dh-close" --ledger "$t/out/so-cai.sqlite" --month 2026-11 --status)
[ -z "$st" ] || fail "still closed after --mo-lai: $st"
cmp -s "$d/dataset.csv" "$t/before.csv" || fail "da-chot/ changed by the reopened run"
(cd "$d" && sha256sum -c --quiet sha256sums.txt) || fail "da-chot/ damaged by the reopened run"
r --month 2026-11 -q 2>/dev/null || fail "a run of a reopened month failed"
r --month 2026-11 --chot >/dev/null 2>&1 || fail "closing again failed"
cmp -s "$d/tep.csv" "$t/out/2026-11/tep.csv" || fail "the second closing did not replace da-chot/"
if command -v python3 >/dev/null 2>&1; then
	ev=$(python3 -c "import sqlite3,sys; print(','.join(r[0] for r in sqlite3.connect(sys.argv[1]).execute(\"SELECT hanh_dong FROM thang_chot WHERE thang='2026-11' ORDER BY lan\")))" "$t/out/so-cai.sqlite")
	[ "$ev" = "chot,mo_lai,chot" ] || fail "ledger events: $ev"
fi

# non-month folders of <input>/: reported once each, in run.log too
mkdir -p "$t/in2/Thang 12-2026" "$t/in2/cu"
cp "$top/input/2026-11/Hoi LHPN/danh sach.csv" "$t/in2/Thang 12-2026/"
"$run" --config /dev/null --month 2026-12 --input "$t/in2" --output "$t/out2" >"$t/o" 2>"$t/e" ||
	fail "run with a non-month folder: $(cat "$t/e")"
grep -q "không có thư mục 2026-12 .*'Thang 12-2026'.*đổi tên" "$t/e" || fail "the look-alike folder not pointed at: $(cat "$t/e")"
grep -q "thư mục 'cu' .*không phải tên tháng" "$t/e" || fail "folder 'cu' not reported: $(cat "$t/e")"
[ "$(grep -c 'cảnh báo: .*thư mục' "$t/e")" -eq 2 ] || fail "not one line per folder: $(cat "$t/e")"
grep -q "'Thang 12-2026'" "$t/out2/2026-12/run.log" || fail "run.log lacks the folder line"
"$run" --config /dev/null --month 2026-12 --input "$t/in2" --output "$t/out2" -q 2>"$t/e" >/dev/null
[ ! -s "$t/e" ] || fail "--quiet still printed: $(cat "$t/e")"
grep -q "'cu'" "$t/out2/2026-12/run.log" || fail "--quiet: run.log lacks the folder line"

# no --month: the current month (the contract); --month han-nop: the month
# whose deadline (han_nop = 20) passed last, the timer's rule
want=$(TZ=Asia/Ho_Chi_Minh date +%Y-%m)
mkdir -p "$t/in3"
"$run" --config /dev/null --input "$t/in3" --output "$t/out3" -q 2>"$t/e" || fail "run without --month: $(cat "$t/e")"
[ -d "$t/out3/$want" ] || fail "run without --month wrote $(ls "$t/out3"), not $want"
want=$(TZ=Asia/Ho_Chi_Minh date -d '20 days ago' +%Y-%m)
"$run" --config /dev/null --input "$t/in3" --output "$t/out4" --month han-nop -q 2>"$t/e" || fail "run with --month han-nop: $(cat "$t/e")"
[ -d "$t/out4/$want" ] || fail "--month han-nop wrote $(ls "$t/out4"), not $want"

# --khi-thay-doi (the path unit's rerun): no rerun without a change, a
# rerun after one, a closed month skipped with exit 0
mkdir -p "$t/in5/2026-11"
cp "$top/input/2026-11/Hoi LHPN/danh sach.csv" "$t/in5/2026-11/a.csv"
touch -d '2026-11-10 08:00' "$t/in5/2026-11/a.csv"
k() { "$run" --config /dev/null --input "$t/in5" --output "$t/out5" --month 2026-11 "$@"; }
k --khi-thay-doi 0 -q 2>/dev/null || fail "--khi-thay-doi: first run"
[ -f "$t/out5/2026-11/run.log" ] || fail "--khi-thay-doi: first run wrote nothing"
touch -d '2026-11-01 00:00' "$t/out5/2026-11/dataset.csv"
k --khi-thay-doi 0 >"$t/o" 2>&1 || fail "--khi-thay-doi: second run"
grep -q 'không chạy lại' "$t/o" || fail "--khi-thay-doi reran without a change: $(cat "$t/o")"
[ "$(date -r "$t/out5/2026-11/dataset.csv" +%Y)" = 2026 ] && [ "$(date -r "$t/out5/2026-11/dataset.csv" +%m-%d)" = 11-01 ] ||
	fail "--khi-thay-doi rewrote the outputs without a change"
touch -d '2026-11-11 00:00' "$t/out5/2026-11/run.log"
cp "$top/input/2026-11/Hoi LHPN/danh sach.csv" "$t/in5/2026-11/b.csv"
k --khi-thay-doi 0 -q 2>/dev/null || fail "--khi-thay-doi: run after a change"
grep -q 'b.csv' "$t/out5/2026-11/tep.csv" || fail "--khi-thay-doi did not rerun after a change"
k --chot >/dev/null 2>&1 || fail "--chot (in5)"
touch "$t/in5/2026-11/b.csv"
k --khi-thay-doi 0 >"$t/o" 2>&1 || fail "--khi-thay-doi on a closed month exited non-zero"
grep -q 'đã chốt' "$t/o" || fail "--khi-thay-doi on a closed month: $(cat "$t/o")"
k --khi-thay-doi x >/dev/null 2>&1
[ $? -eq 2 ] || fail "--khi-thay-doi x did not exit 2"

# restore-mtimes: times from the manifest, bad lines refused
mkdir -p "$t/in4/a"
echo x >"$t/in4/a/f.csv"
printf '# c\n2026-11-23 08:00\ta/f.csv\n' >"$t/in4/.ngay-gui"
"$top/pipeline/restore-mtimes" "$t/in4" || fail "restore-mtimes"
[ "$(TZ=Asia/Ho_Chi_Minh date -r "$t/in4/a/f.csv" '+%F %R')" = "2026-11-23 08:00" ] || fail "restore-mtimes set $(date -r "$t/in4/a/f.csv")"
printf '2026-11-23 08:00\t../x\n' >"$t/in4/.ngay-gui"
"$top/pipeline/restore-mtimes" "$t/in4" 2>/dev/null && fail "restore-mtimes accepted ../"
printf '2026-11-23 08:00\tkhong-co.csv\n' >"$t/in4/.ngay-gui"
"$top/pipeline/restore-mtimes" "$t/in4" 2>/dev/null && fail "restore-mtimes accepted a missing file"
echo ok
