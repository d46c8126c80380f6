/* dh-summary - prints the one-screen summary of a month's outputs. */
#include "csvio.h"
#include "util.h"

#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

struct counts {
	long files, records, hop_le, can_xem_xet, khong_hop_le;
	long units_sent, units_late, units_missing, bad_files;
};

static int on_dataset(void *ctx, char **v, size_t row)
{
	struct counts *c = ctx;
	c->records++;
	if (strcmp(v[0], "hop_le") == 0)
		c->hop_le++;
	else if (strcmp(v[0], "can_xem_xet") == 0)
		c->can_xem_xet++;
	else
		c->khong_hop_le++;
	return 0;
}

static int on_unit(void *ctx, char **v, size_t row)
{
	struct counts *c = ctx;
	if (strcmp(v[0], "chua_gui") == 0)
		c->units_missing++;
	else if (strcmp(v[0], "gui_muon") == 0)
		c->units_late++, c->units_sent++;
	else
		c->units_sent++;
	return 0;
}

static int on_file(void *ctx, char **v, size_t row)
{
	struct counts *c = ctx;
	c->files++;
	if (*v[0] && strcmp(v[0], "tep_trung") != 0) /* a copy is read once, not an error */
		c->bad_files++;
	return 0;
}

int main(int argc, char **argv)
{
	dh_progname = "summary";
	const char *month = "", *dir = NULL;
	int check = 0;
	static const struct option opts[] = {{"month", required_argument, NULL, 'm'},
					     {"dir", required_argument, NULL, 'd'},
					     {"check", no_argument, NULL, 'c'},
					     {NULL, 0, NULL, 0}};
	int o;
	while ((o = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (o) {
		case 'm':
			month = optarg;
			break;
		case 'd':
			dir = optarg;
			break;
		case 'c':
			check = 1;
			break;
		default:
			die("cách dùng: dh-summary --month YYYY-MM --dir DIR [--check]");
		}
	}
	if (!dir)
		die("cách dùng: dh-summary --month YYYY-MM --dir DIR [--check]");
	struct counts c = {0};
	static const char *const ds[] = {"trang_thai"}, *const dv[] = {"trang_thai"},
				 *const tp[] = {"loi"};
	char *p = xasprintf("%s/dataset.csv", dir);
	csv_read_named(p, ds, 1, on_dataset, &c);
	free(p);
	p = xasprintf("%s/don-vi.csv", dir);
	csv_read_named(p, dv, 1, on_unit, &c);
	free(p);
	p = xasprintf("%s/tep.csv", dir);
	if (access(p, R_OK) == 0)
		csv_read_named(p, tp, 1, on_file, &c);
	free(p);

	printf("Tháng %s%s\n", month, check ? " (chỉ kiểm tra, chưa ghi kết quả)" : "");
	printf("  Tệp đã đọc:          %ld (%ld tệp lỗi hoặc không đọc được)\n", c.files,
	       c.bad_files);
	printf("  Gương điển hình:     %ld: %ld hợp lệ, %ld cần xem xét, %ld không hợp lệ\n",
	       c.records, c.hop_le, c.can_xem_xet, c.khong_hop_le);
	printf("  Đơn vị đã gửi:       %ld (%ld gửi muộn); chưa gửi: %ld\n", c.units_sent,
	       c.units_late, c.units_missing);
	if (!check) {
		printf("  Danh sách gửi tỉnh:  %s/danh-sach.pdf\n", dir);
		printf("  Báo cáo thẩm định:   %s/bao-cao.pdf\n", dir);
		printf("  Chi tiết:            %s/dataset.csv, van-de.csv, don-vi.csv\n", dir);
	}
	return 0;
}
