/* fuzz_docx.c - libFuzzer harness: arbitrary bytes as a DOCX main part
 * (document.xml) through Word's text model and both layouts, with the
 * shipped plan loaded once.
 * Seeds: tests/fixtures/docx/src/NAME/word/document.xml and the document.xml
 * parts of ../shared/corpus/docx; e.g.
 *   build/fuzz/bin/fuzz_docx -max_len=16384 CORPUS_DIR SEED_DIR
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
	size_t total = 0;
	(*n)++;
	for (int i = 0; i < REC_NFIELDS; i++)
		total += strlen(rec_get(r, (enum rec_field)i));
	return total == (size_t)-1;
}

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	const char *dir = getenv("DH_PLAN");
	if (plan_load(&plan, dir ? dir : "templates/plan") != 0) {
		fprintf(stderr, "fuzz_docx: cannot load the plan (set DH_PLAN)\n");
		abort();
	}
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct problem_sink sink;
	struct ingest_ctx c;
	struct docx_doc d;
	struct docx_err err;
	long n = 0;

	if (size > (2u << 20))
		return 0;
	problem_sink_init(&sink, NULL, 0);
	ingest_ctx_init(&c, &plan, &sink, count, &n, "2026-11");
	struct file_info fi = {"fuzz", "fuzz.docx", "", "2026-11-15", (long long)size};
	sha256_hex(data, size, fi.sha256);
	c.file = &fi;
	docx_doc_init(&d);
	docx_err_init(&err);
	if (docx_text_parse((const char *)data, size, NULL, &d, &err) == 0)
		docx_ingest_doc(&c, &d);
	else if (err.code < 0 || !err.detail[0])
		abort(); /* a failure must always say why */
	docx_doc_release(&d);
	ingest_ctx_release(&c);
	return 0;
}
