/*++
Module Name: trace.h
Abstract: The trace recorder: a compact binary event stream (docs/trace-format.md).
--*/
#pragma once
#include <stddef.h>
#include <stdint.h>

typedef enum _EMU_EVENT {
    EMU_EV_THREAD_CREATE = 1,  /* thread=new; a=creator tid; b=priority          */
    EMU_EV_THREAD_START,       /* thread                                         */
    EMU_EV_THREAD_EXIT,        /* a=exit status                                  */
    EMU_EV_DISPATCH_ON,        /* cpu takes thread                               */
    EMU_EV_DISPATCH_OFF,       /* a=reason: 0 wait, 1 preempted, 2 exit, 3 spin  */
    EMU_EV_IRQL,               /* a=old IRQL; b=new IRQL                          */
    EMU_EV_WAIT_BEGIN,         /* object (0: a delay); a=wait reason; b=index    */
    EMU_EV_WAIT_END,           /* object satisfied (0: timeout/delay); a=status; alone when satisfied at once */
    EMU_EV_ACQUIRE,            /* object; a=depth after; b=1 shared             */
    EMU_EV_RELEASE,            /* object; a=depth after                          */
    EMU_EV_TRY_FAIL,           /* object                                         */
    EMU_EV_WDKM_ERROR,         /* a=WDKM_STATUS                                  */
    EMU_EV_DPC_QUEUED,         /* object=DPC; a=target cpu                       */
    EMU_EV_DPC_BEGIN,          /* object=DPC                                     */
    EMU_EV_DPC_END,            /* object=DPC                                     */
    EMU_EV_PRINT,              /* payload: text                                  */
    EMU_EV_POOL_ALLOC,         /* object=block id; a=bytes; b=tag                */
    EMU_EV_POOL_FREE,          /* object=block id; a=bytes; b=tag                */
    EMU_EV_BUGCHECK,           /* a=code; payload: 4 params, then the code's name */
    EMU_EV_DEADLOCK,           /* payload: n, then n x (thread, object, type, owner, loc, on cycle) */
    EMU_EV_LEAK,               /* object=block id; a=bytes; b=tag; loc=allocation */
    EMU_EV_SIGNAL,             /* object; a=signal state after                   */
    EMU_EV_WAKE,               /* object; a=woken thread; b=status               */
    EMU_EV_CHOICE,             /* a=choice index; b=chosen thread; payload: candidates */
    EMU_EV_FINDING,            /* a=0xC4 subcode; b=lock guest address; payload: other loc, message */
    EMU_EV_OBJECT,             /* object created; a=type; b=guest address        */
    EMU_EV_ASSERT,             /* payload: expression                            */
    EMU_EV_RUN_END,            /* a=outcome; b=DriverEntry status; payload: steps, returned */
    EMU_EV_SPIN_BEGIN,         /* object: spinning on a busy spin lock           */
    EMU_EV_SPIN_END,           /* object                                          */
    EMU_EV_UNLOAD,             /* DriverUnload starts                            */
    EMU_EV_REPLAY_DIVERGED,    /* a=choice index; b=the thread the schedule named */
    EMU_EV_COUNT
} EMU_EVENT;

/* The kinds whose record ends with a length-prefixed payload (for readers
   of the format; the writer is told by its caller). */
#define EMU_EV_HAS_PAYLOAD(Kind) ((Kind) == EMU_EV_PRINT || (Kind) == EMU_EV_BUGCHECK || (Kind) == EMU_EV_DEADLOCK || \
    (Kind) == EMU_EV_CHOICE || (Kind) == EMU_EV_FINDING || (Kind) == EMU_EV_ASSERT || (Kind) == EMU_EV_RUN_END)

typedef struct _EMU_TRACE {
    uint8_t *Data;
    size_t Size, Cap, Limit;    /* Limit: for the timeline's events; the result's may go past it */
    uint64_t LastTime;
    int Truncated;
    int Disabled;
} EMU_TRACE;

#define EMU_TRACE_MAGIC "WDKT"
#define EMU_TRACE_VERSION 2
/* Header byte 5: flags. */
#define EMU_TRACE_FLAG_TRUNCATED 0x01  /* events were dropped at the size limit */

void EmupTraceInit(EMU_TRACE *Trace, int Disabled, size_t Limit); /* Limit 0: 256 MiB */
void EmupTraceFree(EMU_TRACE *Trace);
/* One event; Payload (may be NULL) follows as a length-prefixed byte string. */
void EmupTraceEvent(EMU_TRACE *Trace, EMU_EVENT Kind, uint64_t Time, unsigned Cpu, uint32_t Thread,
                    uint32_t Object, uint64_t A, uint64_t B, uint32_t Loc, const void *Payload,
                    size_t PayloadSize);
/* Appends unsigned LEB128 to a scratch buffer, for payloads. */
size_t EmupTraceVarint(uint8_t *Out, uint64_t Value);
