/* fuzz_csv.c - libFuzzer harness: arbitrary bytes through the CSV reader and
 * the table interpretation, with the shipped plan loaded once. */
#include "ingest.h"
#include "plan.h"
#include "problem.h"
#include "record.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static struct plan plan;
static int plan_ok;

static int count(void *ctx, struct record *r)
{
	long *n = ctx;
	(*n)++;
	/* Touch every field, so that a bad pointer shows. */
	size_t total = 0;
	for (int i = 0; i < REC_NFIELDS; i++)
		total += strlen(rec_get(r, (enum rec_field)i));
	return total == (size_t)-1;
}

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	const char *dir = getenv("DH_PLAN");
	plan_ok = plan_load(&plan, dir ? dir : "templates/plan") == 0;
	if (!plan_ok) {
		fprintf(stderr, "fuzz_csv: cannot load the plan (set DH_PLAN)\n");
		abort();
	}
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size > (1u << 20))
		return 0;
	struct problem_sink sink;
	problem_sink_init(&sink, NULL, 0);
	long n = 0;
	struct ingest_ctx c;
	ingest_ctx_init(&c, &plan, &sink, count, &n, "2026-11");
	struct file_info fi = {"fuzz", "fuzz.csv", "", "2026-11-15", (long long)size};
	sha256_hex(data, size, fi.sha256);
	c.file = &fi;
	csv_ingest(&c, (const char *)data, size);
	ingest_ctx_release(&c);
	return 0;
}
