/* merge_decisions.c - the clerk's review decisions (xem-xet.csv): reading
 * the file in the encodings and layouts Excel writes, and applying each
 * decision to the records it names (rules in merge.h). */
#include "buf.h"
#include "csvio.h"
#include "legacy.h"
#include "merge_stage.h"
#include "problem.h"
#include "text.h"
#include "util.h"
#include "validate.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#define MAX_DECISIONS 100000
#define MAX_DECISIONS_BYTES (8u << 20)

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

const enum rec_field merge_fixable[MERGE_NFIXABLE] = {
    R_LINH_VUC, R_LOAI,		R_TEN,	      R_NAM_SINH, R_GIOI_TINH, R_DAN_TOC,
    R_CHUC_VU,	R_NOI_CONG_TAC, R_THANH_TICH, R_DON_VI,	  R_NGAY_GUI,
};

struct dec_reader {
	struct merge_month *m;
	int col[3];		    /* id, quyet_dinh, ly_do */
	int fixcol[MERGE_NFIXABLE]; /* the corrections' columns, -1 none */
	int fail;
};

static void dec_problem(struct merge_month *m, size_t line, const char *id, const char *detail)
{
	char *where = xasprintf("dòng %zu", line);
	problist_report(&m->probs, m->dec_nguon, where, PC_QUYET_DINH_SAI, detail, id);
	free(where);
}

/* The column a header cell names: 0 id, 1 quyet_dinh, 2 ly_do, 3 + k the
 * correction of merge_fixable[k], or -1. */
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
	for (int f = 0; c < 0 && f < MERGE_NFIXABLE; f++) {
		char *name = vn_key(rec_field_names[merge_fixable[f]]);
		if (strcmp(k, name) == 0)
			c = 3 + f;
		free(name);
	}
	free(k);
	return c;
}

static int blank(const char *s)
{
	for (; *s; s++)
		if (*s != ' ' && *s != '\t' && *s != '\r' && *s != '\n')
			return 0;
	return 1;
}

static int on_dec_row(void *ctx, char **fields, size_t n, size_t row)
{
	struct dec_reader *dr = ctx;
	struct merge_month *m = dr->m;
	if (row == 1) {
		int col[3 + MERGE_NFIXABLE], nfix = 0;
		for (size_t k = 0; k < ARRAY_SIZE(col); k++)
			col[k] = -1;
		for (size_t i = 0; i < n && i < 64; i++) {
			int c = header_col(fields[i]);
			if (c >= 0 && col[c] < 0) {
				col[c] = (int)i;
				nfix += c >= 3;
			}
		}
		if (col[0] >= 0 && (col[1] >= 0 || nfix)) {
			memcpy(dr->col, col, sizeof dr->col);
			memcpy(dr->fixcol, col + 3, sizeof dr->fixcol);
			return 0;
		}
		/* No header: columns in the documented order, this row is data. */
	}
	int empty = 1;
	for (size_t i = 0; i < n && empty; i++)
		empty = blank(fields[i]);
	if (empty)
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
	d->later = 0;
	d->nfix = 0;
	for (int f = 0; f < MERGE_NFIXABLE; f++) {
		int c = dr->fixcol[f];
		d->fix[f] =
		    c >= 0 && (size_t)c < n && !blank(fields[c]) ? vn_normalize(fields[c]) : NULL;
		d->nfix += d->fix[f] != NULL;
	}
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
	size_t bad_line;
	if (text_mixed_line(data, len, &bad_line)) { /* as the plan's files: refused */
		char *d =
		    xasprintf("tệp lưu lẫn hai bảng mã (dòng %zu có byte không đúng mã UTF-8); "
			      "không áp dụng quyết định nào: hãy sửa dòng đó hoặc lưu lại bằng "
			      "Excel với kiểu \"CSV UTF-8\"",
			      bad_line);
		dec_problem(m, bad_line, NULL, d);
		free(d);
		return 0;
	}
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
	struct dec_reader dr = {m, {0, 1, 2}, {0}, 0};
	for (int f = 0; f < MERGE_NFIXABLE; f++)
		dr.fixcol[f] = -1;
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

/* A decision's effect on the record: status, code, note. */
void decide_rec(struct record *r, const struct decision *d)
{
	int accept = d->kind == QD_CHAP_NHAN;
	rec_set(r, R_TRANG_THAI, nom_status_name(accept ? ST_HOP_LE : ST_KHONG_HOP_LE));
	rec_add_problem(r, PC_QUYET_DINH);
	struct buf note = BUF_INIT;
	buf_adds(&note, accept ? "Đã chấp nhận sau thẩm định" : "Đã loại bỏ sau thẩm định");
	if (*d->ly_do)
		buf_printf(&note, ": %s", d->ly_do);
	const char *old = rec_get(r, R_GHI_CHU);
	if (*old)
		buf_printf(&note, ". %s", old);
	rec_take(r, R_GHI_CHU, buf_detach(&note));
}

/* The quyet_dinh problem of a record a decision applies to. */
static void decision_problem(struct merge_month *m, const char *nguon, const char *vi_tri,
			     const char *id, const struct decision *d)
{
	struct buf detail = BUF_INIT;
	buf_adds(&detail, d->kind == QD_CHAP_NHAN ? "chấp nhận" : "loại bỏ");
	if (*d->ly_do)
		buf_printf(&detail, "; lý do: %s", d->ly_do);
	buf_printf(&detail, " (%s, dòng %zu)", m->dec_nguon, d->line);
	problist_report(&m->probs, nguon, vi_tri, PC_QUYET_DINH, buf_cstr(&detail), id);
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

/* A line that decides or corrects something. */
static int usable(const struct decision *d)
{
	return *d->id && (d->kind != QD_NONE || d->nfix);
}

/* Sets each usable decision's later: the line of a later usable decision
 * of the same id (0 when none). */
static void mark_later(struct merge_month *m)
{
	size_t *idx = xmalloc((m->ndec + 1) * sizeof *idx), n = 0;
	for (size_t i = 0; i < m->ndec; i++)
		if (usable(&m->dec[i]))
			idx[n++] = i;
	sort_dec = m->dec;
	if (n > 1)
		qsort(idx, n, sizeof *idx, dec_id_cmp);
	sort_dec = NULL;
	for (size_t k = 0; k + 1 < n; k++)
		if (strcmp(m->dec[idx[k]].id, m->dec[idx[k + 1]].id) == 0)
			m->dec[idx[k]].later = m->dec[idx[k + 1]].line;
	free(idx);
}

/* ---- corrections ---- */

/* The raw fields validation reads a corrected field from first. */
static enum rec_field raw_field(enum rec_field f)
{
	switch (f) {
	case R_LINH_VUC:
		return R_LINH_VUC_GOC;
	case R_LOAI:
		return R_LOAI_GOC;
	case R_DON_VI:
		return R_DON_VI_GOC;
	case R_NGAY_GUI:
		return R_NGAY_VB;
	default:
		return f;
	}
}

/* A date as the clerk may write it ("15/11/2026", "15-11-2026") as
 * YYYY-MM-DD; other text as it is (malloc'd). */
static char *iso_date(const char *s)
{
	unsigned d, mo, y;
	char sep[2], tail;
	if (sscanf(s, "%2u%1[/.-]%2u%*1[/.-]%4u%c", &d, sep, &mo, &y, &tail) == 4 && y >= 1000 &&
	    mo >= 1 && mo <= 12 && d >= 1 && d <= 31)
		return xasprintf("%04u-%02u-%02u", y, mo, d);
	return xstrdup(s);
}

/* The records of an id as staged: rowid - 1 and record. */
struct id_recs {
	size_t *row;
	struct record *r;
	size_t n, cap;
};

static int load_id(struct merge_month *m, const char *id, struct id_recs *out)
{
	sqlite3_stmt *st;
	char *sql = stage_rec_select(REC_NFIELDS, "WHERE id = ?1 ORDER BY rowid");
	int rc = stage_prepare(m->stage, sql, &st), step;
	free(sql);
	if (rc != 0)
		return -1;
	sqlite3_bind_text(st, 1, id, -1, SQLITE_STATIC);
	size_t cap = 0;
	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		XGROW(out->r, out->cap, out->n + 1);
		XGROW(out->row, cap, out->n + 1);
		rec_init(&out->r[out->n]);
		stage_load_raw(st, &out->r[out->n], REC_NFIELDS);
		out->row[out->n++] = (size_t)sqlite3_column_int64(st, REC_NFIELDS + 1) - 1;
	}
	if (step != SQLITE_DONE)
		rc = stage_error(m->stage, "không đọc được hồ sơ");
	sqlite3_finalize(st);
	return rc;
}

static void id_recs_release(struct id_recs *v)
{
	for (size_t i = 0; i < v->n; i++)
		rec_release(&v->r[i]);
	free(v->r);
	free(v->row);
}

static int on_revalidated_prob(void *ctx, char **f, size_t n, size_t row)
{
	struct merge_stage *s = ctx;
	const char *v[PB_NFIELDS];
	(void)row;
	for (size_t k = 0; k < PB_NFIELDS; k++)
		v[k] = k < n ? f[k] : "";
	return stage_add_prob(s, v, 0);
}

/* Validates a corrected record again (its codes and problem rows replaced
 * by validation's).  Returns 0 or -1 (reported). */
static int revalidate(struct merge_month *m, const struct plan *p, struct record *r, char **rows,
		      size_t *nrows)
{
	FILE *f = open_memstream(rows, nrows);
	struct problem_sink sink;
	struct validator v;
	if (!f)
		return error("hết bộ nhớ");
	problem_sink_init(&sink, f, 0);
	int keep_tl = rec_has_problem(r, PC_TRUNG_LAP);
	rec_set(r, R_VAN_DE, keep_tl ? problem_code_name(PC_TRUNG_LAP) : "");
	int rc = validator_init(&v, p, m->thang, &sink);
	if (rc == 0) {
		validate_record(&v, r);
		validator_release(&v);
	}
	return fclose(f) == 0 ? rc : error("hết bộ nhớ");
}

/* Applies d's corrections to one record: the fields that differ after
 * validation are kept as m->fixes; returns the number of them, or -1. */
static int correct_rec(struct merge_month *m, const struct plan *p, const struct decision *d,
		       size_t row, const struct record *old)
{
	struct record r;
	char *rows = NULL;
	size_t nrows = 0;
	int nchanged = 0, rc = 0;
	rec_init(&r);
	rec_copy(&r, old);
	for (int k = 0; k < MERGE_NFIXABLE; k++)
		if (d->fix[k]) {
			char *v = merge_fixable[k] == R_NGAY_GUI ? iso_date(d->fix[k])
								 : xstrdup(d->fix[k]);
			rec_set(&r, merge_fixable[k], v);
			rec_take(&r, raw_field(merge_fixable[k]), v);
		}
	if (p && (rc = revalidate(m, p, &r, &rows, &nrows)) != 0)
		goto out;
	struct buf detail = BUF_INIT;
	for (int k = 0; k < MERGE_NFIXABLE; k++) {
		enum rec_field f = merge_fixable[k];
		if (!d->fix[k] || strcmp(rec_get(old, f), rec_get(&r, f)) == 0)
			continue;
		XGROW(m->fixes, m->capfixes, m->nfixes + 1);
		struct correction *c = &m->fixes[m->nfixes++];
		c->line = d->line;
		c->id = xstrdup(d->id);
		c->field = f;
		c->old = xstrdup(rec_get(old, f));
		c->new_value = xstrdup(rec_get(&r, f));
		buf_printf(&detail, "%s%s \"%s\" thành \"%s\"", nchanged ? ", " : "sửa ",
			   rec_field_names[f], c->old, c->new_value);
		nchanged++;
	}
	if (nchanged) {
		buf_printf(&detail, " (%s, dòng %zu)", m->dec_nguon, d->line);
		rec_add_problem(&r, PC_QUYET_DINH);
		/* validation's rows replace the old ones (none without a plan) */
		if (stage_update_rec(m, row, &r) != 0 ||
		    (p && stage_delete_probs(m->stage, old) != 0) ||
		    (rows && csv_read_mem(rows, nrows, ',', on_revalidated_prob, m->stage) < 0))
			rc = -1;
		problist_report(&m->probs, rec_get(&r, R_NGUON), rec_get(&r, R_VI_TRI),
				PC_QUYET_DINH, buf_cstr(&detail), rec_get(&r, R_ID));
	}
	buf_release(&detail);
out:
	free(rows);
	rec_release(&r);
	return rc ? -1 : nchanged;
}

int merge_corrections(struct merge_month *m, const struct plan *p)
{
	if (!m->ndec)
		return 0;
	mark_later(m);
	if (stage_exec(m->stage, "CREATE INDEX IF NOT EXISTS recs_id ON recs (id)") != 0)
		return -1;
	int rc = 0;
	for (size_t i = 0; i < m->ndec && rc == 0; i++) {
		struct decision *d = &m->dec[i];
		if (!usable(d) || !d->nfix || d->later)
			continue;
		struct id_recs v = {NULL, NULL, 0, 0};
		rc = load_id(m, d->id, &v);
		for (size_t k = 0; k < v.n && rc == 0; k++) {
			int n = correct_rec(m, p, d, v.row[k], &v.r[k]);
			if (n < 0)
				rc = -1;
			else if (n > 0)
				d->applied = 1;
		}
		id_recs_release(&v);
		if (rc == 0)
			rc = stage_maybe_flush(m);
	}
	return rc;
}

/* ---- status decisions ---- */

/* The records with the decision's id get it (when it decides a status);
 * *count is their number. */
static int decide_id(struct merge_month *m, size_t di, size_t *count)
{
	struct merge_stage *s = m->stage;
	sqlite3_stmt *st;
	*count = 0;
	if (stage_prepare(s,
			  "SELECT rowid, nguon, vi_tri, id FROM recs WHERE id = ?1 ORDER BY rowid",
			  &st) != 0)
		return -1;
	sqlite3_bind_text(st, 1, m->dec[di].id, -1, SQLITE_STATIC);
	int rc = 0, step;
	int decides = m->dec[di].kind != QD_NONE;
	while (rc == 0 && (step = sqlite3_step(st)) == SQLITE_ROW) {
		size_t i = (size_t)sqlite3_column_int64(st, 0) - 1;
		(*count)++;
		if (!decides)
			continue;
		if (i < s->nrecs)
			s->dec[i] = (unsigned)di + 1;
		decision_problem(m, stage_col(st, 1), stage_col(st, 2), stage_col(st, 3),
				 &m->dec[di]);
		rc = stage_maybe_flush(m);
	}
	if (rc == 0 && step != SQLITE_DONE)
		rc = stage_error(s, "không đọc được hồ sơ");
	sqlite3_finalize(st);
	return rc;
}

int merge_decisions(struct merge_month *m)
{
	if (!m->ndec)
		return 0;
	if (stage_exec(m->stage, "CREATE INDEX IF NOT EXISTS recs_id ON recs (id)") != 0)
		return -1;
	int rc = 0;
	for (size_t i = 0; i < m->ndec && rc == 0; i++) {
		struct decision *d = &m->dec[i];
		if (!*d->id) {
			dec_problem(m, d->line, NULL, "thiếu mã hồ sơ (cột id)");
			continue;
		}
		if (d->kind == QD_NONE && *d->raw) {
			char *detail =
			    xasprintf("quyết định \"%s\" không hợp lệ (cần chap_nhan hoặc "
				      "loai_bo)",
				      d->raw);
			dec_problem(m, d->line, d->id, detail);
			free(detail);
			continue;
		}
		if (!usable(d))
			continue; /* a row left without a decision */
		if (d->later) {
			char *detail =
			    xasprintf("mã %s có quyết định khác ở dòng %zu; dòng sau được "
				      "áp dụng",
				      d->id, d->later);
			dec_problem(m, d->line, d->id, detail);
			free(detail);
			continue;
		}
		size_t count;
		if ((rc = decide_id(m, i, &count)) != 0)
			break;
		if (count == 0) {
			char *detail =
			    xasprintf("không có hồ sơ mã %s trong tháng %s", d->id, m->thang);
			dec_problem(m, d->line, d->id, detail);
			free(detail);
			continue;
		}
		if (d->kind != QD_NONE)
			d->applied = 1;
	}
	return rc;
}
