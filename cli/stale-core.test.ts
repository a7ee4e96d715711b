/**
 * A core built from older sources writes a trace of an older format. wdkm
 * says so and how to rebuild, instead of a stack trace (seen when
 * core-c/build was left from an earlier checkout).
 */
import { readFileSync } from 'node:fs';
import { afterEach, expect, it } from 'vitest';
import { lazyLoaders } from '../web/src/engine/pipeline';
import { runCli } from './memory-io';

const realLoadCore = lazyLoaders.loadCore;
afterEach(() => { lazyLoaders.loadCore = realLoadCore; });

it('an unreadable trace from the core is explained with the command that fixes it', async () => {
  const core = await realLoadCore();
  lazyLoaders.loadCore = async () => ({
    ...core,
    run: (module, settings) => {
      const real = core.run(module, settings);
      const old = new Uint8Array(real.trace);
      old[4] = 1;                                   /* the header's version byte, as an older core wrote it */
      return { ...real, trace: old };
    },
  });
  const source = readFileSync('examples/kmutex-counter.c', 'utf8');
  const r = await runCli(['run', 'k.c'], { 'k.c': source }, () => undefined);
  expect(r.code).toBe(2);
  expect(r.err).toMatch(/cannot read \(trace version 1 is not supported/);
  expect(r.err).toContain('npm run build:core');
});
