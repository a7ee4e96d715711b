// The export as the browser will get it: bundled by Vite for the web
// (templates, later-exports.json and the core's text inlined), then loaded
// as an ES module and run. It must give the same project as the sources.

import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, type Rollup } from 'vite';
import { describe, expect, it } from 'vitest';
import { readCoreFiles } from '../../../driver/node/core-files';
import { exportProject } from './project';

const root = resolve(fileURLToPath(new URL('../../..', import.meta.url)));

async function bundle(): Promise<string> {
  const result = await build({
    configFile: false,
    root,
    logLevel: 'silent',
    build: {
      write: false,
      minify: false,
      target: 'es2022',
      lib: { entry: resolve(root, 'web/src/export/browser.ts'), formats: ['es'], fileName: 'export' },
    },
  });
  const outputs = (Array.isArray(result) ? result : [result]) as Rollup.RollupOutput[];
  const chunks = outputs.flatMap((o) => o.output).filter((o): o is Rollup.OutputChunk => o.type === 'chunk');
  expect(chunks).toHaveLength(1);
  return chunks[0].code;
}

describe('the browser bundle of the export', () => {
  it('bundles without Node modules and exports the same project', async () => {
    const code = await bundle();
    expect(code).not.toMatch(/from ['"]node:|require\(/);
    const mod = await import(`data:text/javascript;base64,${Buffer.from(code).toString('base64')}`);
    const input = { name: 'bundled', source: '#include <ntddk.h>\n', entryPoints: [{ name: 'DriverEntry', role: 'DriverEntry' as const }] };
    const fromBundle: Map<string, string> = mod.exportProject({ ...input, coreFiles: mod.bundledCoreFiles });
    expect([...fromBundle]).toEqual([...exportProject({ ...input, coreFiles: readCoreFiles() })]);
  }, 60_000);
});
