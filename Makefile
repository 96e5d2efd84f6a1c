# auditscope: see README.md.  GNU make.
#
#   make                    build build/auditscope
#   make check              unit tests (Check), end-to-end cases, manual lint
#   make SANITIZE=1 check   the same under AddressSanitizer + UBSan (build/san)
#   make fuzz FUZZ_SECONDS=N  every libFuzzer harness for N s (clang, build/fuzz)
#   make e2e-valgrind       the end-to-end cases under valgrind
#   make install PREFIX=/usr DESTDIR=/tmp/pkg ; make uninstall
#   make bench              timings against floors and peers (scripts/bench)

PREFIX	?= /usr/local
BINDIR	?= $(PREFIX)/bin
MANDIR	?= $(PREFIX)/share/man
CC	?= cc
CFLAGS	?= -O2 -g
SANITIZE ?= 0
FUZZ	?= 0
FUZZ_CC	?= clang
FUZZ_SECONDS ?= 10
PKG_CONFIG ?= pkg-config

# poppler-glib: its header at build time; the library itself is dlopen()ed
# by the PDF reader's child process (src/statement/stmt_pdf.c), under its
# soname.
PKGS		 = libcrypto libxml-2.0 jansson poppler-glib
PKG_CFLAGS	:= $(shell $(PKG_CONFIG) --cflags $(PKGS))
PKG_LIBS	:= $(shell $(PKG_CONFIG) --libs libcrypto libxml-2.0 jansson \
		   gobject-2.0 glib-2.0) -ldl
POPPLER_SONAME	:= $(shell objdump -p $$($(PKG_CONFIG) --variable=libdir \
		   poppler-glib)/libpoppler-glib.so 2>/dev/null | \
		   awk '/SONAME/ { print $$2 }')
LIBCSV_LIBS	?= -lcsv
CHECK_CFLAGS	:= $(shell $(PKG_CONFIG) --cflags check)
CHECK_LIBS	:= $(shell $(PKG_CONFIG) --libs check)

WARNINGS = -Wall -Wextra -Wshadow -Wformat=2 -Wstrict-prototypes \
	   -Wmissing-prototypes -Wpointer-arith -Wvla -Wno-unused-parameter

ifeq ($(FUZZ),1)
# libFuzzer: the library is instrumented for coverage, the harnesses
# linked with the fuzzer's main.  Set by `make fuzz`, not by hand.
CC	 = $(FUZZ_CC)
BUILD	 = build/fuzz
SANFLAGS = -fsanitize=fuzzer-no-link,address,undefined \
	   -fno-sanitize-recover=all -fno-omit-frame-pointer
else ifeq ($(SANITIZE),1)
BUILD	 = build/san
# -O1 -g1 (after CFLAGS, so they win): ASan's advice, line tables enough
# for its reports.  The test suite's sanitizer build took 40 s of CPU at
# -O2 -g and 21 s at -O1 -g1, its unit tests and e2e cases as long.
SANFLAGS = -O1 -g1 -fsanitize=address,undefined -fno-sanitize-recover=all \
	   -fno-omit-frame-pointer
else
BUILD	 = build
SANFLAGS =
endif

# ccache where it is installed and usable: a clean clone then compiles
# from the cache what this machine compiled before (the test command
# builds twice, optimised and under the sanitizers: some 40 s of its two
# minutes on 2 cores).  The debug information names paths relative to
# the clone, so clones in other folders share the cache.
CCACHE	:= $(shell ccache -k cache_dir >/dev/null 2>&1 && command -v ccache)
COMPILE	 = $(CCACHE) $(CC)

ALL_CFLAGS = -std=c11 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE \
	     $(if $(POPPLER_SONAME),-DPOPPLER_GLIB_SONAME='"$(POPPLER_SONAME)"') \
	     $(WARNINGS) -Isrc $(PKG_CFLAGS) $(CFLAGS) $(SANFLAGS) \
	     -fdebug-prefix-map=$(CURDIR)=. -MMD -MP
ALL_LDFLAGS = $(LDFLAGS) $(SANFLAGS)
LIBS	 = $(PKG_LIBS) $(LIBCSV_LIBS) -lpthread

# Everything but main.c is the library that the binary and the tests share:
# src/STAGE/*.c, one folder per stage of the pipeline (README.md,
# "Architecture"); headers are included as "STAGE/name.h" from -Isrc.
LIB_SRCS  = $(sort $(wildcard src/*/*.c))
LIB_OBJS  = $(LIB_SRCS:src/%.c=$(BUILD)/%.o)
LIB	  = $(BUILD)/libauditscope.a
BIN	  = $(BUILD)/auditscope
TEST_SRCS = $(sort $(wildcard tests/unit/check_*.c))
TEST_OBJS = $(TEST_SRCS:tests/unit/%.c=$(BUILD)/tests/%.o)
TEST_BIN  = $(BUILD)/check_auditscope
# One libFuzzer harness per reader entry point: tests/fuzz/fuzz_NAME.c,
# its seeds in tests/fuzz/corpus/NAME/, its dictionary (if any) in
# tests/fuzz/NAME.dict.  replay_NAME runs the committed corpus once.
FUZZ_SRCS  = $(sort $(wildcard tests/fuzz/fuzz_*.c))
FUZZ_NAMES = $(FUZZ_SRCS:tests/fuzz/fuzz_%.c=%)
FUZZ_BINS  = $(FUZZ_NAMES:%=$(BUILD)/harness/fuzz_%)
REPLAY_BINS = $(FUZZ_NAMES:%=$(BUILD)/harness/replay_%)

.PHONY: all check unit e2e e2e-cases e2e-corpus e2e-fixtures determinism \
	lint layering check-html install uninstall clean bench fuzz fuzz-run \
	fuzz-replay e2e-valgrind e2e-ten-years-on e2e-tables

all: $(BIN)

$(BUILD)/%.o: src/%.c
	@mkdir -p $(@D)
	$(COMPILE) $(ALL_CFLAGS) -c -o $@ $<

$(LIB): $(LIB_OBJS)
	rm -f $@
	$(AR) rcs $@ $(LIB_OBJS)

$(BIN): $(BUILD)/main.o $(LIB)
	$(CC) $(ALL_LDFLAGS) -o $@ $(BUILD)/main.o $(LIB) $(LIBS)

# Each tests/unit/check_NAME.c defines Suite *NAME_suite(void); the runner
# gets the list from the file names, so adding a suite touches no other
# file.
$(BUILD)/tests/suites.h: $(TEST_SRCS)
	@mkdir -p $(@D)
	for f in $(filter-out tests/unit/check_main.c,$(TEST_SRCS)); do \
		n=$${f#tests/unit/check_}; echo "SUITE($${n%.c})"; \
	done > $@

$(BUILD)/tests/%.o: tests/unit/%.c $(BUILD)/tests/suites.h
	@mkdir -p $(@D)
	$(COMPILE) $(ALL_CFLAGS) $(CHECK_CFLAGS) -Wno-missing-prototypes \
	    -I$(BUILD)/tests -c -o $@ $<

$(TEST_BIN): $(TEST_OBJS) $(LIB)
	$(CC) $(ALL_LDFLAGS) -o $@ $(TEST_OBJS) $(LIB) $(LIBS) $(CHECK_LIBS)

# Keep the harness objects: both the fuzzer and the replay driver use them.
.SECONDARY: $(FUZZ_NAMES:%=$(BUILD)/harness/fuzz_%.o) $(BUILD)/harness/replay.o

$(BUILD)/harness/%.o: tests/fuzz/%.c
	@mkdir -p $(@D)
	$(COMPILE) $(ALL_CFLAGS) -Itests/fuzz -c -o $@ $<

$(BUILD)/harness/replay_%: $(BUILD)/harness/replay.o \
	    $(BUILD)/harness/fuzz_%.o $(LIB)
	$(CC) $(ALL_LDFLAGS) -o $@ $^ $(LIBS)

$(BUILD)/harness/fuzz_%: $(BUILD)/harness/fuzz_%.o $(LIB)
	$(CC) $(ALL_LDFLAGS) -fsanitize=fuzzer -o $@ $^ $(LIBS)

check: unit e2e lint layering fuzz-replay

# Every suite, each its own run of the runner, so that make -j spreads
# them over the cores (some wait seconds on the PDF reader's time limits);
# make unit SUITE=NAME runs tests/unit/check_NAME.c's suite alone.
# statement first: it waits longest, and should not be the last to start.
SUITES = statement $(filter-out statement,$(patsubst tests/unit/check_%.c,%,\
	 $(filter-out tests/unit/check_main.c,$(TEST_SRCS))))
ifneq ($(SUITE),)
unit: unit-$(SUITE)
	@test -f tests/unit/check_$(SUITE).c || \
	    { echo "unit: no suite tests/unit/check_$(SUITE).c" >&2; exit 1; }
else
unit: $(SUITES:%=unit-%)
endif

unit-%: $(TEST_BIN) $(BIN)
	@test -f tests/unit/check_$*.c || \
	    { echo "unit: no suite tests/unit/check_$*.c" >&2; exit 1; }
	@AUDITSCOPE=$(CURDIR)/$(BIN) CK_RUN_SUITE=$* $(TEST_BIN)

e2e: e2e-cases determinism

# The cases and the bad-input tables; determinism apart, and the cases
# that read the whole CCADB corpus (a whole-corpus file) apart from the
# rest, so that the test command can run each where it counts: the corpus
# in the optimised build, the rest under the sanitizers (scripts/test).
e2e-cases: e2e-fixtures e2e-corpus

e2e-corpus: $(BIN)
	AUDITSCOPE=$(CURDIR)/$(BIN) E2E_CORPUS=only tests/run-e2e

e2e-fixtures: $(BIN) e2e-tables
	AUDITSCOPE=$(CURDIR)/$(BIN) E2E_CORPUS=none tests/run-e2e

# The bad-input tables, the lint fixtures and the malformed CA
# certificates: the tests of e2e-fixtures that are not cases.
e2e-tables: $(BIN)
	AUDITSCOPE=$(CURDIR)/$(BIN) tests/bad-inputs
	AUDITSCOPE=$(CURDIR)/$(BIN) tests/lint-fixtures
	AUDITSCOPE=$(CURDIR)/$(BIN) tests/malformed-ca

determinism: $(BIN)
	AUDITSCOPE=$(CURDIR)/$(BIN) tests/determinism

# The cases again with the clock ten years on: none depends on the day.
e2e-ten-years-on: $(BIN)
	AUDITSCOPE=$(CURDIR)/$(BIN) tests/e2e-ten-years-on

# Every committed corpus input through its harness, once: the seeds and
# the inputs of every bug the fuzzer found stay regression tests.
fuzz-replay: $(REPLAY_BINS)
	@for n in $(FUZZ_NAMES); do \
		$(BUILD)/harness/replay_$$n tests/fuzz/corpus/$$n/* || exit 1; \
	done; echo "fuzz-replay: $(words $(FUZZ_NAMES)) harnesses, corpus clean"

fuzz:
	$(MAKE) FUZZ=1 fuzz-run

fuzz-run: $(FUZZ_BINS)
	FUZZ_BUILD=$(BUILD) FUZZ_SECONDS=$(FUZZ_SECONDS) tests/fuzz/run \
	    $(FUZZ_NAMES)

# The end-to-end cases with valgrind in front of every auditscope run, the
# PDF child included.  Exit status 99 (not 1, which means findings) marks
# a report.  Leaks: definite and indirect ones are errors; "possibly
# lost" blocks are GLib's type system, which never frees its classes.
VALGRIND = valgrind -q --error-exitcode=99 --log-fd=9 --leak-check=full \
	   --show-leak-kinds=definite,indirect \
	   --errors-for-leak-kinds=definite,indirect \
	   --suppressions=$(CURDIR)/tests/valgrind.supp

e2e-valgrind: $(BIN)
	AUDITSCOPE=$(CURDIR)/$(BIN) AUDITSCOPE_WRAP="$(VALGRIND)" tests/run-e2e

# The HTML report rendered by headless Chromium (scripts/test installs it).
check-html: $(BIN)
	AUDITSCOPE=$(CURDIR)/$(BIN) tests/html-dom

# Dependencies between the stages run one way (README.md, Architecture):
# read from the includes and from the library's symbol tables.
layering: $(LIB) $(BUILD)/main.o
	tests/layering $(BUILD)

lint: $(BIN)
	mandoc -Tlint -Wwarning man/auditscope.1
	AUDITSCOPE=$(CURDIR)/$(BIN) tests/options-documented
	tests/man-structure
	tests/e2e-status-pinned

install: $(BIN)
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(MANDIR)/man1
	install -m 755 $(BIN) $(DESTDIR)$(BINDIR)/auditscope
	install -m 644 man/auditscope.1 $(DESTDIR)$(MANDIR)/man1/auditscope.1

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/auditscope $(DESTDIR)$(MANDIR)/man1/auditscope.1

# Not part of check: builds optimised (the default CFLAGS), measures the
# scenarios of issue #8 and prints a Markdown report (scripts/bench).
bench: $(BIN) $(LIB)
	scripts/bench

clean:
	rm -rf build

-include $(LIB_OBJS:.o=.d) $(BUILD)/main.d $(TEST_OBJS:.o=.d) \
	$(wildcard $(BUILD)/harness/*.d)
