/* doc_docx.c - the DOCX back end of the document model: WordprocessingML through a small writer
 * of its own, packed with libzip. */
#include "doc_docx.h"

#include "buf.h"
#include "doc.h"
#include "pdf.h"
#include "util.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <utf8proc.h>
#include <zip.h>

#define W_NS "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
#define R_NS "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
#define REL_NS "http://schemas.openxmlformats.org/package/2006/relationships"
#define REL_DOC R_NS "/officeDocument"
#define CT_MAIN "application/vnd.openxmlformats-officedocument.wordprocessingml"

/* Twentieths of a point from points. */
#define TW(pt) ((long)((pt)*20.0 + 0.5))
/* A4 in twips, and the header/footer distance from the edge (10 mm). */
#define A4_SHORT 11906
#define A4_LONG 16838
#define HDR_DIST 567

/* Widths of the header block's columns (layout: 65 mm | 100 mm). */
#define HDR_LEFT DOC_MM(65)
#define HDR_RIGHT DOC_MM(100)

/* DEFLATE level of the package's members: the fast end of zlib's range.
 * Level 9 spent four times as long on a large roster's document.xml for a
 * file half as big; Word and LibreOffice read any level alike. */
#define DOCX_DEFLATE_LEVEL 3

/* One XML part being written: into memory (the small parts), or streamed
 * to a temporary file (document.xml, which grows with the roster).  A
 * small writer of its own: the parts are a few dozen element names with
 * ASCII attributes and cleaned text, and libxml2's general writer was a
 * fifth of dh-render's time.  Its output is libxml2's byte for byte
 * (an element without content is closed "/>", text escapes & < > " and
 * CR, attributes also TAB and LF). */
#define DX_DEPTH 32
#define DX_FLUSH (1 << 16)

struct dx {
	struct buf out;
	FILE *f;		    /* the streamed part's file, or NULL */
	const char *open[DX_DEPTH]; /* names of the open elements (static strings) */
	int depth;
	int in_tag; /* the last start tag still takes attributes */
	int failed;
};

static const char xml_decl[] = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n";

static void dx_open(struct dx *x)
{
	memset(x, 0, sizeof(*x));
	buf_init(&x->out);
	buf_adds(&x->out, xml_decl);
}

static void dx_flush(struct dx *x)
{
	if (x->f && x->out.len) {
		if (fwrite_unlocked(x->out.data, 1, x->out.len, x->f) != x->out.len)
			x->failed = 1;
		buf_reset(&x->out);
	}
}

/* Streams the part to an unlinked temporary file beside path: nothing is
 * left behind whatever happens, and the part never sits in memory. */
static void dx_open_file(struct dx *x, const char *path)
{
	dx_open(x);
	char *tmpl = xasprintf("%s.tmp.XXXXXX", path);
	int fd = mkostemp(tmpl, O_CLOEXEC);
	if (fd >= 0) {
		unlink(tmpl);
		x->f = fdopen(fd, "w+");
		if (!x->f)
			close(fd);
	}
	if (!x->f) {
		error("%s: %s", tmpl, strerror(errno));
		x->failed = 1;
	}
	free(tmpl);
}

/* Ends a start tag that got no content yet. */
static void close_tag(struct dx *x)
{
	if (x->in_tag) {
		buf_addc(&x->out, '>');
		x->in_tag = 0;
	}
}

static void el(struct dx *x, const char *name)
{
	if (x->depth >= DX_DEPTH) {
		x->failed = 1;
		return;
	}
	close_tag(x);
	buf_addc(&x->out, '<');
	buf_adds(&x->out, name);
	x->open[x->depth++] = name;
	x->in_tag = 1;
}

static void end(struct dx *x)
{
	if (x->depth <= 0) {
		x->failed = 1;
		return;
	}
	const char *name = x->open[--x->depth];
	if (x->in_tag) {
		buf_add(&x->out, "/>", 2);
		x->in_tag = 0;
	} else {
		buf_add(&x->out, "</", 2);
		buf_adds(&x->out, name);
		buf_addc(&x->out, '>');
	}
	if (x->out.len >= DX_FLUSH)
		dx_flush(x);
}

/* s escaped for content (attr = 0) or for an attribute value. */
static void escaped(struct dx *x, const char *s, int attr)
{
	for (const char *p = s;; p++) {
		const char *rep = NULL;
		switch (*p) {
		case '\0':
			buf_add(&x->out, s, (size_t)(p - s));
			return;
		case '&':
			rep = "&amp;";
			break;
		case '<':
			rep = "&lt;";
			break;
		case '>':
			rep = "&gt;";
			break;
		case '"':
			rep = "&quot;";
			break;
		case '\r':
			rep = "&#13;";
			break;
		case '\n':
			rep = attr ? "&#10;" : NULL;
			break;
		case '\t':
			rep = attr ? "&#9;" : NULL;
			break;
		default:
			break;
		}
		if (rep) {
			buf_add(&x->out, s, (size_t)(p - s));
			buf_adds(&x->out, rep);
			s = p + 1;
		}
	}
}

static void attr(struct dx *x, const char *name, const char *val)
{
	if (!x->in_tag) {
		x->failed = 1;
		return;
	}
	buf_addc(&x->out, ' ');
	buf_adds(&x->out, name);
	buf_add(&x->out, "=\"", 2);
	escaped(x, val, 1);
	buf_addc(&x->out, '"');
}

static void attr_long(struct dx *x, const char *name, long v)
{
	char s[32];
	snprintf(s, sizeof(s), "%ld", v);
	attr(x, name, s);
}

/* <name w:val="val"/> */
static void val(struct dx *x, const char *name, const char *v)
{
	el(x, name);
	attr(x, "w:val", v);
	end(x);
}

static void val_long(struct dx *x, const char *name, long v)
{
	el(x, name);
	attr_long(x, "w:val", v);
	end(x);
}

/* An empty element. */
static void empty(struct dx *x, const char *name)
{
	el(x, name);
	end(x);
}

static void text(struct dx *x, const char *s)
{
	close_tag(x);
	escaped(x, s, 0);
}

/* Markup written as is. */
static void raw(struct dx *x, const char *s)
{
	close_tag(x);
	buf_adds(&x->out, s);
}

/* Closes what is open and ends the document as libxml2 does (a newline). */
static void dx_finish(struct dx *x)
{
	while (x->depth > 0)
		end(x);
	buf_addc(&x->out, '\n');
}

/* Finishes the part; returns its bytes (malloc'd) or NULL. */
static char *dx_close(struct dx *x, size_t *len)
{
	dx_finish(x);
	char *out = NULL;
	if (!x->failed) {
		*len = x->out.len;
		out = buf_detach(&x->out);
	}
	buf_release(&x->out);
	return out;
}

/* Finishes a streamed part; returns its file, rewound, or NULL. */
static FILE *dx_close_file(struct dx *x)
{
	FILE *f = x->f;
	dx_finish(x);
	dx_flush(x);
	buf_release(&x->out);
	if (f && (x->failed || fflush(f) != 0 || ferror(f) || fseek(f, 0, SEEK_SET) != 0)) {
		fclose(f);
		f = NULL;
	}
	x->f = NULL;
	return f;
}

/* ---- text ---- */

/* Estimated width in points of a cleaned text in Times New Roman: enough
 * to size the decree's rules, which the PDF measures exactly. */
static double est_width(const char *s, double size, int bold)
{
	double em = 0;
	const utf8proc_uint8_t *u = (const utf8proc_uint8_t *)s;
	utf8proc_ssize_t rem = (utf8proc_ssize_t)strlen(s);
	while (rem > 0) {
		utf8proc_int32_t c;
		utf8proc_ssize_t k = utf8proc_iterate(u, rem, &c);
		if (k <= 0)
			break;
		u += k;
		rem -= k;
		utf8proc_category_t cat = utf8proc_category(c);
		if (c == ' ')
			em += 0.25;
		else if (cat == UTF8PROC_CATEGORY_LU)
			em += c == 'I' ? 0.39 : c == 'M' || c == 'W' ? 0.89 : 0.72;
		else if (cat == UTF8PROC_CATEGORY_LL)
			em += c == 'i' || c == 'l' || c == 'j' || c == 't' || c == 'f' ? 0.28
			      : c == 'm'					       ? 0.78
										       : 0.49;
		else if (cat == UTF8PROC_CATEGORY_ND)
			em += 0.5;
		else if (cat == UTF8PROC_CATEGORY_MN)
			em += 0;
		else
			em += 0.33;
	}
	return em * size * (bold ? 1.04 : 1.0);
}

/* The widest line of a cleaned text. */
static double est_widest(const char *s, double size, int bold)
{
	double best = 0;
	char *c = xstrdup(s);
	for (char *line = c, *nl; line; line = nl) {
		nl = strchr(line, '\n');
		if (nl)
			*nl++ = '\0';
		double w = est_width(line, size, bold);
		if (w > best)
			best = w;
	}
	free(c);
	return best;
}

/* <w:rPr>: style bits and size (half-points). */
static void run_props(struct dx *x, int style, double size)
{
	el(x, "w:rPr");
	if (style & DOC_BOLD)
		empty(x, "w:b");
	if (style & DOC_ITALIC)
		empty(x, "w:i");
	val_long(x, "w:sz", (long)(size * 2 + 0.5));
	end(x);
}

/* A run of cleaned text; line breaks become <w:br/>. */
static void run(struct dx *x, int style, double size, const char *s)
{
	char *c = pdf_clean(s, PDF_KEEP_NL | PDF_KEEP_SPACES);
	el(x, "w:r");
	run_props(x, style, size);
	int first = 1;
	for (char *line = c, *nl; line; line = nl, first = 0) {
		nl = strchr(line, '\n');
		if (nl)
			*nl++ = '\0';
		if (!first)
			empty(x, "w:br");
		if (!*line)
			continue;
		el(x, "w:t");
		if (line[0] == ' ' || line[strlen(line) - 1] == ' ' || strstr(line, "  "))
			attr(x, "xml:space", "preserve");
		text(x, line);
		end(x);
	}
	end(x);
	free(c);
}

/* Paragraph properties. */
struct pfmt {
	int align;
	double before, after, lead, indent, ind_l, ind_r;
	int keep_next, keep_lines, outline;
	double rule; /* > 0: a bottom border of this width (points) */
};

static const char *const jc_names[] = {"left", "center", "right", "both"};

static void para_props(struct dx *x, const struct pfmt *f, double size, const char *sect_xml)
{
	el(x, "w:pPr");
	if (f->keep_next)
		empty(x, "w:keepNext");
	if (f->keep_lines)
		empty(x, "w:keepLines");
	if (f->rule > 0) {
		el(x, "w:pBdr");
		el(x, "w:bottom");
		attr(x, "w:val", "single");
		attr(x, "w:sz", "5");
		attr(x, "w:space", "1");
		attr(x, "w:color", "000000");
		end(x);
		end(x);
	}
	el(x, "w:spacing");
	attr_long(x, "w:before", TW(f->before));
	attr_long(x, "w:after", TW(f->after));
	if (f->lead > 0) {
		attr_long(x, "w:line", TW(f->lead));
		attr(x, "w:lineRule", f->lead < size ? "exact" : "atLeast");
	}
	end(x);
	if (f->indent > 0 || f->ind_l > 0 || f->ind_r > 0) {
		el(x, "w:ind");
		if (f->ind_l > 0)
			attr_long(x, "w:left", TW(f->ind_l));
		if (f->ind_r > 0)
			attr_long(x, "w:right", TW(f->ind_r));
		if (f->indent > 0)
			attr_long(x, "w:firstLine", TW(f->indent));
		end(x);
	}
	int a = f->align >= 0 && f->align <= DOC_JUSTIFY ? f->align : DOC_LEFT;
	val(x, "w:jc", jc_names[a]);
	if (f->outline > 0)
		val_long(x, "w:outlineLvl", f->outline - 1);
	/* The paragraph mark's size (keeps empty paragraphs as small as
	 * asked), then the section; Word wants this order. */
	el(x, "w:rPr");
	val_long(x, "w:sz", (long)(size * 2 + 0.5));
	end(x);
	if (sect_xml)
		raw(x, sect_xml);
	end(x);
}

/* A paragraph of one text in one style. */
static void para1(struct dx *x, const struct pfmt *f, int style, double size, const char *s)
{
	el(x, "w:p");
	para_props(x, f, size, NULL);
	if (s && *s)
		run(x, style, size, s);
	end(x);
}

/* A centred rule of width w (points) in a column of width colw: an empty
 * paragraph 3 pt high with a bottom border, indented from both sides. */
static void rule_sp(struct dx *x, double w, double colw, double before, double after)
{
	double side = (colw - w) / 2;
	struct pfmt f = {.align = DOC_CENTER,
			 .lead = 3,
			 .rule = w,
			 .before = before,
			 .after = after,
			 .ind_l = side > 0 ? side : 0,
			 .ind_r = side > 0 ? side : 0};
	para1(x, &f, DOC_REGULAR, 2, NULL);
}

static void rule(struct dx *x, double w, double colw)
{
	rule_sp(x, w, colw, 0, 0);
}

/* ---- tables ---- */

static void table_props(struct dx *x, double width, int borders, double pl, double pr, double pt,
			double pb)
{
	el(x, "w:tblPr");
	el(x, "w:tblW");
	attr_long(x, "w:w", TW(width));
	attr(x, "w:type", "dxa");
	end(x);
	el(x, "w:tblBorders");
	static const char *const sides[] = {"w:top",   "w:left",    "w:bottom",
					    "w:right", "w:insideH", "w:insideV"};
	for (size_t i = 0; i < ARRAY_SIZE(sides); i++) {
		el(x, sides[i]);
		attr(x, "w:val", borders ? "single" : "nil");
		if (borders) {
			attr(x, "w:sz", "4");
			attr(x, "w:space", "0");
			attr(x, "w:color", "000000");
		}
		end(x);
	}
	end(x);
	val(x, "w:tblLayout", "fixed");
	el(x, "w:tblCellMar");
	static const char *const mar[] = {"w:top", "w:left", "w:bottom", "w:right"};
	double pads[] = {pt, pl, pb, pr};
	for (size_t i = 0; i < 4; i++) {
		el(x, mar[i]);
		attr_long(x, "w:w", TW(pads[i]));
		attr(x, "w:type", "dxa");
		end(x);
	}
	end(x);
	val(x, "w:tblLook", "0000");
	end(x);
}

static void grid(struct dx *x, const double *w, size_t n)
{
	el(x, "w:tblGrid");
	for (size_t i = 0; i < n; i++) {
		el(x, "w:gridCol");
		attr_long(x, "w:w", TW(w[i]));
		end(x);
	}
	end(x);
}

static void cell_start(struct dx *x, double w, int span, const char *vmerge, int vcenter)
{
	el(x, "w:tc");
	el(x, "w:tcPr");
	el(x, "w:tcW");
	attr_long(x, "w:w", TW(w));
	attr(x, "w:type", "dxa");
	end(x);
	if (span > 1)
		val_long(x, "w:gridSpan", span);
	if (vmerge) {
		el(x, "w:vMerge");
		if (*vmerge)
			attr(x, "w:val", vmerge);
		end(x);
	}
	if (vcenter)
		val(x, "w:vAlign", "center");
	end(x);
}

/* The cell's text as paragraphs (one per line keeps Word's model simple;
 * line breaks inside a paragraph would do as well). */
static void cell_text(struct dx *x, const struct pfmt *f, int style, double size, const char *s)
{
	para1(x, f, style, size, s);
}

static void doc_table_out(struct dx *x, const struct doc_table *t)
{
	if (t->ncols == 0)
		return;
	double total = 0;
	double *w = xcalloc(t->ncols, sizeof(double));
	for (size_t i = 0; i < t->ncols; i++) {
		w[i] = t->cols[i].w;
		total += w[i];
	}
	el(x, "w:tbl");
	table_props(x, total, t->grid > 0, t->pad_l, t->pad_r, t->pad_t, t->pad_b);
	grid(x, w, t->ncols);
	/* Header cells spanning rows: rows still covered, and the span. */
	int *down = xcalloc(t->ncols, sizeof(int));
	int *dspan = xcalloc(t->ncols, sizeof(int));
	for (size_t r = 0; r < t->nrows; r++) {
		const struct doc_row *row = &t->rows[r];
		int head = row->kind == DOC_ROW_HEADER;
		int keep = row->keep_with_next || row->kind == DOC_ROW_SECTION ||
			   (t->keep_together && r + 1 < t->nrows) || (head && r + 1 < t->nrows);
		el(x, "w:tr");
		el(x, "w:trPr");
		empty(x, "w:cantSplit");
		if (head && t->header_row_h > 0) {
			el(x, "w:trHeight");
			attr_long(x, "w:val", TW(t->header_row_h));
			end(x);
		}
		if (head)
			empty(x, "w:tblHeader");
		end(x);
		double size = head ? (t->header_size > 0 ? t->header_size : t->size) : t->size;
		size_t ci = 0;
		for (size_t g = 0; g < t->ncols;) {
			if (down[g] > 0) {
				int sp = dspan[g] > 0 ? dspan[g] : 1;
				double cw = 0;
				for (int k = 0; k < sp && g + (size_t)k < t->ncols; k++)
					cw += w[g + (size_t)k];
				cell_start(x, cw, sp, "", head);
				struct pfmt f = {
				    .align = DOC_CENTER, .lead = t->lead, .keep_next = keep};
				para1(x, &f, DOC_REGULAR, size, NULL);
				end(x);
				down[g]--;
				g += (size_t)sp;
				continue;
			}
			const struct doc_cell *c = ci < row->ncells ? &row->cells[ci++] : NULL;
			int sp = c && c->span > 1 ? c->span : 1;
			if (g + (size_t)sp > t->ncols)
				sp = (int)(t->ncols - g);
			double cw = 0;
			for (int k = 0; k < sp; k++)
				cw += w[g + (size_t)k];
			int rs = c && head && c->rowspan > 1 ? c->rowspan : 1;
			if (rs > 1) {
				down[g] = rs - 1;
				dspan[g] = sp;
			}
			cell_start(x, cw, sp, rs > 1 ? "restart" : NULL, head);
			const struct doc_col *col = &t->cols[g];
			int style = c && c->style >= 0		   ? c->style
				    : head			   ? DOC_BOLD
				    : row->kind == DOC_ROW_TOTAL   ? DOC_BOLD
				    : row->kind == DOC_ROW_SECTION ? DOC_BOLD
								   : col->style;
			int align = c && c->align >= 0		   ? c->align
				    : head			   ? DOC_CENTER
				    : row->kind == DOC_ROW_SECTION ? DOC_LEFT
								   : col->align;
			if (row->kind == DOC_ROW_TOTAL && c && c->style < 0)
				style |= DOC_BOLD;
			struct pfmt f = {.align = align,
					 .lead = t->lead,
					 .keep_next = keep,
					 .outline = row->outline};
			cell_text(x, &f, style, size, c ? c->text : NULL);
			end(x);
			g += (size_t)sp;
		}
		end(x);
	}
	end(x);
	free(down);
	free(dspan);
	free(w);
}

/* The text width of the current section. */
struct page {
	int landscape;
	double width; /* text block, points */
};

static void header_out(struct dx *x, const struct doc_header *h, const struct doc_title *cv,
		       const struct page *pg)
{
	double lw = HDR_LEFT, rw = HDR_RIGHT;
	if (pg->width > lw + rw)
		rw = pg->width - lw;
	double widths[2] = {lw, rw};
	el(x, "w:tbl");
	table_props(x, lw + rw, 0, 0, 0, 0, 0);
	grid(x, widths, 2);
	struct pfmt c = {.align = DOC_CENTER, .lead = 15, .keep_next = 1};
	/* Row 1: issuing body | national motto, each with its rule. */
	el(x, "w:tr");
	el(x, "w:trPr");
	empty(x, "w:cantSplit");
	end(x);
	cell_start(x, lw, 1, NULL, 0);
	double longest = 0;
	if (h->parent && *h->parent) {
		char *p = pdf_clean(h->parent, PDF_KEEP_NL);
		para1(x, &c, DOC_REGULAR, 13, p);
		free(p);
	}
	char *body = pdf_clean(h->body, PDF_KEEP_NL);
	for (char *line = body, *nl; line; line = nl) {
		nl = strchr(line, '\n');
		if (nl)
			*nl++ = '\0';
		para1(x, &c, DOC_BOLD, 13, line);
		double lw1 = est_width(line, 13, 1);
		if (lw1 > longest)
			longest = lw1;
	}
	free(body);
	rule(x, longest / 2, lw);
	end(x);
	cell_start(x, rw, 1, NULL, 0);
	para1(x, &c, DOC_BOLD, 12, h->motto1);
	para1(x, &c, DOC_BOLD, 13, h->motto2);
	char *m2 = pdf_clean(h->motto2, 0);
	rule(x, est_width(m2, 13, 1), rw);
	free(m2);
	end(x);
	end(x);
	/* Row 2: number (and a công văn's trích yếu) | place and date. */
	el(x, "w:tr");
	el(x, "w:trPr");
	empty(x, "w:cantSplit");
	end(x);
	cell_start(x, lw, 1, NULL, 0);
	struct pfmt n = {.align = DOC_CENTER, .before = 6, .lead = 15};
	para1(x, &n, DOC_REGULAR, 13, h->number);
	if (cv) {
		/* The column is narrow: Word wraps the trích yếu itself. */
		char *sub = pdf_clean(cv->subject, 0);
		para1(x, &c, DOC_REGULAR, 12, sub);
		free(sub);
	}
	end(x);
	cell_start(x, rw, 1, NULL, 0);
	para1(x, &n, DOC_ITALIC, 13, h->date_blank ? h->date_blank : h->date);
	end(x);
	end(x);
	end(x);
}

static void title_out(struct dx *x, const struct doc_title *t, const struct page *pg)
{
	struct pfmt f = {.align = DOC_CENTER, .before = t->before, .lead = 17, .keep_next = 1};
	if (t->type && *t->type) {
		para1(x, &f, DOC_BOLD, 14, t->type);
		f.before = 0;
	}
	para1(x, &f, DOC_BOLD, 14, t->subject);
	char *s = pdf_clean(t->subject, PDF_KEEP_NL);
	rule(x, est_widest(s, 14, 1) / 3, pg->width);
	free(s);
}

static void para_out(struct dx *x, const struct doc_para *p)
{
	struct pfmt f = {.align = p->align,
			 .before = p->before,
			 .after = p->after,
			 .lead = p->lead,
			 .indent = p->indent,
			 .keep_next = p->keep_with_next,
			 .outline = p->outline};
	el(x, "w:p");
	para_props(x, &f, p->size, NULL);
	for (size_t i = 0; i < p->nruns; i++)
		run(x, p->runs[i].style, p->size, p->runs[i].text);
	end(x);
}

/* The chart as a small table: one row per bar, its segments and total. */
static void chart_out(struct dx *x, const struct doc_chart *c, const struct page *pg)
{
	size_t ncols = c->nseries + 2;
	double *w = xcalloc(ncols, sizeof(double));
	double rest = pg->width - c->label_w;
	w[0] = c->label_w > 0 ? c->label_w : DOC_MM(46);
	for (size_t i = 1; i < ncols; i++)
		w[i] = (rest > 0 ? rest : DOC_MM(100)) / (double)(ncols - 1);
	struct doc_table t = {0};
	t.ncols = ncols;
	struct doc_col *cols = xcalloc(ncols, sizeof(*cols));
	for (size_t i = 0; i < ncols; i++) {
		cols[i].w = w[i];
		cols[i].align = i == 0 ? DOC_LEFT : DOC_CENTER;
	}
	t.cols = cols;
	t.size = t.header_size = 11;
	t.lead = 13;
	t.pad_l = t.pad_r = 3;
	t.pad_t = 1;
	t.pad_b = 2;
	t.grid = 0.5;
	t.keep_together = 1;
	size_t nrows = c->nbars + 1;
	struct doc_row *rows = xcalloc(nrows, sizeof(*rows));
	struct doc_cell *cells = xcalloc(nrows * ncols, sizeof(*cells));
	char **owned = xcalloc(nrows * ncols, sizeof(char *));
	for (size_t r = 0; r < nrows; r++) {
		rows[r].kind = r == 0 ? DOC_ROW_HEADER : DOC_ROW_BODY;
		rows[r].cells = &cells[r * ncols];
		rows[r].ncells = ncols;
		size_t sum = 0;
		for (size_t k = 0; k < ncols; k++) {
			struct doc_cell *cl = &cells[r * ncols + k];
			cl->style = cl->align = -1;
			cl->span = cl->rowspan = 1;
			char **o = &owned[r * ncols + k];
			if (r == 0)
				*o = xstrdup(k == 0	       ? ""
					     : k <= c->nseries ? c->series[k - 1]
							       : "Tổng số");
			else if (k == 0)
				*o = xstrdup(c->labels[r - 1] ? c->labels[r - 1] : "");
			else if (k <= c->nseries) {
				size_t v = c->values[(r - 1) * c->nseries + (k - 1)];
				sum += v;
				*o = xasprintf("%zu", v);
			} else
				*o = xasprintf("%zu", sum);
			cl->text = *o;
		}
	}
	t.rows = rows;
	t.nrows = nrows;
	t.header_rows = 1;
	doc_table_out(x, &t);
	for (size_t i = 0; i < nrows * ncols; i++)
		free(owned[i]);
	free(owned);
	free(cells);
	free(rows);
	free(cols);
	free(w);
}

static void signature_out(struct dx *x, const struct doc_signature *s, const struct page *pg)
{
	double rw = HDR_RIGHT, lw = pg->width - rw;
	if (lw < DOC_MM(50))
		lw = DOC_MM(50);
	double widths[2] = {lw, rw};
	el(x, "w:tbl");
	table_props(x, lw + rw, 0, 0, 0, 0, 0);
	grid(x, widths, 2);
	el(x, "w:tr");
	el(x, "w:trPr");
	empty(x, "w:cantSplit");
	end(x);
	cell_start(x, lw, 1, NULL, 0);
	struct pfmt f = {.align = DOC_LEFT, .before = 10, .lead = 14, .keep_next = 1};
	para1(x, &f, DOC_BOLD_ITALIC, 12, s->recipients_title ? s->recipients_title : "Nơi nhận:");
	char *rec = pdf_clean(s->recipients, PDF_KEEP_NL);
	f.before = 0;
	f.lead = 12.5;
	for (char *line = rec, *nl; line; line = nl) {
		nl = strchr(line, '\n');
		if (nl)
			*nl++ = '\0';
		para1(x, &f, DOC_REGULAR, 11, line);
	}
	free(rec);
	end(x);
	cell_start(x, rw, 1, NULL, 0);
	struct pfmt g = {.align = DOC_CENTER, .before = 10, .lead = 16, .keep_next = 1};
	char *signer = pdf_clean(s->signer, PDF_KEEP_NL);
	for (char *line = signer, *nl; line; line = nl) {
		nl = strchr(line, '\n');
		if (nl)
			*nl++ = '\0';
		para1(x, &g, DOC_BOLD, 14, line);
		g.before = 0;
	}
	free(signer);
	g.before = DOC_MM(30);
	g.keep_next = 0;
	para1(x, &g, DOC_BOLD, 14, s->name);
	end(x);
	end(x);
	end(x);
}

/* ---- sections ---- */

/* The sectPr of a section, as raw XML (it is written inside the last
 * paragraph of its section, or as the body's last child). */
static char *sect_xml(const struct doc_section *s, int first)
{
	int land = s && s->landscape;
	int numbered = s && s->numbered;
	int restart = s ? s->restart : 1;
	struct buf b;
	buf_init(&b);
	buf_adds(&b, "<w:sectPr>");
	/* Every section names its headers: Word would otherwise carry the
	 * previous section's page number over. */
	buf_printf(&b, "<w:headerReference w:type=\"default\" r:id=\"%s\"/>",
		   numbered ? "rIdH1" : "rIdH2");
	buf_adds(&b, "<w:headerReference w:type=\"first\" r:id=\"rIdH2\"/>");
	buf_printf(&b, "<w:pgSz w:w=\"%d\" w:h=\"%d\"%s/>", land ? A4_LONG : A4_SHORT,
		   land ? A4_SHORT : A4_LONG, land ? " w:orient=\"landscape\"" : "");
	/* Margins (mm): portrait 20/20/30/15, landscape 30/15/20/20. */
	double t = land ? 30 : 20, bo = land ? 15 : 20, l = land ? 20 : 30, r = land ? 20 : 15;
	buf_printf(&b,
		   "<w:pgMar w:top=\"%ld\" w:right=\"%ld\" w:bottom=\"%ld\" w:left=\"%ld\" "
		   "w:header=\"%d\" w:footer=\"%d\" w:gutter=\"0\"/>",
		   TW(DOC_MM(t)), TW(DOC_MM(r)), TW(DOC_MM(bo)), TW(DOC_MM(l)), HDR_DIST, HDR_DIST);
	if (restart || first)
		buf_adds(&b, "<w:pgNumType w:start=\"1\"/>");
	/* The first page of a numbering run shows no number. */
	if (restart || first)
		buf_adds(&b, "<w:titlePg/>");
	buf_adds(&b, "</w:sectPr>");
	return buf_detach(&b);
}

static double text_width(const struct doc_section *s)
{
	return s && s->landscape ? DOC_MM(257) : DOC_MM(165);
}

/* Ends the section s with an empty, tiny paragraph carrying its sectPr. */
static void section_end(struct dx *x, const struct doc_section *s, int first)
{
	char *sx = sect_xml(s, first);
	struct pfmt f = {.lead = 1};
	el(x, "w:p");
	para_props(x, &f, 1, sx);
	end(x);
	free(sx);
}

/* document.xml, streamed to a temporary file beside path. */
static FILE *document_xml(const struct doc *d, const char *path)
{
	struct dx x = {0};
	dx_open_file(&x, path);
	el(&x, "w:document");
	attr(&x, "xmlns:w", W_NS);
	attr(&x, "xmlns:r", R_NS);
	el(&x, "w:body");
	const struct doc_section *sec = NULL;
	int first = 1; /* the current section is the document's first */
	struct page pg = {0, text_width(NULL)};
	for (size_t i = 0; i < d->nblocks; i++) {
		const struct doc_block *b = &d->blocks[i];
		switch (b->kind) {
		case DOC_SECTION:
			if (i > 0) {
				section_end(&x, sec, first);
				first = 0;
			}
			sec = &b->u.section;
			pg.landscape = sec->landscape;
			pg.width = text_width(sec);
			break;
		case DOC_HEADER: {
			/* A công văn: its trích yếu (a title without a type)
			 * goes under the number. */
			const struct doc_title *cv = NULL;
			if (i + 1 < d->nblocks && d->blocks[i + 1].kind == DOC_TITLE &&
			    (!d->blocks[i + 1].u.title.type || !*d->blocks[i + 1].u.title.type))
				cv = &d->blocks[++i].u.title;
			header_out(&x, &b->u.header, cv, &pg);
			break;
		}
		case DOC_TITLE:
			title_out(&x, &b->u.title, &pg);
			break;
		case DOC_PARA:
			para_out(&x, &b->u.para);
			break;
		case DOC_TABLE: {
			doc_table_out(&x, &b->u.table);
			/* A paragraph between tables (Word would join them),
			 * as high as the space after. */
			double a = b->u.table.after;
			struct pfmt f = {.lead = a >= 1 ? a : 1};
			para1(&x, &f, DOC_REGULAR, 1, NULL);
			break;
		}
		case DOC_CHART:
			chart_out(&x, &b->u.chart, &pg);
			{
				struct pfmt f = {.lead = 6};
				para1(&x, &f, DOC_REGULAR, 1, NULL);
			}
			break;
		case DOC_SIGNATURE:
			signature_out(&x, &b->u.sig, &pg);
			break;
		case DOC_SPACE: {
			double h = b->u.space;
			struct pfmt f = {.lead = h >= 1 ? h : 1};
			para1(&x, &f, DOC_REGULAR, 1, NULL);
			break;
		}
		case DOC_RULE:
			rule_sp(&x, b->u.rule.w, pg.width, b->u.rule.before, b->u.rule.after);
			break;
		default:
			break;
		}
	}
	/* The body must end with a paragraph, then the last section's sectPr. */
	{
		struct pfmt f = {.lead = 1};
		para1(&x, &f, DOC_REGULAR, 1, NULL);
	}
	char *sx = sect_xml(sec, first);
	raw(&x, sx);
	free(sx);
	end(&x);
	end(&x);
	return dx_close_file(&x);
}

/* ---- the other parts ---- */

static const char content_types[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
    "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
    "<Default Extension=\"rels\" "
    "ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
    "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
    "<Override PartName=\"/word/document.xml\" ContentType=\"" CT_MAIN ".document.main+xml\"/>"
    "<Override PartName=\"/word/styles.xml\" ContentType=\"" CT_MAIN ".styles+xml\"/>"
    "<Override PartName=\"/word/settings.xml\" ContentType=\"" CT_MAIN ".settings+xml\"/>"
    "<Override PartName=\"/word/header1.xml\" ContentType=\"" CT_MAIN ".header+xml\"/>"
    "<Override PartName=\"/word/header2.xml\" ContentType=\"" CT_MAIN ".header+xml\"/>"
    "<Override PartName=\"/docProps/core.xml\" "
    "ContentType=\"application/vnd.openxmlformats-package.core-properties+xml\"/>"
    "</Types>";

static const char root_rels[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
    "<Relationships xmlns=\"" REL_NS "\">"
    "<Relationship Id=\"rId1\" Type=\"" REL_DOC "\" Target=\"word/document.xml\"/>"
    "<Relationship Id=\"rId2\" "
    "Type=\"http://schemas.openxmlformats.org/package/2006/relationships/metadata/"
    "core-properties\" Target=\"docProps/core.xml\"/>"
    "</Relationships>";

static const char doc_rels[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
    "<Relationships xmlns=\"" REL_NS "\">"
    "<Relationship Id=\"rIdS\" Type=\"" R_NS "/styles\" Target=\"styles.xml\"/>"
    "<Relationship Id=\"rIdT\" Type=\"" R_NS "/settings\" Target=\"settings.xml\"/>"
    "<Relationship Id=\"rIdH1\" Type=\"" R_NS "/header\" Target=\"header1.xml\"/>"
    "<Relationship Id=\"rIdH2\" Type=\"" R_NS "/header\" Target=\"header2.xml\"/>"
    "</Relationships>";

/* Times New Roman 14 with Vietnamese as the language; tables without
 * Word's default cell margins. */
static const char styles[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
    "<w:styles xmlns:w=\"" W_NS "\">"
    "<w:docDefaults><w:rPrDefault><w:rPr>"
    "<w:rFonts w:ascii=\"Times New Roman\" w:hAnsi=\"Times New Roman\" "
    "w:eastAsia=\"Times New Roman\" w:cs=\"Times New Roman\"/>"
    "<w:sz w:val=\"28\"/><w:szCs w:val=\"28\"/><w:lang w:val=\"vi-VN\"/>"
    "</w:rPr></w:rPrDefault>"
    "<w:pPrDefault><w:pPr><w:spacing w:after=\"0\" w:line=\"240\" w:lineRule=\"auto\"/>"
    "</w:pPr></w:pPrDefault></w:docDefaults>"
    "<w:style w:type=\"paragraph\" w:default=\"1\" w:styleId=\"Normal\">"
    "<w:name w:val=\"Normal\"/><w:qFormat/></w:style>"
    "<w:style w:type=\"table\" w:default=\"1\" w:styleId=\"TableNormal\">"
    "<w:name w:val=\"Normal Table\"/><w:tblPr><w:tblInd w:w=\"0\" w:type=\"dxa\"/>"
    "<w:tblCellMar><w:top w:w=\"0\" w:type=\"dxa\"/><w:left w:w=\"0\" w:type=\"dxa\"/>"
    "<w:bottom w:w=\"0\" w:type=\"dxa\"/><w:right w:w=\"0\" w:type=\"dxa\"/>"
    "</w:tblCellMar></w:tblPr></w:style>"
    "</w:styles>";

static const char settings[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
    "<w:settings xmlns:w=\"" W_NS "\">"
    "<w:defaultTabStop w:val=\"720\"/>"
    "<w:characterSpacingControl w:val=\"doNotCompress\"/>"
    "<w:compat><w:compatSetting w:name=\"compatibilityMode\" "
    "w:uri=\"http://schemas.microsoft.com/office/word\" w:val=\"15\"/></w:compat>"
    "</w:settings>";

/* The page number, regular 13, centred in the top margin. */
static const char header1[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
    "<w:hdr xmlns:w=\"" W_NS "\"><w:p><w:pPr><w:jc w:val=\"center\"/></w:pPr>"
    "<w:r><w:rPr><w:sz w:val=\"26\"/></w:rPr><w:fldChar w:fldCharType=\"begin\"/></w:r>"
    "<w:r><w:rPr><w:sz w:val=\"26\"/></w:rPr><w:instrText xml:space=\"preserve\"> PAGE "
    "</w:instrText></w:r>"
    "<w:r><w:rPr><w:sz w:val=\"26\"/></w:rPr><w:fldChar w:fldCharType=\"separate\"/></w:r>"
    "<w:r><w:rPr><w:sz w:val=\"26\"/></w:rPr><w:t>2</w:t></w:r>"
    "<w:r><w:rPr><w:sz w:val=\"26\"/></w:rPr><w:fldChar w:fldCharType=\"end\"/></w:r>"
    "</w:p></w:hdr>";

static const char header2[] = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
			      "<w:hdr xmlns:w=\"" W_NS "\"><w:p/></w:hdr>";

static char *core_xml(const struct doc_info *in, size_t *len)
{
	struct dx x = {0};
	dx_open(&x);
	el(&x, "cp:coreProperties");
	attr(&x, "xmlns:cp",
	     "http://schemas.openxmlformats.org/package/2006/metadata/core-properties");
	attr(&x, "xmlns:dc", "http://purl.org/dc/elements/1.1/");
	attr(&x, "xmlns:dcterms", "http://purl.org/dc/terms/");
	attr(&x, "xmlns:xsi", "http://www.w3.org/2001/XMLSchema-instance");
	const char *names[] = {"dc:title", "dc:subject", "dc:creator"};
	const char *vals[] = {in->title, in->subject, in->author};
	for (size_t i = 0; i < ARRAY_SIZE(names); i++) {
		if (!vals[i] || !*vals[i])
			continue;
		char *c = pdf_clean(vals[i], 0);
		el(&x, names[i]);
		text(&x, c);
		end(&x);
		free(c);
	}
	int y = in->year, m = in->month, dd = in->day;
	if (y < 1980 || y > 9999 || m < 1 || m > 12 || dd < 1 || dd > 31) {
		y = 2000;
		m = dd = 1;
	}
	char date[32];
	snprintf(date, sizeof(date), "%04d-%02d-%02dT00:00:00Z", y, m, dd);
	const char *dn[] = {"dcterms:created", "dcterms:modified"};
	for (size_t i = 0; i < 2; i++) {
		el(&x, dn[i]);
		attr(&x, "xsi:type", "dcterms:W3CDTF");
		text(&x, date);
		end(&x);
	}
	end(&x);
	return dx_close(&x, len);
}

/* ---- the package ---- */

struct part {
	const char *name;
	char *data; /* owned, or NULL for a static text or a file */
	const char *fixed;
	size_t len;
	FILE *file; /* a streamed part (owned until libzip takes it), or NULL */
};

static int zip_add_part(zip_t *z, struct part *p, time_t mtime)
{
	zip_source_t *src;
	if (p->file) {
		/* libzip reads the file at zip_close and closes it with the source */
		src = zip_source_filep(z, p->file, 0, -1);
		if (src)
			p->file = NULL;
	} else {
		const char *data = p->data ? p->data : p->fixed;
		size_t len = p->data ? p->len : strlen(p->fixed);
		src = zip_source_buffer(z, data, len, 0);
	}
	if (!src)
		return -1;
	zip_int64_t idx = zip_file_add(z, p->name, src, ZIP_FL_ENC_UTF_8 | ZIP_FL_OVERWRITE);
	if (idx < 0) {
		zip_source_free(src);
		return -1;
	}
	if (zip_file_set_mtime(z, (zip_uint64_t)idx, mtime, 0) != 0 ||
	    zip_set_file_compression(z, (zip_uint64_t)idx, ZIP_CM_DEFLATE, DOCX_DEFLATE_LEVEL) !=
		0 ||
	    zip_file_set_external_attributes(z, (zip_uint64_t)idx, 0, ZIP_OPSYS_DOS, 0) != 0)
		return -1;
	return 0;
}

int doc_docx_write(const struct doc *d, const char *path)
{
	struct part parts[] = {
	    {"[Content_Types].xml", NULL, content_types, 0, NULL},
	    {"_rels/.rels", NULL, root_rels, 0, NULL},
	    {"word/document.xml", NULL, NULL, 0, NULL},
	    {"word/_rels/document.xml.rels", NULL, doc_rels, 0, NULL},
	    {"word/styles.xml", NULL, styles, 0, NULL},
	    {"word/settings.xml", NULL, settings, 0, NULL},
	    {"word/header1.xml", NULL, header1, 0, NULL},
	    {"word/header2.xml", NULL, header2, 0, NULL},
	    {"docProps/core.xml", NULL, NULL, 0, NULL},
	};
	parts[2].file = document_xml(d, path);
	parts[8].data = core_xml(&d->info, &parts[8].len);
	int rc = -1;
	char *tmp = xasprintf("%s.tmp.%ld", path, (long)getpid());
	zip_t *z = NULL;
	if (!parts[2].file || !parts[8].data) {
		error("%s: không tạo được nội dung văn bản", path);
		goto out;
	}
	int zerr = 0;
	z = zip_open(tmp, ZIP_CREATE | ZIP_TRUNCATE, &zerr);
	if (!z) {
		error("%s: không tạo được tệp (libzip %d)", tmp, zerr);
		goto out;
	}
	/* 1980-01-01 00:00 local time: the earliest DOS date, as
	 * libxlsxwriter stamps its members. */
	struct tm tm = {.tm_year = 80, .tm_mon = 0, .tm_mday = 1, .tm_isdst = -1};
	time_t mtime = mktime(&tm);
	for (size_t i = 0; i < ARRAY_SIZE(parts); i++) {
		if (zip_add_part(z, &parts[i], mtime) != 0) {
			error("%s: %s", tmp, zip_strerror(z));
			zip_discard(z);
			z = NULL;
			goto out;
		}
	}
	if (zip_close(z) != 0) {
		error("%s: %s", tmp, zip_strerror(z));
		zip_discard(z);
		z = NULL;
		goto out;
	}
	z = NULL;
	if (rename(tmp, path) != 0) {
		error("%s: %s", path, strerror(errno));
		goto out;
	}
	rc = 0;
out:
	if (rc != 0)
		unlink(tmp);
	free(tmp);
	for (size_t i = 0; i < ARRAY_SIZE(parts); i++) {
		free(parts[i].data);
		if (parts[i].file)
			fclose(parts[i].file);
	}
	return rc;
}
