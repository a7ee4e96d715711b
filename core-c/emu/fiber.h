/*++
Module Name: fiber.h
Abstract: Kernel threads as fibers. WebAssembly: Asyncify driven from inside
          the module (no round trip through JavaScript per switch). Native x86-64: a lean switch of callee-saved registers, no syscall
          (glibc's swapcontext costs a sigprocmask per switch). Elsewhere:
          ucontext.
--*/
#pragma once
#include <stddef.h>

#if defined(__EMSCRIPTEN__)
#define EMU_FIBER_ASYNCIFY 1
#elif defined(__x86_64__) && !defined(EMU_FIBER_UCONTEXT)
#define EMU_FIBER_LEAN 1
#else
#include <ucontext.h>
#define EMU_FIBER_UCONTEXT 1
#endif

typedef struct _EMU_FIBER {
#if defined(EMU_FIBER_ASYNCIFY)
    void *AsyncifyData;                /* Binaryen's {current, end} and the saved frames */
    size_t Sp;                         /* the C stack pointer when it switched away */
    int Started;
#elif defined(EMU_FIBER_LEAN)
    void *Sp;                          /* saved stack pointer                */
#else
    ucontext_t Context;
#endif
    void *Stack;                       /* NULL for the host's own context    */
    size_t StackSize;
    void (*Entry)(void *);
    void *Arg;
    void *FakeStack;                   /* AddressSanitizer's fiber bookkeeping */
} EMU_FIBER;

void EmupFiberInitMain(EMU_FIBER *Fiber);
int EmupFiberCreate(EMU_FIBER *Fiber, size_t StackSize, void (*Entry)(void *), void *Arg);
void EmupFiberSwitch(EMU_FIBER *From, EMU_FIBER *To);
/* A switch of no return: From never runs again (a stopped run). In
   WebAssembly its stack is dropped, not saved, so what can only reach this
   is not instrumented by Asyncify. */
__attribute__((noreturn)) void EmupFiberAbandon(EMU_FIBER *From, EMU_FIBER *To);
void EmupFiberDestroy(EMU_FIBER *Fiber);
unsigned long long EmupFiberSwitchCount(void);
