#!/usr/bin/env bash
# docx_corpus.sh - dh-ingest over every DOCX-like file of the shared parser
# corpus (docx/ and xml-attacks/): exit 0 within a time limit, no sanitizer
# report, every file in files.csv with records or a file-level problem, the
# problem class that INDEX.tsv expects for the broken ones, no entity text
# leaked, and the paragraph text of dh-docx-text equal to the corpus's
# expected text where it has one (*.expected.txt).  Skipped (exit 77) when
# the corpus is not there.
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
. "$top/tests/sh/lib/corpus.sh"
corpus=${DH_CORPUS:-$top/../shared/corpus}
bindir=${DH_BINDIR:-$top/build/bin}
if [ ! -d "$corpus/docx" ]; then
	echo "docx_corpus: corpus not found at $corpus (set DH_CORPUS); skipped"
	exit 77
fi
command -v python3 >/dev/null || { echo "docx_corpus: python3 not installed; skipped"; exit 77; }
for p in dh-ingest dh-docx-text; do
	[ -x "$bindir/$p" ] || { echo "docx_corpus: $bindir/$p not built"; exit 1; }
done
tmp=$(mktemp -d)
trap '[ -n "${DH_KEEP:-}" ] && cp -r "$tmp" /tmp/docx_corpus.keep; rm -rf "$tmp"' EXIT
mkdir -p "$tmp/input/2026-11" "$tmp/out"
n=0
while IFS= read -r -d '' f; do
	rel=${f#"$corpus"/}
	mkdir -p "$tmp/input/2026-11/$(dirname "$rel")"
	cp "$f" "$tmp/input/2026-11/$rel"
	n=$((n + 1))
done < <(find "$corpus/docx" "$corpus/xml-attacks" -type f \
	\( -name '*.docx' -o -name '*.docm' -o -name '*.dotx' -o -name '*.document.xml' \) -print0)
[ "$n" -gt 0 ] || { echo "docx_corpus: no files in $corpus"; exit 1; }

corpus_ingest docx_corpus "$tmp/input" "$tmp/out"

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
    print("docx_corpus: not in files.csv:", w); bad += 1
probs = {}
for p in csv.DictReader(open(out + "/problems.csv", encoding="utf-8", newline="")):
    probs.setdefault(p["nguon"], []).append(p["ma"])
for r in rows:
    if int(r["so_guong"] or 0) == 0 and not r["loi"]:
        print("docx_corpus: no records and no problem:", r["nguon"]); bad += 1
# what INDEX.tsv expects
classes = {
    "err:encrypted": {"tep_ma_hoa"},
    "err:ole-doc": {"", "tep_rong"},  # a .doc named .docx is read as Word 97-2003
    "err:truncated": {"tep_hong"},
    "err:corrupt": {"tep_hong"},
    "err:nomain": {"tep_hong"},
    "err:empty": {"tep_rong", "tep_hong"},
}
attacks = ("billion-laughs", "quadratic-blowup", "xxe-", "deep-nest", "undeclared-entity")
checked = 0
for line in open(index, encoding="utf-8"):
    f = line.rstrip("\n").split("\t")
    if len(f) < 7 or f[0] == "path":
        continue
    path, expect = f[0], f[6]
    r = byname.get("2026-11/" + path)
    if r is None or r["loi"] == "tep_trung":
        continue
    loi = r["loi"]
    if expect in classes:
        checked += 1
        if loi not in classes[expect]:
            print("docx_corpus: %s: expected %s, got %r" % (path, "/".join(sorted(classes[expect])), loi)); bad += 1
    elif expect in ("text", "table"):
        checked += 1
        if loi in ("tep_hong", "tep_ma_hoa", "khong_ho_tro"):
            print("docx_corpus: %s (%s) not read: %s" % (path, expect, loi)); bad += 1
    elif path.startswith("xml-attacks/docx/") and any(a in path for a in attacks):
        checked += 1
        if loi != "tep_hong":
            print("docx_corpus: %s: attack not refused (%r)" % (path, loi)); bad += 1
counts = {}
for r in rows:
    counts[r["loi"] or "(records)"] = counts.get(r["loi"] or "(records)", 0) + 1
nrec = sum(int(r["so_guong"] or 0) for r in rows)
print("docx_corpus: %d files, %d records, %d checked against INDEX.tsv; %s" %
      (len(rows), nrec, checked, ", ".join("%s %d" % kv for kv in sorted(counts.items()))))
sys.exit(1 if bad else 0)
PY

# the text model against the corpus's expected raw text
{
	fails=0 m=0
	while IFS= read -r -d '' exp; do
		doc=${exp%.expected.txt}.docx
		[ -f "$doc" ] || continue
		m=$((m + 1))
		if ! "$bindir/dh-docx-text" --raw "$doc" >"$tmp/got.txt" 2>"$tmp/err.txt" ||
			! diff -u "$exp" "$tmp/got.txt" >"$tmp/diff.txt"; then
			echo "docx_corpus: text of $doc differs from $(basename "$exp")"
			head -n 20 "$tmp/diff.txt" "$tmp/err.txt"
			fails=$((fails + 1))
		fi
	done < <(find "$corpus/docx" -name '*.expected.txt' -print0)
	echo "docx_corpus: $m expected texts compared, $fails differ"
	[ "$m" -gt 0 ] || { echo "docx_corpus: no *.expected.txt beside a .docx in $corpus/docx"; exit 1; }
	[ "$fails" -eq 0 ] || exit 1
	# the body text of mammoth's expected HTML (notes and pictures aside)
	python3 - "$bindir/dh-docx-text" "$corpus/docx/mammoth" <<'PY' || exit 1
import html, os, re, subprocess, sys
tool, d = sys.argv[1:3]
def want_lines(h):
    h = re.sub(r"<sup>.*?</sup>", "", h, flags=re.S)
    h = re.sub(r"<(ol|dl)>.*?</\1>", "", h, flags=re.S)
    out = []
    for m in re.finditer(r"<(p|h[1-6]|li)>(.*?)</\1>", h, flags=re.S):
        t = html.unescape(re.sub(r"<[^>]+>", "", m.group(2)))
        t = " ".join(t.split())
        if t:
            out.append(t)
    return out
n = bad = 0
for f in sorted(os.listdir(d)):
    if not f.endswith(".expected.html"):
        continue
    doc = os.path.join(d, f[: -len(".expected.html")] + ".docx")
    if not os.path.exists(doc):
        continue
    want = want_lines(open(os.path.join(d, f), encoding="utf-8").read())
    r = subprocess.run([tool, "--lines", doc], capture_output=True, text=True)
    got = [" ".join(l.split()) for l in r.stdout.splitlines() if l.strip()]
    n += 1
    if r.returncode != 0 or got != want:
        print("docx_corpus: %s: got %r, want %r" % (os.path.basename(doc), got[:6], want[:6]))
        bad += 1
print("docx_corpus: %d mammoth documents compared with their HTML, %d differ" % (n, bad))
sys.exit(1 if bad or n == 0 else 0)
PY
}
exit 0
