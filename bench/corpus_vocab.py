"""bench/corpus_vocab.py: the words gen_corpus.py varies real plans with:
themes and their phrases, departments, bodies, districts, people's names,
synonyms, sentences per theme, and the 63 provinces (bench/data/provinces.tsv).
Facts of Vietnamese administration, not drawn from any one document."""

import os
import random

HERE = os.path.dirname(os.path.abspath(__file__))
PROVINCES_TSV = os.path.join(HERE, "data", "provinces.tsv")

# ---------------------------------------------------------------------------
# Vocabulary

THEMES = [
    # (phrase used in titles and bodies, key phrases, name of an action month or None)
    ("bình đẳng giới và phòng ngừa, ứng phó với bạo lực trên cơ sở giới",
     ["bạo lực trên cơ sở giới", "quyền năng của phụ nữ và trẻ em gái", "định kiến giới",
      "lồng ghép giới"], "Tháng hành động vì bình đẳng giới và phòng ngừa, ứng phó với bạo lực trên cơ sở giới"),
    ("phòng, chống ma túy",
     ["tệ nạn ma túy", "cai nghiện ma túy", "người sử dụng trái phép chất ma túy",
      "tội phạm về ma túy"], "Tháng hành động phòng, chống ma túy"),
    ("bảo đảm trật tự, an toàn giao thông",
     ["tai nạn giao thông", "đội mũ bảo hiểm khi đi mô tô, xe máy", "nồng độ cồn",
      "văn hóa giao thông"], "Tháng an toàn giao thông"),
    ("chuyển đổi số",
     ["chính quyền số", "kinh tế số", "dịch vụ công trực tuyến", "nền tảng số",
      "kỹ năng số"], None),
    ("xây dựng nông thôn mới",
     ["tiêu chí nông thôn mới", "xã nông thôn mới nâng cao", "sản phẩm OCOP",
      "thu nhập của người dân nông thôn"], None),
    ("giảm nghèo bền vững",
     ["hộ nghèo, hộ cận nghèo", "đa dạng hóa sinh kế", "chuẩn nghèo đa chiều",
      "vốn tín dụng chính sách"], None),
    ("phòng, chống thiên tai và tìm kiếm cứu nạn",
     ["mưa lũ, sạt lở đất", "phương châm bốn tại chỗ", "di dời dân khỏi vùng nguy hiểm",
      "công trình đê điều"], None),
    ("cải cách hành chính",
     ["thủ tục hành chính", "cơ chế một cửa, một cửa liên thông", "chỉ số PAR INDEX",
      "sự hài lòng của người dân"], None),
    ("phổ biến, giáo dục pháp luật",
     ["tủ sách pháp luật", "hòa giải ở cơ sở", "Ngày Pháp luật Việt Nam",
      "tiếp cận pháp luật của người dân"], None),
    ("phòng cháy, chữa cháy",
     ["cháy, nổ", "phương tiện phòng cháy, chữa cháy", "lối thoát nạn",
      "đội dân phòng"], "Tháng cao điểm phòng cháy, chữa cháy"),
    ("bảo đảm an toàn thực phẩm",
     ["ngộ độc thực phẩm", "cơ sở sản xuất, kinh doanh thực phẩm", "thức ăn đường phố",
      "truy xuất nguồn gốc"], "Tháng hành động vì an toàn thực phẩm"),
    ("bảo vệ, chăm sóc trẻ em",
     ["xâm hại trẻ em", "phòng, chống đuối nước trẻ em", "trẻ em có hoàn cảnh đặc biệt",
      "quyền trẻ em"], "Tháng hành động vì trẻ em"),
    ("phòng, chống dịch COVID-19",
     ["tiêm vắc xin phòng COVID-19", "khai báo y tế", "cách ly y tế",
      "thông điệp 5K"], None),
    ("bảo vệ môi trường",
     ["rác thải nhựa", "chất thải rắn sinh hoạt", "Ngày Môi trường thế giới",
      "ô nhiễm nguồn nước"], None),
    ("chăm sóc và phát huy vai trò người cao tuổi",
     ["người cao tuổi", "câu lạc bộ liên thế hệ tự giúp nhau", "chúc thọ, mừng thọ",
      "khám sức khỏe định kỳ"], "Tháng hành động vì người cao tuổi Việt Nam"),
    ("an toàn, vệ sinh lao động",
     ["tai nạn lao động", "bệnh nghề nghiệp", "huấn luyện an toàn, vệ sinh lao động",
      "người lao động"], "Tháng hành động về an toàn, vệ sinh lao động"),
    ("phòng, chống mua bán người",
     ["nạn nhân bị mua bán", "tội phạm mua bán người", "di cư an toàn",
      "tiếp nhận, hỗ trợ nạn nhân"], None),
    ("công tác dân số và phát triển",
     ["mất cân bằng giới tính khi sinh", "mức sinh thay thế", "chất lượng dân số",
      "tầm soát trước sinh và sơ sinh"], "Tháng hành động quốc gia về dân số"),
    ("phát triển du lịch",
     ["sản phẩm du lịch đặc thù", "du lịch cộng đồng", "xúc tiến, quảng bá du lịch",
      "hạ tầng du lịch"], None),
    ("thực hiện dân chủ ở cơ sở",
     ["quy chế dân chủ ở cơ sở", "dân biết, dân bàn, dân làm, dân kiểm tra",
      "hương ước, quy ước", "đối thoại với Nhân dân"], None),
]
GENDER = 0  # index of the theme the seed plans are about

DEPARTMENTS = [
    # (name, abbreviation used in symbols and "Nơi nhận")
    ("Sở Lao động - Thương binh và Xã hội", "LĐTBXH"),
    ("Sở Tài chính", "STC"),
    ("Sở Kế hoạch và Đầu tư", "SKHĐT"),
    ("Sở Thông tin và Truyền thông", "STTTT"),
    ("Sở Văn hóa, Thể thao và Du lịch", "SVHTTDL"),
    ("Sở Y tế", "SYT"),
    ("Sở Giáo dục và Đào tạo", "SGDĐT"),
    ("Sở Tư pháp", "STP"),
    ("Sở Nội vụ", "SNV"),
    ("Sở Nông nghiệp và Phát triển nông thôn", "SNN"),
    ("Sở Tài nguyên và Môi trường", "STNMT"),
    ("Sở Khoa học và Công nghệ", "SKHCN"),
    ("Sở Công Thương", "SCT"),
    ("Sở Giao thông vận tải", "SGTVT"),
    ("Sở Xây dựng", "SXD"),
    ("Sở Ngoại vụ", "SNgV"),
]
# The department in charge of each theme (index into DEPARTMENTS, or a body).
THEME_LEAD = ["Sở Lao động - Thương binh và Xã hội", "Công an tỉnh", "Sở Giao thông vận tải",
              "Sở Thông tin và Truyền thông", "Sở Nông nghiệp và Phát triển nông thôn",
              "Sở Lao động - Thương binh và Xã hội", "Sở Nông nghiệp và Phát triển nông thôn",
              "Sở Nội vụ", "Sở Tư pháp", "Công an tỉnh", "Sở Y tế",
              "Sở Lao động - Thương binh và Xã hội", "Sở Y tế", "Sở Tài nguyên và Môi trường",
              "Sở Lao động - Thương binh và Xã hội", "Sở Lao động - Thương binh và Xã hội",
              "Công an tỉnh", "Sở Y tế", "Sở Văn hóa, Thể thao và Du lịch", "Sở Nội vụ"]
PROVINCIAL_BODIES = ["Công an tỉnh", "Ban Dân tộc tỉnh", "Bảo hiểm xã hội tỉnh",
                     "Bộ Chỉ huy Quân sự tỉnh", "Hội Liên hiệp Phụ nữ tỉnh", "Tỉnh Đoàn",
                     "Liên đoàn Lao động tỉnh", "Hội Nông dân tỉnh", "Hội Cựu chiến binh tỉnh",
                     "Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh"]
MASS_ORGS = [("HỘI LIÊN HIỆP PHỤ NỮ", "KH-HPN"), ("TỈNH ĐOÀN", "KH-TĐTN"),
             ("LIÊN ĐOÀN LAO ĐỘNG", "KH-LĐLĐ"), ("HỘI NÔNG DÂN", "KH-HND")]
DISTRICT_UNITS = ["Phòng Lao động - Thương binh và Xã hội", "Phòng Tài chính - Kế hoạch",
                  "Phòng Văn hóa và Thông tin", "Phòng Giáo dục và Đào tạo", "Phòng Y tế",
                  "Phòng Tư pháp", "Phòng Nội vụ", "Phòng Nông nghiệp và Phát triển nông thôn",
                  "Phòng Tài nguyên và Môi trường", "Công an huyện",
                  "Trung tâm Văn hóa - Thể thao", "Đài Truyền thanh - Truyền hình huyện"]
DEPT_UNITS = ["Văn phòng Sở", "Thanh tra Sở", "Phòng Kế hoạch - Tài chính",
              "Phòng Tổ chức cán bộ", "Phòng Quản lý chuyên ngành", "Trung tâm Dịch vụ công",
              "Các phòng chuyên môn, đơn vị trực thuộc Sở"]
# Real district-level names; each province is given a few of them
# deterministically (the pairing is synthetic).
DISTRICTS = [
    "Yên Thế", "Lục Ngạn", "Sơn Động", "Ba Bể", "Chợ Đồn", "Ngân Sơn", "Mường Lay", "Tủa Chùa",
    "Mường Nhé", "Mộc Châu", "Thuận Châu", "Sông Mã", "Bắc Yên", "Quỳnh Nhai", "Than Uyên",
    "Tam Đường", "Sìn Hồ", "Bát Xát", "Bảo Thắng", "Sa Pa", "Mù Cang Chải", "Trạm Tấu",
    "Văn Chấn", "Lục Yên", "Chiêm Hóa", "Na Hang", "Hàm Yên", "Đồng Văn", "Mèo Vạc",
    "Hoàng Su Phì", "Bảo Lạc", "Trùng Khánh", "Hà Quảng", "Tràng Định", "Bình Gia", "Cao Lộc",
    "Đình Lập", "Tiên Yên", "Ba Chẽ", "Đầm Hà", "Võ Nhai", "Định Hóa", "Phú Lương", "Đoan Hùng",
    "Thanh Sơn", "Tân Sơn", "Lập Thạch", "Tam Dương", "Gia Bình", "Lương Tài", "Kim Bảng",
    "Lý Nhân", "Giao Thủy", "Hải Hậu", "Kim Sơn", "Nho Quan", "Tiền Hải", "Quỳnh Phụ",
    "Ninh Giang", "Thanh Miện", "Khoái Châu", "Ân Thi", "Mường Lát", "Quan Hóa", "Ngọc Lặc",
    "Tĩnh Gia", "Kỳ Sơn", "Tương Dương", "Quỳ Châu", "Hương Khê", "Kỳ Anh", "Minh Hóa",
    "Tuyên Hóa", "Hướng Hóa", "Đakrông", "A Lưới", "Nam Đông", "Tây Giang", "Nam Trà My",
    "Ba Tơ", "Sơn Tây", "An Lão", "Vĩnh Thạnh", "Đồng Xuân", "Sông Hinh", "Khánh Vĩnh",
    "Bác Ái", "Tuy Phong", "Đắk Glei", "Tu Mơ Rông", "Kbang", "Chư Prông", "Ea Súp", "Lắk",
    "Krông Nô", "Tuy Đức", "Lạc Dương", "Đam Rông", "Bù Gia Mập", "Lộc Ninh", "Tân Châu",
    "Dầu Tiếng", "Định Quán", "Xuyên Mộc", "Cần Giờ", "Tân Hưng", "Cần Đước", "Gò Công Đông",
    "Thạnh Phú", "Cầu Ngang", "Tam Bình", "Tháp Mười", "An Phú", "Tri Tôn", "Kiên Hải",
    "Phong Điền", "Long Mỹ", "Cù Lao Dung", "Hồng Dân", "Ngọc Hiển", "Năm Căn",
]
FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi",
          "Đỗ", "Hồ", "Ngô", "Dương", "Lý", "Triệu", "Lò", "Hà", "Lường", "Nông", "Hầu", "Sùng",
          "Tráng", "Đinh", "Lương", "Mai", "Trịnh", "Quàng", "Cầm"]
MIDDLE = ["Văn", "Thị", "Đức", "Minh", "Ngọc", "Thanh", "Quang", "Hữu", "Xuân", "Thu", "Duy",
          "Thế", "Mạnh", "Hồng", "Kim", "Anh", "Công", "Bá", "Đình", "Trọng"]
GIVEN = ["Hưng", "Sơn", "Trung", "Xuân", "Lan", "Hoa", "Tuấn", "Dũng", "Hải", "Hùng", "Thắng",
         "Bình", "Phương", "Hà", "Linh", "Nam", "Long", "Cường", "Thủy", "Hạnh", "Quyết",
         "Chiến", "Thành", "Toàn", "Tùng", "Nga", "Huyền", "Khánh", "Vinh", "Lợi", "Thơm",
         "Chung", "Hiếu", "Đông", "Yến", "Quỳnh", "Trường", "Phúc", "Khoa", "Tâm"]
RECIPIENTS_TOP = ["Bộ Lao động - TB&XH (b/c)", "Bộ Công an (b/c)", "Bộ Y tế (b/c)",
                  "Bộ Thông tin và Truyền thông (b/c)", "Ủy ban quốc gia vì sự tiến bộ của phụ nữ (b/c)"]
NUMBER_WORDS = ["01", "02", "03", "04", "05"]

# Synonym groups: each occurrence of a member may be replaced by another member.
SYNONYMS = [
    ["tăng cường", "đẩy mạnh"],
    ["hằng năm", "hàng năm"],
    ["cơ quan, đơn vị", "cơ quan, tổ chức", "cơ quan, đơn vị, địa phương"],
    ["trên địa bàn", "tại địa bàn"],
    ["kịp thời", "nhanh chóng, kịp thời"],
    ["đặc biệt là", "nhất là", "trong đó chú trọng"],
    ["nghiêm túc", "đầy đủ, nghiêm túc"],
    ["hướng dẫn", "hướng dẫn, đôn đốc"],
    ["tổ chức thực hiện", "tổ chức triển khai", "triển khai thực hiện"],
    ["thiết thực, hiệu quả", "hiệu quả, thiết thực", "thiết thực, hiệu quả, tiết kiệm"],
    ["phương tiện thông tin đại chúng", "cơ quan báo chí", "phương tiện truyền thông"],
    ["nâng cao nhận thức", "nâng cao nhận thức, chuyển đổi hành vi"],
    ["phối hợp với", "phối hợp chặt chẽ với"],
    ["kiểm tra, giám sát", "theo dõi, kiểm tra, giám sát"],
    ["công tác tuyên truyền", "công tác thông tin, tuyên truyền"],
]

# Sentences written for every theme: {T} theme, {K} a key phrase, {P} province,
# {Y} year, {U} a unit, {G} a target group.
THEME_SENTENCES = [
    "Tổ chức quán triệt, triển khai các văn bản của Trung ương và của tỉnh về {T} đến cán bộ, công chức, viên chức và người lao động.",
    "Đẩy mạnh công tác thông tin, tuyên truyền về {K}, gắn với việc thực hiện các nhiệm vụ phát triển kinh tế - xã hội của địa phương năm {Y}.",
    "Nâng cao nhận thức, trách nhiệm của cấp ủy, chính quyền, các cơ quan, đơn vị và {G} về {T}; coi đây là nhiệm vụ thường xuyên, lâu dài.",
    "Rà soát, đánh giá thực trạng {K} trên địa bàn tỉnh {P}; xác định địa bàn trọng điểm, nhóm đối tượng cần ưu tiên để có giải pháp phù hợp.",
    "Lồng ghép nội dung {T} vào các chương trình, đề án, kế hoạch phát triển kinh tế - xã hội giai đoạn {Y}-{Y5} của các sở, ngành, địa phương.",
    "Tổ chức các lớp tập huấn, bồi dưỡng kiến thức, kỹ năng về {K} cho đội ngũ cán bộ làm công tác {T} ở cấp huyện, cấp xã.",
    "Xây dựng, nhân rộng các mô hình điểm về {K}; biểu dương, khen thưởng kịp thời các tập thể, cá nhân có thành tích tiêu biểu.",
    "Phấn đấu đến hết năm {Y}, 100% xã, phường, thị trấn triển khai các hoạt động về {T}; ít nhất {NN} mô hình được duy trì hiệu quả.",
    "Tăng cường công tác kiểm tra, giám sát việc thực hiện các quy định về {K}; xử lý nghiêm các hành vi vi phạm theo quy định của pháp luật.",
    "Huy động sự tham gia của Ủy ban Mặt trận Tổ quốc Việt Nam, các tổ chức chính trị - xã hội và {G} trong công tác {T}.",
    "Đổi mới nội dung, hình thức truyền thông về {K}; ưu tiên truyền thông trên nền tảng số, mạng xã hội và hệ thống thông tin cơ sở.",
    "Treo băng rôn, khẩu hiệu, pa nô, áp phích tuyên truyền về {T} tại trụ sở cơ quan, các tuyến đường chính và khu dân cư.",
    "Tổ chức hội nghị sơ kết, tổng kết, đánh giá kết quả thực hiện {T}, rút ra bài học kinh nghiệm và đề xuất giải pháp cho năm {Y1}.",
    "Bố trí kinh phí từ nguồn ngân sách nhà nước và các nguồn hợp pháp khác để thực hiện các hoạt động về {K} theo phân cấp ngân sách hiện hành.",
    "Chỉ đạo các đơn vị trực thuộc xây dựng kế hoạch cụ thể về {T}, xác định rõ nội dung, thời gian, tiến độ và trách nhiệm thực hiện.",
    "Phát huy vai trò của người có uy tín, già làng, trưởng bản, trưởng thôn, tổ dân phố trong tuyên truyền, vận động Nhân dân về {K}.",
    "Tập trung hỗ trợ {G} ở vùng đồng bào dân tộc thiểu số và miền núi, vùng có điều kiện kinh tế - xã hội đặc biệt khó khăn về {K}.",
    "Thực hiện tốt công tác phối hợp liên ngành trong {T}; định kỳ giao ban, trao đổi thông tin, kịp thời tháo gỡ khó khăn, vướng mắc.",
    "Ứng dụng công nghệ thông tin trong quản lý, theo dõi, tổng hợp số liệu về {K}; cập nhật đầy đủ dữ liệu vào phần mềm chuyên ngành.",
    "Tổ chức các cuộc thi tìm hiểu, sân khấu hóa, giao lưu văn nghệ, thể thao với chủ đề {T} thu hút đông đảo {G} tham gia.",
    "Kiện toàn Ban Chỉ đạo, tổ công tác về {T} các cấp; phân công nhiệm vụ cụ thể cho từng thành viên.",
    "Chủ động xây dựng phương án, bố trí lực lượng, phương tiện sẵn sàng ứng phó với các tình huống phát sinh liên quan đến {K}.",
    "Đưa chỉ tiêu về {K} vào tiêu chí đánh giá, xếp loại thi đua hằng năm của các cơ quan, đơn vị, địa phương.",
    "Cung cấp thông tin về {T} cho Báo {P}, Đài Phát thanh và Truyền hình {P} để đăng tải, phát sóng trong các chuyên trang, chuyên mục.",
    "Tổ chức đối thoại, lắng nghe ý kiến, kiến nghị của {G} về {K} để kịp thời giải quyết theo thẩm quyền.",
]
TARGET_GROUPS = ["người dân", "thanh niên", "phụ nữ", "học sinh, sinh viên", "người lao động",
                 "hội viên, đoàn viên", "người cao tuổi", "doanh nghiệp", "cán bộ, công chức"]

# ---------------------------------------------------------------------------
# Provinces


def load_provinces():
    """[(name, kind)] for the 63 provinces, from bench/data/provinces.tsv."""
    out = []
    with open(PROVINCES_TSV, encoding="utf-8") as f:
        for line in f:
            if line.startswith("#") or line.startswith("name_before"):
                continue
            cols = line.rstrip("\n").split("\t")
            if len(cols) >= 2 and cols[0]:
                out.append((cols[0], cols[1]))
    return out


PROVINCES = load_provinces()


def province_districts(pi):
    """A stable handful of districts for province index pi."""
    r = random.Random(9000 + pi)
    return r.sample(DISTRICTS, 4)
