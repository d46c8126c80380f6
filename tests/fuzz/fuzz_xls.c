/* fuzz_xls.c - libFuzzer harness: arbitrary bytes as an Excel workbook
 * stream (BIFF records, no OLE container), read into sheets and through
 * the table interpretation.
 * Seeds: the Workbook streams of tests/fixtures/xls and ../shared/corpus/xls
 * (e.g. extracted with a small script), or the raw-BIFF corpus files;
 *   build/fuzz/bin/fuzz_xls -max_len=65536 CORPUS_DIR SEED_DIR
 */
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
		fprintf(stderr, "fuzz_xls: cannot load the plan (set DH_PLAN)\n");
		abort();
	}
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct problem_sink sink;
	struct ingest_ctx c;
	long n = 0;

	if (size > (4u << 20))
		return 0;
	problem_sink_init(&sink, NULL, 0);
	ingest_ctx_init(&c, &plan, &sink, count, &n, "2026-11");
	struct file_info fi = {"fuzz", "fuzz.xls", "", "2026-11-15", (long long)size};
	sha256_hex(data, size, fi.sha256);
	c.file = &fi;
	xls_stream_ingest(&c, (const char *)data, size);
	if (!n && !c.loi)
		abort(); /* no records and no problem */
	ingest_ctx_release(&c);
	return 0;
}
