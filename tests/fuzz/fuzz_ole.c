/* fuzz_ole.c - libFuzzer harness: arbitrary bytes as an OLE compound file:
 * open, every directory entry looked up by name and read (capped), and the
 * whole ingest of an OLE file (Word, Excel, encrypted, other).
 * Seeds: tests/fixtures/doc, tests/fixtures/xls, ../shared/corpus/{doc,xls};
 *   build/fuzz/bin/fuzz_ole -max_len=65536 CORPUS_DIR SEED_DIR
 */
#include "fuzz_office.h"
#include "ole.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct ole o;
	const char *why = NULL;

	if (size > (4u << 20))
		return 0;
	if (ole_open(&o, data, size, &why) == 0) {
		for (size_t i = 0; i < o.ndir; i++) {
			unsigned char *out;
			size_t n;
			if (ole_find(&o, 0, o.dir[i].name) < -1)
				abort();
			if (ole_read(&o, i, 1u << 20, &out, &n, &why) == 0) {
				if (n != o.dir[i].size)
					abort(); /* a stream reads whole or not at all */
				free(out);
			} else if (!why) {
				abort();
			}
		}
		ole_release(&o);
	} else if (!why) {
		abort(); /* a failure must always say why */
	}
	ingest_checked(ole_ingest, "fuzz.doc", data, size);
	return 0;
}
