/* enospc_shim.c - LD_PRELOAD library for the fault tests: writes to regular
 * files fail with ENOSPC once a process has written DH_FAIL_AFTER bytes to
 * them, in the programs named in DH_FAIL_PROGS (comma-separated short names,
 * e.g. "dh-render"; all when unset).  Built by tests/sh/fault_disk.sh. */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/uio.h>
#include <unistd.h>

extern char *program_invocation_short_name;

static long long budget = -1; /* bytes left; -1: not active */
static int inited;

static void init(void)
{
	if (inited)
		return;
	inited = 1;
	const char *after = getenv("DH_FAIL_AFTER"), *progs = getenv("DH_FAIL_PROGS");
	if (!after)
		return;
	if (progs && *progs) {
		size_t n = strlen(program_invocation_short_name);
		const char *p = progs;
		int hit = 0;
		while (*p) {
			const char *e = strchr(p, ',');
			size_t l = e ? (size_t)(e - p) : strlen(p);
			if (l == n && strncmp(p, program_invocation_short_name, n) == 0)
				hit = 1;
			p += l + (e ? 1 : 0);
		}
		if (!hit)
			return;
	}
	budget = atoll(after);
}

/* 1 when a write of n bytes to fd must fail; takes them from the budget. */
static int must_fail(int fd, size_t n)
{
	init();
	struct stat st;
	if (budget < 0 || fd <= 2 || fstat(fd, &st) != 0 || !S_ISREG(st.st_mode))
		return 0;
	if ((long long)n > budget) {
		budget = 0;
		errno = ENOSPC;
		return 1;
	}
	budget -= (long long)n;
	return 0;
}

#define REAL(name, type) ((type)dlsym(RTLD_NEXT, name))

ssize_t write(int fd, const void *b, size_t n)
{
	if (must_fail(fd, n))
		return -1;
	return REAL("write", ssize_t (*)(int, const void *, size_t))(fd, b, n);
}

ssize_t pwrite(int fd, const void *b, size_t n, off_t off)
{
	if (must_fail(fd, n))
		return -1;
	return REAL("pwrite", ssize_t (*)(int, const void *, size_t, off_t))(fd, b, n, off);
}

ssize_t pwrite64(int fd, const void *b, size_t n, off_t off)
{
	if (must_fail(fd, n))
		return -1;
	return REAL("pwrite64", ssize_t (*)(int, const void *, size_t, off_t))(fd, b, n, off);
}

ssize_t writev(int fd, const struct iovec *iov, int cnt)
{
	size_t n = 0;
	for (int i = 0; i < cnt; i++)
		n += iov[i].iov_len;
	if (must_fail(fd, n))
		return -1;
	return REAL("writev", ssize_t (*)(int, const struct iovec *, int))(fd, iov, cnt);
}
