/* fuzz_html.c - libFuzzer harness: arbitrary bytes as a web page or .mht
 * through html_load() and the layouts.  Seeds: tests/fixtures/formats/
 * ds-*-web.*, ds-web.mht and ../shared/corpus/html-doc; e.g.
 *   build/fuzz/bin/fuzz_html -max_len=16384 CORPUS_DIR SEED_DIR
 */
#include "fuzz_formats.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size <= (2u << 20))
		run_loader(html_load, (const char *)data, size);
	return 0;
}
