/* dh-log - the problems of a month (van-de.csv) as run.log lines, in the
 * form the man page gives for every diagnostic:
 *     van-de: nguon:vi_tri: muc_do: thong_diep (ma)
 * (a unit-level problem has no nguon: "van-de: muc_do: ...").  The driver
 * appends them to run.log after the stages' own messages, so that run.log
 * holds every diagnostic of the run.
 *
 *   dh-log VAN-DE.CSV
 */
#include "csvio.h"
#include "util.h"

#include <stdio.h>

enum { P_NGUON, P_VI_TRI, P_MA, P_MUC_DO, P_THONG_DIEP, P_N };

/* One line per problem: line breaks inside a value become spaces. */
static void one_line(char *s)
{
	for (; *s; s++)
		if (*s == '\n' || *s == '\r')
			*s = ' ';
}

static int on_problem(void *ctx, char **v, size_t row)
{
	(void)ctx;
	(void)row;
	for (int i = 0; i < P_N; i++)
		one_line(v[i]);
	if (v[P_NGUON][0])
		printf("van-de: %s%s%s: ", v[P_NGUON], v[P_VI_TRI][0] ? ":" : "", v[P_VI_TRI]);
	else
		printf("van-de: ");
	printf("%s: %s (%s)\n", v[P_MUC_DO], v[P_THONG_DIEP], v[P_MA]);
	return 0;
}

int main(int argc, char **argv)
{
	dh_progname = "log";
	static const char *const cols[P_N] = {"nguon", "vi_tri", "ma", "muc_do", "thong_diep"};
	if (argc != 2 || argv[1][0] == '-')
		die("cách dùng: dh-log VAN-DE.CSV");
	if (csv_read_named(argv[1], cols, P_N, on_problem, NULL) != 0)
		die("không đọc được %s", argv[1]);
	return fflush(stdout) != 0 || ferror(stdout) ? 1 : 0;
}
