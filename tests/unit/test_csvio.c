/* test_csvio.c - the CSV reader's fast path splits rows exactly as libcsv
 * does: csv_read_mem() and csv_read_path() are compared with libcsv alone
 * on random data (well-formed rows with flaws mixed in, and noise), across
 * the path reader's chunk boundaries. */
#include "buf.h"
#include "csvio.h"
#include "harness.h"
#include "util.h"

#include <csv.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* A transcript of the rows a reader gave: "<len>:<field>|" per field (as
 * the callbacks see it: up to its first NUL), "\n" per row. */
struct script {
	struct buf b;
	size_t rows, stop_at;
};

static void add_field(struct buf *b, const char *s, size_t n)
{
	buf_printf(b, "%zu:", n);
	buf_add(b, s, n);
	buf_addc(b, '|');
}

static int on_row_cb(void *ctx, char **f, size_t n, size_t row)
{
	struct script *s = ctx;
	for (size_t i = 0; i < n; i++)
		add_field(&s->b, f[i], strlen(f[i]));
	buf_addc(&s->b, '\n');
	s->rows++;
	return s->stop_at && row == s->stop_at ? 7 : 0;
}

/* libcsv alone, as the reader used it before its fast path. */
struct ref {
	struct buf b, row;
};

static void ref_field(void *s, size_t len, void *data)
{
	struct ref *r = data;
	const char *p = s ? s : "";
	size_t n = s ? strnlen(p, len) : 0;
	add_field(&r->row, p, n);
}

static void ref_row(int c, void *data)
{
	struct ref *r = data;
	(void)c;
	buf_add(&r->b, r->row.data ? r->row.data : "", r->row.len);
	buf_addc(&r->b, '\n');
	buf_reset(&r->row);
}

static char *reference(const char *d, size_t n, unsigned char delim)
{
	struct csv_parser p;
	struct ref r = {BUF_INIT, BUF_INIT};
	if (n >= 3 && memcmp(d, "\xEF\xBB\xBF", 3) == 0) {
		d += 3;
		n -= 3;
	}
	csv_init(&p, 0);
	csv_set_delim(&p, delim);
	size_t used = csv_parse(&p, d, n, ref_field, ref_row, &r);
	if (used == n)
		csv_fini(&p, ref_field, ref_row, &r);
	else
		buf_adds(&r.b, "ERROR");
	csv_free(&p);
	buf_release(&r.row);
	buf_addc(&r.b, '\0');
	return buf_detach(&r.b);
}

static char *via_mem(const char *d, size_t n, unsigned char delim, int *rc)
{
	struct script s = {BUF_INIT, 0, 0};
	*rc = csv_read_mem(d, n, delim, on_row_cb, &s);
	if (*rc == -1)
		buf_adds(&s.b, "ERROR");
	buf_addc(&s.b, '\0');
	return buf_detach(&s.b);
}

/* dir/t.csv holding d[0..n) (malloc'd path). */
static char *put_file(const char *dir, const char *d, size_t n)
{
	char *path = xasprintf("%s/t.csv", dir);
	FILE *f = fopen(path, "wb");
	CHECK(f != NULL);
	if (f) {
		fwrite(d, 1, n, f);
		fclose(f);
	}
	return path;
}

static char *via_path(const char *dir, const char *d, size_t n, unsigned char delim, int *rc)
{
	char *path = put_file(dir, d, n);
	struct script s = {BUF_INIT, 0, 0};
	*rc = csv_read_path(path, delim, on_row_cb, &s);
	if (*rc == -1)
		buf_adds(&s.b, "ERROR");
	buf_addc(&s.b, '\0');
	free(path);
	return buf_detach(&s.b);
}

static unsigned long rnd_state = 12345;
static unsigned rnd(unsigned n)
{
	rnd_state = rnd_state * 6364136223846793005UL + 1442695040888963407UL;
	return (unsigned)((rnd_state >> 33) % n);
}

/* Noise over the characters that matter to a CSV reader. */
static void noise(struct buf *b, size_t n)
{
	static const char alpha[] = {'a', 'b', ',', ';', '"', '\r', '\n', ' ', '\t', '\0', 'x'};
	for (size_t i = 0; i < n; i++) {
		if (rnd(12) == 0)
			buf_adds(b, "é");
		else
			buf_addc(b, alpha[rnd(sizeof alpha)]);
	}
}

/* Rows as the program writes them, with a flaw now and then (flaws = 0:
 * never). */
static void rows(struct buf *b, size_t nrows, unsigned char delim, unsigned flaws)
{
	for (size_t r = 0; r < nrows; r++) {
		size_t nf = 1 + rnd(8);
		for (size_t k = 0; k < nf; k++) {
			if (k)
				buf_addc(b, (char)delim);
			if (rnd(3) == 0) {
				buf_addc(b, '"');
				size_t len = rnd(40);
				for (size_t i = 0; i < len; i++) {
					unsigned c = rnd(10);
					buf_adds(b, c == 0   ? "\"\""
						    : c == 1 ? "\r\n"
						    : c == 2 ? ","
						    : c == 3 ? " "
							     : "Đức");
				}
				buf_addc(b, '"');
			} else {
				size_t len = rnd(20);
				for (size_t i = 0; i < len; i++)
					buf_addc(b, "abcxyz0123"[rnd(10)]);
			}
			if (flaws && rnd(flaws) == 0)
				noise(b, 1 + rnd(3));
		}
		buf_adds(b, rnd(2) ? "\r\n" : "\n");
	}
}

static void compare(const char *dir, const char *d, size_t n, unsigned char delim, int *bad)
{
	char *want = reference(d, n, delim);
	int rm, rp;
	char *m = via_mem(d, n, delim, &rm), *p = via_path(dir, d, n, delim, &rp);
	if (strcmp(want, m) != 0 || strcmp(want, p) != 0) {
		if (++*bad <= 3)
			fprintf(stderr,
				"  differs on %zu bytes:\n  want %.200s\n  mem  %.200s\n  path "
				"%.200s\n",
				n, want, m, p);
	}
	free(want);
	free(m);
	free(p);
}

static char *scratch_dir(void)
{
	char tmpl[] = "/tmp/test_csvio.XXXXXX";
	char *d = mkdtemp(tmpl);
	return d ? xstrdup(d) : NULL;
}

static void remove_dir(char *dir)
{
	char *path = xasprintf("%s/t.csv", dir);
	unlink(path);
	rmdir(dir);
	free(path);
	free(dir);
}

TEST(same_as_libcsv_small)
{
	char *dir = scratch_dir();
	CHECK(dir != NULL);
	if (!dir)
		return;
	int bad = 0;
	for (int it = 0; it < 3000; it++) {
		struct buf b = BUF_INIT;
		unsigned char delim = it % 3 == 0 ? ';' : it % 7 == 0 ? '\t' : ',';
		if (it % 5 == 0)
			buf_adds(&b, "\xEF\xBB\xBF");
		if (it % 4 == 0)
			noise(&b, rnd(60));
		else
			rows(&b, rnd(6), delim, it % 2 ? 4 : 0);
		if (it % 9 == 0 && b.len)
			b.len -= rnd((unsigned)b.len); /* cut anywhere */
		compare(dir, b.data ? b.data : "", b.len, delim, &bad);
		buf_release(&b);
	}
	CHECK_INT(bad, 0);
	remove_dir(dir);
}

TEST(same_as_libcsv_chunks)
{
	char *dir = scratch_dir();
	CHECK(dir != NULL);
	if (!dir)
		return;
	int bad = 0;
	for (int it = 0; it < 12; it++) {
		struct buf b = BUF_INIT;
		buf_adds(&b, "\xEF\xBB\xBF");
		rows(&b, 3000 + rnd(3000), ',', it < 6 ? 0 : 900);
		if (it == 3) { /* one field across several 64 KiB chunks */
			buf_addc(&b, '"');
			for (int i = 0; i < 20000; i++)
				buf_adds(&b, "abc \"\",\r\n");
			buf_adds(&b, "\"\n");
			rows(&b, 100, ',', 0);
		}
		if (it % 4 == 1)
			b.len -= rnd(50); /* the last row without its line break */
		compare(dir, b.data, b.len, ',', &bad);
		buf_release(&b);
	}
	CHECK_INT(bad, 0);
	remove_dir(dir);
}

TEST(callback_stops)
{
	char *dir = scratch_dir();
	CHECK(dir != NULL);
	if (!dir)
		return;
	struct buf b = BUF_INIT;
	rows(&b, 50, ',', 0);
	struct script s = {BUF_INIT, 0, 3};
	CHECK_INT(csv_read_mem(b.data, b.len, ',', on_row_cb, &s), 7);
	CHECK_INT((long)s.rows, 3);
	char *path = put_file(dir, b.data, b.len);
	struct script t = {BUF_INIT, 0, 3};
	CHECK_INT(csv_read_path(path, ',', on_row_cb, &t), 7);
	CHECK_INT((long)t.rows, 3);
	CHECK(s.b.len == t.b.len && memcmp(s.b.data, t.b.data, s.b.len) == 0);
	buf_release(&s.b);
	buf_release(&t.b);
	buf_release(&b);
	free(path);
	remove_dir(dir);
}

TEST(field_limit)
{
	char *dir = scratch_dir();
	CHECK(dir != NULL);
	if (!dir)
		return;
	for (int quoted = 0; quoted < 2; quoted++) {
		struct buf b = BUF_INIT;
		buf_adds(&b, "a,b\n");
		if (quoted)
			buf_addc(&b, '"');
		for (size_t i = 0; i < CSV_MAX_FIELD + 10; i++)
			buf_addc(&b, 'x');
		buf_adds(&b, quoted ? "\",c\n" : ",c\n");
		int rc;
		char *m = via_mem(b.data, b.len, ',', &rc);
		CHECK_INT(rc, CSV_ERR_FIELD);
		free(m);
		char *p = via_path(dir, b.data, b.len, ',', &rc);
		CHECK_INT(rc, CSV_ERR_FIELD);
		free(p);
		buf_release(&b);
	}
	remove_dir(dir);
}

int main(int argc, char **argv)
{
	(void)argc;
	RUN(same_as_libcsv_small);
	RUN(same_as_libcsv_chunks);
	RUN(callback_stops);
	RUN(field_limit);
	return DONE();
}
