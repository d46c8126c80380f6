/* fuzz_zip.c - libFuzzer harness: arbitrary bytes as a submitted file
 * through the DOCX package layer (zip, OLE, bombs), the text model and the
 * layouts: docx_ingest() end to end with the shipped plan.
 * Seeds: tests/fixtures/docx/NAME.docx and ../shared/corpus/docx; e.g.
 *   build/fuzz/bin/fuzz_zip -max_len=16384 CORPUS_DIR tests/fixtures/docx
 */
#include "docx.h"
#include "ingest.h"
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
	long *n = ctx;
	(*n)++;
	return strlen(rec_get(r, R_VI_TRI)) == (size_t)-1;
}

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	const char *dir = getenv("DH_PLAN");
	if (plan_load(&plan, dir ? dir : "templates/plan") != 0) {
		fprintf(stderr, "fuzz_zip: cannot load the plan (set DH_PLAN)\n");
		abort();
	}
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct problem_sink sink;
	struct ingest_ctx c;
	long n = 0, got;

	if (size > (4u << 20))
		return 0;
	problem_sink_init(&sink, NULL, 0);
	ingest_ctx_init(&c, &plan, &sink, count, &n, "2026-11");
	struct file_info fi = {"fuzz", "fuzz.docx", "", "2026-11-15", (long long)size};
	sha256_hex(data, size, fi.sha256);
	c.file = &fi;
	got = docx_ingest(&c, (const char *)data, size);
	/* every file gives records or exactly a reason */
	if (got != n || (got == 0 && !c.loi))
		abort();
	ingest_ctx_release(&c);
	return 0;
}
