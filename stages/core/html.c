/* html.c - web pages saved by Word or Excel ("Web Page", "Web Page,
 * Filtered", .htm, .doc/.xls that are HTML) and web archives (.mht) into the
 * document model: paragraphs, and tables as grids (colspan, rowspan).
 *
 * libxml2's HTML parser with no network access and no entity loading; the
 * tree is walked with a depth limit.  The charset comes from the meta tag
 * (or the MHT part's header): Windows-1258 is converted with the project's
 * own table (legacy.h), UTF-8 and the rest are left to the parser.  Text in
 * a legacy font (style font-family or <font face> naming .VnTime, VNI-Times)
 * is converted like a Word run in that font. */
#include "buf.h"
#include "legacy.h"
#include "problem.h"
#include "readers.h"
#include "text.h"
#include "util.h"

#include <ctype.h>
#include <libxml/HTMLparser.h>
#include <libxml/tree.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define HTML_MAX_DEPTH 200 /* element depth walked; deeper content is dropped */
#define WHAT "trang web (HTML)"

struct hw {
	struct docx_doc *d;
	struct buf para;
	int legacy;   /* converted text seen */
	size_t bytes; /* cell text of the tables so far */
};

static int name_is(xmlNodePtr n, const char *name)
{
	return n->type == XML_ELEMENT_NODE && n->name && !strcasecmp((const char *)n->name, name);
}

static int name_in(xmlNodePtr n, const char *const *names)
{
	for (; *names; names++)
		if (name_is(n, *names))
			return 1;
	return 0;
}

static const char *const skipped[] = {"head",	  "script", "style", "title", "noscript", "del",
				      "template", "object", "xml",   "svg",   NULL};
static const char *const blocks[] = {"p",      "h1",   "h2",	  "h3",		"h4",	  "h5",
				     "h6",     "li",   "div",	  "blockquote", "center", "body",
				     "ul",     "ol",   "section", "article",	"form",	  "dl",
				     "dd",     "dt",   "pre",	  "address",	"main",	  "header",
				     "footer", "html", "tr",	  "caption",	NULL};

/* The font of an element when it names a legacy one, else -1 (inherit). */
static int elem_font(xmlNodePtr n)
{
	int k = -1;
	xmlChar *face = xmlGetProp(n, BAD_CAST "face");
	xmlChar *style = xmlGetProp(n, BAD_CAST "style");
	if (face)
		k = (int)legacy_font_kind((const char *)face);
	if (style) {
		const char *s = strcasestr((const char *)style, "font-family:");
		if (s) {
			s += 12;
			while (*s == ' ' || *s == '"' || *s == '\'')
				s++;
			size_t l = strcspn(s, "\"';,");
			char *f = xstrndup(s, l);
			k = (int)legacy_font_kind(f);
			free(f);
		}
	}
	xmlFree(face);
	xmlFree(style);
	return k;
}

static void add_node_text(struct hw *w, struct buf *b, const char *s, enum legacy_font font)
{
	struct buf t = BUF_INIT;
	for (; *s && b->len + t.len < DOCX_MAX_TEXT; s++)
		buf_addc(&t, (*s == '\n' || *s == '\r' || *s == '\t') ? ' ' : *s);
	if (font != FONT_UNICODE) {
		int conv = 0;
		char *u = legacy_run_decode(buf_cstr(&t), font, &conv);
		if (conv) {
			w->legacy = 1;
			if (w->d->legacy == FONT_UNICODE)
				w->d->legacy = font == FONT_VNI ? FONT_VNI : FONT_TCVN3;
		}
		buf_adds(b, u);
		free(u);
	} else {
		buf_add(b, t.data, t.len);
	}
	buf_release(&t);
}

static void line_break(struct buf *b)
{
	if (b->len && b->data[b->len - 1] != '\n')
		buf_addc(b, '\n');
}

/* All the text under n: blocks and rows on lines of their own, cells of a
 * nested table separated by spaces. */
static void collect(struct hw *w, xmlNodePtr n, struct buf *b, enum legacy_font font, int depth)
{
	if (depth > HTML_MAX_DEPTH)
		return;
	for (xmlNodePtr c = n->children; c; c = c->next) {
		if (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) {
			if (c->content)
				add_node_text(w, b, (const char *)c->content, font);
			continue;
		}
		if (c->type != XML_ELEMENT_NODE || name_in(c, skipped))
			continue;
		if (name_is(c, "br")) {
			buf_addc(b, '\n');
			continue;
		}
		int k = elem_font(c);
		int block = name_in(c, blocks) || name_is(c, "table");
		if (block)
			line_break(b);
		collect(w, c, b, k >= 0 ? (enum legacy_font)k : font, depth + 1);
		if (name_is(c, "td") || name_is(c, "th"))
			buf_addc(b, ' ');
		if (block)
			line_break(b);
	}
}

static unsigned span_attr(xmlNodePtr n, const char *name, unsigned max)
{
	xmlChar *v = xmlGetProp(n, BAD_CAST name);
	unsigned long x = 1;
	if (v) {
		char *end;
		x = strtoul((const char *)v, &end, 10);
		if (end == (char *)v || x < 1)
			x = 1;
	}
	xmlFree(v);
	return x > max ? max : (unsigned)x;
}

struct tstate {
	struct grid g;
	unsigned row;
	unsigned occ[SHEET_MAX_COLS]; /* rows still covered by a rowspan above */
};

static void table_row(struct hw *w, struct tstate *t, xmlNodePtr tr, enum legacy_font font)
{
	unsigned col = 0;
	for (xmlNodePtr c = tr->children; c; c = c->next) {
		if (!name_is(c, "td") && !name_is(c, "th"))
			continue;
		while (col < SHEET_MAX_COLS && t->occ[col])
			col++;
		if (col >= SHEET_MAX_COLS)
			break;
		unsigned cs = span_attr(c, "colspan", SHEET_MAX_COLS - col);
		unsigned rs = span_attr(c, "rowspan", XL_MAX_ROW);
		int k = elem_font(c);
		struct buf b = BUF_INIT;
		collect(w, c, &b, k >= 0 ? (enum legacy_font)k : font, 1);
		grid_text(&t->g, t->row, col, model_cell_text(buf_cstr(&b)));
		buf_release(&b);
		if (cs > 1 || rs > 1)
			grid_merge(&t->g, t->row, col, t->row + rs - 1, col + cs - 1);
		for (unsigned i = col; i < col + cs; i++)
			t->occ[i] = rs;
		col += cs;
	}
	for (unsigned i = 0; i < SHEET_MAX_COLS; i++)
		if (t->occ[i])
			t->occ[i]--;
	if (t->row < XL_MAX_ROW)
		t->row++;
}

static void table_rows(struct hw *w, struct tstate *t, xmlNodePtr n, enum legacy_font font,
		       int depth)
{
	for (xmlNodePtr c = n->children; c && !t->g.full; c = c->next) {
		if (name_is(c, "tr")) {
			int k = elem_font(c);
			table_row(w, t, c, k >= 0 ? (enum legacy_font)k : font);
		} else if ((name_is(c, "thead") || name_is(c, "tbody") || name_is(c, "tfoot")) &&
			   depth < 4) {
			table_rows(w, t, c, font, depth + 1);
		}
	}
}

static void flush(struct hw *w)
{
	model_add_para(w->d, buf_cstr(&w->para));
	buf_reset(&w->para);
}

static void add_table(struct hw *w, xmlNodePtr n, enum legacy_font font)
{
	struct tstate *t = xcalloc(1, sizeof(*t));
	grid_init(&t->g);
	t->g.bytes = w->bytes;
	table_rows(w, t, n, font, 0);
	w->bytes = t->g.bytes;
	if (grid_has_text(&t->g)) {
		struct sheet sh;
		sheet_init(&sh);
		grid_to_sheet(&t->g, &sh);
		model_add_table(w->d, &sh, NULL);
	}
	grid_release(&t->g);
	free(t);
}

static int has_table(xmlNodePtr n, int depth)
{
	if (depth > HTML_MAX_DEPTH)
		return 0;
	for (xmlNodePtr c = n->children; c; c = c->next)
		if (c->type == XML_ELEMENT_NODE &&
		    (name_is(c, "table") || (!name_in(c, skipped) && has_table(c, depth + 1))))
			return 1;
	return 0;
}

/* The body in order: tables as tables, block elements as paragraphs. */
static void walk(struct hw *w, xmlNodePtr n, enum legacy_font font, int depth)
{
	if (depth > HTML_MAX_DEPTH)
		return;
	for (xmlNodePtr c = n->children; c; c = c->next) {
		if (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) {
			if (c->content)
				add_node_text(w, &w->para, (const char *)c->content, font);
			continue;
		}
		if (c->type != XML_ELEMENT_NODE || name_in(c, skipped))
			continue;
		int k = elem_font(c);
		enum legacy_font f = k >= 0 ? (enum legacy_font)k : font;
		if (name_is(c, "br")) {
			buf_addc(&w->para, '\n');
		} else if (name_is(c, "table")) {
			flush(w);
			add_table(w, c, f);
		} else if (name_in(c, blocks)) {
			flush(w);
			if (has_table(c, depth + 1)) {
				walk(w, c, f, depth + 1);
			} else {
				collect(w, c, &w->para, f, depth + 1);
			}
			flush(w);
		} else if (has_table(c, depth + 1)) {
			walk(w, c, f, depth + 1);
		} else {
			collect(w, c, &w->para, f, depth + 1);
		}
	}
}

/* --- charset --- */

/* The charset a page names in its first bytes (meta tag or XML prolog),
 * lower case, or "" . */
static void page_charset(const char *data, size_t len, char out[40])
{
	size_t look = len < 16384 ? len : 16384;
	char *head = xstrndup(data, look);
	const char *p = strcasestr(head, "charset=");
	out[0] = '\0';
	if (!p) {
		p = strcasestr(head, "encoding=");
		if (p && !strstr(head, "<?xml"))
			p = NULL;
		if (p)
			p += 1; /* "encoding=" is one longer than "charset=" */
	}
	if (p) {
		p += 8;
		while (*p == '"' || *p == '\'' || *p == ' ')
			p++;
		size_t i = 0;
		while (i < 39 && (isalnum((unsigned char)p[i]) || p[i] == '-' || p[i] == '_'))
			out[i] = (char)tolower((unsigned char)p[i]), i++;
		out[i] = '\0';
	}
	free(head);
}

static int is_1258(const char *cs)
{
	return !strcmp(cs, "windows-1258") || !strcmp(cs, "cp1258") || !strcmp(cs, "x-cp1258");
}

static int parse_page(const char *data, size_t len, const char *charset, struct docx_doc *d,
		      struct docx_err *err)
{
	char cs[40];
	char *conv = NULL;
	const char *enc = NULL;

	if (len > INT32_MAX) {
		docx_err_set(err, PC_TEP_HONG, "%s quá lớn", WHAT);
		return -1;
	}
	page_charset(data, len, cs);
	if (!cs[0] && charset)
		snprintf(cs, sizeof(cs), "%s", charset);
	if (is_1258(cs)) {
		conv = cp1258_to_utf8((const unsigned char *)data, len);
		data = conv;
		len = strlen(conv);
		enc = "UTF-8";
		d->legacy = FONT_UNICODE;
	} else if (!cs[0] || !strcmp(cs, "utf-8") || !strcmp(cs, "utf8")) {
		if (utf8_valid(data, len)) {
			enc = "UTF-8";
		} else {
			enum text_encoding e = text_detect(data, len);
			size_t n;
			if (e != ENC_UNKNOWN && text_to_utf8(data, len, e, &conv, &n) == 0 &&
			    conv) {
				data = conv;
				len = n;
				enc = "UTF-8";
			}
		}
	}
	htmlDocPtr doc = htmlReadMemory(data, (int)len, NULL, enc,
					HTML_PARSE_NONET | HTML_PARSE_NOERROR |
					    HTML_PARSE_NOWARNING | HTML_PARSE_NOIMPLIED);
	free(conv);
	if (!doc) {
		docx_err_set(err, PC_TEP_HONG, "%s bị hỏng (không đọc được)", WHAT);
		return -1;
	}
	struct hw w = {d, BUF_INIT, 0, 0};
	xmlNodePtr root = xmlDocGetRootElement(doc);
	if (root) {
		/* the root itself (html, or a fragment's first element) and its siblings */
		xmlNodePtr top = xmlNewDocNode(doc, NULL, BAD_CAST "div", NULL);
		top->children = doc->children;
		walk(&w, top, FONT_UNICODE, 0);
		top->children = NULL;
		xmlFreeNode(top);
	}
	flush(&w);
	buf_release(&w.para);
	xmlFreeDoc(doc);
	return is_1258(cs) ? 1 : 0;
}

/* --- MHT --- */

int html_is_mht(const char *data, size_t len)
{
	size_t i = 0;
	while (i < len && i < 64 && isspace((unsigned char)data[i]))
		i++;
	return (len - i >= 5 &&
		(!strncasecmp(data + i, "MIME-", 5) || !strncasecmp(data + i, "From:", 5) ||
		 !strncasecmp(data + i, "Content-", 8))) &&
	       memmem(data, len < 8192 ? len : 8192, "multipart/related", 17);
}

/* Value of a header parameter (boundary, charset) in hdr, or NULL. */
static char *header_param(const char *hdr, size_t n, const char *name)
{
	char *h = xstrndup(hdr, n);
	char *p = strcasestr(h, name), *out = NULL;
	if (p) {
		p += strlen(name);
		while (*p == ' ')
			p++;
		if (*p == '=') {
			p++;
			while (*p == ' ')
				p++;
			int q = *p == '"';
			if (q)
				p++;
			size_t l = q ? strcspn(p, "\"\r\n") : strcspn(p, "; \t\r\n");
			out = xstrndup(p, l);
		}
	}
	free(h);
	return out;
}

static int hexval(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	c |= 0x20;
	return c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
}

static void decode_qp(const char *s, size_t n, struct buf *out)
{
	for (size_t i = 0; i < n; i++) {
		if (s[i] != '=') {
			buf_addc(out, s[i]);
		} else if (i + 1 < n && (s[i + 1] == '\n' || s[i + 1] == '\r')) {
			i++;
			if (s[i] == '\r' && i + 1 < n && s[i + 1] == '\n')
				i++;
		} else if (i + 2 < n && hexval(s[i + 1]) >= 0 && hexval(s[i + 2]) >= 0) {
			buf_addc(out, (char)(hexval(s[i + 1]) << 4 | hexval(s[i + 2])));
			i += 2;
		} else {
			buf_addc(out, '=');
		}
	}
}

static int b64val(int c)
{
	if (c >= 'A' && c <= 'Z')
		return c - 'A';
	if (c >= 'a' && c <= 'z')
		return c - 'a' + 26;
	if (c >= '0' && c <= '9')
		return c - '0' + 52;
	return c == '+' ? 62 : c == '/' ? 63 : -1;
}

static void decode_b64(const char *s, size_t n, struct buf *out)
{
	unsigned acc = 0;
	int bits = 0;
	for (size_t i = 0; i < n; i++) {
		int v = b64val((unsigned char)s[i]);
		if (v < 0)
			continue;
		acc = (acc << 6) | (unsigned)v;
		bits += 6;
		if (bits >= 8) {
			bits -= 8;
			buf_addc(out, (char)((acc >> bits) & 0xFF));
		}
	}
}

/* End of the header block at p (the blank line), or NULL. */
static const char *headers_end(const char *p, const char *end, const char **body)
{
	for (const char *q = p; q < end; q++) {
		if (q + 1 < end && q[0] == '\n' && q[1] == '\n') {
			*body = q + 2;
			return q;
		}
		if (q + 3 < end && !memcmp(q, "\r\n\r\n", 4)) {
			*body = q + 4;
			return q;
		}
	}
	return NULL;
}

/* The HTML part of a web archive, decoded; NULL when there is none. */
static char *mht_html(const char *data, size_t len, size_t *outlen, char **charset)
{
	const char *end = data + len, *body;
	const char *he = headers_end(data, end, &body);
	if (!he)
		return NULL;
	char *boundary = header_param(data, (size_t)(he - data), "boundary");
	char *result = NULL;
	const char *p = body;
	for (int part = 0; part < 10000 && p < end; part++) {
		const char *ph = p, *pe = end;
		if (boundary) {
			char *delim = xasprintf("--%s", boundary);
			const char *s = memmem(p, (size_t)(end - p), delim, strlen(delim));
			if (!s) {
				free(delim);
				break;
			}
			ph = s + strlen(delim);
			if (ph + 2 <= end && ph[0] == '-' && ph[1] == '-') {
				free(delim);
				break;
			}
			while (ph < end && (*ph == '\r' || *ph == '\n' || *ph == ' '))
				ph++;
			const char *nx = memmem(ph, (size_t)(end - ph), delim, strlen(delim));
			pe = nx ? nx : end;
			free(delim);
		} else {
			ph = data; /* one part: the message itself */
		}
		const char *pbody;
		const char *phe = headers_end(ph, pe, &pbody);
		if (phe) {
			char *hdr = xstrndup(ph, (size_t)(phe - ph));
			if (strcasestr(hdr, "text/html")) {
				struct buf out = BUF_INIT;
				if (strcasestr(hdr, "quoted-printable"))
					decode_qp(pbody, (size_t)(pe - pbody), &out);
				else if (strcasestr(hdr, "base64"))
					decode_b64(pbody, (size_t)(pe - pbody), &out);
				else
					buf_add(&out, pbody, (size_t)(pe - pbody));
				*charset = header_param(hdr, strlen(hdr), "charset");
				*outlen = out.len;
				result = out.len ? buf_detach(&out) : NULL;
				buf_release(&out);
			}
			free(hdr);
		}
		if (result || !boundary)
			break;
		p = pe;
	}
	free(boundary);
	return result;
}

int html_load(const char *data, size_t len, struct docx_doc *d, struct docx_err *err)
{
	err->kind = "html";
	if (!html_is_mht(data, len))
		return parse_page(data, len, NULL, d, err);
	err->kind = "mht";
	size_t n = 0;
	char *cs = NULL;
	char *page = mht_html(data, len, &n, &cs);
	if (!page) {
		free(cs);
		docx_err_set(err, PC_TEP_HONG,
			     "tệp trang web lưu trữ (.mht) không có phần HTML đọc được");
		return -1;
	}
	if (cs)
		for (char *q = cs; *q; q++)
			*q = (char)tolower((unsigned char)*q);
	int rc = parse_page(page, n, cs, d, err);
	free(page);
	free(cs);
	return rc;
}
