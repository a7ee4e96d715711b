/**
 * The prelude must know everything the emulated WDK headers and wdkm.h
 * declare, with the same signatures: this reads the C headers and compares.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { analyze } from '../frontend';
import { DiagnosticBag } from '../diagnostics';
import { HEADERS } from '.';
import { preprocess } from '../pp/preprocess';

const root = new URL('../../../../core-c/', import.meta.url);
const header = (p: string) => readFileSync(new URL(p, root), 'utf8');
const sources = [header('emu/include/ntdef.h'), header('emu/include/ntddk.h'), header('include/wdkm.h')].join('\n');

/** `RET NAME(PARAMS);` prototypes, whitespace-normalised, without parameter names. */
function prototypes(text: string): Map<string, string> {
  const out = new Map<string, string>();
  const flat = text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/\s+/g, ' ');
  const re = /([A-Z][A-Za-z_0-9]*(?: \*+)?) +(\w+)\(([^()]*)\);/g;
  for (let m = re.exec(flat); m; m = re.exec(flat)) {
    if (m[1] === 'typedef' || m[2] === 'DbgPrint') continue;
    const params = m[3].split(',').map((p) => p.trim().replace(/\s*\b\w+(\[\])?$/, (_x: string, arr?: string) => (arr ? ' *' : '')).replace(/\s+/g, ' ').replace(/ \*/g, '*'));
    out.set(m[2], `${m[1]}(${params.join(',')})`);
  }
  return out;
}

describe('the prelude matches the C headers', () => {
  const prelude = [...HEADERS.values()].join('\n');
  const real = prototypes(sources);
  const ours = prototypes(prelude);

  it('finds the headers\' functions', () => expect(real.size).toBeGreaterThan(100));
  it.each([...real.keys()])('%s has the same signature', (name) => expect(ours.get(name)).toBe(real.get(name)));

  it('defines every macro of the headers', () => {
    const names = [...sources.matchAll(/#define (\w+)/g)].map((m) => m[1]).filter((n) => !['EMU_OBJECT_FIELDS', 'WDKM_TYPE'].includes(n));
    const diags = new DiagnosticBag();
    const { macros } = preprocess('#include <wdkm.h>\n', 'x.c', HEADERS, diags);
    expect(names.filter((n) => !macros.has(n))).toEqual([]);
  });

  it('declares every typedef name and enum constant of the headers', () => {
    const flat = sources.replace(/\/\*[\s\S]*?\*\//g, '');
    const typedefs = [...flat.matchAll(/typedef ((?:[^;{]|\{[^}]*\})*);/g)]
      .flatMap((m) => m[1].replace(/^[\s\S]*\}/, '').replace(/\([^)]*\)/g, '').split(',').map((d) => d.replace(/\(.*$/, '').match(/\w+\s*$/)?.[0].trim() ?? ''))
      .filter((n) => /^[A-Z]/.test(n)); // NT names; skips members caught by the simple pattern
    const enums = [...flat.matchAll(/enum \w+ \{([^}]*)\}/g)].flatMap((m) => m[1].split(',').map((e) => e.trim().split(/\s|=/)[0]).filter(Boolean));
    const uses = [...new Set([...typedefs, ...enums])];
    const src = `#include <wdkm.h>\n${uses.map((n, i) => `static ULONG64 probe${i} = sizeof(${n}${enums.includes(n) ? '' : ' *'});`).join('\n')}\n`;
    const errors = analyze(src).diagnostics.filter((d) => !d.message.includes('DriverEntry'));
    expect(uses.length).toBeGreaterThan(100);
    expect(errors.map((d) => `${uses[d.line - 2]}: ${d.message}`)).toEqual([]);
  });
});
