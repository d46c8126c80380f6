#!/usr/bin/env bash
# office_corpus.sh - dh-ingest over every .doc, .xls and .rtf file of the
# shared parser corpus (doc/, xls/, rtf/): exit 0 within a time limit, no
# sanitizer report, every file in files.csv with records or a file-level
# problem, the class INDEX.tsv expects for encrypted, corrupt and too old
# files, readable files not refused (a Word 6/95 or Excel 4 file may be,
# with khong_ho_tro naming it), and the text of dh-docx-text equal to the
# corpus's expected text (*.expected.txt), compared word by word.
set -u
top=$(git -C "$(dirname "$0")" rev-parse --show-toplevel)
. "$top/tests/sh/lib/corpus.sh"
corpus=${DH_CORPUS:-$top/../shared/corpus}
bindir=${DH_BINDIR:-$top/build/bin}
if [ ! -d "$corpus/doc" ] || [ ! -d "$corpus/xls" ] || [ ! -d "$corpus/rtf" ]; then
	echo "office_corpus: corpus not found at $corpus; skipped"
	exit 77
fi
if [ ! -x "$bindir/dh-ingest" ]; then
	echo "office_corpus: $bindir/dh-ingest not built; skipped"
	exit 77
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$tmp/input/2026-11" "$tmp/out"
n=0
while IFS= read -r -d '' f; do
	rel=${f#"$corpus"/}
	case "$rel" in *.expected.*) continue ;; esac
	mkdir -p "$tmp/input/2026-11/$(dirname "$rel")"
	cp "$f" "$tmp/input/2026-11/$rel"
	n=$((n + 1))
done < <(find "$corpus/doc" "$corpus/xls" "$corpus/rtf" -type f -print0)
[ "$n" -gt 0 ] || { echo "office_corpus: no files in $corpus"; exit 1; }

corpus_ingest office_corpus "$tmp/input" "$tmp/out"

python3 - "$tmp/input" "$tmp/out" "$corpus/INDEX.tsv" <<'PY' || exit 1
import csv, os, sys
inp, out, index = sys.argv[1:4]
want = set()
for d, _, names in os.walk(inp):
    for n in names:
        want.add(os.path.relpath(os.path.join(d, n), inp))
rows = list(csv.DictReader(open(out + "/files.csv", encoding="utf-8", newline="")))
byname = {r["nguon"]: r for r in rows}
msgs = {}
for p in csv.DictReader(open(out + "/problems.csv", encoding="utf-8", newline="")):
    msgs.setdefault(p["nguon"], []).append(p["thong_diep"])
bad = 0
for w in sorted(want - set(byname)):
    print("office_corpus: not in files.csv:", w); bad += 1
for r in rows:
    if int(r["so_guong"] or 0) == 0 and not r["loi"]:
        print("office_corpus: no records and no problem:", r["nguon"]); bad += 1
classes = {
    "err:encrypted": {"tep_ma_hoa"},
    "err:corrupt": {"tep_hong"},
    "err:old-version": {"khong_ho_tro"},
    "err:notole": {"khong_ho_tro", "tep_hong", "tep_rong"},
}
too_old = ("Word 6.0/95", "Excel 4.0")
checked = 0
per = {}
for line in open(index, encoding="utf-8"):
    f = line.rstrip("\n").split("\t")
    if len(f) < 7 or f[0] == "path" or f[0].split("/")[0] not in ("doc", "xls", "rtf"):
        continue
    path, expect = f[0], f[6]
    r = byname.get("2026-11/" + path)
    if r is None or r["loi"] == "tep_trung":
        continue
    loi = r["loi"]
    top_dir = path.split("/")[0]
    per.setdefault(top_dir, {})
    per[top_dir][loi or "(records)"] = per[top_dir].get(loi or "(records)", 0) + 1
    m = " ".join(msgs.get("2026-11/" + path, []))
    if expect in classes:
        checked += 1
        if loi not in classes[expect]:
            print("office_corpus: %s: expected %s, got %r" % (path, "/".join(sorted(classes[expect])), loi)); bad += 1
    elif expect in ("text", "table", "cells"):
        checked += 1
        if loi in ("tep_hong", "tep_ma_hoa") or (loi == "khong_ho_tro" and not any(t in m for t in too_old)):
            print("office_corpus: %s (%s) not read: %s %s" % (path, expect, loi, m[:120])); bad += 1
    if loi in ("tep_hong", "khong_ho_tro", "tep_ma_hoa"):
        ext = {"doc": "Word", "xls": "Excel", "rtf": "RTF"}[top_dir]
        if ext not in m and "Office" not in m and expect not in ("err:notole", "err:old-version", "sniff:docx", "sniff:wordml2003", "sniff:wordperfect"):
            print("office_corpus: %s: the message does not name the format: %s" % (path, m[:160])); bad += 1
nrec = sum(int(r["so_guong"] or 0) for r in rows)
print("office_corpus: %d files, %d records, %d checked against INDEX.tsv" % (len(rows), nrec, checked))
for k in sorted(per):
    print("office_corpus: %s: %s" % (k, ", ".join("%s %d" % kv for kv in sorted(per[k].items()))))
sys.exit(1 if bad else 0)
PY

# the text model against the corpus's expected text, word by word (the
# expected files' conventions aside: link targets in parentheses, soft and
# non-breaking hyphens, zero-width spaces)
fails=0 m=0
while IFS= read -r -d '' exp; do
	b=${exp%.expected.txt}
	src=
	for x in doc rtf; do [ -f "$b.$x" ] && src=$b.$x; done
	[ -n "$src" ] || continue
	m=$((m + 1))
	"$bindir/dh-docx-text" --lines "$src" >"$tmp/got.txt" 2>"$tmp/err.txt"
	if ! python3 - "$exp" "$tmp/got.txt" <<'PY'; then
import re, sys, unicodedata
def words(t, expected):
    t = unicodedata.normalize("NFC", t)
    if expected:
        t = re.sub(r'\("[^"]*"\)', "", t)
    for a, b in (("|", " "), ("\u00a0", " "), ("\u200b", ""), ("\u00ad", ""), ("\u2011", "-")):
        t = t.replace(a, b)
    return t.split()
a = words(open(sys.argv[1], encoding="utf-8", errors="replace").read(), True)
b = words(open(sys.argv[2], encoding="utf-8", errors="replace").read(), False)
if a != b:
    i = next((k for k in range(min(len(a), len(b))) if a[k] != b[k]), min(len(a), len(b)))
    print("  expected ...%s... got ...%s..." % (a[max(0, i - 3):i + 5], b[max(0, i - 3):i + 5]))
    sys.exit(1)
PY
		echo "office_corpus: text of $src differs from $(basename "$exp")"
		fails=$((fails + 1))
	fi
done < <(find "$corpus/doc" "$corpus/rtf" -name '*.expected.txt' -print0)
echo "office_corpus: $m expected texts compared, $fails differ"
[ "$m" -gt 0 ] && [ "$fails" -eq 0 ]
