/* buf.h - a growable byte buffer, used wherever strings are built.
 *
 * Invariants: after buf_init() or any buf_* call, b->data is either NULL
 * (len == 0, nothing allocated yet) or points to b->cap bytes of which the
 * first b->len are content and b->data[b->len] == '\0'.  buf_cstr() always
 * returns a valid NUL-terminated string.
 */
#ifndef DH_BUF_H
#define DH_BUF_H

#include <stdarg.h>
#include <stddef.h>

struct buf {
	char *data; /* content, NUL-terminated when not NULL */
	size_t len; /* bytes of content */
	size_t cap; /* bytes allocated */
};

#define BUF_INIT                                                                                   \
	{                                                                                          \
		NULL, 0, 0                                                                         \
	}

void buf_init(struct buf *b);
void buf_release(struct buf *b); /* frees the content; b is as after init */
void buf_reset(struct buf *b);	 /* len = 0, keeps the allocation */
void buf_grow(struct buf *b, size_t extra);
void buf_add(struct buf *b, const void *data, size_t len);
void buf_adds(struct buf *b, const char *s);
void buf_addc(struct buf *b, char c);
void buf_printf(struct buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void buf_vprintf(struct buf *b, const char *fmt, va_list ap);
/* Appends code point cp encoded as UTF-8. */
void buf_add_utf8(struct buf *b, unsigned cp);
const char *buf_cstr(const struct buf *b);
/* Returns the content as a malloc'd string and re-initialises b. */
char *buf_detach(struct buf *b);
/* Removes leading and trailing ASCII white space. */
void buf_trim(struct buf *b);

#endif
