/* ingest.h - one submission file in, normalised records and file-level
 * problems out.
 *
 * ingest_file() reads the file (bounded size), detects its format by
 * content (never by extension), and hands it to the CSV or DOCX reader,
 * which call ingest_emit() for each record.  Every failure becomes a
 * problem row (tep_hong, tep_ma_hoa, khong_ho_tro, tep_rong...); nothing is
 * fatal.  The context holds no global state, so files can be ingested in
 * parallel, each with its own context and outputs.
 */
#ifndef DH_INGEST_H
#define DH_INGEST_H

#include "record.h"
#include "sheet.h"

#include <stddef.h>

struct plan;
struct problem_sink;

#define INGEST_MAX_FILE (50u << 20) /* bytes read of one submission */
#define INGEST_MAX_JOBS 16	    /* worker threads at most (--jobs is capped) */
/* The run's memory budget (any input, any --jobs): 300 MB in all.  The
 * files being read and the outputs waiting to be written share
 * INGEST_MEM_BUDGET, a file counting seven times its size (so a large one
 * is read alone; the largest a DOCX at DOCX_MAX_PART peaks near 280 MB);
 * per-field, row and file limits (csvio.h, csv_ingest.c, docx.h) bound each
 * reader; INGEST_MAX_RECORDS bounds the month for the later stages. */
#define INGEST_MEM_BUDGET (192u << 20)
#define INGEST_MAX_RECORDS 50000 /* nominations of one month */

/* Provenance of the file being read. */
struct file_info {
	const char *path;  /* path on disk */
	const char *nguon; /* path relative to <input>/ */
	char sha256[65];   /* lowercase hex */
	char ngay_tep[11]; /* modification date YYYY-MM-DD (office time zone) */
	long long size;
};

struct ingest_ctx {
	const struct plan *plan;
	struct problem_sink *problems; /* file-level problems go here */
	sheet_emit_fn emit;	       /* receives finished records */
	void *emit_ctx;
	const struct file_info *file; /* the file being read */
	long nrecords;		      /* records emitted for this file */
	const char *ma_cu;	      /* legacy encoding converted in this file, or NULL */
	/* additions */
	const char *thang;     /* run month YYYY-MM (R_THANG) */
	const char *dinh_dang; /* format for files.csv; set from the magic bytes,
				  a reader may refine it ("doc", "xlsx"...) */
	const char *loi;       /* code of the first file-level problem, or NULL */
	struct doc_meta meta;  /* document metadata seen (for files.csv) */
	char *last_vi_tri;     /* internal: id disambiguation */
	unsigned vi_tri_rep;
};

/* Sets up a context (no allocation); ingest_ctx_release() frees what the
 * reading of a file left in it (meta), so it can be reused. */
void ingest_ctx_init(struct ingest_ctx *c, const struct plan *p, struct problem_sink *problems,
		     sheet_emit_fn emit, void *emit_ctx, const char *thang);
void ingest_ctx_release(struct ingest_ctx *c);

/* Reads one file.  Returns the number of records emitted (0 when the file
 * gave none; its problem is already reported). */
long ingest_file(struct ingest_ctx *c, const struct file_info *fi);
/* Same over the file's bytes already in memory (len <= INGEST_MAX_FILE). */
long ingest_data(struct ingest_ctx *c, const struct file_info *fi, const char *data, size_t len);
/* The format of a file's bytes by content: "rong", "zip", "docx", "ole", "xls" (a workbook
 * stream without OLE container), "word2" (Word 1-2), "pdf", "anh", "rtf", "html", "mht",
 * "xml" or "csv" (text, or anything else). */
const char *ingest_sniff(const char *data, size_t len);
/* Records the document's metadata for files.csv (fields already set stay). */
void ingest_set_meta(struct ingest_ctx *c, const struct doc_meta *m);

/* A whole run of dh-ingest: discovery of the month's files, reading them
 * (jobs worker threads), and the three output files. */
struct ingest_run_opts {
	const char *input; /* <input> directory */
	const char *month; /* YYYY-MM */
	const struct plan *plan;
	int jobs;	     /* worker threads, >= 1 */
	const char *records; /* output paths */
	const char *files;
	const char *problems;
};
/* Returns 0, or -1 when the run could not complete (reported). */
int ingest_run(const struct ingest_run_opts *o);

/* Completes a record with the file's provenance and the document's metadata
 * (only where the record has no value of its own) and passes it to c->emit.
 * bo_cuc is "csv", "danh_sach" or "bao_cao". */
int ingest_emit(struct ingest_ctx *c, struct record *r, const struct doc_meta *meta,
		const char *bo_cuc);

/* Reports a file-level problem for the current file. */
void ingest_problem(struct ingest_ctx *c, int code, const char *detail);

/* Readers, called by ingest_file() with the whole file in memory. */
long csv_ingest(struct ingest_ctx *c, const char *data, size_t len);
/* The CSV delimiter of text ('\t', ';' or ','): the one that separates the
 * most of the first lines outside quotes, then the most frequent; fallback
 * when none occurs. */
unsigned char csv_sniff_delim(const char *text, size_t len, unsigned char fallback);
/* ZIP (docx/docm/dotx, or another OOXML/ODF kind) and OLE compound files
 * (.doc, encrypted OOXML, .xls). */
long docx_ingest(struct ingest_ctx *c, const char *data, size_t len);

/* SHA-256 of a buffer as lowercase hex (out[65]). */
void sha256_hex(const void *data, size_t len, char out[65]);
/* SHA-256 of a file's content, streamed.  Returns 0 or -1 (errno set). */
int sha256_file(const char *path, char out[65]);
/* Whether blocks go through the processor's SHA instructions: on = 0 forces
 * the portable code, 1 uses them when present (the default).  Returns 1 when
 * they are in use.  For tests; not thread-safe. */
int sha256_accel(int on);

#endif
