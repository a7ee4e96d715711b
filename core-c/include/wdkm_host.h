/*++
Module Name: wdkm_host.h
Abstract: What a host that loads the wdkm core once and boots many fresh
          machines with it (the playground's VM, the test harness) needs
          beyond the crate's API. A real driver never calls it, so it is
          kept out of wdkm.h (and so out of the scenario prelude).
--*/
#ifndef WDKM_HOST_H
#define WDKM_HOST_H

#include "wdkm.h"

/* Forgets the Grt without freeing it: its pool died with the last machine,
   and the next machine starts with no table, as a freshly loaded driver. */
VOID WdkmGrtReset(VOID);

#endif
