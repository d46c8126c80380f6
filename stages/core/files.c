/* files.c - rows of files.csv. */
#include "files.h"
#include "csvio.h"
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
