/* dh-render.c - renders danh-sach.pdf and bao-cao.pdf of a month (or the period report) from the
 * merge stage's CSV files. */
#include "office.h"
#include "render.h"
#include "util.h"

#include <errno.h>
#include <malloc.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

static void usage(void)
{
	fprintf(
	    stderr,
	    "usage: dh-render --month YYYY-MM [--plan DIR] [--templates DIR] [--jobs N] --dir DIR\n"
	    "       dh-render --period YYYY-MM_YYYY-MM [--plan DIR] [--templates DIR] [--jobs N] "
	    "--dir DIR\n");
	exit(2);
}

/* The PDFs (render_run) and the Word, Excel and feedback documents
 * (office_run): with jobs > 1 the office documents are written by a child
 * process while this one draws the PDFs.  The two write disjoint files from
 * the same inputs, so the bytes are those of a serial run. */
static void render_all(const struct render_opts *o, long jobs)
{
	pid_t pid = -1;
	int st = 0, office_rc = 0;

	if (jobs > 1) {
		fflush(NULL);
		pid = fork(); /* on failure: serial */
		if (pid == 0) {
			int rc = office_run(o);
			fflush(NULL);
			_exit(rc == 0 ? 0 : 1);
		}
	}
	if (render_run(o) != 0) {
		if (pid > 0)
			waitpid(pid, &st, 0);
		die("không tạo được tệp PDF trong %s", o->dir);
	}
	if (pid > 0) {
		while (waitpid(pid, &st, 0) < 0 && errno == EINTR)
			;
		office_rc = WIFEXITED(st) && WEXITSTATUS(st) == 0 ? 0 : -1;
	} else {
		office_rc = office_run(o);
	}
	if (office_rc != 0)
		die("không tạo được tệp Word, Excel trong %s", o->dir);
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
	render_all(&o, jobs);
	return 0;
}
