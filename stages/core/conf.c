/* conf.c - "key = value" configuration files. */
#include "conf.h"
#include "buf.h"
#include "csvio.h"
#include "util.h"

#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

void conf_init(struct conf *c)
{
	memset(c, 0, sizeof *c);
}

void conf_release(struct conf *c)
{
	for (size_t i = 0; i < c->n; i++) {
		free(c->keys[i]);
		free(c->vals[i]);
	}
	free(c->keys);
	free(c->vals);
	conf_init(c);
}

void conf_set(struct conf *c, const char *key, const char *val)
{
	for (size_t i = 0; i < c->n; i++)
		if (strcmp(c->keys[i], key) == 0) {
			free(c->vals[i]);
			c->vals[i] = xstrdup(val);
			return;
		}
	if (c->n == c->cap) {
		size_t cap = c->cap;
		XGROW(c->keys, cap, c->n + 1);
		cap = c->cap;
		XGROW(c->vals, cap, c->n + 1);
		c->cap = cap;
	}
	c->keys[c->n] = xstrdup(key);
	c->vals[c->n] = xstrdup(val);
	c->n++;
}

const char *conf_get(const struct conf *c, const char *key, const char *def)
{
	for (size_t i = c->n; i-- > 0;)
		if (strcmp(c->keys[i], key) == 0)
			return c->vals[i];
	return def;
}

long conf_get_long(const struct conf *c, const char *key, long def)
{
	const char *v = conf_get(c, key, NULL);
	if (!v || !*v)
		return def;
	char *end;
	long n = strtol(v, &end, 10);
	return *end ? def : n;
}

static char *trim(char *s)
{
	while (*s && isspace((unsigned char)*s))
		s++;
	size_t n = strlen(s);
	while (n && isspace((unsigned char)s[n - 1]))
		s[--n] = '\0';
	return s;
}

/* Cuts an inline comment: a '#' at the start or after a space or tab, and
 * what follows it ("input = /srv/x   # where files are dropped").  A '#'
 * inside a word ("C#", "số#1") is kept. */
static void cut_comment(char *s)
{
	for (char *h = strchr(s, '#'); h; h = strchr(h + 1, '#'))
		if (h == s || h[-1] == ' ' || h[-1] == '\t') {
			*h = '\0';
			return;
		}
}

int conf_load(struct conf *c, const char *path)
{
	char *data;
	size_t len;
	if (read_file(path, 4 << 20, &data, &len) != 0)
		return error("không đọc được %s: %s", path, strerror(errno));
	/* edited by people: decoded like a submission, or refused with the line */
	char *text;
	size_t tlen;
	int drc = text_decode_outside(path, data, len, &text, &tlen);
	free(data);
	if (drc != 0)
		return -1;
	data = text;
	len = tlen;
	char *p = data;
	if (len >= 3 && memcmp(p, "\xEF\xBB\xBF", 3) == 0)
		p += 3;
	char *key = NULL;
	struct buf val = BUF_INIT;
	int rc = 0, lineno = 0;
	while (p && *p) {
		char *nl = strchr(p, '\n');
		if (nl)
			*nl = '\0';
		lineno++;
		char *line = p;
		p = nl ? nl + 1 : NULL;
		size_t ll = strlen(line);
		if (ll && line[ll - 1] == '\r')
			line[--ll] = '\0';
		cut_comment(line);
		if ((line[0] == ' ' || line[0] == '\t') && key && *trim(line)) {
			buf_addc(&val, '\n');
			buf_adds(&val, trim(line));
			continue;
		}
		if (key) {
			conf_set(c, key, buf_cstr(&val));
			free(key);
			key = NULL;
			buf_reset(&val);
		}
		char *t = trim(line);
		if (!*t)
			continue;
		char *eq = strchr(t, '=');
		if (!eq) {
			rc = error("%s:%d: thiếu dấu '=' (dạng: khoa = gia_tri)", path, lineno);
			break;
		}
		*eq = '\0';
		key = xstrdup(trim(t));
		buf_adds(&val, trim(eq + 1));
	}
	if (key && rc == 0)
		conf_set(c, key, buf_cstr(&val));
	free(key);
	buf_release(&val);
	free(data);
	return rc;
}
