/* odf.c - OpenDocument text (.odt) and spreadsheets (.ods) into the document
 * model, from content.xml walked with libxml2's xmlReader: paragraphs and
 * headings; tables with spanned cells (number-columns-spanned,
 * number-rows-spanned) and repeated rows and columns.  A repeat is only
 * counted, never expanded, unless the repeated cell or row holds text, and
 * then at most XL_MAX_REPEAT copies are made; tables nested in a cell give
 * their text to that cell.  Sheets hidden by their style are skipped. */
#include "buf.h"
#include "problem.h"
#include "readers.h"
#include "util.h"

#include <libxml/xmlreader.h>
#include <stdlib.h>
#include <string.h>

#define ODF_MAX_COL (1u << 20) /* column counter saturates here */

struct ostate {
	struct docx_doc *d;
	struct docx_err *err;
	const char *what;
	int sheet; /* office:spreadsheet */
	char **hidden;
	size_t nhidden, caphidden;
	char *style; /* style being read in automatic-styles */
	/* the current top-level table */
	int tdepth;   /* table nesting */
	int skip_tbl; /* the top-level table is hidden */
	char *tname;
	struct grid g;
	unsigned row, col;
	unsigned row_rep;
	size_t row_first; /* grid entries of the current row start here */
	unsigned cell_rep, cell_cs, cell_rs;
	int in_cell;
	char *cell_date;
	struct buf cell; /* text of the current top-level cell */
	struct buf para; /* text of the current paragraph outside tables */
	int in_para;
	unsigned budget; /* copies of repeated content left */
	size_t bytes;	 /* cell text of the tables so far */
};

static char *attr(xmlTextReaderPtr r, const char *name)
{
	char *out = NULL;
	if (xmlTextReaderMoveToFirstAttribute(r) != 1)
		return NULL;
	do {
		if (xmlStrEqual(xmlTextReaderConstLocalName(r), BAD_CAST name)) {
			out = xstrdup((const char *)xmlTextReaderConstValue(r));
			break;
		}
	} while (xmlTextReaderMoveToNextAttribute(r) == 1);
	xmlTextReaderMoveToElement(r);
	return out;
}

static unsigned attr_count(xmlTextReaderPtr r, const char *name, unsigned max)
{
	char *v = attr(r, name);
	unsigned long n = 1;
	if (v) {
		char *end;
		n = strtoul(v, &end, 10);
		if (end == v || n < 1)
			n = 1;
	}
	free(v);
	return n > max ? max : (unsigned)n;
}

static int is(xmlTextReaderPtr r, const char *ln)
{
	return xmlStrEqual(xmlTextReaderConstLocalName(r), BAD_CAST ln);
}

static struct buf *sink(struct ostate *s)
{
	if (s->tdepth > 0)
		return s->in_cell ? &s->cell : NULL;
	return s->in_para ? &s->para : NULL;
}

static void add(struct ostate *s, const char *t)
{
	struct buf *b = sink(s);
	if (!b)
		return;
	for (; *t && b->len < DOCX_MAX_TEXT; t++)
		buf_addc(b, (*t == '\n' || *t == '\r' || *t == '\t') ? ' ' : *t);
}

static void nl(struct ostate *s)
{
	struct buf *b = sink(s);
	if (b && b->len && b->data[b->len - 1] != '\n')
		buf_addc(b, '\n');
}

static int hidden_style(struct ostate *s, const char *name)
{
	for (size_t i = 0; name && i < s->nhidden; i++)
		if (!strcmp(s->hidden[i], name))
			return 1;
	return 0;
}

static void table_start(struct ostate *s, xmlTextReaderPtr r)
{
	if (++s->tdepth > 1) {
		nl(s);
		return;
	}
	char *st = attr(r, "style-name");
	s->skip_tbl = s->sheet && hidden_style(s, st);
	free(st);
	free(s->tname);
	s->tname = attr(r, "name");
	grid_init(&s->g);
	s->g.bytes = s->bytes;
	s->row = s->col = 0;
}

static void table_end(struct ostate *s)
{
	if (--s->tdepth > 0) {
		nl(s);
		return;
	}
	if (!s->skip_tbl && grid_has_text(&s->g)) {
		struct sheet sh;
		sheet_init(&sh);
		grid_to_sheet(&s->g, &sh);
		char *label =
		    s->sheet ? xasprintf("trang tính %s", s->tname ? s->tname : "?") : NULL;
		model_add_table(s->d, &sh, label);
		free(label);
	}
	s->bytes = s->g.bytes;
	grid_release(&s->g);
}

static void row_end(struct ostate *s)
{
	size_t end = s->g.n;
	unsigned copies = 0;
	if (end > s->row_first && s->row_rep > 1) {
		size_t per = end - s->row_first; /* cells of the row: each copy costs them */
		size_t can = s->budget / per;
		copies = s->row_rep - 1 < can ? s->row_rep - 1 : (unsigned)can;
		s->budget -= (unsigned)(copies * per);
	}
	for (unsigned k = 1; k <= copies && !s->g.full; k++)
		for (size_t i = s->row_first; i < end && !s->g.full; i++)
			if (s->g.v[i].text)
				grid_text(&s->g, s->row + k, s->g.v[i].col,
					  xstrdup(s->g.v[i].text));
	s->row = s->row + s->row_rep > XL_MAX_ROW ? XL_MAX_ROW : s->row + s->row_rep;
}

static void cell_end(struct ostate *s)
{
	char *t;
	if (s->cell_date && strlen(s->cell_date) >= 10 && s->cell_date[4] == '-')
		t = xasprintf("%.2s/%.2s/%.4s", s->cell_date + 8, s->cell_date + 5, s->cell_date);
	else
		t = model_cell_text(buf_cstr(&s->cell));
	if (*t && s->col < SHEET_MAX_COLS) {
		unsigned n = 1;
		if (s->cell_rep > 1) {
			unsigned extra = s->cell_rep - 1 < s->budget ? s->cell_rep - 1 : s->budget;
			if (extra > SHEET_MAX_COLS)
				extra = SHEET_MAX_COLS;
			s->budget -= extra;
			n += extra;
		}
		for (unsigned k = 1; k < n; k++)
			grid_text(&s->g, s->row, s->col + k, xstrdup(t));
		if (s->cell_cs > 1 || s->cell_rs > 1)
			grid_merge(&s->g, s->row, s->col, s->row + s->cell_rs - 1,
				   s->col + s->cell_cs - 1);
		grid_text(&s->g, s->row, s->col, t);
	} else {
		free(t);
	}
	s->col = s->col + s->cell_rep > ODF_MAX_COL ? ODF_MAX_COL : s->col + s->cell_rep;
	s->in_cell = 0;
	free(s->cell_date);
	s->cell_date = NULL;
}

static int on_element(struct ostate *s, xmlTextReaderPtr r, int empty)
{
	if (is(r, "spreadsheet")) {
		s->sheet = 1;
	} else if (is(r, "style") && s->tdepth == 0) {
		free(s->style);
		s->style = attr(r, "name");
	} else if (is(r, "table-properties") && s->style) {
		char *disp = attr(r, "display");
		if (disp && !strcmp(disp, "false") && s->nhidden < 4096) {
			XGROW(s->hidden, s->caphidden, s->nhidden + 1);
			s->hidden[s->nhidden++] = xstrdup(s->style);
		}
		free(disp);
	} else if (is(r, "table")) {
		table_start(s, r);
		if (empty)
			table_end(s);
	} else if (is(r, "table-row") && s->tdepth == 1) {
		s->row_rep = attr_count(r, "number-rows-repeated", XL_MAX_ROW);
		s->row_first = s->g.n;
		s->col = 0;
		if (empty)
			row_end(s);
	} else if ((is(r, "table-cell") || is(r, "covered-table-cell")) && s->tdepth == 1) {
		s->cell_rep = attr_count(r, "number-columns-repeated", ODF_MAX_COL);
		s->cell_cs = is(r, "table-cell")
				 ? attr_count(r, "number-columns-spanned", SHEET_MAX_COLS)
				 : 1;
		s->cell_rs =
		    is(r, "table-cell") ? attr_count(r, "number-rows-spanned", XL_MAX_ROW) : 1;
		buf_reset(&s->cell);
		char *vt = attr(r, "value-type");
		free(s->cell_date);
		s->cell_date = vt && !strcmp(vt, "date") ? attr(r, "date-value") : NULL;
		free(vt);
		s->in_cell = 1;
		if (empty || is(r, "covered-table-cell")) {
			buf_reset(&s->cell);
			cell_end(s);
			if (!empty)
				return 2; /* covered: skip its content */
		}
	} else if (is(r, "p") || is(r, "h")) {
		if (s->tdepth == 0) {
			buf_reset(&s->para);
			s->in_para = !empty;
		} else {
			nl(s);
		}
	} else if (is(r, "s")) {
		unsigned n = attr_count(r, "c", 1000);
		for (unsigned i = 0; i < n; i++)
			add(s, " ");
	} else if (is(r, "tab")) {
		add(s, " ");
	} else if (is(r, "line-break")) {
		struct buf *b = sink(s);
		if (b)
			buf_addc(b, '\n');
	} else if (!empty && (is(r, "annotation") || is(r, "note") || is(r, "tracked-changes") ||
			      is(r, "desc") || is(r, "title") || is(r, "sequence-decls") ||
			      is(r, "forms") || is(r, "notes"))) {
		return 2;
	}
	return 0;
}

static void on_end(struct ostate *s, xmlTextReaderPtr r)
{
	if (is(r, "table")) {
		table_end(s);
	} else if (is(r, "table-row") && s->tdepth == 1) {
		row_end(s);
	} else if (is(r, "table-cell") && s->tdepth == 1 && s->in_cell) {
		cell_end(s);
	} else if ((is(r, "p") || is(r, "h")) && s->tdepth == 0 && s->in_para) {
		model_add_para(s->d, buf_cstr(&s->para));
		s->in_para = 0;
	} else if (is(r, "style")) {
		free(s->style);
		s->style = NULL;
	}
}

static int parse_content(struct ostate *s, const char *xml, size_t len)
{
	xmlTextReaderPtr r = model_xml_reader(xml, len, s->what, s->err);
	int ret, skip = -1, rc = 0, root = 0;
	if (!r)
		return -1;
	int ty, depth;
	while ((ret = model_xml_next(r, &skip, &ty, &depth)) == 1) {
		if (depth > DOCX_MAX_DEPTH) {
			docx_err_set(s->err, PC_TEP_HONG, "%s lồng quá sâu (hơn %d cấp)", s->what,
				     DOCX_MAX_DEPTH);
			rc = -1;
			break;
		}
		if (ty == XML_READER_TYPE_ELEMENT) {
			if (!root++ && !is(r, "document-content") && !is(r, "document")) {
				docx_err_set(s->err, PC_TEP_HONG,
					     "%s bị hỏng (content.xml không phải nội dung "
					     "OpenDocument)",
					     s->what);
				rc = -1;
				break;
			}
			if (on_element(s, r, xmlTextReaderIsEmptyElement(r)) == 2)
				skip = depth;
		} else if (ty == XML_READER_TYPE_END_ELEMENT) {
			on_end(s, r);
		} else if (ty == XML_READER_TYPE_TEXT || ty == XML_READER_TYPE_CDATA ||
			   ty == XML_READER_TYPE_SIGNIFICANT_WHITESPACE) {
			add(s, (const char *)xmlTextReaderConstValue(r));
		}
		if (s->g.full) {
			docx_err_set(s->err, PC_TEP_HONG, "%s " GRID_FULL_MSG, s->what);
			rc = -1;
			break;
		}
	}
	if (rc == 0 && ret < 0) {
		docx_err_set(s->err, PC_TEP_HONG, "%s bị hỏng (content.xml lỗi XML)", s->what);
		rc = -1;
	}
	xmlFreeTextReader(r);
	return rc;
}

static void ostate_init(struct ostate *s, struct docx_doc *d, struct docx_err *err)
{
	memset(s, 0, sizeof(*s));
	s->d = d;
	s->err = err;
	s->budget = XL_MAX_REPEAT;
	grid_init(&s->g);
}

static void ostate_release(struct ostate *s)
{
	grid_release(&s->g);
	buf_release(&s->cell);
	buf_release(&s->para);
	free(s->cell_date);
	free(s->style);
	free(s->tname);
	for (size_t i = 0; i < s->nhidden; i++)
		free(s->hidden[i]);
	free(s->hidden);
}

int odf_load_flat(const char *data, size_t len, struct docx_doc *d, struct docx_err *err)
{
	struct ostate s;
	ostate_init(&s, d, err);
	s.what = "tệp OpenDocument dạng XML (.fodt, .fods)";
	err->kind = "fodf";
	int rc = parse_content(&s, data, len);
	ostate_release(&s);
	return rc;
}

int odf_load(const char *data, size_t len, struct docx_doc *d, struct docx_err *err)
{
	struct ostate s;
	char *xml = NULL;
	size_t xlen;
	int rc = -1;

	ostate_init(&s, d, err);
	s.what = "tệp OpenDocument";
	err->kind = "odf";
	if (len > 80 && memmem(data, 120, "opendocument.text", 17)) {
		s.what = "tệp OpenDocument .odt";
		err->kind = "odt";
	} else if (len > 80 && memmem(data, 120, "opendocument.spreadsheet", 24)) {
		s.what = "tệp OpenDocument .ods";
		err->kind = "ods";
	}
	struct docx_pkg *p = docx_pkg_open_zip(data, len, s.what, err);
	if (!p) {
		ostate_release(&s);
		return -1;
	}
	if (docx_pkg_read(p, "META-INF/manifest.xml", DOCX_MAX_AUX, &xml, &xlen, err) == 0 &&
	    memmem(xml, xlen, "encryption-data", 15)) {
		docx_err_set(err, PC_TEP_MA_HOA, "%s được bảo vệ bằng mật khẩu", s.what);
		goto out;
	}
	free(xml);
	xml = NULL;
	switch (docx_pkg_read(p, "content.xml", DOCX_MAX_PART, &xml, &xlen, err)) {
	case 0:
		break;
	case 1:
		docx_err_set(err, PC_TEP_HONG, "%s thiếu phần nội dung content.xml", s.what);
		goto out;
	default:
		goto out;
	}
	rc = parse_content(&s, xml, xlen);
out:
	free(xml);
	ostate_release(&s);
	docx_pkg_free(p);
	return rc;
}
