/* render.c - the render stage's run: loads the context once, then writes the documents (the
 * parts of the run) serially or spread over several processes. */
#include "render.h"

#include "office.h"
#include "util.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

int render_part(struct render_ctx *c, int part)
{
	const char *dir = c->opts->dir;
	const char *name = part == RP_ROSTER_PDF ? "danh-sach" : "bao-cao";
	char *pdf = xasprintf("%s/%s.pdf", dir, name);
	char *txt = xasprintf("%s/.work/%s.txt", dir, name);
	int rc;
	if (c->opts->period)
		rc = part == RP_REPORT_PDF ? period_pdf_write(c, pdf, txt) : 0;
	else if (part == RP_ROSTER_PDF)
		rc = roster_pdf_write(c, pdf, txt);
	else
		rc = report_pdf_write(c, pdf, txt);
	free(pdf);
	free(txt);
	return rc;
}

static const char *const part_names[RP_NPARTS] = {
    "danh-sach.pdf", "bao-cao.pdf", "danh-sach.docx", "bao-cao.docx", "tong-hop.xlsx", "letters"};

/* Relative cost of each part (CPU, a month of 20,000 nominations: the
 * roster PDF about 1 s, mostly libharu laying out and writing some 500
 * pages; tong-hop.xlsx 0.6 s; danh-sach.docx 0.35 s): what the parts are
 * spread over the processes by.  With two processes: the PDFs in one, the
 * Word and Excel documents and the letters in the other. */
static const int part_cost[RP_NPARTS] = {100, 5, 35, 1, 60, 4};

static int run_part(struct render_ctx *c, int part)
{
	int rc = part <= RP_REPORT_PDF ? render_part(c, part) : office_part(c, part);
	char what[48];
	snprintf(what, sizeof(what), "render: %s", part_names[part]);
	step_time(what);
	return rc;
}

/* Runs the parts whose bit is set in mask, in the serial order; with
 * DH_TIMING set, says which parts this process ran and its peak RSS.
 * Returns 0 or -1 (reported). */
static int run_parts(struct render_ctx *c, unsigned mask)
{
	int rc = 0;
	for (int p = 0; p < RP_NPARTS && rc == 0; p++)
		if ((mask & (1u << p)) && run_part(c, p) != 0)
			rc = -1;
	struct rusage ru;
	if (getenv("DH_TIMING") && getrusage(RUSAGE_SELF, &ru) == 0) {
		fprintf(stderr, "dh-timing: render: process %ld:", (long)getpid());
		for (int p = 0; p < RP_NPARTS; p++)
			if (mask & (1u << p))
				fprintf(stderr, " %s", part_names[p]);
		fprintf(stderr, "; peak RSS %ld KB\n", ru.ru_maxrss);
	}
	return rc;
}

/* Spreads the parts over at most jobs groups, the costliest part first
 * into the least loaded group (a group runs its parts in the serial order,
 * so every file gets the bytes of a serial run).  Returns the number of
 * groups; masks[g] holds group g's parts. */
static int plan_groups(long jobs, unsigned masks[RP_NPARTS])
{
	int n = jobs < RP_NPARTS ? (int)jobs : RP_NPARTS;
	int load[RP_NPARTS] = {0};
	int done[RP_NPARTS] = {0};
	for (int g = 0; g < RP_NPARTS; g++)
		masks[g] = 0;
	for (int k = 0; k < RP_NPARTS; k++) {
		int best = -1;
		for (int p = 0; p < RP_NPARTS; p++)
			if (!done[p] && (best < 0 || part_cost[p] > part_cost[best]))
				best = p;
		done[best] = 1;
		int g = 0;
		for (int i = 1; i < n; i++)
			if (load[i] < load[g])
				g = i;
		load[g] += part_cost[best];
		masks[g] |= 1u << best;
	}
	return n;
}

int render_run(const struct render_opts *o, long jobs)
{
	struct render_ctx c;
	int rc = -1;
	char *work = xasprintf("%s/.work", o->dir);
	render_ctx_init(&c, o);
	if (render_ctx_load(&c) != 0 || mkdir_p(work) != 0)
		goto out;
	step_time("render: load");
	unsigned masks[RP_NPARTS];
	int ngroups = jobs > 1 ? plan_groups(jobs, masks) : 1;
	if (ngroups <= 1) {
		rc = run_parts(&c, ~0u);
		goto out;
	}
	/* Children inherit the loaded context; this process runs group 0.  A
	 * failed fork leaves its group to this process. */
	pid_t pids[RP_NPARTS];
	unsigned mine = masks[0];
	fflush(NULL);
	for (int g = 1; g < ngroups; g++) {
		pids[g] = masks[g] ? fork() : -1;
		if (pids[g] == 0) {
			int crc = run_parts(&c, masks[g]);
			fflush(NULL);
			_exit(crc == 0 ? 0 : 1);
		}
		if (pids[g] < 0)
			mine |= masks[g];
	}
	rc = run_parts(&c, mine);
	for (int g = 1; g < ngroups; g++) {
		if (pids[g] <= 0)
			continue;
		int st = 0;
		while (waitpid(pids[g], &st, 0) < 0 && errno == EINTR)
			;
		if (!WIFEXITED(st) || WEXITSTATUS(st) != 0)
			rc = -1;
	}
out:
	render_ctx_release(&c);
	free(work);
	return rc;
}
