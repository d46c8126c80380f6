/* csvio.c - CSV reading (libcsv) and writing. */
#include "csvio.h"
#include "buf.h"
#include "legacy.h"
#include "text.h"
#include "util.h"

#include <csv.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

/* The current row's fields are kept one after the other, each NUL
 * terminated, in one buffer reused from row to row (no allocation per
 * field); fields[] points into it when the row is handed over. */
struct reader {
	csv_row_fn cb;
	void *ctx;
	char **fields; /* current row's fields (set in on_row) */
	size_t n, cap;
	size_t row;
	size_t row_bytes; /* of the current row */
	int over;	  /* the current row broke CSV_MAX_ROW_FIELDS/_BYTES */
	int stop;	  /* callback's non-zero return, or CSV_ERR_ROW */
	char *text;	  /* the row's fields, NUL-terminated */
	size_t len, textcap;
	size_t *off; /* field i starts at text + off[i] */
	size_t offcap;
};

static void on_field(void *s, size_t len, void *data)
{
	struct reader *r = data;
	if (r->stop || r->over)
		return;
	r->row_bytes += len;
	if (r->n >= CSV_MAX_ROW_FIELDS || r->row_bytes > CSV_MAX_ROW_BYTES) {
		r->over = 1; /* nothing more is kept of this row */
		return;
	}
	if (!s)
		len = 0;
	XGROW(r->off, r->offcap, r->n + 1);
	XGROW(r->text, r->textcap, r->len + len + 1);
	r->off[r->n++] = r->len;
	if (len)
		memcpy(r->text + r->len, s, len);
	r->len += len;
	r->text[r->len++] = '\0';
}

/* libcsv grows its field buffer through this: refusing past the per-field
 * limit makes it stop with CSV_ENOMEM, before the memory is used. */
static void *field_realloc(void *p, size_t n)
{
	return n > CSV_MAX_FIELD + 1 ? NULL : realloc(p, n);
}

static void clear_row(struct reader *r)
{
	r->n = 0;
	r->len = 0;
}

static void on_row(int c, void *data)
{
	struct reader *r = data;
	if (r->over && !r->stop)
		r->stop = CSV_ERR_ROW;
	if (!r->stop) {
		r->row++;
		XGROW(r->fields, r->cap, r->n + 1);
		for (size_t i = 0; i < r->n; i++)
			r->fields[i] = r->text + r->off[i];
		r->stop = r->cb(r->ctx, r->fields, r->n, r->row);
	}
	clear_row(r);
	r->row_bytes = 0;
}

static int setup(struct csv_parser *p, unsigned char delim)
{
	if (csv_init(p, 0) != 0)
		return -1;
	csv_set_delim(p, delim);
	csv_set_realloc_func(p, field_realloc);
	csv_set_blk_size(p, 64 << 10);
	return 0;
}

/* The result of a parse that stopped early: the callback's value, a limit
 * broken, or a malformed file. */
static int parse_failure(struct csv_parser *p, const struct reader *r)
{
	if (r->stop)
		return r->stop;
	return csv_error(p) == CSV_ENOMEM ? CSV_ERR_FIELD : -1;
}

const char *csv_limit_message(int rc)
{
	switch (rc) {
	case CSV_ERR_FIELD:
		return "có ô dài quá giới hạn 1 MB của một ô";
	case CSV_ERR_ROW:
		return "có dòng quá giới hạn của một dòng (1024 cột hoặc 4 MB)";
	default:
		return "cấu trúc CSV bị lỗi";
	}
}

static void finish(struct reader *r)
{
	clear_row(r);
	free(r->fields);
	free(r->text);
	free(r->off);
}

/* ---- the fast path ----
 *
 * Rows of the plain shape every CSV of this program has (each field bare or
 * wholly quoted, "" for a quote inside quotes, rows ending in LF or CRLF)
 * are split here a span at a time, into the same on_field/on_row calls
 * libcsv would make.  At the first row of any other shape (a quote inside a
 * bare field, text after a closing quote, a space or tab at the edge of a
 * bare field, a lone CR, an empty line, a field near the limit) the rest of
 * the data goes to libcsv: a row boundary is a fresh libcsv state, so what
 * the callbacks see is exactly libcsv's reading of the whole data. */

/* Forgets a row split in part (libcsv reads it again). */
static void drop_partial_row(struct reader *r)
{
	clear_row(r);
	r->row_bytes = 0;
	r->over = 0;
}

/* Splits the whole rows at the start of d[0..len).  Returns the bytes they
 * took; *slow is set when the row after them needs libcsv, left 0 when it
 * is only incomplete. */
static size_t fast_rows(struct reader *r, const char *d, size_t len, unsigned char delim,
			struct buf *unq, int *slow)
{
	size_t pos = 0;
	*slow = 0;
	while (pos < len && !r->stop) {
		size_t i = pos;
		if (d[i] == '\n' || d[i] == '\r')
			goto slow; /* an empty line */
		for (;;) {
			if (i == len)
				goto incomplete;
			if (d[i] == '"') {
				buf_reset(unq);
				for (size_t j = i + 1;;) {
					const char *q = memchr(d + j, '"', len - j);
					if (!q || (size_t)(q - d) + 1 == len)
						goto incomplete;
					size_t k = (size_t)(q - d);
					buf_add(unq, d + j, k - j);
					if (unq->len > CSV_MAX_FIELD / 2)
						goto slow;
					if (d[k + 1] != '"') {
						i = k + 1;
						break;
					}
					buf_addc(unq, '"');
					j = k + 2;
				}
				on_field(unq->data, unq->len, r);
			} else {
				size_t j = i;
				while (j < len && d[j] != delim && d[j] != '\n' && d[j] != '\r' &&
				       d[j] != '"')
					j++;
				if (j == len)
					goto incomplete;
				if (d[j] == '"' || j - i > CSV_MAX_FIELD / 2 ||
				    (j > i && (d[i] == ' ' || d[i] == '\t' || d[j - 1] == ' ' ||
					       d[j - 1] == '\t')))
					goto slow;
				on_field((void *)(d + i), j - i, r);
				i = j;
			}
			if (i == len)
				goto incomplete;
			if (d[i] == (char)delim) {
				i++;
				continue;
			}
			if (d[i] == '\r') {
				if (i + 1 == len)
					goto incomplete;
				if (d[++i] != '\n')
					goto slow; /* a lone CR */
			}
			if (d[i] != '\n')
				goto slow; /* text after a closing quote */
			i++;
			break;
		}
		on_row('\n', r);
		pos = i;
	}
	return pos;
slow:
	*slow = 1;
incomplete:
	drop_partial_row(r);
	return pos;
}

/* csv_read_mem; *by_cb (may be NULL) is set when the callback stopped it. */
static int read_mem(const char *data, size_t len, unsigned char delim, csv_row_fn cb, void *ctx,
		    int *by_cb)
{
	struct csv_parser p;
	struct reader r = {.cb = cb, .ctx = ctx};
	if (len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0) {
		data += 3;
		len -= 3;
	}
	if (setup(&p, delim) != 0)
		return -1;
	int rc = 0, slow;
	struct buf unq = BUF_INIT;
	size_t used = fast_rows(&r, data, len, delim, &unq, &slow);
	buf_release(&unq);
	data += used;
	len -= used;
	if (!r.stop && csv_parse(&p, data, len, on_field, on_row, &r) != len)
		rc = parse_failure(&p, &r);
	if (rc == 0 && !r.stop)
		csv_fini(&p, on_field, on_row, &r);
	csv_free(&p);
	finish(&r);
	if (by_cb)
		*by_cb = r.stop && r.stop != CSV_ERR_ROW;
	return r.stop ? r.stop : rc;
}

int csv_read_mem(const char *data, size_t len, unsigned char delim, csv_row_fn cb, void *ctx)
{
	return read_mem(data, len, delim, cb, ctx, NULL);
}

/* Hands d[0..n) to libcsv; 0, or the failure (reported). */
static int slow_parse(struct csv_parser *p, struct reader *r, const char *path, const char *d,
		      size_t n)
{
	if (csv_parse(p, d, n, on_field, on_row, r) == n)
		return 0;
	int rc = parse_failure(p, r);
	if (rc < 0)
		error("%s: %s", path,
		      rc == -1 ? csv_strerror(csv_error(p)) : csv_limit_message(rc));
	return rc;
}

#define READ_CHUNK 65536

int csv_read_path(const char *path, unsigned char delim, csv_row_fn cb, void *ctx)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return error("không mở được %s: %s", path, strerror(errno));
	struct csv_parser p;
	struct reader r = {.cb = cb, .ctx = ctx};
	if (setup(&p, delim) != 0) {
		fclose(f);
		return error("không khởi tạo được bộ đọc CSV");
	}
	/* data: the rows not split yet (an incomplete one), then a chunk */
	struct buf data = BUF_INIT, unq = BUF_INIT;
	size_t got;
	int rc = 0, first = 1, slow = 0;
	while (!r.stop && rc == 0) {
		buf_grow(&data, READ_CHUNK);
		if ((got = fread(data.data + data.len, 1, READ_CHUNK, f)) == 0)
			break;
		if (first && got >= 3 && memcmp(data.data, "\xEF\xBB\xBF", 3) == 0) {
			memmove(data.data, data.data + 3, got - 3);
			got -= 3;
		}
		first = 0;
		data.len += got;
		size_t used = slow ? 0 : fast_rows(&r, data.data, data.len, delim, &unq, &slow);
		if (!slow && data.len - used > CSV_MAX_ROW_BYTES)
			slow = 1; /* a row too long to wait for: libcsv bounds it */
		if (slow) {
			if (!r.stop)
				rc = slow_parse(&p, &r, path, data.data + used, data.len - used);
			data.len = 0;
		} else {
			memmove(data.data, data.data + used, data.len - used);
			data.len -= used;
		}
	}
	if (rc == 0 && ferror(f))
		rc = error("%s: lỗi đọc tệp", path);
	if (rc == 0 && !r.stop && data.len) /* the last row, without its line break */
		rc = slow_parse(&p, &r, path, data.data, data.len);
	if (rc == 0 && !r.stop)
		csv_fini(&p, on_field, on_row, &r);
	if (rc == 0 && r.stop == CSV_ERR_ROW)
		error("%s: %s", path, csv_limit_message(r.stop));
	csv_free(&p);
	fclose(f);
	finish(&r);
	buf_release(&data);
	buf_release(&unq);
	return r.stop ? r.stop : rc;
}

void csv_write_field(FILE *f, const char *s, int first)
{
	if (!first)
		putc_unlocked(',', f);
	if (!s)
		s = "";
	size_t n = strlen(s);
	int quote = n && (strpbrk(s, ",\"\r\n;") || s[0] == ' ' || s[n - 1] == ' ');
	if (!quote) {
		fwrite_unlocked(s, 1, n, f);
		return;
	}
	/* quoted: the spans between double quotes in one write each, every
	 * '"' doubled */
	putc_unlocked('"', f);
	for (const char *p = s;;) {
		const char *q = strchr(p, '"');
		if (!q) {
			fwrite_unlocked(p, 1, strlen(p), f);
			break;
		}
		fwrite_unlocked(p, 1, (size_t)(q - p) + 1, f);
		putc_unlocked('"', f);
		p = q + 1;
	}
	putc_unlocked('"', f);
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

/* ---- text edited by people (plan, registry, config) ---- */

/* 1-based line of byte offset off. */
static size_t line_of(const char *s, size_t off)
{
	size_t line = 1;
	for (size_t i = 0; i < off; i++)
		line += s[i] == '\n';
	return line;
}

/* Valid multi-byte UTF-8 sequences and invalid bytes of s; *first_bad gets
 * the offset of the first invalid byte. */
static void utf8_census(const char *s, size_t len, size_t *good, size_t *bad, size_t *first_bad)
{
	const unsigned char *u = (const unsigned char *)s;
	*good = *bad = 0;
	*first_bad = len;
	for (size_t i = 0; i < len;) {
		if (u[i] < 0x80) {
			i++;
			continue;
		}
		size_t n = u[i] >= 0xF0 && u[i] <= 0xF4 ? 4
			   : u[i] >= 0xE0		? 3
			   : u[i] >= 0xC2		? 2
							: 0;
		if (n && i + n <= len && utf8_valid(s + i, n)) {
			(*good)++;
			i += n;
			continue;
		}
		if (!*bad)
			*first_bad = i;
		(*bad)++;
		i++;
	}
}

int text_mixed_line(const char *data, size_t len, size_t *line)
{
	enum text_encoding enc = text_detect(data, len);
	if (enc == ENC_UTF16LE || enc == ENC_UTF16BE)
		return 0;
	size_t good, bad, first_bad;
	utf8_census(data, len, &good, &bad, &first_bad);
	if (!bad || (enc != ENC_UTF8 && good <= bad))
		return 0;
	*line = line_of(data, first_bad);
	return 1;
}

int text_decode_outside(const char *path, const char *data, size_t len, char **out, size_t *outlen)
{
	*out = NULL;
	enum text_encoding enc = text_detect(data, len);
	size_t mixed_line;
	if (text_mixed_line(data, len, &mixed_line))
		return error("%s:%zu: có byte không đúng mã UTF-8 (tệp lưu lẫn hai bảng mã?); "
			     "hãy sửa dòng đó hoặc lưu lại tệp bằng \"CSV UTF-8\"",
			     path, mixed_line);
	if (enc != ENC_UTF8 && enc != ENC_UTF16LE && enc != ENC_UTF16BE) {
		size_t good, bad, first_bad;
		utf8_census(data, len, &good, &bad, &first_bad);
		if (enc == ENC_UNKNOWN)
			return error("%s:%zu: không phải văn bản đọc được (UTF-8, Windows-1258, "
				     "TCVN3 hoặc VNI); hãy lưu lại tệp bằng \"CSV UTF-8\"",
				     path, line_of(data, first_bad < len ? first_bad : 0));
	}
	if (text_to_utf8(data, len, enc, out, outlen) != 0 || !*out) {
		size_t good, bad, first_bad = 0;
		if (enc == ENC_UTF8) /* a BOM, then a line saved in another code page */
			utf8_census(data, len, &good, &bad, &first_bad);
		if (enc == ENC_UTF8 && bad)
			return error(
			    "%s:%zu: có byte không đúng mã UTF-8 (tệp lưu lẫn hai bảng mã?); "
			    "hãy sửa dòng đó hoặc lưu lại tệp bằng \"CSV UTF-8\"",
			    path, line_of(data, first_bad));
		return error(
		    "%s: nội dung không đúng bảng mã %s; hãy lưu lại tệp bằng \"CSV UTF-8\"", path,
		    text_encoding_name(enc));
	}
	const char *nul = memchr(*out, '\0', *outlen);
	if (nul) {
		size_t line = line_of(*out, (size_t)(nul - *out));
		free(*out);
		*out = NULL;
		return error("%s:%zu: có ký tự NUL (không phải văn bản)", path, line);
	}
	return 0;
}

/* The delimiter of a people-edited CSV: the most frequent of ',' ';' TAB
 * outside quotes in its first line (',' on ties). */
static unsigned char header_delim(const char *s, size_t len)
{
	size_t c = 0, sc = 0, t = 0;
	int q = 0;
	for (size_t i = 0; i < len && s[i] != '\n' && (q || s[i] != '\r'); i++) {
		if (s[i] == '"')
			q = !q;
		else if (!q)
			c += s[i] == ',', sc += s[i] == ';', t += s[i] == '\t';
	}
	return sc > c && sc >= t ? ';' : t > c && t > sc ? '\t' : ',';
}

int csv_read_text(const char *path, csv_row_fn cb, void *ctx)
{
	char *data, *text;
	size_t len, tlen;
	if (read_file(path, CSV_MAX_TEXT_FILE, &data, &len) != 0)
		return error("không đọc được %s: %s", path,
			     errno == EFBIG ? "tệp quá lớn (tối đa 16 MB)" : strerror(errno));
	int rc = text_decode_outside(path, data, len, &text, &tlen);
	free(data);
	if (rc != 0)
		return -1;
	const char *body = text;
	if (tlen >= 3 && memcmp(body, "\xEF\xBB\xBF", 3) == 0)
		body += 3, tlen -= 3;
	int by_cb = 0;
	rc = read_mem(body, tlen, header_delim(body, tlen), cb, ctx, &by_cb);
	if (rc < 0 && !by_cb)
		error("%s: %s", path, csv_limit_message(rc));
	free(text);
	return rc;
}

int csv_read_text_named(const char *path, const char *const *names, size_t n, csv_named_fn cb,
			void *ctx)
{
	struct named_reader nr = {names, n,  xcalloc(n, sizeof(int)), xcalloc(n, sizeof(char *)),
				  cb,	 ctx};
	int rc = csv_read_text(path, on_named_row, &nr);
	free(nr.map);
	free(nr.vals);
	return rc;
}
