/* How views reach the store and the actions: through context, so tests and
   the app can each provide their own. */
import { createContext, useContext, type ReactNode } from 'react';
import { useStore } from 'zustand';
import type { Actions } from '../app/actions';
import type { AppState, AppStore } from '../store';

interface AppContextValue {
  store: AppStore;
  actions: Actions;
}

const AppContext = createContext<AppContextValue | null>(null);

export function AppProvider({ store, actions, children }: AppContextValue & { children: ReactNode }) {
  return <AppContext.Provider value={{ store, actions }}>{children}</AppContext.Provider>;
}

function useAppContext(): AppContextValue {
  const value = useContext(AppContext);
  if (!value) throw new Error('AppProvider is missing');
  return value;
}

export function useApp<T>(selector: (state: AppState) => T): T {
  return useStore(useAppContext().store, selector);
}

export function useActions(): Actions {
  return useAppContext().actions;
}

export function useAppStore(): AppStore {
  return useAppContext().store;
}
