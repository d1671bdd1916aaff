-- What delivery, remind and outbox tell people. Setting names
-- (PLANWATCH_...) and commands stay as they are in both languages; the
-- hints are keyed by the C core's hint_code. Part of the catalogue
-- (words.lua).
local vi = {
  sent_line = "đã gửi thư #%d tới %s: %s\n",
  unknown = "planwatch: thư #%d tới %s: chưa rõ đã đến nơi chưa (%s); planwatch tự gửi lại "
    .. "nhiều nhất một lần: `planwatch outbox list --state unknown`\n",
  dead = "planwatch: thư #%d tới %s không gửi được, không thử lại nữa: %s\n",
  retry = "planwatch: thư #%d tới %s chưa gửi được, sẽ thử lại: %s\n",
  smtp_down = "không dùng được máy chủ SMTP",
  webhook_down = "không liên lạc được với máy chủ webhook",
  not_tried = "chưa thử: đường gửi này đang không dùng được",
  held = "%d thư do tiến trình %s trên máy %s giữ đến %s",
  nothing_to_check = "cách gửi %s: %s (không có gì để kiểm tra)",
  checked = "%s: đã kết nối, TLS và đăng nhập đúng như cấu hình; máy chủ trả lời: %s",
  no_transport = "chưa gửi gì: chưa có cách gửi thư",
  no_transport_set = "chưa có cách gửi thư: đặt PLANWATCH_SMTP_URL (smtp://máy:cổng hoặc "
    .. "smtps://máy:cổng) và PLANWATCH_MAIL_FROM để gửi, hoặc PLANWATCH_TRANSPORT=file để ghi "
    .. "thư vào %s",
  written = "đã ghi %d thư vào %s",
  n_sent = "đã gửi %d",
  n_failed = "%d chưa gửi được",
  n_dead = "%d hỏng hẳn",
  n_unknown = "%d chưa rõ kết quả",
  n_left = "%d còn chờ trong hàng đợi",
  reclaimed = "planwatch: đã lấy lại %d thư của một lần chạy đã dừng\n",
  later = "planwatch: %d thư chờ lần chạy sau (thư đầu tiên đến hạn lúc %s)\n",
  source = " (nghĩa vụ %s của %s, khai báo trong %s)",
  more_sources = " (và %d nghĩa vụ khác)",
  retried = "đã đưa lại %d thư vào hàng đợi, giữ nguyên nội dung (`planwatch outbox rewrite ID` "
    .. "viết lại một thư theo kế hoạch hiện tại)\n",
  dismissed = "đã bỏ qua %d thư\n",
  rewritten = "đã bỏ qua thư #%d; lần `planwatch remind` sau sẽ viết lại các nhắc nhở của nó "
    .. "theo kế hoạch hiện tại\n",
  not_rewritable = "outbox rewrite: thư #%d không ở trạng thái dead, unknown hay failed",
  dismiss_usage = "outbox dismiss: hãy cho một ID hoặc --all-dead\n",
  bad_id = "outbox %s: '%s' không phải số hiệu thư",
  remind_queued = "remind %s: %d thư vào hàng đợi; `planwatch outbox flush` sẽ gửi chúng\n",
  remind_done = "remind %s: %d thư vào hàng đợi, %s\n",
  dry_run = "remind %s (chạy thử, không gửi gì): %d thư qua %s\n",
  dry_run_none = "không có cách gửi nào (%s)",
  hints = {
    ["login-refused"] = "đăng nhập bị từ chối: kiểm tra PLANWATCH_SMTP_USER và "
      .. "PLANWATCH_SMTP_PASSWORD (hoặc _FILE); chỉ thử một lần để tài khoản không bị khoá",
    ["no-starttls"] = "máy chủ không hỗ trợ STARTTLS: để dùng TLS ngay từ byte đầu (cổng 465) "
      .. "hãy dùng smtps:// trong PLANWATCH_SMTP_URL",
    ["untrusted-certificate"] = "chứng thư của máy chủ không được tin cậy: đặt "
      .. "PLANWATCH_SMTP_CAFILE là chứng thư CA đã ký nó",
    ["tls-handshake"] = "bắt tay TLS thất bại: smtps:// dùng cho cổng 465, smtp:// với "
      .. "PLANWATCH_SMTP_STARTTLS=1 cho cổng 587 (PLANWATCH_SMTP_URL)",
    ["no-server"] = "không có máy chủ SMTP nào hoạt động tại PLANWATCH_SMTP_URL: kiểm tra "
      .. "tên máy và cổng, hoặc thử lại sau",
    ["wants-tls"] = "máy chủ yêu cầu TLS trước: đặt PLANWATCH_SMTP_STARTTLS=1, hoặc dùng "
      .. "smtps:// trong PLANWATCH_SMTP_URL",
    ["wants-login"] = "máy chủ yêu cầu đăng nhập: đặt PLANWATCH_SMTP_USER và "
      .. "PLANWATCH_SMTP_PASSWORD (hoặc _FILE)",
    ["sender-refused"] = "máy chủ từ chối địa chỉ gửi: kiểm tra PLANWATCH_MAIL_FROM",
    ["greeting-refused"] = "máy chủ từ chối lời chào: đặt PLANWATCH_SMTP_HELO là tên đầy đủ "
      .. "của máy này (hoặc kiểm tra PLANWATCH_SMTP_URL)",
    ["webhook-no-answer"] = "máy chủ webhook không trả lời (PLANWATCH_WEBHOOK_TIMEOUT_MS, "
      .. "PLANWATCH_WEBHOOK_CONNECT_TIMEOUT_MS)",
  },
}

local en = {
  sent_line = "sent #%d to %s: %s\n",
  unknown = "planwatch: message #%d to %s: delivery unknown (%s); it is not sent again more "
    .. "than once by itself: `planwatch outbox list --state unknown`\n",
  dead = "planwatch: message #%d to %s failed for good: %s\n",
  retry = "planwatch: message #%d to %s failed, will retry: %s\n",
  smtp_down = "the SMTP server cannot be used",
  webhook_down = "the webhook server cannot be reached",
  not_tried = "not tried: the transport is down",
  held = "%d message(s) held by process %s on %s until %s",
  nothing_to_check = "transport %s: %s (nothing to check)",
  checked = "%s: connected, TLS and login as configured; the server said: %s",
  no_transport = "nothing sent: no transport",
  no_transport_set = "no mail transport: set PLANWATCH_SMTP_URL (smtp://host:port or "
    .. "smtps://host:port) and PLANWATCH_MAIL_FROM to send, or PLANWATCH_TRANSPORT=file to "
    .. "write the messages to %s instead",
  written = "%d written to %s",
  n_sent = "%d sent",
  n_failed = "%d failed",
  n_dead = "%d dead",
  n_unknown = "%d unknown",
  n_left = "%d left queued",
  reclaimed = "planwatch: %d message(s) of a run that is gone were taken back\n",
  later = "planwatch: %d message(s) wait for a later run (the first due at %s)\n",
  source = " (duty %s of %s, declared in %s)",
  more_sources = " (and %d more duties)",
  retried = "%d message(s) queued again, as written (`planwatch outbox rewrite ID` "
    .. "writes one again from the current plan)\n",
  dismissed = "%d message(s) dismissed\n",
  rewritten = "message #%d dismissed; the next `planwatch remind` writes its reminders "
    .. "again from the current plan\n",
  not_rewritable = "outbox rewrite: message #%d is not dead, unknown or failed",
  dismiss_usage = "outbox dismiss: give an ID or --all-dead\n",
  bad_id = "outbox %s: '%s' is not a message id",
  remind_queued = "remind %s: %d queued; `planwatch outbox flush` delivers them\n",
  remind_done = "remind %s: %d queued, %s\n",
  dry_run = "remind %s (dry run, nothing sent): %d message(s) via %s\n",
  dry_run_none = "no transport (%s)",
  hints = {
    ["login-refused"] = "the login was refused: check PLANWATCH_SMTP_USER and "
      .. "PLANWATCH_SMTP_PASSWORD (or _FILE); one attempt only, so the account is not locked",
    ["no-starttls"] = "the server offers no STARTTLS: for TLS from the first byte (port 465) "
      .. "use smtps:// in PLANWATCH_SMTP_URL",
    ["untrusted-certificate"] = "the server's certificate is not trusted: set "
      .. "PLANWATCH_SMTP_CAFILE to the CA certificate that signed it",
    ["tls-handshake"] = "the TLS handshake failed: smtps:// is for port 465, smtp:// with "
      .. "PLANWATCH_SMTP_STARTTLS=1 for 587 (PLANWATCH_SMTP_URL)",
    ["no-server"] = "no working SMTP server at PLANWATCH_SMTP_URL: check its host and port, "
      .. "or try later",
    ["wants-tls"] = "the server wants TLS first: set PLANWATCH_SMTP_STARTTLS=1, or use "
      .. "smtps:// in PLANWATCH_SMTP_URL",
    ["wants-login"] = "the server wants a login: set PLANWATCH_SMTP_USER and "
      .. "PLANWATCH_SMTP_PASSWORD (or _FILE)",
    ["sender-refused"] = "the server refused the sender: check PLANWATCH_MAIL_FROM",
    ["greeting-refused"] = "the server refused the greeting: set PLANWATCH_SMTP_HELO to this "
      .. "host's fully qualified name (or check PLANWATCH_SMTP_URL)",
    ["webhook-no-answer"] = "the webhook server does not answer (PLANWATCH_WEBHOOK_TIMEOUT_MS, "
      .. "PLANWATCH_WEBHOOK_CONNECT_TIMEOUT_MS)",
  },
}

return { vi = vi, en = en }
