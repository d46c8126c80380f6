/* sheet.c - the one interpretation of nomination tables: header matching,
 * two-row headers, section rows, footer rows, cells to record fields. */
#include "sheet.h"
#include "buf.h"
#include "plan.h"
#include "text.h"
#include "util.h"

#include <ctype.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* ---- the grid ---- */

void sheet_init(struct sheet *s)
{
	memset(s, 0, sizeof *s);
}

void sheet_release(struct sheet *s)
{
	for (size_t i = 0; i < s->nrows; i++) {
		struct sheet_row *r = &s->rows[i];
		for (size_t j = 0; j < r->n; j++)
			free(r->cells[j].text);
		free(r->cells);
	}
	free(s->rows);
	free(s->label);
	sheet_init(s);
}

struct sheet_row *sheet_add_row(struct sheet *s, size_t src_row)
{
	XGROW(s->rows, s->cap, s->nrows + 1);
	struct sheet_row *r = &s->rows[s->nrows++];
	memset(r, 0, sizeof *r);
	r->src_row = src_row;
	return r;
}

static void push_cell(struct sheet_row *r, char *text, unsigned span, int covered, int vmerged)
{
	XGROW(r->cells, r->cap, r->n + 1);
	struct sheet_cell *c = &r->cells[r->n++];
	c->text = text;
	c->span = span;
	c->covered = (unsigned char)covered;
	c->vmerged = (unsigned char)(vmerged != 0);
}

void sheet_add_cell(struct sheet_row *r, const char *text, unsigned span, int vmerged)
{
	sheet_take_cell(r, text && *text && r->n < SHEET_MAX_COLS ? xstrdup(text) : NULL, span,
			vmerged);
}

void sheet_take_cell(struct sheet_row *r, char *text, unsigned span, int vmerged)
{
	if (text && !*text) {
		free(text);
		text = NULL;
	}
	if (span < 1)
		span = 1;
	if (r->n >= SHEET_MAX_COLS) {
		free(text);
		return;
	}
	if (span > SHEET_MAX_COLS - r->n)
		span = (unsigned)(SHEET_MAX_COLS - r->n);
	push_cell(r, text, span, 0, vmerged);
	for (unsigned i = 1; i < span; i++)
		push_cell(r, NULL, 1, 1, vmerged);
}

size_t sheet_ncols(const struct sheet *s)
{
	size_t n = 0;
	for (size_t i = 0; i < s->nrows; i++)
		if (s->rows[i].n > n)
			n = s->rows[i].n;
	return n;
}

/* ---- column kinds ---- */

enum kind {
	K_NONE,
	K_TEN,
	K_NAM_SINH,
	K_GIOI_TINH,
	K_NAM, /* "Nam" sub-column: the year (or a mark) of a man */
	K_NU,  /* "Nữ" sub-column */
	K_DAN_TOC,
	K_CHUC_VU,
	K_NOI_CONG_TAC,
	K_CV_NCT,  /* combined "Chức vụ, đơn vị công tác" */
	K_DIA_CHI, /* home town, residence: the workplace when there is none */
	K_LINH_VUC,
	K_LOAI,
	K_THANH_TICH,
	K_DON_VI,
	K_NGAY_GUI,
	K_GHI_CHU,
	K_STT,
	K_IGNORE,
	K_N
};

static const struct {
	const char *key;
	enum kind kind;
} kind_keys[] = {
    {"ten", K_TEN},
    {"nam_sinh", K_NAM_SINH},
    {"gioi_tinh", K_GIOI_TINH},
    {"nam", K_NAM},
    {"nu", K_NU},
    {"dan_toc", K_DAN_TOC},
    {"chuc_vu", K_CHUC_VU},
    {"noi_cong_tac", K_NOI_CONG_TAC},
    {"chuc_vu_noi_cong_tac", K_CV_NCT},
    {"dia_chi", K_DIA_CHI},
    {"linh_vuc", K_LINH_VUC},
    {"loai", K_LOAI},
    {"thanh_tich", K_THANH_TICH},
    {"don_vi_de_xuat", K_DON_VI},
    {"ngay_gui", K_NGAY_GUI},
    {"ghi_chu", K_GHI_CHU},
    {"stt", K_STT},
    {"bo_qua", K_IGNORE},
};

static int is_blank(const char *s)
{
	if (!s)
		return 1;
	for (; *s; s++)
		if (!isspace((unsigned char)*s))
			return 0;
	return 1;
}

static enum kind kind_of_key(const char *key)
{
	if (!key)
		return K_NONE;
	for (size_t i = 0; i < ARRAY_SIZE(kind_keys); i++)
		if (strcmp(kind_keys[i].key, key) == 0)
			return kind_keys[i].kind;
	return K_IGNORE;
}

/* The column a header cell names: the whole text, then without its
 * parenthesised parts, then its first line. */
static enum kind match_header(const struct plan *p, const char *text)
{
	if (is_blank(text) || strlen(text) > 200)
		return K_NONE;
	enum kind k = kind_of_key(plan_match_column(p, text));
	if (k != K_NONE)
		return k;
	if (strchr(text, '(')) {
		struct buf b = BUF_INIT;
		int depth = 0;
		for (const char *s = text; *s; s++) {
			if (*s == '(')
				depth++;
			else if (*s == ')' && depth > 0)
				depth--;
			else if (!depth)
				buf_addc(&b, *s);
		}
		if (!is_blank(buf_cstr(&b)))
			k = kind_of_key(plan_match_column(p, buf_cstr(&b)));
		buf_release(&b);
		if (k != K_NONE)
			return k;
	}
	/* The first line, then the part before a '/', ',' or ';' ("Năm sinh/
	 * Giới tính", "Dân tộc, tôn giáo"). */
	const char *cut = "\n";
	for (int pass = 0; pass < 2 && k == K_NONE; pass++, cut = "\n/,;") {
		size_t len = strcspn(text, cut);
		if (!text[len])
			continue;
		char *first = xstrndup(text, len);
		if (!is_blank(first))
			k = kind_of_key(plan_match_column(p, first));
		free(first);
	}
	return k;
}

static const char *cell_text(const struct sheet_row *r, size_t j)
{
	if (j >= r->n || r->cells[j].covered || is_blank(r->cells[j].text))
		return NULL;
	return r->cells[j].text;
}

/* Distinct column kinds that the cells of r name, and whether one of them is
 * a real field (not STT, Nam/Nữ, a note or ignored). */
static int header_score(const struct plan *p, const struct sheet_row *r, int *major)
{
	unsigned seen = 0;
	int n = 0;
	*major = 0;
	for (size_t j = 0; j < r->n; j++) {
		const char *t = cell_text(r, j);
		if (!t)
			continue;
		enum kind k = match_header(p, t);
		if (k == K_NONE || (seen & (1u << k)))
			continue;
		seen |= 1u << k;
		n++;
		if (k != K_STT && k != K_NAM && k != K_NU && k != K_GHI_CHU && k != K_IGNORE)
			*major = 1;
	}
	return n;
}

/* "(1)", "1", "(12)", "(A)": a column-numbering cell. */
static int is_number_cell(const char *s)
{
	while (isspace((unsigned char)*s))
		s++;
	int paren = *s == '(';
	if (paren)
		s++;
	int digits = 0, letters = 0;
	while (isdigit((unsigned char)*s))
		s++, digits++;
	if (!digits && paren && isalpha((unsigned char)*s))
		s++, letters++;
	if (digits > 3 || (!digits && !letters))
		return 0;
	if (paren) {
		if (*s != ')')
			return 0;
		s++;
	} else if (*s == '.') {
		s++;
	}
	while (isspace((unsigned char)*s))
		s++;
	return *s == '\0';
}

static int is_numbering_row(const struct sheet_row *r)
{
	int n = 0;
	for (size_t j = 0; j < r->n; j++) {
		const char *t = cell_text(r, j);
		if (!t)
			continue;
		if (!is_number_cell(t))
			return 0;
		n++;
	}
	return n >= 2;
}

/* ---- footers and sections ---- */

enum footer { F_NONE, F_TOTAL, F_SIGN };

/* A total row, a signature row or, alone on its row (name_empty), a signing
 * title in capitals: the vocabulary's dong-tong, dong-tong-ngan,
 * dong-ky-ten-bang and chuc-danh-ky-ten. */
static enum footer classify_footer(const struct vocab *voc, const char *text, int name_empty)
{
	enum footer f = F_NONE;
	char *norm = vn_normalize(text);
	char *low = vn_lower(norm);
	char *key = vn_key(norm);
	int ascii = 1;
	for (const char *p = norm; *p && ascii; p++)
		ascii = (unsigned char)*p < 0x80;
	text = norm;
	const char *l = low;
	while (*l == ' ' || *l == '*' || *l == '-')
		l++;
	/* With diacritics ("Tổng cộng", not "Tổng công ty"); without them only
	 * in text typed without any. */
	for (size_t i = 0; i < vocab_count(voc, VG_DONG_TONG) && f == F_NONE; i++)
		if (str_starts_with(l, vocab_phrase(voc, VG_DONG_TONG, i, VF_LOWER)))
			f = F_TOTAL;
	if (f == F_NONE && ascii && vocab_starts(voc, VG_DONG_TONG, VF_KEY, key))
		f = F_TOTAL;
	for (size_t i = 0; i < vocab_count(voc, VG_DONG_TONG_NGAN) && f == F_NONE; i++) {
		const char *bare = vocab_phrase(voc, VG_DONG_TONG_NGAN, i, VF_LOWER);
		size_t n = strlen(bare);
		if (!n || strncmp(l, bare, n) != 0)
			continue;
		const char *rest = l + n;
		while (*rest == ' ')
			rest++;
		if (l[n] == '\0' || l[n] == ':' || isdigit((unsigned char)*rest))
			f = F_TOTAL;
	}
	if (f == F_NONE && (str_starts_with(l, "ghi chú:") || strcmp(key, "ghi chu") == 0 ||
			    str_starts_with(l, "ghi chu:")))
		f = F_SIGN;
	for (size_t i = 0; i < vocab_count(voc, VG_DONG_KY_BANG) && f == F_NONE; i++) {
		const char *sign = vocab_phrase(voc, VG_DONG_KY_BANG, i, VF_KEY);
		if (!words_start(key, sign))
			continue;
		/* "TM." and "KT." are written in capitals, with a dot or a space. */
		if (strlen(sign) <= 3 &&
		    !(str_starts_with(text, "TM") || str_starts_with(text, "KT") ||
		      str_starts_with(text, "T/M") || str_starts_with(text, "K/T")))
			continue;
		f = F_SIGN;
	}
	if (f == F_NONE && name_empty) {
		/* A signing title alone on its row, in capitals. */
		char *up = vn_upper(text);
		int caps = strcmp(up, text) == 0;
		free(up);
		if (caps && vocab_starts(voc, VG_CHUC_DANH_KY, VF_KEY, key) &&
		    vn_word_count(text) <= 8)
			f = F_SIGN;
	}
	free(low);
	free(key);
	free(norm);
	return f;
}

/* Length of a leading enumerator ("I. ", "A) ", "1. ", "II- "), or 0. */
static size_t enumerator_len(const char *s)
{
	size_t i = 0;
	while (s[i] && strchr("IVXivx", s[i]) && i < 6)
		i++;
	if (i == 0) {
		while (isdigit((unsigned char)s[i]) && i < 3)
			i++;
		if (i == 0 && isalpha((unsigned char)s[0]))
			i = 1;
	}
	if (i == 0 || !(s[i] == '.' || s[i] == ')' || s[i] == '-' || s[i] == ':'))
		return 0;
	i++;
	if (s[i] != ' ' && s[i] != '\0')
		return 0;
	while (s[i] == ' ')
		i++;
	return i;
}

/* "I", "II", "A", "b": an STT cell of a section row. */
static int is_section_mark(const char *s)
{
	if (!s)
		return 0;
	char *k = vn_key(s);
	int ok = 0;
	size_t n = strlen(k);
	if (n == 1 && isalpha((unsigned char)k[0]))
		ok = 1;
	else if (n > 0 && n <= 5 && strspn(k, "ivx") == n)
		ok = 1;
	free(k);
	return ok;
}

static int has_type_word(const char *key)
{
	return vn_key_contains(key, "tap the") || vn_key_contains(key, "ca nhan") ||
	       vn_key_contains(key, "ho gia dinh");
}

/* "Tập thể", "CÁ NHÂN TIÊU BIỂU", "Đối với hộ gia đình": a heading that is
 * only a subject type. */
static int is_type_heading(const char *key)
{
	static const char *const lead[] = {"doi voi ", "cac ", "khoi "};
	for (size_t i = 0; i < ARRAY_SIZE(lead); i++)
		if (str_starts_with(key, lead[i]))
			key += strlen(lead[i]);
	static const char *const types[] = {"tap the", "ca nhan", "ho gia dinh"};
	for (size_t i = 0; i < ARRAY_SIZE(types); i++) {
		size_t n = strlen(types[i]);
		if (strncmp(key, types[i], n) != 0)
			continue;
		const char *rest = key + n;
		if (*rest == '\0' || strcmp(rest, " tieu bieu") == 0 ||
		    strcmp(rest, " dien hinh") == 0 || strcmp(rest, " xuat sac") == 0)
			return 1;
	}
	return 0;
}

/* ---- combined position/workplace cells ---- */

/* The vocabulary's dau-chuc-vu (with diacritics) and dau-chuc-vu-khong-dau
 * (the unambiguous heads, also without them). */
static int looks_like_position(const struct vocab *voc, const char *left)
{
	if (is_blank(left) || vn_word_count(left) > 8)
		return 0;
	char *low = vn_lower(left);
	char *fixed = vn_normalize(low);
	int ok = 0;
	ok = vocab_starts(voc, VG_DAU_CHUC_VU, VF_LOWER, fixed) != 0;
	if (!ok) {
		/* Without diacritics only the unambiguous heads count. */
		char *key = vn_key(left);
		ok = vocab_starts(voc, VG_DAU_CHUC_VU_KD, VF_KEY, key) != 0;
		free(key);
	}
	free(fixed);
	free(low);
	return ok;
}

int sheet_is_position(const char *s, const struct plan *p)
{
	/* its first words: a position may go on with a long body's name */
	char *head = xstrdup(s ? s : "");
	int words = 0;
	for (char *c = head; *c; c++)
		if (*c == ' ' && ++words == 6) {
			*c = '\0';
			break;
		}
	int is = looks_like_position(plan_vocab(p), head);
	free(head);
	return is;
}

void sheet_split_position(const char *s, const struct plan *p, char **chuc_vu, char **noi_cong_tac)
{
	*chuc_vu = NULL;
	*noi_cong_tac = NULL;
	char *norm = vn_normalize(s ? s : "");
	char *comma = strchr(norm, ',');
	if (comma) {
		char *left = xstrndup(norm, (size_t)(comma - norm));
		if (looks_like_position(plan_vocab(p), left)) {
			*chuc_vu = vn_normalize(left);
			*noi_cong_tac = vn_normalize(comma + 1);
		}
		free(left);
	}
	if (!*chuc_vu) {
		*noi_cong_tac = norm;
		norm = NULL;
	}
	if (*chuc_vu && !**chuc_vu) {
		free(*chuc_vu);
		*chuc_vu = NULL;
	}
	if (*noi_cong_tac && !**noi_cong_tac) {
		free(*noi_cong_tac);
		*noi_cong_tac = NULL;
	}
	free(norm);
}

/* ---- extraction ---- */

struct extract {
	const struct sheet *s;
	const struct plan *p;
	struct doc_meta *meta;
	size_t ncols;
	enum kind *kinds;   /* per grid column */
	char **carry;	    /* per column: text of the last cell, for vertical merges */
	char *linh_vuc_goc; /* from the last field section row */
	char *loai_goc;	    /* from the last type section row */
	int don_vi_lone;    /* the unit column is headed just "Đơn vị" */
};

static void scan_meta_row(struct extract *x, const struct sheet_row *r)
{
	for (size_t j = 0; j < r->n; j++) {
		const char *t = cell_text(r, j);
		if (!t)
			continue;
		const char *line = t;
		while (*line) {
			const char *nl = strchr(line, '\n');
			size_t len = nl ? (size_t)(nl - line) : strlen(line);
			char *one = xstrndup(line, len);
			if (!is_blank(one))
				doc_meta_scan_line(x->meta, one, x->p);
			free(one);
			line += len;
			if (*line)
				line++;
		}
	}
}

/* A place-and-date line under the table ("Đức Long, ngày 15 tháng 11 năm 2026"). */
static size_t text_cells(const struct sheet_row *r)
{
	size_t n = 0;
	for (size_t j = 0; j < r->n; j++)
		n += cell_text(r, j) != NULL;
	return n;
}

static int scan_date_row(struct extract *x, const struct sheet_row *r)
{
	int found = 0;
	for (size_t j = 0; j < r->n; j++) {
		const char *t = cell_text(r, j);
		char d[11];
		if (!t)
			continue;
		char *key = vn_key(t);
		if (vn_key_contains(key, "ngay") && parse_vn_date(t, d)) {
			found = 1;
			if (!x->meta->ngay_vb)
				x->meta->ngay_vb = xstrdup(d);
		}
		free(key);
	}
	return found;
}

/* Group heads of a header row: a covered cell belongs to the spanning cell
 * on its left; an empty, still unnamed cell after a named one may belong to
 * it too (CSV has no spans).  parent[j] = head column or SIZE_MAX. */
static void header_groups(const struct extract *x, const struct sheet_row *hr, size_t *parent)
{
	size_t last_named = SIZE_MAX;
	for (size_t j = 0; j < x->ncols; j++) {
		parent[j] = SIZE_MAX;
		if (j < hr->n && hr->cells[j].covered) {
			parent[j] = last_named;
		} else if (cell_text(hr, j)) {
			last_named = j;
		} else if (x->kinds[j] == K_NONE) {
			parent[j] = last_named;
		} else {
			last_named = SIZE_MAX;
		}
	}
}

/* Is r a row of sub-column names under the header row hr? */
static int is_subheader(const struct extract *x, const struct sheet_row *hr,
			const struct sheet_row *r, const size_t *parent)
{
	int any = 0;
	for (size_t j = 0; j < r->n && j < x->ncols; j++) {
		const char *t = cell_text(r, j);
		if (!t)
			continue;
		any = 1;
		if (match_header(x->p, t) != K_NONE)
			continue;
		/* Free sub-names only under a group. */
		int head = cell_text(hr, j) && j + 1 < x->ncols && parent[j + 1] == j;
		if (!(parent[j] != SIZE_MAX || head) || vn_word_count(t) > 5 ||
		    strpbrk(t, "0123456789"))
			return 0;
	}
	return any && !is_numbering_row(r);
}

/* Sets the column kinds from the header row h and the rows of sub-column
 * names under it ("Năm sinh" over "Nam" | "Nữ").  Returns the index of the
 * first data row. */
static size_t map_header(struct extract *x, size_t h)
{
	const struct sheet_row *hr = &x->s->rows[h];
	size_t n = x->ncols;
	size_t *parent = xcalloc(n ? n : 1, sizeof *parent);
	size_t last_named = SIZE_MAX;
	for (size_t j = 0; j < n; j++) {
		const struct sheet_cell *c = j < hr->n ? &hr->cells[j] : NULL;
		const char *t = cell_text(hr, j);
		if (c && c->covered) {
			x->kinds[j] = last_named != SIZE_MAX ? x->kinds[last_named] : K_NONE;
			continue;
		}
		x->kinds[j] = K_NONE;
		if (t) {
			x->kinds[j] = match_header(x->p, t);
			last_named = j;
			if (x->kinds[j] == K_DON_VI) {
				char *k = vn_key(t);
				x->don_vi_lone = strcmp(k, "don vi") == 0;
				free(k);
			}
		} else if (h > 0) {
			/* A vertical merge from a header row above. */
			const char *up = cell_text(&x->s->rows[h - 1], j);
			if (up)
				x->kinds[j] = match_header(x->p, up);
		}
	}
	size_t start = h + 1;
	for (int depth = 0; depth < 3 && start < x->s->nrows; depth++) {
		const struct sheet_row *sr = &x->s->rows[start];
		header_groups(x, hr, parent);
		if (!is_subheader(x, hr, sr, parent))
			break;
		for (size_t j = 0; j < sr->n && j < n; j++) {
			const char *t = cell_text(sr, j);
			if (!t)
				continue;
			enum kind sk = match_header(x->p, t);
			enum kind pk = x->kinds[j];
			if (pk == K_NONE && parent[j] != SIZE_MAX)
				pk = x->kinds[parent[j]];
			x->kinds[j] = sk != K_NONE ? sk : pk;
		}
		hr = sr;
		start++;
	}
	free(parent);
	return start;
}

static void append_val(char **slot, const char *v)
{
	if (!*slot) {
		*slot = xstrdup(v);
		return;
	}
	char *j = xasprintf("%s; %s", *slot, v);
	free(*slot);
	*slot = j;
}

/* Sets field k to v (malloc'd or NULL, taken) when k is still empty. */
static void take_if_empty(struct record *rec, enum rec_field k, char *v)
{
	if (v && !rec_get(rec, k)[0])
		rec_take(rec, k, v);
	else
		free(v);
}

/* A name cell holding the name and, on the lines after it, the position
 * ("Lục Văn Pẻng" / "Trưởng xóm Nà Ngần"; "Hoàng Thị Lan" / "Giáo viên,
 * Trường TH Kim Đồng"): the first line is the name and the rest the
 * position (and the workplace after a comma) when it reads like one (the
 * vocabulary's dau-chuc-vu).  Columns of their own win. */
static void split_name_lines(const struct extract *x, struct record *rec, const char *cell)
{
	const char *nl = strchr(cell, '\n');
	if (!nl)
		return;
	char *first = xstrndup(cell, (size_t)(nl - cell));
	char *rest = vn_normalize(nl + 1);
	char *cv = NULL, *nct = NULL;
	if (!is_blank(first) && *rest) {
		sheet_split_position(rest, x->p, &cv, &nct);
		if (!cv && looks_like_position(plan_vocab(x->p), rest)) {
			cv = nct;
			nct = NULL;
		}
	}
	if (cv) {
		rec_take(rec, R_TEN, vn_normalize(first));
		take_if_empty(rec, R_CHUC_VU, cv);
		take_if_empty(rec, R_NOI_CONG_TAC, nct);
	} else {
		free(nct);
	}
	free(rest);
	free(first);
}

/* A lone "Đơn vị" column in a list whose sender the document names (a
 * registry unit) holds the nominee's workplace, not the nominating unit,
 * unless the value itself names a registry unit. */
static int is_workplace_column(const struct extract *x, const char *value)
{
	if (!x->don_vi_lone || !x->meta || !x->meta->don_vi_goc)
		return 0;
	return plan_match_unit(x->p, x->meta->don_vi_goc) != NULL &&
	       plan_match_unit(x->p, value) == NULL;
}

/* Turns one data row into a record; returns 1 when it is one. */
static int build_record(struct extract *x, const struct sheet_row *r, struct record *rec)
{
	char *val[K_N] = {0};
	const char *nam = NULL, *nu = NULL;
	size_t last = x->ncols;
	while (last > 0 && x->kinds[last - 1] == K_NONE)
		last--;
	for (size_t j = 0; j < r->n && j < x->ncols; j++) {
		const struct sheet_cell *c = &r->cells[j];
		if (c->covered)
			continue;
		const char *t = cell_text(r, j);
		if (!t && c->vmerged)
			t = x->carry[j];
		if (!c->vmerged) {
			free(x->carry[j]);
			x->carry[j] = t ? xstrdup(t) : NULL;
		}
		if (!t)
			continue;
		enum kind k = x->kinds[j];
		/* Cells past the last named column: a delimiter inside an unquoted
		 * CSV field split the last column's text. */
		if (j >= last && last > 0)
			k = x->kinds[last - 1];
		if (k == K_NAM)
			nam = t;
		else if (k == K_NU)
			nu = t;
		else if (k != K_NONE && k != K_STT && k != K_IGNORE)
			append_val(&val[k], t);
	}
	int ok = !is_blank(val[K_TEN]) || !is_blank(val[K_THANH_TICH]);
	if (!ok)
		goto out;
	static const struct {
		enum kind k;
		enum rec_field f;
	} plain[] = {
	    {K_TEN, R_TEN},
	    {K_NAM_SINH, R_NAM_SINH},
	    {K_GIOI_TINH, R_GIOI_TINH},
	    {K_DAN_TOC, R_DAN_TOC},
	    {K_CHUC_VU, R_CHUC_VU},
	    {K_NOI_CONG_TAC, R_NOI_CONG_TAC},
	    {K_LINH_VUC, R_LINH_VUC_GOC},
	    {K_LOAI, R_LOAI_GOC},
	    {K_THANH_TICH, R_THANH_TICH},
	    {K_DON_VI, R_DON_VI_GOC},
	    {K_GHI_CHU, R_GHI_CHU},
	};
	for (size_t i = 0; i < ARRAY_SIZE(plain); i++)
		if (val[plain[i].k])
			rec_take(rec, plain[i].f, vn_normalize(val[plain[i].k]));
	if (val[K_DON_VI] && is_workplace_column(x, val[K_DON_VI])) {
		if (!rec_get(rec, R_NOI_CONG_TAC)[0])
			rec_set(rec, R_NOI_CONG_TAC, rec_get(rec, R_DON_VI_GOC));
		rec_set(rec, R_DON_VI_GOC, NULL);
	}
	if (val[K_CV_NCT]) {
		char *cv, *nct;
		sheet_split_position(val[K_CV_NCT], x->p, &cv, &nct);
		take_if_empty(rec, R_CHUC_VU, cv);
		take_if_empty(rec, R_NOI_CONG_TAC, nct);
	}
	if (val[K_TEN])
		split_name_lines(x, rec, val[K_TEN]);
	/* A home town or residence column ("Quê quán", "Nơi ở") stands in for
	 * the workplace only when no workplace column gave one. */
	if (val[K_DIA_CHI] && !rec_get(rec, R_NOI_CONG_TAC)[0])
		rec_take(rec, R_NOI_CONG_TAC, vn_normalize(val[K_DIA_CHI]));
	/* Year under the person's gender. */
	const char *g[2] = {nam, nu};
	static const char *const gname[2] = {"Nam", "Nữ"};
	for (int i = 0; i < 2; i++) {
		if (!g[i] || (g[1 - i] && !strpbrk(g[i], "0123456789")))
			continue;
		if (!rec_get(rec, R_GIOI_TINH)[0])
			rec_set(rec, R_GIOI_TINH, gname[i]);
		if (strpbrk(g[i], "0123456789") && !rec_get(rec, R_NAM_SINH)[0])
			rec_take(rec, R_NAM_SINH, vn_normalize(g[i]));
	}
	if (val[K_NGAY_GUI]) {
		char d[11];
		if (parse_vn_date(val[K_NGAY_GUI], d))
			rec_set(rec, R_NGAY_VB, d);
	}
	if (!rec_get(rec, R_LINH_VUC_GOC)[0] && x->linh_vuc_goc)
		rec_set(rec, R_LINH_VUC_GOC, x->linh_vuc_goc);
	if (!rec_get(rec, R_LOAI_GOC)[0] && x->loai_goc)
		rec_set(rec, R_LOAI_GOC, x->loai_goc);
	if (x->s->label)
		rec_take(rec, R_VI_TRI, xasprintf("%s, dòng %zu", x->s->label, r->src_row));
	else
		rec_take(rec, R_VI_TRI, xasprintf("dòng %zu", r->src_row));
out:
	for (int i = 0; i < K_N; i++)
		free(val[i]);
	return ok;
}

/* A continuation row: the previous record's summary goes on in the next
 * row, with the name, STT and every other cell empty (a clerk pressed Enter
 * past the cell, or Excel split a long text).  Its text is the summary and
 * note cells only; returns 1 when r is one. */
static int is_continuation(struct extract *x, const struct sheet_row *r)
{
	size_t last = x->ncols;
	while (last > 0 && x->kinds[last - 1] == K_NONE)
		last--;
	int summary = 0;
	for (size_t j = 0; j < r->n; j++) {
		const struct sheet_cell *c = &r->cells[j];
		enum kind k = j < x->ncols ? x->kinds[j] : K_NONE;
		if (j >= last && last > 0)
			k = x->kinds[last - 1];
		if (k == K_TEN && c->vmerged)
			return 0; /* the name merged down: a row of the same nominee */
		const char *t = cell_text(r, j);
		if (!t)
			continue;
		if (k == K_THANH_TICH)
			summary = 1;
		else if (k != K_GHI_CHU)
			return 0;
	}
	return summary;
}

/* Appends the summary and note of continuation row r to rec. */
static void append_continuation(struct extract *x, const struct sheet_row *r, struct record *rec)
{
	size_t last = x->ncols;
	while (last > 0 && x->kinds[last - 1] == K_NONE)
		last--;
	for (size_t j = 0; j < r->n; j++) {
		const char *t = cell_text(r, j);
		if (!t)
			continue;
		enum kind k = j < x->ncols ? x->kinds[j] : K_NONE;
		if (j >= last && last > 0)
			k = x->kinds[last - 1];
		enum rec_field f = k == K_THANH_TICH ? R_THANH_TICH : R_GHI_CHU;
		char *v = vn_normalize(t);
		const char *old = rec_get(rec, f);
		if (*v)
			rec_take(rec, f, *old ? xasprintf("%s %s", old, v) : xstrdup(v));
		free(v);
	}
}

/* Is r a section row?  Then records what it sets and returns 1. */
static int take_section(struct extract *x, const struct sheet_row *r)
{
	const char *only = NULL, *stt = NULL;
	size_t at = 0;
	int count = 0;
	for (size_t j = 0; j < r->n && j < x->ncols; j++) {
		const char *t = cell_text(r, j);
		if (!t)
			continue;
		if (x->kinds[j] == K_STT && !stt && count == 0) {
			stt = t;
			continue;
		}
		only = t;
		at = j;
		count++;
	}
	size_t stt_col = 0;
	for (size_t j = 0; j < r->n && j < x->ncols && stt; j++)
		if (cell_text(r, j) == stt)
			stt_col = j;
	if (count == 0 && stt) {
		/* "I. LĨNH VỰC Y TẾ" written in the STT column itself. */
		only = stt;
		at = stt_col;
		stt = NULL;
		count = 1;
		if (is_number_cell(only))
			return 0;
	}
	if (count != 1)
		return 0;
	/* A name alone in the name column is a record without a summary unless
	 * it reads like a heading. */
	if (x->kinds[at] == K_THANH_TICH && r->cells[at].span < 2)
		return 0;
	char *norm = vn_normalize(only);
	size_t e = enumerator_len(norm);
	const char *body = norm + e;
	char *key = vn_key(body);
	int type = has_type_word(key) && vn_word_count(body) <= 6;
	int strong =
	    words_start(key, "linh vuc") || words_start(key, "phong trao") || is_type_heading(key);
	int heading;
	if (stt && !is_section_mark(stt))
		heading = strong; /* "1 | Lĩnh vực Giáo dục": numbered like the rows */
	else
		heading = type || strong || e > 0 || stt != NULL || r->cells[at].span >= 2 ||
			  words_start(key, "nganh");
	if (!heading) {
		char *up = vn_upper(body);
		heading = strcmp(up, body) == 0 && plan_match_field(x->p, body) > 0;
		free(up);
	}
	if (heading && *body) {
		if (type) {
			free(x->loai_goc);
			x->loai_goc = xstrdup(body);
			if (plan_match_field(x->p, body) > 0) {
				free(x->linh_vuc_goc);
				x->linh_vuc_goc = xstrdup(body);
			}
		} else {
			free(x->linh_vuc_goc);
			x->linh_vuc_goc = xstrdup(body);
			free(x->loai_goc);
			x->loai_goc = NULL;
		}
	}
	free(key);
	free(norm);
	return heading;
}

/* Every non-empty cell names a column: a repeated header. */
static int is_header_repeat(struct extract *x, const struct sheet_row *r)
{
	int n = 0;
	for (size_t j = 0; j < r->n; j++) {
		const char *t = cell_text(r, j);
		if (!t)
			continue;
		if (match_header(x->p, t) == K_NONE)
			return 0;
		n++;
	}
	return n >= 2;
}

static const char *name_of_row(struct extract *x, const struct sheet_row *r)
{
	for (size_t j = 0; j < r->n && j < x->ncols; j++)
		if (x->kinds[j] == K_TEN && cell_text(r, j))
			return cell_text(r, j);
	return NULL;
}

static enum footer row_footer(struct extract *x, const struct sheet_row *r)
{
	const char *name = name_of_row(x, r);
	if (name)
		return classify_footer(plan_vocab(x->p), name, 0);
	enum footer worst = F_NONE;
	for (size_t j = 0; j < r->n; j++) {
		const char *t = cell_text(r, j);
		if (!t || strlen(t) > 300)
			continue;
		enum footer f = classify_footer(plan_vocab(x->p), t, 1);
		if (f > worst)
			worst = f;
	}
	return worst;
}

/* The header row: the first of the top rows that names at least two known
 * columns, one of them a real field.  SIZE_MAX when none. */
static size_t find_header(const struct sheet *s, const struct plan *p, int *score)
{
	for (size_t i = 0; i < s->nrows && i < SHEET_HEADER_ROWS; i++) {
		int major, n = header_score(p, &s->rows[i], &major);
		if (n >= 2 && major) {
			if (score)
				*score = n;
			return i;
		}
	}
	if (score)
		*score = 0;
	return SIZE_MAX;
}

int sheet_header_score(const struct sheet *s, const struct plan *p)
{
	int score;
	find_header(s, p, &score);
	return score;
}

long sheet_extract(const struct sheet *s, const struct plan *p, struct doc_meta *meta,
		   sheet_emit_fn emit, void *ctx)
{
	struct extract x = {s, p, meta, sheet_ncols(s), NULL, NULL, NULL, NULL, 0};
	size_t h = find_header(s, p, NULL);
	long count = 0;
	if (h == SIZE_MAX) {
		for (size_t i = 0; i < s->nrows && i < SHEET_HEADER_ROWS; i++)
			scan_meta_row(&x, &s->rows[i]);
		return -1;
	}
	for (size_t i = 0; i < h; i++)
		scan_meta_row(&x, &s->rows[i]);
	x.kinds = xcalloc(x.ncols ? x.ncols : 1, sizeof *x.kinds);
	x.carry = xcalloc(x.ncols ? x.ncols : 1, sizeof *x.carry);
	size_t start = map_header(&x, h);
	struct record rec;
	rec_init(&rec);
	int pending = 0; /* rec holds a record not yet emitted */
	int stop = 0;
	for (size_t i = start; i < s->nrows && !stop; i++) {
		const struct sheet_row *r = &s->rows[i];
		int any = 0;
		for (size_t j = 0; j < r->n && !any; j++)
			any = cell_text(r, j) != NULL;
		if (!any || is_numbering_row(r))
			continue;
		enum footer f = row_footer(&x, r);
		if (f == F_SIGN) {
			for (size_t k = i; k < s->nrows; k++)
				scan_date_row(&x, &s->rows[k]);
			break;
		}
		if (f == F_TOTAL)
			continue;
		if (take_section(&x, r) || is_header_repeat(&x, r))
			continue;
		/* The place-and-date line, under the table or alone in the name
		 * column ("Canh Tân, ngày 13/11/2026"). */
		if ((!name_of_row(&x, r) || text_cells(r) == 1) && scan_date_row(&x, r))
			continue;
		if (pending && is_continuation(&x, r)) {
			append_continuation(&x, r, &rec);
			continue;
		}
		struct record next;
		rec_init(&next);
		if (!build_record(&x, r, &next)) {
			rec_release(&next);
			continue;
		}
		if (pending) {
			count++;
			stop = emit(ctx, &rec);
		}
		rec_release(&rec);
		rec = next;
		pending = !stop;
	}
	if (pending) {
		count++;
		emit(ctx, &rec);
	}
	rec_release(&rec);
	for (size_t j = 0; j < x.ncols; j++)
		free(x.carry[j]);
	free(x.carry);
	free(x.kinds);
	free(x.linh_vuc_goc);
	free(x.loai_goc);
	return count;
}
