/* bench/floor.c - the floor for `make bench`: the least work any reader of a
 * month must do.  For every regular file under DIR (recursively, in sorted
 * order): read it; when it is a zip, open it with libzip, inflate
 * word/document.xml (a workbook: xl/sharedStrings.xml and the first sheet)
 * and walk it with libxml2's xmlTextReader doing nothing with the nodes;
 * otherwise parse it with libcsv (comma) with no callbacks.
 *
 * Usage: floor [--jobs N] DIR
 * Prints one line: "files=F docx=D xlsx=X csv=C bytes=B xml_bytes=X nodes=N".
 * With --jobs N > 1, files are shared by N threads (an atomic counter).
 */
#include <csv.h>
#include <libxml/xmlreader.h>
#include <zip.h>

#include <dirent.h>
#include <errno.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

struct list {
	char **v;
	size_t n, cap;
};

static void list_add(struct list *l, char *s)
{
	if (l->n == l->cap) {
		l->cap = l->cap ? 2 * l->cap : 256;
		l->v = realloc(l->v, l->cap * sizeof *l->v);
		if (!l->v) {
			perror("floor");
			exit(1);
		}
	}
	l->v[l->n++] = s;
}

static char *join(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b);
	char *s = malloc(la + lb + 2);
	if (!s) {
		perror("floor");
		exit(1);
	}
	memcpy(s, a, la);
	s[la] = '/';
	memcpy(s + la + 1, b, lb + 1);
	return s;
}

static void scan(const char *dir, struct list *out)
{
	DIR *d = opendir(dir);
	if (!d) {
		fprintf(stderr, "floor: %s: %s\n", dir, strerror(errno));
		return;
	}
	struct dirent *e;
	while ((e = readdir(d)) != NULL) {
		if (e->d_name[0] == '.')
			continue;
		char *p = join(dir, e->d_name);
		struct stat st;
		if (stat(p, &st) != 0) {
			free(p);
			continue;
		}
		if (S_ISDIR(st.st_mode)) {
			scan(p, out);
			free(p);
		} else if (S_ISREG(st.st_mode)) {
			list_add(out, p);
		} else {
			free(p);
		}
	}
	closedir(d);
}

static int cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

struct totals {
	long files, docx, xlsx, csv, nodes;
	long long bytes, xml_bytes;
};

static char *slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return NULL;
	size_t cap = 65536, n = 0;
	char *buf = malloc(cap);
	size_t r;
	while (buf && (r = fread(buf + n, 1, cap - n, f)) > 0) {
		n += r;
		if (n == cap) {
			cap *= 2;
			char *nb = realloc(buf, cap);
			if (!nb)
				free(buf);
			buf = nb;
		}
	}
	fclose(f);
	*len = n;
	return buf;
}

/* Inflates the part name of z and walks it; 0 when it is not there. */
static int walk_part(zip_t *z, const char *name, struct totals *t)
{
	zip_stat_t st;
	zip_file_t *zf;
	if (zip_stat(z, name, 0, &st) != 0 || !(st.valid & ZIP_STAT_SIZE) || st.size >= (1u << 28) ||
	    (zf = zip_fopen(z, name, 0)) == NULL)
		return 0;
	char *xml = malloc(st.size + 1);
	zip_int64_t got = xml ? zip_fread(zf, xml, st.size) : -1;
	zip_fclose(zf);
	if (got > 0) {
		t->xml_bytes += got;
		xmlTextReaderPtr rd = xmlReaderForMemory(xml, (int)got, NULL, NULL, XML_PARSE_NONET);
		if (rd) {
			while (xmlTextReaderRead(rd) == 1)
				t->nodes++;
			xmlFreeTextReader(rd);
		}
	}
	free(xml);
	return 1;
}

/* A Word document: word/document.xml; a workbook: its shared strings and
 * first sheet (xl/sharedStrings.xml, xl/worksheets/sheet1.xml). */
static void do_zip(const char *data, size_t len, struct totals *t)
{
	zip_error_t ze;
	zip_error_init(&ze);
	zip_source_t *src = zip_source_buffer_create(data, len, 0, &ze);
	if (!src)
		return;
	zip_t *z = zip_open_from_source(src, ZIP_RDONLY, &ze);
	if (!z) {
		zip_source_free(src);
		return;
	}
	if (walk_part(z, "word/document.xml", t)) {
		t->docx++;
	} else {
		walk_part(z, "xl/sharedStrings.xml", t);
		if (walk_part(z, "xl/worksheets/sheet1.xml", t))
			t->xlsx++;
	}
	zip_close(z);
}

static void do_csv(const char *data, size_t len, struct totals *t)
{
	struct csv_parser p;
	if (csv_init(&p, CSV_APPEND_NULL) != 0)
		return;
	csv_parse(&p, data, len, NULL, NULL, NULL);
	csv_fini(&p, NULL, NULL, NULL);
	csv_free(&p);
	t->csv++;
}

static struct list files;
static atomic_size_t next_file;

static void *worker(void *arg)
{
	struct totals *t = arg;
	for (;;) {
		size_t i = atomic_fetch_add(&next_file, 1);
		if (i >= files.n)
			break;
		size_t len = 0;
		char *data = slurp(files.v[i], &len);
		if (!data)
			continue;
		t->files++;
		t->bytes += (long long)len;
		if (len >= 4 && memcmp(data, "PK\3\4", 4) == 0)
			do_zip(data, len, t);
		else
			do_csv(data, len, t);
		free(data);
	}
	return NULL;
}

int main(int argc, char **argv)
{
	int jobs = 1;
	const char *dir = NULL;
	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--jobs") == 0 && i + 1 < argc)
			jobs = atoi(argv[++i]);
		else if (argv[i][0] != '-' && !dir)
			dir = argv[i];
		else {
			fprintf(stderr, "usage: floor [--jobs N] DIR\n");
			return 2;
		}
	}
	if (!dir || jobs < 1 || jobs > 64) {
		fprintf(stderr, "usage: floor [--jobs N] DIR\n");
		return 2;
	}
	xmlInitParser();
	scan(dir, &files);
	qsort(files.v, files.n, sizeof *files.v, cmp);
	struct totals tot[64];
	memset(tot, 0, sizeof tot);
	pthread_t th[64];
	if (jobs == 1) {
		worker(&tot[0]);
	} else {
		for (int i = 0; i < jobs; i++)
			if (pthread_create(&th[i], NULL, worker, &tot[i]) != 0) {
				perror("floor: pthread_create");
				return 1;
			}
		for (int i = 0; i < jobs; i++)
			pthread_join(th[i], NULL);
	}
	struct totals s = {0};
	for (int i = 0; i < jobs; i++) {
		s.files += tot[i].files;
		s.docx += tot[i].docx;
		s.xlsx += tot[i].xlsx;
		s.csv += tot[i].csv;
		s.nodes += tot[i].nodes;
		s.bytes += tot[i].bytes;
		s.xml_bytes += tot[i].xml_bytes;
	}
	printf("files=%ld docx=%ld xlsx=%ld csv=%ld bytes=%lld xml_bytes=%lld nodes=%ld\n", s.files, s.docx,
	       s.xlsx, s.csv, s.bytes, s.xml_bytes, s.nodes);
	for (size_t i = 0; i < files.n; i++)
		free(files.v[i]);
	free(files.v);
	xmlCleanupParser();
	return 0;
}
