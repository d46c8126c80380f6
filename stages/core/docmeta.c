/* docmeta.c - what a document says about itself (unit, number, date, title,
 * month) read from its preamble lines, and Vietnamese date/month parsing. */
#include "sheet.h"
#include "buf.h"
#include "plan.h"
#include "text.h"
#include "util.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

void doc_meta_init(struct doc_meta *m)
{
	memset(m, 0, sizeof *m);
}

void doc_meta_release(struct doc_meta *m)
{
	free(m->don_vi_goc);
	free(m->tieu_de);
	free(m->thang_vb);
	free(m->ngay_vb);
	free(m->so_vb);
	free(m->linh_vuc_goc);
	free(m->loai_goc);
	doc_meta_init(m);
}

static void merge_one(char **dst, const char *src)
{
	if (!*dst && src && *src)
		*dst = xstrdup(src);
}

void doc_meta_merge(struct doc_meta *dst, const struct doc_meta *src)
{
	merge_one(&dst->don_vi_goc, src->don_vi_goc);
	merge_one(&dst->tieu_de, src->tieu_de);
	merge_one(&dst->thang_vb, src->thang_vb);
	merge_one(&dst->ngay_vb, src->ngay_vb);
	merge_one(&dst->so_vb, src->so_vb);
	merge_one(&dst->linh_vuc_goc, src->linh_vuc_goc);
	merge_one(&dst->loai_goc, src->loai_goc);
}

/* ---- dates ---- */

static int days_in_month(int y, int m)
{
	static const int d[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
		return 29;
	return d[m - 1];
}

/* Writes "YYYY-MM-DD" (or "YYYY-MM" when d is 0) of a validated date. */
static void fmt_date(char *out, int y, int m, int d)
{
	out[0] = (char)('0' + y / 1000 % 10);
	out[1] = (char)('0' + y / 100 % 10);
	out[2] = (char)('0' + y / 10 % 10);
	out[3] = (char)('0' + y % 10);
	out[4] = '-';
	out[5] = (char)('0' + m / 10 % 10);
	out[6] = (char)('0' + m % 10);
	out[7] = '\0';
	if (d) {
		out[7] = '-';
		out[8] = (char)('0' + d / 10 % 10);
		out[9] = (char)('0' + d % 10);
		out[10] = '\0';
	}
}

static int valid_date(int y, int m, int d)
{
	return y >= 1900 && y <= 2100 && m >= 1 && m <= 12 && d >= 1 && d <= days_in_month(y, m);
}

/* Reads 1..max digits at s[*i]; returns the number or -1. */
static int read_num(const char *s, size_t *i, int min, int max)
{
	int n = 0, v = 0;
	while (isdigit((unsigned char)s[*i]) && n < max + 1) {
		v = v * 10 + (s[*i] - '0');
		(*i)++;
		n++;
	}
	if (n < min || n > max)
		return -1;
	return v;
}

/* Splits a vn_key into at most ntok space-separated tokens (in place). */
static size_t tokens(char *key, char **tok, size_t ntok)
{
	size_t n = 0;
	char *save = NULL;
	for (char *t = strtok_r(key, " ", &save); t && n < ntok; t = strtok_r(NULL, " ", &save))
		tok[n++] = t;
	return n;
}

static int num_tok(const char *t, int min, int max)
{
	size_t len = strlen(t);
	if (len < (size_t)min || len > (size_t)max || strspn(t, "0123456789") != len)
		return -1;
	return atoi(t);
}

#define MAX_TOK 400

int parse_vn_date(const char *s, char out[11])
{
	if (!s)
		return 0;
	int found = 0;
	/* "ngày 15 tháng 11 năm 2026", with or without diacritics. */
	char *key = vn_key(s);
	char **tok = xmalloc(MAX_TOK * sizeof *tok);
	size_t n = tokens(key, tok, MAX_TOK);
	for (size_t i = 0; i + 4 < n && !found; i++) {
		if (strcmp(tok[i], "ngay") != 0)
			continue;
		int d = num_tok(tok[i + 1], 1, 2);
		if (d < 0 || strcmp(tok[i + 2], "thang") != 0)
			continue;
		int m = num_tok(tok[i + 3], 1, 2);
		size_t yi = i + 4;
		if (strcmp(tok[yi], "nam") == 0)
			yi++;
		if (m < 0 || yi >= n)
			continue;
		int y = num_tok(tok[yi], 4, 4);
		if (y > 0 && valid_date(y, m, d)) {
			fmt_date(out, y, m, d);
			found = 1;
		}
	}
	free(tok);
	free(key);
	/* 15/11/2026, 15-11-2026, 15.11.2026, 2026-11-15 */
	for (size_t i = 0; s[i] && !found; i++) {
		if (!isdigit((unsigned char)s[i]) || (i > 0 && isdigit((unsigned char)s[i - 1])))
			continue;
		size_t j = i;
		int a = read_num(s, &j, 1, 4);
		char sep = s[j];
		if (a < 0 || !(sep == '/' || sep == '-' || sep == '.'))
			continue;
		j++;
		int b = read_num(s, &j, 1, 2);
		if (b < 0 || s[j] != sep)
			continue;
		j++;
		size_t k = j;
		int c = read_num(s, &j, 1, 4);
		if (c < 0 || isdigit((unsigned char)s[j]))
			continue;
		size_t alen = 0;
		while (isdigit((unsigned char)s[i + alen]))
			alen++;
		int y, m, d;
		if (alen == 4 && sep == '-' && j - k <= 2) {
			y = a, m = b, d = c;
		} else if (alen <= 2 && j - k == 4) {
			d = a, m = b, y = c;
		} else {
			continue;
		}
		if (valid_date(y, m, d)) {
			fmt_date(out, y, m, d);
			found = 1;
		}
	}
	return found;
}

int parse_vn_month(const char *s, char out[8])
{
	if (!s)
		return 0;
	int found = 0;
	char *key = vn_key(s);
	char **tok = xmalloc(MAX_TOK * sizeof *tok);
	size_t n = tokens(key, tok, MAX_TOK);
	/* "tháng 11 năm 2026", "tháng 11/2026", "T11/2026" */
	for (size_t i = 0; i + 1 < n && !found; i++) {
		int m = -1;
		size_t yi;
		if (strcmp(tok[i], "thang") == 0 && i + 2 < n) {
			m = num_tok(tok[i + 1], 1, 2);
			yi = i + 2;
		} else if (tok[i][0] == 't' && num_tok(tok[i] + 1, 1, 2) >= 0) {
			m = num_tok(tok[i] + 1, 1, 2);
			yi = i + 1;
		} else {
			continue;
		}
		if (m < 1 || m > 12)
			continue;
		if (strcmp(tok[yi], "nam") == 0 && yi + 1 < n)
			yi++;
		int y = num_tok(tok[yi], 4, 4);
		if (y >= 1900 && y <= 2100) {
			fmt_date(out, y, m, 0);
			found = 1;
		}
	}
	free(tok);
	free(key);
	/* "11/2026", "11-2026", "2026-11" (not part of a full date) */
	for (size_t i = 0; s[i] && !found; i++) {
		if (!isdigit((unsigned char)s[i]) || (i > 0 && isdigit((unsigned char)s[i - 1])))
			continue;
		if (i >= 2 && strchr("/-.", s[i - 1]) && isdigit((unsigned char)s[i - 2]))
			continue;
		size_t j = i;
		int a = read_num(s, &j, 1, 4);
		char sep = s[j];
		if (a < 0 || !(sep == '/' || sep == '-' || sep == '.'))
			continue;
		size_t alen = j - i;
		j++;
		size_t k = j;
		int b = read_num(s, &j, 1, 4);
		if (b < 0 || isdigit((unsigned char)s[j]))
			continue;
		if (s[j] && strchr("/-.", s[j]) && isdigit((unsigned char)s[j + 1]))
			continue;
		int y, m;
		if (alen <= 2 && j - k == 4)
			m = a, y = b;
		else if (alen == 4 && sep == '-' && j - k <= 2)
			y = a, m = b;
		else
			continue;
		if (m >= 1 && m <= 12 && y >= 1900 && y <= 2100) {
			fmt_date(out, y, m, 0);
			found = 1;
		}
	}
	return found;
}

/* ---- preamble lines ---- */

static int is_caps(const char *s)
{
	char *up = vn_upper(s);
	int caps = strcmp(up, s) == 0;
	free(up);
	return caps;
}

/* The field words of a title: from "LĨNH VỰC" / "PHONG TRÀO" to the month. */
static char *title_field(const char *norm)
{
	char *copy = xstrdup(norm);
	char *save = NULL;
	struct buf b = BUF_INIT;
	int on = 0;
	const char *prev = NULL;
	for (char *w = strtok_r(copy, " ", &save); w; w = strtok_r(NULL, " ", &save)) {
		char *k = vn_key(w);
		if (!on && prev) {
			char *pk = vn_key(prev);
			if ((strcmp(pk, "linh") == 0 && strcmp(k, "vuc") == 0) ||
			    (strcmp(pk, "phong") == 0 && strcmp(k, "trao") == 0)) {
				on = 1;
				buf_adds(&b, prev);
			}
			free(pk);
		}
		if (on && (strcmp(k, "thang") == 0 || strcmp(k, "nam") == 0 ||
			   (k[0] == 't' && isdigit((unsigned char)k[1])))) {
			free(k);
			break;
		}
		if (on) {
			buf_addc(&b, ' ');
			buf_adds(&b, w);
		}
		free(k);
		prev = w;
	}
	free(copy);
	while (b.len && strchr(" ,;:-.", b.data[b.len - 1]))
		b.data[--b.len] = '\0';
	if (!b.len) {
		buf_release(&b);
		return NULL;
	}
	return buf_detach(&b);
}

static void title_facts(struct doc_meta *m, const char *norm, const char *key)
{
	char month[8];
	if (!m->thang_vb && parse_vn_month(norm, month))
		m->thang_vb = xstrdup(month);
	if (!m->linh_vuc_goc)
		m->linh_vuc_goc = title_field(norm);
	if (!m->loai_goc) {
		int t = vn_key_contains(key, "tap the"), c = vn_key_contains(key, "ca nhan"),
		    h = vn_key_contains(key, "ho gia dinh");
		if (t + c + h == 1)
			m->loai_goc = xstrdup(t ? "Tập thể" : c ? "Cá nhân" : "Hộ gia đình");
	}
}

static void add_title(struct doc_meta *m, const char *norm)
{
	if (!m->tieu_de) {
		m->tieu_de = xstrdup(norm);
	} else if (strlen(m->tieu_de) < 1000) {
		char *j = xasprintf("%s %s", m->tieu_de, norm);
		free(m->tieu_de);
		m->tieu_de = j;
	}
}

static int is_unit_line(const char *key, const char *norm, const struct plan *p)
{
	size_t words = vn_word_count(norm);
	if (words == 0 || words > 14)
		return 0;
	if (vocab_starts(plan_vocab(p), VG_DAU_CO_QUAN_GUI, VF_KEY, key))
		return words >= 2;
	return p && words <= 10 && plan_match_unit(p, norm) != NULL;
}

int doc_meta_scan_line(struct doc_meta *m, const char *line, const struct plan *p)
{
	if (!line)
		return 0;
	char *norm = vn_normalize(line);
	char *key = vn_key(norm);
	int rec = 0, title_line = 0;
	char tmp[11];
	if (!*key || strlen(norm) > 2000)
		goto out;
	if (vn_key_contains(key, "cong hoa xa hoi chu nghia viet nam") ||
	    vn_key_contains(key, "doc lap tu do hanh phuc")) {
		rec = 1;
		goto out;
	}
	if (words_start(key, "kinh gui") || words_start(key, "noi nhan")) {
		m->in_body = 1;
		rec = 1;
		goto out;
	}
	/* "Số: 15/DS-UBND" */
	if (words_start(key, "so") && strpbrk(norm, "/:") && vn_word_count(norm) <= 8) {
		const char *v = norm;
		while (*v && *v != ' ' && *v != ':')
			v++;
		while (*v == ' ' || *v == ':')
			v++;
		size_t len = strcspn(v, " ,;");
		if (len > 0 && strpbrk(v, "0123456789/.")) {
			if (!m->so_vb)
				m->so_vb = xstrndup(v, len);
			rec = 1;
		}
	}
	/* The place-and-date line. */
	if (parse_vn_date(norm, tmp) &&
	    (vn_key_contains(key, "ngay") || vn_word_count(norm) <= 6)) {
		if (!m->ngay_vb)
			m->ngay_vb = xstrdup(tmp);
		m->in_body = 1;
		rec = 1;
		goto out;
	}
	if (rec)
		goto out;
	/* Title lines, and the lines that continue them. */
	int head = vocab_starts(plan_vocab(p), VG_DAU_TIEU_DE, VF_KEY, key) != 0;
	if (head || vn_key_contains(key, "guong dien hinh") ||
	    vn_key_contains(key, "dien hinh tien tien") ||
	    (words_start(key, "thang") && parse_vn_month(norm, (char[8]){0})) ||
	    (m->in_title && is_caps(norm) && vn_word_count(norm) <= 16)) {
		add_title(m, norm);
		title_facts(m, norm, key);
		m->in_body = 1;
		title_line = 1;
		rec = 1;
		goto out;
	}
	/* "Đơn vị: UBND xã Đức Long" */
	const char *colon = strchr(norm, ':');
	if (colon) {
		char *l = xstrndup(norm, (size_t)(colon - norm));
		char *lk = vn_key(l);
		free(l);
		int label = vocab_is(plan_vocab(p), VG_NHAN_DON_VI_GUI, VF_KEY, lk);
		free(lk);
		if (label) {
			char *v = vn_normalize(colon + 1);
			if (*v && !m->don_vi_goc)
				m->don_vi_goc = v;
			else
				free(v);
			rec = 1;
			goto out;
		}
	}
	if (is_unit_line(key, norm, p) && !colon) {
		if (!m->don_vi_goc || !m->in_body) {
			/* In the header block the lowest unit line is the sender. */
			free(m->don_vi_goc);
			m->don_vi_goc = xstrdup(norm);
		}
		rec = 1;
		goto out;
	}
	char month[8];
	if (vn_key_contains(key, "thang") && parse_vn_month(norm, month)) {
		if (!m->thang_vb)
			m->thang_vb = xstrdup(month);
		rec = 1;
	}
out:
	m->in_title = (unsigned char)title_line;
	free(key);
	free(norm);
	return rec;
}
