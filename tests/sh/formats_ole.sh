#!/usr/bin/env bash
# formats_ole.sh - the same two nominations as CSV, Excel 97-2003 (.xls),
# Word 97-2003 (.doc, Unicode and TCVN3 in .VnTime), WordPad RTF (Windows-
# 1258, and TCVN3 named .doc): each file read alone by dh-ingest gives the
# same records, apart from where they come from (nguon, vi_tri, sha256, id,
# file date, layout); the TCVN3 files as the TCVN3 CSV (its title rows are
# written in lower case), with the ma_cu mark.
# The files are those of the golden case tests/e2e/formats-ole/.
set -u
top=$(git -C "$(dirname "$0")" rev-parse --show-toplevel)
bindir=${DH_BINDIR:-$top/build/bin}
src=$top/tests/e2e/formats-ole/input
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
for f in "$src"/*; do
	n=$(basename "$f")
	mkdir -p "$tmp/$n/in" "$tmp/$n/out"
	cp "$f" "$tmp/$n/in/"
	"$bindir/dh-ingest" --input "$tmp/$n/in" --month 2026-11 --plan "$top/templates/plan" \
		--records "$tmp/$n/out/records.csv" --files "$tmp/$n/out/files.csv" \
		--problems "$tmp/$n/out/problems.csv" 2>"$tmp/$n/out/stderr" || {
		echo "formats_ole: dh-ingest failed on $n"; cat "$tmp/$n/out/stderr"; exit 1; }
done
python3 - "$tmp" <<'PY'
import csv, os, sys
tmp = sys.argv[1]
skip = {"nguon", "vi_tri", "sha256", "id", "ngay_tep", "bo_cuc", "ma_cu"}
def rows(n):
    with open(os.path.join(tmp, n, "out", "records.csv"), encoding="utf-8", newline="") as f:
        return [{k: v for k, v in r.items() if k not in skip} for r in csv.DictReader(f)]
bad = 0
for n in sorted(os.listdir(tmp)):
    got = rows(n)
    ref_name = "ds-csv-tcvn3.csv" if "tcvn3" in n else "ds-csv.csv"
    ref = rows(ref_name)
    if len(ref) != 2:
        print("formats_ole: %s gave %d records, want 2" % (ref_name, len(ref))); bad += 1
    with open(os.path.join(tmp, n, "out", "files.csv"), encoding="utf-8", newline="") as f:
        fr = list(csv.DictReader(f))[0]
    legacy = "tcvn3" in n
    if fr["ma_cu"] != ("TCVN3" if legacy else ""):
        print("formats_ole: %s: ma_cu %r" % (n, fr["ma_cu"])); bad += 1
    if got != ref:
        print("formats_ole: %s differs from %s:" % (n, ref_name))
        for a, b in zip(got, ref):
            for k in a:
                if a[k] != b.get(k):
                    print("   %s: %r vs %r" % (k, a[k], b.get(k)))
        bad += 1
    else:
        print("formats_ole: %s (%s): %d records as %s" % (n, fr["dinh_dang"], len(got), ref_name))
sys.exit(1 if bad else 0)
PY
