/* pdf.c - libharu drawing layer: fonts, measuring, wrapping, pages, the official blocks and tables.
 */
#include "pdf.h"

#include "buf.h"
#include "util.h"

#include <fontconfig/fontconfig.h>
#include <hpdf_conf.h>
#include <hpdf_utils.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <utf8proc.h>

/* Descent of a Times-metric face, as a fraction of the size. */
#define DESCENT 0.216

struct pdf_wcache {
	unsigned short w[65536];	/* width in 1/1000 em */
	unsigned char known[65536 / 8]; /* bit set when w[] is filled */
};

static const char *const style_names[PDF_NSTYLES] = {"Regular", "Bold", "Italic", "Bold Italic"};

static void on_hpdf_error(HPDF_STATUS err, HPDF_STATUS detail, void *user)
{
	struct pdf *p = user;
	if (!p->failed)
		error("libharu: lỗi 0x%04lx (chi tiết %lu)", (unsigned long)err,
		      (unsigned long)detail);
	p->failed = 1;
}

int pdf_find_fonts(const char *family, char *paths[PDF_NSTYLES])
{
	int rc = 0;
	if (!family || !*family)
		family = "Liberation Serif";
	for (int i = 0; i < PDF_NSTYLES; i++) {
		if (paths[i] && *paths[i])
			continue;
		free(paths[i]);
		paths[i] = NULL;
		char *spec = xasprintf("%s:style=%s", family, style_names[i]);
		FcPattern *pat = FcNameParse((const FcChar8 *)spec);
		free(spec);
		if (!pat) {
			rc = error("không tìm được phông chữ %s", family);
			continue;
		}
		FcConfigSubstitute(NULL, pat, FcMatchPattern);
		FcDefaultSubstitute(pat);
		FcResult res;
		FcPattern *m = FcFontMatch(NULL, pat, &res);
		FcChar8 *file = NULL, *fam = NULL;
		if (m && FcPatternGetString(m, FC_FILE, 0, &file) == FcResultMatch && file) {
			paths[i] = xstrdup((const char *)file);
			if (FcPatternGetString(m, FC_FAMILY, 0, &fam) == FcResultMatch && fam &&
			    strcasecmp((const char *)fam, family) != 0)
				warning("phông chữ \"%s\" không có, dùng \"%s\"", family,
					(const char *)fam);
		}
		if (m)
			FcPatternDestroy(m);
		FcPatternDestroy(pat);
		if (!paths[i])
			rc = error("không tìm được phông chữ %s (%s)", family, style_names[i]);
	}
	FcFini();
	for (int i = 0; i < PDF_NSTYLES && rc == 0; i++) {
		struct stat st;
		if (stat(paths[i], &st) != 0 || !S_ISREG(st.st_mode))
			rc = error("%s: không đọc được tệp phông chữ", paths[i]);
		else if (!str_ends_with_ci(paths[i], ".ttf"))
			rc = error("%s: cần phông chữ TrueType (.ttf)", paths[i]);
	}
	return rc;
}

/* libharu 2.3.0 gives its UTF-8 fonts a ToUnicode stream that is its
 * encoding CMap ("begincidrange"), which readers reject.  The codes it
 * writes are the code points themselves, so the right ToUnicode map is the
 * identity over the BMP: rewrite the stream with bfrange blocks. */
static void fix_to_unicode(HPDF_Font font)
{
	HPDF_Dict cm = HPDF_Dict_GetItem(font, "ToUnicode", HPDF_OCLASS_DICT);
	if (!cm || !cm->stream)
		return;
	struct buf b = BUF_INIT;
	buf_adds(&b, "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n"
		     "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
		     "/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n"
		     "1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n");
	unsigned his[256];
	size_t n = 0;
	for (unsigned hi = 0; hi < 256; hi++)
		if (hi < 0xD8 || hi > 0xDF)
			his[n++] = hi;
	for (size_t i = 0; i < n; i += 100) {
		size_t k = n - i < 100 ? n - i : 100;
		buf_printf(&b, "%zu beginbfrange\n", k);
		for (size_t j = i; j < i + k; j++)
			buf_printf(&b, "<%02X00> <%02XFF> <%02X00>\n", his[j], his[j], his[j]);
		buf_adds(&b, "endbfrange\n");
	}
	buf_adds(&b, "endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n");
	HPDF_MemStream_FreeData(cm->stream);
	HPDF_Stream_Write(cm->stream, (const HPDF_BYTE *)b.data, (HPDF_UINT)b.len);
	buf_release(&b);
}

int pdf_open(struct pdf *p, char *const paths[PDF_NSTYLES])
{
	memset(p, 0, sizeof(*p));
	p->numbered = 1;
	p->doc = HPDF_New(on_hpdf_error, p);
	if (!p->doc)
		return error("libharu: không tạo được tài liệu");
	HPDF_SetCompressionMode(p->doc, HPDF_COMP_ALL);
	HPDF_UseUTFEncodings(p->doc);
	HPDF_SetCurrentEncoder(p->doc, "UTF-8");
	p->utf8 = HPDF_GetEncoder(p->doc, "UTF-8");
	for (int i = 0; i < PDF_NSTYLES; i++) {
		const char *name = HPDF_LoadTTFontFromFile(p->doc, paths[i], HPDF_TRUE);
		if (!name || p->failed)
			return error("%s: không nạp được phông chữ", paths[i]);
		p->font[i] = HPDF_GetFont(p->doc, name, "UTF-8");
		if (!p->font[i] || p->failed)
			return error("%s: không dùng được phông chữ", paths[i]);
		fix_to_unicode(p->font[i]);
		p->wc[i] = xcalloc(1, sizeof(struct pdf_wcache));
	}
	HPDF_SetPageMode(p->doc, HPDF_PAGE_MODE_USE_OUTLINE);
	return 0;
}

void pdf_release(struct pdf *p)
{
	if (p->doc)
		HPDF_Free(p->doc);
	for (int i = 0; i < PDF_NSTYLES; i++)
		free(p->wc[i]);
	if (p->ops)
		buf_release(p->ops);
	free(p->ops);
	memset(p, 0, sizeof(*p));
}

void pdf_set_info(struct pdf *p, const char *title, const char *author, const char *subject,
		  const char *creator, int year, int month, int day)
{
	const char *vals[] = {title, author, subject, creator};
	HPDF_InfoType keys[] = {HPDF_INFO_TITLE, HPDF_INFO_AUTHOR, HPDF_INFO_SUBJECT,
				HPDF_INFO_CREATOR};
	for (size_t i = 0; i < ARRAY_SIZE(keys); i++) {
		if (!vals[i] || !*vals[i])
			continue;
		char *c = pdf_clean(vals[i], 0);
		HPDF_SetInfoAttr(p->doc, keys[i], c);
		free(c);
	}
	HPDF_Date d = {year, month, day, 0, 0, 0, 'Z', 0, 0};
	if (d.year < 1 || d.month < 1 || d.month > 12 || d.day < 1 || d.day > 28) {
		d.year = d.year < 1 ? 2000 : d.year;
		d.month = 1;
		d.day = 1;
	}
	HPDF_SetInfoDateAttr(p->doc, HPDF_INFO_CREATION_DATE, d);
	HPDF_SetInfoDateAttr(p->doc, HPDF_INFO_MOD_DATE, d);
}

/* libharu keeps every page's content stream uncompressed until the document
 * is saved (about 2.5 KB per roster row).  A finished page is never drawn on
 * again, so its stream is deflated right away (with libharu's own deflate,
 * as HPDF_COMP_ALL would at save time) and the dict is then written as is,
 * with a /Filter entry of our own. */
static HPDF_STATUS write_flate_filter(HPDF_Dict d, HPDF_Stream s)
{
	(void)d;
	return HPDF_Stream_WriteStr(s, "/Filter /FlateDecode\012");
}

static void finish_page(struct pdf *p)
{
	if (!p->page || p->failed)
		return;
	HPDF_Dict cd = ((HPDF_PageAttr)p->page->attr)->contents;
	if (!cd || !cd->stream || cd->filter != HPDF_STREAM_FILTER_FLATE_DECODE ||
	    !cd->stream->size)
		return;
	/* Small chunks: a deflated page is ~3 KB, a 4 KB chunk would waste a
	 * third of it for the rest of the run. */
	HPDF_Stream z = HPDF_MemStream_New(p->doc->mmgr, 1024);
	if (!z)
		return;
	if (HPDF_Stream_WriteToStream(cd->stream, z, HPDF_STREAM_FILTER_FLATE_DECODE, NULL) !=
	    HPDF_OK) {
		HPDF_Stream_Free(z);
		return;
	}
	/* The page's stream (the contents dict's and the page's own pointer
	 * to it) becomes the deflated one. */
	HPDF_Stream_Free(cd->stream);
	cd->stream = z;
	((HPDF_PageAttr)p->page->attr)->stream = z;
	cd->filter = HPDF_STREAM_FILTER_NONE;
	cd->write_fn = write_flate_filter;
}

void pdf_new_page(struct pdf *p, int landscape, int restart)
{
	finish_page(p);
	p->page = HPDF_AddPage(p->doc);
	HPDF_Page_SetSize(p->page, HPDF_PAGE_SIZE_A4,
			  landscape ? HPDF_PAGE_LANDSCAPE : HPDF_PAGE_PORTRAIT);
	p->pw = HPDF_Page_GetWidth(p->page);
	p->ph = HPDF_Page_GetHeight(p->page);
	p->landscape = landscape;
	if (landscape) {
		p->mt = PDF_MM(30);
		p->mb = PDF_MM(15);
		p->ml = PDF_MM(20);
		p->mr = PDF_MM(20);
	} else {
		p->mt = PDF_MM(20);
		p->mb = PDF_MM(20);
		p->ml = PDF_MM(30);
		p->mr = PDF_MM(15);
	}
	p->pageno = restart || p->pageno < 1 ? 1 : p->pageno + 1;
	p->tstyle = -1; /* a new page has no font set */
	p->tsize = 0;
	p->in_text = 0;
	p->y = p->ph - p->mt;
	if (p->numbered && p->pageno >= 2) {
		char num[24];
		snprintf(num, sizeof(num), "%d", p->pageno);
		pdf_text(p, PDF_REGULAR, 13, p->ml, p->pw - p->ml - p->mr, p->ph - PDF_MM(16),
			 PDF_CENTER, num);
	}
}

double pdf_text_width_area(const struct pdf *p)
{
	return p->pw - p->ml - p->mr;
}

HPDF_Outline pdf_outline(struct pdf *p, HPDF_Outline parent, const char *title, int open)
{
	char *c = pdf_clean(title, 0);
	HPDF_Outline o = HPDF_CreateOutline(p->doc, parent, c, p->utf8);
	free(c);
	if (!o || !p->page)
		return o;
	HPDF_Destination d = HPDF_Page_CreateDestination(p->page);
	if (d) {
		HPDF_Destination_SetXYZ(d, 0, p->y + 20 > p->ph ? p->ph : p->y + 20, 1);
		HPDF_Outline_SetDestination(o, d);
	}
	HPDF_Outline_SetOpened(o, open ? HPDF_TRUE : HPDF_FALSE);
	return o;
}

/* Has libharu save the finished document into its memory stream; then
 * HPDF_ReadFromStream hands the bytes out.  Returns 0 or -1 (reported). */
static int save_to_stream(struct pdf *p, const char *what)
{
	finish_page(p);
	if (p->failed || HPDF_SaveToStream(p->doc) != HPDF_OK || p->failed ||
	    HPDF_ResetStream(p->doc) != HPDF_OK)
		return error("%s: libharu không lập được tài liệu", what);
	return 0;
}

int pdf_save_mem(struct pdf *p, char **data, size_t *len)
{
	*data = NULL;
	*len = 0;
	if (save_to_stream(p, "PDF") != 0)
		return -1;
	size_t n = HPDF_GetStreamSize(p->doc);
	char *buf = xmalloc(n + 1);
	HPDF_UINT32 got = (HPDF_UINT32)n;
	HPDF_STATUS st = HPDF_ReadFromStream(p->doc, (HPDF_BYTE *)buf, &got);
	if ((st != HPDF_OK && st != HPDF_STREAM_EOF) || got != n) {
		free(buf);
		return error("PDF: libharu không trả được tài liệu");
	}
	*data = buf;
	*len = n;
	return 0;
}

int pdf_save(struct pdf *p, const char *path)
{
	/* libharu never touches the disk: the document goes to its memory
	 * stream, then in chunks through the checked writer (util.h), whose
	 * errors (a full disk) are reported in one line and never commit a
	 * truncated file. */
	if (save_to_stream(p, path) != 0)
		return -1;
	char *tmp;
	FILE *f = open_tmp(path, &tmp);
	if (!f)
		return -1;
	HPDF_BYTE *chunk = xmalloc(1 << 16);
	int rc = 0;
	for (;;) {
		HPDF_UINT32 got = 1 << 16;
		HPDF_STATUS st = HPDF_ReadFromStream(p->doc, chunk, &got);
		if (got)
			fwrite(chunk, 1, got, f);
		if (st == HPDF_STREAM_EOF)
			break;
		if (st != HPDF_OK) {
			rc = error("%s: libharu không trả được tài liệu", path);
			break;
		}
	}
	free(chunk);
	if (rc != 0) {
		abort_tmp(f, tmp);
		return -1;
	}
	return commit_tmp(f, tmp, path);
}

/* ---- text ---- */

static int is_space_cp(utf8proc_int32_t c)
{
	return c == ' ' || (c >= 0x2000 && c <= 0x200B) || c == 0x202F || c == 0x205F ||
	       c == 0x3000 || c == 0xFEFF || c == '\t';
}

/* Appends code point c (BMP) as UTF-8. */
static size_t put_utf8(char *o, unsigned c)
{
	if (c < 0x80) {
		o[0] = (char)c;
		return 1;
	}
	if (c < 0x800) {
		o[0] = (char)(0xC0 | (c >> 6));
		o[1] = (char)(0x80 | (c & 0x3F));
		return 2;
	}
	o[0] = (char)(0xE0 | (c >> 12));
	o[1] = (char)(0x80 | ((c >> 6) & 0x3F));
	o[2] = (char)(0x80 | (c & 0x3F));
	return 3;
}

char *pdf_clean(const char *s, int flags)
{
	int need_nfc = 0;
	if (!s)
		s = "";
	size_t n = strlen(s);
	/* Pass 1: valid UTF-8, BMP only, controls and odd spaces replaced; at
	 * most 3 bytes per input byte, stopping past twice the limit. */
	size_t cap = n * 3 < (size_t)PDF_TEXT_MAX * 2 + 3 ? n * 3 : (size_t)PDF_TEXT_MAX * 2 + 3;
	char *b = xmalloc(cap + 1);
	size_t bl = 0;
	const utf8proc_uint8_t *u = (const utf8proc_uint8_t *)s;
	utf8proc_ssize_t rem = (utf8proc_ssize_t)n;
	while (rem > 0) {
		if (*u >= 0x20 && *u < 0x7F) {
			/* Plain ASCII: copied as it is (the common case). */
			b[bl++] = (char)*u++;
			rem--;
			if (bl > PDF_TEXT_MAX * 2)
				break;
			continue;
		}
		utf8proc_int32_t c;
		utf8proc_ssize_t k = utf8proc_iterate(u, rem, &c);
		if (k <= 0) {
			c = 0xFFFD;
			k = 1;
		}
		u += k;
		rem -= k;
		if (c == '\r')
			continue;
		if (c == '\n')
			c = (flags & PDF_KEEP_NL) ? '\n' : ' ';
		else if (is_space_cp(c))
			c = ' ';
		else if (c < 0x20 || (c >= 0x7F && c < 0xA0) || c == 0x2028 || c == 0x2029)
			c = ' ';
		else if (c > 0xFFFF || (c >= 0xD800 && c <= 0xDFFF) || c == 0xFFFE || c == 0xFFFF)
			c = 0xFFFD;
		/* Latin, Latin-1 and precomposed Vietnamese are NFC already. */
		if (!(c < 0x300 || (c >= 0x1E00 && c <= 0x1EFF) || (c >= 0x2010 && c <= 0x2027) ||
		      (c >= 0x2030 && c <= 0x205E) || c == 0xFFFD))
			need_nfc = 1;
		bl += put_utf8(b + bl, (unsigned)c);
		if (bl > PDF_TEXT_MAX * 2)
			break;
	}
	b[bl] = '\0';
	utf8proc_uint8_t *nfc = bl && need_nfc ? utf8proc_NFC((const utf8proc_uint8_t *)b) : NULL;
	const char *src = nfc ? (const char *)nfc : b;
	/* Pass 2: collapse spaces (unless asked to keep them) and cut at the
	 * limit; the result is never longer than src plus the "…". */
	char *o = xmalloc(strlen(src) + 4);
	size_t ol = 0;
	int pending = 0;
	for (const char *q = src; *q; q++) {
		if (ol >= PDF_TEXT_MAX && ((unsigned char)*q & 0xC0) != 0x80) {
			memcpy(o + ol, "…", 3);
			ol += 3;
			break;
		}
		if (!(flags & PDF_KEEP_SPACES) && (*q == ' ' || *q == '\n')) {
			if (*q == '\n') {
				/* Drop spaces before a line break. */
				while (ol && o[ol - 1] == ' ')
					ol--;
				if (ol && o[ol - 1] != '\n')
					o[ol++] = '\n';
				pending = 0;
			} else if (ol && o[ol - 1] != '\n') {
				pending = 1;
			}
			continue;
		}
		if (pending) {
			o[ol++] = ' ';
			pending = 0;
		}
		o[ol++] = *q;
	}
	while (!(flags & PDF_KEEP_SPACES) && ol && (o[ol - 1] == '\n' || o[ol - 1] == ' '))
		ol--;
	o[ol] = '\0';
	free(nfc);
	free(b);
	return o;
}

/* Next code point of cleaned (valid) UTF-8. */
static unsigned next_cp(const char *s, size_t len, size_t *i)
{
	const unsigned char *u = (const unsigned char *)s;
	unsigned c = u[*i];
	size_t n = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
	if (*i + n > len)
		n = len - *i;
	if (n == 1) {
		(*i)++;
		return c;
	}
	c &= n == 2 ? 0x1F : n == 3 ? 0x0F : 0x07;
	for (size_t k = 1; k < n; k++)
		c = (c << 6) | (u[*i + k] & 0x3F);
	*i += n;
	return c > 0xFFFF ? 0xFFFD : c;
}

static unsigned glyph_width(struct pdf *p, int style, unsigned cp)
{
	struct pdf_wcache *wc = p->wc[style];
	if (wc->known[cp >> 3] & (1u << (cp & 7)))
		return wc->w[cp];
	struct buf b = BUF_INIT;
	buf_add_utf8(&b, cp);
	HPDF_TextWidth tw = HPDF_Font_TextWidth(p->font[style], (const HPDF_BYTE *)b.data, b.len);
	buf_release(&b);
	unsigned w = tw.width > 65535 ? 65535 : tw.width;
	wc->w[cp] = (unsigned short)w;
	wc->known[cp >> 3] |= (unsigned char)(1u << (cp & 7));
	return w;
}

double pdf_width(struct pdf *p, int style, double size, const char *s, size_t len)
{
	unsigned long total = 0;
	for (size_t i = 0; i < len;)
		total += glyph_width(p, style, next_cp(s, len, &i));
	return (double)total * size / 1000.0;
}

double pdf_swidth(struct pdf *p, int style, double size, const char *s)
{
	return pdf_width(p, style, size, s, strlen(s));
}

void pdf_lines_release(struct pdf_lines *l)
{
	free(l->v);
	l->v = NULL;
	l->n = l->cap = 0;
}

static void add_line(struct pdf_lines *out, size_t off, size_t len, int last)
{
	XGROW(out->v, out->cap, out->n + 1);
	out->v[out->n++] = (struct pdf_line){off, len, last};
}

void pdf_wrap(struct pdf *p, int style, double size, const char *text, double width, double indent,
	      struct pdf_lines *out)
{
	const double eps = 0.01;
	double spw = pdf_width(p, style, size, " ", 1);
	size_t tl = strlen(text);
	size_t par = 0;
	out->n = 0;
	while (par < tl) {
		const char *nl = memchr(text + par, '\n', tl - par);
		size_t pend = nl ? (size_t)(nl - text) : tl;
		double avail = width - indent;
		size_t ls = 0, le = 0; /* current line [ls, le) */
		int open = 0;
		double lw = 0;
		size_t i = par;
		while (i < pend) {
			while (i < pend && text[i] == ' ')
				i++;
			if (i >= pend)
				break;
			size_t ws = i;
			while (i < pend && text[i] != ' ')
				i++;
			size_t we = i;
			double ww = pdf_width(p, style, size, text + ws, we - ws);
			if (open && lw + spw + ww <= avail + eps) {
				le = we;
				lw += spw + ww;
				continue;
			}
			if (open) {
				add_line(out, ls, le - ls, 0);
				open = 0;
				avail = width;
			}
			if (ww <= avail + eps) {
				ls = ws;
				le = we;
				lw = ww;
				open = 1;
				continue;
			}
			/* Break an over-long word between characters. */
			size_t cs = ws;
			double cw = 0;
			for (size_t k = ws; k < we;) {
				size_t k0 = k;
				unsigned cp = next_cp(text, we, &k);
				double gw = glyph_width(p, style, cp) * size / 1000.0;
				if (cw + gw > avail + eps && k0 > cs) {
					add_line(out, cs, k0 - cs, 0);
					avail = width;
					cs = k0;
					cw = 0;
				}
				cw += gw;
			}
			ls = cs;
			le = we;
			lw = cw;
			open = 1;
		}
		if (open)
			add_line(out, ls, le - ls, 1);
		else if (out->n)
			out->v[out->n - 1].last = 1;
		par = pend + 1;
	}
}

static void text_begin(struct pdf *p)
{
	HPDF_Page_BeginText(p->page);
	p->in_text = 1;
	p->tx = p->ty = 0;
}

static void text_end(struct pdf *p)
{
	HPDF_Page_EndText(p->page);
	p->in_text = 0;
}

/* Text is written straight into the page's content stream rather than
 * through HPDF_Page_TextOut (which re-encodes and re-measures the string
 * and clears a buffer in MoveTextPos on every call).  The operators are
 * the ones TextOut writes: the move "dx dy Td" from the start of the
 * previous line, computed in libharu's float arithmetic and formatted by
 * its HPDF_FToA, then the codes of libharu's UTF-8 Type0 fonts (the CID
 * of a code point is the code point, two bytes) and "Tj".  Every glyph
 * shown has been measured first through HPDF_Font_TextWidth (glyph_width),
 * which is what marks it for the embedded subset.  A justified line is one
 * TJ whose gaps are moves. */

/* Appends v with 3 decimals at most, without trailing zeros. */
static void put_num(struct buf *b, double v)
{
	char t[48], *e = t + sizeof(t), *q = e;
	long long r = llround(v * 1000.0);
	int neg = r < 0;
	unsigned long long u = (unsigned long long)(neg ? -r : r);
	unsigned long long ip = u / 1000, fp = u % 1000;
	int any = 0;
	for (int d = 0; d < 3; d++) {
		unsigned dig = (unsigned)(fp % 10);
		fp /= 10;
		if (dig || any) {
			*--q = (char)('0' + dig);
			any = 1;
		}
	}
	if (any)
		*--q = '.';
	do {
		*--q = (char)('0' + ip % 10);
		ip /= 10;
	} while (ip);
	if (neg && u)
		*--q = '-';
	buf_add(b, q, (size_t)(e - q));
}

/* The codes of text as a literal string: two bytes per code point (half
 * the size of libharu's hex string, so half the bytes to keep and to
 * deflate), with the bytes that are special in a literal string escaped
 * (a raw CR would be read as a line feed). */
static void put_codes(struct buf *b, const char *s, size_t len)
{
	char t[256];
	size_t n = 0;
	buf_addc(b, '(');
	for (size_t i = 0; i < len;) {
		unsigned cp = next_cp(s, len, &i);
		unsigned char by[2] = {(unsigned char)(cp >> 8), (unsigned char)(cp & 0xFF)};
		for (int k = 0; k < 2; k++) {
			unsigned char c = by[k];
			if (c == '(' || c == ')' || c == '\\') {
				t[n++] = '\\';
				t[n++] = (char)c;
			} else if (c == '\r') {
				t[n++] = '\\';
				t[n++] = 'r';
			} else {
				t[n++] = (char)c;
			}
		}
		if (n > sizeof(t) - 8) {
			buf_add(b, t, n);
			n = 0;
		}
	}
	buf_add(b, t, n);
	buf_addc(b, ')');
}

/* "dx dy Td" to (x, y), as HPDF_Page_TextOut computes and writes it. */
static void put_move(struct pdf *p, struct buf *b, double x, double y)
{
	char t[64], *q = t, *e = t + sizeof(t) - 1;
	float dx = (float)x - p->tx, dy = (float)y - p->ty;
	q = HPDF_FToA(q, dx, e);
	*q++ = ' ';
	q = HPDF_FToA(q, dy, e);
	buf_add(b, t, (size_t)(q - t));
	buf_adds(b, " Td\n");
	p->tx += dx;
	p->ty += dy;
}

/* "x y w h re", as HPDF_Page_Rectangle writes it.  A row's grid is its
 * rectangles and one "S" written here directly: libharu's Rectangle clears
 * a buffer and checks its state on every call. */
static void put_rect(struct buf *b, double x, double y, double w, double h)
{
	char t[128], *q = t, *e = t + sizeof(t) - 1;
	q = HPDF_FToA(q, (HPDF_REAL)x, e);
	*q++ = ' ';
	q = HPDF_FToA(q, (HPDF_REAL)y, e);
	*q++ = ' ';
	q = HPDF_FToA(q, (HPDF_REAL)w, e);
	*q++ = ' ';
	q = HPDF_FToA(q, (HPDF_REAL)h, e);
	buf_add(b, t, (size_t)(q - t));
	buf_adds(b, " re\n");
}

static void flush_ops(struct pdf *p, struct buf *b)
{
	HPDF_PageAttr attr = (HPDF_PageAttr)p->page->attr;
	if (b->len)
		HPDF_Stream_Write(attr->stream, (const HPDF_BYTE *)b->data, (HPDF_UINT)b->len);
	buf_reset(b);
}

static struct buf *ops_buf(struct pdf *p)
{
	if (!p->ops) {
		p->ops = xmalloc(sizeof(*p->ops));
		buf_init(p->ops);
	}
	buf_reset(p->ops);
	return p->ops;
}

void pdf_draw_line(struct pdf *p, int style, double size, double x, double w, double y, int align,
		   const char *s, size_t len, int stretch)
{
	if (!len || !p->page)
		return;
	double tw = pdf_width(p, style, size, s, len);
	size_t nsp = 0;
	if (align == PDF_JUSTIFY && stretch)
		for (size_t i = 0; i < len; i++)
			nsp += s[i] == ' ';
	int own = !p->in_text;
	if (own)
		text_begin(p);
	if (p->tstyle != style || p->tsize != size) {
		HPDF_Page_SetFontAndSize(p->page, p->font[style], (HPDF_REAL)size);
		p->tstyle = style;
		p->tsize = size;
	}
	struct buf *b = ops_buf(p);
	double extra = nsp ? (w - tw) / (double)nsp : 0;
	if (nsp && extra > 0 && extra < size * 1.5) {
		/* Justified: the words in one TJ, each gap a move of a space
		 * and the extra (in thousandths of the size, to the left). */
		double gap = (pdf_width(p, style, size, " ", 1) + extra) * 1000.0 / size;
		size_t i = 0, nsp_run = 0;
		while (i < len && s[i] == ' ')
			i++, nsp_run++;
		put_move(p, b, x + (double)nsp_run * gap * size / 1000.0, y);
		buf_addc(b, '[');
		nsp_run = 0;
		while (i < len) {
			size_t ws = i;
			while (i < len && s[i] != ' ')
				i++;
			if (i > ws) {
				if (nsp_run) {
					put_num(b, -(double)nsp_run * gap);
					nsp_run = 0;
				}
				put_codes(b, s + ws, i - ws);
			}
			while (i < len && s[i] == ' ') {
				nsp_run++;
				i++;
			}
		}
		buf_adds(b, "] TJ\n");
	} else {
		double cx = x;
		if (align == PDF_CENTER)
			cx = x + (w - tw) / 2;
		else if (align == PDF_RIGHT)
			cx = x + w - tw;
		put_move(p, b, cx, y);
		put_codes(b, s, len);
		buf_adds(b, " Tj\n");
	}
	flush_ops(p, b);
	if (own)
		text_end(p);
}

void pdf_text(struct pdf *p, int style, double size, double x, double w, double y, int align,
	      const char *s)
{
	char *c = pdf_clean(s, PDF_KEEP_SPACES);
	pdf_draw_line(p, style, size, x, w, y, align, c, strlen(c), 0);
	free(c);
}

void pdf_hline(struct pdf *p, double x1, double x2, double y, double lw)
{
	HPDF_Page_SetLineWidth(p->page, (HPDF_REAL)lw);
	HPDF_Page_MoveTo(p->page, (HPDF_REAL)x1, (HPDF_REAL)y);
	HPDF_Page_LineTo(p->page, (HPDF_REAL)x2, (HPDF_REAL)y);
	HPDF_Page_Stroke(p->page);
}

void pdf_rect(struct pdf *p, double x, double y, double w, double h, double lw, double gray,
	      int fill, int stroke)
{
	HPDF_Page_SetLineWidth(p->page, (HPDF_REAL)lw);
	HPDF_Page_SetGrayFill(p->page, (HPDF_REAL)gray);
	HPDF_Page_Rectangle(p->page, (HPDF_REAL)x, (HPDF_REAL)y, (HPDF_REAL)w, (HPDF_REAL)h);
	if (fill && stroke)
		HPDF_Page_FillStroke(p->page);
	else if (fill)
		HPDF_Page_Fill(p->page);
	else
		HPDF_Page_Stroke(p->page);
	HPDF_Page_SetGrayFill(p->page, 0);
}

/* ---- flow ---- */

/* Baseline of a line of the given size centred in a box of height lead. */
static double base_off(double size, double lead)
{
	return lead - ((lead - size) / 2 + DESCENT * size);
}

void pdf_need(struct pdf *p, double need)
{
	if (p->y - need < p->mb - 0.01)
		pdf_new_page(p, p->landscape, 0);
}

void pdf_space(struct pdf *p, double dy)
{
	if (p->y - dy < p->mb)
		pdf_new_page(p, p->landscape, 0);
	else
		p->y -= dy;
}

void pdf_para(struct pdf *p, const struct pdf_para *fmt, const char *text)
{
	struct pdf_lines lines = {0};
	char *c = pdf_clean(text, PDF_KEEP_NL);
	double x = fmt->w > 0 ? fmt->x : p->ml;
	double w = fmt->w > 0 ? fmt->w : pdf_text_width_area(p);
	pdf_wrap(p, fmt->style, fmt->size, c, w, fmt->indent, &lines);
	if (p->y < p->ph - p->mt - 0.01)
		pdf_space(p, fmt->before);
	int first = 1;
	for (size_t i = 0; i < lines.n; i++) {
		const struct pdf_line *l = &lines.v[i];
		pdf_need(p, fmt->lead);
		double ind = first ? fmt->indent : 0;
		int align = fmt->align;
		if (align != PDF_JUSTIFY && ind > 0)
			align = PDF_LEFT;
		pdf_draw_line(p, fmt->style, fmt->size, x + ind, w - ind,
			      p->y - base_off(fmt->size, fmt->lead), align, c + l->off, l->len,
			      !l->last);
		p->y -= fmt->lead;
		first = l->last;
	}
	p->y -= fmt->after;
	pdf_lines_release(&lines);
	free(c);
}

double pdf_para_height(struct pdf *p, const struct pdf_para *fmt, const char *text)
{
	struct pdf_lines lines = {0};
	char *c = pdf_clean(text, PDF_KEEP_NL);
	double w = fmt->w > 0 ? fmt->w : pdf_text_width_area(p);
	pdf_wrap(p, fmt->style, fmt->size, c, w, fmt->indent, &lines);
	double h = fmt->before + fmt->lead * (double)lines.n + fmt->after;
	pdf_lines_release(&lines);
	free(c);
	return h;
}

/* ---- paragraphs of runs in several styles ---- */

/* The runs' text, cleaned and joined, with the style of each byte; spaces
 * collapsed across runs, none at a line's ends. */
struct styled {
	char *t;
	unsigned char *st;
	size_t n;
};

static void styled_join(const struct pdf_run *runs, size_t nruns, struct styled *o)
{
	size_t cap = 16;
	for (size_t i = 0; i < nruns; i++)
		cap += (runs[i].text ? strlen(runs[i].text) : 0) * 3 + 8;
	if (cap > PDF_TEXT_MAX * 4)
		cap = PDF_TEXT_MAX * 4;
	o->t = xmalloc(cap + 4);
	o->st = xmalloc(cap + 4);
	o->n = 0;
	for (size_t i = 0; i < nruns; i++) {
		char *c = pdf_clean(runs[i].text, PDF_KEEP_NL | PDF_KEEP_SPACES);
		for (const char *q = c; *q && o->n < cap; q++) {
			char ch = *q;
			if (ch == ' ' && (!o->n || o->t[o->n - 1] == ' ' || o->t[o->n - 1] == '\n'))
				continue;
			if (ch == '\n')
				while (o->n && o->t[o->n - 1] == ' ')
					o->n--;
			o->t[o->n] = ch;
			o->st[o->n++] = (unsigned char)(runs[i].style & 3);
		}
		free(c);
	}
	while (o->n && (o->t[o->n - 1] == ' ' || o->t[o->n - 1] == '\n'))
		o->n--;
	o->t[o->n] = '\0';
}

/* Width of bytes [a, b) of styled text, each style run in its own face. */
static double styled_width(struct pdf *p, double size, const struct styled *s, size_t a, size_t b)
{
	double w = 0;
	while (a < b) {
		size_t e = a + 1;
		while (e < b && s->st[e] == s->st[a])
			e++;
		w += pdf_width(p, s->st[a], size, s->t + a, e - a);
		a = e;
	}
	return w;
}

/* Next character boundary after i. */
static size_t next_char(const char *t, size_t n, size_t i)
{
	i++;
	while (i < n && ((unsigned char)t[i] & 0xC0) == 0x80)
		i++;
	return i;
}

/* Breaks styled text into lines of at most width (the first indent
 * narrower): on spaces, at line breaks, and between characters inside a
 * word wider than a line. */
static void styled_wrap(struct pdf *p, double size, const struct styled *s, double width,
			double indent, struct pdf_lines *out)
{
	size_t i = 0;
	int first = 1;
	while (i < s->n) {
		double w = width - (first ? indent : 0), used = 0;
		size_t start = i, end = i, brk = 0;
		int hard = 0;
		while (i < s->n) {
			if (s->t[i] == '\n') {
				hard = 1;
				break;
			}
			size_t we = i;
			while (we < s->n && s->t[we] != ' ' && s->t[we] != '\n')
				we++;
			double sp = i > start ? styled_width(p, size, s, i - 1, i) : 0;
			double ww = styled_width(p, size, s, i, we);
			if (used + sp + ww <= w + 0.01) {
				used += sp + ww;
				end = we;
				brk = 1;
				i = we < s->n && s->t[we] == ' ' ? we + 1 : we;
				continue;
			}
			if (!brk) {
				/* a word wider than the line: as many characters as fit */
				size_t k = i;
				while (k < we) {
					size_t nk = next_char(s->t, we, k);
					if (k > i && styled_width(p, size, s, i, nk) > w)
						break;
					k = nk;
				}
				end = k;
				i = k;
			}
			break;
		}
		add_line(out, start, end - start, hard || i >= s->n);
		if (hard)
			i++;
		first = hard;
	}
}

/* Draws bytes [a, b) of styled text from x on baseline y, each style run
 * in its own face, spaces widened by extra. */
static void styled_draw(struct pdf *p, double size, const struct styled *s, size_t a, size_t b,
			double x, double y, double extra)
{
	while (a < b) {
		size_t e = a + 1;
		while (e < b && s->st[e] == s->st[a] && s->t[e] != ' ' && s->t[a] != ' ')
			e++;
		double w = pdf_width(p, s->st[a], size, s->t + a, e - a);
		if (s->t[a] == ' ')
			w += extra;
		else
			pdf_draw_line(p, s->st[a], size, x, w + 1, y, PDF_LEFT, s->t + a, e - a, 0);
		x += w;
		a = e;
	}
}

static void styled_release(struct styled *s)
{
	free(s->t);
	free(s->st);
}

void pdf_para_runs(struct pdf *p, const struct pdf_para *fmt, const struct pdf_run *runs,
		   size_t nruns)
{
	struct styled s;
	struct pdf_lines lines = {0};
	styled_join(runs, nruns, &s);
	double x = fmt->w > 0 ? fmt->x : p->ml;
	double w = fmt->w > 0 ? fmt->w : pdf_text_width_area(p);
	styled_wrap(p, fmt->size, &s, w, fmt->indent, &lines);
	if (p->y < p->ph - p->mt - 0.01)
		pdf_space(p, fmt->before);
	text_begin(p);
	int first = 1;
	for (size_t i = 0; i < lines.n; i++) {
		const struct pdf_line *l = &lines.v[i];
		if (p->y - fmt->lead < p->mb - 0.01) {
			text_end(p);
			pdf_new_page(p, p->landscape, 0);
			text_begin(p);
		}
		double ind = first ? fmt->indent : 0, lw = w - ind;
		double nat = styled_width(p, fmt->size, &s, l->off, l->off + l->len), x0 = x + ind;
		double extra = 0;
		if (fmt->align == PDF_CENTER)
			x0 += (lw - nat) / 2;
		else if (fmt->align == PDF_RIGHT)
			x0 += lw - nat;
		else if (fmt->align == PDF_JUSTIFY && !l->last) {
			size_t gaps = 0;
			for (size_t k = l->off; k < l->off + l->len; k++)
				gaps += s.t[k] == ' ';
			extra = gaps ? (lw - nat) / (double)gaps : 0;
		}
		styled_draw(p, fmt->size, &s, l->off, l->off + l->len, x0,
			    p->y - base_off(fmt->size, fmt->lead), extra);
		p->y -= fmt->lead;
		first = l->last;
	}
	text_end(p);
	p->y -= fmt->after;
	pdf_lines_release(&lines);
	styled_release(&s);
}

double pdf_para_runs_height(struct pdf *p, const struct pdf_para *fmt, const struct pdf_run *runs,
			    size_t nruns)
{
	struct styled s;
	struct pdf_lines lines = {0};
	styled_join(runs, nruns, &s);
	double w = fmt->w > 0 ? fmt->w : pdf_text_width_area(p);
	styled_wrap(p, fmt->size, &s, w, fmt->indent, &lines);
	double h = fmt->before + fmt->lead * (double)lines.n + fmt->after;
	pdf_lines_release(&lines);
	styled_release(&s);
	return h;
}

/* ---- official blocks ---- */

/* Splits s at '\n' into at most max cleaned lines. */
static size_t split_lines(const char *s, char **out, size_t max)
{
	char *c = pdf_clean(s, PDF_KEEP_NL);
	size_t n = 0;
	char *save = NULL;
	for (char *t = strtok_r(c, "\n", &save); t && n < max; t = strtok_r(NULL, "\n", &save))
		out[n++] = xstrdup(t);
	free(c);
	return n;
}

static void free_lines(char **v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(v[i]);
}

/* Draws text centred in [x, x+w), wrapped, one line per step from the
 * baseline *by (moved down); returns the widest line's width. */
static double centred_lines(struct pdf *p, int style, double size, double x, double w, double *by,
			    double step, const char *text)
{
	struct pdf_lines lines = {0};
	char *c = pdf_clean(text, PDF_KEEP_NL);
	pdf_wrap(p, style, size, c, w - 4, 0, &lines);
	double maxw = 0;
	for (size_t i = 0; i < lines.n && i < 6; i++) {
		const struct pdf_line *l = &lines.v[i];
		pdf_draw_line(p, style, size, x, w, *by, PDF_CENTER, c + l->off, l->len, 0);
		double lw = pdf_width(p, style, size, c + l->off, l->len);
		maxw = lw > maxw ? lw : maxw;
		*by -= step;
	}
	pdf_lines_release(&lines);
	free(c);
	return maxw;
}

void pdf_official_header(struct pdf *p, const struct pdf_header *h)
{
	const double lw = PDF_MM(65), rw = PDF_MM(100), step = 15;
	double lx = p->ml, rx = p->ml + lw;
	double b1 = p->y - 12;
	double by = b1;
	if (h->parent && *h->parent)
		centred_lines(p, PDF_REGULAR, 13, lx, lw, &by, step, h->parent);
	double maxw = centred_lines(p, PDF_BOLD, 13, lx, lw, &by, step, h->body);
	double lastl = by + step;
	if (maxw > 0)
		pdf_hline(p, lx + (lw - maxw / 2) / 2, lx + (lw + maxw / 2) / 2, lastl - 8, 0.6);
	const char *m1 = h->motto1 ? h->motto1 : "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM";
	const char *m2 = h->motto2 ? h->motto2 : "Độc lập - Tự do - Hạnh phúc";
	pdf_text(p, PDF_BOLD, 12, rx, rw, b1, PDF_CENTER, m1);
	pdf_text(p, PDF_BOLD, 13, rx, rw, b1 - step, PDF_CENTER, m2);
	double w2 = pdf_swidth(p, PDF_BOLD, 13, m2);
	pdf_hline(p, rx + (rw - w2) / 2, rx + (rw + w2) / 2, b1 - step - 8, 0.6);
	double last = lastl < b1 - step ? lastl : b1 - step;
	double sy = last - 25;
	pdf_text(p, PDF_REGULAR, 13, lx, lw, sy, PDF_CENTER, h->number);
	pdf_text(p, PDF_ITALIC, 13, rx, rw, sy, PDF_CENTER, h->date);
	p->y = sy - DESCENT * 13;
}

void pdf_title(struct pdf *p, const char *type, const char *subject, double before)
{
	const double size = 14, lead = 17;
	double x = p->ml, w = pdf_text_width_area(p);
	p->y -= before;
	struct pdf_para fmt = {PDF_BOLD, size, lead, PDF_CENTER, 0, 0, 0, 0, 0};
	pdf_para(p, &fmt, type);
	char *c = pdf_clean(subject, PDF_KEEP_NL);
	struct pdf_lines lines = {0};
	pdf_wrap(p, PDF_BOLD, size, c, w, 0, &lines);
	double maxw = 0;
	for (size_t i = 0; i < lines.n; i++) {
		const struct pdf_line *l = &lines.v[i];
		pdf_need(p, lead);
		pdf_draw_line(p, PDF_BOLD, size, x, w, p->y - base_off(size, lead), PDF_CENTER,
			      c + l->off, l->len, 0);
		double lw = pdf_width(p, PDF_BOLD, size, c + l->off, l->len);
		maxw = lw > maxw ? lw : maxw;
		p->y -= lead;
	}
	if (maxw > 0) {
		double base = p->y + lead - base_off(size, lead);
		pdf_hline(p, x + (w - maxw / 3) / 2, x + (w + maxw / 3) / 2, base - 8, 0.6);
		p->y = base - 8;
	}
	pdf_lines_release(&lines);
	free(c);
}

static double sig_height(size_t nr, size_t ns)
{
	double lh = 12 + 12.5 * (double)nr + 6;
	double rh = 16 * (double)(ns ? ns : 1) + PDF_MM(30) + 16;
	return 10 + (lh > rh ? lh : rh);
}

double pdf_signature_height(const char *recipients, const char *signer_lines)
{
	char *rec[32], *sig[6];
	size_t nr = split_lines(recipients, rec, ARRAY_SIZE(rec));
	size_t ns = split_lines(signer_lines, sig, ARRAY_SIZE(sig));
	free_lines(rec, nr);
	free_lines(sig, ns);
	return sig_height(nr, ns);
}

void pdf_signature(struct pdf *p, const char *title, const char *recipients,
		   const char *signer_lines, const char *name)
{
	char *rec[32], *sig[6];
	size_t nr = split_lines(recipients, rec, ARRAY_SIZE(rec));
	size_t ns = split_lines(signer_lines, sig, ARRAY_SIZE(sig));
	pdf_need(p, sig_height(nr, ns));
	p->y -= 10;
	double b = p->y - 14;
	double lx = p->ml, lw = PDF_MM(65), rx = p->ml + PDF_MM(65), rw = PDF_MM(100);
	pdf_text(p, PDF_BOLD_ITALIC, 12, lx, lw, b, PDF_LEFT, title ? title : "Nơi nhận:");
	for (size_t i = 0; i < nr; i++)
		pdf_text(p, PDF_REGULAR, 11, lx, lw, b - 12.5 * (double)(i + 1) - 1, PDF_LEFT,
			 rec[i]);
	for (size_t i = 0; i < ns; i++)
		pdf_text(p, PDF_BOLD, 14, rx, rw, b - 16 * (double)i, PDF_CENTER, sig[i]);
	double ny = b - 16 * (double)(ns ? ns - 1 : 0) - PDF_MM(30);
	pdf_text(p, PDF_BOLD, 14, rx, rw, ny, PDF_CENTER, name);
	double low = b - 12.5 * (double)nr - 4;
	p->y = (ny < low ? ny : low) - 6;
	free_lines(rec, nr);
	free_lines(sig, ns);
}

/* ---- tables ---- */

struct cell_lines {
	char *text;
	int owned; /* text is a cleaned copy to free */
	struct pdf_lines lines;
	int style, align;
	double x, w;
};

/* A row spec: n cells, cell i covering spans[i] columns (NULL: one each)
 * with styles[i] / aligns[i] (NULL or -1: the first column's). */
struct row_spec {
	const char *const *cells;
	size_t n;
	const int *styles, *aligns, *spans;
};

static size_t prepare_row(struct pdf *p, const struct pdf_table *t, const struct row_spec *rs,
			  struct cell_lines *cl)
{
	double x = t->x;
	size_t col = 0, n = 0;
	for (size_t i = 0; i < rs->n && col < t->ncols; i++, n++) {
		size_t span = rs->spans && rs->spans[i] > 1 ? (size_t)rs->spans[i] : 1;
		if (span > t->ncols - col)
			span = t->ncols - col;
		double w = 0;
		for (size_t k = 0; k < span; k++)
			w += t->cols[col + k].w;
		const char *text = rs->cells[i];
		cl[i].owned = !t->clean;
		cl[i].text = t->clean ? (char *)(text ? text : "") : pdf_clean(text, PDF_KEEP_NL);
		cl[i].style = rs->styles && rs->styles[i] >= 0 ? rs->styles[i] : t->cols[col].style;
		cl[i].align = rs->aligns && rs->aligns[i] >= 0 ? rs->aligns[i] : t->cols[col].align;
		cl[i].x = x;
		cl[i].w = w;
		memset(&cl[i].lines, 0, sizeof(cl[i].lines));
		pdf_wrap(p, cl[i].style, t->size, cl[i].text, cl[i].w - t->pad_l - t->pad_r, 0,
			 &cl[i].lines);
		x += w;
		col += span;
	}
	return n;
}

/* The spec of a pdf_table_row() call. */
static void simple_spec(const struct pdf_table *t, const char *const *cells, const int *styles,
			int span, struct row_spec *rs, int *align, int *sp)
{
	rs->cells = cells;
	rs->styles = styles;
	rs->n = span ? 1 : t->ncols;
	rs->aligns = NULL;
	rs->spans = NULL;
	if (span) {
		*align = span == 2 ? PDF_CENTER : PDF_LEFT;
		*sp = (int)t->ncols;
		rs->aligns = align;
		rs->spans = sp;
	}
}

static void release_row(struct cell_lines *cl, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		if (cl[i].owned)
			free(cl[i].text);
		pdf_lines_release(&cl[i].lines);
	}
}

double pdf_table_row_height_ex(struct pdf *p, const struct pdf_table *t, const char *const *cells,
			       size_t n, const int *styles, const int *aligns, const int *spans)
{
	struct cell_lines cl[32];
	if (t->ncols > ARRAY_SIZE(cl) || !t->ncols)
		return 0;
	struct row_spec rs = {cells, n, styles, aligns, spans};
	size_t m = prepare_row(p, t, &rs, cl);
	size_t maxl = 1;
	for (size_t i = 0; i < m; i++)
		maxl = cl[i].lines.n > maxl ? cl[i].lines.n : maxl;
	release_row(cl, m);
	return t->pad_t + t->lead * (double)maxl + t->pad_b;
}

double pdf_table_row_height(struct pdf *p, const struct pdf_table *t, const char *const *cells,
			    const int *styles, int span)
{
	struct row_spec rs;
	int al, sp;
	simple_spec(t, cells, styles, span, &rs, &al, &sp);
	return pdf_table_row_height_ex(p, t, rs.cells, rs.n, rs.styles, rs.aligns, rs.spans);
}

static void table_break(struct pdf *p, const struct pdf_table *t)
{
	pdf_new_page(p, t->landscape, 0);
	if (t->header)
		t->header(p, t);
}

void pdf_table_row(struct pdf *p, const struct pdf_table *t, const char *const *cells,
		   const int *styles, int span, double keep)
{
	struct row_spec rs;
	int al, sp;
	simple_spec(t, cells, styles, span, &rs, &al, &sp);
	pdf_table_row_ex(p, t, rs.cells, rs.n, rs.styles, rs.aligns, rs.spans, keep);
}

void pdf_table_row_ex(struct pdf *p, const struct pdf_table *t, const char *const *cells,
		      size_t ncells, const int *styles, const int *aligns, const int *spans,
		      double keep)
{
	struct cell_lines cl[32];
	if (t->ncols > ARRAY_SIZE(cl) || !t->ncols)
		return;
	struct row_spec rs = {cells, ncells, styles, aligns, spans};
	size_t n = prepare_row(p, t, &rs, cl);
	size_t from[32] = {0};
	int moved = 0, fresh = 0;
	for (;;) {
		size_t rem = 1;
		for (size_t i = 0; i < n; i++)
			if (cl[i].lines.n > from[i] && cl[i].lines.n - from[i] > rem)
				rem = cl[i].lines.n - from[i];
		double avail = p->y - p->mb;
		double full = t->pad_t + t->lead * (double)rem + t->pad_b;
		size_t k = rem;
		if (full + keep > avail + 0.01) {
			/* A row that fits a page moves whole to the next one; a
			 * taller one (a page less some 60 pt of header rows) is
			 * split right here. */
			double page = p->ph - p->mt - p->mb - 60;
			if (!moved && full + keep <= page) {
				moved = 1;
				table_break(p, t);
				fresh = 1;
				continue;
			}
			if (full > avail + 0.01) {
				double fit = (avail - t->pad_t - t->pad_b) / t->lead;
				k = fit < 1 ? 0 : (size_t)floor(fit + 0.001);
				if (k >= rem)
					k = rem;
			}
			if (k == 0 && !fresh) {
				table_break(p, t);
				fresh = 1;
				continue;
			}
			if (k == 0)
				k = 1; /* not even one line fits a fresh page: go on anyway */
		}
		double h = t->pad_t + t->lead * (double)k + t->pad_b;
		double top = p->y;
		HPDF_Page_SetLineWidth(p->page, (HPDF_REAL)t->grid);
		struct buf *b = ops_buf(p);
		for (size_t i = 0; i < n; i++)
			put_rect(b, cl[i].x, top - h, cl[i].w, h);
		buf_adds(b, "S\n");
		flush_ops(p, b);
		text_begin(p);
		for (size_t i = 0; i < n; i++) {
			for (size_t j = 0; j < k && from[i] + j < cl[i].lines.n; j++) {
				const struct pdf_line *l = &cl[i].lines.v[from[i] + j];
				double by = top - t->pad_t - t->lead * (double)j -
					    base_off(t->size, t->lead);
				pdf_draw_line(p, cl[i].style, t->size, cl[i].x + t->pad_l,
					      cl[i].w - t->pad_l - t->pad_r, by, cl[i].align,
					      cl[i].text + l->off, l->len, !l->last);
			}
			from[i] += k;
		}
		text_end(p);
		p->y = top - h;
		if (k >= rem)
			break;
		moved = 1;
		table_break(p, t);
		fresh = 1;
	}
	release_row(cl, n);
}

void pdf_header_cell(struct pdf *p, double x, double top, double w, double h, int style,
		     double size, double lead, const char *text, double grid)
{
	struct pdf_lines lines = {0};
	char *c = pdf_clean(text, PDF_KEEP_NL);
	pdf_wrap(p, style, size, c, w - 6, 0, &lines);
	pdf_rect(p, x, top - h, w, h, grid, 0, 0, 1);
	double th = lead * (double)lines.n;
	double y0 = top - (h - th) / 2;
	for (size_t i = 0; i < lines.n; i++)
		pdf_draw_line(p, style, size, x + 3, w - 6,
			      y0 - lead * (double)i - base_off(size, lead), PDF_CENTER,
			      c + lines.v[i].off, lines.v[i].len, 0);
	pdf_lines_release(&lines);
	free(c);
}

void pdf_table_simple_header(struct pdf *p, const struct pdf_table *t, const char *const *titles,
			     double size)
{
	double lead = size + 2, h = 0;
	for (size_t i = 0; i < t->ncols; i++) {
		struct pdf_lines lines = {0};
		char *c = pdf_clean(titles[i], PDF_KEEP_NL);
		pdf_wrap(p, PDF_BOLD, size, c, t->cols[i].w - 6, 0, &lines);
		double hh = lead * (double)(lines.n ? lines.n : 1) + t->pad_t + t->pad_b;
		h = hh > h ? hh : h;
		pdf_lines_release(&lines);
		free(c);
	}
	double x = t->x;
	for (size_t i = 0; i < t->ncols; i++) {
		pdf_header_cell(p, x, p->y, t->cols[i].w, h, PDF_BOLD, size, lead, titles[i],
				t->grid);
		x += t->cols[i].w;
	}
	p->y -= h;
}

void pdf_fmt_count(char *out, size_t outsz, long n)
{
	snprintf(out, outsz, n >= 1 && n <= 9 ? "%02ld" : "%ld", n);
}
