/* files.c - rows of files.csv. */
#include "files.h"
#include "buf.h"
#include "csvio.h"
#include "legacy.h"
#include "text.h"
#include "util.h"

#include <stdlib.h>
#include <string.h>

const char *const file_field_names[FILE_NFIELDS] = {
#define X(e, name) name,
    FILE_FIELDS(X)
#undef X
};

void file_row_init(struct file_row *r)
{
	memset(r, 0, sizeof *r);
}

void file_row_release(struct file_row *r)
{
	for (size_t i = 0; i < FILE_NFIELDS; i++)
		free(r->f[i]);
	file_row_init(r);
}

const char *file_row_get(const struct file_row *r, enum file_field k)
{
	return r->f[k] ? r->f[k] : "";
}

void file_row_set(struct file_row *r, enum file_field k, const char *v)
{
	free(r->f[k]);
	r->f[k] = v && *v ? xstrdup(v) : NULL;
}

void file_row_write_header(FILE *f)
{
	csv_write_row(f, file_field_names, FILE_NFIELDS);
}

void file_row_write(FILE *f, const struct file_row *r)
{
	for (size_t i = 0; i < FILE_NFIELDS; i++)
		csv_write_field(f, file_row_get(r, (enum file_field)i), i == 0);
	csv_end_row(f);
}

struct file_reader {
	file_row_fn cb;
	void *ctx;
	struct file_row row;
};

static int on_file_row(void *ctx, char **vals, size_t rowno)
{
	struct file_reader *fr = ctx;
	for (size_t i = 0; i < FILE_NFIELDS; i++)
		file_row_set(&fr->row, (enum file_field)i, vals[i]);
	int rc = fr->cb(fr->ctx, &fr->row);
	file_row_release(&fr->row);
	return rc;
}

int file_rows_read(const char *path, file_row_fn cb, void *ctx)
{
	struct file_reader fr = {cb, ctx, {{0}}};
	int rc = csv_read_named(path, file_field_names, FILE_NFIELDS, on_file_row, &fr);
	file_row_release(&fr.row);
	return rc;
}

/* One part of a name (no '/'), appended to b. */
static void add_name_part(struct buf *b, const char *s, size_t len)
{
	char *u = NULL;
	size_t ulen = 0;
	if (utf8_valid(s, len)) {
		u = utf8_nfc(s, len, &ulen);
	} else {
		/* Windows-1258 (the Vietnamese ANSI and OEM code page a name
		 * arrives in through a zip tool or a share); TCVN3 and VNI are
		 * font tricks no file system stores names in.  Never fails. */
		if (text_to_utf8(s, len, ENC_CP1258, &u, &ulen) != 0) {
			u = NULL;
			ulen = 0;
		}
	}
	for (size_t i = 0; u && i < ulen; i++) {
		unsigned char c = (unsigned char)u[i];
		buf_addc(b, c < 0x20 || c == 0x7F ? '?' : (char)c);
	}
	free(u);
}

char *name_to_utf8(const char *name, size_t len)
{
	struct buf b = BUF_INIT;
	size_t start = 0;
	for (size_t i = 0; i <= len; i++) {
		if (i < len && name[i] != '/')
			continue;
		add_name_part(&b, name + start, i - start);
		if (i < len)
			buf_addc(&b, '/');
		start = i + 1;
	}
	char *out = xstrdup(buf_cstr(&b));
	buf_release(&b);
	return out;
}
