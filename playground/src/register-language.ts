/** Registers the leadscore language with Monaco: its tokenizer, its configuration and the page's theme. */
import { monaco } from './monaco.js';
import { languageConfiguration, languageId, monarchLanguage } from './language.js';

export function registerLanguage(): void {
  monaco.languages.register({ id: languageId, extensions: ['.score'] });
  monaco.languages.setMonarchTokensProvider(languageId, monarchLanguage());
  monaco.languages.setLanguageConfiguration(languageId, languageConfiguration);
  monaco.editor.defineTheme('leadscore', {
    base: 'vs',
    inherit: true,
    colors: {},
    rules: [
      { token: 'keyword.soft', foreground: '8250df' },
      { token: 'type.section', foreground: '953800', fontStyle: 'bold' },
      { token: 'string.invalid', foreground: 'cf222e', fontStyle: 'underline' },
      { token: 'number.invalid', foreground: 'cf222e', fontStyle: 'underline' },
    ],
  });
}
