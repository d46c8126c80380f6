/* render.c - the render stage's run: loads the context once, builds each document and writes it
 * as PDF, with its text dump in the folder's .work/. */
#include "render.h"

#include "util.h"

#include <stdlib.h>

int render_run(const struct render_opts *o)
{
	struct render_ctx c;
	int rc = -1;
	char *work = xasprintf("%s/.work", o->dir);
	char *ds = xasprintf("%s/danh-sach.pdf", o->dir);
	char *bc = xasprintf("%s/bao-cao.pdf", o->dir);
	char *dst = xasprintf("%s/danh-sach.txt", work);
	char *bct = xasprintf("%s/bao-cao.txt", work);
	render_ctx_init(&c, o);
	if (render_ctx_load(&c) != 0 || mkdir_p(work) != 0)
		goto out;
	step_time("render: load");
	if (o->period)
		rc = period_pdf_write(&c, bc, bct);
	else {
		rc = roster_pdf_write(&c, ds, dst);
		step_time("render: danh-sach.pdf");
		if (rc == 0)
			rc = report_pdf_write(&c, bc, bct);
		step_time("render: bao-cao.pdf");
	}
out:
	render_ctx_release(&c);
	free(work);
	free(ds);
	free(bc);
	free(dst);
	free(bct);
	return rc;
}
