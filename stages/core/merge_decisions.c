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

/* A decision's effect on the record: status, code, note. */
void decide_rec(struct record *r, const struct decision *d)
{
	int accept = d->kind == QD_CHAP_NHAN;
	rec_set(r, R_TRANG_THAI, nom_status_name(accept ? ST_HOP_LE : ST_KHONG_HOP_LE));
	rec_add_problem_code(r, "quyet_dinh");
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
	problist_report(&m->probs, nguon, vi_tri, P_QUYET_DINH, buf_cstr(&detail), id);
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

/* The records with the decision's id get it; *count is their number. */
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
	while (rc == 0 && (step = sqlite3_step(st)) == SQLITE_ROW) {
		size_t i = (size_t)sqlite3_column_int64(st, 0) - 1;
		if (i < s->nrecs)
			s->dec[i] = (unsigned)di + 1;
		decision_problem(m, stage_col(st, 1), stage_col(st, 2), stage_col(st, 3),
				 &m->dec[di]);
		(*count)++;
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
	if (stage_exec(m->stage, "CREATE INDEX recs_id ON recs (id)") != 0)
		return -1;
	size_t *later_line = later_lines(m);
	int rc = 0;
	for (size_t i = 0; i < m->ndec && rc == 0; i++) {
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
		d->applied = 1;
	}
	free(later_line);
	return rc;
}
