/* util.c - allocation, diagnostics, atomic file writes. */
#include "util.h"

#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

const char *dh_progname = "dien-hinh";

static _Noreturn void oom(size_t n)
{
	fprintf(stderr, "%s: hết bộ nhớ (cần %zu byte)\n", dh_progname, n);
	abort();
}

void *xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);
	if (!p)
		oom(n);
	return p;
}

void *xcalloc(size_t n, size_t size)
{
	void *p = calloc(n ? n : 1, size ? size : 1);
	if (!p)
		oom(n * size);
	return p;
}

void *xrealloc(void *p, size_t n)
{
	void *q = realloc(p, n ? n : 1);
	if (!q)
		oom(n);
	return q;
}

char *xstrdup(const char *s)
{
	return xstrndup(s, strlen(s));
}

char *xstrndup(const char *s, size_t n)
{
	char *p = xmalloc(n + 1);
	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

void xgrow(void **arr, size_t *cap, size_t need, size_t elem)
{
	if (need <= *cap)
		return;
	size_t c = *cap ? *cap : 8;
	while (c < need)
		c *= 2;
	*arr = xrealloc(*arr, c * elem);
	*cap = c;
}

static void vreport(const char *level, const char *fmt, va_list ap)
{
	if (level)
		fprintf(stderr, "%s: %s: ", dh_progname, level);
	else
		fprintf(stderr, "%s: ", dh_progname);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
}

int error(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vreport("lỗi", fmt, ap);
	va_end(ap);
	return -1;
}

void warning(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vreport("cảnh báo", fmt, ap);
	va_end(ap);
}

void die(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vreport(NULL, fmt, ap);
	va_end(ap);
	exit(2);
}

int read_file(const char *path, size_t max, char **data, size_t *len)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return -1;
	size_t cap = 0, n = 0;
	char *buf = NULL;
	for (;;) {
		XGROW(buf, cap, n + 65536 + 1);
		size_t r = fread(buf + n, 1, cap - n - 1, f);
		n += r;
		if (n > max) {
			free(buf);
			fclose(f);
			errno = EFBIG;
			return -1;
		}
		if (r == 0)
			break;
	}
	int err = ferror(f);
	fclose(f);
	if (err) {
		free(buf);
		errno = EIO;
		return -1;
	}
	buf[n] = '\0';
	*data = buf;
	*len = n;
	return 0;
}

FILE *open_tmp(const char *path, char **tmp_path)
{
	*tmp_path = xasprintf("%s.tmp.%ld", path, (long)getpid());
	FILE *f = fopen(*tmp_path, "wb");
	if (!f) {
		error("không tạo được tệp %s: %s", *tmp_path, strerror(errno));
		free(*tmp_path);
		*tmp_path = NULL;
	}
	return f;
}

int commit_tmp(FILE *f, char *tmp_path, const char *path)
{
	int bad = fflush(f) != 0 || ferror(f);
	if (!bad)
		bad = fsync(fileno(f)) != 0;
	bad |= fclose(f) != 0;
	if (bad || rename(tmp_path, path) != 0) {
		error("không ghi được tệp %s: %s", path, strerror(errno));
		unlink(tmp_path);
		free(tmp_path);
		return -1;
	}
	free(tmp_path);
	return 0;
}

void abort_tmp(FILE *f, char *tmp_path)
{
	if (f)
		fclose(f);
	if (tmp_path) {
		unlink(tmp_path);
		free(tmp_path);
	}
}

int write_file_atomic(const char *path, const void *data, size_t len)
{
	char *tmp;
	FILE *f = open_tmp(path, &tmp);
	if (!f)
		return -1;
	if (len && fwrite(data, 1, len, f) != len) {
		error("không ghi được tệp %s: %s", path, strerror(errno));
		abort_tmp(f, tmp);
		return -1;
	}
	return commit_tmp(f, tmp, path);
}

int mkdir_p(const char *path)
{
	char *p = xstrdup(path);
	for (char *s = p + 1; *s; s++) {
		if (*s != '/')
			continue;
		*s = '\0';
		if (mkdir(p, 0755) != 0 && errno != EEXIST) {
			free(p);
			return error("không tạo được thư mục %s: %s", path, strerror(errno));
		}
		*s = '/';
	}
	int rc = 0;
	if (mkdir(p, 0755) != 0 && errno != EEXIST)
		rc = error("không tạo được thư mục %s: %s", path, strerror(errno));
	free(p);
	return rc;
}

int str_starts_with(const char *s, const char *prefix)
{
	return strncmp(s, prefix, strlen(prefix)) == 0;
}

int str_ends_with(const char *s, const char *suffix)
{
	size_t a = strlen(s), b = strlen(suffix);
	return a >= b && memcmp(s + a - b, suffix, b) == 0;
}

int str_ends_with_ci(const char *s, const char *suffix)
{
	size_t a = strlen(s), b = strlen(suffix);
	return a >= b && strcasecmp(s + a - b, suffix) == 0;
}

char *xasprintf(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *s = NULL;
	int n = vasprintf(&s, fmt, ap);
	va_end(ap);
	if (n < 0)
		oom(0);
	return s;
}
