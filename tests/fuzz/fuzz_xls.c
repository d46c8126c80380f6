/* fuzz_xls.c - libFuzzer harness: arbitrary bytes as an Excel workbook
 * stream (BIFF records, no OLE container), read into sheets and through
 * the table interpretation.
 * Seeds: the Workbook streams of tests/fixtures/xls and ../shared/corpus/xls
 * (e.g. extracted with a small script), or the raw-BIFF corpus files;
 *   build/fuzz/bin/fuzz_xls -max_len=65536 CORPUS_DIR SEED_DIR
 */
#include "fuzz_office.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size <= (4u << 20))
		ingest_checked(xls_stream_ingest, "fuzz.xls", data, size);
	return 0;
}
