// A reader for INF files, strict where the generated INF must be right: each
// line in a section, quoted strings closed (a quote inside written twice),
// %key% substitutions resolved from [Strings] ('%%' is a literal '%'), no
// section twice. It returns the sections with substituted values, so tests
// can check what Windows would read, not what the text looks like.

export interface InfLine {
  key: string | null;          // null for a line that is only values
  values: string[];            // comma-separated fields, quotes removed, %key% resolved
  line: number;                // 1-based
}

export type InfSections = Map<string, InfLine[]>;

export class InfError extends Error {
  constructor(message: string, readonly line: number) {
    super(`line ${line}: ${message}`);
  }
}

/** Splits one line into fields, removing quotes and the comment after ';'. */
function fields(text: string, line: number): { key: string | null; raw: string[] } {
  const parts: string[] = [];
  let current = '';
  let quoted = false;
  let key: string | null = null;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        current += '"';
        i++;
      } else if (c === '"') quoted = false;
      else current += c;
    } else if (c === '"') quoted = true;
    else if (c === ';') break;
    else if (c === ',') {
      parts.push(current.trim());
      current = '';
    } else if (c === '=' && key === null && parts.length === 0) {
      key = current.trim();
      current = '';
    } else current += c;
  }
  if (quoted) throw new InfError('unclosed quoted string', line);
  parts.push(current.trim());
  return { key, raw: parts };
}

function substitute(value: string, strings: ReadonlyMap<string, string>, line: number): string {
  return value.replace(/%([^%]*)%/g, (_m, key: string) => {
    if (key === '') return '%';
    if (/^\d+$/.test(key)) return `%${key}%`; // a DIRID such as %13% is Windows' to expand
    const found = strings.get(key.toLowerCase());
    if (found === undefined) throw new InfError(`%${key}% is not in [Strings]`, line);
    return found;
  });
}

export function parseInf(text: string): InfSections {
  const lines = text.split(/\r?\n/);
  const raw = new Map<string, { key: string | null; raw: string[]; line: number }[]>();
  let section: string | null = null;
  lines.forEach((content, index) => {
    const line = index + 1;
    const trimmed = content.trim();
    if (trimmed === '' || trimmed.startsWith(';')) return;
    const header = /^\[([^\]]+)\]\s*(;.*)?$/.exec(trimmed);
    if (header) {
      section = header[1].trim();
      if ([...raw.keys()].some((s) => s.toLowerCase() === section!.toLowerCase())) {
        throw new InfError(`section [${section}] appears twice`, line);
      }
      raw.set(section, []);
      return;
    }
    if (section === null) throw new InfError('a line outside any section', line);
    raw.get(section)!.push({ ...fields(trimmed, line), line });
  });

  // Strings are not substituted further; '%%' in one is a literal '%'.
  const literal = (v: string) => v.replace(/%%/g, '%');
  const strings = new Map<string, string>();
  for (const [name, entries] of raw) {
    if (name.toLowerCase() !== 'strings') continue;
    for (const e of entries) {
      if (e.key === null) throw new InfError('a [Strings] line without a key', e.line);
      strings.set(e.key.toLowerCase(), literal(e.raw.join(',')));
    }
  }
  const sections: InfSections = new Map();
  for (const [name, entries] of raw) {
    const isStrings = name.toLowerCase() === 'strings';
    sections.set(name, entries.map((e) => ({
      key: e.key,
      values: isStrings ? [literal(e.raw.join(','))] : e.raw.map((v) => substitute(v, strings, e.line)),
      line: e.line,
    })));
  }
  return sections;
}

/** The first value of `key` in `section` (case-insensitive, as SetupAPI reads). */
export function infValue(sections: InfSections, section: string, key: string): string | undefined {
  const entries = [...sections].find(([name]) => name.toLowerCase() === section.toLowerCase())?.[1];
  return entries?.find((e) => e.key?.toLowerCase() === key.toLowerCase())?.values[0];
}

/** True when the INF has `section` (case-insensitive). */
export function hasSection(sections: InfSections, section: string): boolean {
  return [...sections.keys()].some((name) => name.toLowerCase() === section.toLowerCase());
}
