/* fuzz_rtf.c - libFuzzer harness: arbitrary bytes after "{\rtf1 " as an
 * RTF document, through the text model and both layouts.
 * Seeds: tests/fixtures/rtf and ../shared/corpus/rtf;
 *   build/fuzz/bin/fuzz_rtf -max_len=65536 CORPUS_DIR SEED_DIR
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
		fprintf(stderr, "fuzz_rtf: cannot load the plan (set DH_PLAN)\n");
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
	/* the fuzzer's bytes follow the magic, so every input is RTF */
	char *doc = malloc(size + 8);
	if (!doc)
		return 0;
	memcpy(doc, "{\\rtf1 ", 7);
	memcpy(doc + 7, data, size);
	problem_sink_init(&sink, NULL, 0);
	ingest_ctx_init(&c, &plan, &sink, count, &n, "2026-11");
	struct file_info fi = {"fuzz", "fuzz.rtf", "", "2026-11-15", (long long)size};
	sha256_hex(data, size, fi.sha256);
	c.file = &fi;
	rtf_ingest(&c, doc, size + 7);
	if (!n && !c.loi)
		abort(); /* no records and no problem */
	ingest_ctx_release(&c);
	free(doc);
	return 0;
}
