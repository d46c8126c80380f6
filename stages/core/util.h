/* util.h - allocation that never fails, error reporting, small helpers.
 *
 * Allocation failure aborts with a message (xmalloc and friends).  Every
 * other fallible library function returns 0 on success and -1 on failure,
 * with the reason already reported through error().  Only stage mains die().
 */
#ifndef DH_UTIL_H
#define DH_UTIL_H

#include <stddef.h>
#include <stdio.h>

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

/* The program name used as the prefix of every diagnostic ("ingest"). */
extern const char *dh_progname;

void *xmalloc(size_t n);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);
/* Grows *arr (of *cap elements of size elem) so that it holds at least need. */
void xgrow(void **arr, size_t *cap, size_t need, size_t elem);
#define XGROW(arr, cap, need) xgrow((void **)&(arr), &(cap), (need), sizeof(*(arr)))

/* "prog: error: message" on stderr; returns -1 so `return error(...)` works. */
int error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* "prog: warning: message" on stderr. */
void warning(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* "prog: message" on stderr, then exit(2).  For top-level code only. */
_Noreturn void die(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Reads a whole regular file of at most max bytes into a NUL-terminated
 * buffer.  Returns 0, or -1 with errno set (EFBIG when over max, EINVAL
 * when not a regular file). */
int read_file(const char *path, size_t max, char **data, size_t *len);
/* Same from an open descriptor (read to its end). */
int read_fd(int fd, size_t max, char **data, size_t *len);

/* The checked writer.  open_tmp() opens "<path>.tmp.<pid>" (never through a
 * link) and returns a stream whose every write(2) is checked; the first
 * failure is kept.  commit_tmp() flushes, fsyncs, closes (all checked) and
 * renames it over path, or reports in one line why not ("hết dung lượng
 * đĩa khi ghi ...") and removes it; abort_tmp() closes and removes it.
 * *tmp_path belongs to the writer: commit_tmp/abort_tmp free it. */
FILE *open_tmp(const char *path, char **tmp_path);
int commit_tmp(FILE *f, char *tmp_path, const char *path);
void abort_tmp(FILE *f, char *tmp_path);
/* Writes data to path through the checked writer.  Returns 0 or -1. */
int write_file_atomic(const char *path, const void *data, size_t len);
/* fsyncs the directory holding path (after a rename).  Returns 0 or -1. */
int fsync_parent(const char *path);
/* A write error for a clerk: "hết dung lượng đĩa" for ENOSPC/EDQUOT... */
const char *write_strerror(int err);

/* Staging folders: all outputs of a run are built in a folder beside the
 * target (<out>/.<M>.staging-<pid>), then stage_swap() exchanges it with
 * the target in one step (renameat2 RENAME_EXCHANGE; the staged path then
 * holds the previous content, for the caller to remove).  keep[] (NULL-
 * terminated, may be NULL) names entries of the previous content carried
 * over when the new one lacks them.  stage_cleanup() settles the leftovers
 * of killed runs in outdir: a complete staging folder (one holding run.log)
 * whose target is missing is moved in place, any other is removed, and
 * "*.tmp.<pid>" files are removed from outdir and its sub-folders.  Both
 * return 0 or -1 (reported). */
int stage_swap(const char *staged, const char *target, const char *const *keep);
int stage_cleanup(const char *outdir, const char *const *keep);
/* Removes a file or a folder tree (never following links). */
int remove_tree(const char *path);

/* Creates a directory and its parents (mode 0755).  Returns 0 or -1. */
int mkdir_p(const char *path);

/* The office's time zone for every local date (file dates): the setting
 * DH_MUI_GIO from the environment (the driver's mui_gio), default
 * OFFICE_TZ_DEFAULT, whatever the server's TZ.  Sets TZ and calls tzset();
 * call once before threads start. */
#define OFFICE_TZ_DEFAULT "Asia/Ho_Chi_Minh"
void office_tz_init(void);

/* Where a stage's time goes: with DH_TIMING set in the environment, prints
 * "dh-timing: <what> <wall> s wall <cpu> s cpu" (since the previous call,
 * or the process start) to stderr; does nothing otherwise.  For
 * bench/README's per-step figures. */
void step_time(const char *what);

/* String helpers. */
int str_starts_with(const char *s, const char *prefix);
int str_ends_with(const char *s, const char *suffix);
/* Case-insensitive ASCII suffix test. */
int str_ends_with_ci(const char *s, const char *suffix);
/* Returns a newly allocated printf result. */
char *xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif
