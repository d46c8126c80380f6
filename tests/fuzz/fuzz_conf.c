/* fuzz_conf.c - libFuzzer harness: arbitrary bytes as a settings file
 * (ke-hoach.conf, van-ban.conf): the decoding of text edited by people and
 * the key = value reader. */
#include "conf.h"
#include "csvio.h"
#include "util.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size > (1u << 20))
		return 0;
	char path[] = "/tmp/fuzz_conf.XXXXXX";
	int fd = mkstemp(path);
	if (fd < 0)
		abort();
	if (size && write(fd, data, size) != (ssize_t)size)
		abort();
	close(fd);
	struct conf c;
	conf_init(&c);
	if (conf_load(&c, path) == 0)
		for (size_t i = 0; i < c.n; i++)
			(void)conf_get_long(&c, c.keys[i], 0);
	conf_release(&c);
	unlink(path);
	return 0;
}
