/* The core's WebAssembly, fetched and compiled apart from its JavaScript
   glue: in the browser by WebAssembly.compileStreaming (compiled off the UI
   thread while the bytes arrive), which the app starts at boot so that the
   core is ready by the first run (./client.ts hands the module to the run
   worker); in Node (the CLI, tests, the bench) from the file beside the glue.
   Vite emits the file as an asset and rewrites this URL. */
export const CORE_WASM_URL = new URL('../../../core-c/build/wasm/wdkm-core.wasm', import.meta.url);

interface NodeFs {
  readFileSync(path: URL): Uint8Array;
}

let compiled: Promise<WebAssembly.Module> | null = null;

/** The compiled core, once per process, page or worker. */
export function compileCore(): Promise<WebAssembly.Module> {
  compiled ??= compileFrom(CORE_WASM_URL).catch((err) => {
    compiled = null; /* a failed fetch may be tried again by the next run */
    throw err;
  });
  return compiled;
}

async function compileFrom(url: URL): Promise<WebAssembly.Module> {
  if (url.protocol === 'file:') {
    /* Node: no fetch of file URLs; the built-in module keeps 'node:fs' out of the browser bundle */
    const fs = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process?.getBuiltinModule?.('node:fs') as NodeFs | undefined;
    if (!fs) throw new Error(`cannot read ${url.pathname}: this JavaScript runtime has neither fetch for files nor node:fs`);
    return WebAssembly.compile(fs.readFileSync(url) as Uint8Array<ArrayBuffer>);
  }
  const response = fetch(url);
  try {
    return await WebAssembly.compileStreaming(response);
  } catch (err) {
    /* a server that does not send application/wasm: compile the bytes instead */
    const r = await response;
    if (!r.ok) throw new Error(`the core could not be fetched (${r.status} ${r.statusText} for ${url.pathname})`, { cause: err });
    if (r.headers.get('content-type')?.startsWith('application/wasm')) throw err;
    return WebAssembly.compile(await (await fetch(url)).arrayBuffer());
  }
}
