/* dh-render.c - renders danh-sach.pdf and bao-cao.pdf of a month (or the period report) from the
 * merge stage's CSV files. */
#include "office.h"
#include "render.h"
#include "util.h"

#include <malloc.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void usage(void)
{
	fprintf(stderr,
		"usage: dh-render --month YYYY-MM [--plan DIR] [--templates DIR] --dir DIR\n"
		"       dh-render --period YYYY-MM_YYYY-MM [--plan DIR] [--templates DIR] "
		"--dir DIR\n");
	exit(2);
}

int main(int argc, char **argv)
{
	struct render_opts o = {0};
	dh_progname = "render";
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		const char **dst = strcmp(a, "--month") == 0	   ? &o.month
				   : strcmp(a, "--period") == 0	   ? &o.period
				   : strcmp(a, "--plan") == 0	   ? &o.plan_dir
				   : strcmp(a, "--templates") == 0 ? &o.templates
				   : strcmp(a, "--dir") == 0	   ? &o.dir
								   : NULL;
		if (!dst || i + 1 >= argc)
			usage();
		*dst = argv[++i];
	}
	if (!o.dir || (!o.month == !o.period))
		usage();
	/* Every finished page is deflated at once (pdf.c); without this, glibc
	 * gives zlib's ~270 KB of state back to the kernel after each page and
	 * faults it in again for the next one. */
	mallopt(M_TRIM_THRESHOLD, 64 << 20);
	if (render_run(&o) != 0)
		die("không tạo được tệp PDF trong %s", o.dir);
	if (office_run(&o) != 0)
		die("không tạo được tệp Word, Excel trong %s", o.dir);
	return 0;
}
