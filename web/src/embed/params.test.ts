import { describe, expect, it } from 'vitest';
import { heightMessage, parseEmbedParams, playgroundUrl } from './params';

describe('embed parameters', () => {
  it('reads editable, a lesson, an id and the share fragment', () => {
    expect(parseEmbedParams('?editable&id=a', '#v2.abc')).toEqual({ editable: true, lesson: null, fragment: 'v2.abc', id: 'a' });
    expect(parseEmbedParams('?editable=0&lesson=lost-update', '')).toEqual({ editable: false, lesson: 'lost-update', fragment: null, id: null });
    expect(parseEmbedParams('?lesson=../x', '#').lesson).toBeNull();
  });
  it('posts whole pixels, and links to the playground beside it', () => {
    expect(heightMessage(120.2, 'p')).toEqual({ type: 'wdkm-embed-height', height: 121, id: 'p' });
    expect(playgroundUrl('https://h.example/play/embed.html?editable#v2.x', 'v2.y')).toBe('https://h.example/play/#v2.y');
  });
});
