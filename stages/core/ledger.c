/* ledger.c - the SQLite ledger of merged months (see ledger.h). */
#include "ledger.h"
#include "files.h"
#include "merge.h"
#include "record.h"
#include "util.h"

#include <signal.h>
#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* The record columns kept in the ledger, in table order (thang apart). */
static const enum rec_field led_rec_cols[] = {
    R_ID,	 R_MA_DON_VI, R_DON_VI,	 R_LINH_VUC,	 R_LOAI,       R_TEN,	     R_NAM_SINH,
    R_GIOI_TINH, R_DAN_TOC,   R_CHUC_VU, R_NOI_CONG_TAC, R_THANH_TICH, R_TRANG_THAI, R_VAN_DE,
    R_NGUON,	 R_VI_TRI,    R_SHA256,	 R_NGAY_GUI,	 R_GHI_CHU,
};

static const char schema_sql[] =
    "CREATE TABLE months ("
    " thang TEXT PRIMARY KEY, ngay_chay TEXT NOT NULL, han_nop INTEGER NOT NULL,"
    " so_tep INTEGER NOT NULL, so_guong INTEGER NOT NULL, so_hop_le INTEGER NOT NULL);"
    "CREATE TABLE records ("
    " thang TEXT NOT NULL, stt INTEGER NOT NULL, id TEXT NOT NULL, ma_don_vi TEXT NOT NULL,"
    " don_vi_de_xuat TEXT NOT NULL, linh_vuc TEXT NOT NULL, loai TEXT NOT NULL,"
    " ten TEXT NOT NULL, nam_sinh TEXT NOT NULL, gioi_tinh TEXT NOT NULL,"
    " dan_toc TEXT NOT NULL, chuc_vu TEXT NOT NULL, noi_cong_tac TEXT NOT NULL,"
    " thanh_tich TEXT NOT NULL, trang_thai TEXT NOT NULL, van_de TEXT NOT NULL,"
    " nguon TEXT NOT NULL, vi_tri TEXT NOT NULL, sha256 TEXT NOT NULL,"
    " ngay_gui TEXT NOT NULL, ghi_chu TEXT NOT NULL, khoa TEXT NOT NULL,"
    " PRIMARY KEY (thang, stt));"
    "CREATE INDEX records_khoa ON records (khoa, loai, thang);"
    "CREATE INDEX records_id ON records (thang, id);"
    "CREATE TABLE files ("
    " thang TEXT NOT NULL, stt INTEGER NOT NULL, nguon TEXT NOT NULL, sha256 TEXT NOT NULL,"
    " kich_thuoc TEXT NOT NULL, ngay_tep TEXT NOT NULL, ngay_gui TEXT NOT NULL,"
    " ma_don_vi TEXT NOT NULL, don_vi_de_xuat TEXT NOT NULL, loi TEXT NOT NULL,"
    " trung_voi TEXT NOT NULL, PRIMARY KEY (thang, stt));"
    "CREATE TABLE problems ("
    " thang TEXT NOT NULL, stt INTEGER NOT NULL, nguon TEXT NOT NULL, vi_tri TEXT NOT NULL,"
    " ma TEXT NOT NULL, muc_do TEXT NOT NULL, thong_diep TEXT NOT NULL, id TEXT NOT NULL,"
    " PRIMARY KEY (thang, stt));"
    "CREATE TABLE decisions ("
    " thang TEXT NOT NULL, dong INTEGER NOT NULL, id TEXT NOT NULL, quyet_dinh TEXT NOT NULL,"
    " ly_do TEXT NOT NULL, applied INTEGER NOT NULL, PRIMARY KEY (thang, dong));"
    "CREATE TABLE units ("
    " thang TEXT NOT NULL, stt INTEGER NOT NULL, ma_don_vi TEXT NOT NULL,"
    " ten_don_vi TEXT NOT NULL, so_tep INTEGER NOT NULL, so_guong INTEGER NOT NULL,"
    " so_hop_le INTEGER NOT NULL, ngay_gui TEXT NOT NULL, trang_thai TEXT NOT NULL,"
    " PRIMARY KEY (thang, stt));";

static const char *const month_tables[] = {"records",	"files", "problems",
					   "decisions", "units", "months"};

static int db_error(struct ledger *lg, const char *what)
{
	return error("sổ cái %s: %s: %s", lg->path ? lg->path : "?", what,
		     lg->db ? sqlite3_errmsg(lg->db) : "không mở được");
}

static int exec(struct ledger *lg, const char *sql)
{
	char *msg = NULL;
	if (sqlite3_exec(lg->db, sql, NULL, NULL, &msg) != SQLITE_OK) {
		int rc = error("sổ cái %s: %s", lg->path, msg ? msg : sqlite3_errmsg(lg->db));
		sqlite3_free(msg);
		return rc;
	}
	return 0;
}

static int prepare(struct ledger *lg, const char *sql, sqlite3_stmt **st)
{
	if (sqlite3_prepare_v2(lg->db, sql, -1, st, NULL) != SQLITE_OK) {
		*st = NULL;
		return db_error(lg, "lệnh SQL không hợp lệ");
	}
	return 0;
}

static int query_int(struct ledger *lg, const char *sql, long *out)
{
	sqlite3_stmt *st;
	if (prepare(lg, sql, &st) != 0)
		return -1;
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		*out = (long)sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	if (rc != SQLITE_ROW)
		return db_error(lg, "không đọc được");
	return 0;
}

void ledger_init(struct ledger *lg)
{
	lg->db = NULL;
	lg->path = NULL;
	lg->st_earlier = NULL;
	lg->schema = -1;
}

static void forget_statements(struct ledger *lg)
{
	sqlite3_finalize(lg->st_earlier); /* NULL is a no-op */
	lg->st_earlier = NULL;
	lg->schema = -1;
}

void ledger_close(struct ledger *lg)
{
	forget_statements(lg);
	if (lg->db)
		sqlite3_close(lg->db);
	free(lg->path);
	ledger_init(lg);
}

/* Creates the schema in an empty database, or checks the version. */
static int check_schema(struct ledger *lg, enum ledger_mode mode)
{
	long version, ntables;
	if (query_int(lg, "PRAGMA user_version", &version) != 0)
		return -1;
	if (version == LEDGER_SCHEMA_VERSION)
		return 0;
	if (version > LEDGER_SCHEMA_VERSION)
		return error("sổ cái %s có phiên bản %ld, mới hơn chương trình (%d); hãy cập nhật "
			     "chương trình",
			     lg->path, version, LEDGER_SCHEMA_VERSION);
	if (query_int(lg, "SELECT count(*) FROM sqlite_master", &ntables) != 0)
		return -1;
	if (ntables != 0)
		return error("%s không phải là sổ cái của chương trình này", lg->path);
	if (mode == LEDGER_READ)
		return 0; /* an empty database reads as empty */
	if (exec(lg, "BEGIN IMMEDIATE") != 0)
		return -1;
	/* Another process may have created it while we waited for the lock. */
	if (query_int(lg, "PRAGMA user_version", &version) != 0)
		goto fail;
	if (version == LEDGER_SCHEMA_VERSION)
		return exec(lg, "COMMIT");
	if (exec(lg, schema_sql) != 0)
		goto fail;
	char pragma[64];
	snprintf(pragma, sizeof pragma, "PRAGMA user_version = %d", LEDGER_SCHEMA_VERSION);
	if (exec(lg, pragma) != 0 || exec(lg, "COMMIT") != 0)
		goto fail;
	return 0;
fail:
	sqlite3_exec(lg->db, "ROLLBACK", NULL, NULL, NULL);
	return -1;
}

int ledger_open(struct ledger *lg, const char *path, enum ledger_mode mode)
{
	sqlite3 *db = NULL;
	ledger_init(lg);
	lg->path = xstrdup(path);
	if (mode == LEDGER_READ) {
		struct stat st;
		if (stat(path, &st) != 0 || !S_ISREG(st.st_mode)) {
			error("không có sổ cái %s", path);
			goto fail;
		}
	}
	int flags =
	    mode == LEDGER_READ ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE;
	if (sqlite3_open_v2(path, &db, flags, NULL) != SQLITE_OK) {
		error("không mở được sổ cái %s: %s", path, db ? sqlite3_errmsg(db) : "hết bộ nhớ");
		goto fail;
	}
	lg->db = db;
	db = NULL;
	sqlite3_busy_timeout(lg->db, 60000);
	sqlite3_extended_result_codes(lg->db, 1);
	if (mode == LEDGER_WRITE && (exec(lg, "PRAGMA journal_mode = DELETE") != 0 ||
				     exec(lg, "PRAGMA synchronous = FULL") != 0))
		goto fail;
	if (check_schema(lg, mode) != 0)
		goto fail;
	return 0;
fail:
	if (db)
		sqlite3_close(db);
	ledger_close(lg);
	return -1;
}

/* Inserts of one month, with the test hook's row counter. */
struct inserter {
	struct ledger *lg;
	long crash_at, count;
};

static int bind_text(sqlite3_stmt *st, int i, const char *s)
{
	return sqlite3_bind_text(st, i, s ? s : "", -1, SQLITE_TRANSIENT);
}

static int step_insert(struct inserter *in, sqlite3_stmt *st, const char *what)
{
	if (in->crash_at >= 0 && in->count >= in->crash_at)
		raise(SIGKILL); /* test hook DH_MERGE_CRASH_AT */
	int rc = sqlite3_step(st);
	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
	if (rc != SQLITE_DONE)
		return db_error(in->lg, what);
	in->count++;
	return 0;
}

struct rec_inserter {
	struct inserter *in;
	sqlite3_stmt *st;
	const char *thang;
};

static int insert_record(void *ctx, const struct merge_rec *mr, size_t i)
{
	struct rec_inserter *ri = ctx;
	sqlite3_stmt *st = ri->st;
	int k = 1;
	bind_text(st, k++, ri->thang);
	sqlite3_bind_int64(st, k++, (sqlite3_int64)i);
	for (size_t c = 0; c < ARRAY_SIZE(led_rec_cols); c++)
		bind_text(st, k++, rec_get(&mr->r, led_rec_cols[c]));
	bind_text(st, k++, mr->khoa);
	return step_insert(ri->in, st, "không ghi được hồ sơ");
}

static int insert_records(struct inserter *in, const struct merge_month *m)
{
	sqlite3_stmt *st;
	int rc;
	if (prepare(
		in->lg,
		"INSERT INTO records (thang, stt, id, ma_don_vi, don_vi_de_xuat, linh_vuc, loai,"
		" ten, nam_sinh, gioi_tinh, dan_toc, chuc_vu, noi_cong_tac, thanh_tich,"
		" trang_thai, van_de, nguon, vi_tri, sha256, ngay_gui, ghi_chu, khoa)"
		" VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
		&st) != 0)
		return -1;
	struct rec_inserter ri = {in, st, m->thang};
	rc = merge_each_rec(m, insert_record, &ri) == 0 ? 0 : -1;
	sqlite3_finalize(st);
	return rc;
}

static int insert_files(struct inserter *in, const struct merge_month *m)
{
	static const enum file_field cols[] = {FL_NGUON,    FL_SHA256,	 FL_KICH_THUOC,
					       FL_NGAY_TEP, FL_NGAY_GUI, FL_MA_DON_VI,
					       FL_DON_VI,   FL_LOI,	 FL_TRUNG_VOI};
	sqlite3_stmt *st;
	int rc = 0;
	if (prepare(in->lg,
		    "INSERT INTO files (thang, stt, nguon, sha256, kich_thuoc, ngay_tep, ngay_gui,"
		    " ma_don_vi, don_vi_de_xuat, loi, trung_voi) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
		    &st) != 0)
		return -1;
	for (size_t i = 0; i < m->nfiles && rc == 0; i++) {
		int k = 1;
		bind_text(st, k++, m->thang);
		sqlite3_bind_int64(st, k++, (sqlite3_int64)i);
		for (size_t c = 0; c < ARRAY_SIZE(cols); c++)
			bind_text(st, k++, file_row_get(&m->files[i], cols[c]));
		rc = step_insert(in, st, "không ghi được danh sách tệp");
	}
	sqlite3_finalize(st);
	return rc;
}

static int insert_problem(void *ctx, const char *const *f, size_t i)
{
	struct rec_inserter *ri = ctx;
	sqlite3_stmt *st = ri->st;
	int k = 1;
	bind_text(st, k++, ri->thang);
	sqlite3_bind_int64(st, k++, (sqlite3_int64)i);
	for (int c = 0; c < PB_NFIELDS; c++)
		bind_text(st, k++, f[c]);
	return step_insert(ri->in, st, "không ghi được vấn đề");
}

static int insert_problems(struct inserter *in, const struct merge_month *m)
{
	sqlite3_stmt *st;
	int rc;
	if (prepare(in->lg,
		    "INSERT INTO problems (thang, stt, nguon, vi_tri, ma, muc_do, thong_diep, id)"
		    " VALUES (?,?,?,?,?,?,?,?)",
		    &st) != 0)
		return -1;
	struct rec_inserter ri = {in, st, m->thang};
	rc = merge_each_prob(m, insert_problem, &ri) == 0 ? 0 : -1;
	sqlite3_finalize(st);
	return rc;
}

static int insert_decisions(struct inserter *in, const struct merge_month *m)
{
	sqlite3_stmt *st;
	int rc = 0;
	if (prepare(in->lg,
		    "INSERT INTO decisions (thang, dong, id, quyet_dinh, ly_do, applied)"
		    " VALUES (?,?,?,?,?,?)",
		    &st) != 0)
		return -1;
	for (size_t i = 0; i < m->ndec && rc == 0; i++) {
		const struct decision *d = &m->dec[i];
		const char *qd = d->kind == QD_CHAP_NHAN ? "chap_nhan"
				 : d->kind == QD_LOAI_BO ? "loai_bo"
							 : d->raw;
		bind_text(st, 1, m->thang);
		sqlite3_bind_int64(st, 2, (sqlite3_int64)d->line);
		bind_text(st, 3, d->id);
		bind_text(st, 4, qd);
		bind_text(st, 5, d->ly_do);
		sqlite3_bind_int(st, 6, d->applied);
		rc = step_insert(in, st, "không ghi được quyết định");
	}
	sqlite3_finalize(st);
	return rc;
}

static int insert_units(struct inserter *in, const struct merge_month *m)
{
	sqlite3_stmt *st;
	int rc = 0;
	if (prepare(in->lg,
		    "INSERT INTO units (thang, stt, ma_don_vi, ten_don_vi, so_tep, so_guong,"
		    " so_hop_le, ngay_gui, trang_thai) VALUES (?,?,?,?,?,?,?,?,?)",
		    &st) != 0)
		return -1;
	for (size_t i = 0; i < m->nunits && rc == 0; i++) {
		const struct unit_row *u = &m->units[i];
		bind_text(st, 1, m->thang);
		sqlite3_bind_int64(st, 2, (sqlite3_int64)i);
		bind_text(st, 3, u->ma);
		bind_text(st, 4, u->ten);
		sqlite3_bind_int64(st, 5, u->so_tep);
		sqlite3_bind_int64(st, 6, u->so_guong);
		sqlite3_bind_int64(st, 7, u->so_hop_le);
		bind_text(st, 8, u->ngay_gui);
		bind_text(st, 9, u->trang_thai);
		rc = step_insert(in, st, "không ghi được danh sách đơn vị");
	}
	sqlite3_finalize(st);
	return rc;
}

static int insert_month_row(struct inserter *in, const struct merge_month *m, const char *run_time,
			    int han_nop)
{
	sqlite3_stmt *st;
	size_t nrecs;
	long nst[3];
	merge_counts(m, &nrecs, nst);
	long hop_le = nst[0] + nst[1];
	if (prepare(in->lg,
		    "INSERT INTO months (thang, ngay_chay, han_nop, so_tep, so_guong, so_hop_le)"
		    " VALUES (?,?,?,?,?,?)",
		    &st) != 0)
		return -1;
	bind_text(st, 1, m->thang);
	bind_text(st, 2, run_time);
	sqlite3_bind_int(st, 3, han_nop);
	sqlite3_bind_int64(st, 4, (sqlite3_int64)m->nfiles);
	sqlite3_bind_int64(st, 5, (sqlite3_int64)nrecs);
	sqlite3_bind_int64(st, 6, hop_le);
	int rc = step_insert(in, st, "không ghi được tháng");
	sqlite3_finalize(st);
	return rc;
}

int ledger_store_month(struct ledger *lg, const struct merge_month *m, const char *run_time,
		       long crash_at)
{
	struct inserter in = {lg, crash_at, 0};
	if (exec(lg, "BEGIN IMMEDIATE") != 0)
		return -1;
	for (size_t i = 0; i < ARRAY_SIZE(month_tables); i++) {
		char *sql = xasprintf("DELETE FROM %s WHERE thang = ?", month_tables[i]);
		sqlite3_stmt *st;
		int rc = prepare(lg, sql, &st);
		free(sql);
		if (rc != 0)
			goto fail;
		bind_text(st, 1, m->thang);
		rc = sqlite3_step(st);
		sqlite3_finalize(st);
		if (rc != SQLITE_DONE) {
			db_error(lg, "không xóa được dữ liệu cũ của tháng");
			goto fail;
		}
	}
	if (insert_month_row(&in, m, run_time, m->han_nop) != 0 || insert_records(&in, m) != 0 ||
	    insert_files(&in, m) != 0 || insert_problems(&in, m) != 0 ||
	    insert_decisions(&in, m) != 0 || insert_units(&in, m) != 0)
		goto fail;
	if (in.crash_at >= 0 && in.count >= in.crash_at)
		raise(SIGKILL); /* test hook: just before COMMIT */
	if (exec(lg, "COMMIT") != 0)
		goto fail;
	return 0;
fail:
	sqlite3_exec(lg->db, "ROLLBACK", NULL, NULL, NULL);
	return -1;
}

void ledger_free_list(char **v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

/* 1 when the ledger has its tables (an empty read-only database has not). */
static int has_schema(struct ledger *lg)
{
	long version = 0;
	if (query_int(lg, "PRAGMA user_version", &version) != 0)
		return -1;
	return version == LEDGER_SCHEMA_VERSION;
}

int ledger_earlier_months(struct ledger *lg, const char *thang, const char *khoa, const char *loai,
			  const char *nam_sinh, char ***months, size_t *n)
{
	sqlite3_stmt *st;
	size_t cap = 0;
	*months = NULL;
	*n = 0;
	if (lg->schema < 0)
		lg->schema = has_schema(lg);
	if (lg->schema <= 0)
		return lg->schema;
	if (!lg->st_earlier) {
		sqlite3_stmt *p;
		if (prepare(lg,
			    "SELECT DISTINCT thang FROM records WHERE khoa = ?1 AND loai = ?2"
			    " AND thang < ?3 AND (?4 = '' OR nam_sinh = '' OR nam_sinh = ?4)"
			    " AND (';' || van_de || ';') NOT LIKE '%;trung_lap;%' ORDER BY thang",
			    &p) != 0)
			return -1;
		lg->st_earlier = p;
	}
	st = lg->st_earlier;
	bind_text(st, 1, khoa);
	bind_text(st, 2, loai);
	bind_text(st, 3, thang);
	bind_text(st, 4, nam_sinh);
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		XGROW(*months, cap, *n + 1);
		(*months)[(*n)++] = xstrdup((const char *)sqlite3_column_text(st, 0));
	}
	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
	if (rc != SQLITE_DONE) {
		ledger_free_list(*months, *n);
		*months = NULL;
		*n = 0;
		return db_error(lg, "không tra cứu được lịch sử");
	}
	return 0;
}

int ledger_begin_read(struct ledger *lg)
{
	return exec(lg, "BEGIN");
}

int ledger_end_read(struct ledger *lg)
{
	forget_statements(lg); /* cached only within the transaction */
	return exec(lg, "COMMIT");
}

int ledger_has_month(struct ledger *lg, const char *thang)
{
	sqlite3_stmt *st;
	int hs = has_schema(lg);
	if (hs <= 0)
		return hs;
	if (prepare(lg, "SELECT 1 FROM months WHERE thang = ?", &st) != 0)
		return -1;
	bind_text(st, 1, thang);
	int rc = sqlite3_step(st);
	sqlite3_finalize(st);
	if (rc == SQLITE_ROW)
		return 1;
	if (rc == SQLITE_DONE)
		return 0;
	return db_error(lg, "không đọc được danh sách tháng");
}

static const char *col_text(sqlite3_stmt *st, int i)
{
	const unsigned char *s = sqlite3_column_text(st, i);
	return s ? (const char *)s : "";
}

int ledger_read_records(struct ledger *lg, const char *from, const char *to, ledger_rec_fn cb,
			void *ctx)
{
	sqlite3_stmt *st;
	struct record r;
	int rc = SQLITE_DONE, hs = has_schema(lg);
	if (hs <= 0)
		return hs;
	if (prepare(lg,
		    "SELECT thang, id, ma_don_vi, don_vi_de_xuat, linh_vuc, loai, ten, nam_sinh,"
		    " gioi_tinh, dan_toc, chuc_vu, noi_cong_tac, thanh_tich, trang_thai, van_de,"
		    " nguon, vi_tri, sha256, ngay_gui, ghi_chu, khoa FROM records"
		    " WHERE thang BETWEEN ?1 AND ?2 ORDER BY thang, stt",
		    &st) != 0)
		return -1;
	bind_text(st, 1, from);
	bind_text(st, 2, to);
	rec_init(&r);
	int cbrc = 0;
	while (cbrc == 0 && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		rec_set(&r, R_THANG, col_text(st, 0));
		for (size_t c = 0; c < ARRAY_SIZE(led_rec_cols); c++)
			rec_set(&r, led_rec_cols[c], col_text(st, (int)c + 1));
		cbrc = cb(ctx, &r, col_text(st, (int)ARRAY_SIZE(led_rec_cols) + 1));
		rec_release(&r);
	}
	sqlite3_finalize(st);
	if (cbrc)
		return cbrc;
	if (rc != SQLITE_DONE)
		return db_error(lg, "không đọc được hồ sơ");
	return 0;
}

int ledger_read_units(struct ledger *lg, const char *from, const char *to, ledger_unit_fn cb,
		      void *ctx)
{
	sqlite3_stmt *st;
	int rc = SQLITE_DONE, hs = has_schema(lg);
	if (hs <= 0)
		return hs;
	if (prepare(lg,
		    "SELECT thang, ma_don_vi, ten_don_vi, so_tep, so_guong, so_hop_le, trang_thai"
		    " FROM units WHERE thang BETWEEN ?1 AND ?2 ORDER BY thang, stt",
		    &st) != 0)
		return -1;
	bind_text(st, 1, from);
	bind_text(st, 2, to);
	int cbrc = 0;
	while (cbrc == 0 && (rc = sqlite3_step(st)) == SQLITE_ROW)
		cbrc = cb(ctx, col_text(st, 0), col_text(st, 1), col_text(st, 2),
			  (long)sqlite3_column_int64(st, 3), (long)sqlite3_column_int64(st, 4),
			  (long)sqlite3_column_int64(st, 5), col_text(st, 6));
	sqlite3_finalize(st);
	if (cbrc)
		return cbrc;
	if (rc != SQLITE_DONE)
		return db_error(lg, "không đọc được danh sách đơn vị");
	return 0;
}
