/* merge_stage.h - internal to the merge stage's files: the month's
 * temporary SQLite database and the steps merge_compute() runs.
 *
 * The database holds the records (table recs: every record.h column, then
 * khoa, ord = nominee_order_key(), tl = 1 when the record came with
 * trung_lap) and the problems (table probs).  What the steps decide about a
 * record lives in memory, indexed by rowid - 1: flags (MF_*) and the
 * applied decision; stage_load() applies them when a record is read back.
 */
#ifndef DH_MERGE_STAGE_H
#define DH_MERGE_STAGE_H

#include "merge.h"

#include <sqlite3.h>

enum { MF_DUP = 1, MF_HIST = 2, MF_RESENT = 4 };

struct merge_stage {
	sqlite3 *db; /* private temporary database (a file) */
	sqlite3_stmt *ins_rec, *ins_prob;
	size_t nrecs, cap;
	unsigned char *flags;	/* per record (rowid - 1): MF_* */
	unsigned *dec;		/* per record: index + 1 of the applied decision */
	size_t nst[ST_NSTATUS]; /* final status counts (the units step) */
	int failed;		/* a database error in a void step */
	int no_raw;		/* the raw fields (after R_GHI_CHU) are not staged */
	char *unit, *sk_unit;	/* the last record's don_vi and its vn_sort_key() */
};

struct merge_stage *stage_open(void);
/* From now on the records are staged without their raw fields (only a
 * correction re-validates, and reads them): for a month without a
 * decisions file.  Call before the first record. */
void stage_skip_raw(struct merge_stage *s);
void stage_free(struct merge_stage *s);
int stage_error(struct merge_stage *s, const char *what);
int stage_exec(struct merge_stage *s, const char *sql);
int stage_prepare(struct merge_stage *s, const char *sql, sqlite3_stmt **st);
const char *stage_col(sqlite3_stmt *st, int i);
int stage_add_rec(struct merge_month *m, const struct record *r);
int stage_add_prob(struct merge_stage *s, const char *const *f, size_t ord);
/* Moves m->probs into the stage; _maybe_ only when many are waiting. */
int stage_flush_probs(struct merge_month *m);
int stage_maybe_flush(struct merge_month *m);
/* Replaces the record of rowid row + 1 (keys recomputed). */
int stage_update_rec(struct merge_month *m, size_t row, const struct record *r);
/* Deletes the problem rows of a record (its id, nguon and vi_tri). */
int stage_delete_probs(struct merge_stage *s, const struct record *r);
/* "SELECT <the first nfields record columns>, khoa, rowid FROM recs <tail>"
 * (malloc'd) and the record of a row of it as staged (no step applied). */
char *stage_rec_select(size_t nfields, const char *tail);
void stage_load_raw(sqlite3_stmt *st, struct record *r, size_t nfields);
/* Calls cb for every final record: in input order, or in output order. */
int stage_scan(const struct merge_month *m, int sorted, merge_rec_fn cb, void *ctx);

/* The steps (merge_identity.c, merge_decisions.c, merge_units.c). */
int merge_duplicates(struct merge_month *m);
int merge_history(struct merge_month *m, struct ledger *lg);
int merge_corrections(struct merge_month *m, const struct plan *p);
int merge_decisions(struct merge_month *m);
void merge_units(struct merge_month *m, const struct plan *p);
/* A decision's effect on the record: status, code, note. */
void decide_rec(struct record *r, const struct decision *d);

#endif
