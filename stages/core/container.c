/* container.c - which reader a zip or a web page goes to, and zip attachments:
 * every member of an archive that is itself a submission is read as a file
 * of the month (nguon "archive.zip/member.docx"), one level of nesting. */
#include "ingest.h"
#include "problem.h"
#include "readers.h"
#include "util.h"

#include <libxml/parser.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define ARCHIVE_MAX_MEMBERS 500 /* members read from one archive */
#define ARCHIVE_MAX_NEST 1	/* archives inside an archive */

static _Thread_local int zip_depth; /* archives being read by this thread */

static pthread_once_t xml_once = PTHREAD_ONCE_INIT;

static void xml_init(void)
{
	xmlInitParser();
}

enum zkind { ZK_ZIP, ZK_DOCX, ZK_XLSX, ZK_ODT, ZK_ODS, ZK_ODF };

static const struct {
	const char *fmt, *what;
} kinds[] = {
    [ZK_ZIP] = {"zip", "tệp nén .zip"},		 [ZK_DOCX] = {"docx", "tệp Word .docx"},
    [ZK_XLSX] = {"xlsx", "tệp Excel .xlsx"},	 [ZK_ODT] = {"odt", "tệp OpenDocument .odt"},
    [ZK_ODS] = {"ods", "tệp OpenDocument .ods"}, [ZK_ODF] = {"odf", "tệp OpenDocument"},
};

/* The kind by the names and the mimetype stored in the bytes: good enough
 * to name the format of a file whose directory is damaged. */
static enum zkind guess_kind(const char *data, size_t len)
{
	size_t look = len < 200 ? len : 200;
	if (memmem(data, look, "mimetypeapplication/vnd.oasis.opendocument.text", 47))
		return ZK_ODT;
	if (memmem(data, look, "mimetypeapplication/vnd.oasis.opendocument.spreadsheet", 54))
		return ZK_ODS;
	if (memmem(data, look, "mimetypeapplication/vnd.oasis.opendocument", 42))
		return ZK_ODF;
	if (memmem(data, len, "xl/workbook", 11) || memmem(data, len, "xl/worksheets/", 14))
		return ZK_XLSX;
	if (memmem(data, len, "word/", 5) || memmem(data, len, "[Content_Types].xml", 19))
		return ZK_DOCX;
	return ZK_ZIP;
}

/* The kind an extension names (for a zip whose content does not say). */
static enum zkind kind_by_name(const char *name)
{
	static const struct {
		const char *ext;
		enum zkind k;
	} ext[] = {{".docx", ZK_DOCX}, {".docm", ZK_DOCX}, {".dotx", ZK_DOCX}, {".xlsx", ZK_XLSX},
		   {".xlsm", ZK_XLSX}, {".xltx", ZK_XLSX}, {".odt", ZK_ODT},   {".ods", ZK_ODS}};
	const char *dot = strrchr(name, '.');
	for (size_t i = 0; dot && i < ARRAY_SIZE(ext); i++)
		if (!strcasecmp(dot, ext[i].ext))
			return ext[i].k;
	return ZK_ZIP;
}

/* The kind by the package's parts. */
static enum zkind pkg_kind(struct docx_pkg *p)
{
	char *mt = NULL;
	size_t n;
	struct docx_err e;
	enum zkind k = ZK_ZIP;
	const char *main = docx_pkg_main(p);

	docx_err_init(&e);
	if (docx_pkg_read(p, "mimetype", 4096, &mt, &n, &e) == 0) {
		if (str_starts_with(mt, "application/vnd.oasis.opendocument.text"))
			k = ZK_ODT;
		else if (str_starts_with(mt, "application/vnd.oasis.opendocument.spreadsheet"))
			k = ZK_ODS;
		else if (str_starts_with(mt, "application/vnd.oasis.opendocument."))
			k = ZK_ODF;
		free(mt);
		if (k != ZK_ZIP)
			return k;
	}
	if ((main && (!strncasecmp(main, "xl/", 3) || strcasestr(main, "workbook"))) ||
	    docx_pkg_has(p, "xl/workbook.xml"))
		return ZK_XLSX;
	if (docx_pkg_read(p, "[Content_Types].xml", DOCX_MAX_AUX, &mt, &n, &e) == 0) {
		int xl = memmem(mt, n, "spreadsheetml.", 14) || memmem(mt, n, "ms-excel.", 9);
		int word = memmem(mt, n, "wordprocessingml.", 17) || memmem(mt, n, "ms-word.", 8);
		free(mt);
		if (xl && !word)
			return ZK_XLSX;
	}
	if (main || docx_pkg_has(p, "[Content_Types].xml") || docx_pkg_has(p, "word/document.xml"))
		return ZK_DOCX;
	if (docx_pkg_has(p, "content.xml") && docx_pkg_has(p, "META-INF/manifest.xml"))
		return ZK_ODF;
	return ZK_ZIP;
}

static long read_model(struct ingest_ctx *c, const char *fmt, int rc, struct docx_doc *d,
		       struct docx_err *err)
{
	long n = 0;
	c->dinh_dang = err->kind ? err->kind : fmt;
	if (rc < 0)
		ingest_problem(c, err->code >= 0 ? err->code : PC_TEP_HONG, err->detail);
	else
		n = docx_ingest_doc(c, d);
	docx_doc_release(d);
	return n;
}

/* A member name that is not a submission (folders, hidden files, Office lock
 * files, the Mac's resource forks). */
static int skip_member(const char *name)
{
	size_t n = strlen(name);
	const char *base = strrchr(name, '/');
	base = base ? base + 1 : name;
	return !n || name[n - 1] == '/' || str_starts_with(name, "__MACOSX/") || base[0] == '.' ||
	       str_starts_with(base, "~$") || !strcasecmp(base, "Thumbs.db") ||
	       !strcasecmp(base, "desktop.ini");
}

static long read_archive(struct ingest_ctx *c, struct docx_pkg *p)
{
	const struct file_info *parent = c->file;
	const char *ma_cu = c->ma_cu;
	size_t count = docx_pkg_count(p), nread = 0;
	long before = c->nrecords;

	c->dinh_dang = "zip";
	for (size_t i = 0; i < count; i++) {
		const char *name = docx_pkg_entry(p, i);
		if (!name || skip_member(name))
			continue;
		if (nread == ARCHIVE_MAX_MEMBERS) {
			char *d = xasprintf("tệp nén có hơn %d tệp; chỉ đọc %d tệp đầu",
					    ARCHIVE_MAX_MEMBERS, ARCHIVE_MAX_MEMBERS);
			ingest_problem(c, PC_TEP_HONG, d);
			free(d);
			break;
		}
		nread++;
		struct file_info fi = *parent;
		char *nguon = xasprintf("%s/%s", parent->nguon, name);
		fi.nguon = nguon;
		char *buf = NULL;
		size_t blen = 0;
		struct docx_err err;
		docx_err_init(&err);
		c->file = &fi;
		c->ma_cu = NULL;
		int rc = docx_pkg_read(p, name, INGEST_MAX_FILE, &buf, &blen, &err);
		if (rc != 0) {
			if (err.code < 0)
				docx_err_set(&err, PC_TEP_HONG, "không giải nén được %s", name);
			fi.sha256[0] = '\0';
			ingest_problem(c, err.code, err.detail);
		} else {
			fi.size = (long long)blen;
			sha256_hex(buf, blen, fi.sha256);
			ingest_data(c, &fi, buf, blen);
		}
		if (c->ma_cu && !ma_cu)
			ma_cu = c->ma_cu;
		c->file = parent;
		free(buf);
		free(nguon);
	}
	c->file = parent;
	c->ma_cu = ma_cu;
	c->dinh_dang = "zip";
	if (!nread)
		ingest_problem(c, PC_TEP_RONG, "tệp nén .zip không chứa tệp nào");
	return c->nrecords - before;
}

long container_zip_ingest(struct ingest_ctx *c, const char *data, size_t len)
{
	struct docx_err err;
	struct docx_doc d;
	enum zkind k = guess_kind(data, len);
	long n = 0;

	pthread_once(&xml_once, xml_init);
	enum zkind by_name = c->file && c->file->nguon ? kind_by_name(c->file->nguon) : ZK_ZIP;
	if (k == ZK_ZIP) /* damaged: the name may tell */
		k = by_name;
	docx_err_init(&err);
	docx_doc_init(&d);
	struct docx_pkg *p = docx_pkg_open_zip(data, len, kinds[k].what, &err);
	if (!p && k == ZK_DOCX)
		return docx_ingest(c, data, len); /* its own words for a damaged .docx */
	if (!p) {
		c->dinh_dang = kinds[k].fmt;
		ingest_problem(c, err.code >= 0 ? err.code : PC_TEP_HONG, err.detail);
		return 0;
	}
	k = pkg_kind(p);
	if (k == ZK_ZIP && by_name != ZK_ZIP)
		k = by_name; /* an empty or partless package named .xlsx, .docx... */
	switch (k) {
	case ZK_DOCX:
		docx_pkg_free(p);
		return docx_ingest(c, data, len);
	case ZK_XLSX:
		docx_pkg_free(p);
		return read_model(c, "xlsx", xlsx_load(data, len, &d, &err), &d, &err);
	case ZK_ODT:
	case ZK_ODS:
	case ZK_ODF:
		docx_pkg_free(p);
		return read_model(c, kinds[k].fmt, odf_load(data, len, &d, &err), &d, &err);
	case ZK_ZIP:
		break;
	}
	if (zip_depth > ARCHIVE_MAX_NEST) {
		docx_pkg_free(p);
		c->dinh_dang = "zip";
		ingest_problem(c, PC_TEP_HONG,
			       "tệp nén lồng trong tệp nén quá một cấp: hãy gửi riêng từng tệp");
		return 0;
	}
	zip_depth++;
	n = read_archive(c, p);
	zip_depth--;
	docx_pkg_free(p);
	return n;
}

long container_html_ingest(struct ingest_ctx *c, const char *data, size_t len)
{
	struct docx_err err;
	struct docx_doc d;

	pthread_once(&xml_once, xml_init);
	docx_err_init(&err);
	docx_doc_init(&d);
	int rc = html_load(data, len, &d, &err);
	if (rc == 1)
		c->ma_cu = "CP1258";
	return read_model(c, html_is_mht(data, len) ? "mht" : "html", rc, &d, &err);
}

long container_xml_ingest(struct ingest_ctx *c, const char *data, size_t len)
{
	struct docx_err err;
	struct docx_doc d;
	size_t look = len < 8192 ? len : 8192;

	c->dinh_dang = "xml";
	if (!memmem(data, look, "urn:oasis:names:tc:opendocument:xmlns:office:1.0", 48)) {
		ingest_problem(c, PC_KHONG_HO_TRO, "tệp XML, không phải tệp Word, Excel hay CSV");
		return 0;
	}
	pthread_once(&xml_once, xml_init);
	docx_err_init(&err);
	docx_doc_init(&d);
	return read_model(c, "fodf", odf_load_flat(data, len, &d, &err), &d, &err);
}
