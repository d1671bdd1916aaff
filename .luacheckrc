-- luacheck settings for planwatch's Lua: commands and libraries under
-- scripts/, plan packages under plugins/, specs under tests/.
std = "lua54"
globals = { "pw" }
max_line_length = false
codes = true
-- Callbacks keep the signature their caller gives them.
unused_args = false
exclude_files = { "scripts/pw.meta.lua" } -- declarations for the editor, no code

-- A plugin file sees the plan language (scripts/lib/plugin_env.lua) and
-- nothing of the host.
-- (scripts/lib/model.lua lists the kinds; the test packages are alike).
local plugin_files = {
  std = "lua54",
  globals = {},
  read_globals = { "plan", "unit", "goal", "group", "indicator", "target",
                   "task", "duty", "budget", "holiday", "wording", "validate",
                   "succession" },
}
files["plugins"] = plugin_files
files["tests/fixtures/plugins"] = plugin_files

-- Specs run under busted.
files["tests/spec"] = { std = "+busted" }
files["tests/bench"] = { std = "+busted" }
