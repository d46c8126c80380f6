/* record.c - nomination records and their CSV form. */
#include "record.h"
#include "buf.h"
#include "csvio.h"
#include "util.h"

#include <stdlib.h>
#include <string.h>

const char *const rec_field_names[REC_NFIELDS] = {
#define X(e, name) name,
    REC_FIELDS(X)
#undef X
};

const enum rec_field rec_all_fields[REC_NFIELDS] = {
#define X(e, name) e,
    REC_FIELDS(X)
#undef X
};

void rec_init(struct record *r)
{
	memset(r, 0, sizeof *r);
}

void rec_release(struct record *r)
{
	for (size_t i = 0; i < REC_NFIELDS; i++)
		free(r->f[i]);
	rec_init(r);
}

void rec_clear(struct record *r)
{
	rec_release(r);
}

const char *rec_get(const struct record *r, enum rec_field k)
{
	return r->f[k] ? r->f[k] : "";
}

void rec_set(struct record *r, enum rec_field k, const char *v)
{
	free(r->f[k]);
	r->f[k] = v && *v ? xstrdup(v) : NULL;
}

void rec_take(struct record *r, enum rec_field k, char *v)
{
	free(r->f[k]);
	if (v && !*v) {
		free(v);
		v = NULL;
	}
	r->f[k] = v;
}

void rec_copy(struct record *dst, const struct record *src)
{
	for (size_t i = 0; i < REC_NFIELDS; i++)
		rec_set(dst, (enum rec_field)i, src->f[i]);
}

int rec_field_by_name(const char *name)
{
	for (size_t i = 0; i < REC_NFIELDS; i++)
		if (strcmp(rec_field_names[i], name) == 0)
			return (int)i;
	return -1;
}

void rec_write_header(FILE *f, const enum rec_field *cols, size_t ncols)
{
	for (size_t i = 0; i < ncols; i++)
		csv_write_field(f, rec_field_names[cols[i]], i == 0);
	csv_end_row(f);
}

void rec_write_row(FILE *f, const struct record *r, const enum rec_field *cols, size_t ncols)
{
	for (size_t i = 0; i < ncols; i++)
		csv_write_field(f, rec_get(r, cols[i]), i == 0);
	csv_end_row(f);
}

struct rec_reader {
	rec_fn cb;
	void *ctx;
	struct record rec;
};

static int on_rec_row(void *ctx, char **vals, size_t row)
{
	struct rec_reader *rr = ctx;
	for (size_t i = 0; i < REC_NFIELDS; i++)
		rec_set(&rr->rec, (enum rec_field)i, vals[i]);
	int rc = rr->cb(rr->ctx, &rr->rec);
	rec_release(&rr->rec);
	return rc;
}

int rec_read_path(const char *path, rec_fn cb, void *ctx)
{
	struct rec_reader rr = {cb, ctx, {{0}}};
	int rc = csv_read_named(path, rec_field_names, REC_NFIELDS, on_rec_row, &rr);
	rec_release(&rr.rec);
	return rc;
}

void rec_list_release(struct rec_list *l)
{
	for (size_t i = 0; i < l->n; i++)
		rec_release(&l->v[i]);
	free(l->v);
	l->v = NULL;
	l->n = l->cap = 0;
}

int rec_list_collect(void *ctx, struct record *r)
{
	struct rec_list *l = ctx;
	XGROW(l->v, l->cap, l->n + 1);
	rec_init(&l->v[l->n]);
	rec_copy(&l->v[l->n], r);
	l->n++;
	return 0;
}

int rec_has_problem_code(const struct record *r, const char *code)
{
	const char *s = rec_get(r, R_VAN_DE);
	size_t n = strlen(code);
	while (*s) {
		const char *e = strchr(s, ';');
		size_t len = e ? (size_t)(e - s) : strlen(s);
		if (len == n && memcmp(s, code, n) == 0)
			return 1;
		if (!e)
			break;
		s = e + 1;
	}
	return 0;
}

void rec_add_problem_code(struct record *r, const char *code)
{
	if (rec_has_problem_code(r, code))
		return;
	struct buf b = BUF_INIT;
	buf_adds(&b, rec_get(r, R_VAN_DE));
	if (b.len)
		buf_addc(&b, ';');
	buf_adds(&b, code);
	rec_take(r, R_VAN_DE, buf_detach(&b));
}
