/*++
Module Name: rules_fm_combined.c
Abstract: FM-8: the combined helpers are a critical region plus the Unsafe
          fast-mutex routines. Inside, an ERESOURCE (which needs normal
          kernel APCs disabled) may be taken and IRQL stays PASSIVE_LEVEL;
          after the release-and-leave, the same acquisition is Verifier's
          0xC4/0x37 again, so the region really ended.
--*/
#include "harness.h"

static FAST_MUTEX F;
static ERESOURCE R;
static LONG64 Got[4];

static NTSTATUS CombinedEntry(PDRIVER_OBJECT D, PUNICODE_STRING P)
{
    (VOID)D; (VOID)P;
    Got[0] = Got[1] = Got[2] = Got[3] = -1;
    ExInitializeFastMutex(&F);
    ExInitializeResourceLite(&R);
    ExEnterCriticalRegionAndAcquireFastMutexUnsafe(&F);
    Got[0] = KeGetCurrentIrql();                                      /* the Unsafe acquire raises nothing */
    Got[1] = ExAcquireResourceExclusiveLite(&R, TRUE);                /* legal: inside a critical region */
    ExReleaseResourceLite(&R);
    ExReleaseFastMutexUnsafeAndLeaveCriticalRegion(&F);
    Got[2] = KeGetCurrentIrql();
    Got[3] = 1;
    ExAcquireResourceExclusiveLite(&R, TRUE);                         /* outside: 0xC4/0x37 */
    return STATUS_SUCCESS;
}

void TestFM8CombinedHelpers(void)
{
    CHECK_EQ(Run(CombinedEntry), EmuOutcomeBugcheck);
    CHECK_EQ(Got[0], PASSIVE_LEVEL);
    CHECK_EQ(Got[1], TRUE);
    CHECK_EQ(Got[2], PASSIVE_LEVEL);
    CHECK_EQ(Got[3], 1);                                              /* the stop came after the region ended */
    CHECK_EQ(BugcheckCode(), 0xC4);
    CHECK_EQ(BugcheckParam(0), 0x37);
}
