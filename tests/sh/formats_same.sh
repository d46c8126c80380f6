#!/usr/bin/env bash
# formats_same.sh - every file of the golden case tests/e2e/formats, run
# alone through pipeline/run, gives the dataset rows of the case's CSV apart
# from id, nguon, vi_tri and sha256 (and the ma_cu note of a file converted
# from a legacy encoding): the same list in .xlsx, .ods, .odt, Word's and
# Excel's web pages, .mht, a zip attachment, .doc, .rtf, .docx, .xls and an
# openpyxl workbook gives the same records.
set -u
top=$(git -C "$(dirname "$0")" rev-parse --show-toplevel)
case_dir=$top/tests/e2e/formats/input/2026-11
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export DH_BINDIR=${DH_BINDIR:-$top/build/bin}
unit="UBND xa Duc Long"
run_one() { # file -> $tmp/<name>.csv (dataset rows, normalised)
	local f=$1 name
	name=$(basename "$f")
	rm -rf "$tmp/in" "$tmp/out"
	mkdir -p "$tmp/in/2026-11/$unit"
	cp "$f" "$tmp/in/2026-11/$unit/"
	find "$tmp/in" -exec touch -h -d "2026-11-15 08:00:00" {} +
	if ! "$top/pipeline/run" --config /dev/null --quiet --month 2026-11 --input "$tmp/in" \
		--output "$tmp/out" >"$tmp/log" 2>&1; then
		echo "formats_same: pipeline/run failed on $name"; cat "$tmp/log"; return 1
	fi
	python3 - "$tmp/out/2026-11/dataset.csv" >"$tmp/$name.rows" <<'PY'
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1], encoding="utf-8-sig", newline="")))
for r in rows:
    for k in ("id", "nguon", "vi_tri", "sha256"):
        r.pop(k, None)
    r["van_de"] = ";".join(c for c in r["van_de"].split(";") if c and c != "ma_cu")
    print(sorted(r.items()))
PY
}
run_one "$case_dir/$unit/ds-thang-11.csv" || exit 1
n=$(wc -l <"$tmp/ds-thang-11.csv.rows")
[ "$n" -eq 3 ] || { echo "formats_same: the CSV gave $n rows, want 3"; exit 1; }
bad=0 m=0
for f in "$case_dir/$unit"/*; do
	name=$(basename "$f")
	[ "$name" = ds-thang-11.csv ] && continue
	run_one "$f" || { bad=$((bad + 1)); continue; }
	m=$((m + 1))
	if ! diff -u "$tmp/ds-thang-11.csv.rows" "$tmp/$name.rows" >"$tmp/diff"; then
		echo "formats_same: $name differs from the CSV:"; head -n 20 "$tmp/diff"
		bad=$((bad + 1))
	fi
done
echo "formats_same: $m files compared with the CSV's $n rows, $bad differ"
[ "$bad" -eq 0 ]
