/* The trace's vocabulary in TypeScript is checked against the C that writes
   it, so that a kind, an object type or an outcome added on one side and not
   the other fails here. (Findings are named in TypeScript alone.) */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { KINDS, OBJECT_TYPES, OUTCOMES, PAYLOAD_KINDS } from './kinds';

const read = (path: string) => readFileSync(new URL(`../../../core-c/${path}`, import.meta.url), 'utf8');

function enumBody(text: string, name: string): string[] {
  const body = new RegExp(`typedef enum _${name} \\{([\\s\\S]*?)\\} ${name};`).exec(text)?.[1];
  if (!body) throw new Error(`enum ${name} not found`);
  return body.replace(/\/\*[\s\S]*?\*\//g, '').split(',').map((s) => s.trim().replace(/\s*=.*$/, '')).filter(Boolean);
}

describe('the trace vocabulary matches core-c', () => {
  it('has the kinds of emu/trace.h, in their order', () => {
    const kinds = enumBody(read('emu/trace.h'), 'EMU_EVENT').filter((k) => k !== 'EMU_EV_COUNT').map((k) => k.replace(/^EMU_EV_/, ''));
    expect(KINDS).toEqual(kinds);
  });

  it('knows which kinds carry a payload (trace.h says "payload:")', () => {
    const text = read('emu/trace.h');
    const withPayload = [...text.matchAll(/EMU_EV_(\w+),?\s*\/\*[^*]*payload:/g)].map((m) => m[1]);
    expect([...PAYLOAD_KINDS].sort()).toEqual(withPayload.sort());
  });

  it('has the outcomes of emu/emu.h (the retired one excepted)', () => {
    const outcomes = enumBody(read('emu/emu.h'), 'EMU_OUTCOME').map((o) => o.replace(/^EmuOutcome/, '').toLowerCase());
    expect(outcomes.slice(1, 6)).toEqual(Object.values(OUTCOMES));
    expect(outcomes[6]).toBe('replaydivergedretired');
  });

  it('names object types as EmuObjectTypeName does', () => {
    const names = /names\[EMU_OBJ_COUNT\] = \{([^}]*)\}/.exec(read('emu/bugcheck.c'))![1]!.split(',').map((s) => s.trim().replace(/"/g, '')).filter(Boolean);
    names.forEach((name, type) => { if (type > 0) expect(OBJECT_TYPES[type], `type ${type}`).toBe(name); });
  });
});
