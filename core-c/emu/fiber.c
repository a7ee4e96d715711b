/*++
Module Name: fiber.c
Abstract: Fiber creation and switching for each build (see fiber.h). Entries
          never return: a finished kernel thread switches away for good.
--*/
#include "fiber.h"
#include <stdlib.h>
#include <string.h>

#if defined(__has_feature)
#if __has_feature(address_sanitizer)
#define EMU_ASAN 1
#endif
#endif
#if defined(__SANITIZE_ADDRESS__)
#define EMU_ASAN 1
#endif

#ifdef EMU_ASAN
#include <sanitizer/asan_interface.h>
#include <sanitizer/common_interface_defs.h>
/* The host's own stack, learnt when the first fiber starts. */
static const void *MainBottom;
static size_t MainSize;
static void AsanFirstEntry(void)
{
    const void *bottom;
    size_t size;
    __sanitizer_finish_switch_fiber(NULL, &bottom, &size);
    if (MainBottom == NULL) {
        MainBottom = bottom;
        MainSize = size;
    }
}
#endif

/* Switches since the process started: what benchmarks report per step
   (docs/performance.md), a switch being the dearest thing in WebAssembly. */
static unsigned long long SwitchCount;

unsigned long long EmupFiberSwitchCount(void)
{
    return SwitchCount;
}

#if defined(EMU_FIBER_ASYNCIFY)
#include <emscripten/stack.h>
#include <stdint.h>

/* Asyncify's runtime, called from C: Binaryen lowers these imports to its own
   functions. emscripten's fibers go through JavaScript on every switch and
   unwind the host's stack too; here the host's Dispatch loop stays put and
   only the fibers' own frames are unwound and rewound. The function that
   starts an unwind (EmupFiberSwitch) is the bottom of every saved stack, so
   Asyncify does not instrument it, only its callers. */
#define ASYNCIFY_IMPORT(Name) __attribute__((import_module("asyncify"), import_name(Name)))
ASYNCIFY_IMPORT("start_unwind") void AsyncifyStartUnwind(void *Data);
ASYNCIFY_IMPORT("stop_unwind") void AsyncifyStopUnwind(void);
ASYNCIFY_IMPORT("start_rewind") void AsyncifyStartRewind(void *Data);
ASYNCIFY_IMPORT("stop_rewind") void AsyncifyStopRewind(void);
void stackRestore(uintptr_t Sp);       /* compiler-rt's: sets the C stack pointer */
/* asyncify.js: calls Run(Arg), and returns early when a fiber abandons its
   stack by a JavaScript throw (WdkmFiberAbandon). */
void WdkmFiberRun(void (*Run)(void *), void *Arg);
__attribute__((noreturn)) void WdkmFiberAbandon(void);

#define ASYNCIFY_STACK 65536           /* saved frames per fiber */

typedef struct _ASYNCIFY_DATA {
    void *Current, *End;               /* the layout Binaryen reads */
} ASYNCIFY_DATA;

static EMU_FIBER *Target;              /* where the fiber being unwound goes */
static int Resuming;                   /* a rewind is on its way back to EmupFiberSwitch */

void EmupFiberInitMain(EMU_FIBER *Fiber)
{
    memset(Fiber, 0, sizeof(*Fiber));   /* the host: Stack NULL, never unwound */
}

/* The host's loop: runs fibers until one switches back to the host. A fiber
   switching to another unwinds to here, and the other is started or rewound
   on its own C stack. Binaryen takes a function that starts rewinds for the
   top of the stacks and never instruments it; it must stay apart from
   EmupFiberSwitch, which starts unwinds (the bottom): it is called from
   JavaScript (WdkmFiberRun), which also catches a fiber that abandons. It
   calls a fiber's entry itself (through a pointer: not instrumented here),
   so that no frame of its own sits under every saved stack; an entry never
   returns, it only unwinds. */
static void Dispatch(void *Arg)
{
    EMU_FIBER *to = (EMU_FIBER *)Arg;
    while (to->Stack != NULL) {
        stackRestore(to->Sp);
        if (to->Started) {
            Resuming = 1;
            AsyncifyStartRewind(to->AsyncifyData);
        }
        to->Started = 1;
        to->Entry(to->Arg);
        AsyncifyStopUnwind();
        to = Target;
    }
}

int EmupFiberCreate(EMU_FIBER *Fiber, size_t StackSize, void (*Entry)(void *), void *Arg)
{
    memset(Fiber, 0, sizeof(*Fiber));
    Fiber->Stack = malloc(StackSize);
    Fiber->AsyncifyData = malloc(ASYNCIFY_STACK);
    if (Fiber->Stack == NULL || Fiber->AsyncifyData == NULL) {
        EmupFiberDestroy(Fiber);
        return -1;
    }
    Fiber->StackSize = StackSize;
    Fiber->Entry = Entry;
    Fiber->Arg = Arg;
    Fiber->Sp = ((uintptr_t)Fiber->Stack + StackSize) & ~(uintptr_t)15;
    return 0;
}

__attribute__((noinline)) void EmupFiberSwitch(EMU_FIBER *From, EMU_FIBER *To)
{
    ASYNCIFY_DATA *data;

    if (Resuming) {                    /* rewound: From runs again */
        Resuming = 0;
        AsyncifyStopRewind();
        return;
    }
    SwitchCount++;
    if (From->Stack == NULL) {         /* the host runs fibers until one comes back */
        uintptr_t hostSp = emscripten_stack_get_current();
        WdkmFiberRun(Dispatch, To);
        stackRestore(hostSp);
        return;
    }
    data = (ASYNCIFY_DATA *)From->AsyncifyData;
    data->Current = data + 1;
    data->End = (char *)data + ASYNCIFY_STACK;
    From->Sp = emscripten_stack_get_current();
    Target = To;
    AsyncifyStartUnwind(data);
}

void EmupFiberAbandon(EMU_FIBER *From, EMU_FIBER *To)
{
    (void)From;
    SwitchCount++;
    Target = To;                       /* the host: abandoning ends its WdkmFiberRun */
    WdkmFiberAbandon();
}

void EmupFiberDestroy(EMU_FIBER *Fiber)
{
    free(Fiber->Stack);
    free(Fiber->AsyncifyData);
    Fiber->Stack = NULL;
    Fiber->AsyncifyData = NULL;
}

#elif defined(EMU_FIBER_LEAN)

/* EmupSwitchContext(&from->Sp, to->Sp): push callee-saved registers and the
   SSE/x87 control words, swap stack pointers, pop, return on the new stack. */
void EmupSwitchContext(void **SaveSp, void *NewSp);
__asm__(
    ".text\n"
    ".globl EmupSwitchContext\n"
    ".type EmupSwitchContext,@function\n"
    "EmupSwitchContext:\n"
    "  pushq %rbp\n  pushq %rbx\n  pushq %r12\n  pushq %r13\n  pushq %r14\n  pushq %r15\n"
    "  subq $8, %rsp\n  stmxcsr (%rsp)\n  fnstcw 4(%rsp)\n"
    "  movq %rsp, (%rdi)\n  movq %rsi, %rsp\n"
    "  ldmxcsr (%rsp)\n  fldcw 4(%rsp)\n  addq $8, %rsp\n"
    "  popq %r15\n  popq %r14\n  popq %r13\n  popq %r12\n  popq %rbx\n  popq %rbp\n"
    "  ret\n"
    ".size EmupSwitchContext, .-EmupSwitchContext\n"
    /* First run of a fiber: r12 = fiber, r13 = start function. */
    ".globl EmupFiberTrampoline\n"
    ".type EmupFiberTrampoline,@function\n"
    "EmupFiberTrampoline:\n"
    "  movq %r12, %rdi\n  callq *%r13\n  ud2\n"
    ".size EmupFiberTrampoline, .-EmupFiberTrampoline\n"
    ".section .note.GNU-stack,\"\",@progbits\n"
    ".text\n");
void EmupFiberTrampoline(void);

static void FiberStart(void *Arg)
{
    EMU_FIBER *fiber = (EMU_FIBER *)Arg;
#ifdef EMU_ASAN
    AsanFirstEntry();
#endif
    fiber->Entry(fiber->Arg);
    abort(); /* entries never return */
}

void EmupFiberInitMain(EMU_FIBER *Fiber)
{
    memset(Fiber, 0, sizeof(*Fiber));
}

int EmupFiberCreate(EMU_FIBER *Fiber, size_t StackSize, void (*Entry)(void *), void *Arg)
{
    unsigned long long *sp;
    unsigned char *top;

    memset(Fiber, 0, sizeof(*Fiber));
    Fiber->Stack = malloc(StackSize);
    if (Fiber->Stack == NULL)
        return -1;
    Fiber->StackSize = StackSize;
    Fiber->Entry = Entry;
    Fiber->Arg = Arg;
    top = (unsigned char *)Fiber->Stack + StackSize;
    top = (unsigned char *)((unsigned long long)top & ~15ull);
    sp = (unsigned long long *)top - 8;
    sp[0] = 0x037F00001F80ull;                 /* fnstcw << 32 | mxcsr defaults */
    sp[1] = 0;                                 /* r15 */
    sp[2] = 0;                                 /* r14 */
    sp[3] = (unsigned long long)FiberStart;    /* r13 */
    sp[4] = (unsigned long long)Fiber;         /* r12 */
    sp[5] = 0;                                 /* rbx */
    sp[6] = 0;                                 /* rbp */
    sp[7] = (unsigned long long)EmupFiberTrampoline;
    Fiber->Sp = sp;
    return 0;
}

void EmupFiberSwitch(EMU_FIBER *From, EMU_FIBER *To)
{
    SwitchCount++;
#ifdef EMU_ASAN
    __sanitizer_start_switch_fiber(&From->FakeStack, To->Stack ? To->Stack : MainBottom,
                                   To->Stack ? To->StackSize : MainSize);
#endif
    EmupSwitchContext(&From->Sp, To->Sp);
#ifdef EMU_ASAN
    __sanitizer_finish_switch_fiber(From->FakeStack, NULL, NULL);
#endif
}

void EmupFiberDestroy(EMU_FIBER *Fiber)
{
#ifdef EMU_ASAN
    if (Fiber->Stack != NULL)
        ASAN_UNPOISON_MEMORY_REGION(Fiber->Stack, Fiber->StackSize);
#endif
    free(Fiber->Stack);
    Fiber->Stack = NULL;
}

#else /* ucontext */

static void FiberStart(unsigned int Hi, unsigned int Lo)
{
    EMU_FIBER *fiber = (EMU_FIBER *)(((unsigned long long)Hi << 32) | Lo);
#ifdef EMU_ASAN
    AsanFirstEntry();
#endif
    fiber->Entry(fiber->Arg);
    abort();
}

void EmupFiberInitMain(EMU_FIBER *Fiber)
{
    memset(Fiber, 0, sizeof(*Fiber));
}

int EmupFiberCreate(EMU_FIBER *Fiber, size_t StackSize, void (*Entry)(void *), void *Arg)
{
    unsigned long long p = (unsigned long long)(size_t)Fiber;

    memset(Fiber, 0, sizeof(*Fiber));
    Fiber->Stack = malloc(StackSize);
    if (Fiber->Stack == NULL)
        return -1;
    Fiber->StackSize = StackSize;
    Fiber->Entry = Entry;
    Fiber->Arg = Arg;
    getcontext(&Fiber->Context);
    Fiber->Context.uc_stack.ss_sp = Fiber->Stack;
    Fiber->Context.uc_stack.ss_size = StackSize;
    Fiber->Context.uc_link = NULL;
    makecontext(&Fiber->Context, (void (*)(void))FiberStart, 2, (unsigned int)(p >> 32), (unsigned int)p);
    return 0;
}

void EmupFiberSwitch(EMU_FIBER *From, EMU_FIBER *To)
{
    SwitchCount++;
#ifdef EMU_ASAN
    __sanitizer_start_switch_fiber(&From->FakeStack, To->Stack ? To->Stack : MainBottom,
                                   To->Stack ? To->StackSize : MainSize);
#endif
    swapcontext(&From->Context, &To->Context);
#ifdef EMU_ASAN
    __sanitizer_finish_switch_fiber(From->FakeStack, NULL, NULL);
#endif
}

void EmupFiberDestroy(EMU_FIBER *Fiber)
{
#ifdef EMU_ASAN
    if (Fiber->Stack != NULL)
        ASAN_UNPOISON_MEMORY_REGION(Fiber->Stack, Fiber->StackSize);
#endif
    free(Fiber->Stack);
    Fiber->Stack = NULL;
}
#endif

#if !defined(EMU_FIBER_ASYNCIFY)
/* Natively a stopped thread's stack costs nothing to keep: a plain switch. */
void EmupFiberAbandon(EMU_FIBER *From, EMU_FIBER *To)
{
    EmupFiberSwitch(From, To);
    abort(); /* never switched back to */
}
#endif
