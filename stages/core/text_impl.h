/* text_impl.h - internals shared by the text modules (utf8.c, vn_text.c,
 * vn_names.c, vn_collate.c); not for other callers, who include text.h. */
#ifndef DH_TEXT_IMPL_H
#define DH_TEXT_IMPL_H

#include <stddef.h>
#include <utf8proc.h>

struct buf;

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

/* Combining marks of Vietnamese. */
#define M_GRAVE 0x300
#define M_ACUTE 0x301
#define M_CIRC 0x302
#define M_TILDE 0x303
#define M_BREVE 0x306
#define M_HOOK 0x309
#define M_HORN 0x31B
#define M_DOT 0x323

/* A precomposed Vietnamese letter: base ASCII letter, modifier, tone, upper case. */
struct vchar {
	char base, mod, tone, upper;
};

/* utf8.c */
unsigned dec1_any(const unsigned char *p, size_t avail, size_t *adv);
/* dec1_any(), with the sequences Vietnamese text is made of (ASCII, two
 * bytes, three bytes led by E1-EC or EE-EF: never overlong, never a
 * surrogate) decoded inline. */
static inline unsigned dec1(const unsigned char *p, size_t avail, size_t *adv)
{
	unsigned c = p[0];
	if (c < 0x80) {
		*adv = 1;
		return c;
	}
	if (c >= 0xC2 && c <= 0xDF && avail >= 2 && (p[1] & 0xC0) == 0x80) {
		*adv = 2;
		return (c & 0x1F) << 6 | (p[1] & 0x3Fu);
	}
	if (c >= 0xE1 && c != 0xED && c <= 0xEF && avail >= 3 && (p[1] & 0xC0) == 0x80 &&
	    (p[2] & 0xC0) == 0x80) {
		*adv = 3;
		return (c & 0x0F) << 12 | (p[1] & 0x3Fu) << 6 | (p[2] & 0x3Fu);
	}
	return dec1_any(p, avail, adv);
}
int ccc(utf8proc_int32_t c);
int is_alnum(utf8proc_int32_t c);
int is_dropped(utf8proc_int32_t c);
int is_letter(utf8proc_int32_t c);
int is_linebreak(utf8proc_int32_t c);
int is_mark(utf8proc_int32_t c);
int is_space(utf8proc_int32_t c);
int is_digit(utf8proc_int32_t c);
int quick_punct(unsigned cp);
int quick_nfc(const char *s, size_t len);
char *u_detach(struct ustr *u);
void u_from_utf8(struct ustr *u, const char *s);
void u_from_utf8_n(struct ustr *u, const char *s, size_t len);
void u_push(struct ustr *u, utf8proc_int32_t c);
void u_release(struct ustr *u);
void u_to_utf8(struct ustr *u, struct buf *b);
unsigned vchar_lower(unsigned cp, const struct vchar *v);
const struct vchar *vchar_of(unsigned cp);

/* vn_text.c */
char *quick_case(const char *s, int upper);
int quick_normal(const char *s, size_t len, int keep_lines);
void u_normalize(const struct ustr *in, struct ustr *out, int keep_lines);
int u_word_syllable(const struct ustr *u, size_t a, size_t b, int *marked);
int tone_of_mark(utf8proc_int32_t c);

#endif
