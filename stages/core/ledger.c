/* ledger.c - the SQLite ledger of merged months (see ledger.h). */
#include "ledger.h"
#include "files.h"
#include "buf.h"
#include "nominee.h"
#include "problem.h"
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

/* Version 2: the corrections of staff decisions. */
static const char corrections_sql[] =
    "CREATE TABLE corrections ("
    " thang TEXT NOT NULL, stt INTEGER NOT NULL, dong INTEGER NOT NULL, id TEXT NOT NULL,"
    " truong TEXT NOT NULL, cu TEXT NOT NULL, moi TEXT NOT NULL, PRIMARY KEY (thang, stt));";

static const char *const month_tables[] = {"records", "files",	"problems",   "decisions",
					   "units",   "months", "corrections"};

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
	lg->wr = NULL;
}

static void forget_statements(struct ledger *lg)
{
	sqlite3_finalize(lg->st_earlier); /* NULL is a no-op */
	lg->st_earlier = NULL;
	lg->schema = -1;
}

static void writer_free(struct ledger *lg);

void ledger_close(struct ledger *lg)
{
	writer_free(lg);
	forget_statements(lg);
	if (lg->db)
		sqlite3_close(lg->db);
	free(lg->path);
	ledger_init(lg);
}

/* Sets user_version to this program's and commits. */
static int commit_version(struct ledger *lg)
{
	char pragma[64];
	snprintf(pragma, sizeof pragma, "PRAGMA user_version = %d", LEDGER_SCHEMA_VERSION);
	return exec(lg, pragma) != 0 || exec(lg, "COMMIT") != 0 ? -1 : 0;
}

/* Creates the schema in an empty database, upgrades a version 1 ledger
 * opened for writing, or checks the version. */
static int check_schema(struct ledger *lg, enum ledger_mode mode)
{
	long version, ntables;
	if (query_int(lg, "PRAGMA user_version", &version) != 0)
		return -1;
	if (version == LEDGER_SCHEMA_VERSION || (version == 1 && mode == LEDGER_READ))
		return 0;
	if (version > LEDGER_SCHEMA_VERSION)
		return error("sổ cái %s có phiên bản %ld, mới hơn chương trình (%d); hãy cập nhật "
			     "chương trình",
			     lg->path, version, LEDGER_SCHEMA_VERSION);
	if (version == 0) {
		if (query_int(lg, "SELECT count(*) FROM sqlite_master", &ntables) != 0)
			return -1;
		if (ntables != 0)
			return error("%s không phải là sổ cái của chương trình này", lg->path);
		if (mode == LEDGER_READ)
			return 0; /* an empty database reads as empty */
	}
	if (exec(lg, "BEGIN IMMEDIATE") != 0)
		return -1;
	/* Another process may have created it while we waited for the lock. */
	if (query_int(lg, "PRAGMA user_version", &version) != 0)
		goto fail;
	if (version == LEDGER_SCHEMA_VERSION)
		return exec(lg, "COMMIT");
	if ((version == 0 && exec(lg, schema_sql) != 0) || exec(lg, corrections_sql) != 0 ||
	    commit_version(lg) != 0)
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
	/* NOMUTEX: a struct ledger is used by one thread */
	int flags = SQLITE_OPEN_NOMUTEX |
		    (mode == LEDGER_READ ? SQLITE_OPEN_READONLY
					 : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
	if (sqlite3_open_v2(path, &db, flags, NULL) != SQLITE_OK) {
		error("không mở được sổ cái %s: %s", path, db ? sqlite3_errmsg(db) : "hết bộ nhớ");
		goto fail;
	}
	lg->db = db;
	db = NULL;
	if (nominee_sql_register(lg->db) != 0) {
		db_error(lg, "không đăng ký được hàm so sánh");
		goto fail;
	}
	sqlite3_busy_timeout(lg->db, 60000);
	sqlite3_extended_result_codes(lg->db, 1);
	if (mode == LEDGER_WRITE && (exec(lg, "PRAGMA journal_mode = DELETE") != 0 ||
				     exec(lg, "PRAGMA synchronous = FULL") != 0 ||
				     exec(lg, "PRAGMA cache_size = -8192") != 0))
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

static int bind_text(sqlite3_stmt *st, int i, const char *s)
{
	return sqlite3_bind_text(st, i, s ? s : "", -1, SQLITE_TRANSIENT);
}

/* A month row's text, not copied: it is bound for one insert_end() only
 * (every parameter is bound again before the next). */
static int bind_row_text(sqlite3_stmt *st, int i, const char *s)
{
	return sqlite3_bind_text(st, i, s ? s : "", -1, SQLITE_STATIC);
}

/* The tables a month is written to, with their INSERTs (thang and stt are
 * the first two parameters). */
enum wr_table {
	WT_MONTH,
	WT_RECORD,
	WT_FILE,
	WT_PROBLEM,
	WT_DECISION,
	WT_UNIT,
	WT_CORRECTION,
	WT_N
};

static const char *const insert_sql[WT_N] = {
    "INSERT INTO months (thang, ngay_chay, han_nop, so_tep, so_guong, so_hop_le)"
    " VALUES (?1,?3,?4,?5,?6,?7)",
    "INSERT INTO records (thang, stt, id, ma_don_vi, don_vi_de_xuat, linh_vuc, loai,"
    " ten, nam_sinh, gioi_tinh, dan_toc, chuc_vu, noi_cong_tac, thanh_tich,"
    " trang_thai, van_de, nguon, vi_tri, sha256, ngay_gui, ghi_chu, khoa)"
    " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
    "INSERT INTO files (thang, stt, nguon, sha256, kich_thuoc, ngay_tep, ngay_gui,"
    " ma_don_vi, don_vi_de_xuat, loi, trung_voi) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
    "INSERT INTO problems (thang, stt, nguon, vi_tri, ma, muc_do, thong_diep, id)"
    " VALUES (?,?,?,?,?,?,?,?)",
    "INSERT INTO decisions (thang, dong, id, quyet_dinh, ly_do, applied)"
    " VALUES (?,?,?,?,?,?)",
    "INSERT INTO units (thang, stt, ma_don_vi, ten_don_vi, so_tep, so_guong,"
    " so_hop_le, ngay_gui, trang_thai) VALUES (?,?,?,?,?,?,?,?,?)",
    "INSERT INTO corrections (thang, stt, dong, id, truong, cu, moi) VALUES (?,?,?,?,?,?,?)",
};

static const char *const insert_what[WT_N] = {
    "không ghi được tháng",	  "không ghi được hồ sơ",      "không ghi được danh sách tệp",
    "không ghi được vấn đề",	  "không ghi được quyết định", "không ghi được danh sách đơn vị",
    "không ghi được các sửa đổi",
};

/* The month being written. */
struct ledger_writer {
	char *thang;
	sqlite3_stmt *st[WT_N];
	sqlite3_int64 stt[WT_N];
	long crash_at, count; /* the test hook's row counter */
};

static void writer_free(struct ledger *lg)
{
	struct ledger_writer *w = lg->wr;
	if (!w)
		return;
	for (int t = 0; t < WT_N; t++)
		sqlite3_finalize(w->st[t]);
	free(w->thang);
	free(w);
	lg->wr = NULL;
}

/* The INSERT of table t with thang and stt bound (stt: the given number, or
 * the table's next when dong < 0). */
static sqlite3_stmt *insert_begin(struct ledger *lg, enum wr_table t, sqlite3_int64 dong)
{
	struct ledger_writer *w = lg->wr;
	if (!w) {
		error("sổ cái %s: chưa bắt đầu ghi tháng", lg->path);
		return NULL;
	}
	if (!w->st[t] && prepare(lg, insert_sql[t], &w->st[t]) != 0)
		return NULL;
	bind_row_text(w->st[t], 1, w->thang);
	sqlite3_bind_int64(w->st[t], 2, dong >= 0 ? dong : w->stt[t]++);
	return w->st[t];
}

static int insert_end(struct ledger *lg, enum wr_table t)
{
	struct ledger_writer *w = lg->wr;
	sqlite3_stmt *st = w->st[t];
	if (w->crash_at >= 0 && w->count >= w->crash_at)
		raise(SIGKILL); /* test hook DH_MERGE_CRASH_AT */
	int rc = sqlite3_step(st);
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return db_error(lg, insert_what[t]);
	w->count++;
	return 0;
}

int ledger_month_begin(struct ledger *lg, const char *thang, long crash_at)
{
	writer_free(lg);
	if (exec(lg, "BEGIN IMMEDIATE") != 0)
		return -1;
	for (size_t i = 0; i < ARRAY_SIZE(month_tables); i++) {
		char *sql = xasprintf("DELETE FROM %s WHERE thang = ?", month_tables[i]);
		sqlite3_stmt *st;
		int rc = prepare(lg, sql, &st);
		free(sql);
		if (rc != 0)
			goto fail;
		bind_row_text(st, 1, thang);
		rc = sqlite3_step(st);
		sqlite3_finalize(st);
		if (rc != SQLITE_DONE) {
			db_error(lg, "không xóa được dữ liệu cũ của tháng");
			goto fail;
		}
	}
	lg->wr = xcalloc(1, sizeof *lg->wr);
	lg->wr->thang = xstrdup(thang);
	lg->wr->crash_at = crash_at;
	return 0;
fail:
	sqlite3_exec(lg->db, "ROLLBACK", NULL, NULL, NULL);
	return -1;
}

int ledger_put_month(struct ledger *lg, const char *run_time, int han_nop, long so_tep,
		     long so_guong, long so_hop_le)
{
	sqlite3_stmt *st = insert_begin(lg, WT_MONTH, 0);
	if (!st)
		return -1;
	bind_row_text(st, 3, run_time);
	sqlite3_bind_int(st, 4, han_nop);
	sqlite3_bind_int64(st, 5, so_tep);
	sqlite3_bind_int64(st, 6, so_guong);
	sqlite3_bind_int64(st, 7, so_hop_le);
	return insert_end(lg, WT_MONTH);
}

int ledger_put_record(struct ledger *lg, const struct record *r, const char *khoa)
{
	sqlite3_stmt *st = insert_begin(lg, WT_RECORD, -1);
	if (!st)
		return -1;
	int k = 3;
	for (size_t c = 0; c < ARRAY_SIZE(led_rec_cols); c++)
		bind_row_text(st, k++, rec_get(r, led_rec_cols[c]));
	bind_row_text(st, k++, khoa);
	return insert_end(lg, WT_RECORD);
}

int ledger_put_file(struct ledger *lg, const struct file_row *f)
{
	static const enum file_field cols[] = {FL_NGUON,    FL_SHA256,	 FL_KICH_THUOC,
					       FL_NGAY_TEP, FL_NGAY_GUI, FL_MA_DON_VI,
					       FL_DON_VI,   FL_LOI,	 FL_TRUNG_VOI};
	sqlite3_stmt *st = insert_begin(lg, WT_FILE, -1);
	if (!st)
		return -1;
	for (size_t c = 0; c < ARRAY_SIZE(cols); c++)
		bind_row_text(st, (int)c + 3, file_row_get(f, cols[c]));
	return insert_end(lg, WT_FILE);
}

int ledger_put_problem(struct ledger *lg, const char *nguon, const char *vi_tri, const char *ma,
		       const char *muc_do, const char *thong_diep, const char *id)
{
	const char *v[] = {nguon, vi_tri, ma, muc_do, thong_diep, id};
	sqlite3_stmt *st = insert_begin(lg, WT_PROBLEM, -1);
	if (!st)
		return -1;
	for (size_t c = 0; c < ARRAY_SIZE(v); c++)
		bind_row_text(st, (int)c + 3, v[c]);
	return insert_end(lg, WT_PROBLEM);
}

int ledger_put_decision(struct ledger *lg, long dong, const char *id, const char *quyet_dinh,
			const char *ly_do, int applied)
{
	sqlite3_stmt *st = insert_begin(lg, WT_DECISION, dong < 0 ? 0 : dong);
	if (!st)
		return -1;
	bind_row_text(st, 3, id);
	bind_row_text(st, 4, quyet_dinh);
	bind_row_text(st, 5, ly_do);
	sqlite3_bind_int(st, 6, applied);
	return insert_end(lg, WT_DECISION);
}

int ledger_put_unit(struct ledger *lg, const char *ma, const char *ten, long so_tep, long so_guong,
		    long so_hop_le, const char *ngay_gui, const char *trang_thai)
{
	sqlite3_stmt *st = insert_begin(lg, WT_UNIT, -1);
	if (!st)
		return -1;
	bind_row_text(st, 3, ma);
	bind_row_text(st, 4, ten);
	sqlite3_bind_int64(st, 5, so_tep);
	sqlite3_bind_int64(st, 6, so_guong);
	sqlite3_bind_int64(st, 7, so_hop_le);
	bind_row_text(st, 8, ngay_gui);
	bind_row_text(st, 9, trang_thai);
	return insert_end(lg, WT_UNIT);
}

int ledger_put_correction(struct ledger *lg, long dong, const char *id, const char *truong,
			  const char *cu, const char *moi)
{
	sqlite3_stmt *st = insert_begin(lg, WT_CORRECTION, -1);
	if (!st)
		return -1;
	sqlite3_bind_int64(st, 3, dong);
	bind_row_text(st, 4, id);
	bind_row_text(st, 5, truong);
	bind_row_text(st, 6, cu);
	bind_row_text(st, 7, moi);
	return insert_end(lg, WT_CORRECTION);
}

/* A later month's record the history applies to. */
struct hist_row {
	char *thang, *id, *nguon, *vi_tri, *khoa, *loai, *nam_sinh, *van_de;
	long stt;
};

static void hist_rows_free(struct hist_row *v, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(v[i].thang);
		free(v[i].id);
		free(v[i].nguon);
		free(v[i].vi_tri);
		free(v[i].khoa);
		free(v[i].loai);
		free(v[i].nam_sinh);
		free(v[i].van_de);
	}
	free(v);
}

static const char *col_text(sqlite3_stmt *st, int i);

/* Runs sql with the text parameters v (n of them); 0 or -1 (reported). */
static int run_sql(struct ledger *lg, const char *sql, const char *const *v, int n, long num)
{
	sqlite3_stmt *st;
	if (prepare(lg, sql, &st) != 0)
		return -1;
	for (int i = 0; i < n; i++)
		bind_text(st, i + 1, v[i]);
	if (num >= 0)
		sqlite3_bind_int64(st, n + 1, num);
	int rc = sqlite3_step(st);
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? 0 : db_error(lg, "không cập nhật được lịch sử");
}

/* The history message of r's da_de_cu_truoc row now, or NULL (none). */
static int current_history(struct ledger *lg, const struct hist_row *r, char **msg)
{
	sqlite3_stmt *st;
	*msg = NULL;
	if (prepare(lg,
		    "SELECT thong_diep FROM problems WHERE thang = ?1 AND ma = ?2 AND id = ?3"
		    " AND nguon = ?4 AND vi_tri = ?5",
		    &st) != 0)
		return -1;
	const char *v[] = {r->thang, problem_code_name(PC_DA_DE_CU_TRUOC), r->id, r->nguon,
			   r->vi_tri};
	for (int i = 0; i < 5; i++)
		bind_text(st, i + 1, v[i]);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		*msg = xstrdup(col_text(st, 0));
	sqlite3_finalize(st);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? 0 : db_error(lg, "không đọc được vấn đề");
}

/* Brings one record's history up to date; *changed is set when it was not. */
static int refresh_one(struct ledger *lg, const struct hist_row *r, int *changed)
{
	char **months, *want = NULL, *have = NULL;
	size_t n;
	struct nom_ident who = {r->khoa, r->loai, r->nam_sinh};
	*changed = 0;
	if (ledger_earlier_months(lg, r->thang, &who, &months, &n) != 0)
		return -1;
	if (n) {
		char *detail = nominee_history_detail(months, n);
		want = problem_message(PC_DA_DE_CU_TRUOC, detail);
		free(detail);
	}
	ledger_free_list(months, n);
	int rc = current_history(lg, r, &have);
	const char *code = problem_code_name(PC_DA_DE_CU_TRUOC);
	if (rc == 0 && ((want == NULL) != (have == NULL) || (want && strcmp(want, have) != 0) ||
			nom_codes_have(r->van_de, code) != (want != NULL))) {
		*changed = 1;
		char *van_de = nom_codes_with(r->van_de, code, want != NULL);
		const char *key[] = {r->thang, code, r->id, r->nguon, r->vi_tri};
		const char *upd[] = {van_de, r->thang};
		rc = run_sql(lg, "UPDATE records SET van_de = ?1 WHERE thang = ?2 AND stt = ?3",
			     upd, 2, r->stt);
		if (rc == 0 && have && want) {
			const char *v[] = {want, key[0], key[1], key[2], key[3], key[4]};
			rc = run_sql(
			    lg,
			    "UPDATE problems SET thong_diep = ?1 WHERE thang = ?2 AND ma = ?3"
			    " AND id = ?4 AND nguon = ?5 AND vi_tri = ?6",
			    v, 6, -1);
		} else if (rc == 0 && have) {
			rc = run_sql(lg,
				     "DELETE FROM problems WHERE thang = ?1 AND ma = ?2 AND id = ?3"
				     " AND nguon = ?4 AND vi_tri = ?5",
				     key, 5, -1);
		} else if (rc == 0) {
			const char *v[] = {r->thang,
					   r->nguon,
					   r->vi_tri,
					   code,
					   problem_level_name(problem_level(PC_DA_DE_CU_TRUOC)),
					   want,
					   r->id};
			rc = run_sql(
			    lg,
			    "INSERT INTO problems (thang, stt, nguon, vi_tri, ma, muc_do,"
			    " thong_diep, id) SELECT ?1, coalesce(max(stt), -1) + 1, ?2, ?3,"
			    " ?4, ?5, ?6, ?7 FROM problems WHERE thang = ?1",
			    v, 7, -1);
		}
		free(van_de);
	}
	free(want);
	free(have);
	return rc;
}

int ledger_refresh_history(struct ledger *lg, const char *thang, char ***months, size_t *n)
{
	sqlite3_stmt *st;
	struct hist_row *v = NULL;
	size_t nv = 0, cap = 0, capm = 0;
	int rc = 0, step;
	*months = NULL;
	*n = 0;
	/* the records a merge gives history: a name, not trung_lap or gui_lai */
	if (prepare(
		lg,
		"SELECT thang, stt, id, nguon, vi_tri, khoa, loai, nam_sinh, van_de FROM records"
		" WHERE thang > ?1 AND khoa <> '' AND NOT has_code(van_de, ?2)"
		" AND NOT has_code(van_de, ?3) ORDER BY thang, stt",
		&st) != 0)
		return -1;
	bind_text(st, 1, thang);
	bind_text(st, 2, problem_code_name(PC_TRUNG_LAP));
	bind_text(st, 3, problem_code_name(PC_GUI_LAI));
	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		XGROW(v, cap, nv + 1);
		struct hist_row *r = &v[nv++];
		r->thang = xstrdup(col_text(st, 0));
		r->stt = (long)sqlite3_column_int64(st, 1);
		r->id = xstrdup(col_text(st, 2));
		r->nguon = xstrdup(col_text(st, 3));
		r->vi_tri = xstrdup(col_text(st, 4));
		r->khoa = xstrdup(col_text(st, 5));
		r->loai = xstrdup(col_text(st, 6));
		r->nam_sinh = xstrdup(col_text(st, 7));
		r->van_de = xstrdup(col_text(st, 8));
	}
	sqlite3_finalize(st);
	if (step != SQLITE_DONE)
		rc = db_error(lg, "không đọc được hồ sơ");
	for (size_t i = 0; i < nv && rc == 0; i++) {
		int changed;
		rc = refresh_one(lg, &v[i], &changed);
		if (rc == 0 && changed && (!*n || strcmp((*months)[*n - 1], v[i].thang) != 0)) {
			XGROW(*months, capm, *n + 1);
			(*months)[(*n)++] = xstrdup(v[i].thang);
		}
	}
	hist_rows_free(v, nv);
	if (rc != 0) {
		ledger_free_list(*months, *n);
		*months = NULL;
		*n = 0;
	}
	return rc;
}

int ledger_month_commit(struct ledger *lg)
{
	struct ledger_writer *w = lg->wr;
	if (!w)
		return error("sổ cái %s: chưa bắt đầu ghi tháng", lg->path);
	if (w->crash_at >= 0 && w->count >= w->crash_at)
		raise(SIGKILL); /* test hook: just before COMMIT */
	writer_free(lg);
	if (exec(lg, "COMMIT") != 0) {
		sqlite3_exec(lg->db, "ROLLBACK", NULL, NULL, NULL);
		return -1;
	}
	return 0;
}

void ledger_month_abort(struct ledger *lg)
{
	writer_free(lg);
	sqlite3_exec(lg->db, "ROLLBACK", NULL, NULL, NULL);
}

void ledger_free_list(char **v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

/* 1 when the ledger has its tables (an empty read-only database has not;
 * version 1 has all the tables the reads use). */
static int has_schema(struct ledger *lg)
{
	long version = 0;
	if (query_int(lg, "PRAGMA user_version", &version) != 0)
		return -1;
	return version == 1 || version == LEDGER_SCHEMA_VERSION;
}

int ledger_earlier_months(struct ledger *lg, const char *thang, const struct nom_ident *who,
			  char ***months, size_t *n)
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
		/* khoa and loai equal: the index's part of the rule */
		if (prepare(lg,
			    "SELECT DISTINCT thang FROM records WHERE khoa = ?1 AND loai = ?2"
			    " AND thang < ?3 AND nominee_same(khoa, loai, nam_sinh, ?1, ?2, ?4)"
			    " AND NOT has_code(van_de, ?5) ORDER BY thang",
			    &p) != 0)
			return -1;
		lg->st_earlier = p;
	}
	st = lg->st_earlier;
	bind_text(st, 1, who->khoa);
	bind_text(st, 2, who->loai);
	bind_text(st, 3, thang);
	bind_text(st, 4, who->nam_sinh);
	bind_text(st, 5, problem_code_name(PC_TRUNG_LAP));
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
