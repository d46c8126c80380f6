#!/usr/bin/env bash
# merge_history_refresh.sh - re-running an earlier month with dh-merge
# refreshes the history marks (da_de_cu_truoc) of the later months already in
# the ledger, says which months to re-run, and re-running them then gives the
# outputs a merge in month order gives.
set -eu
top=$(cd "$(dirname "$0")/../.." && pwd)
bin=${DH_BINDIR:-$top/build/bin}
fx=$top/tests/fixtures/merge
plan=$top/templates/plan
t=$(mktemp -d)
trap 'rm -rf "$t"' EXIT

merge() { # ledger month fixture outdir: stderr to $t/stderr
	"$bin/dh-merge" --month "$2" --plan "$plan" --ledger "$1" \
		--records "$fx/$3/validated.csv" --files "$fx/$3/files-validated.csv" \
		--problems "$fx/$3/problems-ingest.csv" --problems "$fx/$3/problems-validate.csv" \
		--outdir "$4" 2>"$t/stderr"
}
hist() { sqlite3 "$1" "SELECT count(*) FROM problems WHERE thang = '2026-11' AND ma = 'da_de_cu_truoc'"; }
command -v sqlite3 >/dev/null || { echo "merge_history_refresh: no sqlite3 program"; exit 1; }

# The reference: October (as re-run below) and November merged in order.
merge "$t/b.sqlite" 2026-10 nov-b "$t/b/2026-10"
merge "$t/b.sqlite" 2026-11 nov "$t/b/2026-11"
q="SELECT stt, van_de FROM records WHERE thang = '2026-11' ORDER BY stt"
p="SELECT id, thong_diep FROM problems WHERE thang = '2026-11' AND ma = 'da_de_cu_truoc' ORDER BY id"

merge "$t/a.sqlite" 2026-10 oct "$t/a/2026-10"
merge "$t/a.sqlite" 2026-11 nov "$t/a/2026-11"
n=$(hist "$t/a.sqlite")
test "$n" -gt 0
grep -q ',da_de_cu_truoc,' "$t/a/2026-11/van-de.csv"
# October again, now with November's records in its place: nothing earlier
# than November is the same nominee any more.
merge "$t/a.sqlite" 2026-10 nov-b "$t/a/2026-10"
grep -q 'cho tháng sau: 2026-11; hãy chạy lại tháng đó' "$t/stderr"
test "$(hist "$t/a.sqlite")" -ne "$n"
# November's rows in the ledger are already those of the reference...
test "$(sqlite3 "$t/a.sqlite" "$q")" = "$(sqlite3 "$t/b.sqlite" "$q")"
test "$(sqlite3 "$t/a.sqlite" "$p")" = "$(sqlite3 "$t/b.sqlite" "$p")"
# ...and re-running it, as the message says, gives the reference's files.
merge "$t/a.sqlite" 2026-11 nov "$t/a/2026-11"
test ! -s "$t/stderr"
diff -r "$t/a/2026-11" "$t/b/2026-11"
echo "merge_history_refresh: ok"
