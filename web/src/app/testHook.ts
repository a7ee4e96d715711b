/* `window.__wdkmTest`: how end-to-end tests set the editor's content instead
   of typing, and read what the app holds. It only reaches the store. */
import type { AppStore } from '../store';

export interface TestHook {
  setSource: (text: string) => void;
  getSource: () => string;
  diagnostics: () => { severity: string; message: string; line: number }[];
}

declare global {
  interface Window {
    __wdkmTest?: TestHook;
  }
}

export function installTestHook(store: AppStore, target: Window): void {
  target.__wdkmTest = {
    setSource: (text) => store.getState().setSource(String(text)),
    getSource: () => store.getState().source,
    diagnostics: () => store.getState().diagnostics.map(({ severity, message, line }) => ({ severity, message, line })),
  };
}
