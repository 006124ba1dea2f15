/*
** rules.c: THE table of extraction rules.  Each row is {field, pattern,
** prefilter, flags, comment, example}; tests/unit/test_rules.c runs every
** pattern against its example and fails if one does not match.
**
** Patterns run on clean text (see extract_int.h): NFC, one tone placement,
** no markdown emphasis or table pipes, '-' for every dash, single spaces.
** The code in extract.c reads a match only through the names of its groups,
** so another way of writing a value is one more row of the same field with
** the same group names.  Rows of a field are tried in table order.
**
** Group names used by the code:
**   id        a document's number and symbol as written ("622 /KH-UBND")
**   name      a law cited by its name (with or without its number)
**   place     place of issue;   date   a date (parsed by vb_x_parse_date)
**   type      a document type;  title  a summary line
**   body      a body's name;    issuer the body that issued a reference
**   name      a person;         kind / rest  parts of a signature line
**   from, to  dates of a range; fy, fm, ty, tm  years and months of one;
**   y         a single year
**   theme     a stated theme;   label, value  a site metadata row
**   loc       a locality phrase ("tỉnh Sơn La")
**   bare      a body named by its kind alone ("VĂN PHÒNG"); kind / rest
**             the kind and the name of a body under another one
**   name      a commune's name ("TÂN HÒA")
**
** Letters OCR mistakes for digits ("2O15", "ngày O3") are put right in
** the clean text already (extract_lines.c), so patterns ask for digits.
*/
#include "extract_int.h"

/* Building blocks shared by several patterns. */

/* A full date: "18/10/2021", "18-10-2021", "18.10.2021", "18 tháng 10 năm
** 2021" (caseless rules also take "THÁNG"). */
#define DATE_NUM "\\d{1,2}\\s*[/.-]\\s*\\d{1,2}\\s*[/.-]\\s*(?:19|20)\\d\\d"
#define DATE_WORDS "\\d{1,2}\\s+tháng\\s+\\d{1,2}\\s*,?\\s+năm\\s+(?:19|20)\\d\\d"
#define DATE "(?:" DATE_NUM "|" DATE_WORDS ")"

/* The word "Số" that opens the number line, with the slips OCR makes of
** its tone and quality marks ("Sô:", "Só:", "Sồ:"). */
#define SO_WORD "(?:Số|SỐ|Sô|SÔ|Só|SÓ|Sồ|SỒ)"

/* Document types that cite other documents by number. */
#define REF_TYPES                                                          \
  "Quyết định|Nghị định|Nghị quyết|Thông tư liên tịch|Thông tư|Chỉ thị|"   \
  "Kế hoạch|Công văn|Văn bản|Thông báo kết luận|Thông báo|Tờ trình|"       \
  "Hướng dẫn|Báo cáo|Quy định|Quy chế|Pháp lệnh|Kết luận|Chương trình|"    \
  "Đề án|Công điện|Bộ luật|Luật"

/* A number and symbol: "1790/QĐ-TTg", "48/2009/NĐ-CP", "21-CT/TW",
** "27/NQ- TW", "02/TTr-CAT- ANCTNB".  The number may carry a year. */
#define REF_ID                                                             \
  "\\d{1,6}(?:\\s*/\\s*(?:19|20)\\d\\d)?\\s?[/-]\\s?"                       \
  "[\\p{Lu}][\\p{L}\\p{N}&]*"                                               \
  "(?:\\s?[-/]\\s?[\\p{Lu}\\d][\\p{L}\\p{N}&]*)*"

/* One character of a law's name ("Luật An toàn thực phẩm"): the name
** stops before another document type ("Luật Quảng cáo và Nghị định số
** ...") and before its number ("... số 55/2010/QH12"). */
#define LAW_NAME_CHAR                                                      \
  "(?:(?!\\s(?:" REF_TYPES ")(?![\\p{L}])|\\s+số\\s*:?\\s*\\d)"            \
  "[^;.()“”\"])"

/* Where the name of a citing body ends. */
#define ISSUER_STOP                                                        \
  "(?=\\s*(?:[;,.()“”\"]|$|\\s(?:về|v/v|phê duyệt|ban hành|quy định|" \
  "hướng dẫn|sửa đổi|bổ sung|triển khai|thực hiện|tổ chức|kết luận|đã|"    \
  "được|tại|trên|nhằm|để|theo|trong|cho|khi|nay là|đối với|và (?:các|"     \
  "Kế hoạch|Quyết định|Nghị|Thông|Chỉ|Công|Hướng|Tờ|Văn)|ngày)\\b))"

/* Words a body's name starts with. */
#define BODY_START                                                         \
  "(?:Sở|SỞ|UBND|Ủy ban|Uỷ ban|ỦY BAN|UỶ BAN|Phòng|Ban|Hội đồng|HĐND|"     \
  "Văn phòng|Trung tâm|Chi cục|Cục|Bộ|Đài|Hội|Thủ tướng|Chính phủ)"

/* The capitalised document types that head a document. */
#define TYPES_CAPS                                                         \
  "KẾ\\s?HOẠCH|QUYẾT\\s?ĐỊNH|CÔNG\\s?VĂN|BÁO\\s?CÁO|THÔNG\\s?BÁO|"         \
  "CHỈ\\s?THỊ|TỜ\\s?TRÌNH|NGHỊ\\s?QUYẾT|HƯỚNG\\s?DẪN|CHƯƠNG\\s?TRÌNH|"    \
  "ĐỀ\\s?ÁN|NGHỊ\\s?ĐỊNH|THÔNG\\s?TƯ\\s?LIÊN\\s?TỊCH|THÔNG\\s?TƯ|"        \
  "QUY\\s?ĐỊNH|QUY\\s?CHẾ|CÔNG\\s?ĐIỆN|KẾT\\s?LUẬN|PHƯƠNG\\s?ÁN|"         \
  "DỰ\\s?ÁN|GIẤY\\s?MỜI|BIÊN\\s?BẢN|ĐIỀU\\s?LỆ|CHIẾN\\s?LƯỢC|"            \
  "QUY\\s?HOẠCH|THÔNG\\s?CÁO|PHÁP\\s?LỆNH|LUẬT|LỆNH"

const vb_rule vb_rules[] = {
    /* ---- where the document proper begins and ends ---- */
    {"doc_begin", "CỘNG\\s*H(?:ÒA|OÀ)\\s*XÃ\\s*HỘI", NULL, VB_RULE_CASELESS,
     "the national motto opens the header of every official document",
     "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"},
    {"doc_begin", "ĐẢNG\\s*CỘNG\\s*SẢN\\s*VIỆT\\s*NAM", NULL, 0,
     "the Party's documents carry its name in place of the motto",
     "ĐẢNG CỘNG SẢN VIỆT NAM"},
    {"doc_begin", "^\\W*ĐOÀN\\s+(?:TNCS|THANH\\s+NIÊN\\s+CỘNG\\s+SẢN)\\s+HỒ\\s+CHÍ"
     "\\s+MINH\\W*$", NULL, 0,
     "the Youth Union's documents carry its name in place of the motto",
     "ĐOÀN TNCS HỒ CHÍ MINH"},
    {"motto",
     "CỘNG\\s*H(?:ÒA|OÀ)|CHỦ\\s*NGHĨA\\s*VIỆT\\s*NAM|Độc\\s*lập\\s*-|"
     "Tự\\s*do\\s*-|Hạnh\\s*phúc|ĐẢNG\\s*CỘNG\\s*SẢN|"
     "^\\W*ĐOÀN\\s+(?:TNCS|THANH\\s+NIÊN\\s+CỘNG\\s+SẢN)\\s+HỒ\\s+CHÍ\\s+MINH\\W*$",
     NULL, VB_RULE_CASELESS,
     "parts of the motto, never part of the issuer's header",
     "Độc lập - Tự do - Hạnh phúc"},
    {"urgency",
     "^\\W*(?:HỎA\\s*TỐC|THƯỢNG\\s*KHẨN|KHẨN|TUYỆT\\s*MẬT|TỐI\\s*MẬT|MẬT)"
     "(?:\\s*-?\\s*HẸN\\s*GIỜ)?\\W*$",
     NULL, 0,
     "the urgency or secrecy mark printed between the header and the "
     "number line, never part of the issuer",
     "HỎA TỐC"},
    {"doc_end",
     "^(?:#{1,3}\\s*)?Văn bản liên quan|Văn bản này chưa cập nhật|"
     "^FILE ĐƯỢC ĐÍNH KÈM|^Lược đồ$|^Văn bản gốc$|^Cảm ơn đã dùng|"
     "Mọi hành vi sao chép|^Tải văn bản|^Đang tải văn bản",
     NULL, VB_RULE_CASELESS,
     "web page text after the document (site chrome of legal databases)",
     "Văn bản này chưa cập nhật nội dung Tiếng Anh"},
    {"appendix",
     "^\\(?\\s*(?:PHỤ\\s*LỤC|Phụ lục|DANH\\s*MỤC|Danh mục|BIỂU|"
     "Biểu\\s+(?:số|mẫu)|MẪU|Mẫu\\s+(?:số|báo cáo)|BẢNG|"
     "Bảng\\s+(?:số|tổng hợp|phân công)|"
     "(?:Ban hành\\s+)?[Kk]èm theo|GHI CHÚ|Ghi chú|"
     "(?:PHẦN|Phần|CHƯƠNG|Chương)\\s+(?:[IVX]+|\\d{1,2})(?![\\p{L}\\d]))"
     "(?![\\p{L}])",
     NULL, 0,
     "after the signature: an appendix or a form still belongs to the "
     "document",
     "PHỤ LỤC"},
    {"page_mark",
     "^(?:-\\s*)?(?:Trang\\s+)?\\d{1,3}(?:\\s*/\\s*\\d{1,3})?(?:\\s*-)?$", NULL,
     VB_RULE_CASELESS, "a page number between the signature and what follows",
     "Trang 2/3"},
    {"meta",
     "^(?<label>Số hiệu|Loại văn bản|Nơi ban hành|Cơ quan ban hành|Người ký|"
     "Ngày ban hành)\\s*:\\s*(?<value>.*)$",
     NULL, VB_RULE_CASELESS,
     "a row of a legal database's metadata table (value may be on the next "
     "line); a fallback when the header lacks a value",
     "Số hiệu: 980/KH-UBND"},

    /* ---- header ---- */
    {"number", "^" SO_WORD "\\s*(?:[:.]|(?=\\s*[\\d/]))\\s*(?<id>.*)$", NULL, 0,
     "the number line of the header (\"Sô:\" is an OCR slip); the id is "
     "read word by word",
     "Sô: 622 /KH-UBND"},
    {"place_date",
     "^(?<place>\\p{Lu}[\\p{L}\\p{M}.'’-]*(?:\\s+[\\p{L}\\p{M}.'’-]+){0,5}?)"
     "\\s*,?\\s+(?<date>(?:[Nn]gày|NGÀY)(?:[\\s\\d.…_]*)(?:tháng|THÁNG)"
     "[\\s\\d.…_]*(?:năm|NĂM)\\s*(?:19|20)\\d\\d)",
     "ngày", 0, "place and date of issue: \"Bắc Kạn, ngày 18 tháng 10 năm 2021\"",
     "Bắc Giang, ngày tháng 10 năm 2023"},
    {"place_date",
     "^(?<place>\\p{Lu}[\\p{L}\\p{M}.'’-]*(?:\\s+[\\p{L}\\p{M}.'’-]+){0,5}?)"
     "\\s*,\\s*(?:[Nn]gày\\s*)?(?<date>" DATE_NUM ")",
     NULL, 0, "place and a numeric date of issue: \"Hà Nội, 18/10/2021\"",
     "Hà Nội, 18/10/2021"},
    {"place_date",
     "^(?<place>\\p{Lu}[\\p{L}\\p{M}.'’-]*(?:\\s+[\\p{L}\\p{M}.'’-]+){0,5}?)"
     "\\s*,\\s*(?<date>(?:[Nn]gày|NGÀY)[\\s.…_]*(?:tháng|THÁNG)[\\s.…_]*"
     "(?:năm|NĂM)\\s*(?:19|20)\\d\\d)",
     NULL, 0, "a date with the day and month left blank",
     "Sơn La, ngày    tháng    năm 2022"},
    {"place_date",
     "^" SO_WORD "\\s*[:.]?\\s*[^\\s,]*\\d[^\\s,]*(?:\\s+[^\\s,\\p{Ll}]+)*?\\s+"
     "(?<place>\\p{Lu}\\p{Ll}[\\p{L}\\p{M}.'’-]*(?:\\s+[\\p{L}\\p{M}.'’-]+){0,5}?)"
     "\\s*,\\s*(?<date>(?:[Nn]gày|NGÀY)(?:[\\s\\d.…_]*)(?:tháng|THÁNG)"
     "[\\s\\d.…_]*(?:năm|NĂM)\\s*(?:19|20)\\d\\d)",
     "ngày", 0, "place and date after the number on the same line",
     "Số: 88/KH-UBND Lạng Sơn, ngày 12 tháng 4 năm 2023"},
    {"doc_type",
     "^(?<type>" TYPES_CAPS ")(?:\\s*\\((?:DỰ THẢO|Dự thảo)\\))?"
     "(?:\\s+(?:SỐ|Số)\\b.*)?$",
     NULL, 0,
     "the document type, alone on its line in capitals (a draft's marked "
     "\"(DỰ THẢO)\")",
     "KẾ HOẠCH (DỰ THẢO)"},
    {"doc_type",
     "^(?<type>" TYPES_CAPS ")\\s*[:.-]?\\s+(?<title>\\p{Lu}\\p{Ll}.*)$", NULL,
     0, "the type followed on the same line by the summary in mixed case",
     "KẾ HOẠCH Triển khai công tác bình đẳng giới năm 2018"},
    {"title_vv", "^(?:V/v|V/V|v/v)\\.?\\s*:?\\s*(?<title>\\S.*)$", "/", 0,
     "the summary of an official letter: \"V/v ...\"",
     "V/v triển khai Tháng hành động vì bình đẳng giới"},
    {"title_stop",
     "^(?:Căn cứ|Thực hiện|Xét |Theo đề nghị|Để |Nhằm |Trên cơ sở|"
     "Kính gửi|Điều\\s+\\d|Chương\\s+[IVX\\d]|Phần\\s+[IVX\\d]|"
     "QUYẾT ĐỊNH\\s*:|(?:[IVX]+|\\d{1,2})\\.\\s|"
     "(?:ỦY|UỶ) BAN NHÂN DÂN|CHỦ TỊCH|HỘI ĐỒNG|BỘ TRƯỞNG|GIÁM ĐỐC|"
     "BAN CHẤP HÀNH|BAN THƯỜNG VỤ|Nơi nhận|TM\\.|KT\\.)",
     NULL, 0, "a line that ends the summary under the type",
     "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;"},

    {"title_lead", "^(?:Thực hiện|Triển khai|Tổ chức)\\s+\\p{Ll}", NULL, 0,
     "a summary may open like the preamble (\"Thực hiện phong trào ...\"): "
     "the words of a line that ends a title, followed by a common noun",
     "Thực hiện phong trào chống rác thải nhựa năm 2020"},

    /* ---- issuer and locality ---- */
    {"issuer_sentence",
     "(?<body>" BODY_START "\\b(?:(?!\\s(?:về|của|cho|để|theo|tại|với)\\s)"
     "[^,;.:()]){0,80}?)\\s+(?:xây dựng|ban hành)\\s+(?:[Kk]ế hoạch|"
     "[Cc]hương trình|[Pp]hương án|[Hh]ướng dẫn)",
     "ế hoạch", 0,
     "the preamble says who drew the plan up: \"UBND huyện xây dựng kế hoạch\"",
     "Sở Khoa học và Công nghệ xây dựng kế hoạch thực hiện cụ thể như sau:"},
    {"issuer_closing",
     "Trên đây là\\s+\\p{L}+\\s+\\p{L}+\\b.*?\\s(?:của|do)\\s+"
     "(?<body>" BODY_START "\\b[^,;()]*?)\\s*(?:[,;(]|\\./\\.|\\.?$|"
     "\\s(?:yêu cầu|đề nghị|về)\\b)",
     "Trên đây", 0,
     "the closing sentence names the issuer: \"Trên đây là Kế hoạch ... của "
     "Sở X tỉnh Y./.\"",
     "Trên đây là Kế hoạch triển khai Tháng hành động của Sở Thông tin và "
     "Truyền thông tỉnh Điện Biên./."},
    {"sub_body",
     "^(?:(?<bare>VĂN\\s*PHÒNG)|(?<kind>VĂN\\s*PHÒNG|BAN|TRUNG\\s*TÂM|"
     "CHI\\s*CỤC|CỤC|ĐÀI|TRƯỜNG|BỆNH\\s*VIỆN|VIỆN|QUỸ|HỘI\\s*ĐỒNG)\\s+"
     "(?<rest>\\p{Lu}.*))$",
     NULL, 0,
     "a body under the one the header names first (\"UBND THÀNH PHỐ HẢI "
     "PHÒNG / VĂN PHÒNG\"); bare: an office named by its kind alone",
     "VĂN PHÒNG"},
    {"commune",
     "(?:^|\\s)(?:XÃ(?!\\s+HỘI)|PHƯỜNG|THỊ\\s*TRẤN)\\s+(?<name>\\p{Lu}[^,;]*)$",
     NULL, 0,
     "a commune in the issuer's header: its name is also the place of issue, "
     "which then names no province (\"XÃ HÒA BÌNH\" / \"Hòa Bình, ngày ...\")",
     "ỦY BAN NHÂN DÂN XÃ HÒA BÌNH"},
    {"locality",
     "(?<![\\p{L}])(?<loc>(?:[Tt]ỉnh|TỈNH|[Tt]hành phố|THÀNH PHỐ|TP\\.?|"
     "Tp\\.?|[Hh]uyện|HUYỆN|[Qq]uận|QUẬN|[Tt]hị xã|THỊ XÃ)\\s+\\p{Lu}"
     "[\\p{L}\\p{M}'’-]*(?:\\s+\\p{Lu}[\\p{L}\\p{M}'’-]*){0,4})",
     NULL, 0, "a place named with its kind: \"tỉnh Sơn La\", \"huyện Yên Thế\"",
     "trên địa bàn tỉnh Sơn La đến năm 2030"},

    /* ---- theme ---- */
    {"theme_head", "^(?:Chủ đề|CHỦ ĐỀ)(?![\\p{L}])(?<rest>.*)$", NULL, 0,
     "a heading (after its number) that announces the theme",
     "Chủ đề Tháng hành động năm 2021"},
    {"theme_quote", "[“\"]\\s*(?<theme>[^”\"]{8,500}?)\\s*[”\"]", NULL, 0,
     "the quoted theme under its heading",
     "“Đảm bảo an sinh xã hội, tăng cường quyền năng cho phụ nữ”."},
    {"theme_inline",
     "chủ đề\\s*(?:là|:)?\\s*[“\"]\\s*(?<theme>[^”\"]{8,500}?)\\s*[”\"]",
     NULL, VB_RULE_CASELESS, "a theme given in running text",
     "được phát động, triển khai với chủ đề: “Chấm dứt bạo lực đối với phụ "
     "nữ và trẻ em”."},

    /* ---- period ---- */
    {"period_head", "^(?:Thời gian|THỜI GIAN)(?![\\p{L}])(?<rest>.*)$", NULL,
     0, "a numbered heading about the time of implementation",
     "Thời gian thực hiện: Từ ngày 15/11/2023 đến ngày 15/12/2023."},
    {"period_anchor", "thời gian", NULL, VB_RULE_CASELESS,
     "a time phrase in running text; a range must follow closely",
     "thời gian quan trắc từ tháng 3 đến tháng 10 năm 2026"},
    {"period_range",
     "(?:từ|kể từ)\\s+(?<from>(?:ngày\\s+)?\\d{1,2}(?:\\s*[/.-]\\s*\\d{1,2}"
     "(?:\\s*[/.-]\\s*\\d{4})?|\\s+tháng\\s+\\d{1,2}(?:\\s*,?\\s+năm\\s+"
     "\\d{4})?)?)\\s*(?:đến|tới|-)\\s*(?:hết\\s+)?(?<to>(?:ngày\\s+)?" DATE ")",
     NULL, VB_RULE_CASELESS,
     "a range of days; a start without month or year takes the end's",
     "từ ngày 08 đến ngày 10 tháng 12 năm 2025"},
    {"period_range",
     "(?<from>" DATE_NUM ")\\s*(?:-|đến)\\s*(?<to>" DATE_NUM ")", "/",
     VB_RULE_CASELESS, "a range of days without \"từ\"",
     "15/11/2018 - 15/12/2018"},
    {"period_range",
     "(?:từ\\s+)?tháng\\s+(?<fm>\\d{1,2})(?:\\s*(?:năm\\s+|/)(?<fy>\\d{4}))?"
     "\\s*(?:đến|tới|-)\\s*(?:hết\\s+)?tháng\\s+(?<tm>\\d{1,2})\\s*"
     "(?:,?\\s*năm\\s+|/)(?<ty>\\d{4})",
     NULL, VB_RULE_CASELESS, "a range of months",
     "từ tháng 3 đến tháng 10 năm 2026"},
    {"period_range",
     "(?:từ\\s+)?năm\\s+(?<fy>(?:19|20)\\d\\d)\\s*(?:đến|tới|-)\\s*(?:hết\\s+)?"
     "(?:năm\\s+)?(?<ty>(?:19|20)\\d\\d)",
     NULL, VB_RULE_CASELESS, "a range of years", "từ năm 2022 đến năm 2025"},
    {"period_range", "trong\\s+(?:cả\\s+)?năm\\s+(?<y>(?:19|20)\\d\\d)", NULL,
     VB_RULE_CASELESS, "the whole of one year",
     "tiến hành thường xuyên, liên tục trong năm 2025"},
    {"period_open",
     "(?:từ|kể từ)\\s+(?:ngày\\s+)?(?<from>" DATE ")", NULL,
     VB_RULE_CASELESS, "a start date with no end", "Từ ngày 01/01/2012."},
    {"period_stated",
     "(?:[Kk]ế hoạch|[Cc]hương trình|[Đđ]ề án)(?:\\s+này)?\\s+(?:được\\s+)?"
     "(?:(?:tổ chức|triển khai)\\s+)?(?:thực hiện|triển khai|áp dụng)\\s+"
     "(?:trong\\s+)?(?:giai đoạn\\s+)?(?:từ\\s+)?(?:năm\\s+)?"
     "(?<fy>(?:19|20)\\d\\d)\\s*(?:-|đến)\\s*(?:hết\\s+)?(?:năm\\s+)?"
     "(?<ty>(?:19|20)\\d\\d)",
     "19|20", 0, "a sentence stating the plan's own span of years",
     "Kế hoạch được triển khai thực hiện trong giai đoạn 2022 - 2025."},
    {"period_title",
     "giai đoạn\\s+(?<fy>(?:19|20)\\d\\d)\\s*-\\s*(?<ty>(?:19|20)\\d\\d)", NULL,
     VB_RULE_CASELESS, "a plan for a span of years, in its summary",
     "trên địa bàn tỉnh giai đoạn 2026 - 2030"},
    {"period_title",
     "(?:từ\\s+năm\\s+(?<fy>(?:19|20)\\d\\d)\\s+)?đến\\s+năm\\s+"
     "(?<ty>(?:19|20)\\d\\d)",
     NULL, VB_RULE_CASELESS,
     "a plan that runs until a year (from its own year unless stated)",
     "Chương trình truyền thông về bình đẳng giới đến năm 2030"},

    /* ---- references ---- */
    {"ref",
     "(?<![\\p{L}])[Nn]gày\\s+(?<date>" DATE ")\\s*,\\s*(?<issuer>" BODY_START
     "(?![\\p{L}])[^;,.()“”\"]{0,120}?)\\s+(?:đã\\s+)?(?:ký\\s+)?ban hành\\s+"
     "(?<type>" REF_TYPES ")(?:\\s+số)?\\s*:?\\s*(?<id>" REF_ID ")",
     "ban hành", 0,
     "narrative dating: \"Ngày 15/3/2021, Chính phủ ban hành Nghị định số "
     "20/2021/NĐ-CP\"",
     "ngày 24/6/2021, Bộ Lao động - Thương binh và Xã hội ban hành Thông tư "
     "số 02/2021/TT-BLĐTBXH hướng dẫn"},
    {"ref",
     "(?<![\\p{L}])(?<type>" REF_TYPES ")(?:\\s+số)?\\s*:?\\s*(?<id>" REF_ID
     ")(?:\\s*,?\\s*(?:(?:được\\s+)?ban hành\\s+)?ngày\\s+(?<date>" DATE
     "))?(?:\\s*(?:(?:của|do)\\s+|(?=" BODY_START "\\s))(?<issuer>"
     "[^;,.()“”\"]{2,120}?)" ISSUER_STOP ")?",
     "/|-", VB_RULE_CASELESS,
     "a document cited by number, with its date and issuer when given",
     "Quyết định số 1790/QĐ-TTg ngày 23/10/2021 của Thủ tướng Chính phủ phê "
     "duyệt"},
    {"ref",
     "(?<![\\p{L}])(?<type>Luật|Bộ luật|Pháp lệnh)\\s+(?<name>\\p{Lu}"
     LAW_NAME_CHAR "{2,}?)\\s*,?\\s+số\\s*:?\\s*(?<id>" REF_ID ")"
     "(?:\\s*,?\\s*(?:(?:được\\s+)?(?:ban hành|thông qua)\\s+)?ngày\\s+"
     "(?<date>" DATE "))?",
     "số", 0,
     "a law cited by its name and its number: \"Luật An toàn thực phẩm số "
     "55/2010/QH12 ngày 17/6/2010\"",
     "Căn cứ Luật Trẻ em số 102/2016/QH13 ngày 05 tháng 4 năm 2016;"},
    {"ref",
     "(?<![\\p{L}])(?<type>Luật|Bộ luật|Pháp lệnh|Hiến pháp)\\s+"
     "(?<name>\\p{Lu}" LAW_NAME_CHAR "{2,}?)\\s*,?\\s*(?:(?:được\\s+)?"
     "(?:ban hành|"
     "thông qua)\\s+)?[Nn]gày\\s+(?<date>(?:\\d{1,2}\\s*[/.-]\\s*\\d{1,2}\\s*"
     "[/.-]\\s*(?:19|20)\\d\\d|\\d{1,2}\\s+tháng\\s+\\d{1,2}\\s+năm\\s+"
     "(?:19|20)\\d\\d))",
     "gày", 0,
     "a law or ordinance cited by name and date, without a number (the "
     "group \"name\" instead of \"id\")",
     "Căn cứ Luật Tổ chức Hội đồng nhân dân và Ủy ban nhân dân ngày 26 "
     "tháng 11 năm 2003;"},
    {"ref_issuer_office",
     "^(?:Bộ trưởng|Thứ trưởng|Chủ tịch|Phó Chủ tịch|Giám đốc|Phó Giám đốc|"
     "Thủ trưởng|Trưởng ban|Chánh Văn phòng|Cục trưởng)\\s+(?=\\p{Lu})",
     NULL, 0,
     "an office before the body that issued a reference (\"Bộ trưởng Bộ Tài "
     "chính\"): the body is the issuer",
     "Bộ trưởng Bộ Tài chính"},

    /* ---- signature and recipients ---- */
    {"sig_auth", "^(?<kind>TM|KT|TL|TUQ|Q|QUYỀN)\\s*\\.\\s*(?<rest>\\p{Lu}.*)$",
     ".", 0, "a signing authority: \"TM. ỦY BAN NHÂN DÂN\", \"KT. CHỦ TỊCH\"",
     "KT. CHỦ TỊCH"},
    {"sig_auth", "^(?<kind>T/M|K/T|T/L|T/UQ)\\s*\\.?\\s*(?<rest>\\p{Lu}.*)$",
     "/", 0, "the Party's way of writing them: \"T/M BAN THƯỜNG VỤ\"",
     "T/M BAN THƯỜNG VỤ"},
    {"sig_name",
     "^(?<name>\\p{Lu}(?:['’]\\p{Lu})?[\\p{Ll}\\p{M}]*"
     "(?:\\s+\\p{Lu}(?:['’]\\p{Lu})?[\\p{Ll}\\p{M}]*){1,5})$",
     NULL, 0,
     "a signer's name in title case (names of the Central Highlands write "
     "\"K'Lang\")",
     "Nguyễn Thị Ngọc Điệp"},
    {"sig_name", "^(?<name>\\p{Lu}+(?:\\s+\\p{Lu}+){1,5})$", NULL, 0,
     "a signer's name in capitals (checked against office words)",
     "TRIỆU NGỌC TRUNG"},
    {"sig_tail",
     "(?<![\\p{L}])(?<name>\\p{Lu}\\p{Ll}[\\p{Ll}\\p{M}]*(?:\\s+\\p{Lu}"
     "[\\p{Ll}\\p{M}]*){1,5})$",
     NULL, 0,
     "a name at the end of a one-cell signature block: \"... PHÓ CHỦ TỊCH "
     "Hứa Ngọc Thuận\"",
     "TM. ỦY BAN NHÂN DÂN KT. CHỦ TỊCH PHÓ CHỦ TỊCH Hứa Ngọc Thuận"},
    {"sig_skip",
     "^[\\[(]?\\s*(?:đã ký|ký tên|ký, ghi rõ|ký và ghi rõ|chữ ký|signed|"
     "đóng dấu)",
     NULL, VB_RULE_CASELESS, "stamps and notes inside a signature block",
     "(Đã ký)"},
    {"recip_head",
     "^(?:Nơi|NƠI)\\s*(?:nhận|NHẬN)\\s*:?\\s*(?<rest>.*)$", NULL, 0,
     "the start of the distribution list", "Nơi nhận:"},

    /* ==== duties: units, deadlines, reports (extract_duties.c) ==========
    ** Rows of this block are read by extract_duties.c.  Group names:
    **   who    where the name of a unit given a task starts
    **   what   the task a label or a time phrase names
    **   when   where the date of a deadline starts (an empty group)
    **   to     where the receiver of a report starts (an empty group)
    **   via    where the body a report passes through starts
    **   prep   the preposition before a receiver ("gửi về X")
    **   year, quarter, month, week, day  a recurrence ("hằng năm", "của
    **          tháng cuối quý", "hằng tháng", "hằng tuần", "hằng ngày")
    ** Patterns that start with \G are tried at one position only. */
#define DUTY_KINDS                                                         \
  "Sở|sở|Bộ|bộ|Ban|ban|Phòng|phòng|Văn phòng|văn phòng|Thanh tra|"          \
  "Trung tâm|trung tâm|Chi cục|Tổng cục|Cục|Công an|Kho bạc|Đài|Báo|"      \
  "Hội đồng|Hội|Liên đoàn|Liên hiệp|Đoàn|Bảo hiểm|Ngân hàng|Viện|Trường|"  \
  "Bệnh viện|Chi nhánh|Quỹ|Tòa án|Hải quan|Mặt trận|Đảng ủy|Tỉnh đoàn|"    \
  "Tổ công tác|Tổng công ty|Công ty|Ủy ban|ủy ban|Cơ quan thường trực|"     \
  "Vụ|Trung ương|Công chức|Nhân viên|Đội|Trạm|Hạt|Học viện|Bộ đội"
/* What follows a kind word when it begins a name ("Sở Y tế", "Ủy ban nhân
** dân", "Văn phòng sở"), not a verb ("Phòng, chống", "Ban hành"). */
#define DUTY_KIND_NEXT                                                     \
  "(?=\\s+(?:\\p{Lu}|sở\\b|nhân dân|tỉnh\\b|huyện\\b|thành phố|thị xã|"     \
  "quận\\b|xã\\b|phường\\b|cấp\\b|Nhà nước|nhà nước))"
/* Kind words that start the next name of a list ("X, Sở Y", "X và Ủy ban
** nhân dân Z"). */
#define DUTY_SPLIT_KINDS                                                   \
  "Sở|Bộ|Ban|Phòng|Văn phòng|Thanh tra|Trung tâm|Chi cục|Cục|Công an|"     \
  "Kho bạc|Đài|Báo|Hội đồng|Hội|Liên đoàn|Đoàn|Bảo hiểm|Ngân hàng|Viện|"   \
  "Trường|Bệnh viện|Chi nhánh|Quỹ|Mặt trận|Đảng ủy|Ủy ban|UBND|HĐND|"      \
  "Tỉnh ủy|Huyện ủy|Thành ủy|Chủ tịch|Thủ trưởng|Giám đốc|Bộ CHQS|BCHQS|"  \
  "UBMTTQ(?:VN)?|Vụ|Trung ương|Công chức|Nhân viên|Đội|Trạm|Hạt|Học viện|"  \
  "Bộ đội"
/* Bodies whose whole name is fixed: a list item of their own. */
#define DUTY_SPLIT_WHOLE                                                   \
  "(?:Thủ tướng Chính phủ|Thủ tướng|Chính phủ|Văn phòng Chính phủ|"        \
  "Quốc hội|Ban Bí thư|Tỉnh ủy|Thành ủy|Huyện ủy|Tỉnh đoàn|Thành đoàn|"    \
  "Huyện đoàn|Thị đoàn)(?![\\p{L}])"
/* "thực hiện", "nhiệm" as OCR may read them ("HlỆN", "NH1ỆM"). */
#define DUTY_THUC_HIEN "thực\\s*h[il1]ện"
#define DUTY_NHIEM "nh[il1]ệm"
/* A time of day before the date of a deadline: "17 giờ", "16h00", "16
** giờ 30 phút", "10h30'" (the hour is dropped). */
#define DUTY_HOUR                                                          \
  "\\d{1,2}\\s*(?:giờ|h|g)(?:\\s*\\d{2}(?:\\s*phút|')?)?(?![\\p{L}\\d])"
/* The recurrences of a duty, by their period (groups year, quarter,
** month, week, day). */
#define DUTY_EVERY "(?:[Hh][àằ]ng|HẰNG|HÀNG|[Mm]ỗi|MỖI)\\s+"
#define DUTY_RECUR                                                         \
  "(?:(?<year>" DUTY_EVERY "(?:năm|NĂM))|(?<quarter>" DUTY_EVERY          \
  "(?:quý|QUÝ)|(?:của\\s+)?tháng cuối(?:\\s+(?:của|mỗi))?\\s+quý)|"          \
  "(?<month>" DUTY_EVERY "(?:tháng|THÁNG))|(?<week>" DUTY_EVERY            \
  "(?:tuần|TUẦN))|(?<day>" DUTY_EVERY "(?:ngày|NGÀY)))(?![\\p{L}])"
    {"duty_section",
     "^(?:tổ chức (?:triển khai )?" DUTY_THUC_HIEN "|trách " DUTY_NHIEM
     " (?:tổ chức )?" DUTY_THUC_HIEN "|phân công (?:" DUTY_NHIEM " vụ|trách "
     DUTY_NHIEM "|" DUTY_THUC_HIEN ")|giao (?:" DUTY_NHIEM " vụ|trách "
     DUTY_NHIEM ")|(?:quyền hạn,?\\s*)?(?:" DUTY_NHIEM " vụ,?\\s*)?trách "
     DUTY_NHIEM " (?:của|các)\\b.{0,100}|" DUTY_NHIEM " vụ (?:cụ thể )?của "
     "các\\b.{0,100}|tổ chức và phân công.{0,60})\\s*(?:(?:và|VÀ)\\s.{0,60})?"
     "[:.]?$",
     NULL, VB_RULE_CASELESS,
     "a heading (after its number) of the section that gives units their "
     "tasks",
     "TỔ CHỨC THỰC HlỆN"},
    {"duty_lead",
     "(?<=\\S\\s)(?:yêu cầu|đề nghị|giao|chỉ đạo|có ý kiến|kết luận|chỉ thị)"
     "(?:\\s[^:;.]{0,120}?)?(?:\\s(?:như sau|cụ thể|sau đây))?\\s*:$|"
     "^" DUTY_NHIEM " vụ (?:trong thời gian tới|trọng tâm|thời gian tới|"
     "cụ thể)[^:]{0,60}:$",
     NULL, VB_RULE_CASELESS,
     "a sentence that hands out the tasks listed after it (a letter, a "
     "directive, a conclusion without an organising heading)",
     "Chủ tịch Ủy ban nhân dân tỉnh yêu cầu:"},
    {"duty_stop",
     "^(?:Nơi nhận|NƠI NHẬN|Trên đây là|TRÊN ĐÂY LÀ|(?:TM|KT|TL|TUQ)\\s*\\."
     "|PHỤ LỤC|Phụ lục\\s+(?:[IVX\\d]|kèm|số)|MẪU\\s|Mẫu\\s+(?:số|báo cáo)"
     "|BIỂU\\s|Biểu\\s+(?:số|mẫu))",
     NULL, 0,
     "the end of the organising section: the closing sentence, the "
     "recipients, the signature, an appendix or a form",
     "Trên đây là Kế hoạch triển khai Tháng hành động"},
    {"duty_intro",
     "^(?:Trong (?:quá trình|thời gian)|Quá trình|Nếu|Khi|Trường hợp|"
     "Kết thúc|Sau khi|Căn cứ|Trên cơ sở|Định kỳ|Hằng năm|Hàng năm|"
     "Hằng tháng|Hàng tháng|Hằng quý|Hàng quý|Đối với|Để|Ngoài ra|"
     "Đồng thời|Cuối|Chậm nhất|Lưu ý)(?![\\p{L}])",
     NULL, 0,
     "a sentence that opens with a clause of time or condition: its "
     "subject comes later",
     "Kết thúc Tháng hành động năm 2021, các Sở, ban, ngành báo cáo"},
    {"task_verb",
     "\\G(?:Tăng cường|Chủ trì|Phối hợp|Tổ chức|Triển khai|Thực hiện|"
     "Hướng dẫn|Chỉ đạo|Theo dõi|Tham mưu|Căn cứ|Rà soát|Kiểm tra|Đẩy mạnh|"
     "Tuyên truyền|Bố trí|Chịu trách nhiệm|Có trách nhiệm)(?![\\p{L}])",
     NULL, 0,
     "a task's first word at the start of a line: a heading wrapped onto "
     "its first task ends before it",
     "Tăng cường công tác tuyên truyền"},
    {"unit_boiler",
     "^\\s*(?:chịu|có)\\s+trách nhiệm\\s+(?:thi hành|tổ chức thi hành)",
     NULL, VB_RULE_CASELESS,
     "the closing article that names who executes a decision: no task of "
     "the plan",
     " chịu trách nhiệm thi hành Quyết định này."},
    {"unit_duty",
     "\\G\\s*(?:có|chịu)\\s+(?:trách nhiệm|nhiệm vụ)(?:\\s+(?:sau|như sau))?"
     "\\s*:?\\s*",
     NULL, 0, "the words between a unit and its task", "có trách nhiệm "},
    {"subject_not_after",
     "(?<![\\p{L}])(?:của|với|cho|tại|về|qua|theo|thuộc|và|đến|từ|trên|"
     "trong|giữa|bởi|do|gửi|báo cáo|lên|tới|phối hợp)\\s+$",
     NULL, 0,
     "a word after which a name is an object, not the subject of the "
     "sentence (checked on the text before the name)",
     "theo quy định của "},
    {"subject_not_before",
     "\\G(?:\\s*[,)]|\\s*$|\\s+(?:và|của|về|với|theo|tại|trên|thuộc|"
     "trong|đến|từ|cho|ngày|số)(?![\\p{L}]))",
     NULL, 0,
     "what follows a name that is not the subject of the sentence (the "
     "subject is followed by its verb)",
     ", Sở Tư pháp"},
    {"unit_head",
     "\\G(?:[Gg]iao cho|[Gg]iao|[Đđ]ề nghị|[Yy]êu cầu|[Tt]rách nhiệm của|"
     "[Nn]hiệm vụ của|[Pp]hân công)\\s+",
     NULL, 0, "words before the unit an item gives its tasks to",
     "Giao Văn phòng Sở có trách nhiệm"},
    {"unit_not_head",
     "\\G(?:Kinh phí|Tiến độ|Chế độ|Thời gian|Thời hạn|Nội dung|Khen thưởng|"
     "Kiểm tra|Giám sát|Đánh giá|Tổ chức|Phân công|Nhiệm vụ|Giải pháp|"
     "Mục tiêu|Mục đích|Yêu cầu|Trách nhiệm|Công tác|Hoạt động|Đối tượng|"
     "Phạm vi|Lộ trình|Giai đoạn|Năm|Đợt|Bước|Thông tin|Báo cáo|Sơ kết|"
     "Tổng kết|Về|Đối với|Trong|Lưu ý|Các nội dung|Các nhiệm vụ|"
     "Các giải pháp|Các hoạt động|Nguồn|Dự toán|Quy trình|Phương án|"
     "Chương trình|Kế hoạch|Tuyên truyền|Điều khoản|Hiệu lực)(?![\\p{L}])",
     NULL, 0,
     "the heading of a part of a plan, not a unit, in the organising "
     "section (\"3. Kinh phí thực hiện\", \"4. Chế độ báo cáo\")",
     "Chế độ thông tin, báo cáo"},
    {"unit_tail",
     "^\\s*,?\\s*(?:có|chịu)\\s+(?:các\\s+)?(?:nhiệm vụ|trách nhiệm)"
     "(?:\\s+(?:sau|như sau|sau đây|cụ thể(?: như sau)?))?\\s*:?\\s*$",
     NULL, VB_RULE_CASELESS,
     "an article heading that only names a unit: \"Điều 4. Sở X có "
     "nhiệm vụ\"",
     " có nhiệm vụ"},
    {"body_start",
     "\\G(?:[Cc]ác|CÁC|[Tt]ất cả(?: các)?|[Mm]ọi)\\s+(?:[Ss]ở|[Bb]an|"
     "[Nn]gành|[Bb]ộ|[Pp]hòng|[Tt]rung tâm|[Cc]hi cục|[Cc]ục|[Hh]ội|"
     "[Đđ]oàn thể|[Đđ]ơn vị|[Cc]ơ quan|[Tt]ổ chức|[Đđ]ịa phương|"
     "[Dd]oanh nghiệp|[Tt]rường|[Cc]ơ sở|[Nn]gân hàng|Ủy ban|ủy ban|UBND|"
     "[Xx]ã|[Hh]uyện|[Tt]hành viên|[Ll]ực lượng|[Đđ]ài|[Cc]hủ tịch|"
     "[Tt]hủ trưởng|[Cc]hủ đầu tư|[Bb]ệnh viện|[Vv]iện|[Ll]ãnh đạo)"
     "(?![\\p{L}])",
     NULL, 0, "a name of several bodies: \"các sở, ban, ngành\"",
     "các Sở, ban, ngành, đoàn thể tỉnh"},
    {"body_start",
     "\\G(?:Thủ trưởng|Chủ tịch|Phó Chủ tịch|Giám đốc|Chánh Văn phòng|"
     "Chánh Thanh tra|Người đứng đầu|Lãnh đạo|Trưởng ban|Trưởng phòng|"
     "Chỉ huy trưởng|Cục trưởng|Chi cục trưởng|Hiệu trưởng|Bộ trưởng|"
     "Thứ trưởng)\\s+"
     "(?=\\p{Lu}|các\\b|cơ quan|đơn vị)",
     NULL, 0, "the head of a body, who acts for it",
     "Chủ tịch UBND các huyện, thành phố"},
    {"body_start", "\\G(?:" DUTY_KINDS ")" DUTY_KIND_NEXT, NULL, 0,
     "a kind of body followed by its name", "Sở Lao động - Thương binh"},
    {"body_start",
     "\\G(?:Công an|Kho bạc(?: Nhà nước)?|Bảo hiểm xã hội|Viện kiểm sát nhân "
     "dân|Tòa án nhân dân|Đội|Trạm|Hạt)(?=\\s+các\\s+\\p{Ll})",
     NULL, 0,
     "the same body in each of several places: \"Công an các huyện, thị xã\"",
     "Công an các huyện, thị xã, thành phố"},
    {"body_start",
     "\\G(?:Hội đồng|Ban [Qq]uản lý|Ban [Cc]hỉ đạo|Ban [Cc]hỉ huy|"
     "Ban [Tt]ổ chức|Tổ [Cc]ông tác|Tổ giúp việc|Đoàn [Kk]iểm tra|"
     "Đoàn [Cc]ông tác|Viện kiểm sát)(?=\\s+\\p{Ll})",
     NULL, 0,
     "a board named by what it does, in lower case: \"Hội đồng bồi thường, "
     "hỗ trợ và tái định cư xã\"",
     "Hội đồng bồi thường, hỗ trợ và tái định cư xã"},
    {"body_start", "\\G(?:Báo|Đài|Trung tâm)\\s+và\\s+(?=\\p{Lu})", NULL, 0,
     "one agency named by two kinds: \"Báo và Phát thanh, Truyền hình X\"",
     "Báo và Phát thanh, Truyền hình Tuyên Quang"},
    {"body_start",
     "\\G(?:Thanh tra|Văn phòng|Công an|Kho bạc)(?=\\s*(?:[,;:.)]|$)|"
     "\\s+(?:chủ trì|có trách nhiệm|chịu trách nhiệm|phối hợp|thực hiện|"
     "tham mưu|theo dõi))",
     NULL, 0, "a body named by its kind alone, in the issuer's own plan",
     "Thanh tra chủ trì phối hợp"},
    {"body_start",
     "\\G(?:UBND|HĐND|UBMTTQ(?:VN)?|MTTQ(?:VN)?|BCHQS|Bộ CHQS|BHXH|KBNN|"
     "LĐLĐ|Ủy ban nhân dân|ủy ban nhân dân|Tỉnh ủy|Thành ủy|Huyện ủy|"
     "Thủ tướng Chính phủ|Thủ tướng|Chính phủ|Ban Chỉ đạo|Ban Chỉ huy|"
     "Tỉnh đoàn|Thành đoàn|Huyện đoàn|Thị đoàn|Quận đoàn|"
     "Trưởng (?:các )?(?:xóm|thôn|bản|ấp|tổ dân phố|khu phố))"
     "(?![\\p{L}])",
     NULL, 0, "a body written as an abbreviation or by its own name",
     "UBND tỉnh"},
    {"name_stop",
     "\\s(?:có trách nhiệm|chịu trách nhiệm|có nhiệm vụ|là cơ quan|"
     "là đơn vị|chủ trì|chủ động|phối hợp|căn cứ|theo dõi|tham mưu|"
     "triển khai|thực hiện|(?<!đầu tư )xây dựng|hướng dẫn|chỉ đạo|tổng hợp|"
     "báo cáo|gửi|"
     "nộp|phản ánh|kịp thời|khẩn trương|nghiêm túc|bố trí|tăng cường|"
     "đẩy mạnh|kiện toàn|(?<!giáo dục )thường xuyên|định kỳ|hằng năm|"
     "hàng năm|hằng tháng|chậm nhất|muộn nhất|không quá|hạn chót|"
     "hàng tháng|hằng quý|hàng quý|trước|để|theo|xem xét|kết quả|những|"
     "trong|thẩm định|rà soát|kiểm tra|giám sát|đôn đốc|quản lý|tiếp nhận|"
     "ban hành|được|sẽ|phải|cần|không|đã|đang|tích cực|quan tâm|lựa chọn|"
     "thống nhất|cử|giao(?! thông)|nhằm|ngay|khi|nếu|bằng|tại|thông qua|"
     "qua|cho|lập|vào|hằng tuần|hàng tuần|"
     "tuyên truyền|phổ biến|vận động|nghiên cứu|đề xuất|đề nghị|yêu cầu|"
     "tập trung|duy trì|bảo đảm|đảm bảo|hỗ trợ|ưu tiên|từ|đến|lên|với|"
     "(?<!quốc gia )(?<!Quốc gia )(?<!liên ngành )"
     "(?<!liên ngành Trung ương )về|"
     "chi trả|thu thập|mở|cấp phát|trao|tiến hành|sau|tiếp tục|chuẩn bị|"
     "hoàn thành|xong|là|bổ sung|phê duyệt|quyết định|xử lý|giải quyết|"
     "tổ chức(?!\\s*,|\\s+(?:chính trị|xã hội|đoàn thể|"
     "có liên quan|liên quan|cung cấp|tín dụng|kinh tế|thành viên|hội)))"
     "(?![\\p{L}])(?!\\s*-\\s*\\p{Lu})",
     NULL, 0,
     "where a body's name ends: the verb or preposition after it (not a "
     "word joined to the next part of a name by a dash: \"Phòng Hậu cần - "
     "Kỹ thuật\"; not \"về\" after \"quốc gia\": \"Ủy ban Quốc gia về ...\")",
     "Sở Tài chính chủ trì, phối hợp"},
    {"name_stop_weak",
     "\\G\\s(?:quản lý|cần|hỗ trợ|về|giám sát|kiểm tra|thẩm định|tiếp nhận|"
     "giải quyết|xử lý|phổ biến|tuyên truyền|vận động|nghiên cứu|bảo đảm|"
     "đảm bảo|kết quả|chi trả|xây dựng|tổ chức)(?![\\p{L}])",
     NULL, 0,
     "words of name_stop that also occur inside the names of bodies (\"Phòng "
     "Cảnh sát quản lý hành chính về trật tự xã hội\"): in a heading that is "
     "only a name they do not end it",
     " quản lý hành chính"},
    {"name_joint",
     "\\GVăn phòng\\s+(?:Đoàn (?:ĐBQH|đại biểu Quốc hội)(?:,|\\s+và)?\\s+)?"
     "(?:HĐND|Hội đồng nhân dân)\\s*$",
     NULL, 0,
     "the first part of one office of two bodies: \"Văn phòng HĐND\" before "
     "\"và UBND xã\" is not a name of its own",
     "Văn phòng HĐND"},
    {"name_stop", "(?<!hương)\\strình(?=\\s+(?:cấp|\\p{Lu}))", "trình", 0,
     "\"trình\" (to submit) after a name, not \"chương trình\"",
     "Sở Nông nghiệp và Môi trường trình cấp có thẩm quyền"},
    {"name_split", "\\G(?:(?:" DUTY_SPLIT_KINDS ")(?=\\s+(?:\\p{Lu}|nhân dân|"
     "các\\b|cấp\\b|tỉnh\\b|huyện\\b|thành phố|xã\\b|phường\\b|quận\\b|"
     "thị xã|sở\\b))|" DUTY_SPLIT_WHOLE "|các\\s+(?:cơ quan|đơn vị|sở|"
     "tổ chức|địa phương|doanh nghiệp|hội|đoàn thể|ngân hàng)(?![\\p{L}]))",
     NULL, 0, "after \", \" or \"; \": the next name of a list",
     "Báo Bắc Kạn"},
    {"name_split_and", "\\G(?:" DUTY_SPLIT_KINDS ")(?![\\p{L}])", NULL, 0,
     "after \" và \": the next name of a list (\"Sở X và Bộ, ngành\")",
     "Ủy ban nhân dân các huyện, thành phố"},
    {"unit_label",
     "(?:\\G|(?<=\\. ))(?:(?:Đơn vị|Cơ quan)(?:\\s+được giao)?"
     "(?:\\s+chủ trì)?(?:\\s+tham mưu)?(?:\\s+thực hiện)?(?:\\s+chính)?|"
     "Thực hiện|Chủ trì|Trách nhiệm thực hiện|Đơn vị chịu trách nhiệm)"
     "\\s*:\\s*(?<who>)",
     ":", VB_RULE_CASELESS, "a label naming who carries a task out",
     "Đơn vị thực hiện: Trung tâm Ứng dụng KH&CN."},
    {"aside_label",
     "(?:\\G|(?<=\\. ))(?:Đơn vị|Cơ quan)\\s+(?:phối hợp|tham gia|liên quan)"
     "(?:\\s+thực hiện)?\\s*:",
     ":", VB_RULE_CASELESS,
     "a label naming the bodies that help with a task: they are not its "
     "units (the lead unit is)",
     "Đơn vị phối hợp: Công an tỉnh"},
    {"task_label",
     "(?:\\G|(?<=\\. ))(?:Nhiệm vụ|Nội dung(?:\\s+(?:thực hiện|công việc|"
     "nhiệm vụ))?|Công việc)\\s*:\\s*(?<what>)",
     ":", VB_RULE_CASELESS, "a label naming the task of an item",
     "Nhiệm vụ: Tham mưu UBND Thành phố"},
    {"time_label",
     "(?:\\G|(?<=\\. ))(?:Thời gian|Thời hạn|Tiến độ)(?<what>[^:.;]{0,200}?)"
     "(?:\\s*:\\s*|\\s+(?=(?:xong|hoàn thành|trước|chậm nhất|trong)\\s))",
     NULL, VB_RULE_CASELESS,
     "a label for when an item is due; the words before the colon may "
     "name the task",
     "Thời gian xong trước 15/11/2023."},
    {"deadline",
     "(?<![\\p{L}])(?<![Tt]ừ )(?<!kể từ )(?:[Tt]rước|TRƯỚC)\\s+"
     "(?:" DUTY_HOUR "\\s*,?\\s*)?(?<when>)"
     "(?=(?:[Nn]gày\\s+)?\\d{1,2}\\s*(?:[/.-]\\s*\\d|tháng|hằng|hàng|của)|"
     "[Nn]gày\\s+\\d{1,2}(?![\\d/-]|\\.\\d))",
     "ớc", 0,
     "before a date: \"trước ngày 20/12/2021\", \"trước 15/11\", \"trước 17 "
     "giờ ngày 10/10/2024\" (the hour is dropped); a day alone (\"trước ngày "
     "15\") only in a sentence that recurs every month",
     "trước 16h00 ngày 20 tháng 12 năm 2021"},
    {"deadline",
     "(?<![\\p{L}])(?:(?:[Hh]oàn thành|[Xx]ong)\\s+)?[Cc]hậm nhất"
     "(?:\\s+(?:là|vào|trước))*\\s+(?:" DUTY_HOUR "\\s*,?\\s*)?(?<when>)"
     "(?=(?:[Nn]gày\\s+)?\\d)",
     "hậm nhất", 0, "at the latest on a date",
     "chậm nhất là ngày 18 hàng tháng"},
    {"deadline",
     "(?<![\\p{L}])(?<![Tt]ừ )(?:[Tt]rước|[Vv]ào|[Cc]hậm nhất(?:\\s+(?:là|vào))?)"
     "\\s+(?<when>)(?=" DUTY_HOUR "(?!\\s*,?\\s*(?:[Nn]gày|\\d))|(?:ngày\\s+)?"
     "thứ\\s+(?:[Hh]ai|[Bb]a|[Tt]ư|[Nn]ăm|[Ss]áu|[Bb]ảy|[2-7])(?![\\p{L}]))",
     "rước|ào|hậm nhất", 0,
     "a time of day or a day of the week without a date: a duty only when "
     "it recurs (\"trước 16 giờ hằng ngày\", \"vào thứ Sáu hằng tuần\")",
     "trước 16 giờ hằng ngày"},
    {"deadline",
     "(?<![\\p{L}])(?:[Hh]oàn thành|[Xx]ong)(?:\\s+(?:trước|trong|vào))+"
     "\\s+(?:" DUTY_HOUR "\\s*,?\\s*(?=[Nn]gày))?(?<when>)"
     "(?=(?:(?:[Nn]gày|[Tt]háng|[Qq]uý|[Nn]ăm)\\s*)?(?:\\d|[IV]{1,3}\\b))",
     NULL, 0,
     "done within a month, quarter or year, or by a date (\"hoàn thành trước "
     "17 giờ ngày 10/10/2024\")",
     "xong trong tháng 12/2025"},
    {"deadline",
     "(?<![\\p{L}])(?:[Tt]rong|[Vv]ào|[Tt]rước|[Cc]hậm nhất trong)\\s+"
     "(?<when>)(?=(?:[Qq]uý|QUÝ)\\s*(?:[IV]{1,3}|[1-4])\\s*(?:/|-|năm)\\s*"
     "(?:19|20)\\d\\d|[Tt]háng\\s*\\d{1,2}\\s*(?:/|năm)\\s*(?:19|20)\\d\\d)",
     "uý|UÝ|háng", 0,
     "within a quarter or a month of a year: \"trong quý III/2024\", "
     "\"vào tháng 11/2020\"",
     "trong quý III/2024"},
    {"deadline",
     "(?<![\\p{L}])[Hh]ạn (?:chót|cuối|hoàn thành)(?:\\s+(?:là|vào))?"
     "\\s*:?\\s+(?<when>)(?=(?:[Nn]gày\\s+)?\\d)",
     "ạn ", 0, "a deadline named as such", "hạn chót ngày 30/6/2024"},
    {"deadline_rel",
     "(?<![\\p{L}])(?:[Tt]rong(?:\\s+(?:vòng|thời hạn|thời gian))?|"
     "[Cc]hậm nhất(?:\\s+(?:là|sau))?|[Ss]au)\\s+(?:\\d{1,3}|\\p{Ll}+"
     "(?:\\s\\p{Ll}+)?)\\s+ngày(?:\\s+làm việc)?,?\\s+(?:kể\\s+)?"
     "(?:từ|sau)\\s+(?:ngày|khi)",
     "ngày", 0, "a deadline counted from an event: no date",
     "trong 15 ngày làm việc kể từ ngày nhận được"},
    {"deadline_rel",
     "(?<![\\p{L}])(?:chậm nhất\\s+)?sau khi kết thúc\\s+(?:quý|tháng|năm|"
     "đợt)\\s+\\d{1,3}\\s+ngày",
     "kết thúc", 0, "so many days after a period ends",
     "chậm nhất sau khi kết thúc quý 15 ngày"},
    {"deadline_range",
     "(?<![\\p{L}])[Tt]ừ\\s+ngày\\s+(?<when>)(?=\\d)", "ngày", 0,
     "a range of days; a duty only when it recurs every year and something "
     "is handed in in it (else it is when an activity runs)",
     "từ ngày 15/11 đến ngày 15/12 hằng năm"},
    {"deadline_value",
     "^\\s*(?:(?:[Hh]oàn thành|HOÀN THÀNH|[Xx]ong|XONG)(?:\\s+xong)?\\s+)?"
     "(?:(?:[Tt]rong|[Tt]rước|TRƯỚC|[Vv]ào|[Cc]hậm nhất(?:\\s+là)?|"
     "[Đđ]ến hết)\\s+)?(?:" DUTY_HOUR "\\s*,?\\s*)?(?<when>)",
     NULL, 0,
     "the value of a time label or a table's time column; the date must "
     "fill the rest of it",
     "Hoàn thành trong năm 2025"},
    {"deadline_hour", "\\G" DUTY_HOUR, NULL, 0,
     "a time of day where a deadline's date would be", "16 giờ 30 phút"},
    {"deadline_weekday",
     "\\G(?:[Nn]gày\\s+)?[Tt]hứ\\s+(?:[Hh]ai|[Bb]a|[Tt]ư|[Nn]ăm|[Ss]áu|[Bb]ảy|"
     "[2-7])(?![\\p{L}])",
     NULL, 0, "a day of the week where a deadline's date would be",
     "thứ Sáu"},
    {"recurs_after",
     "\\G\\s*,?\\s*\\(?" DUTY_RECUR, NULL, 0,
     "a recurrence right after a date (\"ngày 20 hằng tháng\", \"ngày 20 "
     "của tháng cuối quý\", \"16 giờ hằng ngày\")",
     " hằng năm"},
    {"recurs",
     "(?<![\\p{L}])(?:(?:[Đđ]ịnh kỳ|ĐỊNH KỲ)\\s*,?\\s*)?" DUTY_RECUR "|"
     "(?<![\\p{L}])(?:[Đđ]ịnh kỳ|ĐỊNH KỲ)(?![\\p{L}])",
     "àng|ằng|ÀNG|ẰNG|ỗi|ỖI|tháng cuối|ịnh kỳ|ỊNH KỲ", 0,
     "a clause about a duty that comes back: every year, quarter, month, "
     "week or day (by the group that matched), or \"định kỳ\" alone (read "
     "as every year)",
     "Định kỳ hằng quý"},
    {"recurs_lead",
     "\\G(?:(?:định kỳ|hằng năm|hàng năm|hằng tháng|hàng tháng|hằng quý|"
     "hàng quý|hằng tuần|hàng tuần|hằng ngày|hàng ngày|mỗi năm|mỗi tháng)"
     "\\s*,?\\s*)+",
     NULL, VB_RULE_CASELESS,
     "a recurrence opening a clause: not part of the task",
     "Hàng tháng tổng hợp"},
    {"report_verb", "(?<![\\p{L}])[Bb]áo cáo(?![\\p{L}])(?!\\s+viên)",
     "áo cáo", 0, "to report", "báo cáo về Sở Lao động"},
    {"report_verb",
     "(?<![\\p{L}])(?<!tiền )[Gg]ửi(?![\\p{L}])(?!\\s+(?:kèm|tiết kiệm))",
     "ửi", 0, "to send", "gửi về Sở Lao động"},
    {"report_verb", "(?<![\\p{L}])[Nn]ộp(?![\\p{L}])", "ộp", 0,
     "to hand in", "nộp về Sở Tài chính"},
    {"report_verb", "(?<![\\p{L}])[Pp]hản ánh(?![\\p{L}])", "hản ánh", 0,
     "to bring problems up", "phản ánh về Sở Lao động"},
    {"report_direct",
     "\\G(?:\\s*,?\\s*(?:ngay|kịp thời|định kỳ|trực tiếp|bằng văn bản|"
     "đầy đủ|thường xuyên|hằng năm|hàng năm|hằng tháng|hàng tháng))*\\s+"
     "(?:(?<prep>về|lên|tới|đến|cho)\\s+)?",
     NULL, 0, "after the verb: the receiver follows directly",
     " kịp thời về "},
    {"report_prep", "(?<![\\p{L}])(?:về|lên|tới)\\s+(?<to>)", NULL, 0,
     "the receiver after the thing reported: \"báo cáo kết quả về X\"",
     "kết quả thực hiện về Sở"},
    {"report_prep",
     "(?<![\\p{L}])tại\\s+(?:các\\s+)?kỳ họp(?:\\s+[^\\s;.:]+){0,8}?\\s+của\\s+"
     "(?<to>)",
     "kỳ họp", 0,
     "a council's session: \"báo cáo kết quả tại kỳ họp thường lệ cuối năm "
     "của Hội đồng nhân dân tỉnh\"",
     "tại kỳ họp thường lệ cuối năm của Hội đồng nhân dân tỉnh"},
    {"report_and", "\\G\\s*(?:,\\s*(?:và\\s+)?|và\\s+)(?<to>)", NULL, 0,
     "another receiver after the first one's channel: \"báo cáo Bộ Công an "
     "(qua Cục X) và UBND tỉnh\"",
     " và "},
    {"report_with", "(?<![\\p{L}])với\\s+(?<to>)", "với", 0,
     "\"báo cáo ... với X\"", "với Ủy ban nhân dân tỉnh"},
    {"report_via",
     "(?:\\(\\s*|(?<![\\p{L}]))(?:thông qua|qua)\\s+(?<via>)", "qua", 0,
     "the body a report passes through", "(qua Phòng Lao động - TB&XH)"},
    {"report_noun",
     "(?<![\\p{L}])(?:[Bb]áo cáo|[Dd]anh sách|[Kk]ết quả|[Ss]ố liệu|"
     "[Kk]ế hoạch)(?![\\p{L}])",
     "áo cáo|anh sách|ết quả|ố liệu|ế hoạch", 0,
     "what makes \"gửi X\" a report", "lập danh sách"},
    {"tbl_time", "^(?:Thời gian|Thời hạn|Tiến độ|Thời điểm)", NULL,
     VB_RULE_CASELESS, "a task table's column of deadlines",
     "Thời gian hoàn thành"},
    {"tbl_lead",
     "^(?:(?:Cơ quan|Đơn vị)(?:\\s+(?:chủ trì|thực hiện|chịu trách nhiệm|"
     "tham mưu))|Chủ trì|Trách nhiệm)",
     NULL, VB_RULE_CASELESS, "a task table's column of units in charge",
     "Cơ quan chủ trì"},
    {"tbl_task",
     "^(?:Nội dung|Nhiệm vụ|Công việc|Tên nhiệm vụ|Hoạt động|Giải pháp)",
     NULL, VB_RULE_CASELESS, "a task table's column of tasks",
     "Nội dung thực hiện"},
#undef DUTY_THUC_HIEN
#undef DUTY_NHIEM
#undef DUTY_KINDS
#undef DUTY_KIND_NEXT
#undef DUTY_SPLIT_KINDS
#undef DUTY_SPLIT_WHOLE
#undef DUTY_HOUR
#undef DUTY_EVERY
#undef DUTY_RECUR
    /* ==== end of duties ==== */
};

const size_t vb_rule_count = sizeof vb_rules / sizeof vb_rules[0];
