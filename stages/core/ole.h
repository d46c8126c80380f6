/* ole.h - a bounded reader of OLE compound files (CFB: the container of
 * Word 97-2003 .doc, Excel 97-2003 .xls and encrypted OOXML).
 *
 * The whole file is in memory.  ole_open() checks the header, loads the
 * FAT (through the header's DIFAT and the DIFAT chain), the directory and
 * the miniFAT; ole_read() returns a stream's bytes.  Every chain is walked
 * with a step bound (a cyclic chain is an error, never a loop), every
 * sector index is checked against the file, and a stream may not claim
 * more bytes than the file holds, so memory stays within a small multiple
 * of the file's size.  Failures return -1 with a Vietnamese reason (a
 * static string) for the clerk.
 */
#ifndef DH_OLE_H
#define DH_OLE_H

#include <stddef.h>
#include <stdint.h>

#define OLE_MAX_DIR_ENTRIES 65536 /* directory entries read */

enum ole_type { OLE_EMPTY = 0, OLE_STORAGE = 1, OLE_STREAM = 2, OLE_ROOT = 5 };

struct ole_entry {
	char name[32];	    /* ASCII-folded name ('?' for other characters) */
	unsigned char type; /* enum ole_type */
	uint32_t left, right, child;
	uint32_t start;
	uint64_t size;
};

struct ole {
	const unsigned char *data; /* the file (not owned) */
	size_t len;
	unsigned sec_shift; /* 9 or 12 */
	size_t sec_size;
	size_t nsec;   /* sectors present in the file */
	uint32_t *fat; /* FAT entries */
	size_t nfat;
	uint32_t *minifat;
	size_t nminifat;
	unsigned char *ministream; /* the root entry's stream */
	size_t ministream_len;
	uint32_t mini_cutoff;
	struct ole_entry *dir;
	size_t ndir;
};

/* Opens data (which must outlive o).  Returns 0, or -1 with *why set. */
int ole_open(struct ole *o, const void *data, size_t len, const char **why);
void ole_release(struct ole *o);

/* Index of the stream or storage named name (ASCII, case-insensitive)
 * among the children of the storage at index parent (0 = the root), or -1. */
long ole_find(const struct ole *o, size_t parent, const char *name);

/* Reads the stream at index i (at most cap bytes: larger is an error).
 * *out is malloc'd (NUL-terminated, for convenience).  Returns 0, or -1
 * with *why set. */
int ole_read(const struct ole *o, size_t i, size_t cap, unsigned char **out, size_t *len,
	     const char **why);
/* ole_find() on the root, then ole_read().  Returns 0, 1 when there is no
 * such stream, or -1 with *why set. */
int ole_read_named(const struct ole *o, const char *name, size_t cap, unsigned char **out,
		   size_t *len, const char **why);

#endif
