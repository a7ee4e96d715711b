/* Monaco, bundled (no CDN): the slim editor API, the contributions this app
   uses, its editor worker, and the scenario language. Imported only by the
   lazily loaded editor chunk. */
import * as monaco from 'monaco-editor/editor/editor.api';
import 'monaco-editor/features/hover/register';
import 'monaco-editor/editor/contrib/suggest/browser/suggestController';
import 'monaco-editor/editor/contrib/snippet/browser/snippetController2';
import 'monaco-editor/features/gotoSymbol/register';
import 'monaco-editor/editor/contrib/gotoSymbol/browser/goToCommands';
import 'monaco-editor/features/gotoError/register';
import 'monaco-editor/features/find/register';
import 'monaco-editor/features/bracketMatching/register';
import 'monaco-editor/features/comment/register';
import 'monaco-editor/features/wordHighlighter/register';
import 'monaco-editor/features/folding/register';
import 'monaco-editor/features/contextmenu/register';
import 'monaco-editor/features/clipboard/register';
import 'monaco-editor/features/parameterHints/register';
import 'monaco-editor/features/codeAction/register';
import EditorWorker from 'monaco-editor/editor/editor.worker?worker';
import { languageConfiguration, LANGUAGE_ID, monarchLanguage } from './language';
import { registerProviders } from './providers';

self.MonacoEnvironment = {
  getWorker: () => new EditorWorker({ name: 'monaco-editor' }),
};

monaco.languages.register({ id: LANGUAGE_ID, extensions: ['.c'], aliases: ['Scenario C'] });
monaco.languages.setLanguageConfiguration(LANGUAGE_ID, languageConfiguration);
monaco.languages.setMonarchTokensProvider(LANGUAGE_ID, monarchLanguage as Parameters<typeof monaco.languages.setMonarchTokensProvider>[1]);
registerProviders(monaco);

monaco.editor.defineTheme('wdkm-light', {
  base: 'vs',
  inherit: true,
  rules: [
    { token: 'predefined', foreground: '795E26' },
    { token: 'constant', foreground: '0070C1' },
    { token: 'type', foreground: '267F99' },
    { token: 'keyword.directive', foreground: 'AF00DB' },
  ],
  colors: {},
});
monaco.editor.defineTheme('wdkm-dark', {
  base: 'vs-dark',
  inherit: true,
  rules: [
    { token: 'predefined', foreground: 'DCDCAA' },
    { token: 'constant', foreground: '4FC1FF' },
    { token: 'type', foreground: '4EC9B0' },
    { token: 'keyword.directive', foreground: 'C586C0' },
  ],
  colors: {},
});

export { monaco };
