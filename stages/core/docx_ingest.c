/* docx_ingest.c - DOCX submissions to records: the letter/list layout (tables
 * read by sheet_extract) and the achievement-report layout (labelled lines
 * and the achievement section), over the text model of docx_text.c. */
#include "buf.h"
#include "docx.h"
#include "ingest.h"
#include "plan.h"
#include "problem.h"
#include "text.h"
#include "util.h"

#include <libxml/parser.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

/* --- small text helpers (on vn_key keys and normalised lines) --- */

static int is_roman(const char *w, size_t n)
{
	static const char *const r[] = {"i",   "ii",   "iii", "iv", "v",  "vi",
					"vii", "viii", "ix",  "x",  "xi", "xii"};
	for (size_t i = 0; i < ARRAY_SIZE(r); i++)
		if (strlen(r[i]) == n && strncasecmp(w, r[i], n) == 0)
			return 1;
	return 0;
}

/* Length of a leading enumerator ("II.", "3)", "a.", "-", "+", "*") with
 * the spaces after it; *roman tells a Roman numeral. */
static size_t enumerator(const char *s, int *roman)
{
	size_t i = 0;
	*roman = 0;
	if (*s == '-' || *s == '+' || *s == '*') {
		i = 1;
	} else {
		while (s[i] && ((s[i] >= 'A' && s[i] <= 'Z') || (s[i] >= 'a' && s[i] <= 'z') ||
				(s[i] >= '0' && s[i] <= '9')))
			i++;
		if (i == 0 || i > 4 || (s[i] != '.' && s[i] != ')'))
			return 0;
		int digits = 1, alpha1 = i == 1 && ((s[0] | 0x20) >= 'a' && (s[0] | 0x20) <= 'h');
		for (size_t k = 0; k < i; k++)
			if (s[k] < '0' || s[k] > '9')
				digits = 0;
		*roman = is_roman(s, i);
		if (!digits && !*roman && !alpha1)
			return 0;
		i++;
	}
	while (s[i] == ' ')
		i++;
	return i;
}

/* --- layout 1: the letter/list --- */

/* A heading paragraph between tables ("I. LĨNH VỰC Y TẾ", "B. CÁ NHÂN"):
 * sets *lv or *loai (replacing them).  Returns 1 when it was one. */
static int section_heading(const char *line, const struct plan *p, char **lv, char **loai)
{
	int roman, hit = 0;
	size_t e = enumerator(line, &roman);
	const char *rest = line + e;
	char *key = vn_key(rest);
	size_t words = vn_word_count(rest);

	if (!*key || words > 24 ||
	    (e == 0 && !words_start(key, "linh vuc") && !words_start(key, "phong trao")))
		goto out;
	if (e && line[0] == '-')
		goto out;
	if (words <= 4 &&
	    (!strcmp(key, "tap the") || !strcmp(key, "ca nhan") || !strcmp(key, "ho gia dinh") ||
	     !strcmp(key, "doi voi tap the") || !strcmp(key, "doi voi ca nhan"))) {
		free(*loai);
		*loai = xstrdup(loai_label(vn_key_contains(key, "tap the")   ? LOAI_TAP_THE
					   : vn_key_contains(key, "ca nhan") ? LOAI_CA_NHAN
									     : LOAI_HO_GIA_DINH));
		hit = 1;
	} else if (vn_key_contains(key, "linh vuc") || vn_key_contains(key, "phong trao") ||
		   (p && e && plan_match_field(p, rest) > 0)) {
		free(*lv);
		*lv = xstrdup(rest);
		hit = 1;
	}
out:
	free(key);
	return hit;
}

static void scan_lines(struct doc_meta *m, const char *text, const struct plan *p)
{
	const char *s = text;
	while (s && *s) {
		const char *nl = strchr(s, '\n');
		size_t n = nl ? (size_t)(nl - s) : strlen(s);
		char *line = xstrndup(s, n);
		doc_meta_scan_line(m, line, p);
		free(line);
		s = nl ? nl + 1 : NULL;
	}
}

static void copy_rows(struct sheet *dst, const struct sheet *src)
{
	for (size_t i = 0; i < src->nrows; i++) {
		const struct sheet_row *sr = &src->rows[i];
		struct sheet_row *r = sheet_add_row(dst, sr->src_row);
		for (size_t j = 0; j < sr->n; j++)
			if (!sr->cells[j].covered)
				sheet_add_cell(r, sr->cells[j].text, sr->cells[j].span,
					       sr->cells[j].vmerged);
	}
}

/* A table without a header row, with as many columns as the last table that
 * had one, continues it (the clerk split the table, or Word did at a page
 * break): its rows are read under that header, with the section rows above
 * them.  grp holds the header table and its continuations so far, of which
 * grp_done records were already taken.  Returns the records added to out. */
static long continue_table(struct sheet *grp, size_t *grp_done, const struct sheet *t,
			   const struct plan *p, struct doc_meta *meta, struct rec_list *out)
{
	struct rec_list tmp = REC_LIST_INIT;
	long added = 0;
	copy_rows(grp, t);
	if (sheet_extract(grp, p, meta, rec_list_collect, &tmp) > 0) {
		size_t pl = grp->label ? strlen(grp->label) : 0;
		for (size_t k = *grp_done; k < tmp.n; k++) {
			struct record *r = &tmp.v[k];
			const char *vt = rec_get(r, R_VI_TRI);
			if (t->label && pl && !strncmp(vt, grp->label, pl))
				rec_take(r, R_VI_TRI, xasprintf("%s%s", t->label, vt + pl));
			rec_list_collect(out, r);
			added++;
		}
		*grp_done = tmp.n;
	}
	rec_list_release(&tmp);
	return added;
}

/* Reads the tables; returns the records found (in *out) and whether any
 * table had a header row (*headers). */
static void layout_list(const struct docx_doc *d, const struct plan *p, struct doc_meta *meta,
			struct rec_list *out, int *headers, unsigned char *used)
{
	char *lv = NULL, *loai = NULL;
	struct sheet grp; /* the last table with a header, and its continuations */
	size_t grp_done = 0;
	int have_grp = 0;

	sheet_init(&grp);
	*headers = 0;
	for (size_t i = 0; i < d->n; i++) {
		const struct docx_block *b = &d->v[i];
		if (b->kind == DOCX_PARA) {
			if (!b->text || !*b->text)
				continue;
			if (!strchr(b->text, '\n') && section_heading(b->text, p, &lv, &loai))
				continue;
			scan_lines(meta, b->text, p);
			continue;
		}
		size_t before = out->n;
		long got = sheet_extract(b->table, p, meta, rec_list_collect, out);
		if (got >= 0) {
			*headers = 1;
			sheet_release(&grp);
			sheet_init(&grp);
			copy_rows(&grp, b->table);
			if (b->table->label)
				grp.label = xstrdup(b->table->label);
			grp_done = (size_t)got;
			have_grp = 1;
		} else if (have_grp && b->table->nrows &&
			   sheet_ncols(b->table) == sheet_ncols(&grp)) {
			got = continue_table(&grp, &grp_done, b->table, p, meta, out);
		}
		if (got > 0)
			used[i] = 1;
		for (size_t k = before; k < out->n; k++) {
			if (lv && !rec_get(&out->v[k], R_LINH_VUC_GOC)[0])
				rec_set(&out->v[k], R_LINH_VUC_GOC, lv);
			if (loai && !rec_get(&out->v[k], R_LOAI_GOC)[0])
				rec_set(&out->v[k], R_LOAI_GOC, loai);
		}
	}
	sheet_release(&grp);
	free(lv);
	free(loai);
}

/* --- layout 2: the achievement report --- */

enum lbl_field {
	L_TEN,
	L_TEN_TAP_THE,
	L_TEN_HO,
	L_NAM_SINH,
	L_GIOI_TINH,
	L_DAN_TOC,
	L_CHUC_VU,
	L_NOI_CONG_TAC,
	L_CHUC_VU_DON_VI,
	L_DIA_CHI,
	L_LINH_VUC,
	L_LOAI,
	L_DON_VI,
};

/* The report labels are cot.csv's nhan_bao_cao, by column key. */
static const struct {
	const char *khoa;
	enum lbl_field f;
} label_keys[] = {
    {"ten", L_TEN},
    {"ten_tap_the", L_TEN_TAP_THE},
    {"ten_chu_ho", L_TEN_HO},
    {"nam_sinh", L_NAM_SINH},
    {"gioi_tinh", L_GIOI_TINH},
    {"dan_toc", L_DAN_TOC},
    {"chuc_vu", L_CHUC_VU},
    {"noi_cong_tac", L_NOI_CONG_TAC},
    {"chuc_vu_noi_cong_tac", L_CHUC_VU_DON_VI},
    {"dia_chi", L_DIA_CHI},
    {"linh_vuc", L_LINH_VUC},
    {"loai", L_LOAI},
    {"don_vi_de_xuat", L_DON_VI},
};

/* The field a report label names, or -1. */
static int label_of(const struct plan *p, const char *label)
{
	const char *khoa = plan_match_label(p, label);
	for (size_t i = 0; khoa && i < ARRAY_SIZE(label_keys); i++)
		if (!strcmp(label_keys[i].khoa, khoa))
			return (int)label_keys[i].f;
	return -1;
}

struct lbl {
	int f;
	size_t start, colon; /* byte offsets in the line */
};

/* Finds "Label: value" pairs in a normalised line (several may share it).
 * Returns their number (at most max); the first must open the line
 * (after an enumerator). */
static size_t find_labels(const struct plan *p, const char *line, struct lbl *v, size_t max)
{
	size_t n = 0, from, len = strlen(line);
	int roman;

	from = enumerator(line, &roman);
	for (size_t c = from; c < len && n < max; c++) {
		if (line[c] != ':')
			continue;
		/* word starts before the colon, nearest first */
		size_t starts[7], ns = 0, i = c;
		while (i > from && line[i - 1] == ' ')
			i--;
		while (i > from && ns < 7) {
			while (i > from && line[i - 1] != ' ')
				i--;
			starts[ns++] = i;
			while (i > from && line[i - 1] == ' ')
				i--;
		}
		int best = -1;
		size_t bstart = 0;
		for (size_t k = 0; k < ns; k++) {
			if (n && starts[k] < v[n - 1].colon + 1)
				break;
			char *l = xstrndup(line + starts[k], c - starts[k]);
			int f = label_of(p, l);
			free(l);
			if (f >= 0)
				best = f, bstart = starts[k];
		}
		if (best < 0) {
			if (n == 0)
				return 0; /* the line does not open with a label */
			continue;
		}
		if (n == 0 && bstart != from)
			return 0;
		v[n].f = best;
		v[n].start = bstart;
		v[n].colon = c;
		n++;
	}
	return n;
}

/* "THÀNH TÍCH ĐẠT ĐƯỢC", "II. THÀNH TÍCH", "Thành tích tiêu biểu:" ...
 * Returns 1 and the text after a colon in *after (or NULL). */
static int achievement_heading(const struct plan *p, const char *line, char **after)
{
	int roman, hit = 0;
	size_t e = enumerator(line, &roman);
	const char *colon = strchr(line + e, ':');
	char *head = colon ? xstrndup(line + e, (size_t)(colon - line - e)) : xstrdup(line + e);
	char *key = vn_key(head);

	*after = NULL;
	if (vn_word_count(head) <= 12 &&
	    vocab_starts(plan_vocab(p), VG_DAU_THANH_TICH, VF_KEY, key))
		hit = 1;
	if (hit && colon) {
		const char *a = colon + 1;
		while (*a == ' ')
			a++;
		if (*a)
			*after = xstrdup(a);
	}
	free(key);
	free(head);
	return hit;
}

static int is_caps_line(const char *s)
{
	char *up = vn_upper(s);
	int caps = strcmp(up, s) == 0;
	int letters = 0;
	for (const char *p = s; *p; p++)
		if ((*p >= 'A' && *p <= 'Z') || (unsigned char)*p >= 0xC0)
			letters++;
	free(up);
	return caps && letters >= 4;
}

/* The end of an achievement section: the next numbered section, a caps
 * heading, the signature block (the vocabulary's dong-ky-ten-bao-cao; a
 * short line opening with one of chuc-danh-ky-ten-bao-cao) or a date line. */
static int ends_achievement(const struct plan *p, const char *line, const char *key)
{
	const struct vocab *voc = plan_vocab(p);
	int roman;
	size_t words = vn_word_count(line);
	char date[11];

	if (enumerator(line, &roman) && roman)
		return 1;
	if (vocab_starts(voc, VG_DONG_KY_BAO_CAO, VF_KEY, key))
		return 1;
	if (words <= 5 && vocab_starts(voc, VG_CHUC_DANH_KY_BAO_CAO, VF_KEY, key))
		return 1;
	/* "..., ngày 15 tháng 11 năm 2026", and the short "Ngày 15/11/2026" or a
	 * bare "15/11/2026" over the signature. */
	if (words <= 12 && vn_key_contains(key, "ngay") &&
	    (vn_key_contains(key, "thang") || words <= 4) && parse_vn_date(line, date))
		return 1;
	if (words <= 2 && parse_vn_date(line, date))
		return 1;
	if (words <= 12 && is_caps_line(line))
		return 1;
	return 0;
}

static int is_report_title(const char *key)
{
	return words_start(key, "bao cao") && vn_key_contains(key, "thanh tich");
}

struct report {
	struct record rec;
	char *dia_chi;
	struct buf tt;
	int in_tt, used;
	size_t para; /* paragraph where it starts */
};

struct reports {
	struct rec_list out;
	struct report cur;
	size_t n; /* reports finished */
};

static void report_reset(struct report *r, size_t para)
{
	rec_clear(&r->rec);
	free(r->dia_chi);
	r->dia_chi = NULL;
	buf_reset(&r->tt);
	r->in_tt = 0;
	r->used = 0;
	r->para = para;
}

static void report_finish(struct reports *rs, size_t next_para)
{
	struct report *r = &rs->cur;
	char *tt = vn_normalize(buf_cstr(&r->tt));

	if (rec_get(&r->rec, R_TEN)[0] || *tt) {
		rec_take(&r->rec, R_THANH_TICH, tt);
		tt = NULL;
		if (!rec_get(&r->rec, R_NOI_CONG_TAC)[0] && r->dia_chi)
			rec_set(&r->rec, R_NOI_CONG_TAC, r->dia_chi);
		char *vt = xasprintf("báo cáo %zu (đoạn %zu)", ++rs->n, r->para);
		rec_take(&r->rec, R_VI_TRI, vt);
		rec_list_collect(&rs->out, &r->rec);
	}
	free(tt);
	report_reset(r, next_para);
}

static void set_if_empty(struct record *r, enum rec_field k, const char *v)
{
	if (v && *v && !rec_get(r, k)[0])
		rec_set(r, k, v);
}

static void apply_label(struct report *r, const struct plan *p, int f, const char *value)
{
	char *v = vn_normalize(value);
	size_t n = strlen(v);
	while (n && strchr(";,.", v[n - 1]))
		v[--n] = '\0';
	r->used = 1;
	switch ((enum lbl_field)f) {
	case L_TEN:
		set_if_empty(&r->rec, R_TEN, v);
		set_if_empty(&r->rec, R_LOAI_GOC, loai_label(LOAI_CA_NHAN));
		break;
	case L_TEN_TAP_THE:
		set_if_empty(&r->rec, R_TEN, v);
		set_if_empty(&r->rec, R_LOAI_GOC, loai_label(LOAI_TAP_THE));
		break;
	case L_TEN_HO:
		set_if_empty(&r->rec, R_TEN, v);
		set_if_empty(&r->rec, R_LOAI_GOC, loai_label(LOAI_HO_GIA_DINH));
		break;
	case L_NAM_SINH:
		set_if_empty(&r->rec, R_NAM_SINH, v);
		break;
	case L_GIOI_TINH:
		set_if_empty(&r->rec, R_GIOI_TINH, v);
		break;
	case L_DAN_TOC:
		set_if_empty(&r->rec, R_DAN_TOC, v);
		break;
	case L_CHUC_VU:
		set_if_empty(&r->rec, R_CHUC_VU, v);
		break;
	case L_NOI_CONG_TAC:
		set_if_empty(&r->rec, R_NOI_CONG_TAC, v);
		break;
	case L_CHUC_VU_DON_VI: {
		char *cv = NULL, *nct = NULL;
		sheet_split_position(v, p, &cv, &nct);
		set_if_empty(&r->rec, R_CHUC_VU, cv);
		set_if_empty(&r->rec, R_NOI_CONG_TAC, nct);
		free(cv);
		free(nct);
		break;
	}
	case L_DIA_CHI:
		if (!r->dia_chi && *v)
			r->dia_chi = xstrdup(v);
		break;
	case L_LINH_VUC:
		set_if_empty(&r->rec, R_LINH_VUC_GOC, v);
		break;
	case L_LOAI:
		set_if_empty(&r->rec, R_LOAI_GOC, v);
		break;
	case L_DON_VI:
		set_if_empty(&r->rec, R_DON_VI_GOC, v);
		break;
	}
	free(v);
}

static int is_name_label(int f)
{
	return f == L_TEN || f == L_TEN_TAP_THE || f == L_TEN_HO;
}

static void report_line(struct reports *rs, struct doc_meta *meta, const struct plan *p,
			const char *raw, size_t para)
{
	struct report *r = &rs->cur;
	char *line = vn_normalize(raw), *key = vn_key(line), *after = NULL;
	struct lbl lb[8];
	size_t nl;

	if (!*key)
		goto out;
	if (is_report_title(key)) {
		if (rec_get(&r->rec, R_TEN)[0] || r->tt.len)
			report_finish(rs, para);
		if (!r->used)
			r->para = para;
		doc_meta_scan_line(meta, line, p);
		goto out;
	}
	nl = find_labels(p, line, lb, ARRAY_SIZE(lb));
	if (r->in_tt) {
		if (nl && is_name_label(lb[0].f) && rec_get(&r->rec, R_TEN)[0]) {
			report_finish(rs, para);
		} else if (ends_achievement(p, line, key)) {
			r->in_tt = 0;
			doc_meta_scan_line(meta, line, p);
			goto out;
		} else {
			if (r->tt.len)
				buf_addc(&r->tt, '\n');
			if (r->tt.len < DOCX_MAX_TEXT)
				buf_adds(&r->tt, line);
			goto out;
		}
	}
	if (achievement_heading(p, line, &after)) {
		r->in_tt = 1;
		if (!r->used)
			r->para = para;
		r->used = 1;
		if (after)
			buf_adds(&r->tt, after);
		goto out;
	}
	if (nl) {
		if (is_name_label(lb[0].f) && rec_get(&r->rec, R_TEN)[0])
			report_finish(rs, para);
		if (!r->used)
			r->para = para;
		for (size_t i = 0; i < nl; i++) {
			size_t end = i + 1 < nl ? lb[i + 1].start : strlen(line);
			char *v = xstrndup(line + lb[i].colon + 1, end - lb[i].colon - 1);
			apply_label(r, p, lb[i].f, v);
			free(v);
		}
		goto out;
	}
	doc_meta_scan_line(meta, line, p);
out:
	free(after);
	free(key);
	free(line);
}

static void report_text(struct reports *rs, struct doc_meta *meta, const struct plan *p,
			const char *text, size_t para)
{
	const char *s = text;
	while (s && *s) {
		const char *nl = strchr(s, '\n');
		size_t n = nl ? (size_t)(nl - s) : strlen(s);
		char *line = xstrndup(s, n);
		report_line(rs, meta, p, line, para);
		free(line);
		s = nl ? nl + 1 : NULL;
	}
}

static void layout_report(const struct docx_doc *d, const struct plan *p, struct doc_meta *meta,
			  struct rec_list *out, const unsigned char *used)
{
	struct reports rs;
	size_t para = 1;

	memset(&rs, 0, sizeof(rs));
	rec_init(&rs.cur.rec);
	buf_init(&rs.cur.tt);
	rs.cur.para = 1;
	for (size_t i = 0; i < d->n; i++) {
		const struct docx_block *b = &d->v[i];
		if (b->kind == DOCX_PARA) {
			para = b->index;
			if (b->text && *b->text)
				report_text(&rs, meta, p, b->text, para);
			continue;
		}
		if (b->nest > 1 || used[i])
			continue;
		/* a table in a report: rows of "label | value", or text */
		for (size_t k = 0; k < b->table->nrows; k++) {
			const struct sheet_row *row = &b->table->rows[k];
			const char *cells[2];
			size_t nc = 0;
			for (size_t j = 0; j < row->n; j++) {
				const struct sheet_cell *c = &row->cells[j];
				if (c->covered || c->vmerged || !c->text || !*c->text)
					continue;
				if (nc < 2)
					cells[nc] = c->text;
				nc++;
			}
			if (nc == 2 && !strchr(cells[0], '\n')) {
				size_t l = strlen(cells[0]);
				char *line =
				    xasprintf("%s%s %s", cells[0],
					      l && cells[0][l - 1] == ':' ? "" : ":", cells[1]);
				char *flat = vn_normalize(line);
				struct lbl lb[1];
				char *after = NULL;
				int is_lbl = find_labels(p, flat, lb, 1) > 0;
				int is_tt = !is_lbl && achievement_heading(p, flat, &after);
				free(after);
				if (is_lbl || is_tt) {
					report_line(&rs, meta, p, flat, para);
					free(flat);
					free(line);
					continue;
				}
				free(flat);
				free(line);
			}
			for (size_t j = 0; j < row->n; j++) {
				const struct sheet_cell *c = &row->cells[j];
				if (!c->covered && !c->vmerged && c->text && *c->text)
					report_text(&rs, meta, p, c->text, para);
			}
		}
	}
	report_finish(&rs, para);
	*out = rs.out;
	rec_release(&rs.cur.rec);
	free(rs.cur.dia_chi);
	buf_release(&rs.cur.tt);
}

/* --- the reader --- */

static pthread_once_t xml_once = PTHREAD_ONCE_INIT;

static void xml_init(void)
{
	xmlInitParser();
}

long docx_ingest(struct ingest_ctx *c, const char *data, size_t len)
{
	struct docx_doc d;
	struct docx_err err;
	long n = 0;

	pthread_once(&xml_once, xml_init);
	docx_doc_init(&d);
	docx_err_init(&err);
	if (docx_load(data, len, &d, &err) < 0) {
		if (err.kind)
			c->dinh_dang = err.kind;
		ingest_problem(c, err.code >= 0 ? err.code : PC_TEP_HONG, err.detail);
	} else {
		c->dinh_dang = "docx";
		n = docx_ingest_doc(c, &d);
	}
	docx_doc_release(&d);
	return n;
}

/* The same nominee: person or collective names equal once normalised
 * (honorifics aside, diacritics kept). */
static int same_name(const struct vocab *voc, const char *a, const char *b)
{
	char *sa = vn_strip_honorific(a, voc), *sb = vn_strip_honorific(b, voc);
	char *ka = vn_ident_key(sa), *kb = vn_ident_key(sb);
	int same = *ka && !strcmp(ka, kb);
	free(sa);
	free(sb);
	free(ka);
	free(kb);
	return same;
}

/* A list with achievement reports after it: a report of a listed nominee
 * completes the list's row (fields the row lacks); a report of anyone else
 * becomes a record of its own (returned in extra). */
static void merge_reports(const struct plan *p, struct rec_list *list, struct rec_list *reps,
			  struct rec_list *extra)
{
	static const enum rec_field fill[] = {R_NAM_SINH, R_GIOI_TINH,	  R_DAN_TOC,
					      R_CHUC_VU,  R_NOI_CONG_TAC, R_LINH_VUC_GOC,
					      R_LOAI_GOC, R_THANH_TICH};
	for (size_t i = 0; i < reps->n; i++) {
		struct record *r = &reps->v[i];
		const char *ten = rec_get(r, R_TEN);
		size_t k;
		if (!ten[0] || !rec_get(r, R_THANH_TICH)[0])
			continue; /* only whole reports count beside a list */
		for (k = 0; k < list->n; k++)
			if (same_name(plan_vocab(p), rec_get(&list->v[k], R_TEN), ten))
				break;
		if (k == list->n) {
			rec_list_collect(extra, r);
			continue;
		}
		for (size_t j = 0; j < ARRAY_SIZE(fill); j++)
			if (!rec_get(&list->v[k], fill[j])[0])
				rec_set(&list->v[k], fill[j], rec_get(r, fill[j]));
	}
}

/* --- layout 3: the proposal letter --- */

/* Longest part of a letter's entry read (bytes); longer ones are not entries. */
#define LETTER_MAX 20000

/* Finds the achievement label of an entry ("; thành tích: ...", ", tóm tắt
 * thành tích: ..."): *head_end gets where the part before it ends, and the
 * offset of the text after the colon is returned; 0 when there is none. */
static size_t letter_label(const struct plan *p, const char *s, size_t *head_end)
{
	size_t from = 0;
	for (size_t c = 0; s[c]; c++) {
		if (s[c] == ',' || s[c] == ';' || s[c] == '.') {
			from = c + 1;
			continue;
		}
		if (s[c] != ':')
			continue;
		char *label = xstrndup(s + from, c - from);
		char *key = vn_key(label);
		int hit = vn_word_count(label) <= 6 &&
			  vocab_starts(plan_vocab(p), VG_DAU_THANH_TICH, VF_KEY, key);
		free(key);
		free(label);
		if (hit) {
			*head_end = from ? from - 1 : 0;
			return c + 1;
		}
		from = c + 1;
	}
	return 0;
}

/* The part after the first n words of s (normalised), or NULL when empty. */
static char *after_words(const char *s, int n)
{
	const char *t = s;
	for (int i = 0; i < n && *t; i++) {
		while (*t && *t != ' ')
			t++;
		while (*t == ' ')
			t++;
	}
	return *t ? vn_normalize(t) : NULL;
}

/* One numbered paragraph of a proposal letter, one nominee: "1. Ông Nông
 * Văn A, sinh năm 1970, dân tộc Tày, Chủ tịch Hội Nông dân xã Lê Lai;
 * thành tích: ...".  The parts before the achievement label, separated by
 * commas, are the name, then in any order "sinh năm ..." (or "năm sinh",
 * "sinh ngày"), "dân tộc ...", "Nam"/"Nữ", "lĩnh vực ..."; the others are
 * the position (when it reads like one) and the workplace.  Returns 1 and
 * fills rec when line is such an entry. */
static int letter_entry(const struct plan *p, const char *line, struct record *rec)
{
	int roman;
	size_t e = enumerator(line, &roman), head_end = 0;
	if (!e || roman || line[0] < '0' || line[0] > '9' || strlen(line) > LETTER_MAX)
		return 0;
	const char *body = line + e;
	size_t tt = letter_label(p, body, &head_end);
	if (!tt)
		return 0;
	char *head = xstrndup(body, head_end);
	char *thanh_tich = vn_normalize(body + tt);
	char *save = NULL;
	int part = 0;
	for (char *w = strtok_r(head, ",;", &save); w; w = strtok_r(NULL, ",;", &save)) {
		char *v = vn_normalize(w), *key = vn_key(v), *x = NULL;
		if (!*v) {
			/* an empty part */
		} else if (part++ == 0) {
			rec_set(rec, R_TEN, v);
		} else if (words_start(key, "sinh nam") || words_start(key, "nam sinh") ||
			   words_start(key, "sinh ngay")) {
			set_if_empty(rec, R_NAM_SINH, v);
		} else if (words_start(key, "dan toc") && (x = after_words(v, 2)) != NULL) {
			set_if_empty(rec, R_DAN_TOC, x);
		} else if (!strcmp(key, "nam") || !strcmp(key, "nu")) {
			set_if_empty(rec, R_GIOI_TINH, v);
		} else if (words_start(key, "linh vuc") || words_start(key, "phong trao")) {
			set_if_empty(rec, R_LINH_VUC_GOC, v);
		} else if (!rec_get(rec, R_CHUC_VU)[0] && !rec_get(rec, R_NOI_CONG_TAC)[0] &&
			   sheet_is_position(v, p)) {
			rec_set(rec, R_CHUC_VU, v);
		} else if (!rec_get(rec, R_NOI_CONG_TAC)[0]) {
			rec_set(rec, R_NOI_CONG_TAC, v);
		} else {
			x = xasprintf("%s, %s", rec_get(rec, R_NOI_CONG_TAC), v);
			rec_set(rec, R_NOI_CONG_TAC, x);
		}
		free(x);
		free(key);
		free(v);
	}
	int ok = rec_get(rec, R_TEN)[0] != '\0';
	if (ok)
		rec_take(rec, R_THANH_TICH, thanh_tich);
	else
		free(thanh_tich);
	free(head);
	return ok;
}

/* A letter with no table ("Tờ trình", "Công văn đề nghị"): every numbered
 * paragraph that is an entry (letter_entry) is a record; the other lines
 * feed the document's metadata. */
static void layout_letter(const struct docx_doc *d, const struct plan *p, struct doc_meta *meta,
			  struct rec_list *out)
{
	for (size_t i = 0; i < d->n; i++) {
		const struct docx_block *b = &d->v[i];
		if (b->kind == DOCX_TABLE && b->nest <= 1) {
			/* the header block and the signature block */
			for (size_t k = 0; k < b->table->nrows; k++)
				for (size_t j = 0; j < b->table->rows[k].n; j++) {
					const struct sheet_cell *c = &b->table->rows[k].cells[j];
					if (!c->covered && !c->vmerged && c->text)
						scan_lines(meta, c->text, p);
				}
			continue;
		}
		if (b->kind != DOCX_PARA || !b->text)
			continue;
		const char *s = b->text;
		while (*s) {
			size_t n = strcspn(s, "\n");
			char *raw = xstrndup(s, n);
			char *line = vn_normalize(raw);
			struct record rec;
			rec_init(&rec);
			if (letter_entry(p, line, &rec)) {
				size_t num = strspn(line, "0123456789");
				rec_take(
				    &rec, R_VI_TRI,
				    xasprintf("mục %.*s (đoạn %zu)", (int)num, line, b->index));
				rec_list_collect(out, &rec);
			} else {
				doc_meta_scan_line(meta, line, p);
			}
			rec_release(&rec);
			free(line);
			free(raw);
			s += n;
			if (*s)
				s++;
		}
	}
}

long docx_ingest_doc(struct ingest_ctx *c, const struct docx_doc *d)
{
	struct doc_meta meta, rmeta;
	struct rec_list recs = REC_LIST_INIT, reps = REC_LIST_INIT, extra = REC_LIST_INIT,
			letters = REC_LIST_INIT;
	unsigned char *used = xcalloc(d->n ? d->n : 1, 1);
	int headers = 0;
	long n = 0;

	doc_meta_init(&meta);
	doc_meta_init(&rmeta);
	if (d->legacy != FONT_UNICODE)
		c->ma_cu = d->legacy == FONT_VNI ? "VNI" : "TCVN3";
	layout_list(d, c->plan, &meta, &recs, &headers, used);
	if (recs.n) {
		layout_report(d, c->plan, &rmeta, &reps, used);
		merge_reports(c->plan, &recs, &reps, &extra);
	} else {
		doc_meta_release(&meta);
		doc_meta_init(&meta);
		layout_report(d, c->plan, &meta, &extra, used);
		if (!extra.n) {
			doc_meta_release(&meta);
			doc_meta_init(&meta);
			layout_letter(d, c->plan, &meta, &letters);
		}
	}
	ingest_set_meta(c, &meta);
	if (!recs.n && !extra.n && !letters.n) {
		ingest_problem(c, PC_TEP_RONG,
			       headers
				   ? "bảng có dòng tiêu đề nhưng không có dòng nào ghi tên hoặc "
				     "thành tích"
				   : "không thấy bảng danh sách (cần dòng tiêu đề cột như \"Họ "
				     "và tên\", \"Tóm tắt thành tích\") hay báo cáo thành tích "
				     "(cần dòng \"Họ và tên:\" và mục \"THÀNH TÍCH ĐẠT ĐƯỢC\")");
		goto out;
	}
	for (size_t i = 0; i < recs.n; i++) {
		if (ingest_emit(c, &recs.v[i], &meta, "danh_sach") != 0)
			goto out;
		n++;
	}
	for (size_t i = 0; i < extra.n; i++) {
		if (ingest_emit(c, &extra.v[i], &meta, "bao_cao") != 0)
			goto out;
		n++;
	}
	for (size_t i = 0; i < letters.n; i++) {
		if (ingest_emit(c, &letters.v[i], &meta, "to_trinh") != 0)
			goto out;
		n++;
	}
out:
	rec_list_release(&recs);
	rec_list_release(&reps);
	rec_list_release(&extra);
	rec_list_release(&letters);
	doc_meta_release(&meta);
	doc_meta_release(&rmeta);
	free(used);
	return n;
}
