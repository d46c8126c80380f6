/* doc_text.c - the plain-text back end: a dump of a document's blocks, one
 * line per paragraph or table row, for golden comparisons and debugging.
 *
 * Format (stable; golden files hold it):
 *   [section portrait|landscape restart? numbered?] bookmark
 *   [header] parent / body | motto1 / motto2
 *            number | date
 *   [title] type / subject
 *   paragraph text (runs joined; a heading starts with "# ")
 *   [table] then one line per row: "H " header, "S " section, "T " total,
 *           "  " body; cells joined by " | "
 *   [chart] then "label: v1 + v2 + v3 = total" per bar
 *   [signature] recipients / ... | signer / ... / name
 * A line break inside a text is written " / "; control characters become
 * spaces, so that every block stays on its lines.
 */
#include "doc.h"

#include "util.h"

#include <stdlib.h>
#include <string.h>

/* s with its line breaks as " / " and control characters as spaces,
 * written a span at a time (a character at a time was a tenth of the
 * roster's time). */
static void put_text(FILE *f, const char *s)
{
	while (s && *s) {
		const char *e = s;
		while ((unsigned char)*e >= 0x20 && *e != 0x7f)
			e++;
		if (e > s)
			fwrite_unlocked(s, 1, (size_t)(e - s), f);
		if (!*e)
			break;
		if (*e == '\n')
			fputs_unlocked(" / ", f);
		else
			fputc_unlocked(' ', f);
		s = e + 1;
	}
}

/* a, sep, b */
static void put_pair(FILE *f, const char *a, const char *sep, const char *b)
{
	put_text(f, a);
	fputs(sep, f);
	put_text(f, b);
}

static void put_section(FILE *f, const struct doc_section *s)
{
	fprintf(f, "[section %s%s%s]", s->landscape ? "landscape" : "portrait",
		s->restart ? " restart" : "", s->numbered ? " numbered" : "");
	if (s->bookmark) {
		fputc(' ', f);
		put_text(f, s->bookmark);
	}
	fputc('\n', f);
}

static void put_header(FILE *f, const struct doc_header *h)
{
	fputs("[header] ", f);
	if (*h->parent) {
		put_text(f, h->parent);
		fputs(" / ", f);
	}
	put_text(f, h->body);
	fputs(" | ", f);
	put_pair(f, h->motto1, " / ", h->motto2);
	fputs("\n         ", f);
	put_pair(f, h->number, " | ", h->date);
	fputc('\n', f);
}

static void put_para(FILE *f, const struct doc_para *p)
{
	if (p->heading)
		fputs("# ", f);
	for (size_t i = 0; i < p->nruns; i++)
		put_text(f, p->runs[i].text);
	fputc('\n', f);
}

static void put_table(FILE *f, const struct doc_table *t)
{
	static const char *const mark[] = {"H ", "S ", "  ", "T "};
	fputs("[table]\n", f);
	for (size_t i = 0; i < t->nrows; i++) {
		const struct doc_row *r = &t->rows[i];
		fputs(r->kind >= 0 && r->kind < 4 ? mark[r->kind] : "  ", f);
		for (size_t j = 0; j < r->ncells; j++) {
			if (j)
				fputs(" | ", f);
			put_text(f, r->cells[j].text);
		}
		fputc('\n', f);
	}
}

static void put_chart(FILE *f, const struct doc_chart *c)
{
	fputs("[chart]", f);
	for (size_t s = 0; s < c->nseries; s++) {
		fputs(s ? " + " : " ", f);
		put_text(f, c->series[s]);
	}
	fputc('\n', f);
	for (size_t b = 0; b < c->nbars; b++) {
		size_t tot = 0;
		fputs("  ", f);
		put_text(f, c->labels[b]);
		fputs(":", f);
		for (size_t s = 0; s < c->nseries; s++) {
			size_t v = c->values[b * c->nseries + s];
			fprintf(f, "%s%zu", s ? " + " : " ", v);
			tot += v;
		}
		fprintf(f, " = %zu\n", tot);
	}
}

static void put_signature(FILE *f, const struct doc_signature *s)
{
	fputs("[signature] ", f);
	put_pair(f, s->recipients_title, " ", s->recipients);
	fputs(" | ", f);
	put_pair(f, s->signer, " / ", s->name);
	fputc('\n', f);
}

int doc_text_print(const struct doc *d, FILE *f)
{
	for (size_t i = 0; i < d->nblocks; i++) {
		const struct doc_block *b = &d->blocks[i];
		switch (b->kind) {
		case DOC_SECTION:
			put_section(f, &b->u.section);
			break;
		case DOC_HEADER:
			put_header(f, &b->u.header);
			break;
		case DOC_TITLE:
			fputs("[title] ", f);
			put_pair(f, b->u.title.type, " / ", b->u.title.subject);
			fputc('\n', f);
			break;
		case DOC_PARA:
			put_para(f, &b->u.para);
			break;
		case DOC_TABLE:
			put_table(f, &b->u.table);
			break;
		case DOC_CHART:
			put_chart(f, &b->u.chart);
			break;
		case DOC_SIGNATURE:
			put_signature(f, &b->u.sig);
			break;
		default:
			break;
		}
	}
	return ferror(f) ? -1 : 0;
}

int doc_text_write(const struct doc *d, const char *path)
{
	char *tmp = NULL;
	FILE *f = open_tmp(path, &tmp);
	if (!f)
		return -1;
	if (doc_text_print(d, f) != 0) {
		abort_tmp(f, tmp);
		return error("%s: không ghi được", path);
	}
	return commit_tmp(f, tmp, path);
}
