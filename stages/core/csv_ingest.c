/* csv_ingest.c - a CSV submission: encoding, delimiter, rows into a sheet,
 * then the shared table interpretation (sheet_extract). */
#include "csvio.h"
#include "ingest.h"
#include "legacy.h"
#include "problem.h"
#include "record.h"
#include "sheet.h"
#include "util.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define CSV_MAX_CELLS 1000000 /* cells kept of one file (memory bound) */
#define CSV_MAX_ROWS 20000    /* rows read of one file (memory bound) */
#define SNIFF_LINES 60	      /* lines looked at to choose the delimiter */
#define SNIFF_BYTES (256 << 10)

unsigned char csv_sniff_delim(const char *s, size_t len, unsigned char fallback)
{
	static const unsigned char cand[3] = {'\t', ';', ','};
	size_t lines_with[3] = {0}, total[3] = {0}, cur[3] = {0};
	size_t lines = 0;
	int quoted = 0;
	if (len > SNIFF_BYTES)
		len = SNIFF_BYTES;
	for (size_t i = 0; i <= len && lines < SNIFF_LINES; i++) {
		char ch = i < len ? s[i] : '\n';
		if (ch == '"') {
			quoted = !quoted;
			continue;
		}
		if (quoted && i < len)
			continue;
		if (ch == '\n' || (ch == '\r' && !(i + 1 < len && s[i + 1] == '\n'))) {
			quoted = 0;
			lines++;
			for (int k = 0; k < 3; k++) {
				if (cur[k])
					lines_with[k]++;
				total[k] += cur[k];
				cur[k] = 0;
			}
			continue;
		}
		for (int k = 0; k < 3; k++)
			if ((unsigned char)ch == cand[k])
				cur[k]++;
	}
	int best = -1;
	for (int k = 0; k < 3; k++) {
		if (!lines_with[k])
			continue;
		if (best < 0 || lines_with[k] > lines_with[best] ||
		    (lines_with[k] == lines_with[best] && total[k] > total[best]))
			best = k;
	}
	return best < 0 ? fallback : cand[best];
}

struct csv_build {
	struct sheet *sheet;
	int too_many;
	size_t max_rows;
	size_t cells; /* cells stored so far */
};

static int blank(const char *s)
{
	for (; *s; s++)
		if (*s != ' ' && *s != '\t' && *s != '\r' && *s != '\n')
			return 0;
	return 1;
}

static int on_csv_row(void *ctx, char **fields, size_t n, size_t row)
{
	struct csv_build *b = ctx;
	if (b->sheet->nrows >= b->max_rows || b->cells >= CSV_MAX_CELLS) {
		b->too_many = 1;
		return 1;
	}
	while (n && blank(fields[n - 1]))
		n--;
	struct sheet_row *r = sheet_add_row(b->sheet, row);
	for (size_t j = 0; j < n && j < SHEET_MAX_COLS; j++) {
		char *f = fields[j], *w = f;
		for (char *p = f; *p; p++)
			if (*p != '\r')
				*w++ = *p;
		*w = '\0';
		sheet_add_cell(r, blank(f) ? NULL : f, 1, 0);
		b->cells++;
	}
	return 0;
}

/* The delimiter under which the top of the file shows the best header row;
 * the sniffed one first, so that it wins ties. */
static unsigned char choose_delim(const char *text, size_t len, unsigned char sniffed,
				  const struct plan *p)
{
	static const unsigned char all[3] = {',', ';', '\t'};
	unsigned char order[3] = {sniffed, 0, 0}, best = sniffed;
	int k = 1, best_score = -1;
	for (int i = 0; i < 3; i++)
		if (all[i] != sniffed && k < 3)
			order[k++] = all[i];
	if (len > SNIFF_BYTES)
		len = SNIFF_BYTES;
	for (int i = 0; i < k; i++) {
		struct sheet sh;
		sheet_init(&sh);
		struct csv_build b = {&sh, 0, SHEET_HEADER_ROWS, 0};
		csv_read_mem(text, len, order[i], on_csv_row, &b);
		int score = sheet_header_score(&sh, p);
		sheet_release(&sh);
		if (score > best_score) {
			best_score = score;
			best = order[i];
		}
	}
	return best;
}

static const char *legacy_mark(enum text_encoding e)
{
	switch (e) {
	case ENC_CP1258:
		return "CP1258";
	case ENC_TCVN3:
		return "TCVN3";
	case ENC_VNI:
		return "VNI";
	default:
		return NULL;
	}
}

long csv_ingest(struct ingest_ctx *c, const char *data, size_t len)
{
	char *text = NULL;
	size_t tlen = 0;
	struct sheet sheet;
	struct doc_meta meta;
	struct rec_list recs = REC_LIST_INIT;
	long n = 0;
	sheet_init(&sheet);
	doc_meta_init(&meta);

	enum text_encoding enc = text_detect(data, len);
	if (enc == ENC_UNKNOWN) {
		ingest_problem(
		    c, PC_KHONG_HO_TRO,
		    "tệp không phải văn bản (không phải CSV, cũng không phải Word .docx)");
		goto out;
	}
	if (text_to_utf8(data, len, enc, &text, &tlen) != 0 || !text) {
		char *d = xasprintf("nội dung không đúng bảng mã %s", text_encoding_name(enc));
		ingest_problem(c, PC_TEP_HONG, d);
		free(d);
		goto out;
	}
	if (text_encoding_is_legacy(enc))
		c->ma_cu = legacy_mark(enc);
	const char *body = text;
	size_t blen = tlen;
	unsigned char delim;
	if (blen >= 3 && memcmp(body, "\xEF\xBB\xBF", 3) == 0)
		body += 3, blen -= 3;
	if (blen >= 5 && strncasecmp(body, "sep=", 4) == 0 &&
	    (blen == 5 || body[5] == '\r' || body[5] == '\n') && strchr(",;\t|:", body[4]) &&
	    body[4]) {
		/* Excel's "sep=;" line names the delimiter; Excel hides it. */
		delim = (unsigned char)body[4];
		size_t skip = 5;
		while (skip < blen && (body[skip] == '\r' || body[skip] == '\n') && skip < 7)
			skip++;
		body += skip;
		blen -= skip;
	} else {
		delim = csv_sniff_delim(body, blen,
					enc == ENC_UTF16LE || enc == ENC_UTF16BE ? '\t' : ',');
		delim = choose_delim(body, blen, delim, c->plan);
	}
	struct csv_build b = {&sheet, 0, CSV_MAX_ROWS, 0};
	int rc = csv_read_mem(body, blen, delim, on_csv_row, &b);
	if (rc < 0) {
		ingest_problem(c, PC_TEP_HONG, csv_limit_message(rc));
		goto out;
	}
	if (b.too_many) {
		char *d = xasprintf("bảng quá lớn (giới hạn %d dòng hoặc %d ô của một tệp), chỉ "
				    "đọc %zu dòng đầu",
				    CSV_MAX_ROWS, CSV_MAX_CELLS, sheet.nrows);
		ingest_problem(c, PC_TEP_HONG, d);
		free(d);
	}
	long got = sheet_extract(&sheet, c->plan, &meta, rec_list_collect, &recs);
	ingest_set_meta(c, &meta);
	if (got < 0) {
		ingest_problem(c, PC_TEP_RONG,
			       "không thấy dòng tiêu đề của bảng; cần ít nhất hai cột có tên như "
			       "\"Họ và tên\", \"Năm sinh\", \"Chức vụ\", \"Đơn vị công tác\", "
			       "\"Tóm tắt thành tích\"");
		goto out;
	}
	if (got == 0) {
		ingest_problem(
		    c, PC_TEP_RONG,
		    "bảng có dòng tiêu đề nhưng không có dòng nào ghi tên hoặc thành tích");
		goto out;
	}
	for (size_t i = 0; i < recs.n; i++) {
		if (ingest_emit(c, &recs.v[i], &meta, "csv") != 0)
			break;
		n++;
	}
out:
	rec_list_release(&recs);
	doc_meta_release(&meta);
	sheet_release(&sheet);
	free(text);
	return n;
}
