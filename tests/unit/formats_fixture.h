/* formats_fixture.h - helpers of the format-reader tests (test_xlsx.c,
 * test_odf.c, test_html.c, test_archive.c): a fixture of
 * tests/fixtures/formats/ read through the whole dispatch (ingest_data) into
 * records and problems, or through one loader into a text dump of the model. */
#ifndef DH_FORMATS_FIXTURE_H
#define DH_FORMATS_FIXTURE_H

#include "docx.h"
#include "ingest.h"
#include "plan.h"
#include "problem.h"
#include "readers.h"
#include "record.h"
#include "util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAXR 32

static struct plan plan;
static int have_plan;

struct got {
	struct record v[MAXR];
	int n;
	unsigned long counts[PC_COUNT];
	const char *ma_cu, *dinh_dang;
	char *probs;
	size_t probs_len;
};

static inline int keep(void *ctx, struct record *r)
{
	struct got *g = ctx;
	if (g->n < MAXR) {
		rec_init(&g->v[g->n]);
		rec_copy(&g->v[g->n], r);
	}
	g->n++;
	return 0;
}

static inline void got_release(struct got *g)
{
	for (int i = 0; i < g->n && i < MAXR; i++)
		rec_release(&g->v[i]);
	free(g->probs);
	memset(g, 0, sizeof(*g));
}

/* Reads bytes as the file nguon through ingest_data(); returns the records. */
static inline long ingest_mem(struct got *g, const char *nguon, const char *data, size_t len)
{
	FILE *pf;
	struct problem_sink sink;
	struct ingest_ctx c;
	struct file_info fi = {nguon, nguon, "", "2026-11-20", (long long)len};
	long n;

	memset(g, 0, sizeof(*g));
	pf = open_memstream(&g->probs, &g->probs_len);
	problem_sink_init(&sink, pf, 0);
	ingest_ctx_init(&c, have_plan ? &plan : NULL, &sink, keep, g, "2026-11");
	sha256_hex(data, len, fi.sha256);
	n = ingest_data(&c, &fi, data, len);
	g->ma_cu = c.ma_cu;
	g->dinh_dang = c.dinh_dang;
	memcpy(g->counts, sink.counts, sizeof(g->counts));
	ingest_ctx_release(&c);
	fclose(pf);
	return n;
}

static inline char *fixture_bytes(const char *name, size_t *len)
{
	char *path = xasprintf("tests/fixtures/formats/%s", name), *data = NULL;
	if (read_file(path, INGEST_MAX_FILE, &data, len) != 0) {
		fprintf(stderr, "  cannot read %s\n", path);
		data = NULL;
	}
	free(path);
	return data;
}

/* Reads a fixture; -2 when it cannot be read. */
static inline long ingest_fixture(struct got *g, const char *name)
{
	size_t len;
	char *data = fixture_bytes(name, &len);
	long n = -2;
	memset(g, 0, sizeof(*g));
	if (data)
		n = ingest_mem(g, name, data, len);
	free(data);
	return n;
}

static inline const char *f(struct got *g, int i, enum rec_field k)
{
	return i < g->n && i < MAXR ? rec_get(&g->v[i], k) : "(none)";
}

typedef int (*loader_fn)(const char *, size_t, struct docx_doc *, struct docx_err *);

/* The model dump of bytes through a loader (NULL when it failed: err set). */
static inline char *dump_mem(loader_fn load, const char *data, size_t len, struct docx_err *err)
{
	struct docx_doc d;
	char *out = NULL;
	size_t olen = 0;
	docx_doc_init(&d);
	docx_err_init(err);
	if (load(data, len, &d, err) >= 0) {
		FILE *fp = open_memstream(&out, &olen);
		docx_doc_dump(&d, fp);
		fclose(fp);
	}
	docx_doc_release(&d);
	return out;
}

static inline char *dump_fixture(loader_fn load, const char *name, struct docx_err *err)
{
	size_t len;
	char *data = fixture_bytes(name, &len);
	char *out = data ? dump_mem(load, data, len, err) : NULL;
	free(data);
	return out;
}

/* The records of two fixtures are equal apart from provenance and place. */
static inline int same_records(struct got *a, struct got *b)
{
	static const enum rec_field keys[] = {
	    R_TEN,	    R_NAM_SINH,	  R_GIOI_TINH,	  R_DAN_TOC,  R_CHUC_VU,
	    R_NOI_CONG_TAC, R_THANH_TICH, R_LINH_VUC_GOC, R_LOAI_GOC, R_DON_VI_GOC,
	    R_NGAY_VB,	    R_THANG_VB,	  R_TIEU_DE};
	if (a->n != b->n || a->n == 0)
		return 0;
	for (int i = 0; i < a->n && i < MAXR; i++)
		for (size_t k = 0; k < ARRAY_SIZE(keys); k++)
			if (strcmp(rec_get(&a->v[i], keys[k]), rec_get(&b->v[i], keys[k]))) {
				fprintf(stderr, "  record %d field %d: \"%s\" vs \"%s\"\n", i,
					(int)keys[k], rec_get(&a->v[i], keys[k]),
					rec_get(&b->v[i], keys[k]));
				return 0;
			}
	return 1;
}

static inline void load_plan(void)
{
	have_plan = plan_load(&plan, "templates/plan") == 0;
	if (!have_plan)
		fprintf(stderr, "  (templates/plan not loaded: running without a plan)\n");
}

static inline void free_plan(void)
{
	if (have_plan)
		plan_release(&plan);
}

#endif
