/* readers.c - what the XLSX, ODF and HTML readers share: building the
 * document model, cell text, and a quiet, entity-free XML reader. */
#include "readers.h"
#include "problem.h"
#include "legacy.h"
#include "text.h"
#include "util.h"

#include <libxml/xmlreader.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static struct docx_block *add(struct docx_doc *d, enum docx_block_kind k)
{
	XGROW(d->v, d->cap, d->n + 1);
	struct docx_block *b = &d->v[d->n++];
	memset(b, 0, sizeof(*b));
	b->kind = k;
	return b;
}

char *model_cell_text(const char *s)
{
	if (!s)
		return xstrdup("");
	char *t = vn_normalize_lines(s);
	if (!*t || strspn(t, " \n") == strlen(t)) {
		free(t);
		return xstrdup("");
	}
	return t;
}

void model_add_para(struct docx_doc *d, const char *text)
{
	char *t = model_cell_text(text);
	if (!*t) {
		free(t);
		return;
	}
	struct docx_block *b = add(d, DOCX_PARA);
	b->index = ++d->npara;
	b->text = t;
}

void model_add_table(struct docx_doc *d, struct sheet *t, const char *label)
{
	struct docx_block *b = add(d, DOCX_TABLE);
	b->index = ++d->ntables;
	b->table = xmalloc(sizeof(*b->table));
	*b->table = *t;
	sheet_init(t);
	free(b->table->label);
	b->table->label = label ? xstrdup(label) : xasprintf("bảng %zu", b->index);
}

static void quiet_structured(void *arg, xmlErrorPtr e)
{
	(void)arg;
	(void)e;
}

static void quiet_generic(void *arg, const char *fmt, ...)
{
	(void)arg;
	(void)fmt;
}

void *model_xml_reader(const char *xml, size_t len, const char *what, struct docx_err *err)
{
	if (len > INT32_MAX) {
		docx_err_set(err, PC_TEP_HONG, "%s quá lớn", what);
		return NULL;
	}
	if (docx_xml_has_doctype(xml, len) == 1) {
		docx_err_set(err, PC_TEP_HONG,
			     "%s chứa khai báo DOCTYPE/thực thể XML (không hợp lệ)", what);
		return NULL;
	}
	xmlSetGenericErrorFunc(NULL, quiet_generic);
	xmlTextReaderPtr r =
	    xmlReaderForMemory(xml, (int)len, "part.xml", NULL,
			       XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
	if (!r) {
		docx_err_set(err, PC_TEP_HONG, "%s bị hỏng (không đọc được XML)", what);
		return NULL;
	}
	xmlTextReaderSetStructuredErrorHandler(r, quiet_structured, NULL);
	return r;
}

/* --- the sparse grid --- */

enum { E_TEXT, E_VMERGE, E_SPAN };

void grid_init(struct grid *g)
{
	memset(g, 0, sizeof(*g));
}

void grid_release(struct grid *g)
{
	for (size_t i = 0; i < g->n; i++)
		free(g->v[i].text);
	free(g->v);
	free(g->m);
	grid_init(g);
}

static void grid_add(struct grid *g, unsigned row, unsigned col, unsigned kind, unsigned span,
		     char *text)
{
	if (g->n >= DOCX_MAX_CELLS) {
		g->full = 1;
		free(text);
		return;
	}
	XGROW(g->v, g->cap, g->n + 1);
	g->v[g->n++] = (struct grid_ent){row, col, span, kind, text};
}

void grid_text(struct grid *g, unsigned row, unsigned col, char *text)
{
	if (!text || !*text || col >= SHEET_MAX_COLS) {
		free(text);
		return;
	}
	g->bytes += strlen(text);
	if (g->bytes > GRID_MAX_TEXT) {
		g->full = 1;
		free(text);
		return;
	}
	grid_add(g, row, col, E_TEXT, 1, text);
}

void grid_merge(struct grid *g, unsigned r1, unsigned c1, unsigned r2, unsigned c2)
{
	if (g->nm >= XL_MAX_MERGES || r2 < r1 || c2 < c1 || (r1 == r2 && c1 == c2))
		return;
	XGROW(g->m, g->capm, g->nm + 1);
	g->m[g->nm++] = (struct grid_merge){r1, c1, r2, c2};
}

int grid_has_text(const struct grid *g)
{
	for (size_t i = 0; i < g->n; i++)
		if (g->v[i].kind == E_TEXT)
			return 1;
	return 0;
}

static int ent_cmp(const void *a, const void *b)
{
	const struct grid_ent *x = a, *y = b;
	if (x->row != y->row)
		return x->row < y->row ? -1 : 1;
	if (x->col != y->col)
		return x->col < y->col ? -1 : 1;
	return x->kind < y->kind ? -1 : x->kind > y->kind;
}

void grid_to_sheet(struct grid *g, struct sheet *out)
{
	unsigned last = 0;
	for (size_t i = 0; i < g->n; i++)
		if (g->v[i].row > last)
			last = g->v[i].row;
	for (size_t i = 0; i < g->nm && !g->full; i++) {
		struct grid_merge m = g->m[i];
		if (m.r1 > last || m.c1 >= SHEET_MAX_COLS)
			continue;
		if (m.r2 > last)
			m.r2 = last;
		if (m.c2 >= SHEET_MAX_COLS)
			m.c2 = SHEET_MAX_COLS - 1;
		unsigned w = m.c2 - m.c1 + 1;
		grid_add(g, m.r1, m.c1, E_SPAN, w, NULL);
		for (unsigned r = m.r1 + 1; r <= m.r2 && !g->full; r++)
			grid_add(g, r, m.c1, E_VMERGE, w, NULL);
	}
	if (g->n > 1)
		qsort(g->v, g->n, sizeof(*g->v), ent_cmp);
	size_t i = 0;
	while (i < g->n) {
		unsigned row = g->v[i].row, cur = 0;
		struct sheet_row *sr = sheet_add_row(out, (size_t)row + 1);
		while (i < g->n && g->v[i].row == row) {
			unsigned col = g->v[i].col, span = 1;
			const char *text = NULL;
			int vm = 0;
			for (; i < g->n && g->v[i].row == row && g->v[i].col == col; i++) {
				if (g->v[i].kind == E_TEXT && !text)
					text = g->v[i].text;
				else if (g->v[i].kind == E_VMERGE)
					vm = 1, span = g->v[i].span;
				else if (g->v[i].kind == E_SPAN && !vm)
					span = g->v[i].span;
			}
			if (col < cur || col >= SHEET_MAX_COLS)
				continue; /* under a span to its left, or beyond the grid */
			for (; cur < col; cur++)
				sheet_add_cell(sr, NULL, 1, 0);
			if (span > SHEET_MAX_COLS - col)
				span = SHEET_MAX_COLS - col;
			sheet_add_cell(sr, vm ? NULL : text, span, vm);
			cur = col + span;
		}
	}
}

void model_utf16_part(char **data, size_t *len)
{
	const unsigned char *u = (const unsigned char *)*data;
	enum text_encoding e;
	char *out = NULL;
	size_t n = 0;
	if (*len >= 2 && u[0] == 0xFF && u[1] == 0xFE)
		e = ENC_UTF16LE;
	else if (*len >= 2 && u[0] == 0xFE && u[1] == 0xFF)
		e = ENC_UTF16BE;
	else
		return;
	if (text_to_utf8(*data, *len, e, &out, &n) != 0 || !out)
		return;
	/* the prolog names UTF-16: blank it, the text is UTF-8 now */
	if (n >= 5 && !memcmp(out, "<?xml", 5)) {
		char *end = memmem(out, n, "?>", 2);
		if (end)
			memset(out, ' ', (size_t)(end - out) + 2);
	}
	free(*data);
	*data = out;
	*len = n;
}

int model_xml_next(void *reader, int *skip, int *ty, int *depth)
{
	xmlTextReaderPtr r = reader;
	int ret;
	while ((ret = xmlTextReaderRead(r)) == 1) {
		*ty = xmlTextReaderNodeType(r);
		*depth = xmlTextReaderDepth(r);
		if (*skip < 0)
			return 1;
		if (*ty == XML_READER_TYPE_END_ELEMENT && *depth == *skip)
			*skip = -1;
	}
	return ret;
}
