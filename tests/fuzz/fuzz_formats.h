/* fuzz_formats.h - what the format harnesses share: the plan loaded once,
 * a record counter, a loaded model run through the layouts, and a zip built
 * in memory (stored parts) so that the XML handlers of a package reader see
 * the fuzzer's bytes instead of failing at a CRC. */
#ifndef DH_FUZZ_FORMATS_H
#define DH_FUZZ_FORMATS_H

#include "docx.h"
#include "ingest.h"
#include "plan.h"
#include "problem.h"
#include "readers.h"
#include "record.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zip.h>

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static struct plan plan;

static int count(void *ctx, struct record *r)
{
	long *n = ctx;
	(*n)++;
	return strlen(rec_get(r, R_VI_TRI)) == (size_t)-1;
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	const char *dir = getenv("DH_PLAN");
	if (plan_load(&plan, dir ? dir : "templates/plan") != 0) {
		fprintf(stderr, "fuzz: cannot load the plan (set DH_PLAN)\n");
		abort();
	}
	return 0;
}

/* Runs a loader over bytes, then the layouts over the model; a failure must
 * say why. */
static void run_loader(int (*load)(const char *, size_t, struct docx_doc *, struct docx_err *),
		       const char *data, size_t size)
{
	struct problem_sink sink;
	struct ingest_ctx c;
	struct docx_doc d;
	struct docx_err err;
	long n = 0;
	struct file_info fi = {"fuzz", "fuzz.bin", "", "2026-11-15", (long long)size};

	problem_sink_init(&sink, NULL, 0);
	ingest_ctx_init(&c, &plan, &sink, count, &n, "2026-11");
	sha256_hex(data, size, fi.sha256);
	c.file = &fi;
	docx_doc_init(&d);
	docx_err_init(&err);
	if (load(data, size, &d, &err) >= 0)
		docx_ingest_doc(&c, &d);
	else if (err.code < 0 || !err.detail[0])
		abort();
	docx_doc_release(&d);
	ingest_ctx_release(&c);
}

/* A zip of the given parts (names[i] holds parts[i] of lens[i] bytes),
 * malloc'd into *out; 0 or -1. */
static int build_zip(const char *const *names, const char *const *parts, const size_t *lens,
		     size_t n, char **out, size_t *outlen)
{
	zip_error_t ze;
	zip_error_init(&ze);
	zip_source_t *src = zip_source_buffer_create(NULL, 0, 0, &ze);
	if (!src)
		return -1;
	zip_source_keep(src);
	zip_t *za = zip_open_from_source(src, ZIP_TRUNCATE, &ze);
	if (!za) {
		zip_source_free(src);
		return -1;
	}
	for (size_t i = 0; i < n; i++) {
		zip_source_t *ps = zip_source_buffer(za, parts[i], lens[i], 0);
		zip_int64_t idx = ps ? zip_file_add(za, names[i], ps, ZIP_FL_OVERWRITE) : -1;
		if (idx >= 0)
			zip_set_file_compression(za, (zip_uint64_t)idx, ZIP_CM_STORE, 0);
		else
			zip_source_free(ps);
	}
	int rc = -1;
	if (zip_close(za) == 0 && zip_source_open(src) == 0) {
		zip_source_seek(src, 0, SEEK_END);
		zip_int64_t sz = zip_source_tell(src);
		zip_source_seek(src, 0, SEEK_SET);
		if (sz > 0) {
			*out = malloc((size_t)sz);
			*outlen = (size_t)zip_source_read(src, *out, (zip_uint64_t)sz);
			rc = 0;
		}
		zip_source_close(src);
	}
	zip_source_free(src);
	return rc;
}

#endif
