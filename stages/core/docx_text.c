/* docx_text.c - Word's text model: a streaming pass over document.xml
 * (libxml2 xmlReader, no entities, no DTD, no network) that yields the body
 * as ordered paragraphs and tables (grid-aligned sheets), as Word shows it. */
#include "buf.h"
#include "docx.h"
#include "problem.h"
#include "text.h"
#include "util.h"

#include <libxml/xmlreader.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define NS_W "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
#define NS_W_STRICT "http://purl.oclc.org/ooxml/wordprocessingml/main"
#define NS_MC "http://schemas.openxmlformats.org/markup-compatibility/2006"
#define FONT_THEME "(theme)" /* a theme font: Unicode */
#define PREFETCH (64u << 10) /* bytes examined for a DOCTYPE before parsing */

/* --- document model --- */

void docx_doc_init(struct docx_doc *d)
{
	memset(d, 0, sizeof(*d));
	d->legacy = FONT_UNICODE;
}

void docx_doc_release(struct docx_doc *d)
{
	for (size_t i = 0; i < d->n; i++) {
		free(d->v[i].text);
		if (d->v[i].table) {
			sheet_release(d->v[i].table);
			free(d->v[i].table);
		}
	}
	free(d->v);
	docx_doc_init(d);
}

static struct docx_block *add_block(struct docx_doc *d, enum docx_block_kind k)
{
	struct docx_block *b;

	XGROW(d->v, d->cap, d->n + 1);
	b = &d->v[d->n++];
	memset(b, 0, sizeof(*b));
	b->kind = k;
	return b;
}

/* vn_normalize_lines(), but "" for text of only white space or controls
 * (kept apart because the text core's result for an empty string must not
 * be relied on). */
static char *norm_lines(const char *s)
{
	const char *p = s;
	int blank = 1;

	while (*p && blank) {
		unsigned c = utf8_next(&p);
		if (!(c <= 0x20 || (c >= 0x7F && c <= 0xA0) || c == 0xAD || c == 0x1680 ||
		      (c >= 0x2000 && c <= 0x200F) || (c >= 0x2028 && c <= 0x202F) ||
		      (c >= 0x205F && c <= 0x2064) || c == 0x3000 || c == 0xFEFF))
			blank = 0;
	}
	return blank ? xstrdup("") : vn_normalize_lines(s);
}

/* --- styles --- */

void docx_styles_init(struct docx_styles *s)
{
	memset(s, 0, sizeof(*s));
}

void docx_styles_release(struct docx_styles *s)
{
	for (size_t i = 0; i < s->n; i++) {
		free(s->v[i].id);
		free(s->v[i].based_on);
		free(s->v[i].font);
	}
	free(s->v);
	free(s->default_font);
	docx_styles_init(s);
}

static int is_w_ns(const xmlChar *ns)
{
	return ns &&
	       (strcmp((const char *)ns, NS_W) == 0 || strcmp((const char *)ns, NS_W_STRICT) == 0);
}

/* Namespace URI of the reader's current element: what
 * xmlTextReaderConstNamespaceUri() returns, read from the node itself
 * (without interning it in the reader's dictionary on every element). */
static const xmlChar *node_ns(xmlTextReaderPtr r)
{
	xmlNodePtr n = xmlTextReaderCurrentNode(r);
	return n && n->ns ? n->ns->href : NULL;
}

static int is_mc_ns(const xmlChar *ns)
{
	return ns && strcmp((const char *)ns, NS_MC) == 0;
}

/* Attribute w:name (either namespace) or name without a namespace. */
static char *wattr(xmlTextReaderPtr r, const char *name)
{
	xmlChar *v = xmlTextReaderGetAttributeNs(r, BAD_CAST name, BAD_CAST NS_W);
	if (!v)
		v = xmlTextReaderGetAttributeNs(r, BAD_CAST name, BAD_CAST NS_W_STRICT);
	if (!v)
		v = xmlTextReaderGetAttribute(r, BAD_CAST name);
	if (!v)
		return NULL;
	char *s = xstrdup((char *)v);
	xmlFree(v);
	return s;
}

/* The font a w:rFonts element names for Latin text, FONT_THEME for a theme
 * font, or NULL when it says nothing about Latin text. */
static char *rfonts_font(xmlTextReaderPtr r)
{
	char *f = wattr(r, "hAnsi");
	if (!f)
		f = wattr(r, "ascii");
	if (!f) {
		char *t = wattr(r, "hAnsiTheme");
		if (!t)
			t = wattr(r, "asciiTheme");
		if (t) {
			free(t);
			f = xstrdup(FONT_THEME);
		}
	}
	return f;
}

static int attr_true(const char *v)
{
	return v && (!strcmp(v, "1") || !strcmp(v, "true") || !strcmp(v, "on"));
}

static int style_cmp(const void *a, const void *b)
{
	return strcmp(((const struct docx_style *)a)->id, ((const struct docx_style *)b)->id);
}

static void quiet_error(void *arg, xmlErrorPtr e)
{
	(void)arg;
	(void)e;
}

static void quiet_generic(void *arg, const char *fmt, ...)
{
	(void)arg;
	(void)fmt;
}

/* Silences libxml2's own messages ("I/O error : encoder error") in this
 * thread: every problem of a file is reported once, as a problem row. */
static void quiet_libxml(void)
{
	xmlSetGenericErrorFunc(NULL, quiet_generic);
}

void docx_styles_parse(struct docx_styles *s, const char *xml, size_t len)
{
	xmlTextReaderPtr r;
	struct docx_style *cur = NULL;
	int in_default = 0, cur_depth = -1, def_depth = -1;

	if (len > INT32_MAX || docx_xml_has_doctype(xml, len) != 0)
		return;
	quiet_libxml();
	r = xmlReaderForMemory(xml, (int)len, "styles.xml", NULL,
			       XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
	if (!r)
		return;
	xmlTextReaderSetStructuredErrorHandler(r, quiet_error, NULL);
	while (xmlTextReaderRead(r) == 1) {
		int type = xmlTextReaderNodeType(r), depth = xmlTextReaderDepth(r);
		const char *ln = (const char *)xmlTextReaderConstLocalName(r);

		if (depth > DOCX_MAX_DEPTH)
			break;
		if (type == XML_READER_TYPE_END_ELEMENT) {
			if (depth == cur_depth)
				cur = NULL, cur_depth = -1;
			if (depth == def_depth)
				in_default = 0, def_depth = -1;
			continue;
		}
		if (type != XML_READER_TYPE_ELEMENT || !is_w_ns(node_ns(r)))
			continue;
		if (!strcmp(ln, "tblStylePr") || !strcmp(ln, "rPrChange") ||
		    !strcmp(ln, "pPrChange")) {
			if (!xmlTextReaderIsEmptyElement(r) && xmlTextReaderNext(r) != 1)
				break;
			/* xmlTextReaderNext lands on the next node; re-examine it */
			if (xmlTextReaderNodeType(r) == XML_READER_TYPE_END_ELEMENT &&
			    xmlTextReaderDepth(r) == cur_depth)
				cur = NULL, cur_depth = -1;
			continue;
		}
		if (!strcmp(ln, "rPrDefault") && !xmlTextReaderIsEmptyElement(r)) {
			in_default = 1;
			def_depth = depth;
		} else if (!strcmp(ln, "style") && s->n < 10000) {
			char *id = wattr(r, "styleId"), *ty = wattr(r, "type"),
			     *df = wattr(r, "default");
			if (id) {
				XGROW(s->v, s->cap, s->n + 1);
				cur = &s->v[s->n++];
				memset(cur, 0, sizeof(*cur));
				cur->id = id;
				cur->para_default = ty && !strcmp(ty, "paragraph") && attr_true(df);
				cur_depth = xmlTextReaderIsEmptyElement(r) ? -1 : depth;
				if (cur_depth < 0)
					cur = NULL;
				id = NULL;
			}
			free(id);
			free(ty);
			free(df);
		} else if (!strcmp(ln, "basedOn") && cur && !cur->based_on) {
			cur->based_on = wattr(r, "val");
		} else if (!strcmp(ln, "rFonts")) {
			char *f = rfonts_font(r);
			if (cur && !cur->font)
				cur->font = f, f = NULL;
			else if (in_default && !s->default_font)
				s->default_font = f, f = NULL;
			free(f);
		}
	}
	xmlFreeTextReader(r);
	if (s->n)
		qsort(s->v, s->n, sizeof(*s->v), style_cmp);
}

int docx_styles_can_name_legacy(const char *xml, size_t len)
{
	const char *p = xml, *end = xml + len, *q;

	if (len >= 3 && !memcmp(p, "\xEF\xBB\xBF", 3))
		p += 3;
	while (p < end && (*p == ' ' || *p == '\t' || *p == '\r' || *p == '\n'))
		p++;
	if (p == end || *p != '<')
		return 1; /* not an ASCII-compatible XML start: let the parser decide */
	if (end - p >= 5 && !memcmp(p, "<?xml", 5) && (q = memmem(p, (size_t)(end - p), "?>", 2))) {
		/* a declared encoding other than UTF-8 could spell a name in
		 * other bytes */
		const char *e = memmem(p, (size_t)(q - p), "encoding", 8);
		if (e) {
			e += 8;
			while (e < q && (*e == ' ' || *e == '=' || *e == '"' || *e == '\''))
				e++;
			if (q - e < 6 || strncasecmp(e, "utf-8", 5) != 0 ||
			    (e[5] != '"' && e[5] != '\''))
				return 1;
		}
	}
	/* The letters of a legacy family name cannot be split by markup
	 * inside an attribute value, and spaces around it are trimmed: a
	 * name legacy_font_kind() knows shows as ".vn" or "vni" in any case.
	 * Blocks of 64 bytes are first checked, branch-free (the compiler
	 * vectorises it), for a NUL (UTF-16, UTF-32), "&#" or "vn". */
	for (size_t i = 0; i < len; i += 64) {
		size_t n = len - i > 65 ? 64 : len - i;
		const unsigned char *u = (const unsigned char *)xml + i;
		unsigned hit = 0;
		if (n == 64) {
			for (size_t j = 0; j < 64; j++)
				hit |= (u[j] == 0) | ((u[j] == '&') & (u[j + 1] == '#')) |
				       (((u[j] | 0x20) == 'v') & ((u[j + 1] | 0x20) == 'n'));
			if (!hit)
				continue;
		}
		for (size_t j = 0; j < n; j++) {
			size_t k = i + j;
			if (u[j] == 0 || (u[j] == '&' && k + 1 < len && u[j + 1] == '#'))
				return 1;
			if ((u[j] | 0x20) == 'v' && k + 1 < len && (u[j + 1] | 0x20) == 'n' &&
			    ((k > 0 && xml[k - 1] == '.') ||
			     (k + 2 < len && (u[j + 2] | 0x20) == 'i')))
				return 1;
		}
	}
	return 0;
}

static const struct docx_style *style_find(const struct docx_styles *s, const char *id)
{
	struct docx_style key = {.id = (char *)id};
	if (!id || !s->n)
		return NULL;
	return bsearch(&key, s->v, s->n, sizeof(*s->v), style_cmp);
}

static const char *style_chain_font(const struct docx_styles *s, const struct docx_style *st)
{
	for (int i = 0; st && i < 16; i++) {
		if (st->font)
			return st->font;
		st = style_find(s, st->based_on);
	}
	return NULL;
}

const char *docx_styles_font(const struct docx_styles *s, const char *rstyle, const char *pstyle)
{
	const char *f;
	const struct docx_style *ps = NULL;

	if (!s)
		return NULL;
	if ((f = style_chain_font(s, style_find(s, rstyle))))
		return f;
	if (pstyle)
		ps = style_find(s, pstyle);
	else
		for (size_t i = 0; i < s->n && !ps; i++)
			if (s->v[i].para_default)
				ps = &s->v[i];
	if ((f = style_chain_font(s, ps)))
		return f;
	return s->default_font;
}

/* --- the body walker --- */

struct strvec {
	char **v;
	size_t n, cap;
};

static void strvec_push(struct strvec *v, char *s)
{
	XGROW(v->v, v->cap, v->n + 1);
	v->v[v->n++] = s;
}

static void strvec_release(struct strvec *v)
{
	for (size_t i = 0; i < v->n; i++)
		free(v->v[i]);
	free(v->v);
	memset(v, 0, sizeof(*v));
}

enum ctr_kind { CTR_BODY, CTR_CELL, CTR_TXBX };

struct para {
	struct buf text;
	char pstyle[64];
	size_t ctr;		/* container it belongs to */
	struct strvec deferred; /* paragraphs of text boxes inside it */
};

struct tbl {
	struct sheet *sheet;
	size_t src_row;
	int have_row;
	unsigned grid_after;
	int in_cell;
	struct buf cell;
	size_t cell_paras;
	unsigned span;
	int vmerged;
};

struct ctr {
	enum ctr_kind kind;
	size_t tbl; /* CTR_CELL: its table (index in the table stack) */
};

struct walk {
	xmlTextReaderPtr r;
	const struct docx_styles *styles;
	struct docx_doc *d;
	struct docx_err *err;
	int root_seen;

	struct para *ps;
	size_t nps, cps;
	struct tbl *ts;
	size_t nts, cts;
	struct ctr *cs;
	size_t ncs, ccs;

	int in_run;
	char run_font[64];
	int run_font_set;
	char rstyle[64];
	int in_t;
	struct buf t;

	unsigned char fld[64]; /* 0 = instruction, 1 = result */
	int nfld, fld_over, ninstr;

	unsigned char alt[64]; /* AlternateContent: a branch taken */
	int nalt, alt_over;

	size_t ncells;
	char xml_error[160];
	int xml_line;
};

static void xml_error_cb(void *arg, xmlErrorPtr e)
{
	struct walk *w = arg;
	if (!w->xml_error[0] && e && e->level >= XML_ERR_ERROR) {
		snprintf(w->xml_error, sizeof(w->xml_error), "%s", e->message ? e->message : "");
		w->xml_line = e->line;
	}
}

static void copy_attr(char *dst, size_t n, char *v)
{
	dst[0] = '\0';
	if (v) {
		snprintf(dst, n, "%s", v);
		free(v);
	}
}

static int text_allowed(const struct walk *w)
{
	return w->in_run && w->nps > 0 && w->ninstr == 0;
}

static void add_text(struct walk *w, const char *s, size_t n)
{
	struct para *p;
	if (!w->nps)
		return;
	p = &w->ps[w->nps - 1];
	if (p->text.len + n <= DOCX_MAX_TEXT)
		buf_add(&p->text, s, n);
}

static void fld_reset(struct walk *w)
{
	w->nfld = w->fld_over = w->ninstr = 0;
}

static void on_fldchar(struct walk *w)
{
	char *t = wattr(w->r, "fldCharType");
	if (!t)
		return;
	if (!strcmp(t, "begin")) {
		if (w->nfld < (int)sizeof(w->fld)) {
			w->fld[w->nfld++] = 0;
			w->ninstr++;
		} else {
			w->fld_over++;
		}
	} else if (!strcmp(t, "separate")) {
		if (!w->fld_over && w->nfld && w->fld[w->nfld - 1] == 0) {
			w->fld[w->nfld - 1] = 1;
			w->ninstr--;
		}
	} else if (!strcmp(t, "end")) {
		if (w->fld_over)
			w->fld_over--;
		else if (w->nfld && w->fld[--w->nfld] == 0)
			w->ninstr--;
	}
	free(t);
}

static void run_start(struct walk *w)
{
	w->in_run++;
	w->run_font[0] = '\0';
	w->run_font_set = 0;
	w->rstyle[0] = '\0';
}

static enum legacy_font run_kind(struct walk *w)
{
	const char *f;
	if (w->run_font_set)
		f = w->run_font;
	else
		f = docx_styles_font(
		    w->styles, w->rstyle[0] ? w->rstyle : NULL,
		    w->nps && w->ps[w->nps - 1].pstyle[0] ? w->ps[w->nps - 1].pstyle : NULL);
	if (!f || !*f || !strcmp(f, FONT_THEME))
		return FONT_UNICODE;
	return legacy_font_kind(f);
}

static void t_end(struct walk *w)
{
	enum legacy_font k;

	w->in_t = 0;
	if (!w->t.len)
		return;
	k = run_kind(w);
	if (k != FONT_UNICODE) {
		/* Only runs whose bytes really were legacy-encoded mark the
		 * document (ma_cu): digits or plain ASCII in a .VnTime run
		 * convert to themselves. */
		int converted = 0;
		char *s = legacy_run_decode(buf_cstr(&w->t), k, &converted);
		add_text(w, s, strlen(s));
		free(s);
		if (converted && w->d->legacy == FONT_UNICODE)
			w->d->legacy = k == FONT_VNI ? FONT_VNI : FONT_TCVN3;
	} else {
		add_text(w, w->t.data, w->t.len);
	}
	buf_reset(&w->t);
}

static void para_start(struct walk *w)
{
	struct para *p;
	XGROW(w->ps, w->cps, w->nps + 1);
	p = &w->ps[w->nps++];
	memset(p, 0, sizeof(*p));
	p->ctr = w->ncs - 1;
}

static void cell_append(struct tbl *t, const char *s)
{
	if (t->cell.len + strlen(s) + 1 > DOCX_MAX_TEXT)
		return;
	if (t->cell_paras++)
		buf_addc(&t->cell, '\n');
	buf_adds(&t->cell, s);
}

static int para_end(struct walk *w)
{
	struct para *p;
	struct ctr *c;
	char *text;

	if (!w->nps)
		return 0;
	p = &w->ps[w->nps - 1];
	c = &w->cs[p->ctr < w->ncs ? p->ctr : w->ncs - 1];
	text = buf_detach(&p->text);
	if (!text)
		text = xstrdup("");
	if (c->kind == CTR_CELL && (c->tbl >= w->nts || !w->ts[c->tbl].in_cell)) {
		free(text); /* a cell that is already closed (malformed nesting) */
	} else if (c->kind == CTR_CELL) {
		struct tbl *t = &w->ts[c->tbl];
		cell_append(t, text);
		free(text);
		for (size_t i = 0; i < p->deferred.n; i++)
			cell_append(t, p->deferred.v[i]);
	} else if (c->kind == CTR_TXBX && w->nps >= 2) {
		struct para *outer = &w->ps[w->nps - 2];
		strvec_push(&outer->deferred, text);
		for (size_t i = 0; i < p->deferred.n; i++) {
			strvec_push(&outer->deferred, p->deferred.v[i]);
			p->deferred.v[i] = NULL;
		}
	} else {
		if (w->d->n + 1 + p->deferred.n > DOCX_MAX_BLOCKS) {
			free(text);
			docx_err_set(w->err, PC_TEP_HONG, "tài liệu có quá nhiều đoạn văn");
			return -1;
		}
		struct docx_block *b = add_block(w->d, DOCX_PARA);
		b->index = ++w->d->npara;
		b->text = norm_lines(text);
		free(text);
		for (size_t i = 0; i < p->deferred.n; i++) {
			b = add_block(w->d, DOCX_PARA);
			b->index = ++w->d->npara;
			b->text = norm_lines(p->deferred.v[i]);
		}
	}
	strvec_release(&p->deferred);
	buf_release(&p->text);
	w->nps--;
	return 0;
}

static void ctr_push(struct walk *w, enum ctr_kind k, size_t tbl)
{
	XGROW(w->cs, w->ccs, w->ncs + 1);
	w->cs[w->ncs].kind = k;
	w->cs[w->ncs].tbl = tbl;
	w->ncs++;
}

static void ctr_pop(struct walk *w, enum ctr_kind k)
{
	if (w->ncs > 1 && w->cs[w->ncs - 1].kind == k)
		w->ncs--;
}

static void tbl_start(struct walk *w)
{
	struct tbl *t;
	struct docx_block *b = add_block(w->d, DOCX_TABLE);

	b->index = ++w->d->ntables;
	b->nest = (unsigned)w->nts;
	b->table = xmalloc(sizeof(*b->table));
	sheet_init(b->table);
	b->table->label = xasprintf("bảng %zu", b->index);
	XGROW(w->ts, w->cts, w->nts + 1);
	t = &w->ts[w->nts++];
	memset(t, 0, sizeof(*t));
	t->sheet = b->table;
}

static struct sheet_row *cur_row(struct tbl *t)
{
	if (!t->have_row) {
		sheet_add_row(t->sheet, ++t->src_row);
		t->have_row = 1;
	}
	return &t->sheet->rows[t->sheet->nrows - 1];
}

static void add_empty_cells(struct walk *w, struct tbl *t, unsigned n)
{
	struct sheet_row *row = cur_row(t);
	for (unsigned i = 0; i < n && row->n < DOCX_MAX_ROW_CELLS; i++) {
		sheet_add_cell(row, NULL, 1, 0);
		w->ncells++;
	}
}

static unsigned attr_uint(xmlTextReaderPtr r, const char *name, unsigned dflt, unsigned max)
{
	char *v = wattr(r, name);
	unsigned long n;
	char *end;

	if (!v)
		return dflt;
	n = strtoul(v, &end, 10);
	if (end == v || n < 1)
		n = dflt;
	if (n > max)
		n = max;
	free(v);
	return (unsigned)n;
}

static int cell_end(struct walk *w)
{
	struct tbl *t;
	struct sheet_row *row;
	char *text;

	if (!w->nts || !w->ts[w->nts - 1].in_cell)
		return 0;
	t = &w->ts[w->nts - 1];
	row = cur_row(t);
	text = norm_lines(buf_cstr(&t->cell));
	if (row->n + t->span <= DOCX_MAX_ROW_CELLS) {
		sheet_take_cell(row, text, t->span, t->vmerged);
		w->ncells += t->span;
	} else {
		free(text);
	}
	buf_release(&t->cell);
	t->in_cell = 0;
	ctr_pop(w, CTR_CELL);
	fld_reset(w);
	if (w->ncells > DOCX_MAX_CELLS) {
		docx_err_set(w->err, PC_TEP_HONG, "bảng có quá nhiều ô (trên %d)", DOCX_MAX_CELLS);
		return -1;
	}
	return 0;
}

/* Skips the subtree of the current element.  Returns the reader's status
 * (1: positioned on the node after it). */
static int skip(struct walk *w)
{
	if (xmlTextReaderIsEmptyElement(w->r))
		return 2; /* nothing to skip; read on normally */
	return xmlTextReaderNext(w->r);
}

enum act { ACT_NONE, ACT_SKIP, ACT_FAIL };

static enum act on_start(struct walk *w, const char *ln, int is_w, int is_mc, int empty)
{
	if (is_mc) {
		if (!strcmp(ln, "AlternateContent")) {
			if (w->nalt < (int)sizeof(w->alt))
				w->alt[w->nalt++] = 0;
			else
				w->alt_over++;
			if (empty) {
				if (w->alt_over)
					w->alt_over--;
				else
					w->nalt--;
			}
		} else if (!strcmp(ln, "Choice") || !strcmp(ln, "Fallback")) {
			if (w->alt_over || !w->nalt || w->alt[w->nalt - 1])
				return ACT_SKIP;
			w->alt[w->nalt - 1] = 1;
		}
		return ACT_NONE;
	}
	if (!is_w)
		return ACT_NONE;
	switch (ln[0]) {
	case 'b':
		if (!strcmp(ln, "br") && text_allowed(w))
			add_text(w, "\n", 1);
		return ACT_NONE;
	case 'c':
		if (!strcmp(ln, "cr") && text_allowed(w))
			add_text(w, "\n", 1);
		else if (!strcmp(ln, "commentReference"))
			return ACT_SKIP;
		return ACT_NONE;
	case 'd':
		if (!strcmp(ln, "del") || !strcmp(ln, "delText") || !strcmp(ln, "delInstrText"))
			return ACT_SKIP;
		return ACT_NONE;
	case 'e':
		if (!strcmp(ln, "endnoteReference"))
			return ACT_SKIP;
		return ACT_NONE;
	case 'f':
		if (!strcmp(ln, "fldChar"))
			on_fldchar(w);
		else if (!strcmp(ln, "footnoteReference") || !strcmp(ln, "fldData"))
			return ACT_SKIP;
		return ACT_NONE;
	case 'g':
		if (!strcmp(ln, "gridSpan") && w->nts && w->ts[w->nts - 1].in_cell)
			w->ts[w->nts - 1].span = attr_uint(w->r, "val", 1, 64);
		else if (!strcmp(ln, "gridBefore") && w->nts)
			add_empty_cells(w, &w->ts[w->nts - 1], attr_uint(w->r, "val", 0, 64));
		else if (!strcmp(ln, "gridAfter") && w->nts)
			w->ts[w->nts - 1].grid_after = attr_uint(w->r, "val", 0, 64);
		return ACT_NONE;
	case 'i':
		if (!strcmp(ln, "instrText"))
			return ACT_SKIP;
		return ACT_NONE;
	case 'm':
		if (!strcmp(ln, "moveFrom"))
			return ACT_SKIP;
		return ACT_NONE;
	case 'n':
		if (!strcmp(ln, "noBreakHyphen") && text_allowed(w))
			add_text(w, "-", 1);
		return ACT_NONE;
	case 'p':
		if (!strcmp(ln, "p")) {
			if (w->nps >= 64)
				return ACT_SKIP;
			para_start(w);
			if (empty && para_end(w) < 0)
				return ACT_FAIL;
		} else if (!strcmp(ln, "pStyle") && w->nps && !w->in_run) {
			copy_attr(w->ps[w->nps - 1].pstyle, sizeof(w->ps[0].pstyle),
				  wattr(w->r, "val"));
		} else if (!strcmp(ln, "pPrChange")) {
			return ACT_SKIP;
		}
		return ACT_NONE;
	case 'r':
		if (!strcmp(ln, "r")) {
			if (!empty)
				run_start(w);
		} else if (!strcmp(ln, "rFonts") && w->in_run) {
			char *f = rfonts_font(w->r);
			if (f) {
				copy_attr(w->run_font, sizeof(w->run_font), f);
				w->run_font_set = 1;
			}
		} else if (!strcmp(ln, "rStyle") && w->in_run) {
			copy_attr(w->rstyle, sizeof(w->rstyle), wattr(w->r, "val"));
		} else if (!strcmp(ln, "rt") || !strcmp(ln, "rPrChange")) {
			return ACT_SKIP;
		}
		return ACT_NONE;
	case 's':
		if (!strcmp(ln, "sdtPr") || !strcmp(ln, "sdtEndPr") || !strcmp(ln, "sectPr") ||
		    !strcmp(ln, "sym") || !strcmp(ln, "sectPrChange"))
			return ACT_SKIP;
		return ACT_NONE;
	case 't':
		if (!strcmp(ln, "t")) {
			if (!text_allowed(w))
				return ACT_SKIP;
			if (!empty) {
				w->in_t = 1;
				buf_reset(&w->t);
			}
		} else if (!strcmp(ln, "tab") && text_allowed(w)) {
			add_text(w, " ", 1);
		} else if (!strcmp(ln, "tbl")) {
			if (w->nts >= DOCX_MAX_TABLE_NEST)
				return ACT_SKIP;
			if (w->d->n + 1 > DOCX_MAX_BLOCKS) {
				docx_err_set(w->err, PC_TEP_HONG, "tài liệu có quá nhiều bảng");
				return ACT_FAIL;
			}
			tbl_start(w);
			if (empty)
				w->nts--;
		} else if (!strcmp(ln, "tr")) {
			if (w->nts && !empty) {
				struct tbl *t = &w->ts[w->nts - 1];
				t->have_row = 0;
				t->grid_after = 0;
				cur_row(t);
			}
		} else if (!strcmp(ln, "tc")) {
			if (w->nts) {
				struct tbl *t = &w->ts[w->nts - 1];
				if (t->in_cell && cell_end(w) < 0)
					return ACT_FAIL;
				t->in_cell = 1;
				t->span = 1;
				t->vmerged = 0;
				t->cell_paras = 0;
				buf_init(&t->cell);
				ctr_push(w, CTR_CELL, w->nts - 1);
				fld_reset(w);
				if (empty && cell_end(w) < 0)
					return ACT_FAIL;
			}
		} else if (!strcmp(ln, "txbxContent")) {
			if (!empty)
				ctr_push(w, CTR_TXBX, 0);
		} else if (!strcmp(ln, "tblPr") || !strcmp(ln, "tblGrid") ||
			   !strcmp(ln, "tblPrChange") || !strcmp(ln, "trPrChange") ||
			   !strcmp(ln, "tcPrChange")) {
			return ACT_SKIP;
		}
		return ACT_NONE;
	case 'v':
		if (!strcmp(ln, "vMerge") && w->nts && w->ts[w->nts - 1].in_cell) {
			char *v = wattr(w->r, "val");
			w->ts[w->nts - 1].vmerged = !v || strcmp(v, "restart") != 0;
			free(v);
		}
		return ACT_NONE;
	}
	return ACT_NONE;
}

static int on_end(struct walk *w, const char *ln, int is_w, int is_mc)
{
	if (is_mc) {
		if (!strcmp(ln, "AlternateContent")) {
			if (w->alt_over)
				w->alt_over--;
			else if (w->nalt)
				w->nalt--;
		}
		return 0;
	}
	if (!is_w)
		return 0;
	if (!strcmp(ln, "t")) {
		if (w->in_t)
			t_end(w);
	} else if (!strcmp(ln, "r")) {
		if (w->in_run)
			w->in_run--;
	} else if (!strcmp(ln, "p")) {
		return para_end(w);
	} else if (!strcmp(ln, "tc")) {
		return cell_end(w);
	} else if (!strcmp(ln, "tr")) {
		if (w->nts) {
			struct tbl *t = &w->ts[w->nts - 1];
			if (t->in_cell && cell_end(w) < 0)
				return -1;
			if (t->grid_after)
				add_empty_cells(w, t, t->grid_after);
			t->have_row = 0;
		}
	} else if (!strcmp(ln, "tbl")) {
		if (w->nts) {
			struct tbl *t = &w->ts[w->nts - 1];
			if (t->in_cell && cell_end(w) < 0)
				return -1;
			w->nts--;
		}
	} else if (!strcmp(ln, "txbxContent")) {
		ctr_pop(w, CTR_TXBX);
	}
	return 0;
}

static int walk_run(struct walk *w)
{
	int rc;

	ctr_push(w, CTR_BODY, 0);
	rc = xmlTextReaderRead(w->r);
	while (rc == 1) {
		int type = xmlTextReaderNodeType(w->r);
		const char *ln;
		int is_w, is_mc;

		if (xmlTextReaderDepth(w->r) > DOCX_MAX_DEPTH) {
			docx_err_set(w->err, PC_TEP_HONG,
				     "tài liệu lồng nhau quá sâu (trên %d cấp)", DOCX_MAX_DEPTH);
			return -1;
		}
		switch (type) {
		case XML_READER_TYPE_DOCUMENT_TYPE:
		case XML_READER_TYPE_ENTITY_REFERENCE:
		case XML_READER_TYPE_ENTITY:
			docx_err_set(
			    w->err, PC_TEP_HONG,
			    "nội dung Word chứa khai báo DOCTYPE/thực thể XML (không hợp lệ)");
			return -1;
		case XML_READER_TYPE_TEXT:
		case XML_READER_TYPE_CDATA:
		case XML_READER_TYPE_WHITESPACE:
		case XML_READER_TYPE_SIGNIFICANT_WHITESPACE:
			if (w->in_t) {
				const char *v = (const char *)xmlTextReaderConstValue(w->r);
				size_t n = v ? strlen(v) : 0;
				if (w->t.len + n <= DOCX_MAX_TEXT)
					buf_add(&w->t, v, n);
			}
			break;
		case XML_READER_TYPE_ELEMENT: {
			int empty = xmlTextReaderIsEmptyElement(w->r);
			ln = (const char *)xmlTextReaderConstLocalName(w->r);
			const xmlChar *ns = node_ns(w->r);
			is_w = is_w_ns(ns);
			is_mc = !is_w && is_mc_ns(ns);
			if (!ln)
				break;
			if (!w->root_seen) {
				w->root_seen = 1;
				if (!is_w || strcmp(ln, "document") != 0) {
					docx_err_set(w->err, PC_TEP_HONG,
						     "phần chính của tệp không phải nội dung Word "
						     "(không có w:document)");
					return -1;
				}
			}
			switch (on_start(w, ln, is_w, is_mc, empty)) {
			case ACT_FAIL:
				return -1;
			case ACT_SKIP:
				rc = skip(w);
				if (rc == 2)
					break;
				continue; /* already on the next node */
			case ACT_NONE:
				break;
			}
			break;
		}
		case XML_READER_TYPE_END_ELEMENT:
			ln = (const char *)xmlTextReaderConstLocalName(w->r);
			const xmlChar *ns = node_ns(w->r);
			is_w = is_w_ns(ns);
			if (ln && on_end(w, ln, is_w, !is_w && is_mc_ns(ns)) < 0)
				return -1;
			break;
		}
		rc = xmlTextReaderRead(w->r);
	}
	if (rc < 0 || w->xml_error[0]) {
		if (w->err->code < 0 && strstr(w->xml_error, "depth"))
			docx_err_set(w->err, PC_TEP_HONG,
				     "tài liệu lồng nhau quá sâu (trên %d cấp)", DOCX_MAX_DEPTH);
		else if (w->err->code < 0)
			docx_err_set(w->err, PC_TEP_HONG,
				     "nội dung Word không đúng cú pháp XML (dòng %d)", w->xml_line);
		return -1;
	}
	if (!w->root_seen) {
		docx_err_set(w->err, PC_TEP_HONG, "phần nội dung Word rỗng");
		return -1;
	}
	/* close what a truncated-but-well-formed walk left open */
	while (w->nps)
		if (para_end(w) < 0)
			return -1;
	return 0;
}

static void walk_release(struct walk *w)
{
	for (size_t i = 0; i < w->nps; i++) {
		buf_release(&w->ps[i].text);
		strvec_release(&w->ps[i].deferred);
	}
	for (size_t i = 0; i < w->nts; i++)
		buf_release(&w->ts[i].cell);
	free(w->ps);
	free(w->ts);
	free(w->cs);
	buf_release(&w->t);
}

static int walk_reader(xmlTextReaderPtr r, const struct docx_styles *styles, struct docx_doc *d,
		       struct docx_err *err)
{
	struct walk w;
	int rc;

	memset(&w, 0, sizeof(w));
	w.r = r;
	w.styles = styles;
	w.d = d;
	w.err = err;
	buf_init(&w.t);
	xmlTextReaderSetStructuredErrorHandler(r, xml_error_cb, &w);
	rc = walk_run(&w);
	walk_release(&w);
	return rc;
}

#define PARSE_OPTS (XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING | XML_PARSE_NOCDATA)

int docx_text_parse(const char *xml, size_t len, const struct docx_styles *styles,
		    struct docx_doc *d, struct docx_err *err)
{
	xmlTextReaderPtr r;
	int rc;

	if (len > DOCX_MAX_PART) {
		docx_err_set(err, PC_TEP_HONG, "nội dung Word quá lớn");
		return -1;
	}
	if (docx_xml_has_doctype(xml, len) == 1) {
		docx_err_set(err, PC_TEP_HONG,
			     "nội dung Word chứa khai báo DOCTYPE/thực thể XML (không hợp lệ)");
		return -1;
	}
	quiet_libxml();
	r = xmlReaderForMemory(xml, (int)len, "document.xml", NULL, PARSE_OPTS);
	if (!r) {
		docx_err_set(err, PC_TEP_HONG, "không đọc được nội dung Word");
		return -1;
	}
	rc = walk_reader(r, styles, d, err);
	xmlFreeTextReader(r);
	return rc;
}

/* Feeds libxml2 from a part stream, after checking its prolog. */
struct io {
	struct docx_stream *s;
	char *pre;
	size_t prelen, prepos;
	int checked, failed;
	struct docx_err *err;
};

static int io_read(void *ctx, char *buf, int len)
{
	struct io *io = ctx;

	if (io->failed)
		return -1;
	if (!io->checked) {
		int n, v;
		io->pre = xmalloc(PREFETCH);
		while (io->prelen < PREFETCH &&
		       (n = docx_stream_read(io->s, io->pre + io->prelen,
					     (int)(PREFETCH - io->prelen))) > 0)
			io->prelen += (size_t)n;
		if (io->err->code >= 0) {
			io->failed = 1;
			return -1;
		}
		v = docx_xml_has_doctype(io->pre, io->prelen);
		if (v == 1 || (v == -1 && io->prelen == PREFETCH)) {
			docx_err_set(
			    io->err, PC_TEP_HONG,
			    "nội dung Word chứa khai báo DOCTYPE/thực thể XML (không hợp lệ)");
			io->failed = 1;
			return -1;
		}
		io->checked = 1;
	}
	if (io->prepos < io->prelen) {
		size_t n = io->prelen - io->prepos;
		if (n > (size_t)len)
			n = (size_t)len;
		memcpy(buf, io->pre + io->prepos, n);
		io->prepos += n;
		return (int)n;
	}
	int n = docx_stream_read(io->s, buf, len);
	if (n < 0)
		io->failed = 1;
	return n;
}

static int io_close(void *ctx)
{
	(void)ctx;
	return 0;
}

int docx_text_parse_part(struct docx_pkg *p, const char *name, const struct docx_styles *styles,
			 struct docx_doc *d, struct docx_err *err)
{
	struct io io;
	xmlTextReaderPtr r = NULL;
	int rc = -1;

	memset(&io, 0, sizeof(io));
	io.err = err;
	io.s = docx_stream_open(p, name, err);
	if (!io.s)
		return -1;
	quiet_libxml();
	r = xmlReaderForIO(io_read, io_close, &io, "document.xml", NULL, PARSE_OPTS);
	if (!r) {
		docx_err_set(err, PC_TEP_HONG, "không đọc được nội dung Word");
		goto out;
	}
	rc = walk_reader(r, styles, d, err);
out:
	if (r)
		xmlFreeTextReader(r);
	docx_stream_close(io.s);
	free(io.pre);
	return rc;
}

/* The styles part beside the main part ("word/styles.xml"). */
static char *styles_name(const char *main)
{
	const char *slash = strrchr(main, '/');
	if (!slash)
		return xstrdup("styles.xml");
	return xasprintf("%.*sstyles.xml", (int)(slash - main + 1), main);
}

int docx_load(const char *data, size_t len, struct docx_doc *d, struct docx_err *err)
{
	struct docx_pkg *p;
	struct docx_styles st;
	char *sname = NULL, *sxml = NULL;
	size_t slen;
	int rc = -1;

	docx_styles_init(&st);
	p = docx_pkg_open(data, len, err);
	if (!p)
		return -1;
	sname = styles_name(docx_pkg_main(p));
	switch (docx_pkg_read_if(p, sname, DOCX_MAX_AUX, docx_styles_can_name_legacy, &sxml, &slen,
				 err)) {
	case 0:
		if (sxml)
			docx_styles_parse(&st, sxml, slen);
		break;
	case 1:
		break;
	default:
		goto out;
	}
	rc = docx_text_parse_part(p, docx_pkg_main(p), &st, d, err);
out:
	free(sname);
	free(sxml);
	docx_styles_release(&st);
	docx_pkg_free(p);
	return rc;
}

void docx_doc_dump(const struct docx_doc *d, FILE *f)
{
	for (size_t i = 0; i < d->n; i++) {
		const struct docx_block *b = &d->v[i];
		if (b->kind == DOCX_PARA) {
			fprintf(f, "%s\n\n", b->text ? b->text : "");
			continue;
		}
		fprintf(f, "[%s]\n", b->table->label);
		for (size_t r = 0; r < b->table->nrows; r++) {
			const struct sheet_row *row = &b->table->rows[r];
			for (size_t c = 0; c < row->n; c++) {
				const struct sheet_cell *cell = &row->cells[c];
				if (c)
					fputs(" | ", f);
				if (cell->covered)
					fputs("<", f);
				else if (cell->vmerged)
					fputs("^", f);
				else if (cell->text)
					for (const char *s = cell->text; *s; s++)
						fputc(*s == '\n' ? '/' : *s, f);
			}
			fputc('\n', f);
		}
		fputc('\n', f);
	}
}
