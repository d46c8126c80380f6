/* fuzz_doc.c - libFuzzer harness: arbitrary bytes as the streams of a Word
 * 97-2003 document.  The first two bytes give the length of the
 * WordDocument stream (FIB, text, FKPs), the rest is the table stream
 * (CLX, PlcfBte, font table, stylesheet); both are put in a well-formed
 * OLE container, so the fuzzer works on the Word structures.
 * Seeds: the streams of tests/fixtures/doc (tests/fuzz/README-style:
 * 2-byte length, WordDocument, 1Table);
 *   build/fuzz/bin/fuzz_doc -max_len=65536 CORPUS_DIR SEED_DIR
 */
#include "../unit/office_test.h"
#include "fuzz_office.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 2 || size > (1u << 20))
		return 0;
	size_t wl = (size_t)data[0] | (size_t)data[1] << 8;
	if (wl > size - 2)
		wl = size - 2;
	/* the FIB's fWhichTblStm picks the stream: give both names */
	struct cfb_stream s[3] = {{"WordDocument", data + 2, wl},
				  {"0Table", data + 2 + wl, size - 2 - wl},
				  {"1Table", data + 2 + wl, size - 2 - wl}};
	size_t len;
	unsigned char *f = cfb_build(s, 3, &len, NULL);
	ingest_checked(ole_ingest, "fuzz.doc", f, len);
	free(f);
	return 0;
}
