/* dh-docx-text - dumps the text model of DOCX files (paragraphs, tables as
 * grids); with --raw only the body paragraphs, each followed by an empty
 * line; with --lines every non-empty line of paragraphs and cells in
 * document order.  Word 97-2003 (.doc) and RTF files (by content) too.  For
 * debugging and conformance tests. */
#include "docx.h"
#include "ingest.h"
#include "msoffice.h"
#include "problem.h"
#include "util.h"

#include <stdlib.h>
#include <string.h>

static void print_lines(const char *text)
{
	const char *s = text;
	while (s && *s) {
		size_t n = strcspn(s, "\n");
		if (n)
			printf("%.*s\n", (int)n, s);
		s += n;
		if (*s)
			s++;
	}
}

static void dump_lines(const struct docx_doc *d)
{
	for (size_t i = 0; i < d->n; i++) {
		const struct docx_block *b = &d->v[i];
		if (b->kind == DOCX_PARA) {
			print_lines(b->text);
			continue;
		}
		for (size_t r = 0; r < b->table->nrows; r++)
			for (size_t c = 0; c < b->table->rows[r].n; c++)
				print_lines(b->table->rows[r].cells[c].text);
	}
}

/* mode: 0 grid dump, 1 --raw, 2 --lines */
static int dump_file(const char *path, int raw)
{
	char *data = NULL;
	size_t len;
	struct docx_doc d;
	struct docx_err err;
	int rc = 0;

	if (read_file(path, INGEST_MAX_FILE, &data, &len) < 0)
		return error("%s: cannot read", path);
	docx_doc_init(&d);
	docx_err_init(&err);
	int rc_load = len >= 8 && !memcmp(data, "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8)
			  ? doc_load(data, len, &d, &err)
		      : len >= 5 && !memcmp(data, "{\\rtf", 5) ? rtf_load(data, len, &d, &err)
								: docx_load(data, len, &d, &err);
	if (rc_load < 0) {
		printf("%s: %s: %s\n", path, problem_code_name(err.code), err.detail);
		rc = 1;
	} else if (raw == 2) {
		dump_lines(&d);
	} else if (raw) {
		for (size_t i = 0; i < d.n; i++)
			if (d.v[i].kind == DOCX_PARA)
				printf("%s\n\n", d.v[i].text);
	} else {
		docx_doc_dump(&d, stdout);
		if (d.legacy != FONT_UNICODE)
			printf("[ma_cu %s]\n", d.legacy == FONT_VNI ? "VNI" : "TCVN3");
	}
	docx_doc_release(&d);
	free(data);
	return rc;
}

int main(int argc, char **argv)
{
	int raw = 0, rc = 0, i = 1;

	dh_progname = "docx-text";
	if (i < argc && !strcmp(argv[i], "--raw"))
		raw = 1, i++;
	else if (i < argc && !strcmp(argv[i], "--lines"))
		raw = 2, i++;
	if (i >= argc)
		die("usage: dh-docx-text [--raw | --lines] FILE.docx...");
	for (; i < argc; i++)
		rc |= dump_file(argv[i], raw);
	return rc;
}
