/* ingest.c - the ingest stage: finds the month's files, reads each one by its
 * content, and writes records.csv, files.csv and problems.csv. */
#include "ingest.h"
#include "buf.h"
#include "csvio.h"
#include "files.h"
#include "msoffice.h"
#include "plan.h"
#include "problem.h"
#include "readers.h"
#include "record.h"
#include "util.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <malloc.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio_ext.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#define MAX_FILES 20000 /* files of one month */
#define MAX_DEPTH 16	/* folder depth under <input>/M/ */
#define STR_(x) #x
#define STR(x) STR_(x)

/* ---- the per-file context ---- */

void ingest_ctx_init(struct ingest_ctx *c, const struct plan *p, struct problem_sink *problems,
		     sheet_emit_fn emit, void *emit_ctx, const char *thang)
{
	memset(c, 0, sizeof *c);
	c->plan = p;
	c->problems = problems;
	c->emit = emit;
	c->emit_ctx = emit_ctx;
	c->thang = thang;
	doc_meta_init(&c->meta);
}

void ingest_ctx_release(struct ingest_ctx *c)
{
	doc_meta_release(&c->meta);
	free(c->last_vi_tri);
	c->last_vi_tri = NULL;
	c->vi_tri_rep = 0;
	c->nrecords = 0;
	c->ma_cu = NULL;
	c->loi = NULL;
	c->dinh_dang = NULL;
	c->file = NULL;
}

void ingest_problem(struct ingest_ctx *c, int code, const char *detail)
{
	const char *nguon = c->file ? c->file->nguon : NULL;
	problem_report(c->problems, nguon, NULL, (enum problem_code)code, detail, NULL);
	if (!c->loi ||
	    (problem_level((enum problem_code)code) == LEVEL_LOI &&
	     problem_level((enum problem_code)problem_code_by_name(c->loi)) != LEVEL_LOI))
		c->loi = problem_code_name((enum problem_code)code);
}

void ingest_set_meta(struct ingest_ctx *c, const struct doc_meta *m)
{
	if (m)
		doc_meta_merge(&c->meta, m);
}

static void fill_missing(struct record *r, enum rec_field k, const char *v)
{
	if (v && *v && !rec_get(r, k)[0])
		rec_set(r, k, v);
}

int ingest_emit(struct ingest_ctx *c, struct record *r, const struct doc_meta *meta,
		const char *bo_cuc)
{
	const struct file_info *fi = c->file;
	rec_set(r, R_THANG, c->thang);
	if (fi) {
		rec_set(r, R_NGUON, fi->nguon);
		rec_set(r, R_SHA256, fi->sha256);
		rec_set(r, R_NGAY_TEP, fi->ngay_tep);
	}
	rec_set(r, R_MA_CU, c->ma_cu);
	rec_set(r, R_BO_CUC, bo_cuc);
	if (meta) {
		fill_missing(r, R_DON_VI_GOC, meta->don_vi_goc);
		fill_missing(r, R_TIEU_DE, meta->tieu_de);
		fill_missing(r, R_THANG_VB, meta->thang_vb);
		fill_missing(r, R_NGAY_VB, meta->ngay_vb);
		fill_missing(r, R_SO_VB, meta->so_vb);
		fill_missing(r, R_LINH_VUC_GOC, meta->linh_vuc_goc);
		fill_missing(r, R_LOAI_GOC, meta->loai_goc);
		ingest_set_meta(c, meta);
	}
	/* id: the file's hash and the place in it; a place seen twice in a row
	 * gets a counter so that ids stay distinct and stable. */
	const char *vt = rec_get(r, R_VI_TRI);
	struct buf key = BUF_INIT;
	buf_printf(&key, "%s|%s", fi ? fi->sha256 : "", vt);
	if (c->last_vi_tri && strcmp(c->last_vi_tri, vt) == 0)
		buf_printf(&key, "#%u", ++c->vi_tri_rep);
	else
		c->vi_tri_rep = 0;
	free(c->last_vi_tri);
	c->last_vi_tri = xstrdup(vt);
	char h[65];
	sha256_hex(key.data, key.len, h);
	h[16] = '\0';
	rec_set(r, R_ID, h);
	buf_release(&key);
	c->nrecords++;
	return c->emit ? c->emit(c->emit_ctx, r) : 0;
}

/* ---- format by content ---- */

static int starts_ci(const char *s, size_t len, const char *p)
{
	size_t n = strlen(p);
	return len >= n && strncasecmp(s, p, n) == 0;
}

const char *ingest_sniff(const char *data, size_t len)
{
	const unsigned char *u = (const unsigned char *)data;
	if (len == 0)
		return "rong";
	if (len >= 4 && u[0] == 'P' && u[1] == 'K' &&
	    ((u[2] == 3 && u[3] == 4) || (u[2] == 5 && u[3] == 6) || (u[2] == 7 && u[3] == 8))) {
		return memmem(data, len, "word/", 5) ? "docx" : "zip";
	}
	if (len >= 8 && memcmp(data, "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8) == 0)
		return "ole";
	if (len >= 5 && memcmp(data, "%PDF-", 5) == 0)
		return "pdf";
	if ((len >= 8 && memcmp(data, "\x89PNG\r\n\x1A\n", 8) == 0) ||
	    (len >= 3 && memcmp(data, "\xFF\xD8\xFF", 3) == 0) ||
	    (len >= 6 && (memcmp(data, "GIF87a", 6) == 0 || memcmp(data, "GIF89a", 6) == 0)) ||
	    (len >= 4 && (memcmp(data, "II*\0", 4) == 0 || memcmp(data, "MM\0*", 4) == 0)) ||
	    (len >= 14 && u[0] == 'B' && u[1] == 'M' && !u[6] && !u[7] && !u[8] && !u[9]))
		return "anh";
	if (len >= 5 && memcmp(data, "{\\rtf", 5) == 0)
		return "rtf";
	/* an Excel workbook stream without OLE container: a BOF record first */
	if (len >= 8 && u[0] == 0x09 &&
	    (u[1] == 0x00 || u[1] == 0x02 || u[1] == 0x04 || u[1] == 0x08) && u[3] == 0 &&
	    (u[2] == 4 || u[2] == 6 || u[2] == 8 || u[2] == 16))
		return "xls";
	if (len >= 2 && (u[0] == 0xDB || u[0] == 0xDC) && u[1] == 0xA5)
		return "word2"; /* Word for Windows 1.x/2.0 */
	size_t i = 0;
	if (len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0)
		i = 3;
	while (i < len && i < 4096 && strchr(" \t\r\n", data[i]))
		i++;
	if (starts_ci(data + i, len - i, "<!doctype html") || starts_ci(data + i, len - i, "<html"))
		return "html";
	if ((starts_ci(data + i, len - i, "MIME-Version:") || starts_ci(data + i, len - i, "From:") ||
	     starts_ci(data + i, len - i, "Content-Type:")) &&
	    memmem(data, len < 8192 ? len : 8192, "multipart/related", 17))
		return "mht"; /* a web archive (.mht) */
	if (starts_ci(data + i, len - i, "<?xml")) {
		size_t look = len - i < 4096 ? len - i : 4096;
		return memmem(data + i, look, "<html", 5) ? "html" : "xml";
	}
	return "csv";
}

long ingest_data(struct ingest_ctx *c, const struct file_info *fi, const char *data, size_t len)
{
	c->file = fi;
	const char *fmt = ingest_sniff(data, len);
	c->dinh_dang = fmt;
	long before = c->nrecords;
	if (strcmp(fmt, "rong") == 0) {
		ingest_problem(c, PC_TEP_RONG, "tệp rỗng (0 byte)");
	} else if (strcmp(fmt, "zip") == 0 || strcmp(fmt, "docx") == 0) {
		container_zip_ingest(c, data, len); /* docx, xlsx, ODF, zip attachments */
	} else if (strcmp(fmt, "html") == 0 || strcmp(fmt, "mht") == 0) {
		container_html_ingest(c, data, len); /* web pages saved by Word or Excel */
	} else if (strcmp(fmt, "xml") == 0) {
		container_xml_ingest(c, data, len); /* flat OpenDocument */
	} else if (strcmp(fmt, "ole") == 0) {
		ole_ingest(c, data, len); /* .doc, .xls, encrypted OOXML */
	} else if (strcmp(fmt, "rtf") == 0) {
		rtf_ingest(c, data, len);
	} else if (strcmp(fmt, "xls") == 0) {
		xls_stream_ingest(c, data, len);
	} else if (strcmp(fmt, "csv") == 0) {
		csv_ingest(c, data, len);
	} else {
		static const struct {
			const char *fmt, *what;
		} names[] = {
		    {"pdf", "tệp PDF, không phải tệp Word, Excel hay CSV"},
		    {"anh", "tệp ảnh (PNG, JPEG, GIF, TIFF hoặc BMP), không phải tệp Word, Excel hay CSV"},
		    {"word2", "tài liệu Word 1.x/2.0, định dạng quá cũ: hãy mở bằng Word và lưu thành .docx"},
		};
		const char *what = NULL;
		for (size_t i = 0; i < ARRAY_SIZE(names); i++)
			if (strcmp(names[i].fmt, fmt) == 0)
				what = names[i].what;
		char *d = what ? xstrdup(what)
			       : xasprintf("tệp dạng %s, không phải tệp Word, Excel hay CSV", fmt);
		ingest_problem(c, PC_KHONG_HO_TRO, d);
		free(d);
	}
	return c->nrecords - before;
}

long ingest_file(struct ingest_ctx *c, const struct file_info *fi)
{
	char *data = NULL;
	size_t len = 0;
	c->file = fi;
	if (read_file(fi->path, INGEST_MAX_FILE, &data, &len) != 0) {
		if (errno == EFBIG) {
			c->dinh_dang = "qua_lon";
			ingest_problem(c, PC_TEP_HONG, "quá dung lượng (tối đa 50 MB)");
		} else {
			char *d = xasprintf("không đọc được tệp (%s)", strerror(errno));
			ingest_problem(c, PC_TEP_HONG, d);
			free(d);
		}
		return 0;
	}
	long n = ingest_data(c, fi, data, len);
	free(data);
	return n;
}

/* ---- discovery ----
 * The walk never follows a link: every folder is opened with openat(...,
 * O_NOFOLLOW) from its parent's descriptor and every entry is looked at
 * with fstatat(AT_SYMLINK_NOFOLLOW).  A file is remembered with its device
 * and inode; the job opens it again the same way and reads it only if it is
 * still that regular file (a link or another file swapped in meanwhile is
 * refused).  Everything left out (links, FIFOs and other special files,
 * folders too deep, a folder met twice) becomes a problem row naming it. */

struct found_file {
	char *rel;   /* path under <input>/ as on disk (raw bytes) */
	char *nguon; /* the same, decoded to UTF-8 NFC (files.h name_to_utf8) */
	dev_t dev;
	ino_t ino;
	long long size;
};

struct skipped {
	char *nguon;
	char *why;
};

struct found {
	struct found_file *v;
	size_t n, cap;
	int too_many;
	struct skipped *skips;
	size_t nskips, capskips;
	dev_t anc_dev[MAX_DEPTH + 2]; /* folders being walked (loop check) */
	ino_t anc_ino[MAX_DEPTH + 2];
	int nanc;
};

static int skip_name(const char *name)
{
	return name[0] == '.' || str_starts_with(name, "~$") ||
	       strcasecmp(name, "Thumbs.db") == 0 || strcasecmp(name, "desktop.ini") == 0;
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static int cmp_found(const void *a, const void *b)
{
	return strcmp(((const struct found_file *)a)->rel, ((const struct found_file *)b)->rel);
}

static char *display_path(const char *rel)
{
	return name_to_utf8(rel, strlen(rel));
}

static void add_skip(struct found *f, const char *rel, const char *why)
{
	XGROW(f->skips, f->capskips, f->nskips + 1);
	f->skips[f->nskips].nguon = display_path(rel);
	f->skips[f->nskips].why = xstrdup(why);
	f->nskips++;
}

static void add_found(struct found *f, const char *rel, const struct stat *st)
{
	if (f->n >= MAX_FILES) {
		f->too_many = 1;
		return;
	}
	XGROW(f->v, f->cap, f->n + 1);
	struct found_file *x = &f->v[f->n++];
	x->rel = xstrdup(rel);
	x->nguon = display_path(rel);
	x->dev = st->st_dev;
	x->ino = st->st_ino;
	x->size = (long long)st->st_size;
}

static const char *special_kind(mode_t m)
{
	return S_ISLNK(m) ? "liên kết (symlink) - không đọc qua liên kết; hãy chép chính tệp vào "
			    "thư mục"
	       : S_ISFIFO(m) ? "không phải tệp thường (FIFO) - không đọc"
	       : S_ISSOCK(m) ? "không phải tệp thường (socket) - không đọc"
			     : "không phải tệp thường (thiết bị) - không đọc";
}

/* Lists the folder open at dfd (rel under <input>/) into f, recursing into
 * sub-folders while depth > 0; deep_report: a sub-folder beyond the depth
 * limit is reported (inside the month), else silently not read (the other
 * months' folders beside it). */
static void scan_dir(int dfd, const char *rel, int depth, int top_of_month, int deep_report,
		     struct found *f)
{
	int dup_fd = dup(dfd);
	DIR *d = dup_fd >= 0 ? fdopendir(dup_fd) : NULL;
	if (!d) {
		if (dup_fd >= 0)
			close(dup_fd);
		char *why = xasprintf("không mở được thư mục (%s)", strerror(errno));
		add_skip(f, rel, why);
		free(why);
		return;
	}
	struct dirent *e;
	char **names = NULL;
	size_t n = 0, cap = 0;
	while ((e = readdir(d)) != NULL) {
		if (skip_name(e->d_name))
			continue;
		XGROW(names, cap, n + 1);
		names[n++] = xstrdup(e->d_name);
	}
	closedir(d);
	if (n > 1)
		qsort(names, n, sizeof *names, cmp_str);
	for (size_t i = 0; i < n; i++) {
		char *r = *rel ? xasprintf("%s/%s", rel, names[i]) : xstrdup(names[i]);
		struct stat st;
		if (fstatat(dfd, names[i], &st, AT_SYMLINK_NOFOLLOW) != 0) {
			char *why = xasprintf("không đọc được (%s)", strerror(errno));
			add_skip(f, r, why);
			free(why);
		} else if (S_ISREG(st.st_mode)) {
			if (!(top_of_month && strcmp(names[i], "xem-xet.csv") == 0))
				add_found(f, r, &st);
		} else if (S_ISDIR(st.st_mode)) {
			int loop = 0;
			for (int k = 0; k < f->nanc; k++)
				loop |= f->anc_dev[k] == st.st_dev && f->anc_ino[k] == st.st_ino;
			if (depth <= 0) {
				if (deep_report)
					add_skip(f, r,
						 "thư mục lồng quá sâu (quá " STR(
						     MAX_DEPTH) " cấp) - không đọc các tệp trong "
								"đó; hãy chuyển "
								"tệp lên thư mục nông hơn");
			} else if (loop) {
				add_skip(f, r,
					 "thư mục lặp lại chính thư mục chứa nó - không đọc lại");
			} else {
				int sub = openat(dfd, names[i],
						 O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
				if (sub < 0) {
					char *why = xasprintf("không mở được thư mục (%s)",
							      strerror(errno));
					add_skip(f, r, why);
					free(why);
				} else {
					f->anc_dev[f->nanc] = st.st_dev;
					f->anc_ino[f->nanc++] = st.st_ino;
					scan_dir(sub, r, depth - 1, 0, 1, f);
					f->nanc--;
					close(sub);
				}
			}
		} else {
			add_skip(f, r, special_kind(st.st_mode));
		}
		free(r);
		free(names[i]);
	}
	free(names);
}

static int discover(int root, const char *input, const char *month, struct found *f)
{
	struct stat st;
	if (fstat(root, &st) != 0)
		return error("không mở được thư mục đầu vào %s: %s", input, strerror(errno));
	f->anc_dev[0] = st.st_dev;
	f->anc_ino[0] = st.st_ino;
	f->nanc = 1;
	scan_dir(root, "", 0, 0, 0, f);
	if (fstatat(root, month, &st, AT_SYMLINK_NOFOLLOW) == 0) {
		if (S_ISDIR(st.st_mode)) {
			int m =
			    openat(root, month, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
			if (m < 0)
				return error("không mở được thư mục %s/%s: %s", input, month,
					     strerror(errno));
			f->anc_dev[1] = st.st_dev;
			f->anc_ino[1] = st.st_ino;
			f->nanc = 2;
			scan_dir(m, month, MAX_DEPTH, 1, 1, f);
			close(m);
		} else if (S_ISLNK(st.st_mode)) {
			add_skip(f, month,
				 "thư mục của tháng là một liên kết (symlink) - không đọc qua liên "
				 "kết; hãy chép các tệp vào thư mục thật");
		}
	}
	if (f->n > 1)
		qsort(f->v, f->n, sizeof *f->v, cmp_found);
	return 0;
}

/* Opens rel under the folder root without following any link, and checks
 * that it is still the regular file the walk saw.  Returns the descriptor,
 * or -1 with errno set (ESTALE when it was replaced). */
static int open_found(int root, const char *rel, dev_t dev, ino_t ino, struct stat *st)
{
	char *p = xstrdup(rel), *s = p, *slash;
	int dfd = root, fd = -1;
	while ((slash = strchr(s, '/')) != NULL) {
		*slash = '\0';
		int nfd = openat(dfd, s, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
		if (dfd != root)
			close(dfd);
		if (nfd < 0) {
			dfd = -1;
			break;
		}
		dfd = nfd;
		s = slash + 1;
	}
	if (dfd >= 0)
		fd = openat(dfd, s, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
	int err = errno;
	if (dfd >= 0 && dfd != root)
		close(dfd);
	free(p);
	if (fd >= 0 && (fstat(fd, st) != 0 || !S_ISREG(st->st_mode) || st->st_dev != dev ||
			st->st_ino != ino)) {
		close(fd);
		fd = -1;
		err = ESTALE;
	}
	errno = err == ELOOP || err == ENOTDIR ? ESTALE : err;
	return fd;
}

/* ---- the run ---- */

struct job {
	char *path;
	int root; /* the <input>/ folder, open */
	const char *rel;
	dev_t dev;
	ino_t ino;
	long long size; /* as the walk saw it */
	size_t held;	/* bytes of output kept until written */
	struct file_info fi;
	const char *dinh_dang;
	const char *loi;
	const char *ma_cu;
	long n;
	long dup_of; /* index of the identical earlier file, or -1 */
	char *recs;  /* record rows, CSV */
	size_t recs_len;
	char *probs; /* problem rows, CSV */
	size_t probs_len;
	struct doc_meta meta;
};

struct run {
	const struct ingest_run_opts *o;
	const struct found *found;
	struct job *jobs;
	size_t njobs;
	atomic_size_t next;
	pthread_mutex_t mu;
	pthread_cond_t cv;
	size_t written;
	size_t window;
	size_t mem_used; /* bytes taken by files being read and outputs held */
	long nrecords;	 /* records written so far */
	unsigned char *done;
	long *firsts;	/* hash of the files kept so far by sha256: indices, -1 empty */
	size_t nfirsts; /* slots, a power of two */
};

struct emit_to {
	FILE *f;
};

static int emit_row(void *ctx, struct record *r)
{
	struct emit_to *e = ctx;
	rec_write_row(e->f, r, rec_all_fields, REC_NFIELDS);
	return 0;
}

static void local_date(time_t t, char out[11])
{
	struct tm tm;
	if (!localtime_r(&t, &tm) || tm.tm_year + 1900 < 0 || tm.tm_year + 1900 > 9999) {
		strcpy(out, "");
		return;
	}
	strftime(out, 11, "%Y-%m-%d", &tm);
}

static void do_job(const struct ingest_run_opts *o, struct job *j)
{
	FILE *rf = open_memstream(&j->recs, &j->recs_len);
	FILE *pf = open_memstream(&j->probs, &j->probs_len);
	if (!rf || !pf)
		die("hết bộ nhớ");
	/* one thread writes each: no lock per character written */
	__fsetlocking(rf, FSETLOCKING_BYCALLER);
	__fsetlocking(pf, FSETLOCKING_BYCALLER);
	struct problem_sink sink;
	problem_sink_init(&sink, pf, 0);
	struct emit_to to = {rf};
	struct ingest_ctx c;
	ingest_ctx_init(&c, o->plan, &sink, emit_row, &to, o->month);
	c.file = &j->fi;
	struct stat st;
	char *data = NULL;
	size_t len = 0;
	int fd = open_found(j->root, j->rel, j->dev, j->ino, &st);
	if (fd < 0) {
		char *d = errno == ESTALE ? xstrdup("tệp bị thay bằng liên kết hoặc tệp khác "
						    "trong khi đọc - không đọc")
					  : xasprintf("không đọc được tệp (%s)", strerror(errno));
		ingest_problem(&c, PC_TEP_HONG, d);
		free(d);
		goto out;
	}
	j->fi.size = (long long)st.st_size;
	local_date(st.st_mtime, j->fi.ngay_tep);
	int too_big = st.st_size > (off_t)INGEST_MAX_FILE;
	if (too_big || read_fd(fd, INGEST_MAX_FILE, &data, &len) != 0) {
		int err = too_big ? EFBIG : errno;
		char *self = xasprintf("/proc/self/fd/%d", fd);
		if (lseek(fd, 0, SEEK_SET) != 0 || sha256_file(self, j->fi.sha256) != 0)
			j->fi.sha256[0] = '\0';
		free(self);
		if (err == EFBIG) {
			c.dinh_dang = "qua_lon";
			char *d = xasprintf("quá dung lượng (%lld byte, tối đa %u MB)", j->fi.size,
					    INGEST_MAX_FILE >> 20);
			ingest_problem(&c, PC_TEP_HONG, d);
			free(d);
		} else {
			char *d = xasprintf("không đọc được tệp (%s)", strerror(err));
			ingest_problem(&c, PC_TEP_HONG, d);
			free(d);
		}
		close(fd);
		goto out;
	}
	close(fd);
	j->fi.size = (long long)len;
	sha256_hex(data, len, j->fi.sha256);
	ingest_data(&c, &j->fi, data, len);
out:
	free(data);
	j->n = c.nrecords;
	j->dinh_dang = c.dinh_dang;
	j->loi = c.loi;
	j->ma_cu = c.ma_cu;
	doc_meta_merge(&j->meta, &c.meta);
	ingest_ctx_release(&c);
	if (fclose(rf) != 0 || fclose(pf) != 0)
		die("hết bộ nhớ");
}

/* Memory one file may take while it is read: its bytes, their UTF-8 copy
 * or the inflated parts of a zip, the table or the document model, the
 * records.  Seven times the size (a 38 MB DOCX holding 60 MB of XML peaks
 * at 271 MB), at most the whole budget: a large file is read alone. */
static size_t job_cost(const struct job *j)
{
	long long size = j->size < 0 ? 0 : j->size;
	if (size > (long long)INGEST_MAX_FILE)
		return 1u << 20; /* not read: only hashed */
	size_t cost = (size_t)size * 7 + (4u << 20);
	return cost < INGEST_MEM_BUDGET ? cost : INGEST_MEM_BUDGET;
}

static void *worker(void *arg)
{
	struct run *r = arg;
	for (;;) {
		size_t i = atomic_fetch_add(&r->next, 1);
		if (i >= r->njobs)
			break;
		struct job *j = &r->jobs[i];
		size_t cost = job_cost(j);
		pthread_mutex_lock(&r->mu);
		/* the memory budget is shared: wait while the files being read and
		 * the outputs waiting to be written would exceed it (the next file
		 * to be written always goes, so the run cannot stall) */
		while (i >= r->written + r->window ||
		       (i != r->written && r->mem_used && r->mem_used + cost > INGEST_MEM_BUDGET))
			pthread_cond_wait(&r->cv, &r->mu);
		r->mem_used += cost;
		pthread_mutex_unlock(&r->mu);
		do_job(r->o, j);
		pthread_mutex_lock(&r->mu);
		r->mem_used -= cost;
		j->held = j->recs_len + j->probs_len;
		r->mem_used += j->held;
		r->done[i] = 1;
		pthread_cond_broadcast(&r->cv);
		pthread_mutex_unlock(&r->mu);
	}
	return NULL;
}

/* Slot of the hash of kept files for the sha256 and size of job j: the one
 * holding an earlier kept file with both equal, else the empty one where j
 * goes. */
static long *first_slot(struct run *r, const struct job *j)
{
	size_t h = 0;
	for (const char *p = j->fi.sha256; *p; p++)
		h = h * 31 + (unsigned char)*p;
	size_t mask = r->nfirsts - 1;
	for (size_t x = h & mask;; x = (x + 1) & mask) {
		long k = r->firsts[x];
		if (k < 0)
			return &r->firsts[x];
		const struct job *first = &r->jobs[k];
		if (strcmp(first->fi.sha256, j->fi.sha256) == 0 && first->fi.size == j->fi.size)
			return &r->firsts[x];
	}
}

/* Byte-identical files: the later ones are read once, as the first.  Called
 * for the jobs in order; the files kept (not duplicates) are in a hash by
 * sha256 and size. */
static void dup_one(struct run *r, size_t i)
{
	struct job *j = &r->jobs[i];
	if (!j->fi.sha256[0])
		return;
	long *slot = first_slot(r, j);
	if (*slot < 0) {
		*slot = (long)i;
		return;
	}
	struct job *first = &r->jobs[*slot];
	j->dup_of = *slot;
	free(j->recs);
	j->recs = NULL;
	j->recs_len = 0;
	free(j->probs);
	j->probs = NULL;
	j->probs_len = 0;
	FILE *pf = open_memstream(&j->probs, &j->probs_len);
	if (!pf)
		die("hết bộ nhớ");
	struct problem_sink sink;
	problem_sink_init(&sink, pf, 0);
	char *d = xasprintf("giống hệt tệp \"%s\"", first->fi.nguon);
	problem_report(&sink, j->fi.nguon, NULL, PC_TEP_TRUNG, d, NULL);
	free(d);
	fclose(pf);
	j->n = 0;
	j->loi = problem_code_name(PC_TEP_TRUNG);
	j->ma_cu = first->ma_cu;
	doc_meta_release(&j->meta);
	doc_meta_merge(&j->meta, &first->meta);
}

static void set_written(struct run *r, size_t w)
{
	pthread_mutex_lock(&r->mu);
	r->written = w;
	pthread_cond_broadcast(&r->cv);
	pthread_mutex_unlock(&r->mu);
}

static int write_outputs(struct run *r)
{
	const struct ingest_run_opts *o = r->o;
	char *tr = NULL, *tf = NULL, *tp = NULL;
	FILE *fr = open_tmp(o->records, &tr);
	FILE *ff = fr ? open_tmp(o->files, &tf) : NULL;
	FILE *fp = ff ? open_tmp(o->problems, &tp) : NULL;
	if (!fp) {
		if (ff)
			abort_tmp(ff, tf);
		if (fr)
			abort_tmp(fr, tr);
		set_written(r, (size_t)-1 / 2);
		return -1;
	}
	rec_write_header(fr, rec_all_fields, REC_NFIELDS);
	file_row_write_header(ff);
	problem_write_header(fp);
	for (size_t i = 0; i < r->njobs; i++) {
		pthread_mutex_lock(&r->mu);
		while (!r->done[i])
			pthread_cond_wait(&r->cv, &r->mu);
		pthread_mutex_unlock(&r->mu);
		dup_one(r, i);
		struct job *j = &r->jobs[i];
		if (j->n > 0 && r->nrecords + j->n > INGEST_MAX_RECORDS) {
			/* the month's bound: later files are not taken in */
			struct problem_sink sink;
			problem_sink_init(&sink, fp, 0);
			char *d = xasprintf("tháng đã có %ld gương, vượt giới hạn %d gương của một "
					    "tháng; tệp này không được đọc",
					    r->nrecords, INGEST_MAX_RECORDS);
			problem_report(&sink, j->fi.nguon, NULL, PC_TEP_HONG, d, NULL);
			free(d);
			j->recs_len = 0;
			j->n = 0;
			j->loi = problem_code_name(PC_TEP_HONG);
		}
		r->nrecords += j->n;
		if (j->recs_len)
			fwrite(j->recs, 1, j->recs_len, fr);
		if (j->probs_len)
			fwrite(j->probs, 1, j->probs_len, fp);
		struct file_row row;
		char num[32];
		file_row_init(&row);
		file_row_set(&row, FL_NGUON, j->fi.nguon);
		file_row_set(&row, FL_SHA256, j->fi.sha256);
		snprintf(num, sizeof num, "%lld", j->fi.size);
		file_row_set(&row, FL_KICH_THUOC, num);
		file_row_set(&row, FL_NGAY_TEP, j->fi.ngay_tep);
		file_row_set(&row, FL_DINH_DANG, j->dinh_dang);
		snprintf(num, sizeof num, "%ld", j->n);
		file_row_set(&row, FL_SO_GUONG, num);
		if (j->dup_of >= 0)
			file_row_set(&row, FL_TRUNG_VOI, r->jobs[j->dup_of].fi.nguon);
		file_row_set(&row, FL_LOI, j->loi);
		file_row_set(&row, FL_DON_VI_GOC, j->meta.don_vi_goc);
		file_row_set(&row, FL_NGAY_VB, j->meta.ngay_vb);
		file_row_set(&row, FL_THANG_VB, j->meta.thang_vb);
		file_row_set(&row, FL_MA_CU, j->ma_cu);
		file_row_write(ff, &row);
		file_row_release(&row);
		free(j->recs);
		j->recs = NULL;
		free(j->probs);
		j->probs = NULL;
		pthread_mutex_lock(&r->mu);
		r->mem_used -= j->held;
		pthread_mutex_unlock(&r->mu);
		set_written(r, i + 1);
	}
	/* what the walk left out, one problem row each */
	struct problem_sink sink;
	problem_sink_init(&sink, fp, 0);
	for (size_t i = 0; i < r->found->nskips; i++)
		problem_report(&sink, r->found->skips[i].nguon, NULL, PC_TEP_HONG,
			       r->found->skips[i].why, NULL);
	int rc = 0;
	if (commit_tmp(fr, tr, o->records) != 0)
		rc = -1;
	if (commit_tmp(ff, tf, o->files) != 0)
		rc = -1;
	if (commit_tmp(fp, tp, o->problems) != 0)
		rc = -1;
	return rc;
}

int ingest_run(const struct ingest_run_opts *o)
{
	struct found f;
	memset(&f, 0, sizeof f);
	struct run r = {0};
	r.o = o;
	r.found = &f;
	int rc = -1;
	int root = open(o->input, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (root < 0) {
		error("không mở được thư mục đầu vào %s: %s", o->input, strerror(errno));
		goto out;
	}
	if (discover(root, o->input, o->month, &f) != 0)
		goto out;
	if (f.too_many)
		warning("quá nhiều tệp; chỉ đọc %d tệp đầu", MAX_FILES);
	r.njobs = f.n;
	r.jobs = xcalloc(f.n ? f.n : 1, sizeof *r.jobs);
	for (size_t i = 0; i < f.n; i++) {
		struct job *j = &r.jobs[i];
		j->path = xasprintf("%s/%s", o->input, f.v[i].rel);
		j->fi.path = j->path;
		j->fi.nguon = f.v[i].nguon;
		j->root = root;
		j->rel = f.v[i].rel;
		j->dev = f.v[i].dev;
		j->ino = f.v[i].ino;
		j->size = f.v[i].size;
		j->dup_of = -1;
		doc_meta_init(&j->meta);
	}
	atomic_init(&r.next, 0);
	office_tz_init(); /* once, before the workers read local times */
	/* Every file allocates and frees the same few megabytes; by default
	 * glibc hands the freed top of each thread's heap back to the kernel
	 * and maps larger blocks afresh each time, so the next file faults the
	 * pages in again (a fifth of the stage's CPU at N = 2,000).  Keep up to
	 * 16 MB of free heap and map only blocks over 4 MB. */
	mallopt(M_TRIM_THRESHOLD, 16 << 20);
	mallopt(M_MMAP_THRESHOLD, 4 << 20);
	pthread_mutex_init(&r.mu, NULL);
	pthread_cond_init(&r.cv, NULL);
	r.window = 4 * (size_t)(o->jobs > 0 ? o->jobs : 1);
	r.done = xcalloc(r.njobs ? r.njobs : 1, 1);
	r.nfirsts = 16;
	while (r.nfirsts < 2 * r.njobs)
		r.nfirsts *= 2;
	r.firsts = xmalloc(r.nfirsts * sizeof *r.firsts);
	for (size_t i = 0; i < r.nfirsts; i++)
		r.firsts[i] = -1;
	{
		int nth = o->jobs < 1 ? 1 : o->jobs > INGEST_MAX_JOBS ? INGEST_MAX_JOBS : o->jobs;
		pthread_t th[INGEST_MAX_JOBS];
		int started = 0;
		for (int i = 0; i < nth; i++)
			if (pthread_create(&th[i], NULL, worker, &r) == 0)
				started++;
		if (!started)
			die("không tạo được luồng");
		rc = write_outputs(&r);
		for (int i = 0; i < started; i++)
			pthread_join(th[i], NULL);
	}
	free(r.done);
	free(r.firsts);
out:
	for (size_t i = 0; i < r.njobs; i++) {
		free(r.jobs[i].path);
		free(r.jobs[i].recs);
		free(r.jobs[i].probs);
		doc_meta_release(&r.jobs[i].meta);
	}
	free(r.jobs);
	for (size_t i = 0; i < f.n; i++) {
		free(f.v[i].rel);
		free(f.v[i].nguon);
	}
	free(f.v);
	for (size_t i = 0; i < f.nskips; i++) {
		free(f.skips[i].nguon);
		free(f.skips[i].why);
	}
	free(f.skips);
	if (root >= 0)
		close(root);
	return rc;
}
