/* xlsx_out.c - tong-hop.xlsx, the three output CSVs as one workbook (libxlsxwriter). */
#include "xlsx_out.h"

#include "buf.h"
#include "conf.h"
#include "csvio.h"
#include "pdf.h"
#include "util.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <xlsxwriter.h>

#define MAX_COLS 64
#define MIN_WIDTH 6
#define MAX_WIDTH 50

/* The three sheets: CSV file, template key prefix, default sheet name. */
static const struct xlsx_sheet_def {
	const char *csv, *prefix, *name;
	int optional;
} sheet_defs[] = {
    {"dataset.csv", "danh_sach", "Danh sách", 0},
    {"van-de.csv", "van_de", "Vấn đề", 1},
    {"don-vi.csv", "don_vi", "Đơn vị", 1},
};

/* Columns whose plain decimal values are written as numbers. */
static const char *const number_cols[] = {"linh_vuc", "nam_sinh",  "so_tep",
					  "so_guong", "so_hop_le", "dat_yeu_cau"};

struct xlsx_sheet {
	lxw_worksheet *ws;
	const struct conf *tpl;
	const char *prefix;
	lxw_format *head, *text, *wrap, *num;
	size_t ncols;
	lxw_row_t row;			/* next row to write */
	unsigned char is_num[MAX_COLS]; /* column holds numbers */
	unsigned char fixed[MAX_COLS];	/* width given by the template (wrapped) */
	double width[MAX_COLS];		/* in characters */
	int failed;
};

/* A decimal number of at most 9 digits without a leading zero ("0" itself
 * is one): such a value reads back as the same text. */
static int plain_number(const char *s)
{
	size_t n = strspn(s, "0123456789");
	return n > 0 && n <= 9 && s[n] == '\0' && (s[0] != '0' || n == 1);
}

/* The cleaned cell text: pdf_clean() keeping line breaks and spaces, then
 * "_xHHHH_" (which Excel reads as an escaped character) escaped as
 * "_x005F_xHHHH_". */
static char *cell_text(const char *s)
{
	char *c = pdf_clean(s, PDF_KEEP_NL | PDF_KEEP_SPACES);
	if (!strstr(c, "_x"))
		return c;
	struct buf b;
	buf_init(&b);
	for (const char *p = c; *p; p++) {
		if (p[0] == '_' && p[1] == 'x' && strspn(p + 2, "0123456789abcdefABCDEF") >= 4 &&
		    p[6] == '_')
			buf_adds(&b, "_x005F");
		buf_addc(&b, *p);
	}
	free(c);
	return buf_detach(&b);
}

/* Width of the longest line of s, in code points. */
static double text_width(const char *s)
{
	size_t best = 0, cur = 0;
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		if (*p == '\n') {
			cur = 0;
			continue;
		}
		if ((*p & 0xC0) != 0x80 && ++cur > best)
			best = cur;
	}
	return (double)best;
}

static void widen(struct xlsx_sheet *sh, size_t col, double w)
{
	if (!sh->fixed[col] && w + 2 > sh->width[col])
		sh->width[col] = w + 2 > MAX_WIDTH ? MAX_WIDTH : w + 2;
}

static void check(struct xlsx_sheet *sh, lxw_error e)
{
	if (e != LXW_NO_ERROR && !sh->failed) {
		error("tong-hop.xlsx: %s", lxw_strerror(e));
		sh->failed = 1;
	}
}

static void on_header(struct xlsx_sheet *sh, char **fields, size_t n)
{
	sh->ncols = n < MAX_COLS ? n : MAX_COLS;
	for (size_t i = 0; i < sh->ncols; i++) {
		const char *key = fields[i];
		if (i == 0 && strncmp(key, "\xEF\xBB\xBF", 3) == 0)
			key += 3;
		for (size_t k = 0; k < ARRAY_SIZE(number_cols); k++)
			if (strcmp(key, number_cols[k]) == 0)
				sh->is_num[i] = 1;
		char *tk = xasprintf("%s.cot.%s", sh->prefix, key);
		char *title = cell_text(conf_get(sh->tpl, tk, key));
		free(tk);
		tk = xasprintf("%s.rong.%s", sh->prefix, key);
		long w = conf_get_long(sh->tpl, tk, 0);
		free(tk);
		if (w > 0) {
			sh->fixed[i] = 1;
			sh->width[i] = w > 200 ? 200 : (double)w;
		} else {
			sh->width[i] = MIN_WIDTH;
			widen(sh, i, text_width(title) * 1.1);
		}
		check(sh, worksheet_write_string(sh->ws, 0, (lxw_col_t)i, title, sh->head));
		free(title);
	}
	sh->row = 1;
}

static int on_row(void *ctx, char **fields, size_t n, size_t row)
{
	struct xlsx_sheet *sh = ctx;
	if (row == 1) {
		on_header(sh, fields, n);
		return 0;
	}
	if ((n == 1 && fields[0][0] == '\0') || sh->row >= LXW_ROW_MAX)
		return 0;
	for (size_t i = 0; i < sh->ncols && i < n; i++) {
		const char *v = fields[i];
		if (!*v)
			continue;
		lxw_col_t col = (lxw_col_t)i;
		if (sh->is_num[i] && plain_number(v)) {
			check(sh, worksheet_write_number(sh->ws, sh->row, col, strtod(v, NULL),
							 sh->num));
			widen(sh, i, (double)strlen(v));
			continue;
		}
		char *t = cell_text(v);
		check(sh, worksheet_write_string(sh->ws, sh->row, col, t,
						 sh->fixed[i] ? sh->wrap : sh->text));
		widen(sh, i, text_width(t));
		free(t);
	}
	sh->row++;
	return 0;
}

static int add_sheet(lxw_workbook *wb, const struct xlsx_sheet_def *d, const char *dir,
		     const struct conf *tpl, lxw_format *fmts[4])
{
	char *key = xasprintf("trang.%s", d->prefix);
	char *name = cell_text(conf_get(tpl, key, d->name));
	free(key);
	/* Excel's sheet names: at most 31 characters, none of []:*?/\ */
	if (!*name || strpbrk(name, "[]:*?/\\") || text_width(name) > 31) {
		free(name);
		name = xstrdup(d->name);
	}
	struct xlsx_sheet sh = {.tpl = tpl, .prefix = d->prefix};
	sh.ws = workbook_add_worksheet(wb, name);
	free(name);
	if (!sh.ws)
		return error("tong-hop.xlsx: không tạo được trang tính %s", d->name);
	sh.head = fmts[0];
	sh.text = fmts[1];
	sh.wrap = fmts[2];
	sh.num = fmts[3];
	char *path = xasprintf("%s/%s", dir, d->csv);
	int rc = 0;
	if (!(d->optional && access(path, F_OK) != 0))
		rc = csv_read_path(path, ',', on_row, &sh) < 0 ? -1 : 0;
	free(path);
	if (rc != 0 || sh.failed)
		return -1;
	for (size_t i = 0; i < sh.ncols; i++) {
		lxw_format *f = sh.is_num[i] ? sh.num : sh.fixed[i] ? sh.wrap : sh.text;
		check(&sh, worksheet_set_column(sh.ws, (lxw_col_t)i, (lxw_col_t)i, sh.width[i], f));
	}
	if (sh.ncols) {
		worksheet_freeze_panes(sh.ws, 1, 0);
		check(&sh, worksheet_autofilter(sh.ws, 0, 0, sh.row > 1 ? sh.row - 1 : 0,
						(lxw_col_t)(sh.ncols - 1)));
	}
	return sh.failed ? -1 : 0;
}

static lxw_format *make_format(lxw_workbook *wb, int head, int wrap, int num)
{
	lxw_format *f = workbook_add_format(wb);
	format_set_align(f, LXW_ALIGN_VERTICAL_TOP);
	if (head) {
		format_set_bold(f);
		format_set_text_wrap(f);
		format_set_align(f, LXW_ALIGN_CENTER);
		format_set_align(f, LXW_ALIGN_VERTICAL_CENTER);
		format_set_bg_color(f, 0xD9D9D9);
		format_set_border(f, LXW_BORDER_THIN);
	}
	if (wrap)
		format_set_text_wrap(f);
	/* "@": what a clerk types later into a text column stays text too. */
	format_set_num_format(f, num ? "0" : "@");
	return f;
}

/* fsyncs the file at path (libxlsxwriter closes its own FILE). */
static int sync_path(const char *path)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -1;
	int rc = fsync(fd);
	close(fd);
	return rc;
}

int xlsx_write_month(const char *dir, const char *tpl_dir, int year, int month, int day)
{
	struct conf tpl;
	conf_init(&tpl);
	char *cpath = xasprintf("%s/tong-hop.conf", tpl_dir ? tpl_dir : "templates/pdf");
	if (access(cpath, F_OK) == 0 && conf_load(&tpl, cpath) != 0)
		warning("%s: dùng tên cột CSV làm tiêu đề", cpath);
	free(cpath);

	char *path = xasprintf("%s/tong-hop.xlsx", dir);
	char *tmp = xasprintf("%s.tmp.%ld", path, (long)getpid());
	int rc = -1;
	lxw_workbook *wb = workbook_new(tmp);
	if (!wb) {
		error("%s: không tạo được tệp", tmp);
		goto out;
	}
	struct tm tm = {.tm_year = year - 1900, .tm_mon = month - 1, .tm_mday = day};
	if (year < 1980 || month < 1 || month > 12 || day < 1 || day > 31)
		tm = (struct tm){.tm_year = 100, .tm_mday = 1};
	char *title =
	    xasprintf("Tổng hợp gương điển hình tiên tiến tháng %02d năm %d", month, year);
	lxw_doc_properties props = {.title = title, .created = timegm(&tm)};
	workbook_set_properties(wb, &props);
	lxw_format *fmts[4] = {make_format(wb, 1, 0, 0), make_format(wb, 0, 0, 0),
			       make_format(wb, 0, 1, 0), make_format(wb, 0, 0, 1)};
	int ok = 1;
	for (size_t i = 0; i < ARRAY_SIZE(sheet_defs) && ok; i++)
		ok = add_sheet(wb, &sheet_defs[i], dir, &tpl, fmts) == 0;
	lxw_error e = workbook_close(wb);
	free(title);
	if (e != LXW_NO_ERROR) {
		error("%s: %s", path, lxw_strerror(e));
		ok = 0;
	}
	if (ok && sync_path(tmp) != 0) {
		error("%s: %s", tmp, strerror(errno));
		ok = 0;
	}
	if (ok && rename(tmp, path) != 0) {
		error("%s: %s", path, strerror(errno));
		ok = 0;
	}
	if (!ok)
		unlink(tmp);
	rc = ok ? 0 : -1;
out:
	free(tmp);
	free(path);
	conf_release(&tpl);
	return rc;
}
