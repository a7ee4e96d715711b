/* The Monaco editor behind a plain props contract. Loaded lazily (see
   ./EditorPane.tsx). The editor instance stays in here: only text, markers,
   highlighted lines and reveal requests cross the props. */
import { useEffect, useRef } from 'react';
import type { Diagnostic } from '../../engine/core-types';
import { SCENARIO_FILE } from '../../engine/protocol';
import type { Highlight } from '../../store/selectors';
import type { Theme } from '../../store/uiSlice';
import { LANGUAGE_ID } from './language';
import { monaco } from './monacoSetup';

export interface EditorProps {
  value: string;
  onChange: (value: string) => void;
  diagnostics: Diagnostic[];
  highlights: Highlight[];
  reveal: { line: number; token: number } | null;
  theme: Theme;
  onRun: () => void;
}

const MODEL_URI = monaco.Uri.parse(`file:///${SCENARIO_FILE}`);
const SEVERITY = {
  error: monaco.MarkerSeverity.Error,
  warning: monaco.MarkerSeverity.Warning,
  note: monaco.MarkerSeverity.Info,
};

function toMarker(d: Diagnostic): monaco.editor.IMarkerData {
  const startLineNumber = Math.max(1, d.line);
  const startColumn = Math.max(1, d.col);
  const endLineNumber = Math.max(startLineNumber, d.endLine);
  const endColumn = endLineNumber === startLineNumber ? Math.max(startColumn + 1, d.endCol) : Math.max(1, d.endCol);
  return {
    severity: SEVERITY[d.severity],
    message: d.message,
    startLineNumber,
    startColumn,
    endLineNumber,
    endColumn,
    source: 'scenario',
  };
}

export default function MonacoEditor(props: EditorProps) {
  const host = useRef<HTMLDivElement>(null);
  const editorRef = useRef<monaco.editor.IStandaloneCodeEditor | null>(null);
  const decorations = useRef<monaco.editor.IEditorDecorationsCollection | null>(null);
  const latest = useRef(props);
  latest.current = props;
  const applying = useRef(false);

  useEffect(() => {
    const model = monaco.editor.getModel(MODEL_URI) ?? monaco.editor.createModel(latest.current.value, LANGUAGE_ID, MODEL_URI);
    model.setValue(latest.current.value);
    const editor = monaco.editor.create(host.current!, {
      model,
      automaticLayout: true,
      minimap: { enabled: false },
      fontSize: 13,
      tabSize: 4,
      scrollBeyondLastLine: false,
      glyphMargin: true,
      fixedOverflowWidgets: true,
      ariaLabel: 'Scenario source (C). Ctrl+Enter runs it; Esc then Tab leaves the editor.',
      theme: latest.current.theme === 'dark' ? 'wdkm-dark' : 'wdkm-light',
    });
    editorRef.current = editor;
    decorations.current = editor.createDecorationsCollection();
    editor.addCommand(monaco.KeyMod.CtrlCmd | monaco.KeyCode.Enter, () => latest.current.onRun());
    /* The way out from the keyboard: Esc, then Tab (or Shift+Tab) leaves the
       editor instead of indenting; shown under the editor and in Help. */
    let escaped = false;
    const keys = editor.onKeyDown((e) => {
      if (e.keyCode === monaco.KeyCode.Escape) { escaped = true; return; }
      if (e.keyCode === monaco.KeyCode.Tab && escaped) {
        e.preventDefault();
        e.stopPropagation();
        (document.getElementById(e.shiftKey ? 'toolbar-run' : 'results') as HTMLElement | null)?.focus();
      }
      escaped = false;
    });
    const sub = model.onDidChangeContent(() => {
      if (!applying.current) latest.current.onChange(model.getValue());
    });
    return () => {
      keys.dispose();
      sub.dispose();
      editor.dispose();
      model.dispose();
      editorRef.current = null;
    };
  }, []);

  useEffect(() => {
    const model = editorRef.current?.getModel();
    if (!model || model.getValue() === props.value) return;
    applying.current = true;
    model.pushEditOperations([], [{ range: model.getFullModelRange(), text: props.value }], () => null);
    applying.current = false;
  }, [props.value]);

  useEffect(() => {
    const model = editorRef.current?.getModel();
    const own = props.diagnostics.filter((d) => d.file === SCENARIO_FILE);
    if (model) monaco.editor.setModelMarkers(model, 'scenario', own.map(toMarker));
  }, [props.diagnostics]);

  useEffect(() => {
    decorations.current?.set(
      props.highlights.map((h) => ({
        range: new monaco.Range(h.line, 1, h.line, 1),
        options: {
          isWholeLine: true,
          className: `line-highlight line-highlight--${h.kind}`,
          glyphMarginClassName: `line-glyph line-glyph--${h.kind}`,
          hoverMessage: { value: h.label },
          glyphMarginHoverMessage: { value: h.label },
        },
      })),
    );
  }, [props.highlights]);

  useEffect(() => {
    const editor = editorRef.current;
    if (!editor || !props.reveal) return;
    editor.revealLineInCenter(props.reveal.line);
    editor.setPosition({ lineNumber: props.reveal.line, column: 1 });
  }, [props.reveal]);

  useEffect(() => {
    monaco.editor.setTheme(props.theme === 'dark' ? 'wdkm-dark' : 'wdkm-light');
  }, [props.theme]);

  return <div ref={host} className="monaco-host" />;
}
