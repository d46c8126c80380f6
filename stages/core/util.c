/* util.c - allocation, diagnostics, atomic file writes. */
#include "util.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stddef.h>
#include <stdio.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <ftw.h>
#include <sys/stat.h>
#include <time.h>
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

int read_fd(int fd, size_t max, char **data, size_t *len)
{
	size_t cap = 0, n = 0;
	char *buf = NULL;
	for (;;) {
		XGROW(buf, cap, n + 65536 + 1);
		size_t want = cap - n - 1;
		if (want > max + 1 - n)
			want = max + 1 - n; /* one byte past max tells "too big" */
		ssize_t r = read(fd, buf + n, want);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0) {
			int e = errno;
			free(buf);
			errno = e;
			return -1;
		}
		n += (size_t)r;
		if (n > max) {
			free(buf);
			errno = EFBIG;
			return -1;
		}
		if (r == 0)
			break;
	}
	buf[n] = '\0';
	*data = buf;
	*len = n;
	return 0;
}

int read_file(const char *path, size_t max, char **data, size_t *len)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
	if (fd < 0)
		return -1;
	struct stat st;
	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
		close(fd);
		errno = EINVAL;
		return -1;
	}
	int rc = read_fd(fd, max, data, len);
	int e = errno;
	close(fd);
	errno = e;
	return rc;
}

const char *write_strerror(int err)
{
	switch (err) {
	case ENOSPC:
	case EDQUOT:
		return "hết dung lượng đĩa";
	case EFBIG:
		return "tệp vượt giới hạn kích thước cho phép (hết dung lượng được cấp)";
	case EROFS:
		return "ổ đĩa chỉ cho đọc";
	case EACCES:
	case EPERM:
		return "không có quyền ghi";
	case EIO:
		return "lỗi vào/ra của ổ đĩa";
	default:
		return strerror(err);
	}
}

/* ---- the checked writer ----
 * open_tmp() returns a stdio stream over our own write function, so every
 * write(2) is checked and the FIRST error is kept (stdio alone loses it:
 * errno is overwritten by the time fclose reports).  The temporary path
 * handed to the caller lives inside the writer's state, which is how
 * commit_tmp()/abort_tmp() find it again. */
struct tmp_out {
	int fd;
	int err; /* first errno of a failed write, 0 if none */
	char path[];
};

static struct tmp_out *tmp_out_of(char *tmp_path)
{
	return (struct tmp_out *)(tmp_path - offsetof(struct tmp_out, path));
}

static ssize_t tmp_write(void *cookie, const char *data, size_t len)
{
	struct tmp_out *o = cookie;
	if (o->err) {
		errno = o->err;
		return -1;
	}
	size_t done = 0;
	while (done < len) {
		ssize_t w = write(o->fd, data + done, len - done);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0) {
			o->err = w < 0 ? errno : ENOSPC;
			errno = o->err;
			return done ? (ssize_t)done : -1;
		}
		done += (size_t)w;
	}
	return (ssize_t)done;
}

static int tmp_close(void *cookie)
{
	(void)cookie; /* the descriptor is closed (checked) by commit/abort */
	return 0;
}

int fsync_parent(const char *path)
{
	const char *slash = strrchr(path, '/');
	char *dir =
	    slash ? xstrndup(path, slash == path ? 1 : (size_t)(slash - path)) : xstrdup(".");
	int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	int rc = 0;
	if (fd < 0 || (fsync(fd) != 0 && errno != EINVAL))
		rc = -1;
	if (fd >= 0)
		close(fd);
	free(dir);
	return rc;
}

FILE *open_tmp(const char *path, char **tmp_path)
{
	char *name = xasprintf("%s.tmp.%ld", path, (long)getpid());
	size_t n = strlen(name);
	struct tmp_out *o = xmalloc(sizeof *o + n + 1);
	memcpy(o->path, name, n + 1);
	free(name);
	o->err = 0;
	unlink(o->path); /* a leftover of a killed process with our pid */
	o->fd = open(o->path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0644);
	FILE *f = NULL;
	if (o->fd >= 0) {
		static const cookie_io_functions_t io = {NULL, tmp_write, NULL, tmp_close};
		f = fopencookie(o, "w", io);
		if (!f) {
			close(o->fd);
			unlink(o->path);
		}
	}
	if (!f) {
		error("không tạo được tệp %s: %s", o->path, write_strerror(errno));
		free(o);
		*tmp_path = NULL;
		return NULL;
	}
	setvbuf(f, NULL, _IOFBF, 1 << 16);
	*tmp_path = o->path;
	return f;
}

int commit_tmp(FILE *f, char *tmp_path, const char *path)
{
	struct tmp_out *o = tmp_out_of(tmp_path);
	int err = 0;
	if (fflush(f) != 0 || ferror(f))
		err = o->err ? o->err : errno ? errno : EIO;
	fclose(f);
	if (!err && fsync(o->fd) != 0)
		err = errno;
	if (close(o->fd) != 0 && !err)
		err = errno;
	if (!err && rename(o->path, path) != 0)
		err = errno;
	if (!err)
		fsync_parent(path);
	if (err) {
		error("%s khi ghi %s", write_strerror(err), path);
		unlink(o->path);
		free(o);
		errno = err;
		return -1;
	}
	free(o);
	return 0;
}

void abort_tmp(FILE *f, char *tmp_path)
{
	if (f)
		fclose(f);
	if (tmp_path) {
		struct tmp_out *o = tmp_out_of(tmp_path);
		close(o->fd);
		unlink(o->path);
		free(o);
	}
}

int write_file_atomic(const char *path, const void *data, size_t len)
{
	char *tmp;
	FILE *f = open_tmp(path, &tmp);
	if (!f)
		return -1;
	if (len)
		fwrite(data, 1, len, f); /* a failure is kept and reported by commit_tmp */
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

/* ---- staging folders ----
 * A run builds every output of a month in <out>/.<M>.staging-<pid>/, then
 * stage_swap() puts it in place of <out>/<M>/ in one step.  Leftovers of a
 * killed run are settled by stage_cleanup() at the next start. */

static int rm_entry(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st;
	(void)ftw;
	if (flag == FTW_DP)
		return rmdir(path) != 0 && errno != ENOENT ? -1 : 0;
	return unlink(path) != 0 && errno != ENOENT ? -1 : 0;
}

int remove_tree(const char *path)
{
	struct stat st;
	if (lstat(path, &st) != 0)
		return errno == ENOENT ? 0 : -1;
	if (!S_ISDIR(st.st_mode))
		return unlink(path);
	return nftw(path, rm_entry, 16, FTW_DEPTH | FTW_PHYS);
}

/* Moves the kept entries (keep[], NULL-terminated) of from/ into to/ where
 * to/ has none of that name. */
static void carry_kept(const char *from, const char *to, const char *const *keep)
{
	for (size_t i = 0; keep && keep[i]; i++) {
		char *a = xasprintf("%s/%s", from, keep[i]), *b = xasprintf("%s/%s", to, keep[i]);
		struct stat st;
		if (lstat(a, &st) == 0 && lstat(b, &st) != 0 && errno == ENOENT)
			rename(a, b);
		free(a);
		free(b);
	}
}

int stage_swap(const char *staged, const char *target, const char *const *keep)
{
	struct stat st;
	if (lstat(target, &st) != 0) {
		if (errno != ENOENT || rename(staged, target) != 0)
			return error("không đưa được %s vào chỗ %s: %s", staged, target,
				     write_strerror(errno));
		fsync_parent(target);
		return 0;
	}
	if (renameat2(AT_FDCWD, staged, AT_FDCWD, target, RENAME_EXCHANGE) != 0) {
		if (errno != EINVAL && errno != ENOSYS && errno != ENOTSUP)
			return error("không đưa được %s vào chỗ %s: %s", staged, target,
				     write_strerror(errno));
		/* no atomic exchange on this file system: two renames, which
		 * stage_cleanup() completes after a crash between them */
		const char *slash = strrchr(target, '/');
		char *old = slash ? xasprintf("%.*s/.%s.old-%ld", (int)(slash - target), target,
					      slash + 1, (long)getpid())
				  : xasprintf(".%s.old-%ld", target, (long)getpid());
		int bad = rename(target, old) != 0 || rename(staged, target) != 0 ||
			  rename(old, staged) != 0;
		free(old);
		if (bad)
			return error("không đưa được %s vào chỗ %s: %s", staged, target,
				     write_strerror(errno));
	}
	fsync_parent(target);
	carry_kept(staged, target, keep);
	return 0;
}

/* The month a leftover name ".<M>.staging-<pid>" / ".<M>.old-<pid>" is of,
 * into m; 1 for staging, 2 for old, 0 when the name is neither. */
static int leftover_kind(const char *name, char *m, size_t msize)
{
	if (name[0] != '.')
		return 0;
	const char *k = strstr(name, ".staging-");
	int kind = 1;
	if (!k || k == name) {
		k = strstr(name, ".old-");
		kind = 2;
	}
	if (!k || k == name || (size_t)(k - name - 1) >= msize)
		return 0;
	const char *pid = k + (kind == 1 ? 9 : 5);
	if (!*pid || strspn(pid, "0123456789") != strlen(pid))
		return 0;
	memcpy(m, name + 1, (size_t)(k - name - 1));
	m[k - name - 1] = '\0';
	return strchr(m, '/') || !*m ? 0 : kind;
}

/* Removes "*.tmp.<digits>" files directly in dir. */
static void remove_tmp_files(const char *dir)
{
	DIR *d = opendir(dir);
	if (!d)
		return;
	struct dirent *e;
	while ((e = readdir(d)) != NULL) {
		const char *t = strstr(e->d_name, ".tmp.");
		while (t && strstr(t + 1, ".tmp."))
			t = strstr(t + 1, ".tmp.");
		if (t && t[5] && strspn(t + 5, "0123456789") == strlen(t + 5)) {
			char *p = xasprintf("%s/%s", dir, e->d_name);
			unlink(p);
			free(p);
		}
	}
	closedir(d);
}

int stage_cleanup(const char *outdir, const char *const *keep)
{
	DIR *d = opendir(outdir);
	if (!d)
		return errno == ENOENT ? 0 : error("không mở được %s: %s", outdir, strerror(errno));
	char **names = NULL;
	size_t n = 0, cap = 0;
	struct dirent *e;
	while ((e = readdir(d)) != NULL) {
		if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
			continue;
		XGROW(names, cap, n + 1);
		names[n++] = xstrdup(e->d_name);
	}
	closedir(d);
	remove_tmp_files(outdir);
	/* staging folders first (a complete one whose month folder is missing
	 * was being swapped in: finish), then the old folders (roll back only
	 * if still nothing is in place) */
	for (int pass = 1; pass <= 2; pass++)
		for (size_t i = 0; i < n; i++) {
			char m[256];
			if (leftover_kind(names[i], m, sizeof m) != pass)
				continue;
			char *left = xasprintf("%s/%s", outdir, names[i]);
			char *target = xasprintf("%s/%s", outdir, m);
			char *log = xasprintf("%s/run.log", left);
			struct stat st;
			int have_target = lstat(target, &st) == 0;
			if (!have_target && (pass == 2 || stat(log, &st) == 0) &&
			    rename(left, target) == 0) {
				fsync_parent(target);
			} else {
				if (have_target)
					carry_kept(left, target, keep);
				if (remove_tree(left) != 0)
					warning("không xóa được %s: %s", left, strerror(errno));
			}
			free(log);
			free(target);
			free(left);
		}
	for (size_t i = 0; i < n; i++) {
		char *p = xasprintf("%s/%s", outdir, names[i]);
		struct stat st;
		if (names[i][0] != '.' && lstat(p, &st) == 0 && S_ISDIR(st.st_mode))
			remove_tmp_files(p);
		free(p);
		free(names[i]);
	}
	free(names);
	return 0;
}

void office_tz_init(void)
{
	const char *tz = getenv("DH_MUI_GIO");
	if (!tz || !*tz)
		tz = OFFICE_TZ_DEFAULT;
	if ((strcmp(tz, "Asia/Ho_Chi_Minh") == 0 || strcmp(tz, "Asia/Saigon") == 0) &&
	    access("/usr/share/zoneinfo/Asia/Ho_Chi_Minh", R_OK) != 0)
		tz = "<+07>-7"; /* no tzdata: the same zone (UTC+7, no DST) */
	setenv("TZ", tz, 1);
	tzset();
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

void step_time(const char *what)
{
	static int on = -1;
	static double last_wall, last_cpu;
	if (on < 0)
		on = getenv("DH_TIMING") != NULL;
	if (!on)
		return;
	struct timespec w, c;
	clock_gettime(CLOCK_MONOTONIC, &w);
	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &c);
	double wall = (double)w.tv_sec + (double)w.tv_nsec / 1e9;
	double cpu = (double)c.tv_sec + (double)c.tv_nsec / 1e9;
	if (last_wall == 0.0)
		last_wall = wall;
	fprintf(stderr, "dh-timing: %s %.3f s wall %.3f s cpu\n", what, wall - last_wall,
		cpu - last_cpu);
	last_wall = wall;
	last_cpu = cpu;
}
