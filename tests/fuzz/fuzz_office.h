/* fuzz_office.h - what the .doc/.xls/.rtf/OLE harnesses share: the plan
 * loaded once (DH_PLAN, default templates/plan), an ingest context over a
 * fake file, and the check that a file gives records or a problem. */
#ifndef DH_FUZZ_OFFICE_H
#define DH_FUZZ_OFFICE_H

#include "ingest.h"
#include "msoffice.h"
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
		fprintf(stderr, "fuzz: cannot load the plan (set DH_PLAN)\n");
		abort();
	}
	return 0;
}

typedef long (*ingest_fn)(struct ingest_ctx *c, const char *data, size_t len);

/* Ingests data with fn as the file nguon; aborts when it gives neither a
 * record nor a file-level problem. */
static void ingest_checked(ingest_fn fn, const char *nguon, const void *data, size_t size)
{
	struct problem_sink sink;
	struct ingest_ctx c;
	long n = 0;
	problem_sink_init(&sink, NULL, 0);
	ingest_ctx_init(&c, &plan, &sink, count, &n, "2026-11");
	struct file_info fi = {"fuzz", nguon, "", "2026-11-15", (long long)size};
	sha256_hex(data, size, fi.sha256);
	c.file = &fi;
	fn(&c, (const char *)data, size);
	if (!n && !c.loi)
		abort(); /* no records and no problem */
	ingest_ctx_release(&c);
}

#endif
