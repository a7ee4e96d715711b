/* The examples gallery: grouped, searchable, each with its description.
   Opening one keeps the user's work as a draft (see the draft slice). */
import { useEffect, useMemo, useRef, useState } from 'react';
import { EXAMPLES } from '../../examples';
import { searchExamples } from '../../examples/catalogue';
import { useActions, useApp } from '../context';

export function ExamplesDialog() {
  const open = useApp((s) => s.examplesOpen);
  const setOpen = useApp((s) => s.setExamplesOpen);
  const actions = useActions();
  const dialog = useRef<HTMLDialogElement>(null);
  const [query, setQuery] = useState('');
  const groups = useMemo(() => searchExamples(EXAMPLES, query), [query]);

  useEffect(() => {
    const el = dialog.current;
    if (!el) return;
    if (open && !el.open) {
      setQuery('');
      el.showModal();
    }
    if (!open && el.open) el.close();
  }, [open]);

  return (
    <dialog ref={dialog} className="examples" aria-labelledby="examples-h" onClose={() => setOpen(false)} data-testid="examples-dialog">
      <div className="examples__head">
        <h2 id="examples-h">Examples</h2>
        <input
          type="search"
          className="field__input examples__search"
          placeholder="Search examples"
          aria-label="Search examples"
          value={query}
          onChange={(e) => setQuery(e.currentTarget.value)}
          data-testid="examples-search"
          autoFocus
        />
        <button type="button" className="button button--quiet" aria-label="Close the examples" onClick={() => setOpen(false)}>
          ×
        </button>
      </div>
      <div className="examples__list">
        {EXAMPLES.length === 0 && <p className="muted">No examples are bundled with this build.</p>}
        {EXAMPLES.length > 0 && groups.length === 0 && <p className="muted">No example matches “{query}”.</p>}
        {groups.map((g) => (
          <section key={g.group} aria-label={g.group}>
            <h3 className="examples__group">{g.group}</h3>
            <ul>
              {g.examples.map((ex) => (
                <li key={ex.id}>
                  <button type="button" className="example" data-testid={`example-${ex.id}`} onClick={() => actions.openExample(ex)}>
                    <span className="example__title">{ex.title}</span>
                    <span className="example__description">{ex.description}</span>
                  </button>
                </li>
              ))}
            </ul>
          </section>
        ))}
      </div>
    </dialog>
  );
}
