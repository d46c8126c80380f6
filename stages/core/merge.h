/* merge.h - the merge stage: one month's judged dataset from the validated
 * records, files and problems: duplicates, history from the ledger, staff
 * decisions, final status, unit compliance, and the month's output files.
 *
 * Rules (documented here because the report and the tests rely on them):
 * - Identity of a nominee: vn_ident_key(ten) (case and tone-mark placement
 *   ignored, diacritics kept) and loai; two years of birth are compatible
 *   when equal or when either is missing.  Records without a name are never
 *   duplicates and have no history.
 * - Duplicates: records are taken in submission order (ngay_gui - empty
 *   last - then nguon, then vi_tri in natural order, then id); a record
 *   compatible with an earlier KEPT record of the same identity gets
 *   trung_lap naming that record's source; otherwise it is kept.  The
 *   earliest record stays whatever its status.  Records that already carry
 *   trung_lap from an earlier stage are left out of the comparison.
 * - History (da_de_cu_truoc): every non-duplicate record with a name whose
 *   identity occurs in an earlier month of the ledger; the message gives the
 *   number of earlier months and lists them.  Earlier records that were
 *   trung_lap do not count.  It is computed when the month is merged: after
 *   re-running an earlier month, re-run the later ones to refresh it.
 * - Status: the worst catalogue level of the record's codes (unknown codes
 *   are ignored), then the staff decision, if any (chap_nhan -> hop_le,
 *   loai_bo -> khong_hop_le; the record gets the code quyet_dinh and a note
 *   in ghi_chu).  A decision names a record by id; an id given twice: the
 *   later line wins and the earlier is reported as quyet_dinh_sai.
 * - Unknown senders (no registry code) are one don-vi.csv row per name,
 *   names compared by vn_key() (so "Truong Mam non" from a folder name and
 *   "Trường Mầm non" from the records are one sender); a record's spelling
 *   is preferred to a file's.
 * - Units: a unit's earliest submission date (files, else records) after day
 *   han_nop of the month makes it gui_muon; no file and no record: chua_gui
 *   (and a chua_gui problem when the unit must submit).
 *
 * Memory: merge_month_stage() makes a month keep its records and problems
 * in a temporary SQLite database (a file, page cache bounded) instead of
 * arrays: memory then holds the files, decisions and units and a few bytes
 * per record (dh-merge; peak RSS does not grow with the month).  The steps
 * and the outputs are the same in both forms; merge_each_rec() and
 * merge_each_prob() give the final records and problems in output order.
 *
 * Ownership: a struct merge_month owns everything it points to.
 */
#ifndef DH_MERGE_H
#define DH_MERGE_H

#include "files.h"
#include "record.h"

#include <stddef.h>
#include <stdio.h>

struct plan;
struct ledger;

/* One problem row (the columns of every problems CSV). */
enum prob_field { PB_NGUON, PB_VI_TRI, PB_MA, PB_MUC_DO, PB_THONG_DIEP, PB_ID, PB_NFIELDS };

struct prob {
	char *f[PB_NFIELDS]; /* malloc'd, never NULL */
	size_t ord;	     /* unit-level rows: registry position, for sorting */
};

struct problist {
	struct prob *v;
	size_t n, cap;
};

void problist_init(struct problist *l);
void problist_release(struct problist *l);
/* Appends a row (NULL fields become ""). */
void problist_add(struct problist *l, const char *nguon, const char *vi_tri, const char *ma,
		  const char *muc_do, const char *msg, const char *id);
/* Appends a catalogue problem with the standard message built from detail. */
struct prob *problist_report(struct problist *l, const char *nguon, const char *vi_tri, int code,
			     const char *detail, const char *id);
/* Reads a problems CSV (header nguon, vi_tri, ma, muc_do, thong_diep, id). */
int problist_read(struct problist *l, const char *path);
/* Sorts (nguon with empty last, ord, vi_tri natural, ma, id, message) and
 * drops exact duplicate rows. */
void problist_sort(struct problist *l);

/* A record with the keys the merge computes. */
struct merge_rec {
	struct record r;
	char *khoa;    /* vn_ident_key(ten); "" without a name */
	char *sk_unit; /* vn_sort_key(don_vi_de_xuat) */
	char *sk_name; /* vn_sort_key(ten) */
	long dup_of;   /* index of the kept record it duplicates, or -1 (always -1 when staged) */
};

/* Computes khoa and the sort keys from the record's fields. */
void merge_rec_prepare(struct merge_rec *m);
void merge_rec_release(struct merge_rec *m);
/* Sorts by [thang,] linh_vuc (empty last), loai (tap_the, ca_nhan,
 * ho_gia_dinh, other), unit name, name (Vietnamese collation), id, nguon,
 * vi_tri.  by_month puts thang first (period datasets). */
void merge_sort_recs(struct merge_rec *v, size_t n, int by_month);

/* 1 when two years of birth are compatible (equal, or one missing). */
int merge_years_compatible(const char *a, const char *b);
/* Natural order: digit runs compare by value ("dòng 9" < "dòng 10"). */
int natural_cmp(const char *a, const char *b);

/* One line of xem-xet.csv. */
enum decision_kind { QD_NONE, QD_CHAP_NHAN, QD_LOAI_BO };

struct decision {
	size_t line;		/* line number in the file (header is 1) */
	char *id, *raw, *ly_do; /* as written (normalised white space) */
	enum decision_kind kind;
	int applied; /* 1 when it changed a record's status */
};

/* One row of don-vi.csv. */
struct unit_row {
	char *ma, *ten;
	long so_tep, so_guong, so_hop_le;
	char *ngay_gui;		/* earliest, or "" */
	char *key;		/* unknown senders: vn_key(ten), else NULL */
	int named_by_rec;	/* unknown senders: ten taken from a record */
	const char *trang_thai; /* da_gui | gui_muon | chua_gui (static) */
};

struct merge_stage; /* merge.c: the temporary database of a staged month */

struct merge_month {
	char *thang;
	struct merge_stage *stage; /* NULL: records and problems in memory */
	long *fcount;		   /* set by merge_units: per file, records, hop_le+can_xem_xet */
	int han_nop;		   /* the plan's deadline day (set by merge_units) */
	struct merge_rec *recs;
	size_t nrecs, caprecs;
	struct file_row *files;
	size_t nfiles, capfiles;
	struct problist probs;
	struct decision *dec;
	size_t ndec, capdec;
	char *dec_nguon; /* nguon for problems of the decisions file */
	struct unit_row *units;
	size_t nunits, capunits;
};

void merge_month_init(struct merge_month *m, const char *thang);
void merge_month_release(struct merge_month *m);
/* Appends a copy of the record (keys prepared; staged: into the stage). */
void merge_month_add_rec(struct merge_month *m, const struct record *r);
void merge_month_add_file(struct merge_month *m, const struct file_row *f);

/* Stages the month (see Memory above); call before reading records. */
int merge_month_stage(struct merge_month *m);

/* Readers of the stage's inputs (records CSV, files CSV, problems CSV). */
int merge_read_records(struct merge_month *m, const char *path);
int merge_read_problems(struct merge_month *m, const char *path);
int merge_read_files(struct merge_month *m, const char *path);
/* Reads xem-xet.csv: UTF-8 (BOM or not), UTF-16 with BOM or Windows-1258
 * (Excel's "CSV" on Vietnamese Windows) and the other encodings of
 * text_detect(), converted; comma,
 * semicolon or tab, header id, quyet_dinh, ly_do (names matched loosely;
 * without a header the columns are taken in that order).  Lines that cannot
 * be used are reported as quyet_dinh_sai.  At most 8 MiB. */
int merge_read_decisions(struct merge_month *m, const char *path);
int merge_read_decisions_mem(struct merge_month *m, const char *data, size_t len);
/* Parses a quyet_dinh value ("chap_nhan", "Chấp nhận", "loai bo"...). */
enum decision_kind decision_parse(const char *s);

/* The steps, in the order merge_compute() runs them. */
void merge_duplicates(struct merge_month *m);
int merge_history(struct merge_month *m, struct ledger *lg);
void merge_status(struct merge_month *m);
void merge_decisions(struct merge_month *m);
void merge_units(struct merge_month *m, const struct plan *p);
/* All of the above, then sorting of records and problems.  lg may be NULL
 * (no history). */
int merge_compute(struct merge_month *m, const struct plan *p, struct ledger *lg);

/* After merge_compute: the final records in output order (i = 0, 1, ...)
 * and the sorted, deduplicated problems.  A non-zero cb value stops and is
 * returned; -1 on a database error (reported). */
typedef int (*merge_rec_fn)(void *ctx, const struct merge_rec *r, size_t i);
int merge_each_rec(const struct merge_month *m, merge_rec_fn cb, void *ctx);
typedef int (*merge_prob_fn)(void *ctx, const char *const *f, size_t i);
int merge_each_prob(const struct merge_month *m, merge_prob_fn cb, void *ctx);
/* Number of records and of hop_le, can_xem_xet, khong_hop_le among them. */
void merge_counts(const struct merge_month *m, size_t *nrecs, long st[3]);

/* Output files: dataset.csv, van-de.csv, don-vi.csv, tep.csv in dir, each
 * written atomically with a BOM and CRLF. */
int merge_write_dataset(FILE *f, const struct merge_rec *v, size_t n);
int merge_write_outputs(const struct merge_month *m, const char *dir);
/* A one-screen summary (counts by status and by problem code). */
void merge_print_summary(const struct merge_month *m, FILE *out);

/* The month's status of a unit from its earliest date: da_gui | gui_muon. */
const char *unit_status(const char *thang, int han_nop, const char *ngay_gui);

#endif
