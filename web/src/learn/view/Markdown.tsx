/* The small Markdown of lesson texts, rendered as React elements (never as
   HTML): paragraphs, `-` lists, fenced code, and inline `code`, **bold**,
   *emphasis* and [links](https://...). */
import type { ReactNode } from 'react';

const INLINE = /`([^`]+)`|\*\*([^*]+)\*\*|\*([^*]+)\*|\[([^\]]+)\]\((https?:\/\/[^)\s]+)\)/g;

export function inline(text: string): ReactNode[] {
  const out: ReactNode[] = [];
  let last = 0, key = 0;
  for (const m of text.matchAll(INLINE)) {
    if (m.index! > last) out.push(text.slice(last, m.index));
    if (m[1] !== undefined) out.push(<code key={key++}>{m[1]}</code>);
    else if (m[2] !== undefined) out.push(<strong key={key++}>{m[2]}</strong>);
    else if (m[3] !== undefined) out.push(<em key={key++}>{m[3]}</em>);
    else out.push(<a key={key++} href={m[5]} target="_blank" rel="noopener noreferrer">{m[4]}</a>);
    last = m.index! + m[0].length;
  }
  if (last < text.length) out.push(text.slice(last));
  return out;
}

export function Markdown({ text }: { text: string }) {
  const blocks: ReactNode[] = [];
  const lines = text.split(/\r?\n/);
  let i = 0, key = 0;
  while (i < lines.length) {
    const line = lines[i]!;
    if (line.startsWith('```')) {
      const code: string[] = [];
      for (i++; i < lines.length && !lines[i]!.startsWith('```'); i++) code.push(lines[i]!);
      i++;
      blocks.push(<pre key={key++} className="learn-md__code">{code.join('\n')}</pre>);
    } else if (/^\s*[-*] /.test(line)) {
      const items: string[] = [];
      while (i < lines.length && lines[i]!.trim() !== '') {
        if (/^\s*[-*] /.test(lines[i]!)) items.push(lines[i]!.replace(/^\s*[-*] /, ''));
        else items[items.length - 1] += ` ${lines[i]!.trim()}`;
        i++;
      }
      blocks.push(<ul key={key++}>{items.map((it, n) => <li key={n}>{inline(it)}</li>)}</ul>);
    } else if (line.trim() === '') {
      i++;
    } else {
      const para: string[] = [];
      while (i < lines.length && lines[i]!.trim() !== '' && !lines[i]!.startsWith('```') && !/^\s*[-*] /.test(lines[i]!)) para.push(lines[i++]!.trim());
      blocks.push(<p key={key++}>{inline(para.join(' '))}</p>);
    }
  }
  return <div className="learn-md">{blocks}</div>;
}
