/* text.c - Vietnamese text core: UTF-8 decoding, NFC, tone placement, keys,
 * casing, honorifics and collation. */
#include "text.h"
#include "buf.h"
#include "util.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

/* ---------------------------------------------------------------- UTF-8 */

/* Decodes one code point of p[0..avail) (avail >= 1); *adv gets the bytes
 * consumed (the maximal subpart of a bad sequence). */
static unsigned dec1(const unsigned char *p, size_t avail, size_t *adv)
{
	unsigned c = p[0];
	*adv = 1;
	if (c < 0x80)
		return c;
	size_t n;
	unsigned cp, min;
	if (c >= 0xC2 && c <= 0xDF) {
		n = 1;
		cp = c & 0x1F;
		min = 0x80;
	} else if (c >= 0xE0 && c <= 0xEF) {
		n = 2;
		cp = c & 0x0F;
		min = 0x800;
	} else if (c >= 0xF0 && c <= 0xF4) {
		n = 3;
		cp = c & 0x07;
		min = 0x10000;
	} else {
		return 0xFFFD;
	}
	for (size_t i = 1; i <= n; i++) {
		if (i >= avail || (p[i] & 0xC0) != 0x80) {
			*adv = i;
			return 0xFFFD;
		}
		cp = (cp << 6) | (p[i] & 0x3F);
		/* reject overlongs and surrogates as early as possible */
		if (i == 1 && ((n == 2 && cp < 0x20) || (n == 2 && cp >= 0x360 && cp <= 0x37F) ||
			       (n == 3 && cp < 0x10) || (n == 3 && cp > 0x10F))) {
			*adv = 1;
			return 0xFFFD;
		}
	}
	*adv = n + 1;
	if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
		return 0xFFFD;
	return cp;
}

int utf8_valid(const char *s, size_t len)
{
	if (!s)
		return len == 0;
	const unsigned char *p = (const unsigned char *)s, *end = p + len;
	while (p < end) {
		if (*p < 0x80) {
			p++;
			continue;
		}
		size_t adv;
		unsigned cp = dec1(p, (size_t)(end - p), &adv);
		/* U+FFFD means a bad sequence unless it was written as such */
		if (cp == 0xFFFD && !(adv == 3 && p[0] == 0xEF && p[1] == 0xBF && p[2] == 0xBD))
			return 0;
		p += adv;
	}
	return 1;
}

unsigned utf8_next(const char **s)
{
	const unsigned char *p = (const unsigned char *)*s;
	if (!p[0])
		return 0;
	size_t adv;
	unsigned cp = dec1(p, 4, &adv);
	*s += adv;
	return cp;
}

/* ------------------------------------------------ Vietnamese letters */

/* A precomposed Vietnamese letter: its base (lower-case ASCII vowel, 'D' for
 * đ), modifier ('w' breve, '^' circumflex, '+' horn, or 0), tone (as
 * tone_of_mark) and case.  base 0: not a Vietnamese letter. */
struct vchar {
	char base, mod, tone, upper;
};

/* Generated from Unicode's decompositions: U+00C0..U+01B0, U+1EA0..U+1EF9. */
static const struct vchar vchar_lat[0x1B0 - 0xC0 + 1] = {
    {'a', 0, 1, 1},   {'a', 0, 4, 1},	{'a', '^', 0, 1}, {'a', 0, 3, 1}, {0, 0, 0, 0},
    {0, 0, 0, 0},     {0, 0, 0, 0},	{0, 0, 0, 0},	  {'e', 0, 1, 1}, {'e', 0, 4, 1},
    {'e', '^', 0, 1}, {0, 0, 0, 0},	{'i', 0, 1, 1},	  {'i', 0, 4, 1}, {0, 0, 0, 0},
    {0, 0, 0, 0},     {0, 0, 0, 0},	{0, 0, 0, 0},	  {'o', 0, 1, 1}, {'o', 0, 4, 1},
    {'o', '^', 0, 1}, {'o', 0, 3, 1},	{0, 0, 0, 0},	  {0, 0, 0, 0},	  {0, 0, 0, 0},
    {'u', 0, 1, 1},   {'u', 0, 4, 1},	{0, 0, 0, 0},	  {0, 0, 0, 0},	  {'y', 0, 4, 1},
    {0, 0, 0, 0},     {0, 0, 0, 0},	{'a', 0, 1, 0},	  {'a', 0, 4, 0}, {'a', '^', 0, 0},
    {'a', 0, 3, 0},   {0, 0, 0, 0},	{0, 0, 0, 0},	  {0, 0, 0, 0},	  {0, 0, 0, 0},
    {'e', 0, 1, 0},   {'e', 0, 4, 0},	{'e', '^', 0, 0}, {0, 0, 0, 0},	  {'i', 0, 1, 0},
    {'i', 0, 4, 0},   {0, 0, 0, 0},	{0, 0, 0, 0},	  {0, 0, 0, 0},	  {0, 0, 0, 0},
    {'o', 0, 1, 0},   {'o', 0, 4, 0},	{'o', '^', 0, 0}, {'o', 0, 3, 0}, {0, 0, 0, 0},
    {0, 0, 0, 0},     {0, 0, 0, 0},	{'u', 0, 1, 0},	  {'u', 0, 4, 0}, {0, 0, 0, 0},
    {0, 0, 0, 0},     {'y', 0, 4, 0},	{0, 0, 0, 0},	  {0, 0, 0, 0},	  {0, 0, 0, 0},
    {0, 0, 0, 0},     {'a', 'w', 0, 1}, {'a', 'w', 0, 0}, {0, 0, 0, 0},	  {0, 0, 0, 0},
    {0, 0, 0, 0},     {0, 0, 0, 0},	{0, 0, 0, 0},	  {0, 0, 0, 0},	  {0, 0, 0, 0},
    {0, 0, 0, 0},     {0, 0, 0, 0},	{0, 0, 0, 0},	  {0, 0, 0, 0},	  {0, 0, 0, 0},
    {'D', 0, 0, 1},   {'D', 0, 0, 0},	{0, 0, 0, 0},	  {0, 0, 0, 0},	  {0, 0, 0, 0},
    {0, 0, 0, 0},     {0, 0, 0, 0},	{0, 0, 0, 0},	  {0, 0, 0, 0},	  {0, 0, 0, 0},
    {0, 0, 0, 0},     {0, 0, 0, 0},	{0, 0, 0, 0},	  {0, 0, 0, 0},	  {0, 0, 0, 0},
    {0, 0, 0, 0},     {0, 0, 0, 0},	{0, 0, 0, 0},	  {0, 0, 0, 0},	  {0, 0, 0, 0},
    {0, 0, 0, 0},     {0, 0, 0, 0},	{0, 0, 0, 0},	  {0, 0, 0, 0},	  {'i', 0, 3, 1},
    {'i', 0, 3, 0},   {0, 0, 0, 0},	{0, 0, 0, 0},	  {0, 0, 0, 0},	  {0, 0, 0, 0},
    {0, 0, 0, 0},     {0, 0, 0, 0},	{0, 0, 0, 0},	  {0, 0, 0, 0},	  {0, 0, 0, 0},
    {0, 0, 0, 0},     {0, 0, 0, 0},	{0, 0, 0, 0},	  {0, 0, 0, 0},	  {0, 0, 0, 0},
    {0, 0, 0, 0},     {0, 0, 0, 0},	{0, 0, 0, 0},	  {0, 0, 0, 0},	  {0, 0, 0, 0},
    {0, 0, 0, 0},     {0, 0, 0, 0},	{0, 0, 0, 0},	  {0, 0, 0, 0},	  {0, 0, 0, 0},
    {0, 0, 0, 0},     {0, 0, 0, 0},	{0, 0, 0, 0},	  {0, 0, 0, 0},	  {0, 0, 0, 0},
    {0, 0, 0, 0},     {0, 0, 0, 0},	{0, 0, 0, 0},	  {0, 0, 0, 0},	  {0, 0, 0, 0},
    {0, 0, 0, 0},     {0, 0, 0, 0},	{0, 0, 0, 0},	  {0, 0, 0, 0},	  {0, 0, 0, 0},
    {0, 0, 0, 0},     {0, 0, 0, 0},	{0, 0, 0, 0},	  {0, 0, 0, 0},	  {0, 0, 0, 0},
    {0, 0, 0, 0},     {0, 0, 0, 0},	{0, 0, 0, 0},	  {0, 0, 0, 0},	  {0, 0, 0, 0},
    {0, 0, 0, 0},     {0, 0, 0, 0},	{0, 0, 0, 0},	  {0, 0, 0, 0},	  {0, 0, 0, 0},
    {0, 0, 0, 0},     {0, 0, 0, 0},	{0, 0, 0, 0},	  {0, 0, 0, 0},	  {0, 0, 0, 0},
    {0, 0, 0, 0},     {0, 0, 0, 0},	{0, 0, 0, 0},	  {'u', 0, 3, 1}, {'u', 0, 3, 0},
    {0, 0, 0, 0},     {0, 0, 0, 0},	{0, 0, 0, 0},	  {0, 0, 0, 0},	  {0, 0, 0, 0},
    {0, 0, 0, 0},     {0, 0, 0, 0},	{0, 0, 0, 0},	  {0, 0, 0, 0},	  {0, 0, 0, 0},
    {0, 0, 0, 0},     {0, 0, 0, 0},	{0, 0, 0, 0},	  {0, 0, 0, 0},	  {0, 0, 0, 0},
    {0, 0, 0, 0},     {0, 0, 0, 0},	{0, 0, 0, 0},	  {0, 0, 0, 0},	  {0, 0, 0, 0},
    {0, 0, 0, 0},     {0, 0, 0, 0},	{0, 0, 0, 0},	  {0, 0, 0, 0},	  {0, 0, 0, 0},
    {0, 0, 0, 0},     {0, 0, 0, 0},	{0, 0, 0, 0},	  {0, 0, 0, 0},	  {0, 0, 0, 0},
    {0, 0, 0, 0},     {0, 0, 0, 0},	{0, 0, 0, 0},	  {0, 0, 0, 0},	  {0, 0, 0, 0},
    {0, 0, 0, 0},     {0, 0, 0, 0},	{0, 0, 0, 0},	  {0, 0, 0, 0},	  {0, 0, 0, 0},
    {0, 0, 0, 0},     {0, 0, 0, 0},	{0, 0, 0, 0},	  {0, 0, 0, 0},	  {0, 0, 0, 0},
    {0, 0, 0, 0},     {0, 0, 0, 0},	{0, 0, 0, 0},	  {0, 0, 0, 0},	  {0, 0, 0, 0},
    {0, 0, 0, 0},     {0, 0, 0, 0},	{0, 0, 0, 0},	  {0, 0, 0, 0},	  {'o', '+', 0, 1},
    {'o', '+', 0, 0}, {0, 0, 0, 0},	{0, 0, 0, 0},	  {0, 0, 0, 0},	  {0, 0, 0, 0},
    {0, 0, 0, 0},     {0, 0, 0, 0},	{0, 0, 0, 0},	  {0, 0, 0, 0},	  {0, 0, 0, 0},
    {0, 0, 0, 0},     {0, 0, 0, 0},	{0, 0, 0, 0},	  {0, 0, 0, 0},	  {'u', '+', 0, 1},
    {'u', '+', 0, 0},
};
static const struct vchar vchar_ext[0x1EF9 - 0x1EA0 + 1] = {
    {'a', 0, 5, 1},   {'a', 0, 5, 0},	{'a', 0, 2, 1},	  {'a', 0, 2, 0},   {'a', '^', 4, 1},
    {'a', '^', 4, 0}, {'a', '^', 1, 1}, {'a', '^', 1, 0}, {'a', '^', 2, 1}, {'a', '^', 2, 0},
    {'a', '^', 3, 1}, {'a', '^', 3, 0}, {'a', '^', 5, 1}, {'a', '^', 5, 0}, {'a', 'w', 4, 1},
    {'a', 'w', 4, 0}, {'a', 'w', 1, 1}, {'a', 'w', 1, 0}, {'a', 'w', 2, 1}, {'a', 'w', 2, 0},
    {'a', 'w', 3, 1}, {'a', 'w', 3, 0}, {'a', 'w', 5, 1}, {'a', 'w', 5, 0}, {'e', 0, 5, 1},
    {'e', 0, 5, 0},   {'e', 0, 2, 1},	{'e', 0, 2, 0},	  {'e', 0, 3, 1},   {'e', 0, 3, 0},
    {'e', '^', 4, 1}, {'e', '^', 4, 0}, {'e', '^', 1, 1}, {'e', '^', 1, 0}, {'e', '^', 2, 1},
    {'e', '^', 2, 0}, {'e', '^', 3, 1}, {'e', '^', 3, 0}, {'e', '^', 5, 1}, {'e', '^', 5, 0},
    {'i', 0, 2, 1},   {'i', 0, 2, 0},	{'i', 0, 5, 1},	  {'i', 0, 5, 0},   {'o', 0, 5, 1},
    {'o', 0, 5, 0},   {'o', 0, 2, 1},	{'o', 0, 2, 0},	  {'o', '^', 4, 1}, {'o', '^', 4, 0},
    {'o', '^', 1, 1}, {'o', '^', 1, 0}, {'o', '^', 2, 1}, {'o', '^', 2, 0}, {'o', '^', 3, 1},
    {'o', '^', 3, 0}, {'o', '^', 5, 1}, {'o', '^', 5, 0}, {'o', '+', 4, 1}, {'o', '+', 4, 0},
    {'o', '+', 1, 1}, {'o', '+', 1, 0}, {'o', '+', 2, 1}, {'o', '+', 2, 0}, {'o', '+', 3, 1},
    {'o', '+', 3, 0}, {'o', '+', 5, 1}, {'o', '+', 5, 0}, {'u', 0, 5, 1},   {'u', 0, 5, 0},
    {'u', 0, 2, 1},   {'u', 0, 2, 0},	{'u', '+', 4, 1}, {'u', '+', 4, 0}, {'u', '+', 1, 1},
    {'u', '+', 1, 0}, {'u', '+', 2, 1}, {'u', '+', 2, 0}, {'u', '+', 3, 1}, {'u', '+', 3, 0},
    {'u', '+', 5, 1}, {'u', '+', 5, 0}, {'y', 0, 1, 1},	  {'y', 0, 1, 0},   {'y', 0, 5, 1},
    {'y', 0, 5, 0},   {'y', 0, 2, 1},	{'y', 0, 2, 0},	  {'y', 0, 3, 1},   {'y', 0, 3, 0},
};

static const struct vchar *vchar_of(unsigned cp)
{
	const struct vchar *v = NULL;
	if (cp >= 0xC0 && cp <= 0x1B0)
		v = &vchar_lat[cp - 0xC0];
	else if (cp >= 0x1EA0 && cp <= 0x1EF9)
		v = &vchar_ext[cp - 0x1EA0];
	return v && v->base ? v : NULL;
}

/* Lower case of a Vietnamese letter's code point. */
static unsigned vchar_lower(unsigned cp, const struct vchar *v)
{
	if (!v->upper)
		return cp;
	return cp < 0x100 ? cp + 0x20 : cp + 1;
}

/* ------------------------------------------------- code point strings */

/* A string of code points, normally in NFD with canonical order. */
struct ustr {
	utf8proc_int32_t *v; /* code points */
	size_t n;	     /* used */
	size_t cap;	     /* allocated */
};

#define USTR_INIT                                                                                  \
	{                                                                                          \
		NULL, 0, 0                                                                         \
	}

/* Most combining marks kept on one base character (Unicode's stream-safe
 * limit). */
#define MAX_MARKS 30

static void u_push(struct ustr *u, utf8proc_int32_t c)
{
	if (u->n + 1 > u->cap)
		XGROW(u->v, u->cap, u->n + 1);
	u->v[u->n++] = c;
}

static void u_release(struct ustr *u)
{
	free(u->v);
	u->v = NULL;
	u->n = u->cap = 0;
}

static int ccc(utf8proc_int32_t c)
{
	if (c < 0x300)
		return 0;
	switch (c) { /* the Vietnamese marks, without a table lookup */
	case 0x300:
	case 0x301:
	case 0x302:
	case 0x303:
	case 0x306:
	case 0x309:
		return 230;
	case 0x31B:
		return 216;
	case 0x323:
		return 220;
	default:
		return utf8proc_get_property(c)->combining_class;
	}
}

/* Canonical decomposition of a Vietnamese letter (as utf8proc gives it):
 * the base, the modifier, the tone, in canonical order.  Returns the count. */
static int vchar_decompose(utf8proc_int32_t cp, const struct vchar *v, utf8proc_int32_t *out)
{
	int k = 0;
	if (v->base == 'D') {
		out[k++] = cp;
		return k;
	}
	out[k++] = v->upper ? v->base - 'a' + 'A' : v->base;
	utf8proc_int32_t mod = v->mod == 'w'   ? 0x306
			       : v->mod == '^' ? 0x302
			       : v->mod == '+' ? 0x31B
					       : 0;
	static const utf8proc_int32_t tones[6] = {0, 0x300, 0x309, 0x303, 0x301, 0x323};
	utf8proc_int32_t tone = tones[(int)v->tone];
	if (mod && tone && ccc(tone) < ccc(mod)) {
		out[k++] = tone;
		out[k++] = mod;
	} else {
		if (mod)
			out[k++] = mod;
		if (tone)
			out[k++] = tone;
	}
	return k;
}

/* Decodes s[0..len) into NFD in canonical order; invalid bytes become
 * U+FFFD; NUL bytes are kept. */
static void u_from_utf8_n(struct ustr *u, const char *s, size_t len)
{
	u->n = 0;
	if (u->cap < len + 1)
		XGROW(u->v, u->cap, len + 1);
	const unsigned char *p = (const unsigned char *)s, *end = p + len;
	size_t marks = 0;
	while (p < end) {
		size_t adv;
		unsigned cp = dec1(p, (size_t)(end - p), &adv);
		p += adv;
		if (cp < 0xC0) {
			marks = 0;
			u_push(u, (utf8proc_int32_t)cp);
			continue;
		}
		utf8proc_int32_t tmp[8];
		int bc = 0;
		const struct vchar *v = vchar_of(cp);
		utf8proc_ssize_t k = v ? vchar_decompose((utf8proc_int32_t)cp, v, tmp)
				       : utf8proc_decompose_char((utf8proc_int32_t)cp, tmp, 8,
								 UTF8PROC_DECOMPOSE, &bc);
		if (k < 0 || k > 8) {
			marks = 0;
			u_push(u, (utf8proc_int32_t)cp);
			continue;
		}
		for (utf8proc_ssize_t i = 0; i < k; i++) {
			utf8proc_int32_t c = tmp[i];
			int cc = ccc(c);
			/* stream-safe: at most MAX_MARKS marks on one base (bounds
			 * the reordering work on hostile input) */
			if (!cc)
				marks = 0;
			else if (++marks > MAX_MARKS)
				continue;
			size_t j = u->n;
			u_push(u, c);
			/* canonical ordering: bubble back past marks of higher class */
			if (cc)
				while (j > 0 && ccc(u->v[j - 1]) > cc) {
					u->v[j] = u->v[j - 1];
					u->v[j - 1] = c;
					j--;
				}
		}
	}
}

static void u_from_utf8(struct ustr *u, const char *s)
{
	u_from_utf8_n(u, s ? s : "", s ? strlen(s) : 0);
}

/* Composes u (NFD) to NFC and appends it as UTF-8 to b. */
static void u_to_utf8(struct ustr *u, struct buf *b)
{
	utf8proc_ssize_t n = (utf8proc_ssize_t)u->n;
	if (n > 0) {
		utf8proc_ssize_t r = utf8proc_normalize_utf32(u->v, n, UTF8PROC_COMPOSE);
		if (r >= 0)
			n = r;
	}
	buf_grow(b, (size_t)n * 4);
	for (utf8proc_ssize_t i = 0; i < n; i++)
		buf_add_utf8(b, (unsigned)u->v[i]);
	buf_add(b, "", 0);
}

static int quick_nfc(const char *s, size_t len);

char *utf8_nfc(const char *s, size_t len, size_t *outlen)
{
	if (!s)
		s = "", len = 0;
	if (quick_nfc(s, len)) {
		char *r = xmalloc(len + 1);
		memcpy(r, s, len);
		r[len] = '\0';
		if (outlen)
			*outlen = len;
		return r;
	}
	struct ustr u = USTR_INIT;
	struct buf b = BUF_INIT;
	u_from_utf8_n(&u, s, len);
	u_to_utf8(&u, &b);
	u_release(&u);
	buf_add(&b, "", 0);
	if (outlen)
		*outlen = b.len;
	return buf_detach(&b);
}

static char *u_detach(struct ustr *u)
{
	struct buf b = BUF_INIT;
	u_to_utf8(u, &b);
	u_release(u);
	if (!b.data)
		return xstrdup("");
	return buf_detach(&b);
}

/* ------------------------------------------------ character classes */

static int is_mark(utf8proc_int32_t c)
{
	if (c < 0x300)
		return 0;
	if (c <= 0x36F) /* Combining Diacritical Marks: all Mn */
		return 1;
	utf8proc_category_t k = utf8proc_category(c);
	return k == UTF8PROC_CATEGORY_MN || k == UTF8PROC_CATEGORY_MC || k == UTF8PROC_CATEGORY_ME;
}

static int is_letter(utf8proc_int32_t c)
{
	if (c < 0x80)
		return (c | 0x20) >= 'a' && (c | 0x20) <= 'z';
	if (vchar_of((unsigned)c))
		return 1;
	utf8proc_category_t k = utf8proc_category(c);
	return k >= UTF8PROC_CATEGORY_LU && k <= UTF8PROC_CATEGORY_LO;
}

static int is_digit(utf8proc_int32_t c)
{
	if (c < 0x80)
		return c >= '0' && c <= '9';
	utf8proc_category_t k = utf8proc_category(c);
	return k == UTF8PROC_CATEGORY_ND;
}

static int is_alnum(utf8proc_int32_t c)
{
	return is_letter(c) || is_digit(c);
}

static int is_space(utf8proc_int32_t c)
{
	switch (c) {
	case ' ':
	case '\t':
	case '\n':
	case '\v':
	case '\f':
	case '\r':
	case 0x85:
	case 0xA0:
	case 0x1680:
	case 0x180E:
	case 0x200B:
	case 0x2028:
	case 0x2029:
	case 0x202F:
	case 0x205F:
	case 0x3000:
	case 0xFEFF:
		return 1;
	default:
		return c >= 0x2000 && c <= 0x200A;
	}
}

static int is_linebreak(utf8proc_int32_t c)
{
	return c == '\n' || c == '\r' || c == '\v' || c == '\f' || c == 0x85 || c == 0x2028 ||
	       c == 0x2029;
}

/* Controls, format characters and non-characters: dropped by normalisation. */
static int is_dropped(utf8proc_int32_t c)
{
	if (c < 0x20 || c == 0x7F)
		return 1;
	if (c < 0xA0)
		return c >= 0x80;
	if (c == 0xFFFE || c == 0xFFFF || (c >= 0xFDD0 && c <= 0xFDEF))
		return 1;
	utf8proc_category_t k = utf8proc_category(c);
	return k == UTF8PROC_CATEGORY_CF || k == UTF8PROC_CATEGORY_CS || k == UTF8PROC_CATEGORY_CC;
}

/* ------------------------------------------------ Vietnamese letters */

#define M_GRAVE 0x300
#define M_ACUTE 0x301
#define M_CIRC 0x302
#define M_TILDE 0x303
#define M_BREVE 0x306
#define M_HOOK 0x309
#define M_HORN 0x31B
#define M_DOT 0x323

/* Tone numbers: 0 none, 1 huyền, 2 hỏi, 3 ngã, 4 sắc, 5 nặng (collation order). */
static int tone_of_mark(utf8proc_int32_t c)
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

static int u_word_syllable(const struct ustr *u, size_t a, size_t b, int *marked)
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

/* Punctuation the quick paths let through: dashes, quotes, the ellipsis
 * (not letters, digits, marks, spaces or format characters; NFC; they
 * compose with nothing). */
static int quick_punct(unsigned cp)
{
	switch (cp) {
	case 0x2013:
	case 0x2014:
	case 0x2018:
	case 0x2019:
	case 0x201C:
	case 0x201D:
	case 0x2026:
		return 1;
	default:
		return 0;
	}
}

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
static int quick_normal(const char *s, size_t len, int keep_lines)
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

/* 1 when s[0..len) is valid UTF-8 already in NFC by a quick test: every code
 * point below U+0300 (none of them composes with what precedes it), a
 * Vietnamese letter or quick_punct(). */
static int quick_nfc(const char *s, size_t len)
{
	const unsigned char *p = (const unsigned char *)s, *end = p + len;
	while (p < end) {
		if (*p < 0x80) {
			p++;
			continue;
		}
		size_t adv;
		unsigned c = dec1(p, (size_t)(end - p), &adv);
		p += adv;
		if (c == 0xFFFD || (c >= 0x300 && !vchar_of(c) && !quick_punct(c)))
			return 0;
	}
	return 1;
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
static void u_normalize(const struct ustr *in, struct ustr *out, int keep_lines)
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
static char *quick_case(const char *s, int upper)
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

/* Institution-name words whose later syllables stay lower case (the first
 * syllable is capitalised). */
static const char *const compounds[] = {"chăn nuôi",
					"tập thể",
					"sản xuất",
					"kinh doanh",
					"trồng trọt",
					"lâm nghiệp",
					"thủy lợi",
					"vệ sinh",
					"thương mại",
					"công nghiệp",
					"tiểu thủ công nghiệp",
					"học sinh",
					"sinh viên",
					"giáo viên",
					"cán bộ",
					"công chức",
					"viên chức",
					"người lao động",
					"an ninh trật tự",
					"dân quân",
					"tự vệ",
					"dân phòng",
					"văn nghệ",
					"phụ huynh",
					"huyện đoàn",
					"huyện ủy",
					"chi đoàn",
					"chi hội",
					"thị đoàn",
					"xã đội",
					"ủy ban nhân dân",
					"hội đồng nhân dân",
					"ủy ban",

					"chỉ huy",
					"giáo dục",
					"đào tạo",
					"tiểu học",
					"trung học",
					"mầm non",
					"mẫu giáo",
					"nhà trẻ",
					"phổ thông",
					"nhân dân",
					"nông dân",
					"y tế",
					"văn hóa",
					"thể thao",
					"du lịch",
					"liên hiệp",
					"phụ nữ",
					"cựu chiến binh",
					"thanh niên",
					"lao động",
					"thương binh",
					"nội vụ",
					"tư pháp",
					"tài chính",
					"kế hoạch",
					"đầu tư",
					"kinh tế",
					"hạ tầng",
					"nông nghiệp",
					"phát triển",
					"tài nguyên",
					"môi trường",
					"công thương",
					"thông tin",
					"truyền thông",
					"công an",
					"quân sự",
					"mặt trận",
					"tổ quốc",
					"công đoàn",
					"cộng sản",
					"trung tâm",
					"bệnh viện",
					"học viện",
					"hợp tác xã",
					"công ty",
					"trách nhiệm hữu hạn",
					"chi nhánh",
					"bảo hiểm",
					"ngân hàng",
					"chính sách",
					"thanh tra",
					"văn phòng",
					"tổ chức",
					"hành chính",
					"dân tộc",
					"tôn giáo",
					"quản lý",
					"dịch vụ",
					"kho bạc",
					"thống kê",
					"hội đồng",
					"khuyến học",
					"chữ thập đỏ",
					"người cao tuổi",
					"nội trú",
					"bán trú",
					"thường xuyên",
					"nghề nghiệp",
					"dân số",
					"kế hoạch hóa gia đình",
					"gia đình",
					"trẻ em",
					"biên phòng",
					"kiểm lâm",
					"điện lực",
					"bưu điện",
					"viễn thông",
					"nước sạch",
					"hải quan",
					"thuế vụ",
					"an ninh",
					"quốc phòng",
					"tuyên giáo",
					"dân vận",
					"kiểm tra",
					"đảng ủy",
					"chi bộ",
					"đảng bộ",
					"cơ quan",
					"doanh nghiệp",
					"liên đoàn",
					"tiền phong",
					"thiếu niên",
					"nhi đồng",
					"khoa học",
					"công nghệ",
					"xây dựng",
					"giao thông",
					"vận tải",
					"hộ kinh doanh",
					"câu lạc bộ",
					"ban quản lý",
					"tổ dân phố",
					"khu dân cư",
					"an toàn"};
/* Words kept entirely lower case inside a name (unless they start it). */
static const char *const lowers[] = {
    "ông",   "bà",   "cơ sở",	 "và",	   "của",    "xã hội",	  "nông thôn",	"xã",
    "huyện", "tỉnh", "thị trấn", "phường", "thị xã", "thành phố", "quận",	"thôn",
    "bản",   "xóm",  "tổ",	 "khu",	   "ấp",     "cấp",	  "trực thuộc", "thuộc",
    "tại",   "cho",  "các",	 "về",	   "với",    "trên",	  "địa bàn",	"số"};

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

char *vn_collective_name(const char *s)
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
		for (size_t p = 0; p < ARRAY_SIZE(compounds); p++) {
			int m = phrase_match(compounds[p], w + x, nw - x);
			if (m > best) {
				best = m;
				best_lower = 0;
			}
		}
		for (size_t p = 0; p < ARRAY_SIZE(lowers); p++) {
			int m = phrase_match(lowers[p], w + x, nw - x);
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

/* Lower-case honorifics, longest first where one is a prefix of another. */
static const char *const honorifics[] = {
    "đồng chí", "dong chi", "cô giáo", "co giao", "thầy giáo", "thay giao", "đ/c",  "d/c",
    "đc",	"dc",	    "ông",     "ong",	  "bà",	       "ba",	    "anh",  "chị",
    "chi",	"cô",	    "co",      "thầy",	  "thay",      "em",	    "cháu", "chau"};

/* Length of the honorific (and its separators) that low starts with, or 0
 * when none is followed by a name. */
static size_t honorific_len(const char *low)
{
	for (size_t h = 0; h < ARRAY_SIZE(honorifics); h++) {
		size_t l = strlen(honorifics[h]);
		if (strncmp(low, honorifics[h], l) != 0)
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

char *vn_strip_honorific(const char *s)
{
	char *n = vn_normalize(s);
	char *low = vn_lower(n);
	size_t off = 0, k;
	/* lower-casing keeps the byte length of these Vietnamese prefixes;
	 * check it, and strip at most two ("Ông bà ...") */
	if (strlen(low) == strlen(n))
		for (int round = 0; round < 2 && (k = honorific_len(low + off)) != 0; round++)
			off += k;
	free(low);
	if (!off)
		return n;
	char *r = xstrdup(n + off);
	free(n);
	return r;
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

/* ------------------------------------------------------------ collation */

/* Primary weights: separator 0x02, digit runs 0x10+len, letters from 0x20. */
static const char alphabet[] = "aAbcdDeEfghijklmnoOPpqrstuUvwxyz";

static int letter_weight(char base, char mod)
{
	char key = base;
	if (base == 'a' && mod == 'w')
		key = 'A';
	else if (base == 'a' && mod == '^')
		return 0x20 + 2;
	else if (base == 'D')
		key = 'D';
	else if (base == 'e' && mod == '^')
		key = 'E';
	else if (base == 'o' && mod == '^')
		key = 'O';
	else if (base == 'o' && mod == '+')
		key = 'P';
	else if (base == 'u' && mod == '+')
		key = 'U';
	const char *p = strchr(alphabet, key);
	int idx = (int)(p - alphabet);
	/* "aA" then â: shift everything after ă by one */
	return 0x20 + idx + (idx >= 2 ? 1 : 0);
}

char *vn_sort_key(const char *s)
{
	struct ustr in = USTR_INIT, u = USTR_INIT;
	struct buf p = BUF_INIT, sec = BUF_INIT, ter = BUF_INIT;
	u_from_utf8(&in, s);
	u_normalize(&in, &u, 0);
	u_release(&in);
	int pend = 0;
	size_t i = 0;
	while (i < u.n) {
		utf8proc_int32_t c = u.v[i];
		if (is_digit(c) && c < 0x80) {
			size_t j = i;
			while (j < u.n && u.v[j] >= '0' && u.v[j] <= '9')
				j++;
			size_t z = i;
			while (z + 1 < j && u.v[z] == '0')
				z++;
			size_t len = j - z;
			if (pend && p.len)
				buf_addc(&p, 0x02);
			pend = 0;
			buf_addc(&p, (char)(0x10 + (len > 15 ? 15 : len)));
			for (size_t k = z; k < j; k++)
				buf_addc(&p, (char)u.v[k]);
			i = j;
			continue;
		}
		if (!is_letter(c)) {
			if (!is_mark(c))
				pend = 1;
			i++;
			continue;
		}
		if (pend && p.len)
			buf_addc(&p, 0x02);
		pend = 0;
		/* the letter and its marks */
		utf8proc_int32_t lc = utf8proc_tolower(c);
		int up = lc != c;
		char base = 0, mod = 0, tone = 0;
		if (lc < 0x80)
			base = (char)lc;
		else if (lc == 0x111)
			base = 'D';
		size_t j = i + 1;
		while (j < u.n && is_mark(u.v[j])) {
			utf8proc_int32_t m = u.v[j];
			int t = tone_of_mark(m);
			if (t)
				tone = (char)t;
			else if (m == M_BREVE)
				mod = 'w';
			else if (m == M_CIRC)
				mod = '^';
			else if (m == M_HORN)
				mod = '+';
			j++;
		}
		if (base) {
			buf_addc(&p, (char)letter_weight(base, mod));
		} else {
			/* other scripts: by code point, after the Latin letters */
			unsigned cp = (unsigned)lc;
			buf_addc(&p, 0x7F);
			buf_addc(&p, (char)(0x80 | ((cp >> 14) & 0x7F)));
			buf_addc(&p, (char)(0x80 | ((cp >> 7) & 0x7F)));
			buf_addc(&p, (char)(0x80 | (cp & 0x7F)));
		}
		buf_addc(&sec, (char)(0x02 + tone));
		buf_addc(&ter, up ? 0x03 : 0x02);
		i = j;
	}
	buf_addc(&p, 0x01);
	buf_add(&p, sec.data ? sec.data : "", sec.len);
	buf_addc(&p, 0x01);
	buf_add(&p, ter.data ? ter.data : "", ter.len);
	/* last, the normalised text itself: equal keys mean equal text */
	buf_addc(&p, 0x01);
	u_to_utf8(&u, &p);
	u_release(&u);
	buf_release(&sec);
	buf_release(&ter);
	return buf_detach(&p);
}

char *vn_name_sort_key(const char *name)
{
	char *n = vn_normalize(name);
	const char *sp = strrchr(n, ' ');
	char *k;
	if (!sp) {
		k = vn_sort_key(n);
	} else {
		char *t = xasprintf("%s %s", sp + 1, n);
		k = vn_sort_key(t);
		free(t);
	}
	free(n);
	return k;
}

int vn_collate(const char *a, const char *b)
{
	a = a ? a : "";
	b = b ? b : "";
	if (strcmp(a, b) == 0)
		return 0;
	char *ka = vn_sort_key(a), *kb = vn_sort_key(b);
	int r = strcmp(ka, kb);
	free(ka);
	free(kb);
	return r < 0 ? -1 : r > 0;
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
