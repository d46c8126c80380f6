/* test_legacy.c - unit tests of the legacy encodings and encoding detection. */
#include "harness.h"
#include "legacy.h"
#include "text.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* Byte strings below were made with iconv (TCVN5712-1, CP1258, UTF-16) and,
 * for VNI, from the published VNI-Windows table. */

/* The 67 lower-case and 67 upper-case Vietnamese letters (a-grave first, by
 * vowel then tone, đ last), UTF-8 NFC. */
static const char all_lower[] =
    "\xc3\xa0\xe1\xba\xa3\xc3\xa3\xc3\xa1\xe1\xba\xa1\xc4\x83\xe1\xba\xb1\xe1\xba\xb3\xe1\xba\xb5"
    "\xe1\xba\xaf\xe1\xba\xb7\xc3\xa2\xe1\xba\xa7\xe1\xba\xa9\xe1\xba\xab\xe1\xba\xa5\xe1\xba\xad"
    "\xc3\xa8\xe1\xba\xbb\xe1\xba\xbd\xc3\xa9\xe1\xba\xb9\xc3\xaa\xe1\xbb\x81\xe1\xbb\x83\xe1\xbb"
    "\x85\xe1\xba\xbf\xe1\xbb\x87\xc3\xac\xe1\xbb\x89\xc4\xa9\xc3\xad\xe1\xbb\x8b\xc3\xb2\xe1\xbb"
    "\x8f\xc3\xb5\xc3\xb3\xe1\xbb\x8d\xc3\xb4\xe1\xbb\x93\xe1\xbb\x95\xe1\xbb\x97\xe1\xbb\x91\xe1"
    "\xbb\x99\xc6\xa1\xe1\xbb\x9d\xe1\xbb\x9f\xe1\xbb\xa1\xe1\xbb\x9b\xe1\xbb\xa3\xc3\xb9\xe1\xbb"
    "\xa7\xc5\xa9\xc3\xba\xe1\xbb\xa5\xc6\xb0\xe1\xbb\xab\xe1\xbb\xad\xe1\xbb\xaf\xe1\xbb\xa9\xe1"
    "\xbb\xb1\xe1\xbb\xb3\xe1\xbb\xb7\xe1\xbb\xb9\xc3\xbd\xe1\xbb\xb5\xc4\x91";
static const char all_upper[] =
    "\xc3\x80\xe1\xba\xa2\xc3\x83\xc3\x81\xe1\xba\xa0\xc4\x82\xe1\xba\xb0\xe1\xba\xb2\xe1\xba\xb4"
    "\xe1\xba\xae\xe1\xba\xb6\xc3\x82\xe1\xba\xa6\xe1\xba\xa8\xe1\xba\xaa\xe1\xba\xa4\xe1\xba\xac"
    "\xc3\x88\xe1\xba\xba\xe1\xba\xbc\xc3\x89\xe1\xba\xb8\xc3\x8a\xe1\xbb\x80\xe1\xbb\x82\xe1\xbb"
    "\x84\xe1\xba\xbe\xe1\xbb\x86\xc3\x8c\xe1\xbb\x88\xc4\xa8\xc3\x8d\xe1\xbb\x8a\xc3\x92\xe1\xbb"
    "\x8e\xc3\x95\xc3\x93\xe1\xbb\x8c\xc3\x94\xe1\xbb\x92\xe1\xbb\x94\xe1\xbb\x96\xe1\xbb\x90\xe1"
    "\xbb\x98\xc6\xa0\xe1\xbb\x9c\xe1\xbb\x9e\xe1\xbb\xa0\xe1\xbb\x9a\xe1\xbb\xa2\xc3\x99\xe1\xbb"
    "\xa6\xc5\xa8\xc3\x9a\xe1\xbb\xa4\xc6\xaf\xe1\xbb\xaa\xe1\xbb\xac\xe1\xbb\xae\xe1\xbb\xa8\xe1"
    "\xbb\xb0\xe1\xbb\xb2\xe1\xbb\xb6\xe1\xbb\xb8\xc3\x9d\xe1\xbb\xb4\xc4\x90";
static const char tcvn_lower[] =
    "\xb5\xb6\xb7\xb8\xb9\xa8\xbb\xbc\xbd\xbe\xc6\xa9\xc7\xc8\xc9\xca\xcb\xcc\xce\xcf\xd0\xd1\xaa"
    "\xd2\xd3\xd4\xd5\xd6\xd7\xd8\xdc\xdd\xde\xdf\xe1\xe2\xe3\xe4\xab\xe5\xe6\xe7\xe8\xe9\xac\xea"
    "\xeb\xec\xed\xee\xef\xf1\xf2\xf3\xf4\xad\xf5\xf6\xf7\xf8\xf9\xfa\xfb\xfc\xfd\xfe\xae";
/* The upper-case letters as iconv's TCVN5712-1 (the full VN1 table) writes
 * them: 0x80..0x9F and a few C0 positions. */
static const char tcvn_vn1_upper[] =
    "\x80\x81\x82\x83\x84\xa1\xaf\xba\xbf\xc0\x85\xa2\xc1\xc2\xc3\xc4\x86\x87\x88\x89\x8a"
    "\x8b\xa3\xc5\xcd\xd9\xda\x8c\x8d\x8e\x8f\x90\x91\x92\x93\x94\x95\x96\xa4\xdb\xe0\xf0"
    "\xff\x97\xa5\x98\x99\x9a\x9b\x9c\x9d\x9e\x9f\x01\x02\xa6\x04\x05\x06\x11\x12\x13\x14"
    "\x15\x16\x17\xa7";
static const char csv_vn1[] =
    "STT,H\x96 V\x80 T\xa3N,\xa7\xa5N V\x91\n1,NGUY\xd9N TH\x91 H\xa6\x98NG,\x9eY BAN NH\xa2N "
    "D\xa2N HUY\x8cN TH\x84"
    "CH AN\n2,HO\x80NG V\xa1N \x01T,TR\xa6\x98NG TI\xcdU H\x96"
    "C KIM \xa7\xdbNG\n3,L\xaa Th\xde Thu,Tr\xb9m Y t\xd5 x\xb7 \xa7\xf8"
    "c Long\n";
static const char csv_vn1_utf8[] =
    "STT,HỌ VÀ TÊN,ĐƠN VỊ\n1,NGUYỄN THỊ HƯỜNG,ỦY BAN NHÂN DÂN HUYỆN THẠCH AN\n2,HOÀNG VĂN "
    "ÚT,TRƯỜNG TIỂU HỌC KIM ĐỒNG\n3,Lê Thị Thu,Trạm Y tế xã Đức Long\n";
static const char vni_lower[] =
    "a\xf8"
    "a\xfb"
    "a\xf5"
    "a\xf9"
    "a\xef"
    "a\xea"
    "a\xe8"
    "a\xfa"
    "a\xfc"
    "a\xe9"
    "a\xeb"
    "a\xe2"
    "a\xe0"
    "a\xe5"
    "a\xe3"
    "a\xe1"
    "a\xe4"
    "e\xf8"
    "e\xfb"
    "e\xf5"
    "e\xf9"
    "e\xef"
    "e\xe2"
    "e\xe0"
    "e\xe5"
    "e\xe3"
    "e\xe1"
    "e\xe4\xec\xe6\xf3\xed\xf2o\xf8o\xfbo\xf5o\xf9o\xefo\xe2o\xe0o\xe5o\xe3o\xe1o\xe4\xf4\xf4\xf8"
    "\xf4\xfb\xf4\xf5\xf4\xf9\xf4\xefu\xf8u\xfbu\xf5u\xf9u\xef\xf6\xf6\xf8\xf6\xfb\xf6\xf5\xf6\xf9"
    "\xf6\xefy\xf8y\xfby\xf5y\xf9\xee\xf1";
static const char vni_upper[] =
    "A\xd8"
    "A\xdb"
    "A\xd5"
    "A\xd9"
    "A\xcf"
    "A\xca"
    "A\xc8"
    "A\xda"
    "A\xdc"
    "A\xc9"
    "A\xcb"
    "A\xc2"
    "A\xc0"
    "A\xc5"
    "A\xc3"
    "A\xc1"
    "A\xc4"
    "E\xd8"
    "E\xdb"
    "E\xd5"
    "E\xd9"
    "E\xcf"
    "E\xc2"
    "E\xc0"
    "E\xc5"
    "E\xc3"
    "E\xc1"
    "E\xc4\xcc\xc6\xd3\xcd\xd2O\xd8O\xdbO\xd5O\xd9O\xcfO\xc2O\xc0O\xc5O\xc3O\xc1O\xc4\xd4\xd4\xd8"
    "\xd4\xdb\xd4\xd5\xd4\xd9\xd4\xcfU\xd8U\xdbU\xd5U\xd9U\xcf\xd6\xd6\xd8\xd6\xdb\xd6\xd5\xd6\xd9"
    "\xd6\xcfY\xd8Y\xdbY\xd5Y\xd9\xce\xd1";
static const char cp1258_all[] =
    "\xe0"
    "a\xd2"
    "a\xde\xe1"
    "a\xf2\xe3\xe3\xcc\xe3\xd2\xe3\xde\xe3\xec\xe3\xf2\xe2\xe2\xcc\xe2\xd2\xe2\xde\xe2\xec\xe2\xf2"
    "\xe8"
    "e\xd2"
    "e\xde\xe9"
    "e\xf2\xea\xea\xcc\xea\xd2\xea\xde\xea\xec\xea\xf2i\xcci\xd2i\xde\xedi\xf2o\xcco\xd2o\xde\xf3o"
    "\xf2\xf4\xf4\xcc\xf4\xd2\xf4\xde\xf4\xec\xf4\xf2\xf5\xf5\xcc\xf5\xd2\xf5\xde\xf5\xec\xf5\xf2"
    "\xf9u\xd2u\xde\xfau\xf2\xfd\xfd\xcc\xfd\xd2\xfd\xde\xfd\xec\xfd\xf2y\xccy\xd2y\xdey\xecy\xf2"
    "\xf0\xc0"
    "A\xd2"
    "A\xde\xc1"
    "A\xf2\xc3\xc3\xcc\xc3\xd2\xc3\xde\xc3\xec\xc3\xf2\xc2\xc2\xcc\xc2\xd2\xc2\xde\xc2\xec\xc2\xf2"
    "\xc8"
    "E\xd2"
    "E\xde\xc9"
    "E\xf2\xca\xca\xcc\xca\xd2\xca\xde\xca\xec\xca\xf2I\xccI\xd2I\xde\xcdI\xf2O\xccO\xd2O\xde\xd3O"
    "\xf2\xd4\xd4\xcc\xd4\xd2\xd4\xde\xd4\xec\xd4\xf2\xd5\xd5\xcc\xd5\xd2\xd5\xde\xd5\xec\xd5\xf2"
    "\xd9U\xd2U\xde\xdaU\xf2\xdd\xdd\xcc\xdd\xd2\xdd\xde\xdd\xec\xdd\xf2Y\xccY\xd2Y\xdeY\xecY\xf2"
    "\xd0";

struct pair {
	const char *in;
	const char *want;
};

static const struct pair tcvn_phrases[] = {
    {"Th\xb9"
     "ch An",
     "Thạch An"},
    {"\xa7\xabng Kh\xaa", "Đông Khê"},
    {"\xaei\xd3n h\xd7nh ti\xaan ti\xd5n", "điển hình tiên tiến"},
    {"Ph\xdfng N\xe9i v\xf4", "Phòng Nội vụ"},
    {"Cao B\xbbng", "Cao Bằng"},
    {"Nguy\xd4n Th\xde H\xad\xeang", "Nguyễn Thị Hường"},
    {"H\xb5 N\xe9i", "Hà Nội"},
    {"ng\xad\xeai d\xa9n t\xe9"
     "c T\xb5y, N\xefng",
     "người dân tộc Tày, Nùng"},
};
static const struct pair vni_phrases[] = {
    {"Tha\xef"
     "ch An",
     "Thạch An"},
    {"\xd1o\xe2ng Khe\xe2", "Đông Khê"},
    {"\xf1ie\xe5n h\xecnh tie\xe2n tie\xe1n", "điển hình tiên tiến"},
    {"Pho\xf8ng No\xe4i vu\xef", "Phòng Nội vụ"},
    {"Cao Ba\xe8ng", "Cao Bằng"},
    {"Nguye\xe3n Th\xf2 H\xf6\xf4\xf8ng", "Nguyễn Thị Hường"},
    {"Ha\xf8 No\xe4i", "Hà Nội"},
    {"ng\xf6\xf4\xf8i da\xe2n to\xe4"
     "c Ta\xf8y, Nu\xf8ng",
     "người dân tộc Tày, Nùng"},
};
static const struct pair cp1258_phrases[] = {
    {"Tha\xf2"
     "ch An",
     "Thạch An"},
    {"\xd0\xf4ng Kh\xea", "Đông Khê"},
    {"\xf0i\xea\xd2n hi\xccnh ti\xean ti\xea\xecn", "điển hình tiên tiến"},
    {"Pho\xccng N\xf4\xf2i vu\xf2", "Phòng Nội vụ"},
    {"Cao B\xe3\xccng", "Cao Bằng"},
    {"Nguy\xea\xden Thi\xf2 H\xfd\xf5\xccng", "Nguyễn Thị Hường"},
    {"H\xe0 N\xf4\xf2i", "Hà Nội"},
    {"ng\xfd\xf5\xcci d\xe2n t\xf4\xf2"
     "c T\xe0y, N\xf9ng",
     "người dân tộc Tày, Nùng"},
};

/* The same five-row CSV in each encoding. */
static const char csv_utf8[] =
    "STT,H\xe1\xbb\x8d v\xc3\xa0 t\xc3\xaan,N\xc4\x83m sinh,\xc4\x90\xc6\xa1n "
    "v\xe1\xbb\x8b\n1,Nguy\xe1\xbb\x85n Th\xe1\xbb\x8b H\xc6\xb0\xe1\xbb\x9dng,1985,Ph\xc3\xb2ng "
    "N\xe1\xbb\x99i v\xe1\xbb\xa5\n2,Ho\xc3\xa0ng V\xc4\x83n Th\xe1\xba\xa1"
    "ch,1979,UBND x\xc3\xa3 \xc4\x90\xe1\xbb\xa9"
    "c Long\n3,L\xc3\xaa V\xc4\x83n \xc4\x90i\xe1\xbb\x83n,1990,Tr\xc6\xb0\xe1\xbb\x9dng "
    "Ti\xe1\xbb\x83u h\xe1\xbb\x8d"
    "c Kim \xc4\x90\xe1\xbb\x93ng\n4,N\xc3\xb4ng Th\xe1\xbb\x8b Ho\xc3\xa0,1988,Th\xe1\xbb\x8b "
    "tr\xe1\xba\xa5n \xc4\x90\xc3\xb4ng Kh\xc3\xaa\n";
static const char csv_cp1258[] =
    "STT,Ho\xf2 v\xe0 t\xean,N\xe3m sinh,\xd0\xf5n vi\xf2\n1,Nguy\xea\xden Thi\xf2 "
    "H\xfd\xf5\xccng,1985,Pho\xccng N\xf4\xf2i vu\xf2\n2,Ho\xe0ng V\xe3n Tha\xf2"
    "ch,1979,UBND xa\xde \xd0\xfd\xec"
    "c Long\n3,L\xea V\xe3n \xd0i\xea\xd2n,1990,Tr\xfd\xf5\xccng Ti\xea\xd2u ho\xf2"
    "c Kim \xd0\xf4\xccng\n4,N\xf4ng Thi\xf2 Ho\xe0,1988,Thi\xf2 tr\xe2\xecn \xd0\xf4ng Kh\xea\n";
static const char csv_tcvn[] =
    "STT,H\xe4 v\xb5 t\xaan,N\xa8m sinh,\xa7\xacn v\xde\n1,Nguy\xd4n Th\xde "
    "H\xad\xeang,1985,Ph\xdfng N\xe9i v\xf4\n2,Ho\xb5ng V\xa8n Th\xb9"
    "ch,1979,UBND x\xb7 \xa7\xf8"
    "c Long\n3,L\xaa V\xa8n \xa7i\xd3n,1990,Tr\xad\xeang Ti\xd3u h\xe4"
    "c Kim \xa7\xe5ng\n4,N\xabng Th\xde Ho\xb5,1988,Th\xde tr\xcan \xa7\xabng Kh\xaa\n";
static const char csv_vni[] =
    "STT,Ho\xef va\xf8 te\xe2n,Na\xeam sinh,\xd1\xf4n v\xf2\n1,Nguye\xe3n Th\xf2 "
    "H\xf6\xf4\xf8ng,1985,Pho\xf8ng No\xe4i vu\xef\n2,Hoa\xf8ng Va\xean Tha\xef"
    "ch,1979,UBND xa\xf5 \xd1\xf6\xf9"
    "c Long\n3,Le\xe2 Va\xean \xd1ie\xe5n,1990,Tr\xf6\xf4\xf8ng Tie\xe5u ho\xef"
    "c Kim \xd1o\xe0ng\n4,No\xe2ng Th\xf2 Hoa\xf8,1988,Th\xf2 tra\xe1n \xd1o\xe2ng Khe\xe2\n";
static const char csv_u16le[] =
    "S\x00T\x00T\x00,\x00H\x00\xcd\x1e \x00v\x00\xe0\x00 "
    "\x00t\x00\xea\x00n\x00,\x00N\x00\x03\x01m\x00 "
    "\x00s\x00i\x00n\x00h\x00,\x00\x10\x01\xa1\x01n\x00 \x00v\x00\xcb\x1e\n\x00"
    "1\x00,\x00N\x00g\x00u\x00y\x00\xc5\x1en\x00 \x00T\x00h\x00\xcb\x1e "
    "\x00H\x00\xb0\x01\xdd\x1en\x00g\x00,\x00"
    "1\x00"
    "9\x00"
    "8\x00"
    "5\x00,\x00P\x00h\x00\xf2\x00n\x00g\x00 \x00N\x00\xd9\x1ei\x00 \x00v\x00\xe5\x1e\n\x00"
    "2\x00,\x00H\x00o\x00\xe0\x00n\x00g\x00 \x00V\x00\x03\x01n\x00 \x00T\x00h\x00\xa1\x1e"
    "c\x00h\x00,\x00"
    "1\x00"
    "9\x00"
    "7\x00"
    "9\x00,\x00U\x00"
    "B\x00N\x00"
    "D\x00 \x00x\x00\xe3\x00 \x00\x10\x01\xe9\x1e"
    "c\x00 \x00L\x00o\x00n\x00g\x00\n\x00"
    "3\x00,\x00L\x00\xea\x00 \x00V\x00\x03\x01n\x00 \x00\x10\x01i\x00\xc3\x1en\x00,\x00"
    "1\x00"
    "9\x00"
    "9\x00"
    "0\x00,\x00T\x00r\x00\xb0\x01\xdd\x1en\x00g\x00 \x00T\x00i\x00\xc3\x1eu\x00 \x00h\x00\xcd\x1e"
    "c\x00 \x00K\x00i\x00m\x00 \x00\x10\x01\xd3\x1en\x00g\x00\n\x00"
    "4\x00,\x00N\x00\xf4\x00n\x00g\x00 \x00T\x00h\x00\xcb\x1e \x00H\x00o\x00\xe0\x00,\x00"
    "1\x00"
    "9\x00"
    "8\x00"
    "8\x00,\x00T\x00h\x00\xcb\x1e \x00t\x00r\x00\xa5\x1en\x00 \x00\x10\x01\xf4\x00n\x00g\x00 "
    "\x00K\x00h\x00\xea\x00\n\x00";
static const char csv_u16be[] =
    "\x00S\x00T\x00T\x00,\x00H\x1e\xcd\x00 \x00v\x00\xe0\x00 "
    "\x00t\x00\xea\x00n\x00,\x00N\x01\x03\x00m\x00 "
    "\x00s\x00i\x00n\x00h\x00,\x01\x10\x01\xa1\x00n\x00 \x00v\x1e\xcb\x00\n\x00"
    "1\x00,\x00N\x00g\x00u\x00y\x1e\xc5\x00n\x00 \x00T\x00h\x1e\xcb\x00 "
    "\x00H\x01\xb0\x1e\xdd\x00n\x00g\x00,\x00"
    "1\x00"
    "9\x00"
    "8\x00"
    "5\x00,\x00P\x00h\x00\xf2\x00n\x00g\x00 \x00N\x1e\xd9\x00i\x00 \x00v\x1e\xe5\x00\n\x00"
    "2\x00,\x00H\x00o\x00\xe0\x00n\x00g\x00 \x00V\x01\x03\x00n\x00 \x00T\x00h\x1e\xa1\x00"
    "c\x00h\x00,\x00"
    "1\x00"
    "9\x00"
    "7\x00"
    "9\x00,\x00U\x00"
    "B\x00N\x00"
    "D\x00 \x00x\x00\xe3\x00 \x01\x10\x1e\xe9\x00"
    "c\x00 \x00L\x00o\x00n\x00g\x00\n\x00"
    "3\x00,\x00L\x00\xea\x00 \x00V\x01\x03\x00n\x00 \x01\x10\x00i\x1e\xc3\x00n\x00,\x00"
    "1\x00"
    "9\x00"
    "9\x00"
    "0\x00,\x00T\x00r\x01\xb0\x1e\xdd\x00n\x00g\x00 \x00T\x00i\x1e\xc3\x00u\x00 \x00h\x1e\xcd\x00"
    "c\x00 \x00K\x00i\x00m\x00 \x01\x10\x1e\xd3\x00n\x00g\x00\n\x00"
    "4\x00,\x00N\x00\xf4\x00n\x00g\x00 \x00T\x00h\x1e\xcb\x00 \x00H\x00o\x00\xe0\x00,\x00"
    "1\x00"
    "9\x00"
    "8\x00"
    "8\x00,\x00T\x00h\x1e\xcb\x00 \x00t\x00r\x1e\xa5\x00n\x00 \x01\x10\x00\xf4\x00n\x00g\x00 "
    "\x00K\x00h\x00\xea\x00\n";

/* Windows-1252 0x80..0x9F, to build the text of a DOCX run from bytes. */
static const uint16_t w1252[32] = {0x20AC, 0x81,   0x201A, 0x192,  0x201E, 0x2026, 0x2020, 0x2021,
				   0x2C6,  0x2030, 0x160,  0x2039, 0x152,  0x8D,   0x17D,  0x8F,
				   0x90,   0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
				   0x2DC,  0x2122, 0x161,  0x203A, 0x153,  0x9D,   0x17E,  0x178};

/* The bytes of s as Word shows them in a legacy-font run (UTF-8 of the
 * Windows-1252 characters).  Returns a static buffer. */
static const char *as_run(const char *s)
{
	static char out[4096];
	size_t o = 0;
	for (const unsigned char *p = (const unsigned char *)s; *p && o < sizeof(out) - 4; p++) {
		unsigned c = *p >= 0x80 && *p < 0xA0 ? w1252[*p - 0x80] : *p;
		if (c < 0x80) {
			out[o++] = (char)c;
		} else if (c < 0x800) {
			out[o++] = (char)(0xC0 | c >> 6);
			out[o++] = (char)(0x80 | (c & 0x3F));
		} else {
			out[o++] = (char)(0xE0 | c >> 12);
			out[o++] = (char)(0x80 | ((c >> 6) & 0x3F));
			out[o++] = (char)(0x80 | (c & 0x3F));
		}
	}
	out[o] = 0;
	return out;
}

static void check_dec(char *(*dec)(const unsigned char *, size_t), const char *in, const char *want)
{
	char *got = dec((const unsigned char *)in, strlen(in));
	CHECK_STR(got, want);
	free(got);
}

TEST(tcvn3_all_letters)
{
	check_dec(tcvn3_to_utf8, tcvn_lower, all_lower);
	/* the seven plain capitals of the lower-case font */
	check_dec(tcvn3_to_utf8, "\xa1\xa2\xa3\xa4\xa5\xa6\xa7", "ĂÂÊÔƠƯĐ");
	/* ASCII unchanged, combining tone bytes compose */
	check_dec(tcvn3_to_utf8, "Hello, world 123", "Hello, world 123");
	check_dec(tcvn3_to_utf8, "a\xb0 o\xb4", "à ọ");
	/* 0x80..0x9F stay Windows-1252 (quotes and dashes of Word) */
	check_dec(tcvn3_to_utf8, "\x93x\x94 \x96", "“x” –");
	check_dec(tcvn3_to_utf8, "", "");
}

TEST(tcvn3_phrase_list)
{
	for (size_t i = 0; i < sizeof(tcvn_phrases) / sizeof(tcvn_phrases[0]); i++)
		check_dec(tcvn3_to_utf8, tcvn_phrases[i].in, tcvn_phrases[i].want);
}

TEST(tcvn3_caps_font)
{
	char *s = legacy_run_to_utf8(as_run(tcvn_lower), FONT_TCVN3_CAPS);
	CHECK_STR(s, all_upper);
	free(s);
	/* "ỦY BAN NHÂN DÂN" typed in .VnTimeH */
	s = legacy_run_to_utf8("\xc3\xb1y ban nh\xc2\xa9n d\xc2\xa9n", FONT_TCVN3_CAPS);
	CHECK_STR(s, "ỦY BAN NHÂN DÂN");
	free(s);
	s = legacy_run_to_utf8(as_run("c\xe9ng h\xdf\x61 x\xb7 h\xe9i ch\xf1 ngh\xdc\x61"),
			       FONT_TCVN3_CAPS);
	CHECK_STR(s, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA");
	free(s);
}

TEST(vni_all_letters)
{
	check_dec(vni_to_utf8, vni_lower, all_lower);
	check_dec(vni_to_utf8, vni_upper, all_upper);
	check_dec(vni_to_utf8, "\xd1\xf1", "Đđ");
	/* "ươ" is two single-byte letters */
	check_dec(vni_to_utf8, "Tr\xf6\xf4\xf8ng", "Trường");
	check_dec(vni_to_utf8, "Hello 123", "Hello 123");
	/* marks with no base stay what Windows-1252 shows */
	check_dec(vni_to_utf8, "\xe2 n\xf8", "â nø");
	/* a trailing base letter at the end of the data */
	check_dec(vni_to_utf8, "Ha", "Ha");
	check_dec(vni_to_utf8, "", "");
}

TEST(vni_phrase_list)
{
	for (size_t i = 0; i < sizeof(vni_phrases) / sizeof(vni_phrases[0]); i++)
		check_dec(vni_to_utf8, vni_phrases[i].in, vni_phrases[i].want);
	char *s = legacy_run_to_utf8("Haø Noäi", FONT_VNI);
	CHECK_STR(s, "Hà Nội");
	free(s);
	s = legacy_run_to_utf8("UÛY BAN NHAÂN DAÂN", FONT_VNI);
	CHECK_STR(s, "ỦY BAN NHÂN DÂN");
	free(s);
}

TEST(cp1258_all_letters)
{
	size_t n = strlen(all_lower) + strlen(all_upper);
	char *want = malloc(n + 1);
	strcpy(want, all_lower);
	strcat(want, all_upper);
	check_dec(cp1258_to_utf8, cp1258_all, want);
	free(want);
	check_dec(cp1258_to_utf8, "\x80 \xfe \x93x\x94", "€ ₫ “x”");
	for (size_t i = 0; i < sizeof(cp1258_phrases) / sizeof(cp1258_phrases[0]); i++)
		check_dec(cp1258_to_utf8, cp1258_phrases[i].in, cp1258_phrases[i].want);
}

TEST(run_fonts)
{
	CHECK_INT(legacy_font_kind(".VnTime"), FONT_TCVN3);
	CHECK_INT(legacy_font_kind(".VnTimeH"), FONT_TCVN3_CAPS);
	CHECK_INT(legacy_font_kind(".VnArial"), FONT_TCVN3);
	CHECK_INT(legacy_font_kind(".VnArialH"), FONT_TCVN3_CAPS);
	CHECK_INT(legacy_font_kind(".VnCentury Schoolbook"), FONT_TCVN3);
	CHECK_INT(legacy_font_kind(".vntime"), FONT_TCVN3);
	CHECK_INT(legacy_font_kind("VNI-Times"), FONT_VNI);
	CHECK_INT(legacy_font_kind("VNI-Helve"), FONT_VNI);
	CHECK_INT(legacy_font_kind("VNI Times"), FONT_VNI);
	CHECK_INT(legacy_font_kind("Times New Roman"), FONT_UNICODE);
	CHECK_INT(legacy_font_kind("Arial"), FONT_UNICODE);
	CHECK_INT(legacy_font_kind("VNInvented"), FONT_UNICODE);
	CHECK_INT(legacy_font_kind(""), FONT_UNICODE);
	CHECK_INT(legacy_font_kind(NULL), FONT_UNICODE);
}

TEST(run_text)
{
	char *s = legacy_run_to_utf8("Hµ Néi", FONT_TCVN3);
	CHECK_STR(s, "Hà Nội");
	free(s);
	s = legacy_run_to_utf8("®iÓn h×nh tiªn tiÕn", FONT_TCVN3);
	CHECK_STR(s, "điển hình tiên tiến");
	free(s);
	for (size_t i = 0; i < sizeof(tcvn_phrases) / sizeof(tcvn_phrases[0]); i++) {
		s = legacy_run_to_utf8(as_run(tcvn_phrases[i].in), FONT_TCVN3);
		CHECK_STR(s, tcvn_phrases[i].want);
		free(s);
	}
	for (size_t i = 0; i < sizeof(vni_phrases) / sizeof(vni_phrases[0]); i++) {
		s = legacy_run_to_utf8(as_run(vni_phrases[i].in), FONT_VNI);
		CHECK_STR(s, vni_phrases[i].want);
		free(s);
	}
	/* a Word dash (U+2013 = byte 0x96) passes */
	s = legacy_run_to_utf8("Th¹ch An – Cao B»ng", FONT_TCVN3);
	CHECK_STR(s, "Thạch An – Cao Bằng");
	free(s);
	/* Unicode typed into a .VnTime run stays as it is */
	s = legacy_run_to_utf8("Thạch An – Cao Bằng, Hà", FONT_TCVN3);
	CHECK_STR(s, "Thạch An – Cao Bằng, Hà");
	free(s);
	s = legacy_run_to_utf8("Nội vụ", FONT_VNI);
	CHECK_STR(s, "Nội vụ");
	free(s);
	int conv = -1;
	s = legacy_run_decode("Hµ Néi", FONT_TCVN3, &conv);
	CHECK_STR(s, "Hà Nội");
	CHECK_INT(conv, 1);
	free(s);
	s = legacy_run_decode("1985 - ABC", FONT_TCVN3, &conv);
	CHECK_STR(s, "1985 - ABC");
	CHECK_INT(conv, 0);
	free(s);
	s = legacy_run_decode("1985 - abc", FONT_TCVN3_CAPS, &conv);
	CHECK_STR(s, "1985 - ABC");
	CHECK_INT(conv, 0);
	free(s);
	s = legacy_run_decode("Hà Nội", FONT_TCVN3, &conv);
	CHECK_STR(s, "Hà Nội");
	CHECK_INT(conv, 0);
	free(s);
	s = legacy_run_decode("Hµ", FONT_UNICODE, &conv);
	CHECK_STR(s, "Hµ");
	CHECK_INT(conv, 0);
	free(s);
	s = legacy_run_to_utf8("Hà Nội", FONT_UNICODE);
	CHECK_STR(s, "Hà Nội");
	free(s);
	s = legacy_run_to_utf8("Ho\xcc\x80", FONT_UNICODE);
	CHECK_STR(s, "Hò");
	free(s);
	/* symbol-font view: U+F0xx carry the byte in their low half */
	s = legacy_run_to_utf8("H\xef\x82\xb5 N\xef\x83\xa9i", FONT_TCVN3);
	CHECK_STR(s, "Hà Nội");
	free(s);
	s = legacy_run_to_utf8("", FONT_TCVN3);
	CHECK_STR(s, "");
	free(s);
}

TEST(mojibake)
{
	CHECK_INT(legacy_guess_mojibake("Th¹ch An"), FONT_TCVN3);
	CHECK_INT(legacy_guess_mojibake("Hµ Néi"), FONT_TCVN3);
	CHECK_INT(legacy_guess_mojibake("Phßng Néi vô"), FONT_TCVN3);
	CHECK_INT(legacy_guess_mojibake("Haø Noäi"), FONT_VNI);
	CHECK_INT(legacy_guess_mojibake("Cao Baèng"), FONT_VNI);
	CHECK_INT(legacy_guess_mojibake("Hà Nội"), FONT_UNICODE);
	CHECK_INT(legacy_guess_mojibake("Hà Giang"), FONT_UNICODE);
	CHECK_INT(legacy_guess_mojibake("Café"), FONT_UNICODE);
	CHECK_INT(legacy_guess_mojibake("Nguyen Van A"), FONT_UNICODE);
	CHECK_INT(legacy_guess_mojibake(""), FONT_UNICODE);
}

TEST(names)
{
	CHECK_STR(text_encoding_name(ENC_UTF8), "UTF-8");
	CHECK_STR(text_encoding_name(ENC_UTF16LE), "UTF-16LE");
	CHECK_STR(text_encoding_name(ENC_UTF16BE), "UTF-16BE");
	CHECK_STR(text_encoding_name(ENC_TCVN3), "TCVN3");
	CHECK_STR(text_encoding_name(ENC_VNI), "VNI");
	CHECK_STR(text_encoding_name(ENC_CP1258), "Windows-1258");
	CHECK(text_encoding_is_legacy(ENC_TCVN3));
	CHECK(text_encoding_is_legacy(ENC_VNI));
	CHECK(text_encoding_is_legacy(ENC_CP1258));
	CHECK(!text_encoding_is_legacy(ENC_UTF8));
	CHECK(!text_encoding_is_legacy(ENC_UTF16LE));
	CHECK(!text_encoding_is_legacy(ENC_UNKNOWN));
}

#define DETECT(lit) text_detect(lit, sizeof(lit) - 1)

TEST(detect)
{
	CHECK_INT(DETECT(csv_utf8), ENC_UTF8);
	CHECK_INT(DETECT(csv_cp1258), ENC_CP1258);
	CHECK_INT(DETECT(csv_tcvn), ENC_TCVN3);
	CHECK_INT(DETECT(csv_vni), ENC_VNI);
	CHECK_INT(DETECT(csv_u16le), ENC_UTF16LE);
	CHECK_INT(DETECT(csv_u16be), ENC_UTF16BE);
	CHECK_INT(DETECT("\xef\xbb\xbfSTT,T\xc3\xaan\n"), ENC_UTF8);
	CHECK_INT(DETECT("\xff\xfeS\0T\0T\0"), ENC_UTF16LE);
	CHECK_INT(DETECT("\xfe\xff\0S\0T\0T"), ENC_UTF16BE);
	CHECK_INT(DETECT("plain,ascii\n1,2\n"), ENC_UTF8);
	CHECK_INT(text_detect("", 0), ENC_UTF8);
	/* one-line samples */
	CHECK_INT(DETECT("H\xf4\xcc s\xf5 khen th\xfd\xf5\xd2ng\r\nT\xe2\xf2p th\xea\xd2 lao "
			 "\xf0\xf4\xf2ng ti\xean ti\xea\xecn\r\n"),
		  ENC_CP1258);
	CHECK_INT(DETECT("Ph\xdfng N\xe9i v\xf4 huy\xd6n Th\xb9"
			 "ch An"),
		  ENC_TCVN3);
	CHECK_INT(DETECT("Pho\xf8ng No\xe4i vu\xef huye\xe4n Tha\xef"
			 "ch An"),
		  ENC_VNI);
	/* binary: a PNG header, control bytes, random high bytes */
	CHECK_INT(DETECT("\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x10"), ENC_UNKNOWN);
	CHECK_INT(DETECT("\x01\x02\x03\x04\x05\x06\x07\x08\x0e\x0f abc"), ENC_UNKNOWN);
	CHECK_INT(DETECT("\xd3\x9a\xf1\xe2\x88\xc7\xab\x99\xfe\xb4\xc1\x8f\xe0\xf7\x92\xbd"),
		  ENC_UNKNOWN);
	/* BOM-less UTF-16 from ASCII-heavy text */
	CHECK_INT(DETECT("S\0T\0T\0,\0T\0\xea\0n\0\n\0"), ENC_UTF16LE);
	CHECK_INT(DETECT("\0S\0T\0T\0,\0T\0\xea\0n\0\n"), ENC_UTF16BE);
	/* one Latin-1 sign is no TCVN3 "â"; vertical tab and form feed are
	 * white space, not binary */
	CHECK_INT(DETECT("a,b,c\n1,2,3\n4,5,\xa9"), ENC_CP1258);
	CHECK_INT(DETECT("\"\t\n\v\f\r start \t\n\v\f\r end \t\n\v\f\r\",b,c\nd,e,f\n"), ENC_UTF8);
	/* but one broken word in Windows-1258 is enough for TCVN3 */
	CHECK_INT(DETECT("H\xb5"), ENC_TCVN3);
	/* Latin-1 words that are no Vietnamese: still text (Windows-1258) */
	CHECK_INT(DETECT("Caf\xe9 cr\xe8me\n"), ENC_CP1258);
}

/* A long ASCII head must not hide what follows it. */
TEST(detect_long)
{
	size_t head = 300 * 1024;
	const char *tails[] = {("Ph\xdfng N\xe9i v\xf4 huy\xd6n Th\xb9"
				"ch An\n"),
			       "Phòng Nội vụ huyện Thạch An\n", "Pho\xf8ng No\xe4i vu\xef\n"};
	enum text_encoding want[] = {ENC_TCVN3, ENC_UTF8, ENC_VNI};
	for (size_t t = 0; t < 3; t++) {
		size_t tl = strlen(tails[t]);
		char *d = malloc(head + tl);
		for (size_t i = 0; i < head; i++)
			d[i] = i % 40 == 39 ? '\n' : "1,Nguyen Van A,1985,"[i % 20];
		memcpy(d + head, tails[t], tl);
		CHECK_INT(text_detect(d, head + tl), want[t]);
		free(d);
	}
}

TEST(detect_window)
{
	/* long legacy files: only a window is scored, the answer is the same;
	 * lines of odd lengths so that the window's end falls inside one */
	const char *lines[] = {"Ph\xdfng N\xe9i v\xf4 huy\xd6n Th\xb9"
			       "ch An, x\xe3 \xae\xf8"
			       "c Long;\n",
			       "Pho\xf8ng No\xe4i vu\xef huye\xe4n Tha\xef"
			       "ch An;\n",
			       "Pho\xf2ng N\xf4\xf2i vu\xf2 huy\xea\xf2n Tha\xf2"
			       "ch An;\n"};
	enum text_encoding want[] = {ENC_TCVN3, ENC_VNI, ENC_CP1258};
	for (size_t t = 0; t < 3; t++) {
		size_t ll = strlen(lines[t]), len = 0, cap = 200 * 1024 + 64;
		char *d = malloc(cap);
		for (size_t k = 0; len + ll + 8 < cap; k++) {
			memcpy(d + len, lines[t], ll);
			len += ll - 1;
			len += (size_t)snprintf(d + len, 8, " %zu\n", k % 1000);
		}
		CHECK_INT(text_detect(d, len), want[t]);
		/* and cut anywhere, the same */
		CHECK_INT(text_detect(d, 65 * 1024 + 7), want[t]);
		free(d);
	}
}

static void check_conv(const char *data, size_t len, enum text_encoding e, const char *want)
{
	char *out = (char *)1;
	size_t n = 99;
	int r = text_to_utf8(data, len, e, &out, &n);
	CHECK_INT(r, 0);
	if (r == 0) {
		CHECK_STR(out, want);
		CHECK_INT(n, strlen(want));
	}
	free(out);
}

#define CONV(lit, e, want) check_conv(lit, sizeof(lit) - 1, e, want)

TEST(convert)
{
	const char *want = csv_utf8;
	CONV(csv_utf8, ENC_UTF8, want);
	CONV(csv_cp1258, ENC_CP1258, want);
	CONV(csv_tcvn, ENC_TCVN3, want);
	CONV(csv_vni, ENC_VNI, want);
	CONV(csv_u16le, ENC_UTF16LE, want);
	CONV(csv_u16be, ENC_UTF16BE, want);
	/* BOMs removed; NFD composed */
	CONV("\xef\xbb\xbfHo\xcc\x80"
	     "a",
	     ENC_UTF8, "Hòa");
	CONV("\xff\xfeH\0\xe0\0", ENC_UTF16LE, "Hà");
	CONV("\xfe\xff\0H\0\xe0", ENC_UTF16BE, "Hà");
	/* surrogate pair; a lone surrogate becomes U+FFFD */
	CONV("=\0=\xd8\0\xde", ENC_UTF16LE, "=😀");
	CONV("\0=\xd8=\xde\0", ENC_UTF16BE, "=😀");
	CONV("a\0\x00\xdc"
	     "b\0",
	     ENC_UTF16LE,
	     "a\xef\xbf\xbd"
	     "b");
	CONV("a\0\x00\xd8", ENC_UTF16LE, "a\xef\xbf\xbd");
	/* embedded NUL survives with its length */
	{
		char *out;
		size_t n;
		CHECK_INT(text_to_utf8("a\0b", 3, ENC_UTF8, &out, &n), 0);
		CHECK_INT(n, 3);
		CHECK(out && memcmp(out, "a\0b", 4) == 0);
		free(out);
	}
}

TEST(tcvn3_vn1_capitals)
{
	check_dec(tcvn3_to_utf8, tcvn_vn1_upper, all_upper);
	CHECK_INT(DETECT(csv_vn1), ENC_TCVN3);
	CONV(csv_vn1, ENC_TCVN3, csv_vn1_utf8);
	/* VN3 text with Word's quotes and dash keeps them */
	check_dec(tcvn3_to_utf8,
		  "\x93H\xb5 N\xe9i\x94 \x96 Th\xb9"
		  "ch An",
		  "“Hà Nội” – Thạch An");
}

/* UTF-8 read as Windows-1252 and saved as UTF-8 again is repaired. */
TEST(mojibake_utf8)
{
	size_t n = 0;
	const char *m = "H\xc3\x83\xc2\xa0 N\xc3\xa1\xc2\xbb\xe2\x84\xa2i";
	char *r = legacy_undo_mojibake(m, strlen(m), &n);
	CHECK_STR(r, "Hà Nội");
	CHECK_INT(n, strlen("Hà Nội"));
	free(r);
	/* a double-encoded BOM goes too */
	const char bom[] = "\xc3\xaf\xc2\xbb\xc2\xbfTh\xc3\xa1\xc2\xba\xc2\xa1"
			   "ch An";
	r = legacy_undo_mojibake(bom, sizeof(bom) - 1, NULL);
	CHECK_STR(r, "Thạch An");
	free(r);
	/* good text is left alone */
	CHECK(legacy_undo_mojibake("Hà Nội", strlen("Hà Nội"), NULL) == NULL);
	CHECK(legacy_undo_mojibake("Café crème", strlen("Café crème"), NULL) == NULL);
	CHECK(legacy_undo_mojibake("plain", 5, NULL) == NULL);
	CHECK(legacy_undo_mojibake("", 0, NULL) == NULL);
	/* through text_to_utf8, a whole CSV */
	CONV("STT,H\xc3\xa1\xc2\xbb\xc2\x8d v\xc3\x83\xc2\xa0 "
	     "t\xc3\x83\xc2\xaan,\xc3\x84\xc2\x90\xc3\x86"
	     "\xc2\xa1n v\xc3\xa1\xc2\xbb\xe2\x80\xb9\n1,Nguy\xc3\xa1\xc2\xbb\xe2\x80\xa6n "
	     "Th\xc3\xa1\xc2\xbb\xe2\x80\xb9 "
	     "H\xc3\x86\xc2\xb0\xc3\xa1\xc2\xbb\xc2\x9dng,Ph\xc3\x83\xc2\xb2ng "
	     "N\xc3\xa1\xc2\xbb\xe2\x84\xa2i v\xc3\xa1\xc2\xbb\xc2\xa5\n",
	     ENC_UTF8, "STT,Họ và tên,Đơn vị\n1,Nguyễn Thị Hường,Phòng Nội vụ\n");
}

TEST(convert_errors)
{
	char *out = (char *)1;
	size_t n = 5;
	fprintf(stderr, "  (the three error messages below are expected)\n");
	CHECK_INT(text_to_utf8("\xc3(", 2, ENC_UTF8, &out, &n), -1);
	CHECK(out == NULL);
	out = (char *)1;
	CHECK_INT(text_to_utf8("abc", 3, ENC_UTF16LE, &out, &n), -1);
	CHECK(out == NULL);
	out = (char *)1;
	CHECK_INT(text_to_utf8("abc", 3, ENC_UNKNOWN, &out, &n), -1);
	CHECK(out == NULL);
}

/* Every decoder and the detector on pseudo-random bytes: no crash, valid
 * UTF-8 out. */
TEST(random_bytes)
{
	uint32_t x = 12345;
	unsigned char data[512];
	for (int round = 0; round < 300; round++) {
		size_t len = (size_t)(round * 7 % 512);
		for (size_t i = 0; i < len; i++) {
			x = x * 1103515245u + 12345u;
			data[i] = (unsigned char)(x >> 16);
			if (round % 3 == 0 && data[i] < 0x80)
				data[i] |= 0x80;
		}
		char *a = tcvn3_to_utf8(data, len), *b = vni_to_utf8(data, len),
		     *c = cp1258_to_utf8(data, len);
		CHECK(utf8_valid(a, strlen(a)) && utf8_valid(b, strlen(b)) &&
		      utf8_valid(c, strlen(c)));
		free(a);
		free(b);
		free(c);
		enum text_encoding e = text_detect((const char *)data, len);
		char *out = NULL;
		size_t n;
		if (e != ENC_UNKNOWN && text_to_utf8((const char *)data, len, e, &out, &n) == 0) {
			CHECK(utf8_valid(out, n));
			free(out);
		}
	}
}

int main(int argc, char **argv)
{
	(void)argc;
	RUN(tcvn3_all_letters);
	RUN(tcvn3_phrase_list);
	RUN(tcvn3_caps_font);
	RUN(vni_all_letters);
	RUN(vni_phrase_list);
	RUN(cp1258_all_letters);
	RUN(run_fonts);
	RUN(run_text);
	RUN(mojibake);
	RUN(names);
	RUN(detect);
	RUN(detect_long);
	RUN(detect_window);
	RUN(convert);
	RUN(tcvn3_vn1_capitals);
	RUN(mojibake_utf8);
	RUN(convert_errors);
	RUN(random_bytes);
	return DONE();
}
