/* fuzz_odf.c - libFuzzer harness: arbitrary bytes as an OpenDocument
 * content.xml (flat ODF) through odf_load_flat() and the layouts.  Seeds:
 * content.xml of tests/fixtures/formats/NAME.ods, NAME.odt and ../shared/corpus/odf; e.g.
 *   build/fuzz/bin/fuzz_odf -max_len=16384 CORPUS_DIR SEED_DIR
 */
#include "fuzz_formats.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size <= (2u << 20))
		run_loader(odf_load_flat, (const char *)data, size);
	return 0;
}
