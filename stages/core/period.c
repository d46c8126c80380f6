/* period.c - multi-month queries over the ledger (see period.h). */
#include "period.h"
#include "buf.h"
#include "csvio.h"
#include "ledger.h"
#include "nominee.h"
#include "plan.h"
#include "problem.h"
#include "text.h"
#include "util.h"

#include <stdlib.h>
#include <string.h>

#define MAX_MONTHS 1200
#define NO_DATA "khong_co_du_lieu"

int period_months(const char *from, const char *to, char ***months, size_t *n)
{
	int y1, m1, y2, m2;
	*months = NULL;
	*n = 0;
	if (month_parse(from, &y1, &m1) != 0 || month_parse(to, &y2, &m2) != 0)
		return error("tháng không hợp lệ: cần dạng YYYY-MM");
	long count = (long)(y2 - y1) * 12 + (m2 - m1) + 1;
	if (count < 1)
		return error("--from (%s) phải không sau --to (%s)", from, to);
	if (count > MAX_MONTHS)
		return error("khoảng thời gian quá dài (tối đa %d tháng)", MAX_MONTHS);
	*months = xcalloc((size_t)count, sizeof **months);
	for (long i = 0; i < count; i++) {
		long k = (long)y1 * 12 + (m1 - 1) + i;
		(*months)[i] = xasprintf("%04ld-%02ld", k / 12, k % 12 + 1);
	}
	*n = (size_t)count;
	return 0;
}

/* ---- compliance ---- */

struct punit {
	char *ma, *ten;
	long rank;   /* registry position, or a large number for others */
	int *status; /* per month: enum unit_state, -1 = not listed */
	long so_guong, so_hop_le;
};

struct pctx {
	char **months;
	size_t nmonths;
	const struct plan *plan;
	struct punit *u;
	size_t nu, capu;
};

static long month_index(const struct pctx *c, const char *thang)
{
	for (size_t i = 0; i < c->nmonths; i++)
		if (strcmp(c->months[i], thang) == 0)
			return (long)i;
	return -1;
}

static struct punit *unit_get(struct pctx *c, const char *ma, const char *ten, long rank)
{
	for (size_t i = 0; i < c->nu; i++) {
		if (strcmp(c->u[i].ma, ma) != 0)
			continue;
		if (*ma || strcmp(c->u[i].ten, ten) == 0)
			return &c->u[i];
	}
	XGROW(c->u, c->capu, c->nu + 1);
	struct punit *u = &c->u[c->nu++];
	memset(u, 0, sizeof *u);
	u->ma = xstrdup(ma);
	u->ten = xstrdup(ten);
	u->rank = rank;
	u->status = xmalloc((c->nmonths + 1) * sizeof *u->status);
	for (size_t i = 0; i < c->nmonths; i++)
		u->status[i] = -1;
	return u;
}

static int on_unit(void *ctx, const char *thang, const char *ma, const char *ten, long so_tep,
		   long so_guong, long so_hop_le, const char *trang_thai)
{
	struct pctx *c = ctx;
	long mi = month_index(c, thang);
	if (mi < 0)
		return 0;
	long rank = 2000000000L;
	if (*ma) {
		const struct plan_unit *pu = c->plan ? plan_unit_by_code(c->plan, ma) : NULL;
		rank = pu ? (long)(pu - c->plan->units) : 1000000000L;
	}
	struct punit *u = unit_get(c, ma, ten, rank);
	int st = unit_state_parse(trang_thai);
	u->status[mi] = st < 0 ? UNIT_CHUA_GUI : st;
	u->so_guong += so_guong;
	u->so_hop_le += so_hop_le;
	return 0;
}

static int punit_cmp(const void *x, const void *y)
{
	const struct punit *a = x, *b = y;
	if (a->rank != b->rank)
		return a->rank < b->rank ? -1 : 1;
	int c = *a->ma || *b->ma ? strcmp(a->ma, b->ma) : 0;
	if (c)
		return c;
	if ((c = vn_collate(a->ten, b->ten)))
		return c;
	return strcmp(a->ten, b->ten);
}

static void write_compliance(FILE *f, struct pctx *c, const int *has_data)
{
	static const char *const h[] = {"ma_don_vi",	 "ten_don_vi",	      "so_thang_gui",
					"so_thang_muon", "so_thang_chua_gui", "so_guong",
					"so_hop_le"};
	csv_write_bom(f);
	for (size_t i = 0; i < ARRAY_SIZE(h); i++)
		csv_write_field(f, h[i], i == 0);
	for (size_t i = 0; i < c->nmonths; i++)
		csv_write_field(f, c->months[i], 0);
	csv_end_row(f);
	for (size_t i = 0; i < c->nu; i++) {
		struct punit *u = &c->u[i];
		long sent = 0, late = 0, missed = 0;
		for (size_t k = 0; k < c->nmonths; k++) {
			if (!has_data[k])
				continue;
			int s = u->status[k] < 0 ? UNIT_CHUA_GUI : u->status[k];
			sent += s != UNIT_CHUA_GUI;
			late += s == UNIT_GUI_MUON;
			missed += s == UNIT_CHUA_GUI;
		}
		char a[24], b[24], d[24], e[24], g[24];
		snprintf(a, sizeof a, "%ld", sent);
		snprintf(b, sizeof b, "%ld", late);
		snprintf(d, sizeof d, "%ld", missed);
		snprintf(e, sizeof e, "%ld", u->so_guong);
		snprintf(g, sizeof g, "%ld", u->so_hop_le);
		const char *row[] = {u->ma, u->ten, a, b, d, e, g};
		for (size_t k = 0; k < ARRAY_SIZE(row); k++)
			csv_write_field(f, row[k], k == 0);
		for (size_t k = 0; k < c->nmonths; k++)
			csv_write_field(f,
					!has_data[k]	    ? NO_DATA
					: u->status[k] >= 0 ? unit_state_name(u->status[k])
							    : unit_state_name(UNIT_CHUA_GUI),
					0);
		csv_end_row(f);
	}
}

/* ---- most-nominated nominees ---- */

struct nominee {
	size_t first; /* index of a member in the sorted order (cluster id) */
	const struct nom_rec *latest;
	const char *year; /* the cluster's year, "" when none known */
	struct buf months;
	long so_lan, so_hop_le;
	const char *last_month, *last_ok_month;
	char *sk_name;
};

static const struct nom_rec *nom_recs;

static int ident_cmp(const void *x, const void *y)
{
	const struct nom_rec *a = &nom_recs[*(const size_t *)x], *b = &nom_recs[*(const size_t *)y];
	struct nom_ident ia = nom_rec_ident(a), ib = nom_rec_ident(b);
	int c = nominee_group_cmp(&ia, &ib);
	if (c)
		return c;
	if ((c = strcmp(rec_get(&a->r, R_THANG), rec_get(&b->r, R_THANG))))
		return c;
	size_t xa = *(const size_t *)x, xb = *(const size_t *)y;
	return xa < xb ? -1 : xa > xb;
}

static int nominee_cmp(const void *x, const void *y)
{
	const struct nominee *a = x, *b = y;
	if (a->so_lan != b->so_lan)
		return a->so_lan > b->so_lan ? -1 : 1;
	int c = strcmp(a->sk_name, b->sk_name);
	if (c)
		return c;
	const char *la = rec_get(&a->latest->r, R_LOAI), *lb = rec_get(&b->latest->r, R_LOAI);
	int ra = nom_type_rank(la), rb = nom_type_rank(lb);
	if (ra != rb)
		return ra < rb ? -1 : 1;
	if ((c = strcmp(la, lb)))
		return c;
	if ((c = strcmp(a->year, b->year)))
		return c;
	if ((c = strcmp(a->latest->khoa, b->latest->khoa)))
		return c;
	return a->first < b->first ? -1 : a->first > b->first;
}

static void add_month(struct nominee *n, const char *thang, int ok)
{
	if (!n->last_month || strcmp(n->last_month, thang) != 0) {
		if (n->months.len)
			buf_addc(&n->months, ';');
		buf_adds(&n->months, thang);
		n->so_lan++;
		n->last_month = thang;
	}
	if (ok && (!n->last_ok_month || strcmp(n->last_ok_month, thang) != 0)) {
		n->so_hop_le++;
		n->last_ok_month = thang;
	}
}

static void write_nominees(FILE *f, const struct nom_rec *v, size_t n)
{
	static const char *const h[] = {"ten",	    "loai",   "nam_sinh",  "don_vi_de_xuat",
					"linh_vuc", "so_lan", "cac_thang", "so_lan_hop_le"};
	size_t *idx = xmalloc((n + 1) * sizeof *idx), ni = 0;
	for (size_t i = 0; i < n; i++)
		if (*v[i].khoa && !rec_has_problem(&v[i].r, PC_TRUNG_LAP) &&
		    !rec_has_problem(&v[i].r, PC_GUI_LAI))
			idx[ni++] = i;
	nom_recs = v;
	if (ni > 1)
		qsort(idx, ni, sizeof *idx, ident_cmp);
	nom_recs = NULL;
	struct nominee *noms = NULL;
	size_t nn = 0, capn = 0;
	for (size_t g = 0; g < ni;) {
		size_t e = g + 1;
		struct nom_ident first = nom_rec_ident(&v[idx[g]]);
		for (; e < ni; e++) {
			struct nom_ident next = nom_rec_ident(&v[idx[e]]);
			if (nominee_group_cmp(&next, &first) != 0)
				break;
		}
		size_t group_start = nn;
		for (size_t i = g; i < e; i++) {
			const struct nom_rec *r = &v[idx[i]];
			struct nom_ident who = nom_rec_ident(r);
			const char *year = who.nam_sinh;
			size_t k;
			for (k = group_start; k < nn; k++) {
				struct nom_ident cluster = {who.khoa, who.loai, noms[k].year};
				if (nominee_same(&who, &cluster))
					break;
			}
			if (k == nn) {
				XGROW(noms, capn, nn + 1);
				memset(&noms[nn], 0, sizeof noms[nn]);
				noms[nn].first = i;
				noms[nn].year = "";
				nn++;
			}
			struct nominee *nm = &noms[k];
			if (*year)
				nm->year = year;
			nm->latest = r;
			int t = nom_status_parse(rec_get(&r->r, R_TRANG_THAI));
			add_month(nm, rec_get(&r->r, R_THANG),
				  t >= 0 && nom_status_accepted((enum nom_status)t));
		}
		g = e;
	}
	for (size_t i = 0; i < nn; i++)
		noms[i].sk_name = xstrdup(noms[i].latest->sk_name);
	if (nn > 1)
		qsort(noms, nn, sizeof *noms, nominee_cmp);
	csv_write_bom(f);
	csv_write_row(f, h, ARRAY_SIZE(h));
	for (size_t i = 0; i < nn; i++) {
		if (noms[i].so_lan < PERIOD_MIN_TIMES)
			continue;
		const struct record *r = &noms[i].latest->r;
		char a[24], b[24];
		snprintf(a, sizeof a, "%ld", noms[i].so_lan);
		snprintf(b, sizeof b, "%ld", noms[i].so_hop_le);
		const char *row[] = {rec_get(r, R_TEN),
				     rec_get(r, R_LOAI),
				     noms[i].year,
				     rec_get(r, R_DON_VI),
				     rec_get(r, R_LINH_VUC),
				     a,
				     buf_cstr(&noms[i].months),
				     b};
		csv_write_row(f, row, ARRAY_SIZE(row));
	}
	for (size_t i = 0; i < nn; i++) {
		buf_release(&noms[i].months);
		free(noms[i].sk_name);
	}
	free(noms);
	free(idx);
}

/* ---- driver ---- */

/* The period's records. */
struct precs {
	struct nom_rec *v;
	size_t n, cap;
};

static int on_period_rec(void *ctx, struct record *r, const char *khoa)
{
	struct precs *p = ctx;
	if (p->n >= 5000000)
		return error("quá nhiều hồ sơ trong khoảng thời gian");
	XGROW(p->v, p->cap, p->n + 1);
	struct nom_rec *nr = &p->v[p->n++];
	memset(nr, 0, sizeof *nr);
	rec_copy(&nr->r, r);
	nom_rec_prepare(nr);
	return 0;
}

enum pfile { PF_DATASET, PF_COMPLIANCE, PF_NOMINEES };

static int write_period_file(const char *dir, const char *name, enum pfile kind,
			     const struct precs *m, struct pctx *c, const int *has_data)
{
	char *path = xasprintf("%s/%s", dir, name), *tmp;
	int rc = -1;
	FILE *f = open_tmp(path, &tmp);
	if (!f)
		goto out;
	switch (kind) {
	case PF_DATASET:
		nom_write_dataset(f, m->v, m->n);
		break;
	case PF_COMPLIANCE:
		write_compliance(f, c, has_data);
		break;
	case PF_NOMINEES:
		write_nominees(f, m->v, m->n);
		break;
	}
	rc = commit_tmp(f, tmp, path);
out:
	free(path);
	return rc;
}

int period_run(struct ledger *lg, const char *from, const char *to, const struct plan *p,
	       const char *outdir)
{
	struct pctx c;
	struct precs m = {NULL, 0, 0};
	int rc = -1, *has_data = NULL;
	memset(&c, 0, sizeof c);
	c.plan = p;
	if (period_months(from, to, &c.months, &c.nmonths) != 0)
		goto out;
	has_data = xcalloc(c.nmonths + 1, sizeof *has_data);
	for (size_t i = 0; i < c.nmonths; i++) {
		int h = ledger_has_month(lg, c.months[i]);
		if (h < 0)
			goto out;
		has_data[i] = h;
	}
	if (p)
		for (size_t i = 0; i < p->nunits; i++)
			if (p->units[i].phai_gui)
				unit_get(&c, p->units[i].ma, p->units[i].ten, (long)i);
	if (ledger_read_units(lg, from, to, on_unit, &c) != 0)
		goto out;
	if (c.nu > 1)
		qsort(c.u, c.nu, sizeof *c.u, punit_cmp);
	if (ledger_read_records(lg, from, to, on_period_rec, &m) != 0)
		goto out;
	nom_recs_sort(m.v, m.n, 1);
	if (mkdir_p(outdir) != 0 ||
	    write_period_file(outdir, "dataset.csv", PF_DATASET, &m, &c, has_data) != 0 ||
	    write_period_file(outdir, "tuan-thu.csv", PF_COMPLIANCE, &m, &c, has_data) != 0 ||
	    write_period_file(outdir, "guong-tieu-bieu.csv", PF_NOMINEES, &m, &c, has_data) != 0)
		goto out;
	rc = 0;
out:
	for (size_t i = 0; i < c.nu; i++) {
		free(c.u[i].ma);
		free(c.u[i].ten);
		free(c.u[i].status);
	}
	free(c.u);
	ledger_free_list(c.months, c.nmonths);
	free(has_data);
	for (size_t i = 0; i < m.n; i++)
		nom_rec_release(&m.v[i]);
	free(m.v);
	return rc;
}
