/* harness.h - a tiny unit-test harness.
 *
 * A test file defines TEST(name) functions and a main() that calls RUN(name)
 * for each, then returns DONE().  Each RUN counts as one test: it passes when
 * none of its CHECKs failed.  A test that cannot run here (a corpus or a tool
 * that is missing) says SKIP("why") and returns; it counts as skipped, neither
 * passed nor failed.  The last line printed is
 * "# <program>: P passed, F failed, S skipped", which tests/run-all adds up.
 */
#ifndef DH_HARNESS_H
#define DH_HARNESS_H

#include <stdio.h>
#include <string.h>

static int h_cur_fail, h_cur_skip, h_passed, h_failed, h_skipped;
static const char *h_cur;

#define TEST(name) static void name(void)

#define CHECK(cond)                                                                                \
	do {                                                                                       \
		if (!(cond)) {                                                                     \
			fprintf(stderr, "  %s:%d: %s: CHECK(%s) failed\n", __FILE__, __LINE__,     \
				h_cur, #cond);                                                     \
			h_cur_fail++;                                                              \
		}                                                                                  \
	} while (0)

#define CHECK_STR(got, want)                                                                       \
	do {                                                                                       \
		const char *g_ = (got), *w_ = (want);                                              \
		if (!g_ || !w_ || strcmp(g_, w_) != 0) {                                           \
			fprintf(stderr, "  %s:%d: %s: got \"%s\", want \"%s\"\n", __FILE__,        \
				__LINE__, h_cur, g_ ? g_ : "(null)", w_ ? w_ : "(null)");          \
			h_cur_fail++;                                                              \
		}                                                                                  \
	} while (0)

#define CHECK_INT(got, want)                                                                       \
	do {                                                                                       \
		long long g_ = (long long)(got), w_ = (long long)(want);                           \
		if (g_ != w_) {                                                                    \
			fprintf(stderr, "  %s:%d: %s: %s = %lld, want %lld\n", __FILE__, __LINE__, \
				h_cur, #got, g_, w_);                                              \
			h_cur_fail++;                                                              \
		}                                                                                  \
	} while (0)

/* Ends the current test as skipped (a CHECK that failed before still fails it). */
#define SKIP(why)                                                                                  \
	do {                                                                                       \
		printf("# %s: skipped: %s\n", h_cur, (why));                                      \
		h_cur_skip = 1;                                                                    \
		return;                                                                            \
	} while (0)

static inline void h_run(const char *name, void (*fn)(void))
{
	h_cur = name;
	h_cur_fail = 0;
	h_cur_skip = 0;
	fn();
	if (!h_cur_fail && h_cur_skip) {
		h_skipped++;
		printf("ok - %s # SKIP\n", name);
	} else if (h_cur_fail) {
		h_failed++;
		printf("not ok - %s\n", name);
	} else {
		h_passed++;
		printf("ok - %s\n", name);
	}
}

#define RUN(name) h_run(#name, name)

static inline int h_done(const char *prog)
{
	const char *p = strrchr(prog, '/');
	printf("# %s: %d passed, %d failed, %d skipped\n", p ? p + 1 : prog, h_passed, h_failed,
	       h_skipped);
	return h_failed ? 1 : 0;
}

#define DONE() h_done(argv[0])

#endif
