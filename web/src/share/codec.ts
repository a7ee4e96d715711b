/* Share links: everything that determines a run in the URL fragment, as
   `#v<version>.<base64url(deflate-raw(JSON))>`. Decoding validates the payload
   of its own version, then upgrades it one version at a time. Nothing decoded
   is ever evaluated or inserted as HTML: it becomes plain store data. */
import type { Policy } from '../settings';
import { decodeBase64url, encodeBase64url } from './base64url';
import { deflateRaw, InflateError, inflateRaw } from './deflate';
import { CURRENT_VERSION, schemas, upgrades, v3Schema, type V3 } from './formats';

export interface ShareState {
  source: string;
  cpus: number;
  policy: Policy;
  seed: number;
  budget: number;
  schedule: number[] | null;
  moment: number | null;
  /** Manual scheduling on: the link opens at the choice after its picks. */
  manual: boolean;
}

export const MAX_FRAGMENT_CHARS = 400_000;
const MAX_INFLATED_BYTES = 2_000_000;

export class ShareLinkError extends Error {}

export async function encodeShare(state: ShareState): Promise<string> {
  const payload: V3 = {
    s: state.source,
    c: state.cpus,
    p: state.policy,
    r: state.seed,
    b: state.budget,
    k: state.schedule,
    m: state.moment,
    n: state.manual,
  };
  const json = new TextEncoder().encode(JSON.stringify(v3Schema.parse(payload)));
  return `v${CURRENT_VERSION}.${encodeBase64url(await deflateRaw(json))}`;
}

/* Returns true when a fragment looks like a share link at all (so an empty or
   unrelated fragment is not reported as broken). */
export function isShareFragment(fragment: string): boolean {
  return /^#?v[^./]{0,8}\./.test(fragment);   /* v2., and also v-1. or vX.: told, not ignored */
}

/* Each way a payload can be wrong gets its own sentence: what the link holds,
   not only that it failed. */
async function inflatePayload(bytes: Uint8Array): Promise<Uint8Array> {
  try {
    return await inflateRaw(bytes, MAX_INFLATED_BYTES);
  } catch (err) {
    if (err instanceof InflateError && err.tooLarge) {
      throw new ShareLinkError(`The link's data unpacks to more than ${MAX_INFLATED_BYTES.toLocaleString('en-US')} bytes, ` +
        'more than any scenario the playground shares; it was not made by the playground.');
    }
    throw new ShareLinkError('The link is damaged or truncated (its data does not decompress).');
  }
}

function parsePayload(inflated: Uint8Array): unknown {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(inflated);
  } catch {
    throw new ShareLinkError('The link is damaged (its data is not UTF-8 text, as every playground link is).');
  }
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new ShareLinkError('The link is damaged (its data is text but not the JSON of a scenario).');
  }
}

export async function decodeShare(fragment: string): Promise<ShareState> {
  const text = fragment.startsWith('#') ? fragment.slice(1) : fragment;
  if (text.length > MAX_FRAGMENT_CHARS) throw new ShareLinkError('The link is too long to be a playground link.');
  const match = /^v(\d{1,4})\.([A-Za-z0-9_-]*)$/.exec(text);
  if (!match) throw new ShareLinkError('The link is not a playground link (its format is not recognised).');
  const version = Number(match[1]);
  if (version > CURRENT_VERSION) {
    throw new ShareLinkError(`The link was made by a newer playground (format v${version}); reload to update.`);
  }
  const schema = schemas[version];
  if (!schema) throw new ShareLinkError(`The link's format v${version} is unknown.`);
  const bytes = decodeBase64url(match[2]!);
  if (!bytes || bytes.length === 0) throw new ShareLinkError('The link is damaged or truncated (its data is not readable).');
  const payload = parsePayload(await inflatePayload(bytes));
  const parsed = schema.safeParse(payload);
  if (!parsed.success) throw new ShareLinkError('The link is damaged (its contents are not a valid scenario).');
  let current: unknown = parsed.data;
  for (let v = version; v < CURRENT_VERSION; v++) current = upgrades[v]!(current);
  const latest = v3Schema.parse(current);
  return {
    source: latest.s,
    cpus: latest.c,
    policy: latest.p,
    seed: latest.r,
    budget: latest.b,
    schedule: latest.k,
    moment: latest.m,
    manual: latest.n,
  };
}

/* For tests and fixtures: the raw encoding of a payload of any version. */
export async function encodeRaw(version: number, payload: unknown): Promise<string> {
  const json = new TextEncoder().encode(JSON.stringify(payload));
  return `v${version}.${encodeBase64url(await deflateRaw(json))}`;
}
