/* office.c - the office documents of a month (or a period), written beside its PDFs. */
#include "office.h"

#include "doc_docx.h"
#include "letters.h"
#include "util.h"
#include "xlsx_out.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* "ngày 21 tháng" -> "ngày      tháng" in s (malloc'd result, or NULL
 * when s has no such phrase). */
static char *blank_day_in(const char *s)
{
	const char *p = strstr(s, "ngày ");
	while (p) {
		const char *q = p + strlen("ngày ");
		size_t nd = strspn(q, "0123456789");
		if (nd >= 1 && nd <= 2 && strncmp(q + nd, " tháng", strlen(" tháng")) == 0)
			return xasprintf("%.*sngày      %s", (int)(p - s), s, q + nd + 1);
		p = strstr(q, "ngày ");
	}
	return NULL;
}

void office_blank_day(struct doc *d)
{
	for (size_t i = 0; i < d->nblocks; i++) {
		if (d->blocks[i].kind != DOC_PARA)
			continue;
		struct doc_para *p = &d->blocks[i].u.para;
		for (size_t r = 0; r < p->nruns; r++) {
			if (!strstr(p->runs[r].text, "Kèm theo"))
				continue;
			char *b = blank_day_in(p->runs[r].text);
			if (b) {
				free(p->runs[r].text);
				p->runs[r].text = b;
			}
		}
	}
}

typedef void (*doc_builder)(struct render_ctx *c, struct doc *d);

static int write_docx(struct render_ctx *c, doc_builder build, const char *name)
{
	struct doc d;
	build(c, &d);
	office_blank_day(&d);
	char *path = xasprintf("%s/%s", c->opts->dir, name);
	int rc = doc_docx_write(&d, path);
	free(path);
	doc_release(&d);
	return rc;
}

/* thu.conf (the letters' texts) over van-ban.conf, as every office part
 * has read it. */
static int office_templates(struct render_ctx *c)
{
	if (c->office_tpl)
		return 0;
	c->office_tpl = 1;
	char *thu = xasprintf("%s/thu.conf", rd_templates_dir(c->opts));
	int rc = access(thu, F_OK) == 0 ? conf_load(&c->tpl, thu) : 0;
	free(thu);
	return rc;
}

int office_part(struct render_ctx *c, int part)
{
	const struct render_opts *o = c->opts;
	if (office_templates(c) != 0)
		return -1;
	if (o->period)
		return part == RP_REPORT_DOCX ? write_docx(c, period_doc_build, "bao-cao.docx") : 0;
	switch (part) {
	case RP_ROSTER_DOCX:
		return write_docx(c, roster_doc_build, "danh-sach.docx");
	case RP_REPORT_DOCX:
		return write_docx(c, report_doc_build, "bao-cao.docx");
	case RP_XLSX:
		return xlsx_write_month(o->dir, rd_templates_dir(o), c->year, c->month,
					c->han_nop + 1);
	case RP_LETTERS:
		return letters_write(c);
	default:
		return 0;
	}
}
