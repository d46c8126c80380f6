/* rtf.c - RTF documents (WordPad, Word, LibreOffice) into the DOCX text
 * model.  One linear pass with an explicit group stack (at most
 * RTF_MAX_DEPTH deep: deeper is a damaged file, never a deep recursion).
 *
 * Text: literal characters, \'hh in the code page of the current font
 * (\fcharset163 or \ansicpg1258: Windows-1258; otherwise Windows-1252),
 * \uN (signed 16-bit, surrogate pairs joined) followed by \ucN fallback
 * characters that are skipped.  Runs in a legacy font of the font table
 * (.VnTime, VNI-Times) are converted as DOCX runs are (legacy_run_decode).
 * Skipped: \* destinations, the font, colour and style tables, info,
 * pictures, objects, headers, footers, footnotes, field instructions
 * (\fldinst; \fldrslt is kept), deleted revisions (\deleted), \binN data.
 * Tables: \trowd starts a row definition whose \cellxN give the cells'
 * right edges (\clmgf/\clmrg horizontal, \clvmgf/\clvmrg vertical merges);
 * \cell ends a cell, \row a row; a paragraph (\par) without \intbl after a
 * row ends the table.  Nested cells (\nestcell) read as lines of the cell.
 */
#include "buf.h"
#include "msoffice.h"
#include "problem.h"
#include "text.h"
#include "util.h"

#include <iconv.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_FONTS_RTF 4096
#define MAX_CELLX OFFICE_MAX_COLS

enum dest { D_BODY, D_SKIP, D_FONTTBL };

struct gstate {
	unsigned char dest;
	unsigned char uc;
	unsigned char deleted;
	unsigned char intbl;
	int font;
};

struct rfont {
	int num;
	int cp; /* 1258, 1252 */
	enum legacy_font kind;
	char name[64];
	size_t nlen;
};

struct rtf {
	const unsigned char *s, *end;
	struct docx_doc *out;
	struct gstate st[RTF_MAX_DEPTH];
	int depth;
	int ansicpg;
	int deff;
	struct rfont *fonts;
	size_t nfonts, cfonts;
	struct rfont *curfont; /* being read in the font table */
	/* text */
	struct buf seg;
	enum legacy_font seg_kind;
	struct buf cur, cell;
	unsigned char pend[64]; /* \'hh bytes of another code page, not yet decoded */
	size_t npend;
	int pend_cp;
	iconv_t cd; /* converter of cd_cp, or (iconv_t)-1 */
	int cd_cp;
	unsigned skip_fallback; /* characters still to skip after \uN */
	unsigned high_surrogate;
	/* tables */
	struct msoffice_table tbl;
	int in_table;
	int rights[MAX_CELLX];
	unsigned char hm[MAX_CELLX], vm[MAX_CELLX];
	size_t ncellx;
	unsigned char next_hm, next_vm;
};

static struct gstate *S(struct rtf *r)
{
	return &r->st[r->depth];
}

static const struct rfont *font_of(const struct rtf *r, int num)
{
	for (size_t i = 0; i < r->nfonts; i++)
		if (r->fonts[i].num == num)
			return &r->fonts[i];
	return NULL;
}

static void pend_flush(struct rtf *r);

static void seg_flush(struct rtf *r)
{
	pend_flush(r);
	msoffice_run_flush(&r->seg, r->seg_kind, &r->cur, r->out);
}

/* Appends code point c of the body text in the current font. */
static void put_cp_raw(struct rtf *r, unsigned c)
{
	struct gstate *g = S(r);
	if (g->dest != D_BODY || g->deleted)
		return;
	const struct rfont *f = font_of(r, g->font);
	enum legacy_font k = f ? f->kind : FONT_UNICODE;
	if (k != r->seg_kind) {
		seg_flush(r);
		r->seg_kind = k;
	}
	if (r->cur.len + r->seg.len < DOCX_MAX_TEXT)
		buf_add_utf8(&r->seg, c);
}

/* Decodes the pending bytes of a code page other than 1252/1258 (Polish,
 * Cyrillic, Chinese... documents) with iconv; undecodable bytes become
 * U+FFFD. */
static void pend_flush(struct rtf *r)
{
	if (!r->npend)
		return;
	size_t n = r->npend;
	r->npend = 0;
	if (r->cd == (iconv_t)-1 || r->cd_cp != r->pend_cp) {
		char name[32];
		if (r->cd != (iconv_t)-1)
			iconv_close(r->cd);
		snprintf(name, sizeof name, r->pend_cp == 10000 ? "MACINTOSH" : "CP%d", r->pend_cp);
		r->cd = iconv_open("UTF-8", name);
		r->cd_cp = r->pend_cp;
	}
	char out[4 * sizeof r->pend + 8];
	char *in = (char *)r->pend, *o = out;
	size_t inleft = n, outleft = sizeof out;
	if (r->cd != (iconv_t)-1) {
		iconv(r->cd, NULL, NULL, NULL, NULL);
		while (inleft && iconv(r->cd, &in, &inleft, &o, &outleft) == (size_t)-1) {
			if (outleft < 3)
				break;
			memcpy(o, "\xEF\xBF\xBD", 3); /* U+FFFD for the byte */
			o += 3;
			outleft -= 3;
			in++;
			inleft--;
		}
	}
	*o = '\0';
	for (const char *p = out; *p;)
		put_cp_raw(r, utf8_next(&p));
	for (size_t i = 0; i < inleft && r->cd == (iconv_t)-1; i++)
		put_cp_raw(r, 0xFFFD);
}

static void put_cp(struct rtf *r, unsigned c)
{
	pend_flush(r);
	put_cp_raw(r, c);
}

/* A byte of text (literal or \'hh) in the current font's code page. */
static void put_byte(struct rtf *r, unsigned char b)
{
	struct gstate *g = S(r);
	if (g->dest == D_FONTTBL) {
		if (!r->curfont)
			return;
		if (b == ';')
			r->curfont->kind = legacy_font_kind(r->curfont->name);
		else if (r->curfont->nlen < sizeof r->curfont->name - 1)
			r->curfont->name[r->curfont->nlen++] = (char)(b < 0x80 ? b : '?');
		return;
	}
	if (g->dest != D_BODY)
		return;
	const struct rfont *f = font_of(r, g->font);
	int cp = f && f->cp ? f->cp : r->ansicpg;
	if (b < 0x80 && !r->npend) {
		put_cp(r, b);
	} else if (cp != 1252 && cp != 1258 && !(f && f->kind != FONT_UNICODE)) {
		if (r->npend == sizeof r->pend || (r->npend && r->pend_cp != cp))
			pend_flush(r);
		r->pend_cp = cp;
		r->pend[r->npend++] = b;
	} else if (b < 0x80) {
		put_cp(r, b);
	} else if (cp == 1258 && !(f && f->kind != FONT_UNICODE)) {
		char *t = cp1258_to_utf8(&b, 1);
		const char *p = t;
		while (*p) {
			unsigned c = (unsigned char)*p;
			/* decode one UTF-8 sequence */
			size_t n = c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
			unsigned v = c & (n == 2 ? 0x1F : n == 3 ? 0x0F : 0x07);
			size_t i = 1;
			if (c < 0x80) {
				v = c;
				n = 1;
			}
			for (; i < n && p[i]; i++)
				v = v << 6 | ((unsigned char)p[i] & 0x3F);
			put_cp(r, v);
			p += i;
		}
		free(t);
	} else {
		put_cp(r, cp1252_char(b));
	}
}

/* --- structure --- */

static void table_close(struct rtf *r)
{
	if (!r->in_table)
		return;
	if (r->tbl.cur.n)
		msoffice_table_row_end(&r->tbl, r->rights, r->hm, r->vm, r->ncellx);
	msoffice_table_flush(&r->tbl, r->out);
	r->in_table = 0;
}

static void end_para(struct rtf *r)
{
	seg_flush(r);
	if (S(r)->intbl) {
		if (r->cell.len && r->cur.len)
			buf_addc(&r->cell, '\n');
		buf_add(&r->cell, r->cur.data, r->cur.len);
		buf_reset(&r->cur);
		return;
	}
	table_close(r);
	msoffice_add_para(r->out, buf_cstr(&r->cur));
	buf_reset(&r->cur);
}

static void end_cell(struct rtf *r)
{
	seg_flush(r);
	if (!r->in_table) {
		r->in_table = 1;
		msoffice_table_init(&r->tbl);
	}
	if (r->cell.len && r->cur.len)
		buf_addc(&r->cell, '\n');
	buf_add(&r->cell, r->cur.data, r->cur.len);
	msoffice_table_cell(&r->tbl, buf_cstr(&r->cell));
	buf_reset(&r->cell);
	buf_reset(&r->cur);
}

static void end_row(struct rtf *r)
{
	seg_flush(r);
	if (r->cur.len || r->cell.len)
		end_cell(r);
	if (!r->in_table)
		return;
	msoffice_table_row_end(&r->tbl, r->rights, r->hm, r->vm, r->ncellx);
}

static int is_skipped_dest(const char *w)
{
	static const char *const d[] = {"colortbl",   "stylesheet",
					"info",	      "pict",
					"object",     "header",
					"headerl",    "headerr",
					"headerf",    "footer",
					"footerl",    "footerr",
					"footerf",    "footnote",
					"annotation", "fldinst",
					"xe",	      "tc",
					"listtable",  "listoverridetable",
					"revtbl",     "rsidtbl",
					"generator",  "filetbl",
					"themedata",  "colorschememapping",
					"datastore",  "latentstyles",
					"private",    "userprops",
					"pgdsctbl",   "template",
					"atnid",      "atnauthor",
					"bkmkstart",  "bkmkend",
					"nonshppict", "shp"};
	for (size_t i = 0; i < sizeof d / sizeof *d; i++)
		if (!strcmp(w, d[i]))
			return 1;
	return 0;
}

static unsigned special_char(const char *w)
{
	static const struct {
		const char *w;
		unsigned c;
	} t[] = {{"emdash", 0x2014}, {"endash", 0x2013},    {"lquote", 0x2018},
		 {"rquote", 0x2019}, {"ldblquote", 0x201C}, {"rdblquote", 0x201D},
		 {"bullet", 0x2022}, {"emspace", ' '},	    {"enspace", ' '},
		 {"qmspace", ' '}};
	for (size_t i = 0; i < sizeof t / sizeof *t; i++)
		if (!strcmp(w, t[i].w))
			return t[i].c;
	return 0;
}

static int charset_cp(int charset, int ansicpg)
{
	static const int map[][2] = {
	    {77, 10000}, {128, 932},  {129, 949},  {134, 936},	{136, 950},  {161, 1253},
	    {162, 1254}, {163, 1258}, {177, 1255}, {178, 1256}, {186, 1257}, {204, 1251},
	    {222, 874},	 {238, 1250}, {254, 437},  {255, 850},
	};
	for (size_t i = 0; i < sizeof map / sizeof *map; i++)
		if (map[i][0] == charset)
			return map[i][1];
	return charset == 0 || charset == 1 ? ansicpg : 1252;
}

/* One control word with its parameter. */
static void control(struct rtf *r, const char *w, int has_arg, long arg)
{
	struct gstate *g = S(r);
	unsigned sc;

	if (g->dest == D_FONTTBL) {
		if (!strcmp(w, "f") && has_arg && r->nfonts < MAX_FONTS_RTF) {
			XGROW(r->fonts, r->cfonts, r->nfonts + 1);
			r->curfont = &r->fonts[r->nfonts++];
			memset(r->curfont, 0, sizeof *r->curfont);
			r->curfont->num = (int)arg;
		} else if (!strcmp(w, "fcharset") && r->curfont) {
			r->curfont->cp = charset_cp((int)arg, 0);
		} else if (is_skipped_dest(w)) {
			g->dest = D_SKIP;
		}
		return;
	}
	if (g->dest == D_SKIP)
		return;
	if (!strcmp(w, "fonttbl")) {
		g->dest = D_FONTTBL;
	} else if (is_skipped_dest(w)) {
		g->dest = D_SKIP;
	} else if (!strcmp(w, "ansicpg") && has_arg) {
		r->ansicpg = arg > 0 && arg < 65536 ? (int)arg : 1252;
	} else if (!strcmp(w, "deff") && has_arg) {
		r->deff = (int)arg;
		g->font = (int)arg;
	} else if (!strcmp(w, "f") && has_arg) {
		g->font = (int)arg;
	} else if (!strcmp(w, "plain")) {
		g->font = r->deff;
		g->deleted = 0;
	} else if (!strcmp(w, "deleted")) {
		g->deleted = !has_arg || arg != 0;
	} else if (!strcmp(w, "uc") && has_arg) {
		g->uc = arg < 0 ? 0 : arg > 10 ? 10 : (unsigned char)arg;
	} else if (!strcmp(w, "u") && has_arg) {
		unsigned c = (unsigned)(arg < 0 ? arg + 65536 : arg) & 0xFFFF;
		if (c >= 0xD800 && c <= 0xDBFF) {
			r->high_surrogate = c;
		} else {
			if (c >= 0xDC00 && c <= 0xDFFF)
				c = r->high_surrogate
					? 0x10000 + ((r->high_surrogate - 0xD800) << 10) +
					      (c - 0xDC00)
					: 0xFFFD;
			r->high_surrogate = 0;
			put_cp(r, c);
		}
		r->skip_fallback = g->uc;
		return;
	} else if (!strcmp(w, "par") || !strcmp(w, "sect") || !strcmp(w, "page")) {
		if (!strcmp(w, "page") && g->intbl)
			put_cp(r, '\n');
		else
			end_para(r);
	} else if (!strcmp(w, "line")) {
		put_cp(r, '\n');
	} else if (!strcmp(w, "tab")) {
		put_cp(r, ' ');
	} else if (!strcmp(w, "pard")) {
		g->intbl = 0;
	} else if (!strcmp(w, "intbl")) {
		g->intbl = 1;
	} else if (!strcmp(w, "cell")) {
		end_cell(r);
	} else if (!strcmp(w, "nestcell") || !strcmp(w, "nestrow")) {
		put_cp(r, '\n');
	} else if (!strcmp(w, "row")) {
		end_row(r);
	} else if (!strcmp(w, "trowd")) {
		r->ncellx = 0;
		r->next_hm = r->next_vm = 0;
	} else if (!strcmp(w, "clmrg")) {
		r->next_hm = 1;
	} else if (!strcmp(w, "clvmrg")) {
		r->next_vm = 1;
	} else if (!strcmp(w, "cellx") && has_arg) {
		if (r->ncellx < MAX_CELLX) {
			long x = arg < 0 ? 0 : arg > 1000000 ? 1000000 : arg;
			r->rights[r->ncellx] = (int)x;
			r->hm[r->ncellx] = r->next_hm;
			r->vm[r->ncellx] = r->next_vm;
			r->ncellx++;
		}
		r->next_hm = r->next_vm = 0;
	} else if ((sc = special_char(w)) != 0) {
		put_cp(r, sc);
	}
}

int rtf_load(const char *data, size_t len, struct docx_doc *out, struct docx_err *err)
{
	struct rtf *r = xcalloc(1, sizeof *r);
	int rc = -1;

	r->s = (const unsigned char *)data;
	r->end = r->s + len;
	r->out = out;
	r->ansicpg = 1252;
	r->st[0].uc = 1;
	r->st[0].font = -1;
	r->seg_kind = FONT_UNICODE;
	r->cd = (iconv_t)-1;
	err->kind = "rtf";
	if (len < 5 || memcmp(data, "{\\rtf", 5) != 0) {
		docx_err_set(err, PC_TEP_HONG, "tệp RTF bị hỏng: %s", "không bắt đầu bằng {\\rtf");
		goto out;
	}
	const unsigned char *p = r->s;
	while (p < r->end) {
		unsigned char c = *p++;
		if (c == '{') {
			if (r->depth + 1 >= RTF_MAX_DEPTH) {
				docx_err_set(
				    err, PC_TEP_HONG,
				    "tệp RTF bị hỏng: các nhóm lồng nhau quá sâu (trên %d cấp)",
				    RTF_MAX_DEPTH);
				goto out;
			}
			r->st[r->depth + 1] = r->st[r->depth];
			r->depth++;
			if (p + 1 < r->end && p[0] == '\\' && p[1] == '*')
				S(r)->dest = D_SKIP;
			continue;
		}
		if (c == '}') {
			if (S(r)->dest == D_FONTTBL && r->curfont) {
				r->curfont->kind = legacy_font_kind(r->curfont->name);
				r->curfont = NULL;
			}
			if (r->depth == 0)
				break; /* the end of the document */
			seg_flush(r);
			r->depth--;
			continue;
		}
		if (c == '\\') {
			if (p >= r->end)
				break;
			unsigned char d = *p;
			if ((d >= 'a' && d <= 'z') || (d >= 'A' && d <= 'Z')) {
				char w[33];
				size_t n = 0;
				while (p < r->end &&
				       ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z'))) {
					if (n < sizeof w - 1)
						w[n++] = (char)*p;
					p++;
				}
				w[n] = '\0';
				int has_arg = 0, neg = 0;
				long arg = 0;
				if (p < r->end && *p == '-') {
					neg = 1;
					p++;
				}
				size_t digits = 0;
				while (p < r->end && *p >= '0' && *p <= '9') {
					if (digits++ < 10)
						arg = arg * 10 + (*p - '0');
					p++;
					has_arg = 1;
				}
				if (neg)
					arg = -arg;
				if (p < r->end && *p == ' ')
					p++;
				if (!strcmp(w, "bin")) {
					/* binary data: skipped whole */
					size_t n2 = has_arg && arg > 0 ? (size_t)arg : 0;
					p = n2 < (size_t)(r->end - p) ? p + n2 : r->end;
					continue;
				}
				if (r->skip_fallback) {
					r->skip_fallback--;
					continue;
				}
				control(r, w, has_arg, arg);
				continue;
			}
			p++;
			if (d == '\'') {
				unsigned v = 0;
				int ok = 1;
				for (int i = 0; i < 2; i++) {
					unsigned char h = p < r->end ? *p : 0;
					int x = h >= '0' && h <= '9'   ? h - '0'
						: h >= 'a' && h <= 'f' ? h - 'a' + 10
						: h >= 'A' && h <= 'F' ? h - 'A' + 10
								       : -1;
					if (x < 0) {
						ok = 0;
						break;
					}
					v = v * 16 + (unsigned)x;
					p++;
				}
				if (r->skip_fallback) {
					r->skip_fallback--;
					continue;
				}
				if (ok)
					put_byte(r, (unsigned char)v);
				continue;
			}
			if (r->skip_fallback) {
				r->skip_fallback--;
				continue;
			}
			if (d == '~')
				put_cp(r, ' ');
			else if (d == '_')
				put_cp(r, '-');
			else if (d == '{' || d == '}' || d == '\\')
				put_byte(r, d);
			else if (d == '\r' || d == '\n')
				end_para(r);
			continue;
		}
		if (c == '\r' || c == '\n')
			continue;
		if (r->skip_fallback) {
			r->skip_fallback--;
			continue;
		}
		if (c == '\t')
			put_cp(r, ' ');
		else if (c >= 0x20)
			put_byte(r, c);
	}
	seg_flush(r);
	if (r->cur.len || r->cell.len) {
		if (S(r)->intbl || r->in_table)
			end_cell(r);
		else
			end_para(r);
	}
	table_close(r);
	rc = 0;
out:
	buf_release(&r->seg);
	buf_release(&r->cur);
	buf_release(&r->cell);
	msoffice_table_release(&r->tbl);
	if (r->cd != (iconv_t)-1)
		iconv_close(r->cd);
	free(r->fonts);
	free(r);
	return rc;
}
