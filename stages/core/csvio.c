/* csvio.c - CSV reading (libcsv) and writing. */
#include "csvio.h"
#include "buf.h"
#include "util.h"

#include <csv.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

struct reader {
	csv_row_fn cb;
	void *ctx;
	char **fields; /* current row's fields */
	size_t n, cap;
	size_t row;
	int stop; /* callback's non-zero return */
};

static void on_field(void *s, size_t len, void *data)
{
	struct reader *r = data;
	if (r->stop)
		return;
	XGROW(r->fields, r->cap, r->n + 1);
	r->fields[r->n++] = xstrndup(s ? s : "", s ? len : 0);
}

static void clear_row(struct reader *r)
{
	for (size_t i = 0; i < r->n; i++)
		free(r->fields[i]);
	r->n = 0;
}

static void on_row(int c, void *data)
{
	struct reader *r = data;
	if (!r->stop) {
		r->row++;
		r->stop = r->cb(r->ctx, r->fields, r->n, r->row);
	}
	clear_row(r);
}

static int setup(struct csv_parser *p, unsigned char delim)
{
	if (csv_init(p, 0) != 0)
		return -1;
	csv_set_delim(p, delim);
	return 0;
}

static void finish(struct reader *r)
{
	clear_row(r);
	free(r->fields);
}

int csv_read_mem(const char *data, size_t len, unsigned char delim, csv_row_fn cb, void *ctx)
{
	struct csv_parser p;
	struct reader r = {cb, ctx, NULL, 0, 0, 0, 0};
	if (len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0) {
		data += 3;
		len -= 3;
	}
	if (setup(&p, delim) != 0)
		return -1;
	int rc = 0;
	if (csv_parse(&p, data, len, on_field, on_row, &r) != len && !r.stop)
		rc = -1;
	if (rc == 0 && !r.stop)
		csv_fini(&p, on_field, on_row, &r);
	csv_free(&p);
	finish(&r);
	return r.stop ? r.stop : rc;
}

int csv_read_path(const char *path, unsigned char delim, csv_row_fn cb, void *ctx)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return error("không mở được %s: %s", path, strerror(errno));
	struct csv_parser p;
	struct reader r = {cb, ctx, NULL, 0, 0, 0, 0};
	if (setup(&p, delim) != 0) {
		fclose(f);
		return error("không khởi tạo được bộ đọc CSV");
	}
	char chunk[65536];
	size_t got;
	int rc = 0, first = 1;
	while (!r.stop && (got = fread(chunk, 1, sizeof chunk, f)) > 0) {
		const char *d = chunk;
		if (first && got >= 3 && memcmp(d, "\xEF\xBB\xBF", 3) == 0) {
			d += 3;
			got -= 3;
		}
		first = 0;
		if (csv_parse(&p, d, got, on_field, on_row, &r) != got && !r.stop) {
			rc = error("%s: lỗi phân tích CSV: %s", path, csv_strerror(csv_error(&p)));
			break;
		}
	}
	if (rc == 0 && ferror(f))
		rc = error("%s: lỗi đọc tệp", path);
	if (rc == 0 && !r.stop)
		csv_fini(&p, on_field, on_row, &r);
	csv_free(&p);
	fclose(f);
	finish(&r);
	return r.stop ? r.stop : rc;
}

void csv_write_field(FILE *f, const char *s, int first)
{
	if (!first)
		fputc(',', f);
	if (!s)
		s = "";
	size_t n = strlen(s);
	int quote = n && (strpbrk(s, ",\"\r\n;") || s[0] == ' ' || s[n - 1] == ' ');
	if (!quote) {
		fwrite(s, 1, n, f);
		return;
	}
	fputc('"', f);
	for (const char *p = s; *p; p++) {
		if (*p == '"')
			fputc('"', f);
		fputc(*p, f);
	}
	fputc('"', f);
}

void csv_end_row(FILE *f)
{
	fputs("\r\n", f);
}

void csv_write_row(FILE *f, const char *const *fields, size_t n)
{
	for (size_t i = 0; i < n; i++)
		csv_write_field(f, fields[i], i == 0);
	csv_end_row(f);
}

void csv_write_bom(FILE *f)
{
	fputs("\xEF\xBB\xBF", f);
}

int csv_column(char **header, size_t n, const char *name)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(header[i], name) == 0)
			return (int)i;
	return -1;
}

struct named_reader {
	const char *const *names;
	size_t n;
	int *map; /* names[i] -> column index or -1 */
	char **vals;
	csv_named_fn cb;
	void *ctx;
};

static int on_named_row(void *ctx, char **fields, size_t n, size_t row)
{
	struct named_reader *nr = ctx;
	if (row == 1) {
		for (size_t i = 0; i < nr->n; i++)
			nr->map[i] = csv_column(fields, n, nr->names[i]);
		return 0;
	}
	if (n == 1 && fields[0][0] == '\0')
		return 0;
	static char empty[] = "";
	for (size_t i = 0; i < nr->n; i++) {
		int c = nr->map[i];
		nr->vals[i] = c >= 0 && (size_t)c < n ? fields[c] : empty;
	}
	return nr->cb(nr->ctx, nr->vals, row);
}

int csv_read_named(const char *path, const char *const *names, size_t n, csv_named_fn cb, void *ctx)
{
	struct named_reader nr = {names, n,  xcalloc(n, sizeof(int)), xcalloc(n, sizeof(char *)),
				  cb,	 ctx};
	int rc = csv_read_path(path, ',', on_named_row, &nr);
	free(nr.map);
	free(nr.vals);
	return rc;
}
