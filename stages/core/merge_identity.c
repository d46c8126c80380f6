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

/* One sorted pass (identity group, then submission order), one group at a
 * time in memory. */
int merge_duplicates(struct merge_month *m)
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
		struct nom_ident cur = {stage_col(st, 1), stage_col(st, 2), stage_col(st, 3)};
		const char *ten = stage_col(st, 4), *nguon = stage_col(st, 5);
		const char *vi_tri = stage_col(st, 6), *id = stage_col(st, 7);
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
			kept[nkept].year = xstrdup(cur.nam_sinh);
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
		if (i >= s->nrecs || (s->flags[i] & MF_DUP))
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
