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
    _WdkmError(): number;
    _WdkmTrace(): number;
    _WdkmTraceSize(): number;
    _WdkmExploreBegin(module: number, size: number, cpus: number, budgetLo: number, budgetHi: number,
      preemptionBound: number, noReduction: number, shard: number, shards: number): void;
    _WdkmExploreSlice(runs: number): void;
    _WdkmExploreFinished(): number;
    _WdkmExploreSchedules(): number;
    _WdkmExplorePruned(): number;
    _WdkmExploreOutcomes(): number;
    _WdkmExploreJson(): number;
    _WdkmExploreError(): number;
    _WdkmExploreEnd(): void;
  }
  /** Emscripten's hook: instantiate the module here (the app hands it a compiled WebAssembly.Module). */
  export interface WdkmCoreOptions {
    instantiateWasm?: (imports: WebAssembly.Imports, receive: (instance: WebAssembly.Instance, module: WebAssembly.Module) => void) => object;
  }
  const createWdkmCore: (options?: WdkmCoreOptions) => Promise<WdkmCoreModule>;
  export default createWdkmCore;
}
