-- planwatch check [DIR]: validate plan packages without writing anything.
local loader = require "loader"

local usage = require("words").say("usage.check")

local opts, pos = pw.parse_args(pw.args, {}, usage, 1)
if opts.help then return 0 end
local bad = 0
for _, dir in ipairs(loader.packages(pos[1] or pw.opt.plugins)) do
  local pkg = loader.read(dir)
  loader.check(pkg)
  local n = loader.report_problems(pkg)
  bad = bad + n
  pw.out(pw.out_module.escape(require("words").say("cli.load.checked", dir, #pkg.files, n)), "\n")
end
return bad > 0 and 1 or 0
