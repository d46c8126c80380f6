# corpus.sh - sourced by the corpus tests (docx_corpus.sh, formats_corpus.sh,
# office_corpus.sh): one dh-ingest run over a copied corpus folder.
#
# corpus_ingest NAME INPUT OUT: runs $bindir/dh-ingest (--jobs 2, 15 minutes
# at most) on INPUT into OUT/{records,files,problems}.csv and fails the test
# (exit 1, with NAME in the message) when it exits non-zero, when a
# sanitizer reported anything, or when an external entity's text (the
# /etc/passwd probe of the XML attacks) reached the output.
corpus_ingest() {
	local name=$1 input=$2 out=$3 rc
	mkdir -p "$out"
	timeout 900 "$bindir/dh-ingest" --input "$input" --month 2026-11 --plan "$top/templates/plan" \
		--jobs 2 --records "$out/records.csv" --files "$out/files.csv" \
		--problems "$out/problems.csv" 2>"$out/stderr"
	rc=$?
	if [ $rc -ne 0 ]; then
		echo "$name: dh-ingest exited $rc (124 = timeout)"
		tail -n 20 "$out/stderr"
		exit 1
	fi
	if grep -qE 'AddressSanitizer|LeakSanitizer|runtime error|UndefinedBehaviorSanitizer' "$out/stderr"; then
		echo "$name: sanitizer report"
		grep -m 20 -E 'Sanitizer|runtime error|#[0-9]' "$out/stderr"
		exit 1
	fi
	if grep -q 'root:x:' "$out/records.csv" "$out/problems.csv"; then
		echo "$name: entity text from /etc/passwd leaked into the output"
		exit 1
	fi
}
