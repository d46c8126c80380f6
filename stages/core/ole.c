/* ole.c - a bounded reader of OLE compound files (see ole.h).  Layout from
 * [MS-CFB]: a 512-byte header, sectors of 512 or 4096 bytes, a FAT whose
 * sectors are listed by the header's 109 DIFAT slots and a DIFAT chain, a
 * directory of 128-byte entries, and a mini stream of 64-byte sectors
 * (indexed by the miniFAT) for streams under the cutoff size. */
#include "ole.h"
#include "util.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define ENDOFCHAIN 0xFFFFFFFEu
#define FREESECT 0xFFFFFFFFu
#define MINI_SIZE 64u

static const unsigned char magic[8] = {0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1};

static uint32_t le32(const unsigned char *p)
{
	return p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

static unsigned le16(const unsigned char *p)
{
	return p[0] | (unsigned)p[1] << 8;
}

/* The bytes of regular sector s present in the file (a last sector may be
 * short), or NULL when s lies outside it. */
static const unsigned char *sector(const struct ole *o, uint32_t s, size_t *avail)
{
	if (s >= o->nsec)
		return NULL;
	size_t off = ((size_t)s + 1) << o->sec_shift;
	if (off >= o->len)
		return NULL;
	*avail = o->len - off < o->sec_size ? o->len - off : o->sec_size;
	return o->data + off;
}

#define WANT_ALL ((size_t)-1)

/* Follows a chain of the FAT (mini = 0) or the miniFAT from start and
 * copies its sectors: want bytes, or the whole chain for WANT_ALL.  A
 * chain takes at most as many steps as there are distinct sectors, so a
 * longer one is a cycle. */
static int read_chain(const struct ole *o, int mini, uint32_t start, size_t want,
		      unsigned char **out, size_t *outlen, const char **why)
{
	const uint32_t *tab = mini ? o->minifat : o->fat;
	size_t ntab = mini ? o->nminifat : o->nfat;
	size_t unit = mini ? MINI_SIZE : o->sec_size;
	size_t units = mini ? o->ministream_len / MINI_SIZE : o->nsec;
	size_t max_steps = ntab < units ? ntab : units;
	size_t cap = want == WANT_ALL ? 0 : want, got = 0, steps = 0;
	unsigned char *buf = want == WANT_ALL ? NULL : xmalloc(want + 1);
	unsigned char *seen = xcalloc(units / 8 + 1, 1);
	uint32_t s = start;

	*out = NULL;
	*outlen = 0;
	while (want == WANT_ALL || got < want) {
		if (s == ENDOFCHAIN || (want == WANT_ALL && s == FREESECT))
			break;
		if (s >= ntab || s >= units) {
			*why = "cấu trúc OLE hỏng: chuỗi sector trỏ ra ngoài tệp";
			goto fail;
		}
		if (++steps > max_steps || (seen[s / 8] & (1u << (s % 8)))) {
			*why = "cấu trúc OLE hỏng: chuỗi sector lặp vòng";
			goto fail;
		}
		seen[s / 8] |= (unsigned char)(1u << (s % 8));
		const unsigned char *p;
		size_t avail;
		if (mini) {
			p = o->ministream + (size_t)s * MINI_SIZE;
			avail = MINI_SIZE;
		} else if (!(p = sector(o, s, &avail))) {
			*why = "cấu trúc OLE hỏng: sector nằm ngoài tệp (tệp bị cắt cụt?)";
			goto fail;
		}
		size_t n = want == WANT_ALL ? unit : (want - got < unit ? want - got : unit);
		if (want == WANT_ALL && got + n + 1 > cap) {
			cap = cap ? cap * 2 : 8 * unit;
			buf = xrealloc(buf, cap + 1);
		}
		size_t c = n < avail ? n : avail;
		memcpy(buf + got, p, c);
		memset(buf + got + c, 0, n - c); /* a short last sector reads as zeros */
		got += n;
		s = tab[s];
	}
	if (want != WANT_ALL && got < want) {
		*why = "cấu trúc OLE hỏng: luồng dữ liệu bị cắt cụt";
		goto fail;
	}
	if (!buf)
		buf = xmalloc(1);
	buf[got] = 0;
	*out = buf;
	*outlen = got;
	free(seen);
	return 0;
fail:
	free(buf);
	free(seen);
	return -1;
}

static int load_fat(struct ole *o, const unsigned char *h, const char **why)
{
	uint32_t nfatsec = le32(h + 0x2C), difat = le32(h + 0x44), ndifat = le32(h + 0x48);
	size_t per = o->sec_size / 4;

	if (nfatsec == 0 || nfatsec > o->nsec) {
		*why = "cấu trúc OLE hỏng: số sector FAT không hợp lệ";
		return -1;
	}
	o->nfat = (size_t)nfatsec * per;
	o->fat = xmalloc(o->nfat * sizeof *o->fat);
	size_t k = 0;
	for (size_t i = 0; i < 109 && k < nfatsec; i++, k++) {
		size_t avail;
		const unsigned char *p = sector(o, le32(h + 0x4C + 4 * i), &avail);
		if (!p) {
			*why = "cấu trúc OLE hỏng: sector FAT nằm ngoài tệp";
			return -1;
		}
		for (size_t j = 0; j < per; j++)
			o->fat[k * per + j] = 4 * j + 4 <= avail ? le32(p + 4 * j) : FREESECT;
	}
	for (size_t steps = 0; k < nfatsec; steps++) {
		size_t avail;
		const unsigned char *d;
		if (difat == ENDOFCHAIN || difat == FREESECT || steps >= ndifat ||
		    steps > o->nsec || !(d = sector(o, difat, &avail)) || avail < o->sec_size) {
			*why = "cấu trúc OLE hỏng: bảng DIFAT thiếu hoặc lặp vòng";
			return -1;
		}
		for (size_t i = 0; i + 1 < per && k < nfatsec; i++, k++) {
			uint32_t fs = le32(d + 4 * i);
			size_t a2;
			const unsigned char *p = sector(o, fs, &a2);
			if (!p) {
				*why = "cấu trúc OLE hỏng: sector FAT nằm ngoài tệp";
				return -1;
			}
			for (size_t j = 0; j < per; j++)
				o->fat[k * per + j] = 4 * j + 4 <= a2 ? le32(p + 4 * j) : FREESECT;
		}
		difat = le32(d + 4 * (per - 1));
	}
	return 0;
}

static void parse_entry(struct ole_entry *e, const unsigned char *p, int v3)
{
	unsigned nl = le16(p + 64);
	size_t n = nl >= 2 && nl <= 64 ? nl / 2 - 1 : 0;
	memset(e, 0, sizeof *e);
	for (size_t i = 0; i < n && i < sizeof e->name - 1; i++) {
		unsigned c = le16(p + 2 * i);
		e->name[i] = c && c < 0x80 ? (char)c : '?';
	}
	e->type = p[66];
	e->left = le32(p + 68);
	e->right = le32(p + 72);
	e->child = le32(p + 76);
	e->start = le32(p + 116);
	e->size = le32(p + 120);
	if (!v3)
		e->size |= (uint64_t)le32(p + 124) << 32; /* v3 files may leave garbage there */
}

int ole_open(struct ole *o, const void *data, size_t len, const char **why)
{
	const unsigned char *h = data;
	unsigned char *buf = NULL;
	size_t blen;

	memset(o, 0, sizeof *o);
	o->data = data;
	o->len = len;
	if (len < 512 || memcmp(h, magic, 8) != 0) {
		*why = "không phải tệp Office 97-2003 (thiếu phần đầu OLE)";
		return -1;
	}
	unsigned shift = le16(h + 0x1E), major = le16(h + 0x1A);
	if (le16(h + 0x1C) != 0xFFFE || (shift != 9 && shift != 12) || le16(h + 0x20) != 6) {
		*why = "cấu trúc OLE hỏng: phần đầu tệp không hợp lệ";
		return -1;
	}
	o->sec_shift = shift;
	o->sec_size = (size_t)1 << shift;
	if (len <= o->sec_size) {
		*why = "tệp Office 97-2003 bị cắt cụt";
		return -1;
	}
	o->nsec = (len - o->sec_size + o->sec_size - 1) / o->sec_size;
	o->mini_cutoff = le32(h + 0x38);
	if (load_fat(o, h, why) < 0)
		goto fail;
	if (read_chain(o, 0, le32(h + 0x30), WANT_ALL, &buf, &blen, why) < 0)
		goto fail;
	o->ndir = blen / 128;
	if (o->ndir > OLE_MAX_DIR_ENTRIES)
		o->ndir = OLE_MAX_DIR_ENTRIES;
	if (o->ndir == 0 || buf[66] != OLE_ROOT) {
		*why = "cấu trúc OLE hỏng: không có thư mục gốc";
		goto fail;
	}
	o->dir = xmalloc(o->ndir * sizeof *o->dir);
	for (size_t i = 0; i < o->ndir; i++)
		parse_entry(&o->dir[i], buf + 128 * i, major == 3 || shift == 9);
	free(buf);
	buf = NULL;
	/* The miniFAT and the mini stream: when broken, only the small
	 * streams become unreadable (ole_read() says so). */
	uint32_t mf = le32(h + 0x3C);
	if (mf != ENDOFCHAIN && mf != FREESECT &&
	    read_chain(o, 0, mf, WANT_ALL, &buf, &blen, why) == 0) {
		o->nminifat = blen / 4;
		o->minifat = xmalloc((o->nminifat ? o->nminifat : 1) * sizeof *o->minifat);
		for (size_t i = 0; i < o->nminifat; i++)
			o->minifat[i] = le32(buf + 4 * i);
		free(buf);
		buf = NULL;
		const struct ole_entry *root = &o->dir[0];
		if (root->size && root->size <= (uint64_t)o->nsec * o->sec_size &&
		    read_chain(o, 0, root->start, (size_t)root->size, &o->ministream,
			       &o->ministream_len, why) < 0) {
			o->ministream = NULL;
			o->ministream_len = 0;
		}
	}
	return 0;
fail:
	free(buf);
	ole_release(o);
	return -1;
}

void ole_release(struct ole *o)
{
	free(o->fat);
	free(o->minifat);
	free(o->ministream);
	free(o->dir);
	memset(o, 0, sizeof *o);
}

long ole_find(const struct ole *o, size_t parent, const char *name)
{
	if (parent >= o->ndir)
		return -1;
	/* The children form a red-black tree; walk it with an explicit stack
	 * and a visited mark, whatever shape a hostile file gives it. */
	unsigned char *seen = xcalloc(o->ndir, 1);
	size_t cap = 2 * o->ndir + 2, n = 0;
	uint32_t *stack = xmalloc(cap * sizeof *stack);
	long found = -1;
	if (o->dir[parent].child < o->ndir)
		stack[n++] = o->dir[parent].child;
	while (n && found < 0) {
		uint32_t i = stack[--n];
		if (seen[i])
			continue;
		seen[i] = 1;
		const struct ole_entry *e = &o->dir[i];
		if (e->type != OLE_EMPTY && strcasecmp(e->name, name) == 0)
			found = (long)i;
		if (e->left < o->ndir && !seen[e->left] && n < cap)
			stack[n++] = e->left;
		if (e->right < o->ndir && !seen[e->right] && n < cap)
			stack[n++] = e->right;
	}
	free(stack);
	free(seen);
	return found;
}

int ole_read(const struct ole *o, size_t i, size_t cap, unsigned char **out, size_t *len,
	     const char **why)
{
	*out = NULL;
	*len = 0;
	if (i >= o->ndir || o->dir[i].type != OLE_STREAM) {
		*why = "cấu trúc OLE hỏng: mục thư mục không phải luồng dữ liệu";
		return -1;
	}
	const struct ole_entry *e = &o->dir[i];
	if (e->size > cap) {
		*why = "luồng dữ liệu trong tệp quá lớn";
		return -1;
	}
	if (e->size > o->len) {
		*why = "cấu trúc OLE hỏng: luồng dữ liệu lớn hơn cả tệp";
		return -1;
	}
	int mini = e->size < o->mini_cutoff;
	if (mini && !o->ministream && e->size) {
		*why = "cấu trúc OLE hỏng: thiếu luồng nhỏ (mini stream)";
		return -1;
	}
	return read_chain(o, mini, e->start, (size_t)e->size, out, len, why);
}

int ole_read_named(const struct ole *o, const char *name, size_t cap, unsigned char **out,
		   size_t *len, const char **why)
{
	long i = ole_find(o, 0, name);
	*out = NULL;
	*len = 0;
	if (i < 0 || o->dir[i].type != OLE_STREAM)
		return 1;
	return ole_read(o, (size_t)i, cap, out, len, why);
}
