/* dh-render.c - renders a month's documents (danh-sach, bao-cao as PDF and DOCX, tong-hop.xlsx,
 * the letters) or the period report from the merge stage's CSV files. */
#include "render.h"
#include "util.h"

#include <malloc.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void usage(void)
{
	fprintf(
	    stderr,
	    "usage: dh-render --month YYYY-MM [--plan DIR] [--templates DIR] [--jobs N] --dir DIR\n"
	    "       dh-render --period YYYY-MM_YYYY-MM [--plan DIR] [--templates DIR] [--jobs N] "
	    "--dir DIR\n");
	exit(2);
}

int main(int argc, char **argv)
{
	struct render_opts o = {0};
	long jobs = 1;
	dh_progname = "render";
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		if (strcmp(a, "--jobs") == 0 && i + 1 < argc) {
			char *end;
			jobs = strtol(argv[++i], &end, 10);
			if (*end || jobs < 1 || jobs > 256)
				usage();
			continue;
		}
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
	if (render_run(&o, jobs) != 0)
		die("không tạo được văn bản (PDF, Word, Excel) trong %s", o.dir);
	return 0;
}
