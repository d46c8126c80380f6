#!/usr/bin/env bash
# csv_corpus.sh - dh-ingest over every CSV of the shared parser corpus: exit
# 0, no sanitizer report, and every file listed in files.csv with records or
# a file-level problem.  Skipped (exit 77) when the corpus is not there.
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
corpus=${DH_CORPUS:-$top/../shared/corpus/csv}
bindir=${DH_BINDIR:-$top/build/bin}
if [ ! -d "$corpus" ]; then
	echo "csv_corpus: corpus not found at $corpus (set DH_CORPUS); skipped"
	exit 77
fi
command -v python3 >/dev/null || { echo "csv_corpus: python3 not installed; skipped"; exit 77; }
[ -x "$bindir/dh-ingest" ] || { echo "csv_corpus: $bindir/dh-ingest not built"; exit 1; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$tmp/input/2026-11" "$tmp/out"
n=0
while IFS= read -r -d '' f; do
	rel=${f#"$corpus"/}
	mkdir -p "$tmp/input/2026-11/$(dirname "$rel")"
	cp "$f" "$tmp/input/2026-11/$rel"
	n=$((n + 1))
done < <(find "$corpus" -type f \( -name '*.csv' -o -name '*.tsv' \) ! -name '*.expected*' -print0)
[ "$n" -gt 0 ] || { echo "csv_corpus: no CSV files in $corpus"; exit 1; }

for jobs in 1 4; do
	"$bindir/dh-ingest" --input "$tmp/input" --month 2026-11 --plan "$top/templates/plan" \
		--jobs "$jobs" --records "$tmp/out/records-$jobs.csv" --files "$tmp/out/files-$jobs.csv" \
		--problems "$tmp/out/problems-$jobs.csv" 2>"$tmp/out/stderr-$jobs"
	rc=$?
	if [ $rc -ne 0 ]; then
		echo "csv_corpus: dh-ingest --jobs $jobs exited $rc"
		tail -n 20 "$tmp/out/stderr-$jobs"
		exit 1
	fi
	if grep -qE 'AddressSanitizer|LeakSanitizer|runtime error|UndefinedBehaviorSanitizer' "$tmp/out/stderr-$jobs"; then
		echo "csv_corpus: sanitizer report"
		grep -m 20 -E 'Sanitizer|runtime error|#[0-9]' "$tmp/out/stderr-$jobs"
		exit 1
	fi
done
for f in records files problems; do
	cmp -s "$tmp/out/$f-1.csv" "$tmp/out/$f-4.csv" ||
		{ echo "csv_corpus: $f.csv differs between --jobs 1 and --jobs 4"; exit 1; }
done

python3 - "$tmp/input" "$tmp/out/files-1.csv" "$tmp/out/problems-1.csv" <<'PY' || exit 1
import csv, os, sys
inp, files_csv, problems_csv = sys.argv[1:4]
want = set()
for d, _, names in os.walk(inp):
    for n in names:
        want.add(os.path.relpath(os.path.join(d, n), inp))
rows = list(csv.DictReader(open(files_csv, encoding="utf-8", newline="")))
seen = {r["nguon"] for r in rows}
bad = 0
for w in sorted(want - seen):
    print("csv_corpus: not in files.csv:", w); bad += 1
probs = {}
for p in csv.DictReader(open(problems_csv, encoding="utf-8", newline="")):
    probs.setdefault(p["nguon"], []).append(p["ma"])
for r in rows:
    n = int(r["so_guong"] or 0)
    if n == 0 and not r["loi"]:
        print("csv_corpus: no records and no problem:", r["nguon"]); bad += 1
    if r["loi"] and r["loi"] not in probs.get(r["nguon"], []):
        print("csv_corpus: loi without a problem row:", r["nguon"]); bad += 1
    if len(r["sha256"]) != 64:
        print("csv_corpus: bad sha256:", r["nguon"]); bad += 1
print("csv_corpus: %d files, %d with records" % (len(rows), sum(1 for r in rows if int(r["so_guong"] or 0) > 0)))
sys.exit(1 if bad else 0)
PY
