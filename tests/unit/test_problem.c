/* test_problem.c - the problem catalogue against the contract's table, and
 * its reporting functions. */
#include "buf.h"
#include "harness.h"
#include "problem.h"
#include "record.h"
#include "util.h"

#include <stdlib.h>

/* One row of the contract's "## Problem codes" table. */
struct row {
	char *code, *level, *meaning;
};

/* Cell k (0-based) of a markdown table line "| a | b | c |", trimmed, with
 * the backquotes around a lone `code` removed; malloc'd, NULL if absent. */
static char *cell(const char *line, size_t len, int k)
{
	const char *end = line + len, *p = memchr(line, '|', len);
	for (int i = 0; p && i < k; i++)
		p = memchr(p + 1, '|', (size_t)(end - p - 1));
	if (!p)
		return NULL;
	const char *q = memchr(p + 1, '|', (size_t)(end - p - 1));
	if (!q)
		return NULL;
	p++;
	while (p < q && *p == ' ')
		p++;
	while (q > p && q[-1] == ' ')
		q--;
	if (q - p >= 2 && *p == '`' && q[-1] == '`' && !memchr(p + 1, '`', (size_t)(q - p - 2)))
		p++, q--;
	return xstrndup(p, (size_t)(q - p));
}

/* The rows of the table under "## Problem codes" in contract.md; returns
 * their number, or -1 when the file is not there. */
static int contract_rows(struct row *rows, int max)
{
	const char *spec = getenv("DH_SPEC");
	char *path = xasprintf("%s/contract.md", spec ? spec : "../shared/spec");
	char *md = NULL;
	size_t len = 0;
	int n = -1;
	if (read_file(path, 1 << 20, &md, &len) == 0) {
		n = 0;
		const char *s = strstr(md, "\n## Problem codes\n");
		int in_table = 0;
		for (const char *l = s; l && *l && n < max;) {
			l++;
			const char *e = strchr(l, '\n');
			size_t ll = e ? (size_t)(e - l) : strlen(l);
			if (ll > 3 && l[0] == '#' && l[1] == '#' && l[2] == ' ' && l != s + 1)
				break; /* the next section */
			if (ll && *l == '|') {
				char *c0 = cell(l, ll, 0);
				if (in_table && c0 && strspn(c0, "-") != strlen(c0)) {
					rows[n].code = c0;
					rows[n].level = cell(l, ll, 1);
					rows[n].meaning = cell(l, ll, 2);
					n++;
					c0 = NULL;
				}
				in_table = 1; /* the header line, then the rule, then rows */
				free(c0);
			} else if (in_table) {
				break;
			}
			l = e;
		}
	}
	free(md);
	free(path);
	return n;
}

TEST(catalogue_is_contract)
{
	struct row rows[64];
	int n = contract_rows(rows, 64);
	if (n < 0)
		SKIP("../shared/spec/contract.md not found (set DH_SPEC)");
	CHECK(n >= 20); /* the table was found and read */
	CHECK(n <= PC_COUNT);
	for (int i = 0; i < n; i++) {
		/* Row i of the contract is code i of the catalogue, in order. */
		if (i < PC_COUNT) {
			CHECK_STR(problem_code_name((enum problem_code)i), rows[i].code);
			CHECK_STR(problem_level_name(problem_level((enum problem_code)i)),
				  rows[i].level);
			CHECK_STR(problem_meaning((enum problem_code)i), rows[i].meaning);
		}
		CHECK_INT(problem_code_by_name(rows[i].code), i);
	}
	/* The additions after the contract's rows are not contract codes. */
	for (int c = n; c < PC_COUNT; c++)
		for (int i = 0; i < n; i++)
			CHECK(strcmp(problem_code_name((enum problem_code)c), rows[i].code) != 0);
	for (int i = 0; i < n; i++) {
		free(rows[i].code);
		free(rows[i].level);
		free(rows[i].meaning);
	}
}

/* Every code has a name, a level, a meaning and a Vietnamese message made of
 * what is wrong and what to do; the names are distinct and found by name. */
TEST(every_code_complete)
{
	for (int c = 0; c < PC_COUNT; c++) {
		const char *name = problem_code_name((enum problem_code)c);
		CHECK(name && *name);
		CHECK(strspn(name, "abcdefghijklmnopqrstuvwxyz_") == strlen(name));
		CHECK_INT(problem_code_by_name(name), c);
		CHECK(problem_meaning((enum problem_code)c) && *problem_meaning((enum problem_code)c));
		char *m = problem_message((enum problem_code)c, NULL);
		/* "What. Action." - both parts present, the action a sentence. */
		const char *dot = strstr(m, ". ");
		if (!dot || dot == m || strlen(dot + 2) < 5 || m[strlen(m) - 1] != '.') {
			fprintf(stderr, "  %s: message \"%s\"\n", name, m);
			CHECK(0);
		}
		free(m);
	}
	CHECK_INT(problem_code_by_name("khong_co_ma_nay"), -1);
	CHECK_INT(problem_code_by_name(""), -1);
}

TEST(message_with_detail)
{
	char *m = problem_message(PC_TEP_HONG, "tệp nén thiếu phần word/document.xml");
	CHECK_STR(m, "Tệp bị hỏng hoặc không đọc được: tệp nén thiếu phần word/document.xml. "
		     "Đề nghị đơn vị mở lại tệp bằng Word/Excel, lưu lại và gửi lại.");
	free(m);
}

TEST(levels)
{
	CHECK_STR(problem_level_name(LEVEL_LOI), "loi");
	CHECK_STR(problem_level_name(LEVEL_CANH_BAO), "canh_bao");
	CHECK_STR(problem_level_name(LEVEL_THONG_TIN), "thong_tin");
	CHECK_INT(problem_level(PC_GUI_LAI), LEVEL_LOI);
	CHECK_INT(problem_level(PC_GUI_MUON), LEVEL_CANH_BAO);
	CHECK_INT(problem_level(PC_DA_DE_CU_TRUOC), LEVEL_THONG_TIN);
}

/* A record's code list by enum, and the rows a sink writes and counts. */
TEST(report_rec)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	struct problem_sink s;
	problem_sink_init(&s, f, 0);
	struct record r;
	rec_init(&r);
	rec_set(&r, R_NGUON, "a.docx");
	rec_set(&r, R_VI_TRI, "bảng 1, dòng 2");
	rec_set(&r, R_ID, "abc");
	CHECK(!rec_has_problem(&r, PC_TRUNG_LAP));
	problem_report_rec(&s, &r, PC_TRUNG_LAP, NULL);
	problem_report_rec(&s, &r, PC_TRUNG_LAP, NULL);
	rec_add_problem(&r, PC_DA_DE_CU_TRUOC);
	CHECK(rec_has_problem(&r, PC_TRUNG_LAP));
	CHECK(rec_has_problem(&r, PC_DA_DE_CU_TRUOC));
	CHECK(!rec_has_problem(&r, PC_GUI_LAI));
	CHECK_STR(rec_get(&r, R_VAN_DE), "trung_lap;da_de_cu_truoc");
	CHECK_INT(s.counts[PC_TRUNG_LAP], 2);
	CHECK_INT(s.counts[PC_DA_DE_CU_TRUOC], 0);
	fclose(f);
	const char *want = "a.docx,\"bảng 1, dòng 2\",trung_lap,loi,";
	CHECK(buf && strncmp(buf, want, strlen(want)) == 0);
	rec_release(&r);
	free(buf);
}

int main(int argc, char **argv)
{
	(void)argc;
	RUN(catalogue_is_contract);
	RUN(every_code_complete);
	RUN(message_with_detail);
	RUN(levels);
	RUN(report_rec);
	return DONE();
}
