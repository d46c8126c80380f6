/* plan.c - loading the plan directory and looking names up in it by vn_key. */
#include "plan.h"
#include "buf.h"
#include "csvio.h"
#include "text.h"
#include "util.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* Longest text (bytes of its key) that a matcher looks into. */
#define MATCH_MAX_KEY 4096
/* Most words of one alias or keyword. */
#define MATCH_MAX_WORDS 24
#define AMBIGUOUS (-1)

/* An open-addressing hash map from key strings to an int (an index, or
 * AMBIGUOUS when two different owners share the key). */
struct kmap {
	char **keys;
	int *vals;
	size_t cap; /* power of two, or 0 */
	size_t n;
	int max_words; /* most words of any key */
};

struct plan_index {
	struct kmap units;   /* alias key -> unit index */
	struct kmap codes;   /* ma -> unit index */
	struct kmap fields;  /* name/heading/keyword key -> field number */
	struct kmap columns; /* header key -> column index */
	struct kmap labels;  /* report label key -> column index */
	struct kmap ethnic;  /* name/alias key -> ethnic index */
};

static uint64_t hash_bytes(const char *s, size_t len)
{
	uint64_t h = 1469598103934665603ULL;
	for (size_t i = 0; i < len; i++) {
		h ^= (unsigned char)s[i];
		h *= 1099511628211ULL;
	}
	return h;
}

static void kmap_release(struct kmap *m)
{
	for (size_t i = 0; i < m->cap; i++)
		free(m->keys[i]);
	free(m->keys);
	free(m->vals);
	memset(m, 0, sizeof *m);
}

static size_t kmap_slot(const struct kmap *m, const char *s, size_t len)
{
	size_t i = (size_t)hash_bytes(s, len) & (m->cap - 1);
	while (m->keys[i] && !(strlen(m->keys[i]) == len && memcmp(m->keys[i], s, len) == 0))
		i = (i + 1) & (m->cap - 1);
	return i;
}

static void kmap_put_raw(struct kmap *m, char *key, int val)
{
	size_t i = kmap_slot(m, key, strlen(key));
	m->keys[i] = key;
	m->vals[i] = val;
}

static int count_words(const char *key)
{
	int n = 0;
	for (const char *p = key; *p; p++)
		if (*p != ' ' && (p == key || p[-1] == ' '))
			n++;
	return n;
}

/* Adds key -> val; a key already there with another value becomes
 * AMBIGUOUS.  Empty keys are ignored. */
static void kmap_put(struct kmap *m, const char *key, int val)
{
	if (!*key)
		return;
	if ((m->n + 1) * 2 > m->cap) {
		struct kmap old = *m;
		m->cap = old.cap ? old.cap * 2 : 64;
		m->keys = xcalloc(m->cap, sizeof *m->keys);
		m->vals = xcalloc(m->cap, sizeof *m->vals);
		for (size_t i = 0; i < old.cap; i++)
			if (old.keys[i])
				kmap_put_raw(m, old.keys[i], old.vals[i]);
		free(old.keys);
		free(old.vals);
	}
	size_t len = strlen(key);
	size_t i = kmap_slot(m, key, len);
	if (m->keys[i]) {
		if (m->vals[i] != val)
			m->vals[i] = AMBIGUOUS;
		return;
	}
	m->keys[i] = xstrdup(key);
	m->vals[i] = val;
	m->n++;
	int w = count_words(key);
	if (w > m->max_words)
		m->max_words = w > MATCH_MAX_WORDS ? MATCH_MAX_WORDS : w;
}

/* The value of key s[0..len), or -2 when absent (AMBIGUOUS when shared). */
static int kmap_get(const struct kmap *m, const char *s, size_t len)
{
	if (!m->cap || !len)
		return -2;
	size_t i = kmap_slot(m, s, len);
	return m->keys[i] ? m->vals[i] : -2;
}

/* A key's words, as byte offsets into the key. */
struct words {
	size_t start[MATCH_MAX_KEY / 2 + 1];
	size_t end[MATCH_MAX_KEY / 2 + 1];
	size_t n;
};

/* vn_key of text, cut to MATCH_MAX_KEY bytes at a word boundary. */
static char *bounded_key(const char *text)
{
	char *k = vn_key(text ? text : "");
	size_t len = strlen(k);
	if (len > MATCH_MAX_KEY) {
		len = MATCH_MAX_KEY;
		while (len && k[len] != ' ')
			len--;
		k[len] = '\0';
	}
	return k;
}

static void split_words(const char *k, struct words *w)
{
	w->n = 0;
	for (size_t i = 0; k[i];) {
		while (k[i] == ' ')
			i++;
		if (!k[i])
			break;
		w->start[w->n] = i;
		while (k[i] && k[i] != ' ')
			i++;
		w->end[w->n] = i;
		w->n++;
	}
}

/* A key occurrence found by scan_longest. */
struct hit {
	int val;   /* map value, or -2 when nothing was found */
	int words; /* words of the matched key */
	int tie;   /* another value matched with as many words */
	size_t at; /* first word of the match */
};

/* Scans every run of whole words of k for keys of m: the longest match
 * (most words; the earliest of equals).  Keys that are AMBIGUOUS are
 * skipped.  tie is set when a different value matches as long. */
static struct hit scan_longest(const struct kmap *m, const char *k, const struct words *w,
			       size_t from)
{
	struct hit best = {-2, 0, 0, 0};
	for (size_t i = from; i < w->n; i++) {
		size_t maxl = (size_t)m->max_words;
		if (maxl > w->n - i)
			maxl = w->n - i;
		for (size_t l = maxl; l >= 1; l--) {
			size_t a = w->start[i], b = w->end[i + l - 1];
			int v = kmap_get(m, k + a, b - a);
			if (v < 0)
				continue;
			if ((int)l > best.words) {
				best.val = v;
				best.words = (int)l;
				best.tie = 0;
				best.at = i;
			} else if ((int)l == best.words && v != best.val) {
				best.tie = 1;
			}
			break; /* shorter keys at this start cannot beat this one */
		}
	}
	return best;
}

/* ---- subject types ---- */

const char *loai_code(enum subject_type t)
{
	switch (t) {
	case LOAI_TAP_THE:
		return "tap_the";
	case LOAI_CA_NHAN:
		return "ca_nhan";
	case LOAI_HO_GIA_DINH:
		return "ho_gia_dinh";
	case LOAI_NONE:
		break;
	}
	return "";
}

const char *loai_label(enum subject_type t)
{
	switch (t) {
	case LOAI_TAP_THE:
		return "Tập thể";
	case LOAI_CA_NHAN:
		return "Cá nhân";
	case LOAI_HO_GIA_DINH:
		return "Hộ gia đình";
	case LOAI_NONE:
		break;
	}
	return "";
}

enum subject_type loai_from_code(const char *code)
{
	if (!code)
		return LOAI_NONE;
	if (strcmp(code, "tap_the") == 0)
		return LOAI_TAP_THE;
	if (strcmp(code, "ca_nhan") == 0)
		return LOAI_CA_NHAN;
	if (strcmp(code, "ho_gia_dinh") == 0)
		return LOAI_HO_GIA_DINH;
	return LOAI_NONE;
}

char *loai_mask_label(unsigned mask)
{
	static const enum subject_type order[] = {LOAI_TAP_THE, LOAI_CA_NHAN, LOAI_HO_GIA_DINH};
	struct buf b = BUF_INIT;
	for (size_t i = 0; i < ARRAY_SIZE(order); i++) {
		if (!(mask & order[i]))
			continue;
		char *l = vn_lower(loai_label(order[i]));
		buf_printf(&b, "%s%s", b.len ? ", " : "", l);
		free(l);
	}
	return buf_detach(&b);
}

/* Drops a leading section ordinal ("a", "b", "1", "iv") when more words
 * follow; returns the offset of the rest. */
static size_t skip_ordinal(const char *k)
{
	size_t n = strcspn(k, " ");
	if (!k[n])
		return 0;
	int ok = n == 1 && k[0] >= 'a' && k[0] <= 'h';
	if (!ok) {
		ok = 1;
		for (size_t i = 0; i < n; i++)
			if (!strchr("0123456789ivx", k[i]))
				ok = 0;
	}
	return ok ? n + 1 : 0;
}

enum subject_type plan_match_type(const struct plan *p, const char *text)
{
	static const struct {
		enum vocab_group g;
		enum subject_type t;
	} shorts[] = {
	    {VG_LOAI_TAP_THE, LOAI_TAP_THE},
	    {VG_LOAI_CA_NHAN, LOAI_CA_NHAN},
	    {VG_LOAI_HO, LOAI_HO_GIA_DINH},
	};
	static const enum subject_type types[] = {LOAI_TAP_THE, LOAI_CA_NHAN, LOAI_HO_GIA_DINH};
	if (!text)
		return LOAI_NONE;
	enum subject_type t = loai_from_code(text);
	if (t != LOAI_NONE)
		return t;
	const struct vocab *v = plan_vocab(p);
	char *k = bounded_key(text);
	const char *rest = k + skip_ordinal(k);
	for (size_t i = 0; i < ARRAY_SIZE(shorts) && t == LOAI_NONE; i++)
		if (vocab_is(v, shorts[i].g, VF_KEY, k) || vocab_is(v, shorts[i].g, VF_KEY, rest))
			t = shorts[i].t;
	/* "B. CÁ NHÂN TIÊU BIỂU", "Đối với tập thể": exactly one type named */
	int named = 0;
	enum subject_type found = LOAI_NONE;
	for (size_t i = 0; i < ARRAY_SIZE(types) && t == LOAI_NONE; i++) {
		char *name = vn_key(loai_label(types[i]));
		if (vn_key_contains(rest, name)) {
			named++;
			found = types[i];
		}
		free(name);
	}
	if (t == LOAI_NONE && named == 1 && strlen(rest) <= 80)
		t = found;
	free(k);
	return t;
}

/* ---- loading ---- */

static void strlist_release(struct strlist *l)
{
	for (size_t i = 0; i < l->n; i++)
		free(l->v[i]);
	free(l->v);
	l->v = NULL;
	l->n = 0;
}

/* Splits a ';'-separated cell into vn_key keys (empty items dropped,
 * repeats dropped). */
static void strlist_keys(struct strlist *l, const char *cell)
{
	size_t cap = l->n;
	const char *s = cell;
	while (*s) {
		size_t len = strcspn(s, ";");
		char *item = xstrndup(s, len);
		char *k = vn_key(item);
		free(item);
		int dup = !*k;
		for (size_t i = 0; i < l->n && !dup; i++)
			dup = strcmp(l->v[i], k) == 0;
		if (dup) {
			free(k);
		} else {
			XGROW(l->v, cap, l->n + 1);
			l->v[l->n++] = k;
		}
		s += len;
		if (*s == ';')
			s++;
	}
}

/* Raw items of a ';' list, trimmed (for codes). */
static void strlist_items(struct strlist *l, const char *cell)
{
	size_t cap = 0;
	const char *s = cell;
	while (*s) {
		size_t len = strcspn(s, ";");
		char *item = xstrndup(s, len);
		char *t = vn_normalize(item);
		free(item);
		if (*t) {
			XGROW(l->v, cap, l->n + 1);
			l->v[l->n++] = t;
		} else {
			free(t);
		}
		s += len;
		if (*s == ';')
			s++;
	}
}

static int parse_int(const char *s, long lo, long hi, long def, long *out)
{
	char *t = vn_normalize(s);
	int rc = 0;
	if (!*t) {
		*out = def;
	} else {
		char *end;
		long v = strtol(t, &end, 10);
		if (*end || v < lo || v > hi)
			rc = -1;
		else
			*out = v;
	}
	free(t);
	return rc;
}

struct loader {
	struct plan *p;
	const char *path;
	int failed;
	size_t cap;
	size_t repaired;	/* don-vi.csv: codes given back their leading zeros */
	size_t repaired_row;	/* the first of them: its row and code as read */
	char repaired_ma[16];
};

enum {
	LV_SO,
	LV_TEN_NGAN,
	LV_TEN_DAY_DU,
	LV_TIEU_DE,
	LV_TU_KHOA,
	LV_CHU_TRI,
	LV_LOAI,
	LV_MC_TT,
	LV_MC_CN,
	LV_MC_HGD,
	LV_N
};
static const char *const lv_cols[LV_N] = {"so",
					  "ten_ngan",
					  "ten_day_du",
					  "tieu_de_danh_sach",
					  "tu_khoa",
					  "don_vi_chu_tri",
					  "loai_cho_phep",
					  "minh_chung_tap_the",
					  "minh_chung_ca_nhan",
					  "minh_chung_ho_gia_dinh"};

static int on_field_row(void *ctx, char **v, size_t row)
{
	struct loader *L = ctx;
	long so;
	if (parse_int(v[LV_SO], 1, 9, 0, &so) != 0 || so == 0) {
		error("%s:%zu: cột so phải là số lĩnh vực từ 1 đến 9, có \"%s\"", L->path, row,
		      v[LV_SO]);
		return -1;
	}
	struct plan_field *f = &L->p->fields[so - 1];
	if (f->so) {
		error("%s:%zu: lĩnh vực %ld khai báo hai lần", L->path, row, so);
		return -1;
	}
	f->so = (int)so;
	f->ten_ngan = vn_normalize(v[LV_TEN_NGAN]);
	f->ten_day_du = vn_normalize(v[LV_TEN_DAY_DU]);
	f->tieu_de_danh_sach = vn_normalize(v[LV_TIEU_DE]);
	if (!*f->ten_ngan) {
		error("%s:%zu: lĩnh vực %ld thiếu ten_ngan", L->path, row, so);
		return -1;
	}
	strlist_keys(&f->tu_khoa, v[LV_TU_KHOA]);
	strlist_items(&f->chu_tri, v[LV_CHU_TRI]);
	struct strlist loai = {NULL, 0};
	strlist_items(&loai, v[LV_LOAI]);
	int rc = 0;
	for (size_t i = 0; i < loai.n; i++) {
		enum subject_type t = loai_from_code(loai.v[i]);
		if (t == LOAI_NONE) {
			error("%s:%zu: loai_cho_phep \"%s\" không hợp lệ (tap_the, ca_nhan, "
			      "ho_gia_dinh)",
			      L->path, row, loai.v[i]);
			rc = -1;
		}
		f->loai_cho_phep |= t;
	}
	strlist_release(&loai);
	if (rc == 0 && !f->loai_cho_phep) {
		error("%s:%zu: lĩnh vực %ld thiếu loai_cho_phep", L->path, row, so);
		rc = -1;
	}
	static const int mc_cols[3] = {LV_MC_TT, LV_MC_CN, LV_MC_HGD};
	for (size_t j = 0; j < 3; j++) {
		strlist_keys(&f->minh_chung[j], v[mc_cols[j]]);
		strlist_items(&f->minh_chung_goc[j], v[mc_cols[j]]);
		struct strlist *d = &f->minh_chung_dau[j];
		d->v = xmalloc((f->minh_chung_goc[j].n + 1) * sizeof *d->v);
		d->n = 0;
		for (size_t i = 0; i < f->minh_chung_goc[j].n; i++)
			d->v[d->n++] = vn_ident_key(f->minh_chung_goc[j].v[i]);
	}
	L->p->nfields++;
	return rc;
}

enum { DV_MA, DV_TEN, DV_BI_DANH, DV_PHAI_GUI, DV_NHOM, DV_GHI_CHU, DV_HOAT_DONG, DV_N };
static const char *const dv_cols[DV_N] = {"ma",	  "ten",     "bi_danh",	 "phai_gui",
					  "nhom", "ghi_chu", "hoat_dong"};

/* A registry saved by Excel loses the leading zeros of the GSO commune
 * codes ("01822" -> "1822"): an all-digit code shorter than the commune
 * code's width is given its zeros back.  Returns the code (ma, or a new
 * string replacing it). */
#define UNIT_CODE_DIGITS 5
static char *unit_code_zeros(struct loader *L, char *ma, size_t row)
{
	size_t n = strlen(ma);
	if (n == 0 || n >= UNIT_CODE_DIGITS || strspn(ma, "0123456789") != n)
		return ma;
	if (L->repaired++ == 0) {
		L->repaired_row = row;
		snprintf(L->repaired_ma, sizeof L->repaired_ma, "%s", ma);
	}
	char *padded = xasprintf("%0*d%s", (int)(UNIT_CODE_DIGITS - n), 0, ma);
	free(ma);
	return padded;
}

static int on_unit_row(void *ctx, char **v, size_t row)
{
	struct loader *L = ctx;
	struct plan *p = L->p;
	char *ma = vn_normalize(v[DV_MA]);
	char *ten = vn_normalize(v[DV_TEN]);
	if (!*ma || !*ten || strchr(ma, ';')) {
		error("%s:%zu: đơn vị thiếu mã (ma) hoặc tên (ten)", L->path, row);
		goto fail;
	}
	size_t ma_len = strlen(ma);
	ma = unit_code_zeros(L, ma, row);
	for (size_t i = 0; i < p->nunits; i++)
		if (strcmp(p->units[i].ma, ma) == 0) {
			if (strlen(ma) != ma_len)
				error("%s:%zu: mã đơn vị \"%.*s\" thiếu số 0 đầu (tệp đã mở bằng Excel?), "
				      "nhưng \"%s\" đã là mã của %s: sửa lại mã ở dòng này",
				      L->path, row, (int)ma_len, ma + strlen(ma) - ma_len, ma,
				      p->units[i].ten);
			else
				error("%s:%zu: mã đơn vị \"%s\" trùng (nếu một mã đã mất số 0 đầu khi "
				      "mở bằng Excel, hãy sửa lại mã đó)",
				      L->path, row, ma);
			goto fail;
		}
	long phai_gui, hoat_dong;
	if (parse_int(v[DV_PHAI_GUI], 0, 1, 1, &phai_gui) != 0 ||
	    parse_int(v[DV_HOAT_DONG], 0, 1, 1, &hoat_dong) != 0) {
		error("%s:%zu: phai_gui và hoat_dong phải là 0 hoặc 1", L->path, row);
		goto fail;
	}
	XGROW(p->units, L->cap, p->nunits + 1);
	struct plan_unit *u = &p->units[p->nunits++];
	memset(u, 0, sizeof *u);
	u->ma = ma;
	u->ten = ten;
	strlist_keys(&u->bi_danh, ten);
	strlist_keys(&u->bi_danh, v[DV_BI_DANH]);
	u->phai_gui = (int)phai_gui;
	u->hoat_dong = (int)hoat_dong;
	u->nhom = vn_normalize(v[DV_NHOM]);
	u->ghi_chu = vn_normalize(v[DV_GHI_CHU]);
	return 0;
fail:
	free(ma);
	free(ten);
	return -1;
}

static int on_column_row(void *ctx, char **v, size_t row)
{
	struct loader *L = ctx;
	struct plan *p = L->p;
	char *khoa = vn_normalize(v[0]);
	if (!*khoa) {
		free(khoa);
		return error("%s:%zu: thiếu khoa", L->path, row);
	}
	XGROW(p->columns, L->cap, p->ncolumns + 1);
	struct plan_column *c = &p->columns[p->ncolumns++];
	memset(c, 0, sizeof *c);
	c->khoa = khoa;
	strlist_keys(&c->ten_cot, v[1]);
	strlist_keys(&c->nhan, v[2]);
	return 0;
}

static int on_ethnic_row(void *ctx, char **v, size_t row)
{
	struct loader *L = ctx;
	struct plan *p = L->p;
	char *ten = vn_normalize(v[0]);
	if (!*ten) {
		free(ten);
		return error("%s:%zu: thiếu tên dân tộc", L->path, row);
	}
	XGROW(p->ethnic, L->cap, p->nethnic + 1);
	struct plan_ethnic *e = &p->ethnic[p->nethnic++];
	memset(e, 0, sizeof *e);
	e->ten = ten;
	strlist_keys(&e->bi_danh, ten);
	strlist_keys(&e->bi_danh, v[1]);
	return 0;
}

static int load_csv(struct plan *p, const char *name, const char *const *cols, size_t ncols,
		    csv_named_fn cb)
{
	char *path = xasprintf("%s/%s", p->dir, name);
	struct loader L = {p, path, 0, 0, 0, 0, {0}};
	int rc = csv_read_text_named(path, cols, ncols, cb, &L);
	if (rc == 0 && L.repaired > 0)
		warning("%s:%zu: %zu mã đơn vị toàn chữ số ngắn hơn %d chữ số (Excel đã bỏ số 0 đầu, "
			"ví dụ \"%s\"): đã thêm số 0 cho đủ %d chữ số; nên sửa lại tệp (định dạng cột "
			"mã là Text)",
			path, L.repaired_row, L.repaired, UNIT_CODE_DIGITS, L.repaired_ma,
			UNIT_CODE_DIGITS);
	if (rc != 0)
		rc = -1;
	free(path);
	return rc;
}

/* Checks that the header of a plan CSV names the required columns. */
struct header_check {
	const char *const *cols;
	size_t n;
	const char *missing;
};

static int on_header(void *ctx, char **fields, size_t n, size_t row)
{
	struct header_check *h = ctx;
	for (size_t i = 0; i < h->n && !h->missing; i++) {
		int found = 0;
		for (size_t j = 0; j < n && !found; j++)
			found = strcmp(fields[j], h->cols[i]) == 0;
		if (!found)
			h->missing = h->cols[i];
	}
	return 1;
}

static int check_header(const struct plan *p, const char *name, const char *const *cols, size_t n)
{
	char *path = xasprintf("%s/%s", p->dir, name);
	struct header_check h = {cols, n, NULL};
	int rc = csv_read_text(path, on_header, &h);
	if (rc < 0) {
		rc = -1;
	} else if (rc == 0) {
		rc = error("%s: tệp rỗng", path);
	} else if (h.missing) {
		rc = error("%s:1: thiếu cột \"%s\"", path, h.missing);
	} else {
		rc = 0;
	}
	free(path);
	return rc;
}

static void build_index(struct plan *p)
{
	struct plan_index *x = xcalloc(1, sizeof *x);
	for (size_t i = 0; i < p->nunits; i++) {
		for (size_t j = 0; j < p->units[i].bi_danh.n; j++)
			kmap_put(&x->units, p->units[i].bi_danh.v[j], (int)i);
		kmap_put(&x->codes, p->units[i].ma, (int)i);
	}
	for (size_t i = 0; i < ARRAY_SIZE(p->fields); i++) {
		struct plan_field *f = &p->fields[i];
		if (!f->so)
			continue;
		const char *names[] = {f->ten_ngan, f->ten_day_du, f->tieu_de_danh_sach};
		for (size_t j = 0; j < ARRAY_SIZE(names); j++) {
			char *k = vn_key(names[j]);
			kmap_put(&x->fields, k, f->so);
			free(k);
		}
		for (size_t j = 0; j < f->tu_khoa.n; j++)
			kmap_put(&x->fields, f->tu_khoa.v[j], f->so);
	}
	for (size_t i = 0; i < p->ncolumns; i++) {
		for (size_t j = 0; j < p->columns[i].ten_cot.n; j++)
			kmap_put(&x->columns, p->columns[i].ten_cot.v[j], (int)i);
		for (size_t j = 0; j < p->columns[i].nhan.n; j++)
			kmap_put(&x->labels, p->columns[i].nhan.v[j], (int)i);
	}
	for (size_t i = 0; i < p->nethnic; i++)
		for (size_t j = 0; j < p->ethnic[i].bi_danh.n; j++)
			kmap_put(&x->ethnic, p->ethnic[i].bi_danh.v[j], (int)i);
	p->idx = x;
}

void plan_init(struct plan *p)
{
	memset(p, 0, sizeof *p);
	conf_init(&p->conf);
	vocab_init(&p->vocab);
}

static int conf_int(struct plan *p, const char *key, long lo, long hi, long def, int *out)
{
	const char *v = conf_get(&p->conf, key, NULL);
	long n = def;
	if (v && parse_int(v, lo, hi, def, &n) != 0)
		return error("%s/ke-hoach.conf: %s = \"%s\" không hợp lệ (từ %ld đến %ld)", p->dir,
			     key, v, lo, hi);
	*out = (int)n;
	return 0;
}

int plan_load(struct plan *p, const char *dir)
{
	plan_init(p);
	p->dir = xstrdup(dir && *dir ? dir : "templates/plan");
	char *conf_path = xasprintf("%s/ke-hoach.conf", p->dir);
	int rc = conf_load(&p->conf, conf_path);
	free(conf_path);
	if (rc != 0)
		goto fail;
	if (conf_int(p, "han_nop", 1, 31, 20, &p->han_nop) != 0 ||
	    conf_int(p, "so_tu_toi_thieu", 0, 10000, 15, &p->so_tu_toi_thieu) != 0 ||
	    conf_int(p, "tuoi_toi_da", 1, 200, 110, &p->tuoi_toi_da) != 0 ||
	    conf_int(p, "tuoi_toi_thieu", 0, 100, 0, &p->tuoi_toi_thieu) != 0)
		goto fail;
	static const char *const cot_cols[] = {"khoa", "ten_cot", "nhan_bao_cao"};
	static const char *const dt_cols[] = {"ten", "bi_danh"};
	if (check_header(p, "linh-vuc.csv", lv_cols, 2) != 0 ||
	    load_csv(p, "linh-vuc.csv", lv_cols, LV_N, on_field_row) != 0)
		goto fail;
	if (p->nfields == 0) {
		error("%s/linh-vuc.csv: không có lĩnh vực nào", p->dir);
		goto fail;
	}
	if (check_header(p, "don-vi.csv", dv_cols, 2) != 0 ||
	    load_csv(p, "don-vi.csv", dv_cols, DV_N, on_unit_row) != 0)
		goto fail;
	if (check_header(p, "cot.csv", cot_cols, 2) != 0 ||
	    load_csv(p, "cot.csv", cot_cols, 3, on_column_row) != 0)
		goto fail;
	if (check_header(p, "dan-toc.csv", dt_cols, 1) != 0 ||
	    load_csv(p, "dan-toc.csv", dt_cols, 2, on_ethnic_row) != 0)
		goto fail;
	char *vocab_path = xasprintf("%s/tu-vung.csv", p->dir);
	rc = vocab_load(&p->vocab, vocab_path);
	free(vocab_path);
	if (rc != 0)
		goto fail;
	build_index(p);
	return 0;
fail:
	plan_release(p);
	return -1;
}

void plan_release(struct plan *p)
{
	free(p->dir);
	conf_release(&p->conf);
	for (size_t i = 0; i < ARRAY_SIZE(p->fields); i++) {
		struct plan_field *f = &p->fields[i];
		free(f->ten_ngan);
		free(f->ten_day_du);
		free(f->tieu_de_danh_sach);
		strlist_release(&f->tu_khoa);
		strlist_release(&f->chu_tri);
		for (size_t j = 0; j < 3; j++) {
			strlist_release(&f->minh_chung[j]);
			strlist_release(&f->minh_chung_goc[j]);
			strlist_release(&f->minh_chung_dau[j]);
		}
	}
	for (size_t i = 0; i < p->nunits; i++) {
		free(p->units[i].ma);
		free(p->units[i].ten);
		strlist_release(&p->units[i].bi_danh);
		free(p->units[i].nhom);
		free(p->units[i].ghi_chu);
	}
	free(p->units);
	for (size_t i = 0; i < p->ncolumns; i++) {
		free(p->columns[i].khoa);
		strlist_release(&p->columns[i].ten_cot);
		strlist_release(&p->columns[i].nhan);
	}
	free(p->columns);
	for (size_t i = 0; i < p->nethnic; i++) {
		free(p->ethnic[i].ten);
		strlist_release(&p->ethnic[i].bi_danh);
	}
	free(p->ethnic);
	vocab_release(&p->vocab);
	if (p->idx) {
		kmap_release(&p->idx->units);
		kmap_release(&p->idx->codes);
		kmap_release(&p->idx->fields);
		kmap_release(&p->idx->columns);
		kmap_release(&p->idx->labels);
		kmap_release(&p->idx->ethnic);
		free(p->idx);
	}
	plan_init(p);
}

/* ---- lookups ---- */

/* Beginnings of a text that name some other body (a school, a health
 * station, a hamlet, a firm...): a registry alias found further inside such
 * a text names where that body is ("Trường Tiểu học Kim Đồng"), not the
 * sender, so it is not taken. */
/* The vocabulary's group dau-ten-co-quan-khac. */
static int starts_other_body(const struct plan *p, const char *k)
{
	return vocab_starts(plan_vocab(p), VG_DAU_CO_QUAN_KHAC, VF_KEY, k) != 0;
}

static int word_is(const char *k, const struct words *w, size_t i, const char *s)
{
	size_t n = strlen(s);
	return i < w->n && w->end[i] - w->start[i] == n && strncmp(k + w->start[i], s, n) == 0;
}

/* A district body's name without "huyện", then "xã X" or "thị trấn X"
 * ("Hội Nông dân xã Lê Lai", "MTTQ xã Đức Long"): that body at the
 * commune, whose sender is the commune.  Returns the commune's hit (val -2
 * when the text is not of that form). */
static struct hit commune_level_body(const struct plan *p, const char *k, const struct words *w,
				     struct hit h)
{
	struct hit none = {-2, 0, 0, 0};
	if (h.val < 0 || strcmp(p->units[h.val].nhom, "xa") == 0)
		return none;
	for (size_t i = h.at; i < h.at + (size_t)h.words; i++)
		if (word_is(k, w, i, "huyen"))
			return none;
	for (size_t i = h.at + (size_t)h.words; i < w->n; i++) {
		if (word_is(k, w, i, "huyen"))
			return none;
		if (!word_is(k, w, i, "xa") && !word_is(k, w, i, "tt") &&
		    !(word_is(k, w, i, "thi") && word_is(k, w, i + 1, "tran")))
			continue;
		struct hit c = scan_longest(&p->idx->units, k, w, i);
		if (c.val >= 0 && c.at <= i + 2 && strcmp(p->units[c.val].nhom, "xa") == 0)
			return c;
		return none;
	}
	return none;
}

const struct plan_unit *plan_match_unit(const struct plan *p, const char *text)
{
	if (!p->idx || !text)
		return NULL;
	const struct plan_unit *u = NULL;
	char *k = bounded_key(text);
	struct words *w = xmalloc(sizeof *w);
	int v = kmap_get(&p->idx->units, k, strlen(k));
	if (v >= 0) {
		u = &p->units[v];
		goto out;
	}
	split_words(k, w);
	struct hit h = scan_longest(&p->idx->units, k, w, 0);
	struct hit c = commune_level_body(p, k, w, h);
	if (c.val >= 0)
		h = c;
	if (h.val >= 0 && (h.at == 0 || !starts_other_body(p, k)))
		u = &p->units[h.val];
out:
	free(w);
	free(k);
	return u;
}

const struct plan_unit *plan_unit_by_code(const struct plan *p, const char *ma)
{
	if (!p->idx || !ma)
		return NULL;
	int v = kmap_get(&p->idx->codes, ma, strlen(ma));
	return v >= 0 ? &p->units[v] : NULL;
}

const struct plan_field *plan_field(const struct plan *p, int so)
{
	if (so < 1 || so > (int)ARRAY_SIZE(p->fields) || p->fields[so - 1].so != so)
		return NULL;
	return &p->fields[so - 1];
}

/* A field number written as digits or a Roman numeral, or 0. */
static int number_word(const char *s, size_t len)
{
	static const char *const roman[] = {"i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix"};
	if (len == 1 && s[0] >= '1' && s[0] <= '9')
		return s[0] - '0';
	if (len == 2 && s[0] == '0' && s[1] >= '1' && s[1] <= '9')
		return s[1] - '0';
	for (size_t i = 0; i < ARRAY_SIZE(roman); i++)
		if (strlen(roman[i]) == len && memcmp(roman[i], s, len) == 0)
			return (int)i + 1;
	return 0;
}

/* "linh vuc 7", "linh vuc so vii", "linh vuc thu 7", "lv 7", "lv7", "7": the number,
 * or 0. */
static int explicit_number(const char *k, const struct words *w, size_t *at)
{
	size_t i = 0;
	*at = 0;
	if (w->n >= 2 && strncmp(k + w->start[0], "linh vuc", 8) == 0 &&
	    w->end[1] - w->start[0] == 8)
		i = 2;
	else if (w->n >= 1 && w->end[0] - w->start[0] == 2 &&
		 strncmp(k + w->start[0], "lv", 2) == 0)
		i = 1;
	else if (w->n >= 1 && w->end[0] - w->start[0] == 3 &&
		 strncmp(k + w->start[0], "lv", 2) == 0)
		return number_word(k + w->start[0] + 2, 1);
	else if (w->n == 1)
		return number_word(k, w->end[0]);
	else
		return 0;
	/* "so 7", "thu 7" (số, thứ) */
	if (i < w->n && w->end[i] - w->start[i] == 2 && strncmp(k + w->start[i], "so", 2) == 0)
		i++;
	else if (i < w->n && w->end[i] - w->start[i] == 3 &&
		 strncmp(k + w->start[i], "thu", 3) == 0)
		i++;
	if (i >= w->n)
		return 0;
	*at = i;
	return number_word(k + w->start[i], w->end[i] - w->start[i]);
}

int plan_match_field(const struct plan *p, const char *text)
{
	if (!p->idx || !text)
		return 0;
	int so = 0;
	char *k = bounded_key(text);
	struct words *w = xmalloc(sizeof *w);
	split_words(k, w);
	if (w->n == 0)
		goto out;
	size_t at;
	so = explicit_number(k, w, &at);
	if (so) {
		/* "Lĩnh vực Vì người nghèo": a field's name that begins with
		 * the numeral's word ("vi") is the name, not the number VI */
		struct hit n = scan_longest(&p->idx->fields, k, w, at);
		if (n.val > 0 && !n.tie && n.at == at)
			so = n.val;
		if (!plan_field(p, so))
			so = 0;
		goto out;
	}
	size_t off = skip_ordinal(k);
	int v = kmap_get(&p->idx->fields, k + off, strlen(k + off));
	if (v > 0) {
		so = v;
		goto out;
	}
	if (v == AMBIGUOUS)
		goto out;
	struct hit h = scan_longest(&p->idx->fields, k, w, 0);
	if (h.val > 0 && !h.tie)
		so = h.val;
out:
	free(w);
	free(k);
	return so;
}

int plan_field_led_by(const struct plan *p, const char *ma_don_vi)
{
	int found = 0;
	if (!ma_don_vi || !*ma_don_vi)
		return 0;
	for (size_t i = 0; i < ARRAY_SIZE(p->fields); i++) {
		const struct plan_field *f = &p->fields[i];
		for (size_t j = 0; f->so && j < f->chu_tri.n; j++) {
			if (strcmp(f->chu_tri.v[j], ma_don_vi) != 0)
				continue;
			if (found && found != f->so)
				return 0;
			found = f->so;
		}
	}
	return found;
}

const char *plan_match_column(const struct plan *p, const char *header_text)
{
	if (!p->idx || !header_text)
		return NULL;
	const char *res = NULL;
	char *k = bounded_key(header_text);
	size_t len = strlen(k);
	int v = kmap_get(&p->idx->columns, k, len);
	/* "Họ và tên (1)", "Năm sinh 2": drop trailing number words */
	while (v < 0 && len) {
		size_t e = len;
		while (e && k[e - 1] >= '0' && k[e - 1] <= '9')
			e--;
		if (e == len || e == 0 || k[e - 1] != ' ')
			break;
		len = e - 1;
		v = kmap_get(&p->idx->columns, k, len);
	}
	if (v >= 0)
		res = p->columns[v].khoa;
	free(k);
	return res;
}

const char *plan_match_label(const struct plan *p, const char *label)
{
	if (!p || !p->idx || !label)
		return NULL;
	char *k = bounded_key(label);
	int v = kmap_get(&p->idx->labels, k, strlen(k));
	free(k);
	return v >= 0 ? p->columns[v].khoa : NULL;
}

const struct vocab *plan_vocab(const struct plan *p)
{
	return p ? &p->vocab : NULL;
}

const char *plan_match_ethnic(const struct plan *p, const char *text)
{
	static const char *const prefixes[] = {"dan toc ", "dt ", "nguoi ", "toc "};
	if (!p->idx || !text)
		return NULL;
	const char *res = NULL;
	char *k = bounded_key(text);
	const char *s = k;
	int v = kmap_get(&p->idx->ethnic, s, strlen(s));
	for (size_t i = 0; v < 0 && i < ARRAY_SIZE(prefixes); i++)
		if (str_starts_with(s, prefixes[i]))
			v = kmap_get(&p->idx->ethnic, s + strlen(prefixes[i]),
				     strlen(s + strlen(prefixes[i])));
	if (v >= 0)
		res = p->ethnic[v].ten;
	free(k);
	return res;
}
