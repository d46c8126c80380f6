/* merge_units.c - unit compliance: one don-vi.csv row per registry unit and
 * per unknown sender, with its files, nominations, earliest date and state,
 * and the per-file counts of tep.csv (rules in merge.h). */
#include "merge_stage.h"
#include "plan.h"
#include "problem.h"
#include "text.h"
#include "util.h"

#include <stdlib.h>
#include <string.h>

int unit_meets_target(const struct unit_row *u)
{
	return u->so_hop_le > 0;
}

enum unit_state unit_status(const char *thang, int han_nop, const char *ngay_gui)
{
	if (han_nop <= 0 || !*ngay_gui || strlen(thang) != 7)
		return UNIT_DA_GUI;
	char deadline[16];
	snprintf(deadline, sizeof deadline, "%.7s-%02d", thang, han_nop > 31 ? 31 : han_nop);
	return strcmp(ngay_gui, deadline) > 0 ? UNIT_GUI_MUON : UNIT_DA_GUI;
}

static struct unit_row *add_unit(struct merge_month *m, const char *ma, const char *ten)
{
	XGROW(m->units, m->capunits, m->nunits + 1);
	struct unit_row *u = &m->units[m->nunits++];
	memset(u, 0, sizeof *u);
	u->ma = xstrdup(ma);
	u->ten = xstrdup(ten);
	u->ngay_gui = xstrdup("");
	return u;
}

static void unit_date(struct unit_row *u, const char *date)
{
	if (*date && (!*u->ngay_gui || strcmp(date, u->ngay_gui) < 0)) {
		free(u->ngay_gui);
		u->ngay_gui = xstrdup(date);
	}
}

#define UNKNOWN_SENDER "Không rõ đơn vị gửi"

/* Unknown senders by "ma US key", as indexes into m->units (open
 * addressing; the table is kept at most half full). */
struct umap {
	char **keys;
	size_t *vals;
	size_t cap, n;
};

static size_t umap_hash(const char *s)
{
	size_t h = 1469598103934665603ull;
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211ull;
	return h;
}

static size_t *umap_slot(struct umap *u, const char *key, int *found)
{
	if (2 * (u->n + 1) > u->cap) {
		struct umap bigger = {NULL, NULL, u->cap ? 2 * u->cap : 64, 0};
		bigger.keys = xcalloc(bigger.cap, sizeof *bigger.keys);
		bigger.vals = xcalloc(bigger.cap, sizeof *bigger.vals);
		for (size_t i = 0; i < u->cap; i++) {
			if (!u->keys[i])
				continue;
			size_t h = umap_hash(u->keys[i]) & (bigger.cap - 1);
			while (bigger.keys[h])
				h = (h + 1) & (bigger.cap - 1);
			bigger.keys[h] = u->keys[i];
			bigger.vals[h] = u->vals[i];
			bigger.n++;
		}
		free(u->keys);
		free(u->vals);
		*u = bigger;
	}
	size_t h = umap_hash(key) & (u->cap - 1);
	while (u->keys[h] && strcmp(u->keys[h], key) != 0)
		h = (h + 1) & (u->cap - 1);
	*found = u->keys[h] != NULL;
	if (!*found) {
		u->keys[h] = xstrdup(key);
		u->n++;
	}
	return &u->vals[h];
}

static void umap_release(struct umap *u)
{
	for (size_t i = 0; i < u->cap; i++)
		free(u->keys[i]);
	free(u->keys);
	free(u->vals);
}

/* The don-vi.csv row of a sender: the registry unit of code ma, else the
 * unknown sender of that name (added). */
static struct unit_row *sender(struct merge_month *m, struct umap *map, size_t nreg, const char *ma,
			       const char *name, int from_rec)
{
	for (size_t i = 0; i < nreg; i++)
		if (*ma && strcmp(m->units[i].ma, ma) == 0)
			return &m->units[i];
	if (!*name)
		name = UNKNOWN_SENDER;
	char *key = vn_key(name), *mkey = xasprintf("%s\x1f%s", ma, key);
	int found;
	size_t *slot = umap_slot(map, mkey, &found);
	struct unit_row *u;
	free(mkey);
	if (!found) {
		u = add_unit(m, ma, name);
		u->key = key;
		*slot = (size_t)(u - m->units);
	} else {
		u = &m->units[*slot];
		if (from_rec && !u->named_by_rec && strcmp(u->ten, name) != 0) {
			free(u->ten);
			u->ten = xstrdup(name);
		}
		free(key);
	}
	u->named_by_rec |= from_rec;
	return u;
}

static int unit_cmp(const void *x, const void *y)
{
	const struct unit_row *a = x, *b = y;
	int c = vn_collate(a->ten, b->ten);
	if (c)
		return c;
	if ((c = strcmp(a->ten, b->ten)))
		return c;
	return strcmp(a->ma, b->ma);
}

static const struct file_row *sort_files;

static int file_idx_cmp(const void *x, const void *y)
{
	return strcmp(file_row_get(&sort_files[*(const size_t *)x], FL_NGUON),
		      file_row_get(&sort_files[*(const size_t *)y], FL_NGUON));
}

/* The state of merge_units between the files and the records. */
struct unit_pass {
	struct merge_month *m;
	struct umap map;
	size_t nreg, nfile_units;
	int *sent_file;
	size_t *fidx; /* files by nguon (strcmp) */
};

/* One final record: its sender's counts, its file's counts, the status
 * counts of a staged month. */
static int units_rec(void *ctx, const struct nom_rec *mr, size_t idx)
{
	struct unit_pass *up = ctx;
	struct merge_month *m = up->m;
	const struct record *r = &mr->r;
	(void)idx;
	struct unit_row *u =
	    sender(m, &up->map, up->nreg, rec_get(r, R_MA_DON_VI), rec_get(r, R_DON_VI), 1);
	size_t ui = (size_t)(u - m->units);
	u->so_guong++;
	int t = nom_status_parse(rec_get(r, R_TRANG_THAI));
	int ok = t >= 0 && nom_status_accepted((enum nom_status)t);
	u->so_hop_le += ok;
	if (ui >= up->nfile_units || !up->sent_file[ui])
		unit_date(u, rec_get(r, R_NGAY_GUI)); /* no file dates known */
	m->stage->nst[t >= 0 ? t : ST_KHONG_HOP_LE]++;
	const char *nguon = rec_get(r, R_NGUON);
	size_t lo = 0, hi = m->nfiles;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (strcmp(file_row_get(&m->files[up->fidx[mid]], FL_NGUON), nguon) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo < m->nfiles && strcmp(file_row_get(&m->files[up->fidx[lo]], FL_NGUON), nguon) == 0) {
		m->fcount[2 * up->fidx[lo]]++;
		m->fcount[2 * up->fidx[lo] + 1] += ok;
	}
	return 0;
}

void merge_units(struct merge_month *m, const struct plan *p)
{
	struct unit_pass up = {m, {NULL, NULL, 0, 0}, p ? p->nunits : 0, 0, NULL, NULL};
	size_t nreg = up.nreg;
	m->han_nop = p ? p->han_nop : 0;
	for (size_t i = 0; i < nreg; i++)
		add_unit(m, p->units[i].ma, p->units[i].ten);
	for (size_t i = 0; i < m->nfiles; i++) {
		const struct file_row *f = &m->files[i];
		const char *name = file_row_get(f, FL_DON_VI);
		if (!*name)
			name = file_row_get(f, FL_DON_VI_GOC);
		struct unit_row *u =
		    sender(m, &up.map, nreg, file_row_get(f, FL_MA_DON_VI), name, 0);
		u->so_tep++;
		unit_date(u, file_row_get(f, FL_NGAY_GUI));
	}
	up.sent_file = xcalloc(m->nunits + 1, sizeof *up.sent_file);
	for (size_t i = 0; i < m->nunits; i++)
		up.sent_file[i] = m->units[i].so_tep > 0;
	up.nfile_units = m->nunits;
	free(m->fcount);
	m->fcount = xcalloc(2 * m->nfiles + 1, sizeof *m->fcount);
	up.fidx = xmalloc((m->nfiles + 1) * sizeof *up.fidx);
	for (size_t i = 0; i < m->nfiles; i++)
		up.fidx[i] = i;
	sort_files = m->files;
	if (m->nfiles > 1)
		qsort(up.fidx, m->nfiles, sizeof *up.fidx, file_idx_cmp);
	sort_files = NULL;
	memset(m->stage->nst, 0, sizeof m->stage->nst);
	stage_scan(m, 0, units_rec, &up); /* errors: m->stage->failed */
	free(up.fidx);
	free(up.sent_file);
	umap_release(&up.map);
	/* Keep the registry units that must submit or sent something. */
	size_t out = 0, nreg_kept = 0;
	for (size_t i = 0; i < m->nunits; i++) {
		struct unit_row *u = &m->units[i];
		int sent = u->so_tep > 0 || u->so_guong > 0;
		u->trang_thai =
		    sent ? unit_status(m->thang, m->han_nop, u->ngay_gui) : UNIT_CHUA_GUI;
		if (i < nreg && !sent && !p->units[i].phai_gui) {
			free(u->ma);
			free(u->ten);
			free(u->ngay_gui);
			free(u->key);
			continue;
		}
		if (i < nreg && !sent) {
			struct prob *pr =
			    problist_report(&m->probs, "", u->ten, PC_CHUA_GUI, u->ten, NULL);
			pr->ord = i + 1;
		}
		if (i < nreg)
			nreg_kept++;
		m->units[out++] = *u;
	}
	m->nunits = out;
	/* Unknown senders after the registry, by name. */
	if (m->nunits > nreg_kept + 1)
		qsort(m->units + nreg_kept, m->nunits - nreg_kept, sizeof *m->units, unit_cmp);
}
