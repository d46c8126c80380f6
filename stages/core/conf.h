/* conf.h - "key = value" configuration files edited by staff.
 *
 * Format: UTF-8 (BOM allowed; Windows-1258, TCVN3 and VNI are decoded, a
 * file mixing encodings is refused with its line: csvio.h), CRLF or LF, one "key = value" per line;
 * '#' at the start of a line or after a space or tab starts a comment that
 * runs to the end of the line (so "jobs = 2   # parallel files" is 2, while
 * a '#' inside a word is text); keys are ASCII [a-z0-9_.], values are
 * trimmed; a value may continue on following lines that start with white
 * space (joined with a line break).  Later keys override earlier ones.
 */
#ifndef DH_CONF_H
#define DH_CONF_H

#include <stddef.h>

struct conf {
	char **keys;
	char **vals;
	size_t n, cap;
};

void conf_init(struct conf *c);
void conf_release(struct conf *c);
/* Loads (adds to) c from path.  Returns 0, or -1 (reported with the line). */
int conf_load(struct conf *c, const char *path);
void conf_set(struct conf *c, const char *key, const char *val);
/* The value, or def when absent. */
const char *conf_get(const struct conf *c, const char *key, const char *def);
long conf_get_long(const struct conf *c, const char *key, long def);

#endif
