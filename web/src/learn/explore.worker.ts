/* The browser's grading worker for fix-it lessons: explores off the UI
   thread, one request at a time, and answers with the narrowed report. */
import { exploreForLesson } from './explore-deps';

interface Request { id: number; source: string; cpus: number; budget: number }

self.onmessage = async (event: MessageEvent<Request>) => {
  const { id, source, cpus, budget } = event.data;
  try {
    const value = await exploreForLesson(source, { cpus, budget });
    (self as unknown as Worker).postMessage({ id, value });
  } catch (e) {
    (self as unknown as Worker).postMessage({ id, value: { ok: false, message: `The explorer failed: ${(e as Error).message}` } });
  }
};
