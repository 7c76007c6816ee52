/**
 * The ERP's diagnostics bundle in the ticket form: exactly what would be sent — program and version,
 * operating system, database, the last lines of the log, the file — and the box that sends it
 * (unticked: nothing of it leaves). Part of the form's category chunk; it shows once a category is
 * chosen, with the other context fields.
 */
import { css, html } from 'lit';
import { texts, type Locale } from '../../i18n/index.js';
import type { ErpDiagnostics } from '../../domain/diagnostics.js';
import { formatSize } from '../../controllers/file-messages.js';
import { renderFileIcon, fileIconStyles } from '../../controllers/file-icon.js';
import { diagnosticsMessages } from './diagnostics-messages.js';

/** What the host handed over: the bundle and, optionally, a file (a log bundle). */
export interface DiagnosticsBundle extends ErpDiagnostics {
  file?: File;
}

export function renderDiagnostics(d: DiagnosticsBundle, included: boolean, lang: Locale, onToggle: (included: boolean) => void) {
  const m = texts(diagnosticsMessages, lang);
  const rows: Array<[string, string]> = [[m.program, [d.program, d.programVersion].filter(Boolean).join(' ')], [m.os, d.os], [m.database, d.database]];
  return html`<fieldset class="group diagnostics" part="diagnostics">
    <legend>${m.legend}</legend>
    <p class="hint">${m.intro}</p>
    <label class="check">
      <input type="checkbox" name="sendDiagnostics" .checked=${included} aria-describedby="diag-hint" @change=${(e: Event) => onToggle((e.target as HTMLInputElement).checked)} />
      <span>${m.include} <span class="hint" id="diag-hint">${m.includeHint}</span></span>
    </label>
    <dl class="diag">
      ${rows.map(([k, v]) => html`<div><dt>${k}</dt><dd>${v || m.logEmpty}</dd></div>`)}
    </dl>
    <p class="diag-label" id="diag-log">${m.log}</p>
    <pre class="diag-log" tabindex="0" role="region" aria-labelledby="diag-log">${d.log || m.logEmpty}</pre>
    ${d.file
      ? html`<p class="diag-file">${renderFileIcon(d.file.type)}<span><span class="sr-only">${m.file}: </span>${d.file.name}</span> <span class="num muted">${formatSize(d.file.size, lang)}</span></p>`
      : ''}
  </fieldset>`;
}

export const diagnosticsStyles = [
  fileIconStyles,
  css`
    .diag {
      display: grid;
      gap: var(--_space);
      margin: calc(var(--_space) * 2) 0;
    }
    .diag div {
      display: flex;
      flex-wrap: wrap;
      gap: 0 calc(var(--_space) * 2);
    }
    .diag dt {
      font-weight: 600;
      min-width: 9em;
    }
    .diag dd {
      margin: 0;
      overflow-wrap: anywhere;
    }
    .diag-label {
      margin: 0 0 var(--_space);
      font-weight: 600;
    }
    .diag-log {
      max-height: 12em;
      overflow: auto;
      margin: 0;
      padding: calc(var(--_space) * 2);
      border: 1px solid var(--_border);
      border-radius: calc(var(--_radius) - 4px);
      background: var(--_surface-2);
      font-size: 0.8125em;
      white-space: pre-wrap;
      overflow-wrap: anywhere;
    }
    .diag-file {
      display: flex;
      align-items: center;
      gap: calc(var(--_space) * 2);
      margin: calc(var(--_space) * 2) 0 0;
      overflow-wrap: anywhere;
    }
    .muted {
      color: var(--_muted);
    }
  `,
];
