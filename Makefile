# planwatch — see README.md. `make run` to try it, `make test` to test it.

CC      ?= cc
PKGS    := lua5.4 sqlite3 libcurl libedit libzip
# libcurl's and libzip's headers only: each library is loaded when first used
# (core/curl_loader.h: mail is sent; core/zip_loader.h: a DOCX is written).
LINKPKGS := lua5.4 sqlite3 libedit
WARN    := -std=c11 -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes
PKGCFLAGS = $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKGLIBS   = $(shell pkg-config --libs $(LINKPKGS) 2>/dev/null) -ldl
CFLAGS  ?= -O2 -g
SAN     := -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined

# Debian 12 packages: SPEC's list, plus the sqlite3 CLI for tests and
# benchmarks, luacheck for the Lua lint that `make test` runs, tmux for the
# REPL's terminal specs, libzip for the DOCX report and python3-docx to check
# it in the specs.
DEB_PKGS := gcc make pkg-config liblua5.4-dev lua5.4 libsqlite3-dev \
            libcurl4-openssl-dev libedit-dev lua-busted lua-check python3-aiosmtpd sqlite3 tmux \
            libzip-dev python3-docx

SRCS     := $(wildcard core/*.c)
LIBSRCS  := $(filter-out core/main.c,$(SRCS))
OBJS     := $(SRCS:core/%.c=build/obj/%.o)
SANOBJS  := $(SRCS:core/%.c=build/asan/obj/%.o)
CTESTS   := $(patsubst tests/c/%.c,build/asan/tests/%,$(wildcard tests/c/test_*.c))

DB      ?= planwatch.db

# `make install`: the binary in $(PREFIX)/bin, the Lua scripts, the example
# plan and the deployment files in $(PREFIX)/share/planwatch (a path compiled
# into that binary), the man page in $(PREFIX)/share/man/man1.
PREFIX  ?= /usr/local
LIBDIR   = $(PREFIX)/share/planwatch

.PHONY: all deps build run test test-c test-lua lint install clean
all: build

deps:
	@missing=""; \
	for p in $(DEB_PKGS); do \
	  dpkg-query -W -f='$${Status}\n' $$p 2>/dev/null | grep -q '^install ok installed' \
	    || missing="$$missing $$p"; \
	done; \
	if [ -z "$$missing" ]; then echo "deps: all installed"; \
	elif [ "$$(id -u)" = 0 ]; then \
	  echo "deps: installing$$missing"; \
	  export DEBIAN_FRONTEND=noninteractive; \
	  apt-get install -y --no-install-recommends $$missing \
	    || { apt-get update && apt-get install -y --no-install-recommends $$missing; }; \
	else \
	  echo "deps: missing:$$missing"; \
	  echo "deps: run: sudo apt-get install -y --no-install-recommends$$missing"; \
	  exit 1; \
	fi

build: build/planwatch
	@ln -sf build/planwatch planwatch

build/planwatch: $(OBJS)
	$(CC) $(CFLAGS) -o $@ $(OBJS) $(PKGLIBS) -lm

build/obj/%.o: core/%.c core/*.h | build/obj
	$(CC) $(WARN) $(CFLAGS) $(PKGCFLAGS) -c -o $@ $<

build/asan/planwatch: $(SANOBJS)
	$(CC) $(SAN) -g -o $@ $(SANOBJS) $(PKGLIBS) -lm

build/asan/obj/%.o: core/%.c core/*.h | build/asan/obj
	$(CC) $(WARN) $(SAN) -O1 -g $(PKGCFLAGS) -c -o $@ $<

build/asan/tests/%: tests/c/%.c tests/c/*.h $(filter-out build/asan/obj/main.o,$(SANOBJS)) | build/asan/tests
	$(CC) $(WARN) $(SAN) -O1 -g $(PKGCFLAGS) -Icore -o $@ $< \
	  $(filter-out build/asan/obj/main.o,$(SANOBJS)) $(PKGLIBS) -lm

build/obj build/asan/obj build/asan/tests:
	@mkdir -p $@

run: deps build
	./planwatch --db $(DB) init
	./planwatch --db $(DB) load plugins/yenbai-114
	./planwatch --db $(DB) import plugins/yenbai-114/data/sample-values.csv
	./planwatch --db $(DB) status
	./planwatch --db $(DB) report --html report.html && echo "report: $(CURDIR)/report.html"
	./planwatch --db $(DB) report --docx report.docx && echo "report: $(CURDIR)/report.docx"
	PLANWATCH_TRANSPORT=file ./planwatch --db $(DB) remind --dry-run

# Every test (C under ASan/UBSan, then busted specs against the sanitized
# binary); the last line is "N passed, N failed".
test: deps build build/asan/planwatch $(CTESTS)
	@tests/run

install: $(OBJS) build/install/main.o
	$(CC) $(CFLAGS) -o build/install/planwatch build/install/main.o \
	  $(filter-out build/obj/main.o,$(OBJS)) $(PKGLIBS) -lm
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(LIBDIR) $(DESTDIR)$(PREFIX)/share/man/man1
	install -m 755 build/install/planwatch $(DESTDIR)$(PREFIX)/bin/planwatch
	rm -rf $(DESTDIR)$(LIBDIR)/scripts $(DESTDIR)$(LIBDIR)/plugins $(DESTDIR)$(LIBDIR)/deploy
	cp -R scripts plugins deploy $(DESTDIR)$(LIBDIR)/
	install -m 644 planwatch.1 $(DESTDIR)$(PREFIX)/share/man/man1/planwatch.1
	@echo "installed: $(DESTDIR)$(PREFIX)/bin/planwatch (scripts in $(LIBDIR))"

# main.o again with the library path of this PREFIX.
.PHONY: build/install/main.o
build/install/main.o: core/main.c core/*.h
	@mkdir -p build/install
	$(CC) $(WARN) $(CFLAGS) $(PKGCFLAGS) -DPW_LIBDIR='"$(LIBDIR)"' -c -o $@ core/main.c

# Lua lint (.luacheckrc); `make test` runs it too.
lint:
	luacheck -q scripts plugins tests

clean:
	rm -rf build planwatch

# The progress report in headless Chromium (installed with apt-get when
# missing and run as root): no console message, a screenshot that is not
# blank, A4 pages in print; no sideways scrolling at 1280 and 390 px, axe-core
# and the Nu Html Checker clean (npm packages in build/browser; skipped with a
# line when npm is unreachable). Not part of `make test`.
# SCREENSHOT=docs/report.png also refreshes the README's screenshot and
# docs/report-phone.png and docs/report-print.png. Then the DOCX report through LibreOffice
# (tests/browser/docx.sh, which installs libreoffice-writer-nogui and
# poppler-utils the same way), its first page kept as docs/report-docx.png.
.PHONY: test-browser
test-browser: build
	@tests/browser/check.sh $(if $(SCREENSHOT),--screenshot $(SCREENSHOT))
	@tests/browser/docx.sh docs/report-docx.png

# Fuzzing (tests/fuzz/targets.h): `make fuzz FUZZ_SECONDS=60` builds each
# libFuzzer target with clang under ASan/UBSan and runs it that long, from the
# seeds in tests/fuzz/corpus/<target>/; the corpus it grows is kept in
# build/fuzz/corpus/, crashes in build/fuzz/crashes/<target>/. A crash, once
# fixed, goes under tests/fuzz/regressions/<target>/, which `make test`
# replays (tests/c/test_fuzz_regressions.c).
FUZZ_CC      ?= clang-14
FUZZ_SECONDS ?= 60
FUZZ_TARGETS := csv period mime luaser plugin
FUZZ_SAN     := -fsanitize=address,undefined -fno-sanitize-recover=undefined -fno-omit-frame-pointer
FUZZOBJS     := $(LIBSRCS:core/%.c=build/fuzz/obj/%.o)

.PHONY: fuzz
fuzz: $(FUZZ_TARGETS:%=build/fuzz/fuzz_%)
	@tests/fuzz/run $(FUZZ_SECONDS) $(FUZZ_TARGETS)

build/fuzz/obj/%.o: core/%.c core/*.h | build/fuzz/obj
	$(FUZZ_CC) -std=c11 -g -O1 $(FUZZ_SAN) -fsanitize=fuzzer-no-link $(PKGCFLAGS) -c -o $@ $<

build/fuzz/fuzz_%: tests/fuzz/fuzz_%.c tests/fuzz/targets.h $(FUZZOBJS)
	$(FUZZ_CC) -std=c11 -g -O1 $(FUZZ_SAN) -fsanitize=fuzzer $(PKGCFLAGS) -Icore -o $@ $< \
	  $(FUZZOBJS) $(PKGLIBS) -lm

build/fuzz/obj:
	@mkdir -p $@

.SECONDARY: $(FUZZOBJS)

build/asan/tests/test_fuzz_regressions: tests/fuzz/targets.h

# The long tests (tests/hard/run): kill -9 at random moments during import,
# load and remind (100 times each), 4 concurrent reminds and 2 concurrent
# imports, against the release binary and the test SMTP server; a flush of
# 10,000 messages after an outage; remind through Debian's Postfix on
# loopback (installed with apt-get when missing and run as root, else
# skipped; not part of `make deps`); about five minutes. Prints a table of case / runs / outcome and "N passed, N failed".
.PHONY: test-hard
test-hard: build
	@tests/hard/run

# Benchmarks (tests/bench/README.md): planwatch beside sqlite3, pandas and
# lua5.4 on generated values, printed as one table of medians and ratios.
# The 1.2 M-value size by default; BENCH_SIZES="1.2M 12M" runs both.
BENCH_SIZES ?= 1.2M

.PHONY: bench
bench: deps build build/bench/gen
	lua5.4 tests/bench/bench.lua $(BENCH_SIZES)

build/bench/gen: tests/bench/gen.c | build/bench
	$(CC) $(WARN) -O2 -o $@ $<

build/bench:
	@mkdir -p $@
