/* vocab.c - the plan's vocabulary (tu-vung.csv) and the one "starts with
 * these words" match. */
#include "vocab.h"
#include "csvio.h"
#include "text.h"
#include "util.h"

#include <stdlib.h>
#include <string.h>

#define X(e, name, what) name,
static const char *const group_names[VG_N] = {VOCAB_GROUPS(X)};
#undef X

void vocab_init(struct vocab *v)
{
	memset(v, 0, sizeof *v);
}

void vocab_release(struct vocab *v)
{
	for (size_t g = 0; g < VG_N; g++) {
		for (size_t i = 0; i < v->g[g].n; i++)
			for (size_t f = 0; f < 3; f++)
				free(v->g[g].v[i].form[f]);
		free(v->g[g].v);
	}
	vocab_init(v);
}

const char *vocab_group_name(enum vocab_group g)
{
	return (unsigned)g < VG_N ? group_names[g] : "";
}

int vocab_group_by_name(const char *name)
{
	for (size_t g = 0; g < VG_N; g++)
		if (strcmp(group_names[g], name) == 0)
			return (int)g;
	return -1;
}

void vocab_add(struct vocab *v, enum vocab_group g, const char *phrase)
{
	struct vocab_list *l = &v->g[g];
	XGROW(l->v, l->cap, l->n + 1);
	struct vocab_phrase *p = &l->v[l->n++];
	char *n = vn_normalize(phrase);
	p->form[VF_LOWER] = vn_lower(n);
	p->form[VF_KEY] = vn_key(n);
	p->form[VF_IDENT] = vn_ident_key(n);
	free(n);
}

struct loader {
	struct vocab *v;
	const char *path;
};

static int on_row(void *ctx, char **vals, size_t row)
{
	struct loader *L = ctx;
	char *name = vn_normalize(vals[0]);
	char *phrase = vn_normalize(vals[1]);
	int rc = 0;
	int g = vocab_group_by_name(name);
	if (!*name && !*phrase)
		; /* an empty row */
	else if (g < 0)
		rc = error("%s:%zu: nhóm \"%s\" không có trong chương trình", L->path, row, name);
	else if (!*phrase)
		rc = error("%s:%zu: thiếu cụm từ", L->path, row);
	else {
		vocab_add(L->v, (enum vocab_group)g, phrase);
		L->v->seen[g] = 1;
	}
	free(name);
	free(phrase);
	return rc;
}

int vocab_load(struct vocab *v, const char *path)
{
	static const char *const cols[] = {"nhom", "cum_tu"};
	struct loader L = {v, path};
	if (csv_read_text_named(path, cols, 2, on_row, &L) != 0)
		return -1;
	for (size_t g = 0; g < VG_N; g++)
		if (!v->seen[g])
			return error("%s: thiếu nhóm \"%s\" (cột nhom)", path, group_names[g]);
	return 0;
}

size_t vocab_count(const struct vocab *v, enum vocab_group g)
{
	return v ? v->g[g].n : 0;
}

const char *vocab_phrase(const struct vocab *v, enum vocab_group g, size_t i, enum vocab_form f)
{
	return v->g[g].v[i].form[f];
}

int words_start(const char *s, const char *w)
{
	size_t n = strlen(w);
	return n && strncmp(s, w, n) == 0 && (s[n] == '\0' || s[n] == ' ');
}

size_t vocab_starts(const struct vocab *v, enum vocab_group g, enum vocab_form f, const char *s)
{
	for (size_t i = 0; i < vocab_count(v, g); i++)
		if (words_start(s, v->g[g].v[i].form[f]))
			return i + 1;
	return 0;
}

int vocab_is(const struct vocab *v, enum vocab_group g, enum vocab_form f, const char *s)
{
	for (size_t i = 0; i < vocab_count(v, g); i++)
		if (strcmp(s, v->g[g].v[i].form[f]) == 0)
			return 1;
	return 0;
}
