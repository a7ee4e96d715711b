/* The emscripten module built by scripts/build-core.sh (core-c/wasm/exports.c). */
declare module '*/wdkm-core.mjs' {
  export interface WdkmCoreModule {
    HEAPU8: Uint8Array;
    UTF8ToString(ptr: number): string;
    _malloc(size: number): number;
    _free(ptr: number): void;
    _WdkmRun(module: number, size: number, cpus: number, policy: number, seedLo: number, seedHi: number,
      budgetLo: number, budgetHi: number, schedule: number, scheduleCount: number): void;
    _WdkmLastRc(): number;
    _WdkmResultJson(): number;
    _WdkmError(): number;
    _WdkmTrace(): number;
    _WdkmTraceSize(): number;
  }
  const createWdkmCore: () => Promise<WdkmCoreModule>;
  export default createWdkmCore;
}
