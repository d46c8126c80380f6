/* dh-summary - prints the one-screen summary of a month's output folder
 * (merge_summary(); --check: the scratch folder of a checking run). */
#include "merge.h"
#include "nominee.h"
#include "util.h"

#include <getopt.h>
#include <stdio.h>

#define USAGE "cách dùng: dh-summary --month YYYY-MM --dir DIR [--check]"

int main(int argc, char **argv)
{
	dh_progname = "summary";
	const char *month = NULL, *dir = NULL;
	int check = 0;
	static const struct option opts[] = {{"month", required_argument, NULL, 'm'},
					     {"dir", required_argument, NULL, 'd'},
					     {"check", no_argument, NULL, 'c'},
					     {NULL, 0, NULL, 0}};
	int o;
	while ((o = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (o) {
		case 'm':
			month = optarg;
			break;
		case 'd':
			dir = optarg;
			break;
		case 'c':
			check = 1;
			break;
		default:
			die(USAGE);
		}
	}
	if (!dir || !month || optind != argc)
		die(USAGE);
	if (month_parse(month, NULL, NULL) != 0)
		die("tháng không hợp lệ: '%s' (cần dạng YYYY-MM)", month);
	if (merge_summary(dir, month, check, stdout) != 0)
		die("không đọc được kết quả trong %s", dir);
	return 0;
}
