/* utf8.c - UTF-8 mechanics: decoding, code point strings in canonical order, NFC,
 * character classes. */
#include "text.h"
#include "text_impl.h"
#include "buf.h"
#include "util.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

/* ---------------------------------------------------------------- UTF-8 */

/* Decodes one code point of p[0..avail) (avail >= 1); *adv gets the bytes
 * consumed (the maximal subpart of a bad sequence). */
unsigned dec1_any(const unsigned char *p, size_t avail, size_t *adv)
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

const struct vchar *vchar_of(unsigned cp)
{
	const struct vchar *v = NULL;
	if (cp >= 0xC0 && cp <= 0x1B0)
		v = &vchar_lat[cp - 0xC0];
	else if (cp >= 0x1EA0 && cp <= 0x1EF9)
		v = &vchar_ext[cp - 0x1EA0];
	return v && v->base ? v : NULL;
}

/* Lower case of a Vietnamese letter's code point. */
unsigned vchar_lower(unsigned cp, const struct vchar *v)
{
	if (!v->upper)
		return cp;
	return cp < 0x100 ? cp + 0x20 : cp + 1;
}

/* ------------------------------------------------- code point strings */

void u_push(struct ustr *u, utf8proc_int32_t c)
{
	if (u->n + 1 > u->cap)
		XGROW(u->v, u->cap, u->n + 1);
	u->v[u->n++] = c;
}

void u_release(struct ustr *u)
{
	free(u->v);
	u->v = NULL;
	u->n = u->cap = 0;
}

int ccc(utf8proc_int32_t c)
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
void u_from_utf8_n(struct ustr *u, const char *s, size_t len)
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

void u_from_utf8(struct ustr *u, const char *s)
{
	u_from_utf8_n(u, s ? s : "", s ? strlen(s) : 0);
}

/* Composes u (NFD) to NFC and appends it as UTF-8 to b. */
void u_to_utf8(struct ustr *u, struct buf *b)
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

char *u_detach(struct ustr *u)
{
	struct buf b = BUF_INIT;
	u_to_utf8(u, &b);
	u_release(u);
	if (!b.data)
		return xstrdup("");
	return buf_detach(&b);
}

/* ------------------------------------------------ character classes */

int is_mark(utf8proc_int32_t c)
{
	if (c < 0x300)
		return 0;
	if (c <= 0x36F) /* Combining Diacritical Marks: all Mn */
		return 1;
	utf8proc_category_t k = utf8proc_category(c);
	return k == UTF8PROC_CATEGORY_MN || k == UTF8PROC_CATEGORY_MC || k == UTF8PROC_CATEGORY_ME;
}

int is_letter(utf8proc_int32_t c)
{
	if (c < 0x80)
		return (c | 0x20) >= 'a' && (c | 0x20) <= 'z';
	if (vchar_of((unsigned)c))
		return 1;
	utf8proc_category_t k = utf8proc_category(c);
	return k >= UTF8PROC_CATEGORY_LU && k <= UTF8PROC_CATEGORY_LO;
}

int is_digit(utf8proc_int32_t c)
{
	if (c < 0x80)
		return c >= '0' && c <= '9';
	utf8proc_category_t k = utf8proc_category(c);
	return k == UTF8PROC_CATEGORY_ND;
}

int is_alnum(utf8proc_int32_t c)
{
	return is_letter(c) || is_digit(c);
}

int is_space(utf8proc_int32_t c)
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

int is_linebreak(utf8proc_int32_t c)
{
	return c == '\n' || c == '\r' || c == '\v' || c == '\f' || c == 0x85 || c == 0x2028 ||
	       c == 0x2029;
}

/* Controls, format characters and non-characters: dropped by normalisation. */
int is_dropped(utf8proc_int32_t c)
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

/* Punctuation the quick paths let through: dashes, quotes, the ellipsis
 * (not letters, digits, marks, spaces or format characters; NFC; they
 * compose with nothing). */
int quick_punct(unsigned cp)
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

/* 1 when s[0..len) is valid UTF-8 already in NFC by a quick test: every code
 * point below U+0300 (none of them composes with what precedes it), a
 * Vietnamese letter or quick_punct(). */
int quick_nfc(const char *s, size_t len)
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
