/* merge_stage.c - the merge stage's temporary database: the month's records
 * and problems on disk, read back in output order (see merge_stage.h). */
#include "merge_stage.h"
#include "buf.h"
#include "problem.h"
#include "text.h"
#include "util.h"

#include <stdlib.h>
#include <string.h>

/* The staged record columns are all of record.h's (re-validation after a
 * correction needs the raw ones), then khoa, ord, tl.  The scans of the
 * final records read only the fields a final record carries: dataset.csv's
 * and ghi_chu (R_ID..R_GHI_CHU), so their sorts move fewer bytes. */
#define STAGE_NFINAL (R_GHI_CHU + 1)

int stage_error(struct merge_stage *s, const char *what)
{
	s->failed = 1;
	return error("cơ sở dữ liệu tạm của bước hợp nhất: %s: %s", what, sqlite3_errmsg(s->db));
}

int stage_exec(struct merge_stage *s, const char *sql)
{
	if (sqlite3_exec(s->db, sql, NULL, NULL, NULL) != SQLITE_OK)
		return stage_error(s, sql);
	return 0;
}

int stage_prepare(struct merge_stage *s, const char *sql, sqlite3_stmt **st)
{
	if (sqlite3_prepare_v2(s->db, sql, -1, st, NULL) != SQLITE_OK) {
		*st = NULL;
		return stage_error(s, "lệnh SQL không hợp lệ");
	}
	return 0;
}

const char *stage_col(sqlite3_stmt *st, int i)
{
	const unsigned char *s = sqlite3_column_text(st, i);
	return s ? (const char *)s : "";
}

void stage_free(struct merge_stage *s)
{
	if (!s)
		return;
	sqlite3_finalize(s->ins_rec);
	sqlite3_finalize(s->ins_prob);
	if (s->db)
		sqlite3_close(s->db);
	free(s->flags);
	free(s->dec);
	free(s->unit);
	free(s->sk_unit);
	free(s);
}

void stage_skip_raw(struct merge_stage *s)
{
	s->no_raw = 1;
}

struct merge_stage *stage_open(void)
{
	struct merge_stage *s = xcalloc(1, sizeof *s);
	struct buf sql = BUF_INIT;
	/* "": a private on-disk database, deleted when closed */
	/* NOMUTEX: the connection is the stage's, used by one thread */
	if (sqlite3_open_v2("", &s->db,
			    SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX,
			    NULL) != SQLITE_OK) {
		error("không tạo được cơ sở dữ liệu tạm: %s",
		      s->db ? sqlite3_errmsg(s->db) : "hết bộ nhớ");
		goto fail;
	}
	if (nominee_sql_register(s->db) != 0) {
		stage_error(s, "collation");
		goto fail;
	}
	buf_adds(&sql,
		 "PRAGMA page_size = 16384; PRAGMA cache_size = -2048; PRAGMA temp_store = FILE;"
		 " PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF;"
		 " CREATE TABLE recs (");
	for (size_t c = 0; c < REC_NFIELDS; c++)
		buf_printf(&sql, "%s, ", rec_field_names[c]);
	buf_adds(&sql,
		 "khoa, ord, tl);"
		 " CREATE TABLE probs (nguon, vi_tri, ma, muc_do, thong_diep, id, ord, ne, rk);"
		 " BEGIN");
	if (stage_exec(s, buf_cstr(&sql)) != 0)
		goto fail;
	buf_reset(&sql);
	buf_adds(&sql, "INSERT INTO recs VALUES (");
	for (size_t c = 0; c < REC_NFIELDS + 3; c++)
		buf_adds(&sql, c ? ",?" : "?");
	buf_adds(&sql, ")");
	if (stage_prepare(s, buf_cstr(&sql), &s->ins_rec) != 0 ||
	    stage_prepare(s, "INSERT INTO probs VALUES (?,?,?,?,?,?,?,?,?)", &s->ins_prob) != 0)
		goto fail;
	buf_release(&sql);
	return s;
fail:
	buf_release(&sql);
	stage_free(s);
	return NULL;
}

/* vn_sort_key() of the unit name: records come file by file, so the last
 * one is kept. */
static const char *unit_sort_key(struct merge_stage *s, const char *unit)
{
	if (!s->unit || strcmp(s->unit, unit) != 0) {
		free(s->unit);
		free(s->sk_unit);
		s->unit = xstrdup(unit);
		s->sk_unit = vn_sort_key(unit);
	}
	return s->sk_unit;
}

/* Binds the record's columns, khoa and ord from parameter k on; returns
 * the next parameter.  The strings bound stay valid until *keep is
 * released. */
static int bind_rec(struct merge_stage *s, sqlite3_stmt *st, int k, const struct record *r,
		    const char *thang, struct buf *keep)
{
	for (size_t c = 0; c < REC_NFIELDS; c++, k++) {
		const char *v = c == R_THANG && *thang ? thang : rec_get(r, (enum rec_field)c);
		if (c > R_GHI_CHU && s->no_raw)
			sqlite3_bind_null(st, k);
		else
			sqlite3_bind_text(st, k, v, -1, SQLITE_STATIC);
	}
	char *khoa = vn_ident_key(rec_get(r, R_TEN));
	char *sk_name = vn_sort_key(rec_get(r, R_TEN));
	buf_reset(keep);
	nominee_order_key(keep, r, unit_sort_key(s, rec_get(r, R_DON_VI)), sk_name);
	sqlite3_bind_text(st, k++, khoa, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, k++, keep->data ? keep->data : "", (int)keep->len, SQLITE_STATIC);
	free(khoa);
	free(sk_name);
	return k;
}

int stage_add_rec(struct merge_month *m, const struct record *r)
{
	struct merge_stage *s = m->stage;
	sqlite3_stmt *st = s->ins_rec;
	struct buf keep = BUF_INIT;
	int k = bind_rec(s, st, 1, r, m->thang, &keep);
	sqlite3_bind_int(st, k++, rec_has_problem(r, PC_TRUNG_LAP));
	int rc = sqlite3_step(st);
	sqlite3_reset(st); /* every parameter is bound again for the next row */
	buf_release(&keep);
	if (rc != SQLITE_DONE)
		return stage_error(s, "không ghi được hồ sơ");
	if (s->nrecs == s->cap) {
		s->cap = s->cap ? 2 * s->cap : 1024;
		s->flags = xrealloc(s->flags, s->cap * sizeof *s->flags);
		s->dec = xrealloc(s->dec, s->cap * sizeof *s->dec);
	}
	s->flags[s->nrecs] = 0;
	s->dec[s->nrecs] = 0;
	s->nrecs++;
	return 0;
}

static int code_rank(const char *ma)
{
	int c = problem_code_by_name(ma);
	return c < 0 ? PC_COUNT : c;
}

int stage_add_prob(struct merge_stage *s, const char *const *f, size_t ord)
{
	sqlite3_stmt *st = s->ins_prob;
	for (int k = 0; k < PB_NFIELDS; k++)
		sqlite3_bind_text(st, k + 1, f[k] ? f[k] : "", -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 7, (sqlite3_int64)ord);
	sqlite3_bind_int(st, 8, !f[PB_NGUON] || !*f[PB_NGUON]);
	sqlite3_bind_int(st, 9, code_rank(f[PB_MA] ? f[PB_MA] : ""));
	int rc = sqlite3_step(st);
	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
	if (rc != SQLITE_DONE)
		return stage_error(s, "không ghi được vấn đề");
	return 0;
}

int stage_flush_probs(struct merge_month *m)
{
	int rc = 0;
	for (size_t i = 0; i < m->probs.n && rc == 0; i++)
		rc = stage_add_prob(m->stage, (const char *const *)m->probs.v[i].f,
				    m->probs.v[i].ord);
	problist_release(&m->probs);
	return rc;
}

int stage_maybe_flush(struct merge_month *m)
{
	return m->probs.n >= 1024 ? stage_flush_probs(m) : 0;
}

int stage_update_rec(struct merge_month *m, size_t row, const struct record *r)
{
	struct merge_stage *s = m->stage;
	struct buf sql = BUF_INIT, keep = BUF_INIT;
	sqlite3_stmt *st;
	buf_adds(&sql, "UPDATE recs SET ");
	for (size_t c = 0; c < REC_NFIELDS; c++)
		buf_printf(&sql, "%s = ?, ", rec_field_names[c]);
	buf_adds(&sql, "khoa = ?, ord = ? WHERE rowid = ?");
	int rc = stage_prepare(s, buf_cstr(&sql), &st);
	buf_release(&sql);
	if (rc != 0)
		return -1;
	int k = bind_rec(s, st, 1, r, m->thang, &keep);
	sqlite3_bind_int64(st, k, (sqlite3_int64)row + 1);
	if (sqlite3_step(st) != SQLITE_DONE)
		rc = stage_error(s, "không ghi được hồ sơ");
	sqlite3_finalize(st);
	buf_release(&keep);
	return rc;
}

int stage_delete_probs(struct merge_stage *s, const struct record *r)
{
	sqlite3_stmt *st;
	if (stage_prepare(s, "DELETE FROM probs WHERE id = ?1 AND nguon = ?2 AND vi_tri = ?3",
			  &st) != 0)
		return -1;
	sqlite3_bind_text(st, 1, rec_get(r, R_ID), -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, rec_get(r, R_NGUON), -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, rec_get(r, R_VI_TRI), -1, SQLITE_STATIC);
	int rc = sqlite3_step(st) == SQLITE_DONE ? 0 : stage_error(s, "không xóa được vấn đề");
	sqlite3_finalize(st);
	return rc;
}

char *stage_rec_select(size_t nfields, const char *tail)
{
	struct buf b = BUF_INIT;
	buf_adds(&b, "SELECT ");
	for (size_t c = 0; c < nfields; c++)
		buf_printf(&b, "%s, ", rec_field_names[c]);
	buf_printf(&b, "khoa, rowid FROM recs %s", tail);
	return buf_detach(&b);
}

void stage_load_raw(sqlite3_stmt *st, struct record *r, size_t nfields)
{
	for (size_t c = 0; c < nfields; c++)
		rec_set(r, (enum rec_field)c, stage_col(st, (int)c));
}

/* The final record of the current row of a stage_rec_select(STAGE_NFINAL),
 * with the codes, status and decision the steps gave it. */
static void stage_load(const struct merge_month *m, sqlite3_stmt *st, struct nom_rec *mr)
{
	stage_load_raw(st, &mr->r, STAGE_NFINAL);
	free(mr->khoa);
	mr->khoa = xstrdup(stage_col(st, STAGE_NFINAL));
	size_t i = (size_t)sqlite3_column_int64(st, STAGE_NFINAL + 1) - 1;
	unsigned char fl = i < m->stage->nrecs ? m->stage->flags[i] : 0;
	unsigned dec = i < m->stage->nrecs ? m->stage->dec[i] : 0;
	if (fl & MF_DUP)
		rec_add_problem(&mr->r, PC_TRUNG_LAP);
	if (fl & MF_RESENT)
		rec_add_problem(&mr->r, PC_GUI_LAI);
	if (fl & MF_HIST) /* before a correction's quyet_dinh, as ledger_refresh_history() */
		rec_take(&mr->r, R_VAN_DE,
			 nom_codes_with(rec_get(&mr->r, R_VAN_DE),
					problem_code_name(PC_DA_DE_CU_TRUOC), 1));
	rec_set(&mr->r, R_TRANG_THAI,
		nom_status_name(nom_status_from_codes(rec_get(&mr->r, R_VAN_DE))));
	if (dec && dec <= m->ndec)
		decide_rec(&mr->r, &m->dec[dec - 1]);
}

int stage_scan(const struct merge_month *m, int sorted, merge_rec_fn cb, void *ctx)
{
	struct merge_stage *s = m->stage;
	char *sql = stage_rec_select(
	    STAGE_NFINAL, sorted ? "ORDER BY ord COLLATE nominee_order, rowid" : "ORDER BY rowid");
	sqlite3_stmt *st;
	int rc = stage_prepare(s, sql, &st), step = SQLITE_DONE;
	free(sql);
	if (rc != 0)
		return -1;
	struct nom_rec mr;
	memset(&mr, 0, sizeof mr);
	for (size_t i = 0; rc == 0 && (step = sqlite3_step(st)) == SQLITE_ROW; i++) {
		rec_init(&mr.r);
		stage_load(m, st, &mr);
		rc = cb(ctx, &mr, i);
		rec_release(&mr.r);
	}
	free(mr.khoa);
	if (rc == 0 && step != SQLITE_DONE)
		rc = stage_error(s, "không đọc được hồ sơ");
	sqlite3_finalize(st);
	return rc;
}

int merge_each_rec(const struct merge_month *m, merge_rec_fn cb, void *ctx)
{
	return stage_scan(m, 1, cb, ctx);
}

int merge_each_prob(const struct merge_month *m, merge_prob_fn cb, void *ctx)
{
	struct merge_stage *s = m->stage;
	sqlite3_stmt *st;
	if (stage_prepare(s,
			  "SELECT nguon, vi_tri, ma, muc_do, thong_diep, id, ord FROM probs"
			  " ORDER BY ne, nguon COLLATE nat, ord, vi_tri COLLATE nat, rk, ma,"
			  " id COLLATE nat, thong_diep, muc_do",
			  &st) != 0)
		return -1;
	char *prev[PB_NFIELDS] = {NULL};
	sqlite3_int64 prev_ord = -1;
	int rc = 0, step;
	size_t n = 0;
	while (rc == 0 && (step = sqlite3_step(st)) == SQLITE_ROW) {
		const char *f[PB_NFIELDS];
		int same = prev[0] != NULL && sqlite3_column_int64(st, PB_NFIELDS) == prev_ord;
		for (int k = 0; k < PB_NFIELDS; k++) {
			f[k] = stage_col(st, k);
			same = same && strcmp(f[k], prev[k]) == 0;
		}
		if (same)
			continue; /* an exact duplicate row */
		for (int k = 0; k < PB_NFIELDS; k++) {
			free(prev[k]);
			prev[k] = xstrdup(f[k]);
		}
		prev_ord = sqlite3_column_int64(st, PB_NFIELDS);
		rc = cb(ctx, (const char *const *)prev, n++);
	}
	if (rc == 0 && step != SQLITE_DONE)
		rc = stage_error(s, "không đọc được vấn đề");
	for (int k = 0; k < PB_NFIELDS; k++)
		free(prev[k]);
	sqlite3_finalize(st);
	return rc;
}

void merge_counts(const struct merge_month *m, size_t *nrecs, long st[ST_NSTATUS])
{
	*nrecs = m->stage->nrecs;
	for (int k = 0; k < ST_NSTATUS; k++)
		st[k] = (long)m->stage->nst[k];
}
