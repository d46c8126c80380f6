/* fuzz_archive.c - libFuzzer harness: arbitrary bytes as a submitted zip
 * through the whole dispatch (ingest_data: xlsx, ODF, Word, or an attachment
 * whose members are read as files).  Seeds: tests/fixtures/formats/NAME.zip,
 * .xlsx, .ods, .odt; e.g.
 *   build/fuzz/bin/fuzz_archive -max_len=65536 CORPUS_DIR tests/fixtures/formats
 */
#include "fuzz_formats.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct problem_sink sink;
	struct ingest_ctx c;
	long n = 0;
	struct file_info fi = {"fuzz", "fuzz.zip", "", "2026-11-15", (long long)size};

	if (size > (2u << 20))
		return 0;
	problem_sink_init(&sink, NULL, 0);
	ingest_ctx_init(&c, &plan, &sink, count, &n, "2026-11");
	sha256_hex(data, size, fi.sha256);
	ingest_data(&c, &fi, (const char *)data, size);
	if (c.nrecords == 0 && !c.loi)
		abort(); /* a file gives records or a problem */
	ingest_ctx_release(&c);
	return 0;
}
