/* bench/measure.c - runs a command and appends one line to a file:
 *   LABEL wall_s user_s sys_s maxrss_kb exit_code
 * where the figures are those of the command and all the descendants it
 * waited for (wait4).  A small C launcher, because Linux keeps the peak RSS
 * of a process across exec: a command forked from the Python of bench/run
 * would report Python's memory as its own.
 *
 * Usage: measure -o FILE [-l LABEL] -- COMMAND [ARGS...]
 * Exits with the command's status (128+signal when killed).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static double tv(struct timeval t)
{
	return (double)t.tv_sec + (double)t.tv_usec / 1e6;
}

int main(int argc, char **argv)
{
	const char *out = NULL, *label = NULL;
	int i = 1;
	for (; i < argc; i++) {
		if (strcmp(argv[i], "-o") == 0 && i + 1 < argc)
			out = argv[++i];
		else if (strcmp(argv[i], "-l") == 0 && i + 1 < argc)
			label = argv[++i];
		else if (strcmp(argv[i], "--") == 0) {
			i++;
			break;
		} else
			break;
	}
	if (!out || i >= argc) {
		fprintf(stderr, "usage: measure -o FILE [-l LABEL] -- COMMAND [ARGS...]\n");
		return 2;
	}
	if (!label) {
		const char *s = strrchr(argv[i], '/');
		label = s ? s + 1 : argv[i];
	}
	struct timespec t0, t1;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	pid_t pid = fork();
	if (pid < 0) {
		perror("measure: fork");
		return 1;
	}
	if (pid == 0) {
		execvp(argv[i], argv + i);
		fprintf(stderr, "measure: %s: %s\n", argv[i], strerror(errno));
		_exit(127);
	}
	int status;
	struct rusage ru;
	while (wait4(pid, &status, 0, &ru) < 0) {
		if (errno != EINTR) {
			perror("measure: wait4");
			return 1;
		}
	}
	clock_gettime(CLOCK_MONOTONIC, &t1);
	int code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
	double wall = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
	FILE *f = fopen(out, "a");
	if (!f) {
		fprintf(stderr, "measure: %s: %s\n", out, strerror(errno));
		return code ? code : 1;
	}
	fprintf(f, "%s %.4f %.4f %.4f %ld %d\n", label, wall, tv(ru.ru_utime), tv(ru.ru_stime), ru.ru_maxrss,
		code);
	fclose(f);
	return code;
}
