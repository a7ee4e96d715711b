// A small, strict XML reader for checking generated project files: it
// accepts the well-formed subset MSBuild files use (a declaration, comments,
// elements, attributes, text, the five named entities and character
// references) and throws XmlError, with the offset, on anything else: a
// mismatched or unclosed tag, a bare '&' or '<', a duplicate attribute, a
// second root. No DTDs, CDATA or processing instructions beyond the
// declaration, because the generator never writes them.

export interface XmlElement {
  name: string;
  attributes: Record<string, string>;
  children: XmlElement[];
  /** The element's own text (entities decoded), children's text excluded. */
  text: string;
}

export class XmlError extends Error {
  constructor(message: string, readonly offset: number) {
    super(`${message} at offset ${offset}`);
  }
}

const NAME = /[A-Za-z_:][A-Za-z0-9_.:-]*/y;
const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function decode(raw: string, at: number): string {
  return raw.replace(/&([^;]*);|&/g, (match, body: string | undefined) => {
    if (body === undefined) throw new XmlError('bare "&"', at);
    if (body in ENTITIES) return ENTITIES[body];
    const ref = /^#(x[0-9A-Fa-f]+|[0-9]+)$/.exec(body);
    if (!ref) throw new XmlError(`unknown entity "${match}"`, at);
    const code = ref[1].startsWith('x') ? parseInt(ref[1].slice(1), 16) : parseInt(ref[1], 10);
    return String.fromCodePoint(code);
  });
}

export function parseXml(text: string): XmlElement {
  let pos = 0;
  const fail = (message: string): never => {
    throw new XmlError(message, pos);
  };
  const skipSpace = () => {
    while (pos < text.length && /\s/.test(text[pos])) pos++;
  };
  const readName = (): string => {
    NAME.lastIndex = pos;
    const m = NAME.exec(text);
    if (!m) fail('expected a name');
    pos += m![0].length;
    return m![0];
  };
  const skipMisc = () => {
    for (;;) {
      skipSpace();
      if (text.startsWith('<!--', pos)) {
        const end = text.indexOf('-->', pos + 4);
        if (end < 0) fail('unclosed comment');
        if (text.slice(pos + 4, end).includes('--')) fail('"--" inside a comment');
        pos = end + 3;
      } else return;
    }
  };

  if (text.charCodeAt(0) === 0xfeff) pos = 1;
  if (text.startsWith('<?xml', pos)) {
    const end = text.indexOf('?>', pos);
    if (end < 0) fail('unclosed XML declaration');
    pos = end + 2;
  }
  skipMisc();

  const readElement = (): XmlElement => {
    if (text[pos] !== '<') fail('expected "<"');
    pos++;
    const element: XmlElement = { name: readName(), attributes: {}, children: [], text: '' };
    for (;;) {
      skipSpace();
      if (text.startsWith('/>', pos)) {
        pos += 2;
        return element;
      }
      if (text[pos] === '>') {
        pos++;
        break;
      }
      const attr = readName();
      skipSpace();
      if (text[pos] !== '=') fail(`attribute ${attr} has no value`);
      pos++;
      skipSpace();
      const quote = text[pos];
      if (quote !== '"' && quote !== "'") fail('attribute value not quoted');
      const end = text.indexOf(quote, pos + 1);
      if (end < 0) fail('unclosed attribute value');
      const raw = text.slice(pos + 1, end);
      if (raw.includes('<')) fail('"<" in an attribute value');
      if (attr in element.attributes) fail(`duplicate attribute ${attr}`);
      element.attributes[attr] = decode(raw, pos);
      pos = end + 1;
    }
    for (;;) {
      const next = text.indexOf('<', pos);
      if (next < 0) fail(`unclosed element <${element.name}>`);
      element.text += decode(text.slice(pos, next), pos);
      pos = next;
      if (text.startsWith('<!--', pos)) {
        skipMisc();
      } else if (text.startsWith('</', pos)) {
        pos += 2;
        const closing = readName();
        if (closing !== element.name) fail(`</${closing}> closes <${element.name}>`);
        skipSpace();
        if (text[pos] !== '>') fail('expected ">"');
        pos++;
        return element;
      } else {
        element.children.push(readElement());
      }
    }
  };

  const root = readElement();
  skipMisc();
  if (pos !== text.length) fail('content after the root element');
  return root;
}

/** Every element called `name` under `root`, in document order. */
export function findAll(root: XmlElement, name: string): XmlElement[] {
  const found: XmlElement[] = [];
  const walk = (e: XmlElement) => {
    if (e.name === name) found.push(e);
    e.children.forEach(walk);
  };
  walk(root);
  return found;
}

/** The trimmed text of every element called `name`. */
export function textsOf(root: XmlElement, name: string): string[] {
  return findAll(root, name).map((e) => e.text.trim());
}
