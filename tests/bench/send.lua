-- planwatch run tests/bench/send.lua N: send N short messages through one
-- mail session (one SMTP connection), as remind's delivery does; stop at
-- the first failure.
local n = math.tointeger(tonumber(pw.args[1] or "1000"))
if not n or n < 1 then pw.fail("usage: send.lua N") end
local session = pw.mail.session()
for i = 1, n do
  local r = session:send({
    to = string.format("dv%04d@bench.example.org", i),
    subject = string.format("Nhắc báo cáo tháng 01/2025 (%d)", i),
    text = "Kính gửi đơn vị,\r\nđề nghị gửi báo cáo tháng 01/2025 trước hạn.\r\n",
    key = "bench/" .. i,
  })
  if not r.ok then pw.fail(string.format("message %d: %s", i, r.message or "failed")) end
end
session:close()
return 0
