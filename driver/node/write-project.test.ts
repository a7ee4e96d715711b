import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { unsafeReason, writeProject } from './write-project';

const base = mkdtempSync(join(tmpdir(), 'wdkm-write-'));
afterAll(() => rmSync(base, { recursive: true, force: true }));

describe('writeProject', () => {
  it('writes every file under the target folder, creating folders', () => {
    const target = join(base, 'ok');
    const written = writeProject(target, new Map([['a.txt', 'A'], ['src/wdkm/b.h', 'B']]));
    expect(written).toHaveLength(2);
    expect(readFileSync(join(target, 'src/wdkm/b.h'), 'utf8')).toBe('B');
  });

  it.each([
    ['../outside.txt'], ['src/../../outside.txt'], ['/etc/passwd'], ['C:/x.txt'], ['src\\..\\x'],
    ['a//b'], ['./a'], [''], ['nul\0byte'],
  ])('refuses %j and writes nothing at all', (bad) => {
    const target = join(base, `bad${Math.random().toString(36).slice(2)}`);
    expect(unsafeReason(bad)).not.toBeNull();
    expect(() => writeProject(target, new Map([['first.txt', 'x'], [bad, 'y']]))).toThrow(/refusing/);
    expect(existsSync(join(target, 'first.txt'))).toBe(false);
    expect(existsSync(join(base, 'outside.txt'))).toBe(false);
  });

  it('accepts ordinary relative paths', () => {
    for (const good of ['Makefile', 'src/a.c', '.gitignore', 'a..b/c']) expect(unsafeReason(good)).toBeNull();
  });

  it('refuses to follow a symbolic link out of the target', () => {
    const target = join(base, 'linked');
    const elsewhere = join(base, 'elsewhere');
    mkdirSync(target, { recursive: true });
    mkdirSync(elsewhere, { recursive: true });
    symlinkSync(elsewhere, join(target, 'src'));
    expect(() => writeProject(target, new Map([['src/x.c', 'x']]))).toThrow(/outside/);
    expect(existsSync(join(elsewhere, 'x.c'))).toBe(false);
    symlinkSync(join(elsewhere, 'f.txt'), join(target, 'f.txt'));
    expect(() => writeProject(target, new Map([['f.txt', 'x']]))).toThrow(/symbolic link/);
    expect(existsSync(join(elsewhere, 'f.txt'))).toBe(false);
  });

  // Issue 15, defect 6: Node's recursive mkdir spun at 100% CPU on this path.
  // In a child process, so a regression fails on its timeout instead of hanging the suite.
  it('fails at once, exit 2, for an --out folder that cannot be created', () => {
    const file = join(base, 'plain-file');
    writeFileSync(file, 'x');
    for (const [out, reason] of [['/proc/self/x', /cannot create folder '\/proc\/self\/x': E[A-Z]+/], [join(file, 'sub'), /is not a folder/]] as const) {
      const r = spawnSync('node_modules/.bin/tsx', ['cli/wdkm.ts', 'export', 'examples/bugcheck.c', '--out', out], { encoding: 'utf8', timeout: 30_000 });
      expect(r.signal, out).toBeNull();
      expect(r.status, out).toBe(2);
      expect(r.stderr, out).toMatch(reason);
    }
  }, 60_000);

  it('wdkm export of an example writes the driver without its @title and @expect headers, lines kept (issue 14)', () => {
    const out = join(base, 'headers');
    const r = spawnSync('node_modules/.bin/tsx', ['cli/wdkm.ts', 'export', 'examples/pool-leak.c', '--out', out], { encoding: 'utf8', timeout: 30_000 });
    expect(r.status, r.stderr).toBe(0);
    const file = readFileSync('examples/pool-leak.c', 'utf8');
    const driver = readFileSync(join(out, 'src', 'pool_leak.c'), 'utf8');
    expect(file).toMatch(/@title[\s\S]*@expect/);
    expect(driver).not.toMatch(/@(title|group|description|expect|explore)\b/);
    expect(driver.split('\n').length).toBe(file.split('\n').length);
    // The line the run names for the leak (its @expect says line 17) is line 17 of the driver too.
    expect(file).toContain('leak=WBuf:32:17');
    expect(driver.split('\n')[16]).toContain('ExAllocatePool2');
  }, 60_000);
});
