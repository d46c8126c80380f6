#!/usr/bin/env bash
# formats_corpus.sh - dh-ingest over every Excel, OpenDocument and web-page
# file of the shared parser corpus (xlsx/, odf/, html-doc/): exit 0 within a
# time limit, no sanitizer report, every file in files.csv with records or a
# file-level problem, the class INDEX.tsv expects for the broken and
# encrypted ones, no entity text leaked, readable ones never refused as
# damaged or unsupported.  Skipped (exit 77) when the corpus or python3 is
# absent.
set -u
top=$(git -C "$(dirname "$0")" rev-parse --show-toplevel)
. "$top/tests/sh/lib/corpus.sh"
corpus=${DH_CORPUS:-$top/../shared/corpus}
bindir=${DH_BINDIR:-$top/build/bin}
if [ ! -d "$corpus/xlsx" ]; then
	echo "formats_corpus: corpus not found at $corpus (set DH_CORPUS); skipped"
	exit 77
fi
command -v python3 >/dev/null || { echo "formats_corpus: python3 not installed; skipped"; exit 77; }
[ -x "$bindir/dh-ingest" ] || { echo "formats_corpus: $bindir/dh-ingest not built"; exit 1; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$tmp/input/2026-11" "$tmp/out"
n=0
for d in xlsx odf html-doc; do
	[ -d "$corpus/$d" ] || continue
	while IFS= read -r -d '' f; do
		rel=${f#"$corpus"/}
		case "$rel" in *.expected.*) continue ;; esac
		mkdir -p "$tmp/input/2026-11/$(dirname "$rel")"
		cp "$f" "$tmp/input/2026-11/$rel"
		n=$((n + 1))
	done < <(find "$corpus/$d" -type f -print0)
done
[ "$n" -gt 0 ] || { echo "formats_corpus: no files in $corpus"; exit 1; }

corpus_ingest formats_corpus "$tmp/input" "$tmp/out"

python3 - "$tmp/input" "$tmp/out" "$corpus/INDEX.tsv" <<'PY' || exit 1
import csv, os, sys
inp, out, index = sys.argv[1:4]
want = set()
for d, _, names in os.walk(inp):
    for n in names:
        want.add(os.path.relpath(os.path.join(d, n), inp))
rows = list(csv.DictReader(open(out + "/files.csv", encoding="utf-8", newline="")))
byname = {r["nguon"]: r for r in rows}
bad = 0
for w in sorted(want - set(byname)):
    print("formats_corpus: not in files.csv:", w); bad += 1
for r in rows:
    if int(r["so_guong"] or 0) == 0 and not r["loi"]:
        print("formats_corpus: no records and no problem:", r["nguon"]); bad += 1
classes = {
    "err:encrypted": {"tep_ma_hoa"},
    "err:truncated": {"tep_hong"},
    "err:corrupt": {"tep_hong"},
    "err:nomain": {"tep_hong"},
    "err:notzip": {"tep_hong", "khong_ho_tro", "tep_rong"},
    "err:empty": {"tep_rong", "tep_hong"},
}
# files the other formats' readers (xls, OLE) answer for: counted, not judged
checked = 0
per = {}
for line in open(index, encoding="utf-8"):
    f = line.rstrip("\n").split("\t")
    if len(f) < 7 or f[0] == "path":
        continue
    path, expect = f[0], f[6]
    r = byname.get("2026-11/" + path)
    if r is None or r["loi"] == "tep_trung":
        continue
    top = path.split("/")[0]
    per.setdefault(top, [0, 0, 0])
    per[top][0] += 1
    per[top][1] += int(r["so_guong"] or 0)
    loi = r["loi"]
    if expect in classes:
        checked += 1
        if loi not in classes[expect]:
            print("formats_corpus: %s: expected %s, got %r" % (path, "/".join(sorted(classes[expect])), loi)); bad += 1
    elif expect in ("cells", "table", "text") and r["dinh_dang"] not in ("ole", "xls", "doc"):
        checked += 1
        if loi in ("tep_hong", "khong_ho_tro"):
            print("formats_corpus: %s (%s) not read: %s" % (path, expect, loi)); bad += 1
        else:
            per[top][2] += 1
counts = {}
for r in rows:
    counts[r["loi"] or "(records)"] = counts.get(r["loi"] or "(records)", 0) + 1
print("formats_corpus: %d files, %d checked against INDEX.tsv; %s" %
      (len(rows), checked, ", ".join("%s %d" % kv for kv in sorted(counts.items()))))
for top, (nf, nrec, ok) in sorted(per.items()):
    print("formats_corpus: %s: %d files, %d records, %d readable read" % (top, nf, nrec, ok))
sys.exit(1 if bad else 0)
PY
