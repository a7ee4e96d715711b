/* Raw DEFLATE through the platform's CompressionStream, with a ceiling on the
   inflated size so a hostile link cannot exhaust memory. */
export class InflateError extends Error {
  constructor(message: string, readonly tooLarge = false) {
    super(message);
  }
}

async function collect(stream: ReadableStream<Uint8Array>, limit: number): Promise<Uint8Array> {
  const reader = stream.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.length;
    if (total > limit) {
      await reader.cancel().catch(() => undefined);
      throw new InflateError(`more than ${limit} bytes`, true);
    }
    chunks.push(value);
  }
  const out = new Uint8Array(total);
  let at = 0;
  for (const chunk of chunks) {
    out.set(chunk, at);
    at += chunk.length;
  }
  return out;
}

function pipe(bytes: Uint8Array, transform: CompressionStream | DecompressionStream): ReadableStream<Uint8Array> {
  const input = new Blob([bytes as Uint8Array<ArrayBuffer>]).stream();
  return input.pipeThrough(transform as unknown as ReadableWritablePair<Uint8Array, Uint8Array>);
}

export function deflateRaw(bytes: Uint8Array): Promise<Uint8Array> {
  return collect(pipe(bytes, new CompressionStream('deflate-raw')), Number.MAX_SAFE_INTEGER);
}

export async function inflateRaw(bytes: Uint8Array, limit: number): Promise<Uint8Array> {
  try {
    return await collect(pipe(bytes, new DecompressionStream('deflate-raw')), limit);
  } catch (err) {
    if (err instanceof InflateError) throw err;
    throw new InflateError('the data is not valid DEFLATE');
  }
}
