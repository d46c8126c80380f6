/* problem.c - the problem catalogue and its reporting function. */
#include "problem.h"
#include "buf.h"
#include "csvio.h"
#include "record.h"
#include "util.h"

#include <stdlib.h>
#include <string.h>

static const struct {
	const char *code;
	enum problem_level level;
	const char *meaning;
} codes[PC_COUNT] = {
#define X(name, code, level, meaning) [PC_##name] = {code, level, meaning},
    PROBLEM_CODES(X)
#undef X
};

/* What a clerk reads, per code: what is wrong, and what the clerk or the
 * unit should do.  Every code has both (test_problem checks). */
static const struct {
	const char *what;
	const char *action;
} texts[PC_COUNT] = {
    [PC_TEP_HONG] = {"Tệp bị hỏng hoặc không đọc được",
		     "Đề nghị đơn vị mở lại tệp bằng Word/Excel, lưu lại và gửi lại."},
    [PC_TEP_MA_HOA] = {"Tệp được đặt mật khẩu (mã hóa)",
		       "Đề nghị đơn vị bỏ mật khẩu (Word: Tệp > Thông tin > Bảo vệ tài liệu) và "
		       "gửi lại."},
    [PC_KHONG_HO_TRO] = {"Định dạng tệp không được hỗ trợ",
			 "Đề nghị đơn vị gửi lại tệp Word (.docx, .doc), Excel (.xlsx, .xls) hoặc CSV."},
    [PC_TEP_RONG] = {"Không tìm thấy gương điển hình nào trong tệp",
		     "Kiểm tra lại tệp; danh sách cần có bảng với cột \"Họ và tên\" và \"Tóm tắt "
		     "thành tích\", hoặc báo cáo thành tích có dòng \"Họ và tên:\"."},
    [PC_TEP_TRUNG] = {"Tệp giống hệt một tệp khác trong tháng",
		      "Chỉ đọc một lần; không cần xử lý."},
    [PC_THIEU_TEN] = {"Thiếu họ tên cá nhân hoặc tên tập thể", "Đề nghị đơn vị bổ sung tên."},
    [PC_THIEU_THANH_TICH] = {"Thiếu tóm tắt thành tích",
			     "Đề nghị đơn vị bổ sung tóm tắt thành tích."},
    [PC_LINH_VUC_KHONG_RO] = {"Không xác định được lĩnh vực (1-9) của Kế hoạch",
			      "Đề nghị đơn vị ghi rõ lĩnh vực hoặc phong trào thi đua."},
    [PC_LOAI_KHONG_PHU_HOP] = {"Đối tượng không thuộc diện được giới thiệu ở lĩnh vực này",
			       "Kiểm tra lại lĩnh vực hoặc đối tượng (tập thể, cá nhân, hộ gia "
			       "đình) theo Kế hoạch."},
    [PC_NAM_SINH_SAI] = {"Năm sinh không hợp lý", "Đề nghị đơn vị kiểm tra lại năm sinh."},
    [PC_TRUNG_LAP] = {"Gương này đã được giới thiệu trong tháng",
		      "Giữ bản gửi sớm nhất; không cần xử lý thêm nếu đúng là trùng."},
    [PC_GUI_LAI] = {"Đơn vị đã gửi lại gương này sau đó trong tháng",
		    "Dùng bản gửi sau; bản này không tính. Không cần xử lý nếu đúng là bản sửa."},
    [PC_DON_VI_KHONG_RO] = {"Không xác định được đơn vị đề xuất trong danh mục đơn vị",
			    "Kiểm tra tên đơn vị; nếu là đơn vị mới, bổ sung vào "
			    "templates/plan/don-vi.csv."},
    [PC_GUI_MUON] = {"Gửi sau hạn nộp của tháng", "Nhắc đơn vị gửi đúng hạn các tháng sau."},
    [PC_THANH_TICH_NGAN] = {"Tóm tắt thành tích quá ngắn để thẩm định",
			    "Đề nghị đơn vị bổ sung thành tích cụ thể."},
    [PC_THIEU_MINH_CHUNG] = {"Tóm tắt thành tích chưa thể hiện tiêu chí của lĩnh vực",
			     "Đề nghị đơn vị bổ sung minh chứng theo tiêu chí của Kế hoạch."},
    [PC_THANG_KHONG_KHOP] = {"Văn bản ghi tháng khác với tháng đang tổng hợp",
			     "Kiểm tra xem đơn vị có gửi nhầm tệp của tháng khác không."},
    [PC_MA_CU] = {"Văn bản dùng bảng mã cũ, đã chuyển sang Unicode",
		  "Kiểm tra lại chính tả; nên đề nghị đơn vị dùng phông Unicode."},
    [PC_DA_DE_CU_TRUOC] = {"Gương này đã được giới thiệu ở tháng trước", "Để tham khảo khi xét."},
    [PC_CHUA_GUI] = {"Đơn vị chưa gửi gương điển hình của tháng",
		     "Đôn đốc đơn vị gửi (mỗi đơn vị ít nhất 01 gương/tháng)."},
    [PC_QUYET_DINH] = {"Đã áp dụng quyết định của cán bộ thẩm định", "Không cần xử lý."},
    [PC_QUYET_DINH_SAI] = {"Dòng trong xem-xet.csv không áp dụng được",
			   "Kiểm tra lại mã (id) và quyết định (chap_nhan hoặc loai_bo)."},
};

const char *problem_code_name(enum problem_code c)
{
	return codes[c].code;
}

enum problem_level problem_level(enum problem_code c)
{
	return codes[c].level;
}

const char *problem_meaning(enum problem_code c)
{
	return codes[c].meaning;
}

const char *problem_level_name(enum problem_level l)
{
	switch (l) {
	case LEVEL_LOI:
		return "loi";
	case LEVEL_CANH_BAO:
		return "canh_bao";
	case LEVEL_THONG_TIN:
		break;
	}
	return "thong_tin";
}

int problem_code_by_name(const char *name)
{
	for (int i = 0; i < PC_COUNT; i++)
		if (strcmp(codes[i].code, name) == 0)
			return i;
	return -1;
}

char *problem_message(enum problem_code c, const char *detail)
{
	struct buf b = BUF_INIT;
	buf_adds(&b, texts[c].what);
	if (detail && *detail)
		buf_printf(&b, ": %s", detail);
	buf_adds(&b, ". ");
	buf_adds(&b, texts[c].action);
	return buf_detach(&b);
}

void problem_sink_init(struct problem_sink *s, FILE *f, int echo)
{
	memset(s, 0, sizeof *s);
	s->f = f;
	s->echo = echo;
}

void problem_write_header(FILE *f)
{
	static const char *const h[] = {"nguon", "vi_tri", "ma", "muc_do", "thong_diep", "id"};
	csv_write_row(f, h, ARRAY_SIZE(h));
}

void problem_write_raw(struct problem_sink *s, const char *nguon, const char *vi_tri,
		       const char *code, const char *level, const char *msg, const char *id)
{
	const char *row[] = {nguon ? nguon : "", vi_tri ? vi_tri : "", code, level,
			     msg ? msg : "",	 id ? id : ""};
	if (s->f)
		csv_write_row(s->f, row, ARRAY_SIZE(row));
	int k = problem_code_by_name(code);
	if (k >= 0)
		s->counts[k]++;
	if (s->echo)
		fprintf(stderr, "%s: %s%s%s: %s: %s\n", dh_progname, row[0], *row[1] ? ":" : "",
			row[1], level, row[4]);
}

void problem_report(struct problem_sink *s, const char *nguon, const char *vi_tri,
		    enum problem_code c, const char *detail, const char *id)
{
	char *msg = problem_message(c, detail);
	problem_write_raw(s, nguon, vi_tri, codes[c].code, problem_level_name(codes[c].level), msg,
			  id);
	free(msg);
}

void problem_report_rec(struct problem_sink *s, struct record *r, enum problem_code c,
			const char *detail)
{
	rec_add_problem(r, c);
	problem_report(s, rec_get(r, R_NGUON), rec_get(r, R_VI_TRI), c, detail, rec_get(r, R_ID));
}

void rec_add_problem(struct record *r, enum problem_code c)
{
	rec_add_problem_code(r, codes[c].code);
}

int rec_has_problem(const struct record *r, enum problem_code c)
{
	return rec_has_problem_code(r, codes[c].code);
}
