/* vn_names.c - names: proper case of a person's name, a collective's name,
 * honorifics. */
#include "text.h"
#include "text_impl.h"
#include "buf.h"
#include "util.h"
#include "vocab.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

/* Proper case of u[a..b): first letter upper, the rest lower. */
static void u_proper(struct ustr *u, size_t a, size_t b)
{
	int first = 1;
	for (size_t i = a; i < b; i++) {
		utf8proc_int32_t c = u->v[i];
		if (!is_letter(c))
			continue;
		u->v[i] = first ? utf8proc_toupper(c) : utf8proc_tolower(c);
		first = 0;
	}
}

char *vn_proper_name(const char *s)
{
	if (s && quick_normal(s, strlen(s), 0)) {
		char *q = quick_case(s, 2);
		if (q)
			return q;
	}
	struct ustr in = USTR_INIT, u = USTR_INIT;
	u_from_utf8(&in, s);
	u_normalize(&in, &u, 0);
	u_release(&in);
	size_t i = 0;
	while (i < u.n) {
		if (!is_alnum(u.v[i])) {
			i++;
			continue;
		}
		size_t j = i;
		while (j < u.n && (is_alnum(u.v[j]) || is_mark(u.v[j])))
			j++;
		u_proper(&u, i, j);
		i = j;
	}
	return u_detach(&u);
}

/* A word of a collective's name. */
struct cword {
	size_t s, e; /* its code points in the ustr: [s, e) */
	char *low;   /* lower-case UTF-8 NFC copy */
	int start;   /* after punctuation: 1 a comma, 2 a dash, bracket...
		      * or the start (a new component, capitalised) */
};

/* Number of words of w[0..n) matched by the lower-case phrase p, or 0. */
static int phrase_match(const char *p, const struct cword *w, size_t n)
{
	size_t k = 0;
	while (*p) {
		if (k >= n || (k > 0 && w[k].start))
			return 0;
		size_t l = strlen(w[k].low);
		if (strncmp(p, w[k].low, l) != 0 || (p[l] != ' ' && p[l] != '\0'))
			return 0;
		p += l;
		k++;
		if (*p == ' ')
			p++;
	}
	return (int)k;
}

/* Splits u into words. */
static struct cword *collective_words(const struct ustr *u, size_t *nw)
{
	struct cword *w = NULL;
	size_t n = 0, cap = 0, i = 0;
	int comp_start = 2;
	struct ustr t = USTR_INIT;
	struct buf b = BUF_INIT;
	while (i < u->n) {
		if (!is_alnum(u->v[i])) {
			utf8proc_int32_t c = u->v[i];
			if (c == ',' || c == ';')
				comp_start = comp_start > 1 ? comp_start : 1;
			else if (c != ' ')
				comp_start = 2;
			i++;
			continue;
		}
		size_t j = i;
		while (j < u->n && (is_alnum(u->v[j]) || is_mark(u->v[j])))
			j++;
		XGROW(w, cap, n + 1);
		t.n = 0;
		for (size_t k = i; k < j; k++)
			u_push(&t, utf8proc_tolower(u->v[k]));
		u_to_utf8(&t, &b);
		w[n].s = i;
		w[n].e = j;
		w[n].low = buf_detach(&b);
		w[n].start = comp_start;
		n++;
		comp_start = 0;
		i = j;
	}
	u_release(&t);
	*nw = n;
	return w;
}

char *vn_collective_name(const char *s, const struct vocab *voc)
{
	struct ustr in = USTR_INIT, u = USTR_INIT;
	u_from_utf8(&in, s);
	u_normalize(&in, &u, 0);
	u_release(&in);
	int upper = 0, lower = 0;
	for (size_t i = 0; i < u.n; i++) {
		utf8proc_category_t k = utf8proc_category(u.v[i]);
		upper += k == UTF8PROC_CATEGORY_LU;
		lower += k == UTF8PROC_CATEGORY_LL;
	}
	if (lower || upper < 2)
		return u_detach(&u);

	size_t nw;
	struct cword *w = collective_words(&u, &nw);
	for (size_t x = 0; x < nw;) {
		int best = 0, best_lower = 0;
		for (size_t p = 0; p < vocab_count(voc, VG_TU_GHEP); p++) {
			int m =
			    phrase_match(vocab_phrase(voc, VG_TU_GHEP, p, VF_LOWER), w + x, nw - x);
			if (m > best) {
				best = m;
				best_lower = 0;
			}
		}
		for (size_t p = 0; p < vocab_count(voc, VG_TU_THUONG); p++) {
			int m = phrase_match(vocab_phrase(voc, VG_TU_THUONG, p, VF_LOWER), w + x,
					     nw - x);
			if (m > best) {
				best = m;
				best_lower = 1;
			}
		}
		if (!best) {
			/* a plain syllable is a proper name's; anything else
			 * (UBND, THCS, II) is an abbreviation and stays */
			int marked;
			if (u_word_syllable(&u, w[x].s, w[x].e, &marked))
				u_proper(&u, w[x].s, w[x].e);
			x++;
			continue;
		}
		for (int k = 0; k < best; k++)
			for (size_t q = w[x + (size_t)k].s; q < w[x + (size_t)k].e; q++)
				u.v[q] = utf8proc_tolower(u.v[q]);
		if (!best_lower || w[x].start == 2)
			u_proper(&u, w[x].s, w[x].e);
		x += (size_t)best;
	}
	for (size_t x = 0; x < nw; x++)
		free(w[x].low);
	free(w);
	return u_detach(&u);
}

/* ----------------------------------------------------------- honorifics */

/* Length of the honorific (and its separators) that low starts with, or 0
 * when none is followed by a name. */
static size_t honorific_len(const struct vocab *voc, const char *low)
{
	for (size_t h = 0; h < vocab_count(voc, VG_DANH_XUNG); h++) {
		const char *hon = vocab_phrase(voc, VG_DANH_XUNG, h, VF_LOWER);
		size_t l = strlen(hon);
		if (!l || strncmp(low, hon, l) != 0)
			continue;
		char c = low[l];
		if (c != ' ' && c != ':' && c != '.')
			continue;
		size_t k = l;
		while (low[k] == ' ' || low[k] == ':' || low[k] == '.')
			k++;
		if (low[k])
			return k;
	}
	return 0;
}

char *vn_strip_honorific(const char *s, const struct vocab *voc)
{
	char *n = vn_normalize(s);
	char *low = vn_lower(n);
	size_t off = 0, k;
	/* lower-casing keeps the byte length of these Vietnamese prefixes;
	 * check it, and strip at most two ("Ông bà ...") */
	if (strlen(low) == strlen(n))
		for (int round = 0; round < 2 && (k = honorific_len(voc, low + off)) != 0; round++)
			off += k;
	free(low);
	if (!off)
		return n;
	char *r = xstrdup(n + off);
	free(n);
	return r;
}
