/* office.c - the office documents of a month, written beside its PDFs. */
#include "office.h"

#include "xlsx_out.h"

int office_run(const struct render_opts *o)
{
	if (o->period)
		return 0;
	struct render_ctx c;
	render_ctx_init(&c, o);
	int rc = render_ctx_load(&c);
	if (rc == 0)
		rc = xlsx_write_month(o->dir, o->templates, c.year, c.month, c.han_nop + 1);
	render_ctx_release(&c);
	return rc;
}
