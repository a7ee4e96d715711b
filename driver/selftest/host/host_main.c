/*++
Module Name: host_main.c
Abstract: Runs the self-test's cases on the host kernel (host_kernel.c) and
          turns the result into an exit status: 0 when every check held and
          no pool was left allocated, 1 otherwise.
Environment: User mode, Linux.
--*/
#include <stdio.h>
#include "../selftest_tests.h"

LONG HostLivePoolBlocks(VOID);

int main(void)
{
    SELFTEST_CONTEXT results;
    LONG leaked;

    SelftestRunAll(&results);
    leaked = HostLivePoolBlocks();
    printf("host selftest: %u passed, %u failed, %d pool blocks leaked\n",
           (unsigned)results.Passed, (unsigned)results.Failed, (int)leaked);
    return results.Failed == 0 && leaked == 0 ? 0 : 1;
}
