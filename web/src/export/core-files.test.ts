import { describe, expect, it } from 'vitest';
import { readCoreFiles } from '../../../driver/node/core-files';
import { bundledCoreFiles } from './core-files';
import { exportProject } from './project';

describe('the core files bundled for the browser', () => {
  it('are the files Node reads from core-c, byte for byte', () => {
    const fromDisk = readCoreFiles();
    expect(Object.keys(bundledCoreFiles).sort()).toEqual(Object.keys(fromDisk).sort());
    for (const [name, text] of Object.entries(fromDisk)) expect(bundledCoreFiles[name]).toBe(text);
  });

  it('make the same export as the files read from disk', () => {
    const input = { name: 'same', source: 'int x;\n', entryPoints: [{ name: 'DriverEntry', role: 'DriverEntry' as const }] };
    expect([...exportProject({ ...input, coreFiles: bundledCoreFiles })]).toEqual(
      [...exportProject({ ...input, coreFiles: readCoreFiles() })],
    );
  });
});
