import { describe, expect, it } from 'vitest';
import { lineMap } from './lineMap';

describe('lineMap', () => {
  it('keeps lines when nothing changed', () => {
    expect(lineMap('a\nb', 'a\nb')(2)).toBe(2);
  });
  it('follows lines moved by an insertion or a deletion above them', () => {
    const before = 'a\nb\nc\nd';
    expect(lineMap(before, 'new\na\nb\nc\nd')(3)).toBe(4);
    expect(lineMap(before, 'a\nc\nd')(4)).toBe(3);
    expect(lineMap(before, 'a\nx\ny\nc\nd')(3)).toBe(4);
  });
  it('has no place for a line that was changed or removed', () => {
    expect(lineMap('a\nb\nc', 'a\nB\nc')(2)).toBeNull();
    expect(lineMap('a\nb\nc', 'a\nc')(2)).toBeNull();
    expect(lineMap('a\nb\nc', 'a\nc')(9)).toBeNull();
  });
  it('matches the common lines in the middle of an edit', () => {
    const m = lineMap('h\n1\nx\n2\ny\nt', 'h\n0\n1\n2\nz\nt');
    expect([2, 3, 4, 5, 6].map(m)).toEqual([3, null, 4, null, 6]);
  });
});
