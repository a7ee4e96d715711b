/* The app's explorer, one per app store, for the Explore button and panel. */
import { useStore } from 'zustand';
import { createExploreController, type ExploreController, type ExploreState } from '../../app/explore';
import type { AppStore } from '../../store';
import { useActions, useAppStore } from '../context';

const controllers = new WeakMap<AppStore, ExploreController>();

export function useExploreController(): ExploreController {
  const store = useAppStore();
  const actions = useActions();
  let c = controllers.get(store);
  if (!c) {
    c = createExploreController(store, () => actions.run());
    controllers.set(store, c);
  }
  return c;
}

export function useExplore<T>(selector: (s: ExploreState) => T): T {
  return useStore(useExploreController().store, selector);
}
