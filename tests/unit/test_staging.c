/* test_staging.c - the checked writer and the staging folders (util.h):
 * commit and abort of a temporary file, the one-step swap of a month's
 * folder, and how stage_cleanup() settles what a killed run left: a staging
 * folder half-built (removed), one complete whose month folder is missing
 * (moved in: the crash fell between the two renames of the fallback), the
 * previous folder set aside (put back when nothing is in place), the
 * closed month's copy carried over, *.tmp.<pid> files removed. */
#include "harness.h"
#include "util.h"

#include <errno.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

static char *root;

static void put(const char *rel, const char *text)
{
	char *p = xasprintf("%s/%s", root, rel);
	FILE *f = fopen(p, "w");
	if (f) {
		fputs(text, f);
		fclose(f);
	}
	free(p);
}

static int exists(const char *rel)
{
	char *p = xasprintf("%s/%s", root, rel);
	struct stat st;
	int r = lstat(p, &st) == 0;
	free(p);
	return r;
}

static char *slurp(const char *rel)
{
	char *p = xasprintf("%s/%s", root, rel), *d = NULL;
	size_t n;
	if (read_file(p, 1 << 20, &d, &n) != 0)
		d = NULL;
	free(p);
	return d;
}

static void mk(const char *rel)
{
	char *p = xasprintf("%s/%s", root, rel);
	mkdir_p(p);
	free(p);
}

static void check_text(const char *rel, const char *want)
{
	char *got = slurp(rel);
	CHECK_STR(got, want);
	free(got);
}

TEST(writer_commit_abort)
{
	char *path = xasprintf("%s/a.csv", root), *tmp;
	FILE *f = open_tmp(path, &tmp);
	CHECK(f != NULL);
	if (!f)
		return;
	CHECK(strstr(tmp, ".tmp.") != NULL);
	fputs("x,y\r\n", f);
	CHECK(!exists("a.csv")); /* nothing in place before the commit */
	CHECK_INT(commit_tmp(f, tmp, path), 0);
	check_text("a.csv", "x,y\r\n");
	f = open_tmp(path, &tmp);
	CHECK(f != NULL);
	if (f) {
		fputs("other", f);
		abort_tmp(f, tmp);
	}
	check_text("a.csv", "x,y\r\n"); /* an aborted write leaves the old file */
	CHECK_INT(write_file_atomic(path, "z", 1), 0);
	check_text("a.csv", "z");
	/* a write into a folder that does not exist fails, reported */
	char *bad = xasprintf("%s/missing/b.csv", root);
	CHECK(open_tmp(bad, &tmp) == NULL);
	free(bad);
	free(path);
}

TEST(swap_in_one_step)
{
	mk("o/2026-11");
	put("o/2026-11/dataset.csv", "old");
	put("o/2026-11/stale.pdf", "old only");
	mk("o/2026-11/da-chot");
	put("o/2026-11/da-chot/dataset.csv", "closed");
	mk("o/.2026-11.staging-42");
	put("o/.2026-11.staging-42/dataset.csv", "new");
	char *stg = xasprintf("%s/o/.2026-11.staging-42", root);
	char *target = xasprintf("%s/o/2026-11", root);
	static const char *const keep[] = {"da-chot", NULL};
	CHECK_INT(stage_swap(stg, target, keep), 0);
	check_text("o/2026-11/dataset.csv", "new");
	CHECK(!exists("o/2026-11/stale.pdf"));		       /* the old run's file went with it */
	check_text("o/2026-11/da-chot/dataset.csv", "closed"); /* carried over */
	check_text("o/.2026-11.staging-42/dataset.csv", "old"); /* the previous content */
	CHECK_INT(remove_tree(stg), 0);
	CHECK(!exists("o/.2026-11.staging-42"));
	/* first run of a month: a plain rename */
	mk("o/.2026-12.staging-43");
	put("o/.2026-12.staging-43/dataset.csv", "dec");
	char *stg2 = xasprintf("%s/o/.2026-12.staging-43", root);
	char *target2 = xasprintf("%s/o/2026-12", root);
	CHECK_INT(stage_swap(stg2, target2, keep), 0);
	check_text("o/2026-12/dataset.csv", "dec");
	CHECK(!exists("o/.2026-12.staging-43"));
	free(stg);
	free(target);
	free(stg2);
	free(target2);
}

TEST(cleanup_after_kills)
{
	static const char *const keep[] = {"da-chot", NULL};
	/* a half-built staging folder beside a whole month: removed */
	mk("c/2026-11");
	put("c/2026-11/dataset.csv", "old");
	put("c/2026-11/dataset.csv.tmp.777", "half");
	mk("c/.2026-11.staging-1");
	put("c/.2026-11.staging-1/dataset.csv", "half");
	put("c/.2026-11.staging-1/run.log", "");
	/* killed between the fallback's renames: month folder missing, the
	 * complete staging folder is moved in, the old one removed */
	mk("c/.2026-10.staging-2");
	put("c/.2026-10.staging-2/dataset.csv", "new oct");
	put("c/.2026-10.staging-2/run.log", "");
	mk("c/.2026-10.old-2");
	put("c/.2026-10.old-2/dataset.csv", "old oct");
	/* killed after setting the old one aside, the new one not complete:
	 * the old one goes back */
	mk("c/.2026-09.staging-3");
	put("c/.2026-09.staging-3/dataset.csv", "half sep");
	mk("c/.2026-09.old-3");
	put("c/.2026-09.old-3/dataset.csv", "old sep");
	/* the previous content of a swap not yet removed, with the closed copy
	 * the new folder lacks */
	mk("c/2026-08");
	put("c/2026-08/dataset.csv", "new aug");
	mk("c/.2026-08.staging-4/da-chot");
	put("c/.2026-08.staging-4/run.log", "");
	put("c/.2026-08.staging-4/da-chot/dataset.csv", "closed aug");
	/* not ours: kept */
	put("c/.lock", "");
	put("c/.2026-11.staging-x", "not a pid");
	put("c/so-cai.sqlite.tmp.12", "tmp");
	char *c = xasprintf("%s/c", root);
	CHECK_INT(stage_cleanup(c, keep), 0);
	check_text("c/2026-11/dataset.csv", "old");
	CHECK(!exists("c/.2026-11.staging-1"));
	CHECK(!exists("c/2026-11/dataset.csv.tmp.777"));
	check_text("c/2026-10/dataset.csv", "new oct");
	CHECK(!exists("c/.2026-10.old-2") && !exists("c/.2026-10.staging-2"));
	check_text("c/2026-09/dataset.csv", "old sep");
	CHECK(!exists("c/.2026-09.old-3") && !exists("c/.2026-09.staging-3"));
	check_text("c/2026-08/dataset.csv", "new aug");
	check_text("c/2026-08/da-chot/dataset.csv", "closed aug");
	CHECK(!exists("c/.2026-08.staging-4"));
	CHECK(exists("c/.lock") && exists("c/.2026-11.staging-x"));
	CHECK(!exists("c/so-cai.sqlite.tmp.12"));
	/* a missing output folder is nothing to clean */
	char *none = xasprintf("%s/none", root);
	CHECK_INT(stage_cleanup(none, keep), 0);
	free(none);
	free(c);
}

int main(int argc, char **argv)
{
	char tmpl[] = "/tmp/test_staging.XXXXXX";
	root = mkdtemp(tmpl);
	if (!root)
		return 1;
	RUN(writer_commit_abort);
	RUN(swap_in_one_step);
	RUN(cleanup_after_kills);
	remove_tree(root);
	return DONE();
}
