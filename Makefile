# auditscope: see README.md.  GNU make.
#
#   make                    build build/auditscope
#   make check              unit tests (Check), end-to-end cases, manual lint
#   make SANITIZE=1 check   the same under AddressSanitizer + UBSan (build/san)
#   make install PREFIX=/usr DESTDIR=/tmp/pkg ; make uninstall
#   make bench              timings against floors and peers (scripts/bench)

PREFIX	?= /usr/local
BINDIR	?= $(PREFIX)/bin
MANDIR	?= $(PREFIX)/share/man
CC	?= cc
CFLAGS	?= -O2 -g
SANITIZE ?= 0
PKG_CONFIG ?= pkg-config

PKGS		 = libcrypto libxml-2.0 jansson poppler-glib
PKG_CFLAGS	:= $(shell $(PKG_CONFIG) --cflags $(PKGS))
PKG_LIBS	:= $(shell $(PKG_CONFIG) --libs $(PKGS))
LIBCSV_LIBS	?= -lcsv
CHECK_CFLAGS	:= $(shell $(PKG_CONFIG) --cflags check)
CHECK_LIBS	:= $(shell $(PKG_CONFIG) --libs check)

WARNINGS = -Wall -Wextra -Wshadow -Wformat=2 -Wstrict-prototypes \
	   -Wmissing-prototypes -Wpointer-arith -Wvla -Wno-unused-parameter

ifeq ($(SANITIZE),1)
BUILD	 = build/san
SANFLAGS = -fsanitize=address,undefined -fno-sanitize-recover=all \
	   -fno-omit-frame-pointer
else
BUILD	 = build
SANFLAGS =
endif

ALL_CFLAGS = -std=c11 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE \
	     $(WARNINGS) -Iinclude $(PKG_CFLAGS) $(CFLAGS) $(SANFLAGS) -MMD -MP
ALL_LDFLAGS = $(LDFLAGS) $(SANFLAGS)
LIBS	 = $(PKG_LIBS) $(LIBCSV_LIBS) -lpthread

# Everything but main.c is the library that the binary and the tests share.
LIB_SRCS  = $(filter-out src/main.c,$(sort $(wildcard src/*.c)))
LIB_OBJS  = $(LIB_SRCS:src/%.c=$(BUILD)/%.o)
LIB	  = $(BUILD)/libauditscope.a
BIN	  = $(BUILD)/auditscope
TEST_SRCS = $(sort $(wildcard tests/check_*.c))
TEST_OBJS = $(TEST_SRCS:tests/%.c=$(BUILD)/tests/%.o)
TEST_BIN  = $(BUILD)/check_auditscope

.PHONY: all check unit e2e lint check-html install uninstall clean bench fuzz

all: $(BIN)

$(BUILD)/%.o: src/%.c
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -c -o $@ $<

$(LIB): $(LIB_OBJS)
	rm -f $@
	$(AR) rcs $@ $(LIB_OBJS)

$(BIN): $(BUILD)/main.o $(LIB)
	$(CC) $(ALL_LDFLAGS) -o $@ $(BUILD)/main.o $(LIB) $(LIBS)

# Each tests/check_NAME.c defines Suite *NAME_suite(void); the runner gets
# the list from the file names, so adding a suite touches no other file.
$(BUILD)/tests/suites.h: $(TEST_SRCS)
	@mkdir -p $(@D)
	for f in $(filter-out tests/check_main.c,$(TEST_SRCS)); do \
		n=$${f#tests/check_}; echo "SUITE($${n%.c})"; \
	done > $@

$(BUILD)/tests/%.o: tests/%.c $(BUILD)/tests/suites.h
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) $(CHECK_CFLAGS) -Wno-missing-prototypes \
	    -I$(BUILD)/tests -c -o $@ $<

$(TEST_BIN): $(TEST_OBJS) $(LIB)
	$(CC) $(ALL_LDFLAGS) -o $@ $(TEST_OBJS) $(LIB) $(LIBS) $(CHECK_LIBS)

check: unit e2e lint

unit: $(TEST_BIN) $(BIN)
	AUDITSCOPE=$(CURDIR)/$(BIN) $(TEST_BIN)

e2e: $(BIN)
	AUDITSCOPE=$(CURDIR)/$(BIN) tests/run-e2e

# The HTML report rendered by headless Chromium (scripts/test installs it).
check-html: $(BIN)
	AUDITSCOPE=$(CURDIR)/$(BIN) tests/html-dom

lint: $(BIN)
	mandoc -Tlint -Wwarning man/auditscope.1
	AUDITSCOPE=$(CURDIR)/$(BIN) tests/options-documented

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

-include $(LIB_OBJS:.o=.d) $(BUILD)/main.d $(TEST_OBJS:.o=.d)
