/* merge_output.c - what the merge stage leaves behind: the month's four
 * CSV files, its rows in the ledger, and the one-screen summary read back
 * from the output folder (see merge.h). */
#include "buf.h"
#include "counts.h"
#include "csvio.h"
#include "ledger.h"
#include "merge_stage.h"
#include "problem.h"
#include "util.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const char *const prob_cols[PB_NFIELDS] = {"nguon",  "vi_tri",	  "ma",
						  "muc_do", "thong_diep", "id"};

/* ---- output files ---- */

/* The sorted records and problems go through one pass each, into the
 * ledger and/or dataset.csv and van-de.csv (each NULL when not wanted). */
struct row_sink {
	struct ledger *lg;
	FILE *f;
};

static int sink_rec(void *ctx, const struct nom_rec *r, size_t i)
{
	struct row_sink *k = ctx;
	(void)i;
	if (k->f)
		rec_write_row(k->f, &r->r, nom_dataset_cols, NOM_DATASET_NCOLS);
	return k->lg ? ledger_put_record(k->lg, &r->r, r->khoa) : 0;
}

static int sink_prob(void *ctx, const char *const *f, size_t i)
{
	struct row_sink *k = ctx;
	(void)i;
	if (k->f)
		csv_write_row(k->f, f, PB_NFIELDS);
	return k->lg ? ledger_put_problem(k->lg, f[PB_NGUON], f[PB_VI_TRI], f[PB_MA], f[PB_MUC_DO],
					  f[PB_THONG_DIEP], f[PB_ID])
		     : 0;
}

static int write_dataset(FILE *f, const struct merge_month *m)
{
	struct row_sink k = {NULL, f};
	return merge_each_rec(m, sink_rec, &k);
}

static int write_problems(FILE *f, const struct merge_month *m)
{
	struct row_sink k = {NULL, f};
	return merge_each_prob(m, sink_prob, &k);
}

/* The BOM and header of dataset.csv or van-de.csv. */
static void write_head(FILE *f, int problems)
{
	if (problems) {
		csv_write_bom(f);
		csv_write_row(f, prob_cols, PB_NFIELDS);
	} else {
		nom_write_dataset(f, NULL, 0);
	}
}

static void write_units(FILE *f, const struct merge_month *m)
{
	static const char *const h[] = {"ma_don_vi", "ten_don_vi", "so_tep",	 "so_guong",
					"so_hop_le", "ngay_gui",   "trang_thai", "dat_yeu_cau"};
	csv_write_bom(f);
	csv_write_row(f, h, ARRAY_SIZE(h));
	for (size_t i = 0; i < m->nunits; i++) {
		const struct unit_row *u = &m->units[i];
		char a[24], b[24], c[24];
		snprintf(a, sizeof a, "%ld", u->so_tep);
		snprintf(b, sizeof b, "%ld", u->so_guong);
		snprintf(c, sizeof c, "%ld", u->so_hop_le);
		const char *row[] = {u->ma,
				     u->ten,
				     a,
				     b,
				     c,
				     u->ngay_gui,
				     unit_state_name(u->trang_thai),
				     unit_meets_target(u) ? "1" : "0"};
		csv_write_row(f, row, ARRAY_SIZE(row));
	}
}

static void write_files(FILE *f, const struct merge_month *m)
{
	static const char *const h[] = {"nguon",      "ma_don_vi", "don_vi_de_xuat", "ngay_gui",
					"kich_thuoc", "so_guong",  "so_hop_le",	     "loi",
					"trung_voi",  "sha256"};
	csv_write_bom(f);
	csv_write_row(f, h, ARRAY_SIZE(h));
	for (size_t i = 0; i < m->nfiles; i++) {
		const struct file_row *fr = &m->files[i];
		long n = m->fcount ? m->fcount[2 * i] : 0,
		     ok = m->fcount ? m->fcount[2 * i + 1] : 0;
		char a[24], b[24];
		snprintf(a, sizeof a, "%ld", n);
		snprintf(b, sizeof b, "%ld", ok);
		const char *row[] = {file_row_get(fr, FL_NGUON),
				     file_row_get(fr, FL_MA_DON_VI),
				     file_row_get(fr, FL_DON_VI),
				     file_row_get(fr, FL_NGAY_GUI),
				     file_row_get(fr, FL_KICH_THUOC),
				     a,
				     b,
				     file_row_get(fr, FL_LOI),
				     file_row_get(fr, FL_TRUNG_VOI),
				     file_row_get(fr, FL_SHA256)};
		csv_write_row(f, row, ARRAY_SIZE(row));
	}
}

/* Copies to f what was written to the anonymous file src (the month's
 * rows, written while the ledger was). */
static int copy_rows(FILE *src, FILE *f, const char *name)
{
	if (fflush(src) != 0 || ferror(src))
		return error("không ghi được tệp tạm của %s: %s", name, write_strerror(errno));
	rewind(src);
	char buf[1 << 16];
	size_t n;
	while ((n = fread(buf, 1, sizeof buf, src)) > 0)
		fwrite(buf, 1, n, f);
	return ferror(src) ? error("không đọc lại được tệp tạm của %s", name) : 0;
}

enum out_kind { OUT_DATASET, OUT_PROBLEMS, OUT_UNITS, OUT_FILES };

/* dir/name of the kind; its content copied from rows when not NULL. */
static int write_one(const struct merge_month *m, const char *dir, const char *name,
		     enum out_kind kind, FILE *rows)
{
	char *path = xasprintf("%s/%s", dir, name), *tmp;
	int rc = -1, wrc = 0;
	FILE *f = open_tmp(path, &tmp);
	if (!f)
		goto out;
	if (rows)
		wrc = copy_rows(rows, f, name);
	else
		switch (kind) {
		case OUT_DATASET:
			write_head(f, 0);
			wrc = write_dataset(f, m);
			break;
		case OUT_PROBLEMS:
			write_head(f, 1);
			wrc = write_problems(f, m);
			break;
		case OUT_UNITS:
			write_units(f, m);
			break;
		case OUT_FILES:
			write_files(f, m);
			break;
		}
	if (wrc != 0) {
		abort_tmp(f, tmp);
		goto out;
	}
	rc = commit_tmp(f, tmp, path);
out:
	free(path);
	return rc;
}

int merge_write_outputs(const struct merge_month *m, const char *dir)
{
	if (write_one(m, dir, "dataset.csv", OUT_DATASET, NULL) != 0 ||
	    write_one(m, dir, "van-de.csv", OUT_PROBLEMS, NULL) != 0 ||
	    write_one(m, dir, "don-vi.csv", OUT_UNITS, NULL) != 0 ||
	    write_one(m, dir, "tep.csv", OUT_FILES, NULL) != 0)
		return -1;
	return 0;
}

/* ---- the ledger ---- */

static int store_rows(const struct merge_month *m, struct ledger *lg, const char *run_time,
		      FILE *dataset, FILE *problems)
{
	size_t nrecs;
	long st[ST_NSTATUS];
	struct row_sink recs = {lg, dataset}, probs = {lg, problems};
	merge_counts(m, &nrecs, st);
	if (dataset)
		write_head(dataset, 0);
	if (problems)
		write_head(problems, 1);
	if (ledger_put_month(lg, run_time, m->han_nop, (long)m->nfiles, (long)nrecs,
			     st[ST_HOP_LE] + st[ST_CAN_XEM_XET]) != 0 ||
	    merge_each_rec(m, sink_rec, &recs) != 0)
		return -1;
	for (size_t i = 0; i < m->nfiles; i++)
		if (ledger_put_file(lg, &m->files[i]) != 0)
			return -1;
	if (merge_each_prob(m, sink_prob, &probs) != 0)
		return -1;
	for (size_t i = 0; i < m->ndec; i++) {
		const struct decision *d = &m->dec[i];
		const char *qd = d->kind == QD_CHAP_NHAN ? "chap_nhan"
				 : d->kind == QD_LOAI_BO ? "loai_bo"
							 : d->raw;
		if (ledger_put_decision(lg, (long)d->line, d->id, qd, d->ly_do, d->applied) != 0)
			return -1;
	}
	for (size_t i = 0; i < m->nfixes; i++) {
		const struct correction *c = &m->fixes[i];
		if (ledger_put_correction(lg, (long)c->line, c->id, rec_field_names[c->field],
					  c->old, c->new_value) != 0)
			return -1;
	}
	for (size_t i = 0; i < m->nunits; i++) {
		const struct unit_row *u = &m->units[i];
		if (ledger_put_unit(lg, u->ma, u->ten, u->so_tep, u->so_guong, u->so_hop_le,
				    u->ngay_gui, unit_state_name(u->trang_thai)) != 0)
			return -1;
	}
	return 0;
}

/* merge_store(), writing the rows of dataset.csv and van-de.csv to the
 * given streams (or not, when NULL) in the same passes. */
static int store_month(const struct merge_month *m, struct ledger *lg, const char *run_time,
		       long crash_at, FILE *dataset, FILE *problems)
{
	if (ledger_month_begin(lg, m->thang, crash_at) != 0)
		return -1;
	char **stale = NULL;
	size_t nstale = 0;
	if (store_rows(m, lg, run_time, dataset, problems) != 0 ||
	    ledger_refresh_history(lg, m->thang, &stale, &nstale) != 0) {
		ledger_month_abort(lg);
		return -1;
	}
	int rc = ledger_month_commit(lg);
	if (rc == 0 && nstale) {
		struct buf b = BUF_INIT;
		for (size_t i = 0; i < nstale; i++)
			buf_printf(&b, "%s%s", i ? ", " : "", stale[i]);
		warning(
		    "đã cập nhật dấu \"đã giới thiệu ở tháng trước\" trong sổ cái cho tháng sau: "
		    "%s; hãy chạy lại %s để cập nhật kết quả",
		    buf_cstr(&b), nstale > 1 ? "các tháng đó" : "tháng đó");
		buf_release(&b);
	}
	ledger_free_list(stale, nstale);
	return rc;
}

int merge_store(const struct merge_month *m, struct ledger *lg, const char *run_time, long crash_at)
{
	return store_month(m, lg, run_time, crash_at, NULL, NULL);
}

int merge_store_write(const struct merge_month *m, struct ledger *lg, const char *run_time,
		      long crash_at, const char *dir)
{
	/* The rows of dataset.csv and van-de.csv wait in anonymous temporary
	 * files (unlinked already) until the ledger has committed: a run killed
	 * inside the transaction leaves nothing in dir. */
	FILE *dataset = tmpfile(), *problems = dataset ? tmpfile() : NULL;
	int rc = MERGE_ERR_LEDGER;
	if (!problems)
		error("không tạo được tệp tạm: %s", write_strerror(errno));
	else if (store_month(m, lg, run_time, crash_at, dataset, problems) == 0)
		rc = mkdir_p(dir) != 0 ||
			     write_one(m, dir, "dataset.csv", OUT_DATASET, dataset) != 0 ||
			     write_one(m, dir, "van-de.csv", OUT_PROBLEMS, problems) != 0 ||
			     write_one(m, dir, "don-vi.csv", OUT_UNITS, NULL) != 0 ||
			     write_one(m, dir, "tep.csv", OUT_FILES, NULL) != 0
			 ? MERGE_ERR_OUTPUT
			 : 0;
	if (dataset)
		fclose(dataset);
	if (problems)
		fclose(problems);
	return rc;
}

/* ---- the summary ---- */

/* Problem rows by code (--check lists them). */
struct code_counts {
	unsigned long codes[PC_COUNT + 1], nprobs;
};

static int on_problem(void *ctx, char **v, size_t row)
{
	struct code_counts *c = ctx;
	int k = problem_code_by_name(v[0]);
	c->codes[k < 0 ? PC_COUNT : k]++;
	c->nprobs++;
	return 0;
}

int merge_summary(const char *dir, const char *thang, int check, FILE *out)
{
	/* Every figure comes from the month's one set of numbers (counts.h),
	 * the same the PDFs and the other documents print. */
	struct month_counts mc;
	if (month_counts_load(&mc, dir) != 0)
		return -1;
	fprintf(out, "Tháng %s%s\n", thang, check ? " (chỉ kiểm tra, chưa ghi kết quả)" : "");
	counts_print_summary(out, &mc);
	if (check) {
		struct code_counts c;
		memset(&c, 0, sizeof c);
		char *p = xasprintf("%s/van-de.csv", dir);
		const char *const cols[] = {"ma"};
		int rc = access(p, R_OK) == 0 ? csv_read_named(p, cols, 1, on_problem, &c) : 0;
		free(p);
		if (rc != 0)
			return -1;
		fprintf(out, "  Vấn đề theo mã (%lu dòng):\n", c.nprobs);
		for (int k = 0; k <= PC_COUNT; k++)
			if (c.codes[k])
				fprintf(out, "    %-20s %lu\n",
					k < PC_COUNT ? problem_code_name((enum problem_code)k)
						     : "(khác)",
					c.codes[k]);
		return 0;
	}
	fprintf(out, "  Danh sách gửi tỉnh:  %s/danh-sach.pdf\n", dir);
	fprintf(out, "  Báo cáo thẩm định:   %s/bao-cao.pdf\n", dir);
	fprintf(out, "  Chi tiết:            %s/dataset.csv, van-de.csv, don-vi.csv\n", dir);
	return 0;
}
