import { css } from 'lit';
import { tokens } from '../../styles/tokens.js';
import { fieldBox } from '../../styles/fields.js';
import { attachmentStyles } from '../../controllers/attachments-view.js';

/**
 * A work surface, not a page: the desk fills the height it is given (the /agent page gives it the
 * viewport), the queue and the open ticket scroll on their own, so nothing overlaps at 1024 px and
 * nothing shifts when data arrives (skeletons keep the size). The ticket's actions (booking, status,
 * reclassify) stay in a column beside the thread down to a 1024 px laptop, so booking time never
 * needs scrolling past the thread: the queue narrows first (container queries on the desk's own
 * width, so an embedding page's width counts, not the window's), and the side column drops below
 * only when the ticket pane is narrower than 640 px (a tablet).
 */
const desk = css`
  :host {
    display: block;
    height: 100%;
    min-height: 480px;
    line-height: 1.4;
    font-size: 14px;
    background: var(--_surface-2);
  }
  h1, h2, h3, p, dl, dd, ol, ul { margin: 0; }
  ol, ul { padding: 0; list-style: none; }
  h1 { font-size: 1.15em; font-weight: 600 !important; }
  h2 { font-size: 1.2em; font-weight: 600 !important; display: flex; gap: calc(var(--_space) * 2); align-items: baseline; flex-wrap: wrap; }
  h3 { font-size: 1em; font-weight: 600 !important; margin-block-end: calc(var(--_space) * 2); display: flex; gap: var(--_space); align-items: center; }
  strong { font-weight: 600 !important; }
  .muted { color: var(--_muted); }
  .small { font-size: 0.9em; }
  .mono { font-family: ui-monospace, monospace; font-size: 0.9em; overflow-wrap: anywhere; }
  .diag-log { max-height: 14em; overflow: auto; margin: 0; padding: calc(var(--_space) * 2); white-space: pre-wrap; border: 1px solid var(--_border); border-radius: calc(var(--_radius) - 4px); background: var(--_surface-2); }
  .desk { display: grid; grid-template-rows: auto minmax(0, 1fr) auto; height: 100%; container: desk / inline-size; }
  .bar {
    display: flex; align-items: center; gap: calc(var(--_space) * 4); flex-wrap: wrap;
    padding-block: calc(var(--_space) * 2); padding-inline: calc(var(--_space) * 4);
    background: var(--_surface); border-block-end: 1px solid var(--_border);
  }
  [role='tablist'] { display: flex; gap: var(--_space); }
  [role='tab'] {
    font: inherit; color: var(--_text); background: transparent; border: 1px solid transparent; border-radius: calc(var(--_radius) - 2px);
    padding-block: calc(var(--_space) * 1.5); padding-inline: calc(var(--_space) * 3); cursor: pointer; min-height: 32px;
  }
  [role='tab'][aria-selected='true'] { background: var(--_surface-2); border-color: var(--_border); font-weight: 600 !important; }
  .live { margin-inline-start: auto; font-size: 0.9em; color: var(--_muted); display: flex; align-items: center; gap: var(--_space); }
  .live::before { content: ''; width: 8px; height: 8px; border-radius: 50%; background: var(--_low); }
  .live.on::before { background: var(--_ok); }
  .panel { min-height: 0; }
  .shortcuts { padding-block: var(--_space); padding-inline: calc(var(--_space) * 4); font-size: 0.85em; background: var(--_surface); border-block-start: 1px solid var(--_border); }
  .split { display: grid; grid-template-columns: 280px minmax(0, 1fr); height: 100%; min-height: 0; }
  @container desk (min-width: 1200px) { .split { grid-template-columns: 340px minmax(0, 1fr); } }
  @container desk (min-width: 1400px) { .split { grid-template-columns: 400px minmax(0, 1fr); } }
  .queue {
    display: flex; flex-direction: column; gap: calc(var(--_space) * 3); min-height: 0; overflow: auto;
    padding: calc(var(--_space) * 3); background: var(--_surface); border-inline-end: 1px solid var(--_border);
  }
  .ticket { min-height: 0; overflow: auto; padding: calc(var(--_space) * 4); container-type: inline-size; }
  .filters { display: flex; flex-direction: column; gap: calc(var(--_space) * 2); }
  .chips { display: flex; flex-wrap: wrap; gap: var(--_space); }
  .chip {
    font: inherit; font-size: 0.9em; color: var(--_text); background: var(--_surface); cursor: pointer; min-height: 28px;
    border: 1px solid var(--_border); border-radius: 999px; padding-inline: calc(var(--_space) * 2.5);
  }
  .chip[aria-pressed='true'] { background: var(--_primary); color: var(--_on-primary); border-color: var(--_primary); }
  .row { display: flex; flex-wrap: wrap; gap: calc(var(--_space) * 2); align-items: end; }
  .row.to-end { justify-content: flex-end; }
  .row > label { flex: 1 1 90px; min-width: 0; }
  .row > label.narrow { flex: 0 1 100px; }
  /* A select with long options ("Kategorie: berechnet", "Wartet auf Kunde") takes its own line in the
     280 px side column at 1024 px instead of cutting its text; beside its neighbour from 320 px on. */
  .row > label.wide { flex-basis: 160px; }
  .grow { flex: 1 1 auto; }
  label { display: flex; flex-direction: column; gap: var(--_space); font-size: 0.9em; color: var(--_muted); }
  input, select, textarea { ${fieldBox} padding-inline: calc(var(--_space) * 2); width: 100%; font-size: 14px; }
  textarea { padding-block: calc(var(--_space) * 2); resize: vertical; }
  [aria-invalid='true'] { border-color: var(--_danger); border-width: 2px; }
  .list { display: flex; flex-direction: column; border: 1px solid var(--_border); border-radius: var(--_radius); overflow: hidden; }
  .list:focus-visible { outline-offset: -2px; }
  .row-item {
    display: grid; gap: 2px; padding-block: calc(var(--_space) * 2); padding-inline: calc(var(--_space) * 3);
    border-block-end: 1px solid var(--_border); cursor: pointer; border-inline-start: 4px solid transparent;
  }
  .row-item:last-child { border-block-end: 0; }
  .row-item.urgent { border-inline-start-color: var(--_danger); }
  .row-item[aria-selected='true'] { background: var(--_surface-2); }
  .row-item.active { box-shadow: inset 0 0 0 2px var(--_focus); }
  .line1 { display: flex; gap: calc(var(--_space) * 2); align-items: center; font-size: 0.9em; }
  .line1 .status { margin-inline-start: auto; }
  .subject { font-weight: 600 !important; overflow: hidden; text-overflow: ellipsis; white-space: nowrap !important; }
  .meta { font-size: 0.85em; }
  .pill {
    display: inline-block; font-size: 0.85em; padding-inline: calc(var(--_space) * 2); border-radius: 999px;
    border: 1px solid var(--_border); color: var(--_text); font-weight: normal !important;
  }
  .pill.danger { color: var(--_danger); border-color: var(--_danger); }
  .pill.ok { color: var(--_ok); border-color: var(--_ok); }
  .stars { color: var(--_primary); letter-spacing: 0.1em; }
  .stars .off { color: var(--_border); }
  .status { font-size: 0.85em; color: var(--_muted); }
  .status.s-new { color: var(--_primary); font-weight: 600 !important; }
  .empty { color: var(--_muted); padding: calc(var(--_space) * 6); text-align: center !important; }
  .skeleton.list { height: 420px; }
  .skeleton.block { height: 600px; }
  .error { display: flex; flex-direction: column; gap: calc(var(--_space) * 2); align-items: start; color: var(--_danger); padding: calc(var(--_space) * 4); }
  .ticket-view { display: flex; flex-direction: column; gap: calc(var(--_space) * 4); max-width: 1200px; }
  .t-head { display: flex; flex-direction: column; gap: var(--_space); }
  .t-head h2 { font-size: 1.35em; }
  .chips-line { display: flex; gap: calc(var(--_space) * 2); align-items: center; flex-wrap: wrap; }
  .t-grid { display: grid; gap: calc(var(--_space) * 4); grid-template-columns: minmax(0, 1fr); }
  @container (min-width: 640px) { .t-grid { grid-template-columns: minmax(0, 1fr) 280px; align-items: start; } }
  @container (min-width: 880px) { .t-grid { grid-template-columns: minmax(0, 1fr) 320px; } }
  .t-main, .t-side { display: flex; flex-direction: column; gap: calc(var(--_space) * 4); min-width: 0; }
  .facts, .context { display: grid; grid-template-columns: repeat(auto-fit, minmax(180px, 1fr)); gap: calc(var(--_space) * 3); }
  .facts > div, .context > div { min-width: 0; }
  dt { font-size: 0.85em; color: var(--_muted); }
  dd { overflow-wrap: anywhere; }
  .big { font-size: 1.5em; font-weight: 600 !important; }
  .neg { color: var(--_danger); }
  .body { white-space: pre-wrap !important; overflow-wrap: anywhere; }
  .card { background: var(--_surface); border: 1px solid var(--_border); border-radius: var(--_radius); padding: calc(var(--_space) * 3); display: flex; flex-direction: column; gap: calc(var(--_space) * 2); }
  .card h3 { margin: 0; }
  .thread { display: flex; flex-direction: column; gap: calc(var(--_space) * 2); }
  .msg { background: var(--_surface); border: 1px solid var(--_border); border-radius: var(--_radius); padding: calc(var(--_space) * 3); display: flex; flex-direction: column; gap: var(--_space); }
  .msg.support { border-inline-start: 4px solid var(--_primary); }
  .msg.system { background: transparent; border-style: dashed; }
  .msg .meta { color: var(--_muted); }
  .author { font-weight: 600 !important; color: var(--_text); }
  .thumbs { display: flex; gap: calc(var(--_space) * 2); flex-wrap: wrap; }
  .thumb { display: inline-flex; width: 96px; height: 72px; border: 1px solid var(--_border); border-radius: 4px; overflow: hidden; align-items: center; justify-content: center; font-size: 0.8em; }
  .thumb img { width: 100%; height: 100%; object-fit: cover; }
  .preview { min-height: 3.2em; font-size: 0.95em; }
  .warn { color: var(--_low); }
  .outcome:empty { display: none; }
  .outcome.ok { color: var(--_ok); }
  .outcome.bad { color: var(--_danger); font-weight: 600 !important; }
  kbd { font: inherit; font-size: 0.75em; border: 1px solid var(--_border); border-radius: 4px; padding-inline: 4px; color: var(--_muted); }
  table { border-collapse: collapse; width: 100%; }
  th { text-align: start !important; font-weight: 600 !important; font-size: 0.85em; color: var(--_muted); }
  th, td { padding-block: calc(var(--_space) * 1.5); padding-inline: var(--_space); border-block-end: 1px solid var(--_border); vertical-align: top; }
  .end { text-align: end !important; }
  .nowrap { white-space: nowrap !important; }
  tr.active { background: var(--_surface-2); }
  button.link { font: inherit; color: var(--_primary); background: none; border: 0; padding: 0; cursor: pointer; text-decoration: underline; min-height: 24px; text-align: start !important; }
  .outbox { padding: calc(var(--_space) * 4); overflow: auto; height: 100%; display: flex; flex-direction: column; gap: calc(var(--_space) * 3); }
  .mails { display: flex; flex-direction: column; gap: calc(var(--_space) * 2); max-width: 1100px; }
  .mail { background: var(--_surface); border: 1px solid var(--_border); border-radius: var(--_radius); padding: calc(var(--_space) * 3); display: flex; flex-direction: column; gap: var(--_space); align-items: start; }
  .mail.failed { border-inline-start: 4px solid var(--_danger); }
  .mail-head { display: flex; gap: calc(var(--_space) * 2); align-items: baseline; flex-wrap: wrap; }
  .mail-body { white-space: pre-wrap !important; font-family: inherit; margin: 0; }
  .field-error { color: var(--_danger); font-size: 0.9em; font-weight: 600 !important; min-height: 0; }
  .field-error:empty { display: none; }
  summary { cursor: pointer; color: var(--_primary); min-height: 24px; }
`;

export const deskStyles = [tokens, attachmentStyles, desk];
