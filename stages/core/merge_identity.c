/* merge_identity.c - the merge steps that compare nominees: duplicates in
 * the month and history in the ledger (rules in merge.h, identity in
 * nominee.h). */
#include "buf.h"
#include "ledger.h"
#include "merge_stage.h"
#include "problem.h"
#include "util.h"

#include <stdlib.h>
#include <string.h>

/* A kept record of the identity group being scanned. */
struct kept_rec {
	size_t row; /* rowid - 1 */
	char *year, *ten, *nguon, *vi_tri, *id, *ma, *unit, *date;
};

static void kept_free(struct kept_rec *k)
{
	free(k->year);
	free(k->ten);
	free(k->nguon);
	free(k->vi_tri);
	free(k->id);
	free(k->ma);
	free(k->unit);
	free(k->date);
}

static void kept_release(struct kept_rec *k, size_t n)
{
	for (size_t i = 0; i < n; i++)
		kept_free(&k[i]);
}

/* The columns of the duplicates query, in order. */
enum {
	DQ_ROW,
	DQ_KHOA,
	DQ_LOAI,
	DQ_NAM_SINH,
	DQ_TEN,
	DQ_NGUON,
	DQ_VI_TRI,
	DQ_ID,
	DQ_MA,
	DQ_UNIT,
	DQ_DATE
};

static void kept_set(struct kept_rec *k, sqlite3_stmt *st)
{
	k->row = (size_t)sqlite3_column_int64(st, DQ_ROW) - 1;
	k->year = xstrdup(stage_col(st, DQ_NAM_SINH));
	k->ten = xstrdup(stage_col(st, DQ_TEN));
	k->nguon = xstrdup(stage_col(st, DQ_NGUON));
	k->vi_tri = xstrdup(stage_col(st, DQ_VI_TRI));
	k->id = xstrdup(stage_col(st, DQ_ID));
	k->ma = xstrdup(stage_col(st, DQ_MA));
	k->unit = xstrdup(stage_col(st, DQ_UNIT));
	k->date = xstrdup(stage_col(st, DQ_DATE));
}

/* 1 when the current row is a resubmission of k: the same unit (registry
 * code, or the same name when neither has one), another file, a later
 * date. */
static int resubmits(const struct kept_rec *k, sqlite3_stmt *st)
{
	const char *ma = stage_col(st, DQ_MA), *unit = stage_col(st, DQ_UNIT);
	const char *date = stage_col(st, DQ_DATE);
	int same_unit =
	    *ma || *k->ma ? strcmp(ma, k->ma) == 0 : *unit && strcmp(unit, k->unit) == 0;
	return same_unit && strcmp(stage_col(st, DQ_NGUON), k->nguon) != 0 && *k->date && *date &&
	       strcmp(date, k->date) > 0;
}

static char *dup_detail(const char *ten, const char *nguon, const char *vi_tri)
{
	if (*vi_tri)
		return xasprintf("trùng với \"%s\" ở tệp %s, %s", ten, nguon, vi_tri);
	return xasprintf("trùng với \"%s\" ở tệp %s", ten, nguon);
}

/* k is replaced by the current row: k gets gui_lai, the row is kept. */
static void replace_kept(struct merge_month *m, struct kept_rec *k, sqlite3_stmt *st)
{
	const char *date = stage_col(st, DQ_DATE);
	char *detail = xasprintf("đã được thay bằng bản gửi ngày %.2s/%.2s/%.4s (tệp %s)", date + 8,
				 date + 5, date, stage_col(st, DQ_NGUON));
	if (k->row < m->stage->nrecs)
		m->stage->flags[k->row] |= MF_RESENT;
	problist_report(&m->probs, k->nguon, k->vi_tri, PC_GUI_LAI, detail, k->id);
	free(detail);
	kept_free(k);
	kept_set(k, st);
}

/* One sorted pass (identity group, then submission order), one group at a
 * time in memory. */
int merge_duplicates(struct merge_month *m)
{
	struct merge_stage *s = m->stage;
	sqlite3_stmt *st;
	if (stage_prepare(s,
			  "SELECT rowid, khoa, loai, nam_sinh, ten, nguon, vi_tri, id, ma_don_vi,"
			  " don_vi_de_xuat, ngay_gui FROM recs"
			  " WHERE khoa <> '' AND tl = 0 ORDER BY khoa, loai, ngay_gui = '',"
			  " ngay_gui, nguon COLLATE nat, vi_tri COLLATE nat, id COLLATE nat, rowid",
			  &st) != 0)
		return -1;
	struct kept_rec *kept = NULL;
	size_t nkept = 0, capkept = 0;
	char *gkhoa = NULL, *gloai = NULL;
	int rc = 0, step;
	while (rc == 0 && (step = sqlite3_step(st)) == SQLITE_ROW) {
		size_t i = (size_t)sqlite3_column_int64(st, DQ_ROW) - 1;
		struct nom_ident cur = {stage_col(st, DQ_KHOA), stage_col(st, DQ_LOAI),
					stage_col(st, DQ_NAM_SINH)};
		struct nom_ident group = {gkhoa ? gkhoa : "", gloai ? gloai : "", ""};
		if (!gkhoa || nominee_group_cmp(&cur, &group) != 0) {
			kept_release(kept, nkept);
			nkept = 0;
			free(gkhoa);
			free(gloai);
			gkhoa = xstrdup(cur.khoa);
			gloai = xstrdup(cur.loai);
		}
		size_t k;
		for (k = 0; k < nkept; k++) {
			struct nom_ident ki = {gkhoa, gloai, kept[k].year};
			if (nominee_same(&cur, &ki))
				break;
		}
		if (k == nkept) {
			XGROW(kept, capkept, nkept + 1);
			kept_set(&kept[nkept++], st);
			continue;
		}
		if (resubmits(&kept[k], st)) {
			replace_kept(m, &kept[k], st);
		} else {
			if (i < s->nrecs)
				s->flags[i] |= MF_DUP;
			char *detail = dup_detail(kept[k].ten, kept[k].nguon, kept[k].vi_tri);
			problist_report(&m->probs, stage_col(st, DQ_NGUON),
					stage_col(st, DQ_VI_TRI), PC_TRUNG_LAP, detail,
					stage_col(st, DQ_ID));
			free(detail);
		}
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

/* The history of one nominee: reports da_de_cu_truoc and sets *found when
 * the ledger has earlier months. */
static int history_message(struct merge_month *m, struct ledger *lg, const struct nom_ident *who,
			   const char *nguon, const char *vi_tri, const char *id, int *found)
{
	char **months;
	size_t n;
	*found = 0;
	if (ledger_earlier_months(lg, m->thang, who, &months, &n) != 0)
		return -1;
	if (n == 0)
		return 0;
	char *detail = nominee_history_detail(months, n);
	problist_report(&m->probs, nguon, vi_tri, PC_DA_DE_CU_TRUOC, detail, id);
	free(detail);
	ledger_free_list(months, n);
	*found = 1;
	return 0;
}

static int history_scan(struct merge_month *m, struct ledger *lg)
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
		if (i >= s->nrecs || (s->flags[i] & (MF_DUP | MF_RESENT)))
			continue;
		int found = 0;
		struct nom_ident who = {stage_col(st, 1), stage_col(st, 2), stage_col(st, 3)};
		rc = history_message(m, lg, &who, stage_col(st, 4), stage_col(st, 5),
				     stage_col(st, 6), &found);
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

int merge_history(struct merge_month *m, struct ledger *lg)
{
	if (!lg)
		return 0;
	/* one read transaction: SQLite takes its lock and checks the journal
	 * once, not once per statement */
	if (ledger_begin_read(lg) != 0)
		return -1;
	int rc = history_scan(m, lg);
	if (ledger_end_read(lg) != 0)
		rc = -1;
	return rc;
}
