import { describe, expect, it } from 'vitest';
import { escapeInfString, escapeMakeComment, escapeMarkdown, escapeSln, escapeXml } from './escape';
import { guidFor } from './guid';
import { ExportError, MAX_LABEL_LENGTH, MAX_NAME_LENGTH, toDriverName, toLabel } from './names';
import { render, renderEach, verbatimIdentifier } from './render';

describe('toDriverName', () => {
  it('keeps a good identifier as it is', () => {
    expect(toDriverName('kmutex_counter')).toBe('kmutex_counter');
    expect(toDriverName('Grt2')).toBe('Grt2');
  });

  it('replaces everything outside [A-Za-z0-9_] and tidies the underscores', () => {
    expect(toDriverName('My KMutex  demo!')).toBe('My_KMutex_demo');
    expect(toDriverName('../../etc/passwd')).toBe('etc_passwd');
    expect(toDriverName('C:\\Windows\\System32\\x')).toBe('C_Windows_System32_x');
    expect(toDriverName('ünïcödé-ok')).toBe('n_c_d_ok');
    expect(toDriverName('__lead__')).toBe('lead');
  });

  it('prefixes a leading digit and cuts to the maximum length', () => {
    expect(toDriverName('3threads')).toBe('drv_3threads');
    const long = toDriverName('a'.repeat(100));
    expect(long).toHaveLength(MAX_NAME_LENGTH);
    expect(toDriverName(`${'b'.repeat(MAX_NAME_LENGTH - 1)}_x`)).toBe('b'.repeat(MAX_NAME_LENGTH - 1));
  });

  it('refuses names with nothing usable, device names and taken stems', () => {
    expect(() => toDriverName('')).toThrow(ExportError);
    expect(() => toDriverName('***')).toThrow(/no usable driver name/);
    expect(() => toDriverName('CON')).toThrow(/device name/);
    expect(() => toDriverName('lpt7')).toThrow(/device name/);
    expect(() => toDriverName('KMutex', new Set(['kmutex']))).toThrow(/source file/);
  });
});

describe('toLabel', () => {
  it('keeps printable ASCII, collapses whitespace, falls back to the name', () => {
    expect(toLabel('  KMutex\tcounter\r\n(3 threads) ', 'x')).toBe('KMutex counter (3 threads)');
    expect(toLabel('café', 'x')).toBe('caf');
    expect(toLabel(undefined, 'fallback')).toBe('fallback');
    expect(toLabel('\u0000\u0007', 'fallback')).toBe('fallback');
    expect(toLabel('y'.repeat(200), 'x')).toHaveLength(MAX_LABEL_LENGTH);
  });
});

describe('escapers', () => {
  it('XML: the five special characters become entities', () => {
    expect(escapeXml(`<a href="x">&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&amp;&apos;&lt;/a&gt;');
  });
  it('INF strings: quotes and percent signs doubled, line breaks gone', () => {
    expect(escapeInfString('say "hi" 100%\r\nnext')).toBe('say ""hi"" 100%% next');
  });
  it('Makefile comments: no line break, no trailing backslash, $ doubled', () => {
    expect(escapeMakeComment('a\nall: evil\\')).toBe('a all: evil');
    expect(escapeMakeComment('$(shell rm -rf /)')).toBe('$$(shell rm -rf /)');
  });
  it('Markdown: markup characters are backslash-escaped', () => {
    expect(escapeMarkdown('[x](javascript:alert(1)) *b* <img>')).toBe(
      '\\[x\\]\\(javascript:alert\\(1\\)\\) \\*b\\* \\<img\\>',
    );
  });
  it('.sln fields refuse quotes', () => {
    expect(() => escapeSln('a"b')).toThrow();
    expect(escapeSln('plain_name')).toBe('plain_name');
  });
});

describe('render', () => {
  it('fills placeholders through the escaper, leaving rendered fragments alone', () => {
    const list = renderEach('<i>{{v}}</i>', [{ v: 'a&b' }, { v: 'c' }], escapeXml, '');
    expect(render('<r n="{{n}}">{{list}}</r>', { n: '"q"', list }, escapeXml)).toBe(
      '<r n="&quot;q&quot;"><i>a&amp;b</i><i>c</i></r>',
    );
  });
  it('throws on a missing value and on an unused one', () => {
    expect(() => render('{{a}} {{b}}', { a: '1' }, escapeXml)).toThrow(/\{\{b\}\} has no value/);
    expect(() => render('{{a}}', { a: '1', extra: '2' }, escapeXml)).toThrow(/not used.*extra/);
  });
  it('lets only identifiers through verbatim', () => {
    expect(verbatimIdentifier('drv_1').text).toBe('drv_1');
    expect(() => verbatimIdentifier('a b')).toThrow();
  });
});

describe('guidFor', () => {
  it('is deterministic, well-formed, and differs by purpose and name', () => {
    const a = guidFor('vcxproj', 'demo');
    expect(a).toMatch(/^\{[0-9A-F]{8}-[0-9A-F]{4}-4[0-9A-F]{3}-[89AB][0-9A-F]{3}-[0-9A-F]{12}\}$/);
    expect(guidFor('vcxproj', 'demo')).toBe(a);
    expect(guidFor('sln', 'demo')).not.toBe(a);
    expect(guidFor('vcxproj', 'demo2')).not.toBe(a);
  });
});
