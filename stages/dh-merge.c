/* dh-merge - merges a validated month into the ledger and writes the month's
 * dataset.csv, van-de.csv, don-vi.csv and tep.csv.
 *
 * --check computes everything without changing the ledger (read only when
 * it exists); the output files still go to --outdir, which the driver then
 * points at a scratch folder and summarises with dh-summary --check.
 * Test hook: DH_MERGE_CRASH_AT=N in the environment makes the program kill
 * itself (SIGKILL) after N rows inserted inside the ledger transaction.
 */
#include "merge.h"
#include "nominee.h"
#include "plan.h"
#include "util.h"

#include <getopt.h>
#include <sqlite3.h>
#include <stdlib.h>

#define USAGE                                                                                      \
	"cách dùng: dh-merge --month YYYY-MM [--plan DIR] --ledger DB --records IN.csv "         \
	"--files IN.csv --problems IN.csv [--problems IN.csv...] [--decisions FILE] "              \
	"--outdir DIR [--check]"

static long crash_hook(void)
{
	const char *s = getenv("DH_MERGE_CRASH_AT");
	if (!s || !*s)
		return -1;
	char *end;
	long n = strtol(s, &end, 10);
	if (*end || n < 0)
		die("DH_MERGE_CRASH_AT phải là số nguyên không âm");
	return n;
}

int main(int argc, char **argv)
{
	dh_progname = "merge";
	/* no allocation statistics: they take a global mutex on every SQLite
	 * malloc (before any other SQLite call, or it has no effect) */
	sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
	const char *month = NULL, *plan_dir = "templates/plan", *ledger_path = NULL;
	const char *records = NULL, *files = NULL, *decisions = NULL, *outdir = NULL;
	const char **problems = xcalloc((size_t)argc + 1, sizeof *problems);
	size_t nproblems = 0;
	int check = 0;
	static const struct option opts[] = {
	    {"month", required_argument, NULL, 'm'},	 {"plan", required_argument, NULL, 'p'},
	    {"ledger", required_argument, NULL, 'l'},	 {"records", required_argument, NULL, 'r'},
	    {"files", required_argument, NULL, 'f'},	 {"problems", required_argument, NULL, 'P'},
	    {"decisions", required_argument, NULL, 'd'}, {"outdir", required_argument, NULL, 'o'},
	    {"check", no_argument, NULL, 'c'},		 {NULL, 0, NULL, 0}};
	int o;
	while ((o = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (o) {
		case 'm':
			month = optarg;
			break;
		case 'p':
			plan_dir = optarg;
			break;
		case 'l':
			ledger_path = optarg;
			break;
		case 'r':
			records = optarg;
			break;
		case 'f':
			files = optarg;
			break;
		case 'P':
			problems[nproblems++] = optarg;
			break;
		case 'd':
			decisions = optarg;
			break;
		case 'o':
			outdir = optarg;
			break;
		case 'c':
			check = 1;
			break;
		default:
			die(USAGE);
		}
	}
	if (optind != argc || !month || !ledger_path || !records || !files || !outdir)
		die(USAGE);
	if (month_parse(month, NULL, NULL) != 0)
		die("tháng không hợp lệ: '%s' (cần dạng YYYY-MM)", month);
	struct merge_opts mo = {month,	ledger_path, records,	files, decisions,
				outdir, problems,    nproblems, check, crash_hook()};
	struct plan plan;
	if (plan_load(&plan, plan_dir) != 0)
		die("không đọc được Kế hoạch trong %s", plan_dir);
	if (merge_run(&plan, &mo) != 0)
		die("không hợp nhất được tháng %s", month);
	plan_release(&plan);
	free(problems);
	return 0;
}
