/* vn_text.c - Vietnamese text: tone placement, syllables, normalisation, matching
 * keys, casing, words and years. */
#include "text.h"
#include "text_impl.h"
#include "buf.h"
#include "util.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

/* ------------------------------------------------ Vietnamese letters */

/* Tone numbers: 0 none, 1 huyền, 2 hỏi, 3 ngã, 4 sắc, 5 nặng (collation order). */
int tone_of_mark(utf8proc_int32_t c)
{
	switch (c) {
	case M_GRAVE:
		return 1;
	case M_HOOK:
		return 2;
	case M_TILDE:
		return 3;
	case M_ACUTE:
		return 4;
	case M_DOT:
		return 5;
	default:
		return 0;
	}
}

/* One letter of a word being analysed. */
struct vl {
	char base;   /* lower-case ASCII letter, or 'D' for đ */
	char mod;    /* 0, 'w' breve, '^' circumflex, '+' horn */
	char tone;   /* 0..5 as tone_of_mark() */
	size_t pos;  /* index of the base in the ustr */
	size_t tpos; /* index of the tone mark (valid when tone) */
};

#define MAX_VL 12

static int vl_vowel(const struct vl *l)
{
	switch (l->base) {
	case 'a':
	case 'e':
	case 'i':
	case 'o':
	case 'u':
	case 'y':
		return 1;
	default:
		return 0;
	}
}

/* Splits u[a..b) into Vietnamese letters.  Returns the count, or -1 when the
 * word is not made of Vietnamese letters only. */
static int vl_parse(const struct ustr *u, size_t a, size_t b, struct vl *l, int *ntones)
{
	int n = 0;
	*ntones = 0;
	for (size_t i = a; i < b; i++) {
		utf8proc_int32_t c = u->v[i];
		if (!is_mark(c)) {
			char base;
			if (c < 0x80 && is_letter(c))
				base = (char)(c | 0x20);
			else if (c == 0x110 || c == 0x111)
				base = 'D';
			else
				return -1;
			if (n == MAX_VL)
				return -1;
			l[n].base = base;
			l[n].mod = 0;
			l[n].tone = 0;
			l[n].pos = i;
			l[n].tpos = 0;
			n++;
			continue;
		}
		if (n == 0)
			return -1;
		struct vl *x = &l[n - 1];
		int t = tone_of_mark(c);
		if (t) {
			if (x->tone)
				return -1;
			x->tone = (char)t;
			x->tpos = i;
			(*ntones)++;
			continue;
		}
		char m = c == M_BREVE ? 'w' : c == M_CIRC ? '^' : c == M_HORN ? '+' : 0;
		if (!m || x->mod)
			return -1;
		if ((m == 'w' && x->base != 'a') || (m == '^' && !strchr("aeo", x->base)) ||
		    (m == '+' && !strchr("ou", x->base)))
			return -1;
		x->mod = m;
	}
	return n;
}

/* Splits a word into initial [0,v0), nucleus [v0,v1) and final [v1,n) by
 * shape only.  Returns 0, or -1 when it is not one syllable. */
static int syl_shape(const struct vl *l, int n, int *v0p, int *v1p)
{
	int v0 = 0;
	while (v0 < n && !vl_vowel(&l[v0]))
		v0++;
	if (v0 == n)
		return -1;
	if (v0 > 0 && l[v0 - 1].base == 'q' && l[v0].base == 'u' && !l[v0].mod && v0 + 1 < n &&
	    vl_vowel(&l[v0 + 1]))
		v0++;
	else if (v0 == 1 && l[0].base == 'g' && l[1].base == 'i' && !l[1].mod && n > 2 &&
		 vl_vowel(&l[2]))
		v0++;
	int v1 = v0;
	while (v1 < n && vl_vowel(&l[v1]))
		v1++;
	for (int k = v1; k < n; k++)
		if (vl_vowel(&l[k]))
			return -1;
	if (v1 - v0 > 3)
		return -1;
	*v0p = v0;
	*v1p = v1;
	return 0;
}

/* Letter index where the tone belongs (old style). */
static int tone_target(const struct vl *l, int n, int v0, int v1)
{
	for (int k = v1 - 1; k >= v0; k--)
		if (l[k].mod)
			return k;
	int len = v1 - v0;
	if (len == 1)
		return v0;
	if (len == 3)
		return v0 + 1;
	return v1 < n ? v0 + 1 : v0;
}

/* Moves the single tone mark of the word u[a..b) to its place. */
static void fix_word_tone(struct ustr *u, size_t a, size_t b)
{
	struct vl l[MAX_VL];
	int nt, v0, v1;
	int n = vl_parse(u, a, b, l, &nt);
	if (n <= 0 || nt != 1 || syl_shape(l, n, &v0, &v1) < 0)
		return;
	int cur = -1;
	for (int k = 0; k < n; k++)
		if (l[k].tone)
			cur = k;
	int tgt = tone_target(l, n, v0, v1);
	if (cur == tgt)
		return;
	utf8proc_int32_t mark = u->v[l[cur].tpos];
	int mc = ccc(mark);
	/* remove the mark */
	memmove(&u->v[l[cur].tpos], &u->v[l[cur].tpos + 1],
		(b - l[cur].tpos - 1) * sizeof(u->v[0]));
	/* re-find the target cluster's end after the removal */
	size_t start = l[tgt].pos;
	if (l[cur].tpos < start)
		start--;
	size_t end = start + 1;
	while (end < b - 1 && is_mark(u->v[end]) && ccc(u->v[end]) <= mc)
		end++;
	memmove(&u->v[end + 1], &u->v[end], (b - 1 - end) * sizeof(u->v[0]));
	u->v[end] = mark;
}

/* Applies fix_word_tone to every word of u. */
static void fix_tones(struct ustr *u)
{
	size_t i = 0;
	while (i < u->n) {
		if (!is_letter(u->v[i]) && !is_mark(u->v[i])) {
			i++;
			continue;
		}
		size_t j = i;
		while (j < u->n && (is_letter(u->v[j]) || is_mark(u->v[j])))
			j++;
		fix_word_tone(u, i, j);
		i = j;
	}
}

/* ---------------------------------------------------- syllable check */

static const char *const initials[] = {"",   "b",  "c", "ch", "d",  "D",  "g",	 "gh", "gi", "h",
				       "k",  "kh", "l", "m",  "n",  "ng", "ngh", "nh", "p",  "ph",
				       "qu", "r",  "s", "t",  "th", "tr", "v",	 "x"};
/* Nuclei in a Telex-like spelling: aw ă, a^ â, e^ ê, o^ ô, o+ ơ, u+ ư. */
static const char *const nuclei[] = {
    "a",    "aw",    "a^",    "e",    "e^",   "i",   "o",    "o^",   "o+",  "u",   "u+",  "y",
    "ai",   "ao",    "au",    "ay",   "a^u",  "a^y", "eo",   "e^u",  "ia",  "ie^", "iu",  "oa",
    "oaw",  "oe",    "oi",    "o^i",  "o+i",  "oo",  "ua",   "ua^",  "ue^", "ui",  "uo^", "uo+",
    "uy",   "u+a",   "u+i",   "u+o+", "u+u",  "ye^", "ie^u", "ye^u", "oai", "oay", "oeo", "ua^y",
    "uo^i", "u+o+i", "u+o+u", "uya",  "uye^", "uyu", "ueo",  "uai"};
static const char *const finals[] = {"", "c", "ch", "m", "n", "ng", "nh", "p", "t"};

static int in_list(const char *s, const char *const *list, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (list[i][0] == s[0] && strcmp(s, list[i]) == 0)
			return 1;
	return 0;
}

/* 1 when l[0..n) spells one valid Vietnamese syllable. */
static int vl_syllable(const struct vl *l, int n, int ntones)
{
	int v0, v1;
	if (n <= 0 || ntones > 1 || syl_shape(l, n, &v0, &v1) < 0)
		return 0;
	char ini[8], nuc[16], fin[8];
	size_t k = 0;
	for (int i = 0; i < v0; i++) {
		if (l[i].mod || l[i].tone)
			return 0;
		ini[k++] = l[i].base;
		if (k > 4)
			return 0;
	}
	ini[k] = 0;
	k = 0;
	for (int i = v0; i < v1; i++) {
		nuc[k++] = l[i].base;
		if (l[i].mod)
			nuc[k++] = l[i].mod;
	}
	nuc[k] = 0;
	k = 0;
	for (int i = v1; i < n; i++) {
		if (l[i].mod || l[i].tone || k > 2)
			return 0;
		fin[k++] = l[i].base;
	}
	fin[k] = 0;
	if (!in_list(ini, initials, ARRAY_SIZE(initials)) ||
	    !in_list(nuc, nuclei, ARRAY_SIZE(nuclei)) || !in_list(fin, finals, ARRAY_SIZE(finals)))
		return 0;
	/* stop finals take only sắc or nặng */
	if ((!strcmp(fin, "c") || !strcmp(fin, "ch") || !strcmp(fin, "p") || !strcmp(fin, "t")))
		for (int i = v0; i < v1; i++)
			if (l[i].tone && l[i].tone != 4 && l[i].tone != 5)
				return 0;
	return 1;
}

int u_word_syllable(const struct ustr *u, size_t a, size_t b, int *marked)
{
	struct vl l[MAX_VL];
	int nt;
	int n = vl_parse(u, a, b, l, &nt);
	*marked = 0;
	for (size_t i = a; i < b; i++)
		if (u->v[i] >= 0x80)
			*marked = 1;
	return n > 0 && vl_syllable(l, n, nt);
}

int vn_is_syllable(const char *word)
{
	struct ustr u = USTR_INIT;
	u_from_utf8(&u, word);
	int marked, ok = u.n > 0 && u_word_syllable(&u, 0, u.n, &marked);
	u_release(&u);
	return ok;
}

void vn_syllable_stats(const char *s, size_t *good, size_t *bad)
{
	struct ustr u = USTR_INIT;
	u_from_utf8(&u, s);
	*good = *bad = 0;
	size_t i = 0;
	while (i < u.n) {
		if (!is_letter(u.v[i]) && !is_mark(u.v[i])) {
			i++;
			continue;
		}
		size_t j = i;
		while (j < u.n && (is_letter(u.v[j]) || is_mark(u.v[j])))
			j++;
		int marked;
		int ok = u_word_syllable(&u, i, j, &marked);
		if (marked) {
			if (ok)
				(*good)++;
			else
				(*bad)++;
		}
		i = j;
	}
	u_release(&u);
}

/* ---------------------------------------------------------- quick paths */

/* Most text arrives already normal: ASCII and precomposed Vietnamese letters
 * (NFC), single spaces, tones in place.  The quick paths recognise such text
 * in one pass over the bytes and skip the round trip through code points and
 * utf8proc; anything else takes the full path.  Unit tests hold the two
 * paths equal (vn_normalize_full, vn_key_full). */

/* The letters of the word being scanned, as vl_parse() would give them. */
struct qword {
	struct vl l[MAX_VL];
	int n;	  /* letters */
	int nt;	  /* letters with a tone */
	int nv;	  /* vowels */
	int over; /* more than MAX_VL letters: vl_parse() refuses the word */
};

static void qword_add(struct qword *w, char base, char mod, char tone)
{
	if (w->n == MAX_VL) {
		w->over = 1;
		return;
	}
	struct vl *x = &w->l[w->n++];
	x->base = base;
	x->mod = mod;
	x->tone = tone;
	x->pos = x->tpos = 0;
	w->nt += tone != 0;
	w->nv += vl_vowel(x);
}

/* 1 when fix_word_tone() leaves the word as it is; resets w.  (Tones only
 * come on vowels here: with one vowel the tone is where it belongs.) */
static int qword_end(struct qword *w)
{
	int ok = 1, v0, v1;
	if (!w->over && w->nt == 1 && w->nv > 1 && syl_shape(w->l, w->n, &v0, &v1) == 0) {
		int cur = -1;
		for (int k = 0; k < w->n; k++)
			if (w->l[k].tone)
				cur = k;
		ok = cur == tone_target(w->l, w->n, v0, v1);
	}
	w->n = w->nt = w->nv = w->over = 0;
	return ok;
}

/* 1 when s[0..len) is its own normal form (normalize(s, keep_lines) == s):
 * only ASCII graphic characters, Vietnamese letters and quick_punct(); single
 * spaces (with keep_lines single line breaks) between other characters;
 * every tone in place.  0 means "take the full path". */
int quick_normal(const char *s, size_t len, int keep_lines)
{
	const unsigned char *p = (const unsigned char *)s, *end = p + len;
	struct qword w = {.n = 0, .nt = 0, .nv = 0, .over = 0};
	int sep = 1; /* at the start or after a separator */
	while (p < end) {
		unsigned c = *p;
		if (c < 0x80) {
			p++;
			if (c == ' ' || (c == '\n' && keep_lines)) {
				if (sep)
					return 0;
				sep = 1;
			} else if (c < 0x20 || c == 0x7F) {
				return 0;
			} else {
				sep = 0;
				if ((c | 0x20) >= 'a' && (c | 0x20) <= 'z') {
					qword_add(&w, (char)(c | 0x20), 0, 0);
					continue;
				}
			}
		} else {
			size_t adv;
			c = dec1(p, (size_t)(end - p), &adv);
			p += adv;
			const struct vchar *v = vchar_of(c);
			if (!v && !quick_punct(c))
				return 0;
			sep = 0;
			if (v) {
				qword_add(&w, v->base, v->mod, v->tone);
				continue;
			}
		}
		if (!qword_end(&w))
			return 0;
	}
	if (sep && len)
		return 0;
	return qword_end(&w);
}

/* make_key()'s result for s, or NULL when s holds anything but ASCII,
 * Vietnamese letters and quick_punct() (or, for an identity key, a tone out
 * of place). */
static char *quick_key(const char *s, int strip)
{
	size_t len = strlen(s);
	const unsigned char *p = (const unsigned char *)s, *end = p + len;
	/* a key is never longer than its text: letters keep their length
	 * (stripped: shorter), a run of separators becomes at most one space */
	char *out = xmalloc(len + 1);
	size_t o = 0;
	int pend = 0;
	struct qword w = {.n = 0, .nt = 0, .nv = 0, .over = 0};
	while (p < end) {
		unsigned c = *p;
		if (c < 0x80) {
			p++;
			int letter = (c | 0x20) >= 'a' && (c | 0x20) <= 'z';
			if (!letter && !(c >= '0' && c <= '9')) {
				if (o)
					pend = 1;
				if (!strip && !qword_end(&w))
					goto slow;
				continue;
			}
			if (letter) {
				c |= 0x20;
				qword_add(&w, (char)c, 0, 0);
			} else if (!strip && !qword_end(&w)) {
				goto slow;
			}
			if (pend)
				out[o++] = ' ';
			pend = 0;
			out[o++] = (char)c;
			continue;
		}
		size_t adv;
		c = dec1(p, (size_t)(end - p), &adv);
		p += adv;
		const struct vchar *v = vchar_of(c);
		if (!v) {
			if (!quick_punct(c))
				goto slow;
			if (o)
				pend = 1;
			if (!strip && !qword_end(&w))
				goto slow;
			continue;
		}
		qword_add(&w, v->base, v->mod, v->tone);
		if (pend)
			out[o++] = ' ';
		pend = 0;
		if (strip) {
			out[o++] = v->base == 'D' ? 'd' : v->base;
		} else {
			unsigned lc = vchar_lower(c, v);
			if (lc < 0x800) {
				out[o++] = (char)(0xC0 | (lc >> 6));
			} else {
				out[o++] = (char)(0xE0 | (lc >> 12));
				out[o++] = (char)(0x80 | ((lc >> 6) & 0x3F));
			}
			out[o++] = (char)(0x80 | (lc & 0x3F));
		}
	}
	if (!strip && !qword_end(&w))
		goto slow;
	out[o] = '\0';
	return out;
slow:
	free(out);
	return NULL;
}

/* ------------------------------------------------------ normalisation */

/* Canonical order again after characters between marks were dropped: a
 * stable insertion sort of each run of marks by combining class, the run cut
 * to MAX_MARKS. */
static void u_reorder(struct ustr *u)
{
	size_t o = 0, run = 0;
	for (size_t i = 0; i < u->n; i++) {
		utf8proc_int32_t c = u->v[i];
		int cc = ccc(c);
		if (!cc) {
			run = 0;
			u->v[o++] = c;
			continue;
		}
		if (++run > MAX_MARKS)
			continue;
		size_t j = o++;
		while (j > 0 && run > 1 && j > o - run && ccc(u->v[j - 1]) > cc) {
			u->v[j] = u->v[j - 1];
			j--;
		}
		u->v[j] = c;
	}
	u->n = o;
}

/* Whitespace collapsed, controls dropped, Ð ð -> Đ đ, tones placed.  With
 * keep_lines, line breaks survive (empty lines removed). */
void u_normalize(const struct ustr *in, struct ustr *out, int keep_lines)
{
	int pend_sp = 0, pend_nl = 0;
	out->n = 0;
	for (size_t i = 0; i < in->n; i++) {
		utf8proc_int32_t c = in->v[i];
		if (keep_lines && is_linebreak(c)) {
			if (out->n)
				pend_nl = 1;
			pend_sp = 0;
			continue;
		}
		if (is_space(c)) {
			if (out->n && !pend_nl)
				pend_sp = 1;
			continue;
		}
		if (is_dropped(c))
			continue;
		if (pend_nl)
			u_push(out, '\n');
		else if (pend_sp)
			u_push(out, ' ');
		pend_nl = pend_sp = 0;
		if (c == 0xD0)
			c = 0x110;
		else if (c == 0xF0)
			c = 0x111;
		u_push(out, c);
	}
	u_reorder(out);
	fix_tones(out);
}

char *vn_normalize_full(const char *s, int keep_lines)
{
	struct ustr in = USTR_INIT, out = USTR_INIT;
	u_from_utf8(&in, s);
	u_normalize(&in, &out, keep_lines);
	u_release(&in);
	return u_detach(&out);
}

static char *normalize(const char *s, int keep_lines)
{
	size_t len = s ? strlen(s) : 0;
	if (quick_normal(s, len, keep_lines)) {
		char *r = xmalloc(len + 1);
		memcpy(r, s ? s : "", len + 1);
		return r;
	}
	return vn_normalize_full(s, keep_lines);
}

char *vn_normalize(const char *s)
{
	return normalize(s, 0);
}

char *vn_normalize_lines(const char *s)
{
	return normalize(s, 1);
}

char *vn_fix_tone_placement(const char *s)
{
	struct ustr u = USTR_INIT;
	u_from_utf8(&u, s);
	fix_tones(&u);
	return u_detach(&u);
}

/* ----------------------------------------------------------------- keys */

/* Builds a key: lower case, punctuation -> one space, trimmed; with strip,
 * diacritics removed and đ -> d. */
static char *make_key_full(const char *s, int strip)
{
	struct ustr u = USTR_INIT, k = USTR_INIT;
	u_from_utf8(&u, s);
	if (!strip)
		fix_tones(&u);
	int pend = 0;
	for (size_t i = 0; i < u.n; i++) {
		utf8proc_int32_t c = u.v[i];
		if (is_mark(c)) {
			if (!strip && k.n && !pend)
				u_push(&k, c);
			continue;
		}
		if (!is_alnum(c)) {
			if (k.n)
				pend = 1;
			continue;
		}
		if (strip && (c == 0x110 || c == 0x111 || c == 0xD0 || c == 0xF0 || c == 0x189))
			c = 'd';
		else if (c == 0xD0 || c == 0xF0)
			c = 0x111;
		else
			c = utf8proc_tolower(c);
		if (pend)
			u_push(&k, ' ');
		pend = 0;
		u_push(&k, c);
	}
	u_release(&u);
	return u_detach(&k);
}

char *vn_key_full(const char *s, int ident)
{
	return make_key_full(s, !ident);
}

static char *make_key(const char *s, int strip)
{
	char *k = quick_key(s ? s : "", strip);
	return k ? k : make_key_full(s, strip);
}

char *vn_key(const char *s)
{
	return make_key(s, 1);
}

char *vn_ident_key(const char *s)
{
	return make_key(s, 0);
}

int vn_key_contains(const char *hay, const char *needle)
{
	if (!hay || !needle)
		return 0;
	size_t nl = strlen(needle);
	if (!nl)
		return 0;
	for (const char *p = hay; (p = strstr(p, needle)) != NULL; p++) {
		if ((p == hay || p[-1] == ' ') && (p[nl] == '\0' || p[nl] == ' '))
			return 1;
	}
	return 0;
}

/* --------------------------------------------------------------- casing */

/* map_case()'s quick path (upper 1 or 0), and vn_proper_name()'s (upper 2,
 * for normal text only): text of ASCII, Vietnamese letters and quick_punct()
 * (the case pairs keep their UTF-8 length), else NULL. */
char *quick_case(const char *s, int upper)
{
	size_t len = strlen(s);
	char *out = xmalloc(len + 1);
	const unsigned char *p = (const unsigned char *)s, *end = p + len;
	size_t o = 0;
	int first = 1; /* proper case: no letter yet in this run of letters and digits */
	while (p < end) {
		unsigned c = *p;
		if (c < 0x80) {
			p++;
			if ((c | 0x20) >= 'a' && (c | 0x20) <= 'z') {
				int up = upper == 2 ? first : upper;
				c = up ? c & ~0x20u : c | 0x20;
				first = 0;
			} else if (!(c >= '0' && c <= '9')) {
				first = 1;
			}
			out[o++] = (char)c;
			continue;
		}
		size_t adv;
		c = dec1(p, (size_t)(end - p), &adv);
		const struct vchar *v = vchar_of(c);
		if (!v) {
			if (!quick_punct(c)) {
				free(out);
				return NULL;
			}
			first = 1;
			memcpy(out + o, p, adv);
			o += adv;
			p += adv;
			continue;
		}
		p += adv;
		int up = upper == 2 ? first : upper;
		first = 0;
		if (up && !v->upper)
			c = c < 0x100 ? c - 0x20 : c - 1;
		else if (!up)
			c = vchar_lower(c, v);
		if (c < 0x800) {
			out[o++] = (char)(0xC0 | (c >> 6));
		} else {
			out[o++] = (char)(0xE0 | (c >> 12));
			out[o++] = (char)(0x80 | ((c >> 6) & 0x3F));
		}
		out[o++] = (char)(0x80 | (c & 0x3F));
	}
	out[o] = '\0';
	return out;
}

static char *map_case(const char *s, int upper)
{
	char *q = quick_case(s ? s : "", upper);
	if (q)
		return q;
	struct ustr u = USTR_INIT;
	u_from_utf8(&u, s);
	for (size_t i = 0; i < u.n; i++)
		u.v[i] = upper ? utf8proc_toupper(u.v[i]) : utf8proc_tolower(u.v[i]);
	return u_detach(&u);
}

char *vn_upper(const char *s)
{
	return map_case(s, 1);
}

char *vn_lower(const char *s)
{
	return map_case(s, 0);
}

/* ---------------------------------------------------------------- words */

size_t vn_word_count(const char *s)
{
	size_t n = 0;
	int in = 0;
	const char *p = s ? s : "";
	unsigned c;
	while (*p) {
		unsigned char b = (unsigned char)*p;
		if (b < 0x80) { /* ASCII without decoding */
			p++;
			if (((b | 0x20) >= 'a' && (b | 0x20) <= 'z') || (b >= '0' && b <= '9')) {
				if (!in)
					n++;
				in = 1;
			} else {
				in = 0;
			}
			continue;
		}
		c = utf8_next(&p);
		utf8proc_int32_t cp = (utf8proc_int32_t)c;
		if (is_alnum(cp) || (in && is_mark(cp))) {
			if (!in)
				n++;
			in = 1;
		} else {
			in = 0;
		}
	}
	return n;
}

/* ----------------------------------------------------------------- years */

int vn_parse_year(const char *s)
{
	const char *p = s ? s : "";
	while (*p) {
		if (*p < '0' || *p > '9') {
			p++;
			continue;
		}
		const char *q = p;
		while (*q >= '0' && *q <= '9')
			q++;
		if (q - p == 4) {
			int y = (p[0] - '0') * 1000 + (p[1] - '0') * 100 + (p[2] - '0') * 10 +
				(p[3] - '0');
			if (y >= 1800 && y <= 2199)
				return y;
		}
		p = q;
	}
	return 0;
}
