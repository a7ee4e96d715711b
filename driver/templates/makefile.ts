// Template: the exported project's Makefile, a mingw-w64 cross build of the
// driver on Linux or WSL. Placeholders: {{name}} (a driver name, already an
// identifier) and {{label}} (free text, only ever inside a comment). Recipe
// lines start with a tab, as make requires.

export const makefileTemplate = String.raw`# Makefile: builds build/{{name}}.sys with mingw-w64, on Linux or WSL.
# Driver: {{label}}
#
#   make          builds build/{{name}}.sys
#   make clean    removes build/
#
# Visual Studio 2022 with the WDK builds the same sources from {{name}}.sln.
# mingw-w64's headers and import libraries lack a few things the WDK has
# (ExAllocatePool2, POOL_FLAG_*): src/mingw/ supplies them, for this build only.

NAME    := {{name}}
TRIPLE  ?= x86_64-w64-mingw32
CC      := $(TRIPLE)-gcc
DLLTOOL := $(TRIPLE)-dlltool
DDK     ?= /usr/share/mingw-w64/include/ddk
BUILD   := build

SRCS    := $(wildcard src/*.c) $(wildcard src/wdkm/*.c)
OBJS    := $(SRCS:%.c=$(BUILD)/obj/%.o)
COMPAT  := src/mingw/wdkm_mingw_compat.h
PCH     := $(BUILD)/pch/wdkm_mingw_compat.h
EXTRA   := $(BUILD)/libntoskrnl_extra.a

# Warnings are errors, as TreatWarningAsError is in the vcxproj. Pool tags are
# multi-character constants ('mKdW'): valid C that gcc warns about.
# Kernel stacks are resident and fixed in size, so the stack probe routine
# (__chkstk_ms, from libgcc, which a driver does not link) has nothing to do;
# the stack protector's routines are not in the kernel either. GCC 12 takes
# the gs: reads of KeGetCurrentThread for accesses near address 0 and warns
# (-Warray-bounds); min-pagesize=0 is its documented way to say they are not.
CFLAGS  := -std=c11 -O2 -Wall -Wextra -Werror -Wno-multichar --param=min-pagesize=0 \
           -mno-stack-arg-probe -fno-stack-protector -I$(DDK) -Isrc/wdkm

# A native-subsystem image entered at DriverEntry (no leading underscore on
# x64), importing from ntoskrnl.exe and HAL.dll only. It exports nothing:
# its functions are not an interface for other drivers.
LDFLAGS := -shared -nostdlib -nostartfiles -Wl,--subsystem,native \
           -Wl,--entry,DriverEntry -Wl,--exclude-all-symbols
LDLIBS  := -L$(BUILD) -lntoskrnl_extra -lntoskrnl -lhal

all: $(BUILD)/$(NAME).sys

$(BUILD)/$(NAME).sys: $(OBJS) $(EXTRA)
	$(CC) $(LDFLAGS) -o $@ $(OBJS) $(LDLIBS)

# Every file starts with the compat header (forced in with -include), and
# through it ntddk.h, whose parsing is most of a compile: it is precompiled
# once. gcc uses X.gch when it includes X; -Winvalid-pch makes an unusable
# one an error instead of a silent slow path.
$(PCH).gch: $(COMPAT)
	@mkdir -p $(dir $@)
	cp $< $(PCH)
	$(CC) $(CFLAGS) -x c-header $(PCH) -o $@

$(BUILD)/obj/%.o: %.c $(PCH).gch
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -include $(PCH) -Winvalid-pch -MMD -MP -c $< -o $@

# Import library for the kernel exports newer than mingw-w64's libntoskrnl.a.
$(EXTRA): src/mingw/ntoskrnl_extra.def
	@mkdir -p $(BUILD)
	$(DLLTOOL) -d $< -l $@

clean:
	rm -rf $(BUILD)

.PHONY: all clean

-include $(OBJS:.o=.d)
`;
