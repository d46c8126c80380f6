#!/usr/bin/env bash
# merge_kill.sh - a dh-merge killed (SIGKILL, via the DH_MERGE_CRASH_AT test
# hook) at 20 points inside its ledger transaction leaves the ledger exactly
# as it was, intact; a clean run afterwards stores the new data.
set -eu
fail() { echo "merge_kill: $*"; exit 1; }
top=$(cd "$(dirname "$0")/../.." && pwd)
bin=${DH_BINDIR:-$top/build/bin}
fx=$top/tests/fixtures/merge
plan=$top/templates/plan
t=$(mktemp -d)
trap 'rm -rf "$t"' EXIT
command -v sqlite3 >/dev/null || { echo "merge_kill: sqlite3 CLI missing"; exit 1; }

merge() { # ledger month fixture outdir [extra args]
	local db=$1 month=$2 dir=$fx/$3 out=$4
	shift 4
	"$bin/dh-merge" --month "$month" --plan "$plan" --ledger "$db" \
		--records "$dir/validated.csv" --files "$dir/files-validated.csv" \
		--problems "$dir/problems-ingest.csv" --problems "$dir/problems-validate.csv" \
		--outdir "$out" "$@" 2>>"$t/stderr"
}
rows_of_month() { # ledger month
	sqlite3 "$1" "SELECT (SELECT count(*) FROM months WHERE thang='$2')
		+ (SELECT count(*) FROM records WHERE thang='$2')
		+ (SELECT count(*) FROM files WHERE thang='$2')
		+ (SELECT count(*) FROM problems WHERE thang='$2')
		+ (SELECT count(*) FROM decisions WHERE thang='$2')
		+ (SELECT count(*) FROM units WHERE thang='$2')"
}

# How many rows the new month inserts (on a scratch ledger with October).
merge "$t/scratch.sqlite" 2026-10 oct "$t/scratch/2026-10"
merge "$t/scratch.sqlite" 2026-11 nov-b "$t/scratch/2026-11"
total=$(rows_of_month "$t/scratch.sqlite" 2026-11)
[ "$total" -gt 20 ] || { echo "too few rows to test: $total"; exit 1; }

# The ledger before: October and the first version of November.
db=$t/so-cai.sqlite
merge "$db" 2026-10 oct "$t/out/2026-10"
merge "$db" 2026-11 nov "$t/out/2026-11" --decisions "$fx/nov/xem-xet.csv"
sqlite3 "$db" .dump >"$t/before.sql"
test "$(sqlite3 "$db" "SELECT count(*) FROM records WHERE thang='2026-11'")" -eq 8
cp -r "$t/out" "$t/out-before"

for k in $(seq 0 19); do
	at=$((k * total / 19))
	set +e
	(DH_MERGE_CRASH_AT=$at merge "$db" 2026-11 nov-b "$t/out/2026-11") 2>/dev/null
	rc=$?
	set -e
	if [ $rc -ne 137 ]; then
		echo "run $k (crash at $at of $total): exit $rc, want 137 (SIGKILL)"
		exit 1
	fi
	check=$(sqlite3 "$db" "PRAGMA integrity_check")
	[ "$check" = ok ] || { echo "run $k: integrity_check: $check"; exit 1; }
	sqlite3 "$db" .dump >"$t/after.sql"
	if ! cmp -s "$t/before.sql" "$t/after.sql"; then
		echo "run $k (crash at $at of $total): ledger changed"
		diff "$t/before.sql" "$t/after.sql" | head -20
		exit 1
	fi
	diff -r "$t/out-before" "$t/out" >/dev/null || { echo "run $k: outputs changed"; exit 1; }
done

# A clean run stores the new November; October is untouched.
merge "$db" 2026-11 nov-b "$t/out/2026-11"
test "$(sqlite3 "$db" "PRAGMA integrity_check")" = ok || fail "integrity after clean run"
test "$(sqlite3 "$db" "SELECT count(*) FROM records WHERE thang='2026-11'")" -eq 3 ||
	fail "new November not stored"
test "$(sqlite3 "$db" "SELECT count(*) FROM decisions WHERE thang='2026-11'")" -eq 0 ||
	fail "old decisions left"
test "$(rows_of_month "$db" 2026-11)" -eq "$total" || fail "row count differs from scratch run"
test "$(sqlite3 "$db" "SELECT count(*) FROM records WHERE thang='2026-10'")" -eq 2 ||
	fail "October changed"
grep -q 'bản sửa' "$t/out/2026-11/dataset.csv" || fail "outputs not rewritten"
echo "merge_kill: 20 killed runs, ledger intact; clean run ok ($total rows)"
