#!/usr/bin/env bash
# fault_kill.sh - a run killed (SIGKILL) after each stage, inside the ledger
# transaction, during the swap, and at a few random moments leaves the
# month whole (the old or the new outputs, never a mix; PDFs pass qpdf
# --check; ledger integrity ok); the next run cleans the leftovers (staging
# folders, *.tmp.<pid>) and gives the new month.
set -u
. "$(dirname "$0")/../fault/lib.sh"
fail() { echo "fault_kill: $*"; exit 1; }
command -v sqlite3 >/dev/null || fail "sqlite3 CLI missing"
command -v setsid >/dev/null || fail "setsid missing"
t=$(mktemp -d)
trap 'rm -rf "$t"' EXIT

cp -a "$top/input" "$t/in"
find "$t/in" -exec touch -h -d "2026-11-15 08:00:00" {} +
R() { "$run" --config /dev/null --quiet --month 2026-11 --input "$t/in" "$@"; }
R --output "$t/out" || fail "clean run (old) failed"
old=$(month_state "$t/out/2026-11")
rm "$t/in/2026-11/xa Thai Cuong - ds.csv"
R --output "$t/ref" || fail "clean run (new) failed"
new=$(month_state "$t/ref/2026-11")
[ "$old" != "$new" ] || fail "old and new months do not differ"

tried=0 bad=0
# at the driver's test points (after each stage, after the swap)
for point in ingest validate merge swap render; do
	tried=$((tried + 1))
	DH_TEST_KILL_AT=$point R --output "$t/out" 2>/dev/null
	[ $? -eq 137 ] || fail "kill at $point: the run was not killed"
	check_whole "$t/out/2026-11" "$t/out/so-cai.sqlite" "$old" "$new" || { bad=$((bad + 1)); echo "  at $point"; }
done
# the last one (killed after render) left its staging folder
check_clean "$t/out" >/dev/null && fail "no staging folder left by a killed run (test void)"
# inside the ledger transaction
for at in 1 10; do
	tried=$((tried + 1))
	DH_MERGE_CRASH_AT=$at R --output "$t/out" 2>/dev/null
	check_whole "$t/out/2026-11" "$t/out/so-cai.sqlite" "$old" "$new" || { bad=$((bad + 1)); echo "  merge crash $at"; }
done
# at random moments (the whole process group); the checks do not depend on
# when the kill lands
for i in 1 2 3 4; do
	tried=$((tried + 1))
	setsid bash -c '"$0" --config /dev/null --quiet --month 2026-11 --input "$1" --output "$2" 2>/dev/null' \
		"$run" "$t/in" "$t/out" &
	pid=$!
	sleep "0.$((RANDOM % 6))$((RANDOM % 10))"
	kill -9 -- -"$pid" 2>/dev/null
	wait "$pid" 2>/dev/null
	check_whole "$t/out/2026-11" "$t/out/so-cai.sqlite" "$old" "$new" || { bad=$((bad + 1)); echo "  random kill $i"; }
done
[ $bad -eq 0 ] || fail "$bad of $tried killed runs left a damaged or mixed month"
# the next clean run gives the new month, and nothing is left over
final_clean_run "$t/out" "$new" || fail "after the kills"
echo "fault_kill: $tried killed runs, 0 half-written or mixed"
