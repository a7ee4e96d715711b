/** Types as gcc spells them in messages: 'ULONG *' {aka 'long unsigned int *'}. */
import { type CType, INT_INFO } from './ctype';

function quals(t: CType): string {
  return (t.isConst ? 'const ' : '') + (t.isVolatile ? 'volatile ' : '');
}

/** `inner` is the declarator text built so far (C types read inside out). */
function spell(t: CType, useAlias: boolean, inner: string): string {
  const pad = inner ? (inner.startsWith('[') || (inner.startsWith('(') && !inner.startsWith('(*')) ? inner : ' ' + inner) : '';
  if (useAlias && t.alias) return `${quals(t)}${t.alias}${pad}`;
  switch (t.kind) {
    case 'void': return `${quals(t)}void${pad}`;
    case 'int': return `${quals(t)}${INT_INFO[t.ik].spelling}${pad}`;
    case 'enum': return `${quals(t)}enum ${t.def.tag ?? '<anonymous>'}${pad}`;
    case 'struct': return `${quals(t)}${t.def.isUnion ? 'union' : 'struct'} ${t.def.tag ?? '<anonymous>'}${pad}`;
    case 'ptr': {
      const q = (t.isConst ? ' const' : '') + (t.isVolatile ? ' volatile' : '');
      const star = `*${q}${inner ? (q ? ' ' : '') + inner : ''}`;
      return spell(t.to, useAlias, t.to.kind === 'array' || t.to.kind === 'func' ? `(${star})` : star);
    }
    case 'array': return spell(t.of, useAlias, `${inner}[${t.len ?? ''}]`);
    case 'func': {
      const ps = t.params.length === 0 && !t.variadic ? 'void'
        : t.params.map((p) => spell(p.type, useAlias, '')).concat(t.variadic ? ['...'] : []).join(', ');
      return spell(t.ret, useAlias, `${inner}(${ps})`);
    }
  }
}

export function typeName(t: CType): string { return spell(t, true, ''); }

/** `'PVOID' {aka 'void *'}` when the alias hides the structure, else `'int'`. */
export function quoteType(t: CType): string {
  const a = spell(t, true, ''), b = spell(t, false, '');
  return a === b ? `'${a}'` : `'${a}' {aka '${b}'}`;
}
