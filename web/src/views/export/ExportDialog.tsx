/* Export: the scenario as a Windows driver project, previewed file by file
   and downloaded as a .zip with the same files `wdkm export` writes. The
   generator and the core's sources load only when the dialog opens. */
import { useEffect, useMemo, useRef, useState } from 'react';
import { EXAMPLES } from '../../examples';
import { exportBasisSelector } from '../../store/selectors';
import { useApp } from '../context';

type Generator = typeof import('../../export/browser');
type Zip = typeof import('../../export/zip');

const NAME_DEBOUNCE_MS = 250;

export function ExportDialog() {
  const open = useApp((s) => s.exportOpen);
  const setOpen = useApp((s) => s.setExportOpen);
  const source = useApp((s) => s.source);
  const dialog = useRef<HTMLDialogElement>(null);
  const [mods, setMods] = useState<{ gen: Generator; zip: Zip } | null>(null);
  const [name, setName] = useState('scenario');
  const [selected, setSelected] = useState<string | null>(null);
  // The project is made again only once typing in the name pauses.
  const [projectName, setProjectName] = useState(name);
  // An example is exported under its own name and opens on the README that tells it.
  const example = useMemo(() => EXAMPLES.find((e) => e.source === source), [source]);
  useEffect(() => {
    if (!open || !example) return;
    setName(example.id);
    setProjectName(example.id);
    setSelected('README.md');
  }, [open, example]);
  useEffect(() => {
    const timer = setTimeout(() => setProjectName(name), NAME_DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [name]);
  // What ships is what was checked: the latest check of the current text, without an error.
  const basis = useApp(exportBasisSelector);

  useEffect(() => {
    const el = dialog.current;
    if (!el) return;
    if (open && !el.open) el.showModal();
    if (!open && el.open) el.close();
    if (open && !mods) void Promise.all([import('../../export/browser'), import('../../export/zip')]).then(([gen, zip]) => setMods({ gen, zip }));
  }, [open, mods]);

  const project = useMemo(() => {
    if (!mods || !open || basis.kind === 'checking') return null;
    if (basis.kind === 'refused') {
      return { files: new Map<string, string>(), driver: '', error: `The scenario does not compile, so it is not exported (line ${basis.line}: ${basis.message}).` };
    }
    try {
      const files = mods.gen.exportProject({ name: projectName, source: basis.source, coreFiles: mods.gen.bundledCoreFiles, entryPoints: basis.entryPoints });
      return { files, driver: mods.gen.driverNameFor(projectName, mods.gen.bundledCoreFiles), error: null as string | null };
    } catch (e) {
      return { files: new Map<string, string>(), driver: '', error: (e as Error).message };
    }
  }, [mods, open, projectName, basis]);

  const paths = project ? [...project.files.keys()].sort() : [];
  const shown = selected && project?.files.has(selected) ? selected : paths.find((p) => p.startsWith('src/') && !p.includes('/wdkm/')) ?? paths[0];

  const download = () => {
    if (!mods || !project || project.error) return;
    const bytes = mods.zip.zipFiles(project.files, project.driver);
    const url = URL.createObjectURL(new Blob([bytes as Uint8Array<ArrayBuffer>], { type: 'application/zip' }));
    const a = document.createElement('a');
    a.href = url;
    a.download = `${project.driver}.zip`;
    a.click();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  };

  return (
    <dialog ref={dialog} className="examples export" aria-labelledby="export-h" onClose={() => setOpen(false)} data-testid="export-dialog">
      <div className="examples__head">
        <h2 id="export-h">Export as a driver project</h2>
        <label className="field">
          <span className="field__label">Driver name</span>
          <input className="field__input" value={name} onChange={(e) => setName(e.currentTarget.value)} data-testid="export-name" />
        </label>
        <button type="button" className="button button--primary" onClick={download} disabled={!project || !!project.error} data-testid="export-download">
          Download .zip
        </button>
        <button type="button" className="button button--quiet" aria-label="Close the export" onClick={() => setOpen(false)}>
          ×
        </button>
      </div>
      {!project && <p className="muted export__body">Preparing the project…</p>}
      {project?.error && <p className="export__error" role="alert" data-testid="export-error">{project.error}</p>}
      {project && !project.error && (
        <div className="export__body">
          <ul className="export__files" aria-label="Files">
            {paths.map((p) => (
              <li key={p}>
                <button type="button" className={`export__file${p === shown ? ' export__file--on' : ''}`} onClick={() => setSelected(p)}>
                  {p}
                </button>
              </li>
            ))}
          </ul>
          <pre className="export__preview" data-testid="export-preview" aria-label={`Contents of ${shown}`}>
            {shown ? project.files.get(shown) : ''}
          </pre>
        </div>
      )}
    </dialog>
  );
}
