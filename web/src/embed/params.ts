/* What an embedding page asks for, from the iframe's address:
   `embed.html?editable#v2.…` (a share link's fragment: code, settings,
   schedule), `embed.html?lesson=ID` (a lesson's starting code), `&id=NAME`
   (echoed in every message to the parent, to tell several players apart). */
export interface EmbedParams {
  editable: boolean;
  lesson: string | null;
  fragment: string | null;
  id: string | null;
}

export function parseEmbedParams(search: string, hash: string): EmbedParams {
  const q = new URLSearchParams(search);
  const flag = (name: string) => q.has(name) && !['0', 'false', 'no'].includes(q.get(name)!.toLowerCase());
  const lesson = q.get('lesson');
  return {
    editable: flag('editable'),
    lesson: lesson && /^[a-z0-9][a-z0-9-]*$/.test(lesson) ? lesson : null,
    fragment: hash.length > 1 ? hash.slice(1) : null,
    id: q.get('id'),
  };
}

/** The message the player posts to its parent whenever its height changes. */
export interface EmbedHeightMessage {
  type: 'wdkm-embed-height';
  height: number;
  id: string | null;
}

export function heightMessage(height: number, id: string | null): EmbedHeightMessage {
  return { type: 'wdkm-embed-height', height: Math.ceil(height), id };
}

/** The playground's address beside embed.html, with the scenario as a share fragment. */
export function playgroundUrl(embedHref: string, fragment: string): string {
  const u = new URL('./', embedHref);
  u.search = '';
  u.hash = fragment;
  return u.toString();
}
