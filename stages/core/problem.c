/* problem.c - the problem catalogue and its reporting function. */
#include "problem.h"
#include "buf.h"
#include "csvio.h"
#include "record.h"
#include "util.h"

#include <stdlib.h>
#include <string.h>

struct problem_info {
	const char *code;
	enum problem_level level;
	const char *what;   /* what is wrong */
	const char *action; /* what the clerk or unit should do */
};

static const struct problem_info catalogue[P_NCODES] = {
    [P_TEP_HONG] = {"tep_hong", LEVEL_LOI, "Tệp bị hỏng hoặc không đọc được",
		    "Đề nghị đơn vị mở lại tệp bằng Word/Excel, lưu lại và gửi lại."},
    [P_TEP_MA_HOA] = {"tep_ma_hoa", LEVEL_LOI, "Tệp được đặt mật khẩu (mã hóa)",
		      "Đề nghị đơn vị bỏ mật khẩu (Word: Tệp > Thông tin > Bảo vệ tài liệu) và "
		      "gửi lại."},
    [P_KHONG_HO_TRO] = {"khong_ho_tro", LEVEL_LOI, "Định dạng tệp không được hỗ trợ",
			"Đề nghị đơn vị gửi lại dưới dạng Word (.docx) hoặc CSV."},
    [P_TEP_RONG] = {"tep_rong", LEVEL_LOI, "Không tìm thấy gương điển hình nào trong tệp",
		    "Kiểm tra lại tệp; danh sách cần có bảng với cột \"Họ và tên\" và \"Tóm tắt "
		    "thành tích\", hoặc báo cáo thành tích có dòng \"Họ và tên:\"."},
    [P_TEP_TRUNG] = {"tep_trung", LEVEL_THONG_TIN, "Tệp giống hệt một tệp khác trong tháng",
		     "Chỉ đọc một lần; không cần xử lý."},
    [P_THIEU_TEN] = {"thieu_ten", LEVEL_LOI, "Thiếu họ tên cá nhân hoặc tên tập thể",
		     "Đề nghị đơn vị bổ sung tên."},
    [P_THIEU_THANH_TICH] = {"thieu_thanh_tich", LEVEL_LOI, "Thiếu tóm tắt thành tích",
			    "Đề nghị đơn vị bổ sung tóm tắt thành tích."},
    [P_LINH_VUC_KHONG_RO] = {"linh_vuc_khong_ro", LEVEL_LOI,
			     "Không xác định được lĩnh vực (1-9) của Kế hoạch",
			     "Đề nghị đơn vị ghi rõ lĩnh vực hoặc phong trào thi đua."},
    [P_LOAI_KHONG_PHU_HOP] = {"loai_khong_phu_hop", LEVEL_LOI,
			      "Đối tượng không thuộc diện được giới thiệu ở lĩnh vực này",
			      "Kiểm tra lại lĩnh vực hoặc đối tượng (tập thể, cá nhân, hộ gia "
			      "đình) theo Kế hoạch."},
    [P_NAM_SINH_SAI] = {"nam_sinh_sai", LEVEL_LOI, "Năm sinh không hợp lý",
			"Đề nghị đơn vị kiểm tra lại năm sinh."},
    [P_TRUNG_LAP] = {"trung_lap", LEVEL_LOI, "Gương này đã được giới thiệu trong tháng",
		     "Giữ bản gửi sớm nhất; không cần xử lý thêm nếu đúng là trùng."},
    [P_GUI_LAI] = {"gui_lai", LEVEL_LOI, "Đơn vị đã gửi lại gương này trong tháng",
		   "Bản gửi sau được dùng; không cần xử lý."},
    [P_DON_VI_KHONG_RO] = {"don_vi_khong_ro", LEVEL_CANH_BAO,
			   "Không xác định được đơn vị đề xuất trong danh mục đơn vị",
			   "Kiểm tra tên đơn vị; nếu là đơn vị mới, bổ sung vào "
			   "templates/plan/don-vi.csv."},
    [P_GUI_MUON] = {"gui_muon", LEVEL_CANH_BAO, "Gửi sau hạn nộp của tháng",
		    "Nhắc đơn vị gửi đúng hạn các tháng sau."},
    [P_THANH_TICH_NGAN] = {"thanh_tich_ngan", LEVEL_CANH_BAO,
			   "Tóm tắt thành tích quá ngắn để thẩm định",
			   "Đề nghị đơn vị bổ sung thành tích cụ thể."},
    [P_THIEU_MINH_CHUNG] = {"thieu_minh_chung", LEVEL_CANH_BAO,
			    "Tóm tắt thành tích chưa thể hiện tiêu chí của lĩnh vực",
			    "Đề nghị đơn vị bổ sung minh chứng theo tiêu chí của Kế hoạch."},
    [P_THANG_KHONG_KHOP] = {"thang_khong_khop", LEVEL_CANH_BAO,
			    "Văn bản ghi tháng khác với tháng đang tổng hợp",
			    "Kiểm tra xem đơn vị có gửi nhầm tệp của tháng khác không."},
    [P_MA_CU] = {"ma_cu", LEVEL_THONG_TIN, "Văn bản dùng bảng mã cũ, đã chuyển sang Unicode",
		 "Kiểm tra lại chính tả; nên đề nghị đơn vị dùng phông Unicode."},
    [P_DA_DE_CU_TRUOC] = {"da_de_cu_truoc", LEVEL_THONG_TIN,
			  "Gương này đã được giới thiệu ở tháng trước", "Để tham khảo khi xét."},
    [P_CHUA_GUI] = {"chua_gui", LEVEL_CANH_BAO, "Đơn vị chưa gửi gương điển hình của tháng",
		    "Đôn đốc đơn vị gửi (mỗi đơn vị ít nhất 01 gương/tháng)."},
    [P_QUYET_DINH] = {"quyet_dinh", LEVEL_THONG_TIN, "Đã áp dụng quyết định của cán bộ thẩm định",
		      "Không cần xử lý."},
    [P_QUYET_DINH_SAI] = {"quyet_dinh_sai", LEVEL_CANH_BAO,
			  "Dòng trong xem-xet.csv không áp dụng được",
			  "Kiểm tra lại mã (id) và quyết định (chap_nhan hoặc loai_bo)."},
};

const char *problem_code_name(enum problem_code c)
{
	return catalogue[c].code;
}

enum problem_level problem_level(enum problem_code c)
{
	return catalogue[c].level;
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
	for (int i = 0; i < P_NCODES; i++)
		if (strcmp(catalogue[i].code, name) == 0)
			return i;
	return -1;
}

char *problem_message(enum problem_code c, const char *detail)
{
	struct buf b = BUF_INIT;
	buf_adds(&b, catalogue[c].what);
	if (detail && *detail)
		buf_printf(&b, ": %s", detail);
	buf_adds(&b, ". ");
	buf_adds(&b, catalogue[c].action);
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
	problem_write_raw(s, nguon, vi_tri, catalogue[c].code,
			  problem_level_name(catalogue[c].level), msg, id);
	free(msg);
}

void problem_report_rec(struct problem_sink *s, struct record *r, enum problem_code c,
			const char *detail)
{
	rec_add_problem_code(r, catalogue[c].code);
	problem_report(s, rec_get(r, R_NGUON), rec_get(r, R_VI_TRI), c, detail, rec_get(r, R_ID));
}
