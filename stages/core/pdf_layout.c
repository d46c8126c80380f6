/* pdf_layout.c - the decree's blocks (official header, title, signature)
 * and tables with repeated headers, over the drawing layer of pdf.c.
 */
#include "pdf.h"
#include "pdf_impl.h"

#include "buf.h"
#include "util.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

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
		pdf_draw_line(p, PDF_BOLD, size, x, w, p->y - pdfi_base_off(size, lead), PDF_CENTER,
			      c + l->off, l->len, 0);
		double lw = pdf_width(p, PDF_BOLD, size, c + l->off, l->len);
		maxw = lw > maxw ? lw : maxw;
		p->y -= lead;
	}
	if (maxw > 0) {
		double base = p->y + lead - pdfi_base_off(size, lead);
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
		struct buf *b = pdfi_ops_buf(p);
		for (size_t i = 0; i < n; i++)
			pdfi_put_rect(b, cl[i].x, top - h, cl[i].w, h);
		buf_adds(b, "S\n");
		pdfi_flush_ops(p, b);
		pdfi_text_begin(p);
		for (size_t i = 0; i < n; i++) {
			for (size_t j = 0; j < k && from[i] + j < cl[i].lines.n; j++) {
				const struct pdf_line *l = &cl[i].lines.v[from[i] + j];
				double by = top - t->pad_t - t->lead * (double)j -
					    pdfi_base_off(t->size, t->lead);
				pdf_draw_line(p, cl[i].style, t->size, cl[i].x + t->pad_l,
					      cl[i].w - t->pad_l - t->pad_r, by, cl[i].align,
					      cl[i].text + l->off, l->len, !l->last);
			}
			from[i] += k;
		}
		pdfi_text_end(p);
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
			      y0 - lead * (double)i - pdfi_base_off(size, lead), PDF_CENTER,
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
