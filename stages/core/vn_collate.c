/* vn_collate.c - Vietnamese collation (sort keys). */
#include "text.h"
#include "text_impl.h"
#include "buf.h"
#include "util.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

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
