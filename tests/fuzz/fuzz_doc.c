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
#include "ingest.h"
#include "office.h"
#include "plan.h"
#include "problem.h"
#include "record.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static struct plan plan;

static int count(void *ctx, struct record *r)
{
	(void)r;
	(*(long *)ctx)++;
	return 0;
}

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	const char *dir = getenv("DH_PLAN");
	if (plan_load(&plan, dir ? dir : "templates/plan") != 0) {
		fprintf(stderr, "fuzz_doc: cannot load the plan (set DH_PLAN)\n");
		abort();
	}
	return 0;
}

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
	struct problem_sink sink;
	struct ingest_ctx c;
	long n = 0;
	problem_sink_init(&sink, NULL, 0);
	ingest_ctx_init(&c, &plan, &sink, count, &n, "2026-11");
	struct file_info fi = {"fuzz", "fuzz.doc", "", "2026-11-15", (long long)len};
	sha256_hex(f, len, fi.sha256);
	c.file = &fi;
	ole_ingest(&c, (const char *)f, len);
	if (!n && !c.loi)
		abort(); /* no records and no problem */
	ingest_ctx_release(&c);
	free(f);
	return 0;
}
