-- What the commands say on the command line: usage errors, refusals,
-- warnings and one-line results (the usages are words_usage.lua). Part of
-- the catalogue (words.lua).
return {
  vi = {
    needs_value = "--%s cần một giá trị",
    takes_no_value = "--%s không nhận giá trị",
    unknown_option = "không có tùy chọn --%s",
    did_you_mean_option = "; có phải ý bạn là --%s?",
    unexpected = "thừa tham số '%s'",
    bad_today = "--today phải là một ngày YYYY-MM-DD, không phải '%s'",
    timezone = "planwatch: cảnh báo: %s: múi giờ '%s': %s; dùng %s",
    duties = {
      bad_state = "--state phải là một trong %s, không phải '%s'",
      no_unit = "--unit: không có đơn vị '%s'%s",
      no_duty = "--duty: không có nhiệm vụ báo cáo '%s'",
      bad_rates = "--rates phải là unit, duty hoặc period",
    },
    export = {
      values_only = "--%s chỉ dùng với `export values`",
      cannot = "không xuất được '%s'",
    },
    import = {
      needs_file = "import cần một tệp CSV",
      delimiter = "import: --delimiter phải là ',', ';' hoặc tab",
      decimal = "import: --decimal phải là '.' hoặc ','",
      no_plugin_files = "planwatch: cảnh báo: cơ sở dữ liệu chưa ghi tệp plugin nào; chạy "
        .. "`planwatch load` để các quy tắc kiểm tra của plugin được áp dụng",
      problems = "%s: %d lỗi; không ghi gì",
      result = "%s: %d dòng: %d thêm mới, %d thay đổi, %d giữ nguyên%s",
      dry_run = " (chạy thử: không ghi gì)",
      outside_span = "planwatch: cảnh báo: %s %s: %d giá trị nằm ngoài thời gian của kế hoạch "
        .. "%d–%d (và năm gốc %d); không chỉ tiêu nào dùng đến",
    },
    outbox = {
      no_state = "outbox list: không có trạng thái '%s'",
      no_retry = "outbox retry: không có thư lỗi, hỏng hay chưa rõ số %d",
      unknown_action = "outbox: không có thao tác '%s'",
    },
    remind = {
      catch_up = "--catch-up phải là một số ngày",
    },
    submit = {
      withdraw_alone = "submit: --withdraw không đi cùng --at, --note, --ref, --ref-date hay --summary",
      bad_period = "submit: period: kỳ không hợp lệ '%s'",
      none_recorded = "submit: %s %s %s: chưa ghi nhận báo cáo nào",
      withdrawn = "%s %s %s: đã rút (đã ghi nhận ngày %s)",
    },
    report = {
      plan = "report: --plan: không có kế hoạch '%s'",
      period = "report: --period: năm phải từ %d đến %d, không phải '%s'",
      stdout = "report: --docx: cần tên tệp, không ghi ra đầu ra chuẩn",
      period_alone = "report: --period chỉ dùng cùng --docx",
      write = "report: không ghi được %s: %s",
    },
    import_plan = {
      which = "văn bản nào? hãy cho TỆP.txt",
      where = "ghi vào đâu? hãy cho --out THƯ_MỤC",
      bad_id = "--id phải gồm chữ, số, '.', '_' hoặc '-', không phải '%s'",
      not_folder = "%s không phải là thư mục",
      not_empty = "%s không rỗng: chọn --out khác, hoặc cho --force để ghi vào đó",
      missing = "%s không tồn tại: hãy tạo nó trước (mkdir -p %s)",
    },
  },
  en = {
    needs_value = "--%s needs a value",
    takes_no_value = "--%s takes no value",
    unknown_option = "unknown option --%s",
    did_you_mean_option = "; did you mean --%s?",
    unexpected = "unexpected argument '%s'",
    bad_today = "--today must be a date YYYY-MM-DD, not '%s'",
    timezone = "planwatch: warning: %s: timezone '%s': %s; using %s",
    duties = {
      bad_state = "--state must be one of %s, not '%s'",
      no_unit = "--unit: no unit '%s'%s",
      no_duty = "--duty: no reporting duty '%s'",
      bad_rates = "--rates must be unit, duty or period",
    },
    export = {
      values_only = "--%s applies to `export values` only",
      cannot = "cannot export '%s'",
    },
    import = {
      needs_file = "import needs a CSV file",
      delimiter = "import: --delimiter must be ',', ';' or tab",
      decimal = "import: --decimal must be '.' or ','",
      no_plugin_files = "planwatch: warning: no plugin file is recorded in the database; run "
        .. "`planwatch load` so that the plugins' validation rules apply",
      problems = "%s: %d error(s); nothing was written",
      result = "%s: %d rows: %d added, %d changed, %d unchanged%s",
      dry_run = " (dry run: nothing written)",
      outside_span = "planwatch: warning: %s %s: %d value(s) outside the plan's span %d–%d "
        .. "(and base year %d); no target reads them",
    },
    outbox = {
      no_state = "outbox list: no state '%s'",
      no_retry = "outbox retry: no failed, dead or unknown message %d",
      unknown_action = "outbox: unknown action '%s'",
    },
    remind = {
      catch_up = "--catch-up must be a number of days",
    },
    submit = {
      withdraw_alone = "submit: --withdraw takes no --at, --note, --ref, --ref-date or --summary",
      bad_period = "submit: period: bad period '%s'",
      none_recorded = "submit: %s %s %s: no submission is recorded",
      withdrawn = "%s %s %s: withdrawn (was received %s)",
    },
    report = {
      plan = "report: --plan: no plan '%s'",
      period = "report: --period: the year must be from %d to %d, not '%s'",
      stdout = "report: --docx: needs a file name, not standard output",
      period_alone = "report: --period goes with --docx",
      write = "report: cannot write %s: %s",
    },
    import_plan = {
      which = "which text? give FILE.txt",
      where = "where to? give --out DIR",
      bad_id = "--id must be letters, digits, '.', '_' or '-', not '%s'",
      not_folder = "%s is not a folder",
      not_empty = "%s is not empty: choose another --out, or give --force to write into it",
      missing = "%s does not exist: create it first (mkdir -p %s)",
    },
  },
}
