-- The usage of each command (`planwatch COMMAND --help`, and after a
-- usage error), in Vietnamese and English. Option names, commands, codes
-- and file names stay as they are in both. Part of the catalogue
-- (words.lua).
return {
  vi = {
    check = [==[cách dùng: planwatch check [THƯ_MỤC]

Chạy từng tệp plugin của (các) gói kế hoạch trong THƯ_MỤC (mặc định:
--plugins, tức ./plugins) trong hộp cát của nó và kiểm tra nó với các tệp
khác và với cơ sở dữ liệu. In mỗi lỗi dạng tệp:dòng: thông báo. Không ghi
gì. Mã thoát 1 khi có tệp bị lỗi.]==],
    duties = [==[cách dùng: planwatch duties [--plan MÃ] [--unit MÃ] [--duty MÃ] [--state TRẠNG_THÁI] [--all]
                        [--rates unit|duty|period]

Liệt kê các kỳ báo cáo với hạn nộp và trạng thái tại --today: due_soon (sắp
đến hạn, trong 7 ngày), due_today (đến hạn hôm nay), overdue (quá hạn),
received (đã nhận), received_late (nhận muộn); --all thêm các kỳ chưa đến.
--rates in tỷ lệ báo cáo thay vào đó (phải nộp, đã nộp, đúng hạn).
--plan MÃ chọn kế hoạch khi cơ sở dữ liệu có nhiều kế hoạch.]==],
    export = [==[cách dùng: planwatch export LOẠI [--plan MÃ] [--format table|csv|json] [--bom] [--all]
       planwatch export values [--indicator MÃ] [--unit MÃ] [--from KỲ] [--to KỲ]

LOẠI là một trong: units, tasks, targets, duties, indicators, goals, groups,
holidays, budget, values. Các dòng đã thôi dùng bị bỏ qua, trừ khi có --all.
Mỗi dòng (trừ giá trị) có cột `plan`: nhiệm vụ, chỉ tiêu, chế độ báo cáo,
mục tiêu, nhóm, ngày nghỉ và kinh phí là của kế hoạch --plan MÃ (cần khi cơ sở
dữ liệu có nhiều kế hoạch); đơn vị và chỉ tiêu đo là danh mục chung của mọi
kế hoạch, và `plan` là kế hoạch đã khai báo chúng.
--bom (tùy chọn chung: mọi lệnh ghi CSV đều nhận) thêm dấu thứ tự byte UTF-8
vào đầu CSV (cho Excel).
values: giá trị chỉ tiêu như đã lưu, mỗi dòng một chỉ tiêu, kỳ và đơn vị;
--unit nhận mã hoặc tên gọi khác của đơn vị; --from/--to giữ các kỳ nằm giữa
ngày đầu của một kỳ và ngày cuối của kỳ kia.]==],
    ["import-plan"] = [==[cách dùng: planwatch import-plan TỆP.txt --out THƯ_MỤC [--id MÃ] [--force]

Đọc một kế hoạch như đã ban hành (văn bản UTF-8, mỗi đoạn hay ô bảng một
dòng) và viết bản nháp gói kế hoạch vào THƯ_MỤC: plan.lua (kế hoạch, các đơn
vị, mục tiêu, nhóm nhiệm vụ, chỉ tiêu và yêu cầu cấp kế hoạch, chế độ báo
cáo ở mục IV, kinh phí) và mỗi đơn vị chủ trì một tệp với các nhiệm vụ phụ
lục và chỉ tiêu của chúng. Mọi giá trị đọc được mà còn nghi ngờ được đánh
dấu "-- REVIEW:" kèm dòng nguồn, và liệt kê trên stderr; ngày hay con số ở
mục IV mà không chế độ báo cáo nào dùng được liệt kê là "không dùng". Bản
nháp được kiểm tra như `planwatch check THƯ_MỤC`.

  --out THƯ_MỤC  thư mục của gói: chưa có hoặc rỗng (--force ghi vào thư
                 mục không rỗng, thay các tệp nó ghi); không bao giờ nằm
                 trong thư mục plugins: xem lại bản nháp rồi mới chuyển vào
  --id MÃ        mã của kế hoạch (mặc định: tên THƯ_MỤC)

Mã thoát 0 khi đã ghi, 1 khi đã ghi nhưng một phần văn bản không đọc được
(không có phụ lục, bảng bị cắt) hoặc bản nháp không qua kiểm tra, 2 khi
không ghi gì.]==],
    import = [==[cách dùng: planwatch import TỆP.csv [--dry-run]

Nhập giá trị chỉ tiêu từ tệp CSV (RFC 4180, UTF-8) có dòng đầu là tên các
cột, theo thứ tự bất kỳ: indicator, unit, period, value, và có thể có note,
source. Tệp có cột `duty` chứa các báo cáo đã nộp: duty, unit, period,
received_at (YYYY-MM-DD), và có thể có note, ref và ref_date (số và ngày của
văn bản gửi báo cáo) và summary. Đơn vị là mã đơn vị hoặc một tên gọi khác
của nó; loại kỳ phải đúng loại kỳ của chỉ tiêu (2025, 2025-H1, 2025-Q3,
2025-07); giá trị là một số viết với '.' làm dấu thập phân.

Mọi dòng được kiểm tra trước khi ghi, kể cả các quy tắc kiểm tra của
plugin. Khi có dòng sai, mỗi lỗi được in dạng tệp:dòng: trường: thông báo,
không ghi gì và mã thoát là 2. Nếu không, mọi giá trị được ghi trong một
giao dịch; giá trị bị thay đổi giữ giá trị cũ trong nhật ký kiểm toán.

Tệp giá trị do bảng tính lưu cũng đọc được: UTF-16 có dấu thứ tự byte, ';'
hoặc tab giữa các trường (nhận ra từ dòng tiêu đề), dấu phẩy thập phân khi
';' ngăn các trường, tiêu đề viết hoa thường bất kỳ hoặc bằng tiếng Việt
(chỉ tiêu, đơn vị, kỳ, giá trị, ghi chú, nguồn), cột thừa không tên ở cuối,
dòng trống, và kỳ viết Q1/2025, Quý I/2025, 2025Q1, 6 tháng đầu năm 2025,
9 tháng 2025, T7/2025 hoặc 07/2025.

  --dry-run        kiểm tra và đếm những gì sẽ thay đổi; không ghi gì
  --delimiter D    dấu ngăn trường: ',', ';' hoặc tab (mặc định: theo dòng
                   tiêu đề)
  --decimal C      dấu thập phân của giá trị: '.' hoặc ',' (mặc định: ','
                   khi ';' ngăn các trường, nếu không thì '.')]==],
    init = [==[cách dùng: planwatch [--db TỆP] init

Tạo tệp cơ sở dữ liệu (mặc định ./planwatch.db) hoặc nâng nó lên lược đồ
mới nhất. Chạy lại không thay đổi gì.]==],
    load = [==[cách dùng: planwatch load [THƯ_MỤC] [--quiet]

Kiểm tra từng tệp plugin của (các) gói kế hoạch trong THƯ_MỤC (mặc định:
--plugins), rồi áp dụng các tệp hợp lệ trong một giao dịch và in những gì
đã thay đổi. Tệp có lỗi được báo (tệp:dòng: thông báo) và không được áp
dụng; các tệp khác vẫn được áp dụng. Những gì một tệp không còn khai báo
được cho thôi dùng, không bị xoá. Mã thoát 1 khi có tệp bị lỗi.]==],
    outbox = [==[cách dùng: planwatch outbox [list] [--state TRẠNG_THÁI]
       planwatch outbox retry [ID]
       planwatch outbox flush
       planwatch outbox check
       planwatch outbox dismiss ID|--all-dead
       planwatch outbox rewrite ID

list     các thư (mới nhất trước), có thể chỉ một trạng thái: queued,
         sending, sent, failed, dead, unknown (đã gửi, không có trả lời:
         máy chủ có thể đã nhận), dismissed; thư đang `sending` cho biết
         tiến trình và máy đang giữ nó, và giữ đến khi nào
retry    đưa lại vào hàng đợi một thư failed, dead hoặc unknown (hoặc tất
         cả), đúng như đã viết: tiêu đề và nội dung KHÔNG được viết lại theo
         kế hoạch hiện tại (xem rewrite)
flush    gửi mọi thư đã đến giờ gửi
check    thử cấu hình SMTP (kết nối, TLS, EHLO, đăng nhập), không gửi gì
dismiss  bỏ qua một thư dead, unknown hoặc failed (hoặc mọi thư dead): nó
         không còn làm planwatch thoát với mã 1
rewrite  bỏ qua một thư và quên các nhắc nhở nó mang, để lần
         `planwatch remind` sau viết lại chúng theo kế hoạch hiện tại (chẳng
         hạn sau khi sửa một tên báo cáo)
Mã thoát 1 khi có thư dead, unknown hoặc vẫn gửi không được, hoặc không
dùng được máy chủ SMTP.]==],
    remind = [==[cách dùng: planwatch remind [--plan MÃ] [--today YYYY-MM-DD] [--dry-run] [--catch-up SỐ_NGÀY]
                        [--confirm] [--no-deliver] [--lang vi|en]

Với mỗi kỳ báo cáo chưa nhận được, bậc nhắc gần nhất đã đến ngày (hạn nộp
+ độ lệch) được đưa vào hàng đợi, một lần; bậc sớm hơn chưa từng gửi được
thay bằng nó. Sau `escalate.after` ngày quá hạn, người nhận báo cáo vượt cấp
được báo, một lần. Các bậc cũ hơn --catch-up ngày (mặc định 30) không được
gửi: lần chạy đầu không gửi cả quá khứ. --confirm gửi thêm xác nhận cho các
báo cáo nhận được trong khoảng đó. Mỗi người nhận một thư. Sau đó mọi thư
đến giờ gửi trong hàng đợi được gửi, trừ khi --no-deliver để việc đó cho
`planwatch outbox flush`.
--dry-run in những gì sẽ gửi và không thay đổi gì. --plan MÃ chọn kế hoạch khi
cơ sở dữ liệu có nhiều kế hoạch; mỗi kế hoạch nhắc bằng lời văn của nó.
Mã thoát 1 khi có thư dead hoặc vẫn gửi không được.]==],
    repl = [==[cách dùng: planwatch [--write] repl

Đọc Lua từng dòng và in kết quả mỗi biểu thức, ví dụ
  pw.units{ kind = "district" }
  n = #pw.tasks()          -- biến được giữ cho các dòng sau
  =n * 2
  pw.sql("SELECT lead, count(*) AS n FROM tasks GROUP BY lead")
Tab gợi ý tên (pw.un<Tab>). Ctrl-C bỏ dòng đang gõ; Ctrl-D kết thúc.]==],
    report = [==[cách dùng: planwatch report [--html TỆP] [--md TỆP] [--docx TỆP [--period NĂM]]
                        [--plan MÃ] [--today YYYY-MM-DD] [--lang vi|en]

Viết báo cáo tiến độ: phần đầu của kế hoạch; từng chỉ tiêu với giá trị thực
hiện, mức yêu cầu, xu hướng cuối kỳ, tình trạng và thanh tiến độ; diễn biến
của từng chỉ tiêu so với yêu cầu (biểu đồ); nhiệm vụ theo đơn vị chủ trì;
tình hình nộp báo cáo (đơn vị x kỳ: đúng hạn, muộn, chưa nộp, chưa đến hạn)
và tỷ lệ báo cáo; các báo cáo quá hạn; nguồn số liệu, số liệu minh họa được
ghi rõ.

  --html TỆP      một tệp HTML độc lập (không tải script, phông hay ảnh nào:
                  có thể gửi thư và mở khi không có mạng)
  --md TỆP        cùng nội dung dưới dạng văn bản Markdown
  --docx TỆP      báo cáo kết quả thực hiện hằng năm dạng văn bản hành chính
                  (Word, trình bày theo Nghị định 30/2020/NĐ-CP), dự thảo để
                  đơn vị đầu mối hoàn thiện, ký và gửi: kết quả điền từ số
                  liệu, chỗ trống cho phần còn lại
  --period NĂM    năm báo cáo --docx (mặc định: năm của --today); số liệu
                  tính đến 31 tháng 12 năm đó, hoặc đến --today nếu sớm hơn
  --plan MÃ       kế hoạch (mặc định: kế hoạch duy nhất; có nhiều thì phải chọn)

Không có tùy chọn nào thì Markdown ra đầu ra chuẩn; TỆP "-" cũng là đầu ra
chuẩn (trừ --docx). Tiếng Việt theo mặc định, tiếng Anh với --lang en. Công
thức của chỉ tiêu tính toán được đọc từ --plugins. Các mẫu DOCX là
scripts/templates/docx/*.xml; một gói kế hoạch có thể thay bất kỳ mẫu nào
bằng một tệp cùng tên trong thư mục templates/docx/ của nó.]==],
    status = [==[cách dùng: planwatch status [--plan MÃ] [--today YYYY-MM-DD] [--format table|csv|json] [--lang vi|en]

Cho thấy kế hoạch; từng chỉ tiêu với mức yêu cầu, giá trị đến nay, xu hướng
đến cuối kỳ và tình trạng (đã đạt, đúng tiến độ, dự báo vượt mức trên, có
nguy cơ, chậm tiến độ, vượt mức trên, không đạt, chờ số liệu năm cuối kỳ,
chưa có số liệu: bảng "Target status" của README nói khi nào mỗi tình trạng
áp dụng) cùng các năm chưa có số liệu; các nhiệm vụ theo đơn vị chủ trì và
tiến độ so với thời hạn; và chế độ báo cáo. Chỉ tiêu chưa có số liệu cho đến
khi nhập giá trị; công thức của chỉ tiêu tính toán được đọc từ --plugins.
Có nhiều kế hoạch mà không có --plan MÃ thì in mỗi kế hoạch một dòng.]==],
    submit = [==[cách dùng: planwatch submit ĐƠN_VỊ BÁO_CÁO KỲ [--at YYYY-MM-DD] [--note VĂN_BẢN]
                        [--ref SỐ] [--ref-date YYYY-MM-DD] [--summary VĂN_BẢN]
       planwatch submit --withdraw ĐƠN_VỊ BÁO_CÁO KỲ

Ghi nhận ĐƠN_VỊ (mã, tên gọi khác hoặc tên chính thức) đã nộp báo cáo
BÁO_CÁO cho KỲ (ví dụ 2025, 2025-H1, 2025-Q3, 2025-07), nhận ngày --at (mặc
định: hôm nay). --ref và --ref-date là số và ngày của văn bản gửi báo cáo
("123/SCT-KHTC", 2026-12-10: báo cáo năm dẫn là "Công văn số 123/SCT-KHTC
ngày 10/12/2026"), --summary tóm tắt nội dung trong vài câu. Ghi nhận lại
thì thay tất cả các thông tin này; thông tin cũ còn trong nhật ký kiểm toán.
Kỳ ngoài giai đoạn của kế hoạch và ngày trước khi kỳ báo cáo mở bị từ chối.
--withdraw xoá một báo cáo đã ghi nhận (do ghi nhầm); nhật ký kiểm toán vẫn
giữ nó. Nhiều báo cáo một lần: planwatch import TỆP.csv với các cột duty,
unit, period, received_at (và có thể note, ref, ref_date, summary).]==],
  },
  en = {
    check = [==[usage: planwatch check [DIR]

Runs every plugin file of the package(s) in DIR (default: --plugins, i.e.
./plugins) in its sandbox and validates it against the others and the
database. Prints each problem as file:line: message. Writes nothing.
Exit 1 when any file has problems.]==],
    duties = [==[usage: planwatch duties [--plan ID] [--unit CODE] [--duty CODE] [--state STATE] [--all]
                        [--rates unit|duty|period]

Lists duty-periods with their deadline and state at --today: due_soon (within
7 days), due_today, overdue, received, received_late; --all adds upcoming
ones. --rates prints reporting rates instead (expected, received, on time).
--plan ID chooses the plan when the database holds several.]==],
    export = [==[usage: planwatch export WHAT [--plan ID] [--format table|csv|json] [--bom] [--all]
       planwatch export values [--indicator CODE] [--unit CODE] [--from PERIOD] [--to PERIOD]

WHAT is one of: units, tasks, targets, duties, indicators, goals, groups,
holidays, budget, values. Retired rows are left out unless --all is given.
Every row but a value's names its plan (column `plan`): tasks, targets,
duties, goals, groups, holidays and budget are those of --plan ID (needed
when the database holds several plans); units and indicators are the
registry every plan shares, and `plan` is the one that declared them.
--bom (a global option: any command that writes CSV takes it) starts CSV with
a UTF-8 byte order mark (for Excel).
values: the indicator values as stored, one row per indicator, period and
unit; --unit takes a code or an alias; --from/--to keep the periods that lie
between the first day of one period and the last day of the other.]==],
    ["import-plan"] = [==[usage: planwatch import-plan FILE.txt --out DIR [--id ID] [--force]

Reads a plan as published (UTF-8 text, one paragraph or table cell a line)
and writes a plan package draft to DIR: plan.lua (the plan, its units, goals,
task groups, plan-level indicators and targets, the reporting duties of its
section IV, funding) and one file per lead unit with its appendix tasks and
their targets. Every value read with doubt is marked "-- REVIEW:" with its
source line, and listed on stderr; a date or number of section IV that no
duty uses is listed as "not used". The draft is checked as
`planwatch check DIR` would.

  --out DIR   the package folder: missing or empty (--force writes into a
              folder that is not, replacing the files it writes); never
              under the plugins folder: review the draft, then move it there
  --id ID     the plan's id (default: DIR's name)

Exit 0 when written, 1 when written but part of the text could not be read
(no appendix, a table cut short) or the draft fails its check, 2 when
nothing was written.]==],
    import = [==[usage: planwatch import FILE.csv [--dry-run]

Imports indicator values from a CSV file (RFC 4180, UTF-8) whose first line
names the columns, in any order: indicator, unit, period, value, and
optionally note, source. A file whose header has a `duty` column holds
report submissions instead: duty, unit, period, received_at (YYYY-MM-DD),
and optionally note, ref and ref_date (the number and date of the document
that carried the report) and summary. The unit is a unit code or one of its
aliases; the period's kind must be the indicator's (2025, 2025-H1, 2025-Q3,
2025-07); the value is a number written with '.' as the decimal point.

Every line is checked before anything is written, including the plugins'
validation rules. When any line fails, each problem is printed as
file:line: field: message, nothing is written and the exit status is 2.
Otherwise every value is written in one transaction; a changed value keeps
its old one in the audit log.

A values file as a spreadsheet saves it is read too: UTF-16 with a byte
order mark, ';' or tab between fields (found from the header line), a
decimal comma when ';' separates the fields, headers in any case or in
Vietnamese (chỉ tiêu, đơn vị, kỳ, giá trị, ghi chú, nguồn), trailing
unnamed columns, empty rows, and periods written Q1/2025, Quý I/2025,
2025Q1, 6 tháng đầu năm 2025, 9 tháng 2025, T7/2025 or 07/2025.

  --dry-run        check and count what would change; write nothing
  --delimiter D    the field separator: ',', ';' or tab (default: the
                   header line's)
  --decimal C      the decimal mark of values: '.' or ',' (default: ','
                   when ';' separates the fields, else '.')]==],
    init = [==[usage: planwatch [--db FILE] init

Creates the database file (default ./planwatch.db) or migrates it to the
newest schema. Running it again changes nothing.]==],
    load = [==[usage: planwatch load [DIR] [--quiet]

Validates every plugin file of the package(s) in DIR (default: --plugins),
then applies the valid files in one transaction and prints what changed.
A file with problems is reported (file:line: message) and not applied; the
others are. What a file no longer declares is retired, not deleted.
Exit 1 when any file had problems.]==],
    outbox = [==[usage: planwatch outbox [list] [--state STATE]
       planwatch outbox retry [ID]
       planwatch outbox flush
       planwatch outbox check
       planwatch outbox dismiss ID|--all-dead
       planwatch outbox rewrite ID

list     the messages (newest first), optionally of one state: queued,
         sending, sent, failed, dead, unknown (sent, no answer: the server
         may have it), dismissed; a message in `sending` shows the process
         and host holding it, and until when
retry    put one failed, dead or unknown message (or all of them) back in
         the queue, as it was written: its subject and text are NOT
         rewritten from the current plan (see rewrite)
flush    deliver every message that is due now
check    try the SMTP settings (connect, TLS, EHLO, login) and send nothing
dismiss  give up on a dead, unknown or failed message (or every dead one):
         it no longer makes planwatch exit 1
rewrite  dismiss a message and forget the reminders it carried, so that the
         next `planwatch remind` writes them again from the current plan
         (after a title was corrected, for example)
Exit 1 when a message is dead, unknown or still failing, or the SMTP server
cannot be used.]==],
    remind = [==[usage: planwatch remind [--plan ID] [--today YYYY-MM-DD] [--dry-run] [--catch-up DAYS]
                        [--confirm] [--no-deliver] [--lang vi|en]

For each duty-period not yet received, the latest reminder stage whose day
(deadline + offset) has come is queued, once; an earlier stage that was never
sent is superseded by it. After `escalate.after` days overdue, the escalation
recipient is told, once. Stages older than --catch-up days (default 30) are
not sent: a first run does not mail the whole history. --confirm also sends
a confirmation for reports received in that window. One message per
recipient. Then every message due in the outbox is delivered, unless
--no-deliver leaves that to `planwatch outbox flush`.
--dry-run prints what would be sent and changes nothing. --plan ID chooses
the plan when the database holds several; each plan reminds in its own wording.
Exit 1 when a message is dead or still failing.]==],
    repl = [==[usage: planwatch [--write] repl

Reads Lua a line at a time and prints what each expression returns, e.g.
  pw.units{ kind = "district" }
  n = #pw.tasks()          -- a variable kept for the next lines
  =n * 2
  pw.sql("SELECT lead, count(*) AS n FROM tasks GROUP BY lead")
Tab completes names (pw.un<Tab>). Ctrl-C cancels the line; Ctrl-D ends.]==],
    report = [==[usage: planwatch report [--html FILE] [--md FILE] [--docx FILE [--period YEAR]]
                        [--plan ID] [--today YYYY-MM-DD] [--lang vi|en]

Writes the progress report: the plan's header; each target with its actual
value, what it requires, where the trend leads, its status and a progress
bar; each indicator's trend against its target (a chart); the tasks by lead
unit; the timeliness of reports (units x periods: on time, late, missing,
not yet due) and reporting rates; the overdue reports; the data sources,
illustrative values marked as such.

  --html FILE     one self-contained HTML file (no script, font or image to
                  fetch: it can be mailed and opened offline)
  --md FILE       the same facts as Markdown text
  --docx FILE     the yearly implementation report as an official document
                  (Word, laid out as Decree 30/2020/ND-CP sets out), drafted
                  for the plan's focal unit to complete, sign and send: the
                  results filled in from the data, placeholders for the rest
  --period YEAR   the year the --docx report covers (default: the year of
                  --today); its figures are those of 31 December of that
                  year, or of --today if earlier
  --plan ID       the plan (default: the only one loaded; with several, say which)

With none, the Markdown goes to standard output; FILE "-" is standard
output too (not for --docx). Vietnamese by default, English with --lang en.
A derived indicator's formula is read from --plugins. The DOCX templates are
scripts/templates/docx/*.xml; a plan package may replace any of them with a
file of the same name in its own templates/docx/ folder.]==],
    status = [==[usage: planwatch status [--plan ID] [--today YYYY-MM-DD] [--format table|csv|json] [--lang vi|en]

Shows the plan, each target with what it requires, its value so far, where
the trend leads by the end of its window and its status (achieved, on
track, heading above the range, at risk, off track, above the range,
missed, awaiting the final year, no data: the README's "Target status"
table says when each applies) with the years that have no value, the
tasks per lead department with where each stands in its timeframe, and
the reporting duties. Targets have
no data until indicator values are imported; a derived indicator's formula
is read from --plugins. With several plans and no --plan ID, one line per plan.]==],
    submit = [==[usage: planwatch submit UNIT DUTY PERIOD [--at YYYY-MM-DD] [--note TEXT]
                        [--ref NUMBER] [--ref-date YYYY-MM-DD] [--summary TEXT]
       planwatch submit --withdraw UNIT DUTY PERIOD

Records that UNIT (a code, an alias or the official name) submitted its DUTY
report for PERIOD (e.g. 2025, 2025-H1, 2025-Q3, 2025-07), received on --at
(default: today). --ref and --ref-date give the number and date of the
document that carried it ("123/SCT-KHTC", 2026-12-10: cited in the yearly
report as "Công văn số 123/SCT-KHTC ngày 10/12/2026"), --summary what it says
in a few sentences. Recording it again replaces all of these; the old ones
stay in the audit log. A period outside the plan's span and a date before
the period's reporting window opens are refused. --withdraw deletes a
recorded submission (one recorded by mistake); the audit log keeps it.
Many at once: planwatch import FILE.csv with the columns duty, unit, period,
received_at (and optionally note, ref, ref_date, summary).]==],
  },
}
