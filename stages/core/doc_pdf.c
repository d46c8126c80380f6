/* doc_pdf.c - the PDF back end: draws a doc.h document with the pdf.h
 * layer (libharu), keeping headings and section rows with what follows
 * and repeating table header rows on every page. */
#include "doc.h"

#include "buf.h"
#include "pdf.h"
#include "util.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define MAX_HEADER_ROWS 8
#define MAX_COLS 32

struct dp {
	struct pdf p;
	const struct doc *d;
	HPDF_Outline top; /* the last level-1 bookmark */
};

static double page_body(const struct pdf *p)
{
	return p->ph - p->mt - p->mb;
}

/* Moves to a new page unless need points fit; a need taller than a page
 * cannot be met and is ignored. */
static void keep(struct pdf *p, double need)
{
	if (need > 0 && need < page_body(p))
		pdf_need(p, need);
}

static void outline(struct dp *dp, int level, const char *text, int open)
{
	if (level <= 0)
		return;
	HPDF_Outline o = pdf_outline(&dp->p, level == 1 ? NULL : dp->top, text, open);
	if (level == 1)
		dp->top = o;
}

/* ---- paragraphs ---- */

/* The paragraph's text and its style when all its runs share one
 * (mixed runs are drawn by pdf_para_runs()). */
static char *para_text(const struct doc_para *dp, int *style)
{
	struct buf b = BUF_INIT;
	*style = dp->nruns ? dp->runs[0].style : DOC_REGULAR;
	for (size_t i = 0; i < dp->nruns; i++)
		buf_adds(&b, dp->runs[i].text);
	return b.data ? buf_detach(&b) : xstrdup("");
}

static void para_fmt(const struct doc_para *dp, int style, struct pdf_para *f)
{
	memset(f, 0, sizeof(*f));
	f->style = style & 3;
	f->size = dp->size;
	f->lead = dp->lead;
	f->align = dp->align;
	f->indent = dp->indent;
	f->before = dp->before;
	f->after = dp->after;
}

/* 1 when the runs are in more than one style. */
static int mixed(const struct doc_para *dp)
{
	for (size_t i = 1; i < dp->nruns; i++)
		if ((dp->runs[i].style & 3) != (dp->runs[0].style & 3))
			return 1;
	return 0;
}

/* The runs for pdf_para_runs() (pointers into dp). */
static struct pdf_run *pdf_runs(const struct doc_para *dp)
{
	struct pdf_run *r = xcalloc(dp->nruns ? dp->nruns : 1, sizeof(*r));
	for (size_t i = 0; i < dp->nruns; i++)
		r[i] = (struct pdf_run){dp->runs[i].text, dp->runs[i].style & 3};
	return r;
}

/* Draws (or measures, when draw is 0) a paragraph; returns its height. */
static double para_flow(struct pdf *p, const struct doc_para *dp, int draw)
{
	int style;
	struct pdf_para f;
	char *t = para_text(dp, &style);
	para_fmt(dp, style, &f);
	double h = 0;
	if (mixed(dp)) {
		struct pdf_run *r = pdf_runs(dp);
		if (draw)
			pdf_para_runs(p, &f, r, dp->nruns);
		else
			h = pdf_para_runs_height(p, &f, r, dp->nruns);
		free(r);
	} else if (*t) {
		if (draw)
			pdf_para(p, &f, t);
		else
			h = pdf_para_height(p, &f, t);
	}
	free(t);
	return h;
}

static double para_height(struct pdf *p, const struct doc_para *dp)
{
	return para_flow(p, dp, 0);
}

/* ---- tables ---- */

/* Where each header cell sits: its first column and row. */
struct hcell {
	const struct doc_cell *c;
	size_t row, col;
};

struct hlayout {
	struct hcell v[MAX_HEADER_ROWS * MAX_COLS];
	size_t n;
	size_t nrows;
	double h[MAX_HEADER_ROWS]; /* height of each row */
	double total;
};

static double hcell_width(const struct doc_table *t, size_t col, int span)
{
	double w = 0;
	for (size_t k = col; k < t->ncols && k < col + (size_t)span; k++)
		w += t->cols[k].w;
	return w;
}

static size_t text_lines(struct pdf *p, int style, double size, const char *text, double w)
{
	struct pdf_lines l = {0};
	char *c = pdf_clean(text, PDF_KEEP_NL);
	pdf_wrap(p, style, size, c, w, 0, &l);
	size_t n = l.n;
	pdf_lines_release(&l);
	free(c);
	return n ? n : 1;
}

static int hstyle(const struct doc_cell *c)
{
	return c->style >= 0 ? c->style & 3 : DOC_BOLD;
}

/* Places the header rows (HTML-like: a cell fills the next free column;
 * rowspans reserve columns in the rows below) and sizes them. */
static void header_layout(struct pdf *p, const struct doc_table *t, struct hlayout *L)
{
	unsigned char occ[MAX_HEADER_ROWS][MAX_COLS];
	memset(occ, 0, sizeof(occ));
	memset(L, 0, sizeof(*L));
	L->nrows = t->header_rows < MAX_HEADER_ROWS ? t->header_rows : MAX_HEADER_ROWS;
	size_t ncols = t->ncols < MAX_COLS ? t->ncols : MAX_COLS;
	for (size_t r = 0; r < L->nrows; r++) {
		const struct doc_row *row = &t->rows[r];
		size_t col = 0;
		for (size_t i = 0; i < row->ncells; i++) {
			while (col < ncols && occ[r][col])
				col++;
			if (col >= ncols)
				break;
			const struct doc_cell *c = &row->cells[i];
			size_t span = (size_t)c->span, rs = (size_t)c->rowspan;
			if (span > ncols - col)
				span = ncols - col;
			if (rs > L->nrows - r)
				rs = L->nrows - r;
			for (size_t a = r; a < r + rs; a++)
				for (size_t b = col; b < col + span; b++)
					occ[a][b] = 1;
			L->v[L->n++] = (struct hcell){c, r, col};
			col += span;
		}
	}
	double lead = t->header_size + 2;
	for (size_t r = 0; r < L->nrows; r++)
		L->h[r] = t->header_row_h > 0 ? t->header_row_h : 0;
	if (t->header_row_h <= 0) {
		for (size_t i = 0; i < L->n; i++) {
			const struct hcell *h = &L->v[i];
			if (h->c->rowspan > 1)
				continue;
			double w = hcell_width(t, h->col, h->c->span) - 6;
			double need = lead * (double)text_lines(p, hstyle(h->c), t->header_size,
								h->c->text, w) +
				      t->pad_t + t->pad_b;
			L->h[h->row] = need > L->h[h->row] ? need : L->h[h->row];
		}
		/* a cell spanning rows makes the last of them taller when needed */
		for (size_t i = 0; i < L->n; i++) {
			const struct hcell *h = &L->v[i];
			size_t rs = (size_t)h->c->rowspan;
			if (rs <= 1)
				continue;
			if (rs > L->nrows - h->row)
				rs = L->nrows - h->row;
			double w = hcell_width(t, h->col, h->c->span) - 6, have = 0;
			double need = lead * (double)text_lines(p, hstyle(h->c), t->header_size,
								h->c->text, w) +
				      t->pad_t + t->pad_b;
			for (size_t a = h->row; a < h->row + rs; a++)
				have += L->h[a];
			if (need > have)
				L->h[h->row + rs - 1] += need - have;
		}
	}
	for (size_t r = 0; r < L->nrows; r++)
		L->total += L->h[r];
}

static void draw_header(struct pdf *p, const struct pdf_table *pt)
{
	const struct doc_table *t = pt->ctx;
	struct hlayout L;
	header_layout(p, t, &L);
	double top = p->y, lead = t->header_size + 2;
	for (size_t i = 0; i < L.n; i++) {
		const struct hcell *h = &L.v[i];
		double x = pt->x + hcell_width(t, 0, (int)h->col), y = top, hh = 0;
		for (size_t a = 0; a < h->row; a++)
			y -= L.h[a];
		for (size_t a = h->row; a < L.nrows && a < h->row + (size_t)h->c->rowspan; a++)
			hh += L.h[a];
		pdf_header_cell(p, x, y, hcell_width(t, h->col, h->c->span), hh, hstyle(h->c),
				t->header_size, lead, h->c->text, t->grid);
	}
	p->y = top - L.total;
}

static double header_height(struct pdf *p, const struct doc_table *t)
{
	struct hlayout L;
	header_layout(p, t, &L);
	return L.total;
}

struct rowbuf {
	const char *cells[MAX_COLS];
	int styles[MAX_COLS], aligns[MAX_COLS], spans[MAX_COLS];
	size_t n;
};

static void row_spec(const struct doc_row *r, struct rowbuf *rb)
{
	rb->n = r->ncells < MAX_COLS ? r->ncells : MAX_COLS;
	for (size_t i = 0; i < rb->n; i++) {
		const struct doc_cell *c = &r->cells[i];
		rb->cells[i] = c->text;
		rb->styles[i] = c->style >= 0		   ? c->style & 3
				: r->kind == DOC_ROW_TOTAL ? DOC_BOLD
							   : -1;
		rb->aligns[i] = c->align;
		rb->spans[i] = c->span;
	}
}

static double row_height(struct pdf *p, const struct pdf_table *pt, const struct doc_row *r)
{
	struct rowbuf rb;
	row_spec(r, &rb);
	return pdf_table_row_height_ex(p, pt, rb.cells, rb.n, rb.styles, rb.aligns, rb.spans);
}

/* The height of rows from i that must stay together: a chain of rows kept
 * with the next one and the first row that is not. */
static double chain_height(struct pdf *p, const struct pdf_table *pt, const struct doc_table *t,
			   size_t i)
{
	double h = 0;
	for (; i < t->nrows; i++) {
		h += row_height(p, pt, &t->rows[i]);
		if (!t->rows[i].keep_with_next)
			break;
	}
	return h;
}

static void table_setup(struct dp *dp, const struct doc_table *t, struct pdf_table *pt,
			struct pdf_col *cols)
{
	size_t n = t->ncols < MAX_COLS ? t->ncols : MAX_COLS;
	for (size_t i = 0; i < n; i++) {
		cols[i].w = t->cols[i].w;
		cols[i].align = t->cols[i].align;
		cols[i].style = t->cols[i].style & 3;
	}
	memset(pt, 0, sizeof(*pt));
	pt->cols = cols;
	pt->ncols = n;
	pt->x = dp->p.ml;
	pt->size = t->size;
	pt->lead = t->lead;
	pt->pad_l = t->pad_l;
	pt->pad_r = t->pad_r;
	pt->pad_t = t->pad_t;
	pt->pad_b = t->pad_b;
	pt->grid = t->grid;
	pt->header = t->header_rows ? draw_header : NULL;
	pt->ctx = (void *)t;
	pt->landscape = dp->p.landscape;
}

static double table_height(struct pdf *p, const struct pdf_table *pt, const struct doc_table *t)
{
	double h = header_height(p, t);
	for (size_t i = t->header_rows; i < t->nrows; i++)
		h += row_height(p, pt, &t->rows[i]);
	return h;
}

/* What must fit on the page where the table starts: the whole table when
 * kept together, else its header rows and first chain of rows (a header
 * never ends a page). */
static double table_start(struct pdf *p, const struct pdf_table *pt, const struct doc_table *t)
{
	if (t->keep_together)
		return table_height(p, pt, t);
	return header_height(p, t) + chain_height(p, pt, t, t->header_rows);
}

static void draw_table(struct dp *dp, const struct doc_table *t)
{
	struct pdf *p = &dp->p;
	struct pdf_col cols[MAX_COLS];
	struct pdf_table pt;
	if (!t->ncols)
		return;
	table_setup(dp, t, &pt, cols);
	keep(p, table_start(p, &pt, t));
	if (pt.header)
		pt.header(p, &pt);
	for (size_t i = t->header_rows; i < t->nrows; i++) {
		const struct doc_row *r = &t->rows[i];
		double k = 0;
		if (r->keep_with_next && i + 1 < t->nrows) {
			k = chain_height(p, &pt, t, i + 1);
			if (k > page_body(p) / 2)
				k = page_body(p) / 2; /* a huge next row is split anyway */
		}
		struct rowbuf rb;
		row_spec(r, &rb);
		pdf_table_row_ex(p, &pt, rb.cells, rb.n, rb.styles, rb.aligns, rb.spans, k);
		if (r->outline && r->ncells)
			outline(dp, r->outline, r->cells[0].text, 0);
	}
	p->y -= t->after;
}

/* ---- chart ---- */

static double chart_height(const struct doc_chart *c)
{
	const double bh = 10, gap = 6.5;
	return (double)c->nbars * (bh + gap) + 14 + 22 + 8;
}

/* An axis step of 1, 2 or 5 times a power of ten, at most 9 steps. */
static double chart_step(size_t maxv)
{
	static const double nice[] = {1, 2, 5};
	double step = 1;
	for (double mag = 1;; mag *= 10) {
		int done = 0;
		for (size_t k = 0; k < 3; k++) {
			step = nice[k] * mag;
			if ((double)maxv / step <= 9) {
				done = 1;
				break;
			}
		}
		if (done || mag > 1e7)
			break;
	}
	if (step < 2 && maxv > 5)
		step = 2;
	return step;
}

static void draw_chart(struct dp *dp, const struct doc_chart *c)
{
	struct pdf *p = &dp->p;
	const double bh = 10, gap = 6.5, labw = c->label_w > 0 ? c->label_w : PDF_MM(46);
	size_t maxv = 0, nr = c->nbars;
	for (size_t i = 0; i < nr; i++) {
		size_t t = 0;
		for (size_t s = 0; s < c->nseries; s++)
			t += c->values[i * c->nseries + s];
		maxv = t > maxv ? t : maxv;
	}
	double step = chart_step(maxv);
	double amax = ceil((double)(maxv ? maxv : 1) / step) * step;
	if (amax < (double)maxv + step * 0.3)
		amax += step;
	pdf_need(p, chart_height(c));
	double x0 = p->ml + labw + 4, w = pdf_text_width_area(p) - labw - 4 - 24;
	double top = p->y - 4;
	double axis = top - (double)nr * (bh + gap);
	HPDF_Page_SetGrayStroke(p->page, 0.8);
	for (double v = 0; v <= amax + 0.001; v += step) {
		double x = x0 + w * v / amax;
		HPDF_Page_SetLineWidth(p->page, 0.4);
		HPDF_Page_MoveTo(p->page, (HPDF_REAL)x, (HPDF_REAL)axis);
		HPDF_Page_LineTo(p->page, (HPDF_REAL)x, (HPDF_REAL)top);
		HPDF_Page_Stroke(p->page);
	}
	HPDF_Page_SetGrayStroke(p->page, 0);
	pdf_hline(p, x0, x0 + w, axis, 0.5);
	for (double v = 0; v <= amax + 0.001; v += step) {
		double x = x0 + w * v / amax;
		char lab[32];
		snprintf(lab, sizeof(lab), "%.0f", v);
		pdf_text(p, PDF_REGULAR, 9, x - 20, 40, axis - 10, PDF_CENTER, lab);
	}
	for (size_t i = 0; i < nr; i++) {
		double by = top - (double)i * (bh + gap) - gap / 2 - bh;
		/* the label, shortened to its column */
		char *cl = pdf_clean(c->labels[i], 0);
		size_t len = strlen(cl);
		while (len > 1 && pdf_width(p, PDF_REGULAR, 11, cl, len) > labw) {
			len--;
			while (len && ((unsigned char)cl[len] & 0xC0) == 0x80)
				len--;
		}
		pdf_draw_line(p, PDF_REGULAR, 11, p->ml, labw, by + 2, PDF_RIGHT, cl, len, 0);
		free(cl);
		double x = x0;
		size_t tot = 0;
		for (size_t s = 0; s < c->nseries; s++) {
			size_t v = c->values[i * c->nseries + s];
			if (!v)
				continue;
			double sw = w * (double)v / amax;
			pdf_rect(p, x, by, sw, bh, 0.5, c->shade[s], 1, 1);
			x += sw;
			tot += v;
		}
		char t[24];
		snprintf(t, sizeof(t), "%zu", tot);
		pdf_text(p, PDF_BOLD, 11, x + 4, 40, by + 2, PDF_LEFT, t);
	}
	/* the legend, centred under the axis */
	double lw = 0;
	for (size_t s = 0; s < c->nseries; s++)
		lw += 12 + pdf_swidth(p, PDF_REGULAR, 10, c->series[s]) + 18;
	double lx = x0 + (w - lw) / 2, ly = axis - 28;
	for (size_t s = 0; s < c->nseries; s++) {
		pdf_rect(p, lx, ly, 8, 8, 0.5, c->shade[s], 1, 1);
		pdf_text(p, PDF_REGULAR, 10, lx + 12, 200, ly + 0.5, PDF_LEFT, c->series[s]);
		lx += 12 + pdf_swidth(p, PDF_REGULAR, 10, c->series[s]) + 18;
	}
	p->y = ly - 10;
}

/* ---- flow ---- */

/* The height of block i's start, which a block kept with it needs on the
 * same page. */
static double start_height(struct dp *dp, size_t i, int depth)
{
	const struct doc *d = dp->d;
	struct pdf *p = &dp->p;
	if (i >= d->nblocks || depth > 4)
		return 0;
	const struct doc_block *b = &d->blocks[i];
	switch (b->kind) {
	case DOC_PARA: {
		const struct doc_para *pa = &b->u.para;
		double h = para_height(p, pa);
		if (pa->keep_with_next)
			return h + start_height(dp, i + 1, depth + 1);
		double two = pa->before + 2 * pa->lead;
		return h < two ? h : two;
	}
	case DOC_TABLE: {
		struct pdf_col cols[MAX_COLS];
		struct pdf_table pt;
		if (!b->u.table.ncols)
			return 0;
		table_setup(dp, &b->u.table, &pt, cols);
		return table_start(p, &pt, &b->u.table);
	}
	case DOC_CHART:
		return chart_height(&b->u.chart);
	case DOC_SIGNATURE:
		return pdf_signature_height(b->u.sig.recipients, b->u.sig.signer);
	case DOC_SPACE:
		return b->u.space + start_height(dp, i + 1, depth + 1);
	default:
		return 0;
	}
}

static void draw_para(struct dp *dp, size_t i)
{
	const struct doc_para *pa = &dp->d->blocks[i].u.para;
	if (pa->keep_with_next)
		keep(&dp->p, para_height(&dp->p, pa) + start_height(dp, i + 1, 0));
	if (pa->outline) {
		int style;
		char *t = para_text(pa, &style);
		outline(dp, pa->outline, t, 1);
		free(t);
	}
	para_flow(&dp->p, pa, 1);
}

static void draw_block(struct dp *dp, size_t i)
{
	const struct doc_block *b = &dp->d->blocks[i];
	struct pdf *p = &dp->p;
	if (!p->page && b->kind != DOC_SECTION)
		pdf_new_page(p, 0, 1);
	switch (b->kind) {
	case DOC_SECTION:
		p->numbered = b->u.section.numbered;
		pdf_new_page(p, b->u.section.landscape, b->u.section.restart);
		if (b->u.section.bookmark)
			outline(dp, 1, b->u.section.bookmark, 0);
		break;
	case DOC_HEADER: {
		const struct doc_header *h = &b->u.header;
		struct pdf_header ph = {h->parent, h->body,   h->number,
					h->date,   h->motto1, h->motto2};
		pdf_official_header(p, &ph);
		break;
	}
	case DOC_TITLE:
		pdf_title(p, b->u.title.type, b->u.title.subject, b->u.title.before);
		break;
	case DOC_PARA:
		draw_para(dp, i);
		break;
	case DOC_TABLE:
		draw_table(dp, &b->u.table);
		break;
	case DOC_CHART:
		draw_chart(dp, &b->u.chart);
		break;
	case DOC_SIGNATURE:
		pdf_signature(p, b->u.sig.recipients_title, b->u.sig.recipients, b->u.sig.signer,
			      b->u.sig.name);
		break;
	case DOC_SPACE:
		pdf_space(p, b->u.space);
		break;
	case DOC_RULE: {
		double w = pdf_text_width_area(p), ry = p->y - b->u.rule.before;
		pdf_hline(p, p->ml + (w - b->u.rule.w) / 2, p->ml + (w + b->u.rule.w) / 2, ry, 0.6);
		p->y = ry - b->u.rule.after;
		break;
	}
	default:
		break;
	}
}

int doc_pdf_write(const struct doc *d, char *const fonts[4], const char *path)
{
	struct dp dp;
	memset(&dp, 0, sizeof(dp));
	dp.d = d;
	int rc = -1;
	if (pdf_open(&dp.p, fonts) != 0)
		goto out;
	pdf_set_info(&dp.p, d->info.title, d->info.author, d->info.subject, d->info.creator,
		     d->info.year, d->info.month, d->info.day);
	for (size_t i = 0; i < d->nblocks; i++)
		draw_block(&dp, i);
	if (!dp.p.page)
		pdf_new_page(&dp.p, 0, 1);
	rc = pdf_save(&dp.p, path);
out:
	pdf_release(&dp.p);
	return rc;
}
