/* dh-merge - merges a validated month into the ledger and writes the month's
 * dataset.csv, van-de.csv, don-vi.csv and tep.csv.
 *
 * --check computes everything and prints a summary without changing the
 * ledger (read only when it exists); the output files still go to --outdir,
 * which the driver then points at a scratch folder.
 * Test hook: DH_MERGE_CRASH_AT=N in the environment makes the program kill
 * itself (SIGKILL) after N rows inserted inside the ledger transaction.
 */
#include "ledger.h"
#include "merge.h"
#include "plan.h"
#include "util.h"

#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#define USAGE                                                                                      \
	"cách dùng: dh-merge --month YYYY-MM [--plan DIR] --ledger DB --records IN.csv "         \
	"--files IN.csv --problems IN.csv [--problems IN.csv...] [--decisions FILE] "              \
	"--outdir DIR [--check]"

static int valid_month(const char *s)
{
	return strlen(s) == 7 && s[0] >= '0' && s[0] <= '9' && s[1] >= '0' && s[1] <= '9' &&
	       s[2] >= '0' && s[2] <= '9' && s[3] >= '0' && s[3] <= '9' && s[4] == '-' &&
	       ((s[5] == '0' && s[6] >= '1' && s[6] <= '9') ||
		(s[5] == '1' && s[6] >= '0' && s[6] <= '2'));
}

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
	if (!valid_month(month))
		die("tháng không hợp lệ: '%s' (cần dạng YYYY-MM)", month);
	long crash_at = crash_hook();

	struct plan plan;
	if (plan_load(&plan, plan_dir) != 0)
		die("không đọc được Kế hoạch trong %s", plan_dir);
	struct merge_month m;
	merge_month_init(&m, month);
	/* the month's records and problems in a temporary database, not in
	 * memory: peak RSS does not grow with the month */
	if (merge_month_stage(&m) != 0)
		die("không tạo được cơ sở dữ liệu tạm cho tháng %s", month);
	if (merge_read_records(&m, records) != 0 || merge_read_files(&m, files) != 0)
		die("không đọc được dữ liệu đầu vào của tháng %s", month);
	for (size_t i = 0; i < nproblems; i++)
		if (merge_read_problems(&m, problems[i]) != 0)
			die("không đọc được %s", problems[i]);
	if (decisions && merge_read_decisions(&m, decisions) != 0)
		die("không đọc được tệp quyết định %s", decisions);

	struct ledger lg;
	struct stat st;
	int have_ledger = 1;
	if (check) {
		have_ledger = stat(ledger_path, &st) == 0;
		if (have_ledger && ledger_open(&lg, ledger_path, LEDGER_READ) != 0)
			die("không mở được sổ cái %s", ledger_path);
	} else if (ledger_open(&lg, ledger_path, LEDGER_WRITE) != 0) {
		die("không mở được sổ cái %s", ledger_path);
	}
	if (merge_compute(&m, &plan, have_ledger ? &lg : NULL) != 0)
		die("không hợp nhất được tháng %s", month);
	if (!check) {
		char run_time[32];
		time_t now = time(NULL);
		struct tm tm;
		gmtime_r(&now, &tm);
		strftime(run_time, sizeof run_time, "%Y-%m-%dT%H:%M:%SZ", &tm);
		if (ledger_store_month(&lg, &m, run_time, crash_at) != 0)
			die("không ghi được tháng %s vào sổ cái %s", month, ledger_path);
	}
	if (have_ledger)
		ledger_close(&lg);
	if (mkdir_p(outdir) != 0 || merge_write_outputs(&m, outdir) != 0)
		die("không ghi được kết quả vào %s", outdir);
	if (check)
		merge_print_summary(&m, stdout);
	merge_month_release(&m);
	plan_release(&plan);
	free(problems);
	return 0;
}
