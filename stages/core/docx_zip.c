/* docx_zip.c - the package layer of DOCX reading: a zip opened from memory
 * with bounded, bomb-aware inflation, the main part found through
 * _rels/.rels, other zip and OLE kinds recognised by their content. */
#include "docx.h"
#include "problem.h"
#include "readers.h"
#include "util.h"

#include <libxml/xmlreader.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zip.h>

struct docx_pkg {
	zip_t *za;
	char *main;   /* main part name */
	size_t total; /* bytes inflated so far, all parts */
};

struct docx_stream {
	struct docx_pkg *pkg;
	zip_file_t *zf;
	char *name;
	uint64_t comp;	/* compressed size from the directory */
	uint64_t count; /* bytes inflated so far */
	uint64_t cap;
	struct docx_err *err;
};

void docx_err_init(struct docx_err *e)
{
	e->code = -1;
	e->kind = NULL;
	e->detail[0] = '\0';
}

void docx_err_set(struct docx_err *e, int code, const char *fmt, ...)
{
	va_list ap;

	if (e->code >= 0)
		return; /* keep the first reason */
	e->code = code;
	va_start(ap, fmt);
	vsnprintf(e->detail, sizeof(e->detail), fmt, ap);
	va_end(ap);
}

/* --- OLE compound files --- */

static const unsigned char ole_magic[8] = {0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1};

/* 1 when the 128-byte directory entry at p is named name (ASCII).  The
 * name length and entry type are checked when set (hand-made files may
 * leave them zero). */
static int ole_entry_is(const unsigned char *p, const char *name)
{
	size_t n = strlen(name);
	unsigned namelen = p[64] | (unsigned)p[65] << 8;

	if (namelen && namelen != (n + 1) * 2)
		return 0;
	if (p[66] > 5)
		return 0;
	for (size_t i = 0; i < n; i++)
		if (p[2 * i] != (unsigned char)name[i] || p[2 * i + 1] != 0)
			return 0;
	return p[2 * n] == 0 && p[2 * n + 1] == 0;
}

int docx_ole_classify(const char *data, size_t len, struct docx_err *err)
{
	const unsigned char *d = (const unsigned char *)data;
	int enc = 0, word = 0, xls = 0, ppt = 0;

	/* Directory entries are 128-byte slots inside sectors, and sectors
	 * (512 or 4096 bytes) start at multiples of 512 after the header, so
	 * every entry sits at a 128-aligned offset from 512 on. */
	for (size_t off = 512; len >= 128 && off <= len - 128; off += 128) {
		const unsigned char *p = d + off;
		if (ole_entry_is(p, "EncryptionInfo") || ole_entry_is(p, "EncryptedPackage"))
			enc = 1;
		else if (ole_entry_is(p, "WordDocument"))
			word = 1;
		else if (ole_entry_is(p, "Workbook") || ole_entry_is(p, "Book"))
			xls = 1;
		else if (ole_entry_is(p, "PowerPoint Document"))
			ppt = 1;
	}
	if (enc) {
		docx_err_set(err, PC_TEP_MA_HOA, "tài liệu Office được bảo vệ bằng mật khẩu");
		err->kind = "docx";
	} else if (word) {
		docx_err_set(err, PC_KHONG_HO_TRO,
			     "tệp Word 97-2003 (.doc): hãy mở bằng Word và Lưu thành .docx");
		err->kind = "doc";
	} else if (xls) {
		docx_err_set(err, PC_KHONG_HO_TRO,
			     "tệp Excel 97-2003 (.xls): hãy mở bằng Excel và Lưu thành CSV");
		err->kind = "xls";
	} else if (ppt) {
		docx_err_set(err, PC_KHONG_HO_TRO, "tệp PowerPoint (.ppt) không phải danh sách");
		err->kind = "ppt";
	} else {
		docx_err_set(err, PC_KHONG_HO_TRO,
			     "tệp Office cũ (định dạng OLE) không đọc được: hãy lưu thành .docx");
		err->kind = "ole";
	}
	return -1;
}

/* --- zip --- */

static int has_prefix_entry(zip_t *za, zip_int64_t n, const char *prefix)
{
	for (zip_int64_t i = 0; i < n; i++) {
		const char *nm = zip_get_name(za, (zip_uint64_t)i, 0);
		if (nm && str_starts_with(nm, prefix))
			return 1;
	}
	return 0;
}

static zip_int64_t locate(zip_t *za, const char *name)
{
	zip_int64_t i = zip_name_locate(za, name, 0);
	if (i < 0)
		i = zip_name_locate(za, name, ZIP_FL_NOCASE);
	return i;
}

static void set_zip_error(struct docx_err *err, const char *name, int ze)
{
	if (ze == ZIP_ER_NOPASSWD || ze == ZIP_ER_WRONGPASSWD || ze == ZIP_ER_ENCRNOTSUPP)
		docx_err_set(err, PC_TEP_MA_HOA, "phần %s của tệp nén được đặt mật khẩu", name);
	else
		docx_err_set(err, PC_TEP_HONG, "không giải nén được %s (tệp nén hỏng)", name);
}

struct docx_stream *docx_stream_open(struct docx_pkg *p, const char *name, struct docx_err *err)
{
	zip_int64_t i = locate(p->za, name);
	zip_stat_t st;
	struct docx_stream *s;
	zip_file_t *zf;

	if (i < 0) {
		docx_err_set(err, PC_TEP_HONG, "tệp nén thiếu phần %s", name);
		return NULL;
	}
	zip_stat_init(&st);
	if (zip_stat_index(p->za, (zip_uint64_t)i, 0, &st) < 0) {
		set_zip_error(err, name, zip_error_code_zip(zip_get_error(p->za)));
		return NULL;
	}
	if ((st.valid & ZIP_STAT_SIZE) && st.size > DOCX_MAX_PART) {
		docx_err_set(err, PC_TEP_HONG, "nghi là bom nén: %s giải nén ra %llu byte", name,
			     (unsigned long long)st.size);
		return NULL;
	}
	if ((st.valid & ZIP_STAT_SIZE) && (st.valid & ZIP_STAT_COMP_SIZE) &&
	    st.size > DOCX_RATIO_MIN_SIZE &&
	    st.size / (st.comp_size ? st.comp_size : 1) > DOCX_MAX_RATIO) {
		docx_err_set(err, PC_TEP_HONG, "nghi là bom nén: %s có tỉ lệ nén %llu:1", name,
			     (unsigned long long)(st.size / (st.comp_size ? st.comp_size : 1)));
		return NULL;
	}
	zf = zip_fopen_index(p->za, (zip_uint64_t)i, 0);
	if (!zf) {
		set_zip_error(err, name, zip_error_code_zip(zip_get_error(p->za)));
		return NULL;
	}
	s = xcalloc(1, sizeof(*s));
	s->pkg = p;
	s->zf = zf;
	s->name = xstrdup(name);
	s->comp = (st.valid & ZIP_STAT_COMP_SIZE) ? st.comp_size : 0;
	s->cap = DOCX_MAX_PART;
	s->err = err;
	return s;
}

int docx_stream_read(struct docx_stream *s, char *buf, int len)
{
	zip_int64_t n;

	if (len <= 0)
		return 0;
	n = zip_fread(s->zf, buf, (zip_uint64_t)len);
	if (n < 0) {
		set_zip_error(s->err, s->name, zip_error_code_zip(zip_file_get_error(s->zf)));
		return -1;
	}
	s->count += (uint64_t)n;
	s->pkg->total += (size_t)n;
	if (s->count > s->cap || s->pkg->total > DOCX_MAX_PART + DOCX_MAX_AUX) {
		docx_err_set(s->err, PC_TEP_HONG, "nghi là bom nén: %s giải nén vượt %u MB",
			     s->name, DOCX_MAX_PART >> 20);
		return -1;
	}
	if (s->count > DOCX_RATIO_MIN_SIZE && s->count / (s->comp ? s->comp : 1) > DOCX_MAX_RATIO) {
		docx_err_set(s->err, PC_TEP_HONG, "nghi là bom nén: %s có tỉ lệ nén trên %d:1",
			     s->name, DOCX_MAX_RATIO);
		return -1;
	}
	return (int)n;
}

void docx_stream_close(struct docx_stream *s)
{
	if (!s)
		return;
	zip_fclose(s->zf);
	free(s->name);
	free(s);
}

int docx_pkg_read(struct docx_pkg *p, const char *name, size_t cap, char **out, size_t *outlen,
		  struct docx_err *err)
{
	struct docx_stream *s;
	char *data = NULL;
	size_t len = 0, alloc = 0;
	int rc = -1;

	*out = NULL;
	*outlen = 0;
	if (locate(p->za, name) < 0)
		return 1;
	s = docx_stream_open(p, name, err);
	if (!s)
		return -1;
	s->cap = cap;
	for (;;) {
		int n;
		if (alloc - len < 65536 + 1) {
			alloc = alloc ? alloc * 2 : 65536 * 2;
			data = xrealloc(data, alloc);
		}
		n = docx_stream_read(s, data + len, 65536);
		if (n < 0)
			goto out;
		if (n == 0)
			break;
		len += (size_t)n;
	}
	data[len] = '\0';
	*out = data;
	*outlen = len;
	data = NULL;
	rc = 0;
out:
	free(data);
	docx_stream_close(s);
	return rc;
}

/* --- parts known not to matter --- */

/* A part is known by its stored bytes: the compressed bytes with the
 * method, CRC-32 and sizes of its directory entry.  Parts alike in all of
 * these inflate to the same bytes or fail in the same way (the CRC-32
 * checked is the one stored), so what a test found in one holds for the
 * other, whichever thread read which first.  Only parts that read without
 * error and that the test found not to matter are kept, with their inflated
 * size; a CRC-32 alone would not do (it can be forged to match). */
#define MEMO_SLOTS 16		     /* parts kept, replaced in turn */
#define MEMO_MAX_STORED (256u << 10) /* stored bytes of a part kept */

struct memo_part {
	int (*matters)(const char *, size_t);
	char *stored;
	size_t nstored;
	uint64_t size;
	uint32_t crc;
	uint16_t method;
	size_t len; /* bytes it inflated to */
};

static struct memo_part memo[MEMO_SLOTS];
static unsigned memo_next;
static size_t memo_hits;
static pthread_mutex_t memo_lock = PTHREAD_MUTEX_INITIALIZER;

/* The identity of entry i in key (stored bytes read raw), or -1 when it has
 * none worth keeping (encrypted, large, sizes unknown, unreadable). */
static int memo_key(zip_t *za, zip_int64_t i, struct memo_part *key)
{
	const zip_uint64_t need = ZIP_STAT_SIZE | ZIP_STAT_COMP_SIZE | ZIP_STAT_CRC |
				  ZIP_STAT_COMP_METHOD | ZIP_STAT_ENCRYPTION_METHOD;
	zip_stat_t st;
	zip_file_t *zf;
	size_t got = 0;

	zip_stat_init(&st);
	if (zip_stat_index(za, (zip_uint64_t)i, 0, &st) < 0 || (st.valid & need) != need ||
	    st.encryption_method != ZIP_EM_NONE || st.comp_size > MEMO_MAX_STORED)
		return -1;
	zf = zip_fopen_index(za, (zip_uint64_t)i, ZIP_FL_COMPRESSED);
	if (!zf)
		return -1;
	key->stored = xmalloc(st.comp_size + 1);
	for (;;) {
		zip_int64_t n = zip_fread(zf, key->stored + got, st.comp_size + 1 - got);
		if (n <= 0)
			break;
		got += (size_t)n;
		if (got > st.comp_size)
			break;
	}
	zip_fclose(zf);
	if (got != st.comp_size) {
		free(key->stored);
		key->stored = NULL;
		return -1;
	}
	key->nstored = got;
	key->size = st.size;
	key->crc = st.crc;
	key->method = (uint16_t)st.comp_method;
	return 0;
}

static int memo_same(const struct memo_part *a, const struct memo_part *b)
{
	return a->stored && a->matters == b->matters && a->crc == b->crc && a->size == b->size &&
	       a->method == b->method && a->nstored == b->nstored &&
	       memcmp(a->stored, b->stored, a->nstored) == 0;
}

/* The inflated size of a part kept like key, or -1. */
static long long memo_find(const struct memo_part *key)
{
	long long len = -1;
	pthread_mutex_lock(&memo_lock);
	for (unsigned k = 0; k < MEMO_SLOTS && len < 0; k++)
		if (memo_same(&memo[k], key)) {
			len = (long long)memo[k].len;
			memo_hits++;
		}
	pthread_mutex_unlock(&memo_lock);
	return len;
}

/* Keeps key (taking its stored bytes) as a part of len bytes. */
static void memo_add(struct memo_part *key, size_t len)
{
	pthread_mutex_lock(&memo_lock);
	for (unsigned k = 0; k < MEMO_SLOTS; k++)
		if (memo_same(&memo[k], key))
			goto out;
	struct memo_part *slot = &memo[memo_next++ % MEMO_SLOTS];
	free(slot->stored);
	*slot = *key;
	slot->len = len;
	key->stored = NULL;
out:
	pthread_mutex_unlock(&memo_lock);
}

size_t docx_memo_hits(void)
{
	pthread_mutex_lock(&memo_lock);
	size_t n = memo_hits;
	pthread_mutex_unlock(&memo_lock);
	return n;
}

int docx_pkg_read_if(struct docx_pkg *p, const char *name, size_t cap,
		     int (*matters)(const char *, size_t), char **out, size_t *outlen,
		     struct docx_err *err)
{
	struct memo_part key = {.matters = matters};
	zip_int64_t i = locate(p->za, name);
	int rc;

	*out = NULL;
	*outlen = 0;
	if (i < 0)
		return 1;
	if (memo_key(p->za, i, &key) == 0) {
		long long len = memo_find(&key);
		/* counted as reading it would count it (within the same limits) */
		if (len >= 0 && (size_t)len <= cap &&
		    p->total + (size_t)len <= DOCX_MAX_PART + DOCX_MAX_AUX) {
			p->total += (size_t)len;
			free(key.stored);
			return 0;
		}
	}
	rc = docx_pkg_read(p, name, cap, out, outlen, err);
	if (rc == 0 && !matters(*out, *outlen)) {
		if (key.stored)
			memo_add(&key, *outlen);
		free(*out);
		*out = NULL;
		*outlen = 0;
	}
	free(key.stored);
	return rc;
}

/* Resolves a relationship target against the package root. */
static char *rel_target(const char *t)
{
	while (*t == '/')
		t++;
	while (str_starts_with(t, "./"))
		t += 2;
	return xstrdup(t);
}

static void quiet_generic(void *arg, const char *fmt, ...)
{
	(void)arg;
	(void)fmt;
}

static void quiet_structured(void *arg, xmlErrorPtr e)
{
	(void)arg;
	(void)e;
}

/* The officeDocument target of _rels/.rels, or NULL. */
static char *find_main_rel(const char *xml, size_t len)
{
	xmlTextReaderPtr r;
	char *found = NULL;

	if (len > INT32_MAX || docx_xml_has_doctype(xml, len) != 0)
		return NULL;
	xmlSetGenericErrorFunc(NULL, quiet_generic);
	r = xmlReaderForMemory(xml, (int)len, "rels.xml", NULL,
			       XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
	if (!r)
		return NULL;
	xmlTextReaderSetStructuredErrorHandler(r, quiet_structured, NULL);
	while (!found && xmlTextReaderRead(r) == 1) {
		xmlChar *type, *target, *mode;
		if (xmlTextReaderNodeType(r) != XML_READER_TYPE_ELEMENT ||
		    !xmlStrEqual(xmlTextReaderConstLocalName(r), BAD_CAST "Relationship"))
			continue;
		type = xmlTextReaderGetAttribute(r, BAD_CAST "Type");
		target = xmlTextReaderGetAttribute(r, BAD_CAST "Target");
		mode = xmlTextReaderGetAttribute(r, BAD_CAST "TargetMode");
		if (type && target && !mode && str_ends_with((char *)type, "/officeDocument"))
			found = rel_target((char *)target);
		xmlFree(type);
		xmlFree(target);
		xmlFree(mode);
	}
	xmlFreeTextReader(r);
	return found;
}

/* Recognises a non-Word zip by its content; sets err.  Returns 1 when it
 * did (a known other kind), else 0. */
static int classify_other(struct docx_pkg *p, const char *main, struct docx_err *err)
{
	zip_int64_t n = zip_get_num_entries(p->za, 0);
	char *mt = NULL;
	size_t mtlen;
	struct docx_err e2;

	docx_err_init(&e2);
	if (docx_pkg_read(p, "mimetype", 4096, &mt, &mtlen, &e2) == 0) {
		int odt = str_starts_with(mt, "application/vnd.oasis.opendocument.text");
		int ods = str_starts_with(mt, "application/vnd.oasis.opendocument.spreadsheet");
		int odf = str_starts_with(mt, "application/vnd.oasis.opendocument.");
		free(mt);
		if (odt) {
			docx_err_set(err, PC_KHONG_HO_TRO,
				     "tệp OpenDocument (.odt): hãy lưu thành .docx");
			err->kind = "odt";
			return 1;
		}
		if (ods) {
			docx_err_set(err, PC_KHONG_HO_TRO,
				     "tệp bảng tính OpenDocument (.ods): hãy lưu thành CSV");
			err->kind = "ods";
			return 1;
		}
		if (odf) {
			docx_err_set(err, PC_KHONG_HO_TRO,
				     "tệp OpenDocument: hãy lưu thành .docx hoặc CSV");
			return 1;
		}
	}
	if ((main && str_starts_with(main, "xl/")) || has_prefix_entry(p->za, n, "xl/")) {
		docx_err_set(err, PC_KHONG_HO_TRO, "tệp Excel .xlsx: hãy lưu thành CSV");
		err->kind = "xlsx";
		return 1;
	}
	if ((main && str_starts_with(main, "ppt/")) || has_prefix_entry(p->za, n, "ppt/")) {
		docx_err_set(err, PC_KHONG_HO_TRO,
			     "tệp PowerPoint (.pptx) không phải danh sách: hãy gửi .docx hoặc CSV");
		err->kind = "pptx";
		return 1;
	}
	return 0;
}

/* Opens a zip held in memory, with the entry count bounded; what names the
 * kind of file in the damage message ("tệp nén .docx", "tệp Excel .xlsx"). */
static struct docx_pkg *zip_open_mem(const char *data, size_t len, const char *what,
				     struct docx_err *err)
{
	zip_error_t ze;
	zip_source_t *src;
	struct docx_pkg *p;
	zip_int64_t n;

	zip_error_init(&ze);
	src = zip_source_buffer_create(data, len, 0, &ze);
	if (!src) {
		zip_error_fini(&ze);
		docx_err_set(err, PC_TEP_HONG, "không mở được %s", what);
		return NULL;
	}
	p = xcalloc(1, sizeof(*p));
	p->za = zip_open_from_source(src, ZIP_RDONLY, &ze);
	zip_error_fini(&ze);
	if (!p->za) {
		zip_source_free(src);
		free(p);
		docx_err_set(err, PC_TEP_HONG, "%s bị cắt cụt hoặc hỏng", what);
		return NULL;
	}
	n = zip_get_num_entries(p->za, 0);
	if (n < 0 || n > DOCX_MAX_ENTRIES) {
		docx_err_set(err, PC_TEP_HONG, "tệp nén có quá nhiều phần (%lld)", (long long)n);
		docx_pkg_free(p);
		return NULL;
	}
	return p;
}

struct docx_pkg *docx_pkg_open(const char *data, size_t len, struct docx_err *err)
{
	zip_error_t ze;
	struct docx_pkg *p = NULL;
	char *rels = NULL, *main = NULL;
	size_t rlen;

	if (len >= 8 && memcmp(data, ole_magic, 8) == 0) {
		docx_ole_classify(data, len, err);
		return NULL;
	}
	if (len < 4 || data[0] != 'P' || data[1] != 'K') {
		docx_err_set(err, PC_TEP_HONG, "không phải tệp Word .docx (không phải tệp nén)");
		return NULL;
	}
	zip_error_init(&ze);
	p = zip_open_mem(data, len, "tệp nén .docx", err);
	if (!p)
		goto fail;
	switch (docx_pkg_read(p, "_rels/.rels", DOCX_MAX_AUX, &rels, &rlen, err)) {
	case 0:
		main = find_main_rel(rels, rlen);
		break;
	case 1:
		break;
	default:
		goto fail;
	}
	if (main && locate(p->za, main) < 0) {
		free(main);
		main = NULL;
	}
	if (classify_other(p, main, err))
		goto fail;
	if (!main && locate(p->za, "word/document.xml") >= 0)
		main = xstrdup("word/document.xml");
	if (!main) {
		docx_err_set(err, PC_TEP_HONG,
			     "tệp nén không có phần nội dung Word (word/document.xml)");
		goto fail;
	}
	p->main = main;
	free(rels);
	zip_error_fini(&ze);
	return p;
fail:
	free(rels);
	free(main);
	docx_pkg_free(p);
	zip_error_fini(&ze);
	return NULL;
}

void docx_pkg_free(struct docx_pkg *p)
{
	if (!p)
		return;
	if (p->za)
		zip_discard(p->za);
	free(p->main);
	free(p);
}

const char *docx_pkg_main(const struct docx_pkg *p)
{
	return p->main;
}

struct docx_pkg *docx_pkg_open_zip(const char *data, size_t len, const char *what,
				   struct docx_err *err)
{
	struct docx_pkg *p;
	char *rels = NULL;
	size_t rlen;

	if (len < 4 || data[0] != 'P' || data[1] != 'K') {
		docx_err_set(err, PC_TEP_HONG, "%s hỏng (không phải tệp nén)", what);
		return NULL;
	}
	p = zip_open_mem(data, len, what, err);
	if (p && docx_pkg_read(p, "_rels/.rels", DOCX_MAX_AUX, &rels, &rlen, err) == 0) {
		p->main = find_main_rel(rels, rlen);
		free(rels);
	}
	return p;
}

size_t docx_pkg_count(const struct docx_pkg *p)
{
	zip_int64_t n = zip_get_num_entries(p->za, 0);
	return n > 0 ? (size_t)n : 0;
}

const char *docx_pkg_entry(const struct docx_pkg *p, size_t i)
{
	return zip_get_name(p->za, (zip_uint64_t)i, 0);
}

int docx_pkg_has(const struct docx_pkg *p, const char *name)
{
	return locate(p->za, name) >= 0;
}

/* --- XML prolog --- */

int docx_xml_has_doctype(const char *p, size_t n)
{
	size_t i = 0;

	if (n >= 3 && (unsigned char)p[0] == 0xEF && (unsigned char)p[1] == 0xBB &&
	    (unsigned char)p[2] == 0xBF)
		i = 3;
	else if (n >= 2 && (((unsigned char)p[0] == 0xFF && (unsigned char)p[1] == 0xFE) ||
			    ((unsigned char)p[0] == 0xFE && (unsigned char)p[1] == 0xFF)))
		return 1; /* UTF-16 parts are refused like a DOCTYPE: Word writes UTF-8 */
	for (;;) {
		while (i < n && (p[i] == ' ' || p[i] == '\t' || p[i] == '\r' || p[i] == '\n'))
			i++;
		if (i >= n)
			return -1;
		if (p[i] != '<')
			return 0; /* not XML: the parser will say so */
		if (n - i < 4)
			return -1;
		if (p[i + 1] == '?') {
			const char *e = memmem(p + i + 2, n - i - 2, "?>", 2);
			if (!e)
				return -1;
			i = (size_t)(e - p) + 2;
		} else if (p[i + 1] == '!' && p[i + 2] == '-' && p[i + 3] == '-') {
			const char *e = memmem(p + i + 4, n - i - 4, "-->", 3);
			if (!e)
				return -1;
			i = (size_t)(e - p) + 3;
		} else if (p[i + 1] == '!') {
			return 1; /* <!DOCTYPE, <!ENTITY or other declaration */
		} else {
			return 0;
		}
	}
}
