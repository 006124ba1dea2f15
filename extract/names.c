/*
** names.c: the names the extractor and the question answering share:
** bodies (Vietnamese forms, abbreviations, English forms) and their
** canonical names, the 63 provincial-level units as they were before July
** 2025 with the unit each belongs to since, district-level units with their
** province, document types, and offices as they are written in running
** text.
**
** All lookups compare keys (vb_name_key): ASCII, lower case, no marks, no
** spaces or punctuation, so that tone placement, case, spacing, dashes and
** "&" versus "và" do not matter.  Key tables are built once, on first use,
** under pthread_once; after that everything here is read-only and safe to
** call from several threads.
*/
#include "extract_int.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "vi.h"

/* Longest key kept for one name or alias; longer names are cut (their
** prefix still compares). */
#define KEY_MAX 96
/* Words looked at in one name. */
#define MAX_WORDS 48
/* Longest run of words that can form one department or place name. */
#define MAX_RUN 12

/**************************************************************************
** Data: provinces (from the 2025 merger table) and district-level units
*/

#define Q "quận"
#define H "huyện"
#define TX "thị xã"
#define TP "thành phố"

#define TP_KIND "thành phố"
static const vb_province provinces[] = {
    {"Hà Nội", "thành phố", "Hà Nội", "thành phố"},
    {"Thành phố Hồ Chí Minh", "thành phố", "Thành phố Hồ Chí Minh", "thành phố"},
    {"Hải Phòng", "thành phố", "Hải Phòng", "thành phố"},
    {"Đà Nẵng", "thành phố", "Đà Nẵng", "thành phố"},
    {"Cần Thơ", "thành phố", "Cần Thơ", "thành phố"},
    {"Thừa Thiên Huế", "tỉnh", "Huế", "thành phố"},
    {"An Giang", "tỉnh", "An Giang", "tỉnh"},
    {"Bà Rịa - Vũng Tàu", "tỉnh", "Thành phố Hồ Chí Minh", "thành phố"},
    {"Bắc Giang", "tỉnh", "Bắc Ninh", "tỉnh"},
    {"Bắc Kạn", "tỉnh", "Thái Nguyên", "tỉnh"},
    {"Bạc Liêu", "tỉnh", "Cà Mau", "tỉnh"},
    {"Bắc Ninh", "tỉnh", "Bắc Ninh", "tỉnh"},
    {"Bến Tre", "tỉnh", "Vĩnh Long", "tỉnh"},
    {"Bình Định", "tỉnh", "Gia Lai", "tỉnh"},
    {"Bình Dương", "tỉnh", "Thành phố Hồ Chí Minh", "thành phố"},
    {"Bình Phước", "tỉnh", "Đồng Nai", "tỉnh"},
    {"Bình Thuận", "tỉnh", "Lâm Đồng", "tỉnh"},
    {"Cà Mau", "tỉnh", "Cà Mau", "tỉnh"},
    {"Cao Bằng", "tỉnh", "Cao Bằng", "tỉnh"},
    {"Đắk Lắk", "tỉnh", "Đắk Lắk", "tỉnh"},
    {"Đắk Nông", "tỉnh", "Lâm Đồng", "tỉnh"},
    {"Điện Biên", "tỉnh", "Điện Biên", "tỉnh"},
    {"Đồng Nai", "tỉnh", "Đồng Nai", "tỉnh"},
    {"Đồng Tháp", "tỉnh", "Đồng Tháp", "tỉnh"},
    {"Gia Lai", "tỉnh", "Gia Lai", "tỉnh"},
    {"Hà Giang", "tỉnh", "Tuyên Quang", "tỉnh"},
    {"Hà Nam", "tỉnh", "Ninh Bình", "tỉnh"},
    {"Hà Tĩnh", "tỉnh", "Hà Tĩnh", "tỉnh"},
    {"Hải Dương", "tỉnh", "Hải Phòng", "thành phố"},
    {"Hậu Giang", "tỉnh", "Cần Thơ", "thành phố"},
    {"Hòa Bình", "tỉnh", "Phú Thọ", "tỉnh"},
    {"Hưng Yên", "tỉnh", "Hưng Yên", "tỉnh"},
    {"Khánh Hòa", "tỉnh", "Khánh Hòa", "tỉnh"},
    {"Kiên Giang", "tỉnh", "An Giang", "tỉnh"},
    {"Kon Tum", "tỉnh", "Quảng Ngãi", "tỉnh"},
    {"Lai Châu", "tỉnh", "Lai Châu", "tỉnh"},
    {"Lâm Đồng", "tỉnh", "Lâm Đồng", "tỉnh"},
    {"Lạng Sơn", "tỉnh", "Lạng Sơn", "tỉnh"},
    {"Lào Cai", "tỉnh", "Lào Cai", "tỉnh"},
    {"Long An", "tỉnh", "Tây Ninh", "tỉnh"},
    {"Nam Định", "tỉnh", "Ninh Bình", "tỉnh"},
    {"Nghệ An", "tỉnh", "Nghệ An", "tỉnh"},
    {"Ninh Bình", "tỉnh", "Ninh Bình", "tỉnh"},
    {"Ninh Thuận", "tỉnh", "Khánh Hòa", "tỉnh"},
    {"Phú Thọ", "tỉnh", "Phú Thọ", "tỉnh"},
    {"Phú Yên", "tỉnh", "Đắk Lắk", "tỉnh"},
    {"Quảng Bình", "tỉnh", "Quảng Trị", "tỉnh"},
    {"Quảng Nam", "tỉnh", "Đà Nẵng", "thành phố"},
    {"Quảng Ngãi", "tỉnh", "Quảng Ngãi", "tỉnh"},
    {"Quảng Ninh", "tỉnh", "Quảng Ninh", "tỉnh"},
    {"Quảng Trị", "tỉnh", "Quảng Trị", "tỉnh"},
    {"Sóc Trăng", "tỉnh", "Cần Thơ", "thành phố"},
    {"Sơn La", "tỉnh", "Sơn La", "tỉnh"},
    {"Tây Ninh", "tỉnh", "Tây Ninh", "tỉnh"},
    {"Thái Bình", "tỉnh", "Hưng Yên", "tỉnh"},
    {"Thái Nguyên", "tỉnh", "Thái Nguyên", "tỉnh"},
    {"Thanh Hóa", "tỉnh", "Thanh Hóa", "tỉnh"},
    {"Tiền Giang", "tỉnh", "Đồng Tháp", "tỉnh"},
    {"Trà Vinh", "tỉnh", "Vĩnh Long", "tỉnh"},
    {"Tuyên Quang", "tỉnh", "Tuyên Quang", "tỉnh"},
    {"Vĩnh Long", "tỉnh", "Vĩnh Long", "tỉnh"},
    {"Vĩnh Phúc", "tỉnh", "Phú Thọ", "tỉnh"},
    {"Yên Bái", "tỉnh", "Lào Cai", "tỉnh"},
};
static const vb_district districts[] = {
    {"Ba Đình", Q, "Hà Nội"},
    {"Hoàn Kiếm", Q, "Hà Nội"},
    {"Tây Hồ", Q, "Hà Nội"},
    {"Long Biên", Q, "Hà Nội"},
    {"Cầu Giấy", Q, "Hà Nội"},
    {"Đống Đa", Q, "Hà Nội"},
    {"Hai Bà Trưng", Q, "Hà Nội"},
    {"Hoàng Mai", Q, "Hà Nội"},
    {"Thanh Xuân", Q, "Hà Nội"},
    {"Nam Từ Liêm", Q, "Hà Nội"},
    {"Bắc Từ Liêm", Q, "Hà Nội"},
    {"Hà Đông", Q, "Hà Nội"},
    {"Sơn Tây", TX, "Hà Nội"},
    {"Ba Vì", H, "Hà Nội"},
    {"Chương Mỹ", H, "Hà Nội"},
    {"Đan Phượng", H, "Hà Nội"},
    {"Đông Anh", H, "Hà Nội"},
    {"Gia Lâm", H, "Hà Nội"},
    {"Hoài Đức", H, "Hà Nội"},
    {"Mê Linh", H, "Hà Nội"},
    {"Mỹ Đức", H, "Hà Nội"},
    {"Phú Xuyên", H, "Hà Nội"},
    {"Phúc Thọ", H, "Hà Nội"},
    {"Quốc Oai", H, "Hà Nội"},
    {"Sóc Sơn", H, "Hà Nội"},
    {"Thạch Thất", H, "Hà Nội"},
    {"Thanh Oai", H, "Hà Nội"},
    {"Thanh Trì", H, "Hà Nội"},
    {"Thường Tín", H, "Hà Nội"},
    {"Ứng Hòa", H, "Hà Nội"},
    {"Thủ Đức", TP, "Thành phố Hồ Chí Minh"},
    {"Bình Thạnh", Q, "Thành phố Hồ Chí Minh"},
    {"Gò Vấp", Q, "Thành phố Hồ Chí Minh"},
    {"Phú Nhuận", Q, "Thành phố Hồ Chí Minh"},
    {"Tân Bình", Q, "Thành phố Hồ Chí Minh"},
    {"Tân Phú", Q, "Thành phố Hồ Chí Minh"},
    {"Bình Tân", Q, "Thành phố Hồ Chí Minh"},
    {"Bình Chánh", H, "Thành phố Hồ Chí Minh"},
    {"Cần Giờ", H, "Thành phố Hồ Chí Minh"},
    {"Củ Chi", H, "Thành phố Hồ Chí Minh"},
    {"Hóc Môn", H, "Thành phố Hồ Chí Minh"},
    {"Nhà Bè", H, "Thành phố Hồ Chí Minh"},
    {"Hồng Bàng", Q, "Hải Phòng"},
    {"Ngô Quyền", Q, "Hải Phòng"},
    {"Lê Chân", Q, "Hải Phòng"},
    {"Hải An", Q, "Hải Phòng"},
    {"Kiến An", Q, "Hải Phòng"},
    {"Đồ Sơn", Q, "Hải Phòng"},
    {"Dương Kinh", Q, "Hải Phòng"},
    {"Thủy Nguyên", TP, "Hải Phòng"},
    {"An Dương", H, "Hải Phòng"},
    {"An Lão", H, "Hải Phòng"},
    {"Kiến Thụy", H, "Hải Phòng"},
    {"Tiên Lãng", H, "Hải Phòng"},
    {"Vĩnh Bảo", H, "Hải Phòng"},
    {"Cát Hải", H, "Hải Phòng"},
    {"Bạch Long Vĩ", H, "Hải Phòng"},
    {"Hải Châu", Q, "Đà Nẵng"},
    {"Thanh Khê", Q, "Đà Nẵng"},
    {"Sơn Trà", Q, "Đà Nẵng"},
    {"Ngũ Hành Sơn", Q, "Đà Nẵng"},
    {"Liên Chiểu", Q, "Đà Nẵng"},
    {"Cẩm Lệ", Q, "Đà Nẵng"},
    {"Hòa Vang", H, "Đà Nẵng"},
    {"Hoàng Sa", H, "Đà Nẵng"},
    {"Ninh Kiều", Q, "Cần Thơ"},
    {"Bình Thủy", Q, "Cần Thơ"},
    {"Cái Răng", Q, "Cần Thơ"},
    {"Ô Môn", Q, "Cần Thơ"},
    {"Thốt Nốt", Q, "Cần Thơ"},
    {"Phong Điền", H, "Cần Thơ"},
    {"Cờ Đỏ", H, "Cần Thơ"},
    {"Thới Lai", H, "Cần Thơ"},
    {"Vĩnh Thạnh", H, "Cần Thơ"},
    {"Huế", TP, "Thừa Thiên Huế"},
    {"Hương Thủy", TX, "Thừa Thiên Huế"},
    {"Hương Trà", TX, "Thừa Thiên Huế"},
    {"Phong Điền", H, "Thừa Thiên Huế"},
    {"Quảng Điền", H, "Thừa Thiên Huế"},
    {"Phú Vang", H, "Thừa Thiên Huế"},
    {"Phú Lộc", H, "Thừa Thiên Huế"},
    {"A Lưới", H, "Thừa Thiên Huế"},
    {"Nam Đông", H, "Thừa Thiên Huế"},
    {"Long Xuyên", TP, "An Giang"},
    {"Châu Đốc", TP, "An Giang"},
    {"Tân Châu", TX, "An Giang"},
    {"Tịnh Biên", TX, "An Giang"},
    {"An Phú", H, "An Giang"},
    {"Châu Phú", H, "An Giang"},
    {"Châu Thành", H, "An Giang"},
    {"Chợ Mới", H, "An Giang"},
    {"Phú Tân", H, "An Giang"},
    {"Thoại Sơn", H, "An Giang"},
    {"Tri Tôn", H, "An Giang"},
    {"Vũng Tàu", TP, "Bà Rịa - Vũng Tàu"},
    {"Bà Rịa", TP, "Bà Rịa - Vũng Tàu"},
    {"Phú Mỹ", TP, "Bà Rịa - Vũng Tàu"},
    {"Châu Đức", H, "Bà Rịa - Vũng Tàu"},
    {"Xuyên Mộc", H, "Bà Rịa - Vũng Tàu"},
    {"Long Điền", H, "Bà Rịa - Vũng Tàu"},
    {"Đất Đỏ", H, "Bà Rịa - Vũng Tàu"},
    {"Côn Đảo", H, "Bà Rịa - Vũng Tàu"},
    {"Bắc Giang", TP, "Bắc Giang"},
    {"Việt Yên", TX, "Bắc Giang"},
    {"Chũ", TX, "Bắc Giang"},
    {"Yên Thế", H, "Bắc Giang"},
    {"Tân Yên", H, "Bắc Giang"},
    {"Lạng Giang", H, "Bắc Giang"},
    {"Lục Nam", H, "Bắc Giang"},
    {"Lục Ngạn", H, "Bắc Giang"},
    {"Sơn Động", H, "Bắc Giang"},
    {"Yên Dũng", H, "Bắc Giang"},
    {"Hiệp Hòa", H, "Bắc Giang"},
    {"Bắc Kạn", TP, "Bắc Kạn"},
    {"Ba Bể", H, "Bắc Kạn"},
    {"Bạch Thông", H, "Bắc Kạn"},
    {"Chợ Đồn", H, "Bắc Kạn"},
    {"Chợ Mới", H, "Bắc Kạn"},
    {"Na Rì", H, "Bắc Kạn"},
    {"Ngân Sơn", H, "Bắc Kạn"},
    {"Pác Nặm", H, "Bắc Kạn"},
    {"Bạc Liêu", TP, "Bạc Liêu"},
    {"Giá Rai", TX, "Bạc Liêu"},
    {"Đông Hải", H, "Bạc Liêu"},
    {"Hòa Bình", H, "Bạc Liêu"},
    {"Hồng Dân", H, "Bạc Liêu"},
    {"Phước Long", H, "Bạc Liêu"},
    {"Vĩnh Lợi", H, "Bạc Liêu"},
    {"Bắc Ninh", TP, "Bắc Ninh"},
    {"Từ Sơn", TP, "Bắc Ninh"},
    {"Quế Võ", TX, "Bắc Ninh"},
    {"Thuận Thành", TX, "Bắc Ninh"},
    {"Gia Bình", H, "Bắc Ninh"},
    {"Lương Tài", H, "Bắc Ninh"},
    {"Tiên Du", H, "Bắc Ninh"},
    {"Yên Phong", H, "Bắc Ninh"},
    {"Bến Tre", TP, "Bến Tre"},
    {"Ba Tri", H, "Bến Tre"},
    {"Bình Đại", H, "Bến Tre"},
    {"Châu Thành", H, "Bến Tre"},
    {"Chợ Lách", H, "Bến Tre"},
    {"Giồng Trôm", H, "Bến Tre"},
    {"Mỏ Cày Bắc", H, "Bến Tre"},
    {"Mỏ Cày Nam", H, "Bến Tre"},
    {"Thạnh Phú", H, "Bến Tre"},
    {"Quy Nhơn", TP, "Bình Định"},
    {"An Nhơn", TX, "Bình Định"},
    {"Hoài Nhơn", TX, "Bình Định"},
    {"An Lão", H, "Bình Định"},
    {"Hoài Ân", H, "Bình Định"},
    {"Phù Cát", H, "Bình Định"},
    {"Phù Mỹ", H, "Bình Định"},
    {"Tây Sơn", H, "Bình Định"},
    {"Tuy Phước", H, "Bình Định"},
    {"Vân Canh", H, "Bình Định"},
    {"Vĩnh Thạnh", H, "Bình Định"},
    {"Thủ Dầu Một", TP, "Bình Dương"},
    {"Dĩ An", TP, "Bình Dương"},
    {"Thuận An", TP, "Bình Dương"},
    {"Tân Uyên", TP, "Bình Dương"},
    {"Bến Cát", TP, "Bình Dương"},
    {"Bàu Bàng", H, "Bình Dương"},
    {"Bắc Tân Uyên", H, "Bình Dương"},
    {"Dầu Tiếng", H, "Bình Dương"},
    {"Phú Giáo", H, "Bình Dương"},
    {"Đồng Xoài", TP, "Bình Phước"},
    {"Bình Long", TX, "Bình Phước"},
    {"Phước Long", TX, "Bình Phước"},
    {"Chơn Thành", TX, "Bình Phước"},
    {"Bù Đăng", H, "Bình Phước"},
    {"Bù Đốp", H, "Bình Phước"},
    {"Bù Gia Mập", H, "Bình Phước"},
    {"Đồng Phú", H, "Bình Phước"},
    {"Hớn Quản", H, "Bình Phước"},
    {"Lộc Ninh", H, "Bình Phước"},
    {"Phú Riềng", H, "Bình Phước"},
    {"Phan Thiết", TP, "Bình Thuận"},
    {"La Gi", TX, "Bình Thuận"},
    {"Bắc Bình", H, "Bình Thuận"},
    {"Đức Linh", H, "Bình Thuận"},
    {"Hàm Tân", H, "Bình Thuận"},
    {"Hàm Thuận Bắc", H, "Bình Thuận"},
    {"Hàm Thuận Nam", H, "Bình Thuận"},
    {"Phú Quý", H, "Bình Thuận"},
    {"Tánh Linh", H, "Bình Thuận"},
    {"Tuy Phong", H, "Bình Thuận"},
    {"Cà Mau", TP, "Cà Mau"},
    {"Cái Nước", H, "Cà Mau"},
    {"Đầm Dơi", H, "Cà Mau"},
    {"Năm Căn", H, "Cà Mau"},
    {"Ngọc Hiển", H, "Cà Mau"},
    {"Phú Tân", H, "Cà Mau"},
    {"Thới Bình", H, "Cà Mau"},
    {"Trần Văn Thời", H, "Cà Mau"},
    {"U Minh", H, "Cà Mau"},
    {"Cao Bằng", TP, "Cao Bằng"},
    {"Bảo Lạc", H, "Cao Bằng"},
    {"Bảo Lâm", H, "Cao Bằng"},
    {"Hạ Lang", H, "Cao Bằng"},
    {"Hà Quảng", H, "Cao Bằng"},
    {"Hòa An", H, "Cao Bằng"},
    {"Nguyên Bình", H, "Cao Bằng"},
    {"Quảng Hòa", H, "Cao Bằng"},
    {"Thạch An", H, "Cao Bằng"},
    {"Trùng Khánh", H, "Cao Bằng"},
    {"Buôn Ma Thuột", TP, "Đắk Lắk"},
    {"Buôn Hồ", TX, "Đắk Lắk"},
    {"Buôn Đôn", H, "Đắk Lắk"},
    {"Cư Kuin", H, "Đắk Lắk"},
    {"Cư M'gar", H, "Đắk Lắk"},
    {"Ea H'leo", H, "Đắk Lắk"},
    {"Ea Kar", H, "Đắk Lắk"},
    {"Ea Súp", H, "Đắk Lắk"},
    {"Krông Ana", H, "Đắk Lắk"},
    {"Krông Bông", H, "Đắk Lắk"},
    {"Krông Búk", H, "Đắk Lắk"},
    {"Krông Năng", H, "Đắk Lắk"},
    {"Krông Pắc", H, "Đắk Lắk"},
    {"Lắk", H, "Đắk Lắk"},
    {"M'Đrắk", H, "Đắk Lắk"},
    {"Gia Nghĩa", TP, "Đắk Nông"},
    {"Cư Jút", H, "Đắk Nông"},
    {"Đắk Glong", H, "Đắk Nông"},
    {"Đắk Mil", H, "Đắk Nông"},
    {"Đắk R'lấp", H, "Đắk Nông"},
    {"Đắk Song", H, "Đắk Nông"},
    {"Krông Nô", H, "Đắk Nông"},
    {"Tuy Đức", H, "Đắk Nông"},
    {"Điện Biên Phủ", TP, "Điện Biên"},
    {"Mường Lay", TX, "Điện Biên"},
    {"Điện Biên", H, "Điện Biên"},
    {"Điện Biên Đông", H, "Điện Biên"},
    {"Mường Ảng", H, "Điện Biên"},
    {"Mường Chà", H, "Điện Biên"},
    {"Mường Nhé", H, "Điện Biên"},
    {"Nậm Pồ", H, "Điện Biên"},
    {"Tủa Chùa", H, "Điện Biên"},
    {"Tuần Giáo", H, "Điện Biên"},
    {"Biên Hòa", TP, "Đồng Nai"},
    {"Long Khánh", TP, "Đồng Nai"},
    {"Cẩm Mỹ", H, "Đồng Nai"},
    {"Định Quán", H, "Đồng Nai"},
    {"Long Thành", H, "Đồng Nai"},
    {"Nhơn Trạch", H, "Đồng Nai"},
    {"Tân Phú", H, "Đồng Nai"},
    {"Thống Nhất", H, "Đồng Nai"},
    {"Trảng Bom", H, "Đồng Nai"},
    {"Vĩnh Cửu", H, "Đồng Nai"},
    {"Xuân Lộc", H, "Đồng Nai"},
    {"Cao Lãnh", TP, "Đồng Tháp"},
    {"Sa Đéc", TP, "Đồng Tháp"},
    {"Hồng Ngự", TP, "Đồng Tháp"},
    {"Cao Lãnh", H, "Đồng Tháp"},
    {"Châu Thành", H, "Đồng Tháp"},
    {"Hồng Ngự", H, "Đồng Tháp"},
    {"Lai Vung", H, "Đồng Tháp"},
    {"Lấp Vò", H, "Đồng Tháp"},
    {"Tam Nông", H, "Đồng Tháp"},
    {"Tân Hồng", H, "Đồng Tháp"},
    {"Thanh Bình", H, "Đồng Tháp"},
    {"Tháp Mười", H, "Đồng Tháp"},
    {"Pleiku", TP, "Gia Lai"},
    {"An Khê", TX, "Gia Lai"},
    {"Ayun Pa", TX, "Gia Lai"},
    {"Chư Păh", H, "Gia Lai"},
    {"Chư Prông", H, "Gia Lai"},
    {"Chư Pưh", H, "Gia Lai"},
    {"Chư Sê", H, "Gia Lai"},
    {"Đắk Đoa", H, "Gia Lai"},
    {"Đak Pơ", H, "Gia Lai"},
    {"Đức Cơ", H, "Gia Lai"},
    {"Ia Grai", H, "Gia Lai"},
    {"Ia Pa", H, "Gia Lai"},
    {"Kbang", H, "Gia Lai"},
    {"Kông Chro", H, "Gia Lai"},
    {"Krông Pa", H, "Gia Lai"},
    {"Mang Yang", H, "Gia Lai"},
    {"Phú Thiện", H, "Gia Lai"},
    {"Hà Giang", TP, "Hà Giang"},
    {"Bắc Mê", H, "Hà Giang"},
    {"Bắc Quang", H, "Hà Giang"},
    {"Đồng Văn", H, "Hà Giang"},
    {"Hoàng Su Phì", H, "Hà Giang"},
    {"Mèo Vạc", H, "Hà Giang"},
    {"Quản Bạ", H, "Hà Giang"},
    {"Quang Bình", H, "Hà Giang"},
    {"Vị Xuyên", H, "Hà Giang"},
    {"Xín Mần", H, "Hà Giang"},
    {"Yên Minh", H, "Hà Giang"},
    {"Phủ Lý", TP, "Hà Nam"},
    {"Duy Tiên", TX, "Hà Nam"},
    {"Kim Bảng", TX, "Hà Nam"},
    {"Bình Lục", H, "Hà Nam"},
    {"Lý Nhân", H, "Hà Nam"},
    {"Thanh Liêm", H, "Hà Nam"},
    {"Hà Tĩnh", TP, "Hà Tĩnh"},
    {"Hồng Lĩnh", TX, "Hà Tĩnh"},
    {"Kỳ Anh", TX, "Hà Tĩnh"},
    {"Cẩm Xuyên", H, "Hà Tĩnh"},
    {"Can Lộc", H, "Hà Tĩnh"},
    {"Đức Thọ", H, "Hà Tĩnh"},
    {"Hương Khê", H, "Hà Tĩnh"},
    {"Hương Sơn", H, "Hà Tĩnh"},
    {"Kỳ Anh", H, "Hà Tĩnh"},
    {"Lộc Hà", H, "Hà Tĩnh"},
    {"Nghi Xuân", H, "Hà Tĩnh"},
    {"Thạch Hà", H, "Hà Tĩnh"},
    {"Vũ Quang", H, "Hà Tĩnh"},
    {"Hải Dương", TP, "Hải Dương"},
    {"Chí Linh", TP, "Hải Dương"},
    {"Kinh Môn", TX, "Hải Dương"},
    {"Bình Giang", H, "Hải Dương"},
    {"Cẩm Giàng", H, "Hải Dương"},
    {"Gia Lộc", H, "Hải Dương"},
    {"Kim Thành", H, "Hải Dương"},
    {"Nam Sách", H, "Hải Dương"},
    {"Ninh Giang", H, "Hải Dương"},
    {"Thanh Hà", H, "Hải Dương"},
    {"Thanh Miện", H, "Hải Dương"},
    {"Tứ Kỳ", H, "Hải Dương"},
    {"Vị Thanh", TP, "Hậu Giang"},
    {"Ngã Bảy", TP, "Hậu Giang"},
    {"Long Mỹ", TX, "Hậu Giang"},
    {"Châu Thành", H, "Hậu Giang"},
    {"Châu Thành A", H, "Hậu Giang"},
    {"Long Mỹ", H, "Hậu Giang"},
    {"Phụng Hiệp", H, "Hậu Giang"},
    {"Vị Thủy", H, "Hậu Giang"},
    {"Hòa Bình", TP, "Hòa Bình"},
    {"Cao Phong", H, "Hòa Bình"},
    {"Đà Bắc", H, "Hòa Bình"},
    {"Kim Bôi", H, "Hòa Bình"},
    {"Lạc Sơn", H, "Hòa Bình"},
    {"Lạc Thủy", H, "Hòa Bình"},
    {"Lương Sơn", H, "Hòa Bình"},
    {"Mai Châu", H, "Hòa Bình"},
    {"Tân Lạc", H, "Hòa Bình"},
    {"Yên Thủy", H, "Hòa Bình"},
    {"Hưng Yên", TP, "Hưng Yên"},
    {"Mỹ Hào", TX, "Hưng Yên"},
    {"Ân Thi", H, "Hưng Yên"},
    {"Khoái Châu", H, "Hưng Yên"},
    {"Kim Động", H, "Hưng Yên"},
    {"Phù Cừ", H, "Hưng Yên"},
    {"Tiên Lữ", H, "Hưng Yên"},
    {"Văn Giang", H, "Hưng Yên"},
    {"Văn Lâm", H, "Hưng Yên"},
    {"Yên Mỹ", H, "Hưng Yên"},
    {"Nha Trang", TP, "Khánh Hòa"},
    {"Cam Ranh", TP, "Khánh Hòa"},
    {"Ninh Hòa", TX, "Khánh Hòa"},
    {"Cam Lâm", H, "Khánh Hòa"},
    {"Diên Khánh", H, "Khánh Hòa"},
    {"Khánh Sơn", H, "Khánh Hòa"},
    {"Khánh Vĩnh", H, "Khánh Hòa"},
    {"Vạn Ninh", H, "Khánh Hòa"},
    {"Trường Sa", H, "Khánh Hòa"},
    {"Rạch Giá", TP, "Kiên Giang"},
    {"Hà Tiên", TP, "Kiên Giang"},
    {"Phú Quốc", TP, "Kiên Giang"},
    {"An Biên", H, "Kiên Giang"},
    {"An Minh", H, "Kiên Giang"},
    {"Châu Thành", H, "Kiên Giang"},
    {"Giang Thành", H, "Kiên Giang"},
    {"Giồng Riềng", H, "Kiên Giang"},
    {"Gò Quao", H, "Kiên Giang"},
    {"Hòn Đất", H, "Kiên Giang"},
    {"Kiên Hải", H, "Kiên Giang"},
    {"Kiên Lương", H, "Kiên Giang"},
    {"Tân Hiệp", H, "Kiên Giang"},
    {"U Minh Thượng", H, "Kiên Giang"},
    {"Vĩnh Thuận", H, "Kiên Giang"},
    {"Kon Tum", TP, "Kon Tum"},
    {"Đắk Glei", H, "Kon Tum"},
    {"Đắk Hà", H, "Kon Tum"},
    {"Đắk Tô", H, "Kon Tum"},
    {"Ia H'Drai", H, "Kon Tum"},
    {"Kon Plông", H, "Kon Tum"},
    {"Kon Rẫy", H, "Kon Tum"},
    {"Ngọc Hồi", H, "Kon Tum"},
    {"Sa Thầy", H, "Kon Tum"},
    {"Tu Mơ Rông", H, "Kon Tum"},
    {"Lai Châu", TP, "Lai Châu"},
    {"Mường Tè", H, "Lai Châu"},
    {"Nậm Nhùn", H, "Lai Châu"},
    {"Phong Thổ", H, "Lai Châu"},
    {"Sìn Hồ", H, "Lai Châu"},
    {"Tam Đường", H, "Lai Châu"},
    {"Tân Uyên", H, "Lai Châu"},
    {"Than Uyên", H, "Lai Châu"},
    {"Đà Lạt", TP, "Lâm Đồng"},
    {"Bảo Lộc", TP, "Lâm Đồng"},
    {"Bảo Lâm", H, "Lâm Đồng"},
    {"Cát Tiên", H, "Lâm Đồng"},
    {"Đạ Huoai", H, "Lâm Đồng"},
    {"Đạ Tẻh", H, "Lâm Đồng"},
    {"Đam Rông", H, "Lâm Đồng"},
    {"Di Linh", H, "Lâm Đồng"},
    {"Đơn Dương", H, "Lâm Đồng"},
    {"Đức Trọng", H, "Lâm Đồng"},
    {"Lạc Dương", H, "Lâm Đồng"},
    {"Lâm Hà", H, "Lâm Đồng"},
    {"Lạng Sơn", TP, "Lạng Sơn"},
    {"Bắc Sơn", H, "Lạng Sơn"},
    {"Bình Gia", H, "Lạng Sơn"},
    {"Cao Lộc", H, "Lạng Sơn"},
    {"Chi Lăng", H, "Lạng Sơn"},
    {"Đình Lập", H, "Lạng Sơn"},
    {"Hữu Lũng", H, "Lạng Sơn"},
    {"Lộc Bình", H, "Lạng Sơn"},
    {"Tràng Định", H, "Lạng Sơn"},
    {"Văn Lãng", H, "Lạng Sơn"},
    {"Văn Quan", H, "Lạng Sơn"},
    {"Lào Cai", TP, "Lào Cai"},
    {"Sa Pa", TX, "Lào Cai"},
    {"Bắc Hà", H, "Lào Cai"},
    {"Bảo Thắng", H, "Lào Cai"},
    {"Bảo Yên", H, "Lào Cai"},
    {"Bát Xát", H, "Lào Cai"},
    {"Mường Khương", H, "Lào Cai"},
    {"Si Ma Cai", H, "Lào Cai"},
    {"Văn Bàn", H, "Lào Cai"},
    {"Tân An", TP, "Long An"},
    {"Kiến Tường", TX, "Long An"},
    {"Bến Lức", H, "Long An"},
    {"Cần Đước", H, "Long An"},
    {"Cần Giuộc", H, "Long An"},
    {"Châu Thành", H, "Long An"},
    {"Đức Hòa", H, "Long An"},
    {"Đức Huệ", H, "Long An"},
    {"Mộc Hóa", H, "Long An"},
    {"Tân Hưng", H, "Long An"},
    {"Tân Thạnh", H, "Long An"},
    {"Tân Trụ", H, "Long An"},
    {"Thạnh Hóa", H, "Long An"},
    {"Thủ Thừa", H, "Long An"},
    {"Vĩnh Hưng", H, "Long An"},
    {"Nam Định", TP, "Nam Định"},
    {"Giao Thủy", H, "Nam Định"},
    {"Hải Hậu", H, "Nam Định"},
    {"Mỹ Lộc", H, "Nam Định"},
    {"Nam Trực", H, "Nam Định"},
    {"Nghĩa Hưng", H, "Nam Định"},
    {"Trực Ninh", H, "Nam Định"},
    {"Vụ Bản", H, "Nam Định"},
    {"Xuân Trường", H, "Nam Định"},
    {"Ý Yên", H, "Nam Định"},
    {"Vinh", TP, "Nghệ An"},
    {"Cửa Lò", TX, "Nghệ An"},
    {"Hoàng Mai", TX, "Nghệ An"},
    {"Thái Hòa", TX, "Nghệ An"},
    {"Anh Sơn", H, "Nghệ An"},
    {"Con Cuông", H, "Nghệ An"},
    {"Diễn Châu", H, "Nghệ An"},
    {"Đô Lương", H, "Nghệ An"},
    {"Hưng Nguyên", H, "Nghệ An"},
    {"Kỳ Sơn", H, "Nghệ An"},
    {"Nam Đàn", H, "Nghệ An"},
    {"Nghi Lộc", H, "Nghệ An"},
    {"Nghĩa Đàn", H, "Nghệ An"},
    {"Quế Phong", H, "Nghệ An"},
    {"Quỳ Châu", H, "Nghệ An"},
    {"Quỳ Hợp", H, "Nghệ An"},
    {"Quỳnh Lưu", H, "Nghệ An"},
    {"Tân Kỳ", H, "Nghệ An"},
    {"Thanh Chương", H, "Nghệ An"},
    {"Tương Dương", H, "Nghệ An"},
    {"Yên Thành", H, "Nghệ An"},
    {"Ninh Bình", TP, "Ninh Bình"},
    {"Tam Điệp", TP, "Ninh Bình"},
    {"Gia Viễn", H, "Ninh Bình"},
    {"Hoa Lư", H, "Ninh Bình"},
    {"Kim Sơn", H, "Ninh Bình"},
    {"Nho Quan", H, "Ninh Bình"},
    {"Yên Khánh", H, "Ninh Bình"},
    {"Yên Mô", H, "Ninh Bình"},
    {"Phan Rang - Tháp Chàm", TP, "Ninh Thuận"},
    {"Bác Ái", H, "Ninh Thuận"},
    {"Ninh Hải", H, "Ninh Thuận"},
    {"Ninh Phước", H, "Ninh Thuận"},
    {"Ninh Sơn", H, "Ninh Thuận"},
    {"Thuận Bắc", H, "Ninh Thuận"},
    {"Thuận Nam", H, "Ninh Thuận"},
    {"Việt Trì", TP, "Phú Thọ"},
    {"Phú Thọ", TX, "Phú Thọ"},
    {"Cẩm Khê", H, "Phú Thọ"},
    {"Đoan Hùng", H, "Phú Thọ"},
    {"Hạ Hòa", H, "Phú Thọ"},
    {"Lâm Thao", H, "Phú Thọ"},
    {"Phù Ninh", H, "Phú Thọ"},
    {"Tam Nông", H, "Phú Thọ"},
    {"Tân Sơn", H, "Phú Thọ"},
    {"Thanh Ba", H, "Phú Thọ"},
    {"Thanh Sơn", H, "Phú Thọ"},
    {"Thanh Thủy", H, "Phú Thọ"},
    {"Yên Lập", H, "Phú Thọ"},
    {"Tuy Hòa", TP, "Phú Yên"},
    {"Sông Cầu", TX, "Phú Yên"},
    {"Đông Hòa", TX, "Phú Yên"},
    {"Đồng Xuân", H, "Phú Yên"},
    {"Phú Hòa", H, "Phú Yên"},
    {"Sơn Hòa", H, "Phú Yên"},
    {"Sông Hinh", H, "Phú Yên"},
    {"Tây Hòa", H, "Phú Yên"},
    {"Tuy An", H, "Phú Yên"},
    {"Đồng Hới", TP, "Quảng Bình"},
    {"Ba Đồn", TX, "Quảng Bình"},
    {"Bố Trạch", H, "Quảng Bình"},
    {"Lệ Thủy", H, "Quảng Bình"},
    {"Minh Hóa", H, "Quảng Bình"},
    {"Quảng Ninh", H, "Quảng Bình"},
    {"Quảng Trạch", H, "Quảng Bình"},
    {"Tuyên Hóa", H, "Quảng Bình"},
    {"Tam Kỳ", TP, "Quảng Nam"},
    {"Hội An", TP, "Quảng Nam"},
    {"Điện Bàn", TX, "Quảng Nam"},
    {"Bắc Trà My", H, "Quảng Nam"},
    {"Đại Lộc", H, "Quảng Nam"},
    {"Duy Xuyên", H, "Quảng Nam"},
    {"Đông Giang", H, "Quảng Nam"},
    {"Hiệp Đức", H, "Quảng Nam"},
    {"Nam Giang", H, "Quảng Nam"},
    {"Nam Trà My", H, "Quảng Nam"},
    {"Nông Sơn", H, "Quảng Nam"},
    {"Núi Thành", H, "Quảng Nam"},
    {"Phú Ninh", H, "Quảng Nam"},
    {"Phước Sơn", H, "Quảng Nam"},
    {"Quế Sơn", H, "Quảng Nam"},
    {"Tây Giang", H, "Quảng Nam"},
    {"Thăng Bình", H, "Quảng Nam"},
    {"Tiên Phước", H, "Quảng Nam"},
    {"Quảng Ngãi", TP, "Quảng Ngãi"},
    {"Đức Phổ", TX, "Quảng Ngãi"},
    {"Ba Tơ", H, "Quảng Ngãi"},
    {"Bình Sơn", H, "Quảng Ngãi"},
    {"Lý Sơn", H, "Quảng Ngãi"},
    {"Minh Long", H, "Quảng Ngãi"},
    {"Mộ Đức", H, "Quảng Ngãi"},
    {"Nghĩa Hành", H, "Quảng Ngãi"},
    {"Sơn Hà", H, "Quảng Ngãi"},
    {"Sơn Tây", H, "Quảng Ngãi"},
    {"Sơn Tịnh", H, "Quảng Ngãi"},
    {"Trà Bồng", H, "Quảng Ngãi"},
    {"Tư Nghĩa", H, "Quảng Ngãi"},
    {"Hạ Long", TP, "Quảng Ninh"},
    {"Cẩm Phả", TP, "Quảng Ninh"},
    {"Móng Cái", TP, "Quảng Ninh"},
    {"Uông Bí", TP, "Quảng Ninh"},
    {"Đông Triều", TP, "Quảng Ninh"},
    {"Quảng Yên", TX, "Quảng Ninh"},
    {"Ba Chẽ", H, "Quảng Ninh"},
    {"Bình Liêu", H, "Quảng Ninh"},
    {"Cô Tô", H, "Quảng Ninh"},
    {"Đầm Hà", H, "Quảng Ninh"},
    {"Hải Hà", H, "Quảng Ninh"},
    {"Tiên Yên", H, "Quảng Ninh"},
    {"Vân Đồn", H, "Quảng Ninh"},
    {"Đông Hà", TP, "Quảng Trị"},
    {"Quảng Trị", TX, "Quảng Trị"},
    {"Cam Lộ", H, "Quảng Trị"},
    {"Cồn Cỏ", H, "Quảng Trị"},
    {"Đa Krông", H, "Quảng Trị"},
    {"Gio Linh", H, "Quảng Trị"},
    {"Hải Lăng", H, "Quảng Trị"},
    {"Hướng Hóa", H, "Quảng Trị"},
    {"Triệu Phong", H, "Quảng Trị"},
    {"Vĩnh Linh", H, "Quảng Trị"},
    {"Sóc Trăng", TP, "Sóc Trăng"},
    {"Ngã Năm", TX, "Sóc Trăng"},
    {"Vĩnh Châu", TX, "Sóc Trăng"},
    {"Châu Thành", H, "Sóc Trăng"},
    {"Cù Lao Dung", H, "Sóc Trăng"},
    {"Kế Sách", H, "Sóc Trăng"},
    {"Long Phú", H, "Sóc Trăng"},
    {"Mỹ Tú", H, "Sóc Trăng"},
    {"Mỹ Xuyên", H, "Sóc Trăng"},
    {"Thạnh Trị", H, "Sóc Trăng"},
    {"Trần Đề", H, "Sóc Trăng"},
    {"Sơn La", TP, "Sơn La"},
    {"Bắc Yên", H, "Sơn La"},
    {"Mai Sơn", H, "Sơn La"},
    {"Mộc Châu", H, "Sơn La"},
    {"Mường La", H, "Sơn La"},
    {"Phù Yên", H, "Sơn La"},
    {"Quỳnh Nhai", H, "Sơn La"},
    {"Sông Mã", H, "Sơn La"},
    {"Sốp Cộp", H, "Sơn La"},
    {"Thuận Châu", H, "Sơn La"},
    {"Vân Hồ", H, "Sơn La"},
    {"Yên Châu", H, "Sơn La"},
    {"Tây Ninh", TP, "Tây Ninh"},
    {"Hòa Thành", TX, "Tây Ninh"},
    {"Trảng Bàng", TX, "Tây Ninh"},
    {"Bến Cầu", H, "Tây Ninh"},
    {"Châu Thành", H, "Tây Ninh"},
    {"Dương Minh Châu", H, "Tây Ninh"},
    {"Gò Dầu", H, "Tây Ninh"},
    {"Tân Biên", H, "Tây Ninh"},
    {"Tân Châu", H, "Tây Ninh"},
    {"Thái Bình", TP, "Thái Bình"},
    {"Đông Hưng", H, "Thái Bình"},
    {"Hưng Hà", H, "Thái Bình"},
    {"Kiến Xương", H, "Thái Bình"},
    {"Quỳnh Phụ", H, "Thái Bình"},
    {"Thái Thụy", H, "Thái Bình"},
    {"Tiền Hải", H, "Thái Bình"},
    {"Vũ Thư", H, "Thái Bình"},
    {"Thái Nguyên", TP, "Thái Nguyên"},
    {"Sông Công", TP, "Thái Nguyên"},
    {"Phổ Yên", TP, "Thái Nguyên"},
    {"Đại Từ", H, "Thái Nguyên"},
    {"Định Hóa", H, "Thái Nguyên"},
    {"Đồng Hỷ", H, "Thái Nguyên"},
    {"Phú Bình", H, "Thái Nguyên"},
    {"Phú Lương", H, "Thái Nguyên"},
    {"Võ Nhai", H, "Thái Nguyên"},
    {"Thanh Hóa", TP, "Thanh Hóa"},
    {"Sầm Sơn", TP, "Thanh Hóa"},
    {"Bỉm Sơn", TX, "Thanh Hóa"},
    {"Nghi Sơn", TX, "Thanh Hóa"},
    {"Bá Thước", H, "Thanh Hóa"},
    {"Cẩm Thủy", H, "Thanh Hóa"},
    {"Đông Sơn", H, "Thanh Hóa"},
    {"Hà Trung", H, "Thanh Hóa"},
    {"Hậu Lộc", H, "Thanh Hóa"},
    {"Hoằng Hóa", H, "Thanh Hóa"},
    {"Lang Chánh", H, "Thanh Hóa"},
    {"Mường Lát", H, "Thanh Hóa"},
    {"Nga Sơn", H, "Thanh Hóa"},
    {"Ngọc Lặc", H, "Thanh Hóa"},
    {"Như Thanh", H, "Thanh Hóa"},
    {"Như Xuân", H, "Thanh Hóa"},
    {"Nông Cống", H, "Thanh Hóa"},
    {"Quan Hóa", H, "Thanh Hóa"},
    {"Quan Sơn", H, "Thanh Hóa"},
    {"Quảng Xương", H, "Thanh Hóa"},
    {"Thạch Thành", H, "Thanh Hóa"},
    {"Thiệu Hóa", H, "Thanh Hóa"},
    {"Thọ Xuân", H, "Thanh Hóa"},
    {"Thường Xuân", H, "Thanh Hóa"},
    {"Triệu Sơn", H, "Thanh Hóa"},
    {"Vĩnh Lộc", H, "Thanh Hóa"},
    {"Yên Định", H, "Thanh Hóa"},
    {"Mỹ Tho", TP, "Tiền Giang"},
    {"Gò Công", TP, "Tiền Giang"},
    {"Cai Lậy", TX, "Tiền Giang"},
    {"Cái Bè", H, "Tiền Giang"},
    {"Cai Lậy", H, "Tiền Giang"},
    {"Châu Thành", H, "Tiền Giang"},
    {"Chợ Gạo", H, "Tiền Giang"},
    {"Gò Công Đông", H, "Tiền Giang"},
    {"Gò Công Tây", H, "Tiền Giang"},
    {"Tân Phú Đông", H, "Tiền Giang"},
    {"Tân Phước", H, "Tiền Giang"},
    {"Trà Vinh", TP, "Trà Vinh"},
    {"Duyên Hải", TX, "Trà Vinh"},
    {"Càng Long", H, "Trà Vinh"},
    {"Cầu Kè", H, "Trà Vinh"},
    {"Cầu Ngang", H, "Trà Vinh"},
    {"Châu Thành", H, "Trà Vinh"},
    {"Duyên Hải", H, "Trà Vinh"},
    {"Tiểu Cần", H, "Trà Vinh"},
    {"Trà Cú", H, "Trà Vinh"},
    {"Tuyên Quang", TP, "Tuyên Quang"},
    {"Chiêm Hóa", H, "Tuyên Quang"},
    {"Hàm Yên", H, "Tuyên Quang"},
    {"Lâm Bình", H, "Tuyên Quang"},
    {"Na Hang", H, "Tuyên Quang"},
    {"Sơn Dương", H, "Tuyên Quang"},
    {"Yên Sơn", H, "Tuyên Quang"},
    {"Vĩnh Long", TP, "Vĩnh Long"},
    {"Bình Minh", TX, "Vĩnh Long"},
    {"Bình Tân", H, "Vĩnh Long"},
    {"Long Hồ", H, "Vĩnh Long"},
    {"Mang Thít", H, "Vĩnh Long"},
    {"Tam Bình", H, "Vĩnh Long"},
    {"Trà Ôn", H, "Vĩnh Long"},
    {"Vũng Liêm", H, "Vĩnh Long"},
    {"Vĩnh Yên", TP, "Vĩnh Phúc"},
    {"Phúc Yên", TP, "Vĩnh Phúc"},
    {"Bình Xuyên", H, "Vĩnh Phúc"},
    {"Lập Thạch", H, "Vĩnh Phúc"},
    {"Sông Lô", H, "Vĩnh Phúc"},
    {"Tam Đảo", H, "Vĩnh Phúc"},
    {"Tam Dương", H, "Vĩnh Phúc"},
    {"Vĩnh Tường", H, "Vĩnh Phúc"},
    {"Yên Lạc", H, "Vĩnh Phúc"},
    {"Yên Bái", TP, "Yên Bái"},
    {"Nghĩa Lộ", TX, "Yên Bái"},
    {"Lục Yên", H, "Yên Bái"},
    {"Mù Cang Chải", H, "Yên Bái"},
    {"Trạm Tấu", H, "Yên Bái"},
    {"Trấn Yên", H, "Yên Bái"},
    {"Văn Chấn", H, "Yên Bái"},
    {"Văn Yên", H, "Yên Bái"},
    {"Yên Bình", H, "Yên Bái"},
};

#undef Q
#undef H
#undef TX
#undef TP

#define NPROV (sizeof provinces / sizeof provinces[0])
#define NDIST (sizeof districts / sizeof districts[0])

/* Other spellings of province names ('|'-separated), by province. */
static const struct {
  const char *name;
  const char *aliases;
} province_aliases[] = {
    {"Thành phố Hồ Chí Minh", "Hồ Chí Minh|HCM|TPHCM|Sài Gòn"},
    {"Thừa Thiên Huế", "Thừa Thiên - Huế|TT Huế"},
    {"Bà Rịa - Vũng Tàu", "BR-VT|BRVT"},
    {"Đắk Lắk", "Đắc Lắc|Đăk Lăk|Đắk Lăk|Daklak"},
    {"Đắk Nông", "Đắc Nông|Đăk Nông"},
    {"Kon Tum", "Kontum"},
};

/**************************************************************************
** Data: bodies
*/

/* Whether a body's name takes a locality, and which. */
#define SCOPE_NATIONAL 0 /* "Chính phủ": never */
#define SCOPE_LEVEL 1    /* "Ủy ban nhân dân": the province or district */
#define SCOPE_PROVINCE 2 /* "Sở ...", "Tỉnh ủy": the province */
#define SCOPE_NONE 3     /* "Phòng ...": only what the name itself says */
#define SCOPE_PARTY 4    /* "Tỉnh ủy": the province's bare name */

/* A department: the part of a name after "Sở", "Bộ" or "Phòng". */
typedef struct dept {
  const char *name;    /* canonical: "Lao động - Thương binh và Xã hội" */
  const char *aliases; /* Vietnamese forms and abbreviations */
  const char *english; /* English forms (after "Department of") */
  const char *so_acr;  /* English acronyms of the provincial department */
  const char *bo_acr;  /* English acronyms of the ministry */
  const char *codes;   /* codes of the department in document symbols */
} dept;

static const dept depts[] = {
    {"Lao động - Thương binh và Xã hội",
     "LĐ-TB&XH|LĐTBXH|Lao động TB&XH|Lao động TB và XH|LĐTĐ&XH|LĐTĐXH|"
     "Lao động Thương binh Xã hội|LĐTB và XH|"
     "Lao động, Thương binh và Xã hội",
     "Labour, Invalids and Social Affairs|Labor, Invalids and Social Affairs|"
     "Labour, War Invalids and Social Affairs|Labour|Labor",
     "DOLISA", "MOLISA", "LĐTBXH|LĐTB&XH|LĐTĐ&XH"},
    {"Khoa học và Công nghệ",
     "KH&CN|KHCN|Khoa học Công nghệ|Khoa học - Công nghệ",
     "Science and Technology|Science & Technology", "DOST", "MOST",
     "KHCN|KH&CN"},
    {"Thông tin và Truyền thông",
     "TT&TT|TTTT|Thông tin - Truyền thông|Thông tin Truyền thông",
     "Information and Communications|Information and Communication", "DIC",
     "MIC", "TTTT|TT&TT"},
    {"Văn hóa, Thể thao và Du lịch",
     "VH,TT&DL|VHTTDL|VH-TT-DL|VHTT&DL|Văn hóa Thể thao và Du lịch|"
     "Văn hóa - Thể thao và Du lịch|Văn hóa, Thể thao, Du lịch",
     "Culture, Sports and Tourism|Culture, Sport and Tourism", "DOCST|DCST",
     "MOCST|MCST", "VHTTDL|VHTT&DL"},
    {"Giáo dục và Đào tạo", "GD&ĐT|GDĐT|Giáo dục - Đào tạo",
     "Education and Training|Education", "DOET", "MOET", "GDĐT|GD&ĐT"},
    {"Tài nguyên và Môi trường", "TN&MT|TNMT|Tài nguyên - Môi trường",
     "Natural Resources and Environment", "DONRE", "MONRE", "TNMT|TN&MT"},
    {"Nông nghiệp và Phát triển nông thôn",
     "NN&PTNT|NNPTNT|Nông nghiệp - Phát triển nông thôn",
     "Agriculture and Rural Development", "DARD", "MARD", "NNPTNT|NN&PTNT|NN"},
    {"Nông nghiệp và Môi trường", "NN&MT|NNMT|Nông nghiệp - Môi trường",
     "Agriculture and Environment", "DAE", "MAE", "NNMT|NN&MT"},
    {"Kế hoạch và Đầu tư", "KH&ĐT|KHĐT|Kế hoạch - Đầu tư",
     "Planning and Investment", "DPI", "MPI", "KHĐT|KH&ĐT"},
    {"Giao thông vận tải", "GTVT|GT-VT|Giao thông - Vận tải",
     "Transport|Transportation", "DOT", "MOT", "GTVT"},
    {"Tài chính", "TC", "Finance", "DOF", "MOF", "TC"},
    {"Y tế", "YT", "Health", "DOH", "MOH", "YT"},
    {"Nội vụ", "NV", "Home Affairs", "DOHA", "MOHA", "NV"},
    {"Tư pháp", "TP", "Justice", "DOJ", "MOJ", "TP"},
    {"Công Thương", "CT", "Industry and Trade", "DOIT", "MOIT", "CT"},
    {"Xây dựng", "XD", "Construction", "DOC", "MOC", "XD"},
    {"Ngoại vụ", "NgV", "External Relations", NULL, NULL, "NgV"},
    {"Ngoại giao", "NG", "Foreign Affairs", NULL, "MOFA", "NG"},
    {"Công an", "CA", "Public Security", NULL, "MPS", "CA"},
    {"Quốc phòng", "QP", "National Defence|National Defense|Defence", NULL,
     "MOND", "QP"},
    {"Dân tộc và Tôn giáo", "DT&TG|DTTG", "Ethnic and Religious Affairs",
     NULL, NULL, "DTTG"},
    /* offices (Phòng) of a district */
    {"Văn hóa và Thông tin",
     "VH&TT|VHTT|Văn hóa - Thông tin|Văn hóa Thông tin|Văn hóa, Thông tin",
     "Culture and Information", NULL, NULL, NULL},
    {"Tài chính - Kế hoạch", "TC-KH|TCKH|Tài chính Kế hoạch",
     "Finance and Planning", NULL, NULL, NULL},
    {"Kinh tế và Hạ tầng", "KT&HT|KTHT|Kinh tế - Hạ tầng|Kinh tế Hạ tầng",
     "Economy and Infrastructure", NULL, NULL, NULL},
    {"Quản lý đô thị", "QLĐT", "Urban Management", NULL, NULL, NULL},
    {"Kinh tế", NULL, "Economy", NULL, NULL, NULL},
    {"Dân tộc", NULL, "Ethnic Affairs", NULL, NULL, NULL},
};
#define NDEPT (sizeof depts / sizeof depts[0])

/* Kinds of body that are followed by a department. */
typedef struct dept_kind {
  const char *name;    /* "Sở" */
  const char *aliases; /* forms before the department */
  int scope;
} dept_kind;

static const dept_kind dept_kinds[] = {
    {"Sở", "Sở", SCOPE_PROVINCE},
    {"Bộ", "Bộ", SCOPE_NATIONAL},
    {"Phòng", "Phòng", SCOPE_NONE},
};
#define KIND_SO 0
#define KIND_BO 1

/* Bodies with a name of their own. */
typedef struct body {
  const char *name;    /* canonical */
  const char *aliases; /* other forms, Vietnamese and English */
  const char *codes;   /* codes in document symbols */
  int scope;
} body;

static const body bodies[] = {
    {"Văn phòng Ủy ban nhân dân",
     "Văn phòng UBND|VP UBND|VPUBND|VPUB|Office of the People's Committee",
     "VPUBND", SCOPE_LEVEL},
    {"Ủy ban nhân dân",
     "UBND|UB nhân dân|Ủy ban ND|People's Committee|People’s Committee",
     "UBND", SCOPE_LEVEL},
    {"Hội đồng nhân dân", "HĐND|People's Council|People’s Council", "HĐND",
     SCOPE_LEVEL},
    {"Thủ tướng Chính phủ", "Thủ tướng|Prime Minister", "TTg",
     SCOPE_NATIONAL},
    {"Văn phòng Chính phủ", "VPCP|Government Office", "VPCP",
     SCOPE_NATIONAL},
    {"Chính phủ", "CP|Government", "CP", SCOPE_NATIONAL},
    {"Ủy ban Thường vụ Quốc hội",
     "UBTVQH|National Assembly Standing Committee", "UBTVQH",
     SCOPE_NATIONAL},
    {"Quốc hội", "QH|National Assembly", "QH", SCOPE_NATIONAL},
    {"Ban Bí thư", "Secretariat", NULL, SCOPE_NATIONAL},
    {"Bộ Chính trị", "Politburo", NULL, SCOPE_NATIONAL},
    {"Ban Chấp hành Trung ương",
     "BCH TW|BCHTW|Ban Chấp hành Trung ương Đảng|Central Committee", NULL,
     SCOPE_NATIONAL},
    {"Ban Thường vụ Tỉnh ủy", "BTV Tỉnh ủy|BTVTU", "BTVTU", SCOPE_PARTY},
    {"Tỉnh ủy", "TU|Provincial Party Committee", "TU", SCOPE_PARTY},
    {"Thành ủy", "City Party Committee", "ThU", SCOPE_PARTY},
    {"Huyện ủy", "HU|District Party Committee", "HU", SCOPE_NONE},
    {"Tỉnh đoàn", "Provincial Youth Union", NULL, SCOPE_PARTY},
    {"Ủy ban Mặt trận Tổ quốc Việt Nam",
     "UBMTTQVN|Ủy ban MTTQVN|Ủy ban MTTQ Việt Nam|UBMTTQ|Ủy ban MTTQ|"
     "Ủy ban Mặt trận Tổ quốc|MTTQVN|Vietnam Fatherland Front",
     "MTTQ", SCOPE_LEVEL},
    {"Hội Liên hiệp Phụ nữ", "Hội LHPN|LHPN|Women's Union", "LHPN",
     SCOPE_LEVEL},
    {"Công an", "CA|Police|Public Security", "CA|CAT", SCOPE_PROVINCE},
    {"Bộ Chỉ huy Quân sự", "Bộ CHQS|BCHQS|Military Command", "BCHQS",
     SCOPE_PROVINCE},
    {"Bảo hiểm xã hội", "BHXH|Social Insurance", "BHXH", SCOPE_LEVEL},
    {"Kho bạc Nhà nước", "KBNN|State Treasury", "KBNN", SCOPE_LEVEL},
    {"Đài Phát thanh và Truyền hình",
     "Đài PT-TH|Đài PTTH|Đài PT&TH|Đài Phát thanh - Truyền hình", NULL,
     SCOPE_PROVINCE},
    {"Thanh tra", "Inspectorate", NULL, SCOPE_PROVINCE},
    {"Ngân hàng Nhà nước Việt Nam", "NHNN|State Bank of Vietnam", "NHNN",
     SCOPE_NATIONAL},
    {"Kiểm toán Nhà nước", "KTNN|State Audit Office", "KTNN",
     SCOPE_NATIONAL},
    {"Ban Dân tộc", "Committee for Ethnic Affairs", "BDT", SCOPE_PROVINCE},
    {"Liên đoàn Lao động", "LĐLĐ|Labour Federation", "LĐLĐ", SCOPE_LEVEL},
};
#define NBODY (sizeof bodies / sizeof bodies[0])
#define BODY_UBND 1

/**************************************************************************
** Data: document types and offices
*/

typedef struct doctype {
  const char *name;    /* title case */
  const char *aliases; /* other forms of the type word ('|') */
  const char *codes;   /* symbol codes ('|'), or NULL */
} doctype;

static const doctype doctypes[] = {
    {"Kế hoạch", NULL, "KH"},
    {"Quyết định", NULL, "QĐ"},
    {"Công văn", "Văn bản", "CV"},
    {"Báo cáo", NULL, "BC"},
    {"Thông báo", NULL, "TB"},
    {"Chỉ thị", NULL, "CT"},
    {"Tờ trình", NULL, "TTr"},
    {"Nghị quyết", NULL, "NQ"},
    {"Hướng dẫn", NULL, "HD"},
    {"Chương trình", NULL, "CTr"},
    {"Đề án", NULL, "ĐA"},
    {"Nghị định", NULL, "NĐ"},
    {"Thông tư liên tịch", NULL, "TTLT"},
    {"Thông tư", NULL, "TT"},
    {"Quy định", NULL, NULL},
    {"Quy chế", NULL, "QC"},
    {"Công điện", NULL, "CĐ"},
    {"Bộ luật", NULL, NULL},
    {"Luật", NULL, NULL},
    {"Pháp lệnh", NULL, "PL"},
    {"Kết luận", NULL, "KL"},
    {"Phương án", NULL, "PA"},
    {"Dự án", NULL, "DA"},
    {"Giấy mời", NULL, "GM"},
    {"Biên bản", NULL, "BB"},
    {"Điều lệ", NULL, NULL},
    {"Hiến pháp", NULL, NULL},
    {"Chiến lược", NULL, NULL},
    {"Quy hoạch", NULL, NULL},
    {"Thông cáo", NULL, NULL},
    {"Lệnh", NULL, NULL},
};
#define NTYPE (sizeof doctypes / sizeof doctypes[0])

/* Offices and the words around them in signature blocks, in the case
** running text gives them.  Longer phrases first where one is a prefix of
** another does not matter: the longest match wins. */
static const char *const offices[] = {
    "Chủ tịch", "Phó Chủ tịch", "Giám đốc", "Phó Giám đốc",
    "Tổng Giám đốc", "Phó Tổng Giám đốc", "Bộ trưởng", "Thứ trưởng",
    "Trưởng ban", "Phó Trưởng ban", "Chánh Văn phòng",
    "Phó Chánh Văn phòng", "Bí thư", "Phó Bí thư", "Trưởng phòng",
    "Phó Trưởng phòng", "Cục trưởng", "Phó Cục trưởng", "Chi cục trưởng",
    "Phó Chi cục trưởng", "Tổng cục trưởng", "Viện trưởng", "Hiệu trưởng",
    "Chánh Thanh tra", "Phó Chánh Thanh tra", "Thủ trưởng", "Chủ nhiệm",
    "Phó Chủ nhiệm", "Trưởng đoàn", "Tổng Thư ký", "Thường trực",
    "Chánh án", "Tư lệnh", "Chỉ huy trưởng", "Thủ trưởng đơn vị",
    "Ban Thường vụ", "Ban Chấp hành", "Ban Chỉ đạo", "Ban Chỉ huy",
    "Hội đồng", "Văn phòng", "Trưởng", "Phó",
};
#define NOFFICE (sizeof offices / sizeof offices[0])

/**************************************************************************
** Keys
*/

static void key_put(char *key, size_t *k, size_t cap, const char *s) {
  while (*s && *k + 1 < cap) key[(*k)++] = *s++;
}

size_t vb_name_key(const char *s, size_t n, char *key, size_t cap) {
  size_t k = 0, i = 0;
  if (cap == 0) return 0;
  while (i < n && k + 1 < cap) {
    unsigned char c = (unsigned char)s[i];
    if (c < 0x80) {
      i++;
      if (c >= 'A' && c <= 'Z')
        key[k++] = (char)(c - 'A' + 'a');
      else if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))
        key[k++] = (char)c;
      else if (c == '&')
        key_put(key, &k, cap, "va");
      continue;
    }
    utf8proc_int32_t cp;
    utf8proc_ssize_t l = utf8proc_iterate((const utf8proc_uint8_t *)s + i,
                                          (utf8proc_ssize_t)(n - i), &cp);
    if (l <= 0) {
      i++;
      continue;
    }
    i += (size_t)l;
    if (cp == 0x111 || cp == 0x110 || cp == 0xD0) { /* đ Đ Ð */
      key[k++] = 'd';
      continue;
    }
    utf8proc_int32_t dec[8];
    int bound = 0;
    utf8proc_ssize_t m = utf8proc_decompose_char(
        cp, dec, 8,
        UTF8PROC_DECOMPOSE | UTF8PROC_STRIPMARK | UTF8PROC_CASEFOLD, &bound);
    for (utf8proc_ssize_t j = 0; j < m && j < 8 && k + 1 < cap; j++) {
      utf8proc_int32_t d = dec[j];
      if ((d >= 'a' && d <= 'z') || (d >= '0' && d <= '9'))
        key[k++] = (char)d;
      else if (d >= 'A' && d <= 'Z')
        key[k++] = (char)(d - 'A' + 'a');
    }
  }
  key[k] = '\0';
  return k;
}

/**************************************************************************
** The key table: every name and alias of every table above, sorted by key
*/

enum {
  C_PROV,      /* province name or alias; idx into provinces */
  C_DIST,      /* district; idx into districts */
  C_DEPT,      /* department, Vietnamese form; idx into depts */
  C_DEPT_EN,   /* department, English form */
  C_DEPT_SO,   /* acronym of a provincial department */
  C_DEPT_BO,   /* acronym of a ministry */
  C_DEPT_CODE, /* department code in symbols */
  C_KIND,      /* "Sở", "Bộ", "Phòng"; idx into dept_kinds */
  C_BODY,      /* body name or alias; idx into bodies */
  C_BODY_CODE, /* body code in symbols */
  C_TYPE,      /* document type; idx into doctypes */
  C_TYPE_CODE, /* document type code in symbols */
  C_OFFICE,    /* office; idx into offices */
  C_LOCKIND    /* "tỉnh", "huyện", ...: idx into lockinds */
};

#define KEY_LEN 64 /* bytes of key kept per entry (see KEY_MAX) */

typedef struct entry {
  char key[KEY_LEN];
  unsigned short cls;
  unsigned short idx;
} entry;

/* Words that introduce a locality, with the unit kind they name. */
static const struct {
  const char *form;
  const char *kind; /* "tỉnh" names a province, the others districts */
} lockinds[] = {
    {"tỉnh", "tỉnh"},       {"thành phố", TP_KIND}, {"TP", TP_KIND},
    {"huyện", "huyện"},     {"quận", "quận"},       {"thị xã", "thị xã"},
    {"TX", "thị xã"},
};
#define NLOCKIND (sizeof lockinds / sizeof lockinds[0])

static entry *g_entries;
static size_t g_nentries;
static pthread_once_t g_once = PTHREAD_ONCE_INIT;

static int entry_cmp(const void *a, const void *b) {
  const entry *x = a, *y = b;
  int c = strcmp(x->key, y->key);
  if (c) return c;
  if (x->cls != y->cls) return x->cls < y->cls ? -1 : 1;
  return x->idx < y->idx ? -1 : x->idx > y->idx;
}

/* Add one entry per '|'-separated form of list (NULL: nothing). */
static void add_forms(size_t *count, const char *list, unsigned cls,
                      size_t idx) {
  while (list && *list) {
    const char *bar = strchr(list, '|');
    size_t len = bar ? (size_t)(bar - list) : strlen(list);
    if (g_entries) {
      entry *e = &g_entries[*count];
      if (vb_name_key(list, len, e->key, sizeof e->key) == 0) {
        list = bar ? bar + 1 : list + len;
        continue;
      }
      e->cls = (unsigned short)cls;
      e->idx = (unsigned short)idx;
    }
    (*count)++;
    list = bar ? bar + 1 : list + len;
  }
}

/* Count (g_entries NULL) or fill every entry. */
static size_t add_all(void) {
  size_t c = 0;
  for (size_t i = 0; i < NPROV; i++) {
    add_forms(&c, provinces[i].name, C_PROV, i);
    if (strcmp(provinces[i].since_2025, provinces[i].name) != 0) {
      /* A name in use only since 2025 ("Huế") finds the unit it
         continues, unless it is an older province's name too. */
      int older = 0;
      for (size_t j = 0; j < NPROV; j++)
        if (strcmp(provinces[j].name, provinces[i].since_2025) == 0)
          older = 1;
      if (!older) add_forms(&c, provinces[i].since_2025, C_PROV, i);
    }
  }
  for (size_t i = 0; i < sizeof province_aliases / sizeof province_aliases[0];
       i++)
    for (size_t j = 0; j < NPROV; j++)
      if (strcmp(provinces[j].name, province_aliases[i].name) == 0)
        add_forms(&c, province_aliases[i].aliases, C_PROV, j);
  for (size_t i = 0; i < NDIST; i++)
    add_forms(&c, districts[i].name, C_DIST, i);
  for (size_t i = 0; i < NDEPT; i++) {
    add_forms(&c, depts[i].name, C_DEPT, i);
    add_forms(&c, depts[i].aliases, C_DEPT, i);
    add_forms(&c, depts[i].english, C_DEPT_EN, i);
    add_forms(&c, depts[i].so_acr, C_DEPT_SO, i);
    add_forms(&c, depts[i].bo_acr, C_DEPT_BO, i);
    add_forms(&c, depts[i].codes, C_DEPT_CODE, i);
  }
  for (size_t i = 0; i < sizeof dept_kinds / sizeof dept_kinds[0]; i++)
    add_forms(&c, dept_kinds[i].aliases, C_KIND, i);
  for (size_t i = 0; i < NBODY; i++) {
    add_forms(&c, bodies[i].name, C_BODY, i);
    add_forms(&c, bodies[i].aliases, C_BODY, i);
    add_forms(&c, bodies[i].codes, C_BODY_CODE, i);
  }
  for (size_t i = 0; i < NTYPE; i++) {
    add_forms(&c, doctypes[i].name, C_TYPE, i);
    add_forms(&c, doctypes[i].aliases, C_TYPE, i);
    add_forms(&c, doctypes[i].codes, C_TYPE_CODE, i);
  }
  for (size_t i = 0; i < NOFFICE; i++) add_forms(&c, offices[i], C_OFFICE, i);
  for (size_t i = 0; i < NLOCKIND; i++)
    add_forms(&c, lockinds[i].form, C_LOCKIND, i);
  return c;
}

/* Build the table once.  The table is small and fixed, so it is allocated
** with malloc (not vb_malloc: it outlives every test's failure injection)
** and kept for the life of the process; if that allocation fails every
** lookup finds nothing. */
static void build_table(void) {
  size_t n = add_all();
  entry *t = calloc(n, sizeof *t);
  if (!t) return;
  g_entries = t;
  g_nentries = add_all();
  qsort(g_entries, g_nentries, sizeof *g_entries, entry_cmp);
}

static void table_init(void) { pthread_once(&g_once, build_table); }

/* The first entry of class cls with this key, or NULL; *count (if not
** NULL) receives how many entries of that class share the key. */
static const entry *lookup(const char *key, unsigned cls, size_t *count) {
  table_init();
  if (count) *count = 0;
  if (!g_entries || !*key) return NULL;
  size_t lo = 0, hi = g_nentries;
  while (lo < hi) { /* first entry with key >= key */
    size_t mid = lo + (hi - lo) / 2;
    if (strncmp(g_entries[mid].key, key, KEY_LEN - 1) < 0)
      lo = mid + 1;
    else
      hi = mid;
  }
  const entry *first = NULL;
  for (size_t i = lo; i < g_nentries &&
                      strncmp(g_entries[i].key, key, KEY_LEN - 1) == 0;
       i++) {
    if (g_entries[i].cls != cls) continue;
    if (!first) first = &g_entries[i];
    if (count) (*count)++;
  }
  return first;
}

/**************************************************************************
** Words
*/

typedef struct word {
  size_t off, len;    /* the word in the text, without edge punctuation */
  char key[KEY_MAX];  /* its key; empty for a lone dash or "&" -> "va" */
  size_t klen;
  int brk;            /* a ',', ';', ':' or bracket follows the word */
  int upper;          /* starts with an upper-case letter or a digit */
} word;

static int is_edge_punct(unsigned char c) {
  return c == ',' || c == ';' || c == ':' || c == '(' || c == ')' ||
         c == '"' || c == '[' || c == ']' || c == '*';
}

/* Starts with a capital or a digit (a place name word). */
static int starts_upper(const char *s, size_t n) {
  return vb_vi_starts_upper(s, n) || (n > 0 && s[0] >= '0' && s[0] <= '9');
}

/* Split s into words at spaces; edge punctuation is dropped from words and
** marks a break.  Returns the number of words (at most max). */
static size_t split_words(const char *s, size_t n, word *w, size_t max) {
  size_t nw = 0, i = 0;
  while (i < n && nw < max) {
    while (i < n && (s[i] == ' ' || s[i] == '\t')) i++;
    size_t a = i;
    while (i < n && s[i] != ' ' && s[i] != '\t') i++;
    size_t b = i;
    int brk = 0, dot = 0;
    while (a < b && is_edge_punct((unsigned char)s[a])) {
      if (nw > 0) w[nw - 1].brk = 1;
      a++;
    }
    while (b > a && (is_edge_punct((unsigned char)s[b - 1]) ||
                     s[b - 1] == '.' || s[b - 1] == '/')) {
      if (s[b - 1] == '.')
        dot = 1;
      else
        brk = 1;
      b--;
    }
    if (b == a) continue;
    /* a dot ends a sentence after a word, not after "TP." or "KT." */
    if (dot && vb_vi_has_lower(s + a, b - a)) brk = 1;
    word *x = &w[nw++];
    x->off = a;
    x->len = b - a;
    x->klen = vb_name_key(s + a, b - a, x->key, sizeof x->key);
    x->brk = brk;
    x->upper = starts_upper(s + a, b - a);
  }
  return nw;
}

/* The longest run of words from i (at most MAX_RUN, not past a break when
** stop_at_break) whose joined key is an entry of class cls.  Returns the
** number of words (0: none) and the entry in *hit. */
static size_t match_run(const word *w, size_t nw, size_t i, unsigned cls,
                        int stop_at_break, const entry **hit) {
  if (i >= nw || w[i].klen == 0) return 0;
  size_t lim = nw - i < MAX_RUN ? nw - i : MAX_RUN;
  if (stop_at_break)
    for (size_t j = 0; j < lim; j++)
      if (w[i + j].brk) {
        lim = j + 1;
        break;
      }
  for (size_t j = lim; j >= 1; j--) {
    if (w[i + j - 1].klen == 0) continue; /* never end on a dash */
    char key[KEY_MAX];
    size_t k = 0;
    for (size_t t = 0; t < j && k + 1 < sizeof key; t++) {
      size_t l = w[i + t].klen;
      if (k + l >= sizeof key) l = sizeof key - 1 - k;
      memcpy(key + k, w[i + t].key, l);
      k += l;
    }
    key[k] = '\0';
    const entry *e = lookup(key, cls, NULL);
    if (e) {
      *hit = e;
      return j;
    }
  }
  return 0;
}

/* Append s[0..n) with its first letter in upper case (upper != 0) or with
** every letter in lower case (upper == 0, lower_rest ignored), or with the
** first letter upper and the rest lower (upper && lower_rest). */
static vb_status put_cased(vb_buf *out, const char *s, size_t n, int upper,
                           int lower_rest) {
  size_t i = 0;
  int first = 1;
  while (i < n) {
    utf8proc_int32_t cp;
    utf8proc_ssize_t l = utf8proc_iterate((const utf8proc_uint8_t *)s + i,
                                          (utf8proc_ssize_t)(n - i), &cp);
    if (l <= 0) {
      VB_TRY(vb_buf_append(out, s + i, 1));
      i++;
      continue;
    }
    if (first && upper)
      cp = utf8proc_toupper(cp);
    else if (!upper || lower_rest)
      cp = utf8proc_tolower(cp);
    first = 0;
    utf8proc_uint8_t enc[4];
    utf8proc_ssize_t el = utf8proc_encode_char(cp, enc);
    VB_TRY(vb_buf_append(out, enc, (size_t)el));
    i += (size_t)l;
  }
  return VB_OK;
}

static vb_status put_space(vb_buf *out) {
  if (out->len > 0 && out->data[out->len - 1] != ' ')
    return vb_buf_putc(out, ' ');
  return VB_OK;
}

/**************************************************************************
** Provinces and districts
*/

const vb_province *vb_province_find(const char *s, size_t n) {
  word w[MAX_WORDS];
  size_t nw = split_words(s, n, w, MAX_WORDS), i = 0;
  const entry *e;
  size_t used;
  if (nw == 0) return NULL;
  /* a leading "tỉnh" / "thành phố" / "TP" */
  used = match_run(w, nw, 0, C_LOCKIND, 1, &e);
  if (used && strcmp(lockinds[e->idx].kind, "tỉnh") != 0 &&
      strcmp(lockinds[e->idx].kind, TP_KIND) != 0)
    used = 0;
  for (int pass = 0; pass < 2; pass++) {
    i = pass == 0 ? 0 : used;
    if (pass == 1 && used == 0) break;
    size_t j = match_run(w, nw, i, C_PROV, 0, &e);
    if (j && i + j == nw) return &provinces[e->idx];
  }
  return NULL;
}

size_t vb_district_find(const char *s, size_t n, const char *kind,
                        const vb_district **out, size_t max) {
  word w[MAX_WORDS];
  size_t nw = split_words(s, n, w, MAX_WORDS), i = 0, found = 0;
  const entry *e;
  if (nw == 0) return 0;
  size_t used = match_run(w, nw, 0, C_LOCKIND, 1, &e);
  if (used && used < nw) {
    i = used;
    if (!kind && strcmp(lockinds[e->idx].kind, "tỉnh") != 0)
      kind = lockinds[e->idx].kind;
  }
  char key[KEY_MAX];
  size_t k = 0;
  for (size_t t = i; t < nw && k + 1 < sizeof key; t++) {
    size_t l = w[t].klen;
    if (k + l >= sizeof key) l = sizeof key - 1 - k;
    memcpy(key + k, w[t].key, l);
    k += l;
  }
  key[k] = '\0';
  size_t count;
  const entry *first = lookup(key, C_DIST, &count);
  for (size_t t = 0; first && t < count; t++) {
    const vb_district *d = &districts[first[t].idx];
    if (kind && strcmp(d->kind, kind) != 0) continue;
    if (found < max) out[found] = d;
    found++;
  }
  return found;
}

vb_status vb_locality_put(const vb_locality *loc, int level, vb_buf *out) {
  if (!loc) return VB_OK;
  if (level == VB_LEVEL_DISTRICT && loc->district) {
    VB_TRY(vb_buf_puts(out, loc->district->kind));
    VB_TRY(vb_buf_putc(out, ' '));
    return vb_buf_puts(out, loc->district->name);
  }
  if (level == VB_LEVEL_PROVINCE && loc->province) {
    const vb_province *p = loc->province;
    if (strcmp(p->kind, "tỉnh") == 0)
      VB_TRY(vb_buf_puts(out, "tỉnh "));
    else if (strncmp(p->name, "Thành phố ", 10) != 0)
      VB_TRY(vb_buf_puts(out, "thành phố "));
    return vb_buf_puts(out, p->name);
  }
  return VB_OK;
}

static const vb_province *province_named(const char *name) {
  for (size_t i = 0; i < NPROV; i++)
    if (strcmp(provinces[i].name, name) == 0) return &provinces[i];
  return NULL;
}

/* Pick among the districts of one key the one in def's province. */
static const vb_district *pick_district(const entry *first, size_t count,
                                        const char *kind,
                                        const vb_locality *def) {
  const vb_district *pick = NULL;
  for (size_t t = 0; t < count; t++) {
    const vb_district *d = &districts[first[t].idx];
    if (kind && strcmp(kind, "tỉnh") != 0 && strcmp(d->kind, kind) != 0)
      continue;
    if (def && def->province && strcmp(d->province, def->province->name) == 0)
      return d;
    if (!pick) pick = d;
  }
  return pick;
}

/* Bytes of s consumed by words [0, end). */
static size_t words_end(const word *w, size_t end) {
  return end ? w[end - 1].off + w[end - 1].len : 0;
}

size_t vb_locality_parse(const char *s, size_t n, const vb_locality *def,
                         vb_locality *loc) {
  word w[MAX_WORDS];
  size_t nw = split_words(s, n, w, 8);
  const entry *e;
  memset(loc, 0, sizeof *loc);
  if (nw == 0) return 0;
  size_t k = match_run(w, nw, 0, C_LOCKIND, 1, &e);
  const char *kind = k ? lockinds[e->idx].kind : NULL;
  /* the name: capitalised words, up to a break */
  size_t lim = k;
  while (lim < nw && lim - k < 6 && w[lim].upper) {
    lim++;
    if (w[lim - 1].brk) break;
  }
  for (size_t j = lim - k; j >= 1 && lim > k; j--) {
    word sub[8];
    memcpy(sub, w + k, j * sizeof *w);
    sub[j - 1].brk = 0;
    const entry *pe = NULL, *de = NULL;
    size_t pj = match_run(sub, j, 0, C_PROV, 0, &pe);
    if (pj != j) pe = NULL;
    size_t dcount = 0;
    if (!kind || strcmp(kind, "tỉnh") != 0) {
      size_t dj = match_run(sub, j, 0, C_DIST, 0, &de);
      if (dj == j) lookup(de->key, C_DIST, &dcount);
      else de = NULL;
    }
    const vb_province *p = pe ? &provinces[pe->idx] : NULL;
    int want_district = kind && strcmp(kind, "tỉnh") != 0 &&
                        !(strcmp(kind, TP_KIND) == 0 && p &&
                          strcmp(p->kind, TP_KIND) == 0);
    if (p && !want_district) {
      loc->province = p;
      loc->level = VB_LEVEL_PROVINCE;
      return words_end(w, k + j);
    }
    if (de) {
      const vb_district *d = pick_district(de, dcount, kind, def);
      if (d) {
        loc->district = d;
        loc->province = province_named(d->province);
        loc->level = VB_LEVEL_DISTRICT;
        return words_end(w, k + j);
      }
    }
    if (p) { /* "thành phố X" where X is only a province */
      loc->province = p;
      loc->level = VB_LEVEL_PROVINCE;
      return words_end(w, k + j);
    }
  }
  if (!k) return 0;
  /* a bare "tỉnh", "huyện", "thành phố": the unit of the document */
  if (def) {
    if (strcmp(kind, "tỉnh") == 0) {
      loc->province = def->province;
      loc->level = VB_LEVEL_PROVINCE;
    } else if (def->district && strcmp(def->district->kind, kind) == 0) {
      loc->province = def->province;
      loc->district = def->district;
      loc->level = VB_LEVEL_DISTRICT;
    } else if (strcmp(kind, TP_KIND) == 0 && def->province &&
               strcmp(def->province->kind, TP_KIND) == 0) {
      loc->province = def->province;
      loc->level = VB_LEVEL_PROVINCE;
    }
  }
  if (!loc->level)
    loc->level = strcmp(kind, "tỉnh") == 0 ? VB_LEVEL_PROVINCE
                                           : VB_LEVEL_DISTRICT;
  return words_end(w, k);
}

/**************************************************************************
** Bodies
*/

/* Append s from word a to the end of word b-1 as written (with its inner
** punctuation), '&' as " và ". */
static vb_status put_words(vb_buf *out, const char *s, const word *w,
                           size_t a, size_t b) {
  if (a >= b) return VB_OK;
  VB_TRY(put_space(out));
  for (size_t i = w[a].off; i < w[b - 1].off + w[b - 1].len; i++) {
    if (s[i] == '&') {
      VB_TRY(put_space(out));
      VB_TRY(vb_buf_puts(out, "và "));
      while (i + 1 < w[b - 1].off + w[b - 1].len && s[i + 1] == ' ') i++;
    } else {
      VB_TRY(vb_buf_putc(out, s[i]));
    }
  }
  return VB_OK;
}

/* Append words [r, nw) of s, a place that is not in the gazetteer.  In
** capitals ("XÃ TÂN HÒA", from a header) the kind of a commune is written
** in lower case and its name with capitals at the start of each word
** ("xã Tân Hòa"); anything else is copied as written. */
static vb_status put_place_words(vb_buf *out, const char *s, size_t n,
                                 const word *w, size_t nw, size_t r) {
  size_t kind = 0; /* words of the commune's kind: "XÃ", "THỊ TRẤN" */
  if (r + 1 < nw && !vb_vi_has_lower(s + w[r].off, n - w[r].off)) {
    if (strcmp(w[r].key, "xa") == 0 || strcmp(w[r].key, "phuong") == 0)
      kind = 1;
    else if (strcmp(w[r].key, "thi") == 0 && strcmp(w[r + 1].key, "tran") == 0)
      kind = 2;
  }
  if (!kind || r + kind >= nw) return put_words(out, s, w, r, nw);
  for (size_t i = r; i < nw; i++) {
    VB_TRY(put_space(out));
    VB_TRY(put_cased(out, s + w[i].off, w[i].len, i >= r + kind, 1));
  }
  return VB_OK;
}

/* A district named with its province after it ("HUYỆN CHÂU THÀNH TỈNH
** LONG AN", s[at..] holding the district's `*used` bytes): the province
** picks among districts of one name, and is not part of a body's name;
** *tail gets the bytes it takes after the district (0 when none). */
static void district_province(const char *s, size_t n, size_t at,
                              size_t *used, vb_locality *got, size_t *tail) {
  size_t p = at + *used;
  while (p < n && (s[p] == ' ' || s[p] == ',' || s[p] == '-')) p++;
  vb_locality up, again;
  size_t ul = p < n ? vb_locality_parse(s + p, n - p, NULL, &up) : 0;
  *tail = 0;
  if (!ul || up.district || !up.province) return;
  size_t dl = vb_locality_parse(s + at, n - at, &up, &again);
  if (dl != *used || again.province != up.province) return;
  *got = again;
  *tail = p + ul - (at + *used);
}

/* Append the locality for a body of this scope: the one the name states
** (rest of the words, from r), or the default from loc. */
static vb_status put_body_locality(vb_buf *out, const char *s, size_t n,
                                   const word *w, size_t nw, size_t r,
                                   int scope, int level,
                                   const vb_locality *loc) {
  if (r < nw) {
    vb_locality got;
    size_t used = vb_locality_parse(s + w[r].off, n - w[r].off, loc, &got);
    size_t tail = 0; /* bytes of the district's province after it */
    if (used && got.district)
      district_province(s, n, w[r].off, &used, &got, &tail);
    if (used) {
      VB_TRY(put_space(out));
      size_t before = out->len;
      if (scope == SCOPE_PARTY && got.province)
        VB_TRY(vb_buf_puts(out, got.province->name));
      else
        VB_TRY(vb_locality_put(&got, got.level, out));
      if (out->len == before) { /* bare kind with no known unit */
        VB_TRY(vb_buf_append(out, s + w[r].off, used));
      }
      size_t end = w[r].off + used + tail;
      size_t t = r;
      while (t < nw && w[t].off < end) t++;
      return put_words(out, s, w, t, nw);
    }
    /* a clause after a national body ("Chính phủ quy định ...") is not
       part of its name */
    if (scope == SCOPE_NATIONAL && vb_vi_has_lower(s + w[r].off, 1))
      return VB_OK;
    return put_place_words(out, s, n, w, nw, r);
  }
  if (scope == SCOPE_NATIONAL || scope == SCOPE_NONE || !loc) return VB_OK;
  if (scope == SCOPE_PARTY) {
    if (!loc->province) return VB_OK;
    VB_TRY(put_space(out));
    return vb_buf_puts(out, loc->province->name);
  }
  int lv = scope == SCOPE_PROVINCE ? VB_LEVEL_PROVINCE : level;
  if (lv == VB_LEVEL_NONE) lv = VB_LEVEL_PROVINCE;
  if ((lv == VB_LEVEL_PROVINCE && !loc->province) ||
      (lv == VB_LEVEL_DISTRICT && !loc->district))
    return VB_OK;
  VB_TRY(put_space(out));
  return vb_locality_put(loc, lv, out);
}

/* Append the generic clean-up of an unrecognised name: as written, with
** abbreviations in capitals ("UBND", "HĐND") expanded and '&' as "và". */
static vb_status put_unknown(vb_buf *out, const char *s, size_t n,
                             const word *w, size_t nw) {
  size_t pos = nw ? w[0].off : 0;
  for (size_t i = 0; i < nw; i++) {
    const entry *e = NULL;
    VB_TRY(vb_buf_append(out, s + pos, w[i].off - pos)); /* separators */
    pos = w[i].off + w[i].len;
    if (w[i].klen && w[i].len <= 8 &&
        !vb_vi_has_lower(s + w[i].off, w[i].len) &&
        (e = lookup(w[i].key, C_BODY, NULL)) != NULL)
      VB_TRY(vb_buf_puts(out, bodies[e->idx].name));
    else
      VB_TRY(put_words(out, s, w, i, i + 1));
  }
  if (nw) { /* closing punctuation of the last word: "(b/c)" */
    size_t end = pos;
    while (end < n && s[end] != ' ') end++;
    VB_TRY(vb_buf_append(out, s + pos, end - pos));
  }
  return VB_OK;
}

/* Level named by an English adjective ("Provincial", "District"). */
static int english_level(const word *w) {
  if (strcmp(w->key, "provincial") == 0) return VB_LEVEL_PROVINCE;
  if (strcmp(w->key, "district") == 0) return VB_LEVEL_DISTRICT;
  return VB_LEVEL_NONE;
}

vb_status vb_names_canon(const char *s0, size_t n0, const vb_locality *loc,
                         vb_buf *out, int *known) {
  vb_buf cb;
  vb_status rc;
  word w[MAX_WORDS];
  const entry *e = NULL;
  if (known) *known = 0;
  /* clean: one tone placement, dashes as separate words */
  vb_buf_init(&cb, VB_CAP_SMALL);
  rc = vb_vi_canon(s0, n0, &cb);
  if (rc != VB_OK) goto done;
  const char *s = cb.data ? cb.data : "";
  size_t n = cb.len;
  size_t nw = split_words(s, n, w, MAX_WORDS), i = 0;
  int level = loc ? loc->level : VB_LEVEL_NONE;
  if (nw && strcmp(w[0].key, "the") == 0) i++;
  if (i < nw && english_level(&w[i])) level = english_level(&w[i++]);
  if (i >= nw) {
    rc = put_unknown(out, s, n, w, nw);
    goto done;
  }
  size_t j;
  /* an English acronym of a department: "DOLISA", "MOLISA" */
  if (nw - i == 1 && ((e = lookup(w[i].key, C_DEPT_SO, NULL)) != NULL ||
                      (e = lookup(w[i].key, C_DEPT_BO, NULL)) != NULL)) {
    int so = e->cls == C_DEPT_SO;
    rc = vb_buf_puts(out, so ? "Sở " : "Bộ ");
    if (rc == VB_OK) rc = vb_buf_puts(out, depts[e->idx].name);
    if (rc == VB_OK && so)
      rc = put_body_locality(out, s, n, w, nw, nw, SCOPE_PROVINCE, level, loc);
    if (known) *known = 1;
    goto done;
  }
  /* English: "Department of X", "Ministry of X", "X Department" */
  if (nw - i >= 3 && strcmp(w[i + 1].key, "of") == 0 &&
      (strcmp(w[i].key, "department") == 0 ||
       strcmp(w[i].key, "ministry") == 0) &&
      (j = match_run(w, nw, i + 2, C_DEPT_EN, 0, &e)) != 0) {
    int so = w[i].key[0] == 'd';
    rc = vb_buf_puts(out, so ? "Sở " : "Bộ ");
    if (rc == VB_OK) rc = vb_buf_puts(out, depts[e->idx].name);
    if (rc == VB_OK)
      rc = put_body_locality(out, s, n, w, nw, i + 2 + j,
                             so ? SCOPE_PROVINCE : SCOPE_NATIONAL, level, loc);
    if (known) *known = 1;
    goto done;
  }
  if ((j = match_run(w, nw, i, C_DEPT_EN, 0, &e)) != 0 && i + j < nw &&
      (strcmp(w[i + j].key, "department") == 0 ||
       strcmp(w[i + j].key, "ministry") == 0)) {
    int so = w[i + j].key[0] == 'd';
    rc = vb_buf_puts(out, so ? "Sở " : "Bộ ");
    if (rc == VB_OK) rc = vb_buf_puts(out, depts[e->idx].name);
    if (rc == VB_OK)
      rc = put_body_locality(out, s, n, w, nw, i + j + 1,
                             so ? SCOPE_PROVINCE : SCOPE_NATIONAL, level, loc);
    if (known) *known = 1;
    goto done;
  }
  /* a body with a name of its own */
  if ((j = match_run(w, nw, i, C_BODY, 0, &e)) != 0) {
    const body *b = &bodies[e->idx];
    rc = vb_buf_puts(out, b->name);
    if (rc == VB_OK)
      rc = put_body_locality(out, s, n, w, nw, i + j, b->scope, level, loc);
    if (known) *known = 1;
    goto done;
  }
  /* "Sở" / "Bộ" / "Phòng" and a department */
  if ((j = match_run(w, nw, i, C_KIND, 1, &e)) != 0) {
    const dept_kind *k = &dept_kinds[e->idx];
    size_t d = match_run(w, nw, i + j, C_DEPT, 0, &e);
    if (d == 0) d = match_run(w, nw, i + j, C_DEPT_EN, 0, &e);
    if (d) {
      rc = vb_buf_puts(out, k->name);
      if (rc == VB_OK) rc = vb_buf_putc(out, ' ');
      if (rc == VB_OK) rc = vb_buf_puts(out, depts[e->idx].name);
      if (rc == VB_OK)
        rc = put_body_locality(out, s, n, w, nw, i + j + d, k->scope, level,
                               loc);
      if (known) *known = 1;
      goto done;
    }
  }
  rc = put_unknown(out, s, n, w, nw);
done:
  vb_buf_free(&cb);
  return rc;
}

int vb_names_from_code(const char *code, size_t n, const vb_locality *loc,
                       vb_buf *out) {
  char key[KEY_MAX];
  size_t k = vb_name_key(code, n, key, sizeof key);
  const entry *e;
  size_t mark = out->len;
  vb_status rc = VB_OK;
  while (k > 1 && key[k - 1] >= '0' && key[k - 1] <= '9') key[--k] = '\0';
  if (k == 0) return 0;
  int level = loc ? loc->level : VB_LEVEL_NONE;
  if ((e = lookup(key, C_BODY_CODE, NULL)) != NULL) {
    const body *b = &bodies[e->idx];
    rc = vb_buf_puts(out, b->name);
    if (rc == VB_OK)
      rc = put_body_locality(out, "", 0, NULL, 0, 0, b->scope, level, loc);
  } else {
    int so;
    if ((e = lookup(key, C_DEPT_CODE, NULL)) != NULL)
      so = loc && loc->province;
    else if (k > 1 && (key[0] == 's' || key[0] == 'b') &&
             (e = lookup(key + 1, C_DEPT_CODE, NULL)) != NULL)
      so = key[0] == 's';
    else
      return 0;
    rc = vb_buf_puts(out, so ? "Sở " : "Bộ ");
    if (rc == VB_OK) rc = vb_buf_puts(out, depts[e->idx].name);
    if (rc == VB_OK && so)
      rc = put_body_locality(out, "", 0, NULL, 0, 0, SCOPE_PROVINCE, level,
                             loc);
  }
  if (rc != VB_OK) {
    vb_buf_truncate(out, mark);
    return 0;
  }
  return 1;
}

const char *vb_names_kind(const char *s, size_t n) {
  word w[MAX_WORDS];
  size_t nw = split_words(s, n, w, MAX_RUN);
  const entry *e;
  if (match_run(w, nw, 0, C_BODY, 0, &e)) return bodies[e->idx].name;
  if (match_run(w, nw, 0, C_KIND, 1, &e)) return dept_kinds[e->idx].name;
  return NULL;
}

int vb_names_national(const char *s, size_t n) {
  word w[MAX_WORDS];
  size_t nw = split_words(s, n, w, MAX_RUN);
  const entry *e;
  if (match_run(w, nw, 0, C_BODY, 0, &e))
    return bodies[e->idx].scope == SCOPE_NATIONAL;
  if (match_run(w, nw, 0, C_KIND, 1, &e)) return e->idx == KIND_BO;
  return 0;
}

/**************************************************************************
** Document types, offices, people
*/

const char *vb_doctype_canon(const char *s, size_t n) {
  char key[KEY_MAX];
  vb_name_key(s, n, key, sizeof key);
  const entry *e = lookup(key, C_TYPE, NULL);
  return e ? doctypes[e->idx].name : NULL;
}

const char *vb_doctype_from_code(const char *code, size_t n) {
  char key[KEY_MAX];
  vb_name_key(code, n, key, sizeof key);
  const entry *e = lookup(key, C_TYPE_CODE, NULL);
  return e ? doctypes[e->idx].name : NULL;
}

size_t vb_names_office_len(const char *s, size_t n) {
  word w[MAX_WORDS];
  size_t nw = split_words(s, n, w, MAX_RUN);
  const entry *e;
  size_t j = match_run(w, nw, 0, C_OFFICE, 1, &e);
  return j ? words_end(w, j) : 0;
}

vb_status vb_names_office(const char *s, size_t n, vb_buf *out) {
  word w[MAX_WORDS];
  size_t nw = split_words(s, n, w, MAX_WORDS);
  size_t start = out->len;
  for (size_t i = 0; i < nw;) {
    const entry *e;
    size_t j;
    VB_TRY(put_space(out));
    if ((j = match_run(w, nw, i, C_OFFICE, 1, &e)) != 0) {
      VB_TRY(vb_buf_puts(out, offices[e->idx]));
    } else if ((j = match_run(w, nw, i, C_BODY, 1, &e)) != 0) {
      VB_TRY(vb_buf_puts(out, bodies[e->idx].name));
    } else if (!vb_vi_has_lower(s + w[i].off, w[i].len)) {
      VB_TRY(put_cased(out, s + w[i].off, w[i].len, 0, 0));
      j = 1;
    } else {
      VB_TRY(vb_buf_append(out, s + w[i].off, w[i].len));
      j = 1;
    }
    i += j;
  }
  /* the first letter in upper case */
  if (out->len > start) {
    vb_buf tmp;
    vb_buf_init(&tmp, VB_CAP_SMALL);
    vb_status rc = put_cased(&tmp, out->data + start, out->len - start, 1, 0);
    if (rc == VB_OK) {
      vb_buf_truncate(out, start);
      rc = vb_buf_append(out, tmp.data, tmp.len);
    }
    vb_buf_free(&tmp);
    return rc;
  }
  return VB_OK;
}

vb_status vb_names_person(const char *s, size_t n, vb_buf *out) {
  if (vb_vi_has_lower(s, n)) return vb_vi_canon(s, n, out);
  word w[MAX_WORDS];
  size_t nw = split_words(s, n, w, MAX_WORDS);
  for (size_t i = 0; i < nw; i++) {
    VB_TRY(put_space(out));
    VB_TRY(put_cased(out, s + w[i].off, w[i].len, 1, 1));
  }
  return VB_OK;
}

/* Every province, for lists that name those a question finds none in. */
size_t vb_province_count(void) { return NPROV; }

const vb_province *vb_province_at(size_t i) {
  return i < NPROV ? &provinces[i] : NULL;
}
