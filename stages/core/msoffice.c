/* msoffice.c - what the readers of the older office formats share: building
 * the document model (paragraphs, and tables whose rows are aligned on one
 * grid by their cells' right edges), and the dispatch of an OLE compound
 * file to the Word or Excel reader. */
#include "buf.h"
#include "ingest.h"
#include "msoffice.h"
#include "ole.h"
#include "plan.h"
#include "problem.h"
#include "record.h"
#include "text.h"
#include "util.h"

#include <stdlib.h>
#include <string.h>

#define EDGE_SLACK 15 /* twips: edges closer than this are one grid line */

/* --- model --- */

static int blank_text(const char *s)
{
	for (; *s; s++)
		if ((unsigned char)*s > ' ')
			return 0;
	return 1;
}

static struct docx_block *add_block(struct docx_doc *d, enum docx_block_kind k)
{
	XGROW(d->v, d->cap, d->n + 1);
	struct docx_block *b = &d->v[d->n++];
	memset(b, 0, sizeof *b);
	b->kind = k;
	return b;
}

static char *norm_cell(const char *s)
{
	return !s || blank_text(s) ? xstrdup("") : vn_normalize_lines(s);
}

void msoffice_run_flush(struct buf *seg, enum legacy_font kind, struct buf *out, struct docx_doc *d)
{
	if (!seg->len)
		return;
	if (kind != FONT_UNICODE) {
		int converted = 0;
		char *s = legacy_run_decode(buf_cstr(seg), kind, &converted);
		buf_adds(out, s);
		free(s);
		if (converted && d->legacy == FONT_UNICODE)
			d->legacy = kind == FONT_VNI ? FONT_VNI : FONT_TCVN3;
	} else {
		buf_add(out, seg->data, seg->len);
	}
	buf_reset(seg);
}

void msoffice_add_para(struct docx_doc *d, const char *text)
{
	if (d->n >= DOCX_MAX_BLOCKS)
		return;
	struct docx_block *b = add_block(d, DOCX_PARA);
	b->index = ++d->npara;
	b->text = norm_cell(text);
}

void msoffice_table_init(struct msoffice_table *t)
{
	memset(t, 0, sizeof *t);
}

static void row_release(struct msoffice_row *r)
{
	for (size_t i = 0; i < r->n; i++)
		free(r->cells[i].text);
	free(r->cells);
	memset(r, 0, sizeof *r);
}

void msoffice_table_release(struct msoffice_table *t)
{
	for (size_t i = 0; i < t->n; i++)
		row_release(&t->rows[i]);
	free(t->rows);
	row_release(&t->cur);
	msoffice_table_init(t);
}

void msoffice_table_cell(struct msoffice_table *t, const char *text)
{
	if (t->cur.n >= OFFICE_MAX_COLS || t->ncells >= OFFICE_MAX_CELLS)
		return;
	XGROW(t->cur.cells, t->cur.cap, t->cur.n + 1);
	struct msoffice_cell *c = &t->cur.cells[t->cur.n++];
	memset(c, 0, sizeof *c);
	c->text = text && *text ? xstrdup(text) : NULL;
	c->right = -1;
	t->ncells++;
}

void msoffice_table_row_end(struct msoffice_table *t, const int *rights, const unsigned char *hm,
			  const unsigned char *vm, size_t n)
{
	struct msoffice_row *r = &t->cur;
	for (size_t i = 0; i < r->n && i < n; i++) {
		if (rights)
			r->cells[i].right = rights[i];
		if (hm)
			r->cells[i].hmerged = hm[i];
		if (vm)
			r->cells[i].vmerged = vm[i];
	}
	if (r->n && t->n < OFFICE_MAX_ROWS) {
		XGROW(t->rows, t->cap, t->n + 1);
		t->rows[t->n++] = *r;
		memset(r, 0, sizeof *r);
	} else {
		row_release(r);
	}
}

static int cmp_int(const void *a, const void *b)
{
	int x = *(const int *)a, y = *(const int *)b;
	return x < y ? -1 : x > y;
}

/* Grid column of edge x: the number of grid lines at or before it, less
 * one (edges sorted, merged within EDGE_SLACK). */
static long edge_col(const int *edges, size_t n, int x)
{
	size_t lo = 0, hi = n;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		if (edges[mid] <= x + EDGE_SLACK)
			lo = mid + 1;
		else
			hi = mid;
	}
	return (long)lo - 1;
}

void msoffice_table_flush(struct msoffice_table *t, struct docx_doc *d)
{
	if (t->cur.n)
		msoffice_table_row_end(t, NULL, NULL, NULL, 0);
	if (!t->n || d->n >= DOCX_MAX_BLOCKS) {
		msoffice_table_release(t);
		return;
	}
	/* the grid: every distinct right edge of the table's cells */
	int *edges = NULL;
	size_t ne = 0, ce = 0;
	for (size_t i = 0; i < t->n; i++)
		for (size_t j = 0; j < t->rows[i].n; j++)
			if (t->rows[i].cells[j].right >= 0) {
				XGROW(edges, ce, ne + 1);
				edges[ne++] = t->rows[i].cells[j].right;
			}
	if (ne > 1)
		qsort(edges, ne, sizeof *edges, cmp_int);
	size_t k = 0;
	for (size_t i = 0; i < ne; i++)
		if (!k || edges[i] - edges[k - 1] > EDGE_SLACK)
			edges[k++] = edges[i];
	ne = k;

	struct docx_block *b = add_block(d, DOCX_TABLE);
	b->index = ++d->ntables;
	b->table = xmalloc(sizeof *b->table);
	sheet_init(b->table);
	b->table->label = xasprintf("bảng %zu", b->index);
	for (size_t i = 0; i < t->n; i++) {
		const struct msoffice_row *r = &t->rows[i];
		struct sheet_row *sr = sheet_add_row(b->table, i + 1);
		long prev = -1; /* grid column of the previous cell's right edge */
		for (size_t j = 0; j < r->n; j++) {
			const struct msoffice_cell *c = &r->cells[j];
			unsigned span = 1;
			if (c->right >= 0 && ne) {
				long col = edge_col(edges, ne, c->right);
				if (col > prev)
					span = (unsigned)(col - prev);
				prev = col > prev ? col : prev + 1;
			} else {
				prev++;
			}
			/* old-style horizontal merges widen the first cell */
			while (j + 1 < r->n && r->cells[j + 1].hmerged) {
				const struct msoffice_cell *m = &r->cells[++j];
				long col =
				    m->right >= 0 && ne ? edge_col(edges, ne, m->right) : prev + 1;
				span += col > prev ? (unsigned)(col - prev) : 1;
				prev = col > prev ? col : prev + 1;
			}
			if (sr->n + span > OFFICE_MAX_COLS)
				break;
			char *text = norm_cell(c->text);
			sheet_add_cell(sr, c->vmerged ? NULL : text, span, c->vmerged);
			free(text);
		}
	}
	free(edges);
	msoffice_table_release(t);
}

/* --- OLE dispatch --- */

static const char *kind_name(const char *kind)
{
	if (kind && !strcmp(kind, "doc"))
		return "tệp Word 97-2003 (.doc)";
	if (kind && !strcmp(kind, "xls"))
		return "tệp Excel 97-2003 (.xls)";
	return "tệp Office 97-2003";
}

/* A workbook's sheets into records, by the one table interpretation. */
static long book_ingest(struct ingest_ctx *c, const struct xls_book *book)
{
	struct doc_meta meta;
	struct rec_list recs = REC_LIST_INIT;
	int headers = 0;
	long n = 0;

	doc_meta_init(&meta);
	for (size_t i = 0; i < book->n; i++) {
		long got = sheet_extract(&book->v[i], c->plan, &meta, rec_list_collect, &recs);
		if (got >= 0)
			headers++;
	}
	ingest_set_meta(c, &meta);
	if (!recs.n) {
		ingest_problem(c, PC_TEP_RONG,
			       headers ? "bảng tính Excel có dòng tiêu đề nhưng không có dòng nào "
					 "ghi tên hoặc thành tích"
				       : "không thấy dòng tiêu đề của bảng trong các trang tính "
					 "Excel; cần ít nhất hai cột có tên như \"Họ và tên\", "
					 "\"Năm sinh\", \"Tóm tắt thành tích\"");
	}
	for (size_t i = 0; i < recs.n; i++) {
		if (ingest_emit(c, &recs.v[i], &meta, "csv") != 0)
			break;
		n++;
	}
	rec_list_release(&recs);
	doc_meta_release(&meta);
	return n;
}

/* An Excel workbook from an opened OLE file (o), else from a bare stream. */
static long xls_ingest_with(struct ingest_ctx *c, const struct ole *o, const char *data, size_t len)
{
	struct xls_book book;
	struct docx_err err;
	long n = 0;

	xls_book_init(&book);
	docx_err_init(&err);
	c->dinh_dang = "xls";
	if ((o ? xls_load_ole(o, &book, &err) : xls_load_stream(data, len, &book, &err)) < 0) {
		ingest_problem(c, err.code >= 0 ? err.code : PC_TEP_HONG, err.detail);
	} else {
		if (book.legacy)
			c->ma_cu = book.legacy;
		n = book_ingest(c, &book);
	}
	xls_book_release(&book);
	return n;
}

long ole_ingest(struct ingest_ctx *c, const char *data, size_t len)
{
	struct ole o;
	struct docx_err err;
	const char *why = NULL;
	long n = 0;

	docx_err_init(&err);
	if (ole_open(&o, data, len, &why) < 0) {
		/* name what it was, from the directory entries still readable */
		docx_ole_classify(data, len, &err);
		c->dinh_dang = err.kind ? err.kind : "ole";
		if (err.code == PC_TEP_MA_HOA) {
			ingest_problem(c, err.code, err.detail);
		} else {
			char *d = xasprintf("%s bị hỏng: %s", kind_name(err.kind), why);
			ingest_problem(c, PC_TEP_HONG, d);
			free(d);
		}
		return 0;
	}
	if (ole_find(&o, 0, "EncryptionInfo") >= 0 || ole_find(&o, 0, "EncryptedPackage") >= 0) {
		c->dinh_dang = "docx";
		ingest_problem(c, PC_TEP_MA_HOA,
			       "tài liệu Office được bảo vệ bằng mật khẩu: hãy gỡ mật khẩu rồi gửi "
			       "lại");
	} else if (ole_find(&o, 0, "WordDocument") >= 0) {
		struct docx_doc d;
		docx_doc_init(&d);
		c->dinh_dang = "doc";
		if (doc_load_ole(&o, &d, &err) < 0)
			ingest_problem(c, err.code >= 0 ? err.code : PC_TEP_HONG, err.detail);
		else
			n = docx_ingest_doc(c, &d);
		docx_doc_release(&d);
	} else if (ole_find(&o, 0, "Workbook") >= 0 || ole_find(&o, 0, "Book") >= 0) {
		n = xls_ingest_with(c, &o, NULL, 0);
	} else {
		docx_ole_classify(data, len, &err);
		c->dinh_dang = err.kind ? err.kind : "ole";
		ingest_problem(c, err.code >= 0 ? err.code : PC_KHONG_HO_TRO, err.detail);
	}
	ole_release(&o);
	return n;
}

long xls_stream_ingest(struct ingest_ctx *c, const char *data, size_t len)
{
	return xls_ingest_with(c, NULL, data, len);
}

long rtf_ingest(struct ingest_ctx *c, const char *data, size_t len)
{
	struct docx_doc d;
	struct docx_err err;
	long n = 0;

	docx_doc_init(&d);
	docx_err_init(&err);
	c->dinh_dang = "rtf";
	if (rtf_load(data, len, &d, &err) < 0)
		ingest_problem(c, err.code >= 0 ? err.code : PC_TEP_HONG, err.detail);
	else
		n = docx_ingest_doc(c, &d);
	docx_doc_release(&d);
	return n;
}
