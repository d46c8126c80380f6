/* merge.c - one month's judged dataset: the month and its inputs, the
 * steps in order (merge_compute) and the whole stage (merge_run); see
 * merge.h. */
#include "merge.h"
#include "csvio.h"
#include "ledger.h"
#include "merge_stage.h"
#include "plan.h"
#include "problem.h"
#include "util.h"

#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#define MAX_RECORDS 500000
#define MAX_FILES 100000

/* ---- problem rows ---- */

void problist_init(struct problist *l)
{
	l->v = NULL;
	l->n = l->cap = 0;
}

void problist_release(struct problist *l)
{
	for (size_t i = 0; i < l->n; i++)
		for (int k = 0; k < PB_NFIELDS; k++)
			free(l->v[i].f[k]);
	free(l->v);
	problist_init(l);
}

void problist_add(struct problist *l, const char *nguon, const char *vi_tri, const char *ma,
		  const char *muc_do, const char *msg, const char *id)
{
	const char *vals[PB_NFIELDS] = {nguon, vi_tri, ma, muc_do, msg, id};
	XGROW(l->v, l->cap, l->n + 1);
	struct prob *p = &l->v[l->n++];
	for (int k = 0; k < PB_NFIELDS; k++)
		p->f[k] = xstrdup(vals[k] ? vals[k] : "");
	p->ord = 0;
}

struct prob *problist_report(struct problist *l, const char *nguon, const char *vi_tri, int code,
			     const char *detail, const char *id)
{
	enum problem_code c = (enum problem_code)code;
	char *msg = problem_message(c, detail);
	problist_add(l, nguon, vi_tri, problem_code_name(c), problem_level_name(problem_level(c)),
		     msg, id);
	free(msg);
	return &l->v[l->n - 1];
}

/* ---- the month ---- */

int merge_month_init(struct merge_month *m, const char *thang)
{
	memset(m, 0, sizeof *m);
	m->thang = xstrdup(thang ? thang : "");
	problist_init(&m->probs);
	m->dec_nguon = xasprintf("%s/xem-xet.csv", m->thang);
	m->stage = stage_open();
	if (!m->stage) {
		merge_month_release(m);
		return -1;
	}
	return 0;
}

void merge_month_release(struct merge_month *m)
{
	stage_free(m->stage);
	free(m->fcount);
	for (size_t i = 0; i < m->nfiles; i++)
		file_row_release(&m->files[i]);
	free(m->files);
	problist_release(&m->probs);
	for (size_t i = 0; i < m->ndec; i++) {
		free(m->dec[i].id);
		free(m->dec[i].raw);
		free(m->dec[i].ly_do);
		for (int f = 0; f < MERGE_NFIXABLE; f++)
			free(m->dec[i].fix[f]);
	}
	free(m->dec);
	for (size_t i = 0; i < m->nfixes; i++) {
		free(m->fixes[i].id);
		free(m->fixes[i].old);
		free(m->fixes[i].new_value);
	}
	free(m->fixes);
	free(m->dec_nguon);
	for (size_t i = 0; i < m->nunits; i++) {
		free(m->units[i].ma);
		free(m->units[i].ten);
		free(m->units[i].ngay_gui);
		free(m->units[i].key);
	}
	free(m->units);
	free(m->thang);
	memset(m, 0, sizeof *m);
}

int merge_month_add_rec(struct merge_month *m, const struct record *r)
{
	if (m->stage->nrecs >= MAX_RECORDS)
		return error("quá nhiều hồ sơ trong tháng (tối đa %d)", MAX_RECORDS);
	return stage_add_rec(m, r);
}

void merge_month_add_file(struct merge_month *m, const struct file_row *f)
{
	XGROW(m->files, m->capfiles, m->nfiles + 1);
	struct file_row *d = &m->files[m->nfiles++];
	file_row_init(d);
	for (size_t i = 0; i < FILE_NFIELDS; i++)
		file_row_set(d, (enum file_field)i, f->f[i]);
}

/* A row of the records CSV is staged straight from the reader's fields:
 * the record only lends them (staging copies what it keeps), so no field
 * is copied or freed on the way. */
static int on_input_rec(void *ctx, char **vals, size_t row)
{
	struct record view;
	(void)row;
	for (size_t i = 0; i < REC_NFIELDS; i++)
		view.f[i] = vals[i];
	return merge_month_add_rec(ctx, &view);
}

int merge_read_records(struct merge_month *m, const char *path)
{
	return csv_read_named(path, rec_field_names, REC_NFIELDS, on_input_rec, m) == 0 ? 0 : -1;
}

static int on_input_file(void *ctx, struct file_row *f)
{
	struct merge_month *m = ctx;
	if (m->nfiles >= MAX_FILES)
		return error("quá nhiều tệp trong tháng (tối đa %d)", MAX_FILES);
	if (*file_row_get(f, FL_NGUON))
		merge_month_add_file(m, f);
	return 0;
}

int merge_read_files(struct merge_month *m, const char *path)
{
	return file_rows_read(path, on_input_file, m) == 0 ? 0 : -1;
}

static const char *const prob_cols[PB_NFIELDS] = {"nguon",  "vi_tri",	  "ma",
						  "muc_do", "thong_diep", "id"};

static int on_input_prob(void *ctx, char **vals, size_t row)
{
	struct merge_stage *s = ctx;
	(void)row;
	if (!*vals[PB_MA] && !*vals[PB_THONG_DIEP])
		return 0;
	return stage_add_prob(s, (const char *const *)vals, 0);
}

int merge_read_problems(struct merge_month *m, const char *path)
{
	return csv_read_named(path, prob_cols, PB_NFIELDS, on_input_prob, m->stage) == 0 ? 0 : -1;
}

/* ---- the steps ---- */

static int file_cmp(const void *x, const void *y)
{
	const struct file_row *a = x, *b = y;
	return natural_cmp(file_row_get(a, FL_NGUON), file_row_get(b, FL_NGUON));
}

int merge_compute(struct merge_month *m, const struct plan *p, struct ledger *lg)
{
	if (m->stage->failed)
		return -1;
	if (m->nfiles > 1)
		qsort(m->files, m->nfiles, sizeof *m->files, file_cmp);
	if (merge_corrections(m, p) != 0 || stage_flush_probs(m) != 0)
		return -1;
	step_time("merge: corrections");
	if (merge_duplicates(m) != 0 || stage_flush_probs(m) != 0)
		return -1;
	step_time("merge: duplicates");
	if (merge_history(m, lg) != 0 || stage_flush_probs(m) != 0)
		return -1;
	step_time("merge: history");
	if (merge_decisions(m) != 0 || stage_flush_probs(m) != 0)
		return -1;
	step_time("merge: decisions");
	merge_units(m, p);
	step_time("merge: units");
	return stage_flush_probs(m) != 0 || m->stage->failed ? -1 : 0;
}

/* ---- the stage ---- */

/* Reads the inputs, computes, stores (unless check) and writes. */
static int run_month(struct merge_month *m, const struct plan *p, const struct merge_opts *o,
		     struct ledger *lg)
{
	step_time("merge: start");
	if (!o->decisions)
		stage_skip_raw(m->stage); /* no correction will re-validate */
	if (merge_read_records(m, o->records) != 0 || merge_read_files(m, o->files) != 0)
		return error("không đọc được dữ liệu đầu vào của tháng %s", o->month);
	step_time("merge: read records and files");
	for (size_t i = 0; i < o->nproblems; i++)
		if (merge_read_problems(m, o->problems[i]) != 0)
			return error("không đọc được %s", o->problems[i]);
	step_time("merge: read problems");
	if (o->decisions && merge_read_decisions(m, o->decisions) != 0)
		return error("không đọc được tệp quyết định %s", o->decisions);
	if (merge_compute(m, p, lg) != 0)
		return error("không hợp nhất được tháng %s", o->month);
	if (!o->check) {
		char run_time[32];
		time_t now = time(NULL);
		struct tm tm;
		gmtime_r(&now, &tm);
		strftime(run_time, sizeof run_time, "%Y-%m-%dT%H:%M:%SZ", &tm);
		int rc = merge_store_write(m, lg, run_time, o->crash_at, o->outdir);
		step_time("merge: ledger and outputs");
		if (rc == MERGE_ERR_LEDGER)
			return error("không ghi được tháng %s vào sổ cái %s", o->month, o->ledger);
		if (rc != 0)
			return error("không ghi được kết quả vào %s", o->outdir);
		return 0;
	}
	if (mkdir_p(o->outdir) != 0 || merge_write_outputs(m, o->outdir) != 0)
		return error("không ghi được kết quả vào %s", o->outdir);
	step_time("merge: outputs");
	return 0;
}

int merge_run(const struct plan *p, const struct merge_opts *o)
{
	struct merge_month m;
	struct ledger lg;
	struct stat st;
	if (month_parse(o->month, NULL, NULL) != 0)
		return error("tháng không hợp lệ: '%s' (cần dạng YYYY-MM)", o->month);
	/* --check reads the ledger when there is one and never creates it */
	int have_ledger = !o->check || stat(o->ledger, &st) == 0;
	if (have_ledger && ledger_open(&lg, o->ledger, o->check ? LEDGER_READ : LEDGER_WRITE) != 0)
		return error("không mở được sổ cái %s", o->ledger);
	int rc = -1;
	/* the month's records and problems in a temporary database, not in
	 * memory: peak RSS does not grow with the month */
	if (merge_month_init(&m, o->month) != 0) {
		error("không tạo được cơ sở dữ liệu tạm cho tháng %s", o->month);
	} else {
		rc = run_month(&m, p, o, have_ledger ? &lg : NULL);
		merge_month_release(&m);
	}
	if (have_ledger)
		ledger_close(&lg);
	return rc;
}
