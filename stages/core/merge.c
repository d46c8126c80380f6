/* merge.c - one month's judged dataset: duplicates, history, decisions,
 * status, unit compliance and the month's output files (see merge.h). */
#include "merge.h"
#include "buf.h"
#include "csvio.h"
#include "ledger.h"
#include "legacy.h"
#include "plan.h"
#include "problem.h"
#include "text.h"
#include "util.h"

#include <errno.h>
#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>

#define MAX_RECORDS 500000
#define MAX_FILES 100000
#define MAX_PROBLEMS 2000000
#define MAX_DECISIONS 100000
#define MAX_DECISIONS_BYTES (8u << 20)

enum { MF_DUP = 1, MF_HIST = 2 };

struct merge_stage {
	sqlite3 *db; /* private temporary database (a file) */
	sqlite3_stmt *ins_rec, *ins_prob;
	size_t nrecs, cap;
	unsigned char *flags; /* per record (rowid - 1): MF_* */
	unsigned *dec;	      /* per record: index + 1 of the applied decision */
	size_t nst[3];	      /* hop_le, can_xem_xet, khong_hop_le (merge_units) */
	int failed;	      /* a database error in a void step */
};

static char *dup_detail(const char *ten, const char *nguon, const char *vi_tri);
static int stage_decide(struct merge_month *m, size_t di, size_t *count);

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

static const char *const prob_cols[PB_NFIELDS] = {"nguon",  "vi_tri",	  "ma",
						  "muc_do", "thong_diep", "id"};

static int on_prob_row(void *ctx, char **vals, size_t row)
{
	struct problist *l = ctx;
	if (l->n >= MAX_PROBLEMS)
		return error("quá nhiều dòng vấn đề (tối đa %d)", MAX_PROBLEMS);
	if (!*vals[PB_MA] && !*vals[PB_THONG_DIEP])
		return 0;
	problist_add(l, vals[0], vals[1], vals[2], vals[3], vals[4], vals[5]);
	return 0;
}

int problist_read(struct problist *l, const char *path)
{
	return csv_read_named(path, prob_cols, PB_NFIELDS, on_prob_row, l) == 0 ? 0 : -1;
}

/* natural_cmp on counted strings (the collation of the staged month). */
static int natural_ncmp(const char *a, size_t na, const char *b, size_t nb)
{
	const unsigned char *p = (const unsigned char *)a, *q = (const unsigned char *)b;
	const unsigned char *pe = p + na, *qe = q + nb;
	while (p < pe && q < qe) {
		if (*p >= '0' && *p <= '9' && *q >= '0' && *q <= '9') {
			while (p < pe && *p == '0')
				p++;
			while (q < qe && *q == '0')
				q++;
			size_t np = 0, nq = 0;
			while (p + np < pe && p[np] >= '0' && p[np] <= '9')
				np++;
			while (q + nq < qe && q[nq] >= '0' && q[nq] <= '9')
				nq++;
			if (np != nq)
				return np < nq ? -1 : 1;
			int c = memcmp(p, q, np);
			if (c)
				return c < 0 ? -1 : 1;
			p += np;
			q += nq;
			continue;
		}
		if (*p != *q)
			return *p < *q ? -1 : 1;
		p++;
		q++;
	}
	if (p < pe || q < qe)
		return p < pe ? 1 : -1;
	/* "01" and "1": still a total order (strcmp's) */
	int c = memcmp(a, b, na < nb ? na : nb);
	if (c)
		return c < 0 ? -1 : 1;
	return na < nb ? -1 : na > nb;
}

int natural_cmp(const char *a, const char *b)
{
	return natural_ncmp(a, strlen(a), b, strlen(b));
}

static int code_rank(const char *ma)
{
	int c = problem_code_by_name(ma);
	return c < 0 ? P_NCODES : c;
}

static int prob_cmp(const void *x, const void *y)
{
	const struct prob *a = x, *b = y;
	int ea = !*a->f[PB_NGUON], eb = !*b->f[PB_NGUON];
	if (ea != eb)
		return ea - eb;
	int c = natural_cmp(a->f[PB_NGUON], b->f[PB_NGUON]);
	if (c)
		return c;
	if (a->ord != b->ord)
		return a->ord < b->ord ? -1 : 1;
	if ((c = natural_cmp(a->f[PB_VI_TRI], b->f[PB_VI_TRI])))
		return c;
	int ra = code_rank(a->f[PB_MA]), rb = code_rank(b->f[PB_MA]);
	if (ra != rb)
		return ra < rb ? -1 : 1;
	if ((c = strcmp(a->f[PB_MA], b->f[PB_MA])))
		return c;
	if ((c = natural_cmp(a->f[PB_ID], b->f[PB_ID])))
		return c;
	if ((c = strcmp(a->f[PB_THONG_DIEP], b->f[PB_THONG_DIEP])))
		return c;
	return strcmp(a->f[PB_MUC_DO], b->f[PB_MUC_DO]);
}

void problist_sort(struct problist *l)
{
	if (l->n > 1)
		qsort(l->v, l->n, sizeof *l->v, prob_cmp);
	size_t out = 0;
	for (size_t i = 0; i < l->n; i++) {
		if (out > 0 && prob_cmp(&l->v[out - 1], &l->v[i]) == 0) {
			for (int k = 0; k < PB_NFIELDS; k++)
				free(l->v[i].f[k]);
			continue;
		}
		l->v[out++] = l->v[i];
	}
	l->n = out;
}

/* ---- records ---- */

void merge_rec_prepare(struct merge_rec *m)
{
	free(m->khoa);
	free(m->sk_unit);
	free(m->sk_name);
	m->khoa = vn_ident_key(rec_get(&m->r, R_TEN));
	m->sk_unit = vn_sort_key(rec_get(&m->r, R_DON_VI));
	m->sk_name = vn_sort_key(rec_get(&m->r, R_TEN));
	m->dup_of = -1;
}

void merge_rec_release(struct merge_rec *m)
{
	rec_release(&m->r);
	free(m->khoa);
	free(m->sk_unit);
	free(m->sk_name);
	m->khoa = m->sk_unit = m->sk_name = NULL;
}

/* linh_vuc: numbers by value first, other text next, empty last. */
static int field_cmp(const char *a, const char *b)
{
	int ea = !*a, eb = !*b;
	if (ea || eb)
		return ea - eb;
	char *end;
	long na = strtol(a, &end, 10);
	int numa = *end == '\0' && end != a;
	long nb = strtol(b, &end, 10);
	int numb = *end == '\0' && end != b;
	if (numa != numb)
		return numb - numa;
	if (numa && na != nb)
		return na < nb ? -1 : 1;
	return strcmp(a, b);
}

static int loai_rank(const char *s)
{
	static const char *const order[] = {"tap_the", "ca_nhan", "ho_gia_dinh"};
	for (size_t i = 0; i < ARRAY_SIZE(order); i++)
		if (strcmp(s, order[i]) == 0)
			return (int)i;
	return *s ? 3 : 4;
}

static int rec_cmp_impl(const struct merge_rec *a, const struct merge_rec *b, int by_month)
{
	int c;
	if (by_month && (c = strcmp(rec_get(&a->r, R_THANG), rec_get(&b->r, R_THANG))))
		return c;
	if ((c = field_cmp(rec_get(&a->r, R_LINH_VUC), rec_get(&b->r, R_LINH_VUC))))
		return c;
	const char *la = rec_get(&a->r, R_LOAI), *lb = rec_get(&b->r, R_LOAI);
	int ra = loai_rank(la), rb = loai_rank(lb);
	if (ra != rb)
		return ra < rb ? -1 : 1;
	if ((c = strcmp(la, lb)))
		return c;
	if ((c = strcmp(a->sk_unit, b->sk_unit)))
		return c;
	if ((c = strcmp(a->sk_name, b->sk_name)))
		return c;
	if ((c = natural_cmp(rec_get(&a->r, R_ID), rec_get(&b->r, R_ID))))
		return c;
	if ((c = natural_cmp(rec_get(&a->r, R_NGUON), rec_get(&b->r, R_NGUON))))
		return c;
	return natural_cmp(rec_get(&a->r, R_VI_TRI), rec_get(&b->r, R_VI_TRI));
}

static int rec_cmp(const void *x, const void *y)
{
	return rec_cmp_impl(x, y, 0);
}

static int rec_cmp_month(const void *x, const void *y)
{
	return rec_cmp_impl(x, y, 1);
}

void merge_sort_recs(struct merge_rec *v, size_t n, int by_month)
{
	if (n > 1)
		qsort(v, n, sizeof *v, by_month ? rec_cmp_month : rec_cmp);
}

int merge_years_compatible(const char *a, const char *b)
{
	return !*a || !*b || strcmp(a, b) == 0;
}

/* ---- the month ---- */

void merge_month_init(struct merge_month *m, const char *thang)
{
	memset(m, 0, sizeof *m);
	m->thang = xstrdup(thang ? thang : "");
	problist_init(&m->probs);
	m->dec_nguon = xasprintf("%s/xem-xet.csv", m->thang);
}

static void stage_free(struct merge_stage *s);

void merge_month_release(struct merge_month *m)
{
	stage_free(m->stage);
	free(m->fcount);
	for (size_t i = 0; i < m->nrecs; i++)
		merge_rec_release(&m->recs[i]);
	free(m->recs);
	for (size_t i = 0; i < m->nfiles; i++)
		file_row_release(&m->files[i]);
	free(m->files);
	problist_release(&m->probs);
	for (size_t i = 0; i < m->ndec; i++) {
		free(m->dec[i].id);
		free(m->dec[i].raw);
		free(m->dec[i].ly_do);
	}
	free(m->dec);
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

static int stage_add_rec(struct merge_month *m, const struct record *r);

void merge_month_add_rec(struct merge_month *m, const struct record *r)
{
	if (m->stage) {
		stage_add_rec(m, r); /* errors: m->stage->failed */
		return;
	}
	XGROW(m->recs, m->caprecs, m->nrecs + 1);
	struct merge_rec *mr = &m->recs[m->nrecs++];
	memset(mr, 0, sizeof *mr);
	rec_copy(&mr->r, r);
	if (*m->thang)
		rec_set(&mr->r, R_THANG, m->thang);
	merge_rec_prepare(mr);
}

void merge_month_add_file(struct merge_month *m, const struct file_row *f)
{
	XGROW(m->files, m->capfiles, m->nfiles + 1);
	struct file_row *d = &m->files[m->nfiles++];
	file_row_init(d);
	for (size_t i = 0; i < FILE_NFIELDS; i++)
		file_row_set(d, (enum file_field)i, f->f[i]);
}

static int on_input_rec(void *ctx, struct record *r)
{
	struct merge_month *m = ctx;
	if (m->nrecs >= MAX_RECORDS || (m->stage && m->stage->nrecs >= MAX_RECORDS))
		return error("quá nhiều hồ sơ trong tháng (tối đa %d)", MAX_RECORDS);
	if (m->stage)
		return stage_add_rec(m, r);
	merge_month_add_rec(m, r);
	return 0;
}

int merge_read_records(struct merge_month *m, const char *path)
{
	return rec_read_path(path, on_input_rec, m) == 0 ? 0 : -1;
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

/* ---- the staged month: records and problems in a temporary database ---- */

/* The staged record columns: dataset.csv's, in its order. */
static const enum rec_field stage_cols[] = {
    R_ID,	R_THANG,     R_MA_DON_VI, R_DON_VI,  R_LINH_VUC,     R_LOAI,	   R_TEN,
    R_NAM_SINH, R_GIOI_TINH, R_DAN_TOC,	  R_CHUC_VU, R_NOI_CONG_TAC, R_THANH_TICH, R_TRANG_THAI,
    R_VAN_DE,	R_NGUON,     R_VI_TRI,	  R_SHA256,  R_NGAY_GUI,     R_GHI_CHU,
};
#define NSTAGE_COLS ARRAY_SIZE(stage_cols)
/* Extra columns after them, in the SELECTs of whole records. */
#define STAGE_KHOA NSTAGE_COLS

static int stage_error(struct merge_stage *s, const char *what)
{
	s->failed = 1;
	return error("cơ sở dữ liệu tạm của bước hợp nhất: %s: %s", what, sqlite3_errmsg(s->db));
}

static int stage_exec(struct merge_stage *s, const char *sql)
{
	if (sqlite3_exec(s->db, sql, NULL, NULL, NULL) != SQLITE_OK)
		return stage_error(s, sql);
	return 0;
}

static int stage_prepare(struct merge_stage *s, const char *sql, sqlite3_stmt **st)
{
	if (sqlite3_prepare_v2(s->db, sql, -1, st, NULL) != SQLITE_OK) {
		*st = NULL;
		return stage_error(s, "lệnh SQL không hợp lệ");
	}
	return 0;
}

static const char *col_str(sqlite3_stmt *st, int i)
{
	const unsigned char *s = sqlite3_column_text(st, i);
	return s ? (const char *)s : "";
}

static int nat_collation(void *u, int na, const void *a, int nb, const void *b)
{
	(void)u;
	return natural_ncmp(a, (size_t)na, b, (size_t)nb);
}

static void stage_free(struct merge_stage *s)
{
	if (!s)
		return;
	sqlite3_finalize(s->ins_rec);
	sqlite3_finalize(s->ins_prob);
	if (s->db)
		sqlite3_close(s->db);
	free(s->flags);
	free(s->dec);
	free(s);
}

int merge_month_stage(struct merge_month *m)
{
	struct merge_stage *s = xcalloc(1, sizeof *s);
	struct buf sql = BUF_INIT;
	/* "": a private on-disk database, deleted when closed */
	if (sqlite3_open_v2("", &s->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL) !=
	    SQLITE_OK) {
		error("không tạo được cơ sở dữ liệu tạm: %s",
		      s->db ? sqlite3_errmsg(s->db) : "hết bộ nhớ");
		goto fail;
	}
	if (sqlite3_create_collation(s->db, "nat", SQLITE_UTF8, NULL, nat_collation) != SQLITE_OK) {
		stage_error(s, "collation");
		goto fail;
	}
	buf_adds(&sql,
		 "PRAGMA page_size = 16384; PRAGMA cache_size = -8000; PRAGMA temp_store = FILE;"
		 " PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF;"
		 " CREATE TABLE recs (");
	for (size_t c = 0; c < NSTAGE_COLS; c++)
		buf_printf(&sql, "%s, ", rec_field_names[stage_cols[c]]);
	buf_adds(&sql,
		 "khoa, sk_unit, sk_name, lv_cls, lv_num, loai_rank, tl);"
		 " CREATE TABLE probs (nguon, vi_tri, ma, muc_do, thong_diep, id, ord, ne, rk);"
		 " BEGIN");
	if (stage_exec(s, buf_cstr(&sql)) != 0)
		goto fail;
	buf_reset(&sql);
	buf_adds(&sql, "INSERT INTO recs VALUES (");
	for (size_t c = 0; c < NSTAGE_COLS + 7; c++)
		buf_adds(&sql, c ? ",?" : "?");
	buf_adds(&sql, ")");
	if (stage_prepare(s, buf_cstr(&sql), &s->ins_rec) != 0 ||
	    stage_prepare(s, "INSERT INTO probs VALUES (?,?,?,?,?,?,?,?,?)", &s->ins_prob) != 0)
		goto fail;
	buf_release(&sql);
	stage_free(m->stage);
	m->stage = s;
	return 0;
fail:
	buf_release(&sql);
	stage_free(s);
	return -1;
}

/* linh_vuc's class for field_cmp: 0 a number, 1 other text, 2 empty. */
static int field_class(const char *s, long *num)
{
	char *end;
	*num = 0;
	if (!*s)
		return 2;
	long n = strtol(s, &end, 10);
	if (*end)
		return 1;
	*num = n;
	return 0;
}

static int loai_rank(const char *s);

static int stage_add_rec(struct merge_month *m, const struct record *r)
{
	struct merge_stage *s = m->stage;
	sqlite3_stmt *st = s->ins_rec;
	int k = 1;
	for (size_t c = 0; c < NSTAGE_COLS; c++) {
		const char *v =
		    stage_cols[c] == R_THANG && *m->thang ? m->thang : rec_get(r, stage_cols[c]);
		sqlite3_bind_text(st, k++, v, -1, SQLITE_STATIC);
	}
	char *khoa = vn_ident_key(rec_get(r, R_TEN));
	char *sk_unit = vn_sort_key(rec_get(r, R_DON_VI));
	char *sk_name = vn_sort_key(rec_get(r, R_TEN));
	long num;
	int cls = field_class(rec_get(r, R_LINH_VUC), &num);
	sqlite3_bind_text(st, k++, khoa, -1, SQLITE_STATIC);
	sqlite3_bind_blob(st, k++, sk_unit, (int)strlen(sk_unit), SQLITE_STATIC);
	sqlite3_bind_blob(st, k++, sk_name, (int)strlen(sk_name), SQLITE_STATIC);
	sqlite3_bind_int(st, k++, cls);
	sqlite3_bind_int64(st, k++, num);
	sqlite3_bind_int(st, k++, loai_rank(rec_get(r, R_LOAI)));
	sqlite3_bind_int(st, k++, rec_has_problem_code(r, "trung_lap"));
	int rc = sqlite3_step(st);
	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
	free(khoa);
	free(sk_unit);
	free(sk_name);
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

static int stage_add_prob(struct merge_stage *s, const char *const *f, size_t ord)
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

/* Moves the problems reported so far into the stage (a staged month keeps
 * m->probs short). */
static int stage_flush_probs(struct merge_month *m)
{
	if (!m->stage)
		return 0;
	int rc = 0;
	for (size_t i = 0; i < m->probs.n && rc == 0; i++)
		rc = stage_add_prob(m->stage, (const char *const *)m->probs.v[i].f,
				    m->probs.v[i].ord);
	problist_release(&m->probs);
	return rc;
}

static int stage_maybe_flush(struct merge_month *m)
{
	return m->stage && m->probs.n >= 1024 ? stage_flush_probs(m) : 0;
}

static int on_stage_prob(void *ctx, char **vals, size_t row)
{
	struct merge_stage *s = ctx;
	(void)row;
	if (!*vals[PB_MA] && !*vals[PB_THONG_DIEP])
		return 0;
	return stage_add_prob(s, (const char *const *)vals, 0);
}

int merge_read_problems(struct merge_month *m, const char *path)
{
	if (!m->stage)
		return problist_read(&m->probs, path);
	return csv_read_named(path, prob_cols, PB_NFIELDS, on_stage_prob, m->stage) == 0 ? 0 : -1;
}

/* ---- staff decisions ---- */

enum decision_kind decision_parse(const char *s)
{
	char *k = vn_key(s);
	enum decision_kind d = QD_NONE;
	if (strcmp(k, "chap nhan") == 0)
		d = QD_CHAP_NHAN;
	else if (strcmp(k, "loai bo") == 0)
		d = QD_LOAI_BO;
	free(k);
	return d;
}

struct dec_reader {
	struct merge_month *m;
	int col[3]; /* id, quyet_dinh, ly_do */
	int fail;
};

static void dec_problem(struct merge_month *m, size_t line, const char *id, const char *detail)
{
	char *where = xasprintf("dòng %zu", line);
	problist_report(&m->probs, m->dec_nguon, where, P_QUYET_DINH_SAI, detail, id);
	free(where);
}

static int header_col(const char *cell)
{
	char *k = vn_key(cell);
	int c = -1;
	if (strcmp(k, "id") == 0 || strcmp(k, "ma") == 0 || strcmp(k, "ma ho so") == 0)
		c = 0;
	else if (strcmp(k, "quyet dinh") == 0)
		c = 1;
	else if (strcmp(k, "ly do") == 0 || strcmp(k, "ghi chu") == 0)
		c = 2;
	free(k);
	return c;
}

static int on_dec_row(void *ctx, char **fields, size_t n, size_t row)
{
	struct dec_reader *dr = ctx;
	struct merge_month *m = dr->m;
	if (row == 1) {
		int col[3] = {-1, -1, -1};
		for (size_t i = 0; i < n && i < 64; i++) {
			int c = header_col(fields[i]);
			if (c >= 0 && col[c] < 0)
				col[c] = (int)i;
		}
		if (col[0] >= 0 && col[1] >= 0) {
			memcpy(dr->col, col, sizeof col);
			return 0;
		}
		/* No header: columns in the documented order, this row is data. */
	}
	int blank = 1;
	for (size_t i = 0; i < n; i++)
		for (const char *p = fields[i]; *p; p++)
			if (*p != ' ' && *p != '\t' && *p != '\r' && *p != '\n')
				blank = 0;
	if (blank)
		return 0;
	if (m->ndec >= MAX_DECISIONS) {
		dec_problem(m, row, NULL, "tệp có quá nhiều dòng, phần còn lại bị bỏ qua");
		return 1;
	}
	const char *v[3];
	for (int k = 0; k < 3; k++)
		v[k] = dr->col[k] >= 0 && (size_t)dr->col[k] < n ? fields[dr->col[k]] : "";
	XGROW(m->dec, m->capdec, m->ndec + 1);
	struct decision *d = &m->dec[m->ndec++];
	d->line = row;
	d->id = vn_normalize(v[0]);
	d->raw = vn_normalize(v[1]);
	d->ly_do = vn_normalize(v[2]);
	d->kind = decision_parse(d->raw);
	d->applied = 0;
	return 0;
}

static unsigned char guess_delim(const char *s, size_t len)
{
	size_t counts[3] = {0, 0, 0};
	static const char delims[3] = {',', ';', '\t'};
	int quoted = 0;
	for (size_t i = 0; i < len && (quoted || (s[i] != '\n' && s[i] != '\r')); i++) {
		if (s[i] == '"')
			quoted = !quoted;
		else if (!quoted)
			for (int k = 0; k < 3; k++)
				counts[k] += s[i] == delims[k];
	}
	int best = 0;
	for (int k = 1; k < 3; k++)
		if (counts[k] > counts[best])
			best = k;
	return (unsigned char)delims[best];
}

int merge_read_decisions_mem(struct merge_month *m, const char *data, size_t len)
{
	char *conv = NULL;
	size_t convlen = 0;
	enum text_encoding enc = text_detect(data, len);
	if (enc == ENC_UNKNOWN || text_to_utf8(data, len, enc, &conv, &convlen) != 0 ||
	    memchr(conv, '\0', convlen)) {
		dec_problem(
		    m, 1, NULL,
		    "tệp không phải là văn bản CSV đọc được; hãy lưu lại bằng Excel với kiểu "
		    "\"CSV UTF-8\"");
		free(conv);
		return 0;
	}
	struct dec_reader dr = {m, {0, 1, 2}, 0};
	int rc = csv_read_mem(conv, convlen, guess_delim(conv, convlen), on_dec_row, &dr);
	if (rc < 0)
		dec_problem(m, 1, NULL, "tệp CSV sai cấu trúc (dấu ngoặc kép không đóng?)");
	free(conv);
	return 0;
}

int merge_read_decisions(struct merge_month *m, const char *path)
{
	char *data = NULL;
	size_t len = 0;
	const char *base = strrchr(path, '/');
	base = base ? base + 1 : path;
	if (strcmp(base, "xem-xet.csv") != 0) {
		free(m->dec_nguon);
		m->dec_nguon = xstrdup(base);
	}
	if (read_file(path, MAX_DECISIONS_BYTES, &data, &len) != 0) {
		if (errno == EFBIG) {
			dec_problem(m, 1, NULL, "tệp quá lớn (tối đa 8 MB)");
			return 0;
		}
		return error("không đọc được %s: %s", path, strerror(errno));
	}
	int rc = merge_read_decisions_mem(m, data, len);
	free(data);
	return rc;
}

/* ---- the steps ---- */

static int date_cmp(const char *a, const char *b)
{
	int ea = !*a, eb = !*b; /* no date: as late as possible */
	if (ea || eb)
		return ea - eb;
	return strcmp(a, b);
}

/* Submission order inside one identity (khoa, loai). */
static const struct merge_month *sort_month;

static int dup_order_cmp(const void *x, const void *y)
{
	const struct merge_rec *a = &sort_month->recs[*(const size_t *)x];
	const struct merge_rec *b = &sort_month->recs[*(const size_t *)y];
	int c;
	if ((c = strcmp(a->khoa, b->khoa)))
		return c;
	if ((c = strcmp(rec_get(&a->r, R_LOAI), rec_get(&b->r, R_LOAI))))
		return c;
	if ((c = date_cmp(rec_get(&a->r, R_NGAY_GUI), rec_get(&b->r, R_NGAY_GUI))))
		return c;
	if ((c = natural_cmp(rec_get(&a->r, R_NGUON), rec_get(&b->r, R_NGUON))))
		return c;
	if ((c = natural_cmp(rec_get(&a->r, R_VI_TRI), rec_get(&b->r, R_VI_TRI))))
		return c;
	if ((c = natural_cmp(rec_get(&a->r, R_ID), rec_get(&b->r, R_ID))))
		return c;
	size_t ia = *(const size_t *)x, ib = *(const size_t *)y;
	return ia < ib ? -1 : ia > ib;
}

static int stage_duplicates(struct merge_month *m);

void merge_duplicates(struct merge_month *m)
{
	if (m->stage) {
		stage_duplicates(m);
		return;
	}
	size_t *idx = xmalloc((m->nrecs + 1) * sizeof *idx), n = 0;
	size_t *kept = xmalloc((m->nrecs + 1) * sizeof *kept);
	for (size_t i = 0; i < m->nrecs; i++)
		if (*m->recs[i].khoa && !rec_has_problem_code(&m->recs[i].r, "trung_lap"))
			idx[n++] = i;
	sort_month = m;
	if (n > 1)
		qsort(idx, n, sizeof *idx, dup_order_cmp);
	sort_month = NULL;
	for (size_t g = 0; g < n;) {
		size_t e = g + 1, nkept = 0;
		const struct merge_rec *first = &m->recs[idx[g]];
		while (e < n && strcmp(m->recs[idx[e]].khoa, first->khoa) == 0 &&
		       strcmp(rec_get(&m->recs[idx[e]].r, R_LOAI), rec_get(&first->r, R_LOAI)) == 0)
			e++;
		for (size_t i = g; i < e; i++) {
			struct merge_rec *r = &m->recs[idx[i]];
			const char *year = rec_get(&r->r, R_NAM_SINH);
			size_t k;
			for (k = 0; k < nkept; k++)
				if (merge_years_compatible(
					year, rec_get(&m->recs[kept[k]].r, R_NAM_SINH)))
					break;
			if (k == nkept) {
				kept[nkept++] = idx[i];
				continue;
			}
			const struct merge_rec *keep = &m->recs[kept[k]];
			r->dup_of = (long)kept[k];
			char *detail =
			    dup_detail(rec_get(&keep->r, R_TEN), rec_get(&keep->r, R_NGUON),
				       rec_get(&keep->r, R_VI_TRI));
			rec_add_problem_code(&r->r, "trung_lap");
			problist_report(&m->probs, rec_get(&r->r, R_NGUON),
					rec_get(&r->r, R_VI_TRI), P_TRUNG_LAP, detail,
					rec_get(&r->r, R_ID));
			free(detail);
		}
		g = e;
	}
	free(idx);
	free(kept);
}

/* The history of one nominee: reports da_de_cu_truoc and sets *found when
 * the ledger has earlier months. */
static int history_message(struct merge_month *m, struct ledger *lg, const char *khoa,
			   const char *loai, const char *nam_sinh, const char *nguon,
			   const char *vi_tri, const char *id, int *found)
{
	char **months;
	size_t n;
	*found = 0;
	if (ledger_earlier_months(lg, m->thang, khoa, loai, nam_sinh, &months, &n) != 0)
		return -1;
	if (n == 0)
		return 0;
	struct buf b = BUF_INIT;
	buf_printf(&b, "đã giới thiệu %zu lần: ", n);
	for (size_t k = 0; k < n; k++)
		buf_printf(&b, "%s%s", k ? ", " : "", months[k]);
	problist_report(&m->probs, nguon, vi_tri, P_DA_DE_CU_TRUOC, buf_cstr(&b), id);
	buf_release(&b);
	ledger_free_list(months, n);
	*found = 1;
	return 0;
}

static int stage_history(struct merge_month *m, struct ledger *lg);

int merge_history(struct merge_month *m, struct ledger *lg)
{
	if (!lg)
		return 0;
	/* one read transaction: SQLite takes its lock and checks the journal
	 * once, not once per statement */
	if (ledger_begin_read(lg) != 0)
		return -1;
	int rc = 0;
	if (m->stage)
		rc = stage_history(m, lg);
	for (size_t i = 0; i < m->nrecs && !m->stage; i++) {
		struct merge_rec *r = &m->recs[i];
		if (!*r->khoa || r->dup_of >= 0 || rec_has_problem_code(&r->r, "trung_lap"))
			continue;
		int found;
		if (history_message(m, lg, r->khoa, rec_get(&r->r, R_LOAI),
				    rec_get(&r->r, R_NAM_SINH), rec_get(&r->r, R_NGUON),
				    rec_get(&r->r, R_VI_TRI), rec_get(&r->r, R_ID), &found) != 0) {
			rc = -1;
			break;
		}
		if (found)
			rec_add_problem_code(&r->r, "da_de_cu_truoc");
	}
	if (ledger_end_read(lg) != 0)
		rc = -1;
	return rc;
}

/* The status from the worst level of the record's codes. */
static void rec_status(struct record *r)
{
	int worst = LEVEL_THONG_TIN;
	const char *s = rec_get(r, R_VAN_DE);
	while (*s) {
		const char *e = strchr(s, ';');
		size_t len = e ? (size_t)(e - s) : strlen(s);
		char *code = xstrndup(s, len);
		int c = problem_code_by_name(code);
		free(code);
		if (c >= 0 && (int)problem_level((enum problem_code)c) > worst)
			worst = (int)problem_level((enum problem_code)c);
		if (!e)
			break;
		s = e + 1;
	}
	rec_set(r, R_TRANG_THAI,
		worst == LEVEL_LOI	  ? "khong_hop_le"
		: worst == LEVEL_CANH_BAO ? "can_xem_xet"
					  : "hop_le");
}

void merge_status(struct merge_month *m)
{
	/* a staged month: when its records are read back (stage_load) */
	for (size_t i = 0; i < m->nrecs; i++)
		rec_status(&m->recs[i].r);
}

static int id_index_cmp(const void *x, const void *y)
{
	const struct merge_rec *a = &sort_month->recs[*(const size_t *)x];
	const struct merge_rec *b = &sort_month->recs[*(const size_t *)y];
	int c = strcmp(rec_get(&a->r, R_ID), rec_get(&b->r, R_ID));
	if (c)
		return c;
	size_t ia = *(const size_t *)x, ib = *(const size_t *)y;
	return ia < ib ? -1 : ia > ib;
}

/* Records of the month with id, as a range of the id-sorted index. */
static size_t find_id(const struct merge_month *m, const size_t *byid, const char *id,
		      size_t *count)
{
	size_t lo = 0, hi = m->nrecs;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (strcmp(rec_get(&m->recs[byid[mid]].r, R_ID), id) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	size_t e = lo;
	while (e < m->nrecs && strcmp(rec_get(&m->recs[byid[e]].r, R_ID), id) == 0)
		e++;
	*count = e - lo;
	return lo;
}

/* A decision's effect on the record: status, code, note. */
static void decide_rec(struct record *r, const struct decision *d)
{
	int accept = d->kind == QD_CHAP_NHAN;
	rec_set(r, R_TRANG_THAI, accept ? "hop_le" : "khong_hop_le");
	rec_add_problem_code(r, "quyet_dinh");
	struct buf note = BUF_INIT;
	buf_adds(&note, accept ? "Đã chấp nhận sau thẩm định" : "Đã loại bỏ sau thẩm định");
	if (*d->ly_do)
		buf_printf(&note, ": %s", d->ly_do);
	const char *old = rec_get(r, R_GHI_CHU);
	if (*old)
		buf_printf(&note, ". %s", old);
	rec_take(r, R_GHI_CHU, buf_detach(&note));
}

/* The quyet_dinh problem of a record a decision applies to. */
static void decision_problem(struct merge_month *m, const char *nguon, const char *vi_tri,
			     const char *id, const struct decision *d)
{
	struct buf detail = BUF_INIT;
	buf_adds(&detail, d->kind == QD_CHAP_NHAN ? "chấp nhận" : "loại bỏ");
	if (*d->ly_do)
		buf_printf(&detail, "; lý do: %s", d->ly_do);
	buf_printf(&detail, " (%s, dòng %zu)", m->dec_nguon, d->line);
	problist_report(&m->probs, nguon, vi_tri, P_QUYET_DINH, buf_cstr(&detail), id);
	buf_release(&detail);
}

static void apply_decision(struct merge_month *m, struct merge_rec *mr, const struct decision *d)
{
	struct record *r = &mr->r;
	decide_rec(r, d);
	decision_problem(m, rec_get(r, R_NGUON), rec_get(r, R_VI_TRI), rec_get(r, R_ID), d);
}

static const struct decision *sort_dec;

static int dec_id_cmp(const void *x, const void *y)
{
	const struct decision *a = &sort_dec[*(const size_t *)x],
			      *b = &sort_dec[*(const size_t *)y];
	int c = strcmp(a->id, b->id);
	if (c)
		return c;
	return a->line < b->line ? -1 : a->line > b->line;
}

/* For each usable decision, the line of a later usable decision of the same
 * id (0 when none). */
static size_t *later_lines(const struct merge_month *m)
{
	size_t *later = xcalloc(m->ndec + 1, sizeof *later);
	size_t *idx = xmalloc((m->ndec + 1) * sizeof *idx), n = 0;
	for (size_t i = 0; i < m->ndec; i++)
		if (*m->dec[i].id && m->dec[i].kind != QD_NONE)
			idx[n++] = i;
	sort_dec = m->dec;
	if (n > 1)
		qsort(idx, n, sizeof *idx, dec_id_cmp);
	sort_dec = NULL;
	for (size_t k = 0; k + 1 < n; k++)
		if (strcmp(m->dec[idx[k]].id, m->dec[idx[k + 1]].id) == 0)
			later[idx[k]] = m->dec[idx[k + 1]].line;
	free(idx);
	return later;
}

void merge_decisions(struct merge_month *m)
{
	if (!m->ndec)
		return;
	if (m->stage && stage_exec(m->stage, "CREATE INDEX recs_id ON recs (id)") != 0)
		return;
	size_t *byid = xmalloc((m->nrecs + 1) * sizeof *byid);
	for (size_t i = 0; i < m->nrecs; i++)
		byid[i] = i;
	sort_month = m;
	if (m->nrecs > 1)
		qsort(byid, m->nrecs, sizeof *byid, id_index_cmp);
	sort_month = NULL;
	size_t *later_line = later_lines(m);
	for (size_t i = 0; i < m->ndec; i++) {
		struct decision *d = &m->dec[i];
		if (!*d->id) {
			dec_problem(m, d->line, NULL, "thiếu mã hồ sơ (cột id)");
			continue;
		}
		if (d->kind == QD_NONE) {
			char *detail =
			    xasprintf("quyết định \"%s\" không hợp lệ (cần chap_nhan hoặc "
				      "loai_bo)",
				      d->raw);
			dec_problem(m, d->line, d->id, detail);
			free(detail);
			continue;
		}
		size_t later = later_line[i];
		if (later) {
			char *detail =
			    xasprintf("mã %s có quyết định khác ở dòng %zu; dòng sau được "
				      "áp dụng",
				      d->id, later);
			dec_problem(m, d->line, d->id, detail);
			free(detail);
			continue;
		}
		size_t count, first = 0;
		if (m->stage) {
			if (stage_decide(m, i, &count) != 0)
				break;
		} else {
			first = find_id(m, byid, d->id, &count);
		}
		if (count == 0) {
			char *detail =
			    xasprintf("không có hồ sơ mã %s trong tháng %s", d->id, m->thang);
			dec_problem(m, d->line, d->id, detail);
			free(detail);
			continue;
		}
		for (size_t k = 0; k < count && !m->stage; k++)
			apply_decision(m, &m->recs[byid[first + k]], d);
		d->applied = 1;
	}
	free(later_line);
	free(byid);
}

const char *unit_status(const char *thang, int han_nop, const char *ngay_gui)
{
	if (han_nop <= 0 || !*ngay_gui || strlen(thang) != 7)
		return "da_gui";
	char deadline[16];
	snprintf(deadline, sizeof deadline, "%.7s-%02d", thang, han_nop > 31 ? 31 : han_nop);
	return strcmp(ngay_gui, deadline) > 0 ? "gui_muon" : "da_gui";
}

static struct unit_row *add_unit(struct merge_month *m, const char *ma, const char *ten)
{
	XGROW(m->units, m->capunits, m->nunits + 1);
	struct unit_row *u = &m->units[m->nunits++];
	memset(u, 0, sizeof *u);
	u->ma = xstrdup(ma);
	u->ten = xstrdup(ten);
	u->ngay_gui = xstrdup("");
	return u;
}

static void unit_date(struct unit_row *u, const char *date)
{
	if (*date && (!*u->ngay_gui || strcmp(date, u->ngay_gui) < 0)) {
		free(u->ngay_gui);
		u->ngay_gui = xstrdup(date);
	}
}

#define UNKNOWN_SENDER "Không rõ đơn vị gửi"

/* Unknown senders by "ma US key", as indexes into m->units (open
 * addressing; the table is kept at most half full). */
struct umap {
	char **keys;
	size_t *vals;
	size_t cap, n;
};

static size_t umap_hash(const char *s)
{
	size_t h = 1469598103934665603ull;
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211ull;
	return h;
}

static size_t *umap_slot(struct umap *u, const char *key, int *found)
{
	if (2 * (u->n + 1) > u->cap) {
		struct umap bigger = {NULL, NULL, u->cap ? 2 * u->cap : 64, 0};
		bigger.keys = xcalloc(bigger.cap, sizeof *bigger.keys);
		bigger.vals = xcalloc(bigger.cap, sizeof *bigger.vals);
		for (size_t i = 0; i < u->cap; i++) {
			if (!u->keys[i])
				continue;
			size_t h = umap_hash(u->keys[i]) & (bigger.cap - 1);
			while (bigger.keys[h])
				h = (h + 1) & (bigger.cap - 1);
			bigger.keys[h] = u->keys[i];
			bigger.vals[h] = u->vals[i];
			bigger.n++;
		}
		free(u->keys);
		free(u->vals);
		*u = bigger;
	}
	size_t h = umap_hash(key) & (u->cap - 1);
	while (u->keys[h] && strcmp(u->keys[h], key) != 0)
		h = (h + 1) & (u->cap - 1);
	*found = u->keys[h] != NULL;
	if (!*found) {
		u->keys[h] = xstrdup(key);
		u->n++;
	}
	return &u->vals[h];
}

static void umap_release(struct umap *u)
{
	for (size_t i = 0; i < u->cap; i++)
		free(u->keys[i]);
	free(u->keys);
	free(u->vals);
}

/* The don-vi.csv row of a sender: the registry unit of code ma, else the
 * unknown sender of that name (added). */
static struct unit_row *sender(struct merge_month *m, struct umap *map, size_t nreg, const char *ma,
			       const char *name, int from_rec)
{
	for (size_t i = 0; i < nreg; i++)
		if (*ma && strcmp(m->units[i].ma, ma) == 0)
			return &m->units[i];
	if (!*name)
		name = UNKNOWN_SENDER;
	char *key = vn_key(name), *mkey = xasprintf("%s\x1f%s", ma, key);
	int found;
	size_t *slot = umap_slot(map, mkey, &found);
	struct unit_row *u;
	free(mkey);
	if (!found) {
		u = add_unit(m, ma, name);
		u->key = key;
		*slot = (size_t)(u - m->units);
	} else {
		u = &m->units[*slot];
		if (from_rec && !u->named_by_rec && strcmp(u->ten, name) != 0) {
			free(u->ten);
			u->ten = xstrdup(name);
		}
		free(key);
	}
	u->named_by_rec |= from_rec;
	return u;
}

static int unit_cmp(const void *x, const void *y)
{
	const struct unit_row *a = x, *b = y;
	int c = vn_collate(a->ten, b->ten);
	if (c)
		return c;
	if ((c = strcmp(a->ten, b->ten)))
		return c;
	return strcmp(a->ma, b->ma);
}

static const struct file_row *sort_files;

static int file_idx_cmp(const void *x, const void *y)
{
	return strcmp(file_row_get(&sort_files[*(const size_t *)x], FL_NGUON),
		      file_row_get(&sort_files[*(const size_t *)y], FL_NGUON));
}

/* The state of merge_units between the files and the records. */
struct unit_pass {
	struct merge_month *m;
	struct umap map;
	size_t nreg, nfile_units;
	int *sent_file;
	size_t *fidx; /* files by nguon (strcmp) */
};

/* One final record: its sender's counts, its file's counts, the status
 * counts of a staged month. */
static int units_rec(void *ctx, const struct merge_rec *mr, size_t idx)
{
	struct unit_pass *up = ctx;
	struct merge_month *m = up->m;
	const struct record *r = &mr->r;
	(void)idx;
	struct unit_row *u =
	    sender(m, &up->map, up->nreg, rec_get(r, R_MA_DON_VI), rec_get(r, R_DON_VI), 1);
	size_t ui = (size_t)(u - m->units);
	u->so_guong++;
	const char *t = rec_get(r, R_TRANG_THAI);
	int ok = strcmp(t, "hop_le") == 0 || strcmp(t, "can_xem_xet") == 0;
	u->so_hop_le += ok;
	if (ui >= up->nfile_units || !up->sent_file[ui])
		unit_date(u, rec_get(r, R_NGAY_GUI)); /* no file dates known */
	if (m->stage)
		m->stage->nst[strcmp(t, "hop_le") == 0	      ? 0
			      : strcmp(t, "can_xem_xet") == 0 ? 1
							      : 2]++;
	const char *nguon = rec_get(r, R_NGUON);
	size_t lo = 0, hi = m->nfiles;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (strcmp(file_row_get(&m->files[up->fidx[mid]], FL_NGUON), nguon) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo < m->nfiles && strcmp(file_row_get(&m->files[up->fidx[lo]], FL_NGUON), nguon) == 0) {
		m->fcount[2 * up->fidx[lo]]++;
		m->fcount[2 * up->fidx[lo] + 1] += ok;
	}
	return 0;
}

static int stage_scan(const struct merge_month *m, int sorted, merge_rec_fn cb, void *ctx);

void merge_units(struct merge_month *m, const struct plan *p)
{
	struct unit_pass up = {m, {NULL, NULL, 0, 0}, p ? p->nunits : 0, 0, NULL, NULL};
	size_t nreg = up.nreg;
	m->han_nop = p ? p->han_nop : 0;
	for (size_t i = 0; i < nreg; i++)
		add_unit(m, p->units[i].ma, p->units[i].ten);
	for (size_t i = 0; i < m->nfiles; i++) {
		const struct file_row *f = &m->files[i];
		const char *name = file_row_get(f, FL_DON_VI);
		if (!*name)
			name = file_row_get(f, FL_DON_VI_GOC);
		struct unit_row *u =
		    sender(m, &up.map, nreg, file_row_get(f, FL_MA_DON_VI), name, 0);
		u->so_tep++;
		unit_date(u, file_row_get(f, FL_NGAY_GUI));
	}
	up.sent_file = xcalloc(m->nunits + 1, sizeof *up.sent_file);
	for (size_t i = 0; i < m->nunits; i++)
		up.sent_file[i] = m->units[i].so_tep > 0;
	up.nfile_units = m->nunits;
	free(m->fcount);
	m->fcount = xcalloc(2 * m->nfiles + 1, sizeof *m->fcount);
	up.fidx = xmalloc((m->nfiles + 1) * sizeof *up.fidx);
	for (size_t i = 0; i < m->nfiles; i++)
		up.fidx[i] = i;
	sort_files = m->files;
	if (m->nfiles > 1)
		qsort(up.fidx, m->nfiles, sizeof *up.fidx, file_idx_cmp);
	sort_files = NULL;
	if (m->stage) {
		memset(m->stage->nst, 0, sizeof m->stage->nst);
		stage_scan(m, 0, units_rec, &up); /* errors: m->stage->failed */
	}
	for (size_t i = 0; i < m->nrecs; i++)
		units_rec(&up, &m->recs[i], i);
	free(up.fidx);
	free(up.sent_file);
	umap_release(&up.map);
	/* Keep the registry units that must submit or sent something. */
	size_t out = 0, nreg_kept = 0;
	for (size_t i = 0; i < m->nunits; i++) {
		struct unit_row *u = &m->units[i];
		int sent = u->so_tep > 0 || u->so_guong > 0;
		u->trang_thai = sent ? unit_status(m->thang, m->han_nop, u->ngay_gui) : "chua_gui";
		if (i < nreg && !sent && !p->units[i].phai_gui) {
			free(u->ma);
			free(u->ten);
			free(u->ngay_gui);
			free(u->key);
			continue;
		}
		if (i < nreg && !sent) {
			struct prob *pr =
			    problist_report(&m->probs, "", u->ten, P_CHUA_GUI, u->ten, NULL);
			pr->ord = i + 1;
		}
		if (i < nreg)
			nreg_kept++;
		m->units[out++] = *u;
	}
	m->nunits = out;
	/* Unknown senders after the registry, by name. */
	if (m->nunits > nreg_kept + 1)
		qsort(m->units + nreg_kept, m->nunits - nreg_kept, sizeof *m->units, unit_cmp);
}

static int file_cmp(const void *x, const void *y)
{
	const struct file_row *a = x, *b = y;
	return natural_cmp(file_row_get(a, FL_NGUON), file_row_get(b, FL_NGUON));
}

int merge_compute(struct merge_month *m, const struct plan *p, struct ledger *lg)
{
	if (m->stage && m->stage->failed)
		return -1;
	if (m->nfiles > 1)
		qsort(m->files, m->nfiles, sizeof *m->files, file_cmp);
	merge_duplicates(m);
	if (stage_flush_probs(m) != 0 || (m->stage && m->stage->failed))
		return -1;
	if (merge_history(m, lg) != 0 || stage_flush_probs(m) != 0)
		return -1;
	merge_status(m);
	merge_decisions(m);
	if (stage_flush_probs(m) != 0 || (m->stage && m->stage->failed))
		return -1;
	merge_units(m, p);
	if (m->stage)
		return stage_flush_probs(m) != 0 || m->stage->failed ? -1 : 0;
	merge_sort_recs(m->recs, m->nrecs, 0);
	problist_sort(&m->probs);
	return 0;
}

/* ---- the staged month's steps ---- */

/* The SELECT list of whole records: the staged columns, khoa, rowid. */
static char *rec_select(const char *tail)
{
	struct buf b = BUF_INIT;
	buf_adds(&b, "SELECT ");
	for (size_t c = 0; c < NSTAGE_COLS; c++)
		buf_printf(&b, "%s, ", rec_field_names[stage_cols[c]]);
	buf_printf(&b, "khoa, rowid FROM recs %s", tail);
	return buf_detach(&b);
}

/* The record of the current row of a rec_select(), with the codes, status
 * and decision the steps gave it. */
static void stage_load(const struct merge_month *m, sqlite3_stmt *st, struct merge_rec *mr)
{
	for (size_t c = 0; c < NSTAGE_COLS; c++)
		rec_set(&mr->r, stage_cols[c], col_str(st, (int)c));
	free(mr->khoa);
	mr->khoa = xstrdup(col_str(st, STAGE_KHOA));
	size_t i = (size_t)sqlite3_column_int64(st, STAGE_KHOA + 1) - 1;
	unsigned char fl = i < m->stage->nrecs ? m->stage->flags[i] : 0;
	unsigned dec = i < m->stage->nrecs ? m->stage->dec[i] : 0;
	if (fl & MF_DUP)
		rec_add_problem_code(&mr->r, "trung_lap");
	if (fl & MF_HIST)
		rec_add_problem_code(&mr->r, "da_de_cu_truoc");
	rec_status(&mr->r);
	if (dec && dec <= m->ndec)
		decide_rec(&mr->r, &m->dec[dec - 1]);
}

/* Calls cb for every final record: in input order, or in output order. */
static int stage_scan(const struct merge_month *m, int sorted, merge_rec_fn cb, void *ctx)
{
	struct merge_stage *s = m->stage;
	char *sql = rec_select(sorted ? "ORDER BY lv_cls, lv_num, linh_vuc, loai_rank, loai,"
					" sk_unit, sk_name, id COLLATE nat, nguon COLLATE nat,"
					" vi_tri COLLATE nat, rowid"
				      : "ORDER BY rowid");
	sqlite3_stmt *st;
	int rc = stage_prepare(s, sql, &st), step = SQLITE_DONE;
	free(sql);
	if (rc != 0)
		return -1;
	struct merge_rec mr;
	memset(&mr, 0, sizeof mr);
	mr.dup_of = -1;
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

struct kept_rec {
	char *year, *ten, *nguon, *vi_tri;
};

static void kept_release(struct kept_rec *k, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(k[i].year);
		free(k[i].ten);
		free(k[i].nguon);
		free(k[i].vi_tri);
	}
}

static char *dup_detail(const char *ten, const char *nguon, const char *vi_tri)
{
	if (*vi_tri)
		return xasprintf("trùng với \"%s\" ở tệp %s, %s", ten, nguon, vi_tri);
	return xasprintf("trùng với \"%s\" ở tệp %s", ten, nguon);
}

/* merge_duplicates of a staged month: one sorted pass, one identity at a
 * time in memory. */
static int stage_duplicates(struct merge_month *m)
{
	struct merge_stage *s = m->stage;
	sqlite3_stmt *st;
	if (stage_prepare(s,
			  "SELECT rowid, khoa, loai, nam_sinh, ten, nguon, vi_tri, id FROM recs"
			  " WHERE khoa <> '' AND tl = 0 ORDER BY khoa, loai, ngay_gui = '',"
			  " ngay_gui, nguon COLLATE nat, vi_tri COLLATE nat, id COLLATE nat, rowid",
			  &st) != 0)
		return -1;
	struct kept_rec *kept = NULL;
	size_t nkept = 0, capkept = 0;
	char *gkhoa = NULL, *gloai = NULL;
	int rc = 0, step;
	while (rc == 0 && (step = sqlite3_step(st)) == SQLITE_ROW) {
		size_t i = (size_t)sqlite3_column_int64(st, 0) - 1;
		const char *khoa = col_str(st, 1), *loai = col_str(st, 2);
		const char *year = col_str(st, 3), *ten = col_str(st, 4);
		const char *nguon = col_str(st, 5), *vi_tri = col_str(st, 6), *id = col_str(st, 7);
		if (!gkhoa || strcmp(khoa, gkhoa) != 0 || strcmp(loai, gloai) != 0) {
			kept_release(kept, nkept);
			nkept = 0;
			free(gkhoa);
			free(gloai);
			gkhoa = xstrdup(khoa);
			gloai = xstrdup(loai);
		}
		size_t k;
		for (k = 0; k < nkept; k++)
			if (merge_years_compatible(year, kept[k].year))
				break;
		if (k == nkept) {
			XGROW(kept, capkept, nkept + 1);
			kept[nkept].year = xstrdup(year);
			kept[nkept].ten = xstrdup(ten);
			kept[nkept].nguon = xstrdup(nguon);
			kept[nkept].vi_tri = xstrdup(vi_tri);
			nkept++;
			continue;
		}
		if (i < s->nrecs)
			s->flags[i] |= MF_DUP;
		char *detail = dup_detail(kept[k].ten, kept[k].nguon, kept[k].vi_tri);
		problist_report(&m->probs, nguon, vi_tri, P_TRUNG_LAP, detail, id);
		free(detail);
		rc = stage_maybe_flush(m);
	}
	if (rc == 0 && step != SQLITE_DONE)
		rc = stage_error(s, "không đọc được hồ sơ");
	sqlite3_finalize(st);
	kept_release(kept, nkept);
	free(kept);
	free(gkhoa);
	free(gloai);
	return rc;
}

static int history_message(struct merge_month *m, struct ledger *lg, const char *khoa,
			   const char *loai, const char *nam_sinh, const char *nguon,
			   const char *vi_tri, const char *id, int *found);

/* merge_history of a staged month. */
static int stage_history(struct merge_month *m, struct ledger *lg)
{
	struct merge_stage *s = m->stage;
	sqlite3_stmt *st;
	if (stage_prepare(s,
			  "SELECT rowid, khoa, loai, nam_sinh, nguon, vi_tri, id FROM recs"
			  " WHERE khoa <> '' AND tl = 0 ORDER BY rowid",
			  &st) != 0)
		return -1;
	int rc = 0, step;
	while (rc == 0 && (step = sqlite3_step(st)) == SQLITE_ROW) {
		size_t i = (size_t)sqlite3_column_int64(st, 0) - 1;
		if (i >= s->nrecs || (s->flags[i] & MF_DUP))
			continue;
		int found = 0;
		rc = history_message(m, lg, col_str(st, 1), col_str(st, 2), col_str(st, 3),
				     col_str(st, 4), col_str(st, 5), col_str(st, 6), &found);
		if (rc == 0 && found) {
			s->flags[i] |= MF_HIST;
			rc = stage_maybe_flush(m);
		}
	}
	if (rc == 0 && step != SQLITE_DONE)
		rc = stage_error(s, "không đọc được hồ sơ");
	sqlite3_finalize(st);
	return rc;
}

static void decision_problem(struct merge_month *m, const char *nguon, const char *vi_tri,
			     const char *id, const struct decision *d);

/* The records of a staged month with the decision's id get it; *count is
 * their number. */
static int stage_decide(struct merge_month *m, size_t di, size_t *count)
{
	struct merge_stage *s = m->stage;
	sqlite3_stmt *st;
	*count = 0;
	if (stage_prepare(s,
			  "SELECT rowid, nguon, vi_tri, id FROM recs WHERE id = ?1 ORDER BY rowid",
			  &st) != 0)
		return -1;
	sqlite3_bind_text(st, 1, m->dec[di].id, -1, SQLITE_STATIC);
	int rc = 0, step;
	while (rc == 0 && (step = sqlite3_step(st)) == SQLITE_ROW) {
		size_t i = (size_t)sqlite3_column_int64(st, 0) - 1;
		if (i < s->nrecs)
			s->dec[i] = (unsigned)di + 1;
		decision_problem(m, col_str(st, 1), col_str(st, 2), col_str(st, 3), &m->dec[di]);
		(*count)++;
		rc = stage_maybe_flush(m);
	}
	if (rc == 0 && step != SQLITE_DONE)
		rc = stage_error(s, "không đọc được hồ sơ");
	sqlite3_finalize(st);
	return rc;
}

/* ---- final records and problems ---- */

int merge_each_rec(const struct merge_month *m, merge_rec_fn cb, void *ctx)
{
	if (m->stage)
		return stage_scan(m, 1, cb, ctx);
	for (size_t i = 0; i < m->nrecs; i++) {
		int rc = cb(ctx, &m->recs[i], i);
		if (rc)
			return rc;
	}
	return 0;
}

int merge_each_prob(const struct merge_month *m, merge_prob_fn cb, void *ctx)
{
	if (!m->stage) {
		for (size_t i = 0; i < m->probs.n; i++) {
			int rc = cb(ctx, (const char *const *)m->probs.v[i].f, i);
			if (rc)
				return rc;
		}
		return 0;
	}
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
			f[k] = col_str(st, k);
			same = same && strcmp(f[k], prev[k]) == 0;
		}
		if (same)
			continue; /* exact duplicate row, as problist_sort */
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

void merge_counts(const struct merge_month *m, size_t *nrecs, long st[3])
{
	st[0] = st[1] = st[2] = 0;
	if (m->stage) {
		*nrecs = m->stage->nrecs;
		for (int k = 0; k < 3; k++)
			st[k] = (long)m->stage->nst[k];
		return;
	}
	*nrecs = m->nrecs;
	for (size_t i = 0; i < m->nrecs; i++) {
		const char *t = rec_get(&m->recs[i].r, R_TRANG_THAI);
		st[strcmp(t, "hop_le") == 0 ? 0 : strcmp(t, "can_xem_xet") == 0 ? 1 : 2]++;
	}
}

/* ---- outputs ---- */

static const enum rec_field dataset_cols[] = {
    R_ID,	R_THANG,     R_MA_DON_VI, R_DON_VI,  R_LINH_VUC,     R_LOAI,	   R_TEN,
    R_NAM_SINH, R_GIOI_TINH, R_DAN_TOC,	  R_CHUC_VU, R_NOI_CONG_TAC, R_THANH_TICH, R_TRANG_THAI,
    R_VAN_DE,	R_NGUON,     R_VI_TRI,	  R_SHA256,  R_NGAY_GUI,     R_GHI_CHU,
};

int merge_write_dataset(FILE *f, const struct merge_rec *v, size_t n)
{
	csv_write_bom(f);
	rec_write_header(f, dataset_cols, ARRAY_SIZE(dataset_cols));
	for (size_t i = 0; i < n; i++)
		rec_write_row(f, &v[i].r, dataset_cols, ARRAY_SIZE(dataset_cols));
	return ferror(f) ? -1 : 0;
}

static int write_dataset_row(void *ctx, const struct merge_rec *r, size_t i)
{
	(void)i;
	rec_write_row(ctx, &r->r, dataset_cols, ARRAY_SIZE(dataset_cols));
	return 0;
}

static int write_dataset(FILE *f, const struct merge_month *m)
{
	csv_write_bom(f);
	rec_write_header(f, dataset_cols, ARRAY_SIZE(dataset_cols));
	return merge_each_rec(m, write_dataset_row, f);
}

static int write_problem_row(void *ctx, const char *const *row, size_t i)
{
	(void)i;
	csv_write_row(ctx, row, PB_NFIELDS);
	return 0;
}

static int write_problems(FILE *f, const struct merge_month *m)
{
	csv_write_bom(f);
	csv_write_row(f, prob_cols, PB_NFIELDS);
	return merge_each_prob(m, write_problem_row, f);
}

static void write_units(FILE *f, const struct merge_month *m)
{
	static const char *const h[] = {"ma_don_vi", "ten_don_vi", "so_tep",	"so_guong",
					"so_hop_le", "ngay_gui",   "trang_thai"};
	csv_write_bom(f);
	csv_write_row(f, h, ARRAY_SIZE(h));
	for (size_t i = 0; i < m->nunits; i++) {
		const struct unit_row *u = &m->units[i];
		char a[24], b[24], c[24];
		snprintf(a, sizeof a, "%ld", u->so_tep);
		snprintf(b, sizeof b, "%ld", u->so_guong);
		snprintf(c, sizeof c, "%ld", u->so_hop_le);
		const char *row[] = {u->ma, u->ten, a, b, c, u->ngay_gui, u->trang_thai};
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
		const char *nguon = file_row_get(fr, FL_NGUON);
		long n = m->fcount ? m->fcount[2 * i] : 0,
		     ok = m->fcount ? m->fcount[2 * i + 1] : 0;
		char a[24], b[24];
		snprintf(a, sizeof a, "%ld", n);
		snprintf(b, sizeof b, "%ld", ok);
		const char *row[] = {nguon,
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

enum out_kind { OUT_DATASET, OUT_PROBLEMS, OUT_UNITS, OUT_FILES };

static int write_one(const struct merge_month *m, const char *dir, const char *name,
		     enum out_kind kind)
{
	char *path = xasprintf("%s/%s", dir, name), *tmp;
	int rc = -1, wrc = 0;
	FILE *f = open_tmp(path, &tmp);
	if (!f)
		goto out;
	switch (kind) {
	case OUT_DATASET:
		wrc = write_dataset(f, m);
		break;
	case OUT_PROBLEMS:
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
	if (write_one(m, dir, "dataset.csv", OUT_DATASET) != 0 ||
	    write_one(m, dir, "van-de.csv", OUT_PROBLEMS) != 0 ||
	    write_one(m, dir, "don-vi.csv", OUT_UNITS) != 0 ||
	    write_one(m, dir, "tep.csv", OUT_FILES) != 0)
		return -1;
	return 0;
}

static int count_code(void *ctx, const char *const *row, size_t i)
{
	unsigned long *codes = ctx;
	(void)i;
	int c = problem_code_by_name(row[PB_MA]);
	codes[c < 0 ? P_NCODES : c]++;
	return 0;
}

void merge_print_summary(const struct merge_month *m, FILE *out)
{
	long st[3], units[3] = {0, 0, 0};
	unsigned long codes[P_NCODES + 1] = {0};
	size_t nrecs, nprobs = 0;
	merge_counts(m, &nrecs, st);
	for (size_t i = 0; i < m->nunits; i++) {
		const char *t = m->units[i].trang_thai;
		units[strcmp(t, "da_gui") == 0 ? 0 : strcmp(t, "gui_muon") == 0 ? 1 : 2]++;
	}
	merge_each_prob(m, count_code, codes);
	for (int c = 0; c <= P_NCODES; c++)
		nprobs += codes[c];
	fprintf(out,
		"Tháng %s: %zu tệp, %zu gương (hợp lệ %ld, cần xem xét %ld, không hợp lệ %ld)\n",
		m->thang, m->nfiles, nrecs, st[0], st[1], st[2]);
	fprintf(out, "Đơn vị đã gửi: %ld (%ld gửi muộn); chưa gửi: %ld\n", units[0] + units[1],
		units[1], units[2]);
	fprintf(out, "Vấn đề theo mã (%zu dòng):\n", nprobs);
	for (int c = 0; c <= P_NCODES; c++)
		if (codes[c])
			fprintf(out, "  %-20s %lu\n",
				c < P_NCODES ? problem_code_name((enum problem_code)c) : "(khác)",
				codes[c]);
	size_t applied = 0;
	for (size_t i = 0; i < m->ndec; i++)
		applied += m->dec[i].applied;
	if (m->ndec)
		fprintf(out, "Quyết định thẩm định: %zu dòng, %zu áp dụng\n", m->ndec, applied);
}
