/* dh-validate - applies the plan's rules to the month's records and files. */
#include "plan.h"
#include "util.h"
#include "validate.h"

#include <getopt.h>
#include <stdlib.h>

#define USAGE                                                                                      \
	"cách dùng: dh-validate --month YYYY-MM [--plan DIR] --records IN.csv --files IN.csv "   \
	"--out OUT.csv --files-out OUT.csv --problems OUT.csv [--verbose]"

int main(int argc, char **argv)
{
	dh_progname = "validate";
	const char *month = NULL, *plan_dir = "templates/plan", *records = NULL, *files = NULL,
		   *out = NULL, *files_out = NULL, *problems = NULL;
	int verbose = 0;
	static const struct option opts[] = {{"month", required_argument, NULL, 'm'},
					     {"plan", required_argument, NULL, 'p'},
					     {"records", required_argument, NULL, 'r'},
					     {"files", required_argument, NULL, 'f'},
					     {"out", required_argument, NULL, 'o'},
					     {"files-out", required_argument, NULL, 'F'},
					     {"problems", required_argument, NULL, 'P'},
					     {"verbose", no_argument, NULL, 'v'},
					     {NULL, 0, NULL, 0}};
	int o;
	while ((o = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (o) {
		case 'm':
			month = optarg;
			break;
		case 'p':
			plan_dir = optarg;
			break;
		case 'r':
			records = optarg;
			break;
		case 'f':
			files = optarg;
			break;
		case 'o':
			out = optarg;
			break;
		case 'F':
			files_out = optarg;
			break;
		case 'P':
			problems = optarg;
			break;
		case 'v':
			verbose = 1;
			break;
		default:
			die(USAGE);
		}
	}
	if (!month || !records || !files || !out || !files_out || !problems || optind != argc)
		die(USAGE);
	struct plan plan;
	if (plan_load(&plan, plan_dir) != 0)
		die("không đọc được kế hoạch trong %s", plan_dir);
	int rc = validate_run(&plan, month, records, files, out, files_out, problems, verbose);
	plan_release(&plan);
	if (rc != 0)
		die("không hoàn thành bước kiểm tra");
	return 0;
}
