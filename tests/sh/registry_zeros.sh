#!/usr/bin/env bash
# registry_zeros.sh - a unit registry (don-vi.csv) saved by Excel, which
# drops the leading zeros of the GSO commune codes ("01822" -> "1822"), is
# repaired: the same dataset as with the shipped registry, and one warning
# naming the file and line; when the repaired code is another unit's, the
# plan is refused (exit 3) with the file and line.  The shipped plan CSVs
# start with a UTF-8 BOM (Excel opens them as UTF-8) and load.
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
export DH_BINDIR=${DH_BINDIR:-$top/build/bin}
run=$top/pipeline/run
t=$(mktemp -d)
trap 'rm -rf "$t"' EXIT
fail() { echo "FAIL: $*"; exit 1; }
in=$top/tests/e2e/sample/input

for f in "$top"/templates/plan/*.csv; do
	[ "$(head -c 3 "$f" | od -An -tx1 | tr -d ' ')" = efbbbf ] || fail "$(basename "$f") has no UTF-8 BOM"
done

"$run" --config /dev/null --quiet --month 2026-11 --input "$in" --output "$t/a" 2>/dev/null || fail "run (shipped plan)"

cp -a "$top/templates/plan" "$t/plan"
# what Excel does to a column of numbers: 01822 -> 1822
sed -i -E '2,$ s/^0+([0-9]+),/\1,/' "$t/plan/don-vi.csv"
n=$(grep -c -E '^[0-9]{1,4},' "$t/plan/don-vi.csv")
[ "$n" -ge 5 ] || fail "the stripped registry has only $n short codes"
"$run" --config /dev/null --month 2026-11 --input "$in" --output "$t/b" --plan "$t/plan" >/dev/null 2>"$t/err" ||
	fail "run with the stripped registry: $(cat "$t/err")"
cmp -s "$t/a/2026-11/dataset.csv" "$t/b/2026-11/dataset.csv" || fail "dataset.csv differs with the stripped registry"
cmp -s "$t/a/2026-11/don-vi.csv" "$t/b/2026-11/don-vi.csv" || fail "don-vi.csv differs with the stripped registry"
grep -q "don-vi.csv:[0-9]*: $n mã đơn vị .*số 0" "$t/err" || fail "no warning naming the file and line: $(head -3 "$t/err")"
grep -q "số 0" "$t/b/2026-11/run.log" || fail "the warning is not in run.log"

# ambiguous: the repaired code is already another unit's
code=$(grep -m1 -o -E '^[0-9]{1,4},' "$t/plan/don-vi.csv" | tr -d ,)
printf '%05d,Đơn vị thử trùng mã,,0,xa,,1\n' "$code" >>"$t/plan/don-vi.csv"
last=$(wc -l <"$t/plan/don-vi.csv")
"$run" --config /dev/null --month 2026-11 --input "$in" --output "$t/c" --plan "$t/plan" >/dev/null 2>"$t/err"
rc=$?
[ $rc -eq 3 ] || fail "an ambiguous registry exited $rc, not 3"
[ "$(wc -l <"$t/err")" -eq 1 ] || fail "the refusal is not one line: $(cat "$t/err")"
grep -q "don-vi.csv:$last: mã đơn vị .*trùng" "$t/err" || fail "the refusal does not name the line: $(cat "$t/err")"
[ ! -e "$t/c/2026-11" ] || fail "an ambiguous registry still wrote outputs"
echo ok
