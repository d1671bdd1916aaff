/*
** say: the C core's texts in both languages (say.h).
*/
#include "say.h"

#include <errno.h>
#include <string.h>

typedef struct text {
  const char *vi, *en;
} text;

/* The columns of a values file, as the import's messages list them. */
#define COLUMNS_VI \
  "indicator, unit, period, value, và tùy chọn note, source"
#define COLUMNS_EN \
  "indicator, unit, period, value, and optionally note, source"

static const text texts[SAY_COUNT] = {
  [SAY_OUT_OF_MEMORY] = { "không đủ bộ nhớ", "out of memory" },

  [SAY_STORE_MIGRATION_FAILED] = {
    "chuyển lên lược đồ %d thất bại: %s",
    "migration to schema %d failed: %s" },
  [SAY_STORE_NOT_SQLITE] = {
    "không phải cơ sở dữ liệu SQLite (bị hỏng, hoặc là loại tệp khác): "
    "khôi phục từ bản sao lưu hoặc chọn --db khác",
    "not an SQLite database (damaged, or another kind of file): "
    "restore it from a backup or choose another --db" },
  [SAY_STORE_NO_VERSION] = {
    "không đọc được phiên bản lược đồ: %s",
    "cannot read the schema version: %s" },
  [SAY_STORE_NEWER] = {
    "cơ sở dữ liệu có lược đồ %d, mới hơn planwatch này (%d): "
    "hãy nâng cấp planwatch",
    "the database has schema %d, newer than this planwatch (%d): "
    "upgrade planwatch" },
  [SAY_STORE_EMPTY] = {
    "chưa phải cơ sở dữ liệu planwatch (trống hoặc lược đồ 0): "
    "chạy `planwatch init`",
    "not a planwatch database yet (empty or schema 0): run `planwatch init`" },
  [SAY_STORE_OLDER] = {
    "cơ sở dữ liệu có lược đồ %d, cũ hơn planwatch này (%d): "
    "chạy `planwatch init` để chuyển đổi",
    "the database has schema %d, older than this planwatch (%d): "
    "run `planwatch init` to migrate it" },
  [SAY_STORE_HARDEN] = {
    "không khóa chặt được kết nối: %s",
    "cannot harden the connection: %s" },
  [SAY_STORE_OPEN] = { "không mở được %s: %s", "cannot open %s: %s" },

  [SAY_IMPORT_TOO_MANY_INDICATORS] = {
    "nhiều hơn %d chỉ tiêu", "more than %d indicators" },
  [SAY_IMPORT_TOO_MANY_UNITS] = { "quá nhiều đơn vị", "too many units" },
  [SAY_IMPORT_READING_PLAN] = { "đọc kế hoạch", "reading the plan" },
  [SAY_IMPORT_DUPLICATE] = {
    "trùng lặp: %s/%s/%s đã có ở dòng %lu",
    "duplicate: %s/%s/%s is already on line %lu" },
  [SAY_IMPORT_CHECK_STOPPED] = {
    "bước kiểm tra của %s đã dừng việc nhập",
    "the check of %s stopped the import" },
  [SAY_IMPORT_OOM_ROWS] = {
    "không đủ bộ nhớ cho %zu dòng", "out of memory for %zu rows" },
  [SAY_IMPORT_UNKNOWN_COLUMN] = {
    "cột không xác định '%s' (các cột là " COLUMNS_VI ")",
    "unknown column '%s' (the columns are " COLUMNS_EN ")" },
  [SAY_IMPORT_COLUMN_TWICE] = {
    "cột '%s' xuất hiện hai lần (trường %d và %d)",
    "column '%s' appears twice (fields %d and %d)" },
  [SAY_IMPORT_HEADER_UTF8] = {
    "dòng tiêu đề không phải UTF-8 hợp lệ (trường %d)",
    "the header is not valid UTF-8 (field %d)" },
  [SAY_IMPORT_MISSING_COLUMN] = {
    "thiếu cột '%s' (các cột là " COLUMNS_VI ")",
    "missing column '%s' (the columns are " COLUMNS_EN ")" },
  [SAY_IMPORT_FIELD] = { "trường", "field" },
  [SAY_IMPORT_FIELD_UTF8] = {
    "%s: UTF-8 không hợp lệ (byte %zu của trường)",
    "%s: invalid UTF-8 (byte %zu of the field)" },
  [SAY_IMPORT_FIELD_NUL] = {
    "%s: chứa byte NUL", "%s: contains a NUL byte" },
  [SAY_IMPORT_INDICATOR_EMPTY] = { "indicator: trống", "indicator: empty" },
  [SAY_IMPORT_UNKNOWN_INDICATOR] = {
    "indicator: không có chỉ tiêu '%s'",
    "indicator: unknown indicator '%s'" },
  [SAY_IMPORT_DERIVED] = {
    "indicator: %s là chỉ tiêu dẫn xuất (tính theo công thức); "
    "không nhập giá trị của nó",
    "indicator: %s is derived (computed by its formula); "
    "its values are not imported" },
  [SAY_IMPORT_UNIT_EMPTY] = { "unit: trống", "unit: empty" },
  [SAY_IMPORT_UNIT_NEAR] = {
    "unit: không có đơn vị '%s'; có phải ý bạn là '%s'?",
    "unit: unknown unit '%s'; did you mean '%s'?" },
  [SAY_IMPORT_UNKNOWN_UNIT] = {
    "unit: không có đơn vị '%s' (không phải mã, bí danh "
    "hay tên của đơn vị nào)",
    "unit: unknown unit '%s' (neither a unit code, an alias nor a "
    "unit's name)" },
  [SAY_IMPORT_PERIOD_EMPTY] = { "period: trống", "period: empty" },
  [SAY_IMPORT_BAD_PERIOD] = {
    "period: kỳ không hợp lệ '%s' (cần YYYY, YYYY-H1, YYYY-Q1, YYYY-9M "
    "hoặc YYYY-MM)",
    "period: bad period '%s' (expected YYYY, YYYY-H1, YYYY-Q1, YYYY-9M "
    "or YYYY-MM)" },
  [SAY_IMPORT_VALUE_EMPTY] = { "value: trống", "value: empty" },
  [SAY_IMPORT_NOT_NUMBER] = {
    "value: '%s' không phải là số (viết như 1200 hoặc -3.5: dấu '.' là "
    "dấu thập phân, không có dấu phân cách hàng nghìn)",
    "value: '%s' is not a number (write it like 1200 or -3.5: '.' as the "
    "decimal point, no thousands separator)" },
  [SAY_IMPORT_OUT_OF_RANGE] = {
    "value: '%s' nằm ngoài phạm vi", "value: '%s' is out of range" },
  [SAY_IMPORT_FIELD_COUNT] = {
    "%d trường; dòng tiêu đề có %d trường",
    "%d fields; the header names %d" },
  [SAY_IMPORT_FIELD_COUNT_ONE] = {
    "%d trường; dòng tiêu đề có %d trường",
    "%d field; the header names %d" },
  [SAY_IMPORT_WRONG_PERIOD] = {
    "period: %s được báo cáo theo %s, không theo %s ('%s')",
    "period: %s is reported by %s, not by %s ('%s')" },
  [SAY_IMPORT_UNKNOWN_PERIOD] = {
    "một kỳ không xác định", "an unknown period" },
  [SAY_IMPORT_TOO_MANY_LINES] = { "quá nhiều dòng", "too many lines" },
  [SAY_IMPORT_EMPTY_FILE] = {
    "tệp trống; dòng đầu tiên phải ghi tên các cột: " COLUMNS_VI,
    "the file is empty; its first line must name the columns: "
    COLUMNS_EN },
  [SAY_IMPORT_MORE_ERRORS] = {
    "%s: còn %I lỗi nữa không hiển thị", "%s: %I more error(s) not shown" },
  [SAY_IMPORT_READ_ONLY] = {
    "tập lệnh này chỉ được đọc; chạy với --write để thay đổi cơ sở dữ liệu",
    "this script is read-only; run it with --write to change the database" },
  [SAY_IMPORT_READING_STORE] = { "đọc kho dữ liệu", "reading the store" },
  [SAY_IMPORT_READING_SCHEMA] = { "đọc lược đồ", "reading the schema" },
  [SAY_IMPORT_PREPARING] = { "chuẩn bị nhập", "preparing the import" },
  [SAY_IMPORT_READING_VALUES] = {
    "đọc các giá trị đã lưu", "reading stored values" },
  [SAY_IMPORT_WRITING_AUDIT] = { "ghi nhật ký kiểm tra", "writing the audit" },
  [SAY_IMPORT_WRITING_VALUES] = { "ghi giá trị", "writing values" },
  [SAY_IMPORT_KEEPING_YEARS] = {
    "cập nhật value_years", "keeping value_years" },

  [SAY_CSV_FIELD_TOO_LONG] = {
    "trường %d dài hơn %zu byte", "field %d is longer than %zu bytes" },
  [SAY_CSV_TOO_MANY_FIELDS] = {
    "hơn %d trường trong một bản ghi", "more than %d fields in one record" },
  [SAY_CSV_QUOTE_INSIDE] = {
    "field %d: dấu nháy kép nằm trong trường không có nháy (hãy đặt cả trường "
    "trong nháy kép và viết dấu nháy hai lần)",
    "field %d: a quote inside an unquoted field (quote the whole field and "
    "write the quote twice)" },
  [SAY_CSV_AFTER_QUOTE] = {
    "field %d: có chữ sau dấu nháy đóng", "field %d: text after the closing quote" },
  [SAY_CSV_BARE_CR] = {
    "ký tự xuống dòng CR ngoài dấu nháy mà không có LF theo sau",
    "a carriage return outside quotes not followed by a line feed" },
  [SAY_CSV_NEVER_CLOSED] = {
    "trường trong nháy kép mở ở đây không bao giờ được đóng",
    "the quoted field opened here is never closed" },
  [SAY_CSV_READ_ERROR] = { "lỗi đọc", "read error" },

  [SAY_FILE_IS_FOLDER] = {
    "là thư mục, không phải tệp", "is a folder, not a file" },
  [SAY_FILE_NOT_REGULAR] = {
    "không phải tệp thông thường", "not a regular file" },
  [SAY_FILE_IS_LINK] = {
    "là liên kết tượng trưng: planwatch không ghi qua liên kết và cũng "
    "không thay thế nó; hãy ghi tên tệp mà nó trỏ tới",
    "is a symbolic link: planwatch neither writes through a link nor "
    "replaces one; name the file it points to" },
  [SAY_FILE_EXISTS_NOT_REGULAR] = {
    "đã tồn tại và không phải tệp thông thường",
    "exists and is not a regular file" },
  [SAY_FILE_NOT_A_NAME] = { "không phải tên tệp", "not a file name" },
  [SAY_WRITE_ZONE_SCRIPTS] = {
    "thư mục scripts (scripts/, kể cả lib/)",
    "the scripts folder (scripts/, its lib/ included)" },
  [SAY_WRITE_ZONE_PLUGINS] = { "thư mục plugins", "the plugins folder" },
  [SAY_WRITE_ZONE_PROGRAM] = {
    "chương trình planwatch", "the planwatch program" },
  [SAY_WRITE_ZONE_DATABASE] = {
    "cơ sở dữ liệu hoặc một tệp của nó", "the database or one of its files" },
  [SAY_WRITE_NEVER] = {
    "%s: từ chối: %s không bao giờ được tập lệnh ghi",
    "%s: refused: %s is never written by a script" },
  [SAY_WRITE_NOT_NAMED] = {
    "%s: từ chối: tập lệnh chỉ ghi các tệp và thư mục mà dòng lệnh của nó "
    "chỉ định (--write-to PATH)",
    "%s: refused: a script writes only the files and folders its command "
    "line names (--write-to PATH)" },

  [SAY_HOST_BAD_MODULE] = {
    "require: không có mô-đun '%s' (mô-đun là tệp trong scripts/lib, tên "
    "gồm a-z, 0-9, _ và -)",
    "require: no module '%s' (modules are files in scripts/lib named with "
    "a-z, 0-9, _ and -)" },
  [SAY_HOST_NO_MODULE] = {
    "require: không có mô-đun '%s' trong scripts/lib",
    "require: no module '%s' in scripts/lib" },
  [SAY_HOST_NO_MEMORY] = {
    "planwatch: không đủ bộ nhớ\n", "planwatch: not enough memory\n" },

  [SAY_PLUGIN_CANNOT_OPEN] = {
    "%.400s: không mở được: %s", "%.400s: cannot open: %s" },
  [SAY_PLUGIN_NO_SANDBOX_MEMORY] = {
    "không đủ bộ nhớ để khởi động hộp cát",
    "not enough memory to start a sandbox" },
  [SAY_PLUGIN_ANSWER_UNREADABLE_OF] = {
    "không đọc được câu trả lời của plugin: %s",
    "the plugin's answer cannot be read: %s" },
  [SAY_PLUGIN_DECLARATIONS_UNREADABLE] = {
    "không đọc được các khai báo: %s", "declarations cannot be read: %s" },
  [SAY_PLUGIN_ANSWER_UNREADABLE] = {
    "hộp cát của plugin gửi về câu trả lời không đọc được",
    "the plugin's sandbox sent an answer that cannot be read" },
  [SAY_PLUGIN_SANDBOX_UNREADABLE_WHY] = {
    "hộp cát của plugin gửi về câu trả lời không đọc được (%s)",
    "the plugin's sandbox sent an answer that cannot be read (%s)" },
  [SAY_PLUGIN_NO_ANSWER_MEMORY] = {
    "không đủ bộ nhớ cho câu trả lời", "not enough memory for the answer" },
  [SAY_PLUGIN_TIMEOUT] = {
    "đã dừng: vượt quá giới hạn thời gian", "stopped: time limit exceeded" },
  [SAY_PLUGIN_CRASHED] = {
    "hộp cát của plugin bị sập (tín hiệu %d)",
    "the plugin's sandbox crashed (signal %d)" },
  [SAY_PLUGIN_TOO_LARGE] = {
    "câu trả lời của plugin lớn hơn %d MiB",
    "the plugin's answer is larger than %d MiB" },
  [SAY_PLUGIN_CANNOT_RUN] = {
    "không chạy được hộp cát của plugin: %s",
    "cannot run the plugin's sandbox: %s" },
  [SAY_PLUGIN_NO_ANSWER] = {
    "hộp cát của plugin kết thúc mà không trả lời (mã thoát %d)",
    "the plugin's sandbox ended without an answer (exit status %d)" },
  [SAY_PLUGIN_OUTSIDE_FOLDER] = {
    "không mở được: từ chối: tệp plugin phải là tệp thông thường nằm trong "
    "thư mục gói của nó",
    "cannot open: refused: a plugin file must be a regular file inside its "
    "package folder" },
  [SAY_PLUGIN_NESTED] = {
    "một khai báo lồng nhau quá sâu, chứa chính nó hoặc quá lớn",
    "a declaration is nested too deeply, contains itself or is too large" },

  [SAY_SANDBOX_STOPPED_AT] = {
    "%s:%d: đã dừng: vượt quá %s", "%s:%d: stopped: %s exceeded" },
  [SAY_SANDBOX_STOPPED] = {
    "đã dừng: vượt quá %s", "stopped: %s exceeded" },
  [SAY_SANDBOX_BUDGET] = { "ngân sách lệnh", "instruction budget" },
  [SAY_SANDBOX_TIME] = { "giới hạn thời gian", "time limit" },
  [SAY_SANDBOX_MEMORY] = {
    "đã dừng: vượt quá mức bộ nhớ %d KiB",
    "stopped: memory cap of %d KiB exceeded" },
  [SAY_SANDBOX_TEXT_ONLY] = {
    "load: chỉ cho phép đoạn mã dạng văn bản (mode \"t\")",
    "load: only text chunks are allowed (mode \"t\")" },
  [SAY_SANDBOX_UNDECLARED] = {
    "biến toàn cục chưa khai báo '%s'", "undeclared global '%s'" },
  [SAY_SANDBOX_ASSIGN_UNDECLARED] = {
    "gán cho biến toàn cục chưa khai báo '%s' (hãy dùng local)",
    "assignment to undeclared global '%s' (use local)" },
  [SAY_SANDBOX_PROTECTED_ENV] = {
    "môi trường toàn cục được bảo vệ",
    "the global environment is protected" },
  [SAY_SANDBOX_GC] = {
    "setmetatable: không cho phép hàm hủy __gc",
    "setmetatable: __gc finalisers are not allowed" },
  [SAY_SANDBOX_METATABLE] = {
    "không thể thay đổi metatable được bảo vệ",
    "cannot change a protected metatable" },
  [SAY_SANDBOX_CANNOT_OPEN] = {
    "%s: không mở được: %s", "%s: cannot open: %s" },
  [SAY_SANDBOX_STILL_RUNNING] = {
    "planwatch: đã dừng: vượt quá giới hạn thời gian (vẫn chạy khi đã gấp "
    "đôi giới hạn %g giây, bên trong một lời gọi mà giới hạn không ngắt "
    "được)\n",
    "planwatch: stopped: time limit exceeded (still running at twice the "
    "limit of %g s, inside a call the limit cannot interrupt)\n" },
  [SAY_SANDBOX_NOT_NUMBER] = {
    "planwatch: %s phải là số không âm\n",
    "planwatch: %s must be a non-negative number\n" },
};

static int english;

void say_use(const char *lang) {
  english = lang != NULL && strcmp(lang, "en") == 0;
}

const char *say_in(const char *lang, say_key key) {
  if ((unsigned)key >= SAY_COUNT)
    return NULL;
  return lang != NULL && strcmp(lang, "en") == 0 ? texts[key].en
                                                 : texts[key].vi;
}

const char *say_lang(void) {
  return english ? "en" : "vi";
}

const char *say(say_key key) {
  return say_in(english ? "en" : "vi", key);
}

/* The reasons people meet most, by errno. */
static const struct {
  int err;
  text t;
} reasons[] = {
  { ENOENT, { "không có tệp hoặc thư mục đó", "No such file or directory" } },
  { EACCES, { "không có quyền truy cập", "Permission denied" } },
  { EPERM, { "không được phép", "Operation not permitted" } },
  { EISDIR, { "là một thư mục", "Is a directory" } },
  { ENOTDIR, { "không phải thư mục", "Not a directory" } },
  { EEXIST, { "đã tồn tại", "File exists" } },
  { ENOSPC, { "hết chỗ trống trên thiết bị", "No space left on device" } },
  { EROFS, { "hệ thống tệp chỉ đọc", "Read-only file system" } },
  { ELOOP, { "quá nhiều liên kết tượng trưng",
             "Too many levels of symbolic links" } },
  { ENAMETOOLONG, { "tên tệp quá dài", "File name too long" } },
};

const char *say_errno(int err) {
  if (!english)
    for (size_t i = 0; i < sizeof reasons / sizeof reasons[0]; i++)
      if (reasons[i].err == err)
        return reasons[i].t.vi;
  return strerror(err);
}
