/* dh-ingest - reads the month's submission files into records.csv, files.csv
 * and problems.csv. */
#include "ingest.h"
#include "nominee.h"
#include "plan.h"
#include "util.h"

#include <getopt.h>
#include <stdlib.h>
#include <string.h>

static const char usage[] =
    "cách dùng: dh-ingest --input DIR --month YYYY-MM [--plan DIR] "
    "[--jobs N] --records OUT.csv --files OUT.csv --problems OUT.csv\n"
    "       dh-ingest --check-plan [--plan DIR]   (exit 3 when the plan is unusable)";

int main(int argc, char **argv)
{
	dh_progname = "ingest";
	struct ingest_run_opts o = {NULL, NULL, NULL, 1, NULL, NULL, NULL};
	const char *plan_dir = "templates/plan";
	static const struct option opts[] = {{"input", required_argument, NULL, 'i'},
					     {"month", required_argument, NULL, 'm'},
					     {"plan", required_argument, NULL, 'p'},
					     {"jobs", required_argument, NULL, 'j'},
					     {"records", required_argument, NULL, 'r'},
					     {"files", required_argument, NULL, 'f'},
					     {"problems", required_argument, NULL, 'q'},
					     {"check-plan", no_argument, NULL, 'c'},
					     {NULL, 0, NULL, 0}};
	int check_plan = 0;
	int c;
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (c) {
		case 'i':
			o.input = optarg;
			break;
		case 'm':
			o.month = optarg;
			break;
		case 'p':
			plan_dir = optarg;
			break;
		case 'j':
			/* capped, never refused: the memory budget is shared */
			o.jobs = atoi(optarg);
			if (o.jobs < 1)
				o.jobs = 1;
			if (o.jobs > INGEST_MAX_JOBS)
				o.jobs = INGEST_MAX_JOBS;
			break;
		case 'c':
			check_plan = 1;
			break;
		case 'r':
			o.records = optarg;
			break;
		case 'f':
			o.files = optarg;
			break;
		case 'q':
			o.problems = optarg;
			break;
		default:
			die("%s", usage);
		}
	}
	if (check_plan && optind == argc) {
		struct plan plan;
		if (plan_load(&plan, plan_dir) != 0)
			return 3;
		plan_release(&plan);
		return 0;
	}
	if (optind != argc || !o.input || !o.month || !o.records || !o.files || !o.problems)
		die("%s", usage);
	if (month_parse(o.month, NULL, NULL) != 0)
		die("tháng không hợp lệ: %s (cần dạng YYYY-MM)", o.month);
	struct plan plan;
	if (plan_load(&plan, plan_dir) != 0)
		die("không đọc được kế hoạch trong %s", plan_dir);
	o.plan = &plan;
	int rc = ingest_run(&o);
	plan_release(&plan);
	return rc != 0 ? 2 : 0; /* the reason is already on stderr */
}
