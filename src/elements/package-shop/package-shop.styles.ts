import { css } from 'lit';

export const styles = css`
  :host {
    display: block;
    --_card-min: var(--cadia-shop-card-min, 15em);
    --_price-size: var(--cadia-shop-price-size, 1.5em);
    --_highlight: var(--cadia-shop-highlight, var(--_primary));
    container-type: inline-size;
  }
  [part='base'] {
    display: flex;
    flex-direction: column;
    gap: calc(var(--_space) * 5);
  }
  h2 {
    font-size: 1.25em;
    margin-block: 0 calc(var(--_space) * 3);
  }
  h3 {
    font-size: 1em;
    margin: 0;
  }
  p {
    margin: 0;
  }
  /* Headings and notices take focus from script: a ring only where the browser shows one (the tokens draw it). */
  [tabindex='-1']:focus:not(:focus-visible) {
    outline: none;
  }
  .grid {
    list-style: none;
    margin: 0;
    padding: 0;
    display: grid;
    grid-template-columns: repeat(auto-fill, minmax(min(100%, var(--_card-min)), 1fr));
    gap: calc(var(--_space) * 3);
  }
  .card {
    display: flex;
    flex-direction: column;
    gap: calc(var(--_space) * 1.5);
    padding: calc(var(--_space) * 4);
    background: var(--_surface);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    min-width: 0;
    overflow-wrap: anywhere;
  }
  .card button {
    margin-block-start: auto;
    align-self: stretch;
  }
  /* Where subgrid works, the rows of neighbouring cards line up (names, prices, savings, buttons). */
  @supports (grid-template-rows: subgrid) {
    .grid .card {
      display: grid;
      grid-template-rows: subgrid;
      grid-row: span var(--_rows, 7);
      align-content: start;
    }
    .grid .offer {
      --_rows: 8;
    }
    .card button {
      align-self: end;
    }
  }
  .card .saving,
  .card .per-unit {
    font-size: 0.875em;
  }
  .card .countdown + button,
  .card .saving + button {
    margin-block-start: calc(var(--_space) * 2);
  }
  .offer {
    border-color: var(--_highlight);
    background: var(--_surface-2);
  }
  .offer.expired,
  .offer.ordered {
    border-color: var(--_border);
    background: var(--_surface);
  }
  .offer.expired .price,
  .offer.expired .minutes,
  .offer.expired .saving {
    color: var(--_muted);
  }
  .target,
  .suggested {
    box-shadow: 0 0 0 3px var(--_highlight);
  }
  .tag {
    display: inline-block;
    align-self: flex-start;
    font-size: 0.8125em;
    font-weight: 600;
    text-transform: uppercase;
    letter-spacing: 0.04em;
    color: var(--_primary);
  }
  .expired .tag {
    color: var(--_muted);
  }
  .desc,
  .muted,
  .per-unit,
  .until {
    color: var(--_muted);
  }
  .minutes {
    font-weight: 600;
  }
  .price-line {
    display: flex;
    flex-wrap: wrap;
    align-items: baseline;
    gap: calc(var(--_space) * 2);
  }
  .price {
    font-size: var(--_price-size);
    font-weight: 600;
    line-height: 1.2;
  }
  .regular {
    color: var(--_muted);
  }
  .saving {
    color: var(--_ok);
    font-weight: 600;
  }
  .saving.none {
    color: var(--_muted);
    font-weight: 400;
  }
  .countdown {
    display: flex;
    flex-direction: column;
    font-size: 0.875em;
  }
  .countdown strong {
    font-size: calc(1em / 0.875);
  }
  .countdown.soon strong {
    color: var(--_low);
  }
  .countdown.over {
    font-weight: 600;
    color: var(--_danger);
  }
  .ordered .countdown.over {
    color: var(--_ok);
  }
  .footnote {
    font-size: 0.875em;
    color: var(--_muted);
  }
  .footnote a {
    color: var(--_primary);
    display: inline-block;
    min-height: 24px;
    padding-block: 2px;
  }
  .notice,
  .error-box {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: calc(var(--_space) * 3);
    padding: calc(var(--_space) * 3) calc(var(--_space) * 4);
    border: 1px solid var(--_border);
    border-inline-start: 4px solid var(--_primary);
    border-radius: var(--_radius);
    background: var(--_surface);
  }
  .notice > p,
  .error-box > p {
    flex: 1 1 16em;
  }
  .error-box {
    border-inline-start-color: var(--_danger);
  }
  /* Loading: the same boxes the content will fill */
  .skeleton-wrap {
    display: flex;
    flex-direction: column;
    gap: calc(var(--_space) * 3);
  }
  .line {
    display: block;
    height: 1em;
    width: 70%;
  }
  .line.heading {
    width: 10em;
    height: 1.3em;
  }
  .line.title {
    width: 55%;
    height: 1.2em;
  }
  .line.price {
    width: 40%;
    height: 1.8em;
  }
  .line.button {
    width: 100%;
    height: 32px;
    margin-block-start: auto;
  }
  .skeleton-card {
    min-height: 14em;
  }
  @media (prefers-reduced-motion: no-preference) {
    .target {
      transition: box-shadow 0.3s ease;
    }
  }
`;
