#!/usr/bin/env bash
# render_jobs.sh - dh-render --jobs 2 and --jobs 4 (the documents spread over
# two and four processes forked after one load) give the same files, byte for
# byte, as --jobs 1; a bad --jobs is a usage error.
set -u
cd "$(dirname "$0")/../.."
top=$PWD
bin=${DH_BINDIR:-$top/build/bin}
fix=$top/tests/fixtures/render/2026-11
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "render_jobs: $*" >&2; exit 1; }

for j in 1 2 4; do
	mkdir "$tmp/j$j"
	cp "$fix"/*.csv "$tmp/j$j/"
	"$bin/dh-render" --month 2026-11 --plan "$top/templates/plan" --templates "$top/templates/pdf" \
		--jobs "$j" --dir "$tmp/j$j" 2>"$tmp/err$j" || { cat "$tmp/err$j" >&2; fail "dh-render --jobs $j failed"; }
	if grep -qE 'AddressSanitizer|LeakSanitizer|runtime error' "$tmp/err$j"; then
		cat "$tmp/err$j" >&2
		fail "sanitizer report with --jobs $j"
	fi
done
# both kinds of output are there, so the comparison covers both processes
for f in danh-sach.pdf bao-cao.pdf danh-sach.docx bao-cao.docx; do
	[ -s "$tmp/j2/$f" ] || fail "$f missing with --jobs 2"
done
n=$(find "$tmp/j2" -type f | wc -l)
[ "$n" -gt 8 ] || fail "only $n files written"
for j in 2 4; do
	diff -r "$tmp/j1" "$tmp/j$j" >"$tmp/diff" || { head -20 "$tmp/diff" >&2; fail "--jobs 1 and --jobs $j differ"; }
	find "$tmp/j$j" -name '*.tmp*' | grep -q . && fail "temporary files left"
done

for bad in 0 x -1; do
	mkdir -p "$tmp/bad"
	"$bin/dh-render" --month 2026-11 --plan "$top/templates/plan" --jobs "$bad" --dir "$tmp/bad" \
		2>/dev/null
	[ $? -eq 2 ] || fail "--jobs $bad is not a usage error"
done
echo "render_jobs: ok ($n files identical)"
