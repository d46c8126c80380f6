/* ledger.h - the ledger (sổ cái): an SQLite database under <output>/ that
 * keeps every merged month: its records, files, problems, staff decisions
 * and unit compliance.
 *
 * Schema version 2 (PRAGMA user_version = 2; a version 1 ledger gets the
 * corrections table when opened for writing):
 *   months(thang PK, ngay_chay, han_nop, so_tep, so_guong, so_hop_le)
 *   records(thang, stt, <the 19 dataset.csv columns but thang>, ghi_chu, khoa)
 *     khoa = vn_ident_key(ten); indexed with loai for history look-ups
 *   files(thang, stt, nguon, sha256, kich_thuoc, ngay_tep, ngay_gui,
 *         ma_don_vi, don_vi_de_xuat, loi, trung_voi)
 *   problems(thang, stt, nguon, vi_tri, ma, muc_do, thong_diep, id)
 *   decisions(thang, dong, id, quyet_dinh, ly_do, applied)
 *   units(thang, stt, ma_don_vi, ten_don_vi, so_tep, so_guong, so_hop_le,
 *         ngay_gui, trang_thai)
 *   corrections(thang, stt, dong, id, truong, cu, moi): the fields staff
 *         corrected in xem-xet.csv (line, record id, dataset.csv column, old
 *         and new value)
 * Rollback journal with synchronous=FULL.  Storing a month is one
 * transaction (delete the month's rows, insert the new ones, commit), so a
 * re-run replaces the month atomically and a killed run leaves the ledger as
 * it was before or after.  ngay_chay (the run time) is kept only here, never
 * in an output file.
 */
#ifndef DH_LEDGER_H
#define DH_LEDGER_H

#include <stddef.h>

struct file_row;
struct nom_ident;
struct record;
struct ledger_writer;

#define LEDGER_SCHEMA_VERSION 2

struct ledger {
	void *db; /* sqlite3 * */
	char *path;
	void *st_earlier;	  /* sqlite3_stmt * of ledger_earlier_months, prepared once */
	int schema;		  /* has_schema() once known: 1 yes, 0 no, -1 not checked */
	struct ledger_writer *wr; /* the month being written, or NULL */
};

/* A read transaction around many lookups (ledger_earlier_months...). */
int ledger_begin_read(struct ledger *lg);
int ledger_end_read(struct ledger *lg);

enum ledger_mode {
	LEDGER_READ,  /* read only; the file must exist */
	LEDGER_WRITE, /* read-write; created with its schema when absent */
};

void ledger_init(struct ledger *lg);
/* Opens the ledger (waiting up to 60 s for another writer).  Returns 0 or
 * -1 (reported; also when the schema is newer than this program's). */
int ledger_open(struct ledger *lg, const char *path, enum ledger_mode mode);
void ledger_close(struct ledger *lg);

/* Writing a month, row by row: ledger_month_begin() starts the one
 * transaction and deletes the month's old rows; the ledger_put_* calls add
 * the new rows (stt numbered in call order per table); ledger_month_commit()
 * ends the transaction, ledger_month_abort() rolls it back (call it after
 * any failed put).  A re-run thus replaces the month atomically.
 * crash_at >= 0 is a test hook: the process raise(SIGKILL)s itself after
 * that many inserted rows inside the transaction.  Each returns 0 or -1
 * (reported). */
int ledger_month_begin(struct ledger *lg, const char *thang, long crash_at);
int ledger_put_month(struct ledger *lg, const char *run_time, int han_nop, long so_tep,
		     long so_guong, long so_hop_le);
int ledger_put_record(struct ledger *lg, const struct record *r, const char *khoa);
int ledger_put_file(struct ledger *lg, const struct file_row *f);
int ledger_put_problem(struct ledger *lg, const char *nguon, const char *vi_tri, const char *ma,
		       const char *muc_do, const char *thong_diep, const char *id);
int ledger_put_decision(struct ledger *lg, long dong, const char *id, const char *quyet_dinh,
			const char *ly_do, int applied);
int ledger_put_correction(struct ledger *lg, long dong, const char *id, const char *truong,
			  const char *cu, const char *moi);
int ledger_put_unit(struct ledger *lg, const char *ma, const char *ten, long so_tep, long so_guong,
		    long so_hop_le, const char *ngay_gui, const char *trang_thai);
/* Inside the month's transaction: recomputes the history (da_de_cu_truoc:
 * the code in records.van_de and the problem row with its message) of the
 * records of the months after `thang` already in the ledger, as a merge of
 * those months would give it.  *months (malloc'd, ledger_free_list) are the
 * later months that changed: their output files are stale until re-run. */
int ledger_refresh_history(struct ledger *lg, const char *thang, char ***months, size_t *n);
int ledger_month_commit(struct ledger *lg);
void ledger_month_abort(struct ledger *lg);

/* The months before `thang` in which the same nominee (nominee_same()) was
 * recorded (trung_lap rows not counted), ascending and distinct.  *months
 * is a malloc'd array of malloc'd strings (free with ledger_free_list). */
int ledger_earlier_months(struct ledger *lg, const char *thang, const struct nom_ident *who,
			  char ***months, size_t *n);
void ledger_free_list(char **v, size_t n);

/* 1 when month thang was merged, 0 when not, -1 on error. */
int ledger_has_month(struct ledger *lg, const char *thang);

/* Period reads.  Records of months from..to (inclusive), any order; the
 * record passed to cb is owned by the reader (thang set, khoa in *khoa). */
typedef int (*ledger_rec_fn)(void *ctx, struct record *r, const char *khoa);
int ledger_read_records(struct ledger *lg, const char *from, const char *to, ledger_rec_fn cb,
			void *ctx);
/* Unit rows of months from..to, ordered by thang then stt. */
typedef int (*ledger_unit_fn)(void *ctx, const char *thang, const char *ma, const char *ten,
			      long so_tep, long so_guong, long so_hop_le, const char *trang_thai);
int ledger_read_units(struct ledger *lg, const char *from, const char *to, ledger_unit_fn cb,
		      void *ctx);

#endif
