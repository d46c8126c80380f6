/* docx.h - internal interfaces of the DOCX reader: the zip/OLE package
 * layer (docx_zip.c), Word's text model (docx_text.c) and the layouts that
 * turn the model into records (docx_ingest.c).
 *
 * Failures of a hostile or broken file are not printed: they are returned
 * in a struct docx_err (a problem code and a Vietnamese detail), which the
 * caller reports once as a file-level problem.
 */
#ifndef DH_DOCX_H
#define DH_DOCX_H

#include "legacy.h"
#include "sheet.h"

#include <stddef.h>
#include <stdio.h>

/* Limits applied to every package. */
#define DOCX_MAX_PART (64u << 20)      /* uncompressed bytes of the main part */
#define DOCX_MAX_AUX (8u << 20)	       /* uncompressed bytes of rels, styles... */
#define DOCX_MAX_RATIO 200	       /* inflate ratio allowed ... */
#define DOCX_RATIO_MIN_SIZE (1u << 20) /* ... on parts larger than this */
#define DOCX_MAX_ENTRIES 20000	       /* zip entries */
#define DOCX_MAX_DEPTH 256	       /* XML element depth */
#define DOCX_MAX_TABLE_NEST 32	       /* nested tables kept */
#define DOCX_MAX_CELLS 500000	       /* table cells in one document */
#define DOCX_MAX_ROW_CELLS 256	       /* grid columns of one row */
#define DOCX_MAX_TEXT (4u << 20)       /* bytes of one paragraph or cell */
#define DOCX_MAX_BLOCKS 1000000	       /* paragraphs + tables */

/* Why a file could not be read: a problem code (enum problem_code) and a
 * detail for the clerk (Vietnamese). */
struct docx_err {
	int code;	  /* -1 when no error */
	const char *kind; /* format recognised ("doc", "xlsx", "odt"...), or NULL */
	char detail[320];
};

void docx_err_init(struct docx_err *e);
void docx_err_set(struct docx_err *e, int code, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* --- package layer (docx_zip.c) --- */

/* Fonts of styles.xml that matter for legacy detection. */
struct docx_style {
	char *id;	/* w:styleId */
	char *based_on; /* w:basedOn, or NULL */
	char *font;	/* w:rFonts hAnsi/ascii, or NULL */
	int para_default;
};

struct docx_styles {
	char *default_font; /* docDefaults rPrDefault rFonts */
	struct docx_style *v;
	size_t n, cap;
};

void docx_styles_init(struct docx_styles *s);
void docx_styles_release(struct docx_styles *s);
/* Parses styles.xml (errors leave what was read; never fatal). */
void docx_styles_parse(struct docx_styles *s, const char *xml, size_t len);
/* Whether a styles part can name a legacy font family (".Vn...", "VNI...",
 * as legacy_font_kind() knows them): 0 only when its bytes are UTF-8 (no
 * other declared encoding, no NUL), hold no character reference and no
 * ".vn" or "vni" in any case.  A styles part that cannot name one changes no
 * run's reading, so docx_load() does not parse it (python-docx's template
 * carries 349 KB of styles). */
int docx_styles_can_name_legacy(const char *xml, size_t len);
/* The font a run gets from its character style, paragraph style (or the
 * default paragraph style) and the document defaults; NULL if none. */
const char *docx_styles_font(const struct docx_styles *s, const char *rstyle, const char *pstyle);

struct docx_pkg;

/* Opens a package from memory (data must outlive the package).  Classifies
 * what it is: returns the open package of a Word document, or NULL with err
 * set (tep_hong, tep_ma_hoa, khong_ho_tro). OLE compound files always give
 * NULL with the matching problem. */
struct docx_pkg *docx_pkg_open(const char *data, size_t len, struct docx_err *err);
void docx_pkg_free(struct docx_pkg *p);
/* Name of the main document part ("word/document.xml"). */
const char *docx_pkg_main(const struct docx_pkg *p);
/* Reads a whole part of at most cap bytes (inflated with a running count;
 * ratio checked).  Returns 0, 1 when the part does not exist, or -1 with err
 * set. */
int docx_pkg_read(struct docx_pkg *p, const char *name, size_t cap, char **out, size_t *outlen,
		  struct docx_err *err);

/* Reads part name as docx_pkg_read() does, but hands it out (*out) only
 * when matters(bytes, len) is nonzero; *out is NULL otherwise.  A part
 * whose stored bytes (compressed bytes, method, CRC-32, sizes) equal those
 * of a part that read without error and did not matter is not inflated
 * again: the answer is a function of those bytes, so it does not depend on
 * the order in which threads read files.  Parts are remembered per matters
 * function, at most 16 of at most 256 KB stored, for the process. */
int docx_pkg_read_if(struct docx_pkg *p, const char *name, size_t cap,
		     int (*matters)(const char *, size_t), char **out, size_t *outlen,
		     struct docx_err *err);
/* How many reads docx_pkg_read_if() skipped so far (for tests). */
size_t docx_memo_hits(void);

/* Streaming reader of one part, for libxml2's xmlReaderForIO. */
struct docx_stream;
struct docx_stream *docx_stream_open(struct docx_pkg *p, const char *name, struct docx_err *err);
/* Fills buf with up to len bytes; returns the count, 0 at the end, -1 on
 * a limit or a zip error (err set). */
int docx_stream_read(struct docx_stream *s, char *buf, int len);
void docx_stream_close(struct docx_stream *s);

/* Classifies an OLE compound file by its directory entries: sets err to
 * tep_ma_hoa (EncryptionInfo/EncryptedPackage), khong_ho_tro (.doc, .xls,
 * .ppt, other).  Returns -1 always (an OLE file is never read). */
int docx_ole_classify(const char *data, size_t len, struct docx_err *err);

/* 1 when an XML prolog (after an optional BOM) declares a DOCTYPE; 0 when
 * the root element starts without one; -1 when undecided in n bytes. */
int docx_xml_has_doctype(const char *p, size_t n);

/* --- text model (docx_text.c) --- */

enum docx_block_kind {
	DOCX_PARA,
	DOCX_TABLE,
};

/* One block of the body in document order.  Paragraph text is normalised
 * (vn_normalize_lines: NFC, lines kept).  Tables are numbered in the order
 * they start (outer before the tables nested in it). */
struct docx_block {
	enum docx_block_kind kind;
	size_t index;	     /* 1-based paragraph number or table number */
	char *text;	     /* DOCX_PARA: text, lines joined by '\n' */
	struct sheet *table; /* DOCX_TABLE: grid (label "bảng N") */
	unsigned nest;	     /* DOCX_TABLE: 0 for a body table, 1.. nested */
};

struct docx_doc {
	struct docx_block *v;
	size_t n, cap;
	size_t npara, ntables;
	enum legacy_font legacy; /* FONT_TCVN3 or FONT_VNI when runs were converted */
};

void docx_doc_init(struct docx_doc *d);
void docx_doc_release(struct docx_doc *d);

/* Parses a main document part held in memory (styles may be NULL).
 * Returns 0, or -1 with err set (tep_hong for malformed XML, a DOCTYPE, a
 * limit, or a root that is not w:document). */
int docx_text_parse(const char *xml, size_t len, const struct docx_styles *styles,
		    struct docx_doc *d, struct docx_err *err);
/* The same, streaming the part from the package. */
int docx_text_parse_part(struct docx_pkg *p, const char *name, const struct docx_styles *styles,
			 struct docx_doc *d, struct docx_err *err);

/* Reads a whole package (data in memory) into a model: open, styles, main
 * part.  Returns 0, or -1 with err set. */
int docx_load(const char *data, size_t len, struct docx_doc *d, struct docx_err *err);

/* Writes the model as text (paragraphs one per line block, tables as rows
 * of " | "-separated cells), for debugging and conformance tests. */
void docx_doc_dump(const struct docx_doc *d, FILE *f);

/* --- layouts (docx_ingest.c) --- */

struct ingest_ctx;
/* Turns a loaded model into records and emits them through ingest_emit():
 * the tables that sheet_extract() accepts (bo_cuc "danh_sach"; headings
 * between tables give linh_vuc_goc/loai_goc), else the achievement reports
 * (labelled lines and the achievement section, "bao_cao").  Reports that
 * follow a list complete the listed nominee's row, or add their nominee.
 * Reports tep_rong when nothing is found.  Returns the records emitted. */
long docx_ingest_doc(struct ingest_ctx *c, const struct docx_doc *d);

#endif
