/* legacy.c - decoders for TCVN3, VNI-Windows and Windows-1258, DOCX legacy
 * font runs, and detection of a text file's encoding. */
#include "legacy.h"
#include "buf.h"
#include "text.h"
#include "util.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* Windows-1252 0x80..0x9F; the five undefined bytes map to C1 controls. */
static const uint16_t cp1252_hi[32] = {
    0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
    0x2039, 0x0152, 0x008D, 0x017D, 0x008F, 0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
    0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178};

/* TCVN 5712:1993 VN3 0xA0..0xFF: capitals with breve/circumflex/horn and
 * đ, their lower case, five combining tone marks, then the toned lower-case
 * letters (with a few toned capitals between them). */
static const uint16_t tcvn3_hi[96] = {
    /* A0 */ 0x00A0, 0x0102, 0x00C2, 0x00CA, 0x00D4, 0x01A0, 0x01AF, 0x0110,
    /* A8 */ 0x0103, 0x00E2, 0x00EA, 0x00F4, 0x01A1, 0x01B0, 0x0111, 0x1EB0,
    /* B0 */ 0x0300, 0x0309, 0x0303, 0x0301, 0x0323, 0x00E0, 0x1EA3, 0x00E3,
    /* B8 */ 0x00E1, 0x1EA1, 0x1EB2, 0x1EB1, 0x1EB3, 0x1EB5, 0x1EAF, 0x1EB4,
    /* C0 */ 0x1EAE, 0x1EA6, 0x1EA8, 0x1EAA, 0x1EA4, 0x1EC0, 0x1EB7, 0x1EA7,
    /* C8 */ 0x1EA9, 0x1EAB, 0x1EA5, 0x1EAD, 0x00E8, 0x1EC2, 0x1EBB, 0x1EBD,
    /* D0 */ 0x00E9, 0x1EB9, 0x1EC1, 0x1EC3, 0x1EC5, 0x1EBF, 0x1EC7, 0x00EC,
    /* D8 */ 0x1EC9, 0x1EC4, 0x1EBE, 0x1ED2, 0x0129, 0x00ED, 0x1ECB, 0x00F2,
    /* E0 */ 0x1ED4, 0x1ECF, 0x00F5, 0x00F3, 0x1ECD, 0x1ED3, 0x1ED5, 0x1ED7,
    /* E8 */ 0x1ED1, 0x1ED9, 0x1EDD, 0x1EDF, 0x1EE1, 0x1EDB, 0x1EE3, 0x00F9,
    /* F0 */ 0x1ED6, 0x1EE7, 0x0169, 0x00FA, 0x1EE5, 0x1EEB, 0x1EED, 0x1EEF,
    /* F8 */ 0x1EE9, 0x1EF1, 0x1EF3, 0x1EF7, 0x1EF9, 0x00FD, 0x1EF5, 0x1ED0};

/* Windows-1258 0x80..0xFF where it differs from Latin-1 / Windows-1252
 * (0 = same as Windows-1252 above 0x9F, i.e. Latin-1). */
static unsigned cp1258_char(unsigned char b)
{
	switch (b) {
	case 0x8A:
	case 0x8E:
	case 0x9A:
	case 0x9E:
		return b; /* undefined in 1258 */
	case 0xC3:
		return 0x0102;
	case 0xCC:
		return 0x0300;
	case 0xD0:
		return 0x0110;
	case 0xD2:
		return 0x0309;
	case 0xD5:
		return 0x01A0;
	case 0xDD:
		return 0x01AF;
	case 0xDE:
		return 0x0303;
	case 0xE3:
		return 0x0103;
	case 0xEC:
		return 0x0301;
	case 0xF0:
		return 0x0111;
	case 0xF2:
		return 0x0323;
	case 0xF5:
		return 0x01A1;
	case 0xFD:
		return 0x01B0;
	case 0xFE:
		return 0x20AB;
	default:
		return b >= 0x80 && b < 0xA0 ? cp1252_hi[b - 0x80] : b;
	}
}

unsigned cp1252_char(unsigned char b)
{
	return b >= 0x80 && b < 0xA0 ? cp1252_hi[b - 0x80] : b;
}

/* NFC of the decoded text in b (released); *outlen gets its length. */
static char *finish(struct buf *b, size_t *outlen)
{
	buf_add(b, "", 0);
	char *r = utf8_nfc(b->data, b->len, outlen);
	buf_release(b);
	return r;
}

/* The decoders below append their UTF-8 to b without NFC (the *_raw forms,
 * enough for scoring: vn_syllable_stats decomposes anyway); the *_dec forms
 * return it in NFC. */
static void cp1258_raw(const unsigned char *s, size_t len, struct buf *b)
{
	buf_grow(b, len * 2);
	for (size_t i = 0; i < len; i++)
		buf_add_utf8(b, cp1258_char(s[i]));
}

static char *cp1258_dec(const unsigned char *s, size_t len, size_t *outlen)
{
	struct buf b = BUF_INIT;
	cp1258_raw(s, len, &b);
	return finish(&b, outlen);
}

char *cp1258_to_utf8(const unsigned char *s, size_t len)
{
	return cp1258_dec(s, len, NULL);
}

/* The capitals of the full TCVN 5712 table (VN1) at 0x80..0x9F, which VN3
 * leaves to Windows-1252, and those among the C0 controls. */
static const uint16_t vn1_hi[32] = {0x00C0, 0x1EA2, 0x00C3, 0x00C1, 0x1EA0, 0x1EB6, 0x1EAC, 0x00C8,
				    0x1EBA, 0x1EBC, 0x00C9, 0x1EB8, 0x1EC6, 0x00CC, 0x1EC8, 0x0128,
				    0x00CD, 0x1ECA, 0x00D2, 0x1ECE, 0x00D5, 0x00D3, 0x1ECC, 0x1ED8,
				    0x1EDC, 0x1EDE, 0x1EE0, 0x1EDA, 0x1EE2, 0x00D9, 0x1EE6, 0x0168};

static unsigned vn1_ctl(unsigned char b)
{
	static const uint16_t lo[24] = {0, 0x00DA, 0x1EE4, 0,	   0x1EEA, 0x1EEC, 0x1EEE, 0,
					0, 0,	   0,	   0,	   0,	   0,	   0,	   0,
					0, 0x1EE8, 0x1EF0, 0x1EF2, 0x1EF6, 0x1EF8, 0x00DD, 0x1EF4};
	return b < 24 ? lo[b] : 0;
}

/* One byte of TCVN3; with vn1, the VN1 capitals at 0x01..0x17, 0x80..0x9F. */
static unsigned tcvn3_char(unsigned char b, int vn1)
{
	if (b >= 0xA0)
		return tcvn3_hi[b - 0xA0];
	if (vn1 && b >= 0x80)
		return vn1_hi[b - 0x80];
	if (vn1 && vn1_ctl(b))
		return vn1_ctl(b);
	return cp1252_char(b);
}

static void tcvn3_raw_as(const unsigned char *s, size_t len, int vn1, struct buf *b)
{
	buf_grow(b, len * 2);
	for (size_t i = 0; i < len; i++)
		buf_add_utf8(b, tcvn3_char(s[i], vn1));
}

static char *tcvn3_dec_as(const unsigned char *s, size_t len, int vn1, size_t *outlen)
{
	struct buf b = BUF_INIT;
	tcvn3_raw_as(s, len, vn1, &b);
	return finish(&b, outlen);
}

static long text_score(const char *u)
{
	size_t good, bad;
	vn_syllable_stats(u, &good, &bad);
	return (long)good - (long)bad;
}

/* Score of the decoding appended to b (raw or NFC: the same). */
static long buf_score(struct buf *b)
{
	return text_score(buf_cstr(b));
}

/* TCVN3 bytes (VN3, as typed with .VnTime fonts).  Data that also uses the
 * VN1 capitals (as iconv's TCVN5712-1 writes them) is read with those when
 * that yields more Vietnamese.  Returns 1 for VN1 and puts the score of the
 * reading in *score (when not NULL). */
static int tcvn3_pick(const unsigned char *s, size_t len, long *score)
{
	int amb = 0;
	for (size_t i = 0; i < len && !amb; i++)
		amb = (s[i] >= 0x80 && s[i] < 0xA0) || vn1_ctl(s[i]);
	if (!amb && !score)
		return 0;
	struct buf b = BUF_INIT;
	tcvn3_raw_as(s, len, 0, &b);
	long s3 = buf_score(&b), s1 = 0;
	if (amb) {
		buf_reset(&b);
		tcvn3_raw_as(s, len, 1, &b);
		s1 = buf_score(&b);
	}
	buf_release(&b);
	int vn1 = amb && s1 > s3;
	if (score)
		*score = vn1 ? s1 : s3;
	return vn1;
}

static char *tcvn3_dec(const unsigned char *s, size_t len, size_t *outlen)
{
	return tcvn3_dec_as(s, len, tcvn3_pick(s, len, NULL), outlen);
}

char *tcvn3_to_utf8(const unsigned char *s, size_t len)
{
	return tcvn3_dec(s, len, NULL);
}

/* VN3 only, for DOCX runs (Word's quotes and dashes at 0x80..0x9F). */
static char *tcvn3_run_to_utf8(const unsigned char *s, size_t len)
{
	return tcvn3_dec_as(s, len, 0, NULL);
}

/* ----------------------------------------------------------------- VNI */

#define C_GRAVE 0x300
#define C_ACUTE 0x301
#define C_CIRC 0x302
#define C_TILDE 0x303
#define C_BREVE 0x306
#define C_HOOK 0x309
#define C_HORN 0x31B
#define C_DOT 0x323

/* Tone mark of a VNI tone byte (either case), or 0. */
static unsigned vni_tone(unsigned char b)
{
	switch (b | 0x20) {
	case 0xF8:
		return C_GRAVE;
	case 0xF9:
		return C_ACUTE;
	case 0xFB:
		return C_HOOK;
	case 0xF5:
		return C_TILDE;
	case 0xEF:
		return C_DOT;
	default:
		return 0;
	}
}

/* Tone of a VNI circumflex+tone (à á å ã ä) or breve+tone (è é ú ü ë) byte. */
static unsigned vni_circ_tone(unsigned char b)
{
	switch (b | 0x20) {
	case 0xE0:
		return C_GRAVE;
	case 0xE1:
		return C_ACUTE;
	case 0xE5:
		return C_HOOK;
	case 0xE3:
		return C_TILDE;
	case 0xE4:
		return C_DOT;
	default:
		return 0;
	}
}

static unsigned vni_breve_tone(unsigned char b)
{
	switch (b | 0x20) {
	case 0xE8:
		return C_GRAVE;
	case 0xE9:
		return C_ACUTE;
	case 0xFA:
		return C_HOOK;
	case 0xFC:
		return C_TILDE;
	case 0xEB:
		return C_DOT;
	default:
		return 0;
	}
}

/* Single-byte VNI letters (either case). */
static unsigned vni_single(unsigned char b)
{
	unsigned up = !(b & 0x20);
	switch (b | 0x20) {
	case 0xF1:
		return up ? 0x0110 : 0x0111; /* Đ đ */
	case 0xF4:
		return up ? 0x01A0 : 0x01A1; /* Ơ ơ */
	case 0xF6:
		return up ? 0x01AF : 0x01B0; /* Ư ư */
	case 0xEC:
		return up ? 0x00CC : 0x00EC; /* Ì ì */
	case 0xED:
		return up ? 0x00CD : 0x00ED; /* Í í */
	case 0xE6:
		return up ? 0x1EC8 : 0x1EC9; /* Ỉ ỉ */
	case 0xF3:
		return up ? 0x0128 : 0x0129; /* Ĩ ĩ */
	case 0xF2:
		return up ? 0x1ECA : 0x1ECB; /* Ị ị */
	case 0xEE:
		return up ? 0x1EF4 : 0x1EF5; /* Ỵ ỵ */
	default:
		return 0;
	}
}

static void vni_raw(const unsigned char *s, size_t len, struct buf *b)
{
	buf_grow(b, len * 2);
	size_t i = 0;
	while (i < len) {
		unsigned char c = s[i++];
		unsigned base = 0;
		char lb = 0; /* lower-case ASCII base vowel, or '+' for ơ/ư */
		if (c && c < 0x80 && strchr("aeiouyAEIOUY", c)) {
			base = c;
			lb = (char)(c | 0x20);
		} else if ((c | 0x20) == 0xF4 || (c | 0x20) == 0xF6) {
			base = vni_single(c);
			lb = '+';
		} else if (c >= 0x80) {
			unsigned v = vni_single(c);
			buf_add_utf8(b, v ? v : cp1252_char(c));
			continue;
		} else {
			buf_addc(b, (char)c);
			continue;
		}
		buf_add_utf8(b, base);
		if (i >= len)
			break;
		unsigned char m = s[i];
		unsigned t;
		int is_aeo = lb == 'a' || lb == 'e' || lb == 'o';
		if (is_aeo && (m | 0x20) == 0xE2) {
			buf_add_utf8(b, C_CIRC);
			i++;
		} else if (lb == 'a' && (m | 0x20) == 0xEA) {
			buf_add_utf8(b, C_BREVE);
			i++;
		} else if (is_aeo && (t = vni_circ_tone(m)) != 0) {
			buf_add_utf8(b, C_CIRC);
			buf_add_utf8(b, t);
			i++;
			continue;
		} else if (lb == 'a' && (t = vni_breve_tone(m)) != 0) {
			buf_add_utf8(b, C_BREVE);
			buf_add_utf8(b, t);
			i++;
			continue;
		}
		if (i < len && (t = vni_tone(s[i])) != 0) {
			buf_add_utf8(b, t);
			i++;
		}
	}
}

static char *vni_dec(const unsigned char *s, size_t len, size_t *outlen)
{
	struct buf b = BUF_INIT;
	vni_raw(s, len, &b);
	return finish(&b, outlen);
}

char *vni_to_utf8(const unsigned char *s, size_t len)
{
	return vni_dec(s, len, NULL);
}

/* --------------------------------------------------------- encodings */

const char *text_encoding_name(enum text_encoding e)
{
	switch (e) {
	case ENC_UTF8:
		return "UTF-8";
	case ENC_UTF16LE:
		return "UTF-16LE";
	case ENC_UTF16BE:
		return "UTF-16BE";
	case ENC_CP1258:
		return "Windows-1258";
	case ENC_TCVN3:
		return "TCVN3";
	case ENC_VNI:
		return "VNI";
	case ENC_UNKNOWN:
		break;
	}
	return "unknown";
}

int text_encoding_is_legacy(enum text_encoding e)
{
	return e == ENC_CP1258 || e == ENC_TCVN3 || e == ENC_VNI;
}

/* Largest prefix examined by text_detect(). */
#define DETECT_MAX (256 * 1024)
/* Largest window scored by the legacy decodings (cut at a line end). */
#define SCORE_MAX (64 * 1024)

/* Score of a legacy decoding: valid syllables minus invalid marked words. */
static long score(void (*raw)(const unsigned char *, size_t, struct buf *), const unsigned char *s,
		  size_t n)
{
	struct buf b = BUF_INIT;
	raw(s, n, &b);
	long r = buf_score(&b);
	buf_release(&b);
	return r;
}

/* 1 for a byte that may belong to a word: an ASCII letter or non-ASCII. */
static int wordish(unsigned char c)
{
	return c >= 0x80 || ((c | 0x20) >= 'a' && (c | 0x20) <= 'z');
}

/* ENC_UTF16LE/BE when the data looks like BOM-less UTF-16, else ENC_UNKNOWN. */
static enum text_encoding guess_utf16(const unsigned char *s, size_t n)
{
	size_t zeven = 0, zodd = 0;
	if (n < 4 || n % 2)
		return ENC_UNKNOWN;
	for (size_t i = 0; i + 1 < n; i += 2) {
		zeven += s[i] == 0;
		zodd += s[i + 1] == 0;
	}
	size_t pairs = n / 2;
	/* ASCII and Latin-1 letters, spaces and digits leave one byte of each
	 * unit zero; Vietnamese letters (U+1Exx) do not, hence 40%. */
	if (zodd * 10 >= pairs * 4 && zeven * 20 <= pairs)
		return ENC_UTF16LE;
	if (zeven * 10 >= pairs * 4 && zodd * 20 <= pairs)
		return ENC_UTF16BE;
	return ENC_UNKNOWN;
}

enum text_encoding text_detect(const char *data, size_t len)
{
	const unsigned char *s = (const unsigned char *)data;
	if (len >= 3 && s[0] == 0xEF && s[1] == 0xBB && s[2] == 0xBF)
		return ENC_UTF8;
	if (len >= 2 && s[0] == 0xFF && s[1] == 0xFE)
		return ENC_UTF16LE;
	if (len >= 2 && s[0] == 0xFE && s[1] == 0xFF)
		return ENC_UTF16BE;
	size_t n = len > DETECT_MAX ? DETECT_MAX : len;
	size_t nul = 0, ctl = 0, high = 0;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = s[i];
		if (c == 0)
			nul++;
		else if (vn1_ctl(c) &&
			 ((i > 0 && wordish(s[i - 1])) || (i + 1 < n && wordish(s[i + 1]))))
			high++; /* a TCVN capital (Ú, Ụ, Ừ...) inside a word */
		else if (c < 0x20 && c != '\t' && c != '\n' && c != '\v' && c != '\r' &&
			 c != '\f' && c != 0x1A)
			ctl++;
		else if (c >= 0x80)
			high++;
	}
	if (nul)
		return guess_utf16(s, len > DETECT_MAX ? DETECT_MAX : len);
	if (ctl > 4 && ctl * 20 > n)
		return ENC_UNKNOWN;
	if (utf8_valid(data, len))
		return ENC_UTF8;
	/* score a window that starts at the first non-ASCII byte (at a line
	 * start), so that a long ASCII head does not hide the rest */
	size_t w0 = 0;
	while (w0 < len && s[w0] < 0x80)
		w0++;
	while (w0 > 0 && s[w0 - 1] != '\n')
		w0--;
	s += w0;
	n = len - w0;
	if (n > SCORE_MAX) {
		n = SCORE_MAX;
		while (n > SCORE_MAX / 2 && s[n - 1] != '\n')
			n--;
		if (s[n - 1] != '\n')
			n = SCORE_MAX;
	}
	high = 0;
	for (size_t i = 0; i < n; i++)
		high += s[i] >= 0x80;
	long s1258 = score(cp1258_raw, s, n);
	long stcvn;
	tcvn3_pick(s, n, &stcvn);
	long svni = score(vni_raw, s, n);
	/* a lone syllable is no evidence against Windows-1258 ("©" reads
	 * "â" in TCVN3) unless Windows-1258 reads as broken words */
	int weak = s1258 >= 0;
	if (stcvn > s1258 && stcvn >= svni && (stcvn >= 2 || !weak))
		return ENC_TCVN3;
	if (svni > s1258 && svni > stcvn && (svni >= 2 || !weak))
		return ENC_VNI;
	/* nothing reads as Vietnamese: text with a few high bytes is taken as
	 * Windows-1258 (a superset of the Latin-1 letters), the rest is not
	 * text */
	if (s1258 <= 0 && high * 5 > n)
		return ENC_UNKNOWN;
	/* Vietnamese text in any 8-bit encoding keeps most bytes ASCII */
	if (n >= 16 && high * 10 > n * 6)
		return ENC_UNKNOWN;
	return ENC_CP1258;
}

/* The Windows-1252 byte a code point shows, for text (no U+F0xx), or -1. */
static int text_cp1252_byte(unsigned c)
{
	if (c <= 0xFF)
		return (int)c;
	for (int i = 0; i < 32; i++)
		if (cp1252_hi[i] == c)
			return 0x80 + i;
	return -1;
}

char *legacy_undo_mojibake(const char *s, size_t len, size_t *outlen)
{
	struct buf b = BUF_INIT;
	char *r = NULL;
	int multi = 0;
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0;
	/* valid input also keeps utf8_next() within s[0..len) */
	if (!s || !utf8_valid(s, len))
		return NULL;
	while (i < len) {
		if (!p[i]) {
			buf_addc(&b, 0);
			i++;
			continue;
		}
		const char *q = s + i;
		unsigned c = utf8_next(&q);
		i = (size_t)(q - s);
		int byte = text_cp1252_byte(c);
		if (byte < 0 || c == 0xFFFD)
			goto out;
		multi |= byte >= 0xC2;
		buf_addc(&b, (char)byte);
	}
	if (!multi || !utf8_valid(b.data, b.len))
		goto out;
	size_t skip = b.len >= 3 && !memcmp(b.data, "\xef\xbb\xbf", 3) ? 3 : 0;
	size_t n;
	char *fixed = utf8_nfc(b.data + skip, b.len - skip, &n);
	/* only when it reads as no less Vietnamese than before */
	char *orig = xstrndup(s, len);
	if (text_score(fixed) >= text_score(orig)) {
		r = fixed;
		if (outlen)
			*outlen = n;
	} else {
		free(fixed);
	}
	free(orig);
out:
	buf_release(&b);
	return r;
}

static int utf16_to_utf8(const unsigned char *s, size_t len, int be, struct buf *b)
{
	if (len % 2)
		return -1; /* odd length: not UTF-16; the caller reports the file */
	buf_grow(b, len * 2);
	for (size_t i = 0; i + 1 < len; i += 2) {
		unsigned u =
		    be ? (unsigned)(s[i] << 8 | s[i + 1]) : (unsigned)(s[i + 1] << 8 | s[i]);
		if (u >= 0xD800 && u <= 0xDBFF && i + 3 < len) {
			unsigned l = be ? (unsigned)(s[i + 2] << 8 | s[i + 3])
					: (unsigned)(s[i + 3] << 8 | s[i + 2]);
			if (l >= 0xDC00 && l <= 0xDFFF) {
				buf_add_utf8(b, 0x10000 + ((u - 0xD800) << 10) + (l - 0xDC00));
				i += 2;
				continue;
			}
		}
		if (u >= 0xD800 && u <= 0xDFFF)
			u = 0xFFFD;
		buf_add_utf8(b, u);
	}
	return 0;
}

int text_to_utf8(const char *data, size_t len, enum text_encoding e, char **out, size_t *outlen)
{
	const unsigned char *s = (const unsigned char *)data;
	struct buf b = BUF_INIT;
	char *r = NULL;
	size_t rl = 0;
	*out = NULL;
	if (outlen)
		*outlen = 0;
	switch (e) {
	case ENC_UTF8:
		if (len >= 3 && s[0] == 0xEF && s[1] == 0xBB && s[2] == 0xBF) {
			s += 3;
			len -= 3;
		}
		if (!utf8_valid((const char *)s, len))
			return -1; /* the caller reports the file */
		r = utf8_nfc((const char *)s, len, &rl);
		break;
	case ENC_UTF16LE:
	case ENC_UTF16BE: {
		int be = e == ENC_UTF16BE;
		if (len >= 2 && ((be && s[0] == 0xFE && s[1] == 0xFF) ||
				 (!be && s[0] == 0xFF && s[1] == 0xFE))) {
			s += 2;
			len -= 2;
		}
		if (utf16_to_utf8(s, len, be, &b) < 0) {
			buf_release(&b);
			return -1;
		}
		buf_add(&b, "", 0);
		r = utf8_nfc(b.data, b.len, &rl);
		buf_release(&b);
		break;
	}
	case ENC_CP1258:
		r = cp1258_dec(s, len, &rl);
		break;
	case ENC_TCVN3:
		r = tcvn3_dec(s, len, &rl);
		break;
	case ENC_VNI:
		r = vni_dec(s, len, &rl);
		break;
	case ENC_UNKNOWN:
	default:
		return -1; /* the caller reports the file */
	}
	if (e == ENC_UTF8 || e == ENC_UTF16LE || e == ENC_UTF16BE) {
		size_t n = 0;
		char *fixed = legacy_undo_mojibake(r, rl, &n);
		if (fixed) {
			free(r);
			r = fixed;
			rl = n;
		}
	}
	*out = r;
	if (outlen)
		*outlen = rl;
	return 0;
}

/* ---------------------------------------------------------- DOCX fonts */

enum legacy_font legacy_font_kind(const char *font_name)
{
	if (!font_name)
		return FONT_UNICODE;
	const char *p = font_name;
	while (*p == ' ')
		p++;
	size_t n = strlen(p);
	while (n && p[n - 1] == ' ')
		n--;
	if (n >= 3 && p[0] == '.' && strncasecmp(p + 1, "vn", 2) == 0)
		return p[n - 1] == 'H' ? FONT_TCVN3_CAPS : FONT_TCVN3;
	if (n >= 3 && strncasecmp(p, "vni", 3) == 0 &&
	    (n == 3 || p[3] == '-' || p[3] == ' ' || p[3] == '_'))
		return FONT_VNI;
	return FONT_UNICODE;
}

/* The Windows-1252 byte shown as code point c, or -1. */
static int cp1252_byte(unsigned c)
{
	if (c <= 0xFF)
		return (int)c;
	/* Word's private-use view of a symbol-charset font's bytes */
	if (c >= 0xF020 && c <= 0xF0FF)
		return (int)(c - 0xF000);
	for (int i = 0; i < 32; i++)
		if (cp1252_hi[i] == c)
			return 0x80 + i;
	return -1;
}

/* Maps the bytes of a run back and decodes them; code points that are no
 * Windows-1252 character pass through. */
static char *run_decode(const char *utf8, char *(*dec)(const unsigned char *, size_t))
{
	struct buf out = BUF_INIT, bytes = BUF_INIT;
	const char *p = utf8;
	unsigned c;
	for (;;) {
		c = utf8_next(&p);
		int byte = c ? cp1252_byte(c) : -1;
		if (byte >= 0) {
			buf_addc(&bytes, (char)byte);
			continue;
		}
		if (bytes.len) {
			char *d = dec((const unsigned char *)bytes.data, bytes.len);
			buf_adds(&out, d);
			free(d);
			buf_reset(&bytes);
		}
		if (!c)
			break;
		buf_add_utf8(&out, c);
	}
	buf_release(&bytes);
	buf_add(&out, "", 0);
	char *r = utf8_nfc(out.data, out.len, NULL);
	buf_release(&out);
	return r;
}

/* 1 for the Vietnamese letters that no legacy byte shows as (Ă Đ Ơ Ư and
 * U+1EA0..U+1EF9): a run holding one was typed in Unicode. */
static int unicode_vn_letter(unsigned c)
{
	return c == 0x102 || c == 0x103 || c == 0x110 || c == 0x111 || c == 0x128 || c == 0x129 ||
	       c == 0x168 || c == 0x169 || c == 0x1A0 || c == 0x1A1 || c == 0x1AF || c == 0x1B0 ||
	       (c >= 0x1EA0 && c <= 0x1EF9);
}

char *legacy_run_decode(const char *utf8, enum legacy_font font, int *converted)
{
	if (!utf8)
		utf8 = "";
	int high = 0;
	const char *p = utf8;
	unsigned c;
	while ((c = utf8_next(&p)) != 0) {
		if (unicode_vn_letter(c)) {
			font = FONT_UNICODE;
			break;
		}
		if (c >= 0x80 && cp1252_byte(c) >= 0)
			high = 1;
	}
	if (converted)
		*converted = font != FONT_UNICODE && high;
	switch (font) {
	case FONT_TCVN3:
		return run_decode(utf8, tcvn3_run_to_utf8);
	case FONT_TCVN3_CAPS: {
		char *d = run_decode(utf8, tcvn3_run_to_utf8);
		char *u = vn_upper(d);
		free(d);
		return u;
	}
	case FONT_VNI:
		return run_decode(utf8, vni_to_utf8);
	case FONT_UNICODE:
	default:
		return utf8_nfc(utf8, strlen(utf8), NULL);
	}
}

char *legacy_run_to_utf8(const char *utf8, enum legacy_font font)
{
	return legacy_run_decode(utf8, font, NULL);
}

enum legacy_font legacy_guess_mojibake(const char *utf8)
{
	if (!utf8)
		return FONT_UNICODE;
	int any_high = 0;
	const char *p = utf8;
	unsigned c;
	while ((c = utf8_next(&p)) != 0) {
		if (cp1252_byte(c) < 0)
			return FONT_UNICODE;
		if (c >= 0x80)
			any_high = 1;
	}
	if (!any_high)
		return FONT_UNICODE;
	size_t g0, b0, g1, b1, g2, b2;
	vn_syllable_stats(utf8, &g0, &b0);
	char *t = run_decode(utf8, tcvn3_run_to_utf8);
	vn_syllable_stats(t, &g1, &b1);
	free(t);
	char *v = run_decode(utf8, vni_to_utf8);
	vn_syllable_stats(v, &g2, &b2);
	free(v);
	long s0 = (long)g0 - (long)b0, s1 = (long)g1 - (long)b1, s2 = (long)g2 - (long)b2;
	if (s1 > s0 && s1 >= s2 && g1 > 0)
		return FONT_TCVN3;
	if (s2 > s0 && s2 > s1 && g2 > 0)
		return FONT_VNI;
	return FONT_UNICODE;
}
