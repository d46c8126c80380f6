/* xls.c - Excel 97-2003 workbooks ([MS-XLS] BIFF8, and BIFF5 of Excel
 * 5/95) into one sheet per visible worksheet, over the OLE layer.
 *
 * Why not FreeXL (Debian's libfreexl): it opens only a path (every file
 * and zip member would go through a temporary file), it does not report
 * merged ranges (which carry the section rows and two-row headers of
 * every list) nor which sheets are hidden, and it has had memory-safety
 * fixes for hostile files; the records needed here are few.
 *
 * Read: BOUNDSHEET (visible worksheets), SST with its CONTINUE records,
 * LABELSST, LABEL, RSTRING, NUMBER, RK, MULRK, FORMULA (+STRING), BOOLERR,
 * MERGEDCELLS, FORMAT/XF (dates told from numbers by the number format;
 * the 1900 and 1904 date systems, DATEMODE), FONT (cells in .VnTime or
 * VNI fonts are converted as in DOCX), CODEPAGE (8-bit BIFF5 strings, e.g.
 * 1258), FILEPASS (encrypted: tep_ma_hoa).
 */
#include "buf.h"
#include "msoffice.h"
#include "ole.h"
#include "problem.h"
#include "text.h"
#include "util.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_SHEETS 256
#define MAX_XF 65536
#define MAX_MERGES 65536
#define MAX_SST (1u << 20)

static uint32_t le32(const unsigned char *p)
{
	return p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

static unsigned le16(const unsigned char *p)
{
	return p[0] | (unsigned)p[1] << 8;
}

static double ledouble(const unsigned char *p)
{
	uint64_t u = 0;
	double d;
	for (int i = 7; i >= 0; i--)
		u = u << 8 | p[i];
	memcpy(&d, &u, sizeof d);
	return d;
}

void xls_book_init(struct xls_book *b)
{
	memset(b, 0, sizeof *b);
}

void xls_book_release(struct xls_book *b)
{
	for (size_t i = 0; i < b->n; i++)
		sheet_release(&b->v[i]);
	free(b->v);
	xls_book_init(b);
}

struct xcell {
	uint32_t row, col;
	char *text;
	unsigned span;
	unsigned char vmerged, merge_top;
};

struct bsheet {
	uint32_t pos;
	int visible;
	char *name;
};

struct book {
	const unsigned char *s;
	size_t len;
	int biff8;
	int date1904;
	unsigned codepage;
	char **sst;
	size_t nsst;
	uint16_t *xf_fmt, *xf_font;
	size_t nxf, cxf;
	unsigned char *fmt_date; /* by format index (0..65535) */
	enum legacy_font *fonts;
	size_t nfonts, cfonts;
	struct bsheet *sheets;
	size_t nsheets, csheets;
	const char *legacy;
	size_t ncells;
};

/* --- strings --- */

/* 8-bit text of a BIFF5 file in its code page. */
static char *bytes_text(struct book *b, const unsigned char *p, size_t n)
{
	if (b->codepage == 1258) {
		for (size_t i = 0; i < n; i++)
			if (p[i] >= 0x80) {
				b->legacy = b->legacy ? b->legacy : "CP1258";
				break;
			}
		return cp1258_to_utf8(p, n);
	}
	struct buf o = BUF_INIT;
	for (size_t i = 0; i < n; i++)
		buf_add_utf8(&o, cp1252_char(p[i]));
	char *s = buf_detach(&o);
	return s ? s : xstrdup("");
}

/* A string of cch characters at *pp (flags byte first in BIFF8); boundaries
 * (sorted offsets in [base, end)) restart the character data with a new
 * flags byte, as CONTINUE records do inside the SST.  Returns NULL when
 * it overruns. */
static char *read_str(struct book *b, const unsigned char *base, const unsigned char **pp,
		      const unsigned char *end, size_t cch, const size_t *bounds, size_t nb)
{
	const unsigned char *p = *pp;
	if (!b->biff8) {
		if ((size_t)(end - p) < cch)
			return NULL;
		*pp = p + cch;
		return bytes_text(b, p, cch);
	}
	if (p >= end)
		return NULL;
	unsigned flags = *p++;
	int high = flags & 1;
	size_t runs = 0, ext = 0;
	if (flags & 8) {
		if (end - p < 2)
			return NULL;
		runs = le16(p);
		p += 2;
	}
	if (flags & 4) {
		if (end - p < 4)
			return NULL;
		ext = le32(p);
		p += 4;
	}
	struct buf o = BUF_INIT;
	size_t k = 0;
	for (size_t i = 0; i < cch; i++) {
		size_t off = (size_t)(p - base);
		while (k < nb && bounds[k] < off)
			k++;
		if (k < nb && bounds[k] == off && i) {
			if (p >= end)
				goto bad;
			high = *p++ & 1;
		}
		if ((size_t)(end - p) < (high ? 2u : 1u))
			goto bad;
		unsigned c = high ? le16(p) : p[0];
		p += high ? 2 : 1;
		if (c >= 0xD800 && c <= 0xDBFF && high && end - p >= 2 && i + 1 < cch &&
		    le16(p) >= 0xDC00 && le16(p) <= 0xDFFF) {
			c = 0x10000 + ((c - 0xD800) << 10) + (le16(p) - 0xDC00);
			p += 2;
			i++;
		}
		if (o.len < DOCX_MAX_TEXT)
			buf_add_utf8(&o, c >= 0xD800 && c <= 0xDFFF ? 0xFFFD : c);
	}
	if (runs * 4 > (size_t)(end - p) || ext > (size_t)(end - p) - runs * 4)
		goto bad;
	p += runs * 4 + ext;
	*pp = p;
	return o.data ? buf_detach(&o) : xstrdup("");
bad:
	buf_release(&o);
	return NULL;
}

/* --- records --- */

struct rec {
	unsigned type;
	const unsigned char *p;
	size_t n;
};

/* The record at *pos; 0 at the end or on a record overrunning the stream. */
static int next_rec(const struct book *b, size_t *pos, struct rec *r)
{
	if (b->len - *pos < 4 || *pos > b->len)
		return 0;
	const unsigned char *h = b->s + *pos;
	size_t n = le16(h + 2);
	if (n > b->len - *pos - 4)
		return 0;
	r->type = le16(h);
	r->p = h + 4;
	r->n = n;
	*pos += 4 + n;
	return 1;
}

static int is_date_format(const char *f)
{
	int q = 0;
	for (const char *s = f; *s; s++) {
		char c = *s;
		if (c == '"')
			q = !q;
		else if (q)
			continue;
		else if (c == '\\' || c == '_' || c == '*') {
			if (s[1])
				s++;
		} else if (c == '[') {
			const char *e = strchr(s, ']');
			if (!e)
				break;
			s = e;
		} else if (strchr("dDmMyY", c)) {
			return 1;
		}
	}
	return 0;
}

static void add_sst(struct book *b, const unsigned char *rec, size_t n, const size_t *bounds,
		    size_t nb)
{
	if (n < 8)
		return;
	size_t count = le32(rec + 4);
	const unsigned char *p = rec + 8, *end = rec + n;
	if (count > MAX_SST)
		count = MAX_SST;
	if (count > n / 3)
		count = n / 3; /* every string takes at least three bytes */
	b->sst = xcalloc(count ? count : 1, sizeof *b->sst);
	for (size_t i = 0; i < count; i++) {
		if (end - p < 2)
			break;
		size_t cch = le16(p);
		p += 2;
		char *s = read_str(b, rec, &p, end, cch, bounds, nb);
		if (!s)
			break;
		b->sst[b->nsst++] = s;
	}
}

static int read_globals(struct book *b, struct docx_err *err)
{
	size_t pos = 0;
	struct rec r;
	if (!next_rec(b, &pos, &r) ||
	    (r.type != 0x0809 && r.type != 0x0409 && r.type != 0x0209 && r.type != 0x0009) ||
	    r.n < 4) {
		docx_err_set(err, PC_TEP_HONG, "tệp Excel 97-2003 (.xls) bị hỏng: %s",
			     "không có bản ghi BOF");
		return -1;
	}
	unsigned vers = le16(r.p);
	if (r.type != 0x0809 || vers == 0x0400 || vers == 0x0300 || vers == 0x0200) {
		docx_err_set(err, PC_KHONG_HO_TRO,
			     "tệp Excel 4.0 hoặc cũ hơn (định dạng quá cũ, chưa đọc được): hãy mở "
			     "bằng Excel và Lưu thành .xlsx rồi gửi lại");
		return -1;
	}
	if (vers != 0x0600 && vers != 0x0500) {
		docx_err_set(err, PC_TEP_HONG, "tệp Excel 97-2003 (.xls) bị hỏng: %s",
			     "bản ghi BOF không hợp lệ");
		return -1;
	}
	b->biff8 = vers == 0x0600;
	b->fmt_date = xcalloc(65536, 1);
	for (unsigned i = 14; i <= 22; i++)
		b->fmt_date[i] = 1;
	for (unsigned i = 45; i <= 47; i++)
		b->fmt_date[i] = 1;
	for (unsigned i = 27; i <= 36; i++)
		b->fmt_date[i] = 1;
	for (unsigned i = 50; i <= 58; i++)
		b->fmt_date[i] = 1;
	while (next_rec(b, &pos, &r)) {
		switch (r.type) {
		case 0x000A: /* EOF */
			return 0;
		case 0x002F: /* FILEPASS */
			docx_err_set(
			    err, PC_TEP_MA_HOA,
			    "tệp Excel 97-2003 (.xls) được bảo vệ bằng mật khẩu: hãy gỡ mật "
			    "khẩu rồi gửi lại");
			return -1;
		case 0x0042:
			if (r.n >= 2)
				b->codepage = le16(r.p);
			break;
		case 0x0022:
			if (r.n >= 2)
				b->date1904 = le16(r.p) == 1;
			break;
		case 0x041E: { /* FORMAT */
			if (r.n < 3)
				break;
			unsigned ifmt = le16(r.p);
			const unsigned char *p = r.p + 2, *end = r.p + r.n;
			size_t cch = b->biff8 ? (r.n >= 4 ? le16(p) : 0) : p[0];
			p += b->biff8 ? 2 : 1;
			char *f = read_str(b, r.p, &p, end, cch, NULL, 0);
			if (f) {
				b->fmt_date[ifmt] = (unsigned char)is_date_format(f);
				free(f);
			}
			break;
		}
		case 0x00E0: /* XF */
			if (r.n >= 4 && b->nxf < MAX_XF) {
				XGROW(b->xf_fmt, b->cxf, b->nxf + 1);
				b->xf_font = xrealloc(b->xf_font, b->cxf * sizeof *b->xf_font);
				b->xf_font[b->nxf] = (uint16_t)le16(r.p);
				b->xf_fmt[b->nxf++] = (uint16_t)le16(r.p + 2);
			}
			break;
		case 0x0031: { /* FONT */
			if (r.n < 15 || b->nfonts >= MAX_XF)
				break;
			const unsigned char *p = r.p + 14, *end = r.p + r.n;
			size_t cch = p[0];
			p++;
			char *name = read_str(b, r.p, &p, end, cch, NULL, 0);
			XGROW(b->fonts, b->cfonts, b->nfonts + 1);
			b->fonts[b->nfonts++] = name ? legacy_font_kind(name) : FONT_UNICODE;
			free(name);
			break;
		}
		case 0x0085: { /* BOUNDSHEET */
			if (r.n < 7 || b->nsheets >= MAX_SHEETS)
				break;
			const unsigned char *p = r.p + 6, *end = r.p + r.n;
			size_t cch = p[0];
			p++;
			char *name = read_str(b, r.p, &p, end, cch, NULL, 0);
			XGROW(b->sheets, b->csheets, b->nsheets + 1);
			struct bsheet *s = &b->sheets[b->nsheets++];
			s->pos = le32(r.p);
			s->visible = (r.p[4] & 3) == 0 && r.p[5] == 0;
			s->name = name ? name : xstrdup("");
			break;
		}
		case 0x00FC: { /* SST and its CONTINUE records */
			if (b->sst)
				break;
			struct buf all = BUF_INIT;
			size_t *bounds = NULL, nb = 0, cb = 0, p2 = pos;
			struct rec c;
			buf_add(&all, r.p, r.n);
			while (next_rec(b, &p2, &c) && c.type == 0x003C) {
				XGROW(bounds, cb, nb + 1);
				bounds[nb++] = all.len;
				buf_add(&all, c.p, c.n);
				pos = p2;
			}
			if (all.data)
				add_sst(b, (const unsigned char *)all.data, all.len, bounds, nb);
			buf_release(&all);
			free(bounds);
			break;
		}
		}
	}
	return 0;
}

/* --- cells --- */

static enum legacy_font xf_font_kind(const struct book *b, unsigned ixfe)
{
	if (ixfe >= b->nxf)
		return FONT_UNICODE;
	unsigned f = b->xf_font[ixfe];
	if (f >= 4)
		f--; /* font index 4 does not exist */
	return f < b->nfonts ? b->fonts[f] : FONT_UNICODE;
}

static char *number_text(const struct book *b, unsigned ixfe, double v)
{
	char out[64];
	unsigned fmt = ixfe < b->nxf ? b->xf_fmt[ixfe] : 0;
	if (isfinite(v) && b->fmt_date[fmt] && v >= 1 && v < 2958466) {
		/* days since 1970-01-01; 1900 system: serial 1 is 1900-01-01 and
		 * serials after 60 count the day that never was */
		long n = (long)floor(v);
		long z = b->date1904 ? n - 24107 : n == 60 ? 0 : n > 60 ? n - 25569 : n - 25568;
		if (!b->date1904 && n == 60)
			return xstrdup("29/02/1900"); /* Excel's leap-year bug */
		z += 719468;
		long era = (z >= 0 ? z : z - 146096) / 146097, doe = z - era * 146097;
		long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
		long y = yoe + era * 400, doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
		long mp = (5 * doy + 2) / 153, d = doy - (153 * mp + 2) / 5 + 1;
		long m = mp < 10 ? mp + 3 : mp - 9;
		y += m <= 2;
		snprintf(out, sizeof out, "%02ld/%02ld/%04ld", d, m, y);
		return xstrdup(out);
	}
	if (isfinite(v) && fabs(v) < 1e15 && v == floor(v))
		snprintf(out, sizeof out, "%.0f", v);
	else
		snprintf(out, sizeof out, "%.15g", v);
	return xstrdup(out);
}

static double rk_value(uint32_t rk)
{
	double v;
	if (rk & 2) {
		v = (double)((int32_t)rk >> 2);
	} else {
		uint64_t u = (uint64_t)(rk & 0xFFFFFFFCu) << 32;
		memcpy(&v, &u, sizeof v);
	}
	return rk & 1 ? v / 100 : v;
}

struct cells {
	struct xcell *v;
	size_t n, cap;
};

static void put(struct book *b, struct cells *cs, unsigned row, unsigned col, char *text,
		unsigned ixfe, int is_string)
{
	if (!text)
		return;
	if (row >= OFFICE_MAX_ROWS || col >= OFFICE_MAX_COLS || b->ncells >= OFFICE_MAX_CELLS) {
		free(text);
		return;
	}
	if (is_string) {
		enum legacy_font k = xf_font_kind(b, ixfe);
		if (k != FONT_UNICODE) {
			int conv = 0;
			char *t = legacy_run_decode(text, k, &conv);
			free(text);
			text = t;
			if (conv && (!b->legacy || !strcmp(b->legacy, "CP1258")))
				b->legacy = k == FONT_VNI ? "VNI" : "TCVN3";
		}
	}
	XGROW(cs->v, cs->cap, cs->n + 1);
	struct xcell *c = &cs->v[cs->n++];
	memset(c, 0, sizeof *c);
	c->row = row;
	c->col = col;
	c->text = text;
	c->span = 1;
	b->ncells++;
}

static int cmp_cell(const void *a, const void *b)
{
	const struct xcell *x = a, *y = b;
	if (x->row != y->row)
		return x->row < y->row ? -1 : 1;
	if (x->col != y->col)
		return x->col < y->col ? -1 : 1;
	/* merge placeholders before the cell text they stand for */
	return (int)y->merge_top - (int)x->merge_top;
}

struct merge {
	unsigned r1, r2, c1, c2;
};

static void read_sheet(struct book *b, const struct bsheet *bs, struct xls_book *out)
{
	struct cells cs = {0};
	struct merge *mg = NULL;
	size_t nmg = 0, cmg = 0;
	size_t pos = bs->pos;
	struct rec r;
	char *pending = NULL; /* FORMULA waiting for its STRING */
	unsigned prow = 0, pcol = 0, pxf = 0;
	int first = 1;

	while (next_rec(b, &pos, &r)) {
		if (first) {
			first = 0;
			if (r.type != 0x0809)
				break;
			continue;
		}
		if (r.type == 0x000A)
			break;
		const unsigned char *p = r.p;
		unsigned row = r.n >= 6 ? le16(p) : 0, col = r.n >= 6 ? le16(p + 2) : 0;
		unsigned ixfe = r.n >= 6 ? le16(p + 4) : 0;
		switch (r.type) {
		case 0x00FD: /* LABELSST */
			if (r.n >= 10 && le32(p + 6) < b->nsst)
				put(b, &cs, row, col, xstrdup(b->sst[le32(p + 6)]), ixfe, 1);
			break;
		case 0x0204: /* LABEL */
		case 0x00D6: /* RSTRING */
			if (r.n >= 8) {
				const unsigned char *q = p + 8;
				put(b, &cs, row, col,
				    read_str(b, r.p, &q, r.p + r.n, le16(p + 6), NULL, 0), ixfe, 1);
			}
			break;
		case 0x0203: /* NUMBER */
			if (r.n >= 14)
				put(b, &cs, row, col, number_text(b, ixfe, ledouble(p + 6)), ixfe,
				    0);
			break;
		case 0x027E: /* RK */
			if (r.n >= 10)
				put(b, &cs, row, col, number_text(b, ixfe, rk_value(le32(p + 6))),
				    ixfe, 0);
			break;
		case 0x00BD: /* MULRK */
			if (r.n >= 6) {
				for (size_t i = 0; 4 + 6 * (i + 1) + 2 <= r.n; i++) {
					unsigned x = le16(p + 4 + 6 * i);
					uint32_t rk = le32(p + 4 + 6 * i + 2);
					put(b, &cs, row, col + (unsigned)i,
					    number_text(b, x, rk_value(rk)), x, 0);
				}
			}
			break;
		case 0x0006: /* FORMULA */
			if (r.n >= 14) {
				const unsigned char *v = p + 6;
				free(pending);
				pending = NULL;
				if (v[6] == 0xFF && v[7] == 0xFF) {
					if (v[0] == 0) {
						prow = row, pcol = col, pxf = ixfe;
						pending = xstrdup("");
					} else if (v[0] == 1) {
						put(b, &cs, row, col,
						    xstrdup(v[2] ? "TRUE" : "FALSE"), ixfe, 0);
					}
				} else {
					put(b, &cs, row, col, number_text(b, ixfe, ledouble(v)),
					    ixfe, 0);
				}
			}
			break;
		case 0x0207: /* STRING: a formula's text result */
			if (pending && r.n >= 2) {
				const unsigned char *q = r.p + 2;
				size_t cch = b->biff8 ? le16(r.p) : le16(r.p);
				put(b, &cs, prow, pcol,
				    read_str(b, r.p, &q, r.p + r.n, cch, NULL, 0), pxf, 1);
				free(pending);
				pending = NULL;
			}
			break;
		case 0x0205: /* BOOLERR */
			if (r.n >= 8 && !p[7])
				put(b, &cs, row, col, xstrdup(p[6] ? "TRUE" : "FALSE"), ixfe, 0);
			break;
		case 0x00E5: /* MERGEDCELLS */
			if (r.n >= 2) {
				size_t k = le16(p);
				for (size_t i = 0;
				     i < k && 2 + 8 * (i + 1) <= r.n && nmg < MAX_MERGES; i++) {
					const unsigned char *m = p + 2 + 8 * i;
					struct merge g = {le16(m), le16(m + 2), le16(m + 4),
							  le16(m + 6)};
					if (g.r2 < g.r1 || g.c2 < g.c1 || g.c1 >= OFFICE_MAX_COLS ||
					    g.r1 >= OFFICE_MAX_ROWS)
						continue;
					if (g.c2 >= OFFICE_MAX_COLS)
						g.c2 = OFFICE_MAX_COLS - 1;
					if (g.r2 >= OFFICE_MAX_ROWS)
						g.r2 = OFFICE_MAX_ROWS - 1;
					XGROW(mg, cmg, nmg + 1);
					mg[nmg++] = g;
				}
			}
			break;
		}
	}
	free(pending);
	if (!cs.n)
		goto out;
	/* merged ranges: the first cell spans the columns; the rows below get
	 * a vertically merged placeholder, as Word's merged cells do */
	for (size_t i = 0; i < nmg; i++) {
		const struct merge *g = &mg[i];
		for (unsigned rr = g->r1; rr <= g->r2 && b->ncells < OFFICE_MAX_CELLS; rr++) {
			XGROW(cs.v, cs.cap, cs.n + 1);
			struct xcell *c = &cs.v[cs.n++];
			memset(c, 0, sizeof *c);
			c->row = rr;
			c->col = g->c1;
			c->span = g->c2 - g->c1 + 1;
			c->vmerged = rr > g->r1;
			c->merge_top = 1;
			b->ncells++;
		}
	}
	qsort(cs.v, cs.n, sizeof *cs.v, cmp_cell);
	XGROW(out->v, out->cap, out->n + 1);
	struct sheet *sh = &out->v[out->n++];
	sheet_init(sh);
	sh->label = xasprintf("trang tính %s", bs->name);
	size_t i = 0;
	while (i < cs.n) {
		uint32_t row = cs.v[i].row;
		struct sheet_row *sr = sheet_add_row(sh, row + 1);
		unsigned next = 0;
		for (; i < cs.n && cs.v[i].row == row; i++) {
			struct xcell *c = &cs.v[i];
			if (c->col < next)
				continue; /* covered by a merge, or the text of a merged cell */
			while (next < c->col) {
				sheet_add_cell(sr, NULL, 1, 0);
				next++;
			}
			const char *text = c->text;
			if (c->merge_top && !c->vmerged && i + 1 < cs.n && cs.v[i + 1].row == row &&
			    cs.v[i + 1].col == c->col && !cs.v[i + 1].merge_top)
				text = cs.v[i + 1].text;
			char *t = text && *text ? vn_normalize_lines(text) : NULL;
			sheet_add_cell(sr, c->vmerged ? NULL : t, c->span, c->vmerged);
			free(t);
			next = c->col + c->span;
		}
	}
out:
	for (size_t k = 0; k < cs.n; k++)
		free(cs.v[k].text);
	free(cs.v);
	free(mg);
}

int xls_load_ole(const struct ole *o, struct xls_book *out, struct docx_err *err)
{
	unsigned char *s = NULL;
	size_t len = 0;
	const char *why = "";
	int rc = -1;

	int r = ole_read_named(o, "Workbook", OFFICE_MAX_STREAM, &s, &len, &why);
	if (r == 1)
		r = ole_read_named(o, "Book", OFFICE_MAX_STREAM, &s, &len, &why);
	if (r != 0) {
		docx_err_set(err, PC_TEP_HONG, "tệp Excel 97-2003 (.xls) bị hỏng: %s",
			     r > 0 ? "thiếu luồng Workbook" : why);
		goto out;
	}
	rc = xls_load_stream((const char *)s, len, out, err);
out:
	err->kind = "xls";
	free(s);
	return rc;
}

int xls_load_stream(const char *data, size_t len, struct xls_book *out, struct docx_err *err)
{
	struct book b;
	int rc = -1;

	memset(&b, 0, sizeof b);
	b.s = (const unsigned char *)data;
	b.len = len;
	if (read_globals(&b, err) < 0)
		goto out;
	for (size_t i = 0; i < b.nsheets; i++)
		if (b.sheets[i].visible && b.sheets[i].pos < len)
			read_sheet(&b, &b.sheets[i], out);
	out->legacy = b.legacy;
	rc = 0;
out:
	err->kind = "xls";
	for (size_t i = 0; i < b.nsst; i++)
		free(b.sst[i]);
	free(b.sst);
	for (size_t i = 0; i < b.nsheets; i++)
		free(b.sheets[i].name);
	free(b.sheets);
	free(b.xf_fmt);
	free(b.xf_font);
	free(b.fmt_date);
	free(b.fonts);
	return rc;
}

int xls_load(const char *data, size_t len, struct xls_book *b, struct docx_err *err)
{
	struct ole o;
	const char *why = "";
	if (ole_open(&o, data, len, &why) < 0) {
		docx_err_set(err, PC_TEP_HONG, "tệp Excel 97-2003 (.xls) bị hỏng: %s", why);
		err->kind = "xls";
		return -1;
	}
	int rc = xls_load_ole(&o, b, err);
	ole_release(&o);
	return rc;
}
