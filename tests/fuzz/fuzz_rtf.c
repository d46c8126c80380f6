/* fuzz_rtf.c - libFuzzer harness: arbitrary bytes after "{\rtf1 " as an
 * RTF document, through the text model and both layouts.
 * Seeds: tests/fixtures/rtf and ../shared/corpus/rtf;
 *   build/fuzz/bin/fuzz_rtf -max_len=65536 CORPUS_DIR SEED_DIR
 */
#include "fuzz_office.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size > (4u << 20))
		return 0;
	/* the fuzzer's bytes follow the magic, so every input is RTF */
	char *doc = malloc(size + 8);
	if (!doc)
		return 0;
	memcpy(doc, "{\\rtf1 ", 7);
	memcpy(doc + 7, data, size);
	ingest_checked(rtf_ingest, "fuzz.rtf", doc, size + 7);
	free(doc);
	return 0;
}
