// The README's "Code Tour": one paragraph per entry point of the scenario.
// The entry points come from the checked program (entryPoints in
// web/src/scenario/entry-points.ts), never from the text: code under `#if 0`
// or in a comment was not checked, so the tour does not name it. Each name
// is an identifier, so nothing the tour prints can carry markup.

import type { EntryPoint, EntryRole } from '../scenario/entry-points';
import { Rendered, verbatimIdentifier } from './render';

export type { EntryPoint, EntryRole };

const PARAGRAPHS: Record<EntryRole, (name: string) => string> = {
  DriverEntry: () =>
    '**`DriverEntry`** runs once when `sc start` loads the driver, in a system thread at ' +
    'PASSIVE_LEVEL. It sets up the scenario (creates its mutexes, starts its threads) and ' +
    'returns an NTSTATUS: a failure status makes the I/O manager unload the image at once, ' +
    'without calling the unload routine, so DriverEntry undoes its own work before failing.',
  DriverUnload: (name) =>
    `**\`${name}\`** is the unload routine DriverEntry stores in \`DriverObject->DriverUnload\`. ` +
    '`sc stop` calls it at PASSIVE_LEVEL; it mirrors DriverEntry in reverse, and every thread, ' +
    'DPC and pool block must be gone when it returns, because the code is unmapped right after ' +
    '(Driver Verifier reports the pool it left behind).',
  SystemThread: (name) =>
    `**\`${name}\`** is a start routine passed to \`PsCreateSystemThread\`: it runs in its own ` +
    'system thread at PASSIVE_LEVEL and ends with `PsTerminateSystemThread`. Whoever created ' +
    'the thread waits for it (KeWaitForSingleObject on the thread object) before the driver ' +
    'may unload, or the thread would run code that is no longer there.',
  Dpc: (name) =>
    `**\`${name}\`** is a deferred procedure call set up with \`KeInitializeDpc\` and queued ` +
    'with `KeInsertQueueDpc`. It runs at DISPATCH_LEVEL, on an arbitrary thread, so it may ' +
    'take spin locks but must never wait: a KMutex or FastMutex Lock there returns ' +
    'WDKM_IRQL_TOO_HIGH instead of acquiring.',
};

/**
 * The Code Tour in Markdown: a paragraph per entry point, then the core's.
 * Rendered: it is inserted as it is, its only variable parts being identifiers.
 */
export function codeTour(entries: readonly EntryPoint[]): Rendered {
  const paragraphs = entries.map((e) => PARAGRAPHS[e.role](verbatimIdentifier(e.name).text));
  paragraphs.push(
    '**`src/wdkm/`** is the wdkm core, unchanged from the playground: KMutex, FastMutex, the ' +
      'Grt and the other locks, written against ntddk.h only. Each routine checks the IRQL it ' +
      'needs and returns WDKM_IRQL_TOO_HIGH rather than bug-checking.',
  );
  return new Rendered(paragraphs.join('\n\n'));
}
