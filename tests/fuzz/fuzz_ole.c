/* fuzz_ole.c - libFuzzer harness: arbitrary bytes as an OLE compound file:
 * open, every directory entry looked up by name and read (capped), and the
 * whole ingest of an OLE file (Word, Excel, encrypted, other).
 * Seeds: tests/fixtures/doc, tests/fixtures/xls, ../shared/corpus/{doc,xls};
 *   build/fuzz/bin/fuzz_ole -max_len=65536 CORPUS_DIR SEED_DIR
 */
#include "ingest.h"
#include "office.h"
#include "ole.h"
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
		fprintf(stderr, "fuzz_ole: cannot load the plan (set DH_PLAN)\n");
		abort();
	}
	return 0;
}

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
	struct problem_sink sink;
	struct ingest_ctx c;
	long n = 0;
	problem_sink_init(&sink, NULL, 0);
	ingest_ctx_init(&c, &plan, &sink, count, &n, "2026-11");
	struct file_info fi = {"fuzz", "fuzz.doc", "", "2026-11-15", (long long)size};
	sha256_hex(data, size, fi.sha256);
	c.file = &fi;
	ole_ingest(&c, (const char *)data, size);
	if (!n && !c.loi)
		abort(); /* no records and no problem */
	ingest_ctx_release(&c);
	return 0;
}
