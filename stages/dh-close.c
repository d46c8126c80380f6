/* dh-close - closing (chốt) and reopening (mở lại) a month.
 *
 *   dh-close --ledger L --month M --status
 *       prints "chot <time>" when month M is closed, nothing when it is
 *       open (no ledger, or never closed, or reopened since); exit 0.
 *   dh-close --ledger L --month M --close DIR
 *       DIR is <output>/M: copies its outputs (every regular file, sub-
 *       folders too, except hidden entries and da-chot/) read-only (0444)
 *       into DIR/da-chot/ (a previous da-chot/ is replaced), with
 *       da-chot/sha256sums.txt (`sha256sum -c` format), and records the
 *       closing and each file's SHA-256 in the ledger.  Refuses when the
 *       month is already closed or was never merged.
 *   dh-close --ledger L --month M --reopen
 *       records that month M was reopened (da-chot/ stays until the next
 *       closing replaces it).
 *
 * Ledger tables (created on first use; additive to schema version 1):
 *   thang_chot(thang, lan, hanh_dong, luc)   hanh_dong = 'chot' | 'mo_lai'
 *   chot_tep(thang, lan, tep, sha256, kich_thuoc)
 * lan numbers the month's events from 1; a month is closed when its last
 * event is 'chot'.  luc is the office's local time (YYYY-MM-DD HH:MM:SS).
 */
#include "buf.h"
#include "ingest.h"
#include "ledger.h"
#include "nominee.h"
#include "util.h"

#include <dirent.h>
#include <errno.h>
#include <getopt.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#define USAGE "cách dùng: dh-close --ledger L --month YYYY-MM (--status | --close DIR | --reopen)"
#define CLOSED_DIR "da-chot"
#define SUMS_FILE "sha256sums.txt"
#define MAX_FILE (512u << 20) /* largest output copied */
#define MAX_DEPTH 4	      /* sub-folder levels copied */
#define MAX_FILES 100000

static const char tables_sql[] =
    "CREATE TABLE IF NOT EXISTS thang_chot(thang TEXT NOT NULL, lan INTEGER NOT NULL,"
    " hanh_dong TEXT NOT NULL, luc TEXT NOT NULL, PRIMARY KEY(thang, lan));"
    "CREATE TABLE IF NOT EXISTS chot_tep(thang TEXT NOT NULL, lan INTEGER NOT NULL,"
    " tep TEXT NOT NULL, sha256 TEXT NOT NULL, kich_thuoc INTEGER NOT NULL);";

struct copied_file {
	char *rel; /* path relative to DIR */
	char sum[65];
	long long size;
};
struct copied {
	struct copied_file *f;
	size_t n, cap;
};

static sqlite3 *db_of(struct ledger *lg)
{
	return lg->db;
}

static int db_fail(struct ledger *lg, const char *what)
{
	return error("sổ cái %s: %s: %s", lg->path, what, sqlite3_errmsg(db_of(lg)));
}

/* The month's last event: 1 closed (luc copied), 0 open, -1 error.
 * *lan receives the last event's number (0 when none). */
static int month_state(struct ledger *lg, const char *thang, long *lan, char *luc, size_t lucsz)
{
	sqlite3_stmt *st;
	*lan = 0;
	if (luc && lucsz)
		luc[0] = '\0';
	if (sqlite3_prepare_v2(
		db_of(lg), "SELECT 1 FROM sqlite_master WHERE type='table' AND name='thang_chot'",
		-1, &st, NULL) != SQLITE_OK)
		return db_fail(lg, "không đọc được");
	int rc = sqlite3_step(st);
	sqlite3_finalize(st);
	if (rc == SQLITE_DONE)
		return 0;
	if (rc != SQLITE_ROW)
		return db_fail(lg, "không đọc được");
	if (sqlite3_prepare_v2(db_of(lg),
			       "SELECT lan, hanh_dong, luc FROM thang_chot WHERE thang = ?"
			       " ORDER BY lan DESC LIMIT 1",
			       -1, &st, NULL) != SQLITE_OK)
		return db_fail(lg, "không đọc được");
	sqlite3_bind_text(st, 1, thang, -1, SQLITE_STATIC);
	int closed = 0;
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		*lan = (long)sqlite3_column_int64(st, 0);
		const char *act = (const char *)sqlite3_column_text(st, 1);
		const char *t = (const char *)sqlite3_column_text(st, 2);
		closed = act && strcmp(act, "chot") == 0;
		if (closed && luc && lucsz)
			snprintf(luc, lucsz, "%s", t ? t : "");
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return db_fail(lg, "không đọc được");
	return closed;
}

static void now_local(char out[32])
{
	time_t t = time(NULL);
	struct tm tm;
	localtime_r(&t, &tm);
	strftime(out, 32, "%Y-%m-%d %H:%M:%S", &tm);
}

static int add_event(struct ledger *lg, const char *thang, long lan, const char *act,
		     const char *luc)
{
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(db_of(lg), "INSERT INTO thang_chot VALUES(?, ?, ?, ?)", -1, &st,
			       NULL) != SQLITE_OK)
		return db_fail(lg, "không ghi được");
	sqlite3_bind_text(st, 1, thang, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 2, lan);
	sqlite3_bind_text(st, 3, act, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 4, luc, -1, SQLITE_STATIC);
	int rc = sqlite3_step(st);
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? 0 : db_fail(lg, "không ghi được");
}

static int exec_sql(struct ledger *lg, const char *sql)
{
	char *msg = NULL;
	if (sqlite3_exec(db_of(lg), sql, NULL, NULL, &msg) != SQLITE_OK) {
		int rc = error("sổ cái %s: %s", lg->path, msg ? msg : sqlite3_errmsg(db_of(lg)));
		sqlite3_free(msg);
		return rc;
	}
	return 0;
}

static int name_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Copies the outputs under src/rel into dst/rel (read-only), recording each
 * file.  Entries are taken in byte order so the record is reproducible. */
static int copy_tree(const char *src, const char *dst, const char *rel, int depth, struct copied *c)
{
	char *sdir = rel[0] ? xasprintf("%s/%s", src, rel) : xstrdup(src);
	DIR *d = opendir(sdir);
	if (!d) {
		int rc = error("không đọc được thư mục %s: %s", sdir, strerror(errno));
		free(sdir);
		return rc;
	}
	char **names = NULL;
	size_t n = 0, cap = 0;
	struct dirent *e;
	while ((e = readdir(d)) != NULL) {
		if (e->d_name[0] == '.' || (depth == 0 && strcmp(e->d_name, CLOSED_DIR) == 0))
			continue;
		xgrow((void **)&names, &cap, n + 1, sizeof *names);
		names[n++] = xstrdup(e->d_name);
	}
	closedir(d);
	qsort(names, n, sizeof *names, name_cmp);
	int rc = 0;
	for (size_t i = 0; i < n && rc == 0; i++) {
		char *r = rel[0] ? xasprintf("%s/%s", rel, names[i]) : xstrdup(names[i]);
		char *sp = xasprintf("%s/%s", src, r), *dp = xasprintf("%s/%s", dst, r);
		struct stat st;
		if (lstat(sp, &st) != 0) {
			rc = error("không đọc được %s: %s", sp, strerror(errno));
		} else if (S_ISDIR(st.st_mode) && depth < MAX_DEPTH) {
			if (mkdir(dp, 0755) != 0)
				rc = error("không tạo được thư mục %s: %s", dp, strerror(errno));
			else
				rc = copy_tree(src, dst, r, depth + 1, c);
		} else if (S_ISREG(st.st_mode)) {
			char *data = NULL;
			size_t len = 0;
			if (c->n >= MAX_FILES)
				rc = error("quá nhiều tệp kết quả trong %s", src);
			else if (read_file(sp, MAX_FILE, &data, &len) != 0)
				rc = error("không đọc được %s: %s", sp, strerror(errno));
			else if (write_file_atomic(dp, data, len) != 0)
				rc = -1;
			else if (chmod(dp, 0444) != 0)
				rc =
				    error("không đặt được chỉ đọc cho %s: %s", dp, strerror(errno));
			if (rc == 0) {
				xgrow((void **)&c->f, &c->cap, c->n + 1, sizeof *c->f);
				struct copied_file *f = &c->f[c->n++];
				sha256_hex(data, len, f->sum);
				f->size = (long long)len;
				f->rel = xstrdup(r);
			}
			free(data);
		}
		free(sp);
		free(dp);
		free(r);
	}
	for (size_t i = 0; i < n; i++)
		free(names[i]);
	free(names);
	free(sdir);
	return rc;
}

static void copied_free(struct copied *c)
{
	for (size_t i = 0; i < c->n; i++)
		free(c->f[i].rel);
	free(c->f);
}

static int do_close(struct ledger *lg, const char *thang, const char *dir)
{
	char luc[32];
	long lan;
	int state = month_state(lg, thang, &lan, luc, sizeof luc);
	if (state < 0)
		return -1;
	if (state == 1)
		return error("tháng %s đã chốt lúc %s", thang, luc);
	int merged = ledger_has_month(lg, thang);
	if (merged < 0)
		return -1;
	char *ds = xasprintf("%s/dataset.csv", dir);
	struct stat st;
	int have = stat(ds, &st) == 0;
	free(ds);
	if (!merged || !have)
		return error("tháng %s chưa có kết quả trong %s: hãy chạy tháng trước khi chốt",
			     thang, dir);

	char *tmp = xasprintf("%s/.%s.tmp.%ld", dir, CLOSED_DIR, (long)getpid());
	char *final = xasprintf("%s/%s", dir, CLOSED_DIR);
	struct copied c = {0};
	int rc = -1, in_tx = 0;
	remove_tree(tmp);
	if (mkdir(tmp, 0755) != 0) {
		error("không tạo được thư mục %s: %s", tmp, strerror(errno));
		goto out;
	}
	if (copy_tree(dir, tmp, "", 0, &c) != 0)
		goto out;
	/* the sums file, `sha256sum -c` format */
	struct buf b;
	buf_init(&b);
	for (size_t i = 0; i < c.n; i++)
		buf_printf(&b, "%s  %s\n", c.f[i].sum, c.f[i].rel);
	char *sums = xasprintf("%s/%s", tmp, SUMS_FILE);
	int wrc = write_file_atomic(sums, b.data ? b.data : "", b.len);
	if (wrc == 0)
		chmod(sums, 0444);
	free(sums);
	buf_release(&b);
	if (wrc != 0)
		goto out;

	if (exec_sql(lg, "BEGIN IMMEDIATE") != 0)
		goto out;
	in_tx = 1;
	if (month_state(lg, thang, &lan, luc, sizeof luc) != 0) /* re-read under the lock */
		goto out;
	now_local(luc);
	if (add_event(lg, thang, lan + 1, "chot", luc) != 0)
		goto out;
	sqlite3_stmt *ins;
	if (sqlite3_prepare_v2(db_of(lg), "INSERT INTO chot_tep VALUES(?, ?, ?, ?, ?)", -1, &ins,
			       NULL) != SQLITE_OK) {
		db_fail(lg, "không ghi được");
		goto out;
	}
	for (size_t i = 0; i < c.n; i++) {
		sqlite3_reset(ins);
		sqlite3_bind_text(ins, 1, thang, -1, SQLITE_STATIC);
		sqlite3_bind_int64(ins, 2, lan + 1);
		sqlite3_bind_text(ins, 3, c.f[i].rel, -1, SQLITE_STATIC);
		sqlite3_bind_text(ins, 4, c.f[i].sum, -1, SQLITE_STATIC);
		sqlite3_bind_int64(ins, 5, c.f[i].size);
		if (sqlite3_step(ins) != SQLITE_DONE) {
			sqlite3_finalize(ins);
			db_fail(lg, "không ghi được");
			goto out;
		}
	}
	sqlite3_finalize(ins);
	/* the copy in place, then the commit: a failure before the commit
	 * leaves the ledger saying "open" */
	if (remove_tree(final) != 0) {
		error("không xóa được bản chốt cũ %s: %s", final, strerror(errno));
		goto out;
	}
	if (rename(tmp, final) != 0) {
		error("không đưa được bản chốt vào %s: %s", final, strerror(errno));
		goto out;
	}
	fsync_parent(final);
	if (exec_sql(lg, "COMMIT") != 0)
		goto out;
	in_tx = 0;
	rc = 0;
	printf("%zu\n", c.n);
out:
	if (in_tx)
		sqlite3_exec(db_of(lg), "ROLLBACK", NULL, NULL, NULL);
	remove_tree(tmp);
	copied_free(&c);
	free(tmp);
	free(final);
	return rc;
}

static int do_reopen(struct ledger *lg, const char *thang)
{
	char luc[32];
	long lan;
	if (exec_sql(lg, "BEGIN IMMEDIATE") != 0)
		return -1;
	int state = month_state(lg, thang, &lan, luc, sizeof luc);
	if (state == 1) {
		now_local(luc);
		if (add_event(lg, thang, lan + 1, "mo_lai", luc) == 0 &&
		    exec_sql(lg, "COMMIT") == 0)
			return 0;
	} else if (state == 0) {
		error("tháng %s chưa chốt, không cần mở lại", thang);
	}
	sqlite3_exec(db_of(lg), "ROLLBACK", NULL, NULL, NULL);
	return -1;
}

int main(int argc, char **argv)
{
	dh_progname = "close";
	const char *ledger_path = NULL, *month = NULL, *dir = NULL;
	int mode = 0; /* 's' status, 'c' close, 'r' reopen */
	static const struct option opts[] = {
	    {"ledger", required_argument, NULL, 'l'}, {"month", required_argument, NULL, 'm'},
	    {"status", no_argument, NULL, 's'},	      {"close", required_argument, NULL, 'c'},
	    {"reopen", no_argument, NULL, 'r'},	      {NULL, 0, NULL, 0}};
	int o;
	while ((o = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (o) {
		case 'l':
			ledger_path = optarg;
			break;
		case 'm':
			month = optarg;
			break;
		case 'c':
			dir = optarg;
			/* fall through */
		case 's':
		case 'r':
			if (mode)
				die(USAGE);
			mode = o;
			break;
		default:
			die(USAGE);
		}
	}
	if (!ledger_path || !month || !mode || optind != argc)
		die(USAGE);
	if (month_parse(month, NULL, NULL) != 0)
		die("tháng không hợp lệ: '%s' (cần dạng YYYY-MM)", month);
	office_tz_init();

	struct ledger lg;
	struct stat st;
	if (mode == 's' && stat(ledger_path, &st) != 0)
		return 0; /* no ledger: nothing was ever closed */
	if (ledger_open(&lg, ledger_path, mode == 's' ? LEDGER_READ : LEDGER_WRITE) != 0)
		return 1;
	int rc = 0;
	if (mode != 's' && exec_sql(&lg, tables_sql) != 0) {
		rc = 1;
	} else if (mode == 's') {
		char luc[32];
		long lan;
		int state = month_state(&lg, month, &lan, luc, sizeof luc);
		if (state < 0)
			rc = 1;
		else if (state == 1)
			printf("chot %s\n", luc);
	} else if (mode == 'c') {
		rc = do_close(&lg, month, dir) != 0;
	} else {
		rc = do_reopen(&lg, month) != 0;
	}
	ledger_close(&lg);
	return rc;
}
