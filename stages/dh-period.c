/* dh-period - writes the multi-month files of a review period (dataset.csv,
 * tuan-thu.csv, guong-tieu-bieu.csv) from the ledger; see period.h. */
#include "ledger.h"
#include "period.h"
#include "plan.h"
#include "util.h"

#include <getopt.h>
#include <stdlib.h>

#define USAGE                                                                                      \
	"cách dùng: dh-period --ledger DB --from YYYY-MM --to YYYY-MM [--plan DIR] --outdir DIR"

int main(int argc, char **argv)
{
	dh_progname = "period";
	const char *ledger_path = NULL, *from = NULL, *to = NULL, *plan_dir = NULL, *outdir = NULL;
	static const struct option opts[] = {
	    {"ledger", required_argument, NULL, 'l'}, {"from", required_argument, NULL, 'f'},
	    {"to", required_argument, NULL, 't'},     {"plan", required_argument, NULL, 'p'},
	    {"outdir", required_argument, NULL, 'o'}, {NULL, 0, NULL, 0}};
	int o;
	while ((o = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (o) {
		case 'l':
			ledger_path = optarg;
			break;
		case 'f':
			from = optarg;
			break;
		case 't':
			to = optarg;
			break;
		case 'p':
			plan_dir = optarg;
			break;
		case 'o':
			outdir = optarg;
			break;
		default:
			die(USAGE);
		}
	}
	if (optind != argc || !ledger_path || !from || !to || !outdir)
		die(USAGE);
	char **months;
	size_t nmonths;
	if (period_months(from, to, &months, &nmonths) != 0)
		die(USAGE);
	ledger_free_list(months, nmonths);

	struct plan plan;
	if (plan_dir && plan_load(&plan, plan_dir) != 0)
		die("không đọc được Kế hoạch trong %s", plan_dir);
	struct ledger lg;
	if (ledger_open(&lg, ledger_path, LEDGER_READ) != 0)
		die("không mở được sổ cái %s", ledger_path);
	if (period_run(&lg, from, to, plan_dir ? &plan : NULL, outdir) != 0)
		die("không lập được số liệu từ %s đến %s", from, to);
	ledger_close(&lg);
	if (plan_dir)
		plan_release(&plan);
	return 0;
}
