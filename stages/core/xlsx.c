/* xlsx.c - Excel 2007+ workbooks (.xlsx, .xlsm, .xltx; transitional and
 * strict namespaces) into the document model: each visible sheet with
 * content becomes one table, cells placed by their references, merged ranges
 * mapped like Word's merged cells, values shown as Excel shows them (dates
 * from the number format, 1900 and 1904 systems), text in a legacy font
 * (.VnTime, VNI-Times) converted.
 *
 * Parts are read whole (bounded by the package layer) and walked with
 * libxml2's xmlReader; elements are matched by local name, so the strict
 * namespace needs nothing special.  Nothing is allocated from what a file
 * claims (dimension, counts): only from cells that hold something. */
#include "buf.h"
#include "legacy.h"
#include "problem.h"
#include "readers.h"
#include "util.h"

#include <libxml/xmlreader.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define WHAT "tệp Excel .xlsx"

/* --- small XML helpers --- */

static char *attr(xmlTextReaderPtr r, const char *name)
{
	xmlChar *v = xmlTextReaderGetAttribute(r, BAD_CAST name);
	char *s = v ? xstrdup((const char *)v) : NULL;
	xmlFree(v);
	return s;
}

static long attr_long(xmlTextReaderPtr r, const char *name, long dflt)
{
	char *v = attr(r, name);
	long n = dflt;
	if (v) {
		char *end;
		long x = strtol(v, &end, 10);
		if (end != v && x >= 0)
			n = x;
	}
	free(v);
	return n;
}

static int is_elem(xmlTextReaderPtr r, const char *ln)
{
	return xmlStrEqual(xmlTextReaderConstLocalName(r), BAD_CAST ln);
}

/* The r:id of a <sheet>: the attribute "id" in a relationships namespace
 * (transitional or strict), whatever its prefix. */
static char *rel_id(xmlTextReaderPtr r)
{
	char *id = NULL;
	if (xmlTextReaderMoveToFirstAttribute(r) != 1)
		return NULL;
	do {
		if (is_elem(r, "id") && xmlTextReaderConstNamespaceUri(r)) {
			free(id);
			id = xstrdup((const char *)xmlTextReaderConstValue(r));
		}
	} while (xmlTextReaderMoveToNextAttribute(r) == 1);
	xmlTextReaderMoveToElement(r);
	return id;
}

static int text_node(xmlTextReaderPtr r)
{
	int t = xmlTextReaderNodeType(r);
	return t == XML_READER_TYPE_TEXT || t == XML_READER_TYPE_CDATA ||
	       t == XML_READER_TYPE_SIGNIFICANT_WHITESPACE || t == XML_READER_TYPE_WHITESPACE;
}

/* Appends text, decoding Excel's _xHHHH_ escapes (_x000D_ is dropped, other
 * controls but tab and line feed too); at most DOCX_MAX_TEXT bytes. */
static void add_text(struct buf *b, const char *s)
{
	while (*s && b->len < DOCX_MAX_TEXT) {
		unsigned cp;
		if (s[0] == '_' && s[1] == 'x' && strlen(s) >= 7 && s[6] == '_' &&
		    sscanf(s + 2, "%4x", &cp) == 1 &&
		    strspn(s + 2, "0123456789abcdefABCDEF") >= 4) {
			if (cp == '\n' || cp == '\t' || cp >= 0x20)
				buf_add_utf8(b, cp >= 0xD800 && cp <= 0xDFFF ? 0xFFFD : cp);
			s += 7;
			continue;
		}
		if (*s != '\r')
			buf_addc(b, *s);
		s++;
	}
}

/* --- relationships --- */

struct rel {
	char *id, *target, *type;
};

struct rels {
	struct rel *v;
	size_t n, cap;
};

static void rels_release(struct rels *rs)
{
	for (size_t i = 0; i < rs->n; i++) {
		free(rs->v[i].id);
		free(rs->v[i].target);
		free(rs->v[i].type);
	}
	free(rs->v);
}

/* target of a relationship of the part at base ("xl/workbook.xml") */
static char *resolve(const char *base, const char *t)
{
	if (*t == '/') {
		while (*t == '/')
			t++;
		return xstrdup(t);
	}
	const char *slash = strrchr(base, '/');
	char *dir = slash ? xstrndup(base, (size_t)(slash - base)) : xstrdup("");
	while (str_starts_with(t, "./"))
		t += 2;
	while (str_starts_with(t, "../")) {
		char *up = strrchr(dir, '/');
		if (up)
			*up = '\0';
		else
			*dir = '\0';
		t += 3;
	}
	char *out = *dir ? xasprintf("%s/%s", dir, t) : xstrdup(t);
	free(dir);
	return out;
}

static void rels_parse(struct rels *rs, const char *xml, size_t len, const char *base)
{
	struct docx_err e;
	docx_err_init(&e);
	xmlTextReaderPtr r = model_xml_reader(xml, len, WHAT, &e);
	if (!r)
		return;
	while (xmlTextReaderRead(r) == 1 && rs->n < DOCX_MAX_ENTRIES) {
		if (xmlTextReaderNodeType(r) != XML_READER_TYPE_ELEMENT ||
		    !is_elem(r, "Relationship"))
			continue;
		char *id = attr(r, "Id"), *t = attr(r, "Target"), *ty = attr(r, "Type");
		char *mode = attr(r, "TargetMode");
		if (id && t && !mode) {
			XGROW(rs->v, rs->cap, rs->n + 1);
			rs->v[rs->n].id = id;
			rs->v[rs->n].target = resolve(base, t);
			rs->v[rs->n].type = ty ? ty : xstrdup("");
			rs->n++;
			id = ty = NULL;
		}
		free(id);
		free(t);
		free(ty);
		free(mode);
	}
	xmlFreeTextReader(r);
}

static const char *rels_by_id(const struct rels *rs, const char *id)
{
	for (size_t i = 0; id && i < rs->n; i++)
		if (!strcmp(rs->v[i].id, id))
			return rs->v[i].target;
	return NULL;
}

static const char *rels_by_type(const struct rels *rs, const char *suffix)
{
	for (size_t i = 0; i < rs->n; i++)
		if (str_ends_with(rs->v[i].type, suffix))
			return rs->v[i].target;
	return NULL;
}

/* --- styles --- */

enum numkind { NK_NUMBER, NK_DATE, NK_TIME, NK_DATETIME, NK_PERCENT, NK_TEXT };

struct xf {
	unsigned char kind; /* enum numkind */
	unsigned char font; /* enum legacy_font */
};

struct styles {
	struct xf *xf;
	size_t nxf, cap;
};

/* What a format code shows, from its first section. */
static enum numkind code_kind(const char *code)
{
	int d = 0, t = 0, pct = 0;
	for (const char *s = code; *s && *s != ';'; s++) {
		switch (*s) {
		case '"': {
			const char *e = strchr(s + 1, '"');
			if (!e)
				return NK_NUMBER;
			s = e;
			break;
		}
		case '\\':
		case '_':
		case '*':
			if (s[1])
				s++;
			break;
		case '[':
			if ((s[1] == 'h' || s[1] == 'H' || s[1] == 'm' || s[1] == 'M' ||
			     s[1] == 's' || s[1] == 'S') &&
			    (s[2] == ']' || s[2] == s[1]))
				t = 1;
			while (*s && *s != ']')
				s++;
			if (!*s)
				s--;
			break;
		case 'd':
		case 'D':
		case 'y':
		case 'Y':
			d = 1;
			break;
		case 'h':
		case 'H':
		case 's':
		case 'S':
			t = 1;
			break;
		case 'm':
		case 'M':
			if (!t)
				d = 1; /* month, unless after hours (then minutes) */
			break;
		case '%':
			pct = 1;
			break;
		case '@':
			return NK_TEXT;
		case 'G':
		case 'g':
			if (!strncasecmp(s, "general", 7))
				s += 6;
			break;
		case 'E':
		case 'e':
			if (s[1] == '+' || s[1] == '-')
				return NK_NUMBER;
			break;
		default:
			break;
		}
	}
	if (d && t)
		return NK_DATETIME;
	if (d)
		return NK_DATE;
	if (t)
		return NK_TIME;
	return pct ? NK_PERCENT : NK_NUMBER;
}

static enum numkind builtin_kind(long id)
{
	if ((id >= 14 && id <= 17) || (id >= 27 && id <= 31) || (id >= 34 && id <= 36) ||
	    (id >= 50 && id <= 58))
		return NK_DATE;
	if ((id >= 18 && id <= 21) || (id >= 32 && id <= 33) || (id >= 45 && id <= 47))
		return NK_TIME;
	if (id == 22)
		return NK_DATETIME;
	if (id == 9 || id == 10)
		return NK_PERCENT;
	if (id == 49)
		return NK_TEXT;
	return NK_NUMBER;
}

struct numfmt {
	long id;
	unsigned char kind;
};

static void styles_parse(struct styles *st, const char *xml, size_t len)
{
	struct docx_err e;
	struct numfmt *fm = NULL;
	size_t nfm = 0, capfm = 0;
	unsigned char *fonts = NULL;
	size_t nfonts = 0, capfonts = 0;
	long *xfmt = NULL, *xfont = NULL;
	size_t nx = 0, capx = 0, capy = 0;
	int in_fonts = 0, in_font = 0, in_xfs = 0;

	docx_err_init(&e);
	xmlTextReaderPtr r = model_xml_reader(xml, len, WHAT, &e);
	if (!r)
		return;
	while (xmlTextReaderRead(r) == 1) {
		int ty = xmlTextReaderNodeType(r);
		if (ty == XML_READER_TYPE_END_ELEMENT) {
			if (is_elem(r, "fonts"))
				in_fonts = 0;
			else if (is_elem(r, "font"))
				in_font = 0;
			else if (is_elem(r, "cellXfs"))
				in_xfs = 0;
			continue;
		}
		if (ty != XML_READER_TYPE_ELEMENT)
			continue;
		int empty = xmlTextReaderIsEmptyElement(r);
		if (is_elem(r, "numFmt") && nfm < 4096) {
			char *code = attr(r, "formatCode");
			XGROW(fm, capfm, nfm + 1);
			fm[nfm].id = attr_long(r, "numFmtId", -1);
			fm[nfm].kind = (unsigned char)code_kind(code ? code : "");
			nfm++;
			free(code);
		} else if (is_elem(r, "fonts")) {
			in_fonts = !empty;
		} else if (in_fonts && is_elem(r, "font") && nfonts < 65536) {
			XGROW(fonts, capfonts, nfonts + 1);
			fonts[nfonts++] = FONT_UNICODE;
			in_font = !empty;
		} else if (in_font && (is_elem(r, "name") || is_elem(r, "rFont"))) {
			char *v = attr(r, "val");
			if (v)
				fonts[nfonts - 1] = (unsigned char)legacy_font_kind(v);
			free(v);
		} else if (is_elem(r, "cellXfs")) {
			in_xfs = !empty;
		} else if (in_xfs && is_elem(r, "xf") && nx < 65536) {
			XGROW(xfmt, capx, nx + 1);
			XGROW(xfont, capy, nx + 1);
			xfmt[nx] = attr_long(r, "numFmtId", 0);
			xfont[nx] = attr_long(r, "fontId", 0);
			nx++;
		}
	}
	xmlFreeTextReader(r);
	for (size_t i = 0; i < nx; i++) {
		XGROW(st->xf, st->cap, st->nxf + 1);
		struct xf *x = &st->xf[st->nxf++];
		x->kind = (unsigned char)(xfmt[i] < 164 ? builtin_kind(xfmt[i]) : NK_NUMBER);
		for (size_t k = 0; k < nfm; k++)
			if (fm[k].id == xfmt[i])
				x->kind = fm[k].kind;
		x->font = xfont[i] >= 0 && (size_t)xfont[i] < nfonts ? fonts[xfont[i]]
								     : (unsigned char)FONT_UNICODE;
	}
	free(fm);
	free(fonts);
	free(xfmt);
	free(xfont);
}

/* --- shared strings --- */

struct sst {
	char **s;
	unsigned char *fonted; /* runs named their own font: the cell's does not apply */
	size_t n, cap;
};

static void sst_release(struct sst *t)
{
	for (size_t i = 0; i < t->n; i++)
		free(t->s[i]);
	free(t->s);
	free(t->fonted);
}

static void mark_legacy(struct docx_doc *d, enum legacy_font k)
{
	if (d->legacy == FONT_UNICODE)
		d->legacy = k == FONT_VNI ? FONT_VNI : FONT_TCVN3;
}

static int sst_parse(struct sst *t, const char *xml, size_t len, struct docx_doc *d,
		     struct docx_err *err)
{
	xmlTextReaderPtr r = model_xml_reader(xml, len, WHAT, err);
	struct buf si = BUF_INIT, run = BUF_INIT;
	int in_si = 0, in_t = 0, in_r = 0, skip = -1, fonted = 0, rc = 0, ret;
	enum legacy_font rfont = FONT_UNICODE;
	size_t cap2 = 0;

	if (!r)
		return -1;
	int ty, depth;
	while ((ret = model_xml_next(r, &skip, &ty, &depth)) == 1) {
		if (ty == XML_READER_TYPE_ELEMENT) {
			int empty = xmlTextReaderIsEmptyElement(r);
			if (is_elem(r, "si")) {
				buf_reset(&si);
				fonted = 0;
				in_si = 1;
				if (empty)
					goto end_si;
			} else if (in_si && is_elem(r, "rPh") && !empty) {
				skip = depth;
			} else if (in_si && is_elem(r, "r")) {
				in_r = !empty;
				rfont = FONT_UNICODE;
				buf_reset(&run);
			} else if (in_r && is_elem(r, "rFont")) {
				char *v = attr(r, "val");
				if (v) {
					rfont = legacy_font_kind(v);
					fonted = 1;
				}
				free(v);
			} else if (in_si && is_elem(r, "t")) {
				in_t = !empty;
			}
			continue;
		}
		if (ty == XML_READER_TYPE_END_ELEMENT) {
			if (is_elem(r, "t")) {
				in_t = 0;
			} else if (in_r && is_elem(r, "r")) {
				in_r = 0;
				if (rfont != FONT_UNICODE) {
					int conv = 0;
					char *u = legacy_run_decode(buf_cstr(&run), rfont, &conv);
					if (conv)
						mark_legacy(d, rfont);
					buf_adds(&si, u);
					free(u);
				} else {
					buf_add(&si, run.data, run.len);
				}
			} else if (in_si && is_elem(r, "si")) {
				goto end_si;
			}
			continue;
		}
		if (in_t && text_node(r))
			add_text(in_r ? &run : &si, (const char *)xmlTextReaderConstValue(r));
		continue;
	end_si:
		in_si = 0;
		if (t->n >= XL_MAX_STRINGS) {
			docx_err_set(err, PC_TEP_HONG, "%s có quá nhiều chuỗi (hơn %d)", WHAT,
				     XL_MAX_STRINGS);
			rc = -1;
			break;
		}
		XGROW(t->s, t->cap, t->n + 1);
		XGROW(t->fonted, cap2, t->n + 1);
		t->s[t->n] = xstrdup(buf_cstr(&si));
		t->fonted[t->n] = (unsigned char)fonted;
		t->n++;
	}
	if (rc == 0 && ret < 0) {
		docx_err_set(err, PC_TEP_HONG,
			     "%s bị hỏng (bảng chuỗi xl/sharedStrings.xml lỗi XML)", WHAT);
		rc = -1;
	}
	buf_release(&si);
	buf_release(&run);
	xmlFreeTextReader(r);
	return rc;
}

/* --- values --- */

/* Days since 1970-01-01 to a civil date (proleptic Gregorian). */
static void civil(long z, int *y, int *m, int *dd)
{
	z += 719468;
	long era = (z >= 0 ? z : z - 146096) / 146097;
	long doe = z - era * 146097;
	long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	long yy = yoe + era * 400;
	long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	long mp = (5 * doy + 2) / 153;
	*dd = (int)(doy - (153 * mp + 2) / 5 + 1);
	*m = (int)(mp < 10 ? mp + 3 : mp - 9);
	*y = (int)(yy + (*m <= 2));
}

/* An Excel serial as a date "dd/mm/yyyy"; 0 when out of range. */
static int serial_date(double v, int date1904, char out[16])
{
	if (!(v >= 1 && v < 2958466))
		return 0;
	long n = (long)floor(v);
	int y, m, d;
	if (date1904) {
		civil(n - 24107, &y, &m, &d); /* 1904-01-01 is day 24107 of 1970's scale */
	} else if (n == 60) {
		y = 1900, m = 2, d = 29; /* Lotus's leap day that never was */
	} else {
		civil(n - (n < 60 ? 25568 : 25569), &y, &m, &d);
	}
	snprintf(out, 16, "%02d/%02d/%04d", d, m, y);
	return 1;
}

static void hhmm(double v, char out[8])
{
	double f = v - floor(v);
	long mins = lround(f * 1440.0) % 1440;
	snprintf(out, 8, "%02ld:%02ld", mins / 60, mins % 60);
}

/* A number as a person sees it: 1978, 3.5, 1E+20; not 1978.0. */
static char *show_number(const char *v, enum numkind k, int date1904)
{
	char *end;
	double x = strtod(v, &end);
	char buf[64], date[16], tm[8];
	if (end == v || *end || !isfinite(x))
		return xstrdup(v);
	switch (k) {
	case NK_DATE:
	case NK_DATETIME:
		if (!serial_date(x, date1904, date))
			break;
		if (k == NK_DATETIME && x != floor(x)) {
			hhmm(x, tm);
			return xasprintf("%s %s", date, tm);
		}
		return xstrdup(date);
	case NK_TIME:
		if (x >= 0 && x < 1) {
			hhmm(x, tm);
			return xstrdup(tm);
		}
		break;
	case NK_PERCENT:
		snprintf(buf, sizeof(buf), "%.15g%%", x * 100);
		return xstrdup(buf);
	default:
		break;
	}
	snprintf(buf, sizeof(buf), "%.15g", x);
	if (strchr(buf, 'e')) {
		for (char *p = buf; *p; p++)
			if (*p == 'e')
				*p = 'E';
	}
	return xstrdup(buf);
}

/* ISO 8601 date of a t="d" cell as dd/mm/yyyy. */
static char *show_iso_date(const char *v)
{
	int y, m, d;
	if (sscanf(v, "%4d-%2d-%2d", &y, &m, &d) == 3)
		return xasprintf("%02d/%02d/%04d", d, m, y);
	return xstrdup(v);
}

/* --- one worksheet --- */

/* "D7" (letters case-insensitive) -> 0-based row and column; 0 on failure. */
static int parse_ref(const char *s, unsigned *row, unsigned *col)
{
	unsigned long c = 0, r = 0;
	int nl = 0, nd = 0;
	while (*s == '$')
		s++;
	for (; (*s >= 'A' && *s <= 'Z') || (*s >= 'a' && *s <= 'z'); s++, nl++) {
		if (nl >= 3)
			return 0;
		c = c * 26 + (unsigned long)((*s | 0x20) - 'a' + 1);
	}
	while (*s == '$')
		s++;
	for (; *s >= '0' && *s <= '9'; s++, nd++) {
		if (nd >= 7)
			return 0;
		r = r * 10 + (unsigned long)(*s - '0');
	}
	if (*s || !nl || !nd || c < 1 || c > 16384 || r < 1 || r > XL_MAX_ROW)
		return 0;
	*row = (unsigned)(r - 1);
	*col = (unsigned)(c - 1);
	return 1;
}

struct book {
	struct styles st;
	struct sst sst;
	int date1904;
	size_t bytes; /* cell text of the sheets so far (bounded like one table's) */
	struct docx_doc *d;
	struct docx_err *err;
};

static char *cell_value(struct book *bk, const char *t, long s, const char *v)
{
	const struct xf *x = s >= 0 && (size_t)s < bk->st.nxf ? &bk->st.xf[s] : NULL;
	enum legacy_font font = x ? (enum legacy_font)x->font : FONT_UNICODE;
	char *text = NULL;
	int fonted = 0;

	if (!t || !strcmp(t, "n")) {
		return *v ? show_number(v, x ? (enum numkind)x->kind : NK_NUMBER, bk->date1904)
			  : NULL;
	} else if (!strcmp(t, "s")) {
		char *end;
		long i = strtol(v, &end, 10);
		if (end == v || i < 0 || (size_t)i >= bk->sst.n)
			return NULL;
		text = xstrdup(bk->sst.s[i]);
		fonted = bk->sst.fonted[i];
	} else if (!strcmp(t, "b")) {
		return xstrdup(!strcmp(v, "1") || !strcasecmp(v, "true") ? "TRUE" : "FALSE");
	} else if (!strcmp(t, "d")) {
		return show_iso_date(v);
	} else {
		text = xstrdup(v); /* str, inlineStr, e */
	}
	if (font != FONT_UNICODE && !fonted) {
		int conv = 0;
		char *u = legacy_run_decode(text, font, &conv);
		if (conv)
			mark_legacy(bk->d, font);
		free(text);
		text = u;
	}
	return text;
}

static int sheet_parse(struct book *bk, const char *xml, size_t len, const char *name)
{
	xmlTextReaderPtr r = model_xml_reader(xml, len, WHAT, bk->err);
	struct grid g;
	struct buf v = BUF_INIT;
	unsigned row = 0, col = 0;
	int have_row = 0, in_c = 0, in_v = 0, in_is = 0, in_t = 0, skip = -1, rc = 0, ret;
	char *t = NULL;
	long s = -1;
	unsigned crow = 0, ccol = 0;
	int cok = 0;

	if (!r)
		return -1;
	grid_init(&g);
	g.bytes = bk->bytes;
	int ty, depth;
	while ((ret = model_xml_next(r, &skip, &ty, &depth)) == 1) {
		if (ty == XML_READER_TYPE_ELEMENT) {
			int empty = xmlTextReaderIsEmptyElement(r);
			if (is_elem(r, "row")) {
				long rn = attr_long(r, "r", 0);
				row = rn >= 1 && rn <= (long)XL_MAX_ROW ? (unsigned)(rn - 1)
				      : have_row			? row + 1
									: 0;
				have_row = 1;
				col = 0;
			} else if (is_elem(r, "c")) {
				char *ref = attr(r, "r");
				cok = 1;
				if (ref) {
					cok = parse_ref(ref, &crow, &ccol);
				} else {
					crow = row;
					ccol = col;
				}
				free(ref);
				if (cok) {
					row = crow;
					have_row = 1;
					col = ccol + 1;
				}
				free(t);
				t = attr(r, "t");
				s = attr_long(r, "s", -1);
				buf_reset(&v);
				in_c = !empty;
			} else if (in_c && is_elem(r, "v")) {
				in_v = !empty;
			} else if (in_c && is_elem(r, "is")) {
				in_is = !empty;
			} else if (in_is && is_elem(r, "rPh") && !empty) {
				skip = depth;
			} else if (in_is && is_elem(r, "t")) {
				in_t = !empty;
			} else if (is_elem(r, "mergeCell")) {
				char *ref = attr(r, "ref");
				char *colon = ref ? strchr(ref, ':') : NULL;
				unsigned r1, c1, r2, c2;
				if (colon) {
					*colon = '\0';
					if (parse_ref(ref, &r1, &c1) &&
					    parse_ref(colon + 1, &r2, &c2))
						grid_merge(&g, r1, c1, r2, c2);
				}
				free(ref);
			}
			if (!(is_elem(r, "c") && empty))
				continue;
		} else if (ty == XML_READER_TYPE_END_ELEMENT) {
			if (is_elem(r, "v"))
				in_v = 0;
			else if (is_elem(r, "t"))
				in_t = 0;
			else if (is_elem(r, "is"))
				in_is = 0;
			if (!is_elem(r, "c") || !in_c)
				continue;
		} else {
			if ((in_v || in_t) && text_node(r))
				add_text(&v, (const char *)xmlTextReaderConstValue(r));
			continue;
		}
		/* end of a cell */
		in_c = in_v = in_is = in_t = 0;
		if (cok && v.len) {
			char *val = cell_value(bk, t, s, buf_cstr(&v));
			char *txt = val ? model_cell_text(val) : NULL;
			free(val);
			grid_text(&g, crow, ccol, txt);
			if (g.full) {
				docx_err_set(bk->err, PC_TEP_HONG,
					     "%s " GRID_FULL_MSG ": trang tính \"%s\"", WHAT, name);
				rc = -1;
				break;
			}
		}
	}
	if (rc == 0 && ret < 0) {
		docx_err_set(bk->err, PC_TEP_HONG, "%s bị hỏng (trang tính \"%s\" lỗi XML)", WHAT,
			     name);
		rc = -1;
	}
	if (rc == 0 && grid_has_text(&g)) {
		struct sheet sh;
		sheet_init(&sh);
		grid_to_sheet(&g, &sh);
		char *label = xasprintf("trang tính %s", name);
		model_add_table(bk->d, &sh, label);
		free(label);
	}
	bk->bytes = g.bytes;
	grid_release(&g);
	free(t);
	buf_release(&v);
	xmlFreeTextReader(r);
	return rc;
}

/* --- the workbook --- */

struct wsheet {
	char *name, *rid;
};

static int read_part(struct docx_pkg *p, const char *name, size_t cap, char **out, size_t *len,
		     struct docx_err *err)
{
	int rc = docx_pkg_read(p, name, cap, out, len, err);
	if (rc == 0)
		model_utf16_part(out, len);
	if (rc < 0 && err->code == PC_TEP_HONG && strstr(err->detail, "tệp nén hỏng")) {
		err->detail[0] = '\0';
		snprintf(err->detail, sizeof(err->detail), "%s bị hỏng (không giải nén được %s)",
			 WHAT, name);
	}
	return rc;
}

int xlsx_load(const char *data, size_t len, struct docx_doc *d, struct docx_err *err)
{
	struct book bk;
	struct rels rs = {0};
	struct wsheet *sh = NULL;
	size_t nsh = 0, capsh = 0;
	char *wb = NULL, *xml = NULL, *relname = NULL;
	size_t xlen;
	int rc = -1;

	memset(&bk, 0, sizeof(bk));
	bk.d = d;
	bk.err = err;
	err->kind = "xlsx";
	struct docx_pkg *p = docx_pkg_open_zip(data, len, WHAT, err);
	if (!p)
		return -1;
	wb = xstrdup(docx_pkg_main(p) && docx_pkg_has(p, docx_pkg_main(p)) ? docx_pkg_main(p)
									   : "xl/workbook.xml");
	if (read_part(p, wb, DOCX_MAX_AUX, &xml, &xlen, err) != 0) {
		docx_err_set(err, PC_TEP_HONG, "%s thiếu phần xl/workbook.xml", WHAT);
		goto out;
	}
	xmlTextReaderPtr r = model_xml_reader(xml, xlen, WHAT, err);
	if (!r)
		goto out;
	int ret;
	while ((ret = xmlTextReaderRead(r)) == 1) {
		if (xmlTextReaderNodeType(r) != XML_READER_TYPE_ELEMENT)
			continue;
		if (is_elem(r, "workbookPr")) {
			char *v = attr(r, "date1904");
			bk.date1904 = v && (!strcmp(v, "1") || !strcasecmp(v, "true"));
			free(v);
		} else if (is_elem(r, "sheet") && nsh < XL_MAX_SHEETS) {
			char *state = attr(r, "state");
			int hidden = state && strcasecmp(state, "visible") != 0;
			free(state);
			if (hidden)
				continue;
			XGROW(sh, capsh, nsh + 1);
			sh[nsh].name = attr(r, "name");
			if (!sh[nsh].name)
				sh[nsh].name = xasprintf("%zu", nsh + 1);
			sh[nsh].rid = rel_id(r);
			nsh++;
		}
	}
	xmlFreeTextReader(r);
	free(xml);
	xml = NULL;
	if (ret < 0) {
		docx_err_set(err, PC_TEP_HONG, "%s bị hỏng (xl/workbook.xml lỗi XML)", WHAT);
		goto out;
	}
	{
		const char *slash = strrchr(wb, '/');
		relname = slash
			      ? xasprintf("%.*s_rels/%s.rels", (int)(slash - wb + 1), wb, slash + 1)
			      : xasprintf("_rels/%s.rels", wb);
	}
	if (read_part(p, relname, DOCX_MAX_AUX, &xml, &xlen, err) < 0)
		goto out;
	if (xml)
		rels_parse(&rs, xml, xlen, wb);
	free(xml);
	xml = NULL;
	const char *part = rels_by_type(&rs, "/styles");
	if (read_part(p, part ? part : "xl/styles.xml", DOCX_MAX_AUX, &xml, &xlen, err) < 0)
		goto out;
	if (xml)
		styles_parse(&bk.st, xml, xlen);
	free(xml);
	xml = NULL;
	part = rels_by_type(&rs, "/sharedStrings");
	if (read_part(p, part ? part : "xl/sharedStrings.xml", DOCX_MAX_PART, &xml, &xlen, err) < 0)
		goto out;
	if (xml && sst_parse(&bk.sst, xml, xlen, d, err) < 0)
		goto out;
	free(xml);
	xml = NULL;
	for (size_t i = 0; i < nsh; i++) {
		const char *target = rels_by_id(&rs, sh[i].rid);
		char *fallback = NULL;
		if (!target) {
			fallback = xasprintf("xl/worksheets/sheet%zu.xml", i + 1);
			target = fallback;
		}
		int got = read_part(p, target, DOCX_MAX_PART, &xml, &xlen, err);
		if (got == 0 && sheet_parse(&bk, xml, xlen, sh[i].name) < 0)
			got = -1;
		free(fallback);
		free(xml);
		xml = NULL;
		if (got < 0)
			goto out;
	}
	rc = 0;
out:
	free(xml);
	free(wb);
	free(relname);
	for (size_t i = 0; i < nsh; i++) {
		free(sh[i].name);
		free(sh[i].rid);
	}
	free(sh);
	rels_release(&rs);
	sst_release(&bk.sst);
	free(bk.st.xf);
	docx_pkg_free(p);
	return rc;
}
