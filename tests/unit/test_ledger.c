/* test_ledger.c - unit tests of the SQLite ledger: schema, atomic month
 * replacement, history across months, period reads. */
#include "harness.h"
#include "buf.h"
#include "ledger.h"
#include "merge.h"
#include "nominee.h"
#include "period.h"
#include "plan.h"
#include "util.h"

#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static char tmpdir[] = "/tmp/test_ledger.XXXXXX";

static char *db_path(const char *name)
{
	return xasprintf("%s/%s", tmpdir, name);
}

static void add_full(struct merge_month *m, const char *ten, const char *loai, const char *nam_sinh,
		     const char *id, const char *van_de, const char *ngay_gui)
{
	struct record r;
	rec_init(&r);
	rec_set(&r, R_VAN_DE, van_de);
	rec_set(&r, R_TEN, ten);
	rec_set(&r, R_LOAI, loai);
	rec_set(&r, R_NAM_SINH, nam_sinh);
	rec_set(&r, R_ID, id);
	rec_set(&r, R_NGUON, "a.csv");
	rec_set(&r, R_VI_TRI, id);
	rec_set(&r, R_LINH_VUC, "4");
	rec_set(&r, R_MA_DON_VI, "01822");
	rec_set(&r, R_DON_VI, "Xã Đức Long");
	rec_set(&r, R_NGAY_GUI, ngay_gui);
	CHECK_INT(merge_month_add_rec(m, &r), 0);
	rec_release(&r);
}

static void add(struct merge_month *m, const char *ten, const char *loai, const char *nam_sinh,
		const char *id)
{
	add_full(m, ten, loai, nam_sinh, id, "", "2026-01-10");
}

static long count(const char *path, const char *sql)
{
	sqlite3 *db;
	sqlite3_stmt *st;
	long n = -1;
	if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK)
		return -1;
	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) == SQLITE_OK) {
		if (sqlite3_step(st) == SQLITE_ROW)
			n = (long)sqlite3_column_int64(st, 0);
		sqlite3_finalize(st);
	}
	sqlite3_close(db);
	return n;
}

/* Computes and stores a month with the given records (ten|loai|nam_sinh|id)
 * as dh-merge does. */
static int store(struct ledger *lg, const char *thang, const char *const *recs, size_t n,
		 struct merge_month *out)
{
	struct merge_month m;
	if (merge_month_init(&m, thang) != 0)
		return -1;
	for (size_t i = 0; i < n; i += 4)
		add(&m, recs[i], recs[i + 1], recs[i + 2], recs[i + 3]);
	int rc = merge_compute(&m, NULL, lg);
	if (rc == 0)
		rc = merge_store(&m, lg, "2026-01-01T00:00:00Z", -1);
	if (out)
		*out = m;
	else
		merge_month_release(&m);
	return rc;
}

/* The row-level API: rows are numbered per table, a month is replaced in
 * one transaction, an aborted month leaves the ledger as it was. */
TEST(row_api)
{
	char *p = db_path("rows.sqlite");
	struct ledger lg;
	CHECK_INT(ledger_open(&lg, p, LEDGER_WRITE), 0);
	struct record r;
	rec_init(&r);
	rec_set(&r, R_ID, "x1");
	rec_set(&r, R_TEN, "Lý Thị Hoa");
	rec_set(&r, R_LOAI, "ca_nhan");
	rec_set(&r, R_VAN_DE, "ma_cu");
	CHECK_INT(ledger_put_record(&lg, &r, "lý thị hoa"), -1); /* no month begun */
	CHECK_INT(ledger_month_begin(&lg, "2026-05", -1), 0);
	CHECK_INT(ledger_put_month(&lg, "t", 20, 1, 2, 2), 0);
	CHECK_INT(ledger_put_record(&lg, &r, "lý thị hoa"), 0);
	rec_set(&r, R_ID, "x2");
	rec_set(&r, R_VAN_DE, "ma_cu;trung_lap");
	CHECK_INT(ledger_put_record(&lg, &r, "lý thị hoa"), 0);
	CHECK_INT(ledger_put_problem(&lg, "a.csv", "dòng 2", "ma_cu", "thong_tin", "m", "x1"), 0);
	CHECK_INT(ledger_put_decision(&lg, 3, "x1", "chap_nhan", "", 1), 0);
	CHECK_INT(ledger_put_correction(&lg, 3, "x1", "linh_vuc", "5", "6"), 0);
	CHECK_INT(ledger_put_unit(&lg, "01822", "Xã Đức Long", 1, 2, 2, "2026-05-02", "da_gui"), 0);
	CHECK_INT(ledger_month_commit(&lg), 0);
	CHECK_INT(count(p, "SELECT count(*) FROM records WHERE thang = '2026-05'"), 2);
	CHECK_INT(count(p, "SELECT max(stt) FROM records"), 1);
	CHECK_INT(count(p, "SELECT dong FROM decisions"), 3);
	CHECK_INT(count(p, "SELECT count(*) FROM corrections WHERE dong = 3 AND truong = 'linh_vuc'"
			   " AND cu = '5' AND moi = '6'"),
		  1);
	/* History: the trung_lap row does not count; a later month asks. */
	char **months;
	size_t n;
	struct nom_ident who = {"lý thị hoa", "ca_nhan", "1970"};
	CHECK_INT(ledger_earlier_months(&lg, "2026-06", &who, &months, &n), 0);
	CHECK(n == 1 && strcmp(months[0], "2026-05") == 0);
	ledger_free_list(months, n);
	who.loai = "tap_the";
	CHECK_INT(ledger_earlier_months(&lg, "2026-06", &who, &months, &n), 0);
	CHECK_INT(n, 0);
	ledger_free_list(months, n);
	/* An aborted re-run leaves the month as it was. */
	CHECK_INT(ledger_month_begin(&lg, "2026-05", -1), 0);
	CHECK_INT(ledger_put_record(&lg, &r, "lý thị hoa"), 0);
	ledger_month_abort(&lg);
	CHECK_INT(count(p, "SELECT count(*) FROM records WHERE thang = '2026-05'"), 2);
	rec_release(&r);
	ledger_close(&lg);
	free(p);
}

static int find_rec(void *ctx, const struct nom_rec *r, size_t i)
{
	const char **want = ctx; /* id, then the answer: its van_de and status */
	if (strcmp(rec_get(&r->r, R_ID), want[0]) == 0) {
		want[1] = xstrdup(rec_get(&r->r, R_VAN_DE));
		want[2] = xstrdup(rec_get(&r->r, R_TRANG_THAI));
	}
	return 0;
}

/* The final problem of a code and id, as "muc_do|thong_diep" (malloc'd),
 * or NULL. */
struct pfind {
	const char *code, *id;
	char *found;
};

static int on_prob(void *ctx, const char *const *f, size_t i)
{
	struct pfind *pf = ctx;
	if (!pf->found && strcmp(f[PB_MA], pf->code) == 0 && strcmp(f[PB_ID], pf->id) == 0)
		pf->found = xasprintf("%s|%s", f[PB_MUC_DO], f[PB_THONG_DIEP]);
	return 0;
}

static char *find_prob(const struct merge_month *m, const char *code, const char *id)
{
	struct pfind pf = {code, id, NULL};
	merge_each_prob(m, on_prob, &pf);
	return pf.found;
}

TEST(schema_created_and_checked)
{
	char *p = db_path("schema.sqlite");
	struct ledger lg;
	CHECK_INT(ledger_open(&lg, p, LEDGER_READ), -1); /* does not exist */
	CHECK_INT(ledger_open(&lg, p, LEDGER_WRITE), 0);
	ledger_close(&lg);
	CHECK_INT(count(p, "PRAGMA user_version"), LEDGER_SCHEMA_VERSION);
	CHECK_INT(count(p, "SELECT count(*) FROM sqlite_master WHERE type = 'table'"), 7);
	CHECK_INT(ledger_open(&lg, p, LEDGER_READ), 0);
	CHECK_INT(ledger_has_month(&lg, "2026-01"), 0);
	ledger_close(&lg);
	/* A version 1 ledger (no corrections table) reads as it is and is
	 * upgraded when opened for writing. */
	sqlite3 *db1;
	sqlite3_open(p, &db1);
	sqlite3_exec(db1, "DROP TABLE corrections; PRAGMA user_version = 1", NULL, NULL, NULL);
	sqlite3_close(db1);
	CHECK_INT(ledger_open(&lg, p, LEDGER_READ), 0);
	CHECK_INT(ledger_has_month(&lg, "2026-01"), 0);
	ledger_close(&lg);
	CHECK_INT(count(p, "PRAGMA user_version"), 1);
	CHECK_INT(ledger_open(&lg, p, LEDGER_WRITE), 0);
	ledger_close(&lg);
	CHECK_INT(count(p, "PRAGMA user_version"), LEDGER_SCHEMA_VERSION);
	CHECK_INT(count(p, "SELECT count(*) FROM sqlite_master WHERE name = 'corrections'"), 1);
	/* A newer schema is refused. */
	sqlite3 *db;
	sqlite3_open(p, &db);
	sqlite3_exec(db, "PRAGMA user_version = 99", NULL, NULL, NULL);
	sqlite3_close(db);
	CHECK_INT(ledger_open(&lg, p, LEDGER_WRITE), -1);
	/* Not a database at all. */
	char *q = db_path("garbage.sqlite");
	write_file_atomic(q, "this is not sqlite, just text that is long enough to matter.....\n",
			  66);
	CHECK_INT(ledger_open(&lg, q, LEDGER_WRITE), -1);
	CHECK_INT(ledger_open(&lg, q, LEDGER_READ), -1);
	free(p);
	free(q);
}

TEST(month_replaced)
{
	char *p = db_path("replace.sqlite");
	struct ledger lg;
	CHECK_INT(ledger_open(&lg, p, LEDGER_WRITE), 0);
	static const char *const a[] = {"Nông Văn A", "ca_nhan", "1970", "1",
					"Nông Văn B", "ca_nhan", "1971", "2",
					"Nông Văn C", "ca_nhan", "1972", "3"};
	static const char *const b[] = {"Nông Văn D", "ca_nhan", "1970", "9"};
	CHECK_INT(store(&lg, "2026-01", a, ARRAY_SIZE(a), NULL), 0);
	CHECK_INT(store(&lg, "2026-02", b, ARRAY_SIZE(b), NULL), 0);
	CHECK_INT(count(p, "SELECT count(*) FROM records WHERE thang = '2026-01'"), 3);
	CHECK_INT(store(&lg, "2026-01", b, ARRAY_SIZE(b), NULL), 0);
	CHECK_INT(count(p, "SELECT count(*) FROM records WHERE thang = '2026-01'"), 1);
	CHECK_INT(count(p, "SELECT count(*) FROM records"), 2);
	CHECK_INT(count(p, "SELECT count(*) FROM months"), 2);
	CHECK_INT(ledger_has_month(&lg, "2026-02"), 1);
	CHECK_INT(ledger_has_month(&lg, "2026-03"), 0);
	ledger_close(&lg);
	free(p);
}

TEST(history_across_months)
{
	char *p = db_path("history.sqlite");
	struct ledger lg;
	CHECK_INT(ledger_open(&lg, p, LEDGER_WRITE), 0);
	static const char *const sep[] = {"Hoàng Văn Hoà",     "ca_nhan",     "1960", "s1",
					  "Hộ ông Đàm Văn Lý", "ho_gia_dinh", "",     "s2"};
	static const char *const oct[] = {"HOÀNG VĂN HÒA", "ca_nhan", "", "o1",
					  "Hoàng Văn Hòa", "tap_the", "", "o2"};
	static const char *const dec[] = {"Hoàng Văn Hòa", "ca_nhan", "1960", "d1"};
	CHECK_INT(store(&lg, "2026-09", sep, ARRAY_SIZE(sep), NULL), 0);
	CHECK_INT(store(&lg, "2026-10", oct, ARRAY_SIZE(oct), NULL), 0);
	CHECK_INT(store(&lg, "2026-12", dec, ARRAY_SIZE(dec), NULL), 0); /* later: not counted */
	static const char *const nov[] = {"Hoàng Văn Hòa",     "ca_nhan",     "1960", "n1",
					  "Hoàng Văn Hòa",     "ca_nhan",     "1961", "n2",
					  "Hoàng Văn Hoà",     "ca_nhan",     "",     "n3",
					  "Hộ ông Đàm Văn Lý", "ho_gia_dinh", "",     "n4",
					  "Hộ ông Đàm Văn Lý", "ca_nhan",     "",     "n5"};
	struct merge_month m;
	CHECK_INT(store(&lg, "2026-11", nov, ARRAY_SIZE(nov), &m), 0);
	char *pr = find_prob(&m, "da_de_cu_truoc", "n1");
	CHECK(pr && strstr(pr, "đã giới thiệu 2 lần: 2026-09, 2026-10") &&
	      strncmp(pr, "thong_tin|", 10) == 0);
	free(pr);
	/* 1961 is compatible with October's record without a year only. */
	pr = find_prob(&m, "da_de_cu_truoc", "n2");
	CHECK(pr && strstr(pr, "đã giới thiệu 1 lần: 2026-10"));
	free(pr);
	/* n3 duplicates n1 in the month: no history row for it. */
	pr = find_prob(&m, "trung_lap", "n3");
	CHECK(pr != NULL);
	free(pr);
	CHECK(find_prob(&m, "da_de_cu_truoc", "n3") == NULL);
	pr = find_prob(&m, "da_de_cu_truoc", "n4");
	CHECK(pr && strstr(pr, "1 lần: 2026-09"));
	free(pr);
	CHECK(find_prob(&m, "da_de_cu_truoc", "n5") == NULL);
	const char *want[3] = {"n1", NULL, NULL};
	merge_each_rec(&m, find_rec, want);
	CHECK(want[1] && nom_codes_have(want[1], "da_de_cu_truoc"));
	CHECK_STR(want[2], "hop_le");
	free((char *)want[1]);
	free((char *)want[2]);
	merge_month_release(&m);
	char **months;
	size_t n;
	struct nom_ident who = {"hoàng văn hòa", "ca_nhan", ""};
	CHECK_INT(ledger_earlier_months(&lg, "2027-01", &who, &months, &n), 0);
	CHECK_INT(n, 4);
	ledger_free_list(months, n);
	ledger_close(&lg);
	free(p);
}

/* Re-running an earlier month refreshes the history of the later ones and
 * names them; the result equals merging the later month again. */
TEST(history_refreshed)
{
	char *p = db_path("refresh.sqlite"), *q = db_path("refresh-fresh.sqlite");
	struct ledger lg;
	CHECK_INT(ledger_open(&lg, p, LEDGER_WRITE), 0);
	static const char *const with[] = {"Lý Thị Hoa",  "ca_nhan", "1970", "n1",
					   "Đàm Văn Bảo", "ca_nhan", "1980", "n2"};
	static const char *const without[] = {"Đàm Văn Bảo", "ca_nhan", "1980", "n2"};
	static const char *const dec[] = {"Lý Thị Hoa",	 "ca_nhan", "",	    "d1",
					  "Đàm Văn Bảo", "ca_nhan", "1980", "d2",
					  "Bế Văn An",	 "ca_nhan", "",	    "d3"};
	CHECK_INT(store(&lg, "2026-10", with, ARRAY_SIZE(with), NULL), 0);
	CHECK_INT(store(&lg, "2026-11", with, ARRAY_SIZE(with), NULL), 0);
	CHECK_INT(store(&lg, "2026-12", dec, ARRAY_SIZE(dec), NULL), 0);
	const char *hist = "SELECT count(*) FROM problems WHERE thang = '2026-12' AND ma = "
			   "'da_de_cu_truoc'";
	CHECK_INT(count(p, hist), 2);
	CHECK_INT(count(p, "SELECT count(*) FROM problems WHERE thang = '2026-12' AND id = 'd1'"
			   " AND thong_diep LIKE '%2 lần: 2026-10, 2026-11%'"),
		  1);
	/* November again without Lý Thị Hoa: December's d1 has one earlier month. */
	CHECK_INT(store(&lg, "2026-11", without, ARRAY_SIZE(without), NULL), 0);
	CHECK_INT(count(p, "SELECT count(*) FROM problems WHERE thang = '2026-12' AND id = 'd1'"
			   " AND thong_diep LIKE '%1 lần: 2026-10.%'"),
		  1);
	/* October and November without her: no history left for d1. */
	CHECK_INT(store(&lg, "2026-10", without, ARRAY_SIZE(without), NULL), 0);
	CHECK_INT(count(p, hist), 1);
	CHECK_INT(count(p, "SELECT count(*) FROM records WHERE thang = '2026-12' AND id = 'd1'"
			   " AND van_de = ''"),
		  1);
	/* And back: the code and the row return. */
	CHECK_INT(store(&lg, "2026-10", with, ARRAY_SIZE(with), NULL), 0);
	CHECK_INT(count(p, hist), 2);
	CHECK_INT(count(p, "SELECT count(*) FROM records WHERE thang = '2026-12' AND id = 'd1'"
			   " AND van_de = 'da_de_cu_truoc'"),
		  1);
	ledger_close(&lg);
	/* The same three months merged in order give the same December. */
	CHECK_INT(ledger_open(&lg, q, LEDGER_WRITE), 0);
	CHECK_INT(store(&lg, "2026-10", with, ARRAY_SIZE(with), NULL), 0);
	CHECK_INT(store(&lg, "2026-11", without, ARRAY_SIZE(without), NULL), 0);
	CHECK_INT(store(&lg, "2026-12", dec, ARRAY_SIZE(dec), NULL), 0);
	ledger_close(&lg);
	static const char *const checks[] = {
	    "SELECT count(*) FROM problems WHERE thang = '2026-12' AND ma = 'da_de_cu_truoc'"
	    " AND id = 'd1' AND thong_diep LIKE '%1 lần: 2026-10.%'",
	    "SELECT count(*) FROM problems WHERE thang = '2026-12' AND ma = 'da_de_cu_truoc'"
	    " AND id = 'd2' AND thong_diep LIKE '%2 lần: 2026-10, 2026-11.%'",
	    "SELECT count(*) FROM records WHERE thang = '2026-12' AND van_de = 'da_de_cu_truoc'"};
	for (size_t i = 0; i < ARRAY_SIZE(checks); i++)
		CHECK_INT(count(p, checks[i]), count(q, checks[i]));
	CHECK_INT(count(q, checks[2]), 2);
	free(p);
	free(q);
}

static int on_rec(void *ctx, struct record *r, const char *khoa)
{
	struct buf *b = ctx;
	buf_printf(b, "%s|%s|%s;", rec_get(r, R_THANG), rec_get(r, R_ID), khoa);
	return 0;
}

static int on_unit(void *ctx, const char *thang, const char *ma, const char *ten, long so_tep,
		   long so_guong, long so_hop_le, const char *trang_thai)
{
	struct buf *b = ctx;
	buf_printf(b, "%s|%s|%ld|%ld|%s;", thang, ma, so_guong, so_hop_le, trang_thai);
	return 0;
}

TEST(period_reads)
{
	char *p = db_path("period.sqlite");
	struct ledger lg;
	CHECK_INT(ledger_open(&lg, p, LEDGER_WRITE), 0);
	struct plan plan;
	memset(&plan, 0, sizeof plan);
	plan.han_nop = 20;
	plan.nunits = 1;
	struct plan_unit u = {.ma = "01822", .ten = "Xã Đức Long", .phai_gui = 1};
	plan.units = &u;
	static const char *const months[] = {"2026-01", "2026-02", "2026-03"};
	for (size_t i = 0; i < 3; i++) {
		struct merge_month m;
		CHECK_INT(merge_month_init(&m, months[i]), 0);
		if (i != 1)
			add(&m, "Lý Thị Hoa", "ca_nhan", "", "x");
		CHECK_INT(merge_compute(&m, &plan, &lg), 0);
		CHECK_INT(merge_store(&m, &lg, "t", -1), 0);
		merge_month_release(&m);
	}
	ledger_close(&lg);
	CHECK_INT(ledger_open(&lg, p, LEDGER_READ), 0);
	struct buf b = BUF_INIT;
	CHECK_INT(ledger_read_records(&lg, "2026-02", "2026-03", on_rec, &b), 0);
	CHECK_STR(buf_cstr(&b), "2026-03|x|lý thị hoa;");
	buf_reset(&b);
	CHECK_INT(ledger_read_units(&lg, "2026-01", "2026-12", on_unit, &b), 0);
	CHECK_STR(buf_cstr(&b),
		  "2026-01|01822|1|1|da_gui;2026-02|01822|0|0|chua_gui;2026-03|01822|1|1|da_gui;");
	buf_release(&b);
	ledger_close(&lg);
	free(p);
}

TEST(period_month_list)
{
	char **v;
	size_t n;
	CHECK_INT(period_months("2025-11", "2026-02", &v, &n), 0);
	CHECK_INT(n, 4);
	if (n == 4) {
		CHECK_STR(v[0], "2025-11");
		CHECK_STR(v[2], "2026-01");
		CHECK_STR(v[3], "2026-02");
	}
	ledger_free_list(v, n);
	CHECK_INT(period_months("2026-03", "2026-02", &v, &n), -1);
	CHECK_INT(period_months("2026-13", "2027-01", &v, &n), -1);
	CHECK_INT(period_months("2026-1", "2026-02", &v, &n), -1);
	CHECK_INT(period_months("1900-01", "2999-12", &v, &n), -1);
}

static char *slurp(const char *dir, const char *name)
{
	char *p = xasprintf("%s/%s", dir, name);
	char *data = NULL;
	size_t len = 0;
	int rc = read_file(p, 1 << 20, &data, &len);
	free(p);
	if (rc != 0)
		return xstrdup("");
	return data;
}

TEST(period_files)
{
	char *p = db_path("period-files.sqlite");
	struct ledger lg;
	CHECK_INT(ledger_open(&lg, p, LEDGER_WRITE), 0);
	struct plan plan;
	memset(&plan, 0, sizeof plan);
	plan.han_nop = 20;
	plan.nunits = 2;
	struct plan_unit units[2] = {{.ma = "01822", .ten = "Xã Đức Long", .phai_gui = 1},
				     {.ma = "NV", .ten = "Phòng Nội vụ", .phai_gui = 1}};
	plan.units = units;
	/* Jan: Đức Long sends (late); Feb: not merged; Mar: Đức Long on time. */
	static const char *const months[] = {"2026-01", "2026-03"};
	static const char *const dates[] = {"2026-01-25", "2026-03-02"};
	for (size_t i = 0; i < 2; i++) {
		struct merge_month m;
		CHECK_INT(merge_month_init(&m, months[i]), 0);
		add_full(&m, "Lý Thị Hoa", "ca_nhan", i ? "1970" : "", "x", "", dates[i]);
		add_full(&m, "Đàm Văn Bảo", "ca_nhan", "1980", "y", "", dates[i]);
		add_full(&m, "Bế Văn An", "ca_nhan", "1990", "z", "thieu_ten", dates[i]);
		if (i == 0) {
			/* A duplicate (not counted), and a nominee of one month. */
			add_full(&m, "Lý Thị Hoa", "ca_nhan", "1970", "w", "", dates[i]);
			add_full(&m, "Mới Một Lần", "ca_nhan", "1970", "v", "", dates[i]);
		}
		CHECK_INT(merge_compute(&m, &plan, &lg), 0);
		CHECK_INT(merge_store(&m, &lg, "t", -1), 0);
		merge_month_release(&m);
	}
	ledger_close(&lg);
	CHECK_INT(ledger_open(&lg, p, LEDGER_READ), 0);
	char *dir = db_path("period-out");
	CHECK_INT(period_run(&lg, "2026-01", "2026-03", &plan, dir), 0);
	ledger_close(&lg);
	char *t = slurp(dir, "tuan-thu.csv");
	CHECK(t != NULL);
	if (t) {
		CHECK(
		    strncmp(
			t,
			"\xEF\xBB\xBFma_don_vi,ten_don_vi,so_thang_gui,so_thang_muon,"
			"so_thang_chua_gui,so_guong,so_hop_le,2026-01,2026-02,2026-03\r\n",
			strlen(
			    "\xEF\xBB\xBFma_don_vi,ten_don_vi,so_thang_gui,so_thang_muon,"
			    "so_thang_chua_gui,so_guong,so_hop_le,2026-01,2026-02,2026-03\r\n")) ==
		    0);
		CHECK(strstr(
		    t, "\r\n01822,Xã Đức Long,2,1,0,8,5,gui_muon,khong_co_du_lieu,da_gui\r\n"));
		CHECK(strstr(
		    t, "\r\nNV,Phòng Nội vụ,0,0,2,0,0,chua_gui,khong_co_du_lieu,chua_gui\r\n"));
	}
	char *g = slurp(dir, "guong-tieu-bieu.csv");
	CHECK(g != NULL);
	if (g) {
		/* so_lan desc, then name: Đàm after Bế (both 2), Lý Thị Hoa 2. */
		const char *a = strstr(
		    g, "\r\nBế Văn An,ca_nhan,1990,Xã Đức Long,4,2,\"2026-01;2026-03\",0\r\n");
		const char *b = strstr(g, "\r\nĐàm Văn Bảo,ca_nhan,1980,Xã Đức Long,4,2,");
		const char *c = strstr(g, "\r\nLý Thị Hoa,ca_nhan,1970,Xã Đức Long,4,2,");
		CHECK(a && b && c && a < b && b < c);
		CHECK(strstr(g, "Mới Một Lần") == NULL); /* nominated once: not listed */
	}
	char *d = slurp(dir, "dataset.csv");
	CHECK(d && strstr(d, "\r\nz,2026-01,") && strstr(d, "\r\nz,2026-03,") &&
	      strstr(d, "\r\nz,2026-01,") < strstr(d, "\r\nz,2026-03,"));
	free(t);
	free(g);
	free(d);
	free(dir);
	free(p);
}

int main(int argc, char **argv)
{
	dh_progname = "test_ledger";
	if (!mkdtemp(tmpdir)) {
		perror("mkdtemp");
		return 1;
	}
	RUN(schema_created_and_checked);
	RUN(month_replaced);
	RUN(history_across_months);
	RUN(history_refreshed);
	RUN(period_reads);
	RUN(period_month_list);
	RUN(period_files);
	RUN(row_api);
	char *cmd = xasprintf("rm -rf '%s'", tmpdir);
	if (system(cmd) != 0)
		fprintf(stderr, "could not remove %s\n", tmpdir);
	free(cmd);
	return DONE();
}
