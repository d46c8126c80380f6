/* test_conf.c - "key = value" files: BOM, CRLF, comments (whole-line and
 * inline), continuation lines, overrides, errors. */
#include "conf.h"
#include "harness.h"
#include "util.h"

#include <stdlib.h>
#include <unistd.h>

/* Loads text (written to a temporary file) into c; returns conf_load's rc. */
static int load(struct conf *c, const char *text)
{
	char path[] = "/tmp/dh-test-conf-XXXXXX";
	int fd = mkstemp(path);
	if (fd < 0)
		return -2;
	size_t n = strlen(text);
	int ok = write(fd, text, n) == (ssize_t)n;
	close(fd);
	conf_init(c);
	int rc = ok ? conf_load(c, path) : -2;
	unlink(path);
	return rc;
}

TEST(plain)
{
	struct conf c;
	CHECK_INT(load(&c, "input = /srv/in\noutput=/srv/out\n\njobs = 4\n"), 0);
	CHECK_STR(conf_get(&c, "input", NULL), "/srv/in");
	CHECK_STR(conf_get(&c, "output", NULL), "/srv/out");
	CHECK_INT(conf_get_long(&c, "jobs", 0), 4);
	CHECK(conf_get(&c, "plan", NULL) == NULL);
	CHECK_STR(conf_get(&c, "plan", "mac-dinh"), "mac-dinh");
	conf_release(&c);
}

/* As Notepad on Windows saves it: a BOM first, CRLF line ends. */
TEST(bom_crlf)
{
	struct conf c;
	CHECK_INT(load(&c, "\xEF\xBB\xBF"
			   "input = /srv/in\r\n# ghi chú\r\nten_huyen = Thạch An\r\n"),
		  0);
	CHECK_STR(conf_get(&c, "input", NULL), "/srv/in");
	CHECK_STR(conf_get(&c, "ten_huyen", NULL), "Thạch An");
	CHECK_INT((long)c.n, 2);
	conf_release(&c);
	/* A BOM before a comment line. */
	CHECK_INT(load(&c, "\xEF\xBB\xBF# cấu hình\nx = 1\n"), 0);
	CHECK_STR(conf_get(&c, "x", NULL), "1");
	conf_release(&c);
}

/* The example of docs/van-hanh.md, inline comments and commented-out keys. */
TEST(inline_comments)
{
	struct conf c;
	CHECK_INT(load(&c, "input  = /srv/dien-hinh/input     # where the clerk drops files\n"
			   "output = /srv/dien-hinh/output    # results and the ledger\n"
			   "#plan  = /etc/dien-hinh/plan      # an edited plan\n"
			   "  # an indented comment line\n"
			   "jobs  = 2\t# files read in parallel\n"
			   "empty = # nothing but a comment\n"),
		  0);
	CHECK_STR(conf_get(&c, "input", NULL), "/srv/dien-hinh/input");
	CHECK_STR(conf_get(&c, "output", NULL), "/srv/dien-hinh/output");
	CHECK(conf_get(&c, "plan", NULL) == NULL);
	CHECK(conf_get(&c, "#plan", NULL) == NULL);
	CHECK_INT(conf_get_long(&c, "jobs", 0), 2);
	CHECK_STR(conf_get(&c, "empty", NULL), "");
	conf_release(&c);
}

/* A '#' inside a word is text, not a comment. */
TEST(hash_in_value)
{
	struct conf c;
	CHECK_INT(load(&c, "a = C#\nb = http://x/y#z   # link\nc = số#1\n"), 0);
	CHECK_STR(conf_get(&c, "a", NULL), "C#");
	CHECK_STR(conf_get(&c, "b", NULL), "http://x/y#z");
	CHECK_STR(conf_get(&c, "c", NULL), "số#1");
	conf_release(&c);
}

/* Continuation lines join with a line break; their comments are cut too; a
 * later key overrides an earlier one. */
TEST(continuation_override)
{
	struct conf c;
	CHECK_INT(load(&c, "noi_nhan = Như trên;\n"
			   "  Lưu: VT.   # kept for the archive\n"
			   "x = 1\n"
			   "x = 2\n"),
		  0);
	CHECK_STR(conf_get(&c, "noi_nhan", NULL), "Như trên;\nLưu: VT.");
	CHECK_STR(conf_get(&c, "x", NULL), "2");
	conf_release(&c);
}

TEST(errors)
{
	struct conf c;
	/* A line without '=' is refused (reported with its line number). */
	CHECK_INT(load(&c, "a = 1\nkhong co dau bang\n"), -1);
	conf_release(&c);
	/* "# a = 1" is a comment, not a key. */
	CHECK_INT(load(&c, "# a = 1\n"), 0);
	CHECK_INT((long)c.n, 0);
	conf_release(&c);
	conf_init(&c);
	CHECK_INT(conf_load(&c, "/nonexistent/dien-hinh.conf"), -1);
	conf_release(&c);
}

int main(int argc, char **argv)
{
	(void)argc;
	RUN(plain);
	RUN(bom_crlf);
	RUN(inline_comments);
	RUN(hash_in_value);
	RUN(continuation_override);
	RUN(errors);
	return DONE();
}
