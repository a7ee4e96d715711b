import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { API, lookupApi } from './api-catalogue';

function declaredFunctions(path: string): Map<string, string> {
  const text = readFileSync(path, 'utf8').replace(/\/\*[\s\S]*?\*\//g, ' ').replace(/\s+/g, ' ');
  const re = /((?:DECLSPEC_NORETURN )?(?:const )?[A-Z][A-Za-z0-9_]*\s*\**\s+([A-Z][A-Za-z0-9]+)\(([^()]*)\));/g;
  const out = new Map<string, string>();
  for (const m of text.matchAll(re)) if (!/typedef/.test(m[1]!)) out.set(m[2]!, m[1]!.trim());
  return out;
}

describe('API catalogue', () => {
  for (const header of ['core-c/include/wdkm.h', 'core-c/emu/include/ntddk.h']) {
    it(`has every function of ${header} with its declared signature`, () => {
      const declared = declaredFunctions(header);
      expect(declared.size).toBeGreaterThan(40);
      for (const [name, signature] of declared) {
        const entry = lookupApi(name);
        expect(entry, name).toBeDefined();
        expect(entry!.signature).toBe(signature);
      }
    });
  }

  it('gives every entry an IRQL and a description', () => {
    for (const entry of API) {
      expect(entry.irql.length, entry.name).toBeGreaterThan(0);
      expect(entry.doc.length, entry.name).toBeGreaterThan(10);
    }
    expect(new Set(API.map((e) => e.name)).size).toBe(API.length);
  });
});
