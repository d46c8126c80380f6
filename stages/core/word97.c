/* word97.c - Word 97-2003 documents ([MS-DOC]) into the DOCX text model.
 *
 * The text is found through the piece table (the CLX in the table stream
 * 0Table/1Table named by the FIB): each piece is a run of characters,
 * 8-bit (Windows-1252, "compressed") or UTF-16.  Only the main document
 * (the first ccpText characters) is read.  Paragraph properties come from
 * the PAPX FKPs (PlcfBtePapx): a paragraph mark (\r) or cell mark (\x07)
 * whose paragraph is in a table (sprmPFInTable) belongs to a cell; a
 * \x07 whose paragraph is a table-row end (sprmPFTtp) ends the row, and
 * that paragraph's sprmTDefTable gives the cells' right edges and merge
 * flags, so rows align on one grid as in DOCX.  Nested tables (depth > 1)
 * are read as lines of the outer cell.  Without readable PAPX, a \x07 right
 * after a cell mark with nothing between ends the row (the layout Word
 * writes; an empty last cell then reads as a row end).
 *
 * Character properties come from the CHPX FKPs (PlcfBteChpx): the font
 * (sprmCRgFtc0, else the stylesheet's default font) names legacy fonts
 * (.VnTime, VNI-Times), whose text is converted like a DOCX run's
 * (legacy_run_decode); deleted revisions (sprmCFRMarkDel) are dropped.
 * Fields keep their result: \x13 instruction \x14 result \x15.
 */
#include "buf.h"
#include "msoffice.h"
#include "ole.h"
#include "problem.h"
#include "util.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define FIB_MIN_97 0xC0 /* nFib of Word 97 and later (Word 6: 101, Word 95: 104) */
#define FKP_SIZE 512
#define MAX_FIELD_NEST 64
#define MAX_FONTS 4096

/* FibRgFcLcb97 pair indices */
#define FC_STSHF 1
#define FC_PLCFBTECHPX 12
#define FC_PLCFBTEPAPX 13
#define FC_STTBFFFN 15
#define FC_CLX 33

/* sprms */
#define SPRM_PFINTABLE 0x2416
#define SPRM_PFTTP 0x2417
#define SPRM_PITAP 0x6649
#define SPRM_PFINNERTTP 0x244C
#define SPRM_TDEFTABLE 0xD608
#define SPRM_CFRMARKDEL 0x0800
#define SPRM_CRGFTC0 0x4A4F
#define SPRM_PCHGTABS 0xC615
#define SPRM_PHUGEPAPX 0x6646

static uint32_t le32(const unsigned char *p)
{
	return p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

static unsigned le16(const unsigned char *p)
{
	return p[0] | (unsigned)p[1] << 8;
}

/* --- sprms --- */

/* Size of the operand of sprm op at p (end bounds the variable ones);
 * returns the bytes after the 2-byte opcode, or 0 when it overruns. */
static size_t sprm_len(unsigned op, const unsigned char *p, const unsigned char *end)
{
	size_t avail = (size_t)(end - p);
	switch (op >> 13) {
	case 0:
	case 1:
		return avail >= 1 ? 1 : 0;
	case 2:
	case 4:
	case 5:
		return avail >= 2 ? 2 : 0;
	case 3:
		return avail >= 4 ? 4 : 0;
	case 7:
		return avail >= 3 ? 3 : 0;
	default: /* 6: variable */
		if (op == SPRM_TDEFTABLE) {
			if (avail < 2)
				return 0;
			size_t n = le16(p) + 1; /* cb counts itself less one */
			return n <= avail ? n : 0;
		}
		if (avail < 1)
			return 0;
		size_t n = (size_t)p[0] + 1;
		if (op == SPRM_PCHGTABS && p[0] == 255)
			return 0; /* the rare long form: stop reading this grpprl */
		return n <= avail ? n : 0;
	}
}

/* Calls fn for each sprm of a grpprl; stops at the first that overruns. */
typedef void (*sprm_fn)(void *ctx, unsigned op, const unsigned char *arg, size_t n);
static void each_sprm(const unsigned char *p, const unsigned char *end, sprm_fn fn, void *ctx)
{
	while (end - p >= 2) {
		unsigned op = le16(p);
		p += 2;
		size_t n = sprm_len(op, p, end);
		if (!n)
			return;
		fn(ctx, op, p, n);
		p += n;
	}
}

/* --- paragraph and character property ranges --- */

struct pap {
	uint32_t fc0, fc1; /* [fc0, fc1) of the stream */
	unsigned char in_table, ttp, inner_ttp;
	uint32_t itap;
	const unsigned char *tdef; /* sprmTDefTable operand (after its size), or NULL */
	size_t tdef_len;
};

struct chp {
	uint32_t fc0, fc1;
	int font; /* -1: none given */
	unsigned char deleted;
};

struct doc {
	const unsigned char *wd; /* WordDocument */
	size_t wdlen;
	const unsigned char *tb; /* table stream */
	size_t tblen;
	const unsigned char *data; /* Data stream (huge PAPX), or NULL */
	size_t datalen;
	struct pap *paps;
	size_t npap, cpap;
	struct chp *chps;
	size_t nchp, cchp;
	enum legacy_font *fonts; /* kind of each font of the font table */
	size_t nfonts;
	int default_font;
	int any_legacy;
};

struct pap_ctx {
	struct pap *p;
	const struct doc *d;
	int huge; /* inside a grpprl of the Data stream */
};

static void on_pap_sprm(void *ctx, unsigned op, const unsigned char *arg, size_t n);

static void on_pap_sprm(void *ctx, unsigned op, const unsigned char *arg, size_t n)
{
	struct pap_ctx *x = ctx;
	switch (op) {
	case SPRM_PFINTABLE:
		x->p->in_table = arg[0] != 0;
		break;
	case SPRM_PFTTP:
		x->p->ttp = arg[0] != 0;
		break;
	case SPRM_PFINNERTTP:
		x->p->inner_ttp = arg[0] != 0;
		break;
	case SPRM_PITAP:
		x->p->itap = le32(arg);
		break;
	case SPRM_TDEFTABLE:
		x->p->tdef = arg + 2;
		x->p->tdef_len = n - 2;
		break;
	case SPRM_PHUGEPAPX: {
		/* the properties did not fit the FKP: a PrcData in the Data stream */
		uint32_t off = le32(arg);
		const struct doc *d = x->d;
		if (x->huge || !d->data || off > d->datalen || d->datalen - off < 2)
			break;
		size_t cb = le16(d->data + off);
		if (cb > d->datalen - off - 2)
			break;
		struct pap_ctx y = {x->p, d, 1};
		each_sprm(d->data + off + 2, d->data + off + 2 + cb, on_pap_sprm, &y);
		break;
	}
	}
}

static void on_chp_sprm(void *ctx, unsigned op, const unsigned char *arg, size_t n)
{
	struct chp *c = ctx;
	(void)n;
	if (op == SPRM_CRGFTC0)
		c->font = (int)le16(arg);
	else if (op == SPRM_CFRMARKDEL)
		c->deleted = arg[0] == 1;
}

/* Reads a PlcfBte (PAPX or CHPX) and its FKP pages. */
static void read_bte(struct doc *d, uint32_t fc, uint32_t lcb, int papx)
{
	if (lcb < 4 || fc > d->tblen || lcb > d->tblen - fc)
		return;
	size_t n = (lcb - 4) / 8; /* n+1 FCs, n page numbers */
	const unsigned char *plc = d->tb + fc;
	for (size_t i = 0; i < n; i++) {
		uint32_t pn = le32(plc + 4 * (n + 1) + 4 * i) & 0x3FFFFF;
		size_t off = (size_t)pn * FKP_SIZE;
		if (off > d->wdlen || d->wdlen - off < FKP_SIZE)
			continue;
		const unsigned char *fkp = d->wd + off;
		unsigned crun = fkp[FKP_SIZE - 1];
		size_t entry = papx ? 13 : 1;
		if (4 * (crun + 1) + entry * crun > FKP_SIZE - 1)
			continue;
		for (unsigned r = 0; r < crun; r++) {
			uint32_t f0 = le32(fkp + 4 * r), f1 = le32(fkp + 4 * (r + 1));
			unsigned bo = fkp[4 * (crun + 1) + entry * r];
			if (papx) {
				if (d->npap >= OFFICE_MAX_CHARS)
					return;
				XGROW(d->paps, d->cpap, d->npap + 1);
				struct pap *p = &d->paps[d->npap++];
				memset(p, 0, sizeof *p);
				p->fc0 = f0;
				p->fc1 = f1;
				if (!bo)
					continue;
				size_t at = 2 * (size_t)bo;
				if (at >= FKP_SIZE - 1)
					continue;
				size_t cb = fkp[at], len;
				const unsigned char *g;
				if (cb) {
					len = 2 * cb - 1;
					g = fkp + at + 1;
				} else {
					len = 2 * (size_t)fkp[at + 1];
					g = fkp + at + 2;
				}
				if (len < 2 || g + len > fkp + FKP_SIZE)
					continue;
				struct pap_ctx x = {p, d, 0};
				each_sprm(g + 2, g + len, on_pap_sprm, &x); /* after the istd */
			} else {
				if (d->nchp >= OFFICE_MAX_CHARS)
					return;
				XGROW(d->chps, d->cchp, d->nchp + 1);
				struct chp *c = &d->chps[d->nchp++];
				memset(c, 0, sizeof *c);
				c->fc0 = f0;
				c->fc1 = f1;
				c->font = -1;
				if (!bo)
					continue;
				size_t at = 2 * (size_t)bo;
				if (at >= FKP_SIZE - 1)
					continue;
				size_t cb = fkp[at];
				if (at + 1 + cb > FKP_SIZE)
					continue;
				each_sprm(fkp + at + 1, fkp + at + 1 + cb, on_chp_sprm, c);
			}
		}
	}
}

static int cmp_pap(const void *a, const void *b)
{
	uint32_t x = ((const struct pap *)a)->fc0, y = ((const struct pap *)b)->fc0;
	return x < y ? -1 : x > y;
}

static int cmp_chp(const void *a, const void *b)
{
	uint32_t x = ((const struct chp *)a)->fc0, y = ((const struct chp *)b)->fc0;
	return x < y ? -1 : x > y;
}

static const struct pap *pap_at(const struct doc *d, uint32_t fc)
{
	size_t lo = 0, hi = d->npap;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		if (d->paps[mid].fc0 <= fc)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo && fc < d->paps[lo - 1].fc1)
		return &d->paps[lo - 1];
	return NULL;
}

static const struct chp *chp_at(const struct doc *d, uint32_t fc)
{
	size_t lo = 0, hi = d->nchp;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		if (d->chps[mid].fc0 <= fc)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo && fc < d->chps[lo - 1].fc1)
		return &d->chps[lo - 1];
	return NULL;
}

/* The font table (SttbfFfn): the legacy kind of every font. */
static void read_fonts(struct doc *d, uint32_t fc, uint32_t lcb)
{
	if (lcb < 4 || fc > d->tblen || lcb > d->tblen - fc)
		return;
	const unsigned char *p = d->tb + fc, *end = p + lcb;
	size_t n = le16(p);
	p += 4; /* cData, cbExtra */
	if (n > MAX_FONTS)
		n = MAX_FONTS;
	d->fonts = xcalloc(n ? n : 1, sizeof *d->fonts);
	for (size_t i = 0; i < n && p < end; i++) {
		size_t cb = p[0];
		const unsigned char *f = p + 1;
		p += 1 + cb;
		if (p > end)
			break;
		d->nfonts = i + 1;
		if (cb <= 39)
			continue;
		char name[64];
		size_t k = 0;
		for (const unsigned char *q = f + 39; q + 1 < f + cb && k < sizeof name - 1;
		     q += 2) {
			unsigned ch = le16(q);
			if (!ch)
				break;
			name[k++] = ch < 0x80 ? (char)ch : '?';
		}
		name[k] = '\0';
		d->fonts[i] = legacy_font_kind(name);
		if (d->fonts[i] != FONT_UNICODE)
			d->any_legacy = 1;
	}
}

/* The stylesheet's default font for Latin text (Stshif.ftcAsci). */
static int default_font(const struct doc *d, uint32_t fc, uint32_t lcb)
{
	if (lcb < 16 || fc > d->tblen || lcb > d->tblen - fc)
		return -1;
	const unsigned char *p = d->tb + fc;
	if (le16(p) < 14)
		return -1;
	return (int)le16(p + 2 + 12);
}

static enum legacy_font font_kind(const struct doc *d, const struct chp *c)
{
	int f = c && c->font >= 0 ? c->font : d->default_font;
	if (f < 0 || (size_t)f >= d->nfonts)
		return FONT_UNICODE;
	return d->fonts[f];
}

/* --- the walk over the text --- */

struct walk {
	struct doc *doc;
	struct docx_doc *out;
	struct buf seg; /* current run of one font kind, as Windows-1252/Unicode */
	enum legacy_font seg_kind;
	struct buf cur;	 /* current paragraph's text */
	struct buf cell; /* current cell's earlier paragraphs */
	struct msoffice_table tbl;
	int in_table;
	int prev_cell_mark; /* the previous character was a cell mark */
	unsigned char fld[MAX_FIELD_NEST];
	int nfld, fld_over, ninstr;
	size_t nchars;
};

static void seg_flush(struct walk *w)
{
	msoffice_run_flush(&w->seg, w->seg_kind, &w->cur, w->out);
}

/* Ends the table being read; cell text left without its cell mark (a
 * truncated row) becomes a last cell. */
static void table_close(struct walk *w)
{
	if (!w->in_table)
		return;
	if (w->cell.len) {
		msoffice_table_cell(&w->tbl, buf_cstr(&w->cell));
		buf_reset(&w->cell);
	}
	msoffice_table_flush(&w->tbl, w->out);
	w->in_table = 0;
}

/* The cells' right edges and merge flags from a TDefTable operand. */
static void row_end(struct walk *w, const struct pap *p)
{
	int rights[OFFICE_MAX_COLS];
	unsigned char hm[OFFICE_MAX_COLS], vm[OFFICE_MAX_COLS];
	size_t n = 0;
	if (p && p->tdef && p->tdef_len >= 1) {
		const unsigned char *t = p->tdef, *end = t + p->tdef_len;
		size_t itc = t[0];
		if (itc <= OFFICE_MAX_COLS && (size_t)(end - t) >= 1 + 2 * (itc + 1)) {
			const unsigned char *tc = t + 1 + 2 * (itc + 1);
			for (size_t i = 0; i < itc; i++) {
				rights[i] = (int16_t)le16(t + 1 + 2 * (i + 1)) + 32768;
				hm[i] = vm[i] = 0;
				if ((size_t)(end - tc) >= 20 * (i + 1)) {
					unsigned grf = le16(tc + 20 * i);
					hm[i] = (grf & 0x0002) != 0;
					vm[i] = (grf & 0x0020) && !(grf & 0x0040);
				}
			}
			n = itc;
		}
	}
	msoffice_table_row_end(&w->tbl, n ? rights : NULL, n ? hm : NULL, n ? vm : NULL, n);
}

static void on_mark(struct walk *w, unsigned ch, uint32_t fc)
{
	const struct pap *p = pap_at(w->doc, fc);
	int in_tbl = p ? p->in_table || p->itap >= 1 : (ch == 7);
	unsigned itap = p ? (p->itap ? p->itap : (p->in_table ? 1 : 0)) : (ch == 7);

	seg_flush(w);
	if (!in_tbl) {
		table_close(w);
		if (ch == 7)
			return; /* a stray cell mark */
		msoffice_add_para(w->out, buf_cstr(&w->cur));
		buf_reset(&w->cur);
		w->prev_cell_mark = 0;
		return;
	}
	if (!w->in_table) {
		w->in_table = 1;
		msoffice_table_init(&w->tbl);
	}
	if (itap > 1 || ch != 7) {
		/* a paragraph of a cell, or a cell/row of a nested table */
		if (w->cell.len && w->cur.len)
			buf_addc(&w->cell, '\n');
		buf_add(&w->cell, w->cur.data, w->cur.len);
		buf_reset(&w->cur);
		w->prev_cell_mark = 0;
		return;
	}
	int is_row_end = p ? (p->ttp != 0) : (w->prev_cell_mark && !w->cur.len && !w->cell.len);
	if (is_row_end) {
		buf_reset(&w->cur);
		buf_reset(&w->cell);
		row_end(w, p);
		w->prev_cell_mark = 0;
		return;
	}
	if (w->cell.len && w->cur.len)
		buf_addc(&w->cell, '\n');
	buf_add(&w->cell, w->cur.data, w->cur.len);
	msoffice_table_cell(&w->tbl, buf_cstr(&w->cell));
	buf_reset(&w->cell);
	buf_reset(&w->cur);
	w->prev_cell_mark = 1;
}

static void on_char(struct walk *w, unsigned ch, uint32_t fc)
{
	const struct chp *c = w->doc->nchp ? chp_at(w->doc, fc) : NULL;

	switch (ch) {
	case 0x13: /* field begin: its instruction follows */
		if (w->nfld < MAX_FIELD_NEST) {
			w->fld[w->nfld++] = 0;
			w->ninstr++;
		} else {
			w->fld_over++;
		}
		return;
	case 0x14: /* field separator: the result follows */
		if (!w->fld_over && w->nfld && w->fld[w->nfld - 1] == 0) {
			w->fld[w->nfld - 1] = 1;
			w->ninstr--;
		}
		return;
	case 0x15:
		if (w->fld_over)
			w->fld_over--;
		else if (w->nfld && w->fld[--w->nfld] == 0)
			w->ninstr--;
		return;
	case 0x0D:
	case 0x07:
		on_mark(w, ch, fc);
		return;
	case 0x0C: /* page or section break */
		if (!w->in_table) {
			on_mark(w, 0x0D, fc);
			return;
		}
		ch = '\n';
		break;
	}
	if (w->ninstr || (c && c->deleted))
		return;
	w->prev_cell_mark = 0;
	enum legacy_font k = w->doc->any_legacy ? font_kind(w->doc, c) : FONT_UNICODE;
	if (ch == 0x1F && k != FONT_UNICODE)
		ch = 0xAD; /* Word stores the soft hyphen as 0x1F: in TCVN3 it is 'ư' */
	if (ch == 0x0B)
		ch = '\n';
	else if (ch == 0x09 || ch == 0xA0)
		ch = ' ';
	else if (ch == 0x1E)
		ch = '-';
	else if (ch < 0x20 || ch == 0x1F || (ch >= 0xD800 && ch <= 0xDFFF))
		return;
	if (k != w->seg_kind) {
		seg_flush(w);
		w->seg_kind = k;
	}
	if (w->cur.len + w->seg.len < DOCX_MAX_TEXT)
		buf_add_utf8(&w->seg, ch);
}

/* --- loading --- */

static int fail(struct docx_err *err, int code, const char *fmt, const char *why)
{
	docx_err_set(err, code, fmt, why);
	err->kind = "doc";
	return -1;
}

int doc_load_ole(const struct ole *o, struct docx_doc *out, struct docx_err *err)
{
	unsigned char *wd = NULL, *tb = NULL, *dt = NULL;
	size_t wdlen = 0, tblen = 0, dtlen = 0;
	const char *why = "";
	struct doc d;
	struct walk w;
	int rc = -1;

	memset(&d, 0, sizeof d);
	memset(&w, 0, sizeof w);
	d.default_font = -1;
	int r = ole_read_named(o, "WordDocument", OFFICE_MAX_STREAM, &wd, &wdlen, &why);
	if (r != 0) {
		fail(err, PC_TEP_HONG, "tệp Word 97-2003 (.doc) bị hỏng: %s",
		     r > 0 ? "thiếu luồng WordDocument" : why);
		goto out;
	}
	if (wdlen < 32 + 2) {
		fail(err, PC_TEP_HONG, "tệp Word 97-2003 (.doc) bị hỏng: %s",
		     "phần đầu FIB quá ngắn");
		goto out;
	}
	unsigned ident = le16(wd), nfib = le16(wd + 2), flags = le16(wd + 0x0A);
	if (ident != 0xA5EC || nfib < FIB_MIN_97) {
		fail(err, PC_KHONG_HO_TRO,
		     "tài liệu Word 6.0/95 hoặc cũ hơn (định dạng .doc quá cũ, chưa đọc được)%s: "
		     "hãy mở bằng Word và Lưu thành .docx (hoặc Word 97-2003 .doc) rồi gửi lại",
		     "");
		goto out;
	}
	if (flags & 0x0100) {
		fail(err, PC_TEP_MA_HOA,
		     "tệp Word 97-2003 (.doc) được bảo vệ bằng mật khẩu%s: hãy gỡ mật khẩu rồi gửi "
		     "lại",
		     "");
		goto out;
	}
	/* FibRgW97, FibRgLw97, FibRgFcLcb */
	size_t at = 32;
	size_t csw = le16(wd + at);
	at += 2 + 2 * csw;
	if (at + 2 > wdlen)
		goto short_fib;
	size_t cslw = le16(wd + at);
	size_t rglw = at + 2;
	at = rglw + 4 * cslw;
	if (cslw < 4 || at + 2 > wdlen)
		goto short_fib;
	uint32_t ccp_text = le32(wd + rglw + 4 * 3);
	size_t cb = le16(wd + at);
	size_t rgfc = at + 2;
	if (cb <= FC_CLX || rgfc + 8 * cb > wdlen)
		goto short_fib;
#define FCLCB(i, fcv, lcbv)                                                                        \
	uint32_t fcv = le32(wd + rgfc + 8 * (i)), lcbv = le32(wd + rgfc + 8 * (i) + 4)
	FCLCB(FC_CLX, fc_clx, lcb_clx);
	FCLCB(FC_PLCFBTEPAPX, fc_papx, lcb_papx);
	FCLCB(FC_PLCFBTECHPX, fc_chpx, lcb_chpx);
	FCLCB(FC_STTBFFFN, fc_ffn, lcb_ffn);
	FCLCB(FC_STSHF, fc_stsh, lcb_stsh);
#undef FCLCB
	r = ole_read_named(o, (flags & 0x0200) ? "1Table" : "0Table", OFFICE_MAX_STREAM, &tb,
			   &tblen, &why);
	if (r != 0) {
		fail(err, PC_TEP_HONG, "tệp Word 97-2003 (.doc) bị hỏng: %s",
		     r > 0 ? "thiếu luồng bảng (0Table/1Table)" : why);
		goto out;
	}
	if (ole_read_named(o, "Data", OFFICE_MAX_STREAM, &dt, &dtlen, &why) < 0) {
		free(dt);
		dt = NULL; /* only huge paragraph properties are lost */
		dtlen = 0;
	}
	d.data = dt;
	d.datalen = dtlen;
	d.wd = wd;
	d.wdlen = wdlen;
	d.tb = tb;
	d.tblen = tblen;
	read_fonts(&d, fc_ffn, lcb_ffn);
	if (d.any_legacy)
		d.default_font = default_font(&d, fc_stsh, lcb_stsh);
	read_bte(&d, fc_papx, lcb_papx, 1);
	read_bte(&d, fc_chpx, lcb_chpx, 0);
	if (d.npap > 1)
		qsort(d.paps, d.npap, sizeof *d.paps, cmp_pap);
	if (d.nchp > 1)
		qsort(d.chps, d.nchp, sizeof *d.chps, cmp_chp);

	/* the CLX: Prc records (skipped), then the Pcdt's PlcPcd */
	if (fc_clx > tblen || lcb_clx > tblen - fc_clx || lcb_clx < 5) {
		fail(err, PC_TEP_HONG, "tệp Word 97-2003 (.doc) bị hỏng: %s",
		     "bảng mảnh văn bản (CLX) nằm ngoài luồng bảng");
		goto out;
	}
	const unsigned char *c = tb + fc_clx, *cend = c + lcb_clx;
	while (c < cend && c[0] == 0x01) {
		if (cend - c < 3)
			break;
		size_t n = le16(c + 1);
		if (n > (size_t)(cend - c) - 3)
			break;
		c += 3 + n;
	}
	if (cend - c < 5 || c[0] != 0x02) {
		fail(err, PC_TEP_HONG, "tệp Word 97-2003 (.doc) bị hỏng: %s",
		     "không có bảng mảnh văn bản (Pcdt)");
		goto out;
	}
	uint32_t plen = le32(c + 1);
	const unsigned char *plc = c + 5;
	if (plen > (size_t)(cend - plc) || plen < 4 + 12) {
		fail(err, PC_TEP_HONG, "tệp Word 97-2003 (.doc) bị hỏng: %s",
		     "bảng mảnh văn bản bị cắt cụt");
		goto out;
	}
	size_t npcd = (plen - 4) / 12;
	if (ccp_text > OFFICE_MAX_CHARS) {
		fail(err, PC_TEP_HONG, "tệp Word 97-2003 (.doc) %s",
		     "có văn bản quá dài (trên 8 triệu ký tự)");
		goto out;
	}
	w.doc = &d;
	w.out = out;
	w.seg_kind = FONT_UNICODE;
	for (size_t i = 0; i < npcd; i++) {
		uint32_t cp0 = le32(plc + 4 * i), cp1 = le32(plc + 4 * (i + 1));
		const unsigned char *pcd = plc + 4 * (npcd + 1) + 8 * i;
		uint32_t fcc = le32(pcd + 2);
		int compressed = (fcc & 0x40000000u) != 0;
		size_t fc0 = compressed ? (fcc & 0x3FFFFFFFu) / 2 : (fcc & 0x3FFFFFFFu);
		if (cp1 < cp0 || cp0 >= ccp_text)
			continue;
		size_t n = (cp1 < ccp_text ? cp1 : ccp_text) - cp0;
		size_t bytes = compressed ? n : 2 * n;
		if (fc0 > wdlen || bytes > wdlen - fc0) {
			fail(err, PC_TEP_HONG, "tệp Word 97-2003 (.doc) bị hỏng: %s",
			     "bảng mảnh văn bản trỏ ra ngoài luồng WordDocument");
			goto out;
		}
		if ((w.nchars += n) > OFFICE_MAX_CHARS) {
			fail(err, PC_TEP_HONG, "tệp Word 97-2003 (.doc) %s",
			     "có văn bản quá dài (trên 8 triệu ký tự)");
			goto out;
		}
		for (size_t k = 0; k < n; k++) {
			unsigned ch;
			uint32_t fc;
			if (compressed) {
				fc = (uint32_t)(fc0 + k);
				ch = cp1252_char(wd[fc]);
			} else {
				fc = (uint32_t)(fc0 + 2 * k);
				ch = le16(wd + fc);
			}
			on_char(&w, ch, fc);
		}
	}
	/* what the last mark did not close */
	seg_flush(&w);
	if (w.in_table && w.cur.len) {
		if (w.cell.len)
			buf_addc(&w.cell, '\n');
		buf_add(&w.cell, w.cur.data, w.cur.len);
		buf_reset(&w.cur);
	}
	table_close(&w);
	if (w.cur.len)
		msoffice_add_para(out, buf_cstr(&w.cur));
	rc = 0;
	goto out;
short_fib:
	fail(err, PC_TEP_HONG, "tệp Word 97-2003 (.doc) bị hỏng: %s", "FIB bị cắt cụt");
out:
	buf_release(&w.seg);
	buf_release(&w.cur);
	buf_release(&w.cell);
	msoffice_table_release(&w.tbl);
	free(d.paps);
	free(d.chps);
	free(d.fonts);
	free(wd);
	free(tb);
	free(dt);
	return rc;
}

int doc_load(const char *data, size_t len, struct docx_doc *d, struct docx_err *err)
{
	struct ole o;
	const char *why = "";
	if (ole_open(&o, data, len, &why) < 0)
		return fail(err, PC_TEP_HONG, "tệp Word 97-2003 (.doc) bị hỏng: %s", why);
	int rc = doc_load_ole(&o, d, err);
	ole_release(&o);
	return rc;
}
