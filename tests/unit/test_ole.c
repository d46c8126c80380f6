/* test_ole.c - the OLE compound-file reader: streams found by name and read
 * whole; hostile files (cyclic FAT and DIFAT chains, sectors outside the
 * file, streams claiming more than the file, cyclic directory trees,
 * truncation) give an error, never a loop or a large allocation. */
#include "harness.h"
#include "office_test.h"
#include "ole.h"

static unsigned char payload[1500];

static unsigned char *one_stream(size_t *len)
{
	for (size_t i = 0; i < sizeof payload; i++)
		payload[i] = (unsigned char)(i * 7);
	struct cfb_stream s[2] = {{"WordDocument", payload, sizeof payload}, {"1Table", "abc", 3}};
	return cfb_build(s, 2, len, NULL);
}

TEST(reads_streams_by_name)
{
	size_t len, n;
	unsigned char *f = one_stream(&len), *out;
	const char *why = NULL;
	struct ole o;
	CHECK_INT(ole_open(&o, f, len, &why), 0);
	CHECK(ole_find(&o, 0, "worddocument") >= 0);
	CHECK(ole_find(&o, 0, "1Table") >= 0);
	CHECK_INT(ole_find(&o, 0, "0Table"), -1);
	CHECK_INT(ole_read_named(&o, "WordDocument", 1 << 20, &out, &n, &why), 0);
	CHECK_INT(n, sizeof payload);
	CHECK(out && memcmp(out, payload, n) == 0);
	free(out);
	CHECK_INT(ole_read_named(&o, "1Table", 1 << 20, &out, &n, &why), 0);
	CHECK_STR((char *)out, "abc");
	free(out);
	CHECK_INT(ole_read_named(&o, "Nope", 1 << 20, &out, &n, &why), 1);
	/* a cap below the stream's size is an error */
	CHECK_INT(ole_read_named(&o, "WordDocument", 100, &out, &n, &why), -1);
	ole_release(&o);
	free(f);
}

TEST(cyclic_fat_chain)
{
	size_t len, n;
	unsigned char *f = one_stream(&len), *out;
	const char *why = NULL;
	struct ole o;
	/* WordDocument starts at sector 2 and takes sectors 2..4: 3 -> 2 */
	put32(f + 512 + 4 * 3, 2);
	CHECK_INT(ole_open(&o, f, len, &why), 0);
	CHECK_INT(ole_read_named(&o, "WordDocument", 1 << 20, &out, &n, &why), -1);
	CHECK(why && strstr(why, "lặp vòng"));
	CHECK(out == NULL);
	ole_release(&o);
	/* a directory chain that loops on itself */
	put32(f + 512 + 4 * 1, 1);
	CHECK_INT(ole_open(&o, f, len, &why), -1);
	CHECK(why && strstr(why, "lặp vòng"));
	free(f);
}

TEST(sector_outside_the_file)
{
	size_t len, n;
	unsigned char *f = one_stream(&len), *out;
	const char *why = NULL;
	struct ole o;
	put32(f + 512 + 4 * 2, 100000);
	CHECK_INT(ole_open(&o, f, len, &why), 0);
	CHECK_INT(ole_read_named(&o, "WordDocument", 1 << 20, &out, &n, &why), -1);
	CHECK(why && strstr(why, "ngoài tệp"));
	ole_release(&o);
	/* the FAT itself outside the file */
	put32(f + 0x4C, 5000);
	CHECK_INT(ole_open(&o, f, len, &why), -1);
	free(f);
}

TEST(huge_claimed_size)
{
	size_t len, n;
	unsigned char *f = one_stream(&len), *out;
	const char *why = NULL;
	struct ole o;
	put32(f + 1024 + 128 + 120, 0x7FFFFFFF); /* WordDocument's size */
	CHECK_INT(ole_open(&o, f, len, &why), 0);
	CHECK_INT(ole_read_named(&o, "WordDocument", (size_t)1 << 40, &out, &n, &why), -1);
	CHECK(why && strstr(why, "lớn hơn cả tệp"));
	ole_release(&o);
	free(f);
}

TEST(difat_loop_and_fat_count)
{
	size_t len;
	unsigned char *f = one_stream(&len);
	const char *why = NULL;
	struct ole o;
	/* 200 FAT sectors claimed: more than the file holds */
	put32(f + 0x2C, 200);
	CHECK_INT(ole_open(&o, f, len, &why), -1);
	/* 4 FAT sectors, the rest listed by a DIFAT chain that points to itself */
	put32(f + 0x2C, 4);
	for (int i = 1; i < 109; i++)
		put32(f + 0x4C + 4 * i, 0xFFFFFFFF);
	put32(f + 0x4C + 4, 0);
	put32(f + 0x4C + 8, 0);
	put32(f + 0x4C + 12, 0);
	CHECK_INT(ole_open(&o, f, len, &why), 0); /* the header's slots suffice */
	ole_release(&o);
	put32(f + 0x2C, 5);
	put32(f + 0x44, 2);
	put32(f + 0x48, 1000);
	CHECK_INT(ole_open(&o, f, len, &why), -1);
	CHECK(why && strstr(why, "OLE hỏng"));
	/* a DIFAT sector that lists itself as its successor, forever */
	unsigned char *d = f + 512 * 3;
	for (int i = 0; i < 127; i++)
		put32(d + 4 * i, 0);
	put32(d + 4 * 127, 2);
	put32(f + 0x2C, 109 + 127 * 3);
	CHECK_INT(ole_open(&o, f, len, &why), -1);
	free(f);
}

TEST(cyclic_directory_tree)
{
	size_t len;
	unsigned char *f = one_stream(&len);
	const char *why = NULL;
	struct ole o;
	/* entry 1's right sibling is entry 2, whose left is entry 1 again */
	put32(f + 1024 + 256 + 68, 1);
	put32(f + 1024 + 128 + 68, 1); /* and entry 1 is its own left child */
	CHECK_INT(ole_open(&o, f, len, &why), 0);
	CHECK_INT(ole_find(&o, 0, "missing"), -1);
	CHECK(ole_find(&o, 0, "1Table") >= 0);
	ole_release(&o);
	free(f);
}

TEST(truncated_and_not_ole)
{
	size_t len;
	unsigned char *f = one_stream(&len);
	const char *why = NULL;
	struct ole o;
	CHECK_INT(ole_open(&o, f, 600, &why), -1); /* directory cut off */
	CHECK_INT(ole_open(&o, f, 100, &why), -1);
	CHECK_INT(ole_open(&o, "PK\3\4 not ole at all, just text.......", 40, &why), -1);
	f[0x1E] = 7; /* sector shift */
	CHECK_INT(ole_open(&o, f, len, &why), -1);
	CHECK(why && strstr(why, "phần đầu"));
	free(f);
}

int main(int argc, char **argv)
{
	(void)argc;
	RUN(reads_streams_by_name);
	RUN(cyclic_fat_chain);
	RUN(sector_outside_the_file);
	RUN(huge_claimed_size);
	RUN(difat_loop_and_fat_count);
	RUN(cyclic_directory_tree);
	RUN(truncated_and_not_ole);
	return DONE();
}
