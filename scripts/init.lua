--! planwatch: write
-- planwatch init: create the database, or migrate it to this version's schema.
local usage = require("words").say("usage.init")

local opts = pw.parse_args(pw.args, {}, usage, 0)
if opts.help then return 0 end
pw.transaction(function() end) -- opening the writer creates and migrates

pw.out(require("words").say("cli.load.schema", pw.opt.db, pw.opt.schema_version), "\n")
return 0
