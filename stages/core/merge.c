/* merge.c - one month's judged dataset: duplicates, history, decisions,
 * status, unit compliance and the month's output files (see merge.h). */
#include "merge.h"
#include "buf.h"
#include "csvio.h"
#include "ledger.h"
#include "legacy.h"
#include "plan.h"
#include "problem.h"
#include "text.h"
#include "util.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#define MAX_RECORDS 500000
#define MAX_FILES 100000
#define MAX_PROBLEMS 2000000
#define MAX_DECISIONS 100000
#define MAX_DECISIONS_BYTES (8u << 20)

/* ---- problem rows ---- */

void problist_init(struct problist *l)
{
	l->v = NULL;
	l->n = l->cap = 0;
}

void problist_release(struct problist *l)
{
	for (size_t i = 0; i < l->n; i++)
		for (int k = 0; k < PB_NFIELDS; k++)
			free(l->v[i].f[k]);
	free(l->v);
	problist_init(l);
}

void problist_add(struct problist *l, const char *nguon, const char *vi_tri, const char *ma,
		  const char *muc_do, const char *msg, const char *id)
{
	const char *vals[PB_NFIELDS] = {nguon, vi_tri, ma, muc_do, msg, id};
	XGROW(l->v, l->cap, l->n + 1);
	struct prob *p = &l->v[l->n++];
	for (int k = 0; k < PB_NFIELDS; k++)
		p->f[k] = xstrdup(vals[k] ? vals[k] : "");
	p->ord = 0;
}

struct prob *problist_report(struct problist *l, const char *nguon, const char *vi_tri, int code,
			     const char *detail, const char *id)
{
	enum problem_code c = (enum problem_code)code;
	char *msg = problem_message(c, detail);
	problist_add(l, nguon, vi_tri, problem_code_name(c), problem_level_name(problem_level(c)),
		     msg, id);
	free(msg);
	return &l->v[l->n - 1];
}

static const char *const prob_cols[PB_NFIELDS] = {"nguon",  "vi_tri",	  "ma",
						  "muc_do", "thong_diep", "id"};

static int on_prob_row(void *ctx, char **vals, size_t row)
{
	struct problist *l = ctx;
	if (l->n >= MAX_PROBLEMS)
		return error("quá nhiều dòng vấn đề (tối đa %d)", MAX_PROBLEMS);
	if (!*vals[PB_MA] && !*vals[PB_THONG_DIEP])
		return 0;
	problist_add(l, vals[0], vals[1], vals[2], vals[3], vals[4], vals[5]);
	return 0;
}

int problist_read(struct problist *l, const char *path)
{
	return csv_read_named(path, prob_cols, PB_NFIELDS, on_prob_row, l) == 0 ? 0 : -1;
}

int natural_cmp(const char *a, const char *b)
{
	const unsigned char *p = (const unsigned char *)a, *q = (const unsigned char *)b;
	while (*p && *q) {
		if (*p >= '0' && *p <= '9' && *q >= '0' && *q <= '9') {
			while (*p == '0')
				p++;
			while (*q == '0')
				q++;
			size_t np = 0, nq = 0;
			while (p[np] >= '0' && p[np] <= '9')
				np++;
			while (q[nq] >= '0' && q[nq] <= '9')
				nq++;
			if (np != nq)
				return np < nq ? -1 : 1;
			int c = memcmp(p, q, np);
			if (c)
				return c < 0 ? -1 : 1;
			p += np;
			q += nq;
			continue;
		}
		if (*p != *q)
			return *p < *q ? -1 : 1;
		p++;
		q++;
	}
	if (*p || *q)
		return *p ? 1 : -1;
	return strcmp(a, b); /* "01" and "1": still a total order */
}

static int code_rank(const char *ma)
{
	int c = problem_code_by_name(ma);
	return c < 0 ? P_NCODES : c;
}

static int prob_cmp(const void *x, const void *y)
{
	const struct prob *a = x, *b = y;
	int ea = !*a->f[PB_NGUON], eb = !*b->f[PB_NGUON];
	if (ea != eb)
		return ea - eb;
	int c = natural_cmp(a->f[PB_NGUON], b->f[PB_NGUON]);
	if (c)
		return c;
	if (a->ord != b->ord)
		return a->ord < b->ord ? -1 : 1;
	if ((c = natural_cmp(a->f[PB_VI_TRI], b->f[PB_VI_TRI])))
		return c;
	int ra = code_rank(a->f[PB_MA]), rb = code_rank(b->f[PB_MA]);
	if (ra != rb)
		return ra < rb ? -1 : 1;
	if ((c = strcmp(a->f[PB_MA], b->f[PB_MA])))
		return c;
	if ((c = natural_cmp(a->f[PB_ID], b->f[PB_ID])))
		return c;
	if ((c = strcmp(a->f[PB_THONG_DIEP], b->f[PB_THONG_DIEP])))
		return c;
	return strcmp(a->f[PB_MUC_DO], b->f[PB_MUC_DO]);
}

void problist_sort(struct problist *l)
{
	if (l->n > 1)
		qsort(l->v, l->n, sizeof *l->v, prob_cmp);
	size_t out = 0;
	for (size_t i = 0; i < l->n; i++) {
		if (out > 0 && prob_cmp(&l->v[out - 1], &l->v[i]) == 0) {
			for (int k = 0; k < PB_NFIELDS; k++)
				free(l->v[i].f[k]);
			continue;
		}
		l->v[out++] = l->v[i];
	}
	l->n = out;
}

/* ---- records ---- */

void merge_rec_prepare(struct merge_rec *m)
{
	free(m->khoa);
	free(m->sk_unit);
	free(m->sk_name);
	m->khoa = vn_ident_key(rec_get(&m->r, R_TEN));
	m->sk_unit = vn_sort_key(rec_get(&m->r, R_DON_VI));
	m->sk_name = vn_sort_key(rec_get(&m->r, R_TEN));
	m->dup_of = -1;
}

void merge_rec_release(struct merge_rec *m)
{
	rec_release(&m->r);
	free(m->khoa);
	free(m->sk_unit);
	free(m->sk_name);
	m->khoa = m->sk_unit = m->sk_name = NULL;
}

/* linh_vuc: numbers by value first, other text next, empty last. */
static int field_cmp(const char *a, const char *b)
{
	int ea = !*a, eb = !*b;
	if (ea || eb)
		return ea - eb;
	char *end;
	long na = strtol(a, &end, 10);
	int numa = *end == '\0' && end != a;
	long nb = strtol(b, &end, 10);
	int numb = *end == '\0' && end != b;
	if (numa != numb)
		return numb - numa;
	if (numa && na != nb)
		return na < nb ? -1 : 1;
	return strcmp(a, b);
}

static int loai_rank(const char *s)
{
	static const char *const order[] = {"tap_the", "ca_nhan", "ho_gia_dinh"};
	for (size_t i = 0; i < ARRAY_SIZE(order); i++)
		if (strcmp(s, order[i]) == 0)
			return (int)i;
	return *s ? 3 : 4;
}

static int rec_cmp_impl(const struct merge_rec *a, const struct merge_rec *b, int by_month)
{
	int c;
	if (by_month && (c = strcmp(rec_get(&a->r, R_THANG), rec_get(&b->r, R_THANG))))
		return c;
	if ((c = field_cmp(rec_get(&a->r, R_LINH_VUC), rec_get(&b->r, R_LINH_VUC))))
		return c;
	const char *la = rec_get(&a->r, R_LOAI), *lb = rec_get(&b->r, R_LOAI);
	int ra = loai_rank(la), rb = loai_rank(lb);
	if (ra != rb)
		return ra < rb ? -1 : 1;
	if ((c = strcmp(la, lb)))
		return c;
	if ((c = strcmp(a->sk_unit, b->sk_unit)))
		return c;
	if ((c = strcmp(a->sk_name, b->sk_name)))
		return c;
	if ((c = natural_cmp(rec_get(&a->r, R_ID), rec_get(&b->r, R_ID))))
		return c;
	if ((c = natural_cmp(rec_get(&a->r, R_NGUON), rec_get(&b->r, R_NGUON))))
		return c;
	return natural_cmp(rec_get(&a->r, R_VI_TRI), rec_get(&b->r, R_VI_TRI));
}

static int rec_cmp(const void *x, const void *y)
{
	return rec_cmp_impl(x, y, 0);
}

static int rec_cmp_month(const void *x, const void *y)
{
	return rec_cmp_impl(x, y, 1);
}

void merge_sort_recs(struct merge_rec *v, size_t n, int by_month)
{
	if (n > 1)
		qsort(v, n, sizeof *v, by_month ? rec_cmp_month : rec_cmp);
}

int merge_years_compatible(const char *a, const char *b)
{
	return !*a || !*b || strcmp(a, b) == 0;
}

/* ---- the month ---- */

void merge_month_init(struct merge_month *m, const char *thang)
{
	memset(m, 0, sizeof *m);
	m->thang = xstrdup(thang ? thang : "");
	problist_init(&m->probs);
	m->dec_nguon = xasprintf("%s/xem-xet.csv", m->thang);
}

void merge_month_release(struct merge_month *m)
{
	for (size_t i = 0; i < m->nrecs; i++)
		merge_rec_release(&m->recs[i]);
	free(m->recs);
	for (size_t i = 0; i < m->nfiles; i++)
		file_row_release(&m->files[i]);
	free(m->files);
	problist_release(&m->probs);
	for (size_t i = 0; i < m->ndec; i++) {
		free(m->dec[i].id);
		free(m->dec[i].raw);
		free(m->dec[i].ly_do);
	}
	free(m->dec);
	free(m->dec_nguon);
	for (size_t i = 0; i < m->nunits; i++) {
		free(m->units[i].ma);
		free(m->units[i].ten);
		free(m->units[i].ngay_gui);
		free(m->units[i].key);
	}
	free(m->units);
	free(m->thang);
	memset(m, 0, sizeof *m);
}

void merge_month_add_rec(struct merge_month *m, const struct record *r)
{
	XGROW(m->recs, m->caprecs, m->nrecs + 1);
	struct merge_rec *mr = &m->recs[m->nrecs++];
	memset(mr, 0, sizeof *mr);
	rec_copy(&mr->r, r);
	if (*m->thang)
		rec_set(&mr->r, R_THANG, m->thang);
	merge_rec_prepare(mr);
}

void merge_month_add_file(struct merge_month *m, const struct file_row *f)
{
	XGROW(m->files, m->capfiles, m->nfiles + 1);
	struct file_row *d = &m->files[m->nfiles++];
	file_row_init(d);
	for (size_t i = 0; i < FILE_NFIELDS; i++)
		file_row_set(d, (enum file_field)i, f->f[i]);
}

static int on_input_rec(void *ctx, struct record *r)
{
	struct merge_month *m = ctx;
	if (m->nrecs >= MAX_RECORDS)
		return error("quá nhiều hồ sơ trong tháng (tối đa %d)", MAX_RECORDS);
	merge_month_add_rec(m, r);
	return 0;
}

int merge_read_records(struct merge_month *m, const char *path)
{
	return rec_read_path(path, on_input_rec, m) == 0 ? 0 : -1;
}

static int on_input_file(void *ctx, struct file_row *f)
{
	struct merge_month *m = ctx;
	if (m->nfiles >= MAX_FILES)
		return error("quá nhiều tệp trong tháng (tối đa %d)", MAX_FILES);
	if (*file_row_get(f, FL_NGUON))
		merge_month_add_file(m, f);
	return 0;
}

int merge_read_files(struct merge_month *m, const char *path)
{
	return file_rows_read(path, on_input_file, m) == 0 ? 0 : -1;
}

/* ---- staff decisions ---- */

enum decision_kind decision_parse(const char *s)
{
	char *k = vn_key(s);
	enum decision_kind d = QD_NONE;
	if (strcmp(k, "chap nhan") == 0)
		d = QD_CHAP_NHAN;
	else if (strcmp(k, "loai bo") == 0)
		d = QD_LOAI_BO;
	free(k);
	return d;
}

struct dec_reader {
	struct merge_month *m;
	int col[3]; /* id, quyet_dinh, ly_do */
	int fail;
};

static void dec_problem(struct merge_month *m, size_t line, const char *id, const char *detail)
{
	char *where = xasprintf("dòng %zu", line);
	problist_report(&m->probs, m->dec_nguon, where, P_QUYET_DINH_SAI, detail, id);
	free(where);
}

static int header_col(const char *cell)
{
	char *k = vn_key(cell);
	int c = -1;
	if (strcmp(k, "id") == 0 || strcmp(k, "ma") == 0 || strcmp(k, "ma ho so") == 0)
		c = 0;
	else if (strcmp(k, "quyet dinh") == 0)
		c = 1;
	else if (strcmp(k, "ly do") == 0 || strcmp(k, "ghi chu") == 0)
		c = 2;
	free(k);
	return c;
}

static int on_dec_row(void *ctx, char **fields, size_t n, size_t row)
{
	struct dec_reader *dr = ctx;
	struct merge_month *m = dr->m;
	if (row == 1) {
		int col[3] = {-1, -1, -1};
		for (size_t i = 0; i < n && i < 64; i++) {
			int c = header_col(fields[i]);
			if (c >= 0 && col[c] < 0)
				col[c] = (int)i;
		}
		if (col[0] >= 0 && col[1] >= 0) {
			memcpy(dr->col, col, sizeof col);
			return 0;
		}
		/* No header: columns in the documented order, this row is data. */
	}
	int blank = 1;
	for (size_t i = 0; i < n; i++)
		for (const char *p = fields[i]; *p; p++)
			if (*p != ' ' && *p != '\t' && *p != '\r' && *p != '\n')
				blank = 0;
	if (blank)
		return 0;
	if (m->ndec >= MAX_DECISIONS) {
		dec_problem(m, row, NULL, "tệp có quá nhiều dòng, phần còn lại bị bỏ qua");
		return 1;
	}
	const char *v[3];
	for (int k = 0; k < 3; k++)
		v[k] = dr->col[k] >= 0 && (size_t)dr->col[k] < n ? fields[dr->col[k]] : "";
	XGROW(m->dec, m->capdec, m->ndec + 1);
	struct decision *d = &m->dec[m->ndec++];
	d->line = row;
	d->id = vn_normalize(v[0]);
	d->raw = vn_normalize(v[1]);
	d->ly_do = vn_normalize(v[2]);
	d->kind = decision_parse(d->raw);
	d->applied = 0;
	return 0;
}

static unsigned char guess_delim(const char *s, size_t len)
{
	size_t counts[3] = {0, 0, 0};
	static const char delims[3] = {',', ';', '\t'};
	int quoted = 0;
	for (size_t i = 0; i < len && (quoted || (s[i] != '\n' && s[i] != '\r')); i++) {
		if (s[i] == '"')
			quoted = !quoted;
		else if (!quoted)
			for (int k = 0; k < 3; k++)
				counts[k] += s[i] == delims[k];
	}
	int best = 0;
	for (int k = 1; k < 3; k++)
		if (counts[k] > counts[best])
			best = k;
	return (unsigned char)delims[best];
}

int merge_read_decisions_mem(struct merge_month *m, const char *data, size_t len)
{
	char *conv = NULL;
	size_t convlen = 0;
	enum text_encoding enc = text_detect(data, len);
	if (enc == ENC_UNKNOWN || text_to_utf8(data, len, enc, &conv, &convlen) != 0 ||
	    memchr(conv, '\0', convlen)) {
		dec_problem(
		    m, 1, NULL,
		    "tệp không phải là văn bản CSV đọc được; hãy lưu lại bằng Excel với kiểu "
		    "\"CSV UTF-8\"");
		free(conv);
		return 0;
	}
	struct dec_reader dr = {m, {0, 1, 2}, 0};
	int rc = csv_read_mem(conv, convlen, guess_delim(conv, convlen), on_dec_row, &dr);
	if (rc < 0)
		dec_problem(m, 1, NULL, "tệp CSV sai cấu trúc (dấu ngoặc kép không đóng?)");
	free(conv);
	return 0;
}

int merge_read_decisions(struct merge_month *m, const char *path)
{
	char *data = NULL;
	size_t len = 0;
	const char *base = strrchr(path, '/');
	base = base ? base + 1 : path;
	if (strcmp(base, "xem-xet.csv") != 0) {
		free(m->dec_nguon);
		m->dec_nguon = xstrdup(base);
	}
	if (read_file(path, MAX_DECISIONS_BYTES, &data, &len) != 0) {
		if (errno == EFBIG) {
			dec_problem(m, 1, NULL, "tệp quá lớn (tối đa 8 MB)");
			return 0;
		}
		return error("không đọc được %s: %s", path, strerror(errno));
	}
	int rc = merge_read_decisions_mem(m, data, len);
	free(data);
	return rc;
}

/* ---- the steps ---- */

static int date_cmp(const char *a, const char *b)
{
	int ea = !*a, eb = !*b; /* no date: as late as possible */
	if (ea || eb)
		return ea - eb;
	return strcmp(a, b);
}

/* Submission order inside one identity (khoa, loai). */
static const struct merge_month *sort_month;

static int dup_order_cmp(const void *x, const void *y)
{
	const struct merge_rec *a = &sort_month->recs[*(const size_t *)x];
	const struct merge_rec *b = &sort_month->recs[*(const size_t *)y];
	int c;
	if ((c = strcmp(a->khoa, b->khoa)))
		return c;
	if ((c = strcmp(rec_get(&a->r, R_LOAI), rec_get(&b->r, R_LOAI))))
		return c;
	if ((c = date_cmp(rec_get(&a->r, R_NGAY_GUI), rec_get(&b->r, R_NGAY_GUI))))
		return c;
	if ((c = natural_cmp(rec_get(&a->r, R_NGUON), rec_get(&b->r, R_NGUON))))
		return c;
	if ((c = natural_cmp(rec_get(&a->r, R_VI_TRI), rec_get(&b->r, R_VI_TRI))))
		return c;
	if ((c = natural_cmp(rec_get(&a->r, R_ID), rec_get(&b->r, R_ID))))
		return c;
	size_t ia = *(const size_t *)x, ib = *(const size_t *)y;
	return ia < ib ? -1 : ia > ib;
}

void merge_duplicates(struct merge_month *m)
{
	size_t *idx = xmalloc((m->nrecs + 1) * sizeof *idx), n = 0;
	size_t *kept = xmalloc((m->nrecs + 1) * sizeof *kept);
	for (size_t i = 0; i < m->nrecs; i++)
		if (*m->recs[i].khoa && !rec_has_problem_code(&m->recs[i].r, "trung_lap"))
			idx[n++] = i;
	sort_month = m;
	if (n > 1)
		qsort(idx, n, sizeof *idx, dup_order_cmp);
	sort_month = NULL;
	for (size_t g = 0; g < n;) {
		size_t e = g + 1, nkept = 0;
		const struct merge_rec *first = &m->recs[idx[g]];
		while (e < n && strcmp(m->recs[idx[e]].khoa, first->khoa) == 0 &&
		       strcmp(rec_get(&m->recs[idx[e]].r, R_LOAI), rec_get(&first->r, R_LOAI)) == 0)
			e++;
		for (size_t i = g; i < e; i++) {
			struct merge_rec *r = &m->recs[idx[i]];
			const char *year = rec_get(&r->r, R_NAM_SINH);
			size_t k;
			for (k = 0; k < nkept; k++)
				if (merge_years_compatible(
					year, rec_get(&m->recs[kept[k]].r, R_NAM_SINH)))
					break;
			if (k == nkept) {
				kept[nkept++] = idx[i];
				continue;
			}
			const struct merge_rec *keep = &m->recs[kept[k]];
			r->dup_of = (long)kept[k];
			char *detail;
			if (*rec_get(&keep->r, R_VI_TRI))
				detail = xasprintf(
				    "trùng với \"%s\" ở tệp %s, %s", rec_get(&keep->r, R_TEN),
				    rec_get(&keep->r, R_NGUON), rec_get(&keep->r, R_VI_TRI));
			else
				detail =
				    xasprintf("trùng với \"%s\" ở tệp %s", rec_get(&keep->r, R_TEN),
					      rec_get(&keep->r, R_NGUON));
			rec_add_problem_code(&r->r, "trung_lap");
			problist_report(&m->probs, rec_get(&r->r, R_NGUON),
					rec_get(&r->r, R_VI_TRI), P_TRUNG_LAP, detail,
					rec_get(&r->r, R_ID));
			free(detail);
		}
		g = e;
	}
	free(idx);
	free(kept);
}

int merge_history(struct merge_month *m, struct ledger *lg)
{
	if (!lg)
		return 0;
	/* one read transaction: SQLite takes its lock and checks the journal
	 * once, not once per statement */
	if (ledger_begin_read(lg) != 0)
		return -1;
	int rc = 0;
	for (size_t i = 0; i < m->nrecs; i++) {
		struct merge_rec *r = &m->recs[i];
		if (!*r->khoa || r->dup_of >= 0 || rec_has_problem_code(&r->r, "trung_lap"))
			continue;
		char **months;
		size_t n;
		if (ledger_earlier_months(lg, m->thang, r->khoa, rec_get(&r->r, R_LOAI),
					  rec_get(&r->r, R_NAM_SINH), &months, &n) != 0) {
			rc = -1;
			break;
		}
		if (n == 0)
			continue;
		struct buf b = BUF_INIT;
		buf_printf(&b, "đã giới thiệu %zu lần: ", n);
		for (size_t k = 0; k < n; k++)
			buf_printf(&b, "%s%s", k ? ", " : "", months[k]);
		rec_add_problem_code(&r->r, "da_de_cu_truoc");
		problist_report(&m->probs, rec_get(&r->r, R_NGUON), rec_get(&r->r, R_VI_TRI),
				P_DA_DE_CU_TRUOC, buf_cstr(&b), rec_get(&r->r, R_ID));
		buf_release(&b);
		ledger_free_list(months, n);
	}
	if (ledger_end_read(lg) != 0)
		rc = -1;
	return rc;
}

void merge_status(struct merge_month *m)
{
	for (size_t i = 0; i < m->nrecs; i++) {
		struct record *r = &m->recs[i].r;
		int worst = LEVEL_THONG_TIN;
		const char *s = rec_get(r, R_VAN_DE);
		while (*s) {
			const char *e = strchr(s, ';');
			size_t len = e ? (size_t)(e - s) : strlen(s);
			char *code = xstrndup(s, len);
			int c = problem_code_by_name(code);
			free(code);
			if (c >= 0 && (int)problem_level((enum problem_code)c) > worst)
				worst = (int)problem_level((enum problem_code)c);
			if (!e)
				break;
			s = e + 1;
		}
		rec_set(r, R_TRANG_THAI,
			worst == LEVEL_LOI	  ? "khong_hop_le"
			: worst == LEVEL_CANH_BAO ? "can_xem_xet"
						  : "hop_le");
	}
}

static int id_index_cmp(const void *x, const void *y)
{
	const struct merge_rec *a = &sort_month->recs[*(const size_t *)x];
	const struct merge_rec *b = &sort_month->recs[*(const size_t *)y];
	int c = strcmp(rec_get(&a->r, R_ID), rec_get(&b->r, R_ID));
	if (c)
		return c;
	size_t ia = *(const size_t *)x, ib = *(const size_t *)y;
	return ia < ib ? -1 : ia > ib;
}

/* Records of the month with id, as a range of the id-sorted index. */
static size_t find_id(const struct merge_month *m, const size_t *byid, const char *id,
		      size_t *count)
{
	size_t lo = 0, hi = m->nrecs;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (strcmp(rec_get(&m->recs[byid[mid]].r, R_ID), id) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	size_t e = lo;
	while (e < m->nrecs && strcmp(rec_get(&m->recs[byid[e]].r, R_ID), id) == 0)
		e++;
	*count = e - lo;
	return lo;
}

static void apply_decision(struct merge_month *m, struct merge_rec *mr, const struct decision *d)
{
	struct record *r = &mr->r;
	int accept = d->kind == QD_CHAP_NHAN;
	rec_set(r, R_TRANG_THAI, accept ? "hop_le" : "khong_hop_le");
	rec_add_problem_code(r, "quyet_dinh");
	struct buf note = BUF_INIT, detail = BUF_INIT;
	buf_adds(&note, accept ? "Đã chấp nhận sau thẩm định" : "Đã loại bỏ sau thẩm định");
	buf_adds(&detail, accept ? "chấp nhận" : "loại bỏ");
	if (*d->ly_do) {
		buf_printf(&note, ": %s", d->ly_do);
		buf_printf(&detail, "; lý do: %s", d->ly_do);
	}
	buf_printf(&detail, " (%s, dòng %zu)", m->dec_nguon, d->line);
	const char *old = rec_get(r, R_GHI_CHU);
	if (*old)
		buf_printf(&note, ". %s", old);
	rec_take(r, R_GHI_CHU, buf_detach(&note));
	problist_report(&m->probs, rec_get(r, R_NGUON), rec_get(r, R_VI_TRI), P_QUYET_DINH,
			buf_cstr(&detail), rec_get(r, R_ID));
	buf_release(&detail);
}

static const struct decision *sort_dec;

static int dec_id_cmp(const void *x, const void *y)
{
	const struct decision *a = &sort_dec[*(const size_t *)x],
			      *b = &sort_dec[*(const size_t *)y];
	int c = strcmp(a->id, b->id);
	if (c)
		return c;
	return a->line < b->line ? -1 : a->line > b->line;
}

/* For each usable decision, the line of a later usable decision of the same
 * id (0 when none). */
static size_t *later_lines(const struct merge_month *m)
{
	size_t *later = xcalloc(m->ndec + 1, sizeof *later);
	size_t *idx = xmalloc((m->ndec + 1) * sizeof *idx), n = 0;
	for (size_t i = 0; i < m->ndec; i++)
		if (*m->dec[i].id && m->dec[i].kind != QD_NONE)
			idx[n++] = i;
	sort_dec = m->dec;
	if (n > 1)
		qsort(idx, n, sizeof *idx, dec_id_cmp);
	sort_dec = NULL;
	for (size_t k = 0; k + 1 < n; k++)
		if (strcmp(m->dec[idx[k]].id, m->dec[idx[k + 1]].id) == 0)
			later[idx[k]] = m->dec[idx[k + 1]].line;
	free(idx);
	return later;
}

void merge_decisions(struct merge_month *m)
{
	if (!m->ndec)
		return;
	size_t *byid = xmalloc((m->nrecs + 1) * sizeof *byid);
	for (size_t i = 0; i < m->nrecs; i++)
		byid[i] = i;
	sort_month = m;
	if (m->nrecs > 1)
		qsort(byid, m->nrecs, sizeof *byid, id_index_cmp);
	sort_month = NULL;
	size_t *later_line = later_lines(m);
	for (size_t i = 0; i < m->ndec; i++) {
		struct decision *d = &m->dec[i];
		if (!*d->id) {
			dec_problem(m, d->line, NULL, "thiếu mã hồ sơ (cột id)");
			continue;
		}
		if (d->kind == QD_NONE) {
			char *detail =
			    xasprintf("quyết định \"%s\" không hợp lệ (cần chap_nhan hoặc "
				      "loai_bo)",
				      d->raw);
			dec_problem(m, d->line, d->id, detail);
			free(detail);
			continue;
		}
		size_t later = later_line[i];
		if (later) {
			char *detail =
			    xasprintf("mã %s có quyết định khác ở dòng %zu; dòng sau được "
				      "áp dụng",
				      d->id, later);
			dec_problem(m, d->line, d->id, detail);
			free(detail);
			continue;
		}
		size_t count, first = find_id(m, byid, d->id, &count);
		if (count == 0) {
			char *detail =
			    xasprintf("không có hồ sơ mã %s trong tháng %s", d->id, m->thang);
			dec_problem(m, d->line, d->id, detail);
			free(detail);
			continue;
		}
		for (size_t k = 0; k < count; k++)
			apply_decision(m, &m->recs[byid[first + k]], d);
		d->applied = 1;
	}
	free(later_line);
	free(byid);
}

const char *unit_status(const char *thang, int han_nop, const char *ngay_gui)
{
	if (han_nop <= 0 || !*ngay_gui || strlen(thang) != 7)
		return "da_gui";
	char deadline[16];
	snprintf(deadline, sizeof deadline, "%.7s-%02d", thang, han_nop > 31 ? 31 : han_nop);
	return strcmp(ngay_gui, deadline) > 0 ? "gui_muon" : "da_gui";
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

void merge_units(struct merge_month *m, const struct plan *p)
{
	size_t nreg = p ? p->nunits : 0;
	m->han_nop = p ? p->han_nop : 0;
	int *sent_file = NULL;
	struct umap map = {NULL, NULL, 0, 0};
	for (size_t i = 0; i < nreg; i++)
		add_unit(m, p->units[i].ma, p->units[i].ten);
	for (size_t i = 0; i < m->nfiles; i++) {
		const struct file_row *f = &m->files[i];
		const char *name = file_row_get(f, FL_DON_VI);
		if (!*name)
			name = file_row_get(f, FL_DON_VI_GOC);
		struct unit_row *u = sender(m, &map, nreg, file_row_get(f, FL_MA_DON_VI), name, 0);
		u->so_tep++;
		unit_date(u, file_row_get(f, FL_NGAY_GUI));
	}
	sent_file = xcalloc(m->nunits + 1, sizeof *sent_file);
	for (size_t i = 0; i < m->nunits; i++)
		sent_file[i] = m->units[i].so_tep > 0;
	size_t nfile_units = m->nunits;
	for (size_t i = 0; i < m->nrecs; i++) {
		const struct record *r = &m->recs[i].r;
		struct unit_row *u =
		    sender(m, &map, nreg, rec_get(r, R_MA_DON_VI), rec_get(r, R_DON_VI), 1);
		size_t ui = (size_t)(u - m->units);
		u->so_guong++;
		const char *t = rec_get(r, R_TRANG_THAI);
		u->so_hop_le += strcmp(t, "hop_le") == 0 || strcmp(t, "can_xem_xet") == 0;
		if (ui >= nfile_units || !sent_file[ui])
			unit_date(u, rec_get(r, R_NGAY_GUI)); /* no file dates known */
	}
	free(sent_file);
	umap_release(&map);
	/* Keep the registry units that must submit or sent something. */
	size_t out = 0, nreg_kept = 0;
	for (size_t i = 0; i < m->nunits; i++) {
		struct unit_row *u = &m->units[i];
		int sent = u->so_tep > 0 || u->so_guong > 0;
		u->trang_thai = sent ? unit_status(m->thang, m->han_nop, u->ngay_gui) : "chua_gui";
		if (i < nreg && !sent && !p->units[i].phai_gui) {
			free(u->ma);
			free(u->ten);
			free(u->ngay_gui);
			free(u->key);
			continue;
		}
		if (i < nreg && !sent) {
			struct prob *pr =
			    problist_report(&m->probs, "", u->ten, P_CHUA_GUI, u->ten, NULL);
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

static int file_cmp(const void *x, const void *y)
{
	const struct file_row *a = x, *b = y;
	return natural_cmp(file_row_get(a, FL_NGUON), file_row_get(b, FL_NGUON));
}

int merge_compute(struct merge_month *m, const struct plan *p, struct ledger *lg)
{
	if (m->nfiles > 1)
		qsort(m->files, m->nfiles, sizeof *m->files, file_cmp);
	merge_duplicates(m);
	if (merge_history(m, lg) != 0)
		return -1;
	merge_status(m);
	merge_decisions(m);
	merge_units(m, p);
	merge_sort_recs(m->recs, m->nrecs, 0);
	problist_sort(&m->probs);
	return 0;
}

/* ---- outputs ---- */

static const enum rec_field dataset_cols[] = {
    R_ID,	R_THANG,     R_MA_DON_VI, R_DON_VI,  R_LINH_VUC,     R_LOAI,	   R_TEN,
    R_NAM_SINH, R_GIOI_TINH, R_DAN_TOC,	  R_CHUC_VU, R_NOI_CONG_TAC, R_THANH_TICH, R_TRANG_THAI,
    R_VAN_DE,	R_NGUON,     R_VI_TRI,	  R_SHA256,  R_NGAY_GUI,     R_GHI_CHU,
};

int merge_write_dataset(FILE *f, const struct merge_rec *v, size_t n)
{
	csv_write_bom(f);
	rec_write_header(f, dataset_cols, ARRAY_SIZE(dataset_cols));
	for (size_t i = 0; i < n; i++)
		rec_write_row(f, &v[i].r, dataset_cols, ARRAY_SIZE(dataset_cols));
	return ferror(f) ? -1 : 0;
}

static void write_problems(FILE *f, const struct problist *l)
{
	csv_write_bom(f);
	csv_write_row(f, prob_cols, PB_NFIELDS);
	for (size_t i = 0; i < l->n; i++)
		csv_write_row(f, (const char *const *)l->v[i].f, PB_NFIELDS);
}

static void write_units(FILE *f, const struct merge_month *m)
{
	static const char *const h[] = {"ma_don_vi", "ten_don_vi", "so_tep",	"so_guong",
					"so_hop_le", "ngay_gui",   "trang_thai"};
	csv_write_bom(f);
	csv_write_row(f, h, ARRAY_SIZE(h));
	for (size_t i = 0; i < m->nunits; i++) {
		const struct unit_row *u = &m->units[i];
		char a[24], b[24], c[24];
		snprintf(a, sizeof a, "%ld", u->so_tep);
		snprintf(b, sizeof b, "%ld", u->so_guong);
		snprintf(c, sizeof c, "%ld", u->so_hop_le);
		const char *row[] = {u->ma, u->ten, a, b, c, u->ngay_gui, u->trang_thai};
		csv_write_row(f, row, ARRAY_SIZE(row));
	}
}

static const struct file_row *sort_files;

static int file_idx_cmp(const void *x, const void *y)
{
	return strcmp(file_row_get(&sort_files[*(const size_t *)x], FL_NGUON),
		      file_row_get(&sort_files[*(const size_t *)y], FL_NGUON));
}

static void write_files(FILE *f, const struct merge_month *m)
{
	static const char *const h[] = {"nguon",      "ma_don_vi", "don_vi_de_xuat", "ngay_gui",
					"kich_thuoc", "so_guong",  "so_hop_le",	     "loi",
					"trung_voi",  "sha256"};
	csv_write_bom(f);
	csv_write_row(f, h, ARRAY_SIZE(h));
	/* Records per file: files by nguon, each record looked up once. */
	size_t *idx = xmalloc((m->nfiles + 1) * sizeof *idx);
	long *count = xcalloc(2 * m->nfiles + 1, sizeof *count);
	for (size_t i = 0; i < m->nfiles; i++)
		idx[i] = i;
	sort_files = m->files;
	if (m->nfiles > 1)
		qsort(idx, m->nfiles, sizeof *idx, file_idx_cmp);
	for (size_t k = 0; k < m->nrecs; k++) {
		const struct record *r = &m->recs[k].r;
		const char *nguon = rec_get(r, R_NGUON);
		size_t lo = 0, hi = m->nfiles;
		while (lo < hi) {
			size_t mid = lo + (hi - lo) / 2;
			if (strcmp(file_row_get(&m->files[idx[mid]], FL_NGUON), nguon) < 0)
				lo = mid + 1;
			else
				hi = mid;
		}
		if (lo == m->nfiles ||
		    strcmp(file_row_get(&m->files[idx[lo]], FL_NGUON), nguon) != 0)
			continue;
		const char *t = rec_get(r, R_TRANG_THAI);
		count[2 * idx[lo]]++;
		count[2 * idx[lo] + 1] += strcmp(t, "hop_le") == 0 || strcmp(t, "can_xem_xet") == 0;
	}
	sort_files = NULL;
	free(idx);
	for (size_t i = 0; i < m->nfiles; i++) {
		const struct file_row *fr = &m->files[i];
		const char *nguon = file_row_get(fr, FL_NGUON);
		long n = count[2 * i], ok = count[2 * i + 1];
		char a[24], b[24];
		snprintf(a, sizeof a, "%ld", n);
		snprintf(b, sizeof b, "%ld", ok);
		const char *row[] = {nguon,
				     file_row_get(fr, FL_MA_DON_VI),
				     file_row_get(fr, FL_DON_VI),
				     file_row_get(fr, FL_NGAY_GUI),
				     file_row_get(fr, FL_KICH_THUOC),
				     a,
				     b,
				     file_row_get(fr, FL_LOI),
				     file_row_get(fr, FL_TRUNG_VOI),
				     file_row_get(fr, FL_SHA256)};
		csv_write_row(f, row, ARRAY_SIZE(row));
	}
	free(count);
}

enum out_kind { OUT_DATASET, OUT_PROBLEMS, OUT_UNITS, OUT_FILES };

static int write_one(const struct merge_month *m, const char *dir, const char *name,
		     enum out_kind kind)
{
	char *path = xasprintf("%s/%s", dir, name), *tmp;
	int rc = -1;
	FILE *f = open_tmp(path, &tmp);
	if (!f)
		goto out;
	switch (kind) {
	case OUT_DATASET:
		merge_write_dataset(f, m->recs, m->nrecs);
		break;
	case OUT_PROBLEMS:
		write_problems(f, &m->probs);
		break;
	case OUT_UNITS:
		write_units(f, m);
		break;
	case OUT_FILES:
		write_files(f, m);
		break;
	}
	rc = commit_tmp(f, tmp, path);
out:
	free(path);
	return rc;
}

int merge_write_outputs(const struct merge_month *m, const char *dir)
{
	if (write_one(m, dir, "dataset.csv", OUT_DATASET) != 0 ||
	    write_one(m, dir, "van-de.csv", OUT_PROBLEMS) != 0 ||
	    write_one(m, dir, "don-vi.csv", OUT_UNITS) != 0 ||
	    write_one(m, dir, "tep.csv", OUT_FILES) != 0)
		return -1;
	return 0;
}

void merge_print_summary(const struct merge_month *m, FILE *out)
{
	long st[3] = {0, 0, 0}, units[3] = {0, 0, 0};
	unsigned long codes[P_NCODES + 1] = {0};
	for (size_t i = 0; i < m->nrecs; i++) {
		const char *t = rec_get(&m->recs[i].r, R_TRANG_THAI);
		st[strcmp(t, "hop_le") == 0 ? 0 : strcmp(t, "can_xem_xet") == 0 ? 1 : 2]++;
	}
	for (size_t i = 0; i < m->nunits; i++) {
		const char *t = m->units[i].trang_thai;
		units[strcmp(t, "da_gui") == 0 ? 0 : strcmp(t, "gui_muon") == 0 ? 1 : 2]++;
	}
	for (size_t i = 0; i < m->probs.n; i++) {
		int c = problem_code_by_name(m->probs.v[i].f[PB_MA]);
		codes[c < 0 ? P_NCODES : c]++;
	}
	fprintf(out,
		"Tháng %s: %zu tệp, %zu gương (hợp lệ %ld, cần xem xét %ld, không hợp lệ %ld)\n",
		m->thang, m->nfiles, m->nrecs, st[0], st[1], st[2]);
	fprintf(out, "Đơn vị đã gửi: %ld (%ld gửi muộn); chưa gửi: %ld\n", units[0] + units[1],
		units[1], units[2]);
	fprintf(out, "Vấn đề theo mã (%zu dòng):\n", m->probs.n);
	for (int c = 0; c <= P_NCODES; c++)
		if (codes[c])
			fprintf(out, "  %-20s %lu\n",
				c < P_NCODES ? problem_code_name((enum problem_code)c) : "(khác)",
				codes[c]);
	size_t applied = 0;
	for (size_t i = 0; i < m->ndec; i++)
		applied += m->dec[i].applied;
	if (m->ndec)
		fprintf(out, "Quyết định thẩm định: %zu dòng, %zu áp dụng\n", m->ndec, applied);
}
