/* office_test.h - helpers of the .doc/.xls/.rtf/OLE unit tests: a builder
 * of small OLE compound files (512-byte sectors, every stream in regular
 * sectors: mini stream cutoff 0), and reading a file through ingest_data()
 * (format by content) into a list of records. */
#ifndef DH_OFFICE_TEST_H
#define DH_OFFICE_TEST_H

#include "buf.h"
#include "ingest.h"
#include "plan.h"
#include "problem.h"
#include "record.h"
#include "util.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static inline void put16(unsigned char *p, unsigned v)
{
	p[0] = (unsigned char)v;
	p[1] = (unsigned char)(v >> 8);
}

static inline void put32(unsigned char *p, uint32_t v)
{
	put16(p, v & 0xFFFF);
	put16(p + 2, v >> 16);
}

struct cfb_stream {
	const char *name;
	const void *data;
	size_t len;
};

/* Builds a compound file holding the streams (at most 3) as children of
 * the root.  Returns the malloc'd bytes (length in *len); fat_out (may be
 * NULL) receives the offset of the FAT sector, so tests can break it. */
static inline unsigned char *cfb_build(const struct cfb_stream *s, size_t n, size_t *len,
				       size_t *fat_off)
{
	size_t nsec = 2; /* FAT, directory */
	size_t start[3];
	for (size_t i = 0; i < n; i++) {
		start[i] = nsec;
		nsec += (s[i].len + 511) / 512;
	}
	unsigned char *f = xcalloc(512 * (nsec + 1), 1);
	static const unsigned char magic[8] = {0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1};
	memcpy(f, magic, 8);
	put16(f + 0x18, 0x3E);
	put16(f + 0x1A, 3);
	put16(f + 0x1C, 0xFFFE);
	put16(f + 0x1E, 9);
	put16(f + 0x20, 6);
	put32(f + 0x2C, 1);	     /* FAT sectors */
	put32(f + 0x30, 1);	     /* first directory sector */
	put32(f + 0x38, 0);	     /* mini stream cutoff: none */
	put32(f + 0x3C, 0xFFFFFFFE); /* no miniFAT */
	put32(f + 0x44, 0xFFFFFFFE); /* no DIFAT chain */
	for (int i = 0; i < 109; i++)
		put32(f + 0x4C + 4 * i, 0xFFFFFFFF);
	put32(f + 0x4C, 0); /* the FAT is sector 0 */
	unsigned char *fat = f + 512;
	for (int i = 0; i < 128; i++)
		put32(fat + 4 * i, 0xFFFFFFFF);
	put32(fat, 0xFFFFFFFD);
	put32(fat + 4, 0xFFFFFFFE);
	for (size_t i = 0; i < n; i++) {
		size_t k = (s[i].len + 511) / 512;
		for (size_t j = 0; j < k; j++)
			put32(fat + 4 * (start[i] + j),
			      j + 1 < k ? (uint32_t)(start[i] + j + 1) : 0xFFFFFFFE);
		memcpy(f + 512 * (start[i] + 1), s[i].data, s[i].len);
	}
	unsigned char *dir = f + 1024;
	for (int e = 0; e < 4; e++) {
		put32(dir + 128 * e + 68, 0xFFFFFFFF);
		put32(dir + 128 * e + 72, 0xFFFFFFFF);
		put32(dir + 128 * e + 76, 0xFFFFFFFF);
	}
	const char *root = "Root Entry";
	for (size_t i = 0; root[i]; i++)
		put16(dir + 2 * i, (unsigned char)root[i]);
	put16(dir + 64, (unsigned)(2 * strlen(root) + 2));
	dir[66] = 5;
	put32(dir + 76, n ? 1 : 0xFFFFFFFF);
	put32(dir + 116, 0xFFFFFFFE);
	for (size_t i = 0; i < n; i++) {
		unsigned char *e = dir + 128 * (i + 1);
		for (size_t k = 0; s[i].name[k]; k++)
			put16(e + 2 * k, (unsigned char)s[i].name[k]);
		put16(e + 64, (unsigned)(2 * strlen(s[i].name) + 2));
		e[66] = 2;
		if (i + 1 < n)
			put32(e + 72, (uint32_t)(i + 2)); /* right sibling */
		put32(e + 116, (uint32_t)start[i]);
		put32(e + 120, (uint32_t)s[i].len);
	}
	*len = 512 * (nsec + 1);
	if (fat_off)
		*fat_off = 512;
	return f;
}

/* --- ingest --- */

struct ingested {
	struct rec_list recs;
	unsigned long counts[PC_COUNT];
	const char *ma_cu, *dinh_dang;
	char *probs;
	size_t probs_len;
};

static struct plan test_plan __attribute__((unused));
static int test_have_plan __attribute__((unused));

static inline void load_test_plan(void)
{
	test_have_plan = plan_load(&test_plan, "templates/plan") == 0;
}

static inline int ingested_keep(void *ctx, struct record *r)
{
	return rec_list_collect(&((struct ingested *)ctx)->recs, r);
}

/* Reads bytes through ingest_data(); returns the records emitted. */
static inline long ingest_bytes(struct ingested *g, const char *name, const char *data, size_t len)
{
	memset(g, 0, sizeof *g);
	FILE *pf = open_memstream(&g->probs, &g->probs_len);
	struct problem_sink sink;
	struct ingest_ctx c;
	struct file_info fi = {name, name, "", "2026-11-20", (long long)len};
	problem_sink_init(&sink, pf, 0);
	ingest_ctx_init(&c, test_have_plan ? &test_plan : NULL, &sink, ingested_keep, g, "2026-11");
	sha256_hex(data, len, fi.sha256);
	long n = ingest_data(&c, &fi, data, len);
	g->ma_cu = c.ma_cu;
	g->dinh_dang = c.dinh_dang;
	memcpy(g->counts, sink.counts, sizeof g->counts);
	ingest_ctx_release(&c);
	fclose(pf);
	return n;
}

/* The same from a fixture file; -2 when it is missing. */
static inline long ingest_path(struct ingested *g, const char *path)
{
	char *data = NULL;
	size_t len;
	if (read_file(path, INGEST_MAX_FILE, &data, &len) != 0) {
		memset(g, 0, sizeof *g);
		return -2;
	}
	long n = ingest_bytes(g, path, data, len);
	free(data);
	return n;
}

static inline void ingested_release(struct ingested *g)
{
	rec_list_release(&g->recs);
	free(g->probs);
	memset(g, 0, sizeof *g);
}

/* 1 when both lists hold the same nominations: every field equal but the
 * provenance and place (nguon, vi_tri, sha256, id, ngay_tep, bo_cuc); the
 * first difference is printed. */
static inline int same_records(const struct ingested *a, const struct ingested *b)
{
	if (a->recs.n != b->recs.n) {
		fprintf(stderr, "  records: %zu vs %zu\n", a->recs.n, b->recs.n);
		return 0;
	}
	for (size_t i = 0; i < a->recs.n; i++)
		for (int k = 0; k < REC_NFIELDS; k++) {
			enum rec_field f = (enum rec_field)k;
			if (f == R_NGUON || f == R_VI_TRI || f == R_SHA256 || f == R_ID ||
			    f == R_NGAY_TEP || f == R_BO_CUC)
				continue;
			if (strcmp(rec_get(&a->recs.v[i], f), rec_get(&b->recs.v[i], f)) != 0) {
				fprintf(stderr, "  record %zu field %d: \"%s\" vs \"%s\"\n", i, k,
					rec_get(&a->recs.v[i], f), rec_get(&b->recs.v[i], f));
				return 0;
			}
		}
	return 1;
}

#endif
