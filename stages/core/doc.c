/* doc.c - the document model's builders and lifecycle (doc.h). */
#include "doc.h"

#include "util.h"

#include <stdlib.h>
#include <string.h>

static char *dup0(const char *s)
{
	return xstrdup(s ? s : "");
}

void doc_init(struct doc *d)
{
	memset(d, 0, sizeof(*d));
}

static void table_release(struct doc_table *t)
{
	for (size_t i = 0; i < t->nrows; i++) {
		for (size_t j = 0; j < t->rows[i].ncells; j++)
			free(t->rows[i].cells[j].text);
		free(t->rows[i].cells);
	}
	free(t->rows);
	free(t->cols);
}

static void block_release(struct doc_block *b)
{
	switch (b->kind) {
	case DOC_SECTION:
		free(b->u.section.bookmark);
		break;
	case DOC_HEADER:
		free(b->u.header.parent);
		free(b->u.header.body);
		free(b->u.header.motto1);
		free(b->u.header.motto2);
		free(b->u.header.number);
		free(b->u.header.date);
		free(b->u.header.date_blank);
		break;
	case DOC_TITLE:
		free(b->u.title.type);
		free(b->u.title.subject);
		break;
	case DOC_PARA:
		for (size_t i = 0; i < b->u.para.nruns; i++)
			free(b->u.para.runs[i].text);
		free(b->u.para.runs);
		break;
	case DOC_TABLE:
		table_release(&b->u.table);
		break;
	case DOC_CHART:
		for (size_t i = 0; i < b->u.chart.nbars; i++)
			free(b->u.chart.labels[i]);
		for (size_t i = 0; i < b->u.chart.nseries; i++)
			free(b->u.chart.series[i]);
		free(b->u.chart.labels);
		free(b->u.chart.series);
		free(b->u.chart.values);
		free(b->u.chart.shade);
		break;
	case DOC_SIGNATURE:
		free(b->u.sig.recipients_title);
		free(b->u.sig.recipients);
		free(b->u.sig.signer);
		free(b->u.sig.name);
		break;
	default:
		break;
	}
}

void doc_release(struct doc *d)
{
	for (size_t i = 0; i < d->nblocks; i++)
		block_release(&d->blocks[i]);
	free(d->blocks);
	free(d->info.title);
	free(d->info.subject);
	free(d->info.author);
	free(d->info.creator);
	memset(d, 0, sizeof(*d));
}

void doc_set_info(struct doc *d, const char *title, const char *subject, const char *author,
		  const char *creator, int year, int month, int day)
{
	free(d->info.title);
	free(d->info.subject);
	free(d->info.author);
	free(d->info.creator);
	d->info.title = dup0(title);
	d->info.subject = dup0(subject);
	d->info.author = dup0(author);
	d->info.creator = dup0(creator);
	d->info.year = year;
	d->info.month = month;
	d->info.day = day;
}

static struct doc_block *add_block(struct doc *d, int kind)
{
	XGROW(d->blocks, d->cap, d->nblocks + 1);
	struct doc_block *b = &d->blocks[d->nblocks++];
	memset(b, 0, sizeof(*b));
	b->kind = kind;
	return b;
}

struct doc_section *doc_section(struct doc *d, int landscape, int restart, int numbered,
				const char *bookmark)
{
	struct doc_section *s = &add_block(d, DOC_SECTION)->u.section;
	s->landscape = landscape;
	s->restart = restart;
	s->numbered = numbered;
	s->bookmark = bookmark ? xstrdup(bookmark) : NULL;
	return s;
}

struct doc_header *doc_header(struct doc *d, const char *parent, const char *body,
			      const char *number, const char *date)
{
	struct doc_header *h = &add_block(d, DOC_HEADER)->u.header;
	h->parent = dup0(parent);
	h->body = dup0(body);
	h->motto1 = xstrdup("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM");
	h->motto2 = xstrdup("Độc lập - Tự do - Hạnh phúc");
	h->number = dup0(number);
	h->date = dup0(date);
	return h;
}

void doc_header_blank(struct doc_header *h, const char *date_blank)
{
	free(h->date_blank);
	h->date_blank = date_blank ? xstrdup(date_blank) : NULL;
}

struct doc_title *doc_title(struct doc *d, const char *type, const char *subject, double before)
{
	struct doc_title *t = &add_block(d, DOC_TITLE)->u.title;
	t->type = dup0(type);
	t->subject = dup0(subject);
	t->before = before;
	return t;
}

struct doc_para *doc_para(struct doc *d, double size, double lead, int align, double indent,
			  double before, double after)
{
	struct doc_para *p = &add_block(d, DOC_PARA)->u.para;
	p->size = size;
	p->lead = lead;
	p->align = align;
	p->indent = indent;
	p->before = before;
	p->after = after;
	return p;
}

void doc_run(struct doc_para *p, int style, const char *text)
{
	XGROW(p->runs, p->cap, p->nruns + 1);
	p->runs[p->nruns].text = dup0(text);
	p->runs[p->nruns].style = style & 3;
	p->nruns++;
}

struct doc_para *doc_para_text(struct doc *d, double size, double lead, int align, double indent,
			       double before, double after, int style, const char *text)
{
	struct doc_para *p = doc_para(d, size, lead, align, indent, before, after);
	doc_run(p, style, text);
	return p;
}

struct doc_para *doc_body(struct doc *d, double size, const char *text)
{
	return doc_para_text(d, size, size >= 14 ? 17 : 16, DOC_JUSTIFY, DOC_MM(12.7), 0, 6,
			     DOC_REGULAR, text);
}

struct doc_para *doc_heading(struct doc *d, double size, const char *text, int outline)
{
	struct doc_para *p =
	    doc_para_text(d, size, size + 3, DOC_LEFT, DOC_MM(12.7), 4, 4, DOC_BOLD, text);
	p->keep_with_next = 1;
	p->outline = outline;
	p->heading = 1;
	return p;
}

struct doc_table *doc_table(struct doc *d, size_t ncols, const double *widths, double size,
			    double lead)
{
	struct doc_table *t = &add_block(d, DOC_TABLE)->u.table;
	t->ncols = ncols;
	t->cols = xcalloc(ncols ? ncols : 1, sizeof(*t->cols));
	for (size_t i = 0; i < ncols; i++) {
		t->cols[i].w = widths[i];
		t->cols[i].align = DOC_LEFT;
		t->cols[i].style = DOC_REGULAR;
	}
	t->size = size;
	t->lead = lead;
	t->header_size = size;
	t->header_row_h = 0;
	t->pad_l = 3;
	t->pad_r = 3;
	t->pad_t = 2;
	t->pad_b = 3;
	t->grid = 0.5;
	t->after = 6;
	return t;
}

void doc_table_col(struct doc_table *t, size_t col, int align, int style)
{
	if (col >= t->ncols)
		return;
	t->cols[col].align = align;
	t->cols[col].style = style;
}

struct doc_row *doc_table_row(struct doc_table *t, int kind)
{
	XGROW(t->rows, t->cap, t->nrows + 1);
	struct doc_row *r = &t->rows[t->nrows++];
	memset(r, 0, sizeof(*r));
	r->kind = kind;
	if (kind == DOC_ROW_HEADER && t->header_rows == t->nrows - 1)
		t->header_rows++;
	return r;
}

struct doc_cell *doc_cell_ex(struct doc_row *r, const char *text, int style, int align, int span,
			     int rowspan)
{
	XGROW(r->cells, r->cap, r->ncells + 1);
	struct doc_cell *c = &r->cells[r->ncells++];
	c->text = dup0(text);
	c->style = style;
	c->align = align;
	c->span = span < 1 ? 1 : span;
	c->rowspan = rowspan < 1 ? 1 : rowspan;
	return c;
}

struct doc_cell *doc_cell(struct doc_row *r, const char *text)
{
	return doc_cell_ex(r, text, -1, -1, 1, 1);
}

struct doc_row *doc_table_header(struct doc_table *t, const char *const *titles)
{
	struct doc_row *r = doc_table_row(t, DOC_ROW_HEADER);
	for (size_t i = 0; i < t->ncols; i++)
		doc_cell_ex(r, titles[i], DOC_BOLD, DOC_CENTER, 1, 1);
	return r;
}

struct doc_row *doc_table_cells(struct doc_table *t, const char *const *cells)
{
	struct doc_row *r = doc_table_row(t, DOC_ROW_BODY);
	for (size_t i = 0; i < t->ncols; i++)
		doc_cell(r, cells[i]);
	return r;
}

struct doc_row *doc_table_span(struct doc_table *t, int kind, const char *text, int style,
			       int align)
{
	struct doc_row *r = doc_table_row(t, kind);
	doc_cell_ex(r, text, style, align, (int)t->ncols, 1);
	r->keep_with_next = kind == DOC_ROW_SECTION;
	return r;
}

struct doc_row *doc_table_section(struct doc_table *t, const char *text, int style, int outline)
{
	struct doc_row *r = doc_table_span(t, DOC_ROW_SECTION, text, style, DOC_LEFT);
	r->outline = outline;
	return r;
}

struct doc_chart *doc_chart(struct doc *d, size_t nbars, size_t nseries, double label_w)
{
	struct doc_chart *c = &add_block(d, DOC_CHART)->u.chart;
	c->nbars = nbars;
	c->nseries = nseries;
	c->labels = xcalloc(nbars ? nbars : 1, sizeof(char *));
	c->values = xcalloc(nbars && nseries ? nbars * nseries : 1, sizeof(size_t));
	c->series = xcalloc(nseries ? nseries : 1, sizeof(char *));
	c->shade = xcalloc(nseries ? nseries : 1, sizeof(double));
	for (size_t i = 0; i < nbars; i++)
		c->labels[i] = xstrdup("");
	for (size_t i = 0; i < nseries; i++)
		c->series[i] = xstrdup("");
	c->label_w = label_w;
	return c;
}

void doc_chart_bar(struct doc_chart *c, size_t bar, const char *label, const size_t *values)
{
	if (bar >= c->nbars)
		return;
	free(c->labels[bar]);
	c->labels[bar] = dup0(label);
	for (size_t s = 0; s < c->nseries; s++)
		c->values[bar * c->nseries + s] = values[s];
}

void doc_chart_series(struct doc_chart *c, size_t series, const char *label, double shade)
{
	if (series >= c->nseries)
		return;
	free(c->series[series]);
	c->series[series] = dup0(label);
	c->shade[series] = shade;
}

struct doc_signature *doc_signature(struct doc *d, const char *recipients, const char *signer,
				    const char *name)
{
	struct doc_signature *s = &add_block(d, DOC_SIGNATURE)->u.sig;
	s->recipients_title = xstrdup("Nơi nhận:");
	s->recipients = dup0(recipients);
	s->signer = dup0(signer);
	s->name = dup0(name);
	return s;
}

void doc_space(struct doc *d, double points)
{
	add_block(d, DOC_SPACE)->u.space = points;
}

void doc_rule(struct doc *d, double w, double before, double after)
{
	struct doc_block *b = add_block(d, DOC_RULE);
	b->u.rule.w = w;
	b->u.rule.before = before;
	b->u.rule.after = after;
}
