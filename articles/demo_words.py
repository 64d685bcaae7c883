"""The building blocks of `seed_demo`'s articles and comments (articles/demo.py).

Plain Vietnamese as the city's notices and its readers write it. A template's
`{slot}` is filled by articles/demo.py: the topic's own lists first (below),
then the article's values (district, dates, document numbers), then COMMON.
Officials are named by office only ("Phó Chủ tịch UBND thành phố"): demo text
must not put words in real people's mouths.
"""

# Districts and towns of Hà Nội before the 2025 reform (the demo spans years).
DISTRICTS = [
    "quận Ba Đình", "quận Hoàn Kiếm", "quận Tây Hồ", "quận Long Biên", "quận Cầu Giấy",
    "quận Đống Đa", "quận Hai Bà Trưng", "quận Hoàng Mai", "quận Thanh Xuân",
    "quận Nam Từ Liêm", "quận Bắc Từ Liêm", "quận Hà Đông", "thị xã Sơn Tây", "huyện Ba Vì",
    "huyện Chương Mỹ", "huyện Đan Phượng", "huyện Đông Anh", "huyện Gia Lâm",
    "huyện Hoài Đức", "huyện Mê Linh", "huyện Mỹ Đức", "huyện Phú Xuyên", "huyện Phúc Thọ",
    "huyện Quốc Oai", "huyện Sóc Sơn", "huyện Thạch Thất", "huyện Thanh Oai",
    "huyện Thanh Trì", "huyện Thường Tín", "huyện Ứng Hòa",
]  # fmt: skip

LEADERS = [
    "Chủ tịch UBND thành phố",
    "Phó Chủ tịch UBND thành phố",
    "Phó Chủ tịch Thường trực UBND thành phố",
]

# Document kinds and the office code after the number: "Thông báo số 540/TB-VP".
DOCUMENTS = [
    ("Thông báo", "/TB-VP"),
    ("Thông báo", "/TB-UBND"),
    ("Kế hoạch", "/KH-UBND"),
    ("Quyết định", "/QĐ-UBND"),
    ("Chỉ thị", "/CT-UBND"),
    ("Công văn", "/UBND-ĐT"),
    ("Công văn", "/UBND-KGVX"),
    ("Văn bản", "/VP-TH"),
]

# Pen names, as bylines stand under the notices.
AUTHORS = [
    "Quốc Bảo", "Minh Anh", "Thu Hà", "Hải Nam", "Ngọc Lan", "Phương Thảo", "Đức Trung",
    "Thanh Tùng", "Hồng Nhung", "Việt Dũng", "Bảo Ngọc", "Hoài Thu", "Mạnh Hùng",
    "Lan Hương", "Tuấn Anh", "Khánh Linh", "Đình Khôi", "Mai Phương", "Trọng Nghĩa",
    "Hà Linh", "Quang Minh", "Thúy Nga", "Xuân Trường", "Kim Oanh",
]  # fmt: skip

SURNAMES = [
    "Nguyễn", "Nguyễn", "Nguyễn", "Trần", "Trần", "Lê", "Lê", "Phạm", "Hoàng", "Huỳnh",
    "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô", "Dương", "Lý", "Đào", "Đinh",
    "Trịnh", "Mai", "Tạ", "Lương", "Chu", "Kiều",
]  # fmt: skip
# (middle names, given names) that go together.
MEN = (
    ["Văn", "Đức", "Hữu", "Quang", "Minh", "Mạnh", "Xuân", "Tiến", "Công", "Thành"],
    ["Hùng", "Dũng", "Nam", "Tuấn", "Long", "Hải", "Sơn", "Thắng", "Cường", "Bình",
     "Quân", "Phong", "Trung", "Hiếu", "Khoa", "Đạt", "Tùng", "Việt"],
)  # fmt: skip
WOMEN = (
    ["Thị", "Thu", "Ngọc", "Thanh", "Hồng", "Phương", "Minh", "Kim", "Bích", "Thùy"],
    ["Hoa", "Lan", "Hương", "Mai", "Hạnh", "Nga", "Thảo", "Linh", "Trang", "Huyền",
     "Yến", "Hà", "Loan", "Vân", "Dung", "Ngân", "Quỳnh", "Oanh"],
)  # fmt: skip

# What every article may say, whatever its topic.
COMMON = {
    "plan": [
        "Kế hoạch của UBND thành phố",
        "chỉ đạo của Thành ủy, UBND thành phố",
        "Chương trình công tác năm của UBND thành phố",
    ],
    "demand": [
        "UBND thành phố yêu cầu các sở, ban, ngành, UBND các quận, huyện, thị xã khẩn "
        "trương triển khai thực hiện nhiệm vụ được giao, báo cáo kết quả về Văn phòng "
        "UBND thành phố trước ngày {deadline}.",
        "Giao {agency} chủ trì, phối hợp với các đơn vị liên quan hướng dẫn, kiểm tra, "
        "đôn đốc việc thực hiện; tổng hợp khó khăn, vướng mắc, đề xuất UBND thành phố "
        "xem xét, giải quyết.",
        "Thủ trưởng các cơ quan, đơn vị chịu trách nhiệm trước UBND thành phố nếu để "
        "chậm tiến độ, ảnh hưởng đến kết quả chung của thành phố.",
        "{Leader} đề nghị các đơn vị tiếp tục rà soát, hoàn thiện phương án, bảo đảm "
        "tiết kiệm, hiệu quả, đúng quy định của pháp luật.",
        "Các cơ quan báo chí của thành phố được đề nghị tăng cường thông tin, tuyên "
        "truyền để người dân, doanh nghiệp biết, đồng thuận và cùng thực hiện.",
        "UBND {district} được giao rà soát trên địa bàn, lập danh sách các trường hợp "
        "cần hỗ trợ, gửi {agency} trước ngày {deadline} để tổng hợp.",
        "{Agency} được giao theo dõi, tổng hợp kết quả, định kỳ hằng quý báo cáo UBND thành phố.",
        "Trong quá trình triển khai, nếu có khó khăn, vướng mắc, các đơn vị kịp thời "
        "báo cáo, đề xuất qua {agency} để tổng hợp, trình UBND thành phố.",
    ],
    "result": [
        "Sau {months} tháng triển khai, đã có {n} lượt kiểm tra, phát hiện và xử lý "
        "{small} trường hợp vi phạm.",
        "Theo báo cáo, {percent}% chỉ tiêu của năm đã hoàn thành, cao hơn cùng kỳ năm trước.",
        "Đến nay, {n} hồ sơ đã được tiếp nhận và giải quyết đúng hạn, không có hồ sơ tồn đọng.",
        "Kết quả này có sự đóng góp tích cực của chính quyền cơ sở và sự đồng thuận của "
        "người dân trên địa bàn.",
        "Bên cạnh kết quả đạt được, việc triển khai ở một số nơi còn chậm, chưa đáp ứng yêu "
        "cầu đề ra.",
        "Công tác phối hợp giữa các sở, ngành và địa phương có chuyển biến rõ rệt.",
    ],
    "leader": LEADERS,
}

# Comments any article may get, per moderation outcome. Rejected ones are
# off-topic or advertising, never abuse: this is demo data for newcomers.
COMMENT_SENTENCES = [
    "Tôi hoàn toàn đồng tình với chủ trương này của thành phố.",
    "Đề nghị các cơ quan chức năng kiểm tra, xử lý nghiêm các trường hợp vi phạm.",
    "Mong thành phố sớm triển khai để người dân được hưởng lợi.",
    "Khu vực {district} nơi gia đình tôi sinh sống cũng đang gặp tình trạng tương tự.",
    "Cảm ơn Cổng Giao tiếp điện tử đã thông tin kịp thời.",
    "Đề nghị công khai kết quả thực hiện để người dân cùng giám sát.",
    "Chủ trương thì đúng nhưng cần làm đến nơi đến chốn, tránh hình thức.",
    "Tôi xin hỏi thời gian cụ thể khi nào bắt đầu thực hiện?",
    "Rất mong chính quyền {district} quan tâm, giải quyết dứt điểm.",
    "Người dân chúng tôi sẵn sàng phối hợp với chính quyền địa phương.",
]
COMMENT_TITLES = [
    "Ý kiến về {short}",
    "Góp ý về {short}",
    "Đề nghị quan tâm {short}",
    "Hỏi thêm về {short}",
    "Ủng hộ chủ trương của thành phố",
    "Cảm ơn thành phố",
    "Phản ánh từ {district}",
]
REJECTED_COMMENTS = [
    (
        "Dịch vụ làm hồ sơ nhanh",
        "Nhận làm hồ sơ, giấy tờ nhanh trong ngày, giá rẻ, liên hệ qua trang cá nhân.",
    ),
    ("Bán đất nền giá tốt", "Cần bán gấp lô đất nền sổ đỏ chính chủ, ai quan tâm nhắn tin."),
    ("Không liên quan", "Mọi người ơi cho hỏi có ai biết quán phở nào ngon ở gần đây không?"),
    ("Tuyển cộng tác viên", "Tuyển cộng tác viên làm việc tại nhà, thu nhập hấp dẫn."),
]

# Browsers readers of the portal use; Cốc Cốc is a Vietnamese one.
USER_AGENTS = [
    "Mozilla/5.0 (Linux; Android 14; SM-A556E) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/131.0.6778.104 Mobile Safari/537.36",
    "Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 "
    "(KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1",
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
    "coc_coc_browser/137.0.200 Chrome/131.0.6778.200 Safari/537.36",
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/131.0.0.0 Safari/537.36",
    "Mozilla/5.0 (Linux; Android 13; Redmi Note 12) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/130.0.6723.107 Mobile Safari/537.36",
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0",
    "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) "
    "Version/18.1 Safari/605.1.15",
    "Mozilla/5.0 (Linux; Android 12; CPH2211) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/129.0.6668.100 Mobile Safari/537.36 Zalo android/12100630",
]

# A topic: the office in charge and what is said about it. Keys:
# agency/Agency: the department that leads (as a sentence goes on / starts);
# place: where things happen; subject: "về <subject>" in a notice;
# directive: a title of "Chỉ đạo điều hành"; news: a title of "Tin tức - Sự
# kiện"; procedure: a title of "Thủ tục hành chính" after "Hướng dẫn thủ tục";
# question: a reader's question after "Hỏi về"; short: what a comment's
# title is about; sentence: body sentences; comment: readers' sentences.
TOPICS = {
    "giao thông": {
        "agency": ["Sở Giao thông vận tải"],
        "place": [
            "nút giao Nguyễn Trãi - Khuất Duy Tiến",
            "đường Vành đai 2",
            "cầu Vĩnh Tuy",
            "tuyến đường Giải Phóng",
            "nút giao Kim Mã - Liễu Giai",
            "Quốc lộ 32",
        ],
        "subject": [
            "công tác bảo đảm trật tự an toàn giao thông dịp Tết Nguyên đán",
            "phương án tổ chức giao thông tại {place}",
            "tiến độ các dự án giao thông trọng điểm của thành phố",
            "phát triển mạng lưới xe buýt và đường sắt đô thị",
        ],
        "directive": [
            "Tăng cường kiểm tra, xử lý vi phạm trật tự an toàn giao thông trên địa bàn {district}",
            "Đẩy nhanh tiến độ dự án cải tạo {place}",
            "Bảo đảm trật tự an toàn giao thông dịp Tết Nguyên đán",
            "Khắc phục tình trạng ùn tắc giao thông tại {place}",
        ],
        "news": [
            "Thông xe kỹ thuật cầu vượt tại {place}",
            "Phân luồng giao thông phục vụ thi công {place}",
            "Mở thêm tuyến xe buýt kết nối trung tâm với {district}",
            "Ra quân xử lý xe quá tải trên {place}",
        ],
        "procedure": [
            "cấp, đổi giấy phép lái xe",
            "cấp giấy phép thi công công trình trên đường bộ đang khai thác",
            "đăng ký xe máy chuyên dùng",
        ],
        "question": [
            "thời hạn đổi giấy phép lái xe",
            "phương án phân luồng giao thông tại {place}",
            "việc lắp đặt đèn tín hiệu giao thông tại {district}",
        ],
        "short": ["ùn tắc giao thông", "tuyến xe buýt mới", "an toàn giao thông"],
        "sentence": [
            "Lực lượng cảnh sát giao thông được bố trí thường trực tại {place} vào giờ "
            "cao điểm sáng từ 6 giờ 30 đến 9 giờ và chiều từ 16 giờ 30 đến 19 giờ.",
            "Sở Giao thông vận tải đã phối hợp với Công an thành phố điều chỉnh chu kỳ "
            "đèn tín hiệu, tổ chức lại các làn xe tại {place}.",
            "Các phương tiện lưu thông qua khu vực thi công đi theo sơ đồ phân luồng và "
            "biển báo hướng dẫn được lắp đặt tại hiện trường.",
            "Trong {months} tháng qua, lực lượng chức năng đã lập biên bản {n} trường hợp "
            "vi phạm, tạm giữ {small} phương tiện.",
            "Chủ đầu tư cam kết hoàn thành thi công, hoàn trả mặt bằng trước ngày "
            "{deadline}, giảm thiểu ảnh hưởng đến người tham gia giao thông.",
            "Mạng lưới xe buýt của thành phố hiện có hơn {many} lượt xe mỗi ngày, đáp ứng "
            "khoảng {percent}% nhu cầu đi lại của người dân.",
            "Sở Giao thông vận tải đề nghị người dân chủ động lựa chọn lộ trình phù hợp, chấp "
            "hành hướng dẫn của lực lượng điều tiết giao thông.",
            "Dự án có chiều dài khoảng {small} km, được đầu tư từ nguồn vốn ngân sách thành phố.",
            "Các đơn vị thi công được yêu cầu rào chắn, che chắn công trường, bố trí người cảnh "
            "giới vào ban đêm.",
        ],
        "comment": [
            "Đoạn đường gần nhà tôi thường xuyên ùn tắc vào giờ tan tầm.",
            "Đề nghị bố trí thêm lực lượng phân luồng vào giờ cao điểm buổi sáng.",
            "Tuyến xe buýt mới rất thuận tiện cho học sinh, sinh viên.",
        ],
    },
    "y tế": {
        "agency": ["Sở Y tế"],
        "place": [
            "Bệnh viện Đa khoa Đức Giang",
            "Bệnh viện Thanh Nhàn",
            "Trung tâm Kiểm soát bệnh tật thành phố",
            "các trạm y tế xã, phường",
        ],
        "subject": [
            "công tác phòng, chống dịch sốt xuất huyết",
            "tiêm chủng mở rộng cho trẻ em dưới 5 tuổi",
            "bảo đảm an toàn thực phẩm dịp Tết",
            "nâng cao chất lượng khám, chữa bệnh tại {place}",
        ],
        "directive": [
            "Tập trung phòng, chống dịch sốt xuất huyết trên địa bàn thành phố",
            "Tăng cường kiểm tra an toàn thực phẩm tại {district}",
            "Bảo đảm cung ứng thuốc, vật tư y tế cho các cơ sở khám, chữa bệnh",
            "Triển khai chiến dịch tiêm chủng bổ sung cho trẻ em",
        ],
        "news": [
            "Khám sàng lọc miễn phí cho người cao tuổi tại {district}",
            "{Place} đưa vào sử dụng khu điều trị mới",
            "Ra quân diệt bọ gậy, phòng chống sốt xuất huyết tại {district}",
        ],
        "procedure": [
            "cấp giấy chứng nhận cơ sở đủ điều kiện an toàn thực phẩm",
            "cấp chứng chỉ hành nghề khám bệnh, chữa bệnh",
        ],
        "question": [
            "lịch tiêm chủng cho trẻ tại trạm y tế phường",
            "thủ tục thanh toán bảo hiểm y tế khi khám trái tuyến",
        ],
        "short": ["phòng chống dịch", "tiêm chủng cho trẻ", "an toàn thực phẩm"],
        "sentence": [
            "Từ đầu năm đến nay, toàn thành phố ghi nhận {n} ca mắc sốt xuất huyết, giảm "
            "so với cùng kỳ năm trước.",
            "Sở Y tế đề nghị người dân chủ động diệt muỗi, loại bỏ bọ gậy, đến cơ sở y tế "
            "khi có dấu hiệu sốt cao.",
            "Đoàn kiểm tra liên ngành đã kiểm tra {n} cơ sở sản xuất, kinh doanh thực phẩm, "
            "xử phạt {small} cơ sở vi phạm.",
            "{Place} bố trí cán bộ trực 24/24 giờ, sẵn sàng tiếp nhận, cấp cứu người bệnh.",
            "Tỷ lệ trẻ dưới 1 tuổi được tiêm chủng đầy đủ các loại vắc xin đạt {percent}%.",
            "Các bệnh viện đã chuẩn bị đủ giường bệnh, thuốc và trang thiết bị để tiếp nhận người "
            "bệnh.",
            "Người dân có thể đặt lịch khám trực tuyến để giảm thời gian chờ đợi tại {place}.",
            "Sở Y tế yêu cầu các cơ sở khám, chữa bệnh niêm yết công khai giá dịch vụ, không để "
            "người bệnh chờ lâu.",
        ],
        "comment": [
            "Trạm y tế phường tôi phục vụ rất tận tình, chu đáo.",
            "Đề nghị phun thuốc diệt muỗi ở các khu tập thể cũ.",
            "Mong có thêm buổi khám sàng lọc cho người cao tuổi.",
        ],
    },
    "giáo dục": {
        "agency": ["Sở Giáo dục và Đào tạo"],
        "place": [
            "các trường trung học phổ thông công lập",
            "Trường Tiểu học Dịch Vọng",
            "các trường mầm non",
            "các trường trung học cơ sở",
        ],
        "subject": [
            "kỳ thi tuyển sinh vào lớp 10 trung học phổ thông",
            "công tác chuẩn bị năm học mới",
            "xây dựng trường chuẩn quốc gia",
            "bảo đảm an toàn trường học",
        ],
        "directive": [
            "Chuẩn bị chu đáo kỳ thi tuyển sinh vào lớp 10",
            "Bảo đảm cơ sở vật chất cho năm học mới tại {district}",
            "Tăng cường công tác bảo đảm an toàn trường học",
        ],
        "news": [
            "Khánh thành trường học mới tại {district}",
            "Hơn {many} thí sinh dự thi vào lớp 10 tại {district}",
            "Tuyên dương học sinh đạt giải quốc tế năm học {year}",
        ],
        "procedure": [
            "chuyển trường đối với học sinh trung học cơ sở",
            "cấp bản sao văn bằng, chứng chỉ từ sổ gốc",
        ],
        "question": [
            "tuyển sinh đầu cấp cho trẻ có hộ khẩu tạm trú",
            "điều kiện chuyển trường giữa năm học",
        ],
        "short": ["tuyển sinh lớp 10", "năm học mới", "trường học"],
        "sentence": [
            "Năm nay, toàn thành phố có hơn {many} học sinh tốt nghiệp trung học cơ sở, tăng "
            "so với năm trước.",
            "Sở Giáo dục và Đào tạo yêu cầu các trường hoàn thành sửa chữa, bổ sung cơ sở "
            "vật chất trước ngày {deadline}.",
            "Các điểm thi được bố trí đủ phòng thi, phòng chờ, lực lượng y tế và công an "
            "bảo đảm an ninh, trật tự.",
            "{Place} đã tổ chức tập huấn cho giáo viên về phương pháp dạy học theo chương "
            "trình giáo dục phổ thông mới.",
            "Tỷ lệ trường đạt chuẩn quốc gia của {district} đạt {percent}%.",
            "Các trường được yêu cầu công khai kế hoạch tuyển sinh, chỉ tiêu và các khoản thu "
            "trước khi năm học bắt đầu.",
            "Sở Giáo dục và Đào tạo đã tổ chức {small} đoàn kiểm tra công tác chuẩn bị tại các "
            "quận, huyện.",
            "Phụ huynh có thể tra cứu kết quả tuyển sinh trên cổng thông tin của Sở Giáo dục và "
            "Đào tạo.",
        ],
        "comment": [
            "Con tôi năm nay thi vào lớp 10, mong sớm có hướng dẫn cụ thể.",
            "Đề nghị tăng thêm chỉ tiêu trường công lập ở khu vực đông dân cư.",
            "Trường học mới khang trang, phụ huynh rất phấn khởi.",
        ],
    },
    "môi trường": {
        "agency": ["Sở Tài nguyên và Môi trường"],
        "place": [
            "sông Tô Lịch",
            "hồ Hoàn Kiếm",
            "sông Nhuệ",
            "hồ Tây",
        ],
        "subject": [
            "xử lý ô nhiễm môi trường tại {place}",
            "phân loại rác thải sinh hoạt tại nguồn",
            "kiểm soát chất lượng không khí",
            "bảo vệ môi trường làng nghề",
        ],
        "directive": [
            "Tăng cường công tác bảo vệ môi trường tại {district}",
            "Xử lý dứt điểm các điểm tập kết rác thải tự phát",
            "Triển khai phân loại rác thải sinh hoạt tại nguồn",
        ],
        "news": [
            "Ra quân tổng vệ sinh môi trường tại {district}",
            "Trồng mới {n} cây xanh trên địa bàn {district}",
            "Thí điểm làm sạch {place}",
        ],
        "procedure": [
            "đăng ký môi trường đối với cơ sở sản xuất",
            "cấp giấy phép môi trường",
        ],
        "question": [
            "lịch thu gom rác thải sinh hoạt tại khu dân cư",
            "việc xử lý điểm đổ rác tự phát tại {district}",
        ],
        "short": ["vệ sinh môi trường", "rác thải", "ô nhiễm không khí"],
        "sentence": [
            "Các đơn vị thu gom đã vận chuyển hơn {many} tấn rác thải về Khu liên hợp xử lý "
            "chất thải Sóc Sơn để xử lý.",
            "Chỉ số chất lượng không khí tại các trạm quan trắc được công bố hằng ngày để "
            "người dân chủ động phòng tránh.",
            "Sở Tài nguyên và Môi trường đề nghị người dân bỏ rác đúng giờ, đúng nơi quy "
            "định, không đổ rác xuống sông, hồ.",
            "Dự án cải tạo {place} dự kiến hoàn thành trong năm {year}.",
            "Lực lượng thanh tra đã kiểm tra {small} cơ sở sản xuất, yêu cầu khắc phục ngay các "
            "vi phạm về xả thải.",
            "UBND {district} giao các xã, phường bố trí điểm tập kết rác tạm thời, bảo đảm vệ "
            "sinh, không gây mùi.",
            "Thành phố đặt mục tiêu đến năm 2030 xử lý {percent}% nước thải sinh hoạt đô thị.",
            "Các tổ chức đoàn thể vận động hội viên tham gia phân loại rác và giữ gìn vệ sinh nơi "
            "công cộng.",
        ],
        "comment": [
            "Xe thu gom rác đến không đúng giờ, rác để qua đêm rất mất vệ sinh.",
            "Ủng hộ phân loại rác tại nguồn, cần hướng dẫn cụ thể cho từng hộ dân.",
            "Mong sông hồ của thành phố sớm được làm sạch.",
        ],
    },
    "đô thị": {
        "agency": ["Sở Xây dựng", "Sở Quy hoạch - Kiến trúc"],
        "place": [
            "khu tập thể Thành Công",
            "khu đô thị mới Tây Hồ Tây",
            "các chung cư cũ",
            "tuyến phố Hàng Đào",
        ],
        "subject": [
            "cải tạo, xây dựng lại chung cư cũ",
            "quản lý trật tự xây dựng trên địa bàn",
            "điều chỉnh cục bộ quy hoạch chi tiết tại {district}",
            "chỉnh trang đô thị tại {place}",
        ],
        "directive": [
            "Chấn chỉnh công tác quản lý trật tự xây dựng tại {district}",
            "Đẩy nhanh tiến độ cải tạo {place}",
            "Kiểm tra an toàn phòng cháy tại nhà ở riêng lẻ kết hợp kinh doanh",
        ],
        "news": [
            "Công bố quy hoạch phân khu đô thị tại {district}",
            "Khởi công cải tạo {place}",
            "Lắp đặt hệ thống chiếu sáng mới tại {district}",
        ],
        "procedure": [
            "cấp giấy phép xây dựng nhà ở riêng lẻ",
            "cấp giấy phép sửa chữa, cải tạo công trình",
        ],
        "question": [
            "thủ tục xin giấy phép xây dựng nhà ở tại {district}",
            "quy hoạch khu đất nơi gia đình tôi sinh sống",
        ],
        "short": ["trật tự xây dựng", "chung cư cũ", "quy hoạch"],
        "sentence": [
            "Qua kiểm tra, UBND {district} đã phát hiện và yêu cầu tháo dỡ {small} công "
            "trình xây dựng sai phép.",
            "Hồ sơ quy hoạch được niêm yết công khai tại trụ sở UBND {district} để người "
            "dân tra cứu, góp ý.",
            "Dự án cải tạo {place} có tổng mức đầu tư khoảng {n} tỷ đồng.",
            "Sở Xây dựng yêu cầu chủ đầu tư bảo đảm an toàn cho các công trình lân cận "
            "trong suốt quá trình thi công.",
            "Sở Quy hoạch - Kiến trúc đã tổ chức lấy ý kiến cộng đồng dân cư về đồ án quy hoạch.",
            "Các hộ dân được hướng dẫn thủ tục cấp phép xây dựng tại bộ phận một cửa của UBND "
            "phường.",
            "Sau cải tạo, {place} có thêm không gian xanh, vỉa hè rộng và hệ thống chiếu sáng mới.",
            "Thanh tra xây dựng duy trì kiểm tra hằng tuần, xử lý ngay từ khi phát sinh vi phạm.",
        ],
        "comment": [
            "Đề nghị công khai quy hoạch để người dân yên tâm sinh sống.",
            "Khu chung cư cũ chúng tôi xuống cấp nghiêm trọng, mong sớm được cải tạo.",
            "Vỉa hè sau khi lát lại rất đẹp, đi lại thuận tiện.",
        ],
    },
    "an ninh trật tự": {
        "agency": ["Công an thành phố"],
        "place": [
            "các khu dân cư",
            "các khu vực công cộng",
            "địa bàn giáp ranh",
            "các cơ sở kinh doanh dịch vụ",
        ],
        "subject": [
            "phòng cháy, chữa cháy tại khu dân cư",
            "bảo đảm an ninh, trật tự dịp lễ, Tết",
            "phong trào toàn dân bảo vệ an ninh Tổ quốc",
            "phòng ngừa tội phạm lừa đảo qua mạng",
        ],
        "directive": [
            "Tăng cường công tác phòng cháy, chữa cháy mùa hanh khô",
            "Bảo đảm an ninh, trật tự phục vụ các sự kiện chính trị của thành phố",
            "Siết chặt quản lý các cơ sở kinh doanh có điều kiện về an ninh, trật tự",
        ],
        "news": [
            "Diễn tập phương án chữa cháy và cứu nạn, cứu hộ tại {district}",
            "Ra mắt mô hình tổ liên gia an toàn phòng cháy tại {district}",
            "Cảnh báo thủ đoạn lừa đảo qua điện thoại",
        ],
        "procedure": [
            "đăng ký thường trú",
            "cấp thẻ căn cước",
        ],
        "question": [
            "thủ tục đăng ký thường trú cho con mới sinh",
            "trang bị bình chữa cháy cho nhà ở kết hợp kinh doanh",
        ],
        "short": ["phòng cháy chữa cháy", "an ninh khu dân cư", "lừa đảo qua mạng"],
        "sentence": [
            "Công an thành phố đã kiểm tra {n} cơ sở, nhắc nhở, hướng dẫn khắc phục các "
            "tồn tại về phòng cháy, chữa cháy.",
            "Người dân khi phát hiện cháy, nổ gọi ngay số 114 để được hỗ trợ kịp thời.",
            "Công an {district} duy trì tuần tra, kiểm soát vào ban đêm tại {place}.",
            "Cơ quan công an khuyến cáo người dân không cung cấp mã xác thực, thông tin "
            "tài khoản ngân hàng cho người lạ.",
            "Trong {months} tháng, lực lượng công an đã triệt phá {small} ổ nhóm tội phạm, thu "
            "giữ nhiều tang vật.",
            "Các hộ gia đình được khuyến cáo trang bị bình chữa cháy và không để xe máy gần bếp "
            "nấu.",
            "Mô hình camera an ninh tại khu dân cư góp phần phát hiện, ngăn chặn kịp thời các vụ "
            "trộm cắp.",
            "Công an thành phố đề nghị người dân cung cấp thông tin về các hành vi vi phạm qua "
            "đường dây nóng.",
        ],
        "comment": [
            "Khu tôi ở đã có tổ liên gia, bà con yên tâm hơn nhiều.",
            "Đề nghị kiểm tra các nhà trọ cũ, lối thoát hiểm rất chật hẹp.",
            "Cảm ơn công an phường đã hỗ trợ làm thủ tục nhanh chóng.",
        ],
    },
    "văn hóa": {
        "agency": ["Sở Văn hóa và Thể thao", "Sở Du lịch"],
        "place": [
            "phố đi bộ Hồ Gươm",
            "Hoàng thành Thăng Long",
            "Văn Miếu - Quốc Tử Giám",
            "các di tích lịch sử",
        ],
        "subject": [
            "tổ chức các hoạt động văn hóa, nghệ thuật chào mừng ngày Giải phóng Thủ đô",
            "quản lý và tổ chức lễ hội đầu xuân",
            "phát triển du lịch gắn với bảo tồn di sản",
            "xây dựng người Hà Nội thanh lịch, văn minh",
        ],
        "directive": [
            "Tổ chức lễ hội đầu xuân bảo đảm an toàn, tiết kiệm",
            "Tăng cường quản lý, bảo vệ {place}",
            "Đẩy mạnh phát triển du lịch Thủ đô",
        ],
        "news": [
            "Nhiều hoạt động văn hóa đặc sắc tại {place}",
            "Đón hơn {many} lượt khách tham quan {place} dịp nghỉ lễ",
            "Khai mạc Lễ hội Du lịch Hà Nội năm {year}",
        ],
        "procedure": [
            "cấp giấy phép tổ chức biểu diễn nghệ thuật",
            "đăng ký tổ chức lễ hội",
        ],
        "question": [
            "giờ mở cửa của {place} dịp nghỉ lễ",
            "thủ tục đăng ký tổ chức lễ hội truyền thống tại {district}",
        ],
        "short": ["lễ hội", "du lịch Thủ đô", "phố đi bộ"],
        "sentence": [
            "Chương trình gồm các tiết mục ca múa nhạc, trình diễn nghệ thuật truyền thống "
            "và không gian ẩm thực Hà Nội.",
            "Ban tổ chức bố trí lực lượng hướng dẫn, giữ gìn trật tự và vệ sinh môi trường "
            "tại {place}.",
            "Trong dịp nghỉ lễ, {place} đón khoảng {n} lượt khách trong nước và quốc tế.",
            "Sở Văn hóa và Thể thao yêu cầu các địa phương không để xảy ra tình trạng "
            "thương mại hóa hoạt động lễ hội.",
            "Các hoạt động được tổ chức miễn phí, phục vụ nhân dân và du khách trong suốt dịp lễ.",
            "Thành phố hiện có hơn {n} di tích lịch sử - văn hóa, trong đó nhiều di tích được xếp "
            "hạng cấp quốc gia.",
            "Ban quản lý di tích bố trí thuyết minh viên, biển chỉ dẫn song ngữ để phục vụ khách "
            "tham quan.",
            "Lượng khách du lịch đến Hà Nội tăng khoảng {growth}% so với cùng kỳ năm trước.",
        ],
        "comment": [
            "Gia đình tôi rất thích các hoạt động ở phố đi bộ cuối tuần.",
            "Mong thành phố tổ chức thêm nhiều chương trình nghệ thuật miễn phí.",
            "Cần có thêm bãi gửi xe gần khu di tích.",
        ],
    },
    "cải cách hành chính": {
        "agency": ["Sở Nội vụ", "Sở Thông tin và Truyền thông"],
        "place": [
            "Trung tâm Phục vụ hành chính công thành phố",
            "bộ phận một cửa các xã, phường",
            "Cổng dịch vụ công thành phố",
        ],
        "subject": [
            "đẩy mạnh cung cấp dịch vụ công trực tuyến toàn trình",
            "nâng cao chỉ số cải cách hành chính của thành phố",
            "chuyển đổi số trong cơ quan nhà nước",
            "tiếp nhận, xử lý phản ánh, kiến nghị của người dân",
        ],
        "directive": [
            "Nâng cao chất lượng giải quyết thủ tục hành chính tại {place}",
            "Đẩy mạnh chuyển đổi số trong các cơ quan hành chính",
            "Chấn chỉnh kỷ luật, kỷ cương hành chính",
        ],
        "news": [
            "Đưa vào hoạt động {place}",
            "{District} dẫn đầu về giải quyết hồ sơ trực tuyến",
            "Hội nghị đối thoại giữa lãnh đạo thành phố với doanh nghiệp năm {year}",
        ],
        "procedure": [
            "nộp hồ sơ trực tuyến trên Cổng dịch vụ công",
            "chứng thực bản sao từ bản chính",
            "đăng ký khai sinh",
        ],
        "question": [
            "cách nộp hồ sơ trực tuyến trên Cổng dịch vụ công",
            "thời hạn giải quyết hồ sơ đăng ký kinh doanh",
        ],
        "short": ["dịch vụ công trực tuyến", "thủ tục hành chính", "cải cách hành chính"],
        "sentence": [
            "Tỷ lệ hồ sơ được giải quyết đúng và trước hạn đạt {percent}%.",
            "Người dân có thể nộp hồ sơ, theo dõi tiến độ và nhận kết quả trực tuyến, không "
            "phải đến trực tiếp {place}.",
            "Thành phố đã cung cấp {n} dịch vụ công trực tuyến toàn trình.",
            "Các phản ánh, kiến nghị được chuyển đến cơ quan có thẩm quyền trong ngày làm "
            "việc và công khai kết quả xử lý.",
            "Cán bộ tại bộ phận một cửa hướng dẫn người dân tạo tài khoản và nộp hồ sơ trên điện "
            "thoại.",
            "Thành phố tổ chức khảo sát mức độ hài lòng của người dân, doanh nghiệp đối với các "
            "cơ quan hành chính.",
            "Các cơ quan được yêu cầu không đòi hỏi thêm giấy tờ ngoài quy định, xin lỗi người "
            "dân khi trả kết quả chậm.",
            "{Agency} hướng dẫn các đơn vị số hóa hồ sơ, kết quả giải quyết thủ tục hành chính.",
        ],
        "comment": [
            "Tôi đã làm thủ tục trực tuyến, rất nhanh và tiện lợi.",
            "Đề nghị đơn giản hóa thêm giấy tờ khi nộp hồ sơ.",
            "Cán bộ một cửa phường hướng dẫn nhiệt tình.",
        ],
    },
    "nông nghiệp": {
        "agency": ["Sở Nông nghiệp và Phát triển nông thôn"],
        "place": [
            "vùng trồng bưởi Diễn",
            "các hợp tác xã nông nghiệp",
            "đê hữu sông Hồng",
            "các trạm bơm tiêu úng",
        ],
        "subject": [
            "xây dựng nông thôn mới nâng cao",
            "phòng, chống thiên tai và tìm kiếm cứu nạn",
            "chương trình mỗi xã một sản phẩm",
            "bảo đảm an toàn đê điều mùa mưa lũ",
        ],
        "directive": [
            "Chủ động ứng phó với mưa lớn, bảo đảm an toàn đê điều, hồ đập",
            "Đẩy mạnh xây dựng nông thôn mới tại {district}",
            "Phòng, chống rét cho cây trồng, vật nuôi",
        ],
        "news": [
            "{District} đạt chuẩn nông thôn mới",
            "Hội chợ sản phẩm OCOP thu hút đông đảo người dân",
            "Nông dân {district} trúng mùa lúa xuân",
        ],
        "procedure": [
            "cấp giấy chứng nhận vùng trồng",
            "hỗ trợ khôi phục sản xuất sau thiên tai",
        ],
        "question": [
            "chính sách hỗ trợ chuyển đổi cây trồng tại {district}",
            "thủ tục công nhận sản phẩm OCOP",
        ],
        "short": ["nông thôn mới", "sản phẩm OCOP", "phòng chống thiên tai"],
        "sentence": [
            "Toàn thành phố có {n} sản phẩm được công nhận đạt chuẩn OCOP từ 3 sao trở lên.",
            "Các trạm bơm tiêu úng vận hành sẵn sàng, bảo đảm tiêu thoát nước cho diện tích "
            "lúa và hoa màu.",
            "{Agency} đề nghị các địa phương kiểm tra, gia cố đê điều, hồ đập trước mùa mưa bão.",
            "Thu nhập bình quân đầu người khu vực nông thôn của thành phố tăng khoảng "
            "{growth}% so với năm trước.",
            "Các địa phương được yêu cầu rà soát phương án sơ tán dân ở khu vực có nguy cơ sạt "
            "lở, ngập úng.",
            "Nông dân được hỗ trợ giống, vật tư và tập huấn kỹ thuật sản xuất theo hướng hữu cơ.",
            "Diện tích gieo cấy vụ này đạt khoảng {many} ha, năng suất lúa ước đạt khoảng "
            "60 tạ/ha.",
            "Hợp tác xã liên kết với doanh nghiệp bao tiêu sản phẩm, giúp nông dân yên tâm sản "
            "xuất.",
        ],
        "comment": [
            "Đường làng ngõ xóm quê tôi giờ sạch đẹp, khang trang hơn nhiều.",
            "Mong thành phố hỗ trợ thêm đầu ra cho nông sản.",
            "Đề nghị kiểm tra đoạn đê gần xã tôi, có hiện tượng thấm nước.",
        ],
    },
}

# What each kind of section says. A section is matched by its slug; any
# other section writes news.
# title: the article's title; lead: the first sentence (after the date and
# a comma, as the original notices start: "Ngày 11/11, Văn phòng ...");
# opening: the body's first paragraph.
SECTIONS = {
    "chidaodieuhanh": {
        "title": ["{Directive}", "{Directive}", "Kết luận của {leader} về {subject}"],
        "lead": [
            "Văn phòng UBND thành phố ban hành {document}, truyền đạt kết luận của "
            "{leader} tại cuộc họp về {subject}.",
            "UBND thành phố ban hành {document} về {subject}.",
            "{leader} đã chủ trì cuộc họp với {agency} và các đơn vị liên quan về {subject}.",
        ],
        "opening": [
            "{Leader} đánh giá cao các cơ quan, đơn vị đã chủ động, tích cực triển khai "
            "nhiệm vụ theo {reference} của UBND thành phố về {subject}.",
            "Thực hiện {reference}, {agency} đã chủ trì, phối hợp với UBND {district} "
            "và các đơn vị liên quan triển khai nhiều giải pháp đồng bộ.",
        ],
    },
    "vanbanphapquy": {
        "title": ["{Decision} về việc ban hành quy định về {subject}", "{Decision} về {subject}"],
        "lead": [
            "UBND thành phố ban hành {decision} về {subject}, có hiệu lực kể từ ngày ký.",
            "UBND thành phố ban hành {decision} sửa đổi, bổ sung một số điều của quy định "
            "về {subject}.",
        ],
        "opening": [
            "Quyết định áp dụng đối với các cơ quan, tổ chức, cá nhân có liên quan trên "
            "địa bàn thành phố, thay thế {reference}.",
            "Theo quyết định, {agency} là cơ quan thường trực, chịu trách nhiệm hướng dẫn, "
            "kiểm tra việc thực hiện.",
        ],
    },
    "thutuchanhchinh": {
        "title": ["Hướng dẫn thủ tục {procedure}", "Công bố thủ tục {procedure}"],
        "lead": [
            "{Agency} ban hành văn bản hướng dẫn thủ tục {procedure}, áp dụng thống nhất "
            "trên địa bàn thành phố.",
            "UBND thành phố ban hành {decision} công bố thủ tục {procedure} thuộc thẩm "
            "quyền giải quyết của {agency}.",
        ],
        "opening": [
            "Hồ sơ nộp trực tiếp tại {office} hoặc trực tuyến qua Cổng dịch vụ công của "
            "thành phố. Thời hạn giải quyết là {days} ngày làm việc kể từ khi nhận đủ hồ sơ "
            "hợp lệ.",
            "Thành phần hồ sơ gồm đơn đề nghị theo mẫu, bản sao giấy tờ tùy thân và các "
            "giấy tờ liên quan theo quy định tại {reference}.",
        ],
    },
    "hoidap": {
        "title": ["Hỏi về {question}", "Giải đáp thắc mắc về {question}"],
        "lead": [
            "bạn đọc {name} ({district}) gửi câu hỏi về {question} đến Cổng Giao tiếp "
            "điện tử thành phố.",
            "Cổng Giao tiếp điện tử thành phố nhận được câu hỏi của bạn đọc {name} "
            "({district}) về {question}.",
        ],
        "opening": [
            "Về vấn đề này, {agency} trả lời như sau: căn cứ {reference}, nội dung bạn "
            "đọc hỏi thuộc thẩm quyền giải quyết của UBND {district}.",
            "Trả lời câu hỏi của bạn đọc, {agency} cho biết: việc này được thực hiện theo "
            "quy định tại {reference}.",
        ],
    },
    "tintucsukien": {
        "title": ["{News}"],
        "lead": [
            "UBND {district} phối hợp với {agency} triển khai {subject}.",
            "{Agency} cho biết đang khẩn trương triển khai {subject} theo chỉ đạo của "
            "UBND thành phố.",
            "tại {district}, {agency} đã tổ chức hội nghị triển khai {subject}.",
        ],
        "opening": [
            "Theo {agency}, thực hiện {reference}, thời gian qua các đơn vị đã tập trung "
            "triển khai đồng bộ nhiều giải pháp về {subject}.",
            "Phát biểu tại buổi lễ, đại diện lãnh đạo {district} khẳng định đây là nhiệm "
            "vụ trọng tâm trong năm {year}.",
        ],
    },
}
DEFAULT_SECTION = "tintucsukien"
# How articles are spread over the sections the portal has (by slug; others 1).
SECTION_WEIGHTS = {
    "tintucsukien": 5,
    "chidaodieuhanh": 4,
    "vanbanphapquy": 2,
    "thutuchanhchinh": 1,
    "hoidap": 1,
}
# How a lead starts: "Ngày 11/11, ..." as the notices do, "Sáng 11/11, ..." as news does.
LEAD_STARTS = ["Ngày", "Ngày", "Ngày", "Sáng", "Chiều"]
OFFICES = [
    "Trung tâm Phục vụ hành chính công thành phố",
    "bộ phận một cửa của UBND quận, huyện",
    "bộ phận một cửa của UBND xã, phường",
]
