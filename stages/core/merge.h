/* merge.h - the merge stage: one month's judged dataset from the validated
 * records, files and problems: duplicates, history from the ledger, staff
 * decisions, final status, unit compliance, and the month's output files.
 *
 * The files of the stage, one concern each: merge.c (the month, its inputs,
 * the steps in order, merge_run), merge_stage.c (the temporary database
 * that holds the records and problems), merge_identity.c (duplicates and
 * history), merge_decisions.c (xem-xet.csv), merge_units.c (unit
 * compliance), merge_output.c (the output files, the ledger, the summary).
 * The nominee rules (identity, order, status from codes) are nominee.h's.
 *
 * Rules (documented here because the report and the tests rely on them):
 * - Duplicates: records are taken in submission order (ngay_gui - empty
 *   last - then nguon, then vi_tri in natural order, then id); a record that
 *   is the same nominee (nominee_same()) as an earlier KEPT record gets
 *   trung_lap naming that record's source; otherwise it is kept.  The
 *   earliest record stays whatever its status.  Records that already carry
 *   trung_lap from an earlier stage are left out of the comparison.
 * - Resubmissions: when that earlier kept record came from the same unit
 *   (the same registry code; without codes, the same unit name), from
 *   another file and with an earlier date (both dates known), the later
 *   record is kept instead and the earlier one gets gui_lai ("đã được thay
 *   bằng bản gửi ngày DD/MM/YYYY (tệp ...)").  Same unit and same date, or
 *   one file: trung_lap as above.  Records that came before the replaced one
 *   keep the trung_lap naming it.
 * - History (da_de_cu_truoc): every non-duplicate record with a name that
 *   is the same nominee as a record of an earlier month of the ledger (not
 *   for records with trung_lap or gui_lai); the
 *   message gives the number of earlier months and lists them.  Earlier
 *   records that were trung_lap do not count.  Storing a month also
 *   refreshes the history of the later months already in the ledger
 *   (ledger_refresh_history(), same transaction) and warns which of them
 *   changed: their output files are stale until those months are re-run.
 * - Corrections (first step): a xem-xet.csv column named by a field of
 *   merge_fixable (linh_vuc, loai, ten, nam_sinh, gioi_tinh, dan_toc,
 *   chuc_vu, noi_cong_tac, thanh_tich, don_vi_de_xuat, ngay_gui - also as
 *   "15/11/2026") with a value replaces that field of the records of the
 *   line's id (and the raw field validation reads first: linh_vuc_goc,
 *   loai_goc, don_vi_goc, ngay_vb); the record is validated again with the
 *   plan (validate_record()), its problem rows replaced by validation's.
 *   Fields whose value is then unchanged are no correction (so a copy of
 *   dataset.csv used as the decisions file changes nothing).  Each corrected
 *   record gets the code quyet_dinh and one quyet_dinh problem row listing
 *   the corrections ("sửa linh_vuc "5" thành "6", ... (xem-xet.csv, dòng
 *   N)"): that is the list the review report reads; the ledger keeps old
 *   and new values (table corrections).  They come before duplicates and
 *   history, which see the corrected nominee.
 * - Status: nom_status_from_codes() of the record's codes, then the staff
 *   decision, if any (chap_nhan -> hop_le, loai_bo -> khong_hop_le; the
 *   record gets the code quyet_dinh and a note in ghi_chu).  A decision
 *   names a record by id; an id given twice: the later line wins and the
 *   earlier is reported as quyet_dinh_sai.  quyet_dinh may be empty (only
 *   corrections); a line without a decision or a correction is not an
 *   error.
 * - Unknown senders (no registry code) are one don-vi.csv row per name,
 *   names compared by vn_key() (so "Truong Mam non" from a folder name and
 *   "Trường Mầm non" from the records are one sender); a record's spelling
 *   is preferred to a file's.
 * - Units: a unit's earliest submission date (files, else records) after day
 *   han_nop of the month makes it gui_muon; no file and no record: chua_gui
 *   (and a chua_gui problem when the unit must submit).  dat_yeu_cau is 1
 *   when the unit has an accepted nomination (hop_le or can_xem_xet).
 *
 * Memory: a month keeps its records and problems in a temporary SQLite
 * database (a file, page cache bounded): memory holds the files, decisions
 * and units and a few bytes per record, so peak RSS does not grow with the
 * month.  merge_each_rec() and merge_each_prob() give the final records and
 * problems in output order.
 *
 * Ownership: a struct merge_month owns everything it points to.
 */
#ifndef DH_MERGE_H
#define DH_MERGE_H

#include "files.h"
#include "nominee.h"
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

/* Problems reported by a step, before they are moved into the month. */
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

/* One line of xem-xet.csv. */
enum decision_kind { QD_NONE, QD_CHAP_NHAN, QD_LOAI_BO };

/* The dataset.csv fields a decision may correct, in column order of the
 * corrections' report. */
#define MERGE_NFIXABLE 11
extern const enum rec_field merge_fixable[MERGE_NFIXABLE];

struct decision {
	size_t line;		/* line number in the file (header is 1) */
	char *id, *raw, *ly_do; /* as written (normalised white space) */
	enum decision_kind kind;
	char *fix[MERGE_NFIXABLE]; /* new value of merge_fixable[k], or NULL */
	int nfix;		   /* non-NULL fix[] */
	size_t later;		   /* line of a later decision of the same id, or 0 */
	int applied;		   /* 1 when it changed a record */
};

/* One field a decision corrected (the ledger keeps them). */
struct correction {
	size_t line; /* the decision's line */
	char *id;    /* the record's */
	enum rec_field field;
	char *old, *new_value; /* after validation */
};

/* One row of don-vi.csv. */
struct unit_row {
	char *ma, *ten;
	long so_tep, so_guong, so_hop_le;
	char *ngay_gui;		    /* earliest, or "" */
	char *key;		    /* unknown senders: vn_key(ten), else NULL */
	int named_by_rec;	    /* unknown senders: ten taken from a record */
	enum unit_state trang_thai; /* da_gui | gui_muon | chua_gui */
};

struct merge_stage; /* merge_stage.c: the temporary database of the month */

struct merge_month {
	char *thang;
	struct merge_stage *stage; /* the records and problems */
	long *fcount;		   /* set by the units step: per file, records, accepted */
	int han_nop;		   /* the plan's deadline day (set by the units step) */
	struct file_row *files;
	size_t nfiles, capfiles;
	struct problist probs; /* reported, not yet in the stage */
	struct decision *dec;
	size_t ndec, capdec;
	char *dec_nguon; /* nguon for problems of the decisions file */
	struct correction *fixes;
	size_t nfixes, capfixes;
	struct unit_row *units;
	size_t nunits, capunits;
};

/* Sets the month up with its temporary database.  Returns 0 or -1
 * (reported; m is then released). */
int merge_month_init(struct merge_month *m, const char *thang);
void merge_month_release(struct merge_month *m);
/* Appends a copy of the record (thang set to the month's).  Returns 0 or
 * -1 (reported). */
int merge_month_add_rec(struct merge_month *m, const struct record *r);
void merge_month_add_file(struct merge_month *m, const struct file_row *f);

/* Readers of the stage's inputs (records CSV, files CSV, problems CSV). */
int merge_read_records(struct merge_month *m, const char *path);
int merge_read_problems(struct merge_month *m, const char *path);
int merge_read_files(struct merge_month *m, const char *path);
/* Reads xem-xet.csv: UTF-8 (BOM or not), UTF-16 with BOM or Windows-1258
 * (Excel's "CSV" on Vietnamese Windows) and the other encodings of
 * text_detect(), converted; comma,
 * semicolon or tab, header id, quyet_dinh, ly_do and the corrections'
 * columns (names matched loosely; a header needs id and quyet_dinh or a
 * correction column; without one the columns are id, quyet_dinh, ly_do).  Lines that cannot
 * be used are reported as quyet_dinh_sai.  At most 8 MiB. */
int merge_read_decisions(struct merge_month *m, const char *path);
int merge_read_decisions_mem(struct merge_month *m, const char *data, size_t len);
/* Parses a quyet_dinh value ("chap_nhan", "Chấp nhận", "loai bo"...). */
enum decision_kind decision_parse(const char *s);

/* Duplicates, history (lg may be NULL: no history), status, decisions,
 * units (p may be NULL: no registry).  Returns 0 or -1 (reported). */
int merge_compute(struct merge_month *m, const struct plan *p, struct ledger *lg);

/* After merge_compute: the final records in output order (i = 0, 1, ...;
 * the fields of dataset.csv and ghi_chu, the raw ones left empty) and the
 * sorted, deduplicated problems.  A non-zero cb value stops and is
 * returned; -1 on a database error (reported). */
typedef int (*merge_rec_fn)(void *ctx, const struct nom_rec *r, size_t i);
int merge_each_rec(const struct merge_month *m, merge_rec_fn cb, void *ctx);
typedef int (*merge_prob_fn)(void *ctx, const char *const *f, size_t i);
int merge_each_prob(const struct merge_month *m, merge_prob_fn cb, void *ctx);
/* Number of records and of each status among them. */
void merge_counts(const struct merge_month *m, size_t *nrecs, long st[ST_NSTATUS]);

/* Output files: dataset.csv, van-de.csv, don-vi.csv, tep.csv in dir, each
 * written atomically with a BOM and CRLF. */
int merge_write_outputs(const struct merge_month *m, const char *dir);
/* Replaces the month in the ledger (one transaction).  run_time is stored
 * as months.ngay_chay; crash_at >= 0 is the ledger's test hook. */
int merge_store(const struct merge_month *m, struct ledger *lg, const char *run_time,
		long crash_at);
/* Both: merge_store(), then merge_write_outputs() into dir, the records
 * and the problems read once for the ledger and the files.  Returns 0,
 * MERGE_ERR_LEDGER (the ledger is as before) or MERGE_ERR_OUTPUT (the
 * ledger holds the month; an output file failed); reported. */
enum { MERGE_ERR_LEDGER = -1, MERGE_ERR_OUTPUT = -2 };
int merge_store_write(const struct merge_month *m, struct ledger *lg, const char *run_time,
		      long crash_at, const char *dir);

/* The one-screen summary of a month's output folder (dataset.csv,
 * don-vi.csv, tep.csv, van-de.csv), printed by dh-summary and by
 * `pipeline/run --check`; check adds the problems by code and leaves out
 * the paths of the PDFs.  Returns 0 or -1 (reported). */
int merge_summary(const char *dir, const char *thang, int check, FILE *out);

/* 1 when the unit met the plan's requirement: at least one accepted
 * nomination (don-vi.csv dat_yeu_cau).  A unit that sent only unreadable
 * files or only rejected nominations is "đã gửi, chưa đạt". */
int unit_meets_target(const struct unit_row *u);

/* The month's state of a unit from its earliest date: da_gui | gui_muon. */
enum unit_state unit_status(const char *thang, int han_nop, const char *ngay_gui);

/* The whole stage (dh-merge). */
struct merge_opts {
	const char *month, *ledger, *records, *files, *decisions, *outdir;
	const char *const *problems; /* problems CSVs */
	size_t nproblems;
	int check;     /* compute and write outputs, leave the ledger as it is */
	long crash_at; /* test hook of ledger_month_begin(), -1 off */
};
int merge_run(const struct plan *p, const struct merge_opts *o);

#endif
