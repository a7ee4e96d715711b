/* The course as the app bundles it: every file of lessons/, read at build time. */
import { buildCourse, type Lesson } from './lesson';

const files = import.meta.glob<string>('/lessons/*/*', { query: '?raw', import: 'default', eager: true });

export const COURSE: Lesson[] = buildCourse(Object.fromEntries(Object.entries(files).map(([p, t]) => [p.replace(/^\/lessons\//, ''), t])));
